/* test-faults.c — elman-cli against faults from outside
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Each test runs the built elman-cli (its path is the first argument) the
 * way a user would, breaks something on purpose and checks what the user
 * sees: the exit status, a message naming the file and the cause, and the
 * files left behind. The faults: a learning rate far too large, a model
 * that overflows, an input file deleted or truncated after it was chosen,
 * exports to a full disk (/dev/full, and a file-size limit that makes a
 * write fail half-way), exports into a folder that cannot be written, and
 * model files with wrong shapes, non-finite numbers or a window longer
 * than the series.
 *
 * The tests run as root in CI. Root may write into a read-only folder, so
 * there the unwritable places are a path below a regular file and /proc;
 * and root may rename over /dev/full, so the full-disk test writes to a
 * private device node with /dev/full's numbers (1, 7) instead (a normal
 * user gets a symbolic link to /dev/full).
 */

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "elman-model.h"

static const char *cli_path;

typedef struct
{
  char *dir;
  char *series;
} Fixture;

/* The outputs elman-cli can write, each with a name it accepts. */
static const struct
{
  const char *flag;
  const char *name;
} outputs[] = {
  { "--save-model", "model.json" },
  { "--loss-out", "loss.csv" },
  { "--predictions-out", "predictions.csv" },
  { "--plot-out", "plot.png" },
};

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("value\n");

  f->dir = g_dir_make_tmp ("elman-faults-XXXXXX", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 80; i++)
    g_string_append_printf (csv, "%.6f\n", 5 + 2 * sin (i * 0.4));
  f->series = write_file (f->dir, "series.csv", csv->str);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->series);
}

/* A file-size limit below every output elman-cli writes: each write then
 * fails half-way with EFBIG, as on a disk that fills up during the write
 * (and this holds for root too). SIGXFSZ would kill the process instead. */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 64, 64 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs elman-cli with the NULL-terminated arguments; returns its exit
 * status, with its standard error in @err. */
static int
run_cli_full (char        **err,
              gboolean      limited,
              const char   *first,
              va_list       ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) cli_path);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                limited ? limit_file_size : NULL, NULL, &out, err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("elman-cli %s…: %s", first, *err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
run_cli (char       **err,
         const char  *first,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_cli_full (err, FALSE, first, ap);
  va_end (ap);
  return status;
}

static int
run_cli_limited (char       **err,
                 const char  *first,
                 ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_cli_full (err, TRUE, first, ap);
  va_end (ap);
  return status;
}

/* Every field of a CSV file is text, empty or a finite number: no "inf",
 * "nan" or overflowed value. Returns the number of data rows. */
static guint
assert_csv_finite (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint rows = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] && lines[i][0]; i++, rows++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      for (guint k = 0; fields[k]; k++)
        {
          char *end = NULL;
          double v = g_ascii_strtod (fields[k], &end);

          g_assert_null (strstr (fields[k], "inf"));
          g_assert_null (strstr (fields[k], "nan"));
          if (end != fields[k] && *end == '\0')
            g_assert_true (isfinite (v));
        }
    }
  return rows;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, expected);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir))
    n++;
  return n;
}

static gboolean
is_char_device (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISCHR (st.st_mode);
}

/* A learning rate far too large: training stops at the first non-finite
 * loss with a clear message and status 3, and everything written comes
 * from the last good epoch: a finite model, finite losses, finite
 * predictions. */
static void
test_diverge (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *model = g_build_filename (f->dir, "model.json", NULL);
  g_autofree char *loss = g_build_filename (f->dir, "loss.csv", NULL);
  g_autofree char *pred = g_build_filename (f->dir, "predictions.csv", NULL);
  g_autofree char *plot = g_build_filename (f->dir, "plot.png", NULL);
  g_autofree char *forecast = g_build_filename (f->dir, "forecast.csv", NULL);
  g_autofree char *err = NULL, *err2 = NULL, *png = NULL;
  g_autoptr(ElmanModel) kept = NULL;
  g_autoptr(GError) error = NULL;
  gsize png_length;
  guint epochs;

  g_assert_cmpint (run_cli (&err, "train", "--preset", "seed", "--init", "glorot", "-T", "4", "-K", "1",
                            "-J", "4", "--learning-rate", "1e5", "--epochs", "200", "--quiet",
                            "--save-model", model, "--loss-out", loss, "--predictions-out", pred,
                            "--plot-out", plot, f->series, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "diverged"));
  g_assert_nonnull (strstr (err, "smaller learning rate"));

  kept = elman_model_load (model, &error);
  g_assert_no_error (error);
  g_assert_true (elman_model_is_finite (kept));

  /* It stopped early, and only finite losses were written. */
  epochs = assert_csv_finite (loss);
  g_assert_cmpuint (epochs, >=, 1);
  g_assert_cmpuint (epochs, <, 200);
  g_assert_cmpuint (assert_csv_finite (pred), ==, 80);

  g_assert_true (g_file_get_contents (plot, &png, &png_length, NULL));
  g_assert_cmpuint (png_length, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);

  /* With a forecast asked for, the same contract: status 3, and the
   * forecast of the last good model written with the rest. */
  g_unlink (model);
  g_unlink (loss);
  g_unlink (pred);
  g_assert_cmpint (run_cli (&err2, "train", "--preset", "seed", "--init", "glorot", "-T", "4", "-K", "1",
                            "-J", "4", "--learning-rate", "1e5", "--epochs", "200", "--quiet",
                            "--save-model", model, "--loss-out", loss, "--predictions-out", pred,
                            "--forecast", "5", "--forecast-out", forecast, f->series, NULL), ==, 3);
  g_assert_nonnull (strstr (err2, "diverged"));
  g_assert_true (g_file_test (model, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (assert_csv_finite (loss), ==, epochs);
  g_assert_cmpuint (assert_csv_finite (pred), ==, 85);
  g_assert_cmpuint (assert_csv_finite (forecast), ==, 5);
}

/* A model whose output overflows on this series (huge V and scale):
 * a forecast is refused with a message and nothing is written; the
 * predictions CSV leaves the non-finite predictions empty. */
static void
test_overflowing_model (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *model = write_file (f->dir, "huge.json",
    "{\"format\":\"elman-model\",\"version\":1,\"window\":4,\"horizon\":1,\"hidden\":1,"
    "\"W\":[[0]],\"U\":[[1,1,1,1]],\"V\":[[1.7e308]],\"bias_hidden\":[0],\"bias_output\":[1.7e308],"
    "\"normalization\":{\"method\":\"zscore\",\"offset\":1e308,\"scale\":1e10}}");
  g_autofree char *forecast = write_file (f->dir, "forecast.csv", "previous\n");
  g_autofree char *pred = g_build_filename (f->dir, "predictions.csv", NULL);
  g_autofree char *plot = g_build_filename (f->dir, "plot.png", NULL);
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL, *png = NULL;
  gsize png_length;

  g_assert_cmpint (run_cli (&err, "forecast", "--model", model, "--steps", "3", "--output", forecast,
                            f->series, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a finite number"));
  assert_file_contents (forecast, "previous\n");

  /* Training from it: the loss of the very first epoch is not finite
   * (status 3, and the learning rate is not blamed: no update was made).
   * With a forecast, as without one, the outputs of the last good model
   * are written; only the forecast, which overflows, is not (the previous
   * file stays). */
  g_assert_cmpint (run_cli (&err2, "train", "-T", "4", "-K", "1", "-J", "1", "--bias",
                            "--epochs", "1", "--optimizer", "sgd", "--learning-rate", "1e-300", "--quiet",
                            "--init-model", model, "--forecast", "2", "--forecast-out", forecast,
                            "--predictions-out", pred, f->series, NULL), ==, 3);
  g_assert_nonnull (strstr (err2, "before any update"));
  g_assert_null (strstr (err2, "learning rate"));
  g_assert_nonnull (strstr (err2, "no forecast: The forecast is not a finite number"));
  assert_file_contents (forecast, "previous\n");
  g_assert_cmpuint (assert_csv_finite (pred), ==, 80);
  g_unlink (pred);

  /* Without a forecast the same: status 3, the predictions file holds no
   * inf and the plot is drawn without the predictions that overflow. */
  g_assert_cmpint (run_cli (&err3, "train", "-T", "4", "-K", "1", "-J", "1", "--bias",
                            "--epochs", "1", "--optimizer", "sgd", "--learning-rate", "1e-300", "--quiet",
                            "--init-model", model, "--predictions-out", pred, "--plot-out", plot,
                            f->series, NULL), ==, 3);
  g_assert_cmpuint (assert_csv_finite (pred), ==, 80);
  g_assert_true (g_file_get_contents (plot, &png, &png_length, NULL));
  g_assert_cmpuint (png_length, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
}

/* A value whose square overflows (above ~1.3e154) made the first epoch's
 * loss infinite, blamed on the learning rate, and a forecast of zeros.
 * Such values are refused when the file is read, naming value and line;
 * values up to the limit train and forecast finite numbers. */
static void
test_huge_values (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) outlier = g_string_new ("value\n");
  g_autoptr(GString) scaled = g_string_new ("value\n");
  g_autofree char *outlier_path = NULL, *scaled_path = NULL, *forecast = NULL;
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL;

  for (int i = 0; i < 80; i++)
    {
      g_string_append_printf (outlier, i == 40 ? "2e154\n" : "%.6f\n", 5 + 2 * sin (i * 0.4));
      g_string_append_printf (scaled, "%.6e\n", (5 + 2 * sin (i * 0.4)) * 1e99);
    }
  outlier_path = write_file (f->dir, "outlier.csv", outlier->str);
  scaled_path = write_file (f->dir, "scaled.csv", scaled->str);
  forecast = g_build_filename (f->dir, "forecast.csv", NULL);

  g_assert_cmpint (run_cli (&err, "train", "-T", "4", "-K", "1", "-J", "3", "--epochs", "20", "--quiet",
                            "--forecast", "3", outlier_path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "outlier.csv:42:"));
  g_assert_nonnull (strstr (err, "2e154"));
  g_assert_nonnull (strstr (err, "out of range"));
  g_assert_null (strstr (err, "learning rate"));

  /* At most 7e99: trains, and the forecast is of the data's size. */
  g_assert_cmpint (run_cli (&err2, "train", "-T", "4", "-K", "1", "-J", "3", "--epochs", "50", "--quiet",
                            "--forecast", "3", "--forecast-out", forecast, scaled_path, NULL), ==, 0);
  g_assert_cmpuint (assert_csv_finite (forecast), ==, 3);
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_file_get_contents (forecast, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    for (guint i = 1; i <= 3; i++)
      {
        const char *value = strrchr (lines[i], ',') + 1;

        g_assert_cmpfloat (fabs (g_ascii_strtod (value, NULL)), >, 1e97);
      }
  }
  g_assert_cmpint (run_cli (&err3, "train", "--preset", "seed", "-T", "4", "-K", "1", "-J", "3", "--epochs", "50",
                            "--quiet", scaled_path, NULL), ==, 0);
}

/* Outputs are checked before the work: a folder that does not exist
 * fails at once with the name of the output, before the series is even
 * read (the series here does not exist either). */
static void
test_outputs_checked_first (Fixture       *f,
                            gconstpointer  data)
{
  const char *flags[] = { "--save-model", "--loss-out", "--predictions-out", "--plot-out", "--forecast-out",
                          "--metrics-out", "--test-forecasts-out" };
  g_autofree char *missing = g_build_filename (f->dir, "no-such-series.csv", NULL);
  g_autofree char *model = g_build_filename (f->dir, "model.json", NULL);
  g_autofree char *err2 = NULL, *err3 = NULL, *err4 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autofree char *target = g_build_filename (f->dir, "no-such-folder", "out.png", NULL);
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (&err, "train", "--quiet", "--forecast", "2", flags[i], target, missing, NULL), ==, 1);
      g_assert_nonnull (strstr (err, target));
      g_assert_nonnull (strstr (err, g_strerror (ENOENT)));
      g_assert_null (strstr (err, "no-such-series"));
    }

  /* A folder as the output, and forecast --output. */
  g_assert_cmpint (run_cli (&err2, "train", "--quiet", "--save-model", f->dir, missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, g_strerror (EISDIR)));
  g_assert_cmpint (run_cli (&err3, "forecast", "--model", model, "--output", "/nonexistent/f.csv", f->series,
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err3, "/nonexistent/f.csv"));
  g_assert_null (strstr (err3, "model.json"));
  /* Nothing was left behind by the checks. */
  g_assert_cmpint (run_cli (&err4, "train", "-T", "4", "-K", "1", "-J", "2", "--epochs", "2", "--quiet",
                            "--save-model", model, f->series, NULL), ==, 0);
  g_assert_cmpuint (count_entries (f->dir), ==, 2);
}

/* Where a child's standard output goes. */
typedef enum
{
  SINK_FULL,         /* /dev/full: ENOSPC */
  SINK_CLOSED_PIPE,  /* a pipe nobody reads: EPIPE (SIGPIPE ignored) */
  SINK_CLOSED,       /* no descriptor 1 at all */
} Sink;

static void
redirect_stdout (gpointer user_data)
{
  Sink sink = GPOINTER_TO_INT (user_data);
  int fds[2];

  if (sink == SINK_FULL)
    {
      int fd = open ("/dev/full", O_WRONLY);

      dup2 (fd, STDOUT_FILENO);
      close (fd);
    }
  else if (sink == SINK_CLOSED_PIPE && pipe (fds) == 0)
    {
      close (fds[0]);
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[1]);
    }
  else
    close (STDOUT_FILENO);
}

/* Every command that prints to standard output, with standard output on
 * a full disk, on a pipe whose reader has gone and closed: each ends
 * with status 1 and one line saying why, never 0 and never a signal. */
static void
test_stdout_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *model = g_build_filename (f->dir, "model.json", NULL);
  g_autofree char *err = NULL;
  const char *const commands[][14] = {
    { "forecast", "--model", model, f->series },
    { "forecast", "--model", model, "--steps", "20000", f->series },
    { "train", "-T", "4", "-K", "1", "-J", "2", "--epochs", "3", f->series },
    { "train", "-T", "4", "-K", "1", "-J", "2", "--epochs", "3", "--quiet", "--forecast", "20", f->series },
    { "inspect", f->series },
    { "inspect", "--json", f->series },
    { "--help" },
    { "--version" },
    { "train", "--help" },
    { "forecast", "--help" },
    { "inspect", "--help" },
  };
  const int expected[] = { ENOSPC, EPIPE, EBADF };

  g_assert_cmpint (run_cli (&err, "train", "-T", "4", "-K", "1", "-J", "2", "--epochs", "3", "--quiet",
                            "--save-model", model, f->series, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    for (int sink = SINK_FULL; sink <= SINK_CLOSED; sink++)
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new ();
        g_autoptr(GError) error = NULL;
        g_autofree char *out = NULL, *child_err = NULL;
        int status = -1;

        g_ptr_array_add (argv, (char *) cli_path);
        for (guint k = 0; k < G_N_ELEMENTS (commands[i]) && commands[i][k]; k++)
          g_ptr_array_add (argv, (char *) commands[i][k]);
        g_ptr_array_add (argv, NULL);

        g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, redirect_stdout,
                      GINT_TO_POINTER (sink), NULL, &child_err, &status, &error);
        g_assert_no_error (error);
        g_test_message ("%s %s, sink %d: status %d: %s", commands[i][0], commands[i][1] ? commands[i][1] : "",
                        sink, status, child_err);
        g_assert_true (WIFEXITED (status));
        g_assert_cmpint (WEXITSTATUS (status), ==, 1);
        g_assert_nonnull (strstr (child_err, "cannot write the standard output"));
        /* GOption prints its own --help: the cause is then only known as
         * an I/O error. */
        if (!strstr (child_err, g_strerror (EIO)))
          g_assert_nonnull (strstr (child_err, g_strerror (expected[sink])));
      }

  /* Nothing for standard output, and it is closed: no error, and the
   * file opened for the CSV never takes descriptor 1. */
  {
    g_autofree char *csv = g_build_filename (f->dir, "forecast.csv", NULL);
    const char *argv[] = { cli_path, "forecast", "--model", model, "--steps", "3", "--output", csv, f->series, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *child_err = NULL;
    int status = -1;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, redirect_stdout, GINT_TO_POINTER (SINK_CLOSED),
                  NULL, &child_err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_assert_cmpuint (assert_csv_finite (csv), ==, 3);
  }
}

/* The input file vanishes or shrinks between being chosen and being read:
 * a one-line message names the file and what is wrong. */
static void
test_input_deleted (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (g_unlink (f->series), ==, 0);
  g_assert_cmpint (run_cli (&err, "train", "-T", "4", "--quiet", f->series, NULL), ==, 1);
  g_assert_nonnull (strstr (err, f->series));
  g_assert_nonnull (strstr (err, g_strerror (ENOENT)));
  /* One line: its only line end is the last character. */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_input_truncated (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL;
  g_autofree char *quoted = write_file (f->dir, "quoted.csv", "date,value\n2020-01-01,1.5\n2020-01-02,2\n");

  /* Emptied. */
  g_assert_cmpint (truncate (f->series, 0), ==, 0);
  g_assert_cmpint (run_cli (&err, "train", "-T", "4", "--quiet", f->series, NULL), ==, 1);
  g_assert_nonnull (strstr (err, f->series));
  g_assert_nonnull (strstr (err, "empty"));

  /* Cut after three values: too short, and the message says how many
   * values are needed. */
  g_assert_true (g_file_set_contents (f->series, "value\n1\n2\n3\n", -1, NULL));
  g_assert_cmpint (run_cli (&err2, "train", "-T", "4", "-K", "1", "--quiet", f->series, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, f->series));
  g_assert_nonnull (strstr (err2, "needs at least 5 values"));

  /* Cut inside a quoted field: the line of the open quote is named. */
  g_assert_true (g_file_set_contents (quoted, "date,value\n2020-01-01,1.5\n\"2020-01-02,2", -1, NULL));
  g_assert_cmpint (run_cli (&err3, "train", "-T", "1", "-K", "1", "--quiet", quoted, NULL), ==, 1);
  g_assert_nonnull (strstr (err3, "quoted.csv:3:"));
  g_assert_nonnull (strstr (err3, "quoted"));
}

/* A large file (mapped, not read) truncated by another program while it
 * is parsed: the pages past the new end fault. Whenever the truncation
 * lands, elman-cli ends normally: status 0 (it was read before), or 1
 * with a message naming the file; never a signal. */
static void
test_input_truncated_while_read (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("value\n");
  guint delays_ms[] = { 0, 5, 20, 60 };

  /* 2.4 million rows, about 24 MB: above the loader's 16 MiB mapping
   * threshold. */
  for (guint i = 0; i < 2400000; i++)
    g_string_append_printf (csv, "%.6f\n", (double) (i % 1000) / 7.0);

  for (guint k = 0; k < G_N_ELEMENTS (delays_ms); k++)
    {
      const char *argv[] = { cli_path, "inspect", big, NULL };
      g_autoptr(GError) error = NULL;
      int out_fd, err_fd, status;
      GPid pid;
      char buf[4096];
      gssize got;

      g_assert_true (g_file_set_contents (big, csv->str, csv->len, NULL));
      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                NULL, &out_fd, &err_fd, &error);
      g_assert_no_error (error);
      g_usleep (delays_ms[k] * 1000);
      g_assert_cmpint (truncate (big, 100), ==, 0);

      /* Drain the output so that the child never blocks on a full pipe. */
      while ((got = read (out_fd, buf, sizeof buf)) > 0)
        ;
      got = read (err_fd, buf, sizeof buf - 1);
      buf[MAX (got, 0)] = '\0';
      close (out_fd);
      close (err_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_test_message ("truncated after %u ms: status %d: %s", delays_ms[k], status, buf);

      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), <=, 1);
      if (WEXITSTATUS (status) == 1)
        g_assert_nonnull (strstr (buf, "big.csv"));
    }
}

/* An export to a full disk: the error names the file and ENOSPC, the
 * device is still a device (nothing renamed over it), nothing else is
 * left in the folder. */
static void
test_export_dev_full (Fixture       *f,
                      gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *target = NULL;
      g_autofree char *err = NULL;
      guint before = count_entries (f->dir);

      /* Root gets a private node, so that a regression cannot replace the
       * machine's /dev/full; otherwise (no right to make one) a symbolic
       * link to /dev/full, which also gives the plot the name it needs. */
      target = g_build_filename (f->dir, outputs[i].name, NULL);
      if (getuid () != 0 || mknod (target, S_IFCHR | 0666, makedev (1, 7)) != 0)
        g_assert_cmpint (symlink ("/dev/full", target), ==, 0);
      before++;

      g_assert_cmpint (run_cli (&err, "train", "-T", "4", "-K", "1", "-J", "3", "--epochs", "3", "--quiet",
                                outputs[i].flag, target, f->series, NULL), ==, 1);
      g_assert_nonnull (strstr (err, target));
      g_assert_nonnull (strstr (err, g_strerror (ENOSPC)));
      g_assert_true (is_char_device (target));
      g_assert_cmpuint (count_entries (f->dir), ==, before);
      g_unlink (target);
    }
  g_assert_true (is_char_device ("/dev/full"));
}

/* A write that fails half-way (the disk fills up): the error is shown,
 * the previous file at that path is untouched and no partial or
 * temporary file is left. */
static void
test_export_disk_full_keeps_previous (Fixture       *f,
                                      gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *target = write_file (f->dir, outputs[i].name, "previous\n");
      g_autofree char *err = NULL;
      guint before = count_entries (f->dir);

      g_assert_cmpint (run_cli_limited (&err, "train", "-T", "4", "-K", "1", "-J", "3", "--epochs", "3",
                                        "--quiet", outputs[i].flag, target, f->series, NULL), ==, 1);
      g_assert_nonnull (strstr (err, outputs[i].name));
      g_assert_nonnull (strstr (err, g_strerror (EFBIG)));
      assert_file_contents (target, "previous\n");
      g_assert_cmpuint (count_entries (f->dir), ==, before);
    }
}

/* An export into a folder that cannot be written: the error names the
 * file, nothing is created. As a normal user the folder is read-only and
 * holds a previous file, which stays as it was; root writes into
 * read-only folders, so there the folder is a regular file
 * ("file/out.csv") or /proc. */
static void
test_export_unwritable_dir (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *plain = write_file (f->dir, "plain-file", "not a folder\n");

  g_assert_cmpint (g_mkdir (locked, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

      if (getuid () == 0)
        {
          g_ptr_array_add (targets, g_build_filename (plain, outputs[i].name, NULL));
          g_ptr_array_add (targets, g_build_filename ("/proc", outputs[i].name, NULL));
        }
      else
        {
          g_autofree char *previous = write_file (locked, outputs[i].name, "previous\n");

          g_assert_cmpint (g_chmod (locked, 0555), ==, 0);
          g_ptr_array_add (targets, g_steal_pointer (&previous));
        }

      for (guint k = 0; k < targets->len; k++)
        {
          const char *target = g_ptr_array_index (targets, k);
          g_autofree char *err = NULL;

          g_assert_cmpint (run_cli (&err, "train", "-T", "4", "-K", "1", "-J", "3", "--epochs", "3", "--quiet",
                                    outputs[i].flag, target, f->series, NULL), ==, 1);
          g_assert_nonnull (strstr (err, target));
          if (getuid () == 0)
            g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
          else
            assert_file_contents (target, "previous\n");
        }
      g_chmod (locked, 0755);
    }
  /* Only what the test made itself: the series, the plain file, the
   * folder (and in it the previous files of a normal user). */
  g_assert_cmpuint (count_entries (f->dir), ==, 3);
  assert_file_contents (plain, "not a folder\n");
}

/* An output named like an input (another name for the same file, too):
 * refused before anything is written, the input unchanged. */
static void
test_output_over_input (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *alias = g_build_filename (f->dir, "alias.csv", NULL);
  g_autofree char *model = g_build_filename (f->dir, "model.json", NULL);
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL, *err4 = NULL;

  g_assert_true (g_file_get_contents (f->series, &before, NULL, NULL));
  g_assert_cmpint (link (f->series, alias), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (run_cli (&out, "train", "-T", "4", "--epochs", "2", "--quiet",
                                outputs[i].flag, alias, f->series, NULL), ==, 2);
      g_assert_nonnull (strstr (out, "series file"));
      assert_file_contents (f->series, before);
    }

  g_assert_cmpint (run_cli (&err, "train", "-T", "4", "-K", "1", "-J", "2", "--epochs", "2", "--quiet",
                            "--save-model", model, f->series, NULL), ==, 0);
  g_assert_cmpint (run_cli (&err2, "forecast", "--model", model, "--output", alias, f->series, NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "input file"));
  g_assert_cmpint (run_cli (&err3, "forecast", "--model", model, "--output", model, f->series, NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "input file"));
  assert_file_contents (f->series, before);
  g_assert_cmpint (run_cli (&err4, "forecast", "--model", model, f->series, NULL), ==, 0);
}

/* Model files that cannot be used: each refused with exit status 1 and a
 * message naming the file and the field. */
static void
test_model_files (Fixture       *f,
                  gconstpointer  data)
{
  const struct
  {
    const char *name;
    const char *json;
    const char *expect;
  } cases[] = {
    { "shape.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":2,\"horizon\":1,\"hidden\":2,"
      "\"W\":[[0.5,-0.25]],\"U\":[[1,-1],[0.5,2]],\"V\":[[0.75,-0.5]]}",
      "“W” has 1 rows instead of 2" },
    { "row.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":2,\"horizon\":1,\"hidden\":2,"
      "\"W\":[[0.5,-0.25],[1,2]],\"U\":[[1,-1],[0.5]],\"V\":[[0.75,-0.5]]}",
      "Row 2 of the matrix “U”" },
    { "nan.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":1,\"horizon\":1,\"hidden\":1,"
      "\"W\":[[\"NaN\"]],\"U\":[[1]],\"V\":[[1]]}",
      "“W” holds something that is not a finite number" },
    { "inf.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":1,\"horizon\":1,\"hidden\":1,"
      "\"W\":[[1]],\"U\":[[1e999]],\"V\":[[1]]}",
      "“U” holds a number that is not finite" },
    { "bias.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":1,\"horizon\":1,\"hidden\":1,"
      "\"W\":[[1]],\"U\":[[1]],\"V\":[[1]],\"bias_hidden\":[1]}",
      "“bias_output” is missing" },
    { "two.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":1,\"horizon\":1,\"hidden\":1,"
      "\"W\":[[1]],\"U\":[[1]],\"V\":[[1]]}\n{}",
      "line 2: more text follows the object" },
    { "window.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":100,\"horizon\":1,\"hidden\":1,"
      "\"W\":[[1]],\"U\":[[" "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
      "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
      "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]],\"V\":[[1]]}",
      "needs at least 100 values" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *model = write_file (f->dir, cases[i].name, cases[i].json);
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (&err, "forecast", "--model", model, "--steps", "3", f->series, NULL), ==, 1);
      g_assert_nonnull (strstr (err, strcmp (cases[i].name, "window.json") == 0 ? "series.csv" : cases[i].name));
      g_assert_nonnull (strstr (err, cases[i].expect));
    }

  /* --init-model whose shapes do not match the training asked for. */
  {
    g_autofree char *err = NULL;
    g_autofree char *model = write_file (f->dir, "small.json",
      "{\"format\":\"elman-model\",\"version\":1,\"window\":2,\"horizon\":1,\"hidden\":2,"
      "\"W\":[[0.5,-0.25],[0.125,0]],\"U\":[[1,-1],[0.5,2]],\"V\":[[0.75,-0.5]]}");

    g_assert_cmpint (run_cli (&err, "train", "-T", "4", "-K", "1", "-J", "2", "--quiet", "--init-model", model,
                              f->series, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "T = 2"));
    g_assert_nonnull (strstr (err, "T = 4"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-ELMAN-CLI\n", argv[0]);
      return 2;
    }
  cli_path = argv[1];
  g_assert_true (g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE));

#define ADD(path, fn) g_test_add ("/elman/faults/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("diverge", test_diverge);
  ADD ("overflowing-model", test_overflowing_model);
  ADD ("input-deleted", test_input_deleted);
  ADD ("input-truncated", test_input_truncated);
  ADD ("input-truncated-while-read", test_input_truncated_while_read);
  ADD ("export/dev-full", test_export_dev_full);
  ADD ("export/disk-full-keeps-previous", test_export_disk_full_keeps_previous);
  ADD ("export/unwritable-dir", test_export_unwritable_dir);
  ADD ("output-over-input", test_output_over_input);
  ADD ("model-files", test_model_files);
  ADD ("huge-values", test_huge_values);
  ADD ("outputs-checked-first", test_outputs_checked_first);
  ADD ("stdout-failure", test_stdout_failure);
#undef ADD

  return g_test_run ();
}
