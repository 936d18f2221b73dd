/* elman-series-loader.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading a series out of whatever a user's instrument, spreadsheet or
 * database exported.
 *
 * The file is mapped (GMappedFile) and read in place: a record reader
 * walks the bytes once, splitting RFC 4180 records (quotes, doubled
 * quotes, line ends inside quotes; LF, CRLF and CR) into fields that
 * point into the mapping, validating UTF-8 as it goes.  A first pass over
 * the opening records ("the sample") detects the delimiter, the decimal
 * mark, the header and the column types; the main pass then only parses
 * the two fields it needs per record (time and value) with a locale-free
 * number parser.  Large files without quotes are split at a line end and
 * read by two threads; pages already read are handed back to the kernel
 * so that peak memory stays close to the size of the parsed arrays.
 * Pipes, devices and small files are read instead of mapped: at most
 * ELMAN_LOADER_STREAM_LIMIT bytes, and only up to the first byte that text
 * never holds, so /dev/zero is refused at once.
 *
 * Every refusal names the file, the line and what was found.  Errors are
 * collected as (line, text) and only formatted as "file:line: text" at the
 * end, because the second thread does not know its first line number
 * until the first one is done.
 */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "elman-file.h"
#include "elman-series-loader-private.h"

void
elman_load_options_init (ElmanLoadOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->missing = ELMAN_MISSING_ERROR;
}

void
elman_series_info_free (ElmanSeriesInfo *info)
{
  if (info == NULL)
    return;
  if (info->columns != NULL)
    {
      for (guint i = 0; i < info->columns->len; i++)
        g_free (g_array_index (info->columns, ElmanColumnInfo, i).name);
      g_array_unref (info->columns);
    }
  g_free (info->time_note);
  g_free (info->layout_note);
  g_free (info);
}

/**
 * elman_series_info_describe_missing:
 *
 * Returns: (transfer full): where the missing values are, "line 3" or
 *   "lines 3, 5, 9, …" (the first ELMAN_MISSING_LINES_SHOWN of them)
 */
char *
elman_series_info_describe_missing (const ElmanSeriesInfo *info)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gsize shown;

  g_return_val_if_fail (info != NULL, NULL);

  shown = MIN (info->n_missing, (gsize) ELMAN_MISSING_LINES_SHOWN);
  g_string_append (s, g_dngettext (GETTEXT_PACKAGE, "line", "lines", info->n_missing));
  for (gsize k = 0; k < shown; k++)
    g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, k > 0 ? ", " : " ", info->missing_lines[k]);
  if (info->n_missing > shown)
    g_string_append (s, ", …");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
elman_loader_fail (GError     **error,
                   int          code,
                   const char  *name,
                   guint64      line,
                   const char  *format,
                   ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, ELMAN_SERIES_ERROR, code, "%s:%" G_GUINT64_FORMAT ": %s",
                 name, line, msg);
  else
    g_set_error (error, ELMAN_SERIES_ERROR, code, "%s: %s", name, msg);
}

/* Linear interpolation over the index; missing values before the first
 * or after the last known one take the nearest known value. */
static gsize
interpolate (double *v,
             gsize   n)
{
  gsize filled = 0;
  gssize prev = -1;

  for (gsize i = 0; i <= n; i++)
    {
      if (i < n && isnan (v[i]))
        continue;
      if (prev + 1 < (gssize) i)
        {
          for (gsize k = (gsize) (prev + 1); k < i; k++)
            {
              if (prev < 0)
                v[k] = v[i];
              else if (i == n)
                v[k] = v[prev];
              else
                v[k] = v[prev] + (v[i] - v[prev]) * (double) (k - (gsize) prev)
                                                    / (double) (i - (gsize) prev);
              filled++;
            }
        }
      prev = (gssize) i;
    }
  return filled;
}

/* Where the data begin: after the header (and blank records before it)
 * or at the start. */
static const char *
find_body (const ElmanLexer *lx,
           const char       *p,
           const char       *end,
           guint64           first_line,
           gboolean          header,
           guint64          *body_line)
{
  const char *body;
  ElmanCursor c;

  elman_loader_cursor_init (&c, lx, p, end, first_line);
  if (header)
    {
      int r;

      do
        r = elman_loader_cursor_next (&c);
      while (r > 0 && elman_loader_cursor_record_blank (&c));
    }
  body = c.p;
  *body_line = c.line;
  elman_loader_cursor_clear (&c);
  return body;
}

/* Average record length over the first records, to size the arrays once. */
static gsize
average_record_bytes (const ElmanLexer *lx,
                      const char       *body,
                      const char       *end,
                      guint64           body_line)
{
  ElmanCursor c;
  gsize sample_bytes;
  guint k = 0;

  elman_loader_cursor_init (&c, lx, body, end, body_line);
  while (k < 64 && elman_loader_cursor_next (&c) > 0)
    k++;
  sample_bytes = (gsize) (c.p - body);
  elman_loader_cursor_clear (&c);
  if (k > 0 && sample_bytes / k > 0)
    return sample_bytes / k;
  return 16;
}

/* The main pass over the body, split at a line end into two chunks read
 * by two threads when the body is large and has no quotes (a quoted line
 * end would make the split ambiguous).  Returns the number of chunks. */
static int
read_body (const ElmanLexer    *lx,
           const ElmanLoadPlan *plan,
           const char          *body,
           const char          *end,
           guint64              body_line,
           gboolean             discard,
           ElmanLoadChunk       chunks[2])
{
  gsize body_len = (gsize) (end - body);
  gsize avg = average_record_bytes (lx, body, end, body_line);
  const char *split = NULL;
  int n_chunks = 1;

  if (body_len >= SPLIT_MIN_BYTES && memchr (body, '"', body_len) == NULL)
    {
      split = memchr (body + body_len / 2, '\n', body_len - body_len / 2);
      if (split != NULL)
        {
          split++;
          if (split >= end)
            split = NULL;
        }
    }

  chunks[0].start = body;
  chunks[0].end = split != NULL ? split : end;
  chunks[0].line0 = body_line;
  if (split != NULL)
    {
      n_chunks = 2;
      chunks[1].start = split;
      chunks[1].end = end;
      chunks[1].line0 = 1;
    }

  for (int k = 0; k < n_chunks; k++)
    {
      ElmanLoadChunk *ck = &chunks[k];
      gsize bytes = (gsize) (ck->end - ck->start);
      gsize cap = bytes / avg + bytes / avg / 16 + 16;

      ck->lx = lx;
      ck->plan = plan;
      cap = MIN (cap, bytes / 2 + 2);
      ck->cap = cap;
      ck->values = g_new (double, cap);
      if (plan->tcol >= 0)
        ck->times = g_new (double, cap);
      if (discard)
        {
          ck->discard = TRUE;
          ck->map_start = (const char *) (((guintptr) ck->start + 4095) & ~(guintptr) 4095);
        }
    }

  if (n_chunks == 2)
    {
      GThread *thread = g_thread_new ("elman-loader", elman_loader_parse_chunk, &chunks[1]);

      elman_loader_parse_chunk (&chunks[0]);
      g_thread_join (thread);
    }
  else
    elman_loader_parse_chunk (&chunks[0]);
  return n_chunks;
}

/* The first error in file order, with its line counted from the start. */
static gboolean
chunks_check (const ElmanLoadChunk chunks[2],
              int                  n_chunks,
              const char          *name,
              GError             **error)
{
  for (int k = 0; k < n_chunks; k++)
    if (chunks[k].err.msg != NULL)
      {
        guint64 line = chunks[k].err.line;

        if (k == 1)
          line += chunks[0].line_end - 1;
        elman_loader_fail (error, chunks[k].err.code, name, line, "%s", chunks[k].err.msg);
        return FALSE;
      }
  return TRUE;
}

/* Appends the second chunk to the first and trims the arrays.  Returns
 * the number of values. */
static gsize
chunks_join (ElmanLoadChunk chunks[2],
             int            n_chunks)
{
  ElmanLoadChunk *a = &chunks[0], *b = &chunks[1];
  gsize n = a->n + (n_chunks == 2 ? b->n : 0);

  if (n_chunks == 2)
    {
      a->values = g_renew (double, a->values, n);
      memcpy (a->values + a->n, b->values, b->n * sizeof (double));
      g_clear_pointer (&b->values, g_free);
      if (a->times != NULL)
        {
          a->times = g_renew (double, a->times, n);
          memcpy (a->times + a->n, b->times, b->n * sizeof (double));
          g_clear_pointer (&b->times, g_free);
        }
      for (gsize k = 0; k < MIN (b->n_missing, (gsize) ELMAN_MISSING_LINES_SHOWN); k++)
        if (a->n_missing + k < ELMAN_MISSING_LINES_SHOWN)
          a->missing_lines[a->n_missing + k] = b->missing_lines[k] + a->line_end - 1;
      a->n_missing += b->n_missing;
      a->n_dropped += b->n_dropped;
      if (b->last_line > 0)
        a->last_line = b->last_line + a->line_end - 1;
      a->n = n;
    }
  else if (n > 0)
    {
      a->values = g_renew (double, a->values, n);
      if (a->times != NULL)
        a->times = g_renew (double, a->times, n);
    }
  return n;
}

/* Refuses what the pass read when it is unusable: nothing, only missing
 * values, or fewer values than asked for; fills in missing values. */

/* A series whose every value is below ELMAN_SERIES_SCALE_MIN in
 * magnitude, but not all zeros, is refused (the comment there says why);
 * the message names the line of its largest value. */
static gboolean
check_scale (const ElmanLoadChunk *ck,
             const ElmanLoadPlan  *plan,
             const char           *name,
             GError              **error)
{
  double largest = 0;
  gsize at = 0;

  for (gsize i = 0; i < ck->n; i++)
    if (fabs (ck->values[i]) > largest)
      {
        largest = fabs (ck->values[i]);
        at = i;
      }
  if (largest == 0 || largest >= ELMAN_SERIES_SCALE_MIN)
    return TRUE;
  elman_loader_fail (error, ELMAN_SERIES_ERROR_OUT_OF_RANGE, name, ck->last_line,
                     _("%severy value is below %s in magnitude (the largest, value %zu, is %.4g): "
                       "training would underflow; multiply the column by a power of ten"),
                     plan->vlabel, G_STRINGIFY (ELMAN_SERIES_SCALE_MIN), at + 1, ck->values[at]);
  return FALSE;
}

static gboolean
check_values (ElmanLoadChunk         *ck,
              const ElmanLoadPlan    *plan,
              const ElmanLoadOptions *opts,
              guint64                 body_line,
              const char             *name,
              gsize                  *n_interpolated,
              GError                **error)
{
  gsize n = ck->n;

  if (n == 0)
    {
      guint64 line = MAX (ck->last_line, body_line > 1 ? body_line - 1 : 1);

      if (ck->n_dropped > 0)
        elman_loader_fail (error, ELMAN_SERIES_ERROR_EMPTY, name, line,
                           _("no values left after dropping %lu rows with missing values"),
                           (unsigned long) ck->n_dropped);
      else
        elman_loader_fail (error, ELMAN_SERIES_ERROR_EMPTY, name, line, _("no data"));
      return FALSE;
    }

  if (plan->missing == ELMAN_MISSING_INTERPOLATE && ck->n_missing > 0)
    {
      if (ck->n_missing == n)
        {
          elman_loader_fail (error, ELMAN_SERIES_ERROR_MISSING, name, ck->last_line,
                             _("%severy value is missing"), plan->vlabel);
          return FALSE;
        }
      *n_interpolated = interpolate (ck->values, n);
    }

  if (!check_scale (ck, plan, name, error))
    return FALSE;

  if (opts->min_length > 0 && n < opts->min_length)
    {
      /* n ≥ 1 here and min_length > n, so only the first count can be 1 */
      if (opts->length_hint != NULL)
        elman_loader_fail (error, ELMAN_SERIES_ERROR_TOO_SHORT, name, ck->last_line,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "only %lu value; needs at least %lu values %s",
                                        "only %lu values; needs at least %lu values %s", n),
                           (unsigned long) n, (unsigned long) opts->min_length, opts->length_hint);
      else
        elman_loader_fail (error, ELMAN_SERIES_ERROR_TOO_SHORT, name, ck->last_line,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "only %lu value; needs at least %lu values",
                                        "only %lu values; needs at least %lu values", n),
                           (unsigned long) n, (unsigned long) opts->min_length);
      return FALSE;
    }
  return TRUE;
}


/* A header that names fewer columns than the rows have, in a comma-
 * separated file: "v" over "1,5" and "2,5" reads as two columns of whole
 * numbers, which is rarely what the file meant. Said, not refused: an
 * unnamed last column is also how some files are written. */
static char *
layout_note (const ElmanSeriesInfo *info)
{
  guint named = 0;

  if (!info->header || info->delimiter != ',' || info->columns->len < 2)
    return NULL;
  for (guint j = 0; j < info->columns->len; j++)
    {
      const char *name = g_array_index (info->columns, ElmanColumnInfo, j).name;

      named += name != NULL && name[0] != '\0';
    }
  if (named == 0 || named >= info->columns->len)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "the header names %u column but the rows have %u fields: if the numbers "
                                       "use decimal commas (\"1,5\"), the comma cannot also separate the fields",
                                       "the header names %u columns but the rows have %u fields: if the numbers "
                                       "use decimal commas (\"1,5\"), the comma cannot also separate the fields",
                                       named),
                          named, info->columns->len);
}

/* Minimum, maximum, mean and sum (Neumaier's compensated sum). */
static void
info_set_statistics (ElmanSeriesInfo *info,
                     const double    *values,
                     gsize            n)
{
  double sum = 0, comp = 0, lo = values[0], hi = values[0];

  for (gsize i = 0; i < n; i++)
    {
      double x = values[i];
      double t = sum + x;

      if (fabs (sum) >= fabs (x))
        comp += (sum - t) + x;
      else
        comp += (x - t) + sum;
      sum = t;
      lo = MIN (lo, x);
      hi = MAX (hi, x);
    }
  info->sum = sum + comp;
  info->mean = info->sum / (double) n;
  info->min = lo;
  info->max = hi;
}

static ElmanSeriesInfo *
make_info (const ElmanLayout    *layout,
           const ElmanLoadPlan  *plan,
           const ElmanLoadChunk *ck,
           gsize                 n_interpolated,
           ElmanFrequency        frequency)
{
  ElmanSeriesInfo *info = g_new0 (ElmanSeriesInfo, 1);

  info->delimiter = layout->lx.delim;
  info->decimal = layout->decimal;
  info->header = layout->header;
  info->columns = g_array_new (FALSE, TRUE, sizeof (ElmanColumnInfo));
  for (int j = 0; j < layout->n_columns; j++)
    {
      ElmanColumnInfo ci;

      ci.name = g_strdup (g_ptr_array_index (layout->names, j));
      ci.type = layout->stats[j].type;
      if (j == plan->vcol && ci.type == ELMAN_COLUMN_TEXT)
        ci.type = ELMAN_COLUMN_NUMERIC;
      g_array_append_val (info->columns, ci);
    }
  info->column = plan->vcol;
  info->time_column = plan->tcol;
  info->time_column2 = plan->tcol2;
  info->length = ck->n;
  info->n_missing = ck->n_missing;
  memcpy (info->missing_lines, ck->missing_lines, sizeof info->missing_lines);
  info->time_note = g_strdup (plan->time_note);
  info->layout_note = layout_note (info);
  info->wide = plan->wide;
  info->wide_read = plan->wide_read;
  info->n_interpolated = n_interpolated;
  info->n_dropped = ck->n_dropped;
  info->frequency = frequency;
  info->time_is_date = plan->tkind != TIME_KIND_PLAIN && plan->tkind != TIME_KIND_NONE;
  if (ck->times != NULL)
    {
      info->time_first = ck->times[0];
      info->time_last = ck->times[ck->n - 1];
    }
  info_set_statistics (info, ck->values, ck->n);
  return info;
}

static char *
time_text (const ElmanSeriesInfo *info,
           double                 t)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (info->time_is_date)
    return elman_format_time (t);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", t));
}

/* Times out of order or repeated are kept in file order (the series is
 * the file's rows), but said: the first of each, by value number. */
static void
note_time_order (ElmanSeriesInfo *info,
                 const double    *t,
                 gsize            n)
{
  g_autoptr(GString) note = g_string_new (info->time_note);
  gsize back = 0, same = 0, first_back = 0, first_same = 0;

  for (gsize i = 1; i < n; i++)
    {
      if (t[i] < t[i - 1] && back++ == 0)
        first_back = i;
      else if (t[i] == t[i - 1] && same++ == 0)
        first_same = i;
    }
  if (back > 0)
    {
      g_autofree char *a = time_text (info, t[first_back]);
      g_autofree char *b = time_text (info, t[first_back - 1]);

      g_string_append_printf (note, "%s", note->len > 0 ? "; " : "");
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 "times not in order: %lu step goes back (value %lu, %s after %s); "
                                                 "the values are used in file order",
                                                 "times not in order: %lu steps go back (first at value %lu, %s after %s); "
                                                 "the values are used in file order", back),
                              (unsigned long) back, (unsigned long) first_back + 1, a, b);
    }
  if (same > 0)
    {
      g_autofree char *a = time_text (info, t[first_same]);

      g_string_append_printf (note, "%s", note->len > 0 ? "; " : "");
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 "%lu repeated time (value %lu, %s)",
                                                 "%lu repeated times (first at value %lu, %s)", same),
                              (unsigned long) same, (unsigned long) first_same + 1, a);
    }
  g_free (info->time_note);
  info->time_note = note->len > 0 ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

/* Reads the body with @plan and makes the series. */
static ElmanSeries *
load_body (const char             *name,
           const ElmanLayout      *layout,
           const ElmanLoadPlan    *plan,
           const ElmanLoadOptions *opts,
           const char             *p,
           const char             *end,
           gboolean                discard,
           ElmanSeriesInfo       **info_out,
           GError                **error)
{
  ElmanLoadChunk chunks[2];
  ElmanSeriesInfo *info;
  ElmanSeries *series = NULL;
  ElmanFrequency frequency = ELMAN_FREQUENCY_NONE;
  gboolean month_end = FALSE;
  gsize n_interpolated = 0;
  guint64 body_line;
  const char *body;
  int n_chunks;
  gsize n;

  memset (chunks, 0, sizeof chunks);
  body = find_body (&layout->lx, p, end, layout->first_line, layout->header, &body_line);
  n_chunks = read_body (&layout->lx, plan, body, end, body_line, discard, chunks);
  if (!chunks_check (chunks, n_chunks, name, error))
    goto out;
  n = chunks_join (chunks, n_chunks);
  if (!check_values (&chunks[0], plan, opts, body_line, name, &n_interpolated, error))
    goto out;

  if (chunks[0].times != NULL)
    frequency = elman_loader_detect_frequency (chunks[0].times, n, plan->tkind != TIME_KIND_PLAIN,
                                               &month_end);
  info = make_info (layout, plan, &chunks[0], n_interpolated, frequency);
  info->month_end = month_end;
  if (chunks[0].times != NULL)
    note_time_order (info, chunks[0].times, n);

  series = elman_series_new_take (g_steal_pointer (&chunks[0].values),
                                  g_steal_pointer (&chunks[0].times), n, frequency,
                                  layout->header && !plan->wide_read
                                  ? g_ptr_array_index (layout->names, plan->vcol) : NULL,
                                  name);
  series->month_end = month_end;
  /* Plain numbers an hour, a day or a week apart are read as Unix times. */
  series->times_are_dates = series->times != NULL &&
                            (info->time_is_date || frequency == ELMAN_FREQUENCY_HOURLY ||
                             frequency == ELMAN_FREQUENCY_DAILY || frequency == ELMAN_FREQUENCY_WEEKLY);
  if (info_out != NULL)
    *info_out = info;
  else
    elman_series_info_free (info);

out:
  for (int k = 0; k < n_chunks; k++)
    elman_loader_chunk_clear (&chunks[k]);
  return series;
}

static ElmanSeries *
load (const char             *name,
      const char             *data,
      gsize                   length,
      const ElmanLoadOptions *opts,
      gboolean                discard,
      ElmanSeriesInfo       **info_out,
      GError                **error)
{
  ElmanLoadOptions defaults;
  const char *p = data;
  const char *end = data + length;
  ElmanLayout layout;
  ElmanLoadPlan plan = { 0, };
  ElmanSeries *series = NULL;

  if (opts == NULL)
    {
      elman_load_options_init (&defaults);
      opts = &defaults;
    }

  /* UTF-8 byte-order mark */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  elman_layout_init (&layout);
  /* lines before the data: a title, notes */
  for (guint k = 0; k < opts->skip_rows && p < end; k++)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));

      p = nl != NULL ? nl + 1 : end;
      layout.first_line++;
    }
  if (opts->delimiter != 0)
    elman_loader_lexer_init (&layout.lx, opts->delimiter);
  else
    elman_loader_lexer_init (&layout.lx, elman_loader_detect_delimiter (p, end, opts->decimal == ','));

  if (!elman_layout_read_sample (&layout, name, p, end, error))
    goto out;
  elman_layout_detect_decimal (&layout, opts);
  elman_layout_detect_columns (&layout, opts->header);
  if (layout.header && layout.sample->len == 1)
    {
      ElmanSampleRecord *first = g_ptr_array_index (layout.sample, 0);

      elman_loader_fail (error, ELMAN_SERIES_ERROR_EMPTY, name, first->line,
                         _("only a header, no data"));
      goto out;
    }
  if (!elman_loader_choose_columns (&layout, opts, &plan, name, error))
    goto out;

  series = load_body (name, &layout, &plan, opts, p, end, discard, info_out, error);

out:
  g_free (plan.vlabel);
  g_free (plan.tlabel);
  g_free (plan.time_note);
  elman_layout_clear (&layout);
  return series;
}

/**
 * elman_series_load_data:
 * @display_name: how messages name the data, e.g. the path
 * @data: (array length=length): the file's bytes (need not be
 *   nul-terminated)
 * @options: (nullable): %NULL for the defaults
 * @info: (out) (optional) (transfer full): what was detected
 *
 * Returns: (transfer full): the series, or %NULL with @error set to a
 *   one-line "name:line: what" message
 */
ElmanSeries *
elman_series_load_data (const char             *display_name,
                        const char             *data,
                        gsize                   length,
                        const ElmanLoadOptions *options,
                        ElmanSeriesInfo       **info,
                        GError                **error)
{
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info != NULL)
    *info = NULL;
  if (data == NULL)
    data = "";

  return load (display_name, data, length, options, FALSE, info, error);
}

/* A mapped file that another program truncates while it is parsed
 * faults (SIGBUS) on the pages past its new end. While a mapping is
 * parsed, a SIGBUS handler maps a page of zeros over a faulting page of
 * that mapping and notes it; the parser then meets NUL bytes and the load
 * is refused with a message instead of killing the program. Faults
 * elsewhere go to the handler that was there before. One guarded mapping
 * at a time (a mutex); the handler touches only these statics. */
static GMutex bus_guard_mutex;
static const char *volatile bus_guard_start;
static volatile gsize bus_guard_length;
static volatile sig_atomic_t bus_guard_faulted;
static gsize bus_guard_page;
static struct sigaction bus_previous;

static void
on_sigbus (int        signum,
           siginfo_t *info,
           void      *context)
{
  const char *addr = info->si_addr;
  const char *start = bus_guard_start;

  if (start != NULL && addr >= start && addr < start + bus_guard_length)
    {
      void *page = (void *) ((guintptr) addr & ~(guintptr) (bus_guard_page - 1));

      if (mmap (page, bus_guard_page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED)
        {
          bus_guard_faulted = 1;
          return;
        }
    }
  /* Not ours: restore the previous disposition; the access faults again
   * and gets it. */
  sigaction (SIGBUS, &bus_previous, NULL);
}

static void
bus_guard_begin (const char *start,
                 gsize       length)
{
  struct sigaction action;

  g_mutex_lock (&bus_guard_mutex);
  bus_guard_page = (gsize) sysconf (_SC_PAGESIZE);
  bus_guard_faulted = 0;
  bus_guard_length = length;
  bus_guard_start = start;
  memset (&action, 0, sizeof action);
  action.sa_sigaction = on_sigbus;
  action.sa_flags = SA_SIGINFO;
  sigemptyset (&action.sa_mask);
  sigaction (SIGBUS, &action, &bus_previous);
}

/* Returns TRUE when a page of the mapping faulted. */
static gboolean
bus_guard_end (void)
{
  gboolean faulted;

  sigaction (SIGBUS, &bus_previous, NULL);
  bus_guard_start = NULL;
  bus_guard_length = 0;
  faulted = bus_guard_faulted != 0;
  g_mutex_unlock (&bus_guard_mutex);
  return faulted;
}

/* Bytes that a text file never holds: control characters other than
 * tab and the line ends, and DEL.  The record reader refuses them too; the
 * reader below stops at the first one, so that /dev/zero or a binary
 * stream is refused after a few bytes instead of being read to the end. */
static gboolean
is_binary_byte (guint8 b)
{
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f;
}

static gsize stream_limit = ELMAN_LOADER_STREAM_LIMIT;

/* For tests: a smaller cap on what elman_series_load() reads from a file
 * that is not mapped.  Returns the previous cap. */
gsize
elman_loader_set_stream_limit (gsize bytes)
{
  gsize previous = stream_limit;

  stream_limit = bytes;
  return previous;
}

/* Reads a pipe, a device or a small file, at most the stream limit, and
 * only up to (and with) the first byte that cannot be text: what comes
 * after it is never looked at, since loading stops there. */
static GByteArray *
read_stream (int         fd,
             const char *path,
             gsize       size_hint,
             GError    **error)
{
  int code;
  GByteArray *bytes = elman_file_read_fd (fd, stream_limit, size_hint, is_binary_byte, &code);

  if (code == EFBIG)
    {
      g_autofree char *limit = g_format_size_full (stream_limit, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                   _("%s: more than %s to read from a pipe or device; save the data "
                     "to a file and load that"), path, limit);
    }
  else if (code != 0)
    g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                 _("%s: cannot read: %s"), path, g_strerror (code));
  return bytes;
}

/**
 * elman_series_load:
 * @path: the file, as the user gave it (messages use it verbatim)
 * @options: (nullable): %NULL for the defaults
 * @info: (out) (optional) (transfer full): what was detected
 *
 * Maps @path and loads it with elman_series_load_data().
 *
 * Returns: (transfer full): the series, or %NULL with @error set
 */
ElmanSeries *
elman_series_load (const char             *path,
                   const ElmanLoadOptions *options,
                   ElmanSeriesInfo       **info,
                   GError                **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  ElmanSeries *series;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info != NULL)
    *info = NULL;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                   _("%s: cannot open: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                   _("%s: cannot read: %s"), path, g_strerror (saved));
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                   _("%s: is a directory, not a file"), path);
      close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode) || st.st_size < MAP_MIN_BYTES)
    {
      /* A pipe, a device or a small file: read it.  Only large files are
       * mapped (for memory); a read copy cannot fault if another program
       * truncates the file while we read it. */
      g_autoptr(GByteArray) bytes = read_stream (fd, path, S_ISREG (st.st_mode) ? (gsize) st.st_size : 0,
                                                 error);

      close (fd);
      if (bytes == NULL)
        return NULL;
      return load (path, (const char *) bytes->data, bytes->len, options, FALSE, info, error);
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                   _("%s: cannot read: %s"), path, local_error->message);
      return NULL;
    }

  if (g_mapped_file_get_length (mapped) > 0)
    {
      char *contents = g_mapped_file_get_contents (mapped);

      madvise (contents, g_mapped_file_get_length (mapped), MADV_SEQUENTIAL);
      bus_guard_begin (contents, g_mapped_file_get_length (mapped));
      series = load (path, contents, g_mapped_file_get_length (mapped), options,
                     TRUE, info, &local_error);
      if (bus_guard_end ())
        {
          /* Whatever was parsed came partly from pages of zeros. */
          g_clear_pointer (&series, elman_series_unref);
          if (info != NULL)
            g_clear_pointer (info, elman_series_info_free);
          g_clear_error (&local_error);
          g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                       _("%s: the file was truncated while it was read; load it again"), path);
          return NULL;
        }
      if (series == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else
    series = load (path, "", 0, options, FALSE, info, error);

  return series;
}