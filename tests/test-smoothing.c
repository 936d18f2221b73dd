/* test-smoothing.c — exponential smoothing and Theta, and the networks
 * that run them
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "core-test-util.h"
#include "elman-model.h"
#include "elman-smoothing.h"

/* The network made from @fit forecasts what the formulas do, from its
 * own fitted values and from a longer history. */
static void
assert_model_matches (const ElmanSmoothing *fit,
                      const double         *values,
                      gsize                 n_fit,
                      gsize                 n,
                      guint                 K,
                      double                tolerance)
{
  g_autoptr(ElmanModel) model = elman_smoothing_model_new (fit, 1, K, values, n_fit);
  g_autoptr(GError) error = NULL;
  double ref[24], fc[24];

  g_assert_cmpuint (K * 2, <=, G_N_ELEMENTS (fc));
  for (gsize end = n_fit; end <= n; end += MAX ((n - n_fit) / 2, 1))
    {
      elman_smoothing_forecast (fit, values, end, 2 * K, ref);
      /* 2K steps: beyond K the network feeds its forecasts back in. */
      g_assert_true (elman_model_forecast (model, values, end, 2 * K, fc, &error));
      g_assert_no_error (error);
      for (guint h = 0; h < 2 * K; h++)
        g_assert_cmpfloat_with_epsilon (fc[h], ref[h], tolerance);
    }
}

/* A constant series: every method forecasts the constant, exactly
 * (its one-step errors are zero whatever the parameters). */
static void
test_constant (void)
{
  double values[60], fc[8];

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = 7.5;
  for (guint m = 0; m < ELMAN_SMOOTHING_N_METHODS; m++)
    {
      ElmanSmoothing fit;

      g_assert_true (elman_smoothing_fit (m, values, G_N_ELEMENTS (values), 4, &fit));
      g_assert_cmpfloat (fit.sse, <, 1e-20);
      elman_smoothing_forecast (&fit, values, G_N_ELEMENTS (values), 8, fc);
      for (guint h = 0; h < 8; h++)
        g_assert_cmpfloat_with_epsilon (fc[h], 7.5, 1e-12);
      assert_model_matches (&fit, values, 50, 60, 4, 1e-8);
    }
}

/* A straight line: Holt's trend and the seasonal SES (whose yearly
 * change is constant) continue it exactly; the damped trend bends
 * below it; Theta, SES with half the slope as drift, does not reach it. */
static void
test_linear_trend (void)
{
  double values[80], fc[12];
  ElmanSmoothing holt, damped, sses, theta;
  gsize n = G_N_ELEMENTS (values);

  for (gsize i = 0; i < n; i++)
    values[i] = 3 + 0.5 * (double) i;
  g_assert_true (elman_smoothing_fit (ELMAN_SMOOTHING_HOLT, values, n, 1, &holt));
  g_assert_true (elman_smoothing_fit (ELMAN_SMOOTHING_DAMPED, values, n, 1, &damped));
  g_assert_true (elman_smoothing_fit (ELMAN_SMOOTHING_SEASONAL_SES, values, n, 4, &sses));
  g_assert_true (elman_smoothing_fit (ELMAN_SMOOTHING_THETA, values, n, 1, &theta));
  g_assert_cmpfloat (holt.sse, <, 1e-18);
  g_assert_cmpfloat_with_epsilon (holt.slope, 0.5, 1e-12);
  g_assert_cmpfloat (damped.phi, <, 1);
  g_assert_cmpfloat_with_epsilon (theta.drift, 0.25, 1e-12);

  elman_smoothing_forecast (&holt, values, n, 12, fc);
  for (guint h = 0; h < 12; h++)
    g_assert_cmpfloat_with_epsilon (fc[h], 3 + 0.5 * (double) (n + h), 1e-9);
  elman_smoothing_forecast (&sses, values, n, 12, fc);
  for (guint h = 0; h < 12; h++)
    g_assert_cmpfloat_with_epsilon (fc[h], 3 + 0.5 * (double) (n + h), 1e-9);
  elman_smoothing_forecast (&damped, values, n, 12, fc);
  g_assert_cmpfloat (fc[11], <, 3 + 0.5 * (double) (n + 11) - 0.1);
  g_assert_cmpfloat (fc[11], >, fc[0]);
  elman_smoothing_forecast (&theta, values, n, 12, fc);
  g_assert_cmpfloat (fc[11], <, 3 + 0.5 * (double) (n + 11) - 1);

  assert_model_matches (&holt, values, 60, n, 6, 1e-7);
  assert_model_matches (&damped, values, 60, n, 6, 1e-7);
  assert_model_matches (&sses, values, 60, n, 6, 1e-7);
  assert_model_matches (&theta, values, 60, n, 6, 1e-7);
}

/* A pure season around a level: the classical indices are exact, so
 * Holt–Winters and the seasonal SES repeat it; the season test finds it,
 * and does not find one in noise. */
static void
test_pure_season (void)
{
  const double pattern[6] = { 4, -1, 2, -3, 0, -2 };
  double values[72], fc[12];
  g_autofree double *noise = noisy_sine (200, 1e9, 1.0, 42);
  gsize n = G_N_ELEMENTS (values);

  for (gsize i = 0; i < n; i++)
    values[i] = 20 + pattern[i % 6];
  g_assert_cmpuint (elman_smoothing_season_test (values, n, 6), ==, 6);
  g_assert_cmpuint (elman_smoothing_season_test (noise, 200, 6), ==, 0);
  for (guint m = 0; m < ELMAN_SMOOTHING_N_METHODS; m++)
    {
      ElmanSmoothing fit;

      if (m == ELMAN_SMOOTHING_HOLT_WINTERS || m == ELMAN_SMOOTHING_SEASONAL_SES || m == ELMAN_SMOOTHING_SES)
        {
          g_assert_true (elman_smoothing_fit (m, values, n, 6, &fit));
          g_assert_cmpfloat (fit.sse, <, 1e-18);
          elman_smoothing_forecast (&fit, values, n, 12, fc);
          for (guint h = 0; h < 12; h++)
            g_assert_cmpfloat_with_epsilon (fc[h], values[n - 6 + h % 6], 1e-9);
          assert_model_matches (&fit, values, 48, n, 6, 1e-7);
        }
    }
  /* Too short for three cycles: no season, and no Holt–Winters. */
  {
    ElmanSmoothing fit;

    g_assert_cmpuint (elman_smoothing_season_test (values, 17, 6), ==, 0);
    g_assert_false (elman_smoothing_fit (ELMAN_SMOOTHING_HOLT_WINTERS, values, 17, 6, &fit));
    g_assert_false (elman_smoothing_fit (ELMAN_SMOOTHING_SEASONAL_SES, values, 17, 6, &fit));
  }
}

/* The recursions against a hand computation: SES with α 0.5 from level
 * 10 over 12, 14 gives levels 11, 12.5; Theta adds drift·(h − 1 +
 * (1 − 0.5²)/0.5), 1.5 + h − 1 for a drift of 1; the damped trend
 * (α 0.5, β 0.2, φ 0.9) whose first forecast is 10 with slope 2 moves,
 * after the value 12, to level 11 and slope 2.2: forecast 12.98. */
static void
test_hand (void)
{
  const double values[] = { 12, 14 };
  const double trend[] = { 12, 13 };
  ElmanSmoothing ses = { 0 }, theta, damped = { 0 };
  double fc[3];

  ses.method = ELMAN_SMOOTHING_SES;
  ses.alpha = 0.5, ses.phi = 1, ses.level = 10;
  elman_smoothing_forecast (&ses, values, 2, 3, fc);
  for (guint h = 0; h < 3; h++)
    g_assert_cmpfloat_with_epsilon (fc[h], 12.5, 1e-12);
  theta = ses;
  theta.method = ELMAN_SMOOTHING_THETA;
  theta.drift = 1;
  elman_smoothing_forecast (&theta, values, 2, 3, fc);
  for (guint h = 0; h < 3; h++)
    g_assert_cmpfloat_with_epsilon (fc[h], 12.5 + h + 1.5, 1e-12);

  damped.method = ELMAN_SMOOTHING_DAMPED;
  damped.alpha = 0.5, damped.beta = 0.2, damped.phi = 0.9;
  damped.level = 10 - 0.9 * 2, damped.slope = 2;
  /* Level 8.2 and slope 2 before the first value: its forecast 10. */
  elman_smoothing_forecast (&damped, trend, 0, 1, fc);
  g_assert_cmpfloat_with_epsilon (fc[0], 10, 1e-12);
  elman_smoothing_forecast (&damped, trend, 1, 1, fc);
  g_assert_cmpfloat_with_epsilon (fc[0], 10 + 1 + 0.9 * (1.8 + 0.4), 1e-12);
  assert_model_matches (&theta, values, 2, 2, 3, 1e-9);
}

/* Noisy series with a trend and a season: every method's network
 * matches its formulas, and so does the mean of several in one network. */
static void
test_networks_match (void)
{
  g_autofree double *values = noisy_sine (150, 12, 1.5, 7);
  ElmanSmoothing fits[ELMAN_SMOOTHING_N_METHODS];
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(GError) error = NULL;
  double fc[8], ref[8], part[8];

  for (gsize i = 0; i < 150; i++)
    values[i] += 0.05 * (double) i;
  for (guint m = 0; m < ELMAN_SMOOTHING_N_METHODS; m++)
    {
      g_assert_true (elman_smoothing_fit (m, values, 120, 12, &fits[m]));
      g_assert_true (fits[m].alpha > 0 && fits[m].alpha <= 1);
      g_assert_cmpfloat (fits[m].beta, <=, fits[m].alpha);
      assert_model_matches (&fits[m], values, 120, 150, 4, 1e-6);
    }
  g_assert_cmpuint (fits[ELMAN_SMOOTHING_THETA].season, ==, 12);
  g_assert_cmpuint (fits[ELMAN_SMOOTHING_SEASONAL_SES].lag, ==, 12);

  /* SES, Holt, damped: one network, the mean of their K forecasts
   * (beyond K each method would go on from the mean, not its own). */
  model = elman_smoothing_model_new (fits, 3, 4, values, 120);
  g_assert_true (elman_model_forecast (model, values, 140, 8, fc, &error));
  g_assert_no_error (error);
  memset (ref, 0, sizeof ref);
  for (guint m = 0; m < 3; m++)
    {
      elman_smoothing_forecast (&fits[m], values, 140, 8, part);
      for (guint h = 0; h < 8; h++)
        ref[h] += part[h] / 3;
    }
  for (guint h = 0; h < 4; h++)
    g_assert_cmpfloat_with_epsilon (fc[h], ref[h], 1e-6);
}

/* Every method has a name; none is empty. */
static void
test_names (void)
{
  for (guint m = 0; m < ELMAN_SMOOTHING_N_METHODS; m++)
    {
      const char *name = elman_smoothing_method_name (m);

      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 3);
    }
  g_assert_nonnull (strstr (elman_smoothing_method_name (ELMAN_SMOOTHING_THETA), "Theta"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/smoothing/constant", test_constant);
  g_test_add_func ("/smoothing/linear-trend", test_linear_trend);
  g_test_add_func ("/smoothing/pure-season", test_pure_season);
  g_test_add_func ("/smoothing/hand", test_hand);
  g_test_add_func ("/smoothing/networks-match", test_networks_match);
  g_test_add_func ("/smoothing/names", test_names);

  return g_test_run ();
}
