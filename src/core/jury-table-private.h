/* jury-table-private.h: what the readers of CSV, XLSX and ODS share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlreader.h>
#include <zip.h>

#include "jury-table.h"

G_BEGIN_DECLS

/* The last row a spreadsheet may have: LibreOffice's largest sheets. A row
 * beyond it that holds something is refused; empty ones only count. */
#define JURY_TABLE_MAX_ROW_NUMBER 16777216

void jury_table_set_error     (GError         **error,
                               JuryTableError   code,
                               const char      *name,
                               const char      *format,
                               ...) G_GNUC_PRINTF (4, 5);
/* "NAME: row ROW: …", or "NAME: …" for ROW 0. */
void jury_table_set_row_error (GError         **error,
                               JuryTableError   code,
                               const char      *name,
                               guint            row,
                               const char      *format,
                               ...) G_GNUC_PRINTF (5, 6);

/* The rows of a spreadsheet as they are read: a row is begun, its cells that
 * hold something are added from left to right, and it is ended. Each limit is
 * checked before what would pass it is stored. */
typedef struct
{
  const char            *name;
  const JuryTableLimits *limits;
  JuryTable             *table;
  guint64                n_cells;
  goffset                text_size;

  /* The row being read. */
  guint                  row_number;
  GPtrArray             *row;        /* char *, the gaps filled with "" */
  goffset                row_text_size;
} JuryTableBuilder;

void       jury_table_builder_init      (JuryTableBuilder       *builder,
                                         const char             *name,
                                         const JuryTableLimits  *limits,
                                         JuryTableFormat         format);
void       jury_table_builder_clear     (JuryTableBuilder       *builder);
void       jury_table_builder_begin_row (JuryTableBuilder       *builder,
                                         guint                   row_number);
/* Puts TEXT (taken) into COLUMN (0-based, right of every cell added to the row
 * so far) and the REPEAT - 1 columns after it; empty text is dropped. CR and CRLF
 * become "\n". */
gboolean   jury_table_builder_add_cell  (JuryTableBuilder       *builder,
                                         guint64                 column,
                                         char                   *text,
                                         guint64                 repeat,
                                         GError                **error);
/* Keeps the row, REPEAT times with consecutive numbers, unless it holds nothing. */
gboolean   jury_table_builder_end_row   (JuryTableBuilder       *builder,
                                         guint64                 repeat,
                                         GError                **error);
/* Returns: (transfer full) (nullable): the table, or %NULL when no row holds
 * anything */
JuryTable *jury_table_builder_finish    (JuryTableBuilder       *builder,
                                         GError                **error);

/* "YYYY-MM-DD", and " HH:MM" with ":SS" unless they are 0, when SECONDS (of the
 * day) is not negative. */
char      *jury_table_format_date       (int                     year,
                                         int                     month,
                                         int                     day,
                                         gint64                  seconds);
/* "HH:MM", or "HH:MM:SS" unless the seconds are 0; the hours may pass 23. */
char      *jury_table_format_time       (guint64                 seconds);
/* An ISO 8601 date, with a time or not, as jury_table_format_date() writes
 * it; the time only when it is not midnight.
 *
 * Returns: (nullable): the text, or %NULL when TEXT is no such date */
char      *jury_table_format_iso_date_time (const char          *text);
/* A number as a file writes it, with a fraction of zeros ("2016.0") and
 * exponents ("2.016E3") taken out where that changes nothing. */
char      *jury_table_normalize_number  (const char             *text);

/* A spreadsheet's ZIP archive, in memory. */
typedef struct
{
  zip_t                 *archive;
  GBytes                *bytes;
  const char            *name;
  const JuryTableLimits *limits;
  GCancellable          *cancellable;
} JuryTableZip;

gboolean   jury_table_zip_open          (JuryTableZip           *zip,
                                         GBytes                 *bytes,
                                         const char             *name,
                                         const JuryTableLimits  *limits,
                                         GCancellable           *cancellable,
                                         GError                **error);
void       jury_table_zip_close         (JuryTableZip           *zip);
gboolean   jury_table_zip_has           (JuryTableZip           *zip,
                                         const char             *part);
/* The whole PART as text, when it is at most MAX bytes.
 *
 * Returns: (nullable): the text, or %NULL with @error set, or with no error when
 * there is no such part */
char      *jury_table_zip_read_small    (JuryTableZip           *zip,
                                         const char             *part,
                                         gsize                   max,
                                         GError                **error);

/* One XML part of the archive, read as a stream through xmlTextReader: no
 * document type, no entity, nothing from elsewhere, and no more bytes than
 * the limit for a part. */
typedef struct
{
  JuryTableZip     *zip;
  char             *part;
  zip_file_t       *file;
  xmlTextReaderPtr  reader;
  goffset           n_read;
  gsize             doctype_matched;
  gsize             entity_matched;
  GError           *error;    /* the first problem: ends the read */
  guint             row;      /* the row being read, for messages; 0 for none */
} JuryTableXml;

gboolean   jury_table_xml_open          (JuryTableXml           *xml,
                                         JuryTableZip           *zip,
                                         const char             *part,
                                         GError                **error);
void       jury_table_xml_close         (JuryTableXml           *xml);
/* The next node (xmlTextReaderRead). Returns 1, 0 at the end of the part, or -1
 * after a problem: then jury_table_xml_fail() says which. */
int        jury_table_xml_read          (JuryTableXml           *xml);
/* The next node after the current one and everything inside it (xmlTextReaderNext). */
int        jury_table_xml_skip          (JuryTableXml           *xml);
/* Moves the problem that made a read return -1 (or 0 where the part may not end)
 * to ERROR; returns FALSE. */
gboolean   jury_table_xml_fail          (JuryTableXml           *xml,
                                         GError                **error);
/* Whether the current node is the start of the element LOCAL_NAME in NS. */
gboolean   jury_table_xml_is_element    (JuryTableXml           *xml,
                                         const char             *ns,
                                         const char             *local_name);
/* Whether the current node ends the element that started at DEPTH: its end tag,
 * or the element itself when it is empty. */
gboolean   jury_table_xml_is_end        (JuryTableXml           *xml,
                                         int                     depth);
/* Returns: (nullable): the attribute LOCAL_NAME in NS (NULL for none) of the
 * current element */
char      *jury_table_xml_dup_attribute (JuryTableXml           *xml,
                                         const char             *ns,
                                         const char             *local_name);
/* Appends the text inside the current element to OUT, and moves to its end.
 * Returns 1, or -1 after a problem (or at the end of the part). */
int        jury_table_xml_read_text     (JuryTableXml           *xml,
                                         GString                *out);

gboolean   jury_table_read_xlsx         (JuryTableZip           *zip,
                                         JuryTableBuilder       *builder,
                                         GError                **error);
gboolean   jury_table_read_ods          (JuryTableZip           *zip,
                                         JuryTableBuilder       *builder,
                                         GError                **error);

G_END_DECLS
