/* elman-params.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-config"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-object.h>
#include <math.h>

#include "elman-params.h"

#define FIELD(name) G_STRUCT_OFFSET (ElmanConfig, name)

/* The one table of the numeric parameters. Validation, the CLI's flags
 * and --help, the app's spin buttons and the test of the GSettings schema
 * and the .ui all read it; a new parameter is a new row (plus its field
 * in ElmanConfig). Ranges are inclusive. */
static const ElmanParamInfo params[ELMAN_N_PARAMS] = {
  [ELMAN_PARAM_WINDOW] = {
    "window", "window-size", 'T', N_("Window (T)"), N_("Window length T (inputs per step)"), "T",
    ELMAN_PARAM_UINT, FIELD (window), 1, 100000, 12, 1, 12, 0, FALSE, 1 },
  [ELMAN_PARAM_HORIZON] = {
    "horizon", "horizon", 'K', N_("Horizon (K)"), N_("Horizon K (values predicted per step)"), "K",
    ELMAN_PARAM_UINT, FIELD (horizon), 1, 10000, 1, 1, 12, 0, FALSE, 1 },
  /* The network-size check below bounds J·J + J·T + K·J as well. */
  [ELMAN_PARAM_HIDDEN] = {
    "hidden", "hidden", 'J', N_("Hidden units (J)"), N_("Hidden units J"), "J",
    ELMAN_PARAM_UINT, FIELD (hidden), 1, 4096, 16, 1, 8, 0, FALSE, 1 },
  /* Any positive rate a user may want: raw (unnormalized) series need
   * tiny ones, and 1e-300 is "no step at all" for resuming a model. */
  [ELMAN_PARAM_LEARNING_RATE] = {
    "learning-rate", "learning-rate", 'e', N_("Learning rate (ε)"), N_("Learning rate ε"), N_("RATE"),
    ELMAN_PARAM_DOUBLE, FIELD (learning_rate), 1e-300, 1e6, 0.01, 1, 1, 4, TRUE, 1 },
  [ELMAN_PARAM_EPOCHS] = {
    "epochs", "epochs", 'n', N_("Epochs"), N_("Number of epochs (full-batch updates)"), "N",
    ELMAN_PARAM_UINT, FIELD (epochs), 1, 100000000, 500, 100, 1000, 0, FALSE, 1 },
  [ELMAN_PARAM_SEASON] = {
    "season", NULL, 0, N_("Season length (m)"), N_("Season length m (0: detect)"), "M",
    ELMAN_PARAM_UINT, FIELD (season), 0, 100000, 0, 1, 12, 0, FALSE, 1 },
  [ELMAN_PARAM_SEED] = {
    "seed", "seed", 0, N_("Random seed"), N_("Random seed for glorot initialisation"), "S",
    ELMAN_PARAM_UINT64, FIELD (seed), 0, 18446744073709551615.0, 42, 1, 10, 0, FALSE, 1 },
  /* Fractions stop at 0.99: the rest must still hold a training window,
   * which elman_config_validate() checks against the series' length. */
  [ELMAN_PARAM_TEST_FRACTION] = {
    "test-fraction", "test-fraction", 0, N_("Test fraction"),
    N_("Chronological hold-out fraction (0: train on everything)"), "F",
    ELMAN_PARAM_DOUBLE, FIELD (test_fraction), 0, 0.99, 0.2, 5, 10, 0, FALSE, 100 },
  [ELMAN_PARAM_VALID_FRACTION] = {
    "valid-fraction", NULL, 0, N_("Validation fraction"),
    N_("Fraction of the training part used for validation and early stopping"), "F",
    ELMAN_PARAM_DOUBLE, FIELD (valid_fraction), 0, 0.99, 0.2, 5, 10, 0, FALSE, 100 },
  [ELMAN_PARAM_PATIENCE] = {
    "patience", NULL, 0, N_("Patience"),
    N_("Stop after this many epochs without validation improvement (0: off)"), "N",
    ELMAN_PARAM_UINT, FIELD (patience), 0, 100000000, 100, 10, 100, 0, FALSE, 1 },
  [ELMAN_PARAM_CLIP] = {
    "clip", NULL, 0, N_("Gradient clip"), N_("Clip the gradient norm to this (0: off)"), "C",
    ELMAN_PARAM_DOUBLE, FIELD (clip), 0, G_MAXDOUBLE, 5, 1, 10, 1, FALSE, 1 },
  [ELMAN_PARAM_ENSEMBLE] = {
    "ensemble", "ensemble", 0, N_("Ensemble size (R)"), N_("Average R networks from different seeds"), "R",
    ELMAN_PARAM_UINT, FIELD (ensemble), 1, 100, 1, 1, 5, 0, FALSE, 1 },
};

#undef FIELD

/**
 * elman_param_get_info:
 *
 * Returns: (transfer none): the row of @param in the parameter table
 */
const ElmanParamInfo *
elman_param_get_info (ElmanParam param)
{
  g_return_val_if_fail ((guint) param < ELMAN_N_PARAMS, NULL);

  return &params[param];
}

/**
 * elman_param_from_nick:
 * @nick: a CLI flag without its dashes, or a GSettings key
 *
 * Returns: %TRUE when a parameter has this name (then sets @param)
 */
gboolean
elman_param_from_nick (const char *nick,
                       ElmanParam *param)
{
  g_return_val_if_fail (nick != NULL, FALSE);

  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    if (g_str_equal (params[i].nick, nick) ||
        (params[i].settings_key != NULL && g_str_equal (params[i].settings_key, nick)))
      {
        if (param)
          *param = (ElmanParam) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * elman_config_get_param:
 *
 * Returns: the field of @config that @param names, as a double (a seed
 *   beyond 2^53 is rounded)
 */
double
elman_config_get_param (const ElmanConfig *config,
                        ElmanParam         param)
{
  const ElmanParamInfo *info = elman_param_get_info (param);
  const guint8 *base = (const guint8 *) config;

  g_return_val_if_fail (config != NULL && info != NULL, NAN);

  switch (info->kind)
    {
    case ELMAN_PARAM_UINT:
      return *(const guint *) (base + info->offset);
    case ELMAN_PARAM_UINT64:
      return (double) *(const guint64 *) (base + info->offset);
    case ELMAN_PARAM_DOUBLE:
    default:
      return *(const double *) (base + info->offset);
    }
}

/**
 * elman_config_set_param:
 * @value: the new value; whole-number fields take it rounded and clamped
 *   to what the field can hold (validation checks the range)
 *
 * Sets the field of @config that @param names.
 */
void
elman_config_set_param (ElmanConfig *config,
                        ElmanParam   param,
                        double       value)
{
  const ElmanParamInfo *info = elman_param_get_info (param);
  guint8 *base = (guint8 *) config;

  g_return_if_fail (config != NULL && info != NULL);

  switch (info->kind)
    {
    case ELMAN_PARAM_UINT:
      *(guint *) (base + info->offset) = (guint) CLAMP (round (value), 0, G_MAXUINT);
      break;
    case ELMAN_PARAM_UINT64:
      /* 2^64 itself does not fit: the largest double below it does. */
      *(guint64 *) (base + info->offset) = (guint64) CLAMP (round (value), 0, 18446744073709549568.0);
      break;
    case ELMAN_PARAM_DOUBLE:
    default:
      *(double *) (base + info->offset) = value;
      break;
    }
}

/**
 * elman_param_format:
 *
 * Returns: (transfer full): @value as the CLI reads it back exactly:
 *   whole numbers without a fraction, others in the fewest digits that
 *   round-trip (1e-300, 0.99)
 */
char *
elman_param_format (ElmanParam param,
                    double     value)
{
  const ElmanParamInfo *info = elman_param_get_info (param);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (info != NULL, NULL);

  if (info->kind != ELMAN_PARAM_DOUBLE && isfinite (value))
    return g_strdup_printf ("%.0f", value);
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (isfinite (value) && g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  return g_strdup (buf);
}

/**
 * elman_param_check:
 *
 * Returns: %TRUE when @value is in the range of @param; otherwise sets
 *   @error (%ELMAN_CONFIG_ERROR_INVALID) to a message naming both
 */
gboolean
elman_param_check (ElmanParam   param,
                   double       value,
                   GError     **error)
{
  const ElmanParamInfo *info = elman_param_get_info (param);
  g_autofree char *min = NULL, *max = NULL, *text = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  if (isfinite (value) && value >= info->min && value <= info->max)
    return TRUE;

  min = elman_param_format (param, info->min);
  max = elman_param_format (param, info->max);
  text = elman_param_format (param, value);
  /* Translators: e.g. "Hidden units (J) must be between 1 and 4096, not 5000". */
  g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID,
               _("%s must be between %s and %s, not %s"), _(info->label), min, max, text);
  return FALSE;
}

/**
 * elman_param_get_ui_range:
 *
 * Fills @range with the numbers of the app's GtkAdjustment for @param: in
 * log10 units when the spin button is logarithmic, scaled to percent
 * where the app shows one, and stopping at 2^53 (a double's exact
 * integers) for 64-bit fields.
 */
void
elman_param_get_ui_range (ElmanParam       param,
                          ElmanParamRange *range)
{
  const ElmanParamInfo *info = elman_param_get_info (param);

  g_return_if_fail (info != NULL && range != NULL);

  if (info->logarithmic)
    {
      range->lower = log10 (info->min);
      range->upper = log10 (info->max);
      range->value = log10 (info->default_value);
    }
  else
    {
      range->lower = info->min * info->ui_scale;
      range->upper = MIN (info->max * info->ui_scale, ELMAN_PARAM_UI_MAX);
      range->value = info->default_value * info->ui_scale;
    }
  range->step = info->step;
  range->page = info->page;
  range->digits = info->digits;
}

/**
 * elman_params_network_fits:
 *
 * Returns: whether a network of window @window, horizon @horizon and
 *   @hidden hidden units stays within 64 Mi weights (J·J + J·T + K·J),
 *   the limit of configurations and model files alike
 */
gboolean
elman_params_network_fits (guint window,
                           guint horizon,
                           guint hidden)
{
  return (guint64) hidden * hidden + (guint64) hidden * window + (guint64) horizon * hidden <= 64 * 1024 * 1024;
}

/* ------------------------------------------------------------------ */
/* Registered enums                                                    */

/**
 * elman_enum_to_nick:
 * @type: an enum type made by glib-mkenums
 *
 * Returns: (nullable): the nick of @value, or %NULL when @type has no
 *   such value
 */
const char *
elman_enum_to_nick (GType type,
                    int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  /* The class stays alive for the program's life: static types are
   * never unloaded, so the nick outlives this reference. */
  return v ? v->value_nick : NULL;
}

/**
 * elman_enum_from_nick:
 * @nick: (nullable): a nick, in any case
 *
 * Returns: %TRUE when @type has a value named @nick (then sets @value);
 *   otherwise leaves @value alone
 */
gboolean
elman_enum_from_nick (GType       type,
                      const char *nick,
                      int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  for (guint i = 0; i < klass->n_values; i++)
    if (g_ascii_strcasecmp (klass->values[i].value_nick, nick) == 0)
      {
        *value = klass->values[i].value;
        return TRUE;
      }
  return FALSE;
}

/**
 * elman_enum_list_nicks:
 * @separator: put between two nicks, e.g. ", "
 *
 * Returns: (transfer full): the nicks of @type in declaration order
 */
char *
elman_enum_list_nicks (GType       type,
                       const char *separator)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, klass->values[i].value_nick);
    }
  return g_string_free (s, FALSE);
}
