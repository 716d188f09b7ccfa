/* test-cli.c: the headless command line, run as its own process without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "jury-csv.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"
#include "jury-test-util.h"

typedef struct
{
  char *dir;
  char *sample;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (g_getenv ("JURY_DESK_BIN") == NULL)
    g_error ("JURY_DESK_BIN must name the jury-desk executable");

  f->sample = jury_test_dup_sample_path ();
  f->dir = jury_test_make_tmp_dir ("test-cli-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jury_test_remove_tree (f->dir);

  g_free (f->dir);
  g_free (f->sample);
}

static void
assert_matches (const char *text,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("“%s” does not match “%s”", text, pattern);
}

static char *
dup_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
init_database (Fixture *f)
{
  g_auto(JuryTestResult) r = { 0 };

  jury_test_run_cli (f->dir, &r, "init", f->sample, "--juror", "Erika Mustermann", "-o", "juror.jury", NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *broken = dup_path (f, "broken.xml");
  g_auto(JuryTestResult) ok = { 0 };
  g_auto(JuryTestResult) bad = { 0 };
  g_auto(JuryTestResult) missing = { 0 };

  jury_test_run_cli (f->dir, &ok, "validate", f->sample, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^mint-regionen-wirken-2025\\.xml: valid call \"[^\"]+\" — "
                                       "[0-9]+ submissions, [0-9]+ criteria, scale 1–5, [0-9]+ awards\n$",
                                       ok.out, 0, 0));
  g_assert_cmpstr (ok.err, ==, "");

  g_assert_true (g_file_set_contents (broken,
                                      "<?xml version=\"1.0\"?>\n"
                                      "<call xmlns=\"urn:jury-desk:call:1\" id=\"x\">\n"
                                      "  <title>T</title>\n"
                                      "</wrong>\n", -1, NULL));
  jury_test_run_cli (f->dir, &bad, "validate", "broken.xml", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_true (g_regex_match_simple ("^jury-desk: broken\\.xml:[0-9]+: ", bad.err, 0, 0));

  jury_test_run_cli (f->dir, &missing, "validate", "no-such-call.xml", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  jury_test_assert_contains (missing.err, "no-such-call.xml");
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  static const char * const cases[][5] = {
    { "validate", NULL },
    { "validate", "a.xml", "b.xml", NULL },
    { "validate", "--no-such-option", "a.xml", NULL },
    { "init", "a.xml", "-o", "x.jury", NULL },
    { "init", "a.xml", "--juror", NULL },
    { "form", NULL },
    { "import-scores", "x.jury", NULL },
    { "help", "no-such-command", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(JuryTestResult) r = { 0 };

      jury_test_run_cli (f->dir, &r, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "jury-desk: "));
      jury_test_assert_contains (r.err, "Usage: jury-desk ");
      g_assert_cmpstr (r.out, ==, "");
    }
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_auto(JuryTestResult) overview = { 0 };
  g_auto(JuryTestResult) command = { 0 };

  jury_test_run_cli (f->dir, &overview, "help", NULL);
  g_assert_cmpint (overview.status, ==, 0);
  jury_test_assert_contains (overview.out, "jury-desk import-scores DB.jury FORM.csv");
  jury_test_assert_contains (overview.out, "jury-desk verify DB.jury");

  jury_test_run_cli (f->dir, &command, "help", "init", NULL);
  g_assert_cmpint (command.status, ==, 0);
  jury_test_assert_contains (command.out, "--juror");
  jury_test_assert_contains (command.out, "--output");
}

/* jury-desk --help and --version speak of Jury Desk, without a display: the window's
 * options, and the commands as `jury-desk help` lists them. */
static void
test_program_options (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(JuryTestResult) overview = { 0 };
  g_auto(JuryTestResult) help = { 0 };
  g_auto(JuryTestResult) short_help = { 0 };
  g_auto(JuryTestResult) version = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));

  jury_test_run_cli (f->dir, &help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  jury_test_assert_contains (help.out, "jury-desk [OPTION…] [FILE]");
  jury_test_assert_contains (help.out, "Opens FILE (a call or a jury database) in the window");
  jury_test_assert_contains (help.out, "--version");
  jury_test_assert_contains (help.out, "\nCommands:\n");
  g_assert_cmpstr (help.err, ==, "");

  /* Every command of the overview, with its synopsis and summary: the lines after
   * the overview's own usage ("Usage:", "jury-desk [FILE]", what that does). */
  jury_test_run_cli (f->dir, &overview, "help", NULL);
  lines = g_strsplit (overview.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 3 + 2 * 10);
  for (guint i = 3; lines[i] != NULL; i++)
    jury_test_assert_contains (help.out, lines[i]);
  jury_test_assert_contains (help.out, "jury-desk import-scores DB.jury FORM.csv");
  jury_test_assert_contains (help.out, "Exit status: 0 success");

  jury_test_run_cli (f->dir, &short_help, "-h", NULL);
  g_assert_cmpint (short_help.status, ==, 0);
  g_assert_cmpstr (short_help.out, ==, help.out);

  /* Without the app's settings schema, as from a build that is not installed:
   * --version needs no settings. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", f->dir, TRUE);
  jury_test_run_cli (f->dir, &version, "--version", NULL);
  if (schema_dir != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  else
    g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "jury-desk " PACKAGE_VERSION "\n");
  g_assert_cmpstr (version.err, ==, "");
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = dup_path (f, "juror.jury");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(JuryTestResult) first = { 0 };
  g_auto(JuryTestResult) again = { 0 };
  g_auto(JuryTestResult) info = { 0 };
  gsize before_length, after_length;

  jury_test_run_cli (f->dir, &first, "init", f->sample, "--juror", "Erika Mustermann", "-o", "juror.jury", NULL);
  g_assert_cmpint (first.status, ==, 0);
  jury_test_assert_contains (first.out, "juror.jury");
  assert_matches (first.out, "^juror id: [0-9a-f-]{36}$");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  jury_test_run_cli (f->dir, &again, "init", f->sample, "--juror", "Max", "-o", "juror.jury", NULL);
  g_assert_cmpint (again.status, ==, 1);
  jury_test_assert_contains (again.err, "juror.jury");
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_true (before_length == after_length && memcmp (before, after, before_length) == 0);

  jury_test_run_cli (f->dir, &info, "info", "juror.jury", NULL);
  g_assert_cmpint (info.status, ==, 0);
  jury_test_assert_contains (info.out, "Erika Mustermann");
  jury_test_assert_contains (info.out, "MINT-Regionen wirken! 2025");
  assert_matches (info.out, "^Integrity: +ok$");
}

/* Sets a score in every criterion row of FORM; returns how many submissions it has. */
static guint
fill_form (const char *form,
           const char *filled)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint n_submissions = 0;

  g_assert_true (g_file_get_contents (form, &text, &length, NULL));
  rows = jury_csv_parse (text, length, NULL, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];

      if (r > 0 && *row[1] == '\0')
        n_submissions++;
      for (guint c = 0; row[c] != NULL; c++)
        {
          g_autofree char *cell = jury_csv_unguard (row[c]);

          if (r > 0 && c == 2 && *row[1] != '\0')
            jury_csv_writer_add_int (writer, 1 + (r + c) % 5);
          else
            jury_csv_writer_add_text (writer, cell);
        }
      jury_csv_writer_end_row (writer);
    }

  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  g_assert_true (g_file_set_contents (filled, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return n_submissions;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_assert_true (g_file_get_contents (a, &text_a, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &text_b, NULL, NULL));
  g_assert_cmpstr (text_a, ==, text_b);
}

/* A score outside the scale on the second data row of FILLED (line 3). */
static void
write_bad_form (const char *filled,
                const char *bad)
{
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) lines = NULL;
  const char *score;

  g_assert_true (g_file_get_contents (filled, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", 4);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  /* Ids hold no commas: the score is the third cell. */
  score = strchr (strchr (lines[2], ',') + 1, ',') + 1;
  head = g_strndup (lines[2], score - lines[2]);
  joined = g_strconcat (head, "9", strchr (score, ','), NULL);
  g_free (lines[2]);
  lines[2] = g_steal_pointer (&joined);

  joined = g_strjoinv ("\r\n", lines);
  g_assert_true (g_file_set_contents (bad, joined, -1, NULL));
}

static void
test_scoring (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *form = dup_path (f, "form.csv");
  g_autofree char *filled = dup_path (f, "filled.csv");
  g_autofree char *bad = dup_path (f, "bad.csv");
  g_autofree char *again = dup_path (f, "again.csv");
  g_autofree char *summary = NULL;
  g_autofree char *progress = NULL;
  g_auto(JuryTestResult) form_result = { 0 };
  g_auto(JuryTestResult) import = { 0 };
  g_auto(JuryTestResult) info = { 0 };
  g_auto(JuryTestResult) verify = { 0 };
  g_auto(JuryTestResult) refused = { 0 };
  g_auto(JuryTestResult) still = { 0 };
  g_auto(JuryTestResult) again_result = { 0 };
  guint n_submissions;

  init_database (f);
  jury_test_run_cli (f->dir, &form_result, "form", "juror.jury", "-o", "form.csv", NULL);
  g_assert_cmpint (form_result.status, ==, 0);

  n_submissions = fill_form (form, filled);
  g_assert_cmpuint (n_submissions, >, 0);
  jury_test_run_cli (f->dir, &import, "import-scores", "juror.jury", "filled.csv", NULL);
  g_assert_cmpint (import.status, ==, 0);
  summary = g_strdup_printf (", %u complete reviews marked done\n", n_submissions);
  jury_test_assert_contains (import.out, summary);

  jury_test_run_cli (f->dir, &info, "info", "juror.jury", NULL);
  g_assert_cmpint (info.status, ==, 0);
  progress = g_strdup_printf ("%u of %u reviewed", n_submissions, n_submissions);
  jury_test_assert_contains (info.out, progress);

  jury_test_run_cli (f->dir, &verify, "verify", "juror.jury", NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^juror\\.jury: integrity ok, audit chain of [0-9]+ changes ok \\(it shows edits made outside Jury Desk, but is no signature\\)\n$",
                                       verify.out, 0, 0));

  /* The form now shows exactly what was imported. */
  jury_test_run_cli (f->dir, &again_result, "form", "juror.jury", "-o", "again.csv", NULL);
  g_assert_cmpint (again_result.status, ==, 0);
  assert_same_file (filled, again);

  write_bad_form (filled, bad);
  jury_test_run_cli (f->dir, &refused, "import-scores", "juror.jury", "bad.csv", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_true (g_str_has_prefix (refused.err, "jury-desk: bad.csv:3: "));
  jury_test_assert_contains (refused.err, "score \"9\"");

  jury_test_run_cli (f->dir, &still, "verify", "juror.jury", NULL);
  g_assert_cmpint (still.status, ==, 0);
  g_assert_cmpstr (still.out, ==, verify.out);
}

static void
test_form_stdout (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(JuryTestResult) r = { 0 };

  init_database (f);
  jury_test_run_cli (f->dir, &r, "form", "juror.jury", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBF" "submission_id,criterion_id,score,comment,"));
}

/* However the output names the database, the form never replaces it. */
static void
test_form_onto_database (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const outputs[] = { "juror.jury", "./juror.jury", "link.jury" };
  g_autofree char *db = dup_path (f, "juror.jury");
  g_autofree char *link = dup_path (f, "link.jury");
  g_autofree char *before = NULL;
  gsize before_length;

  init_database (f);
  g_assert_cmpint (symlink ("juror.jury", link), ==, 0);
  g_assert_true (g_file_get_contents (db, &before, &before_length, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *after = NULL;
      gsize after_length;
      g_auto(JuryTestResult) r = { 0 };

      jury_test_run_cli (f->dir, &r, "form", "juror.jury", "-o", outputs[i], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpstr (r.err, ==, "jury-desk: refusing to overwrite the database juror.jury with the form\n");
      g_assert_true (g_file_get_contents (db, &after, &after_length, NULL));
      g_assert_true (after_length == before_length && memcmp (before, after, before_length) == 0);
      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    }
}

static void
test_several_jurors (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db = dup_path (f, "juror.jury");
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryJuror) max = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(JuryTestResult) ambiguous = { 0 };
  g_auto(JuryTestResult) by_name = { 0 };
  g_auto(JuryTestResult) by_id = { 0 };
  g_auto(JuryTestResult) unknown = { 0 };
  g_auto(JuryTestResult) info = { 0 };

  init_database (f);
  store = jury_store_open (db, &error);
  g_assert_no_error (error);
  max = jury_store_add_juror (store, "Max Muster", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  jury_test_run_cli (f->dir, &ambiguous, "form", "juror.jury", NULL);
  g_assert_cmpint (ambiguous.status, ==, 2);
  jury_test_assert_contains (ambiguous.err, "--juror");
  jury_test_assert_contains (ambiguous.err, "\"Max Muster\"");

  jury_test_run_cli (f->dir, &by_name, "form", "juror.jury", "--juror", "Max Muster", "-o", "max.csv", NULL);
  g_assert_cmpint (by_name.status, ==, 0);

  jury_test_run_cli (f->dir, &by_id, "import-scores", "juror.jury", "max.csv", "--juror", max->id, NULL);
  g_assert_cmpint (by_id.status, ==, 0);
  jury_test_assert_contains (by_id.out, "0 values changed");

  jury_test_run_cli (f->dir, &unknown, "form", "juror.jury", "--juror", "Nobody", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  jury_test_assert_contains (unknown.err, "\"Nobody\"");

  jury_test_run_cli (f->dir, &info, "info", "juror.jury", NULL);
  g_assert_cmpint (info.status, ==, 0);
  assert_matches (info.out, "^Jurors: +2$");
  jury_test_assert_contains (info.out, "Erika Mustermann (id ");
  jury_test_assert_contains (info.out, max->id);
}

static GBytes *
read_file_and_mtime (const char *path,
                     gint64     *mtime_ns)
{
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  *mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* Inspecting a database of an older format works and leaves the file as it was. */
static void
test_inspect_older (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db = dup_path (f, "old.jury");
  g_autoptr(GFile) call_file = g_file_new_for_path (f->sample);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryChange) change = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mtime_before;
  g_auto(JuryTestResult) info = { 0 };
  g_auto(JuryTestResult) verify = { 0 };
  g_auto(JuryTestResult) form = { 0 };

  store = jury_store_create_at_version (db, call_file, "Erika Mustermann", 1, &error);
  g_assert_no_error (error);
  change = jury_change_new_score (jury_store_get_sole_juror_id (store), "schubs", "praxis", 4);
  g_assert_true (jury_store_apply_one (store, change, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  before = read_file_and_mtime (db, &mtime_before);

  jury_test_run_cli (f->dir, &info, "info", "old.jury", NULL);
  g_assert_cmpint (info.status, ==, 0);
  jury_test_assert_contains (info.out, "Erika Mustermann");
  assert_matches (info.out, "^Access: +read-write$");
  assert_matches (info.out, "^Integrity: +ok$");

  jury_test_run_cli (f->dir, &verify, "verify", "old.jury", NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_cmpstr (verify.out, ==, "old.jury: integrity ok, audit chain of 1 change ok (it shows edits made outside Jury Desk, but is no signature)\n");

  jury_test_run_cli (f->dir, &form, "form", "old.jury", NULL);
  g_assert_cmpint (form.status, ==, 0);
  assert_matches (form.out, "^schubs,praxis,4,");

  {
    gint64 mtime_after;
    g_autoptr(GBytes) after = read_file_and_mtime (db, &mtime_after);

    g_assert_true (g_bytes_equal (before, after));
    g_assert_cmpint (mtime_after, ==, mtime_before);
  }
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *db = dup_path (f, "juror.jury");
  g_autofree char *form = dup_path (f, "form.csv");
  g_autofree char *filled = dup_path (f, "filled.csv");
  g_auto(JuryTestResult) form_result = { 0 };
  g_auto(JuryTestResult) import = { 0 };
  g_auto(JuryTestResult) verify = { 0 };
  g_auto(JuryTestResult) info = { 0 };

  if (sqlite3 == NULL)
    {
      g_test_skip ("The sqlite3 program is not installed");
      return;
    }

  init_database (f);
  jury_test_run_cli (f->dir, &form_result, "form", "juror.jury", "-o", "form.csv", NULL);
  g_assert_cmpint (form_result.status, ==, 0);
  fill_form (form, filled);
  jury_test_run_cli (f->dir, &import, "import-scores", "juror.jury", "filled.csv", NULL);
  g_assert_cmpint (import.status, ==, 0);

  jury_test_run_sqlite3 (db, "UPDATE scores SET value = CASE value WHEN 1 THEN 2 ELSE 1 END "
                         "WHERE (submission_id, criterion_id) = (SELECT submission_id, criterion_id FROM scores LIMIT 1);");

  jury_test_run_cli (f->dir, &verify, "verify", "juror.jury", NULL);
  g_assert_cmpint (verify.status, ==, 1);
  g_assert_cmpstr (verify.out, ==, "");
  g_assert_true (g_str_has_prefix (verify.err, "jury-desk: juror.jury"));

  jury_test_run_cli (f->dir, &info, "info", "juror.jury", NULL);
  g_assert_cmpint (info.status, ==, 1);
  assert_matches (info.out, "^Integrity: +juror\\.jury: .+$");
}

/* Text from a file reaches the terminal escaped, and a name that would act on it
 * is refused where it comes in. */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = dup_path (f, "juror.jury");
  g_autofree char *eve = dup_path (f, "eve.jury");
  g_auto(JuryTestResult) init = { 0 };
  g_auto(JuryTestResult) info = { 0 };
  g_auto(JuryTestResult) merge = { 0 };
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *juror_id;

  jury_test_run_cli (f->dir, &init, "init", f->sample, "--juror", "Eve\x1b]0;owned\x07", "-o", "eve.jury", NULL);
  g_assert_cmpint (init.status, ==, 1);
  g_assert_cmpstr (init.err, ==, "jury-desk: the juror’s name contains the control character U+001B\n");
  g_assert_false (g_file_test (eve, G_FILE_TEST_EXISTS));

  /* A file made before names had rules, or forged with the chain recomputed. */
  init_database (f);
  store = jury_store_open (db, &error);
  g_assert_no_error (error);
  juror_id = jury_store_get_sole_juror_id (store);
  g_assert_true (jury_store_begin (store, &error));
  g_assert_true (jury_store_exec (store, "UPDATE jurors SET name = 'Eve\x1b]0;owned\x07\nforged: ok\xe2\x80\xae'", &error));
  g_assert_true (jury_store_append_juror_name (store, juror_id, "Erika Mustermann",
                                               "Eve\x1b]0;owned\x07\nforged: ok\xe2\x80\xae", NULL, &error));
  g_assert_true (jury_store_commit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  jury_test_run_cli (f->dir, &info, "info", "juror.jury", NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_null (strchr (info.out, '\x1b'));
  g_assert_null (strchr (info.out, '\x07'));
  g_assert_null (strstr (info.out, "\xe2\x80\xae"));
  jury_test_assert_contains (info.out, "Eve\\x1B]0;owned\\x07\\x0Aforged: ok\\u202E (id ");

  jury_test_run_cli (f->dir, &merge, "merge", "-o", "panel.jury", "juror.jury", NULL);
  g_assert_cmpint (merge.status, ==, 1);
  g_assert_null (strchr (merge.err, '\x1b'));
  jury_test_assert_contains (merge.err, "juror.jury: the juror’s name contains the control character U+001B");
}

/* import-scores into a database with a damaged page refuses it, untouched. */
static void
test_damaged_not_written (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *db = dup_path (f, "juror.jury");
  g_autofree char *form = dup_path (f, "form.csv");
  g_autofree char *filled = dup_path (f, "filled.csv");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *contents = NULL;
  g_auto(JuryTestResult) form_result = { 0 };
  g_auto(JuryTestResult) import = { 0 };
  g_auto(JuryTestResult) verify = { 0 };
  g_autoptr(GError) error = NULL;
  gsize length;

  init_database (f);
  jury_test_run_cli (f->dir, &form_result, "form", "juror.jury", "-o", "form.csv", NULL);
  g_assert_cmpint (form_result.status, ==, 0);
  fill_form (form, filled);

  /* Four kilobytes of garbage over the third page. */
  g_assert_true (g_file_get_contents (db, &contents, &length, &error));
  g_assert_cmpuint (length, >, 3 * 4096);
  for (gsize i = 2 * 4096; i < 3 * 4096; i++)
    contents[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (db, contents, length, &error));
  before = jury_test_read_bytes (db);

  jury_test_run_cli (f->dir, &import, "import-scores", "juror.jury", "filled.csv", NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_cmpstr (import.err, ==, "jury-desk: juror.jury is damaged and cannot be read\n");
  jury_test_run_cli (f->dir, &verify, "verify", "juror.jury", NULL);
  g_assert_cmpstr (verify.err, ==, import.err);

  after = jury_test_read_bytes (db);
  g_assert_true (g_bytes_equal (before, after));
}

/* Runs SCRIPT with a small file system of its own mounted at $FULL, where it is
 * root; FALSE (the test skipped) where this machine does not allow that. */
static gboolean
run_on_small_disk (Fixture    *f,
                   const char *script)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *full = dup_path (f, "full");
  const char *argv[] = { "unshare", "-rm", "sh", "-ec", script, NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) probe = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (full, 0700));
  if (unshare != NULL)
    probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "unshare", "-rm", "sh", "-c",
                              "mount -t tmpfs -o size=64k none \"$0\"", full, NULL);
  if (probe == NULL || !g_subprocess_wait_check (probe, NULL, NULL))
    {
      g_test_skip ("this machine does not let a test mount a small file system");
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  g_subprocess_launcher_setenv (launcher, "FULL", full, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  return TRUE;
}

/* On a full disk every command that writes says so, in one line of its own, and
 * leaves nothing behind. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  static const char * const commands[] = {
    "import-scores a.jury filled.csv",
    "merge -o new-panel.jury a.jury b.jury",
    "export panel.jury --format xlsx -o out.xlsx",
    "export panel.jury --format pdf -o out.pdf",
    "export panel.jury --format csv -o out.csv",
    "form a.jury -o out-form.csv",
  };
  g_autofree char *form = dup_path (f, "form.csv");
  g_autofree char *filled = dup_path (f, "filled.csv");
  g_autoptr(GString) script = g_string_new (NULL);
  g_auto(JuryTestResult) r = { 0 };

  for (guint j = 0; j < 2; j++)
    {
      const char *name = j == 0 ? "a.jury" : "b.jury";

      jury_test_run_cli (f->dir, &r, "init", f->sample, "--juror", j == 0 ? "Anna" : "Ben", "-o", name, NULL);
      g_assert_cmpint (r.status, ==, 0);
      jury_test_result_clear (&r);
      jury_test_run_cli (f->dir, &r, "form", name, "-o", "form.csv", NULL);
      jury_test_result_clear (&r);
      fill_form (form, filled);
      jury_test_run_cli (f->dir, &r, "import-scores", name, "filled.csv", NULL);
      g_assert_cmpint (r.status, ==, 0);
      jury_test_result_clear (&r);
    }
  jury_test_run_cli (f->dir, &r, "merge", "-o", "panel.jury", "a.jury", "b.jury", NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* Each command on a disk full to the last byte, and with a page left:
   * where SQLite runs out differs. */
  g_string_append_printf (script, "jury=\"%s\"\n", g_getenv ("JURY_DESK_BIN"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    for (guint left = 0; left <= 4; left += 4)
      g_string_append_printf (script,
                              "mount -t tmpfs -o size=1m none \"$FULL\"\n"
                              "cp a.jury b.jury panel.jury filled.csv \"$FULL\"/\n"
                              "head -c $(( $(df -k --output=avail \"$FULL\" | tail -1) * 1024 - %u * 1024 )) /dev/zero"
                              " > \"$FULL/fill\" 2>/dev/null || true\n"
                              "(cd \"$FULL\" && \"$jury\" %s > /dev/null 2> \"$OLDPWD/err-%u-%u\""
                              " || echo $? > \"$OLDPWD/status-%u-%u\")\n"
                              "ls -A \"$FULL\" > \"list-%u-%u\"\n"
                              "umount \"$FULL\"\n",
                              left, commands[i], i, left, i, left, i, left);

  if (!run_on_small_disk (f, script->str))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    for (guint left = 0; left <= 4; left += 4)
      {
        g_autofree char *err_name = g_strdup_printf ("err-%u-%u", i, left);
        g_autofree char *list_name = g_strdup_printf ("list-%u-%u", i, left);
        g_autofree char *err_path = dup_path (f, err_name);
        g_autofree char *list_path = dup_path (f, list_name);
        g_autofree char *status_name = g_strdup_printf ("status-%u-%u", i, left);
        g_autofree char *status_path = dup_path (f, status_name);
        g_autofree char *err = NULL;
        g_autofree char *list = NULL;
        g_autofree char *status = NULL;

        g_assert_true (g_file_get_contents (err_path, &err, NULL, NULL));
        g_assert_true (g_file_get_contents (list_path, &list, NULL, NULL));
        g_test_message ("%s with %u KB left: %s", commands[i], left, err);
        g_assert_true (g_file_get_contents (status_path, &status, NULL, NULL));
        g_assert_cmpstr (status, ==, "1\n");
        /* One line, ours, saying what happened. */
        g_assert_true (g_str_has_prefix (err, "jury-desk: "));
        g_assert_nonnull (strstr (err, "the disk is full"));
        g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
        g_assert_null (strstr (list, ".jury-desk.tmp"));
        g_assert_null (strstr (list, "out"));
        g_assert_null (strstr (list, "new-panel"));
      }
}

/* A call that makes libxml2 fail to convert its encoding: the one line that says
 * so is ours; the library's own complaints stay off the terminal. */
static void
test_quiet_libraries (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *call = g_test_build_filename (G_TEST_DIST, "data", "call-utf7-nul.xml", NULL);
  g_auto(JuryTestResult) r = { 0 };

  jury_test_run_cli (f->dir, &r, "validate", call, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "jury-desk: call-utf7-nul.xml:"));
  g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/validate", test_validate);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/help", test_help);
  ADD ("/cli/program-options", test_program_options);
  ADD ("/cli/init", test_init);
  ADD ("/cli/form-stdout", test_form_stdout);
  ADD ("/cli/form-onto-database", test_form_onto_database);
  ADD ("/cli/scoring", test_scoring);
  ADD ("/cli/several-jurors", test_several_jurors);
  ADD ("/cli/tampered", test_tampered);
  ADD ("/cli/inspect-older", test_inspect_older);
  ADD ("/cli/hostile-text", test_hostile_text);
  ADD ("/cli/damaged-not-written", test_damaged_not_written);
  ADD ("/cli/disk-full", test_disk_full);
  ADD ("/cli/quiet-libraries", test_quiet_libraries);
#undef ADD

  return g_test_run ();
}
