/* test-time.c — the time axis: times after the end, CSV and display
 * times (elman-time.c)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "elman-time.h"

static double
utc (int year,
     int month,
     int day,
     int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return (double) g_date_time_to_unix (dt);
}

static char *
csv_time (const ElmanSeries *series,
          gsize              index)
{
  GString *s = g_string_new (NULL);

  elman_time_append_csv (s, series, index);
  return g_string_free (s, FALSE);
}

/* Months are calendar months after the end (31, 28, 31 … days). */
static void
test_monthly (void)
{
  double values[24], times[24], t;
  g_autoptr(ElmanSeries) series = NULL;
  g_autofree char *first = NULL, *next = NULL, *shown = NULL, *shown_next = NULL;

  for (int i = 0; i < 24; i++)
    {
      values[i] = i;
      times[i] = utc (1959 + i / 12, 1 + i % 12, 1, 0);
    }
  series = elman_series_new_from_values (values, times, 24, ELMAN_FREQUENCY_MONTHLY, "passengers");
  g_assert_true (series->times_are_dates);

  g_assert_true (elman_time_after_end (series, 1, &t));
  g_assert_cmpfloat (t, ==, utc (1961, 1, 1, 0));
  g_assert_true (elman_time_after_end (series, 14, &t));
  g_assert_cmpfloat (t, ==, utc (1962, 2, 1, 0));

  first = csv_time (series, 0);
  next = csv_time (series, 24);
  g_assert_cmpstr (first, ==, "1959-01-01");
  g_assert_cmpstr (next, ==, "1961-01-01");

  shown = elman_time_format_index (series, 3);
  shown_next = elman_time_format_index (series, 25);
  g_assert_cmpstr (shown, ==, "1959-04");
  g_assert_cmpstr (shown_next, ==, "1961-02");
}

static void
test_quarterly_and_hourly (void)
{
  double values[8], quarters[8], hours[8];
  g_autoptr(ElmanSeries) q = NULL;
  g_autoptr(ElmanSeries) h = NULL;
  g_autofree char *q_shown = NULL, *q_after = NULL, *h_csv = NULL, *h_after = NULL, *h_shown = NULL;

  for (int i = 0; i < 8; i++)
    {
      values[i] = i;
      quarters[i] = utc (2020 + i / 4, 1 + 3 * (i % 4), 1, 0);
      hours[i] = utc (2021, 3, 1, 20) + 3600.0 * i;
    }
  q = elman_series_new_from_values (values, quarters, 8, ELMAN_FREQUENCY_QUARTERLY, "q");
  h = elman_series_new_from_values (values, hours, 8, ELMAN_FREQUENCY_HOURLY, "h");

  q_shown = elman_time_format_index (q, 5);
  q_after = elman_time_format_index (q, 8);
  g_assert_cmpstr (q_shown, ==, "2021 Q2");
  g_assert_cmpstr (q_after, ==, "2022 Q1");

  /* A fixed step: the last spacing, across midnight and the month. */
  h_csv = csv_time (h, 1);
  h_after = csv_time (h, 8);
  h_shown = elman_time_format_index (h, 9);
  g_assert_cmpstr (h_csv, ==, "2021-03-01T21:00:00Z");
  g_assert_cmpstr (h_after, ==, "2021-03-02T04:00:00Z");
  g_assert_cmpstr (h_shown, ==, "2021-03-02 05:00");
}

/* Plain numbers a decimal step apart: the mean step, written as the
 * file would (10.2, not 10.200000000000001). */
static void
test_regular_plain (void)
{
  double values[100], times[100], t;
  g_autoptr(ElmanSeries) series = NULL;
  g_autofree char *last = NULL, *after = NULL, *shown = NULL;

  for (int i = 0; i < 100; i++)
    {
      values[i] = i % 5;
      times[i] = 0.1 * i;
    }
  series = elman_series_new_from_values (values, times, 100, ELMAN_FREQUENCY_REGULAR, "x");
  g_assert_false (series->times_are_dates);

  g_assert_true (elman_time_after_end (series, 3, &t));
  g_assert_cmpfloat (fabs (t - 10.2), <, 1e-12);
  last = csv_time (series, 99);
  after = csv_time (series, 102);
  shown = elman_time_format_index (series, 102);
  g_assert_cmpstr (last, ==, "9.9");
  g_assert_cmpstr (after, ==, "10.2");
  g_assert_cmpstr (shown, ==, "10.2");
}

/* Without a usable time axis: nothing after the end in a CSV, the
 * 1-based position on screen. */
static void
test_no_time (void)
{
  double values[5] = { 1, 2, 3, 4, 5 };
  double irregular[5] = { 0, 1, 3, 7, 20 };
  g_autoptr(ElmanSeries) plain = elman_series_new_from_values (values, NULL, 5, ELMAN_FREQUENCY_NONE, "v");
  g_autoptr(ElmanSeries) odd = elman_series_new_from_values (values, irregular, 5, ELMAN_FREQUENCY_IRREGULAR, "v");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  double t = -1;

  g_assert_false (elman_time_after_end (plain, 1, &t));
  g_assert_false (elman_time_after_end (odd, 1, &t));
  g_assert_cmpfloat (t, ==, -1);
  a = csv_time (plain, 2);
  b = csv_time (odd, 5);
  c = csv_time (odd, 4);
  d = elman_time_format_index (plain, 6);
  e = elman_time_format_index (odd, 5);
  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "1970-01-01T00:00:20Z");
  g_assert_cmpstr (d, ==, "7");
  g_assert_cmpstr (e, ==, "6");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/monthly", test_monthly);
  g_test_add_func ("/time/quarterly-hourly", test_quarterly_and_hourly);
  g_test_add_func ("/time/regular-plain", test_regular_plain);
  g_test_add_func ("/time/no-time", test_no_time);

  return g_test_run ();
}
