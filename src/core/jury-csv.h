/* jury-csv.h: RFC 4180 CSV, written for spreadsheets and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JURY_CSV_ERROR (jury_csv_error_quark ())

typedef enum
{
  JURY_CSV_ERROR_SYNTAX,    /* an unclosed quote, a stray quote */
  JURY_CSV_ERROR_ENCODING,  /* not UTF-8 */
  JURY_CSV_ERROR_TOO_LARGE, /* over a limit of JuryCsvLimits */
} JuryCsvError;

/* What jury_csv_parse_with_separator() stores at most; 0 is no limit. */
typedef struct
{
  guint   max_rows;     /* rows (empty lines are not rows) */
  guint   max_columns;  /* cells in one row */
  guint   max_cells;    /* cells in all rows together */
} JuryCsvLimits;

GQuark      jury_csv_error_quark   (void);

/* Writer: call add_text/add_number for each cell, end_row after each row; the
 * text is prefixed with a UTF-8 BOM and rows end with CRLF. Text cells that a
 * spreadsheet would run as a formula (= + - @ TAB CR first) get a leading '. */
typedef struct _JuryCsvWriter JuryCsvWriter;

JuryCsvWriter *jury_csv_writer_new       (void);
void           jury_csv_writer_add_text  (JuryCsvWriter *writer,
                                          const char    *text);
void           jury_csv_writer_add_number (JuryCsvWriter *writer,
                                          double         value);
void           jury_csv_writer_add_int   (JuryCsvWriter *writer,
                                          gint64         value);
void           jury_csv_writer_add_empty (JuryCsvWriter *writer);
void           jury_csv_writer_end_row   (JuryCsvWriter *writer);
/* The whole document; the writer is freed. */
GBytes        *jury_csv_writer_free_to_bytes (JuryCsvWriter *writer);
void           jury_csv_writer_free      (JuryCsvWriter *writer);

/* Undoes the formula guard of the writer: "'=x" → "=x". */
char          *jury_csv_unguard          (const char    *text);

/* Parser: the whole text (BOM allowed; CRLF, LF or CR line ends; quoted cells
 * may span lines). Returns a GPtrArray of rows, each a GStrv of cells; LINES
 * (optional) receives for each row the 1-based line where it starts.
 * Empty lines are skipped. The separator is ',' unless the first line has no ','
 * outside quotes but a ';' (a spreadsheet in a German locale saves so). Errors
 * say "line N: problem". */
GPtrArray     *jury_csv_parse            (const char    *text,
                                          gsize          length,
                                          GArray       **lines,
                                          GError       **error);
/* The same; errors say "NAME:N: problem" when NAME is not NULL. */
GPtrArray     *jury_csv_parse_named      (const char    *text,
                                          gsize          length,
                                          const char    *name,
                                          GArray       **lines,
                                          GError       **error);

/* The same as jury_csv_parse, but the cells are separated by SEPARATOR (such as
 * ',', ';' or '\t'), which is not detected. LIMITS (nullable) stops the parser
 * as soon as the text holds more; errors say "line N: problem". */
GPtrArray     *jury_csv_parse_with_separator (const char          *text,
                                              gsize                length,
                                              char                 separator,
                                              const JuryCsvLimits *limits,
                                              GArray             **lines,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryCsvWriter, jury_csv_writer_free)

G_END_DECLS
