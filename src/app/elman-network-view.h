/* elman-network-view.h — the inside of the network: W, U, V, the hidden
 * states over the series and the gradient norms, drawn from an ElmanPlot
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "elman-plot.h"

G_BEGIN_DECLS

#define ELMAN_TYPE_NETWORK_VIEW (elman_network_view_get_type ())

G_DECLARE_FINAL_TYPE (ElmanNetworkView, elman_network_view, ELMAN, NETWORK_VIEW, GtkWidget)

GtkWidget      *elman_network_view_new           (void);

/* The model, owned by the view: hand it the series (elman_plot_set_series())
 * and the network (elman_plot_set_weights() or _set_model(),
 * _set_hidden_states(), _set_grad_norms()), then call
 * elman_network_view_changed(). */
ElmanPlot      *elman_network_view_get_plot      (ElmanNetworkView *self);
void            elman_network_view_changed       (ElmanNetworkView *self);

/* Which panels it draws: ELMAN_PLOT_PANEL_NETWORK by default. */
void            elman_network_view_set_panels    (ElmanNetworkView *self,
                                                  ElmanPlotPanel    panels);
ElmanPlotPanel  elman_network_view_get_panels    (ElmanNetworkView *self);

/* (nullable) (transfer full) What hovering (x, y) shows: t, the window
 * that ends at t and h^t; %NULL outside the hidden-state strip. */
char           *elman_network_view_describe_at   (ElmanNetworkView *self,
                                                  double            x,
                                                  double            y);
guint           elman_network_view_get_n_frames  (ElmanNetworkView *self);

G_END_DECLS
