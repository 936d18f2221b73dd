/* elman-analysis.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "elman-analysis.h"

guint
elman_detect_season (const double *values,
                     gsize         n)
{
  g_autofree double *d = NULL;
  g_autofree double *acf = NULL;
  gsize nd, max_lag;
  double mean = 0, var = 0, best = 0, threshold;
  guint best_lag = 0;

  if (n < 8)
    return 0;

  nd = n - 1;
  d = g_new (double, nd);
  for (gsize i = 0; i < nd; i++)
    {
      d[i] = values[i + 1] - values[i];
      mean += d[i];
    }
  mean /= (double) nd;
  for (gsize i = 0; i < nd; i++)
    {
      d[i] -= mean;
      var += d[i] * d[i];
    }
  if (var <= 0)
    return 0;

  /* A season must repeat at least three times in the data. */
  max_lag = MIN (nd / 3, 1000);
  /* Bartlett's ±2/√n, and a strength that makes the season worth using. */
  threshold = MAX (2.0 / sqrt ((double) nd), 0.3);

  acf = g_new0 (double, max_lag + 2);
  for (gsize lag = 1; lag <= max_lag + 1 && lag < nd; lag++)
    {
      double c = 0;
      for (gsize i = lag; i < nd; i++)
        c += d[i] * d[i - lag];
      acf[lag] = c / var;
    }
  for (gsize lag = 2; lag <= max_lag; lag++)
    best = MAX (best, acf[lag]);
  if (best <= threshold)
    return 0;

  /* The first clear peak: a multiple of the season (24 for monthly data)
   * can correlate as strongly as the season itself. */
  for (gsize lag = 2; lag <= max_lag; lag++)
    if (acf[lag] > threshold && acf[lag] >= 0.8 * best &&
        acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1])
      {
        best_lag = (guint) lag;
        break;
      }

  return best_lag;
}

double
elman_detect_trend (const double *values,
                    gsize         n)
{
  double mt = 0, my = 0, stt = 0, syy = 0, sty = 0;

  if (n < 3)
    return 0.0;
  for (gsize i = 0; i < n; i++)
    {
      mt += (double) i;
      my += values[i];
    }
  mt /= (double) n;
  my /= (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double dt = (double) i - mt, dy = values[i] - my;
      stt += dt * dt;
      syy += dy * dy;
      sty += dt * dy;
    }
  if (syy <= 0 || stt <= 0)
    return 0.0;
  return (sty * sty) / (stt * syy);
}

void
elman_resolve_transform (ElmanConfig  *config,
                         const double *values,
                         gsize         n_fit)
{
  if (config->transform == ELMAN_TRANSFORM_AUTO)
    {
      /* Relative windows carry a sigmoid network across trends and levels
       * it never saw in training; see docs/accuracy.md. */
      config->transform = ELMAN_TRANSFORM_RELATIVE;
    }

  if (config->transform == ELMAN_TRANSFORM_SEASONAL_DIFF && config->season == 0)
    {
      guint m = elman_detect_season (values, n_fit);
      config->season = m ? m : 1;
    }
}
