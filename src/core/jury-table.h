/* jury-table.h: a table of applications from CSV, XLSX or ODS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-types.h"

G_BEGIN_DECLS

#define JURY_TABLE_ERROR (jury_table_error_quark ())

typedef enum
{
  JURY_TABLE_ERROR_IO,           /* the file cannot be read */
  JURY_TABLE_ERROR_NOT_A_TABLE,  /* neither text nor a spreadsheet Jury Desk reads */
  JURY_TABLE_ERROR_EMPTY,        /* no row holds anything */
  JURY_TABLE_ERROR_ENCRYPTED,    /* protected by a password */
  JURY_TABLE_ERROR_DAMAGED,      /* a broken archive, XML or reference */
  JURY_TABLE_ERROR_FORBIDDEN,    /* a document type or entity in the XML */
  JURY_TABLE_ERROR_TOO_LARGE,    /* over one of the JuryTableLimits */
  JURY_TABLE_ERROR_ENCODING,     /* text in no encoding Jury Desk knows */
  JURY_TABLE_ERROR_SYNTAX,       /* a quote of CSV out of place */
} JuryTableError;

/* The limits for a file from elsewhere; see jury_table_limits_init() for the
 * defaults. A file over one is refused as soon as that shows, before what is
 * over it is unpacked or stored. */
typedef struct
{
  goffset max_file_size;    /* the file itself */
  goffset max_part_size;    /* a part of a spreadsheet (a member of its ZIP), unpacked */
  guint   max_rows;         /* rows kept: rows that hold something */
  guint   max_columns;      /* the columns up to the last cell that holds something */
  guint   max_cells;        /* cells kept in all rows, with the empty ones before a full one */
  goffset max_text_size;    /* bytes of text in all cells together */
} JuryTableLimits;

#define JURY_TABLE_DEFAULT_MAX_FILE_SIZE ((goffset) 256 * 1024 * 1024)
#define JURY_TABLE_DEFAULT_MAX_PART_SIZE ((goffset) 256 * 1024 * 1024)
#define JURY_TABLE_DEFAULT_MAX_ROWS      1000000
#define JURY_TABLE_DEFAULT_MAX_COLUMNS   1000
#define JURY_TABLE_DEFAULT_MAX_CELLS     2000000
#define JURY_TABLE_DEFAULT_MAX_TEXT_SIZE ((goffset) 256 * 1024 * 1024)

/* A table as a person sees it in a spreadsheet: rows of cells, each cell the text
 * that stands in it, as UTF-8.
 *
 * - A row that holds nothing is left out, and a row ends with its last cell that
 *   holds something: rows may have different lengths, a missing cell is empty.
 * - Cells keep their text as it is, spaces around it too; a line break in a cell
 *   is "\n". No cell holds a control character below U+0020 other than tab and
 *   line feed; what else a text may hold is for the caller to judge (see
 *   jury_text_check()).
 * - Numbers are the text the file holds: "2016" stays "2016". A date of a
 *   spreadsheet is "YYYY-MM-DD", followed by " HH:MM" where it has a time of day
 *   too (XLSX: where the cell's format shows one; ODS: where it is not
 *   midnight); a time alone is "HH:MM", its hours past 23 for a duration; both
 *   add ":SS" unless the seconds are 0. A truth value is "TRUE" or "FALSE".
 *   XLSX holds numbers unformatted ("0.15" where a sheet shows "15 %"); ODS holds
 *   the text the sheet shows, which is taken except for dates, times and truth
 *   values, and a number shown in scientific notation, which is taken whole.
 */
typedef struct
{
  GPtrArray       *rows;         /* GStrv per row; the first is the header */
  GArray          *row_numbers;  /* guint per row: a spreadsheet's row number, or the
                                  * line of a CSV file where the row starts */
  JuryTableFormat  format;
} JuryTable;

GQuark     jury_table_error_quark       (void);

void       jury_table_limits_init       (JuryTableLimits      *limits);

/* Reads BYTES as a table: a ZIP archive that holds xl/workbook.xml as XLSX (its
 * first worksheet), one with an OpenDocument spreadsheet as ODS (its first
 * table), anything else as CSV (UTF-8 with or without BOM, UTF-16 with BOM or
 * detectably without, else Windows-1252; separated by commas, semicolons or tabs,
 * whichever the first line has most of outside quotes, a tab before a semicolon
 * before a comma when they are as many).
 *
 * NAME, usually the file's name, begins every message: "NAME: row 17: …" for a
 * spreadsheet, "NAME: line 3: …" for CSV, "NAME: …" where no row applies.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set */
JuryTable *jury_table_read_bytes        (GBytes                *bytes,
                                         const char            *name,
                                         GError               **error);
/* The same, within LIMITS (nullable: the defaults); CANCELLABLE (nullable)
 * stops reading a spreadsheet with G_IO_ERROR_CANCELLED. */
JuryTable *jury_table_read_bytes_full   (GBytes                *bytes,
                                         const char            *name,
                                         const JuryTableLimits *limits,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* Reads FILE, named by its basename in messages. */
JuryTable *jury_table_read_file         (GFile                 *file,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* jury_table_read_file() in a worker thread. */
void       jury_table_read_file_async   (GFile                 *file,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
JuryTable *jury_table_read_file_finish  (GAsyncResult          *result,
                                         GError               **error);

void       jury_table_free              (JuryTable             *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryTable, jury_table_free)

G_END_DECLS
