/* jury-export.h: the final selection as CSV, XLSX and a PDF dossier (DESIGN §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "jury-results.h"

G_BEGIN_DECLS

#define JURY_EXPORT_ERROR (jury_export_error_quark ())

typedef enum
{
  JURY_EXPORT_ERROR_FAILED,
} JuryExportError;

typedef enum
{
  JURY_EXPORT_CSV,
  JURY_EXPORT_XLSX,
  JURY_EXPORT_PDF,
} JuryExportFormat;

typedef struct
{
  gboolean anonymous;      /* juror names become "Juror A", "Juror B", … */
} JuryExportOptions;

GQuark       jury_export_error_quark   (void);
gboolean     jury_export_format_from_string (const char        *text,
                                        JuryExportFormat        *format);

/* The juror's name as exports show it: the name, or "Juror A" … when anonymous. */
char        *jury_export_juror_label   (const JuryResults       *results,
                                        guint                    juror_index,
                                        const JuryExportOptions *options);

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

/* The dossier's pages, for the PDF and for printing: a ranking, then one page per
 * submission with every juror's scores and comments and the spread chart, then the
 * jury's agreement and leniency. RESULTS must stay alive as long as the report. */
typedef struct _JuryReport JuryReport;

JuryReport  *jury_report_new           (const JuryResults       *results,
                                        const JuryExportOptions *options);
void         jury_report_free          (JuryReport              *report);
/* Lays out the pages for a page of WIDTH × HEIGHT points (72 per inch) on CR's
 * font options; returns the number of pages. CR's user unit is the point (for a
 * GtkPrintOperation: GTK_UNIT_POINTS); paginating again starts afresh. */
guint        jury_report_paginate      (JuryReport              *report,
                                        cairo_t                 *cr,
                                        double                   width,
                                        double                   height);
void         jury_report_draw_page     (JuryReport              *report,
                                        cairo_t                 *cr,
                                        guint                    page);

/* Charts, shared by the report and the window. COLORS follow the caller's style
 * (light or dark): foreground, accent, and a muted colour, each RGBA. */
typedef struct
{
  double foreground[4];
  double accent[4];
  double muted[4];
} JuryChartColors;

/* One submission's complete review totals as dots on the scale, mean and median marked. */
void         jury_chart_draw_spread    (cairo_t                 *cr,
                                        const JuryResults       *results,
                                        guint                    submission,
                                        const JuryChartColors   *colors,
                                        double                   width,
                                        double                   height);
/* Each juror's leniency as a bar left (stricter) or right (kinder) of zero. */
void         jury_chart_draw_leniency  (cairo_t                 *cr,
                                        const JuryResults       *results,
                                        const JuryExportOptions *options,
                                        const JuryChartColors   *colors,
                                        double                   width,
                                        double                   height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryReport, jury_report_free)

G_END_DECLS
