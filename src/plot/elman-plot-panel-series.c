/* elman-plot-panel-series.c — the series panel: data, fit, test,
 * free-running run, forecast and its intervals, the split
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
series_layers (ElmanPlot    *plot,
               ElmanPlotPen *pen,
               gpointer      data)
{
  const ElmanPlotPalette *pal = pen->c->pal;
  double lw = pen->c->fs * 0.13;

  for (guint b = 0; b < plot->n_bands; b++)
    elman_plot_draw_band (pen, &plot->bands[b], plot->forecast_x, pal->forecast,
                          b + 1 == plot->n_bands ? 0.30 : 0.16);

  elman_plot_draw_trace (pen, &plot->data_trace, pal->data, lw, ELMAN_PLOT_LINE_SOLID);
  elman_plot_draw_trace (pen, &plot->fit_trace, pal->fit, lw * 0.9, ELMAN_PLOT_LINE_SOLID);
  elman_plot_draw_trace (pen, &plot->test_trace, pal->test, lw * 0.9, ELMAN_PLOT_LINE_SOLID);
  /* Dotted and a little wider: it often runs right beside the test line. */
  elman_plot_draw_trace (pen, &plot->free_run_trace, pal->free_running, lw * 1.25, ELMAN_PLOT_LINE_DOTTED);

  if (plot->n_forecast > 0)
    {
      ElmanPlotTrace ft = { 0 };

      /* Borrowed arrays, no index: forecasts are short. */
      ft.y = plot->forecast;
      ft.x = plot->forecast_x;
      ft.n = plot->n_forecast + 1;
      elman_plot_draw_trace (pen, &ft, pal->forecast, lw * 1.1, ELMAN_PLOT_LINE_DASHED);
    }
}

static void
draw_series_panel (ElmanPlot           *plot,
                   const ElmanPlotCtx  *c,
                   const ElmanPlotRect *panel,
                   ElmanPlotPanelFrame *frame)
{
  cairo_t *cr = c->cr;
  const ElmanPlotPalette *pal = c->pal;
  ElmanSeries *s = plot->series;
  gboolean time_x = s && s->times && s->times_are_dates;
  const char *x_title, *y_title;
  double v[4];
  ElmanPlotAxes ax;
  ElmanPlotMap m;
  ElmanPlotPen pen = { 0 };
  ElmanPlotLegend legend = { 0 };
  ElmanPlotRect lrect = { 0 };
  gboolean outside = FALSE, has_split, forecast_visible;
  double x_split = 0;

  elman_plot_get_effective_view (plot, v);

  x_title = plot->x_title ? plot->x_title : time_x ? _("Date") : _("Time step");
  y_title = plot->y_title ? plot->y_title : s && s->name && *s->name ? s->name : _("Value");

  has_split = s && plot->n_train > 0 && plot->n_train < s->n;
  if (has_split)
    x_split = elman_plot_series_x (plot, plot->n_train - 1) / 2
              + elman_plot_series_x (plot, plot->n_train) / 2;

  if (s && s->n > 0)
    elman_plot_legend_add (&legend, _("Observed"), pal->data, 1.0, ELMAN_PLOT_SAMPLE_LINE);
  if (plot->fit_trace.n > 0)
    elman_plot_legend_add (&legend, _("Fit (one step ahead)"), pal->fit, 1.0, ELMAN_PLOT_SAMPLE_LINE);
  if (plot->test_trace.n > 0)
    elman_plot_legend_add (&legend, _("Test (one step ahead)"), pal->test, 1.0, ELMAN_PLOT_SAMPLE_LINE);
  if (plot->free_run_trace.n > 0)
    elman_plot_legend_add (&legend, _("Free-running (closed loop)"), pal->free_running, 1.0, ELMAN_PLOT_SAMPLE_DOT);
  forecast_visible = plot->n_forecast > 0 && plot->forecast_x[plot->n_forecast] >= v[0]
                     && plot->forecast_x[0] <= v[1];
  if (forecast_visible)
    elman_plot_legend_add (&legend, _("Forecast"), pal->forecast, 1.0, ELMAN_PLOT_SAMPLE_DASH);
  for (guint b = forecast_visible ? plot->n_bands : 0; b-- > 0;)
    {
      char label[64];

      g_snprintf (label, sizeof label, _("%.0f%% interval"), plot->bands[b].level * 100);
      elman_plot_legend_add (&legend, label, pal->forecast, b + 1 == plot->n_bands ? 0.30 : 0.16, ELMAN_PLOT_SAMPLE_FILL);
    }
  /* Only what the view shows goes into the legend. */
  if (has_split && x_split >= v[0] && x_split <= v[1])
    elman_plot_legend_add (&legend, _("Train/test split"), pal->foreground, 0.6, ELMAN_PLOT_SAMPLE_VLINE);

  {
    ElmanPlotAxesKind kind = { time_x, FALSE, FALSE };

    elman_plot_layout_with_legend (plot, c, panel, v, &kind, &legend, series_layers, NULL,
                                   &ax, &m, &pen, &lrect, &outside);
  }

  /* Future region, grid, bands and lines, clipped to the area. */
  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);

  if (plot->n_forecast > 0 && s && s->n > 0)
    {
      double xf = elman_plot_map_x (&m, plot->forecast_x[0]);

      if (isfinite (xf) && xf < ax.area.x + ax.area.w)
        {
          xf = MAX (xf, ax.area.x);
          cairo_rectangle (cr, xf, ax.area.y, ax.area.x + ax.area.w - xf, ax.area.h);
          elman_plot_set_color (c, pal->foreground, 0.05);
          cairo_fill (cr);
        }
    }

  elman_plot_draw_grid (c, &m, &ax);
  series_layers (plot, &pen, NULL);

  if (has_split)
    {
      double xs = elman_plot_map_x (&m, x_split);

      if (isfinite (xs))
        {
          double dash[2] = { c->fs * 0.35, c->fs * 0.25 };
          int px = elman_plot_hairline_px (c);

          xs = elman_plot_snap_x (c, xs, px);
          cairo_save (cr);
          cairo_set_line_width (cr, elman_plot_hairline (c));
          cairo_set_dash (cr, dash, 2, 0);
          elman_plot_set_color (c, pal->foreground, 0.6);
          cairo_move_to (cr, xs, ax.area.y);
          cairo_line_to (cr, xs, ax.area.y + ax.area.h);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
  cairo_restore (cr);

  elman_plot_draw_frame (c, &m, &ax, x_title, y_title);

  if (s == NULL || s->n == 0)
    elman_plot_draw_placeholder (c, &ax.area, _("No data"));

  if (legend.n > 0 && lrect.w > 0)
    elman_plot_draw_legend (c, &legend, &lrect, outside);

  elman_plot_panel_frame_set (frame, &ax.area, v, &lrect, outside);
}

const ElmanPlotPanelClass elman_plot_panel_series = {
  .id = ELMAN_PLOT_PANEL_SERIES,
  .row = 0,
  .min_width = 24,
  .draw = draw_series_panel,
};
