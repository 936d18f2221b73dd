/* elman-plot-panel-states.c — the hidden states h^t as a strip of J
 * rows under the series, on the series' time axis
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-plot-heatmap.h"
#include "elman-plot-panel-private.h"

/* At most this many time steps are averaged into one pixel column: a
 * frame costs J × this × columns, however long the series. */
#define MAX_STEPS_PER_COLUMN 4

/* Whether the cell of point @i (half way to its neighbours) covers @x. */
static gboolean
cell_covers (const ElmanPlotTrace *t,
             gsize                 i,
             double                x)
{
  double xi = elman_plot_trace_x (t, i);
  double lo = i > 0 ? (elman_plot_trace_x (t, i - 1) + xi) / 2 : xi - 0.5 * (t->n > 1 ? elman_plot_trace_x (t, 1) - xi : 1);
  double hi = i + 1 < t->n ? (xi + elman_plot_trace_x (t, i + 1)) / 2 : xi + 0.5 * (t->n > 1 ? xi - elman_plot_trace_x (t, i - 1) : 1);

  return x >= lo && x <= hi;
}

/* The states of series indices [i0, i1) (clipped to those that have
 * one) in units [u0, u1): the mean of up to MAX_STEPS_PER_COLUMN steps
 * spread over the range; NAN when there is none. */
static double
column_mean (ElmanPlot *plot,
             gsize      i0,
             gsize      i1,
             guint      u0,
             guint      u1)
{
  gsize first = plot->states_first, last = first + plot->n_states;
  gsize n, stride;
  double sum = 0;
  gsize count = 0;

  i0 = MAX (i0, first);
  i1 = MIN (i1, last);
  if (i0 >= i1)
    return NAN;
  n = i1 - i0;
  stride = n > MAX_STEPS_PER_COLUMN ? n / MAX_STEPS_PER_COLUMN : 1;
  for (gsize i = i0; i < i1; i += stride)
    {
      const double *h = plot->states + (i - first) * plot->states_hidden;

      for (guint u = u0; u < u1; u++)
        if (isfinite (h[u]))
          {
            sum += h[u];
            count++;
          }
    }
  return count ? sum / count : NAN;
}

/* Draws the strip into @area for x in [v[0], v[1]]: one image column per
 * unit of width, one row per unit j (or per block of units when J is
 * taller than the area), transparent where the series has no state. */
static void
draw_strip (ElmanPlot           *plot,
            const ElmanPlotCtx  *c,
            const ElmanPlotRect *area,
            const double         v[4])
{
  const ElmanPlotTrace *t = &plot->data_trace;
  guint J = plot->states_hidden;
  gsize cols = (gsize) ceil (area->w), rows = MIN ((gsize) J, (gsize) ceil (area->h));
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  cairo_matrix_t to_cells;
  guint32 *pixels;
  int stride;

  if (cols == 0 || rows == 0 || t->n == 0)
    return;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) cols, (int) rows);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;

  for (gsize col = 0; col < cols; col++)
    {
      double xa = v[0] + (v[1] - v[0]) * (double) col / (double) cols;
      double xb = v[0] + (v[1] - v[0]) * (double) (col + 1) / (double) cols;
      gsize i0 = elman_plot_trace_lower_bound (t, 0, t->n, xa);
      gsize i1 = elman_plot_trace_lower_bound (t, i0, t->n, xb);

      /* Zoomed in: no point falls in the column; it shows the nearest
       * one, the one whose cell covers it. */
      if (i1 <= i0)
        {
          double xc = (xa + xb) / 2;

          i0 = elman_plot_nearest_index (plot, xc);
          i1 = cell_covers (t, i0, xc) ? i0 + 1 : i0;
        }
      for (gsize r = 0; r < rows; r++)
        {
          guint u0 = (guint) (r * J / rows), u1 = MAX ((guint) ((r + 1) * J / rows), u0 + 1);
          double value = i1 > i0 ? column_mean (plot, i0, i1, u0, u1) : NAN;
          double rgb[3];

          if (isnan (value))
            {
              pixels[r * stride + col] = 0;
              continue;
            }
          elman_plot_sequential_color (value, rgb);
          pixels[r * stride + col] = elman_plot_pack_rgb (rgb);
        }
    }
  cairo_surface_mark_dirty (image);

  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&to_cells, cols / area->w, rows / area->h);
  cairo_matrix_translate (&to_cells, -area->x, -area->y);
  cairo_pattern_set_matrix (pattern, &to_cells);
  cairo_save (c->cr);
  cairo_rectangle (c->cr, area->x, area->y, area->w, area->h);
  cairo_set_source (c->cr, pattern);
  cairo_fill (c->cr);
  cairo_restore (c->cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (image);
}

/* The sequential scale as a small horizontal bar with its ends, and the
 * saturation mark, in the row above the area. */
static void
draw_key (ElmanPlot           *plot,
          const ElmanPlotCtx  *c,
          const ElmanPlotRect *area)
{
  cairo_t *cr = c->cr;
  double fs = c->fs, bar_w = fs * 6, bar_h = fs * 0.6;
  double y = area->y - fs * 1.0, x = area->x + area->w - bar_w - fs * 1.2;
  cairo_pattern_t *gradient = cairo_pattern_create_linear (x, 0, x + bar_w, 0);

  for (guint k = 0; k <= 8; k++)
    {
      double rgb[3];

      elman_plot_sequential_color (k / 8.0, rgb);
      cairo_pattern_add_color_stop_rgb (gradient, k / 8.0, rgb[0], rgb[1], rgb[2]);
    }
  cairo_rectangle (cr, x, y, bar_w, bar_h);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_set_font (c, fs * 0.95, TRUE);
  elman_plot_show_text (c, area->x, y + bar_h / 2, _("Hidden states hᵗ"), 0.0, 0.5);
  elman_plot_set_font (c, fs * 0.85, FALSE);
  elman_plot_show_text (c, x - fs * 0.3, y + bar_h / 2, "hᵗⱼ = 0", 1.0, 0.5);
  elman_plot_show_text (c, x + bar_w + fs * 0.3, y + bar_h / 2, "1", 0.0, 0.5);

  if (plot->n_saturated > 0)
    {
      char label[96];
      double tx;

      g_snprintf (label, sizeof label,
                  g_dngettext (GETTEXT_PACKAGE, "◀ %u saturated unit (σ near 0 or 1)",
                               "◀ %u saturated units (σ near 0 or 1)", plot->n_saturated),
                  plot->n_saturated);
      tx = x - fs * 0.9 - elman_plot_text_width (c, "hᵗⱼ = 0");
      elman_plot_show_text (c, tx - fs, y + bar_h / 2, label, 1.0, 0.5);
    }
}

static void
draw_states_panel (ElmanPlot           *plot,
                   const ElmanPlotCtx  *c,
                   const ElmanPlotRect *panel,
                   ElmanPlotPanelFrame *frame)
{
  cairo_t *cr = c->cr;
  ElmanSeries *s = plot->series;
  gboolean time_x = s && s->times && s->times_are_dates;
  guint J = plot->states_hidden;
  const ElmanPlotPanelFrame *above = c->panels ? elman_plot_layout_get (c->panels, ELMAN_PLOT_PANEL_SERIES) : NULL;
  double v[4], mv[4];
  ElmanPlotAxes ax;
  ElmanPlotMap m;
  ElmanPlotRect none = { 0 };
  gsize k = 0;

  elman_plot_get_effective_view (plot, v);
  v[2] = 0.5;
  v[3] = MAX (J, 1) + 0.5;
  elman_plot_layout_axes (c, panel, c->fs * 1.1, v, time_x, FALSE, FALSE, &ax);

  /* Under the series panel: the same columns for the same times. */
  if (above && above->panel.w > 0)
    {
      ax.area.x = above->area.x;
      ax.area.w = above->area.w;
      v[0] = above->view[0];
      v[1] = above->view[1];
    }

  /* Unit 1 at the top, as the rows of W and U; ticks at whole units. */
  for (gsize i = 0; i < ax.n_yt; i++)
    if (ax.yt[i].value >= 1 && ax.yt[i].value <= J && ax.yt[i].value == round (ax.yt[i].value))
      ax.yt[k++] = ax.yt[i];
  ax.n_yt = k;
  memcpy (mv, v, sizeof mv);
  mv[2] = v[3];
  mv[3] = v[2];
  elman_plot_map_init (&m, &ax.area, mv, FALSE);

  if (plot->states && J > 0 && s)
    {
      draw_strip (plot, c, &ax.area, v);
      draw_key (plot, c, &ax.area);

      /* Saturated units: a mark at the right end of their row. */
      elman_plot_set_color (c, c->pal->foreground, 1.0);
      for (guint j = 0; j < J; j++)
        if (elman_plot_unit_saturated (plot, j))
          {
            double y = elman_plot_map_y (&m, j + 1.0), x = ax.area.x + ax.area.w;
            double h = MIN (c->fs * 0.35, MAX (ax.area.h / J / 2, 1.5));

            cairo_move_to (cr, x + 1, y);
            cairo_line_to (cr, x + 1 + c->fs * 0.6, y - h);
            cairo_line_to (cr, x + 1 + c->fs * 0.6, y + h);
            cairo_close_path (cr);
          }
      cairo_fill (cr);
    }

  elman_plot_draw_frame (c, &m, &ax, NULL, _("Hidden unit j"));
  if (plot->states == NULL || J == 0 || s == NULL)
    elman_plot_draw_placeholder (c, &ax.area, _("No hidden states yet"));

  elman_plot_panel_frame_set (frame, &ax.area, v, &none, FALSE);
}

static const char *
states_title (ElmanPlot *plot)
{
  return _("Hidden states hᵗ = σ(W hᵗ⁻¹ + U xᵗ)");
}

const ElmanPlotPanelClass elman_plot_panel_states = {
  .id = ELMAN_PLOT_PANEL_STATES,
  .row = 0,
  .below = TRUE,
  .min_width = 24,
  .title = states_title,
  .draw = draw_states_panel,
};
