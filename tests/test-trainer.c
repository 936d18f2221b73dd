/* test-trainer.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "elman-rng.h"
#include "elman-trainer.h"

static double *
noisy_sine (gsize   n,
            double  noise,
            guint64 seed)
{
  ElmanRng rng;
  double *v = g_new (double, n);

  elman_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    v[i] = 10 + 3 * sin (2 * G_PI * i / 20.0) + noise * (2 * elman_rng_next_double (&rng) - 1);
  return v;
}

static ElmanTrainer *
train (const ElmanConfig *config,
       const double      *values,
       gsize              n)
{
  g_autoptr(GError) error = NULL;
  ElmanTrainer *trainer = elman_trainer_new (config, values, n, NULL, &error);

  g_assert_no_error (error);
  while (!elman_trainer_is_done (trainer))
    {
      elman_trainer_step (trainer, NULL, &error);
      g_assert_no_error (error);
    }
  return trainer;
}

/* The recommended preset learns a noisy sine: the one-step error on the
 * held-out part is close to the noise, far below the sine's spread. */
static void
test_recommended_learns_sine (void)
{
  ElmanConfig config;
  gsize n = 400;
  g_autofree double *values = noisy_sine (n, 0.2, 1);
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(ElmanModel) model = NULL;
  g_autofree double *pred = NULL;
  const double *loss;
  guint n_epochs;
  gsize n_train, n_pred, first;
  double sse = 0, count = 0;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 20;
  config.hidden = 12;
  config.epochs = 300;
  trainer = train (&config, values, n);

  loss = elman_trainer_get_train_loss (trainer, &n_epochs);
  g_assert_cmpuint (n_epochs, >, 10);
  g_test_message ("loss %g → %g after %u epochs", loss[0], loss[n_epochs - 1], n_epochs);
  g_assert_cmpfloat (loss[n_epochs - 1], <, 0.1 * loss[0]);
  /* ½·mean squared error in units of σ(data) ≈ 2.1: noise alone gives
   * ½·0.2²/3/2.1² ≈ 0.0015. */
  g_assert_cmpfloat (loss[n_epochs - 1], <, 0.02);

  model = elman_trainer_dup_best_model (trainer);
  n_train = elman_trainer_get_n_train (trainer);
  first = elman_model_min_history (model);
  pred = g_new (double, n * model->horizon);
  n_pred = elman_model_predict (model, values, n, FALSE, pred);
  for (gsize i = 0; i < n_pred; i++)
    if (first + i >= n_train)
      {
        double d = pred[i] - values[first + i];
        sse += d * d;
        count++;
      }
  g_test_message ("test RMSE %g", sqrt (sse / count));
  g_assert_cmpfloat (sqrt (sse / count), <, 0.5);
}

/* The seed preset is the derivation exactly: zero weights, no biases,
 * summed loss, plain steps; its first epoch's loss is ½Σy² (ŷ = 0). */
static void
test_seed_preset_is_derivation (void)
{
  ElmanConfig config;
  gsize n = 50;
  g_autofree double *values = noisy_sine (n, 0, 2);
  g_autoptr(ElmanTrainer) trainer = NULL;
  const double *loss;
  guint n_epochs;
  double expected = 0;

  elman_config_init (&config, ELMAN_PRESET_SEED);
  g_assert_cmpint (config.init, ==, ELMAN_INIT_ZEROS);
  g_assert_false (config.bias);
  g_assert_cmpint (config.gradient, ==, ELMAN_GRADIENT_TRUNCATED);
  g_assert_cmpint (config.loss, ==, ELMAN_LOSS_SUM);
  g_assert_cmpint (config.optimizer, ==, ELMAN_OPTIMIZER_SGD);
  g_assert_cmpint (config.normalize, ==, ELMAN_NORMALIZE_NONE);
  config.window = 4, config.horizon = 2, config.epochs = 3;
  config.test_fraction = 0;

  trainer = train (&config, values, n);
  loss = elman_trainer_get_train_loss (trainer, &n_epochs);
  g_assert_cmpuint (n_epochs, ==, 3);
  /* N = n − T − K + 1 windows, targets x_{t+T}…x_{t+T+K−1}. */
  for (gsize t = 0; t < n - 4 - 2 + 1; t++)
    for (gsize k = 0; k < 2; k++)
      expected += 0.5 * values[t + 4 + k] * values[t + 4 + k];
  g_assert_cmpfloat_with_epsilon (loss[0], expected, 1e-9 * expected);
  g_assert_null (elman_trainer_get_model (trainer)->b);
}

static void
test_divergence_keeps_good_model (void)
{
  ElmanConfig config;
  gsize n = 100;
  g_autofree double *values = noisy_sine (n, 0.1, 3);
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  guint epochs = 0;

  /* Plain gradient steps far too large for the data's scale. */
  for (gsize i = 0; i < n; i++)
    values[i] *= 1000;
  elman_config_init (&config, ELMAN_PRESET_SEED);
  /* The output bias cannot saturate: it overshoots ever further. */
  config.bias = TRUE;
  config.window = 5;
  config.learning_rate = 1.0;
  config.epochs = 1000;
  trainer = elman_trainer_new (&config, values, n, NULL, &error);
  g_assert_no_error (error);
  while (ok && !elman_trainer_is_done (trainer))
    {
      ok = elman_trainer_step (trainer, NULL, &error);
      epochs++;
    }
  g_assert_false (ok);
  g_assert_error (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED);
  g_assert_cmpuint (epochs, <, 1000);
  g_assert_true (elman_model_is_finite (elman_trainer_get_model (trainer)));
  {
    g_autoptr(ElmanModel) kept = elman_trainer_dup_best_model (trainer);
    g_assert_true (elman_model_is_finite (kept));
  }
}

static void
test_cancel (void)
{
  ElmanConfig config;
  g_autofree double *values = noisy_sine (200, 0.1, 4);
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  trainer = elman_trainer_new (&config, values, 200, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (elman_trainer_step (trainer, cancellable, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (elman_trainer_step (trainer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (elman_trainer_get_epoch (trainer), ==, 1);
}

/* A new ε between two epochs: the next update steps with it, the ones
 * before did not. */
static void
test_set_learning_rate (void)
{
  ElmanConfig config, faster;
  g_autofree double *values = noisy_sine (200, 0.1, 4);
  g_autoptr(ElmanTrainer) a = NULL;
  g_autoptr(ElmanTrainer) b = NULL;
  g_autoptr(GError) error = NULL;
  const double *loss_a, *loss_b;
  guint n;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.optimizer = ELMAN_OPTIMIZER_SGD;
  faster = config;
  faster.learning_rate = config.learning_rate * 10;
  a = elman_trainer_new (&config, values, 200, NULL, &error);
  b = elman_trainer_new (&config, values, 200, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (elman_trainer_step (a, NULL, &error));
  g_assert_true (elman_trainer_step (b, NULL, &error));
  elman_trainer_set_learning_rate (b, faster.learning_rate);
  g_assert_cmpfloat (elman_trainer_get_config (b)->learning_rate, ==, faster.learning_rate);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (elman_trainer_step (a, NULL, &error));
      g_assert_true (elman_trainer_step (b, NULL, &error));
    }
  loss_a = elman_trainer_get_train_loss (a, &n);
  loss_b = elman_trainer_get_train_loss (b, &n);
  g_assert_cmpuint (n, ==, 3);
  /* Epoch 2's loss comes from epoch 1's update: the same ε so far. */
  g_assert_cmpfloat (loss_a[1], ==, loss_b[1]);
  /* Epoch 3's from epoch 2's: b stepped with 10 ε. */
  g_assert_cmpfloat (loss_a[2], !=, loss_b[2]);
}

static void
test_too_short (void)
{
  ElmanConfig config;
  double values[10] = { 0 };
  g_autoptr(GError) error = NULL;
  ElmanTrainer *trainer;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 12;
  trainer = elman_trainer_new (&config, values, 10, NULL, &error);
  g_assert_null (trainer);
  g_assert_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_TOO_SHORT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "T + K"));
}

/* --init-model: training resumes from exactly those weights. */
static void
test_initial_model (void)
{
  ElmanConfig config;
  gsize n = 120;
  g_autofree double *values = noisy_sine (n, 0.1, 5);
  g_autoptr(ElmanTrainer) a = NULL;
  g_autoptr(ElmanTrainer) b = NULL;
  g_autoptr(ElmanTrainer) c = NULL;
  g_autoptr(ElmanModel) middle = NULL;
  g_autoptr(GError) error = NULL;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.optimizer = ELMAN_OPTIMIZER_SGD;
  config.patience = 0;
  config.epochs = 10;
  a = train (&config, values, n);

  config.epochs = 5;
  b = train (&config, values, n);
  middle = elman_model_copy (elman_trainer_get_model (b));
  c = elman_trainer_new (&config, values, n, middle, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_true (elman_trainer_step (c, NULL, &error));
  g_assert_true (elman_model_equal (elman_trainer_get_model (a), elman_trainer_get_model (c)));

  /* A wrong shape is refused. */
  {
    ElmanConfig other = config;
    ElmanTrainer *t;
    other.hidden += 1;
    t = elman_trainer_new (&other, values, n, middle, &error);
    g_assert_null (t);
    g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_SHAPE);
  }
}

static void
test_split (void)
{
  ElmanConfig config;
  gsize n_train, n_valid;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.test_fraction = 0.2;
  config.horizon = 12;
  config.valid_fraction = 0;
  elman_config_split (&config, 144, &n_train, &n_valid);
  g_assert_cmpuint (n_train, ==, 144 - 29);   /* ⌈28.8⌉ = 29 ≥ 24 */
  g_assert_cmpuint (n_valid, ==, 0);
  config.test_fraction = 0.05;
  elman_config_split (&config, 144, &n_train, &n_valid);
  g_assert_cmpuint (n_train, ==, 144 - 24);   /* max(⌈7.2⌉, 2K) */
  config.test_fraction = 0;
  elman_config_split (&config, 144, &n_train, &n_valid);
  g_assert_cmpuint (n_train, ==, 144);
}

/* The gradient norms the trainer records per epoch are those of the
 * gradient of that epoch's weights, by matrix, before clipping. */
static void
test_grad_norms (void)
{
  ElmanConfig config;
  gsize n = 80;
  g_autofree double *values = noisy_sine (n, 0.3, 5);
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  const double *norms;
  guint n_epochs;

  elman_config_init (&config, ELMAN_PRESET_SEED);
  config.window = 6, config.horizon = 2, config.hidden = 5, config.epochs = 4;
  config.test_fraction = 0;
  config.valid_fraction = 0;
  config.init = ELMAN_INIT_GLOROT;
  config.loss = ELMAN_LOSS_MEAN;
  config.learning_rate = 0.05;
  /* Clipping scales the step, not what is recorded. */
  config.clip = 1e-3;

  trainer = elman_trainer_new (&config, values, n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (elman_trainer_get_model (trainer)->transform, ==, ELMAN_TRANSFORM_NONE);
  g_assert_cmpint (elman_trainer_get_model (trainer)->normalize, ==, ELMAN_NORMALIZE_NONE);
  norms = elman_trainer_get_grad_norms (trainer, &n_epochs);
  g_assert_cmpuint (n_epochs, ==, 0);

  for (guint e = 0; e < config.epochs; e++)
    {
      g_autoptr(ElmanModel) before = elman_model_copy (elman_trainer_get_model (trainer));
      gsize J = before->hidden, T = before->window, K = before->horizon;
      g_autofree double *grad = g_new (double, elman_model_n_params (before));
      double expected[3] = { 0, 0, 0 };

      g_assert_true (elman_trainer_step (trainer, NULL, &error));
      g_assert_no_error (error);

      elman_model_loss_and_gradient (before, values, n, config.gradient, config.loss, grad);
      for (gsize i = 0; i < J * J; i++)
        expected[0] += grad[i] * grad[i];
      for (gsize i = J * J; i < J * J + J * T; i++)
        expected[1] += grad[i] * grad[i];
      for (gsize i = J * J + J * T; i < J * J + J * T + K * J; i++)
        expected[2] += grad[i] * grad[i];

      norms = elman_trainer_get_grad_norms (trainer, &n_epochs);
      g_assert_cmpuint (n_epochs, ==, e + 1);
      for (guint m = 0; m < 3; m++)
        {
          g_assert_cmpfloat (norms[3 * e + m], >, config.clip);
          g_assert_cmpfloat_with_epsilon (norms[3 * e + m], sqrt (expected[m]), 1e-9 * sqrt (expected[m]));
        }
    }
}

/* The learning-rate verdict on loss histories made up for it. */
static void
test_loss_trend (void)
{
  double falling[100], spike[100], flat[100], rising[3] = { 1, 5, 11 };
  ElmanConfig config;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 100; i++)
    {
      falling[i] = 1.0 / (1 + i);
      spike[i] = i == 1 ? 20 : 0.5;   /* one overshoot, then flat */
      flat[i] = 0.3;
    }
  g_assert_cmpint (elman_loss_trend_detect (falling, 100, 99, FALSE), ==, ELMAN_LOSS_TREND_OK);
  g_assert_cmpint (elman_loss_trend_detect (flat, 100, 0, FALSE), ==, ELMAN_LOSS_TREND_OK);
  g_assert_cmpint (elman_loss_trend_detect (falling, 1, 0, FALSE), ==, ELMAN_LOSS_TREND_OK);
  g_assert_cmpint (elman_loss_trend_detect (falling, 100, 0, TRUE), ==, ELMAN_LOSS_TREND_NOT_FINITE);
  g_assert_cmpint (elman_loss_trend_detect (rising, 3, 0, FALSE), ==, ELMAN_LOSS_TREND_DIVERGED);
  g_assert_cmpint (elman_loss_trend_detect (spike, 100, 0, FALSE), ==, ELMAN_LOSS_TREND_DIVERGED);
  /* A jump to 1.6 times the start, the best epoch the first of 100. */
  spike[1] = 1.6;
  spike[0] = 1.0;
  g_assert_cmpint (elman_loss_trend_detect (spike, 100, 0, FALSE), ==, ELMAN_LOSS_TREND_OSCILLATING);
  g_assert_cmpint (elman_loss_trend_detect (spike, 100, 40, FALSE), ==, ELMAN_LOSS_TREND_OK);
  g_assert_cmpint (elman_loss_trend_detect (spike, 20, 0, FALSE), ==, ELMAN_LOSS_TREND_OK);

  /* A tenth of the rate, capped by the preset's own default. */
  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.learning_rate = 1;
  g_assert_cmpfloat_with_epsilon (elman_loss_trend_suggest_rate (&config), 0.01, 1e-15);
  config.learning_rate = 0.005;
  g_assert_cmpfloat_with_epsilon (elman_loss_trend_suggest_rate (&config), 0.0001, 1e-15);
  elman_config_init (&config, ELMAN_PRESET_SEED);
  config.learning_rate = 1e6;
  g_assert_cmpfloat_with_epsilon (elman_loss_trend_suggest_rate (&config), 1e-6, 1e-20);

  g_assert_null (elman_loss_trend_describe (ELMAN_LOSS_TREND_OK, &config, falling, 100, 99));
  text = elman_loss_trend_describe (ELMAN_LOSS_TREND_DIVERGED, &config, rising, 3, 0);
  g_assert_nonnull (strstr (text, "ε = 1e6"));
  g_assert_nonnull (strstr (text, "Try ε = 1e-6"));
  g_assert_null (strstr (text, "--"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/trainer/recommended-learns-sine", test_recommended_learns_sine);
  g_test_add_func ("/elman/trainer/seed-preset", test_seed_preset_is_derivation);
  g_test_add_func ("/elman/trainer/divergence", test_divergence_keeps_good_model);
  g_test_add_func ("/elman/trainer/cancel", test_cancel);
  g_test_add_func ("/elman/trainer/set-learning-rate", test_set_learning_rate);
  g_test_add_func ("/elman/trainer/too-short", test_too_short);
  g_test_add_func ("/elman/trainer/initial-model", test_initial_model);
  g_test_add_func ("/elman/trainer/split", test_split);
  g_test_add_func ("/elman/trainer/grad-norms", test_grad_norms);
  g_test_add_func ("/elman/trainer/loss-trend", test_loss_trend);

  return g_test_run ();
}
