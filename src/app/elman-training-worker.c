/* elman-training-worker.c — training off the main thread
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#endif

#include "elman-ensemble.h"
#include "elman-trainer.h"
#include "elman-training-worker.h"

/* Snapshots at most this often: losses are cheap to copy, and the window
 * picks up the newest one per frame anyway. */
#define PUBLISH_INTERVAL_US (G_USEC_PER_SEC / 30)
/* Predictions over the whole series cost about one forward pass: redo
 * them at least this often, but never spend more than a fifth of the
 * time on them. */
#define PREDICT_INTERVAL_US (G_USEC_PER_SEC / 10)
#define PREDICT_COST_FACTOR 4

struct _ElmanTrainingWorker
{
  GObject      parent_instance;

  /* Set before the thread starts, read-only afterwards. */
  ElmanConfig  config;
  double      *values;
  gsize        n;
  gsize        n_train;
  gsize        forecast_steps;
  guint        generation;
  gboolean     auto_search;
  gboolean     started;
  GThread     *thread;      /* joined by elman_training_worker_run_finish() */
  gint         abandoned;   /* atomic: nobody waits for the result */
  gint64       start;

  /* Progress of several networks, reported from the core's threads. */
  GMutex             progress_mutex;
  ElmanTrainingPhase phase;
  guint              phases;       /* every phase so far, as bits */
  guint              done;
  guint              total;
  guint              n_items;      /* 0: from the total */
  gint64             last_progress;

  /* Shared with the thread. */
  GMutex                 mutex;
  ElmanTrainingSnapshot *snapshot;
  guint64                serial;
  ElmanConfig            used_config;   /* transform and season resolved */
  GArray                *train_loss;   /* the history so far, appended per publish */
  GArray                *valid_loss;
  GPtrArray             *models;       /* the model, or an ensemble's members (ElmanModel) */
  gboolean               searched;
  ElmanConfig            search_best;
  guint                  n_candidates;
  guint                  n_top;
  guint                  n_seeds;
};

G_DEFINE_FINAL_TYPE (ElmanTrainingWorker, elman_training_worker, G_TYPE_OBJECT)

/* GTask source tag (a function pointer is not a gpointer in ISO C). */
static int worker_source_tag;
/* Runs whose thread is not joined yet (atomic). */
static gint n_running;
static int evaluate_source_tag;

ElmanTrainingSnapshot *
elman_training_snapshot_ref (ElmanTrainingSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  g_atomic_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

void
elman_training_snapshot_unref (ElmanTrainingSnapshot *snapshot)
{
  g_return_if_fail (snapshot != NULL);

  if (!g_atomic_ref_count_dec (&snapshot->ref_count))
    return;

  g_clear_pointer (&snapshot->predictions, g_bytes_unref);
  g_clear_pointer (&snapshot->forecast, g_bytes_unref);
  g_clear_pointer (&snapshot->bands, g_bytes_unref);
  g_free (snapshot);
}

/**
 * elman_compute_forecast_steps:
 *
 * Returns: how far the app forecasts: at least K, else an eighth of the
 *   series (at most 48 values), fed back recursively beyond K.
 */
gsize
elman_compute_forecast_steps (const ElmanConfig *config,
                              gsize              n_values)
{
  g_return_val_if_fail (config != NULL, 0);

  return MAX ((gsize) config->horizon, MIN (n_values / 8, 48));
}

/* A one-step prediction needs more values than the models' history. */
static gboolean
check_history (gsize    n,
               gsize    history,
               GError **error)
{
  if (n > history)
    return TRUE;
  g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_TOO_SHORT,
               _("The series has %zu values but the model needs more than %zu"),
               n, history);
  return FALSE;
}

/**
 * elman_compute_predictions:
 * @first: (out): the series index the first prediction is for
 * @predictions: (out) (transfer full): one-step predictions of
 *   values[@first…n), doubles in data units
 * @forecast: (out) (transfer full) (nullable): @forecast_steps values
 *   after the end, or %NULL when the model cannot forecast
 *
 * Runs @model over @values; called on the worker thread with the worker's
 * own model and on the main thread for a loaded model.
 */
gboolean
elman_compute_predictions (const ElmanModel  *model,
                           const double      *values,
                           gsize              n,
                           gsize              forecast_steps,
                           gsize             *first,
                           GBytes           **predictions,
                           GBytes           **forecast,
                           GError           **error)
{
  gsize history, n_windows, n_pred, K;
  g_autofree double *out = NULL;
  double *pred;
  g_autofree double *fc = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (model != NULL, FALSE);

  history = elman_model_min_history (model);
  K = model->horizon;
  if (!check_history (n, history, error))
    return FALSE;

  /* With the tail, window i predicts values[history + i …]; its first
   * step is the one-step prediction, the last window's runs past the end. */
  out = g_new (double, (n - history + 1) * K);
  n_windows = elman_model_predict (model, values, n, TRUE, out);
  n_pred = MIN (n_windows, n - history);
  pred = g_new (double, MAX (n_pred, 1));
  for (gsize i = 0; i < n_pred; i++)
    pred[i] = out[i * K];

  *first = history;
  *predictions = g_bytes_new_take (pred, n_pred * sizeof (double));

  if (forecast != NULL)
    {
      *forecast = NULL;
      if (forecast_steps > 0)
        {
          fc = g_new (double, forecast_steps);
          if (elman_model_forecast (model, values, n, forecast_steps, fc, &local_error))
            *forecast = g_bytes_new_take (g_steal_pointer (&fc), forecast_steps * sizeof (double));
          else
            g_debug ("No forecast: %s", local_error->message);
        }
    }

  return TRUE;
}

static void
elman_training_worker_finalize (GObject *object)
{
  ElmanTrainingWorker *self = ELMAN_TRAINING_WORKER (object);

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->snapshot, elman_training_snapshot_unref);
  g_clear_pointer (&self->train_loss, g_array_unref);
  g_clear_pointer (&self->valid_loss, g_array_unref);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  /* Never finished through run_finish(): the thread let go of us last. */
  g_clear_pointer (&self->thread, g_thread_unref);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->progress_mutex);

  G_OBJECT_CLASS (elman_training_worker_parent_class)->finalize (object);
}

static void
elman_training_worker_class_init (ElmanTrainingWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = elman_training_worker_finalize;
}

static void
elman_training_worker_init (ElmanTrainingWorker *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->progress_mutex);
  self->train_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->valid_loss = g_array_new (FALSE, FALSE, sizeof (double));
}

/**
 * elman_training_worker_new:
 * @generation: stamped on every snapshot, so that the window can tell
 *   this run's updates from those of an earlier one
 *
 * Copies @config and the values of @series: the thread works on its own
 * data and never sees the window's.
 *
 * Returns: (transfer full): a worker for one run
 */
ElmanTrainingWorker *
elman_training_worker_new (const ElmanConfig *config,
                           ElmanSeries       *series,
                           guint              generation)
{
  ElmanTrainingWorker *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (series != NULL, NULL);

  self = g_object_new (ELMAN_TYPE_TRAINING_WORKER, NULL);
  self->config = *config;
  self->values = g_memdup2 (series->values, series->n * sizeof (double));
  self->n = series->n;
  self->generation = generation;
  self->forecast_steps = elman_compute_forecast_steps (config, series->n);
  elman_config_split (config, series->n, &self->n_train, NULL);

  return self;
}

guint
elman_training_worker_get_generation (ElmanTrainingWorker *self)
{
  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), 0);

  return self->generation;
}

const ElmanConfig *
elman_training_worker_get_config (ElmanTrainingWorker *self)
{
  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  return &self->config;
}

gsize
elman_training_worker_get_forecast_steps (ElmanTrainingWorker *self)
{
  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), 0);

  return self->forecast_steps;
}

/**
 * elman_training_worker_set_auto_search:
 *
 * Before the run: search T, J, ε and the transform on the validation
 * part, then train an ensemble of the best settings (issue 7).
 */
void
elman_training_worker_set_auto_search (ElmanTrainingWorker *self,
                                       gboolean             auto_search)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));
  g_return_if_fail (!self->started);

  self->auto_search = !!auto_search;
}

/**
 * elman_training_worker_get_n_train:
 *
 * Returns: the first index of the held-out test part
 */
gsize
elman_training_worker_get_n_train (ElmanTrainingWorker *self)
{
  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), 0);

  return self->n_train;
}

/* Worker thread: builds a snapshot from the trainer's state and swaps it
 * in; the main thread takes a reference to the newest one when it draws. */
static void
publish (ElmanTrainingWorker *self,
         ElmanTrainer        *trainer,
         gsize                first,
         GBytes              *predictions,
         GBytes              *forecast,
         GBytes              *bands,
         gboolean             final)
{
  ElmanTrainingSnapshot *snapshot = g_new0 (ElmanTrainingSnapshot, 1);
  ElmanTrainingSnapshot *old;
  const double *train = NULL, *valid = NULL;
  guint n_train_loss = 0, n_valid_loss = 0;

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->generation = self->generation;
  snapshot->n_epochs = self->config.epochs;
  snapshot->final = final;
  snapshot->elapsed = (g_get_monotonic_time () - self->start) / (double) G_USEC_PER_SEC;

  g_mutex_lock (&self->progress_mutex);
  snapshot->phase = self->phase;
  snapshot->phases = self->phases;
  snapshot->done = self->done;
  snapshot->total = self->total;
  snapshot->n_items = self->n_items;
  g_mutex_unlock (&self->progress_mutex);
  /* Every setting and every network has the same epoch limit; the
   * networks of an ensemble count twice (early stopping, then the
   * refit). */
  if (snapshot->n_items == 0 && snapshot->total > 0 && self->config.epochs > 0)
    snapshot->n_items = snapshot->total / self->config.epochs
                        / (snapshot->phase == ELMAN_TRAINING_PHASE_ENSEMBLE ? 2 : 1);

  if (trainer != NULL)
    {
      snapshot->epoch = elman_trainer_get_epoch (trainer);
      snapshot->best_epoch = elman_trainer_get_best_epoch (trainer);
      train = elman_trainer_get_train_loss (trainer, &n_train_loss);
      valid = elman_trainer_get_valid_loss (trainer, &n_valid_loss);
      snapshot->train_loss = n_train_loss > 0 ? train[n_train_loss - 1] : NAN;
      snapshot->has_valid = valid != NULL && n_valid_loss == n_train_loss;
      snapshot->valid_loss = snapshot->has_valid && n_valid_loss > 0 ? valid[n_valid_loss - 1] : NAN;
    }

  snapshot->first = first;
  snapshot->predictions = predictions ? g_bytes_ref (predictions) : NULL;
  snapshot->forecast = forecast ? g_bytes_ref (forecast) : NULL;
  snapshot->bands = bands ? g_bytes_ref (bands) : NULL;

  g_mutex_lock (&self->mutex);
  /* Only the epochs since the last publish are copied. */
  if (n_train_loss > self->train_loss->len)
    g_array_append_vals (self->train_loss, train + self->train_loss->len, n_train_loss - self->train_loss->len);
  if (snapshot->has_valid && n_valid_loss > self->valid_loss->len)
    g_array_append_vals (self->valid_loss, valid + self->valid_loss->len, n_valid_loss - self->valid_loss->len);
  old = self->snapshot;
  self->snapshot = snapshot;
  self->serial++;
  g_mutex_unlock (&self->mutex);

  if (old != NULL)
    elman_training_snapshot_unref (old);
}

static void
predict (ElmanTrainingWorker  *self,
         const ElmanModel     *model,
         gsize                *first,
         GBytes              **predictions,
         GBytes              **forecast)
{
  g_autoptr(GBytes) new_predictions = NULL;
  g_autoptr(GBytes) new_forecast = NULL;
  g_autoptr(GError) error = NULL;

  if (!elman_compute_predictions (model, self->values, self->n, self->forecast_steps,
                                  first, &new_predictions, &new_forecast, &error))
    {
      g_debug ("No predictions: %s", error->message);
      return;
    }

  g_clear_pointer (predictions, g_bytes_unref);
  g_clear_pointer (forecast, g_bytes_unref);
  *predictions = g_steal_pointer (&new_predictions);
  *forecast = g_steal_pointer (&new_forecast);
}

/**
 * elman_compute_ensemble_predictions:
 * @models: (array length=n_models): the members
 * @first: (out): the series index the first prediction is for
 * @predictions: (out) (transfer full): the members' mean one-step
 *   prediction of values[@first…n), each from the true history before it
 * @forecast: (out) (transfer full): the mean forecast of @forecast_steps
 *   values after the end
 * @bands: (out) (transfer full) (nullable): with two members or more,
 *   lower80, upper80, lower95 and upper95 of the forecast one after the
 *   other (elman_ensemble_forecast())
 * @cancellable: (nullable): checked between members and every few
 *   thousand steps of their runs; then %G_IO_ERROR_CANCELLED and no output
 *
 * What elman_compute_predictions() gives for one model, for an ensemble
 * (its members may differ in T and K).
 */
gboolean
elman_compute_ensemble_predictions (ElmanModel * const *models,
                                    guint               n_models,
                                    const double       *values,
                                    gsize               n,
                                    gsize               forecast_steps,
                                    gsize              *first,
                                    GBytes            **predictions,
                                    GBytes            **forecast,
                                    GBytes            **bands,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  gsize history, n_pred, S = forecast_steps;
  g_autofree double *pred = NULL;
  g_autofree double *mean = NULL;
  g_autofree double *intervals = NULL;

  g_return_val_if_fail (models != NULL && n_models > 0, FALSE);

  history = elman_models_min_history (models, n_models);
  if (!check_history (n, history, error))
    return FALSE;

  n_pred = n - history;
  pred = g_new (double, n_pred);
  if (!elman_models_rolling_forecast (models, n_models, values, n, history, n_pred, 1, pred, cancellable, error))
    return FALSE;

  /* One call for all members (the spread needs them together). */
  mean = g_new (double, MAX (S, 1));
  if (n_models > 1)
    intervals = g_new (double, 4 * MAX (S, 1));
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (S > 0 &&
       !elman_ensemble_forecast (models, n_models, values, n, S, mean,
                                 intervals, intervals ? intervals + S : NULL,
                                 intervals ? intervals + 2 * S : NULL, intervals ? intervals + 3 * S : NULL,
                                 cancellable, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  *first = history;
  *predictions = g_bytes_new_take (g_steal_pointer (&pred), n_pred * sizeof (double));
  *forecast = S > 0 ? g_bytes_new_take (g_steal_pointer (&mean), S * sizeof (double)) : NULL;
  if (bands != NULL)
    *bands = intervals && S > 0 ? g_bytes_new_take (g_steal_pointer (&intervals), 4 * S * sizeof (double)) : NULL;
  return TRUE;
}

/* Called by the core from its training threads: only counts, and hands
 * the main thread a snapshot at most PUBLISH_INTERVAL_US apart (and
 * always the last one, so that the bar reaches the end). */
static void
on_ensemble_progress (guint    done,
                      guint    total,
                      gpointer user_data)
{
  ElmanTrainingWorker *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean due;

  g_mutex_lock (&self->progress_mutex);
  /* Threads report in any order: the count only grows. */
  self->done = MAX (self->done, done);
  self->total = total;
  due = now - self->last_progress >= PUBLISH_INTERVAL_US || done >= total;
  if (due)
    self->last_progress = now;
  g_mutex_unlock (&self->progress_mutex);

  if (due)
    publish (self, NULL, 0, NULL, NULL, NULL, FALSE);
}

/* @n_items: settings or networks of the phase, 0 to derive them from
 * the progress total. */
static void
set_phase (ElmanTrainingWorker *self,
           ElmanTrainingPhase   phase,
           guint                total,
           guint                n_items)
{
  g_mutex_lock (&self->progress_mutex);
  self->phase = phase;
  self->phases |= 1u << phase;
  self->done = 0;
  self->total = total;
  self->n_items = n_items;
  self->last_progress = g_get_monotonic_time ();
  g_mutex_unlock (&self->progress_mutex);
  publish (self, NULL, 0, NULL, NULL, NULL, FALSE);
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

/* Several networks through the core (issue 7), as `elman-cli train`
 * does: with the automatic settings, elman_auto_search() and the
 * ensemble of the best settings, else R networks from seeds seed…
 * seed + R − 1; every member refitted on the whole training part. The
 * core trains them on its own threads (joined before it returns) and
 * checks @cancellable after every epoch; the mean predictions after it
 * check it too. A stop at any point ends the run without a result, so
 * that what the window shows is all of the ensemble or nothing. */
static void
train_ensemble (ElmanTrainingWorker *self,
                GTask               *task,
                GCancellable        *cancellable)
{
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) predictions = NULL;
  g_autoptr(GBytes) forecast = NULL;
  g_autoptr(GBytes) bands = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  ElmanConfig config = self->config;
  ElmanModel *const *members;
  guint n_members;
  gsize first = 0;

  if (self->auto_search)
    {
      /* The search picks T, J, ε and the transform, from all of them. */
      config.transform = ELMAN_TRANSFORM_AUTO;
      set_phase (self, ELMAN_TRAINING_PHASE_SEARCH, 0, 0);
      if (!elman_auto_search (&config, self->values, self->n, cancellable,
                              on_ensemble_progress, self, &candidates, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (config.ensemble <= 1)
        config.ensemble = ELMAN_AUTO_SEEDS;

      set_phase (self, ELMAN_TRAINING_PHASE_ENSEMBLE, 0, 0);
      ensemble = elman_ensemble_train_auto (&config, candidates, self->values, self->n, cancellable,
                                            on_ensemble_progress, self, &error);
    }
  else
    {
      set_phase (self, ELMAN_TRAINING_PHASE_ENSEMBLE, 2 * config.ensemble * config.epochs, config.ensemble);
      ensemble = elman_ensemble_train (&config, self->values, self->n, TRUE, cancellable,
                                       on_ensemble_progress, self, &error);
    }
  if (ensemble == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  members = elman_ensemble_get_models (ensemble, &n_members);
  set_phase (self, ELMAN_TRAINING_PHASE_FINISHING, 0, n_members);
  if (!elman_compute_ensemble_predictions (members, n_members, self->values, self->n, self->forecast_steps,
                                           &first, &predictions, &forecast, &bands, cancellable, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("No predictions: %s", error->message);
      g_clear_error (&error);
    }

  for (guint r = 0; r < n_members; r++)
    g_ptr_array_add (models, elman_model_copy (members[r]));
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  self->models = g_steal_pointer (&models);
  self->used_config = *elman_ensemble_get_config (ensemble);
  if (candidates != NULL)
    {
      /* What was trained, not what was asked: the core stops at the first
       * candidate that could not train, and falls back to one network. */
      self->searched = TRUE;
      self->search_best = g_array_index (candidates, ElmanAutoCandidate, 0).config;
      self->n_candidates = candidates->len;
      self->n_top = count_settings (ensemble);
      self->n_seeds = n_members / self->n_top;
    }
  g_mutex_unlock (&self->mutex);

  /* The loss panel shows the first member's early-stopping run. */
  publish (self, elman_ensemble_get_trainer (ensemble, 0), first, predictions, forecast, bands, TRUE);
  g_task_return_boolean (task, TRUE);
}

static void
elman_training_worker_train (GTask        *task,
                             GCancellable *cancellable)
{
  ElmanTrainingWorker *self = g_task_get_source_object (task);
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) predictions = NULL;
  g_autoptr(GBytes) forecast = NULL;
  ElmanModel *best;
  gint64 last_publish = 0, last_predict = 0, predict_cost = 0;
  gsize first = 0;

  if (self->auto_search || self->config.ensemble > 1)
    {
      train_ensemble (self, task, cancellable);
      return;
    }

  trainer = elman_trainer_new (&self->config, self->values, self->n, NULL, &error);
  if (trainer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The untrained network's predictions, so the plot shows a start. */
  predict (self, elman_trainer_get_model (trainer), &first, &predictions, &forecast);
  last_predict = g_get_monotonic_time ();
  publish (self, trainer, first, predictions, forecast, NULL, FALSE);

  while (!elman_trainer_is_done (trainer))
    {
      gint64 now;

      if (!elman_trainer_step (trainer, cancellable, &error))
        break;

      now = g_get_monotonic_time ();
      if (now - last_predict >= MAX (PREDICT_INTERVAL_US, PREDICT_COST_FACTOR * predict_cost))
        {
          /* The trainer's model belongs to this thread: no copy needed
           * to read it between two steps. */
          predict (self, elman_trainer_get_model (trainer), &first, &predictions, &forecast);
          last_predict = g_get_monotonic_time ();
          predict_cost = last_predict - now;
          now = last_predict;
        }
      if (now - last_publish >= PUBLISH_INTERVAL_US)
        {
          publish (self, trainer, first, predictions, forecast, NULL, FALSE);
          last_publish = now;
        }
    }

  /* Abandoned (window closed, another file, Train again): the wrap-up
   * below would be wasted, and on a long series it takes a while. */
  if (g_atomic_int_get (&self->abandoned))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "abandoned");
      return;
    }

  /* Done, stopped or diverged: keep the best (or last good) model and
   * show what it predicts. */
  best = NULL;
  if (elman_trainer_get_epoch (trainer) > 0 ||
      g_error_matches (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED))
    {
      best = elman_trainer_dup_best_model (trainer);
      predict (self, best, &first, &predictions, &forecast);
    }

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  if (best != NULL)
    {
      self->models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
      g_ptr_array_add (self->models, best);
    }
  self->used_config = *elman_trainer_get_config (trainer);
  g_mutex_unlock (&self->mutex);

  /* Published last: when the window sees the final snapshot, the model
   * is there. */
  publish (self, trainer, first, predictions, forecast, NULL, TRUE);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The run's own thread rather than one of GIO's pool: it lowers its
 * priority (Linux threads have their own nice value, and the kernel's
 * helper thread inherits it), so that the main loop always gets the CPU
 * it needs for the next frame, even when training keeps every core busy. */
static gpointer
elman_training_worker_thread (gpointer data)
{
  g_autoptr(GTask) task = data;

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, 0, 10) != 0)
    g_debug ("Could not lower the training thread's priority: %s", g_strerror (errno));
#endif

  elman_training_worker_train (task, g_task_get_cancellable (task));
  return NULL;
}

/**
 * elman_training_worker_run_async:
 * @cancellable: (nullable): cancels within one epoch
 *
 * Trains on a thread of its own. Progress arrives as snapshots
 * (elman_training_worker_dup_snapshot()); @callback runs on the calling
 * thread's main context when the run ends.
 */
void
elman_training_worker_run_async (ElmanTrainingWorker *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->start = g_get_monotonic_time ();
  task = g_task_new (self, cancellable, callback, user_data);
  /* The run decides: a result computed to the end is not turned into
   * "cancelled" by a Stop that came too late to change it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_source_tag (task, &worker_source_tag);
  g_task_set_name (task, "[elman] training");
  g_atomic_int_inc (&n_running);
  self->thread = g_thread_new ("elman-training", elman_training_worker_thread, g_steal_pointer (&task));
}

/**
 * elman_training_worker_count_running:
 *
 * Returns: how many runs have a thread that is not joined yet (for
 *   tests: a closed window's run must end by itself)
 */
guint
elman_training_worker_count_running (void)
{
  return (guint) g_atomic_int_get (&n_running);
}

/**
 * elman_training_worker_abandon:
 *
 * Cancels the run for good: unlike a Stop through the cancellable, the
 * run then skips its final predictions.
 */
void
elman_training_worker_abandon (ElmanTrainingWorker *self,
                               GCancellable        *cancellable)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));

  g_atomic_int_set (&self->abandoned, TRUE);
  g_cancellable_cancel (cancellable);
}

/**
 * elman_training_worker_run_finish:
 *
 * Returns: %TRUE when all epochs ran (or early stopping ended the run);
 *   %FALSE with %G_IO_ERROR_CANCELLED after a stop or with
 *   %ELMAN_TRAINER_ERROR_DIVERGED. A model may exist either way.
 */
gboolean
elman_training_worker_run_finish (ElmanTrainingWorker  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The thread returned its result and has only its reference to the
   * task left to drop (the callback holds another): joining it takes no
   * time and leaves no thread behind. */
  if (self->thread != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      (void) g_atomic_int_add (&n_running, -1);
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * elman_training_worker_dup_snapshot:
 * @serial: (inout) (optional): the serial of the snapshot the caller has;
 *   updated. When it is current, %NULL is returned.
 *
 * Returns: (transfer full) (nullable): the newest snapshot
 */
ElmanTrainingSnapshot *
elman_training_worker_dup_snapshot (ElmanTrainingWorker *self,
                                    guint64             *serial)
{
  ElmanTrainingSnapshot *snapshot = NULL;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->snapshot != NULL && (serial == NULL || *serial != self->serial))
    {
      snapshot = elman_training_snapshot_ref (self->snapshot);
      if (serial != NULL)
        *serial = self->serial;
    }
  g_mutex_unlock (&self->mutex);

  return snapshot;
}

/**
 * elman_training_worker_read_losses:
 * @train: losses the caller has; the newer ones are appended
 * @valid: the same for the validation loss (stays empty without a
 *   validation part)
 *
 * Copies only what is new, so that following a long run costs the same
 * per frame at epoch 10 and at epoch 10 million.
 */
void
elman_training_worker_read_losses (ElmanTrainingWorker *self,
                                   GArray              *train,
                                   GArray              *valid)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));
  g_return_if_fail (train != NULL && valid != NULL);

  g_mutex_lock (&self->mutex);
  if (self->train_loss->len > train->len)
    g_array_append_vals (train, &g_array_index (self->train_loss, double, train->len),
                         self->train_loss->len - train->len);
  if (self->valid_loss->len > valid->len)
    g_array_append_vals (valid, &g_array_index (self->valid_loss, double, valid->len),
                         self->valid_loss->len - valid->len);
  g_mutex_unlock (&self->mutex);
}

/**
 * elman_training_worker_dup_model:
 *
 * Returns: (transfer full) (nullable): the model the run ended with (the
 *   best epoch's with early stopping, else the last good one)
 */
ElmanModel *
elman_training_worker_dup_model (ElmanTrainingWorker *self)
{
  ElmanModel *model = NULL;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->models != NULL)
    model = elman_model_copy (g_ptr_array_index (self->models, 0));
  g_mutex_unlock (&self->mutex);

  return model;
}

/**
 * elman_training_worker_dup_models:
 *
 * Returns: (transfer container) (element-type ElmanModel) (nullable):
 *   copies of every network the run ended with: an ensemble's members,
 *   or the one model
 */
GPtrArray *
elman_training_worker_dup_models (ElmanTrainingWorker *self)
{
  GPtrArray *models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->models != NULL)
    for (guint i = 0; i < self->models->len; i++)
      g_ptr_array_add (models, elman_model_copy (g_ptr_array_index (self->models, i)));
  g_mutex_unlock (&self->mutex);

  if (models->len == 0)
    g_clear_pointer (&models, g_ptr_array_unref);
  return models;
}

/**
 * elman_training_worker_get_search:
 * @best: (out) (optional): the best setting of the search
 * @n_candidates: (out) (optional): how many settings it scored
 * @n_top: (out) (optional): how many of the best settings the ensemble
 *   averages (as trained)
 * @n_seeds: (out) (optional): networks per setting (as trained)
 *
 * Returns: whether the run searched its settings (and got that far)
 */
gboolean
elman_training_worker_get_search (ElmanTrainingWorker *self,
                                  ElmanConfig         *best,
                                  guint               *n_candidates,
                                  guint               *n_top,
                                  guint               *n_seeds)
{
  gboolean searched;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), FALSE);

  g_mutex_lock (&self->mutex);
  searched = self->searched;
  if (best)
    *best = self->search_best;
  if (n_candidates)
    *n_candidates = self->n_candidates;
  if (n_top)
    *n_top = self->n_top;
  if (n_seeds)
    *n_seeds = self->n_seeds;
  g_mutex_unlock (&self->mutex);

  return searched;
}

/**
 * elman_training_worker_get_used_config:
 * @config: (out): the configuration the run trained with, its transform
 *   and season resolved (valid once the run is over)
 */
void
elman_training_worker_get_used_config (ElmanTrainingWorker *self,
                                       ElmanConfig         *config)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));

  g_mutex_lock (&self->mutex);
  *config = self->used_config;
  g_mutex_unlock (&self->mutex);
}

typedef struct
{
  GPtrArray   *models;
  ElmanSeries *series;
  gsize        n_train;
  guint        horizon;
  guint        season;
  ElmanConfig  config;
  gboolean     have_config;
} EvaluateJob;

static void
evaluate_job_free (EvaluateJob *job)
{
  g_clear_pointer (&job->models, g_ptr_array_unref);
  g_clear_pointer (&job->series, elman_series_unref);
  g_free (job);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EvaluateJob *job = task_data;
  ElmanEvaluation *evaluation;
  GError *error = NULL;

  evaluation = elman_evaluate ((ElmanModel *const *) job->models->pdata, job->models->len, job->series->values, job->series->n, job->n_train,
                               job->horizon, job->season, job->have_config ? &job->config : NULL,
                               &error);
  if (evaluation == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, evaluation, (GDestroyNotify) elman_evaluation_free);
}

/**
 * elman_evaluate_async:
 * @models: (array length=n_models): the network, or an ensemble's
 *   members; copied
 * @series: referenced (a series is immutable, so the thread may read it)
 * @n_train: first index of the test part
 * @season: m, 0 to detect it
 * @config: (nullable): what the model was trained with, to explain poor
 *   results; copied
 *
 * The core's rolling-origin evaluation of the test part (issue 7) on a
 * thread of GIO's pool: on a long series it takes seconds, and the window
 * shows the run's result before that.
 */
void
elman_evaluate_async (ElmanModel * const  *models,
                      guint                n_models,
                      ElmanSeries         *series,
                      gsize                n_train,
                      guint                horizon,
                      guint                season,
                      const ElmanConfig   *config,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EvaluateJob *job;

  g_return_if_fail (models != NULL && n_models > 0 && series != NULL);

  job = g_new0 (EvaluateJob, 1);
  job->models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  for (guint i = 0; i < n_models; i++)
    g_ptr_array_add (job->models, elman_model_copy (models[i]));
  job->series = elman_series_ref (series);
  job->n_train = n_train;
  job->horizon = horizon;
  job->season = season;
  if (config != NULL)
    {
      job->config = *config;
      job->have_config = TRUE;
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &evaluate_source_tag);
  g_task_set_name (task, "[elman] evaluation");
  g_task_set_task_data (task, job, (GDestroyNotify) evaluate_job_free);
  g_task_run_in_thread (task, evaluate_thread);
}

/**
 * elman_evaluate_finish:
 *
 * Returns: (transfer full) (nullable): the evaluation
 */
ElmanEvaluation *
elman_evaluate_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
