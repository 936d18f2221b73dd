/* elman-run.h — one training run and its result
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-config.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-series.h"
#include "elman-trainer.h"

G_BEGIN_DECLS

/**
 * ElmanRunPhase:
 * @ELMAN_RUN_PHASE_SINGLE: one network, epoch by epoch
 * @ELMAN_RUN_PHASE_SEARCH: the automatic search of T, J, ε and the
 *   transform (elman_auto_search())
 * @ELMAN_RUN_PHASE_ENSEMBLE: several networks side by side (both passes:
 *   early stopping, then the refit)
 * @ELMAN_RUN_PHASE_FINISHING: the networks are trained; their mean
 *   predictions, the forecast, its intervals and the evaluation are
 *   computed
 *
 * What a run is doing.
 */
typedef enum
{
  ELMAN_RUN_PHASE_SINGLE,
  ELMAN_RUN_PHASE_SEARCH,
  ELMAN_RUN_PHASE_ENSEMBLE,
  ELMAN_RUN_PHASE_FINISHING,
} ElmanRunPhase;

/**
 * ElmanRunOptions:
 * @config: what to train; with @auto_search, the starting point of the
 *   search (its transform is searched when it is AUTO)
 * @auto_search: search the settings, then average an ensemble of the
 *   best (ELMAN_AUTO_SEEDS seeds each unless @config asks for more)
 * @initial: (nullable): a model to train on from (one network; the
 *   search is skipped)
 * @forecast_steps: values to forecast after the end (0: none)
 * @evaluate: evaluate the test part (rolling origin, elman_evaluate())
 *   when there is one of at least K values
 * @skip_predictions: leave out the one-step predictions of the whole
 *   series (elman_run_result_get_predictions() is %NULL) when nothing
 *   reads them: on a long series they are a pass as long as an epoch
 *
 * With neither @auto_search nor an ensemble in @config, one network.
 */
typedef struct
{
  ElmanConfig       config;
  gboolean          auto_search;
  const ElmanModel *initial;
  gsize             forecast_steps;
  gboolean          evaluate;
  gboolean          skip_predictions;
} ElmanRunOptions;

/**
 * ElmanRunProgress:
 * @phase: what the run is doing
 * @done: with several networks, epochs done over all of them
 * @total: the most epochs the phase can take (0 while unknown)
 * @n_items: settings searched or networks trained in the phase (0 while
 *   unknown)
 * @trainer: (nullable): the one network's trainer between two epochs
 *   (before the first one too), or with several networks the first
 *   one's (with @done counted); only to read, during the call
 */
typedef struct
{
  ElmanRunPhase  phase;
  guint          done;
  guint          total;
  guint          n_items;
  ElmanTrainer  *trainer;
} ElmanRunProgress;

/* Called on the run's thread, and during an ensemble's training from
 * the core's training threads (serialised). Returning %FALSE abandons
 * the run: it ends as soon as it can, with %G_IO_ERROR_CANCELLED and no
 * result (a cancelled one network still keeps its best model). */
typedef gboolean (*ElmanRunProgressFunc) (const ElmanRunProgress *progress,
                                          gpointer                user_data);

typedef struct _ElmanRunResult ElmanRunResult;

ElmanRunResult    *elman_run                              (ElmanSeries            *series,
                                                           const ElmanRunOptions  *options,
                                                           GCancellable           *cancellable,
                                                           ElmanRunProgressFunc    progress,
                                                           gpointer                user_data,
                                                           GError                **error);
ElmanRunResult    *elman_run_result_new_for_models        (ElmanSeries            *series,
                                                           ElmanModel * const     *models,
                                                           guint                   n_models,
                                                           const ElmanConfig      *config,
                                                           gsize                   forecast_steps,
                                                           GError                **error);
gboolean           elman_run_predict                      (ElmanModel * const     *models,
                                                           guint                   n_models,
                                                           const ElmanSeries      *series,
                                                           gsize                   forecast_steps,
                                                           GCancellable           *cancellable,
                                                           gsize                  *first,
                                                           GBytes                **predictions,
                                                           GBytes                **forecast,
                                                           GBytes                **bands,
                                                           GError                **error);
gsize              elman_run_default_forecast_steps       (const ElmanConfig      *config,
                                                           gsize                   n_values);

ElmanRunResult    *elman_run_result_ref                   (ElmanRunResult         *result);
void               elman_run_result_unref                 (ElmanRunResult         *result);

ElmanSeries       *elman_run_result_get_series            (const ElmanRunResult   *result);
const ElmanConfig *elman_run_result_get_config            (const ElmanRunResult   *result);
ElmanModel * const *elman_run_result_get_models           (const ElmanRunResult   *result,
                                                           guint                  *n_models);
const GError      *elman_run_result_get_stop_error        (const ElmanRunResult   *result);
const GError      *elman_run_result_get_forecast_error    (const ElmanRunResult   *result);
const double      *elman_run_result_get_train_loss        (const ElmanRunResult   *result,
                                                           guint                  *n_epochs);
const double      *elman_run_result_get_valid_loss        (const ElmanRunResult   *result,
                                                           guint                  *n_epochs);
GBytes            *elman_run_result_get_grad_norms        (const ElmanRunResult   *result);
guint              elman_run_result_get_best_epoch        (const ElmanRunResult   *result);
ElmanLossTrend     elman_run_result_get_loss_trend        (const ElmanRunResult   *result);
const char        *elman_run_result_get_loss_warning      (const ElmanRunResult   *result);
char             **elman_run_result_dup_notes             (const ElmanRunResult   *result,
                                                           const ElmanEvaluation  *evaluation,
                                                           ElmanWording            wording);
gsize              elman_run_result_get_n_train           (const ElmanRunResult   *result);
gsize              elman_run_result_get_n_valid           (const ElmanRunResult   *result);
GBytes            *elman_run_result_get_predictions       (const ElmanRunResult   *result,
                                                           gsize                  *first);
GBytes            *elman_run_result_get_forecast          (const ElmanRunResult   *result);
GBytes            *elman_run_result_get_bands             (const ElmanRunResult   *result);
const ElmanEvaluation *elman_run_result_get_evaluation    (const ElmanRunResult   *result);
GArray            *elman_run_result_get_candidates        (const ElmanRunResult   *result);
const ElmanAutoChoice *elman_run_result_get_choice        (const ElmanRunResult   *result);
guint              elman_run_result_get_n_settings        (const ElmanRunResult   *result);
double             elman_run_result_get_elapsed           (const ElmanRunResult   *result);

char              *elman_run_result_format_predictions_csv (const ElmanRunResult  *result,
                                                            gsize                 *length);
char              *elman_run_result_format_forecast_csv   (const ElmanRunResult  *result,
                                                            gsize                 *length);
gboolean           elman_run_result_write_predictions_csv (const ElmanRunResult   *result,
                                                           const char             *path,
                                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanRunResult, elman_run_result_unref)

G_END_DECLS
