/* test-plot-heatmap.c — matrices drawn as coloured cells
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "elman-plot-heatmap.h"

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
} Canvas;

static void
canvas_init (Canvas *c,
             int     width,
             int     height)
{
  c->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  c->cr = cairo_create (c->surface);
  cairo_set_source_rgb (c->cr, 0, 0, 0);
  cairo_paint (c->cr);
}

static void
canvas_clear (Canvas *c)
{
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
}

static void
pixel (Canvas *c,
       int     x,
       int     y,
       int     rgb[3])
{
  guint32 p;

  cairo_surface_flush (c->surface);
  p = ((guint32 *) (cairo_image_surface_get_data (c->surface)
                    + y * cairo_image_surface_get_stride (c->surface)))[x];
  rgb[0] = (p >> 16) & 0xff;
  rgb[1] = (p >> 8) & 0xff;
  rgb[2] = p & 0xff;
}

/* A 2 × 3 matrix in a 30 × 20 rectangle: 10 × 10 pixels a cell. Negative
 * is blue, positive red, 0 the light middle, half the limit half way, a
 * non-finite entry grey; cells are sharp (no blending at their edges). */
static void
test_sign_and_scale (void)
{
  const double m[] = { -2, 0, 2,
                       1, -1, NAN };
  Canvas c;
  int rgb[3];

  g_assert_cmpfloat (elman_plot_heatmap_limit (m, 6), ==, 2.0);

  canvas_init (&c, 40, 30);
  elman_plot_draw_heatmap (c.cr, m, 2, 3, 3, 5, 5, 30, 20, 2.0);

  pixel (&c, 10, 10, rgb);  /* −2: RdBu's blue end, #2166ac */
  g_assert_cmpint (rgb[0], ==, 0x21);
  g_assert_cmpint (rgb[1], ==, 0x66);
  g_assert_cmpint (rgb[2], ==, 0xac);

  pixel (&c, 20, 10, rgb);  /* 0: the light middle, #f7f7f7 */
  g_assert_cmpint (rgb[0], ==, 0xf7);
  g_assert_cmpint (rgb[1], ==, 0xf7);

  pixel (&c, 30, 10, rgb);  /* +2: the red end, #b2182b */
  g_assert_cmpint (rgb[0], ==, 0xb2);
  g_assert_cmpint (rgb[2], ==, 0x2b);

  pixel (&c, 10, 20, rgb);  /* +1: half way from the middle to red */
  g_assert_cmpint (abs (2 * rgb[0] - (0xf7 + 0xb2)), <=, 2);
  g_assert_cmpint (abs (2 * rgb[1] - (0xf7 + 0x18)), <=, 2);
  g_assert_cmpint (rgb[0], >, rgb[2]);

  pixel (&c, 20, 20, rgb);  /* −1: bluish */
  g_assert_cmpint (rgb[2], >, rgb[0]);

  pixel (&c, 30, 20, rgb);  /* NAN: grey */
  g_assert_cmpint (rgb[0], ==, 128);
  g_assert_cmpint (rgb[0], ==, rgb[2]);

  /* Sharp edges: the last pixel of cell 0 and the first of cell 1. */
  pixel (&c, 14, 10, rgb);
  g_assert_cmpint (rgb[0], ==, 0x21);
  pixel (&c, 15, 10, rgb);
  g_assert_cmpint (rgb[0], ==, 0xf7);

  /* Nothing outside the rectangle. */
  pixel (&c, 4, 4, rgb);
  g_assert_cmpint (rgb[0] + rgb[1] + rgb[2], ==, 0);
  pixel (&c, 35, 25, rgb);
  g_assert_cmpint (rgb[0] + rgb[1] + rgb[2], ==, 0);
  canvas_clear (&c);
}

/* A 1024 × 1024 matrix in 16 × 16 pixels: each pixel is the mean of its
 * 64 × 64 block. Left half +1, right half −1, with one block whose mean
 * is 0 (half +1, half −1 inside it). */
static void
test_decimation (void)
{
  gsize n = 1024;
  g_autofree double *m = g_new (double, n * n);
  Canvas c;
  int rgb[3];

  for (gsize r = 0; r < n; r++)
    for (gsize col = 0; col < n; col++)
      m[r * n + col] = col < n / 2 ? 1.0 : -1.0;
  /* Block (row 0, column 0): its upper half −1, so its mean is 0. */
  for (gsize r = 0; r < 32; r++)
    for (gsize col = 0; col < 64; col++)
      m[r * n + col] = -1.0;

  canvas_init (&c, 16, 16);
  elman_plot_draw_heatmap (c.cr, m, n, n, n, 0, 0, 16, 16, 1.0);
  pixel (&c, 0, 0, rgb);
  g_assert_cmpint (rgb[0], ==, 0xf7);
  pixel (&c, 3, 5, rgb);
  g_assert_cmpint (rgb[0], ==, 0xb2);
  pixel (&c, 12, 5, rgb);
  g_assert_cmpint (rgb[0], ==, 0x21);
  canvas_clear (&c);
}

/* Hidden states in [0, 1] on the sequential scale: 0 dark, 1 light. */
static void
test_sequential (void)
{
  const double states[] = { 0.0, 1.0 };
  Canvas c;
  int dark[3], light[3];

  canvas_init (&c, 2, 1);
  elman_plot_draw_heatmap (c.cr, states, 1, 2, 2, 0, 0, 2, 1, 0);
  pixel (&c, 0, 0, dark);
  pixel (&c, 1, 0, light);
  g_assert_cmpint (dark[0] + dark[1] + dark[2], <, light[0] + light[1] + light[2]);
  g_assert_cmpint (light[0], ==, 0xff);
  canvas_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/plot/heatmap/sign-and-scale", test_sign_and_scale);
  g_test_add_func ("/elman/plot/heatmap/decimation", test_decimation);
  g_test_add_func ("/elman/plot/heatmap/sequential", test_sequential);

  return g_test_run ();
}
