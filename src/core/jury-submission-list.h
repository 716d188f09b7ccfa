/* jury-submission-list.h: the submissions of a store for one juror, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-store.h"
#include "jury-submission-item.h"

G_BEGIN_DECLS

#define JURY_TYPE_SUBMISSION_LIST (jury_submission_list_get_type ())
G_DECLARE_FINAL_TYPE (JurySubmissionList, jury_submission_list, JURY, SUBMISSION_LIST, GObject)

/* A GListModel of JurySubmissionItem in file order (or the juror's plan's); each
 * item is made when first asked for and kept. Follows the store's
 * ::review-changed signal, so items update themselves. Properties "n-reviewed" and
 * "n-total" (reviewed = done or conflict) notify on change. */
JurySubmissionList *jury_submission_list_new           (JuryStore          *store,
                                                        const char         *juror_id,
                                                        GError            **error);
JuryStore          *jury_submission_list_get_store     (JurySubmissionList *self);
const char         *jury_submission_list_get_juror_id  (JurySubmissionList *self);
JurySubmissionItem *jury_submission_list_find          (JurySubmissionList *self,
                                                        const char         *submission_id,
                                                        guint              *position);
guint               jury_submission_list_get_n_reviewed (JurySubmissionList *self);
/* Whether the list is in the order of the call (no plan of the juror's reorders it). */
gboolean            jury_submission_list_is_in_file_order (JurySubmissionList *self);
/* What the item at POSITION would say, without making it. */
const char         *jury_submission_list_get_id         (JurySubmissionList *self,
                                                         guint               position);
JuryReviewStatus    jury_submission_list_get_status     (JurySubmissionList *self,
                                                         guint               position);

G_END_DECLS
