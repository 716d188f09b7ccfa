/* test-csv.c: the CSV writer, parser and atomic file writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "jury-csv.h"
#include "jury-file.h"
#include "jury-test-util.h"

#define BOM "\xEF\xBB\xBF"

/* Expected parser results are written as cells joined by "¦", rows by "¶". */
#define CELL_SEP "¦"
#define ROW_SEP "¶"

static char *
write_one_row (const char * const *cells)
{
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; cells[i] != NULL; i++)
    jury_csv_writer_add_text (writer, cells[i]);
  jury_csv_writer_end_row (writer);

  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
join_rows (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *row = g_strjoinv (CELL_SEP, rows->pdata[i]);

      if (i > 0)
        g_string_append (out, ROW_SEP);
      g_string_append (out, row);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
join_lines (GArray *lines)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? "," : "", g_array_index (lines, guint, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_writer_text (void)
{
  static const struct {
    const char *cell;
    const char *written;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "Grüße aus Köln", "Grüße aus Köln" },
    { "a,b", "\"a,b\"" },
    { "a;b", "\"a;b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "crlf\r\nhere", "\"crlf\r\nhere\"" },
    { " leading", "\" leading\"" },
    { "trailing ", "\"trailing \"" },
    { "in between", "in between" },
    /* The formula guard, for each character that starts a formula. */
    { "=1+1", "'=1+1" },
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "+49 30 1234", "'+49 30 1234" },
    { "-3", "'-3" },
    { "- bullet", "'- bullet" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tindented", "'\tindented" },
    { "\rreturn", "\"'\rreturn\"" },
    { "a=b", "a=b" },
    { "'quoted'", "'quoted'" },
    { "'=already", "''=already" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *cells[] = { cases[i].cell, NULL };
      g_autofree char *expected = g_strconcat (BOM, cases[i].written, "\r\n", NULL);
      g_autofree char *written = write_one_row (cells);

      g_test_message ("cell %u: %s", i, cases[i].cell);
      g_assert_cmpstr (written, ==, expected);
    }
}

static void
test_writer_rows (void)
{
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  jury_csv_writer_add_text (writer, "id");
  jury_csv_writer_add_text (writer, "score");
  jury_csv_writer_add_text (writer, "note");
  jury_csv_writer_end_row (writer);
  jury_csv_writer_add_text (writer, "x");
  jury_csv_writer_add_int (writer, -3);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_end_row (writer);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_end_row (writer);

  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Numbers are never guarded, even negative ones. */
  g_assert_cmpstr (text, ==, BOM "id,score,note\r\nx,-3,\r\n,\r\n");
}

static char *
write_number (double value)
{
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  jury_csv_writer_add_number (writer, value);
  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  return g_strndup ((const char *) g_bytes_get_data (bytes, NULL) + strlen (BOM),
                    g_bytes_get_size (bytes) - strlen (BOM));
}

static void
check_numbers (void)
{
  static const struct {
    double      value;
    const char *written;
  } cases[] = {
    { 3.5, "3.5" },
    { 4, "4" },
    { -2.25, "-2.25" },
    { 0.1 + 0.2, "0.3" },
    { 1.0 / 3.0, "0.3333333333" },
    { 1000000, "1000000" },
    { 1234567.5, "1234567.5" },
    { -0.0, "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = write_number (cases[i].value);

      g_assert_cmpstr (written, ==, cases[i].written);
    }

  for (guint i = 0; i < 3; i++)
    {
      const double no_number[] = { NAN, INFINITY, -INFINITY };
      g_autofree char *written = write_number (no_number[i]);

      g_assert_cmpstr (written, ==, "");
    }
}

static void
test_writer_numbers (void)
{
  check_numbers ();
}

static void
test_writer_numbers_german (void)
{
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  char buffer[16];

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL &&
      setlocale (LC_NUMERIC, "de_DE.utf8") == NULL)
    {
      g_test_skip ("The de_DE.UTF-8 locale is not installed");
      return;
    }

  /* Only meaningful if the C library really writes a decimal comma now. */
  g_snprintf (buffer, sizeof buffer, "%.1f", 1.5);
  g_assert_cmpstr (buffer, ==, "1,5");

  check_numbers ();
  setlocale (LC_NUMERIC, old);
}

static void
test_unguard (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "'=x", "=x" },
    { "'+1", "+1" },
    { "'-", "-" },
    { "'@a", "@a" },
    { "'\tb", "\tb" },
    { "'\rc", "\rc" },
    { "''=x", "'=x" },
    { "'x", "'x" },
    { "'", "'" },
    { "''", "''" },
    { "=x", "=x" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = jury_csv_unguard (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_parse (void)
{
  static const struct {
    const char *text;
    const char *rows;
    const char *lines;
  } cases[] = {
    { "a,b\r\nc,d\r\n", "a¦b¶c¦d", "1,2" },
    { BOM "a,b\nc,d", "a¦b¶c¦d", "1,2" },
    { "a,b\rc,d\r", "a¦b¶c¦d", "1,2" },
    { "\"x,y\",\"say \"\"hi\"\"\"\n", "x,y¦say \"hi\"", "1" },
    { "\"multi\nline\",z\nnext\n", "multi\nline¦z¶next", "1,3" },
    { "\"crlf\r\nkept\",z\r\nnext\r\n", "crlf\r\nkept¦z¶next", "1,3" },
    { "a,,\n,\n", "a¦¦¶¦", "1,2" },
    { "\n\r\na\n\n\nb", "a¶b", "3,6" },
    { "ab\"c,d\n", "ab\"c¦d", "1" },
    { "\"\",x\n", "¦x", "1" },
    /* A German spreadsheet's semicolons, and ';' that is not a separator. */
    { "x;y\n1;\"2;3\"\n", "x¦y¶1¦2;3", "1,2" },
    { "x;y,z\n", "x;y¦z", "1" },
    { "\"a,b\";c\n1;2\n", "a,b¦c¶1¦2", "1,2" },
    { "\"a;b\",c\n", "a;b¦c", "1" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GArray) lines = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *joined_lines = NULL;

      g_test_message ("case %u", i);
      rows = jury_csv_parse (cases[i].text, strlen (cases[i].text), &lines, &error);
      g_assert_no_error (error);
      joined = join_rows (rows);
      joined_lines = join_lines (lines);
      g_assert_cmpstr (joined, ==, cases[i].rows);
      g_assert_cmpstr (joined_lines, ==, cases[i].lines);
    }
}

static void
test_parse_errors (void)
{
  static const struct {
    const char *text;
    gsize       length;   /* 0: strlen */
    int         code;
    const char *prefix;
  } cases[] = {
    { "a,b\n\"open,c\nd\n", 0, JURY_CSV_ERROR_SYNTAX, "line 2: " },
    { "a\nb\n\"never closed", 0, JURY_CSV_ERROR_SYNTAX, "line 3: " },
    { "a\n\"x\"y,z\n", 0, JURY_CSV_ERROR_SYNTAX, "line 2: " },
    { "a\n\"x\n\"y\n", 0, JURY_CSV_ERROR_SYNTAX, "line 3: " },
    { "ok\nstill ok\r\nbad \xff\n", 0, JURY_CSV_ERROR_ENCODING, "line 3: " },
    { BOM "\xc3\x28", 0, JURY_CSV_ERROR_ENCODING, "line 1: " },
    { "a\nb\0c", 5, JURY_CSV_ERROR_ENCODING, "line 2: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      g_test_message ("case %u", i);
      rows = jury_csv_parse (cases[i].text, length, NULL, &error);
      g_assert_null (rows);
      g_assert_error (error, JURY_CSV_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
    }
}

static void
test_parse_named (void)
{
  static const char text[] = "a\n\"b\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  rows = jury_csv_parse_named (text, strlen (text), "form.csv", NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, JURY_CSV_ERROR, JURY_CSV_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "form.csv:2: "));
}

static void
test_parse_separator (void)
{
  static const struct {
    const char *text;
    char        separator;
    const char *rows;
    const char *lines;
  } cases[] = {
    /* Not detected: a given separator is the only one. */
    { "a\tb,c\n1\t\"x\ty\"\n", '\t', "a¦b,c¶1¦x\ty", "1,2" },
    { "a,b;c\r\n\r\n1;2\r\n", ';', "a,b¦c¶1¦2", "1,3" },
    { "a;b\n\"2\nlines\",x\n", ',', "a;b¶2\nlines¦x", "1,2" },
    { BOM "h\tg", '\t', "h¦g", "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) lines = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *joined_lines = NULL;

      g_test_message ("case %u", i);
      rows = jury_csv_parse_with_separator (cases[i].text, strlen (cases[i].text),
                                            cases[i].separator, NULL, &lines, &error);
      g_assert_no_error (error);
      joined = join_rows (rows);
      joined_lines = join_lines (lines);
      g_assert_cmpstr (joined, ==, cases[i].rows);
      g_assert_cmpstr (joined_lines, ==, cases[i].lines);
    }
}

static void
test_parse_limits (void)
{
  static const struct {
    const char   *text;
    JuryCsvLimits limits;
    const char   *message;   /* NULL: parses */
  } cases[] = {
    { "a,b,c\n1,2,3\n", { 2, 3, 6 }, NULL },
    /* Empty lines are no rows. */
    { "a\n\n\nb\n", { 2, 0, 0 }, NULL },
    { "a\nb\nc\n", { 2, 0, 0 }, "line 3: the text has more than 2 rows, the most it may have" },
    { "a,b\n1,2,3\n", { 0, 2, 0 }, "line 2: the row has more than 2 cells, the most a row may have" },
    { "a,b\n\"x\ny\",2,3\n", { 0, 2, 0 }, "line 2: the row has more than 2 cells, the most a row may have" },
    { "a,b\n1,2\n3\n", { 0, 0, 4 }, "line 3: the text has more than 4 cells, the most it may have" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      g_test_message ("case %u", i);
      rows = jury_csv_parse_with_separator (cases[i].text, strlen (cases[i].text), ',',
                                            &cases[i].limits, NULL, &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (rows);
          continue;
        }

      g_assert_null (rows);
      g_assert_error (error, JURY_CSV_ERROR, JURY_CSV_ERROR_TOO_LARGE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static char *
random_cell (GRand *rand)
{
  static const char * const pieces[] = {
    "a", "Z", "ä", "€", " ", ",", ";", "\"", "'", "\r", "\n", "\r\n", "\t",
    "=", "+", "-", "@", "x=1", "\"\"",
  };
  GString *cell = g_string_new (NULL);
  int n = g_rand_int_range (rand, 0, 9);

  for (int i = 0; i < n; i++)
    g_string_append (cell, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  return g_string_free (cell, FALSE);
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint r = 0; r < 200; r++)
    {
      /* At least two cells: a row of one empty cell is an empty line, which is skipped. */
      guint n_cells = g_rand_int_range (rand, 2, 6);
      GStrv row = g_new0 (char *, n_cells + 1);

      for (guint c = 0; c < n_cells; c++)
        {
          row[c] = random_cell (rand);
          jury_csv_writer_add_text (writer, row[c]);
        }
      jury_csv_writer_end_row (writer);
      g_ptr_array_add (expected, row);
    }

  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  rows = jury_csv_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, expected->len);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv got = rows->pdata[r];
      GStrv want = expected->pdata[r];

      g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (want));
      for (guint c = 0; want[c] != NULL; c++)
        {
          g_autofree char *unguarded = jury_csv_unguard (got[c]);

          g_assert_cmpstr (unguarded, ==, want[c]);
        }
    }
}

static void
test_write_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GBytes) first = g_bytes_new_static ("first\r\n", 7);
  g_autoptr(GBytes) second = g_bytes_new_static ("second\r\n", 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (jury_write_file_atomic (path, first, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "first\r\n");
  g_clear_pointer (&contents, g_free);

  g_assert_true (jury_write_file_atomic (path, second, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second\r\n");

  /* No temporary file is left beside it. */
  g_assert_cmpuint (jury_test_count_entries (dir), ==, 1);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_write_atomic_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  g_autofree char *inside = g_build_filename (target, "kept.txt", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x\r\n", 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (jury_write_file_atomic (missing, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Could not write out.csv: No such file or directory");
  g_clear_error (&error);
  g_assert_cmpuint (jury_test_count_entries (dir), ==, 0);

  /* The rename fails when the target is a folder: the folder stays as it was and
   * the temporary file is gone. */
  g_assert_cmpint (g_mkdir (target, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "kept", -1, NULL));
  g_assert_false (jury_write_file_atomic (target, bytes, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (jury_test_count_entries (dir), ==, 1);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_get_contents (inside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "kept");

  g_assert_cmpint (g_unlink (inside), ==, 0);
  g_assert_cmpint (g_rmdir (target), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/writer/text", test_writer_text);
  g_test_add_func ("/csv/writer/rows", test_writer_rows);
  g_test_add_func ("/csv/writer/numbers", test_writer_numbers);
  g_test_add_func ("/csv/writer/numbers-german", test_writer_numbers_german);
  g_test_add_func ("/csv/unguard", test_unguard);
  g_test_add_func ("/csv/parse/ok", test_parse);
  g_test_add_func ("/csv/parse/errors", test_parse_errors);
  g_test_add_func ("/csv/parse/named", test_parse_named);
  g_test_add_func ("/csv/parse/separator", test_parse_separator);
  g_test_add_func ("/csv/parse/limits", test_parse_limits);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/write-atomic/ok", test_write_atomic);
  g_test_add_func ("/csv/write-atomic/errors", test_write_atomic_errors);

  return g_test_run ();
}
