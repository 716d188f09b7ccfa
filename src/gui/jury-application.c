/* jury-application.c: application actions, settings, recent files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-application"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-application.h"
#include "jury-preferences-window.h"
#include "jury-resources.h"
#include "jury-window.h"

#define MAX_RECENT 10

struct _JuryApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (JuryApplication, jury_application, ADW_TYPE_APPLICATION)

static JuryWindow *
get_or_create_window (JuryApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (jury_window_new (self));

  return JURY_WINDOW (window);
}

static GFile *
dup_last_used (JuryApplication *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);

      if (g_file_query_exists (file, NULL))
        return g_steal_pointer (&file);
    }

  return NULL;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  JuryApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it write what is pending first. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  JuryApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  JuryPreferencesWindow *preferences;

  preferences = jury_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  JuryApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Jury Desk developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Jury Desk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Jury Desk developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Score award submissions offline, merge the jury's work "
                                      "and make the final selection."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
jury_application_activate (GApplication *application)
{
  JuryApplication *self = JURY_APPLICATION (application);
  JuryWindow *window = get_or_create_window (self);
  g_autoptr(GFile) file = NULL;

  /* As in open(): the file is opened while the window is shown. */
  if (jury_window_get_store (window) == NULL)
    {
      file = dup_last_used (self);
      if (file == NULL)
        file = jury_application_dup_sample ();

      jury_window_open (window, file);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
jury_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  JuryApplication *self = JURY_APPLICATION (application);
  JuryWindow *window = get_or_create_window (self);

  /* One file is opened; a juror works on one call at a time. It is opened in a
   * thread while the window is shown: a database opened by then is in the
   * window's first frame, without a frame of the loading page before it. */
  if (n_files > 0)
    jury_window_open (window, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
jury_application_startup (GApplication *application)
{
  JuryApplication *self = JURY_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.new-call", { "<Control>n", NULL } },
    { "win.hand-in", { "<Control>s", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.next-submission", { "<Control>Page_Down", "<Alt>Down", NULL } },
    { "win.previous-submission", { "<Control>Page_Up", "<Alt>Up", NULL } },
    { "win.toggle-done", { "<Control>Return", NULL } },
    { "win.show-form", { "<Control>e", NULL } },
    { "win.show-scores", { "<Control>t", NULL } },
    { "win.main-menu", { "F10", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>F1" } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (jury_application_parent_class)->startup (application);

  /* Only the instance that shows windows needs the settings: --version,
   * --help and the commands run without them. */
  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static int
jury_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jury-desk %s\n", PACKAGE_VERSION);
      return 0;
    }

  return G_APPLICATION_CLASS (jury_application_parent_class)->handle_local_options (application, options);
}

static void
jury_application_dispose (GObject *object)
{
  JuryApplication *self = JURY_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jury_application_parent_class)->dispose (object);
}

static void
jury_application_class_init (JuryApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jury_application_dispose;

  jury_register_resource ();

  app_class->activate = jury_application_activate;
  app_class->open = jury_application_open;
  app_class->startup = jury_application_startup;
  app_class->handle_local_options = jury_application_handle_local_options;
}

static void
jury_application_init (JuryApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version of Jury Desk"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  /* Translators: in "Usage: jury-desk [OPTION…] [FILE]" */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens FILE (a call or a jury database) in the window, "
                                              "or runs one of the commands below without a window."));
}

JuryApplication *
jury_application_new (void)
{
  return g_object_new (JURY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
jury_application_get_settings (JuryApplication *self)
{
  g_return_val_if_fail (JURY_IS_APPLICATION (self), NULL);

  return self->settings;
}

GFile *
jury_application_dup_sample (void)
{
  return g_file_new_for_uri ("resource://" RESOURCE_PREFIX "/samples/mint-regionen-wirken-2025.xml");
}

char *
jury_application_dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "jury-desk", NULL);
}

void
jury_application_add_recent (JuryApplication *self,
                             GFile           *file)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *uri = NULL;
  guint n = 1;

  g_return_if_fail (JURY_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  recent = g_settings_get_strv (self->settings, "recent-files");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);

  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], uri) == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) updated);
}
