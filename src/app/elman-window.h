/* elman-window.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "elman-model.h"
#include "elman-network-view.h"
#include "elman-plot-view.h"
#include "elman-series.h"
#include "elman-session.h"
#include "elman-training-worker.h"

G_BEGIN_DECLS

#define ELMAN_TYPE_WINDOW (elman_window_get_type ())

G_DECLARE_FINAL_TYPE (ElmanWindow, elman_window, ELMAN, WINDOW, AdwApplicationWindow)

ElmanWindow   *elman_window_new                (GtkApplication  *application);
ElmanSession  *elman_window_get_session        (ElmanWindow     *self);

void           elman_window_open_initial       (ElmanWindow     *self);
void           elman_window_open_file          (ElmanWindow     *self,
                                                GFile           *file,
                                                const char      *column);
ElmanSeries   *elman_window_get_series         (ElmanWindow     *self);
gboolean       elman_window_is_loading         (ElmanWindow     *self);

gboolean       elman_window_can_train          (ElmanWindow     *self);
gboolean       elman_window_is_evaluating      (ElmanWindow     *self);
gboolean       elman_window_is_training        (ElmanWindow     *self);
void           elman_window_start_training     (ElmanWindow     *self);
void           elman_window_stop_training      (ElmanWindow     *self);
guint          elman_window_get_n_runs         (ElmanWindow     *self);
const ElmanModel *elman_window_get_model       (ElmanWindow     *self);
guint          elman_window_get_n_models       (ElmanWindow     *self);
const char    *elman_window_get_ensemble_text  (ElmanWindow     *self);
ElmanTrainingWorker *elman_window_get_worker   (ElmanWindow     *self);

ElmanPlotView *elman_window_get_plot_view      (ElmanWindow     *self);
ElmanNetworkView *elman_window_get_network_view (ElmanWindow    *self);
GSettings     *elman_window_get_settings       (ElmanWindow     *self);
const char    *elman_window_get_status_text    (ElmanWindow     *self);
const char    *elman_window_get_loss_text      (ElmanWindow     *self);
const char    *elman_window_get_metrics_text   (ElmanWindow     *self);
const char    *elman_window_get_parameter_problem (ElmanWindow  *self);

gboolean       elman_window_export_plot        (ElmanWindow     *self,
                                                const char      *path,
                                                int              width,
                                                int              height,
                                                GError         **error);
gboolean       elman_window_export_predictions (ElmanWindow     *self,
                                                const char      *path,
                                                GError         **error);
gboolean       elman_window_open_model         (ElmanWindow     *self,
                                                const char      *path,
                                                GError         **error);

G_END_DECLS
