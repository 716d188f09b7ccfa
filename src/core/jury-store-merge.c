/* jury-store-merge.c: the store's side of a merge: a new panel file, jurors copied whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-file.h"
#include "jury-store-sql.h"
#include "jury-text.h"

/* Rows copied from one database to another: the table, its columns, and the
 * column that picks the rows (all rows when NULL), or a condition with ?1 that
 * does. */
typedef struct
{
  const char *table;
  const char *columns;
  const char *key_column;
  const char *condition;
} CopiedTable;

/* Everything that belongs to one juror, parents first. */
static const CopiedTable juror_tables[] = {
  { "jurors", "id, name, created", "id" },
  { "scores", "juror_id, submission_id, criterion_id, value", "juror_id" },
  { "comments", "juror_id, submission_id, criterion_id, text", "juror_id" },
  { "reviews", "juror_id, submission_id, conflict, done", "juror_id" },
  { "audit", "juror_id, seq, submission_id, criterion_id, field, old, new, time, prev_hash, hash", "juror_id" },
};

/* The call, parents first; its description in meta goes by key. */
static const CopiedTable call_tables[] = {
  { "criteria", "position, id, name, description, weight", NULL },
  { "criterion_levels", "criterion_id, value, label", NULL },
  { "submissions", "position, id, title, region, network, body", NULL },
};

/* The files of the submissions a juror reads, from a panel Jury Desk made itself
 * from the call file: never from a hand-in. */
static const CopiedTable assigned_attachment_table = {
  "attachments", "submission_id, href, size, data", NULL,
  "submission_id IN (SELECT submission_id FROM assignments WHERE juror_id = ?1)"
};

/* The same rows from SOURCE's file attached to SELF, in one statement that SQLite
 * runs without a call back for each row. */
static gboolean
copy_attached_rows (JuryStore          *self,
                    const CopiedTable  *table,
                    const char         *key,
                    GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM hand_in.%s WHERE %s = ?1",
                                          table->table, table->columns, table->columns, table->table,
                                          table->key_column);
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, key);
  return jury_store_step_write (self, stmt, error);
}

/* The rows a statement of another connection steps through, read as a table:
 * "SELECT c0, c1, … FROM jury_rows (?1)" with ?1 bound to a RowSource. So a
 * copy is one INSERT … SELECT in the connection written to, which SQLite runs
 * as it would from an attached file, without a statement (and the constraints'
 * set-up) for each row. Nothing but values crosses from one file to the other,
 * each as the source reads it: the audit chain stays byte for byte what its
 * hashes cover. */
typedef struct
{
  sqlite3_stmt *stmt;
  int           rc;      /* the last result of stepping it */
} RowSource;

typedef struct
{
  sqlite3_vtab_cursor  base;
  RowSource           *source;
  sqlite3_int64        rowid;
} RowsCursor;

#define ROWS_POINTER_TYPE "jury-rows"
/* At least the columns of the widest table copied. */
#define ROWS_COLUMNS 10
#define ROWS_SOURCE_COLUMN ROWS_COLUMNS

static int
rows_connect (sqlite3             *db,
              void                *aux,
              int                  argc,
              const char * const  *argv,
              sqlite3_vtab       **vtab,
              char               **err)
{
  int rc = sqlite3_declare_vtab (db, "CREATE TABLE x (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, source HIDDEN)");

  G_STATIC_ASSERT (ROWS_COLUMNS == 10);

  if (rc != SQLITE_OK)
    return rc;
  /* Only for the store's own statements, never for a schema's. */
  sqlite3_vtab_config (db, SQLITE_VTAB_DIRECTONLY);

  *vtab = sqlite3_malloc (sizeof **vtab);
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof **vtab);

  return SQLITE_OK;
}

static int
rows_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* The source must be given; the rows come in its order. */
static int
rows_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *constraint = &info->aConstraint[i];

      if (constraint->iColumn != ROWS_SOURCE_COLUMN || constraint->op != SQLITE_INDEX_CONSTRAINT_EQ)
        continue;
      if (!constraint->usable)
        return SQLITE_CONSTRAINT;

      info->aConstraintUsage[i].argvIndex = 1;
      info->aConstraintUsage[i].omit = 1;
      info->estimatedCost = 1;
      info->idxNum = 1;
      return SQLITE_OK;
    }

  return SQLITE_CONSTRAINT;
}

static int
rows_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **cursor)
{
  RowsCursor *rows = sqlite3_malloc (sizeof *rows);

  if (rows == NULL)
    return SQLITE_NOMEM;
  memset (rows, 0, sizeof *rows);
  *cursor = &rows->base;

  return SQLITE_OK;
}

static int
rows_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
rows_next (sqlite3_vtab_cursor *cursor)
{
  RowsCursor *rows = (RowsCursor *) cursor;

  if (rows->source == NULL)
    return SQLITE_OK;

  rows->rowid++;
  rows->source->rc = sqlite3_step (rows->source->stmt);
  if (rows->source->rc == SQLITE_ROW || rows->source->rc == SQLITE_DONE)
    return SQLITE_OK;

  /* The caller reports the source's own error. */
  return SQLITE_ERROR;
}

static int
rows_filter (sqlite3_vtab_cursor  *cursor,
             int                   idx_num,
             const char           *idx_str,
             int                   argc,
             sqlite3_value       **argv)
{
  RowsCursor *rows = (RowsCursor *) cursor;

  rows->source = argc == 1 ? sqlite3_value_pointer (argv[0], ROWS_POINTER_TYPE) : NULL;
  rows->rowid = 0;

  return rows_next (cursor);
}

static int
rows_eof (sqlite3_vtab_cursor *cursor)
{
  RowsCursor *rows = (RowsCursor *) cursor;

  return rows->source == NULL || rows->source->rc != SQLITE_ROW;
}

static int
rows_column (sqlite3_vtab_cursor *cursor,
             sqlite3_context     *context,
             int                  column)
{
  sqlite3_stmt *stmt = ((RowsCursor *) cursor)->source->stmt;

  if (column >= sqlite3_column_count (stmt))
    return SQLITE_OK;

  /* Text and blobs are not copied: the row is written before the source moves
   * on to the next, and only then are they gone. Read as the column's own type,
   * so nothing is converted. */
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_TEXT:
      sqlite3_result_text (context, (const char *) sqlite3_column_text (stmt, column),
                           sqlite3_column_bytes (stmt, column), SQLITE_STATIC);
      break;
    case SQLITE_BLOB:
      sqlite3_result_blob (context, sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column),
                           SQLITE_STATIC);
      break;
    default:
      /* Numbers and NULL: an unprotected value, only passed on. */
      sqlite3_result_value (context, sqlite3_column_value (stmt, column));
      break;
    }

  return SQLITE_OK;
}

static int
rows_rowid (sqlite3_vtab_cursor *cursor,
            sqlite3_int64       *rowid)
{
  *rowid = ((RowsCursor *) cursor)->rowid;
  return SQLITE_OK;
}

/* Eponymous only (no xCreate): it exists in every connection it is registered
 * with, and no schema can make one. */
static const sqlite3_module rows_module = {
  .iVersion = 0,
  .xConnect = rows_connect,
  .xBestIndex = rows_best_index,
  .xDisconnect = rows_disconnect,
  .xOpen = rows_open,
  .xClose = rows_close,
  .xFilter = rows_filter,
  .xNext = rows_next,
  .xEof = rows_eof,
  .xColumn = rows_column,
  .xRowid = rows_rowid,
};

/* "c0, c1, …" for N columns. */
static char *
rows_columns (guint n)
{
  GString *text = g_string_new ("c0");

  for (guint i = 1; i < n; i++)
    g_string_append_printf (text, ", c%u", i);

  return g_string_free (text, FALSE);
}

/* The rows are copied value by value into the same columns, in one statement. */
static gboolean
copy_rows (JuryStore          *self,
           JuryStore          *source,
           const CopiedTable  *table,
           const char         *key,
           GError            **error)
{
  g_autofree char *select_sql = NULL;
  g_autoptr(JuryStoreOwnedStmt) select = NULL;
  g_autoptr(JuryStoreOwnedStmt) insert = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *insert_sql = NULL;
  g_autoptr(GError) local_error = NULL;
  RowSource rows = { NULL, SQLITE_OK };
  int n_columns;

  if (table->condition != NULL)
    select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s", table->columns, table->table, table->condition);
  else if (table->key_column != NULL)
    select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1",
                                  table->columns, table->table, table->key_column);
  else
    select_sql = g_strdup_printf ("SELECT %s FROM %s", table->columns, table->table);
  if (!(select = jury_store_prepare (source, select_sql, error)))
    return FALSE;

  n_columns = sqlite3_column_count (select);
  g_assert (n_columns <= ROWS_COLUMNS);
  columns = rows_columns (n_columns);
  insert_sql = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM jury_rows (?1)",
                                table->table, table->columns, columns);
  if (!(insert = jury_store_prepare (self, insert_sql, error)))
    return FALSE;

  if (key != NULL)
    jury_store_bind_text (select, 1, key);
  rows.stmt = select;
  sqlite3_bind_pointer (insert, 1, &rows, ROWS_POINTER_TYPE, NULL);

  if (jury_store_step_write (self, insert, &local_error))
    return TRUE;

  /* A row the source could not read is the source's error. */
  if (rows.rc != SQLITE_OK && rows.rc != SQLITE_ROW && rows.rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (source, rows.rc, error);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The call as data: its description and digest in meta, the rubric, the
 * submissions. */
static gboolean
copy_call (JuryStore  *self,
           JuryStore  *source,
           GError    **error)
{
  g_autofree char *digest = NULL;

  for (guint i = 0; jury_store_call_meta_keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!jury_store_get_meta (source, jury_store_call_meta_keys[i], &value, error) ||
          (value != NULL && !jury_store_set_meta (self, jury_store_call_meta_keys[i], value, error)))
        return FALSE;
    }

  if (!jury_store_get_call_digest (source, &digest, error) ||
      !jury_store_set_meta (self, "call_digest", digest, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (call_tables); i++)
    if (!copy_rows (self, source, &call_tables[i], NULL, error))
      return FALSE;

  return TRUE;
}

/* Nothing of SOURCE but its call's values enters the new file: the schema is the
 * one the steps make. The file is thrown away on any failure and synced when it
 * is put in place, so it needs no log while it is made. */
static gboolean
build_copy (JuryStore      *self,
            JuryStore      *source,
            JuryCopyKind    kind,
            GError        **error)
{
  g_autofree char *created = jury_store_dup_time_now ();

  self->call = jury_call_new ();
  if (!jury_store_connect_new (self, error) ||
      !jury_store_exec (self, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
                              "PRAGMA foreign_keys = ON", error) ||
      !jury_store_migrate (self, 0, JURY_STORE_SCHEMA_VERSION, error) ||
      !jury_store_begin (self, error))
    return FALSE;

  if (!copy_call (self, source, error) ||
      !jury_store_set_meta (self, "created", created, error) ||
      !jury_store_set_meta (self, "app_version", PACKAGE_VERSION, error) ||
      (kind == JURY_COPY_PANEL && !jury_store_mark_panel (self, error)) ||
      !jury_store_commit (self, error))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  return jury_store_load (self, error) &&
         jury_store_check_call_digest (self, error);
}

/* Private API */

int
jury_store_register_rows (sqlite3 *db)
{
  return sqlite3_create_module_v2 (db, "jury_rows", &rows_module, NULL, NULL);
}

JuryStore *
jury_store_create_copy (JuryStore     *source,
                        const char    *path,
                        JuryCopyKind   kind,
                        GError       **error)
{
  g_autoptr(JuryStore) panel = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

  if ((fd = jury_file_make_temp (path, &tmp_path, error)) < 0)
    return NULL;

  panel = jury_store_new_for_path (tmp_path);
  panel->temp_fd = fd;
  /* Messages name the file the user asked for, not the temporary one. */
  g_free (panel->name);
  panel->name = g_path_get_basename (path);

  if (!build_copy (panel, source, kind, error))
    {
      jury_store_discard_copy (panel);
      return NULL;
    }

  return g_steal_pointer (&panel);
}

gboolean
jury_store_count_scores (JuryStore   *self,
                         const char  *juror_id,
                         guint       *n_scores,
                         GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, "SELECT count(*) FROM scores WHERE juror_id = ?1",
                                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return jury_store_set_sqlite_error (self, rc, error);

  *n_scores = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Each table's rows by the juror's key, so that none needs a set of its own
 * to drop the repeated ids: the caller's does. */
static const char * const worked_on_sql[] = {
  "SELECT DISTINCT submission_id FROM scores WHERE juror_id = ?1",
  "SELECT DISTINCT submission_id FROM comments WHERE juror_id = ?1",
  "SELECT submission_id FROM reviews WHERE juror_id = ?1",
  "SELECT submission_id FROM audit WHERE juror_id = ?1 AND submission_id IS NOT NULL",
};

GHashTable *
jury_store_list_worked_on (JuryStore   *input,
                           const char  *juror_id,
                           GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (worked_on_sql); i++)
    {
      g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (input, worked_on_sql[i], error);
      int rc;

      if (stmt == NULL)
        return NULL;

      jury_store_bind_text (stmt, 1, juror_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 0);

          if (id != NULL && !g_hash_table_contains (ids, id))
            g_hash_table_add (ids, g_strdup (id));
        }
      if (rc != SQLITE_DONE)
        {
          jury_store_set_sqlite_error (input, rc, error);
          return NULL;
        }
    }

  return g_steal_pointer (&ids);
}

gboolean
jury_store_copy_assigned_attachments (JuryStore   *self,
                                      JuryStore   *source,
                                      const char  *juror_id,
                                      GError     **error)
{
  return copy_rows (self, source, &assigned_attachment_table, juror_id, error);
}

gboolean
jury_store_publish_copy (JuryStore   *self,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *tmp_path = g_strdup (self->path);
  int fd;

  /* Like every jury database, the panel leaves in WAL mode; closing folds the log
   * into the file, and only then is it complete. */
  if (!jury_store_exec (self, "PRAGMA journal_mode = WAL", error))
    {
      jury_store_discard_copy (self);
      return FALSE;
    }

  fd = self->temp_fd;
  self->temp_fd = -1;
  jury_store_close (self);

  jury_file_clear_sidecars (path, FALSE);
  return jury_file_commit_temp (fd, tmp_path, path, FALSE, error);
}

void
jury_store_discard_copy (JuryStore *self)
{
  jury_store_close (self);
  if (self->temp_fd >= 0)
    g_close (self->temp_fd, NULL);
  self->temp_fd = -1;
  jury_file_remove_temp (self->path);
}

static gboolean
set_hand_in_error (JuryStore   *self,
                   GError     **error,
                   const char  *format,
                   ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_hand_in_error (JuryStore   *self,
                   GError     **error,
                   const char  *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_HAND_IN, "%s: %s", self->name, message);
  return FALSE;
}

/* The one number SQL answers, or -1 with ERROR. */
static gint64
count_rows (JuryStore   *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* TEXT as KIND, told of WHAT. A NULL where the schema says NOT NULL is damage
 * that SQLite leaves to integrity_check, which comes later. */
static gboolean
check_text (JuryStore     *self,
            const char    *text,
            JuryTextKind   kind,
            const char    *what,
            GError       **error)
{
  g_autofree char *problem = NULL;

  if (text == NULL)
    return jury_store_set_damaged_error (self, error);

  if ((problem = jury_text_check (text, kind, what)) == NULL)
    return TRUE;

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT, "%s: %s", self->name, problem);
  return FALSE;
}

static gboolean
is_known_criterion (JuryStore  *self,
                    const char *criterion_id,
                    gboolean    overall_allowed)
{
  if (criterion_id == NULL)
    return FALSE;
  if (*criterion_id == '\0')
    return overall_allowed;

  return jury_call_find_criterion (self->call, criterion_id, NULL) != NULL;
}

static gboolean
is_score_value (JuryStore  *self,
                const char *value)
{
  gint64 number;

  return value == NULL ||
         g_ascii_string_to_signed (value, 10, self->call->scale_min, self->call->scale_max, &number, NULL);
}

static gboolean
is_flag_value (const char *value)
{
  return g_strcmp0 (value, "0") == 0 || g_strcmp0 (value, "1") == 0;
}

/* The digits at P..P+N as a number, or -1. */
static int
read_digits (const char *p,
             guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

/* The form jury_store_dup_time_now() writes, "2025-03-01T09:30:00.123456Z", a
 * valid time in it: every entry of a trail has one, and reading it as any ISO
 * 8601 time would cost more than all the rest of the checks. */
static gboolean
is_stored_time (const char *value)
{
  int year, month, day;

  if (strlen (value) != 27 || value[4] != '-' || value[7] != '-' || value[10] != 'T' || value[13] != ':' ||
      value[16] != ':' || value[19] != '.' || value[26] != 'Z' || read_digits (value + 20, 6) < 0)
    return FALSE;

  year = read_digits (value, 4);
  month = read_digits (value + 5, 2);
  day = read_digits (value + 8, 2);

  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= g_date_get_days_in_month (month, year) &&
         read_digits (value + 11, 2) >= 0 && read_digits (value + 11, 2) <= 23 &&
         read_digits (value + 14, 2) >= 0 && read_digits (value + 14, 2) <= 59 &&
         read_digits (value + 17, 2) >= 0 && read_digits (value + 17, 2) <= 59;
}

static gboolean
is_time_value (const char *value)
{
  g_autoptr(GDateTime) time = NULL;

  if (value == NULL || strlen (value) > 64)
    return FALSE;
  if (is_stored_time (value))
    return TRUE;
  time = g_date_time_new_from_iso8601 (value, NULL);

  return time != NULL;
}

/* Each row SQL selects goes through CHECK, which may refuse it. */
typedef gboolean (*RowCheck) (JuryStore      *self,
                              JuryStoreStmt  *row,
                              GError        **error);

static gboolean
check_rows (JuryStore   *self,
            const char  *sql,
            RowCheck     check,
            GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!check (self, stmt, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

#define ROW_TEXT(row, column) ((const char *) sqlite3_column_text ((row), (column)))

/* SELECT name FROM jurors */
static gboolean
check_juror_row (JuryStore      *self,
                 JuryStoreStmt  *row,
                 GError        **error)
{
  return check_text (self, ROW_TEXT (row, 0), JURY_TEXT_NAME, C_("checked text", "the juror’s name"), error);
}

/* SELECT submission_id, criterion_id, text FROM comments */
static gboolean
check_comment_row (JuryStore      *self,
                   JuryStoreStmt  *row,
                   GError        **error)
{
  const char *submission_id = ROW_TEXT (row, 0);
  const char *criterion_id = ROW_TEXT (row, 1);
  g_autofree char *what = NULL;

  if (submission_id == NULL)
    return jury_store_set_damaged_error (self, error);
  if (!is_known_criterion (self, criterion_id, TRUE))
    return set_hand_in_error (self, error, _("a comment on “%s” concerns no criterion of the call"),
                              submission_id);

  what = jury_text_describe_comment (submission_id, criterion_id);
  return check_text (self, ROW_TEXT (row, 2), JURY_TEXT_COMMENT, what, error);
}

/* SELECT seq, criterion_id, field, old, new, time FROM audit: for texts the limits
 * of what may be typed, for the rest the form the store writes them in. */
static gboolean
check_audit_row (JuryStore      *self,
                 JuryStoreStmt  *row,
                 GError        **error)
{
  const char *criterion_id = ROW_TEXT (row, 1);
  const char *field = ROW_TEXT (row, 2);
  const char *old_value = ROW_TEXT (row, 3);
  const char *new_value = ROW_TEXT (row, 4);
  /* Translators: %u is the number of an entry in the audit trail */
  g_autofree char *what = g_strdup_printf (_("entry %u of the audit trail"), (guint) sqlite3_column_int64 (row, 0));
  gboolean is_comment = g_strcmp0 (field, "comment") == 0;
  gboolean is_name = g_strcmp0 (field, "juror-name") == 0;
  gboolean well_formed;

  if (is_comment && !is_known_criterion (self, criterion_id, TRUE))
    return set_hand_in_error (self, error, _("%s concerns no criterion of the call"), what);

  if (is_comment)
    well_formed = TRUE;
  else if (is_name)
    well_formed = new_value != NULL;
  else if (g_strcmp0 (field, "score") == 0)
    well_formed = is_known_criterion (self, criterion_id, FALSE) &&
                  is_score_value (self, old_value) && is_score_value (self, new_value);
  else
    well_formed = (g_strcmp0 (field, "conflict") == 0 || g_strcmp0 (field, "done") == 0) &&
                  g_strcmp0 (criterion_id, "") == 0 && is_flag_value (old_value) && is_flag_value (new_value);

  if (!well_formed || !is_time_value (ROW_TEXT (row, 5)))
    return set_hand_in_error (self, error, _("%s is malformed"), what);

  /* Scores and flags were checked as such above; names and comments as text. */
  if (!is_comment && !is_name)
    return TRUE;

  return (old_value == NULL ||
          check_text (self, old_value, is_name ? JURY_TEXT_NAME : JURY_TEXT_COMMENT, what, error)) &&
         (new_value == NULL ||
          check_text (self, new_value, is_name ? JURY_TEXT_NAME : JURY_TEXT_COMMENT, what, error));
}

gboolean
jury_store_check_hand_in (JuryStore  *self,
                          GError    **error)
{
  g_autofree char *oversized_sql = g_strdup_printf ("SELECT count(*) FROM attachments WHERE length (data) > %"
                                                    G_GINT64_FORMAT, (gint64) JURY_ATTACHMENT_MAX_SIZE);
  gint64 n_jurors, n_decisions, n_round, n_oversized;

  /* A hand-in is read at the current format, migrated privately when older. */
  g_assert (self->format >= JURY_STORE_VERSION_INVITATIONS);

  if ((n_jurors = count_rows (self, "SELECT count(*) FROM jurors", error)) < 0 ||
      (n_decisions = count_rows (self, "SELECT (SELECT count(*) FROM decisions)"
                                       " + (SELECT count(*) FROM audit WHERE juror_id IS NULL)", error)) < 0 ||
      (n_round = count_rows (self, "SELECT (SELECT count(*) FROM invitations"
                                   "   WHERE juror_id NOT IN (SELECT id FROM jurors))"
                                   " + (SELECT count(*) FROM assignments WHERE juror_id NOT IN (SELECT id FROM jurors))"
                                   " + (SELECT count(*) FROM declared_conflicts) + (SELECT count(*) FROM hand_ins)",
                             error)) < 0 ||
      (n_oversized = count_rows (self, oversized_sql, error)) < 0)
    return FALSE;

  if (n_jurors == 0)
    return set_hand_in_error (self, error, "%s", _("there is no juror in it"));
  if (n_jurors > 1)
    return set_hand_in_error (self, error,
                              ngettext ("it holds the work of %u juror; a juror’s database holds one juror’s work only",
                                        "it holds the work of %u jurors; a juror’s database holds one juror’s work only",
                                        (gulong) n_jurors),
                              (guint) n_jurors);
  if (n_decisions > 0)
    return set_hand_in_error (self, error, "%s", _("it holds a panel’s decisions; a juror’s database holds none"));
  if (n_round > 0)
    return set_hand_in_error (self, error, "%s",
                              _("it holds a panel’s invitations, plans or hand-ins; a juror’s database holds "
                                "its own invitation only"));
  if (n_oversized > 0)
    return set_hand_in_error (self, error, "%s", _("it holds an attachment larger than any call may have"));

  return check_rows (self, "SELECT name FROM jurors", check_juror_row, error) &&
         check_rows (self, "SELECT submission_id, criterion_id, text FROM comments", check_comment_row, error) &&
         check_rows (self, "SELECT seq, criterion_id, field, old, new, time FROM audit ORDER BY juror_id, seq",
                     check_audit_row, error);
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
    if (!(self->attached == source ? copy_attached_rows (self, &juror_tables[i], juror_id, error)
                                   : copy_rows (self, source, &juror_tables[i], juror_id, error)))
      return FALSE;

  return TRUE;
}

/* The attached file's format, when it is a Jury Desk database. */
static gboolean
get_attached_version (JuryStore *self,
                      guint32   *version)
{
  g_autoptr(JuryStoreOwnedStmt) id = jury_store_prepare (self, "PRAGMA hand_in.application_id", NULL);
  g_autoptr(JuryStoreOwnedStmt) user_version = jury_store_prepare (self, "PRAGMA hand_in.user_version", NULL);

  if (id == NULL || user_version == NULL ||
      sqlite3_step (id) != SQLITE_ROW || sqlite3_column_int64 (id, 0) != JURY_STORE_APPLICATION_ID ||
      sqlite3_step (user_version) != SQLITE_ROW)
    return FALSE;

  *version = (guint32) sqlite3_column_int64 (user_version, 0);
  return TRUE;
}

gboolean
jury_store_attach (JuryStore *self,
                   JuryStore *source)
{
  const char *filename = sqlite3_db_filename (source->db, "main");
  g_autofree char *absolute = NULL;
  g_autofree char *file_uri = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JuryStoreOwnedStmt) attach = NULL;
  g_autoptr(GError) error = NULL;
  guint32 version = 0;
  int rc;

  g_assert (self->attached == NULL);
  g_assert (sqlite3_get_autocommit (self->db));

  /* A file of an older format is read through a private copy, which only its
   * own connection reaches. */
  if (filename == NULL || *filename == '\0' || source->format != JURY_STORE_SCHEMA_VERSION)
    return FALSE;

  absolute = g_canonicalize_filename (source->path, NULL);
  file_uri = g_filename_to_uri (absolute, NULL, NULL);
  /* As the file was opened: without locks (and the files beside that they
   * need) when it had no log beside it. */
  uri = g_strconcat (file_uri, source->immutable ? "?immutable=1" : "?mode=ro", NULL);
  if (!(attach = jury_store_prepare (self, "ATTACH DATABASE ?1 AS hand_in", &error)))
    return FALSE;
  jury_store_bind_text (attach, 1, uri);
  if ((rc = sqlite3_step (attach)) != SQLITE_DONE)
    {
      g_debug ("%s: %s not attached: %s", self->path, source->path, sqlite3_errmsg (self->db));
      return FALSE;
    }

  /* The file may have changed since it was opened and checked: it is checked
   * again as it is attached. */
  self->attached = source;
  if (get_attached_version (self, &version) && version == JURY_STORE_SCHEMA_VERSION &&
      jury_store_check_schema_of (self, "hand_in", version, &error))
    return TRUE;

  g_debug ("%s: %s attached, but not as it was checked: %s", self->path, source->path,
           error != NULL ? error->message : "another format");
  jury_store_detach (self);
  return FALSE;
}

void
jury_store_detach (JuryStore *self)
{
  if (self->attached == NULL)
    return;

  if (sqlite3_exec (self->db, "DETACH DATABASE hand_in", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("%s: cannot detach: %s", self->path, sqlite3_errmsg (self->db));
  self->attached = NULL;
}

gboolean
jury_store_delete_juror (JuryStore   *self,
                         const char  *juror_id,
                         GError     **error)
{
  for (guint i = G_N_ELEMENTS (juror_tables); i > 0; i--)
    {
      const CopiedTable *table = &juror_tables[i - 1];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", table->table, table->key_column);
      g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      jury_store_bind_text (stmt, 1, juror_id);
      if (!jury_store_step_write (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gint64
jury_store_count_changes (JuryStore *self)
{
  return sqlite3_total_changes (self->db);
}
