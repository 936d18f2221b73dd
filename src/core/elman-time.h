/* elman-time.h — the time axis of a series: times after its end, and
 * how a time is written in CSV files and on screen
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-series.h"

G_BEGIN_DECLS

gboolean  elman_time_after_end      (const ElmanSeries *series,
                                     gsize              steps,
                                     double            *time);
void      elman_time_append_csv     (GString           *s,
                                     const ElmanSeries *series,
                                     gsize              index);
char     *elman_time_format_display (const ElmanSeries *series,
                                     double             time);
char     *elman_time_format_index   (const ElmanSeries *series,
                                     gsize              index);

G_END_DECLS
