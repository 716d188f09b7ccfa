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
#include "jury-store-copy.h"
#include "jury-store-round.h"
#include "jury-store-transaction.h"
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

/* Inside the caller's transaction: NAME with a new id and a new key; the id. */
static char *
insert_new_juror (JuryStore   *panel,
                  const char  *name,
                  const char  *email,
                  GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_auto(JuryInvitation) invitation = { 0 };
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *folded = NULL;

  if (!jury_store_check_text (name, JURY_TEXT_NAME, C_("checked text", "the juror’s name"), error) ||
      (email != NULL && *email != '\0' &&
       !jury_store_check_text (email, JURY_TEXT_NAME, _("the e-mail address"), error)) ||
      !jury_store_list_invited (panel, NULL, &names, error))
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

  if (!jury_store_insert_invitation (panel, id, &invitation, error))
    return NULL;

  return g_steal_pointer (&id);
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
  g_autoptr(JuryAssignment) assignment = NULL;
  g_autofree gboolean *conflicted = NULL;
  JuryAssignRequest request = { 0 };
  gint64 n_hand_ins;

  if (!check_not_sent (panel, error) ||
      (n_hand_ins = jury_store_count_hand_ins (panel, error)) < 0)
    return FALSE;

  if (n_hand_ins > 0)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                   _("the round has begun: jurors have handed in their work, and a new plan would change "
                     "what they were given to read"));
      return FALSE;
    }

  if (!jury_store_list_invited (panel, &jurors, &names, error) ||
      !(submissions = jury_store_read_declared_conflicts (panel, jurors, &conflicted, error)))
    return FALSE;

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
      !jury_store_store_plan (panel, assignment, jurors, submissions, per_submission, seed, error))
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
      !jury_store_clear_plan (panel, error) ||
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

  if (!jury_store_insert_declared_conflict (panel, juror_id, submission_id, error) ||
      !jury_store_clear_plan (panel, error) ||
      !jury_store_commit (panel, error))
    {
      jury_store_rollback (panel);
      return FALSE;
    }

  return TRUE;
}

/* The first step of a change to a panel whose invitations are not out yet, in a
 * transaction of its own, which end_draft_change() ends. */
static gboolean
begin_draft_change (JuryStore   *panel,
                    const char  *juror_id,
                    GError     **error)
{
  g_auto(JuryInvitation) invitation = { 0 };

  return check_panel (panel, error) &&
         check_not_sent (panel, error) &&
         jury_store_lookup_invitation (panel, juror_id, &invitation, error) &&
         jury_store_begin (panel, error);
}

/* Commits when the change went well (OK), else rolls it back. */
static gboolean
end_draft_change (JuryStore  *panel,
                  gboolean    ok,
                  GError    **error)
{
  if (!ok || !jury_store_commit (panel, error))
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

  if (!begin_draft_change (panel, juror_id, error))
    return FALSE;

  return end_draft_change (panel,
                           jury_store_delete_declared_conflict (panel, juror_id, submission_id, error) &&
                           jury_store_clear_plan (panel, error),
                           error);
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
  if (!begin_draft_change (panel, juror_id, error))
    return FALSE;

  return end_draft_change (panel, jury_store_delete_invitation (panel, juror_id, error), error);
}

gboolean
jury_round_is_sent (JuryStore *panel)
{
  g_autofree char *sent = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);

  if (!jury_store_has_round_tables (panel))
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

  if (!jury_store_has_round_tables (panel) ||
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
        ok = jury_store_insert_declared_conflict (panel, id, jurors[j].conflicts[c], error);
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
  guint n_assigned;
  GStatBuf st;

  g_return_val_if_fail (JURY_IS_STORE (panel), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_panel (panel, error))
    return FALSE;

  /* Without a plan the juror would be given every submission. */
  if (!jury_store_count_assigned (panel, juror_id, &n_assigned, error))
    return FALSE;
  if (n_assigned == 0)
    {
      g_auto(JuryInvitation) record = { 0 };

      if (jury_store_lookup_invitation (panel, juror_id, &record, error))
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
  if (!jury_store_fill_invitation (invitation, panel, juror_id, error) ||
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
      !jury_store_list_invited (panel, &ids, &names, error))
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

  g_return_val_if_fail (JURY_IS_STORE (panel), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_list_invitations (panel, list, error))
    return NULL;
  for (guint i = 0; i < list->len; i++)
    g_hash_table_add (seen, ((JuryJurorStatus *) g_ptr_array_index (list, i))->id);

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
    if (!jury_store_read_progress (panel, g_ptr_array_index (list, i), error))
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
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *head = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;
  gint64 seq = 0;
  guint64 bits = 0;
  char code[10];

  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_get_juror_key (store, juror_id, &key, error) ||
      !jury_store_get_chain_head (store, juror_id, &seq, &head, error))
    return NULL;

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
