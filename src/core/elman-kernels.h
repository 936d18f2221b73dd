/* elman-kernels.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-model.h"

G_BEGIN_DECLS

/* The numeric heart: one forward pass over the windows and the gradient
 * of the loss. Internal to the core; the trainer and the benchmarks use
 * it. */
typedef struct _ElmanKernel ElmanKernel;

typedef struct
{
  double train_loss;   /* ½ Σ ‖ŷ − y‖² over the training windows */
  double valid_loss;   /* the same over the validation windows */
} ElmanKernelResult;

ElmanKernel *elman_kernel_new  (const ElmanModel   *model,
                                gsize               max_windows);
void         elman_kernel_free (ElmanKernel        *kernel);

/* Windows 0…n_windows−1 of @u train, the next @n_valid_windows only
 * report their loss. @grad receives the gradient of loss_scale · ½Σ‖ŷ−y‖²
 * (layout W, U, V, b, c). */
gboolean     elman_kernel_run  (ElmanKernel        *kernel,
                                const ElmanModel   *model,
                                const double       *u,
                                gsize               n_windows,
                                gsize               n_valid_windows,
                                ElmanGradient       gradient,
                                double              loss_scale,
                                double             *grad,
                                ElmanKernelResult  *result,
                                GCancellable       *cancellable,
                                GError            **error);

/* The plain per-window loops, kept for the tests: same contract. */
gboolean     elman_kernel_run_reference (ElmanKernel       *kernel,
                                         const ElmanModel  *model,
                                         const double      *u,
                                         gsize              n_windows,
                                         gsize              n_valid_windows,
                                         ElmanGradient      gradient,
                                         double             loss_scale,
                                         double            *grad,
                                         ElmanKernelResult *result,
                                         GCancellable      *cancellable,
                                         GError           **error);

gsize        elman_kernel_hidden_budget (void);

/* The hidden states alone, for the passes after training. */
void         elman_kernel_set_model      (ElmanKernel      *kernel,
                                          const ElmanModel *model);
void         elman_kernel_forward_hidden (ElmanKernel      *kernel,
                                          const double     *u,
                                          gsize             w0,
                                          gsize             m,
                                          const double     *h_prev,
                                          double           *H);

/* Tuning and testing knobs; the defaults need none of them. */
void         elman_kernel_set_segment  (ElmanKernel        *kernel,
                                        gsize               windows);
void         elman_kernel_set_chunk    (ElmanKernel        *kernel,
                                        gsize               windows);
void         elman_kernel_set_threads  (ElmanKernel        *kernel,
                                        guint               n_threads);
void         elman_kernel_set_split    (ElmanKernel        *kernel,
                                        gint                rows);
gboolean     elman_kernel_set_isa      (ElmanKernel        *kernel,
                                        const char         *name);
const char  *elman_kernel_get_isa      (ElmanKernel        *kernel);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanKernel, elman_kernel_free)

G_END_DECLS
