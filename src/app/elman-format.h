/* elman-format.h — how the app writes numbers and durations (times:
 * elman-time.h)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-series.h"
#include "elman-time.h"

G_BEGIN_DECLS

char   *elman_app_format_value           (double             value);
char   *elman_app_format_duration        (double             seconds);
char   *elman_app_format_learning_rate   (double             rate);

G_END_DECLS
