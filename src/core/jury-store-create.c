/* jury-store-create.c: a new jury database from a call file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

/* sync_file_range() */
#define _GNU_SOURCE

#include "config.h"

#include <fcntl.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-call-loader.h"
#include "jury-file.h"
#include "jury-store-sql.h"
#include "jury-text.h"

/* One submission as it goes into the table: the loader's, taken over, so that
 * encoding it and freeing it happen where it is written. */
typedef struct
{
  gint64          position;
  JurySubmission *submission;
} Row;

/* The rows go into the database in a thread of their own, while the loader
 * parses what comes next: writing takes a quarter of the time of init. A few
 * batches go round between the two, so memory stays bounded. */
#define ROWS_PER_BATCH 64
#define N_BATCHES      4

/* The file is synced before it is published; asking the system to start
 * writing it out every so many rows leaves little for that sync to wait for. */
#define ROWS_PER_WRITEBACK 2048

typedef struct
{
  GThread     *thread;
  int          fd;        /* the new file, to start its writeback; or -1 */
  GAsyncQueue *full;      /* GPtrArray of Row; an empty one ends the thread */
  GAsyncQueue *empty;     /* GPtrArray of Row */
  GPtrArray   *current;
  gint         failed;    /* atomic; ERROR is set before it, and then left alone */
  GError      *error;
} Writer;

/* What the loader's callbacks fill, and where the call's attachments are. */
typedef struct
{
  JuryStore           *store;
  char                *folder;      /* nullable: the call is not a local file */
  char                *call_name;
  guint                version;
  guint                n_submissions;
  Writer               writer;
  /* From format 7 on: the submissions' part of the call's digest, as they go. */
  JuryHasher          *submissions;
  /* Before format 7: the insert with the search text beside the body. */
  JuryStoreOwnedStmt  *insert_before_flat;
} Build;

static void row_free (Row *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

static void
row_free (Row *row)
{
  g_clear_pointer (&row->submission, jury_submission_free);
  g_free (row);
}

static gboolean
insert_levels (JuryStore            *self,
               const JuryCriterion  *criterion,
               GError              **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_LEVEL_INSERT, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < criterion->levels->len; i++)
    {
      const JuryLevel *level = g_ptr_array_index (criterion->levels, i);

      jury_store_bind_text (stmt, 1, criterion->id);
      sqlite3_bind_int (stmt, 2, level->value);
      jury_store_bind_text (stmt, 3, level->label);
      if (!jury_store_step_write (self, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static gboolean
insert_criteria_cb (const JuryCall  *call,
                    gpointer         user_data,
                    GError         **error)
{
  JuryStore *self = ((Build *) user_data)->store;
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_CRITERION_INSERT, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      sqlite3_bind_int (stmt, 1, i);
      jury_store_bind_text (stmt, 2, criterion->id);
      jury_store_bind_text (stmt, 3, criterion->name);
      jury_store_bind_text (stmt, 4, criterion->description);
      sqlite3_bind_double (stmt, 5, criterion->weight);
      if (!jury_store_step_write (self, stmt, error) ||
          !insert_levels (self, criterion, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static JuryStoreStmt *
insert_statement (Build   *build,
                  GError **error)
{
  if (build->version >= JURY_STORE_VERSION_FLAT)
    return jury_store_stmt (build->store, STMT_SUBMISSION_INSERT, error);

  if (build->insert_before_flat == NULL)
    build->insert_before_flat = jury_store_prepare (build->store,
                                                    "INSERT INTO submissions (position, id, title, region, network,"
                                                    " body, search_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                                    error);
  return build->insert_before_flat;
}

static gboolean
insert_row (Build      *build,
            const Row  *row,
            GError    **error)
{
  JuryStore *self = build->store;
  const JurySubmission *submission = row->submission;
  JuryStoreStmt *stmt = insert_statement (build, error);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *search_text = NULL;
  const guint8 *data;
  gsize size;
  gboolean ok;

  if (stmt == NULL)
    return FALSE;

  body = jury_store_encode_submission (submission, build->version);
  data = g_bytes_get_data (body, &size);
  sqlite3_bind_int64 (stmt, 1, row->position);
  sqlite3_bind_text (stmt, 2, submission->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, submission->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, submission->region, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, submission->network, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 6, data, size, SQLITE_STATIC);
  if (build->version < JURY_STORE_VERSION_FLAT)
    {
      search_text = jury_submission_dup_search_text (submission);
      sqlite3_bind_text (stmt, 7, search_text, -1, SQLITE_STATIC);
    }

  ok = jury_store_step_write (self, stmt, error);
  /* Nothing of this row stays bound once it is gone. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;

  if (build->submissions != NULL)
    jury_store_submissions_digest_add (build->submissions, row->position, submission->id, submission->title,
                                       submission->region, submission->network, data, size);

  return submission->attachments->len == 0 ||
         jury_store_insert_attachments (self, submission, build->folder, build->call_name, error);
}

/* Only a hint: the sync before the file is published is what counts. */
static void
start_writeback (int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
  if (fd >= 0)
    sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

static gpointer
writer_thread (gpointer data)
{
  Build *build = data;
  Writer *writer = &build->writer;
  guint n_rows = 0;

  for (;;)
    {
      GPtrArray *batch = g_async_queue_pop (writer->full);
      gboolean last = batch->len == 0;

      for (guint i = 0; i < batch->len && writer->error == NULL; i++)
        if (!insert_row (build, g_ptr_array_index (batch, i), &writer->error))
          g_atomic_int_set (&writer->failed, TRUE);

      if (n_rows / ROWS_PER_WRITEBACK != (n_rows + batch->len) / ROWS_PER_WRITEBACK)
        start_writeback (writer->fd);
      n_rows += batch->len;

      g_ptr_array_set_size (batch, 0);
      g_async_queue_push (writer->empty, batch);
      if (last)
        return NULL;
    }
}

static void
writer_start (Build    *build,
              gboolean  threaded)
{
  Writer *writer = &build->writer;

  if (!threaded)
    return;

  writer->full = g_async_queue_new ();
  writer->empty = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 1; i < N_BATCHES; i++)
    g_async_queue_push (writer->empty, g_ptr_array_new_full (ROWS_PER_BATCH, (GDestroyNotify) row_free));
  writer->current = g_ptr_array_new_full (ROWS_PER_BATCH, (GDestroyNotify) row_free);
  writer->thread = g_thread_new ("jury-store-rows", writer_thread, build);
}

/* Hands the rows gathered so far to the thread; when END, also the end. */
static void
writer_flush (Writer   *writer,
              gboolean  end)
{
  if (writer->current->len > 0)
    {
      g_async_queue_push (writer->full, g_steal_pointer (&writer->current));
      writer->current = g_async_queue_pop (writer->empty);
    }

  if (end)
    {
      g_async_queue_push (writer->full, g_steal_pointer (&writer->current));
      g_thread_join (g_steal_pointer (&writer->thread));
      writer->current = g_async_queue_pop (writer->empty);
    }
}

/* Waits for every row to be written; FALSE with ERROR when one was not. */
static gboolean
writer_finish (Writer  *writer,
               GError **error)
{
  if (writer->full == NULL)
    return TRUE;

  if (writer->thread != NULL)
    writer_flush (writer, TRUE);

  if (writer->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&writer->error));
      return FALSE;
    }

  return TRUE;
}

static void
writer_clear (Writer *writer)
{
  if (writer->thread != NULL)
    writer_flush (writer, TRUE);

  g_clear_pointer (&writer->current, g_ptr_array_unref);
  g_clear_pointer (&writer->empty, g_async_queue_unref);
  g_clear_pointer (&writer->full, g_async_queue_unref);
  g_clear_error (&writer->error);
}

/* The loader frees its submission after the callback: what it holds moves to
 * a new one, and the loader is left an empty one to free. */
static JurySubmission *
take_submission (JurySubmission *submission)
{
  JurySubmission *taken = g_new (JurySubmission, 1);

  *taken = *submission;
  /* jury_submission_free() frees one with nothing in it too. */
  memset (submission, 0, sizeof *submission);

  return taken;
}

static gboolean
insert_submission_cb (const JuryCall  *call,
                      JurySubmission  *submission,
                      guint            line,
                      gpointer         user_data,
                      GError         **error)
{
  Build *build = user_data;
  Writer *writer = &build->writer;
  g_autoptr(Row) written_here = NULL;
  Row *row;

  /* A row that failed ends the load; its error is the thread's, left alone since. */
  if (g_atomic_int_get (&writer->failed))
    {
      g_propagate_error (error, g_error_copy (writer->error));
      return FALSE;
    }

  row = g_new0 (Row, 1);
  row->position = build->n_submissions++;
  row->submission = take_submission (submission);

  /* A small call is written as it is read: a thread would cost more. */
  if (writer->thread == NULL)
    {
      written_here = row;
      return insert_row (build, row, error);
    }

  g_ptr_array_add (writer->current, row);
  if (writer->current->len == ROWS_PER_BATCH)
    writer_flush (writer, FALSE);

  return TRUE;
}

static gboolean
insert_meta (JuryStore       *self,
             const JuryCall  *call,
             GError         **error)
{
  g_autofree char *awards = g_strdup_printf ("%u", call->awards);
  g_autofree char *scale_min = g_strdup_printf ("%d", call->scale_min);
  g_autofree char *scale_max = g_strdup_printf ("%d", call->scale_max);
  g_autofree char *created = jury_store_dup_time_now ();

  return jury_store_set_meta (self, "call_id", call->id, error) &&
         jury_store_set_meta (self, "lang", call->lang, error) &&
         jury_store_set_meta (self, "title", call->title, error) &&
         jury_store_set_meta (self, "theme", call->theme, error) &&
         jury_store_set_meta (self, "description", call->description, error) &&
         jury_store_set_meta (self, "awards", awards, error) &&
         jury_store_set_meta (self, "scale_min", scale_min, error) &&
         jury_store_set_meta (self, "scale_max", scale_max, error) &&
         jury_store_set_meta (self, "call_sha256", call->sha256, error) &&
         jury_store_set_meta (self, "created", created, error) &&
         jury_store_set_meta (self, "app_version", PACKAGE_VERSION, error);
}

#define LARGE_CALL_SIZE ((goffset) 4 * 1024 * 1024)

static goffset large_call_size = LARGE_CALL_SIZE;

/* Whether the call is large enough for its rows to be written and hashed in
 * threads of their own: starting them costs more than a small call saves. */
static gboolean
is_large (GFile *call_file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (call_file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info == NULL || g_file_info_get_size (info) >= large_call_size;
}

/* Fills the new file in one transaction, submission by submission as the loader
 * reads them, so memory stays flat however long the call is. A file of an older
 * VERSION is filled as that version did: without the seal and the name's entry. */
static gboolean
fill (JuryStore     *self,
      int            fd,
      GFile         *call_file,
      const char    *juror_name,
      gboolean       panel,
      guint          version,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (call_file);
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(JuryJuror) juror = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (call_file);
  g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;
  g_autofree char *call_name = g_file_get_basename (call_file);
  gboolean sealed = version >= JURY_STORE_VERSION_SEALED;
  gboolean flat = version >= JURY_STORE_VERSION_FLAT;
  gboolean threaded = is_large (call_file);
  g_autoptr(JuryHasher) submissions = flat ? jury_store_submissions_digest_new (threaded) : NULL;
  g_autofree char *submissions_hex = NULL;
  g_autoptr(JuryStoreOwnedStmt) insert_before_flat = NULL;
  Build build = { self, folder_path, call_name, version, 0, { 0 }, submissions, NULL };
  gboolean written;

  if (!jury_store_begin (self, error))
    return FALSE;

  build.writer.fd = fd;
  jury_call_loader_set_callbacks (loader, insert_criteria_cb, insert_submission_cb, &build);
  writer_start (&build, threaded);
  call = jury_call_loader_load (loader, cancellable, error);
  /* The loader's error comes first; a row's, when there is one, is that error. */
  written = writer_finish (&build.writer, call != NULL ? error : NULL);
  writer_clear (&build.writer);
  insert_before_flat = g_steal_pointer (&build.insert_before_flat);
  self->call->n_submissions = build.n_submissions;

  if (call == NULL || !written ||
      !insert_meta (self, call, error) ||
      (flat && !(submissions_hex = jury_hasher_finish (submissions))) ||
      (flat && !jury_store_seal_call_with (self, submissions_hex, error)) ||
      (sealed && !flat && !jury_store_seal_call (self, error)) ||
      (juror_name != NULL && !(juror = jury_store_insert_juror (self, juror_name, sealed, error))) ||
      (panel && !jury_store_mark_panel (self, error)) ||
      !jury_store_commit (self, error))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  g_debug ("%s: %u submissions from %s", self->path, self->call->n_submissions, call->id);
  return TRUE;
}

/* The file is thrown away on any failure and synced once at the end, so it needs
 * neither a log nor syncs on the way; it leaves in WAL mode like every jury database. */
static gboolean
build (JuryStore     *self,
       int            fd,
       GFile         *call_file,
       const char    *juror_name,
       gboolean       panel,
       guint          version,
       GCancellable  *cancellable,
       GError       **error)
{
  self->call = jury_call_new ();

  return jury_store_connect_new (self, error) &&
         jury_store_exec (self, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
                                "PRAGMA foreign_keys = ON", error) &&
         jury_store_migrate (self, 0, version, error) &&
         fill (self, fd, call_file, juror_name, panel, version, cancellable, error) &&
         jury_store_exec (self, "PRAGMA journal_mode = WAL", error);
}

static JuryStore *
create_at_version (const char    *path,
                   GFile         *call_file,
                   const char    *juror_name,
                   gboolean       panel,
                   guint          version,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(JuryStore) builder = NULL;
  g_autofree char *tmp_path = NULL;
  GStatBuf st;
  gboolean ok;
  int fd;

  if (g_lstat (path, &st) == 0)
    {
      jury_file_set_exists_error (path, error);
      return NULL;
    }

  if ((fd = jury_file_make_temp (path, &tmp_path, error)) < 0)
    return NULL;

  builder = jury_store_new_for_path (tmp_path);
  /* Messages name the file the user asked for, not the temporary one. */
  g_free (builder->name);
  builder->name = g_path_get_basename (path);

  ok = build (builder, fd, call_file, juror_name, panel, version, cancellable, error);
  jury_store_close (builder);

  if (!ok)
    {
      g_close (fd, NULL);
      jury_file_remove_temp (tmp_path);
      return NULL;
    }

  jury_file_clear_sidecars (path, FALSE);
  if (!jury_file_commit_temp (fd, tmp_path, path, FALSE, error))
    return NULL;

  return jury_store_open_made (path, version, error);
}

/* Private API */

void
jury_store_set_large_call_size (goffset size)
{
  large_call_size = size >= 0 ? size : LARGE_CALL_SIZE;
}

JuryStore *
jury_store_create_at_version (const char  *path,
                              GFile       *call_file,
                              const char  *juror_name,
                              guint        version,
                              GError     **error)
{
  g_return_val_if_fail (version >= 1 && version <= JURY_STORE_SCHEMA_VERSION, NULL);

  return create_at_version (path, call_file, juror_name, FALSE, version, NULL, error);
}

/* Public API */

JuryStore *
jury_store_create (const char    *path,
                   GFile         *call_file,
                   const char    *juror_name,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (call_file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (juror_name != NULL &&
      !jury_store_check_text (juror_name, JURY_TEXT_NAME, C_("checked text", "the juror’s name"), error))
    return NULL;

  return create_at_version (path, call_file, juror_name, FALSE, JURY_STORE_SCHEMA_VERSION, cancellable, error);
}

JuryStore *
jury_store_new_panel (const char    *path,
                      GFile         *call_file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (call_file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return create_at_version (path, call_file, NULL, TRUE, JURY_STORE_SCHEMA_VERSION, cancellable, error);
}
