/* jury-stats.h: the statistics of a panel, as pure functions on plain numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definitions (so that every view and export agrees):
 * - A review (juror × submission) is complete when every criterion has a score and no
 *   conflict is declared. Only complete reviews enter the statistics.
 * - Review total = Σ wᵢ·vᵢ / Σ wᵢ over the criteria.
 * - Per submission over its complete reviews: n, mean, median (mean of the two middle
 *   values when n is even), sd (sample, n−1; none when n < 2), min, max.
 * - z-normalisation: for a juror with ≥ 2 complete reviews and sample sd > 0,
 *   z = (total − juror mean) / juror sd, else z = 0. Per submission z = mean of its
 *   reviews' z; normalized = μ + z·σ (μ, σ: mean and sample sd of all complete totals;
 *   σ counts as 0 when there are fewer than two totals, so normalized is then μ).
 * - rank: by mean (or normalized), descending; competition ranking (1, 2, 2, 4); equal
 *   values ordered by submission id; no rank without complete reviews (sorted last).
 *   Values are equal when their doubles are: means are computed from the exact
 *   weighted sums, so equal means of whole scores and weights always tie; z-scores
 *   are summed in sorted order, so submissions with the same z-scores tie too.
 * - disagreement: sd > threshold × (scale max − scale min); FALSE without sd.
 * - alpha: Krippendorff's alpha, interval metric, over review totals (units =
 *   submissions, coders = jurors, units with < 2 values left out), and per criterion
 *   over that criterion's scores in complete reviews; none when the denominator is 0
 *   or nothing is pairable.
 * - p_top: share of B bootstrap resamplings (each submission's complete reviews drawn
 *   with replacement, fixed seed) in which the submission's rank ≤ the number of
 *   awards; none without complete reviews. Each round ranks what rank ranks: the
 *   resampled mean, or with normalisation the resampled mean z (which orders the
 *   submissions as μ + z·σ does). The same input and seed give the same p_top.
 * - leniency of a juror: the mean, over the juror's complete reviews, of (review total −
 *   that submission's mean); above 0 the juror scores more kindly than the panel.
 *
 * A value that does not exist is NAN (test with isnan()).
 */

#pragma once

#include <glib.h>

#include "jury-types.h"

G_BEGIN_DECLS

#define JURY_STATS_DEFAULT_DISAGREEMENT 0.2
#define JURY_STATS_DEFAULT_BOOTSTRAP    1000
#define JURY_STATS_DEFAULT_SEED         20251122u

typedef struct
{
  guint         n_criteria;
  const double *weights;         /* n_criteria, > 0 */
  int           scale_min;
  int           scale_max;
  guint         n_jurors;
  guint         n_submissions;
  const char  **submission_ids;  /* n_submissions; ties in rank are ordered by id */
  guint         n_awards;
  /* scores[(s * n_jurors + j) * n_criteria + c]: JURY_NO_SCORE when not given */
  const int    *scores;
  /* conflicts[s * n_jurors + j] */
  const gboolean *conflicts;
  gboolean      normalize;       /* rank by normalized instead of mean */
  double        disagreement;    /* threshold as a share of the scale's range */
  guint         bootstrap;       /* B; 0 leaves p_top out (NAN) */
  guint32       seed;
} JuryStatsInput;

typedef struct
{
  guint    n;
  double   mean;
  double   median;
  double   sd;
  double   min;
  double   max;
  double   z;
  double   normalized;
  guint    rank;                 /* 1-based; 0 = none */
  gboolean disagreement;
  double   p_top;
} JurySubmissionStats;

typedef struct
{
  guint  n_complete;
  guint  n_conflicts;
  guint  n_incomplete;           /* reviews with some but not all scores, no conflict */
  double mean;                   /* of the juror's complete totals */
  double sd;
  double leniency;
} JuryJurorStats;

typedef struct
{
  guint                n_submissions;
  guint                n_jurors;
  guint                n_criteria;
  JurySubmissionStats *submissions;  /* n_submissions, in input order */
  JuryJurorStats      *jurors;       /* n_jurors, in input order */
  double              *totals;       /* [s * n_jurors + j], NAN unless complete */
  guint               *order;        /* submission indices by rank, unranked last by id */
  double               mu;           /* mean of all complete totals */
  double               sigma;        /* their sample sd */
  double               alpha;
  double              *criterion_alpha; /* n_criteria */
} JuryStats;

/* Fills defaults into INPUT: disagreement, bootstrap and seed. */
void       jury_stats_input_init (JuryStatsInput       *input);
JuryStats *jury_stats_compute    (const JuryStatsInput *input);
void       jury_stats_free       (JuryStats            *stats);

/* The interval-metric Krippendorff's alpha of a units × coders matrix of values (NAN
 * where a coder gave none); NAN when undefined. */
double     jury_stats_alpha      (const double         *values,
                                  guint                 n_units,
                                  guint                 n_coders);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryStats, jury_stats_free)

G_END_DECLS
