/* elman-plot-network.c — what the plot shows of the inside of the
 * network: weights, hidden states, gradient norms, and what they tell
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-inspect.h"
#include "elman-plot-panel-private.h"

/* Units whose weights agree to this share of the largest weight are the
 * same unit; a unit is saturated where σ is this close to 0 or 1. */
#define IDENTICAL_TOLERANCE 1e-9
#define SATURATION_MARGIN   ELMAN_PLOT_SATURATION_MARGIN

static void
clear_weights (ElmanPlot *plot)
{
  g_clear_pointer (&plot->params_bytes, g_bytes_unref);
  plot->params = NULL;
  plot->net_window = plot->net_horizon = plot->net_hidden = 0;
  plot->net_bias = FALSE;
  g_clear_pointer (&plot->unit_group, g_free);
  plot->largest_group = 0;
  g_clear_pointer (&plot->network_note, g_free);
  memset (plot->weight_rects, 0, sizeof plot->weight_rects);
}

static void
clear_states (ElmanPlot *plot)
{
  g_clear_pointer (&plot->states_bytes, g_bytes_unref);
  plot->states = NULL;
  plot->states_first = plot->n_states = 0;
  plot->states_hidden = 0;
  g_clear_pointer (&plot->saturation, g_free);
  plot->n_saturated = 0;
}

void
elman_plot_network_clear (ElmanPlot *plot)
{
  clear_weights (plot);
  clear_states (plot);
  g_clear_pointer (&plot->grad_norms, g_free);
  plot->n_grad_epochs = 0;
}

/* The note under the weights: why training cannot help when all units
 * are one. */
static char *
identical_note (guint largest,
                guint hidden)
{
  if (largest <= 1)
    return NULL;
  if (largest == hidden)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The %u hidden unit is identical: zero initial weights keep it symmetric",
                                         "All %u hidden units are identical: zero initial weights keep them symmetric",
                                         hidden),
                            hidden);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u hidden units are identical (outlined): they get the same gradient and stay alike",
                                       "%u of %u hidden units are identical (outlined): they get the same gradient and stay alike",
                                       largest),
                          largest, hidden);
}

void
elman_plot_set_weights (ElmanPlot *plot,
                        guint      window,
                        guint      horizon,
                        guint      hidden,
                        gboolean   bias,
                        GBytes    *params)
{
  gsize J = hidden, T = window, K = horizon, need, size = 0;
  ElmanModel view;

  g_return_if_fail (plot != NULL);

  need = J * J + J * T + K * J + (bias ? J + K : 0);
  if (params && (window == 0 || horizon == 0 || hidden == 0
                 || (g_bytes_get_data (params, &size), size < need * sizeof (double))))
    {
      g_critical ("elman_plot_set_weights: %zu bytes cannot hold T = %u, K = %u, J = %u",
                  size, window, horizon, hidden);
      params = NULL;
    }

  /* The same array again: nothing to derive. */
  if (params && params == plot->params_bytes)
    return;
  if (params)
    g_bytes_ref (params);
  clear_weights (plot);
  if (params == NULL)
    return;

  plot->params_bytes = params;
  plot->params = g_bytes_get_data (params, NULL);
  plot->net_window = window;
  plot->net_horizon = horizon;
  plot->net_hidden = hidden;
  plot->net_bias = bias;

  /* elman_inspect_identical_units() reads a model: one that borrows the
   * shared weights. */
  memset (&view, 0, sizeof view);
  view.window = window;
  view.horizon = horizon;
  view.hidden = hidden;
  view.W = (double *) plot->params;
  view.U = view.W + J * J;
  view.V = view.U + J * T;
  view.b = bias ? view.V + K * J : NULL;
  view.c = bias ? view.b + J : NULL;
  plot->unit_group = g_new (guint, J);
  plot->largest_group = elman_inspect_identical_units (&view, IDENTICAL_TOLERANCE, plot->unit_group);
  plot->network_note = identical_note (plot->largest_group, hidden);
}

void
elman_plot_set_model (ElmanPlot        *plot,
                      const ElmanModel *model)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (plot != NULL);

  if (model == NULL)
    {
      elman_plot_set_weights (plot, 0, 0, 0, FALSE, NULL);
      return;
    }

  bytes = elman_model_dup_params (model);
  elman_plot_set_weights (plot, model->window, model->horizon, model->hidden,
                          model->b != NULL, bytes);
}

/* @saturation: (nullable) J fractions already computed, else computed
 * here from the states. */
static void
set_hidden_states (ElmanPlot    *plot,
                   gsize         first,
                   guint         hidden,
                   GBytes       *states,
                   const double *saturation)
{
  gsize size = 0;

  g_return_if_fail (plot != NULL);

  if (states && hidden == 0)
    {
      g_critical ("elman_plot_set_hidden_states: hidden states of no unit");
      states = NULL;
    }
  if (states && states == plot->states_bytes && first == plot->states_first
      && hidden == plot->states_hidden)
    return;
  if (states)
    g_bytes_ref (states);
  clear_states (plot);
  if (states == NULL)
    return;

  plot->states_bytes = states;
  plot->states = g_bytes_get_data (states, &size);
  plot->states_first = first;
  plot->states_hidden = hidden;
  plot->n_states = size / sizeof (double) / hidden;
  if (saturation != NULL)
    {
      plot->saturation = g_memdup2 (saturation, hidden * sizeof (double));
      plot->n_saturated = 0;
      for (guint j = 0; j < hidden; j++)
        plot->n_saturated += saturation[j] > 0.5;
      return;
    }
  plot->saturation = g_new (double, hidden);
  plot->n_saturated = elman_inspect_saturation (plot->states, plot->n_states, hidden,
                                                SATURATION_MARGIN, plot->saturation);
}

void
elman_plot_set_hidden_states (ElmanPlot *plot,
                              gsize      first,
                              guint      hidden,
                              GBytes    *states)
{
  set_hidden_states (plot, first, hidden, states, NULL);
}

void
elman_plot_set_hidden_states_saturation (ElmanPlot    *plot,
                                         gsize         first,
                                         guint         hidden,
                                         GBytes       *states,
                                         const double *saturation)
{
  set_hidden_states (plot, first, hidden, states, saturation);
}

void
elman_plot_set_grad_norms (ElmanPlot *plot,
                           GBytes    *norms)
{
  const double *v;
  gsize size = 0, n;

  g_return_if_fail (plot != NULL);

  g_clear_pointer (&plot->grad_norms, g_free);
  plot->n_grad_epochs = 0;
  if (norms == NULL)
    return;

  /* Three traces of n epochs each: one pass per snapshot, so that the
   * panel draws them as it draws any trace. */
  v = g_bytes_get_data (norms, &size);
  n = size / sizeof (double) / 3;
  plot->grad_norms = g_new (double, 3 * MAX (n, 1));
  for (gsize e = 0; e < n; e++)
    for (guint m = 0; m < 3; m++)
      plot->grad_norms[m * n + e] = v[3 * e + m];
  plot->n_grad_epochs = n;
}

const char *
elman_plot_get_network_note (ElmanPlot *plot)
{
  g_return_val_if_fail (plot != NULL, NULL);

  return plot->network_note;
}

gboolean
elman_plot_unit_saturated (ElmanPlot *plot,
                           guint      j)
{
  return plot->saturation && j < plot->states_hidden && plot->saturation[j] > 0.5;
}

gboolean
elman_plot_hidden_state_at (ElmanPlot         *plot,
                            double             px,
                            double             py,
                            ElmanPlotStateHit *hit)
{
  const ElmanPlotPanelFrame *f;
  const ElmanPlotRect *a;
  double x;
  gsize index;
  guint J, j;

  g_return_val_if_fail (plot != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  f = elman_plot_layout_get (&plot->frame, ELMAN_PLOT_PANEL_STATES);
  a = &f->area;
  J = plot->states_hidden;
  if (f->panel.w <= 0 || plot->states == NULL || plot->series == NULL
      || px < a->x || px > a->x + a->w || py < a->y || py >= a->y + a->h)
    return FALSE;

  x = f->view[0] + (px - a->x) / a->w * (f->view[1] - f->view[0]);
  index = elman_plot_nearest_index (plot, x);
  if (index < plot->states_first || index - plot->states_first >= plot->n_states)
    return FALSE;
  j = MIN ((guint) ((py - a->y) / a->h * J), J - 1);

  hit->index = index;
  /* Without weights, T is unknown: the window is the step itself. */
  hit->window_first = plot->net_window == 0 ? index
                      : index + 1 >= plot->net_window ? index + 1 - plot->net_window : 0;
  hit->unit = j;
  hit->hidden = J;
  hit->state = plot->states + (index - plot->states_first) * J;
  hit->value = hit->state[j];
  return TRUE;
}

gboolean
elman_plot_get_weight_rects (ElmanPlot     *plot,
                             ElmanPlotRect  rects[3])
{
  memcpy (rects, plot->weight_rects, sizeof plot->weight_rects);
  return rects[0].w > 0;
}

gboolean
elman_plot_get_panel_frame (ElmanPlot           *plot,
                            ElmanPlotPanel       panel,
                            ElmanPlotPanelFrame *frame)
{
  *frame = *elman_plot_layout_get (&plot->frame, panel);
  return frame->panel.w > 0;
}
