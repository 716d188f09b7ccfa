/* bench-bare.c: the floor of the window benchmarks: a bare GtkListView of the same rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: BENCH_START_US=… BENCH_ROWS=N [BENCH_LIST_WIDTH=PX] bench-bare DB.jury
 *
 * A minimal libadwaita application, started like jury-desk (an application that
 * opens the file given), that reads the titles and regions of a database's
 * submissions with one plain SELECT and shows them in a GtkListView of two labels
 * per row, as wide as the app's list (BENCH_LIST_WIDTH), in a window of the app's
 * size. It prints the same figures as bench-gui (tests/bench/bench-frames.h) and
 * scrolls its list the same way; it has no search.
 */

#define G_LOG_DOMAIN "bench-bare"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "bench-frames.h"

#define BARE_TYPE_ROW (bare_row_get_type ())
G_DECLARE_FINAL_TYPE (BareRow, bare_row, BARE, ROW, GObject)

struct _BareRow
{
  GObject  parent_instance;

  char    *title;
  char    *region;
};

G_DEFINE_FINAL_TYPE (BareRow, bare_row, G_TYPE_OBJECT)

static void
bare_row_finalize (GObject *object)
{
  BareRow *self = BARE_ROW (object);

  g_free (self->title);
  g_free (self->region);

  G_OBJECT_CLASS (bare_row_parent_class)->finalize (object);
}

static void
bare_row_class_init (BareRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bare_row_finalize;
}

static void
bare_row_init (BareRow *self)
{
}

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

static GListModel *
load_rows (const char *path)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = g_list_store_new (BARE_TYPE_ROW);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT title, region FROM submissions ORDER BY position", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      BareRow *row = g_object_new (BARE_TYPE_ROW, NULL);

      row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->region = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      exit (1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (store);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *region = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (region), 0);
  gtk_label_set_ellipsize (GTK_LABEL (region), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (region, "dim-label");
  gtk_widget_add_css_class (region, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), region);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  BareRow *row = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (title), row->title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), row->region ? row->region : "");
}

static GtkListView *
get_list (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "list-view");
}

static void
phases (GtkWindow   *window,
        GtkListView *list_view,
        gpointer     user_data)
{
  bench_frames_scroll (list_view, env_uint ("BENCH_SCROLL_FRAMES", 180),
                       env_uint ("BENCH_SCROLL_STEP", 120));
}

static void
open_cb (GApplication  *app,
         GFile        **files,
         int            n_files,
         const char    *hint)
{
  g_autofree char *path = g_file_get_path (files[0]);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection = gtk_single_selection_new (load_rows (path));
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *panes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list_view;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_single_selection_set_autoselect (selection, FALSE);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_widget_add_css_class (list_view, "navigation-sidebar");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_size_request (sidebar, (int) env_uint ("BENCH_LIST_WIDTH", 280), -1);
  gtk_box_append (GTK_BOX (sidebar), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (sidebar), scroller);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (panes), sidebar);
  gtk_box_append (GTK_BOX (panes), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (panes), content);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), panes);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_title (GTK_WINDOW (window), "Bare list");
  g_object_set_data (G_OBJECT (window), "list-view", list_view);

  bench_frames_watch (GTK_WINDOW (window), get_list, phases, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DB.jury\n", argv[0]);
      return 2;
    }
  bench_frames_init ();

  app = adw_application_new ("io.github.jurydesk.BareList", G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "open", G_CALLBACK (open_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
