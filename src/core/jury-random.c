/* jury-random.c: seeding the random number generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-random"

#include "config.h"

#include "jury-random.h"

/* splitmix64 (Steele, Lea and Flood, 2014): every seed, 0 included, spreads into a
 * state of well-mixed bits that is never all zero. */
static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
jury_random_init (JuryRandom *random,
                  guint64     seed)
{
  g_return_if_fail (random != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (random->state); i++)
    random->state[i] = splitmix64 (&seed);
  random->spare = 0;
  random->has_spare = FALSE;
}
