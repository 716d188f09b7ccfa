/* test-table.c: tables of applications from CSV, XLSX and ODS, and what is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-table"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "jury-enums.h"
#include "jury-table.h"
#include "jury-test-util.h"

/* The table of tests/data/table-* (tests/data/make-table-fixtures writes it):
 * the row of empty cells between the third row and the fourth is left out,
 * and so are the empty cells at the end of the last row. */
static const char * const expected_rows[][9] = {
  { "Projekttitel", "Netzwerk", "Landkreis", "Ansprechperson", "Kurzbeschreibung",
    "Website", "Gründungsjahr", "Eingang", NULL },
  { "MINT-Werkstatt Süd", "Zukunft „MINT“ Oberland", "Weilheim-Schongau",
    "Jörg Müller, Ilse Weiß",
    "Schülerinnen bauen Roboter – mit 5.000 € Sachmitteln.\n"
    "Zweiter Absatz: Ferienkurse „Löten & Programmieren“ für Grundschüler.",
    "https://mint-sued.example/projekt?id=7&lang=de", "2016", "2025-03-14", NULL },
  { "Forscherinnen am Fluss", "Netzwerk Ufer; Nord", "Görlitz", "Dr. Ana Øster",
    "Gewässer messen — Daten teilen.  Zwei Leerzeichen.", "", "2019", "2025-03-20", NULL },
  { "Code & Co. \"Nord\"", "Verbund “Küste”", "Nordfriesland", "Kai Ü. Möller",
    "  Vorne zwei Leerzeichen, hier ein\tTab.", "www.code-co.example", "2021", "2025-04-01",
    NULL },
  { "Kurz", NULL },
};

/* The first row is line 1 or row 1; the long description spans two lines of CSV. */
static const guint csv_lines[] = { 1, 2, 4, 6, 7 };
static const guint sheet_rows[] = { 1, 2, 3, 5, 6 };

typedef struct
{
  const char      *file;
  JuryTableFormat  format;
} Fixture;

static const Fixture fixtures[] = {
  { "table-utf8.csv", JURY_TABLE_FORMAT_CSV },
  { "table-utf8-bom-crlf.csv", JURY_TABLE_FORMAT_CSV },
  { "table-semicolon.csv", JURY_TABLE_FORMAT_CSV },
  { "table-tab.csv", JURY_TABLE_FORMAT_CSV },
  { "table-cr.csv", JURY_TABLE_FORMAT_CSV },
  { "table-utf16le.txt", JURY_TABLE_FORMAT_CSV },
  { "table-utf16be.csv", JURY_TABLE_FORMAT_CSV },
  { "table-utf16le-nobom.csv", JURY_TABLE_FORMAT_CSV },
  { "table-windows1252.csv", JURY_TABLE_FORMAT_CSV },
  { "table-libreoffice.xlsx", JURY_TABLE_FORMAT_XLSX },
  { "table-libreoffice.ods", JURY_TABLE_FORMAT_ODS },
};

#define SML_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define ODS_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<office:document-content" \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"" \
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"

static char *
fixture_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", file, NULL);
}

static void
assert_rows (const JuryTable      *table,
             const char * const  (*rows)[9],
             guint                 n_rows,
             const guint          *numbers)
{
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, n_rows);
  g_assert_cmpuint (table->row_numbers->len, ==, n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);

      g_test_message ("row %u", i);
      g_assert_cmpstrv (row, rows[i]);
      g_assert_cmpuint (g_array_index (table->row_numbers, guint, i), ==, numbers[i]);
    }
}

static void
assert_expected_table (const JuryTable *table,
                       const guint     *numbers)
{
  assert_rows (table, expected_rows, G_N_ELEMENTS (expected_rows), numbers);
}

/* Rows written as cells joined by "|", rows by "/", row numbers before ":". */
static char *
describe (const JuryTable *table)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < table->rows->len; i++)
    {
      g_autofree char *row = g_strjoinv ("|", g_ptr_array_index (table->rows, i));

      g_string_append_printf (out, "%s%u:%s", i > 0 ? "/" : "",
                              g_array_index (table->row_numbers, guint, i), row);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_reads_as (const char      *name,
                 GBytes          *bytes,
                 JuryTableFormat  format,
                 const char      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = jury_table_read_bytes (bytes, name, &error);
  g_autofree char *described = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpint (table->format, ==, format);
  described = describe (table);
  g_assert_cmpstr (described, ==, expected);
}

static void
assert_refused_full (GBytes                *bytes,
                     const char            *name,
                     const JuryTableLimits *limits,
                     JuryTableError         code,
                     const char            *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = jury_table_read_bytes_full (bytes, name, limits, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, JURY_TABLE_ERROR, (int) code);
  if (g_str_has_suffix (message, "…"))
    {
      gsize length = strlen (message) - strlen ("…");
      g_autofree char *head = g_strndup (error->message, length);
      g_autofree char *prefix = g_strndup (message, length);

      g_assert_cmpstr (head, ==, prefix);
    }
  else
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_refused (GBytes         *bytes,
                const char     *name,
                JuryTableError  code,
                const char     *message)
{
  assert_refused_full (bytes, name, NULL, code, message);
}

/* Archives made in memory with libzip */

typedef struct
{
  const char *name;
  const char *data;
  gsize       length;   /* 0: strlen (data) */
} Part;

static GBytes *
make_zip (const Part *parts,
          guint       n_parts)
{
  zip_error_t zip_error;
  zip_source_t *buffer;
  zip_stat_t stat;
  zip_t *archive;
  guint8 *data;

  zip_error_init (&zip_error);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zip_error);
  g_assert_nonnull (buffer);
  zip_source_keep (buffer);
  archive = zip_open_from_source (buffer, ZIP_TRUNCATE, &zip_error);
  g_assert_nonnull (archive);

  for (guint i = 0; i < n_parts; i++)
    {
      gsize length = parts[i].length > 0 ? parts[i].length : strlen (parts[i].data);
      zip_source_t *source = zip_source_buffer (archive, parts[i].data, length, 0);

      g_assert_nonnull (source);
      g_assert_cmpint (zip_file_add (archive, parts[i].name, source, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);

  g_assert_cmpint (zip_source_open (buffer), ==, 0);
  zip_stat_init (&stat);
  g_assert_cmpint (zip_source_stat (buffer, &stat), ==, 0);
  data = g_malloc (stat.size);
  g_assert_cmpint (zip_source_read (buffer, data, stat.size), ==, (zip_int64_t) stat.size);
  zip_source_close (buffer);
  zip_source_free (buffer);
  zip_error_fini (&zip_error);

  return g_bytes_new_take (data, stat.size);
}

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
write_le32 (guint8  *p,
            guint32  value)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (value >> (8 * i)) & 0xFF;
}

/* ZIP with the uncompressed size of PART set to SIZE in both its headers: an
 * archive that lies about what it holds. */
static GBytes *
declare_size (GBytes     *zip,
              const char *part,
              guint32     size)
{
  gsize length;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (zip), &length);
  gboolean found = FALSE;

  for (gsize i = 0; i + 46 <= length; i++)
    {
      guint name_length;

      if (memcmp (data + i, "PK\1\2", 4) != 0)
        continue;
      name_length = data[i + 28] | (data[i + 29] << 8);
      if (name_length != strlen (part) || i + 46 + name_length > length
          || memcmp (data + i + 46, part, name_length) != 0)
        continue;

      write_le32 (data + i + 24, size);
      write_le32 (data + read_le32 (data + i + 42) + 22, size);
      found = TRUE;
    }
  g_assert_true (found);

  return g_bytes_new_take (data, length);
}

static GBytes *
make_xlsx_full (const char *sheet_data,
                const char *strings,
                const char *styles,
                const char *workbook_pr)
{
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" SML_NS "\" xmlns:r=\"" REL_NS "\">%s"
    "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    workbook_pr != NULL ? workbook_pr : "");
  g_autofree char *sheet = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<worksheet xmlns=\"" SML_NS "\"><sheetData>%s</sheetData></worksheet>", sheet_data);
  g_autofree char *shared = g_strdup_printf ("<sst xmlns=\"" SML_NS "\">%s</sst>",
                                             strings != NULL ? strings : "");
  g_autofree char *style_sheet = g_strdup_printf ("<styleSheet xmlns=\"" SML_NS "\">%s</styleSheet>",
                                                  styles != NULL ? styles : "");
  const Part parts[] = {
    { "xl/workbook.xml", workbook, 0 },
    { "xl/_rels/workbook.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"" REL_NS "/styles\" Target=\"/xl/styles.xml\"/>"
      "</Relationships>", 0 },
    { "xl/worksheets/sheet1.xml", sheet, 0 },
    { "xl/sharedStrings.xml", shared, 0 },
    { "xl/styles.xml", style_sheet, 0 },
  };

  return make_zip (parts, G_N_ELEMENTS (parts));
}

static GBytes *
make_xlsx (const char *sheet_data,
           const char *strings)
{
  return make_xlsx_full (sheet_data, strings, NULL, NULL);
}

static GBytes *
make_ods (const char *table)
{
  g_autofree char *content = g_strconcat (ODS_HEAD,
                                          "<office:body><office:spreadsheet><table:table table:name=\"A\">",
                                          table,
                                          "</table:table></office:spreadsheet></office:body></office:document-content>",
                                          NULL);
  const Part parts[] = {
    { "mimetype", ODS_MIMETYPE, 0 },
    { "content.xml", content, 0 },
  };

  return make_zip (parts, G_N_ELEMENTS (parts));
}

/* The fixtures */

static void
test_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autofree char *path = fixture_path (fixture->file);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = jury_table_read_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, fixture->format);
  assert_expected_table (table, fixture->format == JURY_TABLE_FORMAT_CSV ? csv_lines : sheet_rows);
}

static void
test_format_names (void)
{
  GEnumClass *klass = g_type_class_ref (JURY_TYPE_TABLE_FORMAT);

  g_assert_cmpstr (g_enum_get_value (klass, JURY_TABLE_FORMAT_CSV)->value_nick, ==, "csv");
  g_assert_cmpstr (g_enum_get_value (klass, JURY_TABLE_FORMAT_XLSX)->value_nick, ==, "xlsx");
  g_assert_cmpstr (g_enum_get_value (klass, JURY_TABLE_FORMAT_ODS)->value_nick, ==, "ods");
  g_type_class_unref (klass);
}

/* The table written by libxlsxwriter, which Jury Desk exports with: shared
 * strings, or inline strings when it saves memory. */
static void
write_with_xlsxwriter (const char *path,
                       gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);
  lxw_format *date_format = workbook_add_format (workbook);
  /* The spreadsheet rows of the fixtures: the fourth is empty. */
  static const lxw_row_t rows[] = { 0, 1, 2, 4, 5 };

  format_set_num_format (date_format, "yyyy-mm-dd");

  for (guint i = 0; i < G_N_ELEMENTS (expected_rows); i++)
    for (guint j = 0; expected_rows[i][j] != NULL; j++)
      {
        const char *cell = expected_rows[i][j];

        if (cell[0] == '\0')
          continue;

        if (i > 0 && j == 6)
          g_assert_cmpint (worksheet_write_number (sheet, rows[i], j, g_ascii_strtod (cell, NULL), NULL),
                           ==, LXW_NO_ERROR);
        else if (i > 0 && j == 7)
          {
            lxw_datetime date = { 0 };

            g_assert_cmpint (sscanf (cell, "%d-%d-%d", &date.year, &date.month, &date.day), ==, 3);
            g_assert_cmpint (worksheet_write_datetime (sheet, rows[i], j, &date, date_format),
                             ==, LXW_NO_ERROR);
          }
        else
          g_assert_cmpint (worksheet_write_string (sheet, rows[i], j, cell, NULL), ==, LXW_NO_ERROR);
      }

  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static void
test_xlsxwriter (gconstpointer data)
{
  gboolean constant_memory = GPOINTER_TO_INT (data);
  g_autofree char *dir = jury_test_make_tmp_dir ("test-table-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "applications.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = NULL;

  write_with_xlsxwriter (path, constant_memory);
  table = jury_table_read_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, JURY_TABLE_FORMAT_XLSX);
  assert_expected_table (table, sheet_rows);

  jury_test_remove_tree (dir);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  JuryTable **table = user_data;
  g_autoptr(GError) error = NULL;

  *table = jury_table_read_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_read_async (void)
{
  g_autofree char *path = fixture_path ("table-libreoffice.ods");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryTable) table = NULL;

  jury_table_read_file_async (file, NULL, on_read_cb, &table);
  while (table == NULL)
    g_main_context_iteration (NULL, TRUE);

  assert_expected_table (table, sheet_rows);
}

static void
test_read_cancelled (void)
{
  g_autofree char *path = fixture_path ("table-libreoffice.xlsx");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = NULL;
  g_autoptr(GBytes) bytes = jury_test_read_bytes (path);

  g_cancellable_cancel (cancellable);
  table = jury_table_read_file (file, cancellable, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  table = jury_table_read_bytes_full (bytes, "table.xlsx", NULL, cancellable, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_read_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/applications.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = jury_table_read_file (file, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, JURY_TABLE_ERROR, JURY_TABLE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "applications.csv: cannot read the file: "));
}

/* CSV */

static void
test_csv (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    /* The separator the first line has most of, outside quotes. */
    { "a,b;c,d\n1,2;3\n", "1:a|b;c|d/2:1|2;3" },
    /* A tie goes to a semicolon: a title holds a comma sooner. */
    { "a,b;c\n1,2;3\n", "1:a,b|c/2:1,2|3" },
    { "a;b;c,d\n1;2;3,4\n", "1:a|b|c,d/2:1|2|3,4" },
    { "\"a;b\",c\n1,2\n", "1:a;b|c/2:1|2" },
    { "a\tb;c\n", "1:a|b;c" },
    { "a\tb,c;d\n", "1:a|b,c;d" },
    { "title\nx,y\n", "1:title/2:x|y" },
    /* Empty rows go, with their numbers; so do empty cells at the end of a row. */
    { "a,b\n\n,\n1,\n,2\n", "1:a|b/4:1/5:|2" },
    { "a,b,c\r\n1\r\n2,,3,,\r\n", "1:a|b|c/2:1/3:2||3" },
    /* Line breaks in cells, whichever the file has, are "\n". */
    { "a,\"x\r\ny\"\r\nb,\"1\r2\"\r", "1:a|x\ny/3:b|1\n2" },
    /* Spaces stay; quotes are CSV's. */
    { " a ,\"b \"\"c\"\" \"\n", "1: a |b \"c\" " },
    { "\xEF\xBB\xBFName\n", "1:Name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));

      g_test_message ("case %u", i);
      assert_reads_as ("applications.csv", bytes, JURY_TABLE_FORMAT_CSV, cases[i].expected);
    }
}

static void
test_csv_encodings (void)
{
  static const struct {
    const char *text;
    gsize       length;
    const char *expected;
  } cases[] = {
    /* Windows-1252 is not ISO-8859-1: € „ “ ” – — are in 0x80–0x9F. */
    { "\x80;\x84" "a\x93;\x94;\x96;\x97;\xE4\xF6\xFC\xDF", 0, "1:€|„a“|”|–|—|äöüß" },
    /* UTF-16 without a BOM, told by its zero bytes. */
    { "a\0,\0b\0\n\0\xE4\0,\0\xAC\x20\n\0", 16, "1:a|b/2:ä|€" },
    { "\0a\0,\0b\0\n\0\xE4\0,\x20\xAC\0\n", 16, "1:a|b/2:ä|€" },
    /* With a BOM. */
    { "\xFF\xFE" "a\0;\0b\0", 8, "1:a|b" },
    { "\xFE\xFF" "\0a\0\t\0b", 8, "1:a|b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length > 0 ? cases[i].length : strlen (cases[i].text);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, length);

      g_test_message ("case %u", i);
      assert_reads_as ("applications.csv", bytes, JURY_TABLE_FORMAT_CSV, cases[i].expected);
    }
}

static void
test_csv_refused (void)
{
  static const struct {
    const char     *text;
    gsize           length;
    JuryTableError  code;
    const char     *message;
  } cases[] = {
    { "", 0, JURY_TABLE_ERROR_EMPTY, "applications.csv: the file is empty" },
    { "\n\n,,\n", 0, JURY_TABLE_ERROR_EMPTY, "applications.csv: the table is empty: no row holds anything" },
    { "a,b\n\"open,c\nd\n", 0, JURY_TABLE_ERROR_SYNTAX,
      "applications.csv: line 2: unclosed quote: a quoted cell starts here but never ends" },
    { "a\n\"x\"y\n", 0, JURY_TABLE_ERROR_SYNTAX,
      "applications.csv: line 2: text follows the closing quote of a cell; a quote inside a quoted cell must be doubled" },
    /* UTF-8 by its BOM, but broken. */
    { "\xEF\xBB\xBF" "a\nb\n\xC3\x28\n", 0, JURY_TABLE_ERROR_ENCODING,
      "applications.csv: line 3: the text is not UTF-8; save the file as “CSV UTF-8”" },
    /* 0x81 has no character in Windows-1252. */
    { "a;b\nc;\x81\n", 0, JURY_TABLE_ERROR_ENCODING,
      "applications.csv: line 2: the text is neither UTF-8 nor Windows-1252; save the file as “CSV UTF-8”" },
    { "\xFF\xFE" "a\0\n\0b", 7, JURY_TABLE_ERROR_ENCODING,
      "applications.csv: line 2: the text is not valid UTF-16, though it looks like UTF-16; save the file as “CSV UTF-8”" },
    { "a,b\nc\x01,d\n", 0, JURY_TABLE_ERROR_NOT_A_TABLE,
      "applications.csv: line 2: the file holds binary data, so it is no table; Jury Desk reads CSV, XLSX and ODS" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length > 0 ? cases[i].length : strlen (cases[i].text);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, length);

      g_test_message ("case %u", i);
      assert_refused (bytes, "applications.csv", cases[i].code, cases[i].message);
    }
}

static void
test_csv_limits (void)
{
  JuryTableLimits limits;
  g_autoptr(GString) wide = g_string_new ("a");
  g_autoptr(GBytes) wide_bytes = NULL;
  g_autoptr(GBytes) long_bytes = g_bytes_new_static ("a\nb\nc\nd\n", 8);

  for (guint i = 0; i < JURY_TABLE_DEFAULT_MAX_COLUMNS; i++)
    g_string_append (wide, ",x");
  wide_bytes = g_string_free_to_bytes (g_steal_pointer (&wide));
  assert_refused (wide_bytes, "applications.csv", JURY_TABLE_ERROR_TOO_LARGE,
                  "applications.csv: line 1: the row has more than 1000 cells, the most a row may have");

  jury_table_limits_init (&limits);
  limits.max_rows = 3;
  assert_refused_full (long_bytes, "applications.csv", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "applications.csv: line 4: the text has more than 3 rows, the most it may have");

  jury_table_limits_init (&limits);
  limits.max_file_size = 7;
  assert_refused_full (long_bytes, "applications.csv", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "applications.csv: the file is larger than 7 bytes, the most a table may have");
}

/* What is no table at all */

static void
test_other_files (void)
{
  static const struct {
    const char     *text;
    gsize           length;
    JuryTableError  code;
    const char     *message;
  } cases[] = {
    { "\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, JURY_TABLE_ERROR_NOT_A_TABLE,
      "picture.png: line 2: the file holds binary data, so it is no table; Jury Desk reads CSV, XLSX and ODS" },
    { "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 0, JURY_TABLE_ERROR_NOT_A_TABLE,
      "picture.png: this is a PDF document, not a table; Jury Desk reads tables from CSV, XLSX and ODS files" },
    { "\n<?xml version=\"1.0\"?><call/>", 0, JURY_TABLE_ERROR_NOT_A_TABLE,
      "picture.png: this is an XML file (such as a call file), not a table; Jury Desk reads tables from CSV, XLSX and ODS files" },
    { "<!DOCTYPE html><html>", 0, JURY_TABLE_ERROR_NOT_A_TABLE,
      "picture.png: this is a web page, not a table; Jury Desk reads tables from CSV, XLSX and ODS files" },
    { "SQLite format 3\0\x10\0\1\1", 20, JURY_TABLE_ERROR_NOT_A_TABLE,
      "picture.png: this is a database (such as a .jury file), not a table" },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0W\0o\0r\0k\0b\0o\0o\0k\0", 26, JURY_TABLE_ERROR_NOT_A_TABLE,
      "picture.png: this is an old Excel workbook (.xls) or another old Office file, which Jury Desk does not read; save it as XLSX, ODS or CSV" },
    { "PK\x03\x04\x14\0\0\0\x08\0garbage", 0, JURY_TABLE_ERROR_DAMAGED,
      "picture.png: the file is damaged: it begins as a spreadsheet (a ZIP archive) does, but cannot be unpacked (…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length > 0 ? cases[i].length : strlen (cases[i].text);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, length);

      g_test_message ("case %u", i);
      assert_refused (bytes, "picture.png", cases[i].code, cases[i].message);
    }
}

static void
test_other_zips (void)
{
  static const Part text_part = { "hello.txt", "Hello", 0 };
  static const Part odt_parts[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text", 0 },
    { "content.xml", ODS_HEAD "<office:body><office:text/></office:body></office:document-content>", 0 },
  };
  static const Part ods_without_mimetype = {
    "content.xml", ODS_HEAD "<office:body><office:text/></office:body></office:document-content>", 0
  };
  static const Part xlsb_part = { "xl/workbook.bin", "\x83\x01", 0 };
  g_autoptr(GBytes) text = make_zip (&text_part, 1);
  g_autoptr(GBytes) odt = make_zip (odt_parts, G_N_ELEMENTS (odt_parts));
  g_autoptr(GBytes) no_mimetype = make_zip (&ods_without_mimetype, 1);
  g_autoptr(GBytes) xlsb = make_zip (&xlsb_part, 1);
  /* An archive without parts is its end record only, which libzip does not write. */
  static const guint8 end_record[22] = { 'P', 'K', 5, 6 };
  g_autoptr(GBytes) empty = g_bytes_new_static (end_record, sizeof end_record);
  g_autofree char *path = fixture_path ("table-libreoffice.xlsx");
  g_autoptr(GBytes) whole = jury_test_read_bytes (path);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);

  assert_refused (text, "other.zip", JURY_TABLE_ERROR_NOT_A_TABLE,
                  "other.zip: this is a ZIP archive, but neither an XLSX nor an ODS spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files");
  assert_refused (odt, "letter.odt", JURY_TABLE_ERROR_NOT_A_TABLE,
                  "letter.odt: this is an OpenDocument file, but not a spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files");
  assert_refused (no_mimetype, "letter.odt", JURY_TABLE_ERROR_NOT_A_TABLE,
                  "letter.odt: this is an OpenDocument file, but not a spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files");
  assert_refused (xlsb, "binary.xlsb", JURY_TABLE_ERROR_NOT_A_TABLE,
                  "binary.xlsb: this is a binary Excel workbook (.xlsb), which Jury Desk does not read; save it as XLSX, ODS or CSV");
  assert_refused (empty, "empty.zip", JURY_TABLE_ERROR_NOT_A_TABLE,
                  "empty.zip: this is a ZIP archive, but neither an XLSX nor an ODS spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files");
  assert_refused (cut, "cut.xlsx", JURY_TABLE_ERROR_DAMAGED,
                  "cut.xlsx: the file is damaged: it begins as a spreadsheet (a ZIP archive) does, but cannot be unpacked (…");
}

static void
test_encrypted (void)
{
  static const char * const files[] = { "table-password.xlsx", "table-password.ods" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture_path (files[i]);
      g_autoptr(GBytes) bytes = jury_test_read_bytes (path);
      g_autofree char *message = g_strconcat (files[i], ": the file is encrypted; save it again without a password", NULL);

      assert_refused (bytes, files[i], JURY_TABLE_ERROR_ENCRYPTED, message);
    }
}

/* A ZIP archive whose parts themselves are encrypted, as ZIP tools do it. */
static void
test_encrypted_zip (void)
{
  g_autoptr(GBytes) plain = make_xlsx ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", NULL);
  zip_source_t *source;
  zip_source_t *buffer;
  zip_error_t zip_error;
  zip_stat_t stat;
  zip_t *archive;
  guint8 *data;
  g_autoptr(GBytes) encrypted = NULL;
  zip_int64_t index;

  if (!zip_encryption_method_supported (ZIP_EM_AES_256, 1))
    {
      g_test_skip ("libzip cannot encrypt here");
      return;
    }

  /* The archive made again, with one part encrypted. */
  zip_error_init (&zip_error);
  source = zip_source_buffer_create (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), 0, &zip_error);
  buffer = source;
  zip_source_keep (buffer);
  archive = zip_open_from_source (source, 0, &zip_error);
  g_assert_nonnull (archive);
  index = zip_name_locate (archive, "xl/worksheets/sheet1.xml", 0);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (zip_file_set_encryption (archive, index, ZIP_EM_AES_256, "jury"), ==, 0);
  g_assert_cmpint (zip_close (archive), ==, 0);

  g_assert_cmpint (zip_source_open (buffer), ==, 0);
  zip_stat_init (&stat);
  g_assert_cmpint (zip_source_stat (buffer, &stat), ==, 0);
  data = g_malloc (stat.size);
  g_assert_cmpint (zip_source_read (buffer, data, stat.size), ==, (zip_int64_t) stat.size);
  zip_source_close (buffer);
  zip_source_free (buffer);
  zip_error_fini (&zip_error);
  encrypted = g_bytes_new_take (data, stat.size);

  assert_refused (encrypted, "locked.xlsx", JURY_TABLE_ERROR_ENCRYPTED,
                  "locked.xlsx: the file is encrypted; save it again without a password");
}

/* XLSX */

static void
test_xlsx_cells (void)
{
  static const struct {
    const char *sheet_data;
    const char *expected;
  } cases[] = {
    /* Cells in their columns, gaps filled; rows keep their numbers. */
    { "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>b</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>d</t></is></c></row>"
      "<row r=\"7\"><c r=\"A7\"><v>1</v></c></row>",
      "2:|b||d/7:1" },
    /* Without references: one after the other. */
    { "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>2</v></c></row><row><c r=\"C2\"><v>3</v></c></row>",
      "1:a|2/2:||3" },
    /* Numbers as written, without a fraction of zeros. */
    { "<row r=\"1\"><c><v>2016</v></c><c><v>2016.0</v></c><c><v>0.1</v></c><c><v>-2.50</v></c>"
      "<c><v>1.5E3</v></c><c><v>1E-3</v></c><c><v>12345678901234567890</v></c></row>",
      "1:2016|2016|0.1|-2.5|1500|0.001|12345678901234567890" },
    /* Rich text, and East Asian reading aids left out. */
    { "<row r=\"1\"><c t=\"inlineStr\"><is><r><rPr><b/></rPr><t>fett</t></r><r><t xml:space=\"preserve\"> und </t></r>"
      "<r><t>dünn</t></r><rPh sb=\"0\" eb=\"1\"><t>ふ</t></rPh></is></c></row>",
      "1:fett und dünn" },
    /* Truth values, errors, text of formulas, ISO dates. */
    { "<row r=\"1\"><c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#DIV/0!</v></c>"
      "<c t=\"str\"><f>A1&amp;\"x\"</f><v>TRUEx</v></c><c t=\"d\"><v>2025-03-14T00:00:00</v></c>"
      "<c t=\"d\"><v>2025-03-14T12:30:00Z</v></c></row>",
      "1:TRUE|FALSE|#DIV/0!|TRUEx|2025-03-14|2025-03-14 12:30" },
    /* Excel's escapes: a carriage return, an escaped underscore, a control character kept. */
    { "<row r=\"1\"><c t=\"inlineStr\"><is><t>a_x000D_&#10;b</t></is></c>"
      "<c t=\"inlineStr\"><is><t>_x005F_x0041_ and _x0041_</t></is></c>"
      "<c t=\"inlineStr\"><is><t>bell_x0007_</t></is></c></row>",
      "1:a\nb|_x0041_ and A|bell_x0007_" },
    /* Spaces are the cell's. */
    { "<row r=\"1\"><c t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c><c t=\"inlineStr\"><is><t> x </t></is></c></row>",
      "1:  | x " },
    /* Empty cells and rows with only empty cells. */
    { "<row r=\"1\"><c r=\"A1\" s=\"1\"/><c r=\"B1\"><v></v></c></row><row r=\"2\"><c r=\"C2\"><v>x</v></c><c r=\"D2\" s=\"2\"/></row>",
      "2:||x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = make_xlsx (cases[i].sheet_data, NULL);

      g_test_message ("case %u", i);
      assert_reads_as ("applications.xlsx", bytes, JURY_TABLE_FORMAT_XLSX, cases[i].expected);
    }
}

static void
test_xlsx_shared_strings (void)
{
  g_autoptr(GBytes) bytes = make_xlsx (
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>2</v></c><c r=\"C1\" t=\"s\"><v> 1 </v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c></row>",
    "<si><t>Projekttitel</t></si>"
    "<si><r><t>Netz</t></r><r><rPr><i/></rPr><t>werk</t></r></si>"
    "<si><t>zwei\nZeilen</t><phoneticPr fontId=\"1\"/></si>"
    "<si/>");

  assert_reads_as ("applications.xlsx", bytes, JURY_TABLE_FORMAT_XLSX,
                   "1:Projekttitel|zwei\nZeilen|Netzwerk");
}

static void
test_xlsx_dates (void)
{
  static const char styles[] =
    "<numFmts count=\"6\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[$-407]dddd, d. mmmm yyyy\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"[h]:mm\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"#,##0.00\\ [$€-407];[Red]\\-#,##0.00\\ [$€-407]\"/>"
    "<numFmt numFmtId=\"169\" formatCode=\"hh:mm AM/PM\"/>"
    "</numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"10\">"
    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"20\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
    "<xf numFmtId=\"168\"/><xf numFmtId=\"169\"/>"
    "</cellXfs>"
    "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"170\" formatCode=\"yyyy\"/></dxf></dxfs>";
  static const struct {
    const char *cells;
    gboolean    date1904;
    const char *expected;
  } cases[] = {
    /* The 1900 date system, with Lotus's 29 February 1900. */
    { "<c s=\"1\"><v>1</v></c><c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c><c s=\"1\"><v>61</v></c>"
      "<c s=\"1\"><v>45730</v></c><c s=\"1\"><v>2958465</v></c><c s=\"1\"><v>2958466</v></c>"
      "<c s=\"1\"><v>0</v></c><c s=\"1\"><v>-1</v></c>",
      FALSE, "1:1900-01-01|1900-02-28|1900-02-29|1900-03-01|2025-03-14|9999-12-31|2958466|0|-1" },
    { "<c s=\"1\"><v>0</v></c><c s=\"1\"><v>44268</v></c>",
      TRUE, "1:1904-01-01|2025-03-14" },
    /* Date and time, time alone, a time past a day, custom date formats. */
    { "<c s=\"2\"><v>45730.75</v></c><c s=\"3\"><v>0.5</v></c><c s=\"3\"><v>0.50001</v></c>"
      "<c s=\"7\"><v>1.5</v></c><c s=\"4\"><v>45730</v></c><c s=\"6\"><v>45730</v></c>"
      "<c s=\"9\"><v>0.75</v></c>",
      FALSE, "1:2025-03-14 18:00|12:00|12:00:01|36:00|2025-03-14|2025-03-14|18:00" },
    /* Numbers: "d" quoted, currency in brackets, a style that does not exist. */
    { "<c s=\"0\"><v>45730</v></c><c s=\"5\"><v>45730</v></c><c s=\"8\"><v>45730</v></c>"
      "<c s=\"99\"><v>45730</v></c><c s=\"1\" t=\"s\"><v>0</v></c>",
      FALSE, "1:45730|45730|45730|45730|45730" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *row = g_strconcat ("<row r=\"1\">", cases[i].cells, "</row>", NULL);
      g_autoptr(GBytes) bytes = make_xlsx_full (row, "<si><t>45730</t></si>", styles,
                                                cases[i].date1904 ? "<workbookPr date1904=\"true\"/>" : NULL);

      g_test_message ("case %u", i);
      assert_reads_as ("applications.xlsx", bytes, JURY_TABLE_FORMAT_XLSX, cases[i].expected);
    }
}

/* The first worksheet in the order the workbook shows, not a chart. */
static void
test_xlsx_first_sheet (void)
{
  const Part parts[] = {
    { "xl/workbook.xml",
      "<workbook xmlns=\"" SML_NS "\" xmlns:r=\"" REL_NS "\"><sheets>"
      "<sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId9\"/>"
      "<sheet name=\"Second\" sheetId=\"1\" r:id=\"rId5\"/>"
      "<sheet name=\"First\" sheetId=\"2\" r:id=\"rId1\"/>"
      "</sheets></workbook>", 0 },
    { "xl/_rels/workbook.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId5\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/../worksheets/sheet2.xml\"/>"
      "<Relationship Id=\"rId9\" Type=\"" REL_NS "/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
      "</Relationships>", 0 },
    { "xl/worksheets/sheet1.xml",
      "<worksheet xmlns=\"" SML_NS "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>first</t></is></c></row>"
      "</sheetData></worksheet>", 0 },
    { "xl/worksheets/sheet2.xml",
      "<worksheet xmlns=\"" SML_NS "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>second</t></is></c></row>"
      "</sheetData></worksheet>", 0 },
  };
  g_autoptr(GBytes) bytes = make_zip (parts, G_N_ELEMENTS (parts));

  assert_reads_as ("applications.xlsx", bytes, JURY_TABLE_FORMAT_XLSX, "1:second");
}

static void
test_xlsx_refused (void)
{
  static const struct {
    const char     *sheet_data;
    const char     *strings;
    JuryTableError  code;
    const char     *message;
  } cases[] = {
    { "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>5</v></c></row>",
      "<si><t>only</t></si>", JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: row 2: the spreadsheet is damaged: the cell A2 refers to text number 5, which the workbook does not hold" },
    { "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>x</v></c></row>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: row 1: the spreadsheet is damaged: the cell A1 refers to text number x, which the workbook does not hold" },
    { "<row r=\"3\"/><row r=\"2\"/>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: the spreadsheet is damaged: row 2 comes after row 3" },
    { "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: row 1: the spreadsheet is damaged: the cell A1 comes after a cell right of it" },
    { "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: row 1: the spreadsheet is damaged: “1A” is no cell reference" },
    { "<row r=\"1\"><c r=\"XFD1\"/><c/></row>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: row 1: the spreadsheet is damaged: the row has cells beyond column XFD, the last a worksheet may have" },
    { "<row r=\"99999999\"><c><v>1</v></c></row>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: the spreadsheet is damaged: it has a row 99999999, beyond the last row a spreadsheet may have" },
    /* The 1001st column: ALM. */
    { "<row r=\"1\"><c r=\"ALL1\"><v>1</v></c><c r=\"ALM1\"><v>1</v></c></row>", NULL, JURY_TABLE_ERROR_TOO_LARGE,
      "strings.xlsx: row 1: the row has more than 1000 columns, the most a table may have" },
    { "<row r=\"1\"><c><v>1</v></c>", NULL, JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: the spreadsheet is damaged: xl/worksheets/sheet1.xml, line 1: this is not well-formed XML: …" },
    { "<row r=\"1\"><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>", NULL, JURY_TABLE_ERROR_FORBIDDEN,
      "strings.xlsx: the part xl/worksheets/sheet1.xml declares a document type or uses an entity; spreadsheets do not, and Jury Desk does not read them (they could make the reader fetch or expand other content)" },
    { "", "<si><t>caf\xE9</t></si>", JURY_TABLE_ERROR_DAMAGED,
      "strings.xlsx: the spreadsheet is damaged: xl/sharedStrings.xml, line 1: the text is not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = make_xlsx (cases[i].sheet_data, cases[i].strings);

      g_test_message ("case %u", i);
      assert_refused (bytes, "strings.xlsx", cases[i].code, cases[i].message);
    }
}

static void
test_xlsx_empty (void)
{
  g_autoptr(GBytes) empty_sheet = make_xlsx ("<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>", NULL);
  const Part no_sheets[] = {
    { "xl/workbook.xml", "<workbook xmlns=\"" SML_NS "\"><sheets/></workbook>", 0 },
  };
  g_autoptr(GBytes) no_sheet = make_zip (no_sheets, G_N_ELEMENTS (no_sheets));

  assert_refused (empty_sheet, "empty.xlsx", JURY_TABLE_ERROR_EMPTY,
                  "empty.xlsx: the table is empty: no row holds anything");
  assert_refused (no_sheet, "empty.xlsx", JURY_TABLE_ERROR_EMPTY,
                  "empty.xlsx: the workbook has no worksheet");
}

/* ODS */

static void
test_ods_cells (void)
{
  static const struct {
    const char *table;
    const char *expected;
  } cases[] = {
    /* White space as ODF has it: runs are one space, none at the ends; <text:s>,
     * <text:tab> and <text:line-break> are what the text really has. */
    { "<table:table-row><table:table-cell><text:p>  a \n  b  </text:p></table:table-cell>"
      "<table:table-cell><text:p><text:s/>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d <text:s/></text:p></table:table-cell>"
      "<table:table-cell><text:p>x <text:span>y</text:span> <text:a xlink:href=\"http://x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">z</text:a></text:p></table:table-cell>"
      "</table:table-row>",
      "1:a b| a   b\tc\nd  |x y z" },
    /* Paragraphs are lines; comments, drawings and notes are not the cell's text. */
    { "<table:table-row><table:table-cell><office:annotation><dc:creator>A</dc:creator><text:p>comment</text:p></office:annotation>"
      "<text:p>one</text:p><text:p/><text:h>three</text:h></table:table-cell>"
      "<table:table-cell><text:p>a<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>n</text:p></text:note-body></text:note>b</text:p>"
      "<draw:frame><draw:text-box><text:p>in a box</text:p></draw:text-box></draw:frame></table:table-cell></table:table-row>",
      "1:one\n\nthree|ab" },
    /* Repeated cells and rows; covered cells; empty ones at the end cost nothing. */
    { "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"><text:p>x</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-repeated=\"3\"/><table:covered-table-cell><text:p>c</text:p></table:covered-table-cell>"
      "<table:table-cell table:number-columns-repeated=\"16378\"/></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell><text:p>r</text:p></table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
      "<table:table-row><table:table-cell><text:p>last</text:p></table:table-cell></table:table-row>",
      "1:x|x||||c/2:r/3:r/1048574:last" },
    /* Rows in groups and header rows; columns are no rows. */
    { "<table:table-column table:number-columns-repeated=\"1024\"/><table:table-header-rows><table:table-row>"
      "<table:table-cell><text:p>h</text:p></table:table-cell></table:table-row></table:table-header-rows>"
      "<table:table-row-group><table:table-row><table:table-cell><text:p>g</text:p></table:table-cell></table:table-row></table:table-row-group>",
      "1:h/2:g" },
    /* Values: dates, times and truth values as XLSX has them; numbers as shown,
     * unless shown in scientific notation. */
    { "<table:table-row>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-03-14\"><text:p>14.03.25</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-03-14T18:00:00\"><text:p>14.03.25 18:00</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-03-14T23:59:59.999999\"><text:p>x</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"time\" office:time-value=\"PT12H30M00S\"><text:p>12:30 PM</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"time\" office:time-value=\"P1DT12H00M00.6S\"><text:p>x</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>WAHR</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"2016\"><text:p>2016</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"1067\"><text:p>01067</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"12500\"><text:p>12.500,00 €</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"4930123456789\"><text:p>4,93012E+12</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"percentage\" office:value=\"0.15\"/>"
      "<table:table-cell office:value-type=\"string\" office:string-value=\"s\"/>"
      "</table:table-row>",
      "1:2025-03-14|2025-03-14 18:00|2025-03-15|12:30|36:00:01|TRUE|2016|01067|12.500,00 €|4930123456789|0.15|s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = make_ods (cases[i].table);

      g_test_message ("case %u", i);
      assert_reads_as ("applications.ods", bytes, JURY_TABLE_FORMAT_ODS, cases[i].expected);
    }
}

/* LibreOffice saves the rest of a sheet as one empty row repeated a million
 * times: nothing of it is made. A row that holds something and is repeated as
 * often is refused before it is copied. */
static void
test_ods_repeated_rows (void)
{
  g_autoptr(GBytes) trailing = make_ods (
    "<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>");
  g_autoptr(GBytes) full = make_ods (
    "<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row>");
  g_autoptr(GBytes) wide = make_ods (
    "<table:table-row><table:table-cell table:number-columns-repeated=\"1001\"><text:p>w</text:p></table:table-cell></table:table-row>");
  g_autoptr(GBytes) many_cells = make_ods (
    "<table:table-row table:number-rows-repeated=\"2500\"><table:table-cell table:number-columns-repeated=\"1000\"><text:p>w</text:p></table:table-cell></table:table-row>");
  g_autoptr(GBytes) beyond = make_ods (
    "<table:table-row table:number-rows-repeated=\"16777216\"/>"
    "<table:table-row><table:table-cell><text:p>far</text:p></table:table-cell></table:table-row>");
  gint64 start = g_get_monotonic_time ();

  assert_reads_as ("repeated.ods", trailing, JURY_TABLE_FORMAT_ODS, "1:a");
  assert_refused (full, "repeated.ods", JURY_TABLE_ERROR_TOO_LARGE,
                  "repeated.ods: row 2: the table has more than 1000000 rows, the most a table may have");
  assert_refused (wide, "repeated.ods", JURY_TABLE_ERROR_TOO_LARGE,
                  "repeated.ods: row 1: the row has more than 1000 columns, the most a table may have");
  assert_refused (many_cells, "repeated.ods", JURY_TABLE_ERROR_TOO_LARGE,
                  "repeated.ods: row 1: the table has more than 2000000 cells, the most a table may have");
  assert_refused (beyond, "repeated.ods", JURY_TABLE_ERROR_TOO_LARGE,
                  "repeated.ods: the sheet has rows beyond row 16777216, the last a spreadsheet may have");

  /* Each is refused before anything is copied, in a blink even under a sanitizer. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_ods_text_size (void)
{
  JuryTableLimits limits;
  g_autoptr(GBytes) spaces = make_ods (
    "<table:table-row><table:table-cell><text:p><text:s text:c=\"4000000000\"/></text:p></table:table-cell></table:table-row>");
  g_autoptr(GBytes) copies = make_ods (
    "<table:table-row table:number-rows-repeated=\"100\"><table:table-cell><text:p>0123456789</text:p></table:table-cell></table:table-row>");

  assert_refused (spaces, "spaces.ods", JURY_TABLE_ERROR_TOO_LARGE,
                  "spaces.ods: row 1: the cells hold more than 256.0\u00A0MiB of text, the most a table may have");

  jury_table_limits_init (&limits);
  limits.max_text_size = 500;
  assert_refused_full (copies, "copies.ods", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "copies.ods: row 1: the cells hold more than 500 bytes of text, the most a table may have");
}

static void
test_ods_refused (void)
{
  static const struct {
    const char     *content;
    JuryTableError  code;
    const char     *message;
  } cases[] = {
    { ODS_HEAD "<office:body><office:spreadsheet/></office:body></office:document-content>",
      JURY_TABLE_ERROR_EMPTY, "sheet.ods: the table is empty: no row holds anything" },
    { ODS_HEAD "<office:body><office:spreadsheet><table:table><table:table-row><table:table-cell>"
      "<text:p>&amp;&lt;&#x41;&#0;</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
      JURY_TABLE_ERROR_DAMAGED, "sheet.ods: the spreadsheet is damaged: content.xml, line 1: the text holds a character that XML does not allow" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" ODS_HEAD
      "<office:body><office:spreadsheet><table:table><table:table-row><table:table-cell><text:p>&e;</text:p>"
      "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
      JURY_TABLE_ERROR_FORBIDDEN,
      "sheet.ods: the part content.xml declares a document type or uses an entity; spreadsheets do not, and Jury Desk does not read them (they could make the reader fetch or expand other content)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Part parts[] = {
        { "mimetype", ODS_MIMETYPE, 0 },
        { "content.xml", cases[i].content, 0 },
      };
      g_autoptr(GBytes) bytes = make_zip (parts, G_N_ELEMENTS (parts));

      g_test_message ("case %u", i);
      assert_refused (bytes, "sheet.ods", cases[i].code, cases[i].message);
    }
}

/* Hostile archives and XML */

static const char billion_laughs[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE worksheet [\n"
  " <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n"
  "<worksheet xmlns=\"" SML_NS "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol9;</t></is></c>"
  "</row></sheetData></worksheet>";

static GBytes *
make_xlsx_with_sheet (const char *sheet,
                      gsize       length)
{
  const Part parts[] = {
    { "xl/workbook.xml",
      "<workbook xmlns=\"" SML_NS "\" xmlns:r=\"" REL_NS "\"><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0 },
    { "xl/_rels/workbook.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>", 0 },
    { "xl/worksheets/sheet1.xml", sheet, length },
  };

  return make_zip (parts, G_N_ELEMENTS (parts));
}

static void
test_encoding_refused (void)
{
  g_autoptr(GBytes) ucs4 = make_xlsx_with_sheet ("\0\0<\0\0\0w\0", 8);
  g_autoptr(GBytes) utf16 = make_xlsx_with_sheet ("\xFF\xFE<\0w\0\x00\xDC>\0", 10);

  assert_refused (ucs4, "odd.xlsx", JURY_TABLE_ERROR_DAMAGED,
                  "odd.xlsx: the spreadsheet is damaged: xl/worksheets/sheet1.xml, line …");
  assert_refused (utf16, "odd.xlsx", JURY_TABLE_ERROR_DAMAGED,
                  "odd.xlsx: the spreadsheet is damaged: xl/worksheets/sheet1.xml, line …");
}

static void
test_doctype (void)
{
  static const char forbidden[] =
    "laughs.xlsx: the part xl/worksheets/sheet1.xml declares a document type or uses an entity; spreadsheets do not, and Jury Desk does not read them (they could make the reader fetch or expand other content)";
  g_autoptr(GBytes) laughs = make_xlsx_with_sheet (billion_laughs, 0);
  g_autoptr(GBytes) external = make_xlsx_with_sheet (
    "<?xml version=\"1.0\"?><!DOCTYPE worksheet SYSTEM \"http://example.com/x.dtd\">"
    "<worksheet xmlns=\"" SML_NS "\"><sheetData/></worksheet>", 0);
  g_autoptr(GBytes) utf16 = NULL;
  g_autofree char *utf16_sheet = NULL;
  g_autofree char *with_bom = NULL;
  gsize utf16_length = 0;
  gint64 start = g_get_monotonic_time ();

  assert_refused (laughs, "laughs.xlsx", JURY_TABLE_ERROR_FORBIDDEN, forbidden);
  assert_refused (external, "laughs.xlsx", JURY_TABLE_ERROR_FORBIDDEN, forbidden);

  /* In UTF-16 the bytes of "<!DOCTYPE" are not seen; the reader's node is. */
  utf16_sheet = g_convert (billion_laughs, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL);
  g_assert_nonnull (utf16_sheet);
  with_bom = g_malloc (utf16_length + 2);
  memcpy (with_bom, "\xFF\xFE", 2);
  memcpy (with_bom + 2, utf16_sheet, utf16_length);
  utf16 = make_xlsx_with_sheet (with_bom, utf16_length + 2);
  assert_refused (utf16, "laughs.xlsx", JURY_TABLE_ERROR_FORBIDDEN, forbidden);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A part that unpacks to more than the limit: one that says so, one that
 * hides it, and a ZIP bomb. */
static void
test_part_size (void)
{
  static const char forbidden_message[] =
    "big.xlsx: the part xl/worksheets/sheet1.xml unpacks to more than 1.0\u00A0KiB, the most a part of a spreadsheet may have";
  g_autoptr(GString) sheet = g_string_new ("<worksheet xmlns=\"" SML_NS "\"><sheetData>");
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) hidden = NULL;
  g_autoptr(GBytes) declared_huge = NULL;
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GBytes) hidden_bomb = NULL;
  g_autofree char *zeros = NULL;
  JuryTableLimits limits;
  gsize bomb_size = 64 * 1024 * 1024;
  gint64 start;

  for (guint i = 1; i <= 100; i++)
    g_string_append_printf (sheet, "<row r=\"%u\"><c><v>%u</v></c></row>", i, i);
  g_string_append (sheet, "</sheetData></worksheet>");
  big = make_xlsx_with_sheet (sheet->str, 0);

  jury_table_limits_init (&limits);
  limits.max_part_size = 1024;
  assert_refused_full (big, "big.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE, forbidden_message);

  hidden = declare_size (big, "xl/worksheets/sheet1.xml", 100);
  assert_refused_full (hidden, "big.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE, forbidden_message);

  /* With the default limits: refused by what it declares, unpacking nothing. */
  declared_huge = declare_size (big, "xl/worksheets/sheet1.xml", 300 * 1024 * 1024);
  assert_refused (declared_huge, "big.xlsx", JURY_TABLE_ERROR_TOO_LARGE,
                  "big.xlsx: the part xl/worksheets/sheet1.xml unpacks to more than 256.0\u00A0MiB, the most a part of a spreadsheet may have");

  /* 64 MiB of spaces, some 64 KiB packed. */
  zeros = g_malloc (bomb_size);
  memset (zeros, ' ', bomb_size);
  memcpy (zeros, "<worksheet>", strlen ("<worksheet>"));
  bomb = make_xlsx_with_sheet (zeros, bomb_size);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  hidden_bomb = declare_size (bomb, "xl/worksheets/sheet1.xml", 100);

  start = g_get_monotonic_time ();
  limits.max_part_size = 1024 * 1024;
  assert_refused_full (bomb, "bomb.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "bomb.xlsx: the part xl/worksheets/sheet1.xml unpacks to more than 1.0\u00A0MiB, the most a part of a spreadsheet may have");
  assert_refused_full (hidden_bomb, "bomb.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "bomb.xlsx: the part xl/worksheets/sheet1.xml unpacks to more than 1.0\u00A0MiB, the most a part of a spreadsheet may have");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_limits (void)
{
  g_autoptr(GBytes) xlsx = make_xlsx (
    "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row><row r=\"3\"><c r=\"C3\"><v>3</v></c></row>", NULL);
  g_autoptr(GBytes) ods = make_ods (
    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>");
  JuryTableLimits limits;

  jury_table_limits_init (&limits);
  limits.max_rows = 2;
  assert_refused_full (xlsx, "rows.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "rows.xlsx: row 3: the table has more than 2 rows, the most a table may have");
  assert_refused_full (ods, "rows.ods", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "rows.ods: row 1: the table has more than 2 rows, the most a table may have");

  jury_table_limits_init (&limits);
  limits.max_cells = 4;
  assert_refused_full (xlsx, "rows.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "rows.xlsx: row 3: the table has more than 4 cells, the most a table may have");

  jury_table_limits_init (&limits);
  limits.max_columns = 2;
  assert_refused_full (xlsx, "rows.xlsx", &limits, JURY_TABLE_ERROR_TOO_LARGE,
                       "rows.xlsx: row 3: the row has more than 2 columns, the most a table may have");
}

/* None of the refusals above makes a library write to the terminal. */
static void
test_quiet (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GString) long_sheet = g_string_new (NULL);
      g_autoptr(GBytes) laughs = make_xlsx_with_sheet (billion_laughs, 0);
      g_autoptr(GBytes) broken = make_xlsx ("<row r=\"1\"><c><v>1</v></c>", NULL);
      g_autoptr(GBytes) bad_utf8 = make_xlsx ("", "<si><t>caf\xE9</t></si>");
      g_autoptr(GBytes) entity = make_xlsx ("<row><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>", NULL);
      g_autoptr(GBytes) garbage = g_bytes_new_static ("PK\x03\x04garbage", 11);
      /* An order of UCS-4 that libxml2 does not know, and UTF-16 with half a
       * surrogate pair: libxml2 complains of both without a parser at hand. */
      g_autoptr(GBytes) ucs4 = make_xlsx_with_sheet ("\0\0<\0\0\0w\0", 8);
      g_autoptr(GBytes) utf16 = make_xlsx_with_sheet ("\xFF\xFE<\0w\0\x00\xDC>\0", 10);
      g_autoptr(GBytes) big = NULL;
      g_autoptr(GBytes) hidden = NULL;
      g_autofree char *path = fixture_path ("table-libreoffice.xlsx");
      g_autoptr(GBytes) whole = jury_test_read_bytes (path);
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) - 100);
      JuryTableLimits small_parts;
      struct {
        GBytes                *bytes;
        const JuryTableLimits *limits;
      } inputs[] = {
        { laughs, NULL }, { broken, NULL }, { bad_utf8, NULL }, { entity, NULL },
        { garbage, NULL }, { ucs4, NULL }, { utf16, NULL }, { cut, NULL },
        { NULL, &small_parts },
      };

      /* A sheet larger than the parts of the workbook, hiding its size. */
      for (guint i = 1; i <= 50; i++)
        g_string_append_printf (long_sheet, "<row r=\"%u\"><c><v>%u</v></c></row>", i, i);
      big = make_xlsx (long_sheet->str, NULL);
      hidden = declare_size (big, "xl/worksheets/sheet1.xml", 10);
      inputs[G_N_ELEMENTS (inputs) - 1].bytes = hidden;
      jury_table_limits_init (&small_parts);
      small_parts.max_part_size = 1000;

      for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JuryTable) table = NULL;

          table = jury_table_read_bytes_full (inputs[i].bytes, "x.xlsx", inputs[i].limits, NULL, &error);
          g_assert_null (table);
          g_assert_nonnull (error);
          /* Each reaches the part it is about. */
          g_assert_true (strstr (error->message, "xl/") != NULL || i == 4 || i == 7);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strconcat ("/table/fixture/", fixtures[i].file, NULL);

      g_test_add_data_func (path, &fixtures[i], test_fixture);
    }
  g_test_add_data_func ("/table/xlsxwriter/shared-strings", GINT_TO_POINTER (FALSE), test_xlsxwriter);
  g_test_add_data_func ("/table/xlsxwriter/inline-strings", GINT_TO_POINTER (TRUE), test_xlsxwriter);
  g_test_add_func ("/table/format-names", test_format_names);
  g_test_add_func ("/table/read/async", test_read_async);
  g_test_add_func ("/table/read/cancelled", test_read_cancelled);
  g_test_add_func ("/table/read/missing", test_read_missing_file);
  g_test_add_func ("/table/csv/cells", test_csv);
  g_test_add_func ("/table/csv/encodings", test_csv_encodings);
  g_test_add_func ("/table/csv/refused", test_csv_refused);
  g_test_add_func ("/table/csv/limits", test_csv_limits);
  g_test_add_func ("/table/refused/other-files", test_other_files);
  g_test_add_func ("/table/refused/other-zips", test_other_zips);
  g_test_add_func ("/table/refused/encrypted", test_encrypted);
  g_test_add_func ("/table/refused/encrypted-zip", test_encrypted_zip);
  g_test_add_func ("/table/xlsx/cells", test_xlsx_cells);
  g_test_add_func ("/table/xlsx/shared-strings", test_xlsx_shared_strings);
  g_test_add_func ("/table/xlsx/dates", test_xlsx_dates);
  g_test_add_func ("/table/xlsx/first-sheet", test_xlsx_first_sheet);
  g_test_add_func ("/table/xlsx/refused", test_xlsx_refused);
  g_test_add_func ("/table/xlsx/empty", test_xlsx_empty);
  g_test_add_func ("/table/ods/cells", test_ods_cells);
  g_test_add_func ("/table/ods/repeated-rows", test_ods_repeated_rows);
  g_test_add_func ("/table/ods/text-size", test_ods_text_size);
  g_test_add_func ("/table/ods/refused", test_ods_refused);
  g_test_add_func ("/table/refused/doctype", test_doctype);
  g_test_add_func ("/table/refused/encoding", test_encoding_refused);
  g_test_add_func ("/table/refused/part-size", test_part_size);
  g_test_add_func ("/table/refused/limits", test_limits);
  g_test_add_func ("/table/quiet", test_quiet);

  return g_test_run ();
}
