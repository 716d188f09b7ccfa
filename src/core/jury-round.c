/* jury-round.c: a round with invitations: the jury, who reads what, who has handed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-round"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-assign.h"
#include "jury-file.h"
#include "jury-round.h"
#include "jury-store-private.h"
#include "jury-text.h"

#define KEY_LENGTH 32

/* Crockford's base 32: no I, L, O or U, so that a code read out on the phone
 * is not heard as another. */
static const char receipt_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static gboolean
check_panel (JuryStore  *panel,
             GError    **error)
{
  g_autofree char *name = NULL;

  if (jury_store_is_panel (panel))
    return TRUE;

  name = g_path_get_basename (jury_store_get_path (panel));
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_PANEL,
               _("%s is a juror’s database; a round is run from a panel database"), name);
  return FALSE;
}

/* Refuses to change the jury or the plan once invitations are out. */
static gboolean
check_not_sent (JuryStore  *panel,
                GError    **error)
{
  if (!jury_round_is_sent (panel))
    return TRUE;

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
               _("the invitations have been written: the jury and who reads what stay as they were sent"));
  return FALSE;
}

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

static GBytes *
new_key (GError **error)
{
  guint8 key[KEY_LENGTH];
  gsize done = 0;

  while (done < sizeof key)
    {
      gssize n = getrandom (key + done, sizeof key - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("No secret key could be made: %s"), g_strerror (errsv));
          return NULL;
        }
      done += n;
    }

  return g_bytes_new (key, sizeof key);
}

typedef struct
{
  char   *name;
  char   *email;
  GBytes *key;
  char   *created;
} Invitation;

static void
invitation_clear (Invitation *invitation)
{
  g_clear_pointer (&invitation->name, g_free);
  g_clear_pointer (&invitation->email, g_free);
  g_clear_pointer (&invitation->key, g_bytes_unref);
  g_clear_pointer (&invitation->created, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Invitation, invitation_clear)

static gboolean
lookup_invitation (JuryStore   *panel,
                   const char  *juror_id,
                   Invitation  *invitation,
                   GError     **error)
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

static gboolean
insert_invitation (JuryStore         *store,
                   const char        *juror_id,
                   const Invitation  *invitation,
                   GError           **error)
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

/* Inside the caller's transaction: NAME with a new id and a new key; the id. */
static char *
insert_new_juror (JuryStore   *panel,
                  const char  *name,
                  const char  *email,
                  GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_auto(Invitation) invitation = { 0 };
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *folded = NULL;

  if (!jury_store_check_text (name, JURY_TEXT_NAME, C_("checked text", "the juror’s name"), error) ||
      (email != NULL && *email != '\0' &&
       !jury_store_check_text (email, JURY_TEXT_NAME, _("the e-mail address"), error)) ||
      !(names = select_ids (panel, "SELECT name FROM invitations", NULL, error)))
    return NULL;

  /* Two jurors of one name could not be told apart in the results. */
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (names, i), -1);

      if (g_str_equal (folded, other))
        {
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                       /* Translators: a juror's name */
                       _("%s is on the jury already"), name);
          return NULL;
        }
    }

  if (!(invitation.key = new_key (error)))
    return NULL;

  invitation.name = g_strdup (name);
  invitation.email = email != NULL && *email != '\0' ? g_strdup (email) : NULL;
  invitation.created = jury_store_dup_time_now ();

  if (!insert_invitation (panel, id, &invitation, error))
    return NULL;

  return g_steal_pointer (&id);
}

/* Inside the caller's transaction. */
static gboolean
insert_conflict (JuryStore   *panel,
                 const char  *juror_id,
                 const char  *submission_id,
                 GError     **error)
{
  g_auto(Invitation) invitation = { 0 };
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;

  if (!lookup_invitation (panel, juror_id, &invitation, error) ||
      !jury_store_lookup_submission (panel, submission_id, error) ||
      !(stmt = jury_store_prepare (panel, "INSERT OR IGNORE INTO declared_conflicts (juror_id, submission_id)"
                                          " VALUES (?1, ?2)", error)))
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, submission_id);
  return jury_store_step_write (panel, stmt, error);
}

static gboolean
store_plan (JuryStore             *panel,
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

  if (!jury_store_exec (panel, "DELETE FROM assignments", error) ||
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

/* The juror's invitation, the juror, and the plan's submissions in the juror's
 * order, inside the new file's transaction. The invitation comes first: its key
 * makes the juror's chain from the first entry on, the juror's name. */
static gboolean
fill_invitation (JuryStore   *invitation,
                 JuryStore   *panel,
                 const char  *juror_id,
                 GError     **error)
{
  g_auto(Invitation) record = { 0 };
  g_autoptr(GPtrArray) assigned = NULL;
  g_autoptr(JuryJuror) juror = NULL;
  g_autoptr(JuryStoreOwnedStmt) insert = NULL;

  if (!lookup_invitation (panel, juror_id, &record, error) ||
      !(assigned = select_ids (panel, "SELECT submission_id FROM assignments WHERE juror_id = ?1"
                                      " ORDER BY position", juror_id, error)) ||
      !insert_invitation (invitation, juror_id, &record, error) ||
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

/* Fills in what the panel holds of STATUS->id's work. */
static gboolean
read_progress (JuryStore        *panel,
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

static int
compare_status (gconstpointer a,
                gconstpointer b)
{
  const JuryJurorStatus *status_a = *(JuryJurorStatus * const *) a;
  const JuryJurorStatus *status_b = *(JuryJurorStatus * const *) b;
  int by_name = g_utf8_collate (status_a->name, status_b->name);

  return by_name != 0 ? by_name : strcmp (status_a->id, status_b->id);
}

/* Inside the caller's transaction. */
static gboolean
make_plan (JuryStore   *panel,
           guint        per_submission,
           guint64      seed,
           char       **note,
           GError     **error)
{
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) juror_index = NULL;
  g_autoptr(GHashTable) submission_index = NULL;
  g_autoptr(JuryAssignment) assignment = NULL;
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  g_autofree gboolean *conflicted = NULL;
  JuryAssignRequest request = { 0 };
  gint64 n_hand_ins;
  int rc;

  if (!check_not_sent (panel, error) ||
      (n_hand_ins = query_count (panel, "SELECT count(*) FROM hand_ins", NULL, error)) < 0)
    return FALSE;

  if (n_hand_ins > 0)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                   _("the round has begun: jurors have handed in their work, and a new plan would change "
                     "what they were given to read"));
      return FALSE;
    }

  if (!(jurors = select_ids (panel, "SELECT juror_id FROM invitations ORDER BY name, juror_id", NULL, error)) ||
      !(names = select_ids (panel, "SELECT name FROM invitations ORDER BY name, juror_id", NULL, error)) ||
      !(submissions = select_ids (panel, "SELECT id FROM submissions ORDER BY position", NULL, error)) ||
      !(stmt = jury_store_prepare (panel, "SELECT juror_id, submission_id FROM declared_conflicts", error)))
    return FALSE;

  juror_index = index_of (jurors);
  submission_index = index_of (submissions);
  conflicted = g_new0 (gboolean, (gsize) MAX (submissions->len, 1) * MAX (jurors->len, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer j, s;

      if (g_hash_table_lookup_extended (juror_index, sqlite3_column_text (stmt, 0), NULL, &j) &&
          g_hash_table_lookup_extended (submission_index, sqlite3_column_text (stmt, 1), NULL, &s))
        conflicted[GPOINTER_TO_UINT (s) * jurors->len + GPOINTER_TO_UINT (j)] = TRUE;
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (panel, rc, error);

  g_ptr_array_add (names, NULL);
  g_ptr_array_add (submissions, NULL);
  request.n_jurors = jurors->len;
  request.n_submissions = submissions->len - 1;
  request.per_submission = per_submission;
  request.conflicts = conflicted;
  request.juror_names = (const char * const *) names->pdata;
  request.submission_ids = (const char * const *) submissions->pdata;
  request.seed = seed;

  if (!(assignment = jury_assign (&request, error)) ||
      !store_plan (panel, assignment, jurors, submissions, per_submission, seed, error))
    return FALSE;

  if (note != NULL)
    {
      g_autofree char *described = jury_assignment_describe (assignment);

      *note = assignment->note != NULL ? g_strconcat (described, " ", assignment->note, NULL)
                                       : g_steal_pointer (&described);
    }

  return TRUE;
}

/* Private API */

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

/* The header names a column may have, in English and German. */
static const char * const name_headers[] = {
  "name", "juror", "jurorin", "juror*in", "juror:in", "jurymitglied", NULL
};
static const char * const email_headers[] = {
  "email", "e-mail", "mail", "e-mail-adresse", "email address", "e-mail address", NULL
};

/* The column whose header, trimmed and case folded, is one of NAMES; -1. */
static int
find_column (GStrv               header,
             const char * const *names)
{
  for (int c = 0; header[c] != NULL; c++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (header[c]));
      g_autofree char *folded = g_utf8_strdown (trimmed, -1);

      if (g_strv_contains (names, folded))
        return c;
    }

  return -1;
}

/* The trimmed text of ROW's cell in COLUMN; "" for a cell the row does not reach. */
static char *
dup_cell (GStrv row,
          int   column)
{
  if (column < 0)
    return g_strdup ("");
  for (int c = 0; c <= column; c++)
    if (row[c] == NULL)
      return g_strdup ("");

  return g_strstrip (g_strdup (row[column]));
}

/* Public API */

void
jury_juror_entry_free (JuryJurorEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->email);
  g_free (entry);
}

GPtrArray *
jury_round_read_jurors (const JuryTable  *table,
                        const char       *file,
                        GError          **error)
{
  g_autoptr(GPtrArray) jurors = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int name_column, email_column;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name_column = table->rows->len > 0 ? find_column (g_ptr_array_index (table->rows, 0), name_headers) : -1;
  email_column = table->rows->len > 0 ? find_column (g_ptr_array_index (table->rows, 0), email_headers) : -1;
  if (name_column < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: a file name */
                   _("%s: the first row must name a column “name”"), file);
      return NULL;
    }

  for (guint r = 1; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);
      JuryJurorEntry *entry = g_new0 (JuryJurorEntry, 1);
      g_autofree char *folded = NULL;
      g_autofree char *problem = NULL;

      entry->name = dup_cell (row, name_column);
      entry->email = dup_cell (row, email_column);
      entry->row = g_array_index (table->row_numbers, guint, r);
      g_ptr_array_add (jurors, entry);

      if (*entry->name == '\0' && *entry->email == '\0')
        {
          g_ptr_array_remove_index (jurors, jurors->len - 1);
          continue;
        }
      if (*entry->name == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: a file, a row number */
                       _("%s: row %u: no name"), file, entry->row);
          return NULL;
        }
      if ((problem = jury_text_check (entry->name, JURY_TEXT_NAME, C_("checked text", "the juror’s name"))) ||
          (*entry->email != '\0' &&
           (problem = jury_text_check (entry->email, JURY_TEXT_NAME, _("the e-mail address")))))
        {
          /* Translators: a file, a row number, what is wrong */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: row %u: %s"), file, entry->row, problem);
          return NULL;
        }
      folded = g_utf8_casefold (entry->name, -1);
      if (!g_hash_table_add (seen, g_steal_pointer (&folded)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: a file, a row number, a juror's name */
                       _("%s: row %u: “%s” appears twice"), file, entry->row, entry->name);
          return NULL;
        }
      if (*entry->email == '\0')
        g_clear_pointer (&entry->email, g_free);
    }

  if (jurors->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: a file name */
                   _("%s names no juror"), file);
      return NULL;
    }

  return g_steal_pointer (&jurors);
}

GPtrArray *
jury_round_find_submissions (JuryStore   *panel,
                             const char  *what,
                             GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;

  g_return_val_if_fail (JURY_IS_STORE (panel), NULL);
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(rows = jury_store_list_submissions (panel, NULL, error)))
    return NULL;

  /* An id first, then a title, then a network: the first that names any. */
  folded = g_utf8_casefold (what, -1);
  for (guint pass = 0; pass < 3 && ids->len == 0; pass++)
    for (guint s = 0; s < rows->len; s++)
      {
        const JurySubmissionRow *row = g_ptr_array_index (rows, s);
        const char *field = pass == 0 ? row->id : pass == 1 ? row->title : row->network;
        g_autofree char *field_folded = field != NULL ? g_utf8_casefold (field, -1) : NULL;

        if (field_folded != NULL && g_str_equal (field_folded, folded))
          g_ptr_array_add (ids, g_strdup (row->id));
      }

  return g_steal_pointer (&ids);
}

void
jury_juror_status_free (JuryJurorStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->id);
  g_free (status->name);
  g_free (status->email);
  g_free (status->handed_in);
  g_free (status->receipt);
  g_free (status);
}

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

char *
jury_round_add_juror (JuryStore   *panel,
                      const char  *name,
                      const char  *email,
                      GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (JURY_IS_STORE (panel), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_panel (panel, error) ||
      !check_not_sent (panel, error) ||
      !jury_store_begin (panel, error))
    return NULL;

  /* A new juror needs a new plan. */
  if (!(id = insert_new_juror (panel, name, email, error)) ||
      !jury_store_exec (panel, "DELETE FROM assignments", error) ||
      !jury_store_commit (panel, error))
    {
      jury_store_rollback (panel);
      return NULL;
    }

  return g_steal_pointer (&id);
}

gboolean
jury_round_add_conflict (JuryStore   *panel,
                         const char  *juror_id,
                         const char  *submission_id,
                         GError     **error)
{
  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_panel (panel, error) ||
      !check_not_sent (panel, error) ||
      !jury_store_begin (panel, error))
    return FALSE;

  if (!insert_conflict (panel, juror_id, submission_id, error) ||
      !jury_store_exec (panel, "DELETE FROM assignments", error) ||
      !jury_store_commit (panel, error))
    {
      jury_store_rollback (panel);
      return FALSE;
    }

  return TRUE;
}

/* Runs SQL with JUROR_ID and SUBMISSION_ID (nullable) bound, in a transaction,
 * for a panel whose invitations are not out yet. */
static gboolean
change_draft (JuryStore          *panel,
              const char * const *statements,
              const char         *juror_id,
              const char         *submission_id,
              GError            **error)
{
  g_auto(Invitation) invitation = { 0 };

  if (!check_panel (panel, error) ||
      !check_not_sent (panel, error) ||
      !lookup_invitation (panel, juror_id, &invitation, error) ||
      !jury_store_begin (panel, error))
    return FALSE;

  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (panel, statements[i], error);

      if (stmt != NULL)
        {
          jury_store_bind_text (stmt, 1, juror_id);
          if (submission_id != NULL)
            jury_store_bind_text (stmt, 2, submission_id);
        }
      if (stmt == NULL || !jury_store_step_write (panel, stmt, error))
        {
          jury_store_rollback (panel);
          return FALSE;
        }
    }

  if (!jury_store_commit (panel, error))
    {
      jury_store_rollback (panel);
      return FALSE;
    }

  return TRUE;
}

gboolean
jury_round_remove_conflict (JuryStore   *panel,
                            const char  *juror_id,
                            const char  *submission_id,
                            GError     **error)
{
  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_draft (panel, (const char * const[]) {
                         "DELETE FROM declared_conflicts WHERE juror_id = ?1 AND submission_id = ?2",
                         "DELETE FROM assignments WHERE ?1 IS NOT NULL",
                         NULL },
                       juror_id, submission_id, error);
}

gboolean
jury_round_remove_juror (JuryStore   *panel,
                         const char  *juror_id,
                         GError     **error)
{
  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The plan without the juror would leave submissions short: it goes too. */
  return change_draft (panel, (const char * const[]) {
                         "DELETE FROM declared_conflicts WHERE juror_id = ?1",
                         "DELETE FROM assignments WHERE ?1 IS NOT NULL",
                         "DELETE FROM invitations WHERE juror_id = ?1",
                         NULL },
                       juror_id, NULL, error);
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

gboolean
jury_round_is_sent (JuryStore *panel)
{
  g_autofree char *sent = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);

  if (panel->format < JURY_STORE_VERSION_INVITATIONS)
    return FALSE;
  if (!jury_store_get_meta (panel, "invitations_sent", &sent, &error))
    g_warning ("%s", error->message);

  return sent != NULL;
}

gboolean
jury_round_get_plan (JuryStore *panel,
                     guint     *per_submission,
                     guint64   *seed)
{
  g_autofree char *k = NULL;
  g_autofree char *seed_text = NULL;
  guint64 k_value = 0, seed_value = 0;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);

  if (panel->format < JURY_STORE_VERSION_INVITATIONS ||
      !jury_store_get_meta (panel, "per_submission", &k, NULL) ||
      !jury_store_get_meta (panel, "seed", &seed_text, NULL) ||
      k == NULL || seed_text == NULL ||
      !g_ascii_string_to_unsigned (k, 10, 0, G_MAXUINT, &k_value, NULL) ||
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed_value, NULL))
    return FALSE;

  if (per_submission != NULL)
    *per_submission = (guint) k_value;
  if (seed != NULL)
    *seed = seed_value;
  return TRUE;
}

gboolean
jury_round_plan (JuryStore   *panel,
                 guint        per_submission,
                 guint64      seed,
                 char       **note,
                 GError     **error)
{
  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_panel (panel, error) ||
      !jury_store_begin (panel, error))
    return FALSE;

  if (!make_plan (panel, per_submission, seed, note, error) ||
      !jury_store_commit (panel, error))
    {
      jury_store_rollback (panel);
      return FALSE;
    }

  return TRUE;
}

gboolean
jury_round_invite (JuryStore          *panel,
                   const JuryInvitee  *jurors,
                   guint               n_jurors,
                   guint               per_submission,
                   guint64             seed,
                   GStrv              *ids,
                   char              **note,
                   GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ok = TRUE;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (jurors != NULL || n_jurors == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_panel (panel, error) ||
      !check_not_sent (panel, error) ||
      !jury_store_begin (panel, error))
    return FALSE;

  for (guint j = 0; ok && j < n_jurors; j++)
    {
      g_autofree char *id = NULL;

      ok = (id = insert_new_juror (panel, jurors[j].name, jurors[j].email, error)) != NULL;
      for (guint c = 0; ok && jurors[j].conflicts != NULL && jurors[j].conflicts[c] != NULL; c++)
        ok = insert_conflict (panel, id, jurors[j].conflicts[c], error);
      if (ok)
        g_strv_builder_add (builder, id);
    }

  if (!ok ||
      !make_plan (panel, per_submission, seed, note, error) ||
      !jury_store_commit (panel, error))
    {
      jury_store_rollback (panel);
      return FALSE;
    }

  if (ids != NULL)
    *ids = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
jury_round_write_invitation (JuryStore   *panel,
                             const char  *juror_id,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(JuryStore) invitation = NULL;
  gint64 n_assigned;
  GStatBuf st;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_panel (panel, error))
    return FALSE;

  /* Without a plan the juror would be given every submission. */
  if ((n_assigned = query_count (panel, "SELECT count(*) FROM assignments WHERE juror_id = ?1", juror_id,
                                 error)) < 0)
    return FALSE;
  if (n_assigned == 0)
    {
      g_auto(Invitation) record = { 0 };

      if (lookup_invitation (panel, juror_id, &record, error))
        g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                     _("the plan gives %s nothing to read; plan who reads what first"), record.name);
      return FALSE;
    }

  /* Never over a juror's file: it may hold work. */
  if (g_lstat (path, &st) == 0)
    return jury_file_set_exists_error (path, error);

  if (!(invitation = jury_store_create_copy (panel, path, JURY_COPY_INVITATION, error)))
    return FALSE;

  if (!jury_store_begin (invitation, error))
    {
      jury_store_discard_copy (invitation);
      return FALSE;
    }
  if (!fill_invitation (invitation, panel, juror_id, error) ||
      !jury_store_copy_assigned_attachments (invitation, panel, juror_id, error) ||
      !jury_store_commit (invitation, error))
    {
      jury_store_rollback (invitation);
      jury_store_discard_copy (invitation);
      return FALSE;
    }

  if (!jury_store_publish_copy (invitation, path, error))
    return FALSE;

  /* From now on a juror may hold the plan: it stays. */
  if (!jury_round_is_sent (panel))
    {
      g_autofree char *now = jury_store_dup_time_now ();

      if (!jury_store_begin (panel, error))
        return FALSE;
      if (!jury_store_set_meta (panel, "invitations_sent", now, error) ||
          !jury_store_commit (panel, error))
        {
          jury_store_rollback (panel);
          return FALSE;
        }
    }

  return TRUE;
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

char *
jury_round_invitation_name (const char *juror_name)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (juror_name != NULL, NULL);

  slug = jury_text_slug (juror_name, "juror", 64);
  return g_strconcat (slug, ".jury", NULL);
}

GStrv
jury_round_write_invitations (JuryStore   *panel,
                              const char  *dir,
                              GStrv       *names_out,
                              GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (JURY_IS_STORE (panel), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int errsv = errno;
      g_autofree char *folder = g_path_get_basename (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   /* Translators: a folder's name, then the system's reason */
                   _("Could not make the folder %s: %s"), folder, g_strerror (errsv));
      return NULL;
    }

  if (!check_panel (panel, error) ||
      !(ids = select_ids (panel, "SELECT juror_id FROM invitations ORDER BY name, juror_id", NULL, error)) ||
      !(names = select_ids (panel, "SELECT name FROM invitations ORDER BY name, juror_id", NULL, error)))
    return NULL;

  for (guint j = 0; j < ids->len; j++)
    {
      g_autofree char *file = jury_round_invitation_name (g_ptr_array_index (names, j));
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".jury"));
      g_autofree char *path = NULL;

      for (guint n = 2; !g_hash_table_add (taken, g_strdup (file)); n++)
        {
          g_free (file);
          file = g_strdup_printf ("%s-%u.jury", stem, n);
        }
      path = g_build_filename (dir, file, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_autofree char *folder = g_path_get_basename (dir);

          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                       /* Translators: a folder's name, a file's name */
                       _("the folder %s holds a file %s already; pick an empty folder"), folder, file);
          return NULL;
        }
      g_strv_builder_add (builder, path);
    }

  paths = g_strv_builder_end (builder);
  for (guint j = 0; paths[j] != NULL; j++)
    if (!jury_round_write_invitation (panel, g_ptr_array_index (ids, j), paths[j], error))
      return NULL;

  if (names_out != NULL)
    {
      g_ptr_array_add (names, NULL);
      *names_out = (GStrv) g_ptr_array_steal (names, NULL);
    }
  return g_steal_pointer (&paths);
}

GPtrArray *
jury_round_list_status (JuryStore  *panel,
                        GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_status_free);
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (panel), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (panel->format >= JURY_STORE_VERSION_INVITATIONS)
    {
      if (!(stmt = jury_store_prepare (panel, "SELECT juror_id, name, email FROM invitations", error)))
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JuryJurorStatus *status = g_new0 (JuryJurorStatus, 1);

          status->id = jury_store_column_dup_text (stmt, 0);
          status->name = jury_store_column_dup_text (stmt, 1);
          status->email = jury_store_column_dup_text (stmt, 2);
          status->invited = TRUE;
          g_ptr_array_add (list, status);
          if (status->id == NULL || status->name == NULL)
            {
              jury_store_set_damaged_error (panel, error);
              return NULL;
            }
          g_hash_table_add (seen, status->id);
        }
      if (rc != SQLITE_DONE)
        {
          jury_store_set_sqlite_error (panel, rc, error);
          return NULL;
        }
    }

  /* Jurors merged without an invitation. */
  if (!(jurors = jury_store_list_jurors_full (panel, error)))
    return NULL;
  for (guint i = 0; i < jurors->len; i++)
    {
      const JuryJuror *juror = g_ptr_array_index (jurors, i);
      JuryJurorStatus *status;

      if (g_hash_table_contains (seen, juror->id))
        continue;
      status = g_new0 (JuryJurorStatus, 1);
      status->id = g_strdup (juror->id);
      status->name = g_strdup (juror->name);
      g_ptr_array_add (list, status);
    }

  for (guint i = 0; i < list->len; i++)
    if (!read_progress (panel, g_ptr_array_index (list, i), error))
      return NULL;

  g_ptr_array_sort (list, compare_status);
  return g_steal_pointer (&list);
}

char *
jury_store_dup_receipt (JuryStore   *store,
                        const char  *juror_id,
                        GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(JuryStoreStmt) stmt = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *head = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;
  gint64 seq = 0;
  guint64 bits = 0;
  char code[10];
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_get_juror_key (store, juror_id, &key, error) ||
      !(stmt = jury_store_stmt (store, STMT_AUDIT_LAST, error)))
    return NULL;

  jury_store_bind_text (stmt, 1, juror_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0);
      head = jury_store_column_dup_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  /* Keyed like the chain, when the juror was invited. */
  if (key != NULL)
    hmac = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  else
    hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) "jury-desk", strlen ("jury-desk"));
  {
    g_autofree char *text = g_strdup_printf ("jury-desk-receipt-1|%s|%" G_GINT64_FORMAT "|%s",
                                             juror_id, seq, head != NULL ? head : "");

    g_hmac_update (hmac, (const guchar *) text, -1);
  }
  g_hmac_get_digest (hmac, digest, &length);

  /* 40 bits, in eight characters of five bits each. */
  for (guint i = 0; i < 5; i++)
    bits = bits << 8 | digest[i];
  for (guint i = 0, c = 0; i < 8; i++)
    {
      if (i == 4)
        code[c++] = '-';
      code[c++] = receipt_alphabet[(bits >> (35 - 5 * i)) & 0x1f];
    }
  code[9] = '\0';

  return g_strdup (code);
}
