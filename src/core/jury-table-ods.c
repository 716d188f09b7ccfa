/* jury-table-ods.c: the first table of an OpenDocument spreadsheet, read as a stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-table-private.h"

#define OFFICE_NS   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TABLE_NS    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define TEXT_NS     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define DRAW_NS     "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define MANIFEST_NS "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

#define CONTENT_PART  "content.xml"
#define MANIFEST_PART "META-INF/manifest.xml"

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JuryTableXml, jury_table_xml_close)

/* The text of a paragraph, with ODF's rule for white space: a run of spaces,
 * tabs and line breaks in the XML is one space, and none at the start or the
 * end of the paragraph. <text:s/>, <text:tab/> and <text:line-break/> stand
 * for the spaces, tabs and line breaks the text really has. */
typedef struct
{
  GString  *out;
  gboolean  after_space;    /* the last character is a space of some kind, or there is none */
  gboolean  pending_space;  /* a space is due before the next character */
} Paragraph;

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

static gboolean
is_table (JuryTableXml *xml,
          const char   *local_name)
{
  return jury_table_xml_is_element (xml, TABLE_NS, local_name);
}

static gboolean
is_text (JuryTableXml *xml,
         const char   *local_name)
{
  return jury_table_xml_is_element (xml, TEXT_NS, local_name);
}

/* Elements whose text is not the cell's: comments, notes, the reading aid of
 * ruby text, drawings, and tables inside a cell. */
static gboolean
is_not_cell_text (JuryTableXml *xml)
{
  const char *ns;

  if (!is_element (xml))
    return FALSE;

  ns = (const char *) xmlTextReaderConstNamespaceUri (xml->reader);
  return g_strcmp0 (ns, DRAW_NS) == 0
         || jury_table_xml_is_element (xml, OFFICE_NS, "annotation")
         || is_text (xml, "note")
         || is_text (xml, "ruby-text")
         || is_table (xml, "table");
}

/* A whole number of at least 1 in the attribute LOCAL_NAME of TABLE_NS, or 1. */
static guint64
repeat_count (JuryTableXml *xml,
              const char   *local_name)
{
  g_autofree char *text = jury_table_xml_dup_attribute (xml, TABLE_NS, local_name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return 1;

  return value;
}

static void
paragraph_flush (Paragraph *paragraph)
{
  if (paragraph->pending_space)
    g_string_append_c (paragraph->out, ' ');
  paragraph->pending_space = FALSE;
}

static void
paragraph_append_xml_text (Paragraph  *paragraph,
                           const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          if (!paragraph->after_space)
            paragraph->pending_space = TRUE;
          paragraph->after_space = TRUE;
          continue;
        }

      paragraph_flush (paragraph);
      g_string_append_c (paragraph->out, *p);
      paragraph->after_space = FALSE;
    }
}

static void
paragraph_append_real (Paragraph *paragraph,
                       char       c,
                       guint64    count)
{
  paragraph_flush (paragraph);
  for (guint64 i = 0; i < count; i++)
    g_string_append_c (paragraph->out, c);
  paragraph->after_space = TRUE;
}

/* Appends the paragraph at the reader to OUT and moves to its end. */
static int
read_paragraph (JuryTableXml          *xml,
                const JuryTableLimits *limits,
                GString               *out)
{
  Paragraph paragraph = { out, TRUE, FALSE };
  int paragraph_depth = depth (xml);
  int ret;

  if (xmlTextReaderIsEmptyElement (xml->reader))
    return 1;

  ret = jury_table_xml_read (xml);
  while (ret == 1 && !jury_table_xml_is_end (xml, paragraph_depth))
    {
      switch (xmlTextReaderNodeType (xml->reader))
        {
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          paragraph_append_xml_text (&paragraph, (const char *) xmlTextReaderConstValue (xml->reader));
          break;

        default:
          break;
        }

      if (is_text (xml, "s"))
        {
          g_autofree char *count_text = jury_table_xml_dup_attribute (xml, TEXT_NS, "c");
          guint64 count = 1;

          if (count_text != NULL
              && !g_ascii_string_to_unsigned (count_text, 10, 1, G_MAXUINT64, &count, NULL))
            count = 1;
          /* The spaces are made one by one, so their number is checked first. */
          if (count > (guint64) limits->max_text_size
              || (guint64) out->len > (guint64) limits->max_text_size - count)
            {
              g_autofree char *limit = g_format_size_full (limits->max_text_size, G_FORMAT_SIZE_IEC_UNITS);

              jury_table_set_row_error (&xml->error, JURY_TABLE_ERROR_TOO_LARGE, xml->zip->name, xml->row,
                                        _("the cells hold more than %s of text, the most a table may have"),
                                        limit);
              return -1;
            }
          paragraph_append_real (&paragraph, ' ', count);
        }
      else if (is_text (xml, "tab"))
        paragraph_append_real (&paragraph, '\t', 1);
      else if (is_text (xml, "line-break"))
        paragraph_append_real (&paragraph, '\n', 1);
      else if (is_not_cell_text (xml))
        {
          ret = jury_table_xml_skip (xml);
          continue;
        }

      /* Spans, links and fields: their text is the paragraph's. */
      ret = jury_table_xml_read (xml);
    }

  return ret == 1 ? 1 : -1;
}

/* "1.23457E+15": how a cell of general format shows a long number. */
static gboolean
is_scientific (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p) || *p == '.' || *p == ','; p++)
    digits |= g_ascii_isdigit (*p);
  if (!digits || (*p != 'E' && *p != 'e'))
    return FALSE;

  p++;
  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  return *p == '\0';
}

/* An ODF time, an xsd:duration such as "PT12H30M00S", as "12:30". */
static char *
duration_to_text (const char *text)
{
  const char *p = text;
  gboolean in_time = FALSE;
  guint64 seconds = 0;

  if (*p++ != 'P')
    return NULL;

  while (*p != '\0')
    {
      guint64 value = 0;
      double fraction = 0;
      guint n_digits = 0;

      if (*p == 'T' && !in_time)
        {
          in_time = TRUE;
          p++;
          continue;
        }

      for (; g_ascii_isdigit (*p); p++)
        {
          /* No time of a cell has more than nine digits. */
          if (++n_digits > 9)
            return NULL;
          value = value * 10 + (*p - '0');
        }
      if (*p == '.' && in_time)
        {
          double scale = 0.1;

          for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
            fraction += (*p - '0') * scale;
        }
      if (n_digits == 0)
        return NULL;

      if (*p == 'D' && !in_time)
        seconds += value * 86400;
      else if (*p == 'H' && in_time)
        seconds += value * 3600;
      else if (*p == 'M' && in_time)
        seconds += value * 60;
      else if (*p == 'S' && in_time)
        seconds += value + (fraction >= 0.5 ? 1 : 0);
      else
        return NULL;
      p++;
    }

  return jury_table_format_time (seconds);
}

typedef struct
{
  char *value_type;
  char *value;           /* office:value of numbers */
  char *date_value;
  char *time_value;
  char *boolean_value;
  char *string_value;
} CellValues;

static void
cell_values_clear (CellValues *values)
{
  g_clear_pointer (&values->value_type, g_free);
  g_clear_pointer (&values->value, g_free);
  g_clear_pointer (&values->date_value, g_free);
  g_clear_pointer (&values->time_value, g_free);
  g_clear_pointer (&values->boolean_value, g_free);
  g_clear_pointer (&values->string_value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CellValues, cell_values_clear)

static gboolean
is_number_type (const char *type)
{
  return strcmp (type, "float") == 0 || strcmp (type, "percentage") == 0
         || strcmp (type, "currency") == 0;
}

/* The type of the cell, and the one value of it that the type uses. */
static void
read_cell_values (JuryTableXml *xml,
                  CellValues   *values)
{
  const char *type;

  values->value_type = jury_table_xml_dup_attribute (xml, OFFICE_NS, "value-type");
  type = values->value_type != NULL ? values->value_type : "string";

  if (strcmp (type, "date") == 0)
    values->date_value = jury_table_xml_dup_attribute (xml, OFFICE_NS, "date-value");
  else if (strcmp (type, "time") == 0)
    values->time_value = jury_table_xml_dup_attribute (xml, OFFICE_NS, "time-value");
  else if (strcmp (type, "boolean") == 0)
    values->boolean_value = jury_table_xml_dup_attribute (xml, OFFICE_NS, "boolean-value");
  else if (is_number_type (type))
    values->value = jury_table_xml_dup_attribute (xml, OFFICE_NS, "value");
  else
    values->string_value = jury_table_xml_dup_attribute (xml, OFFICE_NS, "string-value");
}

/* What a cell holds: the text it shows, which is what the person typed or
 * chose to show (leading zeros, a currency); but dates, times and truth values
 * as an XLSX file gives them, whatever the language of the sheet shows, and a
 * number that the sheet shows in scientific notation whole. */
static char *
cell_text (const CellValues *values,
           GString          *shown,
           guint             n_paragraphs)
{
  const char *type = values->value_type != NULL ? values->value_type : "string";
  char *text = NULL;

  if (strcmp (type, "date") == 0 && values->date_value != NULL)
    text = jury_table_format_iso_date_time (values->date_value);
  else if (strcmp (type, "time") == 0 && values->time_value != NULL)
    text = duration_to_text (values->time_value);
  else if (strcmp (type, "boolean") == 0 && values->boolean_value != NULL)
    {
      if (strcmp (values->boolean_value, "true") == 0)
        text = g_strdup ("TRUE");
      else if (strcmp (values->boolean_value, "false") == 0)
        text = g_strdup ("FALSE");
    }
  else if (is_number_type (type) && values->value != NULL
           && (n_paragraphs == 0 || is_scientific (shown->str)))
    text = jury_table_normalize_number (values->value);

  if (text != NULL)
    return text;
  if (n_paragraphs > 0)
    return g_strdup (shown->str);
  if (values->string_value != NULL)
    return g_strdup (values->string_value);

  return g_strdup ("");
}

/* The text of the cell at the reader, which moves to the cell's end. */
static char *
read_cell (JuryTableXml          *xml,
           const JuryTableLimits *limits)
{
  g_auto(CellValues) values = { 0 };
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n_paragraphs = 0;
  int cell_depth = depth (xml);
  int ret;

  read_cell_values (xml, &values);
  if (xmlTextReaderIsEmptyElement (xml->reader))
    return cell_text (&values, shown, 0);

  ret = jury_table_xml_read (xml);
  while (ret == 1 && !jury_table_xml_is_end (xml, cell_depth))
    {
      if (is_text (xml, "p") || is_text (xml, "h"))
        {
          if (n_paragraphs++ > 0)
            g_string_append_c (shown, '\n');
          if (read_paragraph (xml, limits, shown) < 0)
            return NULL;
          ret = jury_table_xml_read (xml);
        }
      else if (is_not_cell_text (xml))
        ret = jury_table_xml_skip (xml);
      else
        /* Lists and sections hold paragraphs too. */
        ret = jury_table_xml_read (xml);
    }

  if (ret != 1)
    return NULL;

  return cell_text (&values, shown, n_paragraphs);
}

static gboolean
read_row (JuryTableXml      *xml,
          JuryTableBuilder  *builder,
          guint64           *next_row,
          GError           **error)
{
  guint64 repeat = repeat_count (xml, "number-rows-repeated");
  guint64 number = *next_row;
  guint64 column = 0;
  int row_depth = depth (xml);

  /* The numbers past the last row only serve to tell that a row is there. */
  xml->row = (guint) MIN (number, JURY_TABLE_MAX_ROW_NUMBER + 1);
  jury_table_builder_begin_row (builder, xml->row);

  if (!xmlTextReaderIsEmptyElement (xml->reader))
    {
      int ret = jury_table_xml_read (xml);

      while (ret == 1 && !jury_table_xml_is_end (xml, row_depth))
        {
          if (is_table (xml, "table-cell") || is_table (xml, "covered-table-cell"))
            {
              /* Empty cells repeated to the sheet's edge cost nothing: the
               * builder only makes the cells up to one that holds something. */
              guint64 columns = repeat_count (xml, "number-columns-repeated");
              char *text = read_cell (xml, builder->limits);

              if (text == NULL)
                return jury_table_xml_fail (xml, error);
              if (!jury_table_builder_add_cell (builder, column, text, columns, error))
                return FALSE;
              column += columns;
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

  /* So are empty rows repeated to the sheet's end. */
  if (builder->row->len > 0 && number + repeat - 1 > JURY_TABLE_MAX_ROW_NUMBER)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_TOO_LARGE, builder->name,
                            _("the sheet has rows beyond row %u, the last a spreadsheet may have"),
                            JURY_TABLE_MAX_ROW_NUMBER);
      return FALSE;
    }
  if (!jury_table_builder_end_row (builder, repeat, error))
    return FALSE;

  *next_row = number + repeat;
  xml->row = 0;
  return TRUE;
}

static gboolean
read_table (JuryTableXml      *xml,
            JuryTableBuilder  *builder,
            GError           **error)
{
  int table_depth = depth (xml);
  guint64 next_row = 1;
  int ret;

  if (xmlTextReaderIsEmptyElement (xml->reader))
    return TRUE;

  ret = jury_table_xml_read (xml);
  while (ret == 1 && !jury_table_xml_is_end (xml, table_depth))
    {
      if (is_table (xml, "table-row"))
        {
          if (!read_row (xml, builder, &next_row, error))
            return FALSE;
          ret = jury_table_xml_read (xml);
        }
      else if (is_table (xml, "table-row-group") || is_table (xml, "table-header-rows")
               || is_table (xml, "table-rows"))
        /* Rows in groups are rows all the same. */
        ret = jury_table_xml_read (xml);
      else if (is_element (xml))
        ret = jury_table_xml_skip (xml);
      else
        ret = jury_table_xml_read (xml);
    }

  if (ret != 1)
    return jury_table_xml_fail (xml, error);

  return TRUE;
}

/* ODF encrypts the parts themselves, not the archive: the manifest says so. */
static gboolean
check_not_encrypted (JuryTableZip  *zip,
                     GError       **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  int ret;

  if (!jury_table_zip_has (zip, MANIFEST_PART))
    return TRUE;

  if (!jury_table_xml_open (&xml, zip, MANIFEST_PART, error))
    return FALSE;

  while ((ret = jury_table_xml_read (&xml)) == 1)
    if (jury_table_xml_is_element (&xml, MANIFEST_NS, "encryption-data"))
      {
        jury_table_set_error (error, JURY_TABLE_ERROR_ENCRYPTED, zip->name,
                              _("the file is encrypted; save it again without a password"));
        return FALSE;
      }

  if (ret < 0)
    return jury_table_xml_fail (&xml, error);

  return TRUE;
}

/* Moves to the first table of the spreadsheet; FALSE with ERROR set when the
 * document is no spreadsheet, FALSE without when it has no table. */
static gboolean
find_first_table (JuryTableXml  *xml,
                  GError       **error)
{
  int body_depth;
  int ret;

  /* Fonts and styles come before the body, and are skipped whole. */
  ret = jury_table_xml_read (xml);
  while (ret == 1 && !jury_table_xml_is_element (xml, OFFICE_NS, "body"))
    ret = is_element (xml) && depth (xml) > 0 ? jury_table_xml_skip (xml) : jury_table_xml_read (xml);
  if (ret < 0)
    return jury_table_xml_fail (xml, error);
  if (ret == 0 || xmlTextReaderIsEmptyElement (xml->reader))
    return FALSE;

  body_depth = depth (xml);
  ret = jury_table_xml_read (xml);
  while (ret == 1 && !is_element (xml) && !jury_table_xml_is_end (xml, body_depth))
    ret = jury_table_xml_read (xml);
  if (ret < 0)
    return jury_table_xml_fail (xml, error);

  if (ret == 0 || !jury_table_xml_is_element (xml, OFFICE_NS, "spreadsheet"))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, xml->zip->name,
                            _("this is an OpenDocument file, but not a spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files"));
      return FALSE;
    }
  if (xmlTextReaderIsEmptyElement (xml->reader))
    return FALSE;

  /* Settings, validations and named ranges may come before the first table. */
  ret = jury_table_xml_read (xml);
  while (ret == 1 && !is_table (xml, "table") && !jury_table_xml_is_end (xml, body_depth + 1))
    ret = is_element (xml) ? jury_table_xml_skip (xml) : jury_table_xml_read (xml);
  if (ret < 0)
    return jury_table_xml_fail (xml, error);

  return ret == 1 && is_table (xml, "table");
}

gboolean
jury_table_read_ods (JuryTableZip      *zip,
                     JuryTableBuilder  *builder,
                     GError           **error)
{
  g_auto(JuryTableXml) xml = { 0 };
  g_autoptr(GError) local_error = NULL;

  if (!check_not_encrypted (zip, error)
      || !jury_table_xml_open (&xml, zip, CONTENT_PART, error))
    return FALSE;

  if (!find_first_table (&xml, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return read_table (&xml, builder, error);
}
