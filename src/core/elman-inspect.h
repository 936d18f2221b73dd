/* elman-inspect.h — what the inside of a network shows
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-model.h"

G_BEGIN_DECLS

/* Hidden units j and j' are identical when row j of W, U and b equals
 * row j', column j of W equals column j' and column j of V equals column
 * j' (each within @tolerance, relative to the largest |weight|): two such
 * units receive the same input, keep the same state and get the same
 * gradient, so gradient descent can never tell them apart (the Seed
 * preset's zero start makes all J of them one unit). Fills @group[j] with
 * the smallest index of j's group (group[j] == j for a unit that is alone
 * or first) and returns the size of the largest group (1 when all differ). */
guint elman_inspect_identical_units (const ElmanModel *model,
                                     double            tolerance,
                                     guint            *group);

/* A unit is saturated when σ stays within @margin of 0 or of 1: its
 * derivative σ(1 − σ) < @margin there, so it barely learns. From hidden
 * states laid out as @n_steps rows of @hidden values, fills @fraction[j]
 * with the share of steps at which unit j is saturated and returns how
 * many units are saturated more than half of the time. */
guint elman_inspect_saturation      (const double     *states,
                                     gsize             n_steps,
                                     guint             hidden,
                                     double            margin,
                                     double           *fraction);

G_END_DECLS
