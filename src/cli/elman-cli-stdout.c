/* elman-cli-stdout.c — every write to standard output, checked
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gprintf.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "elman-cli-private.h"

/* The errno of the first failed write (0: none yet); after it nothing
 * more is written, so a CSV on a full disk stops where it failed. */
static int stdout_errno;
static gboolean stdout_used;
static gboolean stdout_closed;

static void
at_exit (void)
{
  /* GOption's own --help ends the process with exit (0): its output is
   * checked here, and a failure changes the status. */
  if (!stdout_closed && elman_cli_stdout_close (ELMAN_CLI_EXIT_OK) != ELMAN_CLI_EXIT_OK)
    _exit (ELMAN_CLI_EXIT_FAILURE);
}

/**
 * elman_cli_stdout_init:
 *
 * Called first in main(). A pipe whose reader has gone gives EPIPE
 * instead of a silent death by SIGPIPE; a standard descriptor that is
 * not open gets /dev/null opened the wrong way round, so that a file the
 * program opens cannot take its number (the output would go into that
 * file) and writes to it fail (EBADF) instead of vanishing.
 */
void
elman_cli_stdout_init (void)
{
  signal (SIGPIPE, SIG_IGN);
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
    if (fcntl (fd, F_GETFD) < 0 && errno == EBADF)
      {
        int opened = open ("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);

        if (opened >= 0 && opened != fd)
          close (opened);
      }
  atexit (at_exit);
}

/**
 * elman_cli_print:
 * @text: what to write
 * @length: its length in bytes
 *
 * Writes to standard output. After the first failure nothing more is
 * written; elman_cli_stdout_close() reports it.
 *
 * Returns: %FALSE when standard output has failed (now or before)
 */
gboolean
elman_cli_print (const char *text,
                 gsize       length)
{
  if (stdout_errno != 0)
    return FALSE;
  stdout_used = TRUE;
  errno = 0;
  if (length > 0 && fwrite (text, 1, length, stdout) != length)
    {
      stdout_errno = errno != 0 ? errno : EIO;
      return FALSE;
    }
  return TRUE;
}

gboolean
elman_cli_printf (const char *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list ap;
  int length;

  va_start (ap, format);
  length = g_vasprintf (&text, format, ap);
  va_end (ap);
  return length >= 0 && elman_cli_print (text, (gsize) length);
}

/**
 * elman_cli_stdout_close:
 * @status: the command's exit status so far
 *
 * Flushes and closes standard output, so that an error that only shows
 * when the last buffer is written (a full disk, a closed pipe) is seen.
 * On a failure one line on stderr names the cause.
 *
 * Returns: @status, or %ELMAN_CLI_EXIT_FAILURE when anything written to
 *   standard output was lost (a bad command line stays 2)
 */
int
elman_cli_stdout_close (int status)
{
  int saved = stdout_errno;

  if (stdout_closed)
    return status;
  stdout_closed = TRUE;
  if (saved == 0 && fflush (stdout) != 0)
    saved = errno != 0 ? errno : EIO;
  if (saved == 0 && ferror (stdout))
    saved = EIO;
  /* Closing a descriptor that never was open is no loss when nothing was
   * written to it. */
  if (fclose (stdout) != 0 && saved == 0 && (stdout_used || errno != EBADF))
    saved = errno;
  if (saved == 0)
    return status;

  fprintf (stderr, _("%s: cannot write the standard output: %s\n"), g_get_prgname (), g_strerror (saved));
  return status == ELMAN_CLI_EXIT_USAGE ? status : ELMAN_CLI_EXIT_FAILURE;
}
