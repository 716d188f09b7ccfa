/* jury-ui-test-util.c: waiting for a window's state and finding its widgets, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "jury-ui-test-util.h"

/* Longer than any state takes to come, even under AddressSanitizer. */
#define WAIT_TIMEOUT_S 30

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sets a UI test up: folders of its own under a new temporary home, the locale
 * (C.UTF-8 rather than C: gettext ignores LANGUAGE in the C locale), GLib's
 * tests, GTK and libadwaita. Not G_TEST_OPTION_ISOLATE_DIRS: it hides the
 * system's MIME database too, and without it GTK cannot load its own SVG
 * icons; the tests of a program share one data folder and run in order.
 *
 * Returns: (transfer full): the temporary home, for jury_test_remove_tree() */
char *
jury_test_ui_init (int          *argc,
                   char       ***argv,
                   const char   *name)
{
  g_autofree char *template = g_strdup_printf ("jury-desk-%s-XXXXXX", name);
  char *home = g_dir_make_tmp (template, NULL);
  const char *folders[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" }, { "XDG_CACHE_HOME", "cache" },
  };

  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (home, folders[i][1], NULL);

      g_setenv (folders[i][0], folder, TRUE);
    }

  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JURY_DESK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);

  gtk_init ();
  adw_init ();

  return home;
}

/* Jury Desk's application, registered (not unique), with JUROR_NAME set. */
JuryApplication *
jury_test_ui_new_application (const char *juror_name)
{
  g_autoptr(GError) error = NULL;
  JuryApplication *app = jury_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (jury_application_get_settings (app), "juror-name", juror_name);

  return app;
}

/* Whether the test runs in German. GLib decides once per process whether to
 * translate, so German runs in a process of its own. */
gboolean
jury_test_ui_is_german (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "de");
}

/* Runs the main loop until CONDITION (DATA) holds; fails the test when it has not
 * after WAIT_TIMEOUT_S seconds. */
void
jury_test_wait_for (JuryTestCondition condition,
                    gpointer          data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  guint         *n_frames)
{
  (*n_frames)++;
  /* One more frame: a window that had to grow has its new size by then. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
two_frames_painted (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Waits until WIDGET's window has painted two frames from now: what changed
 * before is laid out and allocated. */
void
jury_test_wait_for_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint n_frames = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &n_frames);
  gtk_widget_queue_draw (widget);
  jury_test_wait_for (two_frames_painted, &n_frames);
  g_signal_handler_disconnect (clock, id);
}

/* The first widget under WIDGET (or WIDGET) of TYPE, depth first. */
GtkWidget *
jury_test_find_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = jury_test_find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget under WIDGET (or WIDGET) named NAME. */
GtkWidget *
jury_test_find_named (GtkWidget  *widget,
                      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = jury_test_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}
