/* elman-kernels-impl.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vector kernels, written once with GCC vector extensions and compiled
 * once per instruction set: elman-kernels-generic.c (VW = 2, any target),
 * elman-kernels-avx2.c (VW = 4) and elman-kernels-avx512.c (VW = 8) define
 * VW and OPS_NAME and include this file after a target pragma. Each build
 * sums in a fixed order, so results are reproducible on one machine and
 * differ from the plain reference loops in elman-kernels.c by rounding
 * only. Not a header of its own: include it nowhere else.
 */

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef double  vd  __attribute__ ((vector_size (VW * 8), aligned (8)));
typedef int64_t vi  __attribute__ ((vector_size (VW * 8), aligned (8)));

#define KI_ALWAYS_INLINE static inline __attribute__ ((always_inline))

/* Rows of hidden states fetched ahead of the recurrences. */
#define KI_PREFETCH_ROWS 6

KI_ALWAYS_INLINE vd
vload (const double *p)
{
  return *(const vd *) p;
}

KI_ALWAYS_INLINE void
vstore (double *p,
        vd      v)
{
  *(vd *) p = v;
}

KI_ALWAYS_INLINE vd
vset1 (double x)
{
  vd zero = { 0 };

  /* (0 + 1)·x, not 0 + x, which would turn −0 into +0; compiles to one
   * broadcast. */
  return (zero + 1.0) * x;
}

/* Sum of the lanes, by halving (a fixed order for each build). */
KI_ALWAYS_INLINE double
vsum (vd v)
{
  double t[VW];

  memcpy (t, &v, sizeof t);
  for (int w = VW / 2; w >= 1; w /= 2)
    for (int l = 0; l < w; l++)
      t[l] += t[l + w];
  return t[0];
}

/* e^x for x ≤ 0 (clamped at −708, where e^x is still normal).
 * x = k ln2 + r with |r| ≤ ln2/2 (Cody–Waite split of ln2, exact
 * products for |k| < 2^21), e^r by its Taylor series to degree 13
 * (truncation below 2^−57 relative), times 2^k built in the exponent
 * bits. About 1 ulp against glibc's exp. */
KI_ALWAYS_INLINE vd
vexp_nonpositive (vd x)
{
  const double log2e = 0x1.71547652b82fep0;
  const double ln2_hi = 0x1.62e42fee00000p-1;
  const double ln2_lo = 0x1.a39ef35793c76p-33;
  const double shifter = 0x1.8p52;
  vd lo = vset1 (-708.0);
  vd t, k, r, p;
  vi bits;

  x = (vd) (((vi) x & (vi) (x >= lo)) | ((vi) lo & ~(vi) (x >= lo)));
  t = x * log2e + shifter;
  k = t - shifter;
  r = x - k * ln2_hi;
  r = r - k * ln2_lo;

  p = vset1 (1.0 / 6227020800.0);                 /* 1/13! */
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;

  /* The low bits of t hold k; 2^k = (k + 1023) << 52. */
  bits = ((vi) t - (vi) vset1 (shifter) + 1023) << 52;
  return p * (vd) bits;
}

/* σ(z) = 1/(1 + e^{−z}) for z ≥ 0 and e^z/(1 + e^z) otherwise: the
 * reference formula of elman_sigmoid(), no overflow for any z. */
KI_ALWAYS_INLINE vd
vsigmoid (vd z)
{
  vi sign = (vi) vset1 (-0.0);
  vi nonneg = (vi) (z >= 0.0);
  vd e = vexp_nonpositive ((vd) ((vi) z | sign));
  vd num = (vd) (((vi) vset1 (1.0) & nonneg) | ((vi) e & ~nonneg));
  vd d = 1.0 + e;

#ifdef KI_RECIPROCAL14
  /* The divider is slow and not pipelined for 8 lanes: a 14-bit
   * reciprocal and two Newton steps (error ≈ 2^−56) instead, d ∈ [1, 2]. */
  {
    vd r = KI_RECIPROCAL14 (d);
    r = r + r * (1.0 - d * r);
    r = r + r * (1.0 - d * r);
    return num * r;
  }
#else
  return num / d;
#endif
}

/* Accumulates NB vectors of rows [i, i + NB·VW) of a column-major
 * matrix-vector product, acc += Σ_j M[j][i…] v[j], in S interleaved
 * partial sums (j mod S) so that NB·S FMA chains run side by side. */
#define KI_COLUMNS(NB, S, acc, M, ld, v, n, i)                            \
  do                                                                       \
    {                                                                      \
      gsize j_ = 0;                                                        \
      for (; j_ + S <= (n); j_ += S)                                       \
        for (int s_ = 0; s_ < S; s_++)                                     \
          {                                                                \
            vd vj_ = vset1 ((v)[j_ + s_]);                                 \
            const double *row_ = (M) + (j_ + s_) * (ld) + (i);             \
            for (int b_ = 0; b_ < NB; b_++)                                \
              acc[s_][b_] += vload (row_ + b_ * VW) * vj_;                 \
          }                                                                \
      for (; j_ < (n); j_++)                                               \
        {                                                                  \
          vd vj_ = vset1 ((v)[j_]);                                        \
          const double *row_ = (M) + j_ * (ld) + (i);                      \
          for (int b_ = 0; b_ < NB; b_++)                                  \
            acc[0][b_] += vload (row_ + b_ * VW) * vj_;                    \
        }                                                                  \
    }                                                                      \
  while (0)

/* One forward step for NB vectors of hidden units starting at i:
 *   h_i = σ(a_i + Σ_j Wᵀ[j][i] h_prev_j),  a = U x + b from input_chunk() */
KI_ALWAYS_INLINE void
forward_block (const ElmanKernelPlan *p,
               const double          *a_in,
               const double          *h_prev,
               double                *h,
               gsize                  i,
               const int              NB,
               const int              S)
{
  vd acc[4][4];

  for (int s = 0; s < S; s++)
    for (int b = 0; b < NB; b++)
      acc[s][b] = s == 0 ? vload (a_in + i + b * VW) : vset1 (0.0);
  KI_COLUMNS (NB, S, acc, p->WT, p->Jp, h_prev, p->J, i);
  for (int b = 0; b < NB; b++)
    {
      vd a = acc[0][b];
      for (int s = 1; s < S; s++)
        a += acc[s][b];
      vstore (h + i + b * VW, vsigmoid (a));
    }
}

/* The input side of m windows, independent of the recurrence (so the
 * second thread can run it ahead): A_c = b + Σ_t x_{c,t} Uᵀ[t]. */
static void
input_chunk (const ElmanKernelPlan *p,
             const double          *X,
             gsize                  m,
             double                *A)
{
  gsize Jp = p->Jp, T = p->T;

  for (gsize c = 0; c < m; c++)
    {
      const double *x = X + c * p->Tp;
      double *a = A + c * Jp;
      gsize i = 0;

      for (; i + 4 * VW <= Jp; i += 4 * VW)
        {
          vd acc[4];
          for (int b = 0; b < 4; b++)
            acc[b] = vload (p->b + i + b * VW);
          for (gsize t = 0; t < T; t++)
            {
              vd xt = vset1 (x[t]);
              for (int b = 0; b < 4; b++)
                acc[b] += vload (p->UT + t * Jp + i + b * VW) * xt;
            }
          for (int b = 0; b < 4; b++)
            vstore (a + i + b * VW, acc[b]);
        }
      for (; i < Jp; i += VW)
        {
          vd acc = vload (p->b + i);
          for (gsize t = 0; t < T; t++)
            acc += vload (p->UT + t * Jp + i) * x[t];
          vstore (a + i, acc);
        }
    }
}

/* Forward recurrence over m windows: A holds their U x + b (rows of Jp),
 * H row 0 is h^{t−1} of the first, rows 1…m receive h^t. */
static void
forward_chunk (const ElmanKernelPlan *p,
               const double          *A,
               double                *H,
               gsize                  m)
{
  gsize Jp = p->Jp;

  for (gsize c = 0; c < m; c++)
    {
      const double *a_in = A + c * Jp, *h_prev = H + c * Jp;
      double *h = H + (c + 1) * Jp;
      gsize i = 0;

      /* H may be a long segment buffer that is not in any cache. */
      if (c + KI_PREFETCH_ROWS < m)
        for (gsize j = 0; j < Jp; j += 8)
          __builtin_prefetch (h + KI_PREFETCH_ROWS * Jp + j, 1);

      for (; i + 4 * VW <= Jp; i += 4 * VW)
        forward_block (p, a_in, h_prev, h, i, 4, 2);
      for (; i + 2 * VW <= Jp; i += 2 * VW)
        forward_block (p, a_in, h_prev, h, i, 2, 2);
      for (; i < Jp; i += VW)
        forward_block (p, a_in, h_prev, h, i, 1, 4);
      /* Padding lanes stay exactly zero. */
      for (gsize j = p->J; j < Jp; j++)
        h[j] = 0.0;
    }
}

KI_ALWAYS_INLINE void
backward_block (const ElmanKernelPlan *p,
                const double          *e,
                const double          *h,
                const double          *delta_next,
                double                *delta,
                gsize                  i,
                const int              NB,
                const int              S)
{
  vd acc[4][4];

  for (int s = 0; s < S; s++)
    for (int b = 0; b < NB; b++)
      acc[s][b] = vset1 (0.0);
  KI_COLUMNS (NB, S, acc, p->V, p->Jp, e, p->K, i);
  KI_COLUMNS (NB, S, acc, p->W, p->Jp, delta_next, p->J, i);
  for (int b = 0; b < NB; b++)
    {
      vd a = acc[0][b], hv = vload (h + i + b * VW);
      for (int s = 1; s < S; s++)
        a += acc[s][b];
      vstore (delta + i + b * VW, a * hv * (1.0 - hv));
    }
}

/* Back-propagation through time over m windows, last first:
 *   δ^t = (Vᵀ e^t + Wᵀ δ^{t+1}) ⊙ h^t ⊙ (1 − h^t)
 * E rows hold scale·e^t (K), H rows 1…m hold h^t (as in forward_chunk), D rows
 * receive δ^t; @delta_next is δ of the window after the chunk on entry
 * and δ of its first window on return. */
static void
backward_chunk (const ElmanKernelPlan *p,
                const double          *E,
                const double          *H,
                double                *D,
                double                *delta_next,
                gsize                  m)
{
  gsize Jp = p->Jp;
  const double *next = delta_next;

  for (gsize c = m; c-- > 0;)
    {
      const double *e = E + c * p->K, *h = H + (c + 1) * Jp;
      double *delta = D + c * Jp;
      gsize i = 0;

      /* Walking a segment buffer backwards: fetch rows before they are
       * needed. */
      if (c >= KI_PREFETCH_ROWS)
        for (gsize j = 0; j < Jp; j += 8)
          __builtin_prefetch (h - KI_PREFETCH_ROWS * Jp + j, 0);

      for (; i + 4 * VW <= Jp; i += 4 * VW)
        backward_block (p, e, h, next, delta, i, 4, 2);
      for (; i + 2 * VW <= Jp; i += 2 * VW)
        backward_block (p, e, h, next, delta, i, 2, 2);
      for (; i < Jp; i += VW)
        backward_block (p, e, h, next, delta, i, 1, 4);
      next = delta;
    }
  if (m)
    memcpy (delta_next, D, Jp * sizeof (double));
}

/* The output side of m windows (window w0 first), given h^t in H rows
 * 1…m: ŷ = V h + c, e = ŷ − y. Adds ½‖e‖² of each window to the
 * compensated sum (loss, comp) in window order (Neumaier). When E is
 * given it receives scale·e (rows of K), when D is given the truncated
 * δ = Vᵀ(scale·e) ⊙ h ⊙ (1 − h) (rows of Jp). */
static void
output_chunk (const ElmanKernelPlan *p,
              const double          *u,
              gsize                  w0,
              const double          *H,
              gsize                  m,
              double                 scale,
              double                *E,
              double                *D,
              double                *loss,
              double                *comp)
{
  gsize Jp = p->Jp, K = p->K, T = p->T;
  double sum = *loss, c_sum = *comp;

  for (gsize c = 0; c < m; c++)
    {
      const double *h = H + (c + 1) * Jp;
      const double *target = u + w0 + c + T;
      double anchor = elman_window_anchor (p->transform, u + w0 + c, T);
      double half = 0;
      double *ek = E ? E + c * K : NULL;

      for (gsize k = 0; k < K; k++)
        {
          const double *Vk = p->V + k * Jp;
          vd acc0 = vset1 (0.0), acc1 = vset1 (0.0);
          gsize j = 0;
          double y, d;

          for (; j + 2 * VW <= Jp; j += 2 * VW)
            {
              acc0 += vload (Vk + j) * vload (h + j);
              acc1 += vload (Vk + j + VW) * vload (h + j + VW);
            }
          for (; j < Jp; j += VW)
            acc0 += vload (Vk + j) * vload (h + j);
          y = p->c[k] + vsum (acc0 + acc1);
          d = y - (target[k] - anchor);
          half += d * d;
          if (ek)
            ek[k] = scale * d;
        }
      half *= 0.5;

      /* Neumaier's compensated sum: exact to about one rounding of the
       * total however many millions of windows there are. */
      {
        double t = sum + half;
        if (fabs (sum) >= fabs (half))
          c_sum += (sum - t) + half;
        else
          c_sum += (half - t) + sum;
        sum = t;
      }

      if (D && ek)
        for (gsize j = 0; j < Jp; j += VW)
          {
            vd a = vset1 (0.0), hv = vload (h + j);
            for (gsize k = 0; k < K; k++)
              a += vload (p->V + k * Jp + j) * ek[k];
            vstore (D + c * Jp + j, a * hv * (1.0 - hv));
          }
    }
  *loss = sum, *comp = c_sum;
}

/* One MR × NV·VW tile of C += Aᵀ B over m rows. */
KI_ALWAYS_INLINE void
gemm_tn_tile (gsize         m,
              const double *A,
              gsize         lda,
              const double *B,
              gsize         ldb,
              double       *C,
              gsize         ldc,
              const int     MR,
              const int     NV)
{
  vd acc[8][2];

  for (int r = 0; r < MR; r++)
    for (int v = 0; v < NV; v++)
      acc[r][v] = vset1 (0.0);
  for (gsize c = 0; c < m; c++)
    {
      const double *a = A + c * lda, *b = B + c * ldb;
      vd b0 = vload (b), b1 = NV > 1 ? vload (b + VW) : b0;

      for (int r = 0; r < MR; r++)
        {
          vd ar = vset1 (a[r]);
          acc[r][0] += ar * b0;
          if (NV > 1)
            acc[r][1] += ar * b1;
        }
    }
  for (int r = 0; r < MR; r++)
    for (int v = 0; v < NV; v++)
      vstore (C + r * ldc + v * VW, vload (C + r * ldc + v * VW) + acc[r][v]);
}

/* C (M × N, N a multiple of VW) += Aᵀ B, A m × M, B m × N: the gradient
 * products dW += Δᵀ H_prev, dU += Δᵀ X, dV += Eᵀ H. Each element sums the
 * chunk's m terms in window order from zero, then adds that to C: over
 * N windows the rounding error grows like m + N/m instead of N. */
static void
gemm_tn (gsize         M,
         gsize         N,
         gsize         m,
         const double *A,
         gsize         lda,
         const double *B,
         gsize         ldb,
         double       *C,
         gsize         ldc)
{
  gsize i = 0;

  for (; i + 8 <= M; i += 8)
    {
      gsize j = 0;
      for (; j + 2 * VW <= N; j += 2 * VW)
        gemm_tn_tile (m, A + i, lda, B + j, ldb, C + i * ldc + j, ldc, 8, 2);
      for (; j < N; j += VW)
        gemm_tn_tile (m, A + i, lda, B + j, ldb, C + i * ldc + j, ldc, 8, 1);
    }
  for (; i + 4 <= M; i += 4)
    {
      gsize j = 0;
      for (; j + 2 * VW <= N; j += 2 * VW)
        gemm_tn_tile (m, A + i, lda, B + j, ldb, C + i * ldc + j, ldc, 4, 2);
      for (; j < N; j += VW)
        gemm_tn_tile (m, A + i, lda, B + j, ldb, C + i * ldc + j, ldc, 4, 1);
    }
  for (; i < M; i++)
    {
      gsize j = 0;
      for (; j + 2 * VW <= N; j += 2 * VW)
        gemm_tn_tile (m, A + i, lda, B + j, ldb, C + i * ldc + j, ldc, 1, 2);
      for (; j < N; j += VW)
        gemm_tn_tile (m, A + i, lda, B + j, ldb, C + i * ldc + j, ldc, 1, 1);
    }
}

/* Column sums: s (N, a multiple of VW) += Σ_c A[c]. */
static void
column_sums (gsize         N,
             gsize         m,
             const double *A,
             gsize         lda,
             double       *s)
{
  for (gsize j = 0; j < N; j += VW)
    {
      vd acc = vset1 (0.0);
      for (gsize c = 0; c < m; c++)
        acc += vload (A + c * lda + j);
      vstore (s + j, vload (s + j) + acc);
    }
}

/* The first n < VW values of p, zeros after them. */
KI_ALWAYS_INLINE vd
vload_partial (const double *p,
               gsize         n)
{
  double t[VW] = { 0 };

  memcpy (t, p, n * sizeof (double));
  return vload (t);
}

#if defined(__clang__)
#define KI_SHUFFLE(a, b, ...) __builtin_shufflevector (a, b, __VA_ARGS__)
#else
#define KI_SHUFFLE(a, b, ...) __builtin_shuffle (a, b, (vi) { __VA_ARGS__ })
#endif

/* The lane sums of VW vectors, as one vector: lane r = Σ lanes of
 * acc[r]. A transposing tree of shuffles and adds (log2 VW levels), each
 * level adding neighbouring blocks of lanes of two vectors. */
KI_ALWAYS_INLINE vd
vsum_rows (vd *acc)
{
#if VW == 8
  vd b[4], c[2];

  for (int k = 0; k < 4; k++)
    b[k] = KI_SHUFFLE (acc[2 * k], acc[2 * k + 1], 0, 8, 2, 10, 4, 12, 6, 14) +
           KI_SHUFFLE (acc[2 * k], acc[2 * k + 1], 1, 9, 3, 11, 5, 13, 7, 15);
  for (int k = 0; k < 2; k++)
    c[k] = KI_SHUFFLE (b[2 * k], b[2 * k + 1], 0, 1, 8, 9, 4, 5, 12, 13) +
           KI_SHUFFLE (b[2 * k], b[2 * k + 1], 2, 3, 10, 11, 6, 7, 14, 15);
  return KI_SHUFFLE (c[0], c[1], 0, 1, 2, 3, 8, 9, 10, 11) +
         KI_SHUFFLE (c[0], c[1], 4, 5, 6, 7, 12, 13, 14, 15);
#elif VW == 4
  vd b0 = KI_SHUFFLE (acc[0], acc[1], 0, 4, 2, 6) + KI_SHUFFLE (acc[0], acc[1], 1, 5, 3, 7);
  vd b1 = KI_SHUFFLE (acc[2], acc[3], 0, 4, 2, 6) + KI_SHUFFLE (acc[2], acc[3], 1, 5, 3, 7);

  return KI_SHUFFLE (b0, b1, 0, 1, 4, 5) + KI_SHUFFLE (b0, b1, 2, 3, 6, 7);
#elif VW == 2
  return KI_SHUFFLE (acc[0], acc[1], 0, 2) + KI_SHUFFLE (acc[0], acc[1], 1, 3);
#else
#error "vsum_rows: no tree for this vector width"
#endif
}

/* out[i] += M_i · v for the @rows rows of a row-major matrix with rows
 * of @n values (no padding, no alignment): the model's own matrices, for
 * the steps after training that have no plan. VW rows side by side (VW
 * independent chains), summed by vsum_rows(); the last rows % VW one by
 * one. */
static void
rows_dot (gsize         rows,
          gsize         n,
          const double *M,
          const double *v,
          double       *out)
{
  gsize nv = n - n % VW, i = 0;

  for (; i + VW <= rows; i += VW)
    {
      vd acc[VW];

      for (int r = 0; r < VW; r++)
        acc[r] = vset1 (0.0);
      for (gsize j = 0; j < nv; j += VW)
        {
          vd vj = vload (v + j);
          for (int r = 0; r < VW; r++)
            acc[r] += vload (M + (i + r) * n + j) * vj;
        }
      if (nv < n)
        {
          vd vj = vload_partial (v + nv, n - nv);
          for (int r = 0; r < VW; r++)
            acc[r] += vload_partial (M + (i + r) * n + nv, n - nv) * vj;
        }
      vstore (out + i, vload (out + i) + vsum_rows (acc));
    }
  for (; i < rows; i++)
    {
      vd acc = vset1 (0.0);

      for (gsize j = 0; j < nv; j += VW)
        acc += vload (M + i * n + j) * vload (v + j);
      if (nv < n)
        acc += vload_partial (M + i * n + nv, n - nv) * vload_partial (v + nv, n - nv);
      out[i] += vsum (acc);
    }
}

/* h = σ(z) for @n values, any alignment: vsigmoid() itself, for the
 * tests of its accuracy and the benchmark of its latency. */
static void
sigmoid_array (gsize         n,
               const double *z,
               double       *h)
{
  gsize i = 0;

  for (; i + VW <= n; i += VW)
    vstore (h + i, vsigmoid (vload (z + i)));
  if (i < n)
    {
      double t[VW];

      vstore (t, vsigmoid (vload_partial (z + i, n - i)));
      memcpy (h + i, t, (n - i) * sizeof (double));
    }
}

/* elman_model_step() on the model's row-major weights:
 * h = σ(b + W h_prev + U x), y = c + V h, with the training kernels'
 * sigmoid. */
static void
model_step (const ElmanModel *model,
            const double     *h_prev,
            const double     *x,
            double           *h,
            double           *y)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  gsize Jv = J - J % VW;

  if (model->b)
    memcpy (h, model->b, J * sizeof (double));
  else
    memset (h, 0, J * sizeof (double));
  if (h_prev)
    rows_dot (J, J, model->W, h_prev, h);
  rows_dot (J, T, model->U, x, h);
  for (gsize i = 0; i < Jv; i += VW)
    vstore (h + i, vsigmoid (vload (h + i)));
  if (Jv < J)
    {
      double t[VW];

      vstore (t, vsigmoid (vload_partial (h + Jv, J - Jv)));
      memcpy (h + Jv, t, (J - Jv) * sizeof (double));
    }

  if (y == NULL)
    return;
  if (model->c)
    memcpy (y, model->c, K * sizeof (double));
  else
    memset (y, 0, K * sizeof (double));
  rows_dot (K, J, model->V, h, y);
}

const ElmanKernelOps OPS_NAME = {
  .name = OPS_LABEL,
  .vector_width = VW,
  .input_chunk = input_chunk,
  .forward_chunk = forward_chunk,
  .backward_chunk = backward_chunk,
  .output_chunk = output_chunk,
  .gemm_tn = gemm_tn,
  .column_sums = column_sums,
  .model_step = model_step,
  .sigmoid = sigmoid_array,
};
