/* test-form.c: writing the scoring form and importing a filled one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-form"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "jury-csv.h"
#include "jury-form.h"
#include "jury-text.h"
#include "jury-test-util.h"

#define HEADER "submission_id,criterion_id,score,comment\r\n"

typedef struct
{
  char           *dir;
  JuryStore      *store;
  const JuryCall *call;
  char           *juror;
  char           *first;   /* the first and second submission's ids */
  char           *second;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) call_file = jury_test_sample_file ();
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = jury_test_make_tmp_dir ("test-form-XXXXXX");
  path = g_build_filename (f->dir, "juror.jury", NULL);

  f->store = jury_store_create (path, call_file, "Erika Mustermann", NULL, &error);
  g_assert_no_error (error);
  f->call = jury_store_get_call (f->store);
  f->juror = g_strdup (jury_store_get_sole_juror_id (f->store));

  rows = jury_store_list_submissions (f->store, f->juror, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 2);
  f->first = g_strdup (((JurySubmissionRow *) rows->pdata[0])->id);
  f->second = g_strdup (((JurySubmissionRow *) rows->pdata[1])->id);
  g_assert_cmpuint (f->call->criteria->len, >=, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  jury_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->juror);
  g_free (f->first);
  g_free (f->second);
}

static const char *
criterion_id (Fixture *f,
              guint    index)
{
  return ((JuryCriterion *) g_ptr_array_index (f->call->criteria, index))->id;
}

/* TEMPLATE with "{s}" standing for the first submission, "{t}" for the second and
 * "{c}", "{d}" for the first two criteria. */
static char *
expand (Fixture    *f,
        const char *template)
{
  GString *text = g_string_new (template);
  g_autofree char *too_long = g_strnfill (JURY_COMMENT_MAX_CHARS + 1, 'x');

  g_string_replace (text, "{long}", too_long, 0);
  g_string_replace (text, "{s}", f->first, 0);
  g_string_replace (text, "{t}", f->second, 0);
  g_string_replace (text, "{c}", criterion_id (f, 0), 0);
  g_string_replace (text, "{d}", criterion_id (f, 1), 0);
  return g_string_free (text, FALSE);
}

static gboolean
import_text (Fixture              *f,
             const char           *text,
             JuryFormImportStats  *stats,
             GError              **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return jury_form_import (f->store, f->juror, bytes, "form.csv", stats, error);
}

static GBytes *
write_form (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = jury_form_write (f->store, f->juror, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static JuryReview *
get_review (Fixture    *f,
            const char *submission_id)
{
  g_autoptr(GError) error = NULL;
  JuryReview *review = jury_store_get_review (f->store, f->juror, submission_id, &error);

  g_assert_no_error (error);
  return review;
}

static void
assert_verifies (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_store_verify (f->store, &error));
  g_assert_no_error (error);
}

static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = write_form (f);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_criteria = f->call->criteria->len;
  GStrv overall;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL),
                                   "\xEF\xBB\xBF" "submission_id,criterion_id,score,comment,"
                                   "submission_title,criterion_name\r\n"));

  rows = jury_csv_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + f->call->n_submissions * (n_criteria + 1));

  /* The first submission: its criteria in rubric order, then the overall row. */
  for (guint i = 0; i < n_criteria; i++)
    {
      GStrv row = rows->pdata[1 + i];

      g_assert_cmpstr (row[0], ==, f->first);
      g_assert_cmpstr (row[1], ==, criterion_id (f, i));
      g_assert_cmpstr (row[2], ==, "");
    }
  overall = rows->pdata[1 + n_criteria];
  g_assert_cmpstr (overall[0], ==, f->first);
  g_assert_cmpstr (overall[1], ==, "");
  g_assert_cmpstr (overall[2], ==, "");
  g_assert_cmpstr (((GStrv) rows->pdata[2 + n_criteria])[0], ==, f->second);
}

static void
test_unchanged (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = write_form (f);
  g_autoptr(GError) error = NULL;
  JuryFormImportStats stats = { 99, 99, 99 };
  guint n_audit = jury_store_get_audit_length (f->store, f->juror);

  g_assert_true (jury_form_import (f->store, f->juror, bytes, "form.csv", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_rows, ==, f->call->n_submissions * (f->call->criteria->len + 1));
  g_assert_cmpuint (stats.n_changes, ==, 0);
  g_assert_cmpuint (stats.n_done, ==, 0);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit);
}

/* Every criterion of the first submission scored, so its review is done; the
 * second declared a conflict of interest; comments with a comma, a quote, a line
 * break and a formula. */
static char *
build_filled_form (Fixture *f)
{
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  const char *cells[] = { "submission_id", "criterion_id", "score", "comment" };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    jury_csv_writer_add_text (writer, cells[i]);
  jury_csv_writer_end_row (writer);

  for (guint i = 0; i < f->call->criteria->len; i++)
    {
      jury_csv_writer_add_text (writer, f->first);
      jury_csv_writer_add_text (writer, criterion_id (f, i));
      jury_csv_writer_add_int (writer, f->call->scale_min + i % (f->call->scale_max - f->call->scale_min + 1));
      jury_csv_writer_add_text (writer, i == 0 ? "gut, aber \"knapp\"\nzweite Zeile" : "");
      jury_csv_writer_end_row (writer);
    }
  jury_csv_writer_add_text (writer, f->first);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_add_text (writer, "=HYPERLINK(\"http://example.org\")");
  jury_csv_writer_end_row (writer);

  jury_csv_writer_add_text (writer, f->second);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_add_text (writer, "conflict");
  jury_csv_writer_add_text (writer, "Ich berate dieses Netzwerk.");
  jury_csv_writer_end_row (writer);

  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = build_filled_form (f);
  g_autoptr(JuryReview) first = NULL;
  g_autoptr(JuryReview) second = NULL;
  g_autoptr(GError) error = NULL;
  guint n_criteria = f->call->criteria->len;
  JuryFormImportStats stats;
  guint n_audit = jury_store_get_audit_length (f->store, f->juror);

  g_assert_true (import_text (f, text, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_rows, ==, n_criteria + 2);
  /* The scores, two comments, a second overall comment and the conflict. */
  g_assert_cmpuint (stats.n_changes, ==, n_criteria + 4);
  g_assert_cmpuint (stats.n_done, ==, 1);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit + n_criteria + 5);

  first = get_review (f, f->first);
  for (guint i = 0; i < n_criteria; i++)
    g_assert_cmpint (first->scores[i], ==, f->call->scale_min + (int) (i % (f->call->scale_max - f->call->scale_min + 1)));
  g_assert_cmpstr (first->comments[0], ==, "gut, aber \"knapp\"\nzweite Zeile");
  g_assert_cmpstr (first->overall, ==, "=HYPERLINK(\"http://example.org\")");
  g_assert_true (first->done);
  g_assert_false (first->conflict);
  g_assert_cmpint (first->status, ==, JURY_REVIEW_DONE);

  second = get_review (f, f->second);
  g_assert_true (second->conflict);
  g_assert_cmpstr (second->overall, ==, "Ich berate dieses Netzwerk.");
  g_assert_cmpint (second->status, ==, JURY_REVIEW_CONFLICT);

  assert_verifies (f);

  /* The same form again changes nothing. */
  n_audit = jury_store_get_audit_length (f->store, f->juror);
  g_assert_true (import_text (f, text, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changes, ==, 0);
  g_assert_cmpuint (stats.n_done, ==, 0);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit);
}

/* Lifting a conflict and scoring in one form: the conflict must go first. */
static void
test_lift_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *conflict = expand (f, HEADER "{s},,conflict,\r\n");
  g_autofree char *scores = expand (f, HEADER "{s},,,\r\n{s},{c},2,\r\n");
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  JuryFormImportStats stats;

  g_assert_true (import_text (f, conflict, &stats, &error));
  g_assert_no_error (error);
  g_assert_true (import_text (f, scores, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changes, ==, 2);

  review = get_review (f, f->first);
  g_assert_false (review->conflict);
  g_assert_cmpint (review->scores[0], ==, 2);
  assert_verifies (f);
}

/* A declared conflict keeps the scores it locks: the form shows them, an unchanged
 * form leaves them, a changed score is refused and an emptied one is cleared. */
static void
test_conflict_keeps_scores (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *score = expand (f, HEADER "{s},{c},4,\r\n");
  g_autofree char *conflict = expand (f, HEADER "{s},,conflict,\r\n");
  g_autofree char *changed = expand (f, HEADER "{s},{d},,\r\n{s},{c},5,\r\n{s},,conflict,\r\n");
  g_autofree char *cleared = expand (f, HEADER "{s},,conflict,\r\n{s},{c},,\r\n");
  g_autofree char *repeated = expand (f, HEADER "{s},{c},4,\r\n");
  g_autofree char *unannounced = expand (f, HEADER "{s},{c},4,\r\n{s},{d},3,\r\n");
  g_autoptr(GBytes) form = NULL;
  g_autoptr(JuryReview) kept = NULL;
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  JuryFormImportStats stats;
  guint n_audit;

  g_assert_true (import_text (f, score, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (import_text (f, conflict, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changes, ==, 1);
  kept = get_review (f, f->first);
  g_assert_true (kept->conflict);
  g_assert_cmpint (kept->scores[0], ==, 4);

  form = write_form (f);
  n_audit = jury_store_get_audit_length (f->store, f->juror);
  g_assert_true (jury_form_import (f->store, f->juror, form, "form.csv", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changes, ==, 0);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit);

  g_assert_false (import_text (f, changed, NULL, &error));
  g_assert_error (error, JURY_FORM_ERROR, JURY_FORM_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "form.csv:3: "));
  g_assert_nonnull (strstr (error->message, "(line 4)"));
  g_clear_error (&error);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit);

  /* Without an overall row the conflict in the database stands: the same score
   * may come again, a new one is refused with its line. */
  g_assert_true (import_text (f, repeated, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changes, ==, 0);
  g_assert_false (import_text (f, unannounced, NULL, &error));
  g_assert_error (error, JURY_FORM_ERROR, JURY_FORM_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "form.csv:3: "));
  g_assert_nonnull (strstr (error->message, "declared in the database"));
  g_clear_error (&error);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit);

  g_assert_true (import_text (f, cleared, NULL, &error));
  g_assert_no_error (error);
  review = get_review (f, f->first);
  g_assert_true (review->conflict);
  g_assert_cmpint (review->scores[0], ==, JURY_NO_SCORE);
  assert_verifies (f);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  /* Lines 2 and 3 are always valid changes, to show that nothing is applied. */
  static const struct {
    const char *rows;
    int         code;
    guint       line;
    const char *says;
  } cases[] = {
    { "nope,{c},3,\r\n", JURY_FORM_ERROR_UNKNOWN, 4, "unknown submission \"nope\"" },
    { "{s},xyz,3,\r\n", JURY_FORM_ERROR_UNKNOWN, 4, "unknown criterion \"xyz\" for submission \"{s}\"" },
    { "{t},{c},0,\r\n", JURY_FORM_ERROR_VALUE, 4, "\"0\"" },
    { "{t},{c},6,\r\n", JURY_FORM_ERROR_VALUE, 4, "\"6\"" },
    { "{t},{c},abc,\r\n", JURY_FORM_ERROR_VALUE, 4, "\"abc\"" },
    { "{t},{c},3.5,\r\n", JURY_FORM_ERROR_VALUE, 4, "\"3.5\"" },
    { "{t},{c},\"3,5\",\r\n", JURY_FORM_ERROR_VALUE, 4, "\"3,5\"" },
    { "{t},{c},conflict,\r\n", JURY_FORM_ERROR_VALUE, 4, "overall row" },
    { "{t},,maybe,\r\n", JURY_FORM_ERROR_VALUE, 4, "\"maybe\"" },
    { "{t},{c},3,\r\n{t},{d},,\r\n{t},,conflict,\r\n", JURY_FORM_ERROR_CONFLICT, 4, "conflict of interest (line 6)" },
    { "{t},,conflict,\r\n{t},{d},4,\r\n", JURY_FORM_ERROR_CONFLICT, 5, "conflict of interest (line 4)" },
    { "{t},{c},3,\r\n{t},{c},4,\r\n", JURY_FORM_ERROR_DUPLICATE, 5, "line 4" },
    { "{s},,,again\r\n", JURY_FORM_ERROR_DUPLICATE, 4, "line 3" },
    { ",{c},3,\r\n", JURY_FORM_ERROR_SYNTAX, 4, "submission_id" },
    { "{t},{c},3,\"open\r\n", JURY_FORM_ERROR_SYNTAX, 4, "quote" },
    { "{t},{c},3,\xff\r\n", JURY_FORM_ERROR_SYNTAX, 4, "UTF-8" },
    { "{t},{c},3,ring\a\r\n", JURY_FORM_ERROR_VALUE, 4,
      "the comment on “{c}” for “{t}” contains the control character U+0007" },
    { "{t},,,\"\x1b]0;owned\x07\"\r\n", JURY_FORM_ERROR_VALUE, 4,
      "the overall comment on “{t}” contains the control character U+001B" },
    { "{t},,,gut \xe2\x80\xae" "teg\r\n", JURY_FORM_ERROR_VALUE, 4,
      "the overall comment on “{t}” contains the bidirectional control character U+202E" },
    { "{t},,,{long}\r\n", JURY_FORM_ERROR_VALUE, 4,
      "the overall comment on “{t}” has 20001 characters; at most 20000 are allowed" },
  };
  g_autoptr(GBytes) before = write_form (f);
  guint n_audit = jury_store_get_audit_length (f->store, f->juror);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *template = NULL;
      g_autofree char *text = NULL;
      g_autofree char *says = expand (f, cases[i].says);
      g_autofree char *prefix = g_strdup_printf ("form.csv:%u: ", cases[i].line);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;

      template = g_strconcat (HEADER, "{s},{c},4,\r\n{s},,,Gesamt\r\n", cases[i].rows, NULL);
      text = expand (f, template);
      g_test_message ("case %u: %s", i, text);

      g_assert_false (import_text (f, text, NULL, &error));
      g_assert_error (error, JURY_FORM_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, says));

      g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, n_audit);
      after = write_form (f);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_unknown_juror (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = expand (f, HEADER "{s},{c},3,\r\n");
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) form = NULL;
  g_autoptr(GError) error = NULL;

  form = jury_form_write (f->store, "nobody", &error);
  g_assert_null (form);
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“nobody”"));
  g_clear_error (&error);

  g_assert_false (jury_form_import (f->store, "nobody", bytes, "form.csv", NULL, &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (jury_store_get_audit_length (f->store, NULL), ==, 0);
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  static const char * const texts[] = {
    "",
    "{s},{c},3,\r\n",
    "submission_id,criterion_id,score\r\n{s},{c},3\r\n",
    "submission,criterion,score,comment\r\n{s},{c},3,\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = expand (f, texts[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f, text, NULL, &error));
      g_assert_error (error, JURY_FORM_ERROR, JURY_FORM_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "form.csv:1: "));
      g_assert_nonnull (strstr (error->message, "submission_id,criterion_id,score,comment"));
    }

  g_assert_cmpuint (jury_store_get_audit_length (f->store, f->juror), ==, 0);
}

/* A juror's comment that looks like a formula survives the form both ways. */
static void
test_formula_comment (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JuryChange) change = jury_change_new_comment (f->juror, f->first, criterion_id (f, 0), "=cmd|' /C calc'!A0");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  JuryFormImportStats stats;

  g_assert_true (jury_store_apply_one (f->store, change, &error));
  g_assert_no_error (error);

  bytes = write_form (f);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), ",'=cmd|' /C calc'!A0,"));

  g_assert_true (jury_form_import (f->store, f->juror, bytes, "form.csv", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changes, ==, 0);

  review = get_review (f, f->first);
  g_assert_cmpstr (review->comments[0], ==, "=cmd|' /C calc'!A0");
}

/* As a spreadsheet in a German locale saves it: semicolons, more columns, a
 * BOM, blank rows and cells trimmed of nothing but the score's spaces. */
static void
test_semicolons (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = expand (f,
    "\xEF\xBB\xBF" "submission_id;criterion_id;score;comment;submission_title\r\n"
    "{s};{c}; 5 ;\"gut; sehr gut, wirklich\";Titel\r\n"
    ";;;;\r\n"
    "{s};;;Gesamt\r\n");
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  JuryFormImportStats stats;

  g_assert_true (import_text (f, text, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_rows, ==, 2);
  g_assert_cmpuint (stats.n_changes, ==, 3);

  review = get_review (f, f->first);
  g_assert_cmpint (review->scores[0], ==, 5);
  g_assert_cmpstr (review->comments[0], ==, "gut; sehr gut, wirklich");
  g_assert_cmpstr (review->overall, ==, "Gesamt");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/form/write", test_write);
  ADD ("/form/import/unchanged", test_unchanged);
  ADD ("/form/import/edit", test_edit);
  ADD ("/form/import/lift-conflict", test_lift_conflict);
  ADD ("/form/unknown-juror", test_unknown_juror);
  ADD ("/form/import/conflict-keeps-scores", test_conflict_keeps_scores);
  ADD ("/form/import/refusals", test_refusals);
  ADD ("/form/import/header", test_header);
  ADD ("/form/import/formula-comment", test_formula_comment);
  ADD ("/form/import/semicolons", test_semicolons);
#undef ADD

  return g_test_run ();
}
