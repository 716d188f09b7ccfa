/* jury-window.c: the main window: submission list, submission text, scoring form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-accessible.h"
#include "jury-attachment-viewer.h"
#include "jury-criterion-editor.h"
#include "jury-open.h"
#include "jury-score-overview.h"
#include "jury-text-field.h"
#include "jury-window-private.h"

G_DEFINE_FINAL_TYPE (JuryWindow, jury_window, ADW_TYPE_APPLICATION_WINDOW)

static void check_after_first_frame (JuryWindow *self);
static void fill_content_after_first_frame (JuryWindow *self);
static void cancel_fill_content (JuryWindow *self);
static void set_store (JuryWindow     *self,
                       JuryStore      *store,
                       JuryOpenResult  result);

static JurySubmissionItem *
get_selected_item (JuryWindow *self)
{
  return jury_sidebar_get_selected_item (self->sidebar);
}

static gboolean
is_sample (GFile *file)
{
  g_autoptr(GFile) sample = jury_application_dup_sample ();

  return g_file_equal (file, sample);
}

static void
show_content (JuryWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* The sidebar: a submission picked to be read */
static void
sidebar_activate_cb (JuryWindow  *self,
                     JurySidebar *sidebar)
{
  show_content (self);
  adw_leaflet_set_visible_child (self->inner_leaflet, GTK_WIDGET (self->submission_view));
}

/* Progress and saving */

static void
update_save_state (JuryWindow *self)
{
  JurySaveState state = JURY_SAVE_STATE_SAVED;
  const char *icon_name, *text;

  if (self->autosave != NULL)
    state = jury_autosave_get_state (self->autosave);

  switch (state)
    {
    case JURY_SAVE_STATE_SAVED:
      icon_name = "object-select-symbolic";
      text = _("Saved");
      break;

    case JURY_SAVE_STATE_PENDING:
      icon_name = "document-save-symbolic";
      text = _("Saving…");
      break;

    case JURY_SAVE_STATE_FAILED:
    default:
      icon_name = "dialog-warning-symbolic";
      text = _("Not saved");
      break;
    }

  /* The icon speaks for both: the words are left out where the header is narrow. */
  gtk_image_set_from_icon_name (self->save_icon, icon_name);
  gtk_label_set_label (self->save_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_icon), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);

  gtk_widget_set_visible (GTK_WIDGET (self->save_icon), self->juror_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_label),
                          self->juror_id != NULL && !adw_leaflet_get_folded (self->leaflet));

  if (state == JURY_SAVE_STATE_FAILED)
    {
      g_autofree char *message = NULL;
      gboolean gone = g_error_matches (jury_autosave_get_error (self->autosave),
                                       JURY_STORE_ERROR, JURY_STORE_ERROR_MOVED);

      if (gone)
        /* Translators: %s says why writing failed */
        message = g_strdup_printf (_("Your latest changes could not be saved: %s. They are kept here; "
                                  "save the whole database to a new place to keep everything."),
                                jury_autosave_get_error_message (self->autosave));
      else
        /* Translators: %s says why writing failed */
        message = g_strdup_printf (_("Your latest changes could not be saved: %s. They are kept here "
                                  "and Jury Desk keeps trying."),
                                jury_autosave_get_error_message (self->autosave));
      gtk_label_set_label (self->save_error_label, message);
      gtk_widget_set_visible (self->retry_save_button, !gone);
      gtk_widget_set_visible (self->save_as_button, gone);
    }

  gtk_revealer_set_reveal_child (self->save_error_revealer, state == JURY_SAVE_STATE_FAILED);
}

static void
autosave_refused_cb (JuryWindow       *self,
                     const JuryChange *change,
                     const GError     *error,
                     JuryAutosave     *autosave)
{
  jury_window_toast (self, error->message);
}

/* Attachments */

static void
attachment_activated_cb (JuryWindow         *self,
                         const char         *submission_id,
                         const char         *href,
                         JurySubmissionView *view)
{
  jury_window_show_attachment (self, submission_id, href, NULL);
}

/* Selection */

static void
show_selected (JuryWindow *self)
{
  JurySubmissionItem *item = get_selected_item (self);
  g_autoptr(GError) error = NULL;
  JurySubmission *submission = NULL;
  JuryReview *review = NULL;

  /* The list of a database just opened is painted first; its submission follows. */
  if (self->content_tick_id != 0)
    {
      jury_window_update_actions (self);
      return;
    }

  if (self->autosave != NULL)
    jury_autosave_flush (self->autosave, NULL);

  if (item == NULL || self->store == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      jury_submission_view_set_submission (self->submission_view, NULL);
      if (self->juror_id != NULL)
        jury_score_form_set_review (self->score_form, NULL, FALSE);
      jury_window_update_actions (self);
      return;
    }

  submission = jury_store_get_submission (self->store, jury_submission_item_get_id (item), &error);
  if (submission == NULL)
    {
      jury_window_show_error (self, _("Could Not Show the Submission"), error->message);
      return;
    }

  adw_window_title_set_title (self->content_title, submission->title);
  adw_window_title_set_subtitle (self->content_title, submission->region ? submission->region : "");
  jury_submission_view_set_submission (self->submission_view, submission);

  if (self->juror_id != NULL)
    {
      review = jury_store_get_review (self->store, self->juror_id,
                                      jury_submission_item_get_id (item), &error);
      if (review == NULL)
        {
          jury_window_show_error (self, _("Could Not Show the Review"), error->message);
          return;
        }

      jury_autosave_apply_pending (self->autosave, review);
      jury_score_form_set_review (self->score_form, review, !jury_store_is_read_only (self->store));
    }

  jury_window_update_actions (self);
}

static void
selection_changed_cb (JuryWindow *self)
{
  show_selected (self);
}

static void
form_marked_done_cb (JuryWindow    *self,
                     JuryScoreForm *form)
{
  jury_window_select_next_open (self);
}

static void
folded_changed_cb (JuryWindow *self)
{
  jury_window_update_actions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->save_label),
                          self->juror_id != NULL && !adw_leaflet_get_folded (self->leaflet));
}

/* Opening */

/* After an open that did not happen: back to what the window had. */
static void
show_current_page (JuryWindow *self)
{
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else if (jury_store_is_panel (self->store))
    gtk_stack_set_visible_child_name (self->main_stack, "results");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "main");
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JuryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = NULL;
  JuryOpenResult open_result = JURY_OPEN_RESULT_OPENED;

  store = jury_open_file_finish (result, &open_result, &error);

  /* A later open, or closing the window, has made this one moot. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  gtk_spinner_stop (self->loading_spinner);

  if (store == NULL)
    {
      show_current_page (self);
      jury_window_show_error (self, _("Could Not Open the File"), error->message);
      return;
    }

  set_store (self, store, open_result);
}

static gboolean
flush_or_explain (JuryWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (jury_window_flush (self, &error))
    return TRUE;

  jury_window_show_error (self, _("Your Latest Changes Are Not Saved Yet"),
                          _("Jury Desk cannot write to your database right now. Your changes "
                            "are kept in this window and saved as soon as writing works again; "
                            "until then, this window stays with the open database."));
  return FALSE;
}

static void
start_open (JuryWindow *self,
            GFile      *file)
{
  g_autofree char *data_dir = jury_application_dup_data_dir ();
  g_autofree char *juror_name = g_settings_get_string (self->settings, "juror-name");

  if (!flush_or_explain (self))
    return;

  /* Looking around in the sample call needs no name; a juror's own call asks for it. */
  if (juror_name[0] == '\0')
    {
      g_free (juror_name);
      juror_name = g_strdup (C_("juror name", "Guest"));
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_spinner_start (self->loading_spinner);

  jury_open_file_async (file, data_dir, juror_name, self->cancellable,
                        open_done_cb, g_object_ref (self));
}

static GtkEditable *
name_dialog_entry (AdwMessageDialog *dialog)
{
  return GTK_EDITABLE (gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog)));
}

static void
name_entry_changed_cb (AdwMessageDialog *dialog,
                       GtkEditable      *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "continue", name[0] != '\0');
}

static void
name_response_cb (JuryWindow       *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  GtkEditable *entry = name_dialog_entry (dialog);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_open);

  if (!g_str_equal (response, "continue") || name[0] == '\0' || file == NULL)
    {
      g_autoptr(GFile) sample = NULL;

      /* Without a name nothing was opened; an empty window would leave the juror
       * nowhere, so the sample call opens, which needs no name. */
      if (self->store == NULL)
        {
          sample = jury_application_dup_sample ();
          start_open (self, sample);
          return;
        }

      show_current_page (self);
      return;
    }

  g_settings_set_string (self->settings, "juror-name", name);
  start_open (self, file);
}

static void
ask_juror_name (JuryWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *hint;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Who Is Scoring?"),
                                   _("Jury Desk makes your own jury database for this call. Your "
                                     "name is recorded with every score you give, so that the "
                                     "programme managers can tell the jurors apart when they "
                                     "merge the jury's work."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Your name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your name"),
                                  -1);
  /* Under the entry, why it took less than was typed or pasted, if it did. */
  hint = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_visible (hint, FALSE);
  jury_text_field_limit (entry, JURY_TEXT_NAME, GTK_LABEL (hint));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "continue", _("C_ontinue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "continue", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self,
                           G_CONNECT_SWAPPED);
  jury_accessible_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
show_notice (JuryWindow *self,
             const char *notice)
{
  gtk_label_set_label (self->notice_label, notice ? notice : "");
  gtk_revealer_set_reveal_child (self->notice_revealer, notice != NULL);
}

static void
set_store (JuryWindow     *self,
           JuryStore      *store,
           JuryOpenResult  result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JurySubmissionList) submissions = NULL;
  g_autoptr(GFile) file = NULL;
  const JuryCall *call = jury_store_get_call (store);
  const char *juror_id = jury_store_get_sole_juror_id (store);
  const char *notice = NULL;

  submissions = jury_submission_list_new (store, juror_id, &error);
  if (submissions == NULL)
    {
      show_current_page (self);
      jury_window_show_error (self, _("Could Not Open the File"), error->message);
      return;
    }

  /* Pending changes of the old database were written before the open started; a store
   * that failed since keeps its window. */
  if (!flush_or_explain (self))
    return;

  /* The overview shows the database that was open. */
  if (self->scores_window != NULL)
    gtk_window_destroy (self->scores_window);

  g_set_object (&self->store, store);
  g_clear_object (&self->autosave);
  self->autosave = jury_autosave_new (store);
  g_signal_connect_object (self->autosave, "notify::state",
                           G_CALLBACK (update_save_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "refused",
                           G_CALLBACK (autosave_refused_cb), self, G_CONNECT_SWAPPED);
  g_free (self->juror_id);
  self->juror_id = g_strdup (juror_id);

  g_set_object (&self->submissions, submissions);

  cancel_fill_content (self);
  if (jury_store_is_panel (store))
    {
      jury_score_form_set_autosave (self->score_form, self->autosave);
      /* The programme manager is not a juror in a panel: the results are the view. */
      jury_results_view_set_store (self->results_view, store);
    }
  else
    {
      /* The form is built with the submission, after the list's first frame. */
      jury_score_form_set_autosave (self->score_form, NULL);
    }

  jury_sidebar_set_submissions (self->sidebar, submissions, call->title, call->theme);
  gtk_window_set_title (GTK_WINDOW (self), call->title);

  if (jury_store_is_read_only (store))
    notice = _("This database is read-only: you can read it, but nothing can be changed or saved.");
  else if (result == JURY_OPEN_RESULT_CALL_CHANGED)
    notice = _("The call file has changed since your database was made from it. Jury Desk shows the "
               "version you started with, so that your scores keep their meaning.");
  show_notice (self, notice);

  update_save_state (self);

  file = g_file_new_for_path (jury_store_get_path (store));
  jury_application_add_recent (JURY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                               file);
  check_after_first_frame (self);

  if (jury_store_is_panel (store))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "results");
      jury_window_update_actions (self);
      return;
    }

  jury_results_view_set_store (self->results_view, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  fill_content_after_first_frame (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (jury_sidebar_get_selection (self->sidebar))) > 0)
    gtk_single_selection_set_selected (jury_sidebar_get_selection (self->sidebar), 0);
  show_selected (self);
  /* The keyboard starts in the list: arrows pick a submission, Enter opens it. */
  gtk_widget_grab_focus (jury_sidebar_get_list_view (self->sidebar));
}

/* What the list's first frame leaves out: the form for the database and the
 * submission selected. */
static void
fill_content (JuryWindow *self)
{
  cancel_fill_content (self);
  if (self->store == NULL)
    return;

  jury_score_form_set_autosave (self->score_form, self->autosave);
  if (self->juror_id == NULL)
    {
      g_autoptr(GPtrArray) jurors = jury_store_list_jurors (self->store);
      g_autofree char *description = NULL;

      /* Translators: %u is a number of jurors */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "This database holds the work of %u juror; "
                                                  "there is no review of your own to score here.",
                                                  "This database holds the work of %u jurors; "
                                                  "there is no review of your own to score here.",
                                                  jurors->len),
                                     jurors->len);
      jury_score_form_show_message (self->score_form, _("Panel Database"), description);
    }

  show_selected (self);
}

/* The second tick comes after the first frame has been painted. */
static gboolean
content_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  JuryWindow *self = JURY_WINDOW (widget);

  if (++self->content_ticks < 2)
    return G_SOURCE_CONTINUE;

  self->content_tick_id = 0;
  fill_content (self);

  return G_SOURCE_REMOVE;
}

/* A call of 100,000 submissions is on screen sooner when its list is painted
 * before the text and the form of the first submission are laid out: they
 * follow in the next frame. Until then they are left blank, not shown empty. */
static void
fill_content_after_first_frame (JuryWindow *self)
{
  cancel_fill_content (self);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      fill_content (self);
      return;
    }

  gtk_widget_set_opacity (GTK_WIDGET (self->submission_view), 0);
  gtk_widget_set_opacity (GTK_WIDGET (self->score_form), 0);
  self->content_ticks = 0;
  self->content_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), content_tick_cb, NULL, NULL);
}

static void
cancel_fill_content (JuryWindow *self)
{
  if (self->content_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->content_tick_id);
  self->content_tick_id = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->submission_view), 1);
  gtk_widget_set_opacity (GTK_WIDGET (self->score_form), 1);
}

/* Back to the empty window, as if the file had not been opened. */
static void
close_store (JuryWindow *self)
{
  cancel_fill_content (self);
  jury_sidebar_set_submissions (self->sidebar, NULL, NULL, NULL);
  jury_results_view_set_store (self->results_view, NULL);
  jury_score_form_set_autosave (self->score_form, NULL);
  g_clear_object (&self->submissions);
  g_clear_object (&self->autosave);
  g_clear_object (&self->store);
  g_clear_pointer (&self->juror_id, g_free);
  show_notice (self, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Jury Desk"));
  show_selected (self);
  show_current_page (self);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JuryWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (jury_store_check_finish (JURY_STORE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      JURY_STORE (source) != self->store)
    return;

  close_store (self);
  jury_window_show_error (self, _("Could Not Open the File"), error->message);
}

/* The second tick comes after the first frame has been painted: the list is on
 * screen before the whole file is read for its check. */
static gboolean
check_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  JuryWindow *self = JURY_WINDOW (widget);

  if (++self->check_ticks < 2)
    return G_SOURCE_CONTINUE;

  self->check_tick_id = 0;
  if (self->store != NULL)
    jury_store_check_async (self->store, self->cancellable, check_done_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
check_after_first_frame (JuryWindow *self)
{
  if (self->check_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->check_tick_id);

  self->check_ticks = 0;
  self->check_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), check_tick_cb, NULL, NULL);
}

static void
juror_name_changed_cb (JuryWindow *self,
                       const char *key,
                       GSettings  *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "juror-name");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->juror_id == NULL || name[0] == '\0' ||
      jury_store_is_read_only (self->store))
    return;

  if (!jury_store_rename_juror (self->store, self->juror_id, name, &error))
    jury_window_toast (self, error->message);
}

/* Overrides */

static gboolean
jury_window_close_request (GtkWindow *window)
{
  JuryWindow *self = JURY_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (!flush_or_explain (self))
    return GDK_EVENT_STOP;

  return GTK_WINDOW_CLASS (jury_window_parent_class)->close_request (window);
}

/* The files, the sections given (NULL-terminated), the application. */
static GMenu *
compose_menu (JuryWindow *self,
              GMenu      *first_section,
              ...)
{
  GMenu *menu = g_menu_new ();
  va_list args;

  g_menu_append_section (menu, NULL, G_MENU_MODEL (self->files_section));
  va_start (args, first_section);
  for (GMenu *section = first_section; section != NULL; section = va_arg (args, GMenu *))
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  va_end (args);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (self->app_section));
  return menu;
}

static void
jury_window_constructed (GObject *object)
{
  JuryWindow *self = JURY_WINDOW (object);

  G_OBJECT_CLASS (jury_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::juror-name",
                           G_CALLBACK (juror_name_changed_cb), self, G_CONNECT_SWAPPED);

  jury_window_init_recent_menu (self);
  jury_window_init_panel_actions (self);
  jury_window_update_actions (self);
  update_save_state (self);
}

static void
jury_window_dispose (GObject *object)
{
  JuryWindow *self = JURY_WINDOW (object);

  if (self->autosave != NULL)
    jury_autosave_flush (self->autosave, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->scores_window != NULL)
    gtk_window_destroy (self->scores_window);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_WINDOW);

  g_clear_object (&self->juror_menu);
  g_clear_object (&self->panel_menu);
  g_clear_object (&self->nothing_menu);
  g_clear_object (&self->submissions);
  g_clear_object (&self->autosave);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->pending_open);
  g_clear_object (&self->next_file);
  g_clear_pointer (&self->juror_id, g_free);

  G_OBJECT_CLASS (jury_window_parent_class)->dispose (object);
}

static void
jury_window_class_init (JuryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = jury_window_constructed;
  object_class->dispose = jury_window_dispose;

  window_class->close_request = jury_window_close_request;

  g_type_ensure (JURY_TYPE_SIDEBAR);
  g_type_ensure (JURY_TYPE_SUBMISSION_VIEW);
  g_type_ensure (JURY_TYPE_SCORE_FORM);
  g_type_ensure (JURY_TYPE_RESULTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, inner_leaflet);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, content);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, empty_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, score_bar);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, save_icon);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, save_label);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, retry_save_button);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, save_as_button);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, submission_view);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, score_form);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, files_section);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, manager_section);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, juror_section);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, panel_section);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, nothing_section);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, app_section);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_marked_done_cb);

  jury_window_class_install_actions (widget_class);
  jury_window_class_install_panel_actions (widget_class);
}

static void
jury_window_init (JuryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jury_accessible_fix_mnemonics (GTK_WIDGET (self));

  self->juror_menu = compose_menu (self, self->juror_section, NULL);
  self->panel_menu = compose_menu (self, self->manager_section, self->panel_section, NULL);
  self->nothing_menu = compose_menu (self, self->manager_section, self->nothing_section, NULL);
  jury_results_view_set_menu_model (self->results_view, G_MENU_MODEL (self->panel_menu));
  gtk_menu_button_set_menu_model (self->empty_menu_button, G_MENU_MODEL (self->nothing_menu));

  g_signal_connect_object (self->sidebar, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->submission_view, "attachment-activated",
                           G_CALLBACK (attachment_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_leaflet, "notify::visible-child",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
}

JuryWindow *
jury_window_new (JuryApplication *application)
{
  g_return_val_if_fail (JURY_IS_APPLICATION (application), NULL);

  return g_object_new (JURY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
jury_window_open (JuryWindow *self,
                  GFile      *file)
{
  g_autofree char *juror_name = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The name is recorded in a juror's own database when it is made; the sample call
   * is for looking around, and a database made before has its juror already. */
  juror_name = g_settings_get_string (self->settings, "juror-name");
  data_dir = jury_application_dup_data_dir ();
  if (juror_name[0] == '\0' && !is_sample (file) &&
      jury_open_would_create (file, data_dir, NULL, &error))
    {
      g_set_object (&self->pending_open, file);
      /* Not the empty page behind the question: a file is being opened. */
      if (self->store == NULL)
        gtk_stack_set_visible_child_name (self->main_stack, "loading");
      /* The question comes with the window it is asked for. */
      gtk_window_present (GTK_WINDOW (self));
      ask_juror_name (self);
      return;
    }

  start_open (self, file);
}

JuryStore *
jury_window_get_store (JuryWindow *self)
{
  g_return_val_if_fail (JURY_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
jury_window_select (JuryWindow *self,
                    const char *submission_id)
{
  g_return_val_if_fail (JURY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  return jury_sidebar_select (self->sidebar, submission_id);
}

gboolean
jury_window_reveal (JuryWindow *self,
                    const char *submission_id)
{
  g_return_val_if_fail (JURY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  return jury_sidebar_reveal (self->sidebar, submission_id);
}

const char *
jury_window_get_selected_id (JuryWindow *self)
{
  JurySubmissionItem *item;

  g_return_val_if_fail (JURY_IS_WINDOW (self), NULL);

  item = get_selected_item (self);
  return item ? jury_submission_item_get_id (item) : NULL;
}

gboolean
jury_window_flush (JuryWindow  *self,
                   GError     **error)
{
  g_return_val_if_fail (JURY_IS_WINDOW (self), FALSE);

  return self->autosave == NULL || jury_autosave_flush (self->autosave, error);
}

void
jury_window_show_error (JuryWindow *self,
                        const char *heading,
                        const char *message)
{
  GtkWidget *dialog;

  g_return_if_fail (JURY_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  jury_accessible_present (GTK_WINDOW (dialog));
}

void
jury_window_toast (JuryWindow *self,
                   const char *message)
{
  AdwToast *toast;
  g_autofree char *escaped = NULL;

  g_return_if_fail (JURY_IS_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "results") == 0)
    {
      jury_results_view_toast (self->results_view, message);
      return;
    }

  /* A toast's title is markup in libadwaita 1.2; our messages carry file and juror names. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
jury_window_select_next_open (JuryWindow *self)
{
  g_return_if_fail (JURY_IS_WINDOW (self));

  switch (jury_sidebar_select_next_open (self->sidebar))
    {
    case JURY_SIDEBAR_NEXT_REVEALED:
      jury_window_toast (self, _("Showing all submissions again: none of those found still "
                                 "needs work."));
      G_GNUC_FALLTHROUGH;
    case JURY_SIDEBAR_NEXT_SHOWN:
      jury_score_form_focus_first_open (self->score_form);
      break;

    case JURY_SIDEBAR_NEXT_NONE:
    default:
      jury_window_toast (self, _("Every submission is reviewed. Hand in your database from the "
                                 "main menu."));
      break;
    }
}

void
jury_window_set_next_file (JuryWindow *self,
                           GFile      *file)
{
  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->next_file, file);
}

JuryAttachmentViewer *
jury_window_show_attachment (JuryWindow  *self,
                             const char  *submission_id,
                             const char  *href,
                             GError     **error)
{
  g_autoptr(JurySubmission) submission = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const JuryAttachment *attachment;
  JuryAttachmentViewer *viewer = NULL;

  g_return_val_if_fail (JURY_IS_WINDOW (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);

  /* The store checks the name against the submission and the bytes against it. */
  if (self->store != NULL &&
      (bytes = jury_store_get_attachment (self->store, submission_id, href, &local_error)) != NULL &&
      (submission = jury_store_get_submission (self->store, submission_id, &local_error)) != NULL &&
      (attachment = jury_submission_find_attachment (submission, href)) != NULL)
    viewer = jury_attachment_viewer_new (GTK_WINDOW (self), attachment, bytes, &local_error);

  if (viewer == NULL)
    {
      if (local_error != NULL)
        jury_window_show_error (self, _("Could Not Show the Attachment"), local_error->message);
      if (local_error != NULL && error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  gtk_window_present (GTK_WINDOW (viewer));
  return viewer;
}

static void
overview_activated_cb (JuryWindow        *self,
                       const char        *submission_id,
                       JuryScoreOverview *overview)
{
  jury_window_reveal (self, submission_id);
  show_content (self);
  gtk_window_present (GTK_WINDOW (self));
}

void
jury_window_show_scores (JuryWindow *self)
{
  g_return_if_fail (JURY_IS_WINDOW (self));

  if (self->submissions == NULL || self->juror_id == NULL)
    return;

  if (self->scores_window == NULL)
    {
      JuryScoreOverview *overview = jury_score_overview_new (GTK_WINDOW (self), self->submissions);

      g_signal_connect_object (overview, "submission-activated",
                               G_CALLBACK (overview_activated_cb), self, G_CONNECT_SWAPPED);
      self->scores_window = GTK_WINDOW (overview);
      g_object_add_weak_pointer (G_OBJECT (overview), (gpointer *) &self->scores_window);
    }

  jury_accessible_present (self->scores_window);
}
