/* elman-session.c — the open document: series, parameters, run, result
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <glib/gi18n.h>

#include "elman-ensemble.h"
#include "elman-format.h"
#include "elman-session.h"
#include "elman-settings.h"
#include "elman-trainer.h"

#define SAMPLE_FILE "airpassengers.csv"

/**
 * ElmanSession:
 *
 * What a window shows, without the widgets: the open series, the
 * parameters as the settings hold them, the run in progress (its worker,
 * phase and progress), its result and the result's evaluation. Every
 * part is a property that notifies only when it really changes; the
 * window and its panels are views of it.
 */
struct _ElmanSession
{
  GObject               parent_instance;

  GSettings            *settings;
  char                 *parameter_problem;
  gboolean              modified;

  /* The open series */
  ElmanSeries          *series;
  ElmanSeriesInfo      *info;
  GFile                *file;
  char                 *column;
  GCancellable         *load_cancellable;
  guint                 load_generation;

  /* Training: one worker per run; the generation tells runs apart. */
  ElmanTrainingWorker  *worker;
  GCancellable         *train_cancellable;
  guint                 generation;
  guint64               snapshot_serial;
  ElmanTrainingSnapshot *snapshot;        /* the newest one applied */
  GArray               *train_loss;
  GArray               *valid_loss;
  gint64                train_start;
  gint64                time_shown;
  gboolean              stopping;
  gboolean              want_states;      /* the Network view is shown */
  ElmanTrainingPhase    phase;
  guint                 shown_items;
  guint                 n_runs;
  char                 *status;
  char                 *time_text;
  double                fraction;
  char                 *loss_text;

  /* The result: a trained or loaded model and what it predicts */
  ElmanRunResult       *result;
  ElmanModel           *model;
  GPtrArray            *models;
  ElmanConfig           result_config;    /* the parameters the result was made with */
  gboolean              stale;
  gsize                 result_first;
  GBytes               *predictions;
  GBytes               *forecast;
  GBytes               *bands;            /* lower80, upper80, lower95, upper95 */
  guint                 result_horizon;
  gsize                 n_train;
  gboolean              has_search;
  ElmanConfig           search;
  guint                 search_candidates, search_settings, search_seeds;
  ElmanEvaluation      *evaluation;
  GCancellable         *eval_cancellable;
  gboolean              evaluating;
};

G_DEFINE_FINAL_TYPE (ElmanSession, elman_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_PARAMETER_PROBLEM,
  PROP_MODIFIED,
  PROP_SERIES,
  PROP_FILE,
  PROP_COLUMN,
  PROP_LOADING,
  PROP_TRAINING,
  PROP_STOPPING,
  PROP_PHASE,
  PROP_STATUS,
  PROP_TIME_TEXT,
  PROP_FRACTION,
  PROP_LOSS_TEXT,
  PROP_N_RUNS,
  PROP_RESULT,
  PROP_N_TRAIN,
  PROP_STALE,
  PROP_EVALUATION,
  PROP_EVALUATING,
  N_PROPS
};

enum {
  SIGNAL_CONFIG_CHANGED,
  SIGNAL_SNAPSHOT,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GTask source tag (a function pointer is not a gpointer in ISO C). */
static int load_source_tag;

static void update_validity (ElmanSession *self);

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

/* Async callbacks hold the session weakly: dropping it must dispose it
 * (and so cancel its work) even while a thread still runs. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static gpointer
weak_ref_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

static void
notify (ElmanSession *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (ElmanSession *self,
             gboolean     *field,
             gboolean      value,
             guint         prop)
{
  if (*field == !!value)
    return;
  *field = !!value;
  notify (self, prop);
}

static void
set_string (ElmanSession *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop);
}

/* @path: the file that did not load, or %NULL for other errors */
static void
report_file_error (ElmanSession *self,
                   const GError *error,
                   const char   *path)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error, path);
}

static void
report_error (ElmanSession *self,
              const GError *error)
{
  report_file_error (self, error, NULL);
}

/* The status line, the time beside it and the progress bar's fraction. */
static void
set_status (ElmanSession *self,
            const char   *status,
            const char   *time,
            double        fraction)
{
  fraction = CLAMP (fraction, 0, 1);
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->status, status, PROP_STATUS);
  set_string (self, &self->time_text, time ? time : "", PROP_TIME_TEXT);
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      notify (self, PROP_FRACTION);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The line under the progress bar: the losses of the last epoch. */
static void
set_loss_text (ElmanSession                *self,
               const ElmanTrainingSnapshot *snapshot)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *train = NULL;

  /* The core trains several networks on its own threads: their losses
   * arrive at the end. */
  if (snapshot != NULL && snapshot->phase != ELMAN_TRAINING_PHASE_SINGLE && snapshot->epoch == 0)
    {
      set_string (self, &self->loss_text, _("The loss curve of network 1 appears after its first epoch"),
                  PROP_LOSS_TEXT);
      return;
    }
  if (snapshot == NULL || snapshot->epoch == 0)
    {
      set_string (self, &self->loss_text, "", PROP_LOSS_TEXT);
      return;
    }

  train = elman_app_format_value (snapshot->train_loss);
  /* Of several networks, the loss panel shows the first one's run: of the
   * search, the first setting tried. */
  if (snapshot->phase == ELMAN_TRAINING_PHASE_SEARCH && snapshot->n_items > 1)
    {
      g_string_append_printf (text, _("Loss curve of setting 1 of %u"), snapshot->n_items);
      g_string_append (text, "  ·  ");
    }
  else if (snapshot->phase != ELMAN_TRAINING_PHASE_SINGLE && snapshot->n_items > 1)
    {
      g_string_append_printf (text, _("Loss curve of network 1 of %u"), snapshot->n_items);
      g_string_append (text, "  ·  ");
    }
  g_string_append_printf (text, _("Training loss %s"), train);
  if (snapshot->has_valid)
    {
      g_autofree char *valid = elman_app_format_value (snapshot->valid_loss);
      g_string_append (text, "  ·  ");
      g_string_append_printf (text, _("Validation loss %s"), valid);
    }
  g_string_append (text, "  ·  ");
  g_string_append_printf (text, _("Best epoch %u"), snapshot->best_epoch + 1);
  set_string (self, &self->loss_text, text->str, PROP_LOSS_TEXT);
}

static void
set_n_train (ElmanSession *self,
             gsize         n_train)
{
  if (self->n_train == n_train)
    return;
  self->n_train = n_train;
  notify (self, PROP_N_TRAIN);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

static void
set_evaluation (ElmanSession    *self,
                ElmanEvaluation *evaluation,
                gboolean         evaluating)
{
  gboolean changed = evaluation != NULL || self->evaluation != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->evaluation, elman_evaluation_free);
  self->evaluation = evaluation;
  if (changed)
    notify (self, PROP_EVALUATION);
  set_boolean (self, &self->evaluating, evaluating, PROP_EVALUATING);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ElmanSession) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  ElmanEvaluation *evaluation = elman_evaluate_finish (result, &error);

  /* Cancelled: the result belongs to a model that is gone. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&evaluation, elman_evaluation_free);
      return;
    }

  g_clear_object (&self->eval_cancellable);
  if (evaluation == NULL)
    g_debug ("No evaluation: %s", error->message);
  set_evaluation (self, evaluation, FALSE);
}

static void
cancel_evaluation (ElmanSession *self)
{
  g_cancellable_cancel (self->eval_cancellable);
  g_clear_object (&self->eval_cancellable);
}

/* Scores the current model on the test part, off the main thread. */
static void
start_evaluation (ElmanSession      *self,
                  const ElmanConfig *used,
                  guint              season)
{
  gboolean can = self->model != NULL && self->series != NULL && self->n_train < self->series->n &&
                 self->series->n - self->n_train >= self->result_horizon;

  cancel_evaluation (self);
  set_evaluation (self, NULL, can);
  if (can)
    {
      /* An ensemble is scored as the mean of all its members. */
      ElmanModel *const *models = self->models ? (ElmanModel *const *) self->models->pdata : &self->model;
      guint n_models = self->models ? self->models->len : 1;

      self->eval_cancellable = g_cancellable_new ();
      elman_evaluate_async (models, n_models, self->series, self->n_train, self->result_horizon,
                            season, used, self->eval_cancellable, on_evaluated, weak_ref_new (self));
    }
}

/* ------------------------------------------------------------------ */
/* The result                                                          */

static void
clear_results (ElmanSession *self)
{
  gboolean had = self->result != NULL || self->model != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->model, elman_model_free);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->result, elman_run_result_unref);
  g_clear_pointer (&self->predictions, g_bytes_unref);
  g_clear_pointer (&self->forecast, g_bytes_unref);
  g_clear_pointer (&self->bands, g_bytes_unref);
  g_clear_pointer (&self->snapshot, elman_training_snapshot_unref);
  self->has_search = FALSE;
  self->result_first = 0;
  if (had)
    notify (self, PROP_RESULT);
  set_boolean (self, &self->stale, FALSE, PROP_STALE);
  cancel_evaluation (self);
  set_evaluation (self, NULL, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------ */
/* Parameters                                                          */

/* The core's reason a series is too short, in the sidebar's words: the
 * rows to change by their labels, and the validation part when it takes
 * its share. */
static char *
describe_too_short (const ElmanConfig *config,
                    gsize              n_values)
{
  gsize n_train, n_valid, lag;

  elman_config_split (config, n_values, &n_train, &n_valid);
  lag = config->transform == ELMAN_TRANSFORM_DIFF ? 1 :
        config->transform == ELMAN_TRANSFORM_SEASONAL_DIFF ? MAX (config->season, 1) : 0;
  if (n_valid > 0)
    /* Translators: the labels are the sidebar's rows */
    return g_strdup_printf (_("Too few values to train: %zu of the %zu values are left for training once the Test "
                              "Part and the validation part (%zu values) are set aside, but Window (T) + Horizon (K) = "
                              "%u + %u needs %zu. Lower Window (T), Horizon (K) or the Test Part."),
                            n_train - n_valid, n_values, n_valid, config->window, config->horizon,
                            (gsize) config->window + config->horizon + lag);
  /* Translators: the labels are the sidebar's rows */
  return g_strdup_printf (_("Too few values to train: %zu of the %zu values are left for training once the Test "
                            "Part is set aside, but Window (T) + Horizon (K) = %u + %u needs %zu. Lower Window (T), "
                            "Horizon (K) or the Test Part."),
                          n_train, n_values, config->window, config->horizon,
                          (gsize) config->window + config->horizon + lag);
}

/* Parameters that cannot work disable Train, with the core's one-line
 * explanation. */
static void
update_validity (ElmanSession *self)
{
  ElmanConfig config;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  elman_settings_read_config (self->settings, &config);
  if (g_settings_get_boolean (self->settings, "auto-search"))
    {
      ElmanConfig checked = config;

      /* The search sets T, J, ε and the transform itself: the core says
       * whether it can run, from the config the worker hands it. */
      checked.transform = ELMAN_TRANSFORM_AUTO;
      if (self->series != NULL
          ? !elman_auto_search_check (&checked, self->series->values, self->series->n, &error)
          : !elman_config_validate (&checked, 0, &error))
        problem = g_strdup (error->message);
    }
  else if (!elman_config_validate (&config, self->series ? self->series->n : 0, &error))
    problem = g_error_matches (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_TOO_SHORT)
              ? describe_too_short (&config, self->series->n) : g_strdup (error->message);

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->parameter_problem, problem, PROP_PARAMETER_PROBLEM);
  set_boolean (self, &self->modified,
               !elman_settings_config_is_preset (&config,
                                                 (ElmanPreset) g_settings_get_enum (self->settings, "preset")),
               PROP_MODIFIED);
  set_boolean (self, &self->stale, self->result != NULL && !elman_settings_config_equal (&config, &self->result_config),
               PROP_STALE);

  /* Without results, the split marker follows the test fraction. */
  if (self->series != NULL && self->worker == NULL && self->model == NULL)
    {
      gsize n_train;

      elman_config_split (&config, self->series->n, &n_train, NULL);
      set_n_train (self, n_train);
    }

  if (self->worker == NULL)
    {
      if (self->series == NULL)
        set_status (self, _("Open a series to train"), NULL, 0);
      else if (self->parameter_problem != NULL && self->model == NULL)
        set_status (self, _("Cannot train with these parameters"), NULL, 0);
      else if (self->model == NULL)
        set_status (self, _("Ready to train"), NULL, 0);
    }
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_CONFIG_CHANGED], 0);
}

static void
on_settings_changed (ElmanSession *self,
                     const char   *key)
{
  if (elman_settings_is_parameter_key (key))
    update_validity (self);
}

/* ------------------------------------------------------------------ */
/* Training                                                            */

/* "Epoch i of N", the progress bar, elapsed time and time left; also
 * called between snapshots so that the clock keeps going through long
 * epochs. */
static void
update_progress (ElmanSession *self)
{
  const ElmanTrainingSnapshot *s = self->snapshot;
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  g_autofree char *elapsed_text = NULL;
  guint epoch = s ? s->epoch : 0, n_epochs = s ? s->n_epochs : 0, n = self->shown_items;
  double elapsed, fraction;

  self->time_shown = g_get_monotonic_time ();
  elapsed = (self->time_shown - self->train_start) / (double) G_USEC_PER_SEC;
  elapsed_text = elman_app_format_duration (elapsed);
  time = g_strdup_printf (_("%s elapsed"), elapsed_text);

  /* Several networks: early stopping ends most before their epoch
   * limit, so there is no telling the time left. */
  if (self->phase == ELMAN_TRAINING_PHASE_SEARCH)
    status = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Searching %u setting on the validation part…",
                                                   "Searching %u settings on the validation part…", n), n)
                   : g_strdup (_("Searching settings on the validation part…"));
  else if (self->phase == ELMAN_TRAINING_PHASE_FINISHING)
    /* The networks are trained: the bar is full while their mean
     * forecast and its intervals are computed. */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Forecasting with %u network…",
                                           "Forecasting with %u networks…", n), n);
  else if (self->phase == ELMAN_TRAINING_PHASE_ENSEMBLE)
    status = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Training %u network…",
                                                   "Training %u networks…", n), n)
                   : g_strdup (_("Training the networks…"));
  else if (s != NULL && s->paused)
    /* No time left to tell: the user decides when it goes on. */
    status = g_strdup_printf (_("Paused at epoch %u of %u"), epoch, n_epochs);
  else
    {
      status = g_strdup_printf (_("Epoch %u of %u"), epoch, n_epochs);
      if (epoch > 0)
        {
          g_autofree char *remaining = elman_app_format_duration (elapsed / epoch * (n_epochs - epoch));

          g_free (time);
          /* Translators: elapsed and remaining time, e.g. "0:12 elapsed · 0:40 left" */
          time = g_strdup_printf (_("%s elapsed · %s left"), elapsed_text, remaining);
        }
    }

  if (self->phase == ELMAN_TRAINING_PHASE_FINISHING)
    fraction = 1;
  else if (self->phase != ELMAN_TRAINING_PHASE_SINGLE)
    fraction = s && s->total ? (double) s->done / s->total : 0;
  else
    fraction = n_epochs ? (double) epoch / n_epochs : 0;
  set_status (self, status, time, fraction);
}

static void
apply_snapshot (ElmanSession          *self,
                ElmanTrainingSnapshot *snapshot)
{
  if (snapshot->generation != self->generation)
    return;

  if (snapshot->epoch > 0 && self->worker != NULL)
    elman_training_worker_read_losses (self->worker, self->train_loss, self->valid_loss);
  if (snapshot != self->snapshot)
    {
      g_clear_pointer (&self->snapshot, elman_training_snapshot_unref);
      self->snapshot = elman_training_snapshot_ref (snapshot);
    }
  if (!snapshot->final)
    {
      if (self->phase != snapshot->phase)
        {
          self->phase = snapshot->phase;
          notify (self, PROP_PHASE);
        }
      self->shown_items = snapshot->n_items;
      update_progress (self);
    }
  set_loss_text (self, snapshot);
  g_signal_emit (self, signals[SIGNAL_SNAPSHOT], 0, snapshot);
}

/**
 * elman_session_poll:
 *
 * Picks up the newest snapshot of the run (call it once per frame), or
 * keeps the clock going between snapshots.
 *
 * Returns: whether a run is still in progress
 */
gboolean
elman_session_poll (ElmanSession *self)
{
  g_autoptr(ElmanTrainingSnapshot) snapshot = NULL;

  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  if (self->worker == NULL)
    return FALSE;
  /* Stopping a long run: it still predicts with the model it keeps. */
  if (self->stopping)
    return TRUE;

  snapshot = elman_training_worker_dup_snapshot (self->worker, &self->snapshot_serial);
  if (snapshot != NULL)
    apply_snapshot (self, snapshot);
  else if (self->snapshot != NULL && g_get_monotonic_time () - self->time_shown >= G_USEC_PER_SEC / 2)
    update_progress (self);
  return TRUE;
}

/* The status once a run of several networks ended. */
static char *
ensemble_status (ElmanSession *self,
                 const GError *error)
{
  guint n = self->models ? self->models->len : 0;
  const ElmanAutoChoice *choice = self->result ? elman_run_result_get_choice (self->result) : NULL;

  /* What the window shows decides: an ensemble is there whole, or not
   * at all. --auto may have set the networks aside for a method, or
   * averaged copies of methods with them (the summary says which). */
  if (n > 0 && choice != NULL && choice->kind == ELMAN_AUTO_CHOICE_SIMPLE)
    return g_strdup (_("Networks set aside for a simpler method"));
  if (n > 0 && choice != NULL && choice->kind == ELMAN_AUTO_CHOICE_COMBINED)
    {
      n = elman_auto_choice_n_networks (choice, n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Trained %u network and combined it with other methods",
                                           "Trained %u networks and combined them with other methods", n), n);
    }
  if (n > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Trained an ensemble of %u network",
                                         "Trained an ensemble of %u networks", n), n);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* The worker's own last phase: the shown one may lag a frame. */
    return g_strdup ((self->snapshot ? self->snapshot->phase : self->phase) == ELMAN_TRAINING_PHASE_SEARCH
                     ? _("Stopped during the search: nothing was trained")
                     : _("Stopped: the ensemble was not finished"));
  report_error (self, error);
  return g_strdup (_("Training failed"));
}

/* The status once a single network's run ended. */
static char *
single_status (ElmanSession *self,
               gboolean      ok,
               const GError *error,
               double       *fraction)
{
  guint epoch = self->snapshot ? self->snapshot->epoch : 0;
  guint n_epochs = self->snapshot ? self->snapshot->n_epochs : 0;

  /* A finished run fills the bar, early stopping included; a stopped or
   * diverged one shows how far it got. */
  *fraction = ok ? 1 : n_epochs ? (double) epoch / n_epochs : 0;
  if (ok)
    return epoch < n_epochs ? g_strdup_printf (_("Stopped early at epoch %u of %u"), epoch, n_epochs)
                            : g_strdup_printf (_("Trained %u epochs"), epoch);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup_printf (_("Stopped at epoch %u of %u"), epoch, n_epochs);
  report_error (self, error);
  if (g_error_matches (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED))
    return g_strdup_printf (_("Diverged at epoch %u of %u"), epoch + 1, n_epochs);
  return g_strdup (_("Training failed"));
}

/* Takes the finished run's model(s), predictions and search. */
static void
take_result (ElmanSession        *self,
             ElmanTrainingWorker *worker)
{
  g_autoptr(ElmanTrainingSnapshot) snapshot = elman_training_worker_dup_snapshot (worker, NULL);

  self->model = elman_training_worker_dup_model (worker);
  self->models = elman_training_worker_dup_models (worker);
  self->result = elman_training_worker_dup_result (worker);
  if (snapshot != NULL)
    {
      apply_snapshot (self, snapshot);
      if (self->model != NULL)
        {
          self->result_first = snapshot->first;
          self->predictions = snapshot->predictions ? g_bytes_ref (snapshot->predictions) : NULL;
          self->forecast = snapshot->forecast ? g_bytes_ref (snapshot->forecast) : NULL;
          self->bands = snapshot->bands ? g_bytes_ref (snapshot->bands) : NULL;
        }
    }
  self->result_horizon = elman_training_worker_get_config (worker)->horizon;
  self->has_search = self->model != NULL &&
                     elman_training_worker_get_search (worker, &self->search, &self->search_candidates,
                                                       &self->search_settings, &self->search_seeds);
}

static void
on_training_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ElmanSession) self = weak_ref_steal (user_data);
  ElmanTrainingWorker *worker = ELMAN_TRAINING_WORKER (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  g_autofree char *elapsed = NULL;
  GApplication *app = g_application_get_default ();
  ElmanConfig used;
  double fraction = 0;
  gboolean ok = elman_training_worker_run_finish (worker, result, &error);

  if (app != NULL)
    g_application_release (app);

  /* A run that was replaced (another file, Train again) or whose session
   * is gone: nothing of it is kept. */
  if (self == NULL || worker != self->worker)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  set_boolean (self, &self->stopping, FALSE, PROP_STOPPING);
  take_result (self, worker);
  set_n_train (self, elman_training_worker_get_n_train (worker));
  elman_training_worker_get_used_config (worker, &used);

  elapsed = elman_app_format_duration (self->snapshot ? self->snapshot->elapsed : 0);
  time = g_strdup_printf (_("%s elapsed"), elapsed);
  if (self->phase != ELMAN_TRAINING_PHASE_SINGLE)
    {
      status = ensemble_status (self, error);
      fraction = self->models && self->models->len > 0 ? 1 : 0;
      /* Nothing of an unfinished ensemble is kept, not even the curve of
       * the network followed while it trained. */
      if (fraction == 0)
        {
          g_array_set_size (self->train_loss, 0);
          g_array_set_size (self->valid_loss, 0);
          set_loss_text (self, NULL);
        }
    }
  else
    status = single_status (self, ok, error, &fraction);

  g_clear_object (&self->worker);
  g_clear_object (&self->train_cancellable);
  self->n_runs++;
  notify (self, PROP_N_RUNS);
  notify (self, PROP_TRAINING);
  if (self->model != NULL)
    notify (self, PROP_RESULT);

  start_evaluation (self, &used, used.season);
  update_validity (self);
  /* Last: without a model, update_validity() would say "Ready to train". */
  set_status (self, status, time, fraction);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
cancel_training (ElmanSession *self)
{
  if (self->worker == NULL)
    return;

  /* The run ends on its own thread; its callback sees that it is no
   * longer self->worker and drops everything. */
  elman_training_worker_abandon (self->worker, self->train_cancellable);
  g_clear_object (&self->train_cancellable);
  g_clear_object (&self->worker);
  self->generation++;
  set_boolean (self, &self->stopping, FALSE, PROP_STOPPING);
  notify (self, PROP_TRAINING);
}

/**
 * elman_session_start_training:
 *
 * Starts a run with the current parameters; a run in progress is
 * cancelled first.
 *
 * Returns: whether a run started (not without a series, nor with
 *   parameters that cannot train)
 */
gboolean
elman_session_start_training (ElmanSession *self)
{
  GApplication *app = g_application_get_default ();
  gboolean auto_search;
  ElmanConfig config;

  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  if (self->series == NULL || self->parameter_problem != NULL)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  cancel_training (self);
  clear_results (self);

  elman_settings_read_config (self->settings, &config);
  auto_search = g_settings_get_boolean (self->settings, "auto-search");
  self->result_config = config;
  self->generation++;
  self->snapshot_serial = 0;
  g_array_set_size (self->train_loss, 0);
  g_array_set_size (self->valid_loss, 0);
  self->train_start = g_get_monotonic_time ();
  self->time_shown = self->train_start;
  self->worker = elman_training_worker_new (&config, self->series, self->generation);
  elman_training_worker_set_auto_search (self->worker, auto_search);
  elman_training_worker_set_want_states (self->worker, self->want_states);
  self->train_cancellable = g_cancellable_new ();
  /* What the status shows until the first snapshot. */
  self->phase = auto_search ? ELMAN_TRAINING_PHASE_SEARCH
              : config.ensemble > 1 ? ELMAN_TRAINING_PHASE_ENSEMBLE : ELMAN_TRAINING_PHASE_SINGLE;
  notify (self, PROP_PHASE);
  self->shown_items = self->phase == ELMAN_TRAINING_PHASE_ENSEMBLE ? config.ensemble : 0;

  set_n_train (self, elman_training_worker_get_n_train (self->worker));
  set_status (self, _("Starting…"), NULL, 0);
  set_loss_text (self, NULL);

  /* The application stays up until the thread is done, even when the
   * last window closes. */
  if (app != NULL)
    g_application_hold (app);
  elman_training_worker_run_async (self->worker, self->train_cancellable, on_training_done, weak_ref_new (self));
  notify (self, PROP_TRAINING);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * elman_session_stop_training:
 *
 * Asks the run to stop; it ends within one epoch and keeps its model.
 */
void
elman_session_stop_training (ElmanSession *self)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  if (self->train_cancellable == NULL)
    return;
  g_cancellable_cancel (self->train_cancellable);
  g_object_freeze_notify (G_OBJECT (self));
  set_boolean (self, &self->stopping, TRUE, PROP_STOPPING);
  set_status (self, _("Stopping…"), NULL, self->fraction);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------ */
/* Opening series                                                      */

typedef struct
{
  char             *path;
  char             *column;
  char             *time_column;
  char             *length_hint;
  ElmanLoadOptions  options;       /* its strings point into the job */
  guint             generation;
  ElmanSeries      *series;
  ElmanSeriesInfo  *info;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->column);
  g_free (job->time_column);
  g_free (job->length_hint);
  g_clear_pointer (&job->series, elman_series_unref);
  g_clear_pointer (&job->info, elman_series_info_free);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  job->series = elman_series_load (job->path, &job->options, &job->info, &error);
  if (job->series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ElmanSession) self = weak_ref_steal (user_data);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* A newer open replaced this one, or the session is gone. */
  if (self == NULL || job->generation != self->load_generation || self->settings == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_object (&self->load_cancellable);
  notify (self, PROP_LOADING);
  if (!ok)
    {
      report_file_error (self, error, job->path);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  cancel_training (self);
  clear_results (self);
  file = g_file_new_for_path (job->path);
  g_set_object (&self->file, file);
  notify (self, PROP_FILE);
  g_clear_pointer (&self->series, elman_series_unref);
  g_clear_pointer (&self->info, elman_series_info_free);
  self->series = g_steal_pointer (&job->series);
  self->info = g_steal_pointer (&job->info);
  set_string (self, &self->column, job->column, PROP_COLUMN);
  set_n_train (self, self->series->n);
  notify (self, PROP_SERIES);

  g_settings_set_string (self->settings, "last-file", job->path);
  g_settings_set_string (self->settings, "last-column", job->column ? job->column : "");

  update_validity (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * elman_session_open_file_with_options:
 * @options: (nullable): how to read the file (copied); %NULL for what
 *   the loader detects
 *
 * Loads @file on a worker thread; errors are reported by
 * #ElmanSession::error with the loader's message. A training run in
 * progress stops once the new series is there.
 */
void
elman_session_open_file_with_options (ElmanSession           *self,
                                      GFile                  *file,
                                      const ElmanLoadOptions *options)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  LoadJob *job;

  g_return_if_fail (ELMAN_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Cannot open “%s”: only local files can be opened"), uri);
      report_error (self, error);
      return;
    }

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->path = g_steal_pointer (&path);
  if (options != NULL)
    job->options = *options;
  else
    elman_load_options_init (&job->options);
  job->column = g_strdup (job->options.column);
  job->time_column = g_strdup (job->options.time_column);
  job->length_hint = g_strdup (job->options.length_hint);
  job->options.column = job->column;
  job->options.time_column = job->time_column;
  job->options.length_hint = job->length_hint;
  job->generation = ++self->load_generation;

  task = g_task_new (NULL, self->load_cancellable, on_load_done, weak_ref_new (self));
  g_task_set_source_tag (task, &load_source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
  notify (self, PROP_LOADING);
}

/**
 * elman_session_open_file:
 * @column: (nullable): header name or 0-based index; %NULL picks the
 *   last numeric column
 *
 * Loads @file as the loader detects it (elman_session_open_file_with_options()).
 */
void
elman_session_open_file (ElmanSession *self,
                         GFile        *file,
                         const char   *column)
{
  ElmanLoadOptions options;

  elman_load_options_init (&options);
  options.column = column;
  elman_session_open_file_with_options (self, file, &options);
}

/**
 * elman_session_open_initial:
 *
 * The first start opens the bundled sample series; later starts reopen
 * the last file when it still exists.
 *
 * Returns: whether a file is being opened
 */
gboolean
elman_session_open_initial (ElmanSession *self)
{
  g_autofree char *last = NULL;
  g_autofree char *column = NULL;
  g_autofree char *sample = NULL;
  const char *datadir = g_getenv ("ELMAN_DATADIR");

  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  last = g_settings_get_string (self->settings, "last-file");
  column = g_settings_get_string (self->settings, "last-column");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (last);
      elman_session_open_file (self, file, *column ? column : NULL);
      return TRUE;
    }

  sample = g_build_filename (datadir && *datadir ? datadir : PKGDATADIR, SAMPLE_FILE, NULL);
  if (g_file_test (sample, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (sample);
      elman_session_open_file (self, file, NULL);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Models                                                              */

/**
 * elman_session_open_model:
 *
 * Loads a model file (the core's JSON) and takes its predictions and
 * forecast for the open series as the result.
 */
gboolean
elman_session_open_model (ElmanSession  *self,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *status = NULL;
  GBytes *forecast;
  ElmanConfig config;
  gsize first = 0;

  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  if (self->series == NULL)
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_TOO_SHORT, _("%s: open a series before a model"),
                   basename);
      return FALSE;
    }

  model = elman_model_load (path, error);
  if (model == NULL)
    return FALSE;

  elman_settings_read_config (self->settings, &config);
  config.horizon = model->horizon;
  result = elman_run_result_new_for_models (self->series, &model, 1, &config,
                                            elman_run_default_forecast_steps (&config, self->series->n), error);
  if (result == NULL)
    {
      g_prefix_error (error, "%s: ", basename);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  cancel_training (self);
  clear_results (self);
  elman_settings_read_config (self->settings, &self->result_config);
  self->model = g_steal_pointer (&model);
  self->result = g_steal_pointer (&result);
  self->result_horizon = self->model->horizon;
  self->predictions = g_bytes_ref (elman_run_result_get_predictions (self->result, &first));
  self->result_first = first;
  forecast = elman_run_result_get_forecast (self->result);
  self->forecast = forecast ? g_bytes_ref (forecast) : NULL;
  set_n_train (self, elman_run_result_get_n_train (self->result));
  notify (self, PROP_RESULT);

  /* Translators: a model file name and its shape */
  status = g_strdup_printf (_("Model %s: T = %u, K = %u, J = %u"), basename,
                            self->model->window, self->model->horizon, self->model->hidden);
  set_status (self, status, NULL, 0);
  set_loss_text (self, NULL);

  /* The model was fitted on who knows what: score it on the test part the
   * current parameters define. */
  start_evaluation (self, NULL, config.season);
  update_validity (self);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
elman_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ElmanSession *self = ELMAN_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:          g_value_set_object (value, self->settings); break;
    case PROP_PARAMETER_PROBLEM: g_value_set_string (value, self->parameter_problem); break;
    case PROP_MODIFIED:          g_value_set_boolean (value, self->modified); break;
    case PROP_SERIES:            g_value_set_pointer (value, self->series); break;
    case PROP_FILE:              g_value_set_object (value, self->file); break;
    case PROP_COLUMN:            g_value_set_string (value, self->column); break;
    case PROP_LOADING:           g_value_set_boolean (value, self->load_cancellable != NULL); break;
    case PROP_TRAINING:          g_value_set_boolean (value, self->worker != NULL); break;
    case PROP_STOPPING:          g_value_set_boolean (value, self->stopping); break;
    case PROP_PHASE:             g_value_set_uint (value, self->phase); break;
    case PROP_STATUS:            g_value_set_string (value, self->status); break;
    case PROP_TIME_TEXT:         g_value_set_string (value, self->time_text); break;
    case PROP_FRACTION:          g_value_set_double (value, self->fraction); break;
    case PROP_LOSS_TEXT:         g_value_set_string (value, self->loss_text); break;
    case PROP_N_RUNS:            g_value_set_uint (value, self->n_runs); break;
    case PROP_RESULT:            g_value_set_pointer (value, self->result); break;
    case PROP_N_TRAIN:           g_value_set_uint64 (value, self->n_train); break;
    case PROP_STALE:             g_value_set_boolean (value, self->stale); break;
    case PROP_EVALUATION:        g_value_set_pointer (value, self->evaluation); break;
    case PROP_EVALUATING:        g_value_set_boolean (value, self->evaluating); break;
    default:                     G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
elman_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ElmanSession *self = ELMAN_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
elman_session_constructed (GObject *object)
{
  ElmanSession *self = ELMAN_SESSION (object);

  G_OBJECT_CLASS (elman_session_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  update_validity (self);
}

static void
elman_session_dispose (GObject *object)
{
  ElmanSession *self = ELMAN_SESSION (object);

  cancel_training (self);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_generation++;
  clear_results (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (elman_session_parent_class)->dispose (object);
}

static void
elman_session_finalize (GObject *object)
{
  ElmanSession *self = ELMAN_SESSION (object);

  g_clear_pointer (&self->series, elman_series_unref);
  g_clear_pointer (&self->info, elman_series_info_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->parameter_problem, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->time_text, g_free);
  g_clear_pointer (&self->loss_text, g_free);
  g_clear_pointer (&self->train_loss, g_array_unref);
  g_clear_pointer (&self->valid_loss, g_array_unref);

  G_OBJECT_CLASS (elman_session_parent_class)->finalize (object);
}

static void
elman_session_class_init (ElmanSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = elman_session_get_property;
  object_class->set_property = elman_session_set_property;
  object_class->constructed = elman_session_constructed;
  object_class->dispose = elman_session_dispose;
  object_class->finalize = elman_session_finalize;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARAMETER_PROBLEM] = g_param_spec_string ("parameter-problem", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  /* ElmanSeries is a plain refcounted struct: a pointer, owned by the session. */
  properties[PROP_SERIES] = g_param_spec_pointer ("series", NULL, NULL, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_COLUMN] = g_param_spec_string ("column", NULL, NULL, NULL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_TRAINING] = g_param_spec_boolean ("training", NULL, NULL, FALSE, ro);
  properties[PROP_STOPPING] = g_param_spec_boolean ("stopping", NULL, NULL, FALSE, ro);
  properties[PROP_PHASE] = g_param_spec_uint ("phase", NULL, NULL, 0, ELMAN_TRAINING_PHASE_FINISHING, 0, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  properties[PROP_TIME_TEXT] = g_param_spec_string ("time-text", NULL, NULL, NULL, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, ro);
  properties[PROP_LOSS_TEXT] = g_param_spec_string ("loss-text", NULL, NULL, NULL, ro);
  properties[PROP_N_RUNS] = g_param_spec_uint ("n-runs", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RESULT] = g_param_spec_pointer ("result", NULL, NULL, ro);
  properties[PROP_N_TRAIN] = g_param_spec_uint64 ("n-train", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, ro);
  properties[PROP_EVALUATION] = g_param_spec_pointer ("evaluation", NULL, NULL, ro);
  properties[PROP_EVALUATING] = g_param_spec_boolean ("evaluating", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ElmanSession::config-changed:
   *
   * A training parameter changed (the parameter problem and "modified"
   * are up to date).
   */
  signals[SIGNAL_CONFIG_CHANGED] = g_signal_new ("config-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * ElmanSession::snapshot:
   * @snapshot: the run's newest #ElmanTrainingSnapshot
   *
   * The run published progress (at most once per elman_session_poll()),
   * or ended: its last snapshot.
   */
  signals[SIGNAL_SNAPSHOT] = g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * ElmanSession::error:
   * @error: what went wrong (never a cancellation)
   * @path: (nullable): the file that did not load
   *
   * Loading, training or evaluating failed.
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_ERROR, G_TYPE_STRING);
}

static void
elman_session_init (ElmanSession *self)
{
  self->train_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->valid_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->status = g_strdup ("");
  self->time_text = g_strdup ("");
  self->loss_text = g_strdup ("");
}

/**
 * elman_session_new:
 * @settings: (nullable): the parameters; %NULL for the app's own
 *
 * Returns: (transfer full): a session without a series
 */
ElmanSession *
elman_session_new (GSettings *settings)
{
  return g_object_new (ELMAN_TYPE_SESSION, "settings", settings, NULL);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

#define GETTER(type, name, expr, fallback)                 \
  type                                                     \
  elman_session_get_##name (ElmanSession *self)            \
  {                                                        \
    g_return_val_if_fail (ELMAN_IS_SESSION (self), fallback); \
    return expr;                                           \
  }

GETTER (GSettings *, settings, self->settings, NULL)
GETTER (const char *, parameter_problem, self->parameter_problem, NULL)
GETTER (gboolean, modified, self->modified, FALSE)
GETTER (gboolean, loading, self->load_cancellable != NULL, FALSE)
GETTER (ElmanSeries *, series, self->series, NULL)
GETTER (const ElmanSeriesInfo *, info, self->info, NULL)
GETTER (GFile *, file, self->file, NULL)
GETTER (const char *, column, self->column, NULL)
GETTER (gboolean, training, self->worker != NULL, FALSE)
GETTER (gboolean, stopping, self->stopping, FALSE)
GETTER (ElmanTrainingWorker *, worker, self->worker, NULL)
GETTER (ElmanTrainingPhase, phase, self->phase, ELMAN_TRAINING_PHASE_SINGLE)
GETTER (const char *, status, self->status, NULL)
GETTER (const char *, time_text, self->time_text, NULL)
GETTER (double, fraction, self->fraction, 0)
GETTER (const char *, loss_text, self->loss_text, NULL)
GETTER (const ElmanTrainingSnapshot *, snapshot, self->snapshot, NULL)
GETTER (guint, n_runs, self->n_runs, 0)
GETTER (ElmanRunResult *, result, self->result, NULL)
GETTER (const ElmanModel *, model, self->model, NULL)
GETTER (guint, n_models, self->models ? self->models->len : self->model ? 1 : 0, 0)
GETTER (gsize, n_train, self->n_train, 0)
GETTER (gboolean, stale, self->stale, FALSE)
GETTER (const ElmanEvaluation *, evaluation, self->evaluation, NULL)
GETTER (gboolean, evaluating, self->evaluating, FALSE)

#undef GETTER

void
elman_session_get_config (ElmanSession *self,
                          ElmanConfig  *config)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  elman_settings_read_config (self->settings, config);
}

gboolean
elman_session_can_train (ElmanSession *self)
{
  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  return self->series != NULL && self->worker == NULL && self->parameter_problem == NULL;
}

/**
 * elman_session_get_losses:
 *
 * The loss per epoch of the run (of an ensemble's first network) so far;
 * @valid is %NULL without a validation part.
 */
void
elman_session_get_losses (ElmanSession  *self,
                          const double **train,
                          const double **valid,
                          gsize         *n)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  *train = (const double *) self->train_loss->data;
  *valid = self->valid_loss->len == self->train_loss->len ? (const double *) self->valid_loss->data : NULL;
  *n = self->train_loss->len;
}

/**
 * elman_session_get_predictions:
 * @first: (out): the index of the value the first prediction predicts
 *
 * Returns: (transfer none) (nullable): the result's one-step predictions
 */
GBytes *
elman_session_get_predictions (ElmanSession *self,
                               gsize        *first)
{
  g_return_val_if_fail (ELMAN_IS_SESSION (self), NULL);

  if (first != NULL)
    *first = self->result_first;
  return self->predictions;
}

/**
 * elman_session_get_forecast:
 * @bands: (out) (optional) (transfer none): an ensemble's intervals
 *
 * Returns: (transfer none) (nullable): the result's forecast
 */
GBytes *
elman_session_get_forecast (ElmanSession  *self,
                            GBytes       **bands)
{
  g_return_val_if_fail (ELMAN_IS_SESSION (self), NULL);

  if (bands != NULL)
    *bands = self->bands;
  return self->forecast;
}

/**
 * elman_session_get_search:
 *
 * Returns: whether the result comes from an automatic search; then the
 *   settings it chose and how many it tried, kept and trained each
 */
gboolean
elman_session_get_search (ElmanSession *self,
                          ElmanConfig  *chosen,
                          guint        *n_candidates,
                          guint        *n_settings,
                          guint        *n_seeds)
{
  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  if (!self->has_search)
    return FALSE;
  if (chosen != NULL)
    *chosen = self->search;
  if (n_candidates != NULL)
    *n_candidates = self->search_candidates;
  if (n_settings != NULL)
    *n_settings = self->search_settings;
  if (n_seeds != NULL)
    *n_seeds = self->search_seeds;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Looking inside the run: pause, step, ε, hidden states              */

/**
 * elman_session_set_want_states:
 *
 * Whether the run's snapshots carry hidden states (the Network view is
 * shown): they cost about a forward pass over the series each.
 */
void
elman_session_set_want_states (ElmanSession *self,
                               gboolean      want)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  self->want_states = !!want;
  if (self->worker != NULL)
    elman_training_worker_set_want_states (self->worker, self->want_states);
}

/**
 * elman_session_can_pause:
 *
 * Returns: whether the run in progress trains one network, so that it
 *   can pause between epochs
 */
gboolean
elman_session_can_pause (ElmanSession *self)
{
  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  return self->worker != NULL && self->phase == ELMAN_TRAINING_PHASE_SINGLE;
}

/**
 * elman_session_set_paused:
 *
 * Pauses the run between two epochs, or resumes it.
 */
void
elman_session_set_paused (ElmanSession *self,
                          gboolean      paused)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  if (!elman_session_can_pause (self))
    return;
  elman_training_worker_set_paused (self->worker, paused);
}

gboolean
elman_session_get_paused (ElmanSession *self)
{
  g_return_val_if_fail (ELMAN_IS_SESSION (self), FALSE);

  return self->worker != NULL && elman_training_worker_get_paused (self->worker);
}

/**
 * elman_session_step_training:
 *
 * While paused: one more epoch, then the run waits again.
 */
void
elman_session_step_training (ElmanSession *self)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  if (elman_session_get_paused (self))
    elman_training_worker_step (self->worker);
}

/**
 * elman_session_set_learning_rate:
 * @rate: ε, finite and positive
 *
 * The paused run trains with @rate from its next epoch on; the other
 * parameters need a new run.
 */
void
elman_session_set_learning_rate (ElmanSession *self,
                                 double        rate)
{
  g_return_if_fail (ELMAN_IS_SESSION (self));

  if (elman_session_can_pause (self))
    elman_training_worker_set_learning_rate (self->worker, rate);
}
