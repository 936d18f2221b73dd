/* elman-plot-panel-weights.c — W, U and V as heatmaps on one diverging
 * scale, identical units outlined and named
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

/* W (J×J) and U (J×T) side by side share their rows, the hidden units
 * j; V (K×J) sits under W, whose columns are the units too:
 *
 *      W   U
 *      V
 */
typedef struct
{
  ElmanPlotRect w, u, v;
  ElmanPlotRect bar;     /* the colour bar */
  ElmanPlotRect note;    /* w = 0: no note */
  gboolean      compact; /* a short panel: the note on one line, tighter gaps */
} WeightsLayout;

static void
layout_weights (ElmanPlot           *plot,
                const ElmanPlotCtx  *c,
                const ElmanPlotRect *panel,
                WeightsLayout       *l)
{
  double fs = c->fs, J = plot->net_hidden, T = plot->net_window, K = plot->net_horizon;
  double top = panel->y + fs * 3.6;              /* colour bar, matrix names */
  double bottom = panel->y + panel->h - fs * 0.6;
  double left = panel->x + fs * 0.9 + fs * 1.35 + fs * 0.35;
  double right = panel->x + panel->w - fs * 0.9;
  double gap_x = fs * 2.6, gap_y = fs * 3.6;     /* lag labels, V's name */
  double aw, ah, ww, hw;
  char digits[16];

  memset (l, 0, sizeof *l);
  elman_plot_set_font (c, fs * 0.85, FALSE);
  g_snprintf (digits, sizeof digits, "%u", plot->net_hidden);
  left += elman_plot_text_width (c, digits) + fs * 0.3;

  /* A panel too short for the matrices with the room around them keeps
   * them readable: the note on one line and tighter gaps (an app window
   * of usual size with the series, the states and the gradients beside). */
  l->compact = bottom - top - gap_y - fs * 5.4 * (plot->network_note ? 1 : 0) - fs * 2.6 < fs * 6;
  if (l->compact)
    {
      top = panel->y + fs * 3.1;
      gap_y = fs * 3.5;
    }
  if (plot->network_note)
    {
      double note_h = l->compact ? fs * 1.4 : fs * 2.6;

      l->note = (ElmanPlotRect) { panel->x + fs * 0.9, bottom - note_h, panel->w - fs * 1.8, note_h };
      bottom -= note_h + fs * 0.2;
    }
  bottom -= l->compact ? fs * 2.2 : fs * 2.6;     /* V's column labels and axis title */

  aw = MAX (right - left - gap_x, 2.0);
  ah = MAX (bottom - top - gap_y, 2.0);
  ww = aw * CLAMP (J / (J + T), 0.45, 0.8);
  hw = ah * CLAMP (J / (J + K), 0.55, 0.85);

  l->w = (ElmanPlotRect) { left, top, ww, hw };
  l->u = (ElmanPlotRect) { left + ww + gap_x, top, aw - ww, hw };
  l->v = (ElmanPlotRect) { left, top + hw + gap_y, ww, ah - hw };
  l->bar = (ElmanPlotRect) { right - fs * 8, panel->y + fs * 0.5, fs * 8, fs * 0.6 };
}

/* A matrix's name above it and the numbers of its first and last rows
 * and columns (1-based, or lags for U's columns). */
static void
label_matrix (const ElmanPlotCtx  *c,
              const ElmanPlotRect *r,
              const char          *name,
              guint                rows,
              guint                cols,
              gboolean             row_numbers,
              gboolean             lag_columns,
              const char          *x_title)
{
  double fs = c->fs;
  char a[16], b[16];

  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_set_font (c, fs * 0.95, TRUE);
  elman_plot_show_text (c, r->x, r->y - fs * 0.25, name, 0.0, 1.0);

  elman_plot_set_font (c, fs * 0.85, FALSE);
  if (row_numbers)
    {
      g_snprintf (b, sizeof b, "%u", rows);
      elman_plot_show_text (c, r->x - fs * 0.3, r->y + MIN (r->h / rows, fs) / 2, "1", 1.0, 0.5);
      if (rows > 1)
        elman_plot_show_text (c, r->x - fs * 0.3, r->y + r->h - MIN (r->h / rows, fs) / 2, b, 1.0, 0.5);
    }
  /* U's column τ holds x^t_τ, the value T − τ steps before the last. */
  g_snprintf (a, sizeof a, "%u", lag_columns ? cols - 1 : 1);
  g_snprintf (b, sizeof b, "%u", lag_columns ? 0 : cols);
  elman_plot_show_text (c, r->x + MIN (r->w / cols, fs) / 2, r->y + r->h + fs * 0.2, a, 0.5, 0.0);
  if (cols > 1)
    elman_plot_show_text (c, r->x + r->w - MIN (r->w / cols, fs) / 2, r->y + r->h + fs * 0.2, b, 0.5, 0.0);
  if (x_title)
    elman_plot_show_text (c, r->x + r->w / 2, r->y + r->h + fs * 1.15, x_title, 0.5, 0.0);
}

/* The diverging scale from −limit to +limit, its ends and middle named. */
static void
draw_bar (const ElmanPlotCtx  *c,
          const ElmanPlotRect *r,
          double               limit)
{
  cairo_t *cr = c->cr;
  cairo_pattern_t *gradient = cairo_pattern_create_linear (r->x, 0, r->x + r->w, 0);
  char lo[32], hi[32];

  for (guint k = 0; k <= 16; k++)
    {
      double rgb[3];

      elman_plot_diverging_color ((k / 8.0 - 1) * limit, limit, rgb);
      cairo_pattern_add_color_stop_rgb (gradient, k / 16.0, rgb[0], rgb[1], rgb[2]);
    }
  cairo_rectangle (cr, r->x, r->y, r->w, r->h);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_set_font (c, c->fs * 0.8, FALSE);
  g_snprintf (lo, sizeof lo, "−%.3g", limit);
  g_snprintf (hi, sizeof hi, "%.3g", limit);
  elman_plot_show_text (c, r->x - c->fs * 0.3, r->y + r->h / 2, lo, 1.0, 0.5);
  elman_plot_show_text (c, r->x + r->w + c->fs * 0.3, r->y + r->h / 2, hi, 0.0, 0.5);
  elman_plot_show_text (c, r->x + r->w / 2, r->y + r->h + c->fs * 0.1, "0", 0.5, 0.0);
}

/* Identical units: the rows of the largest group outlined across W and
 * U, one outline per run of neighbouring units (all J: one around each
 * matrix). */
static void
outline_identical (ElmanPlot           *plot,
                   const ElmanPlotCtx  *c,
                   const WeightsLayout *l)
{
  cairo_t *cr = c->cr;
  guint J = plot->net_hidden, group = 0;
  double row_h = l->w.h / J, lw = elman_plot_hairline (c) * 2;
  g_autofree guint *size = g_new0 (guint, J);

  if (plot->largest_group <= 1)
    return;
  for (guint j = 0; j < J; j++)
    if (++size[plot->unit_group[j]] == plot->largest_group)
      group = plot->unit_group[j];

  cairo_save (cr);
  elman_plot_set_color (c, c->pal->foreground, 0.9);
  cairo_set_line_width (cr, lw);
  for (guint j = 0; j < J;)
    {
      guint end = j;
      double y, h;

      if (plot->unit_group[j] != group)
        {
          j++;
          continue;
        }
      while (end < J && plot->unit_group[end] == group)
        end++;
      y = l->w.y + j * row_h - lw / 2;
      h = MAX ((end - j) * row_h, 2 * lw) + lw;
      cairo_rectangle (cr, l->w.x - lw / 2, y, l->w.w + lw, h);
      cairo_rectangle (cr, l->u.x - lw / 2, y, l->u.w + lw, h);
      j = end;
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Shows one line of the note at (x, y), shrunk to @width if need be. */
static void
show_line (const ElmanPlotCtx *c,
           double              x,
           double              y,
           double              width,
           const char         *text)
{
  double w;

  elman_plot_set_font (c, c->fs * 0.95, TRUE);
  w = elman_plot_text_width (c, text);
  if (w > width)
    elman_plot_set_font (c, MAX (c->fs * 0.95 * width / w, c->fs * 0.6), TRUE);
  elman_plot_show_text (c, x, y, text, 0.0, 0.5);
}

/* The note on one line, or on two when it is too wide: the fact, then
 * after its colon the reason. */
static void
draw_note (const ElmanPlotCtx  *c,
           const ElmanPlotRect *r,
           const char          *note,
           gboolean             one_line)
{
  const char *colon = strstr (note, ": ");

  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_set_font (c, c->fs * 0.95, TRUE);
  if (colon == NULL || one_line || elman_plot_text_width (c, note) <= r->w)
    {
      show_line (c, r->x, r->y + r->h * (one_line ? 0.5 : 0.75), r->w, note);
      return;
    }
  {
    g_autofree char *first = g_strndup (note, colon + 1 - note);

    show_line (c, r->x, r->y + r->h * 0.25, r->w, first);
    show_line (c, r->x, r->y + r->h * 0.75, r->w, colon + 2);
  }
}

/* A title turned a quarter left, centred on (@x, @y), no longer than
 * @length: shrunk to fit, down to half the font size, else left out (V
 * with K = 1 is one row high, and its title would cross W's). */
static void
show_rotated (const ElmanPlotCtx *c,
              double              x,
              double              y,
              double              length,
              double              size,
              const char         *text)
{
  double w;

  elman_plot_set_font (c, size, FALSE);
  w = elman_plot_text_width (c, text);
  if (w > length)
    {
      if (size * length / w < c->fs * 0.5)
        return;
      elman_plot_set_font (c, size * length / w, FALSE);
    }
  cairo_save (c->cr);
  cairo_translate (c->cr, x, y);
  cairo_rotate (c->cr, -G_PI / 2);
  elman_plot_show_text (c, 0, 0, text, 0.5, 0.0);
  cairo_restore (c->cr);
}

static void
draw_weights_panel (ElmanPlot           *plot,
                    const ElmanPlotCtx  *c,
                    const ElmanPlotRect *panel,
                    ElmanPlotPanelFrame *frame)
{
  guint J = plot->net_hidden, T = plot->net_window, K = plot->net_horizon;
  double view[4] = { 0, J, 0, J }, limit;
  const double *W, *U, *V;
  WeightsLayout l;

  memset (plot->weight_rects, 0, sizeof plot->weight_rects);
  if (plot->params == NULL)
    {
      ElmanPlotRect none = { 0 };

      elman_plot_draw_placeholder (c, panel, _("No weights yet"));
      elman_plot_panel_frame_set (frame, panel, view, &none, FALSE);
      return;
    }

  layout_weights (plot, c, panel, &l);
  W = plot->params;
  U = W + (gsize) J * J;
  V = U + (gsize) J * T;
  /* One scale for the three: colours compare across matrices. */
  limit = elman_plot_heatmap_limit (W, (gsize) J * J + (gsize) J * T + (gsize) K * J);

  elman_plot_draw_heatmap (c->cr, W, J, J, J, l.w.x, l.w.y, l.w.w, l.w.h, limit);
  elman_plot_draw_heatmap (c->cr, U, J, T, T, l.u.x, l.u.y, l.u.w, l.u.h, limit);
  elman_plot_draw_heatmap (c->cr, V, K, J, J, l.v.x, l.v.y, l.v.w, l.v.h, limit);
  plot->weight_rects[0] = l.w;
  plot->weight_rects[1] = l.u;
  plot->weight_rects[2] = l.v;

  outline_identical (plot, c, &l);

  /* Saturated units (from the hidden states): a mark right of U's row. */
  if (plot->states_hidden == J && plot->n_saturated > 0)
    {
      elman_plot_set_color (c, c->pal->foreground, 1.0);
      for (guint j = 0; j < J; j++)
        if (elman_plot_unit_saturated (plot, j))
          {
            double y = l.u.y + (j + 0.5) * l.u.h / J, x = l.u.x + l.u.w + c->fs * 0.15;
            double h = MIN (c->fs * 0.3, MAX (l.u.h / J / 2, 1.5));

            cairo_move_to (c->cr, x, y);
            cairo_line_to (c->cr, x + c->fs * 0.5, y - h);
            cairo_line_to (c->cr, x + c->fs * 0.5, y + h);
            cairo_close_path (c->cr);
          }
      cairo_fill (c->cr);
    }

  label_matrix (c, &l.w, "W  (hᵗ⁻¹ → hᵗ)", J, J, TRUE, FALSE, _("unit j′ of hᵗ⁻¹"));
  label_matrix (c, &l.u, "U  (xᵗ → hᵗ)", J, T, FALSE, TRUE, _("input lag"));
  label_matrix (c, &l.v, "V  (hᵗ → ŷᵗ)", K, J, TRUE, FALSE, _("hidden unit j"));

  /* The rows' meaning, once for W and U (rotated), and V's. */
  show_rotated (c, panel->x + c->fs * 0.9, l.w.y + l.w.h / 2, l.w.h, c->fs * 0.95, _("hidden unit j"));
  show_rotated (c, panel->x + c->fs * 0.9, l.v.y + l.v.h / 2, l.v.h, c->fs * 0.8, _("output step"));

  draw_bar (c, &l.bar, limit);

  if (plot->network_note)
    draw_note (c, &l.note, plot->network_note, l.compact);

  elman_plot_panel_frame_set (frame, &l.w, view, &l.note, FALSE);
}

static const char *
weights_title (ElmanPlot *plot)
{
  return _("Weights W, U, V");
}

const ElmanPlotPanelClass elman_plot_panel_weights = {
  .id = ELMAN_PLOT_PANEL_WEIGHTS,
  .row = 1,
  .min_width = 26,
  .always_titled = TRUE,
  .title = weights_title,
  .draw = draw_weights_panel,
};
