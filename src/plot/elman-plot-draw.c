/* elman-plot-draw.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-plot-private.h"

/* Pixel coordinates handed to Cairo stay within this distance of the
 * plotting area: Cairo's 24.8 fixed point would wrap far beyond it. */
#define COORD_LIMIT 1e5

typedef struct
{
  cairo_t                *cr;
  double                  scale;    /* device pixels per user unit */
  double                  ox, oy;   /* device = user × scale + o */
  double                  fs;       /* base font size, user units */
  const ElmanPlotPalette *pal;
  double                  area_top; /* lowest top of an area, to align */
} Ctx;

typedef struct
{
  ElmanPlotRect area;
  double        v[4];     /* x0 x1 y0 y1; log10 of y for a log axis */
  gboolean      log_y;
  double        ax, bx, ay, by;
} Map;

typedef struct
{
  ElmanPlotRect area;
  ElmanPlotTick xt[ELMAN_PLOT_MAX_TICKS];
  ElmanPlotTick yt[ELMAN_PLOT_MAX_TICKS];
  gsize         n_xt;
  gsize         n_yt;
} Axes;

typedef enum
{
  LINE_SOLID,
  LINE_DASHED,
  LINE_DOTTED,
} LineStyle;

typedef enum
{
  SAMPLE_LINE,
  SAMPLE_DASH,
  SAMPLE_DOT,
  SAMPLE_FILL,
  SAMPLE_VLINE,
  SAMPLE_MARKER,
} SampleKind;

typedef struct
{
  char          label[64];
  const double *rgba;
  double        alpha;
  SampleKind    kind;
} LegendEntry;

#define MAX_ENTRIES 10

typedef struct
{
  LegendEntry entries[MAX_ENTRIES];
  guint       n;
  double      row;        /* row height */
  double      sample;     /* width of a sample line */
  double      pad;
} Legend;

/* Geometry helpers */

static void
ctx_init (Ctx                    *c,
          cairo_t                *cr,
          double                  hint,
          double                  width,
          double                  height,
          const ElmanPlotPalette *pal)
{
  double x = 0, y = 0, dx = 1, dy = 0, dsx = 1, dsy = 1, dox = 0, doy = 0;
  cairo_surface_t *target = cairo_get_target (cr);

  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &dx, &dy);
  if (target)
    {
      cairo_surface_get_device_scale (target, &dsx, &dsy);
      cairo_surface_get_device_offset (target, &dox, &doy);
    }

  c->cr = cr;
  c->scale = hypot (dx, dy) * dsx * hint;
  if (!(c->scale > 1e-3) || !isfinite (c->scale))
    c->scale = 1.0;
  c->ox = (x * dsx + dox) * hint;
  c->oy = (y * dsy + doy) * hint;
  /* Text grows with the figure's area, within readable bounds. */
  c->fs = CLAMP (sqrt (width * height) / 50.0, 9.0, 15.0);
  c->pal = pal;
  c->area_top = 0;
}

/* User coordinate of the pixel centre (odd line widths) or pixel edge
 * (even widths) nearest to @u, so lines of whole device pixels are crisp. */
static double
snap_x (const Ctx *c,
        double     u,
        int        width_px)
{
  double d = u * c->scale + c->ox;

  d = width_px % 2 ? floor (d) + 0.5 : round (d);
  return (d - c->ox) / c->scale;
}

static double
snap_y (const Ctx *c,
        double     u,
        int        width_px)
{
  double d = u * c->scale + c->oy;

  d = width_px % 2 ? floor (d) + 0.5 : round (d);
  return (d - c->oy) / c->scale;
}

/* A hairline: one device pixel at scale 1, whole pixels above. */
static int
hairline_px (const Ctx *c)
{
  return MAX (1, (int) round (c->scale));
}

static double
hairline (const Ctx *c)
{
  return hairline_px (c) / c->scale;
}

static void
set_color (const Ctx    *c,
           const double *rgba,
           double        alpha)
{
  cairo_set_source_rgba (c->cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

static void
map_init (Map                 *m,
          const ElmanPlotRect *area,
          const double         v[4],
          gboolean             log_y)
{
  m->area = *area;
  memcpy (m->v, v, sizeof m->v);
  m->log_y = log_y;
  /* Halves first: v[1] − v[0] may overflow for ±1e308. */
  m->bx = area->w / (v[1] / 2 - v[0] / 2) / 2;
  m->ax = area->x - v[0] * m->bx;
  m->by = -area->h / (v[3] / 2 - v[2] / 2) / 2;
  m->ay = area->y + area->h - v[2] * m->by;
}

static inline double
clampf (double v,
        double lo,
        double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static inline double
map_x (const Map *m,
       double     x)
{
  double px = m->ax + x * m->bx;

  if (!isfinite (px))
    return NAN;
  return clampf (px, m->area.x - COORD_LIMIT, m->area.x + m->area.w + COORD_LIMIT);
}

static inline double
map_y (const Map *m,
       double     y)
{
  double py;

  if (m->log_y)
    y = y > 0.0 ? log10 (y) : NAN;
  py = m->ay + y * m->by;
  if (!isfinite (py))
    return NAN;
  return clampf (py, m->area.y - COORD_LIMIT, m->area.y + m->area.h + COORD_LIMIT);
}

/* Text */

static void
set_font (const Ctx *c,
          double     size,
          gboolean   bold)
{
  cairo_select_font_face (c->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (c->cr, size);
}

static double
text_width (const Ctx  *c,
            const char *text)
{
  cairo_text_extents_t ext;

  cairo_text_extents (c->cr, text, &ext);
  return ext.x_advance;
}

/* Draws @text with its box aligned at (x, y): @halign 0 left … 1 right,
 * @valign 0 top, 0.5 middle, 1 bottom (of the font's ascent/descent). */
static void
show_text (const Ctx  *c,
           double      x,
           double      y,
           const char *text,
           double      halign,
           double      valign)
{
  cairo_font_extents_t fe;
  double w = text_width (c, text);
  double h;

  cairo_font_extents (c->cr, &fe);
  h = fe.ascent + fe.descent;
  cairo_move_to (c->cr, x - halign * w, y - valign * h + fe.ascent);
  cairo_show_text (c->cr, text);
}

/* Layout */

static gsize
filter_integer_ticks (ElmanPlotTick *t,
                      gsize          n)
{
  gsize k = 0;

  double step;

  for (gsize i = 0; i < n; i++)
    if (fabs (t[i].value - round (t[i].value)) < 1e-9)
      t[k++] = t[i];

  /* "2", not "2.0" from a step of 0.5. */
  step = k >= 2 ? MAX (t[1].value - t[0].value, 1.0) : 1.0;
  for (gsize i = 0; i < k; i++)
    elman_plot_format_value (round (t[i].value), step, t[i].label, sizeof t[i].label);
  return k;
}

static double
max_label_width (const Ctx           *c,
                 const ElmanPlotTick *t,
                 gsize                n)
{
  double w = 0;

  for (gsize i = 0; i < n; i++)
    w = MAX (w, text_width (c, t[i].label));
  return w;
}

static void
snap_rect (const Ctx     *c,
           ElmanPlotRect *r)
{
  double x0 = (round (r->x * c->scale + c->ox) - c->ox) / c->scale;
  double y0 = (round (r->y * c->scale + c->oy) - c->oy) / c->scale;
  double x1 = (round ((r->x + r->w) * c->scale + c->ox) - c->ox) / c->scale;
  double y1 = (round ((r->y + r->h) * c->scale + c->oy) - c->oy) / c->scale;

  r->x = x0;
  r->y = y0;
  r->w = MAX (x1 - x0, 1.0 / c->scale);
  r->h = MAX (y1 - y0, 1.0 / c->scale);
}

/* Space between a panel's top and its area (without a legend row). */
static double
axes_top_inset (const Ctx *c)
{
  return c->fs * 0.9 * 0.6;
}

static void
layout_axes (const Ctx           *c,
             const ElmanPlotRect *panel,
             double               top_reserve,
             const double         v[4],
             gboolean             time_x,
             gboolean             log_y,
             gboolean             integer_x,
             Axes                *ax)
{
  double fs = c->fs, pad = fs * 0.9, tick = fs * 0.35, gap = fs * 0.35;
  double label_h = fs * 1.25, title_h = fs * 1.35;
  double top, bottom, left, right, yw;
  gsize target;

  top = MAX (panel->y + axes_top_inset (c) + top_reserve, c->area_top);
  bottom = panel->y + panel->h - (pad * 0.5 + title_h + gap + label_h + gap + tick);
  ax->area.y = top;
  ax->area.h = MAX (bottom - top, 1.0);

  set_font (c, fs, FALSE);
  target = (gsize) MAX (2.0, ax->area.h / (fs * 3.0));
  if (log_y)
    ax->n_yt = elman_plot_ticks_log (pow (10.0, v[2]), pow (10.0, v[3]),
                                     (gsize) MAX (2.0, ax->area.h / (fs * 2.2)),
                                     ax->yt, ELMAN_PLOT_MAX_TICKS);
  else
    ax->n_yt = elman_plot_ticks_linear (v[2], v[3], target, ax->yt,
                                        ELMAN_PLOT_MAX_TICKS, NULL);
  yw = max_label_width (c, ax->yt, ax->n_yt);

  left = panel->x + pad + title_h + gap + yw + gap + tick;
  right = panel->x + panel->w - pad - fs * 1.2;
  ax->area.x = left;
  ax->area.w = MAX (right - left, 1.0);
  snap_rect (c, &ax->area);

  /* Fewer x ticks until the labels no longer touch. */
  target = (gsize) MAX (2.0, ax->area.w / (fs * (time_x ? 7.0 : 5.5)));
  for (int attempt = 0; attempt < 8; attempt++)
    {
      double w;

      if (time_x)
        ax->n_xt = elman_plot_ticks_time (v[0], v[1], target, ax->xt,
                                          ELMAN_PLOT_MAX_TICKS, NULL, NULL);
      else
        ax->n_xt = elman_plot_ticks_linear (v[0], v[1], target, ax->xt,
                                            ELMAN_PLOT_MAX_TICKS, NULL);
      if (integer_x)
        ax->n_xt = filter_integer_ticks (ax->xt, ax->n_xt);

      w = max_label_width (c, ax->xt, ax->n_xt);
      if (ax->n_xt < 3 || (w + fs * 1.5) * (double) ax->n_xt <= ax->area.w || target <= 2)
        break;
      target = MIN (target - 1, (gsize) MAX (2.0, ax->area.w / (w + fs * 1.5)));
    }
}

static void
draw_grid (const Ctx  *c,
           const Map  *m,
           const Axes *ax)
{
  cairo_t *cr = c->cr;
  int px = hairline_px (c);

  cairo_save (cr);
  cairo_set_line_width (cr, hairline (c));
  set_color (c, c->pal->grid, 1.0);
  for (gsize i = 0; i < ax->n_yt; i++)
    {
      double y = map_y (m, ax->yt[i].value);

      if (!isfinite (y))
        continue;
      y = snap_y (c, y, px);
      cairo_move_to (cr, ax->area.x, y);
      cairo_line_to (cr, ax->area.x + ax->area.w, y);
    }
  for (gsize i = 0; i < ax->n_xt; i++)
    {
      double x = map_x (m, ax->xt[i].value);

      if (!isfinite (x))
        continue;
      x = snap_x (c, x, px);
      cairo_move_to (cr, x, ax->area.y);
      cairo_line_to (cr, x, ax->area.y + ax->area.h);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_frame (const Ctx  *c,
            const Map  *m,
            const Axes *ax,
            const char *x_title,
            const char *y_title)
{
  cairo_t *cr = c->cr;
  int px = hairline_px (c);
  double fs = c->fs, tick = fs * 0.35, gap = fs * 0.35;
  double x0 = snap_x (c, ax->area.x, px), x1 = snap_x (c, ax->area.x + ax->area.w, px);
  double y0 = snap_y (c, ax->area.y, px), y1 = snap_y (c, ax->area.y + ax->area.h, px);
  double label_h;
  cairo_font_extents_t fe;

  cairo_save (cr);
  cairo_set_line_width (cr, hairline (c));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  set_color (c, c->pal->foreground, 0.85);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (gsize i = 0; i < ax->n_xt; i++)
    {
      double x = map_x (m, ax->xt[i].value);

      if (!isfinite (x))
        continue;
      x = snap_x (c, x, px);
      cairo_move_to (cr, x, y1);
      cairo_line_to (cr, x, y1 + tick);
    }
  for (gsize i = 0; i < ax->n_yt; i++)
    {
      double y = map_y (m, ax->yt[i].value);

      if (!isfinite (y))
        continue;
      y = snap_y (c, y, px);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 - tick, y);
    }
  /* Unlabelled minor ticks at 2…9 × 10^k on a logarithmic axis. */
  if (m->log_y && isfinite (m->v[2]) && isfinite (m->v[3]) && m->v[3] - m->v[2] < 60)
    for (int e = (int) floor (m->v[2]); e <= (int) ceil (m->v[3]); e++)
      for (int k = 2; k <= 9; k++)
        {
          double val = k * pow (10.0, e), y = map_y (m, val);

          if (!isfinite (y) || y < ax->area.y || y > ax->area.y + ax->area.h)
            continue;
          y = snap_y (c, y, px);
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x0 - tick * 0.55, y);
        }
  cairo_stroke (cr);

  set_color (c, c->pal->foreground, 1.0);
  set_font (c, fs, FALSE);
  cairo_font_extents (cr, &fe);
  label_h = fe.ascent + fe.descent;
  for (gsize i = 0; i < ax->n_xt; i++)
    {
      double x = map_x (m, ax->xt[i].value);

      if (isfinite (x))
        show_text (c, x, y1 + tick + gap * 0.6, ax->xt[i].label, 0.5, 0.0);
    }
  for (gsize i = 0; i < ax->n_yt; i++)
    {
      double y = map_y (m, ax->yt[i].value);

      if (isfinite (y))
        show_text (c, x0 - tick - gap, y, ax->yt[i].label, 1.0, 0.5);
    }

  set_font (c, fs * 1.05, FALSE);
  if (x_title)
    show_text (c, ax->area.x + ax->area.w / 2, y1 + tick + gap + label_h + gap,
               x_title, 0.5, 0.0);
  if (y_title)
    {
      double yw = 0;

      set_font (c, fs, FALSE);
      for (gsize i = 0; i < ax->n_yt; i++)
        yw = MAX (yw, text_width (c, ax->yt[i].label));
      set_font (c, fs * 1.05, FALSE);
      /* A long title beside a short area (a translation, a small lower
       * panel) shrinks rather than run off the panel. */
      {
        double tw = text_width (c, y_title), room = ax->area.h + fs * 2;

        if (tw > room)
          set_font (c, MAX (fs * 1.05 * room / tw, fs * 0.7), FALSE);
      }
      cairo_save (cr);
      cairo_translate (cr, x0 - tick - gap - yw - gap, ax->area.y + ax->area.h / 2);
      cairo_rotate (cr, -G_PI / 2);
      show_text (c, 0, 0, y_title, 0.5, 1.0);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* Envelope: per pixel column of the area, the vertical extent covered by
 * drawn data, so the legend can go where it hides nothing. */

typedef struct
{
  ElmanPlot *plot;
  const Ctx *c;
  const Map *m;
  gsize      n_columns;   /* device pixel columns of the area (bounded) */
  double     cs;          /* columns per user unit */
  gboolean   dry;         /* only fill the envelope */
} Pen;

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

static void
pen_init (Pen       *pen,
          ElmanPlot *plot,
          const Ctx *c,
          const Map *m)
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

static void
env_reset (Pen *pen)
{
  for (gsize i = 0; i < pen->n_columns; i++)
    {
      pen->plot->env_min[i] = INFINITY;
      pen->plot->env_max[i] = -INFINITY;
    }
}

static inline void
env_add (Pen    *pen,
         gssize  col,
         double  y0,
         double  y1)
{
  if (col < 0 || (gsize) col >= pen->n_columns)
    return;
  pen->plot->env_min[col] = MIN (pen->plot->env_min[col], MIN (y0, y1));
  pen->plot->env_max[col] = MAX (pen->plot->env_max[col], MAX (y0, y1));
}

static void
env_segment (Pen    *pen,
             double  x0,
             double  y0,
             double  x1,
             double  y1)
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

/* Draws one trace: the exact polyline when few points are visible, else
 * one min–max bar per device pixel column (spikes stay visible), joined
 * to the neighbouring column's last value so the line stays continuous.
 * Non-finite values break the line. */
static void
draw_trace (Pen                  *pen,
            const ElmanPlotTrace *t,
            const double         *rgba,
            double                width,
            LineStyle             style)
{
  const Map *m = pen->m;
  const Ctx *c = pen->c;
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
      set_color (c, rgba, 1.0);
    }

  if (i1 - i0 <= 2 * pen->n_columns)
    {
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

          x = map_x (m, xd);
          y = map_y (m, yd);

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
          if (style == LINE_DASHED)
            {
              double dash[2] = { width * 3.5, width * 2.0 };
              cairo_set_dash (cr, dash, 2, 0);
            }
          else if (style == LINE_DOTTED)
            {
              /* Round caps turn the zero-length dashes into dots. */
              double dash[2] = { 0.0, width * 2.4 };
              cairo_set_dash (cr, dash, 2, 0);
            }
          cairo_stroke (cr);
        }
    }
  else
    {
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
                      double ya = map_y (m, prev_last), yb = map_y (m, col->first);

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
                  top = map_y (m, hi);
                  bottom = map_y (m, lo);
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

  if (!pen->dry)
    cairo_restore (cr);
}

static void
draw_band (Pen                 *pen,
           const ElmanPlotBand *band,
           const double        *x,
           const double        *rgba,
           double               alpha)
{
  const Map *m = pen->m;
  cairo_t *cr = pen->c->cr;
  gboolean started = FALSE;

  if (!pen->dry)
    cairo_new_path (cr);

  for (gsize i = 0; i <= band->n; i++)
    {
      double px = map_x (m, x[i]), py = map_y (m, band->upper[i]);

      if (!isfinite (px) || !isfinite (py))
        continue;
      if (pen->dry)
        {
          double pl = map_y (m, band->lower[i]);

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
      double px = map_x (m, x[i]), py = map_y (m, band->lower[i]);

      if (isfinite (px) && isfinite (py))
        cairo_line_to (cr, px, py);
    }
  cairo_close_path (cr);
  set_color (pen->c, rgba, alpha);
  cairo_fill (cr);
}

/* Legend */

static void
legend_add (Legend       *l,
            const char   *label,
            const double *rgba,
            double        alpha,
            SampleKind    kind)
{
  if (l->n >= MAX_ENTRIES)
    return;
  g_strlcpy (l->entries[l->n].label, label, sizeof l->entries[0].label);
  l->entries[l->n].rgba = rgba;
  l->entries[l->n].alpha = alpha;
  l->entries[l->n].kind = kind;
  l->n++;
}

static void
legend_size (const Ctx    *c,
             Legend       *l,
             gboolean      horizontal,
             double        max_width,
             double       *w,
             double       *h)
{
  double fs = c->fs * 0.95;

  l->row = fs * 1.45;
  l->sample = fs * 2.2;
  l->pad = fs * 0.55;
  set_font (c, fs, FALSE);

  if (!horizontal)
    {
      double tw = 0;

      for (guint i = 0; i < l->n; i++)
        tw = MAX (tw, text_width (c, l->entries[i].label));
      *w = l->pad * 2 + l->sample + l->pad + tw;
      *h = l->pad * 2 + l->row * l->n;
    }
  else
    {
      double x = 0, rows = 1, widest = 0;

      for (guint i = 0; i < l->n; i++)
        {
          double item = l->sample + l->pad * 0.6 + text_width (c, l->entries[i].label) + l->pad * 2;

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
draw_sample (const Ctx         *c,
             const LegendEntry *e,
             double             x,
             double             y,
             double             w,
             double             row)
{
  cairo_t *cr = c->cr;

  cairo_save (cr);
  /* show_text() leaves a current point that cairo_arc() would join. */
  cairo_new_path (cr);
  set_color (c, e->rgba, e->alpha);
  switch (e->kind)
    {
    case SAMPLE_FILL:
      cairo_rectangle (cr, x, y + row * 0.22, w, row * 0.56);
      cairo_fill (cr);
      break;

    case SAMPLE_VLINE:
      {
        double dash[2] = { c->fs * 0.3, c->fs * 0.22 };

        cairo_set_line_width (cr, hairline (c) * 1.2);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_move_to (cr, x + w / 2, y + row * 0.1);
        cairo_line_to (cr, x + w / 2, y + row * 0.9);
        cairo_stroke (cr);
      }
      break;

    case SAMPLE_MARKER:
      cairo_arc (cr, x + w / 2, y + row / 2, c->fs * 0.32, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      set_color (c, c->pal->background, 1.0);
      cairo_set_line_width (cr, c->fs * 0.1);
      cairo_stroke (cr);
      break;

    case SAMPLE_DOT:
    case SAMPLE_DASH:
    case SAMPLE_LINE:
    default:
      cairo_set_line_width (cr, c->fs * (e->kind == SAMPLE_DOT ? 0.2 : 0.15));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (e->kind == SAMPLE_DASH)
        {
          double dash[2] = { c->fs * 0.45, c->fs * 0.26 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      else if (e->kind == SAMPLE_DOT)
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

static void
draw_legend (const Ctx           *c,
             Legend              *l,
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
      int px = hairline_px (c);

      box.x = snap_x (c, box.x, px);
      box.y = snap_y (c, box.y, px);
      cairo_rectangle (cr, box.x, box.y, box.w, box.h);
      set_color (c, c->pal->background, 0.88);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, hairline (c));
      set_color (c, c->pal->foreground, 0.25);
      cairo_stroke (cr);
      x += l->pad;
      y += l->pad;
    }

  set_font (c, fs, FALSE);
  for (guint i = 0; i < l->n; i++)
    {
      const LegendEntry *e = &l->entries[i];
      double tw = text_width (c, e->label);

      if (horizontal && x > r->x && x + l->sample + l->pad * 0.6 + tw > r->x + r->w + 0.5)
        {
          x = r->x;
          y += l->row;
        }
      draw_sample (c, e, x, y, l->sample, l->row);
      set_color (c, c->pal->foreground, 1.0);
      show_text (c, x + l->sample + l->pad * 0.6, y + l->row / 2, e->label, 0.0, 0.5);
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
legend_overlap (Pen                 *pen,
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

typedef void (*LayersFunc) (ElmanPlot *plot,
                            Pen       *pen,
                            gpointer   data);

typedef struct
{
  gboolean time_x;
  gboolean log_y;
  gboolean integer_x;
} AxesKind;

/* Lays out the axes again below a row (or rows) for the legend, after a
 * first layout_axes() into @ax that fixed the area's width. */
static void
place_legend_above (ElmanPlot           *plot,
                    const Ctx           *c,
                    const ElmanPlotRect *panel,
                    const double         v[4],
                    const AxesKind      *kind,
                    Legend              *legend,
                    Axes                *ax,
                    Map                 *m,
                    Pen                 *pen,
                    ElmanPlotRect       *lrect)
{
  double gap = c->fs * 0.4, w, h;

  legend_size (c, legend, TRUE, ax->area.w, &w, &h);
  layout_axes (c, panel, h + gap, v, kind->time_x, kind->log_y, kind->integer_x, ax);
  map_init (m, &ax->area, v, kind->log_y);
  pen_init (pen, plot, c, m);
  lrect->x = ax->area.x;
  lrect->y = ax->area.y - h - gap;
  lrect->w = ax->area.w;
  lrect->h = h;
}

/* Lays out a panel's axes and finds the legend a place where it hides no
 * data: the emptiest corner inside the area (after a dry run of @layers
 * that records where the data is drawn), or else a row above the area,
 * for which the axes are laid out again. */
static void
layout_with_legend (ElmanPlot           *plot,
                    const Ctx           *c,
                    const ElmanPlotRect *panel,
                    const double         v[4],
                    const AxesKind      *kind,
                    Legend              *legend,
                    LayersFunc           layers,
                    gpointer             data,
                    Axes                *ax,
                    Map                 *m,
                    Pen                 *pen,
                    ElmanPlotRect       *lrect,
                    gboolean            *outside)
{
  double w, h, inset = c->fs * 0.6;
  gsize best = G_MAXSIZE;

  layout_axes (c, panel, 0, v, kind->time_x, kind->log_y, kind->integer_x, ax);
  map_init (m, &ax->area, v, kind->log_y);
  pen_init (pen, plot, c, m);
  memset (lrect, 0, sizeof *lrect);
  *outside = FALSE;

  if (legend->n == 0)
    return;

  pen->dry = TRUE;
  env_reset (pen);
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
      place_legend_above (plot, c, panel, v, kind, legend, ax, m, pen, lrect);
    }
}

/* Panels */

static void
draw_placeholder (const Ctx           *c,
                  const ElmanPlotRect *area,
                  const char          *text)
{
  set_color (c, c->pal->foreground, 0.55);
  set_font (c, c->fs * 1.1, FALSE);
  show_text (c, area->x + area->w / 2, area->y + area->h / 2, text, 0.5, 0.5);
}

static void
series_layers (ElmanPlot *plot,
               Pen       *pen,
               gpointer   data)
{
  const ElmanPlotPalette *pal = pen->c->pal;
  double lw = pen->c->fs * 0.13;

  for (guint b = 0; b < plot->n_bands; b++)
    draw_band (pen, &plot->bands[b], plot->forecast_x, pal->forecast,
               b + 1 == plot->n_bands ? 0.30 : 0.16);

  draw_trace (pen, &plot->data_trace, pal->data, lw, LINE_SOLID);
  draw_trace (pen, &plot->fit_trace, pal->fit, lw * 0.9, LINE_SOLID);
  draw_trace (pen, &plot->test_trace, pal->test, lw * 0.9, LINE_SOLID);
  /* Dotted and a little wider: it often runs right beside the test line. */
  draw_trace (pen, &plot->free_run_trace, pal->free_running, lw * 1.25, LINE_DOTTED);

  if (plot->n_forecast > 0)
    {
      ElmanPlotTrace ft = { 0 };

      /* Borrowed arrays, no index: forecasts are short. */
      ft.y = plot->forecast;
      ft.x = plot->forecast_x;
      ft.n = plot->n_forecast + 1;
      draw_trace (pen, &ft, pal->forecast, lw * 1.1, LINE_DASHED);
    }
}

static void
draw_series_panel (ElmanPlot           *plot,
                   const Ctx           *c,
                   const ElmanPlotRect *panel,
                   ElmanPlotLayout     *layout)
{
  cairo_t *cr = c->cr;
  const ElmanPlotPalette *pal = c->pal;
  ElmanSeries *s = plot->series;
  gboolean time_x = s && s->times && s->times_are_dates;
  const char *x_title, *y_title;
  double v[4];
  Axes ax;
  Map m;
  Pen pen = { 0 };
  Legend legend = { 0 };
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
    legend_add (&legend, _("Observed"), pal->data, 1.0, SAMPLE_LINE);
  if (plot->fit_trace.n > 0)
    legend_add (&legend, _("Fit (one step ahead)"), pal->fit, 1.0, SAMPLE_LINE);
  if (plot->test_trace.n > 0)
    legend_add (&legend, _("Test (one step ahead)"), pal->test, 1.0, SAMPLE_LINE);
  if (plot->free_run_trace.n > 0)
    legend_add (&legend, _("Free-running (closed loop)"), pal->free_running, 1.0, SAMPLE_DOT);
  forecast_visible = plot->n_forecast > 0 && plot->forecast_x[plot->n_forecast] >= v[0]
                     && plot->forecast_x[0] <= v[1];
  if (forecast_visible)
    legend_add (&legend, _("Forecast"), pal->forecast, 1.0, SAMPLE_DASH);
  for (guint b = forecast_visible ? plot->n_bands : 0; b-- > 0;)
    {
      char label[64];

      g_snprintf (label, sizeof label, _("%.0f%% interval"), plot->bands[b].level * 100);
      legend_add (&legend, label, pal->forecast, b + 1 == plot->n_bands ? 0.30 : 0.16, SAMPLE_FILL);
    }
  /* Only what the view shows goes into the legend. */
  if (has_split && x_split >= v[0] && x_split <= v[1])
    legend_add (&legend, _("Train/test split"), pal->foreground, 0.6, SAMPLE_VLINE);

  {
    AxesKind kind = { time_x, FALSE, FALSE };

    layout_with_legend (plot, c, panel, v, &kind, &legend, series_layers, NULL,
                        &ax, &m, &pen, &lrect, &outside);
  }

  /* Future region, grid, bands and lines, clipped to the area. */
  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);

  if (plot->n_forecast > 0 && s && s->n > 0)
    {
      double xf = map_x (&m, plot->forecast_x[0]);

      if (isfinite (xf) && xf < ax.area.x + ax.area.w)
        {
          xf = MAX (xf, ax.area.x);
          cairo_rectangle (cr, xf, ax.area.y, ax.area.x + ax.area.w - xf, ax.area.h);
          set_color (c, pal->foreground, 0.05);
          cairo_fill (cr);
        }
    }

  draw_grid (c, &m, &ax);
  series_layers (plot, &pen, NULL);

  if (has_split)
    {
      double xs = map_x (&m, x_split);

      if (isfinite (xs))
        {
          double dash[2] = { c->fs * 0.35, c->fs * 0.25 };
          int px = hairline_px (c);

          xs = snap_x (c, xs, px);
          cairo_save (cr);
          cairo_set_line_width (cr, hairline (c));
          cairo_set_dash (cr, dash, 2, 0);
          set_color (c, pal->foreground, 0.6);
          cairo_move_to (cr, xs, ax.area.y);
          cairo_line_to (cr, xs, ax.area.y + ax.area.h);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
  cairo_restore (cr);

  draw_frame (c, &m, &ax, x_title, y_title);

  if (s == NULL || s->n == 0)
    draw_placeholder (c, &ax.area, _("No data"));

  if (legend.n > 0 && lrect.w > 0)
    draw_legend (c, &legend, &lrect, outside);

  layout->area = ax.area;
  memcpy (layout->frame_view, v, sizeof layout->frame_view);
  layout->legend = lrect;
  layout->legend_outside = outside;
  layout->have_frame = TRUE;
}

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
loss_layers (ElmanPlot *plot,
             Pen       *pen,
             gpointer   data)
{
  const LossLayers *l = data;

  draw_trace (pen, l->train, pen->c->pal->train_loss, l->width, LINE_SOLID);
  draw_trace (pen, l->valid, pen->c->pal->valid_loss, l->width, LINE_SOLID);
}

static void
draw_loss_panel (ElmanPlot           *plot,
                 const Ctx           *c,
                 const ElmanPlotRect *panel,
                 ElmanPlotLayout     *layout)
{
  cairo_t *cr = c->cr;
  const ElmanPlotPalette *pal = c->pal;
  gsize n = plot->n_epochs;
  double lo = INFINITY, hi = -INFINITY, v[4], lw = c->fs * 0.13;
  Axes ax;
  Map m;
  Pen pen = { 0 };
  Legend legend = { 0 };
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
    legend_add (&legend, _("Training loss"), pal->train_loss, 1.0, SAMPLE_LINE);
  if (valid.n > 0)
    legend_add (&legend, _("Validation loss"), pal->valid_loss, 1.0, SAMPLE_LINE);
  if (have_best)
    {
      char label[64];

      g_snprintf (label, sizeof label, _("Best epoch (%zu)"), plot->best_epoch + 1);
      legend_add (&legend, label, best_rgba, 1.0, SAMPLE_MARKER);
    }

  {
    AxesKind kind = { FALSE, TRUE, TRUE };

    layers.train = &train;
    layers.valid = &valid;
    layers.width = lw;
    layout_with_legend (plot, c, panel, v, &kind, &legend, loss_layers, &layers,
                        &ax, &m, &pen, &lrect, &outside);
  }

  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);
  draw_grid (c, &m, &ax);

  if (have_best)
    {
      double xb = map_x (&m, (double) plot->best_epoch + 1);
      double dash[2] = { c->fs * 0.2, c->fs * 0.25 };

      if (isfinite (xb))
        {
          xb = snap_x (c, xb, hairline_px (c));
          cairo_save (cr);
          cairo_set_line_width (cr, hairline (c));
          cairo_set_dash (cr, dash, 2, 0);
          set_color (c, pal->foreground, 0.45);
          cairo_move_to (cr, xb, ax.area.y);
          cairo_line_to (cr, xb, ax.area.y + ax.area.h);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }

  loss_layers (plot, &pen, &layers);

  if (have_best && isfinite (best_value))
    {
      double xb = map_x (&m, (double) plot->best_epoch + 1), yb = map_y (&m, best_value);

      if (isfinite (xb) && isfinite (yb))
        {
          cairo_new_path (cr);
          cairo_arc (cr, xb, yb, c->fs * 0.32, 0, 2 * G_PI);
          set_color (c, best_rgba, 1.0);
          cairo_fill_preserve (cr);
          set_color (c, pal->background, 1.0);
          cairo_set_line_width (cr, c->fs * 0.1);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);

  draw_frame (c, &m, &ax, _("Epoch"), _("Loss (log scale)"));

  if (n == 0)
    draw_placeholder (c, &ax.area, _("No training yet"));

  if (legend.n > 0 && lrect.w > 0)
    draw_legend (c, &legend, &lrect, outside);
  layout->loss_legend = lrect;
  layout->loss_legend_outside = outside;
}

/* The residual ACF (issue 7): a bar per lag from zero, dashed lines at
 * ±bound, bars beyond the bounds in the emphasis colour. Its legend
 * always goes above the area: bound lines run through every corner. */

/* Half the height of the symmetric y range: the largest |r| or 1.2 times
 * the bound, whichever is larger, with a little air. */
static double
acf_extent (ElmanPlot *plot)
{
  double r = isfinite (plot->acf_bound) ? 1.2 * plot->acf_bound : 0.0;

  for (guint l = 0; l < plot->n_acf; l++)
    if (fabs (plot->acf[l]) <= DBL_MAX)
      r = MAX (r, fabs (plot->acf[l]));
  if (!(r > 1e-12))
    r = 1.0;
  return r * 1.08;
}

/* Bars as boxes of whole device pixels: exact colours, no blur. */
static void
draw_acf_bars (ElmanPlot *plot,
               const Ctx *c,
               const Map *m)
{
  cairo_t *cr = c->cr;
  double ds = c->scale;
  double w = CLAMP (m->bx * 0.55, 1.0 / ds, c->fs * 1.2);
  double zero = round (map_y (m, 0.0) * ds + c->oy);

  for (int outside = 0; outside < 2; outside++)
    {
      cairo_new_path (cr);
      for (guint l = 1; l <= plot->n_acf; l++)
        {
          double r = plot->acf[l - 1], x = map_x (m, (double) l), y, left, right, top, bottom;

          if (!(fabs (r) <= DBL_MAX) || !isfinite (x) || (fabs (r) > plot->acf_bound) != outside)
            continue;
          left = round ((x - w / 2) * ds + c->ox);
          right = MAX (round ((x + w / 2) * ds + c->ox), left + 1);
          y = round (map_y (m, r) * ds + c->oy);
          top = MIN (y, zero);
          bottom = MAX (MAX (y, zero), top + 1);
          cairo_rectangle (cr, (left - c->ox) / ds, (top - c->oy) / ds, (right - left) / ds, (bottom - top) / ds);
        }
      set_color (c, outside ? c->pal->acf_outside : c->pal->acf, 1.0);
      cairo_fill (cr);
    }
}

/* A horizontal hairline across the area at @y (data), dashed or solid. */
static void
draw_hline (const Ctx  *c,
            const Map  *m,
            double      y,
            double      alpha,
            gboolean    dashed)
{
  cairo_t *cr = c->cr;
  double py = map_y (m, y);
  double dash[2] = { c->fs * 0.4, c->fs * 0.3 };

  if (!isfinite (py))
    return;
  py = snap_y (c, py, hairline_px (c));
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, hairline (c));
  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  set_color (c, c->pal->foreground, alpha);
  cairo_move_to (cr, m->area.x, py);
  cairo_line_to (cr, m->area.x + m->area.w, py);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
panel_title_height (const Ctx *c)
{
  return c->fs * 1.6;
}

/* Ticks at the multiples of the season (12, 24 for monthly data), where
 * seasonal structure left in the residuals shows, halved while there are
 * fewer than four (6, 12, 18, 24); the plain integer ticks stay when
 * there would be more than eight or fewer than two. */
static void
season_ticks (const ElmanPlot *plot,
              Axes            *ax)
{
  guint step = plot->acf_season, k;

  if (step < 2)
    return;
  while (plot->n_acf / step < 4 && step % 2 == 0)
    step /= 2;
  k = plot->n_acf / step;
  if (k < 2 || k > 8)
    return;
  for (guint i = 0; i < k; i++)
    {
      ax->xt[i].value = (double) (step * (i + 1));
      g_snprintf (ax->xt[i].label, sizeof ax->xt[i].label, "%u", step * (i + 1));
    }
  ax->n_xt = k;
}

static void
draw_panel_title (const Ctx           *c,
                  const ElmanPlotRect *panel,
                  const char          *title)
{
  set_color (c, c->pal->foreground, 1.0);
  set_font (c, c->fs * 1.05, TRUE);
  show_text (c, panel->x + panel->w / 2, panel->y + c->fs * 0.45, title, 0.5, 0.0);
}

static void
draw_acf_panel (ElmanPlot           *plot,
                const Ctx           *c,
                const ElmanPlotRect *panel,
                ElmanPlotLayout     *layout)
{
  cairo_t *cr = c->cr;
  const ElmanPlotPalette *pal = c->pal;
  AxesKind kind = { FALSE, FALSE, TRUE };
  ElmanPlotRect body = *panel, lrect = { 0 };
  Legend legend = { 0 };
  double v[4], r = acf_extent (plot), title_h = panel_title_height (c);
  gboolean have = FALSE;
  Axes ax;
  Map m;
  Pen pen = { 0 };

  /* All lags non-finite (too few residuals) is no ACF at all. */
  for (guint l = 0; l < plot->n_acf && !have; l++)
    have = fabs (plot->acf[l]) <= DBL_MAX;

  v[0] = 0.3;
  v[1] = (double) MAX (plot->n_acf, 2) + 0.7;
  v[2] = -r;
  v[3] = r;

  /* The panel's own title: it may be drawn alone, or beside the loss. */
  draw_panel_title (c, panel, _("Residual autocorrelation"));
  body.y += title_h;
  body.h = MAX (body.h - title_h, 1.0);

  /* Without a bound the bars need no key; with one, only the emphasis
   * does (a short legend keeps the area tall in a small panel). */
  if (have && isfinite (plot->acf_bound))
    {
      char caption[64];

      legend_add (&legend, _("Outside the bounds"), pal->acf_outside, 1.0, SAMPLE_FILL);
      g_snprintf (caption, sizeof caption, _("±1.96/√n (n = %zu)"), plot->n_residuals);
      legend_add (&legend, caption, pal->foreground, 0.75, SAMPLE_DASH);
    }

  layout_axes (c, &body, 0, v, kind.time_x, kind.log_y, kind.integer_x, &ax);
  map_init (&m, &ax.area, v, FALSE);
  if (legend.n > 0)
    place_legend_above (plot, c, &body, v, &kind, &legend, &ax, &m, &pen, &lrect);
  season_ticks (plot, &ax);

  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);
  draw_grid (c, &m, &ax);
  if (have)
    {
      draw_acf_bars (plot, c, &m);
      draw_hline (c, &m, 0.0, 0.85, FALSE);
      if (isfinite (plot->acf_bound))
        {
          draw_hline (c, &m, plot->acf_bound, 0.75, TRUE);
          draw_hline (c, &m, -plot->acf_bound, 0.75, TRUE);
        }
    }
  cairo_restore (cr);

  draw_frame (c, &m, &ax, _("Lag"), _("Autocorrelation"));
  if (!have)
    draw_placeholder (c, &ax.area, _("No residuals yet"));
  if (legend.n > 0)
    draw_legend (c, &legend, &lrect, TRUE);

  layout->acf_area = ax.area;
  memcpy (layout->acf_view, v, sizeof layout->acf_view);
  layout->acf_legend = lrect;
}

/* Where each requested panel goes. The series and loss panels keep the
 * layout they always had; the ACF joins the loss in a lower row when
 * both halves stay wide enough, else everything is stacked. */
static void
layout_panels (const ElmanPlotRect *body,
               double               fs,
               ElmanPlotPanel       panels,
               ElmanPlotRect       *series_rect,
               ElmanPlotRect       *loss_rect,
               ElmanPlotRect       *acf_rect)
{
  gboolean want_series = (panels & ELMAN_PLOT_PANEL_SERIES) != 0;
  gboolean want_loss = (panels & ELMAN_PLOT_PANEL_LOSS) != 0;
  gboolean want_acf = (panels & ELMAN_PLOT_PANEL_ACF) != 0;
  gboolean side = want_loss && want_acf && body->w >= fs * 48;
  double bottom = body->y + body->h;
  ElmanPlotRect lower = *body;

  *series_rect = *loss_rect = *acf_rect = *body;

  if (want_series && (want_loss || want_acf))
    {
      /* Two panels below need a little more room: titles and legends. */
      double share = want_loss && want_acf ? side ? 0.56 : 0.5 : 0.62;

      series_rect->h = body->h * share;
      lower.y = series_rect->y + series_rect->h;
      lower.h = bottom - lower.y;
    }

  *loss_rect = *acf_rect = lower;
  if (want_loss && want_acf && side)
    {
      loss_rect->w = round (lower.w / 2);
      acf_rect->x = lower.x + loss_rect->w;
      acf_rect->w = lower.w - loss_rect->w;
    }
  else if (want_loss && want_acf)
    {
      loss_rect->h = lower.h / 2;
      acf_rect->y = loss_rect->y + loss_rect->h;
      acf_rect->h = bottom - acf_rect->y;
    }
}

void
elman_plot_draw_layout (ElmanPlot       *plot,
                        cairo_t         *cr,
                        double           width,
                        double           height,
                        ElmanPlotPanel   panels,
                        double           pixel_scale,
                        ElmanPlotLayout *layout)
{
  Ctx c;
  ElmanPlotRect body = { 0, 0, width, height }, series_rect, loss_rect, acf_rect;
  cairo_font_options_t *fo;
  double top = 0;

  g_assert (plot != NULL);
  g_assert (cr != NULL);
  g_assert (layout != NULL);

  memset (layout, 0, sizeof *layout);
  if (!(width >= 1.0) || !(height >= 1.0) || !isfinite (width) || !isfinite (height))
    return;

  cairo_save (cr);
  ctx_init (&c, cr, pixel_scale, width, height, &plot->palette);

  /* Whole-pixel advances: Cairo places glyphs of image surfaces on whole
   * pixels, so fractional advances would space letters unevenly. */
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_ON);
  cairo_set_font_options (cr, fo);
  cairo_font_options_destroy (fo);

  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_color (&c, c.pal->background, 1.0);
  cairo_paint (cr);

  if (plot->title)
    {
      double size = c.fs * 1.3, w;

      /* A long title shrinks (a little) to fit the width. */
      set_font (&c, size, TRUE);
      w = text_width (&c, plot->title);
      if (w > width - 2 * c.fs)
        set_font (&c, MAX (size * (width - 2 * c.fs) / w, c.fs * 0.85), TRUE);
      set_color (&c, c.pal->foreground, 1.0);
      show_text (&c, width / 2, c.fs * 0.6, plot->title, 0.5, 0.0);
      top = c.fs * 0.6 + c.fs * 1.3 * 1.3;
    }

  body.y = top;
  body.h = height - top;
  layout_panels (&body, c.fs, panels, &series_rect, &loss_rect, &acf_rect);

  if (panels & ELMAN_PLOT_PANEL_SERIES)
    {
      draw_series_panel (plot, &c, &series_rect, layout);
      layout->series_panel = series_rect;
      /* The title belongs to the top panel. */
      layout->series_panel.h += layout->series_panel.y;
      layout->series_panel.y = 0;
    }
  if (panels & ELMAN_PLOT_PANEL_ACF)
    {
      draw_acf_panel (plot, &c, &acf_rect, layout);
      layout->acf_panel = acf_rect;
    }
  if (panels & ELMAN_PLOT_PANEL_LOSS)
    {
      ElmanPlotRect r = loss_rect;
      Ctx lc = c;

      /* Beside the ACF, the loss gets a title too and its area starts
       * level with the ACF's (below the ACF's legend). */
      if ((panels & ELMAN_PLOT_PANEL_ACF) && loss_rect.y == acf_rect.y)
        {
          draw_panel_title (&c, &r, plot->valid_loss ? _("Training and validation loss") : _("Training loss"));
          r.y += panel_title_height (&c);
          r.h = MAX (r.h - panel_title_height (&c), 1.0);
          lc.area_top = layout->acf_area.y;
        }
      draw_loss_panel (plot, &lc, &r, layout);
      layout->loss_panel = loss_rect;
    }

  cairo_restore (cr);
}

/**
 * elman_plot_draw:
 *
 * Draws the on-screen frame: the pixel-mapping functions (panel_at,
 * pixel_to_data, zoom_at …) answer for this frame until the next call.
 */
void
elman_plot_draw (ElmanPlot      *plot,
                 cairo_t        *cr,
                 double          width,
                 double          height,
                 ElmanPlotPanel  panels)
{
  ElmanPlotLayout layout;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (cr != NULL);

  /* A size that draws nothing keeps the frame on screen, as before. */
  if (!(width >= 1.0) || !(height >= 1.0) || !isfinite (width) || !isfinite (height))
    return;

  elman_plot_draw_layout (plot, cr, width, height, panels, plot->pixel_scale, &layout);
  plot->frame = layout;
}
