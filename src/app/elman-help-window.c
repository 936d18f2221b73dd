/* elman-help-window.c — the user guide, in the app
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include "elman-help-window.h"

/**
 * ElmanHelpWindow:
 *
 * A short user guide: what T, K, J and ε mean on the plot, how to read
 * the loss and the metrics, what the presets do. Its pages are a
 * GtkBuilder template in the app's resources, so the guide is translated
 * with the rest of the interface (gettext) and works where no help
 * browser is installed, in a Flatpak sandbox too. Pages: "parameters",
 * "loss", "results" and "presets". Escape closes it.
 */
struct _ElmanHelpWindow
{
  AdwWindow     parent_instance;

  AdwViewStack *stack;
};

G_DEFINE_FINAL_TYPE (ElmanHelpWindow, elman_help_window, ADW_TYPE_WINDOW)

static void
elman_help_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ELMAN_TYPE_HELP_WINDOW);

  G_OBJECT_CLASS (elman_help_window_parent_class)->dispose (object);
}

static void
elman_help_window_class_init (ElmanHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = elman_help_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/elman/Elman/elman-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ElmanHelpWindow, stack);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
elman_help_window_init (ElmanHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * elman_help_window_new:
 * @application: (nullable): the application the window belongs to
 *
 * Returns: (transfer full): a new help window, on its first page
 */
ElmanHelpWindow *
elman_help_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (ELMAN_TYPE_HELP_WINDOW, "application", application, NULL);
}

/**
 * elman_help_window_set_page:
 * @page: "parameters", "loss", "results" or "presets"
 *
 * Shows the page of that name (nothing happens for another name).
 */
void
elman_help_window_set_page (ElmanHelpWindow *self,
                            const char      *page)
{
  g_return_if_fail (ELMAN_IS_HELP_WINDOW (self));
  g_return_if_fail (page != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

/**
 * elman_help_window_get_page:
 *
 * Returns: the name of the page shown
 */
const char *
elman_help_window_get_page (ElmanHelpWindow *self)
{
  g_return_val_if_fail (ELMAN_IS_HELP_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}
