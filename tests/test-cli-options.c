/* test-cli-options.c — elman-cli train's flags follow the parameter table
 * and the registered enums
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cli-test-util.h"
#include "elman-enum-types.h"
#include "elman-params.h"
#include "elman-series-loader.h"

/* The series does not exist: a command line that parses fails on the
 * file (status 1), one that does not fails on the flag (status 2). */
#define MISSING_SERIES "/nonexistent/elman-test-series.csv"

/* Runs `train --NICK=VALUE` and returns the exit status; @err gets stderr. */
static int
run_flag (ElmanParam   param,
          double       value,
          char       **err)
{
  const ElmanParamInfo *info = elman_param_get_info (param);
  g_autofree char *number = elman_param_format (param, value);
  g_autofree char *flag = g_strdup_printf ("--%s=%s", info->nick, number);
  g_autofree char *out = NULL;

  g_test_message ("%s", flag);
  return cli_run (&out, err, "train", flag, MISSING_SERIES, NULL);
}

static void
test_param_ranges (CliFixture    *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < ELMAN_N_PARAMS; i++)
    {
      const ElmanParamInfo *info = elman_param_get_info ((ElmanParam) i);
      g_autofree char *flag = g_strconcat ("--", info->nick, NULL);
      double below, above;

      if (info->kind == ELMAN_PARAM_UINT64)
        {
          g_autofree char *out = NULL, *err = NULL;

          /* Every 64-bit seed is accepted (the table's maximum as a
           * double rounds up to 2^64), and nothing beyond. */
          g_assert_cmpint (cli_run (&out, &err, "train", "--seed=0", MISSING_SERIES, NULL), ==, 1);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_assert_cmpint (cli_run (&out, &err, "train", "--seed=18446744073709551615", MISSING_SERIES, NULL), ==, 1);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_assert_cmpint (cli_run (&out, &err, "train", "--seed=18446744073709551616", MISSING_SERIES, NULL), ==, 2);
          g_assert_nonnull (strstr (err, "--seed"));
          continue;
        }

      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *err = NULL;

          g_assert_cmpint (run_flag ((ElmanParam) i, j == 0 ? info->min : info->max, &err), ==, 1);
          g_assert_nonnull (strstr (err, "cannot open"));
        }

      if (info->kind == ELMAN_PARAM_UINT)
        {
          below = info->min - 1;
          above = info->max + 1;
        }
      else
        {
          below = nextafter (info->min, -INFINITY);
          above = nextafter (info->max, INFINITY);
        }
      if (below >= 0 || info->kind == ELMAN_PARAM_DOUBLE)
        {
          g_autofree char *err = NULL;

          g_assert_cmpint (run_flag ((ElmanParam) i, below, &err), ==, 2);
          g_assert_nonnull (strstr (err, flag));
        }
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (run_flag ((ElmanParam) i, above, &err), ==, 2);
        g_assert_nonnull (strstr (err, flag));
      }
    }
}

static void
test_enum_flags (CliFixture    *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *flag;
    GType     (*get_type) (void);
  } flags[] = {
    { "--preset", elman_preset_get_type },
    { "--init", elman_init_get_type },
    { "--gradient", elman_gradient_get_type },
    { "--loss", elman_loss_get_type },
    { "--optimizer", elman_optimizer_get_type },
    { "--normalize", elman_normalize_get_type },
    { "--transform", elman_transform_get_type },
    { "--missing", elman_missing_policy_get_type },
  };
  g_autofree char *help = NULL, *help_err = NULL;

  g_assert_cmpint (cli_run (&help, &help_err, "train", "--help", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      GType type = flags[i].get_type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      g_autofree char *choices = elman_enum_list_nicks (type, ", ");
      g_autofree char *bad = g_strconcat (flags[i].flag, "=no-such-choice", NULL);
      g_autofree char *out = NULL, *err = NULL;

      for (guint j = 0; j < klass->n_values; j++)
        {
          g_autofree char *arg = g_strconcat (flags[i].flag, "=", klass->values[j].value_nick, NULL);
          g_autofree char *o = NULL, *e = NULL;

          g_test_message ("%s", arg);
          g_assert_cmpint (cli_run (&o, &e, "train", arg, MISSING_SERIES, NULL), ==, 1);
        }

      /* A wrong name is refused with the whole list of names. */
      g_assert_cmpint (cli_run (&out, &err, "train", bad, MISSING_SERIES, NULL), ==, 2);
      g_assert_nonnull (strstr (err, choices));
    }

  /* --help lists the choices from the enums where it names them. */
  {
    g_autofree char *transforms = elman_enum_list_nicks (ELMAN_TYPE_TRANSFORM, ", ");
    g_autofree char *normalizations = elman_enum_list_nicks (ELMAN_TYPE_NORMALIZE, ", ");

    g_assert_nonnull (strstr (help, transforms));
    g_assert_nonnull (strstr (help, normalizations));
  }
}

/* A number too small or too large for a double is still a number: the
 * message gives the range, not "is not a number". */
static void
test_number_out_of_range (CliFixture    *f,
                          gconstpointer  data)
{
  const char *values[] = { "1e-308", "1e-400", "1e400", "-1e999" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_test_message ("-e %s", values[i]);
      g_assert_cmpint (cli_run (&out, &err, "train", "-e", values[i], MISSING_SERIES, NULL), ==, 2);
      g_assert_nonnull (strstr (err, "outside the range"));
      g_assert_null (strstr (err, "not a number"));
    }
}

/* A model file fixes the transform, season and normalization and is one
 * network: a flag choosing them is refused with --init-model, naming
 * both flags, instead of being ignored. */
static void
test_init_model_conflicts (CliFixture    *f,
                           gconstpointer  data)
{
  const char *conflicts[][2] = {
    { "--transform", "diff" }, { "--normalize", "minmax" }, { "--season", "12" },
    { "--ensemble", "3" }, { "--auto", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (conflicts); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *first_line = NULL;

      g_assert_cmpint (cli_run (&out, &err, "train", "--init-model", "/nonexistent/model.json",
                                conflicts[i][0], conflicts[i][1] ? conflicts[i][1] : MISSING_SERIES,
                                conflicts[i][1] ? MISSING_SERIES : NULL, NULL), ==, 2);
      first_line = g_strndup (err, strcspn (err, "\n"));
      g_test_message ("%s", first_line);
      g_assert_nonnull (strstr (first_line, "--init-model"));
      g_assert_nonnull (strstr (first_line, conflicts[i][0]));
    }
}

/* A season longer than half the training part is refused, with the limit. */
static void
test_season_limit (CliFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("value\n");
  g_autofree char *series = NULL;
  g_autofree char *out = NULL, *err = NULL;

  for (int i = 0; i < 144; i++)
    g_string_append_printf (csv, "%d\n", 100 + i % 12 * 3 + i);
  series = cli_fixture_write (f, "s.csv", csv->str);

  /* 144 values, a test part of 29: 115 training values, at most 57. */
  g_assert_cmpint (cli_run (&out, &err, "train", "--season", "100000", "--epochs", "2", "--quiet",
                            series, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "m = 100000"));
  g_assert_nonnull (strstr (err, "at most half of them, 57"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (&out, &err, "train", "--season", "58", "--epochs", "2", "--quiet", series, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (&out, &err, "train", "--season", "57", "--epochs", "2", "--quiet", series, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cli_test_init (argc, argv);

  CLI_TEST_ADD ("/elman/cli-options/param-ranges", test_param_ranges);
  CLI_TEST_ADD ("/elman/cli-options/enum-flags", test_enum_flags);
  CLI_TEST_ADD ("/elman/cli-options/number-out-of-range", test_number_out_of_range);
  CLI_TEST_ADD ("/elman/cli-options/init-model-conflicts", test_init_model_conflicts);
  CLI_TEST_ADD ("/elman/cli-options/season-limit", test_season_limit);

  return g_test_run ();
}
