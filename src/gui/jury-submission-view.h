/* jury-submission-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-call.h"

G_BEGIN_DECLS

#define JURY_TYPE_SUBMISSION_VIEW (jury_submission_view_get_type ())
G_DECLARE_FINAL_TYPE (JurySubmissionView, jury_submission_view, JURY, SUBMISSION_VIEW, GtkWidget)

/* Shows SUBMISSION (taken), or the empty state when NULL. */
void jury_submission_view_set_submission (JurySubmissionView *self,
                                          JurySubmission     *submission);

G_END_DECLS
