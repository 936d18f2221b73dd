/* elman-plot-heatmap.h — matrices drawn as coloured cells
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The diverging scale used for weights and hidden states: blue for
 * negative, near-white at 0, red for positive (ColorBrewer's RdBu end
 * points, readable with the common forms of colour blindness). @value is
 * clamped to [−@limit, @limit]; a non-finite value is grey. */
void   elman_plot_diverging_color (double        value,
                                   double        limit,
                                   double        rgb[3]);

/* The sequential scale for values in [0, 1] (hidden states σ(·)): dark
 * blue at 0, light yellow at 1. */
void   elman_plot_sequential_color (double       value,
                                    double       rgb[3]);

/* An opaque pixel of an image surface (CAIRO_FORMAT_RGB24 or ARGB32). */
guint32 elman_plot_pack_rgb       (const double  rgb[3]);

/* The largest |m[i]| of a matrix, or 1 when all are 0 or none is finite:
 * the symmetric limit of its scale, so that 0 is always the middle. */
double elman_plot_heatmap_limit   (const double *m,
                                   gsize         n);

/* Draws @rows × @cols (row-major, @stride values between rows) into the
 * rectangle (@x, @y, @width, @height): row 0 at the top. A matrix larger
 * than the rectangle in pixels is decimated: each drawn cell is the mean
 * of the block of entries it covers, so J = 1024 costs one pass over the
 * matrix and one image of at most the rectangle's size. With @limit ≤ 0
 * the values are taken as lying in [0, 1] (sequential scale). */
void   elman_plot_draw_heatmap    (cairo_t      *cr,
                                   const double *m,
                                   gsize         rows,
                                   gsize         cols,
                                   gsize         stride,
                                   double        x,
                                   double        y,
                                   double        width,
                                   double        height,
                                   double        limit);

G_END_DECLS
