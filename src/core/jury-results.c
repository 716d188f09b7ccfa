/* jury-results.c: a panel's results, read from a store and ready to show or export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-results"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "jury-results.h"
#include "jury-round.h"
#include "jury-store-transaction.h"

enum
{
  COLUMN_RANK,
  COLUMN_ID,
  COLUMN_TITLE,
  COLUMN_REGION,
  COLUMN_N,
  COLUMN_MEAN,
  COLUMN_MEDIAN,
  COLUMN_SD,
  COLUMN_MIN,
  COLUMN_MAX,
  COLUMN_Z,
  COLUMN_NORMALIZED,
  COLUMN_P_TOP,
  COLUMN_DISAGREEMENT,
  COLUMN_DECISION,
  COLUMN_NOTE,
  N_COLUMNS
};

/* Machine-readable names: spreadsheets and scripts address the columns by them. */
static const char * const ranking_columns[N_COLUMNS + 1] = {
  "rank", "id", "title", "region", "n", "mean", "median", "sd", "min", "max", "z",
  "normalized", "p_top", "disagreement", "decision", "note", NULL
};

/* The same columns in people's words: the window's (ui/jury-results-view.ui) where it
 * shows them. */
static const char * const ranking_labels[N_COLUMNS] = {
  N_("Rank"), N_("ID"), N_("Title"), N_("Region"), N_("n"), N_("Mean"), N_("Median"), N_("SD"),
  N_("Min"), N_("Max"), N_("z-Score"), N_("Normalised"), N_("Award Chance"), N_("Spread"),
  N_("Decision"), N_("Note on the decision"),
};

static const char * const juror_columns[JURY_N_JUROR_COLUMNS] = {
  "juror", "complete", "conflicts", "incomplete", "mean", "sd", "leniency",
};

/* The text table's headers, in the words of the ranking's columns. */
static const char * const text_columns[] = {
  N_("Rank"), N_("n"), N_("Mean"), N_("Median"), N_("SD"), N_("Min"), N_("Max"), N_("z-Score"),
  N_("Normalised"), N_("Award Chance"), N_("Decision"), N_("Title"),
};
#define N_TEXT_COLUMNS G_N_ELEMENTS (text_columns)

typedef struct
{
  char               *path;
  JuryResultsOptions  options;
} NewData;

/* Reading */

/* Results built elsewhere (as tests do) may leave the threshold 0: the default. */
static double
disagreement_share (const JuryResults *results)
{
  return results->disagreement > 0 ? results->disagreement : JURY_STATS_DEFAULT_DISAGREEMENT;
}

static gboolean
any_disagreement (const JuryResults *results)
{
  for (guint s = 0; s < results->stats->n_submissions; s++)
    if (results->stats->submissions[s].disagreement)
      return TRUE;

  return FALSE;
}

static JuryStats *
compute_stats (const JuryResults *results)
{
  const JuryCall *call = results->call;
  guint n_criteria = call->criteria->len;
  guint n_jurors = results->jurors->len;
  guint n_submissions = results->submissions->len;
  gsize n_reviews = (gsize) n_submissions * n_jurors;
  g_autofree double *weights = g_new (double, n_criteria);
  g_autofree const char **ids = g_new (const char *, n_submissions + 1);
  g_autofree int *own_scores = NULL;
  g_autofree gboolean *own_conflicts = NULL;
  const int *scores;
  const gboolean *conflicts;
  JuryStatsInput input = { 0 };

  for (guint c = 0; c < n_criteria; c++)
    weights[c] = ((JuryCriterion *) g_ptr_array_index (call->criteria, c))->weight;

  for (guint s = 0; s < n_submissions; s++)
    ids[s] = ((JurySubmissionRow *) g_ptr_array_index (results->submissions, s))->id;

  /* A grid read from a store holds the scores as the statistics take them. */
  if (results->grid != NULL && results->grid->n_criteria == n_criteria)
    {
      scores = results->grid->scores;
      conflicts = results->grid->conflicts;
    }
  else
    {
      own_scores = g_new (int, n_reviews * n_criteria + 1);
      own_conflicts = g_new0 (gboolean, n_reviews + 1);
      for (gsize r = 0; r < n_reviews; r++)
        {
          const JuryReview *review = results->reviews[r];

          for (guint c = 0; c < n_criteria; c++)
            own_scores[r * n_criteria + c] = review != NULL && c < review->n_criteria
                                             ? review->scores[c] : JURY_NO_SCORE;
          own_conflicts[r] = review != NULL && review->conflict;
        }
      scores = own_scores;
      conflicts = own_conflicts;
    }

  jury_stats_input_init (&input);
  input.n_criteria = n_criteria;
  input.weights = weights;
  input.scale_min = call->scale_min;
  input.scale_max = call->scale_max;
  input.n_jurors = n_jurors;
  input.n_submissions = n_submissions;
  input.submission_ids = ids;
  input.n_awards = call->awards;
  input.scores = scores;
  input.conflicts = conflicts;
  input.normalize = results->normalized;
  input.disagreement = disagreement_share (results);

  return jury_stats_compute (&input);
}

static gboolean
read_decisions (JuryResults  *results,
                JuryStore    *store,
                GError      **error)
{
  guint n = results->submissions->len;

  results->decisions = g_new0 (JuryDecision, n + 1);
  results->notes = g_new0 (char *, n + 1);

  for (guint s = 0; s < n; s++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);

      if (!jury_store_get_decision (store, row->id, &results->decisions[s],
                                    &results->notes[s], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_assigned (JuryResults  *results,
               JuryStore    *store,
               GError      **error)
{
  g_autoptr(GHashTable) counts = jury_round_count_readers (store, error);

  if (counts == NULL)
    return FALSE;

  results->assigned = g_new0 (guint, results->submissions->len + 1);
  for (guint s = 0; s < results->submissions->len; s++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);

      results->assigned[s] = GPOINTER_TO_UINT (g_hash_table_lookup (counts, row->id));
    }

  return TRUE;
}

/* What jury_results_new() reads, all within one read transaction. */
static JuryResults *
read_results (JuryStore                *store,
              const JuryResultsOptions *options,
              gboolean                  whole,
              GError                  **error)
{
  g_autoptr(JuryResults) results = g_new0 (JuryResults, 1);

  results->call = jury_call_copy (jury_store_get_call (store));
  results->normalized = options != NULL && options->normalize;
  /* The threshold in effect: the default where the options give none. */
  results->disagreement = options != NULL && options->disagreement > 0
                          ? options->disagreement : JURY_STATS_DEFAULT_DISAGREEMENT;

  results->submissions = jury_store_list_submissions (store, NULL, error);
  if (results->submissions == NULL)
    return NULL;

  results->grid = jury_store_read_review_grid (store, whole, error);
  if (results->grid == NULL)
    return NULL;
  if (!whole)
    results->store = g_object_ref (store);
  results->reviews = results->grid->reviews;
  results->jurors = g_ptr_array_ref (results->grid->jurors);

  if (!read_decisions (results, store, error) ||
      !read_assigned (results, store, error))
    return NULL;

  return g_steal_pointer (&results);
}

static void
new_data_free (NewData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NewData *data = task_data;
  g_autoptr(JuryResults) results = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  results = jury_results_new_for_path (data->path, &data->options, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) jury_results_free);
}

/* Text, a number, or nothing: an absent region or note, a statistic that does not exist. */
static void
set_cell_kind (JuryCell *cell)
{
  g_assert (cell != NULL);

  if (cell->text != NULL)
    cell->kind = JURY_CELL_TEXT;
  else if (isnan (cell->number))
    cell->kind = JURY_CELL_EMPTY;
  else
    cell->kind = JURY_CELL_NUMBER;
}

/* Text */

/* One row of text cells per submission in rank order, after a row of headers. */
static GPtrArray *
text_table (const JuryResults *results)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const JuryStats *stats = results->stats;
  char **header = g_new0 (char *, N_TEXT_COLUMNS + 1);

  for (guint c = 0; c < N_TEXT_COLUMNS; c++)
    header[c] = g_strdup (_(text_columns[c]));
  g_ptr_array_add (table, header);

  for (guint k = 0; k < stats->n_submissions; k++)
    {
      guint s = stats->order[k];
      const JurySubmissionStats *sub = &stats->submissions[s];
      const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);
      char **cells = g_new0 (char *, N_TEXT_COLUMNS + 1);

      cells[0] = sub->rank > 0 ? g_strdup_printf ("%u", sub->rank) : g_strdup ("–");
      cells[1] = g_strdup_printf ("%u", sub->n);
      cells[2] = jury_format_statistic (sub->mean);
      cells[3] = jury_format_statistic (sub->median);
      cells[4] = jury_results_format_sd (results, s);
      cells[5] = jury_format_statistic (sub->min);
      cells[6] = jury_format_statistic (sub->max);
      cells[7] = jury_format_statistic (sub->z);
      cells[8] = jury_format_statistic (sub->normalized);
      cells[9] = jury_format_share (sub->p_top);
      cells[10] = g_strdup (results->decisions[s] == JURY_DECISION_NONE
                            ? "" : jury_decision_to_label (results->decisions[s]));
      cells[11] = g_strdup (row->title);
      g_ptr_array_add (table, cells);
    }

  return table;
}

/* Numbers right-aligned, the decision left-aligned, the title last so that a long one
 * does not push the columns apart. */
static void
append_table (GString   *out,
              GPtrArray *table)
{
  guint n_columns = g_strv_length (table->pdata[0]);
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < table->len; r++)
    for (guint c = 0; c < n_columns; c++)
      widths[c] = MAX (widths[c], g_utf8_strlen (((char **) table->pdata[r])[c], -1));

  for (guint r = 0; r < table->len; r++)
    {
      char **cells = table->pdata[r];

      for (guint c = 0; c < n_columns; c++)
        {
          int pad = widths[c] - g_utf8_strlen (cells[c], -1);
          gboolean last = c + 1 == n_columns;

          if (c + 2 >= n_columns)
            g_string_append_printf (out, "%s%*s", cells[c], last ? 0 : pad, "");
          else
            g_string_append_printf (out, "%*s%s", pad, "", cells[c]);
          g_string_append (out, last ? "\n" : "  ");
        }
    }
}

/* JSON */

void
jury_json_append_string (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Full precision, a '.' whatever the locale, null for a value that does not exist. */
static void
json_number (GString *out,
             double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

static void
json_key (GString    *out,
          const char *key)
{
  jury_json_append_string (out, key);
  g_string_append (out, ": ");
}

static void
json_call (GString        *out,
           const JuryCall *call)
{
  g_string_append (out, "  \"call\": {");
  json_key (out, "id");
  jury_json_append_string (out, call->id);
  g_string_append (out, ", ");
  json_key (out, "title");
  jury_json_append_string (out, call->title);
  g_string_append (out, ", ");
  json_key (out, "theme");
  jury_json_append_string (out, call->theme);
  g_string_append (out, ", ");
  json_key (out, "sha256");
  jury_json_append_string (out, call->sha256);
  g_string_append (out, "},\n");
}

static void
json_jurors (GString   *out,
             GPtrArray *jurors)
{
  g_string_append (out, "  \"jurors\": [");
  for (guint j = 0; j < jurors->len; j++)
    {
      const JuryJuror *juror = g_ptr_array_index (jurors, j);

      g_string_append (out, j > 0 ? ",\n    {" : "\n    {");
      json_key (out, "id");
      jury_json_append_string (out, juror->id);
      g_string_append (out, ", ");
      json_key (out, "name");
      jury_json_append_string (out, juror->name);
      g_string_append_c (out, '}');
    }
  g_string_append (out, jurors->len > 0 ? "\n  ],\n" : "],\n");
}

static void
json_agreement (GString           *out,
                const JuryResults *results)
{
  GPtrArray *criteria = results->call->criteria;

  g_string_append (out, "  \"agreement\": {");
  json_key (out, "alpha");
  json_number (out, results->stats->alpha);
  g_string_append (out, ", ");
  json_key (out, "criteria");
  g_string_append_c (out, '{');
  for (guint c = 0; c < criteria->len; c++)
    {
      if (c > 0)
        g_string_append (out, ", ");
      json_key (out, ((JuryCriterion *) g_ptr_array_index (criteria, c))->id);
      json_number (out, results->stats->criterion_alpha[c]);
    }
  g_string_append (out, "}},\n");
}

static void
json_submission (GString           *out,
                 const JuryResults *results,
                 guint              s)
{
  const JurySubmissionStats *sub = &results->stats->submissions[s];
  const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);
  const struct { const char *key; double value; } numbers[] = {
    { "mean", sub->mean }, { "median", sub->median }, { "sd", sub->sd },
    { "min", sub->min }, { "max", sub->max }, { "z", sub->z },
    { "normalized", sub->normalized },
  };

  g_string_append_c (out, '{');
  json_key (out, "id");
  jury_json_append_string (out, row->id);
  g_string_append (out, ", ");
  json_key (out, "title");
  jury_json_append_string (out, row->title);
  g_string_append (out, ", ");
  json_key (out, "rank");
  if (sub->rank > 0)
    g_string_append_printf (out, "%u", sub->rank);
  else
    g_string_append (out, "null");
  g_string_append (out, ", ");
  json_key (out, "n");
  g_string_append_printf (out, "%u", sub->n);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_string_append (out, ", ");
      json_key (out, numbers[i].key);
      json_number (out, numbers[i].value);
    }
  g_string_append (out, ", ");
  json_key (out, "disagreement");
  g_string_append (out, sub->disagreement ? "true" : "false");
  g_string_append (out, ", ");
  json_key (out, "p_top");
  json_number (out, sub->p_top);
  g_string_append (out, ", ");
  json_key (out, "decision");
  jury_json_append_string (out, jury_decision_to_string (results->decisions[s]));
  g_string_append_c (out, '}');
}

static JuryResults *
new_results (JuryStore                *store,
             const JuryResultsOptions *options,
             gboolean                  whole,
             GError                  **error)
{
  JuryResults *results;

  /* Scores and decisions from one snapshot, whatever is saved meanwhile. */
  if (!jury_store_begin_read (store, error))
    return NULL;
  results = read_results (store, options, whole, error);
  jury_store_end_read (store);

  if (results != NULL)
    results->stats = compute_stats (results);

  return results;
}

/* Public API */

JuryResults *
jury_results_new (JuryStore                *store,
                  const JuryResultsOptions *options,
                  GError                  **error)
{
  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_results (store, options, TRUE, error);
}

JuryResults *
jury_results_new_compact (JuryStore                *store,
                          const JuryResultsOptions *options,
                          GError                  **error)
{
  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_results (store, options, FALSE, error);
}

gboolean
jury_results_load_reviews (const JuryResults  *results,
                           guint               s,
                           GError            **error)
{
  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (s < results->submissions->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (results->store == NULL || results->grid == NULL)
    return TRUE;

  return jury_store_read_grid_reviews (results->store, results->grid, s, error);
}

JuryResults *
jury_results_new_for_path (const char               *path,
                           const JuryResultsOptions *options,
                           GError                  **error)
{
  g_autoptr(JuryStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(store = jury_store_open_read_only (path, error)))
    return NULL;

  return jury_results_new (store, options, error);
}

void
jury_results_new_async (JuryStore                *store,
                        const JuryResultsOptions *options,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (JURY_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (NewData, 1);
  data->path = g_strdup (jury_store_get_path (store));
  if (options != NULL)
    data->options = *options;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_results_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_thread);
}

JuryResults *
jury_results_new_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_results_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jury_results_free (JuryResults *results)
{
  guint n_submissions;
  guint n_jurors;

  if (results == NULL)
    return;

  n_submissions = results->submissions != NULL ? results->submissions->len : 0;
  n_jurors = results->jurors != NULL ? results->jurors->len : 0;
  if (results->grid != NULL)
    g_clear_pointer (&results->grid, jury_review_grid_free);
  else if (results->reviews != NULL)
    jury_reviews_free (results->reviews, n_submissions * n_jurors);
  g_clear_object (&results->store);
  if (results->notes != NULL)
    for (guint s = 0; s < n_submissions; s++)
      g_free (results->notes[s]);

  g_free (results->notes);
  g_free (results->decisions);
  g_free (results->assigned);
  g_clear_pointer (&results->stats, jury_stats_free);
  g_clear_pointer (&results->jurors, g_ptr_array_unref);
  g_clear_pointer (&results->submissions, g_ptr_array_unref);
  g_clear_pointer (&results->call, jury_call_free);
  g_free (results);
}

guint
jury_results_count_decisions (const JuryResults *results,
                              JuryDecision       decision)
{
  guint n = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (guint s = 0; s < results->submissions->len; s++)
    n += results->decisions[s] == decision;

  return n;
}

const char *
jury_decision_to_label (JuryDecision decision)
{
  switch (decision)
    {
    case JURY_DECISION_NONE:
      return "–";
    case JURY_DECISION_SHORTLIST:
      return C_("decision", "Shortlist");
    case JURY_DECISION_AWARD:
      return C_("decision", "Award");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
jury_format_statistic (double value)
{
  if (isnan (value))
    return g_strdup ("–");

  return g_strdup_printf ("%.2f", value);
}

char *
jury_format_share (double value)
{
  if (isnan (value))
    return g_strdup ("–");

  /* Translators: a share in percent, e.g. "87 %" */
  return g_strdup_printf (_("%.0f %%"), value * 100);
}

char *
jury_format_leniency (double value)
{
  if (isnan (value))
    return g_strdup ("–");

  return g_strdup_printf ("%+.2f", value);
}

char *
jury_results_describe_panel (const JuryResults *results)
{
  guint n_jurors, n_submissions, n_awards;
  g_autofree char *submissions = NULL;
  g_autofree char *jurors = NULL;
  g_autofree char *awards = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  n_jurors = results->jurors->len;
  n_submissions = results->submissions->len;
  n_awards = results->call->awards;
  submissions = g_strdup_printf (ngettext ("%u submission", "%u submissions", n_submissions),
                                 n_submissions);
  jurors = g_strdup_printf (ngettext ("%u juror", "%u jurors", n_jurors), n_jurors);
  awards = g_strdup_printf (ngettext ("%u award", "%u awards", n_awards), n_awards);

  return g_strdup_printf ("%s · %s · %s · %s", submissions, jurors, awards,
                          results->normalized ? _("ranked by the normalised mean")
                                              : _("ranked by the mean"));
}

char *
jury_results_describe_agreement (const JuryResults *results)
{
  double alpha;
  g_autofree char *value = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  alpha = results->stats->alpha;
  if (isnan (alpha))
    return g_strdup (_("Agreement of the jurors on the totals: cannot be measured"));

  value = jury_format_statistic (alpha);
  /* Translators: "Agreement of the jurors on the totals: low (Krippendorff’s alpha 0.41)". */
  return g_strdup_printf (_("Agreement of the jurors on the totals: %s (Krippendorff’s alpha %s)"),
                          jury_agreement_to_words (alpha), value);
}

char *
jury_results_format_sd (const JuryResults *results,
                        guint              submission)
{
  const JurySubmissionStats *sub;
  g_autofree char *sd = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (submission < results->stats->n_submissions, NULL);

  sub = &results->stats->submissions[submission];
  sd = jury_format_statistic (sub->sd);

  return g_strconcat (sd, sub->disagreement ? JURY_DISAGREEMENT_MARK : "", NULL);
}

double
jury_results_get_disagreement_limit (const JuryResults *results)
{
  g_return_val_if_fail (results != NULL, NAN);

  return disagreement_share (results) * (results->call->scale_max - results->call->scale_min);
}

char *
jury_results_get_disagreement_note (const JuryResults *results)
{
  g_autofree char *limit = NULL;
  g_autofree char *percent = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  if (!any_disagreement (results))
    return NULL;

  limit = jury_format_statistic (jury_results_get_disagreement_limit (results));
  percent = g_strdup_printf ("%g", disagreement_share (results) * 100);
  /* Translators: the mark "*", the standard deviation above which jurors disagree
   * ("0.80"), and that limit as a percentage of the scale's range ("20"). */
  return g_strdup_printf (_("%s The jurors disagree markedly: the standard deviation is above %s "
                            "(%s%% of the scale’s range)."),
                          JURY_DISAGREEMENT_MARK, limit, percent);
}

const char *
jury_agreement_to_words (double alpha)
{
  if (isnan (alpha))
    return C_("agreement", "cannot be measured");
  if (alpha >= 0.8)
    return C_("agreement", "high");
  if (alpha >= 0.667)
    return C_("agreement", "acceptable");
  if (alpha >= 0)
    return C_("agreement", "low");

  return C_("agreement", "below chance");
}

guint
jury_results_count_award_rows (const JuryResults *results)
{
  const JuryStats *stats;
  guint k = 0;

  g_return_val_if_fail (results != NULL, 0);

  stats = results->stats;
  while (k < stats->n_submissions)
    {
      guint rank = stats->submissions[stats->order[k]].rank;

      if (rank == 0 || rank > results->call->awards)
        break;
      k++;
    }

  return k;
}

char *
jury_results_describe_award_places (const JuryResults *results)
{
  guint n_rows, n_awards;

  g_return_val_if_fail (results != NULL, NULL);

  n_rows = jury_results_count_award_rows (results);
  n_awards = results->call->awards;
  if (n_rows <= n_awards)
    return NULL;

  /* Translators: the first number is always greater than the second, which the
   * plural follows: "A tie at the last award place: 6 candidates for 5 awards." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A tie at the last award place: %u candidates for %u award.",
                                       "A tie at the last award place: %u candidates for %u awards.",
                                       n_awards),
                          n_rows, n_awards);
}

gboolean
jury_results_juror_is_uniform (const JuryResults *results,
                               guint              juror,
                               double            *total)
{
  const JuryStats *stats;
  double first = NAN;
  guint n = 0;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (juror < results->stats->n_jurors, FALSE);

  stats = results->stats;
  for (guint s = 0; s < stats->n_submissions; s++)
    {
      double value = stats->totals[s * stats->n_jurors + juror];

      if (isnan (value))
        continue;
      /* Totals are weighted means: the same scores give the same total to the last bit. */
      if (n > 0 && fabs (value - first) > 1e-9)
        return FALSE;
      if (n == 0)
        first = value;
      n++;
    }

  if (n < 2)
    return FALSE;

  if (total != NULL)
    *total = first;
  return TRUE;
}

char *
jury_results_describe_uniform_juror (const JuryResults *results,
                                     guint              juror)
{
  const JuryJuror *who;
  g_autofree char *total_text = NULL;
  double total;
  guint n;

  g_return_val_if_fail (results != NULL, NULL);

  if (!jury_results_juror_is_uniform (results, juror, &total))
    return NULL;

  who = g_ptr_array_index (results->jurors, juror);
  n = results->stats->jurors[juror].n_complete;
  total_text = jury_format_statistic (total);
  /* Translators: a juror's name, the total they gave, the number of submissions
   * (always two or more), e.g. "Gleichmann gave the same total, 3.00, to all 31
   * submissions they scored completely: …" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s gave the same total, %s, to all %u submission they scored "
                                       "completely: these scores do not tell the submissions apart, and "
                                       "the normalised scores count them as average.",
                                       "%s gave the same total, %s, to all %u submissions they scored "
                                       "completely: these scores do not tell the submissions apart, and "
                                       "the normalised scores count them as average.",
                                       n),
                          who->name, total_text, n);
}

const char * const *
jury_results_ranking_columns (guint *n_columns)
{
  if (n_columns != NULL)
    *n_columns = N_COLUMNS;

  return ranking_columns;
}

const char *
jury_results_ranking_column_to_label (guint column)
{
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  return _(ranking_labels[column]);
}

void
jury_results_get_ranking_cell (const JuryResults *results,
                               guint              row,
                               guint              column,
                               JuryCell          *cell)
{
  const JurySubmissionStats *sub;
  const JurySubmissionRow *submission;
  guint s;

  g_return_if_fail (results != NULL);
  g_return_if_fail (row < results->stats->n_submissions);
  g_return_if_fail (column < N_COLUMNS);
  g_return_if_fail (cell != NULL);

  s = results->stats->order[row];
  sub = &results->stats->submissions[s];
  submission = g_ptr_array_index (results->submissions, s);

  cell->text = NULL;
  cell->number = NAN;
  switch (column)
    {
    case COLUMN_RANK:
      cell->number = sub->rank > 0 ? sub->rank : NAN;
      break;
    case COLUMN_ID:
      cell->text = submission->id;
      break;
    case COLUMN_TITLE:
      cell->text = submission->title;
      break;
    case COLUMN_REGION:
      cell->text = submission->region;
      break;
    case COLUMN_N:
      cell->number = sub->n;
      break;
    case COLUMN_MEAN:
      cell->number = sub->mean;
      break;
    case COLUMN_MEDIAN:
      cell->number = sub->median;
      break;
    case COLUMN_SD:
      cell->number = sub->sd;
      break;
    case COLUMN_MIN:
      cell->number = sub->min;
      break;
    case COLUMN_MAX:
      cell->number = sub->max;
      break;
    case COLUMN_Z:
      cell->number = sub->z;
      break;
    case COLUMN_NORMALIZED:
      cell->number = sub->normalized;
      break;
    case COLUMN_P_TOP:
      cell->number = sub->p_top;
      break;
    case COLUMN_DISAGREEMENT:
      cell->text = sub->disagreement ? "yes" : "no";
      break;
    case COLUMN_DECISION:
      cell->text = jury_decision_to_string (results->decisions[s]);
      break;
    case COLUMN_NOTE:
      cell->text = results->notes[s];
      break;
    default:
      g_assert_not_reached ();
    }

  set_cell_kind (cell);
}

const char *
jury_juror_column_to_string (JuryJurorColumn column)
{
  g_return_val_if_fail ((guint) column < JURY_N_JUROR_COLUMNS, NULL);

  return juror_columns[column];
}

const char *
jury_juror_column_to_label (JuryJurorColumn column)
{
  switch (column)
    {
    case JURY_JUROR_COLUMN_NAME:
      return C_("column", "Juror");
    case JURY_JUROR_COLUMN_COMPLETE:
      return C_("column", "Complete");
    case JURY_JUROR_COLUMN_CONFLICTS:
      return C_("column", "Conflicts");
    case JURY_JUROR_COLUMN_INCOMPLETE:
      return C_("column", "Incomplete");
    case JURY_JUROR_COLUMN_MEAN:
      return C_("column", "Mean");
    case JURY_JUROR_COLUMN_SD:
      return C_("column", "SD");
    case JURY_JUROR_COLUMN_LENIENCY:
      return C_("column", "Leniency");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
jury_results_get_juror_cell (const JuryResults *results,
                             guint              juror,
                             JuryJurorColumn    column,
                             JuryCell          *cell)
{
  const JuryJurorStats *stats;

  g_return_if_fail (results != NULL);
  g_return_if_fail (juror < results->stats->n_jurors);
  g_return_if_fail ((guint) column < JURY_N_JUROR_COLUMNS);
  g_return_if_fail (cell != NULL);

  stats = &results->stats->jurors[juror];
  cell->text = NULL;
  cell->number = NAN;
  switch (column)
    {
    case JURY_JUROR_COLUMN_NAME:
      cell->text = ((JuryJuror *) g_ptr_array_index (results->jurors, juror))->name;
      break;
    case JURY_JUROR_COLUMN_COMPLETE:
      cell->number = stats->n_complete;
      break;
    case JURY_JUROR_COLUMN_CONFLICTS:
      cell->number = stats->n_conflicts;
      break;
    case JURY_JUROR_COLUMN_INCOMPLETE:
      cell->number = stats->n_incomplete;
      break;
    case JURY_JUROR_COLUMN_MEAN:
      cell->number = stats->mean;
      break;
    case JURY_JUROR_COLUMN_SD:
      cell->number = stats->sd;
      break;
    case JURY_JUROR_COLUMN_LENIENCY:
      cell->number = stats->leniency;
      break;
    default:
      g_assert_not_reached ();
    }

  set_cell_kind (cell);
}

char *
jury_results_format_juror_cell (const JuryResults *results,
                                guint              juror,
                                JuryJurorColumn    column)
{
  JuryCell cell;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (juror < results->stats->n_jurors, NULL);
  g_return_val_if_fail ((guint) column < JURY_N_JUROR_COLUMNS, NULL);

  jury_results_get_juror_cell (results, juror, column, &cell);
  switch (column)
    {
    case JURY_JUROR_COLUMN_NAME:
      return g_strdup (cell.text);
    case JURY_JUROR_COLUMN_COMPLETE:
    case JURY_JUROR_COLUMN_CONFLICTS:
    case JURY_JUROR_COLUMN_INCOMPLETE:
      return g_strdup_printf ("%.0f", cell.number);
    case JURY_JUROR_COLUMN_LENIENCY:
      return jury_format_leniency (cell.number);
    default:
      return jury_format_statistic (cell.number);
    }
}

char *
jury_results_to_json (const JuryResults *results)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  const JuryStats *stats;

  g_return_val_if_fail (results != NULL, NULL);

  stats = results->stats;
  json_call (out, results->call);
  json_jurors (out, results->jurors);
  g_string_append_printf (out, "  \"scale\": {\"min\": %d, \"max\": %d},\n",
                          results->call->scale_min, results->call->scale_max);
  json_agreement (out, results);

  g_string_append (out, "  \"submissions\": [");
  for (guint k = 0; k < stats->n_submissions; k++)
    {
      g_string_append (out, k > 0 ? ",\n    " : "\n    ");
      json_submission (out, results, stats->order[k]);
    }
  g_string_append (out, stats->n_submissions > 0 ? "\n  ]\n}\n" : "]\n}\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
jury_results_to_text (const JuryResults *results)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *panel = NULL;
  g_autofree char *agreement = NULL;
  g_autofree char *places = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  g_string_append (out, results->call->title);
  if (results->call->theme != NULL)
    g_string_append_printf (out, " — %s", results->call->theme);
  panel = jury_results_describe_panel (results);
  agreement = jury_results_describe_agreement (results);
  g_string_append_printf (out, "\n%s\n%s\n\n", panel, agreement);

  table = text_table (results);
  append_table (out, table);

  if ((places = jury_results_describe_award_places (results)) != NULL)
    g_string_append_printf (out, "\n%s\n", places);

  if ((note = jury_results_get_disagreement_note (results)) != NULL)
    g_string_append_printf (out, "\n%s\n", note);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
