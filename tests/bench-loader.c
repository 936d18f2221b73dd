/* bench-loader.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loads a 10-million-row "date,value" CSV and prints the time and the
 * peak resident memory against the size of the parsed data (values and
 * times).  The file is generated once, next to the binary, if missing.
 * bench-loader.py runs this and pandas.read_csv on the same file.
 *
 *   bench-loader [--rows N] [--runs R] [FILE]
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "elman-series-loader.h"

static gboolean
generate (const char *path,
          gint64      rows,
          GError    **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  FILE *f = g_fopen (tmp, "wb");
  static char buf[1 << 20];
  char date[32] = "";
  /* 2000-01-01T00:00:00, one row a minute: 10 million rows end in 2019,
   * within the datetime64[ns] range, so pandas parses the dates too. */
  gint64 t = 946684800;
  guint32 state = 12345;

  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", tmp, g_strerror (errno));
      return FALSE;
    }
  setvbuf (f, buf, _IOFBF, sizeof buf);
  fputs ("date,value\n", f);
  for (gint64 i = 0; i < rows; i++, t += 60)
    {
      g_autoptr(GDateTime) dt = NULL;
      gint64 days = t / 86400;
      int secs = (int) (t % 86400);
      double v;

      /* a seasonal signal with noise, 3 decimals */
      state = state * 1664525u + 1013904223u;
      v = 100 + 50 * sin ((double) i * 2 * G_PI / 1440) + (state >> 8) / 167772.16;
      if (i == 0 || secs == 0)
        {
          dt = g_date_time_new_from_unix_utc (days * 86400);
          /* the date changes once a day */
          g_snprintf (date, sizeof date, "%04d-%02d-%02d",
                      g_date_time_get_year (dt), g_date_time_get_month (dt),
                      g_date_time_get_day_of_month (dt));
        }
      fprintf (f, "%sT%02d:%02d:00,%.3f\n", date, secs / 3600, secs / 60 % 60, v);
    }
  if (fclose (f) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", tmp, g_strerror (errno));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  gint64 rows = 10000000;
  int runs = 3;
  const char *path = "bench-loader-10M.csv";
  double best = INFINITY;
  gsize n = 0, data_bytes = 0;
  struct rusage ru;
  GStatBuf st;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "Rows to generate", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Loads to time (the best counts)", "R" },
    { NULL }
  };

  context = g_option_context_new ("[FILE]");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 1)
    path = argv[1];

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gint64 t0 = g_get_monotonic_time ();

      g_print ("generating %s (%" G_GINT64_FORMAT " rows)...\n", path, rows);
      if (!generate (path, rows, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("generated in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
    }
  if (g_stat (path, &st) != 0)
    {
      g_printerr ("%s: %s\n", path, g_strerror (errno));
      return 1;
    }

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(ElmanSeries) series = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double seconds;

      series = elman_series_load (path, NULL, NULL, &error);
      seconds = (g_get_monotonic_time () - t0) / 1e6;
      if (series == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      best = MIN (best, seconds);
      n = series->n;
      data_bytes = n * sizeof (double) * (series->times != NULL ? 2 : 1);
      g_print ("run %d: %.3f s (%" G_GSIZE_FORMAT " rows, %s)\n", r + 1, seconds, n,
               elman_frequency_to_string (series->frequency));
    }

  getrusage (RUSAGE_SELF, &ru);
  g_print ("file_bytes=%" G_GINT64_FORMAT "\n", (gint64) st.st_size);
  g_print ("rows=%" G_GSIZE_FORMAT "\n", n);
  g_print ("seconds=%.3f\n", best);
  g_print ("mb_per_second=%.0f\n", st.st_size / best / 1e6);
  g_print ("data_bytes=%" G_GSIZE_FORMAT "\n", data_bytes);
  g_print ("peak_rss_bytes=%ld\n", ru.ru_maxrss * 1024L);
  g_print ("rss_ratio=%.2f\n", ru.ru_maxrss * 1024.0 / (double) data_bytes);
  return 0;
}
