/* jury-results-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-results.h"

G_BEGIN_DECLS

#define JURY_TYPE_RESULTS_VIEW (jury_results_view_get_type ())
G_DECLARE_FINAL_TYPE (JuryResultsView, jury_results_view, JURY, RESULTS_VIEW, GtkWidget)

/* Shows the results of the panel database STORE (NULL for none), computed in a thread;
 * "results-changed" is emitted when they are ready. */
void               jury_results_view_set_store      (JuryResultsView *self,
                                                     JuryStore       *store);
const JuryResults *jury_results_view_get_results    (JuryResultsView *self);
void               jury_results_view_set_menu_model (JuryResultsView *self,
                                                     GMenuModel      *model);
/* Shows the submission with this id on the Submission page. */
gboolean           jury_results_view_select         (JuryResultsView *self,
                                                     const char      *submission_id);
void               jury_results_view_toast          (JuryResultsView *self,
                                                     const char      *message);

G_END_DECLS
