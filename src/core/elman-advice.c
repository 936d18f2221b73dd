/* elman-advice.c — what to change, worded for the reader's interface
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-config"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "elman-advice.h"

/* Each advice twice, one sentence each: with the app's labels (the
 * sidebar's own words, so that they translate the same) and with
 * elman-cli's flags (the flags themselves stay as they are). */
static const struct
{
  const char *app;
  const char *cli;
} advice_words[ELMAN_N_ADVICE] = {
  [ELMAN_ADVICE_NONE] = { NULL, NULL },
  [ELMAN_ADVICE_INIT_GLOROT] = {
    N_("Set Advanced › Initialization to Glorot uniform."),
    N_("Use --init glorot.") },
  [ELMAN_ADVICE_NORMALIZE_ZSCORE] = {
    N_("Set Advanced › Normalization to Z-score."),
    N_("Use --normalize zscore.") },
  [ELMAN_ADVICE_TRANSFORM] = {
    N_("Set Advanced › Transform to Automatic, Differences or Relative to window."),
    N_("Use --transform auto, diff or relative.") },
  [ELMAN_ADVICE_PRESET_RECOMMENDED] = {
    N_("Choose the Recommended preset."),
    N_("Try --preset recommended.") },
  [ELMAN_ADVICE_MORE_TRAINING] = {
    N_("Try Find Settings Automatically, a larger Ensemble Size (R), or more Epochs."),
    N_("Try --auto, an ensemble (--ensemble), or more --epochs.") },
  [ELMAN_ADVICE_LONGER_WINDOW] = {
    N_("Try a longer Window (T), or Find Settings Automatically."),
    N_("Try a longer window -T, or --auto.") },
  [ELMAN_ADVICE_LARGER_TEST_PART] = {
    N_("Make the Test Part larger."),
    N_("Raise --test-fraction.") },
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
    return g_strdup (_(advice_words[advice].cli));
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
