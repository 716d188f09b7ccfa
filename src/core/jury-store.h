/* jury-store.h: the jury database (.jury, SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-call.h"
#include "jury-review.h"
#include "jury-store-error.h"

G_BEGIN_DECLS

/* The length of the magic string that starts every SQLite database file. */
#define JURY_SQLITE_MAGIC_LENGTH 16

/* "JURY" in ASCII, PRAGMA application_id. */
#define JURY_STORE_APPLICATION_ID 0x4A555259
/* PRAGMA user_version written by this version of Jury Desk. */
#define JURY_STORE_SCHEMA_VERSION 7

/* A light row for the submission list; the full text stays in the database. */
struct _JurySubmissionRow
{
  guint             position;  /* file order, from 0 */
  char             *id;
  char             *title;
  char             *region;    /* nullable */
  char             *network;   /* nullable */
  JuryReviewStatus  status;
  guint             n_scored;
};

#define JURY_TYPE_STORE (jury_store_get_type ())
G_DECLARE_FINAL_TYPE (JuryStore, jury_store, JURY, STORE, GObject)

void               jury_submission_row_free      (JurySubmissionRow  *row);

/* Creates PATH (which must not exist) from a call file: loads and checks the call,
 * copies rubric and submissions into it, adds the juror (when JUROR_NAME is non-NULL),
 * writes everything to a temporary file beside PATH and renames it into place. */
JuryStore         *jury_store_create             (const char         *path,
                                                  GFile              *call_file,
                                                  const char         *juror_name,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* Creates the panel PATH (which must not exist) from a call file, with the call's
 * attachments and without jurors: the start of a round with invitations. */
JuryStore         *jury_store_new_panel          (const char         *path,
                                                  GFile              *call_file,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* Opens an existing database; read-write when possible, otherwise read-only
 * (see jury_store_is_read_only()). Foreign, newer and damaged files are refused
 * without being written to; older ones are migrated. */
JuryStore         *jury_store_open               (const char         *path,
                                                  GError            **error);
/* As jury_store_open(), but a file of the current format leaves its integrity check
 * (the whole file is read) to jury_store_check_async(): the first write waits for
 * it, or runs it, and is refused when the file is damaged. */
JuryStore         *jury_store_open_deferring_check (const char       *path,
                                                    GError          **error);
/* Runs the check that jury_store_open_deferring_check() left, in a worker thread on
 * a connection of its own; TRUE at once when there is none. FALSE with
 * JURY_STORE_ERROR_DAMAGED when the file is damaged: nothing is written to it then. */
void               jury_store_check_async        (JuryStore          *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean           jury_store_check_finish       (JuryStore          *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
/* Opens an existing database without ever writing to it (to inspect a handed-in copy);
 * one from an older version is read through a private copy updated in memory (or in
 * a temporary file SQLite removes), never by changing the file. */
JuryStore         *jury_store_open_read_only     (const char         *path,
                                                  GError            **error);

const char        *jury_store_get_path           (JuryStore          *self);
gboolean           jury_store_is_read_only       (JuryStore          *self);
const JuryCall    *jury_store_get_call           (JuryStore          *self);

/* Jurors, ordered by name. */
GPtrArray         *jury_store_list_jurors        (JuryStore          *self);
/* The juror JUROR_ID, or NULL with JURY_STORE_ERROR_NOT_FOUND. */
JuryJuror         *jury_store_get_juror          (JuryStore          *self,
                                                  const char         *juror_id,
                                                  GError            **error);
/* The juror of a juror database (exactly one juror), else NULL. */
const char        *jury_store_get_sole_juror_id  (JuryStore          *self);
JuryJuror         *jury_store_add_juror          (JuryStore          *self,
                                                  const char         *name,
                                                  GError            **error);
gboolean           jury_store_rename_juror       (JuryStore          *self,
                                                  const char         *juror_id,
                                                  const char         *name,
                                                  GError            **error);

/* JurySubmissionRow*, with status and progress for JUROR_ID (nullable): in file
 * order, or, when the juror was invited with a plan, the juror's submissions in
 * the juror's own order. */
GPtrArray         *jury_store_list_submissions   (JuryStore          *self,
                                                  const char         *juror_id,
                                                  GError            **error);
/* The same rows one by one, for FUNC to keep what it needs: the strings of ROW last
 * for the call only. Reads what the list needs and nothing more. */
typedef void (*JurySubmissionRowFunc) (const JurySubmissionRow *row,
                                       gpointer                 user_data);
gboolean           jury_store_foreach_submission_row (JuryStore            *self,
                                                      const char           *juror_id,
                                                      JurySubmissionRowFunc func,
                                                      gpointer              user_data,
                                                      GError              **error);
JurySubmissionRow *jury_store_get_submission_row (JuryStore          *self,
                                                  const char         *juror_id,
                                                  const char         *submission_id,
                                                  GError            **error);
JurySubmission    *jury_store_get_submission     (JuryStore          *self,
                                                  const char         *submission_id,
                                                  GError            **error);
/* The bytes of the attachment HREF of SUBMISSION_ID, checked against the SHA-256
 * the call gives; JURY_STORE_ERROR_NOT_FOUND when the database does not carry it
 * (a hand-in leaves the attachments out). */
GBytes            *jury_store_get_attachment     (JuryStore          *self,
                                                  const char         *submission_id,
                                                  const char         *href,
                                                  GError            **error);
/* The ids of submissions whose text contains QUERY (case and accents folded as in
 * jury_search_normalize()); a set (keys only). */
GHashTable        *jury_store_search             (JuryStore          *self,
                                                  const char         *query,
                                                  GError            **error);

JuryReview        *jury_store_get_review         (JuryStore          *self,
                                                  const char         *juror_id,
                                                  const char         *submission_id,
                                                  GError            **error);
void               jury_store_get_progress       (JuryStore          *self,
                                                  const char         *juror_id,
                                                  guint              *n_reviewed,
                                                  guint              *n_total);

/* Applies the changes in one transaction, with one audit row each: all or nothing.
 * Checks each change against the call (unknown ids, the juror's plan, the length of
 * a comment) and applies it by the rules of jury_review_apply(), writing what they
 * imply too (clearing a score or declaring a conflict takes "done" back). Emits
 * ::review-changed for each affected review afterwards. */
gboolean           jury_store_apply              (JuryStore          *self,
                                                  JuryChange * const *changes,
                                                  guint               n_changes,
                                                  GError            **error);
gboolean           jury_store_apply_one          (JuryStore          *self,
                                                  const JuryChange   *change,
                                                  GError            **error);

/* PRAGMA integrity_check, the call against the digest taken at creation, then every
 * juror's audit chain (hashes and links), then a replay of the chain compared with
 * the stored scores, comments, flags and the juror's name. */
gboolean           jury_store_verify             (JuryStore          *self,
                                                  GError            **error);
/* The entries of JUROR_ID's chain (NULL: all jurors') that change a review; those
 * that record the juror's name are not counted. */
guint              jury_store_get_audit_length   (JuryStore          *self,
                                                  const char         *juror_id);

/* TRUE when DATA, the first LENGTH bytes of a file, begin like an SQLite database
 * (a .jury file, or any other); needs JURY_SQLITE_MAGIC_LENGTH bytes. */
gboolean           jury_bytes_look_like_sqlite   (const guint8       *data,
                                                  gsize               length);

/* Writes the whole database to DEST_PATH (as jury_store_backup() does) and goes on
 * there: every later change is saved to DEST_PATH. For a file that was moved,
 * replaced or deleted behind the store's back (JURY_STORE_ERROR_MOVED). */
gboolean           jury_store_save_as            (JuryStore          *self,
                                                  const char         *dest_path,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* Goes on in PATH, a copy of this database made by jury_store_backup() (and
 * refuses any other file): the second half of jury_store_save_as(). */
gboolean           jury_store_continue_in        (JuryStore          *self,
                                                  const char         *path,
                                                  GError            **error);

/* The copy a juror hands in: like jury_store_backup(), without the attachments'
 * bytes (the panel has the call and its files). */
gboolean           jury_store_hand_in            (JuryStore          *self,
                                                  const char         *dest_path,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* A complete, consistent copy through the SQLite backup API: temporary file in the
 * target folder, fsync, rename. Never leaves a half-written DEST_PATH. */
gboolean           jury_store_backup             (JuryStore          *self,
                                                  const char         *dest_path,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* Panels and decisions. A panel database holds merged jurors' work; the programme
 * manager is not a juror in it. Decisions go through the audit chain too. */
gboolean           jury_store_is_panel           (JuryStore          *self);
/* Every review of every juror, [s * n_jurors + j] in file and jurors order (NULL where
 * the juror has none); JURORS receives the JuryJuror* in that order. */
JuryReview       **jury_store_get_all_reviews    (JuryStore          *self,
                                                  GPtrArray         **jurors,
                                                  GError            **error);
void               jury_reviews_free             (JuryReview        **reviews,
                                                  guint               n);

/* The same reviews packed for a panel of thousands: the scores and conflicts in two
 * arrays, the reviews and their comments in a few large blocks, the ids shared. The
 * reviews are read-only and live as long as the grid. */
typedef struct _JuryReviewGridPrivate JuryReviewGridPrivate;

typedef struct
{
  guint                  n_submissions;
  guint                  n_jurors;
  guint                  n_criteria;
  GPtrArray             *jurors;          /* JuryJuror*, as jury_store_get_all_reviews() gives them */
  GPtrArray             *submission_ids;  /* char*, in file order */
  JuryReview           **reviews;         /* [s * n_jurors + j], NULL where the juror has none */
  int                   *scores;          /* [(s * n_jurors + j) * n_criteria + c], JURY_NO_SCORE when none */
  gboolean              *conflicts;       /* [s * n_jurors + j] */
  JuryReviewGridPrivate *priv;
} JuryReviewGrid;

/* WHOLE reads every review with its comments. Otherwise the grid is compact: the
 * scores and conflicts are there, but the reviews (NULL in REVIEWS) and their
 * comments come one submission at a time through jury_store_read_grid_reviews(). */
JuryReviewGrid    *jury_store_read_review_grid   (JuryStore          *self,
                                                  gboolean            whole,
                                                  GError            **error);
/* Puts the reviews of SUBMISSION (its index in file order), with their comments,
 * into a compact GRID in place of the submission's read before, from what SELF
 * holds now: read the grid and its reviews in one read transaction
 * (jury-store-transaction.h) to see one snapshot. TRUE at once for a whole grid. */
gboolean           jury_store_read_grid_reviews  (JuryStore          *self,
                                                  JuryReviewGrid     *grid,
                                                  guint               submission,
                                                  GError            **error);
void               jury_review_grid_free         (JuryReviewGrid     *grid);
/* "none", "shortlist", "award": the names files and exports use. */
const char        *jury_decision_to_string       (JuryDecision        decision);
gboolean           jury_decision_from_string     (const char         *text,
                                                  JuryDecision       *decision);
gboolean           jury_store_get_decision       (JuryStore          *self,
                                                  const char         *submission_id,
                                                  JuryDecision       *decision,
                                                  char              **note,
                                                  GError            **error);
gboolean           jury_store_set_decision       (JuryStore          *self,
                                                  const char         *submission_id,
                                                  JuryDecision        decision,
                                                  const char         *note,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryReviewGrid, jury_review_grid_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JurySubmissionRow, jury_submission_row_free)

G_END_DECLS
