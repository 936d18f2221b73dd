/* elman-params-panel-settings.c — the sidebar's rows bound to GSettings
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include "elman-enum-types.h"
#include "elman-params-panel.h"
#include "elman-params-ui.h"
#include "elman-settings.h"

static GObject *
template_child (ElmanParamsPanel *self,
                const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (self), ELMAN_TYPE_PARAMS_PANEL, name);

  g_assert (object != NULL);
  return object;
}

/* Called by elman_params_panel_set_settings() with the panel's spin
 * buttons (each knows its parameter): every parameter persists in
 * GSettings; the widgets are views of it, with the ranges, steps and
 * defaults of the core's parameter table. */
void
elman_params_panel_bind_settings (ElmanParamsPanel *self,
                                  GSettings        *settings,
                                  GPtrArray        *spins)
{
  const ElmanSettingsEnumKey *enum_keys;
  guint n_enum_keys;

  /* First start: fill the parameters from the preset the core defines. */
  if (!g_settings_get_boolean (settings, "parameters-initialized"))
    {
      elman_settings_write_preset ((ElmanPreset) g_settings_get_enum (settings, "preset"));
      g_settings_set_boolean (settings, "parameters-initialized", TRUE);
    }

  elman_params_bind_combo (settings, "preset", ADW_COMBO_ROW (template_child (self, "preset_row")),
                           ELMAN_TYPE_PRESET);
  for (guint i = 0; i < spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (spins, i);

      elman_params_bind_spin (settings, spin, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "elman-param")));
    }
  enum_keys = elman_settings_get_enum_keys (&n_enum_keys);
  for (guint i = 0; i < n_enum_keys; i++)
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
