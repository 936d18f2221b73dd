/* elman-model.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "elman-kernels-private.h"
#include "elman-model-private.h"
#include "elman-rng.h"

G_DEFINE_QUARK (elman-model-error-quark, elman_model_error)

/**
 * elman_model_new:
 *
 * Returns: (transfer full): a model with all weights zero (the
 *   derivation's start), identity normalization and no transform
 */
ElmanModel *
elman_model_new (guint    window,
                 guint    horizon,
                 guint    hidden,
                 gboolean bias)
{
  ElmanModel *model;

  g_return_val_if_fail (window > 0 && horizon > 0 && hidden > 0, NULL);

  model = g_new0 (ElmanModel, 1);
  model->window = window;
  model->horizon = horizon;
  model->hidden = hidden;
  model->W = g_new0 (double, (gsize) hidden * hidden);
  model->U = g_new0 (double, (gsize) hidden * window);
  model->V = g_new0 (double, (gsize) horizon * hidden);
  if (bias)
    {
      model->b = g_new0 (double, hidden);
      model->c = g_new0 (double, horizon);
    }
  model->normalize = ELMAN_NORMALIZE_NONE;
  model->offset = 0.0;
  model->scale = 1.0;
  model->transform = ELMAN_TRANSFORM_NONE;
  model->season = 0;

  return model;
}

ElmanModel *
elman_model_copy (const ElmanModel *model)
{
  ElmanModel *copy;
  gsize J, T, K;

  g_return_val_if_fail (model != NULL, NULL);

  J = model->hidden, T = model->window, K = model->horizon;
  copy = g_memdup2 (model, sizeof *model);
  copy->W = g_memdup2 (model->W, J * J * sizeof (double));
  copy->U = g_memdup2 (model->U, J * T * sizeof (double));
  copy->V = g_memdup2 (model->V, K * J * sizeof (double));
  copy->b = model->b ? g_memdup2 (model->b, J * sizeof (double)) : NULL;
  copy->c = model->c ? g_memdup2 (model->c, K * sizeof (double)) : NULL;

  return copy;
}

void
elman_model_free (ElmanModel *model)
{
  if (model == NULL)
    return;

  g_free (model->W);
  g_free (model->U);
  g_free (model->V);
  g_free (model->b);
  g_free (model->c);
  g_free (model);
}

gboolean
elman_model_has_bias (const ElmanModel *model)
{
  g_return_val_if_fail (model != NULL, FALSE);

  return model->b != NULL;
}

/**
 * elman_model_n_params:
 *
 * Returns: the number of weights, laid out as W, U, V, b, c
 */
gsize
elman_model_n_params (const ElmanModel *model)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  gsize n = J * J + J * T + K * J;

  if (model->b)
    n += J + K;
  return n;
}

static gboolean
all_finite (const double *v,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

gboolean
elman_model_is_finite (const ElmanModel *model)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;

  return all_finite (model->W, J * J) && all_finite (model->U, J * T) &&
         all_finite (model->V, K * J) &&
         (model->b == NULL || all_finite (model->b, J)) &&
         (model->c == NULL || all_finite (model->c, K)) &&
         isfinite (model->offset) && isfinite (model->scale) && model->scale != 0;
}

static gboolean
same_doubles (const double *a,
              const double *b,
              gsize         n)
{
  if (a == NULL || b == NULL)
    return a == b;
  return memcmp (a, b, n * sizeof (double)) == 0;
}

/**
 * elman_model_equal:
 *
 * Returns: %TRUE when @a and @b have the same shape, pipeline and
 *   bit-identical weights
 */
gboolean
elman_model_equal (const ElmanModel *a,
                   const ElmanModel *b)
{
  gsize J, T, K;

  if (a->window != b->window || a->horizon != b->horizon || a->hidden != b->hidden ||
      a->normalize != b->normalize || a->transform != b->transform || a->season != b->season ||
      memcmp (&a->offset, &b->offset, sizeof (double)) != 0 ||
      memcmp (&a->scale, &b->scale, sizeof (double)) != 0)
    return FALSE;

  J = a->hidden, T = a->window, K = a->horizon;
  return same_doubles (a->W, b->W, J * J) && same_doubles (a->U, b->U, J * T) &&
         same_doubles (a->V, b->V, K * J) && same_doubles (a->b, b->b, J) &&
         same_doubles (a->c, b->c, K);
}

static void
fill_uniform (ElmanRng *rng,
              double   *v,
              gsize     n,
              double    limit)
{
  for (gsize i = 0; i < n; i++)
    v[i] = limit * (2.0 * elman_rng_next_double (rng) - 1.0);
}

/**
 * elman_model_init_glorot:
 *
 * Draws every matrix from U(−a, a), a = √(6 / (fan_in + fan_out)), with a
 * portable generator seeded by @seed; biases are set to zero.
 */
void
elman_model_init_glorot (ElmanModel *model,
                         guint64     seed)
{
  ElmanRng rng;
  gsize J = model->hidden, T = model->window, K = model->horizon;

  g_return_if_fail (model != NULL);

  elman_rng_init (&rng, seed);
  fill_uniform (&rng, model->W, J * J, sqrt (6.0 / (double) (J + J)));
  fill_uniform (&rng, model->U, J * T, sqrt (6.0 / (double) (T + J)));
  fill_uniform (&rng, model->V, K * J, sqrt (6.0 / (double) (J + K)));
  if (model->b)
    {
      memset (model->b, 0, J * sizeof (double));
      memset (model->c, 0, K * sizeof (double));
    }
}

gsize
elman_model_lag (const ElmanModel *model)
{
  switch (model->transform)
    {
    case ELMAN_TRANSFORM_DIFF:
      return 1;
    case ELMAN_TRANSFORM_SEASONAL_DIFF:
      return MAX (model->season, 1);
    case ELMAN_TRANSFORM_NONE:
    case ELMAN_TRANSFORM_RELATIVE:
    case ELMAN_TRANSFORM_RELATIVE_MEAN:
    case ELMAN_TRANSFORM_AUTO:
    default:
      return 0;
    }
}

gsize
elman_model_min_history (const ElmanModel *model)
{
  g_return_val_if_fail (model != NULL, 0);

  return elman_model_lag (model) + model->window;
}

gsize
elman_model_to_network (const ElmanModel *model,
                        const double     *values,
                        gsize             n,
                        double           *u)
{
  gsize lag = elman_model_lag (model);
  double offset = model->offset, inv_scale = 1.0 / model->scale;

  if (n <= lag)
    return 0;

  for (gsize i = lag; i < n; i++)
    {
      double z = lag ? values[i] - values[i - lag] : values[i];
      u[i - lag] = (z - offset) * inv_scale;
    }

  return n - lag;
}

double
elman_model_window_input (const ElmanModel *model,
                          const double     *u,
                          gsize             w,
                          double           *x)
{
  gsize T = model->window;
  double anchor = elman_window_anchor (model->transform, u + w, T);

  for (gsize j = 0; j < T; j++)
    x[j] = u[w + j] - anchor;

  return anchor;
}

void
elman_model_step (const ElmanModel *model,
                  const double     *h_prev,
                  const double     *x,
                  double           *h,
                  double           *y)
{
  elman_kernel_ops_best ()->model_step (model, h_prev, x, h, y);
}

void
elman_model_step_reference (const ElmanModel *model,
                            const double     *h_prev,
                            const double     *x,
                            double           *h,
                            double           *y)
{
  gsize J = model->hidden, T = model->window;

  /* h^t = σ(W h^{t−1} + U x^t + b) */
  for (gsize i = 0; i < J; i++)
    {
      const double *Ui = model->U + i * T;
      double a = model->b ? model->b[i] : 0.0;

      if (h_prev)
        {
          const double *Wi = model->W + i * J;
          for (gsize j = 0; j < J; j++)
            a += Wi[j] * h_prev[j];
        }
      for (gsize j = 0; j < T; j++)
        a += Ui[j] * x[j];
      h[i] = elman_sigmoid (a);
    }

  if (y != NULL)
    elman_model_outputs (model, h, y);
}

/* ŷ^t = V h^t + c, in plain loops. */
void
elman_model_outputs (const ElmanModel *model,
                     const double     *h,
                     double           *y)
{
  gsize J = model->hidden, K = model->horizon;

  for (gsize k = 0; k < K; k++)
    {
      const double *Vk = model->V + k * J;
      double a = model->c ? model->c[k] : 0.0;

      for (gsize j = 0; j < J; j++)
        a += Vk[j] * h[j];
      y[k] = a;
    }
}

void
elman_model_outputs_to_data (const ElmanModel *model,
                             const double     *history,
                             gsize             s,
                             double            anchor,
                             const double     *y,
                             double           *out)
{
  gsize K = model->horizon, lag = elman_model_lag (model);

  for (gsize k = 0; k < K; k++)
    {
      double z = (anchor + y[k]) * model->scale + model->offset;

      if (lag == 0)
        out[k] = z;
      else
        {
          /* x̂_{s+k} = z + x_{s+k−lag}, the latter true when before s,
           * else forecast a few steps earlier. */
          double base = k >= lag ? out[k - lag] : history[s + k - lag];
          out[k] = z + base;
        }
    }
}

/* Runs the recurrence over windows 0…n_windows−1 of values[0…n), h^0 = 0
 * and h carried from window to window (as in training): window w's K
 * outputs (data units) go to @out[w·K…] and its state h^w to
 * @states[w·J…], each when non-%NULL. */
static void
run_windows (const ElmanModel *model,
             const double     *values,
             gsize             n,
             gsize             n_windows,
             double           *out,
             double           *states)
{
  gsize T = model->window, K = model->horizon, J = model->hidden;
  gsize first = elman_model_min_history (model);
  g_autofree double *u = g_new (double, n);
  g_autofree double *h = g_new0 (double, 2 * J);
  g_autofree double *x = g_new (double, T);
  g_autofree double *y = g_new (double, K);
  G_GNUC_UNUSED gsize nu;

  nu = elman_model_to_network (model, values, n, u);
  g_assert (nu + elman_model_lag (model) == n);

  for (gsize w = 0; w < n_windows; w++)
    {
      double *h_prev = (w & 1) ? h : h + J;
      double *h_cur = (w & 1) ? h + J : h;
      double anchor = elman_model_window_input (model, u, w, x);

      elman_model_step (model, w ? h_prev : NULL, x, h_cur, y);
      if (out)
        elman_model_outputs_to_data (model, values, first + w, anchor, y, out + w * K);
      if (states)
        memcpy (states + w * J, h_cur, J * sizeof (double));
    }
}

gsize
elman_model_predict (const ElmanModel *model,
                     const double     *values,
                     gsize             n,
                     gboolean          include_tail,
                     double           *out)
{
  gsize K, first, n_windows;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (values != NULL || n == 0, 0);

  K = model->horizon;
  first = elman_model_min_history (model);
  if (n < first)
    return 0;
  n_windows = include_tail ? n - first + 1 : (n >= first + K ? n - first - K + 1 : 0);
  if (n_windows == 0)
    return 0;

  run_windows (model, values, n, n_windows, out, NULL);
  return n_windows;
}

/**
 * elman_model_hidden_states:
 * @values: (array length=n): the series in data units
 * @states: (out caller-allocates): (n − elman_model_min_history() + 1) × J
 *   values
 *
 * The hidden states h^t of every window of @values, as
 * elman_model_predict() computes them with @include_tail: h^0 = 0 before
 * the first window, then the state carried from window to window.
 * @states[w·J + j] is unit j after window w, whose last input is the
 * series value values[elman_model_min_history() − 1 + w]: the state at
 * series index first − 1 + w has seen the series up to and including that
 * index (and predicts the K values after it).
 *
 * Returns: the number of states, n − elman_model_min_history() + 1
 *   (0 when the series is shorter than a window)
 */
gsize
elman_model_hidden_states (const ElmanModel *model,
                           const double     *values,
                           gsize             n,
                           double           *states)
{
  gsize first, n_windows;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (values != NULL || n == 0, 0);
  g_return_val_if_fail (states != NULL, 0);

  first = elman_model_min_history (model);
  if (n < first)
    return 0;
  n_windows = n - first + 1;
  run_windows (model, values, n, n_windows, NULL, states);
  return n_windows;
}

/**
 * elman_model_forecast:
 * @out: (array length=steps): the forecast of values[n…n+steps−1]
 *
 * Returns: %FALSE when the history is shorter than
 *   elman_model_min_history()
 */
gboolean
elman_model_forecast (const ElmanModel  *model,
                      const double      *values,
                      gsize              n,
                      gsize              steps,
                      double            *out,
                      GError           **error)
{
  gsize T, K, J, first, lag, total, produced = 0;
  g_autofree double *series = NULL;
  g_autofree double *u = NULL;
  g_autofree double *h = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *block = NULL;
  double *h_prev, *h_cur;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n == 0, FALSE);

  T = model->window, K = model->horizon, J = model->hidden;
  first = elman_model_min_history (model);
  lag = elman_model_lag (model);
  if (n < first)
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_TOO_SHORT,
                   _("The model needs at least %zu values of history (window T = %u), but the series has %zu"),
                   first, model->window, n);
      return FALSE;
    }
  if (steps == 0)
    return TRUE;

  /* The series grows by the forecasts, in data units and network units. */
  total = n + steps + K;
  series = g_new (double, total);
  memcpy (series, values, n * sizeof (double));
  u = g_new (double, total);
  elman_model_to_network (model, series, n, u);
  h = g_new0 (double, 2 * J);
  x = g_new (double, T);
  y = g_new (double, K);
  block = g_new (double, K);

  h_prev = h, h_cur = h + J;
  /* Run over the true history: windows whose first target is s = first…n. */
  for (gsize s = first; ; s++)
    {
      double anchor = elman_model_window_input (model, u, s - first, x);
      double *tmp;

      elman_model_step (model, s > first ? h_prev : NULL, x, h_cur, y);
      tmp = h_prev, h_prev = h_cur, h_cur = tmp;

      if (s < n + produced)
        continue;

      /* s is the first unknown value: take the window's K outputs, then
       * feed them back one window at a time. */
      elman_model_outputs_to_data (model, series, s, anchor, y, block);
      for (gsize k = 0; k < K && produced < steps; k++)
        {
          gsize i = n + produced;

          /* Weights or a normalization that overflow on this series: a
           * forecast of inf or NaN must never reach a file or a plot. */
          if (!isfinite (block[k]))
            {
              g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_NOT_FINITE,
                           _("The forecast is not a finite number from step %zu on: the model overflows on this series"),
                           produced + 1);
              return FALSE;
            }
          series[i] = block[k];
          u[i - lag] = ((lag ? series[i] - series[i - lag] : series[i]) - model->offset) / model->scale;
          out[produced++] = block[k];
        }
      if (produced >= steps)
        break;
    }

  return TRUE;
}
