/* elman-config.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ELMAN_CONFIG_ERROR (elman_config_error_quark ())

typedef enum
{
  ELMAN_CONFIG_ERROR_INVALID,
  ELMAN_CONFIG_ERROR_TOO_SHORT,
} ElmanConfigError;

/* The enums below are registered as GTypes (elman-enum-types.h, made by
 * glib-mkenums): their nicks are the names the CLI, the model file, the
 * GSettings schema and the app's rows use, and the declaration order is
 * the order the app lists them in. */
typedef enum
{
  ELMAN_PRESET_RECOMMENDED,
  ELMAN_PRESET_SEED,
} ElmanPreset;

typedef enum
{
  ELMAN_INIT_ZEROS,
  ELMAN_INIT_GLOROT,
} ElmanInit;

typedef enum
{
  ELMAN_GRADIENT_TRUNCATED,
  ELMAN_GRADIENT_BPTT,
} ElmanGradient;

typedef enum
{
  ELMAN_LOSS_SUM,
  ELMAN_LOSS_MEAN,
} ElmanLoss;

typedef enum
{
  ELMAN_OPTIMIZER_SGD,
  ELMAN_OPTIMIZER_ADAM,
} ElmanOptimizer;

typedef enum
{
  ELMAN_NORMALIZE_NONE,
  ELMAN_NORMALIZE_ZSCORE,
  ELMAN_NORMALIZE_MINMAX,
} ElmanNormalize;

/* How the series is turned into the network's inputs and targets
 * (inverted exactly for predictions); AUTO lets the data decide. The
 * values are those stored in settings (RELATIVE_MEAN came after AUTO). */
typedef enum
{
  ELMAN_TRANSFORM_NONE = 0,
  ELMAN_TRANSFORM_DIFF = 1,            /* z_t = x_t − x_{t−1} */
  ELMAN_TRANSFORM_SEASONAL_DIFF = 2,   /* z_t = x_t − x_{t−m} */
  ELMAN_TRANSFORM_RELATIVE = 3,        /* window relative to its last value */
  ELMAN_TRANSFORM_RELATIVE_MEAN = 5,   /* window relative to its mean */
  ELMAN_TRANSFORM_AUTO = 4,
} ElmanTransform;

/**
 * ElmanConfig:
 *
 * Everything that defines a training run. Plain data: copy it by value.
 * Fill it with elman_config_init() (a preset), then override fields.
 */
typedef struct
{
  guint          window;          /* T */
  guint          horizon;         /* K */
  guint          hidden;          /* J */
  double         learning_rate;   /* ε */
  guint          epochs;          /* N */

  ElmanInit      init;
  ElmanGradient  gradient;
  ElmanLoss      loss;
  ElmanOptimizer optimizer;
  gboolean       bias;
  ElmanNormalize normalize;
  ElmanTransform transform;
  guint          season;          /* m for seasonal differencing and MASE; 0 = detect */
  guint64        seed;

  double         test_fraction;   /* 0 = train on everything */
  double         valid_fraction;  /* of the training part, for early stopping; 0 = none */
  guint          patience;        /* epochs without validation improvement; 0 = off */
  double         clip;            /* gradient-norm clip; 0 = off */
  guint          ensemble;        /* R networks from seeds seed…seed+R−1 */
  guint          threads;         /* 0 = decide */
} ElmanConfig;

GQuark      elman_config_error_quark  (void);

void        elman_config_init         (ElmanConfig        *config,
                                       ElmanPreset         preset);
gboolean    elman_config_validate     (const ElmanConfig  *config,
                                       gsize               n_values,
                                       GError            **error);

/* Chronological split: n_test = max(⌈F·n⌉, 2K) when F > 0. */
void        elman_config_split        (const ElmanConfig  *config,
                                       gsize               n_values,
                                       gsize              *n_train,
                                       gsize              *n_valid);

/* Enum ↔ the CLI's and the model file's names. _from_string returns FALSE
 * for an unknown name and leaves *value alone. */
const char *elman_preset_to_string    (ElmanPreset        value);
gboolean    elman_preset_from_string  (const char        *name,
                                       ElmanPreset       *value);
const char *elman_init_to_string      (ElmanInit          value);
gboolean    elman_init_from_string    (const char        *name,
                                       ElmanInit         *value);
const char *elman_gradient_to_string  (ElmanGradient      value);
gboolean    elman_gradient_from_string (const char       *name,
                                        ElmanGradient    *value);
const char *elman_loss_to_string      (ElmanLoss          value);
gboolean    elman_loss_from_string    (const char        *name,
                                       ElmanLoss         *value);
const char *elman_optimizer_to_string (ElmanOptimizer     value);
gboolean    elman_optimizer_from_string (const char      *name,
                                         ElmanOptimizer  *value);
const char *elman_normalize_to_string (ElmanNormalize     value);
gboolean    elman_normalize_from_string (const char      *name,
                                         ElmanNormalize  *value);
const char *elman_transform_to_string (ElmanTransform     value);
gboolean    elman_transform_from_string (const char      *name,
                                         ElmanTransform  *value);

G_END_DECLS
