/* test-assign.c: who reads which submission, as properties over many shapes and by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-assign"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "jury-assign.h"

/* A request with names "Juror 1", … and ids "s1", …, and no conflicts yet. */
typedef struct
{
  JuryAssignRequest  request;
  char             **names;
  char             **ids;
  gboolean          *conflicts;
} Shape;

/* What a plan says, in the shape the checks need. */
typedef struct
{
  guint   n_jurors;
  guint   n_submissions;
  guint8 *reads;    /* [s * J + j] */
  guint  *load;     /* [j] */
  int    *shared;   /* [a * J + b] */
  guint  *held;     /* [j * S + i], i < load[j]: what j reads, as the plan had it */
  guint  *first;    /* [s], [s + 1]: where the readers of s are in who */
  guint  *who;
  int    *change;   /* [2 * J]: scratch for the rows of two jurors */
} Reading;

static void
shape_init (Shape   *shape,
            guint    n_jurors,
            guint    n_submissions,
            guint    per_submission,
            guint64  seed)
{
  memset (shape, 0, sizeof *shape);
  shape->names = g_new0 (char *, n_jurors + 1);
  shape->ids = g_new0 (char *, n_submissions + 1);
  shape->conflicts = g_new0 (gboolean, (gsize) n_submissions * n_jurors + 1);
  for (guint j = 0; j < n_jurors; j++)
    shape->names[j] = g_strdup_printf ("Juror %u", j + 1);
  for (guint s = 0; s < n_submissions; s++)
    shape->ids[s] = g_strdup_printf ("s%u", s + 1);

  shape->request.n_jurors = n_jurors;
  shape->request.n_submissions = n_submissions;
  shape->request.per_submission = per_submission;
  shape->request.conflicts = shape->conflicts;
  shape->request.juror_names = (const char * const *) shape->names;
  shape->request.submission_ids = (const char * const *) shape->ids;
  shape->request.seed = seed;
}

static void
shape_clear (Shape *shape)
{
  g_clear_pointer (&shape->names, g_strfreev);
  g_clear_pointer (&shape->ids, g_strfreev);
  g_clear_pointer (&shape->conflicts, g_free);
}

static inline void
shape_conflict (Shape *shape,
                guint  s,
                guint  j)
{
  shape->conflicts[(gsize) s * shape->request.n_jurors + j] = TRUE;
}

static inline gboolean
shape_eligible (const Shape *shape,
                guint        s,
                guint        j)
{
  return !shape->conflicts[(gsize) s * shape->request.n_jurors + j];
}

static guint
shape_eligible_count (const Shape *shape,
                      guint        s)
{
  guint count = 0;

  for (guint j = 0; j < shape->request.n_jurors; j++)
    count += shape_eligible (shape, s, j);

  return count;
}

/* Reading */

static void
reading_init (Reading              *reading,
              const JuryAssignment *plan)
{
  guint n_jurors = plan->n_jurors;
  guint n_submissions = plan->n_submissions;

  reading->n_jurors = n_jurors;
  reading->n_submissions = n_submissions;
  reading->reads = g_new0 (guint8, (gsize) n_submissions * n_jurors + 1);
  reading->load = g_new0 (guint, n_jurors + 1);
  reading->shared = g_new0 (int, (gsize) n_jurors * n_jurors + 1);
  reading->held = g_new (guint, (gsize) n_jurors * n_submissions + 1);
  reading->first = g_new0 (guint, n_submissions + 1);
  reading->change = g_new0 (int, 2 * n_jurors);

  for (guint j = 0; j < n_jurors; j++)
    {
      GArray *list = plan->submissions[j];

      for (guint i = 0; i < list->len; i++)
        {
          guint s = g_array_index (list, guint, i);

          g_assert_cmpuint (s, <, n_submissions);
          /* nobody reads a submission twice */
          g_assert_false (reading->reads[(gsize) s * n_jurors + j]);
          reading->reads[(gsize) s * n_jurors + j] = TRUE;
          reading->held[(gsize) j * n_submissions + i] = s;
          reading->first[s + 1]++;
        }
      reading->load[j] = list->len;
    }

  for (guint s = 0; s < n_submissions; s++)
    reading->first[s + 1] += reading->first[s];
  reading->who = g_new (guint, reading->first[n_submissions] + 1);
  for (guint s = 0, at = 0; s < n_submissions; s++)
    for (guint j = 0; j < n_jurors; j++)
      if (reading->reads[(gsize) s * n_jurors + j])
        reading->who[at++] = j;

  for (guint s = 0; s < n_submissions; s++)
    for (guint a = 0; a < n_jurors; a++)
      for (guint b = a + 1; b < n_jurors; b++)
        if (reading->reads[(gsize) s * n_jurors + a] && reading->reads[(gsize) s * n_jurors + b])
          {
            reading->shared[a * n_jurors + b]++;
            reading->shared[b * n_jurors + a]++;
          }
}

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->reads, g_free);
  g_clear_pointer (&reading->load, g_free);
  g_clear_pointer (&reading->shared, g_free);
  g_clear_pointer (&reading->held, g_free);
  g_clear_pointer (&reading->first, g_free);
  g_clear_pointer (&reading->who, g_free);
  g_clear_pointer (&reading->change, g_free);
}

static inline gboolean
reads (const Reading *reading,
       guint          s,
       guint          j)
{
  return reading->reads[(gsize) s * reading->n_jurors + j];
}

/* J starts or stops reading S; SHARED follows. */
static void
reading_set (Reading  *reading,
             guint     s,
             guint     j,
             gboolean  value)
{
  guint n_jurors = reading->n_jurors;
  int step = value ? 1 : -1;

  g_assert (reads (reading, s, j) != value);
  for (guint x = 0; x < n_jurors; x++)
    if (x != j && reads (reading, s, x))
      {
        reading->shared[j * n_jurors + x] += step;
        reading->shared[x * n_jurors + j] += step;
      }
  reading->reads[(gsize) s * n_jurors + j] = value ? TRUE : FALSE;
  reading->load[j] += step;
}

/* Whether the jurors are linked through shared submissions, by union-find over the
 * submissions' readers (not through SHARED). */
static gboolean
reading_linked (const Reading *reading)
{
  guint n_jurors = reading->n_jurors;
  g_autofree guint *root = g_new (guint, n_jurors);
  guint n_roots = 0;

  for (guint j = 0; j < n_jurors; j++)
    root[j] = j;
  for (guint s = 0; s < reading->n_submissions; s++)
    {
      guint first = G_MAXUINT;

      for (guint j = 0; j < n_jurors; j++)
        {
          guint x, y;

          if (!reads (reading, s, j))
            continue;
          if (first == G_MAXUINT)
            {
              first = j;
              continue;
            }
          for (x = first; root[x] != x; x = root[x]);
          for (y = j; root[y] != y; y = root[y]);
          root[x] = y;
        }
    }
  for (guint j = 0; j < n_jurors; j++)
    n_roots += root[j] == j;

  return n_roots == 1;
}

/* The checks */

/* Whether a juror could read one more while one with at least two more reads one fewer:
 * a chain of takings, each juror taking a submission the next one reads, that it may
 * and does not read. None exists exactly when the loads are as even as possible. */
static gboolean
loads_could_be_evener (const Shape   *shape,
                       const Reading *reading)
{
  guint n_jurors = reading->n_jurors;
  g_autofree guint8 *takes = g_new0 (guint8, (gsize) n_jurors * n_jurors);
  g_autofree guint8 *seen = g_new (guint8, n_jurors);
  g_autofree guint *queue = g_new (guint, n_jurors);

  for (guint s = 0; s < reading->n_submissions; s++)
    for (guint x = 0; x < n_jurors; x++)
      if (!reads (reading, s, x) && shape_eligible (shape, s, x))
        for (guint y = 0; y < n_jurors; y++)
          if (reads (reading, s, y))
            takes[x * n_jurors + y] = TRUE;

  for (guint u = 0; u < n_jurors; u++)
    {
      guint head = 0, tail = 0;

      memset (seen, 0, n_jurors);
      seen[u] = TRUE;
      queue[tail++] = u;
      while (head < tail)
        {
          guint x = queue[head++];

          if (reading->load[x] >= reading->load[u] + 2)
            return TRUE;
          for (guint y = 0; y < n_jurors; y++)
            if (takes[x * n_jurors + y] && !seen[y])
              {
                seen[y] = TRUE;
                queue[tail++] = y;
              }
        }
    }

  return FALSE;
}

#define NONE G_MAXUINT

/* Whether a move lowers Σ λ² and keeps the jurors linked: A gives S to B (unless S is
 * NONE) and B gives T to A (unless T is NONE). The change is summed over the entries
 * of λ the move touches, all in the rows of A and B; READING is left as it was. */
static gboolean
move_improves_and_links (Reading *reading,
                         guint    a,
                         guint    b,
                         guint    s,
                         guint    t)
{
  guint n_jurors = reading->n_jurors;
  int *of_a = reading->change;
  int *of_b = reading->change + n_jurors;
  long change = 0;
  gboolean linked;

  for (guint pass = 0; pass < 2; pass++)
    {
      guint from = pass == 0 ? s : t;
      int sign = pass == 0 ? 1 : -1;

      if (from == NONE)
        continue;
      for (guint i = reading->first[from]; i < reading->first[from + 1]; i++)
        {
          guint x = reading->who[i];

          if (x == a || x == b)
            continue;
          of_a[x] -= sign;
          of_b[x] += sign;
        }
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      guint from = pass == 0 ? s : t;

      if (from == NONE)
        continue;
      for (guint i = reading->first[from]; i < reading->first[from + 1]; i++)
        {
          guint x = reading->who[i];
          long la = reading->shared[a * n_jurors + x];
          long lb = reading->shared[b * n_jurors + x];

          if (x == a || x == b)
            continue;
          change += (la + of_a[x]) * (la + of_a[x]) - la * la;
          change += (lb + of_b[x]) * (lb + of_b[x]) - lb * lb;
          of_a[x] = of_b[x] = 0;
        }
    }

  if (change >= 0)
    return FALSE;

  /* it improves: it must part the jurors */
  if (s != NONE)
    {
      reading_set (reading, s, a, FALSE);
      reading_set (reading, s, b, TRUE);
    }
  if (t != NONE)
    {
      reading_set (reading, t, b, FALSE);
      reading_set (reading, t, a, TRUE);
    }
  linked = reading_linked (reading);
  if (t != NONE)
    {
      reading_set (reading, t, a, FALSE);
      reading_set (reading, t, b, TRUE);
    }
  if (s != NONE)
    {
      reading_set (reading, s, b, FALSE);
      reading_set (reading, s, a, TRUE);
    }

  return linked;
}

/* No exchange of two jurors between two submissions, and no hand-over to a juror with
 * one fewer, lowers Σ λ² and keeps the jurors linked. */
static void
assert_overlap_locally_even (const Shape *shape,
                             Reading     *reading)
{
  guint n_jurors = reading->n_jurors;
  guint n_submissions = reading->n_submissions;

  for (guint a = 0; a < n_jurors; a++)
    for (guint b = a + 1; b < n_jurors; b++)
      {
        const guint *of_a = reading->held + (gsize) a * n_submissions;
        const guint *of_b = reading->held + (gsize) b * n_submissions;

        for (guint i = 0; i < reading->load[a]; i++)
          {
            guint s = of_a[i];

            if (reads (reading, s, b) || !shape_eligible (shape, s, b))
              continue;
            if (reading->load[b] + 1 == reading->load[a])
              g_assert_false (move_improves_and_links (reading, a, b, s, NONE));
            for (guint m = 0; m < reading->load[b]; m++)
              {
                guint t = of_b[m];

                if (!reads (reading, t, a) && shape_eligible (shape, t, a))
                  g_assert_false (move_improves_and_links (reading, a, b, s, t));
              }
          }
        if (reading->load[a] + 1 == reading->load[b])
          for (guint m = 0; m < reading->load[b]; m++)
            {
              guint t = of_b[m];

              if (!reads (reading, t, a) && shape_eligible (shape, t, a))
                g_assert_false (move_improves_and_links (reading, a, b, NONE, t));
            }
      }
}

/* Every promise of a plan for SHAPE; the search for a move that would spread the
 * overlap better, the slowest check, unless QUICK. */
static void
assert_plan_checked (const Shape          *shape,
                     const JuryAssignment *plan,
                     gboolean              quick)
{
  const JuryAssignRequest *request = &shape->request;
  guint n_jurors = request->n_jurors;
  guint k = request->per_submission;
  JuryAssignOverlap overlap;
  Reading reading;
  guint lowest = G_MAXUINT, highest = 0;

  g_assert_cmpuint (plan->n_jurors, ==, n_jurors);
  g_assert_cmpuint (plan->n_submissions, ==, request->n_submissions);
  g_assert_cmpuint (plan->per_submission, ==, k);

  reading_init (&reading, plan);

  /* exactly K readers (every juror without a conflict for K = 0), none in conflict */
  for (guint s = 0; s < request->n_submissions; s++)
    {
      guint count = 0;

      for (guint j = 0; j < n_jurors; j++)
        if (reads (&reading, s, j))
          {
            g_assert_true (shape_eligible (shape, s, j));
            count++;
          }
        else if (k == 0)
          {
            g_assert_false (shape_eligible (shape, s, j));
          }
      g_assert_cmpuint (count, ==, k > 0 ? k : shape_eligible_count (shape, s));
    }

  /* the loads, and what the plan says about them */
  for (guint j = 0; j < n_jurors; j++)
    {
      lowest = MIN (lowest, reading.load[j]);
      highest = MAX (highest, reading.load[j]);
    }
  if (highest <= lowest + 1)
    {
      g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_EVEN);
      g_assert_null (plan->note);
    }
  else
    {
      g_assert_nonnull (plan->note);
      if (k == 0)
        g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_EVERY_JUROR);
      else if (plan->loads == JURY_ASSIGN_LOADS_CONFLICTS)
        g_assert_false (loads_could_be_evener (shape, &reading));
      else
        g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_LINKED);
    }

  /* linked, by our own count and by the plan's */
  g_assert_true (reading_linked (&reading));
  jury_assignment_measure (plan, &overlap);
  g_assert_cmpuint (overlap.n_groups, ==, 1);
  g_assert_cmpuint (overlap.min_load, ==, lowest);
  g_assert_cmpuint (overlap.max_load, ==, highest);

  if (k >= 2 && k < n_jurors && !quick)
    assert_overlap_locally_even (shape, &reading);

  reading_clear (&reading);
}

static void
assert_plan (const Shape          *shape,
             const JuryAssignment *plan)
{
  assert_plan_checked (shape, plan, FALSE);
}

static void
assert_same_plan (const JuryAssignment *a,
                  const JuryAssignment *b)
{
  g_assert_cmpuint (a->n_jurors, ==, b->n_jurors);
  for (guint j = 0; j < a->n_jurors; j++)
    {
      GArray *x = a->submissions[j];
      GArray *y = b->submissions[j];

      g_assert_cmpmem (x->data, x->len * sizeof (guint), y->data, y->len * sizeof (guint));
    }
  g_assert_cmpint (a->loads, ==, b->loads);
  g_assert_cmpstr (a->note, ==, b->note);
}

static gboolean
same_plan (const JuryAssignment *a,
           const JuryAssignment *b)
{
  for (guint j = 0; j < a->n_jurors; j++)
    {
      GArray *x = a->submissions[j];
      GArray *y = b->submissions[j];

      if (x->len != y->len || memcmp (x->data, y->data, x->len * sizeof (guint)) != 0)
        return FALSE;
    }

  return TRUE;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static gboolean
ascending (GArray *list)
{
  for (guint i = 1; i < list->len; i++)
    if (g_array_index (list, guint, i - 1) > g_array_index (list, guint, i))
      return FALSE;

  return TRUE;
}

/* Properties over many shapes */

/* Whether ERROR is a refusal that SHAPE deserves for a reason the test can see. */
static void
assert_refusal_deserved (const Shape  *shape,
                         const GError *error)
{
  const JuryAssignRequest *request = &shape->request;
  guint k = request->per_submission;

  g_assert_true (error->domain == JURY_ASSIGN_ERROR);
  g_test_message ("refused: %s", error->message);

  if (error->code == JURY_ASSIGN_ERROR_CONFLICTS)
    {
      gboolean short_submission = FALSE, idle_juror = FALSE;

      for (guint s = 0; s < request->n_submissions; s++)
        short_submission |= shape_eligible_count (shape, s) < MAX (k, 1);
      for (guint j = 0; j < request->n_jurors; j++)
        {
          gboolean any = FALSE;

          for (guint s = 0; s < request->n_submissions; s++)
            any |= shape_eligible (shape, s, j);
          idle_juror |= !any;
        }
      g_assert_true (short_submission || idle_juror);
    }
  else
    {
      /* Conflicts or too few submissions that part the jurors whatever the plan, or
       * "no plan was found": the test cannot tell the last from a failing search,
       * but none of its shapes is refused so. */
      g_assert_cmpint (error->code, ==, JURY_ASSIGN_ERROR_DISCONNECTED);
      g_assert_false (g_str_has_prefix (error->message, "No plan was found"));
    }
}

/* Conflicts of three kinds: at random with DENSITY; a few jurors in conflict with
 * most submissions (a star), the others at random; or by region, jurors in conflict
 * with most submissions of their own region. */
static void
add_conflicts (Shape  *shape,
               GRand  *rand,
               guint   model,
               double  density)
{
  guint n_jurors = shape->request.n_jurors;
  guint n_submissions = shape->request.n_submissions;

  if (model == 0)
    {
      for (guint s = 0; s < n_submissions; s++)
        for (guint j = 0; j < n_jurors; j++)
          if (g_rand_double (rand) < density)
            shape_conflict (shape, s, j);
    }
  else if (model == 1)
    {
      guint n_heavy = g_rand_int_range (rand, 1, MIN (n_jurors, 3) + 1);

      for (guint j = 0; j < n_jurors; j++)
        {
          double share = j < n_heavy ? g_rand_double_range (rand, 0.5, 0.97) : density / 4;

          for (guint s = 0; s < n_submissions; s++)
            if (g_rand_double (rand) < share)
              shape_conflict (shape, s, j);
        }
    }
  else
    {
      guint n_regions = g_rand_int_range (rand, 2, 5);
      double share = g_rand_double_range (rand, 0.5, 1);

      for (guint s = 0; s < n_submissions; s++)
        {
          guint region = g_rand_int_range (rand, 0, n_regions);

          for (guint j = 0; j < n_jurors; j++)
            if (j % n_regions == region && g_rand_double (rand) < share)
              shape_conflict (shape, s, j);
        }
    }
}

static void
test_properties (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251122);
  guint n_plans = 0, n_refused = 0, n_differ = 0, n_compared = 0;
  guint n_by_loads[JURY_ASSIGN_LOADS_EVERY_JUROR + 1] = { 0, };
  guint n_sorted_orders = 0;

  for (guint round = 0; round < 500; round++)
    {
      guint n_jurors = g_rand_int_range (rand, 2, 21);
      guint n_submissions = g_rand_int_range (rand, 1, 301);
      guint k_max = MIN (n_jurors, 5);
      /* K in 0, 2 … min (J, 5): K = 1 is refused, tested by hand */
      guint k = g_rand_int_range (rand, 1, k_max + 1);
      double density = g_rand_double_range (rand, 0, 0.4);
      guint64 seed = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      g_autoptr(JuryAssignment) plan = NULL;
      g_autoptr(JuryAssignment) again = NULL;
      g_autoptr(JuryAssignment) other = NULL;
      g_autoptr(GError) error = NULL;
      Shape shape;

      if (k == 1)
        k = 0;
      /* dense conflicts make sense with a choice of jurors only */
      if (k > 0)
        density *= (double) (n_jurors - k) / n_jurors;

      shape_init (&shape, n_jurors, n_submissions, k, seed);
      add_conflicts (&shape, rand, round % 3, density);

      g_test_message ("J %u, S %u, K %u, conflicts %u %.2f, seed %" G_GUINT64_FORMAT,
                      n_jurors, n_submissions, k, round % 3, density, seed);

      plan = jury_assign (&shape.request, &error);
      if (plan == NULL)
        {
          assert_refusal_deserved (&shape, error);
          n_refused++;
          shape_clear (&shape);
          continue;
        }
      g_assert_no_error (error);
      n_plans++;
      assert_plan (&shape, plan);
      n_by_loads[plan->loads]++;

      for (guint j = 0; j < n_jurors; j++)
        n_sorted_orders += plan->submissions[j]->len >= 10 && ascending (plan->submissions[j]);

      /* the same request gives the same plan; another seed another plan */
      again = jury_assign (&shape.request, NULL);
      g_assert_nonnull (again);
      assert_same_plan (plan, again);

      shape.request.seed++;
      other = jury_assign (&shape.request, NULL);
      g_assert_nonnull (other);
      assert_plan_checked (&shape, other, TRUE);
      if (n_submissions >= 10)
        {
          n_compared++;
          n_differ += !same_plan (plan, other);
        }

      shape_clear (&shape);
    }

  g_test_message ("%u plans (loads even %u, as the conflicts allow %u, uneven to link "
                  "%u, with K = 0 uneven %u), %u refused; %u of %u plans differ with "
                  "another seed", n_plans, n_by_loads[JURY_ASSIGN_LOADS_EVEN],
                  n_by_loads[JURY_ASSIGN_LOADS_CONFLICTS],
                  n_by_loads[JURY_ASSIGN_LOADS_LINKED],
                  n_by_loads[JURY_ASSIGN_LOADS_EVERY_JUROR], n_refused, n_differ, n_compared);
  g_assert_cmpuint (n_plans, >=, 400);
  g_assert_cmpuint (n_differ, ==, n_compared);
  g_assert_cmpuint (n_sorted_orders, ==, 0);
}

/* Every shape K ≥ 2 and K = 0 with a single juror, two, or K = J. */
static void
test_small_shapes (void)
{
  for (guint n_jurors = 1; n_jurors <= 6; n_jurors++)
    for (guint n_submissions = 1; n_submissions <= 8; n_submissions++)
      for (guint k = 0; k <= n_jurors; k++)
        {
          g_autoptr(JuryAssignment) plan = NULL;
          g_autoptr(GError) error = NULL;
          Shape shape;

          shape_init (&shape, n_jurors, n_submissions, k, n_jurors * 100 + n_submissions);
          plan = jury_assign (&shape.request, &error);

          if (k == 1 && n_jurors > 1)
            g_assert_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_NO_OVERLAP);
          else if (k >= 2 && n_submissions * (k - 1) < n_jurors - 1)
            g_assert_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_DISCONNECTED);
          else
            {
              g_assert_no_error (error);
              assert_plan (&shape, plan);
              /* without conflicts, even loads always */
              g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_EVEN);
            }
          shape_clear (&shape);
        }
}

/* By hand */

static void
assign_expecting_error (const Shape *shape,
                        int          code,
                        const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryAssignment) plan = jury_assign (&shape->request, &error);

  g_assert_null (plan);
  g_assert_error (error, JURY_ASSIGN_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_refusals (void)
{
  Shape shape;

  /* the example of the call for this feature */
  shape_init (&shape, 4, 3, 3, 1);
  g_free (shape.ids[1]);
  shape.ids[1] = g_strdup ("schubs");
  shape_conflict (&shape, 1, 0);
  shape_conflict (&shape, 1, 2);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_CONFLICTS,
                          "schubs: only 2 jurors without a conflict, 3 needed");
  /* two such submissions: the first, and how many more */
  shape_conflict (&shape, 2, 3);
  shape_conflict (&shape, 2, 1);
  shape_conflict (&shape, 2, 0);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_CONFLICTS,
                          "schubs: only 2 jurors without a conflict, 3 needed "
                          "(and 1 more submission like it)");
  shape_clear (&shape);

  /* K larger than the jury */
  shape_init (&shape, 2, 5, 3, 1);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_TOO_FEW_JURORS,
                          "Each submission is to be read by 3 jurors, but the jury has "
                          "only 2 jurors.");
  shape_clear (&shape);

  shape_init (&shape, 0, 5, 0, 1);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_NO_JURORS,
                          "There are no jurors to assign submissions to.");
  shape_clear (&shape);

  shape_init (&shape, 3, 0, 2, 1);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_NO_SUBMISSIONS,
                          "There are no submissions to assign.");
  shape_clear (&shape);

  /* K = 1: nobody would share anything */
  shape_init (&shape, 5, 30, 1, 1);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_NO_OVERLAP,
                          "Each submission needs at least 2 jurors: with one, no two jurors "
                          "share a submission, so scores cannot be normalised per juror and "
                          "the jurors’ agreement cannot be measured.");
  shape_clear (&shape);

  /* a juror with nothing to read */
  shape_init (&shape, 3, 4, 2, 1);
  for (guint s = 0; s < 4; s++)
    shape_conflict (&shape, s, 1);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_CONFLICTS,
                          "Juror 2 has a conflict of interest with every submission and "
                          "would read none.");
  shape_clear (&shape);

  /* too few submissions to link the jurors: 3 (K − 1) ≥ 9 needs K ≥ 4 */
  shape_init (&shape, 10, 3, 2, 1);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_DISCONNECTED,
                          "3 submissions read by 2 jurors each cannot link all 10 jurors to "
                          "each other; each needs at least 4 readers.");
  shape.request.per_submission = 4;
  {
    g_autoptr(JuryAssignment) plan = jury_assign (&shape.request, NULL);

    g_assert_nonnull (plan);
    assert_plan (&shape, plan);
  }
  shape_clear (&shape);

  /* conflicts that part the jury whatever the plan */
  shape_init (&shape, 4, 4, 2, 1);
  for (guint s = 0; s < 4; s++)
    for (guint j = 0; j < 4; j++)
      if ((s < 2) != (j < 2))
        shape_conflict (&shape, s, j);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_DISCONNECTED,
                          "The conflicts of interest leave Juror 1, Juror 2 without a "
                          "submission to share with the other jurors.");
  shape.request.per_submission = 0;
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_DISCONNECTED,
                          "The conflicts of interest leave Juror 1, Juror 2 without a "
                          "submission to share with the other jurors.");
  shape_clear (&shape);

  /* Jurors 3 and 4 can read s3 only, and two readers of s3 leave nobody to link them
   * to jurors 1 and 2: no plan exists, though the conflicts alone do not show it. */
  shape_init (&shape, 4, 3, 2, 1);
  shape_conflict (&shape, 0, 2);
  shape_conflict (&shape, 0, 3);
  shape_conflict (&shape, 1, 2);
  shape_conflict (&shape, 1, 3);
  shape_conflict (&shape, 2, 0);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_DISCONNECTED,
                          "No plan was found in which Juror 1, Juror 2 share a submission "
                          "with the other jurors: the conflicts of interest leave too "
                          "little room.");
  shape_clear (&shape);
}

static void
test_every_juror_in_conflict (void)
{
  Shape shape;

  shape_init (&shape, 5, 10, 3, 1);
  for (guint j = 0; j < 5; j++)
    shape_conflict (&shape, 7, j);
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_CONFLICTS,
                          "s8: every juror has a conflict of interest");
  shape.request.per_submission = 0;
  assign_expecting_error (&shape, JURY_ASSIGN_ERROR_CONFLICTS,
                          "s8: every juror has a conflict of interest");
  shape_clear (&shape);
}

static void
test_single_juror (void)
{
  for (guint k = 0; k <= 1; k++)
    {
      g_autoptr(JuryAssignment) plan = NULL;
      g_autofree char *text = NULL;
      Shape shape;

      shape_init (&shape, 1, 12, k, 7);
      shape_conflict (&shape, 3, 0);
      assign_expecting_error (&shape, JURY_ASSIGN_ERROR_CONFLICTS,
                              "s4: every juror has a conflict of interest");
      shape.conflicts[3] = FALSE;
      plan = jury_assign (&shape.request, NULL);
      g_assert_nonnull (plan);
      assert_plan (&shape, plan);
      g_assert_cmpuint (plan->submissions[0]->len, ==, 12);

      text = jury_assignment_describe (plan);
      g_assert_cmpstr (text, ==, "A single juror reads every submission: there are no "
                                 "other jurors to compare with.");
      shape_clear (&shape);
    }
}

static void
test_everyone_reads (void)
{
  g_autoptr(JuryAssignment) plan = NULL;
  g_autoptr(JuryAssignment) even = NULL;
  Shape shape;

  /* K = 0: each juror reads exactly what they have no conflict with */
  shape_init (&shape, 4, 20, JURY_ASSIGN_EVERY_JUROR, 3);
  for (guint s = 0; s < 8; s++)
    shape_conflict (&shape, s, 0);
  shape_conflict (&shape, 10, 1);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);
  g_assert_cmpuint (plan->submissions[0]->len, ==, 12);
  g_assert_cmpuint (plan->submissions[1]->len, ==, 19);
  g_assert_cmpuint (plan->submissions[2]->len, ==, 20);
  g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_EVERY_JUROR);
  g_assert_cmpstr (plan->note, ==,
                   "Every juror reads every submission they have no conflict of interest "
                   "with, so the conflicts decide the loads: from 12 to 20 submissions.");

  /* every juror's order is their own */
  for (guint a = 2; a < 4; a++)
    g_assert_false (ascending (plan->submissions[a]));
  g_assert_true (memcmp (plan->submissions[2]->data, plan->submissions[3]->data,
                         20 * sizeof (guint)) != 0);

  /* loads that the conflicts leave even are even */
  shape.conflicts[10 * 4 + 1] = FALSE;
  for (guint s = 0; s < 8; s++)
    {
      shape.conflicts[s * 4] = FALSE;
      shape_conflict (&shape, s, s % 4);
    }
  even = jury_assign (&shape.request, NULL);
  g_assert_nonnull (even);
  assert_plan (&shape, even);
  g_assert_cmpint (even->loads, ==, JURY_ASSIGN_LOADS_EVEN);
  g_assert_null (even->note);
  g_assert_cmpuint (even->submissions[0]->len, ==, 18);
  shape_clear (&shape);
}

static guint
load_of (const JuryAssignment *plan,
         guint                 j)
{
  return plan->submissions[j]->len;
}

/* A star of conflicts: one juror may read only 2 of 30 submissions. No plan gives the
 * six jurors 10 each; the others share the rest as evenly as it goes. */
static void
test_star (void)
{
  g_autoptr(JuryAssignment) plan = NULL;
  guint eleven = 0, twelve = 0;
  Shape shape;

  shape_init (&shape, 6, 30, 2, 11);
  for (guint s = 2; s < 30; s++)
    shape_conflict (&shape, s, 0);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);

  g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_CONFLICTS);
  g_assert_cmpuint (load_of (plan, 0), ==, 2);
  for (guint j = 1; j < 6; j++)
    {
      eleven += load_of (plan, j) == 11;
      twelve += load_of (plan, j) == 12;
    }
  /* 58 = 3 × 12 + 2 × 11 */
  g_assert_cmpuint (twelve, ==, 3);
  g_assert_cmpuint (eleven, ==, 2);
  /* which of jurors 2–6 read 12 is left to chance; each is named, up to five */
  g_assert_true (g_str_has_prefix (plan->note,
                                   "The conflicts of interest allow no even plan: the "
                                   "jurors read from 2 to 12 submissions instead of 10 "
                                   "(Juror 1 2, Juror 2 1"));
  g_assert_true (g_str_has_suffix (plan->note, ", Juror 5 11 and 1 more).") ||
                 g_str_has_suffix (plan->note, ", Juror 5 12 and 1 more)."));
  shape_clear (&shape);

  /* The other way round: 15 of 20 submissions only jurors 1–3 may read, so all three
   * read them, and jurors 4 and 5 can take no more than the 5 others: loads 17, 17,
   * 16, 5, 5 instead of 12 each. */
  shape_init (&shape, 5, 20, 3, 12);
  for (guint s = 0; s < 15; s++)
    {
      shape_conflict (&shape, s, 3);
      shape_conflict (&shape, s, 4);
    }
  g_clear_pointer (&plan, jury_assignment_free);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);
  g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_CONFLICTS);
  g_assert_cmpuint (load_of (plan, 0) + load_of (plan, 1) + load_of (plan, 2), ==, 50);
  for (guint j = 0; j < 3; j++)
    g_assert_cmpuint (load_of (plan, j), >=, 16);
  g_assert_cmpuint (load_of (plan, 3), ==, 5);
  g_assert_cmpuint (load_of (plan, 4), ==, 5);
  g_assert_true (g_str_has_prefix (plan->note,
                                   "The conflicts of interest allow no even plan: the "
                                   "jurors read from 5 to 17 submissions instead of 12 "
                                   "(Juror 1 1"));
  g_assert_true (g_str_has_suffix (plan->note, ", Juror 4 5, Juror 5 5)."));
  shape_clear (&shape);

  /* With K = 2, jurors 4 and 5 could read the 5 others, but as their only readers
   * they would share nothing with the rest: one of them reads 4. */
  shape_init (&shape, 5, 20, 2, 12);
  for (guint s = 0; s < 15; s++)
    {
      shape_conflict (&shape, s, 3);
      shape_conflict (&shape, s, 4);
    }
  g_clear_pointer (&plan, jury_assignment_free);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);
  g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_LINKED);
  g_assert_cmpuint (load_of (plan, 3) + load_of (plan, 4), ==, 9);
  for (guint j = 0; j < 3; j++)
    g_assert_cmpuint (load_of (plan, j), >=, 10);
  g_assert_true (g_str_has_prefix (plan->note, "No plan with even loads was found"));
  shape_clear (&shape);
}

/* Jurors 1, 3, 5 may read the odd submissions only, whose 6 × 3 readings are just
 * what even loads give them: every even plan parts the jury in two. The plan links it
 * with loads 5 to 7 instead. */
static void
test_linked_before_even (void)
{
  g_autoptr(JuryAssignment) plan = NULL;
  JuryAssignOverlap overlap;
  Shape shape;

  shape_init (&shape, 6, 12, 3, 5);
  for (guint s = 0; s < 12; s += 2)
    for (guint j = 0; j < 6; j += 2)
      shape_conflict (&shape, s, j);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);
  g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_LINKED);
  g_assert_true (g_str_has_prefix (plan->note,
                                   "No plan with even loads was found in which every juror "
                                   "shares submissions with the others: the jurors read "
                                   "from 5 to 7 submissions instead of 6 ("));
  jury_assignment_measure (plan, &overlap);
  g_assert_cmpuint (overlap.n_groups, ==, 1);
  g_assert_cmpuint (overlap.min_load, ==, 5);
  g_assert_cmpuint (overlap.max_load, ==, 7);
  shape_clear (&shape);
}

/* Every juror reads every submission: the same set, each in an order of their own. */
static void
test_reading_orders (void)
{
  g_autoptr(JuryAssignment) plan = NULL;
  Shape shape;

  shape_init (&shape, 15, 300, 15, 99);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);

  for (guint a = 0; a < 15; a++)
    {
      g_autoptr(GArray) sorted = g_array_copy (plan->submissions[a]);

      g_assert_cmpuint (sorted->len, ==, 300);
      g_assert_false (ascending (plan->submissions[a]));
      g_array_sort (sorted, compare_uints);
      for (guint i = 0; i < 300; i++)
        g_assert_cmpuint (g_array_index (sorted, guint, i), ==, i);
      for (guint b = a + 1; b < 15; b++)
        g_assert_true (memcmp (plan->submissions[a]->data, plan->submissions[b]->data,
                               300 * sizeof (guint)) != 0);
    }
  shape_clear (&shape);
}

/* The plan is the same on every machine: this one, of a shape with conflicts, is
 * summed up in a hash. A change to the algorithm changes it: then write the new one
 * here, once the other tests pass. */
static void
test_same_everywhere (void)
{
  g_autoptr(JuryAssignment) plan = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  Shape shape;

  shape_init (&shape, 12, 150, 3, G_GUINT64_CONSTANT (0x123456789abcdef));
  for (guint s = 0; s < 150; s++)
    for (guint j = 0; j < 12; j++)
      if (g_rand_int_range (rand, 0, 10) == 0)
        shape_conflict (&shape, s, j);
  plan = jury_assign (&shape.request, NULL);
  g_assert_nonnull (plan);
  assert_plan (&shape, plan);

  /* FNV-1a over every juror's list, in order */
  for (guint j = 0; j < 12; j++)
    {
      GArray *list = plan->submissions[j];

      for (guint i = 0; i <= list->len; i++)
        {
          guint value = i < list->len ? g_array_index (list, guint, i) : G_MAXUINT;

          hash = (hash ^ value) * G_GUINT64_CONSTANT (1099511628211);
        }
    }
  g_test_message ("plan hash %" G_GUINT64_FORMAT, hash);
  g_assert_cmpuint (hash, ==, G_GUINT64_CONSTANT (3201378667346718164));
  shape_clear (&shape);
}

/* The measure and the sentence, on plans made by hand. */
static JuryAssignment *
plan_from_lists (guint               n_jurors,
                 guint               n_submissions,
                 const guint * const lists[])
{
  JuryAssignment *plan = g_new0 (JuryAssignment, 1);

  plan->n_jurors = n_jurors;
  plan->n_submissions = n_submissions;
  plan->per_submission = 2;
  plan->submissions = g_new0 (GArray *, n_jurors);
  for (guint j = 0; j < n_jurors; j++)
    {
      plan->submissions[j] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 1; i <= lists[j][0]; i++)
        g_array_append_val (plan->submissions[j], lists[j][i]);
    }

  return plan;
}

static void
test_measure (void)
{
  /* lists: length, then the submissions */
  static const guint even_a[] = { 3, 0, 1, 2 }, even_b[] = { 3, 0, 3, 4 },
                     even_c[] = { 3, 1, 3, 5 }, even_d[] = { 3, 2, 4, 5 };
  static const guint *even[] = { even_a, even_b, even_c, even_d };
  static const guint chain_a[] = { 2, 0, 1 }, chain_b[] = { 2, 1, 2 },
                     chain_c[] = { 2, 2, 3 }, chain_d[] = { 2, 3, 0 };
  static const guint *chain[] = { chain_a, chain_b, chain_c, chain_d };
  static const guint apart_a[] = { 2, 0, 1 }, apart_b[] = { 2, 0, 1 },
                     apart_c[] = { 2, 2, 3 }, apart_d[] = { 2, 2, 3 };
  static const guint *apart[] = { apart_a, apart_b, apart_c, apart_d };
  static const guint mixed_a[] = { 3, 0, 1, 2 }, mixed_b[] = { 2, 0, 1 },
                     mixed_c[] = { 1, 2 };
  static const guint *mixed[] = { mixed_a, mixed_b, mixed_c };
  JuryAssignOverlap overlap;

  /* 6 submissions, 4 jurors, K = 2: every pair shares one (a 2-(4, 2, 1) design) */
  {
    g_autoptr(JuryAssignment) plan = plan_from_lists (4, 6, even);
    g_autofree char *text = jury_assignment_describe (plan);

    jury_assignment_measure (plan, &overlap);
    g_assert_cmpuint (overlap.n_groups, ==, 1);
    g_assert_cmpuint (overlap.n_pairs, ==, 6);
    g_assert_cmpuint (overlap.n_pairs_apart, ==, 0);
    g_assert_cmpuint (overlap.min_shared, ==, 1);
    g_assert_cmpuint (overlap.max_shared, ==, 1);
    g_assert_cmpfloat (overlap.mean_shared, ==, 1);
    g_assert_cmpuint (overlap.min_load, ==, 3);
    g_assert_cmpuint (overlap.max_load, ==, 3);
    g_assert_cmpstr (text, ==, "Every two jurors share 1 submission.");
  }
  /* a ring: linked, but opposite jurors share nothing */
  {
    g_autoptr(JuryAssignment) plan = plan_from_lists (4, 4, chain);
    g_autofree char *text = jury_assignment_describe (plan);

    jury_assignment_measure (plan, &overlap);
    g_assert_cmpuint (overlap.n_groups, ==, 1);
    g_assert_cmpuint (overlap.n_pairs_apart, ==, 2);
    g_assert_cmpuint (overlap.min_shared, ==, 0);
    g_assert_cmpuint (overlap.max_shared, ==, 1);
    g_assert_cmpfloat_with_epsilon (overlap.mean_shared, 4.0 / 6, 1e-12);
    g_assert_cmpstr (text, ==, "The jurors are linked through shared submissions, but 2 of "
                               "6 pairs of jurors share none; the others share up to 1, 1.0 "
                               "on average.");
  }
  /* two pairs of jurors that never meet */
  {
    g_autoptr(JuryAssignment) plan = plan_from_lists (4, 4, apart);
    g_autofree char *text = jury_assignment_describe (plan);

    jury_assignment_measure (plan, &overlap);
    g_assert_cmpuint (overlap.n_groups, ==, 2);
    g_assert_cmpuint (overlap.n_pairs_apart, ==, 4);
    g_assert_cmpuint (overlap.max_shared, ==, 2);
    g_assert_cmpstr (text, ==, "The jurors fall into 2 groups that share no submission: "
                               "normalised scores and agreement compare jurors only within a "
                               "group.");
  }
  /* uneven sharing */
  {
    g_autoptr(JuryAssignment) plan = plan_from_lists (3, 3, mixed);
    g_autofree char *text = jury_assignment_describe (plan);

    jury_assignment_measure (plan, &overlap);
    g_assert_cmpuint (overlap.n_groups, ==, 1);
    g_assert_cmpuint (overlap.min_shared, ==, 0);
    g_assert_cmpuint (overlap.n_pairs_apart, ==, 1);
    g_assert_cmpuint (overlap.min_load, ==, 1);
    g_assert_cmpuint (overlap.max_load, ==, 3);
    g_assert_cmpstr (text, ==, "The jurors are linked through shared submissions, but 1 of "
                               "3 pairs of jurors share none; the others share up to 2, 1.5 "
                               "on average.");
  }
}

/* 50 jurors, 10,000 submissions, K = 3 in well under a second (a debug build under a
 * sanitizer is slower: the bound is generous); 15 × 300 at once. */
static void
test_speed (void)
{
  static const struct {
    guint  n_jurors, n_submissions, k;
    double density;
    double bound;
  } cases[] = {
    { 50, 10000, 3, 0,    10 },
    { 50, 10000, 3, 0.2,  10 },
    { 15, 300,   3, 0,    0.5 },
    { 15, 300,   3, 0.3,  0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (i);
      g_autoptr(JuryAssignment) plan = NULL;
      g_autofree char *text = NULL;
      JuryAssignOverlap overlap;
      gint64 start;
      double seconds;
      Shape shape;

      shape_init (&shape, cases[i].n_jurors, cases[i].n_submissions, cases[i].k, i);
      for (gsize c = 0; c < (gsize) cases[i].n_jurors * cases[i].n_submissions; c++)
        shape.conflicts[c] = g_rand_double (rand) < cases[i].density;

      start = g_get_monotonic_time ();
      plan = jury_assign (&shape.request, NULL);
      seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      g_assert_nonnull (plan);

      jury_assignment_measure (plan, &overlap);
      text = jury_assignment_describe (plan);
      g_test_message ("%u jurors × %u submissions, K = %u, conflicts %.1f: %.3f s; %s",
                      cases[i].n_jurors, cases[i].n_submissions, cases[i].k,
                      cases[i].density, seconds, text);
      g_assert_cmpfloat (seconds, <, cases[i].bound);
      g_assert_cmpint (plan->loads, ==, JURY_ASSIGN_LOADS_EVEN);
      g_assert_cmpuint (overlap.n_groups, ==, 1);
      g_assert_cmpuint (overlap.max_shared - overlap.min_shared, <=, 1);
      shape_clear (&shape);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assign/properties", test_properties);
  g_test_add_func ("/assign/small-shapes", test_small_shapes);
  g_test_add_func ("/assign/refusals", test_refusals);
  g_test_add_func ("/assign/every-juror-in-conflict", test_every_juror_in_conflict);
  g_test_add_func ("/assign/single-juror", test_single_juror);
  g_test_add_func ("/assign/everyone-reads", test_everyone_reads);
  g_test_add_func ("/assign/star", test_star);
  g_test_add_func ("/assign/linked-before-even", test_linked_before_even);
  g_test_add_func ("/assign/reading-orders", test_reading_orders);
  g_test_add_func ("/assign/same-everywhere", test_same_everywhere);
  g_test_add_func ("/assign/measure", test_measure);
  g_test_add_func ("/assign/speed", test_speed);

  return g_test_run ();
}
