/* jury-make-call.h: the submissions of a call, from a table of applications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-call.h"
#include "jury-table.h"

G_BEGIN_DECLS

/* The parts of a submission a column can fill. */
typedef enum
{
  JURY_COLUMN_ID,
  JURY_COLUMN_TITLE,
  JURY_COLUMN_NETWORK,
  JURY_COLUMN_REGION,
  JURY_COLUMN_CONTACT,
  JURY_COLUMN_SUMMARY,
  JURY_COLUMN_DESCRIPTION,
  JURY_COLUMN_TARGET_GROUP,
  JURY_COLUMN_FORMAT,
  JURY_COLUMN_PARTNER,
  JURY_COLUMN_LINK,
  JURY_COLUMN_ATTACHMENTS,
  JURY_N_COLUMNS
} JuryColumn;

/* "id", "title", "network", …, "target-group", …, "attachments": the names
 * --column takes, as the call format names the elements. */
const char *jury_column_to_string   (JuryColumn   column);
gboolean    jury_column_from_string (const char  *name,
                                     JuryColumn  *column);
/* The column's name for people, translated ("Title", "Network", …). */
const char *jury_column_to_label    (JuryColumn   column);

/* Which column of the table fills which part: the index of a column, or -1.
 * Every other column that holds something becomes a field of its own. */
typedef struct
{
  int columns[JURY_N_COLUMNS];
} JuryColumnMapping;

/* Maps columns by their headers, in German and English ("Projekttitel",
 * "Titel", "Title", "Landkreis", "Netzwerk", "Ansprechperson",
 * "Kurzbeschreibung", "Website", …): the first column whose header names a part
 * fills it. */
void     jury_column_mapping_guess (JuryColumnMapping  *mapping,
                                    const JuryTable    *table);
/* Applies SPEC, "FIELD=HEADER" as --column takes it (HEADER as the first row
 * has it, spaces and case aside; "FIELD=" unmaps FIELD), to MAPPING. */
gboolean jury_column_mapping_apply (JuryColumnMapping  *mapping,
                                    const JuryTable    *table,
                                    const char         *spec,
                                    GError            **error);

typedef struct
{
  const char *table_name;      /* begins every message: "applications.csv: row 17: no title" */
  GFile      *call_folder;     /* where the call file goes: attachments are named relative to it */
  GFile      *attachments;     /* nullable: the folder of the attachments, inside CALL_FOLDER */
  guint       max_problems;    /* the problems named in the message before "and N more"; 0: 20 */
} JuryMakeCallOptions;

#define JURY_MAKE_CALL_ERROR (jury_make_call_error_quark ())

typedef enum
{
  JURY_MAKE_CALL_ERROR_MAPPING,  /* no title column, or a --column that names nothing */
  JURY_MAKE_CALL_ERROR_ROWS,     /* rows with problems; the message names each */
  JURY_MAKE_CALL_ERROR_ATTACHMENTS, /* the attachments folder is not inside the call's folder */
} JuryMakeCallError;

GQuark     jury_make_call_error_quark (void);

/* The submissions (JurySubmission*) of TABLE, one per row after the header, in
 * the table's order:
 * - the parts MAPPING gives; contacts, formats and partners split at line breaks
 *   and semicolons; the description's and every field's lines become paragraphs;
 * - every other column that holds something in the row as a field named by its
 *   header, in the table's order;
 * - the id from the id column, else a slug of the title ("Schubs – Schule und
 *   Beruf" → "schubs-schule-und-beruf"), made unique with "-2", "-3", …;
 * - with OPTIONS->attachments: the files the attachments column names (split like
 *   contacts; relative to that folder), or without such a column every file in
 *   the folder named like the submission's id; each a PDF, PNG or JPEG file of at
 *   most 64 MiB, with its SHA-256.
 * Nothing is returned unless every row is sound: the error names every problem
 * with its row ("row 17: no title"), one per line (no problem's text holds a
 * line break). */
GPtrArray *jury_make_submissions (const JuryTable            *table,
                                  const JuryColumnMapping    *mapping,
                                  const JuryMakeCallOptions  *options,
                                  GCancellable               *cancellable,
                                  GError                    **error);

/* A readable, stable id from TEXT: ASCII letters and digits in small letters,
 * words joined with "-", German umlauts as "ae", "oe", "ue", at most 60
 * characters; "submission" when nothing is left. */
char      *jury_make_slug        (const char                 *text);
/* TRUE when ID may stand as an id in a call: 1 to 128 ASCII letters, digits,
 * ".", "_" or "-", the first a letter or a digit. */
gboolean   jury_is_identifier    (const char                 *id);

G_END_DECLS
