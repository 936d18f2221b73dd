/* elman-cli-plot.c — the network picture of `elman-cli train --plot network`
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-cli"

#include "config.h"

#include "elman-cli-private.h"

/* Hands @plot what the network panels draw: the weights of @model, its
 * hidden states over the whole series and the (nullable) gradient norms
 * per epoch of the run. */
void
elman_cli_plot_set_network (ElmanPlot        *plot,
                            const ElmanModel *model,
                            ElmanSeries      *series,
                            GBytes           *grad_norms)
{
  gsize first = elman_model_min_history (model), n_states;

  elman_plot_set_model (plot, model);
  elman_plot_set_grad_norms (plot, grad_norms);
  if (series->n >= first)
    {
      double *states = g_new (double, (series->n - first + 1) * model->hidden);
      g_autoptr(GBytes) bytes = NULL;

      n_states = elman_model_hidden_states (model, series->values, series->n, states);
      bytes = g_bytes_new_take (states, n_states * model->hidden * sizeof (double));
      elman_plot_set_hidden_states (plot, first - 1, model->hidden, bytes);
    }
}
