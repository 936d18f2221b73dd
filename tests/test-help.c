/* test-help.c — the user guide: app.help (F1) and its pages
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "elman-application.h"
#include "elman-help-window.h"

static void
iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static ElmanHelpWindow *
find_help_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (ELMAN_IS_HELP_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_stack (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every label of @widget's tree, one after the other. */
static void
collect_text (GtkWidget *widget,
              GString   *text,
              guint     *n_labels)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));

      g_assert_cmpstr (label, !=, "");
      /* Long paragraphs wrap: never cut with an ellipsis. */
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (widget)), ==, PANGO_ELLIPSIZE_NONE);
      if (strlen (label) > 60)
        g_assert_true (gtk_label_get_wrap (GTK_LABEL (widget)));
      g_string_append (text, label);
      g_string_append_c (text, '\n');
      (*n_labels)++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, text, n_labels);
}

/* app.help exists with F1, opens one guide window (again: the same one),
 * and the guide explains T, K, J and ε, the loss, the metrics and the
 * presets, naming the app's controls and no command-line flag. */
static void
test_help_action (void)
{
  g_autoptr(ElmanApplication) app = elman_application_new ();
  g_autoptr(GError) error = NULL;
  static const char *const pages[] = { "parameters", "loss", "results", "presets" };
  static const char *const topics[] = {
    "Window (T)", "Horizon (K)", "Hidden Units (J)", "Learning Rate (ε)", "Ensemble Size (R)",
    "validation loss", "best epoch", "RMSE", "MAE", "MASE", "Seasonal naive", "Drift",
    "Recommended", "Seed derivation", "Find Settings Automatically",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  ElmanHelpWindow *help, *again;
  guint n_labels = 0;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");

    g_assert_nonnull (accels);
    g_assert_cmpstr (accels[0], ==, "F1");
  }

  g_assert_null (find_help_window (GTK_APPLICATION (app)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  iterate ();
  help = find_help_window (GTK_APPLICATION (app));
  g_assert_nonnull (help);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help)));
  g_assert_cmpstr (elman_help_window_get_page (help), ==, "parameters");

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  iterate ();
  again = find_help_window (GTK_APPLICATION (app));
  g_assert_true (again == help);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      elman_help_window_set_page (help, pages[i]);
      g_assert_cmpstr (elman_help_window_get_page (help), ==, pages[i]);
    }
  elman_help_window_set_page (help, "no-such-page");
  g_assert_cmpstr (elman_help_window_get_page (help), ==, "presets");

  g_assert_nonnull (find_stack (GTK_WIDGET (help)));
  collect_text (find_stack (GTK_WIDGET (help)), text, &n_labels);
  g_assert_cmpuint (n_labels, >, 30);
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    if (strstr (text->str, topics[i]) == NULL)
      g_error ("The guide does not mention “%s”", topics[i]);
  g_assert_null (strstr (text->str, "--"));

  /* Escape closes it; the application forgets it. */
  gtk_widget_activate_action (GTK_WIDGET (help), "window.close", NULL);
  iterate ();
  g_assert_null (find_help_window (GTK_APPLICATION (app)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  iterate ();
  help = find_help_window (GTK_APPLICATION (app));
  g_assert_nonnull (help);
  gtk_window_destroy (GTK_WINDOW (help));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend (no AT-SPI bus), and no session
   * bus: the application registers as a plain non-unique instance. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/elman-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    g_error ("No display: run the GUI tests under xvfb-run (see README)");
  adw_init ();

  g_test_add_func ("/elman/help/action", test_help_action);

  return g_test_run ();
}
