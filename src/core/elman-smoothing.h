/* elman-smoothing.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-model.h"

G_BEGIN_DECLS

/* Seasons longer than this get no seasonal states (a weekly series of
 * 52 still does). */
#define ELMAN_SMOOTHING_MAX_SEASON 64

/**
 * ElmanSmoothingMethod:
 * @ELMAN_SMOOTHING_SES: simple exponential smoothing (a level)
 * @ELMAN_SMOOTHING_HOLT: Holt's linear trend
 * @ELMAN_SMOOTHING_DAMPED: Holt's trend damped by φ
 * @ELMAN_SMOOTHING_HOLT_WINTERS: the damped trend with an additive season
 *   that the smoothing updates (γ)
 * @ELMAN_SMOOTHING_THETA: the Theta method, SES with a drift of half the
 *   slope of the series' least-squares line
 * @ELMAN_SMOOTHING_SEASONAL_SES: SES of the changes over one season,
 *   added to the values a season back (seasonal naive with the smoothed
 *   yearly change; follows a season whose size grows with the level)
 * @ELMAN_SMOOTHING_N_METHODS: the count
 *
 * The exponential smoothing methods --auto compares with the networks.
 * All but Holt–Winters smooth the seasonally adjusted series when the
 * series has a significant season (classical additive decomposition);
 * Holt–Winters starts from the same seasonal indices and updates them.
 */
typedef enum
{
  ELMAN_SMOOTHING_SES,
  ELMAN_SMOOTHING_HOLT,
  ELMAN_SMOOTHING_DAMPED,
  ELMAN_SMOOTHING_HOLT_WINTERS,
  ELMAN_SMOOTHING_THETA,
  ELMAN_SMOOTHING_SEASONAL_SES,
  ELMAN_SMOOTHING_N_METHODS,
} ElmanSmoothingMethod;

/**
 * ElmanSmoothing:
 * @method: which method
 * @season: seasonal states m (0: the series is not adjusted)
 * @lag: the differencing lag m of %ELMAN_SMOOTHING_SEASONAL_SES, else 0
 * @alpha: smoothing of the level
 * @beta: smoothing of the slope (error-correction form: β ≤ α)
 * @gamma: smoothing of the season (0 but for Holt–Winters)
 * @phi: damping of the slope (1 for Holt, unused by SES and Theta)
 * @drift: Theta's drift per step, else 0
 * @level: the level before the first value
 * @slope: the slope before the first value
 * @seasonal: seasonal[i] is the seasonal effect on value i, i < @season
 * @sse: the sum of squared one-step errors of the fit
 *
 * A fitted method. All are linear in the series: the state (level,
 * slope, the last m seasonal effects) follows x_t = D x_{t−1} + g e_t
 * with e_t the one-step error, so that elman_smoothing_model_new() can
 * run them as networks.
 */
typedef struct
{
  ElmanSmoothingMethod method;
  guint                season;
  guint                lag;
  double               alpha;
  double               beta;
  double               gamma;
  double               phi;
  double               drift;
  double               level;
  double               slope;
  double               seasonal[ELMAN_SMOOTHING_MAX_SEASON];
  double               sse;
} ElmanSmoothing;

const char *elman_smoothing_method_name  (ElmanSmoothingMethod  method);
guint       elman_smoothing_season_test  (const double         *values,
                                          gsize                 n,
                                          guint                 season);
gboolean    elman_smoothing_fit          (ElmanSmoothingMethod  method,
                                          const double         *values,
                                          gsize                 n,
                                          guint                 season,
                                          ElmanSmoothing       *fit);
void        elman_smoothing_forecast     (const ElmanSmoothing *fit,
                                          const double         *values,
                                          gsize                 n,
                                          gsize                 steps,
                                          double               *out);
ElmanModel *elman_smoothing_model_new    (const ElmanSmoothing *fits,
                                          guint                 n_fits,
                                          guint                 horizon,
                                          const double         *values,
                                          gsize                 n);

G_END_DECLS
