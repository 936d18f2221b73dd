/* accuracy-diagnostics.c — what the accuracy table cannot show
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Diagnostics, not tests: both look at the test part, which --auto must
 * never do. Both first run the --auto search exactly as
 * `elman-cli train --auto` does (recommended preset, the given K and test
 * fraction, R seeds per member).
 *
 *   accuracy-diagnostics oracle SERIES.csv K [TEST_FRACTION [R]]
 *
 * trains every candidate of the grid the way the --auto ensemble trains
 * its members (R seeds, early stopping, refitted on the whole training
 * part) and prints, for each, the MAE of its K-step rolling-origin
 * forecasts on the validation part (what the search ranks by) and on the
 * test part (what the table scores), with the test MASE. The
 * seasonal-naive forecast is scored on both parts for comparison. If no
 * candidate beats seasonal naive on the test part even when picked with
 * hindsight, no selection rule over this grid can.
 *
 *   accuracy-diagnostics coverage SERIES.csv K [TEST_FRACTION [R]]
 *
 * trains the --auto ensemble and, at every test origin o, asks
 * elman_ensemble_forecast() for K steps after y[0…o−1] with their 80 %
 * and 95 % intervals; prints the share of the actual values inside each.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elman-analysis.h"
#include "elman-config.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-series-loader.h"

typedef struct
{
  const char   *path;
  ElmanSeries  *series;
  ElmanConfig   config;
  GArray       *candidates;
  gsize         n_train, n_fit;
  guint         K, R, m;
  double        scale;
} Diagnosis;

/* Mean absolute error of the K-step rolling-origin forecasts of @models
 * averaged (or of seasonal naive when @n_models is 0), origins o with
 * first ≤ o and o + K ≤ end, seeing the values before o only. */
static double
rolling_mae (ElmanModel *const *models,
             guint               n_models,
             const double       *values,
             gsize               first,
             gsize               end,
             guint               K,
             guint               season)
{
  gsize n_origins = end - K - first + 1;
  g_autofree double *mean = g_new (double, n_origins * K);
  double sum = 0;

  if (n_models == 0)
    for (gsize i = 0; i < n_origins; i++)
      elman_baseline_forecast (ELMAN_FORECASTER_SEASONAL_NAIVE, values, first + i, season, K, mean + i * K);
  else if (!elman_models_rolling_forecast (models, n_models, values, end, first, n_origins, K, mean, NULL, NULL))
    return NAN;

  for (gsize i = 0; i < n_origins; i++)
    for (guint k = 0; k < K; k++)
      sum += fabs (values[first + i + k] - mean[i * K + k]);
  return sum / (double) (n_origins * K);
}

static int
run_oracle (Diagnosis *d)
{
  const double *values = d->series->values;
  gsize n = d->series->n;

  printf ("seasonal naive: validation MAE %.4g, test MAE %.4g, test MASE %.3f\n",
          rolling_mae (NULL, 0, values, d->n_fit, d->n_train, d->K, d->m),
          rolling_mae (NULL, 0, values, d->n_train, n, d->K, d->m),
          rolling_mae (NULL, 0, values, d->n_train, n, d->K, d->m) / d->scale);
  printf ("rank  transform       T   J      ε   K'  validation MAE   test MAE  test MASE\n");

  for (guint i = 0; i < d->candidates->len; i++)
    {
      const ElmanAutoCandidate *c = &g_array_index (d->candidates, ElmanAutoCandidate, i);
      g_autofree ElmanConfig *members = g_new (ElmanConfig, d->R);
      g_autoptr(ElmanEnsemble) ensemble = NULL;
      g_autoptr(GError) error = NULL;
      ElmanModel *const *models;
      guint n_models;
      double mae;

      for (guint r = 0; r < d->R; r++)
        {
          members[r] = c->config;
          members[r].seed = d->config.seed + r;
          members[r].ensemble = 1;
        }
      ensemble = elman_ensemble_train_members (members, d->R, values, d->n_train, TRUE,
                                               NULL, NULL, NULL, &error);
      if (ensemble == NULL)
        {
          g_printerr ("%s: candidate %u: %s\n", d->path, i + 1, error->message);
          return 1;
        }
      models = elman_ensemble_get_models (ensemble, &n_models);
      mae = rolling_mae (models, n_models, values, d->n_train, n, d->K, d->m);
      printf ("%4u  %-14s %2u %3u %6.3f %4u %15.4g %10.4g %10.3f\n", i + 1,
              elman_transform_to_string (c->config.transform), c->config.window, c->config.hidden,
              c->config.learning_rate, c->config.horizon, c->valid_mae, mae, mae / d->scale);
    }
  return 0;
}

static int
run_coverage (Diagnosis *d)
{
  const double *values = d->series->values;
  gsize n = d->series->n, inside80 = 0, inside95 = 0, total = 0;
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *mean = g_new (double, d->K);
  g_autofree double *bounds = g_new (double, 4 * d->K);
  ElmanModel *const *models;
  guint n_models;

  ensemble = elman_ensemble_train_auto (&d->config, d->candidates, values, n, NULL, NULL, NULL, &error);
  if (ensemble == NULL)
    {
      g_printerr ("%s: %s\n", d->path, error->message);
      return 1;
    }
  models = elman_ensemble_get_models (ensemble, &n_models);

  for (gsize o = d->n_train; o + d->K <= n; o++)
    {
      double *lo80 = bounds, *hi80 = bounds + d->K, *lo95 = bounds + 2 * d->K, *hi95 = bounds + 3 * d->K;

      if (!elman_ensemble_forecast (models, n_models, values, o, d->K, mean, lo80, hi80, lo95, hi95, NULL, &error))
        {
          g_printerr ("%s: origin %zu: %s\n", d->path, o, error->message);
          return 1;
        }
      for (guint k = 0; k < d->K; k++)
        {
          double y = values[o + k];

          inside80 += lo80[k] <= y && y <= hi80[k];
          inside95 += lo95[k] <= y && y <= hi95[k];
          total++;
        }
    }

  printf ("ensemble of %u networks, %zu test values over %zu origins: "
          "80 %% interval covers %.1f %%, 95 %% interval covers %.1f %%\n",
          n_models, total, n - d->K - d->n_train + 1,
          100.0 * (double) inside80 / (double) total, 100.0 * (double) inside95 / (double) total);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(GArray) candidates = NULL;
  ElmanLoadOptions options;
  Diagnosis d = { 0 };
  gsize n, n_valid;

  if (argc < 4 || argc > 6 || (strcmp (argv[1], "oracle") != 0 && strcmp (argv[1], "coverage") != 0))
    {
      g_printerr ("Usage: %s oracle|coverage SERIES.csv K [TEST_FRACTION [R]]\n", argv[0]);
      return 2;
    }
  d.path = argv[2];
  d.K = (guint) atoi (argv[3]);
  d.R = argc > 5 ? (guint) atoi (argv[5]) : 5;
  if (d.K == 0 || d.R == 0)
    {
      g_printerr ("%s: K and R must be positive integers\n", argv[0]);
      return 2;
    }

  elman_load_options_init (&options);
  series = elman_series_load (d.path, &options, NULL, &error);
  if (series == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n = series->n;

  elman_config_init (&d.config, ELMAN_PRESET_RECOMMENDED);
  d.config.horizon = d.K;
  d.config.test_fraction = argc > 4 ? g_ascii_strtod (argv[4], NULL) : 0.2;
  d.config.ensemble = d.R;
  if (!elman_auto_search (&d.config, series->values, n, NULL, NULL, NULL, &candidates, &error))
    {
      g_printerr ("%s: %s\n", d.path, error->message);
      return 1;
    }
  elman_config_split (&d.config, n, &d.n_train, &n_valid);
  {
    ElmanConfig split = d.config;

    split.test_fraction = 0;
    elman_config_split (&split, d.n_train, NULL, &n_valid);
  }
  d.n_fit = d.n_train - n_valid;
  d.m = elman_detect_season (series->values, d.n_train);
  d.scale = elman_mase_scale (series->values, d.n_train, d.m);
  d.series = series;
  d.candidates = candidates;

  printf ("%s: n = %zu, fit %zu, validation %zu, test %zu, K = %u, m = %u, %u seeds per candidate\n",
          d.path, n, d.n_fit, n_valid, n - d.n_train, d.K, d.m, d.R);
  return strcmp (argv[1], "oracle") == 0 ? run_oracle (&d) : run_coverage (&d);
}
