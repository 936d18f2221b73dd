/* elman-plot-pen.c — traces as polylines or per-pixel min–max
 * bars, forecast bands, and the envelope of what they cover
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

#include "elman-plot-panel-private.h"

/* Column buffers stay bounded whatever scale a caller sets up. */
#define MAX_COLUMNS 32768

static void
ensure_columns (ElmanPlot *plot,
                gsize      n)
{
  if (plot->n_columns_alloc >= n)
    return;
  g_free (plot->columns);
  g_free (plot->env_min);
  g_free (plot->env_max);
  plot->columns = g_new (ElmanPlotColumn, n);
  plot->env_min = g_new (double, n);
  plot->env_max = g_new (double, n);
  plot->n_columns_alloc = n;
}

void
elman_plot_pen_init (ElmanPlotPen       *pen,
                     ElmanPlot          *plot,
                     const ElmanPlotCtx *c,
                     const ElmanPlotMap *m)
{
  double cols = ceil (m->area.w * c->scale - 1e-6);

  pen->plot = plot;
  pen->c = c;
  pen->m = m;
  pen->n_columns = (gsize) CLAMP (cols, 1.0, (double) MAX_COLUMNS);
  pen->cs = (double) pen->n_columns / m->area.w;
  pen->dry = FALSE;
  ensure_columns (plot, pen->n_columns);
}

void
elman_plot_env_reset (ElmanPlotPen *pen)
{
  for (gsize i = 0; i < pen->n_columns; i++)
    {
      pen->plot->env_min[i] = INFINITY;
      pen->plot->env_max[i] = -INFINITY;
    }
}

static inline void
env_add (ElmanPlotPen *pen,
         gssize        col,
         double        y0,
         double        y1)
{
  if (col < 0 || (gsize) col >= pen->n_columns)
    return;
  pen->plot->env_min[col] = MIN (pen->plot->env_min[col], MIN (y0, y1));
  pen->plot->env_max[col] = MAX (pen->plot->env_max[col], MAX (y0, y1));
}

static void
env_segment (ElmanPlotPen *pen,
             double        x0,
             double        y0,
             double        x1,
             double        y1)
{
  double s = pen->cs, ax = pen->m->area.x;
  double xa = MIN (x0, x1), xb = MAX (x0, x1);
  gssize c0, c1;

  if (!pen->dry)
    return;

  c0 = (gssize) floor ((xa - ax) * s);
  c1 = (gssize) floor ((xb - ax) * s);
  c0 = MAX (c0, 0);
  c1 = MIN (c1, (gssize) pen->n_columns - 1);
  for (gssize col = c0; col <= c1; col++)
    {
      double l = MAX (xa, ax + (double) col / s), r = MIN (xb, ax + (double) (col + 1) / s);
      double yl, yr;

      if (xb - xa < 1e-9)
        yl = y0, yr = y1;
      else
        {
          yl = y0 + (y1 - y0) * (l - x0) / (x1 - x0);
          yr = y0 + (y1 - y0) * (r - x0) / (x1 - x0);
        }
      env_add (pen, col, yl, yr);
    }
}

/* The exact polyline through points i0 … i1 − 1. */
static void
draw_polyline (ElmanPlotPen          *pen,
               const ElmanPlotTrace *t,
               gsize                 i0,
               gsize                 i1,
               double                width,
               ElmanPlotLineStyle    style)
{
  const ElmanPlotMap *m = pen->m;
  cairo_t *cr = pen->c->cr;
  gboolean down = FALSE;
  double lx = 0, ly = 0;
  double margin = (m->v[1] - m->v[0]) * 0.01;

  for (gsize i = i0; i < i1; i++)
    {
      double xd = elman_plot_trace_x (t, i), yd = t->y[i], x, y;
      gsize j = i == i0 ? i + 1 : i - 1;

      /* The neighbours outside the view: cut their segment just past
       * the edge (in data space, so a log axis and far-away points
       * keep the segment's direction). */
      if (j < i1 && (xd < m->v[0] - margin || xd > m->v[1] + margin)
          && (i == i0 || i + 1 == i1) && !m->log_y)
        {
          double xj = elman_plot_trace_x (t, j), yj = t->y[j];
          double edge = xd < m->v[0] ? m->v[0] - margin : m->v[1] + margin;

          if (isfinite (yd) && isfinite (yj) && xj != xd)
            {
              yd = yj + (yd - yj) * ((edge - xj) / (xd - xj));
              xd = edge;
            }
        }

      x = elman_plot_map_x (m, xd);
      y = elman_plot_map_y (m, yd);

      if (!isfinite (x) || !isfinite (y))
        {
          down = FALSE;
          continue;
        }
      if (down)
        {
          if (pen->dry)
            env_segment (pen, lx, ly, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      else if (!pen->dry)
        cairo_move_to (cr, x, y);
      else
        env_segment (pen, x, y, x, y);
      down = TRUE;
      lx = x;
      ly = y;
    }

  if (!pen->dry)
    {
      cairo_set_line_width (cr, width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (style == ELMAN_PLOT_LINE_DASHED)
        {
          double dash[2] = { width * 3.5, width * 2.0 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      else if (style == ELMAN_PLOT_LINE_DOTTED)
        {
          /* Round caps turn the zero-length dashes into dots. */
          double dash[2] = { 0.0, width * 2.4 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
    }
}

/* One min–max bar per device pixel column, joined to the neighbouring
 * column's last value. */
static void
draw_columns (ElmanPlotPen          *pen,
              const ElmanPlotTrace *t,
              double                width)
{
  const ElmanPlotMap *m = pen->m;
  const ElmanPlotCtx *c = pen->c;
  cairo_t *cr = c->cr;
  ElmanPlotColumn *cols = pen->plot->columns;
  double s = pen->cs, ds = c->scale, half = width / 2;
  double col_w = (m->v[1] - m->v[0]) / (m->area.w * s);
  double prev_last = NAN;
  gssize prev_c = -2;

  elman_plot_trace_reduce (t, m->v[0], m->v[0] + col_w * (double) pen->n_columns,
                           cols, pen->n_columns);

  /* Bars first (one fill), then the rare links across empty columns. */
  for (int pass = 0; pass < 2; pass++)
    {
      prev_last = NAN;
      prev_c = -2;
      for (gsize k = 0; k < pen->n_columns; k++)
        {
          const ElmanPlotColumn *col = &cols[k];
          double lo = col->min, hi = col->max, top, bottom, x = m->area.x + (double) k / s;

          if (col->n == 0)
            continue;
          if (!(lo <= hi))
            {
              prev_last = NAN;
              continue;
            }

          if (!col->bad && isfinite (prev_last) && isfinite (col->first))
            {
              if (prev_c == (gssize) k - 1)
                {
                  lo = MIN (lo, prev_last);
                  hi = MAX (hi, prev_last);
                }
              else if (pass == 1)
                {
                  double xa = m->area.x + ((double) prev_c + 0.5) / s;
                  double ya = elman_plot_map_y (m, prev_last), yb = elman_plot_map_y (m, col->first);

                  if (isfinite (ya) && isfinite (yb))
                    {
                      if (pen->dry)
                        env_segment (pen, xa, ya, x + 0.5 / s, yb);
                      else
                        {
                          cairo_move_to (cr, xa, ya);
                          cairo_line_to (cr, x + 0.5 / s, yb);
                        }
                    }
                }
            }

          if (pass == 0)
            {
              top = elman_plot_map_y (m, hi);
              bottom = elman_plot_map_y (m, lo);
              if (!isfinite (bottom))   /* log axis, value <= 0 */
                bottom = m->area.y + m->area.h + half;
              if (isfinite (top))
                {
                  top -= half;
                  bottom += half;
                  if (pen->dry)
                    env_add (pen, (gssize) k, top, bottom);
                  else
                    {
                      /* Whole device pixels: Cairo fills aligned boxes
                       * without rasterising, and at one value per
                       * column there is nothing to anti-alias. */
                      double dt = round (top * ds + c->oy), db = round (bottom * ds + c->oy);

                      if (db - dt < 1)
                        db = dt + 1;
                      cairo_rectangle (cr, x, (dt - c->oy) / ds, 1.0 / s, (db - dt) / ds);
                    }
                }
            }

          prev_last = fabs (col->last) <= DBL_MAX ? col->last : NAN;
          prev_c = (gssize) k;
        }

      if (!pen->dry)
        {
          if (pass == 0)
            cairo_fill (cr);
          else
            {
              cairo_set_line_width (cr, width);
              cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
              cairo_stroke (cr);
            }
        }
    }
}

/* Draws one trace: the exact polyline when few points are visible, else
 * one min–max bar per device pixel column (spikes stay visible), joined
 * to the neighbouring column's last value so the line stays continuous.
 * Non-finite values break the line. */
void
elman_plot_draw_trace (ElmanPlotPen         *pen,
                       const ElmanPlotTrace *t,
                       const double         *rgba,
                       double                width,
                       ElmanPlotLineStyle    style)
{
  const ElmanPlotMap *m = pen->m;
  const ElmanPlotCtx *c = pen->c;
  cairo_t *cr = c->cr;
  gsize i0, i1;

  if (t->n == 0)
    return;

  i0 = elman_plot_trace_lower_bound (t, 0, t->n, m->v[0]);
  i1 = elman_plot_trace_lower_bound (t, i0, t->n, m->v[1]);
  /* One more point on either side so the line runs to the edge. */
  if (i0 > 0)
    i0--;
  if (i1 < t->n)
    i1++;
  if (i1 <= i0)
    return;

  if (!pen->dry)
    {
      cairo_save (cr);
      cairo_new_path (cr);
      elman_plot_set_color (c, rgba, 1.0);
    }

  if (i1 - i0 <= 2 * pen->n_columns)
    draw_polyline (pen, t, i0, i1, width, style);
  else
    draw_columns (pen, t, width);

  if (!pen->dry)
    cairo_restore (cr);
}

void
elman_plot_draw_band (ElmanPlotPen        *pen,
                      const ElmanPlotBand *band,
                      const double        *x,
                      const double        *rgba,
                      double               alpha)
{
  const ElmanPlotMap *m = pen->m;
  cairo_t *cr = pen->c->cr;
  gboolean started = FALSE;

  if (!pen->dry)
    cairo_new_path (cr);

  for (gsize i = 0; i <= band->n; i++)
    {
      double px = elman_plot_map_x (m, x[i]), py = elman_plot_map_y (m, band->upper[i]);

      if (!isfinite (px) || !isfinite (py))
        continue;
      if (pen->dry)
        {
          double pl = elman_plot_map_y (m, band->lower[i]);

          if (isfinite (pl))
            env_segment (pen, px, py, px, pl);
          continue;
        }
      if (started)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      started = TRUE;
    }
  if (pen->dry || !started)
    return;

  for (gsize i = band->n + 1; i-- > 0;)
    {
      double px = elman_plot_map_x (m, x[i]), py = elman_plot_map_y (m, band->lower[i]);

      if (isfinite (px) && isfinite (py))
        cairo_line_to (cr, px, py);
    }
  cairo_close_path (cr);
  elman_plot_set_color (pen->c, rgba, alpha);
  cairo_fill (cr);
}
