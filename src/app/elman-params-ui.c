/* elman-params-ui.c — the app's widgets from the parameter table
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>

#include "elman-params-ui.h"

/**
 * elman_params_configure_spin:
 *
 * Gives @spin the range, steps, digits and default value of @param, in
 * the units it shows (log10 for the learning rate, percent for
 * fractions). Call it before binding the spin button to its setting.
 */
void
elman_params_configure_spin (GtkSpinButton *spin,
                             ElmanParam     param)
{
  ElmanParamRange range;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  elman_param_get_ui_range (param, &range);
  gtk_adjustment_configure (gtk_spin_button_get_adjustment (spin), range.value, range.lower, range.upper,
                            range.step, range.page, 0);
  gtk_spin_button_set_digits (spin, range.digits);
}

/* GSettings → spin button: log10 of the value, or the value scaled (a
 * fraction to percent, to a tenth). */
static gboolean
setting_to_spin (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) GPOINTER_TO_UINT (user_data));
  double v;

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT64))
    v = (double) g_variant_get_uint64 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT32))
    v = g_variant_get_uint32 (variant);
  else
    v = g_variant_get_double (variant);

  if (info->logarithmic)
    v = log10 (v);
  else if (info->ui_scale != 1)
    v = round (v * info->ui_scale * 10) / 10;
  g_value_set_double (value, v);
  return TRUE;
}

static GVariant *
spin_to_setting (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) GPOINTER_TO_UINT (user_data));
  double v = g_value_get_double (value);

  if (info->logarithmic)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* Three significant digits: 10^-2.52… stays 3e-3, not 3.0000000001e-3. */
      g_ascii_formatd (buf, sizeof buf, "%.3g", pow (10, v));
      v = g_ascii_strtod (buf, NULL);
    }
  else
    v /= info->ui_scale;

  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_UINT64))
    return g_variant_new_uint64 ((guint64) MAX (0, round (v)));
  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_UINT32))
    return g_variant_new_uint32 ((guint32) MIN (MAX (0, round (v)), G_MAXUINT32));
  return g_variant_new_double (v);
}

/**
 * elman_params_bind_spin:
 *
 * Configures @spin for @param (elman_params_configure_spin()) and binds
 * its value to the parameter's GSettings key.
 */
void
elman_params_bind_spin (GSettings     *settings,
                        GtkSpinButton *spin,
                        ElmanParam     param)
{
  const ElmanParamInfo *info = elman_param_get_info (param);

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (info != NULL && info->settings_key != NULL);

  elman_params_configure_spin (spin, param);
  g_settings_bind_with_mapping (settings, info->settings_key, gtk_spin_button_get_adjustment (spin), "value",
                                G_SETTINGS_BIND_DEFAULT, setting_to_spin, spin_to_setting,
                                GUINT_TO_POINTER (param), NULL);
}

/**
 * elman_params_enum_position:
 * @type: an enum registered with glib-mkenums
 *
 * Returns: where @value is in the declaration order of @type, which is
 *   the order of the items of the combo row that shows it
 */
guint
elman_params_enum_position (GType type,
                            int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value == value)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  GType type = (GType) GPOINTER_TO_SIZE (user_data);
  int v;

  if (!elman_enum_from_nick (type, g_variant_get_string (variant, NULL), &v))
    return FALSE;
  g_value_set_uint (value, elman_params_enum_position (type, v));
  return TRUE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  GType type = (GType) GPOINTER_TO_SIZE (user_data);
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  guint selected = g_value_get_uint (value);

  if (selected >= klass->n_values)
    return NULL;
  return g_variant_new_string (klass->values[selected].value_nick);
}

/**
 * elman_params_bind_combo:
 * @key: an enum key of @settings whose choices are the nicks of @type
 * @type: the enum registered with glib-mkenums
 *
 * Binds the selected item of @row (its items in the declaration order
 * of @type) to @key.
 */
void
elman_params_bind_combo (GSettings   *settings,
                         const char  *key,
                         AdwComboRow *row,
                         GType        type)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick,
                                GSIZE_TO_POINTER ((gsize) type), NULL);
}
