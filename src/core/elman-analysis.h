/* elman-analysis.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-config.h"

G_BEGIN_DECLS

/* Season length m of values[0…n) from the autocorrelation of its first
 * differences, or 0 when there is no clear season. */
guint    elman_detect_season     (const double *values,
                                  gsize         n);

/* Replaces ELMAN_TRANSFORM_AUTO (and season 0 where a season is needed)
 * in @config by what suits values[0…n_fit). */
void     elman_resolve_transform (ElmanConfig  *config,
                                  const double *values,
                                  gsize         n_fit);

G_END_DECLS
