/* elman-plot-panel-acf.c — the autocorrelation of the residuals
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

/* The residual ACF: a bar per lag from zero, dashed lines at
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
draw_acf_bars (ElmanPlot          *plot,
               const ElmanPlotCtx *c,
               const ElmanPlotMap *m)
{
  cairo_t *cr = c->cr;
  double ds = c->scale;
  double w = CLAMP (m->bx * 0.55, 1.0 / ds, c->fs * 1.2);
  double zero = round (elman_plot_map_y (m, 0.0) * ds + c->oy);

  for (int outside = 0; outside < 2; outside++)
    {
      cairo_new_path (cr);
      for (guint l = 1; l <= plot->n_acf; l++)
        {
          double r = plot->acf[l - 1], x = elman_plot_map_x (m, (double) l), y, left, right, top, bottom;

          if (!(fabs (r) <= DBL_MAX) || !isfinite (x) || (fabs (r) > plot->acf_bound) != outside)
            continue;
          left = round ((x - w / 2) * ds + c->ox);
          right = MAX (round ((x + w / 2) * ds + c->ox), left + 1);
          y = round (elman_plot_map_y (m, r) * ds + c->oy);
          top = MIN (y, zero);
          bottom = MAX (MAX (y, zero), top + 1);
          cairo_rectangle (cr, (left - c->ox) / ds, (top - c->oy) / ds, (right - left) / ds, (bottom - top) / ds);
        }
      elman_plot_set_color (c, outside ? c->pal->acf_outside : c->pal->acf, 1.0);
      cairo_fill (cr);
    }
}

/* Ticks at the multiples of the season (12, 24 for monthly data), where
 * seasonal structure left in the residuals shows, halved while there are
 * fewer than four (6, 12, 18, 24); the plain integer ticks stay when
 * there would be more than eight or fewer than two. */
static void
season_ticks (const ElmanPlot *plot,
              ElmanPlotAxes   *ax)
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

/* The first bar is lag 1, so the axis labels it: the reader sees where
 * the lags start. Ticks below 1 (lag 0 has no bar) go; a tick too close
 * to lag 1 for two labels moves the evenly spaced ticks onto 1 (2, 4, 6
 * become 1, 3, 5); else 1 comes first (1, 12, 24 for monthly data). */
void
elman_plot_acf_label_first_lag (ElmanPlotAxes *ax)
{
  gsize below = 0;
  double spacing, shift;

  while (below < ax->n_xt && ax->xt[below].value < 1 - 1e-9)
    below++;
  memmove (ax->xt, ax->xt + below, (ax->n_xt - below) * sizeof ax->xt[0]);
  ax->n_xt -= below;
  if (ax->n_xt > 0 && fabs (ax->xt[0].value - 1) < 1e-9)
    return;

  spacing = ax->n_xt >= 2 ? ax->xt[1].value - ax->xt[0].value : 0;
  shift = ax->n_xt > 0 ? ax->xt[0].value - 1 : G_MAXDOUBLE;
  if (shift <= spacing / 2)
    for (gsize i = 0; i < ax->n_xt; i++)
      {
        ax->xt[i].value -= shift;
        g_snprintf (ax->xt[i].label, sizeof ax->xt[i].label, "%.0f", ax->xt[i].value);
      }
  else
    {
      if (ax->n_xt == G_N_ELEMENTS (ax->xt))
        ax->n_xt--;
      memmove (ax->xt + 1, ax->xt, ax->n_xt * sizeof ax->xt[0]);
      ax->xt[0].value = 1;
      g_strlcpy (ax->xt[0].label, "1", sizeof ax->xt[0].label);
      ax->n_xt++;
    }
}

static void
draw_acf_panel (ElmanPlot           *plot,
                const ElmanPlotCtx  *c,
                const ElmanPlotRect *panel,
                ElmanPlotPanelFrame *frame)
{
  cairo_t *cr = c->cr;
  const ElmanPlotPalette *pal = c->pal;
  ElmanPlotAxesKind kind = { FALSE, FALSE, TRUE };
  ElmanPlotRect body = *panel, lrect = { 0 };
  ElmanPlotLegend legend = { 0 };
  double v[4], r = acf_extent (plot);
  gboolean have = FALSE;
  ElmanPlotAxes ax;
  ElmanPlotMap m;
  ElmanPlotPen pen = { 0 };

  /* All lags non-finite (too few residuals) is no ACF at all. */
  for (guint l = 0; l < plot->n_acf && !have; l++)
    have = fabs (plot->acf[l]) <= DBL_MAX;

  v[0] = 0.3;
  v[1] = (double) MAX (plot->n_acf, 2) + 0.7;
  v[2] = -r;
  v[3] = r;

  /* Without a bound the bars need no key; with one, only the emphasis
   * does (a short legend keeps the area tall in a small panel). */
  if (have && isfinite (plot->acf_bound))
    {
      char caption[64];

      elman_plot_legend_add (&legend, _("Outside the bounds"), pal->acf_outside, 1.0, ELMAN_PLOT_SAMPLE_FILL);
      g_snprintf (caption, sizeof caption, _("±1.96/√n (n = %zu)"), plot->n_residuals);
      elman_plot_legend_add (&legend, caption, pal->foreground, 0.75, ELMAN_PLOT_SAMPLE_DASH);
    }

  elman_plot_layout_axes (c, &body, 0, v, kind.time_x, kind.log_y, kind.integer_x, &ax);
  elman_plot_map_init (&m, &ax.area, v, FALSE);
  if (legend.n > 0)
    elman_plot_place_legend_above (plot, c, &body, v, &kind, &legend, &ax, &m, &pen, &lrect);
  season_ticks (plot, &ax);
  elman_plot_acf_label_first_lag (&ax);

  cairo_save (cr);
  cairo_rectangle (cr, ax.area.x, ax.area.y, ax.area.w, ax.area.h);
  cairo_clip (cr);
  elman_plot_draw_grid (c, &m, &ax);
  if (have)
    {
      draw_acf_bars (plot, c, &m);
      elman_plot_draw_hline (c, &m, 0.0, 0.85, FALSE);
      if (isfinite (plot->acf_bound))
        {
          elman_plot_draw_hline (c, &m, plot->acf_bound, 0.75, TRUE);
          elman_plot_draw_hline (c, &m, -plot->acf_bound, 0.75, TRUE);
        }
    }
  cairo_restore (cr);

  elman_plot_draw_frame (c, &m, &ax, _("Lag"), _("Autocorrelation"));
  if (!have)
    elman_plot_draw_placeholder (c, &ax.area, _("No residuals yet"));
  if (legend.n > 0)
    elman_plot_draw_legend (c, &legend, &lrect, TRUE);

  /* Always above the area: bound lines run through every corner. */
  elman_plot_panel_frame_set (frame, &ax.area, v, &lrect, TRUE);
}

static const char *
acf_title (ElmanPlot *plot)
{
  return _("Residual autocorrelation");
}

const ElmanPlotPanelClass elman_plot_panel_acf = {
  .id = ELMAN_PLOT_PANEL_ACF,
  .row = 1,
  .min_width = 24,
  .always_titled = TRUE,
  .title = acf_title,
  .draw = draw_acf_panel,
};
