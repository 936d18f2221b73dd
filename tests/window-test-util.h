/* window-test-util.h — helpers of the GUI tests (the real window under Xvfb)
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "elman-window.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* Iterates the default main context until @condition holds (FALSE on
 * timeout), or for a while. */
gboolean   wait_for         (Condition    condition,
                             gpointer     data,
                             guint        timeout_ms);
void       iterate_for      (guint        ms);

/* Conditions for wait_for(). */
gboolean   not_loading      (gpointer     data);
gboolean   not_training     (gpointer     data);
gboolean   pointer_is_null  (gpointer     data);

void       reset_settings   (void);
char      *sample_path      (void);
GtkWidget *child            (ElmanWindow *window,
                             const char  *name);
void       remove_tree      (const char  *path);
void       destroy_window   (ElmanWindow *window);
char      *init_window_test (int         *argc,
                             char      ***argv,
                             const char  *name);

G_END_DECLS
