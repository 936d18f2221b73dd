/* fuzz-model.c — libFuzzer target for the model-file loader
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Feeds arbitrary bytes to elman_model_load_from_data(). Whatever comes
 * in, the loader must return either a model that is consistent with its
 * shapes and holds only finite numbers, or NULL with an error of its own
 * domain; it must never crash, leak or read out of bounds. A model that
 * loads is used for predictions and a forecast (finite, or refused), and
 * is saved to JSON and read back, which must give the same bits (the
 * round trip the file format promises).
 *
 * Built twice: with -fsanitize=fuzzer by build-aux/fuzz.sh (clang), and
 * with tests/fuzz-replay.c as an ordinary test that replays the corpus
 * in tests/corpus/model/.
 */

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "elman-model.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_model (const ElmanModel *model)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  double sum = 0;

  g_assert_cmpuint (J, >=, 1);
  g_assert_cmpuint (T, >=, 1);
  g_assert_cmpuint (K, >=, 1);
  g_assert_true (elman_model_is_finite (model));
  g_assert_true ((model->b == NULL) == (model->c == NULL));
  g_assert_true (isfinite (model->offset));
  g_assert_true (isfinite (model->scale) && model->scale != 0);

  /* Touch every parameter so that ASan checks the arrays have the size
   * the shapes promise. */
  for (gsize i = 0; i < J * J; i++)
    sum += model->W[i];
  for (gsize i = 0; i < J * T; i++)
    sum += model->U[i];
  for (gsize i = 0; i < K * J; i++)
    sum += model->V[i];
  if (model->b)
    {
      for (gsize i = 0; i < J; i++)
        sum += model->b[i];
      for (gsize i = 0; i < K; i++)
        sum += model->c[i];
    }
  g_assert_false (isnan (sum));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanModel) again = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;

  /* The loader takes a length, so no terminating NUL is needed: pass the
   * bytes exactly as they are. */
  model = elman_model_load_from_data (size ? (const char *) data : "", (gssize) size, &error);
  if (model == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ELMAN_MODEL_ERROR);
      g_assert_nonnull (error->message);
      return 0;
    }
  g_assert_null (error);
  check_model (model);

  /* Use it: one-step predictions over a short series and a recursive
   * forecast, whatever the shapes, transform and season. A forecast is
   * finite or refused with a message. */
  {
    double values[40];
    g_autofree double *pred = g_new (double, (G_N_ELEMENTS (values) + 1) * model->horizon);
    double forecast[12];
    gsize n_pred;

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      values[i] = 100 + 10 * sin (i * 0.5) + i;
    n_pred = elman_model_predict (model, values, G_N_ELEMENTS (values), TRUE, pred);
    g_assert_cmpuint (n_pred, <=, G_N_ELEMENTS (values) + 1);
    if (elman_model_forecast (model, values, G_N_ELEMENTS (values), G_N_ELEMENTS (forecast), forecast, &error))
      {
        for (guint i = 0; i < G_N_ELEMENTS (forecast); i++)
          g_assert_true (isfinite (forecast[i]));
      }
    else
      {
        g_assert_nonnull (error);
        g_assert_true (error->domain == ELMAN_MODEL_ERROR);
        g_clear_error (&error);
      }
  }

  /* Save → load gives the same bits. */
  json = elman_model_to_json (model, &length);
  g_assert_nonnull (json);
  again = elman_model_load_from_data (json, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (elman_model_equal (model, again));

  return 0;
}
