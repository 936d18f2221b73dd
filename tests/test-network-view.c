/* test-network-view.c — the network view draws the network panels and
 * answers hover over the hidden-state strip
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "elman-network-view.h"
#include "elman-plot-private.h"

static gboolean
drawn (gpointer data)
{
  return elman_network_view_get_n_frames (data) > 0;
}

static void
wait_until (gboolean (*condition) (gpointer),
            gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (condition (data));
}

/* A zero (Seed) network on a series: the view draws, hover over the strip
 * names t, the window and h^t, and nothing outside it. */
static void
test_network_view_hover (void)
{
  gsize n = 60, T = 6, J = 4, first = T - 1, n_states;
  g_autofree double *values = g_new (double, n);
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanModel) model = elman_model_new (T, 1, J, FALSE);
  g_autoptr(GBytes) states = NULL, norms = NULL;
  double *h, norm_values[6] = { 1, 2, 3, 0.5, 1, 1.5 };
  GtkWidget *window, *view;
  ElmanPlot *plot;
  ElmanPlotPanelFrame sf, hf;
  g_autofree char *text = NULL, *outside = NULL;
  double x;

  for (gsize i = 0; i < n; i++)
    values[i] = sin (i * 0.4);
  series = elman_series_new_from_values (values, NULL, n, ELMAN_FREQUENCY_NONE, "y");
  h = g_new (double, (n - first) * J);
  n_states = elman_model_hidden_states (model, values, n, h);
  g_assert_cmpuint (n_states, ==, n - first);
  states = g_bytes_new_take (h, n_states * J * sizeof (double));
  norms = g_bytes_new (norm_values, sizeof norm_values);

  view = elman_network_view_new ();
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  g_assert_cmpint (elman_network_view_get_panels (ELMAN_NETWORK_VIEW (view)), ==, ELMAN_PLOT_PANEL_NETWORK);
  plot = elman_network_view_get_plot (ELMAN_NETWORK_VIEW (view));
  elman_plot_set_series (plot, series);
  elman_plot_set_model (plot, model);
  elman_plot_set_hidden_states (plot, first - 1, J, states);
  elman_plot_set_grad_norms (plot, norms);
  g_assert_nonnull (elman_plot_get_network_note (plot));
  elman_network_view_changed (ELMAN_NETWORK_VIEW (view));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (drawn, view);

  g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_SERIES, &sf));
  g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_STATES, &hf));
  g_assert_cmpfloat (hf.area.x, ==, sf.area.x);
  x = sf.area.x + (30 - sf.view[0]) / (sf.view[1] - sf.view[0]) * sf.area.w;
  text = elman_network_view_describe_at (ELMAN_NETWORK_VIEW (view), x, hf.area.y + 1);
  g_assert_nonnull (text);
  g_test_message ("%s", text);
  /* Steps are 1-based on screen: index 30 is step 31. */
  g_assert_nonnull (strstr (text, "t = 31\n"));
  g_assert_nonnull (strstr (text, "Window: 26 … 31"));
  g_assert_nonnull (strstr (text, "unit 1: 0.500"));
  outside = elman_network_view_describe_at (ELMAN_NETWORK_VIEW (view), x, sf.area.y + 2);
  g_assert_null (outside);

  gtk_window_destroy (GTK_WINDOW (window));
  while (view != NULL)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    g_error ("No display: run the GUI tests under xvfb-run (see README)");
  adw_init ();

  g_test_add_func ("/elman/network-view/hover", test_network_view_hover);
  return g_test_run ();
}
