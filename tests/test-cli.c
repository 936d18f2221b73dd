/* test-cli.c — elman-cli train / forecast end to end
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cli-test-util.h"
#include "elman-model.h"

static char *
sine_csv (gsize n)
{
  GString *s = g_string_new ("t,value\n");

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%zu,%.6f\n", i, 5 + 2 * sin (i * 0.4));
  return g_string_free (s, FALSE);
}

/* The seed preset's first loss is ½Σ y² over N = n − T − K + 1 windows. */
static void
test_seed_loss_out (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *csv = sine_csv (40);
  g_autofree char *series = cli_fixture_write (f, "s.csv", csv);
  g_autofree char *loss = g_build_filename (f->dir, "loss.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;
  double expected = 0;

  g_assert_cmpint (cli_run (&out, &err, "train", "--preset", "seed", "-T", "3", "-K", "2",
                            "--epochs", "4", "--test-fraction", "0", "--quiet",
                            "--loss-out", loss, series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (loss, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "epoch,loss");
  g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* header, 4 rows, "" */
  g_assert_true (g_str_has_prefix (lines[1], "1,"));
  for (gsize t = 0; t + 3 + 2 <= 40; t++)
    for (gsize k = 0; k < 2; k++)
      {
        double y = 5 + 2 * sin ((t + 3 + k) * 0.4);
        expected += 0.5 * y * y;
      }
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (lines[1] + 2, NULL), expected, 1e-4 * expected);
}

/* Save → forecast with the saved model equals train's own forecast, and
 * --init-model resumes from exactly those weights. */
static void
test_save_forecast_round_trip (CliFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *csv = sine_csv (120);
  g_autofree char *series = cli_fixture_write (f, "s.csv", csv);
  g_autofree char *model = g_build_filename (f->dir, "m.json", NULL);
  g_autofree char *model2 = g_build_filename (f->dir, "m2.json", NULL);
  g_autofree char *fc = g_build_filename (f->dir, "fc.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *text = NULL;
  g_autoptr(ElmanModel) loaded = NULL;
  g_autoptr(ElmanModel) resumed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "8", "-K", "3", "-J", "6", "--epochs", "30",
                            "--quiet", "--save-model", model, "--forecast", "7", "--forecast-out", fc,
                            series, NULL), ==, 0);
  loaded = elman_model_load (model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->window, ==, 8);
  g_assert_cmpuint (loaded->horizon, ==, 3);
  g_assert_cmpuint (loaded->hidden, ==, 6);

  g_assert_cmpint (cli_run (&out2, &err2, "forecast", "--model", model, "--steps", "7", series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (fc, &text, NULL, NULL));
  g_assert_cmpstr (out2, ==, text);
  g_assert_true (g_str_has_prefix (text, "step,time,forecast\n1,"));

  /* One SGD epoch from the saved weights with a tiny rate stays close;
   * with zero effect (a rate of 1e-300) it is exactly the same model. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "8", "-K", "3", "-J", "6", "--epochs", "1",
                            "--optimizer", "sgd", "--learning-rate", "1e-300", "--quiet",
                            "--init-model", model, "--save-model", model2, series, NULL), ==, 0);
  resumed = elman_model_load (model2, &error);
  g_assert_no_error (error);
  g_assert_true (elman_model_equal (loaded, resumed));
}

/* --auto with an ensemble saves every member: forecast --model repeats
 * train --forecast to the last digit, intervals included, and warns on a
 * series far from the one it was trained on. */
static void
test_auto_ensemble_forecast_model (CliFixture    *f,
                                   gconstpointer  data)
{
  g_autofree char *csv = sine_csv (150);
  g_autofree char *series = cli_fixture_write (f, "s.csv", csv);
  g_autofree char *model = g_build_filename (f->dir, "m.json", NULL);
  g_autofree char *fc = g_build_filename (f->dir, "fc.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *text = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL, *far = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) scaled = g_string_new ("t,value\n");
  ElmanTrainingRange range;

  g_assert_cmpint (cli_run (&out, &err, "train", "--auto", "--transform", "diff", "--ensemble", "2",
                            "--epochs", "8", "--save-model", model, "--forecast", "9",
                            "--forecast-out", fc, series, NULL), ==, 0);
  models = elman_models_load (model, &range, &error);
  g_assert_no_error (error);
  /* The best candidates of the search, two seeds each, and whatever
   * the choice adds: the sine's season makes the default the networks
   * with Holt–Winters and the seasonal SES, as many copies of each as
   * networks, unless a method alone was better in every fold. */
  g_assert_cmpuint (models->len, >=, 2);
  g_assert_cmpuint (models->len % 2, ==, 0);
  g_assert_cmpuint (range.n_values, ==, 120);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Forecast: "));
  if (strstr (out, "the default") != NULL)
    {
      g_assert_nonnull (strstr (out, "Forecast: the mean of the networks, Holt–Winters"));
      g_assert_cmpuint (models->len % 3, ==, 0);
    }
  else
    g_assert_nonnull (strstr (out, "in 3 of 3 folds"));

  g_assert_cmpint (cli_run (&out2, &err2, "forecast", "--model", model, "--steps", "9", series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (fc, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "step,time,forecast,lower80,upper80,lower95,upper95\n1,"));
  g_assert_cmpstr (out2, ==, text);
  g_assert_cmpstr (err2, ==, "");

  for (gsize i = 0; i < 150; i++)
    g_string_append_printf (scaled, "%zu,%.6f\n", i, 500 + 200 * sin (i * 0.4));
  far = cli_fixture_write (f, "far.csv", scaled->str);
  g_assert_cmpint (cli_run (&out3, &err3, "forecast", "--model", model, "--steps", "3", far, NULL), ==, 0);
  g_assert_nonnull (strstr (err3, "warning"));
  g_assert_nonnull (strstr (err3, "far from"));
}

static void
test_bad_command_lines (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *csv = sine_csv (50);
  g_autofree char *series = cli_fixture_write (f, "s.csv", csv);
  struct { const char *flag, *value, *expect; } cases[] = {
    { "--window", "abc", "--window: “abc”" },
    { "--window", "0", "--window: “0”" },
    { "--learning-rate", "nan", "--learning-rate: “nan”" },
    { "--learning-rate", "-1", "--learning-rate" },
    { "--init", "ones", "--init: “ones”" },
    { "--gradient", "full", "--gradient: “full”" },
    { "--test-fraction", "1.5", "--test-fraction" },
    { "--plot-size", "100", "--plot-size" },
    { "--missing", "guess", "--missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_assert_cmpint (cli_run (&out, &err, "train", cases[i].flag, cases[i].value, series, NULL), ==, 2);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, cases[i].expect));
    }

  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli_run (&out, &err, "frobnicate", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "frobnicate"));
  }
}

static void
test_bad_inputs (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *csv = sine_csv (10);
  g_autofree char *series = cli_fixture_write (f, "short.csv", csv);
  g_autofree char *missing = g_build_filename (f->dir, "nope.csv", NULL);
  g_autofree char *bad_model = cli_fixture_write (f, "bad.json", "{\"format\":\"elman-model\",\"version\":1,"
                                           "\"window\":2,\"horizon\":1,\"hidden\":2,\"W\":[[1]]}");
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "12", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nope.csv"));

  g_assert_cmpint (cli_run (&out2, &err2, "train", "-T", "12", "-K", "1", series, NULL), ==, 1);
  g_test_message ("%s", err2);
  g_assert_nonnull (strstr (err2, "short.csv"));

  g_assert_cmpint (cli_run (&out3, &err3, "forecast", "--model", bad_model, series, NULL), ==, 1);
  g_test_message ("%s", err3);
  g_assert_nonnull (strstr (err3, "bad.json"));
  g_assert_nonnull (strstr (err3, "“W”"));
}

static void
test_help (CliFixture    *f,
           gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *flags[] = { "--column", "--window", "--horizon", "--hidden", "--learning-rate", "--epochs",
                          "--init", "--gradient", "--loss", "--optimizer", "--bias", "--no-bias",
                          "--normalize", "--preset", "--test-fraction", "--init-model", "--save-model",
                          "--loss-out", "--predictions-out", "--forecast", "--quiet", "--plot-out",
                          "--plot-size", "Exit status" };

  g_assert_cmpint (cli_run (&out, &err, "train", "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_assert_nonnull (strstr (out, flags[i]));
}

/* The predictions CSV is documented: check its shape. */
static void
test_predictions_out (CliFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *csv = sine_csv (60);
  g_autofree char *series = cli_fixture_write (f, "s.csv", csv);
  g_autofree char *pred = g_build_filename (f->dir, "p.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "5", "-K", "2", "--epochs", "5", "--quiet",
                            "--forecast", "3", "--predictions-out", pred, series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pred, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "index,time,actual,predicted,part"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 60 + 3 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "0,"));
  g_assert_true (g_str_has_suffix (lines[1], ",5,,train"));
  g_assert_true (g_str_has_suffix (lines[60], ",test"));
  g_assert_true (g_str_has_suffix (lines[63], ",forecast"));
}

/* A plain time axis of decimals (0, 0.1 … 9.9): the CSVs keep its
 * numbers as written, and the forecast continues it by its step. */
static void
test_regular_times (CliFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("t,value\n");
  g_autofree char *series = NULL;
  g_autofree char *pred = g_build_filename (f->dir, "p.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *expected[] = { "10", "10.1", "10.2", "10.3" };

  for (int i = 0; i < 100; i++)
    g_string_append_printf (csv, "%d.%d,%d\n", i / 10, i % 10, 5 + i % 7);
  series = cli_fixture_write (f, "t.csv", csv->str);

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "5", "-K", "2", "--epochs", "5", "--quiet",
                            "--forecast", "4", "--predictions-out", pred, series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pred, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[1], "0,0,5,"));
  g_assert_true (g_str_has_prefix (lines[38], "37,3.7,7,"));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      g_autofree char *prefix = g_strdup_printf ("%u,%s,,", 100 + k, expected[k]);

      g_assert_true (g_str_has_prefix (lines[101 + k], prefix));
      g_assert_true (g_str_has_suffix (lines[101 + k], ",forecast"));
    }
}

/* --plot network draws another picture than the default into the same
 * kind of file; an unknown picture is a usage error naming the flag. */
static void
test_plot_network (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *csv = sine_csv (80);
  g_autofree char *series = cli_fixture_write (f, "s.csv", csv);
  g_autofree char *results = g_build_filename (f->dir, "results.png", NULL);
  g_autofree char *network = g_build_filename (f->dir, "network.png", NULL);
  g_autofree char *out = NULL, *err = NULL, *a = NULL, *b = NULL;
  gsize na, nb;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "6", "-J", "8", "--epochs", "5", "--quiet",
                            "--plot-out", results, series, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "6", "-J", "8", "--epochs", "5", "--quiet",
                            "--plot", "network", "--plot-out", network, series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (results, &a, &na, NULL));
  g_assert_true (g_file_get_contents (network, &b, &nb, NULL));
  g_assert_cmpmem (b, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_false (na == nb && memcmp (a, b, na) == 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (&out, &err, "train", "--plot", "weights", "--plot-out", network, series, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--plot"));
}

/* The plot's title is the series' file name, the subtitle the network's
 * settings (the app's export writes the same): a PDF carries both. */
static void
test_plot_title (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *csv = sine_csv (80);
  g_autofree char *series = cli_fixture_write (f, "sine.csv", csv);
  g_autofree char *pdf = g_build_filename (f->dir, "plot.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  static const char *expected[] = { "/Title (sine)", "/Subject (Elman network, T = 6, K = 1, J = 8)" };
  gsize n;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "6", "-J", "8", "--epochs", "5", "--quiet",
                            "--test-fraction", "0", "--plot-out", pdf, series, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &text, &n, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gsize m = strlen (expected[i]);
      gboolean found = FALSE;

      for (gsize k = 0; k + m <= n && !found; k++)
        found = memcmp (text + k, expected[i], m) == 0;
      g_test_message ("%s: %s", expected[i], found ? "found" : "missing");
      g_assert_true (found);
    }
}

/* A learning rate far too large is a warning on stderr naming ε and a
 * rate to try (exit 0: the loss stayed finite), never a flag. */
static void
test_learning_rate_warning (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *series = g_test_build_filename (G_TEST_DIST, "..", "data", "airpassengers.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "-e", "1", "-K", "12", "--quiet", series, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "elman-cli: warning: The learning rate is too large (ε = 1)"));
  g_assert_nonnull (strstr (err, "Try ε = 0.01."));

  g_assert_cmpint (cli_run (&out2, &err2, "train", "--preset", "seed", "-e", "1e6", "--quiet", series, NULL), ==, 0);
  g_assert_nonnull (strstr (err2, "elman-cli: warning: The learning rate is too large (ε = 1e6)"));
  g_assert_nonnull (strstr (err2, "Try ε = 1e-6."));

  g_assert_cmpint (cli_run (&out3, &err3, "train", "--quiet", series, NULL), ==, 0);
  g_assert_null (strstr (err3, "learning rate is too large"));
}

/* Times out of order are trained in file order, but said; month ends
 * continue as month ends in the forecast times. */
static void
test_time_notes (CliFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("date,v\n");
  g_autofree char *series = NULL;
  g_autofree char *out = NULL, *err = NULL;

  for (int i = 0; i < 40; i++)
    {
      /* month ends of 2001…2004, the 21st and 20th swapped */
      int k = i == 20 ? 21 : i == 21 ? 20 : i;
      int y = 2001 + k / 12, m = k % 12 + 1;
      g_autoptr(GDate) d = g_date_new_dmy (g_date_get_days_in_month (m, y), m, y);

      g_string_append_printf (csv, "%04d-%02d-%02d,%d\n", y, m, g_date_get_day (d), i % 5);
    }
  series = cli_fixture_write (f, "unsorted.csv", csv->str);
  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "3", "-K", "1", "--epochs", "2", "--quiet",
                            series, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "unsorted.csv: notice: times not in order: 1 step goes back (value 22, "
                                 "2002-09-30 after 2002-10-31)"));

  /* in order: month ends, forecast at month ends */
  {
    g_autoptr(GString) sorted = g_string_new ("date,v\n");
    g_autofree char *path = NULL;
    g_autofree char *out2 = NULL, *err2 = NULL;

    for (int k = 0; k < 40; k++)
      {
        int y = 2001 + k / 12, m = k % 12 + 1;
        g_autoptr(GDate) d = g_date_new_dmy (g_date_get_days_in_month (m, y), m, y);

        g_string_append_printf (sorted, "%04d-%02d-%02d,%d\n", y, m, g_date_get_day (d), k % 5);
      }
    path = cli_fixture_write (f, "ends.csv", sorted->str);
    g_assert_cmpint (cli_run (&out2, &err2, "train", "-T", "3", "-K", "1", "--epochs", "2", "--quiet",
                              "--forecast", "2", path, NULL), ==, 0);
    g_assert_null (strstr (err2, "notice"));
    /* the last value is 2004-04-30: then 2004-05-31 and 2004-06-30 */
    g_assert_nonnull (strstr (out2, "\n1,2004-05-31,"));
    g_assert_nonnull (strstr (out2, "\n2,2004-06-30,"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cli_test_init (argc, argv);

#define ADD(path, fn) CLI_TEST_ADD ("/elman/cli/" path, fn)
  ADD ("seed-loss-out", test_seed_loss_out);
  ADD ("auto-ensemble-forecast-model", test_auto_ensemble_forecast_model);
  ADD ("save-forecast-round-trip", test_save_forecast_round_trip);
  ADD ("bad-command-lines", test_bad_command_lines);
  ADD ("bad-inputs", test_bad_inputs);
  ADD ("help", test_help);
  ADD ("predictions-out", test_predictions_out);
  ADD ("regular-times", test_regular_times);
  ADD ("plot-network", test_plot_network);
  ADD ("plot-title", test_plot_title);
  ADD ("learning-rate-warning", test_learning_rate_warning);
  ADD ("time-notes", test_time_notes);
#undef ADD

  return g_test_run ();
}
