/* test-model-file.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "elman-model.h"
#include "elman-rng.h"

static ElmanModel *
odd_model (gboolean bias)
{
  ElmanModel *model = elman_model_new (5, 3, 4, bias);
  ElmanRng rng;

  elman_model_init_glorot (model, 99);
  elman_rng_init (&rng, 5);
  /* Numbers that need all 17 digits, and tiny and huge ones. */
  model->W[0] = 0.1 + 0.2;
  model->W[1] = 1e-300;
  model->U[0] = -123456789.123456789;
  model->V[0] = 5e-324;
  if (bias)
    for (guint i = 0; i < 4; i++)
      model->b[i] = elman_rng_next_double (&rng) * 1e-7;
  model->normalize = ELMAN_NORMALIZE_ZSCORE;
  model->offset = 280.29861111111111;
  model->scale = 119.96660344209809;
  model->transform = ELMAN_TRANSFORM_SEASONAL_DIFF;
  model->season = 12;
  return model;
}

static void
test_round_trip (void)
{
  for (int bias = 0; bias <= 1; bias++)
    {
      g_autoptr(ElmanModel) model = odd_model (bias);
      g_autoptr(ElmanModel) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("elman-test-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "model.json", NULL);
      double values[40], before[6], after[6];

      g_assert_no_error (error);
      g_assert_true (elman_model_save (model, path, &error));
      g_assert_no_error (error);
      loaded = elman_model_load (path, &error);
      g_assert_no_error (error);
      g_assert_true (elman_model_equal (model, loaded));

      for (guint i = 0; i < 40; i++)
        values[i] = 100 + i * 2 + 5 * sin (i);
      g_assert_true (elman_model_forecast (model, values, 40, 6, before, &error));
      g_assert_true (elman_model_forecast (loaded, values, 40, 6, after, &error));
      g_assert_cmpmem (before, sizeof before, after, sizeof after);

      g_unlink (path);
      g_rmdir (dir);
    }
}

static void
expect_error (const char *json,
              int         code,
              const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanModel) model = elman_model_load_from_data (json, -1, &error);

  g_assert_null (model);
  g_assert_error (error, ELMAN_MODEL_ERROR, code);
  g_test_message ("%s", error->message);
  if (field)
    g_assert_nonnull (strstr (error->message, field));
}

#define HEAD "{\"format\":\"elman-model\",\"version\":1,\"window\":2,\"horizon\":1,\"hidden\":2,"

static void
test_rejects (void)
{
  expect_error ("", ELMAN_MODEL_ERROR_PARSE, NULL);
  expect_error ("[1,2]", ELMAN_MODEL_ERROR_FORMAT, NULL);
  expect_error ("{\"format\":\"other\"}", ELMAN_MODEL_ERROR_FORMAT, "format");
  expect_error (HEAD "\"U\":[[1,2],[3,4]],\"V\":[[1,2]]}", ELMAN_MODEL_ERROR_FORMAT, "“W”");
  expect_error (HEAD "\"W\":[[1,2]],\"U\":[[1,2],[3,4]],\"V\":[[1,2]]}", ELMAN_MODEL_ERROR_SHAPE, "“W”");
  expect_error (HEAD "\"W\":[[1,2],[3]],\"U\":[[1,2],[3,4]],\"V\":[[1,2]]}", ELMAN_MODEL_ERROR_SHAPE, "“W”");
  expect_error (HEAD "\"W\":[[1,2],[3,4]],\"U\":[[1,2],[3,4]],\"V\":[[1,\"x\"]]}",
                ELMAN_MODEL_ERROR_NOT_FINITE, "“V”");
  expect_error (HEAD "\"W\":[[1,2],[3,4]],\"U\":[[1,2],[3,4]],\"V\":[[1,1e999]]}",
                ELMAN_MODEL_ERROR_NOT_FINITE, "“V”");
  expect_error (HEAD "\"W\":[[1,2],[3,4]],\"U\":[[1,2],[3,4]],\"V\":[[1,2]],\"bias_hidden\":[0,0]}",
                ELMAN_MODEL_ERROR_FORMAT, "bias_output");
  expect_error (HEAD "\"W\":[[1,2],[3,4]],\"U\":[[1,2],[3,4]],\"V\":[[1,2]],"
                "\"bias_hidden\":[0,0],\"bias_output\":[0,0]}", ELMAN_MODEL_ERROR_SHAPE, "bias_output");
  expect_error ("{\"format\":\"elman-model\",\"version\":1,\"window\":0,\"horizon\":1,\"hidden\":2}",
                ELMAN_MODEL_ERROR_SHAPE, "window");
  expect_error ("{\"format\":\"elman-model\",\"version\":1,\"window\":2,\"horizon\":1,\"hidden\":4096000}",
                ELMAN_MODEL_ERROR_SHAPE, "hidden");
  expect_error (HEAD "\"W\":[[1,2],[3,4]],\"U\":[[1,2],[3,4]],\"V\":[[1,2]],"
                "\"normalization\":{\"method\":\"zscore\",\"offset\":1,\"scale\":0}}",
                ELMAN_MODEL_ERROR_FORMAT, "scale");
}

static void
test_unknown_fields_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanModel) model = elman_model_load_from_data (
    HEAD "\"comment\":\"hi\",\"W\":[[1,2],[3,4]],\"U\":[[1,2],[3,4]],\"V\":[[0.5,-2]],\"extra\":[1]}",
    -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpfloat (model->V[1], ==, -2);
  g_assert_null (model->b);
  g_assert_cmpint (model->transform, ==, ELMAN_TRANSFORM_NONE);
  g_assert_cmpfloat (model->scale, ==, 1.0);
}

static void
test_save_atomic (void)
{
  g_autoptr(ElmanModel) model = odd_model (TRUE);
  g_autoptr(GError) error = NULL;

  g_assert_false (elman_model_save (model, "/nonexistent-dir/model.json", &error));
  g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_IO);
  g_clear_error (&error);

  model->W[3] = NAN;
  {
    g_autofree char *dir = g_dir_make_tmp ("elman-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "m.json", NULL);
    g_assert_false (elman_model_save (model, path, &error));
    g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_NOT_FINITE);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_rmdir (dir);
  }
}

/* An ensemble file keeps every member and the training summary; the
 * single-model loader reads its first member; a single network with a
 * summary stays a single-model file. */
static void
test_ensemble_round_trip (void)
{
  g_autoptr(ElmanModel) a = odd_model (TRUE);
  g_autoptr(ElmanModel) b = odd_model (FALSE);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(ElmanModel) first = NULL;
  g_autoptr(GError) error = NULL;
  ElmanModel *models[2];
  ElmanTrainingRange range, back;
  g_autofree char *text = NULL, *single = NULL;
  double values[50];

  b->transform = ELMAN_TRANSFORM_DIFF;
  b->season = 0;
  models[0] = a, models[1] = b;
  for (guint i = 0; i < 50; i++)
    values[i] = 10 + (double) (i % 7);
  elman_training_range_measure (&range, values, 50);
  g_assert_cmpuint (range.n_values, ==, 50);
  g_assert_cmpfloat (range.min, ==, 10);
  g_assert_cmpfloat (range.max, ==, 16);

  text = elman_models_to_json (models, 2, &range, NULL);
  g_assert_nonnull (strstr (text, "\"elman-ensemble\""));
  loaded = elman_models_load_from_data (text, -1, &back, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_true (elman_model_equal (g_ptr_array_index (loaded, 0), a));
  g_assert_true (elman_model_equal (g_ptr_array_index (loaded, 1), b));
  g_assert_true (memcmp (&range, &back, sizeof range) == 0);

  first = elman_model_load_from_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (elman_model_equal (first, a));

  single = elman_models_to_json (models, 1, &range, NULL);
  g_assert_nonnull (strstr (single, "\"elman-model\""));
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = elman_models_load_from_data (single, -1, &back, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpuint (back.n_values, ==, 50);

  /* A file without a summary: unknown, never a warning. */
  g_clear_pointer (&single, g_free);
  single = elman_model_to_json (a, NULL);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = elman_models_load_from_data (single, -1, &back, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back.n_values, ==, 0);
  g_assert_null (elman_training_range_check (&back, values, 3));

  g_assert_null (elman_models_load_from_data ("{\"format\":\"elman-ensemble\",\"version\":1,\"members\":[]}",
                                              -1, NULL, &error));
  g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_SHAPE);
  g_clear_error (&error);
  g_assert_null (elman_models_load_from_data ("{\"format\":\"elman-ensemble\",\"version\":1,\"members\":[3]}",
                                              -1, NULL, &error));
  g_assert_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_FORMAT);
}

/* The warning of forecast --model: the same series or a shifted copy of
 * it within its range passes; a series at another level, of another
 * spread or much shorter is reported. */
static void
test_training_range_check (void)
{
  double train[400], other[400];
  ElmanTrainingRange range;

  for (guint i = 0; i < 400; i++)
    train[i] = 900 + 150 * sin (i * 0.3);
  elman_training_range_measure (&range, train, 400);

  g_assert_null (elman_training_range_check (&range, train, 400));
  for (guint i = 0; i < 400; i++)
    other[i] = train[i] + 40;
  g_assert_null (elman_training_range_check (&range, other, 400));

  for (guint i = 0; i < 400; i++)
    other[i] = 50 + 40 * sin (i * 0.3);
  {
    g_autofree char *msg = elman_training_range_check (&range, other, 400);
    g_assert_nonnull (msg);
    g_assert_nonnull (strstr (msg, "far from"));
  }
  for (guint i = 0; i < 400; i++)
    other[i] = 900 + 10 * sin (i * 0.3);
  {
    g_autofree char *msg = elman_training_range_check (&range, other, 400);
    g_assert_nonnull (msg);
  }
  {
    g_autofree char *msg = elman_training_range_check (&range, train, 50);
    g_assert_nonnull (msg);
    g_assert_nonnull (strstr (msg, "50 values"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/model-file/round-trip", test_round_trip);
  g_test_add_func ("/elman/model-file/rejects", test_rejects);
  g_test_add_func ("/elman/model-file/unknown-fields", test_unknown_fields_ignored);
  g_test_add_func ("/elman/model-file/save-atomic", test_save_atomic);
  g_test_add_func ("/elman/model-file/ensemble-round-trip", test_ensemble_round_trip);
  g_test_add_func ("/elman/model-file/training-range-check", test_training_range_check);

  return g_test_run ();
}
