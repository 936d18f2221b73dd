/* elman-plot-heatmap.c — matrices drawn as coloured cells
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <math.h>

#include "elman-plot-heatmap.h"

/* RdBu's ends and middle (ColorBrewer): #2166ac, #f7f7f7, #b2182b. */
static const double NEGATIVE[3] = { 0x21 / 255.0, 0x66 / 255.0, 0xac / 255.0 };
static const double MIDDLE[3]   = { 0xf7 / 255.0, 0xf7 / 255.0, 0xf7 / 255.0 };
static const double POSITIVE[3] = { 0xb2 / 255.0, 0x18 / 255.0, 0x2b / 255.0 };

/* The sequential scale's ends, YlGnBu's (ColorBrewer): #253494, #ffffcc. */
static const double LOW[3]  = { 0x25 / 255.0, 0x34 / 255.0, 0x94 / 255.0 };
static const double HIGH[3] = { 0xff / 255.0, 0xff / 255.0, 0xcc / 255.0 };

static void
mix (const double a[3],
     const double b[3],
     double       t,
     double       rgb[3])
{
  for (guint i = 0; i < 3; i++)
    rgb[i] = a[i] + (b[i] - a[i]) * t;
}

void
elman_plot_diverging_color (double value,
                            double limit,
                            double rgb[3])
{
  double t;

  if (!isfinite (value) || !(limit > 0) || !isfinite (limit))
    {
      rgb[0] = rgb[1] = rgb[2] = 0.5;
      return;
    }
  t = CLAMP (value / limit, -1.0, 1.0);
  if (t < 0)
    mix (MIDDLE, NEGATIVE, -t, rgb);
  else
    mix (MIDDLE, POSITIVE, t, rgb);
}

void
elman_plot_sequential_color (double value,
                             double rgb[3])
{
  if (!isfinite (value))
    {
      rgb[0] = rgb[1] = rgb[2] = 0.5;
      return;
    }
  mix (LOW, HIGH, CLAMP (value, 0.0, 1.0), rgb);
}

double
elman_plot_heatmap_limit (const double *m,
                          gsize         n)
{
  double limit = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (m[i]) && fabs (m[i]) > limit)
      limit = fabs (m[i]);
  return limit > 0 ? limit : 1.0;
}

guint32
elman_plot_pack_rgb (const double rgb[3])
{
  return 0xff000000u
         | (guint32) lround (rgb[0] * 255) << 16
         | (guint32) lround (rgb[1] * 255) << 8
         | (guint32) lround (rgb[2] * 255);
}

/* The mean of the finite entries of block [r0, r1) × [c0, c1), NAN if none. */
static double
block_mean (const double *m,
            gsize         stride,
            gsize         r0,
            gsize         r1,
            gsize         c0,
            gsize         c1)
{
  double sum = 0;
  gsize count = 0;

  for (gsize r = r0; r < r1; r++)
    for (gsize c = c0; c < c1; c++)
      if (isfinite (m[r * stride + c]))
        {
          sum += m[r * stride + c];
          count++;
        }
  return count ? sum / count : NAN;
}

void
elman_plot_draw_heatmap (cairo_t      *cr,
                         const double *m,
                         gsize         rows,
                         gsize         cols,
                         gsize         stride,
                         double        x,
                         double        y,
                         double        width,
                         double        height,
                         double        limit)
{
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  cairo_matrix_t to_cells;
  guint32 *pixels;
  gsize out_rows, out_cols;
  int image_stride;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (m != NULL || rows * cols == 0);

  if (rows == 0 || cols == 0 || !(width >= 1) || !(height >= 1))
    return;

  /* One image cell per entry, or per block of entries when the matrix
   * has more entries than the rectangle has pixels. */
  out_rows = MIN (rows, (gsize) ceil (height));
  out_cols = MIN (cols, (gsize) ceil (width));
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) out_cols, (int) out_rows);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  image_stride = cairo_image_surface_get_stride (image) / 4;

  for (gsize i = 0; i < out_rows; i++)
    {
      gsize r0 = i * rows / out_rows, r1 = MAX ((i + 1) * rows / out_rows, r0 + 1);

      for (gsize j = 0; j < out_cols; j++)
        {
          gsize c0 = j * cols / out_cols, c1 = MAX ((j + 1) * cols / out_cols, c0 + 1);
          double value = block_mean (m, stride, r0, r1, c0, c1);
          double rgb[3];

          if (limit > 0)
            elman_plot_diverging_color (value, limit, rgb);
          else
            elman_plot_sequential_color (value, rgb);
          pixels[i * image_stride + j] = elman_plot_pack_rgb (rgb);
        }
    }
  cairo_surface_mark_dirty (image);

  /* Cells stay sharp squares when scaled up (no smoothing between them). */
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&to_cells, out_cols / width, out_rows / height);
  cairo_matrix_translate (&to_cells, -x, -y);
  cairo_pattern_set_matrix (pattern, &to_cells);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (image);
}
