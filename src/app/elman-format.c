/* elman-format.c — how the app writes numbers and durations (times:
 * elman-time.c)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>

#include "elman-format.h"
#include "elman-series-loader.h"

/**
 * elman_app_format_value:
 *
 * Returns: (transfer full): @value by the one rule for numbers shown
 *   (elman_format_significant(): 4 significant digits, "—" when not
 *   finite), for the status, the results table and the tooltips alike.
 */
char *
elman_app_format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (elman_format_significant (buf, sizeof buf, value));
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
