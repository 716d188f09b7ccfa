/* jury-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-autosave.h"
#include "jury-results-view.h"
#include "jury-score-form.h"
#include "jury-submission-list.h"
#include "jury-submission-view.h"
#include "jury-window.h"

G_BEGIN_DECLS

struct _JuryWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  JuryStore            *store;
  JuryAutosave         *autosave;
  JurySubmissionList   *submissions;
  char                 *juror_id;      /* the sole juror; NULL for a panel */
  GHashTable           *search_hits;   /* ids matching the search; NULL when not searching */
  char                 *pinned_id;     /* the selected submission, shown whatever the filter */
  int                   status_filter_value; /* a JuryReviewStatus, or -1 for all */
  gboolean              sort_by_status;
  gboolean              merging;       /* one import of juror databases at a time */
  GCancellable         *cancellable;
  GFile                *pending_open;  /* waiting for the juror's name */

  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  GtkCustomSorter      *sorter;

  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;
  AdwLeaflet           *inner_leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *status_filter;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkWidget            *back_button;
  GtkWidget            *show_form_button;
  GtkImage             *save_icon;
  GtkLabel             *save_label;
  GtkRevealer          *save_error_revealer;
  GtkLabel             *save_error_label;
  GtkWidget            *retry_save_button;
  GtkWidget            *save_as_button;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  AdwToastOverlay      *toast_overlay;
  JurySubmissionView   *submission_view;
  JuryScoreForm        *score_form;
  JuryResultsView      *results_view;
  GMenu                *recent_menu;
  GMenu                *primary_menu;
};

void jury_window_class_install_actions (GtkWidgetClass *widget_class);
void jury_window_class_install_panel_actions (GtkWidgetClass *widget_class);
void jury_window_init_panel_actions    (JuryWindow     *self);
void jury_window_update_actions        (JuryWindow     *self);
void jury_window_init_recent_menu      (JuryWindow     *self);
void jury_window_show_error            (JuryWindow     *self,
                                        const char     *heading,
                                        const char     *message);
/* Creates the panel database PANEL for the call CALL in a thread and opens it. */
void jury_window_new_panel             (JuryWindow     *self,
                                        GFile          *call,
                                        GFile          *panel);
void jury_window_toast                 (JuryWindow     *self,
                                        const char     *message);
/* CHOOSER starts beside BESIDE (nullable), else beside the open file, else beside
 * the file opened last, else at home: never in the folder Jury Desk was started
 * from. */
void jury_window_set_chooser_folder    (JuryWindow     *self,
                                        GtkFileChooser *chooser,
                                        GFile          *beside);
void jury_window_select_next           (JuryWindow     *self,
                                        int             direction,
                                        gboolean        only_open);

G_END_DECLS
