/* elman-series.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ELMAN_SERIES_ERROR (elman_series_error_quark ())

typedef enum
{
  ELMAN_SERIES_ERROR_EMPTY,
  ELMAN_SERIES_ERROR_NO_NUMERIC_COLUMN,
  ELMAN_SERIES_ERROR_NO_SUCH_COLUMN,
  ELMAN_SERIES_ERROR_NOT_A_NUMBER,
  ELMAN_SERIES_ERROR_OUT_OF_RANGE,
  ELMAN_SERIES_ERROR_MISSING,
  ELMAN_SERIES_ERROR_TOO_SHORT,
  ELMAN_SERIES_ERROR_ENCODING,
  ELMAN_SERIES_ERROR_IO,
} ElmanSeriesError;

typedef enum
{
  ELMAN_FREQUENCY_NONE,       /* no time axis: index 0…n−1 */
  ELMAN_FREQUENCY_YEARLY,
  ELMAN_FREQUENCY_QUARTERLY,
  ELMAN_FREQUENCY_MONTHLY,
  ELMAN_FREQUENCY_WEEKLY,
  ELMAN_FREQUENCY_DAILY,
  ELMAN_FREQUENCY_HOURLY,
  ELMAN_FREQUENCY_IRREGULAR,
  ELMAN_FREQUENCY_REGULAR,    /* a constant step apart: plain numbers, or dates every 30 min, 10 s… */
  ELMAN_FREQUENCY_BUSINESS_DAILY,  /* Monday to Friday */
} ElmanFrequency;

/**
 * ElmanSeries:
 * @values: (array length=n): the chosen column, in the file's units
 * @times: (nullable) (array length=n): the time axis in seconds since
 *   1970-01-01 UTC (or the plain integers of the file), or %NULL
 * @n: number of values
 * @frequency: detected frequency of @times
 * @name: (nullable): the column's name
 * @path: (nullable): the file the series came from
 *
 * An immutable univariate series. Hot loops read @values directly.
 */
typedef struct
{
  double         *values;
  double         *times;
  gsize           n;
  ElmanFrequency  frequency;
  gboolean        times_are_dates;  /* @times are seconds since the epoch, not plain numbers */
  gboolean        month_end;        /* monthly, quarterly or yearly times on the last day of the month */
  char           *name;
  char           *path;
  /*< private >*/
  gatomicrefcount ref_count;
} ElmanSeries;

GQuark       elman_series_error_quark     (void);

ElmanSeries *elman_series_new_from_values (const double   *values,
                                           const double   *times,
                                           gsize           n,
                                           ElmanFrequency  frequency,
                                           const char     *name);
ElmanSeries *elman_series_new_take        (double         *values,
                                           double         *times,
                                           gsize           n,
                                           ElmanFrequency  frequency,
                                           const char     *name,
                                           const char     *path);
ElmanSeries *elman_series_ref             (ElmanSeries    *series);
void         elman_series_unref           (ElmanSeries    *series);

const char  *elman_frequency_to_string    (ElmanFrequency  frequency);
double       elman_regular_step           (double          first,
                                           double          last,
                                           gsize           n);
double       elman_series_time_after_end  (const ElmanSeries *series,
                                           gsize           steps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanSeries, elman_series_unref)

G_END_DECLS
