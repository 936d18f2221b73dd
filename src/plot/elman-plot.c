/* elman-plot.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "elman-plot-panel-private.h"

G_DEFINE_QUARK (elman-plot-error-quark, elman_plot_error)

static void
set_rgb (double   *rgba,
         guint32   rgb,
         double    alpha)
{
  rgba[0] = ((rgb >> 16) & 0xff) / 255.0;
  rgba[1] = ((rgb >> 8) & 0xff) / 255.0;
  rgba[2] = (rgb & 0xff) / 255.0;
  rgba[3] = alpha;
}

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with every
 * common form of colour-blindness. */
#define OI_BLACK     0x000000
#define OI_ORANGE    0xe69f00
#define OI_SKY       0x56b4e9
#define OI_GREEN     0x009e73
#define OI_YELLOW    0xf0e442
#define OI_BLUE      0x0072b2
#define OI_VERMILION 0xd55e00
#define OI_PURPLE    0xcc79a7

void
elman_plot_palette_init_light (ElmanPlotPalette *palette)
{
  g_return_if_fail (palette != NULL);

  set_rgb (palette->background, 0xffffff, 1.0);
  set_rgb (palette->foreground, 0x1a1a1a, 1.0);
  set_rgb (palette->grid, 0x000000, 0.10);
  set_rgb (palette->data, 0x303030, 1.0);
  set_rgb (palette->fit, OI_BLUE, 1.0);
  set_rgb (palette->test, OI_VERMILION, 1.0);
  set_rgb (palette->forecast, OI_PURPLE, 1.0);
  set_rgb (palette->train_loss, OI_BLUE, 1.0);
  set_rgb (palette->valid_loss, OI_VERMILION, 1.0);
  set_rgb (palette->free_running, OI_GREEN, 1.0);
  set_rgb (palette->acf, OI_BLUE, 1.0);
  set_rgb (palette->acf_outside, OI_VERMILION, 1.0);
}

void
elman_plot_palette_init_dark (ElmanPlotPalette *palette)
{
  g_return_if_fail (palette != NULL);

  set_rgb (palette->background, 0x1e1e1e, 1.0);
  set_rgb (palette->foreground, 0xe8e8e8, 1.0);
  set_rgb (palette->grid, 0xffffff, 0.12);
  set_rgb (palette->data, 0xd8d8d8, 1.0);
  set_rgb (palette->fit, OI_SKY, 1.0);
  set_rgb (palette->test, OI_ORANGE, 1.0);
  set_rgb (palette->forecast, OI_PURPLE, 1.0);
  set_rgb (palette->train_loss, OI_SKY, 1.0);
  set_rgb (palette->valid_loss, OI_ORANGE, 1.0);
  /* A lighter tint of the same bluish green: the dots stay visible on
   * the dark background. */
  set_rgb (palette->free_running, 0x2ec99b, 1.0);
  set_rgb (palette->acf, OI_SKY, 1.0);
  set_rgb (palette->acf_outside, OI_ORANGE, 1.0);
}

ElmanPlot *
elman_plot_new (void)
{
  ElmanPlot *plot = g_new0 (ElmanPlot, 1);

  elman_plot_palette_init_light (&plot->palette);
  plot->pixel_scale = 1.0;
  return plot;
}

static void
clear_bands (ElmanPlot *plot)
{
  for (guint i = 0; i < plot->n_bands; i++)
    {
      g_clear_pointer (&plot->bands[i].lower, g_free);
      g_clear_pointer (&plot->bands[i].upper, g_free);
    }
  plot->n_bands = 0;
}

void
elman_plot_free (ElmanPlot *plot)
{
  if (plot == NULL)
    return;

  elman_plot_clear_results (plot);
  elman_plot_trace_clear (&plot->data_trace);
  g_clear_pointer (&plot->series, elman_series_unref);
  g_free (plot->title);
  g_free (plot->subtitle);
  g_free (plot->x_title);
  g_free (plot->y_title);
  g_free (plot->columns);
  g_free (plot->env_min);
  g_free (plot->env_max);
  g_free (plot);
}

void
elman_plot_set_palette (ElmanPlot              *plot,
                        const ElmanPlotPalette *palette)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (palette != NULL);

  plot->palette = *palette;
}

void
elman_plot_set_title (ElmanPlot  *plot,
                      const char *title)
{
  g_return_if_fail (plot != NULL);

  g_free (plot->title);
  plot->title = title && *title ? g_strdup (title) : NULL;
}

/**
 * elman_plot_set_subtitle:
 * @subtitle: (nullable): a line under the title; drawn only with a title
 */
void
elman_plot_set_subtitle (ElmanPlot  *plot,
                         const char *subtitle)
{
  g_return_if_fail (plot != NULL);

  g_free (plot->subtitle);
  plot->subtitle = subtitle && *subtitle ? g_strdup (subtitle) : NULL;
}

/* (nullable) (transfer none) */
const char *
elman_plot_get_title (const ElmanPlot *plot)
{
  g_return_val_if_fail (plot != NULL, NULL);

  return plot->title;
}

/* (nullable) (transfer none) */
const char *
elman_plot_get_subtitle (const ElmanPlot *plot)
{
  g_return_val_if_fail (plot != NULL, NULL);

  return plot->subtitle;
}

void
elman_plot_get_palette (const ElmanPlot  *plot,
                        ElmanPlotPalette *palette)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (palette != NULL);

  *palette = plot->palette;
}

/**
 * elman_plot_set_axis_titles:
 * @x_title: (nullable): %NULL for the default ("Date", "Time step")
 * @y_title: (nullable): %NULL for the series' name
 *
 * Titles of the series panel's axes.
 */
void
elman_plot_set_axis_titles (ElmanPlot  *plot,
                            const char *x_title,
                            const char *y_title)
{
  g_return_if_fail (plot != NULL);

  g_free (plot->x_title);
  g_free (plot->y_title);
  plot->x_title = g_strdup (x_title);
  plot->y_title = g_strdup (y_title);
}

/**
 * elman_plot_set_pixel_scale:
 * @scale: device pixels per unit beyond what the cairo_t reports
 *
 * A widget drawing into a recording surface (gtk_snapshot_append_cairo)
 * passes gtk_widget_get_scale_factor() here so 1-pixel lines stay sharp
 * and large series reduce to the real pixel columns. Exports need not call
 * it: their surfaces carry the scale.
 */
void
elman_plot_set_pixel_scale (ElmanPlot *plot,
                            double     scale)
{
  g_return_if_fail (plot != NULL);

  plot->pixel_scale = scale > 0.0 && isfinite (scale) ? scale : 1.0;
}

double
elman_plot_series_x (ElmanPlot *plot,
                     gsize      i)
{
  if (plot->series && plot->series->times && i < plot->series->n)
    return plot->series->times[i];
  return (double) i;
}

/* The x of forecast step k (1-based) after the last point: calendar steps
 * for monthly/quarterly/yearly data, the series' own spacing otherwise. */
static double
forecast_x (ElmanSeries *series,
            gsize        k)
{
  const double *t = series ? series->times : NULL;
  gsize n = series ? series->n : 0;

  if (t == NULL || n == 0)
    return (double) (n + k - 1);

  switch (series->frequency)
    {
    case ELMAN_FREQUENCY_YEARLY:
      return elman_time_add_months (t[n - 1], (int) (12 * k));
    case ELMAN_FREQUENCY_QUARTERLY:
      return elman_time_add_months (t[n - 1], (int) (3 * k));
    case ELMAN_FREQUENCY_MONTHLY:
      return elman_time_add_months (t[n - 1], (int) k);
    case ELMAN_FREQUENCY_WEEKLY:
      return t[n - 1] + 7.0 * 86400.0 * (double) k;
    case ELMAN_FREQUENCY_DAILY:
      return t[n - 1] + 86400.0 * (double) k;
    case ELMAN_FREQUENCY_HOURLY:
      return t[n - 1] + 3600.0 * (double) k;
    case ELMAN_FREQUENCY_NONE:
    case ELMAN_FREQUENCY_IRREGULAR:
    default:
      {
        double step = n >= 2 ? t[n - 1] - t[n - 2] : 1.0;

        if (!(step > 0.0) || !isfinite (step))
          step = 1.0;
        return t[n - 1] + step * (double) k;
      }
    }
}

/* Forecast arrays hold an anchor at index 0 (the last data point) so the
 * dashed line and the bands start where the data ends. */
static void
update_forecast (ElmanPlot *plot)
{
  ElmanSeries *s = plot->series;

  if (plot->forecast == NULL)
    return;

  if (s && s->n > 0)
    {
      plot->forecast_x[0] = elman_plot_series_x (plot, s->n - 1);
      plot->forecast[0] = s->values[s->n - 1];
    }
  else
    {
      plot->forecast_x[0] = -1.0;
      plot->forecast[0] = NAN;
    }

  for (gsize k = 1; k <= plot->n_forecast; k++)
    plot->forecast_x[k] = forecast_x (s, k);

  for (guint b = 0; b < plot->n_bands; b++)
    {
      plot->bands[b].lower[0] = plot->forecast[0];
      plot->bands[b].upper[0] = plot->forecast[0];
    }
}

static void
invalidate_range (ElmanPlot *plot)
{
  plot->range_valid = FALSE;
}

static void
update_prediction_traces (ElmanPlot *plot)
{
  const double *times = plot->series ? plot->series->times : NULL;
  gsize n_series = plot->series ? plot->series->n : G_MAXSIZE;
  gsize n;

  /* Predictions past the end of the series have no x to sit at. */
  n = plot->fit_first < n_series ? MIN (plot->n_fit, n_series - plot->fit_first) : 0;
  elman_plot_trace_init (&plot->fit_trace, plot->fit,
                         times ? times + plot->fit_first : NULL, plot->fit_first, n);

  n = plot->test_first < n_series ? MIN (plot->n_test, n_series - plot->test_first) : 0;
  elman_plot_trace_init (&plot->test_trace, plot->test,
                         times ? times + plot->test_first : NULL, plot->test_first, n);

  n = plot->free_run_first < n_series ? MIN (plot->n_free_run, n_series - plot->free_run_first) : 0;
  elman_plot_trace_init (&plot->free_run_trace, plot->free_run,
                         times ? times + plot->free_run_first : NULL, plot->free_run_first, n);
}

void
elman_plot_set_series (ElmanPlot   *plot,
                       ElmanSeries *series)
{
  g_return_if_fail (plot != NULL);

  if (series)
    elman_series_ref (series);
  g_clear_pointer (&plot->series, elman_series_unref);
  plot->series = series;

  if (series == NULL)
    elman_plot_clear_results (plot);

  elman_plot_trace_init (&plot->data_trace, series ? series->values : NULL,
                         series ? series->times : NULL, 0, series ? series->n : 0);
  plot->n_train = series ? series->n : 0;
  update_prediction_traces (plot);
  update_forecast (plot);
  plot->view_set = FALSE;
  plot->frame.have_frame = FALSE;
  invalidate_range (plot);
}

void
elman_plot_set_split (ElmanPlot *plot,
                      gsize      n_train)
{
  g_return_if_fail (plot != NULL);

  plot->n_train = n_train;
}

/* Points @dest at @n doubles of @bytes from @offset on, holding a
 * reference: shared with the caller, not copied. */
static void
hold_values (GBytes        **dest_bytes,
             const double  **dest,
             gsize          *dest_n,
             GBytes         *bytes,
             gsize           offset,
             gsize           n)
{
  gsize size = 0;
  const double *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  if (bytes != NULL)
    g_bytes_ref (bytes);
  g_clear_pointer (dest_bytes, g_bytes_unref);
  *dest = NULL;
  *dest_n = 0;
  if (data == NULL || offset >= size / sizeof (double))
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      return;
    }
  *dest_bytes = bytes;
  *dest = data + offset;
  *dest_n = MIN (n, size / sizeof (double) - offset);
}

/* A copy: for the short arrays (ACF lags). */
static void
replace_values (double       **dest,
                gsize         *dest_n,
                const double  *values,
                gsize          n)
{
  g_clear_pointer (dest, g_free);
  *dest_n = 0;
  if (values == NULL || n == 0)
    return;
  *dest = g_memdup2 (values, n * sizeof (double));
  *dest_n = n;
}

/* A GBytes of a copy of @values, for the setters that take plain
 * arrays; %NULL for none. */
static GBytes *
copy_values (const double *values,
             gsize         n)
{
  return values != NULL && n > 0 ? g_bytes_new (values, n * sizeof (double)) : NULL;
}

/* Replaces one of the prediction lines (fit, test, free-running). */
static void
set_prediction (ElmanPlot       *plot,
                ElmanPlotTrace  *trace,
                GBytes         **dest_bytes,
                const double   **dest,
                gsize           *dest_n,
                gsize           *dest_first,
                gsize            first,
                GBytes          *bytes,
                gsize            offset,
                gsize            n)
{
  elman_plot_trace_clear (trace);
  hold_values (dest_bytes, dest, dest_n, bytes, offset, n);
  *dest_first = first;
  update_prediction_traces (plot);
  invalidate_range (plot);
}

void
elman_plot_set_fit (ElmanPlot    *plot,
                    gsize         first,
                    const double *values,
                    gsize         n)
{
  g_autoptr(GBytes) bytes = copy_values (values, n);

  g_return_if_fail (plot != NULL);
  g_return_if_fail (values != NULL || n == 0);

  set_prediction (plot, &plot->fit_trace, &plot->fit_bytes, &plot->fit, &plot->n_fit,
                  &plot->fit_first, first, bytes, 0, n);
}

void
elman_plot_set_test (ElmanPlot    *plot,
                     gsize         first,
                     const double *values,
                     gsize         n)
{
  g_autoptr(GBytes) bytes = copy_values (values, n);

  g_return_if_fail (plot != NULL);
  g_return_if_fail (values != NULL || n == 0);

  set_prediction (plot, &plot->test_trace, &plot->test_bytes, &plot->test, &plot->n_test,
                  &plot->test_first, first, bytes, 0, n);
}

/**
 * elman_plot_set_free_running:
 * @values: (array length=n) (nullable): %NULL clears the line
 *
 * The closed-loop run over the held-out part (fed only its own forecasts
 * from @first on): drawn as a dotted line beside the one-step test
 * predictions, so the two can be told apart.
 */
void
elman_plot_set_free_running (ElmanPlot    *plot,
                             gsize         first,
                             const double *values,
                             gsize         n)
{
  g_autoptr(GBytes) bytes = copy_values (values, n);

  g_return_if_fail (plot != NULL);
  g_return_if_fail (values != NULL || n == 0);

  set_prediction (plot, &plot->free_run_trace, &plot->free_run_bytes, &plot->free_run,
                  &plot->n_free_run, &plot->free_run_first, first, bytes, 0, n);
}

static double *
with_anchor (const double *values,
             gsize         n)
{
  double *out = g_new (double, n + 1);

  out[0] = NAN;
  memcpy (out + 1, values, n * sizeof (double));
  return out;
}

void
elman_plot_set_forecast (ElmanPlot    *plot,
                         const double *values,
                         gsize         n)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (values != NULL || n == 0);

  g_clear_pointer (&plot->forecast, g_free);
  g_clear_pointer (&plot->forecast_x, g_free);
  plot->n_forecast = 0;
  clear_bands (plot);

  if (n > 0)
    {
      plot->forecast = with_anchor (values, n);
      plot->forecast_x = g_new (double, n + 1);
      plot->n_forecast = n;
      update_forecast (plot);
    }
  invalidate_range (plot);
}

/**
 * elman_plot_set_forecast_band:
 * @level: coverage in (0, 1), e.g. 0.8 or 0.95; a band with the same
 *   level replaces the old one
 * @lower: (nullable) (array length=n): %NULL removes the band
 *
 * Bands must have the forecast's length; set them after the forecast (a
 * new forecast removes the bands). At most four levels.
 */
void
elman_plot_set_forecast_band (ElmanPlot    *plot,
                              double        level,
                              const double *lower,
                              const double *upper,
                              gsize         n)
{
  guint i;

  g_return_if_fail (plot != NULL);
  g_return_if_fail ((lower == NULL) == (upper == NULL));

  for (i = 0; i < plot->n_bands; i++)
    if (fabs (plot->bands[i].level - level) < 1e-9)
      break;

  if (i < plot->n_bands)
    {
      g_free (plot->bands[i].lower);
      g_free (plot->bands[i].upper);
      plot->bands[i] = plot->bands[--plot->n_bands];
      memset (&plot->bands[plot->n_bands], 0, sizeof plot->bands[0]);
    }

  if (lower == NULL || n == 0)
    {
      invalidate_range (plot);
      return;
    }

  g_return_if_fail (n == plot->n_forecast);
  g_return_if_fail (plot->n_bands < ELMAN_PLOT_MAX_BANDS);

  i = plot->n_bands++;
  plot->bands[i].level = level;
  plot->bands[i].lower = with_anchor (lower, n);
  plot->bands[i].upper = with_anchor (upper, n);
  plot->bands[i].n = n;

  /* Widest band first, so narrower ones are drawn on top. */
  for (guint a = 0; a < plot->n_bands; a++)
    for (guint b = a + 1; b < plot->n_bands; b++)
      if (plot->bands[b].level > plot->bands[a].level)
        {
          ElmanPlotBand t = plot->bands[a];
          plot->bands[a] = plot->bands[b];
          plot->bands[b] = t;
        }

  update_forecast (plot);
  invalidate_range (plot);
}

void
elman_plot_set_loss (ElmanPlot    *plot,
                     const double *train,
                     const double *valid,
                     gsize         n_epochs,
                     gsize         best_epoch)
{
  g_autoptr(GBytes) train_bytes = copy_values (train, n_epochs);
  g_autoptr(GBytes) valid_bytes = copy_values (valid, n_epochs);

  g_return_if_fail (plot != NULL);

  elman_plot_set_loss_bytes (plot, train_bytes, valid_bytes, best_epoch);
}

/**
 * elman_plot_set_loss_bytes:
 * @train: (nullable): training loss per epoch, doubles
 * @valid: (nullable): validation loss per epoch, doubles
 *
 * As elman_plot_set_loss(), but the plot keeps references to the arrays
 * instead of copies: a caller that hands the same (growing) history down
 * at every step costs nothing per step here. The epochs are those of
 * @train (or of @valid without it); a shorter @valid is dropped.
 */
void
elman_plot_set_loss_bytes (ElmanPlot *plot,
                           GBytes    *train,
                           GBytes    *valid,
                           gsize      best_epoch)
{
  gsize n_train = 0, n_valid = 0;

  g_return_if_fail (plot != NULL);

  hold_values (&plot->train_loss_bytes, &plot->train_loss, &n_train, train, 0, G_MAXSIZE);
  hold_values (&plot->valid_loss_bytes, &plot->valid_loss, &n_valid, valid, 0, G_MAXSIZE);
  plot->n_epochs = plot->train_loss ? n_train : n_valid;
  if (plot->valid_loss != NULL && n_valid < plot->n_epochs)
    hold_values (&plot->valid_loss_bytes, &plot->valid_loss, &n_valid, NULL, 0, 0);
  plot->best_epoch = best_epoch;
}

/**
 * elman_plot_set_predictions:
 * @first: the series index the first prediction is for
 * @predictions: (nullable): one-step predictions, doubles; referenced,
 *   not copied
 *
 * Draws the predictions before the split (elman_plot_set_split(), so set
 * it first) as the fit and the rest as the test predictions: both views
 * into @predictions.
 */
void
elman_plot_set_predictions (ElmanPlot *plot,
                            gsize      first,
                            GBytes    *predictions)
{
  gsize n = 0, n_series, n_fit;

  g_return_if_fail (plot != NULL);

  n_series = plot->series ? plot->series->n : 0;
  if (predictions != NULL)
    n = g_bytes_get_size (predictions) / sizeof (double);
  first = MIN (first, n_series);
  n = MIN (n, n_series - first);
  if (n == 0)
    predictions = NULL;

  n_fit = plot->n_train > first ? MIN (plot->n_train - first, n) : 0;
  set_prediction (plot, &plot->fit_trace, &plot->fit_bytes, &plot->fit, &plot->n_fit,
                  &plot->fit_first, first, n_fit > 0 ? predictions : NULL, 0, n_fit);
  set_prediction (plot, &plot->test_trace, &plot->test_bytes, &plot->test, &plot->n_test,
                  &plot->test_first, first + n_fit, n > n_fit ? predictions : NULL, n_fit, n - n_fit);
}

/**
 * elman_plot_get_prediction:
 * @value: (out) (optional): the one-step prediction of series[@index]
 *
 * Returns: %TRUE when the fit or the test line has a finite one
 */
gboolean
elman_plot_get_prediction (ElmanPlot *plot,
                           gsize      index,
                           double    *value)
{
  double v;

  g_return_val_if_fail (plot != NULL, FALSE);

  if (plot->fit && index >= plot->fit_first && index - plot->fit_first < plot->n_fit)
    v = plot->fit[index - plot->fit_first];
  else if (plot->test && index >= plot->test_first && index - plot->test_first < plot->n_test)
    v = plot->test[index - plot->test_first];
  else
    return FALSE;
  if (!isfinite (v))
    return FALSE;
  if (value)
    *value = v;
  return TRUE;
}

/**
 * elman_plot_set_evaluation:
 * @evaluation: (nullable): the scores of the test part, or %NULL to drop
 *   what the last one added
 *
 * Draws the evaluation's free-running run over the test part on the
 * series and its residual autocorrelation in the ACF panel (see
 * elman_plot_get_contents()). Ignored when it belongs to another series
 * length.
 */
void
elman_plot_set_evaluation (ElmanPlot             *plot,
                           const ElmanEvaluation *evaluation)
{
  g_return_if_fail (plot != NULL);

  elman_plot_set_free_running (plot, 0, NULL, 0);
  elman_plot_set_residual_acf (plot, NULL, 0, 0, 0);
  elman_plot_set_acf_season (plot, 0);
  if (evaluation == NULL || plot->series == NULL || evaluation->n != plot->series->n ||
      evaluation->n_train > evaluation->n)
    return;

  if (evaluation->free_run_pred != NULL && evaluation->n_train < evaluation->n)
    elman_plot_set_free_running (plot, evaluation->n_train, evaluation->free_run_pred,
                                 evaluation->n - evaluation->n_train);
  if (evaluation->acf != NULL && evaluation->n_acf > 0)
    {
      elman_plot_set_residual_acf (plot, evaluation->acf, evaluation->n_acf,
                                   evaluation->acf_bound, evaluation->n_residuals);
      elman_plot_set_acf_season (plot, evaluation->season);
    }
}

/**
 * elman_plot_get_contents:
 *
 * What the plot shows, in counts (for a description, or tests).
 */
void
elman_plot_get_contents (ElmanPlot         *plot,
                         ElmanPlotContents *contents)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (contents != NULL);

  memset (contents, 0, sizeof *contents);
  contents->series = plot->series;
  contents->n_train = plot->series ? MIN (plot->n_train, plot->series->n) : 0;
  contents->n_predictions = plot->n_fit + plot->n_test;
  contents->n_free_running = plot->n_free_run;
  contents->n_forecast = plot->n_forecast;
  contents->n_bands = plot->n_bands;
  contents->n_epochs = plot->n_epochs;
  contents->n_acf = plot->n_acf;
  for (guint l = 0; l < plot->n_acf; l++)
    if (fabs (plot->acf[l]) > plot->acf_bound)
      contents->n_acf_outside++;
  /* The ACF panel joins the others once there is one to show. */
  contents->panels = plot->n_acf > 0 ? ELMAN_PLOT_PANEL_ALL : ELMAN_PLOT_PANEL_BOTH;
}

/**
 * elman_plot_set_residual_acf:
 * @acf: (array length=n_lags) (nullable): acf[l − 1] at lag l; non-finite
 *   values draw no bar
 * @bound: the significance bound, 1.96/√@n_residuals
 * @n_residuals: how many residuals the ACF was computed from (shown in
 *   the caption)
 *
 * The ACF panel's bars. %NULL or @n_lags 0 clears them.
 */
void
elman_plot_set_residual_acf (ElmanPlot    *plot,
                             const double *acf,
                             guint         n_lags,
                             double        bound,
                             gsize         n_residuals)
{
  gsize n;

  g_return_if_fail (plot != NULL);

  replace_values (&plot->acf, &n, acf, n_lags);
  plot->n_acf = (guint) n;
  plot->acf_bound = n > 0 && bound > 0.0 && isfinite (bound) ? bound : NAN;
  plot->n_residuals = n > 0 ? n_residuals : 0;
}

void
elman_plot_set_acf_season (ElmanPlot *plot,
                           guint      season)
{
  g_return_if_fail (plot != NULL);

  plot->acf_season = season;
}

void
elman_plot_clear_results (ElmanPlot *plot)
{
  g_return_if_fail (plot != NULL);

  elman_plot_trace_clear (&plot->fit_trace);
  elman_plot_trace_clear (&plot->test_trace);
  elman_plot_trace_clear (&plot->free_run_trace);
  g_clear_pointer (&plot->fit_bytes, g_bytes_unref);
  g_clear_pointer (&plot->test_bytes, g_bytes_unref);
  g_clear_pointer (&plot->free_run_bytes, g_bytes_unref);
  plot->fit = plot->test = plot->free_run = NULL;
  g_clear_pointer (&plot->forecast, g_free);
  g_clear_pointer (&plot->forecast_x, g_free);
  g_clear_pointer (&plot->train_loss_bytes, g_bytes_unref);
  g_clear_pointer (&plot->valid_loss_bytes, g_bytes_unref);
  plot->train_loss = plot->valid_loss = NULL;
  clear_bands (plot);
  elman_plot_set_residual_acf (plot, NULL, 0, 0.0, 0);
  plot->acf_season = 0;
  plot->n_fit = plot->n_test = plot->n_free_run = plot->n_forecast = plot->n_epochs = 0;
  plot->fit_first = plot->test_first = plot->free_run_first = plot->best_epoch = 0;
  elman_plot_network_clear (plot);
  invalidate_range (plot);
}

/* View */

static void
include_trace (const ElmanPlotTrace *t,
               double               *ylo,
               double               *yhi)
{
  double mn, mx;
  gboolean bad;

  if (t->n == 0)
    return;
  elman_plot_trace_minmax (t, 0, t->n, &mn, &mx, &bad);
  *ylo = MIN (*ylo, mn);
  *yhi = MAX (*yhi, mx);
}

static void
include_values (const double *v,
                gsize         n,
                double       *ylo,
                double       *yhi)
{
  for (gsize i = 0; i < n; i++)
    if (fabs (v[i]) <= DBL_MAX)
      {
        *ylo = MIN (*ylo, v[i]);
        *yhi = MAX (*yhi, v[i]);
      }
}

/* Widens [*lo, *hi] by @fraction on each side, without overflow, and gives
 * empty or constant ranges a usable extent. */
static void
pad_range (double *lo,
           double *hi,
           double  fraction)
{
  double half, center;

  if (!(*lo <= *hi) || !isfinite (*lo) || !isfinite (*hi))
    {
      *lo = 0.0;
      *hi = 1.0;
      return;
    }

  half = *hi / 2 - *lo / 2;
  center = *lo / 2 + *hi / 2;
  if (!(half > fabs (center) * 1e-12) || half < 1e-290)
    {
      /* Constant: a band of ±10 % around it (±1 around zero). */
      half = fabs (center) * 0.1;
      if (!(half >= 1e-290))
        half = 1.0;
    }
  else
    half *= 1.0 + 2.0 * fraction;

  /* Keep both bounds finite even around ±DBL_MAX. */
  *lo = center - half;
  *hi = center + half;
  if (!isfinite (*lo))
    *lo = -DBL_MAX;
  if (!isfinite (*hi))
    *hi = DBL_MAX;
}

static void
ensure_range (ElmanPlot *plot)
{
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  ElmanSeries *s = plot->series;

  if (plot->range_valid)
    return;

  if (s && s->n > 0)
    {
      xlo = elman_plot_series_x (plot, 0);
      xhi = elman_plot_series_x (plot, s->n - 1);
    }
  if (plot->n_forecast > 0)
    {
      xlo = MIN (xlo, plot->forecast_x[1]);
      xhi = MAX (xhi, plot->forecast_x[plot->n_forecast]);
    }

  include_trace (&plot->data_trace, &ylo, &yhi);
  include_trace (&plot->fit_trace, &ylo, &yhi);
  include_trace (&plot->test_trace, &ylo, &yhi);
  include_trace (&plot->free_run_trace, &ylo, &yhi);
  if (plot->forecast)
    include_values (plot->forecast + 1, plot->n_forecast, &ylo, &yhi);
  for (guint b = 0; b < plot->n_bands; b++)
    {
      include_values (plot->bands[b].lower + 1, plot->bands[b].n, &ylo, &yhi);
      include_values (plot->bands[b].upper + 1, plot->bands[b].n, &ylo, &yhi);
    }

  if (xlo == xhi && isfinite (xlo))
    {
      xlo -= 0.5;
      xhi += 0.5;
    }
  pad_range (&xlo, &xhi, 0.01);
  pad_range (&ylo, &yhi, 0.05);

  plot->range[0] = xlo;
  plot->range[1] = xhi;
  plot->range[2] = ylo;
  plot->range[3] = yhi;
  plot->range_valid = TRUE;
}

void
elman_plot_get_effective_view (ElmanPlot *plot,
                               double     view[4])
{
  if (plot->view_set)
    {
      memcpy (view, plot->view, sizeof plot->view);
      return;
    }
  ensure_range (plot);
  memcpy (view, plot->range, sizeof plot->range);
}

void
elman_plot_set_view (ElmanPlot *plot,
                     double     x0,
                     double     x1,
                     double     y0,
                     double     y1)
{
  g_return_if_fail (plot != NULL);

  if (!isfinite (x0) || !isfinite (x1) || !isfinite (y0) || !isfinite (y1)
      || x0 == x1 || y0 == y1)
    {
      g_warning ("elman_plot_set_view: ignoring empty or non-finite view");
      return;
    }

  plot->view[0] = MIN (x0, x1);
  plot->view[1] = MAX (x0, x1);
  plot->view[2] = MIN (y0, y1);
  plot->view[3] = MAX (y0, y1);
  plot->view_set = TRUE;
}

void
elman_plot_reset_view (ElmanPlot *plot)
{
  g_return_if_fail (plot != NULL);

  plot->view_set = FALSE;
}

void
elman_plot_get_view (ElmanPlot *plot,
                     double    *x0,
                     double    *x1,
                     double    *y0,
                     double    *y1)
{
  double v[4];

  g_return_if_fail (plot != NULL);

  elman_plot_get_effective_view (plot, v);
  if (x0)
    *x0 = v[0];
  if (x1)
    *x1 = v[1];
  if (y0)
    *y0 = v[2];
  if (y1)
    *y1 = v[3];
}

/* The series panel of the last frame: zoom, pan and hover work on it. */
static ElmanPlotPanelFrame *
series_frame (ElmanPlot *plot)
{
  return elman_plot_layout_get (&plot->frame, ELMAN_PLOT_PANEL_SERIES);
}

/* Data coordinate of a pixel in the last frame, without bounds checks. */
static void
frame_unmap (ElmanPlot *plot,
             double     px,
             double     py,
             double    *x,
             double    *y)
{
  const double *v = series_frame (plot)->view;
  double tx = (px - series_frame (plot)->area.x) / series_frame (plot)->area.w;
  double ty = (series_frame (plot)->area.y + series_frame (plot)->area.h - py) / series_frame (plot)->area.h;

  *x = v[0] + tx * (v[1] / 2 - v[0] / 2) * 2;
  *y = v[2] + ty * (v[3] / 2 - v[2] / 2) * 2;
}

void
elman_plot_zoom_at (ElmanPlot *plot,
                    double     px,
                    double     py,
                    double     factor)
{
  double v[4], x, y, nv[4];

  g_return_if_fail (plot != NULL);

  if (!(factor > 0.0) || !isfinite (factor))
    return;

  /* Scrolling over the loss panel does not zoom the series. */
  if (plot->frame.have_frame && elman_plot_panel_at (plot, px, py) != ELMAN_PLOT_PANEL_SERIES)
    return;

  elman_plot_get_effective_view (plot, v);
  if (plot->frame.have_frame)
    frame_unmap (plot, px, py, &x, &y);
  else
    {
      x = v[0] / 2 + v[1] / 2;
      y = v[2] / 2 + v[3] / 2;
    }

  /* The data point under the pointer stays under it. */
  nv[0] = x - (x - v[0]) * factor;
  nv[1] = x + (v[1] - x) * factor;
  nv[2] = y - (y - v[2]) * factor;
  nv[3] = y + (v[3] - y) * factor;

  /* Stop before the range collapses below what doubles resolve, and
   * below a minute on a date axis (whose finest ticks are seconds). */
  if (plot->series && plot->series->times && plot->series->times_are_dates
      && nv[1] - nv[0] < 60.0 && factor < 1.0)
    return;
  if (!(nv[1] - nv[0] > fabs (x) * 1e-12) || !(nv[3] - nv[2] > fabs (y) * 1e-12)
      || !isfinite (nv[1] - nv[0]) || !isfinite (nv[3] - nv[2]))
    return;

  elman_plot_set_view (plot, nv[0], nv[1], nv[2], nv[3]);
  if (plot->frame.have_frame)
    memcpy (series_frame (plot)->view, plot->view, sizeof plot->view);
}

void
elman_plot_pan_by (ElmanPlot *plot,
                   double     dx,
                   double     dy)
{
  double v[4], sx, sy;

  g_return_if_fail (plot != NULL);

  if (!plot->frame.have_frame || !isfinite (dx) || !isfinite (dy))
    return;

  elman_plot_get_effective_view (plot, v);
  sx = (v[1] - v[0]) / series_frame (plot)->area.w;
  sy = (v[3] - v[2]) / series_frame (plot)->area.h;
  /* Dragging right moves the data right: the view goes left. */
  elman_plot_set_view (plot, v[0] - dx * sx, v[1] - dx * sx, v[2] + dy * sy, v[3] + dy * sy);
  memcpy (series_frame (plot)->view, plot->view, sizeof plot->view);
}

gsize
elman_plot_nearest_index (ElmanPlot *plot,
                          double     x)
{
  const ElmanPlotTrace *t = &plot->data_trace;
  gsize i;

  if (t->n == 0)
    return 0;

  i = elman_plot_trace_lower_bound (t, 0, t->n, x);
  if (i == t->n)
    return t->n - 1;
  if (i > 0 && x - elman_plot_trace_x (t, i - 1) < elman_plot_trace_x (t, i) - x)
    return i - 1;
  return i;
}

gboolean
elman_plot_pixel_to_data (ElmanPlot *plot,
                          double     px,
                          double     py,
                          double    *x,
                          double    *y,
                          gsize     *index)
{
  double dx, dy;

  g_return_val_if_fail (plot != NULL, FALSE);

  if (!plot->frame.have_frame
      || px < series_frame (plot)->area.x || px > series_frame (plot)->area.x + series_frame (plot)->area.w
      || py < series_frame (plot)->area.y || py > series_frame (plot)->area.y + series_frame (plot)->area.h)
    return FALSE;

  frame_unmap (plot, px, py, &dx, &dy);
  if (x)
    *x = dx;
  if (y)
    *y = dy;
  if (index)
    *index = elman_plot_nearest_index (plot, dx);
  return TRUE;
}

/**
 * elman_plot_data_to_pixel:
 *
 * The inverse of elman_plot_pixel_to_data() for the last drawn frame, e.g.
 * to put a hover marker on the nearest point. FALSE before the first draw.
 */
gboolean
elman_plot_data_to_pixel (ElmanPlot *plot,
                          double     x,
                          double     y,
                          double    *px,
                          double    *py)
{
  const double *v;

  g_return_val_if_fail (plot != NULL, FALSE);

  if (!plot->frame.have_frame)
    return FALSE;

  v = series_frame (plot)->view;
  if (px)
    *px = series_frame (plot)->area.x + (x / 2 - v[0] / 2) / (v[1] / 2 - v[0] / 2) * series_frame (plot)->area.w;
  if (py)
    *py = series_frame (plot)->area.y + series_frame (plot)->area.h
          - (y / 2 - v[2] / 2) / (v[3] / 2 - v[2] / 2) * series_frame (plot)->area.h;
  return TRUE;
}

/**
 * elman_plot_panel_at:
 *
 * Asks each panel of the table drawn in the last frame whether it holds
 * the pixel.
 */
ElmanPlotPanel
elman_plot_panel_at (ElmanPlot *plot,
                     double     px,
                     double     py)
{
  guint n_table;
  const ElmanPlotPanelClass * const *table = elman_plot_panel_table (&n_table);

  g_return_val_if_fail (plot != NULL, 0);

  return elman_plot_layout_hit (&plot->frame, table, n_table, px, py);
}

gboolean
elman_plot_get_area (ElmanPlot     *plot,
                     ElmanPlotRect *area)
{
  if (!plot->frame.have_frame)
    return FALSE;
  *area = series_frame (plot)->area;
  return TRUE;
}

gboolean
elman_plot_get_legend (ElmanPlot      *plot,
                       ElmanPlotPanel  panel,
                       ElmanPlotRect  *legend,
                       gboolean       *outside)
{
  const ElmanPlotPanelFrame *f = elman_plot_layout_get (&plot->frame, panel);

  if (f->legend.w <= 0)
    return FALSE;
  *legend = f->legend;
  *outside = f->legend_outside;
  return TRUE;
}

gboolean
elman_plot_get_acf_area (ElmanPlot     *plot,
                         ElmanPlotRect *area,
                         double         view[4])
{
  const ElmanPlotPanelFrame *f = elman_plot_layout_get (&plot->frame, ELMAN_PLOT_PANEL_ACF);

  if (f->panel.w <= 0)
    return FALSE;
  *area = f->area;
  memcpy (view, f->view, sizeof f->view);
  return TRUE;
}
