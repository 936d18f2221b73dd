/* elman-inspect.c — what the inside of a network shows
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-inspect"

#include "config.h"

#include <math.h>

#include "elman-inspect.h"

static double
largest_weight (const ElmanModel *model)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;
  double largest = 0;

  for (gsize i = 0; i < J * J; i++)
    largest = MAX (largest, fabs (model->W[i]));
  for (gsize i = 0; i < J * T; i++)
    largest = MAX (largest, fabs (model->U[i]));
  for (gsize i = 0; i < K * J; i++)
    largest = MAX (largest, fabs (model->V[i]));
  return largest;
}

static gboolean
near (double a,
       double b,
       double tolerance)
{
  return fabs (a - b) <= tolerance;
}

/* Units @a and @b are interchangeable (the comment in the header): equal
 * rows of W (the same input from every unit, so equal states stay equal)
 * and equal columns of W and V (the same effect on every unit and
 * output, so equal gradients). */
static gboolean
units_identical (const ElmanModel *model,
                 gsize             a,
                 gsize             b,
                 double            tolerance)
{
  gsize J = model->hidden, T = model->window, K = model->horizon;

  for (gsize k = 0; k < J; k++)
    if (!near (model->W[a * J + k], model->W[b * J + k], tolerance) ||
        !near (model->W[k * J + a], model->W[k * J + b], tolerance))
      return FALSE;
  for (gsize t = 0; t < T; t++)
    if (!near (model->U[a * T + t], model->U[b * T + t], tolerance))
      return FALSE;
  for (gsize k = 0; k < K; k++)
    if (!near (model->V[k * J + a], model->V[k * J + b], tolerance))
      return FALSE;
  if (model->b != NULL && !near (model->b[a], model->b[b], tolerance))
    return FALSE;
  return TRUE;
}

guint
elman_inspect_identical_units (const ElmanModel *model,
                               double            tolerance,
                               guint            *group)
{
  guint J, largest = 1;
  double scale;
  g_autofree guint *size = NULL;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (group != NULL, 0);

  J = model->hidden;
  scale = largest_weight (model);
  tolerance *= scale > 0 ? scale : 1.0;
  size = g_new0 (guint, J);

  for (guint j = 0; j < J; j++)
    {
      group[j] = j;
      for (guint first = 0; first < j; first++)
        if (group[first] == first && units_identical (model, first, j, tolerance))
          {
            group[j] = first;
            break;
          }
      size[group[j]]++;
      largest = MAX (largest, size[group[j]]);
    }
  return largest;
}

guint
elman_inspect_saturation (const double *states,
                          gsize         n_steps,
                          guint         hidden,
                          double        margin,
                          double       *fraction)
{
  guint n_saturated = 0;
  g_autofree gsize *count = NULL;

  g_return_val_if_fail (states != NULL || n_steps == 0, 0);
  g_return_val_if_fail (fraction != NULL, 0);

  /* In memory order, a row h^t at a time: the window calls this on the
   * main thread with millions of states. */
  count = g_new0 (gsize, MAX (hidden, 1));
  for (gsize t = 0; t < n_steps; t++)
    {
      const double *h = states + t * hidden;

      for (guint j = 0; j < hidden; j++)
        count[j] += h[j] < margin || h[j] > 1 - margin;
    }
  for (guint j = 0; j < hidden; j++)
    {
      fraction[j] = n_steps ? (double) count[j] / n_steps : 0;
      n_saturated += fraction[j] > 0.5;
    }
  return n_saturated;
}
