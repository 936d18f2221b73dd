/* test-series-time.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Time axes as real files write them: the epoch, a year column beside a
 * quarter or month column, dates in many forms, steps of any length,
 * business days and month ends, times out of order, missing values and
 * where they are, and wide tables (a row per year).  Each case is a small
 * file written here and read with elman_series_load(). */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "elman-series-loader.h"

static char *tmpdir;

static ElmanSeries *
load_file (const char             *contents,
           const ElmanLoadOptions *options,
           ElmanSeriesInfo       **info,
           GError                **error)
{
  g_autofree char *path = g_build_filename (tmpdir, "series.csv", NULL);
  g_autoptr(GError) write_error = NULL;

  g_file_set_contents (path, contents, -1, &write_error);
  g_assert_no_error (write_error);
  return elman_series_load (path, options, info, error);
}

static ElmanSeries *
load_ok (const char             *contents,
         const ElmanLoadOptions *options,
         ElmanSeriesInfo       **info)
{
  g_autoptr(GError) error = NULL;
  ElmanSeries *series = load_file (contents, options, info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (series);
  return series;
}

static double
utc (int y, int m, int d, int hh, int mm, int ss)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, hh, mm, ss);

  return (double) g_date_time_to_unix (dt);
}

/* ---- the epoch is a time ---- */

static void
test_epoch (void)
{
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("year,volume\n1968,3\n1969,4\n1970,5\n", NULL, &info);

    g_assert_cmpint (info->time_column, ==, 0);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_YEARLY);
    g_assert_true (s->times_are_dates);
    g_assert_cmpfloat (s->times[2], ==, 0);
    g_assert_cmpfloat (info->time_last, ==, 0);
    /* the step after 1970 is 1971 */
    g_assert_cmpfloat (elman_series_time_after_end (s, 1), ==, utc (1971, 1, 1, 0, 0, 0));
    g_assert_cmpfloat (elman_series_time_after_end (s, 0), ==, 0);
  }
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("date,v\n1970-01-01,1\n1970-01-02,2\n", NULL, &info);
    g_autofree char *first = elman_format_time (s->times[0]);

    g_assert_cmpfloat (s->times[0], ==, 0);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_DAILY);
    g_assert_cmpstr (first, ==, "1970-01-01");
  }
}

/* ---- a year column and a quarter or month column ---- */

static void
test_year_and_part (void)
{
  /* as statsmodels' macrodata.csv */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("\"year\",\"quarter\",\"gdp\"\n"
                                        "1959,1,10\n1959,2,11\n1959,3,12\n1959,4,13\n1960,1,14\n",
                                        NULL, &info);

    g_assert_cmpint (info->time_column, ==, 0);
    g_assert_cmpint (info->time_column2, ==, 1);
    g_assert_cmpint (info->column, ==, 2);
    g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 0).type, ==, ELMAN_COLUMN_TIME);
    g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 1).type, ==, ELMAN_COLUMN_TIME);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_QUARTERLY);
    g_assert_cmpfloat (s->times[1], ==, utc (1959, 4, 1, 0, 0, 0));
    g_assert_cmpfloat (s->times[4], ==, utc (1960, 1, 1, 0, 0, 0));
    g_assert_cmpfloat (elman_series_time_after_end (s, 1), ==, utc (1960, 4, 1, 0, 0, 0));
  }
  /* months, the value column first */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("sales,Year,Month\n5,2020,11\n6,2020,12\n7,2021,1\n", NULL, &info);

    g_assert_cmpint (info->column, ==, 0);
    g_assert_cmpint (info->time_column, ==, 1);
    g_assert_cmpint (info->time_column2, ==, 2);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_MONTHLY);
    g_assert_cmpfloat (s->times[2], ==, utc (2021, 1, 1, 0, 0, 0));
  }
  /* a quarter of 5 is refused by its line */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    /* the sample says quarters (1…4); the fifth record is past it */
    GString *text = g_string_new ("year,quarter,v\n");

    for (int i = 0; i < 250; i++)
      g_string_append_printf (text, "%d,%d,%d\n", 1800 + i / 4, i % 4 + 1, i);
    g_string_append (text, "1900,5,1\n");
    s = load_file (text->str, NULL, NULL, &error);
    g_assert_null (s);
    g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_NOT_A_NUMBER);
    g_assert_nonnull (strstr (error->message, ":252: \"5\" is not a quarter (1 to 4)"));
    g_string_free (text, TRUE);
  }
  /* asking for the quarter column: the year alone is the axis */
  {
    ElmanLoadOptions o;
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.column = "quarter";
    s = load_ok ("year,quarter,v\n1959,1,10\n1959,2,11\n", &o, &info);
    g_assert_cmpint (info->column, ==, 1);
    g_assert_cmpint (info->time_column2, ==, -1);
    g_assert_cmpfloat (s->values[1], ==, 2);
  }
}

/* ---- dates in many forms ---- */

static void
test_date_forms (void)
{
  static const struct
  {
    const char     *first;
    const char     *second;
    int             y1, m1, d1, y2, m2, d2;
    ElmanFrequency  frequency;
  } cases[] = {
    { "1974Q1", "1974Q2", 1974, 1, 1, 1974, 4, 1, ELMAN_FREQUENCY_QUARTERLY },
    { "1974-Q1", "1974-Q2", 1974, 1, 1, 1974, 4, 1, ELMAN_FREQUENCY_QUARTERLY },
    { "Q4 1974", "Q1 1975", 1974, 10, 1, 1975, 1, 1, ELMAN_FREQUENCY_QUARTERLY },
    { "1974M01", "1974M02", 1974, 1, 1, 1974, 2, 1, ELMAN_FREQUENCY_MONTHLY },
    { "Jan-1-1995", "Feb-1-1995", 1995, 1, 1, 1995, 2, 1, ELMAN_FREQUENCY_MONTHLY },
    { "1995-01", "1995-02", 1995, 1, 1, 1995, 2, 1, ELMAN_FREQUENCY_MONTHLY },
    { "01/1995", "02/1995", 1995, 1, 1, 1995, 2, 1, ELMAN_FREQUENCY_MONTHLY },
    { "Jan 1995", "February 1995", 1995, 1, 1, 1995, 2, 1, ELMAN_FREQUENCY_MONTHLY },
    { "\"January 31, 1995\"", "\"February 28, 1995\"", 1995, 1, 31, 1995, 2, 28, ELMAN_FREQUENCY_MONTHLY },
    { "1 Sept 1995", "2 Sept 1995", 1995, 9, 1, 1995, 9, 2, ELMAN_FREQUENCY_DAILY },
    { "29.03.1958", "30.03.1958", 1958, 3, 29, 1958, 3, 30, ELMAN_FREQUENCY_DAILY },
    /* day-first shown by 13/01 */
    { "12/01/2020", "13/01/2020", 2020, 1, 12, 2020, 1, 13, ELMAN_FREQUENCY_DAILY },
    /* month-first shown by 01/13 */
    { "01/12/2020", "01/13/2020", 2020, 1, 12, 2020, 1, 13, ELMAN_FREQUENCY_DAILY },
    { "2020-01-01T00:00:00Z", "2020-01-01T01:00:00Z", 2020, 1, 1, 2020, 1, 1, ELMAN_FREQUENCY_HOURLY },
    { "03/29/2020 13:30", "03/29/2020 14:30", 2020, 3, 29, 2020, 3, 29, ELMAN_FREQUENCY_HOURLY },
    /* YYYYMMDD integers, as statsmodels' co2.csv */
    { "19580329", "19580405", 1958, 3, 29, 1958, 4, 5, ELMAN_FREQUENCY_WEEKLY },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("date,value\n%s,1.5\n%s,2.5\n", cases[i].first, cases[i].second);
      g_autoptr(ElmanSeriesInfo) info = NULL;
      g_autoptr(ElmanSeries) s = NULL;
      double t1 = utc (cases[i].y1, cases[i].m1, cases[i].d1, 0, 0, 0);
      double t2 = utc (cases[i].y2, cases[i].m2, cases[i].d2, 0, 0, 0);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].first);
      s = load_ok (text, NULL, &info);
      g_assert_cmpint (info->time_column, ==, 0);
      g_assert_cmpint (info->column, ==, 1);
      g_assert_true (info->time_is_date);
      g_assert_null (info->time_note);
      g_assert_cmpint (s->frequency, ==, cases[i].frequency);
      if (cases[i].frequency == ELMAN_FREQUENCY_HOURLY)
        g_assert_cmpfloat (s->times[1] - s->times[0], ==, 3600);
      else
        {
          g_assert_cmpfloat (s->times[0], ==, t1);
          g_assert_cmpfloat (s->times[1], ==, t2);
        }
      g_assert_cmpfloat (s->values[1], ==, 2.5);
    }
  {
    g_autoptr(ElmanSeries) s = load_ok ("t,v\n03/29/2020 13:30,1\n03/30/2020 13:30,2\n", NULL, NULL);

    g_assert_cmpfloat (s->times[0], ==, utc (2020, 3, 29, 13, 30, 0));
  }
}

static void
test_date_problems (void)
{
  /* day-first and month-first cannot be told apart: a note, no axis */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("date,v\n01/02/2020,1\n01/03/2020,2\n", NULL, &info);

    g_assert_cmpint (info->time_column, ==, -1);
    g_assert_null (s->times);
    g_assert_cmpint (info->column, ==, 1);
    g_assert_cmpstr (info->time_note, ==, "column \"date\": line 2: \"01/02/2020\" could be day-first or "
                     "month-first and no date tells; no time axis");
  }
  /* both orders in one column */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("date,v\n13/01/2020,1\n01/14/2020,2\n", NULL, &info);

    g_assert_cmpint (info->time_column, ==, -1);
    g_assert_cmpstr (info->time_note, ==, "column \"date\": day-first (line 2: \"13/01/2020\") and month-first "
                     "(line 3: \"01/14/2020\") dates; no time axis");
  }
  /* a column named like a time that holds no dates */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("date,v\nsoon,1\nlater,2\n", NULL, &info);

    g_assert_cmpint (info->time_column, ==, -1);
    g_assert_cmpstr (info->time_note, ==, "column \"date\": line 2: \"soon\" is not a date "
                     "(not a form of date the loader knows); no time axis");
  }
  /* a date that is wrong in one part is refused by its line, saying which */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ElmanSeries) s = load_file ("q,v\n1974Q1,1\n1974Q5,2\n", NULL, NULL, &error);

    g_assert_null (s);
    g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_NOT_A_NUMBER);
    g_assert_nonnull (strstr (error->message, ":3: column \"q\": \"1974Q5\" is not a date or time "
                                              "(no such quarter)"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ElmanSeries) s = load_file ("d,v\nJan-1-1995,1\nFeb-30-1995,2\n", NULL, NULL, &error);

    g_assert_null (s);
    g_assert_nonnull (strstr (error->message, ":3: column \"d\": \"Feb-30-1995\" is not a date or time "
                                              "(no such day in that month)"));
  }
  /* eight-digit numbers that are no dates stay numbers */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("id,v\n19581329,1\n19581330,2\n", NULL, &info);

    g_assert_false (info->time_is_date);
    g_assert_false (s->times_are_dates);
  }
}

/* ---- steps ---- */

static ElmanSeries *
load_times (const char *const *times,
            gsize              n,
            ElmanSeriesInfo  **info)
{
  g_autoptr(GString) text = g_string_new ("time,v\n");

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (text, "%s,%" G_GSIZE_FORMAT "\n", times[i], i);
  return load_ok (text->str, NULL, info);
}

static void
test_steps (void)
{
  /* half-hourly */
  {
    const char *const times[] = { "2020-01-01 00:00", "2020-01-01 00:30", "2020-01-01 01:00",
                                  "2020-01-01 01:30" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);
    g_autofree char *step = elman_series_info_describe_step (info);

    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_REGULAR);
    g_assert_true (s->times_are_dates);
    g_assert_cmpstr (step, ==, "every 30 min");
    g_assert_cmpfloat (elman_series_time_after_end (s, 2), ==, utc (2020, 1, 1, 2, 30, 0));
  }
  /* ten-minute readings */
  {
    const char *const times[] = { "2020-01-01T10:00:00Z", "2020-01-01T10:10:00Z", "2020-01-01T10:20:00Z" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);
    g_autofree char *step = elman_series_info_describe_step (info);

    g_assert_cmpstr (step, ==, "every 10 min");
  }
  /* every two days */
  {
    const char *const times[] = { "2020-01-01", "2020-01-03", "2020-01-05" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);
    g_autofree char *step = elman_series_info_describe_step (info);

    g_assert_cmpstr (step, ==, "every 2 days");
  }
  /* business days: Thursday 2 January 2020 to Tuesday 7 January */
  {
    const char *const times[] = { "2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);
    g_autofree char *step = elman_series_info_describe_step (info);

    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_BUSINESS_DAILY);
    g_assert_cmpstr (step, ==, "business days");
    g_assert_cmpfloat (elman_series_time_after_end (s, 1), ==, utc (2020, 1, 8, 0, 0, 0));
    /* Wednesday + 3 business days is Monday */
    g_assert_cmpfloat (elman_series_time_after_end (s, 4), ==, utc (2020, 1, 13, 0, 0, 0));
    g_assert_cmpfloat (elman_series_time_after_end (s, 10), ==, utc (2020, 1, 21, 0, 0, 0));
  }
  /* a weekend day among them is not business days */
  {
    const char *const times[] = { "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-06" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);

    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_IRREGULAR);
  }
  /* month ends */
  {
    const char *const times[] = { "2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);
    g_autofree char *step = elman_series_info_describe_step (info);

    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_MONTHLY);
    g_assert_true (s->month_end);
    g_assert_cmpstr (step, ==, "monthly, month ends");
    g_assert_cmpfloat (elman_series_time_after_end (s, 1), ==, utc (2020, 5, 31, 0, 0, 0));
    g_assert_cmpfloat (elman_series_time_after_end (s, 2), ==, utc (2020, 6, 30, 0, 0, 0));
  }
  /* quarter ends */
  {
    const char *const times[] = { "2019-12-31", "2020-03-31", "2020-06-30", "2020-09-30" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);

    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_QUARTERLY);
    g_assert_true (s->month_end);
    g_assert_cmpfloat (elman_series_time_after_end (s, 1), ==, utc (2020, 12, 31, 0, 0, 0));
  }
  /* really irregular stays so */
  {
    const char *const times[] = { "2020-01-01 00:00", "2020-01-01 00:30", "2020-01-01 00:45" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);
    g_autofree char *step = elman_series_info_describe_step (info);

    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_IRREGULAR);
    g_assert_cmpstr (step, ==, "irregular");
  }
}

static void
test_order (void)
{
  {
    const char *const times[] = { "2020-01-01", "2020-01-03", "2020-01-02", "2020-01-04" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);

    /* kept in file order, and said */
    g_assert_cmpfloat (s->times[2], ==, utc (2020, 1, 2, 0, 0, 0));
    g_assert_cmpstr (info->time_note, ==, "times not in order: 1 step goes back (value 3, 2020-01-02 after "
                     "2020-01-03); the values are used in file order");
  }
  {
    const char *const times[] = { "2020-01-01", "2020-01-02", "2020-01-02", "2020-01-03", "2020-01-03" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);

    g_assert_cmpstr (info->time_note, ==, "2 repeated times (first at value 3, 2020-01-02)");
  }
  {
    const char *const times[] = { "2020-01-01", "2020-01-02", "2020-01-03" };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_times (times, G_N_ELEMENTS (times), &info);

    g_assert_null (info->time_note);
  }
}

/* ---- missing values: how many and where ---- */

static void
test_missing_lines (void)
{
  ElmanLoadOptions o;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(GString) text = g_string_new ("t,co2\n");

  /* 30 values with a gap at every third from line 4 on */
  for (int i = 0; i < 30; i++)
    g_string_append_printf (text, "%d,%s\n", 1 + i, i % 3 == 2 ? "" : "316.5");
  elman_load_options_init (&o);
  o.missing = ELMAN_MISSING_INTERPOLATE;
  s = load_ok (text->str, &o, &info);
  g_assert_cmpuint (info->n_missing, ==, 10);
  g_assert_cmpuint (info->n_interpolated, ==, 10);
  for (int k = 0; k < ELMAN_MISSING_LINES_SHOWN; k++)
    g_assert_cmpuint (info->missing_lines[k], ==, 4 + 3 * k);
  g_assert_cmpuint (s->n, ==, 30);
}

/* ---- wide tables ---- */

static void
test_wide (void)
{
  static const char months[] =
    "\"YEAR\",\"JAN\",\"FEB\",\"MAR\",\"APR\",\"MAY\",\"JUN\",\"JUL\",\"AUG\",\"SEP\",\"OCT\",\"NOV\",\"DEC\"\n"
    "1950,1,2,3,4,5,6,7,8,9,10,11,12\n"
    "1951,13,14,15,16,17,18,19,20,21,22,23,24\n";
  ElmanLoadOptions o;

  /* detected and said, but read as before without the option */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok (months, NULL, &info);

    g_assert_cmpint (info->wide, ==, 12);
    g_assert_false (info->wide_read);
    g_assert_cmpuint (s->n, ==, 2);
  }
  /* read as one series in time order */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.wide = TRUE;
    s = load_ok (months, &o, &info);
    g_assert_true (info->wide_read);
    g_assert_cmpuint (s->n, ==, 24);
    for (gsize i = 0; i < 24; i++)
      g_assert_cmpfloat (s->values[i], ==, (double) (i + 1));
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_MONTHLY);
    g_assert_cmpfloat (s->times[13], ==, utc (1951, 2, 1, 0, 0, 0));
    g_assert_cmpfloat (info->time_last, ==, utc (1951, 12, 1, 0, 0, 0));
  }
  /* quarters, with a gap interpolated */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.wide = TRUE;
    o.missing = ELMAN_MISSING_INTERPOLATE;
    s = load_ok ("Year,Q1,Q2,Q3,Q4\n2000,1,2,,4\n2001,5,6,7,8\n", &o, &info);
    g_assert_cmpint (info->wide, ==, 4);
    g_assert_cmpuint (s->n, ==, 8);
    g_assert_cmpfloat (s->values[2], ==, 3);
    g_assert_cmpuint (info->n_missing, ==, 1);
    g_assert_cmpuint (info->missing_lines[0], ==, 2);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_QUARTERLY);
    g_assert_cmpfloat (s->times[4], ==, utc (2001, 1, 1, 0, 0, 0));
  }
  /* asked of a file that is not wide */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.wide = TRUE;
    s = load_file ("year,v\n2000,1\n2001,2\n", &o, NULL, &error);
    g_assert_null (s);
    g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN);
    g_assert_nonnull (strstr (error->message, ":1: not a wide table"));
  }
}

/* ---- what the import dialog sets: header, rows to skip, time column ---- */

static void
test_import_options (void)
{
  ElmanLoadOptions o;

  /* two lines of notes, then the table; messages count the file's lines */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;
    g_autoptr(GError) error = NULL;

    elman_load_options_init (&o);
    o.skip_rows = 2;
    s = load_ok ("Monthly sales\nsource: a shop\nmonth,sales\n2020-01,5\n2020-02,6\n", &o, &info);
    g_assert_true (info->header);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_MONTHLY);
    g_assert_cmpuint (s->n, ==, 2);
    g_assert_null (load_file ("a\nb\nmonth,sales\n2020-01,5\n2020-02,x\n", &o, NULL, &error));
    g_assert_nonnull (strstr (error->message, ":5: column \"sales\": \"x\" is not a number"));
  }
  /* a header of numbers, as the user says */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.header = ELMAN_HEADER_YES;
    s = load_ok ("1,2\n3,4\n5,6\n", &o, &info);
    g_assert_true (info->header);
    g_assert_cmpuint (s->n, ==, 2);
    g_assert_cmpstr (s->name, ==, "2");
  }
  /* no header: the first row is data, and here not numbers */
  {
    g_autoptr(GError) error = NULL;

    elman_load_options_init (&o);
    o.header = ELMAN_HEADER_NO;
    o.time_column = "";
    g_assert_null (load_file ("t,v\n1,4\n2,6\n", &o, NULL, &error));
    g_assert_nonnull (strstr (error->message, ":1: column 1: \"v\" is not a number"));
  }
  /* the time column by name, or none */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.time_column = "";
    s = load_ok ("date,v\n2020-01-01,1\n2020-01-02,2\n", &o, &info);
    g_assert_cmpint (info->time_column, ==, -1);
    g_assert_null (s->times);
  }
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.time_column = "when";
    s = load_ok ("id,when,v\n7,2020-01-01,1\n3,2020-01-02,2\n", &o, &info);
    g_assert_cmpint (info->time_column, ==, 1);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_DAILY);
  }
  {
    g_autoptr(GError) error = NULL;

    elman_load_options_init (&o);
    o.time_column = "nope";
    g_assert_null (load_file ("date,v\n2020-01-01,1\n", &o, NULL, &error));
    g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("elman-series-time-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/elman/series-time/epoch", test_epoch);
  g_test_add_func ("/elman/series-time/year-and-part", test_year_and_part);
  g_test_add_func ("/elman/series-time/date-forms", test_date_forms);
  g_test_add_func ("/elman/series-time/date-problems", test_date_problems);
  g_test_add_func ("/elman/series-time/steps", test_steps);
  g_test_add_func ("/elman/series-time/order", test_order);
  g_test_add_func ("/elman/series-time/missing-lines", test_missing_lines);
  g_test_add_func ("/elman/series-time/wide", test_wide);
  g_test_add_func ("/elman/series-time/import-options", test_import_options);

  ret = g_test_run ();

  {
    g_autofree char *path = g_build_filename (tmpdir, "series.csv", NULL);

    g_unlink (path);
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
