/* jury-stats.c: the statistics of a panel, as pure functions on plain numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jury-random.h"
#include "jury-stats.h"

/* A review is kept as its weighted sum Σ wᵢ·vᵢ and divided by Σ wᵢ only when stored:
 * with whole scores and weights the sums are exact, so two submissions whose means
 * are equal get bit-identical means and tie in the ranking. */
typedef struct
{
  const JuryStatsInput *input;
  JuryStats            *stats;
  double                weight_sum;
  double               *sums;   /* [s * n_jurors + j]: Σ wᵢ·vᵢ, NAN unless complete */
  double               *z;      /* [s * n_jurors + j]: set for complete reviews only */
} Panel;

/* The submissions that have complete reviews, each with the values the bootstrap
 * draws from. */
typedef struct
{
  guint   n_ranked;
  guint  *index;    /* n_ranked submission indices */
  guint  *offset;   /* n_ranked + 1 offsets into values */
  double *values;
} Pool;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
mean_of (const double *values,
         gsize         n)
{
  double sum = 0;

  g_assert (n > 0);

  for (gsize i = 0; i < n; i++)
    sum += values[i];

  return sum / n;
}

/* Σ (v − v̄)², with the first value subtracted before anything else so that equal
 * values give exactly 0: a juror who scores everyone alike must get sd 0, not a
 * rounding error that z-scores would then blow up. */
static double
sum_of_squares (const double *values,
                gsize         n)
{
  double shift = 0;
  double squares = 0;

  g_assert (n > 0);

  for (gsize i = 0; i < n; i++)
    shift += values[i] - values[0];
  shift /= n;

  for (gsize i = 0; i < n; i++)
    {
      double d = values[i] - values[0] - shift;

      squares += d * d;
    }

  return squares;
}

static double
sample_sd (const double *values,
           gsize         n)
{
  return n >= 2 ? sqrt (sum_of_squares (values, n) / (n - 1)) : NAN;
}

static gboolean
is_complete (const Panel *p,
             gsize        review)
{
  return !isnan (p->sums[review]);
}

/* NAN unless the review is complete; N_SCORED tells a started review from an
 * untouched one. */
static double
review_sum (const JuryStatsInput *input,
            gsize                 review,
            guint                *n_scored)
{
  const int *scores = input->scores + review * input->n_criteria;
  double sum = 0;

  *n_scored = 0;
  for (guint c = 0; c < input->n_criteria; c++)
    {
      if (scores[c] == JURY_NO_SCORE)
        continue;
      sum += input->weights[c] * scores[c];
      (*n_scored)++;
    }

  if (input->conflicts[review] || *n_scored < input->n_criteria)
    return NAN;

  return sum;
}

static void
add_reviews (Panel *p)
{
  const JuryStatsInput *input = p->input;

  for (guint s = 0; s < input->n_submissions; s++)
    for (guint j = 0; j < input->n_jurors; j++)
      {
        gsize review = (gsize) s * input->n_jurors + j;
        JuryJurorStats *juror = &p->stats->jurors[j];
        guint n_scored;

        p->sums[review] = review_sum (input, review, &n_scored);
        p->stats->totals[review] = p->sums[review] / p->weight_sum;

        if (input->conflicts[review])
          juror->n_conflicts++;
        else if (is_complete (p, review))
          juror->n_complete++;
        else if (n_scored > 0)
          juror->n_incomplete++;
      }
}

static void
describe_submission (Panel  *p,
                     guint   s,
                     double *scratch)
{
  JurySubmissionStats *out = &p->stats->submissions[s];
  double w = p->weight_sum;
  guint n = 0;

  for (guint j = 0; j < p->input->n_jurors; j++)
    {
      gsize review = (gsize) s * p->input->n_jurors + j;

      if (is_complete (p, review))
        scratch[n++] = p->sums[review];
    }

  out->n = n;
  if (n == 0)
    return;

  /* Sorted first so that the same values give the same mean in any order. */
  qsort (scratch, n, sizeof (double), compare_doubles);
  out->mean = mean_of (scratch, n) / w;
  out->median = (n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2) / w;
  out->sd = sample_sd (scratch, n) / w;
  out->min = scratch[0] / w;
  out->max = scratch[n - 1] / w;
}

static void
describe_juror (Panel  *p,
                guint   j,
                double *scratch)
{
  const JuryStatsInput *input = p->input;
  JuryJurorStats *out = &p->stats->jurors[j];
  double mean, sd, leniency = 0;
  guint n = 0;

  for (guint s = 0; s < input->n_submissions; s++)
    {
      gsize review = (gsize) s * input->n_jurors + j;

      if (!is_complete (p, review))
        continue;
      scratch[n++] = p->sums[review];
      leniency += p->stats->totals[review] - p->stats->submissions[s].mean;
    }

  if (n == 0)
    return;

  /* In a canonical order, so that jurors with the same totals get the same z-scores. */
  qsort (scratch, n, sizeof (double), compare_doubles);
  mean = mean_of (scratch, n);
  sd = sample_sd (scratch, n);
  out->mean = mean / p->weight_sum;
  out->sd = sd / p->weight_sum;
  out->leniency = leniency / n;

  for (guint s = 0; s < input->n_submissions; s++)
    {
      gsize review = (gsize) s * input->n_jurors + j;

      if (is_complete (p, review))
        p->z[review] = n >= 2 && sd > 0 ? (p->sums[review] - mean) / sd : 0;
    }
}

/* μ and σ over all complete totals; σ counts as 0 when it does not exist (fewer
 * than two totals), so that normalized is then μ. */
static void
normalise (Panel  *p,
           double *scratch)
{
  const JuryStatsInput *input = p->input;
  JuryStats *stats = p->stats;
  gsize n_reviews = (gsize) input->n_submissions * input->n_jurors;
  double sigma;
  gsize n = 0;

  for (gsize review = 0; review < n_reviews; review++)
    if (is_complete (p, review))
      scratch[n++] = p->sums[review];

  if (n == 0)
    return;

  stats->mu = mean_of (scratch, n) / p->weight_sum;
  stats->sigma = sample_sd (scratch, n) / p->weight_sum;
  sigma = isnan (stats->sigma) ? 0 : stats->sigma;

  /* The z-scores sorted before they are summed, as the totals are: the same z-scores
   * from other jurors give the same normalized value, not one that rounding sets apart. */
  for (guint s = 0; s < input->n_submissions; s++)
    {
      JurySubmissionStats *sub = &stats->submissions[s];
      guint m = 0;

      if (sub->n == 0)
        continue;
      for (guint j = 0; j < input->n_jurors; j++)
        {
          gsize review = (gsize) s * input->n_jurors + j;

          if (is_complete (p, review))
            scratch[m++] = p->z[review];
        }
      qsort (scratch, m, sizeof (double), compare_doubles);
      sub->z = mean_of (scratch, m);
      sub->normalized = stats->mu + sub->z * sigma;
    }
}

static double
rank_key (const Panel *p,
          guint        s)
{
  const JurySubmissionStats *sub = &p->stats->submissions[s];

  return p->input->normalize ? sub->normalized : sub->mean;
}

/* Ranked first, by key descending; equal keys (compared exactly: they come from the
 * same arithmetic) and the unranked by submission id. */
static gint
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Panel *p = user_data;
  guint s = *(const guint *) a;
  guint t = *(const guint *) b;
  gboolean ranked_s = p->stats->submissions[s].n > 0;
  gboolean ranked_t = p->stats->submissions[t].n > 0;

  if (ranked_s != ranked_t)
    return ranked_s ? -1 : 1;

  if (ranked_s && rank_key (p, s) != rank_key (p, t))
    return rank_key (p, s) > rank_key (p, t) ? -1 : 1;

  return strcmp (p->input->submission_ids[s], p->input->submission_ids[t]);
}

static void
rank (Panel *p)
{
  JuryStats *stats = p->stats;

  for (guint s = 0; s < stats->n_submissions; s++)
    stats->order[s] = s;
  g_qsort_with_data (stats->order, stats->n_submissions, sizeof (guint), compare_rank, p);

  for (guint k = 0; k < stats->n_submissions; k++)
    {
      guint s = stats->order[k];

      if (stats->submissions[s].n == 0)
        break;
      if (k > 0 && rank_key (p, s) == rank_key (p, stats->order[k - 1]))
        stats->submissions[s].rank = stats->submissions[stats->order[k - 1]].rank;
      else
        stats->submissions[s].rank = k + 1;
    }
}

static void
flag_disagreements (Panel *p)
{
  double limit = p->input->disagreement * (p->input->scale_max - p->input->scale_min);

  for (guint s = 0; s < p->stats->n_submissions; s++)
    {
      JurySubmissionStats *sub = &p->stats->submissions[s];

      /* A comparison with NAN is false: no sd, no flag. */
      sub->disagreement = sub->sd > limit;
    }
}

static void
measure_agreement (Panel *p)
{
  const JuryStatsInput *input = p->input;
  JuryStats *stats = p->stats;
  gsize n_reviews = (gsize) input->n_submissions * input->n_jurors;
  g_autofree double *scores = g_new (double, n_reviews + 1);

  stats->alpha = jury_stats_alpha (stats->totals, input->n_submissions, input->n_jurors);

  for (guint c = 0; c < input->n_criteria; c++)
    {
      for (gsize review = 0; review < n_reviews; review++)
        scores[review] = is_complete (p, review)
                         ? input->scores[review * input->n_criteria + c]
                         : NAN;
      stats->criterion_alpha[c] = jury_stats_alpha (scores, input->n_submissions,
                                                    input->n_jurors);
    }
}

/* Ranking by normalized = μ + z̄·σ orders the submissions as z̄ does (σ ≥ 0 is common
 * to all, and when it is 0 every z is 0), so the bootstrap then resamples the
 * reviews' z-scores; otherwise it resamples their weighted sums, ordered as the
 * totals are. */
static void
pool_init (Pool        *pool,
           const Panel *p)
{
  const JuryStatsInput *input = p->input;
  const double *source = input->normalize ? p->z : p->sums;
  gsize n_values = 0;

  pool->n_ranked = 0;
  pool->index = g_new (guint, input->n_submissions);
  pool->offset = g_new (guint, input->n_submissions + 1);
  pool->values = g_new (double, (gsize) input->n_submissions * input->n_jurors + 1);

  for (guint s = 0; s < input->n_submissions; s++)
    {
      if (p->stats->submissions[s].n == 0)
        continue;
      pool->index[pool->n_ranked] = s;
      pool->offset[pool->n_ranked++] = n_values;
      for (guint j = 0; j < input->n_jurors; j++)
        {
          gsize review = (gsize) s * input->n_jurors + j;

          if (is_complete (p, review))
            pool->values[n_values++] = source[review];
        }
    }
  pool->offset[pool->n_ranked] = n_values;
}

static void
pool_clear (Pool *pool)
{
  g_clear_pointer (&pool->index, g_free);
  g_clear_pointer (&pool->offset, g_free);
  g_clear_pointer (&pool->values, g_free);
}

/* Each submission's mean over N draws from its N values. The draws are summed into
 * four sums in turn, so that one addition need not wait for the one before: the
 * same draws in the same order always give the same mean. */
static void
resample (const Pool *pool,
          JuryRandom *random,
          double     *means)
{
  for (guint k = 0; k < pool->n_ranked; k++)
    {
      const double *values = pool->values + pool->offset[k];
      guint n = pool->offset[k + 1] - pool->offset[k];
      double sum[4] = { 0, 0, 0, 0 };
      guint i = 0;

      for (; i + 4 <= n; i += 4)
        {
          sum[0] += values[jury_random_below (random, n)];
          sum[1] += values[jury_random_below (random, n)];
          sum[2] += values[jury_random_below (random, n)];
          sum[3] += values[jury_random_below (random, n)];
        }
      for (; i < n; i++)
        sum[i % 4] += values[jury_random_below (random, n)];
      means[k] = ((sum[0] + sum[1]) + (sum[2] + sum[3])) / n;
    }
}

/* The K-th largest of VALUES (1 ≤ K ≤ N) by Hoare's selection, which reorders
 * VALUES: linear on average, where sorting every round would dominate the cost. */
static double
kth_largest (double *values,
             gssize  n,
             gssize  k)
{
  gssize lo = 0;
  gssize hi = n - 1;
  gssize target = k - 1;

  g_assert (k >= 1 && k <= n);

  while (lo < hi)
    {
      double pivot = values[lo + (hi - lo) / 2];
      gssize i = lo;
      gssize j = hi;

      while (i <= j)
        {
          while (values[i] > pivot)
            i++;
          while (values[j] < pivot)
            j--;
          if (i <= j)
            {
              double swap = values[i];

              values[i++] = values[j];
              values[j--] = swap;
            }
        }

      if (target <= j)
        hi = j;
      else if (target >= i)
        lo = i;
      else
        return values[target];
    }

  return values[target];
}

/* A submission's competition rank is within the awards exactly when its value is at
 * least the N_AWARDS-th largest value: fewer than N_AWARDS values can be larger. */
static double
award_threshold (double *values,
                 guint   n,
                 guint   n_awards)
{
  if (n_awards == 0)
    return INFINITY;
  if (n_awards >= n)
    return -INFINITY;

  return kth_largest (values, n, n_awards);
}

/* Rounds of the bootstrap, counting for each submission the rounds in which it
 * ranks within the awards. Each round draws from a generator of its own, seeded
 * by the seed and the round's number, so the rounds can be shared among threads:
 * the counts are the same however they are shared. */
typedef struct
{
  const Pool *pool;
  guint32     seed;
  guint       n_awards;
  guint       first;
  guint       end;
  guint      *counts;   /* pool->n_ranked */
} Rounds;

/* Below this many draws in all, a second thread costs more than it saves. */
#define BOOTSTRAP_THREAD_DRAWS 4000000
#define BOOTSTRAP_MAX_THREADS  4

static gpointer
run_rounds (gpointer data)
{
  Rounds *rounds = data;
  const Pool *pool = rounds->pool;
  g_autofree double *means = g_new (double, pool->n_ranked + 1);
  g_autofree double *scratch = g_new (double, pool->n_ranked + 1);

  for (guint round = rounds->first; round < rounds->end; round++)
    {
      JuryRandom random;
      double threshold;

      jury_random_init (&random, ((guint64) rounds->seed << 32) | round);
      resample (pool, &random, means);
      memcpy (scratch, means, pool->n_ranked * sizeof (double));
      threshold = award_threshold (scratch, pool->n_ranked, rounds->n_awards);
      for (guint k = 0; k < pool->n_ranked; k++)
        rounds->counts[k] += means[k] >= threshold;
    }

  return NULL;
}

static void
bootstrap (Panel *p)
{
  guint n_rounds = p->input->bootstrap;
  guint n_threads;
  Pool pool;
  Rounds parts[BOOTSTRAP_MAX_THREADS];
  GThread *threads[BOOTSTRAP_MAX_THREADS] = { NULL };

  if (n_rounds == 0)
    return;

  pool_init (&pool, p);
  n_threads = (guint) CLAMP (g_get_num_processors (), 1, BOOTSTRAP_MAX_THREADS);
  if ((guint64) pool.offset[pool.n_ranked] * n_rounds < BOOTSTRAP_THREAD_DRAWS)
    n_threads = 1;
  n_threads = MIN (n_threads, n_rounds);

  for (guint t = 0; t < n_threads; t++)
    {
      parts[t] = (Rounds) {
        .pool = &pool,
        .seed = p->input->seed,
        .n_awards = p->input->n_awards,
        .first = (guint) ((guint64) n_rounds * t / n_threads),
        .end = (guint) ((guint64) n_rounds * (t + 1) / n_threads),
        .counts = g_new0 (guint, pool.n_ranked + 1),
      };
      /* The first share runs here, the others beside it. */
      if (t > 0)
        threads[t] = g_thread_new ("jury-bootstrap", run_rounds, &parts[t]);
    }
  run_rounds (&parts[0]);

  for (guint t = 1; t < n_threads; t++)
    {
      g_thread_join (threads[t]);
      for (guint k = 0; k < pool.n_ranked; k++)
        parts[0].counts[k] += parts[t].counts[k];
      g_free (parts[t].counts);
    }

  for (guint k = 0; k < pool.n_ranked; k++)
    p->stats->submissions[pool.index[k]].p_top = (double) parts[0].counts[k] / n_rounds;

  g_free (parts[0].counts);
  pool_clear (&pool);
}

static JuryStats *
stats_new (const JuryStatsInput *input)
{
  JuryStats *stats = g_new0 (JuryStats, 1);
  gsize n_reviews = (gsize) input->n_submissions * input->n_jurors;

  stats->n_submissions = input->n_submissions;
  stats->n_jurors = input->n_jurors;
  stats->n_criteria = input->n_criteria;
  stats->submissions = g_new0 (JurySubmissionStats, input->n_submissions);
  stats->jurors = g_new0 (JuryJurorStats, input->n_jurors);
  stats->totals = g_new (double, n_reviews);
  stats->order = g_new (guint, input->n_submissions);
  stats->criterion_alpha = g_new (double, input->n_criteria);
  stats->mu = stats->sigma = stats->alpha = NAN;

  for (guint s = 0; s < input->n_submissions; s++)
    {
      JurySubmissionStats *sub = &stats->submissions[s];

      sub->mean = sub->median = sub->sd = sub->min = sub->max = NAN;
      sub->z = sub->normalized = sub->p_top = NAN;
    }

  for (guint j = 0; j < input->n_jurors; j++)
    stats->jurors[j].mean = stats->jurors[j].sd = stats->jurors[j].leniency = NAN;

  return stats;
}

void
jury_stats_input_init (JuryStatsInput *input)
{
  g_return_if_fail (input != NULL);

  input->disagreement = JURY_STATS_DEFAULT_DISAGREEMENT;
  input->bootstrap = JURY_STATS_DEFAULT_BOOTSTRAP;
  input->seed = JURY_STATS_DEFAULT_SEED;
}

JuryStats *
jury_stats_compute (const JuryStatsInput *input)
{
  g_autoptr(JuryStats) stats = NULL;
  g_autofree double *sums = NULL;
  g_autofree double *z = NULL;
  g_autofree double *scratch = NULL;
  gsize n_reviews;
  Panel p;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->n_criteria > 0 && input->weights != NULL, NULL);
  g_return_val_if_fail (input->scale_min < input->scale_max, NULL);
  g_return_val_if_fail (input->n_submissions == 0 || input->submission_ids != NULL, NULL);
  g_return_val_if_fail (input->n_submissions == 0 || input->n_jurors == 0 ||
                        (input->scores != NULL && input->conflicts != NULL), NULL);

  n_reviews = (gsize) input->n_submissions * input->n_jurors;
  stats = stats_new (input);
  sums = g_new (double, n_reviews + 1);
  z = g_new (double, n_reviews + 1);
  scratch = g_new (double, n_reviews + 1);

  p.input = input;
  p.stats = stats;
  p.sums = sums;
  p.z = z;
  p.weight_sum = 0;
  for (guint c = 0; c < input->n_criteria; c++)
    p.weight_sum += input->weights[c];

  add_reviews (&p);
  for (guint s = 0; s < input->n_submissions; s++)
    describe_submission (&p, s, scratch);
  for (guint j = 0; j < input->n_jurors; j++)
    describe_juror (&p, j, scratch);
  normalise (&p, scratch);
  rank (&p);
  flag_disagreements (&p);
  measure_agreement (&p);
  bootstrap (&p);

  return g_steal_pointer (&stats);
}

void
jury_stats_free (JuryStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->submissions);
  g_free (stats->jurors);
  g_free (stats->totals);
  g_free (stats->order);
  g_free (stats->criterion_alpha);
  g_free (stats);
}

/* With Σ_{i≠j} (vᵢ − vⱼ)² = 2m · Σ (vᵢ − v̄)² over m values, the DESIGN §7 formula
 * α = 1 − (n−1) · Σᵤ [Σ_{i≠j in u} (vᵢ−vⱼ)² / (mᵤ−1)] / Σ_{a≠b} (v_a−v_b)²
 * becomes 1 − (n−1)/n · Σᵤ [mᵤ · SSᵤ / (mᵤ−1)] / SS, linear instead of quadratic in
 * the number of values. */
double
jury_stats_alpha (const double *values,
                  guint         n_units,
                  guint         n_coders)
{
  g_autofree double *pairable = NULL;
  double within = 0;
  double total;
  gsize n = 0;

  g_return_val_if_fail (values != NULL || (gsize) n_units * n_coders == 0, NAN);

  pairable = g_new (double, (gsize) n_units * n_coders + 1);

  for (guint u = 0; u < n_units; u++)
    {
      double *unit = pairable + n;
      guint m = 0;

      for (guint c = 0; c < n_coders; c++)
        {
          double v = values[(gsize) u * n_coders + c];

          if (!isnan (v))
            unit[m++] = v;
        }

      if (m < 2)
        continue;
      within += m * sum_of_squares (unit, m) / (m - 1);
      n += m;
    }

  if (n == 0)
    return NAN;

  total = sum_of_squares (pairable, n);
  if (!(total > 0))
    return NAN;

  return 1 - (n - 1) * within / (n * total);
}
