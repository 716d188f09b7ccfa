/* jury-store-merge.c: the store's side of a merge: a new panel file, jurors copied whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include <glib/gstdio.h>

#include "jury-store-private.h"

/* Everything that belongs to one juror, parents first. */
typedef struct
{
  const char *table;
  const char *columns;
  const char *juror_column;
} JurorTable;

static const JurorTable juror_tables[] = {
  { "jurors", "id, name, created", "id" },
  { "scores", "juror_id, submission_id, criterion_id, value", "juror_id" },
  { "comments", "juror_id, submission_id, criterion_id, text", "juror_id" },
  { "reviews", "juror_id, submission_id, conflict, done", "juror_id" },
  { "audit", "juror_id, seq, submission_id, criterion_id, field, old, new, time, prev_hash, hash", "juror_id" },
};

static char *
placeholders (guint n)
{
  GString *text = g_string_new ("?");

  for (guint i = 1; i < n; i++)
    g_string_append (text, ", ?");

  return g_string_free (text, FALSE);
}

/* The rows are copied value by value, so that the audit chain stays byte for byte
 * what its hashes cover. */
static gboolean
copy_rows (JuryStore         *self,
           JuryStore         *source,
           const JurorTable  *table,
           const char        *juror_id,
           GError           **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1",
                                                 table->columns, table->table, table->juror_column);
  g_autoptr(JuryStoreOwnedStmt) select = NULL;
  g_autoptr(JuryStoreOwnedStmt) insert = NULL;
  g_autofree char *values = NULL;
  g_autofree char *insert_sql = NULL;
  int n_columns, rc;

  if (!(select = jury_store_prepare (source, select_sql, error)))
    return FALSE;

  n_columns = sqlite3_column_count (select);
  values = placeholders (n_columns);
  insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table->table, table->columns, values);
  if (!(insert = jury_store_prepare (self, insert_sql, error)))
    return FALSE;

  jury_store_bind_text (select, 1, juror_id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
      if (!jury_store_step_write (self, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (source, rc, error);

  return TRUE;
}

/* The call stays, with its digest; the jurors, their work and any decisions go. */
static gboolean
clear_work (JuryStore  *self,
            GError    **error)
{
  if (!jury_store_begin (self, error))
    return FALSE;

  if (!jury_store_exec (self, "DELETE FROM audit; DELETE FROM reviews; DELETE FROM comments;"
                              "DELETE FROM scores; DELETE FROM decisions; DELETE FROM jurors", error) ||
      !jury_store_mark_panel (self, error))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  return jury_store_commit (self, error);
}

/* Private API */

JuryStore *
jury_store_create_panel (JuryStore   *source,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(JuryStore) panel = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

  /* From the open store, so that an older file's updated private copy is what is copied. */
  if ((fd = jury_store_backup_to_temp (source, path, &tmp_path, NULL, error)) < 0)
    return NULL;
  /* Synced once more when the panel is put in place. */
  g_close (fd, NULL);

  if (!(panel = jury_store_open_full (tmp_path, JURY_STORE_SCHEMA_VERSION, FALSE, error)))
    {
      jury_store_remove_temp (tmp_path);
      return NULL;
    }

  /* Messages name the file the user asked for, not the temporary one. */
  g_free (panel->name);
  panel->name = g_path_get_basename (path);

  if (!clear_work (panel, error))
    {
      jury_store_discard_panel (panel);
      return NULL;
    }

  return g_steal_pointer (&panel);
}

gboolean
jury_store_publish_panel (JuryStore   *self,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *tmp_path = g_strdup (self->path);
  int fd;

  /* Closing folds the write-ahead log into the file; only then is it complete. */
  jury_store_close (self);

  if ((fd = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      int errsv = errno;

      jury_store_remove_temp (tmp_path);
      return jury_store_set_write_errno (path, errsv, error);
    }

  return jury_store_commit_temp (fd, tmp_path, path, FALSE, error);
}

void
jury_store_discard_panel (JuryStore *self)
{
  jury_store_close (self);
  jury_store_remove_temp (self->path);
}

GPtrArray *
jury_store_read_chain (JuryStore   *self,
                       const char  *juror_id,
                       GPtrArray  **submission_ids,
                       GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_AUDIT_CHAIN, error);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  jury_store_bind_text (stmt, 1, juror_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, jury_store_column_dup_text (stmt, 1));
      g_ptr_array_add (hashes, jury_store_column_dup_text (stmt, 8));
    }
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  *submission_ids = g_steal_pointer (&ids);
  return g_steal_pointer (&hashes);
}

gboolean
jury_store_has_juror (JuryStore   *self,
                      const char  *juror_id,
                      gboolean    *present,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *present = jury_store_lookup_juror (self, juror_id, NULL, &local_error);
  if (*present || g_error_matches (local_error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
jury_store_copy_juror (JuryStore   *self,
                       JuryStore   *source,
                       const char  *juror_id,
                       GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (juror_tables); i++)
    if (!copy_rows (self, source, &juror_tables[i], juror_id, error))
      return FALSE;

  return TRUE;
}

gboolean
jury_store_delete_juror (JuryStore   *self,
                         const char  *juror_id,
                         GError     **error)
{
  for (guint i = G_N_ELEMENTS (juror_tables); i > 0; i--)
    {
      const JurorTable *table = &juror_tables[i - 1];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", table->table, table->juror_column);
      g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      jury_store_bind_text (stmt, 1, juror_id);
      if (!jury_store_step_write (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}
