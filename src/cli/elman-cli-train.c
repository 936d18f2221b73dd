/* elman-cli-train.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "elman-analysis.h"
#include "elman-cli-options.h"
#include "elman-cli-private.h"
#include "elman-file.h"
#include "elman-ensemble.h"
#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-plot.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

/* Writes @text to @path atomically (temporary file, then rename). */
gboolean
elman_cli_write_text (const char  *path,
                      GString     *text,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Never a rename over a device: --loss-out /dev/full must fail as a full
   * disk does (elman-file.h). */
  if (!elman_file_write (path, text->str, text->len, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* A non-finite value is written as an empty (missing) field: "inf" or
   * "nan" never reaches a file. */
  if (!isfinite (v))
    return;
  g_string_append (s, elman_format_double (buf, sizeof buf, v));
}

/* Time of index i: the series' own times, extended past the end by the
 * last step when the spacing is regular. */
void
elman_cli_append_time (GString           *s,
                       const ElmanSeries *series,
                       gsize              i)
{
  double t;

  if (series->times == NULL)
    return;
  if (i < series->n)
    t = series->times[i];
  else if (series->n >= 2 && series->frequency != ELMAN_FREQUENCY_IRREGULAR)
    {
      /* Calendar steps: months and years are not fixed in seconds. */
      g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc ((gint64) series->times[series->n - 1]);
      gsize ahead = i - (series->n - 1);
      g_autoptr(GDateTime) next = NULL;

      switch (series->frequency)
        {
        case ELMAN_FREQUENCY_YEARLY:
          next = last ? g_date_time_add_years (last, (int) ahead) : NULL;
          break;
        case ELMAN_FREQUENCY_QUARTERLY:
          next = last ? g_date_time_add_months (last, (int) (3 * ahead)) : NULL;
          break;
        case ELMAN_FREQUENCY_MONTHLY:
          next = last ? g_date_time_add_months (last, (int) ahead) : NULL;
          break;
        case ELMAN_FREQUENCY_NONE:
        case ELMAN_FREQUENCY_WEEKLY:
        case ELMAN_FREQUENCY_DAILY:
        case ELMAN_FREQUENCY_HOURLY:
        case ELMAN_FREQUENCY_IRREGULAR:
        case ELMAN_FREQUENCY_REGULAR:
        default:
          break;
        }
      if (next)
        t = (double) g_date_time_to_unix (next);
      else if (series->frequency == ELMAN_FREQUENCY_REGULAR)
        {
          /* The mean step (a decimal step like 0.1 is not exact between
           * two neighbours), written with 15 digits: 9.9 + 3 × 0.1 is
           * 10.200000000000001 in doubles, and the file said 10.2. */
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          t = series->times[series->n - 1]
              + (double) ahead * elman_regular_step (series->times[0], series->times[series->n - 1], series->n);
          g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.15g", t));
          return;
        }
      else
        t = series->times[series->n - 1] + (double) ahead * (series->times[series->n - 1] - series->times[series->n - 2]);
    }
  else
    return;

  if (series->times_are_dates && t > -1e11 && t < 1e11)
    {
      g_autofree char *text = elman_format_time (t);
      g_string_append (s, text);
    }
  else
    append_double (s, t);
}

static GString *
loss_csv (ElmanTrainer *trainer)
{
  GString *s = g_string_new ("epoch,loss\n");
  guint n_epochs;
  const double *train = elman_trainer_get_train_loss (trainer, &n_epochs);

  /* The training loss of each epoch's forward pass, before its update. */
  for (guint i = 0; i < n_epochs; i++)
    {
      g_string_append_printf (s, "%u,", i + 1);
      append_double (s, train[i]);
      g_string_append_c (s, '\n');
    }
  return s;
}

static const char *
part_of (gsize i,
         gsize n_fit,
         gsize n_train)
{
  return i < n_fit ? "train" : i < n_train ? "valid" : "test";
}

/* Prediction intervals of an ensemble's forecast (elman_ensemble_forecast()). */
typedef struct
{
  double *lower80;
  double *upper80;
  double *lower95;
  double *upper95;
} Bands;

static void
append_bands (GString     *s,
              const Bands *bands,
              gsize        h)
{
  const double *columns[] = { bands->lower80, bands->upper80, bands->lower95, bands->upper95 };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_string_append_c (s, ',');
      if (columns[c])
        append_double (s, columns[c][h]);
    }
}

static GString *
predictions_csv (const ElmanSeries *series,
                 gsize              first,
                 const double      *pred,
                 gsize              n_pred,
                 gsize              n_fit,
                 gsize              n_train,
                 const double      *forecast,
                 gsize              n_forecast,
                 const Bands       *bands)
{
  GString *s = g_string_new (bands ? "index,time,actual,predicted,part,lower80,upper80,lower95,upper95\n"
                                   : "index,time,actual,predicted,part\n");

  for (gsize i = 0; i < series->n; i++)
    {
      g_string_append_printf (s, "%zu,", i);
      elman_cli_append_time (s, series, i);
      g_string_append_c (s, ',');
      append_double (s, series->values[i]);
      g_string_append_c (s, ',');
      if (i >= first && i - first < n_pred)
        append_double (s, pred[i - first]);
      g_string_append_printf (s, ",%s", part_of (i, n_fit, n_train));
      if (bands)
        g_string_append (s, ",,,,");
      g_string_append_c (s, '\n');
    }
  for (gsize h = 0; h < n_forecast; h++)
    {
      g_string_append_printf (s, "%zu,", series->n + h);
      elman_cli_append_time (s, series, series->n + h);
      g_string_append (s, ",,");
      append_double (s, forecast[h]);
      g_string_append (s, ",forecast");
      if (bands)
        append_bands (s, bands, h);
      g_string_append_c (s, '\n');
    }
  return s;
}

static void
format_duration (char   *buf,
                 gsize   size,
                 double  seconds)
{
  if (seconds < 60)
    g_snprintf (buf, size, "%.1f s", seconds);
  else if (seconds < 3600)
    g_snprintf (buf, size, "%d min %02d s", (int) seconds / 60, (int) seconds % 60);
  else
    g_snprintf (buf, size, "%d h %02d min", (int) seconds / 3600, ((int) seconds / 60) % 60);
}

static void
print_progress (ElmanTrainer *trainer,
                guint         epochs,
                double        elapsed)
{
  guint epoch, n_valid;
  const double *train = elman_trainer_get_train_loss (trainer, &epoch);
  const double *valid = elman_trainer_get_valid_loss (trainer, &n_valid);
  char left[64];

  if (epoch == 0)
    return;
  format_duration (left, sizeof left, elapsed / epoch * (epochs - epoch));
  fprintf (stderr, "\r\033[K");
  fprintf (stderr, _("epoch %u/%u  loss %.6g"), epoch, epochs, train[epoch - 1]);
  if (valid && n_valid)
    fprintf (stderr, _("  validation %.6g"), valid[n_valid - 1]);
  fprintf (stderr, _("  %s left"), left);
  fflush (stderr);
}

static int
fail (const char *path,
      GError     *error,
      int         status)
{
  if (path)
    fprintf (stderr, "elman-cli: %s: %s\n", path, error->message);
  else
    fprintf (stderr, "elman-cli: %s\n", error->message);
  return status;
}

/* Everything after training that the model is judged and used by. */
static void
bands_clear (Bands *bands)
{
  g_clear_pointer (&bands->lower80, g_free);
  g_clear_pointer (&bands->upper80, g_free);
  g_clear_pointer (&bands->lower95, g_free);
  g_clear_pointer (&bands->upper95, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bands, bands_clear)

/* The test-part evaluation (issue 7), made once for the report and the
 * plot; %NULL without error when there is no test part of K values. */
static ElmanEvaluation *
evaluate_test_part (ElmanCliTrainOptions *options,
                    ElmanSeries          *series,
                    ElmanModel *const    *models,
                    guint                 n_models,
                    gsize                 n_train,
                    const ElmanConfig    *used,
                    GError              **error)
{
  guint K = options->config.horizon;

  if (n_train >= series->n || series->n - n_train < K)
    return NULL;
  return elman_evaluate (models, n_models, series->values, series->n, n_train, K,
                         options->config.season, used, error);
}

/* The test-part evaluation (issue 7): the table on stdout (stderr when
 * the forecast CSV goes to stdout), warnings on stderr, and the files. */
static int
evaluate_and_report (ElmanCliTrainOptions *options,
                     ElmanSeries          *series,
                     gsize                 n_train,
                     const ElmanConfig    *used,
                     ElmanEvaluation      *ev)
{
  g_autoptr(GError) error = NULL;
  guint K = options->config.horizon;
  gboolean wanted = options->metrics_out || options->test_forecasts_out;

  if (ev == NULL)
    {
      if (!wanted)
        return ELMAN_CLI_EXIT_OK;
      fprintf (stderr, "elman-cli: %s\n",
               _("--metrics-out and --test-forecasts-out need a test part of at least K values "
                 "(--test-fraction above 0)"));
      return ELMAN_CLI_EXIT_USAGE;
    }

  if (!options->quiet)
    {
      g_autofree char *table = elman_evaluation_format_table (ev);
      FILE *to = options->forecast_steps > 0 && options->forecast_out == NULL ? stderr : stdout;

      fputs (table, to);
    }
  for (guint i = 0; ev->messages[i]; i++)
    fprintf (stderr, _("elman-cli: warning: %s\n"), ev->messages[i]);

  /* Season and trend detection suggest T and the transform. */
  if (!options->quiet && !options->auto_search && options->init_model == NULL)
    {
      guint T = elman_suggest_window (series->values, n_train, K);
      guint m = elman_detect_season (series->values, n_train);
      gboolean trend = elman_has_trend (series->values, n_train);

      if (T != used->window || (ev->warnings & (ELMAN_WARNING_WORSE_THAN_NAIVE | ELMAN_WARNING_WORSE_THAN_SEASONAL)))
        {
          FILE *to = options->forecast_steps > 0 && options->forecast_out == NULL ? stderr : stdout;

          if (m > 1)
            fprintf (to, trend ? _("Detected a season of %u and a trend: try -T %u --transform auto, or --auto\n")
                               : _("Detected a season of %u and no trend: try -T %u --transform auto, or --auto\n"),
                     m, T);
          else
            fprintf (to, trend ? _("Detected no season and a trend: try -T %u --transform auto, or --auto\n")
                               : _("Detected no season and no trend: try -T %u --transform auto, or --auto\n"),
                     T);
        }
    }

  if (options->metrics_out)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      gsize length;
      g_autofree char *text = elman_evaluation_to_json (ev, &length);

      g_string_append_len (json, text, (gssize) length);
      g_string_append_c (json, '\n');
      if (!elman_cli_write_text (options->metrics_out, json, &error))
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }
  if (options->test_forecasts_out)
    {
      g_autoptr(GString) csv = g_string_new (NULL);
      g_autofree char *text = elman_evaluation_test_forecasts_csv (ev);

      g_string_append (csv, text);
      if (!elman_cli_write_text (options->test_forecasts_out, csv, &error))
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }

  return ELMAN_CLI_EXIT_OK;
}

static int
write_outputs (ElmanCliTrainOptions *options,
               ElmanSeries          *series,
               ElmanTrainer         *trainer,
               ElmanModel *const    *models,
               guint                 n_models,
               gsize                 n_train,
               const ElmanConfig    *used,
               const ElmanEvaluation *ev)
{
  g_autoptr(GError) error = NULL;
  g_autofree double *pred = NULL;
  g_autofree double *forecast = NULL;
  g_auto(Bands) bands = { 0 };
  const ElmanModel *model = models[0];
  gsize n_pred;
  gsize n_fit = n_train - elman_trainer_get_n_valid (trainer);
  gsize first;

  /* One-step predictions of every value from the true history before
   * it: pred[i] predicts y[first + i], first…n−1 (the members of an
   * ensemble are averaged; they may differ in T and K). */
  first = elman_models_min_history (models, n_models);
  n_pred = series->n > first ? series->n - first : 0;
  pred = g_new0 (double, MAX (n_pred, 1));
  if (n_pred > 0 &&
      !elman_models_rolling_forecast (models, n_models, series->values, series->n, first, n_pred, 1, pred,
                                      NULL, &error))
    return fail (series->path, error, ELMAN_CLI_EXIT_FAILURE);

  if (options->forecast_steps > 0)
    {
      gsize S = options->forecast_steps;

      forecast = g_new (double, S);
      if (n_models > 1)
        {
          bands.lower80 = g_new (double, S);
          bands.upper80 = g_new (double, S);
          bands.lower95 = g_new (double, S);
          bands.upper95 = g_new (double, S);
        }
      if (!elman_ensemble_forecast (models, n_models, series->values, series->n, S, forecast,
                                    bands.lower80, bands.upper80, bands.lower95, bands.upper95, NULL, &error))
        return fail (series->path, error, ELMAN_CLI_EXIT_FAILURE);
    }

  /* A model file holds one network: an ensemble saves its first member. */
  if (options->save_model && !elman_model_save (model, options->save_model, &error))
    return fail (options->save_model, error, ELMAN_CLI_EXIT_FAILURE);

  if (options->loss_out)
    {
      g_autoptr(GString) csv = loss_csv (trainer);
      if (!elman_cli_write_text (options->loss_out, csv, &error))
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }

  if (options->predictions_out)
    {
      g_autoptr(GString) csv = predictions_csv (series, first, pred, n_pred, n_fit, n_train,
                                                forecast, options->forecast_steps,
                                                bands.lower80 ? &bands : NULL);
      if (!elman_cli_write_text (options->predictions_out, csv, &error))
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }

  if (options->forecast_steps > 0)
    {
      g_autoptr(GString) csv = g_string_new (bands.lower80 ? "step,time,forecast,lower80,upper80,lower95,upper95\n"
                                                            : "step,time,forecast\n");
      for (gsize h = 0; h < options->forecast_steps; h++)
        {
          g_string_append_printf (csv, "%zu,", h + 1);
          elman_cli_append_time (csv, series, series->n + h);
          g_string_append_c (csv, ',');
          append_double (csv, forecast[h]);
          if (bands.lower80)
            append_bands (csv, &bands, h);
          g_string_append_c (csv, '\n');
        }
      if (options->forecast_out)
        {
          if (!elman_cli_write_text (options->forecast_out, csv, &error))
            return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
        }
      else
        fputs (csv->str, stdout);
    }

  if (options->plot_out)
    {
      g_autoptr(ElmanPlot) plot = elman_plot_new ();
      const double *one_step = pred;
      guint n_epochs, n_valid;
      const double *train = elman_trainer_get_train_loss (trainer, &n_epochs);
      const double *valid = elman_trainer_get_valid_loss (trainer, &n_valid);
      g_autofree char *title = NULL;
      g_autofree char *base = g_path_get_basename (series->path ? series->path : "");

      if (n_models > 1)
        title = g_strdup_printf (_("%s — ensemble of %u Elman networks, K = %u"),
                                 series->name ? series->name : base, n_models, options->config.horizon);
      else
        title = g_strdup_printf (_("%s — Elman network, T = %u, K = %u, J = %u"),
                                 series->name ? series->name : base,
                                 model->window, model->horizon, model->hidden);
      elman_plot_set_title (plot, title);
      elman_plot_set_series (plot, series);
      if (n_train < series->n)
        elman_plot_set_split (plot, n_train);
      else
        elman_plot_set_split (plot, series->n);
      if (n_pred > 0)
        {
          gsize n_fit_pred = n_train > first ? MIN (n_pred, n_train - first) : 0;
          elman_plot_set_fit (plot, first, one_step, n_fit_pred);
          if (n_pred > n_fit_pred)
            elman_plot_set_test (plot, first + n_fit_pred, one_step + n_fit_pred, n_pred - n_fit_pred);
        }
      if (forecast)
        elman_plot_set_forecast (plot, forecast, options->forecast_steps);
      if (bands.lower80)
        {
          elman_plot_set_forecast_band (plot, 0.95, bands.lower95, bands.upper95, options->forecast_steps);
          elman_plot_set_forecast_band (plot, 0.80, bands.lower80, bands.upper80, options->forecast_steps);
        }
      elman_plot_set_loss (plot, train, valid, n_epochs, elman_trainer_get_best_epoch (trainer));
      /* With a test part: the closed-loop run beside the one-step test
       * predictions, and the residual ACF in a third panel. */
      if (ev)
        {
          elman_plot_set_free_running (plot, ev->n_train, ev->free_run_pred, ev->n - ev->n_train);
          elman_plot_set_residual_acf (plot, ev->acf, ev->n_acf, ev->acf_bound, ev->n_residuals);
          elman_plot_set_acf_season (plot, ev->season);
        }
      if (options->plot_network)
        elman_cli_plot_set_network (plot, model, series, trainer);
      if (!elman_plot_export (plot, options->plot_out, options->plot_width, options->plot_height, 1.0,
                              options->plot_network ? ELMAN_PLOT_PANEL_NETWORK
                              : ev ? ELMAN_PLOT_PANEL_ALL : ELMAN_PLOT_PANEL_BOTH, &error))
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }

  return ELMAN_CLI_EXIT_OK;
}

/* Progress of parallel training, reported from the worker threads. */
typedef struct
{
  gboolean    enabled;
  const char *what;
  GMutex      mutex;
  GTimer     *timer;
  double      last;
  gboolean    shown;
} Progress;

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Progress *p = user_data;
  double now;

  if (!p->enabled)
    return;
  g_mutex_lock (&p->mutex);
  now = g_timer_elapsed (p->timer, NULL);
  if (now - p->last > 0.1)
    {
      p->last = now;
      p->shown = TRUE;
      /* Early stopping ends most runs well before their epoch limit. */
      fprintf (stderr, "\r\033[K");
      fprintf (stderr, _("%s: %u of at most %u epochs, %.1f s"), p->what, done, total, now);
      fflush (stderr);
    }
  g_mutex_unlock (&p->mutex);
}

static void
progress_end (Progress *p)
{
  if (p->shown)
    fputc ('\n', stderr);
  g_clear_pointer (&p->timer, g_timer_destroy);
  g_mutex_clear (&p->mutex);
}

int
elman_cli_train (int    argc,
                 char **argv)
{
  g_auto(ElmanCliTrainOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanModel) initial = NULL;
  g_autoptr(ElmanTrainer) own_trainer = NULL;
  g_autoptr(ElmanModel) model = NULL;
  g_autoptr(ElmanEnsemble) ensemble = NULL;
  g_autoptr(ElmanEvaluation) ev = NULL;
  const ElmanConfig *used;
  ElmanTrainer *trainer = NULL;
  ElmanModel *const *models = NULL;
  guint n_models = 1;
  g_autofree char *help = NULL;
  g_autofree char *hint = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  gboolean progress, diverged = FALSE;
  double last_report = -1;
  int status;

  if (!elman_cli_parse_train (argc, argv, &options, &help, &error))
    {
      fprintf (stderr, "elman-cli train: %s\n", error->message);
      fprintf (stderr, _("Run “elman-cli train --help” to see the options.\n"));
      return ELMAN_CLI_EXIT_USAGE;
    }
  if (help)
    {
      fputs (help, stdout);
      return ELMAN_CLI_EXIT_OK;
    }

  /* An output written over the series would lose the data. */
  {
    const char *outputs[] = { options.save_model, options.loss_out, options.predictions_out,
                              options.forecast_out, options.metrics_out, options.test_forecasts_out,
                              options.plot_out };

    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      if (outputs[i] && elman_file_same (outputs[i], options.series_path))
        {
          fprintf (stderr, "elman-cli train: ");
          fprintf (stderr, _("%s: this is the series file; an output would replace it\n"), outputs[i]);
          return ELMAN_CLI_EXIT_USAGE;
        }
  }

  options.load.column = options.column;
  options.load.min_length = (gsize) options.config.window + options.config.horizon;
  hint = g_strdup_printf (_("for window T = %u and horizon K = %u"), options.config.window, options.config.horizon);
  options.load.length_hint = hint;
  series = elman_series_load (options.series_path, &options.load, NULL, &error);
  if (series == NULL)
    return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);

  if (options.init_model)
    {
      initial = elman_model_load (options.init_model, &error);
      if (initial == NULL)
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }

  progress = !options.quiet && isatty (STDERR_FILENO);

  if (options.auto_search && initial == NULL)
    {
      g_autoptr(GArray) candidates = NULL;
      Progress p = { .enabled = progress, .what = _("auto search") };

      g_mutex_init (&p.mutex);
      p.timer = g_timer_new ();
      if (!elman_auto_search (&options.config, series->values, series->n, NULL,
                              report_progress, &p, &candidates, &error))
        {
          progress_end (&p);
          return fail (options.series_path, error, ELMAN_CLI_EXIT_FAILURE);
        }
      progress_end (&p);
      /* --auto also averages an ensemble: the cheapest accuracy there is. */
      if (options.config.ensemble == 1)
        options.config.ensemble = ELMAN_AUTO_SEEDS;
      if (!options.quiet)
        {
          printf (_("Auto search: %u candidates scored on the validation part; the ensemble averages the best %u, "
                    "%u seeds each:\n"),
                  candidates->len, MIN (candidates->len, ELMAN_AUTO_TOP), options.config.ensemble);
          for (guint i = 0; i < MIN (candidates->len, ELMAN_AUTO_TOP); i++)
            {
              const ElmanAutoCandidate *c = &g_array_index (candidates, ElmanAutoCandidate, i);

              printf (_("  T = %u, J = %u, ε = %g, network horizon %u, transform %s: validation MAE %.5g\n"),
                      c->config.window, c->config.hidden, c->config.learning_rate, c->config.horizon,
                      elman_transform_to_string (c->config.transform), c->valid_mae);
            }
        }

      p = (Progress) { .enabled = progress, .what = _("ensemble") };
      g_mutex_init (&p.mutex);
      p.timer = g_timer_new ();
      ensemble = elman_ensemble_train_auto (&options.config, candidates, series->values, series->n, NULL,
                                            report_progress, &p, &error);
      progress_end (&p);
      if (ensemble == NULL)
        return fail (options.series_path, error, ELMAN_CLI_EXIT_FAILURE);
      trainer = elman_ensemble_get_trainer (ensemble, 0);
      models = elman_ensemble_get_models (ensemble, &n_models);
    }
  else if (initial == NULL && options.config.ensemble > 1)
    {
      Progress p = { .enabled = progress, .what = _("ensemble") };

      g_mutex_init (&p.mutex);
      p.timer = g_timer_new ();
      ensemble = elman_ensemble_train (&options.config, series->values, series->n, TRUE, NULL,
                                       report_progress, &p, &error);
      progress_end (&p);
      if (ensemble == NULL)
        return fail (options.series_path, error, ELMAN_CLI_EXIT_FAILURE);
      trainer = elman_ensemble_get_trainer (ensemble, 0);
      models = elman_ensemble_get_models (ensemble, &n_models);
    }
  else
    {
      if (options.auto_search && !options.quiet)
        fprintf (stderr, _("elman-cli: warning: --auto is ignored with --init-model (the model fixes T, K and J)\n"));
      own_trainer = elman_trainer_new (&options.config, series->values, series->n, initial, &error);
      if (own_trainer == NULL)
        return fail (options.series_path, error, ELMAN_CLI_EXIT_FAILURE);
      trainer = own_trainer;

      while (!elman_trainer_is_done (trainer))
        {
          if (!elman_trainer_step (trainer, NULL, &error))
            {
              if (progress)
                fputc ('\n', stderr);
              fprintf (stderr, "elman-cli: %s\n", error->message);
              diverged = TRUE;
              break;
            }
          if (progress && g_timer_elapsed (timer, NULL) - last_report > 0.1)
            {
              last_report = g_timer_elapsed (timer, NULL);
              print_progress (trainer, options.config.epochs, last_report);
            }
        }
      if (progress && !diverged)
        {
          print_progress (trainer, options.config.epochs, g_timer_elapsed (timer, NULL));
          fputc ('\n', stderr);
        }

      model = elman_trainer_dup_best_model (trainer);
      models = &model;
    }

  /* What was trained: the transform and season resolved. */
  used = ensemble ? elman_ensemble_get_config (ensemble) : elman_trainer_get_config (trainer);

  if (!diverged)
    {
      ev = evaluate_test_part (&options, series, models, n_models, elman_trainer_get_n_train (trainer), used,
                               &error);
      if (error)
        return fail (series->path, error, ELMAN_CLI_EXIT_FAILURE);
    }

  status = write_outputs (&options, series, trainer, models, n_models, elman_trainer_get_n_train (trainer),
                          used, ev);
  if (status != ELMAN_CLI_EXIT_OK)
    return status;

  if (!options.quiet && !diverged)
    {
      guint n_epochs;
      const double *loss = elman_trainer_get_train_loss (trainer, &n_epochs);

      if (ensemble)
        printf (_("Trained an ensemble of %u networks in %.2f s (transform %s; member 1: %u epochs, best epoch %u, "
                  "then refitted on the whole training part)\n"),
                n_models, g_timer_elapsed (timer, NULL), elman_transform_to_string (used->transform),
                n_epochs, elman_trainer_get_best_epoch (trainer) + 1);
      else
        printf (_("Trained %u epochs in %.2f s (transform %s); final training loss %.6g, best epoch %u\n"),
                n_epochs, g_timer_elapsed (timer, NULL), elman_transform_to_string (used->transform),
                n_epochs ? loss[n_epochs - 1] : NAN, elman_trainer_get_best_epoch (trainer) + 1);
    }

  if (!diverged)
    {
      status = evaluate_and_report (&options, series, elman_trainer_get_n_train (trainer), used, ev);
      if (status != ELMAN_CLI_EXIT_OK)
        return status;
    }

  return diverged ? ELMAN_CLI_EXIT_DIVERGED : ELMAN_CLI_EXIT_OK;
}
