/* elman-rng.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro256** seeded through splitmix64 (Blackman and Vigna): integer
 * arithmetic only, so the same seed gives the same numbers everywhere,
 * unlike GRand's dependence on nothing portable being promised. */
typedef struct
{
  guint64 s[4];
} ElmanRng;

static inline guint64
elman_rng_splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
elman_rng_init (ElmanRng *rng,
                guint64   seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = elman_rng_splitmix64 (&seed);
}

static inline guint64
elman_rng_rotl (guint64 x,
                int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
elman_rng_next (ElmanRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = elman_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = elman_rng_rotl (s[3], 45);

  return result;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double
elman_rng_next_double (ElmanRng *rng)
{
  return (double) (elman_rng_next (rng) >> 11) * 0x1.0p-53;
}

G_END_DECLS
