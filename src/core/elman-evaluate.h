/* elman-evaluate.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-advice.h"
#include "elman-config.h"
#include "elman-model.h"

G_BEGIN_DECLS

#define ELMAN_EVALUATE_ERROR (elman_evaluate_error_quark ())

typedef enum
{
  ELMAN_EVALUATE_ERROR_TOO_SHORT,
  ELMAN_EVALUATE_ERROR_INVALID,
} ElmanEvaluateError;

/* Who made a forecast: the network (the ensemble mean when there are
 * several) and the four baselines, all on the same origins. */
typedef enum
{
  ELMAN_FORECASTER_MODEL,
  ELMAN_FORECASTER_NAIVE,           /* ŷ[o+h−1] = y[o−1] */
  ELMAN_FORECASTER_SEASONAL_NAIVE,  /* ŷ[t] = y[t − m·⌈h/m⌉] */
  ELMAN_FORECASTER_DRIFT,           /* y[o−1] + h·(y[o−1] − y[0])/(o − 1) */
  ELMAN_FORECASTER_MEAN,            /* mean of y[0…o−1] */
  ELMAN_N_FORECASTERS,
} ElmanForecaster;

/**
 * ElmanScores:
 * @rmse: root mean squared error
 * @mae: mean absolute error
 * @smape: symmetric MAPE in percent, mean of 200|e|/(|y| + |ŷ|)
 * @mase: @mae divided by the in-sample seasonal-naive MAE (%NAN when
 *   that is 0)
 * @count: number of errors pooled
 *
 * Errors pooled over all origins and steps, in the data's units.
 */
typedef struct
{
  double rmse;
  double mae;
  double smape;
  double mase;
  gsize  count;
} ElmanScores;

typedef enum
{
  ELMAN_WARNING_FLAT                    = 1 << 0,
  ELMAN_WARNING_WORSE_THAN_NAIVE        = 1 << 1,
  ELMAN_WARNING_WORSE_THAN_SEASONAL     = 1 << 2,
  ELMAN_WARNING_IDENTICAL_UNITS         = 1 << 3,
  ELMAN_WARNING_SATURATED               = 1 << 4,
  ELMAN_WARNING_TREND_ON_LEVELS         = 1 << 5,
  ELMAN_WARNING_RESIDUAL_AUTOCORRELATION = 1 << 6,
} ElmanWarnings;

/**
 * ElmanEvaluation:
 *
 * How well a trained model forecasts the held-out test part of a series,
 * next to simple baselines. Plain data; free it with
 * elman_evaluation_free().
 *
 * Rolling origin: at every origin o = @n_train … @n − @horizon the
 * forecasters see only y[0…o−1] and forecast y[o…o+@horizon−1]
 * (the network recursively beyond its own K). @forecasts[(o − n_train)·H
 * + h − 1] is the network's forecast of y[o + h − 1].
 *
 * Diagnostics: @one_step scores the teacher-forced one-step predictions
 * of y[n_train…n−1] (each from the true history before it);
 * @free_running scores the closed-loop run from n_train over the whole
 * test part, fed only its own forecasts. @acf is the autocorrelation of
 * the in-sample one-step residuals (y[t] − ŷ[t], t < n_train) at lags
 * 1…@n_acf, significant outside ±@acf_bound = 1.96/√n.
 */
typedef struct
{
  gsize          n;
  gsize          n_train;
  gsize          n_origins;
  guint          horizon;
  guint          season;          /* m of seasonal naive and MASE; 1 = naive */
  double         mase_scale;      /* in-sample seasonal-naive MAE */
  guint          n_models;        /* ensemble size */
  char          *model_label;     /* (nullable): the model row's name when it is
                                   * not the networks alone (--auto's choice) */

  ElmanScores    scores[ELMAN_N_FORECASTERS];
  ElmanScores    one_step;
  ElmanScores    free_running;

  double        *forecasts;       /* n_origins × horizon */
  double        *one_step_pred;   /* n − n_train values, predicts y[n_train + i] */
  double        *free_run_pred;   /* n − n_train values */

  double        *acf;             /* acf[l − 1] at lag l */
  guint          n_acf;
  double         acf_bound;
  gsize          n_residuals;

  ElmanWarnings  warnings;
  char         **messages;        /* NULL-terminated, translated, one line each;
                                   * they name the app's controls */
  char         **findings;        /* the same without what to change */
  ElmanAdvice   *advice;          /* what to change, one per finding */
} ElmanEvaluation;

GQuark           elman_evaluate_error_quark   (void);

char           **elman_evaluation_dup_messages (const ElmanEvaluation *evaluation,
                                               ElmanWording           wording);
const char      *elman_forecaster_to_string   (ElmanForecaster          forecaster);
const char      *elman_forecaster_get_label   (ElmanForecaster          forecaster);

void             elman_scores_compute         (const double            *actual,
                                               const double            *forecast,
                                               gsize                    n,
                                               double                   mase_scale,
                                               ElmanScores             *scores);
double           elman_mase_scale             (const double            *values,
                                               gsize                    n_train,
                                               guint                    season);
void             elman_baseline_forecast      (ElmanForecaster          forecaster,
                                               const double            *values,
                                               gsize                    origin,
                                               guint                    season,
                                               guint                    steps,
                                               double                  *out);
void             elman_autocorrelation        (const double            *x,
                                               gsize                    n,
                                               guint                    max_lag,
                                               double                  *acf);

gboolean         elman_rolling_forecast       (const ElmanModel        *model,
                                               const double            *values,
                                               gsize                    n,
                                               gsize                    first_origin,
                                               gsize                    n_origins,
                                               gsize                    steps,
                                               double                  *out,
                                               GError                 **error);

gsize            elman_models_min_history     (ElmanModel * const      *models,
                                               guint                    n_models);
gboolean         elman_models_rolling_forecast (ElmanModel * const     *models,
                                               guint                    n_models,
                                               const double            *values,
                                               gsize                    n,
                                               gsize                    first_origin,
                                               gsize                    n_origins,
                                               gsize                    steps,
                                               double                  *out,
                                               GCancellable            *cancellable,
                                               GError                 **error);
gboolean         elman_rolling_forecast_full  (const ElmanModel        *model,
                                               const double            *values,
                                               gsize                    n,
                                               gsize                    first_origin,
                                               gsize                    n_origins,
                                               gsize                    steps,
                                               double                  *out,
                                               GCancellable            *cancellable,
                                               GError                 **error);

ElmanEvaluation *elman_evaluate               (ElmanModel * const      *models,
                                               guint                    n_models,
                                               const double            *values,
                                               gsize                    n,
                                               gsize                    n_train,
                                               guint                    horizon,
                                               guint                    season,
                                               const ElmanConfig       *config,
                                               GError                 **error);
void             elman_evaluation_free        (ElmanEvaluation         *evaluation);

char            *elman_evaluation_format_table (const ElmanEvaluation  *evaluation);
char            *elman_evaluation_to_json     (const ElmanEvaluation   *evaluation,
                                               gsize                   *length);
char            *elman_evaluation_test_forecasts_csv (const ElmanEvaluation *evaluation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanEvaluation, elman_evaluation_free)

G_END_DECLS
