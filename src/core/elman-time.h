/* elman-time.h — the time axis of a series: calendar arithmetic, times
 * after its end, and how a time is written in CSV files and on screen
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-series.h"

G_BEGIN_DECLS

/* Calendar arithmetic in the proleptic Gregorian calendar, UTC, without
 * GDateTime's year 1…9999 limit.  Days count from 1970-01-01. */

gint64   elman_time_days_from_civil  (gint64  year,
                                      int     month,
                                      int     day);
void     elman_time_civil_from_days  (gint64  days,
                                      gint64 *year,
                                      int    *month,
                                      int    *day);
gboolean elman_time_is_leap_year     (gint64  year);
int      elman_time_days_in_month    (gint64  year,
                                      int     month);
double   elman_time_add_months       (double  seconds,
                                      int     months);

/* The time axis of a series (elman_time_after_end() extends a regular one). */

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
