/* fuzz-form.c: libFuzzer target for importing a scoring form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is imported as a filled form into the same juror database, made once
 * from a small call with some work in it and put back byte for byte before every
 * input. An import succeeds, or fails with an error that names the form and
 * changes nothing. After a successful one the database verifies, and its own form,
 * written and imported again, changes nothing more.
 */

#define G_LOG_DOMAIN "fuzz-form"

#include "config.h"

#include <string.h>

#include "jury-form.h"
#include "jury-store.h"
#include "fuzz-util.h"

#define NAME "fuzz.csv"

/* The call the database is made from; the build sets it, the environment may
 * choose another. */
#ifndef FUZZ_FORM_CALL
#define FUZZ_FORM_CALL "tests/data/call-minimal.xml"
#endif

static char  *dir;
static char  *db_path;
static GBytes *pristine;

static void
apply (JuryStore  *store,
       JuryChange *change)
{
  g_autoptr(JuryChange) owned = change;
  g_autoptr(GError) error = NULL;

  if (!jury_store_apply_one (store, owned, &error))
    g_error ("%s", error->message);
}

/* Some work already done, so that a form can change, lift and declare things:
 * the first submission scored, commented and done, the other in conflict with a
 * score it keeps. Works with any call of at least two submissions. */
static void
add_work (JuryStore  *store,
          const char *juror_id)
{
  const JuryCall *call = jury_store_get_call (store);
  g_autoptr(GPtrArray) rows = jury_store_list_submissions (store, juror_id, NULL);
  const JurySubmissionRow *first, *second;

  g_assert (rows != NULL && rows->len >= 2);
  first = g_ptr_array_index (rows, 0);
  second = g_ptr_array_index (rows, 1);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      apply (store, jury_change_new_score (juror_id, first->id, criterion->id, call->scale_max - (int) i % 2));
    }
  apply (store, jury_change_new_comment (juror_id, first->id,
                                         ((JuryCriterion *) g_ptr_array_index (call->criteria, 0))->id,
                                         "Clear aims,\nthin on \"reach\""));
  apply (store, jury_change_new_comment (juror_id, first->id, NULL, "=strong overall"));
  apply (store, jury_change_new_flag (JURY_CHANGE_DONE, juror_id, first->id, TRUE));

  apply (store, jury_change_new_score (juror_id, second->id,
                                       ((JuryCriterion *) g_ptr_array_index (call->criteria, 0))->id,
                                       call->scale_min));
  apply (store, jury_change_new_flag (JURY_CHANGE_CONFLICT, juror_id, second->id, TRUE));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *call_path = g_getenv ("FUZZ_FORM_CALL");
  g_autofree char *template_path = NULL;
  g_autoptr(GFile) call_file = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  fuzz_init_logging ();

  dir = fuzz_make_dir ("fuzz-form");
  db_path = g_build_filename (dir, "juror.jury", NULL);
  template_path = g_build_filename (dir, "template.jury", NULL);

  call_file = g_file_new_for_path (call_path != NULL ? call_path : FUZZ_FORM_CALL);
  store = jury_store_create (template_path, call_file, "Fuzz Juror", NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  add_work (store, jury_store_get_sole_juror_id (store));
  g_clear_object (&store);

  /* Closing the last connection folds the write-ahead log into the file. */
  if (!g_file_get_contents (template_path, &contents, &length, &error))
    g_error ("%s", error->message);
  pristine = g_bytes_new_take (contents, length);
  fuzz_remove_database (template_path);

  return 0;
}

static JuryStore *
open_pristine (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (pristine, &length);
  JuryStore *store;

  fuzz_remove_database (db_path);
  fuzz_write_file (db_path, bytes, length);
  store = jury_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_false (jury_store_is_read_only (store));

  return store;
}

static guint
count_reviewed (JuryStore  *store,
                const char *juror_id)
{
  guint n_reviewed, n_total;

  jury_store_get_progress (store, juror_id, &n_reviewed, &n_total);
  return n_reviewed;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JuryStore) store = open_pristine ();
  g_autofree char *juror_id = g_strdup (jury_store_get_sole_juror_id (store));
  g_autoptr(GBytes) form = g_bytes_new (data, size);
  g_autoptr(GBytes) form_before = NULL;
  g_autoptr(GBytes) form_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) write_error = NULL;
  JuryFormImportStats stats = { 0 };
  guint audit_before, audit_after, reviewed_before;
  gboolean ok;

  g_assert_nonnull (juror_id);
  audit_before = jury_store_get_audit_length (store, NULL);
  reviewed_before = count_reviewed (store, juror_id);
  form_before = jury_form_write (store, juror_id, &error);
  g_assert_no_error (error);

  ok = jury_form_import (store, juror_id, form, NAME, &stats, &error);
  g_assert_true (ok == (error == NULL));

  audit_after = jury_store_get_audit_length (store, NULL);
  form_after = jury_form_write (store, juror_id, &write_error);
  g_assert_no_error (write_error);

  if (!ok)
    {
      /* All or nothing, and the message says where. */
      g_assert_true (error->domain == JURY_FORM_ERROR);
      g_assert_true (g_str_has_prefix (error->message, NAME ":"));
      g_assert_cmpuint (audit_after, ==, audit_before);
      g_assert_cmpuint (count_reviewed (store, juror_id), ==, reviewed_before);
      g_assert_true (g_bytes_equal (form_before, form_after));
      return 0;
    }

  /* One audit entry per change, and one more where a change also clears "done". */
  g_assert_cmpuint (audit_after, >=, audit_before + stats.n_changes + stats.n_done);
  g_assert_cmpuint (audit_after, <=, audit_before + 2 * stats.n_changes + stats.n_done);
  g_assert_true ((audit_after == audit_before) == (stats.n_changes + stats.n_done == 0));
  if (audit_after == audit_before)
    g_assert_true (g_bytes_equal (form_before, form_after));

  jury_store_verify (store, &error);
  g_assert_no_error (error);

  /* The form the database writes now says what it holds: importing it is a no-op. */
  memset (&stats, 0, sizeof stats);
  ok = jury_form_import (store, juror_id, form_after, "again.csv", &stats, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (stats.n_changes, ==, 0);
  g_assert_cmpuint (stats.n_done, ==, 0);
  g_assert_cmpuint (jury_store_get_audit_length (store, NULL), ==, audit_after);

  return 0;
}
