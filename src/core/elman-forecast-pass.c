/* elman-forecast-pass.c — one pass of a network over the true history
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-evaluate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "elman-forecast-pass-private.h"
#include "elman-kernels.h"
#include "elman-model-private.h"

/* Windows whose hidden states the kernels compute at a time (and
 * between two looks at the cancellable). */
#define PASS_CHUNK 512

/* Values a closed loop keeps at least before it slides its buffers. */
#define LOOP_SPAN 4096

/* Room for one closed-loop run: the network inputs and the data values
 * it reads and writes, a sliding stretch from a little before its
 * origin on (a long run needs no copy of the series). */
typedef struct
{
  double *u;      /* u[j]: the network input of value o − T + off + j */
  double *work;   /* work[j]: value o − lag + off + j */
  double *h;      /* two hidden states */
  double *y;
  double *block;
  gsize   span;   /* values after the first T (lag) that fit */
  gsize   off;    /* values slid out */
} Loop;

static gsize
loop_span (const ElmanModel *model,
           gsize             steps)
{
  return MIN (steps, MAX ((gsize) LOOP_SPAN, 4 * (gsize) model->horizon));
}

static void
loop_init (Loop             *loop,
           const ElmanModel *model,
           gsize             steps)
{
  gsize T = model->window, K = model->horizon, lag = elman_model_lag (model);

  loop->span = loop_span (model, steps);
  loop->u = g_new (double, T + loop->span + K);
  loop->work = g_new (double, lag + loop->span + K);
  loop->h = g_new (double, 2 * (gsize) model->hidden);
  loop->y = g_new (double, K);
  loop->block = g_new (double, K);
}

static void
loop_clear (Loop *loop)
{
  g_clear_pointer (&loop->u, g_free);
  g_clear_pointer (&loop->work, g_free);
  g_clear_pointer (&loop->h, g_free);
  g_clear_pointer (&loop->y, g_free);
  g_clear_pointer (&loop->block, g_free);
}

/* Value o + i is @v: in data units and as a network input. */
static void
loop_push (const ElmanModel *model,
           Loop             *loop,
           gsize             i,
           double            v)
{
  gsize T = model->window, lag = elman_model_lag (model), j = i - loop->off;
  double *w = loop->work;

  w[lag + j] = v;
  loop->u[T + j] = ((lag ? w[lag + j] - w[j] : w[lag + j]) - model->offset) / model->scale;
}

/* Slides the buffers so that they start at window o + @d's inputs (what
 * this and later windows read): values o + off … o + produced − 1 are
 * known, and K more must fit after them. */
static void
loop_slide (const ElmanModel *model,
            Loop             *loop,
            gsize             d,
            gsize             produced)
{
  gsize T = model->window, lag = elman_model_lag (model), shift = d - loop->off;

  if (produced - loop->off + model->horizon <= loop->span || shift == 0)
    return;
  memmove (loop->u, loop->u + shift, (T + produced - d) * sizeof (double));
  memmove (loop->work, loop->work + shift, (lag + produced - d) * sizeof (double));
  loop->off = d;
}

/* The closed loop from origin @o, as elman_model_forecast() on
 * values[0…o): @h is the hidden state after window o (inputs up to
 * value o − 1), @block that window's outputs in data units; @u its T
 * network inputs. Writes @steps values to @out. */
static void
loop_run (const ElmanModel *model,
          ElmanKernel      *kernel,
          Loop             *loop,
          const double     *values,
          const double     *u,
          gsize             o,
          const double     *h,
          const double     *block,
          gsize             steps,
          double           *out)
{
  gsize T = model->window, K = model->horizon, J = model->hidden;
  gsize lag = elman_model_lag (model);
  gsize produced = 0;
  double *c_prev = loop->h, *c_cur = loop->h + J;

  g_assert (loop_span (model, steps) <= loop->span);

  loop->off = 0;
  memcpy (loop->u, u, T * sizeof (double));
  if (lag > 0)
    memcpy (loop->work, values + (o - lag), lag * sizeof (double));
  for (gsize k = 0; k < K && produced < steps; k++)
    {
      loop_push (model, loop, produced, block[k]);
      out[produced++] = block[k];
    }
  memcpy (c_prev, h, J * sizeof (double));

  /* Every later window is run, and each K-th one adds K more values. */
  for (gsize s2 = o + 1; produced < steps; s2++)
    {
      gsize d;
      double anchor;
      double *tmp;

      loop_slide (model, loop, s2 - o, produced);
      d = s2 - o - loop->off;
      elman_kernel_forward_hidden (kernel, loop->u, d, 1, c_prev, c_cur);
      tmp = c_prev, c_prev = c_cur, c_cur = tmp;
      if (s2 < o + produced)
        continue;
      anchor = elman_window_anchor (model->transform, loop->u + d, T);
      elman_model_outputs (model, c_prev, loop->y);
      elman_model_outputs_to_data (model, loop->work, d + lag, anchor, loop->y, loop->block);
      for (gsize k = 0; k < K && produced < steps; k++)
        {
          loop_push (model, loop, produced, loop->block[k]);
          out[produced++] = loop->block[k];
        }
    }
}

static inline void
add_value (double *to,
           double  v,
           guint   n_models,
           gboolean assign_single)
{
  if (assign_single && n_models == 1)
    *to = v;
  else
    *to += v / n_models;
}

/* The last window the pass must run: the furthest origin asked for. */
static gsize
pass_last_window (const ElmanForecastPass *pass,
                  gsize                    n)
{
  gsize last = 0;

  if (pass->fit != NULL && pass->fit_to > pass->fit_from)
    last = MAX (last, pass->fit_to - 1);
  if (pass->forecasts != NULL && pass->n_origins > 0 && pass->steps > 0)
    last = MAX (last, pass->first_origin + pass->n_origins - 1);
  if (pass->free_run != NULL && pass->free_steps > 0)
    last = MAX (last, pass->free_origin);
  if (pass->count_saturated && n > 0)
    last = MAX (last, n - 1);
  return last;
}

/**
 * elman_forecast_pass_run:
 * @pass: what to compute; every origin from elman_model_min_history()
 *   to @n
 *
 * One member's part of @pass: its hidden state runs once over the true
 * history, a chunk of windows at a time on the training kernels (inputs
 * batched over the chunk's origins), and each output takes what it
 * needs on the way. The results are the separate functions' up to the
 * order of the sums in the hidden states (relative differences of about
 * 1e-13 or less; the tests hold them to 1e-9), the closed loops' too.
 *
 * Returns: %FALSE with %G_IO_ERROR_CANCELLED
 */
gboolean
elman_forecast_pass_run (ElmanForecastPass *pass,
                         const ElmanModel  *model,
                         const double      *values,
                         gsize              n,
                         GCancellable      *cancellable,
                         GError           **error)
{
  gsize T, K, J, first, last, lag, loop_steps = 0;
  g_autofree double *u = NULL;
  g_autofree double *h = NULL;
  g_autofree double *H = NULL;
  g_autofree double *y = NULL;
  g_autofree double *block = NULL;
  g_autofree double *member = NULL;
  g_autoptr(ElmanKernel) kernel = NULL;
  Loop loop = { 0 };
  gboolean want_fit, want_forecasts, want_free;

  g_return_val_if_fail (pass != NULL && model != NULL && pass->n_models > 0, FALSE);
  g_return_val_if_fail (values != NULL || n == 0, FALSE);

  T = model->window, K = model->horizon, J = model->hidden;
  first = elman_model_min_history (model);
  lag = elman_model_lag (model);
  want_fit = pass->fit != NULL && pass->fit_to > pass->fit_from;
  want_forecasts = pass->forecasts != NULL && pass->n_origins > 0 && pass->steps > 0;
  want_free = pass->free_run != NULL && pass->free_steps > 0;
  g_return_val_if_fail (!want_fit || (pass->fit_from >= first && pass->fit_to <= n), FALSE);
  g_return_val_if_fail (!want_forecasts ||
                        (pass->first_origin >= first && pass->first_origin + pass->n_origins - 1 <= n), FALSE);
  g_return_val_if_fail (!want_free || (pass->free_origin >= first && pass->free_origin <= n), FALSE);

  last = pass_last_window (pass, n);
  if (last < first)
    return TRUE;

  /* The network inputs of a chunk's windows, made chunk by chunk: the
   * pass needs no copy of the series. */
  u = g_new (double, PASS_CHUNK + T);
  h = g_new0 (double, J);
  y = g_new (double, K);
  block = g_new (double, K);
  if (want_forecasts && pass->steps > K)
    loop_steps = pass->steps;
  if (want_free)
    loop_steps = MAX (loop_steps, pass->free_steps);
  if (loop_steps > 0)
    loop_init (&loop, model, loop_steps);
  /* A single network's free-running run goes straight to its output. */
  if ((want_forecasts && pass->steps > K) || (want_free && pass->n_models > 1))
    member = g_new (double, loop_steps);

  kernel = elman_kernel_new (model, PASS_CHUNK);
  elman_kernel_set_model (kernel, model);
  H = g_new (double, PASS_CHUNK * J);
  for (gsize s0 = first, m; s0 <= last; s0 += m)
    {
      m = MIN (PASS_CHUNK, last - s0 + 1);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          loop_clear (&loop);
          return FALSE;
        }
      /* Windows s0…s0+m−1 (inputs up to value s − 1) on the true history:
       * u[c…c+T) are window s0 + c's. */
      elman_model_to_network (model, values + (s0 - first), m + T - 1 + lag, u);
      elman_kernel_forward_hidden (kernel, u, 0, m, s0 > first ? h : NULL, H);
      memcpy (h, H + (m - 1) * J, J * sizeof (double));

      for (gsize c = 0; c < m; c++)
        {
          gsize s = s0 + c;
          const double *h_cur = H + c * J;
          double anchor;

          if (pass->count_saturated && s >= pass->saturated_from && s < n)
            for (gsize j = 0; j < J; j++)
              {
                pass->n_activations++;
                if (h_cur[j] < pass->saturation_edge || h_cur[j] > 1.0 - pass->saturation_edge)
                  pass->n_saturated++;
              }

          if (!(want_fit && s >= pass->fit_from && s < pass->fit_to) &&
              !(want_forecasts && s >= pass->first_origin && s - pass->first_origin < pass->n_origins) &&
              !(want_free && s == pass->free_origin))
            continue;

          /* Origin o = s: the first K values come from this window. */
          anchor = elman_window_anchor (model->transform, u + c, T);
          elman_model_outputs (model, h_cur, y);
          elman_model_outputs_to_data (model, values, s, anchor, y, block);
          if (want_fit && s >= pass->fit_from && s < pass->fit_to)
            add_value (&pass->fit[s - pass->fit_from], block[0], pass->n_models, TRUE);
          if (want_forecasts && s >= pass->first_origin && s - pass->first_origin < pass->n_origins)
            {
              double *out = pass->forecasts + (s - pass->first_origin) * pass->steps;

              if (pass->steps <= K)
                for (gsize k = 0; k < pass->steps; k++)
                  add_value (&out[k], block[k], pass->n_models, TRUE);
              else
                {
                  loop_run (model, kernel, &loop, values, u + c, s, h_cur, block, pass->steps, member);
                  for (gsize k = 0; k < pass->steps; k++)
                    add_value (&out[k], member[k], pass->n_models, TRUE);
                }
            }
          if (want_free && s == pass->free_origin)
            {
              loop_run (model, kernel, &loop, values, u + c, s, h_cur, block, pass->free_steps,
                        pass->n_models == 1 ? pass->free_run : member);
              for (gsize k = 0; pass->n_models > 1 && k < pass->free_steps; k++)
                add_value (&pass->free_run[k], member[k], pass->n_models, FALSE);
            }
        }
    }

  loop_clear (&loop);
  return TRUE;
}
