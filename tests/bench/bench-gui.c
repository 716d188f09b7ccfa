/* bench-gui.c: Jury Desk's window, started as jury-desk starts it, measured from its process start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: BENCH_START_US=… BENCH_ROWS=N bench-gui DB.jury
 *
 * The same program as jury-desk (the same application, window and main loop,
 * started with the same argument), with eyes on its frames: it prints the time
 * from the spawn (BENCH_START_US, CLOCK_MONOTONIC in µs, taken by the driver)
 * to the first frame that shows the list with all N rows, waits for the driver
 * to read its memory, then scrolls the list (BENCH_SCROLL_FRAMES frames of
 * BENCH_SCROLL_STEP px) and types into the search (BENCH_KEYSTROKES times one
 * key and its Backspace), each keystroke timed until the list holds what the
 * search finds and a frame with it has been painted. tests/bench/bench.py runs
 * it beside bench-bare, started the same way.
 */

#define G_LOG_DOMAIN "bench-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "bench-frames.h"
#include "jury-application.h"
#include "jury-window-private.h"

/* Submission i belongs to "MINT-Netzwerk <i % 997>" (tests/bench/generate-call.c):
 * the prefix finds 11 networks' submissions, the whole query one network's. */
#define SEARCH_PREFIX "Netzwerk 12"
#define SEARCH_KEY "3"

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return fallback;

  return (guint) value;
}

static GtkListView *
get_list (GtkWindow *window)
{
  return GTK_LIST_VIEW (jury_sidebar_get_list_view (JURY_WINDOW (window)->sidebar));
}

/* How many rows the list shows for QUERY: what the store's search finds. */
static guint
count_hits (JuryWindow *window,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) hits = jury_store_search (window->store, query, &error);

  if (hits == NULL)
    {
      g_printerr ("search for \"%s\": %s\n", query, error->message);
      exit (1);
    }

  return g_hash_table_size (hits);
}

static void
wait_for_rows (JuryWindow *window,
               guint       n_rows)
{
  GListModel *model = G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar));

  while (g_list_model_get_n_items (model) != n_rows)
    g_main_context_iteration (NULL, TRUE);
}

/* One keystroke into the search entry: INSERT types SEARCH_KEY at the end, else
 * Backspace removes the last character. Returns the µs until a frame showing the
 * list of N_ROWS has been painted. */
static gint64
keystroke (JuryWindow *window,
           gboolean    insert,
           guint       n_rows)
{
  GtkEditable *editable = jury_sidebar_get_search_entry (window->sidebar);
  int length = (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);
  gint64 start = g_get_monotonic_time ();
  gint64 landed;

  if (insert)
    gtk_editable_insert_text (editable, SEARCH_KEY, -1, &length);
  else
    gtk_editable_delete_text (editable, length - 1, length);

  wait_for_rows (window, n_rows);
  landed = g_get_monotonic_time ();
  bench_frames_wait_paint_after (jury_sidebar_get_list_view (window->sidebar), landed);

  return bench_frames_last_paint () - start;
}

static void
type_into_search (JuryWindow *window,
                  guint       repetitions)
{
  guint n_prefix = count_hits (window, SEARCH_PREFIX);
  guint n_query = count_hits (window, SEARCH_PREFIX SEARCH_KEY);

  jury_sidebar_start_search (window->sidebar);
  gtk_editable_set_text (jury_sidebar_get_search_entry (window->sidebar), SEARCH_PREFIX);
  wait_for_rows (window, n_prefix);
  bench_frames_wait_paint_after (jury_sidebar_get_list_view (window->sidebar), g_get_monotonic_time ());

  g_print ("search-rows %u %u\n", n_prefix, n_query);
  g_print ("keystroke-us");
  for (guint i = 0; i < repetitions; i++)
    {
      g_print (" %" G_GINT64_FORMAT, keystroke (window, TRUE, n_query));
      g_print (" %" G_GINT64_FORMAT, keystroke (window, FALSE, n_prefix));
    }
  g_print ("\n");
  fflush (stdout);
}

static void
phases (GtkWindow   *window,
        GtkListView *list_view,
        gpointer     user_data)
{
  bench_frames_scroll (list_view, env_uint ("BENCH_SCROLL_FRAMES", 180),
                       env_uint ("BENCH_SCROLL_STEP", 120));
  type_into_search (JURY_WINDOW (window), env_uint ("BENCH_KEYSTROKES", 4));
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  if (JURY_IS_WINDOW (window))
    bench_frames_watch (window, get_list, phases, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JuryApplication) app = NULL;
  const char *localedir = g_getenv ("JURY_DESK_LOCALEDIR");

  /* As in src/main.c. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 2)
    {
      g_printerr ("Usage: %s DB.jury\n", argv[0]);
      return 2;
    }
  bench_frames_init ();

  app = jury_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
