/* elman-series-loader-csv.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RFC 4180 records read in place: quotes, doubled quotes, line ends
 * inside quotes, LF, CRLF and CR; UTF-8 validated on the way. */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-series-loader-private.h"

void
elman_loader_lexer_init (ElmanLexer *lx,
                         char        delim)
{
  lx->delim = delim;
  memset (lx->cls, CLS_PLAIN, sizeof lx->cls);
  memset (lx->qcls, CLS_PLAIN, sizeof lx->qcls);
  for (int c = 0; c < 0x20; c++)
    lx->cls[c] = lx->qcls[c] = CLS_CHECK;
  for (int c = 0x7f; c < 0x100; c++)
    lx->cls[c] = lx->qcls[c] = CLS_CHECK;
  lx->cls['\t'] = lx->qcls['\t'] = CLS_PLAIN;
  lx->cls['\n'] = lx->cls['\r'] = CLS_STOP;
  lx->qcls['\n'] = lx->qcls['\r'] = lx->qcls['"'] = CLS_QUOTE;
  if (delim == ' ')
    lx->cls[' '] = lx->cls['\t'] = CLS_STOP;
  else if (delim != 0)
    lx->cls[(guchar) delim] = CLS_STOP;
}

void
elman_loader_cursor_init (ElmanCursor      *c,
                          const ElmanLexer *lx,
                          const char       *p,
                          const char       *end,
                          guint64           line)
{
  memset (c, 0, sizeof *c);
  c->lx = lx;
  c->p = p;
  c->end = end;
  c->line = line;
  c->cap_fields = 16;
  c->fields = g_new (ElmanField, c->cap_fields);
}

void
elman_loader_cursor_clear (ElmanCursor *c)
{
  g_clear_pointer (&c->fields, g_free);
  g_clear_pointer (&c->err.msg, g_free);
}

/* Keeps the first error only. */
void
elman_load_error_set (ElmanLoadError *err,
                      int             code,
                      guint64         line,
                      const char     *format,
                      ...)
{
  va_list args;

  if (err->msg != NULL)
    return;
  va_start (args, format);
  err->code = code;
  err->line = line;
  err->msg = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Length of the valid UTF-8 sequence at p, or 0 (overlong forms,
 * surrogates and code points above U+10FFFF are invalid). */
static gsize
utf8_sequence (const guchar *p,
               gsize         avail)
{
  guchar c = p[0];
  gsize n;

  if (c < 0xc2 || c > 0xf4)
    return 0;
  n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  if (avail < n)
    return 0;
  for (gsize k = 1; k < n; k++)
    if ((p[k] & 0xc0) != 0x80)
      return 0;
  if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
      (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
    return 0;
  return n;
}

/* A CLS_CHECK byte: skip a valid UTF-8 sequence, refuse anything else. */
static gboolean
cursor_check_byte (ElmanCursor *c,
                   const char **pp)
{
  const guchar *p = (const guchar *) *pp;
  gsize n;

  if (*p == '\t')
    {
      (*pp)++;
      return TRUE;
    }
  if (*p < 0x80 || (n = utf8_sequence (p, (gsize) (c->end - *pp))) == 0)
    {
      if (*p < 0x80)
        elman_load_error_set (&c->err, ELMAN_SERIES_ERROR_ENCODING, c->line,
                     _("binary data (byte 0x%02X), not a text file"), *p);
      else
        elman_load_error_set (&c->err, ELMAN_SERIES_ERROR_ENCODING, c->line,
                     _("not UTF-8 text (byte 0x%02X); save the file as UTF-8"), *p);
      return FALSE;
    }
  *pp += n;
  return TRUE;
}

static inline gboolean
is_blank (const ElmanLexer *lx,
          char              ch)
{
  return ch == ' ' || (ch == '\t' && lx->delim != '\t');
}

/* Reads one record into c->fields.  Returns 1, 0 at the end, -1 on error. */
int
elman_loader_cursor_next (ElmanCursor *c)
{
  const ElmanLexer *lx = c->lx;
  const char *p = c->p;
  const char *end = c->end;
  const gboolean ws = lx->delim == ' ';

  c->n_fields = 0;
  c->rec_line = c->line;
  if (p >= end)
    return 0;

  for (;;)
    {
      ElmanField f;

      while (p < end && is_blank (lx, *p))
        p++;

      if (p < end && *p == '"')
        {
          guint64 open_line = c->line;

          f.s = ++p;
          f.quoted = 1;
          f.escaped = 0;
          for (;;)
            {
              while (p < end && lx->qcls[(guchar) *p] == CLS_PLAIN)
                p++;
              if (p >= end)
                {
                  c->p = p;
                  elman_load_error_set (&c->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, open_line,
                               _("a quoted field is never closed"));
                  return -1;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      f.escaped = 1;
                      p += 2;
                      continue;
                    }
                  break;
                }
              if (*p == '\n')
                {
                  c->line++;
                  p++;
                }
              else if (*p == '\r')
                {
                  c->line++;
                  p++;
                  if (p < end && *p == '\n')
                    p++;
                }
              else if (!cursor_check_byte (c, &p))
                return -1;
            }
          f.len = (gsize) (p - f.s);
          p++;
          while (p < end && is_blank (lx, *p))
            p++;
          if (p < end && *p != '\n' && *p != '\r' &&
              (ws ? p[-1] != ' ' && p[-1] != '\t' : *p != lx->delim))
            {
              elman_load_error_set (&c->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c->line,
                           _("unexpected text after a closing quote"));
              return -1;
            }
        }
      else
        {
          f.s = p;
          f.quoted = 0;
          f.escaped = 0;
          for (;;)
            {
              while (p < end && lx->cls[(guchar) *p] == CLS_PLAIN)
                p++;
              if (p >= end || lx->cls[(guchar) *p] == CLS_STOP)
                break;
              if (!cursor_check_byte (c, &p))
                return -1;
            }
          f.len = (gsize) (p - f.s);
          while (f.len > 0 && is_blank (lx, f.s[f.len - 1]))
            f.len--;
        }

      if (G_UNLIKELY (c->n_fields == c->cap_fields))
        {
          if (c->n_fields >= ELMAN_LOADER_MAX_FIELDS)
            {
              elman_load_error_set (&c->err, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c->rec_line,
                                    _("more than %u fields in a record"),
                                    (guint) ELMAN_LOADER_MAX_FIELDS);
              return -1;
            }
          c->cap_fields = MIN (c->cap_fields * 2, ELMAN_LOADER_MAX_FIELDS);
          c->fields = g_renew (ElmanField, c->fields, c->cap_fields);
        }
      c->fields[c->n_fields++] = f;

      if (p >= end)
        break;
      if (ws)
        {
          while (p < end && (*p == ' ' || *p == '\t'))
            p++;
          if (p >= end)
            break;
          if (*p != '\n' && *p != '\r')
            continue;
        }
      else if (*p == lx->delim)
        {
          p++;
          continue;
        }
      /* line end */
      if (*p == '\r')
        {
          p++;
          if (p < end && *p == '\n')
            p++;
        }
      else
        p++;
      c->line++;
      break;
    }

  c->p = p;
  return 1;
}

gboolean
elman_loader_cursor_record_blank (const ElmanCursor *c)
{
  for (guint i = 0; i < c->n_fields; i++)
    if (c->fields[i].len > 0 || c->fields[i].quoted)
      return FALSE;
  return TRUE;
}

/* The field's text with doubled quotes undone; points into the data when
 * there were none, else into scratch. */
const char *
elman_loader_field_text (const ElmanField *f,
                         GString          *scratch,
                         gsize            *len)
{
  if (!f->escaped)
    {
      *len = f->len;
      return f->s;
    }
  g_string_truncate (scratch, 0);
  for (gsize i = 0; i < f->len; i++)
    {
      g_string_append_c (scratch, f->s[i]);
      if (f->s[i] == '"')
        i++;
    }
  *len = scratch->len;
  return scratch->str;
}

/* A copy of the field's text for the sample.  A field longer than
 * SAMPLE_FIELD_BYTES is cut there (not inside a UTF-8 sequence) and ends
 * in "…", which no number or date does: a field of a gigabyte costs the
 * sample four kilobytes and reads as text. */
char *
elman_loader_field_dup (const ElmanField *f)
{
  g_autoptr(GString) scratch = NULL;
  ElmanField head = *f;
  const char *s;
  gsize len;

  if (f->len > SAMPLE_FIELD_BYTES)
    {
      head.len = SAMPLE_FIELD_BYTES;
      while (head.len > 0 && ((guchar) f->s[head.len] & 0xc0) == 0x80)
        head.len--;
    }
  scratch = g_string_new (NULL);
  s = elman_loader_field_text (&head, scratch, &len);
  if (head.len < f->len)
    {
      char *out = g_malloc (len + sizeof "…");

      memcpy (out, s, len);
      memcpy (out + len, "…", sizeof "…");
      return out;
    }
  return g_strndup (s, len);
}

/* For messages: the field as found, on one line (line ends and tabs
 * inside quotes shown as \n, \r, \t) and shortened. */
char *
elman_loader_field_show (const char *s,
                         gsize       len)
{
  const gsize max = 40;
  GString *out = g_string_sized_new (MIN (len, max) + 8);
  gsize i;

  for (i = 0; i < len && out->len < max; i++)
    {
      if (s[i] == '\n')
        g_string_append (out, "\\n");
      else if (s[i] == '\r')
        g_string_append (out, "\\r");
      else if (s[i] == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, s[i]);
    }
  if (i < len)
    {
      /* don't cut a UTF-8 sequence */
      while (i < len && ((guchar) s[i] & 0xc0) == 0x80)
        g_string_append_c (out, s[i++]);
      if (i < len)
        g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

char *
elman_loader_name_show (const char *name)
{
  return elman_loader_field_show (name, strlen (name));
}

gboolean
elman_loader_is_missing (const char *s,
                         gsize       len)
{
  static const char *const tokens[] = { "na", "n/a", "#n/a", "nan", "null", "none" };

  if (len == 0 || (len == 1 && s[0] == '-'))
    return TRUE;
  if (len > 4)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    if (strlen (tokens[i]) == len && g_ascii_strncasecmp (s, tokens[i], len) == 0)
      return TRUE;
  return FALSE;
}
