/* test-random.c: the bootstrap's random numbers: the published algorithms, the same
 * numbers from the same seed, and whole numbers below a bound without bias
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-random"

#include "config.h"

#include "jury-random.h"

#define N_DRAWS 200000

/* Worked out by a separate implementation of splitmix64, xoshiro256** and Lemire's
 * method (in Python, from the papers' reference code). The first state word from
 * seed 0 is splitmix64's well-known first output, 0xe220a8397b1dcdaf. */
static void
test_reference (void)
{
  static const guint64 from_default_seed[] = {
    G_GUINT64_CONSTANT (0x786f6361a777bc3c), G_GUINT64_CONSTANT (0xa97c536db2eff2b3),
    G_GUINT64_CONSTANT (0x1586c815d6b5b5f4), G_GUINT64_CONSTANT (0x33f5f79d8393d989),
  };
  static const guint64 from_zero[] = {
    G_GUINT64_CONSTANT (0x99ec5f36cb75f2b4), G_GUINT64_CONSTANT (0xbf6e1f784956452a),
  };
  static const guint32 below_49[] = { 23, 32, 32, 34, 4, 41, 9, 25, 22, 24, 43, 12 };
  /* A bound that rejects almost a third of the draws. */
  static const guint32 below_3e9[] = {
    2101729446, 925481978, 929085162, 1748129651, 2943293174, 357442304, 2618321815, 1756912766,
  };
  JuryRandom random;

  jury_random_init (&random, 0);
  g_assert_cmphex (random.state[0], ==, G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));
  for (guint i = 0; i < G_N_ELEMENTS (from_zero); i++)
    g_assert_cmphex (jury_random_next64 (&random), ==, from_zero[i]);

  jury_random_init (&random, 20251122);
  for (guint i = 0; i < G_N_ELEMENTS (from_default_seed); i++)
    g_assert_cmphex (jury_random_next64 (&random), ==, from_default_seed[i]);

  jury_random_init (&random, 20251122);
  for (guint i = 0; i < G_N_ELEMENTS (below_49); i++)
    g_assert_cmpuint (jury_random_below (&random, 49), ==, below_49[i]);

  jury_random_init (&random, 7);
  for (guint i = 0; i < G_N_ELEMENTS (below_3e9); i++)
    g_assert_cmpuint (jury_random_below (&random, 3000000000u), ==, below_3e9[i]);
}

static void
test_deterministic (void)
{
  JuryRandom a, b, other;
  guint differ = 0;

  jury_random_init (&a, 42);
  jury_random_init (&b, 42);
  jury_random_init (&other, 43);
  for (guint i = 0; i < N_DRAWS; i++)
    {
      guint32 bound = 1 + i % 1000;
      guint32 x = jury_random_below (&a, bound);

      g_assert_cmpuint (x, ==, jury_random_below (&b, bound));
      differ += x != jury_random_below (&other, bound);
    }

  /* Another seed, other numbers: equal by chance about once per bound. */
  g_assert_cmpuint (differ, >, N_DRAWS * 9 / 10);
}

static void
test_range (void)
{
  static const guint32 bounds[] = { 1, 2, 3, 7, 49, 1000, 65537, 1u << 31, 3000000000u, G_MAXUINT32 };
  JuryRandom random;

  jury_random_init (&random, 1);
  for (guint b = 0; b < G_N_ELEMENTS (bounds); b++)
    {
      guint32 largest = 0;

      for (guint i = 0; i < N_DRAWS; i++)
        {
          guint32 x = jury_random_below (&random, bounds[b]);

          largest = MAX (largest, x);
        }

      g_assert_cmpuint (largest, <, bounds[b]);
      /* The top of the range is reached too (nearly, for the large bounds). */
      g_assert_cmpuint (largest, >=, bounds[b] - 1 - bounds[b] / 1000);
    }
}

/* Every value of a small bound equally often (a chi-square test with 9 degrees of
 * freedom, failing by chance once in a million runs); and for a bound of 3·10⁹,
 * where taking 32 bits modulo the bound would draw the numbers below 2³² − 3·10⁹
 * twice as often, the lower half of the range half of the time. */
static void
test_uniform (void)
{
  guint counts[10] = { 0 };
  double chi_square = 0;
  guint lower = 0;
  JuryRandom random;

  jury_random_init (&random, 20251122);
  for (guint i = 0; i < N_DRAWS; i++)
    counts[jury_random_below (&random, 10)]++;
  for (guint v = 0; v < 10; v++)
    {
      double expected = N_DRAWS / 10.0;

      chi_square += (counts[v] - expected) * (counts[v] - expected) / expected;
    }
  g_assert_cmpfloat (chi_square, <, 37.0);

  for (guint i = 0; i < N_DRAWS; i++)
    lower += jury_random_below (&random, 3000000000u) < 1500000000u;
  /* The share's sd is 0.0011 here; a modulo bias would give 0.65. */
  g_assert_cmpfloat_with_epsilon ((double) lower / N_DRAWS, 0.5, 0.006);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/random/reference", test_reference);
  g_test_add_func ("/random/deterministic", test_deterministic);
  g_test_add_func ("/random/range", test_range);
  g_test_add_func ("/random/uniform", test_uniform);

  return g_test_run ();
}
