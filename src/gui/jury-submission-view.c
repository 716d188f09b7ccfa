/* jury-submission-view.c: the text of one submission, for reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-submission-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-submission-view.h"

struct _JurySubmissionView
{
  GtkWidget          parent_instance;

  JurySubmission    *submission;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkBox            *body;
};

G_DEFINE_FINAL_TYPE (JurySubmissionView, jury_submission_view, GTK_TYPE_WIDGET)

enum {
  ATTACHMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Text from a call file is shown as plain text: labels never parse markup here. */
static GtkWidget *
add_label (JurySubmissionView *self,
           const char         *text,
           const char         *css_class,
           GtkAccessibleRole   role)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", role,
                                   NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Text can be selected with the pointer; Tab goes on to the links and the form. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->body, label);

  return label;
}

static GtkWidget *
add_text (JurySubmissionView *self,
          const char         *text,
          const char         *css_class)
{
  return add_label (self, text, css_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
add_heading (JurySubmissionView *self,
             const char         *heading)
{
  GtkWidget *label = add_label (self, heading, "heading", GTK_ACCESSIBLE_ROLE_HEADING);

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 12);
}

static void
add_list (JurySubmissionView *self,
          const char         *heading,
          char              **items)
{
  if (items == NULL || items[0] == NULL)
    return;

  add_heading (self, heading);
  for (guint i = 0; items[i] != NULL; i++)
    {
      /* Translators: a bullet point before an item of a list */
      g_autofree char *text = g_strdup_printf (_("• %s"), items[i]);

      add_text (self, text, "list-item");
    }
}

static char *
dup_meta_line (const JurySubmission *submission)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (submission->region != NULL)
    g_string_append (line, submission->region);

  if (submission->network != NULL)
    {
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, submission->network);
    }

  if (submission->network_founded > 0)
    {
      if (line->len > 0)
        g_string_append (line, " · ");
      /* Translators: the year a network was founded */
      g_string_append_printf (line, _("founded %d"), submission->network_founded);
    }

  return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
}

static char *
dup_contacts_line (const JurySubmission *submission)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < submission->contacts->len; i++)
    {
      const JuryContact *contact = g_ptr_array_index (submission->contacts, i);

      if (line->len > 0)
        g_string_append (line, "; ");
      if (contact->role != NULL)
        /* Translators: a contact person and their role, e.g. "Anna Schmidt, coordinator" */
        g_string_append_printf (line, _("%s, %s"), contact->name, contact->role);
      else
        g_string_append (line, contact->name);
    }

  return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
}

static void
add_quotes (JurySubmissionView *self,
            GPtrArray          *quotes)
{
  if (quotes->len == 0)
    return;

  add_heading (self, _("Quotes"));
  for (guint i = 0; i < quotes->len; i++)
    {
      const JuryQuote *quote = g_ptr_array_index (quotes, i);
      /* Translators: a quotation; use your language's quotation marks */
      g_autofree char *text = g_strdup_printf (_("“%s”"), quote->text);
      g_autofree char *source = NULL;

      if (quote->role != NULL)
        /* Translators: who said a quotation, and their role */
        source = g_strdup_printf (_("— %s, %s"), quote->author, quote->role);
      else
        source = g_strdup_printf (_("— %s"), quote->author);

      add_text (self, text, "quote");
      add_text (self, source, "quote-source");
    }
}

static void
add_links (JurySubmissionView *self,
           GPtrArray          *links)
{
  if (links->len == 0)
    return;

  add_heading (self, _("Links"));
  for (guint i = 0; i < links->len; i++)
    {
      const JuryLink *link = g_ptr_array_index (links, i);

      if (jury_link_is_safe (link))
        {
          GtkWidget *button = gtk_link_button_new_with_label (link->href, link->label);
          GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

          /* A long name of a link wraps rather than widening the pane. */
          gtk_label_set_wrap (label, TRUE);
          gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (label, 0);
          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (button, link->href);
          gtk_box_append (self->body, button);
        }
      else
        {
          /* Translators: a link that Jury Desk refuses to open, and its address */
          g_autofree char *text = g_strdup_printf (_("%s (%s — not opened: only web links open)"),
                                                   link->label, link->href);

          add_text (self, text, "secondary-text");
        }
    }
}

/* The columns of the applications table that have no place of their own, each
 * under its own heading, in the table's order. */
static void
add_fields (JurySubmissionView *self,
            GPtrArray          *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const JuryField *field = g_ptr_array_index (fields, i);

      add_heading (self, field->name);
      for (guint p = 0; field->paragraphs[p] != NULL; p++)
        add_text (self, field->paragraphs[p], "body");
    }
}

static void
attachment_clicked_cb (JurySubmissionView *self,
                       GtkButton          *button)
{
  const char *href = g_object_get_data (G_OBJECT (button), "jury-attachment-href");

  if (self->submission != NULL && href != NULL)
    g_signal_emit (self, signals[ATTACHMENT_ACTIVATED], 0, self->submission->id, href);
}

static void
add_attachments (JurySubmissionView *self,
                 GPtrArray          *attachments)
{
  if (attachments->len == 0)
    return;

  add_heading (self, _("Attachments"));
  for (guint i = 0; i < attachments->len; i++)
    {
      const JuryAttachment *attachment = g_ptr_array_index (attachments, i);
      const char *name = jury_attachment_get_file_name (attachment);
      gboolean is_pdf = g_str_equal (attachment->type, "application/pdf");
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", is_pdf ? "x-office-document-symbolic"
                                                          : "image-x-generic-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);
      GtkWidget *text;
      GtkWidget *button = gtk_button_new ();
      g_autofree char *label = attachment->label != NULL ? g_strdup_printf ("%s (%s)", attachment->label, name)
                                                         : g_strdup (name);

      /* A long name wraps rather than widening the pane. */
      text = gtk_label_new (label);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_box_append (GTK_BOX (content), icon);
      gtk_box_append (GTK_BOX (content), text);
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (button, is_pdf ? _("Show the PDF") : _("Show the image"));
      /* Translators: how a screen reader reads an attachment's button, e.g. "Show the PDF: Antrag (antrag.pdf)" */
      {
        g_autofree char *accessible = g_strdup_printf (is_pdf ? _("Show the PDF: %s") : _("Show the image: %s"),
                                                       label);

        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                        -1);
      }
      g_object_set_data_full (G_OBJECT (button), "jury-attachment-href", g_strdup (attachment->href), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (attachment_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->body, button);
    }
}

static void
clear_body (JurySubmissionView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->body))) != NULL)
    gtk_box_remove (self->body, child);
}

static void
rebuild (JurySubmissionView *self)
{
  const JurySubmission *submission = self->submission;
  g_autofree char *meta = NULL;
  g_autofree char *contacts = NULL;
  GtkAdjustment *vadjustment;

  clear_body (self);

  if (submission == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  add_text (self, submission->title, "title-1");

  if ((meta = dup_meta_line (submission)) != NULL)
    add_text (self, meta, "secondary-text");

  if ((contacts = dup_contacts_line (submission)) != NULL)
    add_text (self, contacts, "caption");

  if (submission->summary != NULL)
    add_text (self, submission->summary, "lead");

  if (submission->description[0] != NULL)
    {
      add_heading (self, _("Description"));
      for (guint i = 0; submission->description[i] != NULL; i++)
        add_text (self, submission->description[i], "body");
    }

  if (submission->target_group != NULL)
    {
      add_heading (self, _("Target Group"));
      add_text (self, submission->target_group, "body");
    }

  /* Plain words, as the partners are: they describe, they do not filter. */
  add_list (self, _("Formats"), submission->formats);
  add_list (self, _("Partners"), submission->partners);
  add_list (self, _("Tips from the Network"), submission->tips);
  add_quotes (self, submission->quotes);
  add_links (self, submission->links);
  add_fields (self, submission->fields);
  add_attachments (self, submission->attachments);

  gtk_stack_set_visible_child_name (self->stack, "submission");

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (vadjustment, 0);
}

static void
jury_submission_view_dispose (GObject *object)
{
  JurySubmissionView *self = JURY_SUBMISSION_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_SUBMISSION_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jury_submission_view_parent_class)->dispose (object);
}

static void
jury_submission_view_finalize (GObject *object)
{
  JurySubmissionView *self = JURY_SUBMISSION_VIEW (object);

  g_clear_pointer (&self->submission, jury_submission_free);

  G_OBJECT_CLASS (jury_submission_view_parent_class)->finalize (object);
}

static void
jury_submission_view_class_init (JurySubmissionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_submission_view_dispose;
  object_class->finalize = jury_submission_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-submission-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionView, stack);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionView, scroller);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionView, body);

  /**
   * JurySubmissionView::attachment-activated:
   * @submission_id: the submission shown
   * @href: the attachment, as the call names it
   *
   * Emitted when the reader asks to see an attachment.
   */
  signals[ATTACHMENT_ACTIVATED] =
    g_signal_new ("attachment-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jurysubmissionview");
}

static void
jury_submission_view_init (JurySubmissionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
jury_submission_view_set_submission (JurySubmissionView *self,
                                     JurySubmission     *submission)
{
  g_return_if_fail (JURY_IS_SUBMISSION_VIEW (self));

  g_clear_pointer (&self->submission, jury_submission_free);
  self->submission = submission;
  rebuild (self);
}
