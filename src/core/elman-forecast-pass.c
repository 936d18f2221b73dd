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
#include "elman-kernels-private.h"
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

/* Windows whose outputs are made together (group_outputs()). */
#define OUTPUT_GROUP 4

/* The outputs of OUTPUT_GROUP consecutive windows (rows of @H) into
 * @Y, K each: elman_model_outputs()'s sums in its order, the windows'
 * sums side by side (one window's is a chain of J dependent additions). */
static void
group_outputs (const ElmanModel *model,
               const double     *H,
               double           *Y)
{
  gsize J = model->hidden, K = model->horizon;
  const double *h0 = H, *h1 = H + J, *h2 = H + 2 * J, *h3 = H + 3 * J;

  G_STATIC_ASSERT (OUTPUT_GROUP == 4);
  for (gsize k = 0; k < K; k++)
    {
      const double *Vk = model->V + k * J;
      double a0 = model->c ? model->c[k] : 0.0, a1 = a0, a2 = a0, a3 = a0;

      for (gsize j = 0; j < J; j++)
        {
          a0 += Vk[j] * h0[j];
          a1 += Vk[j] * h1[j];
          a2 += Vk[j] * h2[j];
          a3 += Vk[j] * h3[j];
        }
      Y[k] = a0;
      Y[K + k] = a1;
      Y[2 * K + k] = a2;
      Y[3 * K + k] = a3;
    }
}

/* Whether window @s gives one of @pass's outputs. */
static inline gboolean
window_wanted (const ElmanForecastPass *pass,
               gsize                    s,
               gboolean                 want_fit,
               gboolean                 want_forecasts,
               gboolean                 want_free)
{
  return (want_fit && s >= pass->fit_from && s < pass->fit_to) ||
         (want_forecasts && s >= pass->first_origin && s - pass->first_origin < pass->n_origins) ||
         (want_free && s == pass->free_origin);
}

/* The saturated activations among the @m hidden states @H of windows
 * s0…, counted from saturated_from on. */
static void
count_saturated (ElmanForecastPass *pass,
                 const double      *H,
                 gsize              s0,
                 gsize              m,
                 gsize              n,
                 gsize              J)
{
  typedef double  v4d __attribute__ ((vector_size (32)));
  typedef gint64  v4i __attribute__ ((vector_size (32)));
  gsize from = MAX (s0, pass->saturated_from), to = MIN (s0 + m, n), saturated = 0;
  double low = pass->saturation_edge, high = 1.0 - pass->saturation_edge;
  gsize i, end;
  v4i counts = { 0 };

  if (from >= to)
    return;
  /* Four activations at a time (a comparison is −1 where it holds). */
  for (i = (from - s0) * J, end = (to - s0) * J; i + 4 <= end; i += 4)
    {
      v4d h;

      memcpy (&h, H + i, sizeof h);
      counts -= (h < low) | (h > high);
    }
  saturated = (gsize) (counts[0] + counts[1] + counts[2] + counts[3]);
  for (; i < end; i++)
    saturated += (H[i] < low) | (H[i] > high);
  pass->n_saturated += saturated;
  pass->n_activations += (to - from) * J;
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

/* A free-running run this long goes to a thread of its own: it is
 * sequential, and the windows after its origin do not wait for it. */
#define FREE_RUN_THREAD_STEPS 4096

/* The free-running run on the second core: its own kernel and buffers,
 * and copies of what it starts from (the pass goes on with its own). */
typedef struct
{
  const ElmanModel *model;
  const double     *values;
  ElmanKernel      *kernel;
  Loop              loop;
  double           *u;       /* the origin window's T inputs */
  double           *h;
  double           *block;
  gsize             origin;
  gsize             steps;
  double           *out;
  GThread          *thread;
} FreeRun;

static gpointer
free_run_main (gpointer data)
{
  FreeRun *f = data;

  loop_run (f->model, f->kernel, &f->loop, f->values, f->u, f->origin, f->h, f->block, f->steps, f->out);
  return NULL;
}

static void
free_run_start (FreeRun          *f,
                const ElmanModel *model,
                const double     *values,
                const double     *u,
                gsize             origin,
                const double     *h,
                const double     *block,
                gsize             steps,
                double           *out)
{
  f->model = model;
  f->values = values;
  f->kernel = elman_kernel_new (model, 1);
  elman_kernel_set_model (f->kernel, model);
  loop_init (&f->loop, model, steps);
  f->u = g_memdup2 (u, model->window * sizeof (double));
  f->h = g_memdup2 (h, model->hidden * sizeof (double));
  f->block = g_memdup2 (block, model->horizon * sizeof (double));
  f->origin = origin;
  f->steps = steps;
  f->out = out;
  f->thread = g_thread_new ("elman-free-run", free_run_main, f);
}

/* Waits for the run (when one was started) and frees its buffers. */
static void
free_run_finish (FreeRun *f)
{
  if (f->thread == NULL)
    return;
  g_thread_join (g_steal_pointer (&f->thread));
  loop_clear (&f->loop);
  g_clear_pointer (&f->kernel, elman_kernel_free);
  g_clear_pointer (&f->u, g_free);
  g_clear_pointer (&f->h, g_free);
  g_clear_pointer (&f->block, g_free);
}

/* What one member's pass works with. */
typedef struct
{
  ElmanForecastPass *pass;
  const ElmanModel  *model;
  const double      *values;
  ElmanKernel       *kernel;
  Loop               loop;
  gboolean           want_fit, want_forecasts, want_free;
  double            *Y;       /* OUTPUT_GROUP × K outputs */
  double            *block;   /* K values in data units */
  double            *member;  /* a member's closed-loop forecast */
  double            *free_member;
  FreeRun            free;
} PassState;

/* Window @s's outputs (@y, network units; @h its hidden state, @u its
 * inputs) into the outputs of the pass. */
static void
take_window (PassState    *st,
             gsize         s,
             const double *u,
             const double *h,
             const double *y)
{
  ElmanForecastPass *pass = st->pass;
  const ElmanModel *model = st->model;
  gsize K = model->horizon;
  double anchor;

  /* Origin o = s: the first K values come from this window. */
  anchor = elman_window_anchor (model->transform, u, model->window);
  elman_model_outputs_to_data (model, st->values, s, anchor, y, st->block);
  if (st->want_fit && s >= pass->fit_from && s < pass->fit_to)
    add_value (&pass->fit[s - pass->fit_from], st->block[0], pass->n_models, TRUE);
  if (st->want_forecasts && s >= pass->first_origin && s - pass->first_origin < pass->n_origins)
    {
      double *out = pass->forecasts + (s - pass->first_origin) * pass->steps;

      if (pass->steps <= K)
        for (gsize k = 0; k < pass->steps; k++)
          add_value (&out[k], st->block[k], pass->n_models, TRUE);
      else
        {
          loop_run (model, st->kernel, &st->loop, st->values, u, s, h, st->block, pass->steps, st->member);
          for (gsize k = 0; k < pass->steps; k++)
            add_value (&out[k], st->member[k], pass->n_models, TRUE);
        }
    }
  if (st->want_free && s == pass->free_origin)
    {
      double *out = pass->n_models == 1 ? pass->free_run : st->free_member;

      if (pass->free_steps >= FREE_RUN_THREAD_STEPS && elman_processor_count () > 1)
        free_run_start (&st->free, model, st->values, u, s, h, st->block, pass->free_steps, out);
      else
        loop_run (model, st->kernel, &st->loop, st->values, u, s, h, st->block, pass->free_steps, out);
    }
}

/* The outputs of windows s0…s0+m−1 of a chunk: @H their hidden states,
 * @u their inputs (window s0 + c reads u[c…c+T)). */
static void
take_chunk (PassState    *st,
            gsize         s0,
            gsize         m,
            const double *u,
            const double *H)
{
  gsize J = st->model->hidden, K = st->model->horizon;

  for (gsize c = 0; c < m; c += OUTPUT_GROUP)
    {
      gsize g = MIN (OUTPUT_GROUP, m - c);
      gboolean need[OUTPUT_GROUP];
      guint n_need = 0;

      for (gsize i = 0; i < g; i++)
        {
          need[i] = window_wanted (st->pass, s0 + c + i, st->want_fit, st->want_forecasts, st->want_free);
          n_need += need[i];
        }
      if (n_need == OUTPUT_GROUP)
        group_outputs (st->model, H + c * J, st->Y);
      else
        for (gsize i = 0; i < g; i++)
          if (need[i])
            elman_model_outputs (st->model, H + (c + i) * J, st->Y + i * K);
      for (gsize i = 0; i < g; i++)
        if (need[i])
          take_window (st, s0 + c + i, u + c + i, H + (c + i) * J, st->Y + i * K);
    }
}

static void
pass_state_clear (PassState *st)
{
  free_run_finish (&st->free);
  loop_clear (&st->loop);
  g_clear_pointer (&st->kernel, elman_kernel_free);
  g_clear_pointer (&st->Y, g_free);
  g_clear_pointer (&st->block, g_free);
  g_clear_pointer (&st->member, g_free);
  g_clear_pointer (&st->free_member, g_free);
}

/**
 * elman_forecast_pass_run:
 * @pass: what to compute; every origin from elman_model_min_history()
 *   to @n
 *
 * One member's part of @pass: its hidden state runs once over the true
 * history, a chunk of windows at a time on the training kernels (inputs
 * batched over the chunk's origins), and each output takes what it
 * needs on the way; a long free-running run goes on the second core
 * while the pass goes on. The results are the separate functions' up to
 * the order of the sums in the hidden states (relative differences of
 * about 1e-13 or less; the tests hold them to 1e-9), the closed loops'
 * too.
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
  PassState st = { .pass = pass, .model = model, .values = values };
  gboolean ok = TRUE;

  g_return_val_if_fail (pass != NULL && model != NULL && pass->n_models > 0, FALSE);
  g_return_val_if_fail (values != NULL || n == 0, FALSE);

  T = model->window, K = model->horizon, J = model->hidden;
  first = elman_model_min_history (model);
  lag = elman_model_lag (model);
  st.want_fit = pass->fit != NULL && pass->fit_to > pass->fit_from;
  st.want_forecasts = pass->forecasts != NULL && pass->n_origins > 0 && pass->steps > 0;
  st.want_free = pass->free_run != NULL && pass->free_steps > 0;
  g_return_val_if_fail (!st.want_fit || (pass->fit_from >= first && pass->fit_to <= n), FALSE);
  g_return_val_if_fail (!st.want_forecasts ||
                        (pass->first_origin >= first && pass->first_origin + pass->n_origins - 1 <= n), FALSE);
  g_return_val_if_fail (!st.want_free || (pass->free_origin >= first && pass->free_origin <= n), FALSE);

  last = pass_last_window (pass, n);
  if (last < first)
    return TRUE;

  /* The network inputs of a chunk's windows, made chunk by chunk: the
   * pass needs no copy of the series. */
  u = g_new (double, PASS_CHUNK + T);
  h = g_new0 (double, J);
  st.Y = g_new (double, OUTPUT_GROUP * K);
  st.block = g_new (double, K);
  if (st.want_forecasts && pass->steps > K)
    loop_steps = pass->steps;
  if (st.want_free)
    loop_steps = MAX (loop_steps, pass->free_steps);
  if (loop_steps > 0)
    loop_init (&st.loop, model, loop_steps);
  if (st.want_forecasts && pass->steps > K)
    st.member = g_new (double, pass->steps);
  /* A single network's free-running run goes straight to its output. */
  if (st.want_free && pass->n_models > 1)
    st.free_member = g_new (double, pass->free_steps);

  st.kernel = elman_kernel_new (model, PASS_CHUNK);
  elman_kernel_set_model (st.kernel, model);
  H = g_new (double, PASS_CHUNK * J);
  for (gsize s0 = first, m; s0 <= last; s0 += m)
    {
      m = MIN (PASS_CHUNK, last - s0 + 1);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      /* Windows s0…s0+m−1 (inputs up to value s − 1) on the true history:
       * u[c…c+T) are window s0 + c's. */
      elman_model_to_network (model, values + (s0 - first), m + T - 1 + lag, u);
      elman_kernel_forward_hidden (st.kernel, u, 0, m, s0 > first ? h : NULL, H);
      memcpy (h, H + (m - 1) * J, J * sizeof (double));

      if (pass->count_saturated)
        count_saturated (pass, H, s0, m, n, J);
      take_chunk (&st, s0, m, u, H);
    }

  free_run_finish (&st.free);
  for (gsize k = 0; ok && st.free_member != NULL && k < pass->free_steps; k++)
    add_value (&pass->free_run[k], st.free_member[k], pass->n_models, FALSE);
  pass_state_clear (&st);
  return ok;
}
