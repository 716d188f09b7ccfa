/* jury-store-apply.c: checking and writing a juror's changes, each with its audit entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-store-private.h"
#include "jury-text.h"

static const char * const field_names[] = {
  [JURY_CHANGE_SCORE] = "score",
  [JURY_CHANGE_COMMENT] = "comment",
  [JURY_CHANGE_CONFLICT] = "conflict",
  [JURY_CHANGE_DONE] = "done",
};

static gboolean
change_is_valid (const JuryChange *change)
{
  return change != NULL &&
         change->kind >= JURY_CHANGE_SCORE && change->kind <= JURY_CHANGE_DONE &&
         change->juror_id != NULL && change->submission_id != NULL &&
         (change->kind != JURY_CHANGE_SCORE || change->criterion_id != NULL);
}

static const JuryCriterion *
find_criterion (JuryStore   *self,
                const char  *criterion_id,
                GError     **error)
{
  const JuryCriterion *criterion = jury_call_find_criterion (self->call, criterion_id, NULL);

  if (criterion == NULL)
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no criterion “%s”"), self->name, criterion_id);

  return criterion;
}

static gboolean
read_value (JuryStore         *self,
            JuryStoreStmtId    id,
            const JuryChange  *change,
            const char        *criterion_id,
            char             **value,
            GError           **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, change->juror_id);
  jury_store_bind_text (stmt, 2, change->submission_id);
  jury_store_bind_text (stmt, 3, criterion_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_write_error (self, rc, error);

  *value = rc == SQLITE_ROW ? jury_store_column_dup_text (stmt, 0) : NULL;
  return TRUE;
}

/* Writes VALUE (NULL removes it) and appends the audit entry. */
static gboolean
write_value (JuryStore         *self,
             JuryStoreStmtId    set_id,
             JuryStoreStmtId    delete_id,
             const JuryChange  *change,
             const char        *criterion_id,
             const char        *old_value,
             const char        *new_value,
             GError           **error)
{
  g_autoptr(JuryStoreStmt) stmt = jury_store_stmt (self, new_value != NULL ? set_id : delete_id, error);

  if (stmt == NULL)
    return FALSE;

  jury_store_bind_text (stmt, 1, change->juror_id);
  jury_store_bind_text (stmt, 2, change->submission_id);
  jury_store_bind_text (stmt, 3, criterion_id);
  if (new_value != NULL)
    jury_store_bind_text (stmt, 4, new_value);

  return jury_store_step_write (self, stmt, error) &&
         jury_store_append_audit (self, change->juror_id, change->submission_id, criterion_id,
                                  field_names[change->kind], old_value, new_value, error);
}

static gboolean
write_flag (JuryStore         *self,
            JuryChangeKind     kind,
            const JuryChange  *change,
            gboolean           value,
            GError           **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;

  g_assert (kind == JURY_CHANGE_CONFLICT || kind == JURY_CHANGE_DONE);

  if (!(stmt = jury_store_stmt (self, kind == JURY_CHANGE_CONFLICT ? STMT_CONFLICT_SET : STMT_DONE_SET, error)))
    return FALSE;

  jury_store_bind_text (stmt, 1, change->juror_id);
  jury_store_bind_text (stmt, 2, change->submission_id);
  sqlite3_bind_int (stmt, 3, value);

  return jury_store_step_write (self, stmt, error) &&
         jury_store_append_audit (self, change->juror_id, change->submission_id, "",
                                  field_names[kind], value ? "0" : "1", value ? "1" : "0", error);
}

static gboolean
apply_score (JuryStore         *self,
             const JuryChange  *change,
             gboolean          *changed,
             GError           **error)
{
  const JuryCriterion *criterion;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gboolean conflict, done;

  if (!(criterion = find_criterion (self, change->criterion_id, error)) ||
      !jury_store_read_flags (self, change->juror_id, change->submission_id, &conflict, &done, error))
    return FALSE;

  if (change->value != JURY_NO_SCORE)
    {
      if (change->value < self->call->scale_min || change->value > self->call->scale_max)
        {
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_OUT_OF_SCALE,
                       /* Translators: score, criterion, lowest score, highest score */
                       _("%d is outside the scale of “%s”, which runs from %d to %d"),
                       change->value, criterion->id, self->call->scale_min, self->call->scale_max);
          return FALSE;
        }
      if (conflict)
        {
          g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_CONFLICT,
                       _("“%s” cannot be scored while a conflict of interest is declared for it"),
                       change->submission_id);
          return FALSE;
        }
      new_value = g_strdup_printf ("%d", change->value);
    }

  if (!read_value (self, STMT_SCORE_GET, change, criterion->id, &old_value, error))
    return FALSE;
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  *changed = TRUE;
  if (!write_value (self, STMT_SCORE_SET, STMT_SCORE_DELETE, change, criterion->id, old_value, new_value, error))
    return FALSE;

  /* A review with a score missing is no longer done. */
  return new_value != NULL || !done || write_flag (self, JURY_CHANGE_DONE, change, FALSE, error);
}

static gboolean
apply_comment (JuryStore         *self,
               const JuryChange  *change,
               gboolean          *changed,
               GError           **error)
{
  const char *criterion_id = "";
  const char *new_value = change->text != NULL && *change->text != '\0' ? change->text : NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *what = NULL;

  if (change->criterion_id != NULL && *change->criterion_id != '\0')
    {
      const JuryCriterion *criterion = find_criterion (self, change->criterion_id, error);

      if (criterion == NULL)
        return FALSE;
      criterion_id = criterion->id;
    }

  if (new_value != NULL)
    {
      what = jury_text_describe_comment (change->submission_id, criterion_id);
      if (!jury_store_check_text (new_value, JURY_TEXT_COMMENT, what, error))
        return FALSE;
    }

  if (!read_value (self, STMT_COMMENT_GET, change, criterion_id, &old_value, error))
    return FALSE;
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  *changed = TRUE;
  return write_value (self, STMT_COMMENT_SET, STMT_COMMENT_DELETE, change, criterion_id, old_value, new_value, error);
}

static gboolean
check_complete (JuryStore         *self,
                const JuryChange  *change,
                gboolean           conflict,
                GError           **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  guint n_criteria = self->call->criteria->len, n_scored;
  int rc;

  if (conflict)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_INCOMPLETE,
                   _("“%s” cannot be marked done while a conflict of interest is declared for it"),
                   change->submission_id);
      return FALSE;
    }

  if (!(stmt = jury_store_stmt (self, STMT_SCORE_COUNT, error)))
    return FALSE;
  jury_store_bind_text (stmt, 1, change->juror_id);
  jury_store_bind_text (stmt, 2, change->submission_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return jury_store_set_write_error (self, rc, error);

  n_scored = sqlite3_column_int (stmt, 0);
  if (n_scored < n_criteria)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_INCOMPLETE,
                   /* Translators: submission, number scored, number of criteria */
                   _("“%s” cannot be marked done: %u of %u criteria have a score"),
                   change->submission_id, n_scored, n_criteria);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_flag (JuryStore         *self,
            const JuryChange  *change,
            gboolean          *changed,
            GError           **error)
{
  gboolean value = change->value != 0, conflict, done;

  if (!jury_store_read_flags (self, change->juror_id, change->submission_id, &conflict, &done, error))
    return FALSE;

  if (change->kind == JURY_CHANGE_DONE)
    {
      if (value && !check_complete (self, change, conflict, error))
        return FALSE;
      if (value == done)
        return TRUE;
    }
  else if (value == conflict)
    return TRUE;

  *changed = TRUE;
  if (!write_flag (self, change->kind, change, value, error))
    return FALSE;

  /* A declared conflict keeps the scores but takes the review out of the count. */
  return change->kind != JURY_CHANGE_CONFLICT || !value || !done ||
         write_flag (self, JURY_CHANGE_DONE, change, FALSE, error);
}

static gboolean
apply_change (JuryStore         *self,
              const JuryChange  *change,
              gboolean          *changed,
              GError           **error)
{
  gboolean assigned;

  if (!jury_store_lookup_juror (self, change->juror_id, NULL, error) ||
      !jury_store_lookup_submission (self, change->submission_id, error) ||
      !jury_store_is_assigned (self, change->juror_id, change->submission_id, &assigned, error))
    return FALSE;

  if (!assigned)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not among the submissions given to this juror to read"), change->submission_id);
      return FALSE;
    }

  switch (change->kind)
    {
    case JURY_CHANGE_SCORE:
      return apply_score (self, change, changed, error);
    case JURY_CHANGE_COMMENT:
      return apply_comment (self, change, changed, error);
    case JURY_CHANGE_CONFLICT:
    case JURY_CHANGE_DONE:
      return apply_flag (self, change, changed, error);
    default:
      g_assert_not_reached ();
    }
}

/* Changes as keys of a set of reviews: equal when they touch the same review. */
static guint
review_hash (gconstpointer key)
{
  const JuryChange *change = key;

  return g_str_hash (change->juror_id) * 31 + g_str_hash (change->submission_id);
}

static gboolean
review_equal (gconstpointer a,
              gconstpointer b)
{
  const JuryChange *change_a = a;
  const JuryChange *change_b = b;

  return g_str_equal (change_a->juror_id, change_b->juror_id) &&
         g_str_equal (change_a->submission_id, change_b->submission_id);
}

/* Public API */

gboolean
jury_store_apply (JuryStore          *self,
                  JuryChange * const *changes,
                  guint               n_changes,
                  GError            **error)
{
  g_autoptr(GPtrArray) affected = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < n_changes; i++)
    g_return_val_if_fail (change_is_valid (changes[i]), FALSE);

  if (!jury_store_begin (self, error))
    return FALSE;

  /* Each review changed is announced once, in the order of its first change. */
  affected = g_ptr_array_new ();
  seen = g_hash_table_new (review_hash, review_equal);
  for (guint i = 0; i < n_changes; i++)
    {
      gboolean changed = FALSE;

      if (!apply_change (self, changes[i], &changed, error))
        {
          jury_store_rollback (self);
          return FALSE;
        }
      if (changed && g_hash_table_add (seen, changes[i]))
        g_ptr_array_add (affected, changes[i]);
    }

  if (!jury_store_commit (self, error))
    return FALSE;

  for (guint i = 0; i < affected->len; i++)
    {
      const JuryChange *change = g_ptr_array_index (affected, i);

      jury_store_emit_review_changed (self, change->juror_id, change->submission_id);
    }

  return TRUE;
}

gboolean
jury_store_apply_one (JuryStore         *self,
                      const JuryChange  *change,
                      GError           **error)
{
  JuryChange *changes[] = { (JuryChange *) change };

  g_return_val_if_fail (change != NULL, FALSE);

  return jury_store_apply (self, changes, 1, error);
}
