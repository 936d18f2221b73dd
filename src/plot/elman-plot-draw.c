/* elman-plot-draw.c — what the panels draw with: device pixels, data
 * mappings, text, axes, grids and frames
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <math.h>
#include <string.h>

#include "elman-plot-panel-private.h"

/* Geometry helpers */

void
elman_plot_ctx_init (ElmanPlotCtx           *c,
                     cairo_t                *cr,
                     double                  hint,
                     double                  width,
                     double                  height,
                     const ElmanPlotPalette *pal)
{
  double x = 0, y = 0, dx = 1, dy = 0, dsx = 1, dsy = 1, dox = 0, doy = 0;
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_font_options_t *fo;

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
  c->panels = NULL;

  /* Whole-pixel advances: glyphs of image surfaces land on whole pixels,
   * so fractional advances would space letters unevenly. */
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_ON);
  c->layout = pango_cairo_create_layout (cr);
  pango_cairo_context_set_font_options (pango_layout_get_context (c->layout), fo);
  pango_layout_context_changed (c->layout);
  cairo_font_options_destroy (fo);
  c->font = pango_font_description_from_string ("Sans");
  elman_plot_set_font (c, c->fs, FALSE);
}

/* Frees what elman_plot_ctx_init() made. */
void
elman_plot_ctx_clear (ElmanPlotCtx *c)
{
  g_clear_object (&c->layout);
  g_clear_pointer (&c->font, pango_font_description_free);
}

/* User coordinate of the pixel centre (odd line widths) or pixel edge
 * (even widths) nearest to @u, so lines of whole device pixels are crisp. */
double
elman_plot_snap_x (const ElmanPlotCtx *c,
                   double              u,
                   int                 width_px)
{
  double d = u * c->scale + c->ox;

  d = width_px % 2 ? floor (d) + 0.5 : round (d);
  return (d - c->ox) / c->scale;
}

double
elman_plot_snap_y (const ElmanPlotCtx *c,
                   double              u,
                   int                 width_px)
{
  double d = u * c->scale + c->oy;

  d = width_px % 2 ? floor (d) + 0.5 : round (d);
  return (d - c->oy) / c->scale;
}

/* A elman_plot_hairline: one device pixel at scale 1, whole pixels above. */
int
elman_plot_hairline_px (const ElmanPlotCtx *c)
{
  return MAX (1, (int) round (c->scale));
}

double
elman_plot_hairline (const ElmanPlotCtx *c)
{
  return elman_plot_hairline_px (c) / c->scale;
}

void
elman_plot_set_color (const ElmanPlotCtx *c,
                      const double       *rgba,
                      double              alpha)
{
  cairo_set_source_rgba (c->cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

void
elman_plot_map_init (ElmanPlotMap        *m,
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

/* Text */

void
elman_plot_set_font (const ElmanPlotCtx *c,
                     double              size,
                     gboolean            bold)
{
  pango_font_description_set_weight (c->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (c->font, size * PANGO_SCALE);
  pango_layout_set_font_description (c->layout, c->font);
}

/* The logical extents of @text in the current font, in user units. */
static void
text_extents (const ElmanPlotCtx *c,
              const char         *text,
              double             *width,
              double             *height)
{
  PangoRectangle logical;

  pango_layout_set_text (c->layout, text, -1);
  pango_layout_get_extents (c->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

double
elman_plot_text_width (const ElmanPlotCtx *c,
                       const char         *text)
{
  double w, h;

  text_extents (c, text, &w, &h);
  return w;
}

/* Ascent plus descent of the current font: the height of a line. */
double
elman_plot_font_height (const ElmanPlotCtx *c)
{
  PangoFontMetrics *metrics;
  double h;

  metrics = pango_context_get_metrics (pango_layout_get_context (c->layout), c->font, NULL);
  h = (double) (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics))
      / PANGO_SCALE;
  pango_font_metrics_unref (metrics);
  return h;
}

/* Draws @text with its box aligned at (x, y): @halign 0 left … 1 right,
 * @valign 0 top, 0.5 middle, 1 bottom (of the line's logical box). Pango
 * shapes it, so scripts that join or reorder letters come out right. */
void
elman_plot_show_text (const ElmanPlotCtx *c,
                      double              x,
                      double              y,
                      const char         *text,
                      double              halign,
                      double              valign)
{
  double w, h;

  /* The layout follows the current transformation (a rotated title). */
  pango_cairo_update_layout (c->cr, c->layout);
  text_extents (c, text, &w, &h);
  cairo_move_to (c->cr, x - halign * w, y - valign * h);
  pango_cairo_show_layout (c->cr, c->layout);
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
max_label_width (const ElmanPlotCtx  *c,
                 const ElmanPlotTick *t,
                 gsize                n)
{
  double w = 0;

  for (gsize i = 0; i < n; i++)
    w = MAX (w, elman_plot_text_width (c, t[i].label));
  return w;
}

static void
snap_rect (const ElmanPlotCtx *c,
           ElmanPlotRect      *r)
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
axes_top_inset (const ElmanPlotCtx *c)
{
  return c->fs * 0.9 * 0.6;
}

void
elman_plot_layout_axes (const ElmanPlotCtx  *c,
                        const ElmanPlotRect *panel,
                        double               top_reserve,
                        const double         v[4],
                        gboolean             time_x,
                        gboolean             log_y,
                        gboolean             integer_x,
                        ElmanPlotAxes       *ax)
{
  double fs = c->fs, pad = fs * 0.9, tick = fs * 0.35, gap = fs * 0.35;
  double label_h = fs * 1.25, title_h = fs * 1.35;
  double top, bottom, left, right, yw;
  gsize target;

  top = MAX (panel->y + axes_top_inset (c) + top_reserve, c->area_top);
  bottom = panel->y + panel->h - (pad * 0.5 + title_h + gap + label_h + gap + tick);
  ax->area.y = top;
  ax->area.h = MAX (bottom - top, 1.0);

  elman_plot_set_font (c, fs, FALSE);
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

void
elman_plot_draw_grid (const ElmanPlotCtx  *c,
                      const ElmanPlotMap  *m,
                      const ElmanPlotAxes *ax)
{
  cairo_t *cr = c->cr;
  int px = elman_plot_hairline_px (c);

  cairo_save (cr);
  cairo_set_line_width (cr, elman_plot_hairline (c));
  elman_plot_set_color (c, c->pal->grid, 1.0);
  for (gsize i = 0; i < ax->n_yt; i++)
    {
      double y = elman_plot_map_y (m, ax->yt[i].value);

      if (!isfinite (y))
        continue;
      y = elman_plot_snap_y (c, y, px);
      cairo_move_to (cr, ax->area.x, y);
      cairo_line_to (cr, ax->area.x + ax->area.w, y);
    }
  for (gsize i = 0; i < ax->n_xt; i++)
    {
      double x = elman_plot_map_x (m, ax->xt[i].value);

      if (!isfinite (x))
        continue;
      x = elman_plot_snap_x (c, x, px);
      cairo_move_to (cr, x, ax->area.y);
      cairo_line_to (cr, x, ax->area.y + ax->area.h);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
elman_plot_draw_frame (const ElmanPlotCtx  *c,
                       const ElmanPlotMap  *m,
                       const ElmanPlotAxes *ax,
                       const char          *x_title,
                       const char          *y_title)
{
  cairo_t *cr = c->cr;
  int px = elman_plot_hairline_px (c);
  double fs = c->fs, tick = fs * 0.35, gap = fs * 0.35;
  double x0 = elman_plot_snap_x (c, ax->area.x, px), x1 = elman_plot_snap_x (c, ax->area.x + ax->area.w, px);
  double y0 = elman_plot_snap_y (c, ax->area.y, px), y1 = elman_plot_snap_y (c, ax->area.y + ax->area.h, px);
  double label_h;

  cairo_save (cr);
  cairo_set_line_width (cr, elman_plot_hairline (c));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  elman_plot_set_color (c, c->pal->foreground, 0.85);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (gsize i = 0; i < ax->n_xt; i++)
    {
      double x = elman_plot_map_x (m, ax->xt[i].value);

      if (!isfinite (x))
        continue;
      x = elman_plot_snap_x (c, x, px);
      cairo_move_to (cr, x, y1);
      cairo_line_to (cr, x, y1 + tick);
    }
  for (gsize i = 0; i < ax->n_yt; i++)
    {
      double y = elman_plot_map_y (m, ax->yt[i].value);

      if (!isfinite (y))
        continue;
      y = elman_plot_snap_y (c, y, px);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 - tick, y);
    }
  /* Unlabelled minor ticks at 2…9 × 10^k on a logarithmic axis. */
  if (m->log_y && isfinite (m->v[2]) && isfinite (m->v[3]) && m->v[3] - m->v[2] < 60)
    for (int e = (int) floor (m->v[2]); e <= (int) ceil (m->v[3]); e++)
      for (int k = 2; k <= 9; k++)
        {
          double val = k * pow (10.0, e), y = elman_plot_map_y (m, val);

          if (!isfinite (y) || y < ax->area.y || y > ax->area.y + ax->area.h)
            continue;
          y = elman_plot_snap_y (c, y, px);
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x0 - tick * 0.55, y);
        }
  cairo_stroke (cr);

  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_set_font (c, fs, FALSE);
  label_h = elman_plot_font_height (c);
  for (gsize i = 0; i < ax->n_xt; i++)
    {
      double x = elman_plot_map_x (m, ax->xt[i].value);

      if (isfinite (x))
        elman_plot_show_text (c, x, y1 + tick + gap * 0.6, ax->xt[i].label, 0.5, 0.0);
    }
  for (gsize i = 0; i < ax->n_yt; i++)
    {
      double y = elman_plot_map_y (m, ax->yt[i].value);

      if (isfinite (y))
        elman_plot_show_text (c, x0 - tick - gap, y, ax->yt[i].label, 1.0, 0.5);
    }

  elman_plot_set_font (c, fs * 1.05, FALSE);
  if (x_title)
    elman_plot_show_text (c, ax->area.x + ax->area.w / 2, y1 + tick + gap + label_h + gap,
                          x_title, 0.5, 0.0);
  if (y_title)
    {
      double yw = 0;

      elman_plot_set_font (c, fs, FALSE);
      for (gsize i = 0; i < ax->n_yt; i++)
        yw = MAX (yw, elman_plot_text_width (c, ax->yt[i].label));
      elman_plot_set_font (c, fs * 1.05, FALSE);
      /* A long title beside a short area (a translation, a small lower
       * panel) shrinks rather than run off the panel. */
      {
        double tw = elman_plot_text_width (c, y_title), room = ax->area.h + fs * 2;

        if (tw > room)
          elman_plot_set_font (c, MAX (fs * 1.05 * room / tw, fs * 0.7), FALSE);
      }
      cairo_save (cr);
      cairo_translate (cr, x0 - tick - gap - yw - gap, ax->area.y + ax->area.h / 2);
      cairo_rotate (cr, -G_PI / 2);
      elman_plot_show_text (c, 0, 0, y_title, 0.5, 1.0);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

void
elman_plot_draw_placeholder (const ElmanPlotCtx  *c,
                             const ElmanPlotRect *area,
                             const char          *text)
{
  elman_plot_set_color (c, c->pal->foreground, 0.55);
  elman_plot_set_font (c, c->fs * 1.1, FALSE);
  elman_plot_show_text (c, area->x + area->w / 2, area->y + area->h / 2, text, 0.5, 0.5);
}

/* A horizontal elman_plot_hairline across the area at @y (data), dashed or solid. */
void
elman_plot_draw_hline (const ElmanPlotCtx *c,
                       const ElmanPlotMap *m,
                       double              y,
                       double              alpha,
                       gboolean            dashed)
{
  cairo_t *cr = c->cr;
  double py = elman_plot_map_y (m, y);
  double dash[2] = { c->fs * 0.4, c->fs * 0.3 };

  if (!isfinite (py))
    return;
  py = elman_plot_snap_y (c, py, elman_plot_hairline_px (c));
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, elman_plot_hairline (c));
  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  elman_plot_set_color (c, c->pal->foreground, alpha);
  cairo_move_to (cr, m->area.x, py);
  cairo_line_to (cr, m->area.x + m->area.w, py);
  cairo_stroke (cr);
  cairo_restore (cr);
}

double
elman_plot_panel_title_height (const ElmanPlotCtx *c)
{
  return c->fs * 1.6;
}

void
elman_plot_draw_panel_title (const ElmanPlotCtx  *c,
                             const ElmanPlotRect *panel,
                             const char          *title)
{
  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_set_font (c, c->fs * 1.05, TRUE);
  elman_plot_show_text (c, panel->x + panel->w / 2, panel->y + c->fs * 0.45, title, 0.5, 0.0);
}
