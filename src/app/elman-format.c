/* elman-format.c — how the app writes times and numbers
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "elman-format.h"

/* Times are seconds since the epoch when the loader read dates; plain
 * numbers (an index, a regular step such as 0.5, or years written as
 * small integers) stay numbers. */
static gboolean
time_is_plain_number (const ElmanSeries *series,
                      double             time)
{
  if (series->frequency == ELMAN_FREQUENCY_NONE || !series->times_are_dates)
    return TRUE;
  /* Years written as small integers: the whole axis is small.  A date
   * axis passes through 0 at 1970-01-01, which is a date like any other. */
  if (series->frequency == ELMAN_FREQUENCY_YEARLY && fabs (time) < 10000 &&
      (series->times == NULL || series->n == 0 ||
       (fabs (series->times[0]) < 10000 && fabs (series->times[series->n - 1]) < 10000)))
    return TRUE;
  return FALSE;
}

/**
 * elman_app_format_time_at:
 *
 * Returns: (transfer full): @time written for the series' frequency
 *   ("1953-04", "1953", "2001-05-12 14:00"), or as a plain number.
 */
char *
elman_app_format_time_at (const ElmanSeries *series,
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
    default:
      format = (llround (time) % 86400) == 0 ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S";
      break;
    }

  return g_date_time_format (dt, format);
}

/**
 * elman_app_format_time:
 *
 * Returns: (transfer full): the time of value @index (its 1-based
 *   position when the series has no time axis).
 */
char *
elman_app_format_time (const ElmanSeries *series,
                   gsize              index)
{
  g_return_val_if_fail (series != NULL, NULL);

  if (series->times == NULL || index >= series->n)
    return g_strdup_printf ("%" G_GSIZE_FORMAT, index + 1);

  return elman_app_format_time_at (series, series->times[index]);
}

/**
 * elman_app_time_after_end:
 *
 * Returns: the time @steps steps after the last value: calendar months and
 *   years for monthly, quarterly and yearly series, the mean step for
 *   regular plain numbers (as elman-cli), else the last spacing.
 */
double
elman_app_time_after_end (const ElmanSeries *series,
                             gsize              steps)
{
  double last, step;

  g_return_val_if_fail (series != NULL, 0);

  if (series->times == NULL || series->n == 0)
    return (double) (series->n + steps - 1);

  last = series->times[series->n - 1];
  if (!time_is_plain_number (series, last))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) llround (last));
      g_autoptr(GDateTime) next = NULL;

      if (dt != NULL)
        {
          switch (series->frequency)
            {
            case ELMAN_FREQUENCY_MONTHLY:
              next = g_date_time_add_months (dt, (int) steps);
              break;
            case ELMAN_FREQUENCY_QUARTERLY:
              next = g_date_time_add_months (dt, 3 * (int) steps);
              break;
            case ELMAN_FREQUENCY_YEARLY:
              next = g_date_time_add_years (dt, (int) steps);
              break;
            default:
              break;
            }
          if (next != NULL)
            return (double) g_date_time_to_unix (next);
        }
    }

  /* The mean step: a decimal step like 0.1 is not exact between two
   * neighbours. */
  if (series->frequency == ELMAN_FREQUENCY_REGULAR && series->n > 1)
    step = elman_regular_step (series->times[0], last, series->n);
  else
    step = series->n > 1 ? last - series->times[series->n - 2] : 1;
  return last + step * (double) steps;
}

/**
 * elman_app_format_value:
 *
 * Returns: (transfer full): @value with up to 6 significant digits.
 */
char *
elman_app_format_value (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.6g", value);
}

/**
 * elman_app_format_duration:
 *
 * Returns: (transfer full): "0:07", "12:30" or "1:02:03".
 */
char *
elman_app_format_duration (double seconds)
{
  guint64 s;

  if (!isfinite (seconds) || seconds < 0)
    seconds = 0;
  s = (guint64) (seconds + 0.5);
  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600,
                            (guint) (s / 60 % 60), (guint) (s % 60));
  return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

/**
 * elman_app_format_learning_rate:
 *
 * Returns: (transfer full): @rate in scientific notation, "1e-3",
 *   "2.5e-4"; what the ε spin button shows and reads back.
 */
char *
elman_app_format_learning_rate (double rate)
{
  int exponent;
  double mantissa;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!(rate > 0) || !isfinite (rate))
    return g_strdup ("0");

  exponent = (int) floor (log10 (rate) + 1e-9);
  mantissa = rate / pow (10, exponent);
  if (mantissa >= 9.995)
    {
      mantissa /= 10;
      exponent++;
    }
  g_ascii_formatd (buf, sizeof buf, "%.3g", mantissa);
  return g_strdup_printf ("%se%d", buf, exponent);
}
