/* elman-window-export.c — the window's Export menu: plots, predictions,
 * the model
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <glib/gi18n.h>

#include "elman-file.h"
#include "elman-window-private.h"

/**
 * elman_window_export_plot:
 *
 * Writes the panels the window shows (series and loss, and the
 * residual ACF after an evaluation) as PNG, SVG or PDF (by @path's
 * extension), atomically.
 */
gboolean
elman_window_export_plot (ElmanWindow  *self,
                          const char   *path,
                          int           width,
                          int           height,
                          GError      **error)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  return elman_plot_export (elman_plot_view_get_plot (self->plot_view), path, width, height, 1.0,
                            elman_plot_view_get_panels (self->plot_view), error);
}

/**
 * elman_window_export_predictions:
 *
 * Writes the predictions CSV of the last result, the file `elman-cli
 * train --predictions-out` writes (elman_run_result_write_predictions_csv()).
 */
gboolean
elman_window_export_predictions (ElmanWindow  *self,
                                 const char   *path,
                                 GError      **error)
{
  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  if (elman_session_get_series (self->session) == NULL || elman_session_get_result (self->session) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no predictions to export: train first"));
      return FALSE;
    }
  return elman_run_result_write_predictions_csv (elman_session_get_result (self->session), path, error);
}

typedef enum
{
  EXPORT_PNG,
  EXPORT_SVG,
  EXPORT_PDF,
  EXPORT_CSV,
  EXPORT_MODEL,
} ExportKind;

static const char *export_extensions[] = { ".png", ".svg", ".pdf", ".csv", ".json" };

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    ElmanWindow     *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "elman-export-kind"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = FALSE;

      if (path != NULL && !g_str_has_suffix (path, export_extensions[kind]) && kind <= EXPORT_PDF)
        {
          char *with_extension = g_strconcat (path, export_extensions[kind], NULL);
          g_free (path);
          path = with_extension;
        }

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written"));
      else if (kind <= EXPORT_PDF)
        ok = elman_window_export_plot (self, path,
                                       g_settings_get_int (self->settings, "export-width"),
                                       g_settings_get_int (self->settings, "export-height"), &error);
      else if (kind == EXPORT_CSV)
        ok = elman_window_export_predictions (self, path, &error);
      else if (elman_session_get_model (self->session) != NULL)
        ok = elman_model_save (elman_session_get_model (self->session), path, &error);

      if (ok)
        {
          g_autofree char *basename = g_path_get_basename (path);
          g_autofree char *message = NULL;
          guint n_models = elman_window_get_n_models (self);

          /* A model file holds one network (as with elman-cli). */
          if (kind == EXPORT_MODEL && n_models > 1)
            message = g_strdup_printf (_("Exported “%s”: network 1 of the ensemble of %u (a model file holds one network)"),
                                       basename, n_models);
          else
            message = g_strdup_printf (_("Exported “%s”"), basename);
          elman_window_show_toast (self, message);
        }
      else if (error != NULL)
        elman_window_show_error (self, error);
    }
  if ((gpointer) native == (gpointer) self->chooser)
    g_clear_object (&self->chooser);
}

static void
choose_export_file (ElmanWindow *self,
                    ExportKind   kind)
{
  static const char *mime_types[] = { "image/png", "image/svg+xml", "application/pdf", "text/csv", "application/json" };
  const char *titles[] = { _("Export Plot as PNG"), _("Export Plot as SVG"), _("Export Plot as PDF"),
                           _("Export Predictions"), _("Export Model") };
  const char *patterns[] = { NULL, NULL };
  g_autofree char *pattern = g_strconcat ("*", export_extensions[kind], NULL);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooserNative *native;

  if (elman_session_get_file (self->session) != NULL)
    {
      g_autofree char *basename = g_file_get_basename (elman_session_get_file (self->session));
      char *dot = strrchr (basename, '.');

      if (dot != NULL && dot != basename)
        *dot = '\0';
      stem = g_steal_pointer (&basename);
    }
  else
    stem = g_strdup ("elman");
  name = g_strconcat (stem, kind == EXPORT_CSV ? "-predictions" : kind == EXPORT_MODEL ? "-model" : "",
                      export_extensions[kind], NULL);

  patterns[0] = pattern;
  filter = elman_window_new_filter (titles[kind], mime_types[kind], patterns);

  native = elman_window_new_chooser (self, titles[kind], GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data (G_OBJECT (native), "elman-export-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_size_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         ElmanWindow      *self)
{
  if (g_strcmp0 (response, "export") == 0)
    choose_export_file (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "elman-export-kind")));
}

static GtkWidget *
new_size_row (ElmanWindow *self,
              const char  *title,
              const char  *key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (64, 8192, 10);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  return row;
}

/* The user picks the size first, then the file. */
static void
export_plot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);
  const char *format = parameter ? g_variant_get_string (parameter, NULL) : "png";
  ExportKind kind = g_str_equal (format, "svg") ? EXPORT_SVG : g_str_equal (format, "pdf") ? EXPORT_PDF : EXPORT_PNG;
  GtkWidget *dialog, *list;
  const char *headings[] = { N_("Export Plot as PNG"), N_("Export Plot as SVG"), N_("Export Plot as PDF") };

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _(headings[kind]),
                                   kind == EXPORT_PNG ? _("Size of the image in pixels")
                                                      : _("Size of the page in points"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), new_size_row (self, _("Width"), "export-width"));
  gtk_list_box_append (GTK_LIST_BOX (list), new_size_row (self, _("Height"), "export-height"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "elman-export-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_size_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_predictions_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  choose_export_file (ELMAN_WINDOW (widget), EXPORT_CSV);
}

static void
export_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_export_file (ELMAN_WINDOW (widget), EXPORT_MODEL);
}

void
elman_window_class_add_export_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "export.plot", "s", export_plot_action);
  gtk_widget_class_install_action (widget_class, "export.predictions", NULL, export_predictions_action);
  gtk_widget_class_install_action (widget_class, "export.model", NULL, export_model_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "export.plot", "s", "png");
}
