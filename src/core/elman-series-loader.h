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
 */
typedef struct
{
  const char         *column;
  char                delimiter;
  char                decimal;
  char                thousands;
  ElmanMissingPolicy  missing;
  gsize               min_length;
} ElmanLoadOptions;

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
  gsize           length;
  gsize           n_missing;      /* missing fields in the chosen column */
  gsize           n_interpolated;
  gsize           n_dropped;
  double          min;
  double          max;
  double          mean;
  double          sum;
} ElmanSeriesInfo;

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanSeriesInfo, elman_series_info_free)

G_END_DECLS
