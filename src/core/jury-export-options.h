/* jury-export-options.h: what every export format shares: its error, its options, and
 * the jurors as exports name and order them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-results.h"

G_BEGIN_DECLS

#define JURY_EXPORT_ERROR (jury_export_error_quark ())

typedef enum
{
  JURY_EXPORT_ERROR_FAILED,
} JuryExportError;

typedef struct
{
  gboolean anonymous;      /* juror names become "Juror A", "Juror B", … */
} JuryExportOptions;

GQuark       jury_export_error_quark   (void);

/* The juror's name as exports show it: the name, or "Juror A" … when anonymous. */
char        *jury_export_juror_label   (const JuryResults       *results,
                                        guint                    juror_index,
                                        const JuryExportOptions *options);

/* The juror indices in the order an export lists them: by name, or when anonymous by
 * label ("Juror A" first), so that the order gives no name away. */
guint       *jury_export_juror_order   (const JuryResults       *results,
                                        const JuryExportOptions *options);

G_END_DECLS
