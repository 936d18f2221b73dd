/* elman-kernels.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One epoch's forward pass and gradient, in two implementations:
 *
 * - elman_kernel_run_reference(): the plain per-window loops of the
 *   derivation, kept for the tests;
 * - elman_kernel_run(): the same sums reorganised for speed. The windows
 *   are cut into chunks (16384 / Jp windows, 64 to 256). Only the
 *   recurrence is sequential: h^t = σ(a^t + W h^{t−1}) forward, and for
 *   BPTT δ^t = (Vᵀe^t + Wᵀδ^{t+1}) ⊙ h^t ⊙ (1 − h^t) backward, written as
 *   column sweeps over Wᵀ (resp. W) so that they vectorise over hidden
 *   units. Everything else is a product over a whole chunk: A = X Uᵀ + b
 *   (X the chunk's windows, rows of the series), Ŷ, E and the truncated
 *   Δ, and the gradient sums dW += Δᵀ H_prev, dU += Δᵀ X, dV += Eᵀ H.
 *   The vector code lives in elman-kernels-impl.h, compiled for AVX-512,
 *   AVX2+FMA and a generic 2-wide target; the CPU picks at run time.
 *
 * With two processors a worker thread takes the chunk products off the
 * caller, which keeps the recurrence (see the stages above Slot). Every
 * sum runs in the same order whoever computes it, so one thread and two
 * give bit-identical results. Losses are compensated (Neumaier) sums.
 * BPTT keeps the hidden states of all windows when they fit its budget
 * (elman_kernel_hidden_budget()); longer series are cut into segments
 * that are recomputed from checkpoints, by the worker one segment ahead
 * of the backward sweep.
 */

/* sched_getaffinity() and CPU_COUNT() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#define G_LOG_DOMAIN "elman-kernels"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __linux__
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#endif

#include "elman-kernels.h"
#include "elman-kernels-private.h"
#include "elman-model-private.h"

/* Hidden states kept for back-propagation through time
 * (elman_kernel_hidden_budget()): a quarter of the free memory, within
 * these bounds. When all windows fit, one buffer holds them and nothing
 * is recomputed; beyond, the sequence is cut into segments that are
 * recomputed from checkpoints (two buffers of half the budget, so that
 * the worker can recompute one segment while the caller back-propagates
 * through the next): one more forward pass per epoch. */
#define HIDDEN_BUDGET_MIN ((gsize) 512 * 1024 * 1024)
#define HIDDEN_BUDGET_MAX ((gsize) 4096 * 1024 * 1024)
#define CANCEL_CHECK_WINDOWS 32768

/* Windows per chunk: the unit of the GEMM-like products and of the
 * hand-over to the second thread; 16384 / Jp of them, at most 256 (at
 * J = 16 larger chunks fall out of the L1 cache). */
#define MAX_CHUNK 256
/* Chunks in flight between the two threads. */
#define N_SLOTS 4
/* Below this many multiply-adds per epoch a second thread costs more
 * than it saves. */
#define THREAD_MIN_WORK 4e6

/* The split recurrence (large J): the two threads share every step of
 * the recurrence, each with its own hidden units and so its own half of
 * W in its own L2 cache, and meet at a barrier after each step (see
 * split_barrier()); the gradient products are split by rows too. The
 * pipeline keeps the recurrence on one core, so a step costs what one
 * core takes for all of W; the split costs half that plus a barrier.
 * Measured on the Zen 5 development machine (AVX-512, 1 MiB L2 per core),
 * thread CPU time of one forward step, all units / half of them, and the
 * best barrier round (both threads running, 2 × 256 steps): J = 128:
 * 1.52 / 0.64 µs, J = 256: 5.9 / 2.9 µs, J = 512: 37.7 / 19.9 µs (half
 * of W is 1 MiB, no L2 gain: L3 feeds both), barrier 0.45 µs. At J = 128
 * the barrier eats most of the gain (1.09 against 1.52 µs, before the
 * stalls any preemption brings); from J = 256 the split takes 3.4
 * against 5.9 µs, at J = 512 20.4 against 37.7 µs. The machine was never
 * idle for wall-clock figures; bench-train --split measures them. */
#define SPLIT_MIN_HIDDEN 256
/* Spins (≈ 30 ns each) at a barrier before sleeping: the other thread
 * normally arrives within a few µs; when it does not, it has lost its
 * core, and spinning on would only keep it from getting one back. */
#define BARRIER_SPIN 1000

/* A two-thread run that the default chose goes on with one thread once
 * one wait in 16 came late (and at least LATE_MIN did): the other thread
 * keeps losing its core to another process, and each wait then lasts a
 * scheduler time slice. Late is a barrier of the split that had to sleep,
 * or a wait of the pipeline's caller longer than LATE_PIPELINE_US (on an
 * idle machine a wait lasts less than a chunk, a few hundred µs at most). */
#define LATE_PER_16 1
#define LATE_MIN 2
#define LATE_PIPELINE_US 1000

/* Both threads add one to @arrivals per barrier; alone on its cache line,
 * as is each thread's own count. */
typedef struct
{
  guint32 arrivals;
  gint    sleepers;
  char    pad[56];
  struct
  {
    guint32 target;
    guint   sleeps;     /* barriers at which this thread slept */
    char    pad[56];
  } part[2];
} SplitSync;

/* One share of a split task: hidden units [r0, r1) of thread @part. */
typedef void (*SplitFunc) (ElmanKernel *kernel,
                           guint        part,
                           gsize        r0,
                           gsize        r1,
                           gpointer     data);

/* What the second stage does with a chunk (see process_slot()). */
typedef enum
{
  JOB_NONE,        /* nothing (fills the sequence after a cancellation) */
  JOB_TRUNCATED,   /* loss, δ and the gradient products of a chunk */
  JOB_LOSS,        /* training loss and E (BPTT's forward pass) */
  JOB_ERRORS,      /* E only (BPTT's recomputed segments) */
  JOB_VALID_LOSS,  /* validation loss only */
  JOB_GRADIENT,    /* gradient products from E and Δ (BPTT's backward pass) */
} JobKind;

/* Every chunk passes three stages, in this order:
 *   1. inputs: X and A = X Uᵀ + b (worker, run ahead of the recurrence;
 *      A is left to the caller for the truncated gradient)
 *   2. the recurrence (caller: forward_chunk or backward_chunk)
 *   3. the job (worker): losses, E, δ and the gradient products.
 * Chunk q uses slot q mod N_SLOTS. */
typedef struct
{
  gsize         w0, m;      /* the chunk's windows (stage 1 reads these) */
  gboolean      need_a;     /* stage 1 computes A too */
  JobKind       kind;
  const double *H;      /* rows 0…m: h^{t−1} of the first window, then h^t */
  double       *E;      /* m × K: scale · (ŷ − y), slot's own or in the segment buffer */
  double       *X;      /* chunk × Tp: window inputs */
  double       *A;      /* chunk × Jp: U x + b */
  double       *Hbuf;   /* (chunk + 1) × Jp: H when not in the segment buffer */
  double       *Ebuf;   /* chunk × K */
  double       *D;      /* chunk × Jp: δ */
} Slot;

struct _ElmanKernel
{
  gsize   J, T, K;
  gsize   Jp, Tp;
  /* elman_kernel_forward_hidden(): room for fh_rows windows. */
  double *fh_X, *fh_A, *fh_H;
  gsize   fh_rows;
  gsize   max_windows;
  gsize   segment;        /* windows per BPTT segment */
  gsize   n_checkpoints;
  gsize   chunk;          /* windows per chunk */
  guint   n_threads;      /* 0 = decide per run */
  /* Auto mode: wall-clock seconds per window of the last run with one
   * and with two threads (0 = not yet measured), and runs since the
   * slower one was last tried. On a machine busy with other work the
   * second thread can cost more than it saves; measuring tells. */
  double  seconds_per_window[2];
  guint   runs_since_trial;
  guint   retry_runs;         /* runs between trials of the slower mode */
  gboolean trial;             /* this run tries the slower mode */
  gboolean warm;              /* a first run has touched the buffers */
  gint64  run_start;
  const ElmanKernelOps *ops;

  /* The vector path */
  ElmanKernelPlan plan;
  double *hseg[2];        /* (segment + 1) × Jp each: segment s in buffer s mod 2
                           * (the second only with several segments) */
  double *eseg[2];        /* segment × K: E of the segment's windows */
  /* Recomputing a segment on the worker while the caller back-propagates
   * through the next one (written by the caller before rc_requested). */
  gsize   rc_start, rc_end, rc_next;
  double *rc_H, *rc_E;
  double *rc_X, *rc_A;    /* chunk × Tp, chunk × Jp */
  guint64 rc_requested, rc_completed;
  double *checkpoints;    /* n_checkpoints × Jp: h before each segment */
  Slot    slots[N_SLOTS];
  double *dW, *dU, *dV, *db, *dc;   /* padded gradient sums */
  double *h_last;         /* Jp */
  double *delta_next;     /* Jp */
  double  train, train_c, valid, valid_c;   /* Neumaier sums */
  const double *u;
  double  scale;
  gboolean bias;

  /* The second thread */
  GThread *worker;
  GMutex   mutex;
  GCond    cond;
  gint     active;        /* a run is posting chunks (changed under the mutex) */
  gint     quit;
  gint     parked;        /* the worker waits for a run (set under the mutex) */
  guint64  requested;     /* chunks whose stage 1 may run (written by the caller) */
  guint64  prepared;      /* chunks through stage 1 (written by whoever runs it) */
  guint64  posted;        /* chunks through stage 2 (written by the caller) */
  guint64  done;          /* chunks through stage 3 (written by whoever runs it) */
  gint     seq;           /* bumped after every change a waiting thread checks */
  gint     sleepers;      /* threads asleep in backoff() */
  gboolean threaded;      /* this run pipelines chunks through the worker */

  /* The split recurrence */
  gint       split_rows;  /* elman_kernel_set_split() */
  gboolean   split;       /* this run splits every step with the worker */
  gsize      split_at;    /* the caller's units [0, split_at), the worker's the rest */
  SplitSync *sync;        /* 64-byte aligned */
  SplitFunc  task_fn;     /* the task (written by the caller before task_posted) */
  gpointer   task_data;
  guint64    task_posted; /* tasks the caller started */
  guint64    task_run;    /* tasks the worker ran (its own) */
  guint32    split_start; /* the caller's barrier target when the run began */
  guint      split_sleeps;  /* both threads' sleeps at barriers when the run began */
  gboolean   abandoned;   /* this run went on with one thread */
  guint      late;        /* pipeline: the caller's late waits this run */
  guint64    posted_start;  /* kernel->posted when the run began */
  gsize      run_units;   /* windows the recurrence passes this run (BPTT: twice) */
  gsize      units_done;
  double     alone_per_unit;  /* seconds one thread took per unit recently, 0 = unknown */
  gboolean   two_threads;     /* this run started the worker */

  /* The reference loops */
  double *ref_hidden;     /* segment × J */
  double *ref_checkpoints;
  double *x;              /* T */
  double *y;              /* K */
  double *e;              /* K */
  double *g;              /* J */
  double *delta;          /* J */
  double *ref_delta_next; /* J */
  double *zero;           /* J zeros: h^0 */
};

static gsize
round_up (gsize n,
          gsize m)
{
  return (n + m - 1) / m * m;
}

static double *
aligned_new0 (gsize n)
{
  return g_aligned_alloc0 (MAX (n, 1), sizeof (double), 64);
}

static const ElmanKernelOps *
best_ops (void)
{
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
  __builtin_cpu_init ();
  if (__builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx512dq") &&
      __builtin_cpu_supports ("avx512vl"))
    return &elman_kernel_ops_avx512;
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    return &elman_kernel_ops_avx2;
#endif
  return &elman_kernel_ops_generic;
}

/**
 * elman_processor_count:
 *
 * Returns: the processors this thread may run on: its CPU affinity
 *   (taskset, cgroup cpusets) when the system tells it, else every
 *   processor online
 */
guint
elman_processor_count (void)
{
#if defined(__linux__) && defined(CPU_COUNT)
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return MIN ((guint) CPU_COUNT (&set), g_get_num_processors ());
#endif
  return g_get_num_processors ();
}

/**
 * elman_kernel_ops_best:
 *
 * Returns: (transfer none): the kernels of the widest instruction set
 *   this CPU runs, chosen once
 */
const ElmanKernelOps *
elman_kernel_ops_best (void)
{
  static const ElmanKernelOps *ops;
  const ElmanKernelOps *o = g_atomic_pointer_get (&ops);

  if (o == NULL)
    {
      o = best_ops ();
      g_atomic_pointer_set (&ops, o);
    }
  return o;
}

static void
free_segment_buffers (ElmanKernel *kernel)
{
  for (guint b = 0; b < 2; b++)
    {
      g_clear_pointer (&kernel->hseg[b], g_aligned_free);
      g_clear_pointer (&kernel->eseg[b], g_aligned_free);
    }
  g_clear_pointer (&kernel->checkpoints, g_aligned_free);
  g_clear_pointer (&kernel->ref_hidden, g_free);
  g_clear_pointer (&kernel->ref_checkpoints, g_free);
}

static void
set_segment (ElmanKernel *kernel,
             gsize        segment)
{
  free_segment_buffers (kernel);
  kernel->segment = MAX (1, MIN (MAX (kernel->max_windows, 1), segment));
  kernel->n_checkpoints = (MAX (kernel->max_windows, 1) + kernel->segment - 1) / kernel->segment;
}

static void
free_slots (ElmanKernel *kernel)
{
  for (guint s = 0; s < N_SLOTS; s++)
    {
      g_clear_pointer (&kernel->slots[s].X, g_aligned_free);
      g_clear_pointer (&kernel->slots[s].A, g_aligned_free);
      g_clear_pointer (&kernel->slots[s].Hbuf, g_aligned_free);
      g_clear_pointer (&kernel->slots[s].Ebuf, g_aligned_free);
      g_clear_pointer (&kernel->slots[s].D, g_aligned_free);
    }
  g_clear_pointer (&kernel->rc_X, g_aligned_free);
  g_clear_pointer (&kernel->rc_A, g_aligned_free);
}

static void
alloc_slots (ElmanKernel *kernel)
{
  gsize C = kernel->chunk, Jp = kernel->Jp;

  free_slots (kernel);
  for (guint s = 0; s < N_SLOTS; s++)
    {
      /* X's padding columns stay zero: only columns < T are written. */
      kernel->slots[s].X = aligned_new0 (C * kernel->Tp);
      kernel->slots[s].A = aligned_new0 (C * Jp);
      kernel->slots[s].Hbuf = aligned_new0 ((C + 1) * Jp);
      kernel->slots[s].Ebuf = aligned_new0 (C * kernel->K);
      kernel->slots[s].D = aligned_new0 (C * Jp);
    }
  kernel->rc_X = aligned_new0 (C * kernel->Tp);
  kernel->rc_A = aligned_new0 (C * Jp);
}

/**
 * elman_kernel_hidden_budget:
 *
 * Returns: the bytes of hidden states back-propagation through time
 *   keeps before it recomputes segments: a quarter of the memory free
 *   now, from 512 MiB to 4 GiB
 */
gsize
elman_kernel_hidden_budget (void)
{
  gsize budget = HIDDEN_BUDGET_MIN;
#if defined(__linux__) && defined(_SC_AVPHYS_PAGES)
  long pages = sysconf (_SC_AVPHYS_PAGES), page = sysconf (_SC_PAGESIZE);

  if (pages > 0 && page > 0)
    budget = CLAMP ((gsize) pages / 4 * (gsize) page, HIDDEN_BUDGET_MIN, HIDDEN_BUDGET_MAX);
#endif
  return budget;
}

/* Windows per BPTT segment: all of them when they fit the budget, else
 * half the budget's worth rounded down to whole chunks. Chunks then
 * start at the same windows as in one segment, so the sums run in the
 * same order and the result does not depend on the budget. */
static gsize
budget_segment (const ElmanKernel *kernel)
{
  gsize row = (kernel->Jp + kernel->K + 1) * sizeof (double);
  gsize budget = elman_kernel_hidden_budget ();

  if (kernel->max_windows <= budget / row - 1)
    return MAX (kernel->max_windows, 1);
  return MAX (budget / 2 / row / kernel->chunk, 1) * kernel->chunk;
}

ElmanKernel *
elman_kernel_new (const ElmanModel *model,
                  gsize             max_windows)
{
  ElmanKernel *kernel = g_new0 (ElmanKernel, 1);
  gsize J = model->hidden, T = model->window, K = model->horizon;
  gsize Jp, Tp;
  double *mem;

  kernel->J = J, kernel->T = T, kernel->K = K;
  kernel->Jp = Jp = round_up (J, 8);
  kernel->Tp = Tp = round_up (T, 8);
  kernel->max_windows = max_windows;
  /* Keep a chunk's hidden states and δ (2 · chunk · Jp doubles) well
   * inside the L2 cache next to W. */
  kernel->chunk = CLAMP (16384 / Jp, 64, MAX_CHUNK);
  kernel->ops = elman_kernel_ops_best ();
  set_segment (kernel, budget_segment (kernel));
  alloc_slots (kernel);

  /* One block for the plan and the gradient sums. */
  mem = aligned_new0 (2 * J * Jp + T * Jp + K * Jp + Jp + round_up (K, 8)
                      + J * Jp + J * Tp + K * Jp + Jp + round_up (K, 8) + 2 * Jp);
  kernel->plan.J = J, kernel->plan.Jp = Jp, kernel->plan.T = T, kernel->plan.Tp = Tp;
  kernel->plan.K = K;
  kernel->plan.WT = mem, mem += J * Jp;
  kernel->plan.W = mem, mem += J * Jp;
  kernel->plan.UT = mem, mem += T * Jp;
  kernel->plan.V = mem, mem += K * Jp;
  kernel->plan.b = mem, mem += Jp;
  kernel->plan.c = mem, mem += round_up (K, 8);
  kernel->dW = mem, mem += J * Jp;
  kernel->dU = mem, mem += J * Tp;
  kernel->dV = mem, mem += K * Jp;
  kernel->db = mem, mem += Jp;
  kernel->dc = mem, mem += round_up (K, 8);
  kernel->h_last = mem, mem += Jp;
  kernel->delta_next = mem;

  g_mutex_init (&kernel->mutex);
  g_cond_init (&kernel->cond);
  kernel->sync = g_aligned_alloc0 (1, sizeof (SplitSync), 64);

  kernel->x = g_new (double, T);
  kernel->y = g_new (double, K);
  kernel->e = g_new (double, K);
  kernel->g = g_new (double, J);
  kernel->delta = g_new (double, J);
  kernel->ref_delta_next = g_new (double, J);
  kernel->zero = g_new0 (double, J);

  return kernel;
}

void
elman_kernel_free (ElmanKernel *kernel)
{
  if (kernel == NULL)
    return;

  if (kernel->worker)
    {
      g_mutex_lock (&kernel->mutex);
      g_atomic_int_set (&kernel->quit, 1);
      g_cond_signal (&kernel->cond);
      g_mutex_unlock (&kernel->mutex);
      g_thread_join (kernel->worker);
    }
  g_mutex_clear (&kernel->mutex);
  g_cond_clear (&kernel->cond);

  free_segment_buffers (kernel);
  free_slots (kernel);
  g_aligned_free (kernel->plan.WT);
  g_aligned_free (kernel->sync);
  g_aligned_free (kernel->fh_X);
  g_aligned_free (kernel->fh_A);
  g_aligned_free (kernel->fh_H);
  g_free (kernel->x);
  g_free (kernel->y);
  g_free (kernel->e);
  g_free (kernel->g);
  g_free (kernel->delta);
  g_free (kernel->ref_delta_next);
  g_free (kernel->zero);
  g_free (kernel);
}

/**
 * elman_kernel_set_segment:
 * @windows: windows per segment of back-propagation through time
 *
 * Overrides the segment length that the hidden-state budget chose (tests
 * use it to exercise the recomputation of segments from checkpoints).
 */
void
elman_kernel_set_segment (ElmanKernel *kernel,
                          gsize        windows)
{
  g_return_if_fail (kernel != NULL);
  g_return_if_fail (windows > 0);

  set_segment (kernel, windows);
}

/**
 * elman_kernel_set_chunk:
 * @windows: windows per chunk of the vector kernels (default 16384 / Jp,
 *   64 to 256)
 */
void
elman_kernel_set_chunk (ElmanKernel *kernel,
                        gsize        windows)
{
  g_return_if_fail (kernel != NULL);
  g_return_if_fail (windows > 0);

  kernel->chunk = windows;
  alloc_slots (kernel);
}

/**
 * elman_kernel_set_threads:
 * @n_threads: 1 = only the calling thread, 2 = a second thread (for
 *   J ≥ 256 sharing every step of the recurrence, else taking the input
 *   and gradient products, see elman_kernel_set_split()), 0 = decide (the
 *   default): one thread for small problems or one processor, else two
 *   when they ran at least 5 % faster in this kernel's recent runs (both
 *   are tried); a run of two threads whose second keeps waiting for a
 *   core goes on with one
 *
 * The result does not depend on the choice: the second thread does the
 * same work in the same order.
 */
void
elman_kernel_set_threads (ElmanKernel *kernel,
                          guint        n_threads)
{
  g_return_if_fail (kernel != NULL);

  kernel->n_threads = MIN (n_threads, 2);
}

/**
 * elman_kernel_set_split:
 * @rows: when two threads run, 0 = split the recurrence for J ≥ 256
 *   (the default), −1 = never, n > 0 = always, the calling thread taking
 *   the first n hidden units (rounded down to a multiple of 8, leaving at
 *   least 8 to each thread: J ≤ 8 never splits)
 *
 * The result does not depend on the choice.
 */
void
elman_kernel_set_split (ElmanKernel *kernel,
                        gint         rows)
{
  g_return_if_fail (kernel != NULL);

  kernel->split_rows = MAX (rows, -1);
}

/**
 * elman_kernel_last_mode:
 *
 * Returns: how the last run used the threads: "one", "pipeline", "split"
 *   or "split, then one" (the split abandoned)
 */
const char *
elman_kernel_last_mode (ElmanKernel *kernel)
{
  g_return_val_if_fail (kernel != NULL, NULL);

  if (!kernel->two_threads)
    return "one";
  if (kernel->abandoned)
    return kernel->split_at ? "split, then one" : "pipeline, then one";
  return kernel->threaded ? "pipeline" : "split";
}

/**
 * elman_kernel_set_isa:
 * @name: "generic", "avx2", "avx512" or %NULL for the best this CPU runs
 *
 * Returns: %FALSE (and keeps the current kernels) when this CPU or build
 *   cannot run @name
 */
gboolean
elman_kernel_set_isa (ElmanKernel *kernel,
                      const char  *name)
{
  g_return_val_if_fail (kernel != NULL, FALSE);

  if (name == NULL)
    kernel->ops = elman_kernel_ops_best ();
  else if (g_str_equal (name, "generic"))
    kernel->ops = &elman_kernel_ops_generic;
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
  else if (g_str_equal (name, "avx2") && __builtin_cpu_supports ("avx2") &&
           __builtin_cpu_supports ("fma"))
    kernel->ops = &elman_kernel_ops_avx2;
  else if (g_str_equal (name, "avx512") && __builtin_cpu_supports ("avx512f") &&
           __builtin_cpu_supports ("avx512dq") && __builtin_cpu_supports ("avx512vl"))
    kernel->ops = &elman_kernel_ops_avx512;
#endif
  else
    return FALSE;
  return TRUE;
}

/**
 * elman_kernel_get_isa:
 *
 * Returns: a description of the kernels in use, e.g. "AVX-512 (8 × double)"
 */
const char *
elman_kernel_get_isa (ElmanKernel *kernel)
{
  g_return_val_if_fail (kernel != NULL, NULL);

  return kernel->ops->name;
}

/* ---- The vector path ---- */

/* Copies the model into the padded layouts of the plan. */
static void
prepare_plan (ElmanKernel      *kernel,
              const ElmanModel *model)
{
  ElmanKernelPlan *p = &kernel->plan;
  gsize J = p->J, Jp = p->Jp, T = p->T, K = p->K;

  p->transform = model->transform;
  for (gsize i = 0; i < J; i++)
    for (gsize j = 0; j < J; j++)
      {
        p->WT[j * Jp + i] = model->W[i * J + j];
        p->W[i * Jp + j] = model->W[i * J + j];
      }
  for (gsize i = 0; i < J; i++)
    for (gsize t = 0; t < T; t++)
      p->UT[t * Jp + i] = model->U[i * T + t];
  for (gsize k = 0; k < K; k++)
    memcpy (p->V + k * Jp, model->V + k * J, J * sizeof (double));
  for (gsize i = 0; i < J; i++)
    p->b[i] = model->b ? model->b[i] : 0.0;
  for (gsize k = 0; k < K; k++)
    p->c[k] = model->c ? model->c[k] : 0.0;
}

/* X rows: the inputs of windows w0…w0+m−1 (relative to their anchor when
 * the model is RELATIVE or RELATIVE_MEAN). */
static void
fill_inputs (const ElmanKernel *kernel,
             const double      *u,
             gsize              w0,
             gsize              m,
             double            *X)
{
  gsize T = kernel->T, Tp = kernel->Tp;

  for (gsize c = 0; c < m; c++)
    {
      const double *src = u + w0 + c;
      double anchor = elman_window_anchor (kernel->plan.transform, src, T);
      double *x = X + c * Tp;

      for (gsize t = 0; t < T; t++)
        x[t] = src[t] - anchor;
    }
}

/**
 * elman_kernel_set_model:
 *
 * Lays @model's weights out for elman_kernel_forward_hidden() (the
 * training runs do it themselves).
 */
void
elman_kernel_set_model (ElmanKernel      *kernel,
                        const ElmanModel *model)
{
  g_return_if_fail (model->hidden == kernel->J && model->window == kernel->T && model->horizon == kernel->K);

  prepare_plan (kernel, model);
}

/**
 * elman_kernel_forward_hidden:
 * @u: the network inputs; window w reads u[w…w+T)
 * @h_prev: (nullable): the hidden state before window @w0 (%NULL: h⁰ = 0)
 * @H: (out caller-allocates): @m rows of J values, the hidden states of
 *   windows w0…w0+m−1
 *
 * The recurrence alone on the training kernels, with the weights of the
 * last elman_kernel_set_model(): the inputs of all @m windows at once,
 * then W h step by step. elman_model_step() on each window up to the
 * order of the sums (a few ulps).
 */
void
elman_kernel_forward_hidden (ElmanKernel  *kernel,
                             const double *u,
                             gsize         w0,
                             gsize         m,
                             const double *h_prev,
                             double       *H)
{
  gsize J = kernel->J, Jp = kernel->Jp, Tp = kernel->Tp;

  if (m == 0)
    return;
  if (m > kernel->fh_rows)
    {
      g_aligned_free (kernel->fh_X);
      g_aligned_free (kernel->fh_A);
      g_aligned_free (kernel->fh_H);
      /* Padding lanes stay zero: inputs beyond T, state beyond J. */
      kernel->fh_X = aligned_new0 (m * Tp);
      kernel->fh_A = aligned_new0 (m * Jp);
      kernel->fh_H = aligned_new0 ((m + 1) * Jp);
      kernel->fh_rows = m;
    }
  fill_inputs (kernel, u, w0, m, kernel->fh_X);
  kernel->ops->input_chunk (&kernel->plan, kernel->fh_X, m, kernel->fh_A);
  if (h_prev != NULL)
    memcpy (kernel->fh_H, h_prev, J * sizeof (double));
  else
    memset (kernel->fh_H, 0, J * sizeof (double));
  kernel->ops->forward_chunk (&kernel->plan, kernel->fh_A, kernel->fh_H, m);
  for (gsize c = 0; c < m; c++)
    memcpy (H + c * J, kernel->fh_H + (c + 1) * Jp, J * sizeof (double));
}

/* The gradient products of one chunk for hidden units [r0, r1) (rows of
 * dW, dU and db, columns of dV; dc goes with part 0):
 *   dW += Δᵀ H_prev, dU += Δᵀ X, dV += Eᵀ H, db += Σ δ, dc += Σ e.
 * Every element sums the chunk's windows in order, however the units are
 * cut. */
static void
accumulate_part (ElmanKernel *kernel,
                 guint        part,
                 gsize        r0,
                 gsize        r1,
                 gpointer     data)
{
  const Slot *slot = data;
  const ElmanKernelOps *ops = kernel->ops;
  gsize J = kernel->J, Jp = kernel->Jp, Tp = kernel->Tp, K = kernel->K, m = slot->m;
  gsize rows = r0 < J ? MIN (r1, J) - r0 : 0;

  ops->gemm_tn (rows, Jp, m, slot->D + r0, Jp, slot->H, Jp, kernel->dW + r0 * Jp, Jp);
  ops->gemm_tn (rows, Tp, m, slot->D + r0, Jp, slot->X, Tp, kernel->dU + r0 * Tp, Tp);
  ops->gemm_tn (K, r1 - r0, m, slot->E, K, slot->H + Jp + r0, Jp, kernel->dV + r0, Jp);
  if (kernel->bias)
    {
      ops->column_sums (r1 - r0, m, slot->D + r0, Jp, kernel->db + r0);
      for (gsize k = 0; k < K && part == 0; k++)
        {
          double sum = 0;
          for (gsize c = 0; c < m; c++)
            sum += slot->E[c * K + k];
          kernel->dc[k] += sum;
        }
    }
}

static void split_run (ElmanKernel *kernel,
                       SplitFunc    fn,
                       gpointer     data);

static void
accumulate_chunk (ElmanKernel *kernel,
                  Slot        *slot)
{
  if (kernel->split)
    split_run (kernel, accumulate_part, slot);
  else
    accumulate_part (kernel, 0, 0, kernel->Jp, slot);
}

/* Stage 1 of chunk q. */
static void
prepare_slot (ElmanKernel *kernel,
              Slot        *slot)
{
  fill_inputs (kernel, kernel->u, slot->w0, slot->m, slot->X);
  /* The split forward pass computes A itself, each thread its units. */
  if (slot->need_a && !kernel->split)
    kernel->ops->input_chunk (&kernel->plan, slot->X, slot->m, slot->A);
}

/* Stage 3 of a chunk; runs on the worker when there is one, always for
 * chunks in the order they were posted, so the sums are the same with or
 * without it. */
static void
process_slot (ElmanKernel *kernel,
              Slot        *slot)
{
  const ElmanKernelOps *ops = kernel->ops;
  double unused = 0, unused_c = 0;

  switch (slot->kind)
    {
    case JOB_NONE:
      break;
    case JOB_TRUNCATED:
      /* δ^t = (Vᵀ e^t) ⊙ h^t ⊙ (1 − h^t), h^{t−1} held constant */
      ops->output_chunk (&kernel->plan, kernel->u, slot->w0, slot->H, slot->m, kernel->scale,
                         slot->E, slot->D, &kernel->train, &kernel->train_c);
      accumulate_chunk (kernel, slot);
      break;
    case JOB_LOSS:
      ops->output_chunk (&kernel->plan, kernel->u, slot->w0, slot->H, slot->m, kernel->scale,
                         slot->E, NULL, &kernel->train, &kernel->train_c);
      break;
    case JOB_ERRORS:
      ops->output_chunk (&kernel->plan, kernel->u, slot->w0, slot->H, slot->m, kernel->scale,
                         slot->E, NULL, &unused, &unused_c);
      break;
    case JOB_VALID_LOSS:
      ops->output_chunk (&kernel->plan, kernel->u, slot->w0, slot->H, slot->m, kernel->scale,
                         NULL, NULL, &kernel->valid, &kernel->valid_c);
      break;
    case JOB_GRADIENT:
      accumulate_chunk (kernel, slot);
      break;
    default:
      g_assert_not_reached ();
    }
}

static inline void
cpu_relax (void)
{
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
  __builtin_ia32_pause ();
#endif
}

/* Waiting for the other thread: spin this many times (chunks take tens
 * of microseconds, less than a wake-up from sleep), then sleep until it
 * publishes something. Spinning on regardless steals the core from the
 * very thread waited for when the other core is busy. */
#define SPIN_LIMIT 2000
/* A lost wake-up would cost at most this (there is none to lose: see
 * backoff()). */
#define SLEEP_LIMIT_NS 10000000

typedef struct
{
  guint n;      /* calls since the condition last changed */
  gint  seen;   /* kernel->seq read before the caller's last check */
} Spin;

static inline void
wait_for_change (ElmanKernel *kernel,
                 gint         seen)
{
#ifdef __linux__
  struct timespec limit = { 0, SLEEP_LIMIT_NS };

  syscall (SYS_futex, &kernel->seq, FUTEX_WAIT_PRIVATE, seen, &limit, NULL, 0);
#else
  (void) kernel, (void) seen;
  g_usleep (50);
#endif
}

/* Called by a waiting loop after each check of its condition. Every
 * change of a condition is followed by publish() or notify(), which
 * bump kernel->seq: sleeping on the value read before the last check
 * returns at once when anything changed since. */
static inline void
backoff (ElmanKernel *kernel,
         Spin        *spin)
{
  gint seq = __atomic_load_n (&kernel->seq, __ATOMIC_SEQ_CST);

  if (++spin->n < SPIN_LIMIT || seq != spin->seen)
    {
      spin->seen = seq;
      cpu_relax ();
      return;
    }
  __atomic_add_fetch (&kernel->sleepers, 1, __ATOMIC_SEQ_CST);
  wait_for_change (kernel, spin->seen);
  __atomic_sub_fetch (&kernel->sleepers, 1, __ATOMIC_SEQ_CST);
}

/* Wakes the other thread if it sleeps in backoff(). */
static inline void
notify (ElmanKernel *kernel)
{
  __atomic_add_fetch (&kernel->seq, 1, __ATOMIC_SEQ_CST);
#ifdef __linux__
  if (__atomic_load_n (&kernel->sleepers, __ATOMIC_SEQ_CST) > 0)
    syscall (SYS_futex, &kernel->seq, FUTEX_WAKE_PRIVATE, G_MAXINT, NULL, NULL, 0);
#endif
}

static inline guint64
load_acquire (guint64 *p)
{
  return __atomic_load_n (p, __ATOMIC_ACQUIRE);
}

/* Stores a counter for the other thread and wakes it. */
static inline void
publish (ElmanKernel *kernel,
         guint64     *p,
         guint64      v)
{
  __atomic_store_n (p, v, __ATOMIC_RELEASE);
  notify (kernel);
}

/* ---- The split recurrence ---- */

/* Waits until the other thread has arrived too: a short spin on the
 * shared count, then sleep (woken by the last to arrive, which sees
 * @sleepers; both sides use sequentially consistent operations, so either
 * the sleeper sees the arrival or the arriving thread sees the sleeper). */
static void
split_barrier (ElmanKernel *kernel,
               guint        part)
{
  SplitSync *sync = kernel->sync;
  guint32 target = sync->part[part].target += 2;
  guint32 now = __atomic_add_fetch (&sync->arrivals, 1, __ATOMIC_SEQ_CST);
  guint n = 0;

  if (now == target)
    {
#ifdef __linux__
      if (__atomic_load_n (&sync->sleepers, __ATOMIC_SEQ_CST) > 0)
        syscall (SYS_futex, &sync->arrivals, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
#endif
      return;
    }
  while ((gint32) (now - target) < 0)
    {
      if (++n < BARRIER_SPIN)
        cpu_relax ();
      else
        {
#ifdef __linux__
          struct timespec limit = { 0, SLEEP_LIMIT_NS };

          __atomic_add_fetch (&sync->sleepers, 1, __ATOMIC_SEQ_CST);
          now = __atomic_load_n (&sync->arrivals, __ATOMIC_SEQ_CST);
          if ((gint32) (now - target) < 0)
            syscall (SYS_futex, &sync->arrivals, FUTEX_WAIT_PRIVATE, now, &limit, NULL, 0);
          __atomic_sub_fetch (&sync->sleepers, 1, __ATOMIC_SEQ_CST);
          if (n == BARRIER_SPIN)
            __atomic_store_n (&sync->part[part].sleeps, sync->part[part].sleeps + 1,
                              __ATOMIC_RELAXED);
#else
          g_usleep (50);
#endif
        }
      now = __atomic_load_n (&sync->arrivals, __ATOMIC_ACQUIRE);
    }
}

/* Runs @fn on both threads, the caller's units first, and returns when
 * both are done. */
static void
split_run (ElmanKernel *kernel,
           SplitFunc    fn,
           gpointer     data)
{
  kernel->task_fn = fn;
  kernel->task_data = data;
  publish (kernel, &kernel->task_posted, kernel->task_posted + 1);
  fn (kernel, 0, 0, kernel->split_at, data);
  split_barrier (kernel, 0);
}

/* The worker's loop in a split run. */
static void
split_worker (ElmanKernel *kernel)
{
  for (Spin spins = { 0, 0 };;)
    {
      if (load_acquire (&kernel->task_posted) > kernel->task_run)
        {
          kernel->task_fn (kernel, 1, kernel->split_at, kernel->Jp, kernel->task_data);
          kernel->task_run++;
          split_barrier (kernel, 1);
          spins.n = 0;
        }
      else if (!g_atomic_int_get (&kernel->active))
        break;
      else
        backoff (kernel, &spins);
    }
}

typedef struct
{
  Slot  *slot;
  gsize  m;
  double *delta_next;
} SplitChunk;

/* A = X Uᵀ + b and the forward recurrence of a chunk, for units [r0, r1). */
static void
forward_part (ElmanKernel *kernel,
              guint        part,
              gsize        r0,
              gsize        r1,
              gpointer     data)
{
  const SplitChunk *chunk = data;
  const ElmanKernelOps *ops = kernel->ops;
  Slot *slot = chunk->slot;

  ops->input_rows (&kernel->plan, slot->X, chunk->m, slot->A, r0, r1);
  for (gsize c = 0; c < chunk->m; c++)
    {
      /* The last step meets the other thread in split_run(). */
      if (c > 0)
        split_barrier (kernel, part);
      ops->forward_rows (&kernel->plan, slot->A, (double *) slot->H, c, r0, r1);
    }
}

/* BPTT's recurrence over a chunk, last window first, for units [r0, r1). */
static void
backward_part (ElmanKernel *kernel,
               guint        part,
               gsize        r0,
               gsize        r1,
               gpointer     data)
{
  const SplitChunk *chunk = data;
  Slot *slot = chunk->slot;
  gsize m = chunk->m;

  for (gsize c = m; c-- > 0;)
    {
      const double *next = c + 1 < m ? slot->D + (c + 1) * kernel->Jp : chunk->delta_next;

      if (c + 1 < m)
        split_barrier (kernel, part);
      kernel->ops->backward_rows (&kernel->plan, slot->E, slot->H, slot->D, next, c, r0, r1);
    }
}

/* forward_chunk() (with input_chunk() first) or backward_chunk() on
 * both threads. */
static void
split_forward (ElmanKernel *kernel,
               Slot        *slot,
               gsize        m)
{
  SplitChunk chunk = { slot, m, NULL };

  split_run (kernel, forward_part, &chunk);
}

static void
split_backward (ElmanKernel *kernel,
                Slot        *slot,
                gsize        m,
                double      *delta_next)
{
  SplitChunk chunk = { slot, m, delta_next };

  split_run (kernel, backward_part, &chunk);
  if (m)
    memcpy (delta_next, slot->D, kernel->Jp * sizeof (double));
}

/* One chunk of the segment recomputation (on the worker): the same
 * arithmetic as forward_windows() with JOB_ERRORS. Returns TRUE when the
 * segment is complete. */
static gboolean
recompute_chunk (ElmanKernel *kernel)
{
  const ElmanKernelOps *ops = kernel->ops;
  gsize w0 = kernel->rc_next, m = MIN (kernel->chunk, kernel->rc_end - w0);
  double *H = kernel->rc_H + (w0 - kernel->rc_start) * kernel->Jp;
  double unused = 0, unused_c = 0;

  fill_inputs (kernel, kernel->u, w0, m, kernel->rc_X);
  ops->input_chunk (&kernel->plan, kernel->rc_X, m, kernel->rc_A);
  ops->forward_chunk (&kernel->plan, kernel->rc_A, H, m);
  ops->output_chunk (&kernel->plan, kernel->u, w0, H, m, kernel->scale,
                     kernel->rc_E + (w0 - kernel->rc_start) * kernel->K, NULL, &unused,
                     &unused_c);
  kernel->rc_next = w0 + m;
  return kernel->rc_next >= kernel->rc_end;
}

/* The worker's loop in a pipelined run: stages 1 and 3, stage 1 first
 * (the caller may be waiting for it), but only into a slot whose
 * previous chunk has passed stage 3. */
static void
pipeline_worker (ElmanKernel *kernel)
{
  for (Spin spins = { 0, 0 };;)
    {
      guint64 prepared = kernel->prepared, done = kernel->done;

      if (load_acquire (&kernel->requested) > prepared && done + N_SLOTS > prepared)
        {
          prepare_slot (kernel, &kernel->slots[prepared % N_SLOTS]);
          publish (kernel, &kernel->prepared, prepared + 1);
          spins.n = 0;
        }
      else if (load_acquire (&kernel->posted) > done && prepared > done)
        {
          process_slot (kernel, &kernel->slots[done % N_SLOTS]);
          publish (kernel, &kernel->done, done + 1);
          spins.n = 0;
        }
      else if (load_acquire (&kernel->rc_requested) > kernel->rc_completed)
        {
          /* Between the caller's chunks: a long job in small pieces. */
          if (recompute_chunk (kernel))
            publish (kernel, &kernel->rc_completed, kernel->rc_completed + 1);
          spins.n = 0;
        }
      else if (!g_atomic_int_get (&kernel->active))
        break;
      else
        backoff (kernel, &spins);
    }
}

static gpointer
worker_main (gpointer data)
{
  ElmanKernel *kernel = data;

  for (;;)
    {
      g_mutex_lock (&kernel->mutex);
      while (!g_atomic_int_get (&kernel->active) && !g_atomic_int_get (&kernel->quit))
        {
          g_atomic_int_set (&kernel->parked, 1);
          notify (kernel);
          g_cond_wait (&kernel->cond, &kernel->mutex);
        }
      g_atomic_int_set (&kernel->parked, 0);
      g_mutex_unlock (&kernel->mutex);
      if (g_atomic_int_get (&kernel->quit))
        return NULL;

      /* kernel->split was set before active, under the mutex. */
      if (kernel->split)
        split_worker (kernel);
      else
        pipeline_worker (kernel);
    }
}

/* The caller waited for the worker since @start. */
static inline void
note_wait (ElmanKernel *kernel,
           gint64       start)
{
  if (g_get_monotonic_time () - start > LATE_PIPELINE_US)
    kernel->late++;
}

/* Stops the worker: it finishes the work it was given, then parks. */
static void
park_worker (ElmanKernel *kernel)
{
  g_mutex_lock (&kernel->mutex);
  g_atomic_int_set (&kernel->active, 0);
  g_mutex_unlock (&kernel->mutex);
  notify (kernel);
  for (Spin spins = { 0, 0 }; !g_atomic_int_get (&kernel->parked);)
    backoff (kernel, &spins);
}

/* Asks for stage 1 of the next chunk in sequence. */
static void
request_chunk (ElmanKernel *kernel,
               gsize        w0,
               gsize        m,
               gboolean     need_a)
{
  guint64 q = kernel->requested;
  Slot *slot = &kernel->slots[q % N_SLOTS];

  if (kernel->threaded)
    {
      /* The slot's previous chunk must have left stage 3 (and so stage 1,
       * which read w0 and m). */
      gint64 start = g_get_monotonic_time ();

      for (Spin spins = { 0, 0 }; load_acquire (&kernel->done) + N_SLOTS <= q;)
        backoff (kernel, &spins);
      note_wait (kernel, start);
    }
  slot->w0 = w0, slot->m = m, slot->need_a = need_a;
  if (kernel->threaded)
    publish (kernel, &kernel->requested, q + 1);
  else
    kernel->requested = q + 1;
}

/* The slot of the chunk the caller works on next (number kernel->posted),
 * once its stage 1 has run. */
static Slot *
begin_chunk (ElmanKernel *kernel)
{
  guint64 q = kernel->posted;
  Slot *slot = &kernel->slots[q % N_SLOTS];

  g_assert (q < kernel->requested);
  if (kernel->threaded)
    {
      gint64 start = g_get_monotonic_time ();

      for (Spin spins = { 0, 0 }; load_acquire (&kernel->prepared) <= q;)
        backoff (kernel, &spins);
      note_wait (kernel, start);
    }
  else
    {
      prepare_slot (kernel, slot);
      kernel->prepared = q + 1;
    }
  return slot;
}

static void
end_chunk (ElmanKernel *kernel,
           Slot        *slot)
{
  if (kernel->threaded)
    publish (kernel, &kernel->posted, kernel->posted + 1);
  else
    {
      process_slot (kernel, slot);
      kernel->posted++;
      kernel->done = kernel->posted;
    }
}

/* Whether the second thread of a run the default chose fails to pay:
 * its waits keep coming late (see LATE_MIN), or, when a recent run with
 * one thread tells how long this much work took alone, the run is
 * already slower than that. */
static gboolean
second_thread_loses (ElmanKernel *kernel)
{
  SplitSync *sync = kernel->sync;
  double elapsed;

  if (kernel->threaded)
    {
      guint64 chunks = kernel->posted - kernel->posted_start;

      if (kernel->late >= LATE_MIN && kernel->late * 16 >= chunks * LATE_PER_16)
        return TRUE;
    }
  else
    {
      guint barriers = (sync->part[0].target - kernel->split_start) / 2;
      guint late = sync->part[0].sleeps + __atomic_load_n (&sync->part[1].sleeps, __ATOMIC_RELAXED) -
                   kernel->split_sleeps;

      if (late >= LATE_MIN && late * 16 >= barriers * LATE_PER_16)
        return TRUE;
    }
  /* After a sixteenth of the run, so that the start-up does not count. */
  if (kernel->alone_per_unit == 0 || kernel->units_done * 16 < kernel->run_units)
    return FALSE;
  elapsed = (g_get_monotonic_time () - kernel->run_start) * 1e-6;
  return elapsed > kernel->units_done * kernel->alone_per_unit;
}

/* Called by the caller after each chunk of @m windows of the recurrence:
 * when the second thread does not pay, the run goes on with the caller
 * alone (the results do not change). The pipeline's worker first
 * finishes what it was given (then prepared = requested, done = posted). */
static void
chunk_done (ElmanKernel *kernel,
            gsize        m)
{
  kernel->units_done += m;
  if (kernel->n_threads != 0 || kernel->split_rows != 0 || kernel->abandoned ||
      !kernel->two_threads || !second_thread_loses (kernel))
    return;
  if (kernel->threaded)
    park_worker (kernel);
  kernel->threaded = FALSE;
  kernel->split = FALSE;
  kernel->abandoned = TRUE;
}

/* Waits until every chunk has passed all stages; chunks requested but
 * abandoned (cancellation) pass as JOB_NONE. */
static void
drain (ElmanKernel *kernel)
{
  while (kernel->posted < kernel->requested)
    {
      Slot *slot = begin_chunk (kernel);
      slot->kind = JOB_NONE;
      end_chunk (kernel, slot);
    }
  if (!kernel->threaded)
    return;

  for (Spin spins = { 0, 0 }; load_acquire (&kernel->done) != kernel->posted;)
    backoff (kernel, &spins);
}

/* Re-try the mode that lost after this many runs. */
#define AUTO_RETRY_RUNS 16
/* Each trial that loses again doubles the wait, up to this: on a machine
 * kept busy by other jobs the second thread can lose by 3× at every
 * trial. */
#define AUTO_RETRY_MAX_RUNS 1024

/* Two threads are kept only when they ran at least this much faster: a
 * second thread that saves less is not worth the core it takes from
 * other work, and single runs compared on a busy machine differ by a few
 * per cent either way. */
#define AUTO_TWO_MARGIN 0.95

static gboolean
two_threads_pay (const double *spw)
{
  return spw[1] <= AUTO_TWO_MARGIN * spw[0];
}

static guint
auto_threads (ElmanKernel *kernel,
              gsize        n_windows)
{
  double work = (double) n_windows * kernel->Jp * (kernel->Jp + kernel->Tp);
  double *spw = kernel->seconds_per_window;

  if (elman_processor_count () < 2 || work < THREAD_MIN_WORK)
    return 1;
  /* One thread first: it tells what a run of two has to beat. */
  if (spw[0] == 0)
    return 1;
  if (spw[1] == 0)
    return 2;
  if (++kernel->runs_since_trial >= MAX (kernel->retry_runs, AUTO_RETRY_RUNS))
    {
      kernel->runs_since_trial = 0;
      kernel->trial = TRUE;
      return two_threads_pay (spw) ? 1 : 2;
    }
  return two_threads_pay (spw) ? 2 : 1;
}

/* @n_units: the windows the recurrence passes (BPTT: forward and back). */
static void
begin_run (ElmanKernel *kernel,
           gsize        n_windows,
           gsize        n_units)
{
  guint n_threads = kernel->n_threads;
  gsize Jp = kernel->Jp;

  if (n_threads == 0)
    n_threads = auto_threads (kernel, n_windows);
  kernel->split = n_threads > 1 && Jp >= 16 &&
                  (kernel->split_rows > 0 || (kernel->split_rows == 0 && kernel->J >= SPLIT_MIN_HIDDEN));
  if (!kernel->split)
    kernel->split_at = 0;
  else if (kernel->split_rows > 0)
    kernel->split_at = CLAMP ((gsize) kernel->split_rows / 8 * 8, 8, Jp - 8);
  else
    kernel->split_at = Jp / 16 * 8;
  kernel->threaded = n_threads > 1 && !kernel->split;
  kernel->two_threads = n_threads > 1;
  kernel->abandoned = FALSE;
  kernel->late = 0;
  kernel->posted_start = kernel->posted;
  kernel->split_start = kernel->sync->part[0].target;
  kernel->split_sleeps = kernel->sync->part[0].sleeps + kernel->sync->part[1].sleeps;
  kernel->run_units = MAX (n_units, 1);
  kernel->units_done = 0;
  kernel->alone_per_unit = kernel->seconds_per_window[0] * n_windows / kernel->run_units;
  kernel->run_start = g_get_monotonic_time ();
  if (n_threads < 2)
    return;

  if (kernel->worker == NULL)
    kernel->worker = g_thread_new ("elman-kernel", worker_main, kernel);
  g_mutex_lock (&kernel->mutex);
  g_atomic_int_set (&kernel->active, 1);
  g_cond_signal (&kernel->cond);
  g_mutex_unlock (&kernel->mutex);
}

static void
end_run (ElmanKernel *kernel,
         gsize        n_windows,
         gboolean     completed)
{
  gboolean two = kernel->two_threads;

  drain (kernel);
  /* The next run may do without the worker and touch the counters
   * itself: wait until the worker has left its loop. */
  if (two)
    park_worker (kernel);
  if (completed && n_windows > 0)
    {
      double *spw = kernel->seconds_per_window;

      /* The first run pays for first touches of the buffers (BPTT's
       * segments above all): timing it would make one thread look slower
       * than it is, and a second thread on a busy core then "wins". */
      if (!kernel->warm)
        {
          kernel->warm = TRUE;
          kernel->trial = FALSE;
          return;
        }
      /* An abandoned second thread counts as lost: try it again later. */
      spw[two] = kernel->abandoned ? INFINITY
                                   : (g_get_monotonic_time () - kernel->run_start) * 1e-6 / n_windows;
      if (kernel->trial)
        {
          gboolean lost = two != two_threads_pay (spw);

          kernel->retry_runs = lost ? MIN (MAX (kernel->retry_runs, AUTO_RETRY_RUNS) * 2,
                                           AUTO_RETRY_MAX_RUNS)
                                    : AUTO_RETRY_RUNS;
        }
    }
  kernel->trial = FALSE;
}

static gboolean
chunk_cancelled (gsize          w0,
                 gsize          m,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return w0 / CANCEL_CHECK_WINDOWS != (w0 + m) / CANCEL_CHECK_WINDOWS &&
         g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* How many chunks ahead of the recurrence stage 1 is asked for. */
#define LOOKAHEAD 2

/* Forward pass over windows [from, to) with the hidden state carried in
 * kernel->h_last. With @H_base the hidden states go to the segment
 * buffer (row 0 = h before window @from, already there) and E to @E_base,
 * else to each slot's own buffers. Each chunk's stage 3 is @kind. */
static gboolean
forward_windows (ElmanKernel   *kernel,
                 gsize          from,
                 gsize          to,
                 JobKind        kind,
                 double        *H_base,
                 double        *E_base,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gsize Jp = kernel->Jp, C = kernel->chunk;
  gsize n_chunks = (to - from + C - 1) / C, asked = 0;
  /* Who computes U x + b: the worker ahead of time, unless its own stage
   * 3 is the heavier one (the truncated gradient's products), when the
   * caller balances the load by doing it just before the recurrence. */
  gboolean inputs_ahead = kind != JOB_TRUNCATED;

  for (gsize j = 0; j < n_chunks; j++)
    {
      gsize w0 = from + j * C, m = MIN (C, to - w0);
      Slot *slot;

      for (; asked < n_chunks && asked <= j + LOOKAHEAD; asked++)
        request_chunk (kernel, from + asked * C, MIN (C, to - from - asked * C), inputs_ahead);

      slot = begin_chunk (kernel);
      slot->kind = kind;
      if (H_base)
        {
          slot->H = H_base + (w0 - from) * Jp;
          slot->E = E_base + (w0 - from) * kernel->K;
        }
      else
        {
          slot->H = slot->Hbuf;
          slot->E = slot->Ebuf;
          memcpy (slot->Hbuf, kernel->h_last, Jp * sizeof (double));
        }
      if (kernel->split)
        split_forward (kernel, slot, m);
      else
        {
          if (!inputs_ahead)
            kernel->ops->input_chunk (&kernel->plan, slot->X, m, slot->A);
          kernel->ops->forward_chunk (&kernel->plan, slot->A, (double *) slot->H, m);
        }
      if (H_base == NULL)
        memcpy (kernel->h_last, slot->Hbuf + m * Jp, Jp * sizeof (double));
      end_chunk (kernel, slot);
      chunk_done (kernel, m);

      if (chunk_cancelled (w0, m, cancellable, error))
        return FALSE;
    }
  if (H_base && n_chunks)
    memcpy (kernel->h_last, H_base + (to - from) * Jp, Jp * sizeof (double));
  return TRUE;
}

/* (Re)computes the hidden states of segment @s into its buffer, from its
 * checkpoint, with E; the first time also its loss. */
static gboolean
forward_segment (ElmanKernel   *kernel,
                 gsize          s,
                 gsize          n_windows,
                 gboolean       first_time,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gsize start = s * kernel->segment, end = MIN (n_windows, start + kernel->segment);
  double *H = kernel->hseg[s % 2];

  /* Stage 3 of the segment before last may still read the buffer. */
  drain (kernel);
  memcpy (H, kernel->checkpoints + s * kernel->Jp, kernel->Jp * sizeof (double));
  memcpy (kernel->h_last, H, kernel->Jp * sizeof (double));
  return forward_windows (kernel, start, end, first_time ? JOB_LOSS : JOB_ERRORS, H,
                          kernel->eseg[s % 2], cancellable, error);
}

/* Hands the recomputation of segment @s to the worker. */
static void
start_recompute (ElmanKernel *kernel,
                 gsize        s,
                 gsize        n_windows)
{
  /* Stage 3 of the segment that used this buffer last must be over. */
  drain (kernel);
  kernel->rc_start = kernel->rc_next = s * kernel->segment;
  kernel->rc_end = MIN (n_windows, kernel->rc_start + kernel->segment);
  kernel->rc_H = kernel->hseg[s % 2];
  kernel->rc_E = kernel->eseg[s % 2];
  memcpy (kernel->rc_H, kernel->checkpoints + s * kernel->Jp, kernel->Jp * sizeof (double));
  publish (kernel, &kernel->rc_requested, kernel->rc_requested + 1);
}

static void
wait_recompute (ElmanKernel *kernel)
{
  for (Spin spins = { 0, 0 }; load_acquire (&kernel->rc_completed) < kernel->rc_requested;)
    backoff (kernel, &spins);
}

static gboolean
run_bptt (ElmanKernel   *kernel,
          gsize          n_windows,
          gsize          n_valid_windows,
          GCancellable  *cancellable,
          GError       **error)
{
  gsize Jp = kernel->Jp, K = kernel->K, C = kernel->chunk, seg = kernel->segment;
  gsize n_segments = (n_windows + seg - 1) / seg;

  for (guint b = 0; b < MIN (n_segments, 2); b++)
    if (kernel->hseg[b] == NULL)
      {
        gsize rows = MIN (seg, kernel->max_windows);
        kernel->hseg[b] = aligned_new0 ((rows + 1) * Jp);
        kernel->eseg[b] = aligned_new0 (rows * K);
      }
  if (kernel->checkpoints == NULL)
    kernel->checkpoints = aligned_new0 (kernel->n_checkpoints * Jp);

  /* Forward: checkpoint h before every segment, score every window. */
  for (gsize s = 0; s < n_segments; s++)
    {
      memcpy (kernel->checkpoints + s * Jp, kernel->h_last, Jp * sizeof (double));
      if (!forward_segment (kernel, s, n_windows, TRUE, cancellable, error))
        return FALSE;
    }
  if (!forward_windows (kernel, n_windows, n_windows + n_valid_windows, JOB_VALID_LOSS, NULL,
                        NULL, cancellable, error))
    return FALSE;

  /* Backward, last window first; the forward pass left the last segment
   * in its buffer, the others are recomputed from their checkpoints (by
   * the worker, one segment ahead, when there is one):
   *   δ^t = (Vᵀ e^t + Wᵀ δ^{t+1}) ⊙ h^t ⊙ (1 − h^t) */
  memset (kernel->delta_next, 0, Jp * sizeof (double));
  /* The worker's stage 3 must have written E of the last segment. */
  drain (kernel);
  for (gsize s = n_segments; s-- > 0;)
    {
      gsize start = s * seg, end = MIN (n_windows, start + seg);
      gsize n_chunks = (end - start + C - 1) / C, asked = 0;
      double *H = kernel->hseg[s % 2], *E = kernel->eseg[s % 2];

      if (s != n_segments - 1)
        {
          if (kernel->threaded)
            wait_recompute (kernel);
          else if (!forward_segment (kernel, s, n_windows, FALSE, cancellable, error))
            return FALSE;
        }
      if (kernel->threaded && s > 0)
        start_recompute (kernel, s - 1, n_windows);

      for (gsize j = 0; j < n_chunks; j++)
        {
          gsize ci = n_chunks - 1 - j, w0 = start + ci * C, m = MIN (C, end - w0);
          Slot *slot;

          for (; asked < n_chunks && asked <= j + LOOKAHEAD; asked++)
            {
              gsize a0 = start + (n_chunks - 1 - asked) * C;
              request_chunk (kernel, a0, MIN (C, end - a0), FALSE);
            }

          /* Stage 1 (X only) is not needed until stage 3; the slot must
           * be free of its previous chunk before D is written. */
          slot = begin_chunk (kernel);
          slot->kind = JOB_GRADIENT;
          slot->H = H + (w0 - start) * Jp;
          slot->E = E + (w0 - start) * K;
          if (kernel->split)
            split_backward (kernel, slot, m, kernel->delta_next);
          else
            kernel->ops->backward_chunk (&kernel->plan, slot->E, slot->H, slot->D,
                                         kernel->delta_next, m);
          end_chunk (kernel, slot);
          chunk_done (kernel, m);

          if (chunk_cancelled (w0, m, cancellable, error))
            {
              if (kernel->threaded)
                wait_recompute (kernel);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Unpads the gradient sums into @grad (layout W, U, V, b, c). */
static void
store_gradient (const ElmanKernel *kernel,
                double            *grad)
{
  gsize J = kernel->J, Jp = kernel->Jp, T = kernel->T, Tp = kernel->Tp, K = kernel->K;
  double *dW = grad, *dU = dW + J * J, *dV = dU + J * T;

  for (gsize i = 0; i < J; i++)
    memcpy (dW + i * J, kernel->dW + i * Jp, J * sizeof (double));
  for (gsize i = 0; i < J; i++)
    memcpy (dU + i * T, kernel->dU + i * Tp, T * sizeof (double));
  for (gsize k = 0; k < K; k++)
    memcpy (dV + k * J, kernel->dV + k * Jp, J * sizeof (double));
  if (kernel->bias)
    {
      memcpy (dV + K * J, kernel->db, J * sizeof (double));
      memcpy (dV + K * J + J, kernel->dc, K * sizeof (double));
    }
}

/**
 * elman_kernel_run:
 *
 * One forward pass over windows 0…@n_windows+@n_valid_windows−1 of @u and
 * the gradient of the training windows' loss, with the vector kernels
 * this CPU runs best. Equal to elman_kernel_run_reference() up to
 * rounding; the losses are compensated sums.
 */
gboolean
elman_kernel_run (ElmanKernel        *kernel,
                  const ElmanModel   *model,
                  const double       *u,
                  gsize               n_windows,
                  gsize               n_valid_windows,
                  ElmanGradient       gradient,
                  double              loss_scale,
                  double             *grad,
                  ElmanKernelResult  *result,
                  GCancellable       *cancellable,
                  GError            **error)
{
  gsize Jp = kernel->Jp;
  gboolean ok;

  g_return_val_if_fail (kernel != NULL && model != NULL, FALSE);
  g_return_val_if_fail (model->hidden == kernel->J && model->window == kernel->T &&
                        model->horizon == kernel->K, FALSE);
  g_return_val_if_fail (n_windows + n_valid_windows <= kernel->max_windows, FALSE);

  prepare_plan (kernel, model);
  kernel->u = u;
  kernel->scale = loss_scale;
  kernel->bias = model->b != NULL;
  kernel->train = kernel->train_c = kernel->valid = kernel->valid_c = 0;
  memset (kernel->dW, 0, kernel->J * Jp * sizeof (double));
  memset (kernel->dU, 0, kernel->J * kernel->Tp * sizeof (double));
  memset (kernel->dV, 0, kernel->K * Jp * sizeof (double));
  memset (kernel->db, 0, Jp * sizeof (double));
  memset (kernel->dc, 0, kernel->K * sizeof (double));
  memset (kernel->h_last, 0, Jp * sizeof (double));
  memset (grad, 0, elman_model_n_params (model) * sizeof (double));

  begin_run (kernel, n_windows + n_valid_windows,
             n_windows + n_valid_windows + (gradient == ELMAN_GRADIENT_BPTT ? n_windows : 0));
  if (gradient == ELMAN_GRADIENT_BPTT)
    ok = run_bptt (kernel, n_windows, n_valid_windows, cancellable, error);
  else
    ok = forward_windows (kernel, 0, n_windows, JOB_TRUNCATED, NULL, NULL, cancellable, error) &&
         forward_windows (kernel, n_windows, n_windows + n_valid_windows, JOB_VALID_LOSS, NULL,
                          NULL, cancellable, error);
  end_run (kernel, n_windows + n_valid_windows, ok);
  if (!ok)
    return FALSE;

  store_gradient (kernel, grad);
  result->train_loss = kernel->train + kernel->train_c;
  result->valid_loss = kernel->valid + kernel->valid_c;
  return TRUE;
}

/* ---- The reference loops ---- */

/* e = ŷ − y for window w (after elman_model_step_reference filled kernel->y);
 * returns ½‖e‖². */
static double
window_error (ElmanKernel  *kernel,
              const double *u,
              gsize         w,
              double        anchor)
{
  const double *target = u + w + kernel->T;
  double sum = 0;

  for (gsize k = 0; k < kernel->K; k++)
    {
      double d = kernel->y[k] - (target[k] - anchor);
      kernel->e[k] = d;
      sum += d * d;
    }
  return 0.5 * sum;
}

/* Accumulates one window's share of the gradient, given e (scaled),
 * δ, x^t, h^{t−1} and h^t:
 *   dV += e h^tᵀ, dc += e, dU += δ x^tᵀ, dW += δ h^{t−1}ᵀ, db += δ. */
static void
accumulate (ElmanKernel      *kernel,
            const ElmanModel *model,
            const double     *e,
            const double     *delta,
            const double     *x,
            const double     *h_prev,
            const double     *h,
            double           *grad)
{
  gsize J = kernel->J, T = kernel->T, K = kernel->K;
  double *dW = grad, *dU = dW + J * J, *dV = dU + J * T;

  for (gsize i = 0; i < J; i++)
    {
      double d = delta[i];
      double *dWi = dW + i * J, *dUi = dU + i * T;

      for (gsize j = 0; j < J; j++)
        dWi[j] += d * h_prev[j];
      for (gsize j = 0; j < T; j++)
        dUi[j] += d * x[j];
    }
  for (gsize k = 0; k < K; k++)
    {
      double *dVk = dV + k * J;
      for (gsize j = 0; j < J; j++)
        dVk[j] += e[k] * h[j];
    }
  if (model->b)
    {
      double *db = dV + K * J, *dc = db + J;
      for (gsize i = 0; i < J; i++)
        db[i] += delta[i];
      for (gsize k = 0; k < K; k++)
        dc[k] += e[k];
    }
}

/* g = Vᵀ e */
static void
output_backward (ElmanKernel      *kernel,
                 const ElmanModel *model,
                 const double     *e,
                 double           *g)
{
  gsize J = kernel->J, K = kernel->K;

  memset (g, 0, J * sizeof (double));
  for (gsize k = 0; k < K; k++)
    {
      const double *Vk = model->V + k * J;
      for (gsize j = 0; j < J; j++)
        g[j] += e[k] * Vk[j];
    }
}

static gboolean
check_cancelled (gsize          w,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return (w % CANCEL_CHECK_WINDOWS) == CANCEL_CHECK_WINDOWS - 1 &&
         g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * elman_kernel_run_reference:
 *
 * The plain per-window loops: the same contract as elman_kernel_run(),
 * kept so the tests can compare the vector kernels against them.
 */
gboolean
elman_kernel_run_reference (ElmanKernel        *kernel,
                            const ElmanModel   *model,
                            const double       *u,
                            gsize               n_windows,
                            gsize               n_valid_windows,
                            ElmanGradient       gradient,
                            double              loss_scale,
                            double             *grad,
                            ElmanKernelResult  *result,
                            GCancellable       *cancellable,
                            GError            **error)
{
  gsize J = kernel->J, K = kernel->K, seg = kernel->segment;
  double train = 0, valid = 0;
  const double *h_prev = kernel->zero;
  g_autofree double *h_tmp = g_new (double, 2 * J);

  g_return_val_if_fail (n_windows + n_valid_windows <= kernel->max_windows, FALSE);
  if (kernel->ref_hidden == NULL)
    {
      kernel->ref_hidden = g_new (double, seg * J);
      kernel->ref_checkpoints = g_new (double, kernel->n_checkpoints * J);
    }

  memset (grad, 0, elman_model_n_params (model) * sizeof (double));

  /* Forward pass: h^t = σ(W h^{t−1} + U x^t + b), ŷ^t = V h^t + c.
   * The truncated gradient treats h^{t−1} as a constant, so it is
   * accumulated on the way: δ^t = (Vᵀ e^t) ⊙ h^t ⊙ (1 − h^t). */
  for (gsize w = 0; w < n_windows; w++)
    {
      gsize in_seg = w % seg;
      double *h = kernel->ref_hidden + in_seg * J;
      double anchor;

      if (in_seg == 0)
        {
          /* h^{t−1} may be the buffer's last row, about to be reused. */
          double *checkpoint = kernel->ref_checkpoints + (w / seg) * J;
          memcpy (checkpoint, h_prev, J * sizeof (double));
          h_prev = checkpoint;
        }

      anchor = elman_model_window_input (model, u, w, kernel->x);
      elman_model_step_reference (model, h_prev, kernel->x, h, kernel->y);
      train += window_error (kernel, u, w, anchor);

      if (gradient == ELMAN_GRADIENT_TRUNCATED)
        {
          for (gsize k = 0; k < K; k++)
            kernel->e[k] *= loss_scale;
          output_backward (kernel, model, kernel->e, kernel->g);
          for (gsize j = 0; j < J; j++)
            kernel->delta[j] = kernel->g[j] * h[j] * (1.0 - h[j]);
          accumulate (kernel, model, kernel->e, kernel->delta, kernel->x, h_prev, h, grad);
        }

      h_prev = h;
      if (check_cancelled (w, cancellable, error))
        return FALSE;
    }

  /* Validation windows continue the same hidden state. */
  if (n_valid_windows)
    {
      double *a = h_tmp, *b = h_tmp + J;

      memcpy (a, h_prev, J * sizeof (double));
      for (gsize w = n_windows; w < n_windows + n_valid_windows; w++)
        {
          double anchor = elman_model_window_input (model, u, w, kernel->x);
          double *swap;

          elman_model_step_reference (model, a, kernel->x, b, kernel->y);
          valid += window_error (kernel, u, w, anchor);
          swap = a, a = b, b = swap;
        }
    }

  if (gradient == ELMAN_GRADIENT_BPTT && n_windows > 0)
    {
      gsize n_segments = (n_windows + seg - 1) / seg;
      gsize buffered = n_segments - 1;   /* the segment the forward pass left */

      /* Back-propagation through time, last window first:
       * δ^t = (Vᵀ e^t + Wᵀ δ^{t+1}) ⊙ h^t ⊙ (1 − h^t). */
      memset (kernel->ref_delta_next, 0, J * sizeof (double));
      for (gsize s = n_segments; s-- > 0;)
        {
          gsize start = s * seg, end = MIN (n_windows, start + seg);

          if (s != buffered)
            {
              /* Recompute this segment's hidden states from its checkpoint. */
              const double *hp = kernel->ref_checkpoints + s * J;
              for (gsize w = start; w < end; w++)
                {
                  double *h = kernel->ref_hidden + (w - start) * J;
                  elman_model_window_input (model, u, w, kernel->x);
                  elman_model_step_reference (model, w == 0 ? NULL : hp, kernel->x, h, NULL);
                  hp = h;
                }
            }

          for (gsize w = end; w-- > start;)
            {
              const double *h = kernel->ref_hidden + (w - start) * J;
              const double *hp = w == start ? kernel->ref_checkpoints + s * J : h - J;
              double anchor = elman_model_window_input (model, u, w, kernel->x);

              /* ŷ^t from the stored h^t */
              for (gsize k = 0; k < K; k++)
                {
                  const double *Vk = model->V + k * J;
                  double a = model->c ? model->c[k] : 0.0;
                  for (gsize j = 0; j < J; j++)
                    a += Vk[j] * h[j];
                  kernel->y[k] = a;
                }
              window_error (kernel, u, w, anchor);
              for (gsize k = 0; k < K; k++)
                kernel->e[k] *= loss_scale;

              output_backward (kernel, model, kernel->e, kernel->g);
              /* g += Wᵀ δ^{t+1} */
              for (gsize i = 0; i < J; i++)
                {
                  const double *Wi = model->W + i * J;
                  double d = kernel->ref_delta_next[i];
                  if (d != 0)
                    for (gsize j = 0; j < J; j++)
                      kernel->g[j] += Wi[j] * d;
                }
              for (gsize j = 0; j < J; j++)
                kernel->delta[j] = kernel->g[j] * h[j] * (1.0 - h[j]);
              accumulate (kernel, model, kernel->e, kernel->delta, kernel->x, hp, h, grad);
              memcpy (kernel->ref_delta_next, kernel->delta, J * sizeof (double));

              if (check_cancelled (w, cancellable, error))
                return FALSE;
            }
        }
    }

  result->train_loss = train;
  result->valid_loss = valid;
  return TRUE;
}
