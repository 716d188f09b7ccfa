/* jury-new-call-window-private.h: the New Call assistant, as its tests see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-make-call.h"
#include "jury-new-call-window.h"
#include "jury-rubric-editor.h"
#include "jury-submission-view.h"

G_BEGIN_DECLS

struct _JuryNewCallWindow
{
  AdwWindow             parent_instance;

  GCancellable         *cancellable;        /* all work, cancelled when the window goes */
  GCancellable         *table_cancellable;  /* the table being read */
  GCancellable         *preview_cancellable;

  /* Table */
  GFile                *table_file;
  JuryTable           **table;              /* an atomic reference-counted box; NULL until read */
  gboolean              reading_table;
  char                 *table_error;
  GFile                *attachments;        /* nullable */

  /* Columns */
  JuryColumnMapping     mapping;
  AdwComboRow          *column_rows[JURY_N_COLUMNS];
  GtkStringList        *header_model;       /* "None", then each header of the table */
  GtkStringList        *id_header_model;    /* the same, "None" saying what happens instead */
  GtkStringList        *fields_model;       /* the headers kept as fields */
  gboolean              updating_rows;

  /* Rubric */
  gboolean              loading_rubric;
  char                 *rubric_error;

  /* Preview */
  GPtrArray            *submissions;        /* JurySubmission*; NULL before a preview, or with problems */
  char                 *problems;           /* the rows' problems, one a line */
  GFile                *preview_folder;     /* where the preview named attachments from */
  gboolean              previewing;
  gboolean              preview_stale;      /* the table, columns or attachments changed since */
  gboolean              updating_preview;

  /* Save */
  gboolean              saving;
  char                 *save_error;
  GFile                *saved_file;

  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkRevealer          *hint_revealer;
  GtkLabel             *hint_label;
  GtkStack             *stack;
  AdwActionRow         *table_row;
  GtkSpinner           *table_spinner;
  GtkWidget            *table_button;
  AdwActionRow         *attachments_row;
  AdwPreferencesGroup  *columns_group;
  GtkListBox           *fields_list;
  AdwActionRow         *rubric_row;
  GtkSpinner           *rubric_spinner;
  JuryRubricEditor     *rubric_editor;
  GtkStack             *preview_stack;
  GtkLabel             *problems_label;
  GtkWidget            *reload_button;
  AdwLeaflet           *preview_leaflet;
  GtkWidget            *preview_sidebar;
  GtkLabel             *preview_summary;
  GtkListView          *preview_list;
  GtkSingleSelection   *preview_selection;
  GtkStringList        *preview_titles;
  JurySubmissionView   *preview_view;
  GtkStack             *save_stack;
  AdwStatusPage        *ready_page;
  GtkWidget            *save_button;
  AdwStatusPage        *saved_page;
  GtkWidget            *open_button;
};

/* What the file choosers do with the file picked; the tests call them instead,
 * since no file chooser can be driven without a person. */
void     jury_new_call_window_set_table_file         (JuryNewCallWindow *self,
                                                      GFile             *file);
void     jury_new_call_window_set_attachments_folder (JuryNewCallWindow *self,
                                                      GFile             *folder);
void     jury_new_call_window_set_rubric_file        (JuryNewCallWindow *self,
                                                      GFile             *file);
void     jury_new_call_window_save_to                (JuryNewCallWindow *self,
                                                      GFile             *file);

/* The page on show: "table", "columns", "rubric", "preview" or "save". */
const char *jury_new_call_window_get_page            (JuryNewCallWindow *self);
/* TRUE while a table, a rubric, the preview or the call file is being worked on. */
gboolean jury_new_call_window_is_busy                (JuryNewCallWindow *self);

G_END_DECLS
