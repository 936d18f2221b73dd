/* elman-plot-trace.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <float.h>
#include <math.h>

#include "elman-plot-private.h"

/* Below this many points a frame simply reads every visible point. */
#define INDEX_THRESHOLD 4096

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

  trace->n_blocks2 = trace->n_blocks / ELMAN_PLOT_BLOCK2;
  trace->block2_min = g_new (double, MAX (trace->n_blocks2, 1));
  trace->block2_max = g_new (double, MAX (trace->n_blocks2, 1));
  trace->block2_bad = g_new (guint8, MAX (trace->n_blocks2, 1));

  for (gsize k = 0; k < trace->n_blocks2; k++)
    {
      double mn = INFINITY, mx = -INFINITY;
      guint8 bad = 0;

      for (gsize j = k * ELMAN_PLOT_BLOCK2; j < (k + 1) * ELMAN_PLOT_BLOCK2; j++)
        {
          mn = MIN (mn, trace->block_min[j]);
          mx = MAX (mx, trace->block_max[j]);
          bad |= trace->block_bad[j];
        }
      trace->block2_min[k] = mn;
      trace->block2_max[k] = mx;
      trace->block2_bad[k] = bad;
    }
}

void
elman_plot_trace_clear (ElmanPlotTrace *trace)
{
  g_clear_pointer (&trace->block_min, g_free);
  g_clear_pointer (&trace->block_max, g_free);
  g_clear_pointer (&trace->block_bad, g_free);
  g_clear_pointer (&trace->block2_min, g_free);
  g_clear_pointer (&trace->block2_max, g_free);
  g_clear_pointer (&trace->block2_bad, g_free);
  trace->n_blocks = 0;
  trace->n_blocks2 = 0;
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

/* Like elman_plot_trace_lower_bound(), starting at @hint: gallops away
 * from it, then bisects. With a good hint (evenly spaced times) it touches
 * a few neighbouring points instead of ~log2(n) far-apart ones, which is
 * what makes a column boundary cheap on a 10-million-point series. */
static gsize
lower_bound_near (const ElmanPlotTrace *trace,
                  gsize                 from,
                  gsize                 to,
                  double                x,
                  gsize                 hint)
{
  const double *t = trace->x;
  gsize lo, hi, step = 1;

  if (t == NULL || from >= to)
    return elman_plot_trace_lower_bound (trace, from, to, x);

  hint = CLAMP (hint, from, to - 1);
  if (t[hint] < x)
    {
      /* The answer is above hint: probe hint + 1, + 2, + 4, … */
      lo = hint + 1;
      for (;;)
        {
          hi = to - hint > step ? hint + step : to;
          if (hi == to || t[hi] >= x)
            break;
          lo = hi + 1;
          step *= 2;
        }
    }
  else
    {
      /* The answer is at or below hint: probe hint − 1, − 2, − 4, … */
      hi = hint;
      for (;;)
        {
          if (hint - from < step)
            {
              lo = from;
              break;
            }
          if (t[hint - step] < x)
            {
              lo = hint - step + 1;
              break;
            }
          hi = hint - step;
          step *= 2;
        }
    }

  /* Now t[lo − 1] < x (or lo = from) and t[hi] >= x (or hi = to). */
  return elman_plot_trace_lower_bound (trace, lo, hi, x);
}

/* Min/max over index entries [a, b) of one level. */
static void
blocks_minmax (const double *bmin,
               const double *bmax,
               const guint8 *bbad,
               gsize         a,
               gsize         b,
               double       *mn,
               double       *mx,
               gboolean     *bad)
{
  for (gsize k = a; k < b; k++)
    {
      *mn = MIN (*mn, bmin[k]);
      *mx = MAX (*mx, bmax[k]);
      *bad |= bbad[k];
    }
}

/* Finite min/max of y[a…b): raw points at the ragged ends, level-1
 * blocks next to them, level-2 blocks in the middle. */
void
elman_plot_trace_minmax (const ElmanPlotTrace *trace,
                         gsize                 a,
                         gsize                 b,
                         double               *min,
                         double               *max,
                         gboolean             *bad)
{
  gsize a1, b1, a2, b2;
  double mn, mx, m1, m2;
  gboolean bad1;

  if (trace->n_blocks == 0 || b - a < 2 * ELMAN_PLOT_BLOCK)
    {
      elman_plot_trace_minmax_ref (trace, a, b, min, max, bad);
      return;
    }

  /* Level-1 blocks [a1, b1) lie wholly inside [a, b). */
  a1 = (a + ELMAN_PLOT_BLOCK - 1) / ELMAN_PLOT_BLOCK;
  b1 = MIN (b / ELMAN_PLOT_BLOCK, trace->n_blocks);

  elman_plot_trace_minmax_ref (trace, a, a1 * ELMAN_PLOT_BLOCK, &mn, &mx, bad);
  elman_plot_trace_minmax_ref (trace, b1 * ELMAN_PLOT_BLOCK, b, &m1, &m2, &bad1);
  mn = MIN (mn, m1);
  mx = MAX (mx, m2);
  *bad = *bad || bad1;

  /* Level-2 blocks [a2, b2) lie wholly inside [a1, b1). */
  a2 = (a1 + ELMAN_PLOT_BLOCK2 - 1) / ELMAN_PLOT_BLOCK2;
  b2 = MIN (b1 / ELMAN_PLOT_BLOCK2, trace->n_blocks2);
  if (a2 < b2)
    {
      blocks_minmax (trace->block_min, trace->block_max, trace->block_bad,
                     a1, a2 * ELMAN_PLOT_BLOCK2, &mn, &mx, bad);
      blocks_minmax (trace->block2_min, trace->block2_max, trace->block2_bad,
                     a2, b2, &mn, &mx, bad);
      blocks_minmax (trace->block_min, trace->block_max, trace->block_bad,
                     b2 * ELMAN_PLOT_BLOCK2, b1, &mn, &mx, bad);
    }
  else
    blocks_minmax (trace->block_min, trace->block_max, trace->block_bad,
                   a1, b1, &mn, &mx, bad);

  *min = mn;
  *max = mx;
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
  double width, density = 0;
  gsize a;

  if (n_columns == 0)
    return;

  width = (x1 - x0) / (double) n_columns;
  a = elman_plot_trace_lower_bound (trace, 0, trace->n, x0);

  /* Points per unit of x, for guessing where the next column starts. */
  if (trace->x && trace->n >= 2 && trace->x[trace->n - 1] > trace->x[0])
    density = (double) (trace->n - 1) / (trace->x[trace->n - 1] - trace->x[0]);

  for (gsize c = 0; c < n_columns; c++)
    {
      ElmanPlotColumn *col = &columns[c];
      double edge = c + 1 == n_columns ? nextafter (x1, INFINITY) : x0 + (double) (c + 1) * width;
      gsize b;

      if (density > 0 && a < trace->n)
        {
          double guess = (edge - trace->x[a]) * density;

          b = lower_bound_near (trace, a, trace->n, edge,
                                guess > 0 && guess < (double) trace->n ? a + (gsize) guess : a);
        }
      else
        b = elman_plot_trace_lower_bound (trace, a, trace->n, edge);

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
