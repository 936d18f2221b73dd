/* elman-config.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-config"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "elman-config.h"
#include "elman-enum-types.h"
#include "elman-params.h"

G_DEFINE_QUARK (elman-config-error-quark, elman_config_error)

/* The learning rule of each preset; the numbers come from the parameter
 * table, whose defaults are the recommended preset's. */
static const struct
{
  ElmanInit      init;
  ElmanGradient  gradient;
  ElmanLoss      loss;
  ElmanOptimizer optimizer;
  gboolean       bias;
  ElmanNormalize normalize;
  ElmanTransform transform;
} preset_rules[] = {
  [ELMAN_PRESET_RECOMMENDED] = { ELMAN_INIT_GLOROT, ELMAN_GRADIENT_BPTT, ELMAN_LOSS_MEAN, ELMAN_OPTIMIZER_ADAM,
                                 TRUE, ELMAN_NORMALIZE_ZSCORE, ELMAN_TRANSFORM_AUTO },
  [ELMAN_PRESET_SEED] = { ELMAN_INIT_ZEROS, ELMAN_GRADIENT_TRUNCATED, ELMAN_LOSS_SUM, ELMAN_OPTIMIZER_SGD,
                          FALSE, ELMAN_NORMALIZE_NONE, ELMAN_TRANSFORM_NONE },
};

/**
 * elman_config_init:
 * @preset: %ELMAN_PRESET_SEED is the derivation exactly (zero weights, no
 *   biases, truncated gradient, summed loss, plain gradient descent, raw
 *   data); %ELMAN_PRESET_RECOMMENDED is what learns real series.
 *
 * Fills every field of @config from @preset.
 */
void
elman_config_init (ElmanConfig *config,
                   ElmanPreset  preset)
{
  g_return_if_fail (config != NULL);

  if ((guint) preset >= G_N_ELEMENTS (preset_rules))
    preset = ELMAN_PRESET_RECOMMENDED;

  memset (config, 0, sizeof *config);
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    elman_config_set_param (config, (ElmanParam) i, elman_param_get_info ((ElmanParam) i)->default_value);

  config->init = preset_rules[preset].init;
  config->gradient = preset_rules[preset].gradient;
  config->loss = preset_rules[preset].loss;
  config->optimizer = preset_rules[preset].optimizer;
  config->bias = preset_rules[preset].bias;
  config->normalize = preset_rules[preset].normalize;
  config->transform = preset_rules[preset].transform;

  /* The derivation: a tiny fixed step on raw data, no early stopping. */
  if (preset == ELMAN_PRESET_SEED)
    {
      config->learning_rate = 1e-6;
      config->epochs = 200;
      config->valid_fraction = 0.0;
      config->patience = 0;
      config->clip = 0.0;
    }
}

static gsize
ceil_fraction (double fraction,
               gsize  n)
{
  return (gsize) ceil (fraction * (double) n - 1e-9);
}

/**
 * elman_config_split:
 * @n_train: (out): values before the held-out test part
 * @n_valid: (out): the last values of the training part used for
 *   validation (0 without one)
 *
 * The chronological split: with F = test_fraction > 0,
 * n_test = max(⌈F·n⌉, 2K) and n_train = n − n_test; validation is the
 * last max(⌈valid_fraction·n_train⌉, 2K) values of the training part.
 * Results are clamped to @n_values.
 */
void
elman_config_split (const ElmanConfig *config,
                    gsize              n_values,
                    gsize             *n_train,
                    gsize             *n_valid)
{
  gsize test = 0, valid = 0, train;

  g_return_if_fail (config != NULL);

  if (config->test_fraction > 0)
    test = MAX (ceil_fraction (config->test_fraction, n_values), 2 * (gsize) config->horizon);
  test = MIN (test, n_values);
  train = n_values - test;

  if (config->valid_fraction > 0)
    valid = MAX (ceil_fraction (config->valid_fraction, train), 2 * (gsize) config->horizon);
  valid = MIN (valid, train);

  if (n_train)
    *n_train = train;
  if (n_valid)
    *n_valid = valid;
}

/**
 * elman_config_validate:
 * @n_values: length of the series to train on, or 0 to check only the
 *   parameters themselves
 *
 * Returns: %TRUE when a run with @config can work; otherwise sets @error
 *   to a one-line explanation fit for the user.
 */
gboolean
elman_config_validate (const ElmanConfig  *config,
                       gsize               n_values,
                       GError            **error)
{
  g_return_val_if_fail (config != NULL, FALSE);

  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    if (!elman_param_check ((ElmanParam) i, elman_config_get_param (config, (ElmanParam) i), error))
      return FALSE;
  if (!elman_params_network_fits (config->window, config->horizon, config->hidden))
    {
      g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID,
                   _("The network is too large: J·J + J·T + K·J must stay below 67 million weights"));
      return FALSE;
    }

  if (n_values > 0)
    {
      gsize n_train, n_valid, lag, needed;

      elman_config_split (config, n_values, &n_train, &n_valid);
      lag = config->transform == ELMAN_TRANSFORM_DIFF ? 1 :
            config->transform == ELMAN_TRANSFORM_SEASONAL_DIFF ? MAX (config->season, 1) : 0;
      /* At least one training window: T inputs (plus the transform's lag)
       * and K targets, all before the validation part. */
      needed = config->window + config->horizon + lag;
      if (n_train - n_valid < needed)
        {
          g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_TOO_SHORT,
                       _("Too few values: %zu training values (of %zu) but T + K = %u + %u needs at least %zu; "
                         "lower T or K, or the test fraction"),
                       n_train - n_valid, n_values, config->window, config->horizon, needed);
          return FALSE;
        }
      /* A season shows only when the training part holds two of them. */
      if (config->season > n_train / 2)
        {
          g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID,
                       _("The season m = %u is too long for %zu training values (of %zu): it can be at most "
                         "half of them, %zu"),
                       config->season, n_train, n_values, n_train / 2);
          return FALSE;
        }
    }

  return TRUE;
}

/* The names are the nicks of the registered enums (elman-enum-types.h). */
#define DEFINE_ENUM_NAMES(prefix, Type, TYPE) \
  const char * \
  elman_##prefix##_to_string (Type value) \
  { \
    return elman_enum_to_nick (TYPE, (int) value); \
  } \
  gboolean \
  elman_##prefix##_from_string (const char *name, \
                                Type       *value) \
  { \
    int v; \
    if (!elman_enum_from_nick (TYPE, name, &v)) \
      return FALSE; \
    *value = (Type) v; \
    return TRUE; \
  }

DEFINE_ENUM_NAMES (preset, ElmanPreset, ELMAN_TYPE_PRESET)
DEFINE_ENUM_NAMES (init, ElmanInit, ELMAN_TYPE_INIT)
DEFINE_ENUM_NAMES (gradient, ElmanGradient, ELMAN_TYPE_GRADIENT)
DEFINE_ENUM_NAMES (loss, ElmanLoss, ELMAN_TYPE_LOSS)
DEFINE_ENUM_NAMES (optimizer, ElmanOptimizer, ELMAN_TYPE_OPTIMIZER)
DEFINE_ENUM_NAMES (normalize, ElmanNormalize, ELMAN_TYPE_NORMALIZE)
DEFINE_ENUM_NAMES (transform, ElmanTransform, ELMAN_TYPE_TRANSFORM)
