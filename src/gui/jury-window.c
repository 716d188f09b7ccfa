/* jury-window.c: the main window: submission list, submission text, scoring form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-attachment-viewer.h"
#include "jury-criterion-editor.h"
#include "jury-open.h"
#include "jury-sidebar-row.h"
#include "jury-text-field.h"
#include "jury-window-private.h"

G_DEFINE_FINAL_TYPE (JuryWindow, jury_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *status_filters[] = { "all", "open", "in-progress", "done", "conflict" };

static void set_store (JuryWindow     *self,
                       JuryStore      *store,
                       JuryOpenResult  result);

static JurySubmissionItem *
get_selected_item (JuryWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* List, filter and sort */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  JuryWindow *self = user_data;
  JurySubmissionItem *submission = item;
  const char *id = jury_submission_item_get_id (submission);

  if (self->search_hits != NULL && !g_hash_table_contains (self->search_hits, id))
    return FALSE;

  /* The submission being scored stays in the list while its status changes under the
   * juror's hands; it leaves when the juror moves on. */
  if (self->status_filter_value >= 0 && g_strcmp0 (id, self->pinned_id) != 0)
    return jury_submission_item_get_status (submission) == (JuryReviewStatus) self->status_filter_value;

  return TRUE;
}

static int
compare_position (JurySubmissionItem *a,
                  JurySubmissionItem *b)
{
  guint pa = jury_submission_item_get_position (a);
  guint pb = jury_submission_item_get_position (b);

  return (pa > pb) - (pa < pb);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  JurySubmissionItem *item_a = (JurySubmissionItem *) a;
  JurySubmissionItem *item_b = (JurySubmissionItem *) b;
  JuryWindow *self = user_data;

  if (self->sort_by_status)
    {
      /* What still needs work comes first. */
      static const int rank[] = {
        [JURY_REVIEW_IN_PROGRESS] = 0,
        [JURY_REVIEW_OPEN] = 1,
        [JURY_REVIEW_DONE] = 2,
        [JURY_REVIEW_CONFLICT] = 3,
      };
      int ra = rank[jury_submission_item_get_status (item_a)];
      int rb = rank[jury_submission_item_get_status (item_b)];

      if (ra != rb)
        return ra - rb;
    }

  return compare_position (item_a, item_b);
}

static GtkSorter *
create_sorter (JuryWindow *self)
{
  g_autofree char *order = g_settings_get_string (self->settings, "sort-order");
  GtkMultiSorter *sorter;
  const char *property = NULL;

  self->sort_by_status = g_str_equal (order, "status");

  if (g_str_equal (order, "title"))
    property = "title";
  else if (g_str_equal (order, "region"))
    property = "region";

  if (property == NULL)
    return GTK_SORTER (gtk_custom_sorter_new (sort_func, self, NULL));

  /* String sorters keep collation keys, so sorting 10,000 titles stays quick. */
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter,
                           GTK_SORTER (gtk_string_sorter_new (
                             gtk_property_expression_new (JURY_TYPE_SUBMISSION_ITEM, NULL, property))));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (sort_func, self, NULL)));
  return GTK_SORTER (sorter);
}

static void
sort_order_changed_cb (JuryWindow *self,
                       const char *key,
                       GSettings  *settings)
{
  g_autoptr(GtkSorter) sorter = create_sorter (self);

  gtk_sort_list_model_set_sorter (self->sort_model, sorter);
}

static void
status_filter_changed_cb (JuryWindow *self,
                          const char *key,
                          GSettings  *settings)
{
  g_autofree char *wanted = g_settings_get_string (settings, "status-filter");
  static const struct { const char *name; JuryReviewStatus status; } statuses[] = {
    { "open", JURY_REVIEW_OPEN },
    { "in-progress", JURY_REVIEW_IN_PROGRESS },
    { "done", JURY_REVIEW_DONE },
    { "conflict", JURY_REVIEW_CONFLICT },
  };

  self->status_filter_value = -1;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (wanted, statuses[i].name))
      self->status_filter_value = statuses[i].status;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* A status changed: the status filter and the status order may see it differently. */
static void
review_changed_cb (JuryWindow *self,
                   const char *juror_id,
                   const char *submission_id,
                   JuryStore  *store)
{
  if (self->status_filter_value >= 0)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  if (self->sort_by_status)
    gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sort_model),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
filter_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *filter = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    {
      if (g_str_equal (filter, status_filters[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
selected_to_filter (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (status_filters))
    selected = 0;

  return g_variant_new_string (status_filters[selected]);
}

static void
update_list_stack (JuryWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "no-results" : "list");
}

static void
items_changed_cb (JuryWindow *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  update_list_stack (self);
}

static void
search_changed_cb (JuryWindow     *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->search_hits, g_hash_table_unref);

  if (self->store != NULL && text[0] != '\0')
    {
      self->search_hits = jury_store_search (self->store, text, &error);
      if (error != NULL)
        g_warning ("Search failed: %s", error->message);
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
stop_search_cb (JuryWindow     *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_activate_cb (JuryWindow     *self,
                    GtkSearchEntry *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_content (JuryWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
list_activate_cb (JuryWindow  *self,
                  guint        position,
                  GtkListView *list_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_content (self);
  adw_leaflet_set_visible_child (self->inner_leaflet, GTK_WIDGET (self->submission_view));
}

static void
list_clicked_cb (JuryWindow *self,
                 int         n_press,
                 double      x,
                 double      y)
{
  if (adw_leaflet_get_folded (self->leaflet) && get_selected_item (self) != NULL)
    show_content (self);
}

/* Progress and saving */

static void
update_progress (JuryWindow *self)
{
  guint n_reviewed, n_total;
  g_autofree char *text = NULL;

  if (self->submissions == NULL)
    return;

  n_total = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));
  n_reviewed = jury_submission_list_get_n_reviewed (self->submissions);

  /* Translators: progress of the juror, e.g. "12 of 31 reviewed" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed", "%u of %u reviewed",
                                       n_total),
                          n_reviewed, n_total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_total ? (double) n_reviewed / n_total : 0);
}

static void
update_save_state (JuryWindow *self)
{
  JurySaveState state = JURY_SAVE_STATE_SAVED;

  if (self->autosave != NULL)
    state = jury_autosave_get_state (self->autosave);

  switch (state)
    {
    case JURY_SAVE_STATE_SAVED:
      gtk_image_set_from_icon_name (self->save_icon, "object-select-symbolic");
      gtk_label_set_label (self->save_label, _("Saved"));
      break;

    case JURY_SAVE_STATE_PENDING:
      gtk_image_set_from_icon_name (self->save_icon, "document-save-symbolic");
      gtk_label_set_label (self->save_label, _("Saving…"));
      break;

    case JURY_SAVE_STATE_FAILED:
    default:
      gtk_image_set_from_icon_name (self->save_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->save_label, _("Not saved"));
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->save_icon), self->juror_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_label), self->juror_id != NULL);

  if (state == JURY_SAVE_STATE_FAILED)
    {
      g_autofree char *text = NULL;
      gboolean gone = g_error_matches (jury_autosave_get_error (self->autosave),
                                       JURY_STORE_ERROR, JURY_STORE_ERROR_MOVED);

      if (gone)
        /* Translators: %s says why writing failed */
        text = g_strdup_printf (_("Your latest changes could not be saved: %s. They are kept here; "
                                  "save the whole database to a new place to keep everything."),
                                jury_autosave_get_error_message (self->autosave));
      else
        /* Translators: %s says why writing failed */
        text = g_strdup_printf (_("Your latest changes could not be saved: %s. They are kept here "
                                  "and Jury Desk keeps trying."),
                                jury_autosave_get_error_message (self->autosave));
      gtk_label_set_label (self->save_error_label, text);
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
  JurySubmissionItem *item = get_selected_item (self);
  const char *id = item ? jury_submission_item_get_id (item) : NULL;
  gboolean was_pinned = self->pinned_id != NULL;

  if (id == NULL && was_pinned && self->status_filter_value >= 0)
    return;

  g_free (self->pinned_id);
  self->pinned_id = g_strdup (id);
  show_selected (self);

  /* Let the previous submission leave the list if the filter no longer shows it. */
  if (was_pinned && self->status_filter_value >= 0)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
form_marked_done_cb (JuryWindow    *self,
                     JuryScoreForm *form)
{
  jury_window_select_next (self, 1, TRUE);
}

static void
folded_changed_cb (JuryWindow *self)
{
  jury_window_update_actions (self);
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
                                   _("Welcome to Jury Desk"),
                                   _("Your name is recorded with every score you give, so that the "
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
  gtk_window_present (GTK_WINDOW (dialog));
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

  g_set_object (&self->store, store);
  g_signal_connect_object (store, "review-changed",
                           G_CALLBACK (review_changed_cb), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->autosave);
  self->autosave = jury_autosave_new (store);
  g_signal_connect_object (self->autosave, "notify::state",
                           G_CALLBACK (update_save_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "refused",
                           G_CALLBACK (autosave_refused_cb), self, G_CONNECT_SWAPPED);
  g_free (self->juror_id);
  self->juror_id = g_strdup (juror_id);

  g_set_object (&self->submissions, submissions);
  g_signal_connect_object (submissions, "notify::n-reviewed",
                           G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->search_hits, g_hash_table_unref);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  jury_score_form_set_autosave (self->score_form, self->autosave);
  if (jury_store_is_panel (store))
    {
      /* The programme manager is not a juror in a panel: the results are the view. */
      jury_results_view_set_store (self->results_view, store);
    }
  else if (juror_id == NULL)
    {
      g_autoptr(GPtrArray) jurors = jury_store_list_jurors (store);
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

  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (submissions));

  adw_window_title_set_title (self->sidebar_title, call->title);
  adw_window_title_set_subtitle (self->sidebar_title, call->theme ? call->theme : "");
  gtk_window_set_title (GTK_WINDOW (self), call->title);

  if (jury_store_is_read_only (store))
    notice = _("This database is read-only: you can read it, but nothing can be changed or saved.");
  else if (result == JURY_OPEN_RESULT_CALL_CHANGED)
    notice = _("The call file has changed since your database was made from it. Jury Desk shows the "
               "version you started with, so that your scores keep their meaning.");
  show_notice (self, notice);

  update_progress (self);
  update_save_state (self);
  update_list_stack (self);

  file = g_file_new_for_path (jury_store_get_path (store));
  jury_application_add_recent (JURY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                               file);

  if (jury_store_is_panel (store))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "results");
      jury_window_update_actions (self);
      return;
    }

  jury_results_view_set_store (self->results_view, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  show_selected (self);
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

static void
jury_window_constructed (GObject *object)
{
  JuryWindow *self = JURY_WINDOW (object);
  g_autoptr(GtkSorter) sorter = NULL;
  g_autoptr(GAction) sort_action = NULL;

  G_OBJECT_CLASS (jury_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sorter = create_sorter (self);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sort-order",
                           G_CALLBACK (sort_order_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::juror-name",
                           G_CALLBACK (juror_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::status-filter",
                           G_CALLBACK (status_filter_changed_cb), self, G_CONNECT_SWAPPED);
  status_filter_changed_cb (self, "status-filter", self->settings);
  g_settings_bind_with_mapping (self->settings, "status-filter",
                                self->status_filter, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                filter_to_selected, selected_to_filter, NULL, NULL);

  sort_action = g_settings_create_action (self->settings, "sort-order");
  g_action_map_add_action (G_ACTION_MAP (self), sort_action);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->submissions);
  g_clear_object (&self->autosave);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->pending_open);
  g_clear_pointer (&self->search_hits, g_hash_table_unref);
  g_clear_pointer (&self->juror_id, g_free);
  g_clear_pointer (&self->pinned_id, g_free);

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

  g_type_ensure (JURY_TYPE_SIDEBAR_ROW);
  g_type_ensure (JURY_TYPE_SUBMISSION_VIEW);
  g_type_ensure (JURY_TYPE_SCORE_FORM);
  g_type_ensure (JURY_TYPE_RESULTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, inner_leaflet);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, content);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, show_form_button);
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
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, JuryWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_marked_done_cb);

  jury_window_class_install_actions (widget_class);
  jury_window_class_install_panel_actions (widget_class);
}

static void
jury_window_init (JuryWindow *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  jury_results_view_set_menu_model (self->results_view, G_MENU_MODEL (self->primary_menu));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->sidebar));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (list_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

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
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  juror_name = g_settings_get_string (self->settings, "juror-name");
  if (juror_name[0] == '\0' &&
      jury_file_sniff_kind (file, NULL, &error) == JURY_FILE_KIND_CALL &&
      error == NULL)
    {
      g_set_object (&self->pending_open, file);
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
  guint n;

  g_return_val_if_fail (JURY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_str_equal (jury_submission_item_get_id (item), submission_id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
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
  gtk_window_present (GTK_WINDOW (dialog));
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
jury_window_select_next (JuryWindow *self,
                         int         direction,
                         gboolean    only_open)
{
  GListModel *model;
  guint n, current;

  g_return_if_fail (JURY_IS_WINDOW (self));

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return;

  current = gtk_single_selection_get_selected (self->selection);

  if (!only_open)
    {
      guint position;

      /* Without a selection, the first step lands on the first or the last one. */
      if (current == GTK_INVALID_LIST_POSITION)
        position = direction > 0 ? 0 : n - 1;
      else if (direction > 0)
        position = current + 1 < n ? current + 1 : current;
      else
        position = current > 0 ? current - 1 : current;

      gtk_single_selection_set_selected (self->selection, position);
      return;
    }

  if (current == GTK_INVALID_LIST_POSITION)
    current = n - 1;

  for (guint step = 1; step <= n; step++)
    {
      guint position = (current + step) % n;
      g_autoptr(JurySubmissionItem) item = NULL;
      JuryReviewStatus status;

      item = g_list_model_get_item (model, position);
      status = jury_submission_item_get_status (item);
      if (status == JURY_REVIEW_OPEN || status == JURY_REVIEW_IN_PROGRESS)
        {
          gtk_single_selection_set_selected (self->selection, position);
          jury_score_form_focus_first_open (self->score_form);
          return;
        }
    }

  jury_window_toast (self, _("Every submission is reviewed. Hand in your database from the main menu."));
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
