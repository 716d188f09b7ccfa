/* jury-sidebar-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-submission-item.h"

G_BEGIN_DECLS

#define JURY_TYPE_SIDEBAR_ROW (jury_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (JurySidebarRow, jury_sidebar_row, JURY, SIDEBAR_ROW, GtkWidget)

JurySubmissionItem *jury_sidebar_row_get_item (JurySidebarRow  *self);
void                jury_sidebar_row_set_item (JurySidebarRow  *self,
                                                  JurySubmissionItem *item);
/* The icon and words for a review status, shared with the rest of the window. */
const char         *jury_review_status_icon_name (JuryReviewStatus    status);
const char         *jury_review_status_label     (JuryReviewStatus    status);

G_END_DECLS
