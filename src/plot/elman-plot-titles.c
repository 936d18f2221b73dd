/* elman-plot-titles.c — the title and subtitle of an exported plot
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-plot-private.h"

/* The settings of @result's networks, "Elman network, T = 12, K = 1, J = 4". */
static void
append_settings (GString              *text,
                 const ElmanRunResult *result)
{
  guint n_models;
  ElmanModel *const *models = elman_run_result_get_models (result, &n_models);

  if (n_models == 0)
    return;
  if (n_models > 1)
    g_string_append_printf (text, _("Ensemble of %u Elman networks, T = %u, K = %u, J = %u"),
                            n_models, models[0]->window, models[0]->horizon, models[0]->hidden);
  else
    g_string_append_printf (text, _("Elman network, T = %u, K = %u, J = %u"),
                            models[0]->window, models[0]->horizon, models[0]->hidden);
}

/* The network's scores on the held-out part, and the naive forecast's
 * MASE to set them against. */
static void
append_scores (GString              *text,
               const ElmanRunResult *result)
{
  const ElmanEvaluation *ev = elman_run_result_get_evaluation (result);
  const ElmanScores *model, *naive;

  if (ev == NULL)
    return;
  model = &ev->scores[ELMAN_FORECASTER_MODEL];
  naive = &ev->scores[ELMAN_FORECASTER_NAIVE];
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append_printf (text, _("test RMSE %.4g, MAE %.4g"), model->rmse, model->mae);
  if (isfinite (model->mase))
    g_string_append_printf (text, _(", MASE %.3g (naive %.3g)"), model->mase, naive->mase);
}

void
elman_plot_set_run_titles (ElmanPlot            *plot,
                           ElmanSeries          *series,
                           const ElmanRunResult *result,
                           gboolean              details)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *name = NULL;

  g_return_if_fail (plot != NULL);

  /* The file's name says which series it is ("airpassengers"); the
   * column's name ("value") is already the y axis' title. */
  if (series != NULL && series->path != NULL)
    {
      char *dot;

      name = g_path_get_basename (series->path);
      dot = strrchr (name, '.');
      if (dot != NULL && dot != name)
        *dot = '\0';
    }
  else if (series != NULL && series->name != NULL && *series->name != '\0')
    name = g_strdup (series->name);
  elman_plot_set_title (plot, name != NULL ? name : _("Series"));

  if (details && result != NULL)
    {
      append_settings (subtitle, result);
      append_scores (subtitle, result);
    }
  elman_plot_set_subtitle (plot, subtitle->str);
}
