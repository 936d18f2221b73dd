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

/* 2^(i/16)·2^−64 for i = 0…15: the double nearest (computed to 200
 * bits), and the rest relative to it, (2^(i/16) − hi·2^64)/(hi·2^64),
 * which vexp_negative() adds to r. The factor 2^−64 lets it scale by
 * 2^j with j down to −1077 in one multiplication, rounding once into
 * the subnormals. */
static const double ki_exp2_hi[16] __attribute__ ((aligned (64))) = {
  0x1.0000000000000p-64, 0x1.0b5586cf9890fp-64, 0x1.172b83c7d517bp-64, 0x1.2387a6e756238p-64,
  0x1.306fe0a31b715p-64, 0x1.3dea64c123422p-64, 0x1.4bfdad5362a27p-64, 0x1.5ab07dd485429p-64,
  0x1.6a09e667f3bcdp-64, 0x1.7a11473eb0187p-64, 0x1.8ace5422aa0dbp-64, 0x1.9c49182a3f090p-64,
  0x1.ae89f995ad3adp-64, 0x1.c199bdd85529cp-64, 0x1.d5818dcfba487p-64, 0x1.ea4afa2a490dap-64,
};
static const double ki_exp2_rest[16] __attribute__ ((aligned (64))) = {
  0x0.0p+0, 0x1.79aa65d837b6dp-54, -0x1.01b15eaa59348p-55, 0x1.68efde3a8a894p-54,
  0x1.34d754db0abb6p-55, 0x1.59f48a72a4c6dp-55, 0x1.690cebb7aafb0p-56, 0x1.063e1e21c5409p-54,
  -0x1.3b3efbf5e2228p-54, -0x1.b32dcb94da51dp-56, 0x1.db72fc1f0eab4p-55, 0x1.1affc2b91ce27p-56,
  0x1.c1a7792cb3387p-55, 0x1.36eae30af0cb3p-56, 0x1.4a385a63d07a7p-56, -0x1.ff7128fd391f0p-55,
};

/* tab[i] for each lane's i ∈ [0, 16): with AVX-512 one two-register
 * permutation (vpermt2pd, a few cycles), else one load per lane. */
KI_ALWAYS_INLINE vd
vtable16 (const double *tab,
          vi            i)
{
#if VW == 8 && !defined(__clang__)
  return __builtin_shuffle (vload (tab), vload (tab + 8), i);
#else
  vd v;

  for (int l = 0; l < VW; l++)
    v[l] = tab[i[l]];
  return v;
#endif
}

/* e^−a for 0 ≤ a ≤ 746 (beyond, e^−a rounds to zero). With
 * −a = (16j + i + ρ) ln2/16, |ρ| ≤ ½:
 *   e^−a = 2^j · 2^(i/16) · e^r,  r = ρ ln2/16, |r| ≤ ln2/32 < 0.0217
 * r by a Cody–Waite split of ln2/16 (the first product exact), e^r − 1 by
 * its Taylor polynomial to degree 7 (truncation below 2^−59 relative) in
 * Estrin's form: three FMA levels after r² instead of Horner's seven.
 * The table entries and the scale 2^j depend on k = 16j + i only and are
 * ready long before the polynomial; the dependent chain is FMA, add,
 * FMA, FMA (reduction), mul, FMA, FMA (polynomial), FMA. */
KI_ALWAYS_INLINE vd
vexp_negative (vd a)
{
  /* 38 bits: k·ln2_16_hi is exact for |k| < 2^15 without an FMA too. */
  const double ln2_16_hi = 0x1.62e42fefa0000p-5;
  const double ln2_16_lo = 0x1.cf79abc9e3b3ap-44;
  const double shifter = 0x1.8p52;
  vd t, k, r, r2, lo, hi, p, s;
  vi kb, i;

  /* t's low mantissa bits hold k = round(−a·16/ln2) ∈ [−17220, 0]. */
  t = a * -0x1.71547652b82fep+4 + shifter;
  k = t - shifter;
  r = k * -ln2_16_hi - a;
  r = r - k * ln2_16_lo;

  /* kb = k + 16·1087 ≥ 0: i = kb mod 16, and j + 1087 = kb / 16 is the
   * exponent field of 2^(j + 64) (j ≥ −1077: always normal). */
  kb = (vi) t - ((vi) vset1 (shifter) - 16 * 1087);
  i = kb & 15;
  s = vtable16 (ki_exp2_hi, i) * (vd) ((kb & ~(int64_t) 15) << 48);

  r2 = r * r;
  lo = r2 * (r * (1.0 / 6.0) + 0.5) + (r + vtable16 (ki_exp2_rest, i));
  hi = r2 * (r * (1.0 / 5040.0) + 1.0 / 720.0) + (r * (1.0 / 120.0) + 1.0 / 24.0);
  p = (r2 * r2) * hi + lo;                         /* e^r − 1 + rest */

  return s * p + s;
}

/* σ(z) = 1/(1 + e^{−z}) for z ≥ 0 and e^z/(1 + e^z) otherwise: the
 * reference formula of elman_sigmoid(), no overflow for any z; within
 * 2.5 ulp of the exact value down to the subnormals (tests/test-kernels.c,
 * /elman/kernels/sigmoid-exact). */
KI_ALWAYS_INLINE vd
vsigmoid (vd z)
{
  vd a = (vd) ((vi) z & ~(vi) vset1 (-0.0));
  vi nonneg = (vi) (z >= 0.0);
  vd e, num, d;

#ifdef KI_MIN
  a = KI_MIN (a, vset1 (746.0));
#else
  {
    vi small = (vi) (a < 746.0);
    a = (vd) (((vi) a & small) | ((vi) vset1 (746.0) & ~small));
  }
#endif
  e = vexp_negative (a);
  num = (vd) (((vi) vset1 (1.0) & nonneg) | ((vi) e & ~nonneg));
  d = 1.0 + e;

  /* A division: on the Zen 5 this was tuned on it is pipelined for 8
   * lanes and 7 cycles shorter than a 14-bit reciprocal with its
   * correction (σ 51 instead of 58 cycles, J = 64 no slower), and it
   * rounds once. */
  return num / d;
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
 *   h_i = σ(a_i + Σ_j Wᵀ[j][i] h_prev_j),  a = U x + b from input_chunk()
 * NB·S ≤ 16 chains; at J = 16 (NB = 2) S = 4 makes them 4 FMAs deep
 * instead of 8, summed by a tree: 29 instead of 33 ns a step. */
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
      /* A tree for 4 partial sums: two dependent adds, not three. */
      vd a = S == 4 ? (acc[0][b] + acc[1][b]) + (acc[2][b] + acc[3][b]) : acc[0][b];

      for (int s = 1; S != 4 && s < S; s++)
        a += acc[s][b];
      vstore (h + i + b * VW, vsigmoid (a));
    }
}

/* NW windows (rows c… of X) × NB vectors of hidden units (from i) of
 * the input side: NW·NB chains, each UT vector loaded once for all NW
 * windows (a register tile of the product X Uᵀ). */
KI_ALWAYS_INLINE void
input_tile (const ElmanKernelPlan *p,
            const double          *X,
            double                *A,
            gsize                  c,
            gsize                  i,
            const int              NW,
            const int              NB)
{
  gsize Jp = p->Jp, Tp = p->Tp;
  vd acc[4][4];

  for (int w = 0; w < NW; w++)
    for (int b = 0; b < NB; b++)
      acc[w][b] = vload (p->b + i + b * VW);
  for (gsize t = 0; t < p->T; t++)
    {
      vd ut[4];

      for (int b = 0; b < NB; b++)
        ut[b] = vload (p->UT + t * Jp + i + b * VW);
      for (int w = 0; w < NW; w++)
        {
          vd xt = vset1 (X[(c + w) * Tp + t]);
          for (int b = 0; b < NB; b++)
            acc[w][b] += ut[b] * xt;
        }
    }
  for (int w = 0; w < NW; w++)
    for (int b = 0; b < NB; b++)
      vstore (A + (c + w) * Jp + i + b * VW, acc[w][b]);
}

/* The input side of windows 0…m−1 for hidden units [r0, r1) (multiples
 * of VW): A_c = b + Σ_t x_{c,t} Uᵀ[t], each element summed in t order
 * whatever the tile, so any split of the rows gives the same bits. */
static void
input_rows (const ElmanKernelPlan *p,
            const double          *X,
            gsize                  m,
            double                *A,
            gsize                  r0,
            gsize                  r1)
{
  gsize c = 0;

  for (; c + 4 <= m; c += 4)
    {
      gsize i = r0;
      for (; i + 4 * VW <= r1; i += 4 * VW)
        input_tile (p, X, A, c, i, 4, 4);
      for (; i + 2 * VW <= r1; i += 2 * VW)
        input_tile (p, X, A, c, i, 4, 2);
      for (; i < r1; i += VW)
        input_tile (p, X, A, c, i, 4, 1);
    }
  for (; c < m; c++)
    {
      gsize i = r0;
      for (; i + 4 * VW <= r1; i += 4 * VW)
        input_tile (p, X, A, c, i, 1, 4);
      for (; i < r1; i += VW)
        input_tile (p, X, A, c, i, 1, 1);
    }
}

/* The input side of m windows, independent of the recurrence (so the
 * second thread can run it ahead): A_c = b + Σ_t x_{c,t} Uᵀ[t], each
 * element summed in t order whatever the tile. */
static void
input_chunk (const ElmanKernelPlan *p,
             const double          *X,
             gsize                  m,
             double                *A)
{
  input_rows (p, X, m, A, 0, p->Jp);
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
        forward_block (p, a_in, h_prev, h, i, 2, 4);
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
      vd a = S == 4 ? (acc[0][b] + acc[1][b]) + (acc[2][b] + acc[3][b]) : acc[0][b];
      vd hv = vload (h + i + b * VW);

      for (int s = 1; S != 4 && s < S; s++)
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
        backward_block (p, e, h, next, delta, i, 2, 4);
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

/* ---- The split recurrence: two threads share each step ----
 *
 * Each thread takes hidden units [r0, r1) (multiples of 8, so no vector
 * straddles the cut) of every step and the two meet between steps. The
 * lanes are tiled as in forward_chunk() and backward_chunk(): a lane sums
 * in the same interleaved order (S) whichever thread computes it and
 * wherever the cut lies, so the split gives the one-thread results bit
 * for bit. */

/* Where the one-thread sweep switches from S = 2 to S = 4 partial sums:
 * after its 4·VW and 2·VW blocks. */
KI_ALWAYS_INLINE gsize
split_tail_start (gsize Jp)
{
  gsize t = Jp / (4 * VW) * (4 * VW);

  return t + (Jp - t) / (2 * VW) * (2 * VW);
}

/* Step c of forward_chunk() for hidden units [r0, r1): h^t of window c
 * (H row c + 1) from the whole of H row c. */
static void
forward_rows (const ElmanKernelPlan *p,
              const double          *A,
              double                *H,
              gsize                  c,
              gsize                  r0,
              gsize                  r1)
{
  gsize Jp = p->Jp, tail = MIN (r1, split_tail_start (Jp)), i = r0;
  const double *a_in = A + c * Jp, *h_prev = H + c * Jp;
  double *h = H + (c + 1) * Jp;

  for (; i + 4 * VW <= tail; i += 4 * VW)
    forward_block (p, a_in, h_prev, h, i, 4, 2);
  for (; i + 2 * VW <= tail; i += 2 * VW)
    forward_block (p, a_in, h_prev, h, i, 2, 2);
  for (; i < tail; i += VW)
    forward_block (p, a_in, h_prev, h, i, 1, 2);
  for (; i < r1; i += VW)
    forward_block (p, a_in, h_prev, h, i, 1, 4);
  for (gsize j = MAX (p->J, r0); j < r1; j++)
    h[j] = 0.0;
}

/* Step c of backward_chunk() for hidden units [r0, r1): δ of window c
 * (D row c) from the whole of @next, δ of window c + 1. */
static void
backward_rows (const ElmanKernelPlan *p,
               const double          *E,
               const double          *H,
               double                *D,
               const double          *next,
               gsize                  c,
               gsize                  r0,
               gsize                  r1)
{
  gsize Jp = p->Jp, tail = MIN (r1, split_tail_start (Jp)), i = r0;
  const double *e = E + c * p->K, *h = H + (c + 1) * Jp;
  double *delta = D + c * Jp;

  for (; i + 4 * VW <= tail; i += 4 * VW)
    backward_block (p, e, h, next, delta, i, 4, 2);
  for (; i + 2 * VW <= tail; i += 2 * VW)
    backward_block (p, e, h, next, delta, i, 2, 2);
  for (; i < tail; i += VW)
    backward_block (p, e, h, next, delta, i, 1, 2);
  for (; i < r1; i += VW)
    backward_block (p, e, h, next, delta, i, 1, 4);
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
  .input_rows = input_rows,
  .forward_rows = forward_rows,
  .backward_rows = backward_rows,
  .sigmoid = sigmoid_array,
};
