/* elman-settings.h — the training parameters in GSettings
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "elman-config.h"

G_BEGIN_DECLS

/* An enum parameter: its key, its type (the schema's choices are its
 * nicks) and its field of ElmanConfig. The numeric parameters come from
 * the core's parameter table (settings_key). */
typedef struct
{
  const char *key;
  GType     (*get_type) (void);
  gsize       offset;
} ElmanSettingsEnumKey;

void                        elman_settings_read_config      (GSettings         *settings,
                                                             ElmanConfig       *config);
void                        elman_settings_write_preset     (ElmanPreset        preset);
gboolean                    elman_settings_config_is_preset (const ElmanConfig *config,
                                                             ElmanPreset        preset);
gboolean                    elman_settings_config_equal     (const ElmanConfig *a,
                                                             const ElmanConfig *b);
gboolean                    elman_settings_is_parameter_key (const char        *key);
const ElmanSettingsEnumKey *elman_settings_get_enum_keys    (guint             *n_keys);

G_END_DECLS
