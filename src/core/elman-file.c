/* elman-file.c — writing output files safely
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

struct _ElmanFileWriter
{
  char *path;       /* the file that is replaced: a link's target */
  char *tmp_path;   /* NULL when writing a special file in place */
  int   fd;
};

/* @path itself, or the file its chain of symbolic links ends at: saving
 * over "latest.json -> runs/7.json" replaces runs/7.json and keeps the
 * link. Relative targets are relative to the link's folder. */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *target = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (target == NULL)
        break;
      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, target, NULL);
    }
  return g_steal_pointer (&current);
}

/* Removes ".BASE.PID.XXXXXX" files in @dir whose process is gone: what a
 * kill -9 in the middle of a write leaves. A live process's temporaries,
 * and anything not named like one, are left alone. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gsize prefix_len = strlen (prefix);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      const char *rest;
      char *end;
      long pid;

      if (strncmp (name, prefix, prefix_len) != 0)
        continue;
      rest = name + prefix_len;
      pid = strtol (rest, &end, 10);
      if (end == rest || pid <= 0 || *end != '.' || strlen (end + 1) != 6)
        continue;
      if (pid == (long) getpid () || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *stale = g_build_filename (dir, name, NULL);
        g_unlink (stale);
      }
    }
}

int
elman_file_writer_open (const char       *path,
                        ElmanFileWriter **writer)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  ElmanFileWriter *self;

  g_return_val_if_fail (path != NULL, EINVAL);
  g_return_val_if_fail (writer != NULL, EINVAL);

  *writer = NULL;
  self = g_new0 (ElmanFileWriter, 1);
  self->fd = -1;

  /* A device or FIFO: no temporary file, no rename, just write (and see
   * the device's own error, ENOSPC for /dev/full). */
  if (elman_file_is_special (path))
    {
      self->path = g_strdup (path);
      self->fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
    }
  else
    {
      /* A temporary file beside the target (same file system, so the
       * rename is atomic; a dot name keeps it out of listings). */
      target = resolve_links (path);
      dir = g_path_get_dirname (target);
      base = g_path_get_basename (target);
      remove_stale_temporaries (dir, base);
      self->path = g_steal_pointer (&target);
      self->tmp_path = g_strdup_printf ("%s%c.%s.%ld.XXXXXX", dir, G_DIR_SEPARATOR, base,
                                        (long) getpid ());
      /* open() applies the umask to 0666, as for any newly created file. */
      self->fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
    }

  if (self->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->tmp_path, g_free);
      elman_file_writer_abort (self);
      return saved;
    }
  *writer = self;
  return 0;
}

int
elman_file_writer_get_fd (ElmanFileWriter *writer)
{
  g_return_val_if_fail (writer != NULL, -1);

  return writer->fd;
}

void
elman_file_writer_abort (ElmanFileWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->fd >= 0)
    close (writer->fd);
  if (writer->tmp_path != NULL)
    g_unlink (writer->tmp_path);
  g_free (writer->tmp_path);
  g_free (writer->path);
  g_free (writer);
}

int
elman_file_writer_commit (ElmanFileWriter *writer)
{
  int saved = 0;

  g_return_val_if_fail (writer != NULL, EINVAL);

  if (writer->tmp_path != NULL && fsync (writer->fd) != 0 && errno != EINVAL)
    saved = errno;
  if (close (writer->fd) != 0 && saved == 0)
    saved = errno;
  writer->fd = -1;
  if (saved == 0 && writer->tmp_path != NULL && g_rename (writer->tmp_path, writer->path) != 0)
    saved = errno;
  if (saved == 0)
    g_clear_pointer (&writer->tmp_path, g_free);
  elman_file_writer_abort (writer);
  return saved;
}

gboolean
elman_file_write (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  ElmanFileWriter *writer = NULL;
  int saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  saved = elman_file_writer_open (path, &writer);
  if (saved == 0)
    saved = write_all (elman_file_writer_get_fd (writer), data ? data : "", length);
  if (saved == 0)
    saved = elman_file_writer_commit (g_steal_pointer (&writer));
  elman_file_writer_abort (writer);
  if (saved != 0)
    return set_errno_error (error, path, saved);
  return TRUE;
}

gboolean
elman_file_check_writable (const char  *path,
                           GError     **error)
{
  ElmanFileWriter *writer = NULL;
  g_autofree char *target = NULL;
  int saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A FIFO would block an open() until a reader comes: only its rights
   * are checked. */
  if (elman_file_is_special (path))
    return g_access (path, W_OK) == 0 || set_errno_error (error, path, errno);
  /* The rename at the end would fail on a folder. */
  target = resolve_links (path);
  if (g_file_test (target, G_FILE_TEST_IS_DIR))
    return set_errno_error (error, path, EISDIR);
  saved = elman_file_writer_open (path, &writer);
  elman_file_writer_abort (writer);
  if (saved != 0)
    return set_errno_error (error, path, saved);
  return TRUE;
}

/* A byte that occurs in no UTF-8 text: NUL, or one of the bytes no UTF-8
 * sequence uses. */
static gboolean
never_text (guint8 byte)
{
  return byte == 0 || byte == 0xc0 || byte == 0xc1 || byte >= 0xf5;
}

GByteArray *
elman_file_read_fd (int          fd,
                    gsize        max_bytes,
                    gsize        size_hint,
                    gboolean   (*stop) (guint8 byte),
                    int         *error_code)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new ((guint) MIN (size_hint + 1, max_bytes + 1));
  guint8 chunk[65536];

  g_return_val_if_fail (stop != NULL && error_code != NULL, NULL);

  for (;;)
    {
      gssize got = read (fd, chunk, sizeof chunk);
      gsize take;

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          *error_code = errno;
          return NULL;
        }
      if (got == 0)
        break;
      for (take = 0; take < (gsize) got && !stop (chunk[take]); take++)
        ;
      take = MIN (take + 1, (gsize) got);
      if ((gsize) bytes->len + take > max_bytes)
        {
          *error_code = EFBIG;
          return NULL;
        }
      g_byte_array_append (bytes, chunk, (guint) take);
      if (stop (chunk[take - 1]))
        break;
    }
  *error_code = 0;
  return g_steal_pointer (&bytes);
}

gboolean
elman_file_read_text (const char  *path,
                      gsize        max_bytes,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  g_autofree char *display = NULL;
  GStatBuf st;
  int fd, code = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL && length != NULL, FALSE);

  display = g_filename_display_name (path);
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    code = errno;
  else if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > max_bytes)
    code = EFBIG;
  else
    buffer = elman_file_read_fd (fd, max_bytes, S_ISREG (st.st_mode) ? (gsize) st.st_size : 65536,
                                 never_text, &code);
  if (fd >= 0)
    close (fd);

  if (code == EFBIG)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Cannot read “%s”: it is larger than %zu MiB"), display, (size_t) (max_bytes >> 20));
      return FALSE;
    }
  if (code != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (code),
                   _("Cannot read “%s”: %s"), display, g_strerror (code));
      return FALSE;
    }
  if (buffer->len > 0 && never_text (buffer->data[buffer->len - 1]))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("Cannot read “%s”: byte %zu is binary data (0x%02x), not text"),
                   display, (size_t) buffer->len, buffer->data[buffer->len - 1]);
      return FALSE;
    }

  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
  return TRUE;
}
