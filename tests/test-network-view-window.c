/* test-network-view-window.c — the window's Network view while a network
 * trains: live updates, Pause, Step, and the note on identical units
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "elman-session.h"
#include "elman-training-worker.h"
#include "elman-window.h"
#include "window-test-util.h"

/* The preset row's items: Recommended, then the Seed derivation. */
enum { PRESET_RECOMMENDED, PRESET_SEED };

static ElmanWindow *
new_window (guint preset)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ElmanWindow *window;

  reset_settings ();
  window = elman_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 30000));
  g_assert_nonnull (elman_window_get_series (window));

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), preset);
  /* Only a stop ends it: no run finishes under the test's feet. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "epochs_spin")), 10000000);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (window, "view_stack")), "network");
  return window;
}

static const ElmanTrainingSnapshot *
snapshot (ElmanWindow *window)
{
  return elman_session_get_snapshot (elman_window_get_session (window));
}

static guint
shown_epoch (ElmanWindow *window)
{
  const ElmanTrainingSnapshot *s = snapshot (window);

  return s ? s->epoch : 0;
}

static gboolean
has_states (gpointer data)
{
  const ElmanTrainingSnapshot *s = snapshot (data);

  return s != NULL && s->states != NULL && s->epoch >= 2;
}

static gboolean
is_paused (gpointer data)
{
  const ElmanTrainingSnapshot *s = snapshot (data);

  return s != NULL && s->paused;
}

typedef struct
{
  ElmanWindow *window;
  guint        epoch;
} EpochWait;

static gboolean
reached_epoch (gpointer data)
{
  EpochWait *wait = data;

  return shown_epoch (wait->window) >= wait->epoch;
}

static gboolean
no_run_left (gpointer data)
{
  return elman_training_worker_count_running () == 0;
}

static void
test_network_view_live (void)
{
  ElmanWindow *window = new_window (PRESET_SEED);
  ElmanNetworkView *view = elman_window_get_network_view (window);
  GtkWidget *note = child (window, "network_note");
  ElmanPlot *plot = elman_network_view_get_plot (view);
  EpochWait wait = { window, 0 };
  guint epoch, frames;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  elman_window_start_training (window);
  g_assert_true (wait_for (has_states, window, 30000));
  iterate_for (100);
  epoch = shown_epoch (window);
  frames = elman_network_view_get_n_frames (view);

  /* More epochs arrive and are drawn. */
  wait.epoch = epoch + 5;
  g_assert_true (wait_for (reached_epoch, &wait, 30000));
  iterate_for (200);
  g_assert_cmpuint (shown_epoch (window), >, epoch);
  g_assert_cmpuint (elman_network_view_get_n_frames (view), >, frames);

  /* The Seed preset starts from zero weights: every unit is the same. */
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_nonnull (elman_plot_get_network_note (plot));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), "identical"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.stop", NULL));
  g_assert_true (wait_for (not_training, window, 10000));
  /* The model the run kept: its weights, note included, stay shown. */
  g_assert_true (gtk_widget_get_visible (note));

  /* Export writes the view on screen: the network's panels, then the
   * series'. */
  {
    g_autofree char *dir = g_dir_make_tmp ("elman-network-export-XXXXXX", NULL);
    g_autofree char *network_png = g_build_filename (dir, "network.png", NULL);
    g_autofree char *series_png = g_build_filename (dir, "series.png", NULL);
    g_autofree char *a = NULL, *b = NULL;
    gsize na = 0, nb = 0;
    g_autoptr(GError) error = NULL;

    g_assert_true (elman_window_export_plot (window, network_png, 800, 900, &error));
    g_assert_no_error (error);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (window, "view_stack")), "series");
    g_assert_true (elman_window_export_plot (window, series_png, 800, 900, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (network_png, &a, &na, NULL));
    g_assert_true (g_file_get_contents (series_png, &b, &nb, NULL));
    g_assert_cmpuint (na, >, 1000);
    g_assert_true (na != nb || memcmp (a, b, na) != 0);
    remove_tree (dir);
  }
  destroy_window (window);
}

static void
test_network_view_recommended (void)
{
  ElmanWindow *window = new_window (PRESET_RECOMMENDED);
  GtkWidget *note = child (window, "network_note");

  elman_window_start_training (window);
  /* Early stopping ends it soon on the short sample: the view then shows
   * the model it kept. */
  g_assert_true (wait_for (not_training, window, 60000));
  iterate_for (200);
  g_assert_nonnull (elman_window_get_model (window));
  /* Random initial weights: no two units alike. */
  g_assert_null (elman_plot_get_network_note (elman_network_view_get_plot (elman_window_get_network_view (window))));
  g_assert_false (gtk_widget_get_visible (note));
  destroy_window (window);
}

static void
test_network_view_pause_step (void)
{
  ElmanWindow *window = new_window (PRESET_SEED);
  GtkWidget *paused_box = child (window, "paused_box");
  EpochWait wait = { window, 3 };
  guint epoch;

  elman_window_start_training (window);
  g_assert_true (wait_for (reached_epoch, &wait, 30000));
  g_assert_false (gtk_widget_get_visible (paused_box));

  /* Pause: the run waits between two epochs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.pause", NULL));
  g_assert_true (wait_for (is_paused, window, 10000));
  iterate_for (200);
  epoch = shown_epoch (window);
  iterate_for (1000);
  g_assert_cmpuint (shown_epoch (window), ==, epoch);
  g_assert_true (elman_window_is_training (window));
  g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Paused at epoch "));
  /* What a paused run can change, and what needs a new run. */
  g_assert_true (gtk_widget_get_visible (paused_box));

  /* Step: exactly one more epoch, then it waits again. */
  for (guint i = 1; i <= 2; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.step", NULL));
      wait.epoch = epoch + i;
      g_assert_true (wait_for (reached_epoch, &wait, 10000));
      iterate_for (700);
      g_assert_cmpuint (shown_epoch (window), ==, epoch + i);
    }

  /* A new ε applies from the next epoch; then Resume. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "paused_rate_spin")), 0.002);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.pause", NULL));
  g_assert_false (elman_session_get_paused (elman_window_get_session (window)));
  wait.epoch = epoch + 20;
  g_assert_true (wait_for (reached_epoch, &wait, 30000));
  g_assert_false (gtk_widget_get_visible (paused_box));

  /* Stop while paused ends the run. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.pause", NULL));
  g_assert_true (wait_for (is_paused, window, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.stop", NULL));
  g_assert_true (wait_for (not_training, window, 10000));
  g_assert_nonnull (elman_window_get_model (window));

  /* So does closing the window while paused: no thread is left. */
  elman_window_start_training (window);
  wait.epoch = 2;
  g_assert_true (wait_for (reached_epoch, &wait, 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.pause", NULL));
  g_assert_true (wait_for (is_paused, window, 10000));
  destroy_window (window);
  g_assert_true (wait_for (no_run_left, NULL, 10000));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = init_window_test (&argc, &argv, "test-network-view-window");
  int status;

  g_test_add_func ("/elman/network-view-window/live", test_network_view_live);
  g_test_add_func ("/elman/network-view-window/recommended", test_network_view_recommended);
  g_test_add_func ("/elman/network-view-window/pause-step", test_network_view_pause_step);

  status = g_test_run ();
  remove_tree (scratch);
  return status;
}
