/* test-searcher.c: tests of the search in a worker, its narrowing and its answers kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-searcher"

#include "config.h"

#include "jury-searcher.h"
#include "jury-test-util.h"

typedef struct
{
  char       *dir;
  JuryStore  *store;
  GHashTable *positions;  /* id → position + 1 */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = jury_test_make_tmp_dir ("test-searcher-XXXXXX");
  path = g_build_filename (fixture->dir, "anna.jury", NULL);
  fixture->store = jury_store_create (path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);

  rows = jury_store_list_submissions (fixture->store, NULL, &error);
  g_assert_no_error (error);
  fixture->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (fixture->positions, g_strdup (row->id), GUINT_TO_POINTER (row->position + 1));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->positions, g_hash_table_unref);
  jury_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* What jury_store_search() finds for QUERY, as ascending positions. */
static GArray *
store_hits (Fixture    *fixture,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = jury_store_search (fixture->store, query, &error);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer id;

  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->positions, id)) - 1;

      g_array_append_val (positions, position);
    }
  g_array_sort (positions, compare_uint);

  return positions;
}

static void
assert_same_hits (GArray     *hits,
                  GArray     *expected,
                  const char *query)
{
  g_test_message ("\"%s\": %u hits", query, expected->len);
  g_assert_cmpmem (hits->data, hits->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
}

static GArray *
find (JurySearcher *searcher,
      const char   *query)
{
  g_autoptr(GError) error = NULL;
  GArray *hits = jury_searcher_find (searcher, query, NULL, &error);

  g_assert_no_error (error);
  return hits;
}

static const char * const queries[] = {
  "SAMSTAGEN", "mint", "Schüler", "SCHULER", "Weinstraße", "WEINSTRASSE", "außerschulisch",
  "AUSSERSCHULISCH", "kein Treffer xyz", "", " ",
};

/* The worker finds what the store's search finds, case and accents folded alike. */
static void
test_same_hits (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JurySearcher) searcher = jury_searcher_new (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GArray) expected = store_hits (fixture, queries[i]);
      g_autoptr(GArray) hits = find (searcher, queries[i]);

      assert_same_hits (hits, expected, queries[i]);
    }
  g_assert_cmpuint (g_hash_table_size (fixture->positions), >, 0);
}

/* A query that contains an earlier one is looked for among its hits, one typed back
 * is answered from memory, and the answers are those of a search from scratch,
 * with ß and umlauts too. */
static void
test_narrowing (Fixture       *fixture,
                gconstpointer  data)
{
  /* Typed key by key, then taken back; then a query seen in none of them. */
  static const char * const typed[] = {
    "Weinstr", "Weinstra", "Weinstraß", "Weinstraße", "Weinstraß", "Weinstr", "WEINSTRASSE",
    "Meiß", "MEISSN", "Meißner", "meissner", "Meiß", "einstr",
  };
  static const guint scans[] = { 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3 };
  g_autoptr(JurySearcher) searcher = jury_searcher_new (fixture->store);

  G_STATIC_ASSERT (G_N_ELEMENTS (typed) == G_N_ELEMENTS (scans));
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GArray) expected = store_hits (fixture, typed[i]);
      g_autoptr(GArray) hits = find (searcher, typed[i]);

      assert_same_hits (hits, expected, typed[i]);
      g_assert_cmpuint (jury_searcher_get_n_scans (searcher), ==, scans[i]);
    }
}

/* A search cancelled (a newer keystroke) ends with CANCELLED and leaves no answer
 * behind: the same query later is searched again, and right. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JurySearcher) searcher = jury_searcher_new (fixture->store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) expected = store_hits (fixture, "mint");

  g_cancellable_cancel (cancellable);
  hits = jury_searcher_find (searcher, "mint", cancellable, &error);
  g_assert_null (hits);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  hits = find (searcher, "mint");
  assert_same_hits (hits, expected, "mint");
  g_assert_cmpuint (jury_searcher_get_n_scans (searcher), ==, 1);
}

typedef struct
{
  GArray *hits;
  GError *error;
  gboolean done;
} Answer;

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Answer *answer = user_data;

  answer->hits = jury_searcher_find_finish (JURY_SEARCHER (source), result, &answer->error);
  answer->done = TRUE;
}

/* In a worker: the answer of each search comes back to its caller; one cancelled
 * while it runs is either cancelled or right, never wrong. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JurySearcher) searcher = jury_searcher_new (fixture->store);
  g_autoptr(GCancellable) first_cancellable = g_cancellable_new ();
  g_autoptr(GArray) expected_first = store_hits (fixture, "Schüler");
  g_autoptr(GArray) expected_second = store_hits (fixture, "SAMSTAGEN");
  Answer first = { 0 }, second = { 0 };

  jury_searcher_find_async (searcher, "Schüler", first_cancellable, found_cb, &first);
  g_cancellable_cancel (first_cancellable);
  jury_searcher_find_async (searcher, "SAMSTAGEN", NULL, found_cb, &second);
  while (!first.done || !second.done)
    g_main_context_iteration (NULL, TRUE);

  if (first.hits != NULL)
    assert_same_hits (first.hits, expected_first, "Schüler");
  else
    g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (second.error);
  assert_same_hits (second.hits, expected_second, "SAMSTAGEN");

  g_clear_pointer (&first.hits, g_array_unref);
  g_clear_pointer (&second.hits, g_array_unref);
  g_clear_error (&first.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/searcher/same-hits", test_same_hits);
  ADD ("/searcher/narrowing", test_narrowing);
  ADD ("/searcher/cancelled", test_cancelled);
  ADD ("/searcher/async", test_async);
#undef ADD

  return g_test_run ();
}
