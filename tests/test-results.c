/* test-results.c: a panel's results read from a store, as text, CSV and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-results"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "jury-csv.h"
#include "jury-export-csv.h"
#include "jury-results.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"
#include "jury-test-util.h"

/* A juror name that JSON must escape: quotes, a backslash, a tab, a control character.
 * Jury Desk no longer lets a name hold the last two; a file from before it did may. */
#define TRICKY_NAME "Bea \"B\" \\ \t\x01 Müller"

typedef struct
{
  char      *dir;
  char      *path;
  JuryStore *store;
  char      *anna;
  char      *bea;
  char      *carl;
} Fixture;

static void
apply_ok (JuryStore  *store,
          JuryChange *change)
{
  g_autoptr(JuryChange) owned = change;
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_store_apply_one (store, owned, &error));
  g_assert_no_error (error);
}

static void
score (Fixture    *f,
       const char *juror,
       const char *submission,
       int         quality,
       int         reach)
{
  apply_ok (f->store, jury_change_new_score (juror, submission, "quality", quality));
  if (reach != JURY_NO_SCORE)
    apply_ok (f->store, jury_change_new_score (juror, submission, "reach", reach));
}

static char *
add_juror (JuryStore  *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryJuror) juror = jury_store_add_juror (store, name, &error);

  g_assert_no_error (error);
  return g_strdup (juror->id);
}

/* Totals (weights 2 and 1): alpha 14/3, 4, 5; beta 3, 3 (Carl incomplete); gamma 10/3
 * and 1 (Bea in conflict); delta none. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *call_path = g_test_build_filename (G_TEST_DIST, "data", "call-results.xml", NULL);
  g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
  g_autoptr(GError) error = NULL;

  f->dir = jury_test_make_tmp_dir ("test-results-XXXXXX");
  f->path = g_build_filename (f->dir, "panel.jury", NULL);
  f->store = jury_store_create (f->path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  f->anna = g_strdup (jury_store_get_sole_juror_id (f->store));
  f->bea = add_juror (f->store, "Bea");
  g_assert_true (jury_store_exec (f->store, "UPDATE jurors SET name = '" TRICKY_NAME "' WHERE name = 'Bea'",
                                  &error));
  f->carl = add_juror (f->store, "Carl");

  score (f, f->anna, "alpha", 5, 4);
  score (f, f->anna, "beta", 3, 3);
  score (f, f->anna, "gamma", 4, 2);
  apply_ok (f->store, jury_change_new_comment (f->anna, "alpha", NULL, "Strong \"work\""));
  score (f, f->bea, "alpha", 4, 4);
  score (f, f->bea, "beta", 3, 3);
  apply_ok (f->store, jury_change_new_flag (JURY_CHANGE_CONFLICT, f->bea, "gamma", TRUE));
  score (f, f->carl, "alpha", 5, 5);
  score (f, f->carl, "beta", 2, JURY_NO_SCORE);
  score (f, f->carl, "gamma", 1, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  jury_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->anna);
  g_free (f->bea);
  g_free (f->carl);
}

static JuryResults *
results_new (Fixture  *f,
             gboolean  normalize)
{
  JuryResultsOptions options = { normalize, 0 };
  g_autoptr(GError) error = NULL;
  JuryResults *results = jury_results_new (f->store, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* Runs the Python checker of the JSON with EXTRA arguments (NULL-terminated). */
static void
check_json (Fixture    *f,
            const char *json,
            const char *first,
            ...)
{
  g_autofree char *json_path = g_build_filename (f->dir, "results.json", NULL);
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-results-json.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_file_set_contents (json_path, json, -1, &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) "python3");
  g_ptr_array_add (argv, checker);
  g_ptr_array_add (argv, json_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s\n%s", err, json);
  g_unlink (json_path);
}

/* The CSV row of SUBMISSION_ID, as cells by column name. */
static GHashTable *
csv_row (GPtrArray  *rows,
         const char *submission_id)
{
  char **header = g_ptr_array_index (rows, 0);

  for (guint r = 1; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      if (g_strcmp0 (cells[1], submission_id) == 0)
        {
          GHashTable *row = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint c = 0; header[c] != NULL; c++)
            g_hash_table_insert (row, header[c], cells[c]);
          return row;
        }
    }

  g_error ("no CSV row for %s", submission_id);
}

static double
csv_number (GHashTable *row,
            const char *column)
{
  const char *text = g_hash_table_lookup (row, column);
  char *end;
  double value;

  g_assert_nonnull (text);
  if (text[0] == '\0')
    return NAN;
  value = g_ascii_strtod (text, &end);
  g_assert_cmpstr (end, ==, "");
  return value;
}

static GPtrArray *
parse_csv (GBytes *csv)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (csv, &length);
  GPtrArray *rows;

  g_assert_true (length > 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0);
  rows = jury_csv_parse (data, length, NULL, &error);
  g_assert_no_error (error);
  return rows;
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JuryResults) results = results_new (f, FALSE);
  g_autofree char *json = jury_results_to_json (results);

  /* The control character is written as \u0001, the tab as \t, never raw. */
  g_assert_nonnull (strstr (json, "\\u0001"));
  g_assert_null (strchr (json, '\x01'));
  g_assert_null (strchr (json, '\t'));
  check_json (f, json, "--juror", "Anna", "--juror", TRICKY_NAME, "--juror", "Carl",
              "--decision", "alpha=none", "--unranked", "delta", NULL);
}

static void
test_json_normalized (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JuryResults) results = results_new (f, TRUE);
  g_autofree char *json = jury_results_to_json (results);

  g_assert_true (results->normalized);
  check_json (f, json, "--normalized", "--unranked", "delta", NULL);
}

/* Only complete reviews count; the values checked are worked out from the scores. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JuryResults) results = results_new (f, FALSE);
  g_autoptr(GBytes) csv = jury_export_csv (results);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  g_autoptr(GHashTable) alpha = NULL;
  g_autoptr(GHashTable) beta = NULL;
  g_autoptr(GHashTable) gamma = NULL;
  g_autoptr(GHashTable) delta = NULL;
  guint n_columns;
  const char * const *columns = jury_results_ranking_columns (&n_columns);

  g_assert_cmpuint (rows->len, ==, 1 + 4);
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, 0)), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[c], ==, columns[c]);

  alpha = csv_row (rows, "alpha");
  g_assert_cmpfloat_with_epsilon (csv_number (alpha, "mean"), (14.0 / 3 + 4 + 5) / 3, 1e-8);
  g_assert_cmpfloat_with_epsilon (csv_number (alpha, "median"), 14.0 / 3, 1e-8);
  g_assert_cmpfloat_with_epsilon (csv_number (alpha, "min"), 4, 1e-8);
  g_assert_cmpfloat_with_epsilon (csv_number (alpha, "max"), 5, 1e-8);
  g_assert_cmpfloat (csv_number (alpha, "n"), ==, 3);
  g_assert_cmpfloat (csv_number (alpha, "rank"), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (alpha, "title"), ==, "Alpha \"quoted\" \\ backslash");
  g_assert_cmpstr (g_hash_table_lookup (alpha, "region"), ==, "Nord");

  beta = csv_row (rows, "beta");
  g_assert_cmpfloat (csv_number (beta, "n"), ==, 2);
  g_assert_cmpfloat_with_epsilon (csv_number (beta, "mean"), 3, 1e-8);
  g_assert_cmpfloat (csv_number (beta, "sd"), ==, 0);
  g_assert_cmpfloat (csv_number (beta, "rank"), ==, 2);
  /* A title a spreadsheet would run as a formula is guarded. */
  g_assert_cmpstr (g_hash_table_lookup (beta, "title"), ==, "'=SUM(A1:A9)");

  gamma = csv_row (rows, "gamma");
  g_assert_cmpfloat (csv_number (gamma, "n"), ==, 2);
  g_assert_cmpfloat_with_epsilon (csv_number (gamma, "sd"), (10.0 / 3 - 1) / sqrt (2), 1e-8);
  g_assert_cmpstr (g_hash_table_lookup (gamma, "disagreement"), ==, "yes");
  g_assert_cmpstr (g_hash_table_lookup (alpha, "disagreement"), ==, "no");

  delta = csv_row (rows, "delta");
  g_assert_cmpfloat (csv_number (delta, "n"), ==, 0);
  g_assert_true (isnan (csv_number (delta, "rank")));
  g_assert_true (isnan (csv_number (delta, "mean")));
  g_assert_true (isnan (csv_number (delta, "p_top")));
  g_assert_cmpstr (g_hash_table_lookup (delta, "decision"), ==, "none");
  /* Unranked last. */
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 4))[1], ==, "delta");
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JuryResults) results = results_new (f, FALSE);
  g_autofree char *text = jury_results_to_text (results);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_true (g_str_has_prefix (text, "Results \"test\" call"));
  for (guint s = 0; s < results->submissions->len; s++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);

      g_assert_nonnull (strstr (text, row->title));
    }
  /* The unranked submission has dashes for what it cannot have, and comes last. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "Delta nobody scores") != NULL)
      {
        g_assert_nonnull (strstr (lines[i], "–"));
        g_assert_true (lines[i + 1] == NULL || lines[i + 1][0] == '\0');
      }
  /* gamma's spread is flagged, with the footnote that explains the mark. */
  g_assert_nonnull (strstr (text, "*  "));
  g_assert_nonnull (strstr (text, "* The jurors disagree"));
}

static void
test_decisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JuryResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) beta = NULL;
  g_autofree char *json = NULL;

  g_assert_true (jury_store_mark_panel (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (jury_store_set_decision (f->store, "beta", JURY_DECISION_AWARD,
                                          "Clear, \"unanimous\"", &error));
  g_assert_true (jury_store_set_decision (f->store, "gamma", JURY_DECISION_SHORTLIST, NULL,
                                          &error));
  g_assert_no_error (error);

  results = results_new (f, FALSE);
  g_assert_cmpuint (jury_results_count_decisions (results, JURY_DECISION_AWARD), ==, 1);
  g_assert_cmpuint (jury_results_count_decisions (results, JURY_DECISION_SHORTLIST), ==, 1);
  g_assert_cmpuint (jury_results_count_decisions (results, JURY_DECISION_NONE), ==, 2);

  json = jury_results_to_json (results);
  check_json (f, json, "--decision", "beta=award", "--decision", "gamma=shortlist",
              "--decision", "delta=none", NULL);

  csv = jury_export_csv (results);
  rows = parse_csv (csv);
  beta = csv_row (rows, "beta");
  g_assert_cmpstr (g_hash_table_lookup (beta, "decision"), ==, "award");
  g_assert_cmpstr (g_hash_table_lookup (beta, "note"), ==, "Clear, \"unanimous\"");
}

static void
results_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static JuryResults *
results_new_async (JuryStore     *store,
                   GCancellable  *cancellable,
                   GError       **error)
{
  JuryResultsOptions options = { TRUE, 0.5 };
  g_autoptr(GAsyncResult) result = NULL;

  jury_results_new_async (store, &options, cancellable, results_ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return jury_results_new_finish (result, error);
}

/* A juror's database, opened read-only, gives the same numbers in a thread. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JuryResults) sync = results_new (f, TRUE);
  g_autoptr(JuryResults) async = NULL;
  g_autoptr(JuryStore) read_only = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  read_only = jury_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  async = results_new_async (read_only, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (async->normalized);
  g_assert_cmpuint (async->jurors->len, ==, 3);
  for (guint s = 0; s < sync->stats->n_submissions; s++)
    {
      g_assert_cmpuint (async->stats->order[s], ==, sync->stats->order[s]);
      g_assert_cmpuint (async->stats->submissions[s].rank, ==, sync->stats->submissions[s].rank);
    }
  /* The threshold passed in (0.5 × the range 4 = 2) no longer flags gamma's sd of 1.65. */
  g_assert_false (async->stats->submissions[2].disagreement);
  g_assert_true (sync->stats->submissions[2].disagreement);

  g_cancellable_cancel (cancellable);
  g_assert_null (results_new_async (f->store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The worker reads through a connection of its own: it sees what was committed,
 * not the changes the caller's connection holds in a transaction not yet committed. */
static void
test_async_own_connection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JuryResults) before = results_new (f, FALSE);
  g_autoptr(JuryResults) inside = NULL;
  g_autoptr(JuryResults) async = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_store_begin (f->store, &error));
  g_assert_true (jury_store_exec (f->store, "UPDATE scores SET value = 1 WHERE submission_id = 'alpha'",
                                  &error));
  g_assert_no_error (error);
  inside = results_new (f, FALSE);
  g_assert_cmpfloat (inside->stats->submissions[0].mean, ==, 1);

  async = results_new_async (f->store, NULL, &error);
  g_assert_no_error (error);
  jury_store_rollback (f->store);

  g_assert_cmpfloat (async->stats->submissions[0].mean, ==, before->stats->submissions[0].mean);
  g_assert_cmpuint (async->stats->submissions[0].rank, ==, 1);
}

static JuryResults *
results_with_threshold (Fixture *f,
                        double   share)
{
  JuryResultsOptions options = { FALSE, share };
  g_autoptr(GError) error = NULL;
  JuryResults *results = jury_results_new (f->store, &options, &error);

  g_assert_no_error (error);
  return results;
}

/* The threshold is the one asked for, and every text that mentions it says it. Gamma's
 * sd is 1.65 on a scale of range 4. */
static void
test_disagreement_threshold (Fixture       *f,
                             gconstpointer  data)
{
  static const struct { double share; double stored; const char *note; } cases[] = {
    { 0, 0.2, "* The jurors disagree markedly: the standard deviation is above 0.80 (20% of the scale’s range)." },
    { 0.3, 0.3, "* The jurors disagree markedly: the standard deviation is above 1.20 (30% of the scale’s range)." },
    { 0.125, 0.125, "* The jurors disagree markedly: the standard deviation is above 0.50 (12.5% of the scale’s range)." },
    { 0.5, 0.5, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JuryResults) results = results_with_threshold (f, cases[i].share);
      g_autofree char *note = jury_results_get_disagreement_note (results);
      g_autofree char *text = jury_results_to_text (results);
      g_autofree char *sd = jury_results_format_sd (results, 2);

      g_assert_cmpfloat (results->disagreement, ==, cases[i].stored);
      g_assert_cmpfloat_with_epsilon (jury_results_get_disagreement_limit (results), cases[i].stored * 4, 1e-12);
      g_assert_cmpstr (note, ==, cases[i].note);
      g_assert_cmpint (results->stats->submissions[2].disagreement, ==, cases[i].note != NULL);
      g_assert_cmpstr (sd, ==, cases[i].note != NULL ? "1.65" JURY_DISAGREEMENT_MARK : "1.65");
      if (cases[i].note != NULL)
        g_assert_nonnull (strstr (text, cases[i].note));
      else
        g_assert_null (strstr (text, "disagree"));
    }
}

static void
test_award_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JuryResults) results = results_new (f, FALSE);
  JuryCell cell;

  /* Two awards: alpha and beta hold them. */
  g_assert_cmpuint (jury_results_count_award_rows (results), ==, 2);
  jury_results_get_ranking_cell (results, 1, 1, &cell);
  g_assert_cmpint (cell.kind, ==, JURY_CELL_TEXT);
  g_assert_cmpstr (cell.text, ==, "beta");
  jury_results_get_ranking_cell (results, 3, 0, &cell);
  g_assert_cmpint (cell.kind, ==, JURY_CELL_EMPTY);
}

/* Anna's totals 14/3, 3, 10/3 against the means 41/9, 3, 13/6 give a leniency of
 * (1/9 + 0 + 7/6) / 3 = 23/54; Carl's complete 5 and 1 against 41/9 and 13/6 give
 * (4/9 − 7/6) / 2 = −13/36. */
static void
test_juror_table (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const names[] = {
    "juror", "complete", "conflicts", "incomplete", "mean", "sd", "leniency", NULL
  };
  g_autoptr(JuryResults) results = results_new (f, FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) columns = NULL;
  g_autofree char *complete = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *strict = NULL;
  guint anna = 0, carl = 0;
  JuryCell cell;

  for (guint c = 0; c < JURY_N_JUROR_COLUMNS; c++)
    {
      g_strv_builder_add (builder, jury_juror_column_to_string (c));
      g_assert_nonnull (jury_juror_column_to_label (c));
    }
  columns = g_strv_builder_end (builder);
  g_assert_cmpstrv (columns, names);

  for (guint j = 0; j < results->jurors->len; j++)
    {
      const char *name = ((JuryJuror *) g_ptr_array_index (results->jurors, j))->name;

      anna = g_str_equal (name, "Anna") ? j : anna;
      carl = g_str_equal (name, "Carl") ? j : carl;
    }

  jury_results_get_juror_cell (results, anna, JURY_JUROR_COLUMN_NAME, &cell);
  g_assert_cmpint (cell.kind, ==, JURY_CELL_TEXT);
  g_assert_cmpstr (cell.text, ==, "Anna");
  jury_results_get_juror_cell (results, carl, JURY_JUROR_COLUMN_INCOMPLETE, &cell);
  g_assert_cmpint (cell.kind, ==, JURY_CELL_NUMBER);
  g_assert_cmpfloat (cell.number, ==, 1);
  jury_results_get_juror_cell (results, anna, JURY_JUROR_COLUMN_LENIENCY, &cell);
  g_assert_cmpfloat_with_epsilon (cell.number, 23.0 / 54, 1e-12);

  complete = jury_results_format_juror_cell (results, carl, JURY_JUROR_COLUMN_COMPLETE);
  kind = jury_results_format_juror_cell (results, anna, JURY_JUROR_COLUMN_LENIENCY);
  strict = jury_results_format_juror_cell (results, carl, JURY_JUROR_COLUMN_LENIENCY);
  g_assert_cmpstr (complete, ==, "2");
  g_assert_cmpstr (kind, ==, "+0.43");
  g_assert_cmpstr (strict, ==, "-0.36");
}

/* Nobody in the fixture gives the same total twice over; Bea does once her beta is
 * scored like her alpha, and Carl's one complete review proves nothing. */
static void
test_uniform_juror (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JuryResults) before = results_new (f, FALSE);
  g_autoptr(JuryResults) after = NULL;
  g_autofree char *note = NULL;
  guint bea = 0, carl = 0;
  double total = 0;

  for (guint j = 0; j < before->jurors->len; j++)
    {
      const char *id = ((JuryJuror *) g_ptr_array_index (before->jurors, j))->id;

      bea = g_str_equal (id, f->bea) ? j : bea;
      carl = g_str_equal (id, f->carl) ? j : carl;
      g_assert_false (jury_results_juror_is_uniform (before, j, NULL));
      g_assert_null (jury_results_describe_uniform_juror (before, j));
    }

  score (f, f->bea, "beta", 4, 4);
  /* Carl keeps one complete review: gamma's 1 and 1, alpha cleared. */
  apply_ok (f->store, jury_change_new_score (f->carl, "alpha", "reach", JURY_NO_SCORE));
  after = results_new (f, FALSE);
  g_assert_true (jury_results_juror_is_uniform (after, bea, &total));
  g_assert_cmpfloat (total, ==, 4);
  g_assert_cmpuint (after->stats->jurors[carl].n_complete, ==, 1);
  g_assert_false (jury_results_juror_is_uniform (after, carl, NULL));

  note = jury_results_describe_uniform_juror (after, bea);
  g_assert_nonnull (note);
  jury_test_assert_contains (note, TRICKY_NAME " gave the same total, 4.00, to all 2 submissions");
}

static void
test_format_leniency (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { NAN, "–" }, { 0.25, "+0.25" }, { -0.4, "-0.40" }, { 0, "+0.00" }, { 1.005e-3, "+0.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jury_format_leniency (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_decision_strings (void)
{
  static const struct { const char *text; gboolean ok; JuryDecision decision; } cases[] = {
    { "none", TRUE, JURY_DECISION_NONE },
    { "shortlist", TRUE, JURY_DECISION_SHORTLIST },
    { "award", TRUE, JURY_DECISION_AWARD },
    { "Award", FALSE, 0 },
    { "", FALSE, 0 },
    { "awards", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JuryDecision decision = 99;

      g_assert_cmpint (jury_decision_from_string (cases[i].text, &decision), ==, cases[i].ok);
      if (!cases[i].ok)
        continue;
      g_assert_cmpint (decision, ==, cases[i].decision);
      g_assert_cmpstr (jury_decision_to_string (decision), ==, cases[i].text);
    }
}

static void
test_agreement_words (void)
{
  static const struct { double alpha; const char *words; } cases[] = {
    { NAN, "cannot be measured" },
    { 1.0, "high" },
    { 0.8, "high" },
    { 0.7, "acceptable" },
    { 0.3, "low" },
    { 0.0, "low" },
    { -0.2, "below chance" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (jury_agreement_to_words (cases[i].alpha), ==, cases[i].words);
}

/* Compact results say the same, read the reviews of one submission at a time as
 * the whole results hold them, and do so in the snapshot they were read in. */
static void
test_compact (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JuryResults) whole = results_new (f, FALSE);
  g_autoptr(JuryResults) compact = NULL;
  g_autoptr(JuryStore) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *whole_json = jury_results_to_json (whole);
  g_autofree char *compact_json = NULL;
  g_autofree char *whole_text = jury_results_to_text (whole);
  g_autofree char *compact_text = NULL;
  guint n_jurors = whole->jurors->len;

  g_assert_true (jury_store_begin_read (f->store, &error));
  compact = jury_results_new_compact (f->store, NULL, &error);
  g_assert_no_error (error);
  compact_json = jury_results_to_json (compact);
  compact_text = jury_results_to_text (compact);
  g_assert_cmpstr (compact_json, ==, whole_json);
  g_assert_cmpstr (compact_text, ==, whole_text);
  g_assert_null (compact->reviews[0]);

  /* A comment saved meanwhile (through another connection) is another snapshot's. */
  writer = jury_store_open (f->path, &error);
  g_assert_no_error (error);
  apply_ok (writer, jury_change_new_comment (f->bea, "beta", NULL, "Later"));

  for (guint s = 0; s < compact->submissions->len; s++)
    {
      g_assert_true (jury_results_load_reviews (compact, s, &error));
      g_assert_no_error (error);
      for (guint j = 0; j < n_jurors; j++)
        {
          const JuryReview *review = compact->reviews[s * n_jurors + j];
          const JuryReview *expected = whole->reviews[s * n_jurors + j];

          g_assert_true ((review == NULL) == (expected == NULL));
          if (review == NULL)
            continue;
          g_assert_cmpstr (review->overall, ==, expected->overall);
          g_assert_cmpint (review->conflict, ==, expected->conflict);
          g_assert_cmpint (review->status, ==, expected->status);
          for (guint c = 0; c < review->n_criteria; c++)
            g_assert_cmpint (review->scores[c], ==, expected->scores[c]);
        }
    }
  jury_store_end_read (f->store);

  /* Results that hold every review have nothing to read. */
  g_assert_true (jury_results_load_reviews (whole, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (whole->reviews[0]->overall, ==, "Strong \"work\"");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/results/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/results/json-normalized", Fixture, NULL, fixture_set_up, test_json_normalized,
              fixture_tear_down);
  g_test_add ("/results/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/results/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/results/decisions", Fixture, NULL, fixture_set_up, test_decisions, fixture_tear_down);
  g_test_add ("/results/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/results/async-own-connection", Fixture, NULL, fixture_set_up, test_async_own_connection,
              fixture_tear_down);
  g_test_add ("/results/award-rows", Fixture, NULL, fixture_set_up, test_award_rows, fixture_tear_down);
  g_test_add ("/results/disagreement-threshold", Fixture, NULL, fixture_set_up,
              test_disagreement_threshold, fixture_tear_down);
  g_test_add ("/results/juror-table", Fixture, NULL, fixture_set_up, test_juror_table, fixture_tear_down);
  g_test_add ("/results/uniform-juror", Fixture, NULL, fixture_set_up, test_uniform_juror, fixture_tear_down);
  g_test_add ("/results/compact", Fixture, NULL, fixture_set_up, test_compact, fixture_tear_down);
  g_test_add_func ("/results/format-leniency", test_format_leniency);
  g_test_add_func ("/results/decision-strings", test_decision_strings);
  g_test_add_func ("/results/agreement-words", test_agreement_words);

  return g_test_run ();
}
