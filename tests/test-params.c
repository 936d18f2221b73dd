/* test-params.c — the parameter table against validation, the GSettings
 * schema and the window's .ui
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "elman-config.h"
#include "elman-enum-types.h"
#include "elman-params.h"
#include "elman-series-loader.h"

/* The enum keys of the schema and the combo rows of the window. */
static const struct
{
  const char *key;
  const char *row;
  GType     (*get_type) (void);
} enum_keys[] = {
  { "preset", "preset_row", elman_preset_get_type },
  { "init", "init_row", elman_init_get_type },
  { "gradient", "gradient_row", elman_gradient_get_type },
  { "loss", "loss_row", elman_loss_get_type },
  { "optimizer", "optimizer_row", elman_optimizer_get_type },
  { "normalize", "normalize_row", elman_normalize_get_type },
  { "transform", "transform_row", elman_transform_get_type },
};

/* The window's spin buttons (ids in ui/elman-params-panel.ui). */
static const struct
{
  const char *spin;
  ElmanParam  param;
} spins[] = {
  { "window_spin", ELMAN_PARAM_WINDOW },
  { "horizon_spin", ELMAN_PARAM_HORIZON },
  { "hidden_spin", ELMAN_PARAM_HIDDEN },
  { "rate_spin", ELMAN_PARAM_LEARNING_RATE },
  { "epochs_spin", ELMAN_PARAM_EPOCHS },
  { "seed_spin", ELMAN_PARAM_SEED },
  { "test_spin", ELMAN_PARAM_TEST_FRACTION },
  { "ensemble_spin", ELMAN_PARAM_ENSEMBLE },
};

static void
test_table (void)
{
  ElmanConfig recommended, seed;

  elman_config_init (&recommended, ELMAN_PRESET_RECOMMENDED);
  elman_config_init (&seed, ELMAN_PRESET_SEED);

  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) i);
      ElmanParam found;

      g_test_message ("parameter %s", info->nick);
      g_assert_nonnull (info->label);
      g_assert_nonnull (info->help);
      g_assert_nonnull (info->arg);
      g_assert_true (elman_param_from_nick (info->nick, &found));
      g_assert_cmpint (found, ==, i);
      if (info->settings_key)
        {
          g_assert_true (elman_param_from_nick (info->settings_key, &found));
          g_assert_cmpint (found, ==, i);
        }
      g_assert_cmpfloat (info->min, <=, info->default_value);
      g_assert_cmpfloat (info->default_value, <=, info->max);
      g_assert_cmpfloat (info->step, >, 0);
      g_assert_cmpfloat (info->page, >=, info->step);
      g_assert_true (info->ui_scale > 0);
      if (info->logarithmic)
        g_assert_cmpfloat (info->min, >, 0);
      if (info->kind != ELMAN_PARAM_DOUBLE)
        {
          g_assert_cmpfloat (info->min, ==, floor (info->min));
          g_assert_cmpfloat (info->default_value, ==, floor (info->default_value));
          g_assert_cmpuint (info->digits, ==, 0);
        }
      /* The recommended preset is the table's defaults. */
      g_assert_cmpfloat (elman_config_get_param (&recommended, (ElmanParam) i), ==, info->default_value);
    }

  g_assert_false (elman_param_from_nick ("no-such-parameter", NULL));

  /* Numbers as the CLI reads them back. */
  {
    g_autofree char *a = elman_param_format (ELMAN_PARAM_TEST_FRACTION, 0.99);
    g_autofree char *b = elman_param_format (ELMAN_PARAM_LEARNING_RATE, 1e-300);
    g_autofree char *c = elman_param_format (ELMAN_PARAM_EPOCHS, 1e8);
    g_autofree char *d = elman_param_format (ELMAN_PARAM_TEST_FRACTION, 0.1 + 0.2);

    g_assert_cmpstr (a, ==, "0.99");
    g_assert_cmpstr (b, ==, "1e-300");
    g_assert_cmpstr (c, ==, "100000000");
    g_assert_cmpstr (d, ==, "0.30000000000000004");
  }
  g_assert_true (elman_config_validate (&recommended, 0, NULL));
  g_assert_true (elman_config_validate (&seed, 0, NULL));
}

static void
assert_invalid (const ElmanConfig *config,
                const char        *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (elman_config_validate (config, 0, &error));
  g_assert_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, label));
}

/* Each parameter at its bounds passes; one step beyond fails and names it. */
static void
test_validate_bounds (void)
{
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) i);
      ElmanConfig config;
      g_autoptr(GError) error = NULL;

      g_test_message ("parameter %s", info->nick);
      elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);

      elman_config_set_param (&config, (ElmanParam) i, info->min);
      g_assert_true (elman_config_validate (&config, 0, &error));
      g_assert_no_error (error);
      g_assert_true (elman_param_check ((ElmanParam) i, info->min, NULL));

      elman_config_set_param (&config, (ElmanParam) i, info->max);
      g_assert_true (elman_config_validate (&config, 0, &error));
      g_assert_no_error (error);
      g_assert_true (elman_param_check ((ElmanParam) i, info->max, NULL));

      switch (info->kind)
        {
        case ELMAN_PARAM_UINT:
          if (info->min > 0)
            {
              elman_config_set_param (&config, (ElmanParam) i, info->min - 1);
              assert_invalid (&config, info->label);
            }
          g_assert_cmpfloat (info->max, <, G_MAXUINT);
          elman_config_set_param (&config, (ElmanParam) i, info->max + 1);
          assert_invalid (&config, info->label);
          break;

        case ELMAN_PARAM_UINT64:
          /* The seed: every 64-bit value is one. */
          g_assert_cmpfloat (info->min, ==, 0);
          g_assert_cmpfloat (info->max, >=, 18446744073709551615.0);
          config.seed = G_MAXUINT64;
          g_assert_true (elman_config_validate (&config, 0, NULL));
          break;

        case ELMAN_PARAM_DOUBLE:
        default:
          elman_config_set_param (&config, (ElmanParam) i, nextafter (info->min, -INFINITY));
          assert_invalid (&config, info->label);
          elman_config_set_param (&config, (ElmanParam) i, nextafter (info->max, INFINITY));
          assert_invalid (&config, info->label);
          elman_config_set_param (&config, (ElmanParam) i, NAN);
          assert_invalid (&config, info->label);
          break;
        }
    }
}

/* A few values the messages are about. */
static void
test_validate_messages (void)
{
  ElmanConfig config;
  g_autoptr(GError) error = NULL;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.hidden = 4097;
  g_assert_false (elman_config_validate (&config, 0, &error));
  g_assert_cmpstr (error->message, ==, "Hidden units (J) must be between 1 and 4096, not 4097");
  g_clear_error (&error);

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.learning_rate = 0;
  g_assert_false (elman_config_validate (&config, 0, &error));
  g_assert_cmpstr (error->message, ==, "Learning rate (ε) must be between 1e-300 and 1000000, not 0");
  g_clear_error (&error);

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.test_fraction = 1;
  g_assert_false (elman_config_validate (&config, 0, &error));
  g_assert_cmpstr (error->message, ==, "Test fraction must be between 0 and 0.99, not 1");
  g_clear_error (&error);

  /* The network-size limit stays on top of the single ranges:
   * J·J + J·T + K·J ≤ 64 Mi, exactly at 4096² + 4096·12287 + 4096. */
  g_assert_true (elman_params_network_fits (12287, 1, 4096));
  g_assert_false (elman_params_network_fits (12288, 1, 4096));
  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.hidden = 4096;
  config.window = 12287;
  g_assert_true (elman_config_validate (&config, 0, NULL));

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.hidden = 4096;
  config.window = 100000;
  g_assert_false (elman_config_validate (&config, 0, &error));
  g_assert_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too large"));
}

/* The names are those model files and command lines already use. */
static void
test_enum_nicks (void)
{
  ElmanTransform transform = ELMAN_TRANSFORM_NONE;
  ElmanNormalize normalize = ELMAN_NORMALIZE_NONE;
  ElmanGradient gradient = ELMAN_GRADIENT_TRUNCATED;
  int policy = -1;

  g_assert_cmpstr (elman_transform_to_string (ELMAN_TRANSFORM_SEASONAL_DIFF), ==, "seasonal-diff");
  g_assert_cmpstr (elman_transform_to_string (ELMAN_TRANSFORM_RELATIVE_MEAN), ==, "relative-mean");
  g_assert_cmpstr (elman_transform_to_string (ELMAN_TRANSFORM_AUTO), ==, "auto");
  g_assert_cmpstr (elman_normalize_to_string (ELMAN_NORMALIZE_ZSCORE), ==, "zscore");
  g_assert_cmpstr (elman_normalize_to_string (ELMAN_NORMALIZE_MINMAX), ==, "minmax");
  g_assert_cmpstr (elman_gradient_to_string (ELMAN_GRADIENT_BPTT), ==, "bptt");
  g_assert_cmpstr (elman_init_to_string (ELMAN_INIT_GLOROT), ==, "glorot");
  g_assert_cmpstr (elman_loss_to_string (ELMAN_LOSS_SUM), ==, "sum");
  g_assert_cmpstr (elman_optimizer_to_string (ELMAN_OPTIMIZER_ADAM), ==, "adam");
  g_assert_cmpstr (elman_preset_to_string (ELMAN_PRESET_SEED), ==, "seed");
  g_assert_null (elman_transform_to_string ((ElmanTransform) 99));

  /* Case does not matter; unknown names leave the value alone. */
  g_assert_true (elman_transform_from_string ("Relative-Mean", &transform));
  g_assert_cmpint (transform, ==, ELMAN_TRANSFORM_RELATIVE_MEAN);
  g_assert_false (elman_transform_from_string ("relative_mean", &transform));
  g_assert_false (elman_transform_from_string (NULL, &transform));
  g_assert_cmpint (transform, ==, ELMAN_TRANSFORM_RELATIVE_MEAN);
  g_assert_true (elman_normalize_from_string ("MINMAX", &normalize));
  g_assert_cmpint (normalize, ==, ELMAN_NORMALIZE_MINMAX);
  g_assert_true (elman_gradient_from_string ("bptt", &gradient));
  g_assert_cmpint (gradient, ==, ELMAN_GRADIENT_BPTT);
  g_assert_true (elman_enum_from_nick (ELMAN_TYPE_MISSING_POLICY, "interpolate", &policy));
  g_assert_cmpint (policy, ==, ELMAN_MISSING_INTERPOLATE);

  /* Every value round-trips, and the list is in declaration order. */
  for (guint k = 0; k < G_N_ELEMENTS (enum_keys); k++)
    {
      GType type = enum_keys[k].get_type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < klass->n_values; i++)
        {
          int v = -1;

          g_assert_cmpstr (elman_enum_to_nick (type, klass->values[i].value), ==, klass->values[i].value_nick);
          g_assert_true (elman_enum_from_nick (type, klass->values[i].value_nick, &v));
          g_assert_cmpint (v, ==, klass->values[i].value);
        }
    }
  {
    g_autofree char *list = elman_enum_list_nicks (ELMAN_TYPE_TRANSFORM, ", ");
    g_assert_cmpstr (list, ==, "none, diff, seasonal-diff, relative, relative-mean, auto");
  }
}

/* ------------------------------------------------------------------ */
/* The GSettings schema                                                */

static GSettingsSchema *
load_schema (void)
{
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;

  /* The test environment points at the build's compiled schema. */
  g_assert_nonnull (dir);
  source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
  g_assert_no_error (error);
  return g_settings_schema_source_lookup (source, APP_ID, FALSE);
}

static double
variant_to_double (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT64))
    return (double) g_variant_get_uint64 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (v);
  g_assert_true (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE));
  return g_variant_get_double (v);
}

static void
test_schema (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) keys = NULL;
  ElmanConfig recommended;

  g_assert_nonnull (schema);
  /* The test environment sets GSETTINGS_BACKEND=memory. */
  settings = g_settings_new_full (schema, NULL, NULL);
  elman_config_init (&recommended, ELMAN_PRESET_RECOMMENDED);

  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) i);
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) range = NULL, limits = NULL, def = NULL;
      const char *range_type;

      if (info->settings_key == NULL)
        continue;
      g_test_message ("key %s", info->settings_key);
      g_assert_true (g_settings_schema_has_key (schema, info->settings_key));
      key = g_settings_schema_get_key (schema, info->settings_key);

      def = g_settings_schema_key_get_default_value (key);
      g_assert_cmpfloat (variant_to_double (def), ==, info->default_value);

      range = g_settings_schema_key_get_range (key);
      g_variant_get (range, "(&sv)", &range_type, &limits);
      if (info->kind == ELMAN_PARAM_UINT64)
        {
          /* No range: the key takes every value of its type, as the table. */
          g_assert_cmpstr (range_type, ==, "type");
          g_assert_true (g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_UINT64));
          g_assert_cmpfloat (info->max, >=, 18446744073709551615.0);
        }
      else
        {
          g_autoptr(GVariant) lo = NULL, hi = NULL;

          g_assert_cmpstr (range_type, ==, "range");
          g_variant_get (limits, "(**)", &lo, &hi);
          g_assert_cmpfloat (variant_to_double (lo), ==, info->min);
          g_assert_cmpfloat (variant_to_double (hi), ==, info->max);
          g_assert_true (g_variant_type_equal (g_settings_schema_key_get_value_type (key),
                                               info->kind == ELMAN_PARAM_UINT ? G_VARIANT_TYPE_UINT32
                                                                              : G_VARIANT_TYPE_DOUBLE));
        }
    }

  /* Every other ranged key is one of the window's, not a parameter. */
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      const char *range_type;
      g_autoptr(GVariant) limits = NULL;

      g_variant_get (range, "(&sv)", &range_type, &limits);
      if (g_str_equal (range_type, "range") && !g_str_has_prefix (keys[i], "export-"))
        g_assert_true (elman_param_from_nick (keys[i], NULL));
    }

  /* Enum keys: the same nicks with the same values, and the recommended
   * preset's choices as defaults. */
  for (guint k = 0; k < G_N_ELEMENTS (enum_keys); k++)
    {
      GType type = enum_keys[k].get_type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, enum_keys[k].key);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GVariant) choices = NULL, def = NULL;
      g_autofree const char **nicks = NULL;
      const char *range_type;
      gsize n;

      g_test_message ("enum key %s", enum_keys[k].key);
      g_variant_get (range, "(&sv)", &range_type, &choices);
      g_assert_cmpstr (range_type, ==, "enum");
      nicks = g_variant_get_strv (choices, &n);
      g_assert_cmpuint (n, ==, klass->n_values);
      for (guint i = 0; i < n; i++)
        {
          GEnumValue *v = g_enum_get_value_by_nick (klass, nicks[i]);

          g_assert_nonnull (v);
          g_assert_true (g_settings_set_string (settings, enum_keys[k].key, nicks[i]));
          g_assert_cmpint (g_settings_get_enum (settings, enum_keys[k].key), ==, v->value);
        }

      def = g_settings_schema_key_get_default_value (key);
      if (type == ELMAN_TYPE_PRESET)
        g_assert_cmpstr (g_variant_get_string (def, NULL), ==, "recommended");
      else
        {
          const char *field = enum_keys[k].key;
          int value = g_str_equal (field, "init") ? (int) recommended.init :
                      g_str_equal (field, "gradient") ? (int) recommended.gradient :
                      g_str_equal (field, "loss") ? (int) recommended.loss :
                      g_str_equal (field, "optimizer") ? (int) recommended.optimizer :
                      g_str_equal (field, "normalize") ? (int) recommended.normalize : (int) recommended.transform;

          g_assert_cmpstr (g_variant_get_string (def, NULL), ==, elman_enum_to_nick (type, value));
        }
    }
}

/* ------------------------------------------------------------------ */
/* The parameters panel’s .ui                                         */

typedef struct
{
  GPtrArray  *classes;      /* open <object> elements */
  GPtrArray  *ids;
  char       *property;     /* open <property name=…> of an adjustment */
  GString    *text;
  GHashTable *adjustments;  /* "spin_id:property" → text */
  GHashTable *items;        /* combo row id → number of items */
  GPtrArray  *spin_ids;
} UiScan;

static const char *
enclosing (UiScan     *scan,
           const char *klass)
{
  for (guint i = scan->classes->len; i > 0; i--)
    if (g_str_equal (scan->classes->pdata[i - 1], klass))
      return scan->ids->pdata[i - 1];
  return NULL;
}

static void
ui_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  UiScan *scan = user_data;
  const char *klass = NULL, *id = NULL, *name = NULL;

  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], "class"))
      klass = values[i];
    else if (g_str_equal (names[i], "id"))
      id = values[i];
    else if (g_str_equal (names[i], "name"))
      name = values[i];

  if (g_str_equal (element, "object"))
    {
      g_ptr_array_add (scan->classes, g_strdup (klass ? klass : ""));
      g_ptr_array_add (scan->ids, g_strdup (id ? id : ""));
      if (g_strcmp0 (klass, "GtkSpinButton") == 0)
        g_ptr_array_add (scan->spin_ids, g_strdup (id ? id : ""));
    }
  else if (g_str_equal (element, "property") && scan->classes->len > 0 &&
           g_str_equal (g_ptr_array_index (scan->classes, scan->classes->len - 1), "GtkAdjustment"))
    {
      g_free (scan->property);
      scan->property = g_strdup (name);
      g_string_truncate (scan->text, 0);
    }
  else if (g_str_equal (element, "item"))
    {
      const char *row = enclosing (scan, "AdwComboRow");

      if (row)
        g_hash_table_insert (scan->items, g_strdup (row),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (scan->items, row)) + 1));
    }
}

static void
ui_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  UiScan *scan = user_data;

  if (g_str_equal (element, "object"))
    {
      g_ptr_array_remove_index (scan->classes, scan->classes->len - 1);
      g_ptr_array_remove_index (scan->ids, scan->ids->len - 1);
    }
  else if (g_str_equal (element, "property") && scan->property)
    {
      const char *spin = enclosing (scan, "GtkSpinButton");

      g_assert_nonnull (spin);
      g_hash_table_insert (scan->adjustments, g_strconcat (spin, ":", scan->property, NULL),
                           g_strdup (scan->text->str));
      g_clear_pointer (&scan->property, g_free);
    }
}

static void
ui_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  UiScan *scan = user_data;

  if (scan->property)
    g_string_append_len (scan->text, text, len);
}

static double
adjustment_property (UiScan     *scan,
                     const char *spin,
                     const char *property)
{
  g_autofree char *key = g_strconcat (spin, ":", property, NULL);
  const char *text = g_hash_table_lookup (scan->adjustments, key);

  g_assert_nonnull (text);
  return g_ascii_strtod (text, NULL);
}

static void
test_ui (void)
{
  static const GMarkupParser parser = { ui_start, ui_end, ui_text, NULL, NULL };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "ui", "elman-params-panel.ui", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  UiScan scan = {
    g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), NULL, g_string_new (NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_ptr_array_new_with_free_func (g_free),
  };

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  /* Every spin button is a parameter's, with the table's numbers. */
  g_assert_cmpuint (scan.spin_ids->len, ==, G_N_ELEMENTS (spins));
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      ElmanParamRange range;

      g_test_message ("spin button %s", spins[i].spin);
      g_assert_true (g_ptr_array_find_with_equal_func (scan.spin_ids, spins[i].spin, g_str_equal, NULL));
      elman_param_get_ui_range (spins[i].param, &range);
      g_assert_cmpfloat (adjustment_property (&scan, spins[i].spin, "lower"), ==, range.lower);
      g_assert_cmpfloat (adjustment_property (&scan, spins[i].spin, "upper"), ==, range.upper);
      g_assert_cmpfloat (adjustment_property (&scan, spins[i].spin, "step-increment"), ==, range.step);
      g_assert_cmpfloat (adjustment_property (&scan, spins[i].spin, "page-increment"), ==, range.page);
      g_assert_cmpfloat (adjustment_property (&scan, spins[i].spin, "value"), ==, range.value);
    }

  /* Every stored parameter has its spin button. */
  for (guint p = 0; p < ELMAN_N_PARAMS; p++)
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
        shown |= spins[i].param == p;
      g_assert_true (shown == (elman_param_get_info ((ElmanParam) p)->settings_key != NULL));
    }

  /* A combo row lists its enum's values, one item each. */
  for (guint k = 0; k < G_N_ELEMENTS (enum_keys); k++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enum_keys[k].get_type ());

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (scan.items, enum_keys[k].row)), ==,
                        klass->n_values);
    }
  /* The rows with fixed items are exactly those (the column row fills in code). */
  g_assert_cmpuint (g_hash_table_size (scan.items), ==, G_N_ELEMENTS (enum_keys));

  g_ptr_array_unref (scan.classes);
  g_ptr_array_unref (scan.ids);
  g_ptr_array_unref (scan.spin_ids);
  g_string_free (scan.text, TRUE);
  g_hash_table_unref (scan.adjustments);
  g_hash_table_unref (scan.items);
  g_free (scan.property);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/params/table", test_table);
  g_test_add_func ("/elman/params/validate-bounds", test_validate_bounds);
  g_test_add_func ("/elman/params/validate-messages", test_validate_messages);
  g_test_add_func ("/elman/params/enum-nicks", test_enum_nicks);
  g_test_add_func ("/elman/params/schema", test_schema);
  g_test_add_func ("/elman/params/ui", test_ui);

  return g_test_run ();
}
