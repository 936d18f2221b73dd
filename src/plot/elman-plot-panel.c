/* elman-plot-panel.c — the table of panels, and the frame that lays
 * them out, draws them and asks them which holds a pixel
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

#include "elman-plot-panel-private.h"

/* A new panel is a file with its ElmanPlotPanelClass and a row here. */
static const ElmanPlotPanelClass * const panel_table[] = {
  &elman_plot_panel_series,
  &elman_plot_panel_states,
  /* The weights left of the loss, the gradient norms right of it. */
  &elman_plot_panel_weights,
  &elman_plot_panel_loss,
  &elman_plot_panel_acf,
  &elman_plot_panel_gradients,
};

/* Rows of a frame: the top row, one right under it (the panels that
 * share the top row's time axis), the lower row. */
#define MAX_ROWS 3

const ElmanPlotPanelClass * const *
elman_plot_panel_table (guint *n_panels)
{
  *n_panels = G_N_ELEMENTS (panel_table);
  return panel_table;
}

void
elman_plot_panel_frame_set (ElmanPlotPanelFrame *frame,
                            const ElmanPlotRect *area,
                            const double         view[4],
                            const ElmanPlotRect *legend,
                            gboolean             legend_outside)
{
  frame->area = *area;
  memcpy (frame->view, view, sizeof frame->view);
  frame->legend = *legend;
  frame->legend_outside = legend_outside;
}

void
elman_plot_finish_epoch_panel (const ElmanPlotCtx  *c,
                               const ElmanPlotMap  *m,
                               const ElmanPlotAxes *ax,
                               const char          *y_title,
                               guint                n_epochs,
                               ElmanPlotLegend     *legend,
                               const ElmanPlotRect *legend_rect,
                               gboolean             legend_outside,
                               const double         view[4],
                               ElmanPlotPanelFrame *frame)
{
  elman_plot_draw_frame (c, m, ax, _("Epoch"), y_title);
  if (n_epochs == 0)
    elman_plot_draw_placeholder (c, &ax->area, _("No training yet"));
  if (legend->n > 0 && legend_rect->w > 0)
    elman_plot_draw_legend (c, legend, legend_rect, legend_outside);
  elman_plot_panel_frame_set (frame, &ax->area, view, legend_rect, legend_outside);
}

/* The requested panels of one row, left to right. */
typedef struct
{
  const ElmanPlotPanelClass *panels[ELMAN_PLOT_MAX_PANELS];
  ElmanPlotRect              rects[ELMAN_PLOT_MAX_PANELS];
  guint                      n;
  double                     min_width;
  gboolean                   side;   /* side by side, else stacked */
  guint                      per_line;  /* panels side by side on one line */
} Row;

/* Rows of requested panels, top to bottom: the top row, the panels
 * @below it, everything else. Empty rows are dropped, so the rows below
 * move up. */
static guint
collect_rows (const ElmanPlotPanelClass * const *table,
              guint                              n_table,
              ElmanPlotPanel                     panels,
              Row                                rows[MAX_ROWS])
{
  guint n_rows = 0;

  memset (rows, 0, MAX_ROWS * sizeof (Row));
  for (guint i = 0; i < n_table; i++)
    {
      Row *row = &rows[table[i]->row > 0 ? 2 : table[i]->below ? 1 : 0];

      if ((panels & table[i]->id) == 0 || row->n >= ELMAN_PLOT_MAX_PANELS)
        continue;
      row->panels[row->n++] = table[i];
      row->min_width += table[i]->min_width;
    }
  for (guint r = 0; r < MAX_ROWS; r++)
    if (rows[r].n > 0)
      {
        if (r != n_rows)
          {
            rows[n_rows] = rows[r];
            memset (&rows[r], 0, sizeof (Row));
          }
        n_rows++;
      }
  return n_rows;
}

/* Splits @rect among the row's panels: side by side when each keeps its
 * minimum width; else, with three or more, two per line when each pair
 * fits (the last one alone on its line when odd); else stacked. */
static void
split_row (Row                 *row,
           const ElmanPlotRect *rect,
           double               fs)
{
  guint n_lines;
  double line_h;

  row->side = row->n > 1 && rect->w >= fs * row->min_width;
  row->per_line = row->side ? row->n : 1;
  if (!row->side && row->n >= 3)
    {
      gboolean pairs_fit = TRUE;

      for (guint k = 0; k + 1 < row->n; k += 2)
        pairs_fit &= rect->w >= fs * (row->panels[k]->min_width + row->panels[k + 1]->min_width);
      if (pairs_fit)
        {
          row->side = TRUE;
          row->per_line = 2;
        }
    }

  n_lines = (row->n + row->per_line - 1) / row->per_line;
  line_h = rect->h / n_lines;
  for (guint k = 0; k < row->n; k++)
    {
      ElmanPlotRect *r = &row->rects[k];
      guint line = k / row->per_line, col = k % row->per_line;
      guint on_line = MIN (row->per_line, row->n - line * row->per_line);
      double w = round (rect->w / on_line);

      r->x = rect->x + col * w;
      r->w = col + 1 == on_line ? rect->x + rect->w - r->x : w;
      r->y = rect->y + line * line_h;
      r->h = line + 1 == n_lines ? rect->y + rect->h - r->y : line_h;
    }
}

/* Where each requested panel goes: the top row over the lower one, the
 * top row with a larger share (a little less with two panels below:
 * their titles and legends need room). A third row, the one right under
 * the top row, takes a third of the top row's share. */
static guint
layout_rows (const ElmanPlotPanelClass * const *table,
             guint                              n_table,
             const ElmanPlotRect               *body,
             double                             fs,
             ElmanPlotPanel                     panels,
             Row                                rows[MAX_ROWS])
{
  guint n_rows = collect_rows (table, n_table, panels, rows);
  ElmanPlotRect rects[MAX_ROWS] = { *body, *body, *body };

  if (n_rows >= 2)
    {
      const Row *lower = &rows[n_rows - 1];
      gboolean side = lower->n > 1 && body->w >= fs * lower->min_width;
      /* Three or more that do not fit side by side take two lines. */
      double share = lower->n == 1 ? 0.62 : side ? 0.56 : lower->n >= 3 ? 0.42 : 0.5;
      double top_h = body->h * share;

      if (n_rows == 3)
        {
          rects[0].h = round (top_h * 2 / 3);
          rects[1].y = rects[0].y + rects[0].h;
          rects[1].h = body->y + top_h - rects[1].y;
        }
      else
        rects[0].h = top_h;
      rects[n_rows - 1].y = body->y + top_h;
      rects[n_rows - 1].h = body->y + body->h - rects[n_rows - 1].y;
    }
  for (guint r = 0; r < n_rows; r++)
    split_row (&rows[r], &rects[r], fs);
  return n_rows;
}

/* Draws one row. Panels sharing it get their titles, and are drawn right
 * to left with each area starting no higher than those drawn before it,
 * so areas beside a panel whose legend sits above its area line up. */
static void
draw_row (ElmanPlot          *plot,
          const ElmanPlotCtx *c,
          const Row          *row,
          gboolean            top_row,
          ElmanPlotLayout    *layout)
{
  double area_top = c->area_top;

  for (guint k = row->n; k-- > 0;)
    {
      /* Areas line up with those of their own line only. */
      if (row->side && k + 1 < row->n && (k + 1) % row->per_line == 0)
        area_top = c->area_top;

      const ElmanPlotPanelClass *klass = row->panels[k];
      ElmanPlotPanelFrame *frame = elman_plot_layout_get (layout, klass->id);
      ElmanPlotRect r = row->rects[k];
      ElmanPlotCtx pc = *c;
      const char *title = klass->title ? klass->title (plot) : NULL;

      if (title && (row->side || klass->always_titled))
        {
          double h = elman_plot_panel_title_height (c);

          elman_plot_draw_panel_title (c, &r, title);
          r.y += h;
          r.h = MAX (r.h - h, 1.0);
        }
      if (row->side)
        pc.area_top = area_top;
      klass->draw (plot, &pc, &r, frame);
      area_top = MAX (area_top, frame->area.y);

      frame->panel = row->rects[k];
      /* The plot's title belongs to the top row. */
      if (top_row)
        {
          frame->panel.h += frame->panel.y;
          frame->panel.y = 0;
        }
    }
}

static void
draw_title (ElmanPlot          *plot,
            const ElmanPlotCtx *c,
            double              width,
            double             *top)
{
  double size = c->fs * 1.3, w;

  /* A long title shrinks (a little) to fit the width. */
  elman_plot_set_font (c, size, TRUE);
  w = elman_plot_text_width (c, plot->title);
  if (w > width - 2 * c->fs)
    elman_plot_set_font (c, MAX (size * (width - 2 * c->fs) / w, c->fs * 0.85), TRUE);
  elman_plot_set_color (c, c->pal->foreground, 1.0);
  elman_plot_show_text (c, width / 2, c->fs * 0.6, plot->title, 0.5, 0.0);
  *top = c->fs * 0.6 + c->fs * 1.3 * 1.3;
  if (plot->subtitle == NULL)
    return;

  /* The settings and the scores, one smaller line under the title. */
  elman_plot_set_font (c, c->fs, FALSE);
  w = elman_plot_text_width (c, plot->subtitle);
  if (w > width - 2 * c->fs)
    elman_plot_set_font (c, MAX (c->fs * (width - 2 * c->fs) / w, c->fs * 0.7), FALSE);
  elman_plot_set_color (c, c->pal->foreground, 0.75);
  elman_plot_show_text (c, width / 2, *top, plot->subtitle, 0.5, 0.0);
  *top += c->fs * 1.35;
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
  guint n_table;
  const ElmanPlotPanelClass * const *table = elman_plot_panel_table (&n_table);

  elman_plot_draw_table (plot, cr, width, height, panels, pixel_scale, table, n_table, layout);
}

/**
 * elman_plot_draw_table:
 * @table: (array length=n_table): the panels that may be drawn
 *
 * Draws as elman_plot_draw_layout() does, from the panels of @table that
 * @panels asks for.
 */
void
elman_plot_draw_table (ElmanPlot                         *plot,
                       cairo_t                           *cr,
                       double                             width,
                       double                             height,
                       ElmanPlotPanel                     panels,
                       double                             pixel_scale,
                       const ElmanPlotPanelClass * const *table,
                       guint                              n_table,
                       ElmanPlotLayout                   *layout)
{
  ElmanPlotCtx c;
  ElmanPlotRect body = { 0, 0, width, height };
  Row rows[MAX_ROWS];
  guint n_rows;
  double top = 0;

  g_assert (plot != NULL);
  g_assert (cr != NULL);
  g_assert (layout != NULL);

  memset (layout, 0, sizeof *layout);
  if (!(width >= 1.0) || !(height >= 1.0) || !isfinite (width) || !isfinite (height))
    return;

  cairo_save (cr);
  elman_plot_ctx_init (&c, cr, pixel_scale, width, height, &plot->palette);
  c.panels = layout;

  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  elman_plot_set_color (&c, c.pal->background, 1.0);
  cairo_paint (cr);

  if (plot->title)
    draw_title (plot, &c, width, &top);

  body.y = top;
  body.h = height - top;
  n_rows = layout_rows (table, n_table, &body, c.fs, panels, rows);
  for (guint r = 0; r < n_rows; r++)
    draw_row (plot, &c, &rows[r], r == 0, layout);
  layout->have_frame = elman_plot_layout_get (layout, ELMAN_PLOT_PANEL_SERIES)->panel.w > 0;

  elman_plot_ctx_clear (&c);
  cairo_restore (cr);
}

ElmanPlotPanel
elman_plot_layout_hit (ElmanPlotLayout                   *layout,
                       const ElmanPlotPanelClass * const *table,
                       guint                              n_table,
                       double                             px,
                       double                             py)
{
  for (guint i = 0; i < n_table; i++)
    {
      const ElmanPlotPanelFrame *f = elman_plot_layout_get (layout, table[i]->id);
      const ElmanPlotRect *r = &f->panel;
      gboolean hit;

      if (r->w <= 0)
        continue;
      if (table[i]->hit_test)
        hit = table[i]->hit_test (f, px, py);
      else
        hit = px >= r->x && px < r->x + r->w && py >= r->y && py < r->y + r->h;
      if (hit)
        return table[i]->id;
    }
  return 0;
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
