/* test-submission-list.c: tests of the submission list model and its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-submission-list"

#include "config.h"

#include <glib/gstdio.h>

#include "jury-submission-list.h"
#include "jury-test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  JuryStore *store;
  char      *juror_id;
} Fixture;

static void
create_store (Fixture    *fixture,
              const char *call_path)
{
  g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
  g_autoptr(GError) error = NULL;

  fixture->path = g_build_filename (fixture->dir, "anna.jury", NULL);
  fixture->store = jury_store_create (fixture->path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  fixture->juror_id = g_strdup (jury_store_get_sole_juror_id (fixture->store));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = jury_test_make_tmp_dir ("test-submission-list-XXXXXX");
}

static void
fixture_set_up_sample (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture_set_up (fixture, data);
  create_store (fixture, g_getenv ("JURY_DESK_SAMPLE"));
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

static void
apply_ok (JuryStore  *store,
          JuryChange *change)
{
  g_autoptr(JuryChange) owned = change;
  g_autoptr(GError) error = NULL;

  jury_store_apply_one (store, owned, &error);
  g_assert_no_error (error);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* A call of N_SUBMISSIONS made-up submissions, each about 2 kB like a real one. */
static char *
write_generated_call (const char *dir,
                      guint       n_submissions)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "generated.xml", NULL);

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<call xmlns=\"urn:jury-desk:call:1\" id=\"generated\" lang=\"de\">\n"
                   "  <title>Erzeugte Ausschreibung</title>\n  <awards count=\"10\"/>\n"
                   "  <rubric min=\"1\" max=\"5\">\n");
  for (guint c = 1; c <= 6; c++)
    g_string_append_printf (xml, "    <criterion id=\"k%u\" weight=\"%u\"><name>Kriterium %u</name>"
                                 "<description>Wie gut erfüllt die Einreichung Kriterium %u?</description>"
                                 "</criterion>\n", c, c % 3 + 1, c, c);
  g_string_append (xml, "  </rubric>\n");

  for (guint i = 0; i < n_submissions; i++)
    {
      g_string_append_printf (xml,
                              "  <submission id=\"s%05u\">\n"
                              "    <title>Netzwerk Nummer %u für Übergänge in die Ausbildung</title>\n"
                              "    <network founded=\"2015\">MINT-Netzwerk %u</network>\n"
                              "    <region state=\"HE\">Landkreis %u</region>\n"
                              "    <contact role=\"Koordination\">Person %u</contact>\n"
                              "    <summary>Schülerinnen und Schüler erkunden Betriebe der Region, bauen "
                              "eigene Werkstücke und sprechen mit Auszubildenden über deren Alltag.</summary>\n"
                              "    <description>\n", i, i, i % 977, i % 401, i);
      for (guint p = 0; p < 3; p++)
        g_string_append (xml, "      <p>Das Angebot verbindet Schule und Betrieb über mehrere Wochen. Jugendliche "
                              "arbeiten in kleinen Gruppen an Aufgaben aus dem Berufsalltag, werden von "
                              "Fachkräften begleitet und stellen ihre Ergebnisse am Ende öffentlich vor. "
                              "Lehrkräfte bereiten die Einsätze vor und nach.</p>\n");
      g_string_append (xml,
                       "    </description>\n"
                       "    <target-group>Jugendliche der Klassen 8 bis 10</target-group>\n"
                       "    <format>Praktikum</format>\n    <format>Werkstatttag</format>\n"
                       "    <partner>Handwerkskammer</partner>\n    <partner>Berufsschule</partner>\n"
                       "    <tip>Früh mit den Betrieben planen.</tip>\n"
                       "    <quote author=\"Eine Schülerin\">Ich weiß jetzt, was ich werden will.</quote>\n"
                       "    <link href=\"https://example.org/netzwerk\">Website</link>\n"
                       "  </submission>\n");
    }
  g_string_append (xml, "</call>\n");

  g_file_set_contents (path, xml->str, xml->len, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JurySubmissionList) list = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const JuryCall *call = jury_store_get_call (fixture->store);
  guint n_total = 0;

  list = jury_submission_list_new (fixture->store, fixture->juror_id, &error);
  g_assert_no_error (error);
  g_assert_true (jury_submission_list_get_store (list) == fixture->store);
  g_assert_cmpstr (jury_submission_list_get_juror_id (list), ==, fixture->juror_id);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == JURY_TYPE_SUBMISSION_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, call->n_submissions);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), call->n_submissions));
  g_assert_cmpuint (jury_submission_list_get_n_reviewed (list), ==, 0);
  g_object_get (list, "n-total", &n_total, NULL);
  g_assert_cmpuint (n_total, ==, call->n_submissions);

  rows = jury_store_list_submissions (fixture->store, fixture->juror_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      guint position = G_MAXUINT;

      g_assert_cmpstr (jury_submission_item_get_id (item), ==, row->id);
      g_assert_cmpstr (jury_submission_item_get_title (item), ==, row->title);
      g_assert_cmpstr (jury_submission_item_get_region (item), ==, row->region);
      g_assert_cmpstr (jury_submission_item_get_network (item), ==, row->network);
      g_assert_cmpuint (jury_submission_item_get_position (item), ==, i);
      g_assert_cmpint (jury_submission_item_get_status (item), ==, JURY_REVIEW_OPEN);
      g_assert_cmpuint (jury_submission_item_get_n_scored (item), ==, 0);
      g_assert_cmpuint (jury_submission_item_get_n_criteria (item), ==, call->criteria->len);
      g_assert_true (jury_submission_list_find (list, row->id, &position) == item);
      g_assert_cmpuint (position, ==, i);
    }

  g_assert_null (jury_submission_list_find (list, "no-such-submission", NULL));
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  const JuryCall *call = jury_store_get_call (fixture->store);
  g_autoptr(JurySubmissionList) list = NULL;
  g_autoptr(JuryJuror) carla = NULL;
  g_autoptr(GError) error = NULL;
  JurySubmissionItem *item;
  guint n_status = 0, n_scored = 0, n_reviewed = 0;

  list = jury_submission_list_new (fixture->store, fixture->juror_id, &error);
  g_assert_no_error (error);
  item = jury_submission_list_find (list, "schubs", NULL);
  g_signal_connect (item, "notify::status", G_CALLBACK (count_notify_cb), &n_status);
  g_signal_connect (item, "notify::n-scored", G_CALLBACK (count_notify_cb), &n_scored);
  g_signal_connect (list, "notify::n-reviewed", G_CALLBACK (count_notify_cb), &n_reviewed);

  apply_ok (fixture->store, jury_change_new_score (fixture->juror_id, "schubs", "praxis", 4));
  g_assert_cmpint (jury_submission_item_get_status (item), ==, JURY_REVIEW_IN_PROGRESS);
  g_assert_cmpuint (jury_submission_item_get_n_scored (item), ==, 1);
  g_assert_cmpuint (n_status, ==, 1);
  g_assert_cmpuint (n_scored, ==, 1);

  /* Another score: the count changes, the status does not. */
  apply_ok (fixture->store, jury_change_new_score (fixture->juror_id, "schubs", "tueren", 4));
  g_assert_cmpuint (n_status, ==, 1);
  g_assert_cmpuint (n_scored, ==, 2);

  /* Another juror's work leaves this list alone. */
  carla = jury_store_add_juror (fixture->store, "Carla", &error);
  g_assert_no_error (error);
  apply_ok (fixture->store, jury_change_new_score (carla->id, "schubs", "begleitung", 2));
  g_assert_cmpuint (jury_submission_item_get_n_scored (item), ==, 2);
  g_assert_cmpuint (n_scored, ==, 2);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      apply_ok (fixture->store, jury_change_new_score (fixture->juror_id, "schubs", criterion->id, 4));
    }
  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_DONE, fixture->juror_id, "schubs", TRUE));
  g_assert_cmpint (jury_submission_item_get_status (item), ==, JURY_REVIEW_DONE);
  g_assert_cmpuint (jury_submission_list_get_n_reviewed (list), ==, 1);
  g_assert_cmpuint (n_reviewed, ==, 1);

  /* Done → conflict: still reviewed, so n-reviewed stays and says nothing. */
  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, fixture->juror_id, "schubs", TRUE));
  g_assert_cmpint (jury_submission_item_get_status (item), ==, JURY_REVIEW_CONFLICT);
  g_assert_cmpuint (n_reviewed, ==, 1);

  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, fixture->juror_id, "mint-basics", TRUE));
  g_assert_cmpuint (jury_submission_list_get_n_reviewed (list), ==, 2);
  apply_ok (fixture->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, fixture->juror_id, "schubs", FALSE));
  g_assert_cmpint (jury_submission_item_get_status (item), ==, JURY_REVIEW_IN_PROGRESS);
  g_assert_cmpuint (jury_submission_list_get_n_reviewed (list), ==, 1);
  g_assert_cmpuint (n_reviewed, ==, 3);
}

static void
test_item_notify (void)
{
  JurySubmissionRow row = { .position = 3, .id = (char *) "x", .title = (char *) "X",
                            .status = JURY_REVIEW_IN_PROGRESS, .n_scored = 2 };
  g_autoptr(JurySubmissionItem) item = jury_submission_item_new (&row, 6);
  guint n_status = 0, n_scored = 0;
  JuryReviewStatus status;

  g_assert_null (jury_submission_item_get_region (item));
  g_assert_cmpuint (jury_submission_item_get_position (item), ==, 3);
  g_signal_connect (item, "notify::status", G_CALLBACK (count_notify_cb), &n_status);
  g_signal_connect (item, "notify::n-scored", G_CALLBACK (count_notify_cb), &n_scored);

  jury_submission_item_update (item, JURY_REVIEW_IN_PROGRESS, 2);
  g_assert_cmpuint (n_status + n_scored, ==, 0);
  jury_submission_item_update (item, JURY_REVIEW_IN_PROGRESS, 3);
  g_assert_cmpuint (n_status, ==, 0);
  g_assert_cmpuint (n_scored, ==, 1);
  g_object_set (item, "status", JURY_REVIEW_DONE, NULL);
  g_object_set (item, "status", JURY_REVIEW_DONE, NULL);
  g_assert_cmpuint (n_status, ==, 1);
  g_object_get (item, "status", &status, NULL);
  g_assert_cmpint (status, ==, JURY_REVIEW_DONE);
}

/* Not a benchmark with limits, but the figures are worth seeing: run with --verbose. */
static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  const guint n = 10000;
  g_autofree char *call_path = write_generated_call (fixture->dir, n);
  g_autoptr(JurySubmissionList) list = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  JurySubmissionItem *item;
  GStatBuf st;

  create_store (fixture, call_path);
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_test_message ("created a store of %u submissions in %.2f s (%.1f MB)",
                  n, g_timer_elapsed (timer, NULL), st.st_size / 1e6);

  g_timer_start (timer);
  list = jury_submission_list_new (fixture->store, fixture->juror_id, &error);
  g_assert_no_error (error);
  g_test_message ("listed them in %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  g_timer_start (timer);
  found = jury_store_search (fixture->store, "nummer 9999 für", &error);
  g_assert_no_error (error);
  g_test_message ("searched them in %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (g_hash_table_size (found), ==, 1);
  g_assert_true (g_hash_table_contains (found, "s09999"));

  item = jury_submission_list_find (list, "s09999", NULL);
  g_assert_nonnull (item);
  apply_ok (fixture->store, jury_change_new_score (fixture->juror_id, "s09999", "k6", 5));
  g_assert_cmpuint (jury_submission_item_get_n_scored (item), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/submission-list/sample", Fixture, NULL, fixture_set_up_sample, test_sample, fixture_tear_down);
  g_test_add ("/submission-list/follows-store", Fixture, NULL, fixture_set_up_sample, test_follows_store, fixture_tear_down);
  g_test_add_func ("/submission-list/item-notify", test_item_notify);
  g_test_add ("/submission-list/large", Fixture, NULL, fixture_set_up, test_large, fixture_tear_down);

  return g_test_run ();
}
