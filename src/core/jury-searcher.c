/* jury-searcher.c: the search of a store's submissions, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "jury-searcher"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-call.h"
#include "jury-search.h"
#include "jury-searcher.h"
#include "jury-store-sql.h"

/* How many answers are kept, newest first. */
#define N_RECENT 32
/* Virtual machine steps between two looks at the cancellable. */
#define CANCEL_STEPS 1000

typedef struct
{
  char   *needle;  /* folded */
  GArray *hits;
} Answer;

struct _JurySearcher
{
  GObject       parent_instance;

  JuryStore    *store;
  guint         n_submissions;

  /* The connection, its statements and the answers, for one search at a time. */
  GMutex        lock;
  sqlite3      *db;            /* NULL until the first search */
  gboolean      own_db;
  sqlite3_stmt *scan;
  sqlite3_stmt *one;
  GQueue        recent;        /* Answer* */
  guint         n_scans;
};

G_DEFINE_FINAL_TYPE (JurySearcher, jury_searcher, G_TYPE_OBJECT)

static void
answer_free (Answer *answer)
{
  g_free (answer->needle);
  g_array_unref (answer->hits);
  g_free (answer);
}

static int
cancelled_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
set_error (JurySearcher  *self,
           int            rc,
           GCancellable  *cancellable,
           GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_IO,
               /* Translators: the first %s is a file name, the second what went wrong */
               _("%s: the search failed: %s"),
               jury_store_get_path (self->store), jury_store_describe_sqlite_error (self->db, rc));
  return FALSE;
}

/* body_contains (BODY, NEEDLE): whether the searchable text at the head of a
 * flat submission body (format 7 on), folded as a search folds it, holds NEEDLE.
 * Folds as the store's own search does, a part at a time until the first match,
 * into a string the function keeps (the connection is the worker's alone). */
static void
body_contains (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const guint8 *body = sqlite3_value_blob (argv[0]);
  gsize size = (gsize) sqlite3_value_bytes (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);
  GString *scratch = sqlite3_user_data (context);

  if (body == NULL || needle == NULL)
    {
      sqlite3_result_int (context, needle != NULL && *needle == '\0');
      return;
    }

  sqlite3_result_int (context,
                      jury_search_text_contains (scratch, (const char *) body,
                                                 jury_submission_body_text_length (body, size),
                                                 needle, strlen (needle)));
}

static void
free_scratch (gpointer scratch)
{
  g_string_free (scratch, TRUE);
}

/* A connection of our own, when it reads what the store reads: a store that reads
 * an older file through a private copy lends its own. */
static int
ensure_db (JurySearcher *self)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->db != NULL)
    return SQLITE_OK;

  rc = jury_store_open_reader (self->store, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_int64 (stmt, 0) == self->store->format)
    {
      self->db = db;
      self->own_db = TRUE;
    }
  else
    {
      g_debug ("%s: searching on the store's own connection", self->store->path);
      sqlite3_close (db);
      self->db = self->store->db;
    }
  sqlite3_finalize (stmt);

  if (self->store->format < JURY_STORE_VERSION_FLAT)
    {
      /* Before format 7 each submission has its folded text beside it. */
      rc = sqlite3_prepare_v2 (self->db, "SELECT position FROM submissions WHERE instr (search_text, ?1) > 0",
                               -1, &self->scan, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2 (self->db, "SELECT instr (search_text, ?1) > 0 FROM submissions WHERE position = ?2",
                                 -1, &self->one, NULL);
      return rc;
    }

  rc = sqlite3_create_function_v2 (self->db, "jury_body_contains", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                   g_string_sized_new (4096), body_contains, NULL, NULL, free_scratch);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "SELECT position FROM submissions WHERE jury_body_contains (body, ?1)",
                             -1, &self->scan, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "SELECT jury_body_contains (body, ?1) FROM submissions WHERE position = ?2",
                             -1, &self->one, NULL);
  return rc;
}

static int
scan_all (JurySearcher *self,
          const char   *needle,
          GArray       *hits)
{
  int rc;

  self->n_scans++;
  sqlite3_bind_text (self->scan, 1, needle, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (self->scan)) == SQLITE_ROW)
    {
      guint position = (guint) sqlite3_column_int64 (self->scan, 0);

      g_array_append_val (hits, position);
    }
  sqlite3_reset (self->scan);
  sqlite3_clear_bindings (self->scan);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
scan_within (JurySearcher *self,
             const char   *needle,
             GArray       *within,
             GCancellable *cancellable,
             GArray       *hits)
{
  int rc = SQLITE_OK;

  sqlite3_bind_text (self->one, 1, needle, -1, SQLITE_STATIC);
  for (guint i = 0; i < within->len && rc == SQLITE_OK; i++)
    {
      guint position = g_array_index (within, guint, i);

      if (g_cancellable_is_cancelled (cancellable))
        rc = SQLITE_INTERRUPT;
      else if ((rc = sqlite3_bind_int64 (self->one, 2, position)) == SQLITE_OK &&
               (rc = sqlite3_step (self->one)) == SQLITE_ROW)
        {
          if (sqlite3_column_int (self->one, 0))
            g_array_append_val (hits, position);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_reset (self->one);
    }
  sqlite3_clear_bindings (self->one);

  return rc;
}

/* The answer for NEEDLE itself, or the smallest one whose needle NEEDLE contains:
 * every hit of NEEDLE is among its hits. Called with the lock held. */
static Answer *
find_answer (JurySearcher *self,
             const char   *needle,
             gboolean     *exact)
{
  Answer *best = NULL;

  *exact = FALSE;
  for (GList *l = self->recent.head; l != NULL; l = l->next)
    {
      Answer *answer = l->data;

      if (g_str_equal (answer->needle, needle))
        {
          /* Used again: the newest. */
          g_queue_unlink (&self->recent, l);
          g_queue_push_head_link (&self->recent, l);
          *exact = TRUE;
          return answer;
        }
      if (strstr (needle, answer->needle) != NULL && (best == NULL || answer->hits->len < best->hits->len))
        best = answer;
    }

  return best;
}

static GArray *
search (JurySearcher  *self,
        const char    *needle,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GArray) hits = NULL;
  Answer *answer;
  gboolean exact;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((rc = ensure_db (self)) != SQLITE_OK)
    {
      set_error (self, rc, NULL, error);
      return NULL;
    }

  answer = find_answer (self, needle, &exact);
  if (exact)
    return g_array_ref (answer->hits);

  if (cancellable != NULL && self->own_db)
    sqlite3_progress_handler (self->db, CANCEL_STEPS, cancelled_cb, cancellable);

  hits = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Looking up rows one by one costs more than reading them all from a few on. */
  if (answer != NULL && answer->hits->len <= self->n_submissions / 4)
    rc = scan_within (self, needle, answer->hits, cancellable, hits);
  else
    rc = scan_all (self, needle, hits);

  if (self->own_db)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (self, rc, cancellable, error);
      return NULL;
    }

  answer = g_new0 (Answer, 1);
  answer->needle = g_strdup (needle);
  answer->hits = g_array_ref (hits);
  g_queue_push_head (&self->recent, answer);
  while (self->recent.length > N_RECENT)
    answer_free (g_queue_pop_tail (&self->recent));

  return g_steal_pointer (&hits);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *hits = search (source_object, task_data, cancellable, &error);

  if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_array_unref);
}

static void
jury_searcher_finalize (GObject *object)
{
  JurySearcher *self = (JurySearcher *)object;

  g_queue_clear_full (&self->recent, (GDestroyNotify) answer_free);
  sqlite3_finalize (self->scan);
  sqlite3_finalize (self->one);
  if (self->own_db)
    sqlite3_close (self->db);
  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (jury_searcher_parent_class)->finalize (object);
}

static void
jury_searcher_class_init (JurySearcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jury_searcher_finalize;
}

static void
jury_searcher_init (JurySearcher *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->recent);
}

/* Public API */

JurySearcher *
jury_searcher_new (JuryStore *store)
{
  JurySearcher *self;

  g_return_val_if_fail (JURY_IS_STORE (store), NULL);

  self = g_object_new (JURY_TYPE_SEARCHER, NULL);
  self->store = g_object_ref (store);
  self->n_submissions = jury_store_get_call (store)->n_submissions;

  return self;
}

void
jury_searcher_find_async (JurySearcher        *self,
                          const char          *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JURY_IS_SEARCHER (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_searcher_find_async);
  g_task_set_task_data (task, jury_search_normalize (query), g_free);
  g_task_run_in_thread (task, find_thread);
}

GArray *
jury_searcher_find_finish (JurySearcher  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (JURY_IS_SEARCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GArray *
jury_searcher_find (JurySearcher  *self,
                    const char    *query,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (JURY_IS_SEARCHER (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  needle = jury_search_normalize (query);
  return search (self, needle, cancellable, error);
}

guint
jury_searcher_get_n_scans (JurySearcher *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (JURY_IS_SEARCHER (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return self->n_scans;
}
