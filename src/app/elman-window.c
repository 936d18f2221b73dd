/* elman-window.c — the main window: open, set, train live, export
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "elman-config.h"
#include "elman-enum-types.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-file.h"
#include "elman-format.h"
#include "elman-params-panel.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"
#include "elman-training-worker.h"
#include "elman-window-private.h"

#define SAMPLE_FILE "airpassengers.csv"


G_DEFINE_FINAL_TYPE (ElmanWindow, elman_window, ADW_TYPE_APPLICATION_WINDOW)

/* GTask source tag (a function pointer is not a gpointer in ISO C). */
static int load_source_tag;

static void update_validity      (ElmanWindow *self);
static void cancel_training      (ElmanWindow *self);

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

/* Async callbacks hold the window weakly: closing it must dispose it (and
 * so cancel its work) even while a thread still runs. */
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

void
elman_window_show_toast (ElmanWindow *self,
            const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
elman_window_show_error (ElmanWindow  *self,
            const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  elman_window_show_toast (self, error->message);
}

/* ------------------------------------------------------------------ */
/* Settings ↔ widgets                                                  */

static void
on_settings_changed (GSettings   *settings,
                     const char  *key,
                     ElmanWindow *self)
{
  /* Only the training parameters matter here. */
  if (elman_settings_is_parameter_key (key))
    update_validity (self);
}

/* ------------------------------------------------------------------ */
/* Status                                                              */

static void
set_status (ElmanWindow *self,
            const char  *status,
            const char  *time,
            double       fraction)
{
  gtk_label_set_text (self->epoch_label, status);
  gtk_label_set_text (self->time_label, time ? time : "");
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
}

static void
set_loss_text (ElmanWindow                 *self,
               const ElmanTrainingSnapshot *snapshot)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *train = NULL;

  /* The core trains several networks on its own threads: their losses
   * arrive at the end. */
  if (snapshot != NULL && snapshot->phase != ELMAN_TRAINING_PHASE_SINGLE && snapshot->epoch == 0)
    {
      gtk_label_set_text (self->loss_label, _("The loss curve of network 1 appears once all networks are trained"));
      return;
    }
  if (snapshot == NULL || snapshot->epoch == 0)
    {
      gtk_label_set_text (self->loss_label, "");
      return;
    }

  train = elman_app_format_value (snapshot->train_loss);
  /* Of an ensemble, the loss panel shows one member's run. */
  if (snapshot->phase != ELMAN_TRAINING_PHASE_SINGLE && snapshot->n_items > 1)
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
  gtk_label_set_text (self->loss_label, text->str);
}

static void
grid_attach_label (GtkGrid    *grid,
                   const char *text,
                   int         column,
                   int         row,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
attach_scores (ElmanWindow       *self,
               int               *row,
               GString           *text,
               const char        *label,
               const char        *key,
               const ElmanScores *scores,
               const char        *css,
               const char        *tooltip)
{
  g_autofree char *rmse = elman_app_format_value (scores->rmse);
  g_autofree char *mae = elman_app_format_value (scores->mae);
  g_autofree char *mase = isfinite (scores->mase) ? g_strdup_printf ("%.3f", scores->mase) : g_strdup ("—");
  GtkWidget *name;

  grid_attach_label (self->metrics_grid, label, 0, *row, css);
  grid_attach_label (self->metrics_grid, rmse, 1, *row, css);
  grid_attach_label (self->metrics_grid, mae, 2, *row, css);
  grid_attach_label (self->metrics_grid, mase, 3, *row, css);
  name = gtk_grid_get_child_at (self->metrics_grid, 0, *row);
  if (tooltip != NULL)
    {
      gtk_widget_set_tooltip_text (name, tooltip);
      gtk_widget_set_margin_start (name, 12);
    }
  g_string_append_printf (text, "%s: RMSE %s, MAE %s, MASE %s\n", key, rmse, mae, mase);
  (*row)++;
}

/* Test metrics after training: the core's rolling-origin evaluation of
 * the test part (issue 7), the network beside the naive forecasts on the
 * same origins, and its one-line warnings. */
static void
update_test_metrics (ElmanWindow *self)
{
  static const ElmanForecaster shown[] = {
    ELMAN_FORECASTER_MODEL, ELMAN_FORECASTER_NAIVE, ELMAN_FORECASTER_SEASONAL_NAIVE,
  };
  const ElmanEvaluation *ev = self->evaluation;
  g_autoptr(GString) text = NULL;
  g_autofree char *caption = NULL;
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->metrics_grid))) != NULL)
    gtk_grid_remove (self->metrics_grid, child);
  g_clear_pointer (&self->metrics_text, g_free);

  gtk_widget_set_visible (GTK_WIDGET (self->metrics_grid), ev != NULL || self->evaluating);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_box_remove (self->warnings_list, child);
  gtk_widget_set_visible (self->warning_box, ev != NULL && ev->messages && ev->messages[0]);
  if (ev == NULL)
    {
      if (self->evaluating)
        grid_attach_label (self->metrics_grid, _("Scoring the test part…"), 0, 0, "dim-label");
      return;
    }

  /* Translators: heading of the metrics table, e.g. "Test, 12 steps ahead" */
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Test, %u step ahead", "Test, %u steps ahead",
                                          ev->horizon), ev->horizon);
  grid_attach_label (self->metrics_grid, caption, 0, 0, "caption-heading");
  grid_attach_label (self->metrics_grid, "RMSE", 1, 0, "caption-heading");
  grid_attach_label (self->metrics_grid, "MAE", 2, 0, "caption-heading");
  grid_attach_label (self->metrics_grid, "MASE", 3, 0, "caption-heading");

  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *ensemble = NULL;

      if (shown[i] == ELMAN_FORECASTER_SEASONAL_NAIVE && ev->season <= 1)
        continue;
      /* An ensemble is scored by its mean forecast. */
      if (shown[i] == ELMAN_FORECASTER_MODEL && ev->n_models > 1)
        ensemble = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ensemble of %u network", "Ensemble of %u networks",
                                                 ev->n_models), ev->n_models);
      attach_scores (self, &row, text, ensemble ? ensemble : elman_forecaster_get_label (shown[i]),
                     ensemble ? "ensemble" : elman_forecaster_to_string (shown[i]), &ev->scores[shown[i]],
                     shown[i] == ELMAN_FORECASTER_MODEL ? NULL : "dim-label", NULL);

      /* The diagnostics right under the network's own row: teacher-forced
       * (one step, from the true history) when K > 1 makes it differ, and
       * closed loop over the whole test part. */
      if (shown[i] == ELMAN_FORECASTER_MODEL)
        {
          if (ev->horizon > 1)
            attach_scores (self, &row, text, _("One step ahead"), "one-step", &ev->one_step, "dim-label",
                           _("Each value predicted from the true values before it"));
          attach_scores (self, &row, text, _("Free-running"), "free-running", &ev->free_running, "dim-label",
                         _("The whole test part forecast from its start, fed only the network’s own forecasts"));
        }
    }
  self->metrics_text = g_string_free (g_steal_pointer (&text), FALSE);

  /* The first note in the status area, all of them in a popover. */
  if (ev->messages != NULL && ev->messages[0] != NULL)
    {
      guint n = g_strv_length (ev->messages);
      g_autofree char *more = NULL;

      gtk_label_set_text (self->warning_label, ev->messages[0]);
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *label = gtk_label_new (ev->messages[i]);

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_box_append (self->warnings_list, label);
        }
      /* Translators: opens the list of all notes on the result */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Note", "%u Notes", n), n);
      gtk_menu_button_set_label (self->warnings_button, more);
    }
}

static void
clear_results (ElmanWindow *self)
{
  g_clear_pointer (&self->model, elman_model_free);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->run_result, elman_run_result_unref);
  g_clear_pointer (&self->result_predictions, g_bytes_unref);
  g_clear_pointer (&self->result_forecast, g_bytes_unref);
  g_clear_pointer (&self->result_bands, g_bytes_unref);
  g_clear_pointer (&self->shown_predictions, g_bytes_unref);
  g_clear_pointer (&self->shown_forecast, g_bytes_unref);
  g_clear_pointer (&self->shown_bands, g_bytes_unref);
  if (self->ensemble_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->ensemble_label), FALSE);
  self->result_first = 0;
  self->result_n_train = self->series ? self->series->n : 0;
  if (self->plot_view != NULL)
    {
      elman_plot_clear_results (elman_plot_view_get_plot (self->plot_view));
      elman_plot_view_changed (self->plot_view);
    }
  g_clear_pointer (&self->evaluation, elman_evaluation_free);
  g_cancellable_cancel (self->eval_cancellable);
  g_clear_object (&self->eval_cancellable);
  self->evaluating = FALSE;
  if (self->metrics_grid != NULL)
    update_test_metrics (self);
}

static void
update_actions (ElmanWindow *self)
{
  gboolean training = self->worker != NULL;
  gboolean have_series = self->series != NULL;
  gboolean have_model = self->model != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start",
                                 !training && have_series && self->parameter_problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.stop", training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.plot", have_series);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.predictions", !training && have_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.model", !training && have_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.open-model", !training && have_series);
}

static void
update_train_button (ElmanWindow *self)
{
  gboolean training = self->worker != NULL;
  GtkWidget *button = GTK_WIDGET (self->train_button);

  gtk_button_set_label (self->train_button, training ? _("_Stop") : _("_Train"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), training ? "training.stop" : "training.start");
  gtk_widget_set_tooltip_text (button, training ? _("Stop Training (Escape)")
                                                : (self->parameter_problem ? self->parameter_problem
                                                                           : _("Train the Network (Ctrl+Return)")));
  if (training)
    {
      gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (button, "destructive-action");
      gtk_widget_add_css_class (button, "suggested-action");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, training ? _("Stop") : _("Train"),
                                  -1);
  elman_params_panel_set_editable (self->params_panel, !training);
}

/* Parameters that cannot work disable Train, with the core's one-line
 * explanation under the parameters. */
static void
update_validity (ElmanWindow *self)
{
  ElmanConfig config;
  g_autoptr(GError) error = NULL;
  ElmanPreset preset;

  elman_settings_read_config (self->settings, &config);
  preset = (ElmanPreset) g_settings_get_enum (self->settings, "preset");

  g_clear_pointer (&self->parameter_problem, g_free);
  if (g_settings_get_boolean (self->settings, "auto-search"))
    {
      ElmanConfig checked = config;

      /* The search sets T, J, ε and the transform itself: the core says
       * whether it can run, from the config the worker hands it. */
      checked.transform = ELMAN_TRANSFORM_AUTO;
      if (self->series != NULL
          ? !elman_auto_search_check (&checked, self->series->values, self->series->n, &error)
          : !elman_config_validate (&checked, 0, &error))
        self->parameter_problem = g_strdup (error->message);
    }
  else if (!elman_config_validate (&config, self->series ? self->series->n : 0, &error))
    self->parameter_problem = g_strdup (error->message);

  elman_params_panel_show_state (self->params_panel, &config, self->parameter_problem,
                                 !elman_settings_config_is_preset (&config, preset));

  /* Without results, the split marker follows the test fraction. */
  if (self->series != NULL && self->worker == NULL && self->model == NULL)
    {
      gsize n_train;

      elman_config_split (&config, self->series->n, &n_train, NULL);
      elman_plot_set_split (elman_plot_view_get_plot (self->plot_view), n_train);
      elman_plot_view_changed (self->plot_view);
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

  update_actions (self);
  update_train_button (self);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ElmanWindow) self = weak_ref_steal (user_data);
  g_autoptr(ElmanEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;

  evaluation = elman_evaluate_finish (result, &error);

  /* Cancelled: the result belongs to a model that is gone. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->evaluating = FALSE;
  g_clear_object (&self->eval_cancellable);
  g_clear_pointer (&self->evaluation, elman_evaluation_free);
  self->evaluation = g_steal_pointer (&evaluation);
  if (self->evaluation == NULL)
    g_debug ("No evaluation: %s", error->message);
  if (self->plot_view != NULL)
    {
      elman_plot_set_evaluation (elman_plot_view_get_plot (self->plot_view), self->evaluation);
      elman_plot_view_changed (self->plot_view);
    }
  update_test_metrics (self);
}

/* Scores the current model on the test part, off the main thread. */
static void
start_evaluation (ElmanWindow       *self,
                  const ElmanConfig *used,
                  guint              season)
{
  g_cancellable_cancel (self->eval_cancellable);
  g_clear_object (&self->eval_cancellable);
  g_clear_pointer (&self->evaluation, elman_evaluation_free);
  self->evaluating = FALSE;
  if (self->plot_view != NULL)
    {
      elman_plot_set_evaluation (elman_plot_view_get_plot (self->plot_view), NULL);
      elman_plot_view_changed (self->plot_view);
    }

  if (self->model != NULL && self->series != NULL && self->result_n_train < self->series->n &&
      self->series->n - self->result_n_train >= self->result_horizon)
    {
      /* An ensemble is scored as the mean of all its members. */
      ElmanModel *const *models = self->models ? (ElmanModel *const *) self->models->pdata : &self->model;
      guint n_models = self->models ? self->models->len : 1;

      self->evaluating = TRUE;
      self->eval_cancellable = g_cancellable_new ();
      elman_evaluate_async (models, n_models, self->series, self->result_n_train, self->result_horizon,
                            season, used, self->eval_cancellable, on_evaluated, weak_ref_new (self));
    }
  update_test_metrics (self);
}

/* ------------------------------------------------------------------ */
/* Training                                                            */

/* "Epoch i of N", the progress bar, elapsed time and time left; also
 * called between snapshots so that the clock keeps going through long
 * epochs. */
static void
update_progress (ElmanWindow *self)
{
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  g_autofree char *elapsed_text = NULL;
  guint epoch = self->shown_epoch, n_epochs = self->shown_n_epochs;
  double elapsed;

  self->time_shown = g_get_monotonic_time ();
  elapsed = (self->time_shown - self->train_start) / (double) G_USEC_PER_SEC;
  elapsed_text = elman_app_format_duration (elapsed);

  /* Several networks: early stopping ends most before their epoch
   * limit, so there is no telling the time left. */
  if (self->shown_phase != ELMAN_TRAINING_PHASE_SINGLE)
    {
      guint n = self->shown_items;

      if (self->shown_phase == ELMAN_TRAINING_PHASE_SEARCH)
        status = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Searching %u setting on the validation part…",
                                                       "Searching %u settings on the validation part…", n), n)
                       : g_strdup (_("Searching settings on the validation part…"));
      else if (self->shown_phase == ELMAN_TRAINING_PHASE_FINISHING)
        {
          /* The networks are trained: the bar is full while their mean
           * forecast and its intervals are computed. */
          status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Forecasting with %u network…",
                                                 "Forecasting with %u networks…", n), n);
          time = g_strdup_printf (_("%s elapsed"), elapsed_text);
          set_status (self, status, time, 1);
          return;
        }
      else
        status = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Training %u network…",
                                                       "Training %u networks…", n), n)
                       : g_strdup (_("Training the networks…"));
      time = g_strdup_printf (_("%s elapsed"), elapsed_text);
      set_status (self, status, time, self->shown_total ? (double) self->shown_done / self->shown_total : 0);
      return;
    }

  status = g_strdup_printf (_("Epoch %u of %u"), epoch, n_epochs);
  if (epoch > 0)
    {
      double left = elapsed / epoch * (n_epochs - epoch);
      g_autofree char *remaining = elman_app_format_duration (left);

      /* Translators: elapsed and remaining time, e.g. "0:12 elapsed · 0:40 left" */
      time = g_strdup_printf (_("%s elapsed · %s left"), elapsed_text, remaining);
    }
  else
    time = g_strdup_printf (_("%s elapsed"), elapsed_text);
  set_status (self, status, time, n_epochs ? (double) epoch / n_epochs : 0);
}

/* The forecast, and an ensemble's 80 % and 95 % intervals around it
 * (@bands: lower80, upper80, lower95, upper95, each as long as the
 * forecast). */
static void
show_forecast (ElmanWindow *self,
               GBytes      *forecast,
               GBytes      *bands)
{
  gsize size = 0, band_size = 0, n;
  const double *values = forecast ? g_bytes_get_data (forecast, &size) : NULL;
  const double *b = bands ? g_bytes_get_data (bands, &band_size) : NULL;
  ElmanPlot *plot = elman_plot_view_get_plot (self->plot_view);

  n = size / sizeof (double);
  elman_plot_set_forecast (plot, values, n);
  if (b != NULL && n > 0 && band_size == 4 * n * sizeof (double))
    {
      elman_plot_set_forecast_band (plot, 0.95, b + 2 * n, b + 3 * n, n);
      elman_plot_set_forecast_band (plot, 0.80, b, b + n, n);
    }
  elman_plot_view_changed (self->plot_view);
}

static void
apply_snapshot (ElmanWindow           *self,
                ElmanTrainingSnapshot *snapshot)
{
  if (snapshot->generation != self->generation)
    return;

  if (snapshot->epoch > 0 && self->worker != NULL)
    {
      elman_training_worker_read_losses (self->worker, self->train_loss, self->valid_loss);
      elman_plot_set_loss (elman_plot_view_get_plot (self->plot_view), (const double *) self->train_loss->data,
                           self->valid_loss->len == self->train_loss->len
                           ? (const double *) self->valid_loss->data : NULL,
                           self->train_loss->len, snapshot->best_epoch);
      elman_plot_view_changed (self->plot_view);
    }

  /* Predictions change less often than losses: only copy new ones. */
  if (snapshot->predictions != self->shown_predictions)
    {
      elman_plot_set_predictions (elman_plot_view_get_plot (self->plot_view), snapshot->first,
                                  snapshot->predictions);
      elman_plot_view_changed (self->plot_view);
      g_clear_pointer (&self->shown_predictions, g_bytes_unref);
      self->shown_predictions = snapshot->predictions ? g_bytes_ref (snapshot->predictions) : NULL;
    }
  if (snapshot->forecast != self->shown_forecast || snapshot->bands != self->shown_bands)
    {
      show_forecast (self, snapshot->forecast, snapshot->bands);
      g_clear_pointer (&self->shown_forecast, g_bytes_unref);
      self->shown_forecast = snapshot->forecast ? g_bytes_ref (snapshot->forecast) : NULL;
      g_clear_pointer (&self->shown_bands, g_bytes_unref);
      self->shown_bands = snapshot->bands ? g_bytes_ref (snapshot->bands) : NULL;
    }

  if (!snapshot->final)
    {
      self->shown_epoch = snapshot->epoch;
      self->shown_n_epochs = snapshot->n_epochs;
      self->shown_phase = snapshot->phase;
      self->shown_done = snapshot->done;
      self->shown_total = snapshot->total;
      self->shown_items = snapshot->n_items;
      update_progress (self);
    }
  set_loss_text (self, snapshot);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  ElmanWindow *self = user_data;
  g_autoptr(ElmanTrainingSnapshot) snapshot = NULL;

  if (self->worker == NULL)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Picks up at most one snapshot per frame: the newest. */
  /* Stopping a long run: it still predicts with the model it keeps. */
  if (self->stopping)
    {
      if (gdk_frame_clock_get_frame_time (frame_clock) - self->time_shown >= G_USEC_PER_SEC / 10)
        {
          self->time_shown = gdk_frame_clock_get_frame_time (frame_clock);
          gtk_progress_bar_pulse (self->progress_bar);
        }
      return G_SOURCE_CONTINUE;
    }

  snapshot = elman_training_worker_dup_snapshot (self->worker, &self->snapshot_serial);
  if (snapshot != NULL)
    apply_snapshot (self, snapshot);
  else if (self->shown_n_epochs > 0 &&
           gdk_frame_clock_get_frame_time (frame_clock) - self->time_shown >= G_USEC_PER_SEC / 2)
    update_progress (self);

  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (ElmanWindow *self)
{
  if (self->tick_id != 0 && self->plot_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->plot_view), self->tick_id);
  self->tick_id = 0;
}

/* After a run of several networks, one line on what the forecast is: the
 * settings the search chose (the rows it made insensitive keep the
 * user's values, for when the search is turned off) and what is
 * averaged, as trained. */
static void
show_search_result (ElmanWindow         *self,
                    ElmanTrainingWorker *worker)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = self->models ? self->models->len : 1;
  guint n_candidates = 0, n_settings = 0, n_seeds = 0;
  ElmanConfig best;

  if (elman_training_worker_get_search (worker, &best, &n_candidates, &n_settings, &n_seeds))
    {
      elman_params_panel_show_search (self->params_panel, &best);
      g_autofree char *rate = elman_app_format_learning_rate (best.learning_rate);
      g_autofree char *seeds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seed", "%u seeds", n_seeds),
                                                n_seeds);

      /* Translators: the settings the automatic search chose, e.g. "Chosen by the
       * search: T = 24, J = 8, ε = 0.01, transform “Seasonal differences” — the
       * best of 48 settings on the validation part." */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Chosen by the search: T = %u, J = %u, ε = %s, transform “%s” — "
                                                 "the best of %u setting on the validation part.",
                                                 "Chosen by the search: T = %u, J = %u, ε = %s, transform “%s” — "
                                                 "the best of %u settings on the validation part.", n_candidates),
                              best.window, best.hidden, rate, elman_params_panel_transform_label (self->params_panel, best.transform), n_candidates);
      g_string_append_c (text, ' ');
      if (n_settings <= 1)
        /* Translators: %s is "5 seeds" (or "1 seed") */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "The forecast averages %u network (%s of the best setting).",
                                                   "The forecast averages %u networks (%s of the best setting).",
                                                   n),
                                n, seeds);
      else
        /* Translators: %s is "5 seeds" (or "1 seed") */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "The forecast averages %u networks (%s for each of the best %u setting).",
                                                   "The forecast averages %u networks (%s for each of the best %u settings).",
                                                   n_settings),
                                n, seeds, n_settings);
    }
  else if (n > 1)
    g_string_append_printf (text, _("The forecast averages %u networks from different seeds."), n);
  gtk_label_set_text (self->ensemble_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->ensemble_label), text->len > 0);
}

static void
on_training_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ElmanWindow) self = weak_ref_steal (user_data);
  ElmanTrainingWorker *worker = ELMAN_TRAINING_WORKER (source);
  g_autoptr(ElmanTrainingSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  GApplication *app = g_application_get_default ();
  ElmanConfig used;
  double fraction;
  gboolean ok;

  ok = elman_training_worker_run_finish (worker, result, &error);

  if (app != NULL)
    g_application_release (app);

  /* A run that was replaced (another file, Train again) or whose window
   * closed: nothing of it reaches the screen. */
  if (self == NULL || worker != self->worker)
    return;

  stop_ticking (self);
  self->stopping = FALSE;
  snapshot = elman_training_worker_dup_snapshot (worker, NULL);
  self->model = elman_training_worker_dup_model (worker);
  self->models = elman_training_worker_dup_models (worker);
  self->run_result = elman_training_worker_dup_result (worker);
  if (snapshot != NULL)
    {
      apply_snapshot (self, snapshot);
      if (self->model != NULL)
        {
          self->result_first = snapshot->first;
          self->result_predictions = snapshot->predictions ? g_bytes_ref (snapshot->predictions) : NULL;
          self->result_forecast = snapshot->forecast ? g_bytes_ref (snapshot->forecast) : NULL;
          self->result_bands = snapshot->bands ? g_bytes_ref (snapshot->bands) : NULL;
        }
    }
  self->result_n_train = elman_training_worker_get_n_train (worker);
  self->result_horizon = elman_training_worker_get_config (worker)->horizon;
  elman_training_worker_get_used_config (worker, &used);
  if (self->model != NULL)
    show_search_result (self, worker);

  g_clear_object (&self->worker);
  g_clear_object (&self->train_cancellable);
  self->n_runs++;

  if (self->shown_phase != ELMAN_TRAINING_PHASE_SINGLE)
    {
      guint n = self->models ? self->models->len : 0;
      g_autofree char *elapsed = elman_app_format_duration (snapshot ? snapshot->elapsed : 0);
      /* The worker's own last phase: the shown one may lag a frame. */
      ElmanTrainingPhase phase = snapshot ? snapshot->phase : self->shown_phase;

      time = g_strdup_printf (_("%s elapsed"), elapsed);
      /* What the window shows decides: an ensemble is there whole, or
       * not at all. */
      if (n > 0)
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Trained an ensemble of %u network",
                                               "Trained an ensemble of %u networks", n), n);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        status = g_strdup (phase == ELMAN_TRAINING_PHASE_SEARCH
                           ? _("Stopped during the search: nothing was trained")
                           : _("Stopped: the ensemble was not finished"));
      else
        {
          status = g_strdup (_("Training failed"));
          elman_window_show_error (self, error);
        }
      if (n == 0)
        set_loss_text (self, NULL);
      fraction = n > 0 ? 1 : 0;
    }
  else
    {
      guint epoch = snapshot ? snapshot->epoch : 0;
      guint n_epochs = snapshot ? snapshot->n_epochs : 0;
      g_autofree char *elapsed = elman_app_format_duration (snapshot ? snapshot->elapsed : 0);

      time = g_strdup_printf (_("%s elapsed"), elapsed);
      /* A finished run fills the bar, early stopping included; a stopped
       * or diverged one shows how far it got. */
      fraction = ok ? 1 : n_epochs ? (double) epoch / n_epochs : 0;
      if (ok)
        {
          if (epoch < n_epochs)
            status = g_strdup_printf (_("Stopped early at epoch %u of %u"), epoch, n_epochs);
          else
            status = g_strdup_printf (_("Trained %u epochs"), epoch);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        status = g_strdup_printf (_("Stopped at epoch %u of %u"), epoch, n_epochs);
      else if (g_error_matches (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED))
        {
          status = g_strdup_printf (_("Diverged at epoch %u of %u"), epoch + 1, n_epochs);
          elman_window_show_error (self, error);
        }
      else
        {
          status = g_strdup (_("Training failed"));
          elman_window_show_error (self, error);
        }
    }

  start_evaluation (self, &used, used.season);
  update_validity (self);
  /* Last: without a model, update_validity() would say "Ready to train". */
  set_status (self, status, time, fraction);
}

static void
cancel_training (ElmanWindow *self)
{
  if (self->worker == NULL)
    return;

  /* The run ends on its own thread; its callback sees that it is no
   * longer self->worker and drops everything. */
  elman_training_worker_abandon (self->worker, self->train_cancellable);
  g_clear_object (&self->train_cancellable);
  g_clear_object (&self->worker);
  stop_ticking (self);
  self->stopping = FALSE;
  self->generation++;
}

/**
 * elman_window_start_training:
 *
 * Starts a run with the current parameters; a run in progress is
 * cancelled first.
 */
void
elman_window_start_training (ElmanWindow *self)
{
  ElmanConfig config;
  GApplication *app = g_application_get_default ();

  g_return_if_fail (ELMAN_IS_WINDOW (self));

  /* Ctrl+Return while typing into a spin button: that value counts. */
  elman_params_panel_commit_text (self->params_panel);

  if (self->series == NULL || self->parameter_problem != NULL)
    return;

  cancel_training (self);
  clear_results (self);

  elman_settings_read_config (self->settings, &config);
  self->generation++;
  self->snapshot_serial = 0;
  self->stopping = FALSE;
  g_array_set_size (self->train_loss, 0);
  g_array_set_size (self->valid_loss, 0);
  self->train_start = g_get_monotonic_time ();
  self->time_shown = self->train_start;
  self->shown_epoch = 0;
  self->shown_n_epochs = 0;
  self->worker = elman_training_worker_new (&config, self->series, self->generation);
  elman_training_worker_set_auto_search (self->worker, g_settings_get_boolean (self->settings, "auto-search"));
  self->train_cancellable = g_cancellable_new ();
  /* What the status shows until the first snapshot. */
  self->shown_phase = g_settings_get_boolean (self->settings, "auto-search") ? ELMAN_TRAINING_PHASE_SEARCH
                    : config.ensemble > 1 ? ELMAN_TRAINING_PHASE_ENSEMBLE : ELMAN_TRAINING_PHASE_SINGLE;
  self->shown_done = self->shown_total = 0;
  self->shown_items = self->shown_phase == ELMAN_TRAINING_PHASE_ENSEMBLE ? config.ensemble : 0;

  elman_plot_set_split (elman_plot_view_get_plot (self->plot_view),
                        elman_training_worker_get_n_train (self->worker));
  elman_plot_view_changed (self->plot_view);
  set_status (self, _("Starting…"), NULL, 0);
  set_loss_text (self, NULL);

  /* The application stays up until the thread is done, even when the
   * last window closes. */
  if (app != NULL)
    g_application_hold (app);
  elman_training_worker_run_async (self->worker, self->train_cancellable,
                                   on_training_done, weak_ref_new (self));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->plot_view), on_tick, self, NULL);

  update_actions (self);
  update_train_button (self);
}

/**
 * elman_window_stop_training:
 *
 * Asks the run to stop; it ends within one epoch and keeps its model.
 */
void
elman_window_stop_training (ElmanWindow *self)
{
  g_return_if_fail (ELMAN_IS_WINDOW (self));

  if (self->train_cancellable == NULL)
    return;
  g_cancellable_cancel (self->train_cancellable);
  self->stopping = TRUE;
  set_status (self, _("Stopping…"), NULL, gtk_progress_bar_get_fraction (self->progress_bar));
}

static void
training_start_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  elman_window_start_training (ELMAN_WINDOW (widget));
}

static void
training_stop_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  elman_window_stop_training (ELMAN_WINDOW (widget));
}

/* ------------------------------------------------------------------ */
/* Opening series                                                      */

typedef struct
{
  char            *path;
  char            *column;
  guint            generation;
  ElmanSeries     *series;
  ElmanSeriesInfo *info;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->column);
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
  ElmanLoadOptions options;
  GError *error = NULL;

  elman_load_options_init (&options);
  options.column = job->column;
  job->series = elman_series_load (job->path, &options, &job->info, &error);
  if (job->series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
update_recent_menu (ElmanWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  const char *app_name = g_get_application_name ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && shown->len < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *name = gtk_recent_info_get_display_name (info);

      if (app_name == NULL || !gtk_recent_info_has_application (info, app_name))
        continue;
      if (!gtk_recent_info_exists (info))
        continue;
      g_ptr_array_add (shown, info);
      g_hash_table_insert (names, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) + 1));
    }

  for (guint i = 0; i < shown->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (shown, i);
      const char *name = gtk_recent_info_get_display_name (info);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* Two files of the same name: say which folder each is in. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) > 1)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *folder = parent ? g_file_get_basename (parent) : NULL;

          /* Translators: a recent file's name and the folder it is in */
          label = g_strdup_printf (_("%s (%s)"), name, folder ? folder : "/");
        }
      else
        label = g_strdup (name);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "window.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }

  if (shown->len == 0)
    {
      /* An action nobody installs: the item shows, insensitive. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Files"), "window.no-recent");
      g_menu_append_item (self->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_to_recent (ElmanWindow *self,
               GFile       *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };
  static char *groups[] = { (char *) "elman", NULL };

  data.display_name = NULL;
  data.mime_type = (char *) "text/csv";
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "elman %u";
  data.groups = groups;
  if (data.app_name == NULL)
    return;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
on_column_selected (ElmanWindow *self,
                    guint        column)
{
  g_autofree char *index = g_strdup_printf ("%u", column);
  g_autoptr(GFile) file = NULL;

  if (self->info == NULL || self->file == NULL || (int) column == self->info->column)
    return;
  file = g_object_ref (self->file);
  elman_window_open_file (self, file, index);
}

static void
show_series (ElmanWindow *self)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *subtitle = NULL;
  const char *name = self->series->name && *self->series->name ? self->series->name : _("values");

  gtk_window_set_title (GTK_WINDOW (self), basename);
  adw_window_title_set_title (self->window_title, basename);
  /* Translators: column name and number of values, e.g. "value · 144 values" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %zu value",
                                           "%s · %zu values", self->series->n),
                              name, self->series->n);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  elman_params_panel_show_series (self->params_panel, self->file, self->series, self->info);
  elman_plot_set_series (elman_plot_view_get_plot (self->plot_view), self->series);
  elman_plot_clear_results (elman_plot_view_get_plot (self->plot_view));
  elman_plot_view_changed (self->plot_view);
  gtk_stack_set_visible_child_name (self->main_stack, "plot");
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ElmanWindow) self = weak_ref_steal (user_data);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (self == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job->generation != self->load_generation || self->settings == NULL)
        return;
      g_clear_object (&self->load_cancellable);
      gtk_spinner_stop (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->main_stack, self->series ? "plot" : "empty");
      elman_window_show_error (self, error);
      return;
    }

  /* A newer open replaced this one, or the window is closed. */
  if (job->generation != self->load_generation || self->settings == NULL)
    return;

  g_clear_object (&self->load_cancellable);
  gtk_spinner_stop (self->loading_spinner);

  cancel_training (self);
  file = g_file_new_for_path (job->path);
  g_set_object (&self->file, file);
  g_clear_pointer (&self->series, elman_series_unref);
  g_clear_pointer (&self->info, elman_series_info_free);
  self->series = g_steal_pointer (&job->series);
  self->info = g_steal_pointer (&job->info);
  g_free (self->column);
  self->column = g_strdup (job->column);
  clear_results (self);

  g_settings_set_string (self->settings, "last-file", job->path);
  g_settings_set_string (self->settings, "last-column", job->column ? job->column : "");
  add_to_recent (self, file);

  show_series (self);
  update_validity (self);
}

/**
 * elman_window_open_file:
 * @column: (nullable): header name or 0-based index; %NULL picks the
 *   last numeric column
 *
 * Loads @file on a worker thread; errors appear as a toast with the
 * loader's message. A training run in progress stops once the new series
 * is there.
 */
void
elman_window_open_file (ElmanWindow *self,
                        GFile       *file,
                        const char  *column)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;
  g_autofree char *path = NULL;

  g_return_if_fail (ELMAN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("Cannot open “%s”: only local files can be opened"), uri);
      elman_window_show_toast (self, message);
      return;
    }

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->path = g_steal_pointer (&path);
  job->column = g_strdup (column);
  job->generation = ++self->load_generation;

  if (self->series == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_start (self->loading_spinner);
    }

  task = g_task_new (NULL, self->load_cancellable, on_load_done, weak_ref_new (self));
  g_task_set_source_tag (task, &load_source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * elman_window_open_initial:
 *
 * The first start opens the bundled sample series; later starts reopen
 * the last file when it still exists.
 */
void
elman_window_open_initial (ElmanWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-file");
  g_autofree char *column = g_settings_get_string (self->settings, "last-column");
  g_autofree char *sample = NULL;
  const char *datadir = g_getenv ("ELMAN_DATADIR");

  g_return_if_fail (ELMAN_IS_WINDOW (self));

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (last);
      elman_window_open_file (self, file, *column ? column : NULL);
      return;
    }

  sample = g_build_filename (datadir && *datadir ? datadir : PKGDATADIR, SAMPLE_FILE, NULL);
  if (g_file_test (sample, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (sample);
      elman_window_open_file (self, file, NULL);
    }
}

GtkFileFilter *
elman_window_new_filter (const char  *name,
            const char  *mime_type,
            const char **patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  ElmanWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (file != NULL)
        elman_window_open_file (self, file, NULL);
    }
  if ((gpointer) native == (gpointer) self->chooser)
    g_clear_object (&self->chooser);
}

GtkFileChooserNative *
elman_window_new_chooser (ElmanWindow          *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (native));
  return native;
}

static void
window_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);
  g_autoptr(GtkFileChooserNative) native = NULL;
  static const char *csv[] = { "*.csv", "*.CSV", NULL };
  static const char *tsv[] = { "*.tsv", "*.TSV", "*.tab", NULL };
  static const char *txt[] = { "*.txt", "*.dat", NULL };
  static const char *all_series[] = { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.tab", "*.txt", "*.dat", NULL };
  static const char *all[] = { "*", NULL };
  g_autoptr(GtkFileFilter) f_series = elman_window_new_filter (_("All Series"), "text/csv", all_series);
  g_autoptr(GtkFileFilter) f_csv = elman_window_new_filter (_("CSV Files"), "text/csv", csv);
  g_autoptr(GtkFileFilter) f_tsv = elman_window_new_filter (_("TSV Files"), "text/tab-separated-values", tsv);
  g_autoptr(GtkFileFilter) f_txt = elman_window_new_filter (_("Text Files"), "text/plain", txt);
  g_autoptr(GtkFileFilter) f_all = elman_window_new_filter (_("All Files"), NULL, all);

  gtk_file_filter_add_mime_type (f_series, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (f_series, "text/plain");

  native = g_object_ref (elman_window_new_chooser (self, _("Open a Series"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open")));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_series);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_tsv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_txt);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), f_series);

  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
window_open_recent_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  elman_window_open_file (ELMAN_WINDOW (widget), file, NULL);
}

static void
window_toggle_parameters_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ElmanWindow   *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  elman_window_open_file (self, G_FILE (files->data), NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Models                                                              */

/**
 * elman_window_open_model:
 *
 * Loads a model file (the core's JSON) and shows its predictions and
 * forecast for the open series.
 */
gboolean
elman_window_open_model (ElmanWindow  *self,
                         const char   *path,
                         GError      **error)
{
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  GBytes *predictions, *forecast;
  ElmanConfig config;
  gsize first = 0, size = 0, n_forecast;
  const double *values;
  g_autofree char *status = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  if (self->series == NULL)
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_TOO_SHORT,
                   _("%s: open a series before a model"), basename);
      return FALSE;
    }

  model = elman_model_load (path, error);
  if (model == NULL)
    return FALSE;

  elman_settings_read_config (self->settings, &config);
  config.horizon = model->horizon;
  n_forecast = elman_run_default_forecast_steps (&config, self->series->n);
  result = elman_run_result_new_for_models (self->series, &model, 1, &config, n_forecast, error);
  if (result == NULL)
    {
      g_prefix_error (error, "%s: ", basename);
      return FALSE;
    }
  predictions = elman_run_result_get_predictions (result, &first);
  forecast = elman_run_result_get_forecast (result);

  cancel_training (self);
  clear_results (self);
  self->model = g_steal_pointer (&model);
  self->run_result = g_steal_pointer (&result);
  self->result_horizon = self->model->horizon;
  self->result_first = first;
  self->result_predictions = g_bytes_ref (predictions);
  self->result_forecast = forecast ? g_bytes_ref (forecast) : NULL;
  self->result_n_train = elman_run_result_get_n_train (self->run_result);

  elman_plot_set_split (elman_plot_view_get_plot (self->plot_view), self->result_n_train);
  elman_plot_set_predictions (elman_plot_view_get_plot (self->plot_view), first, predictions);
  values = forecast ? g_bytes_get_data (forecast, &size) : NULL;
  elman_plot_set_forecast (elman_plot_view_get_plot (self->plot_view), values,
                           forecast ? size / sizeof (double) : 0);
  elman_plot_view_changed (self->plot_view);

  /* Translators: a model file name and its shape */
  status = g_strdup_printf (_("Model %s: T = %u, K = %u, J = %u"), basename,
                            self->model->window, self->model->horizon, self->model->hidden);
  set_status (self, status, NULL, 0);
  set_loss_text (self, NULL);

  /* The model was fitted on who knows what: score it on the test part the
   * current parameters define. */
  start_evaluation (self, NULL, config.season);
  update_validity (self);
  return TRUE;
}

static void
on_open_model_response (GtkNativeDialog *native,
                        int              response,
                        ElmanWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !elman_window_open_model (self, path, &error))
        elman_window_show_error (self, error);
    }
  if ((gpointer) native == (gpointer) self->chooser)
    g_clear_object (&self->chooser);
}

static void
window_open_model_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);
  GtkFileChooserNative *native;
  static const char *json[] = { "*.json", NULL };
  g_autoptr(GtkFileFilter) filter = elman_window_new_filter (_("Model Files"), "application/json", json);

  native = elman_window_new_chooser (self, _("Open a Model"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (on_open_model_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
elman_window_dispose (GObject *object)
{
  ElmanWindow *self = ELMAN_WINDOW (object);

  cancel_training (self);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_generation++;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  clear_results (self);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  gtk_widget_dispose_template (GTK_WIDGET (self), ELMAN_TYPE_WINDOW);
  self->plot_view = NULL;
  self->metrics_grid = NULL;
  self->ensemble_label = NULL;

  G_OBJECT_CLASS (elman_window_parent_class)->dispose (object);
}

static void
elman_window_finalize (GObject *object)
{
  ElmanWindow *self = ELMAN_WINDOW (object);

  g_clear_pointer (&self->series, elman_series_unref);
  g_clear_pointer (&self->info, elman_series_info_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->parameter_problem, g_free);
  g_clear_pointer (&self->metrics_text, g_free);
  g_clear_pointer (&self->train_loss, g_array_unref);
  g_clear_pointer (&self->valid_loss, g_array_unref);

  G_OBJECT_CLASS (elman_window_parent_class)->finalize (object);
}

static void
elman_window_class_init (ElmanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = elman_window_dispose;
  object_class->finalize = elman_window_finalize;

  g_type_ensure (ELMAN_TYPE_PLOT_VIEW);
  g_type_ensure (ELMAN_TYPE_PARAMS_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/elman/Elman/elman-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, flap_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, export_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, train_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, params_panel);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, plot_view);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, loss_label);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, ensemble_label);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, warning_box);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, warnings_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, metrics_grid);
  gtk_widget_class_bind_template_child (widget_class, ElmanWindow, progress_bar);

  gtk_widget_class_install_action (widget_class, "window.open", NULL, window_open_action);
  gtk_widget_class_install_action (widget_class, "window.open-recent", "s", window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "window.open-model", NULL, window_open_model_action);
  gtk_widget_class_install_action (widget_class, "window.toggle-parameters", NULL, window_toggle_parameters_action);
  gtk_widget_class_install_action (widget_class, "training.start", NULL, training_start_action);
  gtk_widget_class_install_action (widget_class, "training.stop", NULL, training_stop_action);
  elman_window_class_add_export_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "window.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "window.toggle-parameters", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "training.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "training.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "training.stop", NULL);
}

static void
elman_window_init (ElmanWindow *self)
{
  GtkDropTarget *drop;
  ElmanConfig config;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->recent_menu = g_menu_new ();
  self->train_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->valid_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->result_n_train = 0;

  /* Window size persists. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  elman_params_panel_set_settings (self->params_panel, self->settings);
  g_signal_connect_object (self->params_panel, "column-selected", G_CALLBACK (on_column_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->params_panel, "toast", G_CALLBACK (elman_window_show_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);

  /* Recent files under the Open button. */
  update_recent_menu (self);
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->recent_menu));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  elman_settings_read_config (self->settings, &config);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_validity (self);
}

/**
 * elman_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer full): a window without a series; call
 *   elman_window_open_initial() or elman_window_open_file()
 */
ElmanWindow *
elman_window_new (GtkApplication *application)
{
  return g_object_new (ELMAN_TYPE_WINDOW, "application", application, NULL);
}

/* ------------------------------------------------------------------ */
/* Accessors (tests and the application)                               */

ElmanSeries *
elman_window_get_series (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->series;
}

gboolean
elman_window_is_loading (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

/**
 * elman_window_is_evaluating:
 *
 * Returns: whether the test part is being scored (after a run or after
 *   opening a model)
 */
gboolean
elman_window_is_evaluating (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  return self->evaluating;
}

gboolean
elman_window_can_train (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  return self->series != NULL && self->worker == NULL && self->parameter_problem == NULL;
}

gboolean
elman_window_is_training (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  return self->worker != NULL;
}

guint
elman_window_get_n_runs (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), 0);

  return self->n_runs;
}

const ElmanModel *
elman_window_get_model (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->model;
}

/**
 * elman_window_get_n_models:
 *
 * Returns: how many networks the result has (an ensemble's size; 0
 *   without a result)
 */
guint
elman_window_get_n_models (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), 0);

  return self->models ? self->models->len : self->model ? 1 : 0;
}

/**
 * elman_window_get_worker:
 *
 * Returns: (transfer none) (nullable): the run in progress (for tests:
 *   its snapshots say which phase it is in)
 */
ElmanTrainingWorker *
elman_window_get_worker (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->worker;
}

/**
 * elman_window_get_ensemble_text:
 *
 * Returns: (nullable): the line on an ensemble's result (what the search
 *   chose, what is averaged), or %NULL when none is shown
 */
const char *
elman_window_get_ensemble_text (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->ensemble_label)))
    return NULL;
  return gtk_label_get_text (self->ensemble_label);
}

ElmanPlotView *
elman_window_get_plot_view (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->plot_view;
}

GSettings *
elman_window_get_settings (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->settings;
}

const char *
elman_window_get_status_text (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->epoch_label);
}

const char *
elman_window_get_loss_text (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->loss_label);
}

const char *
elman_window_get_metrics_text (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->metrics_text;
}

/**
 * elman_window_get_parameter_problem:
 *
 * Returns: (nullable): why Train is disabled, or %NULL
 */
const char *
elman_window_get_parameter_problem (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->parameter_problem;
}
