/* elman-window-private.h — what the window's other files share
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "elman-evaluate.h"
#include "elman-params-panel.h"
#include "elman-series-loader.h"
#include "elman-training-worker.h"
#include "elman-window.h"

G_BEGIN_DECLS

struct _ElmanWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwSplitButton       *open_button;
  GtkToggleButton      *flap_button;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *export_menu_button;
  AdwWindowTitle       *window_title;
  GtkButton            *train_button;
  AdwFlap              *flap;
  ElmanParamsPanel     *params_panel;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  ElmanPlotView        *plot_view;
  GtkLabel             *epoch_label;
  GtkLabel             *time_label;
  GtkLabel             *loss_label;
  GtkLabel             *ensemble_label;
  GtkWidget            *warning_box;
  GtkLabel             *warning_label;
  GtkMenuButton        *warnings_button;
  GtkBox               *warnings_list;
  GtkGrid              *metrics_grid;
  GtkProgressBar       *progress_bar;

  GSettings            *settings;
  GMenu                *recent_menu;

  /* The open series */
  ElmanSeries          *series;
  ElmanSeriesInfo      *info;
  GFile                *file;
  char                 *column;
  GCancellable         *load_cancellable;
  guint                 load_generation;

  /* Training: one worker per run; the generation tells runs apart. */
  ElmanTrainingWorker  *worker;
  GCancellable         *train_cancellable;
  guint                 generation;
  guint                 tick_id;
  guint64               snapshot_serial;
  GArray               *train_loss;
  GArray               *valid_loss;
  gint64                train_start;
  gboolean              stopping;
  gint64                time_shown;
  guint                 shown_epoch;
  guint                 shown_n_epochs;
  GBytes               *shown_predictions;
  GBytes               *shown_forecast;
  GBytes               *shown_bands;
  ElmanTrainingPhase    shown_phase;
  guint                 shown_done;
  guint                 shown_total;
  guint                 shown_items;
  guint                 n_runs;

  /* The result: a trained or loaded model and what it predicts */
  ElmanModel           *model;
  ElmanRunResult       *run_result;       /* what Export Predictions writes */
  gsize                 result_first;
  GBytes               *result_predictions;
  GBytes               *result_forecast;
  GBytes               *result_bands;     /* lower80, upper80, lower95, upper95 */
  GPtrArray            *models;           /* every network of the result (ElmanModel) */
  guint                 result_horizon;   /* K the test part is scored with */
  gsize                 result_n_train;
  ElmanEvaluation      *evaluation;
  GCancellable         *eval_cancellable;
  gboolean              evaluating;
  char                 *metrics_text;

  char                 *parameter_problem;
  GtkNativeDialog      *chooser;
};

void                  elman_window_show_toast  (ElmanWindow          *self,
                                                const char           *message);
void                  elman_window_show_error  (ElmanWindow          *self,
                                                const GError         *error);
GtkFileFilter        *elman_window_new_filter  (const char           *name,
                                                const char           *mime_type,
                                                const char          **patterns);
GtkFileChooserNative *elman_window_new_chooser (ElmanWindow          *self,
                                                const char           *title,
                                                GtkFileChooserAction  action,
                                                const char           *accept);

/* elman-window-export.c */
void                  elman_window_class_add_export_actions (GtkWidgetClass *widget_class);

G_END_DECLS
