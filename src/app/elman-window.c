/* elman-window.c — the main window: the layout, and the wiring of the
 * session to the plot and the panels
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <glib/gi18n.h>

#include "elman-window-private.h"

G_DEFINE_FINAL_TYPE (ElmanWindow, elman_window, ADW_TYPE_APPLICATION_WINDOW)

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

/* Errors as toasts; a file that opens but does not read as it is: the
 * import dialog lets the user say how. */
static void
on_session_error (ElmanWindow  *self,
                  const GError *error,
                  const char   *path)
{
  ElmanSeries *series = elman_session_get_series (self->session);
  GFile *file = elman_session_get_file (self->session);

  elman_window_show_error (self, error);
  /* A refused column: the chooser goes back to the series shown. */
  if (series != NULL && file != NULL)
    elman_params_panel_show_series (self->params_panel, file, series, elman_session_get_info (self->session));
  if (path != NULL && g_error_matches (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_MISSING))
    elman_window_offer_import (self, path);
}

static ElmanPlot *
plot (ElmanWindow *self)
{
  return elman_plot_view_get_plot (self->plot_view);
}

/* ------------------------------------------------------------------ */
/* Header bar and sidebar                                              */

static void
update_actions (ElmanWindow *self)
{
  gboolean training = elman_session_get_training (self->session);
  gboolean have_series = elman_session_get_series (self->session) != NULL;
  gboolean have_model = elman_session_get_model (self->session) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start", elman_session_can_train (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.stop", training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.plot", have_series);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.predictions", !training && have_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.model", !training && have_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.open-model", !training && have_series);
  elman_window_network_update (self);
}

static void
update_train_button (ElmanWindow *self)
{
  gboolean training = elman_session_get_training (self->session);
  const char *problem = elman_session_get_parameter_problem (self->session);
  GtkWidget *button = GTK_WIDGET (self->train_button);

  gtk_button_set_label (self->train_button, training ? _("_Stop") : _("_Train"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), training ? "training.stop" : "training.start");
  gtk_widget_set_tooltip_text (button, training ? _("Stop Training (Escape)")
                                                : (problem ? problem : _("Train the Network (Ctrl+Return)")));
  gtk_widget_remove_css_class (button, training ? "suggested-action" : "destructive-action");
  gtk_widget_add_css_class (button, training ? "destructive-action" : "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, training ? _("Stop") : _("Train"),
                                  -1);
  elman_params_panel_set_editable (self->params_panel, !training);
  update_actions (self);
}

static void
on_config_changed (ElmanWindow *self)
{
  ElmanConfig config;

  elman_session_get_config (self->session, &config);
  elman_params_panel_show_state (self->params_panel, &config, elman_session_get_parameter_problem (self->session),
                                 elman_session_get_modified (self->session));
  update_train_button (self);
}

/* ------------------------------------------------------------------ */
/* The series                                                          */

/* What the plot shows of a run, to copy only what is new. */
static void
forget_shown (ElmanWindow *self)
{
  g_clear_pointer (&self->shown_predictions, g_bytes_unref);
  g_clear_pointer (&self->shown_forecast, g_bytes_unref);
  g_clear_pointer (&self->shown_bands, g_bytes_unref);
}

static void
on_series (ElmanWindow *self)
{
  ElmanSeries *series = elman_session_get_series (self->session);
  GFile *file = elman_session_get_file (self->session);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *subtitle = NULL;
  const char *name = series->name && *series->name ? series->name : _("values");

  gtk_window_set_title (GTK_WINDOW (self), basename);
  adw_window_title_set_title (self->window_title, basename);
  /* Translators: column name and number of values, e.g. "value · 144 values" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %zu value", "%s · %zu values", series->n),
                              name, series->n);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  elman_params_panel_show_series (self->params_panel, file, series, elman_session_get_info (self->session));
  elman_params_panel_show_search (self->params_panel, NULL);
  elman_window_add_to_recent (self, file);
  elman_plot_set_series (plot (self), series);
  elman_plot_clear_results (plot (self));
  forget_shown (self);
  /* Setting the series moved the split to its end. */
  elman_plot_set_split (plot (self), elman_session_get_n_train (self->session));
  elman_plot_view_changed (self->plot_view);
  elman_window_network_show_series (self);
  gtk_stack_set_visible_child_name (self->main_stack, "plot");
}

static void
on_loading (ElmanWindow *self)
{
  gboolean have_series = elman_session_get_series (self->session) != NULL;

  if (elman_session_get_loading (self->session))
    {
      if (!have_series)
        {
          gtk_stack_set_visible_child_name (self->main_stack, "loading");
          gtk_spinner_start (self->loading_spinner);
        }
      return;
    }
  gtk_spinner_stop (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, have_series ? "plot" : "empty");
}

static void
on_column_selected (ElmanWindow *self,
                    guint        column)
{
  const ElmanSeriesInfo *info = elman_session_get_info (self->session);
  g_autofree char *index = g_strdup_printf ("%u", column);
  GFile *file = elman_session_get_file (self->session);

  if (info != NULL && file != NULL && (int) column != info->column)
    {
      g_autoptr(GFile) keep = g_object_ref (file);
      elman_session_open_file (self->session, keep, index);
    }
}

/* ------------------------------------------------------------------ */
/* The plot follows the run                                            */

/* Predictions and the forecast with an ensemble's 80 % and 95 % intervals
 * (@bands: lower80, upper80, lower95, upper95, each as long as the
 * forecast); only what changed is copied. */
static void
show_predictions (ElmanWindow *self,
                  gsize        first,
                  GBytes      *predictions,
                  GBytes      *forecast,
                  GBytes      *bands)
{
  if (predictions != self->shown_predictions)
    {
      elman_plot_set_predictions (plot (self), first, predictions);
      g_clear_pointer (&self->shown_predictions, g_bytes_unref);
      self->shown_predictions = predictions ? g_bytes_ref (predictions) : NULL;
    }
  if (forecast != self->shown_forecast || bands != self->shown_bands)
    {
      gsize size = 0, band_size = 0, n;
      const double *values = forecast ? g_bytes_get_data (forecast, &size) : NULL;
      const double *b = bands ? g_bytes_get_data (bands, &band_size) : NULL;

      n = size / sizeof (double);
      elman_plot_set_forecast (plot (self), values, n);
      if (b != NULL && n > 0 && band_size == 4 * n * sizeof (double))
        {
          elman_plot_set_forecast_band (plot (self), 0.95, b + 2 * n, b + 3 * n, n);
          elman_plot_set_forecast_band (plot (self), 0.80, b, b + n, n);
        }
      g_clear_pointer (&self->shown_forecast, g_bytes_unref);
      self->shown_forecast = forecast ? g_bytes_ref (forecast) : NULL;
      g_clear_pointer (&self->shown_bands, g_bytes_unref);
      self->shown_bands = bands ? g_bytes_ref (bands) : NULL;
    }
  elman_plot_view_changed (self->plot_view);
}

static void
on_snapshot (ElmanWindow                 *self,
             const ElmanTrainingSnapshot *snapshot)
{
  const double *train, *valid;
  gsize n;

  elman_session_get_losses (self->session, &train, &valid, &n);
  if (snapshot->epoch > 0 && n > 0)
    elman_plot_set_loss (plot (self), train, valid, n, snapshot->best_epoch);
  show_predictions (self, snapshot->first, snapshot->predictions, snapshot->forecast, snapshot->bands);
  elman_window_network_show_snapshot (self, snapshot);
}

static void
on_result (ElmanWindow *self)
{
  gsize first = 0;
  GBytes *bands = NULL;
  GBytes *predictions = elman_session_get_predictions (self->session, &first);
  GBytes *forecast = elman_session_get_forecast (self->session, &bands);
  ElmanConfig chosen;

  elman_window_network_show_result (self);
  if (elman_session_get_result (self->session) == NULL)
    return;
  /* A model file: nothing of a run is left on the plot. */
  if (elman_session_get_snapshot (self->session) == NULL)
    {
      forget_shown (self);
      elman_plot_clear_results (plot (self));
    }
  if (predictions != NULL)
    show_predictions (self, first, predictions, forecast, bands);
  if (elman_session_get_search (self->session, &chosen, NULL, NULL, NULL))
    {
      elman_params_panel_show_search (self->params_panel, &chosen);
      elman_results_panel_show_search (self->results_panel,
                                       elman_params_panel_transform_label (self->params_panel, chosen.transform));
    }
  else
    elman_results_panel_show_search (self->results_panel, NULL);
  update_actions (self);
}

static void
on_split (ElmanWindow *self)
{
  elman_plot_set_split (plot (self), elman_session_get_n_train (self->session));
  elman_plot_view_changed (self->plot_view);
}

static void
on_evaluation (ElmanWindow *self)
{
  elman_plot_set_evaluation (plot (self), elman_session_get_evaluation (self->session));
  elman_plot_view_changed (self->plot_view);
}

/* Picks up at most one snapshot per frame: the newest. */
static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  ElmanWindow *self = user_data;

  if (elman_session_poll (self->session))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_training (ElmanWindow *self)
{
  if (elman_session_get_training (self->session))
    {
      /* A new run: the plot starts over from the series. */
      forget_shown (self);
      elman_plot_clear_results (plot (self));
      elman_params_panel_show_search (self->params_panel, NULL);
      elman_plot_view_changed (self->plot_view);
      elman_window_network_show_series (self);
      /* On the window: the plot is not mapped while the Network view
       * is shown. */
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, self, NULL);
    }
  else
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      /* A run that ended with nothing (an unfinished ensemble) leaves
       * nothing of what it showed while training. */
      if (elman_session_get_result (self->session) == NULL)
        {
          forget_shown (self);
          elman_plot_clear_results (plot (self));
          elman_plot_view_changed (self->plot_view);
        }
    }
  update_train_button (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
elman_window_dispose (GObject *object)
{
  ElmanWindow *self = ELMAN_WINDOW (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* Drops the session: its run and its loading are cancelled. */
  g_clear_object (&self->session);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  forget_shown (self);
  elman_window_network_dispose (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  gtk_widget_dispose_template (GTK_WIDGET (self), ELMAN_TYPE_WINDOW);
  self->plot_view = NULL;

  G_OBJECT_CLASS (elman_window_parent_class)->dispose (object);
}

static void
elman_window_class_init (ElmanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = elman_window_dispose;

  g_type_ensure (ELMAN_TYPE_PLOT_VIEW);
  g_type_ensure (ELMAN_TYPE_PARAMS_PANEL);
  g_type_ensure (ELMAN_TYPE_RESULTS_PANEL);
  g_type_ensure (ELMAN_TYPE_NETWORK_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/elman/Elman/elman-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ElmanWindow, name)
  BIND (toast_overlay);
  BIND (open_button);
  BIND (flap_button);
  BIND (primary_menu_button);
  BIND (export_menu_button);
  BIND (window_title);
  BIND (train_button);
  BIND (flap);
  BIND (params_panel);
  BIND (main_stack);
  BIND (loading_spinner);
  BIND (plot_view);
  BIND (results_panel);
  BIND (view_stack);
  BIND (network_view);
  BIND (pause_button);
  BIND (paused_box);
  BIND (paused_rate_spin);
  BIND (network_note);
#undef BIND

  elman_window_class_add_actions (widget_class);
  elman_window_class_add_network_actions (widget_class);
}

static void
elman_window_init (ElmanWindow *self)
{
  static const struct { const char *signal; GCallback callback; } wiring[] = {
    { "notify::series",     G_CALLBACK (on_series) },
    { "notify::loading",    G_CALLBACK (on_loading) },
    { "notify::training",   G_CALLBACK (on_training) },
    { "notify::result",     G_CALLBACK (on_result) },
    { "notify::n-train",    G_CALLBACK (on_split) },
    { "notify::evaluation", G_CALLBACK (on_evaluation) },
    { "config-changed",     G_CALLBACK (on_config_changed) },
    { "snapshot",           G_CALLBACK (on_snapshot) },
    { "error",              G_CALLBACK (on_session_error) },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->recent_menu = g_menu_new ();

  /* Window size persists. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  /* The panel first: on the first start it fills the parameters from
   * the preset before the session reads them. */
  elman_params_panel_set_settings (self->params_panel, self->settings);
  g_signal_connect_object (self->params_panel, "column-selected", G_CALLBACK (on_column_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->params_panel, "toast", G_CALLBACK (elman_window_show_toast), self,
                           G_CONNECT_SWAPPED);

  self->session = elman_session_new (self->settings);
  for (guint i = 0; i < G_N_ELEMENTS (wiring); i++)
    g_signal_connect_swapped (self->session, wiring[i].signal, wiring[i].callback, self);
  elman_results_panel_set_session (self->results_panel, self->session);

  elman_window_init_actions (self);
  elman_window_network_init (self);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  on_config_changed (self);
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
/* What the application and the tests call                             */

/**
 * elman_window_open_file:
 * @column: (nullable): header name or 0-based index; %NULL picks the
 *   last numeric column
 *
 * Loads @file on a worker thread, with the import choices it was last
 * opened with; errors appear as a toast with the loader's message. A
 * training run in progress stops once the new series is there.
 */
void
elman_window_open_file (ElmanWindow *self,
                        GFile       *file,
                        const char  *column)
{
  g_autofree char *path = NULL;
  g_autoptr(ElmanImportChoice) choice = NULL;

  g_return_if_fail (ELMAN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* the choices the file was last imported with */
  path = g_file_get_path (file);
  if (path != NULL)
    choice = elman_import_choice_recall (path);
  if (choice != NULL && column != NULL)
    {
      g_free (choice->column);
      choice->column = g_strdup (column);
      choice->options.column = choice->column;
    }
  else if (choice == NULL && column != NULL)
    {
      ElmanLoadOptions options;

      elman_load_options_init (&options);
      options.column = column;
      choice = elman_import_choice_new (&options);
    }
  elman_window_open_file_choice (self, file, g_steal_pointer (&choice));
}

/**
 * elman_window_open_file_choice:
 * @choice: (transfer full) (nullable): how to read the file; %NULL for
 *   what the loader detects
 */
void
elman_window_open_file_choice (ElmanWindow       *self,
                               GFile             *file,
                               ElmanImportChoice *choice)
{
  g_autoptr(ElmanImportChoice) owned = choice;

  g_return_if_fail (ELMAN_IS_WINDOW (self));

  elman_session_open_file_with_options (self->session, file, owned ? &owned->options : NULL);
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
  g_return_if_fail (ELMAN_IS_WINDOW (self));

  elman_session_open_initial (self->session);
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
  g_return_if_fail (ELMAN_IS_WINDOW (self));

  /* Ctrl+Return while typing into a spin button: that value counts. */
  elman_params_panel_commit_text (self->params_panel);
  elman_session_start_training (self->session);
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

  elman_session_stop_training (self->session);
}

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
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  return elman_session_open_model (self->session, path, error);
}

/**
 * elman_window_get_session:
 *
 * Returns: (transfer none): the window's document
 */
ElmanSession *
elman_window_get_session (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->session;
}

#define DELEGATE(type, name, getter, fallback)              \
  type                                                      \
  elman_window_##name (ElmanWindow *self)                   \
  {                                                         \
    g_return_val_if_fail (ELMAN_IS_WINDOW (self), fallback); \
    return getter;                                          \
  }

DELEGATE (ElmanSeries *, get_series, elman_session_get_series (self->session), NULL)
DELEGATE (gboolean, is_loading, elman_session_get_loading (self->session), FALSE)
DELEGATE (gboolean, is_evaluating, elman_session_get_evaluating (self->session), FALSE)
DELEGATE (gboolean, can_train, elman_session_can_train (self->session), FALSE)
DELEGATE (gboolean, is_training, elman_session_get_training (self->session), FALSE)
DELEGATE (guint, get_n_runs, elman_session_get_n_runs (self->session), 0)
DELEGATE (const ElmanModel *, get_model, elman_session_get_model (self->session), NULL)
DELEGATE (guint, get_n_models, elman_session_get_n_models (self->session), 0)
DELEGATE (ElmanTrainingWorker *, get_worker, elman_session_get_worker (self->session), NULL)
DELEGATE (const char *, get_ensemble_text, elman_results_panel_get_search_text (self->results_panel), NULL)
DELEGATE (ElmanPlotView *, get_plot_view, self->plot_view, NULL)
DELEGATE (GSettings *, get_settings, self->settings, NULL)
DELEGATE (const char *, get_status_text, elman_session_get_status (self->session), NULL)
DELEGATE (const char *, get_loss_text, elman_session_get_loss_text (self->session), NULL)
DELEGATE (const char *, get_metrics_text, elman_results_panel_get_metrics_text (self->results_panel), NULL)
DELEGATE (const char *, get_parameter_problem, elman_session_get_parameter_problem (self->session), NULL)

#undef DELEGATE
