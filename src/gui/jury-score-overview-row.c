/* jury-score-overview-row.c: one submission in the overview of a juror's scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-score-overview-row"

#include "config.h"

#include <math.h>

#include "jury-score-overview-row.h"

struct _JuryScoreOverviewRow
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  guint             position;
  JuryReviewStatus  status;
  guint             n_criteria;
  int              *scores;
  double            total;
};

G_DEFINE_FINAL_TYPE (JuryScoreOverviewRow, jury_score_overview_row, G_TYPE_OBJECT)

static void
jury_score_overview_row_finalize (GObject *object)
{
  JuryScoreOverviewRow *self = JURY_SCORE_OVERVIEW_ROW (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->scores);

  G_OBJECT_CLASS (jury_score_overview_row_parent_class)->finalize (object);
}

static void
jury_score_overview_row_class_init (JuryScoreOverviewRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jury_score_overview_row_finalize;
}

static void
jury_score_overview_row_init (JuryScoreOverviewRow *self)
{
  self->total = NAN;
}

JuryScoreOverviewRow *
jury_score_overview_row_new (JurySubmissionItem *item,
                             const JuryReview   *review,
                             const JuryCall     *call)
{
  JuryScoreOverviewRow *self;
  double sum = 0, weights = 0;

  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (item), NULL);
  g_return_val_if_fail (call != NULL, NULL);
  g_return_val_if_fail (review == NULL || review->n_criteria == call->criteria->len, NULL);

  self = g_object_new (JURY_TYPE_SCORE_OVERVIEW_ROW, NULL);
  self->id = g_strdup (jury_submission_item_get_id (item));
  self->title = g_strdup (jury_submission_item_get_title (item));
  self->position = jury_submission_item_get_position (item);
  self->status = review ? review->status : jury_submission_item_get_status (item);
  self->n_criteria = call->criteria->len;
  self->scores = g_new (int, self->n_criteria);

  for (guint i = 0; i < self->n_criteria; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      self->scores[i] = review ? review->scores[i] : JURY_NO_SCORE;
      sum += criterion->weight * self->scores[i];
      weights += criterion->weight;
    }

  /* As the results count it: a review with a score for every criterion and no
   * conflict of interest. */
  if (review != NULL && jury_review_is_complete (review) && weights > 0)
    self->total = sum / weights;

  return self;
}

const char *
jury_score_overview_row_get_id (JuryScoreOverviewRow *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW_ROW (self), NULL);

  return self->id;
}

const char *
jury_score_overview_row_get_title (JuryScoreOverviewRow *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW_ROW (self), NULL);

  return self->title;
}

guint
jury_score_overview_row_get_position (JuryScoreOverviewRow *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW_ROW (self), 0);

  return self->position;
}

JuryReviewStatus
jury_score_overview_row_get_status (JuryScoreOverviewRow *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW_ROW (self), JURY_REVIEW_OPEN);

  return self->status;
}

int
jury_score_overview_row_get_score (JuryScoreOverviewRow *self,
                                   guint                 index)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW_ROW (self), JURY_NO_SCORE);
  g_return_val_if_fail (index < self->n_criteria, JURY_NO_SCORE);

  return self->scores[index];
}

double
jury_score_overview_row_get_total (JuryScoreOverviewRow *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW_ROW (self), NAN);

  return self->total;
}
