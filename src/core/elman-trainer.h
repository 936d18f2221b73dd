/* elman-trainer.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-config.h"
#include "elman-model.h"

G_BEGIN_DECLS

#define ELMAN_TRAINER_ERROR (elman_trainer_error_quark ())

typedef enum
{
  ELMAN_TRAINER_ERROR_DIVERGED,
} ElmanTrainerError;

/**
 * ElmanTrainer:
 *
 * Full-batch training of one #ElmanModel on one series. Plain data, used
 * from one thread at a time: the CLI calls it in a loop, the app on its
 * worker thread. It owns a copy of the values it trains on.
 *
 * The series is split chronologically (elman_config_split()): training
 * windows are those whose targets lie in values[0…n_train−n_valid), the
 * validation loss is that of the windows whose targets lie in
 * [n_train−n_valid, n_train).
 */
typedef struct _ElmanTrainer ElmanTrainer;

GQuark             elman_trainer_error_quark     (void);

ElmanTrainer      *elman_trainer_new             (const ElmanConfig  *config,
                                                  const double       *values,
                                                  gsize               n,
                                                  const ElmanModel   *initial,
                                                  GError            **error);
void               elman_trainer_free            (ElmanTrainer       *self);

/* One epoch: forward pass over all training windows, gradient, one update.
 * Returns FALSE with ELMAN_TRAINER_ERROR_DIVERGED when the loss or the
 * weights stop being finite (the last good model is kept), or with
 * G_IO_ERROR_CANCELLED. */
gboolean           elman_trainer_step            (ElmanTrainer       *self,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
/* TRUE once all epochs ran or early stopping ended the run. */
gboolean           elman_trainer_is_done         (ElmanTrainer       *self);

guint              elman_trainer_get_epoch       (ElmanTrainer       *self);
/* Per epoch: the loss of that epoch's forward pass, before its update. */
const double      *elman_trainer_get_train_loss  (ElmanTrainer       *self,
                                                  guint              *n_epochs);
/* (nullable): %NULL without a validation part. */
const double      *elman_trainer_get_valid_loss  (ElmanTrainer       *self,
                                                  guint              *n_epochs);
/* Per epoch, three values: ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ of the gradient of
 * that epoch's training loss, before clipping and the optimizer. */
const double      *elman_trainer_get_grad_norms  (ElmanTrainer       *self,
                                                  guint              *n_epochs);
/* 0-based epoch of the best validation (or training) loss so far. */
guint              elman_trainer_get_best_epoch  (ElmanTrainer       *self);

const ElmanConfig *elman_trainer_get_config      (ElmanTrainer       *self);
/* ε for the next epochs (between two steps). */
void               elman_trainer_set_learning_rate (ElmanTrainer     *self,
                                                    double            rate);
const ElmanModel  *elman_trainer_get_model       (ElmanTrainer       *self);
/* The model to keep: the best epoch's with early stopping, else the last
 * finite one. */
ElmanModel        *elman_trainer_dup_best_model  (ElmanTrainer       *self);
gsize              elman_trainer_get_n_train     (ElmanTrainer       *self);
gsize              elman_trainer_get_n_valid     (ElmanTrainer       *self);

/* Gradients for tests and benchmarks: the loss of @model on @values (all
 * windows, network units already applied) and its gradient, laid out as
 * W, U, V, b, c. */
double             elman_model_loss_and_gradient (const ElmanModel   *model,
                                                  const double       *inputs,
                                                  gsize               n,
                                                  ElmanGradient       gradient,
                                                  ElmanLoss           loss,
                                                  double             *grad);

/**
 * ElmanLossTrend:
 * @ELMAN_LOSS_TREND_OK: nothing says the learning rate is wrong
 * @ELMAN_LOSS_TREND_NOT_FINITE: the loss (or a weight) stopped being a
 *   finite number; the training stopped
 * @ELMAN_LOSS_TREND_DIVERGED: the training loss rose far above its
 *   start (ten times or more), or ended clearly above it
 * @ELMAN_LOSS_TREND_OSCILLATING: the best epoch is at the very start of
 *   a long run and the loss jumped above its start: each step overshoots
 *
 * What the loss history says about the learning rate.
 */
typedef enum
{
  ELMAN_LOSS_TREND_OK,
  ELMAN_LOSS_TREND_NOT_FINITE,
  ELMAN_LOSS_TREND_DIVERGED,
  ELMAN_LOSS_TREND_OSCILLATING,
} ElmanLossTrend;

ElmanLossTrend     elman_loss_trend_detect       (const double       *train_loss,
                                                  guint               n_epochs,
                                                  guint               best_epoch,
                                                  gboolean            not_finite);
double             elman_loss_trend_suggest_rate (const ElmanConfig  *config);
char              *elman_loss_trend_describe     (ElmanLossTrend      trend,
                                                  const ElmanConfig  *config,
                                                  const double       *train_loss,
                                                  guint               n_epochs,
                                                  guint               best_epoch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanTrainer, elman_trainer_free)

G_END_DECLS
