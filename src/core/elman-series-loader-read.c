/* elman-series-loader-read.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main pass: the two fields a record needs (time and value), in
 * one or two chunks of the file, each on its own thread. */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <math.h>
#include <sys/mman.h>

#include <glib/gi18n-lib.h>

#include "elman-series-loader-private.h"

static void
chunk_grow (ElmanLoadChunk *ck)
{
  ck->cap = ck->cap < 1024 ? 1024 : ck->cap + ck->cap / 2;
  ck->values = g_renew (double, ck->values, ck->cap);
  if (ck->plan->tcol >= 0)
    ck->times = g_renew (double, ck->times, ck->cap);
}

/* A whole number (a year, a quarter, a month) in a field. */
static gboolean
parse_whole (const char *s,
             gsize       len,
             double      lo,
             double      hi,
             double     *out)
{
  return elman_parse_number (s, len, '.', 0, out) == ELMAN_NUMBER_OK &&
         *out == floor (*out) && *out >= lo && *out <= hi;
}

static double
start_of_month (double year,
                int    month)
{
  return (double) elman_time_days_from_civil ((gint64) year, month, 1) * 86400.0;
}

/* Parses the time field; on failure *status says why (for dates). */
static gboolean
parse_time_field (const ElmanLoadPlan *plan,
                  const char          *s,
                  gsize                len,
                  double              *t,
                  ElmanDateStatus     *status)
{
  *status = ELMAN_DATE_NOT_A_DATE;
  switch (plan->tkind)
    {
    case TIME_KIND_ISO:
      *status = elman_loader_parse_date (s, len, ELMAN_DATE_ALLOW_YEAR, plan->date_order, t, NULL);
      return *status == ELMAN_DATE_OK;

    case TIME_KIND_COMPACT:
      *status = elman_loader_parse_date (s, len, ELMAN_DATE_ALLOW_COMPACT, plan->date_order, t, NULL);
      return *status == ELMAN_DATE_OK;

    case TIME_KIND_YEAR:
    case TIME_KIND_YEAR_PART:
      {
        double y;

        if (!parse_whole (s, len, -1e6, 1e6, &y))
          return FALSE;
        *t = start_of_month (y, 1);
        return TRUE;
      }

    case TIME_KIND_PLAIN:
      /* the file's own decimal mark: "0,5" in a ';' file */
      return elman_parse_number (s, len, plan->decimal, plan->thousands, t) == ELMAN_NUMBER_OK;

    case TIME_KIND_NONE:
    default:
      return FALSE;
    }
}

/* Whether the fields past the file's columns are empty (a trailing
 * delimiter): a record with more fields is refused, since its values may
 * have moved over by one. */
static gboolean
extra_fields_empty (const ElmanCursor *c,
                    int                n_columns)
{
  for (guint j = (guint) n_columns; j < c->n_fields; j++)
    if (c->fields[j].len > 0 || c->fields[j].quoted)
      return FALSE;
  return TRUE;
}

static void
chunk_append (ElmanLoadChunk *ck,
              double          v,
              double          t)
{
  if (G_UNLIKELY (ck->n == ck->cap))
    chunk_grow (ck);
  ck->values[ck->n] = v;
  if (ck->times != NULL)
    ck->times[ck->n] = t;
  ck->n++;
}

/* The value in field @j of the record: 1 with *v (NaN for a missing
 * value to fill in later), 0 when the record is dropped for a missing
 * value, −1 with ck->err set. */
static int
read_value (ElmanLoadChunk    *ck,
            const ElmanCursor *c,
            int                j,
            GString           *scratch,
            double            *v)
{
  const ElmanLoadPlan *plan = ck->plan;
  const ElmanField *vf = &c->fields[j];
  ElmanNumberStatus status;
  const char *s;
  gsize len;

  s = elman_loader_field_text (vf, scratch, &len);
  if (vf->quoted)
    elman_loader_trim (&s, &len);
  status = elman_parse_number (s, len, plan->decimal, plan->thousands, v);
  if (G_LIKELY (status == ELMAN_NUMBER_OK))
    return 1;

  {
    g_autofree char *shown = elman_loader_field_show (s, len);

    if (status == ELMAN_NUMBER_INVALID && elman_loader_is_missing (s, len))
      {
        if (ck->n_missing < ELMAN_MISSING_LINES_SHOWN)
          ck->missing_lines[ck->n_missing] = c->rec_line;
        ck->n_missing++;
        if (plan->missing == ELMAN_MISSING_DROP)
          {
            ck->n_dropped++;
            return 0;
          }
        if (plan->missing == ELMAN_MISSING_ERROR)
          {
            if (len == 0)
              elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_MISSING, c->rec_line,
                                    _("%smissing value (empty field)"), plan->vlabel);
            else
              elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_MISSING, c->rec_line,
                                    _("%smissing value (\"%s\")"), plan->vlabel, shown);
            return -1;
          }
        *v = NAN;  /* filled in afterwards */
        return 1;
      }
    if (status == ELMAN_NUMBER_INFINITE)
      elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_OUT_OF_RANGE, c->rec_line,
                            _("%s\"%s\" is infinite"), plan->vlabel, shown);
    else if (status == ELMAN_NUMBER_OUT_OF_RANGE)
      elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_OUT_OF_RANGE, c->rec_line,
                            _("%s\"%s\" is out of range (magnitude above %s): training would overflow"),
                            plan->vlabel, shown, G_STRINGIFY (ELMAN_NUMBER_MAX));
    else
      elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c->rec_line,
                            _("%s\"%s\" is not a number"), plan->vlabel, shown);
    return -1;
  }
}

gpointer
elman_loader_parse_chunk (gpointer data)
{
  ElmanLoadChunk *ck = data;
  const ElmanLoadPlan *plan = ck->plan;
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *discarded = ck->map_start;
  ElmanCursor c;
  int rc;

  elman_loader_cursor_init (&c, ck->lx, ck->start, ck->end, ck->line0);

  while ((rc = elman_loader_cursor_next (&c)) > 0)
    {
      const char *s;
      gsize len;
      double t = 0, v;
      int r;

      if (elman_loader_cursor_record_blank (&c))
        continue;
      ck->last_line = c.rec_line;

      if (G_UNLIKELY ((int) c.n_fields < plan->need))
        {
          elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                      _("expected %d fields, found %u"), plan->n_columns, c.n_fields);
          break;
        }

      if (G_UNLIKELY ((int) c.n_fields > plan->n_columns) && !extra_fields_empty (&c, plan->n_columns))
        {
          elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                                _("expected %d fields, found %u"), plan->n_columns, c.n_fields);
          break;
        }

      if (plan->tcol >= 0)
        {
          const ElmanField *tf = &c.fields[plan->tcol];
          ElmanDateStatus why;

          s = elman_loader_field_text (tf, scratch, &len);
          if (tf->quoted)
            elman_loader_trim (&s, &len);
          if (G_UNLIKELY (!parse_time_field (plan, s, len, &t, &why)))
            {
              g_autofree char *shown = elman_loader_field_show (s, len);

              if (elman_loader_is_missing (s, len) && plan->missing == ELMAN_MISSING_DROP)
                {
                  ck->n_dropped += plan->wide_read ? (gsize) plan->wide : 1;
                  continue;
                }
              if (elman_loader_is_missing (s, len))
                elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_MISSING, c.rec_line,
                            _("%smissing time (\"%s\")"), plan->tlabel, shown);
              else if (why != ELMAN_DATE_NOT_A_DATE)
                elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                            _("%s\"%s\" is not a date or time (%s)"), plan->tlabel, shown,
                            elman_loader_date_problem (why));
              else
                elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                            _("%s\"%s\" is not a date or time"), plan->tlabel, shown);
              break;
            }
          if (plan->tcol2 >= 0)
            {
              const ElmanField *pf = &c.fields[plan->tcol2];
              double part;

              s = elman_loader_field_text (pf, scratch, &len);
              if (pf->quoted)
                elman_loader_trim (&s, &len);
              if (G_UNLIKELY (!parse_whole (s, len, 1, 12 / plan->part_months, &part)))
                {
                  g_autofree char *shown = elman_loader_field_show (s, len);

                  if (elman_loader_is_missing (s, len) && plan->missing == ELMAN_MISSING_DROP)
                    {
                      ck->n_dropped++;
                      continue;
                    }
                  elman_load_error_set (&ck->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                                        plan->part_months == 3
                                        ? _("\"%s\" is not a quarter (1 to 4)")
                                        : _("\"%s\" is not a month (1 to 12)"), shown);
                  break;
                }
              t = elman_time_add_months (t, (int) (part - 1) * plan->part_months);
            }
        }

      if (plan->wide_read)
        {
          int k;

          for (k = 0; k < plan->wide; k++)
            {
              r = read_value (ck, &c, plan->wide_first + k, scratch, &v);
              if (r < 0)
                break;
              if (r > 0)
                chunk_append (ck, v, elman_time_add_months (t, k * plan->part_months));
            }
          if (k < plan->wide)
            break;
          continue;
        }

      r = read_value (ck, &c, plan->vcol, scratch, &v);
      if (r < 0)
        break;
      if (r > 0)
        chunk_append (ck, v, t);

      /* Hand the pages read so far back to the kernel: they are clean
       * pages of a read-only mapping, so only resident memory drops. */
      if (ck->discard && c.p - discarded > DISCARD_STEP)
        {
          const char *upto = (const char *) ((guintptr) c.p & ~(guintptr) 4095);

          if (upto > discarded)
            {
              madvise ((void *) discarded, (gsize) (upto - discarded), MADV_DONTNEED);
              discarded = upto;
            }
        }
    }

  if (rc < 0 && ck->err.msg == NULL)
    ck->err = (ElmanLoadError) { c.err.code, c.err.line, g_steal_pointer (&c.err.msg) };
  ck->line_end = c.line;
  elman_loader_cursor_clear (&c);
  return NULL;
}

void
elman_loader_chunk_clear (ElmanLoadChunk *ck)
{
  g_clear_pointer (&ck->values, g_free);
  g_clear_pointer (&ck->times, g_free);
  g_clear_pointer (&ck->err.msg, g_free);
}
