/* test-series-loader.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every case of the loader on a small file written here: the values that
 * come out, or the exact "file:line: message" of the refusal.  The test
 * works in a fresh temporary directory so that paths in messages are the
 * short names the test wrote. */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "elman-series-loader.h"
#include "elman-series-loader-private.h"

static char *tmpdir;

static void
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (name, contents, length, &error);
  g_assert_no_error (error);
}

static ElmanSeries *
load_opts (const char              *name,
           const char              *contents,
           const ElmanLoadOptions  *options,
           ElmanSeriesInfo        **info)
{
  g_autoptr(GError) error = NULL;
  ElmanSeries *series;

  write_file (name, contents, -1);
  series = elman_series_load (name, options, info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (series);
  return series;
}

static ElmanSeries *
load_ok (const char       *name,
         const char       *contents,
         ElmanSeriesInfo **info)
{
  return load_opts (name, contents, NULL, info);
}

static void
assert_refused_opts (const char             *name,
                     const char             *contents,
                     gssize                  length,
                     const ElmanLoadOptions *options,
                     int                     code,
                     const char             *message)
{
  g_autoptr(GError) error = NULL;
  ElmanSeriesInfo *info = (ElmanSeriesInfo *) 0x1;
  ElmanSeries *series;

  if (contents != NULL)
    write_file (name, contents, length);
  series = elman_series_load (name, options, &info, &error);
  g_assert_null (series);
  g_assert_null (info);
  g_assert_error (error, ELMAN_SERIES_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  /* one line */
  g_assert_null (strchr (error->message, '\n'));
}

static void
assert_refused (const char *name,
                const char *contents,
                int         code,
                const char *message)
{
  assert_refused_opts (name, contents, -1, NULL, code, message);
}

static void
assert_values (const ElmanSeries *s,
               const double      *expected,
               gsize              n)
{
  g_assert_cmpuint (s->n, ==, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (s->values[i], ==, expected[i]);
}

static double
utc (int y, int m, int d, int hh, int mm, int ss)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, hh, mm, ss);

  return (double) g_date_time_to_unix (dt);
}

/* ---- Must accept ---- */

static void
test_one_per_line (void)
{
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  const double expected[] = { 1, 2.5, -3, 4e-3, 0.1 };

  s = load_ok ("plain.txt", "1\n2.5\n-3\n4e-3\n.1\n", &info);
  assert_values (s, expected, G_N_ELEMENTS (expected));
  g_assert_null (s->times);
  g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_NONE);
  g_assert_false (info->header);
  g_assert_cmpint (info->delimiter, ==, 0);
  g_assert_cmpuint (info->columns->len, ==, 1);
  g_assert_cmpint (info->time_column, ==, -1);
  g_assert_cmpstr (s->path, ==, "plain.txt");
}

static void
test_header_one_column (void)
{
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  const double expected[] = { 10, 20, 30 };

  s = load_ok ("h.csv", "Temperature\n10\n20\n30\n", &info);
  assert_values (s, expected, 3);
  g_assert_true (info->header);
  g_assert_cmpstr (s->name, ==, "Temperature");
  g_assert_cmpstr (g_array_index (info->columns, ElmanColumnInfo, 0).name, ==, "Temperature");
}

static void
test_delimiters (void)
{
  static const struct
  {
    const char *text;
    char        delimiter;
  } cases[] = {
    { "a,b\n1,2\n3,4\n", ',' },
    { "a;b\n1;2\n3;4\n", ';' },
    { "a\tb\n1\t2\n3\t4\n", '\t' },
    { "a|b\n1|2\n3|4\n", '|' },
    { "a b\n1   2\n  3 4  \n", ' ' },
    { "1 2\n3\t\t4\n", ' ' },
    { "1,2\n3,4\n", ',' },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ElmanSeries) s = NULL;
      g_autoptr(ElmanSeriesInfo) info = NULL;

      s = load_ok ("d.csv", cases[i].text, &info);
      g_assert_cmpint (info->delimiter, ==, cases[i].delimiter);
      g_assert_cmpuint (info->columns->len, ==, 2);
      g_assert_cmpuint (s->n, ==, 2);
      g_assert_cmpfloat (s->values[0], ==, 2);
      g_assert_cmpfloat (s->values[1], ==, 4);
    }
}

static void
test_delimiter_given (void)
{
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  ElmanLoadOptions o;
  const double expected[] = { 5, 6 };

  elman_load_options_init (&o);
  o.delimiter = ':';
  s = load_opts ("colon.txt", "x:y\n1:5\n2:6\n", &o, &info);
  assert_values (s, expected, 2);
  g_assert_cmpint (info->delimiter, ==, ':');
  g_assert_cmpint (info->time_column, ==, 0);
}

static void
test_quotes (void)
{
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  const double expected[] = { 1, 2, 3, 4 };

  s = load_ok ("q.csv",
               "\"name\",\"value\"\n"
               "\"a, b\",\"1\"\n"
               "\"say \"\"hi\"\"\",2\n"
               "\"multi\nline\r\nfield\",3\n"
               "  \"spaced\"  , \" 4 \"\n",
               &info);
  assert_values (s, expected, 4);
  g_assert_cmpint (info->delimiter, ==, ',');
  g_assert_cmpstr (s->name, ==, "value");
  g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 0).type, ==, ELMAN_COLUMN_TEXT);

  /* line numbers count the line ends inside quotes */
  assert_refused ("q.csv",
                  "name,value\n\"multi\nline\r\nfield\",3\nx,oops\n",
                  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "q.csv:5: column \"value\": \"oops\" is not a number");
  /* found by the fuzzer: a line end inside quotes kept the message on one line */
  assert_refused ("q.csv", "name,value\nx,\"1\n2\"\ny,3\n",
                  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "q.csv:2: column \"value\": \"1\\n2\" is not a number");
  assert_refused ("q.csv", "name,value\nx,1\n\"open,2\n3,4\n",
                  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "q.csv:3: a quoted field is never closed");
  assert_refused ("q.csv", "name,value\nx,1\n\"a\"b,2\n",
                  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "q.csv:3: unexpected text after a closing quote");
}

static void
test_line_ends (void)
{
  static const char *texts[] = {
    "v\n1\n2\n3\n",
    "v\r\n1\r\n2\r\n3\r\n",
    "v\r1\r2\r3\r",
    "v\n1\r\n2\r3",
    "v\n1\n2\n3",
  };
  const double expected[] = { 1, 2, 3 };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ElmanSeries) s = load_ok ("le.csv", texts[i], NULL);

      assert_values (s, expected, 3);
    }

  assert_refused ("le.csv", "v\r1\r2\rx\r", ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "le.csv:4: \"x\" is not a number");
  assert_refused ("le.csv", "v\r\n1\r\n\r\nx\r\n", ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "le.csv:4: \"x\" is not a number");
}

static void
test_bom_blank_spaces (void)
{
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  const double expected[] = { 1, 2, 3 };

  s = load_ok ("bom.csv", "\xef\xbb\xbf" "date,value\n\n2020-01-01, 1 \n\n  \n2020-01-02,\t2\t\n2020-01-03 ,3", &info);
  assert_values (s, expected, 3);
  g_assert_cmpstr (g_array_index (info->columns, ElmanColumnInfo, 0).name, ==, "date");
  g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_DAILY);

  g_clear_pointer (&s, elman_series_unref);
  s = load_ok ("spaces.txt", "  1  \n\t2\n3 \n\n\n", NULL);
  assert_values (s, expected, 3);
}

static void
test_columns (void)
{
  const char *text = "date,units,price,note\n"
                     "2021-01-01,1,10.5,a\n"
                     "2021-01-02,2,11.5,b\n";
  ElmanLoadOptions o;

  elman_load_options_init (&o);

  /* default: the last numeric column */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("c.csv", text, &info);
    const double expected[] = { 10.5, 11.5 };

    assert_values (s, expected, 2);
    g_assert_cmpint (info->column, ==, 2);
    g_assert_cmpint (info->time_column, ==, 0);
    g_assert_cmpuint (info->columns->len, ==, 4);
    g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 0).type, ==, ELMAN_COLUMN_TIME);
    g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 1).type, ==, ELMAN_COLUMN_NUMERIC);
    g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 2).type, ==, ELMAN_COLUMN_NUMERIC);
    g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 3).type, ==, ELMAN_COLUMN_TEXT);
  }
  /* by name, then case-insensitively */
  {
    const double expected[] = { 1, 2 };
    g_autoptr(ElmanSeries) s = NULL;
    g_autoptr(ElmanSeries) s2 = NULL;

    o.column = "units";
    s = load_opts ("c.csv", text, &o, NULL);
    assert_values (s, expected, 2);
    g_assert_cmpstr (s->name, ==, "units");
    o.column = "UNITS";
    s2 = load_opts ("c.csv", text, &o, NULL);
    assert_values (s2, expected, 2);
  }
  /* by 0-based index */
  {
    const double expected[] = { 1, 2 };
    g_autoptr(ElmanSeries) s = NULL;

    o.column = "1";
    s = load_opts ("c.csv", text, &o, NULL);
    assert_values (s, expected, 2);
    g_assert_nonnull (s->times);
  }
  /* without a header, by index */
  {
    const double expected[] = { 7, 8 };
    g_autoptr(ElmanSeries) s = NULL;

    o.column = "1";
    s = load_opts ("c.csv", "3,7,9\n4,8,9\n", &o, NULL);
    assert_values (s, expected, 2);
  }
}

/* Loads @text, whose time axis is column 0, and checks its frequency. */
static ElmanSeries *
load_time_axis (const char       *text,
                ElmanFrequency    frequency,
                ElmanSeriesInfo **info)
{
  ElmanSeries *s = load_ok ("t.csv", text, info);

  g_assert_nonnull (s->times);
  g_assert_cmpint ((*info)->time_column, ==, 0);
  g_assert_cmpint (s->frequency, ==, frequency);
  g_assert_cmpint ((*info)->frequency, ==, frequency);
  return s;
}

static void
test_time_axis (void)
{
  static const struct
  {
    const char     *text;
    ElmanFrequency  frequency;
    double          t0, t1;
  } cases[] = {
    { "date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n", ELMAN_FREQUENCY_DAILY, 1577836800, 1577923200 },
    { "month,v\n1949-01,1\n1949-02,2\n1949-03,3\n", ELMAN_FREQUENCY_MONTHLY, -662688000, -660009600 },
    /* month ends */
    { "date,v\n1949-01-31,1\n1949-02-28,2\n", ELMAN_FREQUENCY_MONTHLY, -660096000, -657676800 },
    { "year,v\n1700,5\n1701,11\n1702,16\n", ELMAN_FREQUENCY_YEARLY, -8520336000, -8488800000 },
    { "1700,5\n1701,11\n1702,16\n", ELMAN_FREQUENCY_YEARLY, -8520336000, -8488800000 },
    { "q,v\n2020-Q1,1\n2020-Q2,2\n2020-Q3,3\n", ELMAN_FREQUENCY_QUARTERLY, 1577836800, 1585699200 },
    { "t,v\n2020-01-01T00:00:00Z,1\n2020-01-01T01:00:00Z,2\n", ELMAN_FREQUENCY_HOURLY, 1577836800, 1577840400 },
    { "t,v\n2020-01-01 02:00,1\n2020-01-01T03:00:00+01:00,2\n", ELMAN_FREQUENCY_IRREGULAR, 1577844000, 1577844000 },
    { "t,v\n2020-01-06,1\n2020-01-13,2\n", ELMAN_FREQUENCY_WEEKLY, 1578268800, 1578873600 },
    { "t;v\n2020/01/01;1\n2020/01/02;2\n", ELMAN_FREQUENCY_DAILY, 1577836800, 1577923200 },
    /* Unix time, kept as it is */
    { "unix,v\n1600000000,1\n1600003600,2\n", ELMAN_FREQUENCY_HOURLY, 1600000000, 1600003600 },
    /* plain integers */
    { "1,10\n2,20\n5,30\n", ELMAN_FREQUENCY_IRREGULAR, 1, 2 },
  };

  g_assert_cmpfloat (cases[0].t0, ==, utc (2020, 1, 1, 0, 0, 0));
  g_assert_cmpfloat (cases[1].t0, ==, utc (1949, 1, 1, 0, 0, 0));
  g_assert_cmpfloat (cases[3].t0, ==, utc (1700, 1, 1, 0, 0, 0));
  g_assert_cmpfloat (cases[3].t1, ==, utc (1701, 1, 1, 0, 0, 0));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ElmanSeriesInfo) info = NULL;
      g_autoptr(ElmanSeries) s = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      s = load_time_axis (cases[i].text, cases[i].frequency, &info);
      g_assert_cmpfloat (s->times[0], ==, cases[i].t0);
      g_assert_cmpfloat (s->times[1], ==, cases[i].t1);
      g_assert_cmpfloat (info->time_first, ==, cases[i].t0);
      g_assert_cmpfloat (s->values[0], !=, s->times[0]);
    }

  /* the shipped sample data */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "airpassengers.csv", NULL);

    if (g_file_test (path, G_FILE_TEST_EXISTS))
      {
        g_autoptr(ElmanSeries) s = elman_series_load (path, NULL, NULL, NULL);

        g_assert_nonnull (s);
        g_assert_cmpuint (s->n, ==, 144);
        g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_MONTHLY);
        g_assert_cmpfloat (s->values[0], ==, 112);
      }
  }

  assert_refused ("t.csv", "date,v\n2020-01-01,1\n2020-02-30,2\n",
                  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "t.csv:3: column \"date\": \"2020-02-30\" is not a date or time "
                  "(no such day in that month)");
}

static void
test_numbers (void)
{
  {
    const double expected[] = { 1.5, -2e-3, 4, 1e100, -1e100, 0 };
    g_autoptr(ElmanSeries) s = load_ok ("n.txt", "1.5\n-2e-3\n+4\n1e100\n-1E+100\n-0\n", NULL);

    assert_values (s, expected, G_N_ELEMENTS (expected));
  }
  /* decimal commas, detected with ';' */
  {
    const double expected[] = { 1.5, -2.25, 3 };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("dc.csv", "Datum;Wert\n2020-01-01;1,5\n2020-01-02;-2,25\n2020-01-03;3\n", &info);

    assert_values (s, expected, 3);
    g_assert_cmpint (info->decimal, ==, ',');
    g_assert_cmpint (info->delimiter, ==, ';');
  }
  /* and without a header, the values only */
  {
    const double expected[] = { 2.5, 4.75 };
    g_autoptr(ElmanSeries) s = load_ok ("dc.csv", "1,5;2,5\n3,25;4,75\n", NULL);

    assert_values (s, expected, 2);
  }
  /* given: --decimal , */
  {
    const double expected[] = { 0.5, 7 };
    ElmanLoadOptions o;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.decimal = ',';
    s = load_opts ("dc.txt", "0,5\n7\n", &o, NULL);
    assert_values (s, expected, 2);
  }
  /* given: --decimal , rules out the comma as the delimiter */
  {
    const double expected[] = { 1.5, 2.5 };
    ElmanLoadOptions o;
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.decimal = ',';
    s = load_opts ("dc.txt", "1,5\n2,5\n", &o, &info);
    assert_values (s, expected, 2);
    g_assert_cmpint (info->delimiter, ==, 0);
  }
  /* thousands separators only when asked */
  {
    const double expected[] = { 1234.5, 1234567, 12 };
    ElmanLoadOptions o;
    g_autoptr(ElmanSeries) s = NULL;
    const char *text = "x,y\na,\"1,234.5\"\nb,\"1,234,567\"\nc,12\n";

    assert_refused ("th.csv", text, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                    "th.csv:2: column \"y\": \"1,234.5\" is not a number");
    elman_load_options_init (&o);
    o.thousands = ',';
    s = load_opts ("th.csv", text, &o, NULL);
    assert_values (s, expected, 3);
    assert_refused_opts ("th.csv", "x,y\na,\"12,34\"\n", -1, &o, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                         "th.csv:2: column \"y\": \"12,34\" is not a number");
  }
  {
    const double expected[] = { 1234.5, -1000000 };
    ElmanLoadOptions o;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.thousands = '.';
    s = load_opts ("th.csv", "a;b\nx;1.234,5\ny;-1.000.000\n", &o, NULL);
    assert_values (s, expected, 2);
  }
}

/* The fast path must agree bit for bit with g_ascii_strtod(). */
/* Numbers are written back with the fewest digits that read back
 * exactly: what was read from a file looks as it did there. */
static void
test_format_double (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 10.3272, "10.3272" }, { 0.1, "0.1" }, { 0.1 + 0.2, "0.30000000000000004" },
    { 1e-300, "1e-300" }, { 5e-324, "4.94065645841247e-324" }, { -2.5, "-2.5" },
    { 123456789012345678.0, "1.2345678901234568e+17" }, { 1.0 / 3.0, "0.3333333333333333" },
    { 0, "0" }, { 1e22, "1e+22" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (elman_format_double (buf, sizeof buf, cases[i].value), ==, cases[i].text);
  g_assert_cmpstr (elman_format_double (buf, sizeof buf, NAN), ==, "nan");

  /* Any bit pattern of a finite double survives the trip. */
  for (guint i = 0; i < 100000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double v, back;

      memcpy (&v, &bits, sizeof v);
      if (!isfinite (v))
        continue;
      back = g_ascii_strtod (elman_format_double (buf, sizeof buf, v), NULL);
      g_assert_cmpmem (&back, sizeof back, &v, sizeof v);
    }
}

/* The one rule for numbers shown to people: 4 significant digits with
 * their trailing zeros, all integer digits, an exponent only at the
 * extremes. (The tests run in C.UTF-8: a point for the decimals.) */
static void
test_format_significant (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.0468898, "0.04689" }, { 0.060266, "0.06027" }, { 24.1954, "24.20" }, { 33.276, "33.28" },
    { 0.5, "0.5000" }, { 1, "1.000" }, { 9.99996, "10.00" }, { 999.96, "1000" }, { 12345.6, "12346" },
    { -3.14159, "-3.142" }, { 0, "0" }, { 4.68898e-5, "4.689e-5" }, { 1.2346e16, "1.235e16" },
    { 123456789.0, "123456789" }, { 1e-4, "0.0001000" },
  };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (elman_format_significant (buf, sizeof buf, cases[i].value), ==, cases[i].text);
  g_assert_cmpstr (elman_format_significant (buf, sizeof buf, NAN), ==, "—");
  g_assert_cmpstr (elman_format_significant (buf, sizeof buf, -INFINITY), ==, "—");
}

/* Whether the times are dates: from the file, not from the numbers. */
static void
test_times_are_dates (void)
{
  static const struct { const char *text; gboolean dates; } cases[] = {
    { "date,v\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n", TRUE },
    { "year,v\n1875,1\n1876,2\n1877,3\n", TRUE },
    { "t,v\n1,1\n2,2\n3,3\n", FALSE },
    { "t,v\n0.5,1\n1.0,2\n1.5,3\n", FALSE },
    { "t,v\n1,1\n2,2\n4,3\n", FALSE },
    { "t,v\n1577836800,1\n1577923200,2\n1578009600,3\n", TRUE },
    { "v\n1\n2\n3\n", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ElmanSeriesInfo) info = NULL;
      g_autoptr(ElmanSeries) s = load_ok ("t.csv", cases[i].text, &info);

      g_assert_cmpint (s->times_are_dates, ==, cases[i].dates);
    }

  /* Built in code: dates unless there are no times or a regular step. */
  {
    double v[] = { 1, 2, 3 }, t[] = { 10, 20, 30 };
    g_autoptr(ElmanSeries) dated = elman_series_new_from_values (v, t, 3, ELMAN_FREQUENCY_DAILY, NULL);
    g_autoptr(ElmanSeries) regular = elman_series_new_from_values (v, t, 3, ELMAN_FREQUENCY_REGULAR, NULL);
    g_autoptr(ElmanSeries) none = elman_series_new_from_values (v, NULL, 3, ELMAN_FREQUENCY_DAILY, NULL);

    g_assert_true (dated->times_are_dates);
    g_assert_false (regular->times_are_dates);
    g_assert_false (none->times_are_dates);
  }
}

static void
test_parse_number_exact (void)
{
  static const char *fixed[] = {
    "0", "1", "-1", "0.1", "0.2", "0.3", "1.7976931348623157e99", "2.2250738585072014e-308",
    "4.9e-324", "123456789012345", "1234567890123456", "12345678901234567890",
    "9007199254740993", "0.000001", "1e22", "1e23", "1e-22", "1e-23", "3.141592653589793",
    "2.718281828459045", "999999999999999", "0.1e1", "100e-2", "1.", ".5", "-.5e1",
    "123.456", "0.00000000000000000000000000001", "5e-1", "1e100", "8.5", "1e-400",
    "00000000000000000000000123.25", "1.00000000000000000000000000001",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  char buf[64];

  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      double a = 0, b = g_ascii_strtod (fixed[i], NULL);

      g_assert_cmpint (elman_parse_number (fixed[i], strlen (fixed[i]), '.', 0, &a), ==, ELMAN_NUMBER_OK);
      g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
    }

  for (int i = 0; i < 200000; i++)
    {
      double a = 0, b;
      int kind = g_rand_int_range (rand, 0, 4);
      int digits = g_rand_int_range (rand, 1, 18);
      gsize len;

      switch (kind)
        {
        case 0: /* d.ddd with random digits */
          {
            guint64 m = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
            int point = g_rand_int_range (rand, 0, digits + 1);
            g_autofree char *d = g_strdup_printf ("%019" G_GUINT64_FORMAT, m);

            g_snprintf (buf, sizeof buf, "%s%.*s.%s", g_rand_boolean (rand) ? "-" : "",
                        point, d + 19 - digits, d + 19 - digits + point);
            break;
          }
        case 1: /* random doubles printed with %.*g */
          g_snprintf (buf, sizeof buf, "%.*g", digits,
                      g_rand_double_range (rand, -1e6, 1e6) * pow (10, g_rand_int_range (rand, -30, 30)));
          break;
        case 2: /* shortest round trip of random doubles */
          g_snprintf (buf, sizeof buf, "%.17g", g_rand_double_range (rand, -1000, 1000));
          break;
        default: /* with an exponent */
          g_snprintf (buf, sizeof buf, "%de%d", g_rand_int_range (rand, -99999, 99999),
                      g_rand_int_range (rand, -300, 295));
          break;
        }
      len = strlen (buf);
      b = g_ascii_strtod (buf, NULL);
      if (fabs (b) > ELMAN_NUMBER_MAX)
        continue;
      g_assert_cmpint (elman_parse_number (buf, len, '.', 0, &a), ==, ELMAN_NUMBER_OK);
      if (memcmp (&a, &b, sizeof a) != 0)
        g_error ("%s: %.17g != %.17g", buf, a, b);
    }

  /* refusals */
  {
    static const char *bad[] = { "", "+", "-", ".", "e5", "1e", "1e+", "0x10", "1.2.3",
                                 "12,3x", "nan", "1 2", "--1", "1d", "١" };
    double v;

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      g_assert_cmpint (elman_parse_number (bad[i], strlen (bad[i]), '.', 0, &v), ==, ELMAN_NUMBER_INVALID);
    g_assert_cmpint (elman_parse_number ("inf", 3, '.', 0, &v), ==, ELMAN_NUMBER_INFINITE);
    g_assert_cmpint (elman_parse_number ("-Infinity", 9, '.', 0, &v), ==, ELMAN_NUMBER_INFINITE);
    g_assert_cmpint (elman_parse_number ("1e101", 5, '.', 0, &v), ==, ELMAN_NUMBER_OUT_OF_RANGE);
    g_assert_cmpint (elman_parse_number ("1e300", 5, '.', 0, &v), ==, ELMAN_NUMBER_OUT_OF_RANGE);
    g_assert_cmpint (elman_parse_number ("1e99999999", 10, '.', 0, &v), ==, ELMAN_NUMBER_OUT_OF_RANGE);
    /* not nul-terminated: only length bytes count */
    g_assert_cmpint (elman_parse_number ("12345", 2, '.', 0, &v), ==, ELMAN_NUMBER_OK);
    g_assert_cmpfloat (v, ==, 12);
  }
}

static void
test_missing (void)
{
  static const struct
  {
    const char *token;
    const char *message;
  } tokens[] = {
    { "",     "m.csv:3: column \"v\": missing value (empty field)" },
    { "NA",   "m.csv:3: column \"v\": missing value (\"NA\")" },
    { "NaN",  "m.csv:3: column \"v\": missing value (\"NaN\")" },
    { "null", "m.csv:3: column \"v\": missing value (\"null\")" },
    { "-",    "m.csv:3: column \"v\": missing value (\"-\")" },
  };
  ElmanLoadOptions o;

  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autofree char *text = g_strdup_printf ("t,v\n1,1\n2,%s\n3,5\n4,7\n", tokens[i].token);

      /* default: refused, naming the line */
      assert_refused ("m.csv", text, ELMAN_SERIES_ERROR_MISSING, tokens[i].message);

      /* interpolated */
      {
        const double expected[] = { 1, 3, 5, 7 };
        g_autoptr(ElmanSeriesInfo) info = NULL;
        g_autoptr(ElmanSeries) s = NULL;

        elman_load_options_init (&o);
        o.missing = ELMAN_MISSING_INTERPOLATE;
        s = load_opts ("m.csv", text, &o, &info);
        assert_values (s, expected, 4);
        g_assert_cmpuint (info->n_missing, ==, 1);
        g_assert_cmpuint (info->n_interpolated, ==, 1);
        g_assert_cmpfloat (s->times[1], ==, 2);
      }
      /* dropped */
      {
        const double expected[] = { 1, 5, 7 };
        g_autoptr(ElmanSeriesInfo) info = NULL;
        g_autoptr(ElmanSeries) s = NULL;

        elman_load_options_init (&o);
        o.missing = ELMAN_MISSING_DROP;
        s = load_opts ("m.csv", text, &o, &info);
        assert_values (s, expected, 3);
        g_assert_cmpuint (info->n_dropped, ==, 1);
        g_assert_cmpfloat (s->times[1], ==, 3);
      }
    }

  /* runs, and missing values at both ends take the nearest */
  {
    const double expected[] = { 2, 2, 4, 6, 8, 8 };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = NULL;

    elman_load_options_init (&o);
    o.missing = ELMAN_MISSING_INTERPOLATE;
    s = load_opts ("m.txt", "NA\n2\n\"\"\nnull\n8\n-\n", &o, &info);
    assert_values (s, expected, 6);
    g_assert_cmpuint (info->n_interpolated, ==, 4);
    assert_refused_opts ("m.txt", "NA\nNA\n", -1, &o, ELMAN_SERIES_ERROR_MISSING,
                         "m.txt:2: every value is missing");
  }
  {
    elman_load_options_init (&o);
    o.missing = ELMAN_MISSING_DROP;
    assert_refused_opts ("m.txt", "v\nNA\n\n-\n", -1, &o, ELMAN_SERIES_ERROR_EMPTY,
                         "m.txt:4: no values left after dropping 2 rows with missing values");
  }
}

/* ---- Must refuse ---- */

static void
test_refuse_empty (void)
{
  assert_refused ("empty.csv", "", ELMAN_SERIES_ERROR_EMPTY, "empty.csv:1: the file is empty");
  assert_refused ("blank.csv", "\n  \r\n\n", ELMAN_SERIES_ERROR_EMPTY, "blank.csv:1: the file is empty");
  assert_refused ("bom.csv", "\xef\xbb\xbf", ELMAN_SERIES_ERROR_EMPTY, "bom.csv:1: the file is empty");
  assert_refused ("head.csv", "\ndate,value\n\n", ELMAN_SERIES_ERROR_EMPTY,
                  "head.csv:2: only a header, no data");
}

static void
test_refuse_columns (void)
{
  ElmanLoadOptions o;

  assert_refused ("text.csv", "name,city\nAnna,Oslo\nBo,Rome\n",
                  ELMAN_SERIES_ERROR_NO_NUMERIC_COLUMN, "text.csv:1: no numeric column");
  assert_refused ("dates.csv", "2020-01-01\n2020-01-02\n",
                  ELMAN_SERIES_ERROR_NO_NUMERIC_COLUMN, "dates.csv:1: no numeric column");

  elman_load_options_init (&o);
  o.column = "units";
  assert_refused_opts ("sales.csv", "date,value\n2020-01-01,1\n", -1, &o,
                       ELMAN_SERIES_ERROR_NO_SUCH_COLUMN,
                       "sales.csv:1: no column \"units\" (columns: \"date\", \"value\")");
  o.column = "2";
  assert_refused_opts ("sales.csv", "date,value\n2020-01-01,1\n", -1, &o,
                       ELMAN_SERIES_ERROR_NO_SUCH_COLUMN,
                       "sales.csv:1: no column \"2\" (columns: \"date\", \"value\")");
  o.column = "units";
  assert_refused_opts ("sales.csv", "1,2\n3,4\n", -1, &o,
                       ELMAN_SERIES_ERROR_NO_SUCH_COLUMN,
                       "sales.csv:1: no column \"units\": the file has no header and 2 columns (numbered from 0)");
  /* a text column chosen by name */
  o.column = "name";
  assert_refused_opts ("sales.csv", "name,v\nAnna,1\n", -1, &o,
                       ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                       "sales.csv:2: column \"name\": \"Anna\" is not a number");
  /* a row too short for the column */
  assert_refused ("short.csv", "a,b,c\n1,2,3\n4,5\n", ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "short.csv:3: expected 3 fields, found 2");
}

static void
test_refuse_text (void)
{
  GString *text = g_string_new ("date,units\n");

  for (int i = 2; i < 17; i++)
    g_string_append_printf (text, "2020-01-%02d,%d\n", i - 1, i);
  g_string_append (text, "2020-01-16,\"12,3x\"\n");
  assert_refused ("sales.csv", text->str, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "sales.csv:17: column \"units\": \"12,3x\" is not a number");
  g_string_free (text, TRUE);
}

static void
test_refuse_text_semicolon (void)
{
  GString *text = g_string_new ("date;units\n");

  for (int i = 2; i < 17; i++)
    g_string_append_printf (text, "2020-01-%02d;%d,5\n", i - 1, i);
  g_string_append (text, "2020-01-16;12,3x\n");
  assert_refused ("sales.csv", text->str, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "sales.csv:17: column \"units\": \"12,3x\" is not a number");
  g_string_free (text, TRUE);

  assert_refused ("long.txt", "1\n2\nthis is a very long text that will be shortened in the message\n",
                  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "long.txt:3: \"this is a very long text that will be sh…\" is not a number");
}

static void
test_refuse_range (void)
{
  assert_refused ("r.csv", "t,v\n1,1\n2,inf\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "r.csv:3: column \"v\": \"inf\" is infinite");
  assert_refused ("r.csv", "t,v\n1,1\n2,-Infinity\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "r.csv:3: column \"v\": \"-Infinity\" is infinite");
  assert_refused ("r.txt", "1\n1e101\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "r.txt:2: \"1e101\" is out of range (magnitude above 1e100): training would overflow");
  /* Squares to infinity: the training would fail at its first epoch. */
  assert_refused ("r.txt", "1\n2\n1.3e154\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "r.txt:3: \"1.3e154\" is out of range (magnitude above 1e100): training would overflow");
  assert_refused ("r.txt", "1\n-2e300\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "r.txt:2: \"-2e300\" is out of range (magnitude above 1e100): training would overflow");
  assert_refused ("r.txt", "1\n1e999\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "r.txt:2: \"1e999\" is out of range (magnitude above 1e100): training would overflow");
}

/* A series of tiny values is refused as a whole; a tiny value among
 * ordinary ones, and a series of zeros, are not. */
static void
test_refuse_tiny_scale (void)
{
  g_autoptr(ElmanSeries) mixed = NULL;
  g_autoptr(ElmanSeries) zeros = NULL;

  assert_refused ("t.csv", "t,v\n1,1e-300\n2,-3e-300\n3,2e-300\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "t.csv:4: column \"v\": every value is below 1e-100 in magnitude (the largest, value 2, "
                  "is -3e-300): training would underflow; multiply the column by a power of ten");
  assert_refused ("t.txt", "0\n9.9e-101\n", ELMAN_SERIES_ERROR_OUT_OF_RANGE,
                  "t.txt:2: every value is below 1e-100 in magnitude (the largest, value 2, "
                  "is 9.9e-101): training would underflow; multiply the column by a power of ten");
  mixed = load_ok ("m.txt", "1e-300\n1\n2\n", NULL);
  g_assert_cmpfloat (mixed->values[0], ==, 1e-300);
  zeros = load_ok ("z.txt", "0\n0\n0\n", NULL);
  g_assert_cmpuint (zeros->n, ==, 3);
  g_clear_pointer (&mixed, elman_series_unref);
  mixed = load_ok ("e.txt", "1e-100\n0\n", NULL);
  g_assert_cmpuint (mixed->n, ==, 2);
}

static void
test_refuse_too_short (void)
{
  ElmanLoadOptions o;

  elman_load_options_init (&o);
  o.min_length = 14;
  o.length_hint = "for window 12 and horizon 2";
  assert_refused_opts ("s.csv", "v\n1\n2\n3\n", -1, &o, ELMAN_SERIES_ERROR_TOO_SHORT,
                       "s.csv:4: only 3 values; needs at least 14 values for window 12 and horizon 2");
  o.length_hint = NULL;
  assert_refused_opts ("s.csv", "v\n1\n2\n3\n", -1, &o, ELMAN_SERIES_ERROR_TOO_SHORT,
                       "s.csv:4: only 3 values; needs at least 14 values");
  o.min_length = 3;
  {
    g_autoptr(ElmanSeries) s = load_opts ("s.csv", "v\n1\n2\n3\n", &o, NULL);

    g_assert_cmpuint (s->n, ==, 3);
  }
}

static void
test_refuse_binary (void)
{
  static const char bin[] = "1\n2\n\0\x01\x02\x03\n";

  assert_refused_opts ("b.bin", bin, sizeof bin - 1, NULL, ELMAN_SERIES_ERROR_ENCODING,
                       "b.bin:3: binary data (byte 0x00), not a text file");
  /* Latin-1 "é" in a header */
  assert_refused ("l1.csv", "caf\xe9,v\n1,2\n", ELMAN_SERIES_ERROR_ENCODING,
                  "l1.csv:1: not UTF-8 text (byte 0xE9); save the file as UTF-8");
  /* ... and far down, in a column that is not even read */
  assert_refused ("l1.csv", "name,v\na,1\nb,2\nc,3\n\"caf\xe9\",4\n", ELMAN_SERIES_ERROR_ENCODING,
                  "l1.csv:5: not UTF-8 text (byte 0xE9); save the file as UTF-8");
  /* overlong encoding, surrogate */
  assert_refused ("l1.csv", "v\n1\n\xc0\xaf\n", ELMAN_SERIES_ERROR_ENCODING,
                  "l1.csv:3: not UTF-8 text (byte 0xC0); save the file as UTF-8");
  assert_refused ("l1.csv", "v\n1\n\xed\xa0\x80\n", ELMAN_SERIES_ERROR_ENCODING,
                  "l1.csv:3: not UTF-8 text (byte 0xED); save the file as UTF-8");
  /* valid UTF-8 is fine */
  {
    g_autoptr(ElmanSeries) s = load_ok ("u.csv", "café,Wert °C\nä,1\n", NULL);

    g_assert_cmpstr (s->name, ==, "Wert °C");
  }
}

static void
test_refuse_paths (void)
{
  g_autoptr(GError) error = NULL;
  ElmanSeries *s;

  g_assert_cmpint (g_mkdir ("adir", 0700), ==, 0);
  s = elman_series_load ("adir", NULL, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "adir: is a directory, not a file");
  g_clear_error (&error);

  s = elman_series_load ("does-not-exist.csv", NULL, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "does-not-exist.csv: cannot open: No such file or directory");
  g_clear_error (&error);

  write_file ("f.csv", "1\n", -1);
  s = elman_series_load ("f.csv/x", NULL, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "f.csv/x: cannot open: Not a directory");
  g_clear_error (&error);

  if (geteuid () != 0)
    {
      write_file ("secret.csv", "1\n", -1);
      g_assert_cmpint (g_chmod ("secret.csv", 0), ==, 0);
      s = elman_series_load ("secret.csv", NULL, NULL, &error);
      g_assert_null (s);
      g_assert_cmpstr (error->message, ==, "secret.csv: cannot open: Permission denied");
      g_clear_error (&error);
    }

  /* a pipe-like file is read, not mapped */
  s = elman_series_load ("/dev/null", NULL, NULL, &error);
  g_assert_null (s);
  g_assert_cmpstr (error->message, ==, "/dev/null:1: the file is empty");
}

/* ---- info, data in memory ---- */

static void
test_info_stats (void)
{
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeries) s = load_ok ("st.csv", "date,value\n2020-01-01,4\n2020-01-02,-2\n2020-01-03,7\n2020-01-04,3\n", &info);

  g_assert_cmpfloat (info->min, ==, -2);
  g_assert_cmpfloat (info->max, ==, 7);
  g_assert_cmpfloat (info->sum, ==, 12);
  g_assert_cmpfloat (info->mean, ==, 3);
  g_assert_cmpuint (info->length, ==, 4);
  g_assert_cmpuint (info->n_missing, ==, 0);
  g_assert_true (info->time_is_date);
  g_assert_cmpfloat (info->time_last, ==, utc (2020, 1, 4, 0, 0, 0));
}

static void
test_load_data (void)
{
  /* not nul-terminated: the buffer ends in the middle of "12" */
  static const char buf[] = "v\n1\n2\n12";
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) s = NULL;
  ElmanSeriesInfo *info = NULL;

  s = elman_series_load_data ("mem", buf, sizeof buf - 2, NULL, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpfloat (s->values[2], ==, 1);
  elman_series_info_free (info);
}

static void
test_parse_time (void)
{
  double t;

  g_assert_true (elman_parse_time ("1970-01-01", 10, &t));
  g_assert_cmpfloat (t, ==, 0);
  g_assert_true (elman_parse_time ("2000-02-29T12:30:15.5Z", 22, &t));
  g_assert_cmpfloat (t, ==, utc (2000, 2, 29, 12, 30, 15) + 0.5);
  g_assert_true (elman_parse_time ("2000-03-01T00:00-0130", 21, &t));
  g_assert_cmpfloat (t, ==, utc (2000, 3, 1, 1, 30, 0));
  g_assert_true (elman_parse_time ("1600", 4, &t));
  g_assert_cmpfloat (t, ==, utc (1600, 1, 1, 0, 0, 0));
  g_assert_false (elman_parse_time ("1900-02-29", 10, &t));
  g_assert_false (elman_parse_time ("2020-13", 7, &t));
  g_assert_false (elman_parse_time ("2020-01-01T24:00", 16, &t));
  g_assert_false (elman_parse_time ("2020-01-01x", 11, &t));
  g_assert_false (elman_parse_time ("20", 2, &t));

  {
    g_autofree char *a = elman_format_time (utc (1949, 1, 1, 0, 0, 0));
    g_autofree char *b = elman_format_time (utc (2020, 5, 6, 7, 8, 9));

    g_assert_cmpstr (a, ==, "1949-01-01");
    g_assert_cmpstr (b, ==, "2020-05-06T07:08:09Z");
  }
}

/* ---- Evenly spaced plain numbers ---- */

typedef struct
{
  const char     *text;
  ElmanFrequency  frequency;
} FrequencyCase;

/* Each case has its time axis in column 0. */
static void
assert_frequencies (const FrequencyCase *cases,
                    gsize                n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(ElmanSeriesInfo) info = NULL;
      g_autoptr(ElmanSeries) s = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      s = load_time_axis (cases[i].text, cases[i].frequency, &info);
    }
}

/* t_i = first + i × step for i < n, written with printf @format, in a
 * "t,value" file; row i is left out when it equals @skip. */
static char *
plain_time_file (double      first,
                 double      step,
                 int         n,
                 const char *format,
                 int         skip)
{
  GString *text = g_string_new ("t,value\n");

  for (int i = 0; i < n; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (i == skip)
        continue;
      g_string_append_printf (text, "%s,%d\n",
                              g_ascii_formatd (buf, sizeof buf, format, first + i * step),
                              i % 7);
    }
  return g_string_free (text, FALSE);
}

static void
test_plain_regular (void)
{
  static const FrequencyCase cases[] = {
    { "t,value\n1,5\n2,6\n3,7\n4,8\n5,9\n", ELMAN_FREQUENCY_REGULAR },
    { "t,value\n0,5\n5,6\n10,7\n15,8\n20,9\n", ELMAN_FREQUENCY_REGULAR },
    { "t,value\n-10,5\n-7,6\n-4,7\n-1,8\n2,9\n", ELMAN_FREQUENCY_REGULAR },
    /* an increasing first column counts as time without a name, too */
    { "n,value\n100,5\n101,6\n102,7\n", ELMAN_FREQUENCY_REGULAR },
    { "100,5\n101,6\n102,7\n", ELMAN_FREQUENCY_REGULAR },
    /* two values make one step */
    { "t,value\n7,5\n9,6\n", ELMAN_FREQUENCY_REGULAR },
    /* fractions, in both decimal notations */
    { "time,value\n0.5,5\n1.0,6\n1.5,7\n2.0,8\n", ELMAN_FREQUENCY_REGULAR },
    { "time;value\n0,5;5\n1,0;6\n1,5;7\n2,0;8\n", ELMAN_FREQUENCY_REGULAR },
  };

  assert_frequencies (cases, G_N_ELEMENTS (cases));
  g_assert_cmpstr (elman_frequency_to_string (ELMAN_FREQUENCY_REGULAR), ==, "regular");
  /* appended: the values before keep their numbers */
  g_assert_cmpint (ELMAN_FREQUENCY_IRREGULAR, ==, 7);
  g_assert_cmpint (ELMAN_FREQUENCY_REGULAR, ==, 8);

  /* the times are the file's numbers, not seconds since 1970 */
  {
    const double expected[] = { -10, -7, -4, -1, 2 };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("f.csv", cases[2].text, &info);

    g_assert_false (info->time_is_date);
    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpfloat (s->times[i], ==, expected[i]);
    g_assert_cmpfloat (info->time_first, ==, -10);
    g_assert_cmpfloat (info->time_last, ==, 2);
  }
  {
    const double expected[] = { 0.5, 1, 1.5, 2 };
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("f.csv", cases[7].text, &info);

    g_assert_cmpint (info->decimal, ==, ',');
    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpfloat (s->times[i], ==, expected[i]);
    g_assert_cmpstr (s->name, ==, "value");
  }
}

static void
test_plain_regular_long (void)
{
  static const struct
  {
    double      first, step;
    const char *format;
  } cases[] = {
    { 0.5, 0.25, "%.17g" },             /* exact in binary */
    { -3, 0.1, "%.10g" },               /* 0.1 is not: steps differ in the last bits */
    { 1000, 0.1, "%.10g" },
    { 1.6e9, 0.1, "%.17g" },            /* Unix time with tenths of seconds */
    { 0, 1.0 / 3.0, "%.17g" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const int n = 10000;
      g_autofree char *text = plain_time_file (cases[i].first, cases[i].step, n, cases[i].format, -1);
      g_autoptr(ElmanSeriesInfo) info = NULL;
      g_autoptr(ElmanSeries) s = load_ok ("long.csv", text, &info);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpuint (s->n, ==, (gsize) n);
      g_assert_cmpint (info->time_column, ==, 0);
      g_assert_false (info->time_is_date);
      g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_REGULAR);
      g_assert_cmpfloat_with_epsilon (s->times[n - 1] - s->times[0], (n - 1) * cases[i].step,
                                      1e-6 * cases[i].step);
    }

  /* The 0.25 steps are exact: every time is what the file says. */
  {
    g_autofree char *text = plain_time_file (0.5, 0.25, 10000, "%.17g", -1);
    g_autoptr(ElmanSeries) s = load_ok ("long.csv", text, NULL);

    for (gsize i = 0; i < s->n; i++)
      if (s->times[i] != 0.5 + 0.25 * (double) i)
        g_error ("row %" G_GSIZE_FORMAT ": %.17g", i, s->times[i]);
  }
}

static void
test_plain_irregular (void)
{
  static const FrequencyCase cases[] = {
    /* one gap */
    { "t,value\n1,5\n2,6\n4,7\n", ELMAN_FREQUENCY_IRREGULAR },
    { "t,value\n0,5\n5,6\n10,7\n20,8\n25,9\n", ELMAN_FREQUENCY_IRREGULAR },
    /* not increasing: kept as the file has it, and irregular */
    { "t,value\n3,5\n1,6\n2,7\n", ELMAN_FREQUENCY_IRREGULAR },
    { "t,value\n5,5\n4,6\n3,7\n2,8\n", ELMAN_FREQUENCY_IRREGULAR },
    { "t,value\n1,5\n1,6\n1,7\n", ELMAN_FREQUENCY_IRREGULAR },
    /* whole numbers step exactly; fractions within a millionth of a step */
    { "t,value\n0,5\n1000000,6\n2000001,7\n", ELMAN_FREQUENCY_IRREGULAR },
    { "t,value\n0,5\n1,6\n2,7\n3.001,8\n", ELMAN_FREQUENCY_IRREGULAR },
    { "t,value\n0,5\n0.333,6\n0.667,7\n1,8\n", ELMAN_FREQUENCY_IRREGULAR },
    { "t,value\n0,5\n0.3333333,6\n0.6666667,7\n1,8\n", ELMAN_FREQUENCY_REGULAR },
    /* a single value has no step */
    { "t,value\n1,5\n", ELMAN_FREQUENCY_IRREGULAR },
  };

  assert_frequencies (cases, G_N_ELEMENTS (cases));

  {
    const double expected[] = { 3, 1, 2 };
    g_autoptr(ElmanSeries) s = load_ok ("f.csv", cases[2].text, NULL);

    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpfloat (s->times[i], ==, expected[i]);
  }

  /* 10 000 fractional times with one row left out, or one step off by a
   * ten-thousandth */
  {
    g_autofree char *gap = plain_time_file (0.5, 0.25, 10000, "%.17g", 5000);
    g_autoptr(ElmanSeries) s = load_ok ("long.csv", gap, NULL);

    g_assert_cmpuint (s->n, ==, 9999);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_IRREGULAR);
  }
  {
    g_autofree char *text = plain_time_file (0.5, 0.25, 10000, "%.17g", -1);
    g_autoptr(ElmanSeries) s = NULL;
    const char *row = strstr (text, "\n1250.5,");
    g_autofree char *moved = NULL;

    g_assert_nonnull (row);
    /* row 5000 (1250.5 = 0.5 + 5000 × 0.25) becomes 1250.50003 */
    moved = g_strdup_printf ("%.*s\n1250.50003%s", (int) (row - text), text, row + strlen ("\n1250.5"));
    s = load_ok ("long.csv", moved, NULL);
    g_assert_cmpuint (s->n, ==, 10000);
    g_assert_cmpfloat (s->times[5000], ==, 1250.50003);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_IRREGULAR);
  }
}

static void
test_plain_unchanged (void)
{
  static const FrequencyCase cases[] = {
    /* years stay yearly, named or not */
    { "year,value\n1875,5\n1876,6\n1877,7\n", ELMAN_FREQUENCY_YEARLY },
    { "t,value\n1875,5\n1876,6\n1877,7\n", ELMAN_FREQUENCY_YEARLY },
    { "1875,5\n1876,6\n1877,7\n", ELMAN_FREQUENCY_YEARLY },
    /* dates */
    { "date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n", ELMAN_FREQUENCY_DAILY },
    { "month,value\n1949-01,1\n1949-02,2\n1949-03,3\n", ELMAN_FREQUENCY_MONTHLY },
    /* dates a constant step apart: every minute */
    { "t,value\n2020-01-01T00:00:00Z,1\n2020-01-01T00:01:00Z,2\n2020-01-01T00:02:00Z,3\n",
      ELMAN_FREQUENCY_REGULAR },
    { "date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-04,3\n", ELMAN_FREQUENCY_IRREGULAR },
    /* Unix seconds an hour, a day or a week apart */
    { "unix,value\n1600000000,1\n1600003600,2\n1600007200,3\n", ELMAN_FREQUENCY_HOURLY },
    { "time,value\n1600000000,1\n1600086400,2\n1600172800,3\n", ELMAN_FREQUENCY_DAILY },
    { "time,value\n1600000000,1\n1600604800,2\n1601209600,3\n", ELMAN_FREQUENCY_WEEKLY },
  };

  assert_frequencies (cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("f.csv", cases[1].text, &info);

    g_assert_true (info->time_is_date);
    g_assert_cmpfloat (s->times[0], ==, utc (1875, 1, 1, 0, 0, 0));
  }

  /* fractions in a first column that is not named like a time stay values */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("f.csv", "x,value\n0.5,1\n1.0,2\n1.5,3\n", &info);

    g_assert_null (s->times);
    g_assert_cmpint (info->time_column, ==, -1);
    g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_NONE);
  }
  /* nor does a time-named column of fractions that goes down */
  {
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) s = load_ok ("f.csv", "time,value\n1.5,1\n1.0,2\n0.5,3\n", &info);

    g_assert_null (s->times);
    g_assert_cmpint (info->time_column, ==, -1);
  }
}

/* Large enough to be read by two threads: the values must come out in
 * order and errors in the second half must name the right line. */
static void
test_large_split (void)
{
  const int rows = 1000000;
  GString *text = g_string_sized_new ((gsize) rows * 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  ElmanSeries *s;
  double sum = 0;

  g_string_append (text, "time,value\r\n");
  for (int i = 0; i < rows; i++)
    {
      g_string_append_printf (text, "%d,%d.%02d\r\n", 1600000000 + 60 * i, i % 1000, i % 100);
      sum += (i % 1000) + (i % 100) / 100.0;
    }
  g_assert_cmpuint (text->len, >, 16 * 1024 * 1024);
  write_file ("big.csv", text->str, (gssize) text->len);

  s = elman_series_load ("big.csv", NULL, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n, ==, (gsize) rows);
  for (int i = 0; i < rows; i++)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%d.%02d", i % 1000, i % 100);
      g_assert_cmpfloat (s->times[i], ==, 1600000000 + 60.0 * i);
      if (s->values[i] != g_ascii_strtod (buf, NULL))
        g_error ("row %d: %.17g", i, s->values[i]);
    }
  g_assert_cmpfloat_with_epsilon (info->sum, sum, 1e-6);
  /* Unix seconds a minute apart: plain numbers with a constant step */
  g_assert_cmpint (s->frequency, ==, ELMAN_FREQUENCY_REGULAR);
  elman_series_unref (s);

  /* an error in the second half: header is line 1, row i is line i + 2 */
  {
    const char *row = strstr (text->str + text->len * 3 / 4, "\r\n") + 2;
    gsize offset = (gsize) (row - text->str);
    guint64 line = 1;
    g_autofree char *expected = NULL;

    for (const char *q = text->str; q < row; q++)
      line += *q == '\n';
    text->str[offset + 11] = 'x';
    write_file ("big.csv", text->str, (gssize) text->len);
    s = elman_series_load ("big.csv", NULL, NULL, &error);
    g_assert_null (s);
    expected = g_strdup_printf ("big.csv:%" G_GUINT64_FORMAT ": column \"value\": \"%.*s\" is not a number",
                                line, (int) (strchr (row + 11, '\r') - row - 11), row + 11);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);

    /* errors in both halves: the first one is reported */
    text->str[40] = 'y';
    write_file ("big.csv", text->str, (gssize) text->len);
    s = elman_series_load ("big.csv", NULL, NULL, &error);
    g_assert_null (s);
    g_assert_true (g_str_has_prefix (error->message, "big.csv:3: "));
    g_clear_error (&error);
  }
  g_string_free (text, TRUE);
}

/* Hostile and real inputs: endless or binary streams, lines of a million
 * fields, files whose columns are not what they first seem.  The limit on
 * streams is lowered through the loader's private setter. */

/* ---- endless input ---- */

static void
test_dev_zero (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;

  /* refused at the first byte, not after reading gigabytes */
  assert_refused ("/dev/zero", NULL, ELMAN_SERIES_ERROR_ENCODING,
                  "/dev/zero:1: binary data (byte 0x00), not a text file");

  series = elman_series_load ("/dev/urandom", NULL, NULL, &error);
  g_assert_null (series);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "/dev/urandom:"));
}

typedef struct
{
  int         fd;
  const char *head;      /* written once first */
  const char *repeat;    /* then written until the reader goes away */
  gsize       repeat_len;
} Writer;

static gpointer
writer_run (gpointer data)
{
  Writer *w = data;
  gsize head_len = strlen (w->head);
  gsize repeat_len = w->repeat_len;

  if (write (w->fd, w->head, head_len) != (gssize) head_len)
    return NULL;
  while (repeat_len > 0 && write (w->fd, w->repeat, repeat_len) == (gssize) repeat_len)
    ;
  return NULL;
}

/* Loads the read end of a pipe fed by a thread. */
static ElmanSeries *
load_pipe (const char  *head,
           const char  *repeat,
           gsize        repeat_len,
           GError     **error)
{
  int fds[2];
  Writer w;
  GThread *thread;
  g_autofree char *path = NULL;
  ElmanSeries *series;

  g_assert_cmpint (pipe (fds), ==, 0);
  w.fd = fds[1];
  w.head = head;
  w.repeat = repeat;
  w.repeat_len = repeat_len;
  thread = g_thread_new ("writer", writer_run, &w);
  if (repeat_len == 0)
    {
      /* a finite stream: the reader sees its end when the writer is done */
      g_thread_join (thread);
      thread = NULL;
      close (fds[1]);
    }
  path = g_strdup_printf ("/dev/fd/%d", fds[0]);
  series = elman_series_load (path, NULL, NULL, error);
  close (fds[0]);
  if (thread != NULL)
    {
      /* the writer now gets EPIPE (SIGPIPE is ignored) */
      g_thread_join (thread);
      close (fds[1]);
    }
  return series;
}

static void
test_pipe_limit (void)
{
  gsize previous = elman_loader_set_stream_limit (64 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) endless = NULL;
  g_autoptr(ElmanSeries) small = NULL;

  endless = load_pipe ("v\n", "1\n", 2, &error);
  g_assert_null (endless);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO);
  /* g_format_size() puts a no-break space before the unit */
  g_assert_nonnull (strstr (error->message, ": more than 64.0\u00a0KiB to read from a pipe or device"));
  g_assert_true (g_str_has_prefix (error->message, "/dev/fd/"));
  g_clear_error (&error);

  /* under the limit, a pipe loads as a file does */
  small = load_pipe ("v\n1\n2\n3\n", "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (small->n, ==, 3);
  g_assert_cmpfloat (small->values[2], ==, 3);

  elman_loader_set_stream_limit (previous);
}

static void
test_pipe_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;

  /* an endless stream of zeros after two good lines: refused at line 3
   * without reading on (the limit is the default gigabyte) */
  series = load_pipe ("1\n2\n", "\0", 1, &error);
  g_assert_null (series);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_ENCODING);
  g_assert_true (g_str_has_suffix (error->message, ":3: binary data (byte 0x00), not a text file"));
  g_clear_error (&error);

  series = load_pipe ("1\n2\n\x01", "1\n", 2, &error);
  g_assert_null (series);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_ENCODING);
  g_assert_true (g_str_has_suffix (error->message, ":3: binary data (byte 0x01), not a text file"));
}

/* ---- wide records ---- */

static char *
repeat_join (const char *field,
             gsize       n,
             char        sep)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, sep);
      g_string_append (s, field);
    }
  return g_string_free (s, FALSE);
}

static void
test_line_of_commas (void)
{
  g_autofree char *commas = g_strnfill (300000, ',');
  g_autofree char *text = g_strconcat ("a,b\n", commas, "\n1,2\n", NULL);

  assert_refused ("commas.csv", text, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "commas.csv:2: more than 100000 fields in a record");
}

static void
test_many_columns (void)
{
  g_autofree char *row = repeat_join ("1", ELMAN_LOADER_MAX_FIELDS, ',');
  g_autofree char *wider = repeat_join ("1", ELMAN_LOADER_MAX_FIELDS + 1, ',');
  g_autofree char *text = g_strjoin ("\n", row, row, row, "", NULL);
  g_autofree char *text_wider = g_strjoin ("\n", row, wider, row, "", NULL);
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeries) s = NULL;

  /* the limit itself loads */
  s = load_ok ("wide.csv", text, &info);
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpint (info->columns->len, ==, ELMAN_LOADER_MAX_FIELDS);
  g_assert_cmpint (info->column, ==, ELMAN_LOADER_MAX_FIELDS - 1);

  assert_refused ("wider.csv", text_wider, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "wider.csv:2: more than 100000 fields in a record");
}

static void
test_long_field (void)
{
  g_autofree char *digits = g_strnfill (ELMAN_NUMBER_MAX_TEXT + 1, '1');
  g_autofree char *text = g_strconcat ("v\n", digits, "\n2\n", NULL);
  double v = 0;

  /* a field longer than any number is no number (and is not copied) */
  g_assert_cmpint (elman_parse_number (digits, ELMAN_NUMBER_MAX_TEXT + 1, '.', 0, &v), ==,
                   ELMAN_NUMBER_INVALID);
  g_assert_cmpint (elman_parse_number (digits, 20, '.', 0, &v), ==, ELMAN_NUMBER_OK);
  assert_refused ("long.csv", text, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "long.csv:2: \"1111111111111111111111111111111111111111…\" is not a number");
}

/* ---- columns of real files ---- */

static void
test_number_like_text (void)
{
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeriesInfo) info2 = NULL;
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeries) s2 = NULL;

  /* text that starts with a digit is no series when numbers are there */
  s = load_ok ("apples.csv", "v,desc\n1,3 apples\n2,4 pears\n4,1.2.3\n", &info);
  g_assert_cmpint (info->column, ==, 0);
  g_assert_cmpint (g_array_index (info->columns, ElmanColumnInfo, 1).type, ==, ELMAN_COLUMN_TEXT);
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpfloat (s->values[2], ==, 4);

  /* US date-times that could be read day-first as well: a time column
   * that is no axis, and the note says why */
  s2 = load_ok ("us.csv", "when,v\n1/2/2020 10:00,5.5\n1/3/2020 10:00,6.5\n", &info2);
  g_assert_cmpint (info2->column, ==, 1);
  g_assert_cmpint (info2->time_column, ==, -1);
  g_assert_cmpint (g_array_index (info2->columns, ElmanColumnInfo, 0).type, ==, ELMAN_COLUMN_TIME);
  g_assert_cmpstr (info2->time_note, ==, "column \"when\": line 2: \"1/2/2020 10:00\" could be day-first "
                   "or month-first and no date tells; no time axis");

  /* alone, such a column is still refused by its line */
  assert_refused ("only.csv", "desc\n3 apples\n4 pears\n", ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "only.csv:2: \"3 apples\" is not a number");
}

static void
test_extra_field (void)
{
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeries) s = NULL;
  const char *ellipsoids =
    "NAME,CODE,A,B,RF\n"
    "Airy 1830         ,AA,6377563.396,6356256.9090,299.324964600 \n"
    "Modified Airy     ,AM,6377340.189,6356034.4480,299.324964600 \n"
    "Everest (E. Malasia, Brunei)  ,EB,6377298.556,6356097.5500,300.801700000 \n"
    "Bessel 1841       ,BN,6377483.865,6356165.3830,299.152812800 \n";

  /* a trailing delimiter on one row makes no column */
  s = load_ok ("trail.csv", "a,b\n1,2\n3,4,\n5,6\n", &info);
  g_assert_cmpint (info->columns->len, ==, 2);
  g_assert_cmpint (info->column, ==, 1);
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpfloat (s->values[1], ==, 4);

  /* an unquoted comma in one name: that row is refused, not the first */
  assert_refused ("ellips.csv", ellipsoids, ELMAN_SERIES_ERROR_NOT_A_NUMBER,
                  "ellips.csv:4: expected 5 fields, found 6");
}

static void
test_quoted_numeric_header (void)
{
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeries) s = NULL;

  /* R's write.csv() of a matrix */
  s = load_ok ("expenditure.csv",
               "\"\",\"1940\",\"1945\",\"1950\"\n"
               "\"Food and Tobacco\",22.2,44.5,59.6\n"
               "\"Household Operation\",10.5,15.5,29\n"
               "\"Medical and Health\",3.53,5.76,9.71\n", &info);
  g_assert_true (info->header);
  g_assert_cmpint (info->column, ==, 3);
  g_assert_cmpstr (g_array_index (info->columns, ElmanColumnInfo, 3).name, ==, "1950");
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpfloat (s->values[0], ==, 59.6);

  /* quoted numbers throughout are data */
  g_clear_pointer (&info, elman_series_info_free);
  g_clear_pointer (&s, elman_series_unref);
  s = load_ok ("quoted.csv", "\"1\",\"2\"\n\"3\",\"4\"\n", &info);
  g_assert_false (info->header);
  g_assert_cmpuint (s->n, ==, 2);
}

static void
test_too_short_one (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) s = NULL;
  ElmanLoadOptions o;

  elman_load_options_init (&o);
  o.min_length = 5;
  write_file ("one.csv", "v\n7\n", -1);
  s = elman_series_load ("one.csv", &o, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_TOO_SHORT);
  g_assert_cmpstr (error->message, ==, "one.csv:2: only 1 value; needs at least 5 values");
}

/* A one-column file with decimal commas ("v" over "1,5") reads as two
 * columns of whole numbers: the loader says so. A header naming every
 * column, or a tab-separated file, gets no such note. */
static void
test_decimal_comma_note (void)
{
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeriesInfo) named = NULL;
  g_autoptr(ElmanSeries) s = NULL;
  g_autoptr(ElmanSeries) t = NULL;

  s = load_opts ("commas.csv", "v\n1,5\n2,5\n3,5\n4,5\n", NULL, &info);
  g_assert_nonnull (s);
  g_assert_nonnull (info->layout_note);
  g_assert_nonnull (strstr (info->layout_note, "names 1 column but the rows have 2 fields"));
  g_assert_nonnull (strstr (info->layout_note, "decimal commas"));

  t = load_opts ("named.csv", "a,b\n1,5\n2,5\n3,5\n4,5\n", NULL, &named);
  g_assert_nonnull (t);
  g_assert_null (named->layout_note);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cwd = g_get_current_dir ();
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* the pipe writers get EPIPE when the loader stops reading */
  signal (SIGPIPE, SIG_IGN);

  tmpdir = g_dir_make_tmp ("elman-loader-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  g_assert_cmpint (g_chdir (tmpdir), ==, 0);

  g_test_add_func ("/elman/series-loader/one-per-line", test_one_per_line);
  g_test_add_func ("/elman/series-loader/header-one-column", test_header_one_column);
  g_test_add_func ("/elman/series-loader/delimiters", test_delimiters);
  g_test_add_func ("/elman/series-loader/delimiter-given", test_delimiter_given);
  g_test_add_func ("/elman/series-loader/quotes", test_quotes);
  g_test_add_func ("/elman/series-loader/line-ends", test_line_ends);
  g_test_add_func ("/elman/series-loader/bom-blank-spaces", test_bom_blank_spaces);
  g_test_add_func ("/elman/series-loader/columns", test_columns);
  g_test_add_func ("/elman/series-loader/time-axis", test_time_axis);
  g_test_add_func ("/elman/series-loader/plain-time/regular", test_plain_regular);
  g_test_add_func ("/elman/series-loader/plain-time/regular-long", test_plain_regular_long);
  g_test_add_func ("/elman/series-loader/plain-time/irregular", test_plain_irregular);
  g_test_add_func ("/elman/series-loader/plain-time/unchanged", test_plain_unchanged);
  g_test_add_func ("/elman/series-loader/numbers", test_numbers);
  g_test_add_func ("/elman/series-loader/parse-number-exact", test_parse_number_exact);
  g_test_add_func ("/elman/series-loader/format-double", test_format_double);
  g_test_add_func ("/elman/series-loader/format-significant", test_format_significant);
  g_test_add_func ("/elman/series-loader/times-are-dates", test_times_are_dates);
  g_test_add_func ("/elman/series-loader/parse-time", test_parse_time);
  g_test_add_func ("/elman/series-loader/missing", test_missing);
  g_test_add_func ("/elman/series-loader/refuse/empty", test_refuse_empty);
  g_test_add_func ("/elman/series-loader/refuse/columns", test_refuse_columns);
  g_test_add_func ("/elman/series-loader/refuse/text", test_refuse_text);
  g_test_add_func ("/elman/series-loader/refuse/text-semicolon", test_refuse_text_semicolon);
  g_test_add_func ("/elman/series-loader/refuse/range", test_refuse_range);
  g_test_add_func ("/elman/series-loader/refuse/tiny-scale", test_refuse_tiny_scale);
  g_test_add_func ("/elman/series-loader/refuse/too-short", test_refuse_too_short);
  g_test_add_func ("/elman/series-loader/refuse/binary", test_refuse_binary);
  g_test_add_func ("/elman/series-loader/refuse/paths", test_refuse_paths);
  g_test_add_func ("/elman/series-loader/info-stats", test_info_stats);
  g_test_add_func ("/elman/series-loader/load-data", test_load_data);
  g_test_add_func ("/elman/series-loader/large-split", test_large_split);
  g_test_add_func ("/elman/series-loader/inputs/dev-zero", test_dev_zero);
  g_test_add_func ("/elman/series-loader/inputs/pipe-limit", test_pipe_limit);
  g_test_add_func ("/elman/series-loader/inputs/pipe-binary", test_pipe_binary);
  g_test_add_func ("/elman/series-loader/inputs/line-of-commas", test_line_of_commas);
  g_test_add_func ("/elman/series-loader/inputs/many-columns", test_many_columns);
  g_test_add_func ("/elman/series-loader/inputs/long-field", test_long_field);
  g_test_add_func ("/elman/series-loader/inputs/number-like-text", test_number_like_text);
  g_test_add_func ("/elman/series-loader/inputs/extra-field", test_extra_field);
  g_test_add_func ("/elman/series-loader/inputs/quoted-numeric-header", test_quoted_numeric_header);
  g_test_add_func ("/elman/series-loader/inputs/too-short-one", test_too_short_one);
  g_test_add_func ("/elman/series-loader/inputs/decimal-comma-note", test_decimal_comma_note);

  ret = g_test_run ();

  g_chdir (cwd);
  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
