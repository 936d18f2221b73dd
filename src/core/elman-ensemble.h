/* elman-ensemble.h
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
#include "elman-trainer.h"

G_BEGIN_DECLS

/* Called from the worker threads (never the main loop) after each epoch
 * of any member: @done epochs of at most @total over the whole job. A
 * run that stops early (early stopping, divergence) counts the epochs it
 * skips as done, so @done reaches @total when the job is done. The calls
 * are serialised and @done never decreases; keep the callback short.
 * Jobs of more than 2^30 epochs report a scaled count. @first is the
 * first member's trainer between two of its epochs (on that member's
 * thread, only to read during the call), %NULL for the other members. */
typedef void (*ElmanEnsembleProgressFunc) (guint         done,
                                           guint         total,
                                           ElmanTrainer *first,
                                           gpointer      user_data);

/**
 * ElmanEnsemble:
 *
 * R networks trained on the same series from seeds seed, seed + 1, …,
 * seed + R − 1, on up to config->threads threads (0: one per core).
 * Their forecasts are averaged; their spread, together with the
 * residual variance, gives prediction intervals (see
 * elman_ensemble_forecast()).
 *
 * With @refit, each member is trained twice: first with early stopping
 * on the validation part, which finds the best number of epochs E, then
 * from the same initial weights on the whole training part (validation
 * included, as the test part stays unseen) for E epochs. Short series
 * gain the most recent values that way.
 */
typedef struct _ElmanEnsemble ElmanEnsemble;

ElmanEnsemble     *elman_ensemble_train          (const ElmanConfig         *config,
                                                  const double              *values,
                                                  gsize                      n,
                                                  gboolean                   refit,
                                                  GCancellable              *cancellable,
                                                  ElmanEnsembleProgressFunc  progress,
                                                  gpointer                   user_data,
                                                  GError                   **error);
ElmanEnsemble     *elman_ensemble_train_members  (const ElmanConfig         *members,
                                                  guint                      n_members,
                                                  const double              *values,
                                                  gsize                      n_train,
                                                  gboolean                   refit,
                                                  GCancellable              *cancellable,
                                                  ElmanEnsembleProgressFunc  progress,
                                                  gpointer                   user_data,
                                                  GError                   **error);
void               elman_ensemble_free           (ElmanEnsemble             *ensemble);

guint              elman_ensemble_get_size       (ElmanEnsemble             *ensemble);
/* The trainer of member @i (with @refit: the early-stopping run, whose
 * losses and best epoch describe the training). */
ElmanTrainer      *elman_ensemble_get_trainer    (ElmanEnsemble             *ensemble,
                                                  guint                      i);
/* (array length=n_models) (transfer none): the members' final models. */
ElmanModel *const *elman_ensemble_get_models     (ElmanEnsemble             *ensemble,
                                                  guint                     *n_models);
gsize              elman_ensemble_get_n_train    (ElmanEnsemble             *ensemble);
const ElmanConfig *elman_ensemble_get_config     (ElmanEnsemble             *ensemble);

/* Any number of independent training runs, on up to @n_threads threads
 * (0: one per core). Returns (element-type ElmanTrainer) the trainers,
 * done, in the order of @configs. */
GPtrArray         *elman_train_parallel          (const ElmanConfig         *configs,
                                                  guint                      n_configs,
                                                  const double              *values,
                                                  gsize                      n,
                                                  guint                      n_threads,
                                                  GCancellable              *cancellable,
                                                  ElmanEnsembleProgressFunc  progress,
                                                  gpointer                   user_data,
                                                  GError                   **error);

/* Mean forecast of @steps values after values[0…n) and the 80 % and 95 %
 * intervals (each nullable): ŷ_h ± z·σ_h with
 * σ²_h = (spread of the members at h)² + (mean squared h-step error of
 * the ensemble mean on the rolling origins of the known series). */
gboolean           elman_ensemble_forecast       (ElmanModel *const         *models,
                                                  guint                      n_models,
                                                  const double              *values,
                                                  gsize                      n,
                                                  gsize                      steps,
                                                  double                    *mean,
                                                  double                    *lower80,
                                                  double                    *upper80,
                                                  double                    *lower95,
                                                  double                    *upper95,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);

/**
 * ElmanAutoCandidate:
 *
 * One point of the --auto grid and its score: the MAE of its K-step
 * rolling-origin forecasts on the validation part.
 */
typedef struct
{
  ElmanConfig    config;       /* as trained: T, J, ε, K' and the resolved transform */
  double         valid_mae;
  guint          best_epoch;
} ElmanAutoCandidate;

/* How many of the best candidates the --auto ensemble averages. */
#define ELMAN_AUTO_TOP 3
/* Seeds per candidate in the --auto ensemble when none are asked for. */
#define ELMAN_AUTO_SEEDS 5
/* The search reads at most this many values from the end of the
 * training part: enough to rank the grid (the settings it picks train
 * on the whole training part), and its cost stops growing there. */
#define ELMAN_AUTO_MAX_VALUES 2000

/* Searches a small grid of T, J, ε, K' (and the transform when @config
 * asks for AUTO) on the validation part, training the candidates in
 * parallel, and writes the best into @config. (out) (optional)
 * @candidates gets every candidate, best first. */
gboolean           elman_auto_search_check       (const ElmanConfig         *config,
                                                  const double              *values,
                                                  gsize                      n,
                                                  GError                   **error);
gboolean           elman_auto_search             (ElmanConfig               *config,
                                                  const double              *values,
                                                  gsize                      n,
                                                  GCancellable              *cancellable,
                                                  ElmanEnsembleProgressFunc  progress,
                                                  gpointer                   user_data,
                                                  GArray                   **candidates,
                                                  GError                   **error);

ElmanEnsemble     *elman_ensemble_train_auto     (const ElmanConfig         *config,
                                                  GArray                    *candidates,
                                                  const double              *values,
                                                  gsize                      n,
                                                  GCancellable              *cancellable,
                                                  ElmanEnsembleProgressFunc  progress,
                                                  gpointer                   user_data,
                                                  GError                   **error);

/**
 * ElmanAutoChoiceKind:
 * @ELMAN_AUTO_CHOICE_NETWORK: the networks alone
 * @ELMAN_AUTO_CHOICE_COMBINED: the mean of the networks' forecast and a
 *   simple method's
 * @ELMAN_AUTO_CHOICE_SIMPLE: a simple method alone
 *
 * What the --auto forecast is made of.
 */
typedef enum
{
  ELMAN_AUTO_CHOICE_NETWORK,
  ELMAN_AUTO_CHOICE_COMBINED,
  ELMAN_AUTO_CHOICE_SIMPLE,
} ElmanAutoChoiceKind;

/**
 * ElmanAutoChoice:
 * @kind: what was chosen
 * @simple: the simple forecaster of the choice (naive, seasonal naive or
 *   drift) when @smoothing is 0
 * @smoothing: the smoothing methods of the choice, a mask of
 *   1 << ElmanSmoothingMethod (their mean, each with the same weight);
 *   0 when the choice's simple part is @simple
 * @network_mae: the validation MAE of the networks' mean forecast
 * @simple_mae: that of the choice's simple part (for the networks, of
 *   the default's)
 * @combined_mae: that of the mean of the networks and that part
 * @chosen_mae: that of the forecast chosen
 * @default_mae: that of the default, the networks with the statistical
 *   combination
 * @is_default: whether the default was chosen
 * @n_origins: the validation origins these are measured on
 * @n_folds: the consecutive folds the origins are split into
 * @folds_won: in how many folds the chosen forecast's MAE was below the
 *   default's (0 when the default is chosen)
 *
 * Why: the networks' early-stopping runs (which never saw the validation
 * part) and the simple methods fitted on the same values forecast K steps
 * from every origin of the validation part, split into consecutive folds
 * (elman_auto_fold_count()); each fold's networks and methods are fitted
 * again on the values before it. The default, the mean of the networks
 * and the statistical combination, forecasts unless the candidate of
 * lowest MAE (the networks or a method alone, the networks with one
 * method, the combination alone) is lower over all origins and in every
 * fold.
 */
typedef struct
{
  ElmanAutoChoiceKind  kind;
  ElmanForecaster      simple;
  double               network_mae;
  double               simple_mae;
  double               combined_mae;
  gsize                n_origins;
  guint                n_folds;
  guint                folds_won;
  guint                smoothing;
  double               chosen_mae;
  double               default_mae;
  gboolean             is_default;
} ElmanAutoChoice;

ElmanModel        *elman_simple_model_new        (ElmanForecaster            forecaster,
                                                  const double              *values,
                                                  gsize                      n,
                                                  guint                      season);
guint              elman_auto_fold_count         (gsize                      n_origins,
                                                  guint                      horizon);
char              *elman_auto_simple_name        (const ElmanAutoChoice     *choice);
char              *elman_auto_choice_name        (const ElmanAutoChoice     *choice);
guint              elman_auto_choice_parts       (const ElmanAutoChoice     *choice);
const char        *elman_auto_choice_row_label   (const ElmanAutoChoice     *choice);
guint              elman_auto_choice_n_networks  (const ElmanAutoChoice     *choice,
                                                  guint                      n_models);
gboolean           elman_auto_choose             (ElmanEnsemble             *ensemble,
                                                  const double              *values,
                                                  guint                      horizon,
                                                  guint                      season,
                                                  GPtrArray                 *models,
                                                  ElmanAutoChoice           *choice,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanEnsemble, elman_ensemble_free)

G_END_DECLS
