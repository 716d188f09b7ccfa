/* jury-report.h: the decision dossier's pages, for a PDF or a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "jury-export-options.h"

G_BEGIN_DECLS

/* The dossier's pages, for the PDF and for printing: a ranking, then one page per
 * submission with every juror's scores and comments and the spread chart, then the
 * jury's agreement and leniency. RESULTS must stay alive as long as the report. */
typedef struct _JuryReport JuryReport;

JuryReport  *jury_report_new           (const JuryResults       *results,
                                        const JuryExportOptions *options);
void         jury_report_free          (JuryReport              *report);
/* Lays out the pages for a page of WIDTH × HEIGHT points (72 per inch) on CR's
 * font options; returns the number of pages. CR's user unit is the point (for a
 * GtkPrintOperation: GTK_UNIT_POINTS); paginating again starts afresh. Only the
 * count and where each section begins are kept: jury_report_draw_page() lays a
 * page out again, with those after it up to the next section, so that drawing the
 * pages in order lays out each once and holds a few pages at a time. */
guint        jury_report_paginate      (JuryReport              *report,
                                        cairo_t                 *cr,
                                        double                   width,
                                        double                   height);
void         jury_report_draw_page     (JuryReport              *report,
                                        cairo_t                 *cr,
                                        guint                    page);

/* The whole dossier as a PDF on A4, handed to WRITE piece by piece as it is made:
 * one page's layout at a time is held in memory. */
gboolean     jury_report_write_pdf     (const JuryResults       *results,
                                        const JuryExportOptions *options,
                                        cairo_write_func_t       write,
                                        gpointer                 closure,
                                        GError                 **error);
/* The same in memory. */
GBytes      *jury_report_to_pdf        (const JuryResults       *results,
                                        const JuryExportOptions *options,
                                        GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryReport, jury_report_free)

G_END_DECLS
