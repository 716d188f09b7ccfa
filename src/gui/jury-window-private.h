/* jury-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-autosave.h"
#include "jury-results-view.h"
#include "jury-score-form.h"
#include "jury-sidebar.h"
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
  gboolean              merging;       /* one import of juror databases at a time */
  GCancellable         *cancellable;
  GFile                *pending_open;  /* waiting for the juror's name */
  GFile                *next_file;     /* the answer of the next file chooser, for tests */
  GtkWindow            *scores_window; /* weak */
  guint                 check_tick_id; /* waits for the first frame to check the file */
  guint                 check_ticks;
  guint                 content_tick_id; /* the list is painted before the submission */
  guint                 content_ticks;

  /* The main menu by what is open: a juror's database, a panel, nothing. */
  GMenu                *juror_menu;
  GMenu                *panel_menu;
  GMenu                *nothing_menu;

  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;
  AdwLeaflet           *inner_leaflet;
  JurySidebar          *sidebar;
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  GtkMenuButton        *empty_menu_button;
  GtkActionBar         *score_bar;
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
  GMenu                *files_section;
  GMenu                *manager_section;
  GMenu                *juror_section;
  GMenu                *panel_section;
  GMenu                *nothing_section;
  GMenu                *app_section;
  GMenu                *recent_menu;
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
/* Moves on to the next submission that needs work, in the whole call. */
void jury_window_select_next_open      (JuryWindow     *self);
/* Shows the juror's scores side by side. */
void jury_window_show_scores           (JuryWindow     *self);
/* Tests cannot drive a file chooser: the next one the window would show answers
 * FILE at once instead. */
void jury_window_set_next_file         (JuryWindow     *self,
                                        GFile          *file);

G_END_DECLS
