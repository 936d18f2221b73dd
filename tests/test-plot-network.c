/* test-plot-network.c — the network panels: weights, hidden states,
 * gradient norms, identical and saturated units
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "elman-plot-heatmap.h"
#include "elman-plot-panel-private.h"

static ElmanPlot *
plot_for_ramp (gsize n)
{
  ElmanPlot *plot = elman_plot_new ();
  g_autofree double *values = g_new (double, n);
  g_autoptr(ElmanSeries) series = NULL;

  for (gsize i = 0; i < n; i++)
    values[i] = sin (i * 0.3);
  series = elman_series_new_from_values (values, NULL, n, ELMAN_FREQUENCY_NONE, "y");
  elman_plot_set_series (plot, series);
  return plot;
}

static cairo_surface_t *
render (ElmanPlot      *plot,
        int             width,
        int             height,
        ElmanPlotPanel  panels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  elman_plot_draw (plot, cr, width, height, panels);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       double           x,
       double           y,
       int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface), ix = (int) floor (x), iy = (int) floor (y);
  guint32 p;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  p = *(const guint32 *) (data + iy * stride + ix * 4);
  rgb[0] = (p >> 16) & 0xff;
  rgb[1] = (p >> 8) & 0xff;
  rgb[2] = p & 0xff;
}

/* The centre of cell (row, col) of a matrix of rows × cols drawn in @r. */
static void
cell_centre (const ElmanPlotRect *r,
             guint                rows,
             guint                cols,
             guint                row,
             guint                col,
             double              *x,
             double              *y)
{
  *x = r->x + (col + 0.5) * r->w / cols;
  *y = r->y + (row + 0.5) * r->h / rows;
}

typedef enum { RED, BLUE, LIGHT } Shade;

static void
assert_shade (cairo_surface_t     *surface,
              const ElmanPlotRect *r,
              guint                rows,
              guint                cols,
              guint                row,
              guint                col,
              Shade                shade)
{
  double x, y;
  int rgb[3];

  cell_centre (r, rows, cols, row, col, &x, &y);
  pixel (surface, x, y, rgb);
  switch (shade)
    {
    case RED:   /* RdBu's positive end, #b2182b */
      g_assert_cmpint (rgb[0], ==, 0xb2);
      g_assert_cmpint (rgb[2], ==, 0x2b);
      break;
    case BLUE:  /* the negative end, #2166ac */
      g_assert_cmpint (rgb[0], ==, 0x21);
      g_assert_cmpint (rgb[2], ==, 0xac);
      break;
    case LIGHT: /* 0: the middle, #f7f7f7 */
      g_assert_cmpint (rgb[0], ==, 0xf7);
      g_assert_cmpint (rgb[2], ==, 0xf7);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A small known network: every sign lands in the cell that the layout
 * names — row j = unit j + 1 from the top in W and U, U's column of lag
 * 0 (the newest input, x_T) on the right, V's row k = output step k. */
static void
test_weights_cells (void)
{
  g_autoptr(ElmanPlot) plot = plot_for_ramp (40);
  g_autoptr(ElmanModel) model = elman_model_new (3, 2, 2, FALSE);
  cairo_surface_t *surface;
  ElmanPlotRect rects[3];

  model->W[0 * 2 + 1] = 1.0;     /* unit 1 from unit 2 */
  model->W[1 * 2 + 0] = -1.0;    /* unit 2 from unit 1 */
  model->U[1 * 3 + 2] = 1.0;     /* unit 2, newest input */
  model->U[0 * 3 + 0] = -1.0;    /* unit 1, oldest input */
  model->V[1 * 2 + 0] = -1.0;    /* step 2 from unit 1 */
  model->V[0 * 2 + 1] = 0.5;     /* half the limit: lighter red */
  elman_plot_set_model (plot, model);

  surface = render (plot, 1200, 800, ELMAN_PLOT_PANEL_NETWORK);
  g_assert_true (elman_plot_get_weight_rects (plot, rects));

  assert_shade (surface, &rects[0], 2, 2, 0, 1, RED);
  assert_shade (surface, &rects[0], 2, 2, 1, 0, BLUE);
  assert_shade (surface, &rects[0], 2, 2, 0, 0, LIGHT);
  assert_shade (surface, &rects[0], 2, 2, 1, 1, LIGHT);

  assert_shade (surface, &rects[1], 2, 3, 1, 2, RED);
  assert_shade (surface, &rects[1], 2, 3, 0, 0, BLUE);
  assert_shade (surface, &rects[1], 2, 3, 0, 2, LIGHT);

  assert_shade (surface, &rects[2], 2, 2, 1, 0, BLUE);
  assert_shade (surface, &rects[2], 2, 2, 0, 0, LIGHT);
  {
    double x, y, rgb_half[3];
    int rgb[3];

    /* +0.5 of a limit of 1: half way from the middle to red. */
    cell_centre (&rects[2], 2, 2, 0, 1, &x, &y);
    pixel (surface, x, y, rgb);
    elman_plot_diverging_color (0.5, 1.0, rgb_half);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (abs (rgb[i] - (int) lround (rgb_half[i] * 255)), <=, 1);
  }

  /* W and U share their rows; V sits under W. */
  g_assert_cmpfloat (rects[0].y, ==, rects[1].y);
  g_assert_cmpfloat (rects[0].h, ==, rects[1].h);
  g_assert_cmpfloat (rects[2].x, ==, rects[0].x);
  g_assert_cmpfloat (rects[2].y, >, rects[0].y + rects[0].h);
  cairo_surface_destroy (surface);
}

/* The x of series position @x in the series panel of the last frame. */
static double
series_px (const ElmanPlotPanelFrame *f,
           double                     x)
{
  return f->area.x + (x - f->view[0]) / (f->view[1] - f->view[0]) * f->area.w;
}

/* The strip shares the series panel's time axis: the same area columns
 * and view, and a state that changes at series index 30 changes colour
 * half way between the series panel's x of 29 and of 30 (also zoomed in). Before
 * the first state the strip is empty; hover answers with the index. */
static void
test_strip_aligned (void)
{
  gsize n = 60, first = 11, n_states = n - first;
  guint J = 3;
  g_autoptr(ElmanPlot) plot = plot_for_ramp (n);
  double *states = g_new (double, n_states * J);
  g_autoptr(GBytes) bytes = NULL;
  const double views[2][2] = { { 0, 0 }, { 20.3, 41.7 } };

  for (gsize t = 0; t < n_states; t++)
    for (guint j = 0; j < J; j++)
      states[t * J + j] = first + t >= 30 ? 0.95 : 0.05;
  bytes = g_bytes_new_take (states, n_states * J * sizeof (double));
  elman_plot_set_hidden_states (plot, first, J, bytes);
  /* Shared, not copied. */
  g_assert_true (plot->states == g_bytes_get_data (bytes, NULL));

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      cairo_surface_t *surface;
      ElmanPlotPanelFrame sf, hf;
      ElmanPlotStateHit hit;
      double y, x29, x30, x_switch = NAN;
      gboolean seen_dark = FALSE;
      int rgb[3];

      if (views[v][1] > 0)
        elman_plot_set_view (plot, views[v][0], views[v][1], -2, 2);
      surface = render (plot, 1200, 800, ELMAN_PLOT_PANEL_NETWORK);
      g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_SERIES, &sf));
      g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_STATES, &hf));
      g_assert_cmpfloat (sf.area.x, ==, hf.area.x);
      g_assert_cmpfloat (sf.area.w, ==, hf.area.w);
      g_assert_cmpfloat (sf.view[0], ==, hf.view[0]);
      g_assert_cmpfloat (sf.view[1], ==, hf.view[1]);
      g_assert_cmpfloat (hf.area.y, >, sf.area.y + sf.area.h);

      y = hf.area.y + hf.area.h / 2;
      for (double x = hf.area.x + 0.5; x < hf.area.x + hf.area.w; x += 1)
        {
          pixel (surface, x, y, rgb);
          /* The dark end (#253494), then the light yellow end (#ffffcc,
           * not the white background). */
          if (rgb[0] < 0x60)
            seen_dark = TRUE;
          else if (seen_dark && rgb[0] > 0xe0 && rgb[2] < 0xe0)
            {
              x_switch = x;
              break;
            }
        }
      x29 = series_px (&sf, 29);
      x30 = series_px (&sf, 30);
      g_test_message ("switch at %g, index 29 at %g, 30 at %g", x_switch, x29, x30);
      /* Each state's cell reaches half way to its neighbours. */
      g_assert_cmpfloat (fabs (x_switch - (x29 + x30) / 2), <=, 1.5);

      /* Before the first state: nothing drawn (the background). */
      if (views[v][1] == 0)
        {
          pixel (surface, series_px (&sf, 5), y, rgb);
          g_assert_cmpint (rgb[0], ==, 0xff);
          g_assert_cmpint (rgb[1], ==, 0xff);
          g_assert_cmpint (rgb[2], ==, 0xff);
        }

      /* Hover over index 35, the second unit: its state and its window. */
      g_assert_true (elman_plot_hidden_state_at (plot, series_px (&sf, 35), hf.area.y + hf.area.h * 0.5, &hit));
      g_assert_cmpuint (hit.index, ==, 35);
      g_assert_cmpuint (hit.unit, ==, 1);
      g_assert_cmpuint (hit.hidden, ==, J);
      g_assert_cmpfloat (hit.value, ==, 0.95);
      g_assert_true (hit.state == states + (35 - first) * J);
      g_assert_false (elman_plot_hidden_state_at (plot, series_px (&sf, 35), sf.area.y + 5, &hit));
      cairo_surface_destroy (surface);
    }
}

/* The Seed preset's zero start: all units one unit, named under the
 * weights; Glorot's start: no note, no room taken for it. */
static void
test_identical_note (void)
{
  g_autoptr(ElmanPlot) plot = plot_for_ramp (80);
  g_autoptr(ElmanModel) zero = elman_model_new (12, 1, 16, FALSE);
  g_autoptr(ElmanModel) glorot = elman_model_new (12, 1, 16, TRUE);
  cairo_surface_t *surface;
  ElmanPlotPanelFrame wf;

  elman_plot_set_model (plot, zero);
  g_assert_nonnull (elman_plot_get_network_note (plot));
  g_assert_nonnull (strstr (elman_plot_get_network_note (plot), "16"));
  g_assert_nonnull (strstr (elman_plot_get_network_note (plot), "identical"));
  surface = render (plot, 1200, 800, ELMAN_PLOT_PANEL_NETWORK);
  g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_WEIGHTS, &wf));
  g_assert_cmpfloat (wf.legend.w, >, 0);
  cairo_surface_destroy (surface);

  elman_model_init_glorot (glorot, 3);
  elman_plot_set_model (plot, glorot);
  g_assert_null (elman_plot_get_network_note (plot));
  surface = render (plot, 1200, 800, ELMAN_PLOT_PANEL_NETWORK);
  g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_WEIGHTS, &wf));
  g_assert_cmpfloat (wf.legend.w, ==, 0);
  cairo_surface_destroy (surface);

  /* Cleared with the results. */
  elman_plot_set_model (plot, zero);
  elman_plot_clear_results (plot);
  g_assert_null (elman_plot_get_network_note (plot));
}

/* Norms per epoch go on a log axis that holds all three traces. */
static void
test_gradient_norms (void)
{
  g_autoptr(ElmanPlot) plot = plot_for_ramp (40);
  const double norms[] = { 1e-3, 2.0, 50.0,
                           1e-4, 1.0, 20.0,
                           1e-5, 0.5, 10.0 };
  g_autoptr(GBytes) bytes = g_bytes_new (norms, sizeof norms);
  cairo_surface_t *surface;
  ElmanPlotPanelFrame gf;

  elman_plot_set_grad_norms (plot, bytes);
  surface = render (plot, 1000, 800, ELMAN_PLOT_PANEL_GRADIENTS);
  g_assert_true (elman_plot_get_panel_frame (plot, ELMAN_PLOT_PANEL_GRADIENTS, &gf));
  g_assert_cmpfloat (gf.view[0], <=, 1);
  g_assert_cmpfloat (gf.view[1], >=, 3);
  g_assert_cmpfloat (gf.view[2], <=, -5);
  g_assert_cmpfloat (gf.view[3], >=, log10 (50.0));
  g_assert_cmpfloat (gf.view[3], <, 3);
  cairo_surface_destroy (surface);
}

/* J = 1024, T = 1000 and a long strip draw within their rectangles
 * (decimated), with saturated units found. */
static void
test_large_network (void)
{
  g_autoptr(ElmanPlot) plot = plot_for_ramp (3000);
  g_autoptr(ElmanModel) model = elman_model_new (1000, 4, 1024, TRUE);
  gsize n_states = 2000;
  double *states = g_new (double, n_states * 1024);
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  ElmanPlotRect rects[3];

  elman_model_init_glorot (model, 9);
  for (gsize i = 0; i < n_states * 1024; i++)
    states[i] = (i % 1024) < 100 ? 0.999 : 0.5;
  bytes = g_bytes_new_take (states, n_states * 1024 * sizeof (double));
  elman_plot_set_model (plot, model);
  elman_plot_set_hidden_states (plot, 999, 1024, bytes);
  g_assert_cmpuint (plot->n_saturated, ==, 100);
  g_assert_true (elman_plot_unit_saturated (plot, 99));
  g_assert_false (elman_plot_unit_saturated (plot, 100));

  surface = render (plot, 1200, 900, ELMAN_PLOT_PANEL_NETWORK);
  g_assert_true (elman_plot_get_weight_rects (plot, rects));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (rects[i].x, >=, 0);
      g_assert_cmpfloat (rects[i].y + rects[i].h, <=, 900);
      g_assert_cmpfloat (rects[i].x + rects[i].w, <=, 1200);
    }
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/plot/network/weights-cells", test_weights_cells);
  g_test_add_func ("/elman/plot/network/strip-aligned", test_strip_aligned);
  g_test_add_func ("/elman/plot/network/identical-note", test_identical_note);
  g_test_add_func ("/elman/plot/network/gradient-norms", test_gradient_norms);
  g_test_add_func ("/elman/plot/network/large", test_large_network);

  {
    int status = g_test_run ();

    /* Release Pango's, Cairo's and fontconfig's caches so LeakSanitizer
     * reports only leaks of our own. */
    if (PANGO_IS_FC_FONT_MAP (pango_cairo_font_map_get_default ()))
      pango_fc_font_map_shutdown (PANGO_FC_FONT_MAP (pango_cairo_font_map_get_default ()));
    pango_cairo_font_map_set_default (NULL);
    cairo_debug_reset_static_data ();
    FcFini ();
    return status;
  }
}
