/* elman-application.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <glib/gi18n.h>

#include "elman-application.h"
#include "elman-help-window.h"
#include "elman-window.h"

struct _ElmanApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GtkWindow      *help;      /* weak: the user guide while it is open */
};

G_DEFINE_FINAL_TYPE (ElmanApplication, elman_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (ElmanApplication *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *env = g_getenv ("ELMAN_STYLE");
  g_autofree char *scheme = NULL;

  /* ELMAN_STYLE=light|dark overrides the setting (screenshots, tests). */
  scheme = env && *env ? g_strdup (env) : g_settings_get_string (self->settings, "color-scheme");
  if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static ElmanWindow *
get_window (ElmanApplication *self,
            gboolean         *created)
{
  GtkWindow *window = NULL;

  /* The most recently focused Elman window: the help window is one of
   * the application's windows too. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && window == NULL; l = l->next)
    if (ELMAN_IS_WINDOW (l->data))
      window = l->data;

  *created = window == NULL;
  if (window == NULL)
    window = GTK_WINDOW (elman_window_new (GTK_APPLICATION (self)));
  return ELMAN_WINDOW (window);
}

static void
elman_application_activate (GApplication *app)
{
  ElmanApplication *self = ELMAN_APPLICATION (app);
  gboolean created;
  ElmanWindow *window = get_window (self, &created);

  if (created)
    elman_window_open_initial (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
elman_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  ElmanApplication *self = ELMAN_APPLICATION (app);
  gboolean created;
  ElmanWindow *window = get_window (self, &created);

  /* One window, one series: the first file given wins. */
  if (n_files > 0)
    elman_window_open_file (window, files[0], NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing the windows cancels their training; the application ends
   * once the worker threads have returned. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Elman developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Elman"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Elman developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Learn the pattern in a time series with a small recurrent network, and watch it learn."),
                        "website", "https://github.com/elman/elman",
                        "issue-url", "https://github.com/elman/elman/issues",
                        "copyright", "© 2026 The Elman developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The user guide (F1): one window, brought forward when asked again,
 * beside whichever Elman window is active. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ElmanApplication *self = ELMAN_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->help == NULL)
    {
      self->help = GTK_WINDOW (elman_help_window_new (GTK_APPLICATION (self)));
      g_object_add_weak_pointer (G_OBJECT (self->help), (gpointer *) &self->help);
    }
  if (active != NULL && active != self->help)
    gtk_window_set_transient_for (self->help, active);
  gtk_window_present (self->help);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "help", .activate = help_action },
};

static void
elman_application_startup (GApplication *app)
{
  ElmanApplication *self = ELMAN_APPLICATION (app);
  const char *quit_accels[] = { "<Primary>q", NULL };
  const char *help_accels[] = { "F1", NULL };
  const char *datadir = g_getenv ("ELMAN_DATADIR");
  g_autoptr(GAction) scheme = NULL;

  G_APPLICATION_CLASS (elman_application_parent_class)->startup (app);

  /* Uninstalled (ELMAN_DATADIR points at the source tree's data/): the
   * app icon comes from there. */
  if (datadir != NULL && *datadir != '\0')
    {
      g_autofree char *icons = g_build_filename (datadir, "icons", NULL);
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL && g_file_test (icons, G_FILE_TEST_IS_DIR))
        gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (display), icons);
    }

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (app), scheme);
  g_signal_connect_swapped (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), self);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
}

static void
elman_application_finalize (GObject *object)
{
  ElmanApplication *self = ELMAN_APPLICATION (object);

  g_clear_object (&self->settings);
  if (self->help != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->help), (gpointer *) &self->help);

  G_OBJECT_CLASS (elman_application_parent_class)->finalize (object);
}

static void
elman_application_class_init (ElmanApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = elman_application_finalize;
  app_class->activate = elman_application_activate;
  app_class->open = elman_application_open;
  app_class->startup = elman_application_startup;
}

static void
elman_application_init (ElmanApplication *self)
{
}

ElmanApplication *
elman_application_new (void)
{
  return g_object_new (ELMAN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/elman/Elman",
                       NULL);
}
