/* elman-series-loader-date.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Dates as people write them, beyond ISO 8601: 1974Q1, 1974-Q1, Q1 1974,
 * 1974M01, 01/1995, Jan 1995, Jan-1-1995, 1 January 1995, 29.03.1958,
 * 03/29/1958, 19580329 (when the column asks for it), each optionally
 * followed by a time of day.  A date whose day and month could be read
 * either way (03/04/1995) needs the order the rest of the column shows. */

#define G_LOG_DOMAIN "elman-series"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "elman-series-loader-private.h"

enum
{
  TOK_NUM,
  TOK_MONTH,     /* a month's name */
  TOK_Q,         /* the letter Q of 1974Q1 */
  TOK_M,         /* the letter M of 1974M01 */
};

typedef struct
{
  int kind;
  int value;
  int digits;
} DateToken;

#define MAX_TOKENS 4

/* 1…12 for an English month name or its abbreviation ("Sept" too), else 0. */
int
elman_loader_month_from_name (const guchar *s,
                              gsize         len)
{
  static const char *const names[] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  };
  char lower[10];

  if (len < 3 || len > 9)
    return 0;
  for (gsize i = 0; i < len; i++)
    lower[i] = g_ascii_tolower (s[i]);
  lower[len] = '\0';
  for (int m = 0; m < 12; m++)
    if (strncmp (names[m], lower, len) == 0 && (len == 3 || len == strlen (names[m]) ||
                                                (m == 8 && len == 4)))
      return m + 1;
  return 0;
}

/* Splits a date into numbers and words at separators (- / . space ,) and
 * where digits meet letters.  Returns the number of tokens, or -1 when
 * the text holds anything else or too many tokens. */
static int
tokenize (const guchar *s,
          gsize         len,
          DateToken     tok[MAX_TOKENS],
          gboolean     *dots)
{
  gsize i = 0;
  int n = 0;

  *dots = FALSE;
  while (i < len)
    {
      if (s[i] == '-' || s[i] == '/' || s[i] == '.' || s[i] == ' ' || s[i] == ',')
        {
          *dots |= s[i] == '.';
          i++;
          continue;
        }
      if (n == MAX_TOKENS)
        return -1;
      if (g_ascii_isdigit (s[i]))
        {
          int v = 0, d = 0;

          for (; i < len && g_ascii_isdigit (s[i]); i++, d++)
            if (d < 9)
              v = v * 10 + (s[i] - '0');
          if (d > 8)
            return -1;
          tok[n++] = (DateToken) { TOK_NUM, v, d };
        }
      else if (g_ascii_isalpha (s[i]))
        {
          gsize start = i;
          int m;

          for (; i < len && g_ascii_isalpha (s[i]); i++)
            ;
          if (i - start == 1 && (s[start] == 'Q' || s[start] == 'q'))
            tok[n++] = (DateToken) { TOK_Q, 0, 0 };
          else if (i - start == 1 && (s[start] == 'M' || s[start] == 'm'))
            tok[n++] = (DateToken) { TOK_M, 0, 0 };
          else if ((m = elman_loader_month_from_name (s + start, i - start)) > 0)
            tok[n++] = (DateToken) { TOK_MONTH, m, 0 };
          else
            return -1;
        }
      else
        return -1;
    }
  return n;
}

static gboolean
is_num (const DateToken *t,
        int              min_digits,
        int              max_digits)
{
  return t->kind == TOK_NUM && t->digits >= min_digits && t->digits <= max_digits;
}

static ElmanDateStatus
check_ymd (int year,
           int month,
           int day)
{
  if (month < 1 || month > 12)
    return ELMAN_DATE_BAD_MONTH;
  if (day < 1 || day > elman_time_days_in_month (year, month))
    return ELMAN_DATE_BAD_DAY;
  return ELMAN_DATE_OK;
}

/* The date part: fills year, month and day, or says why not. */
static ElmanDateStatus
parse_date_part (const guchar   *s,
                 gsize           len,
                 guint           flags,
                 ElmanDateOrder  order,
                 int            *year,
                 int            *month,
                 int            *day,
                 ElmanDateOrder *evidence)
{
  DateToken t[MAX_TOKENS];
  gboolean dots;
  int n = tokenize (s, len, t, &dots);

  *month = *day = 1;
  if (n == 1 && is_num (&t[0], 4, 4) && (flags & ELMAN_DATE_ALLOW_YEAR))
    {
      *year = t[0].value;
      return ELMAN_DATE_OK;
    }
  if (n == 1 && is_num (&t[0], 8, 8) && (flags & ELMAN_DATE_ALLOW_COMPACT))
    {
      *year = t[0].value / 10000;
      *month = t[0].value / 100 % 100;
      *day = t[0].value % 100;
      return check_ymd (*year, *month, *day);
    }
  if (n == 2)
    {
      /* 1995-01, 01/1995, Jan 1995, 1995 Jan */
      if (is_num (&t[0], 4, 4) && (is_num (&t[1], 1, 2) || t[1].kind == TOK_MONTH))
        {
          *year = t[0].value;
          *month = t[1].value;
          return check_ymd (*year, *month, 1);
        }
      if (is_num (&t[1], 4, 4) && (is_num (&t[0], 1, 2) || t[0].kind == TOK_MONTH))
        {
          *year = t[1].value;
          *month = t[0].value;
          return check_ymd (*year, *month, 1);
        }
      return ELMAN_DATE_NOT_A_DATE;
    }
  if (n != 3)
    return ELMAN_DATE_NOT_A_DATE;

  /* 1974Q1, 1974-Q1 and Q1 1974 */
  if ((is_num (&t[0], 4, 4) && t[1].kind == TOK_Q && is_num (&t[2], 1, 1)) ||
      (t[0].kind == TOK_Q && is_num (&t[1], 1, 1) && is_num (&t[2], 4, 4)))
    {
      int q = t[0].kind == TOK_Q ? t[1].value : t[2].value;

      *year = t[0].kind == TOK_Q ? t[2].value : t[0].value;
      if (q < 1 || q > 4)
        return ELMAN_DATE_BAD_QUARTER;
      *month = 3 * (q - 1) + 1;
      return ELMAN_DATE_OK;
    }
  /* 1974M01 */
  if (is_num (&t[0], 4, 4) && t[1].kind == TOK_M && is_num (&t[2], 1, 2))
    {
      *year = t[0].value;
      *month = t[2].value;
      return check_ymd (*year, *month, 1);
    }
  /* 1995-01-31, 1995-Jan-31 */
  if (is_num (&t[0], 4, 4) && (is_num (&t[1], 1, 2) || t[1].kind == TOK_MONTH) && is_num (&t[2], 1, 2))
    {
      *year = t[0].value;
      *month = t[1].value;
      *day = t[2].value;
      return check_ymd (*year, *month, *day);
    }
  if (!is_num (&t[2], 4, 4))
    return ELMAN_DATE_NOT_A_DATE;
  *year = t[2].value;
  /* Jan-1-1995, January 1, 1995 */
  if (t[0].kind == TOK_MONTH && is_num (&t[1], 1, 2))
    {
      *month = t[0].value;
      *day = t[1].value;
      return check_ymd (*year, *month, *day);
    }
  /* 1-Jan-1995, 1 January 1995 */
  if (is_num (&t[0], 1, 2) && t[1].kind == TOK_MONTH)
    {
      *day = t[0].value;
      *month = t[1].value;
      return check_ymd (*year, *month, *day);
    }
  if (!is_num (&t[0], 1, 2) || !is_num (&t[1], 1, 2))
    return ELMAN_DATE_NOT_A_DATE;

  /* 29.03.1958, 29/03/1958 or 03/29/1958: dots are day-first; otherwise
   * a field above 12 can only be the day. */
  {
    ElmanDateOrder seen = ELMAN_DATE_ORDER_UNKNOWN;

    if (dots || (t[0].value > 12 && t[1].value <= 12))
      seen = ELMAN_DATE_ORDER_DMY;
    else if (t[1].value > 12 && t[0].value <= 12)
      seen = ELMAN_DATE_ORDER_MDY;
    if (evidence != NULL && seen != ELMAN_DATE_ORDER_UNKNOWN)
      *evidence = seen;
    if (seen == ELMAN_DATE_ORDER_UNKNOWN)
      seen = order;
    switch (seen)
      {
      case ELMAN_DATE_ORDER_DMY:
        *day = t[0].value;
        *month = t[1].value;
        break;
      case ELMAN_DATE_ORDER_MDY:
        *month = t[0].value;
        *day = t[1].value;
        break;
      case ELMAN_DATE_ORDER_ANY:
        /* detection only: a date, read either way */
        *day = MIN (t[0].value, t[1].value);
        *month = MIN (t[0].value, t[1].value);
        return check_ymd (*year, *month, *day) == ELMAN_DATE_OK ? ELMAN_DATE_OK : ELMAN_DATE_BAD_DAY;
      case ELMAN_DATE_ORDER_UNKNOWN:
      default:
        return ELMAN_DATE_AMBIGUOUS;
      }
    return check_ymd (*year, *month, *day);
  }
}

/**
 * elman_loader_parse_date:
 * @flags: ELMAN_DATE_ALLOW_YEAR to accept a bare year, ELMAN_DATE_ALLOW_COMPACT
 *   to accept YYYYMMDD
 * @order: how to read dd/mm/yyyy against mm/dd/yyyy when both fields are
 *   12 or less; ELMAN_DATE_ORDER_ANY to accept such a date either way
 * @evidence: (out) (optional): set to the order a date such as 29/03/1958
 *   proves, left alone otherwise
 *
 * ISO 8601 first, then the forms above, each optionally followed by ' ' or
 * 'T' and a time of day (see elman_loader_parse_clock()).
 *
 * Returns: %ELMAN_DATE_OK with *seconds since 1970-01-01 UTC, or why not
 */
ElmanDateStatus
elman_loader_parse_date (const char     *text,
                         gsize           len,
                         guint           flags,
                         ElmanDateOrder  order,
                         double         *seconds,
                         ElmanDateOrder *evidence)
{
  const guchar *s = (const guchar *) text;
  const guchar *colon = memchr (s, ':', len);
  gsize date_len = len;
  double clock = 0;
  int year, month, day;
  ElmanDateStatus status;

  if (elman_loader_parse_iso (text, len, (flags & ELMAN_DATE_ALLOW_YEAR) != 0, seconds))
    return ELMAN_DATE_OK;
  if (len == 0 || len > 64)
    return ELMAN_DATE_NOT_A_DATE;

  if (colon != NULL)
    {
      gsize i;

      /* the time of day starts after the last ' ' or 'T' before the colon */
      date_len = (gsize) (colon - s);
      while (date_len > 0 && s[date_len - 1] != ' ' && s[date_len - 1] != 'T')
        date_len--;
      if (date_len == 0)
        return ELMAN_DATE_NOT_A_DATE;
      i = date_len;
      if (!elman_loader_parse_clock (s, len, &i, &clock) || i != len)
        return ELMAN_DATE_BAD_CLOCK;
      date_len--;
      while (date_len > 0 && s[date_len - 1] == ' ')
        date_len--;
    }

  status = parse_date_part (s, date_len, flags, order, &year, &month, &day, evidence);
  if (status != ELMAN_DATE_OK)
    return status;
  *seconds = (double) elman_time_days_from_civil (year, month, day) * 86400.0 + clock;
  return ELMAN_DATE_OK;
}

/**
 * elman_loader_date_problem:
 *
 * Returns: why a value is not a date, to follow "\"x\" is not a date: "
 */
const char *
elman_loader_date_problem (ElmanDateStatus status)
{
  switch (status)
    {
    case ELMAN_DATE_BAD_MONTH:   return _("no such month");
    case ELMAN_DATE_BAD_DAY:     return _("no such day in that month");
    case ELMAN_DATE_BAD_QUARTER: return _("no such quarter");
    case ELMAN_DATE_BAD_CLOCK:   return _("the time of day cannot be read");
    case ELMAN_DATE_AMBIGUOUS:   return _("day-first or month-first cannot be told apart");
    case ELMAN_DATE_OK:
    case ELMAN_DATE_NOT_A_DATE:
    default:                     return _("not a form of date the loader knows");
    }
}
