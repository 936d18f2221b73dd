/* elman-time.c — the time axis of a series: calendar arithmetic, times
 * after its end, and how a time is written in CSV files and on screen
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

#include "elman-series-loader.h"
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

/* Times are seconds since the epoch when the loader read dates; plain
 * numbers (an index, a regular step such as 0.5, or years written as
 * small integers) stay numbers. */
static gboolean
time_is_plain_number (const ElmanSeries *series,
                      double             time)
{
  if (series->frequency == ELMAN_FREQUENCY_NONE || !series->times_are_dates)
    return TRUE;
  /* Years written as small integers: the whole axis is small. A date
   * axis passes through 0 at 1970-01-01, which is a date like any other. */
  if (series->frequency == ELMAN_FREQUENCY_YEARLY && fabs (time) < 10000 &&
      (series->times == NULL || series->n == 0 ||
       (fabs (series->times[0]) < 10000 && fabs (series->times[series->n - 1]) < 10000)))
    return TRUE;
  return FALSE;
}

/**
 * elman_time_after_end:
 * @steps: how many steps after the last value (1: the first forecast)
 * @time: (out): the time then
 *
 * Calendar months, quarters and years for such series of dates, the
 * mean step for regular plain numbers (a decimal step like 0.1 is not
 * exact between two neighbours), else the last spacing.
 *
 * Returns: %FALSE when the series has no time axis, fewer than two
 *   values or irregular times: then there is no time after its end
 */
gboolean
elman_time_after_end (const ElmanSeries *series,
                      gsize              steps,
                      double            *time)
{
  g_return_val_if_fail (series != NULL && time != NULL, FALSE);

  if (series->times == NULL || series->n < 2 || series->frequency == ELMAN_FREQUENCY_IRREGULAR)
    return FALSE;

  *time = elman_series_time_after_end (series, steps);
  return TRUE;
}

/**
 * elman_time_append_csv:
 * @index: a value's index; from n on, the steps after the end
 *
 * Appends the time of @index as CSV files write it: dates as
 * `YYYY-MM-DD` (with `THH:MM:SSZ` when not at midnight), plain numbers
 * with the fewest digits that read back exactly, times after the end of
 * plain numbers with 15 digits (9.9 + 3 × 0.1 is 10.200000000000001 in
 * doubles, and the file said 10.2). Nothing when there is no such time.
 */
void
elman_time_append_csv (GString           *s,
                       const ElmanSeries *series,
                       gsize              index)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double t;

  g_return_if_fail (s != NULL && series != NULL);

  if (series->times == NULL)
    return;
  if (index < series->n)
    t = series->times[index];
  else if (!elman_time_after_end (series, index - (series->n - 1), &t))
    return;
  else if (series->frequency == ELMAN_FREQUENCY_REGULAR && !series->times_are_dates)
    {
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.15g", t));
      return;
    }

  if (!isfinite (t))
    return;
  if (series->times_are_dates && t > -1e11 && t < 1e11)
    {
      g_autofree char *text = elman_format_time (t);
      g_string_append (s, text);
    }
  else
    g_string_append (s, elman_format_double (buf, sizeof buf, t));
}

/**
 * elman_time_format_display:
 *
 * Returns: (transfer full): @time as the app shows it, for the series'
 *   frequency ("1953-04", "1953", "1953 Q2", "2001-05-12 14:00"), or as
 *   a plain number with up to 15 digits.
 */
char *
elman_time_format_display (const ElmanSeries *series,
                           double             time)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *format;

  g_return_val_if_fail (series != NULL, NULL);

  if (series->times == NULL || time_is_plain_number (series, time) || !isfinite (time))
    return g_strdup_printf ("%.15g", time);

  dt = g_date_time_new_from_unix_utc ((gint64) llround (time));
  if (dt == NULL)
    return g_strdup_printf ("%.15g", time);

  switch (series->frequency)
    {
    case ELMAN_FREQUENCY_YEARLY:
      format = "%Y";
      break;
    case ELMAN_FREQUENCY_QUARTERLY:
      return g_strdup_printf ("%d Q%d", g_date_time_get_year (dt),
                              (g_date_time_get_month (dt) - 1) / 3 + 1);
    case ELMAN_FREQUENCY_MONTHLY:
      format = "%Y-%m";
      break;
    case ELMAN_FREQUENCY_WEEKLY:
    case ELMAN_FREQUENCY_DAILY:
      format = "%Y-%m-%d";
      break;
    case ELMAN_FREQUENCY_HOURLY:
      format = "%Y-%m-%d %H:%M";
      break;
    case ELMAN_FREQUENCY_NONE:
    case ELMAN_FREQUENCY_IRREGULAR:
    case ELMAN_FREQUENCY_REGULAR:
    default:
      format = (llround (time) % 86400) == 0 ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S";
      break;
    }

  return g_date_time_format (dt, format);
}

/**
 * elman_time_format_index:
 * @index: a value's index; from n on, the steps after the end
 *
 * Returns: (transfer full): the time of value @index as the app shows
 *   it (its 1-based position when there is no such time).
 */
char *
elman_time_format_index (const ElmanSeries *series,
                         gsize              index)
{
  double t;

  g_return_val_if_fail (series != NULL, NULL);

  if (series->times != NULL && index < series->n)
    return elman_time_format_display (series, series->times[index]);
  if (series->times != NULL && index >= series->n &&
      elman_time_after_end (series, index - (series->n - 1), &t))
    return elman_time_format_display (series, t);
  return g_strdup_printf ("%" G_GSIZE_FORMAT, index + 1);
}
