/* jury-export-xlsx.c: the results as a spreadsheet (XLSX) with libxlsxwriter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-export"

/* memfd_create() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "jury-export-xlsx.h"

/* Excel holds at most this many characters in a cell. */
#define MAX_CELL_CHARS 32767

typedef struct
{
  const JuryResults       *results;
  const JuryExportOptions *options;
  lxw_workbook            *workbook;
  lxw_format              *header;
  lxw_format              *decimal;
  lxw_format              *percent;
  lxw_format              *wrap;
  guint                   *jurors;     /* display order */
  char                   **labels;     /* by juror index */
  lxw_error                error;      /* the first failure; LXW_NO_ERROR */
  GError                  *failure;    /* the first failure of Jury Desk's own */
  gboolean                 in_memory;  /* every cell kept until the end (for tests) */
} Book;

/* Each sheet starts with a header row of column names. */
typedef struct
{
  Book          *book;
  lxw_worksheet *sheet;
  lxw_row_t      row;
  lxw_col_t      col;
} Sheet;

static void
note_error (Book      *book,
            lxw_error  error)
{
  if (book->error == LXW_NO_ERROR)
    book->error = error;
}

/* The sheet is named in the reader's language, or by NAME when the translation is not
 * a name a workbook takes. */
static void
sheet_init (Sheet      *sheet,
            Book       *book,
            const char *name)
{
  const char *label = _(name);

  sheet->book = book;
  sheet->sheet = NULL;
  if (workbook_validate_sheet_name (book->workbook, label) == LXW_NO_ERROR)
    sheet->sheet = workbook_add_worksheet (book->workbook, label);
  if (sheet->sheet == NULL)
    sheet->sheet = workbook_add_worksheet (book->workbook, name);
  sheet->row = 0;
  sheet->col = 0;
  if (sheet->sheet == NULL)
    note_error (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
}

/* The window's and the dossier's labels may break a long word for a narrow column
 * ("Voll-\nständig"); a spreadsheet's header is one line. */
static char *
one_line (const char *label)
{
  g_autoptr(GString) line = g_string_new (label);

  g_string_replace (line, "-\n", "", 0);
  g_string_replace (line, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
cut_with_mark (const char *text,
                        gsize       length,
                        const char *tail)
{
  GString *joined = g_string_new_len (text, length);

  g_string_append (joined, tail);
  return g_string_free (joined, FALSE);
}

static void
sheet_text (Sheet      *sheet,
            const char *text,
            lxw_format *format)
{
  g_autofree char *cut = NULL;

  if (sheet->sheet == NULL)
    return;

  if (text == NULL || text[0] == '\0')
    {
      if (format != NULL)
        note_error (sheet->book,
                    worksheet_write_blank (sheet->sheet, sheet->row, sheet->col, format));
      sheet->col++;
      return;
    }

  /* Longer text is cut, and the cell says so: never silently. */
  if (strlen (text) > MAX_CELL_CHARS && g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    {
      glong n_chars = g_utf8_strlen (text, -1);
      /* Translators: ends a spreadsheet cell whose text was too long; %ld is the length of the whole text */
      g_autofree char *mark = g_strdup_printf (_(" […] (cut: a cell holds %d characters, the whole text has %ld)"),
                                               MAX_CELL_CHARS, n_chars);
      const char *end = g_utf8_offset_to_pointer (text, MAX_CELL_CHARS - g_utf8_strlen (mark, -1));

      text = cut = cut_with_mark (text, end - text, mark);
    }

  note_error (sheet->book,
              worksheet_write_string (sheet->sheet, sheet->row, sheet->col++, text, format));
}

/* A value that does not exist is an empty cell, as in the CSV. */
static void
sheet_number (Sheet      *sheet,
              double      value,
              lxw_format *format)
{
  if (!isfinite (value))
    {
      sheet_text (sheet, NULL, format);
      return;
    }

  if (sheet->sheet != NULL)
    note_error (sheet->book,
                worksheet_write_number (sheet->sheet, sheet->row, sheet->col, value, format));
  sheet->col++;
}

static void
sheet_end_row (Sheet *sheet)
{
  sheet->row++;
  sheet->col = 0;
}

/* The header row in bold, kept in view while scrolling. */
static void
sheet_header (Sheet              *sheet,
              const char * const *names,
              guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    sheet_text (sheet, names[i], sheet->book->header);
  sheet_end_row (sheet);
  if (sheet->sheet != NULL)
    worksheet_freeze_panes (sheet->sheet, 1, 0);
}

static void
sheet_width (Sheet     *sheet,
             lxw_col_t  first,
             lxw_col_t  last,
             double     width,
             lxw_format *format)
{
  if (sheet->sheet != NULL)
    note_error (sheet->book, worksheet_set_column (sheet->sheet, first, last, width, format));
}

/* A text cell of the ranking in the reader's words, where the CSV has an id. */
static const char *
ranking_text (const JuryResults *results,
              guint              row,
              const char        *column,
              const char        *text)
{
  guint s = results->stats->order[row];

  if (strcmp (column, "decision") == 0)
    return results->decisions[s] != JURY_DECISION_NONE ? jury_decision_to_label (results->decisions[s]) : NULL;
  if (strcmp (column, "disagreement") == 0)
    /* Translators: marks a submission on which the jurors disagree */
    return results->stats->submissions[s].disagreement ? _("⚠ wide") : NULL;

  return text;
}

static void
write_ranking (Book *book)
{
  const JuryResults *results = book->results;
  guint n_award_rows = jury_results_count_award_rows (results);
  lxw_format *text_border = workbook_add_format (book->workbook);
  lxw_format *number_border = workbook_add_format (book->workbook);
  lxw_format *percent_border = workbook_add_format (book->workbook);
  const char * const *columns;
  g_autofree const char **labels = NULL;
  g_autofree gboolean *counts = NULL;
  g_autofree gboolean *shares = NULL;
  guint n_columns;
  Sheet sheet;

  format_set_bottom (text_border, LXW_BORDER_MEDIUM);
  format_set_bottom (number_border, LXW_BORDER_MEDIUM);
  format_set_num_format (number_border, "0.00");
  format_set_bottom (percent_border, LXW_BORDER_MEDIUM);
  format_set_num_format (percent_border, "0%");

  columns = jury_results_ranking_columns (&n_columns);
  labels = g_new0 (const char *, n_columns + 1);
  counts = g_new0 (gboolean, n_columns);
  shares = g_new0 (gboolean, n_columns);
  for (guint c = 0; c < n_columns; c++)
    labels[c] = jury_results_ranking_column_to_label (c);
  sheet_init (&sheet, book, N_("Ranking"));
  sheet_header (&sheet, (const char * const *) labels, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      /* Ranks and counts are whole numbers, the award chance a share as the window
       * shows it; statistics show two decimals. */
      counts[c] = strcmp (columns[c], "rank") == 0 || strcmp (columns[c], "n") == 0;
      shares[c] = strcmp (columns[c], "p_top") == 0;
      if (strcmp (columns[c], "title") == 0 || strcmp (columns[c], "note") == 0)
        sheet_width (&sheet, c, c, 36, NULL);
      else if (strcmp (columns[c], "id") == 0 || strcmp (columns[c], "region") == 0)
        sheet_width (&sheet, c, c, 24, NULL);
    }

  for (guint k = 0; k < results->stats->n_submissions; k++)
    {
      /* A line under the last award place, as in the window and the dossier. */
      gboolean last_award = k + 1 == n_award_rows;

      for (guint c = 0; c < n_columns; c++)
        {
          JuryCell cell;

          jury_results_get_ranking_cell (results, k, c, &cell);
          if (cell.kind == JURY_CELL_NUMBER && last_award)
            sheet_number (&sheet, cell.number,
                          counts[c] ? text_border : shares[c] ? percent_border : number_border);
          else if (cell.kind == JURY_CELL_NUMBER)
            sheet_number (&sheet, cell.number,
                          counts[c] ? NULL : shares[c] ? book->percent : book->decimal);
          else
            sheet_text (&sheet, ranking_text (results, k, columns[c], cell.text),
                        last_award ? text_border : NULL);
        }
      sheet_end_row (&sheet);
    }
}

static void
scores_sheet_init (Book  *book,
                   Sheet *sheet)
{
  GPtrArray *criteria = book->results->call->criteria;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  g_ptr_array_add (header, (char *) _("Juror"));
  g_ptr_array_add (header, (char *) _("ID"));
  g_ptr_array_add (header, (char *) _("Title"));
  for (guint c = 0; c < criteria->len; c++)
    g_ptr_array_add (header, ((JuryCriterion *) g_ptr_array_index (criteria, c))->name);
  g_ptr_array_add (header, (char *) _("Total"));
  g_ptr_array_add (header, (char *) _("Conflict of Interest"));

  sheet_init (sheet, book, N_("Scores"));
  sheet_header (sheet, (const char * const *) header->pdata, header->len);
  sheet_width (sheet, 0, 1, 20, NULL);
  sheet_width (sheet, 2, 2, 36, NULL);
  sheet_width (sheet, 3 + criteria->len, 3 + criteria->len, 10, book->decimal);
}

/* Submission S's scores, a row per juror. */
static void
write_score_rows (Book  *book,
                  Sheet *sheet,
                  guint  s)
{
  const JuryResults *results = book->results;
  GPtrArray *criteria = results->call->criteria;
  const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);

  for (guint i = 0; i < results->jurors->len; i++)
    {
      guint j = book->jurors[i];
      gsize r = (gsize) s * results->jurors->len + j;
      const JuryReview *review = results->reviews[r];

      sheet_text (sheet, book->labels[j], NULL);
      sheet_text (sheet, row->id, NULL);
      sheet_text (sheet, row->title, NULL);
      for (guint c = 0; c < criteria->len; c++)
        {
          gboolean scored = review != NULL && review->scores[c] != JURY_NO_SCORE;

          sheet_number (sheet, scored ? review->scores[c] : NAN, NULL);
        }
      sheet_number (sheet, results->stats->totals[r], book->decimal);
      sheet_text (sheet, review != NULL && review->conflict ? _("conflict") : NULL, NULL);
      sheet_end_row (sheet);
    }
}

static void
comments_sheet_init (Book  *book,
                     Sheet *sheet)
{
  const char *columns[] = { _("Juror"), _("ID"), _("Criterion"), _("Comment") };

  sheet_init (sheet, book, N_("Comments"));
  sheet_header (sheet, columns, G_N_ELEMENTS (columns));
  sheet_width (sheet, 0, 2, 20, NULL);
  sheet_width (sheet, 3, 3, 80, book->wrap);
}

static void
write_comment_rows (Book             *book,
                    Sheet            *sheet,
                    const JuryReview *review,
                    const char       *label)
{
  GPtrArray *criteria = book->results->call->criteria;

  for (guint c = 0; c <= criteria->len; c++)
    {
      gboolean overall = c == criteria->len;
      const char *comment = overall ? review->overall : review->comments[c];
      const char *criterion = overall ? _("Overall")
                                      : ((JuryCriterion *) g_ptr_array_index (criteria, c))->name;

      if (comment == NULL || comment[0] == '\0')
        continue;

      sheet_text (sheet, label, NULL);
      sheet_text (sheet, review->submission_id, NULL);
      sheet_text (sheet, criterion, NULL);
      sheet_text (sheet, comment, book->wrap);
      sheet_end_row (sheet);
    }
}

/* The sheets Scores and Comments side by side, a submission at a time in rank
 * order: compact results hold one submission's reviews at a time, and the rows of
 * each sheet still come top to bottom. */
static void
write_reviews (Book *book)
{
  const JuryResults *results = book->results;
  Sheet scores;
  Sheet comments;

  scores_sheet_init (book, &scores);
  comments_sheet_init (book, &comments);

  for (guint k = 0; k < results->stats->n_submissions; k++)
    {
      guint s = results->stats->order[k];

      if (!jury_results_load_reviews (results, s, &book->failure))
        return;

      write_score_rows (book, &scores, s);
      for (guint i = 0; i < results->jurors->len; i++)
        {
          guint j = book->jurors[i];
          const JuryReview *review = results->reviews[(gsize) s * results->jurors->len + j];

          if (review != NULL)
            write_comment_rows (book, &comments, review, book->labels[j]);
        }
    }
}

static void
write_jurors (Book *book)
{
  const JuryResults *results = book->results;
  char *columns[JURY_N_JUROR_COLUMNS + 1] = { NULL };
  Sheet sheet;

  for (guint c = 0; c < JURY_N_JUROR_COLUMNS; c++)
    columns[c] = one_line (jury_juror_column_to_label (c));
  sheet_init (&sheet, book, N_("Jurors"));
  sheet_header (&sheet, (const char * const *) columns, JURY_N_JUROR_COLUMNS);
  for (guint c = 0; c < JURY_N_JUROR_COLUMNS; c++)
    g_free (columns[c]);
  sheet_width (&sheet, JURY_JUROR_COLUMN_NAME, JURY_JUROR_COLUMN_NAME, 24, NULL);
  sheet_width (&sheet, JURY_JUROR_COLUMN_MEAN, JURY_N_JUROR_COLUMNS - 1, 10, book->decimal);

  for (guint i = 0; i < results->jurors->len; i++)
    {
      guint j = book->jurors[i];

      sheet_text (&sheet, book->labels[j], NULL);
      for (guint c = JURY_JUROR_COLUMN_NAME + 1; c < JURY_N_JUROR_COLUMNS; c++)
        {
          JuryCell cell;

          /* Counts are whole numbers; the statistics show two decimals. */
          jury_results_get_juror_cell (results, j, c, &cell);
          sheet_number (&sheet, cell.number, c >= JURY_JUROR_COLUMN_MEAN ? book->decimal : NULL);
        }
      sheet_end_row (&sheet);
    }
}

static void
book_clear (Book *book)
{
  if (book->labels != NULL)
    for (guint j = 0; j < book->results->jurors->len; j++)
      g_free (book->labels[j]);
  g_clear_pointer (&book->labels, g_free);
  g_clear_pointer (&book->jurors, g_free);
}

/* libxlsxwriter tells of its failures on the standard error itself. While it
 * works, what is written there goes to a file in memory instead; afterwards its
 * own lines go to the debug log, and anything else written meanwhile (by another
 * thread) to the standard error after all. One workbook at a time. */
typedef struct
{
  int saved_fd;
  int capture_fd;
} StderrCapture;

static GMutex capture_lock;

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

static void
capture_stderr (StderrCapture *capture)
{
  g_mutex_lock (&capture_lock);
  fflush (stderr);
  capture->saved_fd = -1;
  capture->capture_fd = memfd_create ("jury-desk-xlsx-messages", MFD_CLOEXEC);
  if (capture->capture_fd < 0)
    return;

  capture->saved_fd = dup (STDERR_FILENO);
  if (capture->saved_fd < 0 || dup2 (capture->capture_fd, STDERR_FILENO) < 0)
    {
      close_fd (&capture->saved_fd);
      close_fd (&capture->capture_fd);
    }
}

static void
release_stderr (StderrCapture *capture)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  off_t size;

  fflush (stderr);
  if (capture->saved_fd >= 0)
    {
      dup2 (capture->saved_fd, STDERR_FILENO);
      close_fd (&capture->saved_fd);
    }

  if (capture->capture_fd >= 0 && (size = lseek (capture->capture_fd, 0, SEEK_END)) > 0)
    {
      text = g_malloc0 (size + 1);
      if (pread (capture->capture_fd, text, size, 0) == size)
        lines = g_strsplit (text, "\n", -1);
    }
  close_fd (&capture->capture_fd);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "[ERROR]") || g_str_has_prefix (lines[i], "[WARNING]"))
        g_debug ("libxlsxwriter: %s", lines[i]);
      else if (lines[i][0] != '\0' || lines[i + 1] != NULL)
        fprintf (stderr, "%s%s", lines[i], lines[i + 1] != NULL ? "\n" : "");
    }
  fflush (stderr);
  g_mutex_unlock (&capture_lock);
}

static gboolean
write_workbook (Book        *book,
                const char  *path,
                int         *errsv)
{
  /* Each row goes to a temporary file as soon as the next begins, so that a panel
   * of any size takes the memory of one row; the sheets are written row by row,
   * top to bottom, as that requires. */
  lxw_workbook_options options = { .constant_memory = !book->in_memory };
  lxw_doc_properties properties = { 0 };
  const JuryResults *results = book->results;
  lxw_error closed;

  book->workbook = workbook_new_opt (path, &options);
  if (book->workbook == NULL)
    {
      *errsv = errno;
      return FALSE;
    }

  book->jurors = jury_export_juror_order (results, book->options);
  book->labels = g_new0 (char *, results->jurors->len + 1);
  for (guint j = 0; j < results->jurors->len; j++)
    book->labels[j] = jury_export_juror_label (results, j, book->options);

  book->header = workbook_add_format (book->workbook);
  format_set_bold (book->header);
  book->decimal = workbook_add_format (book->workbook);
  format_set_num_format (book->decimal, "0.00");
  book->percent = workbook_add_format (book->workbook);
  format_set_num_format (book->percent, "0%");
  book->wrap = workbook_add_format (book->workbook);
  format_set_text_wrap (book->wrap);
  format_set_align (book->wrap, LXW_ALIGN_VERTICAL_TOP);

  properties.title = results->call->title;
  properties.comments = results->call->id;
  workbook_set_properties (book->workbook, &properties);

  write_ranking (book);
  write_reviews (book);
  write_jurors (book);

  /* Closing writes the file and frees the workbook, whatever happened before. */
  errno = 0;
  closed = workbook_close (book->workbook);
  *errsv = errno;
  if (book->error == LXW_NO_ERROR)
    book->error = closed;

  return book->error == LXW_NO_ERROR;
}

static gboolean
write_xlsx (const JuryResults       *results,
            const JuryExportOptions *options,
            gboolean                 in_memory,
            const char              *path,
            GError                 **error)
{
  Book book = { 0 };
  StderrCapture capture;
  gboolean written;
  int errsv = 0;

  book.results = results;
  book.options = options;
  book.error = LXW_NO_ERROR;
  book.in_memory = in_memory;

  capture_stderr (&capture);
  written = write_workbook (&book, path, &errsv);
  release_stderr (&capture);
  book_clear (&book);

  if (book.failure != NULL)
    {
      g_propagate_error (error, book.failure);
      return FALSE;
    }
  if (written)
    return TRUE;

  g_debug ("%s: libxlsxwriter: %s (%s)", path, lxw_strerror (book.error), g_strerror (errsv));
  if (errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s", _("the disk is full"));
  else if (book.workbook == NULL)
    g_set_error (error, JURY_EXPORT_ERROR, JURY_EXPORT_ERROR_FAILED,
                 _("the spreadsheet library could not start"));
  else
    g_set_error (error, JURY_EXPORT_ERROR, JURY_EXPORT_ERROR_FAILED,
                 /* Translators: %s is the reason, in English, from the spreadsheet library. */
                 _("the spreadsheet library failed: %s"), lxw_strerror (book.error));
  return FALSE;
}

/* Public API */

gboolean
jury_export_write_xlsx (const JuryResults       *results,
                        const JuryExportOptions *options,
                        const char              *path,
                        GError                 **error)
{
  return write_xlsx (results, options, FALSE, path, error);
}

gboolean
jury_export_write_xlsx_in_memory (const JuryResults       *results,
                                  const JuryExportOptions *options,
                                  const char              *path,
                                  GError                 **error)
{
  return write_xlsx (results, options, TRUE, path, error);
}
