/* elman-ensemble-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How elman_ensemble_forecast() checks a forecast of @steps values after
 * values[0…n) by models needing @first values of history: origins
 * @o0 … @o0 + @n_origins − 1, the first @checked steps of each (those
 * the series can check), @block origins per pass, so that its error
 * buffer holds block × checked values whatever @steps is. */
void     elman_ensemble_error_layout (gsize  n,
                                      gsize  first,
                                      gsize  steps,
                                      gsize *o0,
                                      gsize *n_origins,
                                      gsize *checked,
                                      gsize *block);

/* For the tests: the size of that buffer in values (0: the default of
 * 2^20), never less than n. */
void     elman_ensemble_set_error_block_values (gsize values);

/* For the tests: which of n candidates --auto forecasts with, given
 * their validation MAEs over all origins (@all) and in each fold
 * (folds[i·n_folds + f]), @def the default's index. */
guint    elman_auto_pick             (const double *all,
                                      const double *folds,
                                      guint         n,
                                      guint         n_folds,
                                      guint         def);

G_END_DECLS
