/* test-window.c — the real window, under Xvfb
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "elman-application.h"
#include "elman-format.h"
#include "elman-model.h"
#include "elman-params.h"
#include "elman-plot-view.h"
#include "elman-run.h"
#include "elman-session.h"
#include "elman-training-worker.h"
#include "elman-window-private.h"
#include "window-test-util.h"

static gboolean frame_benchmark;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */


static gboolean
not_evaluating (gpointer data)
{
  return !elman_window_is_evaluating (data);
}

static gboolean
has_trained_epochs (gpointer data)
{
  return elman_plot_view_get_n_epochs (elman_window_get_plot_view (data)) >= 2;
}

static gboolean
has_drawn (gpointer data)
{
  return elman_plot_view_get_n_frames (elman_window_get_plot_view (data)) > 0;
}

/* A presented window, default settings but its size (@width 0: the
 * default), with the series at @path open. */
static ElmanWindow *
new_window_sized (const char *path,
                  int         width,
                  int         height)
{
  ElmanWindow *window;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  reset_settings ();
  if (width > 0)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  window = elman_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 30000));
  g_assert_nonnull (elman_window_get_series (window));
  return window;
}

static ElmanWindow *
new_window_with_path (const char *path)
{
  return new_window_sized (path, 0, 0);
}

/* A presented window with the sample series open. */
static ElmanWindow *
new_window_with_sample (void)
{
  g_autofree char *path = sample_path ();

  return new_window_with_path (path);
}

/* Closes @window and checks that it is really finalized. */
static void
close_window (ElmanWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (pointer_is_null, &weak, 30000));
}

/* The text of the first label under @widget that contains @needle. */
static const char *
find_label_text (GtkWidget  *widget,
                 const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return gtk_label_get_text (GTK_LABEL (widget));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *text = find_label_text (c, needle);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
set_spin (ElmanWindow *window,
          const char  *name,
          double       value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, name)), value);
}

/* A run that only ends when stopped: the Seed preset has no validation
 * part, hence no early stopping, and its tiny learning rate never
 * diverges. */
static void
set_endless (ElmanWindow *window)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), 1);
  set_spin (window, "epochs_spin", 10000000);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_window_load (void)
{
  ElmanWindow *window = new_window_with_sample ();
  ElmanSeries *series = elman_window_get_series (window);
  ElmanPlotView *view = elman_window_get_plot_view (window);
  g_autofree char *bad = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_cmpuint (series->n, ==, 144);
  g_assert_cmpfloat (series->values[0], ==, 112);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "airpassengers.csv");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (window, "window_title"))), ==,
                   "airpassengers.csv");
  g_assert_true (elman_plot_view_get_series (view) == series);
  g_assert_true (elman_window_can_train (window));
  g_assert_true (wait_for (has_drawn, window, 5000));

  /* A file the loader rejects leaves the open series alone. */
  fd = g_file_open_tmp ("elman-bad-XXXXXX.csv", &bad, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (bad, "name,city\nanna,paris\nbob,rome\n", -1, &error));
  bad_file = g_file_new_for_path (bad);
  elman_window_open_file (window, bad_file, NULL);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_true (elman_window_get_series (window) == series);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "airpassengers.csv");
  /* The loader's message, naming the file, shows in a toast. */
  {
    g_autofree char *basename = g_path_get_basename (bad);
    const char *toast = find_label_text (child (window, "toast_overlay"), basename);

    g_assert_nonnull (toast);
    g_test_message ("toast: %s", toast);
  }
  g_unlink (bad);

  close_window (window);
}

/* Drops @file on the window through its drop target, as GTK does for a
 * drag from a file manager. */
static gboolean
drop_file (ElmanWindow *window,
           GFile       *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_slist_free (files);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
    }
  g_value_unset (&value);
  return accepted;
}

/* A new temporary series of the ten values 1…10, named after @pattern. */
static GFile *
new_ten_values_file (const char *pattern)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_file_open_tmp (pattern, &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "value\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", -1, &error));
  return g_file_new_for_path (path);
}

static void
test_window_drop (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autoptr(GFile) file = new_ten_values_file ("elman-drop-XXXXXX.csv");

  g_assert_true (drop_file (window, file));
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 10);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "elman-drop-"));

  close_window (window);
  g_file_delete (file, NULL, NULL);
}

/* The message dialog shown over @window, if any. */
static AdwMessageDialog *
find_message_dialog (ElmanWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window)
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_for (50);
}

/* Dropping a file or opening a recent one while training asks first:
 * Cancel keeps the run going, Stop and Open opens the file. */
static void
test_window_open_while_training (void)
{
  ElmanWindow *window = new_window_with_sample ();
  gsize n = elman_window_get_series (window)->n;
  g_autoptr(GFile) file = new_ten_values_file ("elman-ask-XXXXXX.csv");
  g_autofree char *uri = g_file_get_uri (file);
  AdwMessageDialog *dialog;

  set_endless (window);
  elman_window_start_training (window);
  g_assert_true (wait_for (has_trained_epochs, window, 30000));

  g_assert_true (drop_file (window, file));
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "open"), ==, "_Stop and Open");
  answer_dialog (dialog, "cancel");
  g_assert_true (elman_window_is_training (window));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, n);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.open-recent", "s", uri));
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (elman_window_is_training (window));
  answer_dialog (dialog, "open");
  g_assert_true (wait_for (not_training, window, 10000));
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 10);

  /* Once the run is over, no question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.open-recent", "s", uri));
  g_assert_null (find_message_dialog (window));

  close_window (window);
  g_file_delete (file, NULL, NULL);
}

/* `elman FILE`: GApplication's open, without a main loop of its own. */
static void
test_application_open (void)
{
  g_autoptr(ElmanApplication) app = elman_application_new ();
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GActionGroup *actions = G_ACTION_GROUP (app);
  gpointer weak;

  reset_settings ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* App-wide actions and accelerators are there after startup. */
  g_assert_true (g_action_group_has_action (actions, "quit"));
  g_assert_true (g_action_group_has_action (actions, "about"));
  g_assert_true (g_action_group_has_action (actions, "color-scheme"));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_assert_cmpstr (accels[0], ==, "<Control>q");
  }

  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (ELMAN_IS_WINDOW (window));
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_nonnull (elman_window_get_series (ELMAN_WINDOW (window)));
  g_assert_cmpuint (elman_window_get_series (ELMAN_WINDOW (window))->n, ==, 144);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "airpassengers.csv");

  /* The style follows the setting. */
  g_action_group_activate_action (actions, "color-scheme", g_variant_new_string ("dark"));
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_action_group_activate_action (actions, "color-scheme", g_variant_new_string ("default"));

  /* Quit closes the windows. */
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_action_group_activate_action (actions, "quit", NULL);
  g_assert_true (wait_for (pointer_is_null, &weak, 30000));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_window_initial (void)
{
  g_autofree char *datadir = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ElmanWindow *window;
  int fd;

  reset_settings ();
  g_setenv ("ELMAN_DATADIR", datadir, TRUE);

  /* First start: the sample series. */
  window = elman_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  elman_window_open_initial (window);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_nonnull (elman_window_get_series (window));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 144);
  close_window (window);

  /* Later starts: the last file, with its column. */
  fd = g_file_open_tmp ("elman-two-XXXXXX.csv", &other, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (other, "t,a,b\n1,10,5\n2,11,6\n3,12,7\n4,13,8\n5,14,9\n6,15,10\n", -1, &error));
  g_settings_set_string (settings, "last-file", other);
  g_settings_set_string (settings, "last-column", "a");
  window = elman_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  elman_window_open_initial (window);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_nonnull (elman_window_get_series (window));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 6);
  g_assert_cmpfloat (elman_window_get_series (window)->values[0], ==, 10);
  /* Two numeric columns: the column chooser shows. */
  g_assert_true (gtk_widget_get_visible (child (window, "column_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "column_row")), 1);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_cmpfloat (elman_window_get_series (window)->values[0], ==, 5);
  close_window (window);

  g_unlink (other);
}

static void
test_window_parameters (void)
{
  ElmanWindow *window = new_window_with_sample ();
  GSettings *settings = elman_window_get_settings (window);
  GtkWidget *rate = child (window, "rate_spin");

  set_spin (window, "epochs_spin", 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "epochs"), ==, 30);
  set_spin (window, "hidden_spin", 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "hidden"), ==, 5);

  /* ε steps ×10 and ÷10 and shows in scientific notation. */
  g_settings_set_double (settings, "learning-rate", 0.01);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (rate), GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "learning-rate"), 0.1, 1e-12);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (rate), GTK_SPIN_STEP_BACKWARD, 1);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (rate), GTK_SPIN_STEP_BACKWARD, 1);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "learning-rate"), 0.001, 1e-15);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rate)), ==, "1e-3");

  /* Typed in as text. */
  gtk_editable_set_text (GTK_EDITABLE (rate), "2.5e-4");
  gtk_spin_button_update (GTK_SPIN_BUTTON (rate));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "learning-rate"), 2.5e-4, 1e-15);

  /* T + K beyond the training part: Train is disabled, with a reason. */
  set_spin (window, "window_spin", 500);
  g_assert_nonnull (elman_window_get_parameter_problem (window));
  g_assert_false (elman_window_can_train (window));
  g_assert_true (gtk_widget_get_visible (child (window, "param_error_label")));
  g_assert_false (gtk_widget_is_sensitive (child (window, "train_button")));
  set_spin (window, "window_spin", 12);
  g_assert_null (elman_window_get_parameter_problem (window));
  g_assert_true (elman_window_can_train (window));
  g_assert_true (gtk_widget_is_sensitive (child (window, "train_button")));

  /* The Seed preset is the derivation exactly. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), 1);
  g_assert_cmpint (g_settings_get_enum (settings, "preset"), ==, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "init"), ==, 0);
  g_assert_cmpint (g_settings_get_enum (settings, "optimizer"), ==, 0);
  g_assert_false (g_settings_get_boolean (settings, "bias"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (window, "bias_switch"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "init_row"))), ==, 0);

  /* Advanced widgets write their keys. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "normalize_row")), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "normalize"), ==, 2);
  set_spin (window, "test_spin", 25);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "test-fraction"), 0.25, 1e-12);

  close_window (window);
}

static gboolean saw_epoch_status;

static gboolean
run_done_watching (gpointer data)
{
  const char *status = elman_window_get_status_text (data);

  if (g_str_has_prefix (status, "Epoch "))
    saw_epoch_status = TRUE;
  return elman_window_get_n_runs (data) > 0;
}

static void
test_window_train (void)
{
  ElmanWindow *window = new_window_with_sample ();
  ElmanPlotView *view = elman_window_get_plot_view (window);
  const ElmanModel *model;
  double prediction;
  guint frames;

  /* Typed, not yet committed: Train takes it. */
  gtk_editable_set_text (GTK_EDITABLE (child (window, "epochs_spin")), "150");
  g_assert_true (wait_for (has_drawn, window, 5000));
  frames = elman_plot_view_get_n_frames (view);

  saw_epoch_status = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.start", NULL));
  g_assert_true (elman_window_is_training (window));
  /* Train while training is not offered. */
  g_assert_false (gtk_widget_is_sensitive (child (window, "params_box")));
  g_assert_cmpuint (g_settings_get_uint (elman_window_get_settings (window), "epochs"), ==, 150);
  g_assert_true (wait_for (run_done_watching, window, 120000));

  g_assert_false (elman_window_is_training (window));
  model = elman_window_get_model (window);
  g_assert_nonnull (model);
  g_assert_true (elman_model_is_finite (model));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Trained 150 epochs") ||
                 g_str_has_prefix (elman_window_get_status_text (window), "Stopped early"));
  g_assert_true (strstr (elman_window_get_loss_text (window), "Training loss") != NULL);
  /* Done (early stopping included): the bar is full. */
  g_test_message ("%s", elman_window_get_status_text (window));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (window, "progress_bar"))), ==, 1);
  /* The test part is scored after the run, off the main thread. */
  g_assert_true (wait_for (not_evaluating, window, 60000));
  g_assert_nonnull (elman_window_get_metrics_text (window));
  g_assert_true (strstr (elman_window_get_metrics_text (window), "RMSE") != NULL);

  /* The plot shows the result: loss per epoch, predictions, forecast. */
  g_assert_cmpuint (elman_plot_view_get_n_epochs (view), >=, 1);
  g_assert_cmpuint (elman_plot_view_get_n_epochs (view), <=, 150);
  g_assert_true (elman_plot_view_get_prediction (view, 140, &prediction));
  g_assert_true (isfinite (prediction));
  g_assert_cmpfloat (prediction, >, 200);
  g_assert_cmpfloat (prediction, <, 800);
  g_assert_cmpuint (elman_plot_view_get_n_forecast (view), >, 0);
  iterate_for (100);
  g_assert_cmpuint (elman_plot_view_get_n_frames (view), >, frames);
  g_assert_true (elman_window_can_train (window));

  close_window (window);
}

static void
test_window_stop (void)
{
  ElmanWindow *window = new_window_with_sample ();
  const char *status;

  set_endless (window);
  elman_window_start_training (window);
  g_assert_true (wait_for (has_trained_epochs, window, 30000));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Epoch "));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.stop", NULL));
  g_assert_true (wait_for (not_training, window, 5000));
  status = elman_window_get_status_text (window);
  g_assert_true (g_str_has_prefix (status, "Stopped at epoch "));
  g_assert_cmpuint (elman_window_get_n_runs (window), ==, 1);
  /* What was learned so far is kept. */
  g_assert_nonnull (elman_window_get_model (window));

  close_window (window);
}

/* Early stopping ends the run before its epoch limit: the run is done,
 * and the bar says so as a full run's would. */
static void
test_window_early_stop (void)
{
  ElmanWindow *window = new_window_with_sample ();

  set_spin (window, "epochs_spin", 5000);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 120000));
  g_test_message ("%s", elman_window_get_status_text (window));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Stopped early at epoch "));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (window, "progress_bar"))), ==, 1);

  close_window (window);
}

static void
test_window_diverge (void)
{
  ElmanWindow *window = new_window_with_sample ();
  GSettings *settings = elman_window_get_settings (window);

  /* The derivation's plain gradient descent on raw passenger numbers,
   * from random weights, with ε = 10, overflows after some 40 epochs. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "init_row")), 1);
  g_settings_set_double (settings, "learning-rate", 10);
  set_spin (window, "epochs_spin", 1000);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 30000));

  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Diverged at epoch "));
  /* The last good model is kept, finite. */
  g_assert_nonnull (elman_window_get_model (window));
  g_assert_true (elman_model_is_finite (elman_window_get_model (window)));
  g_assert_true (elman_window_can_train (window));

  close_window (window);
}

/* Whether any label under @widget is cut with "…". */
static gboolean
has_ellipsized_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_ellipsized_label (c))
      return TRUE;
  return FALSE;
}

/* Trains @ensemble networks for @epochs with ε = 1 and K = 12, far too
 * fast, and waits for the test part's scores. */
static void
train_too_fast (ElmanWindow *window,
                guint        ensemble,
                guint        epochs)
{
  GSettings *settings = elman_window_get_settings (window);

  g_settings_set_uint (settings, "ensemble", ensemble);
  g_settings_set_uint (settings, "horizon", 12);
  g_settings_set_double (settings, "learning-rate", 1);
  set_spin (window, "epochs_spin", epochs);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 120000));
  g_assert_true (wait_for (not_evaluating, window, 60000));
}

/* ε = 1 with K = 12 oscillates: the window says that the learning rate is
 * too large, in full, and the table scores every baseline. */
static void
test_window_learning_rate_warning (void)
{
  static const char *baselines[] = { "naive", "seasonal-naive", "drift", "mean" };
  g_autofree char *path = sample_path ();
  ElmanWindow *window = new_window_sized (path, 1180, 760);
  GtkWidget *popover;
  const char *metrics;

  train_too_fast (window, 1, 300);
  g_test_message ("%s", elman_window_get_status_text (window));

  g_assert_true (gtk_widget_get_visible (child (window, "warning_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (window, "warning_label"))),
                            "The learning rate is too large"));
  iterate_for (200);
  g_assert_false (has_ellipsized_label (child (window, "warning_box")));

  /* The notes open unselected, each wrapped, inside a scrolled list. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (child (window, "warnings_button"))));
  gtk_menu_button_popup (GTK_MENU_BUTTON (child (window, "warnings_button")));
  iterate_for (200);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (gtk_popover_get_child (GTK_POPOVER (popover))));
  for (GtkWidget *c = gtk_widget_get_first_child (child (window, "warnings_list")); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      int start = 0, end = 0;

      g_assert_true (gtk_label_get_wrap (GTK_LABEL (c)));
      g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (c), &start, &end) && start != end);
    }
  g_assert_false (has_ellipsized_label (popover));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (child (window, "warnings_button")));

  /* Every baseline is scored beside the network. */
  metrics = elman_window_get_metrics_text (window);
  g_assert_nonnull (metrics);
  g_test_message ("%s", metrics);
  for (guint i = 0; i < G_N_ELEMENTS (baselines); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n%s: RMSE ", baselines[i]);

      g_assert_nonnull (strstr (metrics, line));
    }

  /* Without a test part, nothing is scored, and the warning still shows. */
  set_spin (window, "test_spin", 0);
  train_too_fast (window, 1, 300);
  g_assert_null (elman_window_get_metrics_text (window));
  g_assert_true (gtk_widget_get_visible (child (window, "warning_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (window, "warning_label"))),
                            "The learning rate is too large"));

  close_window (window);
}

/* Changing a setting after a run marks its results as out of date;
 * going back to the run's settings unmarks them. */
static void
test_window_stale_results (void)
{
  ElmanWindow *window = new_window_with_sample ();
  GtkWidget *stale = child (window, "stale_label");

  set_spin (window, "epochs_spin", 30);
  g_assert_false (gtk_widget_get_visible (stale));
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 60000));
  g_assert_true (wait_for (not_evaluating, window, 60000));
  g_assert_false (gtk_widget_get_visible (stale));
  g_assert_cmpfloat (gtk_widget_get_opacity (child (window, "metrics_grid")), ==, 1);

  set_spin (window, "epochs_spin", 20000);
  g_assert_true (gtk_widget_get_visible (stale));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (stale)), "out of date"));
  g_assert_cmpfloat (gtk_widget_get_opacity (child (window, "metrics_grid")), <, 1);
  g_assert_cmpfloat (gtk_widget_get_opacity (child (window, "loss_label")), <, 1);

  set_spin (window, "epochs_spin", 30);
  g_assert_false (gtk_widget_get_visible (stale));
  g_assert_cmpfloat (gtk_widget_get_opacity (child (window, "metrics_grid")), ==, 1);

  set_spin (window, "hidden_spin", 3);
  g_assert_true (gtk_widget_get_visible (stale));
  /* A new run is of the settings shown. */
  elman_window_start_training (window);
  g_assert_false (gtk_widget_get_visible (stale));
  g_assert_true (wait_for (not_training, window, 60000));
  g_assert_false (gtk_widget_get_visible (stale));

  close_window (window);
}

/* The index of the item that activates @action in @model's sections, or
 * -1: items are counted across sections. */
static int
menu_find_action (GMenuModel *model,
                  const char *action)
{
  int index = 0;

  for (int s = 0; s < g_menu_model_get_n_items (model); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++, index++)
        {
          g_autofree char *name = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
              && g_strcmp0 (name, action) == 0)
            return index;
        }
    }
  return -1;
}

/* The main menu opens the user guide, before the shortcuts. */
static void
test_window_help_menu (void)
{
  ElmanWindow *window = new_window_with_sample ();
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child (window, "primary_menu_button")));
  int help = menu_find_action (menu, "app.help");

  g_assert_cmpint (help, >=, 0);
  g_assert_cmpint (help, <, menu_find_action (menu, "win.show-help-overlay"));

  close_window (window);
}

/* Activates what @window's class binds to @keyval with Ctrl, as the key
 * would. */
static gboolean
press_ctrl_key (ElmanWindow *window,
                guint        keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      for (guint i = 0; GTK_IS_SHORTCUT_CONTROLLER (controller)
                        && i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_not_reached ();
}

/* Train disabled: the window says why, in the sidebar's words, and
 * Ctrl+Return repeats it instead of doing nothing. */
static void
test_window_train_disabled_reason (void)
{
  ElmanWindow *window = new_window_with_sample ();
  GtkWidget *problem = child (window, "problem_label");
  const char *text, *toast;

  g_assert_false (gtk_widget_get_visible (problem));
  set_spin (window, "window_spin", 130);
  g_assert_false (elman_window_can_train (window));
  g_assert_true (gtk_widget_get_visible (problem));
  text = gtk_label_get_text (GTK_LABEL (problem));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Test Part"));
  g_assert_nonnull (strstr (text, "Window (T)"));
  g_assert_null (strstr (text, "fraction"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "param_error_label"))), ==, text);

  g_assert_true (press_ctrl_key (window, GDK_KEY_Return));
  g_assert_false (elman_window_is_training (window));
  iterate_for (300);
  toast = find_label_text (GTK_WIDGET (window), "Cannot train: ");
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "Test Part"));

  /* Fixed: Ctrl+Return trains, and the reason goes. */
  set_spin (window, "window_spin", 12);
  g_assert_false (gtk_widget_get_visible (problem));
  set_spin (window, "epochs_spin", 5);
  g_assert_true (press_ctrl_key (window, GDK_KEY_KP_Enter));
  g_assert_true (elman_window_is_training (window) || elman_window_get_n_runs (window) == 1);
  g_assert_true (wait_for (not_training, window, 30000));

  close_window (window);
}

/* The labels of @model's items, "|"-joined. */
static char *
menu_labels (GMenuModel *model)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (labels, "%s|", label);
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

typedef struct
{
  GMenuModel *menu;
  const char *needle;
} MenuWait;

static gboolean
menu_has_label (gpointer data)
{
  MenuWait *wait = data;
  g_autofree char *labels = menu_labels (wait->menu);

  return strstr (labels, wait->needle) != NULL;
}

/* Recent Files: file names as they are (no mnemonics), two of the same
 * name told apart by their folder, a file that did not load left out, and
 * the arrow named for screen readers without a tooltip over the list. */
static void
test_window_recent_files (void)
{
  g_autofree char *scratch = g_dir_make_tmp ("elman-recent-XXXXXX", NULL);
  g_autofree char *dir_a = g_build_filename (scratch, "north", NULL);
  g_autofree char *dir_b = g_build_filename (scratch, "south", NULL);
  g_autofree char *path_a = g_build_filename (dir_a, "elec_equip.csv", NULL);
  g_autofree char *path_b = g_build_filename (dir_b, "elec_equip.csv", NULL);
  g_autofree char *bad = g_build_filename (scratch, "broken_file.csv", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  static const char values[] = "value\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
  ElmanWindow *window;
  GtkWidget *open_button;
  GMenuModel *menu;
  MenuWait north = { NULL, "elec__equip.csv (north)" }, south = { NULL, "elec__equip.csv (south)" };
  g_autofree char *labels = NULL;
  gboolean named = FALSE;

  g_assert_cmpint (g_mkdir (dir_a, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (dir_b, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path_a, values, -1, NULL));
  g_assert_true (g_file_set_contents (path_b, values, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "\x01\x02\x03 not a series \xff\xfe", -1, NULL));

  window = new_window_with_path (path_a);
  open_button = child (window, "open_button");
  menu = adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (open_button));
  north.menu = south.menu = menu;
  {
    g_autoptr(GFile) file = g_file_new_for_path (path_b);

    elman_window_open_file (window, file, NULL);
    g_assert_true (wait_for (not_loading, window, 10000));
  }
  elman_window_open_file (window, bad_file, NULL);
  g_assert_true (wait_for (not_loading, window, 10000));
  /* It did not load: the series shown is still the last good one. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "elec_equip.csv");
  g_assert_true (wait_for (menu_has_label, &north, 10000));
  g_assert_true (wait_for (menu_has_label, &south, 10000));
  iterate_for (300);
  labels = menu_labels (menu);
  g_test_message ("%s", labels);
  g_assert_null (strstr (labels, "broken"));

  for (GtkWidget *c = gtk_widget_get_first_child (open_button); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_MENU_BUTTON (c))
      {
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, "Recent Files");
        g_assert_true (gtk_widget_get_tooltip_text (c) == NULL || *gtk_widget_get_tooltip_text (c) == '\0');
        named = TRUE;
      }
  g_assert_true (named);

  close_window (window);
  remove_tree (scratch);
}

/* The items of a combo row's string list, "|"-joined. */
static char *
combo_labels (GtkWidget *row)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (labels, "%s|", gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* The column chooser offers the numeric columns only (not a quarter such
 * as 1974Q1); a column that does not load is explained, and the chooser
 * returns to the column shown. */
static void
test_window_numeric_columns (void)
{
  g_autofree char *path = NULL;
  g_autofree char *labels = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  ElmanWindow *window;
  int fd;

  fd = g_file_open_tmp ("elman-columns-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path,
                                      "period,gappy,value\n1974Q1,5,10\n1974Q2,,11\n1974Q3,,12\n1974Q4,,13\n"
                                      "1975Q1,,14\n1975Q2,,15\n1975Q3,,16\n1975Q4,,17\n", -1, &error));
  window = new_window_with_path (path);
  row = child (window, "column_row");
  labels = combo_labels (row);
  g_test_message ("%s", labels);
  g_assert_cmpstr (labels, ==, "gappy|value|");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_cmpfloat (elman_window_get_series (window)->values[0], ==, 10);

  /* The gappy column is refused: the chooser shows the series shown. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_true (wait_for (not_loading, window, 10000));
  iterate_for (200);
  /* The import dialog it offers is not needed here. */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (l->data != (gpointer) window && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
        gtk_window_destroy (l->data);
  }
  g_assert_cmpfloat (elman_window_get_series (window)->values[0], ==, 10);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  close_window (window);
  g_unlink (path);
}

/* Whether the allocations of @a and @b, in @window's coordinates,
 * overlap. */
static gboolean
widgets_overlap (ElmanWindow *window,
                 GtkWidget   *a,
                 GtkWidget   *b)
{
  graphene_rect_t ra, rb, both;

  g_assert_true (gtk_widget_compute_bounds (a, GTK_WIDGET (window), &ra));
  g_assert_true (gtk_widget_compute_bounds (b, GTK_WIDGET (window), &rb));
  return graphene_rect_intersection (&ra, &rb, &both) && both.size.width > 0.5 && both.size.height > 0.5;
}

/* At 1024×600, the smallest common laptop screen, after an ensemble's run
 * with every note and baseline: the sidebar stays beside the plot (no
 * overlay), the status heading stays on one line, and nothing overlaps. */
static void
test_window_small_screen (void)
{
  g_autofree char *path = sample_path ();
  ElmanWindow *window = new_window_sized (path, 1024, 600);
  GtkWidget *flap = child (window, "flap");
  GtkWidget *heading = child (window, "epoch_label");
  const char *parts[] = { "params_panel", "plot_view", "results_panel" };
  int min_width, height;

  train_too_fast (window, 3, 100);
  iterate_for (300);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  gtk_widget_measure (child (window, "results_panel"), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_test_message ("window %d×%d, results panel at least %d wide, status “%s”",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)), min_width,
                  gtk_label_get_text (GTK_LABEL (heading)));
  g_assert_false (adw_flap_get_folded (ADW_FLAP (flap)));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (parts); j++)
      g_assert_false (widgets_overlap (window, child (window, parts[i]), child (window, parts[j])));
  g_assert_false (widgets_overlap (window, heading, child (window, "metrics_grid")));
  g_assert_false (widgets_overlap (window, child (window, "warning_box"), child (window, "metrics_grid")));
  /* The heading on one line. */
  gtk_widget_measure (heading, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (heading), NULL, &height, NULL, NULL);
  {
    int line;

    gtk_widget_measure (heading, GTK_ORIENTATION_VERTICAL, -1, &line, NULL, NULL, NULL);
    g_assert_cmpint (height, <=, line);
  }
  g_assert_false (has_ellipsized_label (GTK_WIDGET (window)));

  close_window (window);
}

static gboolean
has_trained_epochs_training (gpointer data)
{
  return elman_window_is_training (data) && has_trained_epochs (data);
}

/* An ensemble shows its first network's loss curve while it trains, not
 * "No training yet" until the end. */
static void
test_window_ensemble_live_loss (void)
{
  ElmanWindow *window = new_window_with_sample ();
  ElmanPlotView *view = elman_window_get_plot_view (window);
  guint epochs;

  set_endless (window);
  set_spin (window, "ensemble_spin", 3);
  elman_window_start_training (window);
  g_assert_true (wait_for (has_trained_epochs_training, window, 60000));
  g_test_message ("%s; %s", elman_window_get_status_text (window), elman_window_get_loss_text (window));
  g_assert_true (g_str_has_prefix (elman_window_get_loss_text (window), "Loss curve of network 1 of 3"));
  epochs = elman_plot_view_get_n_epochs (view);
  /* It goes on growing. */
  iterate_for (1500);
  g_assert_true (elman_window_is_training (window));
  g_assert_cmpuint (elman_plot_view_get_n_epochs (view), >, epochs);

  elman_window_stop_training (window);
  g_assert_true (wait_for (not_training, window, 60000));
  close_window (window);
}

static void
test_window_close_while_training (void)
{
  ElmanWindow *window = new_window_with_sample ();

  set_endless (window);
  elman_window_start_training (window);
  g_assert_true (wait_for (has_trained_epochs, window, 30000));
  g_assert_true (elman_window_is_training (window));

  /* close_window() waits for finalization: the run must end by itself. */
  close_window (window);
}

static void
test_window_restart_and_reopen (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autofree char *other = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GString *csv = g_string_new ("value\n");
  int fd;

  /* Train again while training: the first run is dropped. */
  set_endless (window);
  elman_window_start_training (window);
  g_assert_true (wait_for (has_trained_epochs, window, 30000));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), 0);
  set_spin (window, "epochs_spin", 40);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 60000));
  g_assert_cmpuint (elman_window_get_n_runs (window), ==, 1);
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Trained 40 epochs") ||
                 g_str_has_prefix (elman_window_get_status_text (window), "Stopped early"));
  g_assert_cmpuint (elman_plot_view_get_n_epochs (elman_window_get_plot_view (window)), <=, 40);
  iterate_for (300);
  g_assert_cmpuint (elman_plot_view_get_n_epochs (elman_window_get_plot_view (window)), <=, 40);

  /* Open another file during training: no update of the old run reaches
   * the new series. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "%g\n", 50 + 10 * sin (i * 0.3));
  fd = g_file_open_tmp ("elman-sine-XXXXXX.csv", &other, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (other, csv->str, csv->len, &error));
  g_string_free (csv, TRUE);

  set_endless (window);
  elman_window_start_training (window);
  g_assert_true (wait_for (has_trained_epochs, window, 30000));
  file = g_file_new_for_path (other);
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 10000));
  g_assert_false (elman_window_is_training (window));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 300);
  g_assert_null (elman_window_get_model (window));
  iterate_for (500);
  g_assert_cmpuint (elman_plot_view_get_n_epochs (elman_window_get_plot_view (window)), ==, 0);
  g_assert_false (elman_plot_view_get_prediction (elman_window_get_plot_view (window), 100, NULL));
  g_assert_cmpuint (elman_window_get_n_runs (window), ==, 1);

  close_window (window);
  g_unlink (other);
}

static void
check_png (const char *path,
           int         width,
           int         height)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  const guchar *p;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  p = (const guchar *) data + 16;
  g_assert_cmpint ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3], ==, width);
  g_assert_cmpint ((p[4] << 24) | (p[5] << 16) | (p[6] << 8) | p[7], ==, height);
}

/* The export dialog the window shows for Ctrl+E (export.plot). */
static AdwMessageDialog *
find_export_dialog (ElmanWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window)
          && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (w)), "export_dialog") == 0
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 const char *key);

/* The first widget under @widget (or itself) that @match finds for @key. */
static GtkWidget *
find_widget (GtkWidget   *widget,
             WidgetMatch  match,
             const char  *key)
{
  if (match (widget, key))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_for_action (GtkWidget  *widget,
                      const char *action_name)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* Whether the chooser @data shows its "elman-test-folder". */
static gboolean
chooser_shows_folder (gpointer data)
{
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (data);
  GFile *folder = g_object_get_data (data, "elman-test-folder");

  return current != NULL && g_file_equal (current, folder);
}

/* Whether the file the chooser @data would save is in its
 * "elman-test-folder". */
static gboolean
chooser_is_in (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);
  g_autoptr(GFile) parent = file ? g_file_get_parent (file) : NULL;
  GFile *folder = g_object_get_data (data, "elman-test-folder");

  return parent != NULL && folder != NULL && g_file_equal (parent, folder);
}

/* Exports the plot as the user does: Ctrl+E's dialog with @style (0
 * light, 1 dark, 2 follow the app) and the details check box, then the
 * file chooser, which must offer @start_folder and a name made from the
 * series; the file goes into @dir. Returns its path. */
static char *
export_through_dialogs (ElmanWindow *window,
                        guint        style,
                        gboolean     details,
                        const char  *start_folder,
                        const char  *dir,
                        const char  *format)
{
  ElmanWindow *self = window;
  g_autofree char *name = g_strconcat ("airpassengers-forecast.", format, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) start = g_file_new_for_path (start_folder);
  g_autoptr(GtkNativeDialog) chooser = NULL;
  gpointer weak;
  g_autofree char *current_name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row, *check, *button;

  g_assert_null (find_export_dialog (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "export.plot", "s", format));
  iterate_for (50);
  dialog = find_export_dialog (window);
  g_assert_nonnull (dialog);
  /* One dialog, not the chooser yet. */
  g_assert_null (self->chooser);

  row = find_widget (GTK_WIDGET (dialog), is_named, "export_style_row");
  check = find_widget (GTK_WIDGET (dialog), is_named, "export_details_check");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), style);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), details);
  /* The dialog's default response, as the user clicks it. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "export");
  button = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Choose File…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate_for (50);
  g_assert_null (find_export_dialog (window));

  /* The chooser: the folder it starts in, the name it offers. */
  g_assert_nonnull (self->chooser);
  chooser = g_object_ref (self->chooser);
  /* (The chooser's widget takes its folder asynchronously.) */
  g_object_set_data_full (G_OBJECT (chooser), "elman-test-folder", g_object_ref (start), g_object_unref);
  g_assert_true (wait_for (chooser_shows_folder, chooser, 10000));
  /* Let it list that folder: GTK 4.8's chooser leaks what a listing it
   * cancels had read (its own leak, not the app's). */
  iterate_for (400);
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (current_name, ==, name);

  /* Into @dir: the chooser changes its folder as the user would, and
   * only then names the file there (never into @start_folder). */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  g_object_set_data_full (G_OBJECT (chooser), "elman-test-folder", g_object_ref (folder), g_object_unref);
  g_assert_true (wait_for (chooser_is_in, chooser, 10000));
  iterate_for (400);
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (self->chooser);
  /* Nothing keeps the chooser once it answered. */
  weak = chooser;
  g_object_add_weak_pointer (G_OBJECT (chooser), &weak);
  g_clear_object (&chooser);
  g_assert_null (weak);
  return g_build_filename (dir, name, NULL);
}

/* The colour of the pixel at (x, y) of a PNG, as 0xAARRGGBB. */
static guint32
png_pixel (const char *path,
           int         x,
           int         y)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  guint32 pixel;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (png);
  pixel = *(guint32 *) (cairo_image_surface_get_data (png) + y * cairo_image_surface_get_stride (png) + 4 * x);
  cairo_surface_destroy (png);
  return pixel;
}

/* Pixels in the rows [y0, y1) and columns [x0, x1) of a PNG that are
 * not the colour at (0, 0). */
static guint
png_ink (const char *path,
         int         y0,
         int         y1,
         int         x0,
         int         x1)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  int stride = cairo_image_surface_get_stride (png);
  const guchar *data;
  guint32 background;
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (x1, <=, cairo_image_surface_get_width (png));
  g_assert_cmpint (y1, <=, cairo_image_surface_get_height (png));
  cairo_surface_flush (png);
  data = cairo_image_surface_get_data (png);
  background = *(const guint32 *) data;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += *(const guint32 *) (data + y * stride + 4 * x) != background;
  cairo_surface_destroy (png);
  return n;
}

/* The first row from @y0 down inked across the middle half of a
 * 600-pixel wide PNG (the series panel's frame), or -1. */
static int
png_first_rule (const char *path,
                int         y0)
{
  for (int y = y0; y < 200; y++)
    if (png_ink (path, y, y + 1, 150, 450) >= 290)
      return y;
  return -1;
}

/* Whether @length bytes of @data (which may hold NULs) contain @needle. */
static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Ctrl+E: one dialog with the size, the colours and the details, then
 * the chooser in the Pictures folder (later: the last export's), with
 * a name made from the series; light colours by default whatever the
 * app's style, dark when asked; a title; a toast that opens the file. */
static void
test_window_export_dialog (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("elman-export-XXXXXX", NULL);
  g_autofree char *start = NULL;
  g_autofree char *light = NULL, *dark = NULL, *plain = NULL, *pdf = NULL, *remembered = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *open_button;
  GVariant *target;
  int with_subtitle;
  gsize length;

  start = g_strdup (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR) ? pictures : g_get_home_dir ());
  g_settings_set_int (settings, "export-width", 600);
  g_settings_set_int (settings, "export-height", 400);
  set_spin (window, "epochs_spin", 30);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 60000));

  /* The app in dark style: the file is still light by default. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate_for (50);
  light = export_through_dialogs (window, 0, TRUE, start, dir, "png");
  check_png (light, 600, 400);
  g_assert_cmphex (png_pixel (light, 2, 2), ==, 0xffffffff);
  remembered = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (remembered, ==, dir);

  /* The toast opens what was written. */
  open_button = find_widget (child (window, "toast_overlay"), is_button_for_action, "export.open");
  g_assert_nonnull (open_button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open_button));
  g_assert_nonnull (target);
  uri = g_filename_to_uri (light, NULL, NULL);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);

  /* Dark when chosen; the chooser starts in the last export's folder. */
  dark = export_through_dialogs (window, 1, TRUE, dir, dir, "png");
  g_assert_cmpstr (dark, ==, light);
  g_assert_cmphex (png_pixel (dark, 2, 2), ==, 0xff1e1e1e);
  /* The title has ink across the top; the subtitle under it moves the
   * top of the series panel down by a line. */
  g_assert_cmpuint (png_ink (dark, 0, 20, 150, 450), >, 50);
  with_subtitle = png_first_rule (dark, 20);

  /* Follow the app: dark now; without details, the panel moves up. */
  plain = export_through_dialogs (window, 2, FALSE, dir, dir, "png");
  g_assert_cmphex (png_pixel (plain, 2, 2), ==, 0xff1e1e1e);
  g_assert_cmpuint (png_ink (plain, 0, 20, 150, 450), >, 50);
  g_test_message ("top of the series panel: %d with the subtitle, %d without",
                  with_subtitle, png_first_rule (plain, 20));
  g_assert_cmpint (png_first_rule (plain, 20), >, 20);
  g_assert_cmpint (with_subtitle, >=, png_first_rule (plain, 20) + 8);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The title is the series' name, the subtitle the settings: a PDF
   * carries them as its title and subject, as elman-cli's does. */
  pdf = export_through_dialogs (window, 0, TRUE, dir, dir, "pdf");
  g_assert_true (g_file_get_contents (pdf, &pdf_text, &length, &error));
  g_assert_no_error (error);
  g_assert_true (bytes_contain (pdf_text, length, "/Title (airpassengers)"));
  g_assert_true (bytes_contain (pdf_text, length, "/Subject (Elman network, T = 12, K = 1, J = "));

  close_window (window);
  g_unlink (light);
  g_unlink (pdf);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_window_export (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autofree char *dir = g_dir_make_tmp ("elman-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "predictions.csv", NULL);
  g_autofree char *model_path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanModel) saved = NULL;

  /* The plot exports before any training. */
  g_assert_true (elman_window_export_plot (window, png, 640, 480, &error));
  g_assert_no_error (error);
  check_png (png, 640, 480);
  g_assert_false (elman_window_export_predictions (window, csv_path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  set_spin (window, "epochs_spin", 50);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 60000));

  g_assert_true (elman_window_export_plot (window, png, 800, 600, &error));
  g_assert_no_error (error);
  check_png (png, 800, 600);
  g_assert_true (elman_window_export_plot (window, svg, 800, 600, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));

  /* Predictions and forecast as CSV: one row per value, then the forecast. */
  g_assert_true (elman_window_export_predictions (window, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "index,time,actual,predicted,part");
  g_assert_true (g_str_has_prefix (lines[1], "0,1949-01-01,112,"));
  g_assert_true (g_str_has_suffix (lines[1], ",train"));
  g_assert_cmpuint (g_strv_length (lines), >, 1 + 144 + 1);
  g_assert_true (g_str_has_prefix (lines[144], "143,1960-12-01,432,"));
  g_assert_true (g_str_has_suffix (lines[144], ",test"));
  g_assert_true (g_str_has_prefix (lines[145], "144,1961-01-01,,"));
  g_assert_true (g_str_has_suffix (lines[145], ",forecast"));

  /* The model round-trips through Open Model. */
  g_assert_true (elman_model_save (elman_window_get_model (window), model_path, &error));
  g_assert_no_error (error);
  saved = elman_model_copy (elman_window_get_model (window));
  g_assert_true (elman_window_open_model (window, model_path, &error));
  g_assert_no_error (error);
  g_assert_true (elman_model_equal (saved, elman_window_get_model (window)));
  g_assert_true (elman_plot_view_get_prediction (elman_window_get_plot_view (window), 140, NULL));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Model model.json"));
  g_assert_true (wait_for (not_evaluating, window, 60000));
  g_assert_nonnull (elman_window_get_metrics_text (window));

  g_unlink (png);
  g_unlink (svg);
  g_unlink (csv_path);
  g_unlink (model_path);
  g_rmdir (dir);
  close_window (window);
}

/* How many 3×3 blocks of exactly @rgb (within one step per channel) the
 * lower right quarter of the PNG at @path holds: the ACF's bars fill
 * such blocks, the loss panel's lines of the same colour never do. */
static guint
count_solid_blocks (const char   *path,
                    const double *rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  int width, height, stride;
  const guchar *data;
  guint blocks = 0;
  int want[3];

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int c = 0; c < 3; c++)
    want[c] = (int) lround (rgb[c] * 255);

#define MATCHES(px, py) \
  (abs ((int) ((*(const guint32 *) (data + (py) * stride + 4 * (px)) >> 16) & 0xff) - want[0]) <= 1 && \
   abs ((int) ((*(const guint32 *) (data + (py) * stride + 4 * (px)) >> 8) & 0xff) - want[1]) <= 1 && \
   abs ((int) (*(const guint32 *) (data + (py) * stride + 4 * (px)) & 0xff) - want[2]) <= 1)

  for (int y = height / 2 + 1; y < height - 1; y++)
    for (int x = width / 2 + 1; x < width - 1; x++)
      {
        gboolean solid = TRUE;

        for (int dy = -1; dy <= 1 && solid; dy++)
          for (int dx = -1; dx <= 1 && solid; dx++)
            solid = MATCHES (x + dx, y + dy);
        blocks += solid;
      }
#undef MATCHES

  cairo_surface_destroy (surface);
  return blocks;
}

static gboolean
has_acf (gpointer data)
{
  return elman_plot_view_get_n_acf (elman_window_get_plot_view (data), NULL) > 0;
}

typedef struct
{
  ElmanPlotView *view;
  guint          frames;
} DrawWait;

static gboolean
drew_since (gpointer data)
{
  DrawWait *wait = data;

  return elman_plot_view_get_n_frames (wait->view) > wait->frames;
}

/* The diagnostics after training with a test part: the
 * free-running run over the test part and the residual ACF, shown,
 * described, exported, and gone with the results they belong to. */
static void
test_window_diagnostics (void)
{
  ElmanWindow *window = new_window_with_sample ();
  ElmanPlotView *view = elman_window_get_plot_view (window);
  ElmanPlotPalette palette;
  g_autofree char *dir = g_dir_make_tmp ("elman-diagnostics-XXXXXX", NULL);
  g_autofree char *before = g_build_filename (dir, "before.png", NULL);
  g_autofree char *after = g_build_filename (dir, "after.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "after.pdf", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  const ElmanSeries *series = elman_window_get_series (window);
  gsize n_train;
  guint n_acf, n_outside = G_MAXUINT;

  if (elman_plot_view_get_dark (view))
    elman_plot_palette_init_dark (&palette);
  else
    elman_plot_palette_init_light (&palette);

  /* Before any evaluation: series and loss only, and no ACF in the
   * lower right quarter of an export. */
  g_assert_cmpint (elman_plot_view_get_panels (view), ==, ELMAN_PLOT_PANEL_BOTH);
  g_assert_cmpuint (elman_plot_view_get_n_acf (view, NULL), ==, 0);

  set_spin (window, "epochs_spin", 40);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 60000));
  g_assert_cmpint (elman_plot_view_get_panels (view), ==, ELMAN_PLOT_PANEL_BOTH);
  g_assert_true (elman_window_export_plot (window, before, 800, 600, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (not_evaluating, window, 60000));
  g_assert_true (has_acf (window));

  /* The free-running line covers the whole test part. */
  n_train = series->n - elman_plot_view_get_n_free_running (view);
  g_assert_cmpuint (elman_plot_view_get_n_free_running (view), >, 0);
  g_assert_cmpuint (n_train, >, series->n / 2);
  g_assert_cmpint (elman_plot_view_get_panels (view), ==, ELMAN_PLOT_PANEL_ALL);
  n_acf = elman_plot_view_get_n_acf (view, &n_outside);
  g_assert_cmpuint (n_acf, >=, 12);
  g_assert_cmpuint (n_outside, <=, n_acf);

  /* The description names both. */
  g_test_message ("description: %s", elman_plot_view_get_description (view));
  g_assert_nonnull (strstr (elman_plot_view_get_description (view), "free-running"));
  expected = g_strdup_printf ("Residual autocorrelation: %u of %u lags outside the bounds.", n_outside, n_acf);
  g_assert_nonnull (strstr (elman_plot_view_get_description (view), expected));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       elman_plot_view_get_description (view));

  /* The window draws the new panel, and exports it: ACF bars fill the
   * lower right quarter, which before the evaluation held only the
   * loss. */
  iterate_for (100);
  g_assert_true (elman_window_export_plot (window, after, 800, 600, &error));
  g_assert_no_error (error);
  check_png (after, 800, 600);
  g_test_message ("ACF blocks: before %u, after %u", count_solid_blocks (before, palette.acf),
                  count_solid_blocks (after, palette.acf));
  g_assert_cmpuint (count_solid_blocks (before, palette.acf), ==, 0);
  g_assert_cmpuint (count_solid_blocks (after, palette.acf) + count_solid_blocks (after, palette.acf_outside), >=, 200);
  g_assert_true (elman_window_export_plot (window, pdf, 800, 600, &error));
  g_assert_no_error (error);

  /* The keyboard zooms about the middle of the upper quarter: still the
   * series panel; the lower right corner is the ACF's (no zoom, no
   * read-out there). Asked after an on-screen draw and an export of a
   * clearly different size: the answers are the widget's own layout's. */
  {
    ElmanPlot *plot = elman_plot_view_get_plot (view);
    double w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));
    g_autofree char *big = g_build_filename (dir, "big.png", NULL);
    guint frames = elman_plot_view_get_n_frames (view);
    double x, y;
    gsize index;

    gtk_widget_queue_draw (GTK_WIDGET (view));
    g_assert_true (wait_for (drew_since, &(DrawWait) { view, frames }, 5000));
    g_test_message ("widget %.0f×%.0f, export 2400×1600", w, h);
    g_assert_true (fabs (w - 2400) > 400 && fabs (h - 1600) > 400);
    g_assert_true (elman_window_export_plot (window, big, 2400, 1600, &error));
    g_assert_no_error (error);
    g_unlink (big);

    g_assert_cmpint (elman_plot_panel_at (plot, w / 2, h / 4), ==, ELMAN_PLOT_PANEL_SERIES);
    g_assert_cmpint (elman_plot_panel_at (plot, w - 40, h - 60), ==, ELMAN_PLOT_PANEL_ACF);
    g_assert_false (elman_plot_pixel_to_data (plot, w - 40, h - 60, &x, &y, &index));
  }

  /* Retraining clears them at once ... */
  elman_window_start_training (window);
  g_assert_cmpuint (elman_plot_view_get_n_acf (view, NULL), ==, 0);
  g_assert_cmpuint (elman_plot_view_get_n_free_running (view), ==, 0);
  g_assert_cmpint (elman_plot_view_get_panels (view), ==, ELMAN_PLOT_PANEL_BOTH);
  g_assert_null (strstr (elman_plot_view_get_description (view), "Residual autocorrelation"));
  g_assert_true (wait_for (not_training, window, 60000));
  g_assert_true (wait_for (has_acf, window, 60000));

  /* ... and so does a new file. */
  {
    g_autofree char *path = sample_path ();
    g_autoptr(GFile) file = g_file_new_for_path (path);

    elman_window_open_file (window, file, NULL);
    g_assert_true (wait_for (not_loading, window, 10000));
    g_assert_cmpuint (elman_plot_view_get_n_acf (view, NULL), ==, 0);
    g_assert_cmpint (elman_plot_view_get_panels (view), ==, ELMAN_PLOT_PANEL_BOTH);
    g_assert_null (strstr (elman_plot_view_get_description (view), "free-running"));
  }

  g_unlink (before);
  g_unlink (after);
  g_unlink (pdf);
  g_rmdir (dir);
  close_window (window);
}

/* A time column of plain numbers 1, 2, 3… (a regular step, not dates)
 * stays numbers everywhere: the data row, the plot's description and
 * read-out, and the predictions' time column, forecast included. */
static void
test_window_regular_times (void)
{
  g_autofree char *dir = g_dir_make_tmp ("elman-regular-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "regular.csv", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "predictions.csv", NULL);
  g_autoptr(GString) text = g_string_new ("t,value\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  ElmanWindow *window;
  ElmanSeries *series;
  ElmanPlotView *view;
  const char *subtitle;

  for (int i = 1; i <= 150; i++)
    g_string_append_printf (text, "%d,%d\n", i, i % 12);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  g_assert_no_error (error);

  reset_settings ();
  window = elman_window_new (NULL);
  view = elman_window_get_plot_view (window);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 10000));
  series = elman_window_get_series (window);
  g_assert_nonnull (series);
  g_assert_cmpint (series->frequency, ==, ELMAN_FREQUENCY_REGULAR);
  g_assert_false (series->times_are_dates);

  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "file_row")));
  g_test_message ("data row: %s", subtitle);
  g_assert_true (g_str_has_suffix (subtitle, ", 1 to 150"));
  g_assert_nonnull (strstr (elman_plot_view_get_description (view), "150 values from 1 to 150."));

  /* The read-out's time line, and the times after the end. */
  {
    g_autofree char *time = elman_time_format_index (series, 86);
    g_autofree char *next = elman_time_format_index (series, series->n + 2);

    g_assert_cmpstr (time, ==, "87");
    g_assert_cmpstr (next, ==, "153");
  }

  set_spin (window, "epochs_spin", 20);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 60000));
  g_assert_true (elman_window_export_predictions (window, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "index,time,actual,predicted,part");
  g_assert_true (g_str_has_prefix (lines[1], "0,1,1,"));
  g_assert_true (g_str_has_prefix (lines[150], "149,150,6,"));
  g_assert_cmpuint (g_strv_length (lines), >, 152);
  g_assert_true (g_str_has_prefix (lines[151], "150,151,,"));
  g_assert_true (g_str_has_prefix (lines[152], "151,152,,"));
  g_assert_true (wait_for (not_evaluating, window, 60000));

  g_unlink (csv_path);
  g_unlink (path);
  g_rmdir (dir);
  close_window (window);
}

/* The app's Export Predictions and `elman-cli train --predictions-out`
 * write the same file, byte for byte, for the same series, settings and
 * seed: an ensemble, so that the intervals are compared too. */
static void
test_window_predictions_match_cli (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autoptr(GSettings) s = g_settings_new (APP_ID);
  g_autofree char *series_path = sample_path ();
  g_autofree char *dir = g_dir_make_tmp ("elman-match-XXXXXX", NULL);
  g_autofree char *app_path = g_build_filename (dir, "app.csv", NULL);
  g_autofree char *cli_path = g_build_filename (dir, "cli.csv", NULL);
  g_autofree char *app_csv = NULL, *cli_csv = NULL, *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("ELMAN_CLI");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  ElmanConfig config;
  int status;

  g_assert_nonnull (cli);
  g_settings_set_boolean (s, "auto-search", FALSE);
  g_settings_set_uint (s, "ensemble", 3);
  g_settings_set_uint (s, "epochs", 40);
  g_settings_set_uint64 (s, "seed", 11);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 120000));
  g_assert_true (elman_window_export_predictions (window, app_path, &error));
  g_assert_no_error (error);

  /* The window's settings as the CLI's options (as the window reads them). */
  elman_config_init (&config, (ElmanPreset) g_settings_get_enum (s, "preset"));
  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("train"));
  g_ptr_array_add (argv, g_strdup_printf ("--preset=%s", elman_preset_to_string (g_settings_get_enum (s, "preset"))));
  g_ptr_array_add (argv, g_strdup_printf ("--window=%u", g_settings_get_uint (s, "window-size")));
  g_ptr_array_add (argv, g_strdup_printf ("--horizon=%u", g_settings_get_uint (s, "horizon")));
  g_ptr_array_add (argv, g_strdup_printf ("--hidden=%u", g_settings_get_uint (s, "hidden")));
  g_ptr_array_add (argv, g_strdup_printf ("--learning-rate=%s",
                                          g_ascii_formatd (buf, sizeof buf, "%.17g",
                                                           g_settings_get_double (s, "learning-rate"))));
  g_ptr_array_add (argv, g_strdup_printf ("--epochs=%u", g_settings_get_uint (s, "epochs")));
  g_ptr_array_add (argv, g_strdup_printf ("--init=%s", elman_init_to_string (g_settings_get_enum (s, "init"))));
  g_ptr_array_add (argv, g_strdup_printf ("--gradient=%s",
                                          elman_gradient_to_string (g_settings_get_enum (s, "gradient"))));
  g_ptr_array_add (argv, g_strdup_printf ("--loss=%s", elman_loss_to_string (g_settings_get_enum (s, "loss"))));
  g_ptr_array_add (argv, g_strdup_printf ("--optimizer=%s",
                                          elman_optimizer_to_string (g_settings_get_enum (s, "optimizer"))));
  g_ptr_array_add (argv, g_strdup (g_settings_get_boolean (s, "bias") ? "--bias" : "--no-bias"));
  g_ptr_array_add (argv, g_strdup_printf ("--normalize=%s",
                                          elman_normalize_to_string (g_settings_get_enum (s, "normalize"))));
  g_ptr_array_add (argv, g_strdup_printf ("--transform=%s",
                                          elman_transform_to_string (g_settings_get_enum (s, "transform"))));
  g_ptr_array_add (argv, g_strdup_printf ("--seed=%" G_GUINT64_FORMAT, g_settings_get_uint64 (s, "seed")));
  g_ptr_array_add (argv, g_strdup_printf ("--test-fraction=%s",
                                          g_ascii_formatd (buf, sizeof buf, "%.17g",
                                                           g_settings_get_double (s, "test-fraction"))));
  g_ptr_array_add (argv, g_strdup_printf ("--ensemble=%u", g_settings_get_uint (s, "ensemble")));
  config.horizon = g_settings_get_uint (s, "horizon");
  g_ptr_array_add (argv, g_strdup_printf ("--forecast=%zu",
                                          elman_run_default_forecast_steps (&config,
                                                                            elman_window_get_series (window)->n)));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  g_ptr_array_add (argv, g_strdup_printf ("--predictions-out=%s", cli_path));
  g_ptr_array_add (argv, g_strdup (series_path));
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("elman-cli: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (app_path, &app_csv, NULL, &error));
  g_assert_true (g_file_get_contents (cli_path, &cli_csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (app_csv, "index,time,actual,predicted,part,lower80,upper80,lower95,upper95\n"));
  g_assert_cmpstr (app_csv, ==, cli_csv);

  g_unlink (app_path);
  g_unlink (cli_path);
  g_rmdir (dir);
  close_window (window);
  reset_settings ();
}

/* A decimal step: the times after the end continue by the mean step (a
 * neighbour's difference is not exactly 0.1), and stay numbers. */
static void
test_format_regular_step (void)
{
  double values[101], times[101];
  g_autoptr(ElmanSeries) series = NULL;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *far = NULL;
  double t;

  for (int i = 0; i <= 100; i++)
    {
      values[i] = i % 7;
      times[i] = 5.0 + 0.1 * i;
    }
  series = elman_series_new_from_values (values, times, 101, ELMAN_FREQUENCY_REGULAR, "value");
  g_assert_false (series->times_are_dates);

  first = elman_time_format_index (series, 0);
  next = elman_time_format_index (series, 101);
  far = elman_time_format_index (series, 110);
  g_assert_cmpstr (first, ==, "5");
  g_assert_cmpstr (next, ==, "15.1");
  g_assert_cmpstr (far, ==, "16");
  /* Exactly the mean step, as elman-cli writes it. */
  g_assert_true (elman_time_after_end (series, 7, &t));
  g_assert_cmpfloat (t, ==, times[100] + 7 * (times[100] - times[0]) / 100);
}

/* ------------------------------------------------------------------ */
/* The sidebar as a new user meets it                                  */

/* Runs xdotool with @args (the X server's own pointer and keyboard). */
static gboolean
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error))
    {
      g_test_message ("%s: %s", command, error->message);
      return FALSE;
    }
  return g_spawn_check_wait_status (status, NULL);
}

/* Moves the X pointer over the middle of @widget. */
static gboolean
point_at (ElmanWindow *window,
          GtkWidget   *widget)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  graphene_point_t p;
  double sx, sy;
  g_autofree char *args = NULL;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                       gtk_widget_get_height (widget) / 2.f), &p))
    return FALSE;
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  /* Away first: GTK picks the widget under the pointer when it moves. */
  args = g_strdup_printf ("mousemove --sync --window %lu %d %d mousemove --sync --window %lu %d %d",
                          (gulong) gdk_x11_surface_get_xid (surface), (int) (p.x + sx) + 40, (int) (p.y + sy) + 40,
                          (gulong) gdk_x11_surface_get_xid (surface), (int) (p.x + sx), (int) (p.y + sy));
  if (!xdotool (args))
    return FALSE;
  iterate_for (100);
  return TRUE;
}

/* The mouse wheel over the sidebar scrolls it, and never changes a spin
 * button or slider that passes under the pointer; over a spin button
 * with the keyboard focus it still changes the value (the user is working
 * on it). */
static void
test_window_wheel_scrolls_sidebar (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ElmanWindow *window;
  GtkAdjustment *v;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  GtkWidget *spin;
  guint window_size;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool_path == NULL)
    {
      g_test_skip ("needs an X11 display and xdotool to move the real pointer");
      return;
    }

  reset_settings ();
  window = elman_window_new (NULL);
  /* Short enough that the sidebar scrolls. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 420);
  gtk_window_present (GTK_WINDOW (window));
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 30000));
  gtk_widget_grab_focus (child (window, "train_button"));
  iterate_for (500);

  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child (window, "params_scroller")));
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >, gtk_adjustment_get_page_size (v));
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);

  /* Over the Window (T) row's spin button, then its slider: the page
   * scrolls, the values stay. */
  {
    const char *controls[] = { "window_spin", "window_scale" };

    for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
      {
        guint window_size = g_settings_get_uint (settings, "window-size");
        double before;

        gtk_adjustment_set_value (v, 0);
        iterate_for (100);
        before = gtk_adjustment_get_value (v);
        g_assert_true (point_at (window, child (window, controls[i])));
        g_assert_true (xdotool ("click 5"));
        iterate_for (300);
        g_test_message ("%s: scrolled from %g to %g", controls[i], before, gtk_adjustment_get_value (v));
        g_assert_cmpuint (g_settings_get_uint (settings, "window-size"), ==, window_size);
        g_assert_cmpfloat (gtk_adjustment_get_value (v), >, before);
      }
  }

  /* With the focus in it, the wheel is meant for the spin button. */
  gtk_adjustment_set_value (v, 0);
  iterate_for (100);

  spin = child (window, "window_spin");
  window_size = g_settings_get_uint (settings, "window-size");
  g_assert_true (point_at (window, spin));
  gtk_widget_grab_focus (spin);
  iterate_for (100);
  g_assert_true (xdotool ("click 4"));
  iterate_for (300);
  iterate_for (300);
  g_assert_cmpuint (g_settings_get_uint (settings, "window-size"), ==, window_size + 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
  gtk_widget_grab_focus (child (window, "train_button"));

  /* Further down: every row passes under the pointer, nothing changes. */
  {
    static const char *keys[] = { "window-size", "horizon", "hidden", "learning-rate", "epochs", "ensemble",
                                  "seed", "test-fraction" };
    GVariant *before[G_N_ELEMENTS (keys)];

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      before[i] = g_settings_get_value (settings, keys[i]);
    gtk_adjustment_set_value (v, 0);
    iterate_for (100);
    g_assert_true (point_at (window, child (window, "window_spin")));
    for (guint i = 0; i < 12; i++)
      {
        g_assert_true (xdotool ("click 5"));
        iterate_for (60);
      }
    g_assert_cmpfloat (gtk_adjustment_get_value (v), ==,
                       gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autoptr(GVariant) after = g_settings_get_value (settings, keys[i]);

        g_assert_true (g_variant_equal (before[i], after));
        g_variant_unref (before[i]);
      }
  }

  close_window (window);
}

static gboolean
row_has_error (ElmanWindow *window,
               const char  *row)
{
  return gtk_widget_has_css_class (child (window, row), "error");
}

static const char *
row_subtitle (ElmanWindow *window,
              const char  *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, row)));
}

/* Types @text into the spin button @name and leaves it (what Tab and
 * Return do). */
static void
type_into (ElmanWindow *window,
           const char  *name,
           const char  *text)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (child (window, name));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
  iterate_for (50);
}

/* Text that is no valid value is shown as invalid, with the reason, and
 * never stored; a value beyond the range is clamped, and a toast says so. */
static void
test_window_typed_values (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  double rate = g_settings_get_double (settings, "learning-rate");
  const char *normal = row_subtitle (window, "rate_row");
  g_autofree char *rate_subtitle = g_strdup (normal);
  const ElmanParamInfo *ensemble = elman_param_get_info (ELMAN_PARAM_ENSEMBLE);
  GtkWidget *toasts = child (window, "toast_overlay");

  g_assert_false (row_has_error (window, "rate_row"));

  type_into (window, "rate_spin", "abc");
  g_assert_cmpfloat (g_settings_get_double (settings, "learning-rate"), ==, rate);
  g_assert_true (row_has_error (window, "rate_row"));
  g_assert_cmpstr (row_subtitle (window, "rate_row"), ==, "“abc” is not a number");

  type_into (window, "rate_spin", "-3");
  g_assert_cmpfloat (g_settings_get_double (settings, "learning-rate"), ==, rate);
  g_assert_true (row_has_error (window, "rate_row"));
  g_assert_cmpstr (row_subtitle (window, "rate_row"), ==, "Learning Rate (ε) must be more than 0, not “-3”");

  type_into (window, "rate_spin", "xyz");
  g_assert_cmpfloat (g_settings_get_double (settings, "learning-rate"), ==, rate);
  g_assert_true (row_has_error (window, "rate_row"));

  /* A valid value is taken, and the row is itself again. */
  type_into (window, "rate_spin", "0.05");
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "learning-rate"), 0.05, 1e-12);
  g_assert_false (row_has_error (window, "rate_row"));
  g_assert_cmpstr (row_subtitle (window, "rate_row"), ==, rate_subtitle);
  g_assert_null (find_label_text (toasts, "the largest value"));

  /* Too many networks: the largest, and the toast says it was clamped. */
  type_into (window, "ensemble_spin", "200000");
  g_assert_cmpuint (g_settings_get_uint (settings, "ensemble"), ==, (guint) ensemble->max);
  g_assert_false (row_has_error (window, "ensemble_row"));
  {
    const char *toast = find_label_text (toasts, "200000 is more than");

    g_assert_nonnull (toast);
    g_test_message ("toast: %s", toast);
    g_assert_nonnull (strstr (toast, "Ensemble Size (R)"));
    g_assert_nonnull (strstr (toast, "the largest value"));
  }

  close_window (window);

  /* Too small a window: the smallest, said as well (in a new window: the
   * toast above would hide it for a while). */
  window = new_window_with_sample ();
  type_into (window, "window_spin", "0");
  g_assert_cmpuint (g_settings_get_uint (settings, "window-size"), ==, 1);
  g_assert_nonnull (find_label_text (child (window, "toast_overlay"), "Window (T): 0 is less than 1, the smallest value"));
  close_window (window);
}

/* T, K, J, ε and the epochs have a slider beside the exact entry: both
 * show one value (log10 ε for the learning rate) and move one setting,
 * and the slider works from the keyboard. */
static void
test_window_sliders (void)
{
  ElmanWindow *window = new_window_with_sample ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  static const char *names[] = { "window", "horizon", "hidden", "rate", "epochs" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *scale_name = g_strdup_printf ("%s_scale", names[i]);
      g_autofree char *spin_name = g_strdup_printf ("%s_spin", names[i]);
      GtkRange *scale = GTK_RANGE (child (window, scale_name));
      GtkSpinButton *spin = GTK_SPIN_BUTTON (child (window, spin_name));
      double before, after;

      g_assert_cmpfloat (gtk_range_get_value (scale), ==, gtk_spin_button_get_value (spin));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (scale)));
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (scale)));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL));

      /* The arrow key's binding: one step right. */
      g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (scale)));
      before = gtk_spin_button_get_value (spin);
      g_signal_emit_by_name (scale, "move-slider", GTK_SCROLL_STEP_RIGHT);
      after = gtk_spin_button_get_value (spin);
      g_test_message ("%s: %g → %g", names[i], before, after);
      g_assert_cmpfloat (after, >, before);
      g_assert_cmpfloat (gtk_range_get_value (scale), ==, after);
    }

  /* The settings followed the sliders (T 12 → 13, K 1 → 2, J 16 → 17,
   * ε ×10, epochs + 100), and the sliders follow the settings. */
  g_assert_cmpuint (g_settings_get_uint (settings, "window-size"), ==, 13);
  g_assert_cmpuint (g_settings_get_uint (settings, "horizon"), ==, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "hidden"), ==, 17);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "learning-rate"), 0.1, 1e-12);
  g_assert_cmpuint (g_settings_get_uint (settings, "epochs"), ==, 600);
  g_settings_set_uint (settings, "hidden", 7);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (child (window, "hidden_scale"))), ==, 7);
  g_settings_set_double (settings, "learning-rate", 0.001);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (child (window, "rate_scale"))), -3, 1e-9);
  g_settings_set_uint (settings, "epochs", 300);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (child (window, "epochs_scale"))), ==, 300);
  /* A value past the slider's end: the slider stays at its end, the exact
   * entry and the setting keep the value. */
  g_settings_set_uint (settings, "epochs", 1000000);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (window, "epochs_spin"))), ==, 1000000);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (child (window, "epochs_scale"))), ==,
                     gtk_adjustment_get_upper (gtk_range_get_adjustment (GTK_RANGE (child (window, "epochs_scale")))));
  g_assert_cmpuint (g_settings_get_uint (settings, "epochs"), ==, 1000000);

  close_window (window);
}

/* With Find Settings Automatically the greyed rows say that the search
 * sets them, and Ensemble Size says what 1 means. */
static void
test_window_search_rows (void)
{
  ElmanWindow *window = new_window_with_sample ();

  g_assert_cmpstr (row_subtitle (window, "window_row"), ==, "Past values per prediction");
  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), TRUE);
  g_assert_cmpstr (row_subtitle (window, "window_row"), ==, "Set by the search when you train");
  g_assert_cmpstr (row_subtitle (window, "hidden_row"), ==, "Set by the search when you train");
  g_assert_cmpstr (row_subtitle (window, "rate_row"), ==, "Set by the search when you train");
  g_assert_cmpstr (row_subtitle (window, "transform_row"), ==, "Set by the search when you train");
  g_assert_cmpstr (row_subtitle (window, "ensemble_row"), ==,
                   "Networks for each of the best settings. At 1, the search trains 5 of each");
  set_spin (window, "ensemble_spin", 2);
  g_assert_cmpstr (row_subtitle (window, "ensemble_row"), ==, "Networks for each of the best settings");

  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), FALSE);
  g_assert_cmpstr (row_subtitle (window, "window_row"), ==, "Past values per prediction");
  g_assert_cmpstr (row_subtitle (window, "ensemble_row"), ==, "Networks from different seeds, averaged");

  close_window (window);
}

static void
test_window_accessible (void)
{
  ElmanWindow *window = new_window_with_sample ();
  static const char *labelled[] = {
    "window_spin", "horizon_spin", "hidden_spin", "rate_spin", "epochs_spin", "seed_spin",
    "test_spin", "bias_switch", "preset_row", "init_row", "gradient_row", "loss_row",
    "optimizer_row", "normalize_row", "transform_row", "column_row", "train_button",
    "open_button", "progress_bar", "flap_button", "primary_menu_button", "export_menu_button",
    "auto_switch", "ensemble_spin",
  };

  for (guint i = 0; i < G_N_ELEMENTS (labelled); i++)
    {
      GtkAccessible *accessible = GTK_ACCESSIBLE (child (window, labelled[i]));

      if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s has no accessible label", labelled[i]);
    }

  /* The plot is an image with a label and a description of its content. */
  {
    GtkAccessible *plot = GTK_ACCESSIBLE (elman_window_get_plot_view (window));

    /* 20 % of 144 values held out: the test part starts at index 115. */
    set_spin (window, "horizon_spin", 1);
    set_spin (window, "test_spin", 20);

    g_assert_true (gtk_test_accessible_has_role (plot, GTK_ACCESSIBLE_ROLE_IMG));
    g_assert_true (gtk_test_accessible_has_property (plot, GTK_ACCESSIBLE_PROPERTY_LABEL));
    gtk_test_accessible_assert_property (plot, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         "Upper panel: the series “value”, 144 values from 1949-01 to 1960-12."
                                         " The test part starts at 1958-08.");
  }

  close_window (window);
}

static void
test_window_style (void)
{
  ElmanWindow *window = new_window_with_sample ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  ElmanPlotView *view = elman_window_get_plot_view (window);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (elman_plot_view_get_dark (view));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (elman_plot_view_get_dark (view));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  close_window (window);
}

/* ------------------------------------------------------------------ */
/* Ensembles and the automatic search                                  */

/* A window on @n values of a season of 12 around a rise of @rise a
 * step, with uniform noise of ±@noise, written to @dir. */
static ElmanWindow *
new_window_with_season (const char *dir,
                        guint       n,
                        double      rise,
                        double      noise)
{
  g_autofree char *path = g_build_filename (dir, "season.csv", NULL);
  g_autoptr(GString) text = g_string_new ("t,value\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  ElmanWindow *window;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "%u,%.4f\n", i,
                            100 + rise * i + 10 * sin (2 * G_PI * i / 12) + noise * g_rand_double_range (rand, -1, 1));
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  g_assert_no_error (error);

  window = new_window_with_path (path);
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, n);
  g_unlink (path);
  return window;
}

static gboolean
in_finishing_phase (gpointer data)
{
  ElmanTrainingWorker *worker = elman_window_get_worker (data);
  g_autoptr(ElmanTrainingSnapshot) snapshot = NULL;

  g_assert_nonnull (worker);
  snapshot = elman_training_worker_dup_snapshot (worker, NULL);
  return snapshot != NULL && snapshot->phase == ELMAN_TRAINING_PHASE_FINISHING;
}

/* The run's worker, kept to read its phases once the window let go. */
static ElmanTrainingWorker *watched_worker;

static gboolean
ensemble_done_watching (gpointer data)
{
  return !elman_window_is_training (data);
}

/* The forecast rows of an exported predictions CSV with the intervals:
 * lower95 ≤ lower80 ≤ forecast ≤ upper80 ≤ upper95 on every one. */
static guint
check_band_rows (char **lines)
{
  guint n_rows = 0;

  g_assert_cmpstr (lines[0], ==, "index,time,actual,predicted,part,lower80,upper80,lower95,upper95");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double fc, l80, u80, l95, u95;

      g_assert_cmpuint (g_strv_length (f), ==, 9);
      if (strcmp (f[4], "forecast") != 0)
        {
          /* A value's row: no interval. */
          g_assert_cmpstr (f[5], ==, "");
          g_assert_cmpstr (f[8], ==, "");
          continue;
        }
      g_assert_cmpstr (f[2], ==, "");
      fc = g_ascii_strtod (f[3], NULL);
      l80 = g_ascii_strtod (f[5], NULL);
      u80 = g_ascii_strtod (f[6], NULL);
      l95 = g_ascii_strtod (f[7], NULL);
      u95 = g_ascii_strtod (f[8], NULL);
      g_assert_true (isfinite (fc) && isfinite (l95) && isfinite (u95));
      g_assert_cmpfloat (l95, <=, l80);
      g_assert_cmpfloat (l80, <=, fc);
      g_assert_cmpfloat (fc, <=, u80);
      g_assert_cmpfloat (u80, <=, u95);
      /* An interval, not a line. */
      g_assert_cmpfloat (u95 - l95, >, 0);
      n_rows++;
    }
  return n_rows;
}

static void
test_window_auto_search (void)
{
  ElmanWindow *window = new_window_with_sample ();
  ElmanPlotView *view = elman_window_get_plot_view (window);
  GSettings *settings = elman_window_get_settings (window);
  g_autofree char *dir = g_dir_make_tmp ("elman-ensemble-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "predictions.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *ensemble_row = NULL;
  g_autofree char *transform = NULL;
  g_autofree char *user_transform = NULL;
  g_autofree char *preset_subtitle = NULL;
  guint hidden;
  double rate;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  guint n_models;

  /* The switch turns the search on; the rows it decides go insensitive. */
  g_assert_true (gtk_widget_is_sensitive (child (window, "window_row")));
  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "auto-search"));
  g_assert_false (gtk_widget_get_sensitive (child (window, "window_row")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "hidden_row")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "rate_row")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "transform_row")));
  g_assert_true (gtk_widget_get_sensitive (child (window, "horizon_spin")));
  g_assert_true (elman_window_can_train (window));
  /* A window the series cannot hold does not stop a search, which picks
   * its own. */
  g_settings_set_uint (settings, "window-size", 500);
  g_assert_null (elman_window_get_parameter_problem (window));
  g_assert_true (elman_window_can_train (window));
  hidden = g_settings_get_uint (settings, "hidden");
  rate = g_settings_get_double (settings, "learning-rate");
  user_transform = g_settings_get_string (settings, "transform");
  /* Whether the preset reads "Modified": a search must not change it. */
  preset_subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "preset_row"))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.start", NULL));
  g_assert_true (elman_window_is_training (window));
  watched_worker = g_object_ref (elman_window_get_worker (window));
  g_assert_true (wait_for (ensemble_done_watching, window, 400000));
  /* The run searched, trained the ensemble and averaged it. */
  {
    g_autoptr(ElmanTrainingSnapshot) last = elman_training_worker_dup_snapshot (watched_worker, NULL);

    g_assert_cmpuint (last->phases, ==, (1u << ELMAN_TRAINING_PHASE_SEARCH) | (1u << ELMAN_TRAINING_PHASE_ENSEMBLE) |
                                        (1u << ELMAN_TRAINING_PHASE_FINISHING));
    g_assert_true (last->final);
  }
  g_clear_object (&watched_worker);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (window, "progress_bar"))), ==, 1);

  /* Five seeds (the default with R = 1) for each of the best three. */
  n_models = elman_window_get_n_models (window);
  g_test_message ("status: %s; %u networks", elman_window_get_status_text (window), n_models);
  g_assert_cmpuint (n_models, ==, 15);
  g_assert_cmpstr (elman_window_get_status_text (window), ==, "Trained an ensemble of 15 networks");
  g_assert_nonnull (elman_window_get_model (window));
  g_assert_true (elman_model_is_finite (elman_window_get_model (window)));

  /* Which settings were chosen: the summary says; the settings (and the
   * rows the search made insensitive) keep the user's values. */
  text = elman_window_get_ensemble_text (window);
  g_assert_nonnull (text);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Chosen by the search: T = "));
  g_assert_nonnull (strstr (text, "settings on the validation part"));
  g_assert_nonnull (strstr (text, "The forecast averages 15 networks (5 seeds for each of the best 3 settings)."));
  /* The networks alone forecast this series: no sentence on the choice. */
  g_assert_cmpint (elman_run_result_get_choice (elman_session_get_result (elman_window_get_session (window)))->kind,
                   ==, ELMAN_AUTO_CHOICE_NETWORK);
  g_assert_null (strstr (text, "It forecasts with"));
  g_assert_cmpuint (g_settings_get_uint (settings, "window-size"), ==, 500);
  g_assert_cmpuint (g_settings_get_uint (settings, "hidden"), ==, hidden);
  g_assert_cmpfloat (g_settings_get_double (settings, "learning-rate"), ==, rate);
  transform = g_settings_get_string (settings, "transform");
  g_assert_cmpstr (transform, ==, user_transform);
  g_assert_cmpuint ((guint) gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (window, "window_spin"))), ==, 500);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "preset_row"))), ==, preset_subtitle);

  /* The greyed rows show what the search chose, where the user looks. */
  {
    g_autoptr(GRegex) regex = g_regex_new ("^Chosen by the search: T = (\\d+), J = (\\d+), ε = ([^,]+), "
                                           "transform “([^”]+)”", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    g_autofree char *t = NULL;
    g_autofree char *j = NULL;
    g_autofree char *rate_text = NULL;
    g_autofree char *transform_text = NULL;
    g_autofree char *t_row = NULL;
    g_autofree char *j_row = NULL;
    g_autofree char *rate_row = NULL;
    g_autofree char *transform_row = NULL;

    g_assert_true (g_regex_match (regex, text, 0, &match));
    t = g_match_info_fetch (match, 1);
    j = g_match_info_fetch (match, 2);
    rate_text = g_match_info_fetch (match, 3);
    transform_text = g_match_info_fetch (match, 4);
    t_row = g_strdup_printf ("The search chose %s", t);
    j_row = g_strdup_printf ("The search chose %s", j);
    rate_row = g_strdup_printf ("The search chose %s", rate_text);
    transform_row = g_strdup_printf ("The search chose “%s”", transform_text);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "window_row"))), ==, t_row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "hidden_row"))), ==, j_row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "rate_row"))), ==, rate_row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "transform_row"))), ==,
                     transform_row);
  }

  /* The mean forecast with its 80 % and 95 % bands; the loss panel shows
   * one member, and says so. */
  g_assert_cmpuint (elman_plot_view_get_n_forecast (view), >, 0);
  g_assert_cmpuint (elman_plot_view_get_n_bands (view), ==, 2);
  g_assert_cmpuint (elman_plot_view_get_n_epochs (view), >, 0);
  g_assert_true (elman_plot_view_get_prediction (view, 140, NULL));
  g_assert_true (g_str_has_prefix (elman_window_get_loss_text (window), "Loss curve of network 1 of 15"));

  /* The table scores the ensemble's mean forecast. */
  g_assert_true (wait_for (not_evaluating, window, 300000));
  g_assert_nonnull (elman_window_get_metrics_text (window));
  g_test_message ("%s", elman_window_get_metrics_text (window));
  g_assert_true (g_str_has_prefix (elman_window_get_metrics_text (window), "ensemble: RMSE "));
  g_assert_nonnull (find_label_text (child (window, "metrics_grid"), "Ensemble of 15 networks"));

  /* The export has the intervals, in the CLI's columns. */
  g_assert_true (elman_window_export_predictions (window, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (check_band_rows (lines), ==, elman_plot_view_get_n_forecast (view));

  /* Back to hand-picked settings: the rows are the user's again. */
  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), FALSE);
  g_assert_true (gtk_widget_get_sensitive (child (window, "window_row")));
  ensemble_row = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "ensemble_row"))));
  g_assert_cmpstr (ensemble_row, ==, "Networks from different seeds, averaged");

  g_unlink (csv_path);
  g_rmdir (dir);
  close_window (window);
}

/* Runs the automatic search on @window's series to its end; returns what
 * it chose to forecast with. */
static const ElmanAutoChoice *
run_auto_search (ElmanWindow *window)
{
  ElmanRunResult *result;
  const ElmanAutoChoice *choice;

  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), TRUE);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 300000));
  result = elman_session_get_result (elman_window_get_session (window));
  g_assert_nonnull (result);
  choice = elman_run_result_get_choice (result);
  g_assert_nonnull (choice);
  g_test_message ("%s", elman_window_get_ensemble_text (window));
  return choice;
}

/* The sentence on what forecasts, when the search's choice is not the
 * networks alone: its name and validation MAE beside the networks'. */
static char *
choice_sentence (const ElmanAutoChoice *choice)
{
  g_autofree char *name = elman_auto_choice_name (choice);
  g_autofree char *chosen = elman_app_format_value (choice->chosen_mae);
  g_autofree char *networks = elman_app_format_value (choice->network_mae);

  return g_strdup_printf ("It forecasts with %s: validation MAE %s, against %s for the networks alone.",
                          name, chosen, networks);
}

/* The summary says what forecasts when the search chose more than the
 * networks, or other methods instead (the CLI's "Forecast: …" line). */
static void
test_window_auto_choice (void)
{
  g_autofree char *dir = g_dir_make_tmp ("elman-choice-XXXXXX", NULL);
  ElmanWindow *window;
  const ElmanAutoChoice *choice;
  const char *text;

  /* An exact season over a steady rise: seasonal naive with the smoothed
   * yearly change has no error on it (the networks have some), and the
   * networks are set aside, so the summary does not count them. */
  window = new_window_with_season (dir, 60, 0.5, 0);
  choice = run_auto_search (window);
  g_assert_cmpint (choice->kind, ==, ELMAN_AUTO_CHOICE_SIMPLE);
  g_assert_cmpfloat (choice->chosen_mae, <, choice->network_mae / 100);
  {
    g_autofree char *sentence = choice_sentence (choice);
    g_autofree char *name = elman_auto_choice_name (choice);

    g_assert_cmpstr (name, ==, "seasonal naive with the smoothed yearly change");
    text = elman_window_get_ensemble_text (window);
    g_assert_nonnull (text);
    g_assert_true (g_str_has_prefix (text, "Chosen by the search: T = "));
    g_assert_true (g_str_has_suffix (text, sentence));
    g_assert_null (strstr (text, "The forecast averages"));
  }
  /* Neither the heading nor the scores call the method an ensemble. */
  g_assert_cmpstr (elman_window_get_status_text (window), ==,
                   "Networks set aside for a simpler method");
  g_assert_true (wait_for (not_evaluating, window, 300000));
  g_assert_nonnull (find_label_text (child (window, "metrics_grid"), "Chosen method"));
  g_assert_null (find_label_text (child (window, "metrics_grid"), "Ensemble of 2 networks"));
  close_window (window);

  /* With noise, the default: the networks' mean with the statistical
   * combination; the summary still counts the networks. */
  window = new_window_with_season (dir, 72, 0.01, 1);
  choice = run_auto_search (window);
  g_assert_cmpint (choice->kind, ==, ELMAN_AUTO_CHOICE_COMBINED);
  {
    g_autofree char *sentence = choice_sentence (choice);
    g_autofree char *name = elman_auto_choice_name (choice);

    g_assert_true (g_str_has_prefix (name, "the mean of the networks, "));
    text = elman_window_get_ensemble_text (window);
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, " The forecast averages 15 networks (5 seeds for each of the best 3 settings). "));
    g_assert_true (g_str_has_suffix (text, sentence));
  }
  g_assert_cmpstr (elman_window_get_status_text (window), ==,
                   "Trained 15 networks and combined them with other methods");
  g_assert_true (wait_for (not_evaluating, window, 300000));
  g_assert_nonnull (find_label_text (child (window, "metrics_grid"), "Networks and methods"));
  close_window (window);
  g_rmdir (dir);
}

/* Presses Stop and waits for the run to end. */
static void
stop_promptly (ElmanWindow *window)
{
  gint64 stop = g_get_monotonic_time ();
  double seconds;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.stop", NULL));
  g_assert_true (wait_for (not_training, window, 30000));
  seconds = (g_get_monotonic_time () - stop) / (double) G_USEC_PER_SEC;
  g_test_message ("stopped in %.3f s: %s; %u networks", seconds, elman_window_get_status_text (window),
                  elman_window_get_n_models (window));
  /* A hang guard, not a speed target. */
  g_assert_cmpfloat (seconds, <, 5);
}

/* Stop while the trained networks' mean predictions and intervals are
 * computed (seconds on a long series): the run ends promptly, and the
 * window shows either the whole ensemble with its status, or nothing of
 * it with "Stopped". Many values, few epochs: the last step is long,
 * the training short. */
static void
test_window_ensemble_stop_finishing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("elman-finishing-XXXXXX", NULL);
  ElmanWindow *window = new_window_with_season (dir, 20000, 0.01, 1);
  ElmanPlotView *view = elman_window_get_plot_view (window);

  set_spin (window, "ensemble_spin", 15);
  set_spin (window, "epochs_spin", 1);
  elman_window_start_training (window);
  g_assert_true (wait_for (in_finishing_phase, window, 120000));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Forecasting with 15 networks") ||
                 g_str_has_prefix (elman_window_get_status_text (window), "Training 15 networks"));

  stop_promptly (window);
  /* Nothing of the ensemble is shown, and the status says so. */
  g_assert_cmpstr (elman_window_get_status_text (window), ==, "Stopped: the ensemble was not finished");
  g_assert_cmpuint (elman_window_get_n_models (window), ==, 0);
  g_assert_null (elman_window_get_model (window));
  g_assert_null (elman_window_get_ensemble_text (window));
  g_assert_cmpuint (elman_plot_view_get_n_bands (view), ==, 0);
  g_assert_cmpuint (elman_plot_view_get_n_forecast (view), ==, 0);
  g_assert_cmpstr (elman_window_get_loss_text (window), ==, "");
  g_assert_true (elman_window_can_train (window));

  close_window (window);
  g_rmdir (dir);
}

/* With the automatic settings, Train is offered only when the search can
 * run on the series: the core's own check, with its message. */
static void
test_window_auto_search_short (void)
{
  g_autofree char *dir = g_dir_make_tmp ("elman-short-XXXXXX", NULL);
  ElmanWindow *window = new_window_with_season (dir, 8, 0.01, 1);
  const char *problem;

  /* Hand-picked settings the series can hold. */
  set_spin (window, "window_spin", 2);
  set_spin (window, "horizon_spin", 1);
  g_assert_null (elman_window_get_parameter_problem (window));
  g_assert_true (elman_window_can_train (window));

  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), TRUE);
  problem = elman_window_get_parameter_problem (window);
  g_test_message ("%s", problem);
  g_assert_nonnull (problem);
  g_assert_false (elman_window_can_train (window));
  g_assert_false (gtk_widget_is_sensitive (child (window, "train_button")));
  g_assert_true (gtk_widget_get_visible (child (window, "param_error_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "param_error_label"))), ==, problem);

  /* The search's own refusal (elman_auto_search_check()). */
  g_assert_true (g_str_has_prefix (problem, "Too few values for the automatic search"));

  /* Off again: the hand-picked settings train. */
  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), FALSE);
  g_assert_null (elman_window_get_parameter_problem (window));
  g_assert_true (elman_window_can_train (window));

  close_window (window);
  g_rmdir (dir);
}

static gboolean
search_under_way (gpointer data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (child (data, "progress_bar"));

  return g_str_has_prefix (elman_window_get_status_text (data), "Searching ") &&
         gtk_progress_bar_get_fraction (bar) > 0;
}

/* A search that only ends when stopped: no early stopping (the Seed
 * preset has no patience), and Adam on z-scores never diverges. */
static void
start_endless_search (ElmanWindow *window)
{
  GSettings *settings = elman_window_get_settings (window);

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), 1);
  g_settings_set_enum (settings, "optimizer", 1);
  g_settings_set_enum (settings, "normalize", 1);
  g_settings_set_enum (settings, "loss", 1);
  g_settings_set_enum (settings, "init", 1);
  set_spin (window, "epochs_spin", 10000000);
  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), TRUE);

  elman_window_start_training (window);
  g_assert_true (wait_for (search_under_way, window, 60000));
}

static void
test_window_auto_search_stop (void)
{
  ElmanWindow *window = new_window_with_sample ();

  start_endless_search (window);
  g_test_message ("%s", elman_window_get_status_text (window));
  g_test_message ("%s", elman_window_get_loss_text (window));
  g_assert_true (g_str_has_prefix (elman_window_get_loss_text (window), "Loss curve of setting 1 of ") ||
                 g_str_equal (elman_window_get_loss_text (window),
                              "The loss curve of network 1 appears after its first epoch"));
  g_assert_nonnull (strstr (elman_window_get_status_text (window), "settings on the validation part"));

  stop_promptly (window);
  g_assert_cmpstr (elman_window_get_status_text (window), ==, "Stopped during the search: nothing was trained");
  g_assert_null (elman_window_get_model (window));
  g_assert_cmpuint (elman_window_get_n_models (window), ==, 0);
  g_assert_cmpstr (elman_window_get_loss_text (window), ==, "");

  /* Still usable: a short run trains. */
  g_assert_true (elman_window_can_train (window));
  gtk_switch_set_active (GTK_SWITCH (child (window, "auto_switch")), FALSE);
  set_spin (window, "epochs_spin", 20);
  elman_window_start_training (window);
  g_assert_true (wait_for (not_training, window, 120000));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Trained 20 epochs"));
  g_assert_nonnull (elman_window_get_model (window));

  close_window (window);
}

static gboolean
no_run_left (gpointer data)
{
  return elman_training_worker_count_running () == 0;
}

/* Closing the window during the search ends it: close_window() waits
 * for the window to be finalized, which needs the run's thread done. */
static void
test_window_auto_search_close (void)
{
  ElmanWindow *window = new_window_with_sample ();
  gint64 start;

  start_endless_search (window);
  start = g_get_monotonic_time ();
  close_window (window);
  /* The run itself ends, and its thread is joined. */
  g_assert_true (wait_for (no_run_left, NULL, 5000));
  g_test_message ("closed and joined in %.3f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

static void
test_window_ensemble_three (void)
{
  ElmanWindow *window = new_window_with_sample ();
  ElmanPlotView *view = elman_window_get_plot_view (window);
  GSettings *settings = elman_window_get_settings (window);
  g_autofree char *transform = NULL;

  set_spin (window, "ensemble_spin", 3);
  g_assert_cmpuint (g_settings_get_uint (settings, "ensemble"), ==, 3);
  set_spin (window, "epochs_spin", 100);
  /* The core's window-mean transform, from its combo item. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "transform_row")), 4);
  transform = g_settings_get_string (settings, "transform");
  g_assert_cmpstr (transform, ==, "relative-mean");

  elman_window_start_training (window);
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Starting"));
  g_assert_true (wait_for (not_training, window, 300000));

  g_assert_cmpuint (elman_window_get_n_models (window), ==, 3);
  g_assert_cmpstr (elman_window_get_status_text (window), ==, "Trained an ensemble of 3 networks");
  g_assert_cmpstr (elman_window_get_ensemble_text (window), ==,
                   "The forecast averages 3 networks from different seeds.");
  g_assert_cmpuint (elman_plot_view_get_n_bands (view), ==, 2);
  g_assert_true (g_str_has_prefix (elman_window_get_loss_text (window), "Loss curve of network 1 of 3"));
  g_assert_true (wait_for (not_evaluating, window, 300000));
  g_assert_true (g_str_has_prefix (elman_window_get_metrics_text (window), "ensemble: RMSE "));
  /* The ensemble's own free-running run and residual ACF are drawn. */
  g_assert_cmpuint (elman_plot_view_get_n_free_running (view), >, 0);
  g_assert_cmpuint (elman_plot_view_get_n_acf (view, NULL), >, 0);
  g_assert_cmpint (elman_plot_view_get_panels (view), ==, ELMAN_PLOT_PANEL_ALL);

  /* One network again: no bands, no ensemble line. */
  set_spin (window, "ensemble_spin", 1);
  set_spin (window, "epochs_spin", 20);
  elman_window_start_training (window);
  g_assert_cmpuint (elman_plot_view_get_n_bands (view), ==, 0);
  g_assert_true (wait_for (not_training, window, 120000));
  g_assert_cmpuint (elman_window_get_n_models (window), ==, 1);
  g_assert_cmpuint (elman_plot_view_get_n_bands (view), ==, 0);
  g_assert_null (elman_window_get_ensemble_text (window));

  close_window (window);
}

/* ------------------------------------------------------------------ */
/* Frame times while a 1-million-point series trains (benchmark only)  */

typedef struct
{
  gint64  frame_start;   /* before-paint: ahead of the tick callbacks */
  gint64  frame_start_cpu;
  gint64  last_end;
  GArray *paint;      /* µs from before-paint to after-paint */
  GArray *paint_cpu;  /* µs of main-thread CPU time in between */
  GArray *interval;   /* µs between two after-paints */
} FrameStats;

/* CPU time of the calling (main) thread: what a frame costs us, without
 * the time other processes took the CPU away. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_before_paint (GdkFrameClock *clock,
                 FrameStats    *stats)
{
  stats->frame_start = g_get_monotonic_time ();
  stats->frame_start_cpu = thread_cpu_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameStats    *stats)
{
  gint64 now = g_get_monotonic_time ();
  double paint = (double) (now - stats->frame_start);
  double cpu = (double) (thread_cpu_time () - stats->frame_start_cpu);

  if (stats->frame_start > 0)
    {
      g_array_append_val (stats->paint, paint);
      g_array_append_val (stats->paint_cpu, cpu);
    }
  if (stats->last_end > 0)
    {
      double interval = (double) (now - stats->last_end);
      g_array_append_val (stats->interval, interval);
    }
  stats->last_end = now;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Prints the distribution; returns the 99th percentile in ms. */
static double
print_percentiles (const char *name,
                   GArray     *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  printf ("# %s: n=%u median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", name, n,
          v[n / 2] / 1000, v[(guint) (n * 0.95)] / 1000, v[(guint) (n * 0.99)] / 1000, v[n - 1] / 1000);
  return v[(guint) (n * 0.99)] / 1000;
}

static void
test_window_frame_times (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GString *csv = g_string_sized_new (16 * 1000000);
  ElmanWindow *window;
  ElmanPlotView *view;
  GdkFrameClock *clock;
  FrameStats stats = { 0 };
  guint64 state = 42;
  guint n_frames, n_epochs;
  double cpu_p99;
  int fd;

  g_string_append (csv, "value\n");
  for (guint i = 0; i < 1000000; i++)
    {
      double noise;

      state = state * 6364136223846793005ull + 1442695040888963407ull;
      noise = (double) (state >> 11) / (double) (1ull << 53) - 0.5;
      g_string_append_printf (csv, "%.4f\n", 100 + 20 * sin (i * 2 * G_PI / 50) + 0.001 * i + 5 * noise);
    }
  fd = g_file_open_tmp ("elman-1m-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_string_free (csv, TRUE);

  reset_settings ();
  window = elman_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 60000));
  g_assert_cmpuint (elman_window_get_series (window)->n, ==, 1000000);
  view = elman_window_get_plot_view (window);
  iterate_for (500);

  set_spin (window, "window_spin", 50);
  set_spin (window, "hidden_spin", 16);
  set_spin (window, "epochs_spin", 10000000);

  stats.paint = g_array_new (FALSE, FALSE, sizeof (double));
  stats.paint_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  stats.interval = g_array_new (FALSE, FALSE, sizeof (double));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &stats);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &stats);

  n_frames = elman_plot_view_get_n_frames (view);
  elman_window_start_training (window);
  /* Measure 15 s of training, with the pointer-free window redrawing at
   * the frame clock's pace whenever a snapshot arrives. */
  iterate_for (15000);
  n_epochs = elman_plot_view_get_n_epochs (view);
  n_frames = elman_plot_view_get_n_frames (view) - n_frames;

  g_signal_handlers_disconnect_by_data (clock, &stats);
  printf ("# 1,000,000 values, T=50 J=16: %u epochs in 15 s, %u plot redraws (%.1f/s)\n",
          n_epochs, n_frames, n_frames / 15.0);
  print_percentiles ("frame time, wall clock (before-paint to after-paint)", stats.paint);
  cpu_p99 = print_percentiles ("frame time, main-thread CPU", stats.paint_cpu);
  print_percentiles ("frame interval", stats.interval);

  /* Every epoch's losses reached the screen, and what the app itself does
   * per frame fits in one 60 Hz frame (the wall clock also counts the time
   * other processes hold the CPU, so it is reported, not asserted). */
  g_assert_cmpuint (n_epochs, >, 0);
  g_assert_cmpuint (n_frames, >=, n_epochs);
  g_assert_cmpfloat (cpu_p99, <, 16.0);

  /* Stop: the run ends mid-epoch, then predicts once more with the model
   * it keeps; the test part is scored afterwards, off the main thread. */
  {
    gint64 t0 = g_get_monotonic_time ();

    elman_window_stop_training (window);
    g_assert_true (wait_for (not_training, window, 60000));
    printf ("# Stop to idle (with the final predictions): %.0f ms\n",
            (g_get_monotonic_time () - t0) / 1000.0);
    g_assert_true (wait_for (not_evaluating, window, 120000));
    printf ("# ... and the test part scored: %.0f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  }

  close_window (window);

  /* Short epochs: the sample series, 10 s, hundreds of thousands of epochs
   * whose losses all reach the plot. */
  {
    ElmanWindow *sample = new_window_with_sample ();
    ElmanPlotView *sample_view = elman_window_get_plot_view (sample);
    FrameStats short_stats = { 0 };
    GdkFrameClock *sample_clock;
    guint renders;

    short_stats.paint = g_array_new (FALSE, FALSE, sizeof (double));
    short_stats.paint_cpu = g_array_new (FALSE, FALSE, sizeof (double));
    short_stats.interval = g_array_new (FALSE, FALSE, sizeof (double));
    set_endless (sample);
    iterate_for (300);
    sample_clock = gtk_widget_get_frame_clock (GTK_WIDGET (sample));
    g_signal_connect (sample_clock, "before-paint", G_CALLBACK (on_before_paint), &short_stats);
    g_signal_connect (sample_clock, "after-paint", G_CALLBACK (on_after_paint), &short_stats);
    renders = elman_plot_view_get_n_renders (sample_view);
    elman_window_start_training (sample);
    iterate_for (10000);
    renders = elman_plot_view_get_n_renders (sample_view) - renders;
    g_signal_handlers_disconnect_by_data (sample_clock, &short_stats);
    printf ("# sample series (144 values), short epochs: %zu epochs in 10 s, %u plot updates (%.1f/s)\n",
            elman_plot_view_get_n_epochs (sample_view), renders, renders / 10.0);
    print_percentiles ("frame time, wall clock", short_stats.paint);
    cpu_p99 = print_percentiles ("frame time, main-thread CPU", short_stats.paint_cpu);
    g_assert_cmpfloat (renders / 10.0, >=, 10.0);
    g_assert_cmpfloat (cpu_p99, <, 16.0);
    close_window (sample);
    g_array_unref (short_stats.paint);
    g_array_unref (short_stats.paint_cpu);
    g_array_unref (short_stats.interval);
  }

  g_array_unref (stats.paint);
  g_array_unref (stats.paint_cpu);
  g_array_unref (stats.interval);
  g_unlink (path);
}

/* The Network view open while J = 256 units train on 20,000 values: the
 * weights (65,000 of W alone) reach the view with every snapshot, the
 * hidden states (5 million values) every half second. */
static void
test_window_frame_times_network (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GString *csv = g_string_sized_new (16 * 20000);
  ElmanWindow *window;
  ElmanNetworkView *view;
  GdkFrameClock *clock;
  FrameStats stats = { 0 };
  guint n_frames, epoch0, n_epochs;
  double cpu_p99;
  double load[3] = { 0 };
  int fd;

  g_string_append (csv, "value\n");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "%.4f\n", 100 + 20 * sin (i * 2 * G_PI / 50) + 0.001 * i);
  fd = g_file_open_tmp ("elman-20k-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_string_free (csv, TRUE);

  reset_settings ();
  window = elman_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 60000));
  set_spin (window, "window_spin", 24);
  set_spin (window, "hidden_spin", 256);
  set_spin (window, "epochs_spin", 10000000);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (window, "view_stack")), "network");
  view = elman_window_get_network_view (window);
  iterate_for (500);

  stats.paint = g_array_new (FALSE, FALSE, sizeof (double));
  stats.paint_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  stats.interval = g_array_new (FALSE, FALSE, sizeof (double));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &stats);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &stats);

  n_frames = elman_network_view_get_n_frames (view);
  elman_window_start_training (window);
  iterate_for (1000);
  epoch0 = elman_session_get_snapshot (elman_window_get_session (window))
           ? elman_session_get_snapshot (elman_window_get_session (window))->epoch : 0;
  iterate_for (14000);
  n_epochs = elman_session_get_snapshot (elman_window_get_session (window))->epoch;
  n_frames = elman_network_view_get_n_frames (view) - n_frames;
  g_signal_handlers_disconnect_by_data (clock, &stats);
  if (getloadavg (load, 3) < 0)
    load[0] = NAN;

  printf ("# Network view, 20,000 values, T=24 J=256: %u epochs in 15 s (%u in the last 14 s), "
          "%u view redraws (%.1f/s); load average %.2f\n",
          n_epochs, n_epochs - epoch0, n_frames, n_frames / 15.0, load[0]);
  print_percentiles ("frame time, wall clock (before-paint to after-paint)", stats.paint);
  cpu_p99 = print_percentiles ("frame time, main-thread CPU", stats.paint_cpu);
  print_percentiles ("frame interval", stats.interval);
  g_assert_cmpuint (n_epochs, >, epoch0);
  g_assert_cmpuint (n_frames, >, 0);
  g_assert_cmpfloat (cpu_p99, <, 16.7);

  elman_window_stop_training (window);
  g_assert_true (wait_for (not_training, window, 60000));
  close_window (window);
  g_array_unref (stats.paint);
  g_array_unref (stats.paint_cpu);
  g_array_unref (stats.interval);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  static const char *xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autofree char *scratch = NULL;
  int status;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--frame-benchmark"))
      frame_benchmark = TRUE;

  /* Recent files and caches go to a scratch directory, not the user's
   * (G_TEST_OPTION_ISOLATE_DIRS would also hide the MIME database that
   * GdkPixbuf needs to load the theme's SVG icons). */
  scratch = g_dir_make_tmp ("elman-test-window-XXXXXX", NULL);
  g_assert_nonnull (scratch);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (scratch, xdg[i], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg[i], dir, TRUE);
    }

  /* GTK's test accessibility backend: the accessible labels and
   * descriptions can be checked, and no AT-SPI bus is needed. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* No session bus: the application test registers as a plain non-unique
   * instance instead of autolaunching one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/elman-test-bus", TRUE);

  g_test_init (&argc, &argv, NULL);

  /* The README's test command runs this under Xvfb: no display is a
   * failure, not a skip. */
  if (!gtk_init_check ())
    g_error ("No display: run the GUI tests under xvfb-run (see README)");
  adw_init ();
  g_set_application_name ("Elman");

  if (frame_benchmark)
    {
      g_test_add_func ("/elman/window/frame-times", test_window_frame_times);
      g_test_add_func ("/elman/window/frame-times-network", test_window_frame_times_network);
    }
  else
    {
      g_test_add_func ("/elman/window/load", test_window_load);
      g_test_add_func ("/elman/window/initial", test_window_initial);
      g_test_add_func ("/elman/window/drop", test_window_drop);
      g_test_add_func ("/elman/window/open-while-training", test_window_open_while_training);
      g_test_add_func ("/elman/application/open", test_application_open);
      g_test_add_func ("/elman/window/parameters", test_window_parameters);
      g_test_add_func ("/elman/window/train", test_window_train);
      g_test_add_func ("/elman/window/stop", test_window_stop);
      g_test_add_func ("/elman/window/early-stop", test_window_early_stop);
      g_test_add_func ("/elman/window/diverge", test_window_diverge);
      g_test_add_func ("/elman/window/learning-rate-warning", test_window_learning_rate_warning);
      g_test_add_func ("/elman/window/stale-results", test_window_stale_results);
      g_test_add_func ("/elman/window/help-menu", test_window_help_menu);
      g_test_add_func ("/elman/window/train-disabled-reason", test_window_train_disabled_reason);
      g_test_add_func ("/elman/window/recent-files", test_window_recent_files);
      g_test_add_func ("/elman/window/numeric-columns", test_window_numeric_columns);
      g_test_add_func ("/elman/window/small-screen", test_window_small_screen);
      g_test_add_func ("/elman/window/ensemble-live-loss", test_window_ensemble_live_loss);
      g_test_add_func ("/elman/window/close-while-training", test_window_close_while_training);
      g_test_add_func ("/elman/window/restart-and-reopen", test_window_restart_and_reopen);
      g_test_add_func ("/elman/window/export", test_window_export);
      g_test_add_func ("/elman/window/export-dialog", test_window_export_dialog);
      g_test_add_func ("/elman/window/predictions-match-cli", test_window_predictions_match_cli);
      g_test_add_func ("/elman/window/diagnostics", test_window_diagnostics);
      g_test_add_func ("/elman/window/regular-times", test_window_regular_times);
      g_test_add_func ("/elman/format/regular-step", test_format_regular_step);
      g_test_add_func ("/elman/window/accessible", test_window_accessible);
      g_test_add_func ("/elman/window/style", test_window_style);
      g_test_add_func ("/elman/window/auto-search", test_window_auto_search);
      g_test_add_func ("/elman/window/auto-search-stop", test_window_auto_search_stop);
      g_test_add_func ("/elman/window/auto-search-close", test_window_auto_search_close);
      g_test_add_func ("/elman/window/auto-search-short", test_window_auto_search_short);
      g_test_add_func ("/elman/window/auto-choice", test_window_auto_choice);
      g_test_add_func ("/elman/window/ensemble-stop-finishing", test_window_ensemble_stop_finishing);
      g_test_add_func ("/elman/window/ensemble-three", test_window_ensemble_three);
      g_test_add_func ("/elman/window/wheel-scrolls-sidebar", test_window_wheel_scrolls_sidebar);
      g_test_add_func ("/elman/window/typed-values", test_window_typed_values);
      g_test_add_func ("/elman/window/sliders", test_window_sliders);
      g_test_add_func ("/elman/window/search-rows", test_window_search_rows);
    }

  status = g_test_run ();
  remove_tree (scratch);
  return status;
}
