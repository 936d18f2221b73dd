/* window-test-util.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "window-test-util.h"

#include "elman-params-panel.h"
#include "elman-results-panel.h"

/* Iterates the default main context until @condition holds; FALSE on
 * timeout. */
gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
  return TRUE;
}

void
iterate_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

gboolean
not_loading (gpointer data)
{
  return !elman_window_is_loading (data);
}

gboolean
not_training (gpointer data)
{
  return !elman_window_is_training (data);
}

gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "airpassengers.csv", NULL);
}

GtkWidget *
child (ElmanWindow *window,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), ELMAN_TYPE_WINDOW, name);

  /* The window's own widgets first, then those of its panels. */
  if (object == NULL)
    {
      GtkWidget *panel = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), ELMAN_TYPE_WINDOW,
                                                                    "params_panel"));
      object = gtk_widget_get_template_child (panel, ELMAN_TYPE_PARAMS_PANEL, name);
    }
  if (object == NULL)
    {
      GtkWidget *panel = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), ELMAN_TYPE_WINDOW,
                                                                    "results_panel"));
      object = gtk_widget_get_template_child (panel, ELMAN_TYPE_RESULTS_PANEL, name);
    }
  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR) && !g_file_test (child_path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child_path);
      else
        g_unlink (child_path);
    }
  g_rmdir (path);
}

/* Closes @window and waits until it is finalized. */
void
destroy_window (ElmanWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (pointer_is_null, &weak, 30000));
}

/* GTK, libadwaita and the test framework, with recent files and caches
 * in a scratch directory named after @name (returned, for
 * remove_tree()) and GTK's test accessibility backend (no AT-SPI bus).
 * No display is a failure, not a skip. */
char *
init_window_test (int         *argc,
                  char      ***argv,
                  const char  *name)
{
  static const char *xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autofree char *template = g_strdup_printf ("elman-%s-XXXXXX", name);
  char *scratch = g_dir_make_tmp (template, NULL);

  g_assert_nonnull (scratch);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (scratch, xdg[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg[i], dir, TRUE);
    }
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    g_error ("No display: run the GUI tests under xvfb-run (see README)");
  adw_init ();
  return scratch;
}
