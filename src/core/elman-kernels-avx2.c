/* elman-kernels-avx2.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vector kernels of elman-kernels-impl.h for AVX2+FMA (4 × double).
 */

#define G_LOG_DOMAIN "elman-kernels"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "elman-kernels-private.h"

#if defined(__x86_64__) || defined(__i386__)

/* Only these functions use the instruction set; elman-kernels.c calls
 * them after checking the CPU at run time. */
#if defined(__clang__)
#pragma clang attribute push (__attribute__ ((target ("avx2,fma"))), apply_to = function)
#else
#pragma GCC target ("avx2,fma")
#endif

#define VW 4
#define OPS_NAME elman_kernel_ops_avx2
#define OPS_LABEL "AVX2+FMA (4 × double)"
#include "elman-kernels-impl.h"

#if defined(__clang__)
#pragma clang attribute pop
#endif

#endif
