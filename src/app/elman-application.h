/* elman-application.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ELMAN_TYPE_APPLICATION (elman_application_get_type ())

G_DECLARE_FINAL_TYPE (ElmanApplication, elman_application, ELMAN, APPLICATION, AdwApplication)

ElmanApplication *elman_application_new (void);

G_END_DECLS
