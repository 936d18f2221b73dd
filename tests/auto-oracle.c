/* auto-oracle.c — how good could --auto's choice be? (issue 7)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A diagnostic, not a test: it looks at the test part, which --auto must
 * never do. It runs the --auto search exactly as `elman-cli train --auto`
 * does (recommended preset, the given K and test fraction), then trains
 * every candidate of the grid the way the --auto ensemble trains its
 * members (R seeds, early stopping, refitted on the whole training part)
 * and prints, for each, the MAE of its K-step rolling-origin forecasts on
 * the validation part (what the search ranks by) and on the test part
 * (what the table scores), with the test MASE. The seasonal-naive
 * forecast is scored on both parts for comparison. If no candidate beats
 * seasonal naive on the test part even when picked with hindsight, no
 * selection rule over this grid can.
 *
 *   auto-oracle SERIES.csv K [TEST_FRACTION [R]]
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "elman-analysis.h"
#include "elman-config.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-series-loader.h"

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
  g_autofree double *mean = g_new0 (double, n_origins * K);
  g_autofree double *fc = g_new (double, n_origins * K);
  double sum = 0;

  if (n_models == 0)
    for (gsize i = 0; i < n_origins; i++)
      elman_baseline_forecast (ELMAN_FORECASTER_SEASONAL_NAIVE, values, first + i, season, K, mean + i * K);

  for (guint r = 0; r < n_models; r++)
    {
      if (!elman_rolling_forecast (models[r], values, end, first, n_origins, K, fc, NULL))
        return NAN;
      for (gsize i = 0; i < n_origins * K; i++)
        mean[i] += fc[i] / n_models;
    }

  for (gsize i = 0; i < n_origins; i++)
    for (guint k = 0; k < K; k++)
      sum += fabs (values[first + i + k] - mean[i * K + k]);
  return sum / (double) (n_origins * K);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(GArray) candidates = NULL;
  ElmanLoadOptions options;
  ElmanConfig config;
  gsize n, n_train, n_valid, n_fit;
  guint K, R, m;
  double scale;

  if (argc < 3 || argc > 5)
    {
      g_printerr ("Usage: %s SERIES.csv K [TEST_FRACTION [R]]\n", argv[0]);
      return 2;
    }
  K = (guint) atoi (argv[2]);
  R = argc > 4 ? (guint) atoi (argv[4]) : 5;
  if (K == 0 || R == 0)
    {
      g_printerr ("%s: K and R must be positive integers\n", argv[0]);
      return 2;
    }

  elman_load_options_init (&options);
  series = elman_series_load (argv[1], &options, NULL, &error);
  if (series == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n = series->n;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.horizon = K;
  config.test_fraction = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 0.2;
  config.ensemble = R;
  if (!elman_auto_search (&config, series->values, n, NULL, NULL, NULL, &candidates, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  elman_config_split (&config, n, &n_train, &n_valid);
  {
    ElmanConfig split = config;

    split.test_fraction = 0;
    elman_config_split (&split, n_train, NULL, &n_valid);
  }
  n_fit = n_train - n_valid;
  m = elman_detect_season (series->values, n_train);
  scale = elman_mase_scale (series->values, n_train, m);

  printf ("%s: n = %zu, fit %zu, validation %zu, test %zu, K = %u, m = %u, %u seeds per candidate\n",
          argv[1], n, n_fit, n_valid, n - n_train, K, m, R);
  printf ("seasonal naive: validation MAE %.4g, test MAE %.4g, test MASE %.3f\n",
          rolling_mae (NULL, 0, series->values, n_fit, n_train, K, m),
          rolling_mae (NULL, 0, series->values, n_train, n, K, m),
          rolling_mae (NULL, 0, series->values, n_train, n, K, m) / scale);
  printf ("rank  transform       T   J      ε   K'  validation MAE   test MAE  test MASE\n");

  for (guint i = 0; i < candidates->len; i++)
    {
      const ElmanAutoCandidate *c = &g_array_index (candidates, ElmanAutoCandidate, i);
      g_autofree ElmanConfig *members = g_new (ElmanConfig, R);
      g_autoptr(ElmanEnsemble) ensemble = NULL;
      ElmanModel *const *models;
      guint n_models;
      double mae;

      for (guint r = 0; r < R; r++)
        {
          members[r] = c->config;
          members[r].seed = config.seed + r;
          members[r].ensemble = 1;
        }
      ensemble = elman_ensemble_train_members (members, R, series->values, n_train, TRUE,
                                               NULL, NULL, NULL, &error);
      if (ensemble == NULL)
        {
          g_printerr ("%s: candidate %u: %s\n", argv[1], i + 1, error->message);
          return 1;
        }
      models = elman_ensemble_get_models (ensemble, &n_models);
      mae = rolling_mae (models, n_models, series->values, n_train, n, K, m);
      printf ("%4u  %-14s %2u %3u %6.3f %4u %15.4g %10.4g %10.3f\n", i + 1,
              elman_transform_to_string (c->config.transform), c->config.window, c->config.hidden,
              c->config.learning_rate, c->config.horizon, c->valid_mae, mae, mae / scale);
    }

  return 0;
}
