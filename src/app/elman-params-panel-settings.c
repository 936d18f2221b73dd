/* elman-params-panel-settings.c — the parameters ↔ GSettings
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "elman-enum-types.h"
#include "elman-params-panel.h"
#include "elman-params-ui.h"
#include "elman-params.h"

/* The enum parameters: their key, their type (the schema's choices are
 * its nicks) and their field of ElmanConfig. The numeric ones come from
 * the core's parameter table (settings_key). */
typedef struct
{
  const char *key;
  GType     (*get_type) (void);
  gsize       offset;
} EnumKey;

static const EnumKey enum_keys[] = {
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
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      double a = elman_config_get_param (config, i), b = elman_config_get_param (&p, i);

      if (is_preset_param (i) && fabs (a - b) > 1e-9 * MAX (1, fabs (b)))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (enum_keys); i++)
    if (G_STRUCT_MEMBER (int, config, enum_keys[i].offset) != G_STRUCT_MEMBER (int, &p, enum_keys[i].offset))
      return FALSE;
  return config->bias == p.bias;
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

/* The spin buttons of the table's parameters, by template id. */
static const struct
{
  ElmanParam  param;
  const char *spin;
} spins[] = {
  { ELMAN_PARAM_WINDOW,        "window_spin" },
  { ELMAN_PARAM_HORIZON,       "horizon_spin" },
  { ELMAN_PARAM_HIDDEN,        "hidden_spin" },
  { ELMAN_PARAM_LEARNING_RATE, "rate_spin" },
  { ELMAN_PARAM_EPOCHS,        "epochs_spin" },
  { ELMAN_PARAM_SEED,          "seed_spin" },
  { ELMAN_PARAM_TEST_FRACTION, "test_spin" },
  { ELMAN_PARAM_ENSEMBLE,      "ensemble_spin" },
};

static GObject *
template_child (ElmanParamsPanel *self,
                const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (self), ELMAN_TYPE_PARAMS_PANEL, name);

  g_assert (object != NULL);
  return object;
}

/* Called by elman_params_panel_set_settings(): every parameter persists in
 * GSettings; the widgets are views of it, with the ranges, steps and
 * defaults of the core's parameter table. */
void
elman_params_panel_bind_settings (ElmanParamsPanel *self,
                                  GSettings        *settings)
{
  /* First start: fill the parameters from the preset the core defines. */
  if (!g_settings_get_boolean (settings, "parameters-initialized"))
    {
      elman_settings_write_preset ((ElmanPreset) g_settings_get_enum (settings, "preset"));
      g_settings_set_boolean (settings, "parameters-initialized", TRUE);
    }

  elman_params_bind_combo (settings, "preset", ADW_COMBO_ROW (template_child (self, "preset_row")),
                           ELMAN_TYPE_PRESET);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    elman_params_bind_spin (settings, GTK_SPIN_BUTTON (template_child (self, spins[i].spin)), spins[i].param);
  for (guint i = 0; i < G_N_ELEMENTS (enum_keys); i++)
    {
      g_autofree char *row = g_strdup_printf ("%s_row", enum_keys[i].key);

      elman_params_bind_combo (settings, enum_keys[i].key, ADW_COMBO_ROW (template_child (self, row)),
                               enum_keys[i].get_type ());
    }
  g_settings_bind (settings, "bias", template_child (self, "bias_switch"), "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-search", template_child (self, "auto_switch"), "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* What the search picks is not the user's to set meanwhile. */
  {
    static const char *searched[] = { "window_row", "hidden_row", "rate_row", "transform_row" };

    for (guint i = 0; i < G_N_ELEMENTS (searched); i++)
      g_settings_bind (settings, "auto-search", template_child (self, searched[i]), "sensitive",
                       G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  }
}
