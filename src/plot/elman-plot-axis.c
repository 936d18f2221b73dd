/* elman-plot-axis.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-plot-private.h"

/* Rounds @raw up to the next 1, 2 or 5 times a power of ten. */
double
elman_plot_nice_step (double raw)
{
  double exponent, magnitude, fraction, nice;

  if (!(raw > 0.0) || !isfinite (raw))
    return 1.0;

  exponent = floor (log10 (raw));
  magnitude = pow (10.0, exponent);
  if (!(magnitude > 0.0) || !isfinite (magnitude))
    return raw;

  fraction = raw / magnitude;
  /* log10 rounding can leave the fraction a hair outside [1, 10). */
  if (fraction > 10.0 * (1.0 - 1e-12))
    {
      magnitude *= 10.0;
      fraction /= 10.0;
    }

  if (fraction <= 1.0 + 1e-9)
    nice = 1.0;
  else if (fraction <= 2.0 + 1e-9)
    nice = 2.0;
  else if (fraction <= 5.0 + 1e-9)
    nice = 5.0;
  else
    nice = 10.0;

  if (!isfinite (nice * magnitude))
    return magnitude;

  return nice * magnitude;
}

/* Replaces an ASCII '-' at the start of @buf by U+2212 MINUS SIGN. */
static void
use_minus_sign (char  *buf,
                gsize  len)
{
  gsize used = strlen (buf);

  if (buf[0] != '-' || used + 3 > len)
    return;

  memmove (buf + 3, buf + 1, used);
  buf[0] = (char) 0xe2;
  buf[1] = (char) 0x88;
  buf[2] = (char) 0x92;
}

static void format_power_of_ten (int    exponent,
                                 char  *buf,
                                 gsize  len);

/* "1.5×10⁻⁷" from printf's "1.5e-07": the notation of the axis titles
 * and of the log axis, which a reader need not decode. */
static void
use_power_of_ten (char  *buf,
                  gsize  len)
{
  char *e = strchr (buf, 'e');
  char power[ELMAN_PLOT_LABEL_LEN];
  int exponent;

  if (e == NULL)
    return;
  exponent = atoi (e + 1);
  *e = '\0';
  format_power_of_ten (exponent, power, sizeof power);
  g_strlcat (buf, "\xc3\x97", len);   /* × */
  g_strlcat (buf, power, len);
}

/* Thousands of thousands and beyond are read as such: "120 M", not
 * "1.2e8". The unit follows the tick step, so that every label of one
 * axis has the same unit and decimals. */
static const struct
{
  double      unit;
  const char *symbol;
} large_units[] = {
  { 1e6, "M" }, { 1e9, "G" }, { 1e12, "T" },
};

/* Steps from half a million to a hundred T take a unit: labels from
 * "0.5 M" to "900 T" (below, "800000" reads well enough). */
#define LARGE_UNIT_FROM_STEP 5e5
#define LARGE_UNIT_TO_STEP   1e14

/**
 * elman_plot_format_value:
 * @step: the distance between ticks, which decides the decimals
 *
 * Formats a tick label: plain decimals for ordinary magnitudes, a unit
 * for large steps ("120 M", "1.5 G": M, G and T are the SI prefixes, the
 * same in every language), and a power of ten for huge and tiny values
 * ("2.0×10³⁰⁰", "1.5×10⁻⁷").
 */
void
elman_plot_format_value (double  value,
                         double  step,
                         char   *buf,
                         gsize   len)
{
  double mag = fabs (value);
  gboolean stepped = step > 0.0 && isfinite (step);

  g_assert (len >= 16);

  if (!isfinite (value))
    {
      g_strlcpy (buf, "?", len);
      return;
    }

  /* Snap values within rounding noise of zero (e.g. 3 × 0.1 − 0.3). */
  if (step > 0.0 && mag < step * 1e-9)
    {
      g_strlcpy (buf, "0", len);
      return;
    }

  if (stepped && step >= LARGE_UNIT_FROM_STEP && step < LARGE_UNIT_TO_STEP)
    {
      guint u = 0;
      int decimals;

      /* A unit at most five steps: 0.5 G to 4.5 G, not 500 M to 4500 M. */
      while (u + 1 < G_N_ELEMENTS (large_units) && 5 * step >= large_units[u + 1].unit)
        u++;
      decimals = (int) -floor (log10 (step / large_units[u].unit) + 1e-9);
      decimals = CLAMP (decimals, 0, 3);
      /* A narrow no-break space keeps the number and its unit together. */
      g_snprintf (buf, len, "%.*f\xe2\x80\xaf%s", decimals, value / large_units[u].unit, large_units[u].symbol);
    }
  else if (!stepped)
    {
      /* No tick spacing to go by (a single tick): the shortest form. */
      g_snprintf (buf, len, "%.6g", value);
      use_power_of_ten (buf, len);
    }
  else if (mag >= 1e6 || (mag < 1e-4 && mag > 0.0))
    {
      int digits = (int) (floor (log10 (mag)) - floor (log10 (step) + 1e-9));

      digits = CLAMP (digits, 0, 6);
      g_snprintf (buf, len, "%.*e", digits, value);
      use_power_of_ten (buf, len);
    }
  else
    {
      int decimals = (int) -floor (log10 (step) + 1e-9);

      decimals = CLAMP (decimals, 0, 10);
      g_snprintf (buf, len, "%.*f", decimals, value);
      if (strcmp (buf, "-0") == 0)
        g_strlcpy (buf, "0", len);
    }

  use_minus_sign (buf, len);
}

/**
 * elman_plot_ticks_linear:
 * @target: about how many ticks fit
 * @step: (out) (optional): the distance between ticks
 *
 * Ticks at multiples of a 1-2-5 step inside [@lo, @hi]. Works for any
 * finite bounds (no overflow for ±1e308, no division by zero for a
 * constant range, where the single tick is @lo).
 *
 * Returns: the number of ticks written
 */
gsize
elman_plot_ticks_linear (double         lo,
                         double         hi,
                         gsize          target,
                         ElmanPlotTick *ticks,
                         gsize          max_ticks,
                         double        *step)
{
  double raw, s, k0, k1;
  gsize n = 0;

  if (step)
    *step = 0.0;
  if (max_ticks == 0 || !isfinite (lo) || !isfinite (hi))
    return 0;
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  target = CLAMP (target, 2, max_ticks);

  /* Dividing first keeps hi − lo from overflowing. */
  raw = hi / (double) target - lo / (double) target;
  if (!(raw > 0.0) || !isfinite (raw) || raw < fabs (hi) * 1e-15)
    {
      ticks[0].value = lo;
      elman_plot_format_value (lo, 0.0, ticks[0].label, sizeof ticks[0].label);
      return 1;
    }

  s = elman_plot_nice_step (raw);
  for (int guard = 0; guard < 8; guard++)
    {
      k0 = ceil (lo / s - 1e-9);
      k1 = floor (hi / s + 1e-9);
      if (k1 - k0 + 1 <= (double) max_ticks)
        break;
      s = elman_plot_nice_step (s * 1.5);
    }
  /* At least two ticks: a step just under the range may leave one. */
  for (int guard = 0; guard < 8; guard++)
    {
      double m;

      k0 = ceil (lo / s - 1e-9);
      k1 = floor (hi / s + 1e-9);
      if (k1 - k0 + 1 >= 2 || max_ticks < 2)
        break;
      m = s / pow (10.0, floor (log10 (s) + 1e-9));
      s *= m < 1.5 ? 0.5 : m < 3 ? 0.5 : 0.4;   /* 1 → 0.5, 2 → 1, 5 → 2 */
    }

  for (double k = k0; k <= k1 && n < max_ticks; k++)
    {
      double v = k * s;

      if (!isfinite (v))
        continue;
      if (v == 0.0)
        v = 0.0;  /* no −0 */
      ticks[n].value = v;
      elman_plot_format_value (v, s, ticks[n].label, sizeof ticks[n].label);
      n++;
    }

  if (step)
    *step = s;
  return n;
}

static void
format_power_of_ten (int    exponent,
                     char  *buf,
                     gsize  len)
{
  static const char *const superscripts[] = {
    "\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", "\xe2\x81\xb4",
    "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9",
  };
  char digits[16];
  GString *s = g_string_new ("10");

  if (exponent < 0)
    g_string_append (s, "\xe2\x81\xbb");  /* superscript minus */
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *p = digits; *p; p++)
    g_string_append (s, superscripts[*p - '0']);

  g_strlcpy (buf, s->str, len);
  g_string_free (s, TRUE);
}

static gsize
log_mantissa_ticks (double         lo,
                    double         hi,
                    const int     *mantissas,
                    int            n_mantissas,
                    ElmanPlotTick *ticks,
                    gsize          max_ticks)
{
  int e0 = (int) floor (log10 (lo)), e1 = (int) floor (log10 (hi));
  gsize n = 0;

  for (int e = e0; e <= e1; e++)
    for (int j = 0; j < n_mantissas; j++)
      {
        double decade = pow (10.0, e);
        double v = mantissas[j] * decade;

        if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))
          continue;
        if (ticks && n < max_ticks)
          {
            ticks[n].value = v;
            elman_plot_format_value (v, decade, ticks[n].label, sizeof ticks[n].label);
          }
        n++;
      }
  return n;
}

/**
 * elman_plot_ticks_log:
 * @target: about how many ticks fit
 *
 * Ticks for a logarithmic axis over [@lo, @hi] (both > 0): powers of ten
 * (every k-th decade when there are many). With fewer than three decades
 * in range, the finest of 1-2-5, 1-3 or 1 per decade that fits @target
 * (1…9 when even 1-2-5 gives fewer than two ticks).
 */
gsize
elman_plot_ticks_log (double         lo,
                      double         hi,
                      gsize          target,
                      ElmanPlotTick *ticks,
                      gsize          max_ticks)
{
  static const int m1[] = { 1 }, m13[] = { 1, 3 }, m125[] = { 1, 2, 5 };
  static const int m19[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  static const struct { const int *m; int n; } sets[] = {
    { m1, 1 }, { m13, 2 }, { m125, 3 }, { m19, 9 },
  };
  int d0, d1, every = 1, chosen = -1;
  gsize n = 0, limit;

  if (!(lo > 0.0) || !(hi > 0.0) || !isfinite (lo) || !isfinite (hi) || max_ticks == 0)
    return 0;
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  limit = CLAMP (target, 3, MIN (max_ticks, 10));

  d0 = (int) ceil (log10 (lo) - 1e-9);
  d1 = (int) floor (log10 (hi) + 1e-9);

  if (d1 - d0 >= 2)
    {
      while ((gsize) ((d1 - d0) / every + 1) > limit)
        every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
      for (int d = d0; d <= d1 && n < max_ticks; d++)
        {
          if (((d % every) + every) % every != 0)
            continue;
          ticks[n].value = pow (10.0, d);
          format_power_of_ten (d, ticks[n].label, sizeof ticks[n].label);
          n++;
        }
      return n;
    }

  /* Fewer than three decades: the finest mantissa set within the target,
   * or else the coarsest that gives two ticks. */
  for (int k = 0; k < (int) G_N_ELEMENTS (sets) - 1; k++)
    {
      gsize count = log_mantissa_ticks (lo, hi, sets[k].m, sets[k].n, NULL, 0);

      if (count >= 2 && count <= MAX (target, 2))
        chosen = k;
    }
  if (chosen < 0)
    for (int k = 0; k < (int) G_N_ELEMENTS (sets) && chosen < 0; k++)
      if (log_mantissa_ticks (lo, hi, sets[k].m, sets[k].n, NULL, 0) >= 2)
        chosen = k;
  if (chosen < 0)
    chosen = G_N_ELEMENTS (sets) - 1;

  n = MIN (log_mantissa_ticks (lo, hi, sets[chosen].m, sets[chosen].n, ticks, max_ticks), max_ticks);
  if (n == 0)
    {
      ticks[0].value = lo;
      elman_plot_format_value (lo, 0.0, ticks[0].label, sizeof ticks[0].label);
      n = 1;
    }
  return n;
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month", "Jan");
    case 2: return C_("month", "Feb");
    case 3: return C_("month", "Mar");
    case 4: return C_("month", "Apr");
    case 5: return C_("month", "May");
    case 6: return C_("month", "Jun");
    case 7: return C_("month", "Jul");
    case 8: return C_("month", "Aug");
    case 9: return C_("month", "Sep");
    case 10: return C_("month", "Oct");
    case 11: return C_("month", "Nov");
    case 12: return C_("month", "Dec");
    default: return "?";
    }
}

typedef struct
{
  ElmanPlotTimeUnit unit;
  int               step;
  double            seconds;   /* approximate length */
} TimeStep;

static const TimeStep time_steps[] = {
  { ELMAN_PLOT_TIME_SECOND, 1, 1 },
  { ELMAN_PLOT_TIME_SECOND, 2, 2 },
  { ELMAN_PLOT_TIME_SECOND, 5, 5 },
  { ELMAN_PLOT_TIME_SECOND, 10, 10 },
  { ELMAN_PLOT_TIME_SECOND, 15, 15 },
  { ELMAN_PLOT_TIME_SECOND, 30, 30 },
  { ELMAN_PLOT_TIME_MINUTE, 1, 60 },
  { ELMAN_PLOT_TIME_MINUTE, 2, 120 },
  { ELMAN_PLOT_TIME_MINUTE, 5, 300 },
  { ELMAN_PLOT_TIME_MINUTE, 10, 600 },
  { ELMAN_PLOT_TIME_MINUTE, 15, 900 },
  { ELMAN_PLOT_TIME_MINUTE, 30, 1800 },
  { ELMAN_PLOT_TIME_HOUR, 1, 3600 },
  { ELMAN_PLOT_TIME_HOUR, 2, 7200 },
  { ELMAN_PLOT_TIME_HOUR, 3, 10800 },
  { ELMAN_PLOT_TIME_HOUR, 6, 21600 },
  { ELMAN_PLOT_TIME_HOUR, 12, 43200 },
  { ELMAN_PLOT_TIME_DAY, 1, 86400 },
  { ELMAN_PLOT_TIME_DAY, 2, 2 * 86400 },
  { ELMAN_PLOT_TIME_DAY, 7, 7 * 86400 },
  { ELMAN_PLOT_TIME_DAY, 14, 14 * 86400 },
  { ELMAN_PLOT_TIME_MONTH, 1, 30.436875 * 86400 },
  { ELMAN_PLOT_TIME_MONTH, 2, 2 * 30.436875 * 86400 },
  { ELMAN_PLOT_TIME_MONTH, 3, 3 * 30.436875 * 86400 },
  { ELMAN_PLOT_TIME_MONTH, 6, 6 * 30.436875 * 86400 },
  { ELMAN_PLOT_TIME_YEAR, 1, 365.2425 * 86400 },
};

static void
format_time_label (double             t,
                   ElmanPlotTimeUnit  unit,
                   gboolean           first,
                   char              *buf,
                   gsize              len)
{
  gint64 days = (gint64) floor (t / 86400.0);
  gint64 sec = (gint64) floor (t - (double) days * 86400.0 + 0.5);
  gint64 year;
  int month, day;
  int hour = (int) (sec / 3600), minute = (int) (sec / 60 % 60), second = (int) (sec % 60);

  elman_time_civil_from_days (days, &year, &month, &day);

  switch (unit)
    {
    case ELMAN_PLOT_TIME_YEAR:
      g_snprintf (buf, len, "%" G_GINT64_FORMAT, year);
      break;

    case ELMAN_PLOT_TIME_MONTH:
      /* Concise: the year at January (or on the first tick), else the month. */
      if (month == 1)
        g_snprintf (buf, len, "%" G_GINT64_FORMAT, year);
      else if (first)
        g_snprintf (buf, len, "%s %" G_GINT64_FORMAT, month_name (month), year);
      else
        g_snprintf (buf, len, "%s", month_name (month));
      break;

    case ELMAN_PLOT_TIME_DAY:
      if (month == 1 && day == 1)
        g_snprintf (buf, len, "%" G_GINT64_FORMAT, year);
      else if (first)
        g_snprintf (buf, len, "%s %d %" G_GINT64_FORMAT, month_name (month), day, year);
      else
        g_snprintf (buf, len, "%s %d", month_name (month), day);
      break;

    case ELMAN_PLOT_TIME_HOUR:
    case ELMAN_PLOT_TIME_MINUTE:
      if (sec == 0)
        g_snprintf (buf, len, "%s %d", month_name (month), day);
      else
        g_snprintf (buf, len, "%02d:%02d", hour, minute);
      break;

    case ELMAN_PLOT_TIME_SECOND:
    default:
      g_snprintf (buf, len, "%02d:%02d:%02d", hour, minute, second);
      break;
    }
}

/**
 * elman_plot_ticks_time:
 * @t0: start, seconds since 1970-01-01 UTC
 * @unit: (out) (optional): the chosen unit
 * @unit_step: (out) (optional): ticks every @unit_step units
 *
 * Date ticks at calendar boundaries: whole years (1, 2, 5, 10, 20, 50…),
 * months (1, 2, 3, 6, starting in January), days (1, 2, or weeks from
 * Monday), hours (1, 2, 3, 6, 12), minutes and seconds.
 */
gsize
elman_plot_ticks_time (double             t0,
                       double             t1,
                       gsize              target,
                       ElmanPlotTick     *ticks,
                       gsize              max_ticks,
                       ElmanPlotTimeUnit *unit,
                       int               *unit_step)
{
  TimeStep chosen = time_steps[G_N_ELEMENTS (time_steps) - 1];
  double span;
  gsize n = 0;

  if (!isfinite (t0) || !isfinite (t1) || max_ticks == 0)
    return 0;
  if (t1 < t0)
    {
      double t = t0;
      t0 = t1;
      t1 = t;
    }
  target = CLAMP (target, 2, max_ticks);
  span = t1 - t0;

  /* Outside the calendar range we can compute, or beyond millennia: plain
   * numbers of years would still be right, but keep it simple and safe. */
  if (fabs (t0) > 1e15 || fabs (t1) > 1e15)
    return elman_plot_ticks_linear (t0, t1, target, ticks, max_ticks, NULL);

  {
    gboolean found = FALSE;

    for (gsize i = 0; i < G_N_ELEMENTS (time_steps); i++)
      if (span / time_steps[i].seconds <= (double) target)
        {
          chosen = time_steps[i];
          found = TRUE;
          break;
        }

    if (!found)
      {
        double years = elman_plot_nice_step (span / (365.2425 * 86400.0) / (double) target);

        chosen.unit = ELMAN_PLOT_TIME_YEAR;
        chosen.step = (int) MAX (1.0, MIN (years, 1e8));
      }
  }

  if (unit)
    *unit = chosen.unit;
  if (unit_step)
    *unit_step = chosen.step;

  if (chosen.unit == ELMAN_PLOT_TIME_YEAR || chosen.unit == ELMAN_PLOT_TIME_MONTH)
    {
      gint64 year, k, months = chosen.unit == ELMAN_PLOT_TIME_YEAR ? 12 * (gint64) chosen.step : chosen.step;
      int month, day;

      elman_time_civil_from_days ((gint64) floor (t0 / 86400.0), &year, &month, &day);
      k = year * 12 + (month - 1);
      /* Round the month index up to a multiple of the step. */
      k = k >= 0 ? (k + months - 1) / months * months : -((-k) / months * months);

      for (; n < max_ticks; k += months)
        {
          gint64 y = k >= 0 ? k / 12 : -((-k + 11) / 12);
          int m = (int) (k - y * 12) + 1;
          double t = (double) elman_time_days_from_civil (y, m, 1) * 86400.0;

          if (t < t0)
            continue;
          if (t > t1)
            break;
          ticks[n].value = t;
          format_time_label (t, chosen.unit, n == 0, ticks[n].label, sizeof ticks[n].label);
          n++;
        }
    }
  else
    {
      double step = chosen.seconds;
      /* Weeks start on Monday; 1970-01-05 was one. */
      double offset = chosen.unit == ELMAN_PLOT_TIME_DAY && chosen.step >= 7 ? 4 * 86400.0 : 0.0;
      double k = ceil ((t0 - offset) / step - 1e-9);

      for (; n < max_ticks; k++)
        {
          double t = k * step + offset;

          if (t > t1 + step * 1e-9)
            break;
          ticks[n].value = t;
          format_time_label (t, chosen.unit, n == 0, ticks[n].label, sizeof ticks[n].label);
          n++;
        }
    }

  return n;
}
