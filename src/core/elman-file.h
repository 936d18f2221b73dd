/* elman-file.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @path exists and is something other than a regular file or a
 * directory: a device (/dev/full, /dev/null), a FIFO or a socket. */
gboolean elman_file_is_special (const char  *path);

/* TRUE when @a and @b both exist and are the same file (same device and
 * inode, whatever the names): an output must never replace an input. */
gboolean elman_file_same       (const char  *a,
                                const char  *b);

/* Writes @length bytes of @data to @path so that a reader never sees a
 * part of them: a temporary file beside @path is written, synced and
 * renamed over it, so a previous file is either replaced whole or left
 * untouched, and no temporary file is left behind on an error. When @path
 * is a special file (elman_file_is_special()) it is written in place
 * instead: a rename would replace the device node itself, which root is
 * allowed to do, and /dev/full must fail as a full disk does. Errors are
 * in the G_FILE_ERROR domain and name the file. */
gboolean elman_file_write      (const char  *path,
                                const char  *data,
                                gsize        length,
                                GError     **error);

/* Checks, before any work is done, that elman_file_write() could write
 * @path: its folder exists and a file can be made in it (a temporary
 * file is made and removed at once), or, for a special file, that it may
 * be written; a folder at @path is refused. Errors are those of
 * elman_file_write(). */
gboolean elman_file_check_writable (const char  *path,
                                    GError     **error);

/* An output file written as a stream (a plot surface, a long CSV) with the
 * same promise as elman_file_write(): elman_file_writer_open() gives a
 * descriptor to a temporary file beside the target (or to the target
 * itself when it is special), elman_file_writer_commit() syncs it and
 * renames it into place, elman_file_writer_abort() removes it. A symbolic
 * link is followed: its target is replaced and the link stays a link.
 * Temporaries are named ".NAME.PID.XXXXXX"; opening removes those of the
 * same target left by a process that no longer runs (killed mid-write).
 * Each call returns 0 or the errno of the failure, so that callers word
 * the message in their own domain; commit and abort free @writer. */
typedef struct _ElmanFileWriter ElmanFileWriter;

int      elman_file_writer_open   (const char       *path,
                                   ElmanFileWriter **writer);
int      elman_file_writer_get_fd (ElmanFileWriter  *writer);
int      elman_file_writer_commit (ElmanFileWriter  *writer);
void     elman_file_writer_abort  (ElmanFileWriter  *writer);

/* Reads @fd to its end, at most @max_bytes, stopping right after the
 * first byte for which @stop is TRUE (that byte is kept, last): what
 * comes after it is never read, so an endless device stops at once.
 * Returns the bytes, or %NULL with *@error_code set to the errno of a
 * failed read, or EFBIG when there is more than @max_bytes. The shared
 * reader of model files and of series read from pipes and devices. */
GByteArray *elman_file_read_fd    (int               fd,
                                   gsize             max_bytes,
                                   gsize             size_hint,
                                   gboolean        (*stop) (guint8 byte),
                                   int              *error_code);

/* Reads at most @max_bytes of @path into a NUL-terminated buffer. Text
 * only: a NUL byte, or a byte that never occurs in UTF-8, is refused at
 * once with its offset, so a device or pipe of binary data (/dev/zero,
 * /dev/urandom) is refused at its first bytes instead of read into
 * memory. A file longer than @max_bytes is refused too, whether or not
 * it ever ends. Errors are in the G_FILE_ERROR domain and name the file. */
gboolean elman_file_read_text     (const char       *path,
                                   gsize             max_bytes,
                                   char            **contents,
                                   gsize            *length,
                                   GError          **error);

G_END_DECLS
