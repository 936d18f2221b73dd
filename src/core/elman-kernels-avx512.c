/* elman-kernels-avx512.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vector kernels of elman-kernels-impl.h for AVX-512 (8 × double).
 */

#define G_LOG_DOMAIN "elman-kernels"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "elman-kernels-private.h"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

/* Only these functions use the instruction set; elman-kernels.c calls
 * them after checking the CPU at run time. */
#if defined(__clang__)
#pragma clang attribute push (__attribute__ ((target ("avx512f,avx512dq,avx512vl,avx2,fma"))), apply_to = function)
#else
#pragma GCC target ("avx512f,avx512dq,avx512vl,avx2,fma")
#endif

#define VW 8
/* One instruction, not a compare and a blend; its second operand when
 * the first is NaN, as the blend. */
#define KI_MIN(a, b) ((vd) _mm512_min_pd ((__m512d) (a), (__m512d) (b)))
#define OPS_NAME elman_kernel_ops_avx512
#define OPS_LABEL "AVX-512 (8 × double)"
#include "elman-kernels-impl.h"

#if defined(__clang__)
#pragma clang attribute pop
#endif

#endif
