/* jury-ui-test-util.c: waiting for a window's state and finding its widgets, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
