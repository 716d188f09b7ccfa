/* jury-store-files.c: whole copies of a database: backup, save as, hand-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

/* F_OFD_SETLK */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-file.h"
#include "jury-store-sql.h"

static gboolean
copy_to_file (JuryStore     *self,
              sqlite3       *dest,
              const char    *dest_path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *dest_name = NULL;
  int rc = jury_store_copy_pages (self, dest, cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (rc != SQLITE_OK)
    {
      g_debug ("%s: backup to %s failed: %s", self->path, dest_path, sqlite3_errmsg (dest));
      dest_name = g_path_get_basename (dest_path);
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_WRITE,
                   /* Translators: the first %s is a file name, the second the reason */
                   _("Could not save to %s: %s"), dest_name, jury_store_describe_sqlite_error (dest, rc));
      return FALSE;
    }

  return TRUE;
}

/* Whether DEST_PATH is the file the store has open: by the identity it had when
 * opened, which holds even after the file was moved or another put in its place. */
static gboolean
is_open_file (JuryStore  *self,
              const char *dest_path)
{
  GStatBuf st;

  if (!self->has_identity)
    return jury_same_file (self->path, dest_path);

  return g_stat (dest_path, &st) == 0 && st.st_dev == self->dev && st.st_ino == self->ino;
}

/* Private API */

int
jury_store_copy_pages (JuryStore    *self,
                       sqlite3      *dest,
                       GCancellable *cancellable)
{
  sqlite3_backup *backup;
  int rc;

  if (!(backup = sqlite3_backup_init (dest, "main", self->db, "main")))
    return sqlite3_errcode (dest);

  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      rc = sqlite3_backup_step (backup, 1024);
      /* Another connection holds a lock: give it time rather than spin. */
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  return sqlite3_backup_finish (backup);
}

int
jury_store_backup_to_temp (JuryStore     *self,
                           const char    *dest_path,
                           char         **tmp_path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *dest = NULL;
  gboolean ok;
  int fd, rc;

  if ((fd = jury_file_make_temp (dest_path, &tmp, error)) < 0)
    return -1;

  rc = jury_store_open_db (tmp, SQLITE_OPEN_READWRITE, &dest);
  if (rc != SQLITE_OK)
    ok = jury_file_set_write_error (dest_path, EIO, error);
  else
    ok = copy_to_file (self, dest, dest_path, cancellable, error);
  sqlite3_close (dest);

  if (!ok)
    {
      g_close (fd, NULL);
      jury_file_remove_temp (tmp);
      return -1;
    }

  *tmp_path = g_steal_pointer (&tmp);
  return fd;
}

/* Public API */

gboolean
jury_store_backup (JuryStore     *self,
                   const char    *dest_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_open_file (self, dest_path))
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                   _("%s cannot be copied onto itself"), self->name);
      return FALSE;
    }

  if ((fd = jury_store_backup_to_temp (self, dest_path, &tmp_path, cancellable, error)) < 0)
    return FALSE;

  jury_file_clear_sidecars (dest_path, TRUE);
  return jury_file_commit_temp (fd, tmp_path, dest_path, TRUE, error);
}

/* A hand-in leaves the attachments out: the panel has the call and its files,
 * and the copy stays small enough to mail. */
static gboolean
strip_attachments (const char  *tmp_path,
                   const char  *dest_path,
                   GError     **error)
{
  sqlite3 *db = NULL;
  int rc = jury_store_open_db (tmp_path, SQLITE_OPEN_READWRITE, &db);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "UPDATE attachments SET data = NULL WHERE data IS NOT NULL; VACUUM", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *dest_name = g_path_get_basename (dest_path);

      g_debug ("%s: leaving out the attachments failed: %s", tmp_path, db != NULL ? sqlite3_errmsg (db) : "");
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_WRITE,
                   /* Translators: the first %s is a file name, the second the reason */
                   _("Could not save to %s: %s"), dest_name, jury_store_describe_sqlite_error (db, rc));
    }
  sqlite3_close (db);

  return rc == SQLITE_OK;
}

gboolean
jury_store_hand_in (JuryStore     *self,
                    const char    *dest_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_open_file (self, dest_path))
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                   _("%s cannot be copied onto itself"), self->name);
      return FALSE;
    }

  if ((fd = jury_store_backup_to_temp (self, dest_path, &tmp_path, cancellable, error)) < 0)
    return FALSE;

  if (!strip_attachments (tmp_path, dest_path, error))
    {
      g_close (fd, NULL);
      jury_file_remove_temp (tmp_path);
      return FALSE;
    }

  jury_file_clear_sidecars (dest_path, TRUE);
  return jury_file_commit_temp (fd, tmp_path, dest_path, TRUE, error);
}

