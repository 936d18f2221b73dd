/* elman-plot-legend.c — legends, placed where they hide no data
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

/* ElmanPlotLegend */

void
elman_plot_legend_add (ElmanPlotLegend     *l,
                       const char          *label,
                       const double        *rgba,
                       double               alpha,
                       ElmanPlotSampleKind  kind)
{
  if (l->n >= ELMAN_PLOT_MAX_ENTRIES)
    return;
  g_strlcpy (l->entries[l->n].label, label, sizeof l->entries[0].label);
  l->entries[l->n].rgba = rgba;
  l->entries[l->n].alpha = alpha;
  l->entries[l->n].kind = kind;
  l->n++;
}

static void
legend_size (const ElmanPlotCtx *c,
             ElmanPlotLegend    *l,
             gboolean            horizontal,
             double              max_width,
             double             *w,
             double             *h)
{
  double fs = c->fs * 0.95;

  l->row = fs * 1.45;
  l->sample = fs * 2.2;
  l->pad = fs * 0.55;
  elman_plot_set_font (c, fs, FALSE);

  if (!horizontal)
    {
      double tw = 0;

      for (guint i = 0; i < l->n; i++)
        tw = MAX (tw, elman_plot_text_width (c, l->entries[i].label));
      *w = l->pad * 2 + l->sample + l->pad + tw;
      *h = l->pad * 2 + l->row * l->n;
    }
  else
    {
      double x = 0, rows = 1, widest = 0;

      for (guint i = 0; i < l->n; i++)
        {
          double item = l->sample + l->pad * 0.6 + elman_plot_text_width (c, l->entries[i].label) + l->pad * 2;

          if (x > 0 && x + item > max_width)
            {
              rows++;
              x = 0;
            }
          x += item;
          widest = MAX (widest, x);
        }
      *w = widest;
      *h = l->row * rows;
    }
}

static void
draw_sample (const ElmanPlotCtx         *c,
             const ElmanPlotLegendEntry *e,
             double                      x,
             double                      y,
             double                      w,
             double                      row)
{
  cairo_t *cr = c->cr;

  cairo_save (cr);
  /* elman_plot_show_text() leaves a current point that cairo_arc() would join. */
  cairo_new_path (cr);
  elman_plot_set_color (c, e->rgba, e->alpha);
  switch (e->kind)
    {
    case ELMAN_PLOT_SAMPLE_FILL:
      cairo_rectangle (cr, x, y + row * 0.22, w, row * 0.56);
      cairo_fill (cr);
      break;

    case ELMAN_PLOT_SAMPLE_VLINE:
      {
        double dash[2] = { c->fs * 0.3, c->fs * 0.22 };

        cairo_set_line_width (cr, elman_plot_hairline (c) * 1.2);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_move_to (cr, x + w / 2, y + row * 0.1);
        cairo_line_to (cr, x + w / 2, y + row * 0.9);
        cairo_stroke (cr);
      }
      break;

    case ELMAN_PLOT_SAMPLE_MARKER:
      cairo_arc (cr, x + w / 2, y + row / 2, c->fs * 0.32, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      elman_plot_set_color (c, c->pal->background, 1.0);
      cairo_set_line_width (cr, c->fs * 0.1);
      cairo_stroke (cr);
      break;

    case ELMAN_PLOT_SAMPLE_DOT:
    case ELMAN_PLOT_SAMPLE_DASH:
    case ELMAN_PLOT_SAMPLE_LINE:
    default:
      cairo_set_line_width (cr, c->fs * (e->kind == ELMAN_PLOT_SAMPLE_DOT ? 0.2 : 0.15));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (e->kind == ELMAN_PLOT_SAMPLE_DASH)
        {
          double dash[2] = { c->fs * 0.45, c->fs * 0.26 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      else if (e->kind == ELMAN_PLOT_SAMPLE_DOT)
        {
          double dash[2] = { 0.0, c->fs * 0.42 };

          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_dash (cr, dash, 2, c->fs * 0.1);
        }
      cairo_move_to (cr, x, y + row / 2);
      cairo_line_to (cr, x + w, y + row / 2);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

void
elman_plot_draw_legend (const ElmanPlotCtx  *c,
                        ElmanPlotLegend     *l,
                        const ElmanPlotRect *r,
                        gboolean             horizontal)
{
  cairo_t *cr = c->cr;
  double fs = c->fs * 0.95;
  double x = r->x, y = r->y;

  cairo_save (cr);
  if (!horizontal)
    {
      ElmanPlotRect box = *r;
      int px = elman_plot_hairline_px (c);

      box.x = elman_plot_snap_x (c, box.x, px);
      box.y = elman_plot_snap_y (c, box.y, px);
      cairo_rectangle (cr, box.x, box.y, box.w, box.h);
      elman_plot_set_color (c, c->pal->background, 0.88);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, elman_plot_hairline (c));
      elman_plot_set_color (c, c->pal->foreground, 0.25);
      cairo_stroke (cr);
      x += l->pad;
      y += l->pad;
    }

  elman_plot_set_font (c, fs, FALSE);
  for (guint i = 0; i < l->n; i++)
    {
      const ElmanPlotLegendEntry *e = &l->entries[i];
      double tw = elman_plot_text_width (c, e->label);

      if (horizontal && x > r->x && x + l->sample + l->pad * 0.6 + tw > r->x + r->w + 0.5)
        {
          x = r->x;
          y += l->row;
        }
      draw_sample (c, e, x, y, l->sample, l->row);
      elman_plot_set_color (c, c->pal->foreground, 1.0);
      elman_plot_show_text (c, x + l->sample + l->pad * 0.6, y + l->row / 2, e->label, 0.0, 0.5);
      if (horizontal)
        x += l->sample + l->pad * 0.6 + tw + l->pad * 2;
      else
        y += l->row;
    }
  cairo_restore (cr);
}

/* Columns under @r where the envelope has data, i.e. what a legend box
 * there would hide. */
static gsize
legend_overlap (ElmanPlotPen        *pen,
                const ElmanPlotRect *r)
{
  /* A little air around the box: data touching it looks hidden too. */
  double s = pen->cs, ax = pen->m->area.x, gap = pen->c->fs * 0.4;
  gssize c0 = (gssize) floor ((r->x - gap - ax) * s);
  gssize c1 = (gssize) ceil ((r->x + r->w + gap - ax) * s);
  gsize hits = 0;

  for (gssize col = MAX (c0, 0); col < MIN (c1, (gssize) pen->n_columns); col++)
    if (pen->plot->env_max[col] >= r->y - gap && pen->plot->env_min[col] <= r->y + r->h + gap)
      hits++;
  return hits;
}

/* Lays out the axes again below a row (or rows) for the legend, after a
 * first elman_plot_layout_axes() into @ax that fixed the area's width. */
void
elman_plot_place_legend_above (ElmanPlot               *plot,
                               const ElmanPlotCtx      *c,
                               const ElmanPlotRect     *panel,
                               const double             v[4],
                               const ElmanPlotAxesKind *kind,
                               ElmanPlotLegend         *legend,
                               ElmanPlotAxes           *ax,
                               ElmanPlotMap            *m,
                               ElmanPlotPen            *pen,
                               ElmanPlotRect           *lrect)
{
  double gap = c->fs * 0.4, w, h;

  legend_size (c, legend, TRUE, ax->area.w, &w, &h);
  elman_plot_layout_axes (c, panel, h + gap, v, kind->time_x, kind->log_y, kind->integer_x, ax);
  elman_plot_map_init (m, &ax->area, v, kind->log_y);
  elman_plot_pen_init (pen, plot, c, m);
  lrect->x = ax->area.x;
  lrect->y = ax->area.y - h - gap;
  lrect->w = ax->area.w;
  lrect->h = h;
}

/* Lays out a panel's axes and finds the legend a place where it hides no
 * data: the emptiest corner inside the area (after a dry run of @layers
 * that records where the data is drawn), or else a row above the area,
 * for which the axes are laid out again. */
void
elman_plot_layout_with_legend (ElmanPlot               *plot,
                               const ElmanPlotCtx      *c,
                               const ElmanPlotRect     *panel,
                               const double             v[4],
                               const ElmanPlotAxesKind *kind,
                               ElmanPlotLegend         *legend,
                               ElmanPlotLayersFunc      layers,
                               gpointer                 data,
                               ElmanPlotAxes           *ax,
                               ElmanPlotMap            *m,
                               ElmanPlotPen            *pen,
                               ElmanPlotRect           *lrect,
                               gboolean                *outside)
{
  double w, h, inset = c->fs * 0.6;
  gsize best = G_MAXSIZE;

  elman_plot_layout_axes (c, panel, 0, v, kind->time_x, kind->log_y, kind->integer_x, ax);
  elman_plot_map_init (m, &ax->area, v, kind->log_y);
  elman_plot_pen_init (pen, plot, c, m);
  memset (lrect, 0, sizeof *lrect);
  *outside = FALSE;

  if (legend->n == 0)
    return;

  pen->dry = TRUE;
  elman_plot_env_reset (pen);
  layers (plot, pen, data);
  pen->dry = FALSE;

  legend_size (c, legend, FALSE, 0, &w, &h);
  /* Upper right, upper left, lower right, lower left. */
  for (int k = 0; k < 4 && best > 0; k++)
    {
      ElmanPlotRect cand = { 0, 0, w, h };
      gsize hits;

      if (w + 2 * inset > ax->area.w || h + 2 * inset > ax->area.h)
        break;
      cand.x = k % 2 == 0 ? ax->area.x + ax->area.w - inset - w : ax->area.x + inset;
      cand.y = k < 2 ? ax->area.y + inset : ax->area.y + ax->area.h - inset - h;
      hits = legend_overlap (pen, &cand);
      if (hits < best)
        {
          best = hits;
          *lrect = cand;
        }
    }

  if (best > 0)
    {
      *outside = TRUE;
      elman_plot_place_legend_above (plot, c, panel, v, kind, legend, ax, m, pen, lrect);
    }
}
