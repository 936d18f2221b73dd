/* elman-series-loader-detect.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a file looks like: its delimiter, the kind of each field and
 * what a column's name suggests. */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-series-loader-private.h"

/* Counts the candidate delimiters outside quotes in the first records;
 * the one that appears the same number of times (at least once) in every
 * record wins; ties go to tab, ';', '|', ',' in that order, so that
 * "1,5;2,5" is two fields with decimal commas.  Failing that, runs of
 * spaces; failing that, one column.  Only the first SNIFF_BYTES are
 * looked at (a record cut there does not count unless it is the only
 * one), so a file of one endless line costs no more than a short one. */
char
elman_loader_detect_delimiter (const char *p,
                               const char *end,
                               gboolean    decimal_comma)
{
  static const char candidates[] = { '\t', ';', '|', ',' };
  gsize counts[SNIFF_RECORDS][G_N_ELEMENTS (candidates)];
  gsize spaced[SNIFF_RECORDS];
  int n = 0;
  gboolean in_quotes = FALSE;
  gboolean cut = (gsize) (end - p) > SNIFF_BYTES;

  if (cut)
    end = p + SNIFF_BYTES;

  memset (counts, 0, sizeof counts);
  memset (spaced, 0, sizeof spaced);

  while (p < end && n < SNIFF_RECORDS)
    {
      gsize cur[G_N_ELEMENTS (candidates)] = { 0 };
      gsize fields = 0;
      gboolean complete;
      gboolean in_field = FALSE;
      gboolean content = FALSE;

      for (; p < end; p++)
        {
          char ch = *p;

          if (ch == '"')
            {
              in_quotes = !in_quotes;
              content = TRUE;
              if (!in_field)
                fields++;
              in_field = TRUE;
              continue;
            }
          if (in_quotes)
            continue;
          if (ch == '\n' || ch == '\r')
            break;
          if (ch == ' ' || ch == '\t')
            in_field = FALSE;
          else
            {
              if (!in_field)
                fields++;
              in_field = TRUE;
              content = TRUE;
            }
          for (gsize k = 0; k < G_N_ELEMENTS (candidates); k++)
            cur[k] += ch == candidates[k];
        }
      complete = p < end;
      if (complete)
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
        }
      if (!content || (cut && !complete && n > 0))
        continue;
      memcpy (counts[n], cur, sizeof cur);
      spaced[n] = fields;
      n++;
    }

  if (n == 0)
    return ',';

  /* with decimal commas, a comma cannot separate fields */
  if (decimal_comma)
    for (int r = 0; r < n; r++)
      counts[r][G_N_ELEMENTS (candidates) - 1] = 0;

  for (gsize k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      gboolean consistent = counts[0][k] > 0;

      for (int r = 1; r < n && consistent; r++)
        consistent = counts[r][k] == counts[0][k];
      if (consistent)
        return candidates[k];
    }

  /* Ragged: the candidate present in the most records, if in most. */
  {
    int best = -1, best_rows = 0;

    for (gsize k = 0; k < G_N_ELEMENTS (candidates); k++)
      {
        int rows = 0;

        for (int r = 0; r < n; r++)
          rows += counts[r][k] > 0;
        if (rows > best_rows)
          {
            best_rows = rows;
            best = (int) k;
          }
      }
    if (best >= 0 && best_rows * 2 > n)
      return candidates[best];
  }

  {
    gboolean all_spaced = TRUE;

    for (int r = 0; r < n && all_spaced; r++)
      all_spaced = spaced[r] >= 2 && spaced[r] == spaced[0];
    if (all_spaced)
      return ' ';
  }

  return 0;
}

gboolean
elman_loader_is_integer_text (const char *s,
                              gsize       len)
{
  gsize i = 0;

  if (len > 0 && (s[0] == '+' || s[0] == '-'))
    i++;
  if (i == len)
    return FALSE;
  for (; i < len; i++)
    if (s[i] < '0' || s[i] > '9')
      return FALSE;
  return TRUE;
}

ElmanFieldKind
elman_loader_classify (const char *s,
                       gsize       len,
                       char        decimal,
                       char        thousands,
                       double     *value)
{
  ElmanNumberStatus status;

  elman_loader_trim (&s, &len);
  if (elman_loader_is_missing (s, len))
    return KIND_MISSING;
  status = elman_parse_number (s, len, decimal, thousands, value);
  if (status == ELMAN_NUMBER_OK)
    return elman_loader_is_integer_text (s, len) ? KIND_INTEGER : KIND_NUMBER;
  if (status == ELMAN_NUMBER_INVALID)
    {
      ElmanDateStatus date = elman_loader_parse_date (s, len, 0, ELMAN_DATE_ORDER_ANY, value, NULL);

      /* A date, or one that is wrong only in its month, day, quarter or
       * clock ("2020-02-30", "1974Q5"): the column stays a time column
       * and the main pass says what is wrong where. */
      if (date == ELMAN_DATE_OK)
        return KIND_TIME;
      if (date != ELMAN_DATE_NOT_A_DATE)
        {
          *value = NAN;
          return KIND_TIME;
        }
    }
  /* no value to compare for the kinds below */
  *value = NAN;
  /* Infinities and malformed numbers ("12,3x") still make a numeric
   * column: the main pass then says precisely what is wrong where. */
  if (status != ELMAN_NUMBER_INVALID)
    return KIND_NUMBER;
  /* likewise a malformed ISO date ("2020-02-x") keeps a time column */
  if (len > 4 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) &&
      g_ascii_isdigit (s[2]) && g_ascii_isdigit (s[3]) && (s[4] == '-' || s[4] == '/'))
    return KIND_TIME;
  if (len > 0 && (s[0] == '+' || s[0] == '-'))
    {
      s++;
      len--;
    }
  if (len > 0 && (g_ascii_isdigit (s[0]) || (s[0] == '.' && len > 1 && g_ascii_isdigit (s[1]))))
    return KIND_MALFORMED;
  return KIND_TEXT;
}

gboolean
elman_loader_name_suggests_time (const char *name)
{
  static const char *const exact[] = { "t", "ds", "year", "month", "day", "period", "epoch" };
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (exact); i++)
    if (strcmp (lower, exact[i]) == 0)
      return TRUE;
  return strstr (lower, "date") != NULL || strstr (lower, "time") != NULL ||
         strstr (lower, "year") != NULL;
}

/* ---- the layout ---- */

static void
sample_record_free (gpointer data)
{
  ElmanSampleRecord *rec = data;

  g_ptr_array_unref (rec->fields);
  g_array_unref (rec->quoted);
  g_free (rec);
}

void
elman_layout_init (ElmanLayout *layout)
{
  memset (layout, 0, sizeof *layout);
  layout->first_line = 1;
  layout->sample = g_ptr_array_new_with_free_func (sample_record_free);
  layout->names = g_ptr_array_new_with_free_func (g_free);
}

void
elman_layout_clear (ElmanLayout *layout)
{
  g_clear_pointer (&layout->sample, g_ptr_array_unref);
  g_clear_pointer (&layout->names, g_ptr_array_unref);
  g_clear_pointer (&layout->stats, g_free);
}

/* The opening records (at most SAMPLE_RECORDS, blank ones skipped),
 * copied out of the data for detection. */
gboolean
elman_layout_read_sample (ElmanLayout *layout,
                          const char  *name,
                          const char  *p,
                          const char  *end,
                          GError     **error)
{
  ElmanCursor c;
  gsize n_fields = 0;
  int r;

  elman_loader_cursor_init (&c, &layout->lx, p, end, layout->first_line);
  while (layout->sample->len < SAMPLE_RECORDS &&
         (layout->sample->len < 2 || n_fields < SAMPLE_FIELDS) &&
         (r = elman_loader_cursor_next (&c)) != 0)
    {
      ElmanSampleRecord *rec;

      if (r < 0)
        {
          elman_loader_fail (error, c.err.code, name, c.err.line, "%s", c.err.msg);
          elman_loader_cursor_clear (&c);
          return FALSE;
        }
      if (elman_loader_cursor_record_blank (&c))
        continue;
      rec = g_new0 (ElmanSampleRecord, 1);
      rec->fields = g_ptr_array_new_with_free_func (g_free);
      rec->quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
      rec->line = c.rec_line;
      n_fields += c.n_fields;
      for (guint i = 0; i < c.n_fields; i++)
        {
          gboolean q = c.fields[i].quoted;

          g_ptr_array_add (rec->fields, elman_loader_field_dup (&c.fields[i]));
          g_array_append_val (rec->quoted, q);
        }
      g_ptr_array_add (layout->sample, rec);
    }
  elman_loader_cursor_clear (&c);

  if (layout->sample->len == 0)
    {
      elman_loader_fail (error, ELMAN_SERIES_ERROR_EMPTY, name, layout->first_line, _("the file is empty"));
      return FALSE;
    }
  return TRUE;
}

/* The decimal mark: as asked; else implied by the thousands separator or
 * the delimiter; else ',' when the sample has numbers with decimal commas
 * and none with decimal points. */
void
elman_layout_detect_decimal (ElmanLayout            *layout,
                             const ElmanLoadOptions *opts)
{
  int commas = 0, dots = 0;

  layout->thousands = opts->thousands;
  if (opts->decimal != 0)
    {
      layout->decimal = opts->decimal;
      return;
    }
  if (layout->thousands == '.')
    {
      layout->decimal = ',';
      return;
    }
  if (layout->thousands == ',' || layout->lx.delim == ',')
    {
      layout->decimal = '.';
      return;
    }

  for (guint r = 0; r < layout->sample->len; r++)
    {
      ElmanSampleRecord *rec = g_ptr_array_index (layout->sample, r);

      for (guint i = 0; i < rec->fields->len; i++)
        {
          const char *s = g_ptr_array_index (rec->fields, i);
          gsize len = strlen (s);
          double v;

          if (strchr (s, ',') != NULL &&
              elman_parse_number (s, len, ',', layout->thousands, &v) == ELMAN_NUMBER_OK)
            commas++;
          else if (strchr (s, '.') != NULL &&
                   elman_parse_number (s, len, '.', layout->thousands, &v) == ELMAN_NUMBER_OK)
            dots++;
        }
    }
  layout->decimal = commas > 0 && dots == 0 ? ',' : '.';
}

static void
column_stats_add (ElmanColumnStats *st,
                  ElmanFieldKind    kind,
                  double            v)
{
  switch (kind)
    {
    case KIND_INTEGER:
      st->n_num++;
      if (v <= st->last)
        st->increasing = FALSE;
      if (v < 1000 || v > 2999)
        st->year_range = FALSE;
      st->last = v;
      break;
    case KIND_MALFORMED:
      st->n_malformed++;
      G_GNUC_FALLTHROUGH;
    case KIND_NUMBER:
      st->n_num++;
      st->all_integer = FALSE;
      /* false for NaN too: infinities, malformed numbers */
      if (!(v > st->last))
        st->increasing = FALSE;
      st->last = v;
      break;
    case KIND_TIME:
      st->n_time++;
      break;
    case KIND_TEXT:
      st->n_text++;
      break;
    case KIND_MISSING:
    default:
      break;
    }
}

static void
column_stats_finish (ElmanColumnStats *st)
{
  if (st->n_num + st->n_time + st->n_text == 0)
    st->type = ELMAN_COLUMN_NUMERIC;   /* only missing values */
  else if (st->n_num > 0 && st->n_num >= st->n_time && st->n_num >= st->n_text)
    st->type = ELMAN_COLUMN_NUMERIC;
  else if (st->n_time > 0 && st->n_time >= st->n_text)
    st->type = ELMAN_COLUMN_TIME;
  else
    st->type = ELMAN_COLUMN_TEXT;
  if (st->n_num == 0)
    st->all_integer = FALSE;
}

/* Types of the columns over the sample records from @first_data on. */
static void
layout_column_types (ElmanLayout *layout,
                     guint        first_data)
{
  for (int j = 0; j < layout->n_columns; j++)
    {
      ElmanColumnStats *st = &layout->stats[j];

      memset (st, 0, sizeof *st);
      st->all_integer = st->increasing = st->year_range = TRUE;
      st->last = -INFINITY;
    }
  for (guint r = first_data; r < layout->sample->len; r++)
    {
      ElmanSampleRecord *rec = g_ptr_array_index (layout->sample, r);

      for (guint j = 0; j < rec->fields->len && j < (guint) layout->n_columns; j++)
        {
          const char *s = g_ptr_array_index (rec->fields, j);
          double v = 0;
          ElmanFieldKind kind = elman_loader_classify (s, strlen (s), layout->decimal,
                                                       layout->thousands, &v);

          column_stats_add (&layout->stats[j], kind, v);
          if (kind != KIND_MISSING && g_array_index (rec->quoted, gboolean, j))
            layout->stats[j].n_quoted++;
        }
    }
  for (int j = 0; j < layout->n_columns; j++)
    column_stats_finish (&layout->stats[j]);
}

/* A header of quoted names that read as numbers, as R's write.csv() writes
 * for a matrix ("","1940","1950"): every field of the first record quoted
 * (or empty), above a column of numbers none of which is quoted. */
static gboolean
layout_first_is_quoted_header (const ElmanLayout *layout)
{
  ElmanSampleRecord *first = g_ptr_array_index (layout->sample, 0);
  gboolean found = FALSE;

  for (guint j = 0; j < first->fields->len && j < (guint) layout->n_columns; j++)
    {
      const char *s = g_ptr_array_index (first->fields, j);
      const ElmanColumnStats *st = &layout->stats[j];

      if (!g_array_index (first->quoted, gboolean, j))
        {
          if (*s != '\0')
            return FALSE;
          continue;
        }
      if (*s != '\0' && st->type == ELMAN_COLUMN_NUMERIC && st->n_num > 0 && st->n_quoted == 0)
        found = TRUE;
    }
  return found;
}

/* A header: the first record has text where the column below it has
 * numbers or times. */
static gboolean
layout_first_is_header (const ElmanLayout *layout)
{
  ElmanSampleRecord *first = g_ptr_array_index (layout->sample, 0);

  if (layout->sample->len > 1 && layout_first_is_quoted_header (layout))
    return TRUE;

  for (guint j = 0; j < first->fields->len && j < (guint) layout->n_columns; j++)
    {
      const char *s = g_ptr_array_index (first->fields, j);
      double v;

      if (elman_loader_classify (s, strlen (s), layout->decimal, layout->thousands, &v) == KIND_TEXT &&
          (layout->sample->len == 1 || layout->stats[j].type != ELMAN_COLUMN_TEXT))
        return TRUE;
    }
  return FALSE;
}

/* The most fields that at least half of the records have: one record with
 * a field too many (a trailing delimiter, an unquoted comma in a name)
 * makes no column of its own; the main pass then refuses such a record
 * by its line unless the extra fields are empty. */
static int
count_columns (GPtrArray *sample)
{
  g_autofree guint *at_least = NULL;   /* records with at least j fields */
  guint most = 0;
  int n_columns = 0;

  for (guint r = 0; r < sample->len; r++)
    most = MAX (most, ((ElmanSampleRecord *) g_ptr_array_index (sample, r))->fields->len);
  at_least = g_new0 (guint, most + 1);
  for (guint r = 0; r < sample->len; r++)
    at_least[((ElmanSampleRecord *) g_ptr_array_index (sample, r))->fields->len]++;
  for (guint j = most; j > 0; j--)
    at_least[j - 1] += at_least[j];
  for (guint j = most; j > 0 && n_columns == 0; j--)
    if (2 * (gsize) at_least[j] >= sample->len)
      n_columns = (int) j;
  return n_columns;
}

/* The number of columns, the type of each, the header and the column
 * names. */
void
elman_layout_detect_columns (ElmanLayout     *layout,
                             ElmanHeaderMode  header)
{
  ElmanSampleRecord *first = g_ptr_array_index (layout->sample, 0);

  layout->n_columns = count_columns (layout->sample);
  layout->stats = g_new0 (ElmanColumnStats, layout->n_columns);

  /* the types of records 1…; without a header, of records 0… */
  layout_column_types (layout, 1);
  if (header == ELMAN_HEADER_DETECT)
    layout->header = layout_first_is_header (layout);
  else
    layout->header = header == ELMAN_HEADER_YES;
  if (!layout->header)
    layout_column_types (layout, 0);

  for (int j = 0; j < layout->n_columns; j++)
    {
      if (layout->header && j < (int) first->fields->len)
        g_ptr_array_add (layout->names, g_strdup (g_ptr_array_index (first->fields, j)));
      else if (layout->header)
        g_ptr_array_add (layout->names, g_strdup (""));
      else
        g_ptr_array_add (layout->names, g_strdup_printf ("%d", j));
    }
}

/* ---- the time and value columns ---- */

/* "column \"name\": ", "column 3: " or "" for a one-column file. */
static char *
column_label_text (const ElmanLayout *layout,
              int                j)
{
  g_autofree char *shown = NULL;

  if (j < 0 || (layout->n_columns == 1 && j == 0))
    return g_strdup ("");
  if (!layout->header)
    return g_strdup_printf (_("column %d: "), j);
  shown = elman_loader_name_show (g_ptr_array_index (layout->names, j));
  return g_strdup_printf (_("column \"%s\": "), shown);
}


/* Field @j of sample record @r (data records only: after the header), or
 * NULL when the record is short. */
static const char *
sample_field (const ElmanLayout *layout,
              guint              r,
              int                j,
              guint64           *line)
{
  ElmanSampleRecord *rec = g_ptr_array_index (layout->sample, r);

  if (line != NULL)
    *line = rec->line;
  if ((guint) j >= rec->fields->len)
    return NULL;
  return g_ptr_array_index (rec->fields, j);
}

static guint
first_data_record (const ElmanLayout *layout)
{
  return layout->header ? 1 : 0;
}

/* Whether every value of column @j in the sample is a whole number in
 * lo…hi (missing values aside), and at least one is there. */
static gboolean
column_integral_in (const ElmanLayout *layout,
                    int                j,
                    double             lo,
                    double             hi)
{
  int seen = 0;

  if (layout->stats[j].type == ELMAN_COLUMN_TEXT)
    return FALSE;
  for (guint r = first_data_record (layout); r < layout->sample->len; r++)
    {
      const char *f = sample_field (layout, r, j, NULL);
      double v;

      if (f == NULL || elman_loader_is_missing (f, strlen (f)))
        continue;
      if (elman_parse_number (f, strlen (f), layout->decimal, layout->thousands, &v) != ELMAN_NUMBER_OK ||
          v != floor (v) || v < lo || v > hi)
        return FALSE;
      seen++;
    }
  return seen > 0;
}

static const char *
column_name_at (const ElmanLayout *layout,
                int                j)
{
  return layout->header ? g_ptr_array_index (layout->names, j) : NULL;
}

static gboolean
name_is_one_of (const char        *name,
                const char *const *names)
{
  if (name == NULL)
    return FALSE;
  for (gsize i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
name_is_year (const char *name)
{
  static const char *const years[] = { "year", "yr", "years", NULL };

  return name_is_one_of (name, years);
}

/* A year column (named so, whole numbers) beside a quarter or month
 * column (named so, 1…4 or 1…12): one time axis of the two. */
static gboolean
choose_year_and_part (ElmanLayout   *layout,
                      ElmanLoadPlan *plan)
{
  static const char *const quarters[] = { "quarter", "qtr", "q", NULL };
  static const char *const months[] = { "month", "mon", "mo", "m", NULL };

  for (int j = 0; j < layout->n_columns; j++)
    {
      if (!name_is_year (column_name_at (layout, j)) ||
          !column_integral_in (layout, j, -9999, 9999))
        continue;
      for (int k = 0; k < layout->n_columns; k++)
        {
          const char *kname = column_name_at (layout, k);
          int part = 0;

          if (name_is_one_of (kname, quarters) && column_integral_in (layout, k, 1, 4))
            part = 3;
          else if (name_is_one_of (kname, months) && column_integral_in (layout, k, 1, 12))
            part = 1;
          if (part == 0)
            continue;
          plan->tcol = j;
          plan->tcol2 = k;
          plan->part_months = part;
          plan->tkind = TIME_KIND_YEAR_PART;
          layout->stats[j].type = ELMAN_COLUMN_TIME;
          layout->stats[k].type = ELMAN_COLUMN_TIME;
          return TRUE;
        }
    }
  return FALSE;
}

/* Integers of eight digits that are all dates (19580329). */
static gboolean
column_is_compact_dates (const ElmanLayout *layout,
                         int                j)
{
  int seen = 0;

  if (layout->stats[j].type != ELMAN_COLUMN_NUMERIC || !layout->stats[j].all_integer)
    return FALSE;
  for (guint r = first_data_record (layout); r < layout->sample->len; r++)
    {
      const char *f = sample_field (layout, r, j, NULL);
      double t;

      if (f == NULL || elman_loader_is_missing (f, strlen (f)))
        continue;
      if (strlen (f) != 8 || f[0] < '1' || f[0] > '2' ||
          elman_loader_parse_date (f, 8, ELMAN_DATE_ALLOW_COMPACT, ELMAN_DATE_ORDER_UNKNOWN,
                                   &t, NULL) != ELMAN_DATE_OK)
        return FALSE;
      seen++;
    }
  return seen > 0;
}

/* Sets plan->date_order from the sample of time column @j: the order the
 * dates such as 29/03/1958 prove.  Returns FALSE with plan->time_note set
 * when the column cannot be read as times (ambiguous or mixed orders). */
static gboolean
choose_date_order (const ElmanLayout *layout,
                   int                j,
                   ElmanLoadPlan     *plan)
{
  g_autofree char *label = NULL;
  const char *ambiguous = NULL, *dmy = NULL, *mdy = NULL;
  guint64 ambiguous_line = 0, dmy_line = 0, mdy_line = 0;

  plan->date_order = ELMAN_DATE_ORDER_UNKNOWN;
  for (guint r = first_data_record (layout); r < layout->sample->len; r++)
    {
      guint64 line;
      const char *f = sample_field (layout, r, j, &line);
      ElmanDateOrder evidence = ELMAN_DATE_ORDER_UNKNOWN;
      double t;
      ElmanDateStatus status;

      if (f == NULL)
        continue;
      status = elman_loader_parse_date (f, strlen (f), ELMAN_DATE_ALLOW_YEAR, ELMAN_DATE_ORDER_UNKNOWN,
                                        &t, &evidence);
      if (status == ELMAN_DATE_AMBIGUOUS && ambiguous == NULL)
        {
          ambiguous = f;
          ambiguous_line = line;
        }
      if (evidence == ELMAN_DATE_ORDER_DMY && dmy == NULL)
        {
          dmy = f;
          dmy_line = line;
        }
      if (evidence == ELMAN_DATE_ORDER_MDY && mdy == NULL)
        {
          mdy = f;
          mdy_line = line;
        }
    }
  if (dmy != NULL && mdy == NULL)
    plan->date_order = ELMAN_DATE_ORDER_DMY;
  else if (mdy != NULL && dmy == NULL)
    plan->date_order = ELMAN_DATE_ORDER_MDY;
  else if (dmy == NULL && mdy == NULL && ambiguous == NULL)
    return TRUE;

  label = column_label_text (layout, j);
  if (dmy != NULL && mdy != NULL)
    {
      g_autofree char *a = elman_loader_name_show (dmy);
      g_autofree char *b = elman_loader_name_show (mdy);

      plan->time_note = g_strdup_printf (_("%sday-first (line %lu: \"%s\") and month-first "
                                           "(line %lu: \"%s\") dates; no time axis"),
                                         label, (unsigned long) dmy_line, a,
                                         (unsigned long) mdy_line, b);
      return FALSE;
    }
  if (plan->date_order == ELMAN_DATE_ORDER_UNKNOWN)
    {
      g_autofree char *a = elman_loader_name_show (ambiguous);

      plan->time_note = g_strdup_printf (_("%sline %lu: \"%s\" could be day-first or month-first "
                                           "and no date tells; no time axis"),
                                         label, (unsigned long) ambiguous_line, a);
      return FALSE;
    }
  return TRUE;
}

/* A column named like a time whose values are no dates: the first value
 * that is not, and why. */
static void
note_unreadable_time (const ElmanLayout *layout,
                      ElmanLoadPlan     *plan)
{
  for (int j = 0; j < layout->n_columns; j++)
    {
      if (layout->stats[j].type != ELMAN_COLUMN_TEXT ||
          !elman_loader_name_suggests_time (column_name_at (layout, j)))
        continue;
      for (guint r = first_data_record (layout); r < layout->sample->len; r++)
        {
          guint64 line;
          const char *f = sample_field (layout, r, j, &line);
          double t;
          ElmanDateStatus status;

          if (f == NULL || elman_loader_is_missing (f, strlen (f)))
            continue;
          status = elman_loader_parse_date (f, strlen (f), ELMAN_DATE_ALLOW_YEAR,
                                            ELMAN_DATE_ORDER_ANY, &t, NULL);
          if (status != ELMAN_DATE_OK)
            {
              g_autofree char *label = column_label_text (layout, j);
              g_autofree char *shown = elman_loader_name_show (f);

              plan->time_note = g_strdup_printf (_("%sline %lu: \"%s\" is not a date (%s); no time axis"),
                                                 label, (unsigned long) line, shown,
                                                 elman_loader_date_problem (status));
              return;
            }
        }
    }
}

static void
choose_time_column (ElmanLayout   *layout,
                    ElmanLoadPlan *plan)
{
  int n_numeric = 0;

  plan->tcol = -1;
  plan->tcol2 = -1;
  plan->tkind = TIME_KIND_NONE;
  for (int j = 0; j < layout->n_columns && plan->tcol < 0 && plan->time_note == NULL; j++)
    if (layout->stats[j].type == ELMAN_COLUMN_TIME && choose_date_order (layout, j, plan))
      {
        plan->tcol = j;
        plan->tkind = TIME_KIND_ISO;
      }
  if (plan->tcol >= 0 || plan->time_note != NULL)
    return;
  if (choose_year_and_part (layout, plan))
    return;

  for (int j = 0; j < layout->n_columns; j++)
    n_numeric += layout->stats[j].type == ELMAN_COLUMN_NUMERIC;
  for (int j = 0; j < layout->n_columns && plan->tcol < 0 && n_numeric >= 2; j++)
    {
      const ElmanColumnStats *st = &layout->stats[j];
      const char *cname = column_name_at (layout, j);

      /* Integers: a column named like a time, or an increasing first
       * column.  Fractional numbers ("0.5, 1.0, 1.5"): only a column
       * named like a time, and increasing, since a first column of
       * measurements is more often fractional than an index is. */
      if (st->type == ELMAN_COLUMN_NUMERIC &&
          (st->all_integer
           ? elman_loader_name_suggests_time (cname) || (j == 0 && st->increasing)
           : elman_loader_name_suggests_time (cname) && st->increasing))
        {
          plan->tcol = j;
          if (st->all_integer && column_is_compact_dates (layout, j))
            plan->tkind = TIME_KIND_COMPACT;
          else
            plan->tkind = st->all_integer &&
                          (st->year_range || (cname != NULL && strstr (cname, "year") != NULL))
                          ? TIME_KIND_YEAR : TIME_KIND_PLAIN;
        }
    }
  if (plan->tcol >= 0)
    layout->stats[plan->tcol].type = ELMAN_COLUMN_TIME;
  else
    note_unreadable_time (layout, plan);
}

/* A wide table: a year column and, right after it, 12 columns named
 * after the months (JAN…DEC, January…) or 4 named Q1…Q4.  Sets
 * plan->wide to 12 or 4 and plan->wide_first to the first of them. */
static void
detect_wide (const ElmanLayout *layout,
             ElmanLoadPlan     *plan,
             int               *year_column)
{
  plan->wide = 0;
  if (!layout->header)
    return;
  for (int j = 0; j + 4 < layout->n_columns; j++)
    {
      int k;

      if (!(name_is_year (column_name_at (layout, j)) || layout->stats[j].year_range) ||
          !column_integral_in (layout, j, -9999, 9999))
        continue;
      for (k = 0; k < 12 && j + 1 + k < layout->n_columns; k++)
        {
          const char *n = column_name_at (layout, j + 1 + k);

          if (elman_loader_month_from_name ((const guchar *) n, strlen (n)) != k + 1)
            break;
        }
      if (k == 12)
        {
          plan->wide = 12;
          plan->wide_first = j + 1;
          *year_column = j;
          return;
        }
      for (k = 0; k < 4; k++)
        {
          const char *n = column_name_at (layout, j + 1 + k);

          if (!((n[0] == 'Q' || n[0] == 'q') && n[1] == '1' + k && n[2] == '\0'))
            break;
        }
      if (k == 4)
        {
          plan->wide = 4;
          plan->wide_first = j + 1;
          *year_column = j;
          return;
        }
    }
}

static char *
column_list (GPtrArray *names)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *shown = NULL;

      if (i == 20)
        {
          g_string_append (s, ", …");
          break;
        }
      shown = elman_loader_name_show (g_ptr_array_index (names, i));

      g_string_append_printf (s, "%s\"%s\"", i > 0 ? ", " : "", shown);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The column the user named, by name (exact, then ignoring case) or by
 * number; -1 when there is none. */
static int
find_named_column (const ElmanLayout *layout,
                   const char        *wanted)
{
  for (int j = 0; j < layout->n_columns && layout->header; j++)
    if (strcmp (wanted, g_ptr_array_index (layout->names, j)) == 0)
      return j;
  for (int j = 0; j < layout->n_columns && layout->header; j++)
    if (g_ascii_strcasecmp (wanted, g_ptr_array_index (layout->names, j)) == 0)
      return j;
  if (elman_loader_is_integer_text (wanted, strlen (wanted)) &&
      wanted[0] != '-' && wanted[0] != '+' &&
      strlen (wanted) < 9 && atoi (wanted) < layout->n_columns)
    return atoi (wanted);
  return -1;
}

static gboolean
choose_value_column (ElmanLayout            *layout,
                     const ElmanLoadOptions *opts,
                     ElmanLoadPlan          *plan,
                     const char             *name,
                     GError                **error)
{
  ElmanSampleRecord *first = g_ptr_array_index (layout->sample, 0);

  plan->vcol = -1;
  if (opts->column == NULL)
    {
      for (int j = layout->n_columns - 1; j >= 0 && plan->vcol < 0; j--)
        if (layout->stats[j].type == ELMAN_COLUMN_NUMERIC && j != plan->tcol)
          plan->vcol = j;
      if (plan->vcol < 0)
        {
          ElmanSampleRecord *data_rec = g_ptr_array_index (layout->sample, layout->header ? 1 : 0);

          elman_loader_fail (error, ELMAN_SERIES_ERROR_NO_NUMERIC_COLUMN, name, data_rec->line,
                             _("no numeric column"));
          return FALSE;
        }
      return TRUE;
    }

  plan->vcol = find_named_column (layout, opts->column);
  if (plan->vcol < 0)
    {
      g_autofree char *wanted = elman_loader_name_show (opts->column);

      if (layout->header)
        {
          g_autofree char *list = column_list (layout->names);

          elman_loader_fail (error, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN, name, first->line,
                             _("no column \"%s\" (columns: %s)"), wanted, list);
        }
      else
        elman_loader_fail (error, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN, name, first->line,
                           _("no column \"%s\": the file has no header and %d columns "
                             "(numbered from 0)"), wanted, layout->n_columns);
      return FALSE;
    }
  if (plan->vcol >= 0 && plan->vcol == plan->tcol2)
    {
      /* the quarter or month column itself: the year alone is the axis */
      layout->stats[plan->tcol2].type = ELMAN_COLUMN_NUMERIC;
      plan->tcol2 = -1;
      plan->tkind = TIME_KIND_YEAR;
    }
  if (plan->vcol == plan->tcol)
    {
      /* the user wants the numbers of the time column itself */
      if (plan->tkind != TIME_KIND_ISO)
        layout->stats[plan->tcol].type = ELMAN_COLUMN_NUMERIC;
      if (plan->tcol2 >= 0)
        layout->stats[plan->tcol2].type = ELMAN_COLUMN_NUMERIC;
      plan->tcol = -1;
      plan->tcol2 = -1;
      plan->tkind = TIME_KIND_NONE;
    }
  return TRUE;
}

/* The time column the user named ("" for none). */
static gboolean
choose_named_time_column (ElmanLayout   *layout,
                          const char    *wanted,
                          ElmanLoadPlan *plan,
                          const char    *name,
                          GError       **error)
{
  ElmanSampleRecord *first = g_ptr_array_index (layout->sample, 0);
  ElmanColumnStats *st;
  int j;

  plan->tcol = -1;
  plan->tcol2 = -1;
  plan->tkind = TIME_KIND_NONE;
  if (*wanted == '\0')
    return TRUE;
  j = find_named_column (layout, wanted);
  if (j < 0)
    {
      g_autofree char *shown = elman_loader_name_show (wanted);

      elman_loader_fail (error, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN, name, first->line,
                         _("no time column \"%s\""), shown);
      return FALSE;
    }
  st = &layout->stats[j];
  if (st->type == ELMAN_COLUMN_TIME || st->type == ELMAN_COLUMN_TEXT)
    {
      if (!choose_date_order (layout, j, plan))
        {
          elman_loader_fail (error, ELMAN_SERIES_ERROR_NOT_A_NUMBER, name, first->line, "%s", plan->time_note);
          return FALSE;
        }
      plan->tkind = TIME_KIND_ISO;
    }
  else if (st->all_integer && column_is_compact_dates (layout, j))
    plan->tkind = TIME_KIND_COMPACT;
  else if (st->all_integer && st->year_range)
    plan->tkind = TIME_KIND_YEAR;
  else
    plan->tkind = TIME_KIND_PLAIN;
  plan->tcol = j;
  st->type = ELMAN_COLUMN_TIME;
  return TRUE;
}

/**
 * elman_loader_choose_columns:
 *
 * Fills @plan: the time column (if any), the value column (as the user
 * asked, else the last numeric column), and how messages name them.
 *
 * Returns: FALSE with @error set when there is no such column
 */
/* Mostly malformed numbers ("3 apples", "1.2.3", "1/2/2020 10:00"). */
static gboolean
column_is_number_like_text (const ElmanColumnStats *st)
{
  return st->type == ELMAN_COLUMN_NUMERIC && st->n_malformed > 0 &&
         2 * st->n_malformed > st->n_num;
}

/* Columns of text that starts with digits are numeric while nothing
 * better is there (so that "12,3x" is refused by its line); with a column
 * of real numbers beside them they are text, and never the series. */
static void
demote_number_like_text (ElmanLayout *layout)
{
  gboolean numbers = FALSE;

  for (int j = 0; j < layout->n_columns && !numbers; j++)
    numbers = layout->stats[j].type == ELMAN_COLUMN_NUMERIC &&
              layout->stats[j].n_num > layout->stats[j].n_malformed &&
              !column_is_number_like_text (&layout->stats[j]);
  if (!numbers)
    return;
  for (int j = 0; j < layout->n_columns; j++)
    if (column_is_number_like_text (&layout->stats[j]))
      layout->stats[j].type = ELMAN_COLUMN_TEXT;
}

gboolean
elman_loader_choose_columns (ElmanLayout            *layout,
                             const ElmanLoadOptions *opts,
                             ElmanLoadPlan          *plan,
                             const char             *name,
                             GError                **error)
{
  int wide_year = -1;

  demote_number_like_text (layout);
  if (opts->time_column != NULL)
    {
      if (!choose_named_time_column (layout, opts->time_column, plan, name, error))
        return FALSE;
    }
  else
    choose_time_column (layout, plan);
  detect_wide (layout, plan, &wide_year);
  if (opts->wide)
    {
      ElmanSampleRecord *first = g_ptr_array_index (layout->sample, 0);

      if (plan->wide == 0)
        {
          elman_loader_fail (error, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN, name, first->line,
                             _("not a wide table: a year column followed by 12 month columns "
                               "(Jan … Dec) or 4 quarter columns (Q1 … Q4) is needed"));
          return FALSE;
        }
      /* every value column of the row, in time order */
      if (plan->tcol >= 0 && plan->tcol != wide_year)
        layout->stats[plan->tcol].type = plan->tkind == TIME_KIND_ISO ? ELMAN_COLUMN_TIME : ELMAN_COLUMN_NUMERIC;
      g_clear_pointer (&plan->time_note, g_free);
      plan->tcol = wide_year;
      plan->tcol2 = -1;
      plan->tkind = TIME_KIND_YEAR_PART;
      plan->part_months = 12 / plan->wide;
      plan->vcol = plan->wide_first;
      plan->wide_read = TRUE;
      layout->stats[wide_year].type = ELMAN_COLUMN_TIME;
    }
  else if (!choose_value_column (layout, opts, plan, name, error))
    return FALSE;

  plan->need = MAX (MAX (plan->vcol, plan->tcol), plan->tcol2) + 1;
  if (opts->wide)
    plan->need = MAX (plan->need, plan->wide_first + plan->wide);
  plan->decimal = layout->decimal;
  plan->thousands = layout->thousands;
  plan->missing = opts->missing;
  plan->n_columns = layout->n_columns;
  plan->vlabel = column_label_text (layout, plan->vcol);
  plan->tlabel = column_label_text (layout, plan->tcol);
  return TRUE;
}
