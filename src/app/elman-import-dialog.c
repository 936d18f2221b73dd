/* elman-import-dialog.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How to read a file: a preview of its first lines and every choice the
 * loader makes (delimiter, decimal mark, header row, lines to skip, time
 * and value columns, missing values, wide tables), pre-filled by
 * detection.  Each change reloads the file and says what it would give,
 * or why not, so that Import is only offered for a file that loads.  The
 * dialog emits "import" with its choices readable through
 * elman_import_dialog_get_options(). */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "elman-import-dialog.h"

/* What the preview shows of the file. */
#define PREVIEW_LINES 12
#define PREVIEW_BYTES 65536

static const char delimiters[] = { ',', ';', '\t', '|', ' ', 0 };

struct _ElmanImportDialog
{
  AdwWindow      parent_instance;

  GtkButton     *import_button;
  GtkTextView   *preview_view;
  AdwComboRow   *delimiter_row;
  AdwComboRow   *decimal_row;
  GtkSwitch     *header_switch;
  GtkSpinButton *skip_spin;
  AdwComboRow   *time_row;
  AdwComboRow   *value_row;
  AdwComboRow   *missing_row;
  AdwActionRow  *wide_row;
  GtkSwitch     *wide_switch;
  GtkLabel      *summary_label;

  char          *path;
  GPtrArray     *names;        /* column names of the last load */
  gboolean       header;       /* of the last load */
  char          *value_text;   /* what get_options() points at */
  char          *time_text;
  char          *summary;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (ElmanImportDialog, elman_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
delimiter_index (char delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      return i;
  return 0;
}

/* The first lines of the file, as text (invalid UTF-8 replaced). */
static char *
read_preview (const char *path)
{
  g_autofree char *buf = g_malloc (PREVIEW_BYTES + 1);
  g_autoptr(GString) text = g_string_new (NULL);
  gssize got = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int lines = 0;

  if (fd >= 0)
    {
      got = read (fd, buf, PREVIEW_BYTES);
      close (fd);
    }
  if (got <= 0)
    return g_strdup ("");
  buf[got] = '\0';
  for (const char *p = buf; p < buf + got && lines < PREVIEW_LINES; lines++)
    {
      const char *nl = memchr (p, '\n', (gsize) (buf + got - p));
      gsize len = nl != NULL ? (gsize) (nl - p) : (gsize) (buf + got - p);
      g_autofree char *valid = g_utf8_make_valid (p, (gssize) len);

      g_string_append (text, valid);
      g_string_append_c (text, '\n');
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_model (AdwComboRow *row,
           GPtrArray   *items,
           const char  *first)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < items->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (items, i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

/* The options as the widgets say, with the column choices of the last
 * load (by name under a header, else by number). */
static void
collect_options (ElmanImportDialog *self,
                 ElmanLoadOptions  *options)
{
  guint value = adw_combo_row_get_selected (self->value_row);
  guint time = adw_combo_row_get_selected (self->time_row);

  elman_load_options_init (options);
  options->delimiter = delimiters[MIN (adw_combo_row_get_selected (self->delimiter_row),
                                       G_N_ELEMENTS (delimiters) - 1)];
  options->decimal = adw_combo_row_get_selected (self->decimal_row) == 1 ? ',' : '.';
  options->header = gtk_switch_get_active (self->header_switch) ? ELMAN_HEADER_YES : ELMAN_HEADER_NO;
  options->skip_rows = (guint) gtk_spin_button_get_value_as_int (self->skip_spin);
  options->missing = (ElmanMissingPolicy) adw_combo_row_get_selected (self->missing_row);
  options->wide = gtk_widget_get_sensitive (GTK_WIDGET (self->wide_row)) &&
                  gtk_switch_get_active (self->wide_switch);

  g_clear_pointer (&self->value_text, g_free);
  g_clear_pointer (&self->time_text, g_free);
  if (self->names != NULL && value != GTK_INVALID_LIST_POSITION && value < self->names->len)
    self->value_text = self->header ? g_strdup (g_ptr_array_index (self->names, value))
                                    : g_strdup_printf ("%u", value);
  if (self->names != NULL && time != GTK_INVALID_LIST_POSITION && time > 0 && time <= self->names->len)
    self->time_text = self->header ? g_strdup (g_ptr_array_index (self->names, time - 1))
                                   : g_strdup_printf ("%u", time - 1);
  else if (time == 0)
    self->time_text = g_strdup ("");
  options->column = options->wide ? NULL : self->value_text;
  options->time_column = options->wide ? NULL : self->time_text;
}

static void
show_summary (ElmanImportDialog     *self,
              const ElmanSeries     *series,
              const ElmanSeriesInfo *info,
              const GError          *error)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (series == NULL)
    g_string_append (s, error != NULL ? error->message : "");
  else
    {
      g_autofree char *step = elman_series_info_describe_step (info);

      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%lu value", "%lu values", series->n),
                              (unsigned long) series->n);
      if (info->time_column >= 0)
        {
          g_autofree char *first = info->time_is_date ? elman_format_time (info->time_first)
                                                      : g_strdup_printf ("%.15g", info->time_first);
          g_autofree char *last = info->time_is_date ? elman_format_time (info->time_last)
                                                     : g_strdup_printf ("%.15g", info->time_last);

          g_string_append_printf (s, " · %s · %s … %s", step, first, last);
        }
      else
        g_string_append_printf (s, " · %s", _("no time axis"));
      if (info->n_missing > 0)
        {
          g_autofree char *lines = elman_series_info_describe_missing (info);

          g_string_append_c (s, '\n');
          /* Translators: how many values are missing, then "lines 3, 5" */
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%lu missing value, %s",
                                                  "%lu missing values, %s", info->n_missing),
                                  (unsigned long) info->n_missing, lines);
          if (info->n_interpolated > 0)
            g_string_append_printf (s, " (%s)", _("interpolated"));
          else if (info->n_dropped > 0)
            g_string_append_printf (s, " (%s)", _("rows dropped"));
        }
      if (info->time_note != NULL)
        g_string_append_printf (s, "\n%s", info->time_note);
      if (info->layout_note != NULL)
        g_string_append_printf (s, "\n%s", info->layout_note);
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&s), FALSE);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), series != NULL);
}

/* Fills the widgets from what the loader found. */
static void
show_detected (ElmanImportDialog     *self,
               const ElmanSeriesInfo *info)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < info->columns->len; i++)
    {
      const ElmanColumnInfo *ci = &g_array_index (info->columns, ElmanColumnInfo, i);

      g_ptr_array_add (names, info->header ? g_strdup (ci->name) : g_strdup_printf (_("Column %u"), i + 1));
    }
  adw_combo_row_set_selected (self->delimiter_row, delimiter_index (info->delimiter));
  adw_combo_row_set_selected (self->decimal_row, info->decimal == ',' ? 1 : 0);
  gtk_switch_set_active (self->header_switch, info->header);
  set_model (self->value_row, names, NULL);
  set_model (self->time_row, names, _("None"));
  if (!info->wide_read)
    {
      adw_combo_row_set_selected (self->value_row, (guint) MAX (info->column, 0));
      adw_combo_row_set_selected (self->time_row, (guint) (info->time_column + 1));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->wide_row), info->wide > 0);
  adw_action_row_set_subtitle (self->wide_row,
                               info->wide == 12 ? _("A row per year with 12 month columns")
                               : info->wide == 4 ? _("A row per year with 4 quarter columns")
                               : _("Not a table of years by months or quarters"));

  g_clear_pointer (&self->names, g_ptr_array_unref);
  self->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < info->columns->len; i++)
    g_ptr_array_add (self->names, g_strdup (g_array_index (info->columns, ElmanColumnInfo, i).name));
  self->header = info->header;
}

/* Loads with @options; on success refreshes the column lists when the
 * columns changed (another delimiter, header or lines skipped). */
static void
reload (ElmanImportDialog      *self,
        const ElmanLoadOptions *options,
        gboolean                detect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ElmanSeriesInfo) info = NULL;
  g_autoptr(ElmanSeries) series = elman_series_load (self->path, options, &info, &error);

  self->updating = TRUE;
  if (series != NULL && detect)
    show_detected (self, info);
  show_summary (self, series, info, error);
  self->updating = FALSE;
}

/* A choice that changes the columns: detect them again under it (and
 * the header too, unless that is the choice). */
static void
redetect (ElmanImportDialog *self,
          gboolean           keep_header)
{
  ElmanLoadOptions options;
  ElmanMissingPolicy missing;

  if (self->updating)
    return;
  collect_options (self, &options);
  if (!keep_header)
    options.header = ELMAN_HEADER_DETECT;
  missing = options.missing;
  options.column = NULL;
  options.time_column = NULL;
  options.wide = FALSE;
  /* detection needs the whole file read, gaps included */
  options.missing = ELMAN_MISSING_INTERPOLATE;
  reload (self, &options, TRUE);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->missing_row, missing);
  gtk_switch_set_active (self->wide_switch, FALSE);
  self->updating = FALSE;
  collect_options (self, &options);
  reload (self, &options, FALSE);
}

static void
on_layout_changed (ElmanImportDialog *self)
{
  redetect (self, FALSE);
}

static void
on_header_changed (ElmanImportDialog *self)
{
  redetect (self, TRUE);
}

/* A choice of what to read: load with it. */
static void
on_choice_changed (ElmanImportDialog *self)
{
  ElmanLoadOptions options;

  if (self->updating)
    return;
  collect_options (self, &options);
  gtk_widget_set_sensitive (GTK_WIDGET (self->value_row), !options.wide);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_row), !options.wide);
  reload (self, &options, FALSE);
}

static void
on_import_clicked (ElmanImportDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked (ElmanImportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
elman_import_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ELMAN_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (elman_import_dialog_parent_class)->dispose (object);
}

static void
elman_import_dialog_finalize (GObject *object)
{
  ElmanImportDialog *self = ELMAN_IMPORT_DIALOG (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->value_text, g_free);
  g_clear_pointer (&self->time_text, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (elman_import_dialog_parent_class)->finalize (object);
}

static void
elman_import_dialog_class_init (ElmanImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = elman_import_dialog_dispose;
  object_class->finalize = elman_import_dialog_finalize;

  /**
   * ElmanImportDialog::import:
   *
   * The user chose Import; read the choices with
   * elman_import_dialog_get_options() in the handler (the dialog closes
   * right after).
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/elman/Elman/elman-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, header_switch);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, skip_spin);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, missing_row);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, wide_row);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, wide_switch);
  gtk_widget_class_bind_template_child (widget_class, ElmanImportDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_header_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
elman_import_dialog_init (ElmanImportDialog *self)
{
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

/**
 * elman_import_dialog_new:
 * @parent: (nullable): the window it is modal to
 * @path: the file to read
 *
 * Returns: (transfer none): the dialog, not yet shown; it frees itself
 *   when closed
 */
ElmanImportDialog *
elman_import_dialog_new (GtkWindow  *parent,
                         const char *path)
{
  ElmanImportDialog *self;
  ElmanLoadOptions options;
  g_autofree char *preview = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ELMAN_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->path = g_strdup (path);
  basename = g_path_get_basename (path);
  /* Translators: the title of the import dialog, %s is the file's name */
  {
    g_autofree char *title = g_strdup_printf (_("Import %s"), basename);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  preview = read_preview (path);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), preview, -1);

  /* What detection finds, gaps counted rather than refused; a file with
   * gaps starts with them interpolated. */
  elman_load_options_init (&options);
  options.missing = ELMAN_MISSING_INTERPOLATE;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ElmanSeriesInfo) info = NULL;
    g_autoptr(ElmanSeries) series = elman_series_load (path, &options, &info, &error);

    self->updating = TRUE;
    if (series != NULL)
      {
        show_detected (self, info);
        adw_combo_row_set_selected (self->missing_row, info->n_missing > 0 ? ELMAN_MISSING_INTERPOLATE
                                                                           : ELMAN_MISSING_ERROR);
      }
    self->updating = FALSE;
    show_summary (self, series, info, error);
  }
  return self;
}

const char *
elman_import_dialog_get_path (ElmanImportDialog *self)
{
  g_return_val_if_fail (ELMAN_IS_IMPORT_DIALOG (self), NULL);

  return self->path;
}

/**
 * elman_import_dialog_get_options:
 * @options: (out caller-allocates): the choices; its strings belong to
 *   the dialog and stay valid until the next call or its end
 */
void
elman_import_dialog_get_options (ElmanImportDialog *self,
                                 ElmanLoadOptions  *options)
{
  g_return_if_fail (ELMAN_IS_IMPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  collect_options (self, options);
}

/**
 * elman_import_dialog_set_options:
 *
 * Sets the choices (those remembered for the file, say) and loads with
 * them; columns are matched by name, else by number.
 */
void
elman_import_dialog_set_options (ElmanImportDialog      *self,
                                 const ElmanLoadOptions *options)
{
  g_return_if_fail (ELMAN_IS_IMPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  self->updating = TRUE;
  if (options->delimiter != 0)
    adw_combo_row_set_selected (self->delimiter_row, delimiter_index (options->delimiter));
  if (options->decimal != 0)
    adw_combo_row_set_selected (self->decimal_row, options->decimal == ',' ? 1 : 0);
  if (options->header != ELMAN_HEADER_DETECT)
    gtk_switch_set_active (self->header_switch, options->header == ELMAN_HEADER_YES);
  gtk_spin_button_set_value (self->skip_spin, options->skip_rows);
  self->updating = FALSE;
  redetect (self, options->header != ELMAN_HEADER_DETECT);

  self->updating = TRUE;
  for (guint j = 0; self->names != NULL && j < self->names->len; j++)
    {
      g_autofree char *number = g_strdup_printf ("%u", j);
      const char *name = g_ptr_array_index (self->names, j);

      if (options->column != NULL && (g_strcmp0 (options->column, self->header ? name : number) == 0))
        adw_combo_row_set_selected (self->value_row, j);
      if (options->time_column != NULL && (g_strcmp0 (options->time_column, self->header ? name : number) == 0))
        adw_combo_row_set_selected (self->time_row, j + 1);
    }
  if (options->time_column != NULL && *options->time_column == '\0')
    adw_combo_row_set_selected (self->time_row, 0);
  adw_combo_row_set_selected (self->missing_row, options->missing);
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->wide_row)))
    gtk_switch_set_active (self->wide_switch, options->wide);
  self->updating = FALSE;
  on_choice_changed (self);
}

/**
 * elman_import_dialog_get_summary:
 *
 * Returns: what the choices give ("144 values · monthly · …", the gaps
 *   and where), or why the file cannot be read with them
 */
const char *
elman_import_dialog_get_summary (ElmanImportDialog *self)
{
  g_return_val_if_fail (ELMAN_IS_IMPORT_DIALOG (self), NULL);

  return self->summary;
}

/* ---- choices kept per file ---- */

/**
 * elman_import_choice_new:
 *
 * Returns: (transfer full): a copy of @options that owns its strings
 *   (the length check and its hint are not kept)
 */
ElmanImportChoice *
elman_import_choice_new (const ElmanLoadOptions *options)
{
  ElmanImportChoice *choice = g_new0 (ElmanImportChoice, 1);

  g_return_val_if_fail (options != NULL, choice);

  choice->options = *options;
  choice->column = g_strdup (options->column);
  choice->time_column = g_strdup (options->time_column);
  choice->options.column = choice->column;
  choice->options.time_column = choice->time_column;
  choice->options.min_length = 0;
  choice->options.length_hint = NULL;
  return choice;
}

void
elman_import_choice_free (ElmanImportChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->column);
  g_free (choice->time_column);
  g_free (choice);
}

static char *
choices_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "elman", "imports.ini", NULL);
}

/* A group name for any path (names may not hold '[', ']' or line ends). */
static char *
choices_group (const char *path)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
}

/**
 * elman_import_choice_recall:
 * @path: a file's path
 *
 * Returns: (transfer full) (nullable): the choices last imported @path
 *   with, or %NULL
 */
ElmanImportChoice *
elman_import_choice_recall (const char *path)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *file = choices_path ();
  g_autofree char *column = NULL;
  g_autofree char *time_column = NULL;
  g_autofree char *group = NULL;
  g_autofree char *kept_path = NULL;
  ElmanLoadOptions options;

  g_return_val_if_fail (path != NULL, NULL);

  group = choices_group (path);
  if (!g_key_file_load_from_file (keys, file, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (keys, group))
    return NULL;
  kept_path = g_key_file_get_string (keys, group, "path", NULL);
  if (g_strcmp0 (kept_path, path) != 0)
    return NULL;
  elman_load_options_init (&options);
  options.delimiter = (char) CLAMP (g_key_file_get_integer (keys, group, "delimiter", NULL), 0, 127);
  options.decimal = (char) CLAMP (g_key_file_get_integer (keys, group, "decimal", NULL), 0, 127);
  options.header = (ElmanHeaderMode) CLAMP (g_key_file_get_integer (keys, group, "header", NULL),
                                            ELMAN_HEADER_DETECT, ELMAN_HEADER_NO);
  options.skip_rows = (guint) CLAMP (g_key_file_get_integer (keys, group, "skip-rows", NULL), 0, 1000);
  options.missing = (ElmanMissingPolicy) CLAMP (g_key_file_get_integer (keys, group, "missing", NULL),
                                                ELMAN_MISSING_ERROR, ELMAN_MISSING_DROP);
  options.wide = g_key_file_get_boolean (keys, group, "wide", NULL);
  column = g_key_file_get_string (keys, group, "column", NULL);
  time_column = g_key_file_get_string (keys, group, "time-column", NULL);
  options.column = column;
  options.time_column = time_column;
  if (options.delimiter != 0 && strchr (",;\t| ", options.delimiter) == NULL)
    options.delimiter = 0;
  if (options.decimal != '.' && options.decimal != ',')
    options.decimal = 0;
  return elman_import_choice_new (&options);
}

/**
 * elman_import_choice_remember:
 *
 * Keeps @options for the next open of @path (in the user's configuration
 * directory, elman/imports.ini).
 *
 * Returns: %FALSE with @error set when the file cannot be written
 */
gboolean
elman_import_choice_remember (const char             *path,
                              const ElmanLoadOptions *options,
                              GError                **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *file = choices_path ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *group = NULL;

  g_return_val_if_fail (path != NULL && options != NULL, FALSE);

  group = choices_group (path);
  g_key_file_load_from_file (keys, file, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_remove_group (keys, group, NULL);
  g_key_file_set_string (keys, group, "path", path);
  g_key_file_set_integer (keys, group, "delimiter", options->delimiter);
  g_key_file_set_integer (keys, group, "decimal", options->decimal);
  g_key_file_set_integer (keys, group, "header", options->header);
  g_key_file_set_integer (keys, group, "skip-rows", (int) options->skip_rows);
  g_key_file_set_integer (keys, group, "missing", options->missing);
  g_key_file_set_boolean (keys, group, "wide", options->wide);
  if (options->column != NULL)
    g_key_file_set_string (keys, group, "column", options->column);
  if (options->time_column != NULL)
    g_key_file_set_string (keys, group, "time-column", options->time_column);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (keys, file, error);
}
