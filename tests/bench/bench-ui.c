/* bench-ui.c: how a large call feels in the window: time to open, time per scrolled frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-ui GENERATE-CALL SAMPLE.xml N
 * Opens the sample call (the baseline) and a generated call of N submissions in the
 * same process, scrolls each list as a mouse wheel would, and prints the times and
 * their ratio. Needs a display (run under xvfb-run).
 */

#define G_LOG_DOMAIN "bench-ui"

#include "config.h"

#include <glib/gstdio.h>

#include "jury-application.h"
#include "jury-window-private.h"

/* A wheel click moves the list by about this much. */
#define SCROLL_STEP_PX 60
#define SCROLL_STEPS 300

typedef struct
{
  double open_s;
  double reopen_s;
  double frame_median_ms;
  double frame_p95_ms;
} Figures;

static JuryApplication *app;
static guint n_paints;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  n_paints++;
}

static gboolean
loaded (JuryWindow *window)
{
  return window->store != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "main");
}

static double
open_and_wait (JuryWindow *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 start = g_get_monotonic_time ();

  jury_window_open (window, file);
  while (window->store == NULL || !loaded (window) ||
         g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);

  /* Until the first frame with the list is on screen. */
  n_paints = 0;
  while (n_paints < 1)
    g_main_context_iteration (NULL, TRUE);

  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
scroll_through (JuryWindow *window,
                Figures    *figures)
{
  GtkWidget *scroller = gtk_widget_get_parent (jury_sidebar_get_list_view (window->sidebar));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double frames[SCROLL_STEPS];

  for (guint i = 0; i < SCROLL_STEPS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      guint target = n_paints + 1;

      /* At the end of a short list the value stops changing; the frame is drawn anyway. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + SCROLL_STEP_PX);
      gtk_widget_queue_draw (jury_sidebar_get_list_view (window->sidebar));
      while (n_paints < target)
        g_main_context_iteration (NULL, TRUE);

      frames[i] = (g_get_monotonic_time () - start) / 1e3;
    }

  qsort (frames, SCROLL_STEPS, sizeof frames[0], compare_double);
  figures->frame_median_ms = frames[SCROLL_STEPS / 2];
  figures->frame_p95_ms = frames[SCROLL_STEPS * 95 / 100];
}

static void
measure (const char *path,
         Figures    *figures)
{
  JuryWindow *window = jury_window_new (app);
  GdkFrameClock *clock;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  figures->open_s = open_and_wait (window, path);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Again: now the database exists, as on every later start. */
  window = jury_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  figures->reopen_s = open_and_wait (window, path);
  scroll_through (window, figures);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *large = NULL;
  g_autofree char *data_home = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  const char *generate_argv[4];
  int exit_status = 0;
  Figures base = { 0 }, big = { 0 };

  if (argc != 4)
    {
      g_printerr ("Usage: %s GENERATE-CALL SAMPLE.xml N\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("jury-bench-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  large = g_build_filename (dir, "large.xml", NULL);
  generate_argv[0] = argv[1];
  generate_argv[1] = argv[3];
  generate_argv[2] = large;
  generate_argv[3] = NULL;
  if (!g_spawn_sync (NULL, (char **) generate_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &exit_status, &error) ||
      !g_spawn_check_wait_status (exit_status, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  gtk_init ();
  adw_init ();
  app = jury_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "juror-name", "Benchmark");

  measure (argv[2], &base);
  measure (large, &big);

  g_print ("                     sample (31)   generated (%s)   ratio\n", argv[3]);
  g_print ("first open (s)       %11.3f   %15.3f   %5.1f\n", base.open_s, big.open_s, big.open_s / base.open_s);
  g_print ("reopen (s)           %11.3f   %15.3f   %5.1f\n", base.reopen_s, big.reopen_s, big.reopen_s / base.reopen_s);
  g_print ("scroll frame, median %9.1f ms %13.1f ms   %5.1f\n", base.frame_median_ms, big.frame_median_ms,
           big.frame_median_ms / base.frame_median_ms);
  g_print ("scroll frame, 95th   %9.1f ms %13.1f ms   %5.1f\n", base.frame_p95_ms, big.frame_p95_ms,
           big.frame_p95_ms / base.frame_p95_ms);

  g_clear_object (&app);

  {
    const char *rm_argv[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  NULL, NULL, NULL, NULL);
  }

  return 0;
}
