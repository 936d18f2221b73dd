/* elman-cli-options.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elman-cli-options.h"

void
elman_cli_train_options_clear (ElmanCliTrainOptions *options)
{
  g_clear_pointer (&options->series_path, g_free);
  g_clear_pointer (&options->column, g_free);
  g_clear_pointer (&options->init_model, g_free);
  g_clear_pointer (&options->save_model, g_free);
  g_clear_pointer (&options->loss_out, g_free);
  g_clear_pointer (&options->predictions_out, g_free);
  g_clear_pointer (&options->forecast_out, g_free);
  g_clear_pointer (&options->metrics_out, g_free);
  g_clear_pointer (&options->test_forecasts_out, g_free);
  g_clear_pointer (&options->plot_out, g_free);
}

gboolean
elman_cli_parse_uint (const char  *flag,
                      const char  *text,
                      guint        min,
                      guint        max,
                      guint       *out,
                      GError     **error)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a whole number from %u to %u"), flag, text, min, max);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

gboolean
elman_cli_parse_double (const char  *flag,
                        const char  *text,
                        double       min,
                        double       max,
                        double      *out,
                        GError     **error)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || errno == ERANGE || !isfinite (v) ||
      g_ascii_isspace (text[0]))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a number"), flag, text);
      return FALSE;
    }
  if (v < min || v > max)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: %s is outside the range %g to %g"), flag, text, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_char_flag (const char  *flag,
                 const char  *text,
                 const char  *allowed,
                 char        *out,
                 GError     **error)
{
  char c;

  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "tab") || g_str_equal (text, "\\t"))
    c = '\t';
  else if (g_str_equal (text, "space"))
    c = ' ';
  else if (strlen (text) == 1)
    c = text[0];
  else
    c = 0;

  if (c == 0 || strchr (allowed, c) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not one of the accepted characters"), flag, text);
      return FALSE;
    }
  *out = c;
  return TRUE;
}

gboolean
elman_cli_parse_load_flags (const char        *delimiter,
                            const char        *decimal,
                            const char        *thousands,
                            const char        *missing,
                            ElmanLoadOptions  *load,
                            GError           **error)
{
  if (!parse_char_flag ("--delimiter", delimiter, ",;\t| ", &load->delimiter, error) ||
      !parse_char_flag ("--decimal", decimal, ".,", &load->decimal, error) ||
      !parse_char_flag ("--thousands", thousands, ",. '_", &load->thousands, error))
    return FALSE;

  if (missing == NULL || g_str_equal (missing, "error"))
    load->missing = ELMAN_MISSING_ERROR;
  else if (g_str_equal (missing, "interpolate"))
    load->missing = ELMAN_MISSING_INTERPOLATE;
  else if (g_str_equal (missing, "drop"))
    load->missing = ELMAN_MISSING_DROP;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--missing: “%s” is not one of error, interpolate, drop"), missing);
      return FALSE;
    }
  return TRUE;
}

#define ENUM_FLAG(flag, text, parse, field, choices) \
  G_STMT_START { \
    if ((text) && !parse ((text), &(field))) \
      { \
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, \
                     _("%s: “%s” is not one of %s"), flag, (text), choices); \
        return FALSE; \
      } \
  } G_STMT_END

gboolean
elman_cli_parse_train (int                    argc,
                       char                 **argv,
                       ElmanCliTrainOptions  *options,
                       char                 **help_text,
                       GError               **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *preset = NULL, *window = NULL, *horizon = NULL, *hidden = NULL;
  g_autofree char *rate = NULL, *epochs = NULL, *init = NULL, *gradient = NULL;
  g_autofree char *loss = NULL, *optimizer = NULL, *normalize = NULL, *transform = NULL;
  g_autofree char *season = NULL, *seed = NULL, *test_fraction = NULL, *valid_fraction = NULL;
  g_autofree char *patience = NULL, *clip = NULL, *ensemble = NULL, *forecast = NULL;
  g_autofree char *plot_size = NULL, *delimiter = NULL, *decimal = NULL, *thousands = NULL;
  g_autofree char *missing = NULL;
  gboolean bias = FALSE, no_bias = FALSE;
  g_auto(GStrv) args = NULL;
  ElmanPreset preset_value = ELMAN_PRESET_RECOMMENDED;

  const GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("recommended (default) or seed (the derivation exactly); flags below override it"), N_("NAME") },
    { "column", 'c', 0, G_OPTION_ARG_STRING, &options->column,
      N_("Column to learn, by header name or 0-based index (default: the last numeric column)"), N_("COLUMN") },
    { "window", 'T', 0, G_OPTION_ARG_STRING, &window, N_("Window length T (inputs per step)"), "T" },
    { "horizon", 'K', 0, G_OPTION_ARG_STRING, &horizon, N_("Horizon K (values predicted per step)"), "K" },
    { "hidden", 'J', 0, G_OPTION_ARG_STRING, &hidden, N_("Hidden units J"), "J" },
    { "learning-rate", 'e', 0, G_OPTION_ARG_STRING, &rate, N_("Learning rate ε"), N_("RATE") },
    { "epochs", 'n', 0, G_OPTION_ARG_STRING, &epochs, N_("Number of epochs (full-batch updates)"), "N" },
    { "init", 0, 0, G_OPTION_ARG_STRING, &init, N_("Initial weights: zeros or glorot"), N_("INIT") },
    { "gradient", 0, 0, G_OPTION_ARG_STRING, &gradient,
      N_("truncated (the derivation's, h^{t−1} held constant) or bptt (through time)"), N_("KIND") },
    { "loss", 0, 0, G_OPTION_ARG_STRING, &loss, N_("sum (½Σ‖ŷ−y‖²) or mean (divided by N·K)"), N_("KIND") },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer, N_("sgd or adam"), N_("NAME") },
    { "bias", 0, 0, G_OPTION_ARG_NONE, &bias, N_("Use bias terms b and c"), NULL },
    { "no-bias", 0, 0, G_OPTION_ARG_NONE, &no_bias, N_("No bias terms (the derivation)"), NULL },
    { "normalize", 0, 0, G_OPTION_ARG_STRING, &normalize,
      N_("none, zscore or minmax, fitted on the training part"), N_("METHOD") },
    { "transform", 0, 0, G_OPTION_ARG_STRING, &transform,
      N_("none, diff, seasonal-diff, relative, relative-mean or auto"), N_("METHOD") },
    { "season", 0, 0, G_OPTION_ARG_STRING, &season, N_("Season length m (0: detect)"), "M" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Random seed for glorot initialisation"), "S" },
    { "test-fraction", 0, 0, G_OPTION_ARG_STRING, &test_fraction,
      N_("Chronological hold-out fraction (0: train on everything)"), "F" },
    { "valid-fraction", 0, 0, G_OPTION_ARG_STRING, &valid_fraction,
      N_("Fraction of the training part used for validation and early stopping"), "F" },
    { "patience", 0, 0, G_OPTION_ARG_STRING, &patience,
      N_("Stop after this many epochs without validation improvement (0: off)"), "N" },
    { "clip", 0, 0, G_OPTION_ARG_STRING, &clip, N_("Clip the gradient norm to this (0: off)"), "C" },
    { "ensemble", 0, 0, G_OPTION_ARG_STRING, &ensemble, N_("Average R networks from different seeds"), "R" },
    { "auto", 0, 0, G_OPTION_ARG_NONE, &options->auto_search,
      N_("Search a small grid of T, J and ε on the validation part"), NULL },
    { "init-model", 0, 0, G_OPTION_ARG_FILENAME, &options->init_model,
      N_("Start from exactly the weights in this model file"), N_("FILE") },
    { "save-model", 'o', 0, G_OPTION_ARG_FILENAME, &options->save_model,
      N_("Save the trained model (JSON)"), N_("FILE") },
    { "loss-out", 0, 0, G_OPTION_ARG_FILENAME, &options->loss_out,
      N_("Write the training loss per epoch as CSV (epoch,loss)"), N_("FILE") },
    { "predictions-out", 0, 0, G_OPTION_ARG_FILENAME, &options->predictions_out,
      N_("Write predictions as CSV (index,time,actual,predicted,part)"), N_("FILE") },
    { "forecast", 'f', 0, G_OPTION_ARG_STRING, &forecast,
      N_("Forecast this many values beyond the end (recursive beyond K)"), N_("STEPS") },
    { "forecast-out", 0, 0, G_OPTION_ARG_FILENAME, &options->forecast_out,
      N_("Write the forecast as CSV instead of printing it"), N_("FILE") },
    { "metrics-out", 0, 0, G_OPTION_ARG_FILENAME, &options->metrics_out,
      N_("Write test metrics of the model and the baselines as JSON"), N_("FILE") },
    { "test-forecasts-out", 0, 0, G_OPTION_ARG_FILENAME, &options->test_forecasts_out,
      N_("Write the rolling-origin test forecasts as CSV (origin,h,yhat)"), N_("FILE") },
    { "plot-out", 'p', 0, G_OPTION_ARG_FILENAME, &options->plot_out,
      N_("Draw the series, predictions and loss to a PNG, SVG or PDF file"), N_("FILE") },
    { "plot-size", 0, 0, G_OPTION_ARG_STRING, &plot_size, N_("Plot size in pixels (default 1200x800)"), N_("WxH") },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter,
      N_("Field delimiter: , ; tab | or space (default: detect)"), N_("CHAR") },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal, N_("Decimal mark: . or , (default: detect)"), N_("CHAR") },
    { "thousands", 0, 0, G_OPTION_ARG_STRING, &thousands, N_("Accept this thousands separator"), N_("CHAR") },
    { "missing", 0, 0, G_OPTION_ARG_STRING, &missing,
      N_("Missing values: error (default), interpolate or drop"), N_("POLICY") },
    { "wide", 0, 0, G_OPTION_ARG_NONE, &options->load.wide,
      N_("Read a wide table (a year column, then 12 month or 4 quarter columns) in time order"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet, N_("No progress line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("SERIES.csv") },
    { NULL }
  };

  memset (options, 0, sizeof *options);
  elman_load_options_init (&options->load);
  options->plot_width = 1200;
  options->plot_height = 800;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context,
    _("Train an Elman network on a series.\n\n"
      "Trains h^t = σ(W h^{t−1} + U x^t + b), ŷ^t = V h^t + c on windows of T values predicting the next K,\n"
      "with full-batch gradient descent, and reports how well it forecasts the held-out part."));
  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 bad input or I/O error, 2 bad command line, 3 training diverged.\n"
      "Predictions CSV: index (0-based), time, actual, predicted (one step ahead, from the true\n"
      "history before it), part (train, valid, test or forecast); with --ensemble or --auto also\n"
      "lower80, upper80, lower95, upper95 (prediction intervals). The forecast CSV is\n"
      "step,time,forecast (plus the same band columns).\n"
      "After training, a table compares the model's test RMSE, MAE, sMAPE and MASE with the naive,\n"
      "seasonal naive, drift and mean forecasts on the same rolling origins (on stderr when the\n"
      "forecast goes to stdout). --auto searches T, J, ε and the transform on the validation part\n"
      "and averages the best networks (5 seeds each unless --ensemble is given)."));

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        if (help_text)
          *help_text = g_option_context_get_help (context, TRUE, NULL);
        return TRUE;
      }

  {
    g_autofree char **copy = g_memdup2 (argv, sizeof (char *) * (argc + 1));
    int copy_argc = argc;
    char **copy_argv = copy;

    copy[argc] = NULL;
    if (!g_option_context_parse (context, &copy_argc, &copy_argv, error))
      return FALSE;
  }

  if (args == NULL || args[0] == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("No series file given"));
      return FALSE;
    }
  if (args[1] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("One series file at a time, not “%s” too"), args[1]);
      return FALSE;
    }
  options->series_path = g_strdup (args[0]);

  ENUM_FLAG ("--preset", preset, elman_preset_from_string, preset_value, "recommended, seed");
  elman_config_init (&options->config, preset_value);

  /* Explicit flags override the preset. */
  if ((window && !elman_cli_parse_uint ("--window", window, 1, 100000, &options->config.window, error)) ||
      (horizon && !elman_cli_parse_uint ("--horizon", horizon, 1, 10000, &options->config.horizon, error)) ||
      (hidden && !elman_cli_parse_uint ("--hidden", hidden, 1, 4096, &options->config.hidden, error)) ||
      (rate && !elman_cli_parse_double ("--learning-rate", rate, 1e-300, 1e6, &options->config.learning_rate, error)) ||
      (epochs && !elman_cli_parse_uint ("--epochs", epochs, 1, 100000000, &options->config.epochs, error)) ||
      (season && !elman_cli_parse_uint ("--season", season, 0, 100000, &options->config.season, error)) ||
      (test_fraction && !elman_cli_parse_double ("--test-fraction", test_fraction, 0, 0.99, &options->config.test_fraction, error)) ||
      (valid_fraction && !elman_cli_parse_double ("--valid-fraction", valid_fraction, 0, 0.99, &options->config.valid_fraction, error)) ||
      (patience && !elman_cli_parse_uint ("--patience", patience, 0, 100000000, &options->config.patience, error)) ||
      (clip && !elman_cli_parse_double ("--clip", clip, 0, 1e300, &options->config.clip, error)) ||
      (ensemble && !elman_cli_parse_uint ("--ensemble", ensemble, 1, 100, &options->config.ensemble, error)) ||
      (forecast && !elman_cli_parse_uint ("--forecast", forecast, 0, 10000000, &options->forecast_steps, error)))
    return FALSE;

  if (seed)
    {
      guint64 v;
      if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &v, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--seed: “%s” is not a whole number"), seed);
          return FALSE;
        }
      options->config.seed = v;
    }

  ENUM_FLAG ("--init", init, elman_init_from_string, options->config.init, "zeros, glorot");
  ENUM_FLAG ("--gradient", gradient, elman_gradient_from_string, options->config.gradient, "truncated, bptt");
  ENUM_FLAG ("--loss", loss, elman_loss_from_string, options->config.loss, "sum, mean");
  ENUM_FLAG ("--optimizer", optimizer, elman_optimizer_from_string, options->config.optimizer, "sgd, adam");
  ENUM_FLAG ("--normalize", normalize, elman_normalize_from_string, options->config.normalize,
             "none, zscore, minmax");
  ENUM_FLAG ("--transform", transform, elman_transform_from_string, options->config.transform,
             "none, diff, seasonal-diff, relative, relative-mean, auto");

  if (bias && no_bias)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--bias and --no-bias contradict each other"));
      return FALSE;
    }
  if (bias)
    options->config.bias = TRUE;
  if (no_bias)
    options->config.bias = FALSE;

  if (plot_size)
    {
      g_auto(GStrv) parts = g_strsplit (plot_size, "x", 3);
      guint w, h;

      if (g_strv_length (parts) != 2 ||
          !elman_cli_parse_uint ("--plot-size", parts[0], 16, 16384, &w, NULL) ||
          !elman_cli_parse_uint ("--plot-size", parts[1], 16, 16384, &h, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--plot-size: “%s” is not WIDTHxHEIGHT with each from 16 to 16384"), plot_size);
          return FALSE;
        }
      options->plot_width = (int) w;
      options->plot_height = (int) h;
    }

  if (!elman_cli_parse_load_flags (delimiter, decimal, thousands, missing, &options->load, error))
    return FALSE;

  return elman_config_validate (&options->config, 0, error);
}

/**
 * elman_cli_print_load_notes:
 *
 * Says on stderr what the loader noted about the time axis (times out of
 * order or repeated, a column that looks like time but is not read as
 * one), so that train and forecast do not use such a series silently.
 */
void
elman_cli_print_load_notes (const char            *path,
                            const ElmanSeriesInfo *info)
{
  if (info != NULL && info->time_note != NULL)
    fprintf (stderr, _("%s: notice: %s\n"), path, info->time_note);
}
