/* core-test-util.h — series the core tests share
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "elman-series.h"

/* 10 + 3 sin(2πi/period) + uniform noise in ±noise, from a fixed seed. */
double      *noisy_sine         (gsize   n,
                                 double  period,
                                 double  noise,
                                 guint64 seed);

/* data/airpassengers.csv: 144 monthly values. */
ElmanSeries *load_airpassengers (void);
