/* elman-plot-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "elman-plot.h"
#include "elman-time.h"

G_BEGIN_DECLS

/* The min/max index that lets a frame reduce millions of points to pixel
 * columns without reading every point: finite min/max per block of
 * ELMAN_PLOT_BLOCK points (level 1) and per ELMAN_PLOT_BLOCK2 such blocks
 * (level 2). A column then reads at most ~4 × 32 entries, whatever n. */
#define ELMAN_PLOT_BLOCK  32
#define ELMAN_PLOT_BLOCK2 32

#define ELMAN_PLOT_MAX_TICKS 64
#define ELMAN_PLOT_MAX_BANDS 4
#define ELMAN_PLOT_LABEL_LEN 48

typedef struct
{
  double value;
  char   label[ELMAN_PLOT_LABEL_LEN];
} ElmanPlotTick;

typedef enum
{
  ELMAN_PLOT_TIME_SECOND,
  ELMAN_PLOT_TIME_MINUTE,
  ELMAN_PLOT_TIME_HOUR,
  ELMAN_PLOT_TIME_DAY,
  ELMAN_PLOT_TIME_MONTH,
  ELMAN_PLOT_TIME_YEAR,
} ElmanPlotTimeUnit;

/* One line of values with an optional x array (x = @x_offset + i when
 * @x is %NULL), plus its two-level min/max index. */
typedef struct
{
  const double *y;
  const double *x;
  gsize         x_offset;
  gsize         n;
  double       *block_min;   /* finite min per block, +inf if none */
  double       *block_max;
  guint8       *block_bad;   /* block holds a non-finite value */
  gsize         n_blocks;
  double       *block2_min;  /* the same per ELMAN_PLOT_BLOCK2 blocks */
  double       *block2_max;
  guint8       *block2_bad;
  gsize         n_blocks2;
} ElmanPlotTrace;

/* A pixel column of a reduced trace; empty when @first > @last index. */
typedef struct
{
  double   min;
  double   max;
  double   first;     /* first and last value in the column (may be */
  double   last;      /* non-finite) */
  gsize    n;         /* points in the column */
  gboolean bad;       /* holds a non-finite value */
} ElmanPlotColumn;

typedef struct
{
  double        level;
  double       *lower;
  double       *upper;
  gsize         n;
} ElmanPlotBand;

typedef struct
{
  double x, y, w, h;
} ElmanPlotRect;

/* Where a frame put one panel. */
typedef struct
{
  ElmanPlotRect    panel;           /* w = 0: not drawn */
  ElmanPlotRect    area;            /* its plotting area */
  double           view[4];         /* … and view: x0 x1 y0 y1 */
  ElmanPlotRect    legend;          /* w = 0: none */
  gboolean         legend_outside;  /* above the area, not inside */
} ElmanPlotPanelFrame;

/* Slots of a layout: one per bit of ElmanPlotPanel. */
#define ELMAN_PLOT_MAX_PANELS 8

/* Where a frame put its panels: what the pixel-mapping functions answer
 * from. Each draw fills one; only the on-screen one is kept. */
typedef struct
{
  gboolean            have_frame;   /* the series panel was drawn */
  ElmanPlotPanelFrame panels[ELMAN_PLOT_MAX_PANELS];
} ElmanPlotLayout;

/* The slot of @panel (one bit) in a layout. */
static inline ElmanPlotPanelFrame *
elman_plot_layout_get (ElmanPlotLayout *layout,
                       ElmanPlotPanel   panel)
{
  return &layout->panels[g_bit_nth_lsf ((gulong) panel, -1) % ELMAN_PLOT_MAX_PANELS];
}

struct _ElmanPlot
{
  ElmanPlotPalette palette;
  char            *title;
  char            *subtitle;
  char            *x_title;
  char            *y_title;
  double           pixel_scale;   /* extra device scale hint (widget HiDPI) */

  ElmanSeries     *series;
  gsize            n_train;       /* == series->n: no split */

  GBytes          *fit_bytes;   /* shared, never copied */
  const double    *fit;
  gsize            fit_first;
  gsize            n_fit;
  GBytes          *test_bytes;   /* shared, never copied */
  const double    *test;
  gsize            test_first;
  gsize            n_test;
  GBytes          *free_run_bytes;   /* shared, never copied */
  const double    *free_run;
  gsize            free_run_first;
  gsize            n_free_run;
  double          *forecast;
  double          *forecast_x;
  gsize            n_forecast;
  ElmanPlotBand    bands[ELMAN_PLOT_MAX_BANDS];
  guint            n_bands;

  GBytes          *train_loss_bytes;
  GBytes          *valid_loss_bytes;
  const double    *train_loss;
  const double    *valid_loss;
  gsize            n_epochs;
  gsize            best_epoch;

  double          *acf;
  guint            n_acf;
  double           acf_bound;
  gsize            n_residuals;
  guint            acf_season;

  /* The network (elman-plot-network.c): shared arrays and what is
   * derived from them once per setter call, not per frame. */
  GBytes          *params_bytes;
  const double    *params;          /* W, U, V (b, c) */
  guint            net_window;      /* T */
  guint            net_horizon;     /* K */
  guint            net_hidden;      /* J */
  gboolean         net_bias;
  guint           *unit_group;      /* J: identical units share a group */
  guint            largest_group;
  char            *network_note;
  GBytes          *states_bytes;
  const double    *states;
  gsize            states_first;
  gsize            n_states;
  guint            states_hidden;
  double          *saturation;      /* per unit: share of steps saturated */
  guint            n_saturated;
  double          *grad_norms;      /* 3 rows of n_grad_epochs: W, U, V */
  gsize            n_grad_epochs;
  ElmanPlotRect    weight_rects[3]; /* where W, U, V were last drawn */

  ElmanPlotTrace   data_trace;
  ElmanPlotTrace   fit_trace;
  ElmanPlotTrace   test_trace;
  ElmanPlotTrace   free_run_trace;

  /* View: explicit when @view_set, otherwise the data range. */
  gboolean         view_set;
  double           view[4];
  gboolean         range_valid;
  double           range[4];

  /* The last on-screen frame (elman_plot_draw), for hover, zoom and
   * pan. Exports draw with a layout of their own and leave it alone. */
  ElmanPlotLayout  frame;

  /* Per-frame scratch, reallocated only when the width grows. */
  ElmanPlotColumn *columns;
  gsize            n_columns_alloc;
  double          *env_min;
  double          *env_max;
  gsize            n_env_alloc;
};

/* elman-plot-network.c */
void    elman_plot_network_clear    (ElmanPlot         *plot);
/* Whether unit @j (0-based) is saturated more than half of the time. */
gboolean elman_plot_unit_saturated  (ElmanPlot         *plot,
                                     guint              j);
/* Where W, U, V were last drawn (w = 0: not drawn); for tests. */
gboolean elman_plot_get_weight_rects (ElmanPlot        *plot,
                                     ElmanPlotRect      rects[3]);
gboolean elman_plot_get_panel_frame (ElmanPlot         *plot,
                                     ElmanPlotPanel     panel,
                                     ElmanPlotPanelFrame *frame);

/* elman-plot.c */
gsize   elman_plot_nearest_index    (ElmanPlot         *plot,
                                     double             x);
double  elman_plot_series_x         (ElmanPlot         *plot,
                                     gsize              i);
void    elman_plot_get_effective_view (ElmanPlot       *plot,
                                     double             view[4]);

/* Axis ticks (elman-plot-axis.c). */
double  elman_plot_nice_step        (double             raw);
gsize   elman_plot_ticks_linear     (double             lo,
                                     double             hi,
                                     gsize              target,
                                     ElmanPlotTick     *ticks,
                                     gsize              max_ticks,
                                     double            *step);
gsize   elman_plot_ticks_log        (double             lo,
                                     double             hi,
                                     gsize              target,
                                     ElmanPlotTick     *ticks,
                                     gsize              max_ticks);
gsize   elman_plot_ticks_time       (double             t0,
                                     double             t1,
                                     gsize              target,
                                     ElmanPlotTick     *ticks,
                                     gsize              max_ticks,
                                     ElmanPlotTimeUnit *unit,
                                     int               *unit_step);
void    elman_plot_format_value     (double             value,
                                     double             step,
                                     char              *buf,
                                     gsize              len);
/* Traces and reduction (elman-plot-trace.c). */
void    elman_plot_trace_init       (ElmanPlotTrace    *trace,
                                     const double      *y,
                                     const double      *x,
                                     gsize              x_offset,
                                     gsize              n);
void    elman_plot_trace_clear      (ElmanPlotTrace    *trace);
double  elman_plot_trace_x          (const ElmanPlotTrace *trace,
                                     gsize              i);
gsize   elman_plot_trace_lower_bound (const ElmanPlotTrace *trace,
                                     gsize              from,
                                     gsize              to,
                                     double             x);
void    elman_plot_trace_minmax     (const ElmanPlotTrace *trace,
                                     gsize              a,
                                     gsize              b,
                                     double            *min,
                                     double            *max,
                                     gboolean          *bad);
void    elman_plot_trace_minmax_ref (const ElmanPlotTrace *trace,
                                     gsize              a,
                                     gsize              b,
                                     double            *min,
                                     double            *max,
                                     gboolean          *bad);
void    elman_plot_trace_reduce     (const ElmanPlotTrace *trace,
                                     double             x0,
                                     double             x1,
                                     ElmanPlotColumn   *columns,
                                     gsize              n_columns);

/* Draws as elman_plot_draw() does, but puts the frame's layout into
 * @layout instead of the plot's on-screen frame, and takes the device
 * pixels per unit that @cr cannot tell from @pixel_scale, not from the
 * widget's elman_plot_set_pixel_scale() (elman-plot-draw.c). */
void    elman_plot_draw_layout      (ElmanPlot         *plot,
                                     cairo_t           *cr,
                                     double             width,
                                     double             height,
                                     ElmanPlotPanel     panels,
                                     double             pixel_scale,
                                     ElmanPlotLayout   *layout);

/* Export (elman-plot-export.c): draws into a stream; for tests. */
gboolean elman_plot_export_to_fd    (ElmanPlot         *plot,
                                     int                fd,
                                     const char        *format,
                                     const char        *display_name,
                                     int                width,
                                     int                height,
                                     double             scale,
                                     ElmanPlotPanel     panels,
                                     GError           **error);

/* Geometry of the last frame, for tests. */
gboolean elman_plot_get_area        (ElmanPlot         *plot,
                                     ElmanPlotRect     *area);
gboolean elman_plot_get_legend      (ElmanPlot         *plot,
                                     ElmanPlotPanel     panel,
                                     ElmanPlotRect     *legend,
                                     gboolean          *outside);
/* The ACF panel's plotting area and view (x0 x1 y0 y1: lags, r). */
gboolean elman_plot_get_acf_area    (ElmanPlot         *plot,
                                     ElmanPlotRect     *area,
                                     double             view[4]);

G_END_DECLS
