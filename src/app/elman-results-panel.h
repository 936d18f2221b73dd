/* elman-results-panel.h — the status under the plot: progress, metrics,
 * notes
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "elman-session.h"

G_BEGIN_DECLS

#define ELMAN_TYPE_RESULTS_PANEL (elman_results_panel_get_type ())

G_DECLARE_FINAL_TYPE (ElmanResultsPanel, elman_results_panel, ELMAN, RESULTS_PANEL, AdwBin)

void        elman_results_panel_set_session      (ElmanResultsPanel *self,
                                                  ElmanSession      *session);
void        elman_results_panel_show_search      (ElmanResultsPanel *self,
                                                  const char        *transform_label);
const char *elman_results_panel_get_metrics_text (ElmanResultsPanel *self);
const char *elman_results_panel_get_search_text  (ElmanResultsPanel *self);

G_END_DECLS
