/* test-merge.c: tests of merging jurors' databases into a panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-merge"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "jury-merge.h"
#include "jury-store-copy.h"
#include "jury-store-round.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"
#include "jury-test-util.h"
#include "jury-text.h"

typedef struct
{
  char  *dir;
  GFile *call;
  char  *panel;
} Fixture;

/* Helpers */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->call = jury_test_sample_file ();
  f->dir = jury_test_make_tmp_dir ("test-merge-XXXXXX");
  f->panel = g_build_filename (f->dir, "panel.jury", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jury_test_remove_tree (f->dir);

  g_free (f->dir);
  g_free (f->panel);
  g_clear_object (&f->call);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* NAME.jury, a juror's database for CALL (the sample when NULL). */
static JuryStore *
new_juror (Fixture    *f,
           const char *name,
           GFile      *call)
{
  g_autofree char *file = g_strconcat (name, ".jury", NULL);
  g_autofree char *path = path_in (f, file);
  g_autoptr(GError) error = NULL;
  JuryStore *store;

  store = jury_store_create (path, call != NULL ? call : f->call, name, NULL, &error);
  g_assert_no_error (error);

  return store;
}

/* Scores every criterion of SUBMISSION_ID with VALUE and marks the review done. */
static void
score (JuryStore  *store,
       const char *submission_id,
       int         value)
{
  const JuryCall *call = jury_store_get_call (store);
  const char *juror_id = jury_store_get_sole_juror_id (store);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < call->criteria->len; i++)
    g_ptr_array_add (changes, jury_change_new_score (juror_id, submission_id,
                                                     ((JuryCriterion *) g_ptr_array_index (call->criteria, i))->id,
                                                     value));
  g_ptr_array_add (changes, jury_change_new_flag (JURY_CHANGE_DONE, juror_id, submission_id, TRUE));

  jury_store_apply (store, (JuryChange * const *) changes->pdata, changes->len, &error);
  g_assert_no_error (error);
}

static void
comment (JuryStore  *store,
         const char *submission_id,
         const char *text)
{
  g_autoptr(JuryChange) change = jury_change_new_comment (jury_store_get_sole_juror_id (store),
                                                          submission_id, NULL, text);
  g_autoptr(GError) error = NULL;

  jury_store_apply_one (store, change, &error);
  g_assert_no_error (error);
}

/* Every submission scored by every juror, with values that differ between them. */
static void
score_everything (JuryStore *store,
                  guint      seed)
{
  g_autoptr(GPtrArray) rows = jury_store_list_submissions (store, NULL, NULL);

  for (guint s = 0; s < rows->len; s++)
    score (store, ((JurySubmissionRow *) g_ptr_array_index (rows, s))->id, 1 + (s + seed) % 5);
}

static JuryMergeReport *
merge_ok (Fixture            *f,
          const char * const *paths)
{
  g_autoptr(GError) error = NULL;
  JuryMergeReport *report = jury_merge_files (f->panel, paths, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);

      g_test_message ("%s: %d %s", entry->path, entry->outcome, entry->reason != NULL ? entry->reason : "");
    }

  return report;
}

static const JuryMergeEntry *
entry_at (const JuryMergeReport *report,
          guint                  i)
{
  g_assert_cmpuint (i, <, report->entries->len);
  return g_ptr_array_index (report->entries, i);
}

static void
assert_entry (const JuryMergeReport *report,
              guint                  i,
              const char            *path,
              JuryMergeOutcome       outcome,
              const char            *reason_part)
{
  const JuryMergeEntry *entry = entry_at (report, i);

  g_assert_cmpstr (entry->path, ==, path);
  g_assert_cmpint (entry->outcome, ==, outcome);
  if (reason_part == NULL)
    g_assert_null (entry->reason);
  else if (entry->reason == NULL || strstr (entry->reason, reason_part) == NULL)
    g_error ("reason “%s” does not contain “%s”", entry->reason, reason_part);
}

static JuryStore *
open_panel (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JuryStore *panel = jury_store_open_read_only (f->panel, &error);

  g_assert_no_error (error);
  g_assert_true (jury_store_is_panel (panel));
  g_assert_true (jury_store_verify (panel, &error));
  g_assert_no_error (error);

  return panel;
}

/* The panel holds exactly the juror's scores, comments and flags. */
static void
assert_same_work (JuryStore *panel,
                  JuryStore *juror_store)
{
  const char *juror_id = jury_store_get_sole_juror_id (juror_store);
  g_autoptr(GPtrArray) rows = jury_store_list_submissions (juror_store, NULL, NULL);

  for (guint s = 0; s < rows->len; s++)
    {
      const char *id = ((JurySubmissionRow *) g_ptr_array_index (rows, s))->id;
      g_autoptr(JuryReview) theirs = jury_store_get_review (juror_store, juror_id, id, NULL);
      g_autoptr(JuryReview) ours = jury_store_get_review (panel, juror_id, id, NULL);

      g_assert_nonnull (ours);
      for (guint i = 0; i < theirs->n_criteria; i++)
        g_assert_cmpint (ours->scores[i], ==, theirs->scores[i]);
      g_assert_cmpstr (ours->overall, ==, theirs->overall);
      g_assert_cmpint (ours->status, ==, theirs->status);
    }
  g_assert_cmpuint (jury_store_get_audit_length (panel, juror_id), ==,
                    jury_store_get_audit_length (juror_store, juror_id));
}

/* Nothing but NAMES in the folder: no temporary file was left behind. */
static void
assert_folder (Fixture            *f,
               const char * const *names)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_strv_contains (names, name))
        g_error ("unexpected file %s", name);
      n++;
    }
  g_assert_cmpuint (n, ==, g_strv_length ((GStrv) names));
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A copy of the sample call with TEXT replaced by REPLACEMENT once. */
static GFile *
write_call_variant (Fixture    *f,
                    const char *name,
                    const char *text,
                    const char *replacement)
{
  g_autofree char *path = path_in (f, name);
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;

  g_file_load_contents (f->call, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, text, replacement, 1), ==, 1);
  g_file_set_contents (path, changed->str, changed->len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static char *
dup_title (JuryStore  *store,
           const char *submission_id)
{
  g_autoptr(JurySubmissionRow) row = jury_store_get_submission_row (store, NULL, submission_id, NULL);

  g_assert_nonnull (row);
  return g_strdup (row->title);
}

/* Tests */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GBytes) anna_before = NULL;
  g_autoptr(GBytes) anna_after = NULL;
  g_autofree char *anna_path = path_in (f, "anna.jury");
  const char *paths[] = { anna_path, jury_store_get_path (ben), NULL };

  score (anna, "schubs", 4);
  comment (anna, "schubs", "Überzeugend");
  score (ben, "mint-basics", 2);
  g_clear_object (&anna);
  anna_before = jury_test_read_bytes (paths[0]);

  report = merge_ok (f, paths);
  g_assert_true (report->written);
  g_assert_true (report->created);
  assert_entry (report, 0, paths[0], JURY_MERGE_ADDED, NULL);
  assert_entry (report, 1, paths[1], JURY_MERGE_ADDED, NULL);
  g_assert_cmpstr (entry_at (report, 0)->juror_name, ==, "anna");
  g_assert_cmpuint (entry_at (report, 0)->n_changes, ==, 6 + 1 + 1);
  g_assert_cmpuint (jury_merge_report_count (report, JURY_MERGE_ADDED), ==, 2);

  /* The inputs are only read. */
  anna_after = jury_test_read_bytes (paths[0]);
  g_assert_true (g_bytes_equal (anna_before, anna_after));
  anna = jury_store_open_read_only (paths[0], NULL);

  panel = open_panel (f);
  jurors = jury_store_list_jurors (panel);
  g_assert_cmpuint (jurors->len, ==, 2);
  assert_same_work (panel, anna);
  assert_same_work (panel, ben);
  /* A panel's jurors are the merged ones: nobody is the sole juror. */
  g_assert_null (jury_store_get_sole_juror_id (panel));
  g_clear_object (&ben);
  assert_folder (f, (const char * const[]) { "anna.jury", "ben.jury", "panel.jury", NULL });
}

/* A hand-in from an older Jury Desk is read through an updated private copy, and a
 * new panel made from it has the current format; the file itself stays as it was. */
static void
test_older_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = path_in (f, "anna.jury");
  g_autoptr(JuryStore) anna = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  anna = jury_store_create_at_version (path, f->call, "anna", 1, &error);
  g_assert_no_error (error);
  score (anna, "schubs", 3);
  g_clear_object (&anna);
  before = jury_test_read_bytes (path);

  report = merge_ok (f, (const char * const[]) { path, NULL });
  g_assert_true (report->written);
  assert_entry (report, 0, path, JURY_MERGE_ADDED, NULL);
  after = jury_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  panel = open_panel (f);
  g_assert_cmpint (jury_store_get_user_version (panel), ==, JURY_STORE_SCHEMA_VERSION);
  anna = jury_store_open_read_only (path, &error);
  g_assert_no_error (error);
  assert_same_work (panel, anna);
}

/* Migrating a hand-in from before format 3 gives the same chain every time: the
 * same file merged again changes nothing, and a later copy that the juror's own
 * Jury Desk migrated and went on with continues it. */
static void
test_older_format_again (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = path_in (f, "anna.jury");
  g_autofree char *later = path_in (f, "anna-later.jury");
  g_autoptr(JuryStore) anna = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) again = NULL;
  g_autoptr(JuryMergeReport) replaced = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) panel = NULL;
  gint64 merged_at;

  anna = jury_store_create_at_version (path, f->call, "anna", 2, &error);
  g_assert_no_error (error);
  score (anna, "schubs", 3);
  g_clear_object (&anna);
  bytes = jury_test_read_bytes (path);
  g_file_set_contents (later, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  first = merge_ok (f, (const char * const[]) { path, NULL });
  assert_entry (first, 0, path, JURY_MERGE_ADDED, NULL);
  again = merge_ok (f, (const char * const[]) { path, NULL });
  g_assert_true (again->written);
  assert_entry (again, 0, path, JURY_MERGE_UNCHANGED, NULL);

  /* The juror's copy, opened (and so migrated) a moment later, and worked on:
   * its times (in microseconds) come after every one merged. */
  merged_at = g_get_real_time ();
  while (g_get_real_time () <= merged_at)
    ;
  anna = jury_store_open (later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jury_store_get_user_version (anna), ==, JURY_STORE_SCHEMA_VERSION);
  score (anna, "mint-basics", 4);
  replaced = merge_ok (f, (const char * const[]) { later, NULL });
  g_assert_true (replaced->written);
  assert_entry (replaced, 0, later, JURY_MERGE_REPLACED, NULL);

  panel = open_panel (f);
  assert_same_work (panel, anna);
}

/* A hand-in from before the flat format (6) goes into a panel made of current
 * hand-ins: the same call, whatever format it came in. One whose call was
 * changed before it was migrated is refused. */
static void
test_older_format_into_panel (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *ben_path = path_in (f, "ben.jury");
  g_autofree char *cleo_path = path_in (f, "cleo.jury");
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = NULL;
  g_autoptr(JuryStore) cleo = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) second = NULL;
  g_autoptr(JuryMergeReport) refused = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GError) error = NULL;

  score (anna, "schubs", 4);
  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  g_assert_true (first->written);

  ben = jury_store_create_at_version (ben_path, f->call, "ben", 6, &error);
  g_assert_no_error (error);
  score (ben, "schubs", 2);
  g_clear_object (&ben);
  second = merge_ok (f, (const char * const[]) { ben_path, NULL });
  g_assert_true (second->written);
  assert_entry (second, 0, ben_path, JURY_MERGE_ADDED, NULL);

  cleo = jury_store_create_at_version (cleo_path, f->call, "cleo", 6, &error);
  g_assert_no_error (error);
  score (cleo, "schubs", 5);
  g_clear_object (&cleo);
  jury_test_run_sqlite3 (cleo_path, "UPDATE submissions SET search_text = 'nichts' WHERE id = 'schubs'");
  refused = merge_ok (f, (const char * const[]) { cleo_path, NULL });
  g_assert_false (refused->written);
  assert_entry (refused, 0, cleo_path, JURY_MERGE_REFUSED, "the call in it");

  panel = open_panel (f);
  ben = jury_store_open_read_only (ben_path, &error);
  g_assert_no_error (error);
  assert_same_work (panel, anna);
  assert_same_work (panel, ben);
  jurors = jury_store_list_jurors (panel);
  g_assert_cmpuint (jurors->len, ==, 2);
}

/* A hand-in's call carries the panel's digest, which is not computed again for
 * every hand-in: what its juror's work is checked against (the rubric, the
 * scale, the call's description) must then be the panel's, and is compared; its
 * submissions are not read, the panel keeps its own. */
static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static void
test_hand_in_call (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *change;
    gboolean    taken;
  } cases[] = {
    { "UPDATE submissions SET title = 'Ein anderer Titel' WHERE id = 'schubs'", TRUE },
    { "UPDATE criteria SET weight = 9 WHERE position = 0", FALSE },
    { "UPDATE criterion_levels SET label = 'anders' WHERE value = 1", FALSE },
    { "UPDATE meta SET value = '9' WHERE key = 'scale_max'", FALSE },
    { "UPDATE meta SET value = 'Ein anderer Preis' WHERE key = 'title'", FALSE },
  };
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autofree char *anna_path = g_strdup (jury_store_get_path (anna));
  g_autofree char *ben_path = g_strdup (jury_store_get_path (ben));
  g_autoptr(GBytes) ben_bytes = NULL;

  score (anna, "schubs", 4);
  score (ben, "schubs", 2);
  g_clear_object (&anna);
  g_clear_object (&ben);
  ben_bytes = jury_test_read_bytes (ben_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JuryStore) panel = NULL;
      g_autoptr(JuryMergeReport) report = NULL;
      g_autoptr(JurySubmission) submission = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].change);
      write_bytes (ben_path, ben_bytes);
      jury_test_run_sqlite3 (ben_path, cases[i].change);

      report = merge_ok (f, (const char * const[]) { anna_path, ben_path, NULL });
      g_assert_cmpint (report->written, ==, cases[i].taken);
      if (cases[i].taken)
        {
          assert_entry (report, 1, ben_path, JURY_MERGE_ADDED, NULL);
          panel = open_panel (f);
          submission = jury_store_get_submission (panel, "schubs", &error);
          g_assert_no_error (error);
          g_assert_cmpstr (submission->title, !=, "Ein anderer Titel");
          g_clear_object (&panel);
          g_assert_no_errno (g_unlink (f->panel));
        }
      else
        assert_entry (report, 1, ben_path, JURY_MERGE_REFUSED, "the call in it");
    }
}

/* Every entry of a hand-in's trail has a time: the form the store writes is read
 * quickly, any other as ISO 8601; a time that is none is refused. */
static void
test_hand_in_times (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const times[] = {
    "2025-02-29T10:00:00.000000Z", "2024-02-30T10:00:00.000000Z", "2025-13-01T10:00:00.000000Z",
    "2025-01-01T24:00:00.000000Z", "2025-01-01T10:60:00.000000Z", "0000-01-01T10:00:00.000000Z",
    "2025-01-01T10:00:00.00000xZ", "2025-01-01T10:00:00.000000", "gestern",
  };
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autofree char *path = g_strdup (jury_store_get_path (anna));
  g_autoptr(GBytes) bytes = NULL;

  score (anna, "schubs", 4);
  g_clear_object (&anna);
  bytes = jury_test_read_bytes (path);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(JuryMergeReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("UPDATE audit SET time = '%s' WHERE seq = 2", times[i]);

      g_test_message ("%s", times[i]);
      write_bytes (path, bytes);
      jury_test_run_sqlite3 (path, sql);

      report = jury_merge_files (f->panel, (const char * const[]) { path, NULL }, NULL, &error);
      g_assert_null (report);
      jury_test_assert_contains (error->message, "is malformed");
      g_assert_false (g_file_test (f->panel, G_FILE_TEST_EXISTS));
    }
}

/* A large hand-in goes into a new panel attached, its rows copied by SQLite: a
 * changed chain is refused all the same, naming the file, and the work taken is
 * the work handed in. */
static void
test_attached (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryStore) cleo = new_juror (f, "cleo", NULL);
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) refused = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *anna_path = g_strdup (jury_store_get_path (anna));
  g_autofree char *ben_path = g_strdup (jury_store_get_path (ben));
  g_autofree char *cleo_path = g_strdup (jury_store_get_path (cleo));

  score_everything (anna, 1);
  score_everything (ben, 2);
  score_everything (cleo, 3);
  comment (cleo, "schubs", "Überzeugend");
  g_clear_object (&ben);
  jury_test_run_sqlite3 (ben_path, "UPDATE scores SET value = 1 WHERE submission_id = 'schubs'");

  jury_merge_set_attach_size (0);
  refused = merge_ok (f, (const char * const[]) { anna_path, ben_path, NULL });
  report = merge_ok (f, (const char * const[]) { anna_path, cleo_path, NULL });
  jury_merge_set_attach_size (-1);

  g_assert_false (refused->written);
  assert_entry (refused, 1, ben_path, JURY_MERGE_REFUSED, "ben.jury: the score of ");
  g_assert_true (report->written);
  assert_entry (report, 1, cleo_path, JURY_MERGE_ADDED, NULL);
  panel = open_panel (f);
  g_assert_true (jury_store_verify (panel, &error));
  g_assert_no_error (error);
  assert_same_work (panel, anna);
  assert_same_work (panel, cleo);
}

/* A file is checked again as it is attached: one changed since it was opened
 * and checked is not attached. */
static void
test_attach_rechecks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryStore) input = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ben_path = g_strdup (jury_store_get_path (ben));

  g_clear_object (&ben);
  panel = jury_store_create_copy (anna, f->panel, JURY_COPY_PANEL, &error);
  g_assert_no_error (error);
  input = jury_store_open_read_only (ben_path, &error);
  g_assert_no_error (error);

  g_assert_true (jury_store_attach (panel, input));
  jury_store_detach (panel);

  jury_test_run_sqlite3 (ben_path, "CREATE TRIGGER plant AFTER INSERT ON scores BEGIN DELETE FROM jurors; END");
  g_assert_false (jury_store_attach (panel, input));
  jury_store_detach (panel);

  jury_store_discard_copy (panel);
}

/* A later hand-in replaces the earlier one; an older one changes nothing. */
static void
test_later_copy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) later = NULL;
  g_autoptr(JuryMergeReport) older = NULL;
  g_autoptr(JuryMergeReport) both = NULL;
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *early = path_in (f, "anna-early.jury");
  const char *early_paths[] = { early, NULL };
  const char *later_paths[] = { jury_store_get_path (anna), NULL };
  const char *ben_paths[] = { jury_store_get_path (ben), early, NULL };

  score (anna, "schubs", 4);
  g_assert_true (jury_store_backup (anna, early, NULL, &error));
  g_assert_no_error (error);
  first = merge_ok (f, early_paths);
  g_assert_true (first->written);

  score (anna, "schubs", 5);
  score (anna, "mint-basics", 3);
  later = merge_ok (f, later_paths);
  g_assert_true (later->written);
  g_assert_false (later->created);
  assert_entry (later, 0, later_paths[0], JURY_MERGE_REPLACED, NULL);
  g_assert_cmpuint (entry_at (later, 0)->n_changes, ==, 6 + 6 + 1);

  /* Another juror later into the existing panel; the early copy again is older. */
  score (ben, "schubs", 1);
  older = merge_ok (f, ben_paths);
  g_assert_true (older->written);
  assert_entry (older, 0, ben_paths[0], JURY_MERGE_ADDED, NULL);
  assert_entry (older, 1, early, JURY_MERGE_UNCHANGED, NULL);
  g_assert_cmpuint (entry_at (older, 1)->n_changes, ==, 0);

  panel = open_panel (f);
  review = jury_store_get_review (panel, jury_store_get_sole_juror_id (anna), "schubs", &error);
  g_assert_no_error (error);
  g_assert_cmpint (review->scores[0], ==, 5);
  assert_same_work (panel, anna);
  assert_same_work (panel, ben);
  g_clear_object (&panel);

  /* The same juror twice in one merge: in order. */
  both = merge_ok (f, (const char * const[]) { early, jury_store_get_path (anna), NULL });
  assert_entry (both, 0, early, JURY_MERGE_UNCHANGED, NULL);
  assert_entry (both, 1, jury_store_get_path (anna), JURY_MERGE_UNCHANGED, NULL);
}

static void
test_same_juror_twice (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *early = path_in (f, "anna-early.jury");

  score (anna, "schubs", 2);
  g_assert_true (jury_store_backup (anna, early, NULL, &error));
  g_assert_no_error (error);
  score (anna, "schubs", 3);

  report = merge_ok (f, (const char * const[]) { early, jury_store_get_path (anna), early, NULL });
  g_assert_true (report->written);
  assert_entry (report, 0, early, JURY_MERGE_ADDED, NULL);
  assert_entry (report, 1, jury_store_get_path (anna), JURY_MERGE_REPLACED, NULL);
  assert_entry (report, 2, early, JURY_MERGE_UNCHANGED, NULL);

  panel = open_panel (f);
  assert_same_work (panel, anna);
}

typedef enum
{
  BAD_OTHER_CALL,
  BAD_OTHER_VERSION,
  BAD_TEXT_FILE,
  BAD_PANEL,
  BAD_TAMPERED,
  BAD_NO_JUROR,
  BAD_MISSING,
  BAD_TRIGGER,
  BAD_VIEW,
  BAD_TABLE,
  BAD_INDEX,
  BAD_CHANGED_TABLE,
  BAD_TWO_JURORS,
  BAD_DECISIONS,
  BAD_LONG_COMMENT,
  BAD_CONTROL_NAME,
  BAD_BIDI_COMMENT,
  BAD_DAMAGED,
} BadInput;

typedef struct
{
  BadInput    kind;
  const char *reason;  /* a part of it */
} RefusalCase;

/* What someone who knows how the chain is made can do behind Jury Desk's back:
 * change the file with SQL, then append the entry that makes the trail agree
 * (FIELD NULL: none). */
static void
forge (const char *path,
       const char *sql,
       const char *field,
       const char *submission_id,
       const char *criterion_id,
       const char *old_value,
       const char *new_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = jury_store_open (path, &error);
  const char *juror_id;

  g_assert_no_error (error);
  juror_id = jury_store_get_sole_juror_id (store);
  g_assert_true (jury_store_begin (store, &error));
  g_assert_true (jury_store_exec (store, sql, &error));
  if (g_strcmp0 (field, "juror-name") == 0)
    jury_store_append_juror_name (store, juror_id, old_value, new_value, NULL, &error);
  else if (field != NULL)
    jury_store_append_audit (store, juror_id, submission_id, criterion_id, field, old_value, new_value, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_commit (store, &error));
  g_assert_no_error (error);

  /* The trail agrees: verify has nothing to say. */
  g_clear_object (&store);
  store = jury_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
}

/* Four kilobytes of garbage over the third page, as a failing disk or a careless
 * tool leaves it. */
static void
damage_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileIOStream) stream = g_file_open_readwrite (file, NULL, &error);
  guint8 garbage[4096];
  gsize written;

  g_assert_no_error (error);
  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_test_rand_int_range (0, 256);
  g_assert_true (g_seekable_seek (G_SEEKABLE (stream), 2 * 4096, G_SEEK_SET, NULL, &error));
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                            garbage, sizeof garbage, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_io_stream_close (G_IO_STREAM (stream), NULL, &error));
}

/* Writes bad.jury (or bad.txt) of KIND; its path. */
static char *
make_bad_input (Fixture  *f,
                BadInput  kind)
{
  g_autofree char *path = path_in (f, kind == BAD_TEXT_FILE ? "bad.txt" : "bad.jury");
  g_autoptr(GFile) call = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;

  switch (kind)
    {
    case BAD_OTHER_CALL:
      call = write_call_variant (f, "other.xml", "id=\"mint-regionen-wirken-2025\"", "id=\"other-call\"");
      break;
    case BAD_OTHER_VERSION:
      call = write_call_variant (f, "other.xml", "</call>", "</call>\n<!-- changed -->");
      break;
    case BAD_TEXT_FILE:
      g_file_set_contents (path, "submission_id,criterion_id,score\n", -1, &error);
      g_assert_no_error (error);
      return g_steal_pointer (&path);
    case BAD_MISSING:
      return g_steal_pointer (&path);
    default:
      break;
    }

  store = jury_store_create (path, call != NULL ? call : f->call, kind == BAD_NO_JUROR ? NULL : "bad", NULL, &error);
  g_assert_no_error (error);
  if (kind != BAD_NO_JUROR)
    score (store, "schubs", 1);

  if (kind == BAD_TWO_JURORS)
    {
      g_autoptr(JuryJuror) puppet = jury_store_add_juror (store, "Puppet", &error);
      g_autoptr(JuryChange) change = NULL;

      g_assert_no_error (error);
      change = jury_change_new_score (puppet->id, "schubs", "praxis", 5);
      jury_store_apply_one (store, change, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  switch (kind)
    {
    case BAD_PANEL:
      run_sql (path, "INSERT INTO meta (key, value) VALUES ('kind', 'panel')");
      break;
    case BAD_TAMPERED:
      run_sql (path, "UPDATE scores SET value = 5 WHERE submission_id = 'schubs'");
      break;
    case BAD_TRIGGER:
      run_sql (path, "CREATE TRIGGER plant BEFORE INSERT ON scores BEGIN SELECT RAISE (IGNORE); END");
      break;
    case BAD_VIEW:
      run_sql (path, "CREATE VIEW plant AS SELECT * FROM scores");
      break;
    case BAD_TABLE:
      run_sql (path, "CREATE TABLE plant (x)");
      break;
    case BAD_INDEX:
      run_sql (path, "CREATE INDEX plant ON scores (value)");
      break;
    case BAD_CHANGED_TABLE:
      run_sql (path, "ALTER TABLE comments ADD COLUMN plant TEXT");
      break;
    case BAD_DECISIONS:
      run_sql (path, "INSERT INTO decisions (submission_id, decision, updated)"
                     " VALUES ('schubs', 'award', '2025-05-05T10:00:00Z')");
      break;
    case BAD_LONG_COMMENT:
      {
        g_autofree char *text = g_strnfill (JURY_COMMENT_MAX_CHARS + 1, 'x');
        g_autofree char *sql = g_strdup_printf ("INSERT INTO comments SELECT id, 'schubs', '', '%s' FROM jurors",
                                                text);

        forge (path, sql, "comment", "schubs", "", NULL, text);
      }
      break;
    case BAD_CONTROL_NAME:
      /* A name that would retitle a terminal. */
      forge (path, "UPDATE jurors SET name = 'bad\x1b]0;owned\x07'",
             "juror-name", NULL, NULL, "bad", "bad\x1b]0;owned\x07");
      break;
    case BAD_BIDI_COMMENT:
      forge (path, "INSERT INTO comments SELECT id, 'schubs', '', 'gut \u202Eteg' FROM jurors",
             "comment", "schubs", "", NULL, "gut \u202Eteg");
      break;
    case BAD_DAMAGED:
      damage_page (path);
      break;
    default:
      break;
    }

  return g_steal_pointer (&path);
}

/* One bad file among good ones: nothing is written, and the report says what the
 * good ones would have done. */
static void
test_refusals (void)
{
  static const RefusalCase cases[] = {
    { BAD_OTHER_CALL, "bad.jury: another call: “other-call” instead of “mint-regionen-wirken-2025”" },
    { BAD_OTHER_VERSION, "bad.jury: another version of the call “mint-regionen-wirken-2025”" },
    { BAD_TEXT_FILE, "bad.txt: is not a Jury Desk database" },
    { BAD_PANEL, "bad.jury is a panel database" },
    { BAD_TAMPERED, "bad.jury: the score of " },
    { BAD_NO_JUROR, "bad.jury: there is no juror in it" },
    { BAD_MISSING, "bad.jury" },
    { BAD_TRIGGER, "bad.jury holds a trigger “plant”, which no Jury Desk database has" },
    { BAD_VIEW, "bad.jury holds a view “plant”" },
    { BAD_TABLE, "bad.jury holds a table “plant”" },
    { BAD_INDEX, "bad.jury holds an index “plant”" },
    { BAD_CHANGED_TABLE, "bad.jury: “comments” is not defined as Jury Desk defines it" },
    { BAD_TWO_JURORS, "bad.jury: it holds the work of 2 jurors; a juror’s database holds one juror’s work only" },
    { BAD_DECISIONS, "bad.jury: it holds a panel’s decisions" },
    { BAD_LONG_COMMENT, "bad.jury: the overall comment on “schubs” has 20001 characters; at most 20000 are allowed" },
    { BAD_CONTROL_NAME, "bad.jury: the juror’s name contains the control character U+001B" },
    { BAD_BIDI_COMMENT, "bad.jury: the overall comment on “schubs” contains the bidirectional control character U+202E" },
    { BAD_DAMAGED, "bad.jury is damaged and cannot be read" },
  };

  for (guint existing = 0; existing < 2; existing++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        Fixture fixture = { 0 }, *f = &fixture;
        g_autoptr(JuryStore) anna = NULL;
        g_autoptr(JuryStore) ben = NULL;
        g_autoptr(JuryMergeReport) report = NULL;
        g_autoptr(GBytes) before = NULL;
        g_autoptr(GBytes) after = NULL;
        g_autofree char *bad = NULL;

        g_test_message ("case %u, %s panel", i, existing ? "existing" : "new");
        fixture_set_up (f, NULL);
        anna = new_juror (f, "anna", NULL);
        ben = new_juror (f, "ben", NULL);
        score (anna, "schubs", 4);
        score (ben, "schubs", 2);
        if (existing)
          {
            g_autoptr(JuryMergeReport) first = NULL;

            first = merge_ok (f, (const char * const[]) { jury_store_get_path (ben), NULL });
            before = jury_test_read_bytes (f->panel);
          }

        bad = make_bad_input (f, cases[i].kind);
        report = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), bad,
                                                        jury_store_get_path (ben), NULL });
        g_assert_false (report->written);
        g_assert_false (report->created);
        assert_entry (report, 0, jury_store_get_path (anna), JURY_MERGE_ADDED, NULL);
        assert_entry (report, 1, bad, JURY_MERGE_REFUSED, cases[i].reason);
        assert_entry (report, 2, jury_store_get_path (ben),
                      existing ? JURY_MERGE_UNCHANGED : JURY_MERGE_ADDED, NULL);

        if (existing)
          {
            after = jury_test_read_bytes (f->panel);
            g_assert_true (g_bytes_equal (before, after));
          }
        else
          g_assert_false (g_file_test (f->panel, G_FILE_TEST_EXISTS));

        g_clear_object (&anna);
        g_clear_object (&ben);
        fixture_tear_down (f, NULL);
      }
}

static void
test_refuse_panel_itself (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autofree char *link = path_in (f, "link.jury");

  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  g_assert_no_errno (symlink ("panel.jury", link));
  report = merge_ok (f, (const char * const[]) { link, NULL });
  g_assert_false (report->written);
  assert_entry (report, 0, link, JURY_MERGE_REFUSED, "link.jury is the panel database itself");
}

static void
test_nothing_to_start_from (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *text = path_in (f, "notes.txt");
  g_autofree char *missing = path_in (f, "missing.jury");
  const char *paths[] = { text, missing, NULL };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (text, "Notizen", -1, &error);
  g_assert_no_error (error);
  g_assert_null (jury_merge_files (f->panel, paths, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  jury_test_assert_contains (error->message, "panel.jury was not created");
  jury_test_assert_contains (error->message, "notes.txt");
  jury_test_assert_contains (error->message, "missing.jury");
  assert_folder (f, (const char * const[]) { "notes.txt", NULL });

  /* A juror's database is no panel to merge into. */
  {
    g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
    g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);

    g_clear_error (&error);
    g_assert_null (jury_merge_files (jury_store_get_path (anna),
                                     (const char * const[]) { jury_store_get_path (ben), NULL }, NULL, &error));
    g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_PANEL);
    jury_test_assert_contains (error->message, "anna.jury is a juror’s database, not a panel");
  }
}

/* A copy handed in, then the juror goes on in the original while another copy is
 * changed differently: that copy no longer continues what was merged. */
static void
test_diverging (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) copy_b = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) second = NULL;
  g_autoptr(JuryMergeReport) refused = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path_a = path_in (f, "anna-a.jury");
  g_autofree char *path_b = path_in (f, "anna-b.jury");
  g_autofree char *expected = NULL;
  g_autofree char *schubs = dup_title (anna, "schubs");
  g_autofree char *mint_basics = dup_title (anna, "mint-basics");
  g_autofree char *natuerlich = dup_title (anna, "natuerlich-ausbildung");
  const JuryMergeEntry *entry;

  score (anna, "natuerlich-ausbildung", 3);
  g_assert_true (jury_store_backup (anna, path_a, NULL, &error));
  g_assert_true (jury_store_backup (anna, path_b, NULL, &error));
  g_assert_no_error (error);

  score (anna, "schubs", 5);
  copy_b = jury_store_open (path_b, &error);
  g_assert_no_error (error);
  score (copy_b, "mint-basics", 1);

  first = merge_ok (f, (const char * const[]) { path_a, NULL });
  assert_entry (first, 0, path_a, JURY_MERGE_ADDED, NULL);
  second = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  assert_entry (second, 0, jury_store_get_path (anna), JURY_MERGE_REPLACED, NULL);
  before = jury_test_read_bytes (f->panel);

  refused = merge_ok (f, (const char * const[]) { path_b, NULL });
  g_assert_false (refused->written);
  entry = entry_at (refused, 0);
  g_assert_cmpint (entry->outcome, ==, JURY_MERGE_REFUSED);
  g_assert_cmpstr (entry->juror_name, ==, "anna");
  /* The copies went on with different submissions: both are named, in file order. */
  expected = g_strdup_printf ("anna-b.jury: the work of anna differs from the copy merged before, "
                              "and neither continues the other, in “%s”, “%s”;", schubs, mint_basics);
  jury_test_assert_contains (entry->reason, expected);
  g_assert_null (strstr (entry->reason, natuerlich));

  after = jury_test_read_bytes (f->panel);
  g_assert_true (g_bytes_equal (before, after));
}

/* Two copies part in one submission, and the copy merged first went on with
 * others: the refusal names only the submission where they part. */
static void
test_diverging_later_work (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) copy_b = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path_b = path_in (f, "anna-b.jury");
  g_autofree char *expected = NULL;
  g_autofree char *schubs = dup_title (anna, "schubs");
  const char * const later_work[] = { "mint-basics", "beste-bildung", "natuerlich-ausbildung" };

  score (anna, "natuerlich-ausbildung", 3);
  g_assert_true (jury_store_backup (anna, path_b, NULL, &error));
  g_assert_no_error (error);

  score (anna, "schubs", 5);
  score (anna, "mint-basics", 4);
  score (anna, "beste-bildung", 2);
  score (anna, "natuerlich-ausbildung", 4);
  copy_b = jury_store_open (path_b, &error);
  g_assert_no_error (error);
  score (copy_b, "schubs", 1);

  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  assert_entry (first, 0, jury_store_get_path (anna), JURY_MERGE_ADDED, NULL);
  refused = merge_ok (f, (const char * const[]) { path_b, NULL });
  g_assert_false (refused->written);
  expected = g_strdup_printf ("neither continues the other, in “%s”; merge only", schubs);
  assert_entry (refused, 0, path_b, JURY_MERGE_REFUSED, expected);
  for (guint i = 0; i < G_N_ELEMENTS (later_work); i++)
    {
      g_autofree char *title = dup_title (anna, later_work[i]);

      g_assert_null (strstr (entry_at (refused, 0)->reason, title));
    }
}

/* Two copies that differ only in the juror's name say so. */
static void
test_diverging_name (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) copy_b = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path_b = path_in (f, "anna-b.jury");
  const char *juror_id = jury_store_get_sole_juror_id (anna);

  score (anna, "schubs", 3);
  g_assert_true (jury_store_backup (anna, path_b, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jury_store_rename_juror (anna, juror_id, "Anna Berg", &error));
  copy_b = jury_store_open (path_b, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_rename_juror (copy_b, juror_id, "Anna B.", &error));
  g_assert_no_error (error);

  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  refused = merge_ok (f, (const char * const[]) { path_b, NULL });
  assert_entry (refused, 0, path_b, JURY_MERGE_REFUSED, "neither continues the other, in the juror’s name;");
}

/* The programme manager's decisions survive later merges and verify with them. */
static void
test_decisions_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  JuryDecision decision;

  score (anna, "schubs", 4);
  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  panel = jury_store_open (f->panel, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_set_decision (panel, "schubs", JURY_DECISION_AWARD, "Einstimmig", &error));
  g_assert_no_error (error);
  g_clear_object (&panel);

  score (anna, "mint-basics", 2);
  second = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  assert_entry (second, 0, jury_store_get_path (anna), JURY_MERGE_REPLACED, NULL);

  panel = open_panel (f);
  g_assert_true (jury_store_get_decision (panel, "schubs", &decision, &note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (decision, ==, JURY_DECISION_AWARD);
  g_assert_cmpstr (note, ==, "Einstimmig");
  assert_same_work (panel, anna);
  g_clear_object (&panel);

  /* A panel whose decisions were edited behind its back is not merged into. */
  run_sql (f->panel, "UPDATE decisions SET decision = 'shortlist'");
  g_assert_null (jury_merge_files (f->panel, (const char * const[]) { jury_store_get_path (anna), NULL },
                                   NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
}

static void
merge_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  JuryMergeReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = jury_merge_files_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, "anna.jury");
  const char *paths[] = { path, NULL };

  score (anna, "schubs", 4);
  g_clear_object (&anna);

  /* Cancelled before it starts: nothing is made. */
  g_cancellable_cancel (cancellable);
  g_assert_null (jury_merge_files (f->panel, paths, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_folder (f, (const char * const[]) { "anna.jury", NULL });

  jury_merge_files_async (f->panel, paths, JURY_MERGE_NONE, NULL, merge_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (report->written);
  g_assert_cmpuint (jury_merge_report_count (report, JURY_MERGE_ADDED), ==, 1);
  g_assert_true (g_file_test (f->panel, G_FILE_TEST_EXISTS));
}

/* Databases made with init and import-scores, merged with the command. */
/* A juror who has not scored anything is merged, with a word of warning: in the
 * report for the window, and on the command line. A comment is not a score. */
static void
test_nothing_scored (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) test = new_juror (f, "Test", NULL);
  g_autoptr(JuryMergeReport) report = NULL;
  g_autofree char *anna_path = path_in (f, "anna.jury");
  g_autofree char *test_path = path_in (f, "Test.jury");
  const char *paths[] = { anna_path, test_path, NULL };
  g_auto(JuryTestResult) result = { 0 };
  g_auto(JuryTestResult) later = { 0 };

  score (anna, "schubs", 4);
  comment (test, "schubs", "Noch nicht gelesen");
  report = merge_ok (f, paths);
  g_assert_true (report->written);
  g_assert_cmpuint (report->entries->len, ==, 2);
  g_assert_false (((JuryMergeEntry *) g_ptr_array_index (report->entries, 0))->nothing_scored);
  g_assert_true (((JuryMergeEntry *) g_ptr_array_index (report->entries, 1))->nothing_scored);
  g_assert_cmpint (((JuryMergeEntry *) g_ptr_array_index (report->entries, 1))->outcome, ==, JURY_MERGE_ADDED);

  jury_test_run_cli (f->dir, &result, "merge", "-o", "cli-panel.jury", "anna.jury", "Test.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "Test.jury: added Test, 1 change; receipt ");
  jury_test_assert_contains (result.out, "\nTest.jury: Test has not scored anything yet\n");
  g_assert_null (strstr (result.out, "anna has not scored"));
  g_assert_cmpstr (result.err, ==, "");

  /* Once the juror has scored, the warning is gone. */
  score (test, "schubs", 3);
  jury_test_run_cli (f->dir, &later, "merge", "-o", "cli-panel.jury", "Test.jury", NULL);
  g_assert_cmpint (later.status, ==, 0);
  jury_test_assert_contains (later.out, "Test.jury: replaced Test by a later copy");
  g_assert_null (strstr (later.out, "has not scored"));
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  static const char * const names[] = { "anna", "ben", "carla" };
  g_auto(JuryTestResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_auto(GStrv) receipt = NULL;
  g_autofree char *added = NULL;

  for (guint j = 0; j < G_N_ELEMENTS (names); j++)
    {
      g_autofree char *db = g_strconcat (names[j], ".jury", NULL);
      g_autofree char *form = g_strconcat (names[j], ".csv", NULL);
      g_autofree char *form_path = path_in (f, form);
      g_autofree char *csv = g_strdup_printf ("submission_id,criterion_id,score,comment\n"
                                              "schubs,praxis,%u,\nschubs,,,Gut\n", j + 2);

      jury_test_run_cli (f->dir, &result, "init", sample, "--juror", names[j], "-o", db, NULL);
      g_assert_cmpint (result.status, ==, 0);
      jury_test_result_clear (&result);
      g_file_set_contents (form_path, csv, -1, &error);
      g_assert_no_error (error);
      jury_test_run_cli (f->dir, &result, "import-scores", db, form, NULL);
      g_assert_cmpint (result.status, ==, 0);
      jury_test_result_clear (&result);
    }

  /* The juror sees the receipt code of the file in info; the merge names it. */
  jury_test_run_cli (f->dir, &result, "info", "anna.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  receipt = g_regex_split_simple ("receipt ([0-9A-Z]{4}-[0-9A-Z]{4})", result.out, 0, 0);
  g_assert_cmpuint (g_strv_length (receipt), ==, 3);
  added = g_strdup_printf ("anna.jury: added anna, 2 changes; receipt %s\n", receipt[1]);
  jury_test_result_clear (&result);

  jury_test_run_cli (f->dir, &result, "merge", "-o", "panel.jury", "anna.jury", "ben.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, added);
  jury_test_assert_contains (result.out, "panel.jury: created, 2 jurors\n");
  g_assert_cmpstr (result.err, ==, "");
  jury_test_result_clear (&result);

  /* Later, into the existing panel. */
  jury_test_run_cli (f->dir, &result, "merge", "-o", "panel.jury", "carla.jury", "anna.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "carla.jury: added carla, 2 changes; receipt ");
  jury_test_assert_contains (result.out, "anna.jury: unchanged");
  jury_test_assert_contains (result.out, "panel.jury: merged, 3 jurors\n");
  jury_test_result_clear (&result);

  jury_test_run_cli (f->dir, &result, "verify", "panel.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);

  /* A refused file: nothing written, the reason on stderr. */
  jury_test_run_cli (f->dir, &result, "merge", "-o", "panel.jury", "anna.jury", "anna.csv", NULL);
  g_assert_cmpint (result.status, ==, 1);
  jury_test_assert_contains (result.err, "jury-desk: refused: anna.csv: is not a Jury Desk database\n");
  jury_test_assert_contains (result.err, "nothing was written to panel.jury");
  jury_test_result_clear (&result);

  jury_test_run_cli (f->dir, &result, "merge", "anna.jury", NULL);
  g_assert_cmpint (result.status, ==, 2);
  jury_test_result_clear (&result);
  jury_test_run_cli (f->dir, &result, "merge", "-o", "panel.jury", NULL);
  g_assert_cmpint (result.status, ==, 2);
  jury_test_result_clear (&result);
  jury_test_run_cli (f->dir, &result, "merge", "-o", "new.jury", "--bogus", "anna.jury", NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_folder (f, (const char * const[]) { "anna.jury", "anna.csv", "ben.jury", "ben.csv",
                                             "carla.jury", "carla.csv", "panel.jury", NULL });
}

/* Eight jurors who scored everything, into a new panel and into an existing one. */
static void
test_eight_jurors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JuryMergeReport) created = NULL;
  g_autoptr(JuryMergeReport) updated = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_auto(GStrv) paths = NULL;
  gint64 start;

  for (guint j = 0; j < 8; j++)
    {
      g_autofree char *name = g_strdup_printf ("juror-%u", j + 1);
      JuryStore *store = new_juror (f, name, NULL);

      score_everything (store, j);
      g_ptr_array_add (stores, store);
      g_strv_builder_add (builder, jury_store_get_path (store));
    }
  paths = g_strv_builder_end (builder);

  start = g_get_monotonic_time ();
  created = merge_ok (f, (const char * const *) paths);
  g_test_message ("8 jurors × 31 submissions into a new panel: %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (created->written);
  g_assert_cmpuint (jury_merge_report_count (created, JURY_MERGE_ADDED), ==, 8);

  for (guint j = 0; j < stores->len; j++)
    comment (g_ptr_array_index (stores, j), "schubs", "Nachgetragen");
  start = g_get_monotonic_time ();
  updated = merge_ok (f, (const char * const *) paths);
  g_test_message ("8 later copies into the existing panel: %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (jury_merge_report_count (updated, JURY_MERGE_REPLACED), ==, 8);

  panel = open_panel (f);
  for (guint j = 0; j < stores->len; j++)
    assert_same_work (panel, g_ptr_array_index (stores, j));
}

/* A new panel is made from Jury Desk's own schema: of the first juror's file only
 * the call's values come over, not its other rows, nor anything of its own. */
static void
test_panel_own_schema (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jury_store_get_path (anna));
  g_autofree char *created = NULL;
  g_autofree char *anna_created = NULL;
  g_autofree char *stray = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *anna_digest = NULL;

  score (anna, "schubs", 3);
  g_assert_true (jury_store_get_meta (anna, "created", &anna_created, &error));
  g_assert_true (jury_store_get_call_digest (anna, &anna_digest, &error));
  g_clear_object (&anna);
  /* Data SQLite does not guard, such as a row in meta, is no reason to refuse. */
  run_sql (path, "INSERT INTO meta (key, value) VALUES ('stray', 'from the juror')");

  report = merge_ok (f, (const char * const[]) { path, NULL });
  g_assert_true (report->written);

  panel = open_panel (f);
  g_assert_true (jury_store_get_meta (panel, "stray", &stray, &error));
  g_assert_null (stray);
  g_assert_true (jury_store_get_meta (panel, "created", &created, &error));
  g_assert_cmpstr (created, !=, anna_created);
  g_assert_true (jury_store_get_call_digest (panel, &digest, &error));
  g_assert_cmpstr (digest, ==, anna_digest);
  g_assert_true (jury_store_check_schema (panel, JURY_STORE_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jury_store_get_call (panel)->n_submissions, ==, 31);
}

/* SQL planted in the panel itself stops the merge before anything is written. */
static void
test_planted_panel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  score (anna, "schubs", 4);
  score (ben, "schubs", 2);
  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });
  run_sql (f->panel, "CREATE TRIGGER rewrite AFTER INSERT ON scores"
                     " BEGIN UPDATE scores SET value = 1 WHERE juror_id <> new.juror_id; END");
  before = jury_test_read_bytes (f->panel);

  g_assert_null (jury_merge_files (f->panel, (const char * const[]) { jury_store_get_path (ben), NULL },
                                   NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA);
  g_assert_cmpstr (error->message, ==, "panel.jury holds a trigger “rewrite”, which no Jury Desk database has; it is refused");
  after = jury_test_read_bytes (f->panel);
  g_assert_true (g_bytes_equal (before, after));
}

/* What a surprise inside the merge's transaction writes. */
static const char *surprise_sql;

static void
surprise_cb (JuryStore *panel)
{
  g_autoptr(GError) error = NULL;

  jury_store_exec (panel, surprise_sql, &error);
  g_assert_no_error (error);
}

/* A surprise that the data no longer matches the trail. */
static void
tamper_cb (JuryStore *panel)
{
  surprise_sql = "UPDATE scores SET value = 1";
  surprise_cb (panel);
}

/* The panel about to be committed is checked like verify checks it, inside the
 * merge's transaction; a surprise rolls everything back. */
static void
test_checked_before_commit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *anna_path = g_strdup (jury_store_get_path (anna));
  g_autofree char *ben_path = g_strdup (jury_store_get_path (ben));
  const char *both[] = { anna_path, ben_path, NULL };

  score (anna, "schubs", 4);
  score (ben, "schubs", 2);
  g_clear_object (&anna);
  g_clear_object (&ben);

  /* A new panel is not made. */
  jury_merge_set_before_check_hook (tamper_cb);
  g_assert_null (jury_merge_files (f->panel, both, NULL, &error));
  jury_merge_set_before_check_hook (NULL);
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
  jury_test_assert_contains (error->message, "panel.jury: the merged panel failed its check, so nothing was written: ");
  g_clear_error (&error);
  assert_folder (f, (const char * const[]) { "anna.jury", "ben.jury", NULL });

  /* An existing one is left as it was. */
  first = merge_ok (f, (const char * const[]) { anna_path, NULL });
  before = jury_test_read_bytes (f->panel);
  jury_merge_set_before_check_hook (tamper_cb);
  g_assert_null (jury_merge_files (f->panel, both, NULL, &error));
  jury_merge_set_before_check_hook (NULL);
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  after = jury_test_read_bytes (f->panel);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* So is it after a change no count of rows written sees: a table planted. */
  surprise_sql = "CREATE TABLE planted (x)";
  jury_merge_set_before_check_hook (surprise_cb);
  g_assert_null (jury_merge_files (f->panel, (const char * const[]) { ben_path, NULL }, NULL, &error));
  jury_merge_set_before_check_hook (NULL);
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA);
  jury_test_assert_contains (error->message, "panel.jury: the merged panel failed its check, so nothing was written: ");
  g_clear_error (&error);
  after = jury_test_read_bytes (f->panel);
  g_assert_true (g_bytes_equal (before, after));

  /* Without the surprise, the same merge goes through. */
  report = merge_ok (f, both);
  g_assert_true (report->written);
}

static guint n_locked_checks;

static void
try_write_cb (JuryStore *panel)
{
  sqlite3 *db = NULL;

  /* Another program's connection, which would wait for nothing. */
  g_assert_cmpint (sqlite3_open (jury_store_get_path (panel), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_BUSY);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  n_locked_checks++;
}

/* A panel that exists is checked inside the merge's transaction, which keeps
 * every other writer out until the merge commits: nobody writes between the
 * check and the commit. */
static void
test_panel_locked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JuryStore) anna = new_juror (f, "anna", NULL);
  g_autoptr(JuryStore) ben = new_juror (f, "ben", NULL);
  g_autoptr(JuryMergeReport) first = NULL;
  g_autoptr(JuryMergeReport) second = NULL;
  g_autoptr(JuryStore) panel = NULL;

  score (anna, "schubs", 4);
  score (ben, "schubs", 2);
  first = merge_ok (f, (const char * const[]) { jury_store_get_path (anna), NULL });

  /* Locked when the panel is checked at the start, and still at the end. */
  n_locked_checks = 0;
  jury_merge_set_before_verify_hook (try_write_cb);
  jury_merge_set_before_check_hook (try_write_cb);
  second = merge_ok (f, (const char * const[]) { jury_store_get_path (ben), NULL });
  jury_merge_set_before_verify_hook (NULL);
  jury_merge_set_before_check_hook (NULL);
  g_assert_cmpuint (n_locked_checks, ==, 2);
  g_assert_true (second->written);
  assert_entry (second, 0, jury_store_get_path (ben), JURY_MERGE_ADDED, NULL);

  /* Once committed, the panel is everybody's again, and sound. */
  run_sql (f->panel, "BEGIN IMMEDIATE; ROLLBACK");
  panel = open_panel (f);
  assert_same_work (panel, anna);
  assert_same_work (panel, ben);
}

static guint
count_temp_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (strstr (name, ".jury-desk.tmp") != NULL)
      n++;

  return n;
}

/* Merges killed at any moment leave temporary files; the next run that writes in
 * the folder removes them, and only them. */
static void
test_killed_merges (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *foreign = path_in (f, ".notes-abcdef.tmp");
  g_auto(JuryTestResult) result = { 0 };
  guint n_left = 0, n_kills = 24;

  for (guint j = 0; j < 8; j++)
    {
      g_autofree char *name = g_strdup_printf ("juror%u", j);
      g_autoptr(JuryStore) juror = new_juror (f, name, NULL);

      score_everything (juror, j);
    }
  g_file_set_contents (foreign, "another program's", -1, &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, g_strdup (g_getenv ("JURY_DESK_BIN")));
  g_ptr_array_add (argv, g_strdup ("merge"));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup ("panel.jury"));
  for (guint j = 0; j < 8; j++)
    g_ptr_array_add (argv, g_strdup_printf ("juror%u.jury", j));
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; i < n_kills; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) merge = NULL;

      g_subprocess_launcher_set_cwd (launcher, f->dir);
      merge = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);
      /* Somewhere between the start and the end of the merge. */
      g_usleep (g_test_rand_int_range (5, 150) * 1000);
      g_subprocess_force_exit (merge);
      g_subprocess_wait (merge, NULL, &error);
      g_assert_no_error (error);

      /* The panel is there whole, or not at all. */
      if (g_file_test (f->panel, G_FILE_TEST_EXISTS))
        {
          g_autoptr(JuryStore) panel = open_panel (f);
          g_autoptr(GPtrArray) jurors = jury_store_list_jurors (panel);

          g_assert_cmpuint (jurors->len, ==, 8);
        }
      g_unlink (f->panel);
      if (count_temp_files (f->dir) > 0)
        n_left++;
    }
  g_test_message ("%u of %u killed merges left temporary files", n_left, n_kills);

  jury_test_run_cli (f->dir, &result, "merge", "-o", "panel.jury", "juror0.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
  /* Another program's file of a similar name stays. */
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/merge/create", test_create);
  ADD ("/merge/older-format", test_older_format);
  ADD ("/merge/older-format-again", test_older_format_again);
  ADD ("/merge/older-format-into-panel", test_older_format_into_panel);
  ADD ("/merge/hand-in-call", test_hand_in_call);
  ADD ("/merge/hand-in-times", test_hand_in_times);
  ADD ("/merge/attached", test_attached);
  ADD ("/merge/attach-rechecks", test_attach_rechecks);
  ADD ("/merge/later-copy", test_later_copy);
  ADD ("/merge/same-juror-twice", test_same_juror_twice);
  g_test_add_func ("/merge/refusals", test_refusals);
  ADD ("/merge/refuse-panel-itself", test_refuse_panel_itself);
  ADD ("/merge/nothing-to-start-from", test_nothing_to_start_from);
  ADD ("/merge/diverging", test_diverging);
  ADD ("/merge/diverging-later-work", test_diverging_later_work);
  ADD ("/merge/diverging-name", test_diverging_name);
  ADD ("/merge/decisions-kept", test_decisions_kept);
  ADD ("/merge/async", test_async);
  ADD ("/merge/cli", test_cli);
  ADD ("/merge/nothing-scored", test_nothing_scored);
  ADD ("/merge/eight-jurors", test_eight_jurors);
  ADD ("/merge/panel-own-schema", test_panel_own_schema);
  ADD ("/merge/planted-panel", test_planted_panel);
  ADD ("/merge/checked-before-commit", test_checked_before_commit);
  ADD ("/merge/panel-locked", test_panel_locked);
  ADD ("/merge/killed-merges", test_killed_merges);
#undef ADD

  return g_test_run ();
}
