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

G_END_DECLS
