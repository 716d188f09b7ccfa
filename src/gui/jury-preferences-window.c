/* jury-preferences-window.c: the juror's name and how results mark disagreement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-dialog-size.h"
#include "jury-preferences-window.h"
#include "jury-text-field.h"

struct _JuryPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *name_row;
  GtkSpinButton        *threshold_spin;
};

G_DEFINE_FINAL_TYPE (JuryPreferencesWindow, jury_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
name_apply_cb (JuryPreferencesWindow *self,
               AdwEntryRow           *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  /* An empty name would make the next call ask for it again; keep the old one. */
  if (name[0] == '\0')
    {
      g_autofree char *old = g_settings_get_string (self->settings, "juror-name");

      gtk_editable_set_text (GTK_EDITABLE (row), old);
      return;
    }

  g_settings_set_string (self->settings, "juror-name", name);
}

static void
jury_preferences_window_dispose (GObject *object)
{
  JuryPreferencesWindow *self = JURY_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jury_preferences_window_parent_class)->dispose (object);
}

/* GTK 4.8 leaves the buttons of a spin button without a name for screen readers. */
static void
name_spin_buttons (GtkSpinButton *spin)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (spin)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *icon = GTK_IS_BUTTON (child) ? gtk_button_get_icon_name (GTK_BUTTON (child)) : NULL;

      if (g_strcmp0 (icon, "value-decrease-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decrease"),
                                        -1);
      else if (g_strcmp0 (icon, "value-increase-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Increase"),
                                        -1);
    }
}

static void
jury_preferences_window_realize (GtkWidget *widget)
{
  /* No wider than the window it belongs to, as on a phone. */
  jury_dialog_fit_parent (GTK_WINDOW (widget));

  GTK_WIDGET_CLASS (jury_preferences_window_parent_class)->realize (widget);
}

static void
jury_preferences_window_class_init (JuryPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_preferences_window_dispose;

  widget_class->realize = jury_preferences_window_realize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/jury-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, JuryPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
}

static void
jury_preferences_window_init (JuryPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jury_text_field_limit (GTK_WIDGET (self->name_row), JURY_TEXT_NAME, NULL);
  name_spin_buttons (self->threshold_spin);
}

JuryPreferencesWindow *
jury_preferences_window_new (GSettings *settings)
{
  JuryPreferencesWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (JURY_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  name = g_settings_get_string (settings, "juror-name");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  g_settings_bind (settings, "disagreement-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  return self;
}
