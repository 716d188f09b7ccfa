/* jury-store-check.c: the integrity check of an open database, left for later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PRAGMA quick_check reads the whole file: for a call of 100,000 submissions that
 * is most of the time it takes to open it. A window shows the list first and
 * checks in a worker, on a connection of its own; nothing is written before the
 * check has passed (jury_store_ensure_checked(), which every write asks).
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include "jury-store-sql.h"

/* How many virtual machine steps between two looks at the cancellable. */
#define CANCEL_STEPS 10000

static int
cancelled_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

int
jury_store_open_reader (JuryStore  *self,
                        sqlite3   **db)
{
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *uri = g_strdup_printf ("%s?mode=ro", file_uri);
  int rc;

  rc = jury_store_open_db (uri, SQLITE_OPEN_URI | SQLITE_OPEN_READONLY, db);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (*db, 5000);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (*db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);

  return rc;
}

/* PRAGMA quick_check on DB: SQLITE_OK and *SOUND, or an SQLite error. */
static int
quick_check (JuryStore    *self,
             sqlite3      *db,
             GCancellable *cancellable,
             gboolean     *sound)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *sound = TRUE;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, CANCEL_STEPS, cancelled_cb, cancellable);

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        {
          g_debug ("%s: PRAGMA quick_check: %s", self->path, text);
          *sound = FALSE;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (db, 0, NULL, NULL);

  /* A page too damaged to be read stops the check with an error of its own. */
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      g_debug ("%s: PRAGMA quick_check: %s", self->path, sqlite3_errstr (rc));
      *sound = FALSE;
      rc = SQLITE_DONE;
    }

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Called with check_lock held. */
static void
finish_check (JuryStore *self,
              int        rc,
              gboolean   sound)
{
  if (rc != SQLITE_OK)
    self->check_state = JURY_STORE_CHECK_DEFERRED;  /* cancelled: the next write checks */
  else
    self->check_state = sound ? JURY_STORE_CHECK_PASSED : JURY_STORE_CHECK_FAILED;
  g_cond_broadcast (&self->check_cond);
}

gboolean
jury_store_ensure_checked (JuryStore  *self,
                           GError    **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->check_lock);

  while (self->check_state == JURY_STORE_CHECK_RUNNING)
    g_cond_wait (&self->check_cond, &self->check_lock);

  if (self->check_state == JURY_STORE_CHECK_DEFERRED)
    {
      gboolean sound;
      int rc = quick_check (self, self->db, NULL, &sound);

      if (rc != SQLITE_OK)
        return jury_store_set_sqlite_error (self, rc, error);
      finish_check (self, rc, sound);
    }

  if (self->check_state == JURY_STORE_CHECK_FAILED)
    return jury_store_set_damaged_error (self, error);

  return TRUE;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  JuryStore *self = source_object;
  sqlite3 *db = NULL;
  gboolean sound = TRUE;
  int rc;

  g_mutex_lock (&self->check_lock);
  while (self->check_state == JURY_STORE_CHECK_RUNNING)
    g_cond_wait (&self->check_cond, &self->check_lock);
  if (self->check_state != JURY_STORE_CHECK_DEFERRED)
    {
      sound = self->check_state != JURY_STORE_CHECK_FAILED;
      g_mutex_unlock (&self->check_lock);
      goto out;
    }
  self->check_state = JURY_STORE_CHECK_RUNNING;
  g_mutex_unlock (&self->check_lock);

  rc = jury_store_open_reader (self, &db);
  if (rc == SQLITE_OK)
    rc = quick_check (self, db, cancellable, &sound);
  if (rc != SQLITE_OK)
    g_debug ("%s: no check in the background: %s", self->path,
             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);

  g_mutex_lock (&self->check_lock);
  finish_check (self, rc, sound);
  g_mutex_unlock (&self->check_lock);

  if (g_task_return_error_if_cancelled (task))
    return;

out:
  if (sound)
    {
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      GError *error = NULL;

      jury_store_set_damaged_error (self, &error);
      g_task_return_error (task, error);
    }
}

void
jury_store_check_async (JuryStore           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JURY_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_store_check_async);
  g_task_run_in_thread (task, check_thread);
}

gboolean
jury_store_check_finish (JuryStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
