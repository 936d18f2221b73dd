/* elman-plot-panel-states.c — the hidden states h^t as a strip of J
 * rows under the series, on the series' time axis
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

#include "elman-plot-heatmap.h"
#include "elman-plot-panel-private.h"

/* At most this many time steps, spread over the column, are averaged into
 * one pixel column: a frame costs J × this × columns, however long the
 * series. One keeps a frame at J = 256 well within 16 ms (each sampled
 * h^t is a read of J doubles from anywhere in the states). */
#define MAX_STEPS_PER_COLUMN 1

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

/* Fills @sums (rows values) with the mean state of each block of units
 * over up to MAX_STEPS_PER_COLUMN steps spread over series indices
 * [i0, i1) (clipped to those that have a state); row r holds units
 * bounds[r]…bounds[r + 1] − 1. Reads each sampled h^t once, in memory
 * order. Returns FALSE when no step has a state. */
static gboolean
column_means (ElmanPlot   *plot,
              gsize        i0,
              gsize        i1,
              gsize        rows,
              const guint *bounds,
              double      *sums)
{
  gsize first = plot->states_first, last = first + plot->n_states;
  guint J = plot->states_hidden;
  gsize n, stride, steps = 0;

  i0 = MAX (i0, first);
  i1 = MIN (i1, last);
  if (i0 >= i1)
    return FALSE;
  n = i1 - i0;
  stride = n > MAX_STEPS_PER_COLUMN ? n / MAX_STEPS_PER_COLUMN : 1;
  memset (sums, 0, rows * sizeof (double));
  for (gsize i = i0; i < i1; i += stride, steps++)
    {
      const double *h = plot->states + (i - first) * J;

      if (rows == J)
        for (gsize r = 0; r < rows; r++)
          sums[r] += h[r];
      else
        for (gsize r = 0; r < rows; r++)
          {
            double sum = 0;

            for (guint u = bounds[r]; u < bounds[r + 1]; u++)
              sum += h[u];
            sums[r] += sum / (bounds[r + 1] - bounds[r]);
          }
    }
  for (gsize r = 0; r < rows; r++)
    sums[r] /= (double) steps;
  return TRUE;
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
  guint32 *pixels, lut[256];
  g_autofree double *sums = NULL;
  g_autofree guint *bounds = NULL;
  int stride;

  if (cols == 0 || rows == 0 || t->n == 0)
    return;
  sums = g_new (double, rows);
  bounds = g_new (guint, rows + 1);
  for (gsize r = 0; r <= rows; r++)
    bounds[r] = (guint) (r * J / rows);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) cols, (int) rows);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;

  /* The sequential scale in 256 steps: one lookup per pixel. */
  for (guint k = 0; k < 256; k++)
    {
      double rgb[3];

      elman_plot_sequential_color (k / 255.0, rgb);
      lut[k] = elman_plot_pack_rgb (rgb);
    }

  for (gsize col = 0; col < cols; col++)
    {
      double xa = v[0] + (v[1] - v[0]) * (double) col / (double) cols;
      double xb = v[0] + (v[1] - v[0]) * (double) (col + 1) / (double) cols;
      gsize i0 = elman_plot_trace_lower_bound (t, 0, t->n, xa);
      gsize i1 = elman_plot_trace_lower_bound (t, i0, t->n, xb);
      gboolean have;

      /* Zoomed in: no point falls in the column; it shows the nearest
       * one, the one whose cell covers it. */
      if (i1 <= i0)
        {
          double xc = (xa + xb) / 2;

          i0 = elman_plot_nearest_index (plot, xc);
          i1 = cell_covers (t, i0, xc) ? i0 + 1 : i0;
        }
      have = i1 > i0 && column_means (plot, i0, i1, rows, bounds, sums);
      for (gsize r = 0; r < rows; r++)
        {
          double value = have ? sums[r] : NAN;

          if (isnan (value))
            pixels[r * stride + col] = 0;
          else if (!isfinite (value))
            pixels[r * stride + col] = 0xff808080u;
          else
            pixels[r * stride + col] = lut[(guint) lround (CLAMP (value, 0.0, 1.0) * 255)];
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

  /* Unit 1 at the top, as the rows of W and U; the first and the last
   * unit named, as there. */
  ax.n_yt = J > 1 ? 2 : 1;
  for (gsize i = 0; i < ax.n_yt; i++)
    {
      guint j = i == 0 ? 1 : J;

      ax.yt[i].value = j;
      g_snprintf (ax.yt[i].label, sizeof ax.yt[i].label, "%u", j);
    }
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
