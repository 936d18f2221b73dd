/* elman-settings.c — the training parameters in GSettings
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>

#include "elman-enum-types.h"
#include "elman-params.h"
#include "elman-settings.h"

/* The enum parameters: their key, their type (the schema's choices are
 * its nicks) and their field of ElmanConfig. The numeric ones come from
 * the core's parameter table (settings_key). */
static const ElmanSettingsEnumKey enum_keys[] = {
  { "init",      elman_init_get_type,      G_STRUCT_OFFSET (ElmanConfig, init) },
  { "gradient",  elman_gradient_get_type,  G_STRUCT_OFFSET (ElmanConfig, gradient) },
  { "loss",      elman_loss_get_type,      G_STRUCT_OFFSET (ElmanConfig, loss) },
  { "optimizer", elman_optimizer_get_type, G_STRUCT_OFFSET (ElmanConfig, optimizer) },
  { "normalize", elman_normalize_get_type, G_STRUCT_OFFSET (ElmanConfig, normalize) },
  { "transform", elman_transform_get_type, G_STRUCT_OFFSET (ElmanConfig, transform) },
};

/* A preset sets every stored parameter but the ensemble size. */
static gboolean
is_preset_param (ElmanParam param)
{
  return elman_param_get_info (param)->settings_key != NULL && param != ELMAN_PARAM_ENSEMBLE;
}

static double
get_number (GSettings  *settings,
            const char *key)
{
  g_autoptr(GVariant) v = g_settings_get_value (settings, key);

  if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT64))
    return (double) g_variant_get_uint64 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (v);
  return g_variant_get_double (v);
}

static void
set_number (GSettings  *settings,
            const char *key,
            double      value)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, key);

  if (g_variant_is_of_type (old, G_VARIANT_TYPE_UINT64))
    g_settings_set_uint64 (settings, key, (guint64) value);
  else if (g_variant_is_of_type (old, G_VARIANT_TYPE_UINT32))
    g_settings_set_uint (settings, key, (guint) value);
  else
    g_settings_set_double (settings, key, value);
}

/**
 * elman_settings_read_config:
 *
 * Fills @config from the preset and the stored parameters.
 */
void
elman_settings_read_config (GSettings   *settings,
                            ElmanConfig *config)
{
  elman_config_init (config, (ElmanPreset) g_settings_get_enum (settings, "preset"));
  for (guint p = 0; p < ELMAN_N_PARAMS; p++)
    {
      const char *key = elman_param_get_info (p)->settings_key;

      if (key != NULL)
        elman_config_set_param (config, p, get_number (settings, key));
    }
  for (guint i = 0; i < G_N_ELEMENTS (enum_keys); i++)
    G_STRUCT_MEMBER (int, config, enum_keys[i].offset) = g_settings_get_enum (settings, enum_keys[i].key);
  config->bias = g_settings_get_boolean (settings, "bias");
}

/**
 * elman_settings_write_preset:
 *
 * Stores the values of @preset, in one batch of changes.
 */
void
elman_settings_write_preset (ElmanPreset preset)
{
  /* A GSettings of its own, since delay-apply mode cannot be left again. */
  g_autoptr(GSettings) s = g_settings_new (APP_ID);
  ElmanConfig config;

  elman_config_init (&config, preset);

  g_settings_delay (s);
  for (guint p = 0; p < ELMAN_N_PARAMS; p++)
    if (is_preset_param (p))
      set_number (s, elman_param_get_info (p)->settings_key, elman_config_get_param (&config, p));
  for (guint i = 0; i < G_N_ELEMENTS (enum_keys); i++)
    g_settings_set_enum (s, enum_keys[i].key, G_STRUCT_MEMBER (int, &config, enum_keys[i].offset));
  g_settings_set_boolean (s, "bias", config.bias);
  g_settings_apply (s);
}

/* Whether @a and @b agree on every stored parameter (the ensemble size
 * too, unless @with_ensemble is FALSE). */
static gboolean
configs_equal (const ElmanConfig *a,
               const ElmanConfig *b,
               gboolean           with_ensemble)
{
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      double x = elman_config_get_param (a, i), y = elman_config_get_param (b, i);

      if (elman_param_get_info (i)->settings_key == NULL || (i == ELMAN_PARAM_ENSEMBLE && !with_ensemble))
        continue;
      if (fabs (x - y) > 1e-9 * MAX (1, fabs (y)))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (enum_keys); i++)
    if (G_STRUCT_MEMBER (int, a, enum_keys[i].offset) != G_STRUCT_MEMBER (int, b, enum_keys[i].offset))
      return FALSE;
  return a->bias == b->bias;
}

/**
 * elman_settings_config_is_preset:
 *
 * Returns: whether the parameters of @config that a preset sets are
 *   those of @preset
 */
gboolean
elman_settings_config_is_preset (const ElmanConfig *config,
                                 ElmanPreset        preset)
{
  ElmanConfig p;

  elman_config_init (&p, preset);
  return configs_equal (config, &p, FALSE);
}

/**
 * elman_settings_config_equal:
 *
 * Returns: whether @a and @b agree on every parameter the app stores
 */
gboolean
elman_settings_config_equal (const ElmanConfig *a,
                             const ElmanConfig *b)
{
  return configs_equal (a, b, TRUE);
}

/**
 * elman_settings_is_parameter_key:
 *
 * Returns: whether @key is a training parameter (the others hold the
 *   window's size, the last file, export choices and the style)
 */
gboolean
elman_settings_is_parameter_key (const char *key)
{
  return !(g_str_equal (key, "window-width") || g_str_equal (key, "window-height") ||
           g_str_equal (key, "window-maximized") || g_str_has_prefix (key, "export-") ||
           g_str_has_prefix (key, "last-") || g_str_equal (key, "color-scheme"));
}

/**
 * elman_settings_get_enum_keys:
 *
 * Returns: the enum parameters' keys (@n_keys of them)
 */
const ElmanSettingsEnumKey *
elman_settings_get_enum_keys (guint *n_keys)
{
  *n_keys = G_N_ELEMENTS (enum_keys);
  return enum_keys;
}
