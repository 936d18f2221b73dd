/* elman-run.c — one training run and its result
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-run"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "elman-file.h"
#include "elman-forecast-pass-private.h"
#include "elman-run.h"
#include "elman-series-loader.h"
#include "elman-time.h"

/**
 * ElmanRunResult:
 *
 * Everything a run produced: the networks, the configuration they were
 * trained with (transform and season resolved), the loss history, the
 * one-step predictions, the forecast and its intervals, the evaluation
 * of the test part and what the search found. Immutable once made, so
 * any thread may read it; shared by reference.
 */
struct _ElmanRunResult
{
  gatomicrefcount  ref_count;
  ElmanSeries     *series;
  ElmanConfig      config;
  GPtrArray       *models;        /* ElmanModel, at least one */
  GError          *stop_error;    /* cancelled or diverged one network */
  GError          *forecast_error; /* why a diverged network has no forecast */
  double          *train_loss;
  double          *valid_loss;    /* NULL without a validation part */
  GBytes          *grad_norms;    /* ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ per epoch */
  guint            n_epochs;
  guint            n_valid_epochs;
  guint            best_epoch;
  ElmanLossTrend   loss_trend;
  char            *loss_warning;  /* NULL when the loss looks right */
  gsize            n_train;
  gsize            n_valid;
  gsize            first;
  GBytes          *predictions;   /* NULL when the series is too short */
  GBytes          *forecast;
  GBytes          *bands;         /* lower80, upper80, lower95, upper95 */
  ElmanEvaluation *evaluation;
  GArray          *candidates;    /* ElmanAutoCandidate, best first */
  ElmanAutoChoice  choice;
  gboolean         has_choice;    /* --auto: choice says what forecasts */
  guint            n_settings;
  double           elapsed;
};

/* What the progress callback needs across the core's threads. */
typedef struct
{
  ElmanRunProgressFunc  func;
  gpointer              user_data;
  ElmanRunPhase         phase;
  guint                 n_items;
  guint                 epochs;
  gint                  abandoned;   /* atomic */
} Progress;

static ElmanRunResult *
result_new (ElmanSeries *series)
{
  ElmanRunResult *result = g_new0 (ElmanRunResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->series = elman_series_ref (series);
  result->models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  return result;
}

/**
 * elman_run_result_ref:
 *
 * Returns: @result
 */
ElmanRunResult *
elman_run_result_ref (ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
elman_run_result_unref (ElmanRunResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;

  g_clear_pointer (&result->series, elman_series_unref);
  g_clear_pointer (&result->models, g_ptr_array_unref);
  g_clear_error (&result->stop_error);
  g_clear_error (&result->forecast_error);
  g_clear_pointer (&result->loss_warning, g_free);
  g_clear_pointer (&result->train_loss, g_free);
  g_clear_pointer (&result->valid_loss, g_free);
  g_clear_pointer (&result->grad_norms, g_bytes_unref);
  g_clear_pointer (&result->predictions, g_bytes_unref);
  g_clear_pointer (&result->forecast, g_bytes_unref);
  g_clear_pointer (&result->bands, g_bytes_unref);
  g_clear_pointer (&result->evaluation, elman_evaluation_free);
  g_clear_pointer (&result->candidates, g_array_unref);
  g_free (result);
}

/**
 * elman_run_default_forecast_steps:
 *
 * Returns: how far the app forecasts: at least K, else an eighth of the
 *   series (at most 48 values), fed back recursively beyond K.
 */
gsize
elman_run_default_forecast_steps (const ElmanConfig *config,
                                  gsize              n_values)
{
  g_return_val_if_fail (config != NULL, 0);

  return MAX ((gsize) config->horizon, MIN (n_values / 8, 48));
}

/* The forecast of @S values after the end and, with two members or
 * more, its intervals (elman_run_predict() without the one-step
 * predictions). */
static gboolean
predict_after_end (ElmanModel * const *models,
                   guint               n_models,
                   const ElmanSeries  *series,
                   gsize               S,
                   GCancellable       *cancellable,
                   GBytes            **forecast,
                   GBytes            **bands,
                   GError            **error)
{
  g_autofree double *mean = NULL;
  g_autofree double *intervals = NULL;

  /* One call for all members (the spread needs them together). */
  mean = g_new (double, MAX (S, 1));
  if (n_models > 1)
    intervals = g_new (double, 4 * MAX (S, 1));
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (S > 0 &&
       !elman_ensemble_forecast (models, n_models, series->values, series->n, S, mean,
                                 intervals, intervals ? intervals + S : NULL,
                                 intervals ? intervals + 2 * S : NULL, intervals ? intervals + 3 * S : NULL,
                                 cancellable, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  *forecast = S > 0 ? g_bytes_new_take (g_steal_pointer (&mean), S * sizeof (double)) : NULL;
  if (bands != NULL)
    *bands = intervals && S > 0 ? g_bytes_new_take (g_steal_pointer (&intervals), 4 * S * sizeof (double)) : NULL;
  return TRUE;
}

/**
 * elman_run_predict:
 * @models: (array length=n_models): a network, or an ensemble's members
 *   (they may differ in T and K)
 * @cancellable: (nullable): checked between members and every few
 *   thousand steps of their runs; then %G_IO_ERROR_CANCELLED and no output
 * @first: (out): the series index the first prediction is for
 * @predictions: (out) (transfer full): the mean one-step prediction of
 *   values[@first…n), each from the true history before it
 * @forecast: (out) (transfer full) (nullable): the mean forecast of
 *   @forecast_steps values after the end (%NULL for none)
 * @bands: (out) (optional) (transfer full) (nullable): with two members
 *   or more, lower80, upper80, lower95 and upper95 of the forecast one
 *   after the other (elman_ensemble_forecast())
 *
 * The predictions of a run, and of the app's view of a network while it
 * trains.
 */
gboolean
elman_run_predict (ElmanModel * const *models,
                   guint               n_models,
                   const ElmanSeries  *series,
                   gsize               forecast_steps,
                   GCancellable       *cancellable,
                   gsize              *first,
                   GBytes            **predictions,
                   GBytes            **forecast,
                   GBytes            **bands,
                   GError            **error)
{
  gsize history, n_pred, S = forecast_steps, n;
  const double *values;
  g_autofree double *pred = NULL;

  g_return_val_if_fail (models != NULL && n_models > 0 && series != NULL, FALSE);

  values = series->values;
  n = series->n;
  history = elman_models_min_history (models, n_models);
  if (n <= history)
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_TOO_SHORT,
                   _("The series has %zu values but the model needs more than %zu"), n, history);
      return FALSE;
    }

  /* The same pass as the evaluation's (elman_evaluate_with_fit()), so a
   * run that evaluates and one that does not give the same bits. */
  n_pred = n - history;
  pred = g_new0 (double, n_pred);
  for (guint r = 0; r < n_models; r++)
    {
      ElmanForecastPass pass = { .fit_from = history, .fit_to = n, .fit = pred, .n_models = n_models };

      if (!elman_forecast_pass_run (&pass, models[r], values, n, cancellable, error))
        return FALSE;
    }
  if (!predict_after_end (models, n_models, series, S, cancellable, forecast, bands, error))
    return FALSE;

  *first = history;
  *predictions = g_bytes_new_take (g_steal_pointer (&pred), n_pred * sizeof (double));
  return TRUE;
}

/* The loss history and the split, from the one network or an
 * ensemble's first member (its early-stopping run). */
static void
take_losses (ElmanRunResult *result,
             ElmanTrainer   *trainer)
{
  guint n_train_loss, n_valid_loss;
  const double *train = elman_trainer_get_train_loss (trainer, &n_train_loss);
  const double *valid = elman_trainer_get_valid_loss (trainer, &n_valid_loss);

  result->train_loss = g_memdup2 (train, n_train_loss * sizeof (double));
  result->n_epochs = n_train_loss;
  if (valid != NULL)
    {
      result->valid_loss = g_memdup2 (valid, n_valid_loss * sizeof (double));
      result->n_valid_epochs = n_valid_loss;
    }
  {
    guint n_norm_epochs;
    const double *norms = elman_trainer_get_grad_norms (trainer, &n_norm_epochs);

    result->grad_norms = g_bytes_new (norms, 3 * (gsize) n_norm_epochs * sizeof (double));
  }
  result->best_epoch = elman_trainer_get_best_epoch (trainer);
  result->n_train = elman_trainer_get_n_train (trainer);
  result->n_valid = elman_trainer_get_n_valid (trainer);
}

/* The forecast after the end, its intervals and, with @whole_series,
 * the one-step predictions of the whole series (elman_run_predict()). */
static gboolean
predict_outputs (ElmanRunResult  *result,
                 gboolean         whole_series,
                 gsize            steps,
                 GCancellable    *cancellable,
                 GError         **error)
{
  ElmanModel *const *models = (ElmanModel *const *) result->models->pdata;
  guint n_models = result->models->len;

  if (whole_series)
    return elman_run_predict (models, n_models, result->series, steps, cancellable, &result->first,
                              &result->predictions, &result->forecast, &result->bands, error);
  result->first = elman_models_min_history (models, n_models);
  return predict_after_end (models, n_models, result->series, steps, cancellable, &result->forecast,
                            &result->bands, error);
}

/* The predictions and forecast of the networks in @result. A diverged
 * network's last good model may overflow on its own forecast: then the
 * run keeps its other outputs, as it does without a forecast, and says
 * why the forecast is missing. */
static gboolean
predict (ElmanRunResult        *result,
         const ElmanRunOptions *options,
         gboolean               whole_series,
         GCancellable          *cancellable,
         GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  if (predict_outputs (result, whole_series, options->forecast_steps, cancellable, &local_error))
    return TRUE;
  if (result->stop_error == NULL || options->forecast_steps == 0 ||
      !g_error_matches (local_error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_NOT_FINITE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  result->forecast_error = g_steal_pointer (&local_error);
  return predict_outputs (result, whole_series, 0, cancellable, error);
}

/* Whether the learning rate was too large, from the loss history taken
 * and the reason the training stopped. */
static void
diagnose_losses (ElmanRunResult *result)
{
  gboolean not_finite = g_error_matches (result->stop_error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED);

  result->loss_trend = elman_loss_trend_detect (result->train_loss, result->n_epochs, result->best_epoch,
                                                not_finite);
  result->loss_warning = elman_loss_trend_describe (result->loss_trend, &result->config, result->train_loss,
                                                    result->n_epochs, result->best_epoch);
}

/* Predictions, forecast, intervals and, when asked, the evaluation of
 * the networks in @result; a series too short for predictions leaves
 * them out. The evaluation's passes give the one-step predictions too,
 * and they are left out when @options skips them: every pass over the
 * series costs as much as an epoch's forward half. */
static gboolean
finish (ElmanRunResult        *result,
        const ElmanRunOptions *options,
        GCancellable          *cancellable,
        GError               **error)
{
  ElmanModel *const *models = (ElmanModel *const *) result->models->pdata;
  guint n_models = result->models->len;
  ElmanSeries *series = result->series;
  guint K = options->config.horizon;
  gsize history = elman_models_min_history (models, n_models);
  gboolean evaluate = options->evaluate && result->stop_error == NULL &&
                      result->n_train < series->n && series->n - result->n_train >= K;
  gboolean want_predictions = !options->skip_predictions && series->n > history;
  g_autofree double *fit = NULL;

  /* A forecast that is not finite is an error (nothing would be worth
   * writing); one-step predictions that are not finite are left out. */
  if (series->n <= history)
    g_debug ("No predictions: the series is shorter than the models' history");
  else if (!predict (result, options, want_predictions && !evaluate, cancellable, error))
    return FALSE;

  if (evaluate)
    {
      result->evaluation = elman_evaluate_with_fit (models, n_models, series->values, series->n, result->n_train,
                                                    K, options->config.season, &result->config,
                                                    want_predictions ? &fit : NULL, error);
      if (result->evaluation == NULL)
        return FALSE;
      /* The networks' row scores what forecasts: name it after --auto's
       * choice when that is not the networks alone. */
      result->evaluation->model_label =
        g_strdup (elman_auto_choice_row_label (result->has_choice ? &result->choice : NULL));
      if (fit != NULL)
        result->predictions = g_bytes_new_take (g_steal_pointer (&fit), (series->n - history) * sizeof (double));
    }
  return TRUE;
}

static gboolean
report (Progress      *p,
        ElmanRunPhase  phase,
        guint          done,
        guint          total,
        ElmanTrainer  *trainer)
{
  ElmanRunProgress progress = { phase, done, total, p->n_items, trainer };

  /* Every setting and every network has the same epoch limit; the
   * networks of an ensemble count twice (early stopping, then the
   * refit). */
  if (progress.n_items == 0 && total > 0 && p->epochs > 0)
    progress.n_items = total / p->epochs / (phase == ELMAN_RUN_PHASE_ENSEMBLE ? 2 : 1);
  if (p->func != NULL && !p->func (&progress, p->user_data))
    g_atomic_int_set (&p->abandoned, TRUE);
  return !g_atomic_int_get (&p->abandoned);
}

/* The core's ensemble progress, from its training threads. */
static void
on_ensemble_progress (guint         done,
                      guint         total,
                      ElmanTrainer *first,
                      gpointer      user_data)
{
  Progress *p = user_data;

  report (p, p->phase, done, total, first);
}

static void
set_phase (Progress      *p,
           ElmanRunPhase  phase,
           guint          total,
           guint          n_items)
{
  p->phase = phase;
  p->n_items = n_items;
  report (p, phase, 0, total, NULL);
}

static gboolean
set_abandoned_error (Progress  *p,
                     GError   **error)
{
  if (!g_atomic_int_get (&p->abandoned))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The run was abandoned"));
  return TRUE;
}

/* One network, epoch by epoch: a stop or a divergence keeps the best
 * (or last good) model, and the result says why it ended early. */
static ElmanRunResult *
run_single (ElmanSeries           *series,
            const ElmanRunOptions *options,
            GCancellable          *cancellable,
            Progress              *p,
            GError               **error)
{
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) stop = NULL;
  gboolean go_on;

  trainer = elman_trainer_new (&options->config, series->values, series->n, options->initial, error);
  if (trainer == NULL)
    return NULL;

  p->phase = ELMAN_RUN_PHASE_SINGLE;
  go_on = report (p, ELMAN_RUN_PHASE_SINGLE, 0, options->config.epochs, trainer);
  while (go_on && !elman_trainer_is_done (trainer))
    {
      if (!elman_trainer_step (trainer, cancellable, &stop))
        break;
      go_on = report (p, ELMAN_RUN_PHASE_SINGLE, elman_trainer_get_epoch (trainer), options->config.epochs,
                      trainer);
    }
  /* Once more after the loop: an abandoned run skips the wrap-up, which
   * takes a while on a long series. */
  if (go_on && stop != NULL)
    report (p, ELMAN_RUN_PHASE_SINGLE, elman_trainer_get_epoch (trainer), options->config.epochs, trainer);
  if (set_abandoned_error (p, error))
    return NULL;
  if (elman_trainer_get_epoch (trainer) == 0 && g_error_matches (stop, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&stop));
      return NULL;
    }

  result = result_new (series);
  g_ptr_array_add (result->models, elman_trainer_dup_best_model (trainer));
  result->config = *elman_trainer_get_config (trainer);
  take_losses (result, trainer);
  result->stop_error = g_steal_pointer (&stop);
  diagnose_losses (result);
  /* The trainer's buffers go before the passes over the series. */
  g_clear_pointer (&trainer, elman_trainer_free);
  if (!finish (result, options, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* How many different settings an ensemble's members have: the core
 * lists a setting's seeds one after the other. */
static guint
count_settings (ElmanEnsemble *ensemble)
{
  guint n_settings = 0;
  const ElmanConfig *last = NULL;

  for (guint r = 0; r < elman_ensemble_get_size (ensemble); r++)
    {
      const ElmanConfig *c = elman_trainer_get_config (elman_ensemble_get_trainer (ensemble, r));

      if (last == NULL || c->window != last->window || c->hidden != last->hidden ||
          c->learning_rate != last->learning_rate || c->horizon != last->horizon ||
          c->transform != last->transform)
        n_settings++;
      last = c;
    }
  return MAX (n_settings, 1);
}

/* Several networks through the core: with the automatic settings,
 * elman_auto_search() and the ensemble of the best settings, else R
 * networks from seeds seed… seed + R − 1; every member refitted on the
 * whole training part. A stop at any point ends the run without a
 * result: all of the ensemble or nothing. */
static ElmanRunResult *
run_ensemble (ElmanSeries           *series,
              const ElmanRunOptions *options,
              GCancellable          *cancellable,
              Progress              *p,
              GError               **error)
{
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  ElmanConfig config = options->config;
  ElmanModel *const *members;
  guint n_members;

  if (options->auto_search)
    {
      set_phase (p, ELMAN_RUN_PHASE_SEARCH, 0, 0);
      if (!elman_auto_search (&config, series->values, series->n, cancellable,
                              on_ensemble_progress, p, &candidates, error))
        return NULL;
      /* The search also averages an ensemble: the cheapest accuracy there is. */
      if (config.ensemble <= 1)
        config.ensemble = ELMAN_AUTO_SEEDS;
      set_phase (p, ELMAN_RUN_PHASE_ENSEMBLE, 0, 0);
      ensemble = elman_ensemble_train_auto (&config, candidates, series->values, series->n, cancellable,
                                            on_ensemble_progress, p, error);
    }
  else
    {
      set_phase (p, ELMAN_RUN_PHASE_ENSEMBLE, 2 * config.ensemble * config.epochs, config.ensemble);
      ensemble = elman_ensemble_train (&config, series->values, series->n, TRUE, cancellable,
                                       on_ensemble_progress, p, error);
    }
  if (ensemble == NULL || set_abandoned_error (p, error))
    return NULL;

  members = elman_ensemble_get_models (ensemble, &n_members);
  set_phase (p, ELMAN_RUN_PHASE_FINISHING, 0, n_members);
  if (set_abandoned_error (p, error))
    return NULL;

  result = result_new (series);
  for (guint r = 0; r < n_members; r++)
    g_ptr_array_add (result->models, elman_model_copy (members[r]));
  result->config = *elman_ensemble_get_config (ensemble);
  /* The networks, a simple method or both, by their validation errors. */
  if (options->auto_search)
    {
      if (!elman_auto_choose (ensemble, series->values, options->config.horizon, result->config.season,
                              result->models, &result->choice, cancellable, error))
        return NULL;
      result->has_choice = TRUE;
    }
  take_losses (result, elman_ensemble_get_trainer (ensemble, 0));
  diagnose_losses (result);
  result->candidates = g_steal_pointer (&candidates);
  result->n_settings = count_settings (ensemble);
  g_clear_pointer (&ensemble, elman_ensemble_free);
  if (!finish (result, options, cancellable, error))
    return NULL;
  return g_steal_pointer (&result);
}

/**
 * elman_run:
 * @series: the data; referenced by the result (a series is immutable)
 * @options: what to run
 * @cancellable: (nullable): stops within one epoch
 * @progress: (nullable) (scope call): told what the run is doing
 *
 * One run: the automatic search and an ensemble of the best settings,
 * an ensemble, or one network; then the one-step predictions, the
 * forecast and its intervals, and the evaluation of the test part.
 *
 * Returns: (transfer full) (nullable): the result; a cancelled or
 *   diverged network still has one (elman_run_result_get_stop_error()),
 *   a stopped ensemble has none
 */
ElmanRunResult *
elman_run (ElmanSeries            *series,
           const ElmanRunOptions  *options,
           GCancellable           *cancellable,
           ElmanRunProgressFunc    progress,
           gpointer                user_data,
           GError                **error)
{
  Progress p = { .func = progress, .user_data = user_data, .epochs = options ? options->config.epochs : 0 };
  gint64 start = g_get_monotonic_time ();
  ElmanRunResult *result;

  g_return_val_if_fail (series != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options->initial == NULL && (options->auto_search || options->config.ensemble > 1))
    result = run_ensemble (series, options, cancellable, &p, error);
  else
    result = run_single (series, options, cancellable, &p, error);
  if (result != NULL)
    result->elapsed = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  return result;
}

/**
 * elman_run_result_new_for_models:
 * @models: (array length=n_models): copied
 * @config: what they were trained with
 *
 * The result of networks trained elsewhere (a model file): their
 * predictions and forecast, no loss history.
 *
 * Returns: (transfer full) (nullable): the result
 */
ElmanRunResult *
elman_run_result_new_for_models (ElmanSeries        *series,
                                 ElmanModel * const *models,
                                 guint               n_models,
                                 const ElmanConfig  *config,
                                 gsize               forecast_steps,
                                 GError            **error)
{
  g_autoptr(ElmanRunResult) result = NULL;

  g_return_val_if_fail (series != NULL && models != NULL && n_models > 0 && config != NULL, NULL);

  result = result_new (series);
  result->config = *config;
  for (guint i = 0; i < n_models; i++)
    g_ptr_array_add (result->models, elman_model_copy (models[i]));
  elman_config_split (config, series->n, &result->n_train, &result->n_valid);
  if (!elman_run_predict (models, n_models, series, forecast_steps, NULL, &result->first,
                          &result->predictions, &result->forecast, &result->bands, error))
    return NULL;
  return g_steal_pointer (&result);
}

ElmanSeries *
elman_run_result_get_series (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->series;
}

/**
 * elman_run_result_get_config:
 *
 * Returns: what the networks were trained with, the transform and
 *   season resolved (an ensemble's first member after a search)
 */
const ElmanConfig *
elman_run_result_get_config (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return &result->config;
}

/**
 * elman_run_result_get_models:
 * @n_models: (out): at least 1
 *
 * Returns: (array length=n_models) (transfer none): the network (the
 *   best epoch's with early stopping), or an ensemble's members
 */
ElmanModel * const *
elman_run_result_get_models (const ElmanRunResult *result,
                             guint                *n_models)
{
  g_return_val_if_fail (result != NULL && n_models != NULL, NULL);
  *n_models = result->models->len;
  return (ElmanModel * const *) result->models->pdata;
}

/**
 * elman_run_result_get_stop_error:
 *
 * Returns: (nullable): why one network ended before its last epoch
 *   (%G_IO_ERROR_CANCELLED, %ELMAN_TRAINER_ERROR_DIVERGED); %NULL when
 *   it ran to the end or early stopping ended it
 */
const GError *
elman_run_result_get_stop_error (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->stop_error;
}

/**
 * elman_run_result_get_forecast_error:
 *
 * Returns: (nullable): why a diverged network has no forecast although
 *   one was asked for (its last good model overflows on the series);
 *   %NULL otherwise
 */
const GError *
elman_run_result_get_forecast_error (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->forecast_error;
}

/**
 * elman_run_result_get_train_loss:
 * @n_epochs: (out)
 *
 * Returns: (array length=n_epochs): the training loss per epoch (an
 *   ensemble's first member's early-stopping run)
 */
const double *
elman_run_result_get_train_loss (const ElmanRunResult *result,
                                 guint                *n_epochs)
{
  g_return_val_if_fail (result != NULL && n_epochs != NULL, NULL);
  *n_epochs = result->n_epochs;
  return result->train_loss;
}

/**
 * elman_run_result_get_valid_loss:
 * @n_epochs: (out)
 *
 * Returns: (array length=n_epochs) (nullable): the validation loss per
 *   epoch; %NULL without a validation part
 */
const double *
elman_run_result_get_valid_loss (const ElmanRunResult *result,
                                 guint                *n_epochs)
{
  g_return_val_if_fail (result != NULL && n_epochs != NULL, NULL);
  *n_epochs = result->n_valid_epochs;
  return result->valid_loss;
}

/**
 * elman_run_result_get_grad_norms:
 *
 * Returns: (transfer none) (nullable): ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ of each
 *   epoch's gradient, three doubles per epoch (as
 *   elman_trainer_get_grad_norms()), of the run whose loss
 *   elman_run_result_get_train_loss() reports; %NULL for a result made
 *   from models alone
 */
GBytes *
elman_run_result_get_grad_norms (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->grad_norms;
}

/* 0-based epoch of the best validation (or training) loss. */
guint
elman_run_result_get_best_epoch (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->best_epoch;
}

/* First index of the test part. */
/**
 * elman_run_result_get_loss_trend:
 *
 * Returns: what the loss history (the one network's, or an ensemble's
 *   first member's) says about the learning rate; %ELMAN_LOSS_TREND_OK
 *   without a loss history
 */
ElmanLossTrend
elman_run_result_get_loss_trend (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, ELMAN_LOSS_TREND_OK);
  return result->loss_trend;
}

/**
 * elman_run_result_get_loss_warning:
 *
 * Returns: (nullable): the translated warning that the learning rate is
 *   too large (elman_loss_trend_describe()), naming ε and a value to
 *   try; %NULL when the loss looks right
 */
const char *
elman_run_result_get_loss_warning (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->loss_warning;
}

/**
 * elman_run_result_dup_notes:
 * @result: (nullable): the run; %NULL for none
 * @evaluation: (nullable): the evaluation whose warnings to list; %NULL
 *   for @result's own
 * @wording: who reads them: the app's control names or elman-cli's flags
 *
 * Every note on a result, most urgent first: that the learning rate is
 * too large, then the evaluation's warnings.
 *
 * Returns: (transfer full): a %NULL-terminated array of translated
 *   lines, empty when there is nothing to say
 */
char **
elman_run_result_dup_notes (const ElmanRunResult  *result,
                            const ElmanEvaluation *evaluation,
                            ElmanWording           wording)
{
  g_autoptr(GStrvBuilder) notes = g_strv_builder_new ();

  if (evaluation == NULL && result != NULL)
    evaluation = result->evaluation;
  if (result != NULL && result->loss_warning != NULL)
    g_strv_builder_add (notes, result->loss_warning);
  if (evaluation != NULL)
    {
      g_auto(GStrv) messages = elman_evaluation_dup_messages (evaluation, wording);

      g_strv_builder_addv (notes, (const char **) messages);
    }
  return g_strv_builder_end (notes);
}

gsize
elman_run_result_get_n_train (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->n_train;
}

/* The validation part: the last n_valid values before the test part. */
gsize
elman_run_result_get_n_valid (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->n_valid;
}

/**
 * elman_run_result_get_predictions:
 * @first: (out) (optional): the series index the first prediction is for
 *
 * Returns: (transfer none) (nullable): one-step predictions (doubles in
 *   data units) of values[@first…n); %NULL when the series is too short
 */
GBytes *
elman_run_result_get_predictions (const ElmanRunResult *result,
                                  gsize                *first)
{
  g_return_val_if_fail (result != NULL, NULL);
  if (first != NULL)
    *first = result->first;
  return result->predictions;
}

/**
 * elman_run_result_get_forecast:
 *
 * Returns: (transfer none) (nullable): the values after the end
 */
GBytes *
elman_run_result_get_forecast (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->forecast;
}

/**
 * elman_run_result_get_bands:
 *
 * Returns: (transfer none) (nullable): an ensemble's prediction
 *   intervals: lower80, upper80, lower95 and upper95, each as long as
 *   the forecast, one after the other
 */
GBytes *
elman_run_result_get_bands (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->bands;
}

/**
 * elman_run_result_get_evaluation:
 *
 * Returns: (transfer none) (nullable): the evaluation of the test part,
 *   when it was asked for and there is a test part of at least K values
 */
const ElmanEvaluation *
elman_run_result_get_evaluation (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->evaluation;
}

/**
 * elman_run_result_get_choice:
 *
 * Returns: (nullable): with the automatic settings, whether the networks,
 *   a simple method or both forecast, and why
 */
const ElmanAutoChoice *
elman_run_result_get_choice (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->has_choice ? &result->choice : NULL;
}

/**
 * elman_run_result_get_candidates:
 *
 * Returns: (transfer none) (nullable) (element-type ElmanAutoCandidate):
 *   every setting the search scored, best first; %NULL without a search
 */
GArray *
elman_run_result_get_candidates (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->candidates;
}

/* How many different settings the ensemble averages (as trained: the
 * core falls back to fewer when a candidate cannot train). */
guint
elman_run_result_get_n_settings (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->n_settings;
}

/* Seconds the run took. */
double
elman_run_result_get_elapsed (const ElmanRunResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->elapsed;
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* A non-finite value is written as an empty (missing) field: "inf" or
   * "nan" never reaches a file. */
  if (isfinite (v))
    g_string_append (s, elman_format_double (buf, sizeof buf, v));
}

static const char *
part_of (gsize i,
         gsize n_fit,
         gsize n_train)
{
  return i < n_fit ? "train" : i < n_train ? "valid" : "test";
}

/**
 * elman_run_result_format_predictions_csv:
 * @length: (out) (optional): the text's length
 *
 * The predictions CSV of `elman-cli train --predictions-out` and of the
 * app's Export Predictions: `index,time,actual,predicted,part`, one row
 * per value (part `train`, `valid` or `test`) with its one-step
 * prediction, then one row per forecast step (part `forecast`, no
 * actual value). An ensemble's file has four more columns,
 * `lower80,upper80,lower95,upper95`, filled on the forecast rows.
 * Missing values are empty fields.
 *
 * Returns: (transfer full): the text
 */
char *
elman_run_result_format_predictions_csv (const ElmanRunResult *result,
                                         gsize                *length)
{
  const ElmanSeries *series;
  const double *pred = NULL, *fc = NULL, *bands = NULL;
  gsize n_pred = 0, n_fc = 0, n_bands = 0, n_fit;
  GString *s;

  g_return_val_if_fail (result != NULL, NULL);

  series = result->series;
  n_fit = result->n_train - result->n_valid;
  if (result->predictions)
    pred = g_bytes_get_data (result->predictions, &n_pred);
  if (result->forecast)
    fc = g_bytes_get_data (result->forecast, &n_fc);
  if (result->bands)
    bands = g_bytes_get_data (result->bands, &n_bands);
  n_pred /= sizeof (double);
  n_fc /= sizeof (double);

  s = g_string_new (bands ? "index,time,actual,predicted,part,lower80,upper80,lower95,upper95\n"
                          : "index,time,actual,predicted,part\n");
  for (gsize i = 0; i < series->n; i++)
    {
      g_string_append_printf (s, "%zu,", i);
      elman_time_append_csv (s, series, i);
      g_string_append_c (s, ',');
      append_double (s, series->values[i]);
      g_string_append_c (s, ',');
      if (i >= result->first && i - result->first < n_pred)
        append_double (s, pred[i - result->first]);
      g_string_append_printf (s, ",%s%s\n", part_of (i, n_fit, result->n_train), bands ? ",,,," : "");
    }
  for (gsize h = 0; h < n_fc; h++)
    {
      g_string_append_printf (s, "%zu,", series->n + h);
      elman_time_append_csv (s, series, series->n + h);
      g_string_append (s, ",,");
      append_double (s, fc[h]);
      g_string_append (s, ",forecast");
      for (guint b = 0; bands != NULL && b < 4; b++)
        {
          g_string_append_c (s, ',');
          append_double (s, bands[b * n_fc + h]);
        }
      g_string_append_c (s, '\n');
    }

  if (length != NULL)
    *length = s->len;
  return g_string_free (s, FALSE);
}

/**
 * elman_run_result_format_forecast_csv:
 * @length: (out) (optional): the text's length
 *
 * The forecast CSV of `elman-cli train --forecast`: `step,time,forecast`,
 * one row per step after the end, and for an ensemble four more columns,
 * `lower80,upper80,lower95,upper95`.
 *
 * Returns: (transfer full): the text
 */
char *
elman_run_result_format_forecast_csv (const ElmanRunResult *result,
                                      gsize                *length)
{
  const double *fc = NULL, *bands = NULL;
  gsize n_fc = 0;
  GString *s;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->forecast)
    fc = g_bytes_get_data (result->forecast, &n_fc);
  if (result->bands)
    bands = g_bytes_get_data (result->bands, NULL);
  n_fc /= sizeof (double);

  s = g_string_new (bands ? "step,time,forecast,lower80,upper80,lower95,upper95\n" : "step,time,forecast\n");
  for (gsize h = 0; h < n_fc; h++)
    {
      g_string_append_printf (s, "%zu,", h + 1);
      elman_time_append_csv (s, result->series, result->series->n + h);
      g_string_append_c (s, ',');
      append_double (s, fc[h]);
      for (guint b = 0; bands != NULL && b < 4; b++)
        {
          g_string_append_c (s, ',');
          append_double (s, bands[b * n_fc + h]);
        }
      g_string_append_c (s, '\n');
    }

  if (length != NULL)
    *length = s->len;
  return g_string_free (s, FALSE);
}

/**
 * elman_run_result_write_predictions_csv:
 *
 * Writes elman_run_result_format_predictions_csv() to @path, atomically
 * (and never a rename over a device such as /dev/full).
 */
gboolean
elman_run_result_write_predictions_csv (const ElmanRunResult  *result,
                                        const char            *path,
                                        GError               **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (result != NULL && path != NULL, FALSE);

  text = elman_run_result_format_predictions_csv (result, &length);
  return elman_file_write (path, text, length, error);
}
