/* jury-score-form.c: the scoring form of one review: scores, comments, conflict, done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-score-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-accessible.h"
#include "jury-criterion-editor.h"
#include "jury-score-form.h"
#include "jury-text-field.h"

struct _JuryScoreForm
{
  GtkWidget       parent_instance;

  JuryAutosave   *autosave;
  GSignalGroup   *store_signals;
  const JuryCall *call;          /* owned by the autosave's store */
  JuryReview     *review;
  GPtrArray      *editors;       /* JuryCriterionEditor*, in rubric order */
  guint           editable : 1;
  guint           updating : 1;

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkScrolledWindow *scroller;
  GtkLabel       *status_label;
  GtkBox         *criteria_box;
  GtkTextView    *overall_view;
  GtkSwitch      *conflict_switch;
  GtkButton      *done_button;
  GtkLabel       *done_hint;
};

G_DEFINE_FINAL_TYPE (JuryScoreForm, jury_score_form, GTK_TYPE_WIDGET)

/* The width the form asks for when there is room, whatever the review shows: the
 * edge between the text and the form stays where it is. */
#define FORM_NATURAL_WIDTH 380

enum {
  MARKED_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
push (JuryScoreForm *self,
      JuryChange    *change)
{
  g_autoptr(JuryChange) owned = change;

  /* The form shows the change at once, by the rules the store applies. */
  jury_review_apply (self->review, self->call, owned, NULL, NULL);
  jury_autosave_push (self->autosave, owned);
}

static void
update_state (JuryScoreForm *self)
{
  JuryReview *review = self->review;
  guint n_scored;
  g_autofree char *status = NULL;
  gboolean complete;

  if (review == NULL)
    return;

  n_scored = jury_review_count_scored (review);
  complete = n_scored == review->n_criteria;

  if (review->conflict)
    status = g_strdup (_("You declared a conflict of interest: this submission is not scored by you."));
  else if (review->done)
    status = g_strdup (_("Review done."));
  else
    /* Translators: progress of one review, e.g. "3 of 6 criteria scored" */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u criterion scored",
                                           "%u of %u criteria scored", review->n_criteria),
                              n_scored, review->n_criteria);
  gtk_label_set_label (self->status_label, status);

  for (guint i = 0; i < self->editors->len; i++)
    jury_criterion_editor_set_locked (g_ptr_array_index (self->editors, i),
                                      review->conflict || !self->editable);

  self->updating = TRUE;
  gtk_switch_set_active (self->conflict_switch, review->conflict);
  gtk_switch_set_state (self->conflict_switch, review->conflict);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->conflict_switch), self->editable);

  if (review->done)
    {
      gtk_button_set_label (self->done_button, _("_Reopen Review"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->done_button), "suggested-action");
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), self->editable);
      gtk_label_set_label (self->done_hint, _("Reopen the review to change it later; your scores stay."));
    }
  else
    {
      gtk_button_set_label (self->done_button, _("_Mark as Done"));
      gtk_widget_add_css_class (GTK_WIDGET (self->done_button), "suggested-action");
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_button),
                                self->editable && complete && !review->conflict);
      if (review->conflict)
        gtk_label_set_label (self->done_hint, _("A submission with a conflict of interest counts as reviewed."));
      else if (!complete)
        gtk_label_set_label (self->done_hint, _("Score every criterion to mark the review as done."));
      else
        gtk_label_set_label (self->done_hint, _("Ctrl+Enter marks it done and opens the next open submission."));
    }
}

static void
show_review (JuryScoreForm *self)
{
  JuryReview *review = self->review;

  self->updating = TRUE;
  for (guint i = 0; i < self->editors->len; i++)
    {
      JuryCriterionEditor *editor = g_ptr_array_index (self->editors, i);

      jury_criterion_editor_set_score (editor, review->scores[i]);
      jury_criterion_editor_set_comment (editor, review->comments[i]);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (jury_criterion_editor_get_comment_view (editor)),
                                  self->editable);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->overall_view),
                            review->overall ? review->overall : "", -1);
  gtk_text_view_set_editable (self->overall_view, self->editable);
  self->updating = FALSE;

  update_state (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
editor_score_changed_cb (JuryScoreForm       *self,
                         int                  score,
                         JuryCriterionEditor *editor)
{
  if (self->updating || self->review == NULL)
    return;

  g_assert (g_ptr_array_find (self->editors, editor, NULL));

  push (self, jury_change_new_score (self->review->juror_id, self->review->submission_id,
                                     jury_criterion_editor_get_id (editor), score));
  update_state (self);
}

static void
editor_comment_changed_cb (JuryScoreForm       *self,
                           JuryCriterionEditor *editor)
{
  g_autofree char *text = NULL;

  if (self->updating || self->review == NULL)
    return;

  g_assert (g_ptr_array_find (self->editors, editor, NULL));

  text = jury_criterion_editor_dup_comment (editor);

  push (self, jury_change_new_comment (self->review->juror_id, self->review->submission_id,
                                       jury_criterion_editor_get_id (editor), text));
}

static void
overall_changed_cb (JuryScoreForm *self,
                    GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;

  if (self->updating || self->review == NULL)
    return;

  g_object_get (buffer, "text", &text, NULL);

  push (self, jury_change_new_comment (self->review->juror_id, self->review->submission_id,
                                       NULL, text));
}

static void
conflict_response_cb (JuryScoreForm    *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "declare") == 0)
    jury_score_form_set_conflict (self, TRUE);
  else
    update_state (self);
}

static gboolean
conflict_state_set_cb (JuryScoreForm *self,
                       gboolean       state,
                       GtkSwitch     *widget)
{
  GtkWidget *dialog;

  if (self->updating || self->review == NULL)
    return FALSE;

  if (!state)
    {
      jury_score_form_set_conflict (self, FALSE);
      return TRUE;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Declare a Conflict of Interest?"),
                                   _("Your scores for this submission will be locked and left out "
                                     "of the results. You can withdraw the declaration later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "declare", _("_Declare Conflict"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "declare",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self,
                           G_CONNECT_SWAPPED);
  jury_accessible_present (GTK_WINDOW (dialog));

  /* The switch moves only once the juror has confirmed. */
  return TRUE;
}

static void
done_clicked_cb (JuryScoreForm *self,
                 GtkButton     *button)
{
  jury_score_form_toggle_done (self);
}

static void
review_changed_cb (JuryScoreForm *self,
                   const char    *juror_id,
                   const char    *submission_id,
                   JuryStore     *store)
{
  g_autoptr(JuryReview) stored = NULL;

  if (self->review == NULL ||
      g_strcmp0 (juror_id, self->review->juror_id) != 0 ||
      g_strcmp0 (submission_id, self->review->submission_id) != 0)
    return;

  /* Flags the store derives (such as "done" taken back) come from the disk; what the
   * juror is typing stays as it is on screen. */
  stored = jury_store_get_review (store, juror_id, submission_id, NULL);
  if (stored == NULL)
    return;

  jury_autosave_apply_pending (self->autosave, stored);
  self->review->done = stored->done;
  self->review->conflict = stored->conflict;
  self->review->status = stored->status;
  update_state (self);
}

static void
clear_editors (JuryScoreForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_box))) != NULL)
    gtk_box_remove (self->criteria_box, child);

  g_ptr_array_set_size (self->editors, 0);
  self->call = NULL;
}

static void
build_editors (JuryScoreForm  *self,
               const JuryCall *call)
{
  clear_editors (self);
  self->call = call;

  for (guint i = 0; i < call->criteria->len; i++)
    {
      JuryCriterionEditor *editor;

      editor = jury_criterion_editor_new (g_ptr_array_index (call->criteria, i),
                                          call->scale_min, call->scale_max);
      g_signal_connect_object (editor, "score-changed",
                               G_CALLBACK (editor_score_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "comment-changed",
                               G_CALLBACK (editor_comment_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->criteria_box, GTK_WIDGET (editor));
      g_ptr_array_add (self->editors, editor);
    }
}

static void
jury_score_form_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  JuryScoreForm *self = JURY_SCORE_FORM (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, FORM_NATURAL_WIDTH);
}

static void
jury_score_form_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (JURY_SCORE_FORM (widget)->stack), width, height, baseline, NULL);
}

static void
jury_score_form_dispose (GObject *object)
{
  JuryScoreForm *self = JURY_SCORE_FORM (object);
  GtkWidget *child;

  g_clear_object (&self->store_signals);
  g_clear_object (&self->autosave);
  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_SCORE_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jury_score_form_parent_class)->dispose (object);
}

static void
jury_score_form_finalize (GObject *object)
{
  JuryScoreForm *self = JURY_SCORE_FORM (object);

  g_clear_pointer (&self->review, jury_review_free);
  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (jury_score_form_parent_class)->finalize (object);
}

static void
jury_score_form_class_init (JuryScoreFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_score_form_dispose;
  object_class->finalize = jury_score_form_finalize;

  widget_class->measure = jury_score_form_measure;
  widget_class->size_allocate = jury_score_form_size_allocate;

  signals[MARKED_DONE] =
    g_signal_new ("marked-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-score-form.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, stack);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, criteria_box);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, overall_view);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, conflict_switch);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, done_button);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreForm, done_hint);
  gtk_widget_class_bind_template_callback (widget_class, conflict_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "juryscoreform");
}

static void
jury_score_form_init (JuryScoreForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jury_text_field_limit (GTK_WIDGET (self->overall_view), JURY_TEXT_COMMENT, NULL);
  jury_accessible_fix_mnemonics (GTK_WIDGET (self));

  self->editors = g_ptr_array_new ();

  self->store_signals = g_signal_group_new (JURY_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "review-changed",
                                 G_CALLBACK (review_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_text_view_get_buffer (self->overall_view), "changed",
                           G_CALLBACK (overall_changed_cb), self, G_CONNECT_SWAPPED);

  adw_status_page_set_description (self->empty_page, _("Pick a submission to score it."));
}

void
jury_score_form_set_autosave (JuryScoreForm *self,
                              JuryAutosave  *autosave)
{
  g_return_if_fail (JURY_IS_SCORE_FORM (self));
  g_return_if_fail (!autosave || JURY_IS_AUTOSAVE (autosave));

  if (self->autosave == autosave)
    return;

  g_clear_pointer (&self->review, jury_review_free);
  clear_editors (self);
  g_set_object (&self->autosave, autosave);
  g_signal_group_set_target (self->store_signals,
                             autosave ? jury_autosave_get_store (autosave) : NULL);

  if (autosave != NULL)
    build_editors (self, jury_store_get_call (jury_autosave_get_store (autosave)));

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
jury_score_form_set_review (JuryScoreForm *self,
                            JuryReview    *review,
                            gboolean       editable)
{
  g_return_if_fail (JURY_IS_SCORE_FORM (self));
  g_return_if_fail (review == NULL || self->autosave != NULL);

  g_clear_pointer (&self->review, jury_review_free);
  self->review = review;
  self->editable = !!editable;

  if (review == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing to Score"));
      adw_status_page_set_description (self->empty_page, _("Pick a submission to score it."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_return_if_fail (review->n_criteria == self->editors->len);

  show_review (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

const JuryReview *
jury_score_form_get_review (JuryScoreForm *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_FORM (self), NULL);

  return self->review;
}

void
jury_score_form_show_message (JuryScoreForm *self,
                              const char    *title,
                              const char    *description)
{
  g_return_if_fail (JURY_IS_SCORE_FORM (self));

  g_clear_pointer (&self->review, jury_review_free);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

gboolean
jury_score_form_toggle_done (JuryScoreForm *self)
{
  JuryReview *review;
  g_autoptr(JuryChange) change = NULL;
  gboolean done;

  g_return_val_if_fail (JURY_IS_SCORE_FORM (self), FALSE);

  review = self->review;
  if (review == NULL || !self->editable || review->conflict)
    return FALSE;

  done = !review->done;
  change = jury_change_new_flag (JURY_CHANGE_DONE, review->juror_id, review->submission_id, done);
  if (!jury_review_apply (review, self->call, change, NULL, NULL))
    return FALSE;

  jury_autosave_push (self->autosave, change);
  update_state (self);

  if (done)
    g_signal_emit (self, signals[MARKED_DONE], 0);

  return TRUE;
}

void
jury_score_form_set_conflict (JuryScoreForm *self,
                              gboolean       conflict)
{
  JuryReview *review;

  g_return_if_fail (JURY_IS_SCORE_FORM (self));

  review = self->review;
  if (review == NULL || !self->editable || review->conflict == !!conflict)
    return;

  push (self, jury_change_new_flag (JURY_CHANGE_CONFLICT, review->juror_id,
                                    review->submission_id, conflict));
  update_state (self);
}

guint
jury_score_form_get_n_criteria (JuryScoreForm *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_FORM (self), 0);

  return self->editors->len;
}

GtkWidget *
jury_score_form_get_editor (JuryScoreForm *self,
                            guint          index)
{
  g_return_val_if_fail (JURY_IS_SCORE_FORM (self), NULL);
  g_return_val_if_fail (index < self->editors->len, NULL);

  return g_ptr_array_index (self->editors, index);
}

GtkWidget *
jury_score_form_get_overall_view (JuryScoreForm *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_FORM (self), NULL);

  return GTK_WIDGET (self->overall_view);
}

void
jury_score_form_focus_first_open (JuryScoreForm *self)
{
  g_return_if_fail (JURY_IS_SCORE_FORM (self));

  if (self->review == NULL || self->editors->len == 0)
    return;

  for (guint i = 0; i < self->editors->len; i++)
    {
      if (self->review->scores[i] == JURY_NO_SCORE)
        {
          jury_criterion_editor_focus_scale (g_ptr_array_index (self->editors, i));
          return;
        }
    }

  jury_criterion_editor_focus_scale (g_ptr_array_index (self->editors, 0));
}
