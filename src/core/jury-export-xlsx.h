/* jury-export-xlsx.h: the results as a spreadsheet (XLSX) with libxlsxwriter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-export-options.h"

G_BEGIN_DECLS

/* Sheets Ranking, Scores, Comments and Jurors, headed in the reader's words; numbers as
 * numbers. Writes into a file it may create at PATH: jury-export.c makes the write
 * atomic around it. */
gboolean     jury_export_write_xlsx    (const JuryResults       *results,
                                        const JuryExportOptions *options,
                                        const char              *path,
                                        GError                 **error);
/* The same spreadsheet with every cell held in memory until the file is closed
 * (libxlsxwriter's default), where jury_export_write_xlsx() writes each row out as
 * it goes: for tests, which compare the two. */
gboolean     jury_export_write_xlsx_in_memory (const JuryResults       *results,
                                        const JuryExportOptions *options,
                                        const char              *path,
                                        GError                 **error);

G_END_DECLS
