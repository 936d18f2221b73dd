/* test-inspect.c — identical and saturated hidden units
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "elman-config.h"
#include "elman-inspect.h"
#include "elman-model.h"
#include "elman-series.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

/* The Seed preset starts from zero weights: after training every unit is
 * still the same unit. Glorot's start makes them all differ. */
static void
test_identical_units_seed_vs_glorot (void)
{
  g_autoptr(ElmanModel) zero = elman_model_new (4, 1, 6, FALSE);
  g_autoptr(ElmanModel) glorot = elman_model_new (4, 1, 6, TRUE);
  guint group[6];

  g_assert_cmpuint (elman_inspect_identical_units (zero, 1e-12, group), ==, 6);
  for (guint j = 0; j < 6; j++)
    g_assert_cmpuint (group[j], ==, 0);

  elman_model_init_glorot (glorot, 7);
  g_assert_cmpuint (elman_inspect_identical_units (glorot, 1e-12, group), ==, 1);
  for (guint j = 0; j < 6; j++)
    g_assert_cmpuint (group[j], ==, j);
}

/* Two equal units among others: only those two are grouped; breaking
 * one outgoing weight separates them. */
static void
test_identical_units_pair (void)
{
  g_autoptr(ElmanModel) model = elman_model_new (3, 2, 4, TRUE);
  guint J = 4, T = 3, group[4];

  elman_model_init_glorot (model, 11);
  /* Make unit 3 a copy of unit 1: row and column of W, row of U, column
   * of V, bias. */
  for (guint k = 0; k < J; k++)
    model->W[3 * J + k] = model->W[1 * J + k];
  for (guint k = 0; k < J; k++)
    model->W[k * J + 3] = model->W[k * J + 1];
  model->W[3 * J + 3] = model->W[1 * J + 1];
  model->W[3 * J + 1] = model->W[1 * J + 3] = model->W[1 * J + 1];
  model->W[1 * J + 1] = model->W[3 * J + 3];
  for (guint t = 0; t < T; t++)
    model->U[3 * T + t] = model->U[1 * T + t];
  for (guint k = 0; k < 2; k++)
    model->V[k * J + 3] = model->V[k * J + 1];
  model->b[3] = model->b[1];

  g_assert_cmpuint (elman_inspect_identical_units (model, 1e-12, group), ==, 2);
  g_assert_cmpuint (group[0], ==, 0);
  g_assert_cmpuint (group[1], ==, 1);
  g_assert_cmpuint (group[2], ==, 2);
  g_assert_cmpuint (group[3], ==, 1);

  model->V[1 * J + 3] += 0.25;
  g_assert_cmpuint (elman_inspect_identical_units (model, 1e-12, group), ==, 1);
  g_assert_cmpuint (group[3], ==, 3);
}

/* The Seed preset trained on the raw (unscaled) sample series: every unit
 * identical after training, and the units pinned at σ ≈ 1. */
static void
test_seed_after_training (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "airpassengers.csv", NULL);
  g_autoptr(ElmanSeries) series = elman_series_load (path, NULL, NULL, &error);
  ElmanConfig config;
  ElmanTrainer *trainer;
  const ElmanModel *model;
  guint group[8];

  g_assert_no_error (error);
  elman_config_init (&config, ELMAN_PRESET_SEED);
  config.window = 12;
  config.horizon = 1;
  config.hidden = 8;
  config.epochs = 30;
  config.learning_rate = 1e-7;
  trainer = elman_trainer_new (&config, series->values, series->n, NULL, &error);
  g_assert_no_error (error);
  while (!elman_trainer_is_done (trainer))
    g_assert_true (elman_trainer_step (trainer, NULL, &error));
  model = elman_trainer_get_model (trainer);
  g_assert_cmpuint (elman_inspect_identical_units (model, 1e-12, group), ==, 8);
  elman_trainer_free (trainer);
}

static void
test_saturation (void)
{
  /* 4 steps × 3 units: unit 0 pinned at 1, unit 1 in the middle, unit 2
   * saturated at 0 half of the time (not more than half: not counted). */
  const double states[] = {
    0.999, 0.5, 0.001,
    0.998, 0.4, 0.002,
    0.9995, 0.6, 0.5,
    0.997, 0.5, 0.5,
  };
  double fraction[3];

  g_assert_cmpuint (elman_inspect_saturation (states, 4, 3, 0.01, fraction), ==, 1);
  g_assert_cmpfloat (fraction[0], ==, 1.0);
  g_assert_cmpfloat (fraction[1], ==, 0.0);
  g_assert_cmpfloat (fraction[2], ==, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/inspect/identical/seed-vs-glorot", test_identical_units_seed_vs_glorot);
  g_test_add_func ("/elman/inspect/identical/pair", test_identical_units_pair);
  g_test_add_func ("/elman/inspect/identical/seed-trained", test_seed_after_training);
  g_test_add_func ("/elman/inspect/saturation", test_saturation);

  return g_test_run ();
}
