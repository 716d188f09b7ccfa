/* jury-score-overview-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-submission-item.h"

G_BEGIN_DECLS

#define JURY_TYPE_SCORE_OVERVIEW_ROW (jury_score_overview_row_get_type ())
G_DECLARE_FINAL_TYPE (JuryScoreOverviewRow, jury_score_overview_row, JURY, SCORE_OVERVIEW_ROW, GObject)

/* One submission's row in the overview of a juror's scores: its title and status from
 * ITEM, the scores of REVIEW (NULL: none) weighted as CALL's rubric says. A row does
 * not change; a new one takes its place. */
JuryScoreOverviewRow *jury_score_overview_row_new          (JurySubmissionItem   *item,
                                                            const JuryReview     *review,
                                                            const JuryCall       *call);
const char           *jury_score_overview_row_get_id       (JuryScoreOverviewRow *self);
const char           *jury_score_overview_row_get_title    (JuryScoreOverviewRow *self);
guint                 jury_score_overview_row_get_position (JuryScoreOverviewRow *self);
JuryReviewStatus      jury_score_overview_row_get_status   (JuryScoreOverviewRow *self);
/* The score of criterion INDEX, or JURY_NO_SCORE. */
int                   jury_score_overview_row_get_score    (JuryScoreOverviewRow *self,
                                                            guint                 index);
/* The weighted mean of the scores when the review is complete, else NAN. */
double                jury_score_overview_row_get_total    (JuryScoreOverviewRow *self);

G_END_DECLS
