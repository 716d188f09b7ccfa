/* test-stats.c: the statistics of a panel against values worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include "jury-stats.h"

#define EPSILON 1e-9
#define NONE    JURY_NO_SCORE

#define assert_close(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), EPSILON)

/* Panel A: scale 1–5, two criteria weighted 2 and 1 (Σw = 3), so a review (a, b)
 * totals (2a + b) / 3. The submissions are listed out of id order so that a tie
 * shows its order by id.
 *
 *              steady           varied             single
 *   delta      4,4 → 4          5,5 → 5            conflict
 *   charlie    4,4 → 4          4,2 → 10/3         –,4 started
 *   alpha      4,4 → 4          3,3 → 3            5,2 → 4
 *   bravo      4,4 → 4          2,2 → 2            –,– open
 *   echo       5,5 but conflict 3,– started        –,– open
 *
 * In weighted sums (3 × total): delta 12, 15; charlie 12, 10; alpha 12, 9, 12;
 * bravo 12, 6; echo none. */
enum { DELTA, CHARLIE, ALPHA, BRAVO, ECHO, N_SUBMISSIONS_A };
enum { STEADY, VARIED, SINGLE, N_JURORS_A };

static const char *panel_a_ids[] = { "delta", "charlie", "alpha", "bravo", "echo" };
static const double panel_a_weights[] = { 2, 1 };
static const int panel_a_scores[] = {
  4, 4,     5, 5,     NONE, NONE,
  4, 4,     4, 2,     NONE, 4,
  4, 4,     3, 3,     5, 2,
  4, 4,     2, 2,     NONE, NONE,
  5, 5,     3, NONE,  NONE, NONE,
};
static const gboolean panel_a_conflicts[] = {
  FALSE, FALSE, TRUE,
  FALSE, FALSE, FALSE,
  FALSE, FALSE, FALSE,
  FALSE, FALSE, FALSE,
  TRUE,  FALSE, FALSE,
};

static void
panel_a_input (JuryStatsInput *input)
{
  memset (input, 0, sizeof *input);
  jury_stats_input_init (input);
  input->n_criteria = 2;
  input->weights = panel_a_weights;
  input->scale_min = 1;
  input->scale_max = 5;
  input->n_jurors = N_JURORS_A;
  input->n_submissions = N_SUBMISSIONS_A;
  input->submission_ids = panel_a_ids;
  input->n_awards = 1;
  input->scores = panel_a_scores;
  input->conflicts = panel_a_conflicts;
}

static JuryStats *
compute_panel_a (gboolean normalize)
{
  JuryStatsInput input;

  panel_a_input (&input);
  input.normalize = normalize;

  return jury_stats_compute (&input);
}

/* A panel with one criterion of weight 1 and one juror per column: SCORES holds
 * n_submissions × n_jurors scores, no conflicts. */
typedef struct
{
  JuryStatsInput  input;
  double          weight;
  gboolean       *conflicts;
} SimplePanel;

static void
simple_panel_init (SimplePanel  *panel,
                   const char  **ids,
                   guint         n_submissions,
                   guint         n_jurors,
                   const int    *scores,
                   int           scale_max)
{
  memset (panel, 0, sizeof *panel);
  jury_stats_input_init (&panel->input);
  panel->weight = 1;
  panel->conflicts = g_new0 (gboolean, n_submissions * n_jurors + 1);
  panel->input.n_criteria = 1;
  panel->input.weights = &panel->weight;
  panel->input.scale_min = 1;
  panel->input.scale_max = scale_max;
  panel->input.n_jurors = n_jurors;
  panel->input.n_submissions = n_submissions;
  panel->input.submission_ids = ids;
  panel->input.n_awards = 1;
  panel->input.scores = scores;
  panel->input.conflicts = panel->conflicts;
}

static void
simple_panel_clear (SimplePanel *panel)
{
  g_clear_pointer (&panel->conflicts, g_free);
}

static void
test_defaults (void)
{
  JuryStatsInput input;

  memset (&input, 0, sizeof input);
  jury_stats_input_init (&input);

  g_assert_cmpfloat (input.disagreement, ==, 0.2);
  g_assert_cmpuint (input.bootstrap, ==, 1000);
  g_assert_cmpuint (input.seed, ==, JURY_STATS_DEFAULT_SEED);
}

static void
test_totals (void)
{
  g_autoptr(JuryStats) stats = compute_panel_a (FALSE);
  const double *t = stats->totals;

  g_assert_cmpuint (stats->n_submissions, ==, 5);
  g_assert_cmpuint (stats->n_jurors, ==, 3);
  g_assert_cmpuint (stats->n_criteria, ==, 2);

  /* (2·4 + 4) / 3 = 4, (2·5 + 5) / 3 = 5, (2·4 + 2) / 3 = 10/3, (2·5 + 2) / 3 = 4 */
  assert_close (t[DELTA * 3 + STEADY], 4);
  assert_close (t[DELTA * 3 + VARIED], 5);
  assert_close (t[CHARLIE * 3 + VARIED], 10.0 / 3);
  assert_close (t[ALPHA * 3 + VARIED], 3);
  assert_close (t[ALPHA * 3 + SINGLE], 4);
  assert_close (t[BRAVO * 3 + VARIED], 2);

  /* a conflict, a started review, an open one, and a conflict despite full scores */
  g_assert_true (isnan (t[DELTA * 3 + SINGLE]));
  g_assert_true (isnan (t[CHARLIE * 3 + SINGLE]));
  g_assert_true (isnan (t[BRAVO * 3 + SINGLE]));
  g_assert_true (isnan (t[ECHO * 3 + STEADY]));
  g_assert_true (isnan (t[ECHO * 3 + VARIED]));
}

static void
test_submissions (void)
{
  g_autoptr(JuryStats) stats = compute_panel_a (FALSE);
  static const struct {
    guint  s;
    guint  n;
    double mean, median, sd, min, max;
    gboolean disagreement;
  } cases[] = {
    /* delta 4, 5: mean 4.5; median of an even count = (4 + 5) / 2;
     * sd = √(((−½)² + (½)²) / 1) = √½ */
    { DELTA, 2, 4.5, 4.5, 0.70710678118654752, 4, 5, FALSE },
    /* charlie 4, 10/3: mean 22/6 = 11/3; sd = |4 − 10/3| / √2 = (2/3) / √2 = √2 / 3 */
    { CHARLIE, 2, 11.0 / 3, 11.0 / 3, 0.47140452079103168, 10.0 / 3, 4, FALSE },
    /* alpha 4, 3, 4: mean 11/3, median 4; in sums 12, 9, 12 around 11: 1 + 4 + 1 = 6,
     * sd = √(6 / 2) / 3 = √3 / 3 */
    { ALPHA, 3, 11.0 / 3, 4, 0.57735026918962576, 3, 4, FALSE },
    /* bravo 4, 2: mean 3, sd = 2 / √2 = √2 > 0.2 × (5 − 1) = 0.8: flagged */
    { BRAVO, 2, 3, 3, 1.41421356237309505, 2, 4, TRUE },
  };
  const JurySubmissionStats *echo = &stats->submissions[ECHO];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const JurySubmissionStats *sub = &stats->submissions[cases[i].s];

      g_test_message ("submission %s", panel_a_ids[cases[i].s]);
      g_assert_cmpuint (sub->n, ==, cases[i].n);
      assert_close (sub->mean, cases[i].mean);
      assert_close (sub->median, cases[i].median);
      assert_close (sub->sd, cases[i].sd);
      assert_close (sub->min, cases[i].min);
      assert_close (sub->max, cases[i].max);
      g_assert_cmpint (sub->disagreement, ==, cases[i].disagreement);
    }

  g_assert_cmpuint (echo->n, ==, 0);
  g_assert_true (isnan (echo->mean));
  g_assert_true (isnan (echo->median));
  g_assert_true (isnan (echo->sd));
  g_assert_true (isnan (echo->min));
  g_assert_true (isnan (echo->max));
  g_assert_true (isnan (echo->z));
  g_assert_true (isnan (echo->normalized));
  g_assert_true (isnan (echo->p_top));
  g_assert_false (echo->disagreement);
  g_assert_cmpuint (echo->rank, ==, 0);
}

static void
assert_order (const JuryStats   *stats,
              const char       **ids,
              const char *const *expected)
{
  for (guint k = 0; k < stats->n_submissions; k++)
    g_assert_cmpstr (ids[stats->order[k]], ==, expected[k]);
}

static void
test_ranking (void)
{
  g_autoptr(JuryStats) stats = compute_panel_a (FALSE);
  static const char *const order[] = { "delta", "alpha", "charlie", "bravo", "echo" };

  /* Means 4.5, 11/3, 11/3, 3: alpha (33 / 9) and charlie (22 / 6) tie although
   * their totals differ; competition ranking 1, 2, 2, 4 with alpha before charlie by
   * id; echo has no rank and comes last. */
  g_assert_cmpuint (stats->submissions[DELTA].rank, ==, 1);
  g_assert_cmpuint (stats->submissions[ALPHA].rank, ==, 2);
  g_assert_cmpuint (stats->submissions[CHARLIE].rank, ==, 2);
  g_assert_cmpuint (stats->submissions[BRAVO].rank, ==, 4);
  g_assert_cmpuint (stats->submissions[ECHO].rank, ==, 0);
  assert_order (stats, panel_a_ids, order);
}

/* Only "varied" gets z ≠ 0: "steady" has sd 0, "single" one complete review.
 * varied in sums 15, 10, 9, 6: mean 10, deviations 5, 0, −1, −4, squares 42,
 * sd = √(42 / 3) = √14; so z = 5/√14, 0, −1/√14, −4/√14.
 * Per submission: delta (0 + 5/√14) / 2, charlie 0, alpha (0 − 1/√14 + 0) / 3,
 * bravo (0 − 4/√14) / 2.
 * All nine complete sums 12 ×5, 15, 10, 9, 6: Σ = 100, Σ² = 5·144 + 225 + 100 + 81 + 36
 * = 1162, squares about the mean = 1162 − 100²/9 = 458/9, sample variance 458/72 =
 * 229/36; μ = 100/27, σ = √229 / 6 / 3 = √229 / 18. */
static void
test_normalized (void)
{
  g_autoptr(JuryStats) stats = compute_panel_a (TRUE);
  static const char *const order[] = { "delta", "charlie", "alpha", "bravo", "echo" };
  double mu = 100.0 / 27;
  double sigma = sqrt (229) / 18;
  double z_delta = 2.5 / sqrt (14);
  double z_alpha = -1 / (3 * sqrt (14));
  double z_bravo = -2 / sqrt (14);

  assert_close (stats->mu, mu);
  assert_close (stats->sigma, sigma);

  assert_close (stats->submissions[DELTA].z, z_delta);
  assert_close (stats->submissions[CHARLIE].z, 0);
  assert_close (stats->submissions[ALPHA].z, z_alpha);
  assert_close (stats->submissions[BRAVO].z, z_bravo);

  assert_close (stats->submissions[DELTA].normalized, mu + z_delta * sigma);
  assert_close (stats->submissions[CHARLIE].normalized, mu);
  assert_close (stats->submissions[ALPHA].normalized, mu + z_alpha * sigma);
  assert_close (stats->submissions[BRAVO].normalized, mu + z_bravo * sigma);

  /* By normalized the tie breaks: charlie (z 0) before alpha (z < 0). */
  g_assert_cmpuint (stats->submissions[DELTA].rank, ==, 1);
  g_assert_cmpuint (stats->submissions[CHARLIE].rank, ==, 2);
  g_assert_cmpuint (stats->submissions[ALPHA].rank, ==, 3);
  g_assert_cmpuint (stats->submissions[BRAVO].rank, ==, 4);
  g_assert_cmpuint (stats->submissions[ECHO].rank, ==, 0);
  assert_order (stats, panel_a_ids, order);

  /* The mean stays what it is. */
  assert_close (stats->submissions[ALPHA].mean, 11.0 / 3);
}

/* A Latin square: every juror gives 1, 2 and 5, each to another submission, so every
 * submission has the z-scores of 1, 2 and 5 from different jurors. The normalised
 * values must tie exactly, whatever order rounding would sum them in. */
static void
test_normalized_ties (void)
{
  static const char *ids[] = { "a", "b", "c" };
  static const char *const order[] = { "a", "b", "c" };
  static const int scores[] = {
    1, 2, 5,
    2, 5, 1,
    5, 1, 2,
  };
  g_autoptr(JuryStats) stats = NULL;
  SimplePanel panel;

  simple_panel_init (&panel, ids, 3, 3, scores, 5);
  panel.input.normalize = TRUE;
  stats = jury_stats_compute (&panel.input);

  for (guint s = 0; s < 3; s++)
    {
      g_assert_cmpuint (stats->submissions[s].rank, ==, 1);
      g_assert_cmpfloat (stats->submissions[s].normalized, ==, stats->submissions[0].normalized);
      g_assert_cmpfloat (stats->submissions[s].z, ==, stats->submissions[0].z);
    }
  assert_close (stats->submissions[0].normalized, 8.0 / 3);
  assert_order (stats, ids, order);
  simple_panel_clear (&panel);
}

static void
test_jurors (void)
{
  g_autoptr(JuryStats) stats = compute_panel_a (FALSE);
  const JuryJurorStats *steady = &stats->jurors[STEADY];
  const JuryJurorStats *varied = &stats->jurors[VARIED];
  const JuryJurorStats *single = &stats->jurors[SINGLE];

  g_assert_cmpuint (steady->n_complete, ==, 4);
  g_assert_cmpuint (steady->n_conflicts, ==, 1);
  g_assert_cmpuint (steady->n_incomplete, ==, 0);
  assert_close (steady->mean, 4);
  assert_close (steady->sd, 0);
  /* 4 against the means 4.5, 11/3, 11/3, 3: (−1/2 + 1/3 + 1/3 + 1) / 4 = (7/6) / 4 */
  assert_close (steady->leniency, 7.0 / 24);

  g_assert_cmpuint (varied->n_complete, ==, 4);
  g_assert_cmpuint (varied->n_conflicts, ==, 0);
  g_assert_cmpuint (varied->n_incomplete, ==, 1);
  /* sums 15, 10, 9, 6: mean 40 / 4 / 3 = 10/3, sd √14 / 3 */
  assert_close (varied->mean, 10.0 / 3);
  assert_close (varied->sd, sqrt (14) / 3);
  /* 5 − 4.5, 10/3 − 11/3, 3 − 11/3, 2 − 3 = 1/2 − 1/3 − 2/3 − 1 = −3/2, / 4 */
  assert_close (varied->leniency, -3.0 / 8);

  /* the open reviews of bravo and echo count nowhere */
  g_assert_cmpuint (single->n_complete, ==, 1);
  g_assert_cmpuint (single->n_conflicts, ==, 1);
  g_assert_cmpuint (single->n_incomplete, ==, 1);
  assert_close (single->mean, 4);
  g_assert_true (isnan (single->sd));
  assert_close (single->leniency, 4 - 11.0 / 3);
}

/* One criterion, scale 1–5 (range 4): "flat" 2, 3, 4 has mean 3 and sd √((1 + 0 + 1)
 * / 2) = 1 exactly; "wide" 1, 2, 4, 5 has median (2 + 4) / 2 = 3 and sd √(10 / 3). */
static void
test_disagreement (void)
{
  static const char *ids[] = { "flat", "wide" };
  static const int scores[] = {
    2, 3, 4, NONE,
    1, 2, 4, 5,
  };
  static const struct {
    double   threshold;
    gboolean flat;
    gboolean wide;
  } cases[] = {
    { 0.25, FALSE, TRUE },   /* limit 1.0: sd 1 is not above it */
    { 0.24, TRUE, TRUE },    /* limit 0.96 */
    { 0.5, FALSE, FALSE },   /* limit 2.0 > √(10/3) ≈ 1.83 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SimplePanel panel;
      g_autoptr(JuryStats) stats = NULL;

      simple_panel_init (&panel, ids, 2, 4, scores, 5);
      panel.input.disagreement = cases[i].threshold;
      stats = jury_stats_compute (&panel.input);

      g_assert_cmpfloat (stats->submissions[0].sd, ==, 1);
      assert_close (stats->submissions[1].median, 3);
      assert_close (stats->submissions[1].sd, sqrt (10.0 / 3));
      g_assert_cmpint (stats->submissions[0].disagreement, ==, cases[i].flat);
      g_assert_cmpint (stats->submissions[1].disagreement, ==, cases[i].wide);
      simple_panel_clear (&panel);
    }
}

/* One complete total: μ is that total, σ does not exist, so normalized = μ. */
static void
test_single_total (void)
{
  static const char *ids[] = { "only", "untouched" };
  static const int scores[] = { 3, NONE };
  SimplePanel panel;
  g_autoptr(JuryStats) stats = NULL;

  simple_panel_init (&panel, ids, 2, 1, scores, 5);
  stats = jury_stats_compute (&panel.input);

  assert_close (stats->mu, 3);
  g_assert_true (isnan (stats->sigma));
  assert_close (stats->submissions[0].z, 0);
  assert_close (stats->submissions[0].normalized, 3);
  g_assert_true (isnan (stats->submissions[0].sd));
  g_assert_false (stats->submissions[0].disagreement);
  g_assert_cmpuint (stats->submissions[0].rank, ==, 1);
  g_assert_cmpuint (stats->submissions[1].rank, ==, 0);
  g_assert_true (isnan (stats->alpha));
  g_assert_true (isnan (stats->criterion_alpha[0]));

  simple_panel_clear (&panel);
}

static void
test_empty (void)
{
  SimplePanel panel;
  g_autoptr(JuryStats) stats = NULL;

  simple_panel_init (&panel, NULL, 0, 0, NULL, 5);
  stats = jury_stats_compute (&panel.input);

  g_assert_nonnull (stats);
  g_assert_cmpuint (stats->n_submissions, ==, 0);
  g_assert_true (isnan (stats->mu));
  g_assert_true (isnan (stats->alpha));

  simple_panel_clear (&panel);
}

/* Coder 1: 1, 3, 4; coder 2: 2, 3, 6. n = 6 pairable values.
 * Within units (ordered pairs, / (m − 1) = 1): 2·1² + 0 + 2·2² = 10.
 * All values 1, 2, 3, 3, 4, 6: unordered pairs 1+4+4+9+25 + 1+1+4+16 + 0+1+9 + 1+9
 * + 4 = 89, ordered 178. α = 1 − 5 · 10 / 178 = 64/89. */
static void
test_alpha_classic (void)
{
  static const double values[] = {
    1, 2,
    3, 3,
    4, 6,
  };

  assert_close (jury_stats_alpha (values, 3, 2), 64.0 / 89);
}

/* Krippendorff's own example (4 coders × 12 units, with missing values), for which
 * he gives α = 0.849 with the interval metric. */
static void
test_alpha_published (void)
{
  static const double coders[4][12] = {
    { 1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN },
    { 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3 },
    { NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN },
    { 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN },
  };
  double values[12 * 4];

  for (guint u = 0; u < 12; u++)
    for (guint c = 0; c < 4; c++)
      values[u * 4 + c] = coders[c][u];

  g_assert_cmpfloat_with_epsilon (jury_stats_alpha (values, 12, 4), 0.849, 0.0005);
}

/* Units u0: 1, 2; u1: 3 alone (left out); u2: 5, 5; u3: 2, 4, 3. n = 7.
 * Within: u0 2·1 = 2; u2 0; u3 ordered pairs 2·(4 + 1 + 1) = 12, / 2 = 6; Σ = 8.
 * Values 1, 2, 5, 5, 2, 4, 3: Σ = 22, Σ² = 84, unordered pairs 7·84 − 22² = 104,
 * ordered 208. α = 1 − 6 · 8 / 208 = 10/13. */
static void
test_alpha_missing (void)
{
  double values[] = {
    1, 2, NAN,
    3, NAN, NAN,
    NAN, 5, 5,
    2, 4, 3,
  };

  assert_close (jury_stats_alpha (values, 4, 3), 10.0 / 13);

  /* the lone value does not count, whatever it is */
  values[3] = 100;
  assert_close (jury_stats_alpha (values, 4, 3), 10.0 / 13);
}

static void
test_alpha_edges (void)
{
  static const double perfect[] = { 1, 1, 3, 3, 5, 5 };
  static const double identical[] = { 2, 2, 2, 2 };
  static const double lonely[] = { 1, NAN, NAN, 4 };
  static const double fractions[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 };

  g_assert_cmpfloat (jury_stats_alpha (perfect, 3, 2), ==, 1);
  g_assert_true (isnan (jury_stats_alpha (identical, 2, 2)));
  g_assert_true (isnan (jury_stats_alpha (fractions, 3, 2)));
  g_assert_true (isnan (jury_stats_alpha (lonely, 2, 2)));
  g_assert_true (isnan (jury_stats_alpha (NULL, 0, 3)));
}

/* Panel A in weighted sums (alpha does not change with the scale): delta 12, 15;
 * charlie 12, 10; alpha 12, 9, 12; bravo 12, 6; n = 9.
 * Within: 2·9 + 2·4 + 2·(9 + 0 + 9) / 2 + 2·36 = 18 + 8 + 18 + 72 = 116.
 * Σ = 100, Σ² = 1162: unordered pairs 9·1162 − 100² = 458, ordered 916.
 * α = 1 − 8 · 116 / 916 = −3/229.
 * Criterion 1 (weight 2): 4, 5 | 4, 4 | 4, 3, 5 | 4, 2. Within 2 + 0 + 12/2 + 8 = 16;
 * Σ = 35, Σ² = 143, pairs 9·143 − 35² = 62, ordered 124; α = 1 − 8·16/124 = −1/31.
 * Criterion 2: 4, 5 | 4, 2 | 4, 3, 2 | 4, 2. Within 2 + 8 + 12/2 + 8 = 24;
 * Σ = 30, Σ² = 110, pairs 9·110 − 30² = 90, ordered 180; α = 1 − 8·24/180 = −1/15. */
static void
test_alpha_panel (void)
{
  g_autoptr(JuryStats) stats = compute_panel_a (FALSE);

  assert_close (stats->alpha, -3.0 / 229);
  assert_close (stats->criterion_alpha[0], -1.0 / 31);
  assert_close (stats->criterion_alpha[1], -1.0 / 15);
}

/* Four jurors, one criterion, scale 1–5. */
static const char *p_top_ids[] = { "mid-a", "bottom", "top", "mid-b", "mid-c", "none" };
static const int p_top_scores[] = {
  4, 3, 5, 2,
  1, 1, 1, 1,
  5, 5, 5, 5,
  3, 4, 2, 5,
  3, 3, 4, 2,
  NONE, NONE, NONE, NONE,
};

static JuryStats *
compute_p_top (guint    n_awards,
               guint    bootstrap,
               guint32  seed,
               gboolean normalize)
{
  SimplePanel panel;
  JuryStats *stats;

  simple_panel_init (&panel, p_top_ids, 6, 4, p_top_scores, 5);
  panel.input.n_awards = n_awards;
  panel.input.bootstrap = bootstrap;
  panel.input.seed = seed;
  panel.input.normalize = normalize;
  stats = jury_stats_compute (&panel.input);
  simple_panel_clear (&panel);

  return stats;
}

static void
test_p_top_deterministic (void)
{
  g_autoptr(JuryStats) first = compute_p_top (2, 1000, 7, FALSE);
  g_autoptr(JuryStats) second = compute_p_top (2, 1000, 7, FALSE);
  g_autoptr(JuryStats) normalized = compute_p_top (2, 1000, 7, TRUE);
  g_autoptr(JuryStats) normalized_again = compute_p_top (2, 1000, 7, TRUE);

  for (guint s = 0; s < 5; s++)
    {
      g_assert_cmpfloat (first->submissions[s].p_top, ==, second->submissions[s].p_top);
      g_assert_cmpfloat (normalized->submissions[s].p_top, ==,
                         normalized_again->submissions[s].p_top);
      g_assert_cmpfloat (first->submissions[s].p_top, >=, 0);
      g_assert_cmpfloat (first->submissions[s].p_top, <=, 1);
    }
  g_assert_true (isnan (first->submissions[5].p_top));

  /* the mid submissions share the places behind "top" */
  g_assert_cmpfloat (first->submissions[0].p_top, >, 0);
  g_assert_cmpfloat (first->submissions[0].p_top, <, 1);
}

static void
test_p_top_extremes (void)
{
  g_autoptr(JuryStats) one = compute_p_top (1, 1000, JURY_STATS_DEFAULT_SEED, FALSE);
  g_autoptr(JuryStats) two = compute_p_top (2, 1000, JURY_STATS_DEFAULT_SEED, FALSE);
  g_autoptr(JuryStats) all = compute_p_top (5, 100, JURY_STATS_DEFAULT_SEED, FALSE);
  g_autoptr(JuryStats) none = compute_p_top (0, 100, JURY_STATS_DEFAULT_SEED, FALSE);
  g_autoptr(JuryStats) normalized = compute_p_top (1, 1000, JURY_STATS_DEFAULT_SEED, TRUE);

  /* "top" draws 5 every time and nobody can beat it (a tie keeps rank 1) */
  g_assert_cmpfloat (one->submissions[2].p_top, ==, 1);
  /* "bottom" draws 1 every time: "top" is always above it, and with two awards every
   * mid submission draws at least 2, so at least two are above it */
  g_assert_cmpfloat (one->submissions[1].p_top, ==, 0);
  g_assert_cmpfloat (two->submissions[1].p_top, ==, 0);
  g_assert_cmpfloat (two->submissions[2].p_top, ==, 1);
  /* each juror's 1 lies below that juror's mean, each 5 above: z < 0 < z of "top" */
  g_assert_cmpfloat (normalized->submissions[1].p_top, ==, 0);

  /* as many awards as ranked submissions: all in; no awards: none */
  for (guint s = 0; s < 5; s++)
    {
      g_assert_cmpfloat (all->submissions[s].p_top, ==, 1);
      g_assert_cmpfloat (none->submissions[s].p_top, ==, 0);
    }
}

static void
test_p_top_off (void)
{
  g_autoptr(JuryStats) stats = compute_p_top (1, 0, JURY_STATS_DEFAULT_SEED, FALSE);

  for (guint s = 0; s < 6; s++)
    g_assert_true (isnan (stats->submissions[s].p_top));
  g_assert_cmpuint (stats->submissions[2].rank, ==, 1);
}

/* "coin" 5, 1 against "steady" 3, 3, one award. A resampled mean of coin is 5 (¼), 3
 * (½) or 1 (¼); at 3 both tie at rank 1. So each is in with probability ¾; with
 * 20,000 rounds the share lies within 0.02 (more than six standard deviations). */
static void
test_p_top_probability (void)
{
  static const char *ids[] = { "coin", "steady" };
  static const int scores[] = {
    5, 1,
    3, 3,
  };
  SimplePanel panel;
  g_autoptr(JuryStats) stats = NULL;

  simple_panel_init (&panel, ids, 2, 2, scores, 5);
  panel.input.bootstrap = 20000;
  stats = jury_stats_compute (&panel.input);

  g_assert_cmpfloat_with_epsilon (stats->submissions[0].p_top, 0.75, 0.02);
  g_assert_cmpfloat_with_epsilon (stats->submissions[1].p_top, 0.75, 0.02);
  /* the rounds where both are in are exactly those where coin drew 3 */
  g_assert_cmpfloat (stats->submissions[0].p_top + stats->submissions[1].p_top, >, 1);

  simple_panel_clear (&panel);
}

/* A panel large enough for the bootstrap to share its rounds among threads: the
 * same p_top every time, certain where the draws cannot change the outcome, and
 * close for submissions with the same reviews (their draws differ, their shares
 * should not: on average within a standard deviation, 0.016 at most). */
#define N_LARGE 2500

static JuryStats *
compute_large (const int    *scores,
               const char  **ids)
{
  SimplePanel panel;
  JuryStats *stats;

  simple_panel_init (&panel, ids, N_LARGE, 4, scores, 5);
  panel.input.n_awards = 40;
  stats = jury_stats_compute (&panel.input);
  simple_panel_clear (&panel);

  return stats;
}

static void
test_p_top_large (void)
{
  g_autofree int *scores = g_new (int, N_LARGE * 4);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JuryStats) first = NULL;
  g_autoptr(JuryStats) second = NULL;
  double difference = 0;
  guint n_pairs = 0;
  guint n_open = 0;
  guint32 x = 1;

  /* Three certain winners (all 5), a thousand certain losers (all 1), and pairs
   * of equal submissions between 2 and 4 for the other 37 places. */
  for (guint s = 0; s < N_LARGE; s++)
    {
      g_ptr_array_add (ids, g_strdup_printf ("s%04u", s));
      for (guint j = 0; j < 4; j++)
        {
          x = x * 1103515245 + 12345;
          scores[s * 4 + j] = s < 3 ? 5 : s < 1003 ? 1 : s % 2 == 0 ? 2 + (int) ((x >> 16) % 3)
                                                               : scores[(s - 1) * 4 + j];
        }
    }

  first = compute_large (scores, (const char **) ids->pdata);
  second = compute_large (scores, (const char **) ids->pdata);
  for (guint s = 0; s < N_LARGE; s++)
    g_assert_cmpfloat (first->submissions[s].p_top, ==, second->submissions[s].p_top);
  for (guint s = 0; s < 3; s++)
    g_assert_cmpfloat (first->submissions[s].p_top, ==, 1);
  for (guint s = 3; s < 1003; s++)
    g_assert_cmpfloat (first->submissions[s].p_top, ==, 0);
  for (guint s = 1004; s + 1 < N_LARGE; s += 2)
    {
      double p = first->submissions[s].p_top;
      double q = first->submissions[s + 1].p_top;

      difference += fabs (p - q);
      n_pairs++;
      n_open += p > 0 && p < 1;
    }
  g_assert_cmpuint (n_open, >, 10);
  g_assert_cmpfloat (difference / n_pairs, <, 0.016);
}

/* One juror with one review each: every resampled mean is the total itself, so p_top
 * is 1 exactly for the ranks within the awards. 40 submissions scored s % 7 + 1:
 * 7 and 6 five times each (ranks 1 and 6), 5 down to 1 six times each (ranks 11,
 * 17, 23, 29, 35). */
static void
test_p_top_many_ties (void)
{
  static const struct {
    guint n_awards;
    int   lowest_in;
  } cases[] = {
    { 1, 7 },
    { 5, 7 },
    { 6, 6 },
    { 10, 6 },
    { 11, 5 },
    { 34, 2 },
    { 35, 1 },
  };
  const char *ids[40];
  int scores[40];
  char names[40][8];

  for (guint s = 0; s < 40; s++)
    {
      g_snprintf (names[s], sizeof names[s], "s%02u", s);
      ids[s] = names[s];
      scores[s] = s % 7 + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SimplePanel panel;
      g_autoptr(JuryStats) stats = NULL;

      simple_panel_init (&panel, ids, 40, 1, scores, 7);
      panel.input.n_awards = cases[i].n_awards;
      panel.input.bootstrap = 50;
      stats = jury_stats_compute (&panel.input);

      for (guint s = 0; s < 40; s++)
        {
          static const guint rank_of_score[] = { 0, 35, 29, 23, 17, 11, 6, 1 };

          g_assert_cmpuint (stats->submissions[s].rank, ==, rank_of_score[scores[s]]);
          g_assert_cmpfloat (stats->submissions[s].p_top, ==,
                             scores[s] >= cases[i].lowest_in ? 1 : 0);
        }
      simple_panel_clear (&panel);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stats/defaults", test_defaults);
  g_test_add_func ("/stats/totals", test_totals);
  g_test_add_func ("/stats/submissions", test_submissions);
  g_test_add_func ("/stats/ranking", test_ranking);
  g_test_add_func ("/stats/normalized", test_normalized);
  g_test_add_func ("/stats/normalized-ties", test_normalized_ties);
  g_test_add_func ("/stats/jurors", test_jurors);
  g_test_add_func ("/stats/disagreement", test_disagreement);
  g_test_add_func ("/stats/single-total", test_single_total);
  g_test_add_func ("/stats/empty", test_empty);
  g_test_add_func ("/stats/alpha/classic", test_alpha_classic);
  g_test_add_func ("/stats/alpha/published", test_alpha_published);
  g_test_add_func ("/stats/alpha/missing", test_alpha_missing);
  g_test_add_func ("/stats/alpha/edges", test_alpha_edges);
  g_test_add_func ("/stats/alpha/panel", test_alpha_panel);
  g_test_add_func ("/stats/p-top/deterministic", test_p_top_deterministic);
  g_test_add_func ("/stats/p-top/extremes", test_p_top_extremes);
  g_test_add_func ("/stats/p-top/off", test_p_top_off);
  g_test_add_func ("/stats/p-top/probability", test_p_top_probability);
  g_test_add_func ("/stats/p-top/many-ties", test_p_top_many_ties);
  g_test_add_func ("/stats/p-top/large", test_p_top_large);

  return g_test_run ();
}
