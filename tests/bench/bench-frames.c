/* bench-frames.c: what the window benchmarks measure, the same way in the app and in the bare list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-frames"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-frames.h"

typedef struct
{
  GtkWindow       *window;
  GtkListView   *(*get_list) (GtkWindow *window);
  BenchPhasesFunc  phases;
  gpointer         user_data;
} Watch;

static gint64 start_us;
static guint64 n_rows;
static gint64 last_paint;
static gboolean first_frame_seen;
/* While scrolling: the times of the frames painted. */
static GArray *recording;

static guint64
env_number (const char *name)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_printerr ("%s is not set to a number; the benchmark driver sets it\n", name);
      exit (2);
    }

  return value;
}

void
bench_frames_init (void)
{
  start_us = (gint64) env_number ("BENCH_START_US");
  n_rows = env_number ("BENCH_ROWS");
}

static gboolean
list_filled (GtkListView *list_view)
{
  GtkSelectionModel *model;

  if (list_view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (list_view)))
    return FALSE;

  model = gtk_list_view_get_model (list_view);
  if (model == NULL || g_list_model_get_n_items (G_LIST_MODEL (model)) != n_rows)
    return FALSE;

  /* A row laid out in this frame was painted in it. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0)
      return TRUE;

  return FALSE;
}

static gboolean
handshake_cb (gpointer user_data)
{
  Watch *watch = user_data;
  char answer[16] = "";

  /* The driver reads the memory of the process while it waits here. */
  if (fgets (answer, sizeof answer, stdin) != NULL && g_str_has_prefix (answer, "go"))
    watch->phases (watch->window, watch->get_list (watch->window), watch->user_data);

  g_print ("done\n");
  fflush (stdout);
  exit (0);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  GtkListView *list_view;

  last_paint = g_get_monotonic_time ();
  if (recording != NULL)
    g_array_append_val (recording, last_paint);

  if (first_frame_seen)
    return;

  list_view = watch->get_list (watch->window);
  if (!list_filled (list_view))
    return;

  first_frame_seen = TRUE;
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", last_paint - start_us);
  g_print ("list-width %d\n", gtk_widget_get_width (GTK_WIDGET (list_view)));
  fflush (stdout);
  g_idle_add (handshake_cb, watch);
}

static void
realize_cb (GtkWidget *window,
            Watch     *watch)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), watch);
}

void
bench_frames_watch (GtkWindow       *window,
                    GtkListView   *(*get_list) (GtkWindow *window),
                    BenchPhasesFunc  phases,
                    gpointer         user_data)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->window = window;
  watch->get_list = get_list;
  watch->phases = phases;
  watch->user_data = user_data;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window), watch);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), watch);
}

gint64
bench_frames_last_paint (void)
{
  return last_paint;
}

void
bench_frames_wait_paint_after (GtkWidget *widget,
                               gint64     time)
{
  /* Nothing may have changed on screen; a frame is painted all the same. */
  gtk_widget_queue_draw (widget);
  while (last_paint <= time)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  double step = *(double *) user_data;
  double value = gtk_adjustment_get_value (adjustment) + step;

  /* At the end of the list, back to its start: every frame moves. */
  if (value > gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
    value = 0;
  gtk_adjustment_set_value (adjustment, value);

  return G_SOURCE_CONTINUE;
}

void
bench_frames_scroll (GtkListView *list_view,
                     guint        n_frames,
                     double       step_px)
{
  guint tick;

  recording = g_array_new (FALSE, FALSE, sizeof (gint64));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (list_view), scroll_tick_cb, &step_px, NULL);
  while (recording->len < n_frames + 1)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (list_view), tick);

  g_print ("gaps-us");
  for (guint i = 1; i < recording->len; i++)
    g_print (" %" G_GINT64_FORMAT, g_array_index (recording, gint64, i) - g_array_index (recording, gint64, i - 1));
  g_print ("\n");
  fflush (stdout);

  g_clear_pointer (&recording, g_array_unref);
}
