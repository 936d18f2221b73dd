/* elman-plot-screenshots.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Regenerates the example figures in data/screenshots/ from a real
 * training run (the "recommended" preset, as `elman-cli train` uses):
 *
 *   meson compile -C build elman-plot-screenshots
 *   ./build/src/plot/elman-plot-screenshots data.csv OUTDIR [TITLE [Y-TITLE]]
 *
 * writes OUTDIR/plot-series.png (data, one-step fit, one-step test
 * predictions, the free-running run over the test part, 24-step forecast
 * with 80 % and 95 % bands), OUTDIR/plot-loss.png and OUTDIR/plot-acf.png
 * (autocorrelation of the in-sample one-step residuals).
 * Not installed; a developer tool.
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "elman-config.h"
#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-plot.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

#define FORECAST_STEPS 24

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Empirical quantile of sorted values (linear interpolation). */
static double
quantile (const double *sorted,
          gsize         n,
          double        p)
{
  double pos = p * (double) (n - 1);
  gsize i = (gsize) floor (pos);

  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (sorted[i + 1] - sorted[i]) * (pos - (double) i);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanPlot) plot = NULL;
  g_autofree double *pred = NULL;
  g_autofree double *abs_err = NULL;
  g_autofree char *series_png = NULL;
  g_autofree char *loss_png = NULL;
  g_autofree char *acf_png = NULL;
  g_autofree double *free_run = NULL;
  g_autofree double *residuals = NULL;
  g_autofree char *title = NULL;
  double forecast[FORECAST_STEPS];
  ElmanLoadOptions load;
  ElmanConfig config;
  gsize n_pred, n_train, n_fit, first, n_err = 0;
  guint n_epochs, n_valid;
  const double *train_loss, *valid_loss;

  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s SERIES.csv OUTDIR [TITLE [Y-TITLE]]\n", argv[0]);
      return 2;
    }

  elman_load_options_init (&load);
  series = elman_series_load (argv[1], &load, NULL, &error);
  if (series == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  trainer = elman_trainer_new (&config, series->values, series->n, NULL, &error);
  if (trainer == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  while (!elman_trainer_is_done (trainer))
    if (!elman_trainer_step (trainer, NULL, &error))
      {
        fprintf (stderr, "%s: %s\n", argv[1], error->message);
        return 1;
      }

  model = elman_trainer_dup_best_model (trainer);
  first = elman_model_min_history (model);
  n_train = elman_trainer_get_n_train (trainer);
  n_fit = n_train > first ? n_train - first : 0;

  /* One-step predictions of every value from its true history. */
  pred = g_new (double, (series->n + 1) * model->horizon);
  n_pred = elman_model_predict (model, series->values, series->n, TRUE, pred);
  n_pred = n_pred > 0 ? n_pred - 1 : 0;
  for (gsize i = 0; i < n_pred; i++)
    pred[i] = pred[i * model->horizon];
  n_fit = MIN (n_fit, n_pred);

  if (!elman_model_forecast (model, series->values, series->n, FORECAST_STEPS, forecast, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }

  /* Closed loop over the test part: fed only its own forecasts. */
  free_run = g_new (double, series->n - n_train);
  if (!elman_model_forecast (model, series->values, n_train, series->n - n_train, free_run, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }

  plot = elman_plot_new ();
  title = g_strdup_printf ("%s — Elman network, T = %u, J = %u",
                           argc > 3 ? argv[3] : series->name, model->window, model->hidden);
  elman_plot_set_title (plot, title);
  elman_plot_set_axis_titles (plot, NULL, argc > 4 ? argv[4] : NULL);
  elman_plot_set_series (plot, series);
  elman_plot_set_split (plot, n_train);
  elman_plot_set_fit (plot, first, pred, n_fit);
  elman_plot_set_test (plot, first + n_fit, pred + n_fit, n_pred - n_fit);
  elman_plot_set_free_running (plot, n_train, free_run, series->n - n_train);

  /* Residual ACF of the in-sample one-step fit, two seasons of lags. */
  residuals = g_new (double, MAX (n_fit, 1));
  for (gsize i = 0; i < n_fit; i++)
    residuals[i] = series->values[first + i] - pred[i];
  if (n_fit >= 8)
    {
      guint n_lags = (guint) MIN (24, n_fit / 2);
      double acf[24];

      elman_autocorrelation (residuals, n_fit, n_lags, acf);
      elman_plot_set_residual_acf (plot, acf, n_lags, 1.96 / sqrt ((double) n_fit), n_fit);
      elman_plot_set_acf_season (plot, 12);
    }
  elman_plot_set_forecast (plot, forecast, FORECAST_STEPS);

  /* Prediction bands from the held-out one-step errors: the empirical 80 %
   * and 95 % quantiles of |error|, widened with √h for step h (errors of a
   * random walk add up). A simple, honest picture of the uncertainty. */
  abs_err = g_new (double, n_pred);
  for (gsize i = n_fit; i < n_pred; i++)
    if (isfinite (pred[i]))
      abs_err[n_err++] = fabs (series->values[first + i] - pred[i]);
  if (n_err >= 5)
    {
      static const double levels[] = { 0.95, 0.80 };

      qsort (abs_err, n_err, sizeof abs_err[0], compare_double);
      for (gsize l = 0; l < G_N_ELEMENTS (levels); l++)
        {
          double q = quantile (abs_err, n_err, levels[l]);
          double lower[FORECAST_STEPS], upper[FORECAST_STEPS];

          for (gsize h = 0; h < FORECAST_STEPS; h++)
            {
              lower[h] = forecast[h] - q * sqrt ((double) h + 1);
              upper[h] = forecast[h] + q * sqrt ((double) h + 1);
            }
          elman_plot_set_forecast_band (plot, levels[l], lower, upper, FORECAST_STEPS);
        }
    }

  train_loss = elman_trainer_get_train_loss (trainer, &n_epochs);
  valid_loss = elman_trainer_get_valid_loss (trainer, &n_valid);
  elman_plot_set_loss (plot, train_loss, n_valid == n_epochs ? valid_loss : NULL, n_epochs,
                       elman_trainer_get_best_epoch (trainer));

  series_png = g_build_filename (argv[2], "plot-series.png", NULL);
  loss_png = g_build_filename (argv[2], "plot-loss.png", NULL);
  acf_png = g_build_filename (argv[2], "plot-acf.png", NULL);
  if (!elman_plot_export (plot, series_png, 1100, 600, 1.0, ELMAN_PLOT_PANEL_SERIES, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  g_free (title);
  title = g_strdup_printf ("Training and validation loss, T = %u, J = %u", model->window, model->hidden);
  elman_plot_set_title (plot, title);
  if (!elman_plot_export (plot, loss_png, 900, 450, 1.0, ELMAN_PLOT_PANEL_LOSS, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  elman_plot_set_title (plot, NULL);
  if (!elman_plot_export (plot, acf_png, 900, 450, 1.0, ELMAN_PLOT_PANEL_ACF, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("%s\n%s\n%s\n%u epochs, best %u, %" G_GSIZE_FORMAT " test errors\n", series_png, loss_png, acf_png,
          n_epochs, elman_trainer_get_best_epoch (trainer) + 1, n_err);
  return 0;
}
