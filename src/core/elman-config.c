/* elman-config.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "elman-config.h"

G_DEFINE_QUARK (elman-config-error-quark, elman_config_error)

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

  memset (config, 0, sizeof *config);

  /* Shared by both presets: the shape of the problem and the evaluation
   * protocol are not part of the derivation's learning rule. */
  config->window = 12;
  config->horizon = 1;
  config->hidden = 16;
  config->seed = 42;
  config->test_fraction = 0.2;
  config->season = 0;
  config->ensemble = 1;

  switch (preset)
    {
    case ELMAN_PRESET_SEED:
      config->learning_rate = 1e-6;
      config->epochs = 200;
      config->init = ELMAN_INIT_ZEROS;
      config->gradient = ELMAN_GRADIENT_TRUNCATED;
      config->loss = ELMAN_LOSS_SUM;
      config->optimizer = ELMAN_OPTIMIZER_SGD;
      config->bias = FALSE;
      config->normalize = ELMAN_NORMALIZE_NONE;
      config->transform = ELMAN_TRANSFORM_NONE;
      config->valid_fraction = 0.0;
      config->patience = 0;
      config->clip = 0.0;
      break;

    case ELMAN_PRESET_RECOMMENDED:
    default:
      config->learning_rate = 0.01;
      config->epochs = 500;
      config->init = ELMAN_INIT_GLOROT;
      config->gradient = ELMAN_GRADIENT_BPTT;
      config->loss = ELMAN_LOSS_MEAN;
      config->optimizer = ELMAN_OPTIMIZER_ADAM;
      config->bias = TRUE;
      config->normalize = ELMAN_NORMALIZE_ZSCORE;
      config->transform = ELMAN_TRANSFORM_AUTO;
      config->valid_fraction = 0.2;
      config->patience = 100;
      config->clip = 5.0;
      break;
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

#define INVALID(...) \
  G_STMT_START { \
    g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (config->window < 1 || config->window > 100000)
    INVALID (_("The window T must be between 1 and 100000, not %u"), config->window);
  if (config->horizon < 1 || config->horizon > 10000)
    INVALID (_("The horizon K must be between 1 and 10000, not %u"), config->horizon);
  if (config->hidden < 1 || config->hidden > 4096)
    INVALID (_("The number of hidden units J must be between 1 and 4096, not %u"), config->hidden);
  if (!isfinite (config->learning_rate) || config->learning_rate <= 0 || config->learning_rate > 1e6)
    INVALID (_("The learning rate must be a positive number no larger than 1e6, not %g"),
             config->learning_rate);
  if (config->epochs < 1 || config->epochs > 100000000)
    INVALID (_("The number of epochs must be between 1 and 100000000, not %u"), config->epochs);
  if (!isfinite (config->test_fraction) || config->test_fraction < 0 || config->test_fraction >= 1)
    INVALID (_("The test fraction must be at least 0 and below 1, not %g"), config->test_fraction);
  if (!isfinite (config->valid_fraction) || config->valid_fraction < 0 || config->valid_fraction >= 1)
    INVALID (_("The validation fraction must be at least 0 and below 1, not %g"), config->valid_fraction);
  if (!isfinite (config->clip) || config->clip < 0)
    INVALID (_("The gradient clip must be 0 (off) or positive, not %g"), config->clip);
  if (config->ensemble < 1 || config->ensemble > 100)
    INVALID (_("The ensemble size must be between 1 and 100, not %u"), config->ensemble);
  if (config->season > 100000)
    INVALID (_("The season length must be at most 100000, not %u"), config->season);
  if ((guint64) config->hidden * config->hidden + (guint64) config->hidden * config->window
      + (guint64) config->horizon * config->hidden > 64 * 1024 * 1024)
    INVALID (_("The network is too large: J·J + J·T + K·J must stay below 67 million weights"));

#undef INVALID

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
    }

  return TRUE;
}

typedef struct
{
  const char *name;
  int         value;
} EnumName;

static const EnumName preset_names[] = {
  { "recommended", ELMAN_PRESET_RECOMMENDED }, { "seed", ELMAN_PRESET_SEED }, { NULL, 0 } };
static const EnumName init_names[] = {
  { "zeros", ELMAN_INIT_ZEROS }, { "glorot", ELMAN_INIT_GLOROT }, { NULL, 0 } };
static const EnumName gradient_names[] = {
  { "truncated", ELMAN_GRADIENT_TRUNCATED }, { "bptt", ELMAN_GRADIENT_BPTT }, { NULL, 0 } };
static const EnumName loss_names[] = {
  { "sum", ELMAN_LOSS_SUM }, { "mean", ELMAN_LOSS_MEAN }, { NULL, 0 } };
static const EnumName optimizer_names[] = {
  { "sgd", ELMAN_OPTIMIZER_SGD }, { "adam", ELMAN_OPTIMIZER_ADAM }, { NULL, 0 } };
static const EnumName normalize_names[] = {
  { "none", ELMAN_NORMALIZE_NONE }, { "zscore", ELMAN_NORMALIZE_ZSCORE },
  { "minmax", ELMAN_NORMALIZE_MINMAX }, { NULL, 0 } };
static const EnumName transform_names[] = {
  { "none", ELMAN_TRANSFORM_NONE }, { "diff", ELMAN_TRANSFORM_DIFF },
  { "seasonal-diff", ELMAN_TRANSFORM_SEASONAL_DIFF }, { "relative", ELMAN_TRANSFORM_RELATIVE },
  { "relative-mean", ELMAN_TRANSFORM_RELATIVE_MEAN }, { "auto", ELMAN_TRANSFORM_AUTO }, { NULL, 0 } };

static const char *
enum_to_string (const EnumName *names,
                int             value)
{
  for (guint i = 0; names[i].name; i++)
    if (names[i].value == value)
      return names[i].name;
  return NULL;
}

static gboolean
enum_from_string (const EnumName *names,
                  const char     *name,
                  int            *value)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; names[i].name; i++)
    if (g_ascii_strcasecmp (names[i].name, name) == 0)
      {
        *value = names[i].value;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_NAMES(prefix, Type, table) \
  const char * \
  elman_##prefix##_to_string (Type value) \
  { \
    return enum_to_string (table, (int) value); \
  } \
  gboolean \
  elman_##prefix##_from_string (const char *name, \
                                Type       *value) \
  { \
    int v; \
    if (!enum_from_string (table, name, &v)) \
      return FALSE; \
    *value = (Type) v; \
    return TRUE; \
  }

DEFINE_ENUM_NAMES (preset, ElmanPreset, preset_names)
DEFINE_ENUM_NAMES (init, ElmanInit, init_names)
DEFINE_ENUM_NAMES (gradient, ElmanGradient, gradient_names)
DEFINE_ENUM_NAMES (loss, ElmanLoss, loss_names)
DEFINE_ENUM_NAMES (optimizer, ElmanOptimizer, optimizer_names)
DEFINE_ENUM_NAMES (normalize, ElmanNormalize, normalize_names)
DEFINE_ENUM_NAMES (transform, ElmanTransform, transform_names)
