/* jury-review.h: a juror, a review, a change to it, and the rules that apply a change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "jury-call.h"

G_BEGIN_DECLS

struct _JuryJuror
{
  char *id;     /* random UUID */
  char *name;
};

/* One juror's review of one submission. */
struct _JuryReview
{
  char             *juror_id;
  char             *submission_id;
  guint             n_criteria;
  int              *scores;     /* n_criteria values in rubric order, JURY_NO_SCORE when none */
  char            **comments;   /* n_criteria entries, NULL when none */
  char             *overall;    /* nullable */
  gboolean          conflict;
  gboolean          done;
  JuryReviewStatus  status;
};

/* One change a juror makes; the unit of autosave and of the audit chain. */
struct _JuryChange
{
  JuryChangeKind  kind;
  char           *juror_id;
  char           *submission_id;
  char           *criterion_id;  /* SCORE; COMMENT (NULL = overall comment) */
  int             value;         /* SCORE (JURY_NO_SCORE clears); CONFLICT, DONE (0/1) */
  char           *text;          /* COMMENT (NULL or "" clears) */
};

#define JURY_TYPE_CHANGE (jury_change_get_type ())
GType              jury_change_get_type          (void) G_GNUC_CONST;

JuryJuror         *jury_juror_new                (const char         *id,
                                                  const char         *name);
void               jury_juror_free               (JuryJuror          *juror);

/* An open review: no scores, comments or flags. */
JuryReview        *jury_review_new               (const char         *juror_id,
                                                  const char         *submission_id,
                                                  guint               n_criteria);
JuryReview        *jury_review_copy              (const JuryReview   *review);
void               jury_review_free              (JuryReview         *review);
/* Every criterion scored and no conflict declared: what statistics count. */
gboolean           jury_review_is_complete       (const JuryReview   *review);
guint              jury_review_count_scored      (const JuryReview   *review);
JuryReviewStatus   jury_review_status_for        (gboolean            conflict,
                                                  gboolean            done,
                                                  gboolean            touched);
JuryReviewStatus   jury_review_derive_status     (const JuryReview   *review);

/* The rules of a review, in one place for the store, autosave and the form. Applies
 * CHANGE (to REVIEW's juror and submission) to REVIEW, a review of CALL's rubric,
 * which becomes the resulting review with its status derived anew; EFFECTS
 * (nullable) receives what changed. The rules:
 *  - a score lies on the scale (JURY_STORE_ERROR_OUT_OF_SCALE) and is refused while
 *    a conflict of interest is declared (JURY_STORE_ERROR_CONFLICT);
 *  - "done" only for a complete review without a conflict (JURY_STORE_ERROR_INCOMPLETE);
 *  - clearing a score or declaring a conflict takes "done" back
 *    (JURY_REVIEW_EFFECT_DONE_CLEARED).
 * An unknown criterion is JURY_STORE_ERROR_NOT_FOUND. A refused change leaves REVIEW
 * as it was. Names and comments are checked against their limits by the store. */
gboolean           jury_review_apply             (JuryReview         *review,
                                                  const JuryCall     *call,
                                                  const JuryChange   *change,
                                                  JuryReviewEffects  *effects,
                                                  GError            **error);

JuryChange        *jury_change_new_score         (const char         *juror_id,
                                                  const char         *submission_id,
                                                  const char         *criterion_id,
                                                  int                 value);
JuryChange        *jury_change_new_comment       (const char         *juror_id,
                                                  const char         *submission_id,
                                                  const char         *criterion_id,
                                                  const char         *text);
JuryChange        *jury_change_new_flag          (JuryChangeKind      kind,
                                                  const char         *juror_id,
                                                  const char         *submission_id,
                                                  gboolean            value);
JuryChange        *jury_change_copy              (const JuryChange   *change);
void               jury_change_free              (JuryChange         *change);
/* TRUE when both changes address the same field (a later one replaces an earlier one). */
gboolean           jury_change_same_target       (const JuryChange   *a,
                                                  const JuryChange   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryJuror, jury_juror_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryReview, jury_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryChange, jury_change_free)

G_END_DECLS
