/* bench-train.c — training speed (issue 2)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For n = 100 000, T = 16, K = 4 and J ∈ {16, 64, 256}: seconds per epoch,
 * window-steps per second and GFLOP/s of both gradients, against the
 * machine's measured fp64 FMA peak (one core). Flops of a truncated epoch
 * are counted as N·(4JT + 4J² + 6KJ + 7J + 3K); BPTT is reported with the
 * same count (so its GFLOP/s compare work per window, not the extra Wᵀδ
 * products). Times are wall-clock, best of several epochs, with one
 * thread and with two (the input and gradient products on a second
 * core). The CPU time of the one-thread run is printed too: on a machine
 * shared with other jobs it is the figure that does not depend on the
 * load.
 *
 *   bench-train [--quick]
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "elman-kernels.h"
#include "elman-model-private.h"
#include "elman-rng.h"

#define NOMINAL_PEAK 59.0   /* GFLOP/s per core, the figure */

/* Peak: 12 independent FMA chains held in registers (the empty asm keeps
 * the compiler from folding or spilling them), on 8-wide AVX-512 vectors
 * when the CPU has them, else on 4-wide AVX2 vectors. */
#define PEAK_CHAINS(V, it, m, c, out)                                          \
  do                                                                           \
    {                                                                          \
      V a0 = m, a1 = m * 2, a2 = m * 3, a3 = m * 4, a4 = m * 5, a5 = m * 6;   \
      V a6 = m * 7, a7 = m * 8, a8 = m * 9, a9 = m * 10, a10 = m * 11;       \
      V a11 = m * 12, s;                                                       \
      for (gint64 k = 0; k < it; k++)                                          \
        {                                                                      \
          a0 = a0 * m + c, a1 = a1 * m + c, a2 = a2 * m + c;                   \
          a3 = a3 * m + c, a4 = a4 * m + c, a5 = a5 * m + c;                   \
          a6 = a6 * m + c, a7 = a7 * m + c, a8 = a8 * m + c;                   \
          a9 = a9 * m + c, a10 = a10 * m + c, a11 = a11 * m + c;               \
          __asm__ ("" : "+x" (a0), "+x" (a1), "+x" (a2), "+x" (a3));           \
        }                                                                      \
      s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;         \
      out = s[0];                                                              \
    }                                                                          \
  while (0)

#if defined(__x86_64__) && defined(__GNUC__)
typedef double v8d __attribute__ ((vector_size (64)));
typedef double v4d __attribute__ ((vector_size (32)));

__attribute__ ((target ("avx512f"), noinline)) static double
fma_chains_avx512 (gint64 iterations)
{
  v8d m = { 1, 1, 1, 1, 1, 1, 1, 1 }, c;
  double out;

  m *= 1.0000001, c = m * 1e-9;
  PEAK_CHAINS (v8d, iterations, m, c, out);
  return out;
}

__attribute__ ((target ("avx2,fma"), noinline)) static double
fma_chains_avx2 (gint64 iterations)
{
  v4d m = { 1, 1, 1, 1 }, c;
  double out;

  m *= 1.0000001, c = m * 1e-9;
  PEAK_CHAINS (v4d, iterations, m, c, out);
  return out;
}
#endif

/* GFLOP/s of the best of 5 runs of @width-wide FMA chains. */
static double
fma_peak (int width)
{
  double best = 0, sink = 0;
  gint64 iterations = 20000000;

  for (int r = 0; r < 5; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double s;

#if defined(__x86_64__) && defined(__GNUC__)
      sink += width == 8 ? fma_chains_avx512 (iterations) : fma_chains_avx2 (iterations);
#else
      return 0;
#endif
      s = (g_get_monotonic_time () - start) * 1e-6;
      best = MAX (best, iterations * 12.0 * width * 2 / s / 1e9);
    }
  if (sink == 42)
    printf (" ");
  return best;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct
{
  double wall;   /* best wall-clock seconds */
  double cpu;    /* CPU seconds of that run */
} Timing;

static Timing
time_epochs (ElmanKernel      *kernel,
             const ElmanModel *model,
             const double     *u,
             gsize             n_windows,
             ElmanGradient     gradient,
             gboolean          reference,
             int               repeats)
{
  g_autofree double *grad = g_new (double, elman_model_n_params (model));
  ElmanKernelResult result;
  Timing best = { INFINITY, INFINITY };

  for (int r = 0; r < repeats; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      double wall;

      if (reference)
        elman_kernel_run_reference (kernel, model, u, n_windows, 0, gradient, 1.0, grad, &result,
                                    NULL, NULL);
      else
        elman_kernel_run (kernel, model, u, n_windows, 0, gradient, 1.0, grad, &result, NULL, NULL);
      wall = (g_get_monotonic_time () - start) * 1e-6;
      cpu = cpu_seconds () - cpu;
      if (wall < best.wall)
        best.wall = wall;
      best.cpu = MIN (best.cpu, cpu);
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = argc > 1 && g_str_equal (argv[1], "--quick");
  gsize n = 100000;
  guint T = 16, K = 4, hidden[] = { 16, 64, 256 };
  g_autofree double *u = g_new (double, n);
  g_autofree char *loadavg = NULL;
  double peak = 0, peak_avx2 = 0, truncated_s[3] = { 0 };
  const char *isa = "?";
  ElmanRng rng;

  elman_rng_init (&rng, 1);
  for (gsize i = 0; i < n; i++)
    u[i] = sin (i * 0.01) + 0.1 * elman_rng_next_double (&rng);

#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    peak = peak_avx2 = fma_peak (4);
  if (__builtin_cpu_supports ("avx512f"))
    peak = fma_peak (8);
#endif
  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_strchomp (loadavg);

  printf ("# fp64 FMA loop, one core: %.1f GFLOP/s (AVX2: %.1f); the issue's nominal peak: %.0f\n",
          peak, peak_avx2, NOMINAL_PEAK);
  printf ("# n = %zu, T = %u, K = %u, float64, %u processors, load average %s\n", n, T, K,
          g_get_num_processors (), loadavg ? loadavg : "?");
  printf ("# s/epoch: best wall-clock of %s epochs with one thread and with two (the default\n"
          "# \"auto\" mode measures both and keeps the faster); cpu: CPU seconds of the one-thread\n"
          "# epoch. Rates and %% of peak from the faster of the two.\n",
          quick ? "2" : "3–15");
  printf ("%-10s %4s %9s %9s %9s %14s %8s %8s %8s\n", "gradient", "J", "1-thr s", "2-thr s",
          "1-thr cpu", "win-steps/s", "GFLOP/s", "%peak", "%59GF");

  for (guint g = 0; g < 2; g++)
    for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
      {
        guint J = hidden[h];
        g_autoptr(ElmanModel) model = elman_model_new (T, K, J, TRUE);
        gsize N = n - T - K + 1;
        double flops = (double) N * (4.0 * J * T + 4.0 * J * J + 6.0 * K * J + 7.0 * J + 3.0 * K);
        ElmanGradient gradient = g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;
        g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
        int repeats = quick ? 2 : J >= 256 ? 3 : J >= 64 ? 9 : 15;
        Timing one, two;
        double gflops, best;

        elman_model_init_glorot (model, 1);
        isa = elman_kernel_get_isa (kernel);
        elman_kernel_set_threads (kernel, 1);
        one = time_epochs (kernel, model, u, N, gradient, FALSE, repeats);
        elman_kernel_set_threads (kernel, 2);
        two = time_epochs (kernel, model, u, N, gradient, FALSE, repeats);
        best = MIN (one.wall, two.wall);
        gflops = flops / best / 1e9;
        printf ("%-10s %4u %9.4f %9.4f %9.4f %14.3g %8.2f %7.0f%% %7.0f%%\n",
                g ? "bptt" : "truncated", J, one.wall, two.wall, one.cpu, N / best, gflops,
                peak > 0 ? 100 * gflops / peak : 0, 100 * gflops / NOMINAL_PEAK);
        if (g == 0)
          truncated_s[h] = best;
        else
          printf ("#   bptt / truncated at J = %u: %.2f\n", J, best / truncated_s[h]);
      }

  /* The plain per-window loops, for scale. */
  if (!quick)
    {
      g_autoptr(ElmanModel) model = elman_model_new (T, K, 64, TRUE);
      gsize N = n - T - K + 1;
      g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);

      elman_model_init_glorot (model, 1);
      for (guint g = 0; g < 2; g++)
        {
          Timing ref = time_epochs (kernel, model, u, N,
                                    g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED, TRUE, 1);
          printf ("# reference loops, %s, J = 64: %.4f s/epoch\n", g ? "bptt" : "truncated",
                  ref.wall);
        }
    }
  printf ("# kernels: %s\n", isa);
  return 0;
}
