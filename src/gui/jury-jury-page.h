/* jury-jury-page.h: the Jury page of a panel's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-results.h"
#include "jury-round-view.h"

G_BEGIN_DECLS

#define JURY_TYPE_JURY_PAGE (jury_jury_page_get_type ())
G_DECLARE_FINAL_TYPE (JuryJuryPage, jury_jury_page, JURY, JURY_PAGE, GtkWidget)

/* The round of the panel STORE (NULL for none): jurors, invitations, hand-ins. */
void           jury_jury_page_set_store       (JuryJuryPage      *self,
                                               JuryStore         *store);
JuryRoundView *jury_jury_page_get_round_view  (JuryJuryPage      *self);
/* The jurors' agreement, their figures and leniency, from RESULTS (NULL for
 * none), which the caller keeps while the page shows them. */
void           jury_jury_page_set_results     (JuryJuryPage      *self,
                                               const JuryResults *results);

G_END_DECLS
