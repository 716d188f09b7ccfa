/* jury-open.c: from a file a person picked to an open jury database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-open"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>

#include "jury-call-loader.h"
#include "jury-open.h"

typedef struct
{
  GFile          *file;
  char           *data_dir;
  char           *juror_name;
  JuryOpenResult  result;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->file);
  g_free (data->data_dir);
  g_free (data->juror_name);
  g_free (data);
}

/* Reading the header is enough to know the call's id; the rest is read when the
 * database is created, or not at all when it exists already. */
static gboolean
stop_after_header_cb (const JuryCall  *call,
                      gpointer         user_data,
                      GError         **error)
{
  char **call_id = user_data;

  *call_id = g_strdup (call->id);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "header read");
  return FALSE;
}

static char *
peek_call_id (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *call_id = NULL;

  jury_call_loader_set_callbacks (loader, stop_after_header_cb, NULL, &call_id);
  call = jury_call_loader_load (loader, cancellable, &local_error);

  if (call_id != NULL)
    return g_steal_pointer (&call_id);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (call != NULL)
    return g_strdup (call->id);

  return NULL;
}

static char *
file_sha256 (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GInputStream) stream = NULL;
  guint8 buffer[64 * 1024];
  gssize n;

  stream = G_INPUT_STREAM (g_file_read (file, cancellable, error));
  if (stream == NULL)
    return NULL;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n);

  if (n < 0)
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

static JuryStore *
open_call (OpenData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *call_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(JuryStore) store = NULL;

  call_id = peek_call_id (data->file, cancellable, error);
  if (call_id == NULL)
    return NULL;

  path = jury_database_path_for_call (data->data_dir, call_id);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (data->data_dir, 0700) != 0)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       /* Translators: %s is a folder, the second %s the reason */
                       _("Could not create the folder %s: %s"),
                       data->data_dir, g_strerror (errsv));
          return NULL;
        }

      data->result = JURY_OPEN_RESULT_CREATED;
      return jury_store_create (path, data->file, data->juror_name, cancellable, error);
    }

  store = jury_store_open_deferring_check (path, error);
  if (store == NULL)
    return NULL;

  sha256 = file_sha256 (data->file, cancellable, NULL);
  if (sha256 != NULL && g_strcmp0 (sha256, jury_store_get_call (store)->sha256) != 0)
    data->result = JURY_OPEN_RESULT_CALL_CHANGED;
  else
    data->result = JURY_OPEN_RESULT_REOPENED;

  return g_steal_pointer (&store);
}

static void
open_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpenData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStore) store = NULL;
  JuryFileKind kind;

  kind = jury_file_sniff_kind (data->file, cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (kind == JURY_FILE_KIND_DATABASE)
    {
      g_autofree char *path = g_file_get_path (data->file);
      g_autofree char *name = g_file_get_basename (data->file);

      data->result = JURY_OPEN_RESULT_OPENED;
      if (path != NULL)
        store = jury_store_open_deferring_check (path, &error);
      else
        /* SQLite needs a file on this computer, not a location on a remote share. */
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     /* Translators: %s is a file name */
                     _("%s: jury databases can only be opened from a folder on this computer"),
                     name);
    }
  else
    {
      store = open_call (data, cancellable, &error);
    }

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (task) == jury_store_hand_in_async)
    ok = jury_store_hand_in (source_object, task_data, cancellable, &error);
  else
    ok = jury_store_backup (source_object, task_data, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

JuryFileKind
jury_file_sniff_kind (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  guint8 head[JURY_SQLITE_MAGIC_LENGTH] = { 0 };
  gsize n_read = 0;

  g_return_val_if_fail (G_IS_FILE (file), JURY_FILE_KIND_CALL);

  stream = G_INPUT_STREAM (g_file_read (file, cancellable, error));
  if (stream == NULL)
    return JURY_FILE_KIND_CALL;

  if (!g_input_stream_read_all (stream, head, sizeof head, &n_read, cancellable, error))
    return JURY_FILE_KIND_CALL;

  if (jury_bytes_look_like_sqlite (head, n_read))
    return JURY_FILE_KIND_DATABASE;

  return JURY_FILE_KIND_CALL;
}

char *
jury_database_path_for_call (const char *data_dir,
                             const char *call_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  /* The loader only accepts ids of letters, digits, '.', '_' and '-' that do not
   * start with '.', so the id is a safe file name. */
  name = g_strconcat (call_id, ".jury", NULL);
  return g_build_filename (data_dir, name, NULL);
}

gboolean
jury_open_would_create (GFile         *file,
                        const char    *data_dir,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data_dir != NULL, FALSE);

  if (jury_file_sniff_kind (file, cancellable, &local_error) != JURY_FILE_KIND_CALL ||
      local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  call_id = peek_call_id (file, cancellable, error);
  if (call_id == NULL)
    return FALSE;

  path = jury_database_path_for_call (data_dir, call_id);
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

void
jury_open_file_async (GFile               *file,
                      const char          *data_dir,
                      const char          *juror_name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (data_dir != NULL);

  data = g_new0 (OpenData, 1);
  data->file = g_object_ref (file);
  data->data_dir = g_strdup (data_dir);
  data->juror_name = g_strdup (juror_name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_open_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_file_thread);
}

JuryStore *
jury_open_file_finish (GAsyncResult    *result,
                       JuryOpenResult  *open_result,
                       GError         **error)
{
  OpenData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_open_file_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (open_result != NULL)
    *open_result = data->result;

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jury_store_backup_async (JuryStore           *store,
                         const char          *dest_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JURY_IS_STORE (store));
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_store_backup_async);
  g_task_set_task_data (task, g_strdup (dest_path), g_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
jury_store_backup_finish (JuryStore     *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_store_backup_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
jury_store_hand_in_async (JuryStore           *store,
                          const char          *dest_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JURY_IS_STORE (store));
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_store_hand_in_async);
  g_task_set_task_data (task, g_strdup (dest_path), g_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
jury_store_hand_in_finish (JuryStore     *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_store_hand_in_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
