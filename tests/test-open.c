/* test-open.c: from a picked file to an open jury database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-open"

#include "config.h"

#include <glib/gstdio.h>

#include "jury-call-loader.h"
#include "jury-open.h"
#include "jury-test-util.h"

typedef struct
{
  char *dir;       /* scratch folder */
  char *data_dir;  /* where the juror's databases go */
} Fixture;

typedef struct
{
  JuryStore      *store;
  JuryOpenResult  result;
  GError         *error;
  gboolean        done;
} Opened;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = jury_test_make_tmp_dir ("jury-open-XXXXXX");
  fixture->data_dir = g_build_filename (fixture->dir, "data", "jury-desk", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  jury_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opened *opened = user_data;

  opened->store = jury_open_file_finish (result, &opened->result, &opened->error);
  opened->done = TRUE;
}

static Opened
open_file (Fixture *fixture,
           GFile   *file)
{
  Opened opened = { 0 };

  jury_open_file_async (file, fixture->data_dir, "Jana Beispiel", NULL, opened_cb, &opened);
  while (!opened.done)
    g_main_context_iteration (NULL, TRUE);

  return opened;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_sniff (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *text = write_file (fixture, "notes.txt", "SQLite format 2 is not this", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.jury", NULL);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  Opened opened;
  g_autoptr(GFile) database = NULL;

  g_assert_cmpint (jury_file_sniff_kind (sample, NULL, NULL), ==, JURY_FILE_KIND_CALL);
  g_assert_cmpint (jury_file_sniff_kind (text_file, NULL, NULL), ==, JURY_FILE_KIND_CALL);

  jury_file_sniff_kind (missing_file, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  opened = open_file (fixture, sample);
  g_assert_no_error (opened.error);
  database = g_file_new_for_path (jury_store_get_path (opened.store));
  g_assert_cmpint (jury_file_sniff_kind (database, NULL, NULL), ==, JURY_FILE_KIND_DATABASE);
  g_object_unref (opened.store);
}

static void
test_path_for_call (void)
{
  g_autofree char *path = jury_database_path_for_call ("/data/jury-desk", "mint-2025");
  g_autofree char *expected = g_build_filename ("/data/jury-desk", "mint-2025.jury", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* A call opened for the first time gets a database; the next time the same one opens. */
static void
test_create_then_reopen (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  Opened first, again;
  JuryJuror *juror;

  first = open_file (fixture, sample);
  g_assert_no_error (first.error);
  g_assert_cmpint (first.result, ==, JURY_OPEN_RESULT_CREATED);

  expected = jury_database_path_for_call (fixture->data_dir, jury_store_get_call (first.store)->id);
  g_assert_cmpstr (jury_store_get_path (first.store), ==, expected);

  jurors = jury_store_list_jurors (first.store);
  g_assert_cmpuint (jurors->len, ==, 1);
  juror = g_ptr_array_index (jurors, 0);
  g_assert_cmpstr (juror->name, ==, "Jana Beispiel");
  g_assert_true (jury_store_apply_one (first.store,
                                       &(JuryChange) { .kind = JURY_CHANGE_SCORE,
                                                       .juror_id = juror->id,
                                                       .submission_id = (char *) "schubs",
                                                       .criterion_id = (char *) "praxis",
                                                       .value = 4 },
                                       NULL));
  g_object_unref (first.store);

  again = open_file (fixture, sample);
  g_assert_no_error (again.error);
  g_assert_cmpint (again.result, ==, JURY_OPEN_RESULT_REOPENED);
  g_assert_cmpstr (jury_store_get_path (again.store), ==, expected);
  g_assert_cmpuint (jury_store_get_audit_length (again.store, juror->id), ==, 1);
  g_object_unref (again.store);
}

/* Only a call opened for the first time makes a database (and needs a juror's name);
 * a database, a call opened before and a broken file do not. */
static void
test_would_create (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *broken_path = write_file (fixture, "broken.xml", "<call", -1);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(GFile) database = NULL;
  g_autoptr(GError) error = NULL;
  Opened first;

  g_assert_true (jury_open_would_create (sample, fixture->data_dir, NULL, &error));
  g_assert_no_error (error);

  first = open_file (fixture, sample);
  g_assert_no_error (first.error);
  database = g_file_new_for_path (jury_store_get_path (first.store));
  g_object_unref (first.store);

  g_assert_false (jury_open_would_create (sample, fixture->data_dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (jury_open_would_create (database, fixture->data_dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (jury_open_would_create (broken, fixture->data_dir, NULL, &error));
  g_assert_nonnull (error);
}

/* Another version of the same call opens the juror's database, and says so. */
static void
test_call_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *contents = NULL;
  g_autofree char *changed_path = NULL;
  g_autoptr(GFile) changed = NULL;
  g_autofree char *checksum = NULL;
  gsize length;
  Opened first, second;

  g_assert_true (g_file_get_contents (g_getenv ("JURY_DESK_SAMPLE"), &contents, &length, NULL));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length - 1);
  changed_path = write_file (fixture, "changed.xml", contents, length - 1);
  changed = g_file_new_for_path (changed_path);

  first = open_file (fixture, sample);
  g_assert_no_error (first.error);
  g_object_unref (first.store);

  second = open_file (fixture, changed);
  g_assert_no_error (second.error);
  g_assert_cmpint (second.result, ==, JURY_OPEN_RESULT_CALL_CHANGED);
  g_assert_cmpstr (jury_store_get_call (second.store)->sha256, !=, checksum);
  g_object_unref (second.store);
}

static void
test_open_database (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autoptr(GFile) database = NULL;
  Opened created, opened;

  created = open_file (fixture, sample);
  g_assert_no_error (created.error);
  database = g_file_new_for_path (jury_store_get_path (created.store));
  g_object_unref (created.store);

  opened = open_file (fixture, database);
  g_assert_no_error (opened.error);
  g_assert_cmpint (opened.result, ==, JURY_OPEN_RESULT_OPENED);
  g_assert_cmpstr (jury_store_get_call (opened.store)->id, ==, "mint-regionen-wirken-2025");
  g_object_unref (opened.store);
}

/* A broken call is refused with its file and line, and leaves no database behind. */
static void
test_broken_call (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "broken.xml",
                                      "<call xmlns='urn:jury-desk:call:1' id='x'>\n<title>T</title>\n<oops/>", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *database = jury_database_path_for_call (fixture->data_dir, "x");
  Opened opened = open_file (fixture, file);

  g_assert_null (opened.store);
  g_assert_nonnull (opened.error);
  g_assert_true (g_str_has_prefix (opened.error->message, "broken.xml:"));
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
  g_clear_error (&opened.error);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} BackedUp;

static void
backup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  BackedUp *backed_up = user_data;

  backed_up->ok = jury_store_backup_finish (JURY_STORE (source), result, &backed_up->error);
  backed_up->done = TRUE;
}

/* Handing in writes a complete copy that opens and verifies on its own. */
static void
test_hand_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *copy = g_build_filename (fixture->dir, "handed-in.jury", NULL);
  g_autoptr(JuryStore) handed_in = NULL;
  g_autoptr(GError) error = NULL;
  BackedUp backed_up = { 0 };
  Opened opened = open_file (fixture, sample);

  g_assert_no_error (opened.error);
  jury_store_backup_async (opened.store, copy, NULL, backup_cb, &backed_up);
  while (!backed_up.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (backed_up.error);
  g_assert_true (backed_up.ok);

  handed_in = jury_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (handed_in, &error));
  g_assert_cmpuint (jury_store_get_call (handed_in)->n_submissions, ==,
                    jury_store_get_call (opened.store)->n_submissions);
  g_object_unref (opened.store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/open/sniff", test_sniff);
  g_test_add_func ("/open/path-for-call", test_path_for_call);
  ADD ("/open/create-then-reopen", test_create_then_reopen);
  ADD ("/open/would-create", test_would_create);
  ADD ("/open/call-changed", test_call_changed);
  ADD ("/open/database", test_open_database);
  ADD ("/open/broken-call", test_broken_call);
  ADD ("/open/hand-in", test_hand_in);
#undef ADD

  return g_test_run ();
}
