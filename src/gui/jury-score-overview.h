/* jury-score-overview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "jury-submission-list.h"

G_BEGIN_DECLS

#define JURY_TYPE_SCORE_OVERVIEW (jury_score_overview_get_type ())
G_DECLARE_FINAL_TYPE (JuryScoreOverview, jury_score_overview, JURY, SCORE_OVERVIEW, AdwWindow)

/* A juror's scores of every submission of SUBMISSIONS side by side: a column per
 * criterion and the total, sortable; it follows changes as they are saved. Emits
 * "submission-activated" (id) when a row is activated. */
JuryScoreOverview *jury_score_overview_new        (GtkWindow          *parent,
                                                   JurySubmissionList *submissions);
/* The rows as shown, in their order (for tests). */
GListModel        *jury_score_overview_get_rows   (JuryScoreOverview  *self);
GtkColumnView     *jury_score_overview_get_table  (JuryScoreOverview  *self);

G_END_DECLS
