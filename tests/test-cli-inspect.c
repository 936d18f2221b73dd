/* test-cli-inspect.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `elman-cli inspect` end to end: the built binary (argv[1] or
 * ELMAN_CLI) on small files written here; the JSON is parsed and every
 * key checked; a refused file exits 1 with the loader's one
 * line on stderr. */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *cli;
static char *tmpdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_inspect (Run        *run,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "inspect");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (tmpdir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *time;
  JsonArray *columns;

  write_file ("sales.csv",
              "date,units,note\n"
              "2021-01-01,4,a\n"
              "2021-02-01,-2,b\n"
              "2021-03-01,,c\n"
              "2021-04-01,3,d\n");
  run_inspect (&run, "--json", "--missing", "interpolate", "sales.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "sales.csv: notice: 1 missing value interpolated\n");

  o = parse_object (run.out, parser);
  g_assert_cmpstr (json_object_get_string_member (o, "delimiter"), ==, ",");
  g_assert_true (json_object_get_boolean_member (o, "header"));
  columns = json_object_get_array_member (o, "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "name"), ==, "date");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "type"), ==, "time");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 1), "type"), ==, "numeric");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 2), "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (o, "column"), ==, "units");
  g_assert_cmpint (json_object_get_int_member (o, "length"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "missing"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (o, "min"), ==, -2);
  g_assert_cmpfloat (json_object_get_double_member (o, "max"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (o, "sum"), ==, 5.5);  /* 4 - 2 + 0.5 + 3 */
  g_assert_cmpfloat (json_object_get_double_member (o, "mean"), ==, 5.5 / 4);
  time = json_object_get_object_member (o, "time");
  g_assert_nonnull (time);
  g_assert_cmpstr (json_object_get_string_member (time, "first"), ==, "2021-01-01");
  g_assert_cmpstr (json_object_get_string_member (time, "last"), ==, "2021-04-01");
  g_assert_cmpstr (json_object_get_string_member (time, "frequency"), ==, "monthly");
}

static void
test_json_plain (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  write_file ("plain.txt", "1,5\n2,5\n");
  run_inspect (&run, "--json", "--decimal", ",", "plain.txt", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (run.out, parser);
  g_assert_true (json_object_get_null_member (o, "delimiter"));
  g_assert_false (json_object_get_boolean_member (o, "header"));
  g_assert_cmpint (json_object_get_int_member (o, "column"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "time"));
  g_assert_cmpfloat (json_object_get_double_member (o, "sum"), ==, 4);
}

static void
test_text (void)
{
  g_auto(Run) run = { 0, };

  write_file ("de.csv", "Jahr;Wert\n1990;1,5\n1991;2,5\n1992;3\n");
  run_inspect (&run, "de.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Delimiter:   ; (semicolon)\n"));
  g_assert_nonnull (strstr (run.out, "Decimal:     ,\n"));
  g_assert_nonnull (strstr (run.out, "Header:      yes\n"));
  g_assert_nonnull (strstr (run.out, "Column:      Wert (1)\n"));
  g_assert_nonnull (strstr (run.out, "Time axis:   1990-01-01 … 1992-01-01, yearly\n"));
  g_assert_nonnull (strstr (run.out, "Length:      3\n"));
  g_assert_nonnull (strstr (run.out, "Sum:         7\n"));

  /* --column by name */
  {
    g_auto(Run) run2 = { 0, };

    run_inspect (&run2, "--column", "Jahr", "de.csv", NULL);
    g_assert_cmpint (run2.status, ==, 0);
    g_assert_nonnull (strstr (run2.out, "Column:      Jahr (0)\n"));
    g_assert_nonnull (strstr (run2.out, "Time axis:   none\n"));
  }
}

static void
test_refused (void)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) run2 = { 0, };
  g_auto(Run) run3 = { 0, };

  write_file ("bad.csv", "date,units\n2021-01-01,1\n2021-01-02,\"12,3x\"\n");
  run_inspect (&run, "--json", "bad.csv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "bad.csv:3: column \"units\": \"12,3x\" is not a number\n");

  run_inspect (&run2, "--column", "price", "bad.csv", NULL);
  g_assert_cmpint (run2.status, ==, 1);
  g_assert_cmpstr (run2.err, ==, "bad.csv:1: no column \"price\" (columns: \"date\", \"units\")\n");

  /* a bad command line is status 2 */
  run_inspect (&run3, "--missing", "sometimes", "bad.csv", NULL);
  g_assert_cmpint (run3.status, ==, 2);
}

/* Gaps are counted and shown by line, not refused; a wide table is
 * reported, and read in time order with --wide. */
static void
test_gaps_and_wide (void)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) run2 = { 0, };
  g_auto(Run) run3 = { 0, };
  g_auto(Run) run4 = { 0, };

  write_file ("gaps.csv", "date,co2\n19580329,316.1\n19580405,\n19580412,317.5\n19580419,NA\n19580426,316\n");
  run_inspect (&run, "gaps.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Time axis:   1958-03-29 … 1958-04-26, weekly\n"));
  g_assert_nonnull (strstr (run.out, "Missing:     2 (lines 3, 5; "));

  /* --missing error still refuses */
  run_inspect (&run2, "--missing", "error", "gaps.csv", NULL);
  g_assert_cmpint (run2.status, ==, 1);
  g_assert_cmpstr (run2.err, ==, "gaps.csv:3: column \"co2\": missing value (empty field)\n");

  write_file ("wide.csv", "Year,Q1,Q2,Q3,Q4\n2000,1,2,3,4\n2001,5,6,7,8\n");
  run_inspect (&run3, "wide.csv", NULL);
  g_assert_cmpint (run3.status, ==, 0);
  g_assert_nonnull (strstr (run3.out, "Layout:      wide table (a row per year, 4 quarter columns); "
                                      "--wide reads it as one series\n"));
  run_inspect (&run4, "--wide", "--json", "wide.csv", NULL);
  g_assert_cmpint (run4.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o = parse_object (run4.out, parser);
    JsonObject *time = json_object_get_object_member (o, "time");

    g_assert_cmpint (json_object_get_int_member (o, "length"), ==, 8);
    g_assert_cmpint (json_object_get_int_member (o, "wide"), ==, 4);
    g_assert_true (json_object_get_boolean_member (o, "wide_read"));
    g_assert_cmpstr (json_object_get_string_member (time, "frequency"), ==, "quarterly");
    g_assert_cmpstr (json_object_get_string_member (time, "last"), ==, "2001-10-01");
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* absolute: the runs happen in the temporary directory */
  cli = g_canonicalize_filename (argc > 1 ? argv[1] : g_getenv ("ELMAN_CLI"), NULL);
  tmpdir = g_dir_make_tmp ("elman-inspect-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/elman/cli/inspect/json", test_json);
  g_test_add_func ("/elman/cli/inspect/json-plain", test_json_plain);
  g_test_add_func ("/elman/cli/inspect/text", test_text);
  g_test_add_func ("/elman/cli/inspect/refused", test_refused);
  g_test_add_func ("/elman/cli/inspect/gaps-and-wide", test_gaps_and_wide);

  ret = g_test_run ();

  {
    const char *names[] = { "sales.csv", "plain.txt", "de.csv", "bad.csv" };

    for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);

        g_unlink (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  g_free (cli);
  return ret;
}
