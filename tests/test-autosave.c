/* test-autosave.c: tests of autosave: at once, debounced, refused, failed and retried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-autosave"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "jury-autosave.h"
#include "jury-store-testing.h"
#include "jury-test-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  JuryStore    *store;
  JuryStore    *second;    /* another connection to the same file: what is on disk */
  JuryAutosave *autosave;
  char         *juror_id;
  guint         n_state_notifies;
  GPtrArray    *refused;   /* GError* */
} Fixture;

static void
state_notify_cb (JuryAutosave *autosave,
                 GParamSpec   *pspec,
                 Fixture      *fixture)
{
  fixture->n_state_notifies++;
}

static void
refused_cb (JuryAutosave *autosave,
            JuryChange   *change,
            GError       *error,
            Fixture      *fixture)
{
  g_assert_nonnull (change);
  g_ptr_array_add (fixture->refused, g_error_copy (error));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autoptr(GError) error = NULL;

  fixture->dir = jury_test_make_tmp_dir ("test-autosave-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "anna.jury", NULL);
  fixture->store = jury_store_create (fixture->path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  fixture->second = jury_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->juror_id = g_strdup (jury_store_get_sole_juror_id (fixture->store));
  fixture->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  fixture->autosave = jury_autosave_new (fixture->store);
  g_signal_connect (fixture->autosave, "notify::state", G_CALLBACK (state_notify_cb), fixture);
  g_signal_connect (fixture->autosave, "refused", G_CALLBACK (refused_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->autosave);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->second);
  jury_test_remove_tree (fixture->dir);

  g_clear_pointer (&fixture->refused, g_ptr_array_unref);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->juror_id);
}

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *passed = user_data;

  *passed = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the autosave reaches STATE, or for at most TIMEOUT_MS. */
static void
wait_for_state (Fixture       *fixture,
                JurySaveState  state,
                guint          timeout_ms)
{
  gboolean passed = FALSE;
  guint deadline = g_timeout_add (timeout_ms, deadline_cb, &passed);

  while (jury_autosave_get_state (fixture->autosave) != state && !passed)
    g_main_context_iteration (NULL, TRUE);

  if (!passed)
    g_source_remove (deadline);
  g_assert_cmpint (jury_autosave_get_state (fixture->autosave), ==, state);
}

static JuryReview *
review_on_disk (Fixture    *fixture,
                const char *submission_id)
{
  g_autoptr(GError) error = NULL;
  JuryReview *review = jury_store_get_review (fixture->second, fixture->juror_id, submission_id, &error);

  g_assert_no_error (error);
  return review;
}

static void
push (Fixture    *fixture,
      JuryChange *change)
{
  g_autoptr(JuryChange) owned = change;

  jury_autosave_push (fixture->autosave, owned);
}

static void
test_scores_at_once (Fixture       *fixture,
                     gconstpointer  data)
{
  for (int value = 1; value <= 5; value++)
    {
      g_autoptr(JuryReview) review = NULL;

      push (fixture, jury_change_new_score (fixture->juror_id, "schubs", "netzwerk", value));
      g_assert_cmpint (jury_autosave_get_state (fixture->autosave), ==, JURY_SAVE_STATE_SAVED);
      g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 0);

      review = review_on_disk (fixture, "schubs");
      g_assert_cmpint (review->scores[3], ==, value);
    }

  push (fixture, jury_change_new_flag (JURY_CHANGE_CONFLICT, fixture->juror_id, "schubs", TRUE));
  {
    g_autoptr(JuryReview) review = review_on_disk (fixture, "schubs");

    g_assert_true (review->conflict);
  }

  g_assert_cmpuint (fixture->n_state_notifies, ==, 0);
  g_assert_cmpuint (jury_store_get_audit_length (fixture->second, NULL), ==, 6);
}

static void
test_comments_debounced (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *typed[] = { "G", "Gu", "Gut", "Gut so" };
  g_autoptr(JuryReview) review = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    push (fixture, jury_change_new_comment (fixture->juror_id, "schubs", "praxis", typed[i]));

  g_assert_cmpint (jury_autosave_get_state (fixture->autosave), ==, JURY_SAVE_STATE_PENDING);
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 1);
  review = review_on_disk (fixture, "schubs");
  g_assert_null (review->comments[0]);
  g_clear_pointer (&review, jury_review_free);

  wait_for_state (fixture, JURY_SAVE_STATE_SAVED, 10 * JURY_AUTOSAVE_COMMENT_DELAY_MS);
  review = review_on_disk (fixture, "schubs");
  g_assert_cmpstr (review->comments[0], ==, "Gut so");
  /* Written once, not once per key. */
  g_assert_cmpuint (jury_store_get_audit_length (fixture->second, NULL), ==, 1);
  g_assert_cmpuint (fixture->n_state_notifies, ==, 2);
}

static void
test_flush (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;

  push (fixture, jury_change_new_comment (fixture->juror_id, "schubs", NULL, "Insgesamt stark"));
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 1);
  g_assert_true (jury_autosave_flush (fixture->autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 0);
  g_assert_cmpint (jury_autosave_get_state (fixture->autosave), ==, JURY_SAVE_STATE_SAVED);

  review = review_on_disk (fixture, "schubs");
  g_assert_cmpstr (review->overall, ==, "Insgesamt stark");

  /* A score written at once takes a waiting comment along. */
  push (fixture, jury_change_new_comment (fixture->juror_id, "mint-basics", "tueren", "Offen"));
  push (fixture, jury_change_new_score (fixture->juror_id, "mint-basics", "tueren", 4));
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 0);
  g_clear_pointer (&review, jury_review_free);
  review = review_on_disk (fixture, "mint-basics");
  g_assert_cmpstr (review->comments[1], ==, "Offen");
  g_assert_cmpint (review->scores[1], ==, 4);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  static const JuryStoreError expected[] = {
    JURY_STORE_ERROR_OUT_OF_SCALE, JURY_STORE_ERROR_INCOMPLETE, JURY_STORE_ERROR_NOT_FOUND,
  };

  push (fixture, jury_change_new_score (fixture->juror_id, "schubs", "praxis", 9));
  push (fixture, jury_change_new_flag (JURY_CHANGE_DONE, fixture->juror_id, "schubs", TRUE));
  push (fixture, jury_change_new_comment (fixture->juror_id, "nothing", NULL, "?"));
  g_assert_true (jury_autosave_flush (fixture->autosave, NULL));

  g_assert_cmpuint (fixture->refused->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GError *error = g_ptr_array_index (fixture->refused, i);

      g_assert_error (error, JURY_STORE_ERROR, (int) expected[i]);
    }
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 0);
  g_assert_cmpint (jury_autosave_get_state (fixture->autosave), ==, JURY_SAVE_STATE_SAVED);
  g_assert_null (jury_autosave_get_error_message (fixture->autosave));
  g_assert_cmpuint (jury_store_get_audit_length (fixture->second, NULL), ==, 0);
}

static void
test_failure_and_retry (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;

  jury_store_set_fail_writes (fixture->store, TRUE);
  push (fixture, jury_change_new_score (fixture->juror_id, "schubs", "praxis", 2));
  push (fixture, jury_change_new_score (fixture->juror_id, "schubs", "praxis", 3));
  push (fixture, jury_change_new_comment (fixture->juror_id, "schubs", "praxis", "Nicht verlieren"));
  push (fixture, jury_change_new_flag (JURY_CHANGE_CONFLICT, fixture->juror_id, "beste-bildung", TRUE));

  g_assert_cmpint (jury_autosave_get_state (fixture->autosave), ==, JURY_SAVE_STATE_FAILED);
  g_assert_cmpstr (jury_autosave_get_error_message (fixture->autosave), ==,
                   "Could not save to anna.jury: the disk is full");
  /* The second score replaced the first. */
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 3);
  g_assert_cmpuint (fixture->refused->len, ==, 0);

  /* Nothing reached the disk, but the form can show what was typed. */
  review = review_on_disk (fixture, "schubs");
  g_assert_cmpint (review->scores[0], ==, JURY_NO_SCORE);
  jury_autosave_apply_pending (fixture->autosave, review);
  g_assert_cmpint (review->scores[0], ==, 3);
  g_assert_cmpstr (review->comments[0], ==, "Nicht verlieren");
  g_assert_cmpint (review->status, ==, JURY_REVIEW_IN_PROGRESS);
  g_clear_pointer (&review, jury_review_free);
  review = review_on_disk (fixture, "beste-bildung");
  jury_autosave_apply_pending (fixture->autosave, review);
  g_assert_cmpint (review->status, ==, JURY_REVIEW_CONFLICT);
  g_clear_pointer (&review, jury_review_free);

  g_assert_false (jury_autosave_flush (fixture->autosave, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_WRITE);
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 3);
  /* A retry is scheduled. */
  g_assert_nonnull (g_main_context_find_source_by_funcs_user_data (NULL, &g_timeout_funcs, fixture->autosave));

  /* The disk recovers; the retry saves everything without being asked. */
  jury_store_set_fail_writes (fixture->store, FALSE);
  wait_for_state (fixture, JURY_SAVE_STATE_SAVED, 3 * JURY_AUTOSAVE_RETRY_MS);
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 0);
  g_assert_null (jury_autosave_get_error_message (fixture->autosave));

  review = review_on_disk (fixture, "schubs");
  g_assert_cmpint (review->scores[0], ==, 3);
  g_assert_cmpstr (review->comments[0], ==, "Nicht verlieren");
  g_clear_pointer (&review, jury_review_free);
  review = review_on_disk (fixture, "beste-bildung");
  g_assert_true (review->conflict);
  g_assert_cmpuint (jury_store_get_audit_length (fixture->second, NULL), ==, 3);
}

static void
test_dispose_flushes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JuryReview) review = NULL;

  push (fixture, jury_change_new_comment (fixture->juror_id, "schubs", "transfer", "Letzte Worte"));
  g_assert_cmpuint (jury_autosave_get_n_pending (fixture->autosave), ==, 1);
  g_clear_object (&fixture->autosave);

  review = review_on_disk (fixture, "schubs");
  g_assert_cmpstr (review->comments[5], ==, "Letzte Worte");
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryChange) change = jury_change_new_score (fixture->juror_id, "schubs", "praxis", 4);

  store = jury_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  autosave = jury_autosave_new (store);

  /* Kept and shown, never dropped, but not retried: the store stays read-only. */
  jury_autosave_push (autosave, change);
  g_assert_cmpint (jury_autosave_get_state (autosave), ==, JURY_SAVE_STATE_FAILED);
  g_assert_cmpuint (jury_autosave_get_n_pending (autosave), ==, 1);
  g_assert_false (jury_autosave_flush (autosave, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY);
  g_assert_null (g_main_context_find_source_by_funcs_user_data (NULL, &g_timeout_funcs, autosave));

  g_test_expect_message ("jury-autosave", G_LOG_LEVEL_WARNING, "1 changes to *could not be saved*");
  g_clear_object (&autosave);
  g_test_assert_expected_messages ();
}

/* The path of this test program, to run it again as a typist. */
static const char *test_program;

typedef struct
{
  JuryAutosave *autosave;
  const char   *juror_id;
  GString      *text;
  guint         n_keys;      /* how many to type, 0: until killed */
} Typist;

static gboolean
key_cb (gpointer user_data)
{
  Typist *typist = user_data;
  g_autoptr(JuryChange) change = NULL;

  g_string_append_c (typist->text, 'a' + typist->text->len % 26);
  change = jury_change_new_comment (typist->juror_id, "schubs", "praxis", typist->text->str);
  jury_autosave_push (typist->autosave, change);

  /* After the keystroke has reached the autosave, as a window's would. */
  if (typist->n_keys == 0)
    g_print ("key %u\n", (guint) typist->text->len);
  else if (typist->text->len == typist->n_keys)
    g_print ("typed %u\n", (guint) typist->text->len);
  fflush (stdout);

  return typist->n_keys == 0 || typist->text->len < typist->n_keys;
}

/* The child: types into the comment on "praxis" of "schubs" in PATH through the
 * autosave, a key every INTERVAL_MS, N_KEYS keys (0: for ever), and waits to be
 * killed. */
static int
run_typist (const char *path,
            guint       n_keys,
            guint       interval_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = jury_store_open (path, &error);
  g_autoptr(JuryAutosave) autosave = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GString) text = g_string_new (NULL);
  Typist typist;

  g_assert_no_error (error);
  autosave = jury_autosave_new (store);
  typist = (Typist) { autosave, jury_store_get_sole_juror_id (store), text, n_keys };
  g_timeout_add (interval_ms, key_cb, &typist);
  g_main_loop_run (loop);

  return 0;
}

static GSubprocess *
spawn_typist (Fixture    *fixture,
              guint       n_keys,
              guint       interval_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *keys = g_strdup_printf ("%u", n_keys);
  g_autofree char *interval = g_strdup_printf ("%u", interval_ms);
  g_autoptr(GError) error = NULL;
  GSubprocess *typist;

  g_subprocess_launcher_setenv (launcher, "JURY_TEST_TYPIST", fixture->path, TRUE);
  g_subprocess_launcher_setenv (launcher, "JURY_TEST_TYPIST_KEYS", keys, TRUE);
  g_subprocess_launcher_setenv (launcher, "JURY_TEST_TYPIST_INTERVAL", interval, TRUE);
  typist = g_subprocess_launcher_spawn (launcher, &error, test_program, NULL);
  g_assert_no_error (error);

  return typist;
}

/* The next line the typist printed: "WORD N"; N. */
static guint
read_report (GDataInputStream *lines,
             const char       *word)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_autofree char *prefix = g_strconcat (word, " ", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));

  return (guint) g_ascii_strtoull (line + strlen (prefix), NULL, 10);
}

static void
kill_typist (GSubprocess *typist)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (typist);
  g_subprocess_wait (typist, NULL, &error);
  g_assert_no_error (error);
}

/* Killed a quarter of a second after the last keystroke, the comment is on disk
 * whole: the promise is kept at its very edge, and not by luck, so several times. */
static void
test_killed_after_last_key (Fixture       *fixture,
                            gconstpointer  data)
{
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GSubprocess) typist = spawn_typist (fixture, 12 + round, 40);
      g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (typist));
      g_autoptr(JuryReview) review = NULL;
      guint n_typed;

      n_typed = read_report (lines, "typed");
      g_usleep (250 * G_TIME_SPAN_MILLISECOND);
      kill_typist (typist);

      review = review_on_disk (fixture, "schubs");
      g_assert_nonnull (review->comments[0]);
      g_assert_cmpuint (strlen (review->comments[0]), ==, n_typed);
    }
}

/* Someone who types without a pause has what they typed up to a second before a
 * kill on disk. */
static void
test_typing_without_pause (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSubprocess) typist = spawn_typist (fixture, 0, 40);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (typist));
  g_autoptr(GArray) seen_at = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JuryReview) review = NULL;
  gint64 killed_at;
  guint must_have = 0, n_saved;

  /* Three seconds of typing, then a kill between two keys. */
  while (seen_at->len < 75)
    {
      gint64 now;

      g_assert_cmpuint (read_report (lines, "key"), ==, seen_at->len + 1);
      now = g_get_monotonic_time ();
      g_array_append_val (seen_at, now);
    }
  g_usleep (g_test_rand_int_range (0, 40) * G_TIME_SPAN_MILLISECOND);
  killed_at = g_get_monotonic_time ();
  kill_typist (typist);

  /* A key seen here had been typed before: those seen a second before the kill
   * must be on disk. */
  for (guint i = 0; i < seen_at->len; i++)
    if (g_array_index (seen_at, gint64, i) <= killed_at - G_TIME_SPAN_SECOND)
      must_have = i + 1;

  review = review_on_disk (fixture, "schubs");
  g_assert_nonnull (review->comments[0]);
  n_saved = strlen (review->comments[0]);
  g_test_message ("%u keys typed, %u on disk, %u at least", seen_at->len, n_saved, must_have);
  g_assert_cmpuint (must_have, >, 40);
  g_assert_cmpuint (n_saved, >=, must_have);
  g_assert_cmpuint (n_saved, <=, seen_at->len + 1);
}

int
main (int   argc,
      char *argv[])
{
  const char *typist_path = g_getenv ("JURY_TEST_TYPIST");

  if (typist_path != NULL)
    return run_typist (typist_path,
                       (guint) g_ascii_strtoull (g_getenv ("JURY_TEST_TYPIST_KEYS"), NULL, 10),
                       (guint) g_ascii_strtoull (g_getenv ("JURY_TEST_TYPIST_INTERVAL"), NULL, 10));

  test_program = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/autosave/scores-at-once", test_scores_at_once);
  ADD ("/autosave/comments-debounced", test_comments_debounced);
  ADD ("/autosave/flush", test_flush);
  ADD ("/autosave/refused", test_refused);
  ADD ("/autosave/failure-and-retry", test_failure_and_retry);
  ADD ("/autosave/dispose-flushes", test_dispose_flushes);
  ADD ("/autosave/read-only", test_read_only);
  ADD ("/autosave/killed-after-last-key", test_killed_after_last_key);
  ADD ("/autosave/typing-without-pause", test_typing_without_pause);
#undef ADD

  return g_test_run ();
}
