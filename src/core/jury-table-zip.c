/* jury-table-zip.c: the parts of a spreadsheet's ZIP archive, and XML read from them safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-table-private.h"
#include "jury-xml.h"

/* Never NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE: a spreadsheet is untrusted.
 * Not NOBLANKS either: a cell's text may be nothing but spaces. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | \
                        XML_PARSE_BIG_LINES)

/* No spreadsheet declares a document type or an entity; refusing both as soon
 * as their bytes go by keeps libxml2 from even parsing one. */
#define DOCTYPE_MARKER "<!DOCTYPE"
#define ENTITY_MARKER  "<!ENTITY"

static char *
format_size (goffset size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

static void
set_too_large_error (JuryTableZip  *zip,
                     const char    *part,
                     GError       **error)
{
  g_autofree char *limit = format_size (zip->limits->max_part_size);

  jury_table_set_error (error, JURY_TABLE_ERROR_TOO_LARGE, zip->name,
                        /* Translators: %s is a part of the file such as
                         * "xl/worksheets/sheet1.xml", then a size such as "256.0 MiB" */
                        _("the part %s unpacks to more than %s, the most a part of a spreadsheet may have"),
                        part, limit);
}

/* Opens PART for reading after checking what the archive says of it. */
static zip_file_t *
open_part (JuryTableZip  *zip,
           const char    *part,
           GError       **error)
{
  zip_stat_t stat;
  zip_file_t *file;
  zip_int64_t index;

  g_assert (zip->archive != NULL);

  index = zip_name_locate (zip->archive, part, 0);
  if (index < 0)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, zip->name,
                            _("the spreadsheet is damaged: the part %s is missing"), part);
      return NULL;
    }

  zip_stat_init (&stat);
  if (zip_stat_index (zip->archive, index, 0, &stat) != 0)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, zip->name,
                            _("the spreadsheet is damaged: the part %s cannot be unpacked (%s)"),
                            part, zip_strerror (zip->archive));
      return NULL;
    }

  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_ENCRYPTED, zip->name,
                            _("the file is encrypted; save it again without a password"));
      return NULL;
    }

  /* What the archive declares is checked first, what it holds while reading. */
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > (zip_uint64_t) zip->limits->max_part_size)
    {
      set_too_large_error (zip, part, error);
      return NULL;
    }

  file = zip_fopen_index (zip->archive, index, 0);
  if (file == NULL)
    {
      zip_error_t *zip_error = zip_get_error (zip->archive);

      if (zip_error_code_zip (zip_error) == ZIP_ER_NOPASSWD
          || zip_error_code_zip (zip_error) == ZIP_ER_ENCRNOTSUPP)
        jury_table_set_error (error, JURY_TABLE_ERROR_ENCRYPTED, zip->name,
                              _("the file is encrypted; save it again without a password"));
      else
        jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, zip->name,
                              _("the spreadsheet is damaged: the part %s cannot be unpacked (%s)"),
                              part, zip_error_strerror (zip_error));
      return NULL;
    }

  return file;
}

/* Reads up to LEN bytes of PART from FILE, counting them in *N_READ.
 * Returns the number read, 0 at the end, or -1 with ERROR set. */
static gssize
read_part (JuryTableZip  *zip,
           const char    *part,
           zip_file_t    *file,
           goffset       *n_read,
           guint8        *buffer,
           gsize          len,
           GError       **error)
{
  zip_int64_t n;

  if (g_cancellable_set_error_if_cancelled (zip->cancellable, error))
    return -1;

  n = zip_fread (file, buffer, len);
  if (n < 0)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, zip->name,
                            _("the spreadsheet is damaged: the part %s cannot be unpacked (%s)"),
                            part, zip_file_strerror (file));
      return -1;
    }

  /* An archive may declare less than it holds. */
  if (*n_read + n > zip->limits->max_part_size)
    {
      set_too_large_error (zip, part, error);
      return -1;
    }

  *n_read += n;
  return n;
}

/* Steps MATCHED along MARKER (whose first character appears nowhere else in
 * it) by C; TRUE when the whole marker has gone by. */
static gboolean
match_marker (const char *marker,
              gsize      *matched,
              char        c)
{
  if (c == marker[*matched])
    (*matched)++;
  else
    *matched = (c == marker[0]) ? 1 : 0;

  return marker[*matched] == '\0';
}

/* libxml2 reports some problems without a parser at hand (while it picks an
 * encoding, converts one, or reads input), and those reach its global handler,
 * which prints them. For the time of each call the thread's handler is ours. */
typedef struct
{
  xmlStructuredErrorFunc  func;
  void                   *context;
} SavedHandler;

static void xml_error_cb (void *user_data, xmlErrorPtr error);

/* Whether a marker has gone by with the N bytes of BUFFER, which follow the
 * ones seen before. Both begin with '<', so outside one the search jumps. */
static gboolean
has_marker (JuryTableXml *xml,
            const char   *buffer,
            gsize         n)
{
  const char *end = buffer + n;

  for (const char *p = buffer; p < end; p++)
    {
      if (xml->doctype_matched == 0 && xml->entity_matched == 0
          && (p = memchr (p, '<', end - p)) == NULL)
        return FALSE;

      if (match_marker (DOCTYPE_MARKER, &xml->doctype_matched, *p)
          || match_marker (ENTITY_MARKER, &xml->entity_matched, *p))
        return TRUE;
    }

  return FALSE;
}

static void
take_errors (JuryTableXml *xml,
             SavedHandler *saved)
{
  saved->func = xmlStructuredError;
  saved->context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (xml, xml_error_cb);
}

static void
give_errors_back (SavedHandler *saved)
{
  xmlSetStructuredErrorFunc (saved->context, saved->func);
}

static void
set_forbidden_error (JuryTableXml *xml)
{
  if (xml->error != NULL)
    return;

  jury_table_set_row_error (&xml->error, JURY_TABLE_ERROR_FORBIDDEN, xml->zip->name, xml->row,
                            _("the part %s declares a document type or uses an entity; spreadsheets do not, and Jury Desk does not read them (they could make the reader fetch or expand other content)"),
                            xml->part);
}

static void
xml_error_cb (void        *user_data,
              xmlErrorPtr  error)
{
  JuryTableXml *xml = user_data;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  g_debug ("%s: %s:%d: libxml2 %s (domain %d, code %d): %s", xml->zip->name, xml->part,
           error->line, error->level == XML_ERR_WARNING ? "warning" : "error",
           error->domain, error->code, error->message);

  if (error->level == XML_ERR_WARNING || xml->error != NULL)
    return;

  switch ((xmlParserErrors) error->code)
    {
    case XML_ERR_INVALID_CHAR:
      /* The code of broken UTF-8, and of characters XML does not allow. */
      if (error->message != NULL && g_str_has_prefix (error->message, "Input is not proper UTF-8"))
        detail = g_strdup (_("the text is not valid UTF-8"));
      else
        detail = g_strdup (_("the text holds a character that XML does not allow"));
      break;

    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_IO_ENCODER:
    case XML_I18N_CONV_FAILED:
    case XML_I18N_NO_HANDLER:
    case XML_I18N_NO_NAME:
    case XML_I18N_EXCESS_HANDLER:
      detail = g_strdup (_("the text is not in the encoding it declares"));
      break;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_IS_EXTERNAL:
    case XML_ERR_ENTITY_IS_PARAMETER:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_ENTITY_BOUNDARY:
    case XML_ERR_UNPARSED_ENTITY:
    case XML_ERR_ENTITY_PROCESSING:
      set_forbidden_error (xml);
      return;

    default:
      message = g_strdup (error->message != NULL ? error->message : "");
      detail = g_strdup_printf (_("this is not well-formed XML: %s"), g_strstrip (message));
      break;
    }

  jury_table_set_row_error (&xml->error, JURY_TABLE_ERROR_DAMAGED, xml->zip->name, xml->row,
                            /* Translators: the spreadsheet is damaged: PART, line N: what is wrong */
                            _("the spreadsheet is damaged: %s, line %d: %s"),
                            xml->part, MAX (error->line, 0), detail);
}

/* libxml2's input. Our own problems end the input as if the part ended there:
 * a read that fails makes libxml2 complain to the terminal, and the problem
 * recorded first is the one reported. */
static int
xml_read_cb (void *context,
             char *buffer,
             int   len)
{
  JuryTableXml *xml = context;
  gssize n;

  if (xml->error != NULL || len <= 0)
    return 0;

  n = read_part (xml->zip, xml->part, xml->file, &xml->n_read, (guint8 *) buffer, len, &xml->error);
  if (n < 0)
    return 0;

  if (has_marker (xml, buffer, n))
    {
      set_forbidden_error (xml);
      return 0;
    }

  return (int) n;
}

/* The reader's node is one no spreadsheet has. */
static gboolean
is_forbidden_node (JuryTableXml *xml)
{
  switch (xmlTextReaderNodeType (xml->reader))
    {
    case XML_READER_TYPE_DOCUMENT_TYPE:
    case XML_READER_TYPE_ENTITY:
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_NOTATION:
      return TRUE;
    default:
      return FALSE;
    }
}

static int
after_move (JuryTableXml *xml,
            int           ret)
{
  if (ret == 1 && is_forbidden_node (xml))
    set_forbidden_error (xml);

  if (xml->error != NULL)
    return -1;

  if (ret < 0)
    {
      jury_table_set_row_error (&xml->error, JURY_TABLE_ERROR_DAMAGED, xml->zip->name, xml->row,
                                _("the spreadsheet is damaged: %s is not well-formed XML"),
                                xml->part);
      return -1;
    }

  return ret;
}

gboolean
jury_table_zip_open (JuryTableZip           *zip,
                     GBytes                 *bytes,
                     const char             *name,
                     const JuryTableLimits  *limits,
                     GCancellable           *cancellable,
                     GError                **error)
{
  zip_error_t zip_error;
  zip_source_t *source;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  memset (zip, 0, sizeof *zip);
  zip->name = name;
  zip->limits = limits;
  zip->cancellable = cancellable;

  zip_error_init (&zip_error);
  source = zip_source_buffer_create (data, size, 0, &zip_error);
  if (source != NULL)
    zip->archive = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zip_error);

  if (zip->archive == NULL)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, name,
                            _("the file is damaged: it begins as a spreadsheet (a ZIP archive) does, but cannot be unpacked (%s)"),
                            zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);
      if (source != NULL)
        zip_source_free (source);
      return FALSE;
    }

  zip_error_fini (&zip_error);
  /* The archive reads the buffer, so it must live as long. */
  zip->bytes = g_bytes_ref (bytes);
  return TRUE;
}

void
jury_table_zip_close (JuryTableZip *zip)
{
  g_clear_pointer (&zip->archive, zip_discard);
  g_clear_pointer (&zip->bytes, g_bytes_unref);
}

gboolean
jury_table_zip_has (JuryTableZip *zip,
                    const char   *part)
{
  return zip_name_locate (zip->archive, part, 0) >= 0;
}

char *
jury_table_zip_read_small (JuryTableZip  *zip,
                           const char    *part,
                           gsize          max,
                           GError       **error)
{
  g_autofree char *text = g_malloc (max + 1);
  goffset n_read = 0;
  zip_file_t *file;
  gssize n = 0;

  if (!jury_table_zip_has (zip, part))
    return NULL;

  file = open_part (zip, part, error);
  if (file == NULL)
    return NULL;

  /* One byte more than MAX tells a part that is too long. */
  while (n_read <= (goffset) max
         && (n = read_part (zip, part, file, &n_read, (guint8 *) text + n_read, max + 1 - n_read, error)) > 0)
    ;
  zip_fclose (file);

  if (n < 0)
    return NULL;
  if (n_read > (goffset) max)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_DAMAGED, zip->name,
                            _("the spreadsheet is damaged: the part %s is longer than it may be"), part);
      return NULL;
    }

  text[n_read] = '\0';
  return g_steal_pointer (&text);
}

gboolean
jury_table_xml_open (JuryTableXml  *xml,
                     JuryTableZip  *zip,
                     const char    *part,
                     GError       **error)
{
  SavedHandler saved;

  memset (xml, 0, sizeof *xml);
  xml->zip = zip;
  xml->part = g_strdup (part);

  xml->file = open_part (zip, part, error);
  if (xml->file == NULL)
    return FALSE;

  jury_xml_prepare_thread ();
  /* Making the reader reads the first bytes and may complain of their encoding. */
  take_errors (xml, &saved);
  xml->reader = xmlReaderForIO (xml_read_cb, NULL, xml, NULL, NULL, READER_OPTIONS);
  if (xml->reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (xml->reader, xml_error_cb, xml);
  give_errors_back (&saved);

  if (xml->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&xml->error));
      return FALSE;
    }
  if (xml->reader == NULL)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_IO, zip->name,
                            _("cannot start reading the part %s"), part);
      return FALSE;
    }

  return TRUE;
}

void
jury_table_xml_close (JuryTableXml *xml)
{
  SavedHandler saved;

  if (xml->reader != NULL)
    {
      take_errors (xml, &saved);
      g_clear_pointer (&xml->reader, xmlFreeTextReader);
      give_errors_back (&saved);
    }
  g_clear_pointer (&xml->file, zip_fclose);
  g_clear_pointer (&xml->part, g_free);
  g_clear_error (&xml->error);
}

int
jury_table_xml_read (JuryTableXml *xml)
{
  SavedHandler saved;
  int ret;

  if (xml->error != NULL)
    return -1;

  take_errors (xml, &saved);
  ret = xmlTextReaderRead (xml->reader);
  give_errors_back (&saved);

  return after_move (xml, ret);
}

int
jury_table_xml_skip (JuryTableXml *xml)
{
  SavedHandler saved;
  int ret;

  if (xml->error != NULL)
    return -1;

  take_errors (xml, &saved);
  ret = xmlTextReaderNext (xml->reader);
  give_errors_back (&saved);

  return after_move (xml, ret);
}

gboolean
jury_table_xml_fail (JuryTableXml  *xml,
                     GError       **error)
{
  /* libxml2 complains about a part that ends inside an element, but a reader
   * that reaches the end there fails all the same. */
  if (xml->error == NULL)
    jury_table_set_row_error (&xml->error, JURY_TABLE_ERROR_DAMAGED, xml->zip->name, xml->row,
                              _("the spreadsheet is damaged: %s ends too early"), xml->part);

  g_propagate_error (error, g_steal_pointer (&xml->error));
  return FALSE;
}

gboolean
jury_table_xml_is_element (JuryTableXml *xml,
                           const char   *ns,
                           const char   *local_name)
{
  const char *node_ns;

  if (xmlTextReaderNodeType (xml->reader) != XML_READER_TYPE_ELEMENT)
    return FALSE;

  node_ns = (const char *) xmlTextReaderConstNamespaceUri (xml->reader);
  return g_strcmp0 (node_ns, ns) == 0
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml->reader), local_name) == 0;
}

gboolean
jury_table_xml_is_end (JuryTableXml *xml,
                       int           depth)
{
  return xmlTextReaderNodeType (xml->reader) == XML_READER_TYPE_END_ELEMENT
         && xmlTextReaderDepth (xml->reader) == depth;
}

char *
jury_table_xml_dup_attribute (JuryTableXml *xml,
                              const char   *ns,
                              const char   *local_name)
{
  xmlChar *value;
  char *copy;

  if (ns != NULL)
    value = xmlTextReaderGetAttributeNs (xml->reader, BAD_CAST local_name, BAD_CAST ns);
  else
    value = xmlTextReaderGetAttribute (xml->reader, BAD_CAST local_name);

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

int
jury_table_xml_read_text (JuryTableXml *xml,
                          GString      *out)
{
  int depth = xmlTextReaderDepth (xml->reader);
  int ret;

  if (xmlTextReaderIsEmptyElement (xml->reader))
    return 1;

  while ((ret = jury_table_xml_read (xml)) == 1 && !jury_table_xml_is_end (xml, depth))
    {
      switch (xmlTextReaderNodeType (xml->reader))
        {
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          g_string_append (out, (const char *) xmlTextReaderConstValue (xml->reader));
          break;
        default:
          break;
        }
    }

  return ret == 1 ? 1 : -1;
}
