/* elman-cli-forecast.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "elman-cli-options.h"
#include "elman-cli-private.h"
#include "elman-file.h"
#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-run.h"
#include "elman-series-loader.h"

int
elman_cli_forecast (int    argc,
                    char **argv)
{
  g_autofree char *model_path = NULL, *column = NULL, *steps_text = NULL, *output = NULL;
  g_autofree char *delimiter = NULL, *decimal = NULL, *thousands = NULL, *missing = NULL;
  g_auto(GStrv) args = NULL;
  ElmanLoadOptions load;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path, N_("The model file (from train --save-model)"), N_("FILE") },
    { "steps", 's', 0, G_OPTION_ARG_STRING, &steps_text, N_("How many values to forecast (default: K)"), N_("STEPS") },
    { "column", 'c', 0, G_OPTION_ARG_STRING, &column, N_("Column, by header name or 0-based index"), N_("COLUMN") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the CSV here instead of printing it"), N_("FILE") },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter (default: detect)"), N_("CHAR") },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal, N_("Decimal mark: . or ,"), N_("CHAR") },
    { "thousands", 0, 0, G_OPTION_ARG_STRING, &thousands, N_("Accept this thousands separator"), N_("CHAR") },
    { "missing", 0, 0, G_OPTION_ARG_STRING, &missing, N_("error, interpolate or drop"), N_("POLICY") },
    { "wide", 0, 0, G_OPTION_ARG_NONE, &load.wide,
      N_("Read a wide table (a year column, then 12 month or 4 quarter columns) in time order"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("SERIES.csv") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GString) csv = NULL;
  g_autofree char *warning = NULL, *text = NULL;
  const ElmanModel *first;
  ElmanTrainingRange range;
  ElmanConfig config;
  gsize length;
  guint steps = 0;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Forecast a series with a saved model."));
  g_option_context_set_description (context,
    _("Prints CSV with the header step,time,forecast. The model runs over the whole series,\n"
      "then forecasts K values at a time, feeding its forecasts back in beyond K. A model file\n"
      "holding an ensemble prints the mean of its members and the columns lower80,upper80,\n"
      "lower95,upper95, as train --forecast did. Warns when the series is far from the one\n"
      "the model was trained on.\n"
      "Exit status: 0 success, 1 bad input or I/O error, 2 bad command line."));

  elman_load_options_init (&load);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !elman_cli_parse_load_flags (delimiter, decimal, thousands, missing, &load, &error) ||
      (steps_text && !elman_cli_parse_uint ("--steps", steps_text, 1, 10000000, &steps, &error)))
    {
      fprintf (stderr, "elman-cli forecast: %s\n", error->message);
      return ELMAN_CLI_EXIT_USAGE;
    }
  if (model_path == NULL || args == NULL || args[0] == NULL || args[1] != NULL)
    {
      fprintf (stderr, "elman-cli forecast: %s\n", _("Give --model FILE and one series file"));
      return ELMAN_CLI_EXIT_USAGE;
    }

  /* The output written over an input would lose it. */
  if (output && (elman_file_same (output, args[0]) || elman_file_same (output, model_path)))
    {
      fprintf (stderr, "elman-cli forecast: ");
      fprintf (stderr, _("%s: this is an input file; the output would replace it\n"), output);
      return ELMAN_CLI_EXIT_USAGE;
    }
  /* Before the work: a folder that cannot be written fails at once. */
  if (output && !elman_file_check_writable (output, &error))
    {
      fprintf (stderr, "elman-cli: %s\n", error->message);
      return ELMAN_CLI_EXIT_FAILURE;
    }

  models = elman_models_load (model_path, &range, &error);
  if (models == NULL)
    {
      fprintf (stderr, "elman-cli: %s\n", error->message);
      return ELMAN_CLI_EXIT_FAILURE;
    }
  first = g_ptr_array_index (models, 0);
  if (steps == 0)
    steps = first->horizon;

  load.column = column;
  load.min_length = elman_models_min_history ((ElmanModel * const *) models->pdata, models->len);
  series = elman_series_load (args[0], &load, &info, &error);
  if (series == NULL)
    {
      fprintf (stderr, "elman-cli: %s\n", error->message);
      return ELMAN_CLI_EXIT_FAILURE;
    }
  elman_cli_print_load_notes (args[0], info);

  warning = elman_training_range_check (&range, series->values, series->n);
  if (warning)
    fprintf (stderr, _("elman-cli: warning: %s: %s\n"), args[0], warning);

  /* The same computation as train --forecast: the mean of the members
   * and, for an ensemble, its intervals calibrated on this series. */
  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  result = elman_run_result_new_for_models (series, (ElmanModel * const *) models->pdata, models->len,
                                            &config, steps, &error);
  if (result == NULL)
    {
      fprintf (stderr, "elman-cli: %s: %s\n", args[0], error->message);
      return ELMAN_CLI_EXIT_FAILURE;
    }
  text = elman_run_result_format_forecast_csv (result, &length);
  csv = g_string_new_len (text, length);
  if (output)
    {
      if (!elman_cli_write_text (output, csv, &error))
        {
          fprintf (stderr, "elman-cli: %s\n", error->message);
          return ELMAN_CLI_EXIT_FAILURE;
        }
    }
  else if (!elman_cli_print (csv->str, csv->len))
    return ELMAN_CLI_EXIT_FAILURE;  /* the cause is told when stdout is closed */

  return ELMAN_CLI_EXIT_OK;
}
