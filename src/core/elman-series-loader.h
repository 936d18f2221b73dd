/* elman-series-loader.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-series.h"

G_BEGIN_DECLS

typedef enum
{
  ELMAN_MISSING_ERROR,
  ELMAN_MISSING_INTERPOLATE,
  ELMAN_MISSING_DROP,
} ElmanMissingPolicy;

typedef enum
{
  ELMAN_HEADER_DETECT,
  ELMAN_HEADER_YES,
  ELMAN_HEADER_NO,
} ElmanHeaderMode;

typedef enum
{
  ELMAN_COLUMN_TEXT,
  ELMAN_COLUMN_NUMERIC,
  ELMAN_COLUMN_TIME,
} ElmanColumnType;

/**
 * ElmanLoadOptions:
 * @column: (nullable): header name or 0-based index as text; %NULL picks
 *   the last numeric column
 * @delimiter: 0 to detect, else one of `,` `;` `\t` `|` ` `
 * @decimal: 0 to detect, else `.` or `,`
 * @thousands: 0 for none, else the thousands separator to accept
 * @missing: what to do with empty, NA, NaN, null and - fields
 * @min_length: refuse series shorter than this (0: no check); the
 *   message says how many values are needed
 * @length_hint: (nullable): why @min_length values are needed, appended
 *   to the message, e.g. "for window 12 and horizon 1"
 * @header: whether the first row (after @skip_rows) names the columns
 * @skip_rows: lines to skip before the data or the header (a title, notes)
 * @time_column: (nullable): header name or 0-based index as text of the
 *   time axis; %NULL detects it, "" means none
 * @wide: read a wide table (a year column and 12 month or 4 quarter
 *   columns, one row per year) as one series in time order; without it a
 *   wide table is only reported (ElmanSeriesInfo.wide)
 */
typedef struct
{
  const char         *column;
  char                delimiter;
  char                decimal;
  char                thousands;
  ElmanMissingPolicy  missing;
  gsize               min_length;
  const char         *length_hint;
  gboolean            wide;
  ElmanHeaderMode     header;
  guint               skip_rows;
  const char         *time_column;
} ElmanLoadOptions;

/* How many lines of missing values ElmanSeriesInfo keeps. */
#define ELMAN_MISSING_LINES_SHOWN 10

typedef struct
{
  char            *name;
  ElmanColumnType  type;
} ElmanColumnInfo;

/**
 * ElmanSeriesInfo:
 *
 * What the loader detected, for `elman-cli inspect` and the app.
 */
typedef struct
{
  char            delimiter;
  char            decimal;
  gboolean        header;
  GArray         *columns;        /* of ElmanColumnInfo */
  int             column;         /* index of the chosen column */
  int             time_column;    /* −1 when there is none */
  int             time_column2;   /* the quarter or month beside a year column, or −1 */
  gsize           length;
  gsize           n_missing;      /* missing fields in the chosen column */
  gsize           n_interpolated;
  gsize           n_dropped;
  /* lines of the first missing values, 0 past n_missing */
  guint64         missing_lines[ELMAN_MISSING_LINES_SHOWN];
  double          min;
  double          max;
  double          mean;
  double          sum;
  /* time axis (when time_column >= 0) */
  ElmanFrequency  frequency;
  gboolean        time_is_date;   /* seconds since the epoch, else plain numbers */
  double          time_first;
  double          time_last;
  gboolean        month_end;      /* monthly, quarterly or yearly on the last day of the month */
  /* (nullable): why a column that looks like time is not the time axis,
   * or that the times are out of order or repeated */
  char           *time_note;
  /* (nullable): a doubt about the file's layout, such as a header that
   * names fewer columns than its rows have (decimal commas read as
   * delimiters) */
  char           *layout_note;
  int             wide;           /* a wide table: 12 (months) or 4 (quarters) columns per row, or 0 */
  gboolean        wide_read;      /* and it was read as one series (ElmanLoadOptions.wide) */
} ElmanSeriesInfo;

/**
 * ElmanNumberStatus:
 *
 * Result of elman_parse_number().
 */
typedef enum
{
  ELMAN_NUMBER_OK,
  ELMAN_NUMBER_INVALID,
  ELMAN_NUMBER_INFINITE,
  ELMAN_NUMBER_OUT_OF_RANGE,     /* |x| > ELMAN_NUMBER_MAX */
} ElmanNumberStatus;

/* The largest magnitude of a value. Training squares values and sums
 * the squares of their differences over the whole series: below 1e100
 * that stays far from overflowing a double for any length, while a value
 * of 1.3e154 already squares to infinity (and the loss with it). The
 * refusal names the value and its line. */
#define ELMAN_NUMBER_MAX 1e100
/* The smallest largest magnitude of a series that is not all zeros. The
 * normalisation squares the deviations from the mean: a series whose
 * values all lie below 1e-100 squares them into the subnormals or to 0,
 * the scale comes out 0 or meaningless and the networks fit noise
 * (intervals of width 0 on a series of 1e-300s). Refused as a whole, not
 * value by value: one tiny value among ordinary ones does no harm. */
#define ELMAN_SERIES_SCALE_MIN 1e-100
/* The longest text elman_parse_number() reads as a number. */
#define ELMAN_NUMBER_MAX_TEXT 4096

void             elman_load_options_init  (ElmanLoadOptions        *options);

ElmanSeries     *elman_series_load        (const char              *path,
                                           const ElmanLoadOptions  *options,
                                           ElmanSeriesInfo        **info,
                                           GError                 **error);
ElmanSeries     *elman_series_load_data   (const char              *display_name,
                                           const char              *data,
                                           gsize                    length,
                                           const ElmanLoadOptions  *options,
                                           ElmanSeriesInfo        **info,
                                           GError                 **error);

void             elman_series_info_free   (ElmanSeriesInfo         *info);

ElmanNumberStatus elman_parse_number      (const char              *text,
                                           gsize                    length,
                                           char                     decimal,
                                           char                     thousands,
                                           double                  *value);
gboolean         elman_parse_time         (const char              *text,
                                           gsize                    length,
                                           double                  *seconds);
char            *elman_format_time        (double                   seconds);
char            *elman_series_info_describe_step (const ElmanSeriesInfo *info);
char            *elman_series_info_describe_missing (const ElmanSeriesInfo *info);
const char      *elman_format_double      (char                    *buf,
                                           gsize                    size,
                                           double                   value);
void             elman_format_short_exponent (char                 *buf);
/* Significant digits of every number shown to people. */
#define ELMAN_SIGNIFICANT_DIGITS 4
const char      *elman_format_significant (char                    *buf,
                                           gsize                    size,
                                           double                   value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanSeriesInfo, elman_series_info_free)

G_END_DECLS
