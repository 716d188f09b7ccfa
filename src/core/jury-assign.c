/* jury-assign.c: who reads which submission
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a plan promises, for K > 0, in this order of priority:
 * 1. Every submission is read by exactly K jurors, none of them in conflict with it,
 *    nobody twice.
 * 2. Linked jurors: the graph whose nodes are the jurors, linked when they share a
 *    submission, is connected. Per-juror z-scores can only relate jurors whose scales
 *    meet on submissions read in common, directly or through others, and alpha needs
 *    submissions with several values; a jury in two parts is two juries whose scores
 *    normalisation would wrongly treat as one. When no linked plan is found, there is
 *    no plan: an error names the jurors left apart.
 * 3. Even loads (submissions per juror): they differ by at most one. When conflicts
 *    make that impossible, the plan is made anyway, as even as any plan can be (no
 *    juror could read one more while a juror with at least two more reads one fewer,
 *    however the others are rearranged; this makes the largest load as small, and the
 *    smallest as large, as they can be), loads says JURY_ASSIGN_LOADS_CONFLICTS and the
 *    note names who reads fewer or more. A juror in conflict with most submissions is
 *    a fact the programme manager cannot change, and dropping that juror is their
 *    choice: a plan that says so helps them more than a refusal. When the most even
 *    loads found would leave jurors apart, linking wins: the loads are evened as far
 *    as keeping the jurors linked allows, and loads says JURY_ASSIGN_LOADS_LINKED.
 * 4. Even overlap, the criterion for "connected well": λ(a, b) is the number of
 *    submissions jurors a and b share. Its sum over all pairs is fixed, S · K (K − 1) / 2,
 *    so the plan spreads it by making Σ λ(a, b)² small, which reaches its least value
 *    when every two jurors share equally many (give or take one), as in a balanced
 *    incomplete block design. The plan is a local minimum: no exchange of two jurors
 *    between two submissions, and no hand-over of a submission to a juror with one
 *    fewer (both keep the loads), lowers Σ λ² and keeps the jurors linked. The tests
 *    check this move by move. The search stops early when every λ is within one of
 *    the others (nothing can be better), and after a fixed amount of work, the same on
 *    every machine, far beyond what 300 submissions need; a plan as large as 50 jurors
 *    × 10,000 submissions usually ends with every pair sharing 24 or 25.
 *    jury_assignment_measure() reports the least, mean and most that a pair shares,
 *    the pairs that share nothing and the groups of linked jurors.
 *
 * K = 1 is refused when there is more than one juror: nobody would share a
 * submission, so neither normalisation nor agreement could say anything.
 * K = 0 means that every juror reads every submission they have no conflict with: the
 * loads then follow from the conflicts (JURY_ASSIGN_LOADS_EVERY_JUROR and a note when
 * they differ by more than one), and the plan is refused only when a submission has
 * no reader, a juror nothing to read, or the conflicts leave jurors apart.
 *
 * How (K > 0):
 * - Refusals the request alone decides: no jurors, no submissions, K > J, K = 1, a
 *   submission with fewer than K jurors without a conflict, a juror in conflict with
 *   every submission, fewer submissions than can link the jurors (S (K − 1) < J − 1),
 *   or conflicts that part the jurors whatever the plan.
 * - Greedy: submissions that fewer than 2 K jurors may read first, the rest in a
 *   random order; each gets, one by one, the least loaded juror who may read it, among
 *   those the one who shares least with the readers chosen so far, ties at random.
 * - Balance: a juror u takes a submission from a juror y when u may read it and does
 *   not; a chain of such takings moves one unit of load from its end to its start and
 *   changes no one else's. While a chain leads from a juror to one with at least two
 *   more, it is applied. The load vectors of the plans of a request are the integer
 *   points of a polymatroid's base polytope, on which such exchanges reach the most
 *   even vector (Frank and Murota, "Discrete decreasing minimization"); the chains are
 *   found by breadth-first search over a J × J table of how many submissions each
 *   juror could take from each other one.
 * - Link: while the jurors fall into groups, a move between the smallest group and the
 *   rest that joins groups: first an exchange or a hand-over that keeps the loads,
 *   else a hand-over that changes them as little as possible; then the loads are
 *   evened again with chains after which the jurors are still linked.
 * - Spread: for each pair of jurors (a, b), in a random order, the best move between
 *   them that lowers Σ λ² and keeps the jurors linked, pass after pass until none is
 *   left. With w(x) = λ(b, x) − λ(a, x) + 1, b taking s from a changes Σ λ² by
 *   2 G₁(s), G₁(s) = Σ w(x) over the other readers of s; a taking t from b by 2 G₂(t),
 *   G₂(t) = Σ (2 − w(y)) over the other readers of t; and the exchange of both by
 *   2 (G₁(s) + G₂(t) − 2 c), c ≤ K − 1 being the readers s and t have in common. With
 *   G₁ and G₂ sorted, only pairs (s, t) with G₁ + G₂ < 2 (K − 1) need a look.
 * - Reading order: each juror's submissions, sorted, then shuffled.
 * All randomness comes from xoshiro256** seeded through splitmix64 with the request's
 * seed, and every loop and sort runs in an order fixed by the data: the same request
 * gives the same plan on every machine.
 */

#define G_LOG_DOMAIN "jury-assign"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jury-assign.h"

#define NO_JUROR G_MAXUINT

/* Names in a message before "and N more". */
#define MAX_NAMED 5

/* Steps of work (a move considered, or J² for one tried) for joining two groups of
 * jurors before giving up. */
#define LINK_BUDGET G_GUINT64_CONSTANT (20000000)

/* Steps of work (a submission's readers summed, or a pair of submissions compared)
 * for spreading the overlap: 300 submissions need less than 1,000,000. */
#define SPREAD_BUDGET G_GUINT64_CONSTANT (20000000)

typedef struct
{
  guint64 s[4];
} Rng;

typedef struct
{
  guint           n_jurors;
  guint           n_submissions;
  guint           k;
  const gboolean *conflicts;
  Rng             rng;
  guint8         *holds;     /* [s * J + j]: j reads s */
  guint          *readers;   /* [s * K + i]: the K readers of s, NO_JUROR while empty */
  guint          *load;      /* [j] */
  guint          *held;      /* [j * S + i], i < load[j]: what j reads, in no order */
  guint          *position;  /* [s * J + j]: where s sits in j's row of held */
  int            *shared;    /* [a * J + b]: λ(a, b) */
  int            *takes;     /* [x * J + y]: submissions y reads that x could take */
  guint          *group;     /* [j], scratch for plan_groups */
  guint          *queue;     /* [j], scratch */
} Plan;

typedef enum
{
  MOVE_EXCHANGE,   /* a gives s to b, b gives t to a */
  MOVE_A_TO_B,     /* a gives s to b */
  MOVE_B_TO_A,     /* b gives t to a */
} MoveKind;

typedef struct
{
  int      gain;   /* the change of Σ λ², halved; < 0 improves */
  guint    order;  /* ties by the order found */
  MoveKind kind;
  guint    s;
  guint    t;
} Move;

typedef struct
{
  int   key;
  guint index;
} Keyed;

G_DEFINE_QUARK (jury-assign-error-quark, jury_assign_error)

/* Randomness: splitmix64 and xoshiro256**, as published by Blackman and Vigna. */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed)
{
  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotate_left (guint64 x,
             int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotate_left (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotate_left (s[3], 45);

  return result;
}

/* Uniform in [0, n), without the bias of a plain modulo. */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  guint64 limit;
  guint64 x;

  g_assert (n > 0);

  limit = G_MAXUINT64 - G_MAXUINT64 % n;
  do
    x = rng_next (rng);
  while (x >= limit);

  return (guint) (x % n);
}

static void
shuffle (Rng   *rng,
         guint *values,
         guint  n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = rng_below (rng, i);
      guint swap = values[i - 1];

      values[i - 1] = values[j];
      values[j] = swap;
    }
}

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *x = a;
  const Keyed *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;

  return (x->index > y->index) - (x->index < y->index);
}

static int
compare_uints (const void *a,
               const void *b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static int
compare_moves (const void *a,
               const void *b)
{
  const Move *x = a;
  const Move *y = b;

  if (x->gain != y->gain)
    return x->gain < y->gain ? -1 : 1;

  return (x->order > y->order) - (x->order < y->order);
}

static inline gboolean
request_eligible (const JuryAssignRequest *request,
                  guint                    s,
                  guint                    j)
{
  return request->conflicts == NULL || !request->conflicts[(gsize) s * request->n_jurors + j];
}

/* Messages */

/* "Anna Berg, Ben Kuhn and 3 more" for the jurors whose MEMBERS entry equals WHICH. */
static char *
name_jurors (const JuryAssignRequest *request,
             const guint             *members,
             guint                    which)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint named = 0;
  guint more = 0;

  for (guint j = 0; j < request->n_jurors; j++)
    {
      if (members[j] != which)
        continue;
      if (named == MAX_NAMED)
        {
          more++;
          continue;
        }
      if (named > 0)
        g_string_append (text, ", ");
      g_string_append (text, request->juror_names[j]);
      named++;
    }

  if (more > 0)
    {
      g_string_append (text, " ");
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", more), more);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The refusal for jurors that no plan links: names the smallest group. */
static void
set_disconnected_error (const JuryAssignRequest  *request,
                        const guint              *group,
                        guint                     n_groups,
                        gboolean                  certain,
                        GError                  **error)
{
  g_autofree guint *sizes = g_new0 (guint, n_groups);
  g_autofree char *names = NULL;
  guint smallest = 0;

  for (guint j = 0; j < request->n_jurors; j++)
    sizes[group[j]]++;
  for (guint g = 1; g < n_groups; g++)
    if (sizes[g] < sizes[smallest])
      smallest = g;

  names = name_jurors (request, group, smallest);
  if (certain)
    g_set_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_DISCONNECTED,
                 ngettext ("The conflicts of interest leave %s without a submission to "
                           "share with the other jurors.",
                           "The conflicts of interest leave %s without a submission to "
                           "share with the other jurors.", sizes[smallest]),
                 names);
  else
    g_set_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_DISCONNECTED,
                 ngettext ("No plan was found in which %s shares a submission with the "
                           "other jurors: the conflicts of interest leave too little room.",
                           "No plan was found in which %s share a submission with the "
                           "other jurors: the conflicts of interest leave too little room.",
                           sizes[smallest]),
                 names);
}

/* Groups of jurors linked through the submissions they may read: in every plan, two
 * jurors in different groups are apart. The number of groups, numbered in GROUP in
 * the order of their first juror. */
static guint
eligible_groups (const JuryAssignRequest *request,
                 guint                   *group)
{
  guint n_jurors = request->n_jurors;
  g_autofree guint *root = g_new (guint, n_jurors);
  guint n_groups = 0;

  /* union-find; each root is the least juror of its group */
  for (guint j = 0; j < n_jurors; j++)
    root[j] = j;

  for (guint s = 0; s < request->n_submissions; s++)
    {
      guint first = NO_JUROR;

      for (guint j = 0; j < n_jurors; j++)
        {
          guint a, b;

          if (!request_eligible (request, s, j))
            continue;
          if (first == NO_JUROR)
            {
              first = j;
              continue;
            }
          for (a = first; root[a] != a; a = root[a])
            root[a] = root[root[a]];
          for (b = j; root[b] != b; b = root[b])
            root[b] = root[root[b]];
          if (a != b)
            root[MAX (a, b)] = MIN (a, b);
        }
    }

  for (guint j = 0; j < n_jurors; j++)
    {
      guint r = j;

      while (root[r] != r)
        r = root[r];
      group[j] = r == j ? n_groups++ : group[r];
    }

  return n_groups;
}

/* Every refusal that the request alone decides. */
static gboolean
check_request (const JuryAssignRequest  *request,
               GError                  **error)
{
  guint n_jurors = request->n_jurors;
  guint n_submissions = request->n_submissions;
  guint k = request->per_submission;
  guint first_short = NO_JUROR;
  guint first_short_count = 0;
  guint n_short = 0;
  g_autofree guint *group = NULL;
  guint n_groups;

  if (n_jurors == 0)
    {
      g_set_error_literal (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_NO_JURORS,
                           _("There are no jurors to assign submissions to."));
      return FALSE;
    }
  if (n_submissions == 0)
    {
      g_set_error_literal (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_NO_SUBMISSIONS,
                           _("There are no submissions to assign."));
      return FALSE;
    }
  if (k > n_jurors)
    {
      g_set_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_TOO_FEW_JURORS,
                   ngettext ("Each submission is to be read by %u jurors, but the jury "
                             "has only %u juror.",
                             "Each submission is to be read by %u jurors, but the jury "
                             "has only %u jurors.", n_jurors),
                   k, n_jurors);
      return FALSE;
    }
  if (k == 1 && n_jurors > 1)
    {
      g_set_error_literal (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_NO_OVERLAP,
                           _("Each submission needs at least 2 jurors: with one, no two "
                             "jurors share a submission, so scores cannot be normalised "
                             "per juror and the jurors’ agreement cannot be measured."));
      return FALSE;
    }

  for (guint s = 0; s < n_submissions; s++)
    {
      guint count = 0;

      for (guint j = 0; j < n_jurors; j++)
        count += request_eligible (request, s, j);
      if (count == 0 || count < k)
        {
          if (n_short++ == 0)
            {
              first_short = s;
              first_short_count = count;
            }
        }
    }
  if (n_short > 0)
    {
      const char *id = request->submission_ids[first_short];
      g_autofree char *first = NULL;

      if (first_short_count == 0)
        first = g_strdup_printf (_("%s: every juror has a conflict of interest"), id);
      else
        first = g_strdup_printf (ngettext ("%s: only %u juror without a conflict, %u needed",
                                           "%s: only %u jurors without a conflict, %u needed",
                                           first_short_count),
                                 id, first_short_count, k);
      if (n_short == 1)
        g_set_error_literal (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_CONFLICTS, first);
      else
        g_set_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_CONFLICTS,
                     ngettext ("%s (and %u more submission like it)",
                               "%s (and %u more submissions like it)", n_short - 1),
                     first, n_short - 1);
      return FALSE;
    }

  if (n_jurors > 1)
    {
      for (guint j = 0; j < n_jurors; j++)
        {
          gboolean any = FALSE;

          for (guint s = 0; s < n_submissions && !any; s++)
            any = request_eligible (request, s, j);
          if (!any)
            {
              g_set_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_CONFLICTS,
                           _("%s has a conflict of interest with every submission and "
                             "would read none."),
                           request->juror_names[j]);
              return FALSE;
            }
        }
    }

  /* S submissions of K readers each link at most S (K − 1) + 1 jurors. */
  if (k >= 2 && (guint64) n_submissions * (k - 1) < n_jurors - 1)
    {
      guint needed = 1 + (n_jurors - 1 + n_submissions - 1) / n_submissions;

      g_set_error (error, JURY_ASSIGN_ERROR, JURY_ASSIGN_ERROR_DISCONNECTED,
                   ngettext ("%u submission read by %u jurors cannot link all %u jurors "
                             "to each other; it needs at least %u readers.",
                             "%u submissions read by %u jurors each cannot link all %u "
                             "jurors to each other; each needs at least %u readers.",
                             n_submissions),
                   n_submissions, k, n_jurors, needed);
      return FALSE;
    }

  group = g_new (guint, n_jurors);
  n_groups = eligible_groups (request, group);
  if (n_groups > 1)
    {
      set_disconnected_error (request, group, n_groups, TRUE, error);
      return FALSE;
    }

  return TRUE;
}

/* The plan while it is made (K > 0) */

static inline gboolean
eligible (const Plan *plan,
          guint       s,
          guint       j)
{
  return plan->conflicts == NULL || !plan->conflicts[(gsize) s * plan->n_jurors + j];
}

static inline gboolean
holds (const Plan *plan,
       guint       s,
       guint       j)
{
  return plan->holds[(gsize) s * plan->n_jurors + j];
}

static inline guint *
readers_of (const Plan *plan,
            guint       s)
{
  return plan->readers + (gsize) s * plan->k;
}

static inline guint *
held_by (const Plan *plan,
         guint       j)
{
  return plan->held + (gsize) j * plan->n_submissions;
}

static void
plan_init (Plan                    *plan,
           const JuryAssignRequest *request)
{
  gsize cells = (gsize) request->n_submissions * request->n_jurors;
  gsize square = (gsize) request->n_jurors * request->n_jurors;

  memset (plan, 0, sizeof *plan);
  plan->n_jurors = request->n_jurors;
  plan->n_submissions = request->n_submissions;
  plan->k = request->per_submission;
  plan->conflicts = request->conflicts;
  rng_init (&plan->rng, request->seed);
  plan->holds = g_new0 (guint8, cells);
  plan->readers = g_new (guint, (gsize) request->n_submissions * plan->k);
  plan->load = g_new0 (guint, request->n_jurors);
  plan->held = g_new (guint, cells);
  plan->position = g_new (guint, cells);
  plan->shared = g_new0 (int, square);
  plan->takes = g_new0 (int, square);
  plan->group = g_new (guint, request->n_jurors);
  plan->queue = g_new (guint, request->n_jurors);

  for (gsize i = 0; i < (gsize) request->n_submissions * plan->k; i++)
    plan->readers[i] = NO_JUROR;
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->holds, g_free);
  g_clear_pointer (&plan->readers, g_free);
  g_clear_pointer (&plan->load, g_free);
  g_clear_pointer (&plan->held, g_free);
  g_clear_pointer (&plan->position, g_free);
  g_clear_pointer (&plan->shared, g_free);
  g_clear_pointer (&plan->takes, g_free);
  g_clear_pointer (&plan->group, g_free);
  g_clear_pointer (&plan->queue, g_free);
}

/* J reads S in the empty SLOT. */
static void
attach (Plan  *plan,
        guint  s,
        guint  slot,
        guint  j)
{
  guint n_jurors = plan->n_jurors;
  guint *readers = readers_of (plan, s);

  g_assert (readers[slot] == NO_JUROR);
  g_assert (!holds (plan, s, j) && eligible (plan, s, j));

  for (guint i = 0; i < plan->k; i++)
    {
      guint z = readers[i];

      if (z == NO_JUROR)
        continue;
      plan->shared[j * n_jurors + z]++;
      plan->shared[z * n_jurors + j]++;
      plan->takes[j * n_jurors + z]--;
    }
  for (guint x = 0; x < n_jurors; x++)
    if (x != j && !holds (plan, s, x) && eligible (plan, s, x))
      plan->takes[x * n_jurors + j]++;

  readers[slot] = j;
  plan->holds[(gsize) s * n_jurors + j] = TRUE;
  plan->position[(gsize) s * n_jurors + j] = plan->load[j];
  held_by (plan, j)[plan->load[j]++] = s;
}

/* Whoever reads S in SLOT stops reading it. */
static void
detach (Plan  *plan,
        guint  s,
        guint  slot)
{
  guint n_jurors = plan->n_jurors;
  guint *readers = readers_of (plan, s);
  guint j = readers[slot];
  guint *row;
  guint at, last;

  g_assert (j != NO_JUROR);

  /* the last of j's row takes the place of s */
  row = held_by (plan, j);
  at = plan->position[(gsize) s * n_jurors + j];
  last = row[--plan->load[j]];
  row[at] = last;
  plan->position[(gsize) last * n_jurors + j] = at;
  readers[slot] = NO_JUROR;
  plan->holds[(gsize) s * n_jurors + j] = FALSE;

  for (guint i = 0; i < plan->k; i++)
    {
      guint z = readers[i];

      if (z == NO_JUROR)
        continue;
      plan->shared[j * n_jurors + z]--;
      plan->shared[z * n_jurors + j]--;
      plan->takes[j * n_jurors + z]++;
    }
  for (guint x = 0; x < n_jurors; x++)
    if (x != j && !holds (plan, s, x) && eligible (plan, s, x))
      plan->takes[x * n_jurors + j]--;
}

/* TO reads S instead of FROM. */
static void
hand_over (Plan  *plan,
           guint  s,
           guint  from,
           guint  to)
{
  guint *readers = readers_of (plan, s);
  guint slot = 0;

  while (readers[slot] != from)
    slot++;
  g_assert (slot < plan->k);

  detach (plan, s, slot);
  attach (plan, s, slot, to);
}

/* Groups of jurors linked through shared submissions, numbered in plan->group; the
 * number of groups. */
static guint
plan_groups (Plan *plan)
{
  guint n_jurors = plan->n_jurors;
  guint n_groups = 0;

  for (guint j = 0; j < n_jurors; j++)
    plan->group[j] = NO_JUROR;

  for (guint start = 0; start < n_jurors; start++)
    {
      guint head = 0, tail = 0;

      if (plan->group[start] != NO_JUROR)
        continue;
      plan->group[start] = n_groups;
      plan->queue[tail++] = start;
      while (head < tail)
        {
          guint x = plan->queue[head++];
          const int *row = plan->shared + x * n_jurors;

          for (guint y = 0; y < n_jurors; y++)
            if (row[y] > 0 && plan->group[y] == NO_JUROR)
              {
                plan->group[y] = n_groups;
                plan->queue[tail++] = y;
              }
        }
      n_groups++;
    }

  return n_groups;
}

/* Greedy */

static void
plan_greedy (Plan *plan)
{
  guint n_jurors = plan->n_jurors;
  guint n_submissions = plan->n_submissions;
  g_autofree Keyed *order = g_new (Keyed, n_submissions);
  g_autofree guint *by_rank = g_new (guint, n_submissions);

  /* Submissions that few jurors may read first, by their number, the others after
   * them in a random order: sorting them all by the number would take them in blocks
   * of alike conflicts (a region's submissions, say), and the jurors that a block
   * leaves out would then read the next one together. */
  for (guint s = 0; s < n_submissions; s++)
    by_rank[s] = s;
  shuffle (&plan->rng, by_rank, n_submissions);
  for (guint r = 0; r < n_submissions; r++)
    {
      guint s = by_rank[r];
      guint count = 0;

      for (guint j = 0; j < n_jurors; j++)
        count += eligible (plan, s, j);
      order[r].key = (int) MIN (count, 2 * plan->k);
      order[r].index = r;
    }
  qsort (order, n_submissions, sizeof *order, compare_keyed);

  for (guint i = 0; i < n_submissions; i++)
    {
      guint s = by_rank[order[i].index];
      guint *readers = readers_of (plan, s);

      for (guint slot = 0; slot < plan->k; slot++)
        {
          guint best = NO_JUROR;
          guint best_load = 0;
          int best_shared = 0;
          guint ties = 0;

          for (guint j = 0; j < n_jurors; j++)
            {
              int sum = 0;

              if (holds (plan, s, j) || !eligible (plan, s, j))
                continue;
              for (guint r = 0; r < slot; r++)
                sum += plan->shared[j * n_jurors + readers[r]];

              if (best == NO_JUROR || plan->load[j] < best_load ||
                  (plan->load[j] == best_load && sum < best_shared))
                {
                  best = j;
                  best_load = plan->load[j];
                  best_shared = sum;
                  ties = 1;
                }
              else if (plan->load[j] == best_load && sum == best_shared &&
                       rng_below (&plan->rng, ++ties) == 0)
                {
                  best = j;
                }
            }

          g_assert (best != NO_JUROR);
          attach (plan, s, slot, best);
        }
    }
}

/* Balance */

/* Searches the takings from U: PARENT leads back to U from every juror reached, and
 * TARGETS holds those reached whose load is at least two more than U's, the most
 * loaded first; their number. */
static guint
find_chains (Plan  *plan,
             guint  u,
             guint *parent,
             Keyed *targets)
{
  guint n_jurors = plan->n_jurors;
  guint *queue = plan->queue;
  guint head = 0, tail = 0;
  guint n_targets = 0;

  for (guint j = 0; j < n_jurors; j++)
    parent[j] = NO_JUROR;
  parent[u] = u;
  queue[tail++] = u;

  while (head < tail)
    {
      guint x = queue[head++];
      const int *row = plan->takes + x * n_jurors;

      for (guint y = 0; y < n_jurors; y++)
        {
          if (row[y] <= 0 || parent[y] != NO_JUROR)
            continue;
          parent[y] = x;
          queue[tail++] = y;
          if (plan->load[y] >= plan->load[u] + 2)
            {
              targets[n_targets].key = -(int) plan->load[y];
              targets[n_targets++].index = y;
            }
        }
    }

  qsort (targets, n_targets, sizeof *targets, compare_keyed);

  return n_targets;
}

/* Each juror on the chain from U to TARGET takes a submission from the next one,
 * starting at the end: the next one then still reads all it read, so what it could
 * give is still there. The hand-overs go to TRAIL (submission, from, to). */
static void
pass_along (Plan        *plan,
            guint        u,
            guint        target,
            const guint *parent,
            GArray      *trail)
{
  guint y = target;

  while (y != u)
    {
      guint x = parent[y];
      const guint *row = held_by (plan, y);
      guint chosen = NO_JUROR;
      guint seen = 0;

      for (guint i = 0; i < plan->load[y]; i++)
        {
          guint s = row[i];

          if (!holds (plan, s, x) && eligible (plan, s, x) &&
              rng_below (&plan->rng, ++seen) == 0)
            chosen = s;
        }
      g_assert (chosen != NO_JUROR);
      hand_over (plan, chosen, y, x);
      g_array_append_vals (trail, (guint[]) { chosen, y, x }, 3);
      y = x;
    }
}

static void
undo_trail (Plan   *plan,
            GArray *trail)
{
  for (guint i = trail->len; i >= 3; i -= 3)
    {
      const guint *step = &g_array_index (trail, guint, i - 3);

      hand_over (plan, step[0], step[2], step[1]);
    }
}

/* Applies chains from less to more loaded jurors until none is left; with
 * KEEP_LINKED, only those after which the jurors are still linked. */
static void
plan_balance (Plan     *plan,
              gboolean  keep_linked)
{
  guint n_jurors = plan->n_jurors;
  g_autofree guint *parent = g_new (guint, n_jurors);
  g_autofree Keyed *order = g_new (Keyed, n_jurors);
  g_autofree Keyed *targets = g_new (Keyed, n_jurors);
  g_autoptr(GArray) trail = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean changed = TRUE;

  while (changed)
    {
      guint lowest = G_MAXUINT, highest = 0;

      for (guint j = 0; j < n_jurors; j++)
        {
          lowest = MIN (lowest, plan->load[j]);
          highest = MAX (highest, plan->load[j]);
        }
      if (highest <= lowest + 1)
        return;

      for (guint j = 0; j < n_jurors; j++)
        {
          order[j].key = (int) plan->load[j];
          order[j].index = j;
        }
      qsort (order, n_jurors, sizeof *order, compare_keyed);

      changed = FALSE;
      for (guint i = 0; i < n_jurors; i++)
        {
          guint u = order[i].index;
          gboolean applied = TRUE;

          while (applied)
            {
              guint n_targets = find_chains (plan, u, parent, targets);

              applied = FALSE;
              for (guint c = 0; c < n_targets && !applied; c++)
                {
                  g_array_set_size (trail, 0);
                  pass_along (plan, u, targets[c].index, parent, trail);
                  if (!keep_linked || plan_groups (plan) == 1)
                    applied = TRUE;
                  else
                    undo_trail (plan, trail);
                }
              changed |= applied;
            }
        }
    }
}

/* Moves between two jurors */

/* Applies MOVE between A and B; applying it again undoes it. */
static void
apply_move (Plan       *plan,
            guint       a,
            guint       b,
            const Move *move)
{
  switch (move->kind)
    {
    case MOVE_EXCHANGE:
      hand_over (plan, move->s, a, b);
      hand_over (plan, move->t, b, a);
      break;
    case MOVE_A_TO_B:
      hand_over (plan, move->s, a, b);
      break;
    case MOVE_B_TO_A:
      hand_over (plan, move->t, b, a);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
undo_move (Plan       *plan,
           guint       a,
           guint       b,
           const Move *move)
{
  switch (move->kind)
    {
    case MOVE_EXCHANGE:
      hand_over (plan, move->s, b, a);
      hand_over (plan, move->t, a, b);
      break;
    case MOVE_A_TO_B:
      hand_over (plan, move->s, b, a);
      break;
    case MOVE_B_TO_A:
      hand_over (plan, move->t, a, b);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Whether MOVE between A and B, just applied, left a pair of jurors that shared a
 * submission sharing none: only then can the jurors have come apart. */
static gboolean
move_parted (const Plan *plan,
             guint       a,
             guint       b,
             const Move *move)
{
  guint n_jurors = plan->n_jurors;

  if (move->kind != MOVE_B_TO_A)
    {
      /* a left s: a and the others there */
      const guint *readers = readers_of (plan, move->s);

      for (guint i = 0; i < plan->k; i++)
        if (readers[i] != b && plan->shared[a * n_jurors + readers[i]] == 0)
          return TRUE;
    }
  if (move->kind != MOVE_A_TO_B)
    {
      const guint *readers = readers_of (plan, move->t);

      for (guint i = 0; i < plan->k; i++)
        if (readers[i] != a && plan->shared[b * n_jurors + readers[i]] == 0)
          return TRUE;
    }

  return FALSE;
}

/* Link */

static gboolean
try_link (Plan       *plan,
          guint       a,
          guint       b,
          const Move *move,
          guint       n_groups)
{
  apply_move (plan, a, b, move);
  if (plan_groups (plan) < n_groups)
    return TRUE;
  undo_move (plan, a, b, move);

  return FALSE;
}

/* Tries the moves between A, in the group to be joined, and B, outside it, that keep
 * the loads as they are. The rows of held are read from SNAPSHOT, a copy: a move that
 * is undone may reorder held itself. TRUE when a move joined two groups. */
static gboolean
link_pair (Plan        *plan,
           guint        a,
           guint        b,
           const guint *snapshot,
           const guint *loads,
           guint        n_groups,
           guint64     *work)
{
  guint tried_cost = plan->n_jurors * plan->n_jurors;
  const guint *of_a = snapshot + (gsize) a * plan->n_submissions;
  const guint *of_b = snapshot + (gsize) b * plan->n_submissions;

  for (guint i = 0; i < loads[a] && *work < LINK_BUDGET; i++)
    {
      guint s = of_a[i];
      gboolean b_may_read_s = !holds (plan, s, b) && eligible (plan, s, b);

      (*work)++;
      if (!b_may_read_s)
        continue;
      if (loads[b] + 1 == loads[a])
        {
          Move move = { 0, 0, MOVE_A_TO_B, s, 0 };

          *work += tried_cost;
          if (try_link (plan, a, b, &move, n_groups))
            return TRUE;
        }

      for (guint m = 0; m < loads[b] && *work < LINK_BUDGET; m++)
        {
          guint t = of_b[m];
          Move move = { 0, 0, MOVE_EXCHANGE, s, t };

          (*work)++;
          if (holds (plan, t, a) || !eligible (plan, t, a))
            continue;
          *work += tried_cost;
          if (try_link (plan, a, b, &move, n_groups))
            return TRUE;
        }
    }

  if (loads[a] + 1 == loads[b])
    for (guint m = 0; m < loads[b] && *work < LINK_BUDGET; m++)
      {
        guint t = of_b[m];
        Move move = { 0, 0, MOVE_B_TO_A, 0, t };

        (*work)++;
        if (holds (plan, t, a) || !eligible (plan, t, a))
          continue;
        *work += tried_cost;
        if (try_link (plan, a, b, &move, n_groups))
          return TRUE;
      }

  return FALSE;
}

/* Hand-overs across the border of the group SMALLEST that change the loads, those
 * that even them least first: from a juror X to a juror Y, Σ load² grows by
 * 2 (load[Y] − load[X] + 1). TRUE when one joined two groups. */
static gboolean
link_unevenly (Plan        *plan,
               const guint *group,
               guint        smallest,
               const guint *snapshot,
               const guint *loads,
               guint        n_groups,
               guint64     *work)
{
  guint n_jurors = plan->n_jurors;
  guint tried_cost = n_jurors * n_jurors;
  g_autofree Keyed *pairs = g_new (Keyed, (gsize) n_jurors * n_jurors);
  guint n_pairs = 0;

  for (guint x = 0; x < n_jurors; x++)
    for (guint y = 0; y < n_jurors; y++)
      if ((group[x] == smallest) != (group[y] == smallest))
        {
          pairs[n_pairs].key = (int) loads[y] - (int) loads[x];
          pairs[n_pairs++].index = x * n_jurors + y;
        }
  qsort (pairs, n_pairs, sizeof *pairs, compare_keyed);

  for (guint p = 0; p < n_pairs; p++)
    {
      guint x = pairs[p].index / n_jurors;
      guint y = pairs[p].index % n_jurors;
      const guint *of_x = snapshot + (gsize) x * plan->n_submissions;

      for (guint i = 0; i < loads[x] && *work < LINK_BUDGET; i++)
        {
          guint s = of_x[i];
          Move move = { 0, 0, MOVE_A_TO_B, s, 0 };

          (*work)++;
          if (holds (plan, s, y) || !eligible (plan, s, y))
            continue;
          *work += tried_cost;
          if (try_link (plan, x, y, &move, n_groups))
            return TRUE;
        }
    }

  return FALSE;
}

/* Joins the groups of jurors, one move at a time, each between the smallest group and
 * the rest: moves that keep the loads first, then those that change them, and then
 * *UNEVEN is set. FALSE when no move was found. */
static gboolean
plan_link (Plan     *plan,
           gboolean *uneven)
{
  guint n_jurors = plan->n_jurors;
  g_autofree guint *sizes = g_new (guint, n_jurors);
  g_autofree guint *group = g_new (guint, n_jurors);
  guint n_groups;
  guint64 even_work = 0;
  guint64 uneven_work = 0;

  while ((n_groups = plan_groups (plan)) > 1)
    {
      g_autofree guint *snapshot = NULL;
      g_autofree guint *loads = NULL;
      guint smallest = 0;
      gboolean linked = FALSE;

      memcpy (group, plan->group, n_jurors * sizeof (guint));
      memset (sizes, 0, n_jurors * sizeof (guint));
      for (guint j = 0; j < n_jurors; j++)
        sizes[group[j]]++;
      for (guint g = 1; g < n_groups; g++)
        if (sizes[g] < sizes[smallest])
          smallest = g;

      snapshot = g_memdup2 (plan->held, (gsize) n_jurors * plan->n_submissions * sizeof (guint));
      loads = g_memdup2 (plan->load, n_jurors * sizeof (guint));

      for (guint a = 0; a < n_jurors && !linked; a++)
        for (guint b = 0; b < n_jurors && !linked && group[a] == smallest; b++)
          if (group[b] != smallest)
            linked = link_pair (plan, a, b, snapshot, loads, n_groups, &even_work);

      if (!linked)
        {
          /* The plans with these loads that were searched leave jurors apart. */
          linked = link_unevenly (plan, group, smallest, snapshot, loads, n_groups,
                                  &uneven_work);
          *uneven |= linked;
        }

      if (!linked)
        return FALSE;
    }

  return TRUE;
}

/* Spread */

/* Keeps MOVE in MOVES: with ALL, beside the others; else only when it is the best. */
static void
offer_move (GArray     *moves,
            gboolean    all,
            const Move *move)
{
  if (all)
    g_array_append_val (moves, *move);
  else if (moves->len == 0)
    g_array_append_val (moves, *move);
  else if (compare_moves (move, &g_array_index (moves, Move, 0)) < 0)
    g_array_index (moves, Move, 0) = *move;
}

/* The moves between A and B that lower Σ λ², best first, into MOVES: ALL of them, or
 * only the best. The work done is added to WORK. */
static void
collect_moves (Plan     *plan,
               guint     a,
               guint     b,
               gboolean  all,
               int      *w,
               Keyed    *gives,
               Keyed    *takes,
               GArray   *moves,
               guint64  *work)
{
  guint n_jurors = plan->n_jurors;
  guint k = plan->k;
  int bound = 2 * (int) (k - 1);
  guint n_gives = 0, n_takes = 0;
  guint found = 0;
  const guint *row;

  g_array_set_size (moves, 0);

  for (guint x = 0; x < n_jurors; x++)
    w[x] = plan->shared[b * n_jurors + x] - plan->shared[a * n_jurors + x] + 1;

  /* G₁(s): a gives s to b */
  row = held_by (plan, a);
  for (guint i = 0; i < plan->load[a]; i++)
    {
      guint s = row[i];
      const guint *readers = readers_of (plan, s);
      int sum = 0;

      if (holds (plan, s, b) || !eligible (plan, s, b))
        continue;
      for (guint r = 0; r < k; r++)
        if (readers[r] != a)
          sum += w[readers[r]];
      gives[n_gives].key = sum;
      gives[n_gives++].index = s;
    }
  /* G₂(t): b gives t to a */
  row = held_by (plan, b);
  for (guint i = 0; i < plan->load[b]; i++)
    {
      guint t = row[i];
      const guint *readers = readers_of (plan, t);
      int sum = 0;

      if (holds (plan, t, a) || !eligible (plan, t, a))
        continue;
      for (guint r = 0; r < k; r++)
        if (readers[r] != b)
          sum += 2 - w[readers[r]];
      takes[n_takes].key = sum;
      takes[n_takes++].index = t;
    }
  *work += (guint64) (plan->load[a] + plan->load[b]) * k;

  qsort (gives, n_gives, sizeof *gives, compare_keyed);
  qsort (takes, n_takes, sizeof *takes, compare_keyed);

  if (plan->load[b] + 1 == plan->load[a])
    for (guint i = 0; i < n_gives && gives[i].key < 0; i++)
      {
        Move move = { gives[i].key, found++, MOVE_A_TO_B, gives[i].index, 0 };

        offer_move (moves, all, &move);
      }
  if (plan->load[a] + 1 == plan->load[b])
    for (guint i = 0; i < n_takes && takes[i].key < 0; i++)
      {
        Move move = { takes[i].key, found++, MOVE_B_TO_A, 0, takes[i].index };

        offer_move (moves, all, &move);
      }

  /* An exchange gains G₁ + G₂ − 2c with c ≤ K − 1 shared readers. */
  for (guint i = 0; i < n_gives && n_takes > 0 && gives[i].key + takes[0].key < bound; i++)
    {
      guint s = gives[i].index;
      const guint *readers = readers_of (plan, s);

      for (guint m = 0; m < n_takes && gives[i].key + takes[m].key < bound; m++)
        {
          guint t = takes[m].index;
          int common = 0;
          int gain;

          for (guint r = 0; r < k; r++)
            common += readers[r] != a && holds (plan, t, readers[r]);
          gain = gives[i].key + takes[m].key - 2 * common;
          (*work)++;
          if (gain < 0)
            {
              Move move = { gain, found++, MOVE_EXCHANGE, s, t };

              offer_move (moves, all, &move);
            }
        }
    }

  if (all)
    g_array_sort (moves, compare_moves);
}

/* Whether every two jurors share equally many submissions, give or take one: as the
 * sum of λ is fixed, no plan has a smaller Σ λ² then. */
static gboolean
overlap_even (const Plan *plan)
{
  guint n_jurors = plan->n_jurors;
  int lowest = G_MAXINT, highest = G_MININT;

  for (guint a = 0; a < n_jurors; a++)
    for (guint b = a + 1; b < n_jurors; b++)
      {
        lowest = MIN (lowest, plan->shared[a * n_jurors + b]);
        highest = MAX (highest, plan->shared[a * n_jurors + b]);
      }

  return highest <= lowest + 1;
}

/* Lowers Σ λ² by moves between pairs of jurors until none is left or the work is
 * done; the jurors stay linked. */
static void
plan_spread (Plan *plan)
{
  guint n_jurors = plan->n_jurors;
  guint n_submissions = plan->n_submissions;
  guint n_pairs = n_jurors * (n_jurors - 1) / 2;
  g_autofree guint *pairs = g_new (guint, n_pairs);
  g_autofree int *w = g_new (int, n_jurors);
  g_autofree Keyed *gives = g_new (Keyed, n_submissions);
  g_autofree Keyed *takes = g_new (Keyed, n_submissions);
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (Move));
  guint64 work = 0;
  gboolean improved = TRUE;
  gboolean even;

  if (plan->k < 2 || plan->k >= n_jurors)
    return;
  even = overlap_even (plan);

  for (guint i = 0; i < n_pairs; i++)
    pairs[i] = i;

  while (improved && work < SPREAD_BUDGET && !even)
    {
      improved = FALSE;
      shuffle (&plan->rng, pairs, n_pairs);

      for (guint p = 0; p < n_pairs && work < SPREAD_BUDGET && !even; p++)
        {
          /* pair number → (a, b), a < b, row by row */
          guint a = 0, b, rest = pairs[p];
          gboolean improved_pair = FALSE;

          while (rest >= n_jurors - 1 - a)
            {
              rest -= n_jurors - 1 - a;
              a++;
            }
          b = a + 1 + rest;

          /* The best move, and only when it parts the jurors all the others. */
          for (guint all = FALSE; all <= TRUE && !improved_pair; all++)
            {
              collect_moves (plan, a, b, all, w, gives, takes, moves, &work);
              for (guint m = 0; m < moves->len && !improved_pair; m++)
                {
                  const Move *move = &g_array_index (moves, Move, m);

                  apply_move (plan, a, b, move);
                  if (!move_parted (plan, a, b, move) || plan_groups (plan) == 1)
                    improved_pair = TRUE;
                  else
                    undo_move (plan, a, b, move);
                }
              if (moves->len == 0)
                break;
            }

          if (improved_pair)
            {
              improved = TRUE;
              even = overlap_even (plan);
            }
        }
    }

  if (work >= SPREAD_BUDGET)
    g_debug ("Spreading the overlap stopped after %" G_GUINT64_FORMAT " steps", work);
}

/* The plan */

static JuryAssignment *
assignment_new (const JuryAssignRequest *request)
{
  JuryAssignment *assignment = g_new0 (JuryAssignment, 1);

  assignment->n_jurors = request->n_jurors;
  assignment->n_submissions = request->n_submissions;
  assignment->per_submission = request->per_submission;
  assignment->submissions = g_new0 (GArray *, request->n_jurors);
  for (guint j = 0; j < request->n_jurors; j++)
    assignment->submissions[j] = g_array_new (FALSE, FALSE, sizeof (guint));

  return assignment;
}

/* Each juror's submissions in a reading order of their own. */
static void
shuffle_orders (JuryAssignment *assignment,
                Rng            *rng)
{
  for (guint j = 0; j < assignment->n_jurors; j++)
    {
      GArray *list = assignment->submissions[j];

      qsort (list->data, list->len, sizeof (guint), compare_uints);
      shuffle (rng, (guint *) (void *) list->data, list->len);
    }
}

/* Sets loads and note. LINKED: loads were made uneven to link the jurors. */
static void
describe_loads (JuryAssignment          *assignment,
                const JuryAssignRequest *request,
                gboolean                 linked)
{
  guint n_jurors = assignment->n_jurors;
  guint lowest = G_MAXUINT, highest = 0;
  guint64 total = 0;
  guint even_low, even_high;
  g_autoptr(GString) list = NULL;
  g_autofree char *even = NULL;
  guint named = 0, more = 0;

  for (guint j = 0; j < n_jurors; j++)
    {
      guint load = assignment->submissions[j]->len;

      lowest = MIN (lowest, load);
      highest = MAX (highest, load);
      total += load;
    }

  if (highest <= lowest + 1)
    {
      assignment->loads = JURY_ASSIGN_LOADS_EVEN;
      return;
    }

  if (assignment->per_submission == JURY_ASSIGN_EVERY_JUROR)
    {
      assignment->loads = JURY_ASSIGN_LOADS_EVERY_JUROR;
      assignment->note = g_strdup_printf (
        ngettext ("Every juror reads every submission they have no conflict of interest "
                  "with, so the conflicts decide the loads: from %u to %u submission.",
                  "Every juror reads every submission they have no conflict of interest "
                  "with, so the conflicts decide the loads: from %u to %u submissions.",
                  highest),
        lowest, highest);
      return;
    }

  assignment->loads = linked ? JURY_ASSIGN_LOADS_LINKED : JURY_ASSIGN_LOADS_CONFLICTS;
  even_low = (guint) (total / n_jurors);
  even_high = even_low + (total % n_jurors != 0);

  /* Who reads fewer or more than an even plan would give them. */
  list = g_string_new (NULL);
  for (guint j = 0; j < n_jurors; j++)
    {
      guint load = assignment->submissions[j]->len;

      if (load >= even_low && load <= even_high)
        continue;
      if (named == MAX_NAMED)
        {
          more++;
          continue;
        }
      if (named++ > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a juror's name and the number of submissions they read */
      g_string_append_printf (list, _("%s %u"), request->juror_names[j], load);
    }
  if (more > 0)
    {
      g_string_append (list, " ");
      g_string_append_printf (list, ngettext ("and %u more", "and %u more", more), more);
    }

  if (even_low == even_high)
    even = g_strdup_printf ("%u", even_low);
  else
    /* TRANSLATORS: the loads of an even plan, as in "instead of 20 or 21" */
    even = g_strdup_printf (_("%u or %u"), even_low, even_high);

  if (linked)
    assignment->note = g_strdup_printf (
      ngettext ("No plan with even loads was found in which every juror shares "
                "submissions with the others: the jurors read from %u to %u submission "
                "instead of %s (%s).",
                "No plan with even loads was found in which every juror shares "
                "submissions with the others: the jurors read from %u to %u submissions "
                "instead of %s (%s).", highest),
      lowest, highest, even, list->str);
  else
    assignment->note = g_strdup_printf (
      ngettext ("The conflicts of interest allow no even plan: the jurors read from %u "
                "to %u submission instead of %s (%s).",
                "The conflicts of interest allow no even plan: the jurors read from %u "
                "to %u submissions instead of %s (%s).", highest),
      lowest, highest, even, list->str);
}

/* K = 0: every juror reads what they have no conflict with; check_request() has
 * made sure that this links the jurors. */
static JuryAssignment *
assign_everyone (const JuryAssignRequest *request)
{
  g_autoptr(JuryAssignment) assignment = assignment_new (request);
  Rng rng;

  for (guint j = 0; j < request->n_jurors; j++)
    for (guint s = 0; s < request->n_submissions; s++)
      if (request_eligible (request, s, j))
        g_array_append_val (assignment->submissions[j], s);

  rng_init (&rng, request->seed);
  shuffle_orders (assignment, &rng);
  describe_loads (assignment, request, FALSE);

  return g_steal_pointer (&assignment);
}

/* Public API */

JuryAssignment *
jury_assign (const JuryAssignRequest  *request,
             GError                  **error)
{
  g_autoptr(JuryAssignment) assignment = NULL;
  gboolean uneven = FALSE;
  Plan plan;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->n_jurors == 0 || request->juror_names != NULL, NULL);
  g_return_val_if_fail (request->n_submissions == 0 || request->submission_ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_request (request, error))
    return NULL;

  if (request->per_submission == JURY_ASSIGN_EVERY_JUROR)
    return assign_everyone (request);

  plan_init (&plan, request);
  plan_greedy (&plan);
  plan_balance (&plan, FALSE);
  if (!plan_link (&plan, &uneven))
    {
      set_disconnected_error (request, plan.group, plan_groups (&plan), FALSE, error);
      plan_clear (&plan);
      return NULL;
    }
  if (uneven)
    plan_balance (&plan, TRUE);
  plan_spread (&plan);
  g_assert (plan_groups (&plan) == 1);

  assignment = assignment_new (request);
  for (guint j = 0; j < plan.n_jurors; j++)
    g_array_append_vals (assignment->submissions[j], held_by (&plan, j), plan.load[j]);
  shuffle_orders (assignment, &plan.rng);
  describe_loads (assignment, request, uneven);
  plan_clear (&plan);

  return g_steal_pointer (&assignment);
}

void
jury_assignment_free (JuryAssignment *assignment)
{
  if (assignment == NULL)
    return;

  for (guint j = 0; j < assignment->n_jurors; j++)
    g_array_unref (assignment->submissions[j]);
  g_free (assignment->submissions);
  g_free (assignment->note);
  g_free (assignment);
}

void
jury_assignment_measure (const JuryAssignment *assignment,
                         JuryAssignOverlap    *overlap)
{
  guint n_jurors;
  guint n_submissions;
  g_autofree guint *shared = NULL;
  g_autofree guint *offset = NULL;
  g_autofree guint *readers = NULL;
  g_autofree guint *root = NULL;
  guint64 sum = 0;

  g_return_if_fail (assignment != NULL);
  g_return_if_fail (overlap != NULL);

  n_jurors = assignment->n_jurors;
  n_submissions = assignment->n_submissions;
  memset (overlap, 0, sizeof *overlap);
  overlap->mean_shared = NAN;
  overlap->n_pairs = n_jurors * (n_jurors - 1) / 2;
  overlap->min_load = n_jurors > 0 ? G_MAXUINT : 0;

  /* The readers of each submission, by counting sort. */
  offset = g_new0 (guint, (gsize) n_submissions + 1);
  for (guint j = 0; j < n_jurors; j++)
    {
      GArray *list = assignment->submissions[j];

      overlap->min_load = MIN (overlap->min_load, list->len);
      overlap->max_load = MAX (overlap->max_load, list->len);
      for (guint i = 0; i < list->len; i++)
        offset[g_array_index (list, guint, i) + 1]++;
    }
  for (guint s = 0; s < n_submissions; s++)
    offset[s + 1] += offset[s];
  readers = g_new (guint, offset[n_submissions] + 1);
  {
    g_autofree guint *fill = g_memdup2 (offset, ((gsize) n_submissions + 1) * sizeof (guint));

    for (guint j = 0; j < n_jurors; j++)
      {
        GArray *list = assignment->submissions[j];

        for (guint i = 0; i < list->len; i++)
          readers[fill[g_array_index (list, guint, i)]++] = j;
      }
  }

  shared = g_new0 (guint, (gsize) n_jurors * n_jurors);
  for (guint s = 0; s < n_submissions; s++)
    for (guint x = offset[s]; x < offset[s + 1]; x++)
      for (guint y = x + 1; y < offset[s + 1]; y++)
        {
          shared[readers[x] * n_jurors + readers[y]]++;
          shared[readers[y] * n_jurors + readers[x]]++;
        }

  root = g_new (guint, n_jurors);
  for (guint j = 0; j < n_jurors; j++)
    root[j] = j;
  overlap->min_shared = overlap->n_pairs > 0 ? G_MAXUINT : 0;
  for (guint a = 0; a < n_jurors; a++)
    for (guint b = a + 1; b < n_jurors; b++)
      {
        guint count = shared[a * n_jurors + b];

        overlap->min_shared = MIN (overlap->min_shared, count);
        overlap->max_shared = MAX (overlap->max_shared, count);
        sum += count;
        if (count == 0)
          {
            overlap->n_pairs_apart++;
          }
        else
          {
            guint x = a, y = b;

            while (root[x] != x)
              x = root[x];
            while (root[y] != y)
              y = root[y];
            if (x != y)
              root[MAX (x, y)] = MIN (x, y);
          }
      }
  for (guint j = 0; j < n_jurors; j++)
    overlap->n_groups += root[j] == j;
  if (overlap->n_pairs > 0)
    overlap->mean_shared = (double) sum / overlap->n_pairs;
}

char *
jury_assignment_describe (const JuryAssignment *assignment)
{
  JuryAssignOverlap overlap;

  g_return_val_if_fail (assignment != NULL, NULL);

  jury_assignment_measure (assignment, &overlap);

  if (assignment->n_jurors < 2)
    return g_strdup (_("A single juror reads every submission: there are no other jurors "
                       "to compare with."));
  if (overlap.n_groups > 1)
    return g_strdup_printf (
      ngettext ("The jurors fall into %u groups that share no submission: normalised "
                "scores and agreement compare jurors only within a group.",
                "The jurors fall into %u groups that share no submission: normalised "
                "scores and agreement compare jurors only within a group.",
                overlap.n_groups),
      overlap.n_groups);
  if (overlap.n_pairs_apart > 0)
    return g_strdup_printf (
      ngettext ("The jurors are linked through shared submissions, but %u of %u pairs of "
                "jurors share none; the others share up to %u, %.1f on average.",
                "The jurors are linked through shared submissions, but %u of %u pairs of "
                "jurors share none; the others share up to %u, %.1f on average.",
                overlap.n_pairs),
      overlap.n_pairs_apart, overlap.n_pairs, overlap.max_shared,
      overlap.mean_shared * overlap.n_pairs / (overlap.n_pairs - overlap.n_pairs_apart));
  if (overlap.min_shared == overlap.max_shared)
    return g_strdup_printf (
      ngettext ("Every two jurors share %u submission.",
                "Every two jurors share %u submissions.", overlap.min_shared),
      overlap.min_shared);

  return g_strdup_printf (
    ngettext ("Every two jurors share from %u to %u submission, %.1f on average.",
              "Every two jurors share from %u to %u submissions, %.1f on average.",
              overlap.max_shared),
    overlap.min_shared, overlap.max_shared, overlap.mean_shared);
}
