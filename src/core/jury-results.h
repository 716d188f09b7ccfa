/* jury-results.h: a panel's results, read from a store and ready to show or export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-stats.h"
#include "jury-store.h"

G_BEGIN_DECLS

typedef struct
{
  JuryCall      *call;          /* a copy */
  GPtrArray     *jurors;        /* JuryJuror*, in the order of stats->jurors */
  GPtrArray     *submissions;   /* JurySubmissionRow*, in file order = stats order */
  JuryStats     *stats;
  JuryReview   **reviews;       /* [s * n_jurors + j], NULL where the juror has none */
  JuryReviewGrid *grid;         /* holds the reviews when set (as read from a store);
                                 * else each review is its own (as tests build them) */
  JuryStore     *store;         /* where a compact grid's reviews come from; else NULL */
  JuryDecision  *decisions;     /* n_submissions */
  char         **notes;         /* n_submissions, NULL when none */
  guint         *assigned;      /* n_submissions: the jurors the plan gives each submission
                                 * to; 0 without a plan (see jury-round.h) */
  gboolean       normalized;
  double         disagreement;  /* the threshold in effect, a share of the scale's range */
} JuryResults;

typedef struct
{
  gboolean normalize;
  double   disagreement;        /* 0 = JURY_STATS_DEFAULT_DISAGREEMENT */
} JuryResultsOptions;

/* Reads STORE on the calling thread, in one read transaction: scores and decisions
 * from one snapshot. */
JuryResults *jury_results_new            (JuryStore                *store,
                                          const JuryResultsOptions *options,
                                          GError                  **error);
/* The same statistics, with the reviews (and their comments, the most of a large
 * panel's memory) of one submission at a time: REVIEWS is NULL throughout until
 * jury_results_load_reviews() reads a submission's. For an export that goes
 * through the submissions in turn, and for what needs no review. STORE must stay
 * in a read transaction (jury-store-transaction.h) from before this call until the
 * last reviews are read, so that all come from one snapshot. */
JuryResults *jury_results_new_compact    (JuryStore                *store,
                                          const JuryResultsOptions *options,
                                          GError                  **error);
/* Puts the reviews of submission S (in file order), with their comments, into
 * RESULTS->reviews in place of the submission's before: the one submission whose
 * reviews compact results hold. TRUE at once for results that hold all; the
 * results change only in which reviews they hold. */
gboolean     jury_results_load_reviews   (const JuryResults        *results,
                                          guint                     s,
                                          GError                  **error);
/* The results of the database at PATH, read on a read-only connection of its own
 * (so from any thread, while others write to the file). */
JuryResults *jury_results_new_for_path   (const char               *path,
                                          const JuryResultsOptions *options,
                                          GError                  **error);
/* The results in a worker thread (the bootstrap of a large call takes a while),
 * read through a connection of the worker's own to STORE's file: STORE itself is
 * never used there, so the caller may go on reading and writing it. What the worker
 * sees is what was committed when it began. */
void         jury_results_new_async      (JuryStore                *store,
                                          const JuryResultsOptions *options,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
JuryResults *jury_results_new_finish     (GAsyncResult             *result,
                                          GError                  **error);
void         jury_results_free           (JuryResults              *results);
guint        jury_results_count_decisions (const JuryResults       *results,
                                          JuryDecision              decision);

/* The decision in the reader's language: "–", "Shortlist", "Award". */
const char  *jury_decision_to_label      (JuryDecision              decision);

/* A statistic as views show it: two decimals in the reader's locale, "–" for NAN. */
char        *jury_format_statistic       (double                    value);
/* A share as views show it: "87 %", "–" for NAN. */
char        *jury_format_share           (double                    value);
/* A juror's leniency likewise, with its sign: "+0.25", "-0.40", "–" for NAN. */
char        *jury_format_leniency        (double                    value);
/* "31 submissions · 5 jurors · 5 awards · ranked by the mean". */
char        *jury_results_describe_panel (const JuryResults        *results);
/* "Agreement of the jurors on the totals: low (Krippendorff’s alpha 0.41)". */
char        *jury_results_describe_agreement (const JuryResults    *results);

/* What tables put beside the sd of a submission on which the jurors disagree. */
#define JURY_DISAGREEMENT_MARK "*"

/* A submission's sd as tables show it: jury_format_statistic(), and the mark when
 * the jurors disagree. */
char        *jury_results_format_sd      (const JuryResults        *results,
                                          guint                     submission);
/* The sd above which the jurors disagree, in the scale's units. */
double       jury_results_get_disagreement_limit (const JuryResults *results);
/* The footnote to the mark, with the threshold in use ("* The jurors disagree
 * markedly: the standard deviation is above 0.80 (20% of the scale's range)."), or
 * NULL when no submission is flagged. */
char        *jury_results_get_disagreement_note (const JuryResults *results);

/* Krippendorff's alpha in words, for "Agreement: %s": "high" (≥ 0.8), "acceptable"
 * (≥ 0.667), "low", "below chance" (< 0), "cannot be measured" (NAN). */
const char  *jury_agreement_to_words     (double                    alpha);

/* The rows in rank order (stats->order) that hold award places: ranks 1 … awards,
 * more than awards when places tie. Views draw a line under the last of them. */
guint        jury_results_count_award_rows (const JuryResults      *results);
/* When places tie at the last award place (more award rows than awards): "A tie at
 * the last award place: 6 candidates for 5 awards."; else NULL. */
char        *jury_results_describe_award_places (const JuryResults *results);

/* Whether JUROR gave every submission they scored completely, two or more, the same
 * total (stored in TOTAL, nullable): such scores rank nothing, and normalising
 * counts them as average. */
gboolean     jury_results_juror_is_uniform (const JuryResults     *results,
                                          guint                     juror,
                                          double                   *total);
/* "Gleichmann gave the same total, 3.00, to all 31 submissions they scored
 * completely: …" when jury_results_juror_is_uniform(); else NULL. */
char        *jury_results_describe_uniform_juror (const JuryResults *results,
                                          guint                     juror);

/* The ranking table (DESIGN §9), shared by the CSV and the spreadsheet's Ranking
 * sheet: row R is the R-th submission in rank order. A cell's text points into
 * RESULTS or is static; a value that does not exist is an empty cell. */
typedef enum
{
  JURY_CELL_EMPTY,
  JURY_CELL_TEXT,
  JURY_CELL_NUMBER,
} JuryCellKind;

typedef struct
{
  JuryCellKind  kind;
  const char   *text;
  double        number;
} JuryCell;

/* The columns by their machine-readable ids ("rank", "p_top"…), which the CSV heads
 * its columns with; the label of each in the reader's language ("Award Chance"),
 * which people's files use. */
const char * const *jury_results_ranking_columns (guint              *n_columns);
const char  *jury_results_ranking_column_to_label (guint            column);
void         jury_results_get_ranking_cell (const JuryResults      *results,
                                          guint                     row,
                                          guint                     column,
                                          JuryCell                 *cell);

/* The jurors' table, shared by the dossier, the spreadsheet's Jurors sheet and the
 * window: one row per juror (in the order of RESULTS->jurors), these columns. */
typedef enum
{
  JURY_JUROR_COLUMN_NAME,        /* exports that hide names put their label there */
  JURY_JUROR_COLUMN_COMPLETE,
  JURY_JUROR_COLUMN_CONFLICTS,
  JURY_JUROR_COLUMN_INCOMPLETE,
  JURY_JUROR_COLUMN_MEAN,
  JURY_JUROR_COLUMN_SD,
  JURY_JUROR_COLUMN_LENIENCY,
  JURY_N_JUROR_COLUMNS
} JuryJurorColumn;

/* Machine-readable names ("juror", "complete", …), as the spreadsheet heads them. */
const char  *jury_juror_column_to_string (JuryJurorColumn           column);
/* The header in the reader's language ("Juror", "Complete", …). */
const char  *jury_juror_column_to_label  (JuryJurorColumn           column);
void         jury_results_get_juror_cell (const JuryResults        *results,
                                          guint                     juror,
                                          JuryJurorColumn           column,
                                          JuryCell                 *cell);
/* The cell as tables show it: counts whole, statistics with two decimals, the
 * leniency with its sign, "–" for a value that does not exist. */
char        *jury_results_format_juror_cell (const JuryResults     *results,
                                          guint                     juror,
                                          JuryJurorColumn           column);

/* `jury-desk results` in its formats (DESIGN §8; CSV: jury-export-csv.h). JSON numbers are numbers,
 * values that do not exist are null. */
char        *jury_results_to_json        (const JuryResults        *results);
/* TEXT (nullable: null) as a JSON string, appended to OUT. */
void         jury_json_append_string     (GString                  *out,
                                          const char               *text);
char        *jury_results_to_text        (const JuryResults        *results);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryResults, jury_results_free)

G_END_DECLS
