/* elman-plot-panel-loss.c — the loss per epoch, log scale, with
 * the best epoch marked
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

static void
loss_range (const double *v,
            gsize         n,
            double       *lo,
            double       *hi)
{
  if (v == NULL)
    return;
  for (gsize i = 0; i < n; i++)
    if (v[i] > 0.0 && v[i] <= DBL_MAX)
      {
        *lo = MIN (*lo, v[i]);
        *hi = MAX (*hi, v[i]);
      }
}

typedef struct
{
  const ElmanPlotTrace *train;
  const ElmanPlotTrace *valid;
  double                width;
} LossLayers;

static void
loss_layers (ElmanPlot    *plot,
             ElmanPlotPen *pen,
             gpointer      data)
{
  const LossLayers *l = data;

  elman_plot_draw_trace (pen, l->train, pen->c->pal->train_loss, l->width, ELMAN_PLOT_LINE_SOLID);
  elman_plot_draw_trace (pen, l->valid, pen->c->pal->valid_loss, l->width, ELMAN_PLOT_LINE_SOLID);
}

static void
draw_loss_panel (ElmanPlot           *plot,
                 const ElmanPlotCtx  *c,
                 const ElmanPlotRect *panel,
                 ElmanPlotPanelFrame *frame)
{
  cairo_t *cr = c->cr;
  const ElmanPlotPalette *pal = c->pal;
  gsize n = plot->n_epochs;
  double lo = INFINITY, hi = -INFINITY, v[4], lw = c->fs * 0.13;
  ElmanPlotAxes ax;
  ElmanPlotMap m;
  ElmanPlotPen pen = { 0 };
  ElmanPlotLegend legend = { 0 };
  ElmanPlotTrace train = { 0 }, valid = { 0 };
  gboolean have_best, outside = FALSE;
  LossLayers layers;
  ElmanPlotRect lrect = { 0 };
  double best_value = NAN;
  const double *best_rgba = pal->valid_loss;

  loss_range (plot->train_loss, n, &lo, &hi);
  loss_range (plot->valid_loss, n, &lo, &hi);
  if (!(lo <= hi))
    {
      lo = 0.1;
      hi = 10;
    }
  v[2] = log10 (lo);
  v[3] = log10 (hi);
  if (v[3] - v[2] < 0.3)
    {
      double mid = (v[2] + v[3]) / 2;
      v[2] = mid - 0.15;
      v[3] = mid + 0.15;
    }
  else
    {
      double p = (v[3] - v[2]) * 0.05;
      v[2] -= p;
      v[3] += p;
    }
  v[0] = 1.0;
  v[1] = MAX ((double) n, 2.0);
  {
    double p = (v[1] - v[0]) * 0.01;
    v[0] -= p;
    v[1] += p;
  }

  /* Epochs are 1-based on the axis; borrowed arrays, no index. */
  train.y = plot->train_loss;
  train.n = plot->train_loss ? n : 0;
  train.x_offset = 1;
  valid.y = plot->valid_loss;
  valid.n = plot->valid_loss ? n : 0;
  valid.x_offset = 1;

  have_best = n > 0 && plot->best_epoch < n;
  if (have_best)
    {
      best_value = plot->valid_loss ? plot->valid_loss[plot->best_epoch] : NAN;
      if (!(best_value > 0.0 && best_value <= DBL_MAX) && plot->train_loss)
        {
          best_value = plot->train_loss[plot->best_epoch];
          best_rgba = pal->train_loss;
        }
    }

  if (train.n > 0)
    elman_plot_legend_add (&legend, _("Training loss"), pal->train_loss, 1.0, ELMAN_PLOT_SAMPLE_LINE);
  if (valid.n > 0)
    elman_plot_legend_add (&legend, _("Validation loss"), pal->valid_loss, 1.0, ELMAN_PLOT_SAMPLE_LINE);
  if (have_best)
    {
      char label[64];

      g_snprintf (label, sizeof label, _("Best epoch (%zu)"), plot->best_epoch + 1);
      elman_plot_legend_add (&legend, label, best_rgba, 1.0, ELMAN_PLOT_SAMPLE_MARKER);
    }

  {
    ElmanPlotAxesKind kind = { FALSE, TRUE, TRUE };

    layers.train = &train;
    layers.valid = &valid;
    layers.width = lw;
    elman_plot_layout_with_legend (plot, c, panel, v, &kind, &legend, loss_layers, &layers,
                                   &ax, &m, &pen, &lrect, &outside);
  }

  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);
  elman_plot_draw_grid (c, &m, &ax);

  if (have_best)
    {
      double xb = elman_plot_map_x (&m, (double) plot->best_epoch + 1);
      double dash[2] = { c->fs * 0.2, c->fs * 0.25 };

      if (isfinite (xb))
        {
          xb = elman_plot_snap_x (c, xb, elman_plot_hairline_px (c));
          cairo_save (cr);
          cairo_set_line_width (cr, elman_plot_hairline (c));
          cairo_set_dash (cr, dash, 2, 0);
          elman_plot_set_color (c, pal->foreground, 0.45);
          cairo_move_to (cr, xb, ax.area.y);
          cairo_line_to (cr, xb, ax.area.y + ax.area.h);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }

  loss_layers (plot, &pen, &layers);

  if (have_best && isfinite (best_value))
    {
      double xb = elman_plot_map_x (&m, (double) plot->best_epoch + 1), yb = elman_plot_map_y (&m, best_value);

      if (isfinite (xb) && isfinite (yb))
        {
          cairo_new_path (cr);
          cairo_arc (cr, xb, yb, c->fs * 0.32, 0, 2 * G_PI);
          elman_plot_set_color (c, best_rgba, 1.0);
          cairo_fill_preserve (cr);
          elman_plot_set_color (c, pal->background, 1.0);
          cairo_set_line_width (cr, c->fs * 0.1);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);

  elman_plot_finish_epoch_panel (c, &m, &ax, _("Loss (log scale)"), n, &legend, &lrect, outside, v, frame);
}

static const char *
loss_title (ElmanPlot *plot)
{
  return plot->valid_loss ? _("Training and validation loss") : _("Training loss");
}

const ElmanPlotPanelClass elman_plot_panel_loss = {
  .id = ELMAN_PLOT_PANEL_LOSS,
  .row = 1,
  .min_width = 24,
  .title = loss_title,
  .draw = draw_loss_panel,
};
