/* jury-store-types.c: the plain records of the store's API: jurors, rows, reviews, changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include "jury-store-private.h"

G_DEFINE_BOXED_TYPE (JuryChange, jury_change, jury_change_copy, jury_change_free)

/* As the decisions table, the audit trail and the exports spell them. */
static const char * const decision_names[] = {
  [JURY_DECISION_NONE] = "none",
  [JURY_DECISION_SHORTLIST] = "shortlist",
  [JURY_DECISION_AWARD] = "award",
};

JuryJuror *
jury_juror_new (const char *id,
                const char *name)
{
  JuryJuror *juror;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  juror = g_new0 (JuryJuror, 1);
  juror->id = g_strdup (id);
  juror->name = g_strdup (name);

  return juror;
}

void
jury_juror_free (JuryJuror *juror)
{
  if (juror == NULL)
    return;

  g_free (juror->id);
  g_free (juror->name);
  g_free (juror);
}

void
jury_submission_row_free (JurySubmissionRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row->title);
  g_free (row->region);
  g_free (row->network);
  g_free (row);
}

JuryReview *
jury_review_new (const char *juror_id,
                 const char *submission_id,
                 guint       n_criteria)
{
  JuryReview *review = g_new0 (JuryReview, 1);

  review->juror_id = g_strdup (juror_id);
  review->submission_id = g_strdup (submission_id);
  review->n_criteria = n_criteria;
  review->scores = g_new (int, n_criteria);
  review->comments = g_new0 (char *, n_criteria + 1);
  for (guint i = 0; i < n_criteria; i++)
    review->scores[i] = JURY_NO_SCORE;
  review->status = JURY_REVIEW_OPEN;

  return review;
}

void
jury_review_free (JuryReview *review)
{
  if (review == NULL)
    return;

  g_free (review->juror_id);
  g_free (review->submission_id);
  g_free (review->scores);
  for (guint i = 0; i < review->n_criteria; i++)
    g_free (review->comments[i]);
  g_free (review->comments);
  g_free (review->overall);
  g_free (review);
}

guint
jury_review_count_scored (const JuryReview *review)
{
  guint n = 0;

  g_return_val_if_fail (review != NULL, 0);

  for (guint i = 0; i < review->n_criteria; i++)
    if (review->scores[i] != JURY_NO_SCORE)
      n++;

  return n;
}

gboolean
jury_review_is_complete (const JuryReview *review)
{
  g_return_val_if_fail (review != NULL, FALSE);

  return !review->conflict && jury_review_count_scored (review) == review->n_criteria;
}

JuryReviewStatus
jury_review_status_for (gboolean conflict,
                        gboolean done,
                        gboolean touched)
{
  if (conflict)
    return JURY_REVIEW_CONFLICT;
  if (done)
    return JURY_REVIEW_DONE;
  if (touched)
    return JURY_REVIEW_IN_PROGRESS;
  return JURY_REVIEW_OPEN;
}

JuryReviewStatus
jury_review_derive_status (const JuryReview *review)
{
  gboolean touched = review->overall != NULL || jury_review_count_scored (review) > 0;

  for (guint i = 0; !touched && i < review->n_criteria; i++)
    touched = review->comments[i] != NULL;

  return jury_review_status_for (review->conflict, review->done, touched);
}

static JuryChange *
jury_change_new (JuryChangeKind  kind,
                 const char     *juror_id,
                 const char     *submission_id)
{
  JuryChange *change = g_new0 (JuryChange, 1);

  change->kind = kind;
  change->juror_id = g_strdup (juror_id);
  change->submission_id = g_strdup (submission_id);

  return change;
}

JuryChange *
jury_change_new_score (const char *juror_id,
                       const char *submission_id,
                       const char *criterion_id,
                       int         value)
{
  JuryChange *change;

  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);
  g_return_val_if_fail (criterion_id != NULL, NULL);

  change = jury_change_new (JURY_CHANGE_SCORE, juror_id, submission_id);
  change->criterion_id = g_strdup (criterion_id);
  change->value = value;

  return change;
}

JuryChange *
jury_change_new_comment (const char *juror_id,
                         const char *submission_id,
                         const char *criterion_id,
                         const char *text)
{
  JuryChange *change;

  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);

  change = jury_change_new (JURY_CHANGE_COMMENT, juror_id, submission_id);
  /* "" and NULL both mean the overall comment; keep one spelling. */
  change->criterion_id = criterion_id != NULL && *criterion_id != '\0' ? g_strdup (criterion_id) : NULL;
  change->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;

  return change;
}

JuryChange *
jury_change_new_flag (JuryChangeKind  kind,
                      const char     *juror_id,
                      const char     *submission_id,
                      gboolean        value)
{
  JuryChange *change;

  g_return_val_if_fail (kind == JURY_CHANGE_CONFLICT || kind == JURY_CHANGE_DONE, NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);

  change = jury_change_new (kind, juror_id, submission_id);
  change->value = !!value;

  return change;
}

JuryChange *
jury_change_copy (const JuryChange *change)
{
  JuryChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = jury_change_new (change->kind, change->juror_id, change->submission_id);
  copy->criterion_id = g_strdup (change->criterion_id);
  copy->value = change->value;
  copy->text = g_strdup (change->text);

  return copy;
}

void
jury_change_free (JuryChange *change)
{
  if (change == NULL)
    return;

  g_free (change->juror_id);
  g_free (change->submission_id);
  g_free (change->criterion_id);
  g_free (change->text);
  g_free (change);
}

/* NULL and "" name the same criterion: the overall comment. */
static const char *
criterion_or_overall (const char *criterion_id)
{
  return criterion_id != NULL ? criterion_id : "";
}

gboolean
jury_change_same_target (const JuryChange *a,
                         const JuryChange *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->kind != b->kind ||
      g_strcmp0 (a->juror_id, b->juror_id) != 0 ||
      g_strcmp0 (a->submission_id, b->submission_id) != 0)
    return FALSE;

  if (a->kind == JURY_CHANGE_SCORE || a->kind == JURY_CHANGE_COMMENT)
    return g_str_equal (criterion_or_overall (a->criterion_id),
                        criterion_or_overall (b->criterion_id));

  return TRUE;
}

const char *
jury_decision_to_string (JuryDecision decision)
{
  g_return_val_if_fail ((guint) decision < G_N_ELEMENTS (decision_names), NULL);

  return decision_names[decision];
}

gboolean
jury_decision_from_string (const char   *text,
                           JuryDecision *decision)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (decision_names); i++)
    if (g_str_equal (text, decision_names[i]))
      {
        *decision = (JuryDecision) i;
        return TRUE;
      }

  return FALSE;
}
