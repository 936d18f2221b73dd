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
 * relative to u[w+T−1], for RELATIVE_MEAN to the mean of u[w…w+T−1].
 * Returns n − lag values (0 when n ≤ lag). */
gsize    elman_model_to_network      (const ElmanModel *model,
                                      const double     *values,
                                      gsize             n,
                                      double           *u);

/* One step of the recurrence for window input @x (T values, already
 * relative when the model is): h = σ(W h_prev + U x + b), y = V h + c
 * (@y may be %NULL). @h_prev may be %NULL for h^0 = 0; @h must not
 * overlap it. On the vector kernels of the training. */
void     elman_model_step            (const ElmanModel *model,
                                      const double     *h_prev,
                                      const double     *x,
                                      double           *h,
                                      double           *y);

/* The same step in plain loops with libm's exp, kept for the tests and
 * the reference kernels; elman_model_step() runs the vector kernels of
 * elman-kernels-impl.h and differs from this by rounding only (sums in
 * another order, the kernels' sigmoid within 2 ulps of libm's). */
void     elman_model_step_reference  (const ElmanModel *model,
                                      const double     *h_prev,
                                      const double     *x,
                                      double           *h,
                                      double           *y);
/* Its outputs ŷ = V h + c alone (the passes after training). */
void     elman_model_outputs         (const ElmanModel *model,
                                     const double     *h,
                                     double           *y);

/* The anchor of the window whose T inputs start at @u: what its inputs
 * and targets are taken relative to. The training kernels and the
 * predictions share it, so that both see bit-identical windows. */
static inline double
elman_window_anchor (ElmanTransform  transform,
                     const double   *u,
                     gsize           T)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  gsize j = 0;

  switch (transform)
    {
    case ELMAN_TRANSFORM_RELATIVE:
      return u[T - 1];
    case ELMAN_TRANSFORM_RELATIVE_MEAN:
      /* Four sums side by side: the kernels take this for every window
       * of every epoch, and one chain of T dependent additions was 40 %
       * of an epoch at T = 104. */
      for (; j + 4 <= T; j += 4)
        {
          s0 += u[j];
          s1 += u[j + 1];
          s2 += u[j + 2];
          s3 += u[j + 3];
        }
      for (; j < T; j++)
        s0 += u[j];
      return ((s0 + s1) + (s2 + s3)) / (double) T;
    case ELMAN_TRANSFORM_NONE:
    case ELMAN_TRANSFORM_DIFF:
    case ELMAN_TRANSFORM_SEASONAL_DIFF:
    case ELMAN_TRANSFORM_AUTO:
    default:
      return 0.0;
    }
}

/* Fills @x (T values) with window w's input from kernel units @u and
 * returns the anchor subtracted (0 unless RELATIVE or RELATIVE_MEAN). */
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
