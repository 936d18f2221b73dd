/* fuzz-series.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the series loader.
 *
 * Each input is loaded twice: with the default options, and with options
 * derived from a hash of the input (forced delimiter or decimal mark,
 * thousands separator, missing-value policy, column, minimum length), so
 * that the corpus stays plain CSV files.  Besides ASan/UBSan findings it
 * aborts when a promise of the loader is broken: a series with non-finite
 * or out-of-range values, a refusal without "file:line: " or on more than
 * one line, a series and an error at once.  Short inputs are also fed to
 * elman_parse_number(), whose result must equal g_ascii_strtod()'s bit for
 * bit whenever it accepts the text. */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elman-series-loader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define NAME "fuzz.csv"

static void
check (gboolean    condition,
       const char *what)
{
  if (!condition)
    {
      g_printerr ("fuzz-series: broken promise: %s\n", what);
      abort ();
    }
}

static void
load_and_check (const uint8_t          *data,
                size_t                  size,
                const ElmanLoadOptions *options)
{
  g_autoptr(GError) error = NULL;
  ElmanSeriesInfo *info = NULL;
  ElmanSeries *series;

  series = elman_series_load_data (NAME, (const char *) data, size, options, &info, &error);
  if (series == NULL)
    {
      check (error != NULL, "no series and no error");
      check (info == NULL, "info on failure");
      check (g_str_has_prefix (error->message, NAME ":"), "message does not name the file");
      check (g_ascii_isdigit (error->message[strlen (NAME ":")]), "message does not name the line");
      check (strchr (error->message, '\n') == NULL, "message on more than one line");
      check (g_utf8_validate (error->message, -1, NULL), "message is not UTF-8");
      return;
    }

  check (error == NULL, "series and error");
  check (info != NULL, "no info");
  check (series->n > 0, "empty series");
  check (series->n == info->length, "length");
  check (options == NULL || options->min_length == 0 || series->n >= options->min_length,
         "min_length");
  check (info->column >= 0 && info->column < (int) info->columns->len, "column index");
  check (info->time_column < (int) info->columns->len, "time column index");
  check (info->time_column2 < (int) info->columns->len, "second time column index");
  check (!info->wide_read || (info->wide == 12 || info->wide == 4), "wide");
  for (gsize k = 0; k < MIN (info->n_missing, (gsize) ELMAN_MISSING_LINES_SHOWN); k++)
    check (info->missing_lines[k] > 0, "missing line");
  check ((info->time_column >= 0) == (series->times != NULL), "time axis");
  check (info->n_interpolated <= info->n_missing, "interpolated");
  for (gsize i = 0; i < series->n; i++)
    {
      check (isfinite (series->values[i]) && fabs (series->values[i]) <= ELMAN_NUMBER_MAX,
             "value not finite or out of range");
      check (series->times == NULL || isfinite (series->times[i]), "time not finite");
      check (series->values[i] >= info->min && series->values[i] <= info->max, "min/max");
    }
  check (isfinite (info->sum) && isfinite (info->mean), "sum/mean");
  for (guint j = 0; j < info->columns->len; j++)
    check (g_utf8_validate (g_array_index (info->columns, ElmanColumnInfo, j).name, -1, NULL),
           "column name is not UTF-8");

  elman_series_info_free (info);
  elman_series_unref (series);
}

static void
check_number (const uint8_t *data,
              size_t         size)
{
  char buf[80];
  char *end = NULL;
  double v = 0, w;

  if (size == 0 || size >= sizeof buf || memchr (data, 0, size) != NULL)
    return;
  memcpy (buf, data, size);
  buf[size] = '\0';
  if (elman_parse_number (buf, size, '.', 0, &v) != ELMAN_NUMBER_OK)
    return;
  w = g_ascii_strtod (buf, &end);
  check (end == buf + size, "accepted a number g_ascii_strtod does not read fully");
  check (memcmp (&v, &w, sizeof v) == 0, "number differs from g_ascii_strtod");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { 0, ',', ';', '\t', '|', ' ', ':' };
  static const char *columns[] = { NULL, "0", "1", "2", "value", "date", "x" };
  static const ElmanMissingPolicy policies[] = {
    ELMAN_MISSING_ERROR, ELMAN_MISSING_INTERPOLATE, ELMAN_MISSING_DROP,
  };
  ElmanLoadOptions options;
  guint32 h = 2166136261u;   /* FNV-1a */
  double t;

  load_and_check (data, size, NULL);

  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;

  elman_load_options_init (&options);
  options.delimiter = delimiters[h % G_N_ELEMENTS (delimiters)];
  h /= G_N_ELEMENTS (delimiters);
  options.column = columns[h % G_N_ELEMENTS (columns)];
  h /= G_N_ELEMENTS (columns);
  options.missing = policies[h % G_N_ELEMENTS (policies)];
  h /= G_N_ELEMENTS (policies);
  options.decimal = (h & 3) == 0 ? ',' : (h & 3) == 1 ? '.' : 0;
  h >>= 2;
  options.thousands = (h & 3) == 0 ? ',' : (h & 3) == 1 ? '.' : 0;
  h >>= 2;
  options.min_length = h & 7;
  options.length_hint = (h & 8) ? "for window 3 and horizon 1" : NULL;
  h >>= 4;
  /* what the import dialog sets */
  options.wide = (h & 1) != 0;
  options.header = (ElmanHeaderMode) ((h >> 1) % 3);
  options.skip_rows = (h >> 3) & 3;
  options.time_column = (h >> 5) % 3 == 0 ? NULL : (h >> 5) % 3 == 1 ? "" : columns[(h >> 7) % G_N_ELEMENTS (columns)];
  load_and_check (data, size, &options);

  check_number (data, size);
  if (size < 64)
    elman_parse_time ((const char *) data, size, &t);

  return 0;
}
