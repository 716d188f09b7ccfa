/* jury-form.c: the scoring form, a CSV a juror can fill outside Jury Desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-csv.h"
#include "jury-form.h"
#include "jury-store-transaction.h"
#include "jury-text.h"

/* The columns import reads, by name; the titles after them only help the juror. */
enum { COLUMN_SUBMISSION, COLUMN_CRITERION, COLUMN_SCORE, COLUMN_COMMENT, N_READ_COLUMNS };

#define CONFLICT_WORD "conflict"

/* What the form says about one criterion of a submission. */
typedef struct
{
  guint  line;     /* 0: the form has no row for it */
  int    score;    /* JURY_NO_SCORE when empty */
  char  *comment;
} FormCell;

/* What the form says about one submission, beside the juror's current review. */
typedef struct
{
  char       *submission_id;
  JuryReview *review;
  guint       overall_line;  /* 0: the form has no overall row */
  gboolean    conflict;
  char       *overall;
  FormCell   *cells;         /* one per criterion, rubric order */
} FormEntry;

/* Changes are applied in this order so that the store accepts each one in turn:
 * a conflict must be lifted before scores arrive, set only once they are gone, and
 * "done" needs every score. */
typedef enum
{
  PHASE_CONFLICT_CLEARED,
  PHASE_SCORES,
  PHASE_COMMENTS,
  PHASE_CONFLICT_SET,
  PHASE_DONE,
  N_PHASES
} ChangePhase;

typedef struct
{
  JuryStore      *store;
  const JuryCall *call;
  const char     *juror_id;
  const char     *name;
  GHashTable     *known;     /* submission id → itself: the call's submissions */
  GHashTable     *entries;   /* submission id → FormEntry* */
  GPtrArray      *order;     /* FormEntry*, in the order of the form */
  GPtrArray      *phases[N_PHASES];
} FormImport;

static const char * const header[] = {
  "submission_id", "criterion_id", "score", "comment", "submission_title", "criterion_name",
};

G_DEFINE_QUARK (jury-form-error-quark, jury_form_error)

static void
form_entry_free (gpointer data)
{
  FormEntry *entry = data;
  guint n_criteria = entry->review != NULL ? entry->review->n_criteria : 0;

  for (guint i = 0; i < n_criteria; i++)
    g_free (entry->cells[i].comment);
  g_free (entry->cells);
  g_free (entry->overall);
  g_clear_pointer (&entry->review, jury_review_free);
  g_free (entry->submission_id);
  g_free (entry);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
check_juror (JuryStore   *store,
             const char  *juror_id,
             GError     **error)
{
  g_autoptr(JuryJuror) juror = jury_store_get_juror (store, juror_id, error);

  return juror != NULL;
}

/* Writing */

static void
write_review (JuryCsvWriter           *writer,
              const JuryCall          *call,
              const JurySubmissionRow *row,
              const JuryReview        *review)
{
  g_assert (review->n_criteria == call->criteria->len);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      jury_csv_writer_add_text (writer, row->id);
      jury_csv_writer_add_text (writer, criterion->id);
      if (review->scores[i] == JURY_NO_SCORE)
        jury_csv_writer_add_empty (writer);
      else
        jury_csv_writer_add_int (writer, review->scores[i]);
      jury_csv_writer_add_text (writer, review->comments[i]);
      jury_csv_writer_add_text (writer, row->title);
      jury_csv_writer_add_text (writer, criterion->name);
      jury_csv_writer_end_row (writer);
    }

  jury_csv_writer_add_text (writer, row->id);
  jury_csv_writer_add_empty (writer);
  jury_csv_writer_add_text (writer, review->conflict ? CONFLICT_WORD : NULL);
  jury_csv_writer_add_text (writer, review->overall);
  jury_csv_writer_add_text (writer, row->title);
  /* Translators: shown in the form beside the overall row; "conflict" stays English. */
  jury_csv_writer_add_text (writer, _("Overall comment; “conflict” as score declares a conflict of interest"));
  jury_csv_writer_end_row (writer);
}

/* Reading */

static const char *
get_cell (GStrv row,
          guint column)
{
  for (guint i = 0; i <= column; i++)
    if (row[i] == NULL)
      return "";

  return row[column];
}

static char *
dup_trimmed (GStrv row,
             guint column)
{
  return g_strstrip (g_strdup (get_cell (row, column)));
}

static gboolean
fail (FormImport    *import,
      GError       **error,
      JuryFormError  code,
      guint          line,
      const char    *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (FormImport    *import,
      GError       **error,
      JuryFormError  code,
      guint          line,
      const char    *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, JURY_FORM_ERROR, code, "%s:%u: %s", import->name, line, problem);
  return FALSE;
}

static gboolean
check_header (FormImport  *import,
              GPtrArray   *rows,
              GArray      *lines,
              GError     **error)
{
  g_autofree char *expected = NULL;

  if (rows->len > 0)
    {
      GStrv first = g_ptr_array_index (rows, 0);
      guint i;

      for (i = 0; i < N_READ_COLUMNS; i++)
        {
          g_autofree char *cell = dup_trimmed (first, i);

          if (g_ascii_strcasecmp (cell, header[i]) != 0)
            break;
        }
      if (i == N_READ_COLUMNS)
        return TRUE;
    }

  expected = g_strjoin (",", header[COLUMN_SUBMISSION], header[COLUMN_CRITERION],
                        header[COLUMN_SCORE], header[COLUMN_COMMENT], NULL);
  /* Translators: %s is the list of column names, to be kept as it is. */
  return fail (import, error, JURY_FORM_ERROR_SYNTAX, rows->len > 0 ? g_array_index (lines, guint, 0) : 1,
               _("the first line must be the header “%s” (more columns may follow)"), expected);
}

static FormEntry *
lookup_entry (FormImport  *import,
              const char  *submission_id,
              guint        line,
              GError     **error)
{
  FormEntry *entry = g_hash_table_lookup (import->entries, submission_id);
  guint n_criteria = import->call->criteria->len;

  if (entry != NULL)
    return entry;

  if (!g_hash_table_contains (import->known, submission_id))
    {
      fail (import, error, JURY_FORM_ERROR_UNKNOWN, line,
            _("unknown submission \"%s\""), submission_id);
      return NULL;
    }

  entry = g_new0 (FormEntry, 1);
  entry->submission_id = g_strdup (submission_id);
  entry->review = jury_store_get_review (import->store, import->juror_id, submission_id, error);
  if (entry->review == NULL)
    {
      form_entry_free (entry);
      return NULL;
    }
  entry->cells = g_new0 (FormCell, n_criteria);
  for (guint i = 0; i < n_criteria; i++)
    entry->cells[i].score = JURY_NO_SCORE;

  g_hash_table_insert (import->entries, entry->submission_id, entry);
  g_ptr_array_add (import->order, entry);
  return entry;
}

/* The comment of ROW with the line ends of whatever wrote the form made "\n",
 * refused with the line when it is too long or holds control characters. */
static gboolean
read_comment (FormImport  *import,
              GStrv        row,
              guint        line,
              const char  *what,
              char       **comment,
              GError     **error)
{
  g_autofree char *unguarded = jury_csv_unguard (get_cell (row, COLUMN_COMMENT));
  g_autofree char *text = jury_text_normalize_line_ends (unguarded);
  g_autofree char *problem = jury_text_check (text, JURY_TEXT_COMMENT, what);

  if (problem != NULL)
    return fail (import, error, JURY_FORM_ERROR_VALUE, line, "%s", problem);

  *comment = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
read_overall_row (FormImport  *import,
                  FormEntry   *entry,
                  GStrv        row,
                  guint        line,
                  GError     **error)
{
  g_autofree char *score = dup_trimmed (row, COLUMN_SCORE);
  g_autofree char *what = NULL;

  if (entry->overall_line != 0)
    return fail (import, error, JURY_FORM_ERROR_DUPLICATE, line,
                 /* Translators: the last %u is the line of the first such row. */
                 _("the overall row of \"%s\" appears twice (also on line %u)"),
                 entry->submission_id, entry->overall_line);

  if (*score != '\0' && g_ascii_strcasecmp (score, CONFLICT_WORD) != 0)
    return fail (import, error, JURY_FORM_ERROR_VALUE, line,
                 _("the overall row of \"%s\" takes \"conflict\" or nothing as score, not \"%s\""),
                 entry->submission_id, score);

  what = jury_text_describe_comment (entry->submission_id, NULL);
  if (!read_comment (import, row, line, what, &entry->overall, error))
    return FALSE;

  entry->overall_line = line;
  entry->conflict = *score != '\0';
  return TRUE;
}

static gboolean
read_criterion_row (FormImport  *import,
                    FormEntry   *entry,
                    const char  *criterion_id,
                    GStrv        row,
                    guint        line,
                    GError     **error)
{
  const JuryCall *call = import->call;
  g_autofree char *score = dup_trimmed (row, COLUMN_SCORE);
  g_autofree char *what = NULL;
  FormCell *cell;
  gint64 value;
  guint index;

  if (jury_call_find_criterion (call, criterion_id, &index) == NULL)
    return fail (import, error, JURY_FORM_ERROR_UNKNOWN, line,
                 _("unknown criterion \"%s\" for submission \"%s\""),
                 criterion_id, entry->submission_id);

  cell = &entry->cells[index];
  if (cell->line != 0)
    return fail (import, error, JURY_FORM_ERROR_DUPLICATE, line,
                 /* Translators: the %u is the line of the first such row. */
                 _("criterion \"%s\" of submission \"%s\" appears twice (also on line %u)"),
                 criterion_id, entry->submission_id, cell->line);

  if (g_ascii_strcasecmp (score, CONFLICT_WORD) == 0)
    return fail (import, error, JURY_FORM_ERROR_VALUE, line,
                 _("\"conflict\" belongs in the overall row of \"%s\", the one with an empty criterion_id"),
                 entry->submission_id);

  if (*score == '\0')
    value = JURY_NO_SCORE;
  else if (!g_ascii_string_to_signed (score, 10, call->scale_min, call->scale_max, &value, NULL))
    return fail (import, error, JURY_FORM_ERROR_VALUE, line,
                 /* Translators: 'score "abc" for "praxis" of "schubs" is not a whole number
                  * from 1 to 5': the score, the criterion, the submission, the scale. */
                 _("score \"%s\" for \"%s\" of \"%s\" is not a whole number from %d to %d"),
                 score, criterion_id, entry->submission_id, call->scale_min, call->scale_max);

  what = jury_text_describe_comment (entry->submission_id, criterion_id);
  if (!read_comment (import, row, line, what, &cell->comment, error))
    return FALSE;

  cell->line = line;
  cell->score = value;
  return TRUE;
}

static gboolean
read_row (FormImport  *import,
          GStrv        row,
          guint        line,
          GError     **error)
{
  g_autofree char *submission_id = dup_trimmed (row, COLUMN_SUBMISSION);
  g_autofree char *criterion_id = dup_trimmed (row, COLUMN_CRITERION);
  FormEntry *entry;

  if (*submission_id == '\0')
    return fail (import, error, JURY_FORM_ERROR_SYNTAX, line,
                 "%s", _("the submission_id is missing"));

  entry = lookup_entry (import, submission_id, line, error);
  if (entry == NULL)
    return FALSE;

  if (*criterion_id == '\0')
    return read_overall_row (import, entry, row, line, error);

  return read_criterion_row (import, entry, criterion_id, row, line, error);
}

static gboolean
row_is_blank (GStrv row)
{
  for (guint i = 0; i < N_READ_COLUMNS; i++)
    {
      g_autofree char *cell = dup_trimmed (row, i);

      if (*cell != '\0')
        return FALSE;
    }

  return TRUE;
}

/* The form's overall row decides; without one the database's flag stands. */
static gboolean
entry_has_conflict (const FormEntry *entry)
{
  return entry->overall_line != 0 ? entry->conflict : entry->review->conflict;
}

/* Declaring a conflict of interest keeps a review's scores in the database (they
 * are only locked), so the form shows them and may repeat them unchanged; what it
 * may not do is give such a submission a new or different score. */
static gboolean
check_conflict (FormImport  *import,
                FormEntry   *entry,
                GError     **error)
{
  if (!entry_has_conflict (entry))
    return TRUE;

  for (guint i = 0; i < import->call->criteria->len; i++)
    {
      const FormCell *cell = &entry->cells[i];

      if (cell->line == 0 || cell->score == JURY_NO_SCORE || cell->score == entry->review->scores[i])
        continue;

      if (entry->overall_line == 0)
        return fail (import, error, JURY_FORM_ERROR_CONFLICT, cell->line,
                     _("\"%s\" has a conflict of interest declared in the database, so its scores cannot be set or changed; an overall row with an empty score lifts it"),
                     entry->submission_id);

      return fail (import, error, JURY_FORM_ERROR_CONFLICT, cell->line,
                   /* Translators: the %u is the line of the overall row. */
                   _("\"%s\" is declared a conflict of interest (line %u), so its scores cannot be set or changed"),
                   entry->submission_id, entry->overall_line);
    }

  return TRUE;
}

static void
add_change (FormImport  *import,
            ChangePhase  phase,
            JuryChange  *change)
{
  g_ptr_array_add (import->phases[phase], change);
}

static void
collect_changes (FormImport *import,
                 FormEntry  *entry)
{
  const JuryCall *call = import->call;
  const JuryReview *review = entry->review;
  const char *juror_id = import->juror_id;
  const char *id = entry->submission_id;
  gboolean conflict = entry_has_conflict (entry);
  gboolean complete = !conflict;

  if (review->conflict && !conflict)
    add_change (import, PHASE_CONFLICT_CLEARED, jury_change_new_flag (JURY_CHANGE_CONFLICT, juror_id, id, FALSE));

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);
      const FormCell *cell = &entry->cells[i];
      int score = cell->line != 0 ? cell->score : review->scores[i];

      complete = complete && score != JURY_NO_SCORE;
      if (cell->line == 0)
        continue;

      if (cell->score != review->scores[i])
        add_change (import, PHASE_SCORES, jury_change_new_score (juror_id, id, criterion->id, cell->score));
      if (!same_text (cell->comment, review->comments[i]))
        add_change (import, PHASE_COMMENTS, jury_change_new_comment (juror_id, id, criterion->id, cell->comment));
    }

  if (entry->overall_line != 0 && !same_text (entry->overall, review->overall))
    add_change (import, PHASE_COMMENTS, jury_change_new_comment (juror_id, id, NULL, entry->overall));

  if (!review->conflict && conflict)
    add_change (import, PHASE_CONFLICT_SET, jury_change_new_flag (JURY_CHANGE_CONFLICT, juror_id, id, TRUE));

  if (complete && !review->done)
    add_change (import, PHASE_DONE, jury_change_new_flag (JURY_CHANGE_DONE, juror_id, id, TRUE));
}

static gboolean
read_form (FormImport  *import,
           GBytes      *form,
           guint       *n_rows,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) csv_error = NULL;
  gsize length;
  const char *text = g_bytes_get_data (form, &length);

  rows = jury_csv_parse_named (text, length, import->name, &lines, &csv_error);
  if (rows == NULL)
    {
      g_set_error_literal (error, JURY_FORM_ERROR, JURY_FORM_ERROR_SYNTAX, csv_error->message);
      return FALSE;
    }

  if (!check_header (import, rows, lines, error))
    return FALSE;

  *n_rows = 0;
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      /* A spreadsheet saves an emptied row as ",,,,,". */
      if (row_is_blank (row))
        continue;

      (*n_rows)++;
      if (!read_row (import, row, g_array_index (lines, guint, i), error))
        return FALSE;
    }

  return TRUE;
}

static GHashTable *
dup_submission_ids (JuryStore   *store,
                    const char  *juror_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) rows = jury_store_list_submissions (store, juror_id, error);
  GHashTable *known;

  if (rows == NULL)
    return NULL;

  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);

      g_hash_table_add (known, g_strdup (row->id));
    }

  return known;
}

static void
form_import_clear (FormImport *import)
{
  g_clear_pointer (&import->known, g_hash_table_unref);
  g_clear_pointer (&import->entries, g_hash_table_unref);
  g_clear_pointer (&import->order, g_ptr_array_unref);
  for (guint i = 0; i < N_PHASES; i++)
    g_clear_pointer (&import->phases[i], g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormImport, form_import_clear)

/* Public API */

GBytes *
jury_form_write (JuryStore   *store,
                 const char  *juror_id,
                 GError     **error)
{
  g_autoptr(JuryCsvWriter) writer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const JuryCall *call;

  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (juror_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_juror (store, juror_id, error))
    return NULL;

  rows = jury_store_list_submissions (store, juror_id, error);
  if (rows == NULL)
    return NULL;

  call = jury_store_get_call (store);
  writer = jury_csv_writer_new ();
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    jury_csv_writer_add_text (writer, header[i]);
  jury_csv_writer_end_row (writer);

  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JuryReview) review = jury_store_get_review (store, juror_id, row->id, error);

      if (review == NULL)
        return NULL;
      write_review (writer, call, row, review);
    }

  return jury_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

gboolean
jury_form_import (JuryStore            *store,
                  const char           *juror_id,
                  GBytes               *form,
                  const char           *name,
                  JuryFormImportStats  *stats,
                  GError              **error)
{
  g_auto(FormImport) import = { 0 };
  g_autoptr(GPtrArray) changes = NULL;
  JuryFormImportStats counts = { 0 };
  gboolean ok;

  g_return_val_if_fail (JURY_IS_STORE (store), FALSE);
  g_return_val_if_fail (juror_id != NULL, FALSE);
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_juror (store, juror_id, error))
    return FALSE;

  import.store = store;
  import.call = jury_store_get_call (store);
  import.juror_id = juror_id;
  import.name = name;
  import.known = dup_submission_ids (store, juror_id, error);
  if (import.known == NULL)
    return FALSE;
  import.entries = g_hash_table_new (g_str_hash, g_str_equal);
  import.order = g_ptr_array_new_with_free_func (form_entry_free);
  for (guint i = 0; i < N_PHASES; i++)
    import.phases[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);

  /* The reviews the form changes, read as one snapshot: a form of thousands of
   * submissions does not take and drop the file's lock for each. */
  if (!jury_store_begin_read (store, error))
    return FALSE;
  ok = read_form (&import, form, &counts.n_rows, error);
  jury_store_end_read (store);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < import.order->len; i++)
    if (!check_conflict (&import, g_ptr_array_index (import.order, i), error))
      return FALSE;

  for (guint i = 0; i < import.order->len; i++)
    collect_changes (&import, g_ptr_array_index (import.order, i));

  changes = g_ptr_array_new ();
  for (guint i = 0; i < N_PHASES; i++)
    g_ptr_array_extend (changes, import.phases[i], NULL, NULL);
  counts.n_done = import.phases[PHASE_DONE]->len;
  counts.n_changes = changes->len - counts.n_done;

  if (changes->len > 0 &&
      !jury_store_apply (store, (JuryChange * const *) changes->pdata, changes->len, error))
    return FALSE;

  g_debug ("%s: %u rows, %u changes, %u reviews done", name, counts.n_rows, counts.n_changes, counts.n_done);
  if (stats != NULL)
    *stats = counts;
  return TRUE;
}
