/* jury-store-sql.h: what the files of the store (jury-store-*.c) share: the database
 * connection, its statements and SQL helpers. Only they include it: nothing else
 * speaks SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <sqlite3.h>

#include "jury-hasher.h"
#include "jury-store.h"
#include "jury-store-copy.h"
#include "jury-store-round.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"

G_BEGIN_DECLS

/* The first format whose call is sealed with a digest and whose audit chains
 * hold the jurors' names. */
#define JURY_STORE_VERSION_SEALED 3
/* The first format with invitations, keyed chains and assignments. */
#define JURY_STORE_VERSION_INVITATIONS 6
/* The first format whose submissions are kept flat (jury_submission_encode()),
 * searched without a search text of their own, and hashed apart for the digest. */
#define JURY_STORE_VERSION_FLAT 7

/* The statements a store keeps prepared; see store_sql[] in jury-store.c. */
typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_META_GET,
  STMT_META_SET,
  STMT_META_VALUE,
  STMT_CRITERIA,
  STMT_CRITERION_INSERT,
  STMT_LEVELS,
  STMT_LEVEL_INSERT,
  STMT_SUBMISSION_COUNT,
  STMT_SUBMISSION_INSERT,
  STMT_SUBMISSION_EXISTS,
  STMT_SUBMISSION_BODY,
  STMT_CALL_SUBMISSIONS,
  STMT_SUBMISSION_ROWS,
  STMT_SUBMISSION_ROW,
  STMT_SEARCH,
  STMT_JUROR_NAME,
  STMT_JUROR_LIST,
  STMT_JUROR_INSERT,
  STMT_JUROR_RENAME,
  STMT_SCORE_GET,
  STMT_SCORE_SET,
  STMT_SCORE_DELETE,
  STMT_SCORE_COUNT,
  STMT_REVIEW_SCORES,
  STMT_COMMENT_GET,
  STMT_COMMENT_SET,
  STMT_COMMENT_DELETE,
  STMT_REVIEW_COMMENTS,
  STMT_FLAGS_GET,
  STMT_CONFLICT_SET,
  STMT_DONE_SET,
  STMT_PROGRESS,
  STMT_AUDIT_LAST,
  STMT_AUDIT_INSERT,
  STMT_AUDIT_LENGTH,
  STMT_AUDIT_CHAIN,
  STMT_JUROR_STATE,
  STMT_DECISION_GET,
  STMT_DECISION_SET,
  STMT_DECISION_STATE,
  STMT_SUBMISSION_IDS,
  STMT_ALL_REVIEWS,
  STMT_ATTACHMENT_INSERT,
  STMT_ATTACHMENT_DATA,
  STMT_INVITATION_KEY,
  STMT_ASSIGNED_ROWS,
  STMT_ASSIGNED_COUNT,
  STMT_ASSIGNED_ONE,
  N_STMTS
} JuryStoreStmtId;

/* The head of one audit chain, while jury_store_hold_chain_heads() keeps it. */
typedef struct
{
  gboolean  known;
  char     *juror_id;   /* NULL: the decisions' chain */
  gint64    seq;
  char     *hash;
  GBytes   *key;        /* nullable */
  char     *time;       /* when the batch is made, for its every entry */
} JuryChainHead;

struct _JuryStore
{
  GObject       parent_instance;

  char         *path;
  char         *name;           /* the file's basename, for messages */
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  JuryCall     *call;
  char         *sole_juror_id;
  /* Within one batch of changes: the chain last appended to. */
  JuryChainHead *chain_head;
  /* The store whose file is attached as "hand_in", see jury_store_attach(). */
  JuryStore    *attached;

  /* A panel being made: the descriptor that holds its temporary file locked. */
  int           temp_fd;
  /* The format of the database as the connection sees it (user_version). */
  guint         format;
  /* The file as it was opened: a save checks that the path still leads there. */
  dev_t         dev;
  ino_t         ino;
  /* Whether the file passed PRAGMA quick_check, which an open may leave to a worker
   * (jury_store_open_deferring_check()): the first write waits for it. */
  GMutex        check_lock;
  GCond         check_cond;
  guint         check_state;    /* a JuryStoreCheckState, under check_lock */

  guint         read_only : 1;
  guint         fail_writes : 1;
  guint         panel : 1;
  guint         has_identity : 1;
  /* Read without locks: the file had no log beside it and may not be written. */
  guint         immutable : 1;
};

/* A statement borrowed from the store's cache: g_autoptr resets it at the end of
 * the scope instead of freeing it, so that it is ready for the next use. */
typedef sqlite3_stmt JuryStoreStmt;
void              jury_store_stmt_release      (JuryStoreStmt      *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryStoreStmt, jury_store_stmt_release)

/* A statement of the caller's own, for SQL the store runs once (a merge, a migration
 * step): g_autoptr finalizes it at the end of the scope. */
typedef sqlite3_stmt JuryStoreOwnedStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryStoreOwnedStmt, sqlite3_finalize)

typedef enum
{
  JURY_STORE_CHECK_PASSED,      /* checked, or made by this program */
  JURY_STORE_CHECK_DEFERRED,
  JURY_STORE_CHECK_RUNNING,
  JURY_STORE_CHECK_FAILED,
} JuryStoreCheckState;

/* jury-store.c */
/* sqlite3_open_v2() in serialized mode, as every connection of a store is opened. */
int               jury_store_open_db           (const char         *filename,
                                                int                 flags,
                                                sqlite3           **db);
JuryStore        *jury_store_new_for_path      (const char         *path);
gboolean          jury_store_connect_new       (JuryStore          *self,
                                                GError            **error);
void              jury_store_close             (JuryStore          *self);
/* Whether JUROR_ID may work on SUBMISSION_ID: it is in the juror's plan, or there
 * is none. */
gboolean          jury_store_is_assigned       (JuryStore          *self,
                                                const char         *juror_id,
                                                const char         *submission_id,
                                                gboolean           *assigned,
                                                GError            **error);
/* Reads the call and the jurors' ids from the database, after connecting. */
gboolean          jury_store_load              (JuryStore          *self,
                                                GError            **error);
/* Runs PRAGMA, which must answer CLEAN (or nothing when CLEAN is NULL); anything
 * else means the file is damaged. */
gboolean          jury_store_check_pragma      (JuryStore          *self,
                                                const char         *pragma,
                                                const char         *clean,
                                                GError            **error);
void              jury_store_emit_review_changed (JuryStore        *self,
                                                const char         *juror_id,
                                                const char         *submission_id);
void              jury_store_emit_decision_changed (JuryStore      *self,
                                                const char         *submission_id);
JuryStoreStmt    *jury_store_stmt              (JuryStore          *self,
                                                JuryStoreStmtId     id,
                                                GError            **error);
JuryStoreOwnedStmt *jury_store_prepare         (JuryStore          *self,
                                                const char         *sql,
                                                GError            **error);
void              jury_store_bind_text         (JuryStoreStmt      *stmt,
                                                int                 index,
                                                const char         *text);
char             *jury_store_column_dup_text   (JuryStoreStmt      *stmt,
                                                int                 column);
/* Both set a GError for SQLite's RC and return FALSE; reading gives IO, writing WRITE. */
gboolean          jury_store_set_sqlite_error  (JuryStore          *self,
                                                int                 rc,
                                                GError            **error);
gboolean          jury_store_set_write_error   (JuryStore          *self,
                                                int                 rc,
                                                GError            **error);
/* A translated phrase for SQLite's RC on DB (nullable) ("the disk is full"). */
const char       *jury_store_describe_sqlite_error (sqlite3          *db,
                                                int                 rc);
gboolean          jury_store_set_damaged_error (JuryStore          *self,
                                                GError            **error);

/* jury-store-merge.c */
/* Makes the table jury_rows known to DB, through which a copy reads the rows of
 * another connection's statement. */
int               jury_store_register_rows     (sqlite3            *db);
/* jury-store-check.c */
/* A read-only connection of its own to the store's file, for a worker thread. */
int               jury_store_open_reader       (JuryStore          *self,
                                                sqlite3           **db);
/* TRUE once the file passed PRAGMA quick_check: runs a deferred check, or waits for
 * the one running; every write asks first. */
gboolean          jury_store_ensure_checked    (JuryStore          *self,
                                                GError            **error);
/* Steps a statement that writes and returns no rows; every write goes through here. */
gboolean          jury_store_step_write        (JuryStore          *self,
                                                JuryStoreStmt      *stmt,
                                                GError            **error);
gboolean          jury_store_lookup_juror      (JuryStore          *self,
                                                const char         *juror_id,
                                                char              **name,
                                                GError            **error);
gboolean          jury_store_lookup_submission (JuryStore          *self,
                                                const char         *submission_id,
                                                GError            **error);
/* Fills REVIEW (new, for its juror and submission) with what the file holds. */
gboolean          jury_store_read_review       (JuryStore          *self,
                                                JuryReview         *review,
                                                GError            **error);
gboolean          jury_store_read_flags        (JuryStore          *self,
                                                const char         *juror_id,
                                                const char         *submission_id,
                                                gboolean           *conflict,
                                                gboolean           *done,
                                                GError            **error);
/* Adds a juror with a new random id inside the caller's transaction; NAME_IN_CHAIN
 * starts the juror's audit chain with the name. */
JuryJuror        *jury_store_insert_juror      (JuryStore          *self,
                                                const char         *name,
                                                gboolean            name_in_chain,
                                                GError            **error);
/* A submission as the format VERSION keeps it: flat from format 7 on, before
 * as a GVariant; decoding fails in G_IO_ERROR as jury_submission_decode() does. */
GBytes           *jury_store_encode_submission (const JurySubmission *submission,
                                                guint               version);
JurySubmission   *jury_store_decode_submission (const guint8       *data,
                                                gsize               size,
                                                guint               version,
                                                GError            **error);

/* jury-store-files.c */
/* Copies every page of the store's database into DEST through the backup API;
 * SQLite's result code (SQLITE_OK also when CANCELLABLE stopped it early). */
int               jury_store_copy_pages        (JuryStore          *self,
                                                sqlite3            *dest,
                                                GCancellable       *cancellable);
/* A complete copy through the backup API in a new temporary file beside DEST_PATH;
 * its descriptor (kept for the final fsync), or -1. */
int               jury_store_backup_to_temp    (JuryStore          *self,
                                                const char         *dest_path,
                                                char              **tmp_path,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* jury-store-attachments.c */
/* Reads SUBMISSION's attachments from FOLDER (nullable: the call is not in a
 * folder on this computer), checks each against its SHA-256, type and size, and
 * stores it; CALL_NAME names the call file in messages. Inside the caller's
 * transaction. */
gboolean          jury_store_insert_attachments (JuryStore         *self,
                                                const JurySubmission *submission,
                                                const char         *folder,
                                                const char         *call_name,
                                                GError            **error);
/* For verify: every attachment held is one a submission names, with its bytes. */
gboolean          jury_store_check_attachments (JuryStore          *self,
                                                GError            **error);

/* jury-store-schema.c */
/* jury_store_check_schema() of the database attached to SELF as SCHEMA. */
gboolean          jury_store_check_schema_of   (JuryStore          *self,
                                                const char         *schema,
                                                guint               version,
                                                GError            **error);
/* Brings a connection from its user_version up to VERSION, each step in its own
 * transaction. */
gboolean          jury_store_migrate           (JuryStore          *self,
                                                guint               from_version,
                                                guint               to_version,
                                                GError            **error);

/* jury-store-panel.c */
/* The entries of the decisions' chain for a change of a decision row, at TIME. */
gboolean          jury_store_audit_decision    (JuryStore          *self,
                                                const char         *submission_id,
                                                JuryDecision        old_decision,
                                                const char         *old_note,
                                                JuryDecision        decision,
                                                const char         *note,
                                                const char         *time,
                                                GError            **error);

/* jury-store-audit.c */
/* While HOLD, the head of the chain last appended to is kept instead of read
 * again for the next entry, and every entry is stamped with one time: for one
 * batch of changes inside one transaction, which nothing else writes meanwhile.
 * FALSE forgets it. */
void              jury_store_hold_chain_heads  (JuryStore          *self,
                                                gboolean            hold);
/* jury_store_append_audit() with the entry's TIME given: a migration stamps what it adds with a
 * time taken from the file, so that every migration of a file adds the same entries. */
gboolean          jury_store_append_audit_at   (JuryStore          *self,
                                                const char         *juror_id,
                                                const char         *submission_id,
                                                const char         *criterion_id,
                                                const char         *field,
                                                const char         *old_value,
                                                const char         *new_value,
                                                const char         *time,
                                                GError            **error);
/* The keys of table meta that describe the call (and that its digest covers),
 * NULL-terminated. */
extern const char * const jury_store_call_meta_keys[];
/* Recomputes the call's digest and compares it with meta "call_digest"; _at as
 * the format VERSION defines the digest, the other as the connection's format. */
gboolean          jury_store_check_call_digest (JuryStore          *self,
                                                GError            **error);
gboolean          jury_store_check_call_digest_at (JuryStore       *self,
                                                guint               version,
                                                GError            **error);
/* Stores the digest of the call as it is now in meta "call_digest", which
 * jury_store_verify() recomputes; likewise. */
gboolean          jury_store_seal_call         (JuryStore          *self,
                                                GError            **error);
gboolean          jury_store_seal_call_at      (JuryStore          *self,
                                                guint               version,
                                                GError            **error);
/* The submissions' part of the digest from format 7 on, taken as each row is
 * written (in a thread of its own when THREADED); jury_store_seal_call_with()
 * finishes it with the rest of the call as the database holds it by then. */
JuryHasher       *jury_store_submissions_digest_new (gboolean      threaded);
void              jury_store_submissions_digest_add (JuryHasher    *hasher,
                                                gint64              position,
                                                const char         *id,
                                                const char         *title,
                                                const char         *region,
                                                const char         *network,
                                                const guint8       *body,
                                                gsize               body_size);
gboolean          jury_store_seal_call_with    (JuryStore          *self,
                                                const char         *submissions_hex,
                                                GError            **error);

/* jury-store.c */
/* Internal open: migrates no further than TO_VERSION; READ_ONLY never writes. */
JuryStore        *jury_store_open_full         (const char         *path,
                                                guint               to_version,
                                                gboolean            read_only,
                                                GError            **error);
/* Opens for writing a file of format VERSION that this process has just made. */
JuryStore        *jury_store_open_made         (const char         *path,
                                                guint               version,
                                                GError            **error);

G_END_DECLS
