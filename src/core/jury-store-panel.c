/* jury-store-panel.c: a panel database: every juror's reviews at once, and the decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <string.h>

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

/* Reads STMT_ALL_REVIEWS into a JuryReviewGrid. Each table gives its rows in the
 * order of its key (juror, submission, criterion), so the ids of a row are nearly
 * always those of the row before or the next in that order: they are compared
 * first, and only a jump is looked up. */
typedef struct
{
  JuryReviewGrid  *grid;
  const JuryCall  *call;
  char           **no_comments;      /* shared by the reviews without one on a criterion */
  char            *block;            /* where the next review or comment array goes */
  gsize            block_left;
  GHashTable      *juror_index;      /* id → j + 1 */
  GHashTable      *submission_index; /* id → position in sorted + 1 */
  guint           *sorted;           /* submission indices in the order of their ids */
  guint            cursor;           /* the last submission's position in sorted */
  guint            last_juror;       /* j + 1; 0 before the first */
  guint            last_criterion;
} GridReader;

#define GRID_BLOCK_SIZE (256 * 1024)

/* Zeroed memory that lives as long as the grid, taken from large blocks. */
static gpointer
grid_alloc (GridReader *reader,
            gsize       size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (size > reader->block_left)
    {
      gsize block_size = MAX (size, GRID_BLOCK_SIZE);

      reader->block = g_malloc0 (block_size);
      reader->block_left = block_size;
      g_ptr_array_add (reader->grid->blocks, reader->block);
    }

  memory = reader->block;
  reader->block += size;
  reader->block_left -= size;
  return memory;
}


/* Byte by byte, as SQLite's BINARY collation orders the keys. */
static gint
compare_submission_ids (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GPtrArray *ids = user_data;

  return strcmp (g_ptr_array_index (ids, *(const guint *) a),
                 g_ptr_array_index (ids, *(const guint *) b));
}

static void
grid_reader_init (GridReader     *reader,
                  JuryReviewGrid *grid,
                  const JuryCall *call)
{
  GPtrArray *ids = grid->submission_ids;

  *reader = (GridReader) { .grid = grid, .call = call };
  reader->no_comments = grid_alloc (reader, (grid->n_criteria + 1) * sizeof (char *));

  reader->juror_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint j = 0; j < grid->n_jurors; j++)
    g_hash_table_insert (reader->juror_index, ((JuryJuror *) g_ptr_array_index (grid->jurors, j))->id,
                         GUINT_TO_POINTER (j + 1));

  reader->sorted = g_new (guint, ids->len + 1);
  for (guint s = 0; s < ids->len; s++)
    reader->sorted[s] = s;
  g_qsort_with_data (reader->sorted, ids->len, sizeof (guint), compare_submission_ids, ids);
  reader->submission_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < ids->len; k++)
    g_hash_table_insert (reader->submission_index, g_ptr_array_index (ids, reader->sorted[k]),
                         GUINT_TO_POINTER (k + 1));
}

static void
grid_reader_clear (GridReader *reader)
{
  g_clear_pointer (&reader->juror_index, g_hash_table_unref);
  g_clear_pointer (&reader->submission_index, g_hash_table_unref);
  g_clear_pointer (&reader->sorted, g_free);
}

/* j + 1, or 0 for an id the grid does not know. */
static guint
grid_find_juror (GridReader *reader,
                 const char *text)
{
  if (reader->last_juror > 0 &&
      strcmp (((JuryJuror *) g_ptr_array_index (reader->grid->jurors, reader->last_juror - 1))->id,
              text) == 0)
    return reader->last_juror;

  reader->last_juror = GPOINTER_TO_UINT (g_hash_table_lookup (reader->juror_index, text));
  return reader->last_juror;
}

/* s + 1, or 0 for an id the grid does not know. */
static guint
grid_find_submission (GridReader *reader,
                      const char *text)
{
  GPtrArray *ids = reader->grid->submission_ids;
  guint position;

  for (guint next = reader->cursor; next < ids->len && next <= reader->cursor + 1; next++)
    if (strcmp (g_ptr_array_index (ids, reader->sorted[next]), text) == 0)
      {
        reader->cursor = next;
        return reader->sorted[next] + 1;
      }

  position = GPOINTER_TO_UINT (g_hash_table_lookup (reader->submission_index, text));
  if (position == 0)
    return 0;

  reader->cursor = position - 1;
  return reader->sorted[reader->cursor] + 1;
}

/* The criterion's index, starting the search after the last one found; FALSE for an
 * unknown id. */
static gboolean
grid_find_criterion (GridReader *reader,
                     const char *text,
                     guint      *index)
{
  GPtrArray *criteria = reader->call->criteria;

  for (guint i = 0; i < criteria->len; i++)
    {
      guint c = (reader->last_criterion + i) % criteria->len;

      if (strcmp (((JuryCriterion *) g_ptr_array_index (criteria, c))->id, text) == 0)
        {
          reader->last_criterion = c + 1;
          *index = c;
          return TRUE;
        }
    }

  return FALSE;
}

static JuryReview *
grid_reader_review (GridReader    *reader,
                    JuryStoreStmt *stmt,
                    gsize         *cell)
{
  JuryReviewGrid *grid = reader->grid;
  guint j = grid_find_juror (reader, (const char *) sqlite3_column_text (stmt, 0));
  guint s = grid_find_submission (reader, (const char *) sqlite3_column_text (stmt, 1));
  JuryReview *review;

  /* The foreign keys rule out unknown ids; verify reports them if they occur. */
  if (j == 0 || s == 0)
    return NULL;

  *cell = (gsize) (s - 1) * grid->n_jurors + (j - 1);
  if ((review = grid->reviews[*cell]) != NULL)
    return review;

  review = grid_alloc (reader, sizeof (JuryReview));
  review->juror_id = ((JuryJuror *) g_ptr_array_index (grid->jurors, j - 1))->id;
  review->submission_id = g_ptr_array_index (grid->submission_ids, s - 1);
  review->n_criteria = grid->n_criteria;
  review->scores = grid->scores + *cell * grid->n_criteria;
  review->comments = reader->no_comments;
  review->status = JURY_REVIEW_OPEN;
  grid->reviews[*cell] = review;

  return review;
}

static void
grid_reader_add_row (GridReader    *reader,
                     JuryStoreStmt *stmt)
{
  JuryReviewGrid *grid = reader->grid;
  gsize cell;
  JuryReview *review = grid_reader_review (reader, stmt, &cell);
  const char *criterion_id;
  const char *text;
  int length;
  guint index;

  if (review == NULL)
    return;

  switch (sqlite3_column_int (stmt, 2))
    {
    case 0:
      criterion_id = (const char *) sqlite3_column_text (stmt, 3);
      if (grid_find_criterion (reader, criterion_id, &index))
        review->scores[index] = sqlite3_column_int (stmt, 4);
      break;
    case 1:
      criterion_id = (const char *) sqlite3_column_text (stmt, 3);
      text = (const char *) sqlite3_column_text (stmt, 4);
      length = sqlite3_column_bytes (stmt, 4);
      if (criterion_id[0] == '\0')
        review->overall = g_string_chunk_insert_len (grid->text, text, length);
      else if (grid_find_criterion (reader, criterion_id, &index))
        {
          if (review->comments == reader->no_comments)
            review->comments = grid_alloc (reader, (grid->n_criteria + 1) * sizeof (char *));
          review->comments[index] = g_string_chunk_insert_len (grid->text, text, length);
        }
      break;
    default:
      review->conflict = grid->conflicts[cell] = sqlite3_column_int (stmt, 3) != 0;
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

JuryReviewGrid *
jury_store_read_review_grid (JuryStore  *self,
                             GError    **error)
{
  g_autoptr(JuryReviewGrid) grid = NULL;
  g_autoptr(JuryStoreStmt) stmt = NULL;
  GridReader reader;
  gsize n;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  grid = g_new0 (JuryReviewGrid, 1);
  grid->blocks = g_ptr_array_new_with_free_func (g_free);
  grid->text = g_string_chunk_new (GRID_BLOCK_SIZE);
  grid->n_criteria = self->call->criteria->len;
  if (!(grid->jurors = jury_store_list_jurors_full (self, error)) ||
      !(grid->submission_ids = list_submission_ids (self, error)) ||
      !(stmt = jury_store_stmt (self, STMT_ALL_REVIEWS, error)))
    return NULL;

  grid->n_jurors = grid->jurors->len;
  grid->n_submissions = grid->submission_ids->len;
  n = (gsize) grid->n_submissions * grid->n_jurors;
  /* One more, so that no jurors or no submissions still make arrays. */
  grid->reviews = g_new0 (JuryReview *, n + 1);
  grid->conflicts = g_new0 (gboolean, n + 1);
  grid->scores = g_new (int, n * grid->n_criteria + 1);
  for (gsize i = 0; i < n * grid->n_criteria; i++)
    grid->scores[i] = JURY_NO_SCORE;

  grid_reader_init (&reader, grid, self->call);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    grid_reader_add_row (&reader, stmt);
  grid_reader_clear (&reader);
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  for (gsize i = 0; i < n; i++)
    if (grid->reviews[i] != NULL)
      grid->reviews[i]->status = jury_review_derive_status (grid->reviews[i]);

  return g_steal_pointer (&grid);
}

void
jury_review_grid_free (JuryReviewGrid *grid)
{
  if (grid == NULL)
    return;

  g_clear_pointer (&grid->jurors, g_ptr_array_unref);
  g_clear_pointer (&grid->submission_ids, g_ptr_array_unref);
  g_clear_pointer (&grid->blocks, g_ptr_array_unref);
  g_clear_pointer (&grid->text, g_string_chunk_free);
  g_free (grid->reviews);
  g_free (grid->scores);
  g_free (grid->conflicts);
  g_free (grid);
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
