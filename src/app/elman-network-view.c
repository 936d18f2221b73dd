/* elman-network-view.c — the inside of the network: W, U, V, the hidden
 * states over the series and the gradient norms, drawn from an ElmanPlot
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-network-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "elman-format.h"
#include "elman-time.h"
#include "elman-network-view.h"

struct _ElmanNetworkView
{
  GtkWidget       parent_instance;

  ElmanPlot      *plot;
  ElmanPlotPanel  panels;
  guint           n_frames;
};

G_DEFINE_FINAL_TYPE (ElmanNetworkView, elman_network_view, GTK_TYPE_WIDGET)

/* The plot's light or dark palette on libadwaita's view background. */
static void
update_palette (ElmanNetworkView *self)
{
  ElmanPlotPalette palette;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double background = dark ? 0x1e / 255.0 : 1.0;

  if (dark)
    elman_plot_palette_init_dark (&palette);
  else
    elman_plot_palette_init_light (&palette);
  for (guint i = 0; i < 3; i++)
    palette.background[i] = background;
  palette.background[3] = 1.0;
  elman_plot_set_palette (self->plot, &palette);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
elman_network_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ElmanNetworkView *self = ELMAN_NETWORK_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* The heatmaps are images of at most the panel's size, so one Cairo
   * node per frame stays cheap even at J = 1024; the frame it leaves in
   * the plot answers hover. */
  elman_plot_set_pixel_scale (self->plot, gtk_widget_get_scale_factor (widget));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  elman_plot_draw (self->plot, cr, width, height, self->panels);
  cairo_destroy (cr);
  self->n_frames++;
}

char *
elman_network_view_describe_at (ElmanNetworkView *self,
                                double            x,
                                double            y)
{
  ElmanPlotContents contents;
  ElmanPlotStateHit hit;
  g_autofree char *time = NULL, *from = NULL, *value = NULL;
  GString *text;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  g_return_val_if_fail (ELMAN_IS_NETWORK_VIEW (self), NULL);

  if (!elman_plot_hidden_state_at (self->plot, x, y, &hit))
    return NULL;
  elman_plot_get_contents (self->plot, &contents);
  if (contents.series == NULL)
    return NULL;

  time = elman_time_format_index (contents.series, hit.index);
  from = elman_time_format_index (contents.series, hit.window_first);
  value = g_strdup_printf ("%.3f", hit.value);
  for (guint j = 0; j < hit.hidden; j++)
    {
      lo = MIN (lo, hit.state[j]);
      hi = MAX (hi, hit.state[j]);
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, _("t = %s"), time);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Window: %s … %s"), from, time);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("hᵗ of unit %u: %s"), hit.unit + 1, value);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("hᵗ over all %u units: %.3f … %.3f"), hit.hidden, lo, hi);
  return g_string_free (text, FALSE);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = elman_network_view_describe_at (ELMAN_NETWORK_VIEW (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
elman_network_view_finalize (GObject *object)
{
  ElmanNetworkView *self = ELMAN_NETWORK_VIEW (object);

  g_clear_pointer (&self->plot, elman_plot_free);

  G_OBJECT_CLASS (elman_network_view_parent_class)->finalize (object);
}

static void
elman_network_view_class_init (ElmanNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = elman_network_view_finalize;
  widget_class->snapshot = elman_network_view_snapshot;

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
elman_network_view_init (ElmanNetworkView *self)
{
  self->plot = elman_plot_new ();
  self->panels = ELMAN_PLOT_PANEL_NETWORK;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inside the network: weights W, U, V, hidden states and gradient norms"),
                                  -1);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);
  update_palette (self);
}

GtkWidget *
elman_network_view_new (void)
{
  return g_object_new (ELMAN_TYPE_NETWORK_VIEW, NULL);
}

ElmanPlot *
elman_network_view_get_plot (ElmanNetworkView *self)
{
  g_return_val_if_fail (ELMAN_IS_NETWORK_VIEW (self), NULL);

  return self->plot;
}

void
elman_network_view_changed (ElmanNetworkView *self)
{
  g_return_if_fail (ELMAN_IS_NETWORK_VIEW (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
elman_network_view_set_panels (ElmanNetworkView *self,
                               ElmanPlotPanel    panels)
{
  g_return_if_fail (ELMAN_IS_NETWORK_VIEW (self));

  if (self->panels == panels)
    return;
  self->panels = panels;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ElmanPlotPanel
elman_network_view_get_panels (ElmanNetworkView *self)
{
  g_return_val_if_fail (ELMAN_IS_NETWORK_VIEW (self), 0);

  return self->panels;
}

guint
elman_network_view_get_n_frames (ElmanNetworkView *self)
{
  g_return_val_if_fail (ELMAN_IS_NETWORK_VIEW (self), 0);

  return self->n_frames;
}
