/* jury-chart.h: the spread of a submission's totals and the jurors' leniency,
 * drawn with cairo for the window and the dossier alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "jury-export-options.h"

G_BEGIN_DECLS

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

G_END_DECLS
