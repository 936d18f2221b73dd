/* core-test-util.c — series the core tests share
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "elman-rng.h"
#include "elman-series-loader.h"

#include "core-test-util.h"

double *
noisy_sine (gsize   n,
            double  period,
            double  noise,
            guint64 seed)
{
  ElmanRng rng;
  double *v = g_new (double, n);

  elman_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    v[i] = 10 + 3 * sin (2 * G_PI * (double) i / period) + noise * (2 * elman_rng_next_double (&rng) - 1);
  return v;
}

ElmanSeries *
load_airpassengers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "airpassengers.csv", NULL);
  ElmanLoadOptions options;
  ElmanSeries *series;

  elman_load_options_init (&options);
  series = elman_series_load (path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->n, ==, 144);
  return series;
}
