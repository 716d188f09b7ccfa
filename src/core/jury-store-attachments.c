/* jury-store-attachments.c: the files that belong to submissions, kept in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-store-sql.h"

static gboolean
has_signature (GBytes     *bytes,
               const char *type)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return g_strcmp0 (jury_attachment_sniff_type (data, size), type) == 0;
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Opens HREF below the folder FOLDER_FD one name at a time, following no symbolic
 * link: a call's folder could hold a link to a file of the juror's that the call
 * must never copy into a database that is handed in. */
static int
open_below (int         folder_fd,
            const char *href)
{
  g_auto(GStrv) parts = g_strsplit (href, "/", -1);
  int fd = dup (folder_fd);

  for (guint i = 0; fd >= 0 && parts[i] != NULL; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      int next = openat (fd, parts[i],
                         O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? 0 : O_DIRECTORY));
      int errsv = errno;

      close (fd);
      fd = next;
      errno = errsv;
    }

  return fd;
}

/* The whole file, if it is a regular file of at most JURY_ATTACHMENT_MAX_SIZE bytes. */
static GBytes *
read_attachment (int          folder_fd,
                 const char  *href,
                 int         *errsv,
                 gboolean    *too_large)
{
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  *too_large = FALSE;
  if ((fd = open_below (folder_fd, href)) < 0)
    {
      *errsv = errno == ELOOP ? EPERM : errno;
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      *errsv = S_ISDIR (st.st_mode) ? EISDIR : EPERM;
      close (fd);
      return NULL;
    }
  if (st.st_size > JURY_ATTACHMENT_MAX_SIZE)
    {
      *too_large = TRUE;
      close (fd);
      return NULL;
    }

  data = g_malloc (MAX (st.st_size, 1));
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *errsv = n < 0 ? errno : EIO;
          close (fd);
          return NULL;
        }
      done += n;
    }
  close (fd);

  return g_bytes_new_take (g_steal_pointer (&data), done);
}

static gboolean
set_attachment_error (const char            *call_name,
                      const JurySubmission  *submission,
                      const JuryAttachment  *attachment,
                      const char            *problem,
                      GError               **error)
{
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_ATTACHMENT,
               /* Translators: the call file, an attachment, a submission, what is wrong */
               _("%s: the attachment “%s” of “%s” %s"),
               call_name, attachment->href, submission->id, problem);
  return FALSE;
}

/* Private API */

gboolean
jury_store_insert_attachments (JuryStore             *self,
                               const JurySubmission  *submission,
                               const char            *folder,
                               const char            *call_name,
                               GError               **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  int folder_fd;
  gboolean ok = TRUE;

  if (submission->attachments->len == 0)
    return TRUE;

  if (folder == NULL)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_ATTACHMENT,
                   _("%s: the call has attachments, but it is not in a folder on this computer"), call_name);
      return FALSE;
    }

  if (!(stmt = jury_store_stmt (self, STMT_ATTACHMENT_INSERT, error)))
    return FALSE;

  if ((folder_fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)) < 0)
    {
      int errsv = errno;

      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_ATTACHMENT,
                   /* Translators: the call file, the reason */
                   _("%s: the folder of the call cannot be read: %s"), call_name, g_strerror (errsv));
      return FALSE;
    }

  for (guint i = 0; ok && i < submission->attachments->len; i++)
    {
      const JuryAttachment *attachment = g_ptr_array_index (submission->attachments, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *digest = NULL;
      g_autofree char *reason = NULL;
      gboolean too_large;
      int errsv = 0;

      if (!(bytes = read_attachment (folder_fd, attachment->href, &errsv, &too_large)))
        {
          if (too_large)
            reason = g_strdup_printf (_("is larger than %d MiB"), (int) (JURY_ATTACHMENT_MAX_SIZE >> 20));
          else if (errsv == EPERM)
            reason = g_strdup (_("is not a plain file (a link or a device is not taken)"));
          else
            /* Translators: the reason, from the system */
            reason = g_strdup_printf (_("cannot be read: %s"), g_strerror (errsv));
          ok = set_attachment_error (call_name, submission, attachment, reason, error);
          break;
        }

      digest = sha256_of (bytes);
      if (!g_str_equal (digest, attachment->sha256))
        ok = set_attachment_error (call_name, submission, attachment,
                                   _("differs from the file the call names: its SHA-256 does not match"), error);
      else if (!has_signature (bytes, attachment->type))
        {
          /* Translators: a type such as application/pdf */
          reason = g_strdup_printf (_("is not what its type “%s” says"), attachment->type);
          ok = set_attachment_error (call_name, submission, attachment, reason, error);
        }
      else
        {
          jury_store_bind_text (stmt, 1, submission->id);
          jury_store_bind_text (stmt, 2, attachment->href);
          sqlite3_bind_int64 (stmt, 3, g_bytes_get_size (bytes));
          sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
          ok = jury_store_step_write (self, stmt, error);
          sqlite3_reset (stmt);
        }
    }

  close (folder_fd);
  return ok;
}

/* Each attachment the database holds must be one its submission names, and its
 * bytes the ones the call's digest covers through their SHA-256. */
gboolean
jury_store_check_attachments (JuryStore  *self,
                              GError    **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  g_autoptr(JurySubmission) submission = NULL;
  int rc;

  if (!(stmt = jury_store_prepare (self, "SELECT submission_id, href, size, data FROM attachments"
                                         " ORDER BY submission_id", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *submission_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *href = (const char *) sqlite3_column_text (stmt, 1);
      const JuryAttachment *attachment;

      if (submission_id == NULL || href == NULL)
        return jury_store_set_damaged_error (self, error);

      if (submission == NULL || !g_str_equal (submission->id, submission_id))
        {
          g_clear_pointer (&submission, jury_submission_free);
          if (!(submission = jury_store_get_submission (self, submission_id, error)))
            return FALSE;
        }

      attachment = jury_submission_find_attachment (submission, href);
      if (attachment == NULL)
        {
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED,
                       /* Translators: a file name, an attachment, a submission */
                       _("%s holds an attachment “%s” that “%s” does not name"), self->name, href, submission_id);
          return FALSE;
        }

      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
          g_autofree char *digest = sha256_of (bytes);

          if (sqlite3_column_int64 (stmt, 2) != (gint64) g_bytes_get_size (bytes) ||
              !g_str_equal (digest, attachment->sha256))
            {
              g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED,
                           _("%s: the attachment “%s” of “%s” was changed after the database was made"),
                           self->name, href, submission_id);
              return FALSE;
            }
        }
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

/* Public API */

GBytes *
jury_store_get_attachment (JuryStore   *self,
                           const char  *submission_id,
                           const char  *href,
                           GError     **error)
{
  g_autoptr(JurySubmission) submission = NULL;
  g_autoptr(JuryStoreStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *digest = NULL;
  const JuryAttachment *attachment;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(submission = jury_store_get_submission (self, submission_id, error)))
    return NULL;

  if (!(attachment = jury_submission_find_attachment (submission, href)))
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                   _("“%s” has no attachment “%s”"), submission_id, href);
      return NULL;
    }

  if (!(stmt = jury_store_stmt (self, STMT_ATTACHMENT_DATA, error)))
    return NULL;
  jury_store_bind_text (stmt, 1, submission_id);
  jury_store_bind_text (stmt, 2, href);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (rc == SQLITE_DONE || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                   /* Translators: a file name, an attachment */
                   _("%s does not carry the attachment “%s”: a handed-in copy leaves them out; "
                     "they are in the juror’s own database and beside the call file"),
                   self->name, href);
      return NULL;
    }

  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  digest = sha256_of (bytes);
  if (!g_str_equal (digest, attachment->sha256))
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED,
                   _("%s: the attachment “%s” of “%s” was changed after the database was made"),
                   self->name, href, submission_id);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}
