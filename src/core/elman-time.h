/* elman-time.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

G_END_DECLS
