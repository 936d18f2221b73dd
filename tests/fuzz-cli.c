/* fuzz-cli.c — libFuzzer target for elman-cli's option parser
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The input is a command line: the bytes are split into arguments at
 * every NUL and newline, argv[0] is "elman-cli train", and the result is
 * handed to elman_cli_parse_train(), exactly what `elman-cli train` runs.
 * The parser must either accept the line, giving a configuration that
 * elman_config_validate() accepts and a series file, or refuse it with
 * a message; it must never crash or leak, whatever the arguments hold
 * (repeated flags, flags without values, non-UTF-8 bytes, huge numbers).
 *
 * Built twice: with -fsanitize=fuzzer by build-aux/fuzz.sh (clang), and
 * with tests/fuzz-replay.c as an ordinary test that replays the corpus
 * in tests/corpus/cli/.
 */

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "elman-cli-options.h"
#include "elman-config.h"

/* More arguments than any real command line needs; a longer input is
 * cut here so that each run stays fast. */
#define MAX_ARGS 128

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GPtrArray *
split_arguments (const uint8_t *data,
                 size_t         size)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  size_t start = 0;

  g_ptr_array_add (args, g_strdup ("elman-cli train"));
  for (size_t i = 0; i <= size && args->len < MAX_ARGS; i++)
    if (i == size || data[i] == '\0' || data[i] == '\n')
      {
        /* An empty argument is a real possibility ("" on a shell line),
         * except for the one after a final separator. */
        if (i < size || i > start)
          g_ptr_array_add (args, g_strndup ((const char *) data + start, i - start));
        start = i + 1;
      }
  g_ptr_array_add (args, NULL);
  return args;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) args = split_arguments (data, size);
  g_auto(ElmanCliTrainOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;
  gboolean ok;

  ok = elman_cli_parse_train ((int) args->len - 1, (char **) args->pdata, &options, &help, &error);
  if (!ok)
    {
      g_assert_nonnull (error);
      /* GOption's own errors, a value the configuration refuses, or an
       * argument that is not text in the locale's encoding. */
      g_assert_true (error->domain == G_OPTION_ERROR || error->domain == ELMAN_CONFIG_ERROR ||
                     error->domain == G_CONVERT_ERROR);
      g_assert_cmpuint (strlen (error->message), >, 0);
      return 0;
    }
  g_assert_no_error (error);

  if (help)
    {
      /* --help documents every flag and the exit statuses. */
      g_assert_nonnull (strstr (help, "--learning-rate"));
      return 0;
    }

  /* An accepted command line names one series file and gives a
   * configuration the trainer accepts. */
  g_assert_nonnull (options.series_path);
  g_assert_true (elman_config_validate (&options.config, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (options.config.window, >=, 1);
  g_assert_cmpuint (options.config.horizon, >=, 1);
  g_assert_cmpuint (options.config.hidden, >=, 1);
  g_assert_true (isfinite (options.config.learning_rate) && options.config.learning_rate > 0);
  g_assert_true (options.config.test_fraction >= 0 && options.config.test_fraction < 1);
  g_assert_cmpint (options.plot_width, >=, 16);
  g_assert_cmpint (options.plot_height, >=, 16);

  return 0;
}
