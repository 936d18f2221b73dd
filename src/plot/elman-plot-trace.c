/* elman-plot-trace.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "elman-plot-private.h"

/* Below this many points a frame simply reads every visible point. */
#define INDEX_THRESHOLD (64 * ELMAN_PLOT_BLOCK)

static inline gboolean
is_finite (double v)
{
  return fabs (v) <= DBL_MAX;   /* FALSE for ±inf and NaN */
}

/* Reference loop: finite min/max of y[a…b), and whether a non-finite
 * value was seen. Tests compare the indexed version against it. */
void
elman_plot_trace_minmax_ref (const ElmanPlotTrace *trace,
                             gsize                 a,
                             gsize                 b,
                             double               *min,
                             double               *max,
                             gboolean             *bad)
{
  double mn = INFINITY, mx = -INFINITY;
  gboolean any_bad = FALSE;

  for (gsize i = a; i < b; i++)
    {
      double v = trace->y[i];

      if (!is_finite (v))
        {
          any_bad = TRUE;
          continue;
        }
      mn = MIN (mn, v);
      mx = MAX (mx, v);
    }

  *min = mn;
  *max = mx;
  *bad = any_bad;
}

/**
 * elman_plot_trace_init:
 * @y: (not nullable unless @n is 0): values, borrowed
 * @x: (nullable): increasing x values, borrowed; %NULL for @x_offset + i
 *
 * Sets up @trace and, for long traces, the per-block min/max index (one
 * pass over the data, once per data change, never per frame).
 */
void
elman_plot_trace_init (ElmanPlotTrace *trace,
                       const double   *y,
                       const double   *x,
                       gsize           x_offset,
                       gsize           n)
{
  elman_plot_trace_clear (trace);

  trace->y = y;
  trace->x = x;
  trace->x_offset = x_offset;
  trace->n = y ? n : 0;

  if (trace->n < INDEX_THRESHOLD)
    return;

  trace->n_blocks = trace->n / ELMAN_PLOT_BLOCK;
  trace->block_min = g_new (double, trace->n_blocks);
  trace->block_max = g_new (double, trace->n_blocks);
  trace->block_bad = g_new (guint8, trace->n_blocks);

  for (gsize k = 0; k < trace->n_blocks; k++)
    {
      gboolean bad;

      elman_plot_trace_minmax_ref (trace, k * ELMAN_PLOT_BLOCK, (k + 1) * ELMAN_PLOT_BLOCK,
                                   &trace->block_min[k], &trace->block_max[k], &bad);
      trace->block_bad[k] = bad;
    }
}

void
elman_plot_trace_clear (ElmanPlotTrace *trace)
{
  g_clear_pointer (&trace->block_min, g_free);
  g_clear_pointer (&trace->block_max, g_free);
  g_clear_pointer (&trace->block_bad, g_free);
  trace->n_blocks = 0;
  trace->y = NULL;
  trace->x = NULL;
  trace->x_offset = 0;
  trace->n = 0;
}

double
elman_plot_trace_x (const ElmanPlotTrace *trace,
                    gsize                 i)
{
  return trace->x ? trace->x[i] : (double) (trace->x_offset + i);
}

/* First index in [from, to) whose x is >= @x, or @to. Binary search: x is
 * increasing. */
gsize
elman_plot_trace_lower_bound (const ElmanPlotTrace *trace,
                              gsize                 from,
                              gsize                 to,
                              double                x)
{
  if (from >= to)
    return to;

  if (trace->x == NULL)
    {
      double i = ceil (x - (double) trace->x_offset);

      if (!(i > (double) from))   /* also NaN */
        return from;
      if (i >= (double) to)
        return to;
      return (gsize) i;
    }

  while (from < to)
    {
      gsize mid = from + (to - from) / 2;

      if (trace->x[mid] < x)
        from = mid + 1;
      else
        to = mid;
    }
  return from;
}

/* Finite min/max of y[a…b) using whole blocks of the index where they fit. */
void
elman_plot_trace_minmax (const ElmanPlotTrace *trace,
                         gsize                 a,
                         gsize                 b,
                         double               *min,
                         double               *max,
                         gboolean             *bad)
{
  gsize first_block, end_block;
  double mn, mx, m1, m2;
  gboolean bad1, bad2;

  if (trace->n_blocks == 0 || b - a < 2 * ELMAN_PLOT_BLOCK)
    {
      elman_plot_trace_minmax_ref (trace, a, b, min, max, bad);
      return;
    }

  first_block = (a + ELMAN_PLOT_BLOCK - 1) / ELMAN_PLOT_BLOCK;
  end_block = MIN (b / ELMAN_PLOT_BLOCK, trace->n_blocks);

  elman_plot_trace_minmax_ref (trace, a, first_block * ELMAN_PLOT_BLOCK, &mn, &mx, bad);
  for (gsize k = first_block; k < end_block; k++)
    {
      mn = MIN (mn, trace->block_min[k]);
      mx = MAX (mx, trace->block_max[k]);
      *bad |= trace->block_bad[k];
    }
  elman_plot_trace_minmax_ref (trace, end_block * ELMAN_PLOT_BLOCK, b, &m1, &m2, &bad1);
  bad2 = *bad || bad1;

  *min = MIN (mn, m1);
  *max = MAX (mx, m2);
  *bad = bad2;
}

/**
 * elman_plot_trace_reduce:
 * @columns: (out caller-allocates) (array length=n_columns)
 *
 * Splits [@x0, @x1) into @n_columns equal columns and summarises the
 * points in each: finite min/max, first and last value, count. Column
 * boundaries come from binary searches on x and the min/max from the
 * block index, so the cost depends on the number of columns, not points.
 */
void
elman_plot_trace_reduce (const ElmanPlotTrace *trace,
                         double                x0,
                         double                x1,
                         ElmanPlotColumn      *columns,
                         gsize                 n_columns)
{
  double width;
  gsize a;

  if (n_columns == 0)
    return;

  width = (x1 - x0) / (double) n_columns;
  a = elman_plot_trace_lower_bound (trace, 0, trace->n, x0);

  for (gsize c = 0; c < n_columns; c++)
    {
      ElmanPlotColumn *col = &columns[c];
      gsize b;

      if (c + 1 == n_columns)
        b = elman_plot_trace_lower_bound (trace, a, trace->n, nextafter (x1, INFINITY));
      else
        b = elman_plot_trace_lower_bound (trace, a, trace->n, x0 + (double) (c + 1) * width);

      col->n = b - a;
      if (b > a)
        {
          elman_plot_trace_minmax (trace, a, b, &col->min, &col->max, &col->bad);
          col->first = trace->y[a];
          col->last = trace->y[b - 1];
        }
      else
        {
          col->min = INFINITY;
          col->max = -INFINITY;
          col->first = col->last = NAN;
          col->bad = FALSE;
        }
      a = b;
    }
}
