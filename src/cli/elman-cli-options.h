/* elman-cli-options.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "elman-config.h"
#include "elman-params.h"
#include "elman-series-loader.h"

G_BEGIN_DECLS

/**
 * ElmanCliTrainOptions:
 *
 * `elman-cli train` after parsing: the training configuration (preset
 * first, explicit flags on top), the loader's options and the outputs.
 */
typedef struct
{
  ElmanConfig       config;
  ElmanLoadOptions  load;
  char             *series_path;
  char             *column;
  char             *init_model;
  char             *save_model;
  char             *loss_out;
  char             *predictions_out;
  char             *forecast_out;
  char             *metrics_out;
  char             *test_forecasts_out;
  char             *plot_out;
  int               plot_width;
  int               plot_height;
  gboolean          plot_network;   /* --plot network: the inside of the network */
  guint             forecast_steps;
  gboolean          auto_search;
  gboolean          quiet;
} ElmanCliTrainOptions;

void     elman_cli_train_options_clear (ElmanCliTrainOptions  *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ElmanCliTrainOptions, elman_cli_train_options_clear)

/* Parses `elman-cli train` arguments (argv[0] is the command's name).
 * Returns FALSE with a message naming the flag and the value on a bad
 * command line; *help is set when --help was asked (the text goes to
 * @help_text). */
gboolean elman_cli_parse_train         (int                    argc,
                                        char                 **argv,
                                        ElmanCliTrainOptions  *options,
                                        char                 **help_text,
                                        GError               **error);

/* Strict number parsing for flags: the whole text must be the number. */
gboolean elman_cli_parse_uint          (const char            *flag,
                                        const char            *text,
                                        guint                  min,
                                        guint                  max,
                                        guint                 *out,
                                        GError               **error);
gboolean elman_cli_parse_double        (const char            *flag,
                                        const char            *text,
                                        double                 min,
                                        double                 max,
                                        double                *out,
                                        GError               **error);
gboolean elman_cli_parse_enum          (const char            *flag,
                                        const char            *text,
                                        GType                  type,
                                        int                   *value,
                                        GError               **error);
gboolean elman_cli_parse_param         (ElmanParam             param,
                                        const char            *text,
                                        ElmanConfig           *config,
                                        GError               **error);
gboolean elman_cli_parse_load_flags    (const char            *delimiter,
                                        const char            *decimal,
                                        const char            *thousands,
                                        const char            *missing,
                                        ElmanLoadOptions      *load,
                                        GError               **error);
void     elman_cli_print_load_notes    (const char            *path,
                                        const ElmanSeriesInfo *info);

G_END_DECLS
