/* elman-training-worker.c — training off the main thread
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#endif

#include "elman-inspect.h"
#include "elman-plot.h"
#include "elman-run.h"
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
/* Hidden states over the whole series cost about as much as predictions
 * (J = 256 over 20000 values: more than a second): at most this often,
 * and only while the Network view shows them. */
#define STATES_INTERVAL_US (G_USEC_PER_SEC / 2)

struct _ElmanTrainingWorker
{
  GObject      parent_instance;

  /* Set before the thread starts, read-only afterwards. */
  ElmanConfig  config;
  ElmanSeries *series;
  gsize        n_train;
  gsize        forecast_steps;
  guint        generation;
  gboolean     auto_search;
  gboolean     started;
  GThread     *thread;      /* joined by elman_training_worker_run_finish() */
  gint         abandoned;   /* atomic: nobody waits for the result */
  GCancellable *cancellable; /* the run's, for a paused run to see a stop */
  gint64       start;

  /* The run's thread only: the one network's preview. */
  gsize        preview_first;
  GBytes      *preview_predictions;
  GBytes      *preview_forecast;
  gint64       last_publish;
  gint64       last_predict;
  gint64       predict_cost;
  GBytes      *preview_states;
  GBytes      *preview_saturation;
  gsize        preview_states_first;
  gint64       last_states;
  gint         want_states;  /* atomic */

  /* Pause and Step: the run's thread waits on pause_cond between two
   * epochs while paused and no step is left. */
  GMutex       pause_mutex;
  GCond        pause_cond;
  gboolean     paused;
  guint        steps;        /* epochs to run while paused */
  double       next_rate;    /* ε from the next epoch on; NAN: keep */
  gconstpointer followed;   /* the trainer last shown: another one starts a new curve */

  /* Progress of several networks, reported from the core's threads. */
  GMutex             progress_mutex;
  ElmanTrainingPhase phase;
  guint              phases;       /* every phase so far, as bits */
  guint              done;
  guint              total;
  guint              n_items;      /* 0: unknown */
  gint64             last_progress;

  /* Shared with the thread. */
  GMutex                 mutex;
  ElmanTrainingSnapshot *snapshot;
  guint64                serial;
  GArray                *train_loss;   /* the history so far, appended per publish */
  GArray                *valid_loss;
  guint                  loss_restarts; /* a new curve: the reader starts over */
  guint                  loss_read;     /* the restarts the reader has seen */
  ElmanRunResult        *result;       /* once the run has one */
};

/* The loss history a snapshot is made from: a trainer's or a result's. */
typedef struct
{
  const double *train;
  guint         n_train;
  const double *valid;
  guint         n_valid;
  guint         epoch;
  guint         best_epoch;
} Losses;

G_STATIC_ASSERT ((int) ELMAN_TRAINING_PHASE_SINGLE == (int) ELMAN_RUN_PHASE_SINGLE);
G_STATIC_ASSERT ((int) ELMAN_TRAINING_PHASE_SEARCH == (int) ELMAN_RUN_PHASE_SEARCH);
G_STATIC_ASSERT ((int) ELMAN_TRAINING_PHASE_ENSEMBLE == (int) ELMAN_RUN_PHASE_ENSEMBLE);
G_STATIC_ASSERT ((int) ELMAN_TRAINING_PHASE_FINISHING == (int) ELMAN_RUN_PHASE_FINISHING);

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
  g_clear_pointer (&snapshot->params, g_bytes_unref);
  g_clear_pointer (&snapshot->grad_norms, g_bytes_unref);
  g_clear_pointer (&snapshot->states, g_bytes_unref);
  g_clear_pointer (&snapshot->saturation, g_bytes_unref);
  g_free (snapshot);
}

static void
elman_training_worker_finalize (GObject *object)
{
  ElmanTrainingWorker *self = ELMAN_TRAINING_WORKER (object);

  g_clear_pointer (&self->series, elman_series_unref);
  g_clear_pointer (&self->preview_predictions, g_bytes_unref);
  g_clear_pointer (&self->preview_forecast, g_bytes_unref);
  g_clear_pointer (&self->preview_states, g_bytes_unref);
  g_clear_pointer (&self->preview_saturation, g_bytes_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->snapshot, elman_training_snapshot_unref);
  g_clear_pointer (&self->train_loss, g_array_unref);
  g_clear_pointer (&self->valid_loss, g_array_unref);
  g_clear_pointer (&self->result, elman_run_result_unref);
  /* Never finished through run_finish(): the thread let go of us last. */
  g_clear_pointer (&self->thread, g_thread_unref);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->progress_mutex);
  g_mutex_clear (&self->pause_mutex);
  g_cond_clear (&self->pause_cond);

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
  g_mutex_init (&self->pause_mutex);
  g_cond_init (&self->pause_cond);
  self->next_rate = NAN;
  self->train_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->valid_loss = g_array_new (FALSE, FALSE, sizeof (double));
}

/**
 * elman_training_worker_new:
 * @generation: stamped on every snapshot, so that the window can tell
 *   this run's updates from those of an earlier one
 *
 * Copies @config and references @series (immutable): the thread never
 * sees the window's state.
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
  self->series = elman_series_ref (series);
  self->generation = generation;
  self->forecast_steps = elman_run_default_forecast_steps (config, series->n);
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
 * part, then train an ensemble of the best settings.
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

/* @snapshot shows @last's network: its epoch, losses and predictions. */
static void
keep_followed (ElmanTrainingSnapshot       *snapshot,
               const ElmanTrainingSnapshot *last)
{
  snapshot->epoch = last->epoch;
  snapshot->best_epoch = last->best_epoch;
  snapshot->train_loss = last->train_loss;
  snapshot->valid_loss = last->valid_loss;
  snapshot->has_valid = last->has_valid;
  snapshot->first = last->first;
  snapshot->predictions = last->predictions ? g_bytes_ref (last->predictions) : NULL;
  snapshot->forecast = last->forecast ? g_bytes_ref (last->forecast) : NULL;
}

/* Builds a snapshot and swaps it in; the main thread takes a reference
 * to the newest one when it draws. Called on the run's thread and, with
 * no losses, from the core's training threads. */
static void
publish (ElmanTrainingWorker *self,
         ElmanTrainer        *trainer,
         const Losses        *losses,
         gsize                first,
         GBytes              *predictions,
         GBytes              *forecast,
         GBytes              *bands,
         gboolean             final)
{
  ElmanTrainingSnapshot *snapshot = g_new0 (ElmanTrainingSnapshot, 1);
  ElmanTrainingSnapshot *old;

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->generation = self->generation;
  snapshot->n_epochs = self->config.epochs;
  snapshot->final = final;
  snapshot->elapsed = (g_get_monotonic_time () - self->start) / (double) G_USEC_PER_SEC;
  snapshot->train_loss = NAN;
  snapshot->valid_loss = NAN;

  g_mutex_lock (&self->progress_mutex);
  snapshot->phase = self->phase;
  snapshot->phases = self->phases;
  snapshot->done = self->done;
  snapshot->total = self->total;
  snapshot->n_items = self->n_items;
  g_mutex_unlock (&self->progress_mutex);

  if (losses != NULL)
    {
      snapshot->epoch = losses->epoch;
      snapshot->best_epoch = losses->best_epoch;
      snapshot->train_loss = losses->n_train > 0 ? losses->train[losses->n_train - 1] : NAN;
      snapshot->has_valid = losses->valid != NULL && losses->n_valid == losses->n_train;
      snapshot->valid_loss = snapshot->has_valid && losses->n_valid > 0 ? losses->valid[losses->n_valid - 1] : NAN;
    }

  snapshot->first = first;
  snapshot->predictions = predictions ? g_bytes_ref (predictions) : NULL;
  snapshot->forecast = forecast ? g_bytes_ref (forecast) : NULL;
  snapshot->bands = bands ? g_bytes_ref (bands) : NULL;

  /* The one network: its weights and gradient norms are cheap to copy
   * (J = 256: half a megabyte); the states only when computed. */
  if (trainer != NULL)
    {
      const ElmanModel *model = elman_trainer_get_model (trainer);
      guint n_grad = 0;
      const double *norms = elman_trainer_get_grad_norms (trainer, &n_grad);

      snapshot->params = elman_model_dup_params (model);
      snapshot->window = model->window;
      snapshot->horizon = model->horizon;
      snapshot->hidden = model->hidden;
      snapshot->bias = model->b != NULL;
      snapshot->grad_norms = g_bytes_new (norms, (gsize) n_grad * 3 * sizeof (double));
      snapshot->states_first = self->preview_states_first;
      snapshot->states = self->preview_states ? g_bytes_ref (self->preview_states) : NULL;
      snapshot->saturation = self->preview_saturation ? g_bytes_ref (self->preview_saturation) : NULL;
    }
  g_mutex_lock (&self->pause_mutex);
  snapshot->paused = self->paused;
  g_mutex_unlock (&self->pause_mutex);

  g_mutex_lock (&self->mutex);
  /* A count of several networks' epochs keeps what the last snapshot
   * showed of the network followed. */
  if (losses == NULL && predictions == NULL && !final && self->snapshot != NULL && self->snapshot->epoch > 0)
    keep_followed (snapshot, self->snapshot);
  /* Only the epochs since the last publish are copied. */
  if (losses != NULL && losses->n_train > self->train_loss->len)
    g_array_append_vals (self->train_loss, losses->train + self->train_loss->len,
                         losses->n_train - self->train_loss->len);
  if (losses != NULL && snapshot->has_valid && losses->n_valid > self->valid_loss->len)
    g_array_append_vals (self->valid_loss, losses->valid + self->valid_loss->len,
                         losses->n_valid - self->valid_loss->len);
  old = self->snapshot;
  self->snapshot = snapshot;
  self->serial++;
  g_mutex_unlock (&self->mutex);

  if (old != NULL)
    elman_training_snapshot_unref (old);
}

static void
losses_from_trainer (Losses       *losses,
                     ElmanTrainer *trainer)
{
  losses->train = elman_trainer_get_train_loss (trainer, &losses->n_train);
  losses->valid = elman_trainer_get_valid_loss (trainer, &losses->n_valid);
  losses->epoch = elman_trainer_get_epoch (trainer);
  losses->best_epoch = elman_trainer_get_best_epoch (trainer);
}

/* The hidden states of the trainer's model over the series, for the
 * Network view: at most every STATES_INTERVAL_US, and only while it
 * asks (elman_training_worker_set_want_states()). */
static gboolean
follow_states (ElmanTrainingWorker *self,
               ElmanTrainer        *trainer,
               gint64               now,
               gboolean             force)
{
  const ElmanModel *model = elman_trainer_get_model (trainer);
  gsize first = elman_model_min_history (model), n;
  double *states, *saturation;

  if (!g_atomic_int_get (&self->want_states) || self->series->n < first)
    return FALSE;
  if (!force && self->last_states != 0 && now - self->last_states < STATES_INTERVAL_US)
    return FALSE;

  states = g_new (double, (self->series->n - first + 1) * model->hidden);
  n = elman_model_hidden_states (model, self->series->values, self->series->n, states);
  /* Each unit's saturation here too: a pass over millions of states
   * would cost the main thread a frame. */
  saturation = g_new (double, model->hidden);
  elman_inspect_saturation (states, n, model->hidden, ELMAN_PLOT_SATURATION_MARGIN, saturation);
  g_clear_pointer (&self->preview_states, g_bytes_unref);
  g_clear_pointer (&self->preview_saturation, g_bytes_unref);
  self->preview_states = g_bytes_new_take (states, n * model->hidden * sizeof (double));
  self->preview_saturation = g_bytes_new_take (saturation, model->hidden * sizeof (double));
  self->preview_states_first = first - 1;
  self->last_states = g_get_monotonic_time ();
  return TRUE;
}

/* The loss panel shows another network from here on: its curve starts
 * over. */
static void
restart_losses (ElmanTrainingWorker *self)
{
  g_mutex_lock (&self->mutex);
  g_array_set_size (self->train_loss, 0);
  g_array_set_size (self->valid_loss, 0);
  self->loss_restarts++;
  g_mutex_unlock (&self->mutex);
}

/* The one network between two epochs: what the trainer's model predicts
 * now (redone at least every PREDICT_INTERVAL_US, at most a fifth of
 * the time), and a snapshot at most every PUBLISH_INTERVAL_US (or now,
 * with @force). */
static void
follow_trainer (ElmanTrainingWorker *self,
                ElmanTrainer        *trainer,
                gboolean             force)
{
  gint64 now = g_get_monotonic_time ();
  Losses losses;

  /* Of several networks, the one that trains now. */
  if (trainer != self->followed)
    {
      if (self->followed != NULL)
        restart_losses (self);
      self->followed = trainer;
      self->last_predict = 0;
    }

  if (self->last_predict == 0 || force ||
      now - self->last_predict >= MAX (PREDICT_INTERVAL_US, PREDICT_COST_FACTOR * self->predict_cost))
    {
      /* The trainer's model belongs to this thread: no copy needed to
       * read it between two steps. */
      ElmanModel *model = (ElmanModel *) elman_trainer_get_model (trainer);
      g_autoptr(GBytes) predictions = NULL;
      g_autoptr(GBytes) forecast = NULL;
      g_autoptr(GError) error = NULL;
      gsize first;

      if (elman_run_predict (&model, 1, self->series, self->forecast_steps, NULL, &first,
                             &predictions, &forecast, NULL, &error))
        {
          g_clear_pointer (&self->preview_predictions, g_bytes_unref);
          g_clear_pointer (&self->preview_forecast, g_bytes_unref);
          self->preview_first = first;
          self->preview_predictions = g_steal_pointer (&predictions);
          self->preview_forecast = g_steal_pointer (&forecast);
        }
      else
        g_debug ("No predictions: %s", error->message);
      self->last_predict = g_get_monotonic_time ();
      self->predict_cost = self->last_predict - now;
      now = self->last_predict;
      self->last_publish = 0;
    }
  if (follow_states (self, trainer, now, force))
    {
      now = self->last_states;
      self->last_publish = 0;
    }
  if (self->last_publish == 0 || force || now - self->last_publish >= PUBLISH_INTERVAL_US)
    {
      losses_from_trainer (&losses, trainer);
      publish (self, trainer, &losses, self->preview_first, self->preview_predictions, self->preview_forecast,
               NULL, FALSE);
      self->last_publish = now;
    }
}

/* Between two epochs of the one network: waits while paused (a Step
 * lets one epoch through), wakes for a stop. A new ε applies from the
 * next epoch. */
static void
wait_while_paused (ElmanTrainingWorker *self,
                   ElmanTrainer        *trainer,
                   GCancellable        *cancellable)
{
  gboolean shown = FALSE;
  double rate;

  g_mutex_lock (&self->pause_mutex);
  while (self->paused && self->steps == 0 &&
         !g_cancellable_is_cancelled (cancellable) && !g_atomic_int_get (&self->abandoned))
    {
      if (!shown || g_atomic_int_get (&self->want_states) != (self->preview_states != NULL))
        {
          /* What the run paused at, states included: the window shows
           * exactly this epoch. */
          g_mutex_unlock (&self->pause_mutex);
          follow_trainer (self, trainer, TRUE);
          g_mutex_lock (&self->pause_mutex);
          shown = TRUE;
          continue;
        }
      /* A stop cancels without a signal to this condition: look again
       * now and then. */
      g_cond_wait_until (&self->pause_cond, &self->pause_mutex,
                         g_get_monotonic_time () + G_USEC_PER_SEC / 20);
    }
  if (self->paused && self->steps > 0)
    self->steps--;
  rate = self->next_rate;
  self->next_rate = NAN;
  g_mutex_unlock (&self->pause_mutex);

  if (isfinite (rate) && rate > 0)
    elman_trainer_set_learning_rate (trainer, rate);
}

/* Called by the run: with several networks from the core's training
 * threads, where it only counts and hands the main thread a snapshot at
 * most PUBLISH_INTERVAL_US apart (and always the last one of a phase,
 * so that the bar reaches the end). */
static gboolean
on_run_progress (const ElmanRunProgress *progress,
                 gpointer                user_data)
{
  ElmanTrainingWorker *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean due;

  /* One network: its losses and predictions as it trains. Several: the
   * first one's too, besides the count. */
  if (progress->trainer != NULL)
    {
      follow_trainer (self, progress->trainer, FALSE);
      if (progress->phase == ELMAN_RUN_PHASE_SINGLE)
        {
          wait_while_paused (self, progress->trainer, self->cancellable);
          return !g_atomic_int_get (&self->abandoned);
        }
    }

  g_mutex_lock (&self->progress_mutex);
  if (self->phase != (ElmanTrainingPhase) progress->phase || !(self->phases & (1u << progress->phase)))
    {
      self->phase = (ElmanTrainingPhase) progress->phase;
      self->phases |= 1u << progress->phase;
      self->done = 0;
      due = TRUE;
    }
  else
    due = now - self->last_progress >= PUBLISH_INTERVAL_US || progress->done >= progress->total;
  /* Threads report in any order: the count only grows. */
  self->done = MAX (self->done, progress->done);
  self->total = progress->total;
  self->n_items = progress->n_items;
  if (due)
    self->last_progress = now;
  g_mutex_unlock (&self->progress_mutex);

  if (due)
    publish (self, NULL, NULL, 0, NULL, NULL, NULL, FALSE);
  return !g_atomic_int_get (&self->abandoned);
}

/* The run's thread: elman_run(), its progress published as snapshots. */
static void
run (GTask        *task,
     GCancellable *cancellable)
{
  ElmanTrainingWorker *self = g_task_get_source_object (task);
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ElmanRunOptions options = { 0 };
  gboolean single = !self->auto_search && self->config.ensemble <= 1;
  Losses losses = { 0 };
  GBytes *predictions;
  gsize first;
  const GError *stop;

  options.config = self->config;
  /* The search picks T, J, ε and the transform, from all of them. */
  if (self->auto_search)
    options.config.transform = ELMAN_TRANSFORM_AUTO;
  options.auto_search = self->auto_search;
  options.forecast_steps = self->forecast_steps;
  /* The window evaluates later (elman_evaluate_async()): it shows the
   * run's result first. */
  options.evaluate = FALSE;

  result = elman_run (self->series, &options, cancellable, on_run_progress, self, &error);
  if (result == NULL)
    {
      /* One network stopped before its first epoch: the last snapshot
       * says so. An ensemble's stop shows nothing of it. */
      if (single && !g_atomic_int_get (&self->abandoned) &&
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        publish (self, NULL, NULL, self->preview_first, self->preview_predictions, self->preview_forecast, NULL, TRUE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Several networks: the result's curve replaces the one followed. */
  if (!single && self->followed != NULL)
    restart_losses (self);
  g_mutex_lock (&self->mutex);
  self->result = elman_run_result_ref (result);
  g_mutex_unlock (&self->mutex);

  /* Published last: when the window sees the final snapshot, the models
   * are there. The loss panel shows the first member's early-stopping
   * run. */
  losses.train = elman_run_result_get_train_loss (result, &losses.n_train);
  losses.valid = elman_run_result_get_valid_loss (result, &losses.n_valid);
  losses.epoch = losses.n_train;
  losses.best_epoch = elman_run_result_get_best_epoch (result);
  predictions = elman_run_result_get_predictions (result, &first);
  if (predictions != NULL)
    publish (self, NULL, &losses, first, predictions, elman_run_result_get_forecast (result),
             elman_run_result_get_bands (result), TRUE);
  else
    publish (self, NULL, &losses, self->preview_first, self->preview_predictions, self->preview_forecast, NULL, TRUE);

  stop = elman_run_result_get_stop_error (result);
  if (stop != NULL)
    g_task_return_error (task, g_error_copy (stop));
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

  run (task, g_task_get_cancellable (task));
  return NULL;
}

/**
 * elman_training_worker_set_paused:
 *
 * Pauses or resumes the run between two epochs (one network only: a
 * search or an ensemble keeps going). A stop still ends a paused run.
 */
void
elman_training_worker_set_paused (ElmanTrainingWorker *self,
                                  gboolean             paused)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));

  g_mutex_lock (&self->pause_mutex);
  self->paused = !!paused;
  self->steps = 0;
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_mutex);
}

gboolean
elman_training_worker_get_paused (ElmanTrainingWorker *self)
{
  gboolean paused;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), FALSE);

  g_mutex_lock (&self->pause_mutex);
  paused = self->paused;
  g_mutex_unlock (&self->pause_mutex);
  return paused;
}

/**
 * elman_training_worker_step:
 *
 * While paused: lets exactly one more epoch run, then the run waits
 * again (and publishes that epoch).
 */
void
elman_training_worker_step (ElmanTrainingWorker *self)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));

  g_mutex_lock (&self->pause_mutex);
  if (self->paused)
    self->steps++;
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_mutex);
}

/**
 * elman_training_worker_set_learning_rate:
 * @rate: ε, finite and positive
 *
 * The one network trains with @rate from its next epoch on.
 */
void
elman_training_worker_set_learning_rate (ElmanTrainingWorker *self,
                                         double               rate)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));
  g_return_if_fail (isfinite (rate) && rate > 0);

  g_mutex_lock (&self->pause_mutex);
  self->next_rate = rate;
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_mutex);
}

/**
 * elman_training_worker_set_want_states:
 *
 * Whether the snapshots carry the hidden states (the Network view is
 * shown): they cost about a forward pass over the series.
 */
void
elman_training_worker_set_want_states (ElmanTrainingWorker *self,
                                       gboolean             want)
{
  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));

  g_atomic_int_set (&self->want_states, !!want);
  g_mutex_lock (&self->pause_mutex);
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_mutex);
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
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
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
  g_mutex_lock (&self->pause_mutex);
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_mutex);
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
  /* The worker started another network's curve: so does the reader. */
  if (self->loss_read != self->loss_restarts)
    {
      g_array_set_size (train, 0);
      g_array_set_size (valid, 0);
      self->loss_read = self->loss_restarts;
    }
  if (self->train_loss->len > train->len)
    g_array_append_vals (train, &g_array_index (self->train_loss, double, train->len),
                         self->train_loss->len - train->len);
  if (self->valid_loss->len > valid->len)
    g_array_append_vals (valid, &g_array_index (self->valid_loss, double, valid->len),
                         self->valid_loss->len - valid->len);
  g_mutex_unlock (&self->mutex);
}

/**
 * elman_training_worker_dup_result:
 *
 * Returns: (transfer full) (nullable): the run's result, once it has one
 *   (a stopped or diverged network has one too)
 */
ElmanRunResult *
elman_training_worker_dup_result (ElmanTrainingWorker *self)
{
  ElmanRunResult *result;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  g_mutex_lock (&self->mutex);
  result = self->result ? elman_run_result_ref (self->result) : NULL;
  g_mutex_unlock (&self->mutex);
  return result;
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
  g_autoptr(GPtrArray) models = NULL;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  models = elman_training_worker_dup_models (self);
  return models ? g_ptr_array_steal_index (models, 0) : NULL;
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
  g_autoptr(ElmanRunResult) result = NULL;
  GPtrArray *copies;
  guint n_models;
  ElmanModel *const *models;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), NULL);

  result = elman_training_worker_dup_result (self);
  if (result == NULL)
    return NULL;
  models = elman_run_result_get_models (result, &n_models);
  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  for (guint i = 0; i < n_models; i++)
    g_ptr_array_add (copies, elman_model_copy (models[i]));
  return copies;
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
  g_autoptr(ElmanRunResult) result = NULL;
  GArray *candidates;
  guint n_models, n_settings;

  g_return_val_if_fail (ELMAN_IS_TRAINING_WORKER (self), FALSE);

  result = elman_training_worker_dup_result (self);
  candidates = result ? elman_run_result_get_candidates (result) : NULL;
  if (candidates == NULL || candidates->len == 0)
    return FALSE;

  /* What was trained, not what was asked: the core stops at the first
   * candidate that could not train, and falls back to one network. */
  (void) elman_run_result_get_models (result, &n_models);
  /* The networks, without the copies of the methods --auto added. */
  n_models = elman_auto_choice_n_networks (elman_run_result_get_choice (result), n_models);
  n_settings = MAX (elman_run_result_get_n_settings (result), 1);
  if (best)
    *best = g_array_index (candidates, ElmanAutoCandidate, 0).config;
  if (n_candidates)
    *n_candidates = candidates->len;
  if (n_top)
    *n_top = n_settings;
  if (n_seeds)
    *n_seeds = n_models / n_settings;
  return TRUE;
}

/**
 * elman_training_worker_get_used_config:
 * @config: (out): the configuration the run trained with, its transform
 *   and season resolved (valid once the run has a result; zeros before)
 */
void
elman_training_worker_get_used_config (ElmanTrainingWorker *self,
                                       ElmanConfig         *config)
{
  g_autoptr(ElmanRunResult) result = NULL;

  g_return_if_fail (ELMAN_IS_TRAINING_WORKER (self));

  result = elman_training_worker_dup_result (self);
  if (result != NULL)
    *config = *elman_run_result_get_config (result);
  else
    memset (config, 0, sizeof *config);
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
 * The core's rolling-origin evaluation of the test part on a
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
