/* test-plot.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <glib/gstdio.h>

#include "elman-plot-panel-private.h"

/* Helpers */

static void
test_palette (ElmanPlotPalette *pal)
{
  /* Pure colours make pixel checks unambiguous. */
  elman_plot_palette_init_light (pal);
  pal->data[0] = 1;
  pal->data[1] = 0;
  pal->data[2] = 0;
  pal->data[3] = 1;
  pal->grid[3] = 0;
}

static ElmanPlot *
plot_for (const double   *values,
          const double   *times,
          gsize           n,
          ElmanFrequency  frequency)
{
  ElmanPlot *plot = elman_plot_new ();
  g_autoptr(ElmanSeries) s = elman_series_new_from_values (values, times, n, frequency, "y");
  ElmanPlotPalette pal;

  test_palette (&pal);
  elman_plot_set_palette (plot, &pal);
  elman_plot_set_series (plot, s);
  return plot;
}

static cairo_surface_t *
render (ElmanPlot      *plot,
        int             width,
        int             height,
        double          scale,
        ElmanPlotPanel  panels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) (width * scale),
                                                         (int) (height * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  elman_plot_draw (plot, cr, width, height, panels);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int             *r,
       int             *g,
       int             *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  p = *(const guint32 *) (data + y * stride + x * 4);
  *r = (p >> 16) & 0xff;
  *g = (p >> 8) & 0xff;
  *b = p & 0xff;
}

static gboolean
is_red (cairo_surface_t *surface,
        int              x,
        int              y)
{
  int r, g, b;

  pixel (surface, x, y, &r, &g, &b);
  return r > 180 && g < 120 && b < 120;
}

/* Some red pixel within @radius of (x, y). */
static gboolean
red_near (cairo_surface_t *surface,
          double           x,
          double           y,
          int              radius)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;

        if (px >= 0 && py >= 0 && px < cairo_image_surface_get_width (surface)
            && py < cairo_image_surface_get_height (surface) && is_red (surface, px, py))
          return TRUE;
      }
  return FALSE;
}

static gsize
count_red (cairo_surface_t *surface)
{
  gsize n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += is_red (surface, x, y);
  return n;
}

static gboolean
in_rect (const ElmanPlotRect *r,
         double               x,
         double               y)
{
  return x >= r->x && x <= r->x + r->w && y >= r->y && y <= r->y + r->h;
}

static double
utc (int year,
     int month,
     int day,
     int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return (double) g_date_time_to_unix (dt);
}

/* Ticks */

static gboolean
is_nice_step (double step)
{
  double e = floor (log10 (step)), m = step / pow (10.0, e);

  return fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 5) < 1e-9
         || fabs (m - 10) < 1e-9;
}

static void
check_linear_ticks (double lo,
                    double hi,
                    gsize  target)
{
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  double step;
  gsize n = elman_plot_ticks_linear (lo, hi, target, ticks, G_N_ELEMENTS (ticks), &step);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (ticks));
  g_assert_true (isfinite (step) && step > 0);
  g_assert_true (is_nice_step (step));

  for (gsize i = 0; i < n; i++)
    {
      double k = ticks[i].value / step;

      g_assert_true (isfinite (ticks[i].value));
      /* Multiples of the step, inside the range. */
      g_assert_cmpfloat (fabs (k - round (k)), <, 1e-6);
      g_assert_cmpfloat (ticks[i].value, >=, lo - step * 1e-9);
      g_assert_cmpfloat (ticks[i].value, <=, hi + step * 1e-9);
      g_assert_cmpstr (ticks[i].label, !=, "");
      g_assert_null (strstr (ticks[i].label, "nan"));
      g_assert_null (strstr (ticks[i].label, "inf"));
      if (i > 0)
        g_assert_cmpfloat (ticks[i].value, >, ticks[i - 1].value);
    }
  /* They cover the data: no gap of a whole step at either end. */
  g_assert_cmpfloat (ticks[0].value - lo, <, step * (1 + 1e-9));
  g_assert_cmpfloat (hi - ticks[n - 1].value, <, step * (1 + 1e-9));
}

static void
test_ticks_linear (void)
{
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  double step;
  gsize n;
  GRand *rand = g_rand_new_with_seed (7);

  n = elman_plot_ticks_linear (0, 10, 5, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat (step, ==, 2);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (ticks[0].label, ==, "0");
  g_assert_cmpstr (ticks[5].label, ==, "10");

  n = elman_plot_ticks_linear (-0.3, 0.3, 6, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat (step, ==, 0.1);
  g_assert_cmpstr (ticks[3].label, ==, "0");
  g_assert_cmpstr (ticks[0].label, ==, "\xe2\x88\x92" "0.3");

  check_linear_ticks (104, 622, 6);
  check_linear_ticks (-1e300, 1e300, 5);
  check_linear_ticks (-1.7e308, 1.7e308, 5);
  check_linear_ticks (1e-300, 3e-300, 5);
  check_linear_ticks (1e15, 1e15 + 100, 5);
  check_linear_ticks (-5e-7, -1e-7, 8);

  for (int i = 0; i < 2000; i++)
    {
      double a = g_rand_double_range (rand, -1, 1) * pow (10, g_rand_int_range (rand, -12, 12));
      double w = pow (10, g_rand_double_range (rand, -6, 6)) * MAX (fabs (a), 1e-12);

      check_linear_ticks (a, a + w, (gsize) g_rand_int_range (rand, 2, 15));
    }
  g_rand_free (rand);
}

static void
test_ticks_degenerate (void)
{
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  double step;
  gsize n;

  n = elman_plot_ticks_linear (5, 5, 5, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (ticks[0].value, ==, 5);
  g_assert_cmpstr (ticks[0].label, ==, "5");

  n = elman_plot_ticks_linear (NAN, 1, 5, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpuint (n, ==, 0);
  n = elman_plot_ticks_linear (0, INFINITY, 5, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpuint (n, ==, 0);

  /* Asking for more ticks than fit: never more than the buffer. */
  n = elman_plot_ticks_linear (0, 1000, 1000, ticks, 8, &step);
  g_assert_cmpuint (n, <=, 8);
  g_assert_cmpuint (n, >=, 2);
}

static void
test_ticks_format (void)
{
  char buf[ELMAN_PLOT_LABEL_LEN];

  /* Huge and tiny: a power of ten, never "e". */
  elman_plot_format_value (2e300, 1e299, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "2.0×10³⁰⁰");
  elman_plot_format_value (1.5e-7, 1e-8, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1.5×10⁻⁷");
  elman_plot_format_value (-3e20, 0, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "−3×10²⁰");
  elman_plot_format_value (-0.0, 1, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "0");
  elman_plot_format_value (0.30000000000000004, 0.1, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "0.3");
  elman_plot_format_value (1250, 50, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1250");
}

/* Large values read as millions (M), thousands of millions (G) and
 * millions of millions (T): the unit and the decimals follow the step,
 * the same on every tick of an axis. */
#define NNBSP "\xe2\x80\xaf"   /* U+202F NARROW NO-BREAK SPACE */

static void
test_ticks_large_units (void)
{
  static const struct { double lo, hi; const char *first, *last; } cases[] = {
    { 0, 1.2e8, "0", "120" NNBSP "M" },
    { 0, 3e6, "0", "3.0" NNBSP "M" },
    { 1.5e9, 4.5e9, "1.5" NNBSP "G", "4.5" NNBSP "G" },
    { -2e12, 8e12, "−2" NNBSP "T", "8" NNBSP "T" },
    { 0, 8e5, "0", "800000" },
  };
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  char buf[ELMAN_PLOT_LABEL_LEN];

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double step;
      gsize n = elman_plot_ticks_linear (cases[c].lo, cases[c].hi, 6, ticks, G_N_ELEMENTS (ticks), &step);

      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpstr (ticks[0].label, ==, cases[c].first);
      g_assert_cmpstr (ticks[n - 1].label, ==, cases[c].last);
      for (gsize i = 0; i < n; i++)
        {
          g_assert_null (strchr (ticks[i].label, 'e'));
          /* One unit per axis: every non-zero label ends in the last's. */
          if (ticks[i].value != 0)
            g_assert_true (g_str_has_suffix (ticks[i].label, cases[c].last + strlen (cases[c].last) - 1));
        }
    }
  /* The 1.2e8 of a passenger count: 120 M, a narrow no-break space
   * between the number and its unit. */
  elman_plot_format_value (1.2e8, 2e7, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "120" NNBSP "M");
}

/* The lag axis of the residual ACF labels lag 1, wherever the ticks
 * would have started. */
static void
test_acf_first_lag (void)
{
  static const struct { double first, step; gsize n; const char *labels; } cases[] = {
    { 0, 5, 5, "1 5 10 15 20" },        /* lag 0 has no bar: it goes */
    { 12, 12, 2, "1 12 24" },           /* the season's multiples */
    { 2, 2, 6, "1 3 5 7 9 11" },        /* too close: the ticks move */
    { 1, 1, 4, "1 2 3 4" },             /* already there */
    { 10, 10, 1, "1 10" },
    { 0, 0, 0, "1" },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      ElmanPlotAxes ax = { 0 };
      g_autoptr(GString) joined = g_string_new (NULL);

      for (gsize i = 0; i < cases[c].n; i++)
        {
          ax.xt[i].value = cases[c].first + cases[c].step * (double) i;
          g_snprintf (ax.xt[i].label, sizeof ax.xt[i].label, "%g", ax.xt[i].value);
        }
      ax.n_xt = cases[c].n;
      elman_plot_acf_label_first_lag (&ax);
      for (gsize i = 0; i < ax.n_xt; i++)
        {
          g_string_append_printf (joined, "%s%s", i ? " " : "", ax.xt[i].label);
          g_assert_cmpfloat (ax.xt[i].value, ==, g_ascii_strtod (ax.xt[i].label, NULL));
        }
      g_assert_cmpstr (joined->str, ==, cases[c].labels);
    }
}

static void
test_ticks_log (void)
{
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  gsize n;

  n = elman_plot_ticks_log (1e-3, 10, 8, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (ticks[0].value, 1e-3, 1e-15);
  g_assert_cmpfloat_with_epsilon (ticks[4].value, 10, 1e-12);
  g_assert_cmpstr (ticks[0].label, ==, "10\xe2\x81\xbb\xc2\xb3");   /* 10⁻³ */

  /* Less than three decades with room: 1-2-5 mantissas. */
  n = elman_plot_ticks_log (0.003, 0.6, 8, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpfloat_with_epsilon (ticks[0].value, 0.005, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks[6].value, 0.5, 1e-12);
  g_assert_cmpstr (ticks[1].label, ==, "0.01");

  /* Less room: 1-3, then one per decade. */
  n = elman_plot_ticks_log (0.003, 0.6, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (ticks[0].label, ==, "0.003");
  g_assert_cmpstr (ticks[4].label, ==, "0.3");
  n = elman_plot_ticks_log (0.003, 0.6, 3, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (ticks[0].label, ==, "0.01");

  /* Within one decade: finer mantissas so there are still two ticks. */
  n = elman_plot_ticks_log (0.21, 0.29, 4, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, >=, 1);
  n = elman_plot_ticks_log (0.15, 0.45, 4, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, >=, 2);
  for (gsize i = 0; i < n; i++)
    g_assert_true (ticks[i].value >= 0.15 && ticks[i].value <= 0.45);

  /* Many decades: every k-th, still few ticks. */
  n = elman_plot_ticks_log (1e-30, 1e30, 8, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <=, 9);

  g_assert_cmpuint (elman_plot_ticks_log (0, 1, 8, ticks, G_N_ELEMENTS (ticks)), ==, 0);
}

static void
test_calendar (void)
{
  gint64 y;
  int m, d;

  g_assert_cmpint (elman_time_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (elman_time_days_from_civil (2000, 3, 1), ==, 11017);
  for (gint64 days = -800000; days < 800000; days += 997)
    {
      elman_time_civil_from_days (days, &y, &m, &d);
      g_assert_cmpint (elman_time_days_from_civil (y, m, d), ==, days);
    }

  g_assert_cmpfloat (elman_time_add_months (utc (2024, 1, 31, 0), 1), ==, utc (2024, 2, 29, 0));
  g_assert_cmpfloat (elman_time_add_months (utc (1960, 12, 1, 6), 1), ==, utc (1961, 1, 1, 6));
  g_assert_cmpfloat (elman_time_add_months (utc (1960, 1, 1, 0), -13), ==, utc (1958, 12, 1, 0));
}

static void
test_ticks_monthly (void)
{
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  ElmanPlotTimeUnit unit;
  int step;
  double t0 = utc (1949, 1, 1, 0), t1 = utc (1960, 12, 1, 0);
  gsize n;

  /* Twelve years of monthly data in a narrow plot: every two years. */
  n = elman_plot_ticks_time (t0, t1, 7, ticks, G_N_ELEMENTS (ticks), &unit, &step);
  g_assert_cmpint (unit, ==, ELMAN_PLOT_TIME_YEAR);
  g_assert_cmpint (step, ==, 2);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat (ticks[0].value, ==, utc (1950, 1, 1, 0));
  g_assert_cmpstr (ticks[0].label, ==, "1950");
  g_assert_cmpstr (ticks[5].label, ==, "1960");

  /* Wider: half years, labelled by month between the years. */
  n = elman_plot_ticks_time (t0, t1, 30, ticks, G_N_ELEMENTS (ticks), &unit, &step);
  g_assert_cmpint (unit, ==, ELMAN_PLOT_TIME_MONTH);
  g_assert_cmpint (step, ==, 6);
  g_assert_cmpuint (n, ==, 24);
  g_assert_cmpfloat (ticks[0].value, ==, t0);
  g_assert_cmpstr (ticks[0].label, ==, "1949");
  g_assert_cmpfloat (ticks[1].value, ==, utc (1949, 7, 1, 0));
  g_assert_cmpstr (ticks[1].label, ==, "Jul");
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) ticks[i].value);

      g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);
      g_assert_cmpint ((g_date_time_get_month (dt) - 1) % 6, ==, 0);
      g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
    }

  /* A few months: each month, the first tick with its year. */
  n = elman_plot_ticks_time (utc (2023, 11, 15, 0), utc (2024, 4, 15, 0), 8,
                             ticks, G_N_ELEMENTS (ticks), &unit, &step);
  g_assert_cmpint (unit, ==, ELMAN_PLOT_TIME_MONTH);
  g_assert_cmpint (step, ==, 1);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (ticks[0].label, ==, "Dec 2023");
  g_assert_cmpstr (ticks[1].label, ==, "2024");
  g_assert_cmpstr (ticks[2].label, ==, "Feb");
}

static void
test_ticks_hourly (void)
{
  ElmanPlotTick ticks[ELMAN_PLOT_MAX_TICKS];
  ElmanPlotTimeUnit unit;
  int step;
  double t0 = utc (2024, 3, 1, 0);
  gsize n;

  /* Three days of hourly data: every 12 hours. */
  n = elman_plot_ticks_time (t0, t0 + 72 * 3600, 8, ticks, G_N_ELEMENTS (ticks), &unit, &step);
  g_assert_cmpint (unit, ==, ELMAN_PLOT_TIME_HOUR);
  g_assert_cmpint (step, ==, 12);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (ticks[0].label, ==, "Mar 1");
  g_assert_cmpstr (ticks[1].label, ==, "12:00");
  g_assert_cmpstr (ticks[2].label, ==, "Mar 2");

  /* Half a day from 01:30: every two hours on even hours. */
  n = elman_plot_ticks_time (t0 + 5400, t0 + 5400 + 12 * 3600, 8, ticks,
                             G_N_ELEMENTS (ticks), &unit, &step);
  g_assert_cmpint (unit, ==, ELMAN_PLOT_TIME_HOUR);
  g_assert_cmpint (step, ==, 2);
  g_assert_cmpfloat (ticks[0].value, ==, t0 + 2 * 3600);
  g_assert_cmpstr (ticks[0].label, ==, "02:00");
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (fmod (ticks[i].value, 7200), ==, 0);

  /* Five weeks of hourly data: weekly ticks on Mondays. */
  n = elman_plot_ticks_time (t0, t0 + 35 * 86400, 6, ticks, G_N_ELEMENTS (ticks), &unit, &step);
  g_assert_cmpint (unit, ==, ELMAN_PLOT_TIME_DAY);
  g_assert_cmpint (step, ==, 7);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) ticks[i].value);

      g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1);
    }
}

/* Reduction */

static void
test_reduce_matches_reference (void)
{
  gsize n = 300000;
  g_autofree double *y = g_new (double, n);
  g_autofree double *x = g_new (double, n);
  ElmanPlotTrace trace = { 0 };
  ElmanPlotColumn cols[777];
  GRand *rand = g_rand_new_with_seed (3);
  double t = 0;

  for (gsize i = 0; i < n; i++)
    {
      t += g_rand_double_range (rand, 0.1, 2.0);    /* irregular, increasing */
      x[i] = t;
      y[i] = g_rand_double_range (rand, -5, 5);
      if (g_rand_int_range (rand, 0, 5000) == 0)
        y[i] = g_rand_boolean (rand) ? NAN : -INFINITY;
    }

  elman_plot_trace_init (&trace, y, x, 0, n);
  g_assert_cmpuint (trace.n_blocks, >, 0);

  for (int round = 0; round < 5; round++)
    {
      double x0 = g_rand_double_range (rand, -10, t / 2), x1 = x0 + g_rand_double_range (rand, 10, t);
      gsize a;

      elman_plot_trace_reduce (&trace, x0, x1, cols, G_N_ELEMENTS (cols));

      /* Brute force: assign every point to its column. */
      a = 0;
      while (a < n && x[a] < x0)
        a++;
      for (gsize c = 0; c < G_N_ELEMENTS (cols); c++)
        {
          double lo = x0 + (x1 - x0) * (double) (c + 1) / G_N_ELEMENTS (cols);
          double mn = INFINITY, mx = -INFINITY;
          gboolean bad = FALSE;
          gsize b = a;

          while (b < n && (x[b] < lo || (c + 1 == G_N_ELEMENTS (cols) && x[b] <= x1)))
            {
              if (isfinite (y[b]))
                {
                  mn = MIN (mn, y[b]);
                  mx = MAX (mx, y[b]);
                }
              else
                bad = TRUE;
              b++;
            }
          g_assert_cmpuint (cols[c].n, ==, b - a);
          if (b > a)
            {
              g_assert_cmpfloat (cols[c].min, ==, mn);
              g_assert_cmpfloat (cols[c].max, ==, mx);
              g_assert_cmpint (cols[c].bad, ==, bad);
            }
          a = b;
        }
    }

  /* The indexed min/max equals the plain loop on any range. */
  for (int i = 0; i < 200; i++)
    {
      gsize a = (gsize) g_rand_int_range (rand, 0, (gint32) n), b = a + (gsize) g_rand_int_range (rand, 0, 100000);
      double m1, m2, r1, r2;
      gboolean b1, b2;

      b = MIN (b, n);
      elman_plot_trace_minmax (&trace, a, b, &m1, &m2, &b1);
      elman_plot_trace_minmax_ref (&trace, a, b, &r1, &r2, &b2);
      g_assert_cmpfloat (m1, ==, r1);
      g_assert_cmpfloat (m2, ==, r2);
      g_assert_cmpint (b1, ==, b2);
    }

  elman_plot_trace_clear (&trace);
  g_rand_free (rand);
}

/* Drawing */

static void
test_draw_line_pixels (void)
{
  double y[] = { 0, 1, 0 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 3, ELMAN_FREQUENCY_NONE);
  cairo_surface_t *s;
  ElmanPlotRect area, legend;
  gboolean outside;
  gsize hits = 0, samples = 0;
  double px, py;

  elman_plot_set_view (plot, 0, 2, 0, 1);
  s = render (plot, 400, 300, 1.0, ELMAN_PLOT_PANEL_SERIES);
  g_assert_true (elman_plot_get_area (plot, &area));
  g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_SERIES, &legend, &outside));

  /* Along both edges of the tent, the line is where the mapping says. */
  for (double t = 0.02; t < 1.99; t += 0.01)
    {
      double v = t <= 1 ? t : 2 - t;

      g_assert_true (elman_plot_data_to_pixel (plot, t, v, &px, &py));
      g_assert_true (in_rect (&area, px, py));
      samples++;
      if (in_rect (&legend, px, py))
        continue;
      hits += red_near (s, px, py, 1);
    }
  g_assert_cmpuint (hits, ==, samples);

  /* And nowhere else: under the tent and in the corners stays white. */
  elman_plot_data_to_pixel (plot, 1.0, 0.3, &px, &py);
  g_assert_false (red_near (s, px, py, 3));
  elman_plot_data_to_pixel (plot, 1.9, 0.9, &px, &py);
  g_assert_false (red_near (s, px, py, 3));

  /* The tent's apex and feet map to the area's edges. */
  elman_plot_data_to_pixel (plot, 0, 0, &px, &py);
  g_assert_cmpfloat (fabs (px - area.x), <, 1e-9);
  g_assert_cmpfloat (fabs (py - (area.y + area.h)), <, 1e-9);

  cairo_surface_destroy (s);
}

/* Zoomed far into one segment: its ends lie a million pixels away, and
 * the line still passes through the right pixels. */
static void
test_draw_deep_zoom (void)
{
  double y[] = { 0, 1, 0 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 3, ELMAN_FREQUENCY_NONE);
  cairo_surface_t *s;
  double px, py;

  elman_plot_set_view (plot, 0.4999, 0.5001, 0.4999, 0.5001);
  s = render (plot, 400, 300, 1.0, ELMAN_PLOT_PANEL_SERIES);
  for (double t = 0.49992; t < 0.50008; t += 0.00002)
    {
      elman_plot_data_to_pixel (plot, t, t, &px, &py);
      g_assert_true (red_near (s, px, py, 1));
    }
  cairo_surface_destroy (s);
}

static void
test_draw_nan_breaks_line (void)
{
  double y[] = { 0.5, 0.5, NAN, 0.5, 0.5, INFINITY, 0.5 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  cairo_surface_t *s;
  double px, py, x0, x1, y0, y1;

  /* The automatic view ignores non-finite values. */
  elman_plot_get_view (plot, &x0, &x1, &y0, &y1);
  g_assert_true (isfinite (y0) && isfinite (y1));
  g_assert_cmpfloat (y0, <, 0.5);
  g_assert_cmpfloat (y1, >, 0.5);

  elman_plot_set_view (plot, 0, 6, 0, 1);
  s = render (plot, 500, 300, 1.0, ELMAN_PLOT_PANEL_SERIES);

  elman_plot_data_to_pixel (plot, 0.5, 0.5, &px, &py);
  g_assert_true (red_near (s, px, py, 1));
  elman_plot_data_to_pixel (plot, 3.5, 0.5, &px, &py);
  g_assert_true (red_near (s, px, py, 1));
  /* No line across the NaN at 2 or the infinity at 5. */
  elman_plot_data_to_pixel (plot, 2.0, 0.5, &px, &py);
  g_assert_false (red_near (s, px, py, 4));
  elman_plot_data_to_pixel (plot, 5.0, 0.5, &px, &py);
  g_assert_false (red_near (s, px, py, 4));

  cairo_surface_destroy (s);
}

static void
test_draw_decimated_spike (void)
{
  gsize n = 1000000;
  g_autofree double *y = g_new (double, n);
  g_autoptr(ElmanPlot) plot = NULL;
  cairo_surface_t *s;
  double px, py, py_base;

  for (gsize i = 0; i < n; i++)
    y[i] = 0.2 + 0.01 * sin ((double) i);
  y[654321] = 1.0;    /* one spike among a million points */
  for (gsize i = 200000; i < 210000; i++)
    y[i] = NAN;       /* and a gap */

  plot = plot_for (y, NULL, n, ELMAN_FREQUENCY_NONE);
  elman_plot_set_view (plot, 0, (double) n, 0, 1.1);
  s = render (plot, 800, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);

  /* The spike's top survives the reduction to ~700 columns. */
  elman_plot_data_to_pixel (plot, 654321, 0.98, &px, &py);
  g_assert_true (red_near (s, px, py, 1));
  /* The base line is continuous… */
  elman_plot_data_to_pixel (plot, 400000, 0.2, &px, &py_base);
  g_assert_true (red_near (s, px, py_base, 1));
  /* …except in the gap. */
  elman_plot_data_to_pixel (plot, 205000, 0.2, &px, &py_base);
  g_assert_false (red_near (s, px, py_base, 2));

  cairo_surface_destroy (s);

  /* Zoomed in to 50 points: the exact line, the sine's swing visible. */
  elman_plot_set_view (plot, 1000, 1050, 0.185, 0.215);
  s = render (plot, 800, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
  for (gsize i = 1001; i < 1049; i++)
    {
      elman_plot_data_to_pixel (plot, (double) i, y[i], &px, &py);
      g_assert_true (red_near (s, px, py, 1));
    }
  cairo_surface_destroy (s);
}

static void
check_view_finite (ElmanPlot *plot)
{
  double v[4];

  elman_plot_get_view (plot, &v[0], &v[1], &v[2], &v[3]);
  for (int i = 0; i < 4; i++)
    g_assert_true (isfinite (v[i]));
  g_assert_cmpfloat (v[0], <, v[1]);
  g_assert_cmpfloat (v[2], <, v[3]);
}

static void
test_draw_empty_and_constant (void)
{
  g_autoptr(ElmanPlot) plot = elman_plot_new ();
  double c[50];
  cairo_surface_t *s;
  double x, y;
  gsize index = 99;

  /* No series at all, no loss: axes and a placeholder, no crash. */
  s = render (plot, 300, 200, 1.0, ELMAN_PLOT_PANEL_BOTH);
  cairo_surface_destroy (s);
  check_view_finite (plot);
  g_assert_true (elman_plot_pixel_to_data (plot, 150, 60, &x, &y, &index));
  g_assert_cmpuint (index, ==, 0);

  /* An empty series. */
  {
    g_autoptr(ElmanSeries) empty = elman_series_new_from_values (NULL, NULL, 0,
                                                                 ELMAN_FREQUENCY_NONE, NULL);
    elman_plot_set_series (plot, empty);
    s = render (plot, 300, 200, 1.0, ELMAN_PLOT_PANEL_BOTH);
    cairo_surface_destroy (s);
    check_view_finite (plot);
  }

  /* A constant series, one point, and a constant loss. */
  for (int i = 0; i < 50; i++)
    c[i] = 5;
  {
    g_autoptr(ElmanPlot) p = plot_for (c, NULL, 50, ELMAN_FREQUENCY_NONE);
    double v[4];
    double px, py;

    elman_plot_set_loss (p, c, c, 50, 3);
    check_view_finite (p);
    elman_plot_get_view (p, &v[0], &v[1], &v[2], &v[3]);
    g_assert_cmpfloat (v[2], <, 5);
    g_assert_cmpfloat (v[3], >, 5);
    s = render (p, 400, 300, 1.0, ELMAN_PLOT_PANEL_BOTH);
    elman_plot_data_to_pixel (p, 25, 5, &px, &py);
    g_assert_true (red_near (s, px, py, 1));
    cairo_surface_destroy (s);

    elman_plot_set_series (p, NULL);
    s = render (p, 400, 300, 1.0, ELMAN_PLOT_PANEL_BOTH);
    cairo_surface_destroy (s);
  }
  {
    g_autoptr(ElmanPlot) p = plot_for (c, NULL, 1, ELMAN_FREQUENCY_NONE);

    check_view_finite (p);
    s = render (p, 400, 300, 1.0, ELMAN_PLOT_PANEL_SERIES);
    cairo_surface_destroy (s);
  }

  /* Degenerate sizes draw nothing and do not crash. */
  {
    cairo_surface_t *tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 3, 3);
    cairo_t *cr = cairo_create (tiny);

    elman_plot_draw (plot, cr, 3, 3, ELMAN_PLOT_PANEL_BOTH);
    elman_plot_draw (plot, cr, 0, 0, ELMAN_PLOT_PANEL_BOTH);
    elman_plot_draw (plot, cr, NAN, 10, ELMAN_PLOT_PANEL_BOTH);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (tiny);
  }
}

static char *
export_svg (ElmanPlot *plot)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  int fd = g_file_open_tmp ("elman-plot-XXXXXX.svg", &path, &error);

  g_assert_no_error (error);
  g_assert_true (elman_plot_export_to_fd (plot, fd, "svg", path, 500, 400, 1.0,
                                          ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_unlink (path);
  return contents;
}

static void
check_nan_free (const double *values,
                gsize         n)
{
  g_autoptr(ElmanPlot) plot = plot_for (values, NULL, n, ELMAN_FREQUENCY_NONE);
  g_autofree char *svg = NULL;
  cairo_surface_t *s;
  double fit[64];

  g_assert_cmpuint (n, <=, 64);
  for (gsize i = 0; i < n; i++)
    fit[i] = values[i] * 0.9;
  elman_plot_set_fit (plot, 0, fit, n);
  elman_plot_set_forecast (plot, values, n);
  elman_plot_set_loss (plot, values, fit, n, 1);
  check_view_finite (plot);

  s = render (plot, 500, 400, 1.0, ELMAN_PLOT_PANEL_BOTH);
  g_assert_cmpuint (count_red (s), >, 50);
  cairo_surface_destroy (s);

  /* Every coordinate Cairo wrote is a number. */
  svg = export_svg (plot);
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_null (strstr (svg, "nan"));
  g_assert_null (strstr (svg, "inf"));
}

static void
test_draw_huge_and_tiny (void)
{
  double huge[] = { 1e300, 3e300, 2e300, 5e300, 4e300 };
  double extreme[] = { -1.7e308, 1.7e308, 0, -1e308, 1e308 };
  double tiny[] = { 1e-300, 3e-300, 2e-300, 5e-300, 4e-300 };
  double denormal[] = { 4e-320, 4e-320, 4e-320 };
  double offset[] = { 1e15, 1e15 + 1, 1e15 + 3, 1e15 + 2 };

  check_nan_free (huge, G_N_ELEMENTS (huge));
  check_nan_free (extreme, G_N_ELEMENTS (extreme));
  check_nan_free (tiny, G_N_ELEMENTS (tiny));
  check_nan_free (denormal, G_N_ELEMENTS (denormal));
  check_nan_free (offset, G_N_ELEMENTS (offset));
}

static void
test_view_mapping (void)
{
  double y[101];
  g_autoptr(ElmanPlot) plot = NULL;
  cairo_surface_t *s;
  ElmanPlotRect area;
  double x, v, px, py, x0, x1, y0, y1;
  gsize index;

  for (int i = 0; i <= 100; i++)
    y[i] = i * 0.5;
  plot = plot_for (y, NULL, 101, ELMAN_FREQUENCY_NONE);

  /* Before any frame there is nothing to map. */
  g_assert_false (elman_plot_pixel_to_data (plot, 10, 10, &x, &v, &index));

  elman_plot_set_view (plot, 0, 100, 0, 50);
  s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
  cairo_surface_destroy (s);
  g_assert_true (elman_plot_get_area (plot, &area));

  g_assert_true (elman_plot_data_to_pixel (plot, 40.2, 20, &px, &py));
  g_assert_true (elman_plot_pixel_to_data (plot, px, py, &x, &v, &index));
  g_assert_cmpfloat_with_epsilon (x, 40.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (v, 20, 1e-9);
  g_assert_cmpuint (index, ==, 40);
  elman_plot_data_to_pixel (plot, 40.6, 20, &px, &py);
  elman_plot_pixel_to_data (plot, px, py, NULL, NULL, &index);
  g_assert_cmpuint (index, ==, 41);

  /* Outside the plotting area: FALSE. */
  g_assert_false (elman_plot_pixel_to_data (plot, area.x - 2, area.y + 5, &x, &v, &index));
  g_assert_false (elman_plot_pixel_to_data (plot, area.x + 5, area.y + area.h + 2, &x, &v, &index));

  /* Zooming keeps the point under the pointer in place. */
  elman_plot_data_to_pixel (plot, 30, 10, &px, &py);
  elman_plot_zoom_at (plot, px, py, 0.5);
  elman_plot_get_view (plot, &x0, &x1, &y0, &y1);
  g_assert_cmpfloat_with_epsilon (x1 - x0, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1 - y0, 25, 1e-9);
  g_assert_true (elman_plot_pixel_to_data (plot, px, py, &x, &v, NULL));
  g_assert_cmpfloat_with_epsilon (x, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (v, 10, 1e-9);

  /* Dragging right by a tenth of the width shows earlier data. */
  elman_plot_pan_by (plot, area.w / 10, 0);
  elman_plot_get_view (plot, &x0, &x1, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (x0, 30 - 0.5 * 30 - 5, 1e-9);

  elman_plot_reset_view (plot);
  elman_plot_get_view (plot, &x0, &x1, &y0, &y1);
  g_assert_cmpfloat (x0, <=, 0);
  g_assert_cmpfloat (x1, >=, 100);
  g_assert_cmpfloat (y0, <, 0.01);
  g_assert_cmpfloat (y1, >, 49.9);
}

static void
test_view_times (void)
{
  double y[48], t[48];
  g_autoptr(ElmanPlot) plot = NULL;
  cairo_surface_t *s;
  double px, py, x;
  gsize index;

  for (int i = 0; i < 48; i++)
    {
      t[i] = elman_time_add_months (utc (2000, 1, 1, 0), i);
      y[i] = i;
    }
  plot = plot_for (y, t, 48, ELMAN_FREQUENCY_MONTHLY);
  {
    double f[3] = { 48, 49, 50 };
    elman_plot_set_forecast (plot, f, 3);
  }
  s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
  cairo_surface_destroy (s);

  /* The forecast continues on the calendar: 2004-01 … 2004-03. */
  elman_plot_get_view (plot, NULL, &x, NULL, NULL);
  g_assert_cmpfloat (x, >=, utc (2004, 3, 1, 0));
  g_assert_cmpfloat (x, <, utc (2004, 4, 1, 0));

  elman_plot_data_to_pixel (plot, t[17] + 3 * 86400, 17, &px, &py);
  g_assert_true (elman_plot_pixel_to_data (plot, px, py, &x, NULL, &index));
  g_assert_cmpuint (index, ==, 17);
}

static void
test_legend_placement (void)
{
  double up[200], noise[2000];
  cairo_surface_t *s;
  ElmanPlotRect legend, area;
  gboolean outside;
  GRand *rand = g_rand_new_with_seed (11);

  /* A rising line leaves the upper left and lower right free. */
  for (int i = 0; i < 200; i++)
    up[i] = i;
  {
    g_autoptr(ElmanPlot) plot = plot_for (up, NULL, 200, ELMAN_FREQUENCY_NONE);

    s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
    g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_SERIES, &legend, &outside));
    g_assert_false (outside);
    for (int i = 0; i < 200; i++)
      {
        double px, py;

        elman_plot_data_to_pixel (plot, i, up[i], &px, &py);
        g_assert_false (in_rect (&legend, px, py));
      }
    cairo_surface_destroy (s);
  }

  /* Noise over the whole area: the legend goes above it. */
  for (int i = 0; i < 2000; i++)
    noise[i] = g_rand_double (rand);
  {
    g_autoptr(ElmanPlot) plot = plot_for (noise, NULL, 2000, ELMAN_FREQUENCY_NONE);

    elman_plot_set_split (plot, 1500);
    s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
    g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_SERIES, &legend, &outside));
    g_assert_true (elman_plot_get_area (plot, &area));
    g_assert_true (outside);
    g_assert_cmpfloat (legend.y + legend.h, <=, area.y);
    cairo_surface_destroy (s);
  }

  /* The loss panel too: a falling loss leaves the upper right free… */
  {
    g_autoptr(ElmanPlot) plot = plot_for (up, NULL, 200, ELMAN_FREQUENCY_NONE);
    double loss[300], valid[300];

    for (int e = 0; e < 300; e++)
      {
        loss[e] = exp (-e / 50.0);
        valid[e] = 1.5 * exp (-e / 60.0);
      }
    elman_plot_set_loss (plot, loss, valid, 300, 250);
    s = render (plot, 600, 500, 1.0, ELMAN_PLOT_PANEL_BOTH);
    g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_LOSS, &legend, &outside));
    g_assert_false (outside);
    g_assert_true (elman_plot_panel_at (plot, legend.x + 1, legend.y + 1) == ELMAN_PLOT_PANEL_LOSS);
    cairo_surface_destroy (s);

    /* …a noisy one fills every corner: the legend goes above the area. */
    for (int e = 0; e < 300; e++)
      loss[e] = valid[e] = pow (10, -3 * g_rand_double (rand));
    elman_plot_set_loss (plot, loss, valid, 300, 250);
    s = render (plot, 600, 500, 1.0, ELMAN_PLOT_PANEL_BOTH);
    g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_LOSS, &legend, &outside));
    g_assert_true (outside);
    g_assert_true (elman_plot_panel_at (plot, legend.x + 1, legend.y + 1) == ELMAN_PLOT_PANEL_LOSS);
    cairo_surface_destroy (s);
  }
  g_rand_free (rand);
}

/* A 1-pixel line covers exactly one device pixel column at scale 1 and
 * two at scale 2: the frame is aligned to the pixel grid. */
static void
test_draw_sharp_lines (void)
{
  double y[] = { 1, 2 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 2, ELMAN_FREQUENCY_NONE);

  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *s = render (plot, 400, 300, scale, ELMAN_PLOT_PANEL_SERIES);
      ElmanPlotRect area;
      int row, dark = 0, grey = 0;

      g_assert_true (elman_plot_get_area (plot, &area));
      row = (int) ((area.y + area.h * 0.5) * scale);
      /* Scan across the left edge of the frame. */
      for (int x = (int) (area.x * scale) - 4; x <= (int) (area.x * scale) + 4; x++)
        {
          int r, g, b;

          pixel (s, x, row, &r, &g, &b);
          if (r < 80)
            dark++;
          else if (r < 240)
            grey++;   /* a blurred, half-covered pixel */
        }
      g_assert_cmpint (dark, ==, scale);
      g_assert_cmpint (grey, ==, 0);
      cairo_surface_destroy (s);
    }
}

/* Export */

static void
test_export_formats (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.SVG", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plot.pdf", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *img;
  gsize len;
  GDir *d;

  g_assert_no_error (error);
  g_assert_true (elman_plot_export (plot, png, 320, 200, 2.0, ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_no_error (error);
  img = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 400);
  cairo_surface_destroy (img);

  g_assert_true (elman_plot_export (plot, svg, 320, 200, 1.0, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &len, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (elman_plot_export (plot, pdf, 320, 200, 1.0, ELMAN_PLOT_PANEL_LOSS, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (len, >, 32);
  {
    /* The trailer ends the file (binary streams before it hold NULs). */
    g_autofree char *tail = g_strndup (contents + len - 32, 32);

    g_assert_nonnull (strstr (tail, "%%EOF"));
  }

  /* Only the three files: no temporaries left behind. */
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    {
      const char *name = g_dir_read_name (d);

      if (i == 3)
        g_assert_null (name);
      else
        g_assert_false (name == NULL || name[0] == '.');
    }
  g_dir_close (d);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static gsize
count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  gsize n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d))
    n++;
  g_dir_close (d);
  return n;
}

static void
test_export_errors (void)
{
  double y[] = { 1, 2, 3 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 3, ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", NULL);
  g_autofree char *jpg = g_build_filename (dir, "plot.jpg", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (dir, "file", "plot.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "plot.png", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub.png", NULL);
  g_autofree char *inner = g_build_filename (sub, "x", NULL);

  /* Unknown format. */
  g_assert_false (elman_plot_export (plot, jpg, 100, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "plot.jpg"));
  g_clear_error (&error);

  /* Impossible sizes. */
  g_assert_false (elman_plot_export (plot, sub, 0, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (elman_plot_export (plot, sub, 30000, 100, 2, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* Unwritable places (these fail even for root). */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (elman_plot_export (plot, under_file, 100, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "plot.png"));
  g_clear_error (&error);
  g_assert_false (elman_plot_export (plot, missing, 100, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_clear_error (&error);

  /* The rename fails (a non-empty directory is in the way): the temporary
   * file is removed and the directory untouched. */
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inner, "keep", 4, NULL));
  g_assert_false (elman_plot_export (plot, sub, 100, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_assert_cmpuint (count_entries (sub), ==, 1);

  g_unlink (inner);
  g_rmdir (sub);
  g_unlink (file);
  g_rmdir (dir);
}

/* A disk that fills up mid-write: the file size limit makes write() fail
 * with EFBIG after a few kilobytes, like a full disk would. */
static void
test_export_write_failure (void)
{
  double y[] = { 1, 2, 3, 2, 1 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 5, ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *contents = NULL;
  struct rlimit old, small;
  void (*old_handler) (int);

  g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
  g_assert_true (g_file_set_contents (svg, "previous", -1, NULL));

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small = old;
  small.rlim_cur = 4096;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  g_assert_false (elman_plot_export (plot, path, 800, 600, 1, ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "plot.png"));
  g_clear_error (&error);
  g_assert_false (elman_plot_export (plot, svg, 800, 600, 1, ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);

  /* The previous files are untouched, and nothing else is there. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");
  g_assert_cmpuint (count_entries (dir), ==, 2);

  /* With room again, the export replaces the file. */
  g_assert_true (elman_plot_export (plot, path, 800, 600, 1, ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 2);

  g_unlink (path);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_export_dev_full (void)
{
  double y[] = { 1, 2, 3 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 3, ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  int fd = open ("/dev/full", O_WRONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_false (elman_plot_export_to_fd (plot, fd, "pdf", "full.pdf", 200, 100, 1,
                                           ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);
  g_assert_false (elman_plot_export_to_fd (plot, fd, "png", "full.png", 200, 100, 1,
                                           ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  close (fd);
}

/* A name that leads to a device is written in place, never renamed over:
 * the device node must survive (this runs as root in CI). */
static void
test_export_device (void)
{
  double y[] = { 1, 2, 3 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, 3, ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", NULL);
  g_autofree char *full = g_build_filename (dir, "full.png", NULL);
  g_autofree char *null = g_build_filename (dir, "null.svg", NULL);
  GStatBuf st;

  g_assert_cmpint (symlink ("/dev/full", full), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", null), ==, 0);

  g_assert_false (elman_plot_export (plot, full, 200, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);
  g_assert_true (elman_plot_export (plot, null, 200, 100, 1, ELMAN_PLOT_PANEL_SERIES, &error));
  g_assert_no_error (error);

  /* Both links and both devices are still what they were. */
  g_assert_cmpint (g_lstat (full, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (null, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  g_unlink (full);
  g_unlink (null);
  g_rmdir (dir);
}

/* Diagnostics: the free-running line and the residual ACF */

static gboolean
is_rgb (cairo_surface_t *surface,
        int              x,
        int              y,
        int              r,
        int              g,
        int              b)
{
  int pr, pg, pb;

  pixel (surface, x, y, &pr, &pg, &pb);
  return abs (pr - r) < 40 && abs (pg - g) < 40 && abs (pb - b) < 40;
}

static gsize
count_rgb_in (cairo_surface_t     *surface,
              const ElmanPlotRect *rect,
              int                  r,
              int                  g,
              int                  b)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  gsize n = 0;

  for (int y = MAX (0, (int) rect->y); y < MIN (h, (int) ceil (rect->y + rect->h)); y++)
    for (int x = MAX (0, (int) rect->x); x < MIN (w, (int) ceil (rect->x + rect->w)); x++)
      n += is_rgb (surface, x, y, r, g, b);
  return n;
}

/* Pure colours for the new palette entries: blue bars, magenta bars
 * outside the bounds, a green free-running line. */
static void
diagnostics_palette (ElmanPlot *plot)
{
  ElmanPlotPalette pal;

  test_palette (&pal);
  pal.acf[0] = 0, pal.acf[1] = 0, pal.acf[2] = 1, pal.acf[3] = 1;
  pal.acf_outside[0] = 1, pal.acf_outside[1] = 0, pal.acf_outside[2] = 1, pal.acf_outside[3] = 1;
  pal.free_running[0] = 0, pal.free_running[1] = 0.8, pal.free_running[2] = 0, pal.free_running[3] = 1;
  elman_plot_set_palette (plot, &pal);
}

/* Green enough: the dots of a thin dotted line are blended with the
 * background. */
static gboolean
is_green (cairo_surface_t *surface,
          int              x,
          int              y)
{
  int r, g, b;

  pixel (surface, x, y, &r, &g, &b);
  return g > r + 60 && g > b + 60;
}

static gsize
count_green_in (cairo_surface_t     *surface,
                const ElmanPlotRect *rect)
{
  gsize n = 0;

  for (int y = MAX (0, (int) rect->y); y < (int) ceil (rect->y + rect->h); y++)
    for (int x = MAX (0, (int) rect->x); x < (int) ceil (rect->x + rect->w); x++)
      n += is_green (surface, x, y);
  return n;
}

/* Pixel of a data point of the last drawn ACF panel. */
static void
acf_to_pixel (const ElmanPlotRect *area,
              const double         v[4],
              double               lag,
              double               r,
              double              *px,
              double              *py)
{
  *px = area->x + (lag - v[0]) / (v[1] - v[0]) * area->w;
  *py = area->y + area->h - (r - v[2]) / (v[3] - v[2]) * area->h;
}

/* Dark (foreground) pixels along a row of the area. */
static int
dark_in_row (cairo_surface_t     *s,
             const ElmanPlotRect *area,
             int                  row)
{
  int n = 0;

  for (int x = (int) area->x + 2; x < (int) (area->x + area->w) - 2; x++)
    {
      int r, g, b;

      pixel (s, x, row, &r, &g, &b);
      n += r < 160 && abs (r - g) < 20 && abs (r - b) < 20;
    }
  return n;
}

static void
test_acf_bars (void)
{
  double y[] = { 1, 2, 3, 4 };
  double acf[] = { 0.5, 0.05, -0.4, NAN, -0.1, 0.25, 0.0, 0.19 };
  double bound = 0.2, v[4], px, py;
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  ElmanPlotRect area, legend;
  gboolean outside;
  cairo_surface_t *s;

  diagnostics_palette (plot);
  elman_plot_set_residual_acf (plot, acf, G_N_ELEMENTS (acf), bound, 96);
  s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_ACF);
  g_assert_true (elman_plot_get_acf_area (plot, &area, v));

  /* A symmetric range covering the largest |r| and 1.2 times the bound. */
  g_assert_cmpfloat (v[2], ==, -v[3]);
  g_assert_cmpfloat (v[3], >=, 0.5);
  g_assert_cmpfloat (v[3], <, 0.7);
  g_assert_cmpfloat (v[0], <, 1);
  g_assert_cmpfloat (v[1], >, 8);

  /* Lag 1 (0.5) and lag 3 (−0.4) lie outside ±0.2: emphasis colour along
   * their bars; lag 2 (0.05) inside: the normal colour, and nothing above
   * its top. */
  acf_to_pixel (&area, v, 1, 0.25, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 255, 0, 255));
  acf_to_pixel (&area, v, 1, 0.45, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 255, 0, 255));
  acf_to_pixel (&area, v, 3, -0.3, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 255, 0, 255));
  acf_to_pixel (&area, v, 2, 0.03, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 0, 0, 255));
  acf_to_pixel (&area, v, 2, 0.1, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 255, 255, 255));
  /* 0.19 is inside, 0.25 outside. */
  acf_to_pixel (&area, v, 8, 0.1, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 0, 0, 255));
  acf_to_pixel (&area, v, 6, 0.1, &px, &py);
  g_assert_true (is_rgb (s, (int) px, (int) py, 255, 0, 255));

  /* The NaN at lag 4 draws no bar. */
  for (double r = -0.15; r <= 0.15; r += 0.01)
    {
      acf_to_pixel (&area, v, 4, r, &px, &py);
      if (fabs (r) > 0.02)
        {
          g_assert_false (is_rgb (s, (int) px, (int) py, 0, 0, 255));
          g_assert_false (is_rgb (s, (int) px, (int) py, 255, 0, 255));
        }
    }

  /* The dashed ±bound lines and the zero line lie on the pixel rows the
   * mapping gives, and not on the rows around them. */
  for (int k = -1; k <= 1; k++)
    {
      int row;

      acf_to_pixel (&area, v, 1, k * bound, &px, &py);
      row = (int) floor (py);
      g_assert_cmpint (dark_in_row (s, &area, row), >, area.w * (k == 0 ? 0.5 : 0.3));
      g_assert_cmpint (dark_in_row (s, &area, row - 3), <, 4);
      g_assert_cmpint (dark_in_row (s, &area, row + 3), <, 4);
    }

  /* The legend (above the area) keys the emphasis colour. */
  g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_ACF, &legend, &outside));
  g_assert_true (outside);
  g_assert_cmpfloat (legend.y + legend.h, <=, area.y);
  g_assert_cmpuint (count_rgb_in (s, &legend, 255, 0, 255), >, 20);
  g_assert_cmpuint (count_rgb_in (s, &legend, 0, 0, 255), ==, 0);

  g_assert_true (elman_plot_panel_at (plot, area.x + 5, area.y + 5) == ELMAN_PLOT_PANEL_ACF);
  cairo_surface_destroy (s);

  /* At scale 2 the bars stay sharp: whole device pixels, exact colours. */
  s = render (plot, 600, 400, 2.0, ELMAN_PLOT_PANEL_ACF);
  g_assert_true (elman_plot_get_acf_area (plot, &area, v));
  acf_to_pixel (&area, v, 1, 0.25, &px, &py);
  {
    int r, g, b;

    pixel (s, (int) (px * 2), (int) (py * 2), &r, &g, &b);
    g_assert_cmpint (r, ==, 255);
    g_assert_cmpint (g, ==, 0);
    g_assert_cmpint (b, ==, 255);
  }
  cairo_surface_destroy (s);
}

/* No ACF, an ACF of NaNs, or one cleared with the results: no bars, no
 * crash, and the placeholder instead. */
static void
test_acf_empty (void)
{
  double y[] = { 1, 2, 3, 4 };
  double nan_acf[] = { NAN, NAN, INFINITY };
  double acf[] = { 0.9, -0.9 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  ElmanPlotRect full = { 0, 0, 500, 400 }, area, legend;
  gboolean outside;
  double v[4];

  diagnostics_palette (plot);
  for (int round = 0; round < 4; round++)
    {
      cairo_surface_t *s;

      if (round == 1)
        elman_plot_set_residual_acf (plot, nan_acf, G_N_ELEMENTS (nan_acf), 0.3, 40);
      else if (round == 2)
        {
          elman_plot_set_residual_acf (plot, acf, G_N_ELEMENTS (acf), NAN, 0);
          s = render (plot, 500, 400, 1.0, ELMAN_PLOT_PANEL_ACF);
          /* Bars without a bound: drawn, all in the normal colour. */
          g_assert_cmpuint (count_rgb_in (s, &full, 0, 0, 255), >, 100);
          g_assert_cmpuint (count_rgb_in (s, &full, 255, 0, 255), ==, 0);
          g_assert_false (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_ACF, &legend, &outside));
          cairo_surface_destroy (s);
          elman_plot_clear_results (plot);
        }
      else if (round == 3)
        elman_plot_set_residual_acf (plot, NULL, 0, 0.3, 40);

      s = render (plot, 500, 400, 1.0, round == 3 ? ELMAN_PLOT_PANEL_ALL : ELMAN_PLOT_PANEL_ACF);
      g_assert_true (elman_plot_get_acf_area (plot, &area, v));
      g_assert_true (isfinite (v[2]) && isfinite (v[3]) && v[2] < v[3]);
      g_assert_cmpuint (count_rgb_in (s, &full, 0, 0, 255), ==, 0);
      g_assert_cmpuint (count_rgb_in (s, &full, 255, 0, 255), ==, 0);
      g_assert_false (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_ACF, &legend, &outside));
      cairo_surface_destroy (s);
    }
}

static void
test_free_running (void)
{
  double y[40], test[10], free_run[10], split_px, px, py;
  g_autoptr(ElmanPlot) plot = NULL;
  ElmanPlotRect area, legend, left;
  gboolean outside;
  cairo_surface_t *s;
  gsize hits = 0;

  for (int i = 0; i < 40; i++)
    y[i] = i;
  for (int i = 0; i < 10; i++)
    {
      test[i] = y[30 + i];
      free_run[i] = y[30 + i] + 8;
    }
  plot = plot_for (y, NULL, 40, ELMAN_FREQUENCY_NONE);
  diagnostics_palette (plot);
  elman_plot_set_split (plot, 30);
  elman_plot_set_test (plot, 30, test, 10);
  elman_plot_set_free_running (plot, 30, free_run, 10);

  s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
  g_assert_true (elman_plot_get_area (plot, &area));
  g_assert_true (elman_plot_get_legend (plot, ELMAN_PLOT_PANEL_SERIES, &legend, &outside));

  /* The dotted line runs through its points (the view includes them)… */
  for (int i = 0; i < 10; i++)
    {
      g_assert_true (elman_plot_data_to_pixel (plot, 30 + i, free_run[i], &px, &py));
      g_assert_true (in_rect (&area, px, py));
      if (in_rect (&legend, px, py))
        continue;
      for (int dy = -3; dy <= 3 && !hits; dy++)
        for (int dx = -3; dx <= 3; dx++)
          if (is_green (s, (int) px + dx, (int) py + dy))
            {
              hits++;
              break;
            }
      g_assert_cmpuint (hits, ==, 1);
      hits = 0;
    }

  /* …only over the held-out part: no green left of the split but in the
   * legend, which has its sample. */
  elman_plot_data_to_pixel (plot, 29.5, 0, &split_px, &py);
  left = area;
  left.w = split_px - 3 - area.x;
  g_assert_cmpuint (count_green_in (s, &left), ==, count_green_in (s, &legend));
  g_assert_cmpuint (count_green_in (s, &legend), >, 4);
  cairo_surface_destroy (s);

  /* Cleared with the other results. */
  elman_plot_clear_results (plot);
  s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_SERIES);
  area.x = area.y = 0;
  area.w = 600;
  area.h = 400;
  g_assert_cmpuint (count_green_in (s, &area), ==, 0);
  cairo_surface_destroy (s);
}

/* All three panels: loss and ACF side by side below the series when wide,
 * stacked when narrow; the layouts of one or two panels are unchanged. */
static void
test_layout_all (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 }, acf[] = { 0.3, -0.1 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  ElmanPlotRect series_area, acf_area;
  double v[4];
  cairo_surface_t *s;

  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  elman_plot_set_residual_acf (plot, acf, 2, 0.2, 100);

  s = render (plot, 1200, 800, 1.0, ELMAN_PLOT_PANEL_ALL);
  g_assert_true (elman_plot_get_area (plot, &series_area));
  g_assert_true (elman_plot_get_acf_area (plot, &acf_area, v));
  g_assert_true (elman_plot_panel_at (plot, 600, 100) == ELMAN_PLOT_PANEL_SERIES);
  g_assert_true (elman_plot_panel_at (plot, 300, 700) == ELMAN_PLOT_PANEL_LOSS);
  g_assert_true (elman_plot_panel_at (plot, 900, 700) == ELMAN_PLOT_PANEL_ACF);
  g_assert_cmpfloat (acf_area.x, >, 600);
  g_assert_cmpfloat (acf_area.x + acf_area.w, <=, 1200);
  g_assert_cmpfloat (acf_area.y + acf_area.h, <, 800);
  g_assert_cmpfloat (acf_area.y, >, series_area.y + series_area.h);
  cairo_surface_destroy (s);

  s = render (plot, 400, 700, 1.0, ELMAN_PLOT_PANEL_ALL);
  g_assert_true (elman_plot_panel_at (plot, 200, 100) == ELMAN_PLOT_PANEL_SERIES);
  g_assert_true (elman_plot_panel_at (plot, 200, 450) == ELMAN_PLOT_PANEL_LOSS);
  g_assert_true (elman_plot_panel_at (plot, 200, 650) == ELMAN_PLOT_PANEL_ACF);
  cairo_surface_destroy (s);

  /* Series and loss keep their 62/38 split; the ACF is not drawn. */
  s = render (plot, 600, 500, 1.0, ELMAN_PLOT_PANEL_BOTH);
  g_assert_true (elman_plot_panel_at (plot, 300, 0.62 * 500 - 1) == ELMAN_PLOT_PANEL_SERIES);
  g_assert_true (elman_plot_panel_at (plot, 300, 0.62 * 500 + 1) == ELMAN_PLOT_PANEL_LOSS);
  g_assert_false (elman_plot_get_acf_area (plot, &acf_area, v));
  cairo_surface_destroy (s);
}

/* What the pixel-mapping functions answer for the last on-screen frame,
 * on a grid of pixels over a @width × @height frame. */
typedef struct
{
  ElmanPlotPanel panel[9][9];
  gboolean       mapped[9][9];
  double         x[9][9];
  double         y[9][9];
  gsize          index[9][9];
  gboolean       have_area;
  ElmanPlotRect  area;
  gboolean       have_acf;
  ElmanPlotRect  acf_area;
  double         acf_view[4];
  gboolean       have_legend[3];
  ElmanPlotRect  legend[3];
  gboolean       outside[3];
  double         px;
  double         py;
} FrameAnswers;

static void
frame_answers (ElmanPlot    *plot,
               double        width,
               double        height,
               FrameAnswers *a)
{
  const ElmanPlotPanel legends[3] = { ELMAN_PLOT_PANEL_SERIES, ELMAN_PLOT_PANEL_LOSS, ELMAN_PLOT_PANEL_ACF };

  memset (a, 0, sizeof *a);
  for (guint i = 0; i < 9; i++)
    for (guint j = 0; j < 9; j++)
      {
        double px = width * (i + 0.5) / 9, py = height * (j + 0.5) / 9;

        a->panel[i][j] = elman_plot_panel_at (plot, px, py);
        a->mapped[i][j] = elman_plot_pixel_to_data (plot, px, py, &a->x[i][j], &a->y[i][j],
                                                    &a->index[i][j]);
      }
  a->have_area = elman_plot_get_area (plot, &a->area);
  a->have_acf = elman_plot_get_acf_area (plot, &a->acf_area, a->acf_view);
  for (guint k = 0; k < 3; k++)
    a->have_legend[k] = elman_plot_get_legend (plot, legends[k], &a->legend[k], &a->outside[k]);
  g_assert_true (elman_plot_data_to_pixel (plot, 2.5, 4.0, &a->px, &a->py));
}

static void
assert_rect_equal (const ElmanPlotRect *a,
                   const ElmanPlotRect *b)
{
  g_assert_cmpfloat (a->x, ==, b->x);
  g_assert_cmpfloat (a->y, ==, b->y);
  g_assert_cmpfloat (a->w, ==, b->w);
  g_assert_cmpfloat (a->h, ==, b->h);
}

static void
assert_answers_equal (const FrameAnswers *a,
                      const FrameAnswers *b)
{
  for (guint i = 0; i < 9; i++)
    for (guint j = 0; j < 9; j++)
      {
        g_assert_cmpint (a->panel[i][j], ==, b->panel[i][j]);
        g_assert_cmpint (a->mapped[i][j], ==, b->mapped[i][j]);
        g_assert_cmpfloat (a->x[i][j], ==, b->x[i][j]);
        g_assert_cmpfloat (a->y[i][j], ==, b->y[i][j]);
        g_assert_cmpuint (a->index[i][j], ==, b->index[i][j]);
      }
  g_assert_cmpint (a->have_area, ==, b->have_area);
  assert_rect_equal (&a->area, &b->area);
  g_assert_cmpint (a->have_acf, ==, b->have_acf);
  assert_rect_equal (&a->acf_area, &b->acf_area);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpfloat (a->acf_view[k], ==, b->acf_view[k]);
  for (guint k = 0; k < 3; k++)
    {
      g_assert_cmpint (a->have_legend[k], ==, b->have_legend[k]);
      assert_rect_equal (&a->legend[k], &b->legend[k]);
      g_assert_cmpint (a->outside[k], ==, b->outside[k]);
    }
  g_assert_cmpfloat (a->px, ==, b->px);
  g_assert_cmpfloat (a->py, ==, b->py);
}

/* An export draws the same plot at another size, but hover, zoom and pan
 * keep answering for the frame on screen: a 2400×1600 export of a
 * 809×586 widget must not turn the widget's lower right (ACF) corner
 * into series panel. */
static void
test_export_keeps_frame (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 }, acf[] = { 0.3, -0.1 };
  const double w = 809, h = 586;
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  g_autoptr(ElmanPlot) twin = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", &error);
  const char *names[] = { "big.png", "big.svg", "big.pdf", "small.png" };
  FrameAnswers before, after;
  ElmanPlotRect area;
  double x, yv, v[4], tv[4];
  gsize index;

  g_assert_no_error (error);
  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  elman_plot_set_residual_acf (plot, acf, 2, 0.2, 100);
  elman_plot_set_loss (twin, loss, NULL, 3, 2);
  elman_plot_set_residual_acf (twin, acf, 2, 0.2, 100);

  cairo_surface_destroy (render (plot, w, h, 1.0, ELMAN_PLOT_PANEL_ALL));
  cairo_surface_destroy (render (twin, w, h, 1.0, ELMAN_PLOT_PANEL_ALL));
  frame_answers (plot, w, h, &before);

  /* The lower right corner is the ACF's in this frame, but the series
   * panel's in the export's; the middle of the series area maps to data. */
  g_assert_cmpint (elman_plot_panel_at (plot, w - 40, h - 60), ==, ELMAN_PLOT_PANEL_ACF);
  g_assert_false (elman_plot_pixel_to_data (plot, w - 40, h - 60, &x, &yv, &index));
  g_assert_true (elman_plot_get_area (plot, &area));
  g_assert_cmpfloat (area.y + area.h, <, h - 60);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      /* The last one: a different size and other panels altogether. */
      if (i < 3)
        g_assert_true (elman_plot_export (plot, path, 2400, 1600, 1.0, ELMAN_PLOT_PANEL_ALL, &error));
      else
        g_assert_true (elman_plot_export (plot, path, 300, 200, 2.0, ELMAN_PLOT_PANEL_SERIES, &error));
      g_assert_no_error (error);
      g_unlink (path);

      frame_answers (plot, w, h, &after);
      assert_answers_equal (&before, &after);
      g_assert_cmpint (elman_plot_panel_at (plot, w - 40, h - 60), ==, ELMAN_PLOT_PANEL_ACF);
      g_assert_false (elman_plot_pixel_to_data (plot, w - 40, h - 60, &x, &yv, &index));
    }
  g_rmdir (dir);

  /* The export's frame would have answered otherwise (so the above is no
   * accident of the sizes). */
  cairo_surface_destroy (render (twin, 2400, 1600, 1.0, ELMAN_PLOT_PANEL_ALL));
  g_assert_cmpint (elman_plot_panel_at (twin, w - 40, h - 60), ==, ELMAN_PLOT_PANEL_SERIES);
  cairo_surface_destroy (render (twin, w, h, 1.0, ELMAN_PLOT_PANEL_ALL));

  /* Zoom and pan about a pixel act as on a plot that never exported. */
  elman_plot_zoom_at (plot, area.x + area.w * 0.25, area.y + area.h * 0.75, 0.5);
  elman_plot_zoom_at (twin, area.x + area.w * 0.25, area.y + area.h * 0.75, 0.5);
  elman_plot_pan_by (plot, 30, -20);
  elman_plot_pan_by (twin, 30, -20);
  elman_plot_get_view (plot, &v[0], &v[1], &v[2], &v[3]);
  elman_plot_get_view (twin, &tv[0], &tv[1], &tv[2], &tv[3]);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpfloat (v[k], ==, tv[k]);
  /* Scrolling over the ACF corner zooms nothing. */
  elman_plot_zoom_at (plot, w - 40, h - 60, 0.5);
  elman_plot_get_view (plot, &v[0], &v[1], &v[2], &v[3]);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpfloat (v[k], ==, tv[k]);
}

/* Drawing on a surface that is not the screen through the internal
 * entry point leaves the frame alone, whatever the surface. */
static void
test_draw_layout_keeps_frame (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 }, acf[] = { 0.3, -0.1 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  FrameAnswers before, after;
  ElmanPlotLayout layout;
  cairo_surface_t *surface;
  cairo_t *cr;

  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  elman_plot_set_residual_acf (plot, acf, 2, 0.2, 100);
  cairo_surface_destroy (render (plot, 640, 480, 1.0, ELMAN_PLOT_PANEL_ALL));
  frame_answers (plot, 640, 480, &before);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 300);
  cr = cairo_create (surface);
  elman_plot_draw_layout (plot, cr, 1600, 300, ELMAN_PLOT_PANEL_LOSS, 1.0, &layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* The layout describes that drawing ... */
  g_assert_false (layout.have_frame);
  g_assert_cmpfloat (elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_SERIES)->panel.w, ==, 0);
  g_assert_cmpfloat (elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_ACF)->panel.w, ==, 0);
  g_assert_cmpfloat (elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_LOSS)->panel.w, ==, 1600);
  g_assert_cmpfloat (elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_LOSS)->legend.w, >, 0);

  /* ... and the plot still the one on screen. */
  frame_answers (plot, 640, 480, &after);
  assert_answers_equal (&before, &after);
}

/* A widget's pixel scale hint is for its own surface: an export at scale
 * 1 from a HiDPI window is the export of a plot that never had one. */
static void
test_export_ignores_pixel_scale (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", &error);
  g_autofree char *plain = g_build_filename (dir, "plain.png", NULL);
  g_autofree char *hidpi = g_build_filename (dir, "hidpi.png", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize na, nb;

  g_assert_no_error (error);
  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  g_assert_true (elman_plot_export (plot, plain, 500, 350, 1.0, ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_no_error (error);
  elman_plot_set_pixel_scale (plot, 2.0);
  cairo_surface_destroy (render (plot, 250, 175, 2.0, ELMAN_PLOT_PANEL_BOTH));
  g_assert_true (elman_plot_export (plot, hidpi, 500, 350, 1.0, ELMAN_PLOT_PANEL_BOTH, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (plain, &a, &na, &error));
  g_assert_true (g_file_get_contents (hidpi, &b, &nb, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (a, na, b, nb);
  g_unlink (plain);
  g_unlink (hidpi);
  g_rmdir (dir);
}

/* The ACF panel exports like the others. */
static void
test_export_acf (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, acf[] = { 0.6, 0.1, -0.3 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("elman-plot-XXXXXX", &error);
  const char *names[] = { "acf.png", "acf.svg", "acf.pdf", "all.png" };

  g_assert_no_error (error);
  diagnostics_palette (plot);
  elman_plot_set_residual_acf (plot, acf, G_N_ELEMENTS (acf), 0.25, 60);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (elman_plot_export (plot, path, 480, 300, 1.0,
                                        i == 3 ? ELMAN_PLOT_PANEL_ALL : ELMAN_PLOT_PANEL_ACF, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      if (g_str_has_suffix (path, ".png"))
        {
          cairo_surface_t *img = cairo_image_surface_create_from_png (path);
          ElmanPlotRect full = { 0, 0, 480, 300 };

          g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (img), ==, 480);
          g_assert_cmpint (cairo_image_surface_get_height (img), ==, 300);
          g_assert_cmpuint (count_rgb_in (img, &full, 255, 0, 255), >, 50);
          g_assert_cmpuint (count_rgb_in (img, &full, 0, 0, 255), >, 20);
          cairo_surface_destroy (img);
        }
      else if (g_str_has_suffix (path, ".svg"))
        g_assert_nonnull (strstr (contents, "</svg>"));
      else
        g_assert_true (g_str_has_prefix (contents, "%PDF"));
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* With a season of 12, the lag axis has its ticks (and grid lines) at
 * 6, 12, 18 and 24 instead of 5, 10, 15, 20; lag 1 always has one. */
static void
test_acf_season_ticks (void)
{
  double y[] = { 1, 2, 3, 4 }, acf[24], v[4];
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  ElmanPlotPalette pal;
  ElmanPlotRect area;

  test_palette (&pal);
  pal.grid[0] = 0, pal.grid[1] = 1, pal.grid[2] = 0, pal.grid[3] = 1;
  elman_plot_set_palette (plot, &pal);
  for (int l = 0; l < 24; l++)
    acf[l] = 0.01;

  for (guint season = 0; season <= 12; season += 12)
    {
      cairo_surface_t *s;
      gsize grid_at[25] = { 0 };

      elman_plot_set_residual_acf (plot, acf, 24, 0.2, 96);
      elman_plot_set_acf_season (plot, season);
      s = render (plot, 600, 400, 1.0, ELMAN_PLOT_PANEL_ACF);
      g_assert_true (elman_plot_get_acf_area (plot, &area, v));
      for (int lag = 1; lag <= 24; lag++)
        {
          double px, py;
          ElmanPlotRect column;

          acf_to_pixel (&area, v, lag, 0.15, &px, &py);
          column = (ElmanPlotRect) { floor (px) - 1, py - 3, 3, 6 };
          grid_at[lag] = count_rgb_in (s, &column, 0, 255, 0);
        }
      for (int lag = 1; lag <= 24; lag++)
        if (lag == 1 || (season == 12 ? lag % 6 == 0 : lag % 5 == 0))
          g_assert_cmpuint (grid_at[lag], >, 0);
        else
          g_assert_cmpuint (grid_at[lag], ==, 0);
      cairo_surface_destroy (s);
    }

  /* Cleared with the results: plain ticks again. */
  elman_plot_clear_results (plot);
  g_assert_cmpuint (plot->acf_season, ==, 0);
}

/* A panel of the tests' own: a red box over its rectangle, hit only in
 * its left half, so the frame's use of draw() and hit_test() shows. */
typedef struct
{
  guint         n_draws;
  ElmanPlotRect rect;
} Probe;

static Probe probe;

#define PROBE_PANEL (1 << 5)

static const char *
probe_title (ElmanPlot *plot)
{
  return "Probe";
}

static void
probe_draw (ElmanPlot           *plot,
            const ElmanPlotCtx  *c,
            const ElmanPlotRect *rect,
            ElmanPlotPanelFrame *frame)
{
  double none[4] = { 0, 1, 0, 1 };
  ElmanPlotRect legend = { 0 };

  probe.n_draws++;
  probe.rect = *rect;
  elman_plot_set_color (c, c->pal->data, 1.0);
  cairo_rectangle (c->cr, rect->x, rect->y, rect->w, rect->h);
  cairo_fill (c->cr);
  elman_plot_panel_frame_set (frame, rect, none, &legend, FALSE);
}

static gboolean
probe_hit (const ElmanPlotPanelFrame *frame,
           double                     px,
           double                     py)
{
  const ElmanPlotRect *r = &frame->panel;

  return px >= r->x && px < r->x + r->w / 2 && py >= r->y && py < r->y + r->h;
}

static const ElmanPlotPanelClass probe_panel = {
  .id = PROBE_PANEL,
  .row = 1,
  .min_width = 24,
  .title = probe_title,
  .draw = probe_draw,
  .hit_test = probe_hit,
};

/* A row added to a table is laid out beside the other lower panels,
 * drawn below its title, and hit-tested through its own function. */
static void
test_panel_table_row (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  const ElmanPlotPanelClass * const table[] = {
    &elman_plot_panel_series, &elman_plot_panel_loss, &probe_panel,
  };
  guint n = G_N_ELEMENTS (table);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
  cairo_t *cr = cairo_create (surface);
  ElmanPlotLayout layout;
  const ElmanPlotPanelFrame *lf, *pf, *sf;
  ElmanPlotRect r;

  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  memset (&probe, 0, sizeof probe);
  elman_plot_draw_table (plot, cr, 1200, 800, ELMAN_PLOT_PANEL_BOTH | PROBE_PANEL, 1.0,
                         table, n, &layout);
  cairo_surface_flush (surface);

  sf = elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_SERIES);
  lf = elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_LOSS);
  pf = elman_plot_layout_get (&layout, PROBE_PANEL);
  g_assert_cmpuint (probe.n_draws, ==, 1);
  /* Side by side in the lower row: the loss on the left, the probe on
   * the right, its box below its title. */
  g_assert_cmpfloat (lf->panel.w, ==, 600);
  g_assert_cmpfloat (pf->panel.x, ==, 600);
  g_assert_cmpfloat (pf->panel.w, ==, 600);
  g_assert_cmpfloat (pf->panel.y, ==, lf->panel.y);
  g_assert_cmpfloat (pf->panel.y, ==, sf->panel.y + sf->panel.h);
  g_assert_cmpfloat (probe.rect.y, >, pf->panel.y);
  g_assert_cmpfloat (probe.rect.y + probe.rect.h, ==, pf->panel.y + pf->panel.h);
  r = probe.rect;
  g_assert_true (is_red (surface, (int) (r.x + r.w / 2), (int) (r.y + r.h / 2)));
  g_assert_false (is_red (surface, (int) (r.x + r.w / 2), (int) (pf->panel.y + 2)));

  /* Hits go through the table: the probe answers for its left half only. */
  g_assert_cmpint (elman_plot_layout_hit (&layout, table, n, r.x + 10, r.y + 10), ==, PROBE_PANEL);
  g_assert_cmpint (elman_plot_layout_hit (&layout, table, n, r.x + r.w - 10, r.y + 10), ==, 0);
  g_assert_cmpint (elman_plot_layout_hit (&layout, table, n, 300, r.y + 10), ==, ELMAN_PLOT_PANEL_LOSS);
  g_assert_cmpint (elman_plot_layout_hit (&layout, table, n, 300, 100), ==, ELMAN_PLOT_PANEL_SERIES);

  /* Not asked for: not drawn, and the loss has the row to itself. */
  memset (&probe, 0, sizeof probe);
  elman_plot_draw_table (plot, cr, 1200, 800, ELMAN_PLOT_PANEL_BOTH, 1.0, table, n, &layout);
  g_assert_cmpuint (probe.n_draws, ==, 0);
  g_assert_cmpfloat (elman_plot_layout_get (&layout, PROBE_PANEL)->panel.w, ==, 0);
  g_assert_cmpfloat (elman_plot_layout_get (&layout, ELMAN_PLOT_PANEL_LOSS)->panel.w, ==, 1200);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Every row of the plot's table is asked by elman_plot_panel_at(). */
static void
test_panel_table_hits (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 }, acf[] = { 0.3, -0.1 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  const ElmanPlotPanelClass * const *table;
  ElmanPlotPanel seen = 0;
  guint n_table;

  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  elman_plot_set_residual_acf (plot, acf, 2, 0.2, 100);
  cairo_surface_destroy (render (plot, 1200, 800, 1.0, ELMAN_PLOT_PANEL_ALL | ELMAN_PLOT_PANEL_NETWORK));

  table = elman_plot_panel_table (&n_table);
  g_assert_cmpuint (n_table, ==, 6);
  for (guint i = 0; i < n_table; i++)
    {
      const ElmanPlotRect *r = &elman_plot_layout_get (&plot->frame, table[i]->id)->panel;

      g_assert_cmpuint (g_bit_nth_lsf (table[i]->id, -1), <, ELMAN_PLOT_MAX_PANELS);
      g_assert_cmpint (seen & table[i]->id, ==, 0);
      seen |= table[i]->id;
      g_assert_cmpfloat (r->w, >, 0);
      g_assert_cmpint (elman_plot_panel_at (plot, r->x + r->w / 2, r->y + r->h / 2), ==, table[i]->id);
    }
  g_assert_cmpint (seen, ==, ELMAN_PLOT_PANEL_ALL | ELMAN_PLOT_PANEL_NETWORK);
}

/* Arrays handed over in GBytes are referenced, not copied: the plot draws
 * from the caller's memory, after the caller dropped its reference. */
static void
test_shared_arrays (void)
{
  double y[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, loss[] = { 1, 0.5, 0.3 };
  double pred[] = { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5 };
  g_autoptr(ElmanPlot) plot = plot_for (y, NULL, G_N_ELEMENTS (y), ELMAN_FREQUENCY_NONE);
  GBytes *train = g_bytes_new (loss, sizeof loss);
  GBytes *predictions = g_bytes_new (pred, sizeof pred);
  const double *train_data = g_bytes_get_data (train, NULL);
  const double *pred_data = g_bytes_get_data (predictions, NULL);
  ElmanPlotContents contents;
  double v;

  elman_plot_set_loss_bytes (plot, train, NULL, 2);
  g_assert_true (plot->train_loss_bytes == train);
  g_assert_true (plot->train_loss == train_data);
  g_assert_null (plot->valid_loss);
  g_assert_cmpuint (plot->n_epochs, ==, 3);

  /* Split at 5: the fit and the test are two views into one array. */
  elman_plot_set_split (plot, 5);
  elman_plot_set_predictions (plot, 2, predictions);
  g_assert_true (plot->fit == pred_data);
  g_assert_true (plot->test == pred_data + 3);
  g_assert_cmpuint (plot->n_fit, ==, 3);
  g_assert_cmpuint (plot->n_test, ==, 3);
  g_assert_cmpuint (plot->test_first, ==, 5);
  g_assert_true (elman_plot_get_prediction (plot, 2, &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (elman_plot_get_prediction (plot, 7, &v));
  g_assert_cmpfloat (v, ==, 6.5);
  g_assert_false (elman_plot_get_prediction (plot, 1, &v));

  elman_plot_get_contents (plot, &contents);
  g_assert_cmpuint (contents.n_predictions, ==, 6);
  g_assert_cmpuint (contents.n_epochs, ==, 3);
  g_assert_cmpuint (contents.n_train, ==, 5);
  g_assert_cmpint (contents.panels, ==, ELMAN_PLOT_PANEL_BOTH);

  /* The plot's references keep the data alive. */
  g_bytes_unref (train);
  g_bytes_unref (predictions);
  cairo_surface_destroy (render (plot, 640, 480, 1.0, ELMAN_PLOT_PANEL_BOTH));
  g_assert_true (plot->train_loss == train_data);

  /* Plain arrays are still copied: the caller's may go away. */
  elman_plot_set_loss (plot, loss, NULL, 3, 2);
  g_assert_true (plot->train_loss != loss);
  g_assert_cmpmem (plot->train_loss, 3 * sizeof (double), loss, sizeof loss);

  elman_plot_clear_results (plot);
  g_assert_null (plot->train_loss_bytes);
  g_assert_null (plot->fit_bytes);
  g_assert_null (plot->test_bytes);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/plot/ticks/linear", test_ticks_linear);
  g_test_add_func ("/elman/plot/ticks/degenerate", test_ticks_degenerate);
  g_test_add_func ("/elman/plot/ticks/format", test_ticks_format);
  g_test_add_func ("/elman/plot/ticks/large-units", test_ticks_large_units);
  g_test_add_func ("/elman/plot/ticks/log", test_ticks_log);
  g_test_add_func ("/elman/plot/ticks/calendar", test_calendar);
  g_test_add_func ("/elman/plot/ticks/monthly", test_ticks_monthly);
  g_test_add_func ("/elman/plot/ticks/hourly", test_ticks_hourly);
  g_test_add_func ("/elman/plot/reduce/reference", test_reduce_matches_reference);
  g_test_add_func ("/elman/plot/draw/line-pixels", test_draw_line_pixels);
  g_test_add_func ("/elman/plot/draw/nan-breaks-line", test_draw_nan_breaks_line);
  g_test_add_func ("/elman/plot/draw/deep-zoom", test_draw_deep_zoom);
  g_test_add_func ("/elman/plot/draw/decimated-spike", test_draw_decimated_spike);
  g_test_add_func ("/elman/plot/draw/empty-and-constant", test_draw_empty_and_constant);
  g_test_add_func ("/elman/plot/draw/huge-and-tiny", test_draw_huge_and_tiny);
  g_test_add_func ("/elman/plot/draw/sharp-lines", test_draw_sharp_lines);
  g_test_add_func ("/elman/plot/view/mapping", test_view_mapping);
  g_test_add_func ("/elman/plot/view/times", test_view_times);
  g_test_add_func ("/elman/plot/legend/placement", test_legend_placement);
  g_test_add_func ("/elman/plot/export/formats", test_export_formats);
  g_test_add_func ("/elman/plot/export/errors", test_export_errors);
  g_test_add_func ("/elman/plot/export/write-failure", test_export_write_failure);
  g_test_add_func ("/elman/plot/export/dev-full", test_export_dev_full);
  g_test_add_func ("/elman/plot/export/device", test_export_device);
  g_test_add_func ("/elman/plot/export/ignores-pixel-scale", test_export_ignores_pixel_scale);
  g_test_add_func ("/elman/plot/acf/bars", test_acf_bars);
  g_test_add_func ("/elman/plot/acf/first-lag", test_acf_first_lag);
  g_test_add_func ("/elman/plot/acf/empty", test_acf_empty);
  g_test_add_func ("/elman/plot/acf/export", test_export_acf);
  g_test_add_func ("/elman/plot/acf/season-ticks", test_acf_season_ticks);
  g_test_add_func ("/elman/plot/draw/free-running", test_free_running);
  g_test_add_func ("/elman/plot/layout/all-panels", test_layout_all);
  g_test_add_func ("/elman/plot/layout/export-keeps-frame", test_export_keeps_frame);
  g_test_add_func ("/elman/plot/layout/draw-layout-keeps-frame", test_draw_layout_keeps_frame);
  g_test_add_func ("/elman/plot/panels/table-row", test_panel_table_row);
  g_test_add_func ("/elman/plot/panels/table-hits", test_panel_table_hits);
  g_test_add_func ("/elman/plot/shared/arrays", test_shared_arrays);

  {
    int status = g_test_run ();

    /* Release Pango's, Cairo's and fontconfig's caches so LeakSanitizer reports
     * only leaks of our own. */
    /* Pango's font map holds Cairo fonts: empty and release it first. */
    if (PANGO_IS_FC_FONT_MAP (pango_cairo_font_map_get_default ()))
      pango_fc_font_map_shutdown (PANGO_FC_FONT_MAP (pango_cairo_font_map_get_default ()));
    pango_cairo_font_map_set_default (NULL);
    cairo_debug_reset_static_data ();
    FcFini ();
    return status;
  }
}
