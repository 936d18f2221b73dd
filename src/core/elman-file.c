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

gboolean
elman_file_same (const char *a,
                 const char *b)
{
  GStatBuf sa, sb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
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

/* Writes all of @data to @fd; returns 0 or the errno of the failure. */
static int
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return errno;
      if (written == 0)
        return ENOSPC;
      data += written;
      length -= written;
    }
  return 0;
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
  int saved;

  if (fd < 0)
    return set_errno_error (error, path, errno);
  saved = write_all (fd, data, length);
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved != 0)
    return set_errno_error (error, path, saved);
  return TRUE;
}

/* A regular file: write a temporary file beside it (same file system, so
 * the rename is atomic; a dot name keeps it out of listings), sync it,
 * rename it over @path. Any failure removes the temporary file. Messages
 * name @path, not the temporary file. */
static gboolean
write_atomic (const char  *path,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  int fd, saved;

  /* open() applies the umask to 0666, as for any newly created file. */
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, path, errno);

  saved = write_all (fd, data, length);
  if (saved == 0 && fsync (fd) != 0 && errno != EINVAL)
    saved = errno;
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp_path, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (tmp_path);
      return set_errno_error (error, path, saved);
    }
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
  return write_atomic (path, data ? data : "", length, error);
}
