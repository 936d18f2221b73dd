/* elman-import-dialog.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "elman-series-loader.h"

G_BEGIN_DECLS

/* Choices for one file, with the strings they point at: what the dialog
 * returned, kept for the next open of the same file. */
typedef struct
{
  ElmanLoadOptions options;
  char            *column;
  char            *time_column;
} ElmanImportChoice;

ElmanImportChoice *elman_import_choice_new      (const ElmanLoadOptions *options);
void               elman_import_choice_free     (ElmanImportChoice      *choice);
ElmanImportChoice *elman_import_choice_recall   (const char             *path);
gboolean           elman_import_choice_remember (const char             *path,
                                                 const ElmanLoadOptions *options,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanImportChoice, elman_import_choice_free)

#define ELMAN_TYPE_IMPORT_DIALOG (elman_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ElmanImportDialog, elman_import_dialog, ELMAN, IMPORT_DIALOG, AdwWindow)

ElmanImportDialog *elman_import_dialog_new          (GtkWindow              *parent,
                                                     const char             *path);
const char        *elman_import_dialog_get_path     (ElmanImportDialog      *self);
void               elman_import_dialog_get_options  (ElmanImportDialog      *self,
                                                     ElmanLoadOptions       *options);
void               elman_import_dialog_set_options  (ElmanImportDialog      *self,
                                                     const ElmanLoadOptions *options);
const char        *elman_import_dialog_get_summary  (ElmanImportDialog      *self);

G_END_DECLS
