/* elman-evaluate.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-evaluate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "elman-analysis.h"
#include "elman-evaluate.h"
#include "elman-forecast-pass-private.h"
#include "elman-model-private.h"
#include "elman-series-loader.h"

G_DEFINE_QUARK (elman-evaluate-error-quark, elman_evaluate_error)

/* A forecast is "nearly flat" when its spread over the test part is
 * below this fraction of the data's own spread there. */
#define FLAT_RATIO        0.1
/* Hidden units count as saturated when σ is this close to 0 or 1. */
#define SATURATION_EDGE   0.02
#define SATURATED_SHARE   0.9

static const char *const forecaster_names[] = {
  "elman", "naive", "seasonal-naive", "drift", "mean",
};

const char *
elman_forecaster_to_string (ElmanForecaster forecaster)
{
  g_return_val_if_fail (forecaster < ELMAN_N_FORECASTERS, NULL);

  return forecaster_names[forecaster];
}

/**
 * elman_forecaster_get_label:
 *
 * Returns: the translated name to show in a table
 */
const char *
elman_forecaster_get_label (ElmanForecaster forecaster)
{
  switch (forecaster)
    {
    case ELMAN_FORECASTER_MODEL:
      return _("Elman network");
    case ELMAN_FORECASTER_NAIVE:
      return _("Naive");
    case ELMAN_FORECASTER_SEASONAL_NAIVE:
      return _("Seasonal naive");
    case ELMAN_FORECASTER_DRIFT:
      return _("Drift");
    case ELMAN_FORECASTER_MEAN:
      return _("Mean");
    case ELMAN_N_FORECASTERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * elman_scores_compute:
 * @actual: (array length=n): the true values
 * @forecast: (array length=n): their forecasts
 * @mase_scale: the MASE denominator (see elman_mase_scale())
 *
 * Pools RMSE, MAE, sMAPE (percent; a pair of zeros counts as no error)
 * and MASE over the @n pairs.
 */
/* Running sums of elman_scores_compute(), pair by pair. */
typedef struct
{
  double sse, sae, sape;
  gsize  n;
} ScoreSums;

static inline void
score_sums_add (ScoreSums *sums,
                double     actual,
                double     forecast)
{
  double e = actual - forecast;
  double denom = fabs (actual) + fabs (forecast);

  sums->sse += e * e;
  sums->sae += fabs (e);
  if (denom > 0)
    sums->sape += 200.0 * fabs (e) / denom;
  sums->n++;
}

static void
score_sums_finish (const ScoreSums *sums,
                   double           mase_scale,
                   ElmanScores     *scores)
{
  gsize n = sums->n;

  scores->count = n;
  if (n == 0)
    {
      scores->rmse = scores->mae = scores->smape = scores->mase = NAN;
      return;
    }
  scores->rmse = sqrt (sums->sse / (double) n);
  scores->mae = sums->sae / (double) n;
  scores->smape = sums->sape / (double) n;
  scores->mase = mase_scale > 0 && isfinite (mase_scale) ? scores->mae / mase_scale : NAN;
}

void
elman_scores_compute (const double *actual,
                      const double *forecast,
                      gsize         n,
                      double        mase_scale,
                      ElmanScores  *scores)
{
  ScoreSums sums = { 0 };

  g_return_if_fail (scores != NULL);

  for (gsize i = 0; i < n; i++)
    score_sums_add (&sums, actual[i], forecast[i]);
  score_sums_finish (&sums, mase_scale, scores);
}

/**
 * elman_mase_scale:
 * @season: m (0 or 1: the naive forecast)
 *
 * Returns: the in-sample seasonal-naive MAE, mean of |y[t] − y[t−m]| for
 *   t = m…n_train−1, or %NAN when the training part is not longer than m
 */
double
elman_mase_scale (const double *values,
                  gsize         n_train,
                  guint         season)
{
  gsize m = MAX (season, 1);
  double sum = 0;

  if (n_train <= m)
    return NAN;
  for (gsize t = m; t < n_train; t++)
    sum += fabs (values[t] - values[t - m]);
  return sum / (double) (n_train - m);
}

/**
 * elman_baseline_forecast:
 * @origin: o ≥ 1: the forecaster sees values[0…o−1]
 * @out: (array length=steps): forecasts of values[o…o+steps−1]
 *
 * One of the baselines (not %ELMAN_FORECASTER_MODEL). Seasonal naive
 * with fewer than m values of history falls back to naive.
 */
void
elman_baseline_forecast (ElmanForecaster  forecaster,
                         const double    *values,
                         gsize            origin,
                         guint            season,
                         guint            steps,
                         double          *out)
{
  double last;

  g_return_if_fail (origin >= 1);
  g_return_if_fail (forecaster != ELMAN_FORECASTER_MODEL && forecaster < ELMAN_N_FORECASTERS);

  last = values[origin - 1];
  switch (forecaster)
    {
    case ELMAN_FORECASTER_NAIVE:
      for (guint h = 1; h <= steps; h++)
        out[h - 1] = last;
      break;

    case ELMAN_FORECASTER_SEASONAL_NAIVE:
      {
        gsize m = MAX (season, 1);

        if (origin < m)
          m = 1;
        for (guint h = 1; h <= steps; h++)
          {
            /* t = o + h − 1 repeats y[t − m·⌈h/m⌉], the latest season. */
            gsize back = m * ((h - 1) / m + 1);
            out[h - 1] = values[origin + h - 1 - back];
          }
      }
      break;

    case ELMAN_FORECASTER_DRIFT:
      {
        double slope = origin > 1 ? (last - values[0]) / (double) (origin - 1) : 0.0;
        for (guint h = 1; h <= steps; h++)
          out[h - 1] = last + (double) h * slope;
      }
      break;

    case ELMAN_FORECASTER_MEAN:
      {
        double mean = 0;
        for (gsize i = 0; i < origin; i++)
          mean += values[i];
        mean /= (double) origin;
        for (guint h = 1; h <= steps; h++)
          out[h - 1] = mean;
      }
      break;

    case ELMAN_FORECASTER_MODEL:
    case ELMAN_N_FORECASTERS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * elman_autocorrelation:
 * @acf: (array length=max_lag) (out caller-allocates): r_l for l = 1…max_lag
 *
 * The sample autocorrelation r_l = Σ (x_t − x̄)(x_{t−l} − x̄) / Σ (x_t − x̄)²;
 * 0 for a constant series.
 */
void
elman_autocorrelation (const double *x,
                       gsize         n,
                       guint         max_lag,
                       double       *acf)
{
  double mean = 0, var = 0;

  for (gsize i = 0; i < n; i++)
    mean += x[i];
  mean = n ? mean / (double) n : 0.0;
  for (gsize i = 0; i < n; i++)
    var += (x[i] - mean) * (x[i] - mean);

  /* Lag l's sum in acf[l − 1], one pass over x for several lags; lags
   * of n or more sum nothing. */
  if (n > 1 && max_lag > 0)
    {
      g_autofree double *c = g_new (double, MIN (max_lag, n - 1) + 1);

      elman_lagged_products (x, n, mean, MIN (max_lag, n - 1), c);
      for (guint l = 1; l <= max_lag; l++)
        acf[l - 1] = l < n && var > 0 ? c[l] / var : 0.0;
    }
  else
    for (guint l = 1; l <= max_lag; l++)
      acf[l - 1] = 0.0;
}

/**
 * elman_rolling_forecast:
 * @first_origin: the first origin o, at least elman_model_min_history()
 * @n_origins: origins first_origin … first_origin + n_origins − 1, each at
 *   most @n
 * @out: (array length=n_origins*steps): out[(o − first_origin)·steps + h − 1]
 *   forecasts values[o + h − 1] from values[0…o−1] only
 *
 * Exactly elman_model_forecast() at every origin, in one pass over the
 * history: the hidden state runs once over the true series and each
 * origin continues a copy of it recursively (closed loop) when @steps
 * exceeds the model's K.
 *
 * Returns: %FALSE when an origin lacks the history the model needs
 */
gboolean
elman_rolling_forecast (const ElmanModel  *model,
                        const double      *values,
                        gsize              n,
                        gsize              first_origin,
                        gsize              n_origins,
                        gsize              steps,
                        double            *out,
                        GError           **error)
{
  return elman_rolling_forecast_full (model, values, n, first_origin, n_origins, steps, out, NULL, error);
}

/**
 * elman_models_min_history:
 * @models: (array length=n_models): the models (they may differ in T and K)
 *
 * Returns: how many values the models need before their first forecast:
 *   the most any of them needs
 */
gsize
elman_models_min_history (ElmanModel *const *models,
                          guint              n_models)
{
  gsize history = 0;

  for (guint r = 0; r < n_models; r++)
    history = MAX (history, elman_model_min_history (models[r]));
  return history;
}

/**
 * elman_models_rolling_forecast:
 * @models: (array length=n_models): the members of an ensemble
 * @out: (array length=n_origins*steps) (out caller-allocates): the
 *   members' mean of what elman_rolling_forecast() gives each
 * @cancellable: (nullable): checked every few thousand steps
 *
 * Rolling-origin forecasts of an ensemble: the average of its members'.
 * With @steps = 1 these are the one-step (teacher-forced) predictions.
 *
 * Returns: %FALSE with @error set when an origin lacks the history a
 *   member needs, or when cancelled
 */
gboolean
elman_models_rolling_forecast (ElmanModel *const  *models,
                               guint               n_models,
                               const double       *values,
                               gsize               n,
                               gsize               first_origin,
                               gsize               n_origins,
                               gsize               steps,
                               double             *out,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autofree double *member = NULL;
  gsize total = n_origins * steps;

  g_return_val_if_fail (models != NULL && n_models > 0, FALSE);

  if (n_models == 1)
    return elman_rolling_forecast_full (models[0], values, n, first_origin, n_origins, steps, out,
                                        cancellable, error);
  memset (out, 0, total * sizeof (double));
  member = g_new (double, MAX (total, 1));
  for (guint r = 0; r < n_models; r++)
    {
      if (!elman_rolling_forecast_full (models[r], values, n, first_origin, n_origins, steps, member,
                                        cancellable, error))
        return FALSE;
      for (gsize i = 0; i < total; i++)
        out[i] += member[i] / n_models;
    }
  return TRUE;
}

/* Steps of the hidden state between two looks at the cancellable. */
#define CANCEL_CHECK_STEPS 4096

/**
 * elman_rolling_forecast_full:
 * @cancellable: (nullable): checked every few thousand steps of the pass
 *
 * elman_rolling_forecast(), cancellable: a long series takes a while.
 *
 * Returns: %FALSE when an origin lacks the history the model needs, or
 *   with %G_IO_ERROR_CANCELLED
 */
gboolean
elman_rolling_forecast_full (const ElmanModel  *model,
                             const double      *values,
                             gsize              n,
                             gsize              first_origin,
                             gsize              n_origins,
                             gsize              steps,
                             double            *out,
                             GCancellable      *cancellable,
                             GError           **error)
{
  gsize T, K, J, first, lag, total, last_origin;
  g_autofree double *work = NULL;
  g_autofree double *u = NULL;
  g_autofree double *u_true = NULL;
  g_autofree double *h = NULL;
  g_autofree double *hc = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *block = NULL;
  double *h_prev, *h_cur;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n == 0, FALSE);

  if (n_origins == 0 || steps == 0)
    return TRUE;

  T = model->window, K = model->horizon, J = model->hidden;
  first = elman_model_min_history (model);
  lag = elman_model_lag (model);
  last_origin = first_origin + n_origins - 1;
  if (first_origin < first || last_origin > n)
    {
      g_set_error (error, ELMAN_EVALUATE_ERROR, ELMAN_EVALUATE_ERROR_TOO_SHORT,
                   _("Forecast origins %zu…%zu need at least %zu values of history (window T = %u) "
                     "and at most %zu (the series' length)"),
                   first_origin, last_origin, first, model->window, n);
      return FALSE;
    }

  /* The series grows by forecasts past an origin; room for the furthest
   * origin's run. */
  total = last_origin + steps + K;
  work = g_new (double, total);
  memcpy (work, values, last_origin * sizeof (double));
  u = g_new0 (double, total);
  u_true = g_new0 (double, total);
  elman_model_to_network (model, work, last_origin, u);
  memcpy (u_true, u, (last_origin - lag) * sizeof (double));
  h = g_new0 (double, 2 * J);
  hc = g_new0 (double, 2 * J);
  x = g_new (double, T);
  y = g_new (double, K);
  block = g_new (double, K);

  h_prev = h, h_cur = h + J;
  for (gsize s = first; s <= last_origin; s++)
    {
      double anchor;
      double *tmp;
      gsize produced = 0;

      if ((s - first) % CANCEL_CHECK_STEPS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      anchor = elman_model_window_input (model, u, s - first, x);

      /* Window s (inputs y[s−T…s−1]) on the true history. */
      elman_model_step (model, s > first ? h_prev : NULL, x, h_cur, y);
      tmp = h_prev, h_prev = h_cur, h_cur = tmp;
      if (s < first_origin)
        continue;

      /* Origin o = s: the first K forecasts come from this window. */
      elman_model_outputs_to_data (model, work, s, anchor, y, block);
      for (gsize k = 0; k < K && produced < steps; k++)
        out[(s - first_origin) * steps + produced++] = block[k];
      if (produced < steps)
        {
          double *c_prev = hc, *c_cur = hc + J;

          memcpy (c_prev, h_prev, J * sizeof (double));
          for (gsize k = 0; k < produced; k++)
            {
              gsize i = s + k;
              work[i] = block[k];
              u[i - lag] = ((lag ? work[i] - work[i - lag] : work[i]) - model->offset) / model->scale;
            }

          /* Closed loop, as elman_model_forecast(): every later window is
           * run, and each K-th one adds K more values. */
          for (gsize s2 = s + 1; produced < steps; s2++)
            {
              double a2 = elman_model_window_input (model, u, s2 - first, x);

              elman_model_step (model, c_prev, x, c_cur, y);
              tmp = c_prev, c_prev = c_cur, c_cur = tmp;
              if (s2 < s + produced)
                continue;
              elman_model_outputs_to_data (model, work, s2, a2, y, block);
              for (gsize k = 0; k < K && produced < steps; k++)
                {
                  gsize i = s + produced;
                  work[i] = block[k];
                  u[i - lag] = ((lag ? work[i] - work[i - lag] : work[i]) - model->offset) / model->scale;
                  out[(s - first_origin) * steps + produced++] = block[k];
                }
            }

          /* Back to the true history for the next origin. */
          for (gsize i = s; i < s + produced && i < last_origin; i++)
            {
              work[i] = values[i];
              u[i - lag] = u_true[i - lag];
            }
        }
    }

  return TRUE;
}

/* The in-sample spread used by the flat-forecast check. */
static double
standard_deviation (const double *x,
                    gsize         n)
{
  double mean = 0, var = 0;

  if (n < 2)
    return 0.0;
  for (gsize i = 0; i < n; i++)
    mean += x[i];
  mean /= (double) n;
  for (gsize i = 0; i < n; i++)
    var += (x[i] - mean) * (x[i] - mean);
  return sqrt (var / (double) (n - 1));
}

static gboolean
hidden_units_identical (const ElmanModel *model)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;

  if (J < 2)
    return FALSE;
  for (gsize i = 1; i < J; i++)
    {
      if (memcmp (model->U + i * T, model->U, T * sizeof (double)) != 0 ||
          memcmp (model->W + i * J, model->W, J * sizeof (double)) != 0 ||
          (model->b && model->b[i] != model->b[0]))
        return FALSE;
      for (gsize k = 0; k < K; k++)
        if (model->V[k * J + i] != model->V[k * J])
          return FALSE;
    }
  return TRUE;
}

/* A finding and the change it recommends (worded later, for the app or
 * the CLI). */
static void
add_advice (GPtrArray   *findings,
            GArray      *advice,
            ElmanAdvice  change,
            const char  *format,
            ...) G_GNUC_PRINTF (4, 5);

static void
add_advice (GPtrArray   *findings,
            GArray      *advice,
            ElmanAdvice  change,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (findings, g_strdup_vprintf (format, args));
  va_end (args);
  g_array_append_val (advice, change);
}

/* Warnings with their likely cause, most specific cause first. */
static void
diagnose (ElmanEvaluation   *ev,
          ElmanModel *const *models,
          double             saturated,
          const double      *values,
          const ElmanConfig *config)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) advice = g_array_new (FALSE, FALSE, sizeof (ElmanAdvice));
  const ElmanModel *model = models[0];
  const ElmanScores *net = &ev->scores[ELMAN_FORECASTER_MODEL];
  gsize n_test = ev->n - ev->n_train;
  gboolean poor = FALSE;
  gboolean seed_like = config && config->init == ELMAN_INIT_ZEROS;

  if (hidden_units_identical (model))
    ev->warnings |= ELMAN_WARNING_IDENTICAL_UNITS;
  if (saturated > SATURATED_SHARE)
    ev->warnings |= ELMAN_WARNING_SATURATED;
  if (model->transform == ELMAN_TRANSFORM_NONE &&
      elman_detect_trend (values, ev->n_train) >= ELMAN_TREND_THRESHOLD)
    ev->warnings |= ELMAN_WARNING_TREND_ON_LEVELS;

  if (n_test >= 2 &&
      standard_deviation (ev->one_step_pred, n_test) <
      FLAT_RATIO * standard_deviation (values + ev->n_train, n_test))
    {
      ev->warnings |= ELMAN_WARNING_FLAT;
      poor = TRUE;
      add_advice (messages, advice, ELMAN_ADVICE_NONE,
                  _("The forecast is nearly flat: it varies less than a tenth as much as the data "
                    "over the test part."));
    }
  if (net->mae > ev->scores[ELMAN_FORECASTER_NAIVE].mae)
    {
      ev->warnings |= ELMAN_WARNING_WORSE_THAN_NAIVE;
      poor = TRUE;
      add_advice (messages, advice, ELMAN_ADVICE_NONE,
                  _("The network forecasts worse than the naive forecast (MAE %.4g against %.4g)."),
                  net->mae, ev->scores[ELMAN_FORECASTER_NAIVE].mae);
    }
  if (ev->season > 1 && net->mae > ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mae)
    {
      ev->warnings |= ELMAN_WARNING_WORSE_THAN_SEASONAL;
      poor = TRUE;
      add_advice (messages, advice, ELMAN_ADVICE_NONE,
                  _("The network forecasts worse than repeating the last season (m = %u; MAE %.4g against %.4g)."),
                  ev->season, net->mae, ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mae);
    }

  if (poor)
    {
      gboolean explained = FALSE;

      if (seed_like && config->normalize == ELMAN_NORMALIZE_NONE)
        add_advice (messages, advice, ELMAN_ADVICE_NONE,
                    _("Why the Seed preset learns poorly: with zero initial weights all hidden units stay "
                      "identical, and on unscaled data σ saturates; the recommended preset fixes both."));
      if (ev->warnings & ELMAN_WARNING_IDENTICAL_UNITS)
        {
          add_advice (messages, advice, ELMAN_ADVICE_INIT_GLOROT,
                      _("Likely cause: all %u hidden units are identical. Zero initial weights give every "
                        "unit the same gradient, so they never differ (the Seed preset)."),
                      model->hidden);
          explained = TRUE;
        }
      if (ev->warnings & ELMAN_WARNING_SATURATED)
        {
          add_advice (messages, advice, ELMAN_ADVICE_NORMALIZE_ZSCORE,
                      _("Likely cause: the hidden units are saturated (σ stuck near 0 or 1) because the "
                        "inputs are not scaled."));
          explained = TRUE;
        }
      if (ev->warnings & ELMAN_WARNING_TREND_ON_LEVELS)
        {
          add_advice (messages, advice, ELMAN_ADVICE_TRANSFORM,
                      _("Likely cause: the series has a trend and the network sees raw levels, which a "
                        "sigmoid network cannot extrapolate."));
          explained = TRUE;
        }
      if (seed_like && !explained)
        {
          add_advice (messages, advice, ELMAN_ADVICE_PRESET_RECOMMENDED,
                      _("Likely cause: the Seed preset (zero initial weights, no scaling, plain gradient "
                        "descent) is the derivation, not a tuned learner."));
          explained = TRUE;
        }
      if (!explained)
        add_advice (messages, advice, ELMAN_ADVICE_MORE_TRAINING,
                    _("Likely cause: too little training or too large a network for this series."));
    }

  if (ev->n_acf > 0)
    {
      guint outside = 0, lag_max = 0;
      double worst = 0;

      for (guint l = 0; l < ev->n_acf; l++)
        if (fabs (ev->acf[l]) > ev->acf_bound)
          {
            outside++;
            if (fabs (ev->acf[l]) > worst)
              worst = fabs (ev->acf[l]), lag_max = l + 1;
          }
      /* About 5 % of the lags cross the bounds by chance alone. */
      if (outside > MAX (1, ev->n_acf / 10))
        {
          ev->warnings |= ELMAN_WARNING_RESIDUAL_AUTOCORRELATION;
          add_advice (messages, advice, ELMAN_ADVICE_LONGER_WINDOW,
                      _("The in-sample residuals are autocorrelated (%u of %u lags outside ±%.3f, largest "
                        "at lag %u): structure is left that the model does not use."),
                      outside, ev->n_acf, ev->acf_bound, lag_max);
        }
    }

  g_ptr_array_add (messages, NULL);
  ev->findings = (char **) g_ptr_array_steal (messages, NULL);
  ev->advice = (ElmanAdvice *) g_array_free (g_steal_pointer (&advice), FALSE);
  ev->messages = elman_evaluation_dup_messages (ev, ELMAN_WORDING_APP);
}

/**
 * elman_evaluate:
 * @models: (array length=n_models): the trained network, or the members
 *   of an ensemble (their forecasts are averaged)
 * @values: (array length=n): the whole series in data units
 * @n_train: the first test index; the models were fitted on
 *   values[0…n_train) only
 * @horizon: H, steps per origin (the models' K, or more: recursive)
 * @season: m for seasonal naive and MASE; 0 detects it on the training part
 * @config: (nullable): the configuration the models were trained with,
 *   to explain poor results
 *
 * Scores the network and the baselines on the rolling origins of the
 * test part, plus the one-step and free-running diagnostics.
 *
 * Returns: (transfer full) (nullable): the evaluation, or %NULL with
 *   @error set when the test part is shorter than @horizon
 */
ElmanEvaluation *
elman_evaluate (ElmanModel * const  *models,
                guint                n_models,
                const double        *values,
                gsize                n,
                gsize                n_train,
                guint                horizon,
                guint                season,
                const ElmanConfig   *config,
                GError             **error)
{
  return elman_evaluate_with_fit (models, n_models, values, n, n_train, horizon, season, config, NULL, error);
}

/* The members' passes over the series: the rolling-origin forecasts of
 * the test part, the one-step predictions of values[first…n) into @fit,
 * the free-running run from n_train and the first member's saturated
 * share; one pass per member instead of one per output. */
static gboolean
evaluate_passes (ElmanEvaluation    *ev,
                 ElmanModel * const *models,
                 guint               n_models,
                 const double       *values,
                 gsize               first,
                 double             *fit,
                 double             *saturated,
                 GError            **error)
{
  gsize n = ev->n, n_train = ev->n_train, n_test = n - n_train;

  for (guint r = 0; r < n_models; r++)
    {
      ElmanForecastPass pass = {
        .fit_from = first, .fit_to = n, .fit = fit,
        .first_origin = n_train, .n_origins = ev->n_origins, .steps = ev->horizon, .forecasts = ev->forecasts,
        .free_origin = n_train, .free_steps = n_test, .free_run = ev->free_run_pred,
        .count_saturated = r == 0, .saturated_from = n_train, .saturation_edge = SATURATION_EDGE,
        .n_models = n_models,
      };

      if (!elman_forecast_pass_run (&pass, models[r], values, n, NULL, error))
        return FALSE;
      if (r == 0)
        *saturated = pass.n_activations ? (double) pass.n_saturated / (double) pass.n_activations : 0.0;
    }

  /* A free-running run that overflows is an error, as
   * elman_model_forecast() says it. */
  for (gsize i = 0; i < n_test; i++)
    if (!isfinite (ev->free_run_pred[i]))
      {
        g_autofree double *member = g_new (double, n_test);

        for (guint r = 0; r < n_models; r++)
          if (!elman_model_forecast (models[r], values, n_train, n_test, member, error))
            return FALSE;
        break;
      }
  return TRUE;
}

/* The residual autocorrelation of the in-sample one-step predictions
 * fit[0…n_res) of values[first…); the residuals replace them unless
 * @keep_fit (one array less on a long series). */
static void
evaluate_residual_acf (ElmanEvaluation *ev,
                       const double    *values,
                       gsize            first,
                       double          *fit,
                       gsize            n_res,
                       gboolean         keep_fit)
{
  g_autofree double *copy = NULL;
  double *res;

  ev->n_residuals = n_res;
  if (n_res < 8)
    return;
  res = keep_fit ? (copy = g_new (double, n_res)) : fit;
  for (gsize i = 0; i < n_res; i++)
    res[i] = values[first + i] - fit[i];
  ev->n_acf = (guint) MIN (MAX (10, 2 * (gsize) ev->season), n_res / 2);
  ev->acf = g_new (double, ev->n_acf);
  elman_autocorrelation (res, n_res, ev->n_acf, ev->acf);
  ev->acf_bound = 1.96 / sqrt ((double) n_res);
}

/* The scores of the network (its rolling forecasts) or of a baseline
 * on the evaluation's origins, origin by origin against values[o…o+H):
 * elman_scores_compute() over origins × steps without those arrays. */
static void
score_origins (ElmanEvaluation *ev,
               const double    *values,
               ElmanForecaster  f,
               double          *base)
{
  gsize H = ev->horizon, n_train = ev->n_train;
  ScoreSums sums = { 0 };
  double sum = 0;

  /* The history's mean, kept as a running sum: long test parts would
   * otherwise cost n per origin. */
  if (f == ELMAN_FORECASTER_MEAN)
    for (gsize i = 0; i < n_train; i++)
      sum += values[i];
  for (gsize i = 0; i < ev->n_origins; i++)
    {
      const double *fc = base;

      if (f == ELMAN_FORECASTER_MODEL)
        fc = ev->forecasts + i * H;
      else if (f == ELMAN_FORECASTER_MEAN)
        {
          for (gsize h = 0; h < H; h++)
            base[h] = sum / (double) (n_train + i);
          sum += values[n_train + i];
        }
      else
        elman_baseline_forecast (f, values, n_train + i, ev->season, H, base);
      for (gsize h = 0; h < H; h++)
        score_sums_add (&sums, values[n_train + i + h], fc[h]);
    }
  score_sums_finish (&sums, ev->mase_scale, &ev->scores[f]);
}

/**
 * elman_evaluate_with_fit:
 * @fit: (out) (optional) (transfer full): the mean one-step predictions
 *   of values[elman_models_min_history()…n), which the evaluation
 *   computes anyway (elman_run_predict() gives the same)
 *
 * elman_evaluate(), and the one-step predictions of the whole series
 * from the same passes.
 */
ElmanEvaluation *
elman_evaluate_with_fit (ElmanModel * const  *models,
                         guint                n_models,
                         const double        *values,
                         gsize                n,
                         gsize                n_train,
                         guint                horizon,
                         guint                season,
                         const ElmanConfig   *config,
                         double             **fit,
                         GError             **error)
{
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autofree double *one_step = NULL;
  g_autofree double *base = NULL;
  gsize H, n_test, n_origins, first = 0;
  double saturated = 0;

  g_return_val_if_fail (models != NULL && n_models > 0, NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (horizon > 0, NULL);

  first = elman_models_min_history (models, n_models);

  H = horizon;
  if (n_train > n || n - n_train < H)
    {
      g_set_error (error, ELMAN_EVALUATE_ERROR, ELMAN_EVALUATE_ERROR_TOO_SHORT,
                   _("The test part has %zu values but the horizon is %zu: nothing to evaluate; "
                     "make the test part larger"),
                   n_train <= n ? n - n_train : 0, H);
      return NULL;
    }
  if (n_train < first)
    {
      g_set_error (error, ELMAN_EVALUATE_ERROR, ELMAN_EVALUATE_ERROR_TOO_SHORT,
                   _("The training part has %zu values but the model needs %zu before its first forecast"),
                   n_train, first);
      return NULL;
    }

  n_test = n - n_train;
  n_origins = n_test - H + 1;

  ev = g_new0 (ElmanEvaluation, 1);
  ev->n = n;
  ev->n_train = n_train;
  ev->n_origins = n_origins;
  ev->horizon = horizon;
  ev->n_models = n_models;
  if (season == 0)
    season = elman_detect_season (values, n_train);
  ev->season = MAX (season, 1);
  ev->mase_scale = elman_mase_scale (values, n_train, ev->season);

  /* The network: rolling origin, one-step and free-running, members
   * averaged. */
  ev->forecasts = g_new0 (double, n_origins * H);
  ev->free_run_pred = g_new0 (double, n_test);
  one_step = g_new0 (double, MAX (n - first, 1));
  if (!evaluate_passes (ev, models, n_models, values, first, one_step, &saturated, error))
    return NULL;

  /* The network and the baselines on the same origins. */
  base = g_new (double, H);
  for (ElmanForecaster f = ELMAN_FORECASTER_MODEL; f < ELMAN_N_FORECASTERS; f++)
    score_origins (ev, values, f, base);
  g_clear_pointer (&base, g_free);

  /* Teacher-forced one-step predictions of the whole test part. */
  ev->one_step_pred = g_memdup2 (one_step + (n_train - first), n_test * sizeof (double));
  elman_scores_compute (values + n_train, ev->one_step_pred, n_test, ev->mase_scale, &ev->one_step);
  elman_scores_compute (values + n_train, ev->free_run_pred, n_test, ev->mase_scale, &ev->free_running);

  evaluate_residual_acf (ev, values, first, one_step, n_train - first, fit != NULL);

  diagnose (ev, models, saturated, values, config);

  if (fit != NULL)
    *fit = g_steal_pointer (&one_step);
  return g_steal_pointer (&ev);
}

/**
 * elman_evaluation_dup_messages:
 * @wording: who reads them
 *
 * The warnings, each finding followed by what to change in the words of
 * @wording's interface: the app's controls or elman-cli's flags.
 * @evaluation's own messages are the app's wording.
 *
 * Returns: (transfer full): a %NULL-terminated array of translated lines
 */
char **
elman_evaluation_dup_messages (const ElmanEvaluation *evaluation,
                               ElmanWording           wording)
{
  guint n;
  char **lines;

  g_return_val_if_fail (evaluation != NULL, NULL);

  n = evaluation->findings ? g_strv_length (evaluation->findings) : 0;
  lines = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    lines[i] = elman_advice_append (evaluation->findings[i], evaluation->advice[i], wording);
  return lines;
}

void
elman_evaluation_free (ElmanEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;

  g_free (evaluation->forecasts);
  g_free (evaluation->one_step_pred);
  g_free (evaluation->free_run_pred);
  g_free (evaluation->acf);
  g_free (evaluation->model_label);
  g_strfreev (evaluation->messages);
  g_strfreev (evaluation->findings);
  g_free (evaluation->advice);
  g_free (evaluation);
}

static void
append_number (GString *s,
               double   v,
               int      width)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  elman_format_significant (buf, sizeof buf, v);
  /* Padded by characters: "—" is one column, three bytes. */
  g_string_append_c (s, ' ');
  for (glong i = g_utf8_strlen (buf, -1); i < width; i++)
    g_string_append_c (s, ' ');
  g_string_append (s, buf);
}

static void
append_row (GString           *s,
            const char        *label,
            const ElmanScores *sc)
{
  glong len = g_utf8_strlen (label, -1);

  g_string_append (s, label);
  for (glong i = len; i < 34; i++)
    g_string_append_c (s, ' ');
  append_number (s, sc->rmse, 10);
  append_number (s, sc->mae, 10);
  append_number (s, sc->smape, 9);
  append_number (s, sc->mase, 8);
  g_string_append_c (s, '\n');
}

/**
 * elman_evaluation_format_table:
 *
 * Returns: (transfer full): the model-versus-baselines table as text, one
 *   row per forecaster, then the one-step and free-running diagnostics
 */
char *
elman_evaluation_format_table (const ElmanEvaluation *ev)
{
  GString *s;
  const char *head = _("Method");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  glong len;

  g_return_val_if_fail (ev != NULL, NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, _("Test part: values %zu…%zu, %zu origins × %u steps; MASE scale %s (in-sample "
                               "seasonal naive, m = %u)\n"),
                          ev->n_train, ev->n - 1, ev->n_origins, ev->horizon,
                          elman_format_significant (buf, sizeof buf, ev->mase_scale), ev->season);
  g_string_append (s, head);
  len = g_utf8_strlen (head, -1);
  for (glong i = len; i < 34; i++)
    g_string_append_c (s, ' ');
  g_string_append_printf (s, " %10s %10s %9s %8s\n", "RMSE", "MAE", "sMAPE%", "MASE");
  for (ElmanForecaster f = 0; f < ELMAN_N_FORECASTERS; f++)
    {
      g_autofree char *label = NULL;

      if (f == ELMAN_FORECASTER_MODEL && ev->model_label != NULL)
        label = g_strdup (ev->model_label);
      else if (f == ELMAN_FORECASTER_MODEL && ev->n_models > 1)
        label = g_strdup_printf (_("Elman ensemble of %u"), ev->n_models);
      else
        label = g_strdup (elman_forecaster_get_label (f));
      append_row (s, label, &ev->scores[f]);
    }
  append_row (s, _("Elman one-step (teacher-forced)"), &ev->one_step);
  append_row (s, _("Elman free-running (closed loop)"), &ev->free_running);

  return g_string_free (s, FALSE);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       v)
{
  json_builder_set_member_name (b, name);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
add_scores (JsonBuilder       *b,
            const ElmanScores *sc)
{
  add_double (b, "rmse", sc->rmse);
  add_double (b, "mae", sc->mae);
  add_double (b, "smape", sc->smape);
  add_double (b, "mase", sc->mase);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, (gint64) sc->count);
}

/**
 * elman_evaluation_to_json:
 *
 * Returns: (transfer full): the evaluation as a JSON object (non-finite
 *   numbers as null)
 */
char *
elman_evaluation_to_json (const ElmanEvaluation *ev,
                          gsize                 *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ev != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "elman-metrics");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64) ev->n);
  json_builder_set_member_name (b, "n_train");
  json_builder_add_int_value (b, (gint64) ev->n_train);
  json_builder_set_member_name (b, "origins");
  json_builder_add_int_value (b, (gint64) ev->n_origins);
  json_builder_set_member_name (b, "horizon");
  json_builder_add_int_value (b, ev->horizon);
  json_builder_set_member_name (b, "season");
  json_builder_add_int_value (b, ev->season);
  add_double (b, "mase_scale", ev->mase_scale);
  json_builder_set_member_name (b, "ensemble");
  json_builder_add_int_value (b, ev->n_models);

  json_builder_set_member_name (b, "methods");
  json_builder_begin_array (b);
  for (ElmanForecaster f = 0; f < ELMAN_N_FORECASTERS; f++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, elman_forecaster_to_string (f));
      add_scores (b, &ev->scores[f]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "one_step");
  json_builder_begin_object (b);
  add_scores (b, &ev->one_step);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "free_running");
  json_builder_begin_object (b);
  add_scores (b, &ev->free_running);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "residual_acf");
  json_builder_begin_object (b);
  add_double (b, "bound", ev->n_acf ? ev->acf_bound : NAN);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64) ev->n_residuals);
  json_builder_set_member_name (b, "acf");
  json_builder_begin_array (b);
  for (guint l = 0; l < ev->n_acf; l++)
    json_builder_add_double_value (b, ev->acf[l]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  /* The metrics file is elman-cli's: its warnings name the flags. */
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  {
    g_auto(GStrv) warnings = elman_evaluation_dup_messages (ev, ELMAN_WORDING_CLI);

    for (guint i = 0; warnings[i]; i++)
      json_builder_add_string_value (b, warnings[i]);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, length);
}

/**
 * elman_evaluation_test_forecasts_csv:
 *
 * Returns: (transfer full): CSV with header origin,h,yhat: one row per
 *   origin o (0-based index of the first forecast value) and step
 *   h = 1…H, yhat forecasting y[o + h − 1] in data units
 */
char *
elman_evaluation_test_forecasts_csv (const ElmanEvaluation *ev)
{
  GString *s;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (ev != NULL, NULL);

  s = g_string_new ("origin,h,yhat\n");
  for (gsize i = 0; i < ev->n_origins; i++)
    for (guint h = 1; h <= ev->horizon; h++)
      {
        double yhat = ev->forecasts[i * ev->horizon + h - 1];

        /* Empty, never "inf" or "nan", when the model overflows. */
        g_string_append_printf (s, "%zu,%u,%s\n", ev->n_train + i, h,
                                isfinite (yhat) ? elman_format_double (buf, sizeof buf, yhat) : "");
      }
  return g_string_free (s, FALSE);
}
