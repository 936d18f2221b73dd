/* bench-train.c — training speed
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For n = 100 000, T = 16, K = 4 and J ∈ {16, 64, 256}: seconds per epoch,
 * window-steps per second and GFLOP/s of both gradients, against one
 * core's fp64 FMA peak and the machine's (that times the processors this
 * process may use). The peak loop is timed by the CPU time of its thread,
 * so other jobs on the machine do not lower it. Flops of a truncated
 * epoch are counted as N·(4JT + 4J² + 6KJ + 7J + 3K); BPTT is reported
 * with the same count (so its GFLOP/s compare work per window, not the
 * extra Wᵀδ products). Each row gives, best of several epochs, the wall
 * clock and the CPU time (all threads) with one thread and with two, and
 * the 1-minute load average when the row was measured: on a shared
 * machine the one-thread CPU time is the figure that does not depend on
 * the load. Then the steps after training: one elman_model_step() on the
 * vector kernels against the plain reference loop, in CPU time.
 *
 *   bench-train [--quick] [--busy] [--bptt-linear] [--split] [--floor]
 *
 * --floor measures only σ, the per-stage breakdown and the recurrence
 * floor, beside one-thread truncated epochs at J = 16 and 64 (also part
 * of the full run).
 *
 * --bptt-linear measures only BPTT per window at n = 10⁵ and 10⁶ (also
 * part of the full run).
 *
 * --busy runs a busy loop in a child process (one core taken) and, beside
 * it, one thread against the library's default thread mode, side by side
 * (busy_side_by_side()); nothing else.
 *
 * --split measures only the split recurrence against the pipeline and
 * one thread at J = 128, 256, 512 (split_threshold()).
 */

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "elman-kernels.h"
#include "elman-kernels-private.h"
#include "elman-model-private.h"
#include "elman-rng.h"

#define NOMINAL_PEAK 58.7   /* GFLOP/s of one Zen 4 core (hand-written asm loops) */

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

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The 1-minute load average, or −1. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

/* GFLOP/s of the best of 5 runs of @width-wide FMA chains, timed by the
 * thread's CPU time: a core shared with other jobs runs the loop at full
 * speed while it has it. */
static double
fma_peak (int width)
{
  double best = 0, sink = 0;
  gint64 iterations = 20000000;

  for (int r = 0; r < 5; r++)
    {
      double start = thread_cpu_seconds (), s;

#if defined(__x86_64__) && defined(__GNUC__)
      sink += width == 8 ? fma_chains_avx512 (iterations) : fma_chains_avx2 (iterations);
#else
      return 0;
#endif
      s = thread_cpu_seconds () - start;
      best = MAX (best, iterations * 12.0 * width * 2 / s / 1e9);
    }
  if (sink == 42)
    printf (" ");
  return best;
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

/* CPU microseconds per elman_model_step() (or the reference loop) over
 * @steps windows of @u, the state fed back as in a prediction. */
static double
step_microseconds (const ElmanModel *model,
                   const double     *u,
                   gsize             steps,
                   gboolean          reference)
{
  gsize J = model->hidden, K = model->horizon;
  g_autofree double *h = g_new0 (double, 2 * J);
  g_autofree double *y = g_new (double, K);
  double start = thread_cpu_seconds (), sink = 0;

  for (gsize w = 0; w < steps; w++)
    {
      double *prev = h + (w & 1) * J, *cur = h + (~w & 1) * J;

      if (reference)
        elman_model_step_reference (model, w ? prev : NULL, u + w, cur, y);
      else
        elman_model_step (model, w ? prev : NULL, u + w, cur, y);
      sink += y[0];
    }
  if (sink == 42)
    printf (" ");
  return (thread_cpu_seconds () - start) * 1e6 / steps;
}

/* The core's clock in GHz, from a chain of dependent integer adds (one
 * cycle each), timed by the thread's CPU time: turns nanoseconds of a
 * dependent chain into cycles on a machine without performance
 * counters. */
static double
core_ghz (void)
{
  double best = 0;
  gint64 iterations = 20000000;

  for (int r = 0; r < 3; r++)
    {
      double start = thread_cpu_seconds ();
      guint64 x = r, one = 1;

#if defined(__x86_64__) && defined(__GNUC__)
      for (gint64 k = 0; k < iterations; k++)
        __asm__ ("add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
                 "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0"
                 : "+r" (x) : "r" (one));
#else
      return 0;
#endif
      best = MAX (best, iterations * 8.0 / (thread_cpu_seconds () - start) / 1e9);
      if (x == 42)
        printf (" ");
    }
  return best;
}

/* The identity with vsigmoid()'s signature: the chain below without σ. */
static void
copy_values (gsize         n,
             const double *z,
             double       *h)
{
  memcpy (h, z, n * sizeof (double));
}

/* CPU nanoseconds per link of a chain z ← 8 σ(z) − 4 on one vector of
 * @n lanes through @f: σ's latency plus the call, a store and loads. */
static double
chain_nanoseconds (void (*f) (gsize, const double *, double *),
                   gsize n)
{
  void (*volatile fn) (gsize, const double *, double *) = f;
  double z[8] = { 0.3, -1.7, 2.9, -0.2, 3.3, -3.9, 0.05, 1.1 }, h[8];
  gint64 links = 200000;
  double best = INFINITY;

  for (int r = 0; r < 15; r++)
    {
      double start = thread_cpu_seconds ();

      for (gint64 k = 0; k < links; k++)
        {
          fn (n, z, h);
          for (gsize l = 0; l < n; l++)
            z[l] = 8 * h[l] - 4;
        }
      best = MIN (best, (thread_cpu_seconds () - start) * 1e9 / links);
    }
  return best;
}

/* σ of the kernels: the latency of one vector (a dependent chain, less
 * the same chain through an identity) and the throughput on a long row. */
static void
sigmoid_speed (const ElmanKernelOps *ops,
               double                ghz)
{
  gsize n = 4096, rounds = 2000;
  g_autofree double *z = g_new (double, n);
  g_autofree double *h = g_new (double, n);
  double chain = chain_nanoseconds (ops->sigmoid, ops->vector_width);
  double copy = chain_nanoseconds (copy_values, ops->vector_width);
  double start, each;

  for (gsize i = 0; i < n; i++)
    z[i] = -40 + 80.0 * i / n;
  start = thread_cpu_seconds ();
  for (gsize r = 0; r < rounds; r++)
    {
      ops->sigmoid (n, z, h);
      z[r % n] += h[(r * 7) % n] * 1e-9;
    }
  each = (thread_cpu_seconds () - start) * 1e9 / (n * rounds);
  printf ("sigmoid latency: %.1f ns = %.0f cycles (chain link %.1f ns, of which call, store, loads %.1f ns); "
          "throughput %.2f ns per value  load %.2f\n", chain - copy, (chain - copy) * ghz, chain, copy,
          each, load_average ());
}

/* The vector kernels' plan of @model (as elman-kernels.c lays it out). */
static ElmanKernelPlan
bench_plan (const ElmanModel *model)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  gsize Jp = (J + 7) / 8 * 8, Tp = (T + 7) / 8 * 8;
  ElmanKernelPlan p = { J, Jp, T, Tp, K, model->transform, NULL, NULL, NULL, NULL, NULL, NULL };

  p.WT = g_aligned_alloc0 (J * Jp, sizeof (double), 64);
  p.W = g_aligned_alloc0 (J * Jp, sizeof (double), 64);
  p.UT = g_aligned_alloc0 (T * Jp, sizeof (double), 64);
  p.V = g_aligned_alloc0 (K * Jp, sizeof (double), 64);
  p.b = g_aligned_alloc0 (Jp, sizeof (double), 64);
  p.c = g_aligned_alloc0 (Jp, sizeof (double), 64);
  for (gsize i = 0; i < J; i++)
    {
      for (gsize j = 0; j < J; j++)
        p.WT[j * Jp + i] = p.W[i * Jp + j] = model->W[i * J + j];
      for (gsize t = 0; t < T; t++)
        p.UT[t * Jp + i] = model->U[i * T + t];
      p.b[i] = model->b[i];
    }
  for (gsize k = 0; k < K; k++)
    for (gsize j = 0; j < J; j++)
      p.V[k * Jp + j] = model->V[k * J + j];
  return p;
}

static void
bench_plan_clear (ElmanKernelPlan *p)
{
  double **arrays[] = { &p->WT, &p->W, &p->UT, &p->V, &p->b, &p->c };

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    g_clear_pointer (arrays[a], g_aligned_free);
}

enum { STAGE_INPUTS, STAGE_RECURRENCE, STAGE_OUTPUTS, STAGE_GRADIENT, N_STAGES };

/* One stage of a truncated epoch on one chunk of m windows. */
static void
run_stage (const ElmanKernelOps  *ops,
           const ElmanKernelPlan *p,
           int                    stage,
           const double          *u,
           gsize                  m,
           double                *X,
           double                *A,
           double                *H,
           double                *E,
           double                *D,
           double                *grad)
{
  gsize J = p->J, Jp = p->Jp, Tp = p->Tp, K = p->K;
  double loss = 0, comp = 0;

  switch (stage)
    {
    case STAGE_INPUTS:
      ops->input_chunk (p, X, m, A);
      break;
    case STAGE_RECURRENCE:
      ops->forward_chunk (p, A, H, m);
      break;
    case STAGE_OUTPUTS:
      ops->output_chunk (p, u, 0, H, m, 1e-5, E, D, &loss, &comp);
      break;
    default:
      ops->gemm_tn (J, Jp, m, D, Jp, H, Jp, grad, Jp);
      ops->gemm_tn (J, Tp, m, D, Jp, X, Tp, grad + J * Jp, Tp);
      ops->gemm_tn (K, Jp, m, E, K, H + Jp, Jp, grad + J * Jp + J * Tp, Jp);
      ops->column_sums (Jp, m, D, Jp, grad + J * Jp + J * Tp + K * Jp);
      break;
    }
}

/* CPU nanoseconds per window of each stage of a truncated epoch at
 * hidden size @J (T, K as the epochs), on one chunk of 256 windows run
 * over and over (warm caches), best of 3. Returns the recurrence's: the
 * floor that the whole epoch per window cannot beat. */
static double
stage_breakdown (const ElmanKernelOps *ops,
                 guint                 J,
                 guint                 T,
                 guint                 K,
                 const double         *u,
                 double                epoch_ns)
{
  const char *names[] = { "inputs U x + b", "recurrence σ(W h + a)", "outputs ŷ, e, δ",
                          "gradient dW dU dV db" };
  g_autoptr(ElmanModel) model = elman_model_new (T, K, J, TRUE);
  ElmanKernelPlan p;
  gsize m = 256, Jp, Tp, reps = 4000000 / ((gsize) J * J + 64 * J);
  double flops[N_STAGES], ns[N_STAGES], total = 0;
  double *X, *A, *H, *E, *D, *grad;

  elman_model_init_glorot (model, 1);
  p = bench_plan (model);
  Jp = p.Jp, Tp = p.Tp;
  X = g_aligned_alloc0 (m * Tp, sizeof (double), 64);
  A = g_aligned_alloc0 (m * Jp, sizeof (double), 64);
  H = g_aligned_alloc0 ((m + 1) * Jp, sizeof (double), 64);
  E = g_aligned_alloc0 (m * K, sizeof (double), 64);
  D = g_aligned_alloc0 (m * Jp, sizeof (double), 64);
  grad = g_aligned_alloc0 (J * Jp + J * Tp + K * Jp + Jp, sizeof (double), 64);
  for (gsize c = 0; c < m; c++)
    for (gsize t = 0; t < T; t++)
      X[c * Tp + t] = u[c + t];
  flops[STAGE_INPUTS] = 2.0 * J * T + J;
  flops[STAGE_RECURRENCE] = 2.0 * J * J + 4.0 * J;
  flops[STAGE_OUTPUTS] = 4.0 * K * J + 3.0 * J + 3.0 * K;
  flops[STAGE_GRADIENT] = 2.0 * J * J + 2.0 * J * T + 2.0 * K * J + J;

  printf ("# J = %u, one chunk of %zu windows over and over, CPU ns per window (best of 3):\n", J, m);
  for (int s = 0; s < N_STAGES; s++)
    {
      ns[s] = INFINITY;
      for (int r = 0; r < 3; r++)
        {
          double start = thread_cpu_seconds ();
          for (gsize k = 0; k < reps; k++)
            run_stage (ops, &p, s, u, m, X, A, H, E, D, grad);
          ns[s] = MIN (ns[s], (thread_cpu_seconds () - start) * 1e9 / (reps * m));
        }
      total += ns[s];
      printf ("stage J = %3u %-24s %8.2f ns %8.2f GFLOP/s  load %.2f\n", J, names[s], ns[s],
              flops[s] / ns[s], load_average ());
    }
  printf ("stage J = %3u %-24s %8.2f ns; the epoch (one-thread CPU) %.2f ns per window\n", J,
          "sum", total, epoch_ns);
  bench_plan_clear (&p);
  g_aligned_free (X), g_aligned_free (A), g_aligned_free (H);
  g_aligned_free (E), g_aligned_free (D), g_aligned_free (grad);
  return ns[STAGE_RECURRENCE];
}

/* BPTT per window at n = 10⁵ and 10⁶ (J = 64, one thread, CPU time):
 * linear while all hidden states fit elman_kernel_hidden_budget(); past
 * it every segment but the last is computed twice. */
static void
bptt_linearity (guint T,
                guint K)
{
  gsize sizes[] = { 100000, 1000000 };
  gsize n = sizes[1] + T + K;
  g_autofree double *u = g_new (double, n);
  double per_window[2] = { 0 };
  ElmanRng rng;

  elman_rng_init (&rng, 2);
  for (gsize i = 0; i < n; i++)
    u[i] = sin (i * 0.01) + 0.1 * elman_rng_next_double (&rng);
  printf ("# BPTT per window, J = 64, one thread, best of 2 epochs by CPU time; hidden-state budget %.0f MiB\n",
          elman_kernel_hidden_budget () / 1048576.0);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(ElmanModel) model = elman_model_new (T, K, 64, TRUE);
      g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, sizes[i]);
      Timing t;

      elman_model_init_glorot (model, 1);
      elman_kernel_set_threads (kernel, 1);
      t = time_epochs (kernel, model, u, sizes[i], ELMAN_GRADIENT_BPTT, FALSE, 2);
      per_window[i] = t.cpu / sizes[i];
      printf ("bptt n = %7zu: %.4f µs per window (CPU), %.3f s per epoch wall  load %.2f\n", sizes[i],
              per_window[i] * 1e6, t.wall, load_average ());
    }
  printf ("#   n = 10⁶ against n = 10⁵, per window: %+.0f %% (target within 10 %%)\n",
          100 * (per_window[1] / per_window[0] - 1));
}

/* One epoch; adds its wall-clock and CPU seconds to @sum and counts
 * the mode the kernel chose in @modes. */
static void
busy_epoch (ElmanKernel      *kernel,
            const ElmanModel *model,
            const double     *u,
            gsize             n_windows,
            ElmanGradient     gradient,
            Timing           *sum,
            GHashTable       *modes)
{
  Timing t = time_epochs (kernel, model, u, n_windows, gradient, FALSE, 1);
  const char *mode;

  sum->wall += t.wall;
  sum->cpu += t.cpu;
  mode = elman_kernel_last_mode (kernel);
  g_hash_table_insert (modes, (gpointer) mode,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (modes, mode)) + 1));
}

/* --busy: with a busy loop in another process beside (so one of the two
 * cores is taken), one thread against the default the library uses
 * (elman_kernel_set_threads (0): it tries both modes and keeps the
 * faster, the split recurrence for J ≥ 256), epochs interleaved so that
 * both see the same load. Totals over all epochs, trials included. */
static void
busy_side_by_side (const double *u,
                   gsize         n,
                   guint         T,
                   guint         K,
                   gboolean      quick)
{
  guint hidden[] = { 16, 64, 256 }, epochs[] = { 30, 16, 4 };
  gsize N = n - T - K + 1;
  pid_t busy_pid;

  fflush (stdout);
  busy_pid = fork ();
  if (busy_pid == 0)
    {
      volatile guint64 spin = 0;
      for (;;)
        spin++;
    }
  printf ("# --busy: a busy loop (another process) runs beside; %u processors. n = %zu, T = %u, K = %u.\n"
          "# 1t: one thread (elman_kernel_set_threads 1); auto: the default (threads 0), which\n"
          "# starts with two threads, tries one, keeps the faster and re-tries the other now and\n"
          "# then, and goes on alone within a run once the second thread keeps waiting for a core\n"
          "# (modes: what auto did in each epoch). Epochs alternate between the two kernels;\n"
          "# totals over all epochs in seconds, CPU of all threads. Target: auto wall ≤ 1.05 × 1t\n"
          "# wall. load: 1-minute load average after the row (the busy loop adds 1; above 3\n"
          "# other jobs share the cores and the walls are noisy).\n",
          elman_processor_count (), N, T, K);
  printf ("%-10s %4s %6s %8s %8s %8s %8s %7s %6s %6s  %s\n", "gradient", "J", "epochs", "1t wall",
          "1t cpu", "auto wall", "auto cpu", "auto/1t", "target", "load", "auto modes (epochs)");
  for (guint g = 0; g < 2; g++)
    for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
      {
        g_autoptr(ElmanModel) model = elman_model_new (T, K, hidden[h], TRUE);
        g_autoptr(ElmanKernel) one = elman_kernel_new (model, N);
        g_autoptr(ElmanKernel) two = elman_kernel_new (model, N);
        g_autoptr(GHashTable) one_modes = g_hash_table_new (g_str_hash, g_str_equal);
        g_autoptr(GHashTable) modes = g_hash_table_new (g_str_hash, g_str_equal);
        g_autoptr(GString) text = g_string_new (NULL);
        ElmanGradient gradient = g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;
        guint E = quick ? MAX (epochs[h] / 4, 2) : epochs[h];
        Timing s1 = { 0, 0 }, s2 = { 0, 0 };
        GHashTableIter iter;
        gpointer key, value;

        elman_model_init_glorot (model, 1);
        elman_kernel_set_threads (one, 1);
        elman_kernel_set_threads (two, 0);
        for (guint e = 0; e < E; e++)
          {
            /* Alternate which goes first. */
            busy_epoch (e % 2 ? two : one, model, u, N, gradient, e % 2 ? &s2 : &s1,
                        e % 2 ? modes : one_modes);
            busy_epoch (e % 2 ? one : two, model, u, N, gradient, e % 2 ? &s1 : &s2,
                        e % 2 ? one_modes : modes);
          }
        g_hash_table_iter_init (&iter, modes);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_string_append_printf (text, "%s%u× %s", text->len ? ", " : "", GPOINTER_TO_UINT (value),
                                  (const char *) key);
        printf ("%-10s %4u %6u %8.3f %8.3f %8.3f %8.3f %6.0f%% %6s %6.2f  %s\n",
                g ? "bptt" : "truncated", hidden[h], E, s1.wall, s1.cpu, s2.wall, s2.cpu,
                100 * s2.wall / s1.wall, s2.wall <= 1.05 * s1.wall ? "met" : "MISSED",
                load_average (), text->str);
        fflush (stdout);
      }
  kill (busy_pid, SIGKILL);
  waitpid (busy_pid, NULL, 0);
}

/* The split recurrence against the pipeline (both two threads) and one
 * thread, J = 128, 256, 512: where the split starts to pay
 * (SPLIT_MIN_HIDDEN in elman-kernels.c). Short epochs (2¹⁸ / J windows,
 * about 10 ms on one thread), the best of @repeats of them: on a shared
 * machine the best short run is the one that had both cores to itself,
 * which is what the split needs and what an idle machine gives. */
static void
split_threshold (const double *u,
                 guint         T,
                 guint         K,
                 int           repeats)
{
  guint hidden[] = { 128, 256, 512 };

  printf ("# split recurrence: %d epochs of 2^18 / J windows each, T = %u, K = %u; the best\n"
          "# wall clock and the best CPU time (all threads), in ms. 1t: one thread; pipe: two\n"
          "# threads, pipelined chunks; split: two threads sharing every step (forced on and off\n"
          "# with elman_kernel_set_split). ratio: split wall / the better other wall.\n",
          repeats, T, K);
  printf ("%-10s %4s %5s %17s %17s %17s %6s %6s\n", "gradient", "J", "n", "1t wall/cpu",
          "pipe wall/cpu", "split wall/cpu", "ratio", "load");
  for (guint g = 0; g < 2; g++)
    for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
      {
        gsize N = 262144 / hidden[h];
        g_autoptr(ElmanModel) model = elman_model_new (T, K, hidden[h], TRUE);
        g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
        ElmanGradient gradient = g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;
        Timing t[3];

        elman_model_init_glorot (model, 1);
        for (guint mode = 0; mode < 3; mode++)
          {
            elman_kernel_set_threads (kernel, mode ? 2 : 1);
            elman_kernel_set_split (kernel, mode == 2 ? (gint) hidden[h] / 2 : -1);
            t[mode] = time_epochs (kernel, model, u, N, gradient, FALSE, repeats);
          }
        printf ("%-10s %4u %5zu %8.2f/%8.2f %8.2f/%8.2f %8.2f/%8.2f %6.2f %6.2f\n",
                g ? "bptt" : "truncated", hidden[h], N, 1e3 * t[0].wall, 1e3 * t[0].cpu,
                1e3 * t[1].wall, 1e3 * t[1].cpu, 1e3 * t[2].wall, 1e3 * t[2].cpu,
                t[2].wall / MIN (t[0].wall, t[1].wall), load_average ());
      }
}

/* σ's speed, where a truncated epoch's time goes at J = 16 and 64, and
 * the recurrence floor beside the epoch (@epoch_s: one-thread CPU
 * seconds of truncated epochs at J = 16 and 64 over the n − T − K + 1
 * windows of @u). */
static void
floor_report (const double *u,
              gsize         n,
              guint         T,
              guint         K,
              const double *epoch_s)
{
  const ElmanKernelOps *ops = elman_kernel_ops_best ();
  guint hidden[] = { 16, 64 };
  double ghz = core_ghz (), epoch_ns[2], floor_ns[2];

  printf ("# core clock by a chain of dependent adds: %.2f GHz\n", ghz);
  sigmoid_speed (ops, ghz);
  for (guint h = 0; h < 2; h++)
    {
      epoch_ns[h] = epoch_s[h] * 1e9 / (n - T - K + 1);
      floor_ns[h] = stage_breakdown (ops, hidden[h], T, K, u, epoch_ns[h]);
    }
  for (guint h = 0; h < 2; h++)
    printf ("floor J = %3u: recurrence alone %.2f ns = %.0f cycles per step; truncated epoch %.2f ns "
            "per window (one-thread CPU) = %.2f × the floor  load %.2f\n", hidden[h], floor_ns[h],
            floor_ns[h] * ghz, epoch_ns[h], epoch_ns[h] / floor_ns[h], load_average ());
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = FALSE, busy = FALSE, split = FALSE, floor_only = FALSE;
  gsize n = 100000;
  guint T = 16, K = 4, hidden[] = { 16, 64, 256 };
  g_autofree double *u = g_new (double, n);
  double peak = 0, peak_avx2 = 0, truncated_s[3] = { 0 };
  guint n_cpus = elman_processor_count ();
  const char *isa = "?";
  ElmanRng rng;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else if (g_str_equal (argv[i], "--bptt-linear"))
        {
          bptt_linearity (16, 4);
          return 0;
        }
      else if (g_str_equal (argv[i], "--busy"))
        busy = TRUE;
      else if (g_str_equal (argv[i], "--split"))
        split = TRUE;
      else if (g_str_equal (argv[i], "--floor"))
        floor_only = TRUE;
      else
        {
          fprintf (stderr, "usage: bench-train [--quick] [--busy] [--bptt-linear] [--split] [--floor]\n");
          return 2;
        }
    }

  elman_rng_init (&rng, 1);
  for (gsize i = 0; i < n; i++)
    u[i] = sin (i * 0.01) + 0.1 * elman_rng_next_double (&rng);
  if (busy)
    {
      busy_side_by_side (u, n, T, K, quick);
      return 0;
    }
  if (split)
    {
      split_threshold (u, T, K, quick ? 30 : 100);
      return 0;
    }

  if (floor_only)
    {
      for (guint h = 0; h < 2; h++)
        {
          g_autoptr(ElmanModel) model = elman_model_new (T, K, hidden[h], TRUE);
          g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, n - T - K + 1);

          elman_model_init_glorot (model, 1);
          elman_kernel_set_threads (kernel, 1);
          truncated_s[h] = time_epochs (kernel, model, u, n - T - K + 1, ELMAN_GRADIENT_TRUNCATED,
                                        FALSE, 9).cpu;
        }
      floor_report (u, n, T, K, truncated_s);
      return 0;
    }

#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    peak = peak_avx2 = fma_peak (4);
  if (__builtin_cpu_supports ("avx512f"))
    peak = fma_peak (8);
#endif

  printf ("# fp64 FMA loop, one core, by thread CPU time: %.1f GFLOP/s (AVX2: %.1f; nominal %.1f);\n"
          "# machine: %u processors × that = %.1f GFLOP/s. Load average %.2f\n",
          peak, peak_avx2, NOMINAL_PEAK, n_cpus, peak * n_cpus, load_average ());
  printf ("# n = %zu, T = %u, K = %u, float64\n", n, T, K);
  printf ("# Best of %s epochs: wall and CPU seconds (all threads) with one thread and two.\n"
          "# %%core: GFLOP/s of the one-thread CPU time against one core's peak; %%machine:\n"
          "# GFLOP/s of the faster wall clock against the machine's. load: 1-minute load average.\n",
          quick ? "2" : "3–15");
  printf ("%-10s %4s %8s %8s %8s %8s %8s %6s %8s %8s %6s\n", "gradient", "J", "1t wall", "1t cpu",
          "2t wall", "2t cpu", "GF/s cpu", "%core", "GF/s", "%machine", "load");

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
        double best;

        elman_model_init_glorot (model, 1);
        isa = elman_kernel_get_isa (kernel);
        elman_kernel_set_threads (kernel, 1);
        one = time_epochs (kernel, model, u, N, gradient, FALSE, repeats);
        elman_kernel_set_threads (kernel, 2);
        two = time_epochs (kernel, model, u, N, gradient, FALSE, repeats);
        best = MIN (one.wall, two.wall);
        printf ("%-10s %4u %8.4f %8.4f %8.4f %8.4f %8.2f %5.0f%% %8.2f %7.0f%% %6.2f\n",
                g ? "bptt" : "truncated", J, one.wall, one.cpu, two.wall, two.cpu,
                flops / one.cpu / 1e9, peak > 0 ? 100 * flops / one.cpu / 1e9 / peak : 0,
                flops / best / 1e9, peak > 0 ? 100 * flops / best / 1e9 / (peak * n_cpus) : 0,
                load_average ());
        if (g == 0)
          truncated_s[h] = one.cpu;
        else
          printf ("#   bptt / truncated at J = %u (one-thread CPU time): %.2f\n", J,
                  one.cpu / truncated_s[h]);
      }

  floor_report (u, n, T, K, truncated_s);

  if (!quick)
    bptt_linearity (T, K);

  /* After training: prediction, rolling and free-running forecasts all
   * run elman_model_step(). */
  printf ("# one elman_model_step() (T = %u, K = %u), CPU µs: vector kernels, reference loop\n", T, K);
  for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
    {
      guint J = hidden[h];
      g_autoptr(ElmanModel) model = elman_model_new (T, K, J, TRUE);
      gsize steps = (quick ? 20000 : 100000) * 16 / J;
      double fast, ref;

      elman_model_init_glorot (model, 1);
      fast = step_microseconds (model, u, steps, FALSE);
      ref = step_microseconds (model, u, steps / 4, TRUE);
      printf ("step J = %3u: %8.3f µs %8.3f µs  (×%.1f)  load %.2f\n", J, fast, ref, ref / fast,
              load_average ());
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
          printf ("# reference loops, %s, J = 64: %.4f s/epoch (CPU), load %.2f\n",
                  g ? "bptt" : "truncated", ref.cpu, load_average ());
        }
    }
  printf ("# kernels: %s\n", isa);
  return 0;
}
