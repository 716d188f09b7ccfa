/* jury-review.c: a juror, a review, a change to it, and the rules that apply a change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-review"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-review.h"
#include "jury-store-error.h"

G_DEFINE_BOXED_TYPE (JuryChange, jury_change, jury_change_copy, jury_change_free)

static gboolean
apply_score (JuryReview         *review,
             const JuryCall     *call,
             const JuryChange   *change,
             guint               index,
             JuryReviewEffects  *effects,
             GError            **error)
{
  if (change->value != JURY_NO_SCORE)
    {
      if (change->value < call->scale_min || change->value > call->scale_max)
        {
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_OUT_OF_SCALE,
                       /* Translators: score, criterion, lowest score, highest score */
                       _("%d is outside the scale of “%s”, which runs from %d to %d"),
                       change->value, change->criterion_id, call->scale_min, call->scale_max);
          return FALSE;
        }
      if (review->conflict)
        {
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_CONFLICT,
                       _("“%s” cannot be scored while a conflict of interest is declared for it"),
                       change->submission_id);
          return FALSE;
        }
    }

  if (review->scores[index] == change->value)
    return TRUE;

  review->scores[index] = change->value;
  *effects |= JURY_REVIEW_EFFECT_CHANGED;

  /* A review with a score missing is no longer done. */
  if (change->value == JURY_NO_SCORE && review->done)
    {
      review->done = FALSE;
      *effects |= JURY_REVIEW_EFFECT_DONE_CLEARED;
    }

  return TRUE;
}

static void
apply_comment (JuryReview         *review,
               const JuryChange   *change,
               char              **slot,
               JuryReviewEffects  *effects)
{
  const char *text = change->text != NULL && *change->text != '\0' ? change->text : NULL;

  if (g_strcmp0 (*slot, text) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (text);
  *effects |= JURY_REVIEW_EFFECT_CHANGED;
}

static gboolean
check_complete (const JuryReview  *review,
                const JuryChange  *change,
                GError           **error)
{
  guint n_scored = jury_review_count_scored (review);

  if (review->conflict)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_INCOMPLETE,
                   _("“%s” cannot be marked done while a conflict of interest is declared for it"),
                   change->submission_id);
      return FALSE;
    }

  if (n_scored < review->n_criteria)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_INCOMPLETE,
                   /* Translators: submission, number scored, number of criteria */
                   _("“%s” cannot be marked done: %u of %u criteria have a score"),
                   change->submission_id, n_scored, review->n_criteria);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_flag (JuryReview         *review,
            const JuryChange   *change,
            JuryReviewEffects  *effects,
            GError            **error)
{
  gboolean value = change->value != 0;

  if (change->kind == JURY_CHANGE_DONE)
    {
      if (value && !check_complete (review, change, error))
        return FALSE;
      if (value == review->done)
        return TRUE;

      review->done = value;
      *effects |= JURY_REVIEW_EFFECT_CHANGED;
      return TRUE;
    }

  if (value == review->conflict)
    return TRUE;

  review->conflict = value;
  *effects |= JURY_REVIEW_EFFECT_CHANGED;

  /* A declared conflict keeps the scores but takes the review out of the count. */
  if (value && review->done)
    {
      review->done = FALSE;
      *effects |= JURY_REVIEW_EFFECT_DONE_CLEARED;
    }

  return TRUE;
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

/* NULL and "" name the same criterion: the overall comment. */
static const char *
criterion_or_overall (const char *criterion_id)
{
  return criterion_id != NULL ? criterion_id : "";
}

/* Public API */

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

JuryReview *
jury_review_copy (const JuryReview *review)
{
  JuryReview *copy;

  g_return_val_if_fail (review != NULL, NULL);

  copy = jury_review_new (review->juror_id, review->submission_id, review->n_criteria);
  for (guint i = 0; i < review->n_criteria; i++)
    {
      copy->scores[i] = review->scores[i];
      copy->comments[i] = g_strdup (review->comments[i]);
    }
  copy->overall = g_strdup (review->overall);
  copy->conflict = review->conflict;
  copy->done = review->done;
  copy->status = review->status;

  return copy;
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

gboolean
jury_review_apply (JuryReview         *review,
                   const JuryCall     *call,
                   const JuryChange   *change,
                   JuryReviewEffects  *effects,
                   GError            **error)
{
  gboolean per_criterion;
  JuryReviewEffects local_effects = JURY_REVIEW_EFFECT_NONE;
  guint index = 0;
  gboolean ok;

  g_return_val_if_fail (review != NULL, FALSE);
  g_return_val_if_fail (call != NULL, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (review->n_criteria == call->criteria->len, FALSE);
  g_return_val_if_fail (g_strcmp0 (change->juror_id, review->juror_id) == 0, FALSE);
  g_return_val_if_fail (g_strcmp0 (change->submission_id, review->submission_id) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (effects != NULL)
    *effects = JURY_REVIEW_EFFECT_NONE;

  per_criterion = change->criterion_id != NULL && *change->criterion_id != '\0';
  if (per_criterion ? !jury_call_find_criterion (call, change->criterion_id, &index)
                    : change->kind == JURY_CHANGE_SCORE)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                   _("there is no criterion “%s”"), change->criterion_id ? change->criterion_id : "");
      return FALSE;
    }

  switch (change->kind)
    {
    case JURY_CHANGE_SCORE:
      ok = apply_score (review, call, change, index, &local_effects, error);
      break;
    case JURY_CHANGE_COMMENT:
      apply_comment (review, change, per_criterion ? &review->comments[index] : &review->overall,
                     &local_effects);
      ok = TRUE;
      break;
    case JURY_CHANGE_CONFLICT:
    case JURY_CHANGE_DONE:
      ok = apply_flag (review, change, &local_effects, error);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (!ok)
    return FALSE;

  review->status = jury_review_derive_status (review);
  if (effects != NULL)
    *effects = local_effects;
  return TRUE;
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
