/* test-evaluate-cli.c — elman-cli train's evaluation outputs end to end
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-test-util.h"

/* A noisy seasonal series with a trend, one value per line. */
static char *
write_series (CliFixture *f,
              const char *name,
              gsize       n)
{
  g_autoptr(GString) s = g_string_new ("value\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%.6f\n", 50 + 0.3 * i + 8 * sin (2 * G_PI * i / 12.0) + 0.5 * cos (1.7 * i));
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* --test-forecasts-out: origin o is the 0-based index of the first value
 * forecast, h = 1…K; each row equals what `elman-cli forecast` makes
 * with the saved model from the first o values only. */
static void
test_test_forecasts_semantics (CliFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *series = write_series (f, "s.csv", 100);
  g_autofree char *model = g_build_filename (f->dir, "m.json", NULL);
  g_autofree char *tf = g_build_filename (f->dir, "tf.csv", NULL);
  g_autofree char *metrics = g_build_filename (f->dir, "metrics.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *methods;

  /* n = 100, K = 3, F = 0.2 → n_test = 20, origins 80…97. */
  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "12", "-K", "3", "-J", "6", "--epochs", "40",
                            "--save-model", model, "--test-forecasts-out", tf, "--metrics-out", metrics,
                            series, NULL), ==, 0);
  /* The table goes to stdout, model first, then the baselines. */
  g_assert_nonnull (strstr (out, "Seasonal naive"));
  g_assert_nonnull (strstr (out, "Elman one-step (teacher-forced)"));
  g_assert_nonnull (strstr (out, "Elman free-running (closed loop)"));
  g_assert_nonnull (strstr (out, "18 origins × 3 steps"));

  lines = cli_read_lines (tf);
  g_assert_cmpstr (lines[0], ==, "origin,h,yhat");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 18 * 3 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "80,1,"));
  g_assert_true (g_str_has_prefix (lines[54], "97,3,"));

  for (guint origin = 80; origin <= 97; origin += 17)
    {
      g_autofree char *head = g_build_filename (f->dir, "head.csv", NULL);
      g_autofree char *fout = NULL, *ferr = NULL;
      g_auto(GStrv) all = cli_read_lines (series);
      g_autoptr(GString) s = g_string_new (NULL);
      g_auto(GStrv) rows = NULL;

      for (guint i = 0; i <= origin; i++)   /* header and y[0…o−1] */
        g_string_append_printf (s, "%s\n", all[i]);
      g_file_set_contents (head, s->str, s->len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (cli_run (&fout, &ferr, "forecast", "--model", model, "--steps", "3", head, NULL), ==, 0);
      rows = g_strsplit (fout, "\n", -1);
      for (guint h = 1; h <= 3; h++)
        {
          g_auto(GStrv) mine = g_strsplit (lines[1 + (origin - 80) * 3 + (h - 1)], ",", 3);
          g_auto(GStrv) theirs = g_strsplit (rows[h], ",", -1);
          guint last = g_strv_length (theirs) - 1;

          g_assert_cmpuint (g_ascii_strtoull (mine[0], NULL, 10), ==, origin);
          g_assert_cmpuint (g_ascii_strtoull (mine[1], NULL, 10), ==, h);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (mine[2], NULL), g_ascii_strtod (theirs[last], NULL), 1e-9);
        }
    }

  json_parser_load_from_file (parser, metrics, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "elman-metrics");
  g_assert_cmpint (json_object_get_int_member (root, "n_train"), ==, 80);
  g_assert_cmpint (json_object_get_int_member (root, "origins"), ==, 18);
  methods = json_object_get_array_member (root, "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (methods, 0), "name"), ==, "elman");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (methods, 2), "name"), ==,
                   "seasonal-naive");
  g_assert_true (json_object_has_member (root, "one_step"));
  g_assert_true (json_object_has_member (root, "free_running"));
  g_assert_true (json_object_has_member (root, "residual_acf"));
}

/* An ensemble writes 80 % and 95 % bands into the forecast and
 * predictions CSVs, ordered around the forecast. */
static void
test_ensemble_bands (CliFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *series = write_series (f, "s.csv", 96);
  g_autofree char *fc = g_build_filename (f->dir, "fc.csv", NULL);
  g_autofree char *pred = g_build_filename (f->dir, "pred.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) plines = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "12", "-K", "2", "-J", "5", "--epochs", "30",
                            "--ensemble", "3", "--forecast", "4", "--forecast-out", fc,
                            "--predictions-out", pred, series, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Elman ensemble of 3"));

  lines = cli_read_lines (fc);
  g_assert_cmpstr (lines[0], ==, "step,time,forecast,lower80,upper80,lower95,upper95");
  for (guint i = 1; i <= 4; i++)
    {
      g_auto(GStrv) v = g_strsplit (lines[i], ",", -1);
      double y = g_ascii_strtod (v[2], NULL);

      g_assert_cmpuint (g_strv_length (v), ==, 7);
      g_assert_cmpfloat (g_ascii_strtod (v[5], NULL), <, g_ascii_strtod (v[3], NULL));
      g_assert_cmpfloat (g_ascii_strtod (v[3], NULL), <, y);
      g_assert_cmpfloat (y, <, g_ascii_strtod (v[4], NULL));
      g_assert_cmpfloat (g_ascii_strtod (v[4], NULL), <, g_ascii_strtod (v[6], NULL));
    }

  plines = cli_read_lines (pred);
  g_assert_cmpstr (plines[0], ==, "index,time,actual,predicted,part,lower80,upper80,lower95,upper95");
  g_assert_true (g_str_has_suffix (plines[1], ",train,,,,"));
  g_assert_true (g_str_has_prefix (plines[97], "96,"));
  g_assert_nonnull (strstr (plines[97], ",forecast,"));
}

/* The Seed preset on trending raw data: the table still prints, the
 * warnings go to stderr with the one-line explanation. */
static void
test_seed_warnings (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *series = write_series (f, "s.csv", 120);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "--preset", "seed", "-T", "12", "-K", "3", series, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Seasonal naive"));
  g_assert_null (strstr (out, "warning"));
  g_assert_nonnull (strstr (err, "warning: The network forecasts worse than the naive forecast"));
  g_assert_nonnull (strstr (err, "Why the Seed preset learns poorly"));
  g_assert_nonnull (strstr (err, "identical"));
}

/* --metrics-out without a test part is a usage error naming the flag. */
static void
test_metrics_need_test_part (CliFixture    *f,
                             gconstpointer  data)
{
  g_autofree char *series = write_series (f, "s.csv", 60);
  g_autofree char *metrics = g_build_filename (f->dir, "metrics.json", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (cli_run (&out, &err, "train", "-T", "6", "-K", "2", "--epochs", "5", "--test-fraction", "0",
                            "--metrics-out", metrics, series, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--metrics-out"));
  g_assert_false (g_file_test (metrics, G_FILE_TEST_EXISTS));
}

/* Pixels of @surface in the rectangle within ±@tolerance of an RGB colour. */
static gsize
count_colour (cairo_surface_t *surface,
              int              x0,
              int              y0,
              int              x1,
              int              y1,
              guint32          rgb,
              int              tolerance)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gsize n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);

        n += abs ((int) ((p >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff)) <= tolerance
             && abs ((int) ((p >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff)) <= tolerance
             && abs ((int) (p & 0xff) - (int) (rgb & 0xff)) <= tolerance;
      }
  return n;
}

/* --plot-out with a test part: the size asked for, the free-running line
 * (Okabe–Ito green) over the test part and the residual ACF's bars (blue,
 * vermilion outside the bounds) in the lower right; without a test part
 * neither. */
static void
test_plot_out_diagnostics (CliFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *series = write_series (f, "s.csv", 120);
  g_autofree char *png = g_build_filename (f->dir, "p.png", NULL);

  for (int with_test = 1; with_test >= 0; with_test--)
    {
      g_autofree char *out = NULL, *err = NULL;
      cairo_surface_t *img;
      int w, h;

      g_assert_cmpint (cli_run (&out, &err, "train", "-T", "12", "-K", "3", "-J", "6", "--epochs", "40",
                                "--test-fraction", with_test ? "0.2" : "0", "--plot-out", png,
                                "--plot-size", "900x600", series, NULL), ==, 0);
      img = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
      w = cairo_image_surface_get_width (img);
      h = cairo_image_surface_get_height (img);
      g_assert_cmpint (w, ==, 900);
      g_assert_cmpint (h, ==, 600);

      if (with_test)
        {
          /* The test part is the last fifth: the green dots lie right of
           * the middle of the series panel. */
          g_assert_cmpuint (count_colour (img, w / 2, 0, w, (int) (h * 0.6), 0x009e73, 40), >, 10);
          g_assert_cmpuint (count_colour (img, w / 2, (int) (h * 0.62), w, h, 0x0072b2, 0)
                            + count_colour (img, w / 2, (int) (h * 0.62), w, h, 0xd55e00, 0), >, 300);
        }
      else
        g_assert_cmpuint (count_colour (img, 0, 0, w, h, 0x009e73, 40), ==, 0);
      cairo_surface_destroy (img);
      g_unlink (png);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_test_init (argc, argv);

#define ADD(name, fn) \
  CLI_TEST_ADD ("/elman/evaluate-cli/" name, fn)
  ADD ("test-forecasts-semantics", test_test_forecasts_semantics);
  ADD ("ensemble-bands", test_ensemble_bands);
  ADD ("seed-warnings", test_seed_warnings);
  ADD ("metrics-need-test-part", test_metrics_need_test_part);
  ADD ("plot-out-diagnostics", test_plot_out_diagnostics);
#undef ADD

  return g_test_run ();
}
