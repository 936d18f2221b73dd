/* test-run.c — one run and its result (elman-run.c)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "elman-analysis.h"
#include "elman-ensemble-private.h"
#include "elman-rng.h"
#include "elman-run.h"
#include "elman-series-loader.h"
#include "elman-smoothing.h"

#define N_VALUES 160

/* A monthly seasonal series with a trend, from 2000-01. */
static ElmanSeries *
make_series (void)
{
  double values[N_VALUES], times[N_VALUES];

  for (int i = 0; i < N_VALUES; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) t = g_date_time_add_months (start, i);

      values[i] = 100 + 0.5 * i + 10 * sin (2 * G_PI * i / 12);
      times[i] = (double) g_date_time_to_unix (t);
    }
  return elman_series_new_from_values (values, times, N_VALUES, ELMAN_FREQUENCY_MONTHLY, "test");
}

static void
small_options (ElmanRunOptions *options)
{
  memset (options, 0, sizeof *options);
  elman_config_init (&options->config, ELMAN_PRESET_RECOMMENDED);
  options->config.window = 12;
  options->config.horizon = 1;
  options->config.hidden = 4;
  options->config.epochs = 30;
  options->config.seed = 7;
  options->config.test_fraction = 0.15;
  options->config.valid_fraction = 0.2;
  options->config.threads = 2;
  options->forecast_steps = 6;
  options->evaluate = TRUE;
}

typedef struct
{
  guint    calls;
  guint    with_trainer;
  guint    first_member;      /* calls with several networks' first one */
  guint    phases;            /* bits 1 << ElmanRunPhase */
  guint    cancel_at_epoch;   /* 0: never */
  guint    abandon_at_epoch;  /* 0: never */
  GCancellable *cancellable;
  GMutex   mutex;
} Counter;

static gboolean
count_progress (const ElmanRunProgress *progress,
                gpointer                user_data)
{
  Counter *c = user_data;
  gboolean go_on = TRUE;

  g_mutex_lock (&c->mutex);
  c->calls++;
  c->phases |= 1u << progress->phase;
  /* Several networks: the first one's trainer comes with the count. */
  if (progress->trainer != NULL && progress->phase != ELMAN_RUN_PHASE_SINGLE)
    {
      g_assert_cmpuint (elman_trainer_get_epoch (progress->trainer), >=, 1);
      c->first_member++;
    }
  else if (progress->trainer != NULL)
    {
      guint epoch = elman_trainer_get_epoch (progress->trainer);

      c->with_trainer++;
      if (c->cancel_at_epoch && epoch >= c->cancel_at_epoch)
        g_cancellable_cancel (c->cancellable);
      if (c->abandon_at_epoch && epoch >= c->abandon_at_epoch)
        go_on = FALSE;
    }
  g_mutex_unlock (&c->mutex);
  return go_on;
}

static const double *
bytes_doubles (GBytes *bytes,
               gsize  *n)
{
  gsize size = 0;
  const double *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  *n = size / sizeof (double);
  return data;
}

static void
test_single (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunOptions options;
  Counter c = { 0 };
  guint n_models, n_epochs, n_valid_epochs;
  const double *loss, *pred, *fc;
  gsize first, n_pred, n_fc, n_train, n_valid;

  small_options (&options);
  g_mutex_init (&c.mutex);
  result = elman_run (series, &options, NULL, count_progress, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  /* The callback saw the network before its first epoch and after each. */
  g_assert_cmpuint (c.with_trainer, >=, 2);
  g_assert_cmpuint (c.phases, ==, 1u << ELMAN_RUN_PHASE_SINGLE);

  g_assert_null (elman_run_result_get_stop_error (result));
  g_assert_true (elman_run_result_get_series (result) == series);
  g_assert_nonnull (elman_run_result_get_models (result, &n_models));
  g_assert_cmpuint (n_models, ==, 1);
  g_assert_cmpuint (elman_run_result_get_config (result)->window, ==, 12);
  g_assert_cmpint (elman_run_result_get_config (result)->transform, !=, ELMAN_TRANSFORM_AUTO);
  g_assert_null (elman_run_result_get_candidates (result));

  loss = elman_run_result_get_train_loss (result, &n_epochs);
  g_assert_cmpuint (n_epochs, >, 0);
  g_assert_cmpuint (n_epochs, <=, 30);
  g_assert_true (isfinite (loss[n_epochs - 1]));
  g_assert_nonnull (elman_run_result_get_valid_loss (result, &n_valid_epochs));
  g_assert_cmpuint (n_valid_epochs, ==, n_epochs);
  g_assert_cmpuint (elman_run_result_get_best_epoch (result), <, n_epochs);
  /* ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ of every epoch of that run. */
  {
    gsize n_norms;
    const double *norms = bytes_doubles (elman_run_result_get_grad_norms (result), &n_norms);

    g_assert_cmpuint (n_norms, ==, 3 * (gsize) n_epochs);
    for (gsize i = 0; i < n_norms; i++)
      g_assert_true (isfinite (norms[i]) && norms[i] >= 0);
  }

  n_train = elman_run_result_get_n_train (result);
  n_valid = elman_run_result_get_n_valid (result);
  g_assert_cmpuint (n_train, <, N_VALUES);
  g_assert_cmpuint (n_valid, >, 0);
  g_assert_cmpuint (n_valid, <, n_train);

  pred = bytes_doubles (elman_run_result_get_predictions (result, &first), &n_pred);
  g_assert_cmpuint (first, ==, elman_models_min_history (elman_run_result_get_models (result, &n_models), 1));
  g_assert_cmpuint (first, >=, 12);
  g_assert_cmpuint (n_pred, ==, N_VALUES - first);
  for (gsize i = 0; i < n_pred; i++)
    g_assert_true (isfinite (pred[i]));
  fc = bytes_doubles (elman_run_result_get_forecast (result), &n_fc);
  g_assert_cmpuint (n_fc, ==, 6);
  g_assert_true (isfinite (fc[0]));
  /* One network: no intervals. */
  g_assert_null (elman_run_result_get_bands (result));

  g_assert_nonnull (elman_run_result_get_evaluation (result));
  g_assert_cmpuint (elman_run_result_get_evaluation (result)->n_train, ==, n_train);
  g_assert_cmpfloat (elman_run_result_get_elapsed (result), >=, 0);
  g_mutex_clear (&c.mutex);
}

/* A run that skips the whole series' predictions leaves them out and
 * nothing else: the same forecast and evaluation. The predictions a run
 * takes from its evaluation are elman_run_predict()'s up to the order of
 * the sums. */
static void
test_skip_predictions (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(ElmanRunResult) full = NULL;
  g_autoptr(ElmanRunResult) lean = NULL;
  g_autoptr(GBytes) predictions = NULL;
  g_autoptr(GBytes) forecast = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunOptions options;
  const ElmanEvaluation *a, *b;
  const double *pred, *want;
  gsize first, want_first, n_pred, n_want;
  guint n_models;
  ElmanModel *const *models;

  small_options (&options);
  full = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  options.skip_predictions = TRUE;
  lean = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_null (elman_run_result_get_predictions (lean, NULL));
  g_assert_true (g_bytes_equal (elman_run_result_get_forecast (lean), elman_run_result_get_forecast (full)));
  a = elman_run_result_get_evaluation (full);
  b = elman_run_result_get_evaluation (lean);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpmem (a->forecasts, a->n_origins * a->horizon * sizeof (double),
                   b->forecasts, b->n_origins * b->horizon * sizeof (double));
  g_assert_cmpmem (a->free_run_pred, (a->n - a->n_train) * sizeof (double),
                   b->free_run_pred, (b->n - b->n_train) * sizeof (double));
  g_assert_cmpmem (a->acf, a->n_acf * sizeof (double), b->acf, b->n_acf * sizeof (double));

  pred = bytes_doubles (elman_run_result_get_predictions (full, &first), &n_pred);
  models = elman_run_result_get_models (full, &n_models);
  g_assert_true (elman_run_predict (models, n_models, series, 0, NULL, &want_first, &predictions, &forecast,
                                    NULL, &error));
  g_assert_no_error (error);
  want = bytes_doubles (predictions, &n_want);
  g_assert_cmpuint (first, ==, want_first);
  g_assert_cmpuint (n_pred, ==, n_want);
  for (gsize i = 0; i < n_pred; i++)
    g_assert_cmpfloat_with_epsilon (pred[i], want[i], 1e-9 * MAX (1.0, fabs (want[i])));
}

static void
test_ensemble (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunOptions options;
  Counter c = { 0 };
  guint n_models;
  const double *fc, *bands;
  gsize n_fc, n_bands;

  small_options (&options);
  options.config.ensemble = 3;
  options.evaluate = FALSE;
  g_mutex_init (&c.mutex);
  result = elman_run (series, &options, NULL, count_progress, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_cmpuint (c.with_trainer, ==, 0);
  g_assert_cmpuint (c.first_member, >, 0);
  g_assert_true (c.phases & (1u << ELMAN_RUN_PHASE_ENSEMBLE));
  g_assert_true (c.phases & (1u << ELMAN_RUN_PHASE_FINISHING));
  g_assert_false (c.phases & (1u << ELMAN_RUN_PHASE_SEARCH));

  g_assert_nonnull (elman_run_result_get_models (result, &n_models));
  g_assert_cmpuint (n_models, ==, 3);
  g_assert_cmpuint (elman_run_result_get_n_settings (result), ==, 1);
  /* Not asked for. */
  g_assert_null (elman_run_result_get_evaluation (result));

  fc = bytes_doubles (elman_run_result_get_forecast (result), &n_fc);
  bands = bytes_doubles (elman_run_result_get_bands (result), &n_bands);
  g_assert_cmpuint (n_fc, ==, 6);
  g_assert_cmpuint (n_bands, ==, 4 * n_fc);
  for (gsize h = 0; h < n_fc; h++)
    {
      /* lower95 ≤ lower80 ≤ forecast ≤ upper80 ≤ upper95 */
      g_assert_cmpfloat (bands[2 * n_fc + h], <=, bands[h]);
      g_assert_cmpfloat (bands[h], <=, fc[h]);
      g_assert_cmpfloat (fc[h], <=, bands[n_fc + h]);
      g_assert_cmpfloat (bands[n_fc + h], <=, bands[3 * n_fc + h]);
    }
  g_mutex_clear (&c.mutex);
}

/* A stop before the first epoch leaves nothing; after a few epochs the
 * one network keeps its best model and says why it ended. */
static void
test_cancel (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunOptions options;
  Counter c = { 0 };
  guint n_models, n_epochs;

  small_options (&options);
  options.config.epochs = 1000;
  options.config.patience = 0;
  g_mutex_init (&c.mutex);

  g_cancellable_cancel (cancellable);
  result = elman_run (series, &options, cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);

  /* An ensemble stopped is nothing of it. */
  options.config.ensemble = 2;
  result = elman_run (series, &options, cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);

  options.config.ensemble = 1;
  g_cancellable_reset (cancellable);
  c.cancel_at_epoch = 3;
  c.cancellable = cancellable;
  result = elman_run (series, &options, cancellable, count_progress, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (g_error_matches (elman_run_result_get_stop_error (result), G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (elman_run_result_get_models (result, &n_models));
  g_assert_cmpuint (n_models, ==, 1);
  (void) elman_run_result_get_train_loss (result, &n_epochs);
  g_assert_cmpuint (n_epochs, ==, 3);
  g_assert_nonnull (elman_run_result_get_predictions (result, NULL));
  /* A stopped run is not evaluated. */
  g_assert_null (elman_run_result_get_evaluation (result));
  g_clear_pointer (&result, elman_run_result_unref);

  /* Abandoned from the callback: no result at all. */
  c = (Counter) { .abandon_at_epoch = 2 };
  g_mutex_init (&c.mutex);
  g_cancellable_reset (cancellable);
  result = elman_run (series, &options, cancellable, count_progress, &c, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (c.with_trainer, ==, 3);
  g_mutex_clear (&c.mutex);
}

/* Shared by reference, never changed: the same arrays through every
 * reference, the same text every time. */
static void
test_refcount (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(GError) error = NULL;
  ElmanRunResult *result, *second;
  ElmanRunOptions options;
  GBytes *pred;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  small_options (&options);
  options.config.epochs = 5;
  result = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pred = elman_run_result_get_predictions (result, NULL);
  a = elman_run_result_format_predictions_csv (result, NULL);

  second = elman_run_result_ref (result);
  g_assert_true (second == result);
  elman_run_result_unref (result);
  /* Still alive through the second reference, unchanged. */
  g_assert_true (elman_run_result_get_predictions (second, NULL) == pred);
  b = elman_run_result_format_predictions_csv (second, NULL);
  g_assert_cmpstr (a, ==, b);
  elman_run_result_unref (second);
}

/* The predictions CSV: one row per value with its part, then the
 * forecast; the same seed gives the same file, and the models alone
 * (elman_run_result_new_for_models()) predict exactly the same. */
static void
test_predictions_csv (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(ElmanRunResult) again = NULL;
  g_autoptr(ElmanRunResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-run-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "predictions.csv", NULL);
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  ElmanRunOptions options;
  ElmanModel *const *models;
  guint n_models, counts[4] = { 0 };
  gsize length, first, n_train, n_valid;
  const char *parts[] = { "train", "valid", "test", "forecast" };

  small_options (&options);
  options.config.epochs = 10;
  result = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = elman_run_result_format_predictions_csv (result, &length);
  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (elman_run_result_write_predictions_csv (result, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, text);

  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + N_VALUES + 6 + 1);
  g_assert_cmpstr (lines[0], ==, "index,time,actual,predicted,part");
  g_assert_cmpstr (lines[1 + N_VALUES + 6], ==, "");
  (void) elman_run_result_get_predictions (result, &first);
  /* No prediction before the network's history. */
  g_assert_true (g_str_has_prefix (lines[1], "0,2000-01-01,100,,train"));
  for (guint i = 1; i <= N_VALUES; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);

      /* Each value, and its prediction from the true history before it. */
      g_assert_cmpfloat (g_ascii_strtod (f[2], NULL), ==, series->values[i - 1]);
      g_assert_cmpint (*f[3] == '\0', ==, i - 1 < first);
    }
  g_assert_true (g_str_has_prefix (lines[1 + N_VALUES], "160,2013-05-01,,"));
  for (guint i = 1; i <= N_VALUES + 6; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_cmpuint (g_ascii_strtoull (f[0], NULL, 10), ==, i - 1);
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (strcmp (f[4], parts[p]) == 0)
          counts[p]++;
    }
  n_train = elman_run_result_get_n_train (result);
  n_valid = elman_run_result_get_n_valid (result);
  g_assert_cmpuint (counts[0], ==, n_train - n_valid);
  g_assert_cmpuint (counts[1], ==, n_valid);
  g_assert_cmpuint (counts[2], ==, N_VALUES - n_train);
  g_assert_cmpuint (counts[3], ==, 6);

  /* The same seed, the same file. */
  again = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text2 = elman_run_result_format_predictions_csv (again, NULL);
  g_assert_cmpstr (text2, ==, text);

  /* The model alone predicts what the run did. */
  models = elman_run_result_get_models (result, &n_models);
  loaded = elman_run_result_new_for_models (series, models, n_models, elman_run_result_get_config (result), 6,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (elman_run_result_get_predictions (loaded, NULL),
                                elman_run_result_get_predictions (result, NULL)));
  g_assert_true (g_bytes_equal (elman_run_result_get_forecast (loaded), elman_run_result_get_forecast (result)));

  g_unlink (path);
  g_rmdir (dir);
}

static ElmanRunResult *
run_airpassengers (const ElmanRunOptions *options)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "airpassengers.csv", NULL);
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunResult *result;

  series = elman_series_load (path, NULL, NULL, &error);
  g_assert_no_error (error);
  result = elman_run (series, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* A learning rate far too large is reported, with ε and a rate to try;
 * the presets' own rates are not. */
static void
test_learning_rate_too_large (void)
{
  ElmanRunOptions options = { 0 };
  g_autoptr(ElmanRunResult) overshoot = NULL;
  g_autoptr(ElmanRunResult) exploded = NULL;
  g_autoptr(ElmanRunResult) fine = NULL;
  g_autoptr(ElmanRunResult) seed = NULL;
  const char *warning;

  /* The recommended preset with ε = 1 and K = 12: best epoch 1. */
  elman_config_init (&options.config, ELMAN_PRESET_RECOMMENDED);
  options.config.learning_rate = 1;
  options.config.horizon = 12;
  options.evaluate = TRUE;
  overshoot = run_airpassengers (&options);
  g_assert_cmpint (elman_run_result_get_loss_trend (overshoot), !=, ELMAN_LOSS_TREND_OK);
  warning = elman_run_result_get_loss_warning (overshoot);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "learning rate is too large"));
  g_assert_nonnull (strstr (warning, "ε = 1)"));
  g_assert_nonnull (strstr (warning, "Try ε = 0.01"));

  /* The Seed preset with ε = 1e6: the loss jumps 16 orders of magnitude. */
  elman_config_init (&options.config, ELMAN_PRESET_SEED);
  options.config.learning_rate = 1e6;
  exploded = run_airpassengers (&options);
  g_assert_cmpint (elman_run_result_get_loss_trend (exploded), ==, ELMAN_LOSS_TREND_DIVERGED);
  warning = elman_run_result_get_loss_warning (exploded);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "ε = 1e6"));
  g_assert_nonnull (strstr (warning, "Try ε = 1e-6"));

  /* The notes: the learning rate first, then the evaluation's, worded
   * for the app (no flag) or the CLI. */
  {
    g_auto(GStrv) app = elman_run_result_dup_notes (exploded, NULL, ELMAN_WORDING_APP);
    g_auto(GStrv) cli = elman_run_result_dup_notes (exploded, NULL, ELMAN_WORDING_CLI);
    g_auto(GStrv) none = elman_run_result_dup_notes (NULL, NULL, ELMAN_WORDING_APP);
    g_autofree char *app_all = NULL, *cli_all = NULL;

    g_assert_nonnull (elman_run_result_get_evaluation (exploded));
    g_assert_cmpuint (g_strv_length (app), >=, 2);
    g_assert_cmpstr (app[0], ==, warning);
    g_assert_cmpstr (cli[0], ==, warning);
    g_assert_cmpuint (g_strv_length (app), ==, g_strv_length (cli));
    app_all = g_strjoinv ("\n", app);
    cli_all = g_strjoinv ("\n", cli);
    g_assert_null (strstr (app_all, "--"));
    g_assert_nonnull (strstr (app_all, "Initialization"));
    g_assert_nonnull (strstr (cli_all, "--init glorot"));
    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }

  /* Each preset as it comes. */
  elman_config_init (&options.config, ELMAN_PRESET_RECOMMENDED);
  fine = run_airpassengers (&options);
  g_assert_cmpint (elman_run_result_get_loss_trend (fine), ==, ELMAN_LOSS_TREND_OK);
  g_assert_null (elman_run_result_get_loss_warning (fine));
  elman_config_init (&options.config, ELMAN_PRESET_SEED);
  seed = run_airpassengers (&options);
  g_assert_cmpint (elman_run_result_get_loss_trend (seed), ==, ELMAN_LOSS_TREND_OK);
  g_assert_null (elman_run_result_get_loss_warning (seed));
}

/* y[t] = level + x[t], x[t] = φ x[t−1] + e[t], e ~ N(0, σ²) from a
 * portable generator (Box–Muller). */
static void
ar1 (double  *values,
     gsize    n,
     double   level,
     double   phi,
     double   sigma,
     guint64  seed)
{
  ElmanRng rng;
  double x = 0;

  elman_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      double u1 = 1.0 - elman_rng_next_double (&rng), u2 = elman_rng_next_double (&rng);

      x = phi * x + sigma * sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
      values[i] = level + x;
    }
}

/* Random walks and near ones are persistent; cycles and noise are not. */
static void
test_persistence (void)
{
  double v[200];

  ar1 (v, 200, 10, 1.0, 1, 3);
  g_assert_true (elman_is_persistent (v, 200));
  ar1 (v, 120, 36.8, 0.98, 0.05, 4);
  g_assert_true (elman_is_persistent (v, 120));
  ar1 (v, 200, 10, 0.0, 1, 5);
  g_assert_false (elman_is_persistent (v, 200));
  for (gsize i = 0; i < 200; i++)
    v[i] = 5 + 2 * sin (i * 0.4);
  g_assert_false (elman_is_persistent (v, 200));
  for (gsize i = 0; i < 200; i++)
    v[i] = 100 + 10 * sin (2 * G_PI * i / 12);
  g_assert_false (elman_is_persistent (v, 200));
}

/* On a smooth, strongly autocorrelated series around a level (an AR(1)
 * with φ = 0.98, like a body temperature every few minutes) the first
 * step of --auto's forecasts starts from the data: over the test origins
 * of several such series its error is not larger than the naive
 * forecast's (the last value), and its mean is not offset from the last
 * value by more than a fraction of that error. */
static void
test_auto_first_step_persistent (void)
{
  double sum_model = 0, sum_naive = 0, sum_offset = 0;
  gsize count = 0;

  for (guint64 seed = 4; seed < 8; seed++)
    {
      double values[150];
      g_autoptr(ElmanSeries) series = NULL;
      g_autoptr(ElmanRunResult) result = NULL;
      g_autoptr(GError) error = NULL;
      const ElmanEvaluation *ev;
      ElmanRunOptions options;

      ar1 (values, G_N_ELEMENTS (values), 36.8, 0.98, 0.05, seed);
      series = elman_series_new_from_values (values, NULL, G_N_ELEMENTS (values), ELMAN_FREQUENCY_NONE, "ar1");
      memset (&options, 0, sizeof options);
      elman_config_init (&options.config, ELMAN_PRESET_RECOMMENDED);
      options.config.horizon = 6;
      options.config.test_fraction = 0.25;
      options.config.ensemble = 2;
      options.config.threads = 2;
      options.auto_search = TRUE;
      options.evaluate = TRUE;
      result = elman_run (series, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      ev = elman_run_result_get_evaluation (result);
      g_assert_nonnull (ev);

      for (gsize i = 0; i < ev->n_origins; i++)
        {
          gsize o = ev->n_train + i;
          double first = ev->forecasts[i * ev->horizon];

          sum_model += fabs (values[o] - first);
          sum_naive += fabs (values[o] - values[o - 1]);
          sum_offset += first - values[o - 1];
          count++;
        }
    }
  g_test_message ("first step MAE %g, naive %g, mean offset %g over %zu origins",
                  sum_model / count, sum_naive / count, sum_offset / count, count);
  g_assert_cmpuint (count, >, 100);
  g_assert_cmpfloat (sum_model, <=, 1.1 * sum_naive);
  g_assert_cmpfloat (fabs (sum_offset), <=, 0.25 * sum_naive);
}

/* The simple methods as models forecast what the baselines of the
 * evaluation forecast (drift: with the slope of the values it was made
 * from, which at the origin is the baseline's). */
static void
test_simple_models (void)
{
  double values[60], fc[7], expected[7];
  const ElmanForecaster simple[] = {
    ELMAN_FORECASTER_NAIVE, ELMAN_FORECASTER_SEASONAL_NAIVE, ELMAN_FORECASTER_DRIFT,
  };

  ar1 (values, 60, 20, 0.9, 1, 11);
  for (gsize i = 0; i < 60; i++)
    values[i] += 3 * sin (2 * G_PI * i / 4) + 0.1 * i;
  for (guint f = 0; f < G_N_ELEMENTS (simple); f++)
    {
      g_autoptr(ElmanModel) model = elman_simple_model_new (simple[f], values, 60, 4);
      g_autoptr(GError) error = NULL;

      g_assert_true (elman_model_forecast (model, values, 60, 7, fc, &error));
      g_assert_no_error (error);
      elman_baseline_forecast (simple[f], values, 60, 4, 7, expected);
      for (guint h = 0; h < 7; h++)
        g_assert_cmpfloat_with_epsilon (fc[h], expected[h], 1e-9);
    }
}

/* --auto with an ensemble of two, @epochs each, forecasting @steps; the
 * result has a choice. */
static ElmanRunResult *
run_auto_with (ElmanSeries *series,
               guint        horizon,
               guint        epochs,
               guint        steps,
               gboolean     evaluate)
{
  g_autoptr(GError) error = NULL;
  ElmanRunResult *result;
  ElmanRunOptions options;

  memset (&options, 0, sizeof options);
  elman_config_init (&options.config, ELMAN_PRESET_RECOMMENDED);
  options.config.horizon = horizon;
  options.config.epochs = epochs;
  options.config.ensemble = 2;
  options.config.threads = 2;
  options.auto_search = TRUE;
  options.forecast_steps = steps;
  /* Evaluated: the last fifth is the test part. */
  if (evaluate)
    options.config.test_fraction = 0.2;
  options.evaluate = evaluate;
  result = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (elman_run_result_get_choice (result));
  return result;
}

static ElmanRunResult *
run_auto_briefly (ElmanSeries *series,
                  guint        horizon,
                  guint        epochs,
                  guint        steps)
{
  return run_auto_with (series, horizon, epochs, steps, FALSE);
}

/* On a straight line drift is exact, so --auto chooses it over the
 * networks and says so; the forecast continues the line. */
static void
test_auto_choice_simple (void)
{
  double values[120];
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  const ElmanAutoChoice *choice;
  const double *fc;
  gsize n_fc;
  guint n_models;

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = 3 + 0.5 * (double) i;
  series = elman_series_new_from_values (values, NULL, G_N_ELEMENTS (values), ELMAN_FREQUENCY_NONE, "line");
  result = run_auto_briefly (series, 3, 20, 5);
  choice = elman_run_result_get_choice (result);
  g_assert_cmpint (choice->kind, ==, ELMAN_AUTO_CHOICE_SIMPLE);
  g_assert_cmpint (choice->simple, ==, ELMAN_FORECASTER_DRIFT);
  g_assert_cmpfloat (choice->simple_mae, <, 1e-9);
  g_assert_cmpfloat (choice->simple_mae, <, choice->network_mae);
  g_assert_cmpuint (choice->n_origins, >, 0);
  (void) elman_run_result_get_models (result, &n_models);
  g_assert_cmpuint (n_models, ==, 2);
  fc = bytes_doubles (elman_run_result_get_forecast (result), &n_fc);
  g_assert_cmpuint (n_fc, ==, 5);
  for (gsize h = 0; h < n_fc; h++)
    g_assert_cmpfloat_with_epsilon (fc[h], 3 + 0.5 * (double) (120 + h), 1e-6);

  /* Evaluated, the scores' first row names what forecasts: the method,
   * not an "ensemble" of its two copies. */
  {
    g_autoptr(ElmanRunResult) evaluated = run_auto_with (series, 3, 20, 0, TRUE);
    g_autofree char *table = NULL;

    g_assert_cmpint (elman_run_result_get_choice (evaluated)->kind, ==, ELMAN_AUTO_CHOICE_SIMPLE);
    g_assert_cmpstr (elman_run_result_get_evaluation (evaluated)->model_label, ==, "Chosen method");
    table = elman_evaluation_format_table (elman_run_result_get_evaluation (evaluated));
    g_assert_nonnull (strstr (table, "\nChosen method "));
    g_assert_null (strstr (table, "Elman ensemble of"));
  }
}

/* The validation origins fall into three consecutive folds when each
 * holds at least K origins, else two, else one. */
static void
test_auto_fold_count (void)
{
  g_assert_cmpuint (elman_auto_fold_count (0, 5), ==, 1);
  g_assert_cmpuint (elman_auto_fold_count (9, 5), ==, 1);
  g_assert_cmpuint (elman_auto_fold_count (10, 5), ==, 2);
  g_assert_cmpuint (elman_auto_fold_count (14, 5), ==, 2);
  g_assert_cmpuint (elman_auto_fold_count (15, 5), ==, 3);
  g_assert_cmpuint (elman_auto_fold_count (200, 12), ==, 3);
  g_assert_cmpuint (elman_auto_fold_count (2, 0), ==, 2);
}

/* A level that starts to climb steadily two thirds of the way in: drift
 * averages the flat start into its slope, naive lags the climb, the
 * smoothing methods with a trend follow it; with networks trained for
 * two epochs, --auto forecasts with them (alone or with the networks)
 * and names them. */
static void
test_auto_choice_damped (void)
{
  double values[150];
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  g_autofree char *name = NULL, *simple = NULL;
  const ElmanAutoChoice *choice;

  ar1 (values, G_N_ELEMENTS (values), 0, 0.3, 0.02, 21);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] += 50 + (i >= 60 ? 1.5 * (double) (i - 60) : 0.0);
  series = elman_series_new_from_values (values, NULL, G_N_ELEMENTS (values), ELMAN_FREQUENCY_NONE, "climb");
  result = run_auto_briefly (series, 4, 2, 4);
  choice = elman_run_result_get_choice (result);
  name = elman_auto_choice_name (choice);
  simple = elman_auto_simple_name (choice);
  g_test_message ("choice %d, %s: simple %g, networks %g, mean %g, chosen %g, default %g, %u of %u folds",
                  choice->kind, name, choice->simple_mae, choice->network_mae, choice->combined_mae,
                  choice->chosen_mae, choice->default_mae, choice->folds_won, choice->n_folds);
  g_assert_cmpuint (choice->n_folds, ==, 3);
  g_assert_cmpint (choice->kind, !=, ELMAN_AUTO_CHOICE_NETWORK);
  g_assert_cmpuint (choice->smoothing, !=, 0);
  g_assert_nonnull (strstr (name, "trend"));
  g_assert_nonnull (strstr (name, simple));
  g_assert_cmpfloat (choice->chosen_mae, <=, choice->default_mae);
  g_assert_cmpfloat (MIN (choice->simple_mae, choice->combined_mae), <, 0.9 * choice->network_mae);
}

/* The default (candidate 0) stays unless the candidate of lowest MAE
 * over all origins is lower in every fold too. */
static void
test_auto_pick (void)
{
  const double all[] = { 1.0, 0.8, 0.9 };
  /* Candidate 1 is lowest overall but not in fold 3; 2 in every fold. */
  const double folds[] = { 1.0, 1.0, 1.0,   0.5, 0.9, 1.1,   0.9, 0.9, 0.95 };
  const double all2[] = { 1.0, 0.8, 0.9 };
  const double folds2[] = { 1.0, 1.0, 1.0,   0.7, 0.8, 0.9,   0.9, 0.9, 0.95 };

  g_assert_cmpuint (elman_auto_pick (all, folds, 3, 3, 0), ==, 0);
  g_assert_cmpuint (elman_auto_pick (all2, folds2, 3, 3, 0), ==, 1);
  /* One fold: lower there is lower in every fold. */
  g_assert_cmpuint (elman_auto_pick (all, all, 3, 1, 0), ==, 1);
  /* The default of lowest MAE stays. */
  g_assert_cmpuint (elman_auto_pick (all, all, 3, 1, 1), ==, 1);
}

/* The names of choices: the networks, one method, and the default, the
 * networks with the statistical combination. */
static void
test_auto_choice_names (void)
{
  ElmanAutoChoice choice = { 0 };
  g_autofree char *networks = NULL, *drift = NULL, *theta = NULL, *mean = NULL, *simple = NULL;

  choice.kind = ELMAN_AUTO_CHOICE_NETWORK;
  networks = elman_auto_choice_name (&choice);
  g_assert_cmpstr (networks, ==, "the networks");
  g_assert_cmpuint (elman_auto_choice_parts (&choice), ==, 0);

  choice.kind = ELMAN_AUTO_CHOICE_SIMPLE;
  choice.simple = ELMAN_FORECASTER_DRIFT;
  drift = elman_auto_choice_name (&choice);
  g_assert_cmpstr (drift, ==, "drift");
  choice.smoothing = 1u << ELMAN_SMOOTHING_THETA;
  theta = elman_auto_choice_name (&choice);
  g_assert_cmpstr (theta, ==, "the Theta method");
  g_assert_cmpuint (elman_auto_choice_parts (&choice), ==, 1);

  choice.kind = ELMAN_AUTO_CHOICE_COMBINED;
  choice.smoothing = (1u << ELMAN_SMOOTHING_HOLT_WINTERS) | (1u << ELMAN_SMOOTHING_SEASONAL_SES);
  mean = elman_auto_choice_name (&choice);
  simple = elman_auto_simple_name (&choice);
  g_assert_cmpstr (mean, ==, "the mean of the networks, Holt–Winters (additive season, damped trend) and "
                             "seasonal naive with the smoothed yearly change");
  g_assert_cmpstr (simple, ==, "the mean of Holt–Winters (additive season, damped trend) and "
                               "seasonal naive with the smoothed yearly change");
  g_assert_cmpuint (elman_auto_choice_parts (&choice), ==, 2);
}

/* Without the search there is no choice. */
static void
test_no_choice_without_auto (void)
{
  g_autoptr(ElmanSeries) series = make_series ();
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunOptions options;

  small_options (&options);
  options.config.ensemble = 2;
  options.evaluate = FALSE;
  result = elman_run (series, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (elman_run_result_get_choice (result));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/single", test_single);
  g_test_add_func ("/run/skip-predictions", test_skip_predictions);
  g_test_add_func ("/run/ensemble", test_ensemble);
  g_test_add_func ("/run/cancel", test_cancel);
  g_test_add_func ("/run/refcount", test_refcount);
  g_test_add_func ("/run/predictions-csv", test_predictions_csv);
  g_test_add_func ("/run/learning-rate-too-large", test_learning_rate_too_large);
  g_test_add_func ("/run/persistence", test_persistence);
  g_test_add_func ("/run/simple-models", test_simple_models);
  g_test_add_func ("/run/auto-choice-simple", test_auto_choice_simple);
  g_test_add_func ("/run/no-choice-without-auto", test_no_choice_without_auto);
  g_test_add_func ("/run/auto-fold-count", test_auto_fold_count);
  g_test_add_func ("/run/auto-choice-damped", test_auto_choice_damped);
  g_test_add_func ("/run/auto-choice-names", test_auto_choice_names);
  g_test_add_func ("/run/auto-pick", test_auto_pick);
  g_test_add_func ("/run/auto-first-step-persistent", test_auto_first_step_persistent);

  return g_test_run ();
}
