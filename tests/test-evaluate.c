/* test-evaluate.c — metrics, baselines, rolling origins, diagnostics, ensembles
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "elman-analysis.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-forecast-pass-private.h"
#include "elman-rng.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

#include "core-test-util.h"

static ElmanModel *
train_one (const ElmanConfig *config,
           const double      *values,
           gsize              n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanTrainer) trainer = elman_trainer_new (config, values, n, NULL, &error);

  g_assert_no_error (error);
  while (!elman_trainer_is_done (trainer))
    {
      elman_trainer_step (trainer, NULL, &error);
      g_assert_no_error (error);
    }
  return elman_trainer_dup_best_model (trainer);
}

/* RMSE, MAE, sMAPE and MASE of three errors, by hand:
 * actual 1 2 4, forecast 2 2 1 → e = −1 0 3. */
static void
test_scores (void)
{
  const double actual[] = { 1, 2, 4 }, forecast[] = { 2, 2, 1 };
  ElmanScores sc;

  elman_scores_compute (actual, forecast, 3, 2.0, &sc);
  g_assert_cmpuint (sc.count, ==, 3);
  g_assert_cmpfloat_with_epsilon (sc.rmse, sqrt (10.0 / 3.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (sc.mae, 4.0 / 3.0, 1e-12);
  /* 200·1/3, 0, 200·3/5 averaged */
  g_assert_cmpfloat_with_epsilon (sc.smape, (200.0 / 3.0 + 120.0) / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sc.mase, (4.0 / 3.0) / 2.0, 1e-12);

  /* A zero scale has no MASE; a pair of zeros is no sMAPE error. */
  {
    const double zeros[] = { 0, 0 };
    elman_scores_compute (zeros, zeros, 2, 0.0, &sc);
    g_assert_cmpfloat (sc.smape, ==, 0.0);
    g_assert_true (isnan (sc.mase));
  }
}

static void
test_mase_scale (void)
{
  const double v[] = { 1, 2, 4, 7, 11 };

  /* m = 1: |1|,|2|,|3|,|4| → 2.5; m = 2: |3|,|5|,|7| → 5. */
  g_assert_cmpfloat_with_epsilon (elman_mase_scale (v, 5, 1), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (elman_mase_scale (v, 5, 0), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (elman_mase_scale (v, 5, 2), 5.0, 1e-12);
  /* Only the training part counts. */
  g_assert_cmpfloat_with_epsilon (elman_mase_scale (v, 3, 1), 1.5, 1e-12);
  g_assert_true (isnan (elman_mase_scale (v, 2, 2)));
}

static void
test_baselines (void)
{
  const double y[] = { 1, 2, 3, 4, 5, 6 };
  double out[3];

  /* Origin 4: the forecasters see 1 2 3 4. */
  elman_baseline_forecast (ELMAN_FORECASTER_NAIVE, y, 4, 2, 3, out);
  g_assert_cmpfloat (out[0], ==, 4);
  g_assert_cmpfloat (out[2], ==, 4);

  /* m = 2: y[4] ← y[2], y[5] ← y[3], y[6] ← y[2] (the last season again). */
  elman_baseline_forecast (ELMAN_FORECASTER_SEASONAL_NAIVE, y, 4, 2, 3, out);
  g_assert_cmpfloat (out[0], ==, 3);
  g_assert_cmpfloat (out[1], ==, 4);
  g_assert_cmpfloat (out[2], ==, 3);

  /* Drift: slope (4 − 1)/3 = 1. */
  elman_baseline_forecast (ELMAN_FORECASTER_DRIFT, y, 4, 2, 3, out);
  g_assert_cmpfloat (out[0], ==, 5);
  g_assert_cmpfloat (out[2], ==, 7);

  elman_baseline_forecast (ELMAN_FORECASTER_MEAN, y, 4, 2, 3, out);
  g_assert_cmpfloat (out[1], ==, 2.5);

  /* Too little history for a season: naive. */
  elman_baseline_forecast (ELMAN_FORECASTER_SEASONAL_NAIVE, y, 2, 4, 2, out);
  g_assert_cmpfloat (out[0], ==, 2);
  g_assert_cmpfloat (out[1], ==, 2);
}

static void
test_autocorrelation (void)
{
  double x[10], acf[2];

  for (guint i = 0; i < 10; i++)
    x[i] = (i & 1) ? -1 : 1;
  elman_autocorrelation (x, 10, 2, acf);
  /* Σ x_t x_{t−1} = −9 over Σ x² = 10; lag 2: 8/10. */
  g_assert_cmpfloat_with_epsilon (acf[0], -0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (acf[1], 0.8, 1e-12);
}

static void
test_season_and_trend (void)
{
  g_autofree double *sine = noisy_sine (240, 12, 0.1, 3);
  double line[50];

  /* The season itself, not a multiple of it. */
  g_assert_cmpuint (elman_detect_season (sine, 240), ==, 12);
  for (guint i = 0; i < 50; i++)
    line[i] = 3 + 0.5 * i;
  g_assert_cmpfloat_with_epsilon (elman_detect_trend (line, 50), 1.0, 1e-9);
  g_assert_cmpfloat (elman_detect_trend (sine, 240), <, 0.05);
}

/* The rolling origin forecasts are exactly elman_model_forecast() at
 * every origin (recursive beyond K), for every transform. */
static void
test_rolling_matches_forecast (void)
{
  const ElmanTransform transforms[] = {
    ELMAN_TRANSFORM_NONE, ELMAN_TRANSFORM_DIFF, ELMAN_TRANSFORM_SEASONAL_DIFF, ELMAN_TRANSFORM_RELATIVE,
    ELMAN_TRANSFORM_RELATIVE_MEAN,
  };
  gsize n = 60;
  g_autofree double *values = noisy_sine (n, 7, 0.3, 5);

  for (guint t = 0; t < G_N_ELEMENTS (transforms); t++)
    for (guint steps = 1; steps <= 7; steps += 3)
      {
        g_autoptr(ElmanModel) model = elman_model_new (5, 2, 4, TRUE);
        g_autoptr(GError) error = NULL;
        gsize first, n_origins;
        g_autofree double *rolling = NULL;
        double one[7];

        elman_model_init_glorot (model, 11 + t);
        model->transform = transforms[t];
        model->season = 3;
        model->normalize = ELMAN_NORMALIZE_ZSCORE;
        model->offset = 9.5;
        model->scale = 2.0;
        first = elman_model_min_history (model);
        n_origins = n - first + 1;   /* the last origin, n, forecasts past the end */
        rolling = g_new (double, n_origins * steps);
        g_assert_true (elman_rolling_forecast (model, values, n, first, n_origins, steps, rolling, &error));
        g_assert_no_error (error);

        for (gsize o = first; o <= n; o++)
          {
            g_assert_true (elman_model_forecast (model, values, o, steps, one, &error));
            for (guint h = 0; h < steps; h++)
              g_assert_cmpfloat (rolling[(o - first) * steps + h], ==, one[h]);
          }

        /* An origin without enough history is refused. */
        g_assert_false (elman_rolling_forecast (model, values, n, first - 1, 1, steps, rolling, &error));
        g_assert_error (error, ELMAN_EVALUATE_ERROR, ELMAN_EVALUATE_ERROR_TOO_SHORT);
      }
}

/* A glorot network with @transform, season @season and a z-score
 * normalisation of offset 9.5, scale 2 (for the rolling tests). */
static ElmanModel *
glorot_model (guint          T,
              guint          K,
              guint          J,
              guint64        seed,
              ElmanTransform transform,
              guint          season)
{
  ElmanModel *model = elman_model_new (T, K, J, TRUE);

  elman_model_init_glorot (model, seed);
  model->transform = transform;
  model->season = season;
  model->normalize = ELMAN_NORMALIZE_ZSCORE;
  model->offset = 9.5;
  model->scale = 2.0;
  return model;
}

/* Each of @n values within 1e-9 of @expected's (relative, 1 at least). */
static void
assert_close_values (const double *got,
                     const double *expected,
                     gsize         n)
{
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (got[i], expected[i], 1e-9 * MAX (1.0, fabs (expected[i])));
}

/* The evaluation runs each member once over the series for all its
 * outputs, the hidden states on the training kernels: they equal, up to
 * the order of the sums (1e-9 here), the separate functions' (rolling
 * forecasts, one-step predictions, elman_model_forecast() free running,
 * the in-sample residuals' autocorrelation), with a horizon beyond K
 * (closed loops per origin), every transform, one member or three of
 * different T and K. */
static void
test_one_pass_matches_separate (void)
{
  const ElmanTransform transforms[] = {
    ELMAN_TRANSFORM_NONE, ELMAN_TRANSFORM_DIFF, ELMAN_TRANSFORM_SEASONAL_DIFF, ELMAN_TRANSFORM_RELATIVE,
    ELMAN_TRANSFORM_RELATIVE_MEAN,
  };
  const guint shapes[3][3] = { { 5, 2, 4 }, { 3, 1, 6 }, { 7, 3, 5 } };
  gsize n = 90, n_train = 70;
  g_autofree double *values = noisy_sine (n, 7, 0.3, 8);

  for (guint t = 0; t < G_N_ELEMENTS (transforms); t++)
    for (guint n_models = 1; n_models <= 3; n_models += 2)
      for (guint H = 1; H <= 5; H += 4)
        {
          g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
          g_autoptr(ElmanEvaluation) ev = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree double *fit = NULL;
          g_autofree double *expected = NULL;
          g_autofree double *member = NULL;
          g_autofree double *free_run = NULL;
          g_autofree double *res = NULL;
          g_autofree double *acf = NULL;
          ElmanModel *const *m;
          gsize first, n_test = n - n_train, n_origins = n_test - H + 1;

          for (guint r = 0; r < n_models; r++)
            {
              g_ptr_array_add (models, glorot_model (shapes[r][0], shapes[r][1], shapes[r][2], 21 + t + r,
                                                     transforms[t], 3));
            }
          m = (ElmanModel *const *) models->pdata;
          first = elman_models_min_history (m, n_models);

          ev = elman_evaluate_with_fit (m, n_models, values, n, n_train, H, 7, NULL, &fit, &error);
          g_assert_no_error (error);
          g_assert_nonnull (ev);
          g_assert_nonnull (fit);

          expected = g_new (double, MAX (n_origins * H, n - first));
          g_assert_true (elman_models_rolling_forecast (m, n_models, values, n, n_train, n_origins, H, expected,
                                                        NULL, &error));
          assert_close_values (ev->forecasts, expected, n_origins * H);
          g_assert_true (elman_models_rolling_forecast (m, n_models, values, n, first, n - first, 1, expected,
                                                        NULL, &error));
          assert_close_values (fit, expected, n - first);
          assert_close_values (ev->one_step_pred, expected + (n_train - first), n_test);

          member = g_new (double, n_test);
          free_run = g_new0 (double, n_test);
          for (guint r = 0; r < n_models; r++)
            {
              g_assert_true (elman_model_forecast (m[r], values, n_train, n_test, member, &error));
              for (gsize i = 0; i < n_test; i++)
                free_run[i] += member[i] / n_models;
            }
          assert_close_values (ev->free_run_pred, free_run, n_test);

          res = g_new (double, n_train - first);
          for (gsize i = 0; i < n_train - first; i++)
            res[i] = values[first + i] - expected[i];
          g_assert_cmpuint (ev->n_residuals, ==, n_train - first);
          acf = g_new (double, ev->n_acf);
          elman_autocorrelation (res, n_train - first, ev->n_acf, acf);
          assert_close_values (ev->acf, acf, ev->n_acf);

          /* The scores, origin by origin, are those of the origins × steps
           * arrays, bit for bit. */
          {
            g_autofree double *actual = g_new (double, n_origins * H);
            g_autofree double *base = g_new (double, n_origins * H);
            ElmanScores scores;

            for (gsize i = 0; i < n_origins; i++)
              {
                memcpy (actual + i * H, values + n_train + i, H * sizeof (double));
                elman_baseline_forecast (ELMAN_FORECASTER_SEASONAL_NAIVE, values, n_train + i, ev->season, H,
                                         base + i * H);
              }
            elman_scores_compute (actual, ev->forecasts, n_origins * H, ev->mase_scale, &scores);
            g_assert_cmpmem (&scores, sizeof scores, &ev->scores[ELMAN_FORECASTER_MODEL], sizeof scores);
            elman_scores_compute (actual, base, n_origins * H, ev->mase_scale, &scores);
            g_assert_cmpmem (&scores, sizeof scores, &ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE], sizeof scores);
          }

          /* Without the fit asked for, the same evaluation. */
          {
            g_autoptr(ElmanEvaluation) alone = elman_evaluate (m, n_models, values, n, n_train, H, 7, NULL, &error);

            g_assert_no_error (error);
            g_assert_cmpmem (alone->acf, alone->n_acf * sizeof (double), ev->acf, ev->n_acf * sizeof (double));
            g_assert_cmpmem (alone->forecasts, n_origins * H * sizeof (double),
                             ev->forecasts, n_origins * H * sizeof (double));
            g_assert_cmpmem (alone->free_run_pred, n_test * sizeof (double), ev->free_run_pred, n_test * sizeof (double));
          }
        }
}

/* A free-running run much longer than the closed loop's sliding buffers
 * (and lags that reach back across a slide) is elman_model_forecast()'s,
 * up to the order of the sums. */
static void
test_long_free_run (void)
{
  const ElmanTransform transforms[] = {
    ELMAN_TRANSFORM_NONE, ELMAN_TRANSFORM_DIFF, ELMAN_TRANSFORM_SEASONAL_DIFF, ELMAN_TRANSFORM_RELATIVE_MEAN,
  };
  gsize n = 12000, n_train = 300, n_test = n - n_train;
  g_autofree double *values = noisy_sine (n, 7, 0.3, 9);
  g_autofree double *want = g_new (double, n_test);

  for (guint t = 0; t < G_N_ELEMENTS (transforms); t++)
    for (guint K = 1; K <= 3; K += 2)
      {
        g_autoptr(ElmanModel) model = glorot_model (5, K, 4, 31 + t, transforms[t], 7);
        g_autoptr(ElmanEvaluation) ev = NULL;
        g_autoptr(GError) error = NULL;

        ev = elman_evaluate (&model, 1, values, n, n_train, K, 7, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (elman_model_forecast (model, values, n_train, n_test, want, &error));
        for (gsize i = 0; i < n_test; i++)
          g_assert_cmpfloat_with_epsilon (ev->free_run_pred[i], want[i], 1e-9 * MAX (1.0, fabs (want[i])));
      }
}

/* An ensemble's long free-running run (each member's on the second
 * core) is the mean of elman_model_forecast()'s, and a second
 * evaluation gives the same bits. */
static void
test_long_free_run_ensemble (void)
{
  gsize n = 9000, n_train = 500, n_test = n - n_train;
  g_autofree double *values = noisy_sine (n, 7, 0.3, 10);
  g_autofree double *want = g_new0 (double, n_test);
  g_autofree double *member = g_new (double, n_test);
  g_autoptr(ElmanModel) a = glorot_model (6, 1, 5, 41, ELMAN_TRANSFORM_DIFF, 7);
  g_autoptr(ElmanModel) b = glorot_model (4, 1, 3, 42, ELMAN_TRANSFORM_NONE, 7);
  ElmanModel *models[] = { a, b };
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(ElmanEvaluation) again = NULL;
  g_autoptr(GError) error = NULL;

  ev = elman_evaluate (models, 2, values, n, n_train, 1, 7, NULL, &error);
  g_assert_no_error (error);
  again = elman_evaluate (models, 2, values, n, n_train, 1, 7, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < 2; r++)
    {
      g_assert_true (elman_model_forecast (models[r], values, n_train, n_test, member, &error));
      for (gsize i = 0; i < n_test; i++)
        want[i] += member[i] / 2;
    }
  for (gsize i = 0; i < n_test; i++)
    g_assert_cmpfloat_with_epsilon (ev->free_run_pred[i], want[i], 1e-9 * MAX (1.0, fabs (want[i])));
  g_assert_cmpmem (ev->free_run_pred, n_test * sizeof (double), again->free_run_pred, n_test * sizeof (double));
}

/* The pass counts the activations within the edge of 0 or 1 of every
 * window from saturated_from on, as the hidden states of
 * elman_model_hidden_states() say (J = 5: groups of four and a rest). */
static void
test_saturation_count (void)
{
  gsize n = 700;
  g_autofree double *values = noisy_sine (n, 7, 0.3, 12);
  g_autoptr(ElmanModel) model = glorot_model (4, 1, 5, 51, ELMAN_TRANSFORM_NONE, 7);
  gsize first = elman_model_min_history (model), J = 5, n_states;
  g_autofree double *states = g_new (double, (n - first + 1) * J);

  /* Larger weights: some units saturate, some do not. */
  for (gsize i = 0; i < J * model->window; i++)
    model->U[i] *= 6;
  n_states = elman_model_hidden_states (model, values, n, states);
  g_assert_cmpuint (n_states, ==, n - first + 1);
  /* Starts that leave every number of activations after the groups. */
  for (gsize from = 431; from < 451; from++)
    {
      ElmanForecastPass pass = {
        .count_saturated = TRUE, .saturated_from = from, .saturation_edge = 0.2, .n_models = 1,
      };
      gsize want = 0;

      for (gsize s = from; s < n; s++)
        for (gsize j = 0; j < J; j++)
          {
            double h = states[(s - first) * J + j];

            want += h < 0.2 || h > 0.8;
          }
      g_assert_true (elman_forecast_pass_run (&pass, model, values, n, NULL, NULL));
      g_assert_cmpuint (pass.n_activations, ==, (n - from) * J);
      g_assert_cmpuint (pass.n_saturated, ==, want);
      g_assert_cmpuint (want, >, 0);
      g_assert_cmpuint (want, <, (n - from) * J);
    }
}

/* The lagged sums of several lags at once are those of a loop per lag,
 * bit for bit, for every length and last lag (the blocks' edges), and
 * the autocorrelation of lags beyond the data is 0. */
static void
test_lagged_products (void)
{
  g_autofree double *x = noisy_sine (40, 5, 0.7, 11);
  double c[40], acf[50];

  for (gsize n = 1; n <= 40; n++)
    for (gsize top = 0; top < n; top++)
      {
        double mean = n % 2 ? 0.0 : 0.37;

        elman_lagged_products (x, n, mean, top, c);
        for (gsize lag = 1; lag <= top; lag++)
          {
            double want = 0;

            for (gsize i = lag; i < n; i++)
              want += (x[i] - mean) * (x[i - lag] - mean);
            g_assert_cmpmem (&c[lag], sizeof (double), &want, sizeof (double));
          }
      }

  elman_autocorrelation (x, 30, 50, acf);
  for (guint l = 30; l <= 50; l++)
    g_assert_cmpfloat (acf[l - 1], ==, 0.0);
  g_assert_cmpfloat (fabs (acf[4]), >, 0.1);
}

/* Origin bookkeeping: n = 50, K = 3, F = 0.2 → n_test = 10, origins
 * 40…47; the CSV's rows are origin o, step h, forecast of y[o + h − 1]. */
static void
test_origins_and_csv (void)
{
  gsize n = 50, n_train, n_valid;
  g_autofree double *values = noisy_sine (n, 10, 0.2, 7);
  ElmanConfig config;
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  double fc[3];

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 5;
  config.horizon = 3;
  config.hidden = 4;
  config.epochs = 20;
  config.transform = ELMAN_TRANSFORM_NONE;
  elman_config_split (&config, n, &n_train, &n_valid);
  g_assert_cmpuint (n_train, ==, 40);
  model = train_one (&config, values, n);

  ev = elman_evaluate (&model, 1, values, n, n_train, 3, 0, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev->n_train, ==, 40);
  g_assert_cmpuint (ev->n_origins, ==, 8);
  g_assert_cmpuint (ev->scores[ELMAN_FORECASTER_MODEL].count, ==, 24);
  g_assert_cmpuint (ev->one_step.count, ==, 10);
  g_assert_cmpuint (ev->free_running.count, ==, 10);

  csv = elman_evaluation_test_forecasts_csv (ev);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "origin,h,yhat");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 24 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "40,1,"));
  g_assert_true (g_str_has_prefix (lines[3], "40,3,"));
  g_assert_true (g_str_has_prefix (lines[24], "47,3,"));
  g_assert_cmpstr (lines[25], ==, "");

  /* Row "o,h,yhat" is the forecast from values[0…o−1] of y[o + h − 1]
   * (the evaluation's hidden states come from the training kernels: up
   * to the order of the sums). */
  for (guint i = 1; i <= 24; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", 3);
      guint64 o = g_ascii_strtoull (f[0], NULL, 10), h = g_ascii_strtoull (f[1], NULL, 10);

      g_assert_true (elman_model_forecast (model, values, o, 3, fc, &error));
      assert_close_values ((double[]) { g_ascii_strtod (f[2], NULL) }, &fc[h - 1], 1);
    }

  /* The teacher-forced one-step prediction of y[40] is the first step from
   * origin 40; the free-running one too, and then they part. */
  g_assert_cmpfloat (ev->one_step_pred[0], ==, ev->forecasts[0]);
  g_assert_cmpfloat (ev->free_run_pred[0], ==, ev->forecasts[0]);

  /* Every baseline scored on the same origins as the network. */
  for (ElmanForecaster f = ELMAN_FORECASTER_NAIVE; f < ELMAN_N_FORECASTERS; f++)
    {
      double base[3], actual[24], pooled[24];
      ElmanScores sc;

      for (gsize i = 0; i < 8; i++)
        {
          elman_baseline_forecast (f, values, 40 + i, ev->season, 3, base);
          for (guint h = 0; h < 3; h++)
            {
              actual[i * 3 + h] = values[40 + i + h];
              pooled[i * 3 + h] = base[h];
            }
        }
      elman_scores_compute (actual, pooled, 24, ev->mase_scale, &sc);
      g_assert_cmpfloat_with_epsilon (ev->scores[f].mae, sc.mae, 1e-9);
      g_assert_cmpfloat_with_epsilon (ev->scores[f].rmse, sc.rmse, 1e-9);
    }

  /* A test part shorter than the horizon cannot be scored. */
  {
    g_autoptr(GError) short_error = NULL;
    g_assert_null (elman_evaluate (&model, 1, values, n, n - 2, 3, 0, NULL, &short_error));
    g_assert_error (short_error, ELMAN_EVALUATE_ERROR, ELMAN_EVALUATE_ERROR_TOO_SHORT);
  }
}

/* On a straight line the drift forecast is exact and the naive forecast
 * is off by 2h at step h: MAE (2 + 4 + 6)/3 = 4 at K = 3. */
static void
test_baseline_scores (void)
{
  gsize n = 60;
  double values[60];
  g_autoptr(ElmanModel) model = elman_model_new (4, 3, 3, TRUE);
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *table = NULL;

  for (gsize i = 0; i < n; i++)
    values[i] = 1 + 2.0 * (double) i;
  elman_model_init_glorot (model, 1);

  ev = elman_evaluate (&model, 1, values, n, 48, 3, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev->season, ==, 1);
  g_assert_cmpfloat_with_epsilon (ev->mase_scale, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ev->scores[ELMAN_FORECASTER_DRIFT].mae, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ev->scores[ELMAN_FORECASTER_NAIVE].mae, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ev->scores[ELMAN_FORECASTER_NAIVE].mase, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mae, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ev->scores[ELMAN_FORECASTER_NAIVE].rmse, sqrt ((4 + 16 + 36) / 3.0), 1e-12);

  json = elman_evaluation_to_json (ev, NULL);
  g_assert_nonnull (strstr (json, "\"name\" : \"seasonal-naive\""));
  g_assert_nonnull (strstr (json, "\"origins\" : 10"));
  table = elman_evaluation_format_table (ev);
  g_assert_nonnull (strstr (table, "Drift"));
  g_assert_nonnull (strstr (table, "free-running"));
}

/* The Seed preset on raw, trending levels: identical hidden units, a
 * flat forecast, worse than naive, each with its likely cause. */
static void
test_warnings_seed (void)
{
  gsize n = 120;
  double values[120];
  ElmanConfig config;
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  gsize n_train;

  for (gsize i = 0; i < n; i++)
    values[i] = 100 + 2.0 * (double) i + 10 * sin ((double) i);
  elman_config_init (&config, ELMAN_PRESET_SEED);
  config.window = 6;
  config.horizon = 2;
  config.hidden = 4;
  config.epochs = 50;
  model = train_one (&config, values, n);
  elman_config_split (&config, n, &n_train, NULL);

  ev = elman_evaluate (&model, 1, values, n, n_train, 2, 0, &config, &error);
  g_assert_no_error (error);
  g_assert_true (ev->warnings & ELMAN_WARNING_IDENTICAL_UNITS);
  g_assert_true (ev->warnings & ELMAN_WARNING_WORSE_THAN_NAIVE);
  g_assert_true (ev->warnings & ELMAN_WARNING_FLAT);
  g_assert_true (ev->warnings & ELMAN_WARNING_SATURATED);
  g_assert_true (ev->warnings & ELMAN_WARNING_TREND_ON_LEVELS);
  all = g_strjoinv ("\n", ev->messages);
  g_assert_nonnull (strstr (all, "identical"));
  g_assert_nonnull (strstr (all, "saturated"));
  g_assert_nonnull (strstr (all, "naive"));

  /* The app's wording names its controls, never a flag; the CLI's names
   * the flags. Both say the same findings. */
  g_assert_null (strstr (all, "--"));
  g_assert_nonnull (strstr (all, "Set Advanced › Initialization to Glorot uniform."));
  g_assert_nonnull (strstr (all, "Set Advanced › Normalization to Z-score."));
  {
    g_auto(GStrv) cli = elman_evaluation_dup_messages (ev, ELMAN_WORDING_CLI);
    g_auto(GStrv) app = elman_evaluation_dup_messages (ev, ELMAN_WORDING_APP);
    g_autofree char *cli_all = g_strjoinv ("\n", cli);

    g_assert_cmpuint (g_strv_length (cli), ==, g_strv_length (ev->messages));
    g_assert_true (g_strv_equal ((const char * const *) app, (const char * const *) ev->messages));
    g_assert_nonnull (strstr (cli_all, "Use --init glorot."));
    g_assert_nonnull (strstr (cli_all, "Use --normalize zscore."));
    g_assert_null (strstr (cli_all, "Initialization"));
    for (guint i = 0; cli[i]; i++)
      g_assert_true (g_str_has_prefix (cli[i], ev->findings[i]));
  }
}

/* A well-learnt sine raises no flat or worse-than-naive warning. */
static void
test_no_warnings_when_good (void)
{
  gsize n = 300, n_train;
  g_autofree double *values = noisy_sine (n, 12, 0.1, 9);
  ElmanConfig config;
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 12;
  config.horizon = 3;
  config.hidden = 8;
  config.epochs = 300;
  config.transform = ELMAN_TRANSFORM_NONE;
  model = train_one (&config, values, n);
  elman_config_split (&config, n, &n_train, NULL);

  ev = elman_evaluate (&model, 1, values, n, n_train, 3, 0, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev->season, ==, 12);
  g_assert_false (ev->warnings & (ELMAN_WARNING_FLAT | ELMAN_WARNING_WORSE_THAN_NAIVE |
                                  ELMAN_WARNING_IDENTICAL_UNITS | ELMAN_WARNING_SATURATED));
  g_assert_cmpfloat (ev->scores[ELMAN_FORECASTER_MODEL].mae, <, ev->scores[ELMAN_FORECASTER_NAIVE].mae);
  g_assert_cmpuint (ev->n_acf, ==, 24);
  g_assert_cmpfloat_with_epsilon (ev->acf_bound, 1.96 / sqrt ((double) ev->n_residuals), 1e-12);
}


/* The recommended preset on its own (one network, no search) also beats
 * seasonal naive there. */
static void
test_airpassengers_recommended (void)
{
  g_autoptr(ElmanSeries) series = load_airpassengers ();
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;
  ElmanConfig config;
  ElmanModel *const *models;
  guint n_models;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.horizon = 12;
  config.window = 24;
  ensemble = elman_ensemble_train (&config, series->values, series->n, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  models = elman_ensemble_get_models (ensemble, &n_models);
  ev = elman_evaluate (models, n_models, series->values, series->n, elman_ensemble_get_n_train (ensemble),
                       12, 0, &config, &error);
  g_assert_no_error (error);
  g_test_message ("airpassengers: recommended test MASE %.3f", ev->scores[ELMAN_FORECASTER_MODEL].mase);
  g_assert_cmpfloat (ev->scores[ELMAN_FORECASTER_MODEL].mae, <, ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mae);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/evaluate/scores", test_scores);
  g_test_add_func ("/elman/evaluate/mase-scale", test_mase_scale);
  g_test_add_func ("/elman/evaluate/baselines", test_baselines);
  g_test_add_func ("/elman/evaluate/autocorrelation", test_autocorrelation);
  g_test_add_func ("/elman/evaluate/season-and-trend", test_season_and_trend);
  g_test_add_func ("/elman/evaluate/rolling-matches-forecast", test_rolling_matches_forecast);
  g_test_add_func ("/elman/evaluate/one-pass-matches-separate", test_one_pass_matches_separate);
  g_test_add_func ("/elman/evaluate/long-free-run", test_long_free_run);
  g_test_add_func ("/elman/evaluate/long-free-run-ensemble", test_long_free_run_ensemble);
  g_test_add_func ("/elman/evaluate/lagged-products", test_lagged_products);
  g_test_add_func ("/elman/evaluate/saturation-count", test_saturation_count);
  g_test_add_func ("/elman/evaluate/origins-and-csv", test_origins_and_csv);
  g_test_add_func ("/elman/evaluate/baseline-scores", test_baseline_scores);
  g_test_add_func ("/elman/evaluate/warnings-seed", test_warnings_seed);
  g_test_add_func ("/elman/evaluate/no-warnings-when-good", test_no_warnings_when_good);
  g_test_add_func ("/elman/evaluate/airpassengers-recommended", test_airpassengers_recommended);

  return g_test_run ();
}
