/* elman-analysis.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "elman-analysis.h"

#define SEASON_MAX_VALUES 20000

/* Lags summed at once by elman_lagged_products(). */
#define LAG_BLOCK 8

/**
 * elman_lagged_products:
 * @top: the last lag, below @n
 * @c: (array length=top+1): receives c[lag] for lag = 1…@top
 *
 * c[lag] = Σ_{i=lag}^{n−1} (x[i] − mean)(x[i−lag] − mean), each summed
 * in the order of i, as a loop per lag sums it (the same bits): LAG_BLOCK
 * lags share every pass over @x, their sums independent of one another,
 * where a loop per lag waits on one long chain of additions and reads
 * the whole of @x once per lag.
 */
void
elman_lagged_products (const double *x,
                       gsize         n,
                       double        mean,
                       gsize         top,
                       double       *c)
{
  gsize lag = 1;

  g_return_if_fail (top < MAX (n, 1));

  for (; lag + LAG_BLOCK - 1 <= top; lag += LAG_BLOCK)
    {
      double s[LAG_BLOCK] = { 0 };
      gsize i = lag;

      /* The first LAG_BLOCK − 1 values, where the longer lags start. */
      for (; i < lag + LAG_BLOCK - 1; i++)
        for (gsize l = 0; l <= i - lag; l++)
          s[l] += (x[i] - mean) * (x[i - lag - l] - mean);
      for (; i < n; i++)
        {
          const double *back = x + (i - lag);
          double xi = x[i] - mean;

          for (gsize l = 0; l < LAG_BLOCK; l++)
            s[l] += xi * (back[-(gssize) l] - mean);
        }
      for (gsize l = 0; l < LAG_BLOCK; l++)
        c[lag + l] = s[l];
    }
  for (; lag <= top; lag++)
    {
      double s = 0;

      for (gsize i = lag; i < n; i++)
        s += (x[i] - mean) * (x[i - lag] - mean);
      c[lag] = s;
    }
}

static guint
detect_season_uncached (const double *values,
                        gsize         n)
{
  g_autofree double *d = NULL;
  g_autofree double *acf = NULL;
  gsize nd, max_lag;
  double mean = 0, var = 0, best = 0, threshold;
  guint best_lag = 0;

  if (n < 8)
    return 0;
  /* The latest values tell the season; the autocorrelation costs
   * n × lags, so long series are read from their end only. */
  if (n > SEASON_MAX_VALUES)
    {
      values += n - SEASON_MAX_VALUES;
      n = SEASON_MAX_VALUES;
    }

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
  /* d is centred already: d − 0 is d. */
  elman_lagged_products (d, nd, 0.0, MIN (max_lag + 1, nd - 1), acf);
  for (gsize lag = 1; lag <= max_lag + 1 && lag < nd; lag++)
    acf[lag] /= var;
  for (gsize lag = 2; lag <= max_lag; lag++)
    best = MAX (best, acf[lag]);
  if (best <= threshold)
    return 0;

  /* The first clear peak: a multiple of the season (24 for monthly data)
   * can correlate as strongly as the season itself. A peak needs a dip
   * before it; lag 1 does not count, as differencing noise pulls it down. */
  {
    double dip = acf[2];

    for (gsize lag = 3; lag <= max_lag; lag++)
      {
        if (acf[lag] > threshold && acf[lag] >= 0.8 * best &&
            acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1] && dip < acf[lag] - 0.2)
          {
            best_lag = (guint) lag;
            break;
          }
        dip = MIN (dip, acf[lag]);
      }
  }

  return best_lag;
}

/* The last detection: a run asks for the season of the same training
 * part several times (the transform, the evaluation, the CLI's advice),
 * and each costs n × 1000 lags; comparing the values costs n. */
static struct
{
  double *values;
  gsize   n;
  guint   season;
} season_cache;
G_LOCK_DEFINE_STATIC (season_cache);

guint
elman_detect_season (const double *values,
                     gsize         n)
{
  guint season;

  if (n < 8)
    return 0;
  if (n > SEASON_MAX_VALUES)
    {
      values += n - SEASON_MAX_VALUES;
      n = SEASON_MAX_VALUES;
    }

  G_LOCK (season_cache);
  if (season_cache.values != NULL && season_cache.n == n &&
      memcmp (season_cache.values, values, n * sizeof (double)) == 0)
    {
      season = season_cache.season;
      G_UNLOCK (season_cache);
      return season;
    }
  G_UNLOCK (season_cache);

  season = detect_season_uncached (values, n);

  G_LOCK (season_cache);
  g_free (season_cache.values);
  season_cache.values = g_memdup2 (values, n * sizeof (double));
  season_cache.n = n;
  season_cache.season = season;
  G_UNLOCK (season_cache);
  return season;
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

/* How far the level moved: the mean of the last quarter against the
 * mean of the first three, in units of the latter's spread. Catches
 * level shifts and random walks that a straight line does not fit. */
static double
level_shift (const double *values,
             gsize         n)
{
  gsize head = n - n / 4;
  double mean_head = 0, mean_tail = 0, var = 0;

  if (n < 8)
    return 0.0;
  for (gsize i = 0; i < head; i++)
    mean_head += values[i];
  mean_head /= (double) head;
  for (gsize i = head; i < n; i++)
    mean_tail += values[i];
  mean_tail /= (double) (n - head);
  for (gsize i = 0; i < head; i++)
    var += (values[i] - mean_head) * (values[i] - mean_head);
  var /= (double) (head - 1);
  if (var <= 0)
    return mean_tail == mean_head ? 0.0 : INFINITY;
  return fabs (mean_tail - mean_head) / sqrt (var);
}

gboolean
elman_has_trend (const double *values,
                 gsize         n)
{
  return elman_detect_trend (values, n) >= ELMAN_TREND_THRESHOLD || level_shift (values, n) > 1.0;
}

/**
 * elman_is_persistent:
 *
 * Whether values[0…n) wanders like a random walk or an autoregression
 * close to one: its lag-1 autocorrelation is at least
 * ELMAN_PERSISTENCE_LAG1 and its autocorrelation stays positive up to
 * lag ELMAN_PERSISTENCE_LAGS. (The sample autocorrelation of a short
 * series falls fast even for a random walk, hence the loose bounds.) A
 * cycle or a season turns the autocorrelation negative within half a
 * period; white noise has little at lag 1. A network on raw levels (or
 * on levels relative to the window's mean) pulls the forecast of a
 * persistent series towards the levels it was trained on, so that its
 * first step starts away from the last value.
 */
gboolean
elman_is_persistent (const double *values,
                     gsize         n)
{
  double mean = 0, var = 0;

  if (n < 4 * ELMAN_PERSISTENCE_LAGS)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    mean += values[i];
  mean /= (double) n;
  for (gsize i = 0; i < n; i++)
    var += (values[i] - mean) * (values[i] - mean);
  if (var <= 0)
    return FALSE;
  for (gsize k = 1; k <= ELMAN_PERSISTENCE_LAGS; k++)
    {
      double c = 0;

      for (gsize i = k; i < n; i++)
        c += (values[i] - mean) * (values[i - k] - mean);
      if (c / var < (k == 1 ? ELMAN_PERSISTENCE_LAG1 : 0.0))
        return FALSE;
    }
  return TRUE;
}

/**
 * elman_resolve_transform:
 *
 * The AUTO rule, from the part the network is fitted on (see
 * docs/accuracy.md for the measurements behind it):
 * - a trend or level shift with a season m: seasonal differencing, which
 *   turns both into a stationary series the network can follow;
 * - a trend without a season (or too short for one): the window relative
 *   to its last value;
 * - neither: the raw (normalized) levels, which keep the most information
 *   for cycles and stationary series; but relative to the last value
 *   when the series is persistent (elman_is_persistent()), whose next
 *   value is close to its last one rather than to its mean.
 */
void
elman_resolve_transform (ElmanConfig  *config,
                         const double *values,
                         gsize         n_fit)
{
  if (config->transform == ELMAN_TRANSFORM_AUTO)
    {
      guint m = config->season ? config->season : elman_detect_season (values, n_fit);

      if (!elman_has_trend (values, n_fit))
        config->transform = elman_is_persistent (values, n_fit) ? ELMAN_TRANSFORM_RELATIVE : ELMAN_TRANSFORM_NONE;
      else if (m > 1 && n_fit >= (gsize) config->window + config->horizon + 2 * (gsize) m)
        {
          config->transform = ELMAN_TRANSFORM_SEASONAL_DIFF;
          config->season = m;
        }
      else
        config->transform = ELMAN_TRANSFORM_RELATIVE;
    }

  if (config->transform == ELMAN_TRANSFORM_SEASONAL_DIFF && config->season == 0)
    {
      guint m = elman_detect_season (values, n_fit);
      config->season = m ? m : 1;
    }
}

/**
 * elman_suggest_window:
 * @horizon: K
 *
 * Returns: a window T for values[0…n): two seasons when a season shows
 *   and the data hold enough windows for it, one season when they hold
 *   fewer, else max(12, 2K) capped by the length.
 */
guint
elman_suggest_window (const double *values,
                      gsize         n,
                      guint         horizon)
{
  guint m = elman_detect_season (values, n);
  gsize T;

  if (m > 1)
    T = n >= 4 * (gsize) m + horizon + 20 ? 2 * (gsize) m : m;
  else
    T = MAX (12, 2 * (gsize) horizon);
  /* At least a few windows to learn from. */
  while (T > 2 && T + horizon + 10 > n)
    T /= 2;
  return (guint) MAX (T, 1);
}
