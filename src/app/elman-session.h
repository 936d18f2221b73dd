/* elman-session.h — the open document: series, parameters, run, result
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-config.h"
#include "elman-evaluate.h"
#include "elman-model.h"
#include "elman-run.h"
#include "elman-series-loader.h"
#include "elman-training-worker.h"

G_BEGIN_DECLS

#define ELMAN_TYPE_SESSION (elman_session_get_type ())

G_DECLARE_FINAL_TYPE (ElmanSession, elman_session, ELMAN, SESSION, GObject)

ElmanSession          *elman_session_new                   (GSettings          *settings);

GSettings             *elman_session_get_settings          (ElmanSession       *self);
void                   elman_session_get_config            (ElmanSession       *self,
                                                            ElmanConfig        *config);
const char            *elman_session_get_parameter_problem (ElmanSession       *self);
gboolean               elman_session_get_modified          (ElmanSession       *self);

/* Loading */
void                   elman_session_open_file             (ElmanSession       *self,
                                                            GFile              *file,
                                                            const char         *column);
void                   elman_session_open_file_with_options (ElmanSession           *self,
                                                             GFile                  *file,
                                                             const ElmanLoadOptions *options);
gboolean               elman_session_open_initial          (ElmanSession       *self);
gboolean               elman_session_get_loading           (ElmanSession       *self);
ElmanSeries           *elman_session_get_series            (ElmanSession       *self);
const ElmanSeriesInfo *elman_session_get_info              (ElmanSession       *self);
GFile                 *elman_session_get_file              (ElmanSession       *self);
const char            *elman_session_get_column            (ElmanSession       *self);

/* Training */
gboolean               elman_session_can_train             (ElmanSession       *self);
gboolean               elman_session_start_training        (ElmanSession       *self);
void                   elman_session_stop_training         (ElmanSession       *self);
gboolean               elman_session_poll                  (ElmanSession       *self);
gboolean               elman_session_get_training          (ElmanSession       *self);
gboolean               elman_session_get_stopping          (ElmanSession       *self);
ElmanTrainingWorker   *elman_session_get_worker            (ElmanSession       *self);
ElmanTrainingPhase     elman_session_get_phase             (ElmanSession       *self);
const char            *elman_session_get_status            (ElmanSession       *self);
const char            *elman_session_get_time_text         (ElmanSession       *self);
double                 elman_session_get_fraction          (ElmanSession       *self);
const char            *elman_session_get_loss_text         (ElmanSession       *self);
const ElmanTrainingSnapshot *elman_session_get_snapshot    (ElmanSession       *self);
void                   elman_session_get_losses            (ElmanSession       *self,
                                                            const double      **train,
                                                            const double      **valid,
                                                            gsize              *n);
void                   elman_session_set_want_states       (ElmanSession       *self,
                                                            gboolean            want);
gboolean               elman_session_can_pause             (ElmanSession       *self);
void                   elman_session_set_paused            (ElmanSession       *self,
                                                            gboolean            paused);
gboolean               elman_session_get_paused            (ElmanSession       *self);
void                   elman_session_step_training         (ElmanSession       *self);
void                   elman_session_set_learning_rate     (ElmanSession       *self,
                                                            double              rate);
guint                  elman_session_get_n_runs            (ElmanSession       *self);

/* The result */
gboolean               elman_session_open_model            (ElmanSession       *self,
                                                            const char         *path,
                                                            GError            **error);
ElmanRunResult        *elman_session_get_result            (ElmanSession       *self);
const ElmanModel      *elman_session_get_model             (ElmanSession       *self);
guint                  elman_session_get_n_models          (ElmanSession       *self);
gsize                  elman_session_get_n_train           (ElmanSession       *self);
GBytes                *elman_session_get_predictions       (ElmanSession       *self,
                                                            gsize              *first);
GBytes                *elman_session_get_forecast          (ElmanSession       *self,
                                                            GBytes            **bands);
gboolean               elman_session_get_search            (ElmanSession       *self,
                                                            ElmanConfig        *chosen,
                                                            guint              *n_candidates,
                                                            guint              *n_settings,
                                                            guint              *n_seeds);
gboolean               elman_session_get_stale             (ElmanSession       *self);
const ElmanEvaluation *elman_session_get_evaluation        (ElmanSession       *self);
gboolean               elman_session_get_evaluating        (ElmanSession       *self);

G_END_DECLS
