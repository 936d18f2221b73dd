/* test-model.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "elman-ensemble.h"
#include "elman-ensemble-private.h"
#include "elman-evaluate.h"
#include "elman-kernels.h"
#include "elman-model-private.h"
#include "elman-rng.h"
#include "elman-trainer.h"

static double *
random_series (guint64 seed,
               gsize   n)
{
  ElmanRng rng;
  double *u = g_new (double, n);

  elman_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    u[i] = 2.0 * elman_rng_next_double (&rng) - 1.0;
  return u;
}

static ElmanModel *
random_model (guint    T,
              guint    K,
              guint    J,
              gboolean bias,
              guint64  seed)
{
  ElmanModel *model = elman_model_new (T, K, J, bias);
  ElmanRng rng;

  elman_model_init_glorot (model, seed);
  if (bias)
    {
      elman_rng_init (&rng, seed + 1000);
      for (guint i = 0; i < J; i++)
        model->b[i] = 0.5 * (2.0 * elman_rng_next_double (&rng) - 1.0);
      for (guint k = 0; k < K; k++)
        model->c[k] = 0.5 * (2.0 * elman_rng_next_double (&rng) - 1.0);
    }
  return model;
}

/* Pointers to each weight in the order of the gradient: W, U, V, b, c. */
static double *
param_at (ElmanModel *model,
          gsize       index)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  double *blocks[] = { model->W, model->U, model->V, model->b, model->c };
  gsize sizes[] = { J * J, J * T, K * J, J, K };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      if (blocks[i] == NULL)
        continue;
      if (index < sizes[i])
        return blocks[i] + index;
      index -= sizes[i];
    }
  g_assert_not_reached ();
}

/* The truncated gradient is the gradient of a loss in which every h^{t−1}
 * is a constant: freeze the hidden states of the unperturbed forward pass
 * and differentiate the sum of per-window losses computed from them. */
static double
frozen_loss (const ElmanModel *model,
             const double     *frozen_h,
             const double     *u,
             gsize             n_windows)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  g_autofree double *x = g_new (double, T);
  g_autofree double *h = g_new (double, J);
  g_autofree double *y = g_new (double, K);
  double loss = 0;

  for (gsize w = 0; w < n_windows; w++)
    {
      double anchor = elman_model_window_input (model, u, w, x);
      elman_model_step (model, w ? frozen_h + (w - 1) * J : NULL, x, h, y);
      for (gsize k = 0; k < K; k++)
        {
          double d = y[k] - (u[w + T + k] - anchor);
          loss += 0.5 * d * d;
        }
    }
  return loss;
}

static void
record_hidden (const ElmanModel *model,
               const double     *u,
               gsize             n_windows,
               double           *hidden)
{
  gsize J = model->hidden, T = model->window;
  g_autofree double *x = g_new (double, T);

  for (gsize w = 0; w < n_windows; w++)
    {
      elman_model_window_input (model, u, w, x);
      elman_model_step (model, w ? hidden + (w - 1) * J : NULL, x, hidden + w * J, NULL);
    }
}

static void
check_gradient (ElmanGradient  gradient,
                gboolean       bias,
                ElmanTransform transform,
                guint64        seed)
{
  guint T = 3 + seed % 3, K = 1 + seed % 3, J = 2 + seed % 4;
  gsize n = 20 + seed % 7, n_windows = n - T - K + 1;
  g_autoptr(ElmanModel) model = random_model (T, K, J, bias, seed);
  g_autofree double *u = random_series (seed * 7 + 3, n);
  g_autofree double *grad = NULL;
  g_autofree double *frozen = g_new (double, n_windows * J);
  gsize n_params = elman_model_n_params (model);
  double max_rel = 0;

  model->transform = transform;
  grad = g_new (double, n_params);
  elman_model_loss_and_gradient (model, u, n, gradient, ELMAN_LOSS_SUM, grad);
  record_hidden (model, u, n_windows, frozen);

  for (gsize p = 0; p < n_params; p++)
    {
      double *w = param_at (model, p);
      double saved = *w, h = 1e-5, plus, minus, numeric, rel;

      *w = saved + h;
      plus = gradient == ELMAN_GRADIENT_BPTT
             ? elman_model_loss_and_gradient (model, u, n, gradient, ELMAN_LOSS_SUM, NULL)
             : frozen_loss (model, frozen, u, n_windows);
      *w = saved - h;
      minus = gradient == ELMAN_GRADIENT_BPTT
              ? elman_model_loss_and_gradient (model, u, n, gradient, ELMAN_LOSS_SUM, NULL)
              : frozen_loss (model, frozen, u, n_windows);
      *w = saved;

      numeric = (plus - minus) / (2 * h);
      rel = fabs (numeric - grad[p]) / MAX (1e-3, fabs (numeric) + fabs (grad[p]));
      max_rel = MAX (max_rel, rel);
    }

  g_test_message ("%s bias=%d transform=%d T=%u K=%u J=%u: max relative error %.2e",
                  elman_gradient_to_string (gradient), bias, transform, T, K, J, max_rel);
  g_assert_cmpfloat (max_rel, <, 1e-6);
}

static void
test_gradient_truncated (void)
{
  for (guint64 seed = 1; seed <= 6; seed++)
    {
      check_gradient (ELMAN_GRADIENT_TRUNCATED, FALSE, ELMAN_TRANSFORM_NONE, seed);
      check_gradient (ELMAN_GRADIENT_TRUNCATED, TRUE, ELMAN_TRANSFORM_NONE, seed);
    }
  check_gradient (ELMAN_GRADIENT_TRUNCATED, TRUE, ELMAN_TRANSFORM_RELATIVE, 9);
  check_gradient (ELMAN_GRADIENT_TRUNCATED, TRUE, ELMAN_TRANSFORM_RELATIVE_MEAN, 10);
}

static void
test_gradient_bptt (void)
{
  for (guint64 seed = 1; seed <= 6; seed++)
    {
      check_gradient (ELMAN_GRADIENT_BPTT, FALSE, ELMAN_TRANSFORM_NONE, seed);
      check_gradient (ELMAN_GRADIENT_BPTT, TRUE, ELMAN_TRANSFORM_NONE, seed);
    }
  check_gradient (ELMAN_GRADIENT_BPTT, TRUE, ELMAN_TRANSFORM_RELATIVE, 9);
  check_gradient (ELMAN_GRADIENT_BPTT, TRUE, ELMAN_TRANSFORM_RELATIVE_MEAN, 10);
}

/* The truncated gradient is the derivation's formula, written out here
 * once more as plain loops over the windows. */
static void
test_truncated_matches_derivation (void)
{
  guint T = 4, K = 2, J = 3;
  gsize n = 30, N = n - T - K + 1;
  g_autoptr(ElmanModel) model = random_model (T, K, J, FALSE, 11);
  g_autofree double *u = random_series (5, n);
  g_autofree double *grad = g_new (double, elman_model_n_params (model));
  g_autofree double *ref = g_new0 (double, elman_model_n_params (model));
  double hp[3] = { 0, 0, 0 }, h[3], y[2];
  double *dW = ref, *dU = ref + J * J, *dV = dU + J * T;

  elman_model_loss_and_gradient (model, u, n, ELMAN_GRADIENT_TRUNCATED, ELMAN_LOSS_SUM, grad);
  for (gsize t = 0; t < N; t++)
    {
      const double *x = u + t;
      double e[2], delta[3];

      elman_model_step (model, hp, x, h, y);
      for (guint k = 0; k < K; k++)
        e[k] = y[k] - u[t + T + k];
      for (guint j = 0; j < J; j++)
        {
          double g = 0;
          for (guint k = 0; k < K; k++)
            g += model->V[k * J + j] * e[k];
          delta[j] = g * h[j] * (1 - h[j]);
        }
      for (guint k = 0; k < K; k++)
        for (guint j = 0; j < J; j++)
          dV[k * J + j] += e[k] * h[j];
      for (guint i = 0; i < J; i++)
        {
          for (guint j = 0; j < T; j++)
            dU[i * T + j] += delta[i] * x[j];
          for (guint j = 0; j < J; j++)
            dW[i * J + j] += delta[i] * hp[j];
        }
      memcpy (hp, h, sizeof h);
    }

  for (gsize p = 0; p < elman_model_n_params (model); p++)
    g_assert_cmpfloat_with_epsilon (grad[p], ref[p], 1e-12 * MAX (1, fabs (ref[p])));
}

static void
test_zero_init_symmetric (void)
{
  ElmanConfig config;
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *values = g_new (double, 200);
  const ElmanModel *model;

  for (guint i = 0; i < 200; i++)
    values[i] = sin (i * 0.3) * 0.5;

  elman_config_init (&config, ELMAN_PRESET_SEED);
  config.window = 5, config.horizon = 2, config.hidden = 4;
  config.learning_rate = 1e-3;
  config.epochs = 50;
  trainer = elman_trainer_new (&config, values, 200, NULL, &error);
  g_assert_no_error (error);
  while (!elman_trainer_is_done (trainer))
    {
      elman_trainer_step (trainer, NULL, &error);
      g_assert_no_error (error);
    }

  /* Zero weights: every hidden unit gets the same gradient forever, so
   * the rows of W and U and the columns of V stay identical. */
  model = elman_trainer_get_model (trainer);
  for (guint i = 1; i < model->hidden; i++)
    {
      for (guint j = 0; j < model->window; j++)
        g_assert_cmpfloat (model->U[i * model->window + j], ==, model->U[j]);
      for (guint j = 0; j < model->hidden; j++)
        g_assert_cmpfloat (model->W[i * model->hidden + j], ==, model->W[j]);
      for (guint k = 0; k < model->horizon; k++)
        g_assert_cmpfloat (model->V[k * model->hidden + i], ==, model->V[k * model->hidden]);
    }
  /* …and it did learn something, so the symmetry is not trivial. */
  g_assert_cmpfloat (fabs (model->U[0]), >, 0);

  /* Glorot breaks the symmetry. */
  {
    g_autoptr(ElmanModel) glorot = elman_model_new (5, 2, 4, FALSE);
    g_autoptr(ElmanModel) again = elman_model_new (5, 2, 4, FALSE);
    g_autoptr(ElmanModel) other = elman_model_new (5, 2, 4, FALSE);

    elman_model_init_glorot (glorot, 7);
    elman_model_init_glorot (again, 7);
    elman_model_init_glorot (other, 8);
    g_assert_true (elman_model_equal (glorot, again));
    g_assert_false (elman_model_equal (glorot, other));
    g_assert_cmpfloat (glorot->U[0], !=, glorot->U[5]);
    for (gsize i = 0; i < 16; i++)
      g_assert_cmpfloat (fabs (glorot->W[i]), <=, sqrt (6.0 / 8.0));
  }
}

/* The generator must give the same numbers everywhere: pin a few. */
static void
test_rng_portable (void)
{
  ElmanRng rng;

  elman_rng_init (&rng, 42);
  /* splitmix64(42) → xoshiro256**, values computed with an independent
   * implementation (Python integers). */
  g_assert_cmpuint (elman_rng_next (&rng), ==, G_GUINT64_CONSTANT (1546998764402558742));
  g_assert_cmpuint (elman_rng_next (&rng), ==, G_GUINT64_CONSTANT (6990951692964543102));
  g_assert_cmpuint (elman_rng_next (&rng), ==, G_GUINT64_CONSTANT (12544586762248559009));
  {
    ElmanRng a, b;
    elman_rng_init (&a, 1);
    elman_rng_init (&b, 1);
    for (guint i = 0; i < 100; i++)
      g_assert_cmpuint (elman_rng_next (&a), ==, elman_rng_next (&b));
  }
  for (guint i = 0; i < 1000; i++)
    {
      double d = elman_rng_next_double (&rng);
      g_assert_cmpfloat (d, >=, 0);
      g_assert_cmpfloat (d, <, 1);
    }
}

static void
test_sigmoid_stable (void)
{
  g_assert_cmpfloat (elman_sigmoid (0), ==, 0.5);
  g_assert_cmpfloat (elman_sigmoid (800), ==, 1.0);
  g_assert_cmpfloat (elman_sigmoid (-800), ==, 0.0);
  g_assert_true (isfinite (elman_sigmoid (-1e308)));
  g_assert_cmpfloat_with_epsilon (elman_sigmoid (-40), exp (-40), 1e-30);
  g_assert_cmpfloat_with_epsilon (elman_sigmoid (2) + elman_sigmoid (-2), 1.0, 1e-15);
}

/* What the relative transforms mean: with zero output weights the network
 * adds nothing to its anchor, so RELATIVE forecasts the window's last
 * value and RELATIVE_MEAN the window's mean, whatever the normalization;
 * and both move with a shift of the whole series. The training kernels
 * read the same anchor (test-kernels compares them with the reference). */
static void
test_relative_anchors (void)
{
  const double values[] = { 10, 20, 40, 30, 50, 70 };
  const struct { ElmanTransform transform; double expected; } cases[] = {
    { ELMAN_TRANSFORM_RELATIVE, 70 },
    { ELMAN_TRANSFORM_RELATIVE_MEAN, (40 + 30 + 50 + 70) / 4.0 },
    { ELMAN_TRANSFORM_NONE, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ElmanModel) model = elman_model_new (4, 3, 2, TRUE);
      g_autoptr(GError) error = NULL;
      double shifted[G_N_ELEMENTS (values)], out[3], out_shifted[3];

      model->transform = cases[i].transform;
      model->normalize = ELMAN_NORMALIZE_ZSCORE;
      model->offset = 5;
      model->scale = 2;
      /* Any hidden state: the output weights are zero. */
      for (gsize j = 0; j < 2 * 4; j++)
        model->U[j] = 0.1 * (double) (j + 1);

      /* The K = 3 outputs of the last window. */
      g_assert_true (elman_model_forecast (model, values, G_N_ELEMENTS (values), 3, out, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < 3; k++)
        g_assert_cmpfloat_with_epsilon (out[k], cases[i].expected, 1e-12);

      if (cases[i].transform == ELMAN_TRANSFORM_NONE)
        continue;
      for (gsize j = 0; j < G_N_ELEMENTS (values); j++)
        shifted[j] = values[j] + 1000;
      g_assert_true (elman_model_forecast (model, shifted, G_N_ELEMENTS (values), 3, out_shifted, &error));
      for (guint k = 0; k < 3; k++)
        g_assert_cmpfloat_with_epsilon (out_shifted[k], out[k] + 1000, 1e-9);
    }
}

/* Forecast and predict agree, and invert the transforms exactly. */
static void
test_predict_forecast_transforms (void)
{
  ElmanTransform transforms[] = { ELMAN_TRANSFORM_NONE, ELMAN_TRANSFORM_DIFF,
                                  ELMAN_TRANSFORM_SEASONAL_DIFF, ELMAN_TRANSFORM_RELATIVE,
                                  ELMAN_TRANSFORM_RELATIVE_MEAN };
  gsize n = 60;
  g_autofree double *values = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    values[i] = 100 + i + 10 * sin (i * G_PI / 6);

  for (guint t = 0; t < G_N_ELEMENTS (transforms); t++)
    {
      g_autoptr(ElmanModel) model = random_model (6, 3, 5, TRUE, 3 + t);
      g_autoptr(GError) error = NULL;
      g_autofree double *pred = NULL;
      double forecast[7];
      gsize first, n_pred;

      model->transform = transforms[t];
      model->season = 12;
      model->offset = 1.5;
      model->scale = 4.0;
      first = elman_model_min_history (model);
      pred = g_new (double, (n - first + 1) * 3);
      n_pred = elman_model_predict (model, values, n, TRUE, pred);
      g_assert_cmpuint (n_pred, ==, n - first + 1);

      /* Rolling origin: the forecast from origin o equals the one-step
       * window prediction at o, for every o. */
      for (gsize o = first; o <= n; o += 5)
        {
          g_assert_true (elman_model_forecast (model, values, o, 3, forecast, &error));
          g_assert_no_error (error);
          for (guint k = 0; k < 3; k++)
            g_assert_cmpfloat_with_epsilon (forecast[k], pred[(o - first) * 3 + k], 1e-9 * fabs (forecast[k]));
        }

      /* Recursive beyond K: 7 steps, all finite, the first 3 as above. */
      g_assert_true (elman_model_forecast (model, values, n, 7, forecast, &error));
      for (guint k = 0; k < 7; k++)
        g_assert_true (isfinite (forecast[k]));
      for (guint k = 0; k < 3; k++)
        g_assert_cmpfloat_with_epsilon (forecast[k], pred[(n - first) * 3 + k], 1e-9 * fabs (forecast[k]));

      /* Too short a history is an error, not a crash. */
      g_assert_false (elman_model_forecast (model, values, first - 1, 3, forecast, &error));
      g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_TOO_SHORT);
    }
}

/* A network whose output is exactly the window's last value (through a
 * saturated-free identity: V h + c with h constant) checks that the
 * inverse transform is exact: predicting z = 0 under DIFF means "repeat
 * the last value". */
static void
test_inverse_transform_exact (void)
{
  g_autoptr(ElmanModel) model = elman_model_new (3, 2, 2, TRUE);
  double values[] = { 1, 4, 9, 16, 25, 36, 49 };
  double out[4];
  g_autoptr(GError) error = NULL;

  model->transform = ELMAN_TRANSFORM_DIFF;
  /* all weights 0 → ŷ = c = 0 → z = offset = 0 → x̂ = last value */
  g_assert_true (elman_model_forecast (model, values, 7, 4, out, &error));
  for (guint k = 0; k < 4; k++)
    g_assert_cmpfloat (out[k], ==, 49);

  /* c = 1 in network units with scale 2: each step adds 2. */
  model->c[0] = model->c[1] = 1.0;
  model->scale = 2.0;
  g_assert_true (elman_model_forecast (model, values, 7, 4, out, &error));
  g_assert_cmpfloat (out[0], ==, 51);
  g_assert_cmpfloat (out[1], ==, 53);
  g_assert_cmpfloat (out[2], ==, 55);
  g_assert_cmpfloat (out[3], ==, 57);

  model->transform = ELMAN_TRANSFORM_SEASONAL_DIFF;
  model->season = 2;
  model->c[0] = model->c[1] = 0.0;
  g_assert_true (elman_model_forecast (model, values, 7, 4, out, &error));
  /* repeat the last season: 36, 49, 36, 49 */
  g_assert_cmpfloat (out[0], ==, 36);
  g_assert_cmpfloat (out[1], ==, 49);
  g_assert_cmpfloat (out[2], ==, 36);
  g_assert_cmpfloat (out[3], ==, 49);
}

/* The hidden states over a series equal a plain loop of the derivation's
 * recurrence, h^t = σ(W h^{t−1} + U x^t + b) with h^0 = 0, one window per
 * step. */
static void
test_hidden_states_plain_loop (void)
{
  guint T = 5, K = 2, J = 7;
  gsize n = 60, n_states;
  g_autoptr(ElmanModel) model = random_model (T, K, J, TRUE, 21);
  g_autofree double *values = random_series (22, n);
  g_autofree double *states = g_new (double, (n - T + 1) * J);
  g_autofree double *h = g_new0 (double, J);
  g_autofree double *next = g_new (double, J);

  n_states = elman_model_hidden_states (model, values, n, states);
  g_assert_cmpuint (n_states, ==, n - T + 1);

  for (gsize w = 0; w < n_states; w++)
    {
      for (guint i = 0; i < J; i++)
        {
          double a = model->b[i];

          for (guint j = 0; j < J; j++)
            a += model->W[i * J + j] * h[j];
          for (guint t = 0; t < T; t++)
            a += model->U[i * T + t] * values[w + t];
          next[i] = 1.0 / (1.0 + exp (-a));
        }
      memcpy (h, next, J * sizeof (double));
      for (guint j = 0; j < J; j++)
        g_assert_cmpfloat_with_epsilon (states[w * J + j], h[j], 1e-12);
    }

  /* Too short for one window: no state. */
  g_assert_cmpuint (elman_model_hidden_states (model, values, T - 1, states), ==, 0);
}

/* State w belongs to series index first − 1 + w (the window's last input):
 * changing that value changes h^w and leaves every earlier state alone,
 * also with differencing (first = T + 1). */
static void
test_hidden_states_alignment (void)
{
  guint T = 4, K = 1, J = 3;
  gsize n = 40, first, n_states, w0 = 9;
  g_autoptr(ElmanModel) model = random_model (T, K, J, TRUE, 31);
  g_autofree double *values = random_series (32, n);
  g_autofree double *a = NULL, *b = NULL;

  model->transform = ELMAN_TRANSFORM_DIFF;
  first = elman_model_min_history (model);
  g_assert_cmpuint (first, ==, T + 1);
  a = g_new (double, (n - first + 1) * J);
  b = g_new (double, (n - first + 1) * J);

  n_states = elman_model_hidden_states (model, values, n, a);
  g_assert_cmpuint (n_states, ==, n - first + 1);
  values[first - 1 + w0] += 0.5;
  g_assert_cmpuint (elman_model_hidden_states (model, values, n, b), ==, n_states);

  g_assert_cmpmem (a, w0 * J * sizeof (double), b, w0 * J * sizeof (double));
  for (guint j = 0; j < J; j++)
    g_assert_cmpfloat (a[w0 * J + j], !=, b[w0 * J + j]);
}

/* The intervals of an ensemble forecast check each step on the rolling
 * origins of the known series: only the steps the series can check are
 * computed and held, so a forecast of 100 000 steps holds no more than
 * one of as many steps as the series can check (294 here), gives the
 * same first steps, and passes over blocks of origins give what one
 * pass gives. */
static void
test_ensemble_forecast_memory (void)
{
  gsize n = 300, first, o0, n_origins, checked, block, steps = 100000, few = 294;
  g_autofree double *values = g_new (double, n);
  g_autoptr(ElmanModel) a = random_model (4, 2, 5, TRUE, 31);
  g_autoptr(ElmanModel) b = random_model (6, 2, 7, TRUE, 32);
  ElmanModel *models[2];
  g_autofree double *out_many = g_new (double, 5 * steps);
  g_autofree double *out_few = g_new (double, 5 * few);
  g_autofree double *out_blocks = g_new (double, 5 * few);
  ElmanRng rng;

  elman_rng_init (&rng, 77);
  /* Positive, trending, noisy: errors that may grow with the level. */
  for (gsize i = 0; i < n; i++)
    values[i] = (10.0 + 0.05 * i) * (1.0 + 0.1 * (2.0 * elman_rng_next_double (&rng) - 1.0));
  a->scale = b->scale = 20.0;
  models[0] = a, models[1] = b;
  first = elman_models_min_history (models, 2);
  g_assert_cmpuint (first, ==, 6);

  elman_ensemble_error_layout (n, first, 10000000, &o0, &n_origins, &checked, &block);
  g_assert_cmpuint (o0, ==, first);
  g_assert_cmpuint (n_origins, ==, n - first);
  g_assert_cmpuint (checked, ==, n - first);
  g_assert_cmpuint (block * checked, <=, (gsize) 1 << 20);
  elman_ensemble_error_layout (100000, 10, 10000000, &o0, &n_origins, &checked, &block);
  g_assert_cmpuint (n_origins, ==, 5000);
  g_assert_cmpuint (checked, ==, 5000);
  g_assert_cmpuint (block * checked, <=, (gsize) 1 << 20);
  g_assert_cmpuint (block, >=, 1);

  for (guint many = 0; many < 2; many++)
    {
      gsize s = many ? steps : few;
      double *out = many ? out_many : out_few;

      g_assert_true (elman_ensemble_forecast (models, 2, values, n, s, out, out + s, out + 2 * s,
                                              out + 3 * s, out + 4 * s, NULL, NULL));
    }
  for (guint part = 0; part < 5; part++)
    g_assert_cmpmem (out_many + part * steps, few * sizeof (double), out_few + part * few,
                     few * sizeof (double));
  /* Past the checked steps the intervals keep the last checked error. */
  for (gsize h = 0; h < steps; h++)
    {
      g_assert_true (isfinite (out_many[h]));
      g_assert_cmpfloat (out_many[3 * steps + h], <=, out_many[h]);
      g_assert_cmpfloat (out_many[4 * steps + h], >=, out_many[h]);
    }

  /* One origin per pass. */
  elman_ensemble_set_error_block_values (1);
  elman_ensemble_error_layout (n, first, few, &o0, &n_origins, &checked, &block);
  g_assert_cmpuint (checked, ==, few);
  g_assert_cmpuint (block, ==, 1);
  g_assert_true (elman_ensemble_forecast (models, 2, values, n, few, out_blocks, out_blocks + few,
                                          out_blocks + 2 * few, out_blocks + 3 * few,
                                          out_blocks + 4 * few, NULL, NULL));
  elman_ensemble_set_error_block_values (0);
  g_assert_cmpmem (out_blocks, 5 * few * sizeof (double), out_few, 5 * few * sizeof (double));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/model/relative-anchors", test_relative_anchors);
  g_test_add_func ("/elman/model/gradient/truncated", test_gradient_truncated);
  g_test_add_func ("/elman/model/gradient/bptt", test_gradient_bptt);
  g_test_add_func ("/elman/model/gradient/derivation", test_truncated_matches_derivation);
  g_test_add_func ("/elman/model/zero-init-symmetric", test_zero_init_symmetric);
  g_test_add_func ("/elman/model/rng-portable", test_rng_portable);
  g_test_add_func ("/elman/model/sigmoid-stable", test_sigmoid_stable);
  g_test_add_func ("/elman/model/predict-forecast", test_predict_forecast_transforms);
  g_test_add_func ("/elman/model/inverse-transform", test_inverse_transform_exact);
  g_test_add_func ("/elman/model/hidden-states/plain-loop", test_hidden_states_plain_loop);
  g_test_add_func ("/elman/model/hidden-states/alignment", test_hidden_states_alignment);
  g_test_add_func ("/elman/model/ensemble-forecast-memory", test_ensemble_forecast_memory);

  return g_test_run ();
}
