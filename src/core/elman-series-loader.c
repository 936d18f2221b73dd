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
 *
 * Every refusal names the file, the line and what was found.  Errors are
 * collected as (line, text) and only formatted as "file:line: text" at the
 * end, because the second thread does not know its first line number
 * until the first one is done.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "elman-series-loader.h"

#define SAMPLE_RECORDS   200
#define SNIFF_RECORDS    64
#define SPLIT_MIN_BYTES  (8 * 1024 * 1024)
#define DISCARD_STEP     (16 * 1024 * 1024)
#define MAP_MIN_BYTES    (16 * 1024 * 1024)

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* Powers of ten that are exact in a double. */
static const double pow10_exact[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static ElmanNumberStatus
parse_number_slow (const char *text,
                   gsize       length,
                   char        decimal,
                   char        thousands,
                   double     *value)
{
  char stack_buf[128];
  g_autofree char *heap_buf = NULL;
  char *buf = stack_buf;
  char *end = NULL;
  gsize j = 0;
  double v;

  if (length + 1 > sizeof stack_buf)
    buf = heap_buf = g_malloc (length + 1);

  /* The text was validated by the caller: only the thousands separators
   * go and the decimal mark becomes '.', what g_ascii_strtod() wants. */
  for (gsize i = 0; i < length; i++)
    {
      char ch = text[i];

      if (thousands != 0 && ch == thousands)
        continue;
      buf[j++] = ch == decimal ? '.' : ch;
    }
  buf[j] = '\0';

  errno = 0;
  v = g_ascii_strtod (buf, &end);
  if (end != buf + j)
    return ELMAN_NUMBER_INVALID;
  if (isinf (v) || fabs (v) > ELMAN_NUMBER_MAX)
    return ELMAN_NUMBER_OUT_OF_RANGE;

  *value = v;
  return ELMAN_NUMBER_OK;
}

/**
 * elman_parse_number:
 * @text: the field, without surrounding spaces (need not be nul-terminated)
 * @length: its length
 * @decimal: the decimal mark, `.` or `,` (0 means `.`)
 * @thousands: the thousands separator to accept, or 0
 * @value: (out): the number
 *
 * Parses `[+-]digits[.digits][e[+-]digits]` independently of the locale.
 * Numbers with at most 15 significant digits and a decimal exponent within
 * ±22 take an exact fast path (one correctly rounded multiplication or
 * division of two exact doubles); all others go through g_ascii_strtod().
 * Either way the result is the correctly rounded double.
 *
 * Returns: %ELMAN_NUMBER_OK, or why @text is not an acceptable number
 */
ElmanNumberStatus
elman_parse_number (const char *text,
                    gsize       length,
                    char        decimal,
                    char        thousands,
                    double     *value)
{
  const guchar *s = (const guchar *) text;
  gsize i = 0;
  gboolean neg = FALSE;
  gboolean any = FALSE;
  gboolean overflow = FALSE;
  guint64 mant = 0;
  int ndig = 0;
  gint64 exp10 = 0;
  int lead = 0;       /* integer digits before the first separator */
  int group = -1;     /* digits since the last separator, -1: none yet */

  if (decimal == 0)
    decimal = '.';
  if (thousands == decimal)
    thousands = 0;

  if (length == 0)
    return ELMAN_NUMBER_INVALID;

  if (s[0] == '+' || s[0] == '-')
    {
      neg = s[0] == '-';
      i++;
    }

  if ((length - i == 3 && g_ascii_strncasecmp (text + i, "inf", 3) == 0) ||
      (length - i == 8 && g_ascii_strncasecmp (text + i, "infinity", 8) == 0))
    return ELMAN_NUMBER_INFINITE;

  for (; i < length; i++)
    {
      guint d = (guint) s[i] - '0';

      if (d <= 9)
        {
          any = TRUE;
          if (group >= 0)
            {
              if (++group > 3)
                return ELMAN_NUMBER_INVALID;
            }
          else
            lead++;

          if (mant == 0 && d == 0)
            continue;
          if (ndig < 19)
            {
              mant = mant * 10 + d;
              ndig++;
            }
          else
            {
              overflow = TRUE;
              exp10++;
            }
        }
      else if (thousands != 0 && s[i] == (guchar) thousands && any)
        {
          if (group >= 0 ? group != 3 : lead > 3)
            return ELMAN_NUMBER_INVALID;
          group = 0;
        }
      else
        break;
    }
  if (group >= 0 && group != 3)
    return ELMAN_NUMBER_INVALID;

  if (i < length && s[i] == (guchar) decimal)
    {
      for (i++; i < length; i++)
        {
          guint d = (guint) s[i] - '0';

          if (d > 9)
            break;
          any = TRUE;
          if (mant == 0 && d == 0)
            exp10--;
          else if (ndig < 19)
            {
              mant = mant * 10 + d;
              ndig++;
              exp10--;
            }
          else
            overflow = TRUE;
        }
    }

  if (!any)
    return ELMAN_NUMBER_INVALID;

  if (i < length && (s[i] == 'e' || s[i] == 'E'))
    {
      gboolean eneg = FALSE;
      gint64 e = 0;

      i++;
      if (i < length && (s[i] == '+' || s[i] == '-'))
        {
          eneg = s[i] == '-';
          i++;
        }
      if (i >= length || s[i] < '0' || s[i] > '9')
        return ELMAN_NUMBER_INVALID;
      for (; i < length && s[i] >= '0' && s[i] <= '9'; i++)
        if (e < 1000000)
          e = e * 10 + (s[i] - '0');
      exp10 += eneg ? -e : e;
    }

  if (i != length)
    return ELMAN_NUMBER_INVALID;

  if (mant == 0)
    {
      *value = neg ? -0.0 : 0.0;
      return ELMAN_NUMBER_OK;
    }

  if (!overflow && ndig <= 15 && exp10 >= -22 && exp10 <= 22)
    {
      /* mant < 10^15 < 2^53 and 10^|exp10| are exact doubles, so one
       * IEEE operation rounds the exact quotient/product correctly. */
      double v = (double) mant;

      v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
      *value = neg ? -v : v;
      return ELMAN_NUMBER_OK;
    }

  return parse_number_slow (text, length, decimal, thousands, value);
}

/* ------------------------------------------------------------------ */
/* Dates and times                                                     */
/* ------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, y, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = y + (*month <= 2);
}

static int
days_in_month (gint64 y,
               int    m)
{
  static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dim[m - 1];
}

static gboolean
read_digits (const guchar *s,
             gsize         len,
             gsize        *i,
             int           min,
             int           max,
             int          *out)
{
  int n = 0, v = 0;

  while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9')
    {
      v = v * 10 + (s[*i] - '0');
      (*i)++;
      n++;
    }
  *out = v;
  return n >= min;
}

/* ISO 8601 dates and date-times: YYYY-MM, YYYY-Qn, YYYY-MM-DD (also with
 * '/'), each date optionally followed by 'T' or ' ' and HH:MM[:SS[.fff]]
 * and a zone (Z, ±HH, ±HHMM, ±HH:MM).  Without a zone, UTC. */
static gboolean
parse_iso (const char *text,
           gsize       len,
           gboolean    allow_year,
           double     *seconds)
{
  const guchar *s = (const guchar *) text;
  gsize i = 0;
  int year, month = 1, day = 1, hour = 0, minute = 0;
  double sec = 0, offset = 0;
  guchar sep;

  if (!read_digits (s, len, &i, 4, 4, &year))
    return FALSE;
  if (i == len)
    {
      if (!allow_year)
        return FALSE;
      goto done;
    }
  sep = s[i];
  if (sep != '-' && sep != '/')
    return FALSE;
  i++;
  if (i < len && (s[i] == 'Q' || s[i] == 'q') && sep == '-')
    {
      int q;

      i++;
      if (!read_digits (s, len, &i, 1, 1, &q) || q < 1 || q > 4 || i != len)
        return FALSE;
      month = 3 * (q - 1) + 1;
      goto done;
    }
  if (!read_digits (s, len, &i, 1, 2, &month) || month < 1 || month > 12)
    return FALSE;
  if (i == len)
    goto done;
  if (s[i] != sep)
    return FALSE;
  i++;
  if (!read_digits (s, len, &i, 1, 2, &day) || day < 1 ||
      day > days_in_month (year, month))
    return FALSE;
  if (i == len)
    goto done;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
    return FALSE;
  i++;
  if (!read_digits (s, len, &i, 2, 2, &hour) || hour > 23)
    return FALSE;
  if (i >= len || s[i] != ':')
    return FALSE;
  i++;
  if (!read_digits (s, len, &i, 2, 2, &minute) || minute > 59)
    return FALSE;
  if (i < len && s[i] == ':')
    {
      int isec;

      i++;
      if (!read_digits (s, len, &i, 2, 2, &isec) || isec > 60)
        return FALSE;
      sec = isec;
      if (i < len && (s[i] == '.' || s[i] == ','))
        {
          double scale = 0.1;

          i++;
          if (i >= len || s[i] < '0' || s[i] > '9')
            return FALSE;
          for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, scale /= 10)
            sec += (s[i] - '0') * scale;
        }
    }
  if (i < len && (s[i] == 'Z' || s[i] == 'z'))
    i++;
  else if (i < len && (s[i] == '+' || s[i] == '-'))
    {
      int sign = s[i] == '-' ? -1 : 1;
      int oh, om = 0;

      i++;
      if (!read_digits (s, len, &i, 2, 2, &oh) || oh > 14)
        return FALSE;
      if (i < len && s[i] == ':')
        i++;
      if (i < len && !read_digits (s, len, &i, 2, 2, &om))
        return FALSE;
      if (om > 59)
        return FALSE;
      offset = sign * (oh * 3600.0 + om * 60.0);
    }
  if (i != len)
    return FALSE;

done:
  *seconds = (double) days_from_civil (year, month, day) * 86400.0
             + hour * 3600.0 + minute * 60.0 + sec - offset;
  return TRUE;
}

/**
 * elman_parse_time:
 * @text: an ISO 8601 date or date-time (or a year), not nul-terminated
 * @seconds: (out): seconds since 1970-01-01 UTC
 *
 * Returns: whether @text is a date or date-time the loader accepts
 */
gboolean
elman_parse_time (const char *text,
                  gsize       length,
                  double     *seconds)
{
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (seconds != NULL, FALSE);

  return parse_iso (text, length, TRUE, seconds);
}

/**
 * elman_format_double:
 * @buf: where to write, at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 *
 * Writes @value in the C locale with the fewest significant digits (15,
 * 16 or 17) that read back to exactly @value: 10.3272 stays "10.3272"
 * rather than "10.327199999999999", and nothing is lost.
 *
 * Returns: @buf
 */
const char *
elman_format_double (char   *buf,
                     gsize   size,
                     double  value)
{
  static const char *const formats[] = { "%.15g", "%.16g" };

  g_return_val_if_fail (size >= G_ASCII_DTOSTR_BUF_SIZE, NULL);

  if (isfinite (value))
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_ascii_formatd (buf, (int) size, formats[i], value);
        if (g_ascii_strtod (buf, NULL) == value)
          return buf;
      }
  return g_ascii_formatd (buf, (int) size, "%.17g", value);
}

/**
 * elman_format_time:
 * @seconds: seconds since 1970-01-01 UTC
 *
 * Returns: (transfer full): `YYYY-MM-DD` at midnight, else
 *   `YYYY-MM-DDTHH:MM:SSZ`
 */
char *
elman_format_time (double seconds)
{
  double fdays = floor (seconds / 86400.0);
  double rem = seconds - fdays * 86400.0;
  gint64 year;
  int month, day, isec;

  if (!isfinite (seconds) || fabs (fdays) > 1e9)
    return g_strdup_printf ("%.17g", seconds);

  civil_from_days ((gint64) fdays, &year, &month, &day);
  isec = (int) rem;
  if (rem == 0)
    return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02d", year, month, day);
  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02dT%02d:%02d:%02dZ",
                          year, month, day, isec / 3600, isec / 60 % 60, isec % 60);
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

enum
{
  CLS_PLAIN = 0,
  CLS_STOP,        /* delimiter or line end */
  CLS_CHECK,       /* control character or non-ASCII: validate */
  CLS_QUOTE,
};

typedef struct
{
  char   delim;        /* 0: one column; ' ': runs of spaces and tabs */
  guint8 cls[256];     /* unquoted fields */
  guint8 qcls[256];    /* inside quotes */
} Lexer;

typedef struct
{
  const char *s;
  gsize       len;
  guint       quoted : 1;
  guint       escaped : 1;   /* contains doubled quotes */
} Field;

typedef struct
{
  const Lexer *lx;
  const char  *p;
  const char  *end;
  guint64      line;         /* line of p */
  guint64      rec_line;     /* line where the last record began */
  Field       *fields;
  guint        n_fields;
  guint        cap_fields;
  /* the first error, without "file:line: " */
  int          err_code;
  guint64      err_line;
  char        *err_msg;
} Cursor;

static void
lexer_init (Lexer *lx,
            char   delim)
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

static void
cursor_init (Cursor      *c,
             const Lexer *lx,
             const char  *p,
             const char  *end,
             guint64      line)
{
  memset (c, 0, sizeof *c);
  c->lx = lx;
  c->p = p;
  c->end = end;
  c->line = line;
  c->cap_fields = 16;
  c->fields = g_new (Field, c->cap_fields);
}

static void
cursor_clear (Cursor *c)
{
  g_clear_pointer (&c->fields, g_free);
  g_clear_pointer (&c->err_msg, g_free);
}

G_GNUC_PRINTF (4, 5)
static void
cursor_fail (Cursor     *c,
             int         code,
             guint64     line,
             const char *format,
             ...)
{
  va_list args;

  if (c->err_msg != NULL)
    return;
  va_start (args, format);
  c->err_code = code;
  c->err_line = line;
  c->err_msg = g_strdup_vprintf (format, args);
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
cursor_check_byte (Cursor      *c,
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
        cursor_fail (c, ELMAN_SERIES_ERROR_ENCODING, c->line,
                     _("binary data (byte 0x%02X), not a text file"), *p);
      else
        cursor_fail (c, ELMAN_SERIES_ERROR_ENCODING, c->line,
                     _("not UTF-8 text (byte 0x%02X); save the file as UTF-8"), *p);
      return FALSE;
    }
  *pp += n;
  return TRUE;
}

static inline gboolean
is_blank (const Lexer *lx,
          char         ch)
{
  return ch == ' ' || (ch == '\t' && lx->delim != '\t');
}

/* Reads one record into c->fields.  Returns 1, 0 at the end, -1 on error. */
static int
cursor_next (Cursor *c)
{
  const Lexer *lx = c->lx;
  const char *p = c->p;
  const char *end = c->end;
  const gboolean ws = lx->delim == ' ';

  c->n_fields = 0;
  c->rec_line = c->line;
  if (p >= end)
    return 0;

  for (;;)
    {
      Field f;

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
                  cursor_fail (c, ELMAN_SERIES_ERROR_NOT_A_NUMBER, open_line,
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
              cursor_fail (c, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c->line,
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
          c->cap_fields *= 2;
          c->fields = g_renew (Field, c->fields, c->cap_fields);
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

static gboolean
cursor_record_blank (const Cursor *c)
{
  for (guint i = 0; i < c->n_fields; i++)
    if (c->fields[i].len > 0 || c->fields[i].quoted)
      return FALSE;
  return TRUE;
}

/* The field's text with doubled quotes undone; points into the data when
 * there were none, else into scratch. */
static const char *
field_text (const Field *f,
            GString     *scratch,
            gsize       *len)
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

static char *
field_dup (const Field *f)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *s;
  gsize len;

  s = field_text (f, scratch, &len);
  return g_strndup (s, len);
}

/* For messages: the field as found, on one line (line ends and tabs
 * inside quotes shown as \n, \r, \t) and shortened. */
static char *
field_show (const char *s,
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

static char *
name_show (const char *name)
{
  return field_show (name, strlen (name));
}

static inline void
trim (const char **s,
      gsize       *len)
{
  while (*len > 0 && (**s == ' ' || **s == '\t'))
    {
      (*s)++;
      (*len)--;
    }
  while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

static gboolean
is_missing (const char *s,
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

/* ------------------------------------------------------------------ */
/* Detection                                                           */
/* ------------------------------------------------------------------ */

/* Counts the candidate delimiters outside quotes in the first records;
 * the one that appears the same number of times (at least once) in every
 * record wins; ties go to tab, ';', '|', ',' in that order, so that
 * "1,5;2,5" is two fields with decimal commas.  Failing that, runs of
 * spaces; failing that, one column. */
static char
detect_delimiter (const char *p,
                  const char *end,
                  gboolean    decimal_comma)
{
  static const char candidates[] = { '\t', ';', '|', ',' };
  int counts[SNIFF_RECORDS][G_N_ELEMENTS (candidates)];
  int spaced[SNIFF_RECORDS];
  int n = 0;
  gboolean in_quotes = FALSE;

  memset (counts, 0, sizeof counts);
  memset (spaced, 0, sizeof spaced);

  while (p < end && n < SNIFF_RECORDS)
    {
      int cur[G_N_ELEMENTS (candidates)] = { 0 };
      int fields = 0;
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
      if (p < end)
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
        }
      if (!content)
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

typedef enum
{
  KIND_MISSING,
  KIND_INTEGER,
  KIND_NUMBER,
  KIND_TIME,
  KIND_TEXT,
} FieldKind;

static gboolean
is_integer_text (const char *s,
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

static FieldKind
classify (const char *s,
          gsize       len,
          char        decimal,
          char        thousands,
          double     *value)
{
  ElmanNumberStatus status;

  trim (&s, &len);
  if (is_missing (s, len))
    return KIND_MISSING;
  status = elman_parse_number (s, len, decimal, thousands, value);
  if (status == ELMAN_NUMBER_OK)
    return is_integer_text (s, len) ? KIND_INTEGER : KIND_NUMBER;
  if (parse_iso (s, len, FALSE, value))
    return KIND_TIME;
  /* no value to compare for the kinds below */
  *value = NAN;
  /* Infinities and malformed numbers ("12,3x") still make a numeric
   * column: the main pass then says precisely what is wrong where. */
  if (status != ELMAN_NUMBER_INVALID)
    return KIND_NUMBER;
  /* likewise a malformed date ("2020-02-30") keeps a time column */
  if (len > 4 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) &&
      g_ascii_isdigit (s[2]) && g_ascii_isdigit (s[3]) && (s[4] == '-' || s[4] == '/'))
    return KIND_TIME;
  if (len > 0 && (s[0] == '+' || s[0] == '-'))
    {
      s++;
      len--;
    }
  if (len > 0 && (g_ascii_isdigit (s[0]) || (s[0] == '.' && len > 1 && g_ascii_isdigit (s[1]))))
    return KIND_NUMBER;
  return KIND_TEXT;
}

typedef enum
{
  TIME_NONE,
  TIME_ISO,
  TIME_YEAR,
  TIME_PLAIN,
} TimeKind;

typedef struct
{
  int       n_num;
  int       n_time;
  int       n_text;
  gboolean  all_integer;
  gboolean  increasing;      /* every number above the one before */
  gboolean  year_range;
  double    last;
  ElmanColumnType type;
} ColumnStats;

static gboolean
name_suggests_time (const char *name)
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

/* ------------------------------------------------------------------ */
/* Main pass                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  int                 vcol;
  int                 tcol;
  int                 need;          /* fields a record must have */
  TimeKind            tkind;
  char                decimal;
  char                thousands;
  ElmanMissingPolicy  missing;
  char               *vlabel;        /* "column \"units\": " or "" */
  char               *tlabel;
  int                 n_columns;
} Plan;

typedef struct
{
  const Lexer *lx;
  const Plan  *plan;
  const char  *start;
  const char  *end;
  guint64      line0;
  gboolean     discard;
  const char  *map_start;            /* page-aligned base, when discarding */

  double      *values;
  double      *times;
  gsize        n;
  gsize        cap;
  gsize        n_missing;
  gsize        n_dropped;
  guint64      line_end;             /* line after the last line end */
  guint64      last_line;            /* line of the last record */

  int          err_code;
  guint64      err_line;
  char        *err_msg;
} Chunk;

G_GNUC_PRINTF (4, 5)
static void
chunk_fail (Chunk      *ck,
            int         code,
            guint64     line,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  ck->err_code = code;
  ck->err_line = line;
  ck->err_msg = g_strdup_vprintf (format, args);
  va_end (args);
}

static void
chunk_grow (Chunk *ck)
{
  ck->cap = ck->cap < 1024 ? 1024 : ck->cap + ck->cap / 2;
  ck->values = g_renew (double, ck->values, ck->cap);
  if (ck->plan->tcol >= 0)
    ck->times = g_renew (double, ck->times, ck->cap);
}

static gboolean
parse_time_field (const Plan *plan,
                  const char *s,
                  gsize       len,
                  double     *t)
{
  switch (plan->tkind)
    {
    case TIME_ISO:
      return parse_iso (s, len, TRUE, t);

    case TIME_YEAR:
      {
        double y;

        if (elman_parse_number (s, len, '.', 0, &y) != ELMAN_NUMBER_OK ||
            y != floor (y) || fabs (y) > 1e6)
          return FALSE;
        *t = (double) days_from_civil ((gint64) y, 1, 1) * 86400.0;
        return TRUE;
      }

    case TIME_PLAIN:
      /* the file's own decimal mark: "0,5" in a ';' file */
      return elman_parse_number (s, len, plan->decimal, plan->thousands, t) == ELMAN_NUMBER_OK;

    case TIME_NONE:
    default:
      return FALSE;
    }
}

static gpointer
parse_chunk (gpointer data)
{
  Chunk *ck = data;
  const Plan *plan = ck->plan;
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *discarded = ck->map_start;
  Cursor c;
  int r;

  cursor_init (&c, ck->lx, ck->start, ck->end, ck->line0);

  while ((r = cursor_next (&c)) > 0)
    {
      const Field *vf;
      const char *s;
      gsize len;
      double t = 0, v;
      ElmanNumberStatus status;

      if (cursor_record_blank (&c))
        continue;
      ck->last_line = c.rec_line;

      if (G_UNLIKELY ((int) c.n_fields < plan->need))
        {
          chunk_fail (ck, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                      _("expected %d fields, found %u"), plan->n_columns, c.n_fields);
          break;
        }

      if (plan->tcol >= 0)
        {
          const Field *tf = &c.fields[plan->tcol];

          s = field_text (tf, scratch, &len);
          if (tf->quoted)
            trim (&s, &len);
          if (G_UNLIKELY (!parse_time_field (plan, s, len, &t)))
            {
              g_autofree char *shown = field_show (s, len);

              if (is_missing (s, len) && plan->missing == ELMAN_MISSING_DROP)
                {
                  ck->n_dropped++;
                  continue;
                }
              if (is_missing (s, len))
                chunk_fail (ck, ELMAN_SERIES_ERROR_MISSING, c.rec_line,
                            _("%smissing time (\"%s\")"), plan->tlabel, shown);
              else
                chunk_fail (ck, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                            _("%s\"%s\" is not a date or time"), plan->tlabel, shown);
              break;
            }
        }

      vf = &c.fields[plan->vcol];
      s = field_text (vf, scratch, &len);
      if (vf->quoted)
        trim (&s, &len);
      status = elman_parse_number (s, len, plan->decimal, plan->thousands, &v);
      if (G_UNLIKELY (status != ELMAN_NUMBER_OK))
        {
          g_autofree char *shown = field_show (s, len);

          if (status == ELMAN_NUMBER_INVALID && is_missing (s, len))
            {
              ck->n_missing++;
              if (plan->missing == ELMAN_MISSING_DROP)
                {
                  ck->n_dropped++;
                  continue;
                }
              if (plan->missing == ELMAN_MISSING_ERROR)
                {
                  if (len == 0)
                    chunk_fail (ck, ELMAN_SERIES_ERROR_MISSING, c.rec_line,
                                _("%smissing value (empty field)"), plan->vlabel);
                  else
                    chunk_fail (ck, ELMAN_SERIES_ERROR_MISSING, c.rec_line,
                                _("%smissing value (\"%s\")"), plan->vlabel, shown);
                  break;
                }
              v = NAN;  /* filled in afterwards */
            }
          else
            {
              if (status == ELMAN_NUMBER_INFINITE)
                chunk_fail (ck, ELMAN_SERIES_ERROR_OUT_OF_RANGE, c.rec_line,
                            _("%s\"%s\" is infinite"), plan->vlabel, shown);
              else if (status == ELMAN_NUMBER_OUT_OF_RANGE)
                chunk_fail (ck, ELMAN_SERIES_ERROR_OUT_OF_RANGE, c.rec_line,
                            _("%s\"%s\" is out of range (magnitude above 1e300)"),
                            plan->vlabel, shown);
              else
                chunk_fail (ck, ELMAN_SERIES_ERROR_NOT_A_NUMBER, c.rec_line,
                            _("%s\"%s\" is not a number"), plan->vlabel, shown);
              break;
            }
        }

      if (G_UNLIKELY (ck->n == ck->cap))
        chunk_grow (ck);
      ck->values[ck->n] = v;
      if (ck->times != NULL)
        ck->times[ck->n] = t;
      ck->n++;

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

  if (r < 0 && ck->err_msg == NULL)
    {
      ck->err_code = c.err_code;
      ck->err_line = c.err_line;
      ck->err_msg = g_steal_pointer (&c.err_msg);
    }
  ck->line_end = c.line;
  cursor_clear (&c);
  return NULL;
}

static void
chunk_clear (Chunk *ck)
{
  g_clear_pointer (&ck->values, g_free);
  g_clear_pointer (&ck->times, g_free);
  g_clear_pointer (&ck->err_msg, g_free);
}

/* ------------------------------------------------------------------ */
/* After the pass                                                      */
/* ------------------------------------------------------------------ */

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

/* Whether plain numbers (an index, a sample number, seconds of an
 * experiment: not dates) step up evenly.  @constant says whether every
 * difference t[i] − t[i−1] equals the first one exactly.
 *
 * Integers below 2^53 and their differences are exact in doubles, so a
 * column of whole numbers is even only when every step is exactly the
 * same ("1, 2, 4" is not).  Fractions are not: "0.1" parses to the double
 * nearest 0.1, so each time is off by up to half a unit in the last place
 * (ulp) of its magnitude and each difference by up to one ulp of the
 * larger time; 0.1, 0.2, 0.3 differ by 0.1 and 0.09999999999999998.  A
 * fractional column is even when every step is within
 *
 *   1e-6 × step + 4 × DBL_EPSILON × max (|t[i−1]|, |t[i]|)
 *
 * of the overall step (t[n−1] − t[0]) / (n − 1).  The second term absorbs
 * the rounding of the parse at any magnitude (an ulp is at most 2^-52 of
 * the value); the first accepts a step that is no short decimal when the
 * times are written to a millionth of the step (steps of 1/3 written as
 * 0.3333333, 0.6666667, 1, but not as 0.333, 0.667, 1).  The overall step
 * does not accumulate the rounding of single steps, and it is the one
 * `elman-cli inspect` shows; a single missing row moves a step by 100 %,
 * far outside the tolerance.  Steps must be positive: decreasing or
 * repeated times stay irregular. */
static gboolean
plain_evenly_spaced (const double *t,
                     gsize         n,
                     gboolean      constant)
{
  gboolean integral = TRUE;
  double step;

  g_assert (n >= 2);

  for (gsize i = 0; i < n && integral; i++)
    integral = t[i] == floor (t[i]) && fabs (t[i]) <= 9007199254740992.0;   /* 2^53 */
  if (integral)
    return constant && t[1] > t[0];

  step = (t[n - 1] - t[0]) / (double) (n - 1);
  if (!(step > 0) || !isfinite (step))
    return FALSE;
  for (gsize i = 1; i < n; i++)
    {
      double d = t[i] - t[i - 1];
      double tol = 1e-6 * step + 4 * DBL_EPSILON * MAX (fabs (t[i - 1]), fabs (t[i]));

      /* false for NaN, too */
      if (!(fabs (d - step) <= tol))
        return FALSE;
    }
  return TRUE;
}

static ElmanFrequency
detect_frequency (const double *t,
                  gsize         n,
                  gboolean      is_date)
{
  double d0;
  gboolean constant = TRUE;
  int step = 0;

  if (n < 2)
    return ELMAN_FREQUENCY_IRREGULAR;

  d0 = t[1] - t[0];
  for (gsize i = 2; i < n && constant; i++)
    constant = t[i] - t[i - 1] == d0;
  if (constant)
    {
      if (d0 == 3600)
        return ELMAN_FREQUENCY_HOURLY;
      if (d0 == 86400)
        return ELMAN_FREQUENCY_DAILY;
      if (d0 == 7 * 86400)
        return ELMAN_FREQUENCY_WEEKLY;
    }
  if (!is_date)
    return plain_evenly_spaced (t, n, constant) ? ELMAN_FREQUENCY_REGULAR
                                                 : ELMAN_FREQUENCY_IRREGULAR;

  /* Calendar steps: same day of month and time of day, months apart. */
  {
    gint64 py = 0;
    int pm = 0, pd = 0;
    double tod0 = t[0] - floor (t[0] / 86400.0) * 86400.0;

    for (gsize i = 0; i < n; i++)
      {
        double fdays = floor (t[i] / 86400.0);
        gint64 y;
        int m, d;

        if (fabs (fdays) > 1e9 || t[i] - fdays * 86400.0 != tod0)
          return ELMAN_FREQUENCY_IRREGULAR;
        civil_from_days ((gint64) fdays, &y, &m, &d);
        if (i > 0)
          {
            gint64 s = (y - py) * 12 + (m - pm);

            if (d != pd || s <= 0 || s > 12 || (step != 0 && s != step))
              return ELMAN_FREQUENCY_IRREGULAR;
            step = (int) s;
          }
        py = y;
        pm = m;
        pd = d;
      }
  }
  switch (step)
    {
    case 1:  return ELMAN_FREQUENCY_MONTHLY;
    case 3:  return ELMAN_FREQUENCY_QUARTERLY;
    case 12: return ELMAN_FREQUENCY_YEARLY;
    default: return ELMAN_FREQUENCY_IRREGULAR;
    }
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

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
  g_free (info);
}

G_GNUC_PRINTF (5, 6)
static void
fail (GError     **error,
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

typedef struct
{
  GPtrArray *fields;     /* of char*, one record */
  GArray    *quoted;     /* of gboolean */
  guint64    line;
} SampleRecord;

static void
sample_record_free (gpointer data)
{
  SampleRecord *rec = data;

  g_ptr_array_unref (rec->fields);
  g_array_unref (rec->quoted);
  g_free (rec);
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
      shown = name_show (g_ptr_array_index (names, i));

      g_string_append_printf (s, "%s\"%s\"", i > 0 ? ", " : "", shown);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static ElmanSeries *
load (const char              *name,
      const char              *data,
      gsize                    length,
      const ElmanLoadOptions  *opts,
      gboolean                 discard,
      ElmanSeriesInfo        **info_out,
      GError                 **error)
{
  ElmanLoadOptions defaults;
  const char *p = data;
  const char *end = data + length;
  const char *body;
  guint64 body_line;
  Lexer lx;
  Cursor c;
  g_autoptr(GPtrArray) sample = g_ptr_array_new_with_free_func (sample_record_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree ColumnStats *stats = NULL;
  gboolean header = FALSE;
  int n_columns = 0;
  char decimal, thousands;
  Plan plan = { 0, };
  Chunk chunks[2];
  int n_chunks = 1;
  gsize n;
  double *values = NULL, *times = NULL;
  gsize n_interpolated = 0;
  ElmanFrequency frequency = ELMAN_FREQUENCY_NONE;
  ElmanSeriesInfo *info;
  ElmanSeries *series;
  gboolean dates;
  guint first_data;
  int r;

  if (opts == NULL)
    {
      elman_load_options_init (&defaults);
      opts = &defaults;
    }

  memset (chunks, 0, sizeof chunks);

  /* UTF-8 byte-order mark */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  /* ---- delimiter and the sample ---- */
  if (opts->delimiter != 0)
    lexer_init (&lx, opts->delimiter);
  else
    lexer_init (&lx, detect_delimiter (p, end, opts->decimal == ','));

  cursor_init (&c, &lx, p, end, 1);
  while (sample->len < SAMPLE_RECORDS && (r = cursor_next (&c)) != 0)
    {
      SampleRecord *rec;

      if (r < 0)
        {
          fail (error, c.err_code, name, c.err_line, "%s", c.err_msg);
          cursor_clear (&c);
          return NULL;
        }
      if (cursor_record_blank (&c))
        continue;
      rec = g_new0 (SampleRecord, 1);
      rec->fields = g_ptr_array_new_with_free_func (g_free);
      rec->quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
      rec->line = c.rec_line;
      for (guint i = 0; i < c.n_fields; i++)
        {
          gboolean q = c.fields[i].quoted;

          g_ptr_array_add (rec->fields, field_dup (&c.fields[i]));
          g_array_append_val (rec->quoted, q);
        }
      g_ptr_array_add (sample, rec);
    }
  cursor_clear (&c);

  if (sample->len == 0)
    {
      fail (error, ELMAN_SERIES_ERROR_EMPTY, name, 1, _("the file is empty"));
      return NULL;
    }

  /* ---- decimal mark ---- */
  thousands = opts->thousands;
  if (opts->decimal != 0)
    decimal = opts->decimal;
  else if (thousands == '.')
    decimal = ',';
  else if (thousands == ',' || lx.delim == ',')
    decimal = '.';
  else
    {
      int commas = 0, dots = 0;

      for (guint r2 = 0; r2 < sample->len; r2++)
        {
          SampleRecord *rec = g_ptr_array_index (sample, r2);

          for (guint i = 0; i < rec->fields->len; i++)
            {
              const char *s = g_ptr_array_index (rec->fields, i);
              gsize len = strlen (s);
              double v;

              if (strchr (s, ',') != NULL &&
                  elman_parse_number (s, len, ',', thousands, &v) == ELMAN_NUMBER_OK)
                commas++;
              else if (strchr (s, '.') != NULL &&
                       elman_parse_number (s, len, '.', thousands, &v) == ELMAN_NUMBER_OK)
                dots++;
            }
        }
      decimal = commas > 0 && dots == 0 ? ',' : '.';
    }

  /* ---- column types and the header ---- */
  for (guint r2 = 0; r2 < sample->len; r2++)
    {
      SampleRecord *rec = g_ptr_array_index (sample, r2);
      n_columns = MAX (n_columns, (int) rec->fields->len);
    }
  stats = g_new0 (ColumnStats, n_columns);

  for (int pass = 0; pass < 2; pass++)
    {
      /* pass 0: types of records 1…; pass 1 (no header): records 0… */
      first_data = pass == 0 ? 1 : 0;
      for (int j = 0; j < n_columns; j++)
        {
          ColumnStats *st = &stats[j];

          memset (st, 0, sizeof *st);
          st->all_integer = st->increasing = st->year_range = TRUE;
          st->last = -INFINITY;
        }
      for (guint r2 = first_data; r2 < sample->len; r2++)
        {
          SampleRecord *rec = g_ptr_array_index (sample, r2);

          for (guint j = 0; j < rec->fields->len; j++)
            {
              const char *s = g_ptr_array_index (rec->fields, j);
              ColumnStats *st = &stats[j];
              double v = 0;

              switch (classify (s, strlen (s), decimal, thousands, &v))
                {
                case KIND_INTEGER:
                  st->n_num++;
                  if (v <= st->last)
                    st->increasing = FALSE;
                  if (v < 1000 || v > 2999)
                    st->year_range = FALSE;
                  st->last = v;
                  break;
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
        }
      for (int j = 0; j < n_columns; j++)
        {
          ColumnStats *st = &stats[j];

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

      if (pass == 1)
        break;

      /* A header: the first record has text where the column below it
       * has numbers or times. */
      {
        SampleRecord *first = g_ptr_array_index (sample, 0);

        for (guint j = 0; j < first->fields->len && !header; j++)
          {
            const char *s = g_ptr_array_index (first->fields, j);
            double v;

            if (classify (s, strlen (s), decimal, thousands, &v) == KIND_TEXT &&
                (sample->len == 1 || stats[j].type != ELMAN_COLUMN_TEXT))
              header = TRUE;
          }
      }
      if (header)
        break;
    }

  /* column names */
  {
    SampleRecord *first = g_ptr_array_index (sample, 0);

    for (int j = 0; j < n_columns; j++)
      {
        if (header && j < (int) first->fields->len)
          g_ptr_array_add (names, g_strdup (g_ptr_array_index (first->fields, j)));
        else if (header)
          g_ptr_array_add (names, g_strdup (""));
        else
          g_ptr_array_add (names, g_strdup_printf ("%d", j));
      }
  }

  {
    SampleRecord *first = g_ptr_array_index (sample, 0);

    if (header && sample->len == 1)
      {
        fail (error, ELMAN_SERIES_ERROR_EMPTY, name, first->line,
              _("only a header, no data"));
        return NULL;
      }
  }

  /* ---- the time column ---- */
  plan.tcol = -1;
  plan.tkind = TIME_NONE;
  for (int j = 0; j < n_columns && plan.tcol < 0; j++)
    if (stats[j].type == ELMAN_COLUMN_TIME)
      {
        plan.tcol = j;
        plan.tkind = TIME_ISO;
      }
  if (plan.tcol < 0)
    {
      int n_numeric = 0;

      for (int j = 0; j < n_columns; j++)
        n_numeric += stats[j].type == ELMAN_COLUMN_NUMERIC;
      for (int j = 0; j < n_columns && plan.tcol < 0 && n_numeric >= 2; j++)
        {
          const char *cname = header ? g_ptr_array_index (names, j) : NULL;

          /* Integers: a column named like a time, or an increasing first
           * column.  Fractional numbers ("0.5, 1.0, 1.5"): only a column
           * named like a time, and increasing, since a first column of
           * measurements is more often fractional than an index is. */
          if (stats[j].type == ELMAN_COLUMN_NUMERIC &&
              (stats[j].all_integer
               ? name_suggests_time (cname) || (j == 0 && stats[j].increasing)
               : name_suggests_time (cname) && stats[j].increasing))
            {
              plan.tcol = j;
              plan.tkind = stats[j].all_integer &&
                           (stats[j].year_range ||
                            (cname != NULL && strstr (cname, "year") != NULL))
                           ? TIME_YEAR : TIME_PLAIN;
            }
        }
      if (plan.tcol >= 0)
        stats[plan.tcol].type = ELMAN_COLUMN_TIME;
    }

  /* ---- the value column ---- */
  {
    SampleRecord *first = g_ptr_array_index (sample, 0);
    guint64 header_line = first->line;

    plan.vcol = -1;
    if (opts->column != NULL)
      {
        for (int j = 0; j < n_columns && header && plan.vcol < 0; j++)
          if (strcmp (opts->column, g_ptr_array_index (names, j)) == 0)
            plan.vcol = j;
        for (int j = 0; j < n_columns && header && plan.vcol < 0; j++)
          if (g_ascii_strcasecmp (opts->column, g_ptr_array_index (names, j)) == 0)
            plan.vcol = j;
        if (plan.vcol < 0 && is_integer_text (opts->column, strlen (opts->column)) &&
            opts->column[0] != '-' && opts->column[0] != '+' &&
            strlen (opts->column) < 9 && atoi (opts->column) < n_columns)
          plan.vcol = atoi (opts->column);
        if (plan.vcol < 0)
          {
            if (header)
              {
                g_autofree char *list = column_list (names);

                g_autofree char *wanted = name_show (opts->column);

                fail (error, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN, name, header_line,
                      _("no column \"%s\" (columns: %s)"), wanted, list);
              }
            else
              {
                g_autofree char *wanted = name_show (opts->column);

                fail (error, ELMAN_SERIES_ERROR_NO_SUCH_COLUMN, name, header_line,
                      _("no column \"%s\": the file has no header and %d columns "
                        "(numbered from 0)"), wanted, n_columns);
              }
            return NULL;
          }
        if (plan.vcol == plan.tcol)
          {
            /* the user wants the numbers of the time column itself */
            if (plan.tkind != TIME_ISO)
              stats[plan.tcol].type = ELMAN_COLUMN_NUMERIC;
            plan.tcol = -1;
            plan.tkind = TIME_NONE;
          }
      }
    else
      {
        for (int j = n_columns - 1; j >= 0 && plan.vcol < 0; j--)
          if (stats[j].type == ELMAN_COLUMN_NUMERIC && j != plan.tcol)
            plan.vcol = j;
        if (plan.vcol < 0)
          {
            SampleRecord *data_rec = g_ptr_array_index (sample, header ? 1 : 0);

            fail (error, ELMAN_SERIES_ERROR_NO_NUMERIC_COLUMN, name, data_rec->line,
                  _("no numeric column"));
            return NULL;
          }
      }
  }

  plan.need = MAX (plan.vcol, plan.tcol) + 1;
  plan.decimal = decimal;
  plan.thousands = thousands;
  plan.missing = opts->missing;
  plan.n_columns = n_columns;
  if (n_columns == 1)
    plan.vlabel = g_strdup ("");
  else if (header)
    {
      g_autofree char *shown = name_show (g_ptr_array_index (names, plan.vcol));

      plan.vlabel = g_strdup_printf (_("column \"%s\": "), shown);
    }
  else
    plan.vlabel = g_strdup_printf (_("column %d: "), plan.vcol);
  if (plan.tcol >= 0 && header)
    {
      g_autofree char *shown = name_show (g_ptr_array_index (names, plan.tcol));

      plan.tlabel = g_strdup_printf (_("column \"%s\": "), shown);
    }
  else if (plan.tcol >= 0)
    plan.tlabel = g_strdup_printf (_("column %d: "), plan.tcol);
  else
    plan.tlabel = g_strdup ("");

  /* ---- the body: after the header, read once more from there ---- */
  cursor_init (&c, &lx, p, end, 1);
  if (header)
    {
      do
        r = cursor_next (&c);
      while (r > 0 && cursor_record_blank (&c));
    }
  body = c.p;
  body_line = c.line;
  cursor_clear (&c);

  {
    gsize body_len = (gsize) (end - body);
    gsize sample_bytes = 0;
    gsize avg = 16;
    const char *split = NULL;

    /* rough record length, to size the arrays once */
    {
      Cursor c2;
      guint k = 0;

      cursor_init (&c2, &lx, body, end, body_line);
      while (k < 64 && cursor_next (&c2) > 0)
        k++;
      sample_bytes = (gsize) (c2.p - body);
      cursor_clear (&c2);
      if (k > 0 && sample_bytes / k > 0)
        avg = sample_bytes / k;
    }

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

    chunks[0].lx = &lx;
    chunks[0].plan = &plan;
    chunks[0].start = body;
    chunks[0].end = split != NULL ? split : end;
    chunks[0].line0 = body_line;
    if (split != NULL)
      {
        n_chunks = 2;
        chunks[1].lx = &lx;
        chunks[1].plan = &plan;
        chunks[1].start = split;
        chunks[1].end = end;
        chunks[1].line0 = 1;
      }

    for (int k = 0; k < n_chunks; k++)
      {
        Chunk *ck = &chunks[k];
        gsize bytes = (gsize) (ck->end - ck->start);
        gsize cap = bytes / avg + bytes / avg / 16 + 16;

        cap = MIN (cap, bytes / 2 + 2);
        ck->cap = cap;
        ck->values = g_new (double, cap);
        if (plan.tcol >= 0)
          ck->times = g_new (double, cap);
        if (discard)
          {
            ck->discard = TRUE;
            ck->map_start = (const char *) (((guintptr) ck->start + 4095) & ~(guintptr) 4095);
          }
      }

    if (n_chunks == 2)
      {
        GThread *thread = g_thread_new ("elman-loader", parse_chunk, &chunks[1]);

        parse_chunk (&chunks[0]);
        g_thread_join (thread);
      }
    else
      parse_chunk (&chunks[0]);
  }

  /* the first error in file order wins */
  for (int k = 0; k < n_chunks; k++)
    if (chunks[k].err_msg != NULL)
      {
        guint64 line = chunks[k].err_line;

        if (k == 1)
          line += chunks[0].line_end - 1;
        fail (error, chunks[k].err_code, name, line, "%s", chunks[k].err_msg);
        goto failed;
      }

  /* ---- join the chunks ---- */
  n = chunks[0].n + (n_chunks == 2 ? chunks[1].n : 0);
  if (n_chunks == 2)
    {
      Chunk *a = &chunks[0], *b = &chunks[1];

      a->values = g_renew (double, a->values, n);
      memcpy (a->values + a->n, b->values, b->n * sizeof (double));
      g_clear_pointer (&b->values, g_free);
      if (a->times != NULL)
        {
          a->times = g_renew (double, a->times, n);
          memcpy (a->times + a->n, b->times, b->n * sizeof (double));
          g_clear_pointer (&b->times, g_free);
        }
      a->n_missing += b->n_missing;
      a->n_dropped += b->n_dropped;
      if (b->last_line > 0)
        a->last_line = b->last_line + a->line_end - 1;
      a->n = n;
    }
  else if (n > 0)
    {
      chunks[0].values = g_renew (double, chunks[0].values, n);
      if (chunks[0].times != NULL)
        chunks[0].times = g_renew (double, chunks[0].times, n);
    }

  if (n == 0)
    {
      guint64 line = MAX (chunks[0].last_line, body_line > 1 ? body_line - 1 : 1);

      if (chunks[0].n_dropped > 0)
        fail (error, ELMAN_SERIES_ERROR_EMPTY, name, line,
              _("no values left after dropping %lu rows with missing values"),
              (unsigned long) chunks[0].n_dropped);
      else
        fail (error, ELMAN_SERIES_ERROR_EMPTY, name, line, _("no data"));
      goto failed;
    }

  values = g_steal_pointer (&chunks[0].values);
  times = g_steal_pointer (&chunks[0].times);

  if (plan.missing == ELMAN_MISSING_INTERPOLATE && chunks[0].n_missing > 0)
    {
      if (chunks[0].n_missing == n)
        {
          fail (error, ELMAN_SERIES_ERROR_MISSING, name, chunks[0].last_line,
                _("%severy value is missing"), plan.vlabel);
          goto failed;
        }
      n_interpolated = interpolate (values, n);
    }

  if (opts->min_length > 0 && n < opts->min_length)
    {
      if (opts->length_hint != NULL)
        fail (error, ELMAN_SERIES_ERROR_TOO_SHORT, name, chunks[0].last_line,
              _("only %lu values; needs at least %lu values %s"),
              (unsigned long) n, (unsigned long) opts->min_length, opts->length_hint);
      else
        fail (error, ELMAN_SERIES_ERROR_TOO_SHORT, name, chunks[0].last_line,
              _("only %lu values; needs at least %lu values"),
              (unsigned long) n, (unsigned long) opts->min_length);
      goto failed;
    }

  if (times != NULL)
    frequency = detect_frequency (times, n, plan.tkind != TIME_PLAIN);

  info = g_new0 (ElmanSeriesInfo, 1);
  info->delimiter = lx.delim;
  info->decimal = decimal;
  info->header = header;
  info->columns = g_array_new (FALSE, TRUE, sizeof (ElmanColumnInfo));
  for (int j = 0; j < n_columns; j++)
    {
      ElmanColumnInfo ci;

      ci.name = g_strdup (g_ptr_array_index (names, j));
      ci.type = stats[j].type;
      if (j == plan.vcol && ci.type == ELMAN_COLUMN_TEXT)
        ci.type = ELMAN_COLUMN_NUMERIC;
      g_array_append_val (info->columns, ci);
    }
  info->column = plan.vcol;
  info->time_column = plan.tcol;
  info->length = n;
  info->n_missing = chunks[0].n_missing;
  info->n_interpolated = n_interpolated;
  info->n_dropped = chunks[0].n_dropped;
  info->frequency = frequency;
  info->time_is_date = plan.tkind == TIME_ISO || plan.tkind == TIME_YEAR;
  if (times != NULL)
    {
      info->time_first = times[0];
      info->time_last = times[n - 1];
    }
  {
    /* Neumaier's compensated sum */
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

  for (int k = 0; k < n_chunks; k++)
    chunk_clear (&chunks[k]);
  g_free (plan.vlabel);
  g_free (plan.tlabel);

  /* Plain numbers an hour, a day or a week apart are read as Unix times. */
  dates = times != NULL && (info->time_is_date || frequency == ELMAN_FREQUENCY_HOURLY ||
                            frequency == ELMAN_FREQUENCY_DAILY || frequency == ELMAN_FREQUENCY_WEEKLY);
  if (info_out != NULL)
    *info_out = info;
  else
    elman_series_info_free (info);

  series = elman_series_new_take (values, times, n, frequency,
                                  header ? g_ptr_array_index (names, plan.vcol) : NULL,
                                  name);
  series->times_are_dates = dates;
  return series;

failed:
  g_free (values);
  g_free (times);
  for (int k = 0; k < n_chunks; k++)
    chunk_clear (&chunks[k]);
  g_free (plan.vlabel);
  g_free (plan.tlabel);
  return NULL;
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
elman_series_load_data (const char              *display_name,
                        const char              *data,
                        gsize                    length,
                        const ElmanLoadOptions  *options,
                        ElmanSeriesInfo        **info,
                        GError                 **error)
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
elman_series_load (const char              *path,
                   const ElmanLoadOptions  *options,
                   ElmanSeriesInfo        **info,
                   GError                 **error)
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
      /* A pipe, a device or a small file: read it all.  Only large files
       * are mapped (for memory); a read copy cannot fault if another
       * program truncates the file while we read it. */
      g_autoptr(GByteArray) bytes = g_byte_array_sized_new (S_ISREG (st.st_mode) ? (guint) st.st_size + 1 : 65536);
      guint8 buf[65536];
      gssize got;

      while ((got = read (fd, buf, sizeof buf)) != 0)
        {
          if (got < 0 && errno == EINTR)
            continue;
          if (got < 0)
            {
              int saved = errno;

              g_set_error (error, ELMAN_SERIES_ERROR, ELMAN_SERIES_ERROR_IO,
                           _("%s: cannot read: %s"), path, g_strerror (saved));
              close (fd);
              return NULL;
            }
          g_byte_array_append (bytes, buf, (guint) got);
        }
      close (fd);
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
