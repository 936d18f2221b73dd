/* elman-plot-panel-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "elman-plot-private.h"

G_BEGIN_DECLS

/* What the panels of a frame draw with: the cairo context and its device
 * scale, mappings from data to pixels, axes, traces and legends. Each
 * panel is an ElmanPlotPanelClass in a file of its own
 * (elman-plot-panel-*.c), listed in the table of elman-plot-panel.c. */

/* Pixel coordinates handed to Cairo stay within this distance of the
 * plotting area: Cairo's 24.8 fixed point would wrap far beyond it. */
#define ELMAN_PLOT_COORD_LIMIT 1e5

typedef struct
{
  cairo_t                *cr;
  double                  scale;    /* device pixels per user unit */
  double                  ox, oy;   /* device = user × scale + o */
  double                  fs;       /* base font size, user units */
  const ElmanPlotPalette *pal;
  double                  area_top; /* lowest top of an area, to align */
  PangoLayout            *layout;   /* all text goes through it */
  PangoFontDescription   *font;
  ElmanPlotLayout        *panels;   /* (nullable) the panels drawn so far */
} ElmanPlotCtx;

typedef struct
{
  ElmanPlotRect area;
  double        v[4];     /* x0 x1 y0 y1; log10 of y for a log axis */
  gboolean      log_y;
  double        ax, bx, ay, by;
} ElmanPlotMap;

typedef struct
{
  ElmanPlotRect area;
  ElmanPlotTick xt[ELMAN_PLOT_MAX_TICKS];
  ElmanPlotTick yt[ELMAN_PLOT_MAX_TICKS];
  gsize         n_xt;
  gsize         n_yt;
} ElmanPlotAxes;

typedef enum
{
  ELMAN_PLOT_LINE_SOLID,
  ELMAN_PLOT_LINE_DASHED,
  ELMAN_PLOT_LINE_DOTTED,
} ElmanPlotLineStyle;

typedef enum
{
  ELMAN_PLOT_SAMPLE_LINE,
  ELMAN_PLOT_SAMPLE_DASH,
  ELMAN_PLOT_SAMPLE_DOT,
  ELMAN_PLOT_SAMPLE_FILL,
  ELMAN_PLOT_SAMPLE_VLINE,
  ELMAN_PLOT_SAMPLE_MARKER,
} ElmanPlotSampleKind;

typedef struct
{
  char                label[64];
  const double       *rgba;
  double              alpha;
  ElmanPlotSampleKind kind;
} ElmanPlotLegendEntry;

#define ELMAN_PLOT_MAX_ENTRIES 10

typedef struct
{
  ElmanPlotLegendEntry entries[ELMAN_PLOT_MAX_ENTRIES];
  guint                n;
  double               row;        /* row height */
  double               sample;     /* width of a sample line */
  double               pad;
} ElmanPlotLegend;

/* Envelope: per pixel column of the area, the vertical extent covered by
 * drawn data, so the legend can go where it hides nothing. */

typedef struct
{
  ElmanPlot          *plot;
  const ElmanPlotCtx *c;
  const ElmanPlotMap *m;
  gsize               n_columns;   /* device pixel columns of the area (bounded) */
  double              cs;          /* columns per user unit */
  gboolean            dry;         /* only fill the envelope */
} ElmanPlotPen;

typedef void (*ElmanPlotLayersFunc) (ElmanPlot    *plot,
                                     ElmanPlotPen *pen,
                                     gpointer      data);

typedef struct
{
  gboolean time_x;
  gboolean log_y;
  gboolean integer_x;
} ElmanPlotAxesKind;

/* A panel: one row of the table in elman-plot-panel.c.
 *
 * The frame stacks rows top to bottom (@row 0 first: full width, it
 * carries the plot's title; then the panels @below it, which share its
 * time axis); the panels of a lower row sit side by side
 * when each gets @min_width font sizes, else they are stacked. A panel
 * that shares its row, or is @always_titled, gets its @title above it. */
typedef struct
{
  ElmanPlotPanel   id;              /* one bit: what callers ask for */
  guint            row;
  gboolean         below;           /* in a row of its own right under @row 0 */
  double           min_width;       /* in font sizes, to sit beside others */
  gboolean         always_titled;
  /* (nullable) The title above the panel. */
  const char    *(*title)    (ElmanPlot                 *plot);
  /* Lays out and draws into @rect, filling @frame's area, view and
   * legend (the caller fills @frame->panel). */
  void           (*draw)     (ElmanPlot                 *plot,
                              const ElmanPlotCtx        *c,
                              const ElmanPlotRect       *rect,
                              ElmanPlotPanelFrame       *frame);
  /* (nullable) Whether the pixel belongs to the panel; %NULL: its
   * rectangle. */
  gboolean       (*hit_test) (const ElmanPlotPanelFrame *frame,
                              double                     px,
                              double                     py);
} ElmanPlotPanelClass;

extern const ElmanPlotPanelClass elman_plot_panel_series;
extern const ElmanPlotPanelClass elman_plot_panel_loss;
extern const ElmanPlotPanelClass elman_plot_panel_acf;
extern const ElmanPlotPanelClass elman_plot_panel_states;
extern const ElmanPlotPanelClass elman_plot_panel_weights;
extern const ElmanPlotPanelClass elman_plot_panel_gradients;

/* The table (elman-plot-panel.c), in drawing order of the rows. */
const ElmanPlotPanelClass * const *elman_plot_panel_table (guint *n_panels);

/* Draws the panels of @table that @panels asks for (elman_plot_draw_layout()
 * with the table of elman-plot-panel.c). */
void     elman_plot_draw_table       (ElmanPlot                         *plot,
                                      cairo_t                           *cr,
                                      double                             width,
                                      double                             height,
                                      ElmanPlotPanel                     panels,
                                      double                             pixel_scale,
                                      const ElmanPlotPanelClass * const *table,
                                      guint                              n_table,
                                      ElmanPlotLayout                   *layout);
/* Which panel of @table holds the pixel in @layout, asking each drawn
 * one (its hit_test(), or its rectangle); 0: none. */
ElmanPlotPanel elman_plot_layout_hit (ElmanPlotLayout                   *layout,
                                      const ElmanPlotPanelClass * const *table,
                                      guint                              n_table,
                                      double                             px,
                                      double                             py);

/* What a panel's draw() leaves for hit tests and the pixel mapping. */
void     elman_plot_panel_frame_set  (ElmanPlotPanelFrame       *frame,
                                      const ElmanPlotRect       *area,
                                      const double               view[4],
                                      const ElmanPlotRect       *legend,
                                      gboolean                   legend_outside);

static inline double
elman_plot_clampf (double v,
                   double lo,
                   double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static inline double
elman_plot_map_x (const ElmanPlotMap *m,
                  double              x)
{
  double px = m->ax + x * m->bx;

  if (!isfinite (px))
    return NAN;
  return elman_plot_clampf (px, m->area.x - ELMAN_PLOT_COORD_LIMIT, m->area.x + m->area.w + ELMAN_PLOT_COORD_LIMIT);
}

static inline double
elman_plot_map_y (const ElmanPlotMap *m,
                  double              y)
{
  double py;

  if (m->log_y)
    y = y > 0.0 ? log10 (y) : NAN;
  py = m->ay + y * m->by;
  if (!isfinite (py))
    return NAN;
  return elman_plot_clampf (py, m->area.y - ELMAN_PLOT_COORD_LIMIT, m->area.y + m->area.h + ELMAN_PLOT_COORD_LIMIT);
}

/* Geometry, text, axes (elman-plot-draw.c). */
void     elman_plot_ctx_init         (ElmanPlotCtx           *c,
                                      cairo_t                *cr,
                                      double                  hint,
                                      double                  width,
                                      double                  height,
                                      const ElmanPlotPalette *pal);
void     elman_plot_ctx_clear        (ElmanPlotCtx           *c);
double   elman_plot_snap_x           (const ElmanPlotCtx     *c,
                                      double                  u,
                                      int                     width_px);
double   elman_plot_snap_y           (const ElmanPlotCtx     *c,
                                      double                  u,
                                      int                     width_px);
int      elman_plot_hairline_px      (const ElmanPlotCtx     *c);
double   elman_plot_hairline         (const ElmanPlotCtx     *c);
void     elman_plot_set_color        (const ElmanPlotCtx     *c,
                                      const double           *rgba,
                                      double                  alpha);
void     elman_plot_map_init         (ElmanPlotMap           *m,
                                      const ElmanPlotRect    *area,
                                      const double            v[4],
                                      gboolean                log_y);
void     elman_plot_set_font         (const ElmanPlotCtx     *c,
                                      double                  size,
                                      gboolean                bold);
double   elman_plot_text_width       (const ElmanPlotCtx     *c,
                                      const char             *text);
double   elman_plot_font_height      (const ElmanPlotCtx     *c);
void     elman_plot_show_text        (const ElmanPlotCtx     *c,
                                      double                  x,
                                      double                  y,
                                      const char             *text,
                                      double                  halign,
                                      double                  valign);
void     elman_plot_layout_axes      (const ElmanPlotCtx     *c,
                                      const ElmanPlotRect    *panel,
                                      double                  top_reserve,
                                      const double            v[4],
                                      gboolean                time_x,
                                      gboolean                log_y,
                                      gboolean                integer_x,
                                      ElmanPlotAxes          *ax);
/* The residual ACF's lag axis always labels lag 1 (the first bar). */
void     elman_plot_acf_label_first_lag (ElmanPlotAxes       *ax);
void     elman_plot_draw_grid        (const ElmanPlotCtx     *c,
                                      const ElmanPlotMap     *m,
                                      const ElmanPlotAxes    *ax);
void     elman_plot_draw_frame       (const ElmanPlotCtx     *c,
                                      const ElmanPlotMap     *m,
                                      const ElmanPlotAxes    *ax,
                                      const char             *x_title,
                                      const char             *y_title);
void     elman_plot_draw_placeholder (const ElmanPlotCtx     *c,
                                      const ElmanPlotRect    *area,
                                      const char             *text);
/* The end of a panel over epochs (loss, gradient norms): the frame with
 * "Epoch" under it, "No training yet" while @n_epochs is 0, the legend,
 * and what the frame holds for hit tests. */
void     elman_plot_finish_epoch_panel (const ElmanPlotCtx   *c,
                                        const ElmanPlotMap   *m,
                                        const ElmanPlotAxes  *ax,
                                        const char           *y_title,
                                        guint                 n_epochs,
                                        ElmanPlotLegend      *legend,
                                        const ElmanPlotRect  *legend_rect,
                                        gboolean              legend_outside,
                                        const double          view[4],
                                        ElmanPlotPanelFrame  *frame);
void     elman_plot_draw_hline       (const ElmanPlotCtx     *c,
                                      const ElmanPlotMap     *m,
                                      double                  y,
                                      double                  alpha,
                                      gboolean                dashed);
double   elman_plot_panel_title_height (const ElmanPlotCtx   *c);
void     elman_plot_draw_panel_title (const ElmanPlotCtx     *c,
                                      const ElmanPlotRect    *panel,
                                      const char             *title);

/* Traces and bands (elman-plot-pen.c). */
void     elman_plot_pen_init         (ElmanPlotPen           *pen,
                                      ElmanPlot              *plot,
                                      const ElmanPlotCtx     *c,
                                      const ElmanPlotMap     *m);
void     elman_plot_env_reset        (ElmanPlotPen           *pen);
void     elman_plot_draw_trace       (ElmanPlotPen           *pen,
                                      const ElmanPlotTrace   *t,
                                      const double           *rgba,
                                      double                  width,
                                      ElmanPlotLineStyle      style);
void     elman_plot_draw_band        (ElmanPlotPen           *pen,
                                      const ElmanPlotBand    *band,
                                      const double           *x,
                                      const double           *rgba,
                                      double                  alpha);

/* Legends (elman-plot-legend.c). */
void     elman_plot_legend_add       (ElmanPlotLegend        *l,
                                      const char             *label,
                                      const double           *rgba,
                                      double                  alpha,
                                      ElmanPlotSampleKind     kind);
void     elman_plot_draw_legend      (const ElmanPlotCtx     *c,
                                      ElmanPlotLegend        *l,
                                      const ElmanPlotRect    *r,
                                      gboolean                horizontal);
void     elman_plot_place_legend_above (ElmanPlot             *plot,
                                        const ElmanPlotCtx    *c,
                                        const ElmanPlotRect   *panel,
                                        const double           v[4],
                                        const ElmanPlotAxesKind *kind,
                                        ElmanPlotLegend       *legend,
                                        ElmanPlotAxes         *ax,
                                        ElmanPlotMap          *m,
                                        ElmanPlotPen          *pen,
                                        ElmanPlotRect         *lrect);
void     elman_plot_layout_with_legend (ElmanPlot             *plot,
                                        const ElmanPlotCtx    *c,
                                        const ElmanPlotRect   *panel,
                                        const double           v[4],
                                        const ElmanPlotAxesKind *kind,
                                        ElmanPlotLegend       *legend,
                                        ElmanPlotLayersFunc    layers,
                                        gpointer               data,
                                        ElmanPlotAxes         *ax,
                                        ElmanPlotMap          *m,
                                        ElmanPlotPen          *pen,
                                        ElmanPlotRect         *lrect,
                                        gboolean              *outside);

G_END_DECLS
