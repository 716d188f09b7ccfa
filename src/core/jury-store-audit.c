/* jury-store-audit.c: the audit chains (jurors', decisions') and checking a database against them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "jury-hasher.h"
#include "jury-store-sql.h"

/* The prev_hash of a chain's first entry. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  const char *juror_id;
  gint64      seq;
  const char *submission_id;
  const char *criterion_id;
  const char *field;
  const char *old_value;
  const char *new_value;
  const char *time;
  const char *prev_hash;
} AuditEntry;

/* Whose chain: a juror's, or (JUROR_ID NULL) the panel's decisions. */
typedef struct
{
  const char      *juror_id;
  const char      *label;     /* who, in messages */
  JuryStoreStmtId  state_id;  /* what the tables say, in the terms of the trail */
  const char      *file;      /* the file messages name */
} Chain;

/* The parts of the call that the digest covers, from table meta. */
const char * const jury_store_call_meta_keys[] = {
  "call_id", "lang", "title", "theme", "description", "awards", "scale_min", "scale_max", "call_sha256",
  NULL
};

/* A SHA-256, or one computed in a thread beside. */
typedef struct
{
  struct sha256_ctx  checksum;
  JuryHasher        *hasher;
} Digest;

static void
digest_init (Digest *digest)
{
  sha256_init (&digest->checksum);
  digest->hasher = NULL;
}

static void
digest_update (Digest       *digest,
               const guchar *data,
               gssize        length)
{
  gsize n = length < 0 ? strlen ((const char *) data) : (gsize) length;

  if (digest->hasher != NULL)
    jury_hasher_update (digest->hasher, data, n);
  else
    sha256_update (&digest->checksum, n, data);
}

/* The digest in hexadecimal. */
static char *
digest_finish (Digest *digest)
{
  guint8 bytes[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * sizeof bytes + 1);

  sha256_digest (&digest->checksum, sizeof bytes, bytes);
  jury_hex_encode (bytes, sizeof bytes, hex);
  return hex;
}

/* Each field as "LENGTH:BYTES", NULL as "-": no two rows serialise alike. */
static void
hash_bytes (Digest       *digest,
            const guchar *data,
            gsize         length)
{
  char prefix[32];

  if (data == NULL)
    {
      digest_update (digest, (const guchar *) "-", 1);
      return;
    }

  g_snprintf (prefix, sizeof prefix, "%" G_GSIZE_FORMAT ":", length);
  digest_update (digest, (const guchar *) prefix, -1);
  digest_update (digest, data, length);
}

static void
hash_field (Digest     *digest,
            const char *value)
{
  hash_bytes (digest, (const guchar *) value, value != NULL ? strlen (value) : 0);
}

/* Columns are hashed as the store reads them: text as text, numbers in full
 * precision, blobs byte for byte. */
static void
hash_column (Digest        *checksum,
             JuryStoreStmt *stmt,
             int            column)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      hash_field (checksum, NULL);
      break;
    case SQLITE_INTEGER:
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
      hash_field (checksum, number);
      break;
    case SQLITE_FLOAT:
      hash_field (checksum, g_ascii_formatd (number, sizeof number, "%.17g", sqlite3_column_double (stmt, column)));
      break;
    default:
      {
        const guchar *data = sqlite3_column_blob (stmt, column);

        hash_bytes (checksum, data != NULL ? data : (const guchar *) "", sqlite3_column_bytes (stmt, column));
      }
      break;
    }
}

static gboolean
hash_statement (JuryStore      *self,
                Digest         *checksum,
                JuryStoreStmt  *stmt,
                GError        **error)
{
  int rc;

  hash_field (checksum, "rows");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      hash_column (checksum, stmt, i);
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

static gboolean
hash_rows (JuryStore        *self,
           Digest           *checksum,
           JuryStoreStmtId   id,
           GError          **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, id, error);

  return stmt != NULL && hash_statement (self, checksum, stmt, error);
}

gboolean
jury_store_get_meta (JuryStore   *self,
                     const char  *key,
                     char       **value,
                     GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_META_VALUE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  *value = rc == SQLITE_ROW ? jury_store_column_dup_text (stmt, 0) : NULL;
  return TRUE;
}

/* The submissions as a format before 7 holds them, with the search text each
 * kept beside its body. */
#define CALL_SUBMISSIONS_BEFORE_FLAT \
  "SELECT position, id, title, region, network, body, search_text FROM submissions ORDER BY position"

static void
hash_meta (JuryStore  *self,
           Digest     *checksum,
           gboolean   *ok,
           GError    **error)
{
  for (guint i = 0; *ok && jury_store_call_meta_keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!(*ok = jury_store_get_meta (self, jury_store_call_meta_keys[i], &value, error)))
        break;
      hash_field (checksum, jury_store_call_meta_keys[i]);
      hash_field (checksum, value);
    }
}

/* SHA-256 over the call as a format before 7 holds it: its description in meta,
 * the criteria with their weights and levels, the submissions with their bodies
 * and search texts. */
static char *
compute_call_digest_before_flat (JuryStore  *self,
                                 GError    **error)
{
  g_autoptr(JuryStoreOwnedStmt) submissions = NULL;
  Digest digest;
  Digest *checksum = &digest;
  gboolean ok = TRUE;

  digest_init (&digest);
  hash_field (checksum, "jury-desk-call-1");
  hash_meta (self, checksum, &ok, error);

  ok = ok &&
       hash_rows (self, checksum, STMT_CRITERIA, error) &&
       hash_rows (self, checksum, STMT_LEVELS, error) &&
       (submissions = jury_store_prepare (self, CALL_SUBMISSIONS_BEFORE_FLAT, error)) &&
       hash_statement (self, checksum, submissions, error);

  {
    g_autofree char *hex = digest_finish (&digest);

    return ok ? g_steal_pointer (&hex) : NULL;
  }
}

/* From format 7 on, the submissions are hashed apart and the call's digest
 * takes theirs: so a new database can hash each submission as it is written,
 * before the call file's own SHA-256, which the description holds, is known. */
static char *
finish_call_digest (JuryStore   *self,
                    const char  *submissions_hex,
                    GError     **error)
{
  Digest digest;
  Digest *checksum = &digest;
  gboolean ok = TRUE;

  digest_init (&digest);
  hash_field (checksum, "jury-desk-call-2");
  hash_meta (self, checksum, &ok, error);

  ok = ok &&
       hash_rows (self, checksum, STMT_CRITERIA, error) &&
       hash_rows (self, checksum, STMT_LEVELS, error);
  hash_field (checksum, "submissions");
  hash_field (checksum, submissions_hex);

  {
    g_autofree char *hex = digest_finish (&digest);

    return ok ? g_steal_pointer (&hex) : NULL;
  }
}

/* The call's digest as the format VERSION defines it. */
static char *
compute_call_digest (JuryStore  *self,
                     guint       version,
                     GError    **error)
{
  g_autofree char *submissions_hex = NULL;
  Digest digest;

  if (version < JURY_STORE_VERSION_FLAT)
    return compute_call_digest_before_flat (self, error);

  digest_init (&digest);
  if (!hash_rows (self, &digest, STMT_CALL_SUBMISSIONS, error))
    {
      g_free (digest_finish (&digest));
      return NULL;
    }
  submissions_hex = digest_finish (&digest);

  return finish_call_digest (self, submissions_hex, error);
}

/* The hash of an entry: keyed when its juror came from an invitation, so that
 * only the invitation and the panel can make the chain. */
/* hash_field() into OUT, to be hashed in one piece: an entry is hashed for every
 * change and for every entry verify replays. */
static void
serialize_field (GString    *out,
                 const char *value)
{
  char digits[24];
  gsize i = sizeof digits;
  gsize length;

  if (value == NULL)
    {
      g_string_append_c (out, '-');
      return;
    }

  length = strlen (value);
  digits[--i] = ':';
  for (gsize n = length; i == sizeof digits - 1 || n > 0; n /= 10)
    digits[--i] = (char) ('0' + n % 10);
  g_string_append_len (out, digits + i, sizeof digits - i);
  g_string_append_len (out, value, length);
}

/* Hashes the entries of one chain: a chain of thousands of entries is replayed
 * for every hand-in and again in the panel, so what can be is made once. */
typedef struct
{
  gboolean                keyed;
  struct sha256_ctx       checksum;  /* without a key */
  struct hmac_sha256_ctx  hmac;      /* with one; back to the key after each digest */
  GString                *serialized;
} EntryHasher;

#define HASH_HEX_LENGTH (2 * SHA256_DIGEST_SIZE)

static void
entry_hasher_init (EntryHasher *hasher,
                   GBytes      *key)
{
  gsize length;
  const guchar *data;

  hasher->serialized = g_string_sized_new (512);
  hasher->keyed = key != NULL;
  if (key == NULL)
    {
      sha256_init (&hasher->checksum);
      return;
    }

  data = g_bytes_get_data (key, &length);
  hmac_sha256_set_key (&hasher->hmac, length, data);
}

static void
entry_hasher_clear (EntryHasher *hasher)
{
  g_string_free (hasher->serialized, TRUE);
  /* The key is not left behind in memory. */
  memset (&hasher->hmac, 0, sizeof hasher->hmac);
}

/* ENTRY's hash in lowercase hexadecimal into HEX. */
static void
entry_hasher_hash (EntryHasher      *hasher,
                   const AuditEntry *entry,
                   char              hex[HASH_HEX_LENGTH + 1])
{
  GString *out = hasher->serialized;
  guint8 digest[SHA256_DIGEST_SIZE];
  char seq[32];

  g_string_truncate (out, 0);
  g_snprintf (seq, sizeof seq, "%" G_GINT64_FORMAT, entry->seq);
  serialize_field (out, "jury-desk-audit-1");
  serialize_field (out, entry->juror_id);
  serialize_field (out, seq);
  serialize_field (out, entry->submission_id);
  serialize_field (out, entry->criterion_id);
  serialize_field (out, entry->field);
  serialize_field (out, entry->old_value);
  serialize_field (out, entry->new_value);
  serialize_field (out, entry->time);
  serialize_field (out, entry->prev_hash);

  /* Both start afresh after a digest. */
  if (hasher->keyed)
    {
      hmac_sha256_update (&hasher->hmac, out->len, (const guint8 *) out->str);
      hmac_sha256_digest (&hasher->hmac, sizeof digest, digest);
    }
  else
    {
      sha256_update (&hasher->checksum, out->len, (const guint8 *) out->str);
      sha256_digest (&hasher->checksum, sizeof digest, digest);
    }

  jury_hex_encode (digest, sizeof digest, hex);
}

gboolean
jury_store_get_juror_key (JuryStore   *self,
                          const char  *juror_id,
                          GBytes     **key,
                          GError     **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  int rc;

  *key = NULL;
  /* The decisions' chain, and files from before invitations, have no key. */
  if (juror_id == NULL || self->format < JURY_STORE_VERSION_INVITATIONS)
    return TRUE;

  if (!(stmt = jury_store_stmt (self, STMT_INVITATION_KEY, error)))
    return FALSE;
  jury_store_bind_text (stmt, 1, juror_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
    *key = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

/* An unset flag reads "0" in the trail and has no row (or 0) in the tables; no
 * decision reads "none". */
static const char *
normalize_value (const char *field,
                 const char *value)
{
  if (g_strcmp0 (value, "0") == 0 && (g_str_equal (field, "conflict") || g_str_equal (field, "done")))
    return NULL;
  if (g_strcmp0 (value, "none") == 0 && g_str_equal (field, "decision"))
    return NULL;

  return value;
}

/* A juror's name has no submission; NULL stands for "" so the key stays whole. */
static char *
state_key (const char *field,
           const char *submission_id,
           const char *criterion_id)
{
  return g_strjoin ("\x1f", field, submission_id != NULL ? submission_id : "", criterion_id, NULL);
}

static gboolean
set_tampered (GError     **error,
              const char  *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_tampered (GError     **error,
              const char  *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED, format, args));
  va_end (args);

  return FALSE;
}

static gboolean
set_mismatch (JuryStore    *self,
              const Chain  *chain,
              const char   *key,
              const char   *in_data,
              const char   *in_trail,
              GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (key, "\x1f", 3);
  const char *field = parts[0], *submission_id = parts[1], *criterion_id = parts[2];

  g_debug ("%s: %s of %s: data %s, trail %s", self->path, key, chain->juror_id, in_data, in_trail);

  if (g_str_equal (field, "juror-name"))
    return set_tampered (error,
                         /* Translators: file, juror id, name, name */
                         _("%s: the juror %s is named “%s” in the data but “%s” in the audit trail"),
                         chain->file, chain->juror_id, in_data != NULL ? in_data : _("none"),
                         in_trail != NULL ? in_trail : _("none"));
  if (g_str_equal (field, "decision"))
    return set_tampered (error,
                         /* Translators: file, submission, decision, decision ("shortlist", "award") */
                         _("%s: the decision on “%s” is %s in the data but %s in the audit trail"),
                         chain->file, submission_id, in_data != NULL ? in_data : _("none"),
                         in_trail != NULL ? in_trail : _("none"));
  if (g_str_equal (field, "decision-note"))
    return set_tampered (error,
                         /* Translators: file, submission */
                         _("%s: the note on the decision on “%s” differs from the audit trail"),
                         chain->file, submission_id);
  if (g_str_equal (field, "score"))
    return set_tampered (error,
                         /* Translators: file, criterion, submission, juror, score, score */
                         _("%s: the score of “%s” for “%s” by %s is %s in the data but %s in the audit trail"),
                         chain->file, criterion_id, submission_id, chain->label,
                         in_data != NULL ? in_data : _("none"), in_trail != NULL ? in_trail : _("none"));
  if (g_str_equal (field, "comment") && *criterion_id != '\0')
    return set_tampered (error,
                         /* Translators: file, criterion, submission, juror */
                         _("%s: the comment on “%s” for “%s” by %s differs from the audit trail"),
                         chain->file, criterion_id, submission_id, chain->label);
  if (g_str_equal (field, "comment"))
    return set_tampered (error,
                         /* Translators: file, submission, juror */
                         _("%s: the overall comment on “%s” by %s differs from the audit trail"),
                         chain->file, submission_id, chain->label);
  if (g_str_equal (field, "conflict"))
    return set_tampered (error,
                         /* Translators: file, submission, juror */
                         _("%s: the conflict of interest for “%s” declared by %s differs from the audit trail"),
                         chain->file, submission_id, chain->label);

  return set_tampered (error,
                       /* Translators: file, submission, juror */
                       _("%s: whether “%s” is done by %s differs from the audit trail"),
                       chain->file, submission_id, chain->label);
}

/* Walks CHAIN: contiguous, linked, every hash right, every old value the
 * new value before it. Leaves the resulting state in STATE (key → value). */
static gboolean
replay_chain (JuryStore    *self,
              const Chain  *chain,
              GHashTable   *state,
              GError      **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  g_autoptr(GBytes) juror_key = NULL;
  char prev_hash[HASH_HEX_LENGTH + 1] = GENESIS_HASH;
  char hash[HASH_HEX_LENGTH + 1];
  EntryHasher hasher;
  gboolean ok = TRUE;
  gint64 expected_seq = 1;
  int rc;

  if (!jury_store_get_juror_key (self, chain->juror_id, &juror_key, error) ||
      !(stmt = jury_store_stmt (self, STMT_AUDIT_CHAIN, error)))
    return FALSE;

  entry_hasher_init (&hasher, juror_key);
  jury_store_bind_text (stmt, 1, chain->juror_id);
  for (; ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW; expected_seq++)
    {
      AuditEntry entry = {
        .juror_id = chain->juror_id,
        .seq = sqlite3_column_int64 (stmt, 0),
        .submission_id = (const char *) sqlite3_column_text (stmt, 1),
        .criterion_id = (const char *) sqlite3_column_text (stmt, 2),
        .field = (const char *) sqlite3_column_text (stmt, 3),
        .old_value = (const char *) sqlite3_column_text (stmt, 4),
        .new_value = (const char *) sqlite3_column_text (stmt, 5),
        .time = (const char *) sqlite3_column_text (stmt, 6),
        .prev_hash = (const char *) sqlite3_column_text (stmt, 7),
      };
      const char *stored_hash = (const char *) sqlite3_column_text (stmt, 8);
      g_autofree char *key = state_key (entry.field, entry.submission_id, entry.criterion_id);

      entry_hasher_hash (&hasher, &entry, hash);

      if (entry.seq != expected_seq)
        ok = set_tampered (error,
                           /* Translators: file, number, a juror’s name or “the panel’s decisions” */
                           _("%s: entry %u of the audit trail of %s is missing"),
                           chain->file, (guint) expected_seq, chain->label);
      else if (g_strcmp0 (entry.prev_hash, prev_hash) != 0 || g_strcmp0 (stored_hash, hash) != 0)
        ok = set_tampered (error,
                           /* Translators: file, number, a juror’s name or “the panel’s decisions” */
                           _("%s: entry %u of the audit trail of %s was altered"),
                           chain->file, (guint) entry.seq, chain->label);
      else if (g_strcmp0 (normalize_value (entry.field, entry.old_value),
                          normalize_value (entry.field, g_hash_table_lookup (state, key))) != 0)
        ok = set_tampered (error,
                           /* Translators: file, number, a juror’s name or “the panel’s decisions” */
                           _("%s: entry %u of the audit trail of %s contradicts the entries before it"),
                           chain->file, (guint) entry.seq, chain->label);
      else
        {
          g_hash_table_insert (state, g_steal_pointer (&key),
                               g_strdup (normalize_value (entry.field, entry.new_value)));
          memcpy (prev_hash, hash, sizeof prev_hash);
        }
    }
  entry_hasher_clear (&hasher);

  if (ok && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return ok;
}

/* Every value in the tables must be the trail's last word on it, and every value
 * the trail left standing must be in the tables. */
static gboolean
compare_state (JuryStore    *self,
               const Chain  *chain,
               GHashTable   *state,
               GError      **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, chain->state_id, error);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (chain->juror_id != NULL)
    jury_store_bind_text (stmt, 1, chain->juror_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *row_key = state_key ((const char *) sqlite3_column_text (stmt, 0),
                                            (const char *) sqlite3_column_text (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2));
      const char *in_data = (const char *) sqlite3_column_text (stmt, 3);
      const char *in_trail = g_hash_table_lookup (state, row_key);

      if (g_strcmp0 (in_data, in_trail) != 0)
        return set_mismatch (self, chain, row_key, in_data, in_trail, error);
      g_hash_table_remove (state, row_key);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  g_hash_table_iter_init (&iter, state);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      return set_mismatch (self, chain, key, NULL, value, error);

  return TRUE;
}

gboolean
jury_store_check_pragma (JuryStore   *self,
                         const char  *pragma,
                         const char  *clean,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found_problem = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (clean == NULL || g_strcmp0 (text, clean) != 0)
        {
          g_debug ("%s: %s: %s", self->path, pragma, text);
          found_problem = TRUE;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  if (found_problem)
    return jury_store_set_damaged_error (self, error);

  return TRUE;
}

static gboolean
check_chain (JuryStore    *self,
             const Chain  *chain,
             GError      **error)
{
  g_autoptr(GHashTable) state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return replay_chain (self, chain, state, error) &&
         compare_state (self, chain, state, error);
}

gboolean
jury_store_append_audit (JuryStore   *self,
                         const char  *juror_id,
                         const char  *submission_id,
                         const char  *criterion_id,
                         const char  *field,
                         const char  *old_value,
                         const char  *new_value,
                         GError     **error)
{
  g_autofree char *now = NULL;

  /* The changes of one batch are made at one time, that of the batch. */
  if (self->chain_head == NULL)
    now = jury_store_dup_time_now ();

  return jury_store_append_audit_at (self, juror_id, submission_id, criterion_id, field,
                                     old_value, new_value, now != NULL ? now : self->chain_head->time, error);
}

/* The head of JUROR_ID's chain (NULL: the decisions'): its last seq (0 when it
 * is empty), its last hash, and the key its entries are hashed with. Taken from
 * what jury_store_hold_chain_heads() keeps when it is the same chain. */
static gboolean
read_chain_head (JuryStore   *self,
                 const char  *juror_id,
                 gint64      *seq,
                 char       **hash,
                 GBytes     **key,
                 GError     **error)
{
  JuryChainHead *head = self->chain_head;
  g_autoptr(JuryStoreStmt) last = NULL;
  int rc;

  if (head != NULL && head->known && g_strcmp0 (head->juror_id, juror_id) == 0)
    {
      *seq = head->seq;
      *hash = g_strdup (head->hash);
      *key = head->key != NULL ? g_bytes_ref (head->key) : NULL;
      return TRUE;
    }

  if (!jury_store_get_juror_key (self, juror_id, key, error) ||
      !(last = jury_store_stmt (self, STMT_AUDIT_LAST, error)))
    return FALSE;

  jury_store_bind_text (last, 1, juror_id);
  rc = sqlite3_step (last);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_write_error (self, rc, error);

  *seq = rc == SQLITE_ROW ? sqlite3_column_int64 (last, 0) : 0;
  *hash = rc == SQLITE_ROW ? jury_store_column_dup_text (last, 1) : g_strdup (GENESIS_HASH);
  return TRUE;
}

static void
remember_chain_head (JuryStore   *self,
                     const char  *juror_id,
                     gint64       seq,
                     const char  *hash,
                     GBytes      *key)
{
  JuryChainHead *head = self->chain_head;

  if (head == NULL)
    return;

  g_free (head->juror_id);
  g_free (head->hash);
  g_clear_pointer (&head->key, g_bytes_unref);
  head->juror_id = g_strdup (juror_id);
  head->seq = seq;
  head->hash = g_strdup (hash);
  head->key = key != NULL ? g_bytes_ref (key) : NULL;
  head->known = TRUE;
}

void
jury_store_hold_chain_heads (JuryStore *self,
                             gboolean   hold)
{
  JuryChainHead *head = g_steal_pointer (&self->chain_head);

  if (head != NULL)
    {
      g_free (head->juror_id);
      g_free (head->hash);
      g_clear_pointer (&head->key, g_bytes_unref);
      g_free (head->time);
      g_free (head);
    }

  if (hold)
    {
      self->chain_head = g_new0 (JuryChainHead, 1);
      self->chain_head->time = jury_store_dup_time_now ();
    }
}

gboolean
jury_store_append_audit_at (JuryStore   *self,
                            const char  *juror_id,
                            const char  *submission_id,
                            const char  *criterion_id,
                            const char  *field,
                            const char  *old_value,
                            const char  *new_value,
                            const char  *time,
                            GError     **error)
{
  g_autoptr(JuryStoreStmt) insert = NULL;
  g_autofree char *prev_hash = NULL;
  char hash[HASH_HEX_LENGTH + 1];
  g_autoptr(GBytes) key = NULL;
  EntryHasher hasher;
  AuditEntry entry;
  gint64 last_seq = 0;

  if (!read_chain_head (self, juror_id, &last_seq, &prev_hash, &key, error) ||
      !(insert = jury_store_stmt (self, STMT_AUDIT_INSERT, error)))
    return FALSE;

  entry = (AuditEntry) {
    .juror_id = juror_id,
    .seq = last_seq + 1,
    .submission_id = submission_id,
    .criterion_id = criterion_id,
    .field = field,
    .old_value = old_value,
    .new_value = new_value,
    .time = time,
    .prev_hash = prev_hash,
  };
  entry_hasher_init (&hasher, key);
  entry_hasher_hash (&hasher, &entry, hash);
  entry_hasher_clear (&hasher);

  jury_store_bind_text (insert, 1, entry.juror_id);
  sqlite3_bind_int64 (insert, 2, entry.seq);
  jury_store_bind_text (insert, 3, entry.submission_id);
  jury_store_bind_text (insert, 4, entry.criterion_id);
  jury_store_bind_text (insert, 5, entry.field);
  jury_store_bind_text (insert, 6, entry.old_value);
  jury_store_bind_text (insert, 7, entry.new_value);
  jury_store_bind_text (insert, 8, entry.time);
  jury_store_bind_text (insert, 9, entry.prev_hash);
  jury_store_bind_text (insert, 10, hash);

  if (!jury_store_step_write (self, insert, error))
    return FALSE;

  remember_chain_head (self, juror_id, entry.seq, hash, key);
  return TRUE;
}

gboolean
jury_store_check_call_digest (JuryStore  *self,
                              GError    **error)
{
  return jury_store_check_call_digest_at (self, self->format, error);
}

gboolean
jury_store_check_call_digest_at (JuryStore  *self,
                                 guint       version,
                                 GError    **error)
{
  g_autofree char *stored = NULL;
  g_autofree char *digest = NULL;

  if (!jury_store_get_meta (self, "call_digest", &stored, error) ||
      !(digest = compute_call_digest (self, version, error)))
    return FALSE;

  if (g_strcmp0 (stored, digest) != 0)
    {
      g_debug ("%s: call digest %s, stored %s", self->path, digest, stored);
      return set_tampered (error,
                           _("%s: the call in it (its title, rubric or submissions) was changed after the database was made"),
                           self->name);
    }

  return TRUE;
}

gboolean
jury_store_append_juror_name (JuryStore   *self,
                              const char  *juror_id,
                              const char  *old_name,
                              const char  *new_name,
                              const char  *time,
                              GError     **error)
{
  g_autofree char *now = time == NULL ? jury_store_dup_time_now () : NULL;

  return jury_store_append_audit_at (self, juror_id, NULL, "", "juror-name", old_name, new_name,
                                     time != NULL ? time : now, error);
}

gboolean
jury_store_get_call_digest (JuryStore  *self,
                            char      **digest,
                            GError    **error)
{
  return jury_store_get_meta (self, "call_digest", digest, error);
}

gboolean
jury_store_seal_call (JuryStore  *self,
                      GError    **error)
{
  return jury_store_seal_call_at (self, self->format, error);
}

gboolean
jury_store_seal_call_at (JuryStore  *self,
                         guint       version,
                         GError    **error)
{
  g_autofree char *digest = compute_call_digest (self, version, error);

  return digest != NULL && jury_store_set_meta (self, "call_digest", digest, error);
}

/* The submissions' part of the digest, begun as hash_rows() begins it. */
JuryHasher *
jury_store_submissions_digest_new (gboolean threaded)
{
  Digest digest = { .hasher = jury_hasher_new (threaded ? "jury-store-hash" : NULL) };

  hash_field (&digest, "rows");

  return digest.hasher;
}

/* One row as hash_rows() hashes it from STMT_CALL_SUBMISSIONS. */
void
jury_store_submissions_digest_add (JuryHasher   *hasher,
                                   gint64        position,
                                   const char   *id,
                                   const char   *title,
                                   const char   *region,
                                   const char   *network,
                                   const guint8 *body,
                                   gsize         body_size)
{
  Digest digest = { .hasher = hasher };
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, position);
  hash_field (&digest, number);
  hash_field (&digest, id);
  hash_field (&digest, title);
  hash_field (&digest, region);
  hash_field (&digest, network);
  hash_bytes (&digest, body, body_size);
}

gboolean
jury_store_seal_call_with (JuryStore   *self,
                           const char  *submissions_hex,
                           GError     **error)
{
  g_autofree char *digest = NULL;

  g_assert (self->format >= JURY_STORE_VERSION_FLAT);

  digest = finish_call_digest (self, submissions_hex, error);
  return digest != NULL && jury_store_set_meta (self, "call_digest", digest, error);
}

/* Public API */

/* The tables a merge reads from a hand-in: all but the submissions and their
 * files, which the panel has of its own. */
static const char * const hand_in_tables[] = {
  "meta", "criteria", "criterion_levels", "jurors", "scores", "comments", "reviews", "audit",
  "decisions", "invitations", "assignments", "declared_conflicts", "hand_ins",
};

static gboolean
check_integrity (JuryStore  *self,
                 gboolean    hand_in,
                 GError    **error)
{
  if (!hand_in)
    return jury_store_check_pragma (self, "PRAGMA integrity_check", "ok", error);

  for (guint i = 0; i < G_N_ELEMENTS (hand_in_tables); i++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA integrity_check (%s)", hand_in_tables[i]);

      if (!jury_store_check_pragma (self, pragma, "ok", error))
        return FALSE;
    }

  return TRUE;
}

/* What verify checks; for a HAND_IN, the integrity of what a merge reads only,
 * and the call's digest recomputed only when it is not KNOWN_DIGEST, which the
 * panel's own call has. The chains of the jurors in CHECKED (nullable) are
 * taken as checked. */
static gboolean
verify (JuryStore   *self,
        gboolean     hand_in,
        const char  *known_digest,
        GHashTable  *checked,
        GError     **error)
{
  const Chain decisions_chain = { NULL, _("the panel’s decisions"), STMT_DECISION_STATE, self->name };
  g_autoptr(GPtrArray) jurors = NULL;
  g_autofree char *stored_digest = NULL;
  gboolean digest_known;
  int version;

  version = jury_store_get_user_version (self);
  if (version < 1 || version > JURY_STORE_SCHEMA_VERSION)
    return jury_store_set_damaged_error (self, error);

  if (!jury_store_check_schema (self, version, error) ||
      !check_integrity (self, hand_in, error) ||
      !jury_store_check_pragma (self, "PRAGMA foreign_key_check", NULL, error) ||
      !jury_store_get_meta (self, "call_digest", &stored_digest, error))
    return FALSE;

  digest_known = known_digest != NULL && g_strcmp0 (stored_digest, known_digest) == 0;
  if ((!digest_known && !jury_store_check_call_digest_at (self, version, error)) ||
      (version >= 5 && !jury_store_check_attachments (self, error)))
    return FALSE;

  /* A merge checks a hand-in's chain where it takes it from, see
   * jury_store_check_juror_chain(). */
  if (hand_in)
    return TRUE;

  if (!(jurors = jury_store_list_jurors_full (self, error)))
    return FALSE;

  for (guint i = 0; i < jurors->len; i++)
    {
      const JuryJuror *juror = g_ptr_array_index (jurors, i);
      const Chain chain = { juror->id, juror->name, STMT_JUROR_STATE, self->name };

      if (checked != NULL && g_hash_table_contains (checked, juror->id))
        continue;
      if (!check_chain (self, &chain, error))
        return FALSE;
    }

  /* In a juror's database that chain is empty and there are no decisions. */
  return check_chain (self, &decisions_chain, error);
}

gboolean
jury_store_check_juror_chain (JuryStore   *self,
                              const char  *juror_id,
                              const char  *file,
                              GError     **error)
{
  g_autofree char *name = NULL;
  Chain chain = { juror_id, NULL, STMT_JUROR_STATE, file };

  if (!jury_store_lookup_juror (self, juror_id, &name, error))
    return FALSE;

  chain.label = name;
  return check_chain (self, &chain, error);
}

gboolean
jury_store_verify_hand_in (JuryStore   *self,
                           const char  *call_digest,
                           GError     **error)
{
  return verify (self, TRUE, call_digest, NULL, error);
}

gboolean
jury_store_verify (JuryStore  *self,
                   GError    **error)
{
  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return verify (self, FALSE, NULL, NULL, error);
}

gboolean
jury_store_verify_but (JuryStore   *self,
                       GHashTable  *checked_jurors,
                       GError     **error)
{
  return verify (self, FALSE, NULL, checked_jurors, error);
}

gboolean
jury_store_check_own_schema (JuryStore  *self,
                             GError    **error)
{
  int version = jury_store_get_user_version (self);

  if (version < 1 || version > JURY_STORE_SCHEMA_VERSION)
    return jury_store_set_damaged_error (self, error);

  return jury_store_check_schema (self, version, error);
}

guint
jury_store_get_audit_length (JuryStore  *self,
                             const char *juror_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), 0);

  if (!(stmt = jury_store_stmt (self, STMT_AUDIT_LENGTH, &error)))
    {
      g_warning ("%s", error->message);
      return 0;
    }

  jury_store_bind_text (stmt, 1, juror_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      jury_store_set_sqlite_error (self, rc, &error);
      g_warning ("%s", error->message);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}
