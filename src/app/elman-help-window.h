/* elman-help-window.h — the user guide, in the app
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ELMAN_TYPE_HELP_WINDOW (elman_help_window_get_type ())

G_DECLARE_FINAL_TYPE (ElmanHelpWindow, elman_help_window, ELMAN, HELP_WINDOW, AdwWindow)

ElmanHelpWindow *elman_help_window_new      (GtkApplication  *application);
void             elman_help_window_set_page (ElmanHelpWindow *self,
                                             const char      *page);
const char      *elman_help_window_get_page (ElmanHelpWindow *self);

G_END_DECLS
