/* test-import-dialog.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import dialog alone, under Xvfb: on small files written here (gaps,
 * a semicolon table with decimal commas, a wide table), its choices are
 * pre-filled by detection, every change says what the file would give,
 * and the options it returns load the series the user chose.  Also the
 * app's time read-out at 1970-01-01. */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "elman-format.h"
#include "elman-import-dialog.h"
#include "elman-time.h"
#include "window-test-util.h"

static char *tmpdir;

static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gpointer
part (ElmanImportDialog *dialog,
      const char        *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), ELMAN_TYPE_IMPORT_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

static guint
selected (ElmanImportDialog *dialog,
          const char        *name)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (part (dialog, name)));
}

static void
select_item (ElmanImportDialog *dialog,
             const char        *name,
             guint              position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (part (dialog, name)), position);
}

static gboolean
import_sensitive (ElmanImportDialog *dialog)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (part (dialog, "import_button")));
}

static void
on_import (ElmanImportDialog *dialog,
           gpointer           data)
{
  ElmanLoadOptions *options = data;
  g_autoptr(ElmanSeries) series = NULL;
  g_autoptr(GError) error = NULL;

  elman_import_dialog_get_options (dialog, options);
  /* the options are valid here, while the dialog lives */
  series = elman_series_load (elman_import_dialog_get_path (dialog), options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->n, ==, 3);
  options->column = NULL;
  options->time_column = NULL;
  options->length_hint = "checked";
}

/* A file with gaps: the dialog offers to fill them and shows where. */
static void
test_gaps (void)
{
  g_autofree char *path = write_file ("gaps.csv", "date;value\n2020-01-01;1,5\n2020-01-02;\n2020-01-03;3,5\n"
                                                  "2020-01-04;NA\n2020-01-05;5,5\n");
  ElmanImportDialog *dialog = elman_import_dialog_new (NULL, path);
  g_autoptr(GtkWidget) hold = GTK_WIDGET (g_object_ref_sink (dialog));
  ElmanLoadOptions options, returned;
  GtkTextBuffer *preview;
  g_autofree char *preview_text = NULL;
  GtkTextIter start, end;

  gtk_window_present (GTK_WINDOW (dialog));

  /* the first lines */
  preview = gtk_text_view_get_buffer (GTK_TEXT_VIEW (part (dialog, "preview_view")));
  gtk_text_buffer_get_bounds (preview, &start, &end);
  preview_text = gtk_text_buffer_get_text (preview, &start, &end, FALSE);
  g_assert_true (g_str_has_prefix (preview_text, "date;value\n2020-01-01;1,5\n"));

  /* pre-filled by detection */
  g_assert_cmpuint (selected (dialog, "delimiter_row"), ==, 1);   /* semicolon */
  g_assert_cmpuint (selected (dialog, "decimal_row"), ==, 1);     /* comma */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (part (dialog, "header_switch"))));
  g_assert_cmpuint (selected (dialog, "time_row"), ==, 1);        /* after "None" */
  g_assert_cmpuint (selected (dialog, "value_row"), ==, 1);
  g_assert_cmpuint (selected (dialog, "missing_row"), ==, ELMAN_MISSING_INTERPOLATE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (part (dialog, "wide_row"))));
  g_assert_true (import_sensitive (dialog));
  g_assert_cmpstr (elman_import_dialog_get_summary (dialog), ==,
                   "5 values · daily · 2020-01-01 … 2020-01-05\n"
                   "2 missing values, lines 3, 5 (interpolated)");

  elman_import_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.delimiter, ==, ';');
  g_assert_cmpint (options.decimal, ==, ',');
  g_assert_cmpint (options.header, ==, ELMAN_HEADER_YES);
  g_assert_cmpuint (options.skip_rows, ==, 0);
  g_assert_cmpstr (options.column, ==, "value");
  g_assert_cmpstr (options.time_column, ==, "date");
  g_assert_cmpint (options.missing, ==, ELMAN_MISSING_INTERPOLATE);
  g_assert_false (options.wide);

  /* refusing the gaps: the loader's message, and no Import */
  select_item (dialog, "missing_row", ELMAN_MISSING_ERROR);
  g_assert_false (import_sensitive (dialog));
  g_assert_true (g_str_has_suffix (elman_import_dialog_get_summary (dialog),
                                   "gaps.csv:3: column \"value\": missing value (empty field)"));

  /* dropping them */
  select_item (dialog, "missing_row", ELMAN_MISSING_DROP);
  g_assert_true (import_sensitive (dialog));
  g_assert_true (g_str_has_prefix (elman_import_dialog_get_summary (dialog), "3 values · every 2 days · 2020-01-01 … 2020-01-05"));
  g_assert_nonnull (strstr (elman_import_dialog_get_summary (dialog), "lines 3, 5 (rows dropped)"));

  /* no time column */
  select_item (dialog, "time_row", 0);
  elman_import_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.time_column, ==, "");
  g_assert_true (g_str_has_prefix (elman_import_dialog_get_summary (dialog), "3 values · no time axis"));
  select_item (dialog, "time_row", 1);

  /* Import hands the options over, then the dialog closes */
  memset (&returned, 0, sizeof returned);
  g_signal_connect (dialog, "import", G_CALLBACK (on_import), &returned);
  g_signal_emit_by_name (part (dialog, "import_button"), "clicked");
  g_assert_cmpstr (returned.length_hint, ==, "checked");
  g_assert_cmpint (returned.missing, ==, ELMAN_MISSING_DROP);
  g_assert_cmpint (returned.delimiter, ==, ';');
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

/* Lines above the table, and the header switch. */
static void
test_layout (void)
{
  g_autofree char *path = write_file ("notes.csv", "Sales by month\n\nmonth,units\n2020-01,5\n2020-02,6\n2020-03,8\n");
  ElmanImportDialog *dialog = elman_import_dialog_new (NULL, path);
  g_autoptr(GtkWidget) hold = GTK_WIDGET (g_object_ref_sink (dialog));
  GtkSpinButton *skip = part (dialog, "skip_spin");
  ElmanLoadOptions options;

  /* the title line is taken for a one-column header: not what the user
   * wants, so skip two lines */
  gtk_spin_button_set_value (skip, 2);
  g_assert_cmpstr (elman_import_dialog_get_summary (dialog), ==, "3 values · monthly · 2020-01-01 … 2020-03-01");
  g_assert_cmpuint (selected (dialog, "value_row"), ==, 1);
  elman_import_dialog_get_options (dialog, &options);
  g_assert_cmpuint (options.skip_rows, ==, 2);
  g_assert_cmpstr (options.column, ==, "units");

  /* without a header the first row is data, and not a number */
  gtk_switch_set_active (GTK_SWITCH (part (dialog, "header_switch")), FALSE);
  g_assert_false (import_sensitive (dialog));
  g_assert_nonnull (strstr (elman_import_dialog_get_summary (dialog), "notes.csv:3:"));
  gtk_switch_set_active (GTK_SWITCH (part (dialog, "header_switch")), TRUE);
  g_assert_true (import_sensitive (dialog));

  /* choices set from outside (remembered for the file) come back */
  {
    ElmanLoadOptions set;
    g_autofree char *path2 = write_file ("plain.csv", "month,units,price\n2020-01,5,1.5\n2020-02,6,2.5\n");
    ElmanImportDialog *dialog2 = elman_import_dialog_new (NULL, path2);
    g_autoptr(GtkWidget) hold2 = GTK_WIDGET (g_object_ref_sink (dialog2));

    g_assert_cmpuint (selected (dialog2, "value_row"), ==, 2);
    elman_load_options_init (&set);
    set.column = "units";
    set.time_column = "";
    set.missing = ELMAN_MISSING_DROP;
    elman_import_dialog_set_options (dialog2, &set);
    g_assert_cmpuint (selected (dialog2, "value_row"), ==, 1);
    g_assert_cmpuint (selected (dialog2, "time_row"), ==, 0);
    elman_import_dialog_get_options (dialog2, &options);
    g_assert_cmpstr (options.column, ==, "units");
    g_assert_cmpint (options.missing, ==, ELMAN_MISSING_DROP);
    gtk_window_destroy (GTK_WINDOW (dialog2));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A wide table: offered, and read in time order when chosen. */
static void
test_wide (void)
{
  g_autofree char *path = write_file ("wide.csv", "Year,Q1,Q2,Q3,Q4\n2000,1,2,3,4\n2001,5,6,7,8\n");
  ElmanImportDialog *dialog = elman_import_dialog_new (NULL, path);
  g_autoptr(GtkWidget) hold = GTK_WIDGET (g_object_ref_sink (dialog));
  ElmanLoadOptions options;

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (part (dialog, "wide_row"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (part (dialog, "wide_switch"))));
  g_assert_true (g_str_has_prefix (elman_import_dialog_get_summary (dialog), "2 values · yearly"));

  gtk_switch_set_active (GTK_SWITCH (part (dialog, "wide_switch")), TRUE);
  g_assert_cmpstr (elman_import_dialog_get_summary (dialog), ==, "8 values · quarterly · 2000-01-01 … 2001-10-01");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (part (dialog, "value_row"))));
  elman_import_dialog_get_options (dialog, &options);
  g_assert_true (options.wide);
  g_assert_null (options.column);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static ElmanImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ELMAN_IS_IMPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ELMAN_IMPORT_DIALOG (window);
    }
  return NULL;
}

/* The window offers the dialog for a file with gaps, opens the file as
 * chosen there, and opens it so again next time without asking. */
static void
test_window_offers (void)
{
  g_autofree char *path = write_file ("window-gaps.csv", "t,v\n1,2\n2,\n3,6\n4,8\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ElmanWindow *window;
  ElmanImportDialog *dialog;
  gpointer weak;

  reset_settings ();
  window = elman_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (elman_import_choice_recall (path));

  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_null (elman_window_get_series (window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpuint (selected (dialog, "missing_row"), ==, ELMAN_MISSING_INTERPOLATE);
  g_assert_nonnull (strstr (elman_import_dialog_get_summary (dialog), "1 missing value, line 3"));

  g_signal_emit_by_name (part (dialog, "import_button"), "clicked");
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_nonnull (elman_window_get_series (window));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 4);
  g_assert_cmpfloat (elman_window_get_series (window)->values[1], ==, 4);
  g_assert_null (find_dialog ());

  /* kept for the file */
  {
    g_autoptr(ElmanImportChoice) choice = elman_import_choice_recall (path);

    g_assert_nonnull (choice);
    g_assert_cmpint (choice->options.missing, ==, ELMAN_MISSING_INTERPOLATE);
    g_assert_cmpstr (choice->options.column, ==, "v");
    g_assert_cmpstr (choice->options.time_column, ==, "t");
  }

  /* the next open reads it the same way, without asking */
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 4);
  g_assert_null (find_dialog ());

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (pointer_is_null, &weak, 30000));
}

/* The read-out of a yearly series that ends in 1970 (as the Nile's
 * 1871…1970) says 1970, not 0. */
static void
test_epoch_readout (void)
{
  g_autofree char *path = write_file ("nile.csv", "year,volume\n1968,3\n1969,4\n1970,5\n");
  g_autoptr(ElmanSeries) series = elman_series_load (path, NULL, NULL, NULL);
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;

  g_assert_nonnull (series);
  first = elman_time_format_index (series, 0);
  last = elman_time_format_index (series, 2);
  g_assert_cmpstr (first, ==, "1968");
  g_assert_cmpstr (last, ==, "1970");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/elman-test-bus", TRUE);
  tmpdir = g_dir_make_tmp ("elman-import-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  /* the kept import choices go here, not to the user's configuration */
  g_setenv ("XDG_CONFIG_HOME", tmpdir, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    g_error ("No display: run the GUI tests under xvfb-run (see README)");
  adw_init ();

  g_test_add_func ("/elman/import-dialog/gaps", test_gaps);
  g_test_add_func ("/elman/import-dialog/layout", test_layout);
  g_test_add_func ("/elman/import-dialog/wide", test_wide);
  g_test_add_func ("/elman/import-dialog/epoch-readout", test_epoch_readout);
  g_test_add_func ("/elman/import-dialog/window-offers", test_window_offers);

  status = g_test_run ();

  {
    const char *names[] = { "gaps.csv", "notes.csv", "plain.csv", "wide.csv", "nile.csv",
                            "window-gaps.csv", "elman/imports.ini", "elman" };

    for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);

        g_remove (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return status;
}
