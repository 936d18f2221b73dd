/* elman-params-ui.h — the app's widgets from the parameter table
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "elman-params.h"

G_BEGIN_DECLS

void  elman_params_configure_spin  (GtkSpinButton  *spin,
                                    ElmanParam      param);
void  elman_params_bind_spin       (GSettings      *settings,
                                    GtkSpinButton  *spin,
                                    ElmanParam      param);
void  elman_params_bind_combo      (GSettings      *settings,
                                    const char     *key,
                                    AdwComboRow    *row,
                                    GType           type);
guint elman_params_enum_position   (GType           type,
                                    int             value);

G_END_DECLS
