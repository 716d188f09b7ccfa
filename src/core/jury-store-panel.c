/* jury-store-panel.c: a panel database: every juror's reviews at once, and the decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-store-sql.h"
#include "jury-text.h"

/* Where each row of STMT_ALL_REVIEWS goes: [s * n_jurors + j]. */
typedef struct
{
  const JuryCall  *call;
  GHashTable      *juror_index;       /* id → j + 1 */
  GHashTable      *submission_index;  /* id → s + 1 */
  guint            n_jurors;
  JuryReview     **reviews;
} ReviewGrid;

/* IDS, index + 1 by id (0 is "not found"); the keys are borrowed from IDS. */
static GHashTable *
index_ids (GPtrArray *ids)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (index, g_ptr_array_index (ids, i), GUINT_TO_POINTER (i + 1));

  return index;
}

static GPtrArray *
list_submission_ids (JuryStore  *self,
                     GError    **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_SUBMISSION_IDS, error);
  g_autoptr(GPtrArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  ids = g_ptr_array_new_full (self->call->n_submissions, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, jury_store_column_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static JuryReview *
grid_review (ReviewGrid *grid,
             const char *juror_id,
             const char *submission_id)
{
  guint j = GPOINTER_TO_UINT (g_hash_table_lookup (grid->juror_index, juror_id));
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (grid->submission_index, submission_id));
  JuryReview **slot;

  /* The foreign keys rule out unknown ids; verify reports them if they occur. */
  if (j == 0 || s == 0)
    return NULL;

  slot = &grid->reviews[(s - 1) * grid->n_jurors + (j - 1)];
  if (*slot == NULL)
    *slot = jury_review_new (juror_id, submission_id, grid->call->criteria->len);

  return *slot;
}

static void
grid_add_row (ReviewGrid    *grid,
              JuryStoreStmt *stmt)
{
  JuryReview *review = grid_review (grid,
                                    (const char *) sqlite3_column_text (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1));
  const char *criterion_id;
  guint index;

  if (review == NULL)
    return;

  switch (sqlite3_column_int (stmt, 2))
    {
    case 0:
      criterion_id = (const char *) sqlite3_column_text (stmt, 3);
      if (jury_call_find_criterion (grid->call, criterion_id, &index))
        review->scores[index] = sqlite3_column_int (stmt, 4);
      break;
    case 1:
      criterion_id = (const char *) sqlite3_column_text (stmt, 3);
      if (g_strcmp0 (criterion_id, "") == 0)
        review->overall = jury_store_column_dup_text (stmt, 4);
      else if (jury_call_find_criterion (grid->call, criterion_id, &index))
        review->comments[index] = jury_store_column_dup_text (stmt, 4);
      break;
    default:
      review->conflict = sqlite3_column_int (stmt, 3) != 0;
      review->done = sqlite3_column_int (stmt, 4) != 0;
      break;
    }
}

static gboolean
read_decision (JuryStore     *self,
               const char    *submission_id,
               JuryDecision  *decision,
               char         **note,
               GError       **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_DECISION_GET, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, submission_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  *decision = JURY_DECISION_NONE;
  *note = NULL;
  if (rc == SQLITE_DONE)
    return TRUE;

  /* The table's CHECK allows no other name. */
  if (!jury_decision_from_string ((const char *) sqlite3_column_text (stmt, 0), decision))
    return jury_store_set_damaged_error (self, error);

  *note = jury_store_column_dup_text (stmt, 1);
  return TRUE;
}

/* Writes the row and an audit entry for each part that changes. */
static gboolean
write_decision (JuryStore     *self,
                const char    *submission_id,
                JuryDecision   old_decision,
                const char    *old_note,
                JuryDecision   decision,
                const char    *note,
                GError       **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, STMT_DECISION_SET, error);
  g_autofree char *updated = jury_store_dup_time_now ();

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, submission_id);
  jury_store_bind_text (stmt, 2, jury_decision_to_string (decision));
  jury_store_bind_text (stmt, 3, note);
  jury_store_bind_text (stmt, 4, updated);

  return jury_store_step_write (self, stmt, error) &&
         jury_store_audit_decision (self, submission_id, old_decision, old_note, decision, note,
                                    updated, error);
}

/* Private API */

gboolean
jury_store_audit_decision (JuryStore     *self,
                           const char    *submission_id,
                           JuryDecision   old_decision,
                           const char    *old_note,
                           JuryDecision   decision,
                           const char    *note,
                           const char    *time,
                           GError       **error)
{
  return (old_decision == decision ||
          jury_store_append_audit_at (self, NULL, submission_id, "", "decision",
                                      jury_decision_to_string (old_decision),
                                      jury_decision_to_string (decision), time, error)) &&
         (g_strcmp0 (old_note, note) == 0 ||
          jury_store_append_audit_at (self, NULL, submission_id, "", "decision-note",
                                      old_note, note, time, error));
}

gboolean
jury_store_mark_panel (JuryStore  *self,
                       GError    **error)
{
  if (!jury_store_set_meta (self, "kind", "panel", error))
    return FALSE;

  self->panel = TRUE;
  return TRUE;
}

/* Public API */

gboolean
jury_store_is_panel (JuryStore *self)
{
  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);

  return self->panel;
}

JuryReview **
jury_store_get_all_reviews (JuryStore   *self,
                            GPtrArray  **jurors,
                            GError     **error)
{
  g_autoptr(GPtrArray) juror_list = NULL;
  g_autoptr(GPtrArray) submission_ids = NULL;
  g_autoptr(GHashTable) juror_index = NULL;
  g_autoptr(GHashTable) submission_index = NULL;
  g_autoptr(JuryStoreStmt) stmt = NULL;
  ReviewGrid grid;
  guint n;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (jurors != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(juror_list = jury_store_list_jurors_full (self, error)) ||
      !(submission_ids = list_submission_ids (self, error)) ||
      !(stmt = jury_store_stmt (self, STMT_ALL_REVIEWS, error)))
    return NULL;

  juror_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint j = 0; j < juror_list->len; j++)
    g_hash_table_insert (juror_index, ((JuryJuror *) g_ptr_array_index (juror_list, j))->id,
                         GUINT_TO_POINTER (j + 1));
  submission_index = index_ids (submission_ids);

  n = submission_ids->len * juror_list->len;
  grid = (ReviewGrid) {
    .call = self->call,
    .juror_index = juror_index,
    .submission_index = submission_index,
    .n_jurors = juror_list->len,
    /* One more, so that no jurors or no submissions still make an array. */
    .reviews = g_new0 (JuryReview *, n + 1),
  };

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    grid_add_row (&grid, stmt);
  if (rc != SQLITE_DONE)
    {
      jury_reviews_free (grid.reviews, n);
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    if (grid.reviews[i] != NULL)
      grid.reviews[i]->status = jury_review_derive_status (grid.reviews[i]);

  *jurors = g_steal_pointer (&juror_list);
  return grid.reviews;
}

void
jury_reviews_free (JuryReview **reviews,
                   guint        n)
{
  if (reviews == NULL)
    return;

  for (guint i = 0; i < n; i++)
    jury_review_free (reviews[i]);
  g_free (reviews);
}

gboolean
jury_store_get_decision (JuryStore     *self,
                         const char    *submission_id,
                         JuryDecision  *decision,
                         char         **note,
                         GError       **error)
{
  JuryDecision value;
  g_autofree char *text = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jury_store_lookup_submission (self, submission_id, error) ||
      !read_decision (self, submission_id, &value, &text, error))
    return FALSE;

  if (decision != NULL)
    *decision = value;
  if (note != NULL)
    *note = g_steal_pointer (&text);
  return TRUE;
}

gboolean
jury_store_set_decision (JuryStore     *self,
                         const char    *submission_id,
                         JuryDecision   decision,
                         const char    *note,
                         GError       **error)
{
  const char *new_note = note != NULL && *note != '\0' ? note : NULL;
  JuryDecision old_decision;
  g_autofree char *old_note = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);
  g_return_val_if_fail ((guint) decision <= JURY_DECISION_AWARD, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jury_store_check_writable (self, error) ||
      (new_note != NULL &&
       !jury_store_check_text (new_note, JURY_TEXT_COMMENT, _("the note on the decision"), error)))
    return FALSE;

  if (!self->panel)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_PANEL,
                   _("%s is a juror’s database; decisions are made in a panel database"), self->name);
      return FALSE;
    }

  if (!jury_store_begin (self, error))
    return FALSE;

  if (!jury_store_lookup_submission (self, submission_id, error) ||
      !read_decision (self, submission_id, &old_decision, &old_note, error))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  /* The same decision again is no change and leaves no entry. */
  if (old_decision == decision && g_strcmp0 (old_note, new_note) == 0)
    {
      jury_store_rollback (self);
      return TRUE;
    }

  if (!write_decision (self, submission_id, old_decision, old_note, decision, new_note, error))
    {
      jury_store_rollback (self);
      return FALSE;
    }

  if (!jury_store_commit (self, error))
    return FALSE;

  jury_store_emit_decision_changed (self, submission_id);
  return TRUE;
}
