/* jury-store-apply.c: checking and writing a juror's changes, each with its audit entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-store-sql.h"
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
                guint       *index,
                GError     **error)
{
  const JuryCriterion *criterion = jury_call_find_criterion (self->call, criterion_id, index);

  if (criterion == NULL)
    g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no criterion “%s”"), self->name, criterion_id);

  return criterion;
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

static char *
dup_score_text (int score)
{
  return score != JURY_NO_SCORE ? g_strdup_printf ("%d", score) : NULL;
}

/* What the store checks beyond the rules of a review: the criterion named in the
 * file's own words, and a comment's length and characters. */
static gboolean
check_change (JuryStore         *self,
              const JuryChange  *change,
              guint             *index,
              GError           **error)
{
  const JuryCriterion *criterion = NULL;
  g_autofree char *what = NULL;

  if (change->criterion_id != NULL && *change->criterion_id != '\0' &&
      !(criterion = find_criterion (self, change->criterion_id, index, error)))
    return FALSE;

  if (change->kind != JURY_CHANGE_COMMENT || change->text == NULL || *change->text == '\0')
    return TRUE;

  what = jury_text_describe_comment (change->submission_id, criterion != NULL ? criterion->id : "");
  return jury_store_check_text (change->text, JURY_TEXT_COMMENT, what, error);
}

/* Writes what applying CHANGE made of BEFORE, with the audit entries: the change's
 * own field first, then what it implied. */
static gboolean
write_effects (JuryStore          *self,
               const JuryChange   *change,
               guint               index,
               const JuryReview   *before,
               const JuryReview   *after,
               JuryReviewEffects   effects,
               GError            **error)
{
  gboolean overall = change->criterion_id == NULL || *change->criterion_id == '\0';
  const char *criterion_id = overall ? "" : change->criterion_id;

  if (effects & JURY_REVIEW_EFFECT_CHANGED)
    {
      gboolean ok;

      switch (change->kind)
        {
        case JURY_CHANGE_SCORE:
          {
            g_autofree char *old_value = dup_score_text (before->scores[index]);
            g_autofree char *new_value = dup_score_text (after->scores[index]);

            ok = write_value (self, STMT_SCORE_SET, STMT_SCORE_DELETE, change, criterion_id,
                              old_value, new_value, error);
          }
          break;
        case JURY_CHANGE_COMMENT:
          ok = write_value (self, STMT_COMMENT_SET, STMT_COMMENT_DELETE, change, criterion_id,
                            overall ? before->overall : before->comments[index],
                            overall ? after->overall : after->comments[index], error);
          break;
        case JURY_CHANGE_CONFLICT:
          ok = write_flag (self, JURY_CHANGE_CONFLICT, change, after->conflict, error);
          break;
        case JURY_CHANGE_DONE:
          ok = write_flag (self, JURY_CHANGE_DONE, change, after->done, error);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  return !(effects & JURY_REVIEW_EFFECT_DONE_CLEARED) ||
         write_flag (self, JURY_CHANGE_DONE, change, FALSE, error);
}

/* What a batch keeps between its changes. The reviews it has changed so far,
 * as the file now holds them: a form sets a review's scores one criterion after
 * the other, then its comments, then marks it done, and each change after the
 * first need not look the review up and read it again. Keyed by the change
 * that made the entry (for its juror and submission). And how many submissions
 * each juror is given to read, counted once: a batch does not change it. */
typedef struct
{
  GHashTable *reviews;
  GHashTable *n_assigned;   /* juror id → count */
} Batch;

/* jury_store_is_assigned(), with the juror's assignments counted once per BATCH. */
static gboolean
is_assigned (JuryStore         *self,
             const JuryChange  *change,
             Batch             *batch,
             gboolean          *assigned,
             GError           **error)
{
  g_autoptr(JuryStoreStmt) stmt = NULL;
  gpointer cached;
  guint n_assigned;
  int rc;

  if (batch == NULL)
    return jury_store_is_assigned (self, change->juror_id, change->submission_id, assigned, error);

  if (g_hash_table_lookup_extended (batch->n_assigned, change->juror_id, NULL, &cached))
    n_assigned = GPOINTER_TO_UINT (cached);
  else if (jury_store_count_assigned (self, change->juror_id, &n_assigned, error))
    g_hash_table_insert (batch->n_assigned, change->juror_id, GUINT_TO_POINTER (n_assigned));
  else
    return FALSE;

  /* Without a plan, every juror reads every submission. */
  *assigned = TRUE;
  if (n_assigned == 0)
    return TRUE;

  if (!(stmt = jury_store_stmt (self, STMT_ASSIGNED_ONE, error)))
    return FALSE;
  jury_store_bind_text (stmt, 1, change->juror_id);
  jury_store_bind_text (stmt, 2, change->submission_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return jury_store_set_sqlite_error (self, rc, error);

  *assigned = rc == SQLITE_ROW;
  return TRUE;
}

static JuryReview *
read_before (JuryStore         *self,
             const JuryChange  *change,
             Batch             *batch,
             GError           **error)
{
  g_autoptr(JuryReview) before = NULL;
  gboolean assigned;

  if (!jury_store_lookup_juror (self, change->juror_id, NULL, error) ||
      !jury_store_lookup_submission (self, change->submission_id, error) ||
      !is_assigned (self, change, batch, &assigned, error))
    return NULL;

  if (!assigned)
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not among the submissions given to this juror to read"), change->submission_id);
      return NULL;
    }

  before = jury_review_new (change->juror_id, change->submission_id, self->call->criteria->len);
  if (!jury_store_read_review (self, before, error))
    return NULL;

  return g_steal_pointer (&before);
}

static gboolean
apply_change (JuryStore         *self,
              const JuryChange  *change,
              Batch             *batch,
              gboolean          *changed,
              GError           **error)
{
  g_autoptr(JuryReview) before = NULL;
  g_autoptr(JuryReview) after = NULL;
  JuryReviewEffects effects;
  const JuryReview *known = batch != NULL ? g_hash_table_lookup (batch->reviews, change) : NULL;
  guint index = 0;

  if (known != NULL)
    before = jury_review_copy (known);
  else if (!(before = read_before (self, change, batch, error)))
    return FALSE;

  if (!check_change (self, change, &index, error))
    return FALSE;

  after = jury_review_copy (before);
  if (!jury_review_apply (after, self->call, change, &effects, error) ||
      !write_effects (self, change, index, before, after, effects, error))
    return FALSE;

  /* What was written is AFTER, field for field. */
  *changed = effects != JURY_REVIEW_EFFECT_NONE;
  if (batch != NULL)
    g_hash_table_replace (batch->reviews, (gpointer) change, g_steal_pointer (&after));
  return TRUE;
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
  g_autoptr(GHashTable) reviews = NULL;
  g_autoptr(GHashTable) n_assigned = NULL;
  Batch batch;
  gboolean ok = TRUE;

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
  /* What a batch keeps between its changes serves none to a single one, which
   * autosave applies at every keystroke. */
  if (n_changes > 1)
    {
      reviews = g_hash_table_new_full (review_hash, review_equal, NULL, (GDestroyNotify) jury_review_free);
      n_assigned = g_hash_table_new (g_str_hash, g_str_equal);
    }
  batch = (Batch) { reviews, n_assigned };
  jury_store_hold_chain_heads (self, n_changes > 1);
  for (guint i = 0; i < n_changes && ok; i++)
    {
      gboolean changed = FALSE;

      ok = apply_change (self, changes[i], reviews != NULL ? &batch : NULL, &changed, error);
      if (ok && changed && g_hash_table_add (seen, changes[i]))
        g_ptr_array_add (affected, changes[i]);
    }
  jury_store_hold_chain_heads (self, FALSE);

  if (!ok)
    {
      jury_store_rollback (self);
      return FALSE;
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
