/* elman-cli-options.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elman-cli-options.h"
#include "elman-enum-types.h"
#include "elman-params.h"

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

  v = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || isnan (v) || g_ascii_isspace (text[0]))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a number"), flag, text);
      return FALSE;
    }
  /* 1e400 is a number, too large for a double: out of range as 1e300
   * would be; tiny values (1e-308) are kept as the nearest double. */
  if (isinf (v) || v < min || v > max)
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

  int policy = ELMAN_MISSING_ERROR;

  if (!elman_cli_parse_enum ("--missing", missing, ELMAN_TYPE_MISSING_POLICY, &policy, error))
    return FALSE;
  load->missing = (ElmanMissingPolicy) policy;
  return TRUE;
}

/**
 * elman_cli_parse_enum:
 * @text: (nullable): the flag's value; %NULL leaves @value alone
 * @type: the enum registered with glib-mkenums
 *
 * Parses one of the nicks of @type; the error lists them.
 */
gboolean
elman_cli_parse_enum (const char  *flag,
                      const char  *text,
                      GType        type,
                      int         *value,
                      GError     **error)
{
  g_autofree char *choices = NULL;

  if (text == NULL || elman_enum_from_nick (type, text, value))
    return TRUE;

  choices = elman_enum_list_nicks (type, ", ");
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s: “%s” is not one of %s"), flag, text, choices);
  return FALSE;
}

/**
 * elman_cli_parse_param:
 *
 * Parses the value of the flag of @param (from the parameter table) into
 * its field of @config, rejecting anything outside the table's range.
 */
gboolean
elman_cli_parse_param (ElmanParam    param,
                       const char   *text,
                       ElmanConfig  *config,
                       GError      **error)
{
  const ElmanParamInfo *info = elman_param_get_info (param);
  g_autofree char *flag = g_strconcat ("--", info->nick, NULL);

  switch (info->kind)
    {
    case ELMAN_PARAM_UINT:
      {
        guint v;

        if (!elman_cli_parse_uint (flag, text, (guint) info->min, (guint) info->max, &v, error))
          return FALSE;
        elman_config_set_param (config, param, v);
        return TRUE;
      }

    case ELMAN_PARAM_UINT64:
      {
        guint64 v;

        /* Every 64-bit value is a seed: the table's maximum as a double
         * cannot say so exactly, so the text is read as an integer. */
        if (!g_ascii_string_to_unsigned (text, 10, (guint64) info->min, G_MAXUINT64, &v, NULL))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("%s: “%s” is not a whole number"), flag, text);
            return FALSE;
          }
        G_STRUCT_MEMBER (guint64, config, info->offset) = v;
        return TRUE;
      }

    case ELMAN_PARAM_DOUBLE:
    default:
      {
        double v;

        if (!elman_cli_parse_double (flag, text, info->min, info->max, &v, error))
          return FALSE;
        elman_config_set_param (config, param, v);
        return TRUE;
      }
    }
}
/* A --help line naming the choices of an enum: @format has one %s. */
static char *
enum_help (const char *format,
           GType       type)
{
  g_autofree char *nicks = elman_enum_list_nicks (type, ", ");

  return g_strdup_printf (format, nicks);
}

/* The values of the parameter table's flags, as given. */
typedef struct
{
  char *text[ELMAN_N_PARAMS];
} ParamTexts;

static void
param_texts_clear (ParamTexts *texts)
{
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    g_clear_pointer (&texts->text[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParamTexts, param_texts_clear)

/* A model file fixes the transform, its season and the normalization,
 * and is one network: a flag choosing any of these would be ignored. */
static gboolean
check_init_model (const ElmanCliTrainOptions  *options,
                  const char                  *transform,
                  const char                  *normalize,
                  const char                  *season,
                  GError                     **error)
{
  const char *flag = transform ? "--transform"
                     : normalize ? "--normalize"
                     : season ? "--season"
                     : options->auto_search ? "--auto"
                     : options->config.ensemble > 1 ? "--ensemble"
                     : NULL;

  if (options->init_model == NULL || flag == NULL)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--init-model and %s cannot be used together: the model file fixes the transform, season "
                 "and normalization, and trains one network"), flag);
  return FALSE;
}

/* The learning rule's enum flags, each overriding the preset's value. */
static gboolean
parse_rule (ElmanConfig  *config,
            const char   *init,
            const char   *gradient,
            const char   *loss,
            const char   *optimizer,
            const char   *normalize,
            const char   *transform,
            GError      **error)
{
  int init_value = config->init, gradient_value = config->gradient, loss_value = config->loss;
  int optimizer_value = config->optimizer, normalize_value = config->normalize;
  int transform_value = config->transform;

  if (!elman_cli_parse_enum ("--init", init, ELMAN_TYPE_INIT, &init_value, error) ||
      !elman_cli_parse_enum ("--gradient", gradient, ELMAN_TYPE_GRADIENT, &gradient_value, error) ||
      !elman_cli_parse_enum ("--loss", loss, ELMAN_TYPE_LOSS, &loss_value, error) ||
      !elman_cli_parse_enum ("--optimizer", optimizer, ELMAN_TYPE_OPTIMIZER, &optimizer_value, error) ||
      !elman_cli_parse_enum ("--normalize", normalize, ELMAN_TYPE_NORMALIZE, &normalize_value, error) ||
      !elman_cli_parse_enum ("--transform", transform, ELMAN_TYPE_TRANSFORM, &transform_value, error))
    return FALSE;
  config->init = (ElmanInit) init_value;
  config->gradient = (ElmanGradient) gradient_value;
  config->loss = (ElmanLoss) loss_value;
  config->optimizer = (ElmanOptimizer) optimizer_value;
  config->normalize = (ElmanNormalize) normalize_value;
  config->transform = (ElmanTransform) transform_value;
  return TRUE;
}

/* --plot-size WxH, each from 16 to 16384 pixels. */
static gboolean
parse_plot_size (const char  *text,
                 int         *width,
                 int         *height,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", 3);
  guint w, h;

  if (g_strv_length (parts) != 2 ||
      !elman_cli_parse_uint ("--plot-size", parts[0], 16, 16384, &w, NULL) ||
      !elman_cli_parse_uint ("--plot-size", parts[1], 16, 16384, &h, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--plot-size: “%s” is not WIDTHxHEIGHT with each from 16 to 16384"), text);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/* --plot PICTURE: results (the default) or network. */
static gboolean
parse_plot_picture (const char            *text,
                    ElmanCliTrainOptions  *options,
                    GError               **error)
{
  if (text && g_strcmp0 (text, "network") != 0 && g_strcmp0 (text, "results") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--plot: “%s” is not results or network"), text);
      return FALSE;
    }
  options->plot_network = g_strcmp0 (text, "network") == 0;
  return TRUE;
}

gboolean
elman_cli_parse_train (int                    argc,
                       char                 **argv,
                       ElmanCliTrainOptions  *options,
                       char                 **help_text,
                       GError               **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *preset = NULL, *init = NULL, *gradient = NULL;
  g_autofree char *loss = NULL, *optimizer = NULL, *normalize = NULL, *transform = NULL;
  g_autofree char *forecast = NULL;
  g_autofree char *plot_what = NULL;
  g_autofree char *plot_size = NULL, *delimiter = NULL, *decimal = NULL, *thousands = NULL;
  g_autofree char *missing = NULL;
  gboolean bias = FALSE, no_bias = FALSE;
  g_auto(GStrv) args = NULL;
  g_auto(ParamTexts) texts = { { NULL } };
  GOptionEntry param_entries[ELMAN_N_PARAMS + 1] = { { NULL } };
  int preset_value = ELMAN_PRESET_RECOMMENDED;

  /* The choices in --help are the enums' nicks. */
  g_autofree char *init_help = enum_help (_("Initial weights: %s"), ELMAN_TYPE_INIT);
  g_autofree char *optimizer_help = enum_help (_("Optimizer: %s"), ELMAN_TYPE_OPTIMIZER);
  g_autofree char *normalize_help = enum_help (_("Normalization, fitted on the training part: %s"),
                                               ELMAN_TYPE_NORMALIZE);
  g_autofree char *transform_help = enum_help (_("Transform of the series: %s"), ELMAN_TYPE_TRANSFORM);

  const GOptionEntry head_entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("recommended (default) or seed (the derivation exactly); flags below override it"), N_("NAME") },
    { "column", 'c', 0, G_OPTION_ARG_STRING, &options->column,
      N_("Column to learn, by header name or 0-based index (default: the last numeric column)"), N_("COLUMN") },
    { NULL }
  };
  const GOptionEntry entries[] = {
    { "init", 0, 0, G_OPTION_ARG_STRING, &init, init_help, N_("INIT") },
    { "gradient", 0, 0, G_OPTION_ARG_STRING, &gradient,
      N_("truncated (the derivation's, h^{t−1} held constant) or bptt (through time; hidden states in up "
         "to a quarter of the free memory, 512 MiB to 4 GiB, then recomputed)"), N_("KIND") },
    { "loss", 0, 0, G_OPTION_ARG_STRING, &loss, N_("sum (½Σ‖ŷ−y‖²) or mean (divided by N·K)"), N_("KIND") },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer, optimizer_help, N_("NAME") },
    { "bias", 0, 0, G_OPTION_ARG_NONE, &bias, N_("Use bias terms b and c"), NULL },
    { "no-bias", 0, 0, G_OPTION_ARG_NONE, &no_bias, N_("No bias terms (the derivation)"), NULL },
    { "normalize", 0, 0, G_OPTION_ARG_STRING, &normalize, normalize_help, N_("METHOD") },
    { "transform", 0, 0, G_OPTION_ARG_STRING, &transform, transform_help, N_("METHOD") },
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
    { "plot", 0, 0, G_OPTION_ARG_STRING, &plot_what,
      N_("What --plot-out draws: results (default) or network (W, U, V, hidden states, gradient norms)"),
      N_("PICTURE") },
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

  /* One flag per row of the parameter table, after --preset and --column. */
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) i);

      param_entries[i] = (GOptionEntry) { info->nick, info->short_name, 0, G_OPTION_ARG_STRING,
                                          &texts.text[i], info->help, info->arg };
    }

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, head_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, param_entries, GETTEXT_PACKAGE);
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

  if (!elman_cli_parse_enum ("--preset", preset, ELMAN_TYPE_PRESET, &preset_value, error))
    return FALSE;
  elman_config_init (&options->config, (ElmanPreset) preset_value);

  /* Explicit flags override the preset. */
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    if (texts.text[i] != NULL && !elman_cli_parse_param ((ElmanParam) i, texts.text[i], &options->config, error))
      return FALSE;
  if (forecast && !elman_cli_parse_uint ("--forecast", forecast, 0, 10000000, &options->forecast_steps, error))
    return FALSE;

  if (!parse_rule (&options->config, init, gradient, loss, optimizer, normalize, transform, error))
    return FALSE;

  if (bias && no_bias)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--bias and --no-bias contradict each other"));
      return FALSE;
    }
  if (bias)
    options->config.bias = TRUE;
  if (no_bias)
    options->config.bias = FALSE;

  if ((plot_size && !parse_plot_size (plot_size, &options->plot_width, &options->plot_height, error)) ||
      !parse_plot_picture (plot_what, options, error))
    return FALSE;

  if (!elman_cli_parse_load_flags (delimiter, decimal, thousands, missing, &options->load, error) ||
      !check_init_model (options, transform, normalize, texts.text[ELMAN_PARAM_SEASON], error))
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
  if (info != NULL && info->layout_note != NULL)
    fprintf (stderr, _("%s: notice: %s\n"), path, info->layout_note);
}
