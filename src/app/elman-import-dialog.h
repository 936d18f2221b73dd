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
