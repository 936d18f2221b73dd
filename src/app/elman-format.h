/* elman-format.h — how the app writes times and numbers
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-series.h"

G_BEGIN_DECLS

char   *elman_app_format_time            (const ElmanSeries *series,
                                      gsize              index);
char   *elman_app_format_time_at         (const ElmanSeries *series,
                                      double             time);
double  elman_app_time_after_end  (const ElmanSeries *series,
                                      gsize              steps);
char   *elman_app_format_value           (double             value);
char   *elman_app_format_duration        (double             seconds);
char   *elman_app_format_learning_rate   (double             rate);

G_END_DECLS
