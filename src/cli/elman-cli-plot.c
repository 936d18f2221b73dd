/* elman-cli-plot.c — the network picture of `elman-cli train --plot network`
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "elman-cli-private.h"

/* Hands @plot what the network panels draw: the weights of @model, its
 * hidden states over the whole series and the gradient norms per epoch
 * that @trainer recorded. */
void
elman_cli_plot_set_network (ElmanPlot        *plot,
                            const ElmanModel *model,
                            ElmanSeries      *series,
                            ElmanTrainer     *trainer)
{
  gsize first = elman_model_min_history (model), n_states;
  guint n_epochs;
  const double *norms = elman_trainer_get_grad_norms (trainer, &n_epochs);
  g_autoptr(GBytes) norm_bytes = g_bytes_new (norms, 3 * (gsize) n_epochs * sizeof (double));

  elman_plot_set_model (plot, model);
  elman_plot_set_grad_norms (plot, norm_bytes);
  if (series->n >= first)
    {
      double *states = g_new (double, (series->n - first + 1) * model->hidden);
      g_autoptr(GBytes) bytes = NULL;

      n_states = elman_model_hidden_states (model, series->values, series->n, states);
      bytes = g_bytes_new_take (states, n_states * model->hidden * sizeof (double));
      elman_plot_set_hidden_states (plot, first - 1, model->hidden, bytes);
    }
}
