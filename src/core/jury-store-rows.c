/* jury-store-rows.c: the light rows of the submission list, read in two plain passes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include "jury-store-round.h"
#include "jury-store-sql.h"

/* What JUROR_ID did, by submission: only submissions with a review row, a score or
 * a comment come out, with their position. */
#define REVIEW_STATES \
  "SELECT s.position, max (x.conflict), max (x.done), sum (x.n_scored), max (x.commented) FROM (" \
  " SELECT submission_id, conflict, done, 0 AS n_scored, 0 AS commented FROM reviews WHERE juror_id = ?1" \
  " UNION ALL SELECT submission_id, 0, 0, count(*), 0 FROM scores WHERE juror_id = ?1 GROUP BY submission_id" \
  " UNION ALL SELECT submission_id, 0, 0, 0, 1 FROM comments WHERE juror_id = ?1 GROUP BY submission_id" \
  ") x JOIN submissions s ON s.id = x.submission_id GROUP BY x.submission_id"

#define LIGHT_ROWS "SELECT s.position, s.id, s.title, s.region, s.network FROM submissions s"

/* A review's state packed for the array by position: 0 is an untouched review. */
#define PACK(status, n_scored) ((guint32) (n_scored) << 8 | (guint32) (status) | 0x80)
#define PACKED_STATUS(packed) ((packed) ? (JuryReviewStatus) ((packed) & 0x7f) : JURY_REVIEW_OPEN)
#define PACKED_N_SCORED(packed) ((packed) >> 8)

static gboolean
read_states (JuryStore   *self,
             const char  *juror_id,
             GArray      *states,
             GError     **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  int rc;

  if (juror_id == NULL)
    return TRUE;

  if (!(stmt = jury_store_prepare (self, REVIEW_STATES, error)))
    return FALSE;

  jury_store_bind_text (stmt, 1, juror_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      guint n_scored = sqlite3_column_int (stmt, 3);
      JuryReviewStatus status;

      if (position < 0 || position >= G_MAXINT32)
        continue;
      if ((guint) position >= states->len)
        g_array_set_size (states, position + 1);

      status = jury_review_status_for (sqlite3_column_int (stmt, 1) != 0,
                                       sqlite3_column_int (stmt, 2) != 0,
                                       n_scored > 0 || sqlite3_column_int (stmt, 4) != 0);
      g_array_index (states, guint32, position) = PACK (status, MIN (n_scored, 0xffffff));
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

gboolean
jury_store_foreach_submission_row (JuryStore              *self,
                                   const char             *juror_id,
                                   JurySubmissionRowFunc   func,
                                   gpointer                user_data,
                                   GError                **error)
{
  g_autoptr(JuryStoreOwnedStmt) stmt = NULL;
  g_autoptr(GArray) states = NULL;
  guint n_assigned;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  states = g_array_sized_new (FALSE, TRUE, sizeof (guint32), self->call->n_submissions);
  g_array_set_size (states, self->call->n_submissions);

  if (!read_states (self, juror_id, states, error) ||
      !jury_store_count_assigned (self, juror_id, &n_assigned, error))
    return FALSE;

  /* Without the juror's columns the rows come from the covering index alone. */
  stmt = jury_store_prepare (self, n_assigned > 0
                                   ? LIGHT_ROWS " JOIN assignments a ON a.juror_id = ?1 AND a.submission_id = s.id"
                                     " ORDER BY a.position"
                                   : LIGHT_ROWS " ORDER BY s.position",
                             error);
  if (stmt == NULL)
    return FALSE;
  if (n_assigned > 0)
    jury_store_bind_text (stmt, 1, juror_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      guint32 packed = position >= 0 && position < states->len ? g_array_index (states, guint32, position) : 0;
      JurySubmissionRow row = {
        .position = (guint) position,
        .id = (char *) sqlite3_column_text (stmt, 1),
        .title = (char *) sqlite3_column_text (stmt, 2),
        .region = (char *) sqlite3_column_text (stmt, 3),
        .network = (char *) sqlite3_column_text (stmt, 4),
        .status = PACKED_STATUS (packed),
        .n_scored = PACKED_N_SCORED (packed),
      };

      func (&row, user_data);
    }
  if (rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  return TRUE;
}
