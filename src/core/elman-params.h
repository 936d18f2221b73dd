/* elman-params.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-config.h"

G_BEGIN_DECLS

/* The numeric fields of ElmanConfig, in the order --help lists them. */
typedef enum
{
  ELMAN_PARAM_WINDOW,
  ELMAN_PARAM_HORIZON,
  ELMAN_PARAM_HIDDEN,
  ELMAN_PARAM_LEARNING_RATE,
  ELMAN_PARAM_EPOCHS,
  ELMAN_PARAM_SEASON,
  ELMAN_PARAM_SEED,
  ELMAN_PARAM_TEST_FRACTION,
  ELMAN_PARAM_VALID_FRACTION,
  ELMAN_PARAM_PATIENCE,
  ELMAN_PARAM_CLIP,
  ELMAN_PARAM_ENSEMBLE,
  ELMAN_N_PARAMS
} ElmanParam;

typedef enum
{
  ELMAN_PARAM_UINT,     /* guint field */
  ELMAN_PARAM_UINT64,   /* guint64 field */
  ELMAN_PARAM_DOUBLE,   /* double field */
} ElmanParamKind;

/**
 * ElmanParamInfo:
 * @nick: the CLI flag without its dashes
 * @settings_key: (nullable): the app's GSettings key; %NULL when the app
 *   does not store the parameter
 * @short_name: the CLI's one-letter flag, or 0
 * @label: translatable name for messages and the app (mark with N_())
 * @help: translatable --help line
 * @arg: --help's name of the flag's value
 * @min: smallest valid value (inclusive)
 * @max: largest valid value (inclusive)
 * @default_value: the recommended preset's value
 * @step: the app's arrow step (in log10 units when @logarithmic)
 * @page: the app's page step
 * @digits: decimals the app shows
 * @logarithmic: the app's spin button holds log10 of the value
 * @ui_scale: the app shows value × @ui_scale (100 for percentages)
 *
 * One parameter: everything validation, the CLI, the schema and the app
 * need to know about its values.
 */
typedef struct
{
  const char     *nick;
  const char     *settings_key;
  char            short_name;
  const char     *label;
  const char     *help;
  const char     *arg;
  ElmanParamKind  kind;
  gsize           offset;
  double          min;
  double          max;
  double          default_value;
  double          step;
  double          page;
  guint           digits;
  gboolean        logarithmic;
  double          ui_scale;
} ElmanParamInfo;

/**
 * ElmanParamRange:
 *
 * What a spin button shows for a parameter: its GtkAdjustment's numbers,
 * already in the units the widget holds (log10, percent).
 */
typedef struct
{
  double lower;
  double upper;
  double step;
  double page;
  double value;
  guint  digits;
} ElmanParamRange;

/* A spin button holds a double: integers beyond 2^53 are not exact. */
#define ELMAN_PARAM_UI_MAX 9007199254740991.0

const ElmanParamInfo *elman_param_get_info      (ElmanParam          param);
gboolean              elman_param_from_nick     (const char         *nick,
                                                 ElmanParam         *param);

double                elman_config_get_param    (const ElmanConfig  *config,
                                                 ElmanParam          param);
void                  elman_config_set_param    (ElmanConfig        *config,
                                                 ElmanParam          param,
                                                 double              value);

char                 *elman_param_format        (ElmanParam          param,
                                                 double              value);
gboolean              elman_param_check         (ElmanParam          param,
                                                 double              value,
                                                 GError            **error);
gboolean              elman_param_parse         (ElmanParam          param,
                                                 const char         *text,
                                                 ElmanConfig        *config,
                                                 GError            **error);
void                  elman_param_get_ui_range  (ElmanParam          param,
                                                 ElmanParamRange    *range);
gboolean              elman_params_network_fits (guint               window,
                                                 guint               horizon,
                                                 guint               hidden);

/* Enums registered with glib-mkenums: their nicks, case-insensitively. */
const char           *elman_enum_to_nick        (GType               type,
                                                 int                 value);
gboolean              elman_enum_from_nick      (GType               type,
                                                 const char         *nick,
                                                 int                *value);
char                 *elman_enum_list_nicks     (GType               type,
                                                 const char         *separator);

G_END_DECLS
