/* elman-params-panel.c — the sidebar: the series and the parameters
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "elman-enum-types.h"
#include "elman-ensemble.h"
#include "elman-format.h"
#include "elman-params-panel.h"
#include "elman-params-ui.h"
#include "elman-params.h"

struct _ElmanParamsPanel
{
  AdwBin             parent_instance;

  GtkScrolledWindow *params_scroller;
  GtkWidget         *params_box;
  AdwActionRow      *file_row;
  AdwComboRow       *column_row;
  AdwComboRow       *preset_row;
  GtkSwitch         *auto_switch;
  AdwActionRow      *window_row;
  AdwActionRow      *hidden_row;
  AdwActionRow      *rate_row;
  AdwActionRow      *ensemble_row;
  AdwComboRow       *init_row;
  AdwComboRow       *gradient_row;
  AdwComboRow       *loss_row;
  AdwComboRow       *optimizer_row;
  AdwComboRow       *normalize_row;
  AdwComboRow       *transform_row;
  GtkSwitch         *bias_switch;
  GtkSpinButton     *window_spin;
  GtkSpinButton     *horizon_spin;
  GtkSpinButton     *hidden_spin;
  GtkSpinButton     *rate_spin;
  GtkSpinButton     *epochs_spin;
  GtkSpinButton     *seed_spin;
  GtkSpinButton     *test_spin;
  GtkSpinButton     *ensemble_spin;
  GtkScale          *window_scale;
  GtkScale          *horizon_scale;
  GtkScale          *hidden_scale;
  GtkScale          *rate_scale;
  GtkScale          *epochs_scale;
  GtkLabel          *param_error_label;
  GtkButton         *reset_preset_button;

  GSettings         *settings;
  gulong             preset_handler;
  GPtrArray         *spins;            /* every GtkSpinButton, with its "elman-param" */
  GArray            *column_indices;   /* file column of each item of column_row */
  gboolean           updating_columns;
  gboolean           auto_search;
  gboolean           has_chosen;
  ElmanConfig        chosen;           /* what the last search chose */
};

G_DEFINE_FINAL_TYPE (ElmanParamsPanel, elman_params_panel, ADW_TYPE_BIN)

enum {
  SIGNAL_COLUMN_SELECTED,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Row subtitles: the normal text, or a problem in the error style     */

#define NORMAL_SUBTITLE "elman-normal-subtitle"

static void
row_set_subtitle (AdwActionRow *row,
                  const char   *subtitle)
{
  g_object_set_data_full (G_OBJECT (row), NORMAL_SUBTITLE, g_strdup (subtitle), g_free);
  if (!gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    adw_action_row_set_subtitle (row, subtitle);
}

static void
row_show_problem (AdwActionRow *row,
                  const char   *problem)
{
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  adw_action_row_set_subtitle (row, problem);
}

static void
row_clear_problem (AdwActionRow *row)
{
  if (!gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  adw_action_row_set_subtitle (row, g_object_get_data (G_OBJECT (row), NORMAL_SUBTITLE));
}

static AdwActionRow *
spin_row (GtkSpinButton *spin)
{
  return ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW));
}

/* ------------------------------------------------------------------ */
/* Typed values                                                        */

static ElmanParam
spin_param (GtkSpinButton *spin)
{
  return (ElmanParam) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "elman-param"));
}

/* Reads what the user typed. Text that is no number, or no valid value
 * of the parameter, is refused with the reason in the row (the value
 * stays as it was: the spin buttons only take valid input); a number
 * beyond the range is clamped, and a toast says so. */
static int
on_spin_input (GtkSpinButton    *spin,
               double           *new_value,
               ElmanParamsPanel *self)
{
  const ElmanParamInfo *info = elman_param_get_info (spin_param (spin));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  AdwActionRow *row = spin_row (spin);
  const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  char *end = NULL;
  double typed = g_strtod (text, &end), value;

  if (*text == '\0' || end == text || *end != '\0' || !isfinite (typed))
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is not a number"), text);

      row_show_problem (row, problem);
      return GTK_INPUT_ERROR;
    }
  if (info->logarithmic && !(typed > 0))
    {
      /* Translators: e.g. "Learning Rate (ε) must be more than 0, not “-3”" */
      g_autofree char *problem = g_strdup_printf (_("%s must be more than 0, not “%s”"), name, text);

      row_show_problem (row, problem);
      return GTK_INPUT_ERROR;
    }
  row_clear_problem (row);

  value = info->logarithmic ? log10 (typed) : typed;
  if (value < gtk_adjustment_get_lower (adjustment) || value > gtk_adjustment_get_upper (adjustment))
    {
      gboolean high = value > gtk_adjustment_get_upper (adjustment);
      double bound = high ? gtk_adjustment_get_upper (adjustment) : gtk_adjustment_get_lower (adjustment);
      double shown = info->logarithmic ? pow (10, bound) : bound;
      g_autofree char *limit = info->logarithmic ? elman_app_format_learning_rate (shown)
                                                 : g_strdup_printf ("%.*f", gtk_spin_button_get_digits (spin), shown);
      g_autofree char *message = NULL;

      /* Translators: e.g. "Ensemble Size (R): 200000 is more than 500, the largest value; set to 500" */
      message = g_strdup_printf (high ? _("%s: %s is more than %s, the largest value; set to %s")
                                      : _("%s: %s is less than %s, the smallest value; set to %s"),
                                 name, text, limit, limit);
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
      value = bound;
    }
  *new_value = value;
  return TRUE;
}

/* The ε spin button holds log10 ε, so its arrows step ×10 and ÷10; it
 * shows ε itself in scientific notation. */
static gboolean
on_rate_output (GtkSpinButton *spin)
{
  double log_rate = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = elman_app_format_learning_rate (pow (10, log_rate));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The mouse wheel scrolls the sidebar                                 */

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Runs before the spin button's or slider's own wheel handler: unless the
 * control has the keyboard focus (the user is working on it), the wheel
 * scrolls the sidebar and the value stays. */
static gboolean
on_control_scroll (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   ElmanParamsPanel         *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->params_scroller);
  double step;

  if (has_focus_within (widget))
    return GDK_EVENT_PROPAGATE;

  /* A wheel notch moves as far as GtkScrolledWindow's own. */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (gtk_adjustment_get_page_size (v), 2.0 / 3.0) : 1;
  gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + dy * step);
  return GDK_EVENT_STOP;
}

static void
guard_scroll (ElmanParamsPanel *self,
              GtkWidget        *widget)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_control_scroll), self);
  gtk_widget_add_controller (widget, scroll);
}

/* ------------------------------------------------------------------ */
/* Series                                                              */

static void
on_column_selected (ElmanParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->column_row);

  if (self->updating_columns || self->column_indices == NULL || selected >= self->column_indices->len)
    return;
  g_signal_emit (self, signals[SIGNAL_COLUMN_SELECTED], 0, g_array_index (self->column_indices, guint, selected));
}

static void
update_column_chooser (ElmanParamsPanel      *self,
                       const ElmanSeriesInfo *info)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->updating_columns = TRUE;
  g_array_set_size (self->column_indices, 0);
  for (guint i = 0; info != NULL && info->columns != NULL && i < info->columns->len; i++)
    {
      ElmanColumnInfo *column = &g_array_index (info->columns, ElmanColumnInfo, i);
      g_autofree char *label = NULL;

      if (column->type != ELMAN_COLUMN_NUMERIC)
        continue;
      if ((int) i == info->column)
        selected = self->column_indices->len;
      label = column->name && *column->name ? g_strdup (column->name) : g_strdup_printf (_("Column %u"), i + 1);
      gtk_string_list_append (names, label);
      g_array_append_val (self->column_indices, i);
    }
  adw_combo_row_set_model (self->column_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->column_row, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->column_row), self->column_indices->len > 1);
  self->updating_columns = FALSE;
}

/* elman_frequency_to_string() gives the names of the JSON output; the
 * sidebar shows translated ones. */
static const char *
frequency_label (ElmanFrequency frequency)
{
  switch (frequency)
    {
    case ELMAN_FREQUENCY_YEARLY:    return _("yearly");
    case ELMAN_FREQUENCY_QUARTERLY: return _("quarterly");
    case ELMAN_FREQUENCY_MONTHLY:   return _("monthly");
    case ELMAN_FREQUENCY_WEEKLY:    return _("weekly");
    case ELMAN_FREQUENCY_DAILY:     return _("daily");
    case ELMAN_FREQUENCY_HOURLY:    return _("hourly");
    case ELMAN_FREQUENCY_IRREGULAR: return _("irregular");
    /* Translators: a time axis of plain numbers a constant step apart (1, 2, 3…) */
    case ELMAN_FREQUENCY_REGULAR:   return _("regular");
    case ELMAN_FREQUENCY_BUSINESS_DAILY: return _("business days");
    case ELMAN_FREQUENCY_NONE:
    default:                        return _("no time axis");
    }
}

/**
 * elman_params_panel_show_series:
 *
 * Shows the open file and its numeric columns.
 */
void
elman_params_panel_show_series (ElmanParamsPanel      *self,
                                GFile                 *file,
                                ElmanSeries           *series,
                                const ElmanSeriesInfo *info)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *first = elman_time_format_index (series, 0);
  g_autofree char *last = elman_time_format_index (series, series->n - 1);
  g_autofree char *subtitle = NULL;

  g_return_if_fail (ELMAN_IS_PARAMS_PANEL (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), basename);
  /* Translators: e.g. "144 values, monthly, 1949-01 to 1960-12" */
  subtitle = g_strdup_printf (_("%zu values, %s, %s to %s"), series->n, frequency_label (series->frequency),
                              first, last);
  adw_action_row_set_subtitle (self->file_row, subtitle);
  update_column_chooser (self, info);
}

/* ------------------------------------------------------------------ */
/* State                                                               */

/**
 * elman_params_panel_transform_label:
 *
 * Returns: the transform's name as the combo row shows it (the core's
 *   names are the schema's nicks)
 */
const char *
elman_params_panel_transform_label (ElmanParamsPanel *self,
                                    ElmanTransform    transform)
{
  GListModel *model = adw_combo_row_get_model (self->transform_row);
  guint position = elman_params_enum_position (ELMAN_TYPE_TRANSFORM, transform);

  if (GTK_IS_STRING_LIST (model) && position < g_list_model_get_n_items (model))
    return gtk_string_list_get_string (GTK_STRING_LIST (model), position);
  return elman_transform_to_string (transform);
}

/* With Find Settings Automatically, the rows the search sets are greyed:
 * their subtitles say what it chose (the spin buttons keep the user's
 * values for when the search is turned off). */
static void
update_searched_rows (ElmanParamsPanel  *self,
                      const ElmanConfig *config)
{
  struct { AdwActionRow *row; const char *normal; } rows[] = {
    { self->window_row, _("Past values per prediction") },
    { self->hidden_row, _("Size of the memory") },
    { self->rate_row, _("Arrows step ×10 and ÷10") },
    { ADW_ACTION_ROW (self->transform_row), NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *subtitle = NULL;

      if (!self->auto_search)
        {
          row_set_subtitle (rows[i].row, rows[i].normal);
          continue;
        }
      if (!self->has_chosen)
        {
          row_set_subtitle (rows[i].row, _("Set by the search when you train"));
          continue;
        }
      if (i == 0)
        value = g_strdup_printf ("%u", self->chosen.window);
      else if (i == 1)
        value = g_strdup_printf ("%u", self->chosen.hidden);
      else if (i == 2)
        value = elman_app_format_learning_rate (self->chosen.learning_rate);
      else
        value = g_strdup_printf ("“%s”", elman_params_panel_transform_label (self, self->chosen.transform));
      /* Translators: the value the automatic search chose for a greyed row, e.g. "The search chose 24" */
      subtitle = g_strdup_printf (_("The search chose %s"), value);
      row_set_subtitle (rows[i].row, subtitle);
    }

  /* With automatic settings, R counts networks per setting. */
  if (self->auto_search && config->ensemble <= 1)
    {
      /* Translators: %u is how many networks the search trains for each setting by default */
      g_autofree char *subtitle = g_strdup_printf (_("Networks for each of the best settings. "
                                                     "At 1, the search trains %u of each"), ELMAN_AUTO_SEEDS);
      row_set_subtitle (self->ensemble_row, subtitle);
    }
  else
    row_set_subtitle (self->ensemble_row, self->auto_search ? _("Networks for each of the best settings")
                                                            : _("Networks from different seeds, averaged"));
}

/**
 * elman_params_panel_show_state:
 * @config: the parameters as the settings hold them
 * @problem: (nullable): why they cannot train
 * @modified: whether they differ from the preset's
 */
void
elman_params_panel_show_state (ElmanParamsPanel  *self,
                               const ElmanConfig *config,
                               const char        *problem,
                               gboolean           modified)
{
  g_return_if_fail (ELMAN_IS_PARAMS_PANEL (self));

  gtk_label_set_text (self->param_error_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->param_error_label), problem != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), modified ? _("Modified") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reset_preset_button), modified);
  self->auto_search = self->settings && g_settings_get_boolean (self->settings, "auto-search");
  update_searched_rows (self, config);
}

/**
 * elman_params_panel_show_search:
 * @chosen: (nullable): the settings the last automatic search chose
 */
void
elman_params_panel_show_search (ElmanParamsPanel  *self,
                                const ElmanConfig *chosen)
{
  ElmanConfig config;

  g_return_if_fail (ELMAN_IS_PARAMS_PANEL (self));

  self->has_chosen = chosen != NULL;
  if (chosen != NULL)
    self->chosen = *chosen;
  if (self->settings == NULL)
    return;
  elman_settings_read_config (self->settings, &config);
  update_searched_rows (self, &config);
}

/**
 * elman_params_panel_commit_text:
 *
 * Takes what is typed into a spin button (Ctrl+Return while typing: that
 * value counts).
 */
void
elman_params_panel_commit_text (ElmanParamsPanel *self)
{
  g_return_if_fail (ELMAN_IS_PARAMS_PANEL (self));

  for (guint i = 0; i < self->spins->len; i++)
    gtk_spin_button_update (g_ptr_array_index (self->spins, i));
}

/**
 * elman_params_panel_set_editable:
 *
 * Makes the rows insensitive (while training) or sensitive again; the
 * sidebar still scrolls.
 */
void
elman_params_panel_set_editable (ElmanParamsPanel *self,
                                 gboolean          editable)
{
  g_return_if_fail (ELMAN_IS_PARAMS_PANEL (self));

  gtk_widget_set_sensitive (self->params_box, editable);
}

GtkScrolledWindow *
elman_params_panel_get_scroller (ElmanParamsPanel *self)
{
  g_return_val_if_fail (ELMAN_IS_PARAMS_PANEL (self), NULL);

  return self->params_scroller;
}

static void
on_reset_preset_clicked (ElmanParamsPanel *self)
{
  elman_settings_write_preset ((ElmanPreset) g_settings_get_enum (self->settings, "preset"));
}

static void
on_preset_changed (GSettings  *settings,
                   const char *key)
{
  elman_settings_write_preset ((ElmanPreset) g_settings_get_enum (settings, "preset"));
}

/**
 * elman_params_panel_set_settings:
 *
 * Binds every row to its key of @settings (once).
 */
void
elman_params_panel_set_settings (ElmanParamsPanel *self,
                                 GSettings        *settings)
{
  g_return_if_fail (ELMAN_IS_PARAMS_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  elman_params_panel_bind_settings (self, settings, self->spins);
  on_rate_output (self->rate_spin);
  self->preset_handler = g_signal_connect (settings, "changed::preset", G_CALLBACK (on_preset_changed), NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
elman_params_panel_dispose (GObject *object)
{
  ElmanParamsPanel *self = ELMAN_PARAMS_PANEL (object);

  if (self->settings != NULL)
    g_clear_signal_handler (&self->preset_handler, self->settings);
  g_clear_object (&self->settings);
  /* AdwBin unparents its child itself: the template must not as well. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ELMAN_TYPE_PARAMS_PANEL);

  G_OBJECT_CLASS (elman_params_panel_parent_class)->dispose (object);
}

static void
elman_params_panel_finalize (GObject *object)
{
  ElmanParamsPanel *self = ELMAN_PARAMS_PANEL (object);

  g_clear_pointer (&self->column_indices, g_array_unref);
  g_clear_pointer (&self->spins, g_ptr_array_unref);

  G_OBJECT_CLASS (elman_params_panel_parent_class)->finalize (object);
}

static void
elman_params_panel_class_init (ElmanParamsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = elman_params_panel_dispose;
  object_class->finalize = elman_params_panel_finalize;

  /**
   * ElmanParamsPanel::column-selected:
   * @column: the file's column (0-based) the user picked
   */
  signals[SIGNAL_COLUMN_SELECTED] = g_signal_new ("column-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * ElmanParamsPanel::toast:
   * @message: something the user should know (a clamped value)
   */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/elman/Elman/elman-params-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ElmanParamsPanel, name)
  BIND (params_scroller);
  BIND (params_box);
  BIND (file_row);
  BIND (column_row);
  BIND (preset_row);
  BIND (auto_switch);
  BIND (window_row);
  BIND (hidden_row);
  BIND (rate_row);
  BIND (ensemble_row);
  BIND (init_row);
  BIND (gradient_row);
  BIND (loss_row);
  BIND (optimizer_row);
  BIND (normalize_row);
  BIND (transform_row);
  BIND (bias_switch);
  BIND (window_spin);
  BIND (horizon_spin);
  BIND (hidden_spin);
  BIND (rate_spin);
  BIND (epochs_spin);
  BIND (seed_spin);
  BIND (test_spin);
  BIND (ensemble_spin);
  BIND (window_scale);
  BIND (horizon_scale);
  BIND (hidden_scale);
  BIND (rate_scale);
  BIND (epochs_scale);
  BIND (param_error_label);
#undef BIND
}

/* The slider beside a spin button covers the values people try (the
 * spin button takes the whole range): its own adjustment, bound both ways
 * to the spin button's, so both move the same setting. A value beyond
 * the slider's end leaves the slider at that end. */
static void
attach_slider (GtkSpinButton *spin,
               GtkScale      *scale,
               double         lower,
               double         upper)
{
  GtkAdjustment *exact = gtk_spin_button_get_adjustment (spin);
  GtkAdjustment *slider;

  lower = MAX (lower, gtk_adjustment_get_lower (exact));
  upper = MIN (upper, gtk_adjustment_get_upper (exact));
  slider = gtk_adjustment_new (CLAMP (gtk_adjustment_get_value (exact), lower, upper), lower, upper,
                               gtk_adjustment_get_step_increment (exact),
                               gtk_adjustment_get_page_increment (exact), 0);
  gtk_range_set_adjustment (GTK_RANGE (scale), slider);
  gtk_range_set_round_digits (GTK_RANGE (scale), gtk_spin_button_get_digits (spin));
  g_object_bind_property (exact, "value", slider, "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* The spin buttons and sliders: each spin button's parameter, and the
 * slider that goes with it (its range in the spin button's units: log10
 * for the learning rate). */
static void
setup_controls (ElmanParamsPanel *self)
{
  struct { GtkSpinButton *spin; ElmanParam param; GtkScale *scale; double lower, upper; } controls[] = {
    { self->window_spin, ELMAN_PARAM_WINDOW, self->window_scale, 1, 120 },
    { self->horizon_spin, ELMAN_PARAM_HORIZON, self->horizon_scale, 1, 48 },
    { self->hidden_spin, ELMAN_PARAM_HIDDEN, self->hidden_scale, 1, 128 },
    { self->rate_spin, ELMAN_PARAM_LEARNING_RATE, self->rate_scale, -6, 0 },
    { self->epochs_spin, ELMAN_PARAM_EPOCHS, self->epochs_scale, 100, 20000 },
    { self->seed_spin, ELMAN_PARAM_SEED, NULL, 0, 0 },
    { self->test_spin, ELMAN_PARAM_TEST_FRACTION, NULL, 0, 0 },
    { self->ensemble_spin, ELMAN_PARAM_ENSEMBLE, NULL, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkSpinButton *spin = controls[i].spin;
      AdwActionRow *row = spin_row (spin);

      g_object_set_data (G_OBJECT (spin), "elman-param", GUINT_TO_POINTER (controls[i].param));
      g_ptr_array_add (self->spins, spin);
      g_object_set_data_full (G_OBJECT (row), NORMAL_SUBTITLE, g_strdup (adw_action_row_get_subtitle (row)), g_free);
      /* Invalid text never reaches the setting: the spin button keeps
       * its value (on_spin_input() says why). */
      gtk_spin_button_set_update_policy (spin, GTK_UPDATE_IF_VALID);
      g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), self);
      elman_params_configure_spin (spin, controls[i].param);
      guard_scroll (self, GTK_WIDGET (spin));
      if (controls[i].scale != NULL)
        {
          attach_slider (spin, controls[i].scale, controls[i].lower, controls[i].upper);
          guard_scroll (self, GTK_WIDGET (controls[i].scale));
        }
    }
  g_signal_connect (self->rate_spin, "output", G_CALLBACK (on_rate_output), NULL);
}

static void
elman_params_panel_init (ElmanParamsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_indices = g_array_new (FALSE, FALSE, sizeof (guint));
  self->spins = g_ptr_array_new ();

  setup_controls (self);
  g_signal_connect_swapped (self->column_row, "notify::selected", G_CALLBACK (on_column_selected), self);

  /* Restores the preset's values once the user changed some. */
  self->reset_preset_button = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-undo-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->reset_preset_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->reset_preset_button), "flat");
  gtk_widget_set_visible (GTK_WIDGET (self->reset_preset_button), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reset_preset_button), _("Restore the Preset’s Values"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_preset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Restore the Preset’s Values"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->preset_row), GTK_WIDGET (self->reset_preset_button));
  g_signal_connect_swapped (self->reset_preset_button, "clicked", G_CALLBACK (on_reset_preset_clicked), self);
}
