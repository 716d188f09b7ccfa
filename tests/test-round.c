/* test-round.c: tests of a round with invitations: the jury, the plan, the
 * invitations, the keyed chains, the hand-ins and their receipts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-round"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "jury-csv.h"
#include "jury-merge.h"
#include "jury-round.h"
#include "jury-store-copy.h"
#include "jury-store-round.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"
#include "jury-test-util.h"

#define N_JURORS 6
#define PER_SUBMISSION 3

typedef struct
{
  char       *dir;
  GFile      *call;
  char       *panel_path;
  JuryStore  *panel;
  GStrv       ids;         /* the invited jurors, in the order of juror_names */
  char       *note;
} Fixture;

static const char * const juror_names[N_JURORS] = {
  "Anna Berg", "Bernd Köhler", "Chiara Rossi", "Dilek Aydın", "Emil Hansen", "Frieda Lang",
};

/* Helpers */

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->call = jury_test_sample_file ();
  f->dir = jury_test_make_tmp_dir ("test-round-XXXXXX");
  f->panel_path = path_in (f, "panel.jury");
  f->panel = jury_store_new_panel (f->panel_path, f->call, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_is_panel (f->panel));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->panel);
  jury_test_remove_tree (f->dir);

  g_free (f->dir);
  g_free (f->panel_path);
  g_free (f->note);
  g_strfreev (f->ids);
  g_clear_object (&f->call);
}

/* The six jurors, three per submission; Anna Berg must not read "schubs". */
static void
invite_six (Fixture *f,
            guint64  seed)
{
  const char * const anna_conflicts[] = { "schubs", NULL };
  JuryInvitee invitees[N_JURORS];
  g_autoptr(GError) error = NULL;

  for (guint j = 0; j < N_JURORS; j++)
    invitees[j] = (JuryInvitee) { juror_names[j], NULL, j == 0 ? anna_conflicts : NULL };

  g_assert_true (jury_round_invite (f->panel, invitees, N_JURORS, PER_SUBMISSION, seed, &f->ids, &f->note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (f->ids), ==, N_JURORS);
}

/* The invitation of the juror at INDEX, written to NAME in the fixture's folder. */
static char *
write_invitation (Fixture    *f,
                  guint       index,
                  const char *name)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_round_write_invitation (f->panel, f->ids[index], path, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static JuryStore *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  JuryStore *store = jury_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static GPtrArray *
submission_ids (JuryStore *store)
{
  const char *juror_id = jury_store_is_panel (store) ? NULL : jury_store_get_sole_juror_id (store);
  g_autoptr(GPtrArray) rows = jury_store_list_submissions (store, juror_id, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (((JurySubmissionRow *) g_ptr_array_index (rows, i))->id));

  return ids;
}

/* Scores every criterion of SUBMISSION_ID with VALUE and marks the review done. */
static gboolean
score (JuryStore   *store,
       const char  *submission_id,
       int          value,
       GError     **error)
{
  const JuryCall *call = jury_store_get_call (store);
  const char *juror_id = jury_store_get_sole_juror_id (store);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);

  for (guint i = 0; i < call->criteria->len; i++)
    g_ptr_array_add (changes, jury_change_new_score (juror_id, submission_id,
                                                     ((JuryCriterion *) g_ptr_array_index (call->criteria, i))->id,
                                                     value));
  g_ptr_array_add (changes, jury_change_new_flag (JURY_CHANGE_DONE, juror_id, submission_id, TRUE));

  return jury_store_apply (store, (JuryChange * const *) changes->pdata, changes->len, error);
}

/* Scores N of the juror's submissions (all: G_MAXUINT). */
static void
work_on (JuryStore *store,
         guint      n)
{
  g_autoptr(GPtrArray) ids = submission_ids (store);

  for (guint i = 0; i < ids->len && i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (score (store, g_ptr_array_index (ids, i), 1 + i % 5, &error));
      g_assert_no_error (error);
    }
}

static JuryMergeReport *
merge (Fixture            *f,
       const char * const *paths,
       JuryMergeFlags      flags)
{
  g_autoptr(GError) error = NULL;
  JuryMergeReport *report;

  /* The merge works on the file; the fixture's connection sees its result. */
  report = jury_merge_files_full (f->panel_path, paths, flags, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);

      g_test_message ("%s: %d %s", entry->path, entry->outcome, entry->reason != NULL ? entry->reason : "");
    }

  return report;
}

/* The only entry of REPORT is refused, for a reason that says PART. */
static void
assert_refused (const JuryMergeReport *report,
                const char            *part)
{
  const JuryMergeEntry *entry;

  g_assert_false (report->written);
  g_assert_cmpuint (report->entries->len, ==, 1);
  entry = g_ptr_array_index (report->entries, 0);
  g_assert_cmpint (entry->outcome, ==, JURY_MERGE_REFUSED);
  g_assert_null (entry->receipt);
  jury_test_assert_contains (entry->reason, part);
}

static JuryJurorStatus *
find_status (GPtrArray  *statuses,
             const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      JuryJurorStatus *status = g_ptr_array_index (statuses, i);

      if (g_str_equal (status->id, id))
        return status;
    }

  return NULL;
}

static GPtrArray *
list_status (Fixture *f)
{
  g_autoptr(JuryStore) panel = jury_store_open_read_only (f->panel_path, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses;

  g_assert_nonnull (panel);
  statuses = jury_round_list_status (panel, &error);
  g_assert_no_error (error);

  return statuses;
}

/* Tests */

/* Six jurors, three per submission: every submission read by exactly three of
 * them, loads differing by at most one, the conflict kept, the same plan in the
 * invitations as in the panel. */
static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  guint n_submissions = jury_store_get_call (f->panel)->n_submissions;
  g_autoptr(GHashTable) readers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) statuses = NULL;
  guint min_load = G_MAXUINT, max_load = 0, total = 0;

  g_assert_false (jury_round_has_invitations (f->panel));
  invite_six (f, 7);
  g_assert_true (jury_round_has_invitations (f->panel));
  g_assert_nonnull (f->note);

  statuses = list_status (f);
  g_assert_cmpuint (statuses->len, ==, N_JURORS);
  for (guint j = 0; j < N_JURORS; j++)
    {
      JuryJurorStatus *status = find_status (statuses, f->ids[j]);
      g_autofree char *name = g_strdup_printf ("juror-%u.jury", j);
      g_autofree char *path = write_invitation (f, j, name);
      g_autoptr(JuryStore) invitation = open_ok (path);
      g_autoptr(GPtrArray) ids = submission_ids (invitation);
      g_autoptr(GPtrArray) assigned = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (status);
      g_assert_cmpstr (status->name, ==, juror_names[j]);
      g_assert_true (status->invited);
      g_assert_null (status->handed_in);
      g_assert_cmpuint (status->complete, ==, 0);

      /* The invitation is a juror's database for this juror alone. */
      g_assert_false (jury_store_is_panel (invitation));
      g_assert_cmpstr (jury_store_get_sole_juror_id (invitation), ==, f->ids[j]);
      g_assert_true (jury_store_verify (invitation, &error));
      g_assert_no_error (error);

      /* It lists the juror's submissions, in the order of the plan. */
      assigned = jury_store_list_assigned (f->panel, f->ids[j], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, assigned->len);
      g_assert_cmpuint (ids->len, ==, status->assigned);
      for (guint i = 0; i < ids->len; i++)
        {
          g_assert_cmpstr (g_ptr_array_index (ids, i), ==, g_ptr_array_index (assigned, i));
          g_hash_table_replace (readers, g_strdup (g_ptr_array_index (ids, i)),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (readers,
                                                                    g_ptr_array_index (ids, i))) + 1));
          if (j == 0)
            g_assert_cmpstr (g_ptr_array_index (ids, i), !=, "schubs");
        }

      min_load = MIN (min_load, ids->len);
      max_load = MAX (max_load, ids->len);
      total += ids->len;
    }

  g_assert_cmpuint (total, ==, n_submissions * PER_SUBMISSION);
  g_assert_cmpuint (max_load - min_load, <=, 1);
  g_assert_cmpuint (g_hash_table_size (readers), ==, n_submissions);
  {
    GHashTableIter iter;
    gpointer count;

    g_hash_table_iter_init (&iter, readers);
    while (g_hash_table_iter_next (&iter, NULL, &count))
      g_assert_cmpuint (GPOINTER_TO_UINT (count), ==, PER_SUBMISSION);
  }
}

/* Each invitation lists the juror's submissions in an order of its own, and the
 * same seed makes the same plan. */
static void
test_plan_seed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other_path = path_in (f, "other.jury");
  g_autoptr(JuryStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) other_ids = NULL;
  gboolean same_order = TRUE;

  invite_six (f, 42);
  other = jury_store_new_panel (other_path, f->call, NULL, &error);
  g_assert_no_error (error);
  {
    JuryInvitee invitees[N_JURORS];
    const char * const anna_conflicts[] = { "schubs", NULL };

    for (guint j = 0; j < N_JURORS; j++)
      invitees[j] = (JuryInvitee) { juror_names[j], NULL, j == 0 ? anna_conflicts : NULL };
    g_assert_true (jury_round_invite (other, invitees, N_JURORS, PER_SUBMISSION, 42, &other_ids, NULL, &error));
    g_assert_no_error (error);
  }

  for (guint j = 0; j < N_JURORS; j++)
    {
      g_autoptr(GPtrArray) ours = jury_store_list_assigned (f->panel, f->ids[j], NULL);
      g_autoptr(GPtrArray) theirs = jury_store_list_assigned (other, other_ids[j], NULL);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      g_assert_cmpuint (ours->len, ==, theirs->len);
      for (guint i = 0; i < ours->len; i++)
        g_assert_cmpstr (g_ptr_array_index (ours, i), ==, g_ptr_array_index (theirs, i));

      /* Not the call's order, for every juror alike. */
      for (guint i = 0; i < ours->len; i++)
        g_ptr_array_add (sorted, g_ptr_array_index (ours, i));
      g_ptr_array_sort (sorted, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < ours->len && same_order; i++)
        same_order = g_ptr_array_index (ours, i) == g_ptr_array_index (sorted, i);
    }
  g_assert_false (same_order);
}

/* When the plan cannot be made nobody is invited. */
static void
test_infeasible (Fixture       *f,
                 gconstpointer  data)
{
  const char * const all_but_one[] = { "schubs", NULL };
  JuryInvitee invitees[3] = {
    { "Anna Berg", NULL, all_but_one },
    { "Bernd Köhler", NULL, all_but_one },
    { "Chiara Rossi", NULL, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_false (jury_round_invite (f->panel, invitees, 3, 2, 1, &ids, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  jury_test_assert_contains (error->message, "schubs");
  g_assert_null (ids);
  g_assert_false (jury_round_has_invitations (f->panel));
  statuses = list_status (f);
  g_assert_cmpuint (statuses->len, ==, 0);
}

/* The juror scores only what the plan gave them; the form would not take more. */
static void
test_invitation_scope (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(JuryStore) invitation = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *outside = NULL;
  guint done, total;

  invite_six (f, 3);
  path = write_invitation (f, 0, "anna.jury");
  invitation = open_ok (path);
  ids = submission_ids (invitation);

  /* "schubs" is Anna's conflict: never hers to read. */
  g_assert_false (score (invitation, "schubs", 3, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) all = submission_ids (f->panel);

    for (guint i = 0; i < all->len && outside == NULL; i++)
      if (!g_ptr_array_find_with_equal_func (ids, g_ptr_array_index (all, i), g_str_equal, NULL) &&
          !g_str_equal (g_ptr_array_index (all, i), "schubs"))
        outside = g_ptr_array_index (all, i);
    g_assert_nonnull (outside);
    g_assert_false (score (invitation, outside, 3, &error));
    g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);

    /* In one batch after a submission of hers, which is then not written either. */
    {
      const char *juror_id = jury_store_get_sole_juror_id (invitation);
      const char *criterion_id = ((JuryCriterion *) g_ptr_array_index (jury_store_get_call (invitation)->criteria, 0))->id;
      g_autoptr(JuryChange) mine = jury_change_new_score (juror_id, g_ptr_array_index (ids, 0), criterion_id, 4);
      g_autoptr(JuryChange) not_mine = jury_change_new_score (juror_id, outside, criterion_id, 4);
      JuryChange *changes[] = { mine, not_mine };
      g_autoptr(JuryReview) review = NULL;

      g_assert_false (jury_store_apply (invitation, changes, G_N_ELEMENTS (changes), &error));
      g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      review = jury_store_get_review (invitation, juror_id, g_ptr_array_index (ids, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpint (review->scores[0], ==, JURY_NO_SCORE);
    }
  }

  work_on (invitation, 2);
  jury_store_get_progress (invitation, jury_store_get_sole_juror_id (invitation), &done, &total);
  g_assert_cmpuint (done, ==, 2);
  g_assert_cmpuint (total, ==, ids->len);
}

/* Hand-ins from the invitations merge; the receipt the juror sees is the one
 * the panel records; the status says who is missing. */
static void
test_hand_in_receipts (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *anna = NULL;
  g_autofree char *bernd = NULL;
  g_autofree char *anna_hand_in = path_in (f, "anna-hand-in.jury");
  g_autofree char *bernd_hand_in = path_in (f, "bernd-hand-in.jury");
  g_autofree char *anna_receipt = NULL;
  g_autofree char *bernd_receipt = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(JuryMergeReport) again = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  JuryJurorStatus *status;

  invite_six (f, 11);
  anna = write_invitation (f, 0, "anna.jury");
  bernd = write_invitation (f, 1, "bernd.jury");
  {
    g_autoptr(JuryStore) store = open_ok (anna);

    work_on (store, G_MAXUINT);
    g_assert_true (jury_store_hand_in (store, anna_hand_in, NULL, &error));
    g_assert_no_error (error);
    anna_receipt = jury_store_dup_receipt (store, f->ids[0], &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(JuryStore) store = open_ok (bernd);

    work_on (store, 3);
    g_assert_true (jury_store_hand_in (store, bernd_hand_in, NULL, &error));
    bernd_receipt = jury_store_dup_receipt (store, f->ids[1], &error);
    g_assert_no_error (error);
  }

  /* Eight characters of Crockford's alphabet, in two groups. */
  g_assert_cmpuint (strlen (anna_receipt), ==, 9);
  g_assert_cmpint (anna_receipt[4], ==, '-');
  g_assert_cmpuint (strspn (anna_receipt, "0123456789ABCDEFGHJKMNPQRSTVWXYZ-"), ==, 9);
  g_assert_cmpstr (anna_receipt, !=, bernd_receipt);

  report = merge (f, (const char * const[]) { anna_hand_in, bernd_hand_in, NULL }, JURY_MERGE_NONE);
  g_assert_true (report->written);
  g_assert_cmpstr (((JuryMergeEntry *) g_ptr_array_index (report->entries, 0))->receipt, ==, anna_receipt);
  g_assert_cmpstr (((JuryMergeEntry *) g_ptr_array_index (report->entries, 1))->receipt, ==, bernd_receipt);

  statuses = list_status (f);
  g_assert_cmpuint (statuses->len, ==, N_JURORS);
  status = find_status (statuses, f->ids[0]);
  g_assert_nonnull (status->handed_in);
  g_assert_cmpstr (status->receipt, ==, anna_receipt);
  g_assert_cmpuint (status->complete, ==, status->assigned);
  status = find_status (statuses, f->ids[1]);
  g_assert_cmpstr (status->receipt, ==, bernd_receipt);
  g_assert_cmpuint (status->complete, ==, 3);
  for (guint j = 2; j < N_JURORS; j++)
    {
      status = find_status (statuses, f->ids[j]);
      g_assert_null (status->handed_in);
      g_assert_null (status->receipt);
    }

  /* The same file again changes nothing and gives the same code. */
  again = merge (f, (const char * const[]) { anna_hand_in, NULL }, JURY_MERGE_NONE);
  g_assert_true (again->written);
  g_assert_cmpint (((JuryMergeEntry *) g_ptr_array_index (again->entries, 0))->outcome, ==, JURY_MERGE_UNCHANGED);
  g_assert_cmpstr (((JuryMergeEntry *) g_ptr_array_index (again->entries, 0))->receipt, ==, anna_receipt);

  /* Once work is in, the plan stays. */
  g_assert_false (jury_round_plan (f->panel, 2, 5, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
}

/* A later copy replaces the earlier one, with a new code. */
static void
test_later_hand_in (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *anna = NULL;
  char *receipts[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  invite_six (f, 12);
  anna = write_invitation (f, 0, "anna.jury");
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(JuryStore) store = open_ok (anna);
      g_autofree char *name = g_strdup_printf ("anna-%u.jury", round);
      g_autofree char *hand_in = path_in (f, name);
      g_autoptr(JuryMergeReport) report = NULL;
      g_autoptr(GPtrArray) statuses = NULL;
      const JuryMergeEntry *entry;

      work_on (store, round == 0 ? 1 : 4);
      g_assert_true (jury_store_hand_in (store, hand_in, NULL, &error));
      g_assert_no_error (error);
      receipts[round] = jury_store_dup_receipt (store, f->ids[0], &error);
      g_clear_object (&store);

      report = merge (f, (const char * const[]) { hand_in, NULL }, JURY_MERGE_NONE);
      g_assert_true (report->written);
      entry = g_ptr_array_index (report->entries, 0);
      g_assert_cmpint (entry->outcome, ==, round == 0 ? JURY_MERGE_ADDED : JURY_MERGE_REPLACED);
      g_assert_cmpstr (entry->receipt, ==, receipts[round]);
      statuses = list_status (f);
      g_assert_cmpstr (find_status (statuses, f->ids[0])->receipt, ==, receipts[round]);
      g_assert_cmpuint (find_status (statuses, f->ids[0])->complete, ==, round == 0 ? 1 : 4);
    }
  g_assert_cmpstr (receipts[0], !=, receipts[1]);

  /* The older copy, handed in once more, leaves the later one and its code. */
  {
    g_autofree char *older = path_in (f, "anna-0.jury");
    g_autoptr(JuryMergeReport) report = merge (f, (const char * const[]) { older, NULL }, JURY_MERGE_NONE);
    g_autoptr(GPtrArray) statuses = list_status (f);

    g_assert_cmpint (((JuryMergeEntry *) g_ptr_array_index (report->entries, 0))->outcome, ==,
                     JURY_MERGE_UNCHANGED);
    g_assert_null (((JuryMergeEntry *) g_ptr_array_index (report->entries, 0))->receipt);
    g_assert_cmpstr (find_status (statuses, f->ids[0])->receipt, ==, receipts[1]);
  }

  g_free (receipts[0]);
  g_free (receipts[1]);
}

/* A juror's database made with plain init is refused by a panel that invited
 * its jurors, unless it is allowed on purpose. */
static void
test_uninvited (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = path_in (f, "guest.jury");
  g_autoptr(JuryMergeReport) refused = NULL;
  g_autoptr(JuryMergeReport) allowed = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  JuryJurorStatus *status;

  invite_six (f, 13);
  {
    g_autoptr(JuryStore) guest = jury_store_create (path, f->call, "Gustav Gast", NULL, &error);

    g_assert_no_error (error);
    work_on (guest, 2);
  }

  refused = merge (f, (const char * const[]) { path, NULL }, JURY_MERGE_NONE);
  assert_refused (refused, "guest.jury was not made from an invitation of this panel");
  jury_test_assert_contains (((JuryMergeEntry *) g_ptr_array_index (refused->entries, 0))->reason,
                             "--allow-uninvited");

  allowed = merge (f, (const char * const[]) { path, NULL }, JURY_MERGE_ALLOW_UNINVITED);
  g_assert_true (allowed->written);
  statuses = list_status (f);
  g_assert_cmpuint (statuses->len, ==, N_JURORS + 1);
  for (guint i = 0; i < statuses->len; i++)
    if (g_str_equal (((JuryJurorStatus *) g_ptr_array_index (statuses, i))->name, "Gustav Gast"))
      status = g_ptr_array_index (statuses, i);
  g_assert_false (status->invited);
  g_assert_nonnull (status->receipt);
  g_assert_cmpuint (status->complete, ==, 2);
  g_assert_cmpuint (status->assigned, ==, jury_store_get_call (f->panel)->n_submissions);
}

/* A panel without invitations merges as before, but not an invitation of
 * another panel. */
static void
test_panel_without_invitations (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *plain_panel = path_in (f, "plain-panel.jury");
  g_autofree char *guest = path_in (f, "guest.jury");
  g_autofree char *anna = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryMergeReport) plain = NULL;
  g_autoptr(JuryMergeReport) foreign = NULL;

  invite_six (f, 14);
  anna = write_invitation (f, 0, "anna.jury");
  {
    g_autoptr(JuryStore) store = jury_store_create (guest, f->call, "Gustav Gast", NULL, &error);

    g_assert_no_error (error);
    work_on (store, 1);
  }

  plain = jury_merge_files (plain_panel, (const char * const[]) { guest, NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (plain->written);

  foreign = jury_merge_files (plain_panel, (const char * const[]) { anna, NULL }, NULL, &error);
  g_assert_no_error (error);
  assert_refused (foreign, "anna.jury was not made from an invitation of this panel");
}

/* Another panel's invitation, even for the same call and the same names. */
static void
test_other_panel (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *other_path = path_in (f, "other.jury");
  g_autofree char *invitation = path_in (f, "other-anna.jury");
  g_autoptr(JuryStore) other = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  JuryInvitee anna = { "Anna Berg", NULL, NULL };

  invite_six (f, 15);
  other = jury_store_new_panel (other_path, f->call, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jury_round_invite (other, &anna, 1, 0, 0, &ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jury_round_write_invitation (other, ids[0], invitation, &error));
  g_assert_no_error (error);

  report = merge (f, (const char * const[]) { invitation, NULL }, JURY_MERGE_ALLOW_UNINVITED);
  assert_refused (report, "other-anna.jury was not made from an invitation of this panel");
}

/* A copy of the panel whose key for a juror was replaced: the juror's file
 * presents that juror under another key. */
static void
test_relabelled_key (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *anna = NULL;
  g_autofree char *copy = path_in (f, "copy.jury");
  g_autofree char *sql = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;

  invite_six (f, 16);
  anna = write_invitation (f, 0, "anna.jury");
  {
    g_autoptr(JuryStore) store = open_ok (anna);

    work_on (store, 2);
  }
  g_clear_object (&f->panel);
  {
    g_autoptr(GBytes) bytes = jury_test_read_bytes (f->panel_path);

    g_assert_true (g_file_set_contents (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  }
  sql = g_strdup_printf ("UPDATE invitations SET key = randomblob(32) WHERE juror_id = '%s'", f->ids[0]);
  jury_test_run_sqlite3 (copy, sql);

  report = jury_merge_files (copy, (const char * const[]) { anna, NULL }, NULL, &error);
  g_assert_no_error (error);
  assert_refused (report, "under another key than the one of the panel’s invitation");
}

/* What someone who knows how Jury Desk makes its files, but has no invitation,
 * makes for the invited juror JUROR_ID: a juror's database for the panel's call
 * with the juror's id and name, and a chain made without a key or with a key of
 * their own; then scores two submissions of the plan. */
static char *
forge (Fixture    *f,
       const char *name,
       const char *juror_id,
       gboolean    with_key)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryJuror) juror = NULL;
  g_autoptr(GPtrArray) assigned = jury_store_list_assigned (f->panel, juror_id, NULL);
  g_autoptr(GError) error = NULL;

  store = jury_store_create_copy (f->panel, path, JURY_COPY_INVITATION, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_begin (store, &error));
  if (with_key)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO invitations (juror_id, name, key, created)"
                                              " VALUES ('%s', 'Anna Berg', randomblob(32), '2026-01-01T00:00:00Z')",
                                              juror_id);

      g_assert_true (jury_store_exec (store, sql, &error));
    }
  juror = jury_store_insert_juror_with_id (store, juror_id, "Anna Berg", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_commit (store, &error));
  g_assert_true (jury_store_publish_copy (store, path, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_ok (path);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (score (store, g_ptr_array_index (assigned, i), 5, &error));
      g_assert_no_error (error);
    }
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/* Files forged for an invited juror are refused, though each verifies alone. */
static void
test_forged (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *without_key = NULL;
  g_autofree char *own_key = NULL;
  g_autoptr(JuryMergeReport) unkeyed = NULL;
  g_autoptr(JuryMergeReport) keyed = NULL;

  invite_six (f, 17);
  without_key = forge (f, "forged.jury", f->ids[0], FALSE);
  own_key = forge (f, "keyed.jury", f->ids[0], TRUE);

  unkeyed = merge (f, (const char * const[]) { without_key, NULL }, JURY_MERGE_ALLOW_UNINVITED);
  assert_refused (unkeyed, "forged.jury presents Anna Berg, whom the panel invited, without the invitation’s key");
  keyed = merge (f, (const char * const[]) { own_key, NULL }, JURY_MERGE_NONE);
  assert_refused (keyed, "keyed.jury presents Anna Berg under another key than the one of the panel’s invitation");
}

/* An edit to a juror's work made outside Jury Desk does not verify, and the
 * hand-in is refused, naming the file. */
static void
test_edited_hand_in (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *anna = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;

  invite_six (f, 18);
  anna = write_invitation (f, 0, "anna.jury");
  {
    g_autoptr(JuryStore) store = open_ok (anna);

    work_on (store, 2);
  }
  jury_test_run_sqlite3 (anna, "UPDATE scores SET value = 5");
  {
    g_autoptr(JuryStore) store = jury_store_open_read_only (anna, &error);

    g_assert_no_error (error);
    g_assert_false (jury_store_verify (store, &error));
    g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
    g_clear_error (&error);
  }

  report = merge (f, (const char * const[]) { anna, NULL }, JURY_MERGE_NONE);
  assert_refused (report, "anna.jury");
}

/* Once an invitation is out the plan stays; work outside the plan the panel
 * holds (here: a plan changed behind Jury Desk's back) is refused, naming the
 * submission. */
static void
test_work_outside_plan (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *anna = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GPtrArray) assigned = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const char *other = NULL;

  invite_six (f, 19);
  anna = write_invitation (f, 0, "anna.jury");
  g_assert_true (jury_round_is_sent (f->panel));
  g_assert_false (jury_round_plan (f->panel, PER_SUBMISSION, 20, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (jury_round_add_juror (f->panel, "Gustav Gast", NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (jury_round_remove_juror (f->panel, f->ids[1], &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  {
    g_autoptr(JuryStore) store = open_ok (anna);

    work_on (store, G_MAXUINT);
  }

  /* Anna's first submission is given to nobody, another in its place. */
  assigned = jury_store_list_assigned (f->panel, f->ids[0], NULL);
  all = submission_ids (f->panel);
  for (guint i = 0; i < all->len && other == NULL; i++)
    if (!g_ptr_array_find_with_equal_func (assigned, g_ptr_array_index (all, i), g_str_equal, NULL) &&
        !g_str_equal (g_ptr_array_index (all, i), "schubs"))
      other = g_ptr_array_index (all, i);
  sql = g_strdup_printf ("UPDATE assignments SET submission_id = '%s' WHERE juror_id = '%s' AND submission_id = '%s'",
                         other, f->ids[0], (const char *) g_ptr_array_index (assigned, 0));
  g_clear_object (&f->panel);
  jury_test_run_sqlite3 (f->panel_path, sql);

  report = merge (f, (const char * const[]) { anna, NULL }, JURY_MERGE_NONE);
  assert_refused (report, "which the panel’s plan did not give them to read");
  jury_test_assert_contains (((JuryMergeEntry *) g_ptr_array_index (report->entries, 0))->reason,
                             g_ptr_array_index (assigned, 0));
}

/* Before the invitations go out the jury can change: a juror taken off goes
 * with their conflicts, and the plan is made again. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *path = path_in (f, "anna.jury");
  g_autofree char *anna = NULL;
  g_autofree char *bernd = NULL;
  guint k = 99;
  guint64 seed = 0;

  anna = jury_round_add_juror (f->panel, "Anna Berg", "anna@example.org", &error);
  g_assert_no_error (error);
  bernd = jury_round_add_juror (f->panel, "Bernd Köhler", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jury_round_has_invitations (f->panel));
  g_assert_false (jury_round_is_sent (f->panel));

  g_assert_true (jury_round_add_conflict (f->panel, anna, "schubs", &error));
  g_assert_true (jury_round_add_conflict (f->panel, anna, "mint-basics", &error));
  g_assert_true (jury_round_remove_conflict (f->panel, anna, "mint-basics", &error));
  g_assert_no_error (error);
  conflicts = jury_round_list_conflicts (f->panel, anna, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "schubs");
  g_assert_false (jury_round_add_conflict (f->panel, anna, "no-such-submission", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* No plan yet: no invitation. */
  g_assert_false (jury_round_get_plan (f->panel, &k, &seed));
  g_assert_false (jury_round_write_invitation (f->panel, anna, path, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Only Bernd can read schubs: two per submission cannot be. */
  g_assert_false (jury_round_plan (f->panel, 2, 77, NULL, &error));
  g_assert_nonnull (error);
  jury_test_assert_contains (error->message, "schubs");
  g_clear_error (&error);
  g_assert_false (jury_round_get_plan (f->panel, &k, &seed));

  /* Everyone reads what they may. */
  g_assert_true (jury_round_plan (f->panel, 0, 77, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jury_round_get_plan (f->panel, &k, &seed));
  g_assert_cmpuint (k, ==, 0);
  g_assert_cmpuint (seed, ==, 77);

  g_assert_true (jury_round_remove_juror (f->panel, anna, &error));
  g_assert_no_error (error);
  statuses = list_status (f);
  g_assert_cmpuint (statuses->len, ==, 1);
  g_assert_cmpstr (((JuryJurorStatus *) g_ptr_array_index (statuses, 0))->name, ==, "Bernd Köhler");
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = jury_round_list_conflicts (f->panel, anna, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  /* The plan went with her. */
  g_assert_false (jury_round_write_invitation (f->panel, bernd, path, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
}

/* A lost invitation written again is the same invitation: work in it merges. */
static void
test_write_again (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first_ids = NULL;
  g_autoptr(GPtrArray) second_ids = NULL;

  invite_six (f, 20);
  first = write_invitation (f, 2, "chiara.jury");
  second = write_invitation (f, 2, "chiara-again.jury");

  /* Never over a file that exists: it may hold the juror's work. */
  g_assert_false (jury_round_write_invitation (f->panel, f->ids[2], first, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  {
    g_autoptr(JuryStore) a = open_ok (first);
    g_autoptr(JuryStore) b = open_ok (second);

    first_ids = submission_ids (a);
    second_ids = submission_ids (b);
    work_on (b, 2);
  }
  g_assert_cmpuint (first_ids->len, ==, second_ids->len);
  for (guint i = 0; i < first_ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (first_ids, i), ==, g_ptr_array_index (second_ids, i));

  report = merge (f, (const char * const[]) { second, NULL }, JURY_MERGE_NONE);
  g_assert_true (report->written);

  /* And nobody the panel did not invite. */
  g_assert_false (jury_round_write_invitation (f->panel, "nobody", second, &error));
  g_assert_nonnull (error);
}

/* The attachments travel in the invitation. */
static void
test_invitation_attachments (void)
{
  g_autofree char *dir = jury_test_make_tmp_dir ("test-round-XXXXXX");
  g_autofree char *panel_path = g_build_filename (dir, "panel.jury", NULL);
  g_autofree char *invitation_path = g_build_filename (dir, "anna.jury", NULL);
  g_autofree char *call_path = g_test_build_filename (G_TEST_DIST, "data", "call-fields.xml", NULL);
  g_autoptr(GFile) call = g_file_new_for_path (call_path);
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryStore) invitation = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  JuryInvitee anna = { "Anna Berg", "anna@example.org", NULL };

  panel = jury_store_new_panel (panel_path, call, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jury_round_invite (panel, &anna, 1, 0, 0, &ids, NULL, &error));
  g_assert_true (jury_round_write_invitation (panel, ids[0], invitation_path, &error));
  g_assert_no_error (error);

  invitation = open_ok (invitation_path);
  for (const char * const *href = (const char * const[]) { "attachments/antrag.pdf", "attachments/logo.png", NULL };
       *href != NULL; href++)
    {
      g_autoptr(GBytes) bytes = jury_store_get_attachment (invitation, "first", *href, &error);
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", *href, NULL);
      g_autoptr(GBytes) expected = jury_test_read_bytes (source);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, expected));
    }

  g_clear_object (&invitation);
  g_clear_object (&panel);
  jury_test_remove_tree (dir);
}

/* The number of submissions in the scoring form FORM, and FILLED: the form with
 * every criterion scored. */
static guint
fill_form (const char *form,
           const char *filled)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint n_submissions = 0;

  g_assert_true (g_file_get_contents (form, &text, &length, NULL));
  rows = jury_csv_parse (text, length, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];

      if (r > 0 && *row[1] == '\0')
        n_submissions++;
      for (guint c = 0; row[c] != NULL; c++)
        {
          g_autofree char *cell = jury_csv_unguard (row[c]);

          if (r > 0 && c == 2 && *row[1] != '\0')
            jury_csv_writer_add_int (writer, 1 + r % 5);
          else
            jury_csv_writer_add_text (writer, cell);
        }
      jury_csv_writer_end_row (writer);
    }

  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  g_assert_true (g_file_set_contents (filled, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return n_submissions;
}

static guint
count_matches (const char *text,
               const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    n++;

  return n;
}

/* The round on the command line: a panel, six invitations with three jurors per
 * submission and a conflict by network, a hand-in, its receipt in info, merge and
 * status, a lost invitation written again, an uninvited file. */
static void
test_cli (void)
{
  g_autofree char *dir = jury_test_make_tmp_dir ("test-round-XXXXXX");
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_autofree char *jurors = g_build_filename (dir, "jurors.csv", NULL);
  g_autofree char *conflicts = g_build_filename (dir, "conflicts.csv", NULL);
  g_autofree char *invitation = g_build_filename (dir, "invitations", "dilek-aydin.jury", NULL);
  g_autofree char *form = g_build_filename (dir, "form.csv", NULL);
  g_autofree char *filled = g_build_filename (dir, "filled.csv", NULL);
  g_autofree char *receipt_line = NULL;
  g_auto(JuryTestResult) result = { 0 };
  g_auto(GStrv) receipt = NULL;
  guint n_assigned;

  /* As a spreadsheet in Germany writes them: semicolons, German headers. */
  g_assert_true (g_file_set_contents (jurors,
                                      "Name;E-Mail\n"
                                      "Anna Berg;anna@example.org\n"
                                      "Bernd Köhler;\n"
                                      "Chiara Rossi;chiara@example.org\n"
                                      "Dilek Aydın;dilek@example.org\n"
                                      "Emil Hansen;\n"
                                      "Frieda Lang;frieda@example.org\n", -1, NULL));
  g_assert_true (g_file_set_contents (conflicts,
                                      "Juror,Einreichung\n"
                                      "anna@example.org,MINT-Region Paderborn\n"
                                      "Emil Hansen,schubs\n", -1, NULL));

  jury_test_run_cli (dir, &result, "new-panel", sample, "-o", "panel.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "panel.jury: panel created for 31 submissions");
  jury_test_result_clear (&result);

  jury_test_run_cli (dir, &result, "invite", "panel.jury", "--jurors", "jurors.csv", "--conflicts", "conflicts.csv",
                     "--per-submission", "3", "--seed", "5", "-o", "invitations", NULL);
  g_test_message ("%s%s", result.out, result.err);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "dilek-aydin.jury: invitation for Dilek Aydın\n");
  g_assert_cmpuint (count_matches (result.out, ": invitation for "), ==, 6);
  {
    g_autofree char *invitations = g_build_filename (dir, "invitations", NULL);

    g_assert_cmpuint (jury_test_count_entries (invitations), ==, 6);
  }
  jury_test_result_clear (&result);

  /* Once is enough. */
  jury_test_run_cli (dir, &result, "invite", "panel.jury", "--jurors", "jurors.csv", "-o", "more", NULL);
  g_assert_cmpint (result.status, ==, 1);
  jury_test_assert_contains (result.err, "--again");
  jury_test_result_clear (&result);

  jury_test_run_cli (dir, &result, "status", "panel.jury", "--format", "json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpuint (count_matches (result.out, "\"invited\": true"), ==, 6);
  g_assert_cmpuint (count_matches (result.out, "\"handed_in\": null"), ==, 6);
  jury_test_assert_contains (result.out, "\"name\": \"Dilek Aydın\"");
  /* Anna must not read the two submissions of the network, Emil not schubs. */
  jury_test_assert_contains (result.out, "\"name\": \"Anna Berg\", \"invited\": true, \"assigned\": ");
  jury_test_result_clear (&result);

  /* The juror fills the form of the invitation: only their submissions. */
  jury_test_run_cli (dir, &result, "form", invitation, "-o", form, NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);
  n_assigned = fill_form (form, filled);
  g_assert_cmpuint (n_assigned, >=, 15);
  g_assert_cmpuint (n_assigned, <=, 16);
  jury_test_run_cli (dir, &result, "import-scores", invitation, filled, NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);

  jury_test_run_cli (dir, &result, "info", invitation, NULL);
  g_assert_cmpint (result.status, ==, 0);
  receipt = g_regex_split_simple ("receipt ([0-9A-Z]{4}-[0-9A-Z]{4})", result.out, 0, 0);
  g_assert_cmpuint (g_strv_length (receipt), ==, 3);
  jury_test_result_clear (&result);

  jury_test_run_cli (dir, &result, "merge", "-o", "panel.jury", invitation, NULL);
  g_assert_cmpint (result.status, ==, 0);
  receipt_line = g_strdup_printf ("; receipt %s\n", receipt[1]);
  g_test_message ("%s", result.out);
  jury_test_assert_contains (result.out, "dilek-aydin.jury: added Dilek Aydın, ");
  jury_test_assert_contains (result.out, receipt_line);
  jury_test_result_clear (&result);

  jury_test_run_cli (dir, &result, "status", "panel.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "1 of 6 jurors have handed in");
  jury_test_assert_contains (result.out, receipt[1]);
  g_assert_cmpuint (count_matches (result.out, "not handed in"), ==, 5);
  jury_test_result_clear (&result);

  /* A lost invitation, written again; never over the old file. */
  jury_test_run_cli (dir, &result, "invite", "panel.jury", "--again", "Dilek Aydın", "-o", "invitations", NULL);
  g_assert_cmpint (result.status, ==, 1);
  jury_test_assert_contains (result.err, "dilek-aydin.jury");
  jury_test_result_clear (&result);
  jury_test_run_cli (dir, &result, "invite", "panel.jury", "--again", "Dilek Aydın", "-o", "again", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "dilek-aydin.jury: invitation for Dilek Aydın");
  jury_test_result_clear (&result);

  /* A juror's database made with init: refused, and taken on purpose. */
  jury_test_run_cli (dir, &result, "init", sample, "--juror", "Gustav Gast", "-o", "gustav.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);
  jury_test_run_cli (dir, &result, "merge", "-o", "panel.jury", "gustav.jury", NULL);
  g_assert_cmpint (result.status, ==, 1);
  jury_test_assert_contains (result.err, "gustav.jury was not made from an invitation of this panel");
  jury_test_result_clear (&result);
  jury_test_run_cli (dir, &result, "merge", "--allow-uninvited", "-o", "panel.jury", "gustav.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);
  jury_test_run_cli (dir, &result, "status", "panel.jury", NULL);
  jury_test_assert_contains (result.out, "Gustav Gast (not invited)");
  jury_test_result_clear (&result);

  jury_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/round/plan", test_plan);
  ADD ("/round/plan/seed", test_plan_seed);
  ADD ("/round/plan/infeasible", test_infeasible);
  ADD ("/round/invitation/scope", test_invitation_scope);
  ADD ("/round/invitation/again", test_write_again);
  ADD ("/round/hand-in/receipts", test_hand_in_receipts);
  ADD ("/round/hand-in/later", test_later_hand_in);
  ADD ("/round/refused/uninvited", test_uninvited);
  ADD ("/round/refused/other-panel", test_other_panel);
  ADD ("/round/refused/relabelled-key", test_relabelled_key);
  ADD ("/round/refused/forged", test_forged);
  ADD ("/round/refused/edited", test_edited_hand_in);
  ADD ("/round/refused/outside-plan", test_work_outside_plan);
  ADD ("/round/without-invitations", test_panel_without_invitations);
  ADD ("/round/draft", test_draft);
  g_test_add_func ("/round/invitation/attachments", test_invitation_attachments);
  g_test_add_func ("/round/cli", test_cli);
#undef ADD

  return g_test_run ();
}
