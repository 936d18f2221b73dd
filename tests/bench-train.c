/* bench-train.c — training speed (issue 2)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For n = 100 000, T = 16, K = 4 and J ∈ {16, 64, 256}: seconds per epoch,
 * window-steps per second and GFLOP/s of both gradients, against the
 * machine's measured fp64 FMA peak. Flops of a truncated epoch are counted
 * as N·(4JT + 4J² + 6KJ + 7J + 3K); BPTT is reported with the same count
 * (so its GFLOP/s compare work per window, not the extra Wᵀδ products).
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "elman-kernels.h"
#include "elman-model-private.h"
#include "elman-rng.h"

/* Peak: independent FMA chains on 4-wide (AVX2) vectors when the compiler
 * can use them; the figure printed is what this loop reaches. */
typedef double v4d __attribute__ ((vector_size (32)));

__attribute__ ((target ("avx2,fma"), noinline)) static double
fma_peak_avx2 (void)
{
  v4d acc[10];
  v4d m = { 1.0000001, 1.0000001, 1.0000001, 1.0000001 };
  v4d a = { 1e-9, 1e-9, 1e-9, 1e-9 };
  gint64 start, iterations = 20000000;
  double sum = 0;

  for (int i = 0; i < 10; i++)
    acc[i] = (v4d) { i, i, i, i };
  start = g_get_monotonic_time ();
  for (gint64 it = 0; it < iterations; it++)
    for (int i = 0; i < 10; i++)
      acc[i] = acc[i] * m + a;
  for (int i = 0; i < 10; i++)
    sum += acc[i][0];
  if (sum == 42)
    printf (" ");
  return iterations * 10 * 4 * 2 / ((g_get_monotonic_time () - start) * 1e-6) / 1e9;
}

static double
seconds_per_epoch (const ElmanModel *model,
                   const double     *u,
                   gsize             n,
                   ElmanGradient     gradient,
                   int               repeats)
{
  gsize n_windows = n - model->window - model->horizon + 1;
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, n_windows);
  g_autofree double *grad = g_new (double, elman_model_n_params (model));
  ElmanKernelResult result;
  double best = INFINITY;

  for (int r = 0; r < repeats; r++)
    {
      gint64 start = g_get_monotonic_time ();
      elman_kernel_run (kernel, model, u, n_windows, 0, gradient, 1.0, grad, &result, NULL, NULL);
      best = MIN (best, (g_get_monotonic_time () - start) * 1e-6);
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  gsize n = 100000;
  guint T = 16, K = 4, hidden[] = { 16, 64, 256 };
  g_autofree double *u = g_new (double, n);
  double peak = 0;
  ElmanRng rng;

  elman_rng_init (&rng, 1);
  for (gsize i = 0; i < n; i++)
    u[i] = sin (i * 0.01) + 0.1 * elman_rng_next_double (&rng);

  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    peak = fma_peak_avx2 ();
  printf ("# fp64 FMA loop, one core: %.1f GFLOP/s\n", peak);
  printf ("# n = %zu, T = %u, K = %u, float64, best of 3 epochs\n", n, T, K);
  printf ("%-10s %5s %12s %16s %10s %10s\n", "gradient", "J", "s/epoch", "window-steps/s", "GFLOP/s", "of peak");

  for (guint g = 0; g < 2; g++)
    for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
      {
        guint J = hidden[h];
        g_autoptr(ElmanModel) model = elman_model_new (T, K, J, TRUE);
        gsize N = n - T - K + 1;
        double flops = (double) N * (4.0 * J * T + 4.0 * J * J + 6.0 * K * J + 7.0 * J + 3.0 * K);
        double s;

        elman_model_init_glorot (model, 1);
        s = seconds_per_epoch (model, u, n, g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED, 3);
        printf ("%-10s %5u %12.4f %16.3g %10.2f %9.0f%%\n", g ? "bptt" : "truncated", J, s, N / s,
                flops / s / 1e9, peak > 0 ? 100 * flops / s / 1e9 / peak : 0);
      }
  return 0;
}
