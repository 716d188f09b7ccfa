/* jury-window-actions.c: what the window's menus and shortcuts do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jury-accessible.h"
#include "jury-file.h"
#include "jury-file-chooser.h"
#include "jury-form.h"
#include "jury-new-call-window.h"
#include "jury-open.h"
#include "jury-round.h"
#include "jury-shortcuts-window.h"
#include "jury-window-private.h"

typedef void (*ChosenFunc) (JuryWindow *self,
                            GFile      *file);

static GtkFileChooser *
new_chooser (JuryWindow           *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             ChosenFunc            func)
{
  return jury_file_chooser_new (GTK_WINDOW (self), title, action, accept_label, (JuryFileChosenFunc) func);
}

static void
run_chooser (JuryWindow     *self,
             GtkFileChooser *chooser)
{
  if (self->next_file != NULL)
    {
      g_autoptr(GFile) file = g_steal_pointer (&self->next_file);

      /* As if a person had picked the file. */
      jury_file_chooser_choose (chooser, file);
      return;
    }

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Open */

static void
open_chosen (JuryWindow *self,
             GFile      *file)
{
  jury_window_open (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Open a Call or a Jury Database"), GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Open"), open_chosen);
  jury_file_chooser_add_filter (chooser, _("Calls and jury databases"), "*.xml", "*.jury", NULL);
  jury_file_chooser_add_filter (chooser, _("Calls (XML)"), "*.xml", NULL);
  jury_file_chooser_add_filter (chooser, _("Jury databases"), "*.jury", NULL);
  run_chooser (self, chooser);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  jury_window_open (JURY_WINDOW (widget), file);
}

/* New call */

static void
new_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JuryNewCallWindow *assistant = jury_new_call_window_new (JURY_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (assistant));
}

/* New Panel: a panel database for a call, to invite the jurors from */

static void
new_panel_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GFile *call = g_object_get_data (G_OBJECT (task), "call");
  GFile *panel_file = data;
  g_autofree char *path = g_file_get_path (panel_file);
  g_autoptr(JuryStore) panel = NULL;
  GError *error = NULL;

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                 _("Pick a folder on this computer or a USB stick."));
  else if ((panel = jury_store_new_panel (path, call, cancellable, &error)) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_error (task, error);
}

static void
new_panel_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  JuryWindow *self = JURY_WINDOW (source);
  GFile *panel_file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      jury_window_show_error (self, _("Could Not Create the Panel"), error->message);
      return;
    }

  jury_window_open (self, panel_file);
}

void
jury_window_new_panel (JuryWindow *self,
                       GFile      *call,
                       GFile      *panel)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (call));
  g_return_if_fail (G_IS_FILE (panel));

  task = g_task_new (self, NULL, new_panel_done_cb, NULL);
  g_task_set_source_tag (task, jury_window_new_panel);
  g_object_set_data_full (G_OBJECT (task), "call", g_object_ref (call), g_object_unref);
  g_task_set_task_data (task, g_object_ref (panel), g_object_unref);
  g_task_run_in_thread (task, new_panel_thread);
}

static void
new_panel_file_chosen (JuryWindow *self,
                       GFile      *file)
{
  GFile *call = g_object_get_data (G_OBJECT (self), "new-panel-call");

  if (call != NULL)
    jury_window_new_panel (self, call, file);
  g_object_set_data (G_OBJECT (self), "new-panel-call", NULL);
}

static void
new_panel_call_chosen (JuryWindow *self,
                       GFile      *call)
{
  GtkFileChooser *chooser;
  g_autofree char *base = g_file_get_basename (call);
  g_autofree char *stem = g_str_has_suffix (base, ".xml") ? g_strndup (base, strlen (base) - 4) : g_strdup (base);
  /* Translators: the default name of a new panel database; %s is the call file's name without .xml */
  g_autofree char *name = g_strdup_printf (_("%s-panel.jury"), stem);

  g_object_set_data_full (G_OBJECT (self), "new-panel-call", g_object_ref (call), g_object_unref);
  chooser = new_chooser (self, _("Save the Panel Database"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
                         new_panel_file_chosen);
  jury_window_set_chooser_folder (self, chooser, call);
  gtk_file_chooser_set_current_name (chooser, name);
  run_chooser (self, chooser);
}

static void
new_panel_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Pick the Call of the Round"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Next"),
                         new_panel_call_chosen);
  jury_file_chooser_add_filter (chooser, _("Call files"), "*.xml", NULL);
  jury_window_set_chooser_folder (self, chooser, NULL);
  run_chooser (self, chooser);
}

typedef struct
{
  JuryWindow *window;
  char       *path;
} HandIn;

static void
hand_in_free (HandIn *hand_in)
{
  g_object_unref (hand_in->window);
  g_free (hand_in->path);
  g_free (hand_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HandIn, hand_in_free)

static void
hand_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HandIn) hand_in = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *receipt = NULL;
  GtkWidget *dialog;
  GtkWidget *code;

  if (!jury_store_hand_in_finish (JURY_STORE (source), result, &error))
    {
      jury_window_show_error (hand_in->window, _("Could Not Hand In"), error->message);
      return;
    }

  name = g_path_get_basename (hand_in->path);

  /* The code of the copy as written: what the programme manager will see. */
  {
    g_autoptr(JuryStore) copy = jury_store_open_read_only (hand_in->path, &error);
    const char *juror_id = copy != NULL ? jury_store_get_sole_juror_id (copy) : NULL;

    if (juror_id != NULL)
      receipt = jury_store_dup_receipt (copy, juror_id, &error);
    if (receipt == NULL)
      g_warning ("%s: no receipt code: %s", name, error != NULL ? error->message : "no juror");
  }

  if (receipt == NULL)
    {
      /* Translators: %s is the file name of the handed-in database */
      message = g_strdup_printf (_("Saved a copy as “%s”. Send this file to your programme manager."), name);
      jury_window_toast (hand_in->window, message);
      return;
    }

  /* Translators: %s is the file name of the handed-in database */
  message = g_strdup_printf (_("“%s” holds your work as it is now. Send it to your programme manager.\n\n"
                               "When they import it, Jury Desk shows them this receipt code. Compare the "
                               "codes, on the phone or by e-mail: when they are the same, the file arrived "
                               "whole."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (hand_in->window), _("Handed In"), message);
  code = gtk_label_new (receipt);
  gtk_label_set_selectable (GTK_LABEL (code), TRUE);
  gtk_widget_add_css_class (code, "title-1");
  gtk_widget_add_css_class (code, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (code),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Receipt code"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), code);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  jury_accessible_present (GTK_WINDOW (dialog));
}

static void
hand_in_chosen (JuryWindow *self,
                GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  HandIn *hand_in;

  if (path == NULL)
    {
      jury_window_show_error (self, _("Could Not Hand In"), _("Pick a folder on this computer or a USB stick."));
      return;
    }

  if (!jury_window_flush (self, &error))
    {
      jury_window_show_error (self, _("Could Not Hand In"), error->message);
      return;
    }

  hand_in = g_new0 (HandIn, 1);
  hand_in->window = g_object_ref (self);
  hand_in->path = g_strdup (path);
  jury_store_hand_in_async (self->store, path, NULL, hand_in_done_cb, hand_in);
}

static char *
dup_suggested_name (JuryWindow *self,
                    const char *extension)
{
  const JuryCall *call = jury_store_get_call (self->store);
  g_autoptr(GPtrArray) jurors = jury_store_list_jurors (self->store);
  g_autofree char *name = NULL;

  if (self->juror_id != NULL)
    for (guint i = 0; i < jurors->len; i++)
      {
        JuryJuror *juror = g_ptr_array_index (jurors, i);

        if (g_str_equal (juror->id, self->juror_id))
          name = g_strdup_printf ("%s – %s%s", call->id, juror->name, extension);
      }

  if (name == NULL)
    name = g_strconcat (call->id, extension, NULL);

  /* A juror's name may hold a slash; a file name may not. */
  g_strdelimit (name, "/\\", '-');
  return g_steal_pointer (&name);
}

static void
choose_hand_in_file (JuryWindow *self)
{
  g_autofree char *name = dup_suggested_name (self, ".jury");
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Hand In Your Jury Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
                         _("_Save"), hand_in_chosen);
  gtk_file_chooser_set_current_name (chooser, name);
  jury_file_chooser_add_filter (chooser, _("Jury databases"), "*.jury", NULL);
  run_chooser (self, chooser);
}

static void
hand_in_response_cb (JuryWindow       *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  JurySubmissionItem *item;
  JuryReviewStatus status;

  if (g_str_equal (response, "hand-in"))
    {
      choose_hand_in_file (self);
      return;
    }

  /* Back to work: on what is open, or on the next thing that needs work. */
  item = jury_sidebar_get_selected_item (self->sidebar);
  status = item != NULL ? jury_submission_item_get_status (item) : JURY_REVIEW_DONE;
  if (status != JURY_REVIEW_OPEN && status != JURY_REVIEW_IN_PROGRESS)
    jury_window_select_next_open (self);
}

/* How many of the unfinished submissions the hand-in question names one by one. */
#define N_UNFINISHED_NAMED 5

/* One unfinished submission, e.g. "• SchuBS – 3 of 6 scored". */
static void
append_unfinished (GString            *text,
                   JurySubmissionItem *item)
{
  guint n_scored = jury_submission_item_get_n_scored (item);
  guint n_criteria = jury_submission_item_get_n_criteria (item);
  g_autofree char *state = NULL;

  if (n_scored == n_criteria)
    state = g_strdup (_("scored, not marked as done"));
  else if (n_scored == 0)
    state = g_strdup (_("not started"));
  else
    /* Translators: how far the review of one submission is, e.g. "3 of 6 scored" */
    state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u scored", "%u of %u scored", n_criteria),
                             n_scored, n_criteria);

  /* Translators: a line in a list of unfinished submissions: the title, then how far it is */
  g_string_append_printf (text, _("• %s – %s"), jury_submission_item_get_title (item), state);
  g_string_append_c (text, '\n');
}

/* What is not finished yet, in words: how many in SUMMARY, and which in LIST. FALSE
 * when everything is finished. */
static gboolean
describe_unfinished (JuryWindow  *self,
                     char       **summary,
                     char       **list)
{
  GListModel *model = G_LIST_MODEL (self->submissions);
  guint n = g_list_model_get_n_items (model);
  guint n_unfinished = 0;
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (model, i);
      JuryReviewStatus status = jury_submission_item_get_status (item);

      if (status != JURY_REVIEW_OPEN && status != JURY_REVIEW_IN_PROGRESS)
        continue;

      if (n_unfinished < N_UNFINISHED_NAMED)
        append_unfinished (lines, item);
      n_unfinished++;
    }

  if (n_unfinished == 0)
    return FALSE;

  if (n_unfinished > N_UNFINISHED_NAMED)
    {
      guint n_more = n_unfinished - N_UNFINISHED_NAMED;

      g_string_append_printf (lines,
                              /* Translators: after a list of unfinished submissions */
                              g_dngettext (GETTEXT_PACKAGE, "and %u more submission", "and %u more submissions",
                                           n_more),
                              n_more);
    }
  else if (lines->len > 0)
    g_string_truncate (lines, lines->len - 1);

  *summary = g_strdup_printf (/* Translators: e.g. "12 of 31 submissions are not done yet." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u submissions is not done yet. Your programme "
                                           "manager will see your work as it is now; you can hand "
                                           "in again later, and the newer file replaces this one.",
                                           "%u of %u submissions are not done yet. Your programme "
                                           "manager will see your work as it is now; you can hand "
                                           "in again later, and the newer file replaces this one.",
                                           n_unfinished),
                              n_unfinished, n);
  *list = g_string_free (g_steal_pointer (&lines), FALSE);
  return TRUE;
}

static void
hand_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  g_autofree char *summary = NULL;
  g_autofree char *list = NULL;
  GtkWidget *dialog;
  GtkWidget *which;

  if (!describe_unfinished (self, &summary, &list))
    {
      choose_hand_in_file (self);
      return;
    }

  /* Before anything is written, the juror sees what is missing and can go back. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Hand In Unfinished Work?"), summary);
  which = gtk_label_new (list);
  gtk_label_set_wrap (GTK_LABEL (which), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (which), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (which), 0);
  gtk_widget_set_name (which, "unfinished");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), which);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Go Back"),
                                    "hand-in", _("_Hand In Anyway…"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (hand_in_response_cb), self,
                           G_CONNECT_SWAPPED);
  jury_accessible_present (GTK_WINDOW (dialog));
}

/* Save As: the whole database to a new place, when its file went from under the window */

static void
save_as_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HandIn) save_as = user_data;
  JuryWindow *self = save_as->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  /* The window may have moved on to another file meanwhile; the copy stays. */
  if (!jury_store_backup_finish (JURY_STORE (source), result, &error) ||
      (self->store == JURY_STORE (source) && !jury_store_continue_in (self->store, save_as->path, &error)))
    {
      jury_window_show_error (self, _("Could Not Save the Jury Database"), error->message);
      return;
    }

  file = g_file_new_for_path (save_as->path);
  jury_application_add_recent (JURY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file);

  /* What could not be saved before goes to the new file now. */
  if (!jury_window_flush (self, &error))
    {
      jury_window_toast (self, error->message);
      return;
    }

  name = g_path_get_basename (save_as->path);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved as “%s”. Every change is now saved there."), name);
  jury_window_toast (self, message);
}

static void
save_as_chosen (JuryWindow *self,
                GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      jury_window_show_error (self, _("Could Not Save the Jury Database"),
                              _("Pick a folder on this computer or a USB stick."));
      return;
    }

  jury_window_save_as (self, path);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  g_autofree char *name = g_path_get_basename (jury_store_get_path (self->store));
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Save the Jury Database As"), GTK_FILE_CHOOSER_ACTION_SAVE,
                         _("_Save"), save_as_chosen);
  gtk_file_chooser_set_current_name (chooser, name);
  jury_file_chooser_add_filter (chooser, _("Jury databases"), "*.jury", NULL);
  run_chooser (self, chooser);
}

void
jury_window_save_as (JuryWindow *self,
                     const char *path)
{
  HandIn *save_as;

  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->store != NULL);

  save_as = g_new0 (HandIn, 1);
  save_as->window = g_object_ref (self);
  save_as->path = g_strdup (path);
  jury_store_backup_async (self->store, path, NULL, save_as_done_cb, save_as);
}

/* Scoring form */

static void
export_form_chosen (JuryWindow *self,
                    GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) form = NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL && jury_same_file (path, jury_store_get_path (self->store)))
    {
      jury_window_show_error (self, _("Could Not Export the Scoring Form"),
                              _("That file is your jury database; pick another name for the form."));
      return;
    }

  if (path == NULL)
    {
      jury_window_show_error (self, _("Could Not Export the Scoring Form"),
                              _("Pick a folder on this computer."));
      return;
    }

  /* A form that misses changes still waiting for the disk would mislead. */
  if (!jury_window_flush (self, &error) ||
      (form = jury_form_write (self->store, self->juror_id, &error)) == NULL ||
      !jury_write_file_atomic (path, form, &error))
    {
      jury_window_show_error (self, _("Could Not Export the Scoring Form"), error->message);
      return;
    }

  jury_window_toast (self, _("Scoring form exported. Fill it in and import it again."));
}

static void
export_form_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  g_autofree char *name = dup_suggested_name (self, ".csv");
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Export Scoring Form"), GTK_FILE_CHOOSER_ACTION_SAVE,
                         _("_Export"), export_form_chosen);
  gtk_file_chooser_set_current_name (chooser, name);
  jury_file_chooser_add_filter (chooser, _("CSV files"), "*.csv", NULL);
  run_chooser (self, chooser);
}

static void
import_form_chosen (JuryWindow *self,
                    GFile      *file)
{
  g_autoptr(GBytes) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  JuryFormImportStats stats = { 0 };
  g_autofree char *selected = g_strdup (jury_window_get_selected_id (self));

  if (!jury_window_flush (self, &error) ||
      (form = g_file_load_bytes (file, NULL, NULL, &error)) == NULL ||
      !jury_form_import (self->store, self->juror_id, form, name, &stats, &error))
    {
      jury_window_show_error (self, _("Could Not Import the Scoring Form"), error->message);
      return;
    }

  /* Translators: a summary after importing a scoring form */
  message = g_strdup_printf (_("Imported %u rows: %u values changed, %u reviews now done."),
                             stats.n_rows, stats.n_changes, stats.n_done);
  jury_window_toast (self, message);

  /* Show what the form changed in the open review. */
  if (selected != NULL)
    {
      gtk_single_selection_set_selected (jury_sidebar_get_selection (self->sidebar),
                                         GTK_INVALID_LIST_POSITION);
      jury_window_select (self, selected);
    }
}

static void
import_form_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Import Scoring Form"), GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Import"), import_form_chosen);
  jury_file_chooser_add_filter (chooser, _("CSV files"), "*.csv", NULL);
  run_chooser (self, chooser);
}

/* Navigation */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
  jury_sidebar_start_search (self->sidebar);
}

static void
next_submission_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  jury_sidebar_step (JURY_WINDOW (widget)->sidebar, 1);
}

static void
previous_submission_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  jury_sidebar_step (JURY_WINDOW (widget)->sidebar, -1);
}

static void
toggle_done_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);

  if (!jury_score_form_toggle_done (self->score_form))
    jury_window_toast (self, _("Score every criterion first."));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);

  if (adw_leaflet_get_folded (self->inner_leaflet) &&
      adw_leaflet_get_visible_child (self->inner_leaflet) == GTK_WIDGET (self->score_form))
    adw_leaflet_set_visible_child (self->inner_leaflet, GTK_WIDGET (self->submission_view));
  else
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
}

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  adw_leaflet_set_visible_child (self->inner_leaflet, GTK_WIDGET (self->score_form));
  jury_score_form_focus_first_open (self->score_form);
}

static void
show_scores_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  jury_window_show_scores (JURY_WINDOW (widget));
}

/* The main menu by the keyboard (F10), wherever it is */

static gboolean
is_main_menu (JuryWindow *self,
              GMenuModel *model)
{
  return model != NULL &&
         (model == G_MENU_MODEL (self->juror_menu) ||
          model == G_MENU_MODEL (self->panel_menu) ||
          model == G_MENU_MODEL (self->nothing_menu));
}

static GtkMenuButton *
find_main_menu_button (JuryWindow *self,
                       GtkWidget  *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_MENU_BUTTON (widget) &&
      is_main_menu (self, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget))))
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_main_menu_button (self, child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
popup_when_mapped_cb (GtkMenuButton *button)
{
  g_signal_handlers_disconnect_by_func (button, popup_when_mapped_cb, NULL);
  gtk_menu_button_popup (button);
}

static void
main_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  GtkMenuButton *button = find_main_menu_button (self, widget);

  if (button != NULL)
    {
      gtk_menu_button_popup (button);
      return;
    }

  /* Narrow, the menu is on the list's page: back there, and open it once it shows. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0)
    {
      button = jury_sidebar_get_menu_button (self->sidebar);
      g_signal_connect (button, "map", G_CALLBACK (popup_when_mapped_cb), NULL);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
    }
}

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  jury_accessible_present (GTK_WINDOW (jury_shortcuts_window_new (GTK_WINDOW (widget))));
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!jury_window_flush (self, &error))
    jury_window_toast (self, error->message);
}

static void
update_recent_menu (JuryWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autofree char *label = g_file_get_basename (file);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

void
jury_window_update_actions (JuryWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;
  gboolean is_juror = has_store && self->juror_id != NULL;
  gboolean writable = is_juror && !jury_store_is_read_only (self->store);
  /* The form of a database just opened is built after the list's first frame. */
  gboolean has_selection = jury_sidebar_get_selected_item (self->sidebar) != NULL &&
                           self->content_tick_id == 0;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean inner_folded = adw_leaflet_get_folded (self->inner_leaflet);
  gboolean on_form = adw_leaflet_get_visible_child (self->inner_leaflet) == GTK_WIDGET (self->score_form);
  gboolean on_list = adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->sidebar);
  GMenuModel *menu = G_MENU_MODEL (is_juror ? self->juror_menu : self->nothing_menu);

  gtk_widget_action_set_enabled (widget, "win.hand-in", is_juror);
  gtk_widget_action_set_enabled (widget, "win.save-as", has_store);
  gtk_widget_action_set_enabled (widget, "win.show-scores", is_juror);
  gtk_widget_action_set_enabled (widget, "win.export-form", is_juror);
  gtk_widget_action_set_enabled (widget, "win.import-form", writable);
  gtk_widget_action_set_enabled (widget, "win.search", has_store);
  gtk_widget_action_set_enabled (widget, "win.next-submission", has_store);
  gtk_widget_action_set_enabled (widget, "win.previous-submission", has_store);
  gtk_widget_action_set_enabled (widget, "win.toggle-done", writable && has_selection);
  gtk_widget_action_set_enabled (widget, "win.show-form", is_juror && has_selection);

  gtk_widget_action_set_enabled (widget, "win.import-jurors", !self->merging);
  gtk_widget_action_set_enabled (widget, "win.export-results",
                                 jury_results_view_get_results (self->results_view) != NULL);
  gtk_widget_action_set_enabled (widget, "win.print",
                                 jury_results_view_get_results (self->results_view) != NULL);

  /* The menu offers what fits what is open; the panel's is in the results view. */
  jury_sidebar_set_menu_model (self->sidebar, menu);

  gtk_widget_set_visible (self->back_button, folded || (inner_folded && on_form));
  gtk_action_bar_set_revealed (self->score_bar,
                               is_juror && has_selection && inner_folded && !on_form &&
                               !(folded && on_list));
}

void
jury_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.new-call", NULL, new_call_action);
  gtk_widget_class_install_action (widget_class, "win.hand-in", NULL, hand_in_action);
  gtk_widget_class_install_action (widget_class, "win.new-panel", NULL, new_panel_action);
  gtk_widget_class_install_action (widget_class, "win.export-form", NULL, export_form_action);
  gtk_widget_class_install_action (widget_class, "win.import-form", NULL, import_form_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.next-submission", NULL, next_submission_action);
  gtk_widget_class_install_action (widget_class, "win.previous-submission", NULL,
                                   previous_submission_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-done", NULL, toggle_done_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-form", NULL, show_form_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.show-scores", NULL, show_scores_action);
  gtk_widget_class_install_action (widget_class, "win.main-menu", NULL, main_menu_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
}

void
jury_window_init_recent_menu (JuryWindow *self)
{
  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}
