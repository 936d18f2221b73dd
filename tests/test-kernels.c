/* test-kernels.c — the vector kernels against the plain reference loops
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sched_setaffinity() and the CPU_* macros */
#define _GNU_SOURCE

#include <float.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sched.h>
#endif

#include "elman-kernels.h"
#include "elman-kernels-private.h"
#include "elman-model-private.h"
#include "elman-rng.h"

static double *
random_series (guint64 seed,
               gsize   n)
{
  ElmanRng rng;
  double *u = g_new (double, n);

  elman_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    u[i] = sin (0.05 * i) + 0.5 * (2.0 * elman_rng_next_double (&rng) - 1.0);
  return u;
}

/* Weights large enough that σ sees a wide range of arguments. */
static ElmanModel *
random_model (guint          T,
              guint          K,
              guint          J,
              gboolean       bias,
              ElmanTransform transform,
              guint64        seed)
{
  ElmanModel *model = elman_model_new (T, K, J, bias);
  ElmanRng rng;

  elman_model_init_glorot (model, seed);
  elman_rng_init (&rng, seed + 1000);
  for (gsize i = 0; i < (gsize) J * J; i++)
    model->W[i] *= 2.0;
  for (gsize i = 0; i < (gsize) J * T; i++)
    model->U[i] *= 3.0;
  if (bias)
    {
      for (guint i = 0; i < J; i++)
        model->b[i] = 2.0 * elman_rng_next_double (&rng) - 1.0;
      for (guint k = 0; k < K; k++)
        model->c[k] = 2.0 * elman_rng_next_double (&rng) - 1.0;
    }
  model->transform = transform;
  return model;
}

/* max |a − b| / max |b| over n values, 0 when both are zero. */
static double
relative_difference (const double *a,
                     const double *b,
                     gsize         n)
{
  double diff = 0, scale = 0;

  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (isfinite (a[i]));
      diff = MAX (diff, fabs (a[i] - b[i]));
      scale = MAX (scale, fabs (b[i]));
    }
  return scale > 0 ? diff / scale : diff;
}

typedef struct
{
  guint T, K, J;
  gsize n_windows, n_valid;
  gsize chunk;     /* 0 = default */
  gsize segment;   /* 0 = default */
} Shape;

static const Shape shapes[] = {
  { 4, 2, 3, 200, 17, 0, 0 },
  { 16, 4, 16, 1000, 0, 0, 0 },
  { 5, 3, 13, 700, 40, 7, 0 },      /* J and T not multiples of any vector width */
  { 7, 1, 33, 600, 10, 64, 97 },    /* several BPTT segments, chunks across them */
  { 3, 5, 9, 301, 5, 1, 50 },       /* one-window chunks */
  { 16, 4, 64, 1500, 100, 0, 400 },
  { 9, 2, 70, 400, 0, 33, 0 },
  { 2, 1, 1, 50, 3, 0, 10 },
  { 30, 24, 20, 300, 30, 50, 120 }, /* long window and horizon */
};

static void
compare_one (const Shape    *s,
             const char     *isa,
             gboolean        bias,
             ElmanTransform  transform,
             ElmanGradient   gradient,
             guint           seed)
{
  g_autoptr(ElmanModel) model = random_model (s->T, s->K, s->J, bias, transform, seed);
  gsize n = s->n_windows + s->n_valid + s->T + s->K - 1;
  g_autofree double *u = random_series (seed + 7, n);
  gsize n_params = elman_model_n_params (model);
  g_autofree double *grad_ref = g_new (double, n_params);
  g_autofree double *grad_fast = g_new (double, n_params);
  g_autofree double *grad_two = g_new (double, n_params);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, s->n_windows + s->n_valid);
  ElmanKernelResult ref, fast, two;
  double scale = 1.0 / (s->n_windows * s->K);
  double d_grad, d_loss, d_valid;

  g_assert_true (elman_kernel_set_isa (kernel, isa));
  if (s->chunk)
    elman_kernel_set_chunk (kernel, s->chunk);
  if (s->segment)
    elman_kernel_set_segment (kernel, s->segment);

  g_assert_true (elman_kernel_run_reference (kernel, model, u, s->n_windows, s->n_valid, gradient,
                                             scale, grad_ref, &ref, NULL, NULL));
  elman_kernel_set_threads (kernel, 1);
  g_assert_true (elman_kernel_run (kernel, model, u, s->n_windows, s->n_valid, gradient,
                                   scale, grad_fast, &fast, NULL, NULL));
  elman_kernel_set_threads (kernel, 2);
  g_assert_true (elman_kernel_run (kernel, model, u, s->n_windows, s->n_valid, gradient,
                                   scale, grad_two, &two, NULL, NULL));

  d_grad = relative_difference (grad_fast, grad_ref, n_params);
  d_loss = fabs (fast.train_loss - ref.train_loss) / ref.train_loss;
  d_valid = s->n_valid ? fabs (fast.valid_loss - ref.valid_loss) / ref.valid_loss : 0;
  if (d_grad > 1e-11 || d_loss > 1e-12 || d_valid > 1e-12 || g_test_verbose ())
    g_test_message ("%s T=%u K=%u J=%u N=%zu+%zu chunk=%zu segment=%zu bias=%d transform=%d %s: "
                    "gradient %.2e, loss %.2e, validation %.2e",
                    isa, s->T, s->K, s->J, s->n_windows, s->n_valid, s->chunk, s->segment, bias,
                    transform, gradient == ELMAN_GRADIENT_BPTT ? "bptt" : "truncated",
                    d_grad, d_loss, d_valid);
  g_assert_cmpfloat (d_grad, <, 1e-11);
  g_assert_cmpfloat (d_loss, <, 1e-12);
  g_assert_cmpfloat (d_valid, <, 1e-12);
  if (s->n_valid == 0)
    g_assert_cmpfloat (fast.valid_loss, ==, 0.0);

  /* The second thread does the same sums in the same order. */
  g_assert_cmpmem (grad_two, n_params * sizeof (double), grad_fast, n_params * sizeof (double));
  g_assert_cmpfloat (two.train_loss, ==, fast.train_loss);
  g_assert_cmpfloat (two.valid_loss, ==, fast.valid_loss);
}

static void
test_against_reference (gconstpointer data)
{
  const char *isa = data;
  g_autoptr(ElmanModel) probe = elman_model_new (1, 1, 1, FALSE);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (probe, 1);
  const ElmanTransform transforms[] = {
    ELMAN_TRANSFORM_NONE, ELMAN_TRANSFORM_RELATIVE, ELMAN_TRANSFORM_RELATIVE_MEAN,
  };
  guint seed = 1;

  if (!elman_kernel_set_isa (kernel, isa))
    {
      /* The kernels this CPU cannot run are never selected; the
       * comparison itself cannot run here, so it is a skip, not a pass. */
      g_assert_true (elman_kernel_set_isa (kernel, NULL));
      g_assert_cmpstr (elman_kernel_get_isa (kernel), !=, NULL);
      g_test_skip_printf ("this CPU does not run the %s kernels", isa);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    for (guint bias = 0; bias < 2; bias++)
      for (guint t = 0; t < G_N_ELEMENTS (transforms); t++)
        for (guint g = 0; g < 2; g++)
          compare_one (&shapes[i], isa, bias, transforms[t],
                       g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED, seed++);
}

/* The kernels of the steps after training (elman_model_step() on the
 * model's own row-major weights) against the plain loops with libm's
 * exp, on every instruction set this CPU runs, over shapes whose J, T
 * and K are and are not multiples of the vector widths, with and without
 * biases and h_prev, along a run of 200 steps whose state feeds back.
 * Tolerance: 1e-12 relative to the largest |h| or |y| (the sums run in
 * another order; σ is within 4 ulps). */
static void
test_model_step (gconstpointer data)
{
  const char *isa = data;
  const guint dims[][3] = {
    { 1, 1, 1 }, { 3, 2, 5 }, { 16, 4, 16 }, { 16, 4, 64 }, { 7, 3, 13 }, { 30, 24, 20 },
    { 9, 1, 70 }, { 104, 12, 33 }, { 5, 1, 128 },
  };
  g_autoptr(ElmanModel) probe = elman_model_new (1, 1, 1, FALSE);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (probe, 1);
  const ElmanKernelOps *ops = NULL;
  double worst = 0;

  if (!elman_kernel_set_isa (kernel, isa))
    {
      g_test_skip_printf ("this CPU does not run the %s kernels", isa);
      return;
    }
#if defined(__x86_64__) || defined(__i386__)
  if (g_str_equal (isa, "avx512"))
    ops = &elman_kernel_ops_avx512;
  else if (g_str_equal (isa, "avx2"))
    ops = &elman_kernel_ops_avx2;
#endif
  if (g_str_equal (isa, "generic"))
    ops = &elman_kernel_ops_generic;
  g_assert_nonnull (ops);

  for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
    for (guint bias = 0; bias < 2; bias++)
      {
        guint T = dims[d][0], K = dims[d][1], J = dims[d][2];
        g_autoptr(ElmanModel) model = random_model (T, K, J, bias, ELMAN_TRANSFORM_NONE, 40 + d);
        g_autofree double *u = random_series (50 + d, 200 + T);
        g_autofree double *h_ref = g_new0 (double, 2 * J);
        g_autofree double *h_fast = g_new0 (double, 2 * J);
        g_autofree double *y_ref = g_new (double, K);
        g_autofree double *y_fast = g_new (double, K);

        for (guint w = 0; w < 200; w++)
          {
            double *ref_prev = h_ref + (w & 1) * J, *ref_cur = h_ref + (~w & 1) * J;
            double *fast_cur = h_fast + (~w & 1) * J;
            double dh, dy;

            elman_model_step_reference (model, w ? ref_prev : NULL, u + w, ref_cur, y_ref);
            /* The fast run continues from the reference state, so that
             * each step is compared on its own. */
            ops->model_step (model, w ? ref_prev : NULL, u + w, fast_cur, w % 3 ? y_fast : NULL);
            dh = relative_difference (fast_cur, ref_cur, J);
            g_assert_cmpfloat (dh, <, 1e-12);
            worst = MAX (worst, dh);
            if (w % 3)
              {
                dy = relative_difference (y_fast, y_ref, K);
                g_assert_cmpfloat (dy, <, 1e-12);
                worst = MAX (worst, dy);
              }
          }
      }
  g_test_message ("%s: model step within %.2e of the reference loops", isa, worst);

  /* elman_model_step() runs the best kernels: bit-identical to them. */
  {
    g_autoptr(ElmanModel) model = random_model (16, 4, 64, TRUE, ELMAN_TRANSFORM_NONE, 3);
    g_autofree double *u = random_series (4, 16);
    double h1[64], h2[64], y1[4], y2[4];

    elman_model_step (model, NULL, u, h1, y1);
    elman_kernel_ops_best ()->model_step (model, NULL, u, h2, y2);
    g_assert_cmpmem (h1, sizeof h1, h2, sizeof h2);
    g_assert_cmpmem (y1, sizeof y1, y2, sizeof y2);
  }
}

/* A segment length that is not a multiple of the chunk, and a segment of
 * one window, must give the gradient of one long segment. */
static void
test_segments (void)
{
  g_autoptr(ElmanModel) model = random_model (6, 2, 11, TRUE, ELMAN_TRANSFORM_NONE, 5);
  gsize N = 500, n = N + 6 + 2 - 1;
  g_autofree double *u = random_series (3, n);
  gsize n_params = elman_model_n_params (model);
  g_autofree double *one = g_new (double, n_params);
  g_autofree double *many = g_new (double, n_params);
  gsize segments[] = { 1, 2, 37, 499 };
  ElmanKernelResult r1, r2;

  {
    g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
    g_assert_true (elman_kernel_run (kernel, model, u, N, 0, ELMAN_GRADIENT_BPTT, 1.0, one, &r1,
                                     NULL, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);

      elman_kernel_set_segment (kernel, segments[i]);
      elman_kernel_set_chunk (kernel, 16);
      g_assert_true (elman_kernel_run (kernel, model, u, N, 0, ELMAN_GRADIENT_BPTT, 1.0, many,
                                       &r2, NULL, NULL));
      /* Recomputed segments repeat the same arithmetic; only the order of
       * the gradient sums follows the chunk boundaries. */
      g_assert_cmpfloat (relative_difference (many, one, n_params), <, 1e-14);
      g_assert_cmpfloat (fabs (r2.train_loss - r1.train_loss), <=, 1e-14 * r1.train_loss);
    }

  /* Segments of whole chunks, as the memory budget chooses them, give
   * the very result of one segment: the chunks start at the same
   * windows, so the sums run in the same order. */
  {
    g_autoptr(ElmanKernel) whole = elman_kernel_new (model, N);
    g_autoptr(ElmanKernel) cut = elman_kernel_new (model, N);

    elman_kernel_set_chunk (whole, 16);
    elman_kernel_set_segment (whole, N);
    elman_kernel_set_chunk (cut, 16);
    elman_kernel_set_segment (cut, 48);
    g_assert_true (elman_kernel_run (whole, model, u, N, 0, ELMAN_GRADIENT_BPTT, 1.0, one, &r1, NULL, NULL));
    g_assert_true (elman_kernel_run (cut, model, u, N, 0, ELMAN_GRADIENT_BPTT, 1.0, many, &r2, NULL, NULL));
    g_assert_cmpmem (many, n_params * sizeof (double), one, n_params * sizeof (double));
    g_assert_cmpfloat (r2.train_loss, ==, r1.train_loss);
  }

  /* The budget: a quarter of the free memory, from 512 MiB to 4 GiB. */
  g_assert_cmpuint (elman_kernel_hidden_budget (), >=, (gsize) 512 << 20);
  g_assert_cmpuint (elman_kernel_hidden_budget (), <=, (gsize) 4096 << 20);
}

/* Gradient descent on @model for a few epochs with @kernel; the final
 * weights are the model's. */
static void
train_epochs (ElmanKernel   *kernel,
              ElmanModel    *model,
              const double  *u,
              gsize          n_windows,
              gsize          n_valid,
              ElmanGradient  gradient,
              double        *losses)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  gsize n_params = elman_model_n_params (model);
  g_autofree double *grad = g_new (double, n_params);

  for (guint epoch = 0; epoch < 3; epoch++)
    {
      ElmanKernelResult result;
      const double *g = grad;

      g_assert_true (elman_kernel_run (kernel, model, u, n_windows, n_valid, gradient,
                                       1.0 / n_windows, grad, &result, NULL, NULL));
      losses[2 * epoch] = result.train_loss;
      losses[2 * epoch + 1] = result.valid_loss;
      for (gsize i = 0; i < J * J; i++)
        model->W[i] -= 0.01 * *g++;
      for (gsize i = 0; i < J * T; i++)
        model->U[i] -= 0.01 * *g++;
      for (gsize i = 0; i < K * J; i++)
        model->V[i] -= 0.01 * *g++;
      for (gsize i = 0; i < J && model->b; i++)
        model->b[i] -= 0.01 * *g++;
      for (gsize k = 0; k < K && model->c; k++)
        model->c[k] -= 0.01 * *g++;
    }
}

/* The split recurrence (two threads sharing every step, each with its
 * own hidden units) trains the weights one thread trains: J = 131 (not a
 * multiple of any vector width; Jp = 136, 17 vectors of 8, so the
 * default cut 64 | 72 is uneven) and a lopsided cut 24 | 112, chunks
 * that do not divide the series, BPTT recomputing segments, on the
 * generic kernels and the best this CPU runs. Tolerance as for two
 * threads in compare_one(): none (the lanes sum in the same order). */
static void
test_split (void)
{
  const guint T = 7, K = 3, J = 131;
  const gsize N = 300, n_valid = 20, n = N + n_valid + T + K - 1;
  const gint cuts[] = { 68, 24 };
  const char *isas[] = { "generic", NULL };
  g_autofree double *u = random_series (11, n);

  for (guint i = 0; i < G_N_ELEMENTS (isas); i++)
    for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
      for (guint g = 0; g < 2; g++)
        {
          ElmanGradient gradient = g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;
          g_autoptr(ElmanModel) one = random_model (T, K, J, TRUE, ELMAN_TRANSFORM_NONE, 21);
          g_autoptr(ElmanModel) split = random_model (T, K, J, TRUE, ELMAN_TRANSFORM_NONE, 21);
          g_autoptr(ElmanKernel) k1 = elman_kernel_new (one, N + n_valid);
          g_autoptr(ElmanKernel) k2 = elman_kernel_new (split, N + n_valid);
          double l1[6], l2[6];

          for (guint k = 0; k < 2; k++)
            {
              ElmanKernel *kernel = k ? k2 : k1;

              g_assert_true (elman_kernel_set_isa (kernel, isas[i]));
              elman_kernel_set_chunk (kernel, 37);
              elman_kernel_set_segment (kernel, 100);
            }
          elman_kernel_set_threads (k1, 1);
          elman_kernel_set_threads (k2, 2);
          elman_kernel_set_split (k2, cuts[c]);
          train_epochs (k1, one, u, N, n_valid, gradient, l1);
          train_epochs (k2, split, u, N, n_valid, gradient, l2);
          g_assert_cmpstr (elman_kernel_last_mode (k1), ==, "one");
          g_assert_cmpstr (elman_kernel_last_mode (k2), ==, "split");

          g_assert_cmpfloat (relative_difference (split->W, one->W, J * J), <, 1e-11);
          g_assert_cmpfloat (relative_difference (split->U, one->U, J * T), <, 1e-11);
          g_assert_cmpfloat (relative_difference (split->V, one->V, K * J), <, 1e-11);
          g_assert_cmpfloat (relative_difference (split->b, one->b, J), <, 1e-11);
          g_assert_cmpfloat (relative_difference (split->c, one->c, K), <, 1e-11);
          g_assert_cmpmem (split->W, J * J * sizeof (double), one->W, J * J * sizeof (double));
          g_assert_cmpmem (l2, sizeof l2, l1, sizeof l1);
          /* The weights did move. */
          g_assert_cmpfloat (l1[4], <, l1[0]);
        }

  /* Never: two threads, pipelined. */
  {
    g_autoptr(ElmanModel) model = random_model (T, K, J, TRUE, ELMAN_TRANSFORM_NONE, 21);
    g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
    double losses[6];

    elman_kernel_set_threads (kernel, 2);
    elman_kernel_set_split (kernel, -1);
    train_epochs (kernel, model, u, N, 0, ELMAN_GRADIENT_TRUNCATED, losses);
    g_assert_cmpstr (elman_kernel_last_mode (kernel), ==, "pipeline");
  }
}

/* σ at the edges: the vector σ must stay in [0, 1], finite, and agree
 * with elman_sigmoid() where it is representable. A single hidden unit
 * with a huge input weight drives the argument to ±1e300. */
static void
test_sigmoid_extremes (void)
{
  double zs[] = { -1e300, -800, -745, -709, -700, -40, -1e-300, 0, 1e-300, 1e-8, 0.5, 40, 700,
                  709, 745, 800, 1e300 };
  g_autoptr(ElmanModel) model = elman_model_new (1, 1, 1, TRUE);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, 1);
  double u[2] = { 1.0, 0.0 }, grad[5];
  ElmanKernelResult result;

  for (guint i = 0; i < G_N_ELEMENTS (zs); i++)
    {
      double want = elman_sigmoid (zs[i]), h, y;

      /* x = 1, U = z, V = 1, c = 0: ŷ = h, loss = ½ h² (target 0). */
      model->U[0] = zs[i], model->W[0] = 0, model->V[0] = 1, model->b[0] = 0, model->c[0] = 0;
      g_assert_true (elman_kernel_run (kernel, model, u, 1, 0, ELMAN_GRADIENT_TRUNCATED, 1.0,
                                       grad, &result, NULL, NULL));
      h = sqrt (2 * result.train_loss);
      y = grad[2];   /* dV = e h = h² */
      g_assert_true (isfinite (h) && h >= 0 && h <= 1);
      g_assert_true (isfinite (y));
      if (want > 1e-150)
        g_assert_cmpfloat (fabs (h - want), <=, 1e-15 * want);
      else
        g_assert_cmpfloat (h, <, 1e-150);
    }
}

/* σ over [−60, 60] against elman_sigmoid() (glibc's exp), on every
 * instruction set this CPU runs: with biases, dc = Σ e = h exactly. */
static void
test_sigmoid_ulps (void)
{
  const char *isas[] = { "generic", "avx2", "avx512" };
  g_autoptr(ElmanModel) model = elman_model_new (1, 1, 1, TRUE);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, 1);
  double u[2] = { 1.0, 0.0 }, grad[5];
  ElmanKernelResult result;

  for (guint s = 0; s < G_N_ELEMENTS (isas); s++)
    {
      double worst = 0, worst_z = 0;

      if (!elman_kernel_set_isa (kernel, isas[s]))
        continue;
      for (int i = 0; i <= 12000; i++)
        {
          double z = -60.0 + i * 0.01 + 1e-9 * i, want, ulps;

          model->U[0] = z, model->W[0] = 0, model->V[0] = 1, model->b[0] = 0, model->c[0] = 0;
          g_assert_true (elman_kernel_run (kernel, model, u, 1, 0, ELMAN_GRADIENT_TRUNCATED, 1.0,
                                           grad, &result, NULL, NULL));
          want = elman_sigmoid (z);
          ulps = fabs (grad[4] - want) / (nextafter (want, INFINITY) - want);
          if (ulps > worst)
            worst = ulps, worst_z = z;
        }
      g_test_message ("%s: sigmoid within %.1f ulp of elman_sigmoid() (worst at %g)", isas[s], worst,
                      worst_z);
      g_assert_cmpfloat (worst, <=, 4.0);
    }
}

/* σ to 2^−63 relative: the reference formula in long double. */
static long double
sigmoid_exact (double z)
{
  long double e;

  if (z >= 0)
    return 1.0L / (1.0L + expl (-(long double) z));
  e = expl ((long double) z);
  return e / (1.0L + e);
}

/* |h − exact| in units in the last place of the double nearest exact
 * (2^−1074 among the subnormals). */
static double
ulps_from (double      h,
           long double exact)
{
  int ex;

  if (exact < DBL_MIN)
    return (double) (fabsl (h - exact) / 0x1p-1074L);
  frexp ((double) exact, &ex);
  return (double) (fabsl (h - exact) / ldexpl (1.0L, ex - 53));
}

/* The kernels' σ against the exact value, in ulps, on a dense sweep of
 * [−800, 800], the neighbourhood where σ becomes subnormal, ±2^−e down
 * to the subnormal arguments, ±0 and ±∞: within SIGMOID_ULPS everywhere
 * (σ rounds to 0 below −745.2 and to 1 above 37.5, and must). The
 * bound is the one the degree-13 exp before issue 16 met (2.32 ulp with
 * AVX-512, 1.92 generic, on [−708, 800]); the table's σ is within 1.88.
 * A polynomial one degree short (5.7 ulp) or a table entry one ulp off
 * (2.8) breaks it. */
#define SIGMOID_ULPS 2.5

static void
test_sigmoid_exact (gconstpointer data)
{
  const char *isa = data;
  g_autoptr(ElmanModel) model = elman_model_new (1, 1, 1, TRUE);
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, 1);
  const ElmanKernelOps *ops = &elman_kernel_ops_generic;
  gsize n_dense = 1 << 21, n_sub = 1 << 18, n = n_dense + n_sub + 4 * 1075 + 4;
  g_autofree double *z = g_new (double, n);
  g_autofree double *h = g_new (double, n);
  double worst = 0, worst_z = 0;
  gsize i = 0;

  if (!elman_kernel_set_isa (kernel, isa))
    {
      g_test_skip ("this CPU does not run these kernels");
      return;
    }
#if defined(__x86_64__) || defined(__i386__)
  if (g_str_equal (isa, "avx2"))
    ops = &elman_kernel_ops_avx2;
  else if (g_str_equal (isa, "avx512"))
    ops = &elman_kernel_ops_avx512;
#endif

  for (gsize k = 0; k < n_dense; k++)
    z[i++] = -800.0 + 1600.0 * k / n_dense + 1e-9 * (k % 1000);
  for (gsize k = 0; k < n_sub; k++)
    z[i++] = -746.0 + 46.0 * k / n_sub;
  for (int e = 0; e <= 1074; e++)
    {
      z[i++] = ldexp (1.0, -e), z[i++] = -ldexp (1.0, -e);
      z[i++] = ldexp (1.5, -e - 1), z[i++] = -ldexp (1.5, -e - 1);
    }
  z[i++] = 0.0, z[i++] = -0.0, z[i++] = INFINITY, z[i++] = -INFINITY;
  g_assert_cmpuint (i, ==, n);

  ops->sigmoid (n, z, h);
  for (i = 0; i < n; i++)
    {
      double u = isinf (z[i]) ? (z[i] > 0 ? 0 : INFINITY) : ulps_from (h[i], sigmoid_exact (z[i]));

      if (isinf (z[i]))
        g_assert_cmpfloat (h[i], ==, z[i] > 0 ? 1.0 : 0.0);
      else if (!(u <= worst))
        worst = u, worst_z = z[i];
    }
  g_test_message ("%s: sigmoid within %.3f ulp of the exact value (worst at z = %.17g)", isa, worst, worst_z);
  g_assert_cmpfloat (worst, <=, SIGMOID_ULPS);
  /* ±0 and the tiny arguments: exactly ½. */
  for (i = n - 4 - 4 * 1075 + 4 * 60; i < n - 2; i++)
    g_assert_cmpfloat (h[i], ==, 0.5);
}

/* The loss over many windows is a compensated sum: against a long-double
 * forward pass it is good to a few units in the last place, where a
 * naive running sum would lose digits. */
static void
test_loss_accuracy (void)
{
  gsize N = 400000;
  guint T = 4, K = 2, J = 3;
  g_autoptr(ElmanModel) model = random_model (T, K, J, TRUE, ELMAN_TRANSFORM_NONE, 9);
  gsize n = N + T + K - 1;
  g_autofree double *u = random_series (11, n);
  g_autofree double *grad = g_new (double, elman_model_n_params (model));
  g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
  long double h[8] = { 0 }, hn[8], total = 0;
  ElmanKernelResult result;
  double rel;

  g_assert_true (elman_kernel_run (kernel, model, u, N, 0, ELMAN_GRADIENT_TRUNCATED, 1.0, grad,
                                   &result, NULL, NULL));
  for (gsize w = 0; w < N; w++)
    {
      for (guint i = 0; i < J; i++)
        {
          long double a = model->b[i];
          for (guint j = 0; j < J; j++)
            a += (long double) model->W[i * J + j] * h[j];
          for (guint t = 0; t < T; t++)
            a += (long double) model->U[i * T + t] * u[w + t];
          hn[i] = 1.0L / (1.0L + expl (-a));
        }
      memcpy (h, hn, sizeof h);
      for (guint k = 0; k < K; k++)
        {
          long double y = model->c[k];
          for (guint j = 0; j < J; j++)
            y += (long double) model->V[k * J + j] * h[j];
          y -= u[w + T + k];
          total += 0.5L * y * y;
        }
    }
  rel = (double) fabsl ((result.train_loss - total) / total);
  g_test_message ("loss over %zu windows: relative error %.2e against long double", N, rel);
  g_assert_cmpfloat (rel, <, 1e-14);
}

/* A cancelled run stops with G_IO_ERROR_CANCELLED and leaves the kernel
 * ready: the next run gives what a fresh kernel gives, with one thread
 * or two. */
static void
test_cancel (void)
{
  g_autoptr(ElmanModel) model = random_model (8, 2, 12, TRUE, ELMAN_TRANSFORM_NONE, 21);
  gsize N = 100000, n = N + 8 + 2 - 1;
  g_autofree double *u = random_series (5, n);
  gsize n_params = elman_model_n_params (model);
  g_autofree double *want = g_new (double, n_params);
  g_autofree double *got = g_new (double, n_params);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ElmanKernelResult r_want, r_got;

  g_cancellable_cancel (cancellable);
  for (guint g = 0; g < 2; g++)
    {
      ElmanGradient gradient = g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;
      g_autoptr(ElmanKernel) fresh = elman_kernel_new (model, N);

      /* Same segments and chunks: BPTT sums chunk by chunk backwards, so
       * other boundaries would change the rounding. */
      elman_kernel_set_threads (fresh, 1);
      elman_kernel_set_segment (fresh, 40000);
      g_assert_true (elman_kernel_run (fresh, model, u, N, 0, gradient, 1.0, want, &r_want, NULL,
                                       NULL));
      for (guint threads = 1; threads <= 2; threads++)
        {
          g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);
          g_autoptr(GError) error = NULL;

          elman_kernel_set_threads (kernel, threads);
          elman_kernel_set_segment (kernel, 40000);
          g_assert_false (elman_kernel_run (kernel, model, u, N, 0, gradient, 1.0, got, &r_got,
                                            cancellable, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_true (elman_kernel_run (kernel, model, u, N, 0, gradient, 1.0, got, &r_got,
                                           NULL, NULL));
          g_assert_cmpmem (got, n_params * sizeof (double), want, n_params * sizeof (double));
          g_assert_cmpfloat (r_got.train_loss, ==, r_want.train_loss);

          /* Switching modes between runs, and a run without windows. */
          elman_kernel_set_threads (kernel, 3 - threads);
          g_assert_true (elman_kernel_run (kernel, model, u, 0, 0, gradient, 1.0, got, &r_got,
                                           NULL, NULL));
          g_assert_cmpfloat (r_got.train_loss, ==, 0.0);
          elman_kernel_set_threads (kernel, threads);
          g_assert_true (elman_kernel_run (kernel, model, u, 0, 0, gradient, 1.0, got, &r_got,
                                           NULL, NULL));
          elman_kernel_set_threads (kernel, 0);
          for (guint r = 0; r < 3; r++)
            {
              g_assert_true (elman_kernel_run (kernel, model, u, N, 0, gradient, 1.0, got, &r_got,
                                               NULL, NULL));
              g_assert_cmpmem (got, n_params * sizeof (double), want, n_params * sizeof (double));
            }
        }
    }
}

/* The processor count follows the thread's CPU affinity (taskset -c 0
 * means one thread), and the kernels still run two threads correctly
 * when both share that one processor (the waiting one sleeps). */
static void
test_processor_count (void)
{
#ifdef __linux__
  cpu_set_t saved, one;
  int first = -1;
  g_autoptr(ElmanModel) model = random_model (8, 2, 24, TRUE, ELMAN_TRANSFORM_NONE, 8);
  gsize N = 20000, n = N + 8 + 2 - 1;
  g_autofree double *u = random_series (6, n);
  gsize n_params = elman_model_n_params (model);
  g_autofree double *one_thread = g_new (double, n_params);
  g_autofree double *two_threads = g_new (double, n_params);
  ElmanKernelResult r1, r2;

  g_assert_cmpint (sched_getaffinity (0, sizeof saved, &saved), ==, 0);
  g_assert_cmpuint (elman_processor_count (), ==, MIN ((guint) CPU_COUNT (&saved), g_get_num_processors ()));
  for (int c = 0; c < CPU_SETSIZE && first < 0; c++)
    if (CPU_ISSET (c, &saved))
      first = c;
  CPU_ZERO (&one);
  CPU_SET (first, &one);
  g_assert_cmpint (sched_setaffinity (0, sizeof one, &one), ==, 0);
  g_assert_cmpuint (elman_processor_count (), ==, 1);

  for (guint g = 0; g < 2; g++)
    {
      ElmanGradient gradient = g ? ELMAN_GRADIENT_BPTT : ELMAN_GRADIENT_TRUNCATED;
      g_autoptr(ElmanKernel) kernel = elman_kernel_new (model, N);

      /* The worker inherits the one processor. */
      elman_kernel_set_segment (kernel, 5000);
      elman_kernel_set_threads (kernel, 2);
      g_assert_true (elman_kernel_run (kernel, model, u, N, 0, gradient, 1.0, two_threads, &r2,
                                       NULL, NULL));
      elman_kernel_set_threads (kernel, 1);
      g_assert_true (elman_kernel_run (kernel, model, u, N, 0, gradient, 1.0, one_thread, &r1,
                                       NULL, NULL));
      g_assert_cmpmem (two_threads, n_params * sizeof (double), one_thread, n_params * sizeof (double));
      g_assert_cmpfloat (r2.train_loss, ==, r1.train_loss);
    }

  g_assert_cmpint (sched_setaffinity (0, sizeof saved, &saved), ==, 0);
  g_assert_cmpuint (elman_processor_count (), ==, MIN ((guint) CPU_COUNT (&saved), g_get_num_processors ()));
#else
  g_test_skip ("CPU affinity is read on Linux only");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/elman/kernels/reference/generic", "generic", test_against_reference);
  g_test_add_data_func ("/elman/kernels/reference/avx2", "avx2", test_against_reference);
  g_test_add_data_func ("/elman/kernels/reference/avx512", "avx512", test_against_reference);
  g_test_add_data_func ("/elman/kernels/model-step/generic", "generic", test_model_step);
  g_test_add_data_func ("/elman/kernels/model-step/avx2", "avx2", test_model_step);
  g_test_add_data_func ("/elman/kernels/model-step/avx512", "avx512", test_model_step);
  g_test_add_func ("/elman/kernels/segments", test_segments);
  g_test_add_func ("/elman/kernels/split", test_split);
  g_test_add_func ("/elman/kernels/sigmoid-extremes", test_sigmoid_extremes);
  g_test_add_func ("/elman/kernels/sigmoid-ulps", test_sigmoid_ulps);
  g_test_add_data_func ("/elman/kernels/sigmoid-exact/generic", "generic", test_sigmoid_exact);
  g_test_add_data_func ("/elman/kernels/sigmoid-exact/avx2", "avx2", test_sigmoid_exact);
  g_test_add_data_func ("/elman/kernels/sigmoid-exact/avx512", "avx512", test_sigmoid_exact);
  g_test_add_func ("/elman/kernels/loss-accuracy", test_loss_accuracy);
  g_test_add_func ("/elman/kernels/cancel", test_cancel);
  g_test_add_func ("/elman/kernels/processor-count", test_processor_count);

  return g_test_run ();
}
