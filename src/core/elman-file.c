/* elman-file.c — writing output files safely
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elman-file.h"

gboolean
elman_file_is_special (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  /* stat, not lstat: a symbolic link to /dev/null is as special as
   * /dev/null itself. */
  if (g_stat (path, &st) != 0)
    return FALSE;
  return !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode);
}

static gboolean
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* A device or FIFO: no temporary file, no rename, just write (and see
 * the device's own error, ENOSPC for /dev/full). */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        length,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    return set_errno_error (error, path, errno);

  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved = written < 0 ? errno : ENOSPC;

          close (fd);
          return set_errno_error (error, path, saved);
        }
      data += written;
      length -= written;
    }

  if (close (fd) != 0)
    return set_errno_error (error, path, errno);
  return TRUE;
}

gboolean
elman_file_write (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (elman_file_is_special (path))
    return write_in_place (path, data ? data : "", length, error);

  /* GLib writes PATH.XXXXXX, fsyncs it when replacing an existing file,
   * renames it over PATH and unlinks it on any failure. */
  return g_file_set_contents_full (path, data ? data : "", length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0666, error);
}
