/* jury-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JuryCall          JuryCall;
typedef struct _JuryCriterion     JuryCriterion;
typedef struct _JuryLevel         JuryLevel;
typedef struct _JurySubmission    JurySubmission;
typedef struct _JuryContact       JuryContact;
typedef struct _JuryQuote         JuryQuote;
typedef struct _JuryLink          JuryLink;
typedef struct _JuryField         JuryField;
typedef struct _JuryAttachment    JuryAttachment;
typedef struct _JuryJuror         JuryJuror;
typedef struct _JuryReview        JuryReview;
typedef struct _JuryChange        JuryChange;
typedef struct _JurySubmissionRow JurySubmissionRow;

/* A value that means "not scored" wherever a score is an int. */
#define JURY_NO_SCORE G_MININT

typedef enum
{
  JURY_REVIEW_OPEN,
  JURY_REVIEW_IN_PROGRESS,
  JURY_REVIEW_DONE,
  JURY_REVIEW_CONFLICT,
} JuryReviewStatus;

typedef enum
{
  JURY_CHANGE_SCORE,
  JURY_CHANGE_COMMENT,
  JURY_CHANGE_CONFLICT,
  JURY_CHANGE_DONE,
} JuryChangeKind;

/* What applying a change to a review brings about (jury_review_apply()). */
typedef enum
{
  JURY_REVIEW_EFFECT_NONE         = 0,
  JURY_REVIEW_EFFECT_CHANGED      = 1 << 0,  /* the change's own field takes a new value */
  JURY_REVIEW_EFFECT_DONE_CLEARED = 1 << 1,  /* "done" is taken back */
} JuryReviewEffects;

typedef enum
{
  JURY_DECISION_NONE,
  JURY_DECISION_SHORTLIST,
  JURY_DECISION_AWARD,
} JuryDecision;

typedef enum
{
  JURY_SAVE_STATE_SAVED,
  JURY_SAVE_STATE_PENDING,
  JURY_SAVE_STATE_FAILED,
} JurySaveState;

/* What a table of applications was read from (jury-table.h). */
typedef enum
{
  JURY_TABLE_FORMAT_CSV,
  JURY_TABLE_FORMAT_XLSX,
  JURY_TABLE_FORMAT_ODS,
} JuryTableFormat;

G_END_DECLS
