/* jury-shortcuts-window.c: the keyboard shortcuts, in a window that fits a phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-shortcuts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-dialog-size.h"
#include "jury-shortcuts-window.h"

#define DEFAULT_WIDTH 480

struct _JuryShortcutsWindow
{
  AdwWindow            parent_instance;

  AdwPreferencesPage  *page;
};

G_DEFINE_FINAL_TYPE (JuryShortcutsWindow, jury_shortcuts_window, ADW_TYPE_WINDOW)

typedef enum
{
  GROUP_FILES,
  GROUP_SUBMISSIONS,
  GROUP_SCORING,
  GROUP_RESULTS,
  GROUP_GENERAL,
  N_GROUPS
} Group;

static const char * const group_titles[N_GROUPS] = {
  NC_("shortcut window", "Files"),
  NC_("shortcut window", "Submissions"),
  NC_("shortcut window", "Scoring"),
  NC_("shortcut window", "Results"),
  NC_("shortcut window", "General"),
};

/* An action's keys are those the application has for it; the others are keys the
 * widgets take themselves. */
static const struct
{
  Group       group;
  const char *title;
  const char *action;
  const char *keys;
} shortcuts[] = {
  { GROUP_FILES, NC_("shortcut window", "Open a call or a jury database"), "win.open", NULL },
  { GROUP_FILES, NC_("shortcut window", "Make a new call from a table of applications"), "win.new-call", NULL },
  { GROUP_FILES, NC_("shortcut window", "Hand in your jury database"), "win.hand-in", NULL },
  { GROUP_FILES, NC_("shortcut window", "Quit"), "app.quit", NULL },
  { GROUP_SUBMISSIONS, NC_("shortcut window", "Search"), "win.search", NULL },
  { GROUP_SUBMISSIONS, NC_("shortcut window", "Next submission"), "win.next-submission", NULL },
  { GROUP_SUBMISSIONS, NC_("shortcut window", "Previous submission"), "win.previous-submission", NULL },
  { GROUP_SUBMISSIONS, NC_("shortcut window", "Your scores side by side"), "win.show-scores", NULL },
  { GROUP_SCORING, NC_("shortcut window", "Go to the scoring form"), "win.show-form", NULL },
  { GROUP_SCORING, NC_("shortcut window", "Give this score to the criterion in focus"), NULL, "0...9" },
  { GROUP_SCORING, NC_("shortcut window", "Lower or raise the score"), NULL, "Left Right" },
  { GROUP_SCORING, NC_("shortcut window", "Take the score back"), NULL, "BackSpace" },
  { GROUP_SCORING, NC_("shortcut window", "Move to the next field"), NULL, "Tab" },
  { GROUP_SCORING, NC_("shortcut window", "Mark as done and go to the next open submission"), "win.toggle-done", NULL },
  /* The results view takes the keys of the juror's list; see jury-window-panel.c. */
  { GROUP_RESULTS, NC_("shortcut window", "Next submission in the ranking"), NULL, "<Control>Page_Down" },
  { GROUP_RESULTS, NC_("shortcut window", "Previous submission in the ranking"), NULL, "<Control>Page_Up" },
  { GROUP_GENERAL, NC_("shortcut window", "Main menu"), "win.main-menu", NULL },
  { GROUP_GENERAL, NC_("shortcut window", "Preferences"), "app.preferences", NULL },
  { GROUP_GENERAL, NC_("shortcut window", "Keyboard shortcuts"), "win.show-help-overlay", NULL },
};

static char *
dup_keys (GtkApplication *application,
          const char     *action)
{
  g_auto(GStrv) accels = NULL;

  if (application == NULL)
    return NULL;

  /* The first keys only: on a narrow screen every alternative would crowd the words. */
  accels = gtk_application_get_accels_for_action (application, action);
  return g_strdup (accels[0]);
}

static void
fill (JuryShortcutsWindow *self,
      GtkApplication      *application)
{
  AdwPreferencesGroup *groups[N_GROUPS];

  for (guint g = 0; g < N_GROUPS; g++)
    {
      groups[g] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (groups[g], g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", group_titles[g]));
      adw_preferences_page_add (self->page, groups[g]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autofree char *keys = shortcuts[i].action ? dup_keys (application, shortcuts[i].action)
                                                  : g_strdup (shortcuts[i].keys);
      GtkWidget *row;
      GtkWidget *label;

      if (keys == NULL)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", shortcuts[i].title));
      label = gtk_shortcut_label_new (keys);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (groups[shortcuts[i].group], row);
    }
}

static void
jury_shortcuts_window_realize (GtkWidget *widget)
{
  /* No wider than the window it belongs to, as on a phone. */
  jury_dialog_fit_parent (GTK_WINDOW (widget));

  GTK_WIDGET_CLASS (jury_shortcuts_window_parent_class)->realize (widget);
}

static void
jury_shortcuts_window_class_init (JuryShortcutsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->realize = jury_shortcuts_window_realize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-shortcuts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryShortcutsWindow, page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jury_shortcuts_window_init (JuryShortcutsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_size (GTK_WINDOW (self), DEFAULT_WIDTH, 640);
}

JuryShortcutsWindow *
jury_shortcuts_window_new (GtkWindow *parent)
{
  JuryShortcutsWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (JURY_TYPE_SHORTCUTS_WINDOW,
                       "transient-for", parent,
                       NULL);
  fill (self, parent ? gtk_window_get_application (parent) : NULL);

  return self;
}
