/* test-ensemble.c — networks from several seeds, and the automatic search
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "elman-analysis.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-rng.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

#include "core-test-util.h"

/* Parallel training gives exactly the models of sequential training, and
 * the ensemble's bands are ordered and centred on the members' mean. */
static void
test_ensemble (void)
{
  gsize n = 120;
  g_autofree double *values = noisy_sine (n, 12, 0.3, 13);
  ElmanConfig config, configs[3];
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(GPtrArray) serial = NULL;
  g_autoptr(GError) error = NULL;
  ElmanModel *const *models;
  guint n_models;
  double mean[6], lo80[6], hi80[6], lo95[6], hi95[6], one[6];

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 12;
  config.horizon = 3;
  config.hidden = 6;
  config.epochs = 60;
  config.ensemble = 3;
  config.threads = 2;

  ensemble = elman_ensemble_train (&config, values, n, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  models = elman_ensemble_get_models (ensemble, &n_models);
  g_assert_cmpuint (n_models, ==, 3);
  g_assert_false (elman_model_equal (models[0], models[1]));

  for (guint r = 0; r < 3; r++)
    {
      configs[r] = config;
      configs[r].seed = config.seed + r;
    }
  serial = elman_train_parallel (configs, 3, values, n, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < 3; r++)
    {
      g_autoptr(ElmanModel) m = elman_trainer_dup_best_model (g_ptr_array_index (serial, r));
      g_assert_true (elman_model_equal (m, models[r]));
    }

  g_assert_true (elman_ensemble_forecast (models, n_models, values, n, 6, mean, lo80, hi80, lo95, hi95, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();
    g_autoptr(GError) cancel_error = NULL;

    g_cancellable_cancel (cancelled);
    g_assert_false (elman_ensemble_forecast (models, n_models, values, n, 6, mean, lo80, hi80, lo95, hi95,
                                             cancelled, &cancel_error));
    g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* One step ahead: the members' mean of their own one-step runs. */
  {
    gsize first = elman_models_min_history (models, n_models), n_pred = n - first;
    g_autofree double *pred = g_new (double, n_pred);
    g_autofree double *avg = g_new0 (double, n_pred);
    g_autofree double *member = g_new (double, n_pred);
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();
    g_autoptr(GError) cancel_error = NULL;

    g_assert_cmpuint (first, ==, 12);
    for (guint r = 0; r < n_models; r++)
      {
        g_assert_true (elman_rolling_forecast (models[r], values, n, first, n_pred, 1, member, &error));
        for (gsize i = 0; i < n_pred; i++)
          avg[i] += member[i] / n_models;
      }
    g_assert_true (elman_models_rolling_forecast (models, n_models, values, n, first, n_pred, 1, pred, NULL,
                                                  &error));
    g_assert_no_error (error);
    for (gsize i = 0; i < n_pred; i++)
      g_assert_cmpfloat_with_epsilon (pred[i], avg[i], 1e-12);

    g_cancellable_cancel (cancelled);
    g_assert_false (elman_models_rolling_forecast (models, n_models, values, n, first, n_pred, 1, pred, cancelled,
                                                   &cancel_error));
    g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  for (guint h = 0; h < 6; h++)
    {
      double avg = 0;

      for (guint r = 0; r < n_models; r++)
        {
          g_assert_true (elman_model_forecast (models[r], values, n, 6, one, &error));
          avg += one[h] / n_models;
        }
      g_assert_cmpfloat_with_epsilon (mean[h], avg, 1e-9);
      g_assert_cmpfloat (lo95[h], <, lo80[h]);
      g_assert_cmpfloat (lo80[h], <, mean[h]);
      g_assert_cmpfloat (mean[h], <, hi80[h]);
      g_assert_cmpfloat (hi80[h], <, hi95[h]);
      g_assert_cmpfloat_with_epsilon (hi95[h] - mean[h], mean[h] - lo95[h], 1e-9);
      g_assert_cmpfloat_with_epsilon ((hi95[h] - mean[h]) / (hi80[h] - mean[h]), 1.959963984540054 / 1.2815515655446004, 1e-9);
    }
}

/* Share of y[o…o+K−1] inside the intervals elman_ensemble_forecast()
 * gives after y[0…o−1], over origins first…n−K: 80 % and 95 %. */
static void
interval_coverage (ElmanModel *const *models,
                   const double      *y,
                   gsize              n,
                   gsize              first,
                   guint              K,
                   double            *cover80,
                   double            *cover95)
{
  double mean[4], lo80[4], hi80[4], lo95[4], hi95[4];
  gsize in80 = 0, in95 = 0, total = 0;

  g_assert_cmpuint (K, <=, 4);
  for (gsize o = first; o + K <= n; o++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (elman_ensemble_forecast (models, 1, y, o, K, mean, lo80, hi80, lo95, hi95, NULL, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < K; k++)
        {
          in80 += lo80[k] <= y[o + k] && y[o + k] <= hi80[k];
          in95 += lo95[k] <= y[o + k] && y[o + k] <= hi95[k];
          total++;
        }
    }
  *cover80 = (double) in80 / (double) total;
  *cover95 = (double) in95 / (double) total;
}

/* Intervals on positive series: with noise proportional to the level the
 * errors are measured relative to it, so the bands keep their coverage
 * while the series grows a hundredfold; with constant noise on a steep
 * trend they stay absolute, their width that of the errors. The model is
 * the naive forecast (a relative window with zero output weights). */
static void
test_interval_scale (void)
{
  gsize n = 400, first = 300;
  g_autofree double *y = g_new (double, n);
  g_autoptr(ElmanModel) naive = elman_model_new (1, 2, 1, TRUE);
  ElmanModel *models[] = { naive };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  double cover80, cover95, mean[2], lo95[2], hi95[2], ms = 0;
  g_autoptr(GError) error = NULL;

  naive->transform = ELMAN_TRANSFORM_RELATIVE;
  g_assert_true (elman_model_forecast (naive, (const double[]) { 3, 5 }, 2, 2, mean, &error));
  g_assert_cmpfloat (mean[0], ==, 5);
  g_assert_cmpfloat (mean[1], ==, 5);

  /* A random walk in the logarithm: multiplicative noise, level ×100. */
  y[0] = 10;
  for (gsize t = 1; t < n; t++)
    y[t] = y[t - 1] * exp (0.0115 + 0.03 * (g_rand_double (rand) * 2 - 1) * sqrt (3));
  interval_coverage (models, y, n, first, 2, &cover80, &cover95);
  g_test_message ("multiplicative noise: 80 %% covers %.3f, 95 %% covers %.3f", cover80, cover95);
  g_assert_cmpfloat (cover80, >, 0.70);
  g_assert_cmpfloat (cover95, >, 0.88);

  /* Constant noise on a trend from 1000 to 9000: naive's errors are the
   * step plus the noise, the same everywhere; the 95 % band at h = 1 is
   * ±1.96 times their root mean square. */
  for (gsize t = 0; t < n; t++)
    y[t] = 1000 + 20.0 * (double) t + 5 * (g_rand_double (rand) * 2 - 1) * sqrt (3);
  for (gsize t = 1; t < n; t++)
    ms += (y[t] - y[t - 1]) * (y[t] - y[t - 1]) / (double) (n - 1);
  g_assert_true (elman_ensemble_forecast (models, 1, y, n, 2, mean, NULL, NULL, lo95, hi95, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon ((hi95[0] - lo95[0]) / 2, 1.959963984540054 * sqrt (ms), 0.02 * sqrt (ms));
  interval_coverage (models, y, n, first, 2, &cover80, &cover95);
  g_test_message ("constant noise: 80 %% covers %.3f, 95 %% covers %.3f", cover80, cover95);
  g_assert_cmpfloat (cover95, >, 0.88);
}

typedef struct
{
  GMutex   mutex;
  guint    calls, last_done, total;
  gboolean backwards;
  GThread *caller;      /* the thread that started the training */
  guint    on_caller;   /* calls from it */
} Progress;

static void
record_progress (guint         done,
                 guint         total,
                 ElmanTrainer *first,
                 gpointer      user_data)
{
  Progress *p = user_data;

  g_mutex_lock (&p->mutex);
  p->calls++;
  p->total = total;
  p->backwards |= done < p->last_done;
  p->last_done = MAX (p->last_done, done);
  p->on_caller += g_thread_self () == p->caller;
  g_mutex_unlock (&p->mutex);
}

/* Members that stop early still bring the progress to its total. */
static void
test_ensemble_progress (void)
{
  gsize n = 300;
  g_autofree double *values = noisy_sine (n, 12, 0.5, 3);
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  ElmanConfig config;

  g_mutex_init (&progress.mutex);
  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.window = 12;
  config.horizon = 2;
  config.hidden = 4;
  config.epochs = 5000;
  config.patience = 5;
  config.ensemble = 3;
  config.threads = 2;

  ensemble = elman_ensemble_train (&config, values, n, FALSE, NULL, record_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.total, ==, 3 * 5000);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  /* Early stopping did stop early: far fewer calls than epochs. */
  g_assert_cmpuint (progress.calls, <, progress.total / 2);

  /* With a refit the second pass is the second half of the job. */
  g_clear_pointer (&ensemble, elman_ensemble_free);
  progress.calls = progress.last_done = progress.total = 0;
  ensemble = elman_ensemble_train (&config, values, n, TRUE, NULL, record_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.total, ==, 2 * 3 * 5000);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_false (progress.backwards);

  /* 45 members of 10^8 epochs each: more than a guint holds. The count
   * is scaled, still never goes back, and still ends at its total. */
  g_clear_pointer (&ensemble, elman_ensemble_free);
  progress.calls = progress.last_done = progress.total = 0;
  config.epochs = 100000000;
  config.patience = 2;
  config.ensemble = 45;
  ensemble = elman_ensemble_train (&config, values, 100, TRUE, NULL, record_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.total, >, 0);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_false (progress.backwards);
  g_mutex_clear (&progress.mutex);
}

/* The search trains its candidates side by side, one thread each, and
 * their configurations say so; the --auto ensemble still trains on the
 * threads its own configuration asks for, on the pool rather than one
 * member after the other on the caller's thread. */
static void
test_auto_ensemble_threads (void)
{
  gsize n = 150;
  g_autofree double *values = noisy_sine (n, 12, 0.2, 5);
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .caller = g_thread_self () };
  ElmanConfig config;

  g_mutex_init (&progress.mutex);
  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.horizon = 3;
  config.epochs = 10;
  config.threads = 2;
  g_assert_true (elman_auto_search (&config, values, n, NULL, NULL, NULL, &candidates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (candidates, ElmanAutoCandidate, 0).config.threads, ==, 1);

  config.ensemble = 2;
  ensemble = elman_ensemble_train_auto (&config, candidates, values, n, NULL, record_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpuint (progress.on_caller, ==, 0);
  g_mutex_clear (&progress.mutex);
}

/* elman_auto_search_check() says beforehand exactly what the search
 * would say, without training anything. */
static void
test_auto_search_check (void)
{
  g_autofree double *values = noisy_sine (200, 12, 0.1, 4);
  ElmanConfig config;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.horizon = 12;
  config.test_fraction = 0.2;
  for (gsize n = 8; n <= 200; n += 6)
    {
      g_autoptr(GError) check_error = NULL;
      g_autoptr(GError) search_error = NULL;
      g_autoptr(GArray) candidates = NULL;
      ElmanConfig searched = config;
      gboolean ok = elman_auto_search_check (&config, values, n, &check_error);

      searched.epochs = 3;
      g_assert_cmpint (ok, ==, elman_auto_search (&searched, values, n, NULL, NULL, NULL, &candidates,
                                                  &search_error));
      if (ok)
        {
          g_assert_no_error (check_error);
          g_assert_cmpuint (candidates->len, >, 0);
        }
      else
        {
          g_assert_error (check_error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_TOO_SHORT);
          g_assert_cmpstr (check_error->message, ==, search_error->message);
          g_assert_nonnull (strstr (check_error->message, "automatic search"));
        }
    }
  g_assert_false (elman_auto_search_check (&config, values, 30, NULL));
  g_assert_true (elman_auto_search_check (&config, values, 200, NULL));
}

/* --auto never looks at the test part: garbage there changes nothing in
 * the search or the ensemble; every candidate is judged on the same
 * validation part and the grid holds both network horizons. */
static void
test_auto_never_sees_test (void)
{
  gsize n = 150, n_train, n_valid;
  g_autofree double *values = noisy_sine (n, 12, 0.2, 17);
  g_autofree double *spoiled = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(ElmanEnsemble) ea = NULL;
  g_autoptr(ElmanEnsemble) eb = NULL;
  g_autoptr(GError) error = NULL;
  ElmanConfig config, ca, cb;
  ElmanModel *const *ma, *const *mb;
  guint na, nb;
  gboolean seen_direct = FALSE, seen_recursive = FALSE;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.horizon = 3;
  config.epochs = 15;
  config.threads = 2;
  elman_config_split (&config, n, &n_train, &n_valid);
  spoiled = g_memdup2 (values, n * sizeof (double));
  for (gsize i = n_train; i < n; i++)
    spoiled[i] = 1e6 * (double) (i & 1);

  ca = cb = config;
  g_assert_true (elman_auto_search (&ca, values, n, NULL, NULL, NULL, &a, &error));
  g_assert_no_error (error);
  g_assert_true (elman_auto_search (&cb, spoiled, n, NULL, NULL, NULL, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const ElmanAutoCandidate *x = &g_array_index (a, ElmanAutoCandidate, i);
      const ElmanAutoCandidate *y = &g_array_index (b, ElmanAutoCandidate, i);
      gsize t, v;

      g_assert_cmpfloat (x->valid_mae, ==, y->valid_mae);
      g_assert_cmpuint (x->config.window, ==, y->config.window);
      if (i > 0)
        g_assert_cmpfloat (x->valid_mae, >=, g_array_index (a, ElmanAutoCandidate, i - 1).valid_mae);
      elman_config_split (&x->config, n_train, &t, &v);
      g_assert_cmpuint (t, ==, n_train);
      g_assert_cmpuint (v, ==, n_valid);
      seen_direct |= x->config.horizon == 3;
      seen_recursive |= x->config.horizon == 1;
    }
  g_assert_true (seen_direct && seen_recursive);
  g_assert_cmpuint (ca.season, ==, 12);

  ca.ensemble = cb.ensemble = 2;
  ea = elman_ensemble_train_auto (&ca, a, values, n, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  eb = elman_ensemble_train_auto (&cb, b, spoiled, n, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ma = elman_ensemble_get_models (ea, &na);
  mb = elman_ensemble_get_models (eb, &nb);
  g_assert_cmpuint (na, ==, 2 * ELMAN_AUTO_TOP);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_true (elman_model_equal (ma[i], mb[i]));
}

/* The recommended settings with --auto (search, top-3 ensemble, refit)
 * beat seasonal naive on the monthly airline passengers, K = 12, by far;
 * and seasonal naive scores the published 1.59. */
static void
test_airpassengers_auto (void)
{
  g_autoptr(ElmanSeries) series = load_airpassengers ();
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(ElmanEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;
  ElmanConfig config;
  ElmanModel *const *models;
  guint n_models;

  elman_config_init (&config, ELMAN_PRESET_RECOMMENDED);
  config.horizon = 12;
  config.ensemble = 2;
  g_assert_true (elman_auto_search (&config, series->values, series->n, NULL, NULL, NULL, &candidates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, >=, 16);
  ensemble = elman_ensemble_train_auto (&config, candidates, series->values, series->n, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elman_ensemble_get_n_train (ensemble), ==, 115);
  models = elman_ensemble_get_models (ensemble, &n_models);
  g_assert_cmpuint (n_models, ==, 6);

  ev = elman_evaluate (models, n_models, series->values, series->n, 115, 12, 0, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev->season, ==, 12);
  g_assert_cmpfloat_with_epsilon (ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mase, 1.59, 0.005);
  g_test_message ("airpassengers: Elman --auto test MASE %.3f, seasonal naive %.3f",
                  ev->scores[ELMAN_FORECASTER_MODEL].mase, ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mase);
  g_assert_cmpfloat (ev->scores[ELMAN_FORECASTER_MODEL].mase, <, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/ensemble/parallel-and-bands", test_ensemble);
  g_test_add_func ("/elman/ensemble/interval-scale", test_interval_scale);
  g_test_add_func ("/elman/ensemble/progress", test_ensemble_progress);
  g_test_add_func ("/elman/ensemble/auto-search-check", test_auto_search_check);
  g_test_add_func ("/elman/ensemble/auto-never-sees-test", test_auto_never_sees_test);
  g_test_add_func ("/elman/ensemble/auto-ensemble-threads", test_auto_ensemble_threads);
  g_test_add_func ("/elman/ensemble/airpassengers-auto", test_airpassengers_auto);

  return g_test_run ();
}
