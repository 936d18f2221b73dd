/* test-file.c — output files written safely, input read with limits
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "elman-file.h"
#include "elman-model.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("elman-file-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* Saving through a symbolic link writes the file it points to; the link
 * stays a link (a rename over the link would replace it with a file). */
static void
test_write_follows_link (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *target = g_build_filename (dir, "run-7.json", NULL);
  g_autofree char *link = g_build_filename (dir, "latest.json", NULL);
  g_autofree char *read_back = NULL;
  g_autofree char *points_to = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("run-7.json", link), ==, 0);

  g_assert_true (elman_file_write (link, "new", 3, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  points_to = g_file_read_link (link, NULL);
  g_assert_cmpstr (points_to, ==, "run-7.json");
  g_assert_true (g_file_get_contents (target, &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, "new");
  g_assert_cmpuint (count_entries (dir), ==, 2);
  remove_dir (dir);
}

/* The pid of a process that has ended (a child that was waited for). */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  return pid;
}

/* A kill -9 during a write leaves ".NAME.PID.XXXXXX": the next write of
 * the same file removes it. A temporary of a process that still runs
 * (this one's parent) and other dot files are kept. */
static void
test_writer_removes_stale_temporaries (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *stale_name = g_strdup_printf (".plot.png.%ld.a1B2c3", (long) dead_pid ());
  g_autofree char *live_name = g_strdup_printf (".plot.png.%ld.d4E5f6", (long) getppid ());
  g_autofree char *stale = g_build_filename (dir, stale_name, NULL);
  g_autofree char *live = g_build_filename (dir, live_name, NULL);
  g_autofree char *other = g_build_filename (dir, ".plot.png.notes", NULL);
  ElmanFileWriter *writer = NULL;

  g_assert_true (g_file_set_contents (stale, "x", -1, NULL));
  g_assert_true (g_file_set_contents (live, "x", -1, NULL));
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));

  g_assert_cmpint (elman_file_writer_open (path, &writer), ==, 0);
  g_assert_cmpint (write (elman_file_writer_get_fd (writer), "png", 3), ==, 3);
  g_assert_cmpint (elman_file_writer_commit (writer), ==, 0);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  remove_dir (dir);
}

/* An aborted writer leaves the old file as it was and no temporary. */
static void
test_writer_abort_keeps_old (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *read_back = NULL;
  ElmanFileWriter *writer = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (elman_file_writer_open (path, &writer), ==, 0);
  g_assert_cmpint (write (elman_file_writer_get_fd (writer), "half", 4), ==, 4);
  elman_file_writer_abort (writer);

  g_assert_true (g_file_get_contents (path, &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, "old");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_dir (dir);
}

/* /dev/zero and /dev/urandom never end: refused at their first bytes. */
static void
test_read_text_refuses_endless_binary (void)
{
  const char *devices[] = { "/dev/zero", "/dev/urandom" };

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_test (devices[i], G_FILE_TEST_EXISTS))
        {
          g_test_skip ("no such device on this machine");
          continue;
        }
      g_assert_false (elman_file_read_text (devices[i], 1024 * 1024, &contents, &length, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
      g_assert_nonnull (strstr (error->message, devices[i]));
      g_assert_nonnull (strstr (error->message, "binary data"));
      g_assert_null (contents);
    }
}

static void
test_read_text_limits (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "text.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "a,b\n1,2\n", -1, NULL));
  g_assert_true (elman_file_read_text (path, 64, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 8);
  g_assert_cmpstr (contents, ==, "a,b\n1,2\n");

  g_assert_false (elman_file_read_text (path, 7, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "1\n2\n\0003\n", 7, NULL));
  g_assert_false (elman_file_read_text (path, 64, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "byte 5"));
  remove_dir (dir);
}

/* json-glib parses by recursion: a model file nested 100 000 levels deep
 * must be refused before it is parsed (it overflowed the stack). */
static void
test_model_depth (void)
{
  GString *text = g_string_new ("{\"format\":\"elman-model\",\"x\":");
  g_autoptr(GError) error = NULL;
  ElmanModel *model;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  model = elman_model_load_from_data (text->str, text->len, &error);
  g_assert_null (model);
  g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_string_free (text, TRUE);
}

/* A wrong "format" is named, but not echoed whole when it is huge. */
static void
test_model_long_format_shortened (void)
{
  GString *text = g_string_new ("{\"format\":\"");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, 'q');
  g_string_append (text, "\"}");

  g_assert_null (elman_model_load_from_data (text->str, text->len, &error));
  g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_nonnull (strstr (error->message, "qqqq…"));
  g_string_free (text, TRUE);
}

static void
test_model_load_dev_zero (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (elman_model_load ("/dev/zero", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "binary data"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/file/write-follows-link", test_write_follows_link);
  g_test_add_func ("/elman/file/stale-temporaries", test_writer_removes_stale_temporaries);
  g_test_add_func ("/elman/file/abort-keeps-old", test_writer_abort_keeps_old);
  g_test_add_func ("/elman/file/read-endless-binary", test_read_text_refuses_endless_binary);
  g_test_add_func ("/elman/file/read-limits", test_read_text_limits);
  g_test_add_func ("/elman/model-file/depth", test_model_depth);
  g_test_add_func ("/elman/model-file/long-format", test_model_long_format_shortened);
  g_test_add_func ("/elman/model-file/dev-zero", test_model_load_dev_zero);

  return g_test_run ();
}
