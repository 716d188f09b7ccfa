/* jury-store-schema.c: the tables of a jury database and the steps from one format to the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-store-sql.h"

/* One row of sqlite_master: a table, an index, a trigger or a view. */
typedef struct
{
  char *type;
  char *name;
  char *tbl_name;
  char *sql;     /* NULL for the indexes SQLite makes for a UNIQUE or PRIMARY KEY */
} SchemaObject;

typedef gboolean (*MigrationCode) (JuryStore  *self,
                                   GError    **error);

typedef struct
{
  const char    *sql;
  MigrationCode  code;    /* what SQL cannot do, after it; or NULL */
  MigrationCode  before;  /* what must be read before SQL changes it; or NULL */
} MigrationStep;

static gboolean seal_step            (JuryStore  *self,
                                      GError    **error);
static gboolean audit_decisions_step (JuryStore  *self,
                                      GError    **error);
static gboolean flatten_step         (JuryStore  *self,
                                      GError    **error);

/* Step N brings a database from user_version N - 1 to N. A step, once released,
 * never changes: a new format is a new step. */
static const MigrationStep migration_steps[] = {
  /* 1: the call, the jurors and what they scored */
  { "PRAGMA application_id = " G_STRINGIFY (JURY_STORE_APPLICATION_ID) ";"
    "CREATE TABLE meta ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT"
    ");"
    "CREATE TABLE criteria ("
    "  position    INTEGER NOT NULL UNIQUE,"
    "  id          TEXT PRIMARY KEY NOT NULL,"
    "  name        TEXT NOT NULL,"
    "  description TEXT,"
    "  weight      REAL NOT NULL CHECK (weight > 0)"
    ");"
    "CREATE TABLE criterion_levels ("
    "  criterion_id TEXT NOT NULL REFERENCES criteria (id),"
    "  value        INTEGER NOT NULL,"
    "  label        TEXT NOT NULL,"
    "  PRIMARY KEY (criterion_id, value)"
    ") WITHOUT ROWID;"
    "CREATE TABLE submissions ("
    "  position    INTEGER PRIMARY KEY,"
    "  id          TEXT NOT NULL UNIQUE,"
    "  title       TEXT NOT NULL,"
    "  region      TEXT,"
    "  network     TEXT,"
    "  body        BLOB NOT NULL,"
    "  search_text TEXT NOT NULL"
    ");"
    /* The list reads its light rows from here, without paging through the bodies. */
    "CREATE INDEX submissions_rows ON submissions (position, id, title, region, network);"
    "CREATE TABLE jurors ("
    "  id      TEXT PRIMARY KEY NOT NULL,"
    "  name    TEXT NOT NULL,"
    "  created TEXT NOT NULL"
    ");"
    "CREATE TABLE scores ("
    "  juror_id      TEXT NOT NULL REFERENCES jurors (id),"
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  criterion_id  TEXT NOT NULL REFERENCES criteria (id),"
    "  value         INTEGER NOT NULL,"
    "  PRIMARY KEY (juror_id, submission_id, criterion_id)"
    ") WITHOUT ROWID;"
    /* criterion_id '' is the overall comment. */
    "CREATE TABLE comments ("
    "  juror_id      TEXT NOT NULL REFERENCES jurors (id),"
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  criterion_id  TEXT NOT NULL,"
    "  text          TEXT NOT NULL,"
    "  PRIMARY KEY (juror_id, submission_id, criterion_id)"
    ") WITHOUT ROWID;"
    "CREATE TABLE reviews ("
    "  juror_id      TEXT NOT NULL REFERENCES jurors (id),"
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  conflict      INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),"
    "  done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
    "  PRIMARY KEY (juror_id, submission_id)"
    ") WITHOUT ROWID;"
    /* One chain per juror, so that a handed-in copy can be compared with a later one. */
    "CREATE TABLE audit ("
    "  juror_id      TEXT NOT NULL REFERENCES jurors (id),"
    "  seq           INTEGER NOT NULL CHECK (seq > 0),"
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  criterion_id  TEXT NOT NULL,"
    "  field         TEXT NOT NULL CHECK (field IN ('score', 'comment', 'conflict', 'done')),"
    "  old           TEXT,"
    "  new           TEXT,"
    "  time          TEXT NOT NULL,"
    "  prev_hash     TEXT NOT NULL,"
    "  hash          TEXT NOT NULL,"
    "  PRIMARY KEY (juror_id, seq)"
    ") WITHOUT ROWID;", NULL },

  /* 2: the programme manager's final selection */
  { "CREATE TABLE decisions ("
    "  submission_id TEXT PRIMARY KEY NOT NULL REFERENCES submissions (id),"
    "  decision      TEXT NOT NULL DEFAULT 'none' CHECK (decision IN ('none', 'shortlist', 'award')),"
    "  note          TEXT,"
    "  updated       TEXT NOT NULL"
    ");", NULL },

  /* 3: juror names in the audit chain (rows without a submission), and the call
   * sealed with a digest. SQLite cannot change a CHECK, so the table is rebuilt;
   * nothing refers to it. */
  { "CREATE TABLE audit_v3 ("
    "  juror_id      TEXT NOT NULL REFERENCES jurors (id),"
    "  seq           INTEGER NOT NULL CHECK (seq > 0),"
    "  submission_id TEXT REFERENCES submissions (id),"
    "  criterion_id  TEXT NOT NULL,"
    "  field         TEXT NOT NULL CHECK (field IN ('score', 'comment', 'conflict', 'done', 'juror-name')),"
    "  old           TEXT,"
    "  new           TEXT,"
    "  time          TEXT NOT NULL,"
    "  prev_hash     TEXT NOT NULL,"
    "  hash          TEXT NOT NULL,"
    "  PRIMARY KEY (juror_id, seq),"
    "  CHECK ((field = 'juror-name') = (submission_id IS NULL))"
    ") WITHOUT ROWID;"
    "INSERT INTO audit_v3 SELECT * FROM audit;"
    "DROP TABLE audit;"
    "ALTER TABLE audit_v3 RENAME TO audit;", seal_step },

  /* 4: the panel's decisions in the audit trail, as a chain of their own without a
   * juror. A key column cannot be NULL in a table WITHOUT ROWID, so the table is
   * rebuilt with a rowid; the partial index keeps the decisions' chain unique too,
   * which UNIQUE alone would not (NULLs are distinct there). */
  { "CREATE TABLE audit_v4 ("
    "  juror_id      TEXT REFERENCES jurors (id),"
    "  seq           INTEGER NOT NULL CHECK (seq > 0),"
    "  submission_id TEXT REFERENCES submissions (id),"
    "  criterion_id  TEXT NOT NULL,"
    "  field         TEXT NOT NULL CHECK (field IN ('score', 'comment', 'conflict', 'done', 'juror-name',"
    "                                               'decision', 'decision-note')),"
    "  old           TEXT,"
    "  new           TEXT,"
    "  time          TEXT NOT NULL,"
    "  prev_hash     TEXT NOT NULL,"
    "  hash          TEXT NOT NULL,"
    "  UNIQUE (juror_id, seq),"
    "  CHECK ((field = 'juror-name') = (submission_id IS NULL)),"
    "  CHECK ((field IN ('decision', 'decision-note')) = (juror_id IS NULL))"
    ");"
    "INSERT INTO audit_v4 SELECT * FROM audit;"
    "DROP TABLE audit;"
    "ALTER TABLE audit_v4 RENAME TO audit;"
    "CREATE UNIQUE INDEX audit_decisions ON audit (seq) WHERE juror_id IS NULL;", audit_decisions_step },

  /* 5: the submissions' attachments, copied from beside the call file when the
   * database is made; DATA is NULL in a handed-in copy, which leaves them out.
   * The call's digest covers them through the SHA-256 each submission names. */
  { "CREATE TABLE attachments ("
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  href          TEXT NOT NULL,"
    "  size          INTEGER NOT NULL CHECK (size >= 0),"
    "  data          BLOB,"
    "  UNIQUE (submission_id, href)"
    ");", NULL },

  /* 6: a round with invitations. In a panel, every juror invited (with the key of
   * the invitation, made when the juror was added), the submissions each reads in
   * their order, the conflicts the programme managers know of beforehand, and
   * each hand-in received; in a juror's invitation, the juror's own rows. The
   * chain of an invited juror is an HMAC under the invitation's key. */
  { "CREATE TABLE invitations ("
    "  juror_id TEXT PRIMARY KEY NOT NULL,"
    "  name     TEXT NOT NULL,"
    "  email    TEXT,"
    "  key      BLOB NOT NULL CHECK (length (key) = 32),"
    "  created  TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE TABLE assignments ("
    "  juror_id      TEXT NOT NULL REFERENCES invitations (juror_id),"
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  position      INTEGER NOT NULL CHECK (position >= 0),"
    "  PRIMARY KEY (juror_id, submission_id),"
    "  UNIQUE (juror_id, position)"
    ") WITHOUT ROWID;"
    "CREATE TABLE declared_conflicts ("
    "  juror_id      TEXT NOT NULL REFERENCES invitations (juror_id),"
    "  submission_id TEXT NOT NULL REFERENCES submissions (id),"
    "  PRIMARY KEY (juror_id, submission_id)"
    ") WITHOUT ROWID;"
    "CREATE TABLE hand_ins ("
    "  juror_id TEXT NOT NULL,"
    "  received TEXT NOT NULL,"
    "  file     TEXT NOT NULL,"
    "  entries  INTEGER NOT NULL CHECK (entries >= 0),"
    "  receipt  TEXT NOT NULL"
    ");", NULL },

  /* 7: each submission kept flat, its searchable text first, which a search
   * folds as it goes: no folded copy beside it, which doubled the file. The
   * call's digest hashes the submissions apart, see flatten_step(). */
  { "ALTER TABLE submissions DROP COLUMN search_text;", NULL, flatten_step },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migration_steps) == JURY_STORE_SCHEMA_VERSION);

#define SCHEMA_SELECT "SELECT type, name, tbl_name, sql FROM \"%w\".sqlite_master ORDER BY name"

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->type);
  g_free (object->name);
  g_free (object->tbl_name);
  g_free (object->sql);
  g_free (object);
}

/* The objects of DB's schema by name, or NULL with SQLite's result code in RC. */
static GHashTable *
read_schema (sqlite3    *db,
             const char *schema,
             int        *rc)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) schema_object_free);
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_mprintf (SCHEMA_SELECT, schema);

  *rc = sql != NULL ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;
  sqlite3_free (sql);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->tbl_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      /* A name is unique in a schema; a file that says otherwise is damaged. */
      if (object->name == NULL || g_hash_table_contains (objects, object->name))
        {
          schema_object_free (object);
          *rc = SQLITE_CORRUPT;
          break;
        }
      g_hash_table_insert (objects, object->name, object);
      *rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (*rc != SQLITE_DONE)
    return NULL;

  *rc = SQLITE_OK;
  return g_steal_pointer (&objects);
}

/* What the steps make is by definition the schema of each format: they are run
 * once on an empty database in memory, and what they made is kept per version. */
static GHashTable **
build_expected_schemas (void)
{
  GHashTable **schemas = g_new0 (GHashTable *, JURY_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;
  int rc;

  rc = jury_store_open_db (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db);
  for (guint version = 1; rc == SQLITE_OK && version <= JURY_STORE_SCHEMA_VERSION; version++)
    {
      rc = sqlite3_exec (db, migration_steps[version - 1].sql, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        schemas[version] = read_schema (db, "main", &rc);
    }
  if (rc != SQLITE_OK)
    g_error ("Jury Desk's own schema cannot be built: %s", sqlite3_errmsg (db));
  sqlite3_close (db);

  return schemas;
}

static GHashTable *
expected_schema (guint version)
{
  static GHashTable **schemas = NULL;

  g_assert (version >= 1 && version <= JURY_STORE_SCHEMA_VERSION);

  if (g_once_init_enter (&schemas))
    g_once_init_leave (&schemas, build_expected_schemas ());

  return schemas[version];
}

static gboolean
set_extra_object_error (JuryStore           *self,
                        const SchemaObject  *object,
                        GError             **error)
{
  const char *type = object->type != NULL ? object->type : "";

  if (g_str_equal (type, "trigger"))
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                 /* Translators: a file name, then the name of an object in the database */
                 _("%s holds a trigger “%s”, which no Jury Desk database has; it is refused"),
                 self->name, object->name);
  else if (g_str_equal (type, "view"))
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                 _("%s holds a view “%s”, which no Jury Desk database has; it is refused"),
                 self->name, object->name);
  else if (g_str_equal (type, "table"))
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                 _("%s holds a table “%s”, which no Jury Desk database has; it is refused"),
                 self->name, object->name);
  else if (g_str_equal (type, "index"))
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                 _("%s holds an index “%s”, which no Jury Desk database has; it is refused"),
                 self->name, object->name);
  else
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                 _("%s holds “%s”, which no Jury Desk database has; it is refused"),
                 self->name, object->name);

  return FALSE;
}

static gboolean
same_object (const SchemaObject *a,
             const SchemaObject *b)
{
  return g_strcmp0 (a->type, b->type) == 0 &&
         g_strcmp0 (a->tbl_name, b->tbl_name) == 0 &&
         g_strcmp0 (a->sql, b->sql) == 0;
}

/* What a step's code reads: each row's columns as text, NULL kept. */
static GPtrArray *
select_rows (JuryStore   *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = jury_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_ptr_array_add (row, jury_store_column_dup_text (stmt, i));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

#define ROW_TEXT(row, i) ((const char *) g_ptr_array_index ((row), (i)))

/* Files from before format 3 carry neither: each juror's chain gets its name
 * appended (so an earlier hand-in stays a prefix of it), and the call is sealed
 * as it stands. The entry takes the time of the juror's last entry (or of the
 * juror's creation), not the migration's: every migration of the same file, here
 * or on the juror's laptop, must append the very same entry. */
static gboolean
seal_step (JuryStore  *self,
           GError    **error)
{
  g_autoptr(GPtrArray) jurors = select_rows (self,
                                             "SELECT j.id, j.name, coalesce ((SELECT a.time FROM audit a"
                                             " WHERE a.juror_id = j.id ORDER BY a.seq DESC LIMIT 1),"
                                             " j.created) FROM jurors j ORDER BY j.name, j.id",
                                             error);

  if (jurors == NULL)
    return FALSE;

  for (guint i = 0; i < jurors->len; i++)
    {
      GPtrArray *juror = g_ptr_array_index (jurors, i);

      if (!jury_store_append_juror_name (self, ROW_TEXT (juror, 0), NULL, ROW_TEXT (juror, 1),
                                         ROW_TEXT (juror, 2), error))
        return FALSE;
    }

  return jury_store_seal_call (self, error);
}

/* Every body in the flat form, and the call sealed as format 7 defines its
 * digest; the old one is checked first, while the search texts it covers are
 * there. A call that was changed keeps the digest it had: the new way of
 * computing it never gives that, so verify and merge still find the change. A
 * body that does not read (only a damaged file has one) is left as it is, and
 * reads as damaged as before. */
static gboolean
flatten_step (JuryStore  *self,
              GError    **error)
{
  g_autoptr(GPtrArray) positions = select_rows (self, "SELECT position FROM submissions ORDER BY position", error);
  g_autoptr(JuryStoreOwnedStmt) read = NULL;
  g_autoptr(JuryStoreOwnedStmt) write = NULL;
  g_autoptr(GError) changed = NULL;
  gboolean intact;

  if (positions == NULL ||
      !(read = jury_store_prepare (self, "SELECT body FROM submissions WHERE position = ?1", error)) ||
      !(write = jury_store_prepare (self, "UPDATE submissions SET body = ?2 WHERE position = ?1", error)))
    return FALSE;

  /* Before format 3 nothing is sealed; step 3 sealed it as it stood. */
  intact = jury_store_check_call_digest_at (self, JURY_STORE_VERSION_FLAT - 1, &changed);
  if (!intact && !g_error_matches (changed, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED))
    {
      g_propagate_error (error, g_steal_pointer (&changed));
      return FALSE;
    }

  for (guint i = 0; i < positions->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (positions, i);
      const char *position = ROW_TEXT (row, 0);
      g_autoptr(JurySubmission) submission = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) damaged = NULL;
      const guint8 *data;
      int rc;

      sqlite3_reset (read);
      sqlite3_bind_int64 (read, 1, g_ascii_strtoll (position, NULL, 10));
      if ((rc = sqlite3_step (read)) != SQLITE_ROW)
        return jury_store_set_sqlite_error (self, rc, error);

      data = sqlite3_column_blob (read, 0);
      submission = jury_store_decode_submission (data, sqlite3_column_bytes (read, 0),
                                                 JURY_STORE_VERSION_FLAT - 1, &damaged);
      if (submission == NULL)
        {
          g_debug ("%s: submission at %s left as it is: %s", self->path, position, damaged->message);
          continue;
        }

      body = jury_submission_encode (submission);
      sqlite3_reset (write);
      sqlite3_bind_int64 (write, 1, g_ascii_strtoll (position, NULL, 10));
      sqlite3_bind_blob64 (write, 2, g_bytes_get_data (body, NULL), g_bytes_get_size (body), SQLITE_STATIC);
      if (!jury_store_step_write (self, write, error))
        return FALSE;
    }

  g_debug ("%s: call %s", self->path, intact ? "sealed anew" : "changed, its digest kept");
  return !intact || jury_store_seal_call_at (self, JURY_STORE_VERSION_FLAT, error);
}

/* Decisions a panel holds from before format 4 have no entries in the trail: each
 * gets them now, in file order, as if made from nothing at the time the row was
 * last updated, so that verify finds what the table holds. */
static gboolean
audit_decisions_step (JuryStore  *self,
                      GError    **error)
{
  g_autoptr(GPtrArray) decisions = select_rows (self,
                                                "SELECT d.submission_id, d.decision, d.note, d.updated"
                                                " FROM decisions d JOIN submissions s ON s.id = d.submission_id"
                                                " ORDER BY s.position",
                                                error);

  if (decisions == NULL)
    return FALSE;

  for (guint i = 0; i < decisions->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (decisions, i);
      JuryDecision decision;

      /* The table's CHECK allows no other name. */
      if (!jury_decision_from_string (ROW_TEXT (row, 1), &decision))
        return jury_store_set_damaged_error (self, error);

      if (!jury_store_audit_decision (self, ROW_TEXT (row, 0), JURY_DECISION_NONE, NULL,
                                      decision, ROW_TEXT (row, 2), ROW_TEXT (row, 3), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
run_step (JuryStore  *self,
          guint       version,
          GError    **error)
{
  const MigrationStep *step = &migration_steps[version - 1];
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);

  if (!jury_store_begin (self, error))
    return FALSE;

  if ((step->before != NULL && !step->before (self, error)) ||
      !jury_store_exec (self, step->sql, error) ||
      (step->code != NULL && !step->code (self, error)) ||
      !jury_store_exec (self, set_version, error))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  return jury_store_commit (self, error);
}

/* Every row of the file's sqlite_master must be one that the steps up to VERSION
 * make, and every row they make must be there: a trigger, view, table or index
 * more, or a table defined otherwise, is refused before anything is read. */
gboolean
jury_store_check_schema (JuryStore  *self,
                         guint       version,
                         GError    **error)
{
  return jury_store_check_schema_of (self, "main", version, error);
}

/* The same for the database attached as SCHEMA. */
gboolean
jury_store_check_schema_of (JuryStore   *self,
                            const char  *schema,
                            guint        version,
                            GError     **error)
{
  GHashTable *expected = expected_schema (version);
  g_autoptr(GHashTable) actual = NULL;
  g_autoptr(GList) names = NULL;
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (!(actual = read_schema (self->db, schema, &rc)))
    return jury_store_set_sqlite_error (self, rc, error);

  /* In order of name, so that the message is the same every time. */
  names = g_list_sort (g_hash_table_get_keys (actual), (GCompareFunc) g_strcmp0);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const SchemaObject *object = g_hash_table_lookup (actual, l->data);
      const SchemaObject *ours = g_hash_table_lookup (expected, l->data);

      if (ours == NULL)
        return set_extra_object_error (self, object, error);
      if (!same_object (object, ours))
        {
          g_debug ("%s: %s is “%s”, expected “%s”", self->path, object->name, object->sql, ours->sql);
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                       /* Translators: a file name, then the name of a table or an index */
                       _("%s: “%s” is not defined as Jury Desk defines it; the file is refused"),
                       self->name, object->name);
          return FALSE;
        }
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (actual, ((SchemaObject *) value)->name))
      {
        g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_SCHEMA,
                     /* Translators: a file name, then the name of a table or an index */
                     _("%s lacks “%s”, which every Jury Desk database has; the file is refused"),
                     self->name, ((SchemaObject *) value)->name);
        return FALSE;
      }

  return TRUE;
}

gboolean
jury_store_migrate (JuryStore  *self,
                    guint       from_version,
                    guint       to_version,
                    GError    **error)
{
  g_assert (to_version <= G_N_ELEMENTS (migration_steps));

  for (guint version = from_version + 1; version <= to_version; version++)
    {
      g_debug ("%s: migrating to format %u", self->path, version);
      if (!run_step (self, version, error))
        return FALSE;
    }

  self->format = MAX (from_version, to_version);
  return TRUE;
}
