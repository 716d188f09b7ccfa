/* jury-csv.c: RFC 4180 CSV, written for spreadsheets and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jury-csv.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/* Characters that make a spreadsheet read a text cell as a formula. */
#define FORMULA_START "=+-@\t\r"

struct _JuryCsvWriter
{
  GString  *text;
  gboolean  row_started;
};

typedef struct
{
  const char *name;       /* nullable: messages then say "line N" */
  const char *p;
  const char *end;
  char        separator;
  guint       line;
  GPtrArray  *rows;
  GArray     *lines;
  const JuryCsvLimits *limits;   /* nullable */
  guint64     n_cells;
} CsvParser;

G_DEFINE_QUARK (jury-csv-error-quark, jury_csv_error)

/* Writer */

static gboolean
needs_guard (const char *text)
{
  /* Apostrophes are skipped so that a text which itself starts with "'=" gets one
   * more: unguarding then gives back exactly what was written. */
  while (*text == '\'')
    text++;

  return *text != '\0' && strchr (FORMULA_START, *text) != NULL;
}

static gboolean
needs_quotes (const char *text)
{
  gsize len = strlen (text);

  if (len == 0)
    return FALSE;

  /* ';' is not special in RFC 4180, but a spreadsheet set to a German locale may
   * split at it; quoting keeps such a cell whole there too. */
  return strpbrk (text, ",;\"\r\n") != NULL || text[0] == ' ' || text[len - 1] == ' ';
}

static void
writer_begin_cell (JuryCsvWriter *writer)
{
  g_assert (writer != NULL);

  if (writer->row_started)
    g_string_append_c (writer->text, ',');
  writer->row_started = TRUE;
}

static void
writer_append_quoted (GString    *out,
                      const char *text)
{
  g_assert (out != NULL);

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Parser */

static void
parser_fail (CsvParser   *parser,
             GError     **error,
             JuryCsvError code,
             guint        line,
             const char  *problem)
{
  g_assert (parser != NULL);

  if (parser->name != NULL)
    g_set_error (error, JURY_CSV_ERROR, code, "%s:%u: %s", parser->name, line, problem);
  else
    /* Translators: %u is a line number, %s what is wrong on it. */
    g_set_error (error, JURY_CSV_ERROR, code, _("line %u: %s"), line, problem);
}

/* Consumes a line end at P (CRLF, LF or CR) and counts it; FALSE when there is none. */
static gboolean
parser_skip_newline (CsvParser *parser)
{
  g_assert (parser != NULL);

  if (parser->p >= parser->end)
    return FALSE;

  if (*parser->p == '\r')
    {
      parser->p++;
      if (parser->p < parser->end && *parser->p == '\n')
        parser->p++;
    }
  else if (*parser->p == '\n')
    parser->p++;
  else
    return FALSE;

  parser->line++;
  return TRUE;
}

static gboolean
parser_read_quoted (CsvParser  *parser,
                    GString    *cell,
                    GError    **error)
{
  guint start_line = parser->line;

  g_assert (parser != NULL);
  g_assert (*parser->p == '"');

  parser->p++;
  while (parser->p < parser->end)
    {
      if (*parser->p == '"')
        {
          if (parser->p + 1 < parser->end && parser->p[1] == '"')
            {
              g_string_append_c (cell, '"');
              parser->p += 2;
              continue;
            }

          parser->p++;
          if (parser->p < parser->end && *parser->p != parser->separator &&
              *parser->p != '\r' && *parser->p != '\n')
            {
              parser_fail (parser, error, JURY_CSV_ERROR_SYNTAX, parser->line,
                           _("text follows the closing quote of a cell; a quote inside a quoted cell must be doubled"));
              return FALSE;
            }
          return TRUE;
        }

      if (*parser->p == '\r' || *parser->p == '\n')
        {
          /* Line ends inside a cell are kept as they are. */
          const char *start = parser->p;

          parser_skip_newline (parser);
          g_string_append_len (cell, start, parser->p - start);
          continue;
        }

      g_string_append_c (cell, *parser->p);
      parser->p++;
    }

  parser_fail (parser, error, JURY_CSV_ERROR_SYNTAX, start_line,
               _("unclosed quote: a quoted cell starts here but never ends"));
  return FALSE;
}

static void
parser_read_plain (CsvParser *parser,
                   GString   *cell)
{
  const char *start = parser->p;

  g_assert (parser != NULL);

  /* A quote in the middle of an unquoted cell is taken literally, as spreadsheets do. */
  while (parser->p < parser->end && *parser->p != parser->separator &&
         *parser->p != '\r' && *parser->p != '\n')
    parser->p++;

  g_string_append_len (cell, start, parser->p - start);
}

/* Whether one more cell, after N_CELLS in the row starting at ROW_LINE, stays
 * within the limits; cells of rows that are not kept count too, so that no
 * line holds more than the limits allow. */
static gboolean
parser_check_cell (CsvParser  *parser,
                   guint       n_cells,
                   guint       row_line,
                   GError    **error)
{
  const JuryCsvLimits *limits = parser->limits;
  g_autofree char *detail = NULL;

  g_assert (parser != NULL);

  if (limits == NULL)
    return TRUE;

  if (limits->max_columns > 0 && n_cells >= limits->max_columns)
    detail = g_strdup_printf (_("the row has more than %u cells, the most a row may have"),
                              limits->max_columns);
  else if (limits->max_cells > 0 && parser->n_cells + n_cells >= limits->max_cells)
    detail = g_strdup_printf (_("the text has more than %u cells, the most it may have"),
                              limits->max_cells);
  else
    return TRUE;

  parser_fail (parser, error, JURY_CSV_ERROR_TOO_LARGE, row_line, detail);
  return FALSE;
}

/* Reads one record starting at P; appends it unless it is an empty line. */
static gboolean
parser_read_row (CsvParser  *parser,
                 GError    **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  guint row_line = parser->line;

  g_assert (parser != NULL);

  for (;;)
    {
      g_string_truncate (cell, 0);
      if (parser->p < parser->end && *parser->p == '"')
        {
          if (!parser_read_quoted (parser, cell, error))
            return FALSE;
        }
      else
        parser_read_plain (parser, cell);

      if (!parser_check_cell (parser, cells->len, row_line, error))
        return FALSE;
      g_ptr_array_add (cells, g_strndup (cell->str, cell->len));

      if (parser->p < parser->end && *parser->p == parser->separator)
        parser->p++;
      else
        break;
    }
  parser_skip_newline (parser);

  if (cells->len == 1 && *(char *) cells->pdata[0] == '\0')
    return TRUE;

  if (parser->limits != NULL && parser->limits->max_rows > 0
      && parser->rows->len >= parser->limits->max_rows)
    {
      g_autofree char *detail = g_strdup_printf (_("the text has more than %u rows, the most it may have"),
                                                 parser->limits->max_rows);

      parser_fail (parser, error, JURY_CSV_ERROR_TOO_LARGE, row_line, detail);
      return FALSE;
    }
  parser->n_cells += cells->len;

  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (parser->rows, g_ptr_array_free (g_steal_pointer (&cells), FALSE));
  g_array_append_val (parser->lines, row_line);
  return TRUE;
}

/* ',' unless the first record has no ',' outside quotes but has a ';': the way a
 * spreadsheet in a German locale saves "CSV". */
static char
detect_separator (const char *p,
                  const char *end)
{
  gboolean in_quotes = FALSE;
  gboolean semicolon = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (*p == ',')
        return ',';
      else if (*p == ';')
        semicolon = TRUE;
      else if (*p == '\r' || *p == '\n')
        break;
    }

  return semicolon ? ';' : ',';
}

static guint
count_lines (const char *text,
             const char *stop)
{
  guint line = 1;

  for (const char *p = text; p < stop; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 == stop || p[1] != '\n')))
      line++;

  return line;
}

/* Public API */

JuryCsvWriter *
jury_csv_writer_new (void)
{
  JuryCsvWriter *writer = g_new0 (JuryCsvWriter, 1);

  /* The BOM makes spreadsheets read the file as UTF-8 (umlauts). */
  writer->text = g_string_new (UTF8_BOM);
  return writer;
}

void
jury_csv_writer_add_text (JuryCsvWriter *writer,
                          const char    *text)
{
  g_autofree char *guarded = NULL;

  g_return_if_fail (writer != NULL);

  if (text == NULL)
    text = "";

  if (needs_guard (text))
    text = guarded = g_strconcat ("'", text, NULL);

  writer_begin_cell (writer);
  if (needs_quotes (text))
    writer_append_quoted (writer->text, text);
  else
    g_string_append (writer->text, text);
}

void
jury_csv_writer_add_number (JuryCsvWriter *writer,
                            double         value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (writer != NULL);

  /* A spreadsheet reads neither "nan" nor "inf": a value that is no number is empty. */
  if (!isfinite (value))
    {
      jury_csv_writer_add_empty (writer);
      return;
    }

  /* Ten significant digits keep every meaningful decimal of a score statistic but
   * not the noise of binary fractions; -0 would read oddly. The ASCII variant
   * never writes a decimal comma, whatever the locale. */
  if (value == 0)
    value = 0;
  g_ascii_formatd (buffer, sizeof buffer, "%.10g", value);

  writer_begin_cell (writer);
  g_string_append (writer->text, buffer);
}

void
jury_csv_writer_add_int (JuryCsvWriter *writer,
                         gint64         value)
{
  g_return_if_fail (writer != NULL);

  writer_begin_cell (writer);
  g_string_append_printf (writer->text, "%" G_GINT64_FORMAT, value);
}

void
jury_csv_writer_add_empty (JuryCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);

  writer_begin_cell (writer);
}

void
jury_csv_writer_end_row (JuryCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);

  g_string_append (writer->text, "\r\n");
  writer->row_started = FALSE;
}

GBytes *
jury_csv_writer_free_to_bytes (JuryCsvWriter *writer)
{
  GString *text;

  g_return_val_if_fail (writer != NULL, NULL);

  text = writer->text;
  g_free (writer);
  return g_string_free_to_bytes (text);
}

void
jury_csv_writer_free (JuryCsvWriter *writer)
{
  if (writer == NULL)
    return;

  g_string_free (writer->text, TRUE);
  g_free (writer);
}

char *
jury_csv_unguard (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '\'' && needs_guard (text + 1))
    return g_strdup (text + 1);

  return g_strdup (text);
}

GPtrArray *
jury_csv_parse (const char  *text,
                gsize        length,
                GArray     **lines,
                GError     **error)
{
  return jury_csv_parse_named (text, length, NULL, lines, error);
}

/* SEPARATOR 0 detects it. */
static GPtrArray *
parse (const char           *text,
       gsize                 length,
       const char           *name,
       char                  separator,
       const JuryCsvLimits  *limits,
       GArray              **lines,
       GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) row_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *invalid = NULL;
  CsvParser parser = { 0 };

  /* An empty GBytes has no data: NULL + 0 would be undefined below. */
  if (text == NULL)
    text = "";

  if (length >= 3 && memcmp (text, UTF8_BOM, 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  parser.name = name;
  parser.p = text;
  parser.end = text + length;
  parser.line = 1;
  parser.rows = rows;
  parser.lines = row_lines;
  parser.limits = limits;

  if (!g_utf8_validate_len (text, length, &invalid))
    {
      parser_fail (&parser, error, JURY_CSV_ERROR_ENCODING, count_lines (text, invalid),
                   _("the text is not UTF-8; save the file as “CSV UTF-8”"));
      return NULL;
    }

  parser.separator = separator != '\0' ? separator : detect_separator (parser.p, parser.end);
  while (parser.p < parser.end)
    if (!parser_read_row (&parser, error))
      return NULL;

  if (lines != NULL)
    *lines = g_steal_pointer (&row_lines);
  return g_steal_pointer (&rows);
}

GPtrArray *
jury_csv_parse_named (const char  *text,
                      gsize        length,
                      const char  *name,
                      GArray     **lines,
                      GError     **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse (text, length, name, '\0', NULL, lines, error);
}

GPtrArray *
jury_csv_parse_with_separator (const char           *text,
                               gsize                 length,
                               char                  separator,
                               const JuryCsvLimits  *limits,
                               GArray              **lines,
                               GError              **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (separator != '\0' && separator != '"' && separator != '\r' && separator != '\n', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse (text, length, NULL, separator, limits, lines, error);
}
