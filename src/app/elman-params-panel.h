/* elman-params-panel.h — the sidebar: the series and the parameters
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "elman-config.h"
#include "elman-series-loader.h"
#include "elman-settings.h"

G_BEGIN_DECLS

#define ELMAN_TYPE_PARAMS_PANEL (elman_params_panel_get_type ())

G_DECLARE_FINAL_TYPE (ElmanParamsPanel, elman_params_panel, ELMAN, PARAMS_PANEL, AdwBin)

void             elman_params_panel_set_settings      (ElmanParamsPanel      *self,
                                                       GSettings             *settings);
void             elman_params_panel_commit_text       (ElmanParamsPanel      *self);
void             elman_params_panel_show_series       (ElmanParamsPanel      *self,
                                                       GFile                 *file,
                                                       ElmanSeries           *series,
                                                       const ElmanSeriesInfo *info);
void             elman_params_panel_show_state        (ElmanParamsPanel      *self,
                                                       const ElmanConfig     *config,
                                                       const char            *problem,
                                                       gboolean               modified);
void             elman_params_panel_show_search       (ElmanParamsPanel      *self,
                                                       const ElmanConfig     *chosen);
const char      *elman_params_panel_transform_label   (ElmanParamsPanel      *self,
                                                       ElmanTransform         transform);
void             elman_params_panel_set_editable      (ElmanParamsPanel      *self,
                                                       gboolean               editable);
GtkScrolledWindow *elman_params_panel_get_scroller    (ElmanParamsPanel      *self);

/* elman-params-panel-settings.c */
void             elman_params_panel_bind_settings     (ElmanParamsPanel      *self,
                                                       GSettings             *settings,
                                                       GPtrArray             *spins);

G_END_DECLS
