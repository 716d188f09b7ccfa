/* bench-frames.h: what the window benchmarks measure, the same way in the app and in the bare list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once, on the main loop, after the first frame that showed the full list
 * and after the driver said "go"; returns when the measurements are done. */
typedef void (*BenchPhasesFunc) (GtkWindow   *window,
                                 GtkListView *list_view,
                                 gpointer     user_data);

/* Reads BENCH_START_US (the driver's CLOCK_MONOTONIC at the spawn, in µs) and
 * BENCH_ROWS (how many rows make the list full) from the environment; exits
 * with a message when they are missing. */
void     bench_frames_init           (void);

/* Watches WINDOW's frames from its first on. The first frame after which LIST_VIEW
 * is mapped, has a row on screen and its model holds BENCH_ROWS items is the first
 * frame with the list filled: its time since the spawn and the list's width go to
 * standard output ("first-frame-us", "list-width"); the driver then reads the
 * process's memory and answers "go" (PHASES run, then the process exits) or "quit".
 * LIST_VIEW is looked up by GET_LIST each frame, since the app builds it late. */
void     bench_frames_watch          (GtkWindow      *window,
                                      GtkListView *(*get_list) (GtkWindow *window),
                                      BenchPhasesFunc phases,
                                      gpointer        user_data);

/* The time of the last frame painted (g_get_monotonic_time), 0 before the first. */
gint64   bench_frames_last_paint     (void);
/* Iterates the main loop until a frame of WIDGET's window has been painted after TIME. */
void     bench_frames_wait_paint_after (GtkWidget     *widget,
                                        gint64         time);

/* Scrolls LIST_VIEW by STEP_PX in every frame for N_FRAMES frames, as a fast flick
 * of the wheel would, and prints the gaps between painted frames ("gaps-us …"). */
void     bench_frames_scroll         (GtkListView    *list_view,
                                      guint           n_frames,
                                      double          step_px);

G_END_DECLS
