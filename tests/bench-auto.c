/* bench-auto.c — how long --auto takes on a series of 5000 values
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automatic search, its ensemble, the choice against the simple
 * methods and the evaluation of the test part (elman_run(), as
 * `elman-cli train --auto -K 24` runs them) on a generated half-hourly-like
 * series: a daily season of 24, a weekly one of 168, AR(1) noise. Prints
 * the wall and CPU time, the load average (the machine is shared), what
 * was chosen and the test MASE. The target is at most 10 s of wall time
 * on an otherwise idle 2-core machine; this reports, it does not fail.
 *
 *   bench-auto [N]          (default N = 5000)
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "elman-rng.h"
#include "elman-run.h"

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         (double) usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

int
main (int    argc,
      char **argv)
{
  gsize n = argc > 1 ? (gsize) g_ascii_strtoull (argv[1], NULL, 10) : 5000;
  g_autofree double *values = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const ElmanEvaluation *ev;
  const ElmanAutoChoice *choice;
  ElmanRunOptions options = { 0 };
  ElmanRng rng;
  double x = 0, loads[3] = { 0 }, cpu0, wall;
  gint64 start;

  if (n < 500)
    n = 500;
  values = g_new (double, n);
  elman_rng_init (&rng, 17);
  for (gsize i = 0; i < n; i++)
    {
      double u1 = 1.0 - elman_rng_next_double (&rng), u2 = elman_rng_next_double (&rng);

      x = 0.7 * x + sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
      values[i] = 100 + 20 * sin (2 * G_PI * i / 24) + 5 * sin (2 * G_PI * i / 168) + x;
    }
  series = elman_series_new_from_values (values, NULL, n, ELMAN_FREQUENCY_NONE, "bench-auto");

  elman_config_init (&options.config, ELMAN_PRESET_RECOMMENDED);
  options.config.horizon = 24;
  options.auto_search = TRUE;
  options.evaluate = TRUE;
  options.forecast_steps = 24;

  cpu0 = cpu_seconds ();
  start = g_get_monotonic_time ();
  result = elman_run (series, &options, NULL, NULL, NULL, &error);
  wall = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  if (result == NULL)
    {
      fprintf (stderr, "bench-auto: %s\n", error->message);
      return 1;
    }
  if (getloadavg (loads, 3) < 0)
    loads[0] = NAN;

  ev = elman_run_result_get_evaluation (result);
  choice = elman_run_result_get_choice (result);
  printf ("--auto on %zu values, K = 24: %.2f s wall, %.2f s CPU (load average %.2f); target 10 s wall: %s\n",
          n, wall, cpu_seconds () - cpu0, loads[0], wall <= 10 ? "met" : "not met here");
  printf ("  %u settings searched; forecast by %s; test MASE %.4f (seasonal naive %.4f)\n",
          elman_run_result_get_candidates (result)->len,
          choice == NULL || choice->kind == ELMAN_AUTO_CHOICE_NETWORK ? "the networks"
          : choice->kind == ELMAN_AUTO_CHOICE_COMBINED ? "networks and a simple method" : "a simple method",
          ev ? ev->scores[ELMAN_FORECASTER_MODEL].mase : NAN,
          ev ? ev->scores[ELMAN_FORECASTER_SEASONAL_NAIVE].mase : NAN);
  return 0;
}
