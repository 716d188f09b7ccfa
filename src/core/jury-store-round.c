/* jury-store-round.c: the tables of a round in a panel: invitations, the conflicts the
 * programme managers know of, the plan of who reads what, and hand-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-assign.h"
#include "jury-round.h"
#include "jury-store-sql.h"

/* The one number SQL gives with KEY (nullable) bound, or -1 with ERROR. */
static gint64
query_count (JuryStore   *store,
             const char  *sql,
             const char  *key,
             GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  if (key != NULL)
    jury_store_bind_text (stmt, 1, key);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      jury_store_set_sqlite_error (store, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* The ids SQL selects (with KEY bound, when given), in its order. */
static GPtrArray *
select_ids (JuryStore   *store,
            const char  *sql,
            const char  *key,
            GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    jury_store_bind_text (stmt, 1, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, jury_store_column_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static GHashTable *
index_of (GPtrArray *ids)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (index, g_ptr_array_index (ids, i), GUINT_TO_POINTER (i));

  return index;
}

static char *
dup_latest_hand_in (JuryStore   *panel,
                    const char  *juror_id,
                    char       **receipt,
                    GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (panel, "SELECT received, receipt FROM hand_ins"
                                                                  " WHERE juror_id = ?1 ORDER BY rowid DESC LIMIT 1",
                                                           error);
  int rc;

  *receipt = NULL;
  if (stmt == NULL)
    return NULL;

  jury_store_bind_text (stmt, 1, juror_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *receipt = jury_store_column_dup_text (stmt, 1);
      return jury_store_column_dup_text (stmt, 0);
    }
  if (rc != SQLITE_DONE)
    jury_store_set_sqlite_error (panel, rc, error);

  return NULL;
}

/* Private API */

void
jury_invitation_clear (JuryInvitation *invitation)
{
  g_clear_pointer (&invitation->juror_id, g_free);
  g_clear_pointer (&invitation->name, g_free);
  g_clear_pointer (&invitation->email, g_free);
  g_clear_pointer (&invitation->key, g_bytes_unref);
  g_clear_pointer (&invitation->created, g_free);
}

gboolean
jury_store_lookup_invitation (JuryStore       *panel,
                              const char      *juror_id,
                              JuryInvitation  *invitation,
                              GError         **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (panel, "SELECT name, email, key, created FROM invitations"
                                                                  " WHERE juror_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      invitation->name = jury_store_column_dup_text (stmt, 0);
      invitation->email = jury_store_column_dup_text (stmt, 1);
      invitation->key = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      invitation->created = jury_store_column_dup_text (stmt, 3);
      return invitation->name != NULL && invitation->created != NULL ? TRUE
                                                                     : jury_store_set_damaged_error (panel, error);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (panel, rc, error);

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
               _("the panel has invited no juror “%s”"), juror_id);
  return FALSE;
}

gboolean
jury_store_insert_invitation (JuryStore             *store,
                              const char            *juror_id,
                              const JuryInvitation  *invitation,
                              GError               **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (store, "INSERT INTO invitations"
                                                                  " (juror_id, name, email, key, created)"
                                                                  " VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, invitation->name);
  jury_store_bind_text (stmt, 3, invitation->email);
  sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (invitation->key, NULL), g_bytes_get_size (invitation->key),
                       SQLITE_TRANSIENT);
  jury_store_bind_text (stmt, 5, invitation->created);

  return jury_store_step_write (store, stmt, error);
}

gboolean
jury_store_insert_declared_conflict (JuryStore   *panel,
                                     const char  *juror_id,
                                     const char  *submission_id,
                                     GError     **error)
{
  g_auto(JuryInvitation) invitation = { 0 };
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;

  if (!jury_store_lookup_invitation (panel, juror_id, &invitation, error) ||
      !jury_store_lookup_submission (panel, submission_id, error) ||
      !(stmt = jury_store_prepare (panel, "INSERT OR IGNORE INTO declared_conflicts (juror_id, submission_id)"
                                          " VALUES (?1, ?2)", error)))
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, submission_id);
  return jury_store_step_write (panel, stmt, error);
}

gboolean
jury_store_store_plan (JuryStore             *panel,
                       const JuryAssignment  *assignment,
                       GPtrArray             *jurors,
                       GPtrArray             *submissions,
                       guint                  per_submission,
                       guint64                seed,
                       GError               **error)
{
  g_autoptr(JuryStoreOwnedStmt) insert = NULL;
  g_autofree char *k = g_strdup_printf ("%u", per_submission);
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);

  if (!jury_store_clear_plan (panel, error) ||
      !(insert = jury_store_prepare (panel, "INSERT INTO assignments (juror_id, submission_id, position)"
                                            " VALUES (?1, ?2, ?3)", error)))
    return FALSE;

  for (guint j = 0; j < jurors->len; j++)
    {
      GArray *order = assignment->submissions[j];

      for (guint p = 0; p < order->len; p++)
        {
          jury_store_bind_text (insert, 1, g_ptr_array_index (jurors, j));
          jury_store_bind_text (insert, 2, g_ptr_array_index (submissions, g_array_index (order, guint, p)));
          sqlite3_bind_int (insert, 3, p);
          if (!jury_store_step_write (panel, insert, error))
            return FALSE;
          sqlite3_reset (insert);
        }
    }

  return jury_store_set_meta (panel, "per_submission", k, error) &&
         jury_store_set_meta (panel, "seed", seed_text, error);
}

gboolean
jury_store_fill_invitation (JuryStore   *invitation,
                            JuryStore   *panel,
                            const char  *juror_id,
                            GError     **error)
{
  g_auto(JuryInvitation) record = { 0 };
  g_autoptr(GPtrArray) assigned = NULL;
  g_autoptr(JuryJuror) juror = NULL;
  g_autoptr(JuryStoreOwnedStmt) insert = NULL;

  if (!jury_store_lookup_invitation (panel, juror_id, &record, error) ||
      !(assigned = select_ids (panel, "SELECT submission_id FROM assignments WHERE juror_id = ?1"
                                      " ORDER BY position", juror_id, error)) ||
      !jury_store_insert_invitation (invitation, juror_id, &record, error) ||
      !(juror = jury_store_insert_juror_with_id (invitation, juror_id, record.name, TRUE, error)) ||
      !(insert = jury_store_prepare (invitation, "INSERT INTO assignments (juror_id, submission_id, position)"
                                                 " VALUES (?1, ?2, ?3)", error)))
    return FALSE;

  for (guint p = 0; p < assigned->len; p++)
    {
      jury_store_bind_text (insert, 1, juror_id);
      jury_store_bind_text (insert, 2, g_ptr_array_index (assigned, p));
      sqlite3_bind_int (insert, 3, p);
      if (!jury_store_step_write (invitation, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }

  return TRUE;
}

gboolean
jury_store_read_progress (JuryStore        *panel,
                          JuryJurorStatus  *status,
                          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  guint n_criteria = jury_store_get_call (panel)->criteria->len;
  g_autofree char *complete_sql = NULL;
  gint64 assigned, complete, conflicts;

  assigned = query_count (panel, "SELECT count(*) FROM assignments WHERE juror_id = ?1", status->id, error);
  complete_sql = g_strdup_printf ("SELECT count(*) FROM (SELECT submission_id FROM scores WHERE juror_id = ?1"
                                  "  GROUP BY submission_id HAVING count(*) = %u) s"
                                  " WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.juror_id = ?1"
                                  "  AND r.submission_id = s.submission_id AND r.conflict <> 0)"
                                  " AND (NOT EXISTS (SELECT 1 FROM assignments WHERE juror_id = ?1)"
                                  "  OR s.submission_id IN (SELECT submission_id FROM assignments WHERE juror_id = ?1))",
                                  n_criteria);
  if (assigned < 0 ||
      (complete = query_count (panel, complete_sql, status->id, error)) < 0 ||
      (conflicts = query_count (panel, "SELECT count(*) FROM reviews WHERE juror_id = ?1 AND conflict <> 0",
                                status->id, error)) < 0)
    return FALSE;

  status->assigned = assigned > 0 ? (guint) assigned : jury_store_get_call (panel)->n_submissions;
  status->complete = (guint) complete;
  status->conflicts = (guint) conflicts;
  status->handed_in = dup_latest_hand_in (panel, status->id, &status->receipt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
jury_store_has_round_tables (JuryStore *store)
{
  return store->format >= JURY_STORE_VERSION_INVITATIONS;
}

gboolean
jury_store_list_invited (JuryStore   *panel,
                         GPtrArray  **ids,
                         GPtrArray  **names,
                         GError     **error)
{
  g_autoptr(GPtrArray) id_list = NULL;
  g_autoptr(GPtrArray) name_list = NULL;

  if ((ids != NULL &&
       !(id_list = select_ids (panel, "SELECT juror_id FROM invitations ORDER BY name, juror_id", NULL, error))) ||
      (names != NULL &&
       !(name_list = select_ids (panel, "SELECT name FROM invitations ORDER BY name, juror_id", NULL, error))))
    return FALSE;

  if (ids != NULL)
    *ids = g_steal_pointer (&id_list);
  if (names != NULL)
    *names = g_steal_pointer (&name_list);
  return TRUE;
}

gboolean
jury_store_delete_declared_conflict (JuryStore   *panel,
                                     const char  *juror_id,
                                     const char  *submission_id,
                                     GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (panel, "DELETE FROM declared_conflicts"
                                                                  " WHERE juror_id = ?1 AND submission_id = ?2",
                                                           error);

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, submission_id);
  return jury_store_step_write (panel, stmt, error);
}

gboolean
jury_store_delete_invitation (JuryStore   *panel,
                              const char  *juror_id,
                              GError     **error)
{
  /* The plan without the juror would leave submissions short: it goes too. */
  static const char * const statements[] = {
    "DELETE FROM declared_conflicts WHERE juror_id = ?1",
    "DELETE FROM assignments WHERE ?1 IS NOT NULL",
    "DELETE FROM invitations WHERE juror_id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (panel, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      jury_store_bind_text (stmt, 1, juror_id);
      if (!jury_store_step_write (panel, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
jury_store_clear_plan (JuryStore  *panel,
                       GError    **error)
{
  return jury_store_exec (panel, "DELETE FROM assignments", error);
}

gint64
jury_store_count_hand_ins (JuryStore  *panel,
                           GError    **error)
{
  return query_count (panel, "SELECT count(*) FROM hand_ins", NULL, error);
}

/* The conflicts of the matrix CONFLICTED: [s * jurors->len + j] for the s-th submission
 * in file order and the j-th of JURORS. */
GPtrArray *
jury_store_read_declared_conflicts (JuryStore   *panel,
                                    GPtrArray   *jurors,
                                    gboolean   **conflicted,
                                    GError     **error)
{
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GHashTable) juror_index = NULL;
  g_autoptr(GHashTable) submission_index = NULL;
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  g_autofree gboolean *matrix = NULL;
  int rc;

  if (!(submissions = select_ids (panel, "SELECT id FROM submissions ORDER BY position", NULL, error)) ||
      !(stmt = jury_store_prepare (panel, "SELECT juror_id, submission_id FROM declared_conflicts", error)))
    return NULL;

  juror_index = index_of (jurors);
  submission_index = index_of (submissions);
  matrix = g_new0 (gboolean, (gsize) MAX (submissions->len, 1) * MAX (jurors->len, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer j, s;

      if (g_hash_table_lookup_extended (juror_index, sqlite3_column_text (stmt, 0), NULL, &j) &&
          g_hash_table_lookup_extended (submission_index, sqlite3_column_text (stmt, 1), NULL, &s))
        matrix[GPOINTER_TO_UINT (s) * jurors->len + GPOINTER_TO_UINT (j)] = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (panel, rc, error);
      return NULL;
    }

  *conflicted = g_steal_pointer (&matrix);
  return g_steal_pointer (&submissions);
}

gboolean
jury_store_list_invitations (JuryStore   *panel,
                             GPtrArray   *list,
                             GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  int rc;

  if (panel->format < JURY_STORE_VERSION_INVITATIONS)
    return TRUE;

  if (!(stmt = jury_store_prepare (panel, "SELECT juror_id, name, email FROM invitations", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JuryJurorStatus *status = g_new0 (JuryJurorStatus, 1);

      status->id = jury_store_column_dup_text (stmt, 0);
      status->name = jury_store_column_dup_text (stmt, 1);
      status->email = jury_store_column_dup_text (stmt, 2);
      status->invited = TRUE;
      g_ptr_array_add (list, status);
      if (status->id == NULL || status->name == NULL)
        return jury_store_set_damaged_error (panel, error);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (panel, rc, error);

  return TRUE;
}

gboolean
jury_store_get_chain_head (JuryStore   *store,
                           const char  *juror_id,
                           gint64      *seq,
                           char       **head,
                           GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (store, STMT_AUDIT_LAST, error);
  int rc;

  *seq = 0;
  *head = NULL;
  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *head = jury_store_column_dup_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (store, rc, error);

  return TRUE;
}

gboolean
jury_store_record_hand_in (JuryStore   *panel,
                           const char  *juror_id,
                           const char  *file,
                           guint        entries,
                           const char  *receipt,
                           GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (panel, "INSERT INTO hand_ins"
                                                                  " (juror_id, received, file, entries, receipt)"
                                                                  " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  g_autofree char *now = jury_store_dup_time_now ();

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, now);
  jury_store_bind_text (stmt, 3, file);
  sqlite3_bind_int64 (stmt, 4, entries);
  jury_store_bind_text (stmt, 5, receipt);

  return jury_store_step_write (panel, stmt, error);
}

GPtrArray *
jury_store_list_assigned (JuryStore   *store,
                          const char  *juror_id,
                          GError     **error)
{
  if (store->format < JURY_STORE_VERSION_INVITATIONS)
    return g_ptr_array_new_with_free_func (g_free);

  return select_ids (store, "SELECT submission_id FROM assignments WHERE juror_id = ?1 ORDER BY position",
                     juror_id, error);
}

/* Public API */

gboolean
jury_round_has_invitations (JuryStore *panel)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);

  if (panel->format < JURY_STORE_VERSION_INVITATIONS)
    return FALSE;

  if ((n = query_count (panel, "SELECT count(*) FROM invitations", NULL, &error)) < 0)
    g_warning ("%s", error->message);

  return n > 0;
}

GPtrArray *
jury_round_list_conflicts (JuryStore   *panel,
                           const char  *juror_id,
                           GError     **error)
{
  g_return_val_if_fail (JURY_IS_STORE (panel), NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (panel->format < JURY_STORE_VERSION_INVITATIONS)
    return g_ptr_array_new_with_free_func (g_free);

  return select_ids (panel, "SELECT c.submission_id FROM declared_conflicts c"
                            " JOIN submissions s ON s.id = c.submission_id"
                            " WHERE c.juror_id = ?1 ORDER BY s.position", juror_id, error);
}

GHashTable *
jury_round_count_readers (JuryStore  *store,
                          GError    **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (store->format < JURY_STORE_VERSION_INVITATIONS)
    return g_steal_pointer (&counts);

  if (!(stmt = jury_store_prepare (store, "SELECT submission_id, count(*) FROM assignments GROUP BY submission_id",
                                   error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, jury_store_column_dup_text (stmt, 0),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}
