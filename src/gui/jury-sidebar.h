/* jury-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-submission-list.h"

G_BEGIN_DECLS

#define JURY_TYPE_SIDEBAR (jury_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (JurySidebar, jury_sidebar, JURY, SIDEBAR, GtkWidget)

/* What jury_sidebar_select_next_open() did. */
typedef enum
{
  JURY_SIDEBAR_NEXT_SHOWN,    /* selected among the submissions shown */
  JURY_SIDEBAR_NEXT_REVEALED, /* selected after clearing the search and the status filter */
  JURY_SIDEBAR_NEXT_NONE,     /* nothing in the call needs work any more */
} JurySidebarNext;

/* Shows SUBMISSIONS (NULL for none) with TITLE and SUBTITLE above them; searches in
 * their store. Clears the search. */
void                jury_sidebar_set_submissions   (JurySidebar        *self,
                                                    JurySubmissionList *submissions,
                                                    const char         *title,
                                                    const char         *subtitle);
void                jury_sidebar_set_menu_model    (JurySidebar        *self,
                                                    GMenuModel         *menu_model);
/* The list as shown: searched, filtered by status, sorted. */
GtkSingleSelection *jury_sidebar_get_selection     (JurySidebar        *self);
JurySubmissionItem *jury_sidebar_get_selected_item (JurySidebar        *self);
/* Selects the submission with this id, if the list shows it. */
gboolean            jury_sidebar_select            (JurySidebar        *self,
                                                    const char         *submission_id);
/* Selects the submission with this id, clearing the search and the status filter
 * first when they hide it. */
gboolean            jury_sidebar_reveal            (JurySidebar        *self,
                                                    const char         *submission_id);
/* Selects the next (DIRECTION > 0) or previous submission shown; without a selection,
 * the first or the last. */
void                jury_sidebar_step              (JurySidebar        *self,
                                                    int                 direction);
/* Selects the next submission after the selected one that still needs work, in the
 * list's order. When the search or the status filter hides every one that does, they
 * are cleared, so that one in the whole call is found. */
JurySidebarNext     jury_sidebar_select_next_open  (JurySidebar        *self);
/* Opens the search bar and moves the focus into it. */
void                jury_sidebar_start_search      (JurySidebar        *self);
/* Searches for TEXT now, as typing it would after a pause; the search runs in a
 * worker, and the list follows when it is done. */
void                jury_sidebar_search            (JurySidebar        *self,
                                                    const char         *text);
/* Whether a search is running, whose answer the list will show. */
gboolean            jury_sidebar_is_searching      (JurySidebar        *self);
/* Whether the search or the status filter hides submissions. */
gboolean            jury_sidebar_is_filtered       (JurySidebar        *self);
/* The line that says how far the juror is, e.g. "12 of 31 reviewed". */
const char         *jury_sidebar_get_progress_text (JurySidebar        *self);
/* "list" or "no-results". */
const char         *jury_sidebar_get_list_page     (JurySidebar        *self);
GtkMenuButton      *jury_sidebar_get_menu_button   (JurySidebar        *self);
/* The list view, e.g. to scroll it. */
GtkWidget          *jury_sidebar_get_list_view     (JurySidebar        *self);
/* The search entry, e.g. to type into it. */
GtkEditable        *jury_sidebar_get_search_entry  (JurySidebar        *self);

G_END_DECLS
