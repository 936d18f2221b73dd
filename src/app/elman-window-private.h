/* elman-window-private.h — what the window's other files share
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "elman-import-dialog.h"
#include "elman-network-view.h"
#include "elman-params-panel.h"
#include "elman-results-panel.h"
#include "elman-session.h"
#include "elman-window.h"

G_BEGIN_DECLS

struct _ElmanWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwSplitButton       *open_button;
  GtkToggleButton      *flap_button;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *export_menu_button;
  AdwWindowTitle       *window_title;
  GtkButton            *train_button;
  AdwFlap              *flap;
  ElmanParamsPanel     *params_panel;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  ElmanPlotView        *plot_view;
  ElmanResultsPanel    *results_panel;
  AdwViewStack         *view_stack;
  ElmanNetworkView     *network_view;
  GtkButton            *pause_button;
  GtkWidget            *paused_box;
  GtkSpinButton        *paused_rate_spin;
  GtkLabel             *network_note;

  /* The document; the window is a view of it. */
  ElmanSession         *session;
  GSettings            *settings;
  GMenu                *recent_menu;
  GtkNativeDialog      *chooser;

  /* What the plot shows of the run, to copy only what is new. */
  guint                 tick_id;
  GBytes               *shown_predictions;
  GBytes               *shown_forecast;
  GBytes               *shown_bands;

  /* What the Network view shows; states of a finished model are
   * computed when the view is first shown. */
  GBytes               *shown_states;
  gboolean              network_states_stale;
  GCancellable         *states_cancellable;
};

void                  elman_window_show_toast  (ElmanWindow          *self,
                                                const char           *message);
void                  elman_window_show_error  (ElmanWindow          *self,
                                                const GError         *error);
GtkFileFilter        *elman_window_new_filter  (const char           *name,
                                                const char           *mime_type,
                                                const char          **patterns);
GtkFileChooserNative *elman_window_new_chooser (ElmanWindow          *self,
                                                const char           *title,
                                                GtkFileChooserAction  action,
                                                const char           *accept);

/* elman-window-actions.c */
void                  elman_window_class_add_actions (GtkWidgetClass *widget_class);
void                  elman_window_init_actions      (ElmanWindow    *self);
void                  elman_window_add_to_recent     (ElmanWindow    *self,
                                                      GFile          *file);

/* elman-window-export.c */
void                  elman_window_class_add_export_actions (GtkWidgetClass *widget_class);

/* elman-window-network.c */
void                  elman_window_class_add_network_actions (GtkWidgetClass              *widget_class);
void                  elman_window_network_init        (ElmanWindow                 *self);
void                  elman_window_network_dispose     (ElmanWindow                 *self);
void                  elman_window_network_show_series (ElmanWindow                 *self);
void                  elman_window_network_show_snapshot (ElmanWindow               *self,
                                                          const ElmanTrainingSnapshot *snapshot);
void                  elman_window_network_show_result (ElmanWindow                 *self);
void                  elman_window_network_update      (ElmanWindow                 *self);
ElmanPlot            *elman_window_get_shown_plot      (ElmanWindow                 *self,
                                                        ElmanPlotPanel              *panels);

/* elman-window-import.c */
void                  elman_window_open_file_choice (ElmanWindow       *self,
                                                     GFile             *file,
                                                     ElmanImportChoice *choice);
void                  elman_window_offer_import     (ElmanWindow       *self,
                                                     const char        *path);

G_END_DECLS
