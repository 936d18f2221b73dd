/* elman-cli-train.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-cli"

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
#include "elman-run.h"
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

static GString *
loss_csv (const ElmanRunResult *result)
{
  GString *s = g_string_new ("epoch,loss\n");
  guint n_epochs;
  const double *train = elman_run_result_get_train_loss (result, &n_epochs);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The training loss of each epoch's forward pass, before its update;
   * a non-finite loss is an empty field. */
  for (guint i = 0; i < n_epochs; i++)
    g_string_append_printf (s, "%u,%s\n", i + 1,
                            isfinite (train[i]) ? elman_format_double (buf, sizeof buf, train[i]) : "");
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

static int
fail (const char   *path,
      const GError *error,
      int           status)
{
  if (path)
    fprintf (stderr, "elman-cli: %s: %s\n", path, error->message);
  else
    fprintf (stderr, "elman-cli: %s\n", error->message);
  return status;
}

/* Writes @text (transfer full) to @path; a failure is reported. */
static gboolean
write_text (const char *path,
            char       *text,
            gsize       length,
            int        *status)
{
  g_autofree char *owned = text;
  g_autoptr(GError) error = NULL;

  /* Never a rename over a device: --loss-out /dev/full must fail as a full
   * disk does (elman-file.h). */
  if (elman_file_write (path, owned, length, &error))
    return TRUE;
  *status = fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
  return FALSE;
}

/* The report goes to stdout, or to stderr when the forecast CSV goes to
 * stdout. */
static void
report (const ElmanCliTrainOptions *options,
        const char                 *text)
{
  if (options->forecast_steps > 0 && options->forecast_out == NULL)
    fputs (text, stderr);
  else
    elman_cli_print (text, strlen (text));
}

/* Season and trend detection suggest T and the transform. */
static void
suggest_settings (const ElmanCliTrainOptions *options,
                  const ElmanRunResult       *result)
{
  const ElmanSeries *series = elman_run_result_get_series (result);
  const ElmanEvaluation *ev = elman_run_result_get_evaluation (result);
  gsize n_train = elman_run_result_get_n_train (result);
  guint K = options->config.horizon;
  guint T = elman_suggest_window (series->values, n_train, K);
  guint m = elman_detect_season (series->values, n_train);
  gboolean trend = elman_has_trend (series->values, n_train);
  g_autofree char *text = NULL;

  if (T == elman_run_result_get_config (result)->window &&
      !(ev->warnings & (ELMAN_WARNING_WORSE_THAN_NAIVE | ELMAN_WARNING_WORSE_THAN_SEASONAL)))
    return;
  if (m > 1)
    text = g_strdup_printf (trend ? _("Detected a season of %u and a trend: try -T %u --transform auto, or --auto\n")
                                  : _("Detected a season of %u and no trend: try -T %u --transform auto, or --auto\n"),
                            m, T);
  else
    text = g_strdup_printf (trend ? _("Detected no season and a trend: try -T %u --transform auto, or --auto\n")
                                  : _("Detected no season and no trend: try -T %u --transform auto, or --auto\n"),
                            T);
  report (options, text);
}

/* The test-part evaluation: the table on stdout (stderr when the
 * forecast CSV goes to stdout), warnings on stderr, and the files. */
static int
evaluate_and_report (const ElmanCliTrainOptions *options,
                     const ElmanRunResult       *result)
{
  const ElmanEvaluation *ev = elman_run_result_get_evaluation (result);
  int status = ELMAN_CLI_EXIT_OK;

  if (ev == NULL)
    {
      if (!options->metrics_out && !options->test_forecasts_out)
        return ELMAN_CLI_EXIT_OK;
      fprintf (stderr, "elman-cli: %s\n",
               _("--metrics-out and --test-forecasts-out need a test part of at least K values "
                 "(--test-fraction above 0)"));
      return ELMAN_CLI_EXIT_USAGE;
    }

  if (!options->quiet)
    {
      g_autofree char *table = elman_evaluation_format_table (ev);

      report (options, table);
    }
  {
    g_auto(GStrv) warnings = elman_evaluation_dup_messages (ev, ELMAN_WORDING_CLI);

    for (guint i = 0; warnings[i]; i++)
      fprintf (stderr, _("elman-cli: warning: %s\n"), warnings[i]);
  }

  if (!options->quiet && !options->auto_search && options->init_model == NULL)
    suggest_settings (options, result);

  if (options->metrics_out)
    {
      gsize length;
      g_autofree char *text = elman_evaluation_to_json (ev, &length);

      if (!write_text (options->metrics_out, g_strconcat (text, "\n", NULL), length + 1, &status))
        return status;
    }
  if (options->test_forecasts_out)
    {
      char *text = elman_evaluation_test_forecasts_csv (ev);

      if (!write_text (options->test_forecasts_out, text, strlen (text), &status))
        return status;
    }
  return ELMAN_CLI_EXIT_OK;
}

static int
write_plot (const ElmanCliTrainOptions *options,
            const ElmanRunResult       *result)
{
  g_autoptr(ElmanPlot) plot = elman_plot_new ();
  g_autoptr(GError) error = NULL;
  ElmanSeries *series = elman_run_result_get_series (result);
  const ElmanEvaluation *ev = elman_run_result_get_evaluation (result);
  gsize n_train = elman_run_result_get_n_train (result);
  GBytes *predictions, *forecast = elman_run_result_get_forecast (result);
  GBytes *bands = elman_run_result_get_bands (result);
  guint n_models, n_epochs, n_valid;
  ElmanModel *const *models = elman_run_result_get_models (result, &n_models);
  const double *train = elman_run_result_get_train_loss (result, &n_epochs);
  const double *valid = elman_run_result_get_valid_loss (result, &n_valid);
  gsize first, n_pred = 0, S = 0;
  const double *one_step = NULL, *fc = NULL, *b = NULL;

  predictions = elman_run_result_get_predictions (result, &first);
  if (predictions)
    one_step = g_bytes_get_data (predictions, &n_pred);
  n_pred /= sizeof (double);
  if (forecast)
    fc = g_bytes_get_data (forecast, &S);
  S /= sizeof (double);
  if (bands)
    b = g_bytes_get_data (bands, NULL);

  /* The app's export has the same title and subtitle. */
  elman_plot_set_run_titles (plot, series, result, TRUE);
  elman_plot_set_series (plot, series);
  elman_plot_set_split (plot, MIN (n_train, series->n));
  if (n_pred > 0)
    {
      gsize n_fit_pred = n_train > first ? MIN (n_pred, n_train - first) : 0;

      elman_plot_set_fit (plot, first, one_step, n_fit_pred);
      if (n_pred > n_fit_pred)
        elman_plot_set_test (plot, first + n_fit_pred, one_step + n_fit_pred, n_pred - n_fit_pred);
    }
  if (fc)
    elman_plot_set_forecast (plot, fc, S);
  if (b)
    {
      elman_plot_set_forecast_band (plot, 0.95, b + 2 * S, b + 3 * S, S);
      elman_plot_set_forecast_band (plot, 0.80, b, b + S, S);
    }
  elman_plot_set_loss (plot, train, valid, n_epochs, elman_run_result_get_best_epoch (result));
  /* With a test part: the closed-loop run beside the one-step test
   * predictions, and the residual ACF in a third panel. */
  if (ev)
    {
      elman_plot_set_free_running (plot, ev->n_train, ev->free_run_pred, ev->n - ev->n_train);
      elman_plot_set_residual_acf (plot, ev->acf, ev->n_acf, ev->acf_bound, ev->n_residuals);
      elman_plot_set_acf_season (plot, ev->season);
    }
  if (options->plot_network)
    elman_cli_plot_set_network (plot, models[0], series, elman_run_result_get_grad_norms (result));
  if (!elman_plot_export (plot, options->plot_out, options->plot_width, options->plot_height, 1.0,
                          options->plot_network ? ELMAN_PLOT_PANEL_NETWORK
                          : ev ? ELMAN_PLOT_PANEL_ALL : ELMAN_PLOT_PANEL_BOTH, &error))
    return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
  return ELMAN_CLI_EXIT_OK;
}

static int
write_outputs (const ElmanCliTrainOptions *options,
               const ElmanRunResult       *result)
{
  g_autoptr(GError) error = NULL;
  guint n_models;
  ElmanModel *const *models = elman_run_result_get_models (result, &n_models);
  ElmanSeries *series = elman_run_result_get_series (result);
  ElmanTrainingRange range;
  int status = ELMAN_CLI_EXIT_OK;

  /* The whole ensemble, and what it was trained on, so that forecast
   * --model repeats this run's forecast and can tell another series
   * (two passes over the training part: only for a model file). */
  if (options->save_model)
    {
      elman_training_range_measure (&range, series->values,
                                    MIN (elman_run_result_get_n_train (result), series->n));
      if (!elman_models_save (models, n_models, &range, options->save_model, &error))
        return fail (options->save_model, error, ELMAN_CLI_EXIT_FAILURE);
    }

  if (options->loss_out)
    {
      g_autoptr(GString) csv = loss_csv (result);

      if (!elman_cli_write_text (options->loss_out, csv, &error))
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }

  if (options->predictions_out && !elman_run_result_write_predictions_csv (result, options->predictions_out, &error))
    return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);

  /* A diverged network whose last good model overflows on its own
   * forecast: the other outputs are written, the forecast is not. */
  if (options->forecast_steps > 0 && elman_run_result_get_forecast (result) == NULL)
    {
      const GError *why = elman_run_result_get_forecast_error (result);

      fprintf (stderr, _("elman-cli: no forecast: %s\n"), why ? why->message : _("the series is too short"));
    }
  else if (options->forecast_steps > 0)
    {
      gsize length;
      char *text = elman_run_result_format_forecast_csv (result, &length);

      if (options->forecast_out)
        {
          if (!write_text (options->forecast_out, text, length, &status))
            return status;
        }
      else
        {
          gboolean written = elman_cli_print (text, length);

          g_free (text);
          /* The cause is told once, when standard output is closed. */
          if (!written)
            return ELMAN_CLI_EXIT_FAILURE;
        }
    }

  if (options->plot_out)
    return write_plot (options, result);
  return ELMAN_CLI_EXIT_OK;
}

/* Progress on a terminal, reported from the run (and from the core's
 * training threads during an ensemble). */
typedef struct
{
  gboolean      enabled;
  guint         epochs;
  GMutex        mutex;
  GTimer       *timer;
  double        last;
  gboolean      shown;
  int           phase;
} Progress;

static void
print_epoch (ElmanTrainer *trainer,
             Progress     *p,
             double        elapsed)
{
  guint epoch, n_valid;
  const double *train = elman_trainer_get_train_loss (trainer, &epoch);
  const double *valid = elman_trainer_get_valid_loss (trainer, &n_valid);
  char left[64], buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (epoch == 0)
    return;
  format_duration (left, sizeof left, elapsed / epoch * (p->epochs - epoch));
  fprintf (stderr, "\r\033[K");
  fprintf (stderr, _("epoch %u/%u  loss %s"), epoch, p->epochs,
           elman_format_significant (buf, sizeof buf, train[epoch - 1]));
  if (valid && n_valid)
    fprintf (stderr, _("  validation %s"), elman_format_significant (buf, sizeof buf, valid[n_valid - 1]));
  fprintf (stderr, _("  %s left"), left);
  p->shown = TRUE;
}

static gboolean
on_progress (const ElmanRunProgress *progress,
             gpointer                user_data)
{
  Progress *p = user_data;
  double now;

  if (!p->enabled)
    return TRUE;
  g_mutex_lock (&p->mutex);
  if ((int) progress->phase != p->phase)
    {
      /* Each phase on its own line, its time from its start. */
      if (p->shown)
        fputc ('\n', stderr);
      p->shown = FALSE;
      p->phase = (int) progress->phase;
      g_timer_start (p->timer);
      p->last = 0;
    }
  now = g_timer_elapsed (p->timer, NULL);
  if (now - p->last > 0.1 || (progress->trainer && elman_trainer_is_done (progress->trainer)))
    {
      p->last = now;
      if (progress->trainer != NULL)
        print_epoch (progress->trainer, p, now);
      else if (progress->phase != ELMAN_RUN_PHASE_FINISHING)
        {
          /* Early stopping ends most runs well before their epoch limit. */
          fprintf (stderr, "\r\033[K");
          fprintf (stderr, _("%s: %u of at most %u epochs, %.1f s"),
                   progress->phase == ELMAN_RUN_PHASE_SEARCH ? _("auto search") : _("ensemble"),
                   progress->done, progress->total, now);
          p->shown = TRUE;
        }
      fflush (stderr);
    }
  g_mutex_unlock (&p->mutex);
  return TRUE;
}

/* What --auto forecasts with, and the validation errors that decided. */
static void
print_choice (const ElmanAutoChoice *choice)
{
  g_autofree char *name = NULL;
  char chosen[G_ASCII_DTOSTR_BUF_SIZE], def[G_ASCII_DTOSTR_BUF_SIZE], networks[G_ASCII_DTOSTR_BUF_SIZE];

  if (choice == NULL)
    return;
  name = elman_auto_choice_name (choice);
  elman_format_significant (chosen, sizeof chosen, choice->chosen_mae);
  elman_format_significant (def, sizeof def, choice->default_mae);
  elman_format_significant (networks, sizeof networks, choice->network_mae);
  if (isnan (choice->network_mae))
    elman_cli_printf (_("Forecast: the networks (no validation part to compare them with simple methods)\n"));
  else if (choice->is_default)
    elman_cli_printf (_("Forecast: %s, the default, validation MAE %s (no other forecast was lower "
                        "overall and in all %u folds; the networks alone %s; %zu origins)\n"),
                      name, chosen, choice->n_folds, networks, choice->n_origins);
  else
    elman_cli_printf (_("Forecast: %s, whose validation MAE %s is below the default's %s "
                        "(the networks with the statistical combination) overall and in %u of %u folds "
                        "(the networks alone %s; %zu origins)\n"),
                      name, chosen, def, choice->folds_won, choice->n_folds, networks, choice->n_origins);
}

static void
print_search (const ElmanRunResult *result,
              guint                 n_seeds)
{
  GArray *candidates = elman_run_result_get_candidates (result);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  elman_cli_printf (_("Auto search: %u candidates scored on the validation part; the ensemble averages the best %u, "
                      "%u seeds each:\n"),
                    candidates->len, MIN (candidates->len, ELMAN_AUTO_TOP), n_seeds);
  for (guint i = 0; i < MIN (candidates->len, ELMAN_AUTO_TOP); i++)
    {
      const ElmanAutoCandidate *c = &g_array_index (candidates, ElmanAutoCandidate, i);

      elman_cli_printf (_("  T = %u, J = %u, ε = %g, network horizon %u, transform %s: validation MAE %s\n"),
                        c->config.window, c->config.hidden, c->config.learning_rate, c->config.horizon,
                        elman_transform_to_string (c->config.transform),
                        elman_format_significant (buf, sizeof buf, c->valid_mae));
    }
  print_choice (elman_run_result_get_choice (result));
}

static void
print_summary (const ElmanRunResult *result)
{
  const ElmanConfig *used = elman_run_result_get_config (result);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  guint n_models, n_epochs;
  const double *loss = elman_run_result_get_train_loss (result, &n_epochs);
  guint best = elman_run_result_get_best_epoch (result) + 1;
  double seconds = elman_run_result_get_elapsed (result);
  const ElmanAutoChoice *choice = elman_run_result_get_choice (result);

  (void) elman_run_result_get_models (result, &n_models);
  /* A combination holds as many copies of each method's model as networks. */
  if (choice && choice->kind == ELMAN_AUTO_CHOICE_COMBINED)
    n_models = elman_auto_choice_n_networks (choice, n_models);
  if (choice && choice->kind == ELMAN_AUTO_CHOICE_SIMPLE)
    {
      g_autofree char *simple = elman_auto_simple_name (choice);

      elman_cli_printf (_("Forecast by %s in %.2f s (the networks were trained and set aside)\n"),
                        simple, seconds);
    }
  else if (n_models > 1)
    elman_cli_printf (_("Trained an ensemble of %u networks in %.2f s (transform %s; member 1: %u epochs, "
                        "best epoch %u, then refitted on the whole training part)\n"),
                      n_models, seconds, elman_transform_to_string (used->transform), n_epochs, best);
  else
    elman_cli_printf (_("Trained %u epochs in %.2f s (transform %s); final training loss %s, best epoch %u\n"),
                      n_epochs, seconds, elman_transform_to_string (used->transform),
                      elman_format_significant (buf, sizeof buf, n_epochs ? loss[n_epochs - 1] : NAN), best);
}

/* The outputs checked, the series (and a model to start from) read. */
static int
prepare (ElmanCliTrainOptions  *options,
         ElmanSeries          **series,
         ElmanModel           **initial)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autofree char *hint = NULL;
  const char *outputs[] = { options->save_model, options->loss_out, options->predictions_out,
                            options->forecast_out, options->metrics_out, options->test_forecasts_out,
                            options->plot_out };

  /* An output written over the series would lose the data. */
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    if (outputs[i] && elman_file_same (outputs[i], options->series_path))
      {
        fprintf (stderr, "elman-cli train: ");
        fprintf (stderr, _("%s: this is the series file; an output would replace it\n"), outputs[i]);
        return ELMAN_CLI_EXIT_USAGE;
      }
  /* A folder that cannot be written fails now, not after the training. */
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    if (outputs[i] && !elman_file_check_writable (outputs[i], &error))
      return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);

  options->load.column = options->column;
  options->load.min_length = (gsize) options->config.window + options->config.horizon;
  hint = g_strdup_printf (_("for window T = %u and horizon K = %u"), options->config.window,
                          options->config.horizon);
  options->load.length_hint = hint;
  *series = elman_series_load (options->series_path, &options->load, &info, &error);
  options->load.length_hint = NULL;
  if (*series == NULL)
    return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
  elman_cli_print_load_notes (options->series_path, info);

  if (options->init_model)
    {
      *initial = elman_model_load (options->init_model, &error);
      if (*initial == NULL)
        return fail (NULL, error, ELMAN_CLI_EXIT_FAILURE);
    }
  return ELMAN_CLI_EXIT_OK;
}

int
elman_cli_train (int    argc,
                 char **argv)
{
  g_auto(ElmanCliTrainOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanModel) initial = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  g_autofree char *help = NULL;
  ElmanRunOptions run = { 0 };
  Progress p = { 0 };
  const GError *stop;
  int status;

  if (!elman_cli_parse_train (argc, argv, &options, &help, &error))
    {
      fprintf (stderr, "elman-cli train: %s\n", error->message);
      fprintf (stderr, _("Run “elman-cli train --help” to see the options.\n"));
      return ELMAN_CLI_EXIT_USAGE;
    }
  if (help)
    {
      elman_cli_print (help, strlen (help));
      return ELMAN_CLI_EXIT_OK;
    }

  status = prepare (&options, &series, &initial);
  if (status != ELMAN_CLI_EXIT_OK)
    return status;

  run.config = options.config;
  run.auto_search = options.auto_search && initial == NULL;
  run.initial = initial;
  run.forecast_steps = options.forecast_steps;
  run.evaluate = TRUE;
  /* Only the predictions CSV and the plot show the one-step predictions. */
  run.skip_predictions = options.predictions_out == NULL && options.plot_out == NULL;

  p.enabled = !options.quiet && isatty (STDERR_FILENO);
  p.epochs = options.config.epochs;
  p.phase = -1;
  p.timer = g_timer_new ();
  g_mutex_init (&p.mutex);
  result = elman_run (series, &run, NULL, on_progress, &p, &error);
  if (p.shown)
    fputc ('\n', stderr);
  g_timer_destroy (p.timer);
  g_mutex_clear (&p.mutex);
  if (result == NULL)
    return fail (options.series_path, error, ELMAN_CLI_EXIT_FAILURE);

  /* A diverged network keeps its last good model: the outputs are
   * written, then the exit status says what happened. */
  stop = elman_run_result_get_stop_error (result);
  if (stop != NULL)
    fprintf (stderr, "elman-cli: %s\n", stop->message);
  if (elman_run_result_get_loss_warning (result) != NULL)
    fprintf (stderr, _("elman-cli: warning: %s\n"), elman_run_result_get_loss_warning (result));
  if (!options.quiet && elman_run_result_get_candidates (result) != NULL)
    print_search (result, options.config.ensemble > 1 ? options.config.ensemble : ELMAN_AUTO_SEEDS);

  status = write_outputs (&options, result);
  if (status != ELMAN_CLI_EXIT_OK)
    return status;
  if (stop != NULL)
    return ELMAN_CLI_EXIT_DIVERGED;

  if (!options.quiet)
    print_summary (result);
  return evaluate_and_report (&options, result);
}
