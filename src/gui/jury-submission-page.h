/* jury-submission-page.h: the Submission page of a panel's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-results.h"

G_BEGIN_DECLS

#define JURY_TYPE_SUBMISSION_PAGE (jury_submission_page_get_type ())
G_DECLARE_FINAL_TYPE (JurySubmissionPage, jury_submission_page, JURY, SUBMISSION_PAGE, GtkWidget)

/* Shows the JuryRankingItem selected in SELECTION, whose previous and next are the
 * actions "results.previous-submission" and "results.next-submission". */
void jury_submission_page_set_selection (JurySubmissionPage *self,
                                         GtkSingleSelection *selection);
/* RESULTS belong to the caller, who keeps them while the page shows them; a
 * decision made on the page is written to STORE and into RESULTS, then
 * "decided" is emitted. "toast" (a message) asks for a short notice. */
void jury_submission_page_set_results   (JurySubmissionPage *self,
                                         JuryStore          *store,
                                         JuryResults        *results);

G_END_DECLS
