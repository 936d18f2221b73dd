/* elman-kernels-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-kernels.h"
#include "elman-model-private.h"

G_BEGIN_DECLS

/* The model's weights laid out for the vector kernels: every row padded
 * to Jp (a multiple of 8) with zeros, 64-byte aligned. */
typedef struct
{
  gsize     J, Jp, T, Tp, K;
  ElmanTransform transform; /* RELATIVE, RELATIVE_MEAN: windows relative to elman_window_anchor() */
  double   *WT;          /* J × Jp: WT[j][i] = W[i][j] (forward, column form) */
  double   *W;           /* J × Jp: W[i][j] (backward, Wᵀδ in column form) */
  double   *UT;          /* T × Jp: UT[t][i] = U[i][t] */
  double   *V;           /* K × Jp */
  double   *b;           /* Jp, zeros without bias */
  double   *c;           /* K, zeros without bias */
} ElmanKernelPlan;

/* One instruction set's kernels (elman-kernels-impl.h). */
typedef struct
{
  const char *name;
  guint       vector_width;
  void   (*input_chunk)    (const ElmanKernelPlan *p,
                            const double          *X,
                            gsize                  m,
                            double                *A);
  void   (*forward_chunk)  (const ElmanKernelPlan *p,
                            const double          *A,
                            double                *H,
                            gsize                  m);
  void   (*backward_chunk) (const ElmanKernelPlan *p,
                            const double          *E,
                            const double          *H,
                            double                *D,
                            double                *delta_next,
                            gsize                  m);
  void   (*output_chunk)   (const ElmanKernelPlan *p,
                            const double          *u,
                            gsize                  w0,
                            const double          *H,
                            gsize                  m,
                            double                 scale,
                            double                *E,
                            double                *D,
                            double                *loss,
                            double                *comp);
  void   (*gemm_tn)        (gsize                  M,
                            gsize                  N,
                            gsize                  m,
                            const double          *A,
                            gsize                  lda,
                            const double          *B,
                            gsize                  ldb,
                            double                *C,
                            gsize                  ldc);
  void   (*column_sums)    (gsize                  N,
                            gsize                  m,
                            const double          *A,
                            gsize                  lda,
                            double                *s);
  /* elman_model_step() on the model itself (no plan). */
  void   (*model_step)     (const ElmanModel      *model,
                            const double          *h_prev,
                            const double          *x,
                            double                *h,
                            double                *y);
  /* The split recurrence: hidden units [r0, r1) only (multiples of 8),
   * one step (window c) at a time; bit for bit the lanes of
   * input_chunk(), forward_chunk() and backward_chunk(). */
  void   (*input_rows)     (const ElmanKernelPlan *p,
                            const double          *X,
                            gsize                  m,
                            double                *A,
                            gsize                  r0,
                            gsize                  r1);
  void   (*forward_rows)   (const ElmanKernelPlan *p,
                            const double          *A,
                            double                *H,
                            gsize                  c,
                            gsize                  r0,
                            gsize                  r1);
  void   (*backward_rows)  (const ElmanKernelPlan *p,
                            const double          *E,
                            const double          *H,
                            double                *D,
                            const double          *next,
                            gsize                  c,
                            gsize                  r0,
                            gsize                  r1);
  /* h = σ(z), n values: the kernels' own sigmoid (tests, benchmark). */
  void   (*sigmoid)        (gsize                  n,
                            const double          *z,
                            double                *h);
} ElmanKernelOps;

extern const ElmanKernelOps elman_kernel_ops_generic;
#if defined(__x86_64__) || defined(__i386__)
extern const ElmanKernelOps elman_kernel_ops_avx2;
extern const ElmanKernelOps elman_kernel_ops_avx512;
#endif

/* Processors this thread may run on (its CPU affinity). */
guint                 elman_processor_count (void);

/* How the last run used the threads: "one", "pipeline", "split" or
 * "split, then one" (benchmarks). */
const char           *elman_kernel_last_mode (ElmanKernel *kernel);

/* The fastest kernels this CPU runs. */
const ElmanKernelOps *elman_kernel_ops_best (void);

G_END_DECLS
