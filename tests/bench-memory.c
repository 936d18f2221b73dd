/* bench-memory.c — a 10-million-point series
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1. Peak memory: one training epoch of each gradient through the trainer
 *    (the CLI's and the app's path) on n = 10 000 000 points, J = 64,
 *    T = 16, K = 4, each in a fresh child process so that its peak
 *    resident size (getrusage ru_maxrss) is its own. Fails when one goes
 *    over 8 GiB.
 * 2. Peak memory of an ensemble forecast (two members, with intervals)
 *    of 20 000 and 2 000 000 steps after 6000 values: the arrays of the
 *    forecast itself (~80 bytes a step), never origins × steps. Fails
 *    over 64 MiB + 200 bytes a step.
 * 3. Accuracy of the loss and the gradient summed over ~10 million
 *    windows: the kernel's sums (compensated loss, gradient summed per
 *    chunk then added up) and the reference loops' naive running sums,
 *    against a forward pass and gradient done entirely in long double
 *    (J = 8).
 *
 *   bench-memory [N]          (default N = 10 000 000)
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "elman-ensemble.h"
#include "elman-kernels.h"
#include "elman-model-private.h"
#include "elman-rng.h"
#include "elman-trainer.h"

#define LIMIT_BYTES ((double) 8 * 1024 * 1024 * 1024)

static double *
noisy_sine (gsize n)
{
  double *values = g_new (double, n);
  ElmanRng rng;

  elman_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    values[i] = 10.0 + 3.0 * sin (i * 0.013) + sin (i * 0.0007) + 0.3 * elman_rng_next_double (&rng);
  return values;
}

static double
peak_rss_bytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss * 1024.0;
}

/* User + system CPU seconds of this process (all threads). */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec * 1e-6;
}

/* The child for an ensemble forecast of @steps values after 6000. */
static int
run_forecast_child (gsize steps)
{
  gsize n = 6000;
  g_autofree double *values = noisy_sine (n);
  g_autofree double *out = g_new (double, 5 * steps);
  g_autoptr(ElmanModel) a = elman_model_new (16, 1, 16, TRUE);
  g_autoptr(ElmanModel) b = elman_model_new (12, 1, 16, TRUE);
  ElmanModel *models[2] = { a, b };
  g_autoptr(GError) error = NULL;
  gint64 start;
  double cpu;

  elman_model_init_glorot (a, 1);
  elman_model_init_glorot (b, 2);
  a->offset = b->offset = 10.0, a->scale = b->scale = 3.0;
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  if (!elman_ensemble_forecast (models, 2, values, n, steps, out, out + steps, out + 2 * steps,
                                out + 3 * steps, out + 4 * steps, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%.3f %.3f %.0f\n", (g_get_monotonic_time () - start) * 1e-6, cpu_seconds () - cpu,
          peak_rss_bytes ());
  return 0;
}

/* The child: one epoch, then "seconds cpu_seconds peak_bytes" on stdout
 * (the set-up of the trainer included). */
static int
run_child (const char *gradient,
           gsize       n)
{
  g_autofree double *values = noisy_sine (n);
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  ElmanConfig config;
  gint64 start;
  double cpu;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 16, config.horizon = 4, config.hidden = 64, config.epochs = 1;
  config.gradient = g_str_equal (gradient, "bptt") ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  trainer = elman_trainer_new (&config, values, n, NULL, &error);
  if (trainer == NULL || !elman_trainer_step (trainer, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%.3f %.3f %.0f\n", (g_get_monotonic_time () - start) * 1e-6, cpu_seconds () - cpu,
          peak_rss_bytes ());
  return 0;
}

/* Runs "self --child @what @arg" and reads its "seconds cpu bytes". */
static gboolean
measure_child (const char *self,
               const char *what,
               gsize       arg,
               double     *seconds,
               double     *cpu,
               double     *bytes)
{
  g_autofree char *arg_text = g_strdup_printf ("%zu", arg);
  const char *argv[] = { self, "--child", what, arg_text, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (out, "%lf %lf %lf", seconds, cpu, bytes) != 3)
    {
      printf ("%-10s failed: %s\n", what, error ? error->message : "no output");
      return FALSE;
    }
  return TRUE;
}

static gboolean
measure_memory (const char *self,
                gsize       n)
{
  const char *gradients[] = { "truncated", "bptt" };
  gsize steps[] = { 20000, 2000000 };
  gboolean ok = TRUE;
  double seconds, cpu, bytes;

  printf ("# one epoch through the trainer, n = %zu, T = 16, K = 4, J = 64, recommended preset\n", n);
  printf ("%-10s %12s %12s %14s\n", "gradient", "seconds", "CPU seconds", "peak RSS MiB");
  for (guint g = 0; g < G_N_ELEMENTS (gradients); g++)
    {
      if (!measure_child (self, gradients[g], n, &seconds, &cpu, &bytes))
        {
          ok = FALSE;
          continue;
        }
      printf ("%-10s %12.2f %12.2f %14.0f%s\n", gradients[g], seconds, cpu, bytes / (1024 * 1024),
              bytes > LIMIT_BYTES ? "   OVER 8 GiB" : "");
      ok = ok && bytes <= LIMIT_BYTES;
    }

  printf ("# ensemble forecast with intervals, 2 members (T = 16 and 12, K = 1, J = 16), after 6000 values\n");
  printf ("%-10s %12s %12s %14s\n", "steps", "seconds", "CPU seconds", "peak RSS MiB");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double limit = 64.0 * 1024 * 1024 + 200.0 * steps[i];

      if (!measure_child (self, "forecast", steps[i], &seconds, &cpu, &bytes))
        {
          ok = FALSE;
          continue;
        }
      printf ("%-10zu %12.2f %12.2f %14.0f%s\n", steps[i], seconds, cpu, bytes / (1024 * 1024),
              bytes > limit ? "   OVER 64 MiB + 200 B a step" : "");
      ok = ok && bytes <= limit;
    }
  return ok;
}

/* ½Σ‖ŷ − y‖² and its truncated gradient (layout W, U, V, b, c) with
 * every operation in long double. */
static long double
long_double_loss (const ElmanModel *model,
                  const double     *u,
                  gsize             n_windows,
                  long double      *grad)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  g_autofree long double *h = g_new0 (long double, J);
  g_autofree long double *next = g_new (long double, J);
  g_autofree long double *e = g_new (long double, K);
  long double *dW = grad, *dU = dW + J * J, *dV = dU + J * T, *db = dV + K * J, *dc = db + J;
  long double total = 0;

  memset (grad, 0, elman_model_n_params (model) * sizeof (long double));
  for (gsize w = 0; w < n_windows; w++)
    {
      for (gsize i = 0; i < J; i++)
        {
          long double a = model->b[i];
          for (gsize j = 0; j < J; j++)
            a += (long double) model->W[i * J + j] * h[j];
          for (gsize t = 0; t < T; t++)
            a += (long double) model->U[i * T + t] * u[w + t];
          next[i] = 1.0L / (1.0L + expl (-a));
        }
      for (gsize k = 0; k < K; k++)
        {
          long double y = model->c[k];
          for (gsize j = 0; j < J; j++)
            y += (long double) model->V[k * J + j] * next[j];
          e[k] = y - u[w + T + k];
          total += 0.5L * e[k] * e[k];
          dc[k] += e[k];
          for (gsize j = 0; j < J; j++)
            dV[k * J + j] += e[k] * next[j];
        }
      for (gsize i = 0; i < J; i++)
        {
          long double d = 0;
          for (gsize k = 0; k < K; k++)
            d += (long double) model->V[k * J + i] * e[k];
          d *= next[i] * (1.0L - next[i]);
          db[i] += d;
          for (gsize j = 0; j < J; j++)
            dW[i * J + j] += d * h[j];
          for (gsize t = 0; t < T; t++)
            dU[i * T + t] += d * u[w + t];
        }
      memcpy (h, next, J * sizeof (long double));
    }
  return total;
}

/* max |g − exact| / max |exact| */
static double
gradient_error (const double      *g,
                const long double *exact,
                gsize              n)
{
  long double diff = 0, scale = 0;

  for (gsize i = 0; i < n; i++)
    {
      diff = MAX (diff, fabsl (g[i] - exact[i]));
      scale = MAX (scale, fabsl (exact[i]));
    }
  return (double) (diff / scale);
}

static void
measure_accuracy (gsize n)
{
  guint T = 16, K = 4, J = 8;
  g_autoptr(ElmanModel) model = elman_model_new (T, K, J, TRUE);
  g_autofree double *u = noisy_sine (n);
  gsize N = n - T - K + 1, n_params = elman_model_n_params (model);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
  g_autofree double *grad_fast = g_new (double, n_params);
  g_autofree double *grad_naive = g_new (double, n_params);
  g_autofree long double *grad_exact = g_new (long double, n_params);
  ElmanKernelResult fast, naive;
  long double exact;

  elman_model_init_glorot (model, 7);
  for (guint k = 0; k < K; k++)
    model->c[k] = 5.0;   /* a loss of a few units per window: a large total */
  elman_kernel_run (kernel, model, u, N, 0, ELMAN_GRADIENT_TRUNCATED, 1.0, grad_fast, &fast, NULL,
                    NULL);
  elman_kernel_run_reference (kernel, model, u, N, 0, ELMAN_GRADIENT_TRUNCATED, 1.0, grad_naive,
                              &naive, NULL, NULL);
  exact = long_double_loss (model, u, N, grad_exact);

  printf ("# loss and truncated gradient over %zu windows (J = %u), against a forward pass and\n"
          "# gradient in long double; loss = %.10Lg\n", N, J, exact);
  printf ("%-44s %24s %12s %12s\n", "summation", "loss", "loss error", "grad error");
  printf ("%-44s %24.17g %12.2e %12.2e\n", "kernel (Neumaier loss, chunk-blocked grad)",
          fast.train_loss, (double) fabsl ((fast.train_loss - exact) / exact),
          gradient_error (grad_fast, grad_exact, n_params));
  printf ("%-44s %24.17g %12.2e %12.2e\n", "reference loops (naive running sums)", naive.train_loss,
          (double) fabsl ((naive.train_loss - exact) / exact),
          gradient_error (grad_naive, grad_exact, n_params));
}

int
main (int   argc,
      char *argv[])
{
  gsize n = 10000000;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return g_str_equal (argv[2], "forecast")
           ? run_forecast_child (g_ascii_strtoull (argv[3], NULL, 10))
           : run_child (argv[2], g_ascii_strtoull (argv[3], NULL, 10));
  if (argc > 1)
    n = g_ascii_strtoull (argv[1], NULL, 10);
  if (n < 1000)
    {
      fprintf (stderr, "bench-memory: N must be at least 1000\n");
      return 2;
    }

  measure_accuracy (n);
  return measure_memory (argv[0], n) ? 0 : 1;
}
