/* elman-series-loader-time.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times in files: ISO 8601 dates and date-times, and the step of a
 * time axis (hourly … yearly, or plain evenly spaced numbers). */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <float.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "elman-series-loader-private.h"

static gboolean
read_digits (const guchar *s,
             gsize         len,
             gsize        *i,
             int           min,
             int           max,
             int          *out)
{
  int n = 0, v = 0;

  while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9')
    {
      v = v * 10 + (s[*i] - '0');
      (*i)++;
      n++;
    }
  *out = v;
  return n >= min;
}

/* A time of day HH:MM[:SS[.fff]] and a zone (Z, ±HH, ±HHMM, ±HH:MM) at
 * s[*i]; *clock is the seconds after midnight UTC (negative or past a day
 * when the zone moves it).  Without a zone, UTC. */
gboolean
elman_loader_parse_clock (const guchar *s,
                          gsize         len,
                          gsize        *ip,
                          double       *clock)
{
  gsize i = *ip;
  int hour, minute;
  double sec = 0, offset = 0;

  if (!read_digits (s, len, &i, 2, 2, &hour) || hour > 23)
    return FALSE;
  if (i >= len || s[i] != ':')
    return FALSE;
  i++;
  if (!read_digits (s, len, &i, 2, 2, &minute) || minute > 59)
    return FALSE;
  if (i < len && s[i] == ':')
    {
      int isec;

      i++;
      if (!read_digits (s, len, &i, 2, 2, &isec) || isec > 60)
        return FALSE;
      sec = isec;
      if (i < len && (s[i] == '.' || s[i] == ','))
        {
          double scale = 0.1;

          i++;
          if (i >= len || s[i] < '0' || s[i] > '9')
            return FALSE;
          for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, scale /= 10)
            sec += (s[i] - '0') * scale;
        }
    }
  if (i < len && (s[i] == 'Z' || s[i] == 'z'))
    i++;
  else if (i < len && (s[i] == '+' || s[i] == '-'))
    {
      int sign = s[i] == '-' ? -1 : 1;
      int oh, om = 0;

      i++;
      if (!read_digits (s, len, &i, 2, 2, &oh) || oh > 14)
        return FALSE;
      if (i < len && s[i] == ':')
        i++;
      if (i < len && !read_digits (s, len, &i, 2, 2, &om))
        return FALSE;
      if (om > 59)
        return FALSE;
      offset = sign * (oh * 3600.0 + om * 60.0);
    }
  *ip = i;
  *clock = hour * 3600.0 + minute * 60.0 + sec - offset;
  return TRUE;
}

/* ISO 8601 dates and date-times: YYYY-MM, YYYY-Qn, YYYY-MM-DD (also with
 * '/'), each date optionally followed by 'T' or ' ' and HH:MM[:SS[.fff]]
 * and a zone (Z, ±HH, ±HHMM, ±HH:MM).  Without a zone, UTC. */
gboolean
elman_loader_parse_iso (const char *text,
                        gsize       len,
                        gboolean    allow_year,
                        double     *seconds)
{
  const guchar *s = (const guchar *) text;
  gsize i = 0;
  int year, month = 1, day = 1;
  double clock = 0;
  guchar sep;

  if (!read_digits (s, len, &i, 4, 4, &year))
    return FALSE;
  if (i == len)
    {
      if (!allow_year)
        return FALSE;
      goto done;
    }
  sep = s[i];
  if (sep != '-' && sep != '/')
    return FALSE;
  i++;
  if (i < len && (s[i] == 'Q' || s[i] == 'q') && sep == '-')
    {
      int q;

      i++;
      if (!read_digits (s, len, &i, 1, 1, &q) || q < 1 || q > 4 || i != len)
        return FALSE;
      month = 3 * (q - 1) + 1;
      goto done;
    }
  if (!read_digits (s, len, &i, 1, 2, &month) || month < 1 || month > 12)
    return FALSE;
  if (i == len)
    goto done;
  if (s[i] != sep)
    return FALSE;
  i++;
  if (!read_digits (s, len, &i, 1, 2, &day) || day < 1 ||
      day > elman_time_days_in_month (year, month))
    return FALSE;
  if (i == len)
    goto done;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
    return FALSE;
  i++;
  if (!elman_loader_parse_clock (s, len, &i, &clock))
    return FALSE;
  if (i != len)
    return FALSE;

done:
  *seconds = (double) elman_time_days_from_civil (year, month, day) * 86400.0 + clock;
  return TRUE;
}

/**
 * elman_parse_time:
 * @text: an ISO 8601 date or date-time (or a year), not nul-terminated
 * @seconds: (out): seconds since 1970-01-01 UTC
 *
 * Returns: whether @text is a date or date-time the loader accepts
 */
gboolean
elman_parse_time (const char *text,
                  gsize       length,
                  double     *seconds)
{
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (seconds != NULL, FALSE);

  return elman_loader_parse_iso (text, length, TRUE, seconds);
}

/**
 * elman_format_time:
 * @seconds: seconds since 1970-01-01 UTC
 *
 * Returns: (transfer full): `YYYY-MM-DD` at midnight, else
 *   `YYYY-MM-DDTHH:MM:SSZ`
 */
char *
elman_format_time (double seconds)
{
  double fdays = floor (seconds / 86400.0);
  double rem = seconds - fdays * 86400.0;
  gint64 year;
  int month, day, isec;

  if (!isfinite (seconds) || fabs (fdays) > 1e9)
    return g_strdup_printf ("%.17g", seconds);

  elman_time_civil_from_days ((gint64) fdays, &year, &month, &day);
  isec = (int) rem;
  if (rem == 0)
    return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02d", year, month, day);
  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02dT%02d:%02d:%02dZ",
                          year, month, day, isec / 3600, isec / 60 % 60, isec % 60);
}

/* Whether plain numbers (an index, a sample number, seconds of an
 * experiment: not dates) step up evenly.  @constant says whether every
 * difference t[i] − t[i−1] equals the first one exactly.
 *
 * Integers below 2^53 and their differences are exact in doubles, so a
 * column of whole numbers is even only when every step is exactly the
 * same ("1, 2, 4" is not).  Fractions are not: "0.1" parses to the double
 * nearest 0.1, so each time is off by up to half a unit in the last place
 * (ulp) of its magnitude and each difference by up to one ulp of the
 * larger time; 0.1, 0.2, 0.3 differ by 0.1 and 0.09999999999999998.  A
 * fractional column is even when every step is within
 *
 *   1e-6 × step + 4 × DBL_EPSILON × max (|t[i−1]|, |t[i]|)
 *
 * of the overall step (t[n−1] − t[0]) / (n − 1).  The second term absorbs
 * the rounding of the parse at any magnitude (an ulp is at most 2^-52 of
 * the value); the first accepts a step that is no short decimal when the
 * times are written to a millionth of the step (steps of 1/3 written as
 * 0.3333333, 0.6666667, 1, but not as 0.333, 0.667, 1).  The overall step
 * does not accumulate the rounding of single steps, and it is the one
 * `elman-cli inspect` shows; a single missing row moves a step by 100 %,
 * far outside the tolerance.  Steps must be positive: decreasing or
 * repeated times stay irregular. */
static gboolean
plain_evenly_spaced (const double *t,
                     gsize         n,
                     gboolean      constant)
{
  gboolean integral = TRUE;
  double step;

  g_assert (n >= 2);

  for (gsize i = 0; i < n && integral; i++)
    integral = t[i] == floor (t[i]) && fabs (t[i]) <= 9007199254740992.0;   /* 2^53 */
  if (integral)
    return constant && t[1] > t[0];

  step = (t[n - 1] - t[0]) / (double) (n - 1);
  if (!(step > 0) || !isfinite (step))
    return FALSE;
  for (gsize i = 1; i < n; i++)
    {
      double d = t[i] - t[i - 1];
      double tol = 1e-6 * step + 4 * DBL_EPSILON * MAX (fabs (t[i - 1]), fabs (t[i]));

      /* false for NaN, too */
      if (!(fabs (d - step) <= tol))
        return FALSE;
    }
  return TRUE;
}

/* Monday to Friday, each time the next such day at the same time of day,
 * with at least one weekend jumped over (else it is daily). */
static gboolean
business_daily (const double *t,
                gsize         n)
{
  gboolean weekend = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      double fdays = floor (t[i] / 86400.0);
      gint64 weekday;

      if (fabs (fdays) > 1e9)
        return FALSE;
      weekday = (((gint64) fdays % 7) + 7 + 3) % 7;   /* 1970-01-01 was a Thursday; 0 = Monday */
      if (weekday >= 5)
        return FALSE;
      if (i > 0)
        {
          double d = t[i] - t[i - 1];

          if (weekday == 0 && d == 3 * 86400.0)
            weekend = TRUE;
          else if (weekday == 0 || d != 86400.0)
            return FALSE;
        }
    }
  return weekend;
}

/* Calendar steps: the same day of the month (or the last day of each
 * month, then *month_end) and time of day, 1, 3 or 12 months apart. */
static ElmanFrequency
calendar_steps (const double *t,
                gsize         n,
                gboolean     *month_end)
{
  gint64 py = 0;
  int pm = 0, pd = 0, step = 0;
  gboolean ends = TRUE, same_day = TRUE;
  double tod0 = t[0] - floor (t[0] / 86400.0) * 86400.0;

  for (gsize i = 0; i < n; i++)
    {
      double fdays = floor (t[i] / 86400.0);
      gint64 y;
      int m, d;

      if (fabs (fdays) > 1e9 || t[i] - fdays * 86400.0 != tod0)
        return ELMAN_FREQUENCY_IRREGULAR;
      elman_time_civil_from_days ((gint64) fdays, &y, &m, &d);
      ends = ends && d == elman_time_days_in_month (y, m);
      if (i > 0)
        {
          gint64 s = (y - py) * 12 + (m - pm);

          same_day = same_day && d == pd;
          if (s <= 0 || s > 12 || (step != 0 && s != step) || (!same_day && !ends))
            return ELMAN_FREQUENCY_IRREGULAR;
          step = (int) s;
        }
      py = y;
      pm = m;
      pd = d;
    }
  *month_end = !same_day && ends;
  switch (step)
    {
    case 1:  return ELMAN_FREQUENCY_MONTHLY;
    case 3:  return ELMAN_FREQUENCY_QUARTERLY;
    case 12: return ELMAN_FREQUENCY_YEARLY;
    default: return ELMAN_FREQUENCY_IRREGULAR;
    }
}

/* The step of a time axis.  Dates: hourly, daily, weekly, business days,
 * calendar months, quarters and years, else any other constant step in
 * seconds (every 30 min, every 10 s) is REGULAR; plain numbers: REGULAR
 * when evenly spaced.  *month_end tells monthly data on month ends. */
ElmanFrequency
elman_loader_detect_frequency (const double *t,
                               gsize         n,
                               gboolean      is_date,
                               gboolean     *month_end)
{
  double d0;
  gboolean constant = TRUE;
  ElmanFrequency calendar;

  *month_end = FALSE;
  if (n < 2)
    return ELMAN_FREQUENCY_IRREGULAR;

  d0 = t[1] - t[0];
  for (gsize i = 2; i < n && constant; i++)
    constant = t[i] - t[i - 1] == d0;
  if (constant)
    {
      if (d0 == 3600)
        return ELMAN_FREQUENCY_HOURLY;
      if (d0 == 86400)
        return ELMAN_FREQUENCY_DAILY;
      if (d0 == 7 * 86400)
        return ELMAN_FREQUENCY_WEEKLY;
    }
  if (!is_date)
    return plain_evenly_spaced (t, n, constant) ? ELMAN_FREQUENCY_REGULAR
                                                 : ELMAN_FREQUENCY_IRREGULAR;

  calendar = calendar_steps (t, n, month_end);
  if (calendar != ELMAN_FREQUENCY_IRREGULAR)
    return calendar;
  if (business_daily (t, n))
    return ELMAN_FREQUENCY_BUSINESS_DAILY;
  /* Whole seconds (or finer) a constant step apart: every 30 min. */
  if (constant && d0 > 0 && isfinite (d0))
    return ELMAN_FREQUENCY_REGULAR;
  return ELMAN_FREQUENCY_IRREGULAR;
}

/**
 * elman_series_info_describe_step:
 *
 * Returns: (transfer full) (nullable): the step of the time axis in words
 *   ("monthly", "every 30 min", "business days", "every 0.25"), or %NULL
 *   without a time axis
 */
char *
elman_series_info_describe_step (const ElmanSeriesInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->time_column < 0)
    return NULL;
  if (info->frequency == ELMAN_FREQUENCY_BUSINESS_DAILY)
    return g_strdup (_("business days"));
  if (info->month_end)
    /* Translators: %s is "monthly", "quarterly" or "yearly" */
    return g_strdup_printf (_("%s, month ends"), elman_frequency_to_string (info->frequency));
  if (info->frequency == ELMAN_FREQUENCY_REGULAR && info->length >= 2)
    {
      double step = elman_regular_step (info->time_first, info->time_last, info->length);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (info->time_is_date)
        {
          static const struct { double unit; const char *name; } units[] = {
            { 86400, N_("days") }, { 3600, N_("h") }, { 60, N_("min") }, { 1, N_("s") },
          };

          for (gsize k = 0; k < G_N_ELEMENTS (units); k++)
            if (step >= units[k].unit && fmod (step, units[k].unit) == 0)
              /* Translators: a constant step of a time axis, e.g. "every 30 min" */
              return g_strdup_printf (_("every %s %s"),
                                      g_ascii_formatd (buf, sizeof buf, "%.15g", step / units[k].unit),
                                      _(units[k].name));
          return g_strdup_printf (_("every %s %s"), g_ascii_formatd (buf, sizeof buf, "%.15g", step), _("s"));
        }
      /* Translators: the constant step of a time axis of plain numbers, e.g. "every 0.25" */
      return g_strdup_printf (_("every %s"), g_ascii_formatd (buf, sizeof buf, "%.15g", step));
    }
  return g_strdup (elman_frequency_to_string (info->frequency));
}
