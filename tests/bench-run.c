/* bench-run.c — elman-cli train end to end against its epochs and its load
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each case (n values of the 10-million-row CSV that bench-loader
 * generates, hidden units J; 2 truncated epochs, default outputs), side
 * by side:
 *   - load + epochs: a child process loads the series with the CLI's
 *     options and runs the CLI's trainer for its epochs, nothing else;
 *   - end to end: `elman-cli train CSV -J J -n 2 --gradient truncated`
 *     (load, training, evaluation, the report).
 * Wall and CPU seconds of each (CPU: all threads, from wait4), the end
 * to end's maximum resident size, the ratio against the target 1.2 and
 * the load average beside each line: the machine is shared, so CPU time
 * is the steadier figure.
 *
 *   bench-run ELMAN_CLI BENCH_LOADER CSV [MAX_N]
 *   bench-run --part CSV J OUT     (the load + epochs child)
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "elman-cli-options.h"
#include "elman-series-loader.h"
#include "elman-trainer.h"

#define EPOCHS "2"

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
load_average (char *buf,
              gsize size)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (text, " ", 4);

      g_snprintf (buf, size, "%s %s %s", parts[0], parts[1], parts[2]);
    }
  else
    g_strlcpy (buf, "?", size);
}

/* The child: the CLI's load and epochs, timed apart. */
static int
run_part (const char *csv,
          const char *hidden,
          const char *out)
{
  g_auto(ElmanCliTrainOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanTrainer) trainer = NULL;
  g_autofree char *help = NULL;
  g_autofree char *text = NULL;
  char *argv[] = { "train", (char *) csv, "-J", (char *) hidden, "-n", EPOCHS, "--gradient", "truncated", NULL };
  double w0, c0, load_wall, load_cpu;

  if (!elman_cli_parse_train (G_N_ELEMENTS (argv) - 1, argv, &options, &help, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  options.load.min_length = (gsize) options.config.window + options.config.horizon;

  w0 = g_get_monotonic_time () / 1e6, c0 = cpu_seconds ();
  series = elman_series_load (csv, &options.load, NULL, &error);
  if (series == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  load_wall = g_get_monotonic_time () / 1e6 - w0, load_cpu = cpu_seconds () - c0;

  w0 = g_get_monotonic_time () / 1e6, c0 = cpu_seconds ();
  trainer = elman_trainer_new (&options.config, series->values, series->n, NULL, &error);
  while (trainer != NULL && !elman_trainer_is_done (trainer))
    if (!elman_trainer_step (trainer, NULL, &error))
      break;
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  text = g_strdup_printf ("%.6f %.6f %.6f %.6f\n", load_wall, load_cpu,
                          g_get_monotonic_time () / 1e6 - w0, cpu_seconds () - c0);
  if (!g_file_set_contents (out, text, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* Runs @argv to its end: wall and CPU seconds, peak resident bytes. */
static gboolean
run_child (char   **argv,
           double  *wall,
           double  *cpu,
           double  *rss)
{
  g_autoptr(GError) error = NULL;
  struct rusage ru;
  GPid pid;
  int status;
  gint64 t0 = g_get_monotonic_time ();

  if (!g_spawn_async (NULL, argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  if (wait4 (pid, &status, 0, &ru) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed\n", argv[0]);
      return FALSE;
    }
  *wall = (g_get_monotonic_time () - t0) / 1e6;
  *cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  *rss = ru.ru_maxrss * 1024.0;
  return TRUE;
}

/* The first @n values of the big CSV, as a file of their own. */
static gboolean
write_prefix (const char *csv,
              gsize       n,
              const char *path)
{
  FILE *in, *out;
  char line[256];
  gsize rows = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  in = fopen (csv, "r");
  out = fopen (path, "w");
  if (in == NULL || out == NULL)
    {
      if (in)
        fclose (in);
      if (out)
        fclose (out);
      return FALSE;
    }
  while (rows <= n && fgets (line, sizeof line, in) != NULL)
    {
      fputs (line, out);
      rows++;
    }
  fclose (in);
  return fclose (out) == 0;
}

int
main (int   argc,
      char *argv[])
{
  const struct { gsize n; guint J; } cases[] = {
    { 100000, 16 }, { 100000, 64 }, { 1000000, 64 }, { 10000000, 16 }, { 10000000, 64 },
  };
  g_autofree char *self = NULL;
  gsize max_n = G_MAXSIZE;

  if (argc == 5 && strcmp (argv[1], "--part") == 0)
    return run_part (argv[2], argv[3], argv[4]);
  if (argc < 4)
    {
      g_printerr ("usage: bench-run ELMAN_CLI BENCH_LOADER CSV [MAX_N]\n");
      return 2;
    }
  if (argc > 4)
    max_n = g_ascii_strtoull (argv[4], NULL, 10);
  self = g_canonicalize_filename (argv[0], NULL);

  if (!g_file_test (argv[3], G_FILE_TEST_EXISTS))
    {
      char *gen[] = { argv[2], "--runs", "1", argv[3], NULL };
      double wall, cpu, rss;

      g_print ("generating %s with bench-loader...\n", argv[3]);
      if (!run_child (gen, &wall, &cpu, &rss))
        return 1;
    }

  g_print ("%-9s %3s | %-23s | %-23s | %-23s | %8s | %-11s | %s\n", "n", "J", "load wall/CPU s",
           "epochs wall/CPU s", "end to end wall/CPU s", "max RSS", "e2e/(l+e)", "load average");
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *csv = NULL;
      g_autofree char *hidden = g_strdup_printf ("%u", cases[c].J);
      g_autofree char *out = g_build_filename (g_get_tmp_dir (), "bench-run-XXXXXX", NULL);
      g_autofree char *text = NULL;
      double lw, lc, ew, ec, pw, pc, prss, w, cpu, rss;
      char load[64];
      int fd;

      if (cases[c].n > max_n)
        continue;
      csv = cases[c].n >= 10000000 ? g_strdup (argv[3]) : g_strdup_printf ("%s-%zu.csv", argv[3], cases[c].n);
      if (!write_prefix (argv[3], cases[c].n, csv))
        {
          g_printerr ("%s: cannot write\n", csv);
          return 1;
        }
      fd = g_mkstemp (out);
      if (fd < 0)
        return 1;
      close (fd);

      {
        char *part[] = { self, "--part", csv, hidden, out, NULL };
        char *cli[] = { argv[1], "train", csv, "-J", hidden, "-n", EPOCHS, "--gradient", "truncated", NULL };

        if (!run_child (part, &pw, &pc, &prss) || !g_file_get_contents (out, &text, NULL, NULL) ||
            sscanf (text, "%lf %lf %lf %lf", &lw, &lc, &ew, &ec) != 4)
          return 1;
        g_unlink (out);
        if (!run_child (cli, &w, &cpu, &rss))
          return 1;
      }
      load_average (load, sizeof load);
      g_print ("%-9zu %3u | %10.2f / %10.2f | %10.2f / %10.2f | %10.2f / %10.2f | %4.0f MiB | %4.2f / %4.2f | %s\n",
               cases[c].n, cases[c].J, lw, lc, ew, ec, w, cpu, rss / 1048576, w / (lw + ew), cpu / (lc + ec), load);
    }
  g_print ("targets: end to end <= 1.2 x (load + epochs); n = 10 000 000, J = 64: <= 3 s wall and <= 300 MiB\n");
  return 0;
}
