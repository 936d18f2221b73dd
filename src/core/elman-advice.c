/* elman-advice.c — what to change, worded for the reader's interface
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "elman-advice.h"

/* Each advice twice: with the app's labels (the sidebar's own words, so
 * that they translate the same) and as a verb for elman-cli's flags,
 * which are not translated. Each is one sentence. */
typedef enum
{
  VERB_USE,
  VERB_TRY,
  VERB_RAISE,
} Verb;

static const struct
{
  const char *app;
  Verb        cli;
} advice_words[ELMAN_N_ADVICE] = {
  [ELMAN_ADVICE_NONE] = { NULL, VERB_USE },
  [ELMAN_ADVICE_INIT_GLOROT] = {
    N_("Set Advanced › Initialization to Glorot uniform."),
    VERB_USE },
  [ELMAN_ADVICE_NORMALIZE_ZSCORE] = {
    N_("Set Advanced › Normalization to Z-score."),
    VERB_USE },
  [ELMAN_ADVICE_TRANSFORM] = {
    N_("Set Advanced › Transform to Automatic, Differences or Relative to window."),
    VERB_USE },
  [ELMAN_ADVICE_PRESET_RECOMMENDED] = {
    N_("Choose the Recommended preset."),
    VERB_TRY },
  [ELMAN_ADVICE_MORE_TRAINING] = {
    N_("Try Find Settings Automatically, a larger Ensemble Size (R), or more Epochs."),
    VERB_TRY },
  [ELMAN_ADVICE_LONGER_WINDOW] = {
    N_("Try a longer Window (T), or Find Settings Automatically."),
    VERB_TRY },
  [ELMAN_ADVICE_LARGER_TEST_PART] = {
    N_("Make the Test Part larger."),
    VERB_RAISE },
};

/* The flags themselves: never translated. */
static const char *const advice_flags[ELMAN_N_ADVICE] = {
  [ELMAN_ADVICE_INIT_GLOROT] = "--init glorot",
  [ELMAN_ADVICE_NORMALIZE_ZSCORE] = "--normalize zscore",
  [ELMAN_ADVICE_TRANSFORM] = "--transform auto, diff or relative",
  [ELMAN_ADVICE_PRESET_RECOMMENDED] = "--preset recommended",
  [ELMAN_ADVICE_MORE_TRAINING] = "--auto, --ensemble or more --epochs",
  [ELMAN_ADVICE_LONGER_WINDOW] = "a longer window -T or --auto",
  [ELMAN_ADVICE_LARGER_TEST_PART] = "--test-fraction",
};

/**
 * elman_advice_format:
 *
 * Returns: (transfer full) (nullable): @advice as one translated
 *   sentence for @wording's reader; %NULL for %ELMAN_ADVICE_NONE
 */
char *
elman_advice_format (ElmanAdvice  advice,
                     ElmanWording wording)
{
  g_return_val_if_fail ((guint) advice < ELMAN_N_ADVICE, NULL);

  if (advice == ELMAN_ADVICE_NONE)
    return NULL;
  if (wording == ELMAN_WORDING_CLI)
    switch (advice_words[advice].cli)
      {
      case VERB_USE:
        return g_strdup_printf (_("Use %s."), advice_flags[advice]);
      case VERB_TRY:
        return g_strdup_printf (_("Try %s."), advice_flags[advice]);
      case VERB_RAISE:
      default:
        return g_strdup_printf (_("Raise %s."), advice_flags[advice]);
      }
  return g_strdup (_(advice_words[advice].app));
}

/**
 * elman_advice_append:
 * @message: a finding, one or more whole sentences
 *
 * Returns: (transfer full): @message followed by @advice for @wording's
 *   reader (just @message for %ELMAN_ADVICE_NONE)
 */
char *
elman_advice_append (const char   *message,
                     ElmanAdvice   advice,
                     ElmanWording  wording)
{
  g_autofree char *words = elman_advice_format (advice, wording);

  g_return_val_if_fail (message != NULL, NULL);

  if (words == NULL)
    return g_strdup (message);
  return g_strconcat (message, " ", words, NULL);
}
