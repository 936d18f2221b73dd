/* elman-forecast-pass-private.h — one pass of a network over the true history
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-evaluate.h"
#include "elman-model.h"

G_BEGIN_DECLS

/* What one run of the hidden state over values[0…n) can give at once,
 * each part as its own function gives it (the hidden states come from
 * the training kernels, a few ulps from elman_model_step()): the one-step
 * predictions (elman_rolling_forecast() with one step), rolling-origin
 * forecasts (elman_rolling_forecast()), one closed-loop run
 * (elman_model_forecast()) and the share of saturated activations. A
 * part whose output is NULL is left out. Members add value / n_models
 * to the outputs (a single network's are stored as they are; with
 * several, the closed-loop run starts from zeros). */
typedef struct
{
  /* One-step predictions of values[fit_from…fit_to). */
  gsize    fit_from;
  gsize    fit_to;
  double  *fit;
  /* @steps values from origins first_origin … first_origin + n_origins − 1. */
  gsize    first_origin;
  gsize    n_origins;
  gsize    steps;
  double  *forecasts;
  /* @free_steps values after values[0…free_origin), fed back. */
  gsize    free_origin;
  gsize    free_steps;
  double  *free_run;
  /* Activations within @saturation_edge of 0 or 1 in the windows whose
   * first target is saturated_from or later (counted, not averaged). */
  gboolean count_saturated;
  gsize    saturated_from;
  double   saturation_edge;
  gsize    n_saturated;
  gsize    n_activations;
  guint    n_models;
} ElmanForecastPass;

gboolean elman_forecast_pass_run (ElmanForecastPass *pass,
                                  const ElmanModel  *model,
                                  const double      *values,
                                  gsize              n,
                                  GCancellable      *cancellable,
                                  GError           **error);

ElmanEvaluation *elman_evaluate_with_fit (ElmanModel * const  *models,
                                          guint                n_models,
                                          const double        *values,
                                          gsize                n,
                                          gsize                n_train,
                                          guint                horizon,
                                          guint                season,
                                          const ElmanConfig   *config,
                                          double             **fit,
                                          GError             **error);

G_END_DECLS
