/* jury-submission-item.h: one light row of the submission list, as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "jury-store.h"

G_BEGIN_DECLS

#define JURY_TYPE_SUBMISSION_ITEM (jury_submission_item_get_type ())
G_DECLARE_FINAL_TYPE (JurySubmissionItem, jury_submission_item, JURY, SUBMISSION_ITEM, GObject)

/* Properties: "id", "title", "region", "network", "position" (read-only, construct),
 * "status" (JuryReviewStatus), "n-scored", "n-criteria" (read-write, notify on change). */
JurySubmissionItem *jury_submission_item_new            (const JurySubmissionRow *row,
                                                         guint                    n_criteria);
const char         *jury_submission_item_get_id         (JurySubmissionItem      *self);
const char         *jury_submission_item_get_title      (JurySubmissionItem      *self);
const char         *jury_submission_item_get_region     (JurySubmissionItem      *self);
const char         *jury_submission_item_get_network    (JurySubmissionItem      *self);
guint               jury_submission_item_get_position   (JurySubmissionItem      *self);
JuryReviewStatus    jury_submission_item_get_status     (JurySubmissionItem      *self);
guint               jury_submission_item_get_n_scored   (JurySubmissionItem      *self);
guint               jury_submission_item_get_n_criteria (JurySubmissionItem      *self);
/* Updates status and n-scored, notifying only what changed. */
void                jury_submission_item_update         (JurySubmissionItem      *self,
                                                         JuryReviewStatus         status,
                                                         guint                    n_scored);

G_END_DECLS
