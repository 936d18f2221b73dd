/* elman-window-import.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's side of the import dialog: offered when a file does not
 * read as it is (gaps), its choices kept for the file and used to open
 * it. */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"


#include "elman-window-private.h"

static void
on_import (ElmanImportDialog *dialog,
           ElmanWindow       *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (elman_import_dialog_get_path (dialog));
  ElmanLoadOptions options;

  elman_import_dialog_get_options (dialog, &options);
  if (!elman_import_choice_remember (elman_import_dialog_get_path (dialog), &options, &error))
    g_warning ("Cannot keep the import choices: %s", error->message);
  elman_window_open_file_choice (self, file, elman_import_choice_new (&options));
}

/**
 * elman_window_offer_import:
 * @path: a file the loader refused as it is
 *
 * Shows the import dialog for @path, modal to the window.
 */
void
elman_window_offer_import (ElmanWindow *self,
                           const char  *path)
{
  ElmanImportDialog *dialog;

  g_return_if_fail (ELMAN_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  dialog = elman_import_dialog_new (GTK_WINDOW (self), path);
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_import), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
