/* jury-sidebar-row.c: one submission in the list: status, title, region, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-sidebar-row.h"

struct _JurySidebarRow
{
  GtkWidget           parent_instance;

  JurySubmissionItem *item;
  GSignalGroup       *item_signals;

  GtkImage           *status_icon;
  GtkLabel           *title_label;
  GtkLabel           *region_label;
  GtkLabel           *progress_label;

  char               *description;  /* what a screen reader says of the row */
};

G_DEFINE_FINAL_TYPE (JurySidebarRow, jury_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_classes[] = {
  [JURY_REVIEW_OPEN] = "open",
  [JURY_REVIEW_IN_PROGRESS] = "in-progress",
  [JURY_REVIEW_DONE] = "done",
  [JURY_REVIEW_CONFLICT] = "conflict",
};

/* The list's row is what a screen reader lands on; in GTK 4.8 only its child, this
 * widget, can tell it what to say. */
static void
update_row_name (JurySidebarRow *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->description == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  -1);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                    -1);
}

static void
update_status (JurySidebarRow *self)
{
  JuryReviewStatus status;
  g_autofree char *progress = NULL;
  g_autofree char *description = NULL;

  if (self->item == NULL)
    return;

  status = jury_submission_item_get_status (self->item);
  gtk_image_set_from_icon_name (self->status_icon, jury_review_status_icon_name (status));

  /* One style class per status, for the icon's colour. */
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    {
      if (i == status)
        gtk_widget_add_css_class (GTK_WIDGET (self), status_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), status_classes[i]);
    }

  if (status == JURY_REVIEW_CONFLICT)
    progress = g_strdup (C_("review status", "conflict"));
  else if (status == JURY_REVIEW_DONE)
    progress = g_strdup ("✓");
  else
    /* Translators: criteria scored of all criteria, e.g. "3/6" */
    progress = g_strdup_printf (_("%u/%u"),
                                jury_submission_item_get_n_scored (self->item),
                                jury_submission_item_get_n_criteria (self->item));

  gtk_label_set_label (self->progress_label, progress);

  /* Translators: how a screen reader reads a submission: title, status, progress */
  description = g_strdup_printf (_("%s, %s, %u of %u criteria scored"),
                                 jury_submission_item_get_title (self->item),
                                 jury_review_status_label (status),
                                 jury_submission_item_get_n_scored (self->item),
                                 jury_submission_item_get_n_criteria (self->item));
  g_free (self->description);
  self->description = g_steal_pointer (&description);
  update_row_name (self);
}

static void
update_texts (JurySidebarRow *self)
{
  const char *region = NULL;

  gtk_label_set_label (self->title_label,
                       self->item ? jury_submission_item_get_title (self->item) : "");

  if (self->item != NULL)
    {
      region = jury_submission_item_get_region (self->item);
      if (region == NULL)
        region = jury_submission_item_get_network (self->item);
    }

  gtk_label_set_label (self->region_label, region ? region : "");
  gtk_widget_set_visible (GTK_WIDGET (self->region_label), region != NULL);
}

static void
item_notify_cb (JurySidebarRow *self,
                GParamSpec        *pspec,
                JurySubmissionItem *item)
{
  update_status (self);
}

static void
parent_changed_cb (JurySidebarRow *self,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  update_row_name (self);
}

static void
jury_sidebar_row_dispose (GObject *object)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);
  g_clear_pointer (&self->description, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_SIDEBAR_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jury_sidebar_row_parent_class)->dispose (object);
}

static void
jury_sidebar_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_sidebar_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      jury_sidebar_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_sidebar_row_class_init (JurySidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_sidebar_row_dispose;
  object_class->get_property = jury_sidebar_row_get_property;
  object_class->set_property = jury_sidebar_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         JURY_TYPE_SUBMISSION_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, JurySidebarRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, JurySidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JurySidebarRow, region_label);
  gtk_widget_class_bind_template_child (widget_class, JurySidebarRow, progress_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jurysidebarrow");
}

static void
jury_sidebar_row_init (JurySidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);

  self->item_signals = g_signal_group_new (JURY_TYPE_SUBMISSION_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify::status",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->item_signals, "notify::n-scored",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

JurySubmissionItem *
jury_sidebar_row_get_item (JurySidebarRow *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR_ROW (self), NULL);

  return self->item;
}

void
jury_sidebar_row_set_item (JurySidebarRow  *self,
                              JurySubmissionItem *item)
{
  g_return_if_fail (JURY_IS_SIDEBAR_ROW (self));
  g_return_if_fail (!item || JURY_IS_SUBMISSION_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  update_texts (self);
  update_status (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

const char *
jury_review_status_icon_name (JuryReviewStatus status)
{
  switch (status)
    {
    case JURY_REVIEW_OPEN:
      return "jury-status-open-symbolic";
    case JURY_REVIEW_IN_PROGRESS:
      return "jury-status-in-progress-symbolic";
    case JURY_REVIEW_DONE:
      return "jury-status-done-symbolic";
    case JURY_REVIEW_CONFLICT:
      return "jury-status-conflict-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
jury_review_status_label (JuryReviewStatus status)
{
  switch (status)
    {
    case JURY_REVIEW_OPEN:
      return C_("review status", "open");
    case JURY_REVIEW_IN_PROGRESS:
      return C_("review status", "in progress");
    case JURY_REVIEW_DONE:
      return C_("review status", "done");
    case JURY_REVIEW_CONFLICT:
      return C_("review status", "conflict of interest");
    default:
      g_return_val_if_reached (NULL);
    }
}
