/* elman-series-loader-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the loader's files share: the record reader (…-csv.c), numbers
 * and times (…-number.c, …-time.c), detection (…-detect.c), the main
 * pass (…-read.c) and the assembling loader (elman-series-loader.c). */

#pragma once

#include <glib.h>

#include "elman-series-loader.h"
#include "elman-time.h"

G_BEGIN_DECLS

#define SAMPLE_RECORDS   200
#define SNIFF_RECORDS    64
/* Delimiter detection looks at most at this many bytes. */
#define SNIFF_BYTES      ((gsize) 1 << 20)
/* The sample stops at this many fields in all (at least two records). */
#define SAMPLE_FIELDS    ((gsize) 1 << 20)
/* The sample keeps at most this many bytes of a field. */
#define SAMPLE_FIELD_BYTES ((gsize) 4096)
/* Most fields in a record: a record holds a pointer and a length per
 * field, so a line of millions of commas must not become as many. */
#define ELMAN_LOADER_MAX_FIELDS 100000
#define SPLIT_MIN_BYTES  (8 * 1024 * 1024)
#define DISCARD_STEP     (16 * 1024 * 1024)
#define MAP_MIN_BYTES    (16 * 1024 * 1024)
/* Most bytes read from a pipe or a device (files are mapped instead). */
#define ELMAN_LOADER_STREAM_LIMIT ((gsize) 1 << 30)

/* ---- records (elman-series-loader-csv.c) ---- */

/* The first error of a pass, without "file:line: " (a second thread does
 * not know its first line number until the first one is done). */
typedef struct
{
  int      code;
  guint64  line;
  char    *msg;
} ElmanLoadError;

G_GNUC_PRINTF (4, 5)
void        elman_load_error_set             (ElmanLoadError    *err,
                                              int                code,
                                              guint64            line,
                                              const char        *format,
                                              ...);

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
} ElmanLexer;

typedef struct
{
  const char *s;
  gsize       len;
  guint       quoted : 1;
  guint       escaped : 1;   /* contains doubled quotes */
} ElmanField;

typedef struct
{
  const ElmanLexer *lx;
  const char       *p;
  const char       *end;
  guint64           line;         /* line of p */
  guint64           rec_line;     /* line where the last record began */
  ElmanField       *fields;
  guint             n_fields;
  guint             cap_fields;
  ElmanLoadError    err;
} ElmanCursor;

void        elman_loader_lexer_init          (ElmanLexer        *lx,
                                              char               delim);
void        elman_loader_cursor_init         (ElmanCursor       *c,
                                              const ElmanLexer  *lx,
                                              const char        *p,
                                              const char        *end,
                                              guint64            line);
void        elman_loader_cursor_clear        (ElmanCursor       *c);
int         elman_loader_cursor_next         (ElmanCursor       *c);
gboolean    elman_loader_cursor_record_blank (const ElmanCursor *c);
const char *elman_loader_field_text          (const ElmanField  *f,
                                              GString           *scratch,
                                              gsize             *len);
char       *elman_loader_field_dup           (const ElmanField  *f);
char       *elman_loader_field_show          (const char        *s,
                                              gsize              len);
char       *elman_loader_name_show           (const char        *name);
gboolean    elman_loader_is_missing          (const char        *s,
                                              gsize              len);

static inline void
elman_loader_trim (const char **s,
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

/* ---- times (elman-series-loader-time.c) ---- */

gboolean       elman_loader_parse_iso        (const char   *text,
                                              gsize         len,
                                              gboolean      allow_year,
                                              double       *seconds);
gboolean       elman_loader_parse_clock      (const guchar *s,
                                              gsize         len,
                                              gsize        *i,
                                              double       *clock);
ElmanFrequency elman_loader_detect_frequency (const double *t,
                                              gsize         n,
                                              gboolean      is_date,
                                              gboolean     *month_end);

/* ---- dates as people write them (elman-series-loader-date.c) ---- */

typedef enum
{
  ELMAN_DATE_ORDER_UNKNOWN,    /* 03/04/1995 is refused as ambiguous */
  ELMAN_DATE_ORDER_DMY,
  ELMAN_DATE_ORDER_MDY,
  ELMAN_DATE_ORDER_ANY,        /* detection: 03/04/1995 is a date */
} ElmanDateOrder;

typedef enum
{
  ELMAN_DATE_OK,
  ELMAN_DATE_NOT_A_DATE,
  ELMAN_DATE_BAD_MONTH,
  ELMAN_DATE_BAD_DAY,
  ELMAN_DATE_BAD_QUARTER,
  ELMAN_DATE_BAD_CLOCK,
  ELMAN_DATE_AMBIGUOUS,
} ElmanDateStatus;

enum
{
  ELMAN_DATE_ALLOW_YEAR    = 1 << 0,
  ELMAN_DATE_ALLOW_COMPACT = 1 << 1,
};

ElmanDateStatus elman_loader_parse_date      (const char     *text,
                                              gsize           len,
                                              guint           flags,
                                              ElmanDateOrder  order,
                                              double         *seconds,
                                              ElmanDateOrder *evidence);
const char     *elman_loader_date_problem    (ElmanDateStatus status);
int             elman_loader_month_from_name (const guchar   *s,
                                              gsize           len);

/* ---- detection (elman-series-loader-detect.c) ---- */

typedef enum
{
  KIND_MISSING,
  KIND_INTEGER,
  KIND_NUMBER,
  KIND_MALFORMED,   /* starts like a number: "12,3x", "3 apples", "1.2.3" */
  KIND_TIME,
  KIND_TEXT,
} ElmanFieldKind;

typedef enum
{
  TIME_KIND_NONE,
  TIME_KIND_ISO,         /* any date elman_loader_parse_date() reads */
  TIME_KIND_YEAR,
  TIME_KIND_COMPACT,     /* YYYYMMDD integers */
  TIME_KIND_YEAR_PART,   /* a year column and a quarter or month column */
  TIME_KIND_PLAIN,
} ElmanTimeKind;

typedef struct
{
  int             n_num;
  int             n_time;
  int             n_text;
  int             n_malformed;     /* of n_num */
  int             n_quoted;        /* values (not missing) in quotes */
  gboolean        all_integer;
  gboolean        increasing;      /* every number above the one before */
  gboolean        year_range;
  double          last;
  ElmanColumnType type;
} ElmanColumnStats;

/* One record of the sample, copied out of the data. */
typedef struct
{
  GPtrArray *fields;     /* of char*, one record */
  GArray    *quoted;     /* of gboolean */
  guint64    line;
} ElmanSampleRecord;

/* What detection found about the file's layout. */
typedef struct
{
  ElmanLexer        lx;
  guint64           first_line;  /* of the data given: 1, or past skipped lines */
  GPtrArray        *sample;      /* of ElmanSampleRecord */
  char              decimal;
  char              thousands;
  gboolean          header;
  int               n_columns;
  ElmanColumnStats *stats;       /* n_columns of them */
  GPtrArray        *names;       /* of char*, n_columns of them */
} ElmanLayout;

char           elman_loader_detect_delimiter (const char        *p,
                                              const char        *end,
                                              gboolean           decimal_comma);
gboolean       elman_loader_is_integer_text  (const char        *s,
                                              gsize              len);
ElmanFieldKind elman_loader_classify         (const char        *s,
                                              gsize              len,
                                              char               decimal,
                                              char               thousands,
                                              double            *value);
gboolean       elman_loader_name_suggests_time (const char      *name);

void           elman_layout_init             (ElmanLayout       *layout);
void           elman_layout_clear            (ElmanLayout       *layout);
gboolean       elman_layout_read_sample      (ElmanLayout       *layout,
                                              const char        *name,
                                              const char        *p,
                                              const char        *end,
                                              GError           **error);
void           elman_layout_detect_decimal   (ElmanLayout       *layout,
                                              const ElmanLoadOptions *opts);
void           elman_layout_detect_columns   (ElmanLayout       *layout,
                                              ElmanHeaderMode    header);

/* ---- the main pass (elman-series-loader-read.c) ---- */

typedef struct
{
  int                 vcol;
  int                 tcol;
  int                 tcol2;         /* the quarter or month column, or −1 */
  int                 part_months;   /* 3 for quarters, 1 for months */
  int                 need;          /* fields a record must have */
  ElmanTimeKind       tkind;
  ElmanDateOrder      date_order;
  char               *time_note;     /* why a column that looks like time is not the axis */
  int                 wide;          /* 12 or 4 value columns per year row, or 0 */
  int                 wide_first;    /* the first of them */
  gboolean            wide_read;     /* read them all, in time order */
  char                decimal;
  char                thousands;
  ElmanMissingPolicy  missing;
  char               *vlabel;        /* "column \"units\": " or "" */
  char               *tlabel;
  int                 n_columns;
} ElmanLoadPlan;

typedef struct
{
  const ElmanLexer    *lx;
  const ElmanLoadPlan *plan;
  const char          *start;
  const char          *end;
  guint64              line0;
  gboolean             discard;
  const char          *map_start;     /* page-aligned base, when discarding */

  double              *values;
  double              *times;
  gsize                n;
  gsize                cap;
  gsize                n_missing;
  gsize                n_dropped;
  guint64              missing_lines[ELMAN_MISSING_LINES_SHOWN];
  guint64              line_end;      /* line after the last line end */
  guint64              last_line;     /* line of the last record */

  ElmanLoadError       err;
} ElmanLoadChunk;

gboolean elman_loader_choose_columns (ElmanLayout            *layout,
                                      const ElmanLoadOptions *opts,
                                      ElmanLoadPlan          *plan,
                                      const char             *name,
                                      GError                **error);
gpointer elman_loader_parse_chunk    (gpointer                data);
void     elman_loader_chunk_clear    (ElmanLoadChunk         *ck);

/* ---- the loader (elman-series-loader.c) ---- */

gsize    elman_loader_set_stream_limit (gsize                 bytes);

G_GNUC_PRINTF (5, 6)
void     elman_loader_fail           (GError                **error,
                                      int                     code,
                                      const char             *name,
                                      guint64                 line,
                                      const char             *format,
                                      ...);

G_END_DECLS
