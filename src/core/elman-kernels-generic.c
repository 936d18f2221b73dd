/* elman-kernels-generic.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vector kernels of elman-kernels-impl.h for generic (2 × double).
 */

#define G_LOG_DOMAIN "elman-kernels"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "elman-kernels-private.h"

#define VW 2
#define OPS_NAME elman_kernel_ops_generic
#define OPS_LABEL "generic (2 × double)"
#include "elman-kernels-impl.h"
