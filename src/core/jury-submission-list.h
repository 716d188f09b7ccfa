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

/* A GListModel of JurySubmissionItem in file order. Follows the store's
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

G_END_DECLS
