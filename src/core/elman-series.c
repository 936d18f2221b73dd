/* elman-series.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "elman-series.h"
#include "elman-time.h"

G_DEFINE_QUARK (elman-series-error-quark, elman_series_error)

/**
 * elman_series_new_take:
 * @values: (transfer full): g_malloc'ed values
 * @times: (transfer full) (nullable): g_malloc'ed times
 *
 * Returns: (transfer full): a series owning @values and @times
 */
ElmanSeries *
elman_series_new_take (double         *values,
                       double         *times,
                       gsize           n,
                       ElmanFrequency  frequency,
                       const char     *name,
                       const char     *path)
{
  ElmanSeries *self = g_new0 (ElmanSeries, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->values = values;
  self->times = times;
  self->n = n;
  self->frequency = times ? frequency : ELMAN_FREQUENCY_NONE;
  /* The loader says exactly; for a series built in code, only a regular
   * step of plain numbers is known not to be a date. */
  self->times_are_dates = self->frequency != ELMAN_FREQUENCY_NONE && self->frequency != ELMAN_FREQUENCY_REGULAR;
  self->name = g_strdup (name);
  self->path = g_strdup (path);

  return self;
}

/**
 * elman_series_new_from_values:
 * @times: (nullable): copied when given
 *
 * Returns: (transfer full): a series holding copies of @values and @times
 */
ElmanSeries *
elman_series_new_from_values (const double   *values,
                              const double   *times,
                              gsize           n,
                              ElmanFrequency  frequency,
                              const char     *name)
{
  g_return_val_if_fail (values != NULL || n == 0, NULL);

  return elman_series_new_take (g_memdup2 (values, n * sizeof (double)),
                                times ? g_memdup2 (times, n * sizeof (double)) : NULL,
                                n, frequency, name, NULL);
}

ElmanSeries *
elman_series_ref (ElmanSeries *series)
{
  g_return_val_if_fail (series != NULL, NULL);

  g_atomic_ref_count_inc (&series->ref_count);
  return series;
}

void
elman_series_unref (ElmanSeries *series)
{
  g_return_if_fail (series != NULL);

  if (!g_atomic_ref_count_dec (&series->ref_count))
    return;

  g_free (series->values);
  g_free (series->times);
  g_free (series->name);
  g_free (series->path);
  g_free (series);
}

const char *
elman_frequency_to_string (ElmanFrequency frequency)
{
  switch (frequency)
    {
    case ELMAN_FREQUENCY_NONE:      return "none";
    case ELMAN_FREQUENCY_YEARLY:    return "yearly";
    case ELMAN_FREQUENCY_QUARTERLY: return "quarterly";
    case ELMAN_FREQUENCY_MONTHLY:   return "monthly";
    case ELMAN_FREQUENCY_WEEKLY:    return "weekly";
    case ELMAN_FREQUENCY_DAILY:     return "daily";
    case ELMAN_FREQUENCY_HOURLY:    return "hourly";
    case ELMAN_FREQUENCY_IRREGULAR: return "irregular";
    case ELMAN_FREQUENCY_REGULAR:   return "regular";
    case ELMAN_FREQUENCY_BUSINESS_DAILY: return "business-daily";
    default:                        return "none";
    }
}

/**
 * elman_regular_step:
 * @first: the first time of an evenly spaced plain time axis
 * @last: its last time
 * @n: the number of times, at least 2
 *
 * The step as the loader estimates it, (last − first) / (n − 1), with only
 * the digits that mean something: parsed times carry rounding of about
 * 4 × DBL_EPSILON × |t| (see the loader), which shows in all 15 digits
 * ("0.100000023841858" for steps of 0.1 near 1.6e9). Never fewer digits
 * than the step's integer part.
 *
 * Returns: the step
 */
double
elman_regular_step (double first,
                    double last,
                    gsize  n)
{
  double step, noise;
  int digits = 15;
  char format[16], buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (n >= 2, NAN);

  step = (last - first) / (double) (n - 1);
  noise = 4 * DBL_EPSILON * MAX (fabs (first), fabs (last));
  if (noise > 0 && step > 0)
    digits = MAX ((int) ceil (log10 (step / noise)), (int) floor (log10 (step)) + 1);
  g_snprintf (format, sizeof format, "%%.%dg", CLAMP (digits, 1, 15));
  return g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, format, step), NULL);
}

/* The day after @days (days since 1970-01-01, a Thursday) that is a
 * Monday to Friday, @k such days on. */
static gint64
add_business_days (gint64 days,
                   gsize  k)
{
  gint64 weekday = ((days % 7) + 7 + 3) % 7;   /* 0 = Monday */

  /* from a weekend day, count from the Friday before */
  if (weekday >= 5)
    {
      days -= weekday - 4;
      weekday = 4;
    }
  days += (gint64) (k / 5) * 7;
  weekday += (gint64) (k % 5);
  days += (gint64) (k % 5);
  if (weekday >= 5)
    days += 2;
  return days;
}

/* The last day of the month @seconds falls in, at the same time of day. */
static double
month_end_of (double seconds)
{
  gint64 days = (gint64) floor (seconds / 86400.0);
  double tod = seconds - (double) days * 86400.0;
  gint64 year;
  int month, day;

  elman_time_civil_from_days (days, &year, &month, &day);
  return (double) elman_time_days_from_civil (year, month, elman_time_days_in_month (year, month)) * 86400.0
         + tod;
}

/**
 * elman_series_time_after_end:
 * @steps: how many steps after the last value (0: the last time)
 *
 * The time of a forecast @steps steps past the end: calendar months for
 * monthly, quarterly and yearly series (month ends stay month ends),
 * Monday to Friday for business days, the fixed step for hourly, daily,
 * weekly and other evenly spaced axes (the mean step, as
 * elman_regular_step() gives it), else the last spacing.  Without a time
 * axis, the 0-based index.
 *
 * Returns: the time
 */
double
elman_series_time_after_end (const ElmanSeries *series,
                             gsize              steps)
{
  const double *t;
  gsize n;
  double last, step;

  g_return_val_if_fail (series != NULL, 0);

  t = series->times;
  n = series->n;
  if (t == NULL || n == 0)
    return (double) (n + steps - 1);
  last = t[n - 1];
  if (steps == 0)
    return last;

  if (series->times_are_dates && isfinite (last) && fabs (last) < 1e15)
    {
      int months = 0;

      switch (series->frequency)
        {
        case ELMAN_FREQUENCY_YEARLY:    months = 12; break;
        case ELMAN_FREQUENCY_QUARTERLY: months = 3; break;
        case ELMAN_FREQUENCY_MONTHLY:   months = 1; break;
        case ELMAN_FREQUENCY_WEEKLY:    return last + 7.0 * 86400.0 * (double) steps;
        case ELMAN_FREQUENCY_DAILY:     return last + 86400.0 * (double) steps;
        case ELMAN_FREQUENCY_HOURLY:    return last + 3600.0 * (double) steps;
        case ELMAN_FREQUENCY_BUSINESS_DAILY:
          {
            gint64 days = (gint64) floor (last / 86400.0);
            double tod = last - (double) days * 86400.0;

            return (double) add_business_days (days, steps) * 86400.0 + tod;
          }
        case ELMAN_FREQUENCY_NONE:
        case ELMAN_FREQUENCY_IRREGULAR:
        case ELMAN_FREQUENCY_REGULAR:
        default:
          break;
        }
      if (months > 0 && steps <= G_MAXINT / 12)
        {
          double next = elman_time_add_months (last, months * (int) steps);

          return series->month_end ? month_end_of (next) : next;
        }
    }

  if (series->frequency == ELMAN_FREQUENCY_REGULAR && n > 1)
    step = elman_regular_step (t[0], last, n);
  else
    step = n > 1 ? last - t[n - 2] : 1;
  if (!(step > 0) || !isfinite (step))
    step = 1;
  return last + step * (double) steps;
}
