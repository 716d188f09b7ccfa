/* bench-autosave.c: one autosaved score against a bare prepared statement on the same database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-autosave APP.jury FLOOR.jury REPETITIONS
 *
 * APP.jury and FLOOR.jury are two copies of the same juror's database. Each
 * repetition gives one new score: once through Jury Desk's autosave (the path a
 * click on a score takes, timed until the autosave reports it saved), once as a
 * bare prepared INSERT … ON CONFLICT DO UPDATE of the same row in the copy, with
 * the connection set up as Jury Desk sets up its own (WAL, synchronous=FULL,
 * foreign keys). The two alternate, which goes first alternating too. Prints
 * "app-us …" and "floor-us …", one time per repetition.
 */

#define G_LOG_DOMAIN "bench-autosave"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "jury-autosave.h"
#include "jury-store.h"

#define FLOOR_SQL "INSERT INTO scores (juror_id, submission_id, criterion_id, value) VALUES (?, ?, ?, ?) " \
                  "ON CONFLICT (juror_id, submission_id, criterion_id) DO UPDATE SET value = excluded.value"

typedef struct
{
  JuryAutosave *autosave;
  sqlite3      *db;
  sqlite3_stmt *stmt;
  const char   *juror_id;
} Bench;

G_NORETURN static void
fail (const char *what,
      const char *message)
{
  g_printerr ("%s: %s\n", what, message);
  exit (1);
}

static gint64
app_change (Bench      *bench,
            const char *submission_id,
            const char *criterion_id,
            int         value)
{
  g_autoptr(JuryChange) change = jury_change_new_score (bench->juror_id, submission_id, criterion_id, value);
  gint64 start = g_get_monotonic_time ();

  jury_autosave_push (bench->autosave, change);
  while (jury_autosave_get_n_pending (bench->autosave) > 0 &&
         jury_autosave_get_state (bench->autosave) != JURY_SAVE_STATE_FAILED)
    g_main_context_iteration (NULL, TRUE);

  if (jury_autosave_get_state (bench->autosave) != JURY_SAVE_STATE_SAVED)
    fail ("autosave", jury_autosave_get_error_message (bench->autosave));

  return g_get_monotonic_time () - start;
}

static gint64
floor_change (Bench      *bench,
              const char *submission_id,
              const char *criterion_id,
              int         value)
{
  gint64 start = g_get_monotonic_time ();

  sqlite3_bind_text (bench->stmt, 1, bench->juror_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (bench->stmt, 2, submission_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (bench->stmt, 3, criterion_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (bench->stmt, 4, value);
  if (sqlite3_step (bench->stmt) != SQLITE_DONE)
    fail ("floor", sqlite3_errmsg (bench->db));
  sqlite3_reset (bench->stmt);

  return g_get_monotonic_time () - start;
}

static void
open_floor (Bench      *bench,
            const char *path)
{
  char *message = NULL;

  if (sqlite3_open_v2 (path, &bench->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    fail (path, sqlite3_errmsg (bench->db));
  if (sqlite3_exec (bench->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                    "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF", NULL, NULL, &message) != SQLITE_OK)
    fail (path, message);
  if (sqlite3_prepare_v3 (bench->db, FLOOR_SQL, -1, SQLITE_PREPARE_PERSISTENT, &bench->stmt, NULL) != SQLITE_OK)
    fail (path, sqlite3_errmsg (bench->db));
}

static void
print_times (const char *label,
             GArray     *times)
{
  g_print ("%s", label);
  for (guint i = 0; i < times->len; i++)
    g_print (" %" G_GINT64_FORMAT, g_array_index (times, gint64, i));
  g_print ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(JuryAutosave) autosave = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  const JuryCall *call;
  Bench bench = { 0 };
  guint64 repetitions;
  const guint warm_up = 10;

  if (argc != 4 || !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000000, &repetitions, NULL))
    {
      g_printerr ("Usage: %s APP.jury FLOOR.jury REPETITIONS\n", argv[0]);
      return 2;
    }

  store = jury_store_open (argv[1], &error);
  if (store == NULL)
    fail (argv[1], error->message);
  bench.juror_id = jury_store_get_sole_juror_id (store);
  if (bench.juror_id == NULL)
    fail (argv[1], "not a juror's database");
  rows = jury_store_list_submissions (store, bench.juror_id, &error);
  if (rows == NULL)
    fail (argv[1], error->message);
  call = jury_store_get_call (store);
  autosave = jury_autosave_new (store);
  bench.autosave = autosave;
  open_floor (&bench, argv[2]);

  /* Every repetition scores another criterion of another submission: each is a
   * change, never a value written again. */
  for (guint i = 0; i < warm_up + repetitions; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, (i * 7919u) % rows->len);
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i % call->criteria->len);
      int value = call->scale_min + (int) (i % (guint) (call->scale_max - call->scale_min + 1));
      gint64 app, floor;

      if (i % 2 == 0)
        {
          app = app_change (&bench, row->id, criterion->id, value);
          floor = floor_change (&bench, row->id, criterion->id, value);
        }
      else
        {
          floor = floor_change (&bench, row->id, criterion->id, value);
          app = app_change (&bench, row->id, criterion->id, value);
        }

      if (i >= warm_up)
        {
          g_array_append_val (app_times, app);
          g_array_append_val (floor_times, floor);
        }
    }

  print_times ("app-us", app_times);
  print_times ("floor-us", floor_times);

  sqlite3_finalize (bench.stmt);
  sqlite3_close (bench.db);
  return 0;
}
