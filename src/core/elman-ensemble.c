/* elman-ensemble.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-ensemble"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "elman-analysis.h"
#include "elman-ensemble.h"
#include "elman-ensemble-private.h"
#include "elman-evaluate.h"
#include "elman-kernels-private.h"
#include "elman-smoothing.h"

/* z of the central 80 % and 95 % of a normal distribution. */
#define Z80 1.2815515655446004
#define Z95 1.959963984540054

/* At most this many rolling origins estimate the residual variance. */
#define MAX_VARIANCE_ORIGINS 5000
/* Origins in each half before relative errors may be chosen. */
#define MIN_ORIGINS_PER_HALF 20

struct _ElmanEnsemble
{
  ElmanConfig   config;     /* as resolved by the first member */
  GPtrArray    *trainers;   /* ElmanTrainer, one per member */
  GPtrArray    *models;     /* ElmanModel, one per member */
  gsize         n_train;
  guint         threads;    /* as asked: the members' own say 1 when they ran side by side */
};

/* The shared state of one elman_train_parallel() call. */
typedef struct
{
  const ElmanConfig        *configs;
  ElmanModel * const       *initials;      /* nullable */
  const double             *values;
  gsize                     n;
  GCancellable             *cancellable;
  ElmanEnsembleProgressFunc progress;
  gpointer                  user_data;
  guint64                   total;

  GMutex                    mutex;
  GCond                     cond;
  guint                     pending;
  gboolean                  parallel;
  guint64                   done_epochs;   /* under mutex */
  ElmanTrainer            **trainers;
  GError                   *error;
} Job;

/* Counts @epochs more as done and tells job->progress, under the job's
 * lock so that the calls arrive in order (never backwards). Sums of many
 * members' epochs can pass G_MAXUINT: they are counted in 64 bits and
 * reported scaled to at most 2^30. */
static void
report_epochs (Job          *job,
               guint64       epochs,
               ElmanTrainer *first)
{
  guint64 total = MAX (job->total, 1), shown = MIN (total, (guint64) 1 << 30);

  g_mutex_lock (&job->mutex);
  job->done_epochs = MIN (job->done_epochs + epochs, total);
  job->progress ((guint) (job->done_epochs * shown / total), (guint) shown, first, job->user_data);
  g_mutex_unlock (&job->mutex);
}

static void
run_one (gpointer data,
         gpointer user_data)
{
  Job *job = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  g_autoptr(GError) error = NULL;
  ElmanTrainer *trainer;

  {
    ElmanConfig config = job->configs[index];

    /* Runs side by side already fill the cores: a kernel's own helper
     * thread would only oversubscribe them. */
    if (job->parallel)
      config.threads = 1;
    trainer = elman_trainer_new (&config, job->values, job->n, job->initials ? job->initials[index] : NULL,
                                 &error);
  }
  while (trainer && !elman_trainer_is_done (trainer))
    {
      g_mutex_lock (&job->mutex);
      if (job->error)
        {
          /* Another run failed: stop early, the job fails anyway. */
          g_mutex_unlock (&job->mutex);
          break;
        }
      g_mutex_unlock (&job->mutex);

      if (!elman_trainer_step (trainer, job->cancellable, &error))
        {
          /* A diverged member keeps its last good model, like a single
           * run does; only cancellation fails the whole job. */
          if (g_error_matches (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED))
            g_clear_error (&error);
          break;
        }
      if (job->progress)
        report_epochs (job, 1, index == 0 ? trainer : NULL);
    }

  /* A run that stopped early (or failed) owes the epochs it will not
   * take, so that the count reaches the total when every run is done. */
  if (job->progress)
    {
      guint run = trainer ? elman_trainer_get_epoch (trainer) : 0;
      guint planned = job->configs[index].epochs;

      if (run < planned)
        report_epochs (job, planned - run, NULL);
    }

  g_mutex_lock (&job->mutex);
  job->trainers[index] = trainer;
  if (error && job->error == NULL)
    job->error = g_steal_pointer (&error);
  job->pending--;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

/* elman_train_parallel(), run @i starting from @initials[i] (nullable)
 * instead of fresh weights. */
static GPtrArray *
train_parallel_from (const ElmanConfig         *configs,
                     ElmanModel * const        *initials,
                     guint                      n_configs,
                     const double              *values,
                     gsize                      n,
                     guint                      n_threads,
                     GCancellable              *cancellable,
                     ElmanEnsembleProgressFunc  progress,
                     gpointer                   user_data,
                     GError                   **error)
{
  Job job = { 0 };
  GThreadPool *pool;
  GPtrArray *result;

  job.configs = configs;
  job.initials = initials;
  job.values = values;
  job.n = n;
  job.cancellable = cancellable;
  job.progress = progress;
  job.user_data = user_data;
  job.pending = n_configs;
  job.trainers = g_new0 (ElmanTrainer *, n_configs);
  for (guint i = 0; i < n_configs; i++)
    job.total += configs[i].epochs;
  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  if (n_threads == 0)
    n_threads = elman_processor_count ();
  n_threads = MAX (1, MIN (n_threads, n_configs));

  job.parallel = n_threads > 1;
  if (n_threads == 1)
    {
      for (guint i = 0; i < n_configs; i++)
        run_one (GUINT_TO_POINTER (i + 1), &job);
    }
  else
    {
      pool = g_thread_pool_new (run_one, &job, (int) n_threads, TRUE, NULL);
      for (guint i = 0; i < n_configs; i++)
        g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);

      g_mutex_lock (&job.mutex);
      while (job.pending > 0)
        g_cond_wait (&job.cond, &job.mutex);
      g_mutex_unlock (&job.mutex);
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);

  if (job.error)
    {
      for (guint i = 0; i < n_configs; i++)
        elman_trainer_free (job.trainers[i]);
      g_free (job.trainers);
      g_propagate_error (error, job.error);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_trainer_free);
  for (guint i = 0; i < n_configs; i++)
    g_ptr_array_add (result, job.trainers[i]);
  g_free (job.trainers);
  return result;
}

/**
 * elman_train_parallel:
 * @configs: (array length=n_configs): one configuration per run
 * @progress: (nullable) (scope call): called from the worker threads
 *
 * Trains every configuration to the end (its epochs or early stopping)
 * on a pool of @n_threads threads. A run that diverges keeps its last
 * good weights.
 *
 * Returns: (transfer container) (nullable): the trainers in the order of
 *   @configs, or %NULL with @error set (a bad configuration, or
 *   %G_IO_ERROR_CANCELLED)
 */
GPtrArray *
elman_train_parallel (const ElmanConfig         *configs,
                      guint                      n_configs,
                      const double              *values,
                      gsize                      n,
                      guint                      n_threads,
                      GCancellable              *cancellable,
                      ElmanEnsembleProgressFunc  progress,
                      gpointer                   user_data,
                      GError                   **error)
{
  g_return_val_if_fail (configs != NULL && n_configs > 0, NULL);

  return train_parallel_from (configs, NULL, n_configs, values, n, n_threads, cancellable, progress, user_data,
                              error);
}

/* The configuration of a refit: the transform and season the first run
 * chose, no validation part, exactly the epochs that were best. */
static ElmanConfig
refit_config (ElmanTrainer *trainer)
{
  ElmanConfig config = *elman_trainer_get_config (trainer);

  config.epochs = MAX (elman_trainer_get_best_epoch (trainer), 1);
  config.valid_fraction = 0;
  config.patience = 0;
  return config;
}

/* One phase of a job reported as a share of the whole: its progress
 * @done of @total is mapped onto [offset, offset + span) of job_total. */
typedef struct
{
  ElmanEnsembleProgressFunc  progress;
  gpointer                   user_data;
  guint                      offset, span, job_total;
} Phase;

static void
phase_progress (guint         done,
                guint         total,
                ElmanTrainer *first,
                gpointer      user_data)
{
  const Phase *phase = user_data;
  guint64 mapped = phase->offset + (guint64) done * phase->span / MAX (total, 1);

  phase->progress ((guint) MIN (mapped, phase->job_total), phase->job_total, first, phase->user_data);
}

/**
 * elman_ensemble_train_members:
 * @members: (array length=n_members): one configuration per network; their
 *   test_fraction is ignored (they see only values[0…n_train))
 * @values: (array length=n_train): the training part, all the members see
 * @progress: (nullable) (scope call): called from the worker threads
 *
 * Trains a (possibly mixed) ensemble: each member with early stopping on
 * the end of @values, then, with @refit, again on all of @values. With a
 * refit, @progress sees the two passes as the two halves of one job.
 *
 * Returns: (transfer full) (nullable): the ensemble, or %NULL with @error
 *   set
 */
ElmanEnsemble *
elman_ensemble_train_members (const ElmanConfig          *members,
                              guint                       n_members,
                              const double               *values,
                              gsize                       n_train,
                              gboolean                    refit,
                              GCancellable               *cancellable,
                              ElmanEnsembleProgressFunc   progress,
                              gpointer                    user_data,
                              GError                    **error)
{
  g_autoptr(ElmanEnsemble) self = NULL;
  g_autofree ElmanConfig *configs = NULL;
  guint R = n_members, threads, epochs = 0;
  Phase first = { progress, user_data, 0, 0, 0 }, second;

  g_return_val_if_fail (members != NULL && n_members > 0, NULL);

  configs = g_memdup2 (members, R * sizeof (ElmanConfig));
  for (guint r = 0; r < R; r++)
    {
      configs[r].test_fraction = 0;
      epochs = (guint) MIN ((guint64) epochs + configs[r].epochs, G_MAXUINT / 2);
    }
  threads = members[0].threads;
  refit = refit && members[0].valid_fraction > 0;
  first.span = epochs;
  first.job_total = refit ? 2 * epochs : epochs;
  second = first;
  second.offset = epochs;

  self = g_new0 (ElmanEnsemble, 1);
  self->trainers = elman_train_parallel (configs, R, values, n_train, threads, cancellable,
                                         progress ? phase_progress : NULL, &first, error);
  if (self->trainers == NULL)
    return NULL;
  self->config = *elman_trainer_get_config (g_ptr_array_index (self->trainers, 0));
  self->n_train = n_train;
  self->threads = threads;
  self->models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);

  if (refit)
    {
      g_autoptr(GPtrArray) refits = NULL;

      for (guint r = 0; r < R; r++)
        configs[r] = refit_config (g_ptr_array_index (self->trainers, r));
      refits = elman_train_parallel (configs, R, values, n_train, threads, cancellable,
                                     progress ? phase_progress : NULL, &second, error);
      if (refits == NULL)
        return NULL;
      for (guint r = 0; r < R; r++)
        g_ptr_array_add (self->models, elman_trainer_dup_best_model (g_ptr_array_index (refits, r)));
    }
  else
    {
      for (guint r = 0; r < R; r++)
        g_ptr_array_add (self->models, elman_trainer_dup_best_model (g_ptr_array_index (self->trainers, r)));
    }

  return g_steal_pointer (&self);
}

/**
 * elman_ensemble_train:
 * @config: the members' configuration; config->ensemble members from
 *   seeds config->seed, config->seed + 1, …
 * @values: (array length=n): the whole series; the members see only its
 *   training part (elman_config_split())
 * @progress: (nullable) (scope call): called from the worker threads
 *
 * Returns: (transfer full) (nullable): the trained ensemble, or %NULL
 *   with @error set
 */
ElmanEnsemble *
elman_ensemble_train (const ElmanConfig          *config,
                      const double               *values,
                      gsize                       n,
                      gboolean                    refit,
                      GCancellable               *cancellable,
                      ElmanEnsembleProgressFunc   progress,
                      gpointer                    user_data,
                      GError                    **error)
{
  g_autofree ElmanConfig *members = NULL;
  gsize n_train, n_valid;
  guint R;

  g_return_val_if_fail (config != NULL, NULL);

  if (!elman_config_validate (config, n, error))
    return NULL;
  elman_config_split (config, n, &n_train, &n_valid);
  R = MAX (config->ensemble, 1);
  members = g_new (ElmanConfig, R);
  for (guint r = 0; r < R; r++)
    {
      members[r] = *config;
      members[r].seed = config->seed + r;
    }
  return elman_ensemble_train_members (members, R, values, n_train, refit, cancellable,
                                       progress, user_data, error);
}

void
elman_ensemble_free (ElmanEnsemble *ensemble)
{
  if (ensemble == NULL)
    return;

  if (ensemble->trainers)
    g_ptr_array_unref (ensemble->trainers);
  if (ensemble->models)
    g_ptr_array_unref (ensemble->models);
  g_free (ensemble);
}

guint
elman_ensemble_get_size (ElmanEnsemble *ensemble)
{
  g_return_val_if_fail (ensemble != NULL, 0);

  return ensemble->models->len;
}

ElmanTrainer *
elman_ensemble_get_trainer (ElmanEnsemble *ensemble,
                            guint          i)
{
  g_return_val_if_fail (ensemble != NULL, NULL);
  g_return_val_if_fail (i < ensemble->trainers->len, NULL);

  return g_ptr_array_index (ensemble->trainers, i);
}

ElmanModel *const *
elman_ensemble_get_models (ElmanEnsemble *ensemble,
                           guint         *n_models)
{
  g_return_val_if_fail (ensemble != NULL, NULL);

  if (n_models)
    *n_models = ensemble->models->len;
  return (ElmanModel *const *) ensemble->models->pdata;
}

gsize
elman_ensemble_get_n_train (ElmanEnsemble *ensemble)
{
  g_return_val_if_fail (ensemble != NULL, 0);

  return ensemble->n_train;
}

const ElmanConfig *
elman_ensemble_get_config (ElmanEnsemble *ensemble)
{
  g_return_val_if_fail (ensemble != NULL, NULL);

  return &ensemble->config;
}

/* The level of the series before origin o: the mean of the last @span
 * values (fewer at the start). */
static double
local_level (const double *values,
             gsize         o,
             gsize         span)
{
  double sum = 0;

  span = MIN (span, o);
  for (gsize i = o - span; i < o; i++)
    sum += values[i];
  return sum / (double) span;
}

/* Error values (origins × steps checked) held at once while the
 * rolling-origin errors are summed: passes over blocks of origins keep
 * the buffer at most this or the series' length, whichever is larger
 * (each pass reruns the history before its origins, so a pass at least
 * as long as the history costs at most as much again). */
#define ERROR_BLOCK_VALUES ((gsize) 1 << 20)

static gsize error_block_values = ERROR_BLOCK_VALUES;

void
elman_ensemble_set_error_block_values (gsize values)
{
  error_block_values = values ? values : ERROR_BLOCK_VALUES;
}

/* Which origins check the residual variance of a forecast of @steps
 * after values[0…n) by models that need @first values of history, how
 * many of the steps the series can check (the rest take the last checked
 * step's error), and how many origins each pass holds. */
void
elman_ensemble_error_layout (gsize  n,
                             gsize  first,
                             gsize  steps,
                             gsize *o0,
                             gsize *n_origins,
                             gsize *checked,
                             gsize *block)
{
  *o0 = first, *n_origins = n > first ? n - first : 0;
  if (*n_origins > MAX_VARIANCE_ORIGINS)
    {
      *o0 = n - MAX_VARIANCE_ORIGINS;
      *n_origins = MAX_VARIANCE_ORIGINS;
    }
  /* Origin o0 + i checks steps h < n − o0 − i only. */
  *checked = MIN (steps, *n_origins);
  *block = *checked ? MAX (error_block_values, n) / *checked : 0;
  *block = CLAMP (*block, 1, MAX (*n_origins, 1));
}

/* Sums of the squared errors of the earlier and the later half of the
 * origins, absolute and relative to the level before each origin (for
 * errors_grow_with_level()), and per step (for the variance). */
typedef struct
{
  double half_sum[2][2];    /* [later half][relative] */
  gsize  half_count[2];
  double *noise[2];         /* checked: Σ e² per step, [relative] */
  double *counts;           /* checked */
} ErrorSums;

/* Adds the errors of origins [i0, i0 + m) (rows of @checked, NAN where
 * the target is not known) to @sums. */
static void
add_errors (ErrorSums    *sums,
            const double *values,
            gsize         o0,
            gsize         n_origins,
            gsize         i0,
            gsize         m,
            gsize         checked,
            gsize         span,
            const double *errors)
{
  for (gsize i = i0; i < i0 + m; i++)
    {
      const double *row = errors + (i - i0) * checked;
      double l = local_level (values, o0 + i, span);
      int later = i >= n_origins / 2;

      for (gsize h = 0; h < checked; h++)
        if (isfinite (row[h]))
          {
            double r = row[h] / l;

            sums->half_sum[later][0] += row[h] * row[h];
            sums->half_sum[later][1] += r * r;
            sums->half_count[later]++;
          }
      for (gsize h = 0; h < checked && o0 + i + h < o0 + n_origins; h++)
        {
          double r = row[h] / l;

          sums->noise[0][h] += row[h] * row[h];
          sums->noise[1][h] += r * r;
          sums->counts[h] += 1;
        }
    }
}

/* Whether the errors of origins o0…o0+n_origins−1 are proportional to
 * the level rather than constant: only for a series of positive values
 * (all of it before the last origin), and only when relative errors are
 * more alike in the earlier and the later half of the origins than
 * absolute ones. */
static gboolean
errors_grow_with_level (const double    *values,
                        gsize            o0,
                        gsize            n_origins,
                        const ErrorSums *sums)
{
  double ms[2][2];

  /* Too few origins to tell the two apart: absolute, the safer choice. */
  if (n_origins < 2 * MIN_ORIGINS_PER_HALF)
    return FALSE;
  for (gsize i = 0; i < o0 + n_origins; i++)
    if (!(values[i] > 0))
      return FALSE;

  for (int half = 0; half < 2; half++)
    for (int rel = 0; rel < 2; rel++)
      ms[half][rel] = sums->half_count[half] > 0
                      ? sums->half_sum[half][rel] / (double) sums->half_count[half] : NAN;
  if (!(ms[0][0] > 0 && ms[1][0] > 0 && ms[0][1] > 0 && ms[1][1] > 0))
    return FALSE;
  return fabs (log (ms[1][1] / ms[0][1])) < fabs (log (ms[1][0] / ms[0][0]));
}

/**
 * elman_ensemble_forecast:
 * @models: (array length=n_models): the members
 * @mean: (array length=steps): the average of the members' forecasts
 * @lower80: (nullable) (array length=steps): and the other bounds
 * @cancellable: (nullable): checked between the members' error runs, the
 *   bulk of the work on a long series
 *
 * Prediction intervals, Gaussian: at step h the variance is the
 * members' spread (sample variance of their forecasts; 0 for one
 * member) plus the mean squared h-step error of the ensemble mean over
 * the rolling origins of the known series (all origins from the first
 * the models can forecast to n − h, at most the last 5000). The first
 * part is the model uncertainty, the second the noise the models leave.
 *
 * On a series of positive values whose errors grow with its level (a
 * multiplicative noise, as on most trending economic series) the errors
 * are measured relative to the level before each origin, the mean of the
 * last max(m, 1) values (m the models' season, else the season the
 * series shows), and scaled back by the level before n. Which
 * of the two is used is decided from the errors themselves: the one
 * whose mean square differs less between the earlier and the later half
 * of the origins.
 *
 * Returns: %FALSE when the series is shorter than the models' history
 */
gboolean
elman_ensemble_forecast (ElmanModel *const  *models,
                         guint               n_models,
                         const double       *values,
                         gsize               n,
                         gsize               steps,
                         double             *mean,
                         double             *lower80,
                         double             *upper80,
                         double             *lower95,
                         double             *upper95,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autofree double *member = NULL;
  g_autofree double *spread = NULL;
  g_autofree double *noise = NULL;
  g_autofree double *counts = NULL;
  gsize first = 0, span;
  double level;

  g_return_val_if_fail (models != NULL && n_models > 0, FALSE);

  if (steps == 0)
    return TRUE;

  member = g_new (double, steps);
  spread = g_new0 (double, steps);
  memset (mean, 0, steps * sizeof (double));
  first = elman_models_min_history (models, n_models);
  for (guint r = 0; r < n_models; r++)
    {
      if (!elman_model_forecast (models[r], values, n, steps, member, error))
        return FALSE;
      /* Welford's update of mean and spread over the members. */
      for (gsize h = 0; h < steps; h++)
        {
          double d = member[h] - mean[h];
          mean[h] += d / (double) (r + 1);
          spread[h] += d * (member[h] - mean[h]);
        }
    }
  for (gsize h = 0; h < steps; h++)
    spread[h] = n_models > 1 ? spread[h] / (double) (n_models - 1) : 0.0;

  if (lower80 == NULL && upper80 == NULL && lower95 == NULL && upper95 == NULL)
    return TRUE;

  /* The residual part: rolling-origin errors of the ensemble mean,
   * summed over blocks of origins. */
  noise = g_new0 (double, steps);
  counts = g_new0 (double, steps);
  level = 1.0;
  if (n > first)
    {
      gsize o0, n_origins, checked, block;
      g_autofree double *errors = NULL;
      g_autofree double *noise_rel = NULL;
      ErrorSums sums;

      elman_ensemble_error_layout (n, first, steps, &o0, &n_origins, &checked, &block);
      errors = g_new (double, block * checked);
      noise_rel = g_new0 (double, checked);
      memset (&sums, 0, sizeof sums);
      sums.noise[0] = noise, sums.noise[1] = noise_rel, sums.counts = counts;
      /* The level averages a season out: the models' own, else the one
       * the checked part shows (a level of one value would follow the
       * season's peaks and troughs). */
      span = models[0]->season > 0 ? models[0]->season : elman_detect_season (values + o0, n - o0);
      span = MAX (span, 1);
      for (gsize i0 = 0; i0 < n_origins; i0 += block)
        {
          gsize m = MIN (block, n_origins - i0);

          if (!elman_models_rolling_forecast (models, n_models, values, n, o0 + i0, m, checked,
                                              errors, cancellable, error))
            return FALSE;
          /* The forecasts become the errors, NAN where the target is not
           * known. */
          for (gsize i = 0; i < m; i++)
            for (gsize h = 0; h < checked; h++)
              {
                gsize t = o0 + i0 + i + h;
                errors[i * checked + h] = t < n ? values[t] - errors[i * checked + h] : NAN;
              }
          add_errors (&sums, values, o0, n_origins, i0, m, checked, span, errors);
        }
      if (errors_grow_with_level (values, o0, n_origins, &sums))
        {
          memcpy (noise, noise_rel, checked * sizeof (double));
          level = local_level (values, n, span);
        }
    }
  for (gsize h = 0; h < steps; h++)
    {
      double var, sd;

      /* Steps beyond what the history can check take the last known
       * step's error: an interval too narrow is worse than none. */
      if (counts[h] > 0)
        noise[h] /= counts[h];
      else
        noise[h] = h > 0 ? noise[h - 1] : 0.0;
      var = spread[h] + noise[h] * level * level;
      sd = sqrt (var);
      if (lower80)
        lower80[h] = mean[h] - Z80 * sd;
      if (upper80)
        upper80[h] = mean[h] + Z80 * sd;
      if (lower95)
        lower95[h] = mean[h] - Z95 * sd;
      if (upper95)
        upper95[h] = mean[h] + Z95 * sd;
    }

  return TRUE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const ElmanAutoCandidate *ca = a, *cb = b;
  double x = isfinite (ca->valid_mae) ? ca->valid_mae : INFINITY;
  double y = isfinite (cb->valid_mae) ? cb->valid_mae : INFINITY;

  return (x > y) - (x < y);
}

/* Successive halving in the search: the first round trains every
 * candidate for 1/HALVING_FIRST_PART of its epochs, the second the best
 * 1/HALVING_KEEP of them (at least HALVING_MIN_KEPT) for the rest. */
#define HALVING_FIRST_PART 5
#define HALVING_KEEP 3
#define HALVING_MIN_KEPT (2 * ELMAN_AUTO_TOP)
/* Only searches on at least this many values halve. */
#define HALVING_MIN_VALUES 1000

/* Both rounds' progress as one count of epochs: the round under way
 * (of @round epochs) starts at @base, out of @total. */
typedef struct
{
  ElmanEnsembleProgressFunc  func;
  gpointer                   user_data;
  guint64                    base;
  guint64                    round;
  guint64                    total;
} HalvingProgress;

static void
halving_progress (guint         done,
                  guint         total,
                  ElmanTrainer *first,
                  gpointer      user_data)
{
  HalvingProgress *hp = user_data;
  guint64 all = MAX (hp->total, 1), shown = MIN (all, (guint64) 1 << 30);
  guint64 now = hp->base + hp->round * done / MAX (total, 1);

  now = MIN (now, all);
  hp->func ((guint) (now * shown / all), (guint) shown, first, hp->user_data);
}

/* Candidate indices by the validation MAE of @user_data's candidates. */
static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GArray *candidates = user_data;

  return compare_candidates (&g_array_index (candidates, ElmanAutoCandidate, *(const guint *) a),
                             &g_array_index (candidates, ElmanAutoCandidate, *(const guint *) b));
}

/* MAE of the H-step rolling-origin forecasts whose targets all lie in
 * the validation part [n_fit, n_train). */
static double
validation_mae (const ElmanModel *model,
                const double     *values,
                gsize             n_fit,
                gsize             n_train,
                gsize             H)
{
  gsize n_origins;
  g_autofree double *fc = NULL;
  double sum = 0;

  if (n_train < n_fit + H || n_fit < elman_model_min_history (model))
    return NAN;
  n_origins = n_train - H - n_fit + 1;
  fc = g_new (double, n_origins * H);
  if (!elman_rolling_forecast (model, values, n_train, n_fit, n_origins, H, fc, NULL))
    return NAN;
  for (gsize i = 0; i < n_origins; i++)
    for (gsize k = 0; k < H; k++)
      sum += fabs (values[n_fit + i + k] - fc[i * H + k]);
  return sum / (double) (n_origins * H);
}

/* The --auto grid for @config on @values (the series' first @n values):
 * the candidates, each to train on values[0…n_train) with the shared
 * validation part at its end. @values and @n_train come back moved to the
 * part the search reads (the end of a long training part). */
static gboolean
build_grid (const ElmanConfig  *config,
            const double      **values,
            gsize               n,
            gsize              *n_train_out,
            gsize              *n_fit_out,
            GArray             *grid,
            GError            **error)
{
  ElmanTransform transforms[5];
  guint n_transforms = 0, windows[3], n_windows = 0, hidden[] = { 4, 8, 16 }, horizons[2], n_horizons = 0;
  double rates[] = { 0.003, 0.01 };
  gsize n_train, n_valid, n_fit;
  guint m, K;

  if (!elman_config_validate (config, 0, error))
    return FALSE;
  K = config->horizon;
  {
    ElmanConfig split = *config;

    elman_config_split (&split, n, &n_train, &n_valid);
    /* Long series: the search reads only the end of the training part,
     * so that its cost does not grow with the series. */
    if (n_train > ELMAN_AUTO_MAX_VALUES)
      {
        *values += n_train - ELMAN_AUTO_MAX_VALUES;
        n_train = ELMAN_AUTO_MAX_VALUES;
      }
    /* The validation part every candidate is judged on. */
    if (split.valid_fraction <= 0)
      split.valid_fraction = 0.2;
    split.test_fraction = 0;
    elman_config_split (&split, n_train, NULL, &n_valid);
  }
  if (n_train <= n_valid + K)
    {
      g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_TOO_SHORT,
                   _("Too few values for the automatic search: %zu training values leave nothing before "
                     "the %zu validation values"),
                   n_train, n_valid);
      return FALSE;
    }
  n_fit = n_train - n_valid;
  /* The whole training part: short series show a season only there. */
  m = config->season ? config->season : elman_detect_season (*values, n_train);

  if (m > 1)
    {
      windows[n_windows++] = m;
      windows[n_windows++] = 2 * m;
      /* Short series: a half season still leaves windows to learn from
       * after seasonal differencing. */
      if (n_fit < 4 * m + K && m >= 4)
        windows[n_windows++] = m / 2;
    }
  else
    {
      windows[n_windows++] = 6;
      windows[n_windows++] = 12;
    }
  horizons[n_horizons++] = K;
  if (K > 1)
    horizons[n_horizons++] = 1;

  if (config->transform == ELMAN_TRANSFORM_AUTO)
    {
      /* A persistent series (a random walk, a slowly wandering level)
       * only with transforms anchored on the last value: the others pull
       * the first step of the forecast towards the training levels. */
      gboolean persistent = m <= 1 && elman_is_persistent (*values, n_fit);

      transforms[n_transforms++] = ELMAN_TRANSFORM_RELATIVE;
      if (!persistent)
        transforms[n_transforms++] = ELMAN_TRANSFORM_RELATIVE_MEAN;
      transforms[n_transforms++] = ELMAN_TRANSFORM_DIFF;
      if (m > 1)
        transforms[n_transforms++] = ELMAN_TRANSFORM_SEASONAL_DIFF;
      if (!persistent && elman_detect_trend (*values, n_fit) < ELMAN_TREND_THRESHOLD)
        transforms[n_transforms++] = ELMAN_TRANSFORM_NONE;
    }
  else
    transforms[n_transforms++] = config->transform;

  for (guint a = 0; a < n_transforms; a++)
    for (guint b = 0; b < n_windows; b++)
      for (guint c = 0; c < G_N_ELEMENTS (hidden); c++)
        for (guint d = 0; d < G_N_ELEMENTS (rates); d++)
          for (guint e = 0; e < n_horizons; e++)
            {
              ElmanConfig cand = *config;
              gsize cand_train, cand_valid;

              cand.transform = transforms[a];
              cand.season = m;
              cand.window = windows[b];
              cand.hidden = hidden[c];
              cand.learning_rate = rates[d];
              cand.horizon = horizons[e];
              cand.ensemble = 1;
              /* The candidate sees only the training part, and exactly
               * the shared validation part at its end. */
              cand.test_fraction = 0;
              cand.valid_fraction = ((double) n_valid - 0.5) / (double) n_train;
              elman_config_split (&cand, n_train, &cand_train, &cand_valid);
              if (cand_valid != n_valid)
                continue;
              /* Skip what the data cannot hold rather than fail. */
              if (!elman_config_validate (&cand, n_train, NULL))
                continue;
              g_array_append_val (grid, cand);
            }

  if (grid->len == 0)
    {
      g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_TOO_SHORT,
                   _("Too few values for the automatic search: %zu values before the validation part fit "
                     "no window of the grid (T = %u or %u, K = %u)"),
                   n_fit, windows[0], windows[1], K);
      return FALSE;
    }

  *n_train_out = n_train;
  *n_fit_out = n_fit;
  return TRUE;
}

/**
 * elman_auto_search_check:
 * @config: the configuration the search would start from
 * @values: (array length=n): the whole series
 *
 * Whether elman_auto_search() can run on this series: the checks it
 * makes before training anything, and nothing else. Cheap (a season
 * detection), so an interface can ask before offering to train.
 *
 * Returns: %FALSE with @error set saying what is missing
 */
gboolean
elman_auto_search_check (const ElmanConfig  *config,
                         const double       *values,
                         gsize               n,
                         GError            **error)
{
  g_autoptr(GArray) grid = g_array_new (FALSE, FALSE, sizeof (ElmanConfig));
  gsize n_train, n_fit;

  g_return_val_if_fail (config != NULL, FALSE);

  return build_grid (config, &values, n, &n_train, &n_fit, grid, error);
}

/**
 * elman_auto_search:
 * @config: (inout): the starting configuration; receives the best T, J,
 *   ε and transform (its K and test part stay)
 * @candidates: (out) (optional) (transfer full) (element-type ElmanAutoCandidate):
 *   every candidate that could train, best first
 *
 * The grid: T ∈ {m, 2m} for a detected (or given) season m, else
 * {6, 12}; J ∈ {4, 8, 16}; ε ∈ {0.003, 0.01}; the network's own horizon
 * K' ∈ {1, K} (K' = 1 forecasts K steps recursively); and when the
 * transform is AUTO, relative, relative-mean, diff, seasonal-diff (with a
 * season) and none (without a trend); relative-mean and none are left
 * out for a persistent series without a season (elman_is_persistent()).
 * Each candidate trains on the training part
 * before the validation part with early stopping; all candidates share
 * the same validation part, max(⌈valid_fraction·n_train⌉, 2K) values,
 * and are scored by the MAE of their K-step rolling-origin forecasts
 * there. The test part is never seen. On long series the search reads
 * only the last ELMAN_AUTO_MAX_VALUES values of the training part. Runs
 * on config->threads threads.
 *
 * Returns: %FALSE with @error set when no candidate can train
 */
gboolean
elman_auto_search (ElmanConfig                *config,
                   const double               *values,
                   gsize                       n,
                   GCancellable               *cancellable,
                   ElmanEnsembleProgressFunc   progress,
                   gpointer                    user_data,
                   GArray                    **candidates,
                   GError                    **error)
{
  g_autoptr(GArray) grid = g_array_new (FALSE, FALSE, sizeof (ElmanConfig));
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (ElmanAutoCandidate));
  g_autoptr(GPtrArray) trainers = NULL;
  gsize n_train, n_fit;
  guint K;

  g_return_val_if_fail (config != NULL, FALSE);

  if (!build_grid (config, &values, n, &n_train, &n_fit, grid, error))
    return FALSE;
  K = config->horizon;

  /* Successive halving on long series: every candidate trains for a
   * fifth of its epochs; the best third (at least HALVING_MIN_KEPT) go on
   * from their best weights for the rest, and rank first, by where they
   * end. */
  {
    g_autoptr(GArray) first = g_array_copy (grid);
    g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (ElmanConfig));
    g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (ElmanAutoCandidate));
    g_autoptr(GPtrArray) initials = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
    g_autofree guint *order = g_new (guint, grid->len);
    HalvingProgress hp = { progress, user_data, 0, 0, 0 };
    /* Short series train fast and rank poorly after a fifth of the
     * epochs (lynx: test MASE 0.63 → 1.13): one round of all epochs. */
    gboolean halving = n_train >= HALVING_MIN_VALUES;
    guint n_kept = halving ? MIN (grid->len, MAX (HALVING_MIN_KEPT, (grid->len + HALVING_KEEP - 1) / HALVING_KEEP))
                           : 0;

    for (guint i = 0; i < first->len; i++)
      {
        ElmanConfig *c = &g_array_index (first, ElmanConfig, i);

        if (halving)
          c->epochs = MAX (c->epochs / HALVING_FIRST_PART, 1);
        hp.round += c->epochs;
      }
    hp.total = hp.round + (guint64) n_kept * config->epochs;
    trainers = train_parallel_from ((const ElmanConfig *) first->data, NULL, first->len, values, n_train,
                                    config->threads, cancellable, progress ? halving_progress : NULL, &hp,
                                    error);
    if (trainers == NULL)
      return FALSE;

    for (guint i = 0; i < grid->len; i++)
      {
        ElmanTrainer *trainer = g_ptr_array_index (trainers, i);
        g_autoptr(ElmanModel) model = elman_trainer_dup_best_model (trainer);
        ElmanAutoCandidate c = {
          .config = *elman_trainer_get_config (trainer),
          .valid_mae = validation_mae (model, values, n_fit, n_train, K),
          .best_epoch = elman_trainer_get_best_epoch (trainer),
        };

        /* The ensemble trains the candidate for all of its epochs. */
        c.config.epochs = g_array_index (grid, ElmanConfig, i).epochs;
        g_array_append_val (result, c);
        order[i] = i;
      }
    g_qsort_with_data (order, grid->len, sizeof (guint), compare_order, result);

    for (guint k = 0; k < n_kept; k++)
      {
        const ElmanAutoCandidate *c = &g_array_index (result, ElmanAutoCandidate, order[k]);
        ElmanTrainer *trainer = g_ptr_array_index (trainers, order[k]);
        ElmanConfig more = c->config;
        guint done = elman_trainer_get_epoch (trainer);

        more.epochs = more.epochs > done ? more.epochs - done : 1;
        g_array_append_val (rest, more);
        g_ptr_array_add (initials, elman_trainer_dup_best_model (trainer));
      }
    g_clear_pointer (&trainers, g_ptr_array_unref);

    hp.base = hp.round;
    hp.round = 0;
    if (n_kept > 0)
      {
        for (guint k = 0; k < rest->len; k++)
          hp.round += g_array_index (rest, ElmanConfig, k).epochs;
        hp.total = hp.base + hp.round;
        trainers = train_parallel_from ((const ElmanConfig *) rest->data, (ElmanModel * const *) initials->pdata,
                                        rest->len, values, n_train, config->threads, cancellable,
                                        progress ? halving_progress : NULL, &hp, error);
        if (trainers == NULL)
          return FALSE;
      }

    for (guint k = 0; k < n_kept; k++)
      {
        ElmanAutoCandidate c = g_array_index (result, ElmanAutoCandidate, order[k]);
        ElmanTrainer *trainer = g_ptr_array_index (trainers, k);
        g_autoptr(ElmanModel) model = elman_trainer_dup_best_model (trainer);
        double mae = validation_mae (model, values, n_fit, n_train, K);

        /* Going on keeps the better of the two rounds' best weights. */
        if (mae < c.valid_mae || !isfinite (c.valid_mae))
          {
            c.valid_mae = mae;
            c.best_epoch += elman_trainer_get_best_epoch (trainer) + 1;
          }
        g_array_append_val (ranked, c);
      }
    g_array_sort (ranked, compare_candidates);
    for (guint k = n_kept; k < grid->len; k++)
      g_array_append_val (ranked, g_array_index (result, ElmanAutoCandidate, order[k]));
    g_clear_pointer (&result, g_array_unref);
    result = g_steal_pointer (&ranked);
  }

  {
    const ElmanConfig *best = &g_array_index (result, ElmanAutoCandidate, 0).config;

    config->window = best->window;
    config->hidden = best->hidden;
    config->learning_rate = best->learning_rate;
    config->transform = best->transform;
    config->season = best->season;
  }

  if (candidates)
    *candidates = g_steal_pointer (&result);
  return TRUE;
}

/**
 * elman_ensemble_train_auto:
 * @config: the configuration --auto started from (its K, test part,
 *   seed and ensemble size R)
 * @candidates: (element-type ElmanAutoCandidate): elman_auto_search()'s
 *   candidates, best first
 * @values: (array length=n): the whole series
 *
 * The --auto ensemble: the ELMAN_AUTO_TOP best candidates, R seeds each,
 * every member refitted on the whole training part. Averaging across the
 * best configurations hedges against a validation part too short to
 * pick one reliably.
 *
 * Returns: (transfer full) (nullable): the ensemble, or %NULL with @error
 *   set
 */
ElmanEnsemble *
elman_ensemble_train_auto (const ElmanConfig          *config,
                           GArray                     *candidates,
                           const double               *values,
                           gsize                       n,
                           GCancellable               *cancellable,
                           ElmanEnsembleProgressFunc   progress,
                           gpointer                    user_data,
                           GError                    **error)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (ElmanConfig));
  gsize n_train, n_valid;
  guint top, R;

  g_return_val_if_fail (config != NULL && candidates != NULL && candidates->len > 0, NULL);

  elman_config_split (config, n, &n_train, &n_valid);
  top = MIN (candidates->len, ELMAN_AUTO_TOP);
  R = MAX (config->ensemble, 1);
  for (guint i = 0; i < top; i++)
    {
      const ElmanAutoCandidate *c = &g_array_index (candidates, ElmanAutoCandidate, i);

      if (!isfinite (c->valid_mae))
        break;
      for (guint r = 0; r < R; r++)
        {
          ElmanConfig member = c->config;

          member.seed = config->seed + r;
          member.ensemble = 1;
          /* The search ran its candidates side by side, one thread each:
           * the ensemble decides again for itself. */
          member.threads = config->threads;
          /* A search on the end of a long series had its own validation
           * part; the members validate on the whole training part. */
          if (n_train > ELMAN_AUTO_MAX_VALUES)
            member.valid_fraction = config->valid_fraction > 0 ? config->valid_fraction : 0.2;
          g_array_append_val (members, member);
        }
    }
  if (members->len == 0)
    {
      ElmanConfig member = g_array_index (candidates, ElmanAutoCandidate, 0).config;

      member.threads = config->threads;
      g_array_append_val (members, member);
    }

  return elman_ensemble_train_members ((const ElmanConfig *) members->data, members->len, values, n_train,
                                       TRUE, cancellable, progress, user_data, error);
}

/**
 * elman_simple_model_new:
 * @forecaster: naive, seasonal naive or drift
 * @values: (array length=n): what the drift's slope is measured on
 * @season: m for the seasonal naive forecast
 *
 * A simple forecast as a model of one unit whose output weights are
 * zero, so that it runs through the same code as the networks (the
 * forecast, its intervals, the evaluation, the model file): naive is
 * the last value (relative transform, output 0), seasonal naive the
 * value a season back (seasonal differencing, output 0), drift the last
 * value plus h times the mean step of @values (differencing, output
 * bias the mean step).
 *
 * Returns: (transfer full): the model
 */
ElmanModel *
elman_simple_model_new (ElmanForecaster  forecaster,
                        const double    *values,
                        gsize            n,
                        guint            season)
{
  ElmanModel *model = elman_model_new (1, 1, 1, TRUE);

  g_return_val_if_fail (forecaster == ELMAN_FORECASTER_NAIVE || forecaster == ELMAN_FORECASTER_SEASONAL_NAIVE ||
                        forecaster == ELMAN_FORECASTER_DRIFT, model);

  model->normalize = ELMAN_NORMALIZE_NONE;
  model->offset = 0;
  model->scale = 1;
  switch (forecaster)
    {
    case ELMAN_FORECASTER_SEASONAL_NAIVE:
      model->transform = ELMAN_TRANSFORM_SEASONAL_DIFF;
      model->season = MAX (season, 1);
      break;
    case ELMAN_FORECASTER_DRIFT:
      model->transform = ELMAN_TRANSFORM_DIFF;
      model->c[0] = n > 1 ? (values[n - 1] - values[0]) / (double) (n - 1) : 0.0;
      break;
    case ELMAN_FORECASTER_NAIVE:
    case ELMAN_FORECASTER_MODEL:
    case ELMAN_FORECASTER_MEAN:
    case ELMAN_N_FORECASTERS:
    default:
      model->transform = ELMAN_TRANSFORM_RELATIVE;
      break;
    }
  return model;
}

/**
 * elman_auto_fold_count:
 * @n_origins: the validation origins
 * @horizon: K
 *
 * The consecutive folds elman_auto_choose() splits the validation origins
 * into: three when each fold has at least K origins (so that the folds
 * forecast mostly different values), else two, else one.
 *
 * Returns: 1, 2 or 3
 */
guint
elman_auto_fold_count (gsize n_origins,
                       guint horizon)
{
  gsize span = MAX (horizon, 1);

  if (n_origins >= 3 * span)
    return 3;
  if (n_origins >= 2 * span)
    return 2;
  return 1;
}

/* MAE of @fc (n_origins × K forecasts from origins o0, o0 + 1, …) and,
 * when @other is given, of the mean of @fc and @other, over the origins
 * i0 … i1 − 1. */
static double
rolling_mae (const double *values,
             gsize         o0,
             gsize         i0,
             gsize         i1,
             guint         K,
             const double *fc,
             const double *other)
{
  double sum = 0;

  for (gsize i = i0; i < i1; i++)
    for (guint k = 0; k < K; k++)
      {
        double f = other ? 0.5 * (fc[i * K + k] + other[i * K + k]) : fc[i * K + k];

        sum += fabs (values[o0 + i + k] - f);
      }
  return sum / (double) ((i1 - i0) * K);
}

/* A forecast's MAE over all origins and in each fold. */
typedef struct
{
  double all;
  double fold[3];
} FoldMae;

static void
fold_mae (const double *values,
          gsize         o0,
          gsize         n_origins,
          guint         n_folds,
          guint         K,
          const double *fc,
          const double *other,
          FoldMae      *mae)
{
  mae->all = rolling_mae (values, o0, 0, n_origins, K, fc, other);
  for (guint f = 0; f < n_folds; f++)
    mae->fold[f] = rolling_mae (values, o0, n_origins * f / n_folds, n_origins * (f + 1) / n_folds, K, fc, other);
}

/* What a forecast of --auto averages: the networks, a simple forecaster
 * or a smoothing method (ElmanSmoothingMethod from COMPONENT_SMOOTHING). */
enum
{
  COMPONENT_NETWORKS,
  COMPONENT_NAIVE,
  COMPONENT_SEASONAL_NAIVE,
  COMPONENT_DRIFT,
  COMPONENT_SMOOTHING,
  N_COMPONENTS = COMPONENT_SMOOTHING + ELMAN_SMOOTHING_N_METHODS,
};

#define BIT(c) (1u << (c))

/* The simple forecasters' components. */
static const ElmanForecaster component_forecasters[] = {
  [COMPONENT_NAIVE] = ELMAN_FORECASTER_NAIVE,
  [COMPONENT_SEASONAL_NAIVE] = ELMAN_FORECASTER_SEASONAL_NAIVE,
  [COMPONENT_DRIFT] = ELMAN_FORECASTER_DRIFT,
};

/* The model of a simple component fitted on values[0…n), or %NULL when
 * the values are too few for it. */
static ElmanModel *
component_model (guint         component,
                 const double *values,
                 gsize         n,
                 guint         season,
                 guint         K)
{
  ElmanSmoothing fit;

  g_assert (component != COMPONENT_NETWORKS && component < N_COMPONENTS);

  if (component < COMPONENT_SMOOTHING)
    {
      if (component == COMPONENT_SEASONAL_NAIVE && season <= 1)
        return NULL;
      return elman_simple_model_new (component_forecasters[component], values, n, season);
    }
  if (!elman_smoothing_fit (component - COMPONENT_SMOOTHING, values, n, season, &fit))
    return NULL;
  return elman_smoothing_model_new (&fit, 1, K, values, n);
}

/* Forecasts from the origins o0 … o0 + n_origins − 1 by a simple
 * component, each fold's fitted on the values before the fold. Returns
 * %FALSE with @fc freed and %NULL where a fold is too short for it. */
static gboolean
fold_component_forecast (guint          component,
                         const double  *values,
                         gsize          n_train,
                         gsize          o0,
                         gsize          n_origins,
                         guint          n_folds,
                         guint          season,
                         guint          K,
                         double       **fc,
                         GCancellable  *cancellable,
                         GError       **error)
{
  *fc = g_new (double, n_origins * K);
  for (guint f = 0; f < n_folds; f++)
    {
      gsize i0 = n_origins * f / n_folds, i1 = n_origins * (f + 1) / n_folds;
      g_autoptr(ElmanModel) model = component_model (component, values, o0 + i0, season, K);

      if (model == NULL || elman_model_min_history (model) > o0 + i0)
        {
          g_clear_pointer (fc, g_free);
          return TRUE;
        }
      if (!elman_models_rolling_forecast (&model, 1, values, n_train, o0 + i0, i1 - i0, K, *fc + i0 * K,
                                          cancellable, error))
        {
          g_clear_pointer (fc, g_free);
          return FALSE;
        }
    }
  return TRUE;
}

/* The third fold's networks go on from the second fold's for
 * 1/FOLD_WARM_SHARE of their best epochs at 1/FOLD_WARM_SLOWER of their
 * ε: a fresh optimizer's first steps at the full ε would throw the
 * weights off their minimum (co2's validation MAE of the networks, going
 * on from the early-stopping runs: 0.395 trained anew, 0.425 at the full
 * ε, 0.390 this way). */
#define FOLD_WARM_SHARE 10
#define FOLD_WARM_SLOWER 10
/* The folds' networks train on at most this many values before the
 * fold, so that the choice's cost stops growing with the series. */
#define FOLD_MAX_VALUES 1000

/* The networks of a fold: the members trained on values[0…n), the
 * values before it (or their last FOLD_MAX_VALUES), anew or going on
 * from @start (nullable, one per member). */
static GPtrArray *
train_fold (ElmanEnsemble  *ensemble,
            ElmanModel    **start,
            const double   *values,
            gsize           n,
            GCancellable   *cancellable,
            GError        **error)
{
  guint R = elman_ensemble_get_size (ensemble);
  g_autofree ElmanConfig *configs = g_new (ElmanConfig, R);
  g_autoptr(GPtrArray) trainers = NULL;
  GPtrArray *models;

  for (guint r = 0; r < R; r++)
    {
      configs[r] = refit_config (elman_ensemble_get_trainer (ensemble, r));
      configs[r].threads = ensemble->threads;
      if (start)
        {
          configs[r].epochs = MAX ((configs[r].epochs + FOLD_WARM_SHARE - 1) / FOLD_WARM_SHARE, 1);
          configs[r].learning_rate /= FOLD_WARM_SLOWER;
        }
    }
  if (n > FOLD_MAX_VALUES)
    {
      values += n - FOLD_MAX_VALUES;
      n = FOLD_MAX_VALUES;
    }
  trainers = train_parallel_from (configs, start, R, values, n, ensemble->threads, cancellable, NULL, NULL,
                                  error);
  if (trainers == NULL)
    return NULL;
  models = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  for (guint r = 0; r < R; r++)
    g_ptr_array_add (models, elman_trainer_dup_best_model (g_ptr_array_index (trainers, r)));
  return models;
}

/* The same for the networks: each fold's are the ensemble's members as
 * the refit would train them (the epochs early stopping chose, no
 * validation part) on the values before the fold, so that their weights
 * never saw the fold's values. The first fold starts where the
 * early-stopping runs' training part ends: their best weights are that
 * refit already (to one update; it would retrace their path). The second
 * trains anew; the third goes on from the second's weights over the
 * values added since, a tenth of the work (the early-stopping runs'
 * weights would do as a start only at a price: their best epoch was
 * picked on the very values the folds forecast, and they looked better
 * there than the networks trained anew, pepper_black's test MASE 0.88 →
 * 1.36). Where that training fails (a fold too short for the members)
 * the previous fold's networks forecast instead, and the next fold
 * trains anew. */
static gboolean
fold_network_forecast (ElmanEnsemble    *ensemble,
                       GPtrArray        *early,
                       const double     *values,
                       gsize             n_train,
                       gsize             o0,
                       gsize             n_origins,
                       guint             n_folds,
                       guint             K,
                       double           *fc,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_ref (early);
  gboolean trained_any = FALSE;

  for (guint f = 0; f < n_folds; f++)
    {
      gsize i0 = n_origins * f / n_folds, i1 = n_origins * (f + 1) / n_folds;

      if (f > 0)
        {
          g_autoptr(GError) local = NULL;
          GPtrArray *trained = train_fold (ensemble, trained_any ? (ElmanModel **) models->pdata : NULL, values,
                                           o0 + i0, cancellable, &local);

          if (trained == NULL && g_cancellable_is_cancelled (cancellable))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (trained != NULL)
            {
              g_ptr_array_unref (models);
              models = trained;
              trained_any = TRUE;
            }
        }
      if (!elman_models_rolling_forecast ((ElmanModel * const *) models->pdata, models->len, values, n_train,
                                          o0 + i0, i1 - i0, K, fc + i0 * K, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* The statistical combination: Holt–Winters and seasonal SES where the
 * series has a season for them, else the damped trend and Theta. */
static guint
statistical_mask (double *const *fc)
{
  guint trend = COMPONENT_SMOOTHING + ELMAN_SMOOTHING_HOLT_WINTERS;
  guint level = COMPONENT_SMOOTHING + ELMAN_SMOOTHING_SEASONAL_SES;

  if (fc[trend] == NULL)
    trend = COMPONENT_SMOOTHING + ELMAN_SMOOTHING_DAMPED;
  if (fc[level] == NULL)
    level = COMPONENT_SMOOTHING + ELMAN_SMOOTHING_THETA;
  return (fc[trend] ? BIT (trend) : 0) | (fc[level] ? BIT (level) : 0);
}

/* The mean of the components in @mask, each with the same weight. */
static void
mean_forecast (double *const *fc,
               guint          mask,
               gsize          total,
               double        *out)
{
  guint count = 0;

  memset (out, 0, total * sizeof (double));
  for (guint c = 0; c < N_COMPONENTS; c++)
    if (mask & BIT (c))
      {
        for (gsize i = 0; i < total; i++)
          out[i] += fc[c][i];
        count++;
      }
  for (gsize i = 0; i < total; i++)
    out[i] /= count;
}

/* The candidates, as component masks: every component alone, the
 * networks with each other one, the statistical combination alone and
 * with the networks. Returns how many. */
static guint
candidate_masks (double *const *fc,
                 guint         *masks)
{
  guint n = 0, stat = statistical_mask (fc);

  for (guint c = 0; c < N_COMPONENTS; c++)
    if (fc[c] != NULL)
      masks[n++] = BIT (c);
  for (guint c = 1; c < N_COMPONENTS && fc[COMPONENT_NETWORKS] != NULL; c++)
    if (fc[c] != NULL)
      masks[n++] = BIT (COMPONENT_NETWORKS) | BIT (c);
  if (stat != 0)
    {
      masks[n++] = stat;
      if (fc[COMPONENT_NETWORKS] != NULL)
        masks[n++] = stat | BIT (COMPONENT_NETWORKS);
    }
  return n;
}

/* Folds in which @a's MAE is below @b's. */
static guint
folds_below (const FoldMae *a,
             const FoldMae *b,
             guint          n_folds)
{
  guint won = 0;

  for (guint f = 0; f < n_folds; f++)
    if (a->fold[f] < b->fold[f])
      won++;
  return won;
}

/* The choice among @masks: @def (the statistical combination with the
 * networks) unless a candidate is clearly better: the one of lowest MAE
 * over all origins, if it is lower than @def's in every fold as well.
 * Returns the index. */
static guint
choose_candidate (const guint   *masks,
                  const FoldMae *maes,
                  guint          n,
                  guint          n_folds,
                  guint          def)
{
  guint best = 0, chosen = 0;

  for (guint i = 0; i < n; i++)
    {
      if (maes[i].all < maes[best].all)
        best = i;
      if (masks[i] == def)
        chosen = i;
    }
  if (maes[best].all < maes[chosen].all && folds_below (&maes[best], &maes[chosen], n_folds) == n_folds)
    return best;
  return chosen;
}

/* For the tests (elman-ensemble-private.h): choose_candidate() on the
 * MAEs all[i] and folds[i · n_folds + f] of candidates 0…n − 1, @def
 * the index of the default. */
guint
elman_auto_pick (const double *all,
                 const double *folds,
                 guint         n,
                 guint         n_folds,
                 guint         def)
{
  g_autofree FoldMae *maes = g_new0 (FoldMae, n);
  g_autofree guint *masks = g_new (guint, n);

  g_return_val_if_fail (n > 0 && def < n && n_folds >= 1 && n_folds <= 3, 0);

  for (guint i = 0; i < n; i++)
    {
      maes[i].all = all[i];
      for (guint f = 0; f < n_folds; f++)
        maes[i].fold[f] = folds[i * n_folds + f];
      masks[i] = i;
    }
  return choose_candidate (masks, maes, n, n_folds, def);
}

/* A simple method's name inside a sentence ("Forecast: seasonal naive,
 * whose …"), not its nick. */
static const char *
forecaster_sentence_name (ElmanForecaster forecaster)
{
  switch (forecaster)
    {
    case ELMAN_FORECASTER_NAIVE:
      /* TRANSLATORS: a forecasting method, inside a sentence */
      return _("naive");
    case ELMAN_FORECASTER_SEASONAL_NAIVE:
      /* TRANSLATORS: a forecasting method, inside a sentence */
      return _("seasonal naive");
    case ELMAN_FORECASTER_DRIFT:
      /* TRANSLATORS: a forecasting method, inside a sentence */
      return _("drift");
    case ELMAN_FORECASTER_MEAN:
      /* TRANSLATORS: a forecasting method, inside a sentence */
      return _("the mean");
    case ELMAN_FORECASTER_MODEL:
    case ELMAN_N_FORECASTERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The names of the components in @mask, "A", "the mean of A and B" or
 * "the mean of A, B and C". */
static char *
components_name (guint mask)
{
  g_autofree char *list = NULL;
  const char *last = NULL;
  guint count = 0;

  for (guint c = 0; c < N_COMPONENTS; c++)
    {
      const char *part;

      if (!(mask & BIT (c)))
        continue;
      if (c == COMPONENT_NETWORKS)
        part = _("the networks");
      else if (c < COMPONENT_SMOOTHING)
        part = forecaster_sentence_name (component_forecasters[c]);
      else
        part = elman_smoothing_method_name (c - COMPONENT_SMOOTHING);
      if (last != NULL)
        {
          /* TRANSLATORS: the start of a list of forecasting methods and one more */
          char *joined = list ? g_strdup_printf (_("%s, %s"), list, last) : g_strdup (last);

          g_free (list);
          list = joined;
        }
      last = part;
      count++;
    }
  if (count == 0)
    return g_strdup ("");
  if (count == 1)
    return g_strdup (last);
  {
    /* TRANSLATORS: a list of forecasting methods and its last one */
    g_autofree char *all = g_strdup_printf (_("%s and %s"), list, last);

    /* TRANSLATORS: %s is a list of forecasting methods */
    return g_strdup_printf (_("the mean of %s"), all);
  }
}

/* The mask of @choice's simple part. */
static guint
simple_mask (const ElmanAutoChoice *choice)
{
  if (choice->smoothing != 0)
    return choice->smoothing << COMPONENT_SMOOTHING;
  switch (choice->simple)
    {
    case ELMAN_FORECASTER_SEASONAL_NAIVE:
      return BIT (COMPONENT_SEASONAL_NAIVE);
    case ELMAN_FORECASTER_DRIFT:
      return BIT (COMPONENT_DRIFT);
    case ELMAN_FORECASTER_NAIVE:
    case ELMAN_FORECASTER_MODEL:
    case ELMAN_FORECASTER_MEAN:
    case ELMAN_N_FORECASTERS:
    default:
      return BIT (COMPONENT_NAIVE);
    }
}

/**
 * elman_auto_simple_name:
 * @choice: a choice
 *
 * Returns: (transfer full): the name of @choice's simple part: a
 *   forecaster's, a smoothing method's or the mean of several
 */
char *
elman_auto_simple_name (const ElmanAutoChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);

  return components_name (simple_mask (choice));
}

/**
 * elman_auto_choice_name:
 * @choice: a choice
 *
 * Returns: (transfer full): the name of what @choice forecasts with:
 *   "the networks", a method's name, or "the mean of the networks, …
 *   and …"
 */
char *
elman_auto_choice_name (const ElmanAutoChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);

  switch (choice->kind)
    {
    case ELMAN_AUTO_CHOICE_NETWORK:
      return components_name (BIT (COMPONENT_NETWORKS));
    case ELMAN_AUTO_CHOICE_COMBINED:
      return components_name (BIT (COMPONENT_NETWORKS) | simple_mask (choice));
    case ELMAN_AUTO_CHOICE_SIMPLE:
    default:
      return components_name (simple_mask (choice));
    }
}

/**
 * elman_auto_choice_row_label:
 * @choice: (nullable): a choice, or %NULL without one
 *
 * Returns: (nullable): the name of the row of scores that rates what
 *   forecasts, when that is not the networks alone: "Chosen method" or
 *   "Networks and methods"; %NULL otherwise
 */
const char *
elman_auto_choice_row_label (const ElmanAutoChoice *choice)
{
  if (choice != NULL && choice->kind == ELMAN_AUTO_CHOICE_SIMPLE)
    return _("Chosen method");
  if (choice != NULL && choice->kind == ELMAN_AUTO_CHOICE_COMBINED)
    return _("Networks and methods");
  return NULL;
}

/**
 * elman_auto_choice_parts:
 * @choice: a choice
 *
 * Returns: how many methods besides the networks @choice averages, each
 *   with the networks' weight
 */
guint
elman_auto_choice_parts (const ElmanAutoChoice *choice)
{
  guint mask, parts = 0;

  g_return_val_if_fail (choice != NULL, 0);

  if (choice->kind == ELMAN_AUTO_CHOICE_NETWORK)
    return 0;
  mask = simple_mask (choice);
  for (guint c = 1; c < N_COMPONENTS; c++)
    parts += (mask >> c) & 1;
  return parts;
}

/**
 * elman_auto_choice_n_networks:
 * @choice: (nullable): a choice, or %NULL without one
 * @n_models: the models of the result
 *
 * Returns: how many of @n_models are networks: all without a choice or
 *   when the networks forecast alone, none for a method alone, and for
 *   a combination those that remain when each method's copies are taken
 *   away
 */
guint
elman_auto_choice_n_networks (const ElmanAutoChoice *choice,
                              guint                  n_models)
{
  if (choice == NULL || choice->kind == ELMAN_AUTO_CHOICE_NETWORK)
    return n_models;
  if (choice->kind == ELMAN_AUTO_CHOICE_SIMPLE)
    return 0;
  return n_models / (1 + elman_auto_choice_parts (choice));
}

/* Fills @choice for the candidate @mask. */
static void
describe_choice (ElmanAutoChoice *choice,
                 guint            mask,
                 guint            def)
{
  guint simple = (mask == BIT (COMPONENT_NETWORKS) ? def : mask) & ~BIT (COMPONENT_NETWORKS);

  if (mask == BIT (COMPONENT_NETWORKS))
    choice->kind = ELMAN_AUTO_CHOICE_NETWORK;
  else if (mask & BIT (COMPONENT_NETWORKS))
    choice->kind = ELMAN_AUTO_CHOICE_COMBINED;
  else
    choice->kind = ELMAN_AUTO_CHOICE_SIMPLE;
  choice->smoothing = simple >> COMPONENT_SMOOTHING;
  choice->simple = simple & BIT (COMPONENT_SEASONAL_NAIVE) ? ELMAN_FORECASTER_SEASONAL_NAIVE
                   : simple & BIT (COMPONENT_DRIFT) ? ELMAN_FORECASTER_DRIFT
                   : ELMAN_FORECASTER_NAIVE;
}

/* The final models of the candidate @mask, fitted on values[0…n_train):
 * the networks (already in @models) and every other component with the
 * same weight: as many copies of each as there are networks, one each
 * without the networks, two of a method alone so that intervals are
 * still computed (from its errors on the series' own history). */
static void
final_models (guint         mask,
              const double *values,
              gsize         n_train,
              guint         season,
              guint         K,
              GPtrArray    *models)
{
  guint copies = 1, n_simple = 0;

  if (mask & BIT (COMPONENT_NETWORKS))
    copies = models->len;
  else
    g_ptr_array_set_size (models, 0);
  for (guint c = 1; c < N_COMPONENTS; c++)
    n_simple += (mask >> c) & 1;
  if (n_simple == 1 && copies == 1)
    copies = 2;
  for (guint c = 1; c < N_COMPONENTS; c++)
    if (mask & BIT (c))
      {
        g_autoptr(ElmanModel) model = component_model (c, values, n_train, season, K);

        g_assert (model != NULL);
        for (guint i = 0; i < copies; i++)
          g_ptr_array_add (models, elman_model_copy (model));
      }
}

/* The validation MAEs @choice reports: the chosen candidate's, the
 * default's, those of its simple part alone and with the networks. */
static void
report_maes (ElmanAutoChoice *choice,
             double *const   *fc,
             const guint     *masks,
             const FoldMae   *maes,
             guint            n_candidates,
             guint            chosen,
             guint            def,
             const double    *values,
             gsize            n_fit,
             gsize            n_origins,
             guint            n_folds,
             guint            K)
{
  guint simple = (masks[chosen] == BIT (COMPONENT_NETWORKS) ? def : masks[chosen]) & ~BIT (COMPONENT_NETWORKS);
  g_autofree double *mean = g_new (double, n_origins * K);
  FoldMae mae;

  choice->chosen_mae = maes[chosen].all;
  choice->is_default = masks[chosen] == def;
  for (guint i = 0; i < n_candidates; i++)
    if (masks[i] == def)
      {
        choice->default_mae = maes[i].all;
        choice->folds_won = choice->is_default ? 0 : folds_below (&maes[chosen], &maes[i], n_folds);
      }
  if (simple == 0)
    return;
  mean_forecast (fc, simple, n_origins * K, mean);
  fold_mae (values, n_fit, n_origins, n_folds, K, mean, NULL, &mae);
  choice->simple_mae = mae.all;
  if (fc[COMPONENT_NETWORKS] == NULL)
    return;
  mean_forecast (fc, simple | BIT (COMPONENT_NETWORKS), n_origins * K, mean);
  fold_mae (values, n_fit, n_origins, n_folds, K, mean, NULL, &mae);
  choice->combined_mae = mae.all;
}

/* Scores every candidate on the validation forecasts @fc of the
 * components (%NULL where missing), chooses, and puts the choice's final
 * models in @models. */
static void
decide (ElmanAutoChoice *choice,
        double *const   *fc,
        const double    *values,
        gsize            n_train,
        gsize            n_fit,
        gsize            n_origins,
        guint            n_folds,
        guint            season,
        guint            K,
        GPtrArray       *models)
{
  guint masks[3 * N_COMPONENTS], n_candidates, chosen, def;
  FoldMae maes[3 * N_COMPONENTS];
  g_autofree double *mean = g_new (double, n_origins * K);

  n_candidates = candidate_masks (fc, masks);
  if (n_candidates == 0)
    return;
  for (guint i = 0; i < n_candidates; i++)
    {
      mean_forecast (fc, masks[i], n_origins * K, mean);
      fold_mae (values, n_fit, n_origins, n_folds, K, mean, NULL, &maes[i]);
    }
  def = statistical_mask (fc) | (fc[COMPONENT_NETWORKS] ? BIT (COMPONENT_NETWORKS) : 0);
  if (def == 0)
    def = BIT (COMPONENT_NETWORKS);
  chosen = choose_candidate (masks, maes, n_candidates, n_folds, def);
  describe_choice (choice, masks[chosen], def);
  report_maes (choice, fc, masks, maes, n_candidates, chosen, def, values, n_fit, n_origins, n_folds, K);
  if (masks[chosen] != BIT (COMPONENT_NETWORKS))
    final_models (masks[chosen], values, n_train, season, K, models);
}

/**
 * elman_auto_choose:
 * @ensemble: the --auto ensemble, trained with refit
 * @values: the whole series (the ensemble read its first n_train)
 * @horizon: K of the forecast
 * @season: m, or 0 or 1 for none
 * @models: (element-type ElmanModel) (inout): the final models, the
 *   ensemble's members; receives the chosen forecast's models
 * @choice: (out): what was chosen and the validation errors behind it
 *
 * Chooses what forecasts (ElmanAutoChoice): the networks, the simple
 * forecasters (naive, seasonal naive, drift), the smoothing methods of
 * elman-smoothing.h, and means of these. Every fold's forecasts come
 * from networks and methods fitted on the values before the fold: the
 * early-stopping runs chose their best epoch on these very values,
 * which made their errors look better than the networks' test errors
 * turn out.
 *
 * Combinations of methods forecast better than a method chosen on a
 * few dozen noisy validation origins (the M4 competition's lesson; here
 * the networks beat drift on the validation origins of short trending
 * series and lost on their test part). So the default is the mean of
 * the networks and the statistical combination (Holt–Winters and
 * seasonal SES, or the damped trend and Theta without a season), each
 * with the same weight; a candidate replaces it only when clearly
 * better: lower over all origins and in every fold. (On the 32 series
 * of build-aux/accuracy-benchmark.sh, the rules "10 % lower" and "lower
 * in most folds" chose worse on the test parts.)
 *
 * Returns: %FALSE with @error set when cancelled
 */
gboolean
elman_auto_choose (ElmanEnsemble    *ensemble,
                   const double     *values,
                   guint             horizon,
                   guint             season,
                   GPtrArray        *models,
                   ElmanAutoChoice  *choice,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(GPtrArray) early = g_ptr_array_new_with_free_func ((GDestroyNotify) elman_model_free);
  double *fc[N_COMPONENTS] = { NULL };
  guint R, K = horizon, n_folds;
  FoldMae net_mae;
  gsize n_train, n_valid, n_fit, n_origins, history, total;
  gboolean ok = TRUE;

  g_return_val_if_fail (ensemble != NULL && values != NULL && models != NULL && choice != NULL, FALSE);

  memset (choice, 0, sizeof *choice);
  choice->kind = ELMAN_AUTO_CHOICE_NETWORK;
  choice->simple = ELMAN_FORECASTER_NAIVE;
  choice->network_mae = choice->simple_mae = choice->combined_mae = choice->chosen_mae = NAN;
  choice->default_mae = NAN;

  /* The early-stopping runs saw only the values before the validation
   * part; every member must share that split. */
  R = elman_ensemble_get_size (ensemble);
  n_train = elman_trainer_get_n_train (elman_ensemble_get_trainer (ensemble, 0));
  n_valid = elman_trainer_get_n_valid (elman_ensemble_get_trainer (ensemble, 0));
  for (guint r = 0; r < R; r++)
    {
      ElmanTrainer *trainer = elman_ensemble_get_trainer (ensemble, r);

      if (elman_trainer_get_n_train (trainer) != n_train || elman_trainer_get_n_valid (trainer) != n_valid)
        return TRUE;
      g_ptr_array_add (early, elman_trainer_dup_best_model (trainer));
    }
  if (n_valid < K || K == 0)
    return TRUE;
  n_fit = n_train - n_valid;
  history = MAX (elman_models_min_history ((ElmanModel * const *) early->pdata, R), (gsize) MAX (season, 1) + 1);
  if (n_fit < history)
    return TRUE;
  n_origins = n_train - K - n_fit + 1;
  n_folds = elman_auto_fold_count (n_origins, K);
  total = n_origins * K;

  fc[COMPONENT_NETWORKS] = g_new (double, total);
  ok = fold_network_forecast (ensemble, early, values, n_train, n_fit, n_origins, n_folds, K,
                              fc[COMPONENT_NETWORKS], cancellable, error);
  for (guint c = 1; ok && c < N_COMPONENTS; c++)
    ok = fold_component_forecast (c, values, n_train, n_fit, n_origins, n_folds, season, K, &fc[c],
                                  cancellable, error);
  if (ok)
    {
      fold_mae (values, n_fit, n_origins, n_folds, K, fc[COMPONENT_NETWORKS], NULL, &net_mae);
      choice->network_mae = net_mae.all;
      choice->n_origins = n_origins;
      choice->n_folds = n_folds;
      /* A network that failed (not finite) loses to anything. */
      if (!isfinite (net_mae.all))
        g_clear_pointer (&fc[COMPONENT_NETWORKS], g_free);

      decide (choice, fc, values, n_train, n_fit, n_origins, n_folds, season, K, models);
    }
  for (guint c = 0; c < N_COMPONENTS; c++)
    g_free (fc[c]);
  return ok;
}
