/* elman-model-file.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "elman-file.h"
#include "elman-model-private.h"
#include "elman-params.h"

/*
 * {"format":"elman-model","version":1,"window":T,"horizon":K,"hidden":J,
 *  "W":[[…]],"U":[[…]],"V":[[…]], "bias_hidden":[J], "bias_output":[K],
 *  "normalization":{"method":…,"offset":…,"scale":…},
 *  "transform":{"method":…,"season":m},
 *  "training":{"values":n,"min":…,"max":…,"mean":…,"sd":…}}
 *
 * The "training" object is optional. An ensemble is
 * {"format":"elman-ensemble","version":1,"members":[model, …],"training":{…}}.
 *
 * Doubles are written with 17 significant digits by json-glib, so a
 * save → load round trip is bit-exact.
 */

#define FORMAT_NAME "elman-model"
#define ENSEMBLE_FORMAT_NAME "elman-ensemble"
#define FORMAT_VERSION 1

/* json-glib parses nested arrays and objects by recursion, so a file
 * nested a hundred thousand levels deep overflows the stack. A model
 * file nests four levels at most ({"members":[{"W":[[…]]}]}); anything past
 * MAX_DEPTH is refused before json-glib sees it. */
#define MAX_DEPTH 32

/* The largest model (J = 4096) writes about 16.8 M numbers of at most
 * 25 characters each: 420 MB. Reading stops past this many bytes, so a
 * pipe or a device that never ends cannot fill the memory. */
#define MAX_FILE_BYTES ((gsize) 512 * 1024 * 1024)

/* How much of a wrong "format" value an error message repeats. */
#define MAX_ECHO_CHARS 40

static void
add_matrix (JsonBuilder  *builder,
            const char   *name,
            const double *m,
            gsize         rows,
            gsize         cols)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; i < rows; i++)
    {
      json_builder_begin_array (builder);
      for (gsize j = 0; j < cols; j++)
        json_builder_add_double_value (builder, m[i * cols + j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_vector (JsonBuilder  *builder,
            const char   *name,
            const double *v,
            gsize         n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n; i++)
    json_builder_add_double_value (builder, v[i]);
  json_builder_end_array (builder);
}

/* json-glib 1.6 writes a double whose shortest form has an exponent but
 * no point (1e-300) as "1e-300.0", which is not JSON and which its own
 * parser refuses. Move the ".0" before the exponent: "1.0e-300" reads
 * back to the same bits. The text holds no strings with digits, so a
 * plain scan is enough. */
static char *
fix_exponents (char  *text,
               gsize *length)
{
  char *r = text, *w = text;

  while (*r)
    {
      if ((*r == 'e' || *r == 'E') && r > text && g_ascii_isdigit (r[-1]))
        {
          const char *end = r + 1;

          if (*end == '-' || *end == '+')
            end++;
          while (g_ascii_isdigit (*end))
            end++;
          if (end[0] == '.' && end[1] == '0' && !g_ascii_isdigit (end[2]) && end - r < 16)
            {
              gsize exp_len = end - r;
              char exponent[16];

              /* The output may overlap the exponent: copy it first. */
              memcpy (exponent, r, exp_len);
              *w++ = '.', *w++ = '0';
              memcpy (w, exponent, exp_len);
              w += exp_len;
              r = (char *) end + 2;
              continue;
            }
        }
      *w++ = *r++;
    }
  *w = '\0';
  if (length)
    *length = w - text;
  return text;
}

static void
add_range (JsonBuilder              *builder,
           const ElmanTrainingRange *range)
{
  if (range == NULL || range->n_values == 0)
    return;
  json_builder_set_member_name (builder, "training");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "values");
  json_builder_add_int_value (builder, range->n_values);
  json_builder_set_member_name (builder, "min");
  json_builder_add_double_value (builder, range->min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, range->max);
  json_builder_set_member_name (builder, "mean");
  json_builder_add_double_value (builder, range->mean);
  json_builder_set_member_name (builder, "sd");
  json_builder_add_double_value (builder, range->sd);
  json_builder_end_object (builder);
}

/* One model object, with the summary of its training series if any. */
static void
add_model (JsonBuilder              *builder,
           const ElmanModel         *model,
           const ElmanTrainingRange *range)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "window");
  json_builder_add_int_value (builder, T);
  json_builder_set_member_name (builder, "horizon");
  json_builder_add_int_value (builder, K);
  json_builder_set_member_name (builder, "hidden");
  json_builder_add_int_value (builder, J);
  add_matrix (builder, "W", model->W, J, J);
  add_matrix (builder, "U", model->U, J, T);
  add_matrix (builder, "V", model->V, K, J);
  if (model->b)
    {
      add_vector (builder, "bias_hidden", model->b, J);
      add_vector (builder, "bias_output", model->c, K);
    }

  json_builder_set_member_name (builder, "normalization");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, elman_normalize_to_string (model->normalize));
  json_builder_set_member_name (builder, "offset");
  json_builder_add_double_value (builder, model->offset);
  json_builder_set_member_name (builder, "scale");
  json_builder_add_double_value (builder, model->scale);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "transform");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, elman_transform_to_string (model->transform));
  json_builder_set_member_name (builder, "season");
  json_builder_add_int_value (builder, model->season);
  json_builder_end_object (builder);

  add_range (builder, range);
  json_builder_end_object (builder);
}

static char *
builder_to_text (JsonBuilder *builder,
                 gsize       *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);

  return fix_exponents (json_generator_to_data (generator, length), length);
}

/**
 * elman_model_to_json:
 *
 * Returns: (transfer full): the model file's text
 */
char *
elman_model_to_json (const ElmanModel *model,
                     gsize            *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (model != NULL, NULL);

  add_model (builder, model, NULL);
  return builder_to_text (builder, length);
}

/**
 * elman_models_to_json:
 * @models: (array length=n_models): the networks
 * @range: (nullable): what they were trained on
 *
 * One network: the single-model format (with a "training" object when
 * @range is given, which older readers ignore). Several:
 * {"format":"elman-ensemble","version":1,"members":[model, …],
 *  "training":{"values":n,"min":…,"max":…,"mean":…,"sd":…}}.
 *
 * Returns: (transfer full): the file's text
 */
char *
elman_models_to_json (ElmanModel * const       *models,
                      guint                     n_models,
                      const ElmanTrainingRange *range,
                      gsize                    *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (models != NULL && n_models > 0, NULL);

  if (n_models == 1)
    {
      add_model (builder, models[0], range);
      return builder_to_text (builder, length);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ENSEMBLE_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_models; i++)
    add_model (builder, models[i], NULL);
  json_builder_end_array (builder);
  add_range (builder, range);
  json_builder_end_object (builder);
  return builder_to_text (builder, length);
}

static gboolean
save_text (const char  *path,
           const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!elman_file_write (path, text, length, &local_error))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_IO,
                   _("Cannot save the model: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_finite (const ElmanModel  *model,
              const char        *path,
              GError           **error)
{
  if (!elman_model_is_finite (model))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_NOT_FINITE,
                   _("Cannot save the model to “%s”: it holds numbers that are not finite"), path);
      return FALSE;
    }
  return TRUE;
}

/**
 * elman_model_save:
 *
 * Writes @model to @path atomically: a previous file at @path is either
 * replaced whole or left untouched.
 */
gboolean
elman_model_save (const ElmanModel  *model,
                  const char        *path,
                  GError           **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_finite (model, path, error))
    return FALSE;
  text = elman_model_to_json (model, &length);
  return save_text (path, text, length, error);
}

/**
 * elman_models_save:
 * @models: (array length=n_models): the networks
 * @range: (nullable): what they were trained on
 *
 * Writes elman_models_to_json() to @path atomically.
 */
gboolean
elman_models_save (ElmanModel * const       *models,
                   guint                     n_models,
                   const ElmanTrainingRange *range,
                   const char               *path,
                   GError                  **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (models != NULL && n_models > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < n_models; i++)
    if (!check_finite (models[i], path, error))
      return FALSE;
  text = elman_models_to_json (models, n_models, range, &length);
  return save_text (path, text, length, error);
}

#define FAIL(code, ...) \
  G_STMT_START { \
    g_set_error (error, ELMAN_MODEL_ERROR, code, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

static guint
param_max (ElmanParam param)
{
  return (guint) elman_param_get_info (param)->max;
}

static gboolean
read_uint (JsonObject  *object,
           const char  *name,
           guint        max,
           guint       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  double v;

  if (node == NULL)
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “%s” is missing"), name);
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “%s” must be a number"), name);
  v = json_node_get_double (node);
  if (!(v >= 1 && v <= max) || v != floor (v))
    FAIL (ELMAN_MODEL_ERROR_SHAPE, _("The field “%s” must be a whole number from 1 to %u"), name, max);
  *out = (guint) v;
  return TRUE;
}

static gboolean
read_number (JsonNode    *node,
             const char  *name,
             double      *out,
             GError     **error)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “%s” must hold numbers"), name);
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    FAIL (ELMAN_MODEL_ERROR_NOT_FINITE, _("The field “%s” holds something that is not a finite number"), name);
  *out = json_node_get_double (node);
  if (!isfinite (*out))
    FAIL (ELMAN_MODEL_ERROR_NOT_FINITE, _("The field “%s” holds a number that is not finite"), name);
  return TRUE;
}

static gboolean
read_vector_node (JsonNode    *node,
                  const char  *name,
                  gsize        n,
                  double      *out,
                  GError     **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    FAIL (ELMAN_MODEL_ERROR_SHAPE, _("The field “%s” must be an array of %zu numbers"), name, n);
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    FAIL (ELMAN_MODEL_ERROR_SHAPE, _("The field “%s” has %u numbers instead of %zu"),
          name, json_array_get_length (array), n);
  for (gsize i = 0; i < n; i++)
    if (!read_number (json_array_get_element (array, i), name, &out[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
read_matrix (JsonObject  *object,
             const char  *name,
             gsize        rows,
             gsize        cols,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL)
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The matrix “%s” is missing"), name);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    FAIL (ELMAN_MODEL_ERROR_SHAPE, _("The matrix “%s” must be an array of %zu rows"), name, rows);
  array = json_node_get_array (node);
  if (json_array_get_length (array) != rows)
    FAIL (ELMAN_MODEL_ERROR_SHAPE, _("The matrix “%s” has %u rows instead of %zu"),
          name, json_array_get_length (array), rows);
  for (gsize i = 0; i < rows; i++)
    {
      JsonNode *row = json_array_get_element (array, i);
      if (row == NULL || !JSON_NODE_HOLDS_ARRAY (row) ||
          json_array_get_length (json_node_get_array (row)) != cols)
        FAIL (ELMAN_MODEL_ERROR_SHAPE, _("Row %zu of the matrix “%s” must hold %zu numbers"),
              i + 1, name, cols);
      if (out != NULL && !read_vector_node (row, name, cols, out + i * cols, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_string_member (JsonObject  *object,
                    const char  *name,
                    const char **out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “%s” must be a string"), name);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_version (JsonObject  *root,
              GError     **error)
{
  guint version;

  if (!read_uint (root, "version", G_MAXINT, &version, error))
    return FALSE;
  if (version != FORMAT_VERSION)
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “version” is %u; this Elman reads version %d"),
          version, FORMAT_VERSION);
  return TRUE;
}

static ElmanModel *
model_from_object (JsonObject  *root,
                   GError     **error)
{
  g_autoptr(ElmanModel) model = NULL;
  g_autofree char *shown = NULL;
  const char *format;
  guint T, K, J;
  gboolean has_b, has_c;
  JsonNode *node;

  if (!read_string_member (root, "format", &format, error))
    return NULL;
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    {
      /* g_utf8_substring() must not run past the end of the string. */
      if (g_utf8_strlen (format, -1) > MAX_ECHO_CHARS)
        {
          g_autofree char *head = g_utf8_substring (format, 0, MAX_ECHO_CHARS);

          shown = g_strconcat (head, "…", NULL);
        }
      else
        shown = g_strdup (format);
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                   _("The field “format” is “%s”, not “%s”: this is not an Elman model"), shown, FORMAT_NAME);
      return NULL;
    }
  if (!read_version (root, error))
    return NULL;
  /* A model file holds what a configuration may ask for. */
  if (!read_uint (root, "window", param_max (ELMAN_PARAM_WINDOW), &T, error) ||
      !read_uint (root, "horizon", param_max (ELMAN_PARAM_HORIZON), &K, error) ||
      !read_uint (root, "hidden", param_max (ELMAN_PARAM_HIDDEN), &J, error))
    return NULL;
  if (!elman_params_network_fits (T, K, J))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_SHAPE,
                   _("The fields “window”, “horizon” and “hidden” describe a network too large to load"));
      return NULL;
    }

  has_b = json_object_has_member (root, "bias_hidden");
  has_c = json_object_has_member (root, "bias_output");
  if (has_b != has_c)
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                   _("The field “%s” is missing: biases come in pairs"), has_b ? "bias_output" : "bias_hidden");
      return NULL;
    }

  /* Shapes first (read_matrix() without a destination only checks): a
   * file of a few bytes must not make the loader allocate the up to
   * 512 MiB that its header fields can describe (found by fuzz-model). */
  if (!read_matrix (root, "W", J, J, NULL, error) ||
      !read_matrix (root, "U", J, T, NULL, error) ||
      !read_matrix (root, "V", K, J, NULL, error))
    return NULL;

  model = elman_model_new (T, K, J, has_b);
  if (!read_matrix (root, "W", J, J, model->W, error) ||
      !read_matrix (root, "U", J, T, model->U, error) ||
      !read_matrix (root, "V", K, J, model->V, error))
    return NULL;
  if (has_b &&
      (!read_vector_node (json_object_get_member (root, "bias_hidden"), "bias_hidden", J, model->b, error) ||
       !read_vector_node (json_object_get_member (root, "bias_output"), "bias_output", K, model->c, error)))
    return NULL;

  node = json_object_get_member (root, "normalization");
  if (node != NULL)
    {
      JsonObject *norm;
      const char *method;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                       _("The field “normalization” must be an object"));
          return NULL;
        }
      norm = json_node_get_object (node);
      if (!read_string_member (norm, "method", &method, error))
        return NULL;
      if (!elman_normalize_from_string (method, &model->normalize))
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                       _("The field “normalization.method” is “%s”; expected none, zscore or minmax"), method);
          return NULL;
        }
      if (!read_number (json_object_get_member (norm, "offset"), "normalization.offset", &model->offset, error) ||
          !read_number (json_object_get_member (norm, "scale"), "normalization.scale", &model->scale, error))
        return NULL;
      if (model->scale == 0)
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                       _("The field “normalization.scale” must not be zero"));
          return NULL;
        }
    }

  node = json_object_get_member (root, "transform");
  if (node != NULL)
    {
      JsonObject *transform;
      const char *method;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                       _("The field “transform” must be an object"));
          return NULL;
        }
      transform = json_node_get_object (node);
      if (!read_string_member (transform, "method", &method, error))
        return NULL;
      if (!elman_transform_from_string (method, &model->transform) ||
          model->transform == ELMAN_TRANSFORM_AUTO)
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                       _("The field “transform.method” is “%s”; expected none, diff, seasonal-diff, relative or relative-mean"),
                       method);
          return NULL;
        }
      if (model->transform == ELMAN_TRANSFORM_SEASONAL_DIFF &&
          !read_uint (transform, "season", param_max (ELMAN_PARAM_SEASON), &model->season, error))
        return NULL;
    }

  return g_steal_pointer (&model);
}

/* json-glib 1.6 stops after the first top-level value and leaks whatever
 * value follows it: "{…}{…}" loads as the first object and the second is
 * never freed (found by tests/fuzz-model.c). A model file is one object,
 * so check that the text is exactly one before json-glib sees it. Text
 * that does not balance is left to json-glib, whose message has the line.
 * Both quote characters open strings and comments are refused, so that no
 * json-glib extension can make it see a value end where this scan does
 * not. */
static gboolean
check_one_object (const char  *data,
                  gsize        length,
                  GError     **error)
{
  gsize i = 0, depth = 0;
  char quote = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  if (i == length)
    return TRUE;
  if (data[i] != '{')
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The model file must hold one JSON object"));

  for (; i < length; i++)
    {
      char c = data[i];

      if (quote)
        {
          if (c == '\\')
            i++;
          else if (c == quote)
            quote = 0;
          continue;
        }
      if (c == '"' || c == '\'')
        quote = c;
      else if ((c == '{' || c == '[') && ++depth > MAX_DEPTH)
        {
          guint line = 1;

          for (gsize k = 0; k < i; k++)
            line += data[k] == '\n';
          FAIL (ELMAN_MODEL_ERROR_FORMAT,
                _("The model file is not an Elman model: line %u: nested more than %u levels deep"),
                line, (guint) MAX_DEPTH);
        }
      else if (c == '/')
        FAIL (ELMAN_MODEL_ERROR_PARSE, _("The model file is not valid JSON: comments are not allowed"));
      else if ((c == '}' || c == ']') && --depth == 0)
        break;
    }
  if (i >= length)
    return TRUE;

  for (i++; i < length; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n')
      {
        guint line = 1;

        for (gsize k = 0; k < i; k++)
          line += data[k] == '\n';
        FAIL (ELMAN_MODEL_ERROR_PARSE,
              _("The model file is not valid JSON: line %u: more text follows the object"), line);
      }
  return TRUE;
}

/* The optional "training" object of @object into @range (zeroed when
 * absent). */
static gboolean
read_range (JsonObject          *object,
            ElmanTrainingRange  *range,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, "training");
  JsonObject *t;
  guint n;

  memset (range, 0, sizeof *range);
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “training” must be an object"));
  t = json_node_get_object (node);
  if (!read_uint (t, "values", G_MAXINT, &n, error) ||
      !read_number (json_object_get_member (t, "min"), "training.min", &range->min, error) ||
      !read_number (json_object_get_member (t, "max"), "training.max", &range->max, error) ||
      !read_number (json_object_get_member (t, "mean"), "training.mean", &range->mean, error) ||
      !read_number (json_object_get_member (t, "sd"), "training.sd", &range->sd, error))
    return FALSE;
  if (!(range->min <= range->mean && range->mean <= range->max && range->sd >= 0))
    FAIL (ELMAN_MODEL_ERROR_FORMAT, _("The field “training” must have min ≤ mean ≤ max and sd ≥ 0"));
  range->n_values = n;
  return TRUE;
}

/* An ensemble holds at most this many members (the --auto ensemble of
 * the largest --ensemble holds a few hundred). */
#define MAX_MEMBERS 4096

static GPtrArray *
models_from_object (JsonObject          *root,
                    ElmanTrainingRange  *range,
                    GError             **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  JsonNode *node = json_object_get_member (root, "format");
  JsonArray *members;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), ENSEMBLE_FORMAT_NAME) != 0)
    {
      ElmanModel *model = model_from_object (root, error);

      if (model == NULL)
        return NULL;
      g_ptr_array_add (models, model);
    }
  else
    {
      if (!read_version (root, error))
        return NULL;
      node = json_object_get_member (root, "members");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                       _("The field “members” must be an array of models"));
          return NULL;
        }
      members = json_node_get_array (node);
      n = json_array_get_length (members);
      if (n == 0 || n > MAX_MEMBERS)
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_SHAPE,
                       _("The field “members” must hold from 1 to %u models"), (guint) MAX_MEMBERS);
          return NULL;
        }
      for (guint i = 0; i < n; i++)
        {
          JsonNode *member = json_array_get_element (members, i);
          g_autoptr(GError) local_error = NULL;
          ElmanModel *model;

          if (!JSON_NODE_HOLDS_OBJECT (member))
            {
              g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                           _("Member %u of the ensemble must be a model object"), i + 1);
              return NULL;
            }
          model = model_from_object (json_node_get_object (member), &local_error);
          if (model == NULL)
            {
              g_set_error (error, ELMAN_MODEL_ERROR, local_error->code,
                           _("Member %u of the ensemble: %s"), i + 1, local_error->message);
              return NULL;
            }
          g_ptr_array_add (models, model);
        }
    }

  if (range != NULL && !read_range (root, range, error))
    return NULL;
  return g_steal_pointer (&models);
}

/**
 * elman_models_load_from_data:
 * @length: bytes in @data, or −1 when NUL-terminated
 * @range: (out) (optional): what the networks were trained on
 *   (n_values = 0 when the file does not say)
 *
 * Reads a single-model file or an ensemble file.
 *
 * Returns: (transfer full) (nullable) (element-type ElmanModel): the
 *   networks, at least one, or %NULL with @error naming the offending
 *   field
 */
GPtrArray *
elman_models_load_from_data (const char          *data,
                             gssize               length,
                             ElmanTrainingRange  *range,
                             GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_PARSE,
                   _("The model file is not UTF-8 text"));
      return NULL;
    }
  if (!check_one_object (data, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_PARSE,
                   _("The model file is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_PARSE,
                   _("The model file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT,
                   _("The model file must hold one JSON object"));
      return NULL;
    }

  return models_from_object (json_node_get_object (root), range, error);
}

/**
 * elman_model_load_from_data:
 * @length: bytes in @data, or −1 when NUL-terminated
 *
 * An ensemble file gives its first member.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error
 *   naming the offending field
 */
ElmanModel *
elman_model_load_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(GPtrArray) models = elman_models_load_from_data (data, length, NULL, error);

  return models ? g_ptr_array_steal_index (models, 0) : NULL;
}

/**
 * elman_models_load:
 * @range: (out) (optional): what the networks were trained on
 *
 * Returns: (transfer full) (nullable) (element-type ElmanModel): the
 *   networks in @path; errors are prefixed with the file's name
 */
GPtrArray *
elman_models_load (const char          *path,
                   ElmanTrainingRange  *range,
                   GError             **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  GPtrArray *models;

  g_return_val_if_fail (path != NULL, NULL);

  if (!elman_file_read_text (path, MAX_FILE_BYTES, &data, &length, &local_error))
    {
      g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  models = elman_models_load_from_data (data, length, range, &local_error);
  if (models == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
  return models;
}

/**
 * elman_model_load:
 *
 * An ensemble file gives its first member.
 *
 * Returns: (transfer full) (nullable): the model in @path; errors are
 *   prefixed with the file's name
 */
ElmanModel *
elman_model_load (const char  *path,
                  GError     **error)
{
  g_autoptr(GPtrArray) models = elman_models_load (path, NULL, error);

  return models ? g_ptr_array_steal_index (models, 0) : NULL;
}

/**
 * elman_training_range_measure:
 * @values: (array length=n): the values the networks were trained on
 */
void
elman_training_range_measure (ElmanTrainingRange *range,
                              const double       *values,
                              gsize               n)
{
  double sum = 0, ss = 0;

  g_return_if_fail (range != NULL);

  memset (range, 0, sizeof *range);
  if (n == 0)
    return;
  range->n_values = n;
  range->min = range->max = values[0];
  for (gsize i = 0; i < n; i++)
    {
      range->min = MIN (range->min, values[i]);
      range->max = MAX (range->max, values[i]);
      sum += values[i];
    }
  range->mean = CLAMP (sum / n, range->min, range->max);
  for (gsize i = 0; i < n; i++)
    ss += (values[i] - range->mean) * (values[i] - range->mean);
  range->sd = sqrt (ss / n);
}

/* How far a series may be from the training one before a forecast of it
 * warns: its mean outside the training range widened by FAR_MARGIN of
 * its width on each side, its spread or its length more than FAR_FACTOR
 * times larger or smaller. */
#define FAR_MARGIN 0.25
#define FAR_FACTOR 4.0

/**
 * elman_training_range_check:
 * @values: (array length=n): the series about to be forecast
 *
 * Returns: (transfer full) (nullable): a sentence saying how @values is
 *   far from what the networks were trained on, or %NULL when it is not
 *   (or @range is unknown)
 */
char *
elman_training_range_check (const ElmanTrainingRange *range,
                            const double             *values,
                            gsize                     n)
{
  ElmanTrainingRange now;
  double margin;

  g_return_val_if_fail (range != NULL, NULL);

  if (range->n_values == 0 || n == 0)
    return NULL;
  elman_training_range_measure (&now, values, n);
  margin = FAR_MARGIN * (range->max - range->min);
  if (now.mean < range->min - margin || now.mean > range->max + margin ||
      (range->sd > 0 && (now.sd > FAR_FACTOR * range->sd || now.sd * FAR_FACTOR < range->sd)))
    return g_strdup_printf (_("the series (mean %.4g, standard deviation %.4g, from %.4g to %.4g) is far from "
                              "the one the model was trained on (mean %.4g, standard deviation %.4g, from %.4g "
                              "to %.4g): its forecast may be meaningless"),
                            now.mean, now.sd, now.min, now.max, range->mean, range->sd, range->min, range->max);
  if ((double) n * FAR_FACTOR < (double) range->n_values || (double) n > FAR_FACTOR * (double) range->n_values)
    return g_strdup_printf (_("the series has %zu values; the model was trained on %zu: its intervals, "
                              "calibrated on this series' own history, may be unreliable"),
                            n, range->n_values);
  return NULL;
}
