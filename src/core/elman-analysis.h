/* elman-analysis.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-config.h"

G_BEGIN_DECLS

/* Season length m of values[0…n) from the autocorrelation of its first
 * differences, or 0 when there is no clear season. */
guint    elman_detect_season     (const double *values,
                                  gsize         n);

/* Strength of a linear trend in values[0…n): R² of the least-squares line
 * (0…1). At or above ELMAN_TREND_THRESHOLD the level wanders out of the
 * range seen earlier, which a sigmoid network on raw levels cannot follow. */
#define ELMAN_TREND_THRESHOLD 0.5
double   elman_detect_trend      (const double *values,
                                  gsize         n);

/* A linear trend (elman_detect_trend()) or a shift of the level in the
 * last quarter by more than the earlier spread. */
gboolean elman_has_trend         (const double *values,
                                  gsize         n);

/* Autocorrelation at least ELMAN_PERSISTENCE_LAG1 at lag 1 and positive
 * up to lag ELMAN_PERSISTENCE_LAGS: a random walk or nearly one. */
#define ELMAN_PERSISTENCE_LAG1 0.8
#define ELMAN_PERSISTENCE_LAGS 10
gboolean elman_is_persistent     (const double *values,
                                  gsize         n);

/* A window T that suits values[0…n): one or two seasons when there is
 * one. */
guint    elman_suggest_window    (const double *values,
                                  gsize         n,
                                  guint         horizon);

/* Σ (x[i] − mean)(x[i−lag] − mean) over i = lag…n−1 into c[lag], for
 * lag = 1…top (top < n): every lag's sum in the order of i. */
void     elman_lagged_products   (const double *x,
                                  gsize         n,
                                  double        mean,
                                  gsize         top,
                                  double       *c);

/* Replaces ELMAN_TRANSFORM_AUTO (and season 0 where a season is needed)
 * in @config by what suits values[0…n_fit). */
void     elman_resolve_transform (ElmanConfig  *config,
                                  const double *values,
                                  gsize         n_fit);

G_END_DECLS
