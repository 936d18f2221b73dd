/* elman-training-worker.h — training off the main thread
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-config.h"
#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-run.h"
#include "elman-series.h"

G_BEGIN_DECLS

/**
 * ElmanTrainingPhase:
 * @ELMAN_TRAINING_PHASE_SINGLE: one network, epoch by epoch
 * @ELMAN_TRAINING_PHASE_SEARCH: the automatic search of T, J, ε and the
 *   transform (elman_auto_search())
 * @ELMAN_TRAINING_PHASE_ENSEMBLE: several networks side by side (both
 *   passes: early stopping, then the refit)
 * @ELMAN_TRAINING_PHASE_FINISHING: the networks are trained; their mean
 *   predictions and the forecast's intervals are computed
 *
 * What a run is doing.
 */
typedef enum
{
  ELMAN_TRAINING_PHASE_SINGLE,
  ELMAN_TRAINING_PHASE_SEARCH,
  ELMAN_TRAINING_PHASE_ENSEMBLE,
  ELMAN_TRAINING_PHASE_FINISHING,
} ElmanTrainingPhase;

/**
 * ElmanTrainingSnapshot:
 * @generation: the worker's generation (the window drops stale ones)
 * @epoch: epochs done so far
 * @n_epochs: epochs asked for
 * @train_loss: training loss of the last epoch
 * @valid_loss: validation loss of the last epoch (NAN without validation)
 * @has_valid: whether there is a validation part
 * @best_epoch: 0-based epoch of the best model so far
 * @predictions: (nullable): one-step predictions in data units,
 *   predictions[i] predicting series[@first + i]; the same #GBytes until
 *   the worker computes new ones
 * @forecast: (nullable): values after the end of the series
 * @bands: (nullable): prediction intervals of an ensemble's forecast,
 *   four arrays of the forecast's length one after the other: lower80,
 *   upper80, lower95, upper95
 * @elapsed: seconds since training started
 * @final: the last snapshot of the run
 * @phase: what the run is doing
 * @done: with several networks, epochs done over all of them
 * @total: the most epochs the phase can take (early stopping ends most
 *   networks sooner)
 * @n_items: settings searched or networks trained in the phase (0 while
 *   unknown)
 * @phases: every phase the run has been in so far, as bits
 *   1 << #ElmanTrainingPhase
 * @params: (nullable): the one network's weights now, laid out as
 *   elman_model_dup_params(); its shape in @window, @horizon, @hidden and
 *   @bias
 * @grad_norms: (nullable): ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ per epoch so far
 * @states: (nullable): hidden states h^t over the series
 *   (elman_model_hidden_states()), row t belonging to series index
 *   @states_first + t; only while someone asks for them
 *   (elman_training_worker_set_want_states()), and not every snapshot
 *   has new ones
 * @saturation: (nullable): with @states: each unit's share of steps
 *   with σ within ELMAN_PLOT_SATURATION_MARGIN of 0 or 1, @hidden doubles
 * @paused: the run waits (elman_training_worker_set_paused())
 *
 * What the worker publishes: immutable once published, shared by
 * reference between the threads. The loss per epoch is not in it (that
 * would copy the whole history every time): the window appends what is new
 * with elman_training_worker_read_losses().
 */
typedef struct
{
  guint    generation;
  guint    epoch;
  guint    n_epochs;
  double   train_loss;
  double   valid_loss;
  gboolean has_valid;
  guint    best_epoch;
  gsize    first;
  GBytes  *predictions;
  GBytes  *forecast;
  GBytes  *bands;
  double   elapsed;
  gboolean final;

  ElmanTrainingPhase phase;
  guint    done;
  guint    total;
  guint    n_items;
  guint    phases;

  GBytes  *params;
  guint    window;
  guint    horizon;
  guint    hidden;
  gboolean bias;
  GBytes  *grad_norms;
  gsize    states_first;
  GBytes  *states;
  GBytes  *saturation;
  gboolean paused;

  /*< private >*/
  gatomicrefcount ref_count;
} ElmanTrainingSnapshot;

ElmanTrainingSnapshot *elman_training_snapshot_ref   (ElmanTrainingSnapshot *snapshot);
void                   elman_training_snapshot_unref (ElmanTrainingSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanTrainingSnapshot, elman_training_snapshot_unref)

#define ELMAN_TYPE_TRAINING_WORKER (elman_training_worker_get_type ())

G_DECLARE_FINAL_TYPE (ElmanTrainingWorker, elman_training_worker, ELMAN, TRAINING_WORKER, GObject)

ElmanTrainingWorker   *elman_training_worker_new            (const ElmanConfig    *config,
                                                             ElmanSeries          *series,
                                                             guint                 generation);
guint                  elman_training_worker_get_generation (ElmanTrainingWorker  *self);
const ElmanConfig     *elman_training_worker_get_config     (ElmanTrainingWorker  *self);
gsize                  elman_training_worker_get_forecast_steps (ElmanTrainingWorker *self);
void                   elman_training_worker_set_auto_search (ElmanTrainingWorker *self,
                                                              gboolean             auto_search);

/* Pausing works for one network (not a search or an ensemble): the
 * run waits between two epochs. */
void                   elman_training_worker_set_paused     (ElmanTrainingWorker  *self,
                                                             gboolean              paused);
gboolean               elman_training_worker_get_paused     (ElmanTrainingWorker  *self);
void                   elman_training_worker_step           (ElmanTrainingWorker  *self);
void                   elman_training_worker_set_learning_rate (ElmanTrainingWorker *self,
                                                                double               rate);
void                   elman_training_worker_set_want_states (ElmanTrainingWorker *self,
                                                              gboolean             want);

void                   elman_training_worker_run_async      (ElmanTrainingWorker  *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
guint                  elman_training_worker_count_running  (void);
void                   elman_training_worker_abandon        (ElmanTrainingWorker  *self,
                                                             GCancellable         *cancellable);
gboolean               elman_training_worker_run_finish     (ElmanTrainingWorker  *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

ElmanTrainingSnapshot *elman_training_worker_dup_snapshot   (ElmanTrainingWorker  *self,
                                                             guint64              *serial);
void                   elman_training_worker_read_losses    (ElmanTrainingWorker  *self,
                                                             GArray               *train,
                                                             GArray               *valid);
ElmanRunResult        *elman_training_worker_dup_result     (ElmanTrainingWorker  *self);
ElmanModel            *elman_training_worker_dup_model      (ElmanTrainingWorker  *self);
GPtrArray             *elman_training_worker_dup_models     (ElmanTrainingWorker  *self);
gboolean               elman_training_worker_get_search     (ElmanTrainingWorker  *self,
                                                             ElmanConfig          *best,
                                                             guint                *n_candidates,
                                                             guint                *n_top,
                                                             guint                *n_seeds);
void                   elman_training_worker_get_used_config (ElmanTrainingWorker *self,
                                                              ElmanConfig         *config);

void                   elman_evaluate_async                 (ElmanModel * const   *models,
                                                             guint                 n_models,
                                                             ElmanSeries          *series,
                                                             gsize                 n_train,
                                                             guint                 horizon,
                                                             guint                 season,
                                                             const ElmanConfig    *config,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
ElmanEvaluation       *elman_evaluate_finish                (GAsyncResult         *result,
                                                             GError              **error);
gsize                  elman_training_worker_get_n_train    (ElmanTrainingWorker  *self);


G_END_DECLS
