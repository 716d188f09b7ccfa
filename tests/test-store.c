/* test-store.c: tests of the jury database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "jury-call-loader.h"
#include "jury-file.h"
/* The store's own test: it looks at the connection too. */
#include "jury-store-sql.h"
#include "jury-test-util.h"
#include "jury-text.h"

typedef struct
{
  char      *dir;
  char      *path;
  JuryStore *store;
  char      *juror_id;
} Fixture;

/* Helpers */

/* The "field:old>new" of each entry of JUROR_ID's audit chain in PATH (NULL: the
 * decisions'), in order, and their hashes. */
static void
read_chain (const char  *path,
            const char  *juror_id,
            GStrv       *entries,
            GStrv       *hashes)
{
  g_autoptr(GStrvBuilder) entry_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) hash_builder = g_strv_builder_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT field || ':' || coalesce (old, '') || '>' || coalesce (new, ''),"
                                       " hash FROM audit WHERE juror_id IS ?1 ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, juror_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_strv_builder_add (entry_builder, (const char *) sqlite3_column_text (stmt, 0));
      g_strv_builder_add (hash_builder, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  *entries = g_strv_builder_end (entry_builder);
  if (hashes != NULL)
    *hashes = g_strv_builder_end (hash_builder);
}

/* Every entry of SHORTER is the entry at the same place in LONGER. */
static void
assert_chain_prefix (const char * const *shorter,
                     const char * const *longer)
{
  g_assert_cmpuint (g_strv_length ((GStrv) shorter), <, g_strv_length ((GStrv) longer));
  for (guint i = 0; shorter[i] != NULL; i++)
    g_assert_cmpstr (shorter[i], ==, longer[i]);
}

typedef struct
{
  GBytes *bytes;
  gint64  mtime_ns;
} Snapshot;

static void
snapshot_take (Snapshot   *snapshot,
               const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  snapshot->bytes = jury_test_read_bytes (path);
  snapshot->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

/* The file has the same bytes and mtime, and nothing was created beside it. */
static void
snapshot_assert_unchanged (Snapshot   *snapshot,
                           const char *path)
{
  g_autoptr(GBytes) now = jury_test_read_bytes (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  g_assert_true (g_bytes_equal (now, snapshot->bytes));
  g_assert_cmpint ((gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec,
                   ==, snapshot->mtime_ns);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_clear_pointer (&snapshot->bytes, g_bytes_unref);
}

static void
apply_ok (JuryStore  *store,
          JuryChange *change)
{
  g_autoptr(JuryChange) owned = change;
  g_autoptr(GError) error = NULL;

  jury_store_apply_one (store, owned, &error);
  g_assert_no_error (error);
}

static JuryChange *
score (Fixture    *fixture,
       const char *submission_id,
       const char *criterion_id,
       int         value)
{
  return jury_change_new_score (fixture->juror_id, submission_id, criterion_id, value);
}

static JuryChange *
flag (Fixture        *fixture,
      JuryChangeKind  kind,
      const char     *submission_id,
      gboolean        value)
{
  return jury_change_new_flag (kind, fixture->juror_id, submission_id, value);
}

static void
score_all (Fixture    *fixture,
           const char *submission_id,
           int         value)
{
  const JuryCall *call = jury_store_get_call (fixture->store);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      apply_ok (fixture->store, score (fixture, submission_id, criterion->id, value));
    }
}

static JuryReview *
get_review (JuryStore  *store,
            const char *juror_id,
            const char *submission_id)
{
  g_autoptr(GError) error = NULL;
  JuryReview *review = jury_store_get_review (store, juror_id, submission_id, &error);

  g_assert_no_error (error);
  return review;
}

static void
assert_reviews_equal (const JuryReview *a,
                      const JuryReview *b)
{
  g_assert_cmpuint (a->n_criteria, ==, b->n_criteria);
  for (guint i = 0; i < a->n_criteria; i++)
    {
      g_assert_cmpint (a->scores[i], ==, b->scores[i]);
      g_assert_cmpstr (a->comments[i], ==, b->comments[i]);
    }
  g_assert_cmpstr (a->overall, ==, b->overall);
  g_assert_cmpint (a->conflict, ==, b->conflict);
  g_assert_cmpint (a->done, ==, b->done);
  g_assert_cmpint (a->status, ==, b->status);
}

static void
make_changes (Fixture *fixture)
{
  score_all (fixture, "schubs", 4);
  apply_ok (fixture->store, score (fixture, "schubs", "praxis", 5));
  apply_ok (fixture->store, jury_change_new_comment (fixture->juror_id, "schubs", "praxis", "Viel Praxis, große Wirkung"));
  apply_ok (fixture->store, jury_change_new_comment (fixture->juror_id, "schubs", NULL, "Überzeugend"));
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_DONE, "schubs", TRUE));
  apply_ok (fixture->store, score (fixture, "mint-basics", "tueren", 2));
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_CONFLICT, "beste-bildung", TRUE));
}

static void
fixture_set_up_store (Fixture *fixture)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(GError) error = NULL;

  fixture->store = jury_store_create (fixture->path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  g_free (fixture->juror_id);
  fixture->juror_id = g_strdup (jury_store_get_sole_juror_id (fixture->store));
  g_assert_nonnull (fixture->juror_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = jury_test_make_tmp_dir ("test-store-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "anna.jury", NULL);
  fixture_set_up_store (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  jury_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->juror_id);
}

/* Reads the sample through the loader, keeping each submission serialised. */
static gboolean
collect_submission_cb (const JuryCall  *call,
                       JurySubmission  *submission,
                       guint            line,
                       gpointer         user_data,
                       GError         **error)
{
  g_ptr_array_add (user_data, g_variant_take_ref (jury_submission_serialize (submission)));
  return TRUE;
}

static void
assert_calls_equal (const JuryCall *a,
                    const JuryCall *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->lang, ==, b->lang);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->theme, ==, b->theme);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpuint (a->awards, ==, b->awards);
  g_assert_cmpint (a->scale_min, ==, b->scale_min);
  g_assert_cmpint (a->scale_max, ==, b->scale_max);
  g_assert_cmpstr (a->sha256, ==, b->sha256);
  g_assert_cmpuint (a->n_submissions, ==, b->n_submissions);
  g_assert_cmpuint (a->criteria->len, ==, b->criteria->len);

  for (guint i = 0; i < a->criteria->len; i++)
    {
      const JuryCriterion *ca = g_ptr_array_index (a->criteria, i);
      const JuryCriterion *cb = g_ptr_array_index (b->criteria, i);

      g_assert_cmpstr (ca->id, ==, cb->id);
      g_assert_cmpstr (ca->name, ==, cb->name);
      g_assert_cmpstr (ca->description, ==, cb->description);
      g_assert_cmpfloat (ca->weight, ==, cb->weight);
      g_assert_cmpuint (ca->levels->len, ==, cb->levels->len);
      for (guint j = 0; j < ca->levels->len; j++)
        {
          const JuryLevel *la = g_ptr_array_index (ca->levels, j);
          const JuryLevel *lb = g_ptr_array_index (cb->levels, j);

          g_assert_cmpint (la->value, ==, lb->value);
          g_assert_cmpstr (la->label, ==, lb->label);
        }
    }
}

/* Tests */

static void
test_create_content (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (call_file);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(JuryStore) reopened = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GError) error = NULL;

  jury_call_loader_set_callbacks (loader, NULL, collect_submission_cb, expected);
  call = jury_call_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 0);

  g_clear_object (&fixture->store);
  reopened = jury_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (jury_store_is_read_only (reopened));
  g_assert_cmpint (jury_store_get_user_version (reopened), ==, JURY_STORE_SCHEMA_VERSION);
  assert_calls_equal (jury_store_get_call (reopened), call);

  jurors = jury_store_list_jurors (reopened);
  g_assert_cmpuint (jurors->len, ==, 1);
  g_assert_cmpstr (((JuryJuror *) g_ptr_array_index (jurors, 0))->name, ==, "Anna");
  g_assert_cmpstr (jury_store_get_sole_juror_id (reopened), ==, fixture->juror_id);
  g_assert_true (g_uuid_string_is_valid (fixture->juror_id));

  rows = jury_store_list_submissions (reopened, fixture->juror_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JurySubmission) submission = jury_store_get_submission (reopened, row->id, &error);
      g_autoptr(GVariant) stored = NULL;

      g_assert_no_error (error);
      stored = g_variant_take_ref (jury_submission_serialize (submission));
      g_assert_true (g_variant_equal (stored, g_ptr_array_index (expected, i)));
      g_assert_cmpuint (row->position, ==, i);
      g_assert_cmpstr (row->title, ==, submission->title);
      g_assert_cmpstr (row->region, ==, submission->region);
      g_assert_cmpstr (row->network, ==, submission->network);
      g_assert_cmpint (row->status, ==, JURY_REVIEW_OPEN);
      g_assert_cmpuint (row->n_scored, ==, 0);
    }

  g_assert_null (jury_store_get_submission (reopened, "no-such-submission", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_assert_true (jury_store_verify (reopened, NULL));
}

static void
test_create_exists (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "taken.jury", NULL);
  g_autoptr(JuryStore) store = NULL;
  g_autofree char *contents = NULL;

  g_file_set_contents (path, "mine", -1, &error);
  g_assert_no_error (error);

  store = jury_store_create (path, call_file, "Anna", NULL, &error);
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "taken.jury"));

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "mine");
  g_assert_cmpuint (jury_test_count_entries (dir), ==, 1);

  jury_test_remove_tree (dir);
}

static void
test_create_bad_call (void)
{
  static const char *calls[] = {
    /* Not well-formed. */
    "<call xmlns=\"urn:jury-desk:call:1\" id=\"x\"><title>x</title>",
    /* A submission appears twice, after the first went in. */
    "<call xmlns=\"urn:jury-desk:call:1\" id=\"x\"><title>X</title><awards count=\"1\"/>"
    "<rubric min=\"1\" max=\"5\"><criterion id=\"a\"><name>A</name></criterion></rubric>"
    "<submission id=\"s\"><title>S</title></submission>"
    "<submission id=\"s\"><title>S again</title></submission></call>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
      g_autofree char *call_path = g_build_filename (dir, "call.xml", NULL);
      g_autofree char *path = g_build_filename (dir, "new.jury", NULL);
      g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
      g_autoptr(JuryStore) store = NULL;

      g_file_set_contents (call_path, calls[i], -1, &error);
      g_assert_no_error (error);

      store = jury_store_create (path, call_file, "Anna", NULL, &error);
      g_assert_null (store);
      g_assert_error (error, JURY_CALL_ERROR, error->code);
      g_test_message ("refused: %s", error->message);

      /* Only the call file is left: no database, no temporary file. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (jury_test_count_entries (dir), ==, 1);
      jury_test_remove_tree (dir);
    }
}

/* A cancelled creation leaves nothing behind; the next one works. */
static void
test_create_cancelled (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bernd.jury", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GPtrArray) jurors = NULL;

  g_cancellable_cancel (cancellable);
  store = jury_store_create (path, call_file, "Bernd", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_assert_cmpuint (jury_test_count_entries (dir), ==, 0);
  g_clear_error (&error);

  store = jury_store_create (path, call_file, "Bernd", NULL, &error);
  g_assert_no_error (error);
  jurors = jury_store_list_jurors (store);
  g_assert_cmpuint (jurors->len, ==, 1);
  g_assert_cmpstr (((JuryJuror *) g_ptr_array_index (jurors, 0))->name, ==, "Bernd");
  g_assert_cmpuint (jury_store_get_call (store)->n_submissions, >, 0);

  g_clear_object (&store);
  jury_test_remove_tree (dir);
}

/* Names are passed to SQLite as URIs: characters with a meaning there must survive. */
static void
test_open_odd_name (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Jürgen %41 #1?mode=ro&x.jury", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "Kopie von Jürgen?.jury", NULL);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryChange) change = NULL;
  g_autoptr(GError) error = NULL;

  store = jury_store_create (path, call_file, "Jürgen", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = jury_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (jury_store_is_read_only (store));
  change = jury_change_new_score (jury_store_get_sole_juror_id (store), "schubs", "praxis", 2);
  g_assert_true (jury_store_apply_one (store, change, &error));
  g_assert_no_error (error);
  g_assert_true (jury_store_backup (store, copy_path, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = jury_store_open_read_only (copy_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jury_store_get_audit_length (store, NULL), ==, 1);
  g_clear_object (&store);

  /* Only the two databases: nothing was created under a mangled name. */
  g_assert_cmpuint (jury_test_count_entries (dir), ==, 2);
  jury_test_remove_tree (dir);
}

typedef struct
{
  const char     *name;
  const char     *contents;  /* written as is; NULL: SQL for the sqlite3 tool */
  const char     *sql;
  JuryStoreError  code;
} ForeignCase;

static void
test_open_refusals (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  static const ForeignCase cases[] = {
    { "notes.jury", "Anna's scores: 5, 4, 3\n", NULL, JURY_STORE_ERROR_FOREIGN },
    { "picture.jury", (const char *) png, NULL, JURY_STORE_ERROR_FOREIGN },
    { "empty.jury", "", NULL, JURY_STORE_ERROR_FOREIGN },
    { "other.jury", NULL, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", JURY_STORE_ERROR_FOREIGN },
    { "other-wal.jury", NULL, "PRAGMA journal_mode = WAL; CREATE TABLE t (x);", JURY_STORE_ERROR_FOREIGN },
    { "future.jury", NULL,
      "PRAGMA application_id = " G_STRINGIFY (JURY_STORE_APPLICATION_ID) ";"
      "PRAGMA user_version = 99; CREATE TABLE t (x);", JURY_STORE_ERROR_NEWER },
    { "unversioned.jury", NULL,
      "PRAGMA application_id = " G_STRINGIFY (JURY_STORE_APPLICATION_ID) "; CREATE TABLE t (x);",
      JURY_STORE_ERROR_DAMAGED },
  };
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JuryStore) store = NULL;
      Snapshot snapshot;

      if (cases[i].sql != NULL)
        jury_test_run_sqlite3 (path, cases[i].sql);
      else
        g_file_set_contents (path, cases[i].contents,
                             cases[i].contents == (const char *) png ? (gssize) sizeof png : -1, &error);
      g_assert_no_error (error);

      snapshot_take (&snapshot, path);
      store = jury_store_open (path, &error);
      g_test_message ("%s: %s", cases[i].name, error ? error->message : "opened");
      g_assert_error (error, JURY_STORE_ERROR, (int) cases[i].code);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, cases[i].name));
      snapshot_assert_unchanged (&snapshot, path);
    }

  jury_test_remove_tree (dir);
}

static void
test_open_newer_message (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "future.jury", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  sql = g_strdup_printf ("PRAGMA application_id = " G_STRINGIFY (JURY_STORE_APPLICATION_ID) ";"
                         "PRAGMA user_version = %d; CREATE TABLE t (x);", JURY_STORE_SCHEMA_VERSION + 1);
  jury_test_run_sqlite3 (path, sql);
  g_assert_null (jury_store_open (path, &error));
  expected = g_strdup_printf ("future.jury was made by a newer version of Jury Desk (format %d); "
                              "this version reads up to %d", JURY_STORE_SCHEMA_VERSION + 1,
                              JURY_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (error->message, ==, expected);

  jury_test_remove_tree (dir);
}

typedef enum
{
  DAMAGE_SCHEMA,   /* page 1 after the header, which holds the schema */
  DAMAGE_CUT,      /* the second half gone */
  DAMAGE_PAGE_3,   /* four kilobytes of garbage over the third page */
} Damage;

static void
write_damaged_copy (const char *source,
                    const char *dest,
                    Damage      damage)
{
  g_autoptr(GBytes) bytes = jury_test_read_bytes (source);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autoptr(GError) error = NULL;
  guint32 state = 12345;

  g_assert_cmpuint (size, >, 3 * 4096);
  switch (damage)
    {
    case DAMAGE_CUT:
      size /= 2;
      break;
    case DAMAGE_SCHEMA:
      memset (data + 100, 0xA5, 4000);
      break;
    case DAMAGE_PAGE_3:
      for (gsize i = 2 * 4096; i < 3 * 4096; i++)
        {
          state = state * 1103515245 + 12345;
          data[i] = state >> 16;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  g_file_set_contents (dest, (const char *) data, size, &error);
  g_assert_no_error (error);
}

static void
test_open_damaged (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const names[] = { "garbled.jury", "cut.jury", "page-3.jury" };

  for (Damage damage = DAMAGE_SCHEMA; damage <= DAMAGE_PAGE_3; damage++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[damage], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JuryStore) store = NULL;
      Snapshot snapshot;

      /* The fixture's store is closed, so its file holds everything. */
      g_clear_object (&fixture->store);
      write_damaged_copy (fixture->path, path, damage);
      snapshot_take (&snapshot, path);

      store = jury_store_open (path, &error);
      g_test_message ("%s", error ? error->message : "opened");
      g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_DAMAGED);
      snapshot_assert_unchanged (&snapshot, path);
    }
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (jury_store_check_finish (JURY_STORE (source), result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "passed");
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean gone;
} Finalized;

static void
finalized_cb (gpointer data)
{
  Finalized *finalized = data;

  g_mutex_lock (&finalized->lock);
  finalized->gone = TRUE;
  g_cond_signal (&finalized->cond);
  g_mutex_unlock (&finalized->lock);
}

/* Drops OBJECT and waits until its last reference, wherever it is held, is
 * gone too and it is finalized (its data is freed at the very end of that,
 * after the class's own finalize, unlike weak references); fails the test
 * after 10 s. */
static void
wait_until_finalized (gpointer object)
{
  Finalized finalized = { 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_mutex_init (&finalized.lock);
  g_cond_init (&finalized.cond);
  g_object_set_data_full (object, "test-finalized", &finalized, finalized_cb);
  g_object_unref (object);

  g_mutex_lock (&finalized.lock);
  while (!finalized.gone && g_cond_wait_until (&finalized.cond, &finalized.lock, deadline))
    ;
  g_assert_true (finalized.gone);
  g_mutex_unlock (&finalized.lock);
  g_mutex_clear (&finalized.lock);
  g_cond_clear (&finalized.cond);
}

/* jury_store_check_async() to its end: NULL when the file passed. */
static GError *
check_in_worker (JuryStore *store)
{
  GError *error = NULL;

  jury_store_check_async (store, NULL, check_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);
  return error;
}

/* A sound file opened for the window takes changes at once; its check in the
 * background passes, before or after them. */
static void
test_open_check_later (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryChange) three = score (fixture, "schubs", "praxis", 3);
  g_autoptr(JuryChange) four = score (fixture, "schubs", "praxis", 4);

  g_clear_object (&fixture->store);
  store = jury_store_open_deferring_check (fixture->path, &error);
  g_assert_no_error (error);
  jury_store_apply_one (store, three, &error);
  g_assert_no_error (error);
  g_assert_null (check_in_worker (store));
  g_clear_object (&store);

  store = jury_store_open_deferring_check (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (check_in_worker (store));
  jury_store_apply_one (store, four, &error);
  g_assert_no_error (error);
}

/* Opens PATH for the window and checks that nothing can be written to it, with
 * the check in the background first or the change first. */
static void
assert_damaged_later (Fixture    *fixture,
                      const char *path,
                      gboolean    check_first)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(JuryChange) change = score (fixture, "schubs", "praxis", 3);

  store = jury_store_open_deferring_check (path, &error);
  g_assert_no_error (error);
  if (check_first)
    check_error = check_in_worker (store);
  g_assert_false (jury_store_apply_one (store, change, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_DAMAGED);
  if (!check_first)
    check_error = check_in_worker (store);
  g_assert_error (check_error, JURY_STORE_ERROR, JURY_STORE_ERROR_DAMAGED);

  /* The worker's task may hold the store a moment longer: the file is closed when
   * the last reference goes, in whichever thread drops it. */
  wait_until_finalized (g_steal_pointer (&store));
}

/* A file damaged where only the whole check looks opens at once for the window,
 * but nothing is written to it: a change waits for the check and is refused, and
 * the check in the background says why. */
static void
test_open_check_later_damaged (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "deep.jury", NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize n_pages;
  gboolean found = FALSE;

  g_clear_object (&fixture->store);
  bytes = jury_test_read_bytes (fixture->path);
  n_pages = g_bytes_get_size (bytes) / 4096;

  /* From the end of the file: a page that the check finds and an open does not. */
  for (gsize page = n_pages - 1; page >= 2 && !found; page--)
    {
      g_autofree guint8 *damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(JuryStore) checked = NULL;
      g_autoptr(JuryStore) store = NULL;
      g_autoptr(GError) error = NULL;
      Snapshot snapshot;

      memset (damaged + page * 4096, 0x5A, 4096);
      g_file_set_contents (path, (const char *) damaged, g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);

      checked = jury_store_open (path, &error);
      if (!g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_DAMAGED))
        continue;
      g_clear_error (&error);
      snapshot_take (&snapshot, path);
      store = jury_store_open_deferring_check (path, &error);
      if (store == NULL)
        {
          g_clear_pointer (&snapshot.bytes, g_bytes_unref);
          continue;
        }

      found = TRUE;
      g_test_message ("page %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, page + 1, n_pages);
      g_clear_object (&store);
      assert_damaged_later (fixture, path, FALSE);
      assert_damaged_later (fixture, path, TRUE);
      snapshot_assert_unchanged (&snapshot, path);
    }

  g_assert_true (found);
}

static void
assert_writes_refused (Fixture   *fixture,
                       JuryStore *store)
{
  g_autoptr(JuryChange) change = score (fixture, "schubs", "praxis", 3);
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_store_is_read_only (store));
  g_assert_false (jury_store_apply_one (store, change, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (jury_store_add_juror (store, "Carla", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (jury_store_rename_juror (store, fixture->juror_id, "Carla", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY);
}

static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot snapshot;

  make_changes (fixture);
  g_clear_object (&fixture->store);
  snapshot_take (&snapshot, fixture->path);

  store = jury_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  assert_writes_refused (fixture, store);

  /* Reading works and sees everything. */
  review = get_review (store, fixture->juror_id, "schubs");
  g_assert_cmpint (review->scores[0], ==, 5);
  g_assert_true (review->done);
  rows = jury_store_list_submissions (store, fixture->juror_id, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  snapshot_assert_unchanged (&snapshot, fixture->path);
}

/* A file of an older format is read and verified as it is, without being updated. */
static void
test_open_read_only_older (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryReview) before = NULL;
  g_autoptr(JuryReview) after = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  Snapshot snapshot;
  guint length;

  fixture.dir = dir;
  fixture.path = g_build_filename (dir, "old.jury", NULL);
  fixture.store = jury_store_create_at_version (fixture.path, call_file, "Anna", 1, &error);
  g_assert_no_error (error);
  fixture.juror_id = g_strdup (jury_store_get_sole_juror_id (fixture.store));
  make_changes (&fixture);
  before = get_review (fixture.store, fixture.juror_id, "schubs");
  length = jury_store_get_audit_length (fixture.store, NULL);
  g_clear_object (&fixture.store);
  snapshot_take (&snapshot, fixture.path);

  store = jury_store_open_read_only (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jury_store_get_user_version (store), ==, JURY_STORE_SCHEMA_VERSION);
  after = get_review (store, fixture.juror_id, "schubs");
  assert_reviews_equal (before, after);
  g_assert_cmpuint (jury_store_get_audit_length (store, NULL), ==, length);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
  assert_writes_refused (&fixture, store);
  g_clear_object (&store);
  snapshot_assert_unchanged (&snapshot, fixture.path);

  /* Opened for writing, it is updated in place. */
  store = jury_store_open (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_false (jury_store_is_read_only (store));
  g_clear_object (&store);
  store = jury_store_open_read_only (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  jury_test_remove_tree (dir);
  g_free (fixture.path);
  g_free (fixture.juror_id);
}

static void
test_open_unwritable (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot snapshot;

  make_changes (fixture);
  g_clear_object (&fixture->store);
  g_assert_no_errno (g_chmod (fixture->path, 0444));

  if (access (fixture->path, W_OK) == 0)
    {
      /* The super-user may write anyway; jury_store_open_read_only() covers the rest. */
      g_test_skip ("a file without write permission is still writable for this user");
      return;
    }

  snapshot_take (&snapshot, fixture->path);
  store = jury_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_writes_refused (fixture, store);
  g_clear_object (&store);
  snapshot_assert_unchanged (&snapshot, fixture->path);
}

/* Without the right to create the log beside it, the file is opened read-only. */
static void
test_open_unwritable_folder (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot snapshot;

  make_changes (fixture);
  g_clear_object (&fixture->store);
  g_assert_no_errno (g_chmod (fixture->dir, 0555));

  if (access (fixture->dir, W_OK) == 0)
    {
      g_assert_no_errno (g_chmod (fixture->dir, 0755));
      g_test_skip ("a folder without write permission is still writable for this user");
      return;
    }

  snapshot_take (&snapshot, fixture->path);
  store = jury_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_writes_refused (fixture, store);
  review = get_review (store, fixture->juror_id, "schubs");
  g_assert_true (review->done);
  g_clear_object (&store);
  snapshot_assert_unchanged (&snapshot, fixture->path);

  g_assert_no_errno (g_chmod (fixture->dir, 0755));
}

typedef struct
{
  const char     *what;
  const char     *juror;        /* NULL: the fixture's juror */
  const char     *submission;
  JuryChangeKind  kind;
  const char     *criterion;
  int             value;
  JuryStoreError  code;
  const char     *named;        /* what the message must name */
} RefusalCase;

static void
test_apply_validation (Fixture       *fixture,
                       gconstpointer  data)
{
  static const RefusalCase cases[] = {
    { "unknown juror", "nobody", "schubs", JURY_CHANGE_SCORE, "praxis", 3, JURY_STORE_ERROR_NOT_FOUND, "nobody" },
    { "unknown submission", NULL, "nothing", JURY_CHANGE_SCORE, "praxis", 3, JURY_STORE_ERROR_NOT_FOUND, "nothing" },
    { "unknown criterion", NULL, "schubs", JURY_CHANGE_SCORE, "beauty", 3, JURY_STORE_ERROR_NOT_FOUND, "beauty" },
    { "comment on unknown criterion", NULL, "schubs", JURY_CHANGE_COMMENT, "beauty", 0, JURY_STORE_ERROR_NOT_FOUND, "beauty" },
    { "flag for unknown submission", NULL, "nothing", JURY_CHANGE_DONE, NULL, 1, JURY_STORE_ERROR_NOT_FOUND, "nothing" },
    { "below the scale", NULL, "schubs", JURY_CHANGE_SCORE, "praxis", 0, JURY_STORE_ERROR_OUT_OF_SCALE, "praxis" },
    { "above the scale", NULL, "schubs", JURY_CHANGE_SCORE, "praxis", 6, JURY_STORE_ERROR_OUT_OF_SCALE, "praxis" },
    { "score despite conflict", NULL, "beste-bildung", JURY_CHANGE_SCORE, "praxis", 3, JURY_STORE_ERROR_CONFLICT, "beste-bildung" },
    { "done while incomplete", NULL, "mint-basics", JURY_CHANGE_DONE, NULL, 1, JURY_STORE_ERROR_INCOMPLETE, "mint-basics" },
    { "done despite conflict", NULL, "beste-bildung", JURY_CHANGE_DONE, NULL, 1, JURY_STORE_ERROR_INCOMPLETE, "beste-bildung" },
  };
  guint audit_length;

  make_changes (fixture);
  audit_length = jury_store_get_audit_length (fixture->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RefusalCase *c = &cases[i];
      const char *juror = c->juror != NULL ? c->juror : fixture->juror_id;
      g_autoptr(JuryChange) change = NULL;
      g_autoptr(GError) error = NULL;

      if (c->kind == JURY_CHANGE_SCORE)
        change = jury_change_new_score (juror, c->submission, c->criterion, c->value);
      else if (c->kind == JURY_CHANGE_COMMENT)
        change = jury_change_new_comment (juror, c->submission, c->criterion, "text");
      else
        change = jury_change_new_flag (c->kind, juror, c->submission, c->value);

      g_test_message ("%s", c->what);
      g_assert_false (jury_store_apply_one (fixture->store, change, &error));
      g_assert_error (error, JURY_STORE_ERROR, (int) c->code);
      g_assert_nonnull (strstr (error->message, c->named));
    }

  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, NULL), ==, audit_length);
  g_assert_true (jury_store_verify (fixture->store, NULL));
}

static void
count_signal_cb (JuryStore  *store,
                 const char *juror_id,
                 const char *submission_id,
                 GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (submission_id));
}

static void
test_apply_rules (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = fixture->juror_id;
  guint length;

  g_signal_connect (fixture->store, "review-changed", G_CALLBACK (count_signal_cb), seen);

  /* Scoring everything, then done. */
  score_all (fixture, "schubs", 3);
  g_assert_cmpuint (seen->len, ==, 6);
  review = get_review (fixture->store, id, "schubs");
  g_assert_cmpint (review->status, ==, JURY_REVIEW_IN_PROGRESS);
  g_assert_true (jury_review_is_complete (review));
  g_clear_pointer (&review, jury_review_free);
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_DONE, "schubs", TRUE));
  review = get_review (fixture->store, id, "schubs");
  g_assert_cmpint (review->status, ==, JURY_REVIEW_DONE);
  g_clear_pointer (&review, jury_review_free);

  /* The same value again writes nothing and says nothing. */
  length = jury_store_get_audit_length (fixture->store, id);
  g_assert_cmpuint (length, ==, 7);
  g_ptr_array_set_size (seen, 0);
  apply_ok (fixture->store, score (fixture, "schubs", "praxis", 3));
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_DONE, "schubs", TRUE));
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_CONFLICT, "schubs", FALSE));
  apply_ok (fixture->store, jury_change_new_comment (id, "schubs", NULL, ""));
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, id), ==, length);
  g_assert_cmpuint (seen->len, ==, 0);

  /* Clearing a score of a done review clears done, as an entry of its own. */
  apply_ok (fixture->store, score (fixture, "schubs", "praxis", JURY_NO_SCORE));
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, id), ==, length + 2);
  g_assert_cmpuint (seen->len, ==, 1);
  review = get_review (fixture->store, id, "schubs");
  g_assert_false (review->done);
  g_assert_cmpint (review->scores[0], ==, JURY_NO_SCORE);
  g_assert_cmpint (review->status, ==, JURY_REVIEW_IN_PROGRESS);
  g_clear_pointer (&review, jury_review_free);

  /* A conflict clears done, keeps the scores, and blocks new ones but not clearing. */
  apply_ok (fixture->store, score (fixture, "schubs", "praxis", 4));
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_DONE, "schubs", TRUE));
  length = jury_store_get_audit_length (fixture->store, id);
  apply_ok (fixture->store, flag (fixture, JURY_CHANGE_CONFLICT, "schubs", TRUE));
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, id), ==, length + 2);
  review = get_review (fixture->store, id, "schubs");
  g_assert_true (review->conflict);
  g_assert_false (review->done);
  g_assert_cmpint (review->status, ==, JURY_REVIEW_CONFLICT);
  g_assert_cmpuint (jury_review_count_scored (review), ==, 6);
  g_assert_false (jury_review_is_complete (review));
  g_clear_pointer (&review, jury_review_free);
  apply_ok (fixture->store, score (fixture, "schubs", "tueren", JURY_NO_SCORE));

  /* All or nothing: a refused change takes the good one before it along. */
  {
    JuryChange *changes[] = {
      score (fixture, "mint-basics", "praxis", 2),
      score (fixture, "mint-basics", "tueren", 9),
    };

    length = jury_store_get_audit_length (fixture->store, id);
    g_ptr_array_set_size (seen, 0);
    g_assert_false (jury_store_apply (fixture->store, changes, G_N_ELEMENTS (changes), &error));
    g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_OUT_OF_SCALE);
    g_clear_error (&error);
    g_assert_cmpuint (jury_store_get_audit_length (fixture->store, id), ==, length);
    g_assert_cmpuint (seen->len, ==, 0);
    review = get_review (fixture->store, id, "mint-basics");
    g_assert_cmpint (review->scores[0], ==, JURY_NO_SCORE);
    g_clear_pointer (&review, jury_review_free);

    /* Two changes to one review in one call: one signal. */
    changes[1]->value = 5;
    g_assert_true (jury_store_apply (fixture->store, changes, G_N_ELEMENTS (changes), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seen->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "mint-basics");
    jury_change_free (changes[0]);
    jury_change_free (changes[1]);
  }

  /* Several reviews interleaved: each once, in the order of its first change. */
  {
    JuryChange *changes[] = {
      score (fixture, "mint-meets-peb", "praxis", 2),
      score (fixture, "die-anhaengerwerkstatt", "praxis", 3),
      score (fixture, "mint-meets-peb", "tueren", 4),
      score (fixture, "mint-werra-meissner", "praxis", 5),
      score (fixture, "die-anhaengerwerkstatt", "tueren", 1),
    };

    g_ptr_array_set_size (seen, 0);
    g_assert_true (jury_store_apply (fixture->store, changes, G_N_ELEMENTS (changes), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seen->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "mint-meets-peb");
    g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "die-anhaengerwerkstatt");
    g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "mint-werra-meissner");
    for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
      jury_change_free (changes[i]);
  }

  g_assert_true (jury_store_verify (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_apply_on_disk (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JuryStore) second = NULL;
  g_autoptr(GError) error = NULL;

  second = jury_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (int value = 1; value <= 5; value++)
    {
      g_autoptr(JuryReview) review = NULL;
      g_autofree char *text = g_strdup_printf ("Fassung %d", value);

      apply_ok (fixture->store, score (fixture, "schubs", "transfer", value));
      apply_ok (fixture->store, jury_change_new_comment (fixture->juror_id, "schubs", "transfer", text));

      /* Another connection sees each change as soon as apply returns. */
      review = get_review (second, fixture->juror_id, "schubs");
      g_assert_cmpint (review->scores[5], ==, value);
      g_assert_cmpstr (review->comments[5], ==, text);
    }

  g_assert_cmpuint (jury_store_get_audit_length (second, fixture->juror_id), ==, 10);
  g_assert_true (jury_store_verify (second, &error));
  g_assert_no_error (error);
}

static void
test_apply_write_failure (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JuryChange) change = score (fixture, "schubs", "praxis", 4);
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;

  jury_store_set_fail_writes (fixture->store, TRUE);
  g_assert_false (jury_store_apply_one (fixture->store, change, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==, "Could not save to anna.jury: the disk is full");
  g_clear_error (&error);

  /* Rolled back, and the store goes on working. */
  jury_store_set_fail_writes (fixture->store, FALSE);
  review = get_review (fixture->store, fixture->juror_id, "schubs");
  g_assert_cmpint (review->scores[0], ==, JURY_NO_SCORE);
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, NULL), ==, 0);
  g_assert_true (jury_store_apply_one (fixture->store, change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, NULL), ==, 1);
}

static void
test_migrate (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autoptr(JuryReview) before = NULL;
  g_autoptr(JuryReview) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) old_chain = NULL;
  g_auto(GStrv) old_hashes = NULL;
  g_auto(GStrv) new_chain = NULL;
  g_auto(GStrv) new_hashes = NULL;
  sqlite3 *db = NULL;
  Fixture fixture = { 0 };
  guint length;

  fixture.path = g_build_filename (dir, "old.jury", NULL);
  fixture.store = jury_store_create_at_version (fixture.path, call_file, "Anna", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jury_store_get_user_version (fixture.store), ==, 1);
  fixture.juror_id = g_strdup (jury_store_get_sole_juror_id (fixture.store));

  make_changes (&fixture);
  before = get_review (fixture.store, fixture.juror_id, "schubs");
  length = jury_store_get_audit_length (fixture.store, NULL);
  g_clear_object (&fixture.store);

  /* Version 1 has no decisions. */
  g_assert_cmpint (sqlite3_open (fixture.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT * FROM decisions", NULL, NULL, NULL), ==, SQLITE_ERROR);
  sqlite3_close (db);
  read_chain (fixture.path, fixture.juror_id, &old_chain, &old_hashes);

  fixture.store = jury_store_open (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jury_store_get_user_version (fixture.store), ==, JURY_STORE_SCHEMA_VERSION);
  after = get_review (fixture.store, fixture.juror_id, "schubs");
  assert_reviews_equal (before, after);
  g_assert_cmpuint (jury_store_get_audit_length (fixture.store, NULL), ==, length);
  g_assert_true (jury_store_verify (fixture.store, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture.store);

  /* The chain goes on where it ended, with the juror's name. */
  read_chain (fixture.path, fixture.juror_id, &new_chain, &new_hashes);
  assert_chain_prefix ((const char * const *) old_hashes, (const char * const *) new_hashes);
  g_assert_cmpuint (g_strv_length (new_chain), ==, g_strv_length (old_chain) + 1);
  g_assert_cmpstr (new_chain[g_strv_length (old_chain)], ==, "juror-name:>Anna");

  /* From now on the call is sealed as well. */
  jury_test_run_sqlite3 (fixture.path, "UPDATE meta SET value = 'Ein anderer Preis' WHERE key = 'title'");
  fixture.store = jury_store_open (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_false (jury_store_verify (fixture.store, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  g_clear_object (&fixture.store);
  jury_test_run_sqlite3 (fixture.path, "UPDATE meta SET value = 'MINT-Regionen wirken! 2025' WHERE key = 'title'");

  g_assert_cmpint (sqlite3_open (fixture.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT * FROM decisions", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO decisions VALUES ('schubs', 'maybe', NULL, 'now')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  jury_test_remove_tree (dir);
  g_free (fixture.path);
  g_free (fixture.juror_id);
}

/* What a file says of its call, to compare before and after a migration: every
 * submission as it reads back, and what each query finds. */
static const char * const flat_queries[] = {
  "", "Anhängerwerkstatt", "WERRA-MEISSNER", "schulerinnen", "berlin", "e", "\n", "https",
  "Quantenschaum-Xylophon",
};

static GPtrArray *
read_call_as_seen (JuryStore *store)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = jury_store_list_submissions (store, jury_store_get_sole_juror_id (store), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JurySubmission) submission = jury_store_get_submission (store, row->id, &error);
      g_autoptr(GVariant) variant = NULL;

      g_assert_no_error (error);
      variant = g_variant_take_ref (jury_submission_serialize (submission));
      g_ptr_array_add (seen, g_variant_print (variant, FALSE));
    }

  for (guint i = 0; i < G_N_ELEMENTS (flat_queries); i++)
    {
      g_autoptr(GHashTable) found = jury_store_search (store, flat_queries[i], &error);
      g_autoptr(GList) ids = NULL;
      g_autoptr(GString) line = g_string_new (flat_queries[i]);

      g_assert_no_error (error);
      ids = g_list_sort (g_hash_table_get_keys (found), (GCompareFunc) g_strcmp0);
      for (const GList *l = ids; l != NULL; l = l->next)
        g_string_append_printf (line, " %s", (const char *) l->data);
      g_ptr_array_add (seen, g_string_free (g_steal_pointer (&line), FALSE));
    }

  return g_steal_pointer (&seen);
}

static void
assert_same_strings (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static char *
get_digest (JuryStore *store)
{
  g_autoptr(GError) error = NULL;
  char *digest = NULL;

  g_assert_true (jury_store_get_call_digest (store, &digest, &error));
  g_assert_no_error (error);
  g_assert_nonnull (digest);
  return digest;
}

/* A call is written and hashed in threads of its own when it is large, in the
 * thread that reads it when not: the database is the same either way. */
static void
test_create_threads (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *here_path = g_build_filename (dir, "here.jury", NULL);
  g_autofree char *threads_path = g_build_filename (dir, "threads.jury", NULL);
  g_autoptr(JuryStore) here = NULL;
  g_autoptr(JuryStore) threads = NULL;
  g_autoptr(GPtrArray) here_seen = NULL;
  g_autoptr(GPtrArray) threads_seen = NULL;
  g_autofree char *here_digest = NULL;
  g_autofree char *threads_digest = NULL;
  g_autoptr(GError) error = NULL;

  here = jury_store_create (here_path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  jury_store_set_large_call_size (0);
  threads = jury_store_create (threads_path, call_file, "Anna", NULL, &error);
  jury_store_set_large_call_size (-1);
  g_assert_no_error (error);

  here_seen = read_call_as_seen (here);
  threads_seen = read_call_as_seen (threads);
  assert_same_strings (here_seen, threads_seen);
  here_digest = get_digest (here);
  threads_digest = get_digest (threads);
  g_assert_cmpstr (here_digest, ==, threads_digest);
  g_assert_true (jury_store_verify (threads, &error));
  g_assert_no_error (error);

  g_clear_object (&here);
  g_clear_object (&threads);
  jury_test_remove_tree (dir);
}

/* A format-6 file (a search text beside each body) becomes format 7 (flat bodies,
 * searched as they stand): it reads, finds and verifies as before, its trail is
 * untouched, and it is smaller; a private copy migrates to the same digest. */
static void
test_migrate_flat (void)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.jury", NULL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) privately = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) read_only = NULL;
  g_autofree char *old_digest = NULL;
  g_autofree char *new_digest = NULL;
  g_autofree char *private_digest = NULL;
  g_auto(GStrv) old_chain = NULL;
  g_auto(GStrv) old_hashes = NULL;
  g_auto(GStrv) new_chain = NULL;
  g_auto(GStrv) new_hashes = NULL;
  sqlite3 *db = NULL;
  Fixture fixture = { 0 };
  gsize old_size;

  fixture.path = g_build_filename (dir, "old.jury", NULL);
  fixture.store = jury_store_create_at_version (fixture.path, call_file, "Anna", 6, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jury_store_get_user_version (fixture.store), ==, 6);
  fixture.juror_id = g_strdup (jury_store_get_sole_juror_id (fixture.store));
  make_changes (&fixture);
  before = read_call_as_seen (fixture.store);
  old_digest = get_digest (fixture.store);
  g_clear_object (&fixture.store);
  read_chain (fixture.path, fixture.juror_id, &old_chain, &old_hashes);
  bytes = jury_test_read_bytes (fixture.path);
  old_size = g_bytes_get_size (bytes);
  g_file_set_contents (copy, g_bytes_get_data (bytes, NULL), old_size, &error);
  g_assert_no_error (error);

  fixture.store = jury_store_open (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jury_store_get_user_version (fixture.store), ==, JURY_STORE_SCHEMA_VERSION);
  g_assert_true (jury_store_verify (fixture.store, &error));
  g_assert_no_error (error);
  after = read_call_as_seen (fixture.store);
  assert_same_strings (before, after);
  new_digest = get_digest (fixture.store);
  g_assert_cmpstr (new_digest, !=, old_digest);
  g_clear_object (&fixture.store);

  read_chain (fixture.path, fixture.juror_id, &new_chain, &new_hashes);
  g_assert_cmpstrv (old_chain, new_chain);
  g_assert_cmpstrv (old_hashes, new_hashes);

  g_assert_cmpint (sqlite3_open (fixture.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT search_text FROM submissions", NULL, NULL, NULL), ==, SQLITE_ERROR);
  g_assert_cmpint (sqlite3_exec (db, "VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = jury_test_read_bytes (fixture.path);
  g_assert_cmpuint (g_bytes_get_size (bytes), <, old_size);

  /* Read-only, the same file migrates to the same call in memory. */
  read_only = jury_store_open_read_only (copy, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (read_only, &error));
  g_assert_no_error (error);
  privately = read_call_as_seen (read_only);
  assert_same_strings (before, privately);
  private_digest = get_digest (read_only);
  g_assert_cmpstr (private_digest, ==, new_digest);
  g_clear_object (&read_only);

  jury_test_remove_tree (dir);
  g_free (fixture.path);
  g_free (fixture.juror_id);
}

/* A call changed in a format-6 file stays found after the migration, which seals
 * only a call that its old digest still covers: in place and read-only alike. */
static void
test_migrate_flat_changed (void)
{
  static const char * const changes[] = {
    "UPDATE submissions SET title = 'Ein anderer Titel' WHERE id = 'schubs'",
    "UPDATE submissions SET search_text = 'nichts' WHERE id = 'schubs'",
    "UPDATE submissions SET body = (SELECT body FROM submissions WHERE id = 'mint-basics') WHERE id = 'schubs'",
    "UPDATE meta SET value = 'Ein anderer Preis' WHERE key = 'title'",
  };
  g_autoptr(GFile) call_file = jury_test_sample_file ();

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    for (guint read_only = 0; read_only < 2; read_only++)
      {
        g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
        g_autofree char *path = g_build_filename (dir, "old.jury", NULL);
        g_autoptr(JuryStore) store = NULL;
        g_autoptr(GError) error = NULL;

        g_test_message ("%s%s", changes[i], read_only ? ", read-only" : "");
        store = jury_store_create_at_version (path, call_file, "Anna", 6, &error);
        g_assert_no_error (error);
        g_clear_object (&store);
        jury_test_run_sqlite3 (path, changes[i]);

        store = read_only ? jury_store_open_read_only (path, &error) : jury_store_open (path, &error);
        g_assert_no_error (error);
        g_assert_cmpint (jury_store_get_user_version (store), ==, JURY_STORE_SCHEMA_VERSION);
        g_assert_false (jury_store_verify (store, &error));
        g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
        g_assert_nonnull (strstr (error->message, "the call in it"));
        g_clear_object (&store);

        jury_test_remove_tree (dir);
      }
}

typedef struct
{
  const char *what;
  const char *sql;
  const char *message;  /* a part of the expected message */
} TamperCase;

static void
test_verify_tampering (void)
{
  static const TamperCase cases[] = {
    { "score changed in the table",
      "UPDATE scores SET value = 3 WHERE submission_id = 'schubs' AND criterion_id = 'praxis'",
      "the score of “praxis” for “schubs” by Anna is 3 in the data but 5 in the audit trail" },
    { "comment changed in the table",
      "UPDATE comments SET text = 'Schwach' WHERE criterion_id = 'praxis'",
      "the comment on “praxis” for “schubs” by Anna differs" },
    { "score added to the table",
      "INSERT INTO scores SELECT id, 'mint-basics', 'praxis', 5 FROM jurors",
      "the score of “praxis” for “mint-basics” by Anna is 5 in the data but none in the audit trail" },
    { "conflict withdrawn in the table",
      "UPDATE reviews SET conflict = 0 WHERE submission_id = 'beste-bildung'",
      "the conflict of interest for “beste-bildung” declared by Anna differs" },
    { "audit value edited",
      "UPDATE audit SET new = '1' WHERE seq = 7",
      "of the audit trail of Anna was altered" },
    { "last audit entry deleted",
      "DELETE FROM audit WHERE seq = (SELECT max (seq) FROM audit)",
      "for “beste-bildung” declared by Anna differs" },
    { "audit entry in the middle deleted",
      "DELETE FROM audit WHERE seq = 3",
      "entry 3 of the audit trail of Anna is missing" },
    { "juror renamed in the table",
      "UPDATE jurors SET name = 'Mallory'",
      "is named “Mallory” in the data but “Anna” in the audit trail" },
    { "juror's name entry deleted",
      "DELETE FROM audit WHERE field = 'juror-name'",
      "entry 1 of the audit trail of Anna is missing" },
    { "criterion weight changed",
      "UPDATE criteria SET weight = weight * 10 WHERE id = 'praxis'",
      "the call in it (its title, rubric or submissions) was changed" },
    { "call title changed",
      "UPDATE meta SET value = 'Ein anderer Preis' WHERE key = 'title'",
      "the call in it (its title, rubric or submissions) was changed" },
    { "level label changed",
      "UPDATE criterion_levels SET label = 'hervorragend' WHERE value = 1",
      "the call in it (its title, rubric or submissions) was changed" },
    { "submission text swapped",
      "UPDATE submissions SET body = (SELECT body FROM submissions WHERE id = 'mint-basics') WHERE id = 'schubs'",
      "the call in it (its title, rubric or submissions) was changed" },
    { "submission reordered",
      "UPDATE submissions SET position = -1 WHERE id = 'schubs'",
      "the call in it (its title, rubric or submissions) was changed" },
    { "call's digest removed",
      "DELETE FROM meta WHERE key = 'call_digest'",
      "the call in it (its title, rubric or submissions) was changed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0 };
      g_autoptr(GError) error = NULL;

      fixture_set_up (&fixture, NULL);
      make_changes (&fixture);
      g_assert_true (jury_store_verify (fixture.store, &error));
      g_assert_no_error (error);
      g_clear_object (&fixture.store);

      g_test_message ("%s", cases[i].what);
      jury_test_run_sqlite3 (fixture.path, cases[i].sql);

      fixture.store = jury_store_open (fixture.path, &error);
      g_assert_no_error (error);
      g_assert_false (jury_store_verify (fixture.store, &error));
      g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));

      fixture_tear_down (&fixture, NULL);
    }
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (fixture->dir, "hand-in.jury", NULL);
  g_autoptr(JuryStore) copy = NULL;
  g_autoptr(JuryReview) original = NULL;
  g_autoptr(JuryReview) copied = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot snapshot;

  make_changes (fixture);

  g_assert_false (jury_store_backup (fixture->store, fixture->path, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* A stale copy is replaced as a whole. */
  g_file_set_contents (dest, "old copy", -1, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_backup (fixture->store, dest, NULL, &error));
  g_assert_no_error (error);
  /* The store's file with its log and index beside it, and the copy. */
  g_assert_cmpuint (jury_test_count_entries (fixture->dir), ==, 4);

  snapshot_take (&snapshot, dest);
  copy = jury_store_open_read_only (dest, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (copy, &error));
  g_assert_no_error (error);
  original = get_review (fixture->store, fixture->juror_id, "schubs");
  copied = get_review (copy, fixture->juror_id, "schubs");
  assert_reviews_equal (original, copied);
  g_assert_cmpuint (jury_store_get_audit_length (copy, NULL), ==,
                    jury_store_get_audit_length (fixture->store, NULL));
  g_clear_object (&copy);
  snapshot_assert_unchanged (&snapshot, dest);

  /* The copy is a full jury database. */
  copy = jury_store_open (dest, &error);
  g_assert_no_error (error);
  apply_ok (copy, score (fixture, "mint-basics", "praxis", 1));
  g_assert_true (jury_store_verify (copy, &error));
  g_assert_no_error (error);
}

/* Even where SQLite is set up without its own locking, a store's connection is
 * serialized: a hand-in runs in a worker thread on the same connection. */
static void
test_serialized (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) call_file = jury_test_sample_file ();
      g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "anna.jury", NULL);
      g_autoptr(JuryStore) created = NULL;
      g_autoptr(JuryStore) opened = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sqlite3_shutdown (), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_MULTITHREAD), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_initialize (), ==, SQLITE_OK);

      created = jury_store_create (path, call_file, "Anna", NULL, &error);
      g_assert_no_error (error);
      opened = jury_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (sqlite3_db_mutex (opened->db));
      g_clear_object (&created);
      g_clear_object (&opened);
      jury_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

typedef struct
{
  JuryStore *store;
  char      *dest;
  int        n_copies;
  int        stop;
} BackupLoop;

static gpointer
backup_loop_thread (gpointer data)
{
  BackupLoop *loop = data;

  while (!g_atomic_int_get (&loop->stop))
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (jury_store_backup (loop->store, loop->dest, NULL, &error));
      g_assert_no_error (error);
      g_atomic_int_inc (&loop->n_copies);
    }

  return NULL;
}

/* Hand-ins in a worker thread while the juror goes on scoring: every copy is whole. */
static void
test_backup_concurrent (Fixture       *fixture,
                        gconstpointer  data)
{
  BackupLoop loop = { fixture->store, g_build_filename (fixture->dir, "hand-in.jury", NULL), 0, FALSE };
  g_autoptr(JuryStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread = g_thread_new ("backup", backup_loop_thread, &loop);

  for (int round = 0; round < 8 || g_atomic_int_get (&loop.n_copies) < 3; round++)
    score_all (fixture, "schubs", 1 + round % 5);
  g_atomic_int_set (&loop.stop, TRUE);
  g_thread_join (thread);
  g_test_message ("%d copies", loop.n_copies);

  copy = jury_store_open_read_only (loop.dest, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (copy, &error));
  g_assert_no_error (error);
  g_free (loop.dest);
}

static void
test_looks_like_sqlite (void)
{
  static const struct { const char *bytes; gsize length; gboolean sqlite; } cases[] = {
    { "SQLite format 3\0\x10\0\x01\x01", 20, TRUE },
    { "SQLite format 3\0", 16, TRUE },
    { "SQLite format 3", 15, FALSE },
    { "SQLite format 3!", 16, FALSE },
    { "SQLite format 2\0", 16, FALSE },
    { "<?xml version=\"1.0\"?>", 21, FALSE },
    { "", 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (jury_bytes_look_like_sqlite ((const guint8 *) cases[i].bytes, cases[i].length),
                     ==, cases[i].sqlite);
}

static void
test_same_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", "anna.jury", NULL);
  g_autofree char *hard = g_build_filename (fixture->dir, "hard.jury", NULL);
  g_autofree char *soft = g_build_filename (fixture->dir, "soft.jury", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.jury", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.jury", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (link (fixture->path, hard));
  g_assert_no_errno (symlink ("anna.jury", soft));
  g_file_set_contents (other, "x", -1, &error);
  g_assert_no_error (error);

  g_assert_true (jury_same_file (fixture->path, fixture->path));
  g_assert_true (jury_same_file (dotted, fixture->path));
  g_assert_true (jury_same_file (hard, fixture->path));
  g_assert_true (jury_same_file (fixture->path, soft));
  g_assert_false (jury_same_file (other, fixture->path));
  g_assert_false (jury_same_file (missing, fixture->path));
  g_assert_false (jury_same_file (missing, missing));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  /* Case, umlauts and ß fold alike, in the query as in the text. */
  static const struct { const char *query, *id; } cases[] = {
    { "Anhängerwerkstatt", "die-anhaengerwerkstatt" },
    { "ANHANGERWERKSTATT", "die-anhaengerwerkstatt" },
    { "anhängerWERKSTATT", "die-anhaengerwerkstatt" },
    { "Werra-Meißner", "mint-werra-meissner" },
    { "WERRA-MEISSNER", "mint-werra-meissner" },
    { "Schülerinnenforschungsjahr", "schuelerinnenforschungsjahr" },
    { "schulerinnen", "schuelerinnenforschungsjahr" },
  };
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GError) error = NULL;

  all = jury_store_search (fixture->store, "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, jury_store_get_call (fixture->store)->n_submissions);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) found = jury_store_search (fixture->store, cases[i].query, &error);

      g_assert_no_error (error);
      g_test_message ("%s: %u found", cases[i].query, g_hash_table_size (found));
      g_assert_true (g_hash_table_contains (found, cases[i].id));
      g_assert_cmpuint (g_hash_table_size (found), <, g_hash_table_size (all));
    }

  none = jury_store_search (fixture->store, "Quantenschaum-Xylophon", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);
}

/* A batch of changes writes what the same changes one at a time write: the
 * batch reads a review once for the changes that follow each other on it, and
 * its chain's head once, and must end where single changes end, entry for entry. */
static void
test_apply_batch_alike (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const submissions[] = { "schubs", "mint-basics", "beste-bildung" };
  static const char * const comments[] = { NULL, "", "Gut", "Sehr gut, mit Ümlaut" };
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *single_path = g_build_filename (fixture->dir, "single.jury", NULL);
  g_autoptr(JuryStore) single = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) batch_chain = NULL;
  g_auto(GStrv) single_chain = NULL;
  const JuryCall *call = jury_store_get_call (fixture->store);
  const char *single_id;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_refused = 0;

  single = jury_store_create (single_path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  single_id = jury_store_get_sole_juror_id (single);

  /* One at a time first, keeping those the rules take, in the same order. */
  for (guint i = 0; i < 400; i++)
    {
      const char *submission_id = submissions[g_rand_int_range (rand, 0, G_N_ELEMENTS (submissions))];
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria,
                                                          g_rand_int_range (rand, 0, call->criteria->len));
      guint kind = g_rand_int_range (rand, 0, 10);
      JuryChange *ours = NULL;
      JuryChange *theirs = NULL;
      g_autoptr(GError) refused = NULL;

      if (kind < 5)
        {
          int value = g_rand_int_range (rand, 0, 6) == 0 ? JURY_NO_SCORE : g_rand_int_range (rand, 1, 6);

          ours = jury_change_new_score (fixture->juror_id, submission_id, criterion->id, value);
          theirs = jury_change_new_score (single_id, submission_id, criterion->id, value);
        }
      else if (kind < 8)
        {
          const char *text = comments[g_rand_int_range (rand, 0, G_N_ELEMENTS (comments))];
          const char *criterion_id = kind == 7 ? NULL : criterion->id;

          ours = jury_change_new_comment (fixture->juror_id, submission_id, criterion_id, text);
          theirs = jury_change_new_comment (single_id, submission_id, criterion_id, text);
        }
      else
        {
          JuryChangeKind flag_kind = kind == 8 ? JURY_CHANGE_CONFLICT : JURY_CHANGE_DONE;
          gboolean value = g_rand_boolean (rand);

          ours = jury_change_new_flag (flag_kind, fixture->juror_id, submission_id, value);
          theirs = jury_change_new_flag (flag_kind, single_id, submission_id, value);
        }

      if (jury_store_apply_one (single, theirs, &refused))
        g_ptr_array_add (batch, g_steal_pointer (&ours));
      else
        n_refused++;
      g_clear_pointer (&ours, jury_change_free);
      jury_change_free (theirs);
    }
  g_assert_cmpuint (n_refused, >, 0);
  g_assert_cmpuint (batch->len, >, 200);

  g_assert_true (jury_store_apply (fixture->store, (JuryChange * const *) batch->pdata, batch->len, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (submissions); i++)
    {
      g_autoptr(JuryReview) a = get_review (fixture->store, fixture->juror_id, submissions[i]);
      g_autoptr(JuryReview) b = get_review (single, single_id, submissions[i]);

      assert_reviews_equal (a, b);
    }

  g_assert_true (jury_store_verify (fixture->store, &error));
  g_assert_no_error (error);
  read_chain (fixture->path, fixture->juror_id, &batch_chain, NULL);
  read_chain (single_path, single_id, &single_chain, NULL);
  g_assert_cmpstrv (batch_chain, single_chain);
}

static void
reference_field (GChecksum  *checksum,
                 const char *value)
{
  g_autofree char *prefix = NULL;

  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "-", 1);
      return;
    }

  prefix = g_strdup_printf ("%" G_GSIZE_FORMAT ":", strlen (value));
  g_checksum_update (checksum, (const guchar *) prefix, -1);
  g_checksum_update (checksum, (const guchar *) value, -1);
}

/* An entry's hash is what the chain's definition says, whatever way the store
 * computes it: every field as LENGTH:BYTES or "-", in order, under SHA-256. */
static void
test_audit_hash_definition (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *comment = g_strnfill (1234, 'x');
  const char *time = "2024-05-06T07:08:09.123456Z";
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) entries = NULL;
  g_auto(GStrv) hashes = NULL;

  g_assert_true (jury_store_begin (fixture->store, &error));
  g_assert_true (jury_store_append_audit_at (fixture->store, fixture->juror_id, "schubs", "praxis", "comment",
                                             NULL, comment, time, &error));
  g_assert_no_error (error);
  g_assert_true (jury_store_commit (fixture->store, &error));
  read_chain (fixture->path, fixture->juror_id, &entries, &hashes);
  g_assert_cmpuint (g_strv_length (hashes), ==, 2);

  reference_field (checksum, "jury-desk-audit-1");
  reference_field (checksum, fixture->juror_id);
  reference_field (checksum, "2");
  reference_field (checksum, "schubs");
  reference_field (checksum, "praxis");
  reference_field (checksum, "comment");
  reference_field (checksum, NULL);
  reference_field (checksum, comment);
  reference_field (checksum, time);
  reference_field (checksum, hashes[0]);
  g_assert_cmpstr (hashes[1], ==, g_checksum_get_string (checksum));
}

/* The same for a juror of an invitation: HMAC-SHA256 under the invitation's key. */
static void
test_audit_hash_definition_keyed (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const guint8 key[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
  const char *time = "2024-05-06T07:08:09.123456Z";
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, sizeof key);
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) entries = NULL;
  g_auto(GStrv) hashes = NULL;
  const char *values[] = { "jury-desk-audit-1", fixture->juror_id, "2", "schubs", "praxis", "score", NULL, "4", time };

  sql = g_strdup_printf ("INSERT INTO invitations (juror_id, name, key, created) VALUES ('%s', 'Anna', "
                         "x'0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', '%s')",
                         fixture->juror_id, time);
  g_assert_true (jury_store_exec (fixture->store, sql, &error));
  g_assert_true (jury_store_begin (fixture->store, &error));
  g_assert_true (jury_store_append_audit_at (fixture->store, fixture->juror_id, "schubs", "praxis", "score",
                                             NULL, "4", time, &error));
  g_assert_no_error (error);
  g_assert_true (jury_store_commit (fixture->store, &error));
  read_chain (fixture->path, fixture->juror_id, &entries, &hashes);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] == NULL)
        g_string_append (fields, "-");
      else
        g_string_append_printf (fields, "%" G_GSIZE_FORMAT ":%s", strlen (values[i]), values[i]);
    }
  g_string_append_printf (fields, "%" G_GSIZE_FORMAT ":%s", strlen (hashes[0]), hashes[0]);
  g_hmac_update (hmac, (const guchar *) fields->str, fields->len);
  g_assert_cmpstr (hashes[1], ==, g_hmac_get_string (hmac));
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_reviewed = 99, n_total = 0;

  jury_store_get_progress (fixture->store, fixture->juror_id, &n_reviewed, &n_total);
  g_assert_cmpuint (n_reviewed, ==, 0);
  g_assert_cmpuint (n_total, ==, jury_store_get_call (fixture->store)->n_submissions);

  /* Done and conflict count; in progress does not. */
  make_changes (fixture);
  jury_store_get_progress (fixture->store, fixture->juror_id, &n_reviewed, &n_total);
  g_assert_cmpuint (n_reviewed, ==, 2);

  rows = jury_store_list_submissions (fixture->store, fixture->juror_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JurySubmissionRow) single = NULL;
      JuryReviewStatus expected = JURY_REVIEW_OPEN;

      if (g_str_equal (row->id, "schubs"))
        expected = JURY_REVIEW_DONE;
      else if (g_str_equal (row->id, "mint-basics"))
        expected = JURY_REVIEW_IN_PROGRESS;
      else if (g_str_equal (row->id, "beste-bildung"))
        expected = JURY_REVIEW_CONFLICT;
      g_assert_cmpint (row->status, ==, expected);
      g_assert_cmpuint (row->n_scored, ==, g_str_equal (row->id, "schubs") ? 6 : g_str_equal (row->id, "mint-basics") ? 1 : 0);

      single = jury_store_get_submission_row (fixture->store, fixture->juror_id, row->id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (single->status, ==, row->status);
      g_assert_cmpuint (single->n_scored, ==, row->n_scored);
    }

  /* A comment alone puts a review in progress. */
  apply_ok (fixture->store, jury_change_new_comment (fixture->juror_id, "mint-meets-peb", NULL, "Später lesen"));
  {
    g_autoptr(JurySubmissionRow) row = jury_store_get_submission_row (fixture->store, fixture->juror_id,
                                                                       "mint-meets-peb", &error);

    g_assert_no_error (error);
    g_assert_cmpint (row->status, ==, JURY_REVIEW_IN_PROGRESS);
    g_assert_cmpuint (row->n_scored, ==, 0);
  }
}

static void
test_jurors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *hand_in = g_build_filename (fixture->dir, "hand-in.jury", NULL);
  g_autoptr(JuryJuror) carla = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) carla_chain = NULL;
  g_auto(GStrv) early_chain = NULL;
  g_auto(GStrv) early_hashes = NULL;
  g_auto(GStrv) chain = NULL;
  g_auto(GStrv) hashes = NULL;

  carla = jury_store_add_juror (fixture->store, "Carla", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (carla->id));
  g_assert_cmpstr (carla->id, !=, fixture->juror_id);
  g_assert_null (jury_store_get_sole_juror_id (fixture->store));

  /* A hand-in before the rename: the later chain must extend it. */
  make_changes (fixture);
  g_assert_true (jury_store_backup (fixture->store, hand_in, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (jury_store_rename_juror (fixture->store, fixture->juror_id, "Zoe", &error));
  g_assert_no_error (error);
  /* The same name again is no change. */
  g_assert_true (jury_store_rename_juror (fixture->store, fixture->juror_id, "Zoe", &error));
  g_assert_no_error (error);
  jurors = jury_store_list_jurors (fixture->store);
  g_assert_cmpuint (jurors->len, ==, 2);
  g_assert_cmpstr (((JuryJuror *) g_ptr_array_index (jurors, 0))->name, ==, "Carla");
  g_assert_cmpstr (((JuryJuror *) g_ptr_array_index (jurors, 1))->name, ==, "Zoe");
  g_assert_true (jury_store_verify (fixture->store, &error));
  g_assert_no_error (error);

  /* Each name is in its juror's chain; names are not counted as changes. */
  read_chain (fixture->path, carla->id, &carla_chain, NULL);
  g_assert_cmpstrv (carla_chain, ((const char * const[]) { "juror-name:>Carla", NULL }));
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, carla->id), ==, 0);
  read_chain (hand_in, fixture->juror_id, &early_chain, &early_hashes);
  read_chain (fixture->path, fixture->juror_id, &chain, &hashes);
  g_assert_cmpstr (chain[0], ==, "juror-name:>Anna");
  g_assert_cmpstr (chain[g_strv_length (chain) - 1], ==, "juror-name:Anna>Zoe");
  g_assert_cmpuint (g_strv_length (chain), ==, g_strv_length (early_chain) + 1);
  assert_chain_prefix ((const char * const *) early_hashes, (const char * const *) hashes);

  g_assert_false (jury_store_rename_juror (fixture->store, "nobody", "X", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
}

/* Makes the fixture's database a panel, as a merge does, and opens it again. */
static void
make_panel (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  jury_test_run_sqlite3 (fixture->path, "INSERT INTO meta (key, value) VALUES ('kind', 'panel')");
  fixture->store = jury_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
decision_signal_cb (JuryStore  *store,
                    const char *submission_id,
                    GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (submission_id));
}

static void
set_decision_ok (JuryStore    *store,
                 const char   *submission_id,
                 JuryDecision  decision,
                 const char   *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_store_set_decision (store, submission_id, decision, note, &error));
  g_assert_no_error (error);
}

static void
assert_decision (JuryStore    *store,
                 const char   *submission_id,
                 JuryDecision  expected,
                 const char   *expected_note)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  JuryDecision decision = -1;

  g_assert_true (jury_store_get_decision (store, submission_id, &decision, &note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (decision, ==, expected);
  g_assert_cmpstr (note, ==, expected_note);
}

static void
test_decisions (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JuryStore) read_only = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) chain = NULL;
  guint length;

  /* A juror's database holds no decisions. */
  make_changes (fixture);
  length = jury_store_get_audit_length (fixture->store, NULL);
  g_assert_false (jury_store_is_panel (fixture->store));
  assert_decision (fixture->store, "schubs", JURY_DECISION_NONE, NULL);
  g_assert_false (jury_store_set_decision (fixture->store, "schubs", JURY_DECISION_AWARD, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_PANEL);
  g_assert_nonnull (strstr (error->message, "anna.jury"));
  g_clear_error (&error);

  make_panel (fixture);
  g_assert_true (jury_store_is_panel (fixture->store));
  g_signal_connect (fixture->store, "decision-changed", G_CALLBACK (decision_signal_cb), seen);

  g_assert_false (jury_store_set_decision (fixture->store, "nothing", JURY_DECISION_AWARD, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jury_store_get_decision (fixture->store, "nothing", NULL, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  set_decision_ok (fixture->store, "schubs", JURY_DECISION_SHORTLIST, "Stark in der Praxis");
  assert_decision (fixture->store, "schubs", JURY_DECISION_SHORTLIST, "Stark in der Praxis");
  /* The same again, and "none" where nothing was decided, change nothing. */
  set_decision_ok (fixture->store, "schubs", JURY_DECISION_SHORTLIST, "Stark in der Praxis");
  set_decision_ok (fixture->store, "mint-basics", JURY_DECISION_NONE, "");
  g_assert_cmpuint (seen->len, ==, 1);
  set_decision_ok (fixture->store, "schubs", JURY_DECISION_AWARD, "Stark in der Praxis");
  set_decision_ok (fixture->store, "schubs", JURY_DECISION_AWARD, "");
  assert_decision (fixture->store, "schubs", JURY_DECISION_AWARD, NULL);
  set_decision_ok (fixture->store, "beste-bildung", JURY_DECISION_SHORTLIST, NULL);
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, "beste-bildung");

  /* Every change is in the panel's own chain; the jurors' chains stay as they were. */
  read_chain (fixture->path, NULL, &chain, NULL);
  g_assert_cmpstrv (chain, ((const char * const[]) {
    "decision:none>shortlist", "decision-note:>Stark in der Praxis", "decision:shortlist>award",
    "decision-note:Stark in der Praxis>", "decision:none>shortlist", NULL }));
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, NULL), ==, length);
  g_assert_true (jury_store_verify (fixture->store, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->store);
  read_only = jury_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  assert_decision (read_only, "schubs", JURY_DECISION_AWARD, NULL);
  g_assert_false (jury_store_set_decision (read_only, "schubs", JURY_DECISION_NONE, NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY);
}

static void
test_decisions_tampering (void)
{
  static const TamperCase cases[] = {
    { "decision changed in the table",
      "UPDATE decisions SET decision = 'shortlist' WHERE submission_id = 'schubs'",
      "the decision on “schubs” is shortlist in the data but award in the audit trail" },
    { "decision added to the table",
      "INSERT INTO decisions VALUES ('mint-basics', 'award', NULL, '2025-01-01T00:00:00Z')",
      "the decision on “mint-basics” is award in the data but none in the audit trail" },
    { "decisions deleted",
      "DELETE FROM decisions",
      "the decision on “schubs” is none in the data but award in the audit trail" },
    { "note changed in the table",
      "UPDATE decisions SET note = 'Schwach' WHERE submission_id = 'schubs'",
      "the note on the decision on “schubs” differs from the audit trail" },
    { "decision entry edited",
      "UPDATE audit SET new = 'shortlist' WHERE juror_id IS NULL AND seq = 2",
      "entry 2 of the audit trail of the panel’s decisions was altered" },
    { "decision entry deleted",
      "DELETE FROM audit WHERE juror_id IS NULL AND seq = 1",
      "entry 1 of the audit trail of the panel’s decisions is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0 };
      g_autoptr(GError) error = NULL;

      fixture_set_up (&fixture, NULL);
      make_changes (&fixture);
      make_panel (&fixture);
      set_decision_ok (fixture.store, "schubs", JURY_DECISION_SHORTLIST, "Praxisnah");
      set_decision_ok (fixture.store, "schubs", JURY_DECISION_AWARD, "Praxisnah");
      g_assert_true (jury_store_verify (fixture.store, &error));
      g_assert_no_error (error);
      g_clear_object (&fixture.store);

      g_test_message ("%s", cases[i].what);
      jury_test_run_sqlite3 (fixture.path, cases[i].sql);

      fixture.store = jury_store_open (fixture.path, &error);
      g_assert_no_error (error);
      g_assert_false (jury_store_verify (fixture.store, &error));
      g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));

      fixture_tear_down (&fixture, NULL);
    }
}

/* A panel of format 3 at PATH whose decisions table was filled then. */
static void
make_v3_panel (const char *path)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = jury_store_create_at_version (path, call_file, NULL, 3, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  jury_test_run_sqlite3 (path, "INSERT INTO meta (key, value) VALUES ('kind', 'panel');"
                     "INSERT INTO decisions VALUES ('mint-basics', 'shortlist', NULL, '2024-05-02T10:00:00Z');"
                     "INSERT INTO decisions VALUES ('beste-bildung', 'none', 'Nachfragen', '2024-05-03T10:00:00Z');"
                     "INSERT INTO decisions VALUES ('schubs', 'award', 'Einstimmig', '2024-05-01T10:00:00Z');");
}

/* The migration puts a format-3 panel's decisions into the decisions' chain, in
 * file order, so that the panel verifies and the next decision continues that
 * chain; a read-only private copy and another copy of the file migrate alike. */
static void
test_migrate_decisions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "panel.jury", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.jury", NULL);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(GStrv) chain = NULL;
  g_auto(GStrv) hashes = NULL;
  g_auto(GStrv) copy_chain = NULL;
  g_auto(GStrv) copy_hashes = NULL;

  make_v3_panel (path);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);

  /* Read through a private copy first: the file stays at format 3. */
  store = jury_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = jury_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
  assert_decision (store, "schubs", JURY_DECISION_AWARD, "Einstimmig");
  assert_decision (store, "beste-bildung", JURY_DECISION_NONE, "Nachfragen");
  set_decision_ok (store, "mint-basics", JURY_DECISION_AWARD, NULL);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  read_chain (path, NULL, &chain, &hashes);
  g_assert_cmpstrv (chain, ((const char * const[]) {
    "decision:none>award", "decision-note:>Einstimmig", "decision-note:>Nachfragen",
    "decision:none>shortlist", "decision:shortlist>award", NULL }));

  store = jury_store_open (copy, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  read_chain (copy, NULL, &copy_chain, &copy_hashes);
  g_assert_cmpuint (g_strv_length (copy_hashes), ==, 4);
  assert_chain_prefix ((const char * const *) copy_hashes, (const char * const *) hashes);

  jury_test_remove_tree (dir);
}

static void
test_all_reviews (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JuryJuror) carla = NULL;
  g_autoptr(JuryJuror) zeno = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GPtrArray) expected_jurors = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  JuryReview **reviews;
  guint n_present = 0;

  make_changes (fixture);
  carla = jury_store_add_juror (fixture->store, "Carla", &error);
  g_assert_no_error (error);
  zeno = jury_store_add_juror (fixture->store, "Zeno", &error);
  g_assert_no_error (error);
  apply_ok (fixture->store, jury_change_new_score (carla->id, "schubs", "tueren", 2));
  apply_ok (fixture->store, jury_change_new_comment (carla->id, "mint-basics", NULL, "Solide"));
  /* A conflict declared and withdrawn leaves an open review behind. */
  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, carla->id, "beste-bildung", TRUE));
  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, carla->id, "beste-bildung", FALSE));

  reviews = jury_store_get_all_reviews (fixture->store, &jurors, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reviews);

  expected_jurors = jury_store_list_jurors (fixture->store);
  g_assert_cmpuint (jurors->len, ==, 3);
  for (guint j = 0; j < jurors->len; j++)
    g_assert_cmpstr (((JuryJuror *) g_ptr_array_index (jurors, j))->id, ==,
                     ((JuryJuror *) g_ptr_array_index (expected_jurors, j))->id);

  rows = jury_store_list_submissions (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < rows->len; s++)
    for (guint j = 0; j < jurors->len; j++)
      {
        const JurySubmissionRow *row = g_ptr_array_index (rows, s);
        const JuryJuror *juror = g_ptr_array_index (jurors, j);
        const JuryReview *review = reviews[s * jurors->len + j];
        g_autoptr(JuryReview) expected = get_review (fixture->store, juror->id, row->id);

        if (review == NULL)
          {
            /* Open: nothing scored, commented or declared. */
            g_assert_cmpint (expected->status, ==, JURY_REVIEW_OPEN);
            continue;
          }
        n_present++;
        g_assert_cmpstr (review->juror_id, ==, juror->id);
        g_assert_cmpstr (review->submission_id, ==, row->id);
        assert_reviews_equal (review, expected);
      }
  /* Anna's three, Carla's three (one of them open), none of Zeno's. */
  g_assert_cmpuint (n_present, ==, 6);

  jury_reviews_free (reviews, rows->len * jurors->len);
}

/* A compact grid holds the scores and conflicts as WHOLE does, and the reviews of
 * one submission at a time: those WHOLE holds, with their comments. */
static void
check_compact_grid (Fixture        *fixture,
                    JuryReviewGrid *whole)
{
  g_autoptr(JuryReviewGrid) compact = NULL;
  g_autoptr(GError) error = NULL;
  guint n = whole->n_submissions;
  gsize n_cells = (gsize) n * whole->n_jurors;

  compact = jury_store_read_review_grid (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (compact->n_jurors, ==, whole->n_jurors);
  g_assert_cmpmem (compact->scores, n_cells * whole->n_criteria * sizeof (int),
                   whole->scores, n_cells * whole->n_criteria * sizeof (int));
  g_assert_cmpmem (compact->conflicts, n_cells * sizeof (gboolean),
                   whole->conflicts, n_cells * sizeof (gboolean));
  for (gsize cell = 0; cell < n_cells; cell++)
    g_assert_null (compact->reviews[cell]);

  /* Forwards, backwards, and one twice. */
  for (guint i = 0; i < 2 * n + 1; i++)
    {
      guint s = i < n ? i : i < 2 * n ? 2 * n - 1 - i : n - 1;

      g_assert_true (jury_store_read_grid_reviews (fixture->store, compact, s, &error));
      g_assert_no_error (error);
      for (guint t = 0; t < n; t++)
        for (guint j = 0; j < whole->n_jurors; j++)
          {
            gsize cell = (gsize) t * whole->n_jurors + j;
            const JuryReview *review = compact->reviews[cell];
            const JuryReview *expected = whole->reviews[cell];

            if (t != s || expected == NULL)
              {
                g_assert_null (review);
                continue;
              }
            g_assert_nonnull (review);
            g_assert_true (review->juror_id == ((JuryJuror *) g_ptr_array_index (compact->jurors, j))->id);
            g_assert_cmpstr (review->submission_id, ==, expected->submission_id);
            assert_reviews_equal (review, expected);
          }
    }

  /* A whole grid has nothing to read. */
  g_assert_true (jury_store_read_grid_reviews (fixture->store, whole, 0, &error));
  g_assert_no_error (error);
}

/* The packed grid holds what jury_store_get_all_reviews() gives, review by review,
 * with the ids shared and the scores and conflicts in their arrays: for jurors who
 * score every submission in file order (which is not the order of their ids) and
 * for one who jumps between a few. */
static void
test_review_grid (Fixture       *fixture,
                  gconstpointer  data)
{
  const JuryCall *call = jury_store_get_call (fixture->store);
  g_autoptr(JuryJuror) carla = NULL;
  g_autoptr(JuryJuror) zeno = NULL;
  g_autoptr(JuryJuror) ida = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JuryReviewGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  JuryReview **reviews;
  guint n_criteria = call->criteria->len;
  guint n_comments = 0;

  make_changes (fixture);
  carla = jury_store_add_juror (fixture->store, "Carla", &error);
  g_assert_no_error (error);
  zeno = jury_store_add_juror (fixture->store, "Zeno", &error);
  g_assert_no_error (error);
  ida = jury_store_add_juror (fixture->store, "Ida", &error);
  g_assert_no_error (error);
  rows = jury_store_list_submissions (fixture->store, NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < rows->len; s++)
    {
      const char *id = ((JurySubmissionRow *) g_ptr_array_index (rows, s))->id;

      for (guint c = 0; c < n_criteria; c++)
        {
          const char *criterion = ((JuryCriterion *) g_ptr_array_index (call->criteria, c))->id;

          apply_ok (fixture->store, jury_change_new_score (carla->id, id, criterion, 1 + (s + c) % 5));
          if (s % 3 != 0 || c < n_criteria - 1)
            apply_ok (fixture->store, jury_change_new_score (ida->id, id, criterion, 5 - (s * c) % 5));
        }
      if (s % 4 == 1)
        apply_ok (fixture->store, jury_change_new_comment (carla->id, id, NULL, "Gesamt"));
      if (s % 5 == 2)
        apply_ok (fixture->store,
                  jury_change_new_comment (ida->id, id,
                                           ((JuryCriterion *) g_ptr_array_index (call->criteria,
                                                                                 s % n_criteria))->id,
                                           "Zum Kriterium"));
    }
  apply_ok (fixture->store, jury_change_new_score (zeno->id, "schubs", "tueren", 2));
  apply_ok (fixture->store, jury_change_new_comment (zeno->id, "mint-basics", "tueren", "Solide"));
  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, zeno->id, "beste-bildung", TRUE));

  reviews = jury_store_get_all_reviews (fixture->store, &jurors, &error);
  g_assert_no_error (error);
  grid = jury_store_read_review_grid (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grid);

  g_assert_cmpuint (grid->n_submissions, ==, rows->len);
  g_assert_cmpuint (grid->n_jurors, ==, 4);
  g_assert_cmpuint (grid->n_criteria, ==, n_criteria);
  g_assert_cmpuint (grid->jurors->len, ==, jurors->len);
  for (guint s = 0; s < rows->len; s++)
    g_assert_cmpstr (g_ptr_array_index (grid->submission_ids, s), ==,
                     ((JurySubmissionRow *) g_ptr_array_index (rows, s))->id);

  for (guint s = 0; s < rows->len; s++)
    for (guint j = 0; j < jurors->len; j++)
      {
        gsize cell = (gsize) s * jurors->len + j;
        const JuryReview *expected = reviews[cell];
        const JuryReview *review = grid->reviews[cell];
        const JuryJuror *juror = g_ptr_array_index (grid->jurors, j);

        g_assert_cmpstr (juror->id, ==, ((JuryJuror *) g_ptr_array_index (jurors, j))->id);
        g_assert_cmpint (grid->conflicts[cell], ==, expected != NULL && expected->conflict);
        for (guint c = 0; c < n_criteria; c++)
          g_assert_cmpint (grid->scores[cell * n_criteria + c], ==,
                           expected != NULL ? expected->scores[c] : JURY_NO_SCORE);
        if (expected == NULL)
          {
            g_assert_null (review);
            continue;
          }

        g_assert_nonnull (review);
        g_assert_true (review->juror_id == juror->id);
        g_assert_true (review->submission_id == g_ptr_array_index (grid->submission_ids, s));
        g_assert_true (review->scores == grid->scores + cell * n_criteria);
        assert_reviews_equal (review, expected);
        for (guint c = 0; c < n_criteria; c++)
          n_comments += review->comments[c] != NULL;
        n_comments += review->overall != NULL;
      }
  /* Anna's two, Carla's and Ida's, Zeno's one. */
  g_assert_cmpuint (n_comments, ==, 2 + (rows->len + 2) / 4 + (rows->len + 2) / 5 + 1);

  jury_reviews_free (reviews, rows->len * jurors->len);
  check_compact_grid (fixture, grid);
}

/* SQL planted in a juror's file keeps the file from being opened at all, for
 * writing or reading, and not a byte of it changes. */
static void
test_open_planted (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *sql;
    const char *message;
  } cases[] = {
    { "CREATE TRIGGER keep BEFORE INSERT ON scores BEGIN SELECT RAISE (IGNORE); END",
      "anna.jury holds a trigger “keep”, which no Jury Desk database has; it is refused" },
    { "CREATE VIEW peek AS SELECT * FROM comments",
      "anna.jury holds a view “peek”, which no Jury Desk database has; it is refused" },
    { "CREATE TABLE extra (x)",
      "anna.jury holds a table “extra”, which no Jury Desk database has; it is refused" },
    { "CREATE INDEX quick ON scores (value)",
      "anna.jury holds an index “quick”, which no Jury Desk database has; it is refused" },
    { "DROP INDEX submissions_rows",
      "anna.jury lacks “submissions_rows”, which every Jury Desk database has; the file is refused" },
    { "ALTER TABLE jurors ADD COLUMN secret TEXT",
      "anna.jury: “jurors” is not defined as Jury Desk defines it; the file is refused" },
  };
  g_autofree char *pristine = g_build_filename (fixture->dir, "pristine.jury", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  bytes = jury_test_read_bytes (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint read_only = 0; read_only <= 1; read_only++)
      {
        g_autoptr(JuryStore) store = NULL;
        Snapshot snapshot;

        g_test_message ("%s, %s", cases[i].sql, read_only ? "read-only" : "read-write");
        g_file_set_contents (fixture->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
        g_assert_no_error (error);
        jury_test_run_sqlite3 (fixture->path, cases[i].sql);
        snapshot_take (&snapshot, fixture->path);

        store = read_only ? jury_store_open_read_only (fixture->path, &error)
                          : jury_store_open (fixture->path, &error);
        g_assert_null (store);
        g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA);
        g_assert_cmpstr (error->message, ==, cases[i].message);
        g_clear_error (&error);
        snapshot_assert_unchanged (&snapshot, fixture->path);
      }
}

/* What people type has limits, and no character that acts on a terminal or
 * reorders the text shown around it. */
static void
test_text_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *long_comment = g_strnfill (JURY_COMMENT_MAX_CHARS + 1, 'x');
  g_autofree char *longest_comment = g_strnfill (JURY_COMMENT_MAX_CHARS, 'x');
  g_autofree char *long_name = g_strnfill (JURY_NAME_MAX_CHARS + 1, 'n');
  g_autofree char *new_path = g_build_filename (fixture->dir, "bell.jury", NULL);
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(JuryChange) too_long = jury_change_new_comment (fixture->juror_id, "schubs", "praxis", long_comment);
  g_autoptr(JuryChange) longest = jury_change_new_comment (fixture->juror_id, "schubs", "praxis", longest_comment);
  g_autoptr(JuryChange) escape = jury_change_new_comment (fixture->juror_id, "schubs", NULL, "gut\x1b[2J");
  g_autoptr(JuryChange) lines = jury_change_new_comment (fixture->juror_id, "schubs", NULL, "Gut.\n\tSehr gut.");
  g_autoptr(JuryStore) created = NULL;
  g_autoptr(GError) error = NULL;
  guint n_audit = jury_store_get_audit_length (fixture->store, fixture->juror_id);

  g_assert_false (jury_store_apply_one (fixture->store, too_long, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_assert_cmpstr (error->message, ==, "the comment on “praxis” for “schubs” has 20001 characters; at most 20000 are allowed");
  g_clear_error (&error);
  g_assert_false (jury_store_apply_one (fixture->store, escape, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_assert_cmpstr (error->message, ==, "the overall comment on “schubs” contains the control character U+001B");
  g_clear_error (&error);
  g_assert_cmpuint (jury_store_get_audit_length (fixture->store, fixture->juror_id), ==, n_audit);

  g_assert_true (jury_store_apply_one (fixture->store, longest, &error));
  g_assert_true (jury_store_apply_one (fixture->store, lines, &error));
  g_assert_no_error (error);

  g_assert_null (jury_store_add_juror (fixture->store, long_name, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_assert_cmpstr (error->message, ==, "the juror’s name has 201 characters; at most 200 are allowed");
  g_clear_error (&error);
  g_assert_false (jury_store_rename_juror (fixture->store, fixture->juror_id, "Anna\u202Egreb", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_clear_error (&error);
  g_assert_false (jury_store_rename_juror (fixture->store, fixture->juror_id, "  ", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_assert_cmpstr (error->message, ==, "the juror’s name is empty");
  g_clear_error (&error);
  g_assert_null (jury_store_add_juror (fixture->store, "", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_clear_error (&error);

  created = jury_store_create (new_path, call_file, "Anna\a", NULL, &error);
  g_assert_null (created);
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
}

/* A file moved, replaced or deleted while open: the next save fails and says
 * so, and Save As carries on in a new file with everything made so far. */
static void
test_moved (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const ways[] = { "moved", "deleted", "replaced" };

  for (guint way = 0; way < G_N_ELEMENTS (ways); way++)
    {
      g_autofree char *elsewhere = g_build_filename (fixture->dir, "elsewhere.jury", NULL);
      g_autofree char *rescued = g_build_filename (fixture->dir, "rescued.jury", NULL);
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autoptr(JuryChange) first = NULL;
      g_autoptr(JuryChange) second = NULL;
      g_autoptr(JuryStore) reopened = NULL;
      g_autoptr(JuryReview) review = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", ways[way]);

      g_clear_object (&fixture->store);
      g_unlink (fixture->path);
      g_unlink (rescued);
      g_unlink (elsewhere);
      fixture_set_up_store (fixture);
      first = score (fixture, "schubs", "praxis", 4);
      second = score (fixture, "schubs", "tueren", 2);

      g_assert_true (jury_store_apply_one (fixture->store, first, &error));
      switch (way)
        {
        case 0:
          g_assert_no_errno (g_rename (fixture->path, elsewhere));
          break;
        case 1:
          for (guint i = 0; i < 3; i++)
            {
              g_autofree char *file = g_strconcat (fixture->path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

              g_unlink (file);
            }
          break;
        default:
          g_assert_true (g_file_set_contents (fixture->path, "another file", -1, NULL));
          break;
        }

      g_assert_false (jury_store_apply_one (fixture->store, second, &error));
      g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_MOVED);
      g_assert_cmpstr (error->message, ==, "anna.jury is no longer where it was opened: it was moved, replaced or deleted");
      g_clear_error (&error);

      g_assert_true (jury_store_save_as (fixture->store, rescued, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (jury_store_get_path (fixture->store), ==, rescued);
      /* SQLite leaves the log of a moved file beside its old name; a new file
       * there would read it as its own. */
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_true (jury_store_apply_one (fixture->store, second, &error));
      g_assert_no_error (error);
      g_clear_object (&fixture->store);

      reopened = jury_store_open_read_only (rescued, &error);
      g_assert_no_error (error);
      jury_store_verify (reopened, &error);
      g_assert_no_error (error);
      review = jury_store_get_review (reopened, fixture->juror_id, "schubs", &error);
      g_assert_cmpint (review->scores[0], ==, 4);
      g_assert_cmpint (review->scores[1], ==, 2);
      g_clear_object (&reopened);
      g_unlink (rescued);
    }
}

/* An edit whose audit entries were recomputed by someone who knows how the chain
 * is made is not found: the chain catches edits made without that knowledge, and
 * is no signature. (A juror file keyed by an invitation will tell.) */
static void
test_verify_recomputed_chain (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(JuryChange) honest = score (fixture, "schubs", "praxis", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = NULL;

  apply_ok (fixture->store, g_steal_pointer (&honest));
  g_assert_true (jury_store_begin (fixture->store, &error));
  g_assert_true (jury_store_exec (fixture->store, "UPDATE scores SET value = 5 WHERE submission_id = 'schubs'", &error));
  g_assert_true (jury_store_append_audit (fixture->store, fixture->juror_id, "schubs", "praxis", "score", "2", "5", &error));
  g_assert_true (jury_store_commit (fixture->store, &error));
  g_clear_object (&fixture->store);

  store = jury_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);
}

static guint
count_with_suffix (const char *dir,
                   const char *suffix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;

  return n;
}

/* Temporary files: one in use stays; one nobody holds, and SQLite's files beside
 * one that is gone, go with the next that is made in the folder; other files
 * stay whatever their names. */
static void
test_temp_sweep (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *in_use = NULL;
  g_autofree char *left = NULL;
  g_autofree char *third = NULL;
  g_autofree char *orphan = g_build_filename (fixture->dir, ".gone.jury-AbC123.jury-desk.tmp-wal", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, ".notes-AbC123.tmp", NULL);
  g_autoptr(GError) error = NULL;
  int fd_in_use, fd_left, fd_third;

  fd_in_use = jury_file_make_temp (target, &in_use, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (in_use, ".jury-desk.tmp"));
  fd_left = jury_file_make_temp (target, &left, &error);
  g_assert_no_error (error);
  /* As a process killed now would leave it. */
  g_close (fd_left, NULL);
  g_assert_true (g_file_set_contents (orphan, "", 0, NULL));
  g_assert_true (g_file_set_contents (foreign, "", 0, NULL));
  g_assert_cmpuint (count_with_suffix (fixture->dir, ".jury-desk.tmp"), ==, 2);

  fd_third = jury_file_make_temp (target, &third, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (in_use, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));

  g_close (fd_in_use, NULL);
  g_close (fd_third, NULL);
  jury_file_remove_temp (in_use);
  jury_file_remove_temp (third);
}

/* A copy of call-fields.xml and its attachments in DIR, with FROM replaced by TO
 * in the call (when FROM is not NULL); the call's path. */
static char *
write_fields_call (const char *dir,
                   const char *from,
                   const char *to)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "call-fields.xml", NULL);
  g_autofree char *call = g_build_filename (dir, "call-fields.xml", NULL);
  g_autofree char *folder = g_build_filename (dir, "attachments", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { "antrag.pdf", "logo.png" };

  g_assert_true (g_file_get_contents (source, &text, NULL, &error));
  changed = g_string_new (text);
  if (from != NULL)
    g_assert_cmpuint (g_string_replace (changed, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (call, changed->str, -1, &error));

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *in = g_test_build_filename (G_TEST_DIST, "data", "attachments", files[i], NULL);
      g_autofree char *out = g_build_filename (folder, files[i], NULL);
      g_autoptr(GBytes) bytes = jury_test_read_bytes (in);

      g_assert_true (g_file_set_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
    }

  return g_steal_pointer (&call);
}

/* Attachments are copied into the database when it is made, checked, given back
 * as they were, and left out of a hand-in. */
static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *call_path = write_fields_call (fixture->dir, NULL, NULL);
  g_autoptr(GFile) call = g_file_new_for_path (call_path);
  g_autofree char *path = g_build_filename (fixture->dir, "fields.jury", NULL);
  g_autofree char *handed_in = g_build_filename (fixture->dir, "handed-in.jury", NULL);
  g_autofree char *pdf_path = g_test_build_filename (G_TEST_DIST, "data", "attachments", "antrag.pdf", NULL);
  g_autoptr(GBytes) pdf = jury_test_read_bytes (pdf_path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryStore) copy = NULL;
  g_autoptr(GError) error = NULL;

  store = jury_store_create (path, call, "Anna", NULL, &error);
  g_assert_no_error (error);
  bytes = jury_store_get_attachment (store, "first", "attachments/antrag.pdf", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, pdf));
  g_assert_true (jury_store_verify (store, &error));

  g_assert_null (jury_store_get_attachment (store, "first", "attachments/missing.pdf", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A hand-in leaves them out, and still verifies. */
  g_assert_true (jury_store_hand_in (store, handed_in, NULL, &error));
  g_assert_no_error (error);
  copy = jury_store_open_read_only (handed_in, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (copy, &error));
  g_assert_null (jury_store_get_attachment (copy, "first", "attachments/antrag.pdf", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  jury_test_assert_contains (error->message, "handed-in.jury does not carry the attachment “attachments/antrag.pdf”");
  g_clear_error (&error);

  /* Bytes changed behind Jury Desk's back are found. */
  g_clear_object (&store);
  jury_test_run_sqlite3 (path, "UPDATE attachments SET data = X'255044462D312E340A' WHERE href LIKE '%antrag.pdf'");
  store = jury_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (jury_store_verify (store, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (jury_store_get_attachment (store, "first", "attachments/antrag.pdf", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED);
}

/* A database is not made from a call whose attachments are missing, changed, of
 * another type than they say, too large, or reached through a symbolic link. */
static void
test_attachments_refused (void)
{
  static const struct {
    const char *from;
    const char *to;
    const char *prepare;   /* what to do in the folder: remove, change, link, huge */
    const char *message;
  } cases[] = {
    { NULL, NULL, "remove",
      "call-fields.xml: the attachment “attachments/antrag.pdf” of “first” cannot be read: No such file or directory" },
    { NULL, NULL, "change",
      "call-fields.xml: the attachment “attachments/antrag.pdf” of “first” differs from the file the call names" },
    { NULL, NULL, "link",
      "call-fields.xml: the attachment “attachments/antrag.pdf” of “first” is not a plain file" },
    { NULL, NULL, "huge",
      "call-fields.xml: the attachment “attachments/antrag.pdf” of “first” is larger than 64 MiB" },
    { "href=\"attachments/logo.png\" type=\"image/png\"", "href=\"attachments/logo.png\" type=\"application/pdf\"", NULL,
      "call-fields.xml: the attachment “attachments/logo.png” of “first” is not what its type “application/pdf” says" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = jury_test_make_tmp_dir ("test-store-XXXXXX");
      g_autofree char *call_path = write_fields_call (dir, cases[i].from, cases[i].to);
      g_autoptr(GFile) call = g_file_new_for_path (call_path);
      g_autofree char *pdf = g_build_filename (dir, "attachments", "antrag.pdf", NULL);
      g_autofree char *secret = g_build_filename (dir, "secret.pdf", NULL);
      g_autofree char *path = g_build_filename (dir, "refused.jury", NULL);
      g_autoptr(JuryStore) store = NULL;
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (cases[i].prepare, "remove") == 0)
        g_assert_no_errno (g_unlink (pdf));
      else if (g_strcmp0 (cases[i].prepare, "change") == 0)
        g_assert_true (g_file_set_contents (pdf, "%PDF-1.4 another file", -1, NULL));
      else if (g_strcmp0 (cases[i].prepare, "link") == 0)
        {
          /* Even a link to the very same bytes: the link is what is refused. */
          g_assert_no_errno (g_rename (pdf, secret));
          g_assert_no_errno (symlink (secret, pdf));
        }
      else if (g_strcmp0 (cases[i].prepare, "huge") == 0)
        g_assert_no_errno (truncate (pdf, JURY_ATTACHMENT_MAX_SIZE + 1));

      store = jury_store_create (path, call, "Anna", NULL, &error);
      g_assert_null (store);
      g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_ATTACHMENT);
      jury_test_assert_contains (error->message, cases[i].message);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      jury_test_remove_tree (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create/content", test_create_content);
  g_test_add_func ("/store/create/threads", test_create_threads);
  g_test_add_func ("/store/create/exists", test_create_exists);
  g_test_add_func ("/store/create/bad-call", test_create_bad_call);
  g_test_add_func ("/store/create/cancelled", test_create_cancelled);
  g_test_add_func ("/store/open/refusals", test_open_refusals);
  g_test_add_func ("/store/open/newer-message", test_open_newer_message);
  g_test_add_func ("/store/open/odd-name", test_open_odd_name);
  ADD ("/store/open/damaged", test_open_damaged);
  ADD ("/store/open/check-later", test_open_check_later);
  ADD ("/store/open/check-later-damaged", test_open_check_later_damaged);
  ADD ("/store/open/read-only", test_open_read_only);
  g_test_add_func ("/store/open/read-only-older", test_open_read_only_older);
  ADD ("/store/open/unwritable", test_open_unwritable);
  ADD ("/store/open/unwritable-folder", test_open_unwritable_folder);
  g_test_add_func ("/store/migrate", test_migrate);
  g_test_add_func ("/store/migrate/flat", test_migrate_flat);
  g_test_add_func ("/store/migrate/flat-changed", test_migrate_flat_changed);
  ADD ("/store/apply/validation", test_apply_validation);
  ADD ("/store/apply/rules", test_apply_rules);
  ADD ("/store/apply/on-disk", test_apply_on_disk);
  ADD ("/store/apply/write-failure", test_apply_write_failure);
  ADD ("/store/apply/batch-alike", test_apply_batch_alike);
  ADD ("/store/audit-hash-definition", test_audit_hash_definition);
  ADD ("/store/audit-hash-definition-keyed", test_audit_hash_definition_keyed);
  g_test_add_func ("/store/verify/tampering", test_verify_tampering);
  ADD ("/store/backup", test_backup);
  ADD ("/store/backup/concurrent", test_backup_concurrent);
  g_test_add_func ("/store/open/serialized", test_serialized);
  ADD ("/store/same-file", test_same_file);
  g_test_add_func ("/store/looks-like-sqlite", test_looks_like_sqlite);
  ADD ("/store/search", test_search);
  ADD ("/store/progress", test_progress);
  ADD ("/store/jurors", test_jurors);
  ADD ("/store/decisions", test_decisions);
  g_test_add_func ("/store/decisions/tampering", test_decisions_tampering);
  g_test_add_func ("/store/migrate/decisions", test_migrate_decisions);
  ADD ("/store/all-reviews", test_all_reviews);
  ADD ("/store/review-grid", test_review_grid);
  ADD ("/store/open/planted", test_open_planted);
  ADD ("/store/text-limits", test_text_limits);
  ADD ("/store/moved", test_moved);
  ADD ("/store/verify/recomputed-chain", test_verify_recomputed_chain);
  ADD ("/store/temp-sweep", test_temp_sweep);
  ADD ("/store/attachments", test_attachments);
  g_test_add_func ("/store/attachments/refused", test_attachments_refused);
#undef ADD

  return g_test_run ();
}
