/* jury-random.h: a seeded random number generator, fast enough for the bootstrap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xoshiro256** (Blackman and Vigna, 2018), its state filled from the seed by
 * splitmix64. A whole number below a bound comes from Lemire's multiply-and-reject
 * (2019): no modulo bias, and rarely a second draw. The same seed gives the same
 * numbers on every machine, and the functions are inline because the bootstrap draws
 * hundreds of millions of them.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64  state[4];
  guint32  spare;        /* the low half of the last 64 bits, not yet used */
  gboolean has_spare;
} JuryRandom;

void     jury_random_init        (JuryRandom *random,
                                  guint64     seed);

static inline guint64
jury_random_rotl (guint64 x,
                  int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* 64 random bits. */
static inline guint64
jury_random_next64 (JuryRandom *random)
{
  guint64 *s = random->state;
  guint64 result = jury_random_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = jury_random_rotl (s[3], 45);

  return result;
}

/* 32 random bits: the high half of 64, then the low half (every bit of xoshiro256**
 * is as good as the others). */
static inline guint32
jury_random_next32 (JuryRandom *random)
{
  guint64 bits;

  if (random->has_spare)
    {
      random->has_spare = FALSE;
      return random->spare;
    }

  bits = jury_random_next64 (random);
  random->spare = (guint32) bits;
  random->has_spare = TRUE;
  return (guint32) (bits >> 32);
}

/* A whole number in [0, BOUND), each equally likely; BOUND > 0. The 64-bit product
 * of 32 random bits and BOUND has its high half in [0, BOUND); the low half tells
 * the few products that would make some results likelier than others, and those
 * are drawn again. */
static inline guint32
jury_random_below (JuryRandom *random,
                   guint32     bound)
{
  guint64 product = (guint64) jury_random_next32 (random) * bound;
  guint32 low = (guint32) product;

  g_assert (bound > 0);

  if (G_UNLIKELY (low < bound))
    {
      /* 2³² mod BOUND: the products below it are the surplus. */
      guint32 threshold = (guint32) -bound % bound;

      while (low < threshold)
        {
          product = (guint64) jury_random_next32 (random) * bound;
          low = (guint32) product;
        }
    }

  return (guint32) (product >> 32);
}

G_END_DECLS
