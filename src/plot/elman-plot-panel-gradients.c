/* elman-plot-panel-gradients.c — the gradient norms ‖∂L/∂W‖, ‖∂L/∂U‖,
 * ‖∂L/∂V‖ per epoch on a log scale: where vanishing gradients and a
 * too-large ε show
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-plot-panel-private.h"

typedef struct
{
  ElmanPlotTrace traces[3];
  double         width;
} NormLayers;

static const ElmanPlotLineStyle styles[3] = {
  ELMAN_PLOT_LINE_SOLID, ELMAN_PLOT_LINE_DASHED, ELMAN_PLOT_LINE_DOTTED,
};

/* W, U and V in three colours and three dashes (colour-blind safe). */
static const double *
norm_color (const ElmanPlotPalette *pal,
            guint                   m)
{
  return m == 0 ? pal->train_loss : m == 1 ? pal->valid_loss : pal->free_running;
}

static void
norm_layers (ElmanPlot    *plot,
             ElmanPlotPen *pen,
             gpointer      data)
{
  NormLayers *l = data;

  for (guint m = 0; m < 3; m++)
    elman_plot_draw_trace (pen, &l->traces[m], norm_color (pen->c->pal, m),
                           l->width * (m == 2 ? 1.25 : 1.0), styles[m]);
}

static void
draw_gradients_panel (ElmanPlot           *plot,
                      const ElmanPlotCtx  *c,
                      const ElmanPlotRect *panel,
                      ElmanPlotPanelFrame *frame)
{
  static const char * const names[3] = { "‖∂L/∂W‖", "‖∂L/∂U‖", "‖∂L/∂V‖" };
  cairo_t *cr = c->cr;
  gsize n = plot->n_grad_epochs;
  double lo = INFINITY, hi = -INFINITY, v[4];
  ElmanPlotAxes ax;
  ElmanPlotMap m;
  ElmanPlotPen pen = { 0 };
  ElmanPlotLegend legend = { 0 };
  ElmanPlotRect lrect = { 0 };
  ElmanPlotAxesKind kind = { FALSE, TRUE, TRUE };
  NormLayers layers;
  gboolean outside = FALSE;

  memset (&layers, 0, sizeof layers);
  for (gsize i = 0; i < 3 * n; i++)
    if (plot->grad_norms[i] > 0.0 && plot->grad_norms[i] <= DBL_MAX)
      {
        lo = MIN (lo, plot->grad_norms[i]);
        hi = MAX (hi, plot->grad_norms[i]);
      }
  if (!(lo <= hi))
    lo = 0.1, hi = 10;
  /* At least a decade, a margin of 5 % of it on each side. */
  v[2] = log10 (lo);
  v[3] = MAX (log10 (hi), v[2] + 1.0);
  v[2] -= (v[3] - v[2]) * 0.05;
  v[3] += (v[3] - v[2]) * 0.05;
  v[0] = 1.0 - MAX ((double) n, 2.0) * 0.01;
  v[1] = MAX ((double) n, 2.0) * 1.01;

  /* Epochs are 1-based on the axis; borrowed arrays, no index. */
  for (guint k = 0; k < 3; k++)
    {
      layers.traces[k].y = n ? plot->grad_norms + k * n : NULL;
      layers.traces[k].n = n;
      layers.traces[k].x_offset = 1;
      if (n > 0)
        elman_plot_legend_add (&legend, names[k], norm_color (c->pal, k), 1.0,
                               k == 0 ? ELMAN_PLOT_SAMPLE_LINE : k == 1 ? ELMAN_PLOT_SAMPLE_DASH : ELMAN_PLOT_SAMPLE_DOT);
    }
  layers.width = c->fs * 0.13;

  elman_plot_layout_with_legend (plot, c, panel, v, &kind, &legend, norm_layers, &layers,
                                 &ax, &m, &pen, &lrect, &outside);

  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);
  elman_plot_draw_grid (c, &m, &ax);
  norm_layers (plot, &pen, &layers);
  cairo_restore (cr);

  elman_plot_finish_epoch_panel (c, &m, &ax, _("Gradient norm (log scale)"), n, &legend, &lrect, outside, v,
                                 frame);
}

static const char *
gradients_title (ElmanPlot *plot)
{
  return _("Gradient norms per epoch");
}

const ElmanPlotPanelClass elman_plot_panel_gradients = {
  .id = ELMAN_PLOT_PANEL_GRADIENTS,
  .row = 1,
  .min_width = 22,
  .always_titled = TRUE,
  .title = gradients_title,
  .draw = draw_gradients_panel,
};
