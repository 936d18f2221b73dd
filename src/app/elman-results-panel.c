/* elman-results-panel.c — the status under the plot: progress, metrics,
 * notes
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "elman-format.h"
#include "elman-results-panel.h"

struct _ElmanResultsPanel
{
  AdwBin          parent_instance;

  GtkWidget      *status_box;
  GtkLabel       *epoch_label;
  GtkLabel       *time_label;
  GtkLabel       *stale_label;
  GtkLabel       *problem_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *loss_label;
  GtkLabel       *ensemble_label;
  GtkWidget      *warning_box;
  GtkLabel       *warning_label;
  GtkMenuButton  *warnings_button;
  GtkBox         *warnings_list;
  GtkGrid        *metrics_grid;

  ElmanSession   *session;
  char           *metrics_text;
  guint           pulse_id;
};

G_DEFINE_FINAL_TYPE (ElmanResultsPanel, elman_results_panel, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ */
/* The metrics table                                                   */

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
attach_scores (ElmanResultsPanel *self,
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
  g_autofree char *mase = elman_app_format_value (scores->mase);
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

/* The network's rows and every baseline's on the same origins. */
static char *
fill_scores (ElmanResultsPanel     *self,
             const ElmanEvaluation *ev)
{
  static const ElmanForecaster shown[] = {
    ELMAN_FORECASTER_MODEL, ELMAN_FORECASTER_NAIVE, ELMAN_FORECASTER_SEASONAL_NAIVE,
    ELMAN_FORECASTER_DRIFT, ELMAN_FORECASTER_MEAN,
  };
  g_autoptr(GString) text = g_string_new (NULL);
  ElmanRunResult *result = elman_session_get_result (self->session);
  const char *choice_label = elman_auto_choice_row_label (result ? elman_run_result_get_choice (result) : NULL);
  int row = 1;

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *ensemble = NULL;

      if (shown[i] == ELMAN_FORECASTER_SEASONAL_NAIVE && ev->season <= 1)
        continue;
      /* An ensemble is scored by its mean forecast; --auto's choice by
       * what it chose. */
      if (shown[i] == ELMAN_FORECASTER_MODEL && choice_label != NULL)
        ensemble = g_strdup (choice_label);
      else if (shown[i] == ELMAN_FORECASTER_MODEL && ev->n_models > 1)
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
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The first note in the status area, all of them in a popover: that the
 * learning rate is too large (with or without a test part), then the
 * evaluation's warnings, in the sidebar's words. */
static void
update_notes (ElmanResultsPanel *self)
{
  g_auto(GStrv) notes = elman_run_result_dup_notes (elman_session_get_result (self->session),
                                                    elman_session_get_evaluation (self->session),
                                                    ELMAN_WORDING_APP);
  guint n = g_strv_length (notes);
  g_autofree char *more = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_box_remove (self->warnings_list, child);
  gtk_widget_set_visible (self->warning_box, n > 0);
  if (n == 0)
    return;

  gtk_label_set_text (self->warning_label, notes[0]);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = gtk_label_new (notes[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* Not selectable: a selectable label takes the popover's focus and
       * opens with all its text selected. */
      gtk_box_append (self->warnings_list, label);
    }
  /* Translators: opens the list of all notes on the result */
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Note", "%u Notes", n), n);
  gtk_menu_button_set_label (self->warnings_button, more);
}

/* Test metrics after training: the core's rolling-origin evaluation of
 * the test part, the network beside the naive forecasts on the same
 * origins, and its one-line warnings. */
static void
update_test_metrics (ElmanResultsPanel *self)
{
  const ElmanEvaluation *ev = elman_session_get_evaluation (self->session);
  gboolean evaluating = elman_session_get_evaluating (self->session);
  g_autofree char *caption = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->metrics_grid))) != NULL)
    gtk_grid_remove (self->metrics_grid, child);
  g_clear_pointer (&self->metrics_text, g_free);

  gtk_widget_set_visible (GTK_WIDGET (self->metrics_grid), ev != NULL || evaluating);
  update_notes (self);
  if (ev == NULL)
    {
      if (evaluating)
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
  self->metrics_text = fill_scores (self, ev);
}

/* ------------------------------------------------------------------ */
/* What an ensemble's result is                                        */

/* What --auto forecasts with, after the search's sentence: the networks
 * need no word unless the methods could not be compared with them. */
static void
append_choice (GString               *text,
               const ElmanAutoChoice *choice)
{
  g_autofree char *name = NULL, *chosen = NULL, *networks = NULL;

  if (choice == NULL || isnan (choice->network_mae) || choice->kind == ELMAN_AUTO_CHOICE_NETWORK)
    return;
  name = elman_auto_choice_name (choice);
  chosen = elman_app_format_value (choice->chosen_mae);
  networks = elman_app_format_value (choice->network_mae);
  if (text->len > 0)
    g_string_append_c (text, ' ');
  /* Translators: %s names what forecasts, e.g. "the mean of the networks,
   * Holt–Winters (…) and …"; then two validation errors */
  g_string_append_printf (text, _("It forecasts with %s: validation MAE %s, against %s for the networks alone."),
                          name, chosen, networks);
}

/**
 * elman_results_panel_show_search:
 * @transform_label: (nullable): the name of the transform the search
 *   chose, as the parameters panel shows it
 *
 * After a run of several networks, one line on what the forecast is: the
 * settings the search chose and what is averaged, as trained; hidden
 * otherwise.
 */
void
elman_results_panel_show_search (ElmanResultsPanel *self,
                                 const char        *transform_label)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n, n_candidates = 0, n_settings = 0, n_seeds = 0;
  const ElmanAutoChoice *choice;
  ElmanRunResult *result;
  ElmanConfig best;

  g_return_if_fail (ELMAN_IS_RESULTS_PANEL (self));

  result = elman_session_get_result (self->session);
  choice = result ? elman_run_result_get_choice (result) : NULL;
  /* The models are the networks and the copies of the methods --auto
   * averages with them. */
  n = elman_auto_choice_n_networks (choice, elman_session_get_n_models (self->session));
  if (elman_session_get_search (self->session, &best, &n_candidates, &n_settings, &n_seeds))
    {
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
                              best.window, best.hidden, rate,
                              transform_label ? transform_label : elman_transform_to_string (best.transform),
                              n_candidates);
      g_string_append_c (text, ' ');
      /* A method alone: the networks were set aside (append_choice). */
      if (n == 0)
        g_string_truncate (text, text->len - 1);
      else if (n_settings <= 1)
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
  append_choice (text, choice);
  gtk_label_set_text (self->ensemble_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->ensemble_label), text->len > 0);
}

/* ------------------------------------------------------------------ */
/* Following the session                                               */

static gboolean
pulse (gpointer user_data)
{
  ElmanResultsPanel *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Stopping a long run takes up to an epoch: the bar pulses meanwhile. */
static void
on_stopping (ElmanResultsPanel *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (elman_session_get_stopping (self->session))
    self->pulse_id = g_timeout_add (100, pulse, self);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, elman_session_get_fraction (self->session));
}

static void
on_result (ElmanResultsPanel *self)
{
  if (elman_session_get_result (self->session) == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->ensemble_label), FALSE);
  update_notes (self);
}

/* Results of other settings than the sidebar's are marked as such, and
 * dimmed, until the next run. */
static void
on_stale (ElmanResultsPanel *self)
{
  gboolean stale = elman_session_get_stale (self->session);
  GtkWidget *dimmed[] = {
    GTK_WIDGET (self->progress_bar), GTK_WIDGET (self->loss_label), GTK_WIDGET (self->metrics_grid),
    self->warning_box,
  };

  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), stale);
  for (guint i = 0; i < G_N_ELEMENTS (dimmed); i++)
    gtk_widget_set_opacity (dimmed[i], stale ? 0.5 : 1);
}

/* Why Train is unavailable, where the results would be. */
static void
on_parameter_problem (ElmanResultsPanel *self)
{
  const char *problem = elman_session_get_parameter_problem (self->session);

  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label),
                          problem != NULL && elman_session_get_series (self->session) != NULL);
}

/**
 * elman_results_panel_set_session:
 *
 * Shows the status, progress and evaluation of @session (once).
 */
void
elman_results_panel_set_session (ElmanResultsPanel *self,
                                 ElmanSession      *session)
{
  static const struct { const char *property; const char *target; } bound[] = {
    { "status", "epoch_label" }, { "time-text", "time_label" }, { "loss-text", "loss_label" },
  };

  g_return_if_fail (ELMAN_IS_RESULTS_PANEL (self));
  g_return_if_fail (ELMAN_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    g_object_bind_property (session, bound[i].property,
                            gtk_widget_get_template_child (GTK_WIDGET (self), ELMAN_TYPE_RESULTS_PANEL,
                                                           bound[i].target),
                            "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (session, "fraction", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (session, "notify::stopping", G_CALLBACK (on_stopping), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::result", G_CALLBACK (on_result), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::evaluation", G_CALLBACK (update_test_metrics), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::evaluating", G_CALLBACK (update_test_metrics), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::stale", G_CALLBACK (on_stale), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::parameter-problem", G_CALLBACK (on_parameter_problem), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::series", G_CALLBACK (on_parameter_problem), self,
                           G_CONNECT_SWAPPED);
  update_test_metrics (self);
  on_stale (self);
  on_parameter_problem (self);
}

/**
 * elman_results_panel_get_metrics_text:
 *
 * Returns: (nullable): the metrics table as text, a line per row
 */
const char *
elman_results_panel_get_metrics_text (ElmanResultsPanel *self)
{
  g_return_val_if_fail (ELMAN_IS_RESULTS_PANEL (self), NULL);

  return self->metrics_text;
}

/**
 * elman_results_panel_get_search_text:
 *
 * Returns: (nullable): the line on an ensemble's result, or %NULL when
 *   none is shown
 */
const char *
elman_results_panel_get_search_text (ElmanResultsPanel *self)
{
  g_return_val_if_fail (ELMAN_IS_RESULTS_PANEL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->ensemble_label)))
    return NULL;
  return gtk_label_get_text (self->ensemble_label);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
elman_results_panel_dispose (GObject *object)
{
  ElmanResultsPanel *self = ELMAN_RESULTS_PANEL (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  /* The session may outlive the panel, and notify while it goes. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin unparents its child itself: the template must not as well. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ELMAN_TYPE_RESULTS_PANEL);

  G_OBJECT_CLASS (elman_results_panel_parent_class)->dispose (object);
}

static void
elman_results_panel_finalize (GObject *object)
{
  ElmanResultsPanel *self = ELMAN_RESULTS_PANEL (object);

  g_clear_pointer (&self->metrics_text, g_free);

  G_OBJECT_CLASS (elman_results_panel_parent_class)->finalize (object);
}

static void
elman_results_panel_class_init (ElmanResultsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = elman_results_panel_dispose;
  object_class->finalize = elman_results_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/elman/Elman/elman-results-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ElmanResultsPanel, name)
  BIND (status_box);
  BIND (epoch_label);
  BIND (time_label);
  BIND (stale_label);
  BIND (problem_label);
  BIND (progress_bar);
  BIND (loss_label);
  BIND (ensemble_label);
  BIND (warning_box);
  BIND (warning_label);
  BIND (warnings_button);
  BIND (warnings_list);
  BIND (metrics_grid);
#undef BIND
}

static void
elman_results_panel_init (ElmanResultsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
