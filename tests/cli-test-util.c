/* cli-test-util.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdarg.h>
#include <sys/wait.h>

#include "cli-test-util.h"

static char *cli_path;

void
cli_test_init (int    argc,
               char **argv)
{
  g_free (cli_path);
  cli_path = g_strdup (argc > 1 ? argv[1] : g_getenv ("ELMAN_CLI"));
  g_assert_nonnull (cli_path);
  g_assert_true (g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE));
}

void
cli_fixture_set_up (CliFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("elman-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

void
cli_fixture_tear_down (CliFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

char *
cli_fixture_write (CliFixture *f,
                   const char *name,
                   const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

int
cli_run (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list ap;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, cli_path);
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

char **
cli_read_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return g_strsplit (text, "\n", -1);
}
