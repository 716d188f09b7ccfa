/* jury-table-xlsx.c: the first worksheet of an XLSX workbook, read as a stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jury-table-private.h"

/* SpreadsheetML as Excel and LibreOffice write it, and its strict variant. */
#define SML_NS         "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define SML_STRICT_NS  "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define REL_NS         "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_STRICT_NS  "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define PKG_REL_NS     "http://schemas.openxmlformats.org/package/2006/relationships"

#define WORKBOOK_PART       "xl/workbook.xml"
#define WORKBOOK_RELS_PART  "xl/_rels/workbook.xml.rels"
#define WORKBOOK_FOLDER     "xl/"
/* Where the parts are when the workbook's relationships do not say. */
#define STYLES_PART         "xl/styles.xml"
#define STRINGS_PART        "xl/sharedStrings.xml"

/* The first sheets that may be the first worksheet; the others may be charts. */
#define MAX_SHEETS_LOOKED_AT 64

/* The last column of a worksheet, XFD. */
#define MAX_COLUMN 16383

/* The last serial number of a date: 9999-12-31. */
#define MAX_DATE_SERIAL 2958465

typedef enum
{
  FORMAT_NUMBER,
  FORMAT_DATE,
  FORMAT_DATE_TIME,
  FORMAT_TIME,
  FORMAT_DURATION,   /* [h]:mm: hours past a day */
} NumberFormat;

typedef struct
{
  JuryTableZip     *zip;
  JuryTableBuilder *builder;
  const char       *name;

  gboolean          date1904;
  GPtrArray        *sheet_ids;    /* r:id of the first sheets, in workbook order */
  GPtrArray        *sheet_parts;  /* the part of each, where it is a worksheet, or NULL */
  char             *styles_part;
  char             *strings_part;

  GArray           *xf_formats;   /* NumberFormat (guint8) of each cell format, s="…" */
  GPtrArray        *strings;      /* the shared strings */
} Xlsx;

static void
xlsx_clear (Xlsx *xlsx)
{
  g_clear_pointer (&xlsx->sheet_ids, g_ptr_array_unref);
  g_clear_pointer (&xlsx->sheet_parts, g_ptr_array_unref);
  g_clear_pointer (&xlsx->styles_part, g_free);
  g_clear_pointer (&xlsx->strings_part, g_free);
  g_clear_pointer (&xlsx->xf_formats, g_array_unref);
  g_clear_pointer (&xlsx->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Xlsx, xlsx_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JuryTableXml, jury_table_xml_close)

static gboolean
is_sml (JuryTableXml *xml,
        const char   *local_name)
{
  return jury_table_xml_is_element (xml, SML_NS, local_name)
         || jury_table_xml_is_element (xml, SML_STRICT_NS, local_name);
}

static gboolean
is_element (JuryTableXml *xml)
{
  return xmlTextReaderNodeType (xml->reader) == XML_READER_TYPE_ELEMENT;
}

static int
depth (JuryTableXml *xml)
{
  return xmlTextReaderDepth (xml->reader);
}

/* Whether TEXT is a whole number from 0 to MAX, into *VALUE. */
static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *value)
{
  guint64 result = 0;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      result = result * 10 + (*p - '0');
      if (result > max)
        return FALSE;
    }

  *value = result;
  return TRUE;
}

static gboolean
is_true (const char *value)
{
  return g_strcmp0 (value, "1") == 0 || g_strcmp0 (value, "true") == 0;
}

/* Excel writes characters that XML cannot carry as _xHHHH_, and an underscore
 * that would start such an escape as _x005F_. Control characters other than
 * tab and line breaks stay escaped: a cell holds none. */
static char *
decode_escapes (const char *text)
{
  GString *out;
  const char *p = text;

  if (strstr (text, "_x") == NULL)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  while (*p != '\0')
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                       | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c == '\t' || c == '\n' || c == '\r'
              || (c >= 0x20 && (c < 0xD800 || c > 0xDFFF) && c != 0xFFFE && c != 0xFFFF))
            {
              g_string_append_unichar (out, c);
              p += 7;
              continue;
            }
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/* Number formats */

/* The formats that ECMA-376 numbers for dates and times; 27–36 and 50–58 are
 * the East Asian dates (and two times) of Excel in those languages. */
static NumberFormat
builtin_format (guint64 id)
{
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36)
      || (id >= 50 && id <= 58))
    return FORMAT_DATE;
  if (id == 22)
    return FORMAT_DATE_TIME;
  if ((id >= 18 && id <= 21) || id == 32 || id == 33 || id == 45 || id == 47)
    return FORMAT_TIME;
  if (id == 46)
    return FORMAT_DURATION;

  return FORMAT_NUMBER;
}

/* A format code shows a date when it has date letters outside quotes, brackets
 * and escapes: y, d, or m (a month unless beside h or s, but a month and a
 * minute both need a date or a time to show); h and s show a time. */
static NumberFormat
classify_format_code (const char *code)
{
  gboolean date = FALSE;
  gboolean time = FALSE;
  gboolean month_or_minute = FALSE;
  gboolean elapsed = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            goto done;
          break;

        case '\\':
        case '_':
        case '*':
          /* The next character is shown as it is, or is padding. */
          if (p[1] == '\0')
            goto done;
          p = g_utf8_next_char (p + 1) - 1;
          break;

        case '[':
          if (strchr ("hHmMsS", p[1]) != NULL && p[1] != '\0')
            elapsed = time = TRUE;
          p = strchr (p + 1, ']');
          if (p == NULL)
            goto done;
          break;

        case 'A':
        case 'a':
          if (g_ascii_strncasecmp (p, "AM/PM", 5) == 0)
            p += 4;
          else if (g_ascii_strncasecmp (p, "A/P", 3) == 0)
            p += 2;
          break;

        case 'y':
        case 'Y':
        case 'd':
        case 'D':
          date = TRUE;
          break;

        case 'h':
        case 'H':
        case 's':
        case 'S':
          time = TRUE;
          break;

        case 'm':
        case 'M':
          month_or_minute = TRUE;
          break;

        default:
          break;
        }
    }

done:
  if (date)
    return time ? FORMAT_DATE_TIME : FORMAT_DATE;
  if (time)
    return elapsed ? FORMAT_DURATION : FORMAT_TIME;
  if (month_or_minute)
    return FORMAT_DATE;

  return FORMAT_NUMBER;
}

/* What a number in a cell of format KIND shows: a date or time of the
 * workbook's date system, or NULL to show the number. */
static char *
serial_to_text (double        serial,
                NumberFormat  kind,
                gboolean      date1904)
{
  GDate date;
  gint64 days;
  gint64 seconds;

  if (!isfinite (serial) || serial < 0 || serial >= MAX_DATE_SERIAL + 1)
    return NULL;

  days = (gint64) floor (serial);
  seconds = (gint64) round ((serial - (double) days) * 86400);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }

  if (kind == FORMAT_TIME)
    return jury_table_format_time ((guint64) seconds);
  if (kind == FORMAT_DURATION)
    return jury_table_format_time ((guint64) (days * 86400 + seconds));

  if (kind == FORMAT_DATE)
    seconds = -1;

  g_date_clear (&date, 1);
  if (date1904)
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
  else if (days == 0)
    /* Excel shows "1900-01-00"; no such date can be written. */
    return NULL;
  else if (days == 60)
    /* Lotus 1-2-3 took 1900 for a leap year, and Excel keeps that day. */
    return jury_table_format_date (1900, 2, 29, seconds);
  else if (days < 60)
    g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
  else
    g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);

  if (days > MAX_DATE_SERIAL)
    return NULL;
  g_date_add_days (&date, (guint) days);

  return jury_table_format_date (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), seconds);
}

/* The workbook */

/* TARGET of a relationship of the workbook, as a part of the archive; NULL
 * when it leaves the archive. */
static char *
resolve_target (const char *target)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (target[0] == '/')
    path = g_strdup (target + 1);
  else
    path = g_strconcat (WORKBOOK_FOLDER, target, NULL);

  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (kept->len == 0)
            return NULL;
          g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, segments[i]);
    }

  if (kept->len == 0)
    return NULL;

  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static void
note_sheet (Xlsx         *xlsx,
            JuryTableXml *xml)
{
  char *id;

  if (xlsx->sheet_ids->len >= MAX_SHEETS_LOOKED_AT)
    return;

  id = jury_table_xml_dup_attribute (xml, REL_NS, "id");
  if (id == NULL)
    id = jury_table_xml_dup_attribute (xml, REL_STRICT_NS, "id");
  if (id != NULL)
    g_ptr_array_add (xlsx->sheet_ids, id);
}

/* The date system and the first sheets, in the order the workbook shows them. */
static gboolean
read_workbook (Xlsx    *xlsx,
               GError **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  int sheets_depth = -1;
  int ret;

  if (!jury_table_xml_open (&xml, xlsx->zip, WORKBOOK_PART, error))
    return FALSE;

  while ((ret = jury_table_xml_read (&xml)) == 1)
    {
      if (is_sml (&xml, "workbookPr"))
        {
          g_autofree char *date1904 = jury_table_xml_dup_attribute (&xml, NULL, "date1904");

          xlsx->date1904 = is_true (date1904);
        }
      else if (is_sml (&xml, "sheets"))
        {
          if (xmlTextReaderIsEmptyElement (xml.reader))
            break;
          sheets_depth = depth (&xml);
        }
      else if (is_sml (&xml, "sheet") && sheets_depth >= 0)
        note_sheet (xlsx, &xml);
      else if (jury_table_xml_is_end (&xml, sheets_depth))
        break;
    }

  if (ret < 0)
    return jury_table_xml_fail (&xml, error);

  if (xlsx->sheet_ids->len == 0)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_EMPTY, xlsx->name,
                            _("the workbook has no worksheet"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_type (const char *type,
          const char *suffix)
{
  return type != NULL && g_str_has_suffix (type, suffix);
}

static void
note_relationship (Xlsx         *xlsx,
                   JuryTableXml *xml)
{
  g_autofree char *id = jury_table_xml_dup_attribute (xml, NULL, "Id");
  g_autofree char *type = jury_table_xml_dup_attribute (xml, NULL, "Type");
  g_autofree char *target = jury_table_xml_dup_attribute (xml, NULL, "Target");
  g_autofree char *mode = jury_table_xml_dup_attribute (xml, NULL, "TargetMode");

  if (id == NULL || target == NULL || g_strcmp0 (mode, "External") == 0)
    return;

  if (has_type (type, "/worksheet"))
    {
      for (guint i = 0; i < xlsx->sheet_ids->len; i++)
        if (strcmp (xlsx->sheet_ids->pdata[i], id) == 0 && xlsx->sheet_parts->pdata[i] == NULL)
          xlsx->sheet_parts->pdata[i] = resolve_target (target);
    }
  else if (has_type (type, "/styles") && xlsx->styles_part == NULL)
    xlsx->styles_part = resolve_target (target);
  else if (has_type (type, "/sharedStrings") && xlsx->strings_part == NULL)
    xlsx->strings_part = resolve_target (target);
}

/* Where the first worksheet, the styles and the shared strings are. */
static gboolean
read_relationships (Xlsx    *xlsx,
                    GError **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  int ret;

  g_ptr_array_set_size (xlsx->sheet_parts, xlsx->sheet_ids->len);

  if (!jury_table_xml_open (&xml, xlsx->zip, WORKBOOK_RELS_PART, error))
    return FALSE;

  while ((ret = jury_table_xml_read (&xml)) == 1)
    if (jury_table_xml_is_element (&xml, PKG_REL_NS, "Relationship"))
      note_relationship (xlsx, &xml);

  if (ret < 0)
    return jury_table_xml_fail (&xml, error);

  for (guint i = 0; i < xlsx->sheet_parts->len; i++)
    if (xlsx->sheet_parts->pdata[i] != NULL)
      return TRUE;

  jury_table_set_error (error, JURY_TABLE_ERROR_EMPTY, xlsx->name,
                        _("the workbook has no worksheet"));
  return FALSE;
}

static const char *
first_sheet_part (Xlsx *xlsx)
{
  for (guint i = 0; i < xlsx->sheet_parts->len; i++)
    if (xlsx->sheet_parts->pdata[i] != NULL)
      return xlsx->sheet_parts->pdata[i];

  g_assert_not_reached ();
}

/* Styles: which cell formats show a number as a date or time. */
static gboolean
read_styles (Xlsx    *xlsx,
             GError **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  /* numFmtId → NumberFormat + 1 of the custom formats */
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  const char *part = xlsx->styles_part != NULL ? xlsx->styles_part : STYLES_PART;
  gboolean in_cell_xfs = FALSE;
  int ret;

  if (!jury_table_zip_has (xlsx->zip, part))
    return TRUE;

  if (!jury_table_xml_open (&xml, xlsx->zip, part, error))
    return FALSE;

  /* The custom formats come before the cell formats that use them. */
  while ((ret = jury_table_xml_read (&xml)) == 1)
    {
      g_autofree char *id_text = NULL;
      guint64 id;

      if (is_sml (&xml, "cellXfs"))
        {
          if (xmlTextReaderIsEmptyElement (xml.reader))
            break;
          in_cell_xfs = TRUE;
          continue;
        }
      if (in_cell_xfs && jury_table_xml_is_end (&xml, 1))
        break;

      /* numFmt also stands in the formats of conditional formatting, deeper down. */
      if (!((is_sml (&xml, "numFmt") && depth (&xml) == 2) || (in_cell_xfs && is_sml (&xml, "xf"))))
        continue;

      id_text = jury_table_xml_dup_attribute (&xml, NULL, "numFmtId");
      if (!parse_uint (id_text, G_MAXUINT32, &id))
        id = 0;

      if (in_cell_xfs)
        {
          gpointer kind = g_hash_table_lookup (custom, GUINT_TO_POINTER ((guint) id));
          guint8 format = kind != NULL ? GPOINTER_TO_UINT (kind) - 1 : builtin_format (id);

          g_array_append_val (xlsx->xf_formats, format);
        }
      else
        {
          g_autofree char *code = jury_table_xml_dup_attribute (&xml, NULL, "formatCode");

          g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) id),
                               GUINT_TO_POINTER (classify_format_code (code != NULL ? code : "") + 1));
        }
    }

  if (ret < 0)
    return jury_table_xml_fail (&xml, error);

  return TRUE;
}

/* The text of a string item, <si> or <is>: its <t>, or the <t> of its runs,
 * without the reading aids (<rPh>) of East Asian text. */
static int
read_string_item (JuryTableXml *xml,
                  GString      *out)
{
  int item_depth = depth (xml);
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autofree char *decoded = NULL;
  int ret;

  if (!xmlTextReaderIsEmptyElement (xml->reader))
    {
      ret = jury_table_xml_read (xml);
      while (ret == 1 && !jury_table_xml_is_end (xml, item_depth))
        {
          if (is_sml (xml, "t"))
            {
              if (jury_table_xml_read_text (xml, raw) < 0)
                return -1;
              ret = jury_table_xml_read (xml);
            }
          else if (is_sml (xml, "rPh") || is_sml (xml, "phoneticPr"))
            ret = jury_table_xml_skip (xml);
          else
            ret = jury_table_xml_read (xml);
        }
      if (ret != 1)
        return -1;
    }

  decoded = decode_escapes (raw->str);
  g_string_append (out, decoded);
  return 1;
}

static gboolean
read_shared_strings (Xlsx    *xlsx,
                     GError **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  const char *part = xlsx->strings_part != NULL ? xlsx->strings_part : STRINGS_PART;
  guint max_strings = xlsx->builder->limits->max_cells;
  int ret;

  if (!jury_table_zip_has (xlsx->zip, part))
    return TRUE;

  if (!jury_table_xml_open (&xml, xlsx->zip, part, error))
    return FALSE;

  ret = jury_table_xml_read (&xml);
  while (ret == 1)
    {
      g_autoptr(GString) text = NULL;

      if (!(is_sml (&xml, "si") && depth (&xml) == 1))
        {
          ret = jury_table_xml_read (&xml);
          continue;
        }

      /* No table uses more different texts than it may have cells. */
      if (xlsx->strings->len >= max_strings)
        {
          jury_table_set_error (error, JURY_TABLE_ERROR_TOO_LARGE, xlsx->name,
                                _("the workbook holds more than %u different texts, the most a table may have"),
                                max_strings);
          return FALSE;
        }

      text = g_string_new (NULL);
      if (read_string_item (&xml, text) < 0)
        return jury_table_xml_fail (&xml, error);
      g_ptr_array_add (xlsx->strings, g_string_free (g_steal_pointer (&text), FALSE));
      ret = jury_table_xml_read (&xml);
    }

  if (ret < 0)
    return jury_table_xml_fail (&xml, error);

  return TRUE;
}

/* The sheet */

/* The column of a cell reference such as "C7", 0-based: A is 0, XFD 16383. */
static gboolean
parse_column (const char *reference,
              gint64     *column)
{
  gint64 value = 0;
  guint n_letters = 0;
  const char *p;

  for (p = reference; g_ascii_isalpha (*p); p++)
    {
      if (++n_letters > 3)
        return FALSE;
      value = value * 26 + (g_ascii_toupper (*p) - 'A' + 1);
    }

  if (n_letters == 0)
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  *column = value - 1;
  return TRUE;
}

typedef struct
{
  const char *reference;   /* nullable */
  const char *type;        /* nullable: a number */
  guint64     style;
  GString    *value;       /* <v>, or NULL */
  GString    *inline_text; /* <is>, or NULL */
} Cell;

static void
cell_clear (Cell *cell)
{
  if (cell->value != NULL)
    g_string_free (g_steal_pointer (&cell->value), TRUE);
  if (cell->inline_text != NULL)
    g_string_free (g_steal_pointer (&cell->inline_text), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cell, cell_clear)

static char *
shared_string (Xlsx        *xlsx,
               JuryTableXml *xml,
               const Cell  *cell,
               GError     **error)
{
  g_autofree char *index_text = g_strstrip (g_strdup (cell->value->str));
  guint64 index;

  if (!parse_uint (index_text, G_MAXUINT64 / 10, &index) || index >= xlsx->strings->len)
    {
      jury_table_set_row_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name, xml->row,
                                _("the spreadsheet is damaged: the cell %s refers to text number %s, which the workbook does not hold"),
                                cell->reference != NULL ? cell->reference : "?", index_text);
      return NULL;
    }

  return g_strdup (xlsx->strings->pdata[index]);
}

static char *
number_text (Xlsx       *xlsx,
             const Cell *cell)
{
  g_autofree char *number = jury_table_normalize_number (cell->value->str);
  NumberFormat kind = FORMAT_NUMBER;
  char *end = NULL;
  double value;
  char *text;

  if (cell->style < xlsx->xf_formats->len)
    kind = g_array_index (xlsx->xf_formats, guint8, cell->style);
  if (kind == FORMAT_NUMBER)
    return g_steal_pointer (&number);

  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0')
    return g_steal_pointer (&number);

  text = serial_to_text (value, kind, xlsx->date1904);
  return text != NULL ? text : g_steal_pointer (&number);
}

/* The text a cell shows, by its type. Returns NULL with ERROR set for a
 * damaged cell; an empty cell is "". */
static char *
cell_text (Xlsx         *xlsx,
           JuryTableXml *xml,
           const Cell   *cell,
           GError      **error)
{
  const char *type = cell->type != NULL ? cell->type : "n";
  char *text;

  if (strcmp (type, "inlineStr") == 0 && cell->inline_text != NULL)
    return g_strdup (cell->inline_text->str);

  if (cell->value == NULL)
    return g_strdup ("");

  if (strcmp (type, "s") == 0)
    return shared_string (xlsx, xml, cell, error);
  if (strcmp (type, "b") == 0)
    {
      if (is_true (cell->value->str))
        return g_strdup ("TRUE");
      if (strcmp (cell->value->str, "0") == 0 || strcmp (cell->value->str, "false") == 0)
        return g_strdup ("FALSE");
      return g_strdup (cell->value->str);
    }
  if (strcmp (type, "str") == 0 || strcmp (type, "inlineStr") == 0)
    return decode_escapes (cell->value->str);
  if (strcmp (type, "d") == 0)
    {
      text = jury_table_format_iso_date_time (cell->value->str);
      return text != NULL ? text : g_strdup (cell->value->str);
    }
  if (strcmp (type, "n") == 0)
    return number_text (xlsx, cell);

  /* "e", an error such as #DIV/0!, and whatever else: as it stands. */
  return g_strdup (cell->value->str);
}

/* The value and inline text of the cell element at the reader. */
static int
read_cell_content (JuryTableXml *xml,
                   Cell         *cell)
{
  int cell_depth = depth (xml);
  int ret;

  if (xmlTextReaderIsEmptyElement (xml->reader))
    return 1;

  ret = jury_table_xml_read (xml);
  while (ret == 1 && !jury_table_xml_is_end (xml, cell_depth))
    {
      if (is_sml (xml, "v"))
        {
          if (cell->value == NULL)
            cell->value = g_string_new (NULL);
          if (jury_table_xml_read_text (xml, cell->value) < 0)
            return -1;
          ret = jury_table_xml_read (xml);
        }
      else if (is_sml (xml, "is"))
        {
          if (cell->inline_text == NULL)
            cell->inline_text = g_string_new (NULL);
          if (read_string_item (xml, cell->inline_text) < 0)
            return -1;
          ret = jury_table_xml_read (xml);
        }
      else if (is_element (xml))
        /* A formula (its value is in <v>), extensions. */
        ret = jury_table_xml_skip (xml);
      else
        ret = jury_table_xml_read (xml);
    }

  return ret == 1 ? 1 : -1;
}

static gboolean
read_cell (Xlsx         *xlsx,
           JuryTableXml *xml,
           gint64       *last_column,
           GError      **error)
{
  g_autofree char *reference = jury_table_xml_dup_attribute (xml, NULL, "r");
  g_autofree char *style = NULL;
  g_autofree char *type = NULL;
  g_auto(Cell) cell = { reference, NULL, 0, NULL, NULL };
  gint64 column = *last_column + 1;
  char *text;

  if (reference != NULL && !parse_column (reference, &column))
    {
      jury_table_set_row_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name, xml->row,
                                _("the spreadsheet is damaged: “%s” is no cell reference"), reference);
      return FALSE;
    }
  /* Empty cells are not kept, but they are not endless either. */
  if (column > MAX_COLUMN)
    {
      jury_table_set_row_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name, xml->row,
                                _("the spreadsheet is damaged: the row has cells beyond column XFD, the last a worksheet may have"));
      return FALSE;
    }
  if (column <= *last_column)
    {
      jury_table_set_row_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name, xml->row,
                                _("the spreadsheet is damaged: the cell %s comes after a cell right of it"),
                                reference);
      return FALSE;
    }
  *last_column = column;

  /* A cell with nothing in it, only a format, holds no value. */
  if (xmlTextReaderIsEmptyElement (xml->reader))
    return TRUE;

  style = jury_table_xml_dup_attribute (xml, NULL, "s");
  type = jury_table_xml_dup_attribute (xml, NULL, "t");
  cell.type = type;
  if (!parse_uint (style, G_MAXUINT32, &cell.style))
    cell.style = 0;

  if (read_cell_content (xml, &cell) < 0)
    return jury_table_xml_fail (xml, error);

  text = cell_text (xlsx, xml, &cell, error);
  if (text == NULL)
    return FALSE;

  return jury_table_builder_add_cell (xlsx->builder, (guint64) column, text, 1, error);
}

static gboolean
read_row (Xlsx          *xlsx,
          JuryTableXml  *xml,
          guint         *last_row,
          GError       **error)
{
  g_autofree char *number_text = jury_table_xml_dup_attribute (xml, NULL, "r");
  guint64 number = (guint64) *last_row + 1;
  gint64 last_column = -1;
  int row_depth = depth (xml);

  if (number_text != NULL && !parse_uint (number_text, G_MAXUINT32, &number))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name,
                            _("the spreadsheet is damaged: “%s” is no row number"), number_text);
      return FALSE;
    }
  if (number <= *last_row)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name,
                            _("the spreadsheet is damaged: row %u comes after row %u"),
                            (guint) number, *last_row);
      return FALSE;
    }
  if (number > JURY_TABLE_MAX_ROW_NUMBER)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, xlsx->name,
                            _("the spreadsheet is damaged: it has a row %u, beyond the last row a spreadsheet may have"),
                            (guint) number);
      return FALSE;
    }

  *last_row = (guint) number;
  xml->row = (guint) number;
  jury_table_builder_begin_row (xlsx->builder, (guint) number);

  if (!xmlTextReaderIsEmptyElement (xml->reader))
    {
      int ret = jury_table_xml_read (xml);

      while (ret == 1 && !jury_table_xml_is_end (xml, row_depth))
        {
          if (is_sml (xml, "c"))
            {
              if (!read_cell (xlsx, xml, &last_column, error))
                return FALSE;
              ret = jury_table_xml_read (xml);
            }
          else if (is_element (xml))
            ret = jury_table_xml_skip (xml);
          else
            ret = jury_table_xml_read (xml);
        }

      if (ret != 1)
        return jury_table_xml_fail (xml, error);
    }

  if (!jury_table_builder_end_row (xlsx->builder, 1, error))
    return FALSE;

  xml->row = 0;
  return TRUE;
}

static gboolean
read_sheet (Xlsx    *xlsx,
            GError **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  guint last_row = 0;
  int data_depth;
  int ret;

  if (!jury_table_xml_open (&xml, xlsx->zip, first_sheet_part (xlsx), error))
    return FALSE;

  /* What comes before the cells (columns, views) is skipped whole. */
  ret = jury_table_xml_read (&xml);
  while (ret == 1 && !is_sml (&xml, "sheetData"))
    ret = is_element (&xml) && depth (&xml) > 0 ? jury_table_xml_skip (&xml) : jury_table_xml_read (&xml);

  if (ret < 0)
    return jury_table_xml_fail (&xml, error);
  if (ret == 0 || xmlTextReaderIsEmptyElement (xml.reader))
    return TRUE;

  /* What comes after them (merged cells, links) is not read at all. */
  data_depth = depth (&xml);
  ret = jury_table_xml_read (&xml);
  while (ret == 1 && !jury_table_xml_is_end (&xml, data_depth))
    {
      if (is_sml (&xml, "row"))
        {
          if (!read_row (xlsx, &xml, &last_row, error))
            return FALSE;
          ret = jury_table_xml_read (&xml);
        }
      else if (is_element (&xml))
        ret = jury_table_xml_skip (&xml);
      else
        ret = jury_table_xml_read (&xml);
    }

  if (ret != 1)
    return jury_table_xml_fail (&xml, error);

  return TRUE;
}

gboolean
jury_table_read_xlsx (JuryTableZip      *zip,
                      JuryTableBuilder  *builder,
                      GError           **error)
{
  g_auto(Xlsx) xlsx = { 0 };

  xlsx.zip = zip;
  xlsx.builder = builder;
  xlsx.name = zip->name;
  xlsx.sheet_ids = g_ptr_array_new_with_free_func (g_free);
  xlsx.sheet_parts = g_ptr_array_new_with_free_func (g_free);
  xlsx.xf_formats = g_array_new (FALSE, FALSE, sizeof (guint8));
  xlsx.strings = g_ptr_array_new_with_free_func (g_free);

  return read_workbook (&xlsx, error)
         && read_relationships (&xlsx, error)
         && read_styles (&xlsx, error)
         && read_shared_strings (&xlsx, error)
         && read_sheet (&xlsx, error);
}
