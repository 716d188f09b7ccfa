/* test-export.c: the results as CSV, XLSX and a PDF dossier, and the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-csv.h"
#include "jury-chart.h"
#include "jury-export.h"
#include "jury-export-xlsx.h"
#include "jury-report.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"
#include "jury-test-util.h"

#define N_CRITERIA   2
#define N_JURORS     3
#define N_SUBMISSIONS 4
#define CONFLICT     (-1)
#define END_MARK     "ENDOFTHELONGCOMMENT"

/* Names in one order, ids in another: anonymous labels must follow the ids. */
static const char * const juror_names[N_JURORS] = { "Ada Lovelace", "Grace Hopper", "Alan Turing" };
static const char * const juror_ids[N_JURORS] = { "c-id", "a-id", "b-id" };
static const char * const surnames[N_JURORS] = { "Lovelace", "Hopper", "Turing" };

static const struct
{
  const char *id;
  const char *title;
  const char *region;
  int         scores[N_JURORS][N_CRITERIA];  /* CONFLICT in the first: a conflict */
} submissions[N_SUBMISSIONS] = {
  { "one", "=HYPERLINK(\"x\")", "Ost", { { 4, 4 }, { 3, 4 }, { 4, 3 } } },
  { "two", "Zwei – Grüße", NULL, { { 2, 2 }, { 1, 1 }, { CONFLICT, 0 } } },
  { "three", "Three, with \"quotes\"", "Süd", { { 3, 3 }, { 4, 2 }, { 1, JURY_NO_SCORE } } },
  { "four", "Four nobody scored", NULL,
    { { JURY_NO_SCORE, JURY_NO_SCORE }, { JURY_NO_SCORE, JURY_NO_SCORE },
      { JURY_NO_SCORE, JURY_NO_SCORE } } },
};

typedef struct
{
  char        *dir;
  JuryResults *results;
} Fixture;

static JuryCall *
build_call (void)
{
  static const struct { const char *id; const char *name; double weight; } criteria[] = {
    { "clarity", "Clarity", 1 },
    { "impact", "Impact & reach", 3 },
  };
  JuryCall *call = jury_call_new ();

  call->id = g_strdup ("export");
  call->title = g_strdup ("Export <test> call");
  call->theme = g_strdup ("Printing & more");
  call->awards = 1;
  call->scale_min = 1;
  call->scale_max = 4;
  call->n_submissions = N_SUBMISSIONS;
  for (guint c = 0; c < N_CRITERIA; c++)
    {
      JuryCriterion *criterion = jury_criterion_new ();

      criterion->id = g_strdup (criteria[c].id);
      criterion->name = g_strdup (criteria[c].name);
      criterion->weight = criteria[c].weight;
      g_ptr_array_add (call->criteria, criterion);
    }

  return call;
}

static JuryReview *
build_review (guint s,
              guint j)
{
  const int *scores = submissions[s].scores[j];
  JuryReview *review;

  if (scores[0] == JURY_NO_SCORE)
    return NULL;

  review = jury_review_new (juror_ids[j], submissions[s].id, N_CRITERIA);
  review->conflict = scores[0] == CONFLICT;
  for (guint c = 0; c < N_CRITERIA && !review->conflict; c++)
    review->scores[c] = scores[c];

  return review;
}

/* The comments: a short one, and one long enough to continue over pages. */
static void
add_comments (JuryResults *results)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  JuryReview *ada_one = results->reviews[0 * N_JURORS + 0];
  JuryReview *grace_one = results->reviews[0 * N_JURORS + 1];

  for (guint i = 0; i < 500; i++)
    g_string_append (long_text, "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ");
  g_string_append (long_text, END_MARK);

  ada_one->comments[0] = g_strdup ("Clear <b>and</b> simple");
  ada_one->overall = g_string_free (g_steal_pointer (&long_text), FALSE);
  grace_one->overall = g_strdup ("=1+1 is what a spreadsheet must not run");
}

static JuryStats *
compute_stats (const JuryResults *results)
{
  double weights[N_CRITERIA];
  const char *ids[N_SUBMISSIONS];
  int scores[N_SUBMISSIONS * N_JURORS * N_CRITERIA];
  gboolean conflicts[N_SUBMISSIONS * N_JURORS];
  JuryStatsInput input = { 0 };

  for (guint c = 0; c < N_CRITERIA; c++)
    weights[c] = ((JuryCriterion *) g_ptr_array_index (results->call->criteria, c))->weight;
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    ids[s] = submissions[s].id;
  for (guint r = 0; r < N_SUBMISSIONS * N_JURORS; r++)
    {
      const JuryReview *review = results->reviews[r];

      conflicts[r] = review != NULL && review->conflict;
      for (guint c = 0; c < N_CRITERIA; c++)
        scores[r * N_CRITERIA + c] = review != NULL ? review->scores[c] : JURY_NO_SCORE;
    }

  jury_stats_input_init (&input);
  input.n_criteria = N_CRITERIA;
  input.weights = weights;
  input.scale_min = results->call->scale_min;
  input.scale_max = results->call->scale_max;
  input.n_jurors = N_JURORS;
  input.n_submissions = N_SUBMISSIONS;
  input.submission_ids = ids;
  input.n_awards = results->call->awards;
  input.scores = scores;
  input.conflicts = conflicts;

  return jury_stats_compute (&input);
}

/* A JuryResults as jury_results_new() makes it, built without a database. */
static JuryResults *
build_results (void)
{
  JuryResults *results = g_new0 (JuryResults, 1);

  results->call = build_call ();
  results->jurors = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_free);
  for (guint j = 0; j < N_JURORS; j++)
    g_ptr_array_add (results->jurors, jury_juror_new (juror_ids[j], juror_names[j]));

  results->submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_row_free);
  results->reviews = g_new0 (JuryReview *, N_SUBMISSIONS * N_JURORS);
  results->decisions = g_new0 (JuryDecision, N_SUBMISSIONS);
  results->notes = g_new0 (char *, N_SUBMISSIONS);
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    {
      JurySubmissionRow *row = g_new0 (JurySubmissionRow, 1);

      row->position = s;
      row->id = g_strdup (submissions[s].id);
      row->title = g_strdup (submissions[s].title);
      row->region = g_strdup (submissions[s].region);
      g_ptr_array_add (results->submissions, row);
      for (guint j = 0; j < N_JURORS; j++)
        results->reviews[s * N_JURORS + j] = build_review (s, j);
    }

  add_comments (results);
  results->decisions[0] = JURY_DECISION_AWARD;
  results->notes[0] = g_strdup ("Unanimous");
  results->decisions[2] = JURY_DECISION_SHORTLIST;
  results->stats = compute_stats (results);

  return results;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = jury_test_make_tmp_dir ("test-export-XXXXXX");
  f->results = build_results ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jury_results_free (f->results);
  jury_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
export_ok (Fixture          *f,
           JuryExportFormat  format,
           gboolean          anonymous,
           const char       *name)
{
  JuryExportOptions options = { anonymous };
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (jury_export_write (f->results, format, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Without spaces, line breaks and hyphens, which a PDF's text extraction may move. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '-' && c != 0x00AD)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = NULL;

  if (!jury_test_run_tool (argv, &text))
    return NULL;

  return squeeze (text);
}

static void
assert_has (const char *squeezed,
            const char *text,
            gboolean    present)
{
  g_autofree char *wanted = squeeze (text);

  if ((strstr (squeezed, wanted) != NULL) != present)
    g_error ("the PDF %s “%s”", present ? "lacks" : "contains", text);
}

static void
test_formats (void)
{
  static const struct { const char *text; gboolean ok; JuryExportFormat format; } cases[] = {
    { "csv", TRUE, JURY_EXPORT_CSV },
    { "xlsx", TRUE, JURY_EXPORT_XLSX },
    { "PDF", TRUE, JURY_EXPORT_PDF },
    { "xls", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JuryExportFormat format = 99;

      g_assert_cmpint (jury_export_format_from_string (cases[i].text, &format), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (format, ==, cases[i].format);
    }
}

static void
assert_label (const JuryResults *results,
              guint              juror,
              const char        *expected)
{
  JuryExportOptions anonymous = { TRUE };
  g_autofree char *label = jury_export_juror_label (results, juror, &anonymous);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_free);
  GPtrArray *three = f->results->jurors;
  static const char * const expected[N_JURORS] = { "Juror C", "Juror A", "Juror B" };

  for (guint j = 0; j < N_JURORS; j++)
    {
      g_autofree char *name = jury_export_juror_label (f->results, j, NULL);

      g_assert_cmpstr (name, ==, juror_names[j]);
      assert_label (f->results, j, expected[j]);
    }

  /* Past Z the letters go on as spreadsheet columns do. */
  for (guint j = 0; j < 28; j++)
    {
      g_autofree char *id = g_strdup_printf ("id-%02u", j);

      g_ptr_array_add (many, jury_juror_new (id, "Someone"));
    }
  f->results->jurors = many;
  assert_label (f->results, 25, "Juror Z");
  assert_label (f->results, 26, "Juror AA");
  assert_label (f->results, 27, "Juror AB");
  f->results->jurors = three;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = export_ok (f, JURY_EXPORT_CSV, FALSE, "ranking.csv");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  gsize length;
  guint mean_column = 0;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  rows = jury_csv_parse (text, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + N_SUBMISSIONS);

  header = g_strdupv (g_ptr_array_index (rows, 0));
  while (g_strcmp0 (header[mean_column], "mean") != 0)
    mean_column++;

  for (guint s = 0; s < N_SUBMISSIONS; s++)
    {
      gboolean found = FALSE;

      for (guint r = 1; r < rows->len; r++)
        {
          char **cells = g_ptr_array_index (rows, r);
          g_autofree char *title = jury_csv_unguard (cells[2]);
          char *end;

          if (g_strcmp0 (cells[1], submissions[s].id) != 0)
            continue;
          found = TRUE;
          g_assert_cmpstr (title, ==, submissions[s].title);
          if (cells[mean_column][0] != '\0')
            {
              double mean = g_ascii_strtod (cells[mean_column], &end);

              g_assert_cmpstr (end, ==, "");
              g_assert_cmpfloat_with_epsilon (mean, f->results->stats->submissions[s].mean, 1e-8);
            }
          else
            g_assert_cmpuint (f->results->stats->submissions[s].n, ==, 0);
        }
      g_assert_true (found);
    }

  /* The formula is guarded; no juror is named in the ranking. */
  g_assert_nonnull (strstr (text, "'=HYPERLINK"));
  for (guint j = 0; j < N_JURORS; j++)
    g_assert_null (strstr (text, surnames[j]));
}

/* The language the exports speak: English, or German with LANGUAGE=de (the test
 * "export-de"). */
static gboolean
in_german (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "de");
}

static void
check_xlsx (Fixture    *f,
            const char *path,
            gboolean    anonymous)
{
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-export-xlsx.py", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree guint *order = NULL;

  /* The Python that meson found, which has the system's openpyxl. */
  g_strv_builder_add_many (builder, g_getenv ("JURY_DESK_PYTHON"), checker, path,
                           "--award-rows", "1", "--language", in_german () ? "de" : "en", NULL);
  /* The criteria by their names, not their ids. */
  for (guint c = 0; c < f->results->call->criteria->len; c++)
    g_strv_builder_add_many (builder, "--criterion",
                             ((JuryCriterion *) g_ptr_array_index (f->results->call->criteria, c))->name,
                             NULL);
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    g_strv_builder_add_many (builder, "--submission", submissions[s].id, NULL);
  if (anonymous)
    {
      g_autofree char *a = jury_export_juror_label (f->results, 1, &(JuryExportOptions) { TRUE });
      g_autofree char *b = jury_export_juror_label (f->results, 2, &(JuryExportOptions) { TRUE });
      g_autofree char *c = jury_export_juror_label (f->results, 0, &(JuryExportOptions) { TRUE });

      g_strv_builder_add_many (builder, "--juror", a, "--juror", b, "--juror", c, NULL);
      for (guint j = 0; j < N_JURORS; j++)
        g_strv_builder_add_many (builder, "--absent", surnames[j], NULL);
    }
  else
    g_strv_builder_add_many (builder, "--juror", "Ada Lovelace", "--juror", "Alan Turing",
                             "--juror", "Grace Hopper", NULL);
  argv = g_strv_builder_end (builder);

  jury_test_run_tool ((const char * const *) argv, &out);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *named = export_ok (f, JURY_EXPORT_XLSX, FALSE, "results.xlsx");
  g_autofree char *anonymous = export_ok (f, JURY_EXPORT_XLSX, TRUE, "anonymous.xlsx");

  check_xlsx (f, named, FALSE);
  if (!g_test_failed ())
    check_xlsx (f, anonymous, TRUE);
}

/* The spreadsheet written row by row (libxlsxwriter's constant memory) holds
 * every cell as the one kept whole in memory did, in German too. */
static void
test_xlsx_streamed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-export-xlsx.py", NULL);
  g_autofree char *streamed = export_ok (f, JURY_EXPORT_XLSX, FALSE, "streamed.xlsx");
  g_autofree char *in_memory = g_build_filename (f->dir, "in-memory.xlsx", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;

  g_assert_true (jury_export_write_xlsx_in_memory (f->results, NULL, in_memory, &error));
  g_assert_no_error (error);

  g_strv_builder_add_many (builder, g_getenv ("JURY_DESK_PYTHON"), checker, streamed,
                           "--language", in_german () ? "de" : "en",
                           "--same-as", in_memory, "--streamed", NULL);
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    g_strv_builder_add_many (builder, "--submission", submissions[s].id, NULL);
  argv = g_strv_builder_end (builder);
  jury_test_run_tool ((const char * const *) argv, &out);
}

/* A text longer than a cell holds is cut, and the cell says so. */
static void
test_xlsx_long_cell (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-export-xlsx.py", NULL);
  JuryReview *review = f->results->reviews[0];
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *out = NULL;
  GString *text = g_string_new (NULL);

  /* An older file's comment, from before comments had a limit. */
  while (text->len < 40000)
    g_string_append (text, "Ein sehr langer Kommentar über die Arbeit des Netzwerks. ");
  g_free (review->overall);
  review->overall = g_string_free (text, FALSE);

  mark = g_strdup_printf (" […] (cut: a cell holds 32767 characters, the whole text has %ld)",
                          g_utf8_strlen (review->overall, -1));
  path = export_ok (f, JURY_EXPORT_XLSX, FALSE, "long.xlsx");

  g_strv_builder_add_many (builder, g_getenv ("JURY_DESK_PYTHON"), checker, path, "--cut-mark", mark, NULL);
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    g_strv_builder_add_many (builder, "--submission", submissions[s].id, NULL);
  argv = g_strv_builder_end (builder);
  jury_test_run_tool ((const char * const *) argv, &out);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *named = export_ok (f, JURY_EXPORT_PDF, FALSE, "dossier.pdf");
  g_autofree char *anonymous = export_ok (f, JURY_EXPORT_PDF, TRUE, "anonymous.pdf");
  g_autofree char *text = pdf_text (named);
  g_autofree char *anonymous_text = NULL;

  if (text == NULL)
    return;

  /* Every submission, the call's text as it is, the end of a comment that took
   * several pages. */
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    assert_has (text, submissions[s].title, TRUE);
  assert_has (text, "Export <test> call", TRUE);
  assert_has (text, "Clear <b>and</b> simple", TRUE);
  assert_has (text, END_MARK, TRUE);
  assert_has (text, "Unanimous", TRUE);
  for (guint j = 0; j < N_JURORS; j++)
    assert_has (text, juror_names[j], TRUE);

  /* People's words: the criteria by their names, the window's words for the
   * statistics; never the ids the CSV uses. */
  assert_has (text, "Impact & reach", TRUE);
  assert_has (text, "p_top", FALSE);
  assert_has (text, "impact", FALSE);
  if (in_german ())
    {
      assert_has (text, "Rangliste", TRUE);
      assert_has (text, "Punktzahlen", TRUE);
      assert_has (text, "Jurymitglied", TRUE);
    }
  else
    {
      assert_has (text, "award chance 100 %", TRUE);
      assert_has (text, "Ranking", TRUE);
      assert_has (text, "Juror", TRUE);
    }

  anonymous_text = pdf_text (anonymous);
  for (guint s = 0; s < N_SUBMISSIONS; s++)
    assert_has (anonymous_text, submissions[s].title, TRUE);
  for (guint j = 0; j < N_JURORS; j++)
    assert_has (anonymous_text, surnames[j], FALSE);
  if (!in_german ())
    {
      assert_has (anonymous_text, "Juror A", TRUE);
      assert_has (anonymous_text, "Juror C", TRUE);
    }
}

/* Two submissions tie at the last award place: the dossier and the text say how
 * many candidates there are for how many awards, and say nothing without a tie. */
static void
test_award_tie (Fixture       *f,
                gconstpointer  data)
{
  JuryStats *stats = f->results->stats;
  g_autofree char *untied = jury_results_describe_award_places (f->results);
  g_autofree char *untied_text = jury_results_to_text (f->results);
  g_autofree char *places = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;

  g_assert_null (untied);
  g_assert_null (strstr (untied_text, "candidates"));

  /* "one" and "three" share the first place, and there is one award. */
  g_assert_cmpuint (f->results->call->awards, ==, 1);
  g_assert_cmpuint (stats->submissions[stats->order[1]].rank, ==, 2);
  stats->submissions[stats->order[1]].rank = 1;
  g_assert_cmpuint (jury_results_count_award_rows (f->results), ==, 2);

  places = jury_results_describe_award_places (f->results);
  g_assert_cmpstr (places, ==, "A tie at the last award place: 2 candidates for 1 award.");
  text = jury_results_to_text (f->results);
  g_assert_nonnull (strstr (text, places));

  path = export_ok (f, JURY_EXPORT_PDF, FALSE, "tie.pdf");
  if ((pdf = pdf_text (path)) == NULL)
    return;
  assert_has (pdf, "2 candidates for 1 award", TRUE);
}

/* Three candidates for two awards: the plural. */
static void
test_award_tie_plural (void)
{
  g_autoptr(JuryResults) results = build_results ();
  JuryStats *stats = results->stats;
  g_autofree char *places = NULL;

  results->call->awards = 2;
  g_assert_cmpuint (stats->submissions[stats->order[2]].rank, ==, 3);
  stats->submissions[stats->order[2]].rank = 2;
  places = jury_results_describe_award_places (results);
  g_assert_cmpstr (places, ==, "A tie at the last award place: 3 candidates for 2 awards.");
}

/* One submission scored by two jurors on N_CRITERIA criteria, criterion c weighted
 * c + 1 and scored (c % 4) + 1 by the first juror, 4 by the second. */
static JuryResults *
build_wide_results (guint n_criteria)
{
  JuryResults *results = g_new0 (JuryResults, 1);
  JurySubmissionRow *row = g_new0 (JurySubmissionRow, 1);
  g_autofree double *weights = g_new (double, n_criteria);
  g_autofree int *scores = g_new (int, 2 * n_criteria);
  const char *ids[] = { "wide" };
  const gboolean conflicts[2] = { FALSE, FALSE };
  JuryStatsInput input;

  results->call = jury_call_new ();
  results->call->id = g_strdup ("wide");
  results->call->title = g_strdup ("A wide rubric");
  results->call->awards = 1;
  results->call->scale_min = 1;
  results->call->scale_max = 4;
  results->call->n_submissions = 1;
  results->jurors = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_free);
  results->submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_row_free);
  results->reviews = g_new0 (JuryReview *, 2);
  results->decisions = g_new0 (JuryDecision, 1);
  results->notes = g_new0 (char *, 1);
  row->id = g_strdup ("wide");
  row->title = g_strdup ("Many criteria");
  g_ptr_array_add (results->submissions, row);

  for (guint j = 0; j < 2; j++)
    {
      g_ptr_array_add (results->jurors, jury_juror_new (juror_ids[j], juror_names[j]));
      results->reviews[j] = jury_review_new (juror_ids[j], "wide", n_criteria);
    }
  for (guint c = 0; c < n_criteria; c++)
    {
      JuryCriterion *criterion = jury_criterion_new ();

      criterion->id = g_strdup_printf ("c%u", c + 1);
      criterion->name = g_strdup_printf ("Criterion%u", c + 1);
      criterion->weight = weights[c] = c + 1;
      g_ptr_array_add (results->call->criteria, criterion);
      results->reviews[0]->scores[c] = scores[c] = c % 4 + 1;
      results->reviews[1]->scores[c] = scores[n_criteria + c] = 4;
    }

  memset (&input, 0, sizeof input);
  jury_stats_input_init (&input);
  input.n_criteria = n_criteria;
  input.weights = weights;
  input.scale_min = 1;
  input.scale_max = 4;
  input.n_jurors = 2;
  input.n_submissions = 1;
  input.submission_ids = ids;
  input.n_awards = 1;
  input.scores = scores;
  input.conflicts = conflicts;
  results->stats = jury_stats_compute (&input);

  return results;
}

/* A rubric wider than the page continues in further blocks: every criterion's
 * column is there, with its scores, and the total once. */
static void
test_pdf_wide_rubric (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "wide.pdf", NULL);
  g_autoptr(JuryResults) wide = build_wide_results (20);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (jury_export_write (wide, JURY_EXPORT_PDF, NULL, path, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (path)) == NULL)
    return;

  for (guint c = 0; c < 20; c++)
    {
      g_autofree char *header = g_strdup_printf ("%u (×%u)", c + 1, c + 1);
      g_autofree char *legend = g_strdup_printf ("%u Criterion%u", c + 1, c + 1);

      assert_has (text, header, TRUE);
      assert_has (text, legend, TRUE);
    }
  /* The first juror's scores of criteria 15 to 20, in the last block. */
  assert_has (text, "Ada Lovelace 3 4 1 2 3 4", TRUE);
}

static guint
paginate (const JuryResults *results,
          double             width,
          double             height)
{
  g_autoptr(JuryReport) report = jury_report_new (results, NULL);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  guint n_pages = jury_report_paginate (report, cr, width, height);

  for (guint page = 0; page < n_pages; page++)
    jury_report_draw_page (report, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* Paginating again starts afresh. */
  g_assert_cmpuint (jury_report_paginate (report, cr, width, height), ==, n_pages);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n_pages;
}

/* Ranking, one page per submission (one of them continued twice at least), the jury;
 * a smaller page needs more pages. */
static void
test_report_pages (Fixture       *f,
                   gconstpointer  data)
{
  guint a4 = paginate (f->results, 595.28, 841.89);
  guint letter = paginate (f->results, 612, 792);
  guint a5 = paginate (f->results, 420.94, 595.28);

  g_assert_cmpuint (a4, >=, 1 + N_SUBMISSIONS + 2 + 1);
  g_assert_cmpuint (letter, >=, 1 + N_SUBMISSIONS + 2 + 1);
  g_assert_cmpuint (a5, >, a4);
}

/* A panel of N_MANY submissions and M_MANY jurors: a ranking over several pages,
 * submissions of one page and of several (long comments), ties and conflicts. */
#define N_MANY 150
#define M_MANY 6

static JuryResults *
build_many_results (void)
{
  JuryResults *results = g_new0 (JuryResults, 1);
  gsize n_reviews = (gsize) N_MANY * M_MANY;
  g_autofree double *weights = g_new (double, N_CRITERIA);
  g_autofree const char **ids = g_new (const char *, N_MANY);
  g_autofree int *scores = g_new (int, n_reviews * N_CRITERIA);
  g_autofree gboolean *conflicts = g_new0 (gboolean, n_reviews);
  JuryStatsInput input = { 0 };

  results->call = build_call ();
  results->call->awards = 5;
  results->jurors = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_free);
  for (guint j = 0; j < M_MANY; j++)
    {
      g_autofree char *id = g_strdup_printf ("juror-%u", j);
      g_autofree char *name = g_strdup_printf ("Juror Nummer %u", j + 1);

      g_ptr_array_add (results->jurors, jury_juror_new (id, name));
    }

  results->submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_row_free);
  results->reviews = g_new0 (JuryReview *, n_reviews);
  results->decisions = g_new0 (JuryDecision, N_MANY);
  results->notes = g_new0 (char *, N_MANY);
  for (guint s = 0; s < N_MANY; s++)
    {
      JurySubmissionRow *row = g_new0 (JurySubmissionRow, 1);

      row->position = s;
      row->id = g_strdup_printf ("s%03u", s);
      row->title = g_strdup_printf ("Einreichung %u über Größe", s);
      row->region = s % 3 == 0 ? NULL : g_strdup_printf ("Region %u", s % 7);
      g_ptr_array_add (results->submissions, row);
      ids[s] = row->id;

      for (guint j = 0; j < M_MANY; j++)
        {
          gsize r = (gsize) s * M_MANY + j;
          const JuryJuror *juror = g_ptr_array_index (results->jurors, j);
          JuryReview *review = jury_review_new (juror->id, row->id, N_CRITERIA);

          review->conflict = conflicts[r] = (s + j) % 17 == 0;
          for (guint c = 0; c < N_CRITERIA; c++)
            {
              review->scores[c] = review->conflict ? JURY_NO_SCORE : 1 + (s * 7 + j * 3 + c) % 4;
              scores[r * N_CRITERIA + c] = review->scores[c];
            }
          /* Every seventh submission's comments run over pages. */
          if ((s + j) % 4 == 0)
            {
              g_autoptr(GString) text = g_string_new (NULL);

              for (guint i = 0; i < (s % 7 == 0 ? 60u : 1 + j); i++)
                g_string_append_printf (text, "Kommentar %u zu %u: eine Zeile Text. ", i, s);
              review->overall = g_string_free (g_steal_pointer (&text), FALSE);
            }
          if ((s + j) % 5 == 1)
            review->comments[0] = g_strdup_printf ("Klar (%u)", j);
          results->reviews[r] = review;
        }
    }

  for (guint c = 0; c < N_CRITERIA; c++)
    weights[c] = ((JuryCriterion *) g_ptr_array_index (results->call->criteria, c))->weight;
  jury_stats_input_init (&input);
  input.n_criteria = N_CRITERIA;
  input.weights = weights;
  input.scale_min = results->call->scale_min;
  input.scale_max = results->call->scale_max;
  input.n_jurors = M_MANY;
  input.n_submissions = N_MANY;
  input.submission_ids = ids;
  input.n_awards = results->call->awards;
  input.scores = scores;
  input.conflicts = conflicts;
  results->stats = jury_stats_compute (&input);

  return results;
}

/* A checksum of PAGE drawn small. */
static char *
draw_page_checksum (JuryReport *report,
                    guint       page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 150, 212);
  cairo_t *cr = cairo_create (surface);
  char *checksum;

  cairo_scale (cr, 150 / 595.28, 212 / 841.89);
  jury_report_draw_page (report, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, cairo_image_surface_get_data (surface),
                                          cairo_image_surface_get_stride (surface) * 212);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return checksum;
}

/* Pages are laid out again when they are drawn, a stretch at a time: in any order
 * they come out as they do in order, and the PDF has every page, each footed with
 * its number of the whole. */
static void
test_report_stream (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JuryResults) results = build_many_results ();
  g_autoptr(JuryReport) report = jury_report_new (results, NULL);
  g_autoptr(JuryReport) again = jury_report_new (results, NULL);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) in_order = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_build_filename (f->dir, "many.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  guint n_pages;
  guint n_breaks = 0;

  n_pages = jury_report_paginate (report, cr, 595.28, 841.89);
  g_assert_cmpuint (jury_report_paginate (again, cr, 595.28, 841.89), ==, n_pages);
  /* The ranking's pages, one per submission at least, the jury. */
  g_assert_cmpuint (n_pages, >, 3 + N_MANY + 1);

  for (guint page = 0; page < n_pages; page++)
    g_ptr_array_add (in_order, draw_page_checksum (report, page));
  /* Backwards, and then by leaps through the pages. */
  for (guint page = n_pages; page-- > 0;)
    {
      g_autofree char *checksum = draw_page_checksum (again, page);

      g_assert_cmpstr (checksum, ==, g_ptr_array_index (in_order, page));
    }
  for (guint i = 0, page = 0; i < n_pages; i++, page = (page + 37) % n_pages)
    {
      g_autofree char *checksum = draw_page_checksum (again, page);

      g_assert_cmpstr (checksum, ==, g_ptr_array_index (in_order, page));
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (jury_export_write (results, JURY_EXPORT_PDF, NULL, path, &error));
  g_assert_no_error (error);
  if (!jury_test_run_tool (argv, &text))
    return;

  /* pdftotext ends every page with a form feed. */
  for (const char *c = text; *c != '\0'; c++)
    n_breaks += *c == '\f';
  g_assert_cmpuint (n_breaks, ==, n_pages);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *footer = g_strdup_printf ("page %u of %u", page, n_pages);

      g_assert_nonnull (strstr (text, footer));
    }
  for (guint s = 0; s < N_MANY; s++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);
      g_autofree char *last = g_strdup_printf ("Kommentar 59 zu %u:", s);

      const char *first = strstr (text, row->title);

      /* In the ranking and on its own page. */
      g_assert_nonnull (first);
      g_assert_nonnull (strstr (first + 1, row->title));
      if (s % 7 == 0)
        g_assert_nonnull (strstr (text, last));
    }
}

typedef struct
{
  guint  n;
  double x_sum;
} Pixels;

/* The opaque pixels of SURFACE in colour RGB (0–255 each, within 40). */
static Pixels
find_pixels (cairo_surface_t *surface,
             int              r,
             int              g,
             int              b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  Pixels pixels = { 0, 0 };

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);

        if ((p >> 24) == 0xff && ABS ((int) ((p >> 16) & 0xff) - r) < 40 &&
            ABS ((int) ((p >> 8) & 0xff) - g) < 40 && ABS ((int) (p & 0xff) - b) < 40)
          {
            pixels.n++;
            pixels.x_sum += x;
          }
      }

  return pixels;
}

static void
test_charts (Fixture       *f,
             gconstpointer  data)
{
  const JuryChartColors colors = {
    { 0, 0, 0, 1 }, { 0, 0, 1, 1 }, { 1, 0, 0, 1 },
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 120);
  cairo_t *cr = cairo_create (surface);
  Pixels accent, muted, text;

  /* The spread: a dot for each complete review in the accent colour. */
  jury_chart_draw_spread (cr, f->results, 0, &colors, 320, 120);
  accent = find_pixels (surface, 0, 0, 255);
  g_assert_cmpuint (accent.n, >, 3 * 10);

  /* Without complete reviews: a sentence and no dots. */
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  jury_chart_draw_spread (cr, f->results, 3, &colors, 320, 120);
  g_assert_cmpuint (find_pixels (surface, 0, 0, 255).n, ==, 0);
  text = find_pixels (surface, 255, 0, 0);
  g_assert_cmpuint (text.n, >, 0);

  /* Leniency: kinder jurors' bars (accent) lie right of the stricter ones' (muted). */
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  jury_chart_draw_leniency (cr, f->results, NULL, &colors, 320, 120);
  accent = find_pixels (surface, 0, 0, 255);
  muted = find_pixels (surface, 255, 0, 0);
  g_assert_cmpuint (accent.n, >, 0);
  g_assert_cmpuint (muted.n, >, 0);
  g_assert_cmpfloat (accent.x_sum / accent.n, >, muted.x_sum / muted.n);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A write that cannot happen leaves nothing behind, not even a temporary file. */
static void
test_failing_write (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "out", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *onto_dir = g_build_filename (folder, "taken", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (blocker, "x", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (onto_dir, 0700), ==, 0);

  for (JuryExportFormat format = JURY_EXPORT_CSV; format <= JURY_EXPORT_PDF; format++)
    {
      g_autoptr(GDir) dir = NULL;

      g_assert_false (jury_export_write (f->results, format, NULL, under_file, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (g_file_test (under_file, G_FILE_TEST_EXISTS));

      /* The rename onto a folder fails after everything was written. */
      g_assert_false (jury_export_write (f->results, format, NULL, onto_dir, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      dir = g_dir_open (folder, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_dir_read_name (dir), ==, "taken");
      g_assert_null (g_dir_read_name (dir));
    }
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_replace (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "replaced.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* An older file is replaced whole. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  g_assert_true (jury_export_write (f->results, JURY_EXPORT_PDF, NULL, path, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static gboolean
export_store (JuryStore     *store,
              const char    *dest_path,
              GCancellable  *cancellable,
              GError       **error)
{
  JuryResultsOptions results_options = { FALSE, 0 };
  g_autoptr(GAsyncResult) result = NULL;

  jury_export_store_async (store, &results_options, JURY_EXPORT_CSV, NULL, dest_path, cancellable,
                           written_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return jury_export_store_finish (result, error);
}

static void
apply_ok (JuryStore  *store,
          JuryChange *change)
{
  g_autoptr(JuryChange) owned = change;
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_store_apply_one (store, owned, &error));
  g_assert_no_error (error);
}

/* An export from a store reads each submission's reviews as it comes to it: the
 * spreadsheet and the dossier hold what they hold when made from results with
 * every review read at once. */
static void
test_store_reviews (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *call_path = g_test_build_filename (G_TEST_DIST, "data", "call-results.xml", NULL);
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-export-xlsx.py", NULL);
  g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
  g_autofree char *path = g_build_filename (f->dir, "panel.jury", NULL);
  g_autofree char *streamed_xlsx = g_build_filename (f->dir, "streamed.xlsx", NULL);
  g_autofree char *whole_xlsx = g_build_filename (f->dir, "whole.xlsx", NULL);
  g_autofree char *streamed_pdf = g_build_filename (f->dir, "streamed.pdf", NULL);
  g_autofree char *whole_pdf = g_build_filename (f->dir, "whole.pdf", NULL);
  const char *ids[] = { "alpha", "beta", "gamma", "delta" };
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryResults) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *streamed_text = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *out = NULL;
  JuryJuror *jurors[3];

  store = jury_store_create (path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_mark_panel (store, &error));
  jurors[0] = jury_juror_new (jury_store_get_sole_juror_id (store), "Anna");
  jurors[1] = jury_store_add_juror (store, "Ben", &error);
  jurors[2] = jury_store_add_juror (store, "Cleo", &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 3; j++)
    for (guint s = 0; s < 3; s++)
      {
        apply_ok (store, jury_change_new_score (jurors[j]->id, ids[s], "quality", 1 + (j + s) % 5));
        if (j != 1 || s != 2)
          apply_ok (store, jury_change_new_score (jurors[j]->id, ids[s], "reach", 1 + (j * s) % 5));
      }
  apply_ok (store, jury_change_new_comment (jurors[0]->id, "alpha", "quality", "Anna zur Qualität"));
  apply_ok (store, jury_change_new_comment (jurors[0]->id, "alpha", NULL, "Anna insgesamt"));
  apply_ok (store, jury_change_new_comment (jurors[1]->id, "beta", "reach", "Ben zur Reichweite"));
  apply_ok (store, jury_change_new_comment (jurors[2]->id, "gamma", NULL, "Cleo insgesamt"));
  /* Nothing but a comment. */
  apply_ok (store, jury_change_new_comment (jurors[2]->id, "delta", "reach", "Cleo allein"));

  g_assert_true (jury_export_store (store, NULL, JURY_EXPORT_XLSX, NULL, streamed_xlsx, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jury_export_store (store, NULL, JURY_EXPORT_PDF, NULL, streamed_pdf, NULL, &error));
  g_assert_no_error (error);

  whole = jury_results_new (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jury_export_write (whole, JURY_EXPORT_XLSX, NULL, whole_xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (jury_export_write (whole, JURY_EXPORT_PDF, NULL, whole_pdf, &error));
  g_assert_no_error (error);

  if ((streamed_text = pdf_text (streamed_pdf)) != NULL)
    {
      whole_text = pdf_text (whole_pdf);
      g_assert_cmpstr (streamed_text, ==, whole_text);
      assert_has (streamed_text, "Cleo allein", TRUE);
      assert_has (streamed_text, "Anna zur Qualität", TRUE);
    }

  {
    const char *argv[] = {
      g_getenv ("JURY_DESK_PYTHON"), checker, streamed_xlsx, "--same-as", whole_xlsx,
      "--language", in_german () ? "de" : "en", "--submission", "alpha", "--submission", "beta",
      "--submission", "gamma", "--submission", "delta", NULL
    };

    jury_test_run_tool (argv, &out);
  }

  for (guint j = 0; j < 3; j++)
    jury_juror_free (jurors[j]);
}

/* From a store, in a thread that reads through a connection of its own (what the
 * caller has not committed stays out), never onto the store's own file. */
static void
test_store_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *call_path = g_test_build_filename (G_TEST_DIST, "data", "call-results.xml", NULL);
  g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
  g_autofree char *path = g_build_filename (f->dir, "panel.jury", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.jury", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "ranking.csv", NULL);
  g_autofree char *cancelled_path = g_build_filename (f->dir, "cancelled.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *targets[] = { path, link };

  store = jury_store_create (path, call_file, "Anna", NULL, &error);
  g_assert_no_error (error);
  change = jury_change_new_score (jury_store_get_sole_juror_id (store), "alpha", "quality", 5);
  g_assert_true (jury_store_apply_one (store, change, &error));
  g_assert_true (jury_store_mark_panel (store, &error));
  g_assert_true (jury_store_set_decision (store, "alpha", JURY_DECISION_AWARD, "Klar", &error));
  g_assert_no_error (error);

  g_assert_true (jury_store_begin (store, &error));
  g_assert_true (jury_store_exec (store, "UPDATE decisions SET note = 'uncommitted'", &error));
  g_assert_true (export_store (store, csv_path, NULL, &error));
  g_assert_no_error (error);
  jury_store_rollback (store);
  g_file_get_contents (csv_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "award,Klar"));
  g_assert_null (strstr (text, "uncommitted"));

  g_assert_no_errno (symlink ("panel.jury", link));
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *name = g_path_get_basename (targets[i]);
      g_autofree char *expected = g_strdup_printf ("%s is the database the results come from", name);

      g_assert_false (export_store (store, targets[i], NULL, &error));
      g_assert_error (error, JURY_EXPORT_ERROR, JURY_EXPORT_ERROR_FAILED);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_clear_error (&error);
    }
  g_assert_true (jury_store_verify (store, &error));
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (export_store (store, cancelled_path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* C.UTF-8 rather than C: gettext ignores LANGUAGE in the C locale. */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JURY_DESK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* In German (the test "export-de"): what people read, in their language. */
  if (in_german ())
    {
      g_test_add ("/export/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
      g_test_add ("/export/xlsx-streamed", Fixture, NULL, fixture_set_up, test_xlsx_streamed,
                  fixture_tear_down);
      g_test_add ("/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
      return g_test_run ();
    }

  g_test_add_func ("/export/formats", test_formats);
  g_test_add ("/export/labels", Fixture, NULL, fixture_set_up, test_labels, fixture_tear_down);
  g_test_add ("/export/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/export/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
  g_test_add ("/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/xlsx-streamed", Fixture, NULL, fixture_set_up, test_xlsx_streamed,
              fixture_tear_down);
  g_test_add ("/export/xlsx-long-cell", Fixture, NULL, fixture_set_up, test_xlsx_long_cell, fixture_tear_down);
  g_test_add ("/export/award-tie", Fixture, NULL, fixture_set_up, test_award_tie, fixture_tear_down);
  g_test_add_func ("/export/award-tie-plural", test_award_tie_plural);
  g_test_add ("/export/pdf-wide-rubric", Fixture, NULL, fixture_set_up, test_pdf_wide_rubric,
              fixture_tear_down);
  g_test_add ("/export/report-pages", Fixture, NULL, fixture_set_up, test_report_pages,
              fixture_tear_down);
  g_test_add ("/export/report-stream", Fixture, NULL, fixture_set_up, test_report_stream,
              fixture_tear_down);
  g_test_add ("/export/charts", Fixture, NULL, fixture_set_up, test_charts, fixture_tear_down);
  g_test_add ("/export/failing-write", Fixture, NULL, fixture_set_up, test_failing_write,
              fixture_tear_down);
  g_test_add ("/export/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/export/store-async", Fixture, NULL, fixture_set_up, test_store_async, fixture_tear_down);
  g_test_add ("/export/store-reviews", Fixture, NULL, fixture_set_up, test_store_reviews,
              fixture_tear_down);

  return g_test_run ();
}
