/* elman-advice.h — what to change, worded for the reader's interface
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ElmanWording:
 * @ELMAN_WORDING_APP: name the app's controls as its sidebar labels them
 * @ELMAN_WORDING_CLI: name elman-cli's flags
 *
 * Who reads a message.
 */
typedef enum
{
  ELMAN_WORDING_APP,
  ELMAN_WORDING_CLI,
} ElmanWording;

/**
 * ElmanAdvice:
 * @ELMAN_ADVICE_NONE: nothing to change
 * @ELMAN_ADVICE_INIT_GLOROT: Glorot initial weights
 * @ELMAN_ADVICE_NORMALIZE_ZSCORE: z-score scaling
 * @ELMAN_ADVICE_TRANSFORM: a transform that removes the trend
 * @ELMAN_ADVICE_PRESET_RECOMMENDED: the recommended preset
 * @ELMAN_ADVICE_MORE_TRAINING: the automatic search, an ensemble or more
 *   epochs
 * @ELMAN_ADVICE_LONGER_WINDOW: a longer window T or the automatic search
 * @ELMAN_ADVICE_LARGER_TEST_PART: a larger test part
 *
 * A change of settings a message recommends. The message states the
 * finding; elman_advice_format() says what to change, in the words of
 * the interface the reader uses, so that the app never tells its user to
 * type a flag and the CLI never points at a sidebar.
 */
typedef enum
{
  ELMAN_ADVICE_NONE,
  ELMAN_ADVICE_INIT_GLOROT,
  ELMAN_ADVICE_NORMALIZE_ZSCORE,
  ELMAN_ADVICE_TRANSFORM,
  ELMAN_ADVICE_PRESET_RECOMMENDED,
  ELMAN_ADVICE_MORE_TRAINING,
  ELMAN_ADVICE_LONGER_WINDOW,
  ELMAN_ADVICE_LARGER_TEST_PART,
  ELMAN_N_ADVICE
} ElmanAdvice;

char *elman_advice_format  (ElmanAdvice   advice,
                            ElmanWording  wording);
char *elman_advice_append  (const char   *message,
                            ElmanAdvice   advice,
                            ElmanWording  wording);

G_END_DECLS
