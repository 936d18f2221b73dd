/* elman-model-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "elman-model.h"

G_BEGIN_DECLS

/* σ(z) = 1/(1 + e^{−z}), evaluated without overflow for large |z|. */
static inline double
elman_sigmoid (double z)
{
  if (z >= 0)
    return 1.0 / (1.0 + exp (-z));
  else
    {
      double e = exp (z);
      return e / (1.0 + e);
    }
}

/* The lag of the model's differencing: 1 for DIFF, m for SEASONAL_DIFF. */
gsize    elman_model_lag             (const ElmanModel *model);

/* The network's view of the series (kernel units): u[j] = (z[lag + j] −
 * offset) / scale, z the differenced series. Window w reads the inputs
 * u[w…w+T−1] and the targets u[w+T…w+T+K−1]; for RELATIVE both are taken
 * relative to u[w+T−1]. Returns n − lag values (0 when n ≤ lag). */
gsize    elman_model_to_network      (const ElmanModel *model,
                                      const double     *values,
                                      gsize             n,
                                      double           *u);

/* One step of the recurrence for window input @x (T values, already
 * relative when the model is): h = σ(W h_prev + U x + b), y = V h + c.
 * @h_prev may be %NULL for h^0 = 0. */
void     elman_model_step            (const ElmanModel *model,
                                      const double     *h_prev,
                                      const double     *x,
                                      double           *h,
                                      double           *y);

/* Fills @x (T values) with window w's input from kernel units @u and
 * returns the anchor subtracted (0 unless RELATIVE). */
double   elman_model_window_input    (const ElmanModel *model,
                                      const double     *u,
                                      gsize             w,
                                      double           *x);

/* Maps K network outputs @y of the window whose first target is the
 * series index s back to data units, given the series so far: @history
 * holds every value before s (true or forecast) and at least up to
 * s − 1. The result goes to @out[0…K−1]. */
void     elman_model_outputs_to_data (const ElmanModel *model,
                                      const double     *history,
                                      gsize             s,
                                      double            anchor,
                                      const double     *y,
                                      double           *out);

G_END_DECLS
