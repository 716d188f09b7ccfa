/* jury-fit-bin.c: a wide child where it fits, a narrow one where it does not
 *
 * A table that reads well when there is room and a list that reads well on a
 * phone, chosen by the width the bin gets. Unlike a squeezer, the height is
 * always measured for the child that the width picks, so text that wraps never
 * leaves a gap or overlaps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-fit-bin"

#include "config.h"

#include "jury-fit-bin.h"

struct _JuryFitBin
{
  GtkWidget  parent_instance;

  GtkWidget *wide;
  GtkWidget *narrow;
  gboolean   wide_shown;
};

G_DEFINE_FINAL_TYPE (JuryFitBin, jury_fit_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WIDE_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
wide_minimum (JuryFitBin *self)
{
  int minimum = 0;

  gtk_widget_measure (self->wide, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* The child shown at WIDTH; -1 stands for as wide as the bin likes to be. */
static GtkWidget *
pick (JuryFitBin *self,
      int         width)
{
  if (self->wide == NULL || self->narrow == NULL)
    return self->wide != NULL ? self->wide : self->narrow;

  if (width < 0)
    return self->wide;

  return width >= wide_minimum (self) ? self->wide : self->narrow;
}

static void
set_shown (GtkWidget *child,
           gboolean   shown)
{
  if (child == NULL || gtk_widget_get_child_visible (child) == shown)
    return;

  gtk_widget_set_child_visible (child, shown);
  gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, !shown, -1);
}

static void
jury_fit_bin_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  JuryFitBin *self = JURY_FIT_BIN (widget);
  GtkWidget *child;

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GtkWidget *smallest = self->narrow != NULL ? self->narrow : self->wide;
      GtkWidget *largest = self->wide != NULL ? self->wide : self->narrow;
      int unused;

      if (smallest == NULL)
        return;

      gtk_widget_measure (smallest, orientation, -1, minimum, &unused, NULL, NULL);
      gtk_widget_measure (largest, orientation, -1, &unused, natural, NULL, NULL);
      *natural = MAX (*natural, *minimum);
      return;
    }

  child = pick (self, for_size);
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
jury_fit_bin_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  JuryFitBin *self = JURY_FIT_BIN (widget);
  GtkWidget *child = pick (self, width);
  gboolean wide_shown = child != NULL && child == self->wide;

  set_shown (self->wide, child == self->wide);
  set_shown (self->narrow, child == self->narrow);
  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  if (wide_shown != self->wide_shown)
    {
      self->wide_shown = wide_shown;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDE_SHOWN]);
    }
}

static GtkSizeRequestMode
jury_fit_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
jury_fit_bin_dispose (GObject *object)
{
  JuryFitBin *self = JURY_FIT_BIN (object);

  g_clear_pointer (&self->wide, gtk_widget_unparent);
  g_clear_pointer (&self->narrow, gtk_widget_unparent);

  G_OBJECT_CLASS (jury_fit_bin_parent_class)->dispose (object);
}

static void
jury_fit_bin_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JuryFitBin *self = JURY_FIT_BIN (object);

  switch (prop_id)
    {
    case PROP_WIDE_SHOWN:
      g_value_set_boolean (value, self->wide_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_fit_bin_class_init (JuryFitBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_fit_bin_dispose;
  object_class->get_property = jury_fit_bin_get_property;

  widget_class->measure = jury_fit_bin_measure;
  widget_class->size_allocate = jury_fit_bin_size_allocate;
  widget_class->get_request_mode = jury_fit_bin_get_request_mode;

  properties[PROP_WIDE_SHOWN] = g_param_spec_boolean ("wide-shown", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "juryfitbin");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jury_fit_bin_init (JuryFitBin *self)
{
}

GtkWidget *
jury_fit_bin_new (void)
{
  return g_object_new (JURY_TYPE_FIT_BIN, NULL);
}

void
jury_fit_bin_set_children (JuryFitBin *self,
                           GtkWidget  *wide,
                           GtkWidget  *narrow)
{
  g_return_if_fail (JURY_IS_FIT_BIN (self));
  g_return_if_fail (wide == NULL || GTK_IS_WIDGET (wide));
  g_return_if_fail (narrow == NULL || GTK_IS_WIDGET (narrow));

  g_clear_pointer (&self->wide, gtk_widget_unparent);
  g_clear_pointer (&self->narrow, gtk_widget_unparent);

  /* Hidden until an allocation picks one, so that the first frame shows one child. */
  self->wide = wide;
  self->narrow = narrow;
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *child = i == 0 ? wide : narrow;

      if (child == NULL)
        continue;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
      gtk_widget_set_child_visible (child, FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GtkWidget *
jury_fit_bin_get_wide (JuryFitBin *self)
{
  g_return_val_if_fail (JURY_IS_FIT_BIN (self), NULL);

  return self->wide;
}

GtkWidget *
jury_fit_bin_get_narrow (JuryFitBin *self)
{
  g_return_val_if_fail (JURY_IS_FIT_BIN (self), NULL);

  return self->narrow;
}

gboolean
jury_fit_bin_get_wide_shown (JuryFitBin *self)
{
  g_return_val_if_fail (JURY_IS_FIT_BIN (self), FALSE);

  return self->wide_shown;
}
