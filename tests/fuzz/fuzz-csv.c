/* fuzz-csv.c: libFuzzer target for the CSV parser and writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes are parsed, with and without a file name for the messages. Whatever
 * parses is written again with JuryCsvWriter and parsed once more: the same rows
 * must come back, cell for cell once the writer's formula guard is undone, each
 * starting on the line that the line breaks inside the cells before it make.
 */

#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jury-csv.h"
#include "fuzz-util.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define NAME "fuzz.csv"

/* The lines a parsed cell spans beyond its first: CRLF, LF and a lone CR each end one. */
static guint
count_breaks (const char *cell)
{
  guint n = 0;

  for (const char *p = cell; *p; p++)
    if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
      n++;

  return n;
}

/* 1 + every line break in TEXT, as a bound for the lines the parser reports. */
static guint
count_lines (const guint8 *text,
             gsize         size)
{
  guint n = 1;

  for (gsize i = 0; i < size; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n')))
      n++;

  return n;
}

static void
check_lines (GPtrArray *rows,
             GArray    *lines,
             guint      n_lines)
{
  g_assert_nonnull (lines);
  g_assert_cmpuint (lines->len, ==, rows->len);

  for (guint i = 0; i < lines->len; i++)
    {
      guint line = g_array_index (lines, guint, i);

      g_assert_cmpuint (line, >=, i == 0 ? 1 : g_array_index (lines, guint, i - 1) + 1);
      g_assert_cmpuint (line, <=, n_lines);
    }
}

static void
check_error (const GError *error,
             const char   *prefix,
             guint         n_lines)
{
  const char *after;
  char *end;
  guint64 line;

  g_assert_nonnull (error);
  g_assert_true (error->domain == JURY_CSV_ERROR);
  g_assert_true (error->code == JURY_CSV_ERROR_SYNTAX || error->code == JURY_CSV_ERROR_ENCODING);

  /* "NAME:N: problem" or "line N: problem", N a line of the text. */
  g_assert_true (g_str_has_prefix (error->message, prefix));
  after = error->message + strlen (prefix);
  line = g_ascii_strtoull (after, &end, 10);
  g_assert_true (end != after && *end == ':');
  g_assert_cmpuint (line, >=, 1);
  g_assert_cmpuint (line, <=, n_lines);
}

static void
check_same_rows (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (g_strv_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
}

static void
check_round_trip (GPtrArray *rows)
{
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize length;
  guint expected_line = 1;

  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      for (guint j = 0; row[j] != NULL; j++)
        jury_csv_writer_add_text (writer, row[j]);
      jury_csv_writer_end_row (writer);
    }
  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  text = g_bytes_get_data (bytes, &length);

  g_assert_cmpuint (length, >=, 3);
  g_assert_true (memcmp (text, UTF8_BOM, 3) == 0);
  g_assert_true (length == 3 || (text[length - 2] == '\r' && text[length - 1] == '\n'));

  again = jury_csv_parse (text, length, &lines, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (again->len, ==, rows->len);
  g_assert_cmpuint (lines->len, ==, rows->len);

  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      GStrv back = g_ptr_array_index (again, i);

      g_assert_cmpuint (g_strv_length (back), ==, g_strv_length (row));
      g_assert_cmpuint (g_array_index (lines, guint, i), ==, expected_line);

      for (guint j = 0; row[j] != NULL; j++)
        {
          g_autofree char *unguarded = jury_csv_unguard (back[j]);

          g_assert_cmpstr (unguarded, ==, row[j]);
          /* The guard is one apostrophe, only before what a spreadsheet would run. */
          if (!g_str_equal (back[j], row[j]))
            g_assert_true (back[j][0] == '\'' && g_str_equal (back[j] + 1, row[j]));
          expected_line += count_breaks (row[j]);
        }
      expected_line++;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) named_rows = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) named_lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) named_error = NULL;
  guint n_lines = count_lines (data, size);

  rows = jury_csv_parse ((const char *) data, size, &lines, &error);
  named_rows = jury_csv_parse_named ((const char *) data, size, NAME, &named_lines, &named_error);

  /* A name changes the messages, nothing else. */
  g_assert_true ((rows == NULL) == (named_rows == NULL));
  if (rows == NULL)
    {
      g_assert_null (lines);
      check_error (error, "line ", n_lines);
      check_error (named_error, NAME ":", n_lines);
      g_assert_cmpint (error->code, ==, named_error->code);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_no_error (named_error);
  check_same_rows (rows, named_rows);
  check_lines (rows, lines, n_lines);

  /* Every row holds something: empty lines are skipped. */
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      g_assert_nonnull (row[0]);
      g_assert_true (row[1] != NULL || row[0][0] != '\0');
      for (guint j = 0; row[j] != NULL; j++)
        g_assert_true (g_utf8_validate (row[j], -1, NULL));
    }

  check_round_trip (rows);
  return 0;
}
