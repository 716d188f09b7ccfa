/* jury-store.c: the jury database: opening it safely, its statements, reading from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-file.h"
#include "jury-store-sql.h"
#include "jury-text.h"

typedef enum
{
  OPEN_READ_WRITE,
  OPEN_READ_ONLY,
  OPEN_IMMUTABLE,
} OpenMode;

G_DEFINE_FINAL_TYPE (JuryStore, jury_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (jury-store-error-quark, jury_store_error)

enum {
  REVIEW_CHANGED,
  DECISION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The light columns of a submission and what JUROR_ID (?1) did with it. */
#define SUBMISSION_ROW_SELECT \
  "SELECT s.position, s.id, s.title, s.region, s.network," \
  " coalesce (r.conflict, 0), coalesce (r.done, 0)," \
  " (SELECT count(*) FROM scores c WHERE c.juror_id = ?1 AND c.submission_id = s.id)," \
  " EXISTS (SELECT 1 FROM comments m WHERE m.juror_id = ?1 AND m.submission_id = s.id)" \
  " FROM submissions s LEFT JOIN reviews r ON r.juror_id = ?1 AND r.submission_id = s.id"

#define REVIEW_KEY "juror_id = ?1 AND submission_id = ?2"

static const char * const store_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_META_GET] = "SELECT key, value FROM meta",
  [STMT_META_SET] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
  [STMT_META_VALUE] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_CRITERIA] = "SELECT id, name, description, weight FROM criteria ORDER BY position",
  [STMT_CRITERION_INSERT] = "INSERT INTO criteria (position, id, name, description, weight)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_LEVELS] = "SELECT criterion_id, value, label FROM criterion_levels ORDER BY criterion_id, value",
  [STMT_LEVEL_INSERT] = "INSERT INTO criterion_levels (criterion_id, value, label) VALUES (?1, ?2, ?3)",
  [STMT_SUBMISSION_COUNT] = "SELECT count(*) FROM submissions",
  [STMT_SUBMISSION_INSERT] = "INSERT INTO submissions (position, id, title, region, network, body)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_SUBMISSION_EXISTS] = "SELECT 1 FROM submissions WHERE id = ?1",
  [STMT_SUBMISSION_BODY] = "SELECT body FROM submissions WHERE id = ?1",
  [STMT_CALL_SUBMISSIONS] = "SELECT position, id, title, region, network, body FROM submissions ORDER BY position",
  [STMT_SUBMISSION_ROWS] = SUBMISSION_ROW_SELECT " ORDER BY s.position",
  [STMT_SUBMISSION_ROW] = SUBMISSION_ROW_SELECT " WHERE s.id = ?2",
  [STMT_SEARCH] = "SELECT id, body FROM submissions",
  [STMT_JUROR_NAME] = "SELECT name FROM jurors WHERE id = ?1",
  [STMT_JUROR_LIST] = "SELECT id, name FROM jurors ORDER BY name, id",
  [STMT_JUROR_INSERT] = "INSERT INTO jurors (id, name, created) VALUES (?1, ?2, ?3)",
  [STMT_JUROR_RENAME] = "UPDATE jurors SET name = ?2 WHERE id = ?1",
  [STMT_SCORE_GET] = "SELECT value FROM scores WHERE " REVIEW_KEY " AND criterion_id = ?3",
  [STMT_SCORE_SET] = "INSERT INTO scores (juror_id, submission_id, criterion_id, value) VALUES (?1, ?2, ?3, ?4)"
                     " ON CONFLICT DO UPDATE SET value = excluded.value",
  [STMT_SCORE_DELETE] = "DELETE FROM scores WHERE " REVIEW_KEY " AND criterion_id = ?3",
  [STMT_SCORE_COUNT] = "SELECT count(*) FROM scores WHERE " REVIEW_KEY,
  [STMT_REVIEW_SCORES] = "SELECT criterion_id, value FROM scores WHERE " REVIEW_KEY,
  [STMT_COMMENT_GET] = "SELECT text FROM comments WHERE " REVIEW_KEY " AND criterion_id = ?3",
  [STMT_COMMENT_SET] = "INSERT INTO comments (juror_id, submission_id, criterion_id, text) VALUES (?1, ?2, ?3, ?4)"
                       " ON CONFLICT DO UPDATE SET text = excluded.text",
  [STMT_COMMENT_DELETE] = "DELETE FROM comments WHERE " REVIEW_KEY " AND criterion_id = ?3",
  [STMT_REVIEW_COMMENTS] = "SELECT criterion_id, text FROM comments WHERE " REVIEW_KEY,
  [STMT_FLAGS_GET] = "SELECT conflict, done FROM reviews WHERE " REVIEW_KEY,
  [STMT_CONFLICT_SET] = "INSERT INTO reviews (juror_id, submission_id, conflict) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT DO UPDATE SET conflict = excluded.conflict",
  [STMT_DONE_SET] = "INSERT INTO reviews (juror_id, submission_id, done) VALUES (?1, ?2, ?3)"
                    " ON CONFLICT DO UPDATE SET done = excluded.done",
  [STMT_PROGRESS] = "SELECT count(*) FROM reviews WHERE juror_id = ?1 AND (done <> 0 OR conflict <> 0)",
  /* A NULL juror (IS matches it) is the chain of the panel's decisions. */
  [STMT_AUDIT_LAST] = "SELECT seq, hash FROM audit WHERE juror_id IS ?1 ORDER BY seq DESC LIMIT 1",
  [STMT_AUDIT_INSERT] = "INSERT INTO audit (juror_id, seq, submission_id, criterion_id, field, old, new, time,"
                        " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STMT_AUDIT_LENGTH] = "SELECT count(*) FROM audit WHERE juror_id IS NOT NULL AND (?1 IS NULL OR juror_id = ?1)"
                        " AND field <> 'juror-name'",
  [STMT_AUDIT_CHAIN] = "SELECT seq, submission_id, criterion_id, field, old, new, time, prev_hash, hash"
                       " FROM audit WHERE juror_id IS ?1 ORDER BY seq",
  /* What the tables say, in the terms of the audit trail; flags only when set. */
  [STMT_JUROR_STATE] = "SELECT 'score', submission_id, criterion_id, CAST (value AS TEXT) FROM scores WHERE juror_id = ?1"
                       " UNION ALL SELECT 'comment', submission_id, criterion_id, text FROM comments WHERE juror_id = ?1"
                       " UNION ALL SELECT 'conflict', submission_id, '', '1' FROM reviews WHERE juror_id = ?1 AND conflict <> 0"
                       " UNION ALL SELECT 'done', submission_id, '', '1' FROM reviews WHERE juror_id = ?1 AND done <> 0"
                       " UNION ALL SELECT 'juror-name', '', '', name FROM jurors WHERE id = ?1",
  [STMT_DECISION_GET] = "SELECT decision, note FROM decisions WHERE submission_id = ?1",
  [STMT_DECISION_SET] = "INSERT INTO decisions (submission_id, decision, note, updated) VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT DO UPDATE SET decision = excluded.decision, note = excluded.note,"
                        " updated = excluded.updated",
  /* The decisions in the terms of the audit trail; "none" and no note only when set. */
  [STMT_DECISION_STATE] = "SELECT 'decision', submission_id, '', decision FROM decisions WHERE decision <> 'none'"
                          " UNION ALL SELECT 'decision-note', submission_id, '', note FROM decisions"
                          " WHERE note IS NOT NULL",
  [STMT_SUBMISSION_IDS] = "SELECT id FROM submissions ORDER BY position",
  /* One statement, so one snapshot: kind 0 score, 1 comment, 2 the flags. */
  [STMT_ALL_REVIEWS] = "SELECT juror_id, submission_id, 0, criterion_id, value FROM scores"
                       " UNION ALL SELECT juror_id, submission_id, 1, criterion_id, text FROM comments"
                       " UNION ALL SELECT juror_id, submission_id, 2, conflict, done FROM reviews",
  [STMT_ATTACHMENT_INSERT] = "INSERT INTO attachments (submission_id, href, size, data) VALUES (?1, ?2, ?3, ?4)",
  [STMT_ATTACHMENT_DATA] = "SELECT data FROM attachments WHERE submission_id = ?1 AND href = ?2",
  [STMT_INVITATION_KEY] = "SELECT key FROM invitations WHERE juror_id = ?1",
  /* An invited juror's submissions, in the juror's own order. */
  [STMT_ASSIGNED_ROWS] = SUBMISSION_ROW_SELECT " JOIN assignments a ON a.juror_id = ?1 AND a.submission_id = s.id"
                         " ORDER BY a.position",
  [STMT_ASSIGNED_COUNT] = "SELECT count(*) FROM assignments WHERE juror_id = ?1",
  [STMT_ASSIGNED_ONE] = "SELECT 1 FROM assignments WHERE juror_id = ?1 AND submission_id = ?2",
};

static const char sqlite_magic[JURY_SQLITE_MAGIC_LENGTH] = "SQLite format 3";

/* Submission bodies are stored little-endian, so that a file reads the same on any
 * machine; swapping is its own inverse, so this serves writing and reading.
 * Takes BODY and returns it in the other order where this machine differs. */
static GVariant *
stored_byte_order (GVariant *body)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  GVariant *swapped = g_variant_byteswap (body);

  g_variant_unref (body);
  return swapped;
#else
  return body;
#endif
}

static guint32
read_be32 (const guint8 *bytes)
{
  return (guint32) bytes[0] << 24 | (guint32) bytes[1] << 16 | (guint32) bytes[2] << 8 | bytes[3];
}

static gboolean
set_error_foreign (JuryStore  *self,
                   GError    **error)
{
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_FOREIGN,
               _("%s: is not a Jury Desk database"), self->name);
  return FALSE;
}

static gboolean
set_error_damaged (JuryStore  *self,
                   GError    **error)
{
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_DAMAGED,
               _("%s is damaged and cannot be read"), self->name);
  return FALSE;
}

static gboolean
set_error_no_submission (JuryStore   *self,
                         const char  *submission_id,
                         GError     **error)
{
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
               _("%s: there is no submission “%s”"), self->name, submission_id);
  return FALSE;
}

static gboolean
set_error_io (JuryStore   *self,
              int          errsv,
              GError     **error)
{
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_IO,
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not open %s: %s"), self->name, g_strerror (errsv));
  return FALSE;
}

static gboolean
check_identity (JuryStore  *self,
                guint32     application_id,
                guint32     version,
                GError    **error)
{
  if (application_id != JURY_STORE_APPLICATION_ID)
    return set_error_foreign (self, error);

  if (version > JURY_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NEWER,
                   /* Translators: a file name, its format number, the newest format this version reads */
                   _("%s was made by a newer version of Jury Desk (format %u); this version reads up to %u"),
                   self->name, version, (guint) JURY_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* The first migration step sets both numbers at once. */
  if (version == 0)
    return set_error_damaged (self, error);

  return TRUE;
}

/* A write-ahead log beside the file; WITH_CONTENT: one that holds something. */
static gboolean
has_wal (JuryStore *self,
         gboolean   with_content)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && (!with_content || st.st_size > 0);
}

static gboolean
read_header (JuryStore  *self,
             guint8     *header,
             gsize       size,
             gssize     *n_read,
             goffset    *file_size,
             GError    **error)
{
  GStatBuf st;
  int fd, errsv;

  fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      errsv = errno;
      if (fd >= 0)
        g_close (fd, NULL);
      return set_error_io (self, errsv, error);
    }

  do
    *n_read = read (fd, header, size);
  while (*n_read < 0 && errno == EINTR);
  errsv = errno;
  g_close (fd, NULL);

  if (*n_read < 0)
    return set_error_io (self, errsv, error);

  *file_size = st.st_size;
  return TRUE;
}

/* Reads the file header ourselves, so that a foreign, newer or truncated file is
 * refused before SQLite has had any chance to write to it. The header may lag behind
 * a write-ahead log, never run ahead of it: SQLite checks the identity again. */
static gboolean
probe_header (JuryStore  *self,
              GError    **error)
{
  guint8 header[100];
  gssize n;
  goffset file_size;
  guint32 page_size, n_pages;

  if (!read_header (self, header, sizeof header, &n, &file_size, error))
    return FALSE;
  if (!jury_bytes_look_like_sqlite (header, (gsize) n))
    return set_error_foreign (self, error);
  if (n < (gssize) sizeof header)
    return set_error_damaged (self, error);
  if (!check_identity (self, read_be32 (header + 68), read_be32 (header + 60), error))
    return FALSE;

  /* The page count is valid when the change counter matches "version-valid-for";
   * without a log to replay, a file shorter than that was cut off. */
  page_size = header[16] << 8 | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = read_be32 (header + 28);
  if (read_be32 (header + 24) == read_be32 (header + 92) && n_pages > 0 &&
      (goffset) page_size * n_pages > file_size && !has_wal (self, TRUE))
    {
      g_debug ("%s: %u pages of %u bytes, but the file has %" G_GOFFSET_FORMAT " bytes",
               self->path, n_pages, page_size, file_size);
      return set_error_damaged (self, error);
    }

  return TRUE;
}

static gboolean
set_sqlite_error (JuryStore   *self,
                  int          rc,
                  gboolean     writing,
                  GError     **error)
{
  int code = rc & 0xff;

  g_debug ("%s: SQLite error %d: %s", self->path, rc,
           self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    return set_error_damaged (self, error);

  if (writing)
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_WRITE,
                 /* Translators: the first %s is a file name, the second the reason */
                 _("Could not save to %s: %s"), self->name, jury_store_describe_sqlite_error (self->db, rc));
  else
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_IO,
                 /* Translators: the first %s is a file name, the second the reason */
                 _("Could not read %s: %s"), self->name, jury_store_describe_sqlite_error (self->db, rc));

  return FALSE;
}

/* Opening reads the header and the log, and makes the log's index beside the
 * file: whatever fails there, the file could not be opened. */
static gboolean
set_open_error (JuryStore  *self,
                int         rc,
                GError    **error)
{
  int code = rc & 0xff;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    return set_sqlite_error (self, rc, FALSE, error);

  g_debug ("%s: SQLite error %d: %s", self->path, rc,
           self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_IO,
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not open %s: %s"), self->name, jury_store_describe_sqlite_error (self->db, rc));
  return FALSE;
}

gboolean
jury_store_set_sqlite_error (JuryStore  *self,
                             int         rc,
                             GError    **error)
{
  return set_sqlite_error (self, rc, FALSE, error);
}

gboolean
jury_store_set_write_error (JuryStore  *self,
                            int         rc,
                            GError    **error)
{
  return set_sqlite_error (self, rc, TRUE, error);
}

static void
close_db (JuryStore *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

static int
pragma_int (JuryStore  *self,
            const char *pragma,
            guint32    *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = (guint32) sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

static int
connect_mode (JuryStore *self,
              OpenMode   mode,
              guint32   *application_id,
              guint32   *version)
{
  static const char * const queries[] = { "mode=rw", "mode=ro", "immutable=1" };
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *uri = g_strdup_printf ("%s?%s", file_uri, queries[mode]);
  int flags = SQLITE_OPEN_URI | (mode == OPEN_READ_WRITE ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
  int rc;

  rc = jury_store_open_db (uri, flags, &self->db);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (self->db, 5000);
  /* Reading these opens the log and its index, so a mode that cannot work fails here. */
  if (rc == SQLITE_OK)
    rc = pragma_int (self, "PRAGMA application_id", application_id);
  if (rc == SQLITE_OK)
    rc = pragma_int (self, "PRAGMA user_version", version);

  return rc;
}

static gboolean
is_cannot_open (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY || rc == SQLITE_PERM;
}

/* Read-write when we may; otherwise read-only, which needs to read the log when
 * there is one; immutable (no locks, no files beside it) when even that fails.
 * A log file, even an empty one, means that a connection (this program's window,
 * say) may be writing: then the locks are needed, or a checkpoint could change
 * pages under an immutable reader. */
static gboolean
connect_existing (JuryStore  *self,
                  gboolean    read_only,
                  guint32    *version,
                  GError    **error)
{
  OpenMode mode;
  guint32 application_id = 0;
  int rc;

  if (!read_only && g_access (self->path, W_OK) == 0)
    mode = OPEN_READ_WRITE;
  else
    mode = has_wal (self, FALSE) ? OPEN_READ_ONLY : OPEN_IMMUTABLE;

  while ((rc = connect_mode (self, mode, &application_id, version)) != SQLITE_OK)
    {
      if (mode == OPEN_IMMUTABLE || !is_cannot_open (rc))
        {
          set_open_error (self, rc, error);
          close_db (self);
          return FALSE;
        }
      g_debug ("%s: cannot open in mode %d (%s), trying the next", self->path, mode, sqlite3_errstr (rc));
      close_db (self);
      mode++;
    }

  self->read_only = mode != OPEN_READ_WRITE || sqlite3_db_readonly (self->db, "main") == 1;
  self->immutable = mode == OPEN_IMMUTABLE;

  return check_identity (self, application_id, *version, error);
}

static gboolean
set_safe_pragmas (JuryStore  *self,
                  GError    **error)
{
  /* A database from elsewhere must not run code of its own choosing. */
  return jury_store_exec (self, "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON", error);
}

/* An older file that must not be written is read through a private copy brought up
 * to date: SQLite keeps a temporary database ("") in memory and moves a large one
 * to a temporary file of its own, removed when the connection closes. */
static gboolean
migrate_private_copy (JuryStore  *self,
                      guint32     version,
                      guint       to_version,
                      GError    **error)
{
  sqlite3 *copy = NULL;
  gboolean migrated;
  int rc;

  rc = jury_store_open_db ("", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &copy);
  if (rc == SQLITE_OK)
    rc = jury_store_copy_pages (self, copy, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("%s: no private copy: %s", self->path, copy != NULL ? sqlite3_errmsg (copy) : sqlite3_errstr (rc));
      sqlite3_close (copy);
      return set_sqlite_error (self, rc, FALSE, error);
    }

  g_debug ("%s: reading a private copy updated from format %u", self->path, version);
  close_db (self);
  self->db = copy;

  /* The copy is ours to write; the file stays read-only. */
  self->read_only = FALSE;
  migrated = set_safe_pragmas (self, error) && jury_store_migrate (self, version, to_version, error);
  self->read_only = TRUE;

  return migrated;
}

/* Where the file is now, so that a save notices when it is gone or replaced. */
static void
remember_identity (JuryStore *self)
{
  GStatBuf st;

  self->has_identity = g_stat (self->path, &st) == 0;
  if (self->has_identity)
    {
      self->dev = st.st_dev;
      self->ino = st.st_ino;
    }
}

/* Whether the file is in WAL mode already, so that setting it writes nothing. */
static gboolean
is_wal (JuryStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);

  return wal;
}

/* When the pages of a file are checked as it opens. */
typedef enum {
  OPEN_CHECK_NOW,    /* before anything is read or written */
  OPEN_CHECK_LATER,  /* after the window is up; the first write waits for it */
  OPEN_CHECK_NONE,   /* a file this process has just made and put in place */
} OpenCheck;

static gboolean
prepare_connection (JuryStore  *self,
                    guint32     version,
                    guint       to_version,
                    OpenCheck   check,
                    GError    **error)
{
  if (!set_safe_pragmas (self, error) ||
      !jury_store_check_schema (self, version, error))
    return FALSE;

  /* Nothing is written to a file that is not sound, not even a migration. A file
   * that needs no migration and no change of journal may be checked later, as long
   * as the first write waits for the check. */
  if (!self->read_only && check == OPEN_CHECK_LATER && version >= to_version && is_wal (self))
    self->check_state = JURY_STORE_CHECK_DEFERRED;
  else if (!self->read_only && check != OPEN_CHECK_NONE &&
           !jury_store_check_pragma (self, "PRAGMA quick_check", "ok", error))
    return FALSE;

  self->format = version;
  if (self->read_only)
    return version >= to_version || migrate_private_copy (self, version, to_version, error);

  return jury_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", error) &&
         jury_store_migrate (self, version, to_version, error);
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           int        *value)
{
  gint64 number;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &number, NULL))
    return FALSE;

  *value = (int) number;
  return TRUE;
}

static gboolean
load_meta (JuryStore  *self,
           GError    **error)
{
  g_autoptr(GHashTable) meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_META_GET, error);
  JuryCall *call = self->call;
  int awards = 0, rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* The key is NOT NULL; only a damaged file has a row without one. */
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        return set_error_damaged (self, error);
      g_hash_table_insert (meta,
                           jury_store_column_dup_text (stmt, 0),
                           jury_store_column_dup_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  call->id = g_strdup (g_hash_table_lookup (meta, "call_id"));
  call->title = g_strdup (g_hash_table_lookup (meta, "title"));
  call->lang = g_strdup (g_hash_table_lookup (meta, "lang"));
  call->theme = g_strdup (g_hash_table_lookup (meta, "theme"));
  call->description = g_strdup (g_hash_table_lookup (meta, "description"));
  call->sha256 = g_strdup (g_hash_table_lookup (meta, "call_sha256"));
  self->panel = g_strcmp0 (g_hash_table_lookup (meta, "kind"), "panel") == 0;

  if (call->id == NULL || call->title == NULL ||
      !parse_int (g_hash_table_lookup (meta, "awards"), 0, G_MAXINT, &awards) ||
      !parse_int (g_hash_table_lookup (meta, "scale_min"), G_MININT + 1, G_MAXINT, &call->scale_min) ||
      !parse_int (g_hash_table_lookup (meta, "scale_max"), G_MININT + 1, G_MAXINT, &call->scale_max) ||
      call->scale_min >= call->scale_max)
    {
      g_debug ("%s: the call's description in table meta is incomplete", self->path);
      return set_error_damaged (self, error);
    }
  call->awards = awards;

  return TRUE;
}

static gboolean
load_criteria (JuryStore  *self,
               GError    **error)
{
  g_autoptr(JuryStoreStmt) criteria = jury_store_stmt (self, STMT_CRITERIA, error);
  g_autoptr(JuryStoreStmt) levels = NULL;
  int rc;

  if (criteria == NULL)
    return FALSE;

  while ((rc = sqlite3_step (criteria)) == SQLITE_ROW)
    {
      JuryCriterion *criterion;

      /* NOT NULL columns; only a damaged file has a NULL there. */
      if (sqlite3_column_type (criteria, 0) == SQLITE_NULL || sqlite3_column_type (criteria, 1) == SQLITE_NULL)
        return set_error_damaged (self, error);

      criterion = jury_criterion_new ();
      criterion->id = jury_store_column_dup_text (criteria, 0);
      criterion->name = jury_store_column_dup_text (criteria, 1);
      criterion->description = jury_store_column_dup_text (criteria, 2);
      criterion->weight = sqlite3_column_double (criteria, 3);
      g_ptr_array_add (self->call->criteria, criterion);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  if (!(levels = jury_store_stmt (self, STMT_LEVELS, error)))
    return FALSE;

  while ((rc = sqlite3_step (levels)) == SQLITE_ROW)
    {
      const JuryCriterion *criterion;

      if (sqlite3_column_type (levels, 0) == SQLITE_NULL || sqlite3_column_type (levels, 2) == SQLITE_NULL)
        return set_error_damaged (self, error);

      criterion = jury_call_find_criterion (self->call, (const char *) sqlite3_column_text (levels, 0), NULL);
      if (criterion != NULL)
        g_ptr_array_add (criterion->levels,
                         jury_level_new (sqlite3_column_int (levels, 1),
                                         (const char *) sqlite3_column_text (levels, 2)));
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

static gboolean
count_submissions (JuryStore  *self,
                   GError    **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_SUBMISSION_COUNT, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return jury_store_set_sqlite_error (self, rc, error);

  self->call->n_submissions = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
load_call (JuryStore  *self,
           GError    **error)
{
  g_clear_pointer (&self->call, jury_call_free);
  self->call = jury_call_new ();

  return load_meta (self, error) &&
         load_criteria (self, error) &&
         count_submissions (self, error);
}

static gboolean
load_sole_juror (JuryStore  *self,
                 GError    **error)
{
  g_autoptr(GPtrArray) jurors = NULL;

  if (!(jurors = jury_store_list_jurors_full (self, error)))
    return FALSE;

  g_clear_pointer (&self->sole_juror_id, g_free);
  if (jurors->len == 1)
    self->sole_juror_id = g_strdup (((JuryJuror *) g_ptr_array_index (jurors, 0))->id);

  return TRUE;
}

gboolean
jury_store_count_assigned (JuryStore   *self,
                           const char  *juror_id,
                           guint       *n_assigned,
                           GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  int rc;

  *n_assigned = 0;
  if (juror_id == NULL || self->format < JURY_STORE_VERSION_INVITATIONS)
    return TRUE;

  if (!(stmt = jury_store_stmt (self, STMT_ASSIGNED_COUNT, error)))
    return FALSE;
  jury_store_bind_text (stmt, 1, juror_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return jury_store_set_sqlite_error (self, rc, error);

  *n_assigned = sqlite3_column_int (stmt, 0);
  return TRUE;
}

gboolean
jury_store_is_assigned (JuryStore   *self,
                        const char  *juror_id,
                        const char  *submission_id,
                        gboolean    *assigned,
                        GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  guint n_assigned;
  int rc;

  if (!jury_store_count_assigned (self, juror_id, &n_assigned, error))
    return FALSE;

  /* Without a plan, every juror reads every submission. */
  *assigned = TRUE;
  if (n_assigned == 0)
    return TRUE;

  if (!(stmt = jury_store_stmt (self, STMT_ASSIGNED_ONE, error)))
    return FALSE;
  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, submission_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  *assigned = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
jury_store_load (JuryStore  *self,
                 GError    **error)
{
  return load_call (self, error) &&
         load_sole_juror (self, error);
}

static JurySubmissionRow *
row_from_stmt (JuryStoreStmt *stmt)
{
  JurySubmissionRow *row = g_new0 (JurySubmissionRow, 1);

  row->position = sqlite3_column_int (stmt, 0);
  row->id = jury_store_column_dup_text (stmt, 1);
  row->title = jury_store_column_dup_text (stmt, 2);
  row->region = jury_store_column_dup_text (stmt, 3);
  row->network = jury_store_column_dup_text (stmt, 4);
  row->n_scored = sqlite3_column_int (stmt, 7);
  row->status = jury_review_status_for (sqlite3_column_int (stmt, 5) != 0,
                                        sqlite3_column_int (stmt, 6) != 0,
                                        row->n_scored > 0 || sqlite3_column_int (stmt, 8) != 0);

  return row;
}

gboolean
jury_store_read_review (JuryStore   *self,
                        JuryReview  *review,
                        GError     **error)
{
  g_autoptr(JuryStoreStmt) scores = jury_store_stmt (self, STMT_REVIEW_SCORES, error);
  g_autoptr(JuryStoreStmt) comments = NULL;
  guint index;
  int rc;

  if (scores == NULL)
    return FALSE;

  jury_store_bind_text (scores, 1, review->juror_id);
  jury_store_bind_text (scores, 2, review->submission_id);
  while ((rc = sqlite3_step (scores)) == SQLITE_ROW)
    if (jury_call_find_criterion (self->call, (const char *) sqlite3_column_text (scores, 0), &index))
      review->scores[index] = sqlite3_column_int (scores, 1);
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  if (!(comments = jury_store_stmt (self, STMT_REVIEW_COMMENTS, error)))
    return FALSE;
  jury_store_bind_text (comments, 1, review->juror_id);
  jury_store_bind_text (comments, 2, review->submission_id);
  while ((rc = sqlite3_step (comments)) == SQLITE_ROW)
    {
      const char *criterion_id = (const char *) sqlite3_column_text (comments, 0);

      if (g_strcmp0 (criterion_id, "") == 0)
        review->overall = jury_store_column_dup_text (comments, 1);
      else if (jury_call_find_criterion (self->call, criterion_id, &index))
        review->comments[index] = jury_store_column_dup_text (comments, 1);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  if (!jury_store_read_flags (self, review->juror_id, review->submission_id,
                              &review->conflict, &review->done, error))
    return FALSE;

  review->status = jury_review_derive_status (review);
  return TRUE;
}

static void
jury_store_finalize (GObject *object)
{
  JuryStore *self = (JuryStore *)object;

  jury_store_hold_chain_heads (self, FALSE);
  close_db (self);
  /* Only after SQLite has closed the file: closing a descriptor of it drops the
   * process's POSIX locks on it. */
  if (self->temp_fd >= 0)
    g_close (self->temp_fd, NULL);
  g_clear_pointer (&self->call, jury_call_free);
  g_clear_pointer (&self->sole_juror_id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_mutex_clear (&self->check_lock);
  g_cond_clear (&self->check_cond);

  G_OBJECT_CLASS (jury_store_parent_class)->finalize (object);
}

static void
jury_store_class_init (JuryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jury_store_finalize;

  /**
   * JuryStore::review-changed:
   * @juror_id: the juror
   * @submission_id: the submission
   *
   * Emitted after a change to this review was committed.
   */
  signals[REVIEW_CHANGED] =
    g_signal_new ("review-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * JuryStore::decision-changed:
   * @submission_id: the submission
   *
   * Emitted after a change to the decision on this submission, or to its note,
   * was committed.
   */
  signals[DECISION_CHANGED] =
    g_signal_new ("decision-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
jury_store_init (JuryStore *self)
{
  self->temp_fd = -1;
  g_mutex_init (&self->check_lock);
  g_cond_init (&self->check_cond);
}

/* Private API shared by the parts of the store. */

const char *
jury_store_describe_sqlite_error (sqlite3 *db,
                                  int      rc)
{
  /* SQLite says "I/O error" for a write that the disk refused for want of space
   * (the last pages of a log, an fsync); the system's own error says which. */
  if (db != NULL && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL))
    {
      int errsv = sqlite3_system_errno (db);

      if (errsv == ENOSPC || errsv == EDQUOT)
        return _("the disk is full");
    }

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return _("the disk is full");
    case SQLITE_IOERR:
      return _("the disk reported an error");
    case SQLITE_CANTOPEN:
      return _("the file can no longer be opened");
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return _("the file is read-only");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("another program is using the file");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return _("the file is damaged");
    default:
      return sqlite3_errstr (rc);
    }
}

gboolean
jury_store_set_damaged_error (JuryStore  *self,
                              GError    **error)
{
  return set_error_damaged (self, error);
}

/* A store's connection is also used from a worker thread (a hand-in copies the
 * database while the window goes on saving), so every connection is serialized,
 * whatever the SQLite library's default. */
int
jury_store_open_db (const char  *filename,
                    int          flags,
                    sqlite3    **db)
{
  /* A file from elsewhere is data: no schema of its own may run code, change
   * SQLite's own tables or hide behind a view, whatever it holds. Jury Desk's own
   * schema has neither triggers nor views. */
  static const int off[] = {
    SQLITE_DBCONFIG_TRUSTED_SCHEMA,
    SQLITE_DBCONFIG_ENABLE_TRIGGER,
    SQLITE_DBCONFIG_ENABLE_VIEW,
    SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
  };
  int rc = sqlite3_open_v2 (filename, db, flags | SQLITE_OPEN_FULLMUTEX, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (off); i++)
    rc = sqlite3_db_config (*db, off[i], 0, NULL);
  if (rc == SQLITE_OK)
    rc = jury_store_register_rows (*db);

  return rc;
}

JuryStore *
jury_store_new_for_path (const char *path)
{
  JuryStore *self = g_object_new (JURY_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);

  return self;
}

gboolean
jury_store_connect_new (JuryStore  *self,
                        GError    **error)
{
  /* Absolute, it is never taken for a URI; URIs are for the files a merge
   * attaches read-only. */
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  int rc;

  g_assert (self->db == NULL);

  rc = jury_store_open_db (absolute, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, &self->db);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, TRUE, error);
      close_db (self);
      return FALSE;
    }

  return TRUE;
}

void
jury_store_close (JuryStore *self)
{
  close_db (self);
}

void
jury_store_emit_review_changed (JuryStore  *self,
                                const char *juror_id,
                                const char *submission_id)
{
  g_signal_emit (self, signals[REVIEW_CHANGED], 0, juror_id, submission_id);
}

void
jury_store_emit_decision_changed (JuryStore  *self,
                                  const char *submission_id)
{
  g_signal_emit (self, signals[DECISION_CHANGED], 0, submission_id);
}

JuryStoreStmt *
jury_store_stmt (JuryStore        *self,
                 JuryStoreStmtId   id,
                 GError          **error)
{
  g_assert (id < N_STMTS);

  if (self->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, store_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[id], NULL);

      if (rc != SQLITE_OK)
        {
          jury_store_set_sqlite_error (self, rc, error);
          return NULL;
        }
    }

  return self->stmts[id];
}

JuryStoreOwnedStmt *
jury_store_prepare (JuryStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

void
jury_store_stmt_release (JuryStoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
jury_store_bind_text (JuryStoreStmt *stmt,
                      int            index,
                      const char    *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
jury_store_column_dup_text (JuryStoreStmt *stmt,
                            int            column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
jury_store_set_meta (JuryStore   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_META_SET, error);

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, key);
  jury_store_bind_text (stmt, 2, value);

  return jury_store_step_write (self, stmt, error);
}

gboolean
jury_store_exec (JuryStore   *self,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, !self->read_only, error);

  return TRUE;
}

gboolean
jury_store_step_write (JuryStore      *self,
                       JuryStoreStmt  *stmt,
                       GError        **error)
{
  int rc = self->fail_writes ? SQLITE_FULL : sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return jury_store_set_write_error (self, rc, error);

  return TRUE;
}

gboolean
jury_store_check_writable (JuryStore  *self,
                           GError    **error)
{
  if (!self->read_only)
    return jury_store_ensure_checked (self, error);

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY,
               _("%s is open for reading only; changes cannot be saved"), self->name);
  return FALSE;
}

/* A file moved, replaced or deleted behind our back would take the change to a
 * place nobody finds again; such a save fails, and says so. */
static gboolean
check_identity_unchanged (JuryStore  *self,
                          GError    **error)
{
  GStatBuf st;

  if (!self->has_identity ||
      (g_stat (self->path, &st) == 0 && st.st_dev == self->dev && st.st_ino == self->ino))
    return TRUE;

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_MOVED,
               _("%s is no longer where it was opened: it was moved, replaced or deleted"), self->name);
  return FALSE;
}

gboolean
jury_store_begin (JuryStore  *self,
                  GError    **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;

  if (!jury_store_check_writable (self, error) ||
      !check_identity_unchanged (self, error) ||
      !(stmt = jury_store_stmt (self, STMT_BEGIN, error)))
    return FALSE;

  return jury_store_step_write (self, stmt, error);
}

/* Rolls back when the commit fails, so that the store stays usable. */
gboolean
jury_store_commit (JuryStore  *self,
                   GError    **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_COMMIT, error);

  if (stmt != NULL && jury_store_step_write (self, stmt, error))
    return TRUE;

  jury_store_rollback (self);
  return FALSE;
}

void
jury_store_rollback (JuryStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    {
      g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_ROLLBACK, NULL);

      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_DONE)
        g_debug ("%s: rollback failed: %s", self->path, sqlite3_errmsg (self->db));
    }
}

gboolean
jury_store_savepoint (JuryStore  *self,
                      GError    **error)
{
  g_assert (!sqlite3_get_autocommit (self->db));

  return jury_store_exec (self, "SAVEPOINT jury_part", error);
}

gboolean
jury_store_release (JuryStore  *self,
                    GError    **error)
{
  return jury_store_exec (self, "RELEASE jury_part", error);
}

void
jury_store_rollback_to (JuryStore *self)
{
  int rc = sqlite3_exec (self->db, "ROLLBACK TO jury_part; RELEASE jury_part", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    g_debug ("%s: rolling back to the savepoint failed: %s", self->path, sqlite3_errmsg (self->db));
}

/* A savepoint outside a transaction begins a deferred one, which its release
 * ends; inside one it is harmless. Either way what is read in between is one
 * snapshot, whatever other connections commit meanwhile. */
gboolean
jury_store_begin_read (JuryStore  *self,
                       GError    **error)
{
  int rc = sqlite3_exec (self->db, "SAVEPOINT jury_read", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, FALSE, error);

  return TRUE;
}

void
jury_store_end_read (JuryStore *self)
{
  int rc = sqlite3_exec (self->db, "RELEASE jury_read", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    g_debug ("%s: ending a read failed: %s", self->path, sqlite3_errmsg (self->db));
}

gboolean
jury_store_lookup_juror (JuryStore   *self,
                         const char  *juror_id,
                         char       **name,
                         GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_JUROR_NAME, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (name != NULL)
        *name = jury_store_column_dup_text (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
               _("%s: there is no juror “%s”"), self->name, juror_id);
  return FALSE;
}

gboolean
jury_store_lookup_submission (JuryStore   *self,
                              const char  *submission_id,
                              GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_SUBMISSION_EXISTS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, submission_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return set_error_no_submission (self, submission_id, error);
}

gboolean
jury_store_read_flags (JuryStore   *self,
                       const char  *juror_id,
                       const char  *submission_id,
                       gboolean    *conflict,
                       gboolean    *done,
                       GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_FLAGS_GET, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, submission_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  *conflict = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  *done = rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

GPtrArray *
jury_store_list_jurors_full (JuryStore  *self,
                             GError    **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_JUROR_LIST, error);
  g_autoptr(GPtrArray) jurors = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* NOT NULL columns; only a damaged file has a NULL there. */
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL || sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          set_error_damaged (self, error);
          return NULL;
        }
      g_ptr_array_add (jurors, jury_juror_new ((const char *) sqlite3_column_text (stmt, 0),
                                               (const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&jurors);
}

JuryJuror *
jury_store_insert_juror (JuryStore   *self,
                         const char  *name,
                         gboolean     name_in_chain,
                         GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();

  return jury_store_insert_juror_with_id (self, id, name, name_in_chain, error);
}

JuryJuror *
jury_store_insert_juror_with_id (JuryStore   *self,
                                 const char  *id,
                                 const char  *name,
                                 gboolean     name_in_chain,
                                 GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_JUROR_INSERT, error);
  g_autofree char *created = jury_store_dup_time_now ();

  if (stmt == NULL)
    return NULL;

  jury_store_bind_text (stmt, 1, id);
  jury_store_bind_text (stmt, 2, name);
  jury_store_bind_text (stmt, 3, created);
  if (!jury_store_step_write (self, stmt, error) ||
      (name_in_chain && !jury_store_append_juror_name (self, id, NULL, name, NULL, error)))
    return NULL;

  return jury_juror_new (id, name);
}

gboolean
jury_store_check_text (const char  *text,
                       int          kind,
                       const char  *what,
                       GError     **error)
{
  g_autofree char *problem = jury_text_check (text, kind, what);

  if (problem == NULL)
    return TRUE;

  g_set_error_literal (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT, problem);
  return FALSE;
}

char *
jury_store_dup_time_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

GBytes *
jury_store_encode_submission (const JurySubmission *submission,
                              guint                 version)
{
  g_autoptr(GVariant) inner = NULL;
  g_autoptr(GVariant) body = NULL;

  if (version >= JURY_STORE_VERSION_FLAT)
    return jury_submission_encode (submission);

  inner = g_variant_take_ref (jury_submission_serialize (submission));
  body = stored_byte_order (g_variant_ref_sink (g_variant_new_variant (inner)));

  return g_variant_get_data_as_bytes (body);
}

JurySubmission *
jury_store_decode_submission (const guint8  *data,
                              gsize          size,
                              guint          version,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GVariant) inner = NULL;

  if (version >= JURY_STORE_VERSION_FLAT)
    return jury_submission_decode (data, size, error);

  bytes = g_bytes_new (data, size);
  body = stored_byte_order (g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, bytes, FALSE)));
  inner = g_variant_get_variant (body);

  return jury_submission_deserialize (inner, error);
}

static JuryStore *
open_store (const char  *path,
            guint        to_version,
            gboolean     read_only,
            OpenCheck    check,
            GError     **error)
{
  g_autoptr(JuryStore) self = jury_store_new_for_path (path);
  guint32 version = 0;

  if (!probe_header (self, error) ||
      !connect_existing (self, read_only, &version, error))
    return NULL;

  remember_identity (self);
  if (!prepare_connection (self, version, to_version, check, error) ||
      !jury_store_load (self, error))
    return NULL;

  g_debug ("%s: opened %s, format %u", path, self->read_only ? "read-only" : "read-write", version);

  return g_steal_pointer (&self);
}

JuryStore *
jury_store_open_full (const char  *path,
                      guint        to_version,
                      gboolean     read_only,
                      GError     **error)
{
  return open_store (path, to_version, read_only, OPEN_CHECK_NOW, error);
}

/* A file this process has just made and put in place needs no check of its
 * pages: reading back every page of a large call costs a tenth of init. */
JuryStore *
jury_store_open_made (const char  *path,
                      guint        version,
                      GError     **error)
{
  return open_store (path, version, FALSE, OPEN_CHECK_NONE, error);
}

void
jury_store_set_fail_writes (JuryStore *self,
                            gboolean   fail)
{
  g_return_if_fail (JURY_IS_STORE (self));

  self->fail_writes = !!fail;
}

int
jury_store_get_user_version (JuryStore *self)
{
  guint32 version = 0;

  g_return_val_if_fail (JURY_IS_STORE (self), -1);

  if (pragma_int (self, "PRAGMA user_version", &version) != SQLITE_OK)
    return -1;

  return version;
}

/* Takes over OTHER's connection, call and file; OTHER is left closed. */
static void
take_over (JuryStore *self,
           JuryStore *other)
{
  close_db (self);
  self->db = g_steal_pointer (&other->db);
  for (guint i = 0; i < N_STMTS; i++)
    self->stmts[i] = g_steal_pointer (&other->stmts[i]);

  g_clear_pointer (&self->call, jury_call_free);
  self->call = g_steal_pointer (&other->call);
  g_clear_pointer (&self->sole_juror_id, g_free);
  self->sole_juror_id = g_steal_pointer (&other->sole_juror_id);

  g_free (self->path);
  self->path = g_steal_pointer (&other->path);
  g_free (self->name);
  self->name = g_steal_pointer (&other->name);
  self->read_only = other->read_only;
  self->format = other->format;
  self->panel = other->panel;
  self->has_identity = other->has_identity;
  self->dev = other->dev;
  self->ino = other->ino;
}

/* Public API */

gboolean
jury_store_save_as (JuryStore     *self,
                    const char    *dest_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The copy is read from the open connection, which still reaches the file even
   * where its name is gone; the store then carries on with the copy. */
  return jury_store_backup (self, dest_path, cancellable, error) &&
         jury_store_continue_in (self, dest_path, error);
}

gboolean
jury_store_continue_in (JuryStore   *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(JuryStore) moved = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *moved_digest = NULL;
  gboolean was_moved;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(moved = jury_store_open (path, error)) ||
      !jury_store_get_call_digest (self, &digest, error) ||
      !jury_store_get_call_digest (moved, &moved_digest, error))
    return FALSE;

  /* Only a copy of this very database will do: the same call, the same jurors
   * with every entry of their trails. */
  if (g_strcmp0 (digest, moved_digest) != 0 ||
      g_strcmp0 (self->sole_juror_id, moved->sole_juror_id) != 0 ||
      jury_store_get_audit_length (self, NULL) != jury_store_get_audit_length (moved, NULL))
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
                   _("%s is not a copy of %s"), moved->name, self->name);
      return FALSE;
    }

  old_path = g_strdup (self->path);
  was_moved = !check_identity_unchanged (self, NULL);
  take_over (self, moved);
  g_debug ("%s: continues in %s", old_path, path);

  /* SQLite does not fold its log into a file that was moved: closing left the log
   * beside the old name, where it would garble any file that comes to have it. */
  if (was_moved)
    jury_file_clear_sidecars (old_path, TRUE);

  return TRUE;
}

gboolean
jury_bytes_look_like_sqlite (const guint8 *data,
                             gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return length >= sizeof sqlite_magic && memcmp (data, sqlite_magic, sizeof sqlite_magic) == 0;
}

JuryStore *
jury_store_open (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return jury_store_open_full (path, JURY_STORE_SCHEMA_VERSION, FALSE, error);
}

JuryStore *
jury_store_open_deferring_check (const char  *path,
                                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, JURY_STORE_SCHEMA_VERSION, FALSE, OPEN_CHECK_LATER, error);
}

JuryStore *
jury_store_open_read_only (const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return jury_store_open_full (path, JURY_STORE_SCHEMA_VERSION, TRUE, error);
}

const char *
jury_store_get_path (JuryStore *self)
{
  g_return_val_if_fail (JURY_IS_STORE (self), NULL);

  return self->path;
}

gboolean
jury_store_is_read_only (JuryStore *self)
{
  g_return_val_if_fail (JURY_IS_STORE (self), TRUE);

  return self->read_only;
}

const JuryCall *
jury_store_get_call (JuryStore *self)
{
  g_return_val_if_fail (JURY_IS_STORE (self), NULL);

  return self->call;
}

GPtrArray *
jury_store_list_jurors (JuryStore *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *jurors;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);

  if (!(jurors = jury_store_list_jurors_full (self, &error)))
    {
      g_warning ("%s", error->message);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) jury_juror_free);
    }

  return jurors;
}

const char *
jury_store_get_sole_juror_id (JuryStore *self)
{
  g_return_val_if_fail (JURY_IS_STORE (self), NULL);

  return self->sole_juror_id;
}

JuryJuror *
jury_store_get_juror (JuryStore   *self,
                      const char  *juror_id,
                      GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_lookup_juror (self, juror_id, &name, error))
    return NULL;

  return jury_juror_new (juror_id, name);
}

JuryJuror *
jury_store_add_juror (JuryStore   *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(JuryJuror) juror = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_check_text (name, JURY_TEXT_NAME, C_("checked text", "the juror’s name"), error) ||
      !jury_store_begin (self, error))
    return NULL;

  if (!(juror = jury_store_insert_juror (self, name, TRUE, error)) ||
      !jury_store_commit (self, error))
    {
      jury_store_rollback (self);
      return NULL;
    }

  if (!load_sole_juror (self, error))
    return NULL;

  return g_steal_pointer (&juror);
}

gboolean
jury_store_rename_juror (JuryStore   *self,
                         const char  *juror_id,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  g_autofree char *old_name = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jury_store_check_text (name, JURY_TEXT_NAME, C_("checked text", "the juror’s name"), error) ||
      !jury_store_begin (self, error))
    return FALSE;

  if (!jury_store_lookup_juror (self, juror_id, &old_name, error) ||
      !(stmt = jury_store_stmt (self, STMT_JUROR_RENAME, error)))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  /* The same name again is no change and leaves no entry. */
  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, name);
  if (!g_str_equal (old_name, name) &&
      (!jury_store_step_write (self, stmt, error) ||
       !jury_store_append_juror_name (self, juror_id, old_name, name, NULL, error)))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  return jury_store_commit (self, error);
}

GPtrArray *
jury_store_list_submissions (JuryStore   *self,
                             const char  *juror_id,
                             GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_assigned;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_count_assigned (self, juror_id, &n_assigned, error) ||
      !(stmt = jury_store_stmt (self, n_assigned > 0 ? STMT_ASSIGNED_ROWS : STMT_SUBMISSION_ROWS, error)))
    return NULL;

  rows = g_ptr_array_new_full (self->call->n_submissions, (GDestroyNotify) jury_submission_row_free);
  jury_store_bind_text (stmt, 1, juror_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

JurySubmissionRow *
jury_store_get_submission_row (JuryStore   *self,
                               const char  *juror_id,
                               const char  *submission_id,
                               GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = jury_store_stmt (self, STMT_SUBMISSION_ROW, error)))
    return NULL;

  jury_store_bind_text (stmt, 1, juror_id);
  jury_store_bind_text (stmt, 2, submission_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return row_from_stmt (stmt);

  if (rc == SQLITE_DONE)
    set_error_no_submission (self, submission_id, error);
  else
    jury_store_set_sqlite_error (self, rc, error);

  return NULL;
}

JurySubmission *
jury_store_get_submission (JuryStore   *self,
                           const char  *submission_id,
                           GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  JurySubmission *submission;
  const guint8 *data;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = jury_store_stmt (self, STMT_SUBMISSION_BODY, error)))
    return NULL;

  jury_store_bind_text (stmt, 1, submission_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        jury_store_lookup_submission (self, submission_id, error);
      else
        jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  data = sqlite3_column_blob (stmt, 0);
  submission = jury_store_decode_submission (data, sqlite3_column_bytes (stmt, 0), self->format, &local_error);
  if (submission == NULL)
    {
      g_debug ("%s: submission %s: %s", self->path, submission_id, local_error->message);
      set_error_damaged (self, error);
      return NULL;
    }

  return submission;
}

/* Before format 7 each submission has its folded text beside it. */
static gboolean
search_before_flat (JuryStore   *self,
                    const char  *needle,
                    GHashTable  *ids,
                    GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, "SELECT id FROM submissions"
                                                                 " WHERE instr (search_text, ?1) > 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, needle);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, jury_store_column_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

/* Each body's searchable lines, folded as they are read into one buffer that
 * serves every body, until the needle is found. */
static gboolean
search_flat (JuryStore   *self,
             const char  *needle,
             GHashTable  *ids,
             GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_SEARCH, error);
  g_autoptr(GString) folded = NULL;
  gsize needle_length = strlen (needle);
  int rc;

  if (stmt == NULL)
    return FALSE;

  folded = g_string_sized_new (4096);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const guint8 *body = sqlite3_column_blob (stmt, 1);
      gsize size = sqlite3_column_bytes (stmt, 1);

      if (jury_search_text_contains (folded, (const char *) body, jury_submission_body_text_length (body, size),
                                     needle, needle_length))
        g_hash_table_add (ids, jury_store_column_dup_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

GHashTable *
jury_store_search (JuryStore   *self,
                   const char  *query,
                   GError     **error)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty needle is found in every text: all submissions. */
  needle = query != NULL ? jury_search_normalize (query) : g_strdup ("");

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(self->format >= JURY_STORE_VERSION_FLAT ? search_flat : search_before_flat) (self, needle, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

JuryReview *
jury_store_get_review (JuryStore   *self,
                       const char  *juror_id,
                       const char  *submission_id,
                       GError     **error)
{
  g_autoptr(JuryReview) review = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_store_lookup_juror (self, juror_id, NULL, error) ||
      !jury_store_lookup_submission (self, submission_id, error))
    return NULL;

  review = jury_review_new (juror_id, submission_id, self->call->criteria->len);
  if (!jury_store_read_review (self, review, error))
    return NULL;

  return g_steal_pointer (&review);
}

void
jury_store_get_progress (JuryStore  *self,
                         const char *juror_id,
                         guint      *n_reviewed,
                         guint      *n_total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStoreStmt) stmt = NULL;
  guint reviewed = 0;
  int rc;

  g_return_if_fail (JURY_IS_STORE (self));

  if (juror_id != NULL && (stmt = jury_store_stmt (self, STMT_PROGRESS, &error)))
    {
      jury_store_bind_text (stmt, 1, juror_id);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        reviewed = sqlite3_column_int (stmt, 0);
      else
        jury_store_set_sqlite_error (self, rc, &error);
    }
  if (error != NULL)
    g_warning ("%s", error->message);

  if (n_reviewed != NULL)
    *n_reviewed = reviewed;
  if (n_total != NULL)
    {
      guint n_assigned = 0;

      if (error == NULL && !jury_store_count_assigned (self, juror_id, &n_assigned, &error))
        g_warning ("%s", error->message);
      *n_total = n_assigned > 0 ? n_assigned : self->call->n_submissions;
    }
}
