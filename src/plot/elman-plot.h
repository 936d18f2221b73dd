/* elman-plot.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-run.h"
#include "elman-series.h"

G_BEGIN_DECLS

#define ELMAN_PLOT_ERROR (elman_plot_error_quark ())

typedef enum
{
  ELMAN_PLOT_ERROR_FORMAT,
  ELMAN_PLOT_ERROR_WRITE,
} ElmanPlotError;

typedef enum
{
  ELMAN_PLOT_PANEL_SERIES = 1 << 0,
  ELMAN_PLOT_PANEL_LOSS   = 1 << 1,
  ELMAN_PLOT_PANEL_BOTH   = ELMAN_PLOT_PANEL_SERIES | ELMAN_PLOT_PANEL_LOSS,
  ELMAN_PLOT_PANEL_ACF    = 1 << 2,
  ELMAN_PLOT_PANEL_ALL    = ELMAN_PLOT_PANEL_BOTH | ELMAN_PLOT_PANEL_ACF,
  /* Inside the network: the hidden states h^t as a strip under the
   * series (same time axis), W, U and V as heatmaps, the gradient norms
   * per epoch beside the loss. */
  ELMAN_PLOT_PANEL_STATES    = 1 << 3,
  ELMAN_PLOT_PANEL_WEIGHTS   = 1 << 4,
  ELMAN_PLOT_PANEL_GRADIENTS = 1 << 5,
  ELMAN_PLOT_PANEL_NETWORK   = ELMAN_PLOT_PANEL_SERIES | ELMAN_PLOT_PANEL_STATES
                               | ELMAN_PLOT_PANEL_WEIGHTS | ELMAN_PLOT_PANEL_LOSS
                               | ELMAN_PLOT_PANEL_GRADIENTS,
} ElmanPlotPanel;

/* Colours as RGBA in 0…1; the app fills it from the theme. */
typedef struct
{
  double background[4];
  double foreground[4];   /* text, axes */
  double grid[4];
  double data[4];
  double fit[4];          /* in-sample predictions */
  double test[4];         /* one-step predictions over the held-out part */
  double forecast[4];
  double train_loss[4];
  double valid_loss[4];
  double free_running[4]; /* closed-loop run over the held-out part */
  double acf[4];          /* residual autocorrelation within the bounds */
  double acf_outside[4];  /* … and outside them */
} ElmanPlotPalette;

/**
 * ElmanPlot:
 *
 * What to draw, and the view onto it. Plain data, main-thread only. The
 * setters that take GBytes (and the series) keep references, shared with
 * the caller; those that take plain arrays copy them. Indices are 0-based
 * positions in the series.
 */
typedef struct _ElmanPlot ElmanPlot;

/* What a plot shows, in counts (elman_plot_get_contents()). */
typedef struct
{
  ElmanSeries   *series;          /* (nullable) (transfer none) */
  gsize          n_train;         /* first index of the test part */
  gsize          n_predictions;   /* fit and test */
  gsize          n_free_running;
  gsize          n_forecast;
  guint          n_bands;
  gsize          n_epochs;
  guint          n_acf;
  guint          n_acf_outside;
  ElmanPlotPanel panels;          /* the panels worth drawing */
} ElmanPlotContents;

GQuark       elman_plot_error_quark        (void);

ElmanPlot   *elman_plot_new                (void);
void         elman_plot_free               (ElmanPlot              *plot);

void         elman_plot_set_palette        (ElmanPlot              *plot,
                                            const ElmanPlotPalette *palette);
void         elman_plot_palette_init_light (ElmanPlotPalette       *palette);
void         elman_plot_palette_init_dark  (ElmanPlotPalette       *palette);
void         elman_plot_get_palette        (const ElmanPlot        *plot,
                                            ElmanPlotPalette       *palette);
void         elman_plot_set_title          (ElmanPlot              *plot,
                                            const char             *title);
void         elman_plot_set_subtitle       (ElmanPlot              *plot,
                                            const char             *subtitle);
const char  *elman_plot_get_title          (const ElmanPlot        *plot);
const char  *elman_plot_get_subtitle       (const ElmanPlot        *plot);
/* The exported plot's title (the series' name) and, with @details, a
 * subtitle with the network's settings and its test scores: the same
 * in the app's export and elman-cli's --plot-out. */
void         elman_plot_set_run_titles     (ElmanPlot              *plot,
                                            ElmanSeries            *series,
                                            const ElmanRunResult   *result,
                                            gboolean                details);
/* (nullable) titles; %NULL: "Date"/"Time step" and the series' name. */
void         elman_plot_set_axis_titles    (ElmanPlot              *plot,
                                            const char             *x_title,
                                            const char             *y_title);
/* Device pixels per cairo unit that the cairo_t cannot tell (a widget's
 * recording surface): pass gtk_widget_get_scale_factor(). Default 1. */
void         elman_plot_set_pixel_scale    (ElmanPlot              *plot,
                                            double                  scale);

/* (nullable): %NULL clears everything. */
void         elman_plot_set_series         (ElmanPlot              *plot,
                                            ElmanSeries            *series);
/* First index of the held-out part (n = no split marker). */
void         elman_plot_set_split          (ElmanPlot              *plot,
                                            gsize                   n_train);
/* One-step-ahead predictions: values[i] predicts series[first + i]. */
void         elman_plot_set_fit            (ElmanPlot              *plot,
                                            gsize                   first,
                                            const double           *values,
                                            gsize                   n);
/* One-step (teacher-forced) predictions over the held-out part: values[i]
 * predicts series[first + i]. */
void         elman_plot_set_test           (ElmanPlot              *plot,
                                            gsize                   first,
                                            const double           *values,
                                            gsize                   n);
/* Free-running (closed-loop) predictions, fed only their own outputs:
 * values[i] predicts series[first + i]. */
void         elman_plot_set_free_running   (ElmanPlot              *plot,
                                            gsize                   first,
                                            const double           *values,
                                            gsize                   n);
/* Forecast beyond the end: values[i] is step i + 1 after the last value.
 * Bands are (nullable) pairs lower/upper of length n. */
void         elman_plot_set_forecast       (ElmanPlot              *plot,
                                            const double           *values,
                                            gsize                   n);
void         elman_plot_set_forecast_band  (ElmanPlot              *plot,
                                            double                  level,
                                            const double           *lower,
                                            const double           *upper,
                                            gsize                   n);
/* One-step predictions from series[@first] on, doubles: the fit before
 * the split, the test after it. Referenced, not copied. */
void         elman_plot_set_predictions    (ElmanPlot              *plot,
                                            gsize                   first,
                                            GBytes                 *predictions);
gboolean     elman_plot_get_prediction     (ElmanPlot              *plot,
                                            gsize                   index,
                                            double                 *value);
/* Loss per epoch (valid nullable), best epoch 0-based. */
void         elman_plot_set_loss           (ElmanPlot              *plot,
                                            const double           *train,
                                            const double           *valid,
                                            gsize                   n_epochs,
                                            gsize                   best_epoch);
/* The same from doubles in (nullable) GBytes, referenced, not copied. */
void         elman_plot_set_loss_bytes     (ElmanPlot              *plot,
                                            GBytes                 *train,
                                            GBytes                 *valid,
                                            gsize                   best_epoch);
/* (nullable) The free-running run and the residual ACF of an evaluation
 * of the test part; %NULL drops them. */
void         elman_plot_set_evaluation     (ElmanPlot              *plot,
                                            const ElmanEvaluation  *evaluation);
void         elman_plot_get_contents       (ElmanPlot              *plot,
                                            ElmanPlotContents      *contents);
/* Autocorrelation of the residuals, acf[l − 1] at lag l = 1…n_lags, with
 * the significance bound (1.96/√n) of @n_residuals residuals, for the
 * ACF panel. %NULL or 0 lags clears it. */
void         elman_plot_set_residual_acf   (ElmanPlot              *plot,
                                            const double           *acf,
                                            guint                   n_lags,
                                            double                  bound,
                                            gsize                   n_residuals);
/* Season length m of the ACF's lags: x ticks at m, 2m, … when they fit
 * (0 or 1: plain ticks). Cleared with the results. */
void         elman_plot_set_acf_season     (ElmanPlot              *plot,
                                            guint                   season);
/* Clears fit, test, free-running, forecast, loss and ACF. */
void         elman_plot_clear_results      (ElmanPlot              *plot);

/* The network (elman-plot-network.c). All are cleared with the results. */

/* (nullable) The weights, shared: @params holds at least W (J×J), U (J×T)
 * and V (K×J), row-major, then b (J) and c (K) when @bias: the order of
 * elman_model_n_params(). Identical units are found here, once per call. */
void         elman_plot_set_weights        (ElmanPlot              *plot,
                                            guint                   window,
                                            guint                   horizon,
                                            guint                   hidden,
                                            gboolean                bias,
                                            GBytes                 *params);
/* (nullable) The same from a model: its weights are copied once into a
 * new GBytes. */
void         elman_plot_set_model          (ElmanPlot              *plot,
                                            const ElmanModel       *model);
/* (nullable) The hidden states h^t, doubles, rows of @hidden values (as
 * elman_model_hidden_states() fills them): row t belongs to the series
 * index @first + t (first = elman_model_min_history() − 1). Referenced,
 * not copied; saturated units are found here, once per call. */
void         elman_plot_set_hidden_states  (ElmanPlot              *plot,
                                            gsize                   first,
                                            guint                   hidden,
                                            GBytes                 *states);
/* (nullable) Gradient norms, three doubles per epoch: ‖∂L/∂W‖, ‖∂L/∂U‖,
 * ‖∂L/∂V‖ (elman_trainer_get_grad_norms()). */
void         elman_plot_set_grad_norms     (ElmanPlot              *plot,
                                            GBytes                 *norms);
/* (nullable) The sentence under the weights when units are identical
 * ("All 16 hidden units are identical: …"), %NULL when they all differ. */
const char  *elman_plot_get_network_note   (ElmanPlot              *plot);

/* What the hidden-state strip shows under a pixel. */
typedef struct
{
  gsize         index;          /* series index t of h^t */
  gsize         window_first;   /* first series index of the window that ends at t
                                 * (T from elman_plot_set_weights()) */
  guint         unit;           /* j, 0-based */
  guint         hidden;         /* J */
  double        value;          /* h^t_j */
  const double *state;          /* all J values of h^t; valid until the states change */
} ElmanPlotStateHit;

/* The hidden state under the pixel of the last on-screen frame; FALSE
 * outside the strip or where it has no state. */
gboolean     elman_plot_hidden_state_at    (ElmanPlot              *plot,
                                            double                  px,
                                            double                  py,
                                            ElmanPlotStateHit      *hit);

/* View of the series panel in data coordinates (x = time as on the axis:
 * seconds or index). */
void         elman_plot_set_view           (ElmanPlot              *plot,
                                            double                  x0,
                                            double                  x1,
                                            double                  y0,
                                            double                  y1);
void         elman_plot_reset_view         (ElmanPlot              *plot);
void         elman_plot_get_view           (ElmanPlot              *plot,
                                            double                 *x0,
                                            double                 *x1,
                                            double                 *y0,
                                            double                 *y1);
/* Zoom by @factor (< 1 zooms in) about the pixel (px, py) of the last
 * drawn series panel; pan by a pixel delta. */
void         elman_plot_zoom_at            (ElmanPlot              *plot,
                                            double                  px,
                                            double                  py,
                                            double                  factor);
void         elman_plot_pan_by             (ElmanPlot              *plot,
                                            double                  dx,
                                            double                  dy);
/* Maps a pixel of the last drawn frame back to data; FALSE outside the
 * series panel's plotting area. @index is the nearest series index. */
gboolean     elman_plot_pixel_to_data      (ElmanPlot              *plot,
                                            double                  px,
                                            double                  py,
                                            double                 *x,
                                            double                 *y,
                                            gsize                  *index);

/* Which panel of the last drawn frame holds the pixel (0: none), e.g. to
 * zoom only over the series panel. */
ElmanPlotPanel elman_plot_panel_at         (ElmanPlot              *plot,
                                            double                  px,
                                            double                  py);
/* Inverse of elman_plot_pixel_to_data() for the last drawn frame (e.g. a
 * hover marker on the nearest point); FALSE before the first draw. */
gboolean     elman_plot_data_to_pixel      (ElmanPlot              *plot,
                                            double                  x,
                                            double                  y,
                                            double                 *px,
                                            double                 *py);

/* Draws the chosen panels into the rectangle 0,0…width,height of @cr:
 * stacked vertically (series above loss above ACF), except that with the
 * series panel, loss and ACF share the lower row when the width allows.
 * This is the on-screen frame: zoom, pan, elman_plot_pixel_to_data() and
 * elman_plot_panel_at() answer for its layout until the next call.
 * elman_plot_export() draws with a layout of its own and changes none
 * of that. */
void         elman_plot_draw               (ElmanPlot              *plot,
                                            cairo_t                *cr,
                                            double                  width,
                                            double                  height,
                                            ElmanPlotPanel          panels);

/* PNG, SVG or PDF by the file's extension; @scale multiplies the pixel
 * size of PNGs (HiDPI). Written atomically: on error nothing is left
 * behind and a previous file at @path is untouched. */
gboolean     elman_plot_export             (ElmanPlot              *plot,
                                            const char             *path,
                                            int                     width,
                                            int                     height,
                                            double                  scale,
                                            ElmanPlotPanel          panels,
                                            GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanPlot, elman_plot_free)

G_END_DECLS
