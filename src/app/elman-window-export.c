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

/* The colours of an exported plot: the "export-style" setting. */
static void
export_palette (ElmanWindow            *self,
                const ElmanPlotPalette *shown,
                ElmanPlotPalette       *palette)
{
  g_autofree char *style = g_settings_get_string (self->settings, "export-style");

  if (g_str_equal (style, "follow"))
    *palette = *shown;
  else if (g_str_equal (style, "dark"))
    elman_plot_palette_init_dark (palette);
  else
    elman_plot_palette_init_light (palette);
}

/**
 * elman_window_export_plot:
 *
 * Writes the panels the window shows (series and loss, and the
 * residual ACF after an evaluation) as PNG, SVG or PDF (by @path's
 * extension), atomically, in the colours of the "export-style" setting
 * and under the series' name (with the settings and the scores when
 * "export-details" is set), as elman-cli's --plot-out does.
 */
gboolean
elman_window_export_plot (ElmanWindow  *self,
                          const char   *path,
                          int           width,
                          int           height,
                          GError      **error)
{
  ElmanPlot *plot;
  ElmanPlotPalette shown, palette;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean ok;

  g_return_val_if_fail (ELMAN_IS_WINDOW (self), FALSE);

  /* The window's plot, dressed for the file and back again before it
   * next draws. */
  plot = elman_plot_view_get_plot (self->plot_view);
  title = g_strdup (elman_plot_get_title (plot));
  subtitle = g_strdup (elman_plot_get_subtitle (plot));
  elman_plot_get_palette (plot, &shown);
  export_palette (self, &shown, &palette);
  elman_plot_set_palette (plot, &palette);
  elman_plot_set_run_titles (plot, elman_session_get_series (self->session),
                             elman_session_get_result (self->session),
                             g_settings_get_boolean (self->settings, "export-details"));

  ok = elman_plot_export (plot, path, width, height, 1.0, elman_plot_view_get_panels (self->plot_view), error);

  elman_plot_set_palette (plot, &shown);
  elman_plot_set_title (plot, title);
  elman_plot_set_subtitle (plot, subtitle);
  return ok;
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
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(ElmanWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    elman_window_show_error (self, error);
}

/* The "Open" button of the "Exported" toast: the file in the app the
 * desktop opens it with. */
static void
export_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context, NULL,
                                           on_launched, g_object_ref (widget));
}

static void
show_exported_toast (ElmanWindow *self,
                     const char  *path,
                     ExportKind   kind)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *message = NULL;
  guint n_models = elman_window_get_n_models (self);
  AdwToast *toast;

  /* A model file holds one network (as with elman-cli). */
  if (kind == EXPORT_MODEL && n_models > 1)
    message = g_strdup_printf (_("Exported “%s”: network 1 of the ensemble of %u (a model file holds one network)"),
                               basename, n_models);
  else
    message = g_strdup_printf (_("Exported “%s”"), basename);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  if (uri != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "export.open");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

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
          g_autofree char *folder = g_path_get_dirname (path);

          g_settings_set_string (self->settings, "export-folder", folder);
          show_exported_toast (self, path, kind);
        }
      else if (error != NULL)
        elman_window_show_error (self, error);
    }
  if ((gpointer) native == (gpointer) self->chooser)
    g_clear_object (&self->chooser);
}

/* Where the save dialog starts: the folder of the last export, else
 * Pictures, else home. */
static GFile *
export_folder (ElmanWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "export-folder");
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);
  return g_file_new_for_path (g_get_home_dir ());
}

/* "airpassengers-forecast.png": the series' file without its extension,
 * what the file holds, the extension. */
static char *
export_file_name (ElmanWindow *self,
                  ExportKind   kind)
{
  static const char *suffixes[] = { "-forecast", "-forecast", "-forecast", "-predictions", "-model" };
  g_autofree char *stem = NULL;

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
  return g_strconcat (stem, suffixes[kind], export_extensions[kind], NULL);
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
  g_autofree char *name = export_file_name (self, kind);
  g_autoptr(GFile) folder = export_folder (self);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GtkFileChooserNative) native = NULL;

  patterns[0] = pattern;
  filter = elman_window_new_filter (titles[kind], mime_types[kind], patterns);

  native = elman_window_new_chooser (self, titles[kind], GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
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

static const char *export_styles[] = { "light", "dark", "follow" };

static gboolean
style_from_setting (GValue   *value,
                    GVariant *variant,
                    gpointer  data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (export_styles); i++)
    if (g_str_equal (style, export_styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_to_setting (const GValue       *value,
                  const GVariantType *type,
                  gpointer            data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (export_styles) ? g_variant_new_string (export_styles[i]) : NULL;
}

static GtkWidget *
new_style_row (ElmanWindow *self)
{
  const char *styles[] = { _("Light"), _("Dark"), _("Follow the App"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (styles);
  GtkWidget *row = adw_combo_row_new ();

  gtk_widget_set_name (row, "export_style_row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Style"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_settings_bind_with_mapping (self->settings, "export-style", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                style_from_setting, style_to_setting, NULL, NULL);
  return row;
}

static GtkWidget *
new_details_row (ElmanWindow *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, "export_details_check");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Settings and Scores"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Under the title: the network’s T, K, J and its test errors"));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_settings_bind (self->settings, "export-details", check, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}

/* One dialog with the size and the look, then the file chooser. */
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
  gtk_widget_set_name (dialog, "export_dialog");
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), new_size_row (self, _("Width"), "export-width"));
  gtk_list_box_append (GTK_LIST_BOX (list), new_size_row (self, _("Height"), "export-height"));
  gtk_list_box_append (GTK_LIST_BOX (list), new_style_row (self));
  gtk_list_box_append (GTK_LIST_BOX (list), new_details_row (self));
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
  gtk_widget_class_install_action (widget_class, "export.open", "s", export_open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "export.plot", "s", "png");
}
