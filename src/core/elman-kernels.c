/* elman-kernels.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "elman-kernels.h"
#include "elman-model-private.h"

/* Hidden states kept for back-propagation through time: beyond this the
 * sequence is cut into segments that are recomputed from checkpoints. */
#define HIDDEN_BUDGET_BYTES ((gsize) 256 * 1024 * 1024)
#define CANCEL_CHECK_WINDOWS 32768

struct _ElmanKernel
{
  gsize   J, T, K;
  gsize   segment;       /* windows per segment */
  double *hidden;        /* segment × J: h of each window of one segment */
  double *checkpoints;   /* n_segments × J: h before each segment */
  gsize   n_checkpoints;
  double *x;             /* T */
  double *y;             /* K */
  double *e;             /* K */
  double *g;             /* J */
  double *delta;         /* J */
  double *delta_next;    /* J */
  double *zero;          /* J zeros: h^0 */
};

ElmanKernel *
elman_kernel_new (const ElmanModel *model,
                  gsize             max_windows)
{
  ElmanKernel *kernel = g_new0 (ElmanKernel, 1);
  gsize J = model->hidden;

  kernel->J = J, kernel->T = model->window, kernel->K = model->horizon;
  kernel->segment = MAX (1, MIN (MAX (max_windows, 1), HIDDEN_BUDGET_BYTES / (J * sizeof (double))));
  kernel->hidden = g_new (double, kernel->segment * J);
  kernel->n_checkpoints = (MAX (max_windows, 1) + kernel->segment - 1) / kernel->segment;
  kernel->checkpoints = g_new (double, kernel->n_checkpoints * J);
  kernel->x = g_new (double, kernel->T);
  kernel->y = g_new (double, kernel->K);
  kernel->e = g_new (double, kernel->K);
  kernel->g = g_new (double, J);
  kernel->delta = g_new (double, J);
  kernel->delta_next = g_new (double, J);
  kernel->zero = g_new0 (double, J);

  return kernel;
}

void
elman_kernel_free (ElmanKernel *kernel)
{
  if (kernel == NULL)
    return;

  g_free (kernel->hidden);
  g_free (kernel->checkpoints);
  g_free (kernel->x);
  g_free (kernel->y);
  g_free (kernel->e);
  g_free (kernel->g);
  g_free (kernel->delta);
  g_free (kernel->delta_next);
  g_free (kernel->zero);
  g_free (kernel);
}

/* e = ŷ − y for window w (after elman_model_step filled kernel->y);
 * returns ½‖e‖². */
static double
window_error (ElmanKernel  *kernel,
              const double *u,
              gsize         w,
              double        anchor)
{
  const double *target = u + w + kernel->T;
  double sum = 0;

  for (gsize k = 0; k < kernel->K; k++)
    {
      double d = kernel->y[k] - (target[k] - anchor);
      kernel->e[k] = d;
      sum += d * d;
    }
  return 0.5 * sum;
}

/* Accumulates one window's share of the gradient, given e (scaled),
 * δ, x^t, h^{t−1} and h^t:
 *   dV += e h^tᵀ, dc += e, dU += δ x^tᵀ, dW += δ h^{t−1}ᵀ, db += δ. */
static void
accumulate (ElmanKernel      *kernel,
            const ElmanModel *model,
            const double     *e,
            const double     *delta,
            const double     *x,
            const double     *h_prev,
            const double     *h,
            double           *grad)
{
  gsize J = kernel->J, T = kernel->T, K = kernel->K;
  double *dW = grad, *dU = dW + J * J, *dV = dU + J * T;

  for (gsize i = 0; i < J; i++)
    {
      double d = delta[i];
      double *dWi = dW + i * J, *dUi = dU + i * T;

      for (gsize j = 0; j < J; j++)
        dWi[j] += d * h_prev[j];
      for (gsize j = 0; j < T; j++)
        dUi[j] += d * x[j];
    }
  for (gsize k = 0; k < K; k++)
    {
      double *dVk = dV + k * J;
      for (gsize j = 0; j < J; j++)
        dVk[j] += e[k] * h[j];
    }
  if (model->b)
    {
      double *db = dV + K * J, *dc = db + J;
      for (gsize i = 0; i < J; i++)
        db[i] += delta[i];
      for (gsize k = 0; k < K; k++)
        dc[k] += e[k];
    }
}

/* g = Vᵀ e */
static void
output_backward (ElmanKernel      *kernel,
                 const ElmanModel *model,
                 const double     *e,
                 double           *g)
{
  gsize J = kernel->J, K = kernel->K;

  memset (g, 0, J * sizeof (double));
  for (gsize k = 0; k < K; k++)
    {
      const double *Vk = model->V + k * J;
      for (gsize j = 0; j < J; j++)
        g[j] += e[k] * Vk[j];
    }
}

static gboolean
check_cancelled (gsize          w,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return (w % CANCEL_CHECK_WINDOWS) == CANCEL_CHECK_WINDOWS - 1 &&
         g_cancellable_set_error_if_cancelled (cancellable, error);
}

gboolean
elman_kernel_run (ElmanKernel        *kernel,
                  const ElmanModel   *model,
                  const double       *u,
                  gsize               n_windows,
                  gsize               n_valid_windows,
                  ElmanGradient       gradient,
                  double              loss_scale,
                  double             *grad,
                  ElmanKernelResult  *result,
                  GCancellable       *cancellable,
                  GError            **error)
{
  gsize J = kernel->J, K = kernel->K, seg = kernel->segment;
  double train = 0, valid = 0;
  const double *h_prev = kernel->zero;
  g_autofree double *h_tmp = g_new (double, 2 * J);

  g_assert (n_windows <= seg * kernel->n_checkpoints || n_windows == 0);

  memset (grad, 0, elman_model_n_params (model) * sizeof (double));

  /* Forward pass: h^t = σ(W h^{t−1} + U x^t + b), ŷ^t = V h^t + c.
   * The truncated gradient treats h^{t−1} as a constant, so it is
   * accumulated on the way: δ^t = (Vᵀ e^t) ⊙ h^t ⊙ (1 − h^t). */
  for (gsize w = 0; w < n_windows; w++)
    {
      gsize in_seg = w % seg;
      double *h = kernel->hidden + in_seg * J;
      double anchor;

      if (in_seg == 0)
        {
          /* h^{t−1} may be the buffer's last row, about to be reused. */
          double *checkpoint = kernel->checkpoints + (w / seg) * J;
          memcpy (checkpoint, h_prev, J * sizeof (double));
          h_prev = checkpoint;
        }

      anchor = elman_model_window_input (model, u, w, kernel->x);
      elman_model_step (model, h_prev, kernel->x, h, kernel->y);
      train += window_error (kernel, u, w, anchor);

      if (gradient == ELMAN_GRADIENT_TRUNCATED)
        {
          for (gsize k = 0; k < K; k++)
            kernel->e[k] *= loss_scale;
          output_backward (kernel, model, kernel->e, kernel->g);
          for (gsize j = 0; j < J; j++)
            kernel->delta[j] = kernel->g[j] * h[j] * (1.0 - h[j]);
          accumulate (kernel, model, kernel->e, kernel->delta, kernel->x, h_prev, h, grad);
        }

      h_prev = h;
      if (check_cancelled (w, cancellable, error))
        return FALSE;
    }

  /* Validation windows continue the same hidden state. */
  if (n_valid_windows)
    {
      double *a = h_tmp, *b = h_tmp + J;

      memcpy (a, h_prev, J * sizeof (double));
      for (gsize w = n_windows; w < n_windows + n_valid_windows; w++)
        {
          double anchor = elman_model_window_input (model, u, w, kernel->x);
          double *swap;

          elman_model_step (model, a, kernel->x, b, kernel->y);
          valid += window_error (kernel, u, w, anchor);
          swap = a, a = b, b = swap;
        }
    }

  if (gradient == ELMAN_GRADIENT_BPTT && n_windows > 0)
    {
      gsize n_segments = (n_windows + seg - 1) / seg;
      gsize buffered = n_segments - 1;   /* the segment the forward pass left */

      /* Back-propagation through time, last window first:
       * δ^t = (Vᵀ e^t + Wᵀ δ^{t+1}) ⊙ h^t ⊙ (1 − h^t). */
      memset (kernel->delta_next, 0, J * sizeof (double));
      for (gsize s = n_segments; s-- > 0;)
        {
          gsize start = s * seg, end = MIN (n_windows, start + seg);

          if (s != buffered)
            {
              /* Recompute this segment's hidden states from its checkpoint. */
              const double *hp = kernel->checkpoints + s * J;
              for (gsize w = start; w < end; w++)
                {
                  double *h = kernel->hidden + (w - start) * J;
                  elman_model_window_input (model, u, w, kernel->x);
                  elman_model_step (model, w == 0 ? NULL : hp, kernel->x, h, NULL);
                  hp = h;
                }
            }

          for (gsize w = end; w-- > start;)
            {
              const double *h = kernel->hidden + (w - start) * J;
              const double *hp = w == start ? kernel->checkpoints + s * J : h - J;
              double anchor = elman_model_window_input (model, u, w, kernel->x);

              /* ŷ^t from the stored h^t */
              for (gsize k = 0; k < K; k++)
                {
                  const double *Vk = model->V + k * J;
                  double a = model->c ? model->c[k] : 0.0;
                  for (gsize j = 0; j < J; j++)
                    a += Vk[j] * h[j];
                  kernel->y[k] = a;
                }
              window_error (kernel, u, w, anchor);
              for (gsize k = 0; k < K; k++)
                kernel->e[k] *= loss_scale;

              output_backward (kernel, model, kernel->e, kernel->g);
              /* g += Wᵀ δ^{t+1} */
              for (gsize i = 0; i < J; i++)
                {
                  const double *Wi = model->W + i * J;
                  double d = kernel->delta_next[i];
                  if (d != 0)
                    for (gsize j = 0; j < J; j++)
                      kernel->g[j] += Wi[j] * d;
                }
              for (gsize j = 0; j < J; j++)
                kernel->delta[j] = kernel->g[j] * h[j] * (1.0 - h[j]);
              accumulate (kernel, model, kernel->e, kernel->delta, kernel->x, hp, h, grad);
              memcpy (kernel->delta_next, kernel->delta, J * sizeof (double));

              if (check_cancelled (w, cancellable, error))
                return FALSE;
            }
        }
    }

  result->train_loss = train;
  result->valid_loss = valid;
  return TRUE;
}
