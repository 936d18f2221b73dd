/* elman-model.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-config.h"

G_BEGIN_DECLS

#define ELMAN_MODEL_ERROR (elman_model_error_quark ())

typedef enum
{
  ELMAN_MODEL_ERROR_IO,
  ELMAN_MODEL_ERROR_PARSE,
  ELMAN_MODEL_ERROR_FORMAT,
  ELMAN_MODEL_ERROR_SHAPE,
  ELMAN_MODEL_ERROR_NOT_FINITE,
  ELMAN_MODEL_ERROR_TOO_SHORT,
} ElmanModelError;

/**
 * ElmanModel:
 *
 * The recurrent network of the derivation, with the data pipeline that
 * feeds it:
 *
 *   h^t = σ(W h^{t−1} + U x^t + b),   ŷ^t = V h^t + c
 *
 * W is J×J, U is J×T, V is K×J, all row-major; b (J) and c (K) are %NULL
 * when the model has no biases. x^t and ŷ^t live in the network's units:
 * the series after @transform and then (v − offset) / scale.
 */
typedef struct
{
  guint           window;     /* T */
  guint           horizon;    /* K */
  guint           hidden;     /* J */
  double         *W;
  double         *U;
  double         *V;
  double         *b;
  double         *c;

  ElmanNormalize  normalize;
  double          offset;
  double          scale;
  ElmanTransform  transform;  /* never AUTO in a model */
  guint           season;     /* m, for ELMAN_TRANSFORM_SEASONAL_DIFF */
} ElmanModel;

GQuark      elman_model_error_quark  (void);

ElmanModel *elman_model_new          (guint              window,
                                      guint              horizon,
                                      guint              hidden,
                                      gboolean           bias);
ElmanModel *elman_model_copy         (const ElmanModel  *model);
void        elman_model_free         (ElmanModel        *model);
gboolean    elman_model_has_bias     (const ElmanModel  *model);
gsize       elman_model_n_params     (const ElmanModel  *model);
GBytes     *elman_model_dup_params   (const ElmanModel  *model);
gboolean    elman_model_is_finite    (const ElmanModel  *model);
gboolean    elman_model_equal        (const ElmanModel  *a,
                                      const ElmanModel  *b);

/* Glorot/Xavier uniform, from a portable generator: the same seed gives
 * the same weights on every machine. Biases start at zero. */
void        elman_model_init_glorot  (ElmanModel        *model,
                                      guint64            seed);

/* Values needed before the first window: T for NONE and RELATIVE, T + 1
 * for DIFF, T + m for SEASONAL_DIFF. */
gsize       elman_model_min_history  (const ElmanModel  *model);

/* One-step (teacher-forced) predictions over values[0…n): the hidden state
 * runs over every window of the true series; out[i·K + k] (data units)
 * predicts values[first + i + k], i = 0…n_windows−1, where first is
 * elman_model_min_history(). Returns n_windows (n − first − K + 1 clamped
 * at 0; windows whose targets run past the end are still predicted when
 * @include_tail, giving n − first + 1 windows). */
gsize       elman_model_predict      (const ElmanModel  *model,
                                      const double      *values,
                                      gsize              n,
                                      gboolean           include_tail,
                                      double            *out);

/* The hidden states h^t of every window of values[0…n) (the teacher-forced
 * run of elman_model_predict() with @include_tail): states[w·J + j] is unit
 * j after window w, whose last input is values[first − 1 + w], first =
 * elman_model_min_history(). Returns the number of states, n − first + 1
 * (0 when n < first); @states holds that many rows of J. */
gsize       elman_model_hidden_states (const ElmanModel *model,
                                       const double     *values,
                                       gsize             n,
                                       double           *states);

/* Forecast @steps values after values[0…n): the hidden state runs over the
 * true history, then the model forecasts K at a time, feeding its own
 * forecasts back in when @steps > K. */
gboolean    elman_model_forecast     (const ElmanModel  *model,
                                      const double      *values,
                                      gsize              n,
                                      gsize              steps,
                                      double            *out,
                                      GError           **error);

/* Model files (elman-model-file.c): JSON written and read with json-glib. */
gboolean    elman_model_save         (const ElmanModel  *model,
                                      const char        *path,
                                      GError           **error);
char       *elman_model_to_json      (const ElmanModel  *model,
                                      gsize             *length);
ElmanModel *elman_model_load         (const char        *path,
                                      GError           **error);
ElmanModel *elman_model_load_from_data (const char      *data,
                                        gssize           length,
                                        GError         **error);

/**
 * ElmanTrainingRange:
 * @n_values: values the networks were trained on (0: unknown)
 * @min: their smallest value
 * @max: their largest value
 * @mean: their mean
 * @sd: their standard deviation
 *
 * What a model file remembers of the series it was trained on, so that
 * a forecast of another series can say when it is far from that.
 */
typedef struct
{
  gsize   n_values;
  double  min;
  double  max;
  double  mean;
  double  sd;
} ElmanTrainingRange;

void        elman_training_range_measure (ElmanTrainingRange       *range,
                                          const double             *values,
                                          gsize                     n);
char       *elman_training_range_check   (const ElmanTrainingRange *range,
                                          const double             *values,
                                          gsize                     n);

/* Several networks in one file, the mean of whose forecasts is the
 * forecast: "format":"elman-ensemble" with a "members" array of model
 * objects, or one network in the single-model format. */
gboolean    elman_models_save            (ElmanModel * const       *models,
                                          guint                     n_models,
                                          const ElmanTrainingRange *range,
                                          const char               *path,
                                          GError                  **error);
char       *elman_models_to_json         (ElmanModel * const       *models,
                                          guint                     n_models,
                                          const ElmanTrainingRange *range,
                                          gsize                    *length);
GPtrArray  *elman_models_load            (const char               *path,
                                          ElmanTrainingRange       *range,
                                          GError                  **error);
GPtrArray  *elman_models_load_from_data  (const char               *data,
                                          gssize                    length,
                                          ElmanTrainingRange       *range,
                                          GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElmanModel, elman_model_free)

G_END_DECLS
