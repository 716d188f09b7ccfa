/* jury-export.h: the final selection as CSV, XLSX or a PDF dossier (DESIGN §9): the
 * formats by name, and each written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-export-options.h"

G_BEGIN_DECLS

typedef enum
{
  JURY_EXPORT_CSV,
  JURY_EXPORT_XLSX,
  JURY_EXPORT_PDF,
} JuryExportFormat;

gboolean     jury_export_format_from_string (const char        *text,
                                        JuryExportFormat        *format);

/* Writes RESULTS to PATH atomically (temporary file beside it, fsync, rename). */
gboolean     jury_export_write         (const JuryResults       *results,
                                        JuryExportFormat         format,
                                        const JuryExportOptions *options,
                                        const char              *path,
                                        GError                 **error);

/* The results of STORE (computed with RESULTS_OPTIONS, nullable) written to DEST_PATH
 * as jury_export_write() does; refused when DEST_PATH is STORE's own file. */
gboolean     jury_export_store         (JuryStore                *store,
                                        const JuryResultsOptions *results_options,
                                        JuryExportFormat          format,
                                        const JuryExportOptions  *options,
                                        const char               *dest_path,
                                        GCancellable             *cancellable,
                                        GError                  **error);
/* jury_export_store() in a worker thread on a read-only connection of the worker's
 * own to STORE's file: the caller may go on using STORE meanwhile, and no results of
 * the caller's ever cross into the thread. */
void         jury_export_store_async   (JuryStore                *store,
                                        const JuryResultsOptions *results_options,
                                        JuryExportFormat          format,
                                        const JuryExportOptions  *options,
                                        const char               *dest_path,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data);
gboolean     jury_export_store_finish  (GAsyncResult             *result,
                                        GError                  **error);

G_END_DECLS
