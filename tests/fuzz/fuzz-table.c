/* fuzz-table.c: libFuzzer target for the reader of tables of applications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes are read as a table (CSV, XLSX or ODS) within small limits. An input
 * that starts with "XLSX\n" or "ODS\n" is instead the XML of a spreadsheet's
 * parts, which are put into a ZIP archive here, uncompressed, so that mutations
 * reach the XML readers rather than the archive's checksums: for XLSX the
 * worksheet, the shared strings and the styles, separated by NUL bytes (a fixed
 * workbook names them); for ODS content.xml.
 *
 * A table has rows with rising numbers, each ending with a cell that holds
 * something; every cell is UTF-8 without control characters other than tab and
 * line feed; no limit is passed. A refusal is an error of JURY_TABLE_ERROR that
 * begins with the file's name. Reading the same bytes again gives the same. A
 * table read from CSV, written again with JuryCsvWriter, reads back the same.
 */

#define G_LOG_DOMAIN "fuzz-table"

#include "config.h"

#include <string.h>

#include <zip.h>

#include "jury-csv.h"
#include "jury-table.h"
#include "fuzz-util.h"

#define NAME "fuzz.xlsx"

#define XLSX_PREFIX "XLSX\n"
#define ODS_PREFIX  "ODS\n"

#define SML_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char workbook[] =
  "<workbook xmlns=\"" SML_NS "\" xmlns:r=\"" REL_NS "\"><workbookPr date1904=\"false\"/>"
  "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char workbook_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/>"
  "</Relationships>";

static JuryTableLimits limits;

static void
add_part (zip_t        *archive,
          const char   *name,
          const guint8 *data,
          gsize         size)
{
  zip_source_t *source = zip_source_buffer (archive, data, size, 0);
  zip_int64_t index;

  g_assert_nonnull (source);
  index = zip_file_add (archive, name, source, ZIP_FL_ENC_UTF_8);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (zip_set_file_compression (archive, index, ZIP_CM_STORE, 0), ==, 0);
}

/* An archive of the parts NAMES[i] holding the NUL-separated pieces of DATA. */
static GBytes *
make_archive (const guint8        *data,
              gsize                size,
              const char * const  *names,
              gboolean             xlsx)
{
  zip_error_t zip_error;
  zip_source_t *buffer;
  zip_stat_t stat;
  zip_t *archive;
  guint8 *bytes;
  const guint8 *piece = data;

  zip_error_init (&zip_error);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zip_error);
  g_assert_nonnull (buffer);
  zip_source_keep (buffer);
  archive = zip_open_from_source (buffer, ZIP_TRUNCATE, &zip_error);
  g_assert_nonnull (archive);

  if (xlsx)
    {
      add_part (archive, "xl/workbook.xml", (const guint8 *) workbook, strlen (workbook));
      add_part (archive, "xl/_rels/workbook.xml.rels", (const guint8 *) workbook_rels,
                strlen (workbook_rels));
    }
  else
    add_part (archive, "mimetype", (const guint8 *) "application/vnd.oasis.opendocument.spreadsheet",
              strlen ("application/vnd.oasis.opendocument.spreadsheet"));

  /* The last part takes the rest, NUL bytes and all. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      const guint8 *end = data + size;
      const guint8 *nul = names[i + 1] != NULL ? memchr (piece, '\0', end - piece) : NULL;

      if (nul != NULL)
        end = nul;
      add_part (archive, names[i], piece, end - piece);
      if (end == data + size)
        break;
      piece = end + 1;
    }

  g_assert_cmpint (zip_close (archive), ==, 0);
  g_assert_cmpint (zip_source_open (buffer), ==, 0);
  zip_stat_init (&stat);
  g_assert_cmpint (zip_source_stat (buffer, &stat), ==, 0);
  bytes = g_malloc (stat.size);
  g_assert_cmpint (zip_source_read (buffer, bytes, stat.size), ==, (zip_int64_t) stat.size);
  zip_source_close (buffer);
  zip_source_free (buffer);
  zip_error_fini (&zip_error);

  return g_bytes_new_take (bytes, stat.size);
}

static GBytes *
input_bytes (const guint8 *data,
             gsize         size)
{
  static const char * const xlsx_parts[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", NULL
  };
  static const char * const ods_parts[] = { "content.xml", NULL };

  if (size >= strlen (XLSX_PREFIX) && memcmp (data, XLSX_PREFIX, strlen (XLSX_PREFIX)) == 0)
    return make_archive (data + strlen (XLSX_PREFIX), size - strlen (XLSX_PREFIX), xlsx_parts, TRUE);
  if (size >= strlen (ODS_PREFIX) && memcmp (data, ODS_PREFIX, strlen (ODS_PREFIX)) == 0)
    return make_archive (data + strlen (ODS_PREFIX), size - strlen (ODS_PREFIX), ods_parts, FALSE);

  return g_bytes_new (data, size);
}

static void
check_table (const JuryTable *table)
{
  guint64 n_cells = 0;
  guint64 text_size = 0;

  g_assert_cmpuint (table->rows->len, >=, 1);
  g_assert_cmpuint (table->rows->len, <=, limits.max_rows);
  g_assert_cmpuint (table->row_numbers->len, ==, table->rows->len);

  for (guint i = 0; i < table->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);
      guint number = g_array_index (table->row_numbers, guint, i);
      guint length = g_strv_length (row);

      g_assert_cmpuint (number, >=, i == 0 ? 1 : g_array_index (table->row_numbers, guint, i - 1) + 1);
      g_assert_cmpuint (length, >=, 1);
      g_assert_cmpuint (length, <=, limits.max_columns);
      g_assert_cmpstr (row[length - 1], !=, "");

      for (guint j = 0; j < length; j++)
        {
          g_assert_true (g_utf8_validate (row[j], -1, NULL));
          for (const char *p = row[j]; *p != '\0'; p++)
            g_assert_true ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n');
          text_size += strlen (row[j]);
        }
      n_cells += length;
    }

  g_assert_cmpuint (n_cells, <=, limits.max_cells);
  g_assert_cmpuint (text_size, <=, (guint64) limits.max_text_size);
}

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == JURY_TABLE_ERROR);
  g_assert_cmpint (error->code, >=, JURY_TABLE_ERROR_IO);
  g_assert_cmpint (error->code, <=, JURY_TABLE_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, NAME ": "));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
check_same (const JuryTable *a,
            const JuryTable *b)
{
  g_assert_cmpint (a->format, ==, b->format);
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      g_assert_true (g_strv_equal (g_ptr_array_index (a->rows, i), g_ptr_array_index (b->rows, i)));
      g_assert_cmpuint (g_array_index (a->row_numbers, guint, i), ==,
                        g_array_index (b->row_numbers, guint, i));
    }
}

/* The writer quotes what holds a comma or a semicolon, but not a tab: a first
 * row with a tab would be read back as separated by tabs. And a text that
 * begins as XML, a web page or a PDF does ("<?xml", "%PDF-") is refused as
 * such, which a first cell written without quotes may make it. */
static void
check_csv_round_trip (const JuryTable *table)
{
  g_autoptr(JuryCsvWriter) writer = jury_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JuryTable) again = NULL;
  g_autoptr(GError) error = NULL;
  GStrv header = g_ptr_array_index (table->rows, 0);
  JuryTableLimits again_limits = limits;
  const char *first = header[0];

  while (g_ascii_isspace (*first))
    first++;
  if (*first == '<' || *first == '%')
    return;

  for (guint j = 0; header[j] != NULL; j++)
    if (strchr (header[j], '\t') != NULL)
      return;

  for (guint i = 0; i < table->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);

      for (guint j = 0; row[j] != NULL; j++)
        jury_csv_writer_add_text (writer, row[j]);
      jury_csv_writer_end_row (writer);
    }
  bytes = jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));

  /* Quotes and guards make the text longer, not the table larger. */
  again_limits.max_file_size = G_MAXINT32;
  again = jury_table_read_bytes_full (bytes, NAME, &again_limits, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->format, ==, JURY_TABLE_FORMAT_CSV);
  g_assert_cmpuint (again->rows->len, ==, table->rows->len);

  for (guint i = 0; i < table->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);
      GStrv back = g_ptr_array_index (again->rows, i);

      g_assert_cmpuint (g_strv_length (back), ==, g_strv_length (row));
      for (guint j = 0; row[j] != NULL; j++)
        {
          g_autofree char *unguarded = jury_csv_unguard (back[j]);

          g_assert_cmpstr (unguarded, ==, row[j]);
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();

  /* Small enough that every input runs in milliseconds. */
  jury_table_limits_init (&limits);
  limits.max_file_size = 1024 * 1024;
  limits.max_part_size = 1024 * 1024;
  limits.max_rows = 5000;
  limits.max_columns = 200;
  limits.max_cells = 20000;
  limits.max_text_size = 4 * 1024 * 1024;

  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = input_bytes (data, size);
  g_autoptr(JuryTable) table = NULL;
  g_autoptr(JuryTable) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;

  table = jury_table_read_bytes_full (bytes, NAME, &limits, NULL, &error);
  again = jury_table_read_bytes_full (bytes, NAME, &limits, NULL, &again_error);

  g_assert_true ((table == NULL) == (again == NULL));
  if (table == NULL)
    {
      check_error (error);
      check_error (again_error);
      g_assert_cmpint (error->code, ==, again_error->code);
      g_assert_cmpstr (error->message, ==, again_error->message);
      return 0;
    }

  g_assert_no_error (error);
  check_table (table);
  check_same (table, again);

  /* What begins as a ZIP archive is a spreadsheet, or nothing. */
  if (g_bytes_get_size (bytes) >= 4
      && (memcmp (g_bytes_get_data (bytes, NULL), "PK\3\4", 4) == 0
          || memcmp (g_bytes_get_data (bytes, NULL), "PK\5\6", 4) == 0))
    g_assert_cmpint (table->format, !=, JURY_TABLE_FORMAT_CSV);
  else
    g_assert_cmpint (table->format, ==, JURY_TABLE_FORMAT_CSV);

  if (table->format == JURY_TABLE_FORMAT_CSV)
    check_csv_round_trip (table);

  return 0;
}
