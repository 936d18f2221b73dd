/* elman-window-network.c — the window's Network view: the weights, hidden
 * states and gradient norms of the run as it trains, with Pause, Resume
 * and Step
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "elman-inspect.h"
#include "elman-window-private.h"

static ElmanPlot *
network_plot (ElmanWindow *self)
{
  return elman_network_view_get_plot (self->network_view);
}

static gboolean
network_shown (ElmanWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "network") == 0;
}

/* @saturation: (nullable) computed with the states, else here. */
static void
set_states (ElmanWindow *self,
            gsize        first,
            guint        hidden,
            GBytes      *states,
            GBytes      *saturation)
{
  if (states == self->shown_states)
    return;
  if (saturation != NULL && g_bytes_get_size (saturation) == hidden * sizeof (double))
    elman_plot_set_hidden_states_saturation (network_plot (self), first, hidden, states,
                                             g_bytes_get_data (saturation, NULL));
  else
    elman_plot_set_hidden_states (network_plot (self), first, hidden, states);
  g_clear_pointer (&self->shown_states, g_bytes_unref);
  self->shown_states = states ? g_bytes_ref (states) : NULL;
}

static void
update_note (ElmanWindow *self)
{
  const char *note = elman_plot_get_network_note (network_plot (self));

  gtk_label_set_label (self->network_note, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->network_note), note != NULL);
}

typedef struct
{
  ElmanModel  *model;
  ElmanSeries *series;
  gsize        first;
  GBytes      *states;
  GBytes      *saturation;
} StatesJob;

static void
states_job_free (StatesJob *job)
{
  g_clear_pointer (&job->model, elman_model_free);
  g_clear_pointer (&job->series, elman_series_unref);
  g_clear_pointer (&job->states, g_bytes_unref);
  g_clear_pointer (&job->saturation, g_bytes_unref);
  g_free (job);
}

static void
states_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StatesJob *job = task_data;
  guint J = job->model->hidden;
  double *states = g_new (double, (job->series->n - job->first + 1) * J);
  double *saturation = g_new (double, J);
  gsize n;

  n = elman_model_hidden_states (job->model, job->series->values, job->series->n, states);
  elman_inspect_saturation (states, n, J, ELMAN_PLOT_SATURATION_MARGIN, saturation);
  job->states = g_bytes_new_take (states, n * J * sizeof (double));
  job->saturation = g_bytes_new_take (saturation, J * sizeof (double));
  g_task_return_boolean (task, TRUE);
}

static void
on_states_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ElmanWindow *self = ELMAN_WINDOW (source);
  StatesJob *job = g_task_get_task_data (G_TASK (result));

  /* A newer model or a closed window: the job's states are stale. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || g_task_get_cancellable (G_TASK (result)) != self->states_cancellable)
    return;
  g_clear_object (&self->states_cancellable);
  set_states (self, job->first - 1, job->model->hidden, job->states, job->saturation);
  elman_network_view_changed (self->network_view);
}

static void
cancel_states (ElmanWindow *self)
{
  g_cancellable_cancel (self->states_cancellable);
  g_clear_object (&self->states_cancellable);
}

/* The states of a finished (or opened) model: once per model, when the
 * view is shown, on a thread (J = 256 over 20,000 values takes a
 * second). */
static void
compute_model_states (ElmanWindow *self)
{
  const ElmanModel *model = elman_session_get_model (self->session);
  ElmanSeries *series = elman_session_get_series (self->session);
  g_autoptr(GTask) task = NULL;
  StatesJob *job;

  if (!self->network_states_stale || !network_shown (self))
    return;
  self->network_states_stale = FALSE;
  cancel_states (self);
  if (model == NULL || series == NULL || series->n < elman_model_min_history (model))
    return;

  job = g_new0 (StatesJob, 1);
  job->model = elman_model_copy (model);
  job->series = elman_series_ref (series);
  job->first = elman_model_min_history (model);
  self->states_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->states_cancellable, on_states_done, NULL);
  g_task_set_name (task, "[elman] hidden states");
  g_task_set_task_data (task, job, (GDestroyNotify) states_job_free);
  g_task_run_in_thread (task, states_thread);
}

/**
 * elman_window_network_update:
 *
 * Pause, Resume and Step as the run allows; the note on what a paused
 * run can change.
 */
void
elman_window_network_update (ElmanWindow *self)
{
  gboolean can_pause = elman_session_can_pause (self->session);
  gboolean paused = can_pause && elman_session_get_paused (self->session);
  GtkWidget *button = GTK_WIDGET (self->pause_button);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.pause", can_pause);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.step", paused);
  gtk_button_set_icon_name (self->pause_button,
                            paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (button, paused ? _("Resume Training") : _("Pause Training"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused ? _("Resume") : _("Pause"), -1);
  if (paused && !gtk_widget_get_visible (self->paused_box))
    {
      ElmanConfig config;

      elman_session_get_config (self->session, &config);
      gtk_spin_button_set_value (self->paused_rate_spin, config.learning_rate);
    }
  gtk_widget_set_visible (self->paused_box, paused);
}

static void
pause_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);

  elman_session_set_paused (self->session, !elman_session_get_paused (self->session));
  elman_window_network_update (self);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  elman_session_step_training (ELMAN_WINDOW (widget)->session);
}

static void
on_rate_changed (ElmanWindow *self)
{
  double rate = gtk_spin_button_get_value (self->paused_rate_spin);

  if (elman_session_get_paused (self->session) && isfinite (rate) && rate > 0)
    elman_session_set_learning_rate (self->session, rate);
}

static void
on_view_changed (ElmanWindow *self)
{
  gboolean shown = network_shown (self);

  elman_session_set_want_states (self->session, shown);
  if (shown)
    compute_model_states (self);
}

void
elman_window_class_add_network_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "training.pause", NULL, pause_activated);
  gtk_widget_class_install_action (widget_class, "training.step", NULL, step_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK, "training.pause", NULL);
}

void
elman_window_network_init (ElmanWindow *self)
{
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paused_rate_spin, "value-changed", G_CALLBACK (on_rate_changed), self,
                           G_CONNECT_SWAPPED);
  elman_window_network_update (self);
}

void
elman_window_network_dispose (ElmanWindow *self)
{
  cancel_states (self);
  g_clear_pointer (&self->shown_states, g_bytes_unref);
}

/**
 * elman_window_network_show_series:
 *
 * A new series (or a new run): the view starts over from it.
 */
void
elman_window_network_show_series (ElmanWindow *self)
{
  elman_plot_set_series (network_plot (self), elman_session_get_series (self->session));
  elman_plot_clear_results (network_plot (self));
  g_clear_pointer (&self->shown_states, g_bytes_unref);
  self->network_states_stale = FALSE;
  cancel_states (self);
  update_note (self);
  elman_network_view_changed (self->network_view);
}

/**
 * elman_window_network_show_snapshot:
 *
 * The run's newest weights, gradient norms, loss and (when the worker
 * computed them) hidden states.
 */
void
elman_window_network_show_snapshot (ElmanWindow                 *self,
                                    const ElmanTrainingSnapshot *snapshot)
{
  const double *train, *valid;
  gsize n;

  if (snapshot->params == NULL)
    return;
  elman_plot_set_weights (network_plot (self), snapshot->window, snapshot->horizon, snapshot->hidden,
                          snapshot->bias, snapshot->params);
  elman_plot_set_grad_norms (network_plot (self), snapshot->grad_norms);
  elman_session_get_losses (self->session, &train, &valid, &n);
  if (snapshot->epoch > 0 && n > 0)
    elman_plot_set_loss (network_plot (self), train, valid, n, snapshot->best_epoch);
  if (snapshot->states != NULL)
    set_states (self, snapshot->states_first, snapshot->hidden, snapshot->states, snapshot->saturation);
  update_note (self);
  elman_window_network_update (self);
  elman_network_view_changed (self->network_view);
}

/**
 * elman_window_network_show_result:
 *
 * The model the run ended with, or an opened one: its weights, the
 * run's gradient norms, and its hidden states once the view is shown.
 */
void
elman_window_network_show_result (ElmanWindow *self)
{
  const ElmanModel *model = elman_session_get_model (self->session);
  ElmanRunResult *result = elman_session_get_result (self->session);
  const double *train, *valid;
  gsize n;

  if (model == NULL)
    return;
  elman_plot_set_model (network_plot (self), model);
  elman_plot_set_grad_norms (network_plot (self), result ? elman_run_result_get_grad_norms (result) : NULL);
  elman_session_get_losses (self->session, &train, &valid, &n);
  if (n > 0)
    elman_plot_set_loss (network_plot (self), train, valid, n, result ? elman_run_result_get_best_epoch (result) : 0);
  self->network_states_stale = TRUE;
  set_states (self, 0, 0, NULL, NULL);
  compute_model_states (self);
  update_note (self);
  elman_window_network_update (self);
  elman_network_view_changed (self->network_view);
}

/**
 * elman_window_get_shown_plot:
 * @panels: (out): the panels it draws
 *
 * Returns: (transfer none): the plot of the view on screen: the series'
 *   or the network's
 */
ElmanPlot *
elman_window_get_shown_plot (ElmanWindow    *self,
                             ElmanPlotPanel *panels)
{
  if (network_shown (self))
    {
      *panels = elman_network_view_get_panels (self->network_view);
      return network_plot (self);
    }
  *panels = elman_plot_view_get_panels (self->plot_view);
  return elman_plot_view_get_plot (self->plot_view);
}

/**
 * elman_window_get_network_view:
 *
 * Returns: (transfer none): the Network view
 */
ElmanNetworkView *
elman_window_get_network_view (ElmanWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), NULL);

  return self->network_view;
}
