/* elman-plot-view.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "elman-evaluate.h"
#include "elman-plot.h"
#include "elman-series.h"

G_BEGIN_DECLS

#define ELMAN_TYPE_PLOT_VIEW (elman_plot_view_get_type ())

G_DECLARE_FINAL_TYPE (ElmanPlotView, elman_plot_view, ELMAN, PLOT_VIEW, GtkWidget)

GtkWidget   *elman_plot_view_new              (void);

/* The model: change it with elman_plot_set_*(), then call
 * elman_plot_view_changed(). */
ElmanPlot   *elman_plot_view_get_plot         (ElmanPlotView *self);
void         elman_plot_view_changed          (ElmanPlotView *self);
ElmanSeries *elman_plot_view_get_series       (ElmanPlotView *self);

gboolean     elman_plot_view_get_prediction   (ElmanPlotView *self,
                                               gsize          index,
                                               double        *value);
gsize        elman_plot_view_get_n_forecast   (ElmanPlotView *self);
guint        elman_plot_view_get_n_bands      (ElmanPlotView *self);
gsize        elman_plot_view_get_n_epochs     (ElmanPlotView *self);
ElmanPlotPanel elman_plot_view_get_panels     (ElmanPlotView *self);
gsize        elman_plot_view_get_n_free_running (ElmanPlotView *self);
guint        elman_plot_view_get_n_acf        (ElmanPlotView *self,
                                               guint         *n_outside);
const char  *elman_plot_view_get_description  (ElmanPlotView *self);
guint        elman_plot_view_get_n_frames     (ElmanPlotView *self);
guint        elman_plot_view_get_n_renders    (ElmanPlotView *self);
gboolean     elman_plot_view_get_dark         (ElmanPlotView *self);

G_END_DECLS
