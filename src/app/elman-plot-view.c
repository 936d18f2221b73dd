/* elman-plot-view.c — the series and loss plots as a widget
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "elman-format.h"
#include "elman-plot-view.h"

struct _ElmanPlotView
{
  GtkWidget    parent_instance;

  /* The model: what to draw. Callers change it through
   * elman_plot_view_get_plot() and then call elman_plot_view_changed(). */
  ElmanPlot   *plot;
  char        *description;

  gboolean     over_series;

  gboolean     hover;
  double       pointer_x;
  double       pointer_y;
  double       drag_last_x;
  double       drag_last_y;

  gboolean     dark;
  GdkRGBA      fit_colour;
  GdkRGBA      test_colour;
  guint        n_frames;
  guint        n_renders;

  /* The plot rendered once per change (data, view, palette, size) and
   * reused for every frame in between: hovering only redraws the
   * crosshair on top of it. */
  GdkTexture  *texture;
  int          texture_width;
  int          texture_height;
  int          texture_scale;
};

G_DEFINE_FINAL_TYPE (ElmanPlotView, elman_plot_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Something the plot shows changed: render it again at the next frame. */
static void
invalidate_plot (ElmanPlotView *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_description (ElmanPlotView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  ElmanPlotContents c;
  ElmanSeries *series;

  elman_plot_get_contents (self->plot, &c);
  series = c.series;

  if (series == NULL || series->n == 0)
    {
      g_string_append (text, _("Empty plot: no series is open"));
    }
  else
    {
      g_autofree char *first = elman_time_format_index (series, 0);
      g_autofree char *last = elman_time_format_index (series, series->n - 1);

      g_string_append_printf (text,
                              _("Upper panel: the series “%s”, %zu values from %s to %s."),
                              series->name ? series->name : _("values"),
                              series->n, first, last);
      if (c.n_train < series->n)
        {
          g_autofree char *split = elman_time_format_index (series, c.n_train);
          g_string_append_printf (text, _(" The test part starts at %s."), split);
        }
      if (c.n_predictions > 0)
        g_string_append (text, _(" The network’s one-step predictions are drawn over it."));
      if (c.n_free_running > 0)
        g_string_append (text, _(" A dotted line shows the free-running predictions over the test part, fed only the network’s own forecasts."));
      if (c.n_forecast > 0)
        g_string_append_printf (text, _(" A forecast of %zu values follows the end."),
                                c.n_forecast);
      if (c.n_bands > 0)
        /* xgettext:no-c-format */
        g_string_append (text, _(" Shaded bands around it show its 80 % and 95 % prediction intervals."));
      if (c.n_epochs > 0)
        g_string_append_printf (text, _(" Lower panel: training and validation loss over %zu epochs."),
                                c.n_epochs);
      if (c.n_acf > 0)
        {
          g_string_append_c (text, ' ');
          /* Translators: the residual ACF panel, e.g. "2 of 24 lags" */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "Residual autocorrelation: %u of %u lag outside the bounds.",
                                                     "Residual autocorrelation: %u of %u lags outside the bounds.",
                                                     c.n_acf),
                                  c.n_acf_outside, c.n_acf);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_palette (ElmanPlotView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  ElmanPlotPalette palette;
  gboolean dark = adw_style_manager_get_dark (style);

  if (dark)
    elman_plot_palette_init_dark (&palette);
  else
    elman_plot_palette_init_light (&palette);

  /* Match libadwaita's view colours so the plot reads as the document. */
  if (dark)
    {
      palette.background[0] = palette.background[1] = palette.background[2] = 0x1e / 255.0;
    }
  else
    {
      palette.background[0] = palette.background[1] = palette.background[2] = 1.0;
    }
  palette.background[3] = 1.0;
  elman_plot_set_palette (self->plot, &palette);
  self->fit_colour = (GdkRGBA) { palette.fit[0], palette.fit[1], palette.fit[2], 1.0 };
  self->test_colour = (GdkRGBA) { palette.test[0], palette.test[1], palette.test[2], 1.0 };

  if (self->dark != dark)
    {
      self->dark = dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
    }
  invalidate_plot (self);
}

/* A filled dot of radius 4. */
static void
append_marker (GtkSnapshot   *snapshot,
               double         x,
               double         y,
               const GdkRGBA *colour)
{
  GskRoundedRect dot;

  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x - 4, y - 4, 8, 8), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, colour, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_readout (ElmanPlotView *self,
                  GtkSnapshot   *snapshot,
                  double         width,
                  double         height)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *time = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GString) text = NULL;
  double x, y, prediction;
  gsize index;
  PangoRectangle extents;
  double bx, by, bw, bh;
  double fg = self->dark ? 1.0 : 0.0;
  double bg = self->dark ? 0.16 : 0.98;
  GdkRGBA line = { fg, fg, fg, 0.35 };
  cairo_t *cr;
  ElmanPlotContents c;
  ElmanSeries *series;

  elman_plot_get_contents (self->plot, &c);
  series = c.series;
  if (series == NULL || series->n == 0)
    return;
  if (!elman_plot_pixel_to_data (self->plot, self->pointer_x, self->pointer_y, &x, &y, &index))
    return;
  if (index >= series->n)
    return;

  /* The crosshair: one-pixel lines across the series panel's plotting
   * area only (found by walking out from the pointer until a pixel no
   * longer maps to data). */
  {
    double top = self->pointer_y, bottom = self->pointer_y;
    double left = self->pointer_x, right = self->pointer_x;
    double dx, dy;
    gsize di;

    while (top > 0 && elman_plot_pixel_to_data (self->plot, self->pointer_x, top - 1, &dx, &dy, &di))
      top--;
    while (bottom < height && elman_plot_pixel_to_data (self->plot, self->pointer_x, bottom + 1, &dx, &dy, &di))
      bottom++;
    while (left > 0 && elman_plot_pixel_to_data (self->plot, left - 1, self->pointer_y, &dx, &dy, &di))
      left--;
    while (right < width && elman_plot_pixel_to_data (self->plot, right + 1, self->pointer_y, &dx, &dy, &di))
      right++;

    gtk_snapshot_append_color (snapshot, &line,
                               &GRAPHENE_RECT_INIT (floor (self->pointer_x), top, 1, bottom - top));
    gtk_snapshot_append_color (snapshot, &line,
                               &GRAPHENE_RECT_INIT (left, floor (self->pointer_y), right - left, 1));
  }

  /* Markers on the nearest value and its prediction. */
  {
    double mx = series->times ? series->times[index] : (double) index;
    double px, py;
    GdkRGBA data_colour = { fg, fg, fg, 0.9 };

    if (elman_plot_data_to_pixel (self->plot, mx, series->values[index], &px, &py))
      append_marker (snapshot, px, py, &data_colour);
    if (elman_plot_get_prediction (self->plot, index, &prediction) &&
        elman_plot_data_to_pixel (self->plot, mx, prediction, &px, &py))
      append_marker (snapshot, px, py, index < c.n_train ? &self->fit_colour : &self->test_colour);
  }

  time = elman_time_format_index (series, index);
  value = elman_app_format_value (series->values[index]);
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>\n", time);
  g_string_append_printf (text, _("Value %s"), value);
  if (elman_plot_get_prediction (self->plot, index, &prediction))
    {
      g_autofree char *predicted = elman_app_format_value (prediction);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Predicted %s"), predicted);
    }

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_markup (layout, text->str, -1);
  pango_layout_get_pixel_extents (layout, NULL, &extents);

  bw = extents.width + 16;
  bh = extents.height + 12;
  bx = self->pointer_x + 14;
  by = self->pointer_y + 14;
  if (bx + bw > width - 4)
    bx = self->pointer_x - 14 - bw;
  if (by + bh > height - 4)
    by = self->pointer_y - 14 - bh;
  bx = floor (MAX (bx, 4));
  by = floor (MAX (by, 4));

  /* A small Cairo node for the box alone. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (bx - 1, by - 1, bw + 2, bh + 2));
  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + bw - 6, by + 6, 6, -G_PI / 2, 0);
  cairo_arc (cr, bx + bw - 6, by + bh - 6, 6, 0, G_PI / 2);
  cairo_arc (cr, bx + 6, by + bh - 6, 6, G_PI / 2, G_PI);
  cairo_arc (cr, bx + 6, by + 6, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, bg, bg, bg, 0.94);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg, fg, fg, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg, fg, fg, 0.9);
  cairo_move_to (cr, bx + 8, by + 6);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
}

/* Renders the plot into an image at the widget's scale, wrapped as a
 * texture without a copy. */
static GdkTexture *
render_texture (ElmanPlotView *self,
                int            width,
                int            height,
                int            scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  /* The surface tells the plot its scale: no hint on top of it. */
  elman_plot_draw (self->plot, cr, width, height, elman_plot_view_get_panels (self));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height * scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  self->n_renders++;
  return gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
elman_plot_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ElmanPlotView *self = ELMAN_PLOT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  if (width <= 0 || height <= 0)
    return;

  if (self->texture != NULL &&
      (self->texture_width != width || self->texture_height != height || self->texture_scale != scale))
    g_clear_object (&self->texture);
  if (self->texture == NULL)
    {
      self->texture = render_texture (self, width, height, scale);
      self->texture_width = width;
      self->texture_height = height;
      self->texture_scale = scale;
    }

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->hover)
    snapshot_readout (self, snapshot, width, height);

  self->n_frames++;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           ElmanPlotView            *self)
{
  gboolean over_series;

  self->hover = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;

  /* The crosshair cursor only where it reads out values and zooms: the
   * series panel (before the first frame, the whole widget). */
  over_series = self->texture == NULL ||
                elman_plot_panel_at (self->plot, x, y) == ELMAN_PLOT_PANEL_SERIES;
  if (over_series != self->over_series)
    {
      self->over_series = over_series;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over_series ? "crosshair" : NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *motion,
          ElmanPlotView            *self)
{
  self->hover = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           ElmanPlotView            *self)
{
  /* Only the series panel zooms; the loss and ACF panels always show
   * every epoch and lag. */
  if (elman_plot_view_get_series (self) == NULL || dy == 0 ||
      elman_plot_panel_at (self->plot, self->pointer_x, self->pointer_y) != ELMAN_PLOT_PANEL_SERIES)
    return FALSE;

  elman_plot_zoom_at (self->plot, self->pointer_x, self->pointer_y, pow (1.15, dy));
  invalidate_plot (self);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *drag,
               double          x,
               double          y,
               ElmanPlotView  *self)
{
  if (elman_plot_panel_at (self->plot, x, y) != ELMAN_PLOT_PANEL_SERIES)
    {
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_last_x = 0;
  self->drag_last_y = 0;
}

static void
on_drag_update (GtkGestureDrag *drag,
                double          offset_x,
                double          offset_y,
                ElmanPlotView  *self)
{
  elman_plot_pan_by (self->plot, offset_x - self->drag_last_x, offset_y - self->drag_last_y);
  self->drag_last_x = offset_x;
  self->drag_last_y = offset_y;
  invalidate_plot (self);
}

static void
on_pressed (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            ElmanPlotView   *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    {
      elman_plot_reset_view (self->plot);
      invalidate_plot (self);
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ElmanPlotView         *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double cx = width / 2, cy = height / 4;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      elman_plot_zoom_at (self->plot, cx, cy, 1 / 1.25);
      break;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      elman_plot_zoom_at (self->plot, cx, cy, 1.25);
      break;
    case GDK_KEY_Left:
      elman_plot_pan_by (self->plot, width / 10, 0);
      break;
    case GDK_KEY_Right:
      elman_plot_pan_by (self->plot, -width / 10, 0);
      break;
    case GDK_KEY_Up:
      elman_plot_pan_by (self->plot, 0, height / 20);
      break;
    case GDK_KEY_Down:
      elman_plot_pan_by (self->plot, 0, -height / 20);
      break;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
    case GDK_KEY_Home:
      elman_plot_reset_view (self->plot);
      break;
    default:
      return FALSE;
    }

  invalidate_plot (self);
  return TRUE;
}

static void
elman_plot_view_finalize (GObject *object)
{
  ElmanPlotView *self = ELMAN_PLOT_VIEW (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->plot, elman_plot_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (elman_plot_view_parent_class)->finalize (object);
}

static void
elman_plot_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ElmanPlotView *self = ELMAN_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
elman_plot_view_class_init (ElmanPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = elman_plot_view_finalize;
  object_class->get_property = elman_plot_view_get_property;

  widget_class->snapshot = elman_plot_view_snapshot;

  /**
   * ElmanPlotView:dark:
   *
   * Whether the plot uses its dark palette (follows libadwaita's style).
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
elman_plot_view_init (ElmanPlotView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->plot = elman_plot_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  self->over_series = TRUE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Plot of the series and the training loss"),
                                  -1);
  update_description (self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);
  update_palette (self);
}

GtkWidget *
elman_plot_view_new (void)
{
  return g_object_new (ELMAN_TYPE_PLOT_VIEW, NULL);
}

/**
 * elman_plot_view_get_plot:
 *
 * The model the view draws: set the series, the split, predictions,
 * forecast, loss and evaluation on it (elman_plot_set_*()), then call
 * elman_plot_view_changed().
 *
 * Returns: (transfer none): the plot the view draws
 */
ElmanPlot *
elman_plot_view_get_plot (ElmanPlotView *self)
{
  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), NULL);

  return self->plot;
}

/**
 * elman_plot_view_changed:
 *
 * Tells the view that its plot changed: it drops the rendered image,
 * updates its accessible description and draws again.
 */
void
elman_plot_view_changed (ElmanPlotView *self)
{
  g_return_if_fail (ELMAN_IS_PLOT_VIEW (self));

  update_description (self);
  invalidate_plot (self);
}

/**
 * elman_plot_view_get_series:
 *
 * Returns: (transfer none) (nullable): the series shown
 */
ElmanSeries *
elman_plot_view_get_series (ElmanPlotView *self)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), NULL);

  elman_plot_get_contents (self->plot, &c);
  return c.series;
}

/**
 * elman_plot_view_get_prediction:
 * @value: (out) (optional): the one-step prediction of series[@index]
 *
 * Returns: %TRUE when there is one
 */
gboolean
elman_plot_view_get_prediction (ElmanPlotView *self,
                                gsize          index,
                                double        *value)
{
  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), FALSE);

  return elman_plot_get_prediction (self->plot, index, value);
}

gsize
elman_plot_view_get_n_forecast (ElmanPlotView *self)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  elman_plot_get_contents (self->plot, &c);
  return c.n_forecast;
}

/**
 * elman_plot_view_get_n_bands:
 *
 * Returns: how many prediction intervals are drawn around the forecast
 */
guint
elman_plot_view_get_n_bands (ElmanPlotView *self)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  elman_plot_get_contents (self->plot, &c);
  return c.n_bands;
}

/**
 * elman_plot_view_get_panels:
 *
 * Returns: the panels drawn (and exported): series and loss, and the
 *   residual ACF after an evaluation
 */
ElmanPlotPanel
elman_plot_view_get_panels (ElmanPlotView *self)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), ELMAN_PLOT_PANEL_BOTH);

  elman_plot_get_contents (self->plot, &c);
  return c.panels;
}

/**
 * elman_plot_view_get_n_free_running:
 *
 * Returns: how many free-running predictions are drawn over the test part
 */
gsize
elman_plot_view_get_n_free_running (ElmanPlotView *self)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  elman_plot_get_contents (self->plot, &c);
  return c.n_free_running;
}

/**
 * elman_plot_view_get_n_acf:
 * @n_outside: (out) (optional): how many of them lie outside the bounds
 *
 * Returns: the number of lags of the residual ACF panel (0: none shown)
 */
guint
elman_plot_view_get_n_acf (ElmanPlotView *self,
                           guint         *n_outside)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  elman_plot_get_contents (self->plot, &c);
  if (n_outside != NULL)
    *n_outside = c.n_acf_outside;
  return c.n_acf;
}

/**
 * elman_plot_view_get_description:
 *
 * Returns: the accessible description of the plot (for tests)
 */
const char *
elman_plot_view_get_description (ElmanPlotView *self)
{
  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), NULL);

  return self->description;
}

gsize
elman_plot_view_get_n_epochs (ElmanPlotView *self)
{
  ElmanPlotContents c;

  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  elman_plot_get_contents (self->plot, &c);
  return c.n_epochs;
}

/**
 * elman_plot_view_get_n_renders:
 *
 * Returns: how many times the plot itself was rendered (for tests; frames
 *   that only move the crosshair reuse the last rendering)
 */
guint
elman_plot_view_get_n_renders (ElmanPlotView *self)
{
  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  return self->n_renders;
}

/**
 * elman_plot_view_get_n_frames:
 *
 * Returns: how many times the view was drawn (for tests)
 */
guint
elman_plot_view_get_n_frames (ElmanPlotView *self)
{
  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), 0);

  return self->n_frames;
}

gboolean
elman_plot_view_get_dark (ElmanPlotView *self)
{
  g_return_val_if_fail (ELMAN_IS_PLOT_VIEW (self), FALSE);

  return self->dark;
}
