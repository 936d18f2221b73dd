/* elman-trainer.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-trainer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "elman-analysis.h"
#include "elman-kernels.h"
#include "elman-model-private.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

G_DEFINE_QUARK (elman-trainer-error-quark, elman_trainer_error)

#define ADAM_BETA1   0.9
#define ADAM_BETA2   0.999
#define ADAM_EPSILON 1e-8

struct _ElmanTrainer
{
  ElmanConfig  config;        /* transform and season resolved */
  ElmanModel  *model;         /* trained in place */
  ElmanModel  *best;          /* the weights of the best epoch so far */
  double      *good;          /* the last weights whose loss was finite */

  double      *u;             /* the training part in network units */
  gsize        n_u;
  gsize        n_windows;     /* training windows: u[0…n_windows+T+K−1) */
  gsize        n_valid_windows;
  gsize        n_train;
  gsize        n_valid;

  ElmanKernel *kernel;
  double      *grad;
  double      *adam_m;
  double      *adam_v;
  guint        adam_t;

  GArray      *train_loss;
  GArray      *valid_loss;
  GArray      *grad_norms;    /* ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ per epoch */
  guint        best_epoch;
  double       best_loss;
  gboolean     done;
};

/* The weights as one vector: W, U, V, b, c. */
static void
model_get_params (const ElmanModel *model,
                  double           *params)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;

  memcpy (params, model->W, J * J * sizeof (double)), params += J * J;
  memcpy (params, model->U, J * T * sizeof (double)), params += J * T;
  memcpy (params, model->V, K * J * sizeof (double)), params += K * J;
  if (model->b)
    {
      memcpy (params, model->b, J * sizeof (double)), params += J;
      memcpy (params, model->c, K * sizeof (double));
    }
}

static void
model_set_params (ElmanModel   *model,
                  const double *params)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;

  memcpy (model->W, params, J * J * sizeof (double)), params += J * J;
  memcpy (model->U, params, J * T * sizeof (double)), params += J * T;
  memcpy (model->V, params, K * J * sizeof (double)), params += K * J;
  if (model->b)
    {
      memcpy (model->b, params, J * sizeof (double)), params += J;
      memcpy (model->c, params, K * sizeof (double));
    }
}

/* Applies θ ← θ − step to the model's weights in place, in the order of
 * model_get_params(). */
static void
model_apply_update (ElmanModel   *model,
                    const double *step)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  double *blocks[] = { model->W, model->U, model->V, model->b, model->c };
  gsize sizes[] = { J * J, J * T, K * J, J, K };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      if (blocks[i] == NULL)
        continue;
      for (gsize j = 0; j < sizes[i]; j++)
        blocks[i][j] -= step[j];
      step += sizes[i];
    }
}

static void
fit_normalization (ElmanModel     *model,
                   ElmanNormalize  normalize,
                   const double   *values,
                   gsize           n)
{
  gsize lag = elman_model_lag (model);
  double mean = 0, m2 = 0, lo = INFINITY, hi = -INFINITY;
  gsize count = 0;

  model->normalize = normalize;
  model->offset = 0.0;
  model->scale = 1.0;
  if (normalize == ELMAN_NORMALIZE_NONE || n <= lag)
    return;

  /* Welford's update: stable for long series with a large mean. */
  for (gsize i = lag; i < n; i++)
    {
      double z = lag ? values[i] - values[i - lag] : values[i];
      double d = z - mean;

      count++;
      mean += d / (double) count;
      m2 += d * (z - mean);
      lo = MIN (lo, z);
      hi = MAX (hi, z);
    }

  if (normalize == ELMAN_NORMALIZE_ZSCORE)
    {
      double sd = count > 1 ? sqrt (m2 / (double) (count - 1)) : 0.0;
      model->offset = mean;
      model->scale = sd > 0 && isfinite (sd) ? sd : 1.0;
    }
  else
    {
      model->offset = lo;
      model->scale = hi > lo && isfinite (hi - lo) ? hi - lo : 1.0;
    }
}

/**
 * elman_trainer_new:
 * @values: (array length=n): the whole series in data units (copied)
 * @initial: (nullable): start from exactly these weights (shapes must
 *   match @config); its normalization and transform are kept
 *
 * Returns: (transfer full) (nullable): a trainer at epoch 0, or %NULL with
 *   @error set when @config cannot work on @values
 */
ElmanTrainer *
elman_trainer_new (const ElmanConfig  *config,
                   const double       *values,
                   gsize               n,
                   const ElmanModel   *initial,
                   GError            **error)
{
  g_autoptr(ElmanTrainer) self = NULL;
  ElmanConfig resolved;
  gsize n_fit, lag, T, K;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (values != NULL || n == 0, NULL);

  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      {
        g_set_error (error, ELMAN_CONFIG_ERROR, ELMAN_CONFIG_ERROR_INVALID,
                     _("Value %zu of the series is not a finite number"), i + 1);
        return NULL;
      }

  resolved = *config;
  if (initial)
    {
      if (initial->window != config->window || initial->horizon != config->horizon ||
          initial->hidden != config->hidden || (initial->b != NULL) != config->bias)
        {
          g_set_error (error, ELMAN_MODEL_ERROR, ELMAN_MODEL_ERROR_SHAPE,
                       _("The initial model has T = %u, K = %u, J = %u%s but the training asks for "
                         "T = %u, K = %u, J = %u%s"),
                       initial->window, initial->horizon, initial->hidden,
                       initial->b ? _(" with biases") : "",
                       config->window, config->horizon, config->hidden,
                       config->bias ? _(" with biases") : "");
          return NULL;
        }
      resolved.transform = initial->transform;
      resolved.season = initial->season;
      resolved.normalize = initial->normalize;
    }
  else
    {
      gsize n_train_guess, n_valid_guess;

      elman_config_split (config, n, &n_train_guess, &n_valid_guess);
      elman_resolve_transform (&resolved, values, n_train_guess - n_valid_guess);
    }

  if (!elman_config_validate (&resolved, n, error))
    return NULL;

  self = g_new0 (ElmanTrainer, 1);
  self->config = resolved;
  elman_config_split (&resolved, n, &self->n_train, &self->n_valid);
  n_fit = self->n_train - self->n_valid;

  if (initial)
    self->model = elman_model_copy (initial);
  else
    {
      self->model = elman_model_new (resolved.window, resolved.horizon, resolved.hidden, resolved.bias);
      self->model->transform = resolved.transform;
      self->model->season = resolved.season;
      fit_normalization (self->model, resolved.normalize, values, n_fit);
      if (resolved.init == ELMAN_INIT_GLOROT)
        elman_model_init_glorot (self->model, resolved.seed);
    }

  /* The network trains on the training part; the validation windows
   * follow the training windows with the hidden state carried on. */
  T = resolved.window, K = resolved.horizon;
  lag = elman_model_lag (self->model);
  self->u = g_new (double, MAX (self->n_train, 1));
  self->n_u = elman_model_to_network (self->model, values, self->n_train, self->u);
  self->n_windows = n_fit - lag - T - K + 1;
  self->n_valid_windows = self->n_valid >= K ? self->n_valid : 0;
  g_assert (self->n_windows + self->n_valid_windows + T + K - 1 <= self->n_u);

  self->kernel = elman_kernel_new (self->model, self->n_windows + self->n_valid_windows);
  elman_kernel_set_threads (self->kernel, resolved.threads);
  self->grad = g_new0 (double, elman_model_n_params (self->model));
  self->good = g_new0 (double, elman_model_n_params (self->model));
  model_get_params (self->model, self->good);
  if (resolved.optimizer == ELMAN_OPTIMIZER_ADAM)
    {
      self->adam_m = g_new0 (double, elman_model_n_params (self->model));
      self->adam_v = g_new0 (double, elman_model_n_params (self->model));
    }
  self->train_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->valid_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->grad_norms = g_array_new (FALSE, FALSE, sizeof (double));
  self->best = elman_model_copy (self->model);
  self->best_loss = INFINITY;

  return g_steal_pointer (&self);
}

void
elman_trainer_free (ElmanTrainer *self)
{
  if (self == NULL)
    return;

  elman_model_free (self->model);
  elman_model_free (self->best);
  elman_kernel_free (self->kernel);
  g_free (self->good);
  g_free (self->u);
  g_free (self->grad);
  g_free (self->adam_m);
  g_free (self->adam_v);
  if (self->train_loss)
    g_array_unref (self->train_loss);
  if (self->valid_loss)
    g_array_unref (self->valid_loss);
  if (self->grad_norms)
    g_array_unref (self->grad_norms);
  g_free (self);
}

static double
gradient_norm (const double *grad,
               gsize         n)
{
  double scale = 0, ssq = 1;

  /* Scaled sum of squares (as in BLAS's dnrm2): no overflow for huge
   * gradients, which is exactly when clipping matters. */
  for (gsize i = 0; i < n; i++)
    if (grad[i] != 0)
      {
        double a = fabs (grad[i]);
        if (scale < a)
          {
            ssq = 1 + ssq * (scale / a) * (scale / a);
            scale = a;
          }
        else
          ssq += (a / scale) * (a / scale);
      }
  return scale * sqrt (ssq);
}

/* Appends ‖∂L/∂W‖, ‖∂L/∂U‖, ‖∂L/∂V‖ of the gradient in @grad (laid out
 * as model_get_params()), before any clipping. */
static void
record_grad_norms (ElmanTrainer *self,
                   const double *grad)
{
  gsize J = self->model->hidden, T = self->model->window, K = self->model->horizon;
  double norms[3];

  norms[0] = gradient_norm (grad, J * J);
  norms[1] = gradient_norm (grad + J * J, J * T);
  norms[2] = gradient_norm (grad + J * J + J * T, K * J);
  g_array_append_vals (self->grad_norms, norms, 3);
}

static void
apply_optimizer (ElmanTrainer *self)
{
  gsize n = elman_model_n_params (self->model);
  double lr = self->config.learning_rate;
  double *grad = self->grad;

  if (self->config.clip > 0)
    {
      double norm = gradient_norm (grad, n);
      if (norm > self->config.clip)
        {
          double f = self->config.clip / norm;
          for (gsize i = 0; i < n; i++)
            grad[i] *= f;
        }
    }

  if (self->config.optimizer == ELMAN_OPTIMIZER_SGD)
    {
      /* θ ← θ − ε ∇L */
      for (gsize i = 0; i < n; i++)
        grad[i] *= lr;
    }
  else
    {
      double c1, c2;

      self->adam_t++;
      c1 = 1.0 - pow (ADAM_BETA1, self->adam_t);
      c2 = 1.0 - pow (ADAM_BETA2, self->adam_t);
      for (gsize i = 0; i < n; i++)
        {
          double g = grad[i];
          double m = self->adam_m[i] = ADAM_BETA1 * self->adam_m[i] + (1 - ADAM_BETA1) * g;
          double v = self->adam_v[i] = ADAM_BETA2 * self->adam_v[i] + (1 - ADAM_BETA2) * g * g;
          grad[i] = lr * (m / c1) / (sqrt (v / c2) + ADAM_EPSILON);
        }
    }

  model_apply_update (self->model, grad);
}

gboolean
elman_trainer_step (ElmanTrainer  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ElmanKernelResult result;
  double loss_scale, valid_scale;
  guint epoch;

  g_return_val_if_fail (self != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (self->done)
    return TRUE;

  epoch = self->train_loss->len;
  loss_scale = self->config.loss == ELMAN_LOSS_MEAN
               ? 1.0 / ((double) self->n_windows * self->config.horizon) : 1.0;
  valid_scale = self->config.loss == ELMAN_LOSS_MEAN && self->n_valid_windows
                ? 1.0 / ((double) self->n_valid_windows * self->config.horizon) : 1.0;

  if (!elman_kernel_run (self->kernel, self->model, self->u, self->n_windows,
                         self->n_valid_windows, self->config.gradient, loss_scale,
                         self->grad, &result, cancellable, error))
    return FALSE;

  result.train_loss *= loss_scale;
  result.valid_loss *= valid_scale;

  if (!isfinite (result.train_loss) || !elman_model_is_finite (self->model))
    {
      model_set_params (self->model, self->good);
      self->done = TRUE;
      /* No update has been made yet: the learning rate is not the cause. */
      if (epoch == 0)
        g_set_error_literal (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED,
                             _("The loss of the first epoch, before any update, is not a finite number: "
                               "the initial weights overflow on this series"));
      else
        g_set_error (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED,
                     _("Training diverged at epoch %u: the loss is no longer a finite number. "
                       "The last good model was kept; try a smaller learning rate (now %g)"),
                     epoch + 1, self->config.learning_rate);
      return FALSE;
    }

  g_array_append_val (self->train_loss, result.train_loss);
  if (self->n_valid_windows)
    g_array_append_val (self->valid_loss, result.valid_loss);

  /* The weights that produced this loss are good; so are they the best? */
  model_get_params (self->model, self->good);
  {
    double monitored = self->n_valid_windows ? result.valid_loss : result.train_loss;
    if (monitored < self->best_loss || epoch == 0)
      {
        self->best_loss = monitored;
        self->best_epoch = epoch;
        model_set_params (self->best, self->good);
      }
  }

  record_grad_norms (self, self->grad);
  apply_optimizer (self);

  if (!elman_model_is_finite (self->model))
    {
      model_set_params (self->model, self->good);
      self->done = TRUE;
      g_set_error (error, ELMAN_TRAINER_ERROR, ELMAN_TRAINER_ERROR_DIVERGED,
                   _("Training diverged at epoch %u: the weights are no longer finite numbers. "
                     "The last good model was kept; try a smaller learning rate (now %g)"),
                   epoch + 1, self->config.learning_rate);
      return FALSE;
    }

  if (self->train_loss->len >= self->config.epochs)
    self->done = TRUE;
  if (self->config.patience > 0 && self->n_valid_windows &&
      self->train_loss->len - 1 - self->best_epoch >= self->config.patience)
    self->done = TRUE;

  return TRUE;
}

gboolean
elman_trainer_is_done (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->done;
}

guint
elman_trainer_get_epoch (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->train_loss->len;
}

const double *
elman_trainer_get_train_loss (ElmanTrainer *self,
                              guint        *n_epochs)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_epochs)
    *n_epochs = self->train_loss->len;
  return (const double *) self->train_loss->data;
}

const double *
elman_trainer_get_valid_loss (ElmanTrainer *self,
                              guint        *n_epochs)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_epochs)
    *n_epochs = self->valid_loss->len;
  return self->n_valid_windows ? (const double *) self->valid_loss->data : NULL;
}

/**
 * elman_trainer_get_grad_norms:
 * @n_epochs: (out) (optional): the number of epochs recorded
 *
 * The Euclidean norms of the gradient by matrix, per epoch: values[3e],
 * values[3e + 1], values[3e + 2] are ‖∂L/∂W‖, ‖∂L/∂U‖ and ‖∂L/∂V‖ of epoch
 * e's gradient (of the loss that elman_trainer_get_train_loss() reports,
 * before clipping and before the optimizer), one row per epoch.
 *
 * Returns: (transfer none): 3 × @n_epochs values, valid until the next
 *   step
 */
const double *
elman_trainer_get_grad_norms (ElmanTrainer *self,
                              guint        *n_epochs)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_epochs)
    *n_epochs = self->grad_norms->len / 3;
  return (const double *) self->grad_norms->data;
}

guint
elman_trainer_get_best_epoch (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->best_epoch;
}

const ElmanConfig *
elman_trainer_get_config (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->config;
}

const ElmanModel *
elman_trainer_get_model (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->model;
}

ElmanModel *
elman_trainer_dup_best_model (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->config.patience > 0 && self->n_valid_windows && self->train_loss->len > 0)
    return elman_model_copy (self->best);
  return elman_model_copy (self->model);
}

gsize
elman_trainer_get_n_train (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_train;
}

gsize
elman_trainer_get_n_valid (ElmanTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_valid;
}

/**
 * elman_model_loss_and_gradient:
 * @u: the series in network units (see elman_model_to_network())
 * @n: length of @u
 * @grad: (out caller-allocates) (nullable): elman_model_n_params() values
 *
 * Returns: the loss of @model over every window of @u, starting from
 *   h^0 = 0; the gradient of the chosen kind goes to @grad
 */
double
elman_model_loss_and_gradient (const ElmanModel *model,
                               const double     *u,
                               gsize             n,
                               ElmanGradient     gradient,
                               ElmanLoss         loss,
                               double           *grad)
{
  g_autoptr(ElmanKernel) kernel = NULL;
  g_autofree double *scratch = NULL;
  ElmanKernelResult result;
  gsize n_windows, T = model->window, K = model->horizon;
  double scale;

  g_return_val_if_fail (model != NULL, NAN);

  if (n < T + K)
    return 0.0;
  n_windows = n - T - K + 1;
  scale = loss == ELMAN_LOSS_MEAN ? 1.0 / ((double) n_windows * K) : 1.0;
  if (grad == NULL)
    grad = scratch = g_new (double, elman_model_n_params (model));

  kernel = elman_kernel_new (model, n_windows);
  elman_kernel_run (kernel, model, u, n_windows, 0, gradient, scale, grad, &result, NULL, NULL);

  return result.train_loss * scale;
}

/* How far above its first value the training loss may rise before the
 * rate counts as too large, and how far it may end above it. */
#define TREND_PEAK_RATIO    10.0
#define TREND_END_RATIO     2.0
/* A run this long whose best epoch lies in its first fiftieth (and
 * whose loss jumped above its start) is overshooting, not learning. */
#define TREND_LONG_RUN      50
#define TREND_EARLY_SHARE   50
#define TREND_JUMP_RATIO    1.5

/**
 * elman_loss_trend_detect:
 * @train_loss: (array length=n_epochs): the training loss, epoch by epoch
 * @best_epoch: the 0-based epoch of the kept model
 * @not_finite: the training stopped because the loss or the weights were
 *   no longer finite (%ELMAN_TRAINER_ERROR_DIVERGED)
 *
 * Divergence and oscillation, the two faces of a learning rate that is
 * too large: the loss climbing far above where it started, or a long run
 * whose best epoch is one of its first while the loss jumps around above
 * its start. A loss that only falls slowly, or stays flat (a resumed
 * model, a tiny rate), is not reported.
 *
 * Returns: what the loss history says
 */
ElmanLossTrend
elman_loss_trend_detect (const double *train_loss,
                         guint         n_epochs,
                         guint         best_epoch,
                         gboolean      not_finite)
{
  double first, peak = -G_MAXDOUBLE, last;

  /* The first loss is computed before any update: when it is already not
   * finite, the data or the starting model overflowed, not the step. */
  if (not_finite)
    return train_loss != NULL && n_epochs > 0 && isfinite (train_loss[0])
           ? ELMAN_LOSS_TREND_NOT_FINITE : ELMAN_LOSS_TREND_OK;
  if (train_loss == NULL || n_epochs < 2)
    return ELMAN_LOSS_TREND_OK;

  first = train_loss[0];
  last = train_loss[n_epochs - 1];
  for (guint i = 1; i < n_epochs; i++)
    {
      if (!isfinite (train_loss[i]))
        return ELMAN_LOSS_TREND_NOT_FINITE;
      peak = MAX (peak, train_loss[i]);
    }
  if (!isfinite (first) || !(first > 0))
    return ELMAN_LOSS_TREND_OK;

  if (peak >= TREND_PEAK_RATIO * first || last >= TREND_END_RATIO * first)
    return ELMAN_LOSS_TREND_DIVERGED;
  if (n_epochs >= TREND_LONG_RUN && best_epoch <= n_epochs / TREND_EARLY_SHARE &&
      peak >= TREND_JUMP_RATIO * first)
    return ELMAN_LOSS_TREND_OSCILLATING;
  return ELMAN_LOSS_TREND_OK;
}

/**
 * elman_loss_trend_suggest_rate:
 *
 * Returns: a learning rate to try instead of @config's: a tenth of it
 *   (a power of ten), and no more than the default of the preset whose
 *   scaling @config uses (raw data needs a much smaller step)
 */
double
elman_loss_trend_suggest_rate (const ElmanConfig *config)
{
  ElmanConfig preset;
  double rate, lower;

  g_return_val_if_fail (config != NULL, NAN);

  elman_config_init (&preset, config->normalize == ELMAN_NORMALIZE_NONE ? ELMAN_PRESET_SEED
                                                                        : ELMAN_PRESET_RECOMMENDED);
  rate = config->learning_rate;
  lower = rate > 0 && isfinite (rate) ? pow (10, floor (log10 (rate) + 1e-9) - 1) : preset.learning_rate;
  return MIN (lower, preset.learning_rate);
}

/* "0.01", "1e6", "2.5e-7": short and exact enough to type back in. */
static void
format_rate (double  rate,
             char   *buf,
             gsize   len)
{
  g_ascii_formatd (buf, len, "%.3g", rate);
  elman_format_short_exponent (buf);
}

/**
 * elman_loss_trend_describe:
 * @config: what the network was trained with
 *
 * The warning for @trend, in words that suit both the app and the CLI:
 * it names the learning rate by its symbol ε, not by a control.
 *
 * Returns: (transfer full) (nullable): the translated warning, or %NULL
 *   for %ELMAN_LOSS_TREND_OK
 */
char *
elman_loss_trend_describe (ElmanLossTrend     trend,
                           const ElmanConfig *config,
                           const double      *train_loss,
                           guint              n_epochs,
                           guint              best_epoch)
{
  char rate[G_ASCII_DTOSTR_BUF_SIZE], suggested[G_ASCII_DTOSTR_BUF_SIZE];
  double peak = 0;

  g_return_val_if_fail (config != NULL, NULL);

  format_rate (config->learning_rate, rate, sizeof rate);
  format_rate (elman_loss_trend_suggest_rate (config), suggested, sizeof suggested);
  for (guint i = 0; i < n_epochs; i++)
    if (isfinite (train_loss[i]))
      peak = MAX (peak, train_loss[i]);

  switch (trend)
    {
    case ELMAN_LOSS_TREND_OK:
      return NULL;
    case ELMAN_LOSS_TREND_NOT_FINITE:
      return g_strdup_printf (_("The learning rate is too large (ε = %s): the loss is no longer a finite "
                                "number. Try ε = %s."), rate, suggested);
    case ELMAN_LOSS_TREND_DIVERGED:
      return g_strdup_printf (_("The learning rate is too large (ε = %s): the training loss rose from %.4g "
                                "to %.4g instead of falling. Try ε = %s."),
                              rate, train_loss[0], peak, suggested);
    case ELMAN_LOSS_TREND_OSCILLATING:
      return g_strdup_printf (_("The learning rate is too large (ε = %s): the loss jumps up and down and the "
                                "best epoch is %u of %u, at the very start. Try ε = %s."),
                              rate, best_epoch + 1, n_epochs, suggested);
    default:
      g_return_val_if_reached (NULL);
    }
}
