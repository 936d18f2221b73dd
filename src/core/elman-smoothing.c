/* elman-smoothing.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-smoothing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "elman-smoothing.h"

/* A network unit h = σ(z) ≈ 1/2 + z/4 for small z: the state s of a
 * smoothing method is carried as h = 1/2 + ε·s/4. The first term left
 * out, z³/48, is a relative error of (ε·s)²/12 ≈ 1e-11 for a state ten
 * times the series' standard deviation; rounding h costs about
 * 4·2^{−53}/ε ≈ 1e-11. */
#define LINEAR_GAIN 1e-5
/* The bias of the unit that tells the first step from the others:
 * σ(40) rounds to 1. */
#define STARTED_BIAS 40.0
/* Values the starting level and slope are fitted on. */
#define START_VALUES 10

/* The 90 % two-sided critical value of a normal distribution: the
 * seasonal test of the Theta method. */
#define Z90 1.6448536269514722

const char *
elman_smoothing_method_name (ElmanSmoothingMethod method)
{
  switch (method)
    {
    case ELMAN_SMOOTHING_SES:
      return _("simple exponential smoothing");
    case ELMAN_SMOOTHING_HOLT:
      return _("Holt’s linear trend");
    case ELMAN_SMOOTHING_DAMPED:
      return _("Holt’s damped trend");
    case ELMAN_SMOOTHING_HOLT_WINTERS:
      return _("Holt–Winters (additive season, damped trend)");
    case ELMAN_SMOOTHING_THETA:
      return _("the Theta method");
    case ELMAN_SMOOTHING_SEASONAL_SES:
      return _("seasonal naive with the smoothed yearly change");
    case ELMAN_SMOOTHING_N_METHODS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * elman_smoothing_season_test:
 * @values: (array length=n): the series
 * @season: m
 *
 * The Theta method's test for a season: the autocorrelation at lag m is
 * significant at 10 % against the bound 1.645·√((1 + 2 Σ_{k<m} r_k²)/n).
 * A season needs three full cycles of data and at most
 * %ELMAN_SMOOTHING_MAX_SEASON values.
 *
 * Returns: @season when the series has that season, else 0
 */
guint
elman_smoothing_season_test (const double *values,
                             gsize         n,
                             guint         season)
{
  double mean = 0, var = 0, sum_sq = 0, r_m = 0;

  g_return_val_if_fail (values != NULL || n == 0, 0);

  if (season < 2 || season > ELMAN_SMOOTHING_MAX_SEASON || n < 3 * (gsize) season)
    return 0;
  for (gsize t = 0; t < n; t++)
    mean += values[t] / (double) n;
  for (gsize t = 0; t < n; t++)
    var += (values[t] - mean) * (values[t] - mean);
  if (!(var > 0))
    return 0;
  for (guint k = 1; k <= season; k++)
    {
      double c = 0;

      for (gsize t = k; t < n; t++)
        c += (values[t] - mean) * (values[t - k] - mean);
      if (k < season)
        sum_sq += (c / var) * (c / var);
      else
        r_m = c / var;
    }
  return fabs (r_m) > Z90 * sqrt ((1 + 2 * sum_sq) / (double) n) ? season : 0;
}

/* Classical additive decomposition: the mean deviation from the centred
 * moving average of one season (2×m for even m) at each position,
 * centred on zero. index[i] is the effect on value i, i < m. */
static void
seasonal_indices (const double *values,
                  gsize         n,
                  guint         m,
                  double       *index)
{
  double sum[ELMAN_SMOOTHING_MAX_SEASON] = { 0 }, mean = 0;
  guint count[ELMAN_SMOOTHING_MAX_SEASON] = { 0 };
  gsize half = m / 2;

  for (gsize t = half; t + half < n; t++)
    {
      double trend = 0;

      if (m % 2 == 1)
        {
          for (gsize j = t - half; j <= t + half; j++)
            trend += values[j];
          trend /= m;
        }
      else
        {
          for (gsize j = t - half + 1; j < t + half; j++)
            trend += values[j];
          trend = (trend + 0.5 * (values[t - half] + values[t + half])) / m;
        }
      sum[t % m] += values[t] - trend;
      count[t % m]++;
    }
  for (guint p = 0; p < m; p++)
    {
      index[p] = count[p] ? sum[p] / count[p] : 0.0;
      mean += index[p] / m;
    }
  for (guint p = 0; p < m; p++)
    index[p] -= mean;
}

/* Least-squares line a + b·t through y[0…n). */
static void
fit_line (const double *y,
          gsize         n,
          double       *a,
          double       *b)
{
  double tm = (n - 1) / 2.0, ym = 0, sxy = 0, sxx = 0;

  for (gsize t = 0; t < n; t++)
    ym += y[t] / (double) n;
  for (gsize t = 0; t < n; t++)
    {
      sxy += (t - tm) * (y[t] - ym);
      sxx += (t - tm) * (t - tm);
    }
  *b = sxx > 0 ? sxy / sxx : 0.0;
  *a = ym - *b * tm;
}

/* The state of a method while it runs: level, slope, Theta's (1 − α)^t
 * and the seasonal effects by position (ring[t mod m] for value t). */
typedef struct
{
  double level;
  double slope;
  double decay;
  double ring[ELMAN_SMOOTHING_MAX_SEASON];
} State;

static void
state_start (const ElmanSmoothing *fit,
             State                *state)
{
  state->level = fit->level;
  state->slope = fit->slope;
  state->decay = 1;
  memcpy (state->ring, fit->seasonal, sizeof state->ring);
}

/* Runs @fit over values[0…n) from @state; returns the sum of squared
 * one-step errors. The one-step forecast that updates the state is
 * level + φ·slope + season: Theta's drift is left out, as in the SES it
 * adds the drift to. */
static double
state_run (const ElmanSmoothing *fit,
           State                *state,
           const double         *values,
           gsize                 n)
{
  guint m = fit->season;
  double sse = 0;

  for (gsize t = 0; t < n; t++)
    {
      double *effect = m ? &state->ring[t % m] : NULL;
      double trend = fit->phi * state->slope;
      double e = values[t] - (state->level + trend + (effect ? *effect : 0.0));

      sse += e * e;
      state->level += trend + fit->alpha * e;
      state->slope = trend + fit->beta * e;
      if (effect)
        *effect += fit->gamma * e;
      state->decay *= 1 - fit->alpha;
    }
  return sse;
}

/* Σ_{i=1…h} φ^i */
static double
damped_sum (double phi,
            gsize  h)
{
  double sum = 0, power = 1;

  for (gsize i = 0; i < h; i++)
    {
      power *= phi;
      sum += power;
    }
  return sum;
}

/**
 * elman_smoothing_forecast:
 * @fit: a fitted method
 * @values: (array length=n): the history it runs over from its start
 * @out: (array length=steps): the forecasts of values[n…n+steps)
 *
 * The forecasts from the formulas: level + (φ + … + φ^h)·slope + the
 * season's effect, and for Theta level + drift·(h − 1 + (1 − (1 − α)^n)/α).
 */
void
elman_smoothing_forecast (const ElmanSmoothing *fit,
                          const double         *values,
                          gsize                 n,
                          gsize                 steps,
                          double               *out)
{
  g_autofree double *changes = NULL;
  const double *series = values;
  gsize n_series = n, lag = fit ? fit->lag : 0;
  State state;

  g_return_if_fail (fit != NULL && (values != NULL || n == 0));

  /* Seasonal SES smooths the changes over a season: its forecasts are
   * changes, added to the value (true or forecast) a season back. */
  if (lag)
    {
      g_return_if_fail (n > lag);
      changes = g_new (double, n - lag);
      for (gsize t = lag; t < n; t++)
        changes[t - lag] = values[t] - values[t - lag];
      values = changes;
      n -= lag;
    }
  state_start (fit, &state);
  state_run (fit, &state, values, n);
  for (gsize h = 1; h <= steps; h++)
    {
      double y = state.level + damped_sum (fit->phi, h) * state.slope;

      if (fit->season)
        y += state.ring[(n + h - 1) % fit->season];
      if (fit->method == ELMAN_SMOOTHING_THETA)
        y += fit->drift * ((double) (h - 1) + (1 - state.decay) / fit->alpha);
      out[h - 1] = y;
    }
  for (gsize h = 1; lag && h <= steps; h++)
    out[h - 1] += h <= lag ? series[n_series + h - 1 - lag] : out[h - 1 - lag];
}

/* The starting states of @fit from the first values of the adjusted
 * series: the level and slope of their least-squares line (the level
 * alone for SES and Theta). */
static void
fit_start (ElmanSmoothing *fit,
           const double   *adjusted,
           gsize           n)
{
  gboolean trend = fit->method == ELMAN_SMOOTHING_HOLT || fit->method == ELMAN_SMOOTHING_DAMPED ||
                   fit->method == ELMAN_SMOOTHING_HOLT_WINTERS;
  double a, b;

  fit_line (adjusted, MIN (n, (gsize) MAX (START_VALUES, 2 * fit->season)), &a, &b);
  fit->slope = trend ? b : 0.0;
  fit->level = trend ? a - fit->phi * fit->slope : adjusted[0];
}

static const double alphas[] = { 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };
static const double betas[] = { 0.005, 0.02, 0.05, 0.1, 0.2 };
static const double phis[] = { 0.8, 0.85, 0.9, 0.95, 0.98 };
static const double gammas[] = { 0.0, 0.05, 0.1, 0.2, 0.3 };

/* The grid point of least SSE for @fit's method; @fit holds the season
 * and starting effects already. */
static void
fit_grid (ElmanSmoothing *fit,
          const double   *values,
          const double   *adjusted,
          gsize           n)
{
  ElmanSmoothingMethod method = fit->method;
  gboolean trend = method == ELMAN_SMOOTHING_HOLT || method == ELMAN_SMOOTHING_DAMPED ||
                   method == ELMAN_SMOOTHING_HOLT_WINTERS;
  gboolean damped = method == ELMAN_SMOOTHING_DAMPED || method == ELMAN_SMOOTHING_HOLT_WINTERS;
  guint n_betas = trend ? G_N_ELEMENTS (betas) : 1;
  guint n_phis = damped ? G_N_ELEMENTS (phis) : 1;
  guint n_gammas = method == ELMAN_SMOOTHING_HOLT_WINTERS ? G_N_ELEMENTS (gammas) : 1;
  ElmanSmoothing best = *fit;

  best.sse = INFINITY;
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    for (guint b = 0; b < n_betas; b++)
      for (guint p = 0; p < n_phis; p++)
        for (guint g = 0; g < n_gammas; g++)
          {
            ElmanSmoothing trial = *fit;
            State state;

            trial.alpha = alphas[a];
            trial.beta = trend ? betas[b] : 0.0;
            trial.phi = damped ? phis[p] : 1.0;
            trial.gamma = n_gammas > 1 ? gammas[g] : 0.0;
            /* The error-correction form is stable only with β ≤ α and
             * γ ≤ 1 − α. */
            if (trial.beta > trial.alpha || trial.gamma > 1 - trial.alpha)
              continue;
            fit_start (&trial, adjusted, n);
            state_start (&trial, &state);
            trial.sse = state_run (&trial, &state, values, n);
            /* Strictly lower: of equal fits the first, the smoother. */
            if (trial.sse < best.sse)
              best = trial;
          }
  *fit = best;
}

/* SES on the changes over one season, m values back. */
static gboolean
fit_seasonal_ses (const double   *values,
                  gsize           n,
                  guint           season,
                  ElmanSmoothing *fit)
{
  g_autofree double *changes = NULL;

  if (season < 2 || n < 3 * (gsize) season)
    return FALSE;
  changes = g_new (double, n - season);
  for (gsize t = season; t < n; t++)
    changes[t - season] = values[t] - values[t - season];
  fit_grid (fit, changes, changes, n - season);
  fit->lag = season;
  return isfinite (fit->sse);
}

/**
 * elman_smoothing_fit:
 * @method: the method
 * @values: (array length=n): the series
 * @season: m, or 0 or 1 for none
 * @fit: (out): the method fitted
 *
 * Fits @method on @values by the least sum of squared one-step errors
 * over a coarse grid of α, β, φ and γ (β ≤ α and γ ≤ 1 − α, where the
 * error-correction form is stable). The season, when significant
 * (elman_smoothing_season_test(); Holt–Winters needs only the three
 * cycles), starts from the classical additive indices of @values; the
 * level and slope from the least-squares line of the first values.
 * Theta's α is that of SES and its drift half the slope of the line
 * through all of the adjusted @values.
 *
 * Returns: %FALSE when @values is too short (fewer than 3 values, or no
 *   season for Holt–Winters)
 */
gboolean
elman_smoothing_fit (ElmanSmoothingMethod  method,
                     const double         *values,
                     gsize                 n,
                     guint                 season,
                     ElmanSmoothing       *fit)
{
  g_autofree double *adjusted = NULL;

  g_return_val_if_fail (method < ELMAN_SMOOTHING_N_METHODS, FALSE);
  g_return_val_if_fail (values != NULL && fit != NULL, FALSE);

  memset (fit, 0, sizeof *fit);
  fit->method = method;
  fit->phi = 1;
  fit->sse = INFINITY;
  if (n < 3)
    return FALSE;
  if (method == ELMAN_SMOOTHING_SEASONAL_SES)
    return fit_seasonal_ses (values, n, season, fit);
  if (method == ELMAN_SMOOTHING_HOLT_WINTERS)
    fit->season = season >= 2 && season <= ELMAN_SMOOTHING_MAX_SEASON && n >= 3 * (gsize) season ? season : 0;
  else
    fit->season = elman_smoothing_season_test (values, n, season);
  if (method == ELMAN_SMOOTHING_HOLT_WINTERS && fit->season == 0)
    return FALSE;
  if (fit->season)
    seasonal_indices (values, n, fit->season, fit->seasonal);
  adjusted = g_new (double, n);
  for (gsize t = 0; t < n; t++)
    adjusted[t] = values[t] - (fit->season ? fit->seasonal[t % fit->season] : 0.0);

  fit_grid (fit, values, adjusted, n);
  if (method == ELMAN_SMOOTHING_THETA)
    {
      double a, b;

      fit_line (adjusted, n, &a, &b);
      fit->drift = b / 2;
    }
  return isfinite (fit->sse);
}

/* ---- as a network ---- */

/* The state of @fit as a vector, in the order the network keeps it:
 * level, slope, (1 − α)^t, then the seasonal effects of the next m
 * values, the next value's first. */
static guint
state_size (const ElmanSmoothing *fit)
{
  return 3 + fit->season;
}

/* x_t = F x_{t−1} + g y_t, F = D − g·wᵀ: D moves the state one step
 * without an error (level += φ·slope, slope ·= φ, the effects shift by
 * one, the decay ·= 1 − α), g spreads the error (α, β, γ on the effect
 * just used, which becomes the last) and w is the one-step forecast. */
static void
state_space (const ElmanSmoothing *fit,
             double               *F,
             double               *g)
{
  guint d = state_size (fit), m = fit->season;
  g_autofree double *D = g_new0 (double, d * d);
  g_autofree double *w = g_new0 (double, d);

  D[0 * d + 0] = 1, D[0 * d + 1] = fit->phi;
  D[1 * d + 1] = fit->phi;
  D[2 * d + 2] = 1 - fit->alpha;
  for (guint q = 0; q < m; q++)
    D[(3 + q) * d + 3 + (q + 1) % m] = 1;
  memset (g, 0, d * sizeof (double));
  g[0] = fit->alpha;
  g[1] = fit->beta;
  w[0] = 1, w[1] = fit->phi;
  if (m)
    {
      g[3 + m - 1] = fit->gamma;
      w[3] = 1;
    }
  for (guint i = 0; i < d; i++)
    for (guint j = 0; j < d; j++)
      F[i * d + j] = D[i * d + j] - g[i] * w[j];
}

/* Step h's forecast as H·x + C: @H gets d values. */
static double
forecast_row (const ElmanSmoothing *fit,
              guint                 h,
              double               *H)
{
  guint d = state_size (fit), m = fit->season;

  memset (H, 0, d * sizeof (double));
  H[0] = 1;
  H[1] = damped_sum (fit->phi, h);
  if (m)
    H[3 + (h - 1) % m] = 1;
  if (fit->method != ELMAN_SMOOTHING_THETA)
    return 0;
  H[2] = -fit->drift / fit->alpha;
  return fit->drift * ((double) h - 1 + 1 / fit->alpha);
}

/* The starting state, in the network's units (values → (v − offset)/scale). */
static void
start_vector (const ElmanSmoothing *fit,
              double                offset,
              double                scale,
              double               *x)
{
  x[0] = (fit->level - offset) / scale;
  x[1] = fit->slope / scale;
  x[2] = 1;
  for (guint q = 0; q < fit->season; q++)
    x[3 + q] = fit->seasonal[q] / scale;
}

/* Writes @fit's units, d of them from unit @first, into @model, whose
 * unit 0 is 0 before the first step and 1 after. With s the state and
 * h = 1/2 + ε·s/4 (LINEAR_GAIN), z = ε·(F s + g·y) needs W = 4F, U = ε·g
 * and, for the ½ of every unit, −2·ΣF on unit 0; on the first step unit
 * 0 and the state are still 0 (h^0 = 0), and the bias ε·F·x₀ stands in
 * for the starting state x₀. The outputs add @weight times H·s + C. */
static void
write_units (const ElmanSmoothing *fit,
             ElmanModel           *model,
             guint                 first,
             double                weight)
{
  guint d = state_size (fit), J = model->hidden;
  double eps = LINEAR_GAIN, scale = model->scale;
  g_autofree double *F = g_new (double, d * d);
  g_autofree double *g = g_new (double, d);
  g_autofree double *x0 = g_new (double, d);
  g_autofree double *H = g_new (double, d);

  state_space (fit, F, g);
  start_vector (fit, model->offset, scale, x0);
  for (guint i = 0; i < d; i++)
    {
      double *row = model->W + (gsize) (first + i) * J;
      double sum = 0, start = 0;

      for (guint j = 0; j < d; j++)
        {
          row[first + j] = 4 * F[i * d + j];
          sum += F[i * d + j];
          start += F[i * d + j] * x0[j];
        }
      model->U[first + i] = eps * g[i];
      model->b[first + i] = eps * start;
      row[0] = -2 * sum - model->b[first + i];
    }
  for (guint k = 0; k < model->horizon; k++)
    {
      double C = forecast_row (fit, k + 1, H) / scale;

      model->c[k] += weight * C;
      for (guint j = 0; j < d; j++)
        {
          double v = weight * 4 * H[j] / eps;

          model->V[(gsize) k * J + first + j] = v;
          model->c[k] -= 0.5 * v;
        }
    }
}

/**
 * elman_smoothing_model_new:
 * @fits: (array length=n_fits): fitted methods
 * @horizon: K
 * @values: (array length=n): the values they were fitted on (for the
 *   network's offset and scale)
 *
 * The mean of @fits as a network that runs through the networks' own
 * code (forecasts, intervals, evaluation, model files): every method is
 * linear in the series, so a unit in the near-linear middle of the
 * sigmoid carries each number of its state, the recurrent weights
 * carry the state-space matrices and one more unit, 1 after the first
 * step, restores the ½ the sigmoid adds. The input is the value itself
 * (window 1, no differencing), its state starts with the series and
 * its K outputs are the formulas' forecasts to within about 1e-9
 * relative. Beyond K the network feeds its forecasts back in, which
 * leaves a smoothing method's forecasts unchanged (with several @fits
 * each then goes on from their mean: separate models keep to their
 * own formulas).
 *
 * Returns: (transfer full): the model
 */
ElmanModel *
elman_smoothing_model_new (const ElmanSmoothing *fits,
                           guint                 n_fits,
                           guint                 horizon,
                           const double         *values,
                           gsize                 n)
{
  ElmanModel *model;
  double mean = 0, var = 0;
  guint J = 1, first = 1, lag;

  g_return_val_if_fail (fits != NULL && n_fits > 0 && horizon > 0, NULL);
  g_return_val_if_fail (values != NULL && n > fits[0].lag, NULL);

  /* One input for all: the methods of one network share the lag. */
  lag = fits[0].lag;
  for (guint i = 0; i < n_fits; i++)
    {
      g_return_val_if_fail (fits[i].lag == lag, NULL);
      J += state_size (&fits[i]);
    }
  model = elman_model_new (1, horizon, J, TRUE);
  for (gsize t = lag; t < n; t++)
    mean += (values[t] - (lag ? values[t - lag] : 0.0)) / (double) (n - lag);
  for (gsize t = lag; t < n; t++)
    {
      double d = values[t] - (lag ? values[t - lag] : 0.0) - mean;

      var += d * d / (double) (n - lag);
    }
  model->normalize = ELMAN_NORMALIZE_ZSCORE;
  model->offset = mean;
  model->scale = var > 0 ? sqrt (var) : MAX (fabs (mean), 1.0);
  model->transform = lag ? ELMAN_TRANSFORM_SEASONAL_DIFF : ELMAN_TRANSFORM_NONE;
  model->season = lag;
  memset (model->W, 0, (gsize) J * J * sizeof (double));
  memset (model->U, 0, J * sizeof (double));
  memset (model->V, 0, (gsize) horizon * J * sizeof (double));
  memset (model->b, 0, J * sizeof (double));
  memset (model->c, 0, horizon * sizeof (double));
  model->b[0] = STARTED_BIAS;
  for (guint i = 0; i < n_fits; i++)
    {
      write_units (&fits[i], model, first, 1.0 / n_fits);
      first += state_size (&fits[i]);
    }
  return model;
}
