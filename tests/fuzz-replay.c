/* fuzz-replay.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A main() for libFuzzer targets in builds without libFuzzer (gcc): feeds
 * every file given on the command line, and every file in every directory
 * given, to LLVMFuzzerTestOneInput().  The test suite runs each target's
 * corpus through it, so seeds and crash regressions are replayed on every
 * run (under ASan/UBSan in the sanitizer build).
 *
 *   fuzz-NAME-replay FILE|DIR...
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
replay_file (const char *path,
             guint      *count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  uint8_t *copy;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  /* An exact-size heap copy, so that ASan sees reads past the end. */
  copy = g_memdup2 (contents, length);
  LLVMFuzzerTestOneInput (copy, length);
  g_free (copy);
  (*count)++;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  guint count = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE|DIR...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("%s\n", error->message);
              ok = FALSE;
              continue;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          /* a fixed order, so that a failure is reproducible */
          g_ptr_array_sort (names, compare_names);
          for (guint k = 0; k < names->len; k++)
            if (g_file_test (g_ptr_array_index (names, k), G_FILE_TEST_IS_REGULAR))
              ok &= replay_file (g_ptr_array_index (names, k), &count);
        }
      else
        ok &= replay_file (argv[i], &count);
    }

  g_print ("replayed %u inputs\n", count);
  if (count == 0)
    {
      g_printerr ("no inputs found\n");
      return 1;
    }
  return ok ? 0 : 1;
}
