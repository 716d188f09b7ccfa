/* jury-export-private.h: what the export formats share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-export.h"

G_BEGIN_DECLS

/* The colours of the printed dossier: black text, grey rules, a blue accent. */
extern const JuryChartColors jury_report_colors;

/* The juror indices in the order an export lists them: by name, or when anonymous by
 * label ("Juror A" first), so that the order gives no name away. */
guint    *jury_export_juror_order (const JuryResults       *results,
                                   const JuryExportOptions *options);

/* The formats, each into a file it may create at PATH; jury-export.c makes the write
 * atomic around them. */
gboolean  jury_export_write_xlsx  (const JuryResults       *results,
                                   const JuryExportOptions *options,
                                   const char              *path,
                                   GError                 **error);
GBytes   *jury_report_to_pdf      (const JuryResults       *results,
                                   const JuryExportOptions *options,
                                   GError                 **error);

G_END_DECLS
