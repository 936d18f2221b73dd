/* elman-cli-inspect.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `elman-cli inspect FILE`: what the series loader detects in a file —
 * delimiter, header, columns and their types, the time axis and its
 * frequency, length, missing values and summary statistics — as text or,
 * with --json, as one JSON object. */

#define G_LOG_DOMAIN "elman-cli"

#include "config.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "elman-cli-options.h"
#include "elman-cli-private.h"
#include "elman-series-loader.h"

static const char *
column_type_name (ElmanColumnType type)
{
  switch (type)
    {
    case ELMAN_COLUMN_NUMERIC: return "numeric";
    case ELMAN_COLUMN_TIME:    return "time";
    case ELMAN_COLUMN_TEXT:
    default:                   return "text";
    }
}

static const char *
delimiter_text (char delimiter)
{
  switch (delimiter)
    {
    case 0:    return NULL;
    case ',':  return ",";
    case ';':  return ";";
    case '\t': return "\t";
    case '|':  return "|";
    case ' ':  return " ";
    case ':':  return ":";
    default:   return "?";
    }
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case 0:    return _("none (one column)");
    case ',':  return _(", (comma)");
    case ';':  return _("; (semicolon)");
    case '\t': return _("tab");
    case '|':  return _("| (bar)");
    case ' ':  return _("spaces");
    default:   return delimiter_text (delimiter);
    }
}

static char *
number_text (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static char *
time_text (const ElmanSeriesInfo *info,
           double                 t)
{
  return info->time_is_date ? elman_format_time (t) : number_text (t);
}

static double
time_step (const ElmanSeriesInfo *info)
{
  g_assert (info->frequency == ELMAN_FREQUENCY_REGULAR && info->length >= 2);
  return elman_regular_step (info->time_first, info->time_last, info->length);
}

static const char *
column_name (const ElmanSeriesInfo *info,
             int                    index)
{
  return g_array_index (info->columns, ElmanColumnInfo, index).name;
}

static void
add_time_value (JsonBuilder           *builder,
                const ElmanSeriesInfo *info,
                double                 t)
{
  if (info->time_is_date)
    {
      g_autofree char *text = elman_format_time (t);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_double_value (builder, t);
}

static char *
to_json (const ElmanSeriesInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char decimal[2] = { info->decimal, '\0' };

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "delimiter");
  if (info->delimiter != 0)
    json_builder_add_string_value (builder, delimiter_text (info->delimiter));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "decimal");
  json_builder_add_string_value (builder, decimal);
  json_builder_set_member_name (builder, "header");
  json_builder_add_boolean_value (builder, info->header);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->columns->len; i++)
    {
      const ElmanColumnInfo *ci = &g_array_index (info->columns, ElmanColumnInfo, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      if (info->header)
        json_builder_add_string_value (builder, ci->name);
      else
        json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, column_type_name (ci->type));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* the chosen column: its name, or its index when there is no header */
  json_builder_set_member_name (builder, "column");
  if (info->header)
    json_builder_add_string_value (builder, column_name (info, info->column));
  else
    json_builder_add_int_value (builder, info->column);
  json_builder_set_member_name (builder, "column_index");
  json_builder_add_int_value (builder, info->column);

  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, (gint64) info->length);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, (gint64) info->n_missing);
  json_builder_set_member_name (builder, "missing_lines");
  json_builder_begin_array (builder);
  for (gsize k = 0; k < MIN (info->n_missing, (gsize) ELMAN_MISSING_LINES_SHOWN); k++)
    json_builder_add_int_value (builder, (gint64) info->missing_lines[k]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "interpolated");
  json_builder_add_int_value (builder, (gint64) info->n_interpolated);
  json_builder_set_member_name (builder, "dropped");
  json_builder_add_int_value (builder, (gint64) info->n_dropped);
  json_builder_set_member_name (builder, "min");
  json_builder_add_double_value (builder, info->min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, info->max);
  json_builder_set_member_name (builder, "mean");
  json_builder_add_double_value (builder, info->mean);
  json_builder_set_member_name (builder, "sum");
  json_builder_add_double_value (builder, info->sum);

  json_builder_set_member_name (builder, "time");
  if (info->time_column >= 0)
    {
      g_autofree char *step_text = elman_series_info_describe_step (info);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      if (info->header)
        json_builder_add_string_value (builder, column_name (info, info->time_column));
      else
        json_builder_add_int_value (builder, info->time_column);
      json_builder_set_member_name (builder, "first");
      add_time_value (builder, info, info->time_first);
      json_builder_set_member_name (builder, "last");
      add_time_value (builder, info, info->time_last);
      json_builder_set_member_name (builder, "frequency");
      json_builder_add_string_value (builder, elman_frequency_to_string (info->frequency));
      json_builder_set_member_name (builder, "step_text");
      json_builder_add_string_value (builder, step_text);
      json_builder_set_member_name (builder, "month_end");
      json_builder_add_boolean_value (builder, info->month_end);
      /* in the time column's units; null unless the frequency is "regular" */
      json_builder_set_member_name (builder, "step");
      if (info->frequency == ELMAN_FREQUENCY_REGULAR)
        json_builder_add_double_value (builder, time_step (info));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "layout_note");
  if (info->layout_note != NULL)
    json_builder_add_string_value (builder, info->layout_note);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "time_note");
  if (info->time_note != NULL)
    json_builder_add_string_value (builder, info->time_note);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "wide");
  json_builder_add_int_value (builder, info->wide);
  json_builder_set_member_name (builder, "wide_read");
  json_builder_add_boolean_value (builder, info->wide_read);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
print_text (const char            *path,
            const ElmanSeriesInfo *info,
            gboolean               implicit)
{
  g_autofree char *min = number_text (info->min);
  g_autofree char *max = number_text (info->max);
  g_autofree char *mean = number_text (info->mean);
  g_autofree char *sum = number_text (info->sum);
  int width = 4;

  for (guint i = 0; i < info->columns->len; i++)
    width = MAX (width, (int) g_utf8_strlen (column_name (info, i), -1));

  elman_cli_printf ("%-12s %s\n", _("File:"), path);
  elman_cli_printf ("%-12s %s\n", _("Delimiter:"), delimiter_label (info->delimiter));
  elman_cli_printf ("%-12s %c\n", _("Decimal:"), info->decimal);
  elman_cli_printf ("%-12s %s\n", _("Header:"), info->header ? _("yes") : _("no"));
  elman_cli_printf ("%-12s %u\n", _("Columns:"), info->columns->len);
  for (guint i = 0; i < info->columns->len; i++)
    {
      const ElmanColumnInfo *ci = &g_array_index (info->columns, ElmanColumnInfo, i);
      gboolean wide_value = info->wide_read && (int) i >= info->column && (int) i < info->column + info->wide;
      const char *mark = (int) i == info->column || wide_value ? _("  ← values")
                         : (int) i == info->time_column || (int) i == info->time_column2 ? _("  ← time axis") : "";
      /* pad by characters, not bytes */
      int pad = width - (int) g_utf8_strlen (ci->name, -1);

      elman_cli_printf ("  %3u  %s%*s  %-8s%s\n", i, ci->name, pad, "", column_type_name (ci->type), mark);
    }
  if (info->header)
    elman_cli_printf ("%-12s %s (%d)\n", _("Column:"), column_name (info, info->column), info->column);
  else
    elman_cli_printf ("%-12s %d\n", _("Column:"), info->column);
  if (info->time_column >= 0)
    {
      g_autofree char *first = time_text (info, info->time_first);
      g_autofree char *last = time_text (info, info->time_last);
      g_autofree char *frequency = elman_series_info_describe_step (info);

      elman_cli_printf ("%-12s %s … %s, %s\n", _("Time axis:"), first, last, frequency);
    }
  else
    elman_cli_printf ("%-12s %s\n", _("Time axis:"), _("none"));
  if (info->time_note != NULL)
    elman_cli_printf ("%-12s %s\n", _("Time note:"), info->time_note);
  if (info->layout_note != NULL)
    elman_cli_printf ("%-12s %s\n", _("Layout note:"), info->layout_note);
  if (info->wide > 0 && info->wide_read)
    elman_cli_printf ("%-12s %s\n", _("Layout:"),
            info->wide == 12 ? _("wide table (a row per year, 12 month columns), read in time order")
                             : _("wide table (a row per year, 4 quarter columns), read in time order"));
  else if (info->wide > 0)
    elman_cli_printf ("%-12s %s\n", _("Layout:"),
            info->wide == 12 ? _("wide table (a row per year, 12 month columns); --wide reads it as one series")
                             : _("wide table (a row per year, 4 quarter columns); --wide reads it as one series"));
  elman_cli_printf ("%-12s %" G_GSIZE_FORMAT "\n", _("Length:"), info->length);
  if (info->n_missing > 0)
    {
      g_autofree char *lines = elman_series_info_describe_missing (info);

      if (info->n_dropped > 0)
        elman_cli_printf ("%-12s %" G_GSIZE_FORMAT " (%s; %" G_GSIZE_FORMAT " %s)\n", _("Missing:"), info->n_missing,
                lines, info->n_dropped, _("rows dropped"));
      else if (implicit)
        elman_cli_printf ("%-12s %" G_GSIZE_FORMAT " (%s; %s)\n", _("Missing:"), info->n_missing, lines,
                _("the figures below fill them in; train and forecast need --missing interpolate or drop"));
      else
        elman_cli_printf ("%-12s %" G_GSIZE_FORMAT " (%s; %s)\n", _("Missing:"), info->n_missing, lines, _("interpolated"));
    }
  else
    elman_cli_printf ("%-12s %" G_GSIZE_FORMAT "\n", _("Missing:"), info->n_missing);
  elman_cli_printf ("%-12s %s\n", _("Min:"), min);
  elman_cli_printf ("%-12s %s\n", _("Max:"), max);
  elman_cli_printf ("%-12s %s\n", _("Mean:"), mean);
  elman_cli_printf ("%-12s %s\n", _("Sum:"), sum);
}

int
elman_cli_inspect (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autofree char *column = NULL, *delimiter = NULL, *decimal = NULL;
  g_autofree char *thousands = NULL, *missing = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  gboolean json = FALSE, wide = FALSE, implicit_missing;
  ElmanLoadOptions load;
  const GOptionEntry entries[] = {
    { "column", 'c', 0, G_OPTION_ARG_STRING, &column,
      N_("Column to use, by header name or 0-based index (default: the last numeric column)"), N_("COLUMN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object"), NULL },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter,
      N_("Field delimiter: , ; tab | or space (default: detected)"), N_("CHAR") },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal,
      N_("Decimal mark: . or , (default: detected)"), N_("CHAR") },
    { "thousands", 0, 0, G_OPTION_ARG_STRING, &thousands,
      N_("Thousands separator to accept (default: none)"), N_("CHAR") },
    { "missing", 0, 0, G_OPTION_ARG_STRING, &missing,
      N_("Missing values (empty, NA, NaN, null, -): error, interpolate or drop (default: counted, "
         "filled in for the figures shown)"), N_("POLICY") },
    { "wide", 0, 0, G_OPTION_ARG_NONE, &wide,
      N_("Read a wide table (a year column, then 12 month columns Jan…Dec or 4 quarter columns Q1…Q4) "
         "as one series in time order"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("FILE — show what the loader detects in a series file"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* g_option_context_parse_strv leaves argv (owned by main) alone */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      fprintf (stderr, "elman-cli inspect: %s\n", error->message);
      fprintf (stderr, _("Run “elman-cli inspect --help” to see the options.\n"));
      return ELMAN_CLI_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      fprintf (stderr, "elman-cli inspect: %s\n", _("give exactly one FILE"));
      fprintf (stderr, _("Run “elman-cli inspect --help” to see the options.\n"));
      return ELMAN_CLI_EXIT_USAGE;
    }

  elman_load_options_init (&load);
  if (!elman_cli_parse_load_flags (delimiter, decimal, thousands, missing, &load, &error))
    {
      fprintf (stderr, "elman-cli inspect: %s\n", error->message);
      return ELMAN_CLI_EXIT_USAGE;
    }
  load.column = column;
  load.wide = wide;
  /* Without --missing, gaps are counted and shown, not refused. */
  implicit_missing = missing == NULL;
  if (implicit_missing)
    load.missing = ELMAN_MISSING_INTERPOLATE;

  series = elman_series_load (files[0], &load, &info, &error);
  if (series == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return ELMAN_CLI_EXIT_FAILURE;
    }

  if (info->n_interpolated > 0 && !implicit_missing)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "%s: notice: %lu missing value interpolated\n",
                                  "%s: notice: %lu missing values interpolated\n",
                                  info->n_interpolated),
             files[0], (unsigned long) info->n_interpolated);
  if (info->n_dropped > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "%s: notice: %lu row with a missing value dropped\n",
                                  "%s: notice: %lu rows with missing values dropped\n",
                                  info->n_dropped),
             files[0], (unsigned long) info->n_dropped);

  if (json)
    {
      g_autofree char *text = to_json (info);

      elman_cli_printf ("%s\n", text);
    }
  else
    print_text (files[0], info, implicit_missing);

  /* A write that failed is reported when standard output is closed. */
  return ELMAN_CLI_EXIT_OK;
}
