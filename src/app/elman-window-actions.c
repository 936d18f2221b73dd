/* elman-window-actions.c — the window's actions: open, recent files,
 * models, training, the sidebar
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <glib/gi18n.h>

#include "elman-window-private.h"

/* ------------------------------------------------------------------ */
/* Recent files                                                        */

static void
update_recent_menu (ElmanWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  const char *app_name = g_get_application_name ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && shown->len < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *name = gtk_recent_info_get_display_name (info);

      if (app_name == NULL || !gtk_recent_info_has_application (info, app_name))
        continue;
      if (!gtk_recent_info_exists (info))
        continue;
      g_ptr_array_add (shown, info);
      g_hash_table_insert (names, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) + 1));
    }

  for (guint i = 0; i < shown->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (shown, i);
      const char *name = gtk_recent_info_get_display_name (info);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      g_auto(GStrv) parts = NULL;

      /* Two files of the same name: say which folder each is in. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) > 1)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *folder = parent ? g_file_get_basename (parent) : NULL;

          /* Translators: a recent file's name and the folder it is in */
          label = g_strdup_printf (_("%s (%s)"), name, folder ? folder : "/");
        }
      else
        label = g_strdup (name);

      /* Menu labels take "_" as a mnemonic: a file name's own stay. */
      parts = g_strsplit (label, "_", -1);
      g_free (label);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "window.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }

  if (shown->len == 0)
    {
      /* An action nobody installs: the item shows, insensitive. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Files"), "window.no-recent");
      g_menu_append_item (self->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
elman_window_add_to_recent (ElmanWindow *self,
                            GFile       *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };
  static char *groups[] = { (char *) "elman", NULL };

  data.display_name = NULL;
  data.mime_type = (char *) "text/csv";
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "elman %u";
  data.groups = groups;
  if (data.app_name == NULL)
    return;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* ------------------------------------------------------------------ */
/* Opening files                                                       */

GtkFileFilter *
elman_window_new_filter (const char  *name,
            const char  *mime_type,
            const char **patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

static void
on_confirm_open_response (AdwMessageDialog *dialog,
                          const char       *response,
                          ElmanWindow      *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (g_strcmp0 (response, "open") == 0)
    {
      elman_window_stop_training (self);
      elman_window_open_file (self, file, NULL);
    }
}

/* Opens @file the user chose (with the chooser, from Recent Files or by
 * dropping it); a run in progress is only discarded once the user says
 * so. */
static void
open_file_asking (ElmanWindow *self,
                  GFile       *file)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (!elman_window_is_training (self))
    {
      elman_window_open_file (self, file, NULL);
      return;
    }

  name = g_file_get_basename (file);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Stop Training?"), NULL));
  /* Translators: %s is the name of the file to open */
  adw_message_dialog_format_body (dialog, _("Opening “%s” stops the run in progress and discards its result."),
                                  name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Stop and Open"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_open_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  ElmanWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (file != NULL)
        open_file_asking (self, file);
    }
  if ((gpointer) native == (gpointer) self->chooser)
    g_clear_object (&self->chooser);
}

GtkFileChooserNative *
elman_window_new_chooser (ElmanWindow          *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (native));
  return native;
}

static void
window_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);
  g_autoptr(GtkFileChooserNative) native = NULL;
  static const char *csv[] = { "*.csv", "*.CSV", NULL };
  static const char *tsv[] = { "*.tsv", "*.TSV", "*.tab", NULL };
  static const char *txt[] = { "*.txt", "*.dat", NULL };
  static const char *all_series[] = { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.tab", "*.txt", "*.dat", NULL };
  static const char *all[] = { "*", NULL };
  g_autoptr(GtkFileFilter) f_series = elman_window_new_filter (_("All Series"), "text/csv", all_series);
  g_autoptr(GtkFileFilter) f_csv = elman_window_new_filter (_("CSV Files"), "text/csv", csv);
  g_autoptr(GtkFileFilter) f_tsv = elman_window_new_filter (_("TSV Files"), "text/tab-separated-values", tsv);
  g_autoptr(GtkFileFilter) f_txt = elman_window_new_filter (_("Text Files"), "text/plain", txt);
  g_autoptr(GtkFileFilter) f_all = elman_window_new_filter (_("All Files"), NULL, all);

  gtk_file_filter_add_mime_type (f_series, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (f_series, "text/plain");

  native = g_object_ref (elman_window_new_chooser (self, _("Open a Series"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open")));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_series);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_tsv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_txt);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f_all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), f_series);

  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
window_open_recent_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_file_asking (ELMAN_WINDOW (widget), file);
}

static void
window_toggle_parameters_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ElmanWindow   *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  open_file_asking (self, G_FILE (files->data));
  return TRUE;
}

static void
on_open_model_response (GtkNativeDialog *native,
                        int              response,
                        ElmanWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !elman_window_open_model (self, path, &error))
        elman_window_show_error (self, error);
    }
  if ((gpointer) native == (gpointer) self->chooser)
    g_clear_object (&self->chooser);
}

static void
window_open_model_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);
  GtkFileChooserNative *native;
  static const char *json[] = { "*.json", NULL };
  g_autoptr(GtkFileFilter) filter = elman_window_new_filter (_("Model Files"), "application/json", json);

  native = elman_window_new_chooser (self, _("Open a Model"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (on_open_model_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ------------------------------------------------------------------ */
/* Training                                                            */

static void
training_start_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  elman_window_start_training (ELMAN_WINDOW (widget));
}

/* Ctrl+Return trains, or says why it cannot. */
static gboolean
train_key_pressed (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  ElmanWindow *self = ELMAN_WINDOW (widget);
  const char *problem;
  g_autofree char *message = NULL;

  if (elman_window_is_training (self) || elman_window_is_loading (self))
    return FALSE;
  elman_params_panel_commit_text (self->params_panel);
  if (elman_window_can_train (self))
    {
      elman_window_start_training (self);
      return TRUE;
    }
  problem = elman_window_get_parameter_problem (self);
  if (elman_window_get_series (self) == NULL)
    message = g_strdup (_("Cannot train: open a series first"));
  else
    /* Translators: %s says why, e.g. "Too few values to train: …" */
    message = g_strdup_printf (_("Cannot train: %s"), problem ? problem : "");
  elman_window_show_toast (self, message);
  return TRUE;
}

static void
training_stop_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  elman_window_stop_training (ELMAN_WINDOW (widget));
}


/**
 * elman_window_init_actions:
 *
 * Recent files under the Open button, and files dropped on the window.
 */
void
elman_window_init_actions (ElmanWindow *self)
{
  GtkDropTarget *drop;

  update_recent_menu (self);
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->recent_menu));
  /* The arrow that opens the list is a menu button of its own: it is
   * named for screen readers, and has no tooltip to cover the list. */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->open_button)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_MENU_BUTTON (c))
      gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent Files"), -1);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
elman_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "window.open", NULL, window_open_action);
  gtk_widget_class_install_action (widget_class, "window.open-recent", "s", window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "window.open-model", NULL, window_open_model_action);
  gtk_widget_class_install_action (widget_class, "window.toggle-parameters", NULL, window_toggle_parameters_action);
  gtk_widget_class_install_action (widget_class, "training.start", NULL, training_start_action);
  gtk_widget_class_install_action (widget_class, "training.stop", NULL, training_stop_action);
  elman_window_class_add_export_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "window.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "window.toggle-parameters", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, train_key_pressed, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, train_key_pressed, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "training.stop", NULL);
}
