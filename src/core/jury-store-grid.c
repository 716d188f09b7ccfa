/* jury-store-grid.c: every juror's reviews of a panel, packed for its results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include <string.h>

#include "jury-store-sql.h"

/* Scores and flags without the comments, for a compact grid. */
#define SQL_SCORES_AND_FLAGS \
  "SELECT juror_id, submission_id, 0, criterion_id, value FROM scores" \
  " UNION ALL SELECT juror_id, submission_id, 2, conflict, done FROM reviews"
/* One submission's comments, by every juror: a look-up of the key per juror. */
#define SQL_SUBMISSION_COMMENTS \
  "SELECT juror_id, criterion_id, text FROM comments" \
  " WHERE juror_id IN (SELECT id FROM jurors) AND submission_id = ?1"

#define GRID_BLOCK_SIZE (256 * 1024)
#define NO_SUBMISSION   G_MAXUINT

/* What a compact grid knows of a review besides its scores and conflict. */
enum
{
  CELL_ROW  = 1 << 0,   /* a score or the flags are saved: the review is there */
  CELL_DONE = 1 << 1,
};

/* Memory taken from large blocks and given back all at once. */
typedef struct
{
  GPtrArray *blocks;
  guint      block;   /* the block being filled */
  gsize      used;    /* of it */
} Arena;

struct _JuryReviewGridPrivate
{
  Arena               arena;          /* the reviews and their comment arrays */
  GStringChunk       *text;           /* the comments read with the grid */
  char              **no_comments;    /* shared by reviews without a comment on a criterion */
  GHashTable         *juror_index;    /* id → j + 1 */
  gboolean            whole;

  /* A compact grid holds the reviews of one submission at a time. */
  guint8             *cells;          /* [s * n_jurors + j]: CELL_ROW, CELL_DONE */
  JuryStoreOwnedStmt *comments_stmt;
  guint               reviews_of;     /* that submission, or NO_SUBMISSION */
  Arena               review_arena;
  GStringChunk       *review_text;
};

/* Reads the rows of scores, comments and flags. Each table gives its rows in the
 * order of its key (juror, submission, criterion), so the ids of a row are nearly
 * always those of the row before or the next in that order: they are compared
 * first, and only a jump is looked up. */
typedef struct
{
  JuryReviewGrid  *grid;
  const JuryCall  *call;
  GHashTable      *submission_index; /* id → position in sorted + 1 */
  guint           *sorted;           /* submission indices in the order of their ids */
  guint            cursor;           /* the last submission's position in sorted */
  guint            last_juror;       /* j + 1; 0 before the first */
  guint            last_criterion;
} GridReader;

static void
arena_init (Arena *arena)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->block = 0;
  arena->used = 0;
}

/* SIZE zeroed bytes. */
static gpointer
arena_alloc (Arena *arena,
             gsize  size)
{
  char *memory;

  size = (size + 7) & ~(gsize) 7;
  while (arena->block < arena->blocks->len && arena->used + size > GRID_BLOCK_SIZE)
    {
      arena->block++;
      arena->used = 0;
    }
  if (size > GRID_BLOCK_SIZE)
    {
      /* A block of its own, put before the one being filled. */
      memory = g_malloc0 (size);
      g_ptr_array_insert (arena->blocks, arena->block, memory);
      arena->block++;
      return memory;
    }
  if (arena->block == arena->blocks->len)
    g_ptr_array_add (arena->blocks, g_malloc (GRID_BLOCK_SIZE));

  memory = (char *) g_ptr_array_index (arena->blocks, arena->block) + arena->used;
  arena->used += size;
  memset (memory, 0, size);
  return memory;
}

/* Everything allocated is given back; the blocks are kept for what comes next. */
static void
arena_reset (Arena *arena)
{
  arena->block = 0;
  arena->used = 0;
}

static void
arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
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

  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, jury_store_column_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      jury_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
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
  g_clear_pointer (&reader->submission_index, g_hash_table_unref);
  g_clear_pointer (&reader->sorted, g_free);
}

/* j + 1, or 0 for an id the grid does not know. */
static guint
grid_find_juror (GridReader *reader,
                 const char *text)
{
  JuryReviewGrid *grid = reader->grid;

  if (reader->last_juror > 0 &&
      strcmp (((JuryJuror *) g_ptr_array_index (grid->jurors, reader->last_juror - 1))->id, text) == 0)
    return reader->last_juror;

  reader->last_juror = GPOINTER_TO_UINT (g_hash_table_lookup (grid->priv->juror_index, text));
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
find_criterion (const JuryCall *call,
                const char     *text,
                guint          *last,
                guint          *index)
{
  GPtrArray *criteria = call->criteria;

  for (guint i = 0; i < criteria->len; i++)
    {
      guint c = (*last + i) % criteria->len;

      if (strcmp (((JuryCriterion *) g_ptr_array_index (criteria, c))->id, text) == 0)
        {
          *last = c + 1;
          *index = c;
          return TRUE;
        }
    }

  return FALSE;
}

/* The review in CELL, made in ARENA when there is none yet. */
static JuryReview *
grid_cell_review (JuryReviewGrid *grid,
                  Arena          *arena,
                  guint           s,
                  guint           j)
{
  gsize cell = (gsize) s * grid->n_jurors + j;
  JuryReview *review = grid->reviews[cell];

  if (review != NULL)
    return review;

  review = arena_alloc (arena, sizeof (JuryReview));
  review->juror_id = ((JuryJuror *) g_ptr_array_index (grid->jurors, j))->id;
  review->submission_id = g_ptr_array_index (grid->submission_ids, s);
  review->n_criteria = grid->n_criteria;
  review->scores = grid->scores + cell * grid->n_criteria;
  review->comments = grid->priv->no_comments;
  review->conflict = grid->conflicts[cell];
  review->status = JURY_REVIEW_OPEN;
  grid->reviews[cell] = review;

  return review;
}

/* A row of SQL_SCORES_AND_FLAGS into the arrays of a compact grid. */
static void
add_compact_row (GridReader    *reader,
                 JuryStoreStmt *stmt,
                 gsize          cell)
{
  JuryReviewGrid *grid = reader->grid;
  guint8 *flags = &grid->priv->cells[cell];
  guint index;

  *flags |= CELL_ROW;
  if (sqlite3_column_int (stmt, 2) == 0)
    {
      if (find_criterion (reader->call, (const char *) sqlite3_column_text (stmt, 3),
                          &reader->last_criterion, &index))
        grid->scores[cell * grid->n_criteria + index] = sqlite3_column_int (stmt, 4);
      return;
    }

  grid->conflicts[cell] = sqlite3_column_int (stmt, 3) != 0;
  if (sqlite3_column_int (stmt, 4) != 0)
    *flags |= CELL_DONE;
}

static void
grid_reader_add_row (GridReader    *reader,
                     JuryStoreStmt *stmt)
{
  JuryReviewGrid *grid = reader->grid;
  JuryReviewGridPrivate *priv = grid->priv;
  guint j = grid_find_juror (reader, (const char *) sqlite3_column_text (stmt, 0));
  guint s = grid_find_submission (reader, (const char *) sqlite3_column_text (stmt, 1));
  const char *criterion_id;
  const char *text;
  JuryReview *review;
  gsize cell;
  guint index;

  /* The foreign keys rule out unknown ids; verify reports them if they occur. */
  if (j == 0 || s == 0)
    return;

  cell = (gsize) (s - 1) * grid->n_jurors + (j - 1);
  if (!priv->whole)
    {
      add_compact_row (reader, stmt, cell);
      return;
    }

  review = grid_cell_review (grid, &priv->arena, s - 1, j - 1);
  switch (sqlite3_column_int (stmt, 2))
    {
    case 0:
      criterion_id = (const char *) sqlite3_column_text (stmt, 3);
      if (find_criterion (reader->call, criterion_id, &reader->last_criterion, &index))
        review->scores[index] = sqlite3_column_int (stmt, 4);
      break;
    case 1:
      criterion_id = (const char *) sqlite3_column_text (stmt, 3);
      text = (const char *) sqlite3_column_text (stmt, 4);
      if (criterion_id[0] == '\0')
        review->overall = g_string_chunk_insert_len (priv->text, text, sqlite3_column_bytes (stmt, 4));
      else if (find_criterion (reader->call, criterion_id, &reader->last_criterion, &index))
        {
          if (review->comments == priv->no_comments)
            review->comments = arena_alloc (&priv->arena, (grid->n_criteria + 1) * sizeof (char *));
          review->comments[index] = g_string_chunk_insert_len (priv->text, text,
                                                               sqlite3_column_bytes (stmt, 4));
        }
      break;
    default:
      review->conflict = grid->conflicts[cell] = sqlite3_column_int (stmt, 3) != 0;
      review->done = sqlite3_column_int (stmt, 4) != 0;
      break;
    }
}

/* Takes the reviews of the submission read last out of a compact grid again. */
static void
put_reviews_away (JuryReviewGrid *grid)
{
  JuryReviewGridPrivate *priv = grid->priv;

  if (priv->reviews_of == NO_SUBMISSION)
    return;

  memset (grid->reviews + (gsize) priv->reviews_of * grid->n_jurors, 0,
          grid->n_jurors * sizeof (JuryReview *));
  arena_reset (&priv->review_arena);
  g_string_chunk_clear (priv->review_text);
  priv->reviews_of = NO_SUBMISSION;
}

/* Public API */

JuryReviewGrid *
jury_store_read_review_grid (JuryStore  *self,
                             gboolean    whole,
                             GError    **error)
{
  g_autoptr(JuryReviewGrid) grid = NULL;
  g_autoptr(JuryStoreStmt) shared = NULL;
  g_autoptr(JuryStoreOwnedStmt) owned = NULL;
  sqlite3_stmt *stmt;
  JuryReviewGridPrivate *priv;
  GridReader reader;
  gsize n;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  grid = g_new0 (JuryReviewGrid, 1);
  grid->priv = priv = g_new0 (JuryReviewGridPrivate, 1);
  arena_init (&priv->arena);
  arena_init (&priv->review_arena);
  priv->text = g_string_chunk_new (GRID_BLOCK_SIZE);
  priv->review_text = g_string_chunk_new (64 * 1024);
  priv->whole = whole;
  priv->reviews_of = NO_SUBMISSION;
  grid->n_criteria = self->call->criteria->len;
  if (!(grid->jurors = jury_store_list_jurors_full (self, error)) ||
      !(grid->submission_ids = list_submission_ids (self, error)))
    return NULL;
  if (whole ? !(shared = jury_store_stmt (self, STMT_ALL_REVIEWS, error))
            : !(owned = jury_store_prepare (self, SQL_SCORES_AND_FLAGS, error)))
    return NULL;
  stmt = shared != NULL ? shared : owned;

  grid->n_jurors = grid->jurors->len;
  grid->n_submissions = grid->submission_ids->len;
  n = (gsize) grid->n_submissions * grid->n_jurors;
  /* One more, so that no jurors or no submissions still make arrays. */
  grid->reviews = g_new0 (JuryReview *, n + 1);
  grid->conflicts = g_new0 (gboolean, n + 1);
  grid->scores = g_new (int, n * grid->n_criteria + 1);
  for (gsize i = 0; i < n * grid->n_criteria; i++)
    grid->scores[i] = JURY_NO_SCORE;
  if (!whole)
    priv->cells = g_new0 (guint8, n + 1);
  priv->no_comments = arena_alloc (&priv->arena, (grid->n_criteria + 1) * sizeof (char *));
  priv->juror_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint j = 0; j < grid->n_jurors; j++)
    g_hash_table_insert (priv->juror_index, ((JuryJuror *) g_ptr_array_index (grid->jurors, j))->id,
                         GUINT_TO_POINTER (j + 1));

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

gboolean
jury_store_read_grid_reviews (JuryStore       *self,
                              JuryReviewGrid  *grid,
                              guint            submission,
                              GError         **error)
{
  JuryReviewGridPrivate *priv;
  JuryReview **reviews;
  guint last_criterion = 0;
  int rc;

  g_return_val_if_fail (JURY_IS_STORE (self), FALSE);
  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (submission < grid->n_submissions, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = grid->priv;
  if (priv->whole || priv->reviews_of == submission)
    return TRUE;

  put_reviews_away (grid);
  if (priv->comments_stmt == NULL &&
      !(priv->comments_stmt = jury_store_prepare (self, SQL_SUBMISSION_COMMENTS, error)))
    return FALSE;

  /* The reviews with a score or the flags saved, as the arrays hold them… */
  reviews = grid->reviews + (gsize) submission * grid->n_jurors;
  for (guint j = 0; j < grid->n_jurors; j++)
    {
      guint8 flags = priv->cells[(gsize) submission * grid->n_jurors + j];

      if (flags & CELL_ROW)
        grid_cell_review (grid, &priv->review_arena, submission, j)->done = (flags & CELL_DONE) != 0;
    }

  /* … and their comments, which may make a review of their own. */
  jury_store_bind_text (priv->comments_stmt, 1, g_ptr_array_index (grid->submission_ids, submission));
  while ((rc = sqlite3_step (priv->comments_stmt)) == SQLITE_ROW)
    {
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (priv->juror_index,
                                                       sqlite3_column_text (priv->comments_stmt, 0)));
      const char *criterion_id = (const char *) sqlite3_column_text (priv->comments_stmt, 1);
      const char *text = (const char *) sqlite3_column_text (priv->comments_stmt, 2);
      int length = sqlite3_column_bytes (priv->comments_stmt, 2);
      JuryReview *review;
      guint index;

      if (j == 0)
        continue;

      review = grid_cell_review (grid, &priv->review_arena, submission, j - 1);
      if (criterion_id[0] == '\0')
        review->overall = g_string_chunk_insert_len (priv->review_text, text, length);
      else if (find_criterion (self->call, criterion_id, &last_criterion, &index))
        {
          if (review->comments == priv->no_comments)
            review->comments = arena_alloc (&priv->review_arena,
                                            (grid->n_criteria + 1) * sizeof (char *));
          review->comments[index] = g_string_chunk_insert_len (priv->review_text, text, length);
        }
    }
  sqlite3_reset (priv->comments_stmt);
  priv->reviews_of = submission;

  if (rc != SQLITE_DONE)
    {
      put_reviews_away (grid);
      return jury_store_set_sqlite_error (self, rc, error);
    }

  for (guint j = 0; j < grid->n_jurors; j++)
    if (reviews[j] != NULL)
      reviews[j]->status = jury_review_derive_status (reviews[j]);

  return TRUE;
}

void
jury_review_grid_free (JuryReviewGrid *grid)
{
  if (grid == NULL)
    return;

  if (grid->priv != NULL)
    {
      JuryReviewGridPrivate *priv = grid->priv;

      g_clear_pointer (&priv->comments_stmt, sqlite3_finalize);
      arena_clear (&priv->arena);
      arena_clear (&priv->review_arena);
      g_clear_pointer (&priv->text, g_string_chunk_free);
      g_clear_pointer (&priv->review_text, g_string_chunk_free);
      g_clear_pointer (&priv->juror_index, g_hash_table_unref);
      g_free (priv->cells);
      g_free (priv);
    }
  g_clear_pointer (&grid->jurors, g_ptr_array_unref);
  g_clear_pointer (&grid->submission_ids, g_ptr_array_unref);
  g_free (grid->reviews);
  g_free (grid->scores);
  g_free (grid->conflicts);
  g_free (grid);
}
