/* elman-time.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Calendar arithmetic shared by the loader (dates in files), the plot
 * (calendar ticks) and whatever prints times. */

#define G_LOG_DOMAIN "elman-time"

#include "config.h"

#include <math.h>

#include "elman-time.h"

/**
 * elman_time_days_from_civil:
 * @year: any year (proleptic Gregorian; year 0 is 1 BC)
 * @month: 1…12
 * @day: 1…31
 *
 * Returns: days since 1970-01-01 (negative before it)
 */
gint64
elman_time_days_from_civil (gint64 year,
                            int    month,
                            int    day)
{
  gint64 era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/**
 * elman_time_civil_from_days:
 * @days: days since 1970-01-01
 * @year: (out): the year
 * @month: (out): 1…12
 * @day: (out): 1…31
 *
 * The inverse of elman_time_days_from_civil().
 */
void
elman_time_civil_from_days (gint64  days,
                            gint64 *year,
                            int    *month,
                            int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  g_return_if_fail (year != NULL && month != NULL && day != NULL);

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
}

gboolean
elman_time_is_leap_year (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/**
 * elman_time_days_in_month:
 * @month: 1…12
 *
 * Returns: 28…31
 */
int
elman_time_days_in_month (gint64 year,
                          int    month)
{
  static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && elman_time_is_leap_year (year))
    return 29;
  return dim[month - 1];
}

/**
 * elman_time_add_months:
 * @seconds: seconds since 1970-01-01 UTC
 * @months: calendar months to add (may be negative)
 *
 * Keeps the time of day and clamps the day to the target month's length
 * (January 31 plus one month is February 28 or 29).  Beyond ±1e15 s, or
 * for non-finite @seconds, adds months of average length.
 *
 * Returns: the moment @months calendar months after @seconds
 */
double
elman_time_add_months (double seconds,
                       int    months)
{
  double day_seconds;
  gint64 days, year, total;
  int month, day;

  if (!isfinite (seconds) || fabs (seconds) > 1e15)
    return seconds + months * 30.436875 * 86400.0;

  days = (gint64) floor (seconds / 86400.0);
  day_seconds = seconds - (double) days * 86400.0;
  elman_time_civil_from_days (days, &year, &month, &day);

  total = year * 12 + (month - 1) + months;
  year = total >= 0 ? total / 12 : -((-total + 11) / 12);
  month = (int) (total - year * 12) + 1;
  day = MIN (day, elman_time_days_in_month (year, month));

  return (double) elman_time_days_from_civil (year, month, day) * 86400.0 + day_seconds;
}
