/* test-window-faults.c — the real window, acted on at random moments
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * What a user does at the worst moment, many times over, with the real
 * window and the real training worker (under Xvfb, and under ASan in the
 * sanitizer build): Stop, close the window, open another file, all at
 * random moments during training (a diverging run is test-window.c's
 * /elman/window/diverge). Each must end without a crash, a hang, a leak
 * (the window is finalized) or a stale update drawn onto new data. The
 * random moments come from g_test_rand_int_range(), so a failure names
 * its seed (--seed to replay).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "elman-model.h"
#include "elman-plot-view.h"
#include "elman-window.h"
#include "window-test-util.h"

#define ROUNDS 12


static void
open_and_wait (ElmanWindow *window,
               const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  elman_window_open_file (window, file, NULL);
  g_assert_true (wait_for (not_loading, window, 20000));
}

static ElmanWindow *
new_window_with_sample (void)
{
  g_autofree char *path = sample_path ();
  ElmanWindow *window = elman_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  open_and_wait (window, path);
  g_assert_nonnull (elman_window_get_series (window));
  return window;
}

static void
close_window (ElmanWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Finalized: the worker let go of it, nothing leaked through it. */
  g_assert_true (wait_for (pointer_is_null, &weak, 30000));
}

/* The Seed preset: no validation part (so no early stopping), and a
 * learning rate that never diverges on the sample. */
static void
set_seed_preset (ElmanWindow *window)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "preset_row")), 1);
  iterate_for (50);
}

/* Training that only ends when stopped. */
static void
set_endless (ElmanWindow *window)
{
  set_seed_preset (window);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "epochs_spin")), 10000000);
  iterate_for (50);
}

/* A moment during the first half second of a run: before the first
 * epoch, during the first ones, or well into it. */
static void
wait_random_moment (void)
{
  iterate_for ((guint) g_test_rand_int_range (0, 500));
}

static void
test_stop_at_random_moments (void)
{
  ElmanWindow *window;

  reset_settings ();
  window = new_window_with_sample ();
  set_endless (window);
  for (guint round = 0; round < ROUNDS; round++)
    {
      elman_window_start_training (window);
      g_assert_true (elman_window_is_training (window));
      wait_random_moment ();
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "training.stop", NULL));
      /* Stop cancels within an epoch. */
      g_assert_true (wait_for (not_training, window, 10000));
      g_assert_true (g_str_has_prefix (elman_window_get_status_text (window), "Stopped"));
      if (elman_window_get_model (window) != NULL)
        g_assert_true (elman_model_is_finite (elman_window_get_model (window)));
      g_assert_true (elman_window_can_train (window));
    }
  close_window (window);
}

static void
test_close_at_random_moments (void)
{
  reset_settings ();
  for (guint round = 0; round < ROUNDS; round++)
    {
      ElmanWindow *window = new_window_with_sample ();

      set_endless (window);
      elman_window_start_training (window);
      wait_random_moment ();
      close_window (window);
    }
}

/* Another file opened at a random moment during training: the run ends,
 * and nothing of it reaches the new series. */
static void
test_open_while_training (void)
{
  g_autofree char *dir = g_dir_make_tmp ("elman-window-faults-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (dir, "other.csv", NULL);
  g_autofree char *sample = sample_path ();
  g_autoptr(GString) csv = g_string_new ("value\n");
  ElmanWindow *window;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "%g\n", 50 + 10 * sin (i * 0.3));
  g_assert_true (g_file_set_contents (other, csv->str, csv->len, NULL));

  reset_settings ();
  window = new_window_with_sample ();
  for (guint round = 0; round < ROUNDS; round++)
    {
      const char *next = round % 2 == 0 ? other : sample;

      set_endless (window);
      elman_window_start_training (window);
      wait_random_moment ();
      open_and_wait (window, next);
      g_assert_false (elman_window_is_training (window));
      g_assert_cmpuint (elman_window_get_series (window)->n, ==, round % 2 == 0 ? 300 : 144);
      g_assert_null (elman_window_get_model (window));
      iterate_for (100);
      g_assert_cmpuint (elman_plot_view_get_n_epochs (elman_window_get_plot_view (window)), ==, 0);
    }
  close_window (window);
  g_unlink (other);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Recent files and caches go to a scratch directory, not the user's. */
  g_autofree char *scratch = init_window_test (&argc, &argv, "test-window-faults");
  int status;

  g_test_add_func ("/elman/window-faults/stop-at-random-moments", test_stop_at_random_moments);
  g_test_add_func ("/elman/window-faults/close-at-random-moments", test_close_at_random_moments);
  g_test_add_func ("/elman/window-faults/open-while-training", test_open_while_training);

  status = g_test_run ();
  remove_tree (scratch);
  return status;
}
