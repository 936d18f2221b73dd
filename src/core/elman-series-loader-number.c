/* elman-series-loader-number.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Numbers in the C locale, whatever the user's locale: the loader's
 * parser and the shortest round-trip formatting. */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <errno.h>
#include <math.h>

#include "elman-series-loader-private.h"

/* Powers of ten that are exact in a double. */
static const double pow10_exact[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static ElmanNumberStatus
parse_number_slow (const char *text,
                   gsize       length,
                   char        decimal,
                   char        thousands,
                   double     *value)
{
  char stack_buf[128];
  g_autofree char *heap_buf = NULL;
  char *buf = stack_buf;
  char *end = NULL;
  gsize j = 0;
  double v;

  if (length + 1 > sizeof stack_buf)
    buf = heap_buf = g_malloc (length + 1);

  /* The text was validated by the caller: only the thousands separators
   * go and the decimal mark becomes '.', what g_ascii_strtod() wants. */
  for (gsize i = 0; i < length; i++)
    {
      char ch = text[i];

      if (thousands != 0 && ch == thousands)
        continue;
      buf[j++] = ch == decimal ? '.' : ch;
    }
  buf[j] = '\0';

  errno = 0;
  v = g_ascii_strtod (buf, &end);
  if (end != buf + j)
    return ELMAN_NUMBER_INVALID;
  if (isinf (v) || fabs (v) > ELMAN_NUMBER_MAX)
    return ELMAN_NUMBER_OUT_OF_RANGE;

  *value = v;
  return ELMAN_NUMBER_OK;
}

/**
 * elman_parse_number:
 * @text: the field, without surrounding spaces (need not be nul-terminated)
 * @length: its length
 * @decimal: the decimal mark, `.` or `,` (0 means `.`)
 * @thousands: the thousands separator to accept, or 0
 * @value: (out): the number
 *
 * Parses `[+-]digits[.digits][e[+-]digits]` independently of the locale.
 * Numbers with at most 15 significant digits and a decimal exponent within
 * ±22 take an exact fast path (one correctly rounded multiplication or
 * division of two exact doubles); all others go through g_ascii_strtod().
 * Either way the result is the correctly rounded double.  Text longer
 * than %ELMAN_NUMBER_MAX_TEXT bytes is no number.
 *
 * Returns: %ELMAN_NUMBER_OK, or why @text is not an acceptable number
 */
ElmanNumberStatus
elman_parse_number (const char *text,
                    gsize       length,
                    char        decimal,
                    char        thousands,
                    double     *value)
{
  const guchar *s = (const guchar *) text;
  gsize i = 0;
  gboolean neg = FALSE;
  gboolean any = FALSE;
  gboolean overflow = FALSE;
  guint64 mant = 0;
  int ndig = 0;
  gint64 exp10 = 0;
  int lead = 0;       /* integer digits before the first separator */
  int group = -1;     /* digits since the last separator, -1: none yet */

  if (decimal == 0)
    decimal = '.';
  if (thousands == decimal)
    thousands = 0;

  /* no number needs that many characters; the slow path copies them */
  if (length == 0 || length > ELMAN_NUMBER_MAX_TEXT)
    return ELMAN_NUMBER_INVALID;

  if (s[0] == '+' || s[0] == '-')
    {
      neg = s[0] == '-';
      i++;
    }

  if ((length - i == 3 && g_ascii_strncasecmp (text + i, "inf", 3) == 0) ||
      (length - i == 8 && g_ascii_strncasecmp (text + i, "infinity", 8) == 0))
    return ELMAN_NUMBER_INFINITE;

  for (; i < length; i++)
    {
      guint d = (guint) s[i] - '0';

      if (d <= 9)
        {
          any = TRUE;
          if (group >= 0)
            {
              if (++group > 3)
                return ELMAN_NUMBER_INVALID;
            }
          else
            lead++;

          if (mant == 0 && d == 0)
            continue;
          if (ndig < 19)
            {
              mant = mant * 10 + d;
              ndig++;
            }
          else
            {
              overflow = TRUE;
              exp10++;
            }
        }
      else if (thousands != 0 && s[i] == (guchar) thousands && any)
        {
          if (group >= 0 ? group != 3 : lead > 3)
            return ELMAN_NUMBER_INVALID;
          group = 0;
        }
      else
        break;
    }
  if (group >= 0 && group != 3)
    return ELMAN_NUMBER_INVALID;

  if (i < length && s[i] == (guchar) decimal)
    {
      for (i++; i < length; i++)
        {
          guint d = (guint) s[i] - '0';

          if (d > 9)
            break;
          any = TRUE;
          if (mant == 0 && d == 0)
            exp10--;
          else if (ndig < 19)
            {
              mant = mant * 10 + d;
              ndig++;
              exp10--;
            }
          else
            overflow = TRUE;
        }
    }

  if (!any)
    return ELMAN_NUMBER_INVALID;

  if (i < length && (s[i] == 'e' || s[i] == 'E'))
    {
      gboolean eneg = FALSE;
      gint64 e = 0;

      i++;
      if (i < length && (s[i] == '+' || s[i] == '-'))
        {
          eneg = s[i] == '-';
          i++;
        }
      if (i >= length || s[i] < '0' || s[i] > '9')
        return ELMAN_NUMBER_INVALID;
      for (; i < length && s[i] >= '0' && s[i] <= '9'; i++)
        if (e < 1000000)
          e = e * 10 + (s[i] - '0');
      exp10 += eneg ? -e : e;
    }

  if (i != length)
    return ELMAN_NUMBER_INVALID;

  if (mant == 0)
    {
      *value = neg ? -0.0 : 0.0;
      return ELMAN_NUMBER_OK;
    }

  if (!overflow && ndig <= 15 && exp10 >= -22 && exp10 <= 22)
    {
      /* mant < 10^15 < 2^53 and 10^|exp10| are exact doubles, so one
       * IEEE operation rounds the exact quotient/product correctly. */
      double v = (double) mant;

      v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
      *value = neg ? -v : v;
      return ELMAN_NUMBER_OK;
    }

  return parse_number_slow (text, length, decimal, thousands, value);
}

/**
 * elman_format_double:
 * @buf: where to write, at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 *
 * Writes @value in the C locale with the fewest significant digits (15,
 * 16 or 17) that read back to exactly @value: 10.3272 stays "10.3272"
 * rather than "10.327199999999999", and nothing is lost.
 *
 * Returns: @buf
 */
const char *
elman_format_double (char  *buf,
                     gsize  size,
                     double value)
{
  static const char *const formats[] = { "%.15g", "%.16g" };

  g_return_val_if_fail (size >= G_ASCII_DTOSTR_BUF_SIZE, NULL);

  if (isfinite (value))
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_ascii_formatd (buf, (int) size, formats[i], value);
        if (g_ascii_strtod (buf, NULL) == value)
          return buf;
      }
  return g_ascii_formatd (buf, (int) size, "%.17g", value);
}

/**
 * elman_format_short_exponent:
 * @buf: a number printf wrote
 *
 * Drops the exponent's '+' and leading zeros in place: 4.689e-05 →
 * 4.689e-5, 1e+06 → 1e6.
 */
void
elman_format_short_exponent (char *buf)
{
  char *e = strchr (buf, 'e'), *digits;
  gboolean negative;

  if (e == NULL)
    return;
  digits = e + 1;
  negative = *digits == '-';
  if (*digits == '+' || *digits == '-')
    digits++;
  while (*digits == '0' && digits[1] != '\0')
    digits++;
  memmove (e + 1 + negative, digits, strlen (digits) + 1);
}

/**
 * elman_format_significant:
 * @buf: where to write, at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 *
 * The one rule for numbers shown to people (status, tables, tooltips,
 * the CLI's summaries): %ELMAN_SIGNIFICANT_DIGITS significant digits,
 * trailing zeros kept so that a column reads evenly (0.04689 beside
 * 0.06027, 24.20 beside 33.28), never fewer integer digits than the
 * value has (12346, not 1.235e4), and a short exponent only below 1e−4
 * or from 1e15 on (4.689e-5). In the user's locale; "—" when @value is
 * not finite.
 *
 * Returns: @buf
 */
const char *
elman_format_significant (char   *buf,
                          gsize   size,
                          double  value)
{
  double mag = fabs (value);

  g_return_val_if_fail (size >= G_ASCII_DTOSTR_BUF_SIZE, NULL);

  if (!isfinite (value))
    g_strlcpy (buf, "—", size);
  else if (value == 0)
    g_strlcpy (buf, "0", size);
  else if (mag < 1e-4 || mag >= 1e15)
    {
      g_snprintf (buf, size, "%.*e", ELMAN_SIGNIFICANT_DIGITS - 1, value);
      elman_format_short_exponent (buf);
    }
  else
    {
      int decimals = ELMAN_SIGNIFICANT_DIGITS - 1 - (int) floor (log10 (mag));

      decimals = MAX (decimals, 0);
      /* 9.99996 rounds up to 10.000: one decimal fewer keeps the digits. */
      if (decimals > 0 && fabs (round (value * pow (10, decimals))) >= pow (10, ELMAN_SIGNIFICANT_DIGITS))
        decimals--;
      g_snprintf (buf, size, "%.*f", decimals, value);
    }
  return buf;
}
