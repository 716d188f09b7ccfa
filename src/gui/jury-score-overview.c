/* jury-score-overview.c: a juror's scores side by side, to check they are consistent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-score-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jury-dialog-size.h"
#include "jury-score-overview.h"
#include "jury-score-overview-row.h"
#include "jury-sidebar-row.h"

#define DEFAULT_WIDTH 760

struct _JuryScoreOverview
{
  AdwWindow           parent_instance;

  JurySubmissionList *submissions;
  GListStore         *rows;       /* JuryScoreOverviewRow, in the call's order */
  GHashTable         *positions;  /* submission id → its row's position + 1 */
  GSignalGroup       *store_signals;
  GtkSortListModel   *sorted;

  AdwWindowTitle     *title;
  GtkLabel           *legend;
  GtkColumnView      *table;
};

G_DEFINE_FINAL_TYPE (JuryScoreOverview, jury_score_overview, ADW_TYPE_WINDOW)

enum {
  SUBMISSION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Columns other than the criteria, which count from 0. */
enum {
  COLUMN_TITLE = -1,
  COLUMN_TOTAL = -2,
  COLUMN_STATUS = -3,
};

static char *
dup_cell_text (JuryScoreOverviewRow *row,
               int                   column)
{
  double total;
  int score;

  switch (column)
    {
    case COLUMN_TITLE:
      return g_strdup (jury_score_overview_row_get_title (row));

    case COLUMN_STATUS:
      return g_strdup (jury_review_status_label (jury_score_overview_row_get_status (row)));

    case COLUMN_TOTAL:
      total = jury_score_overview_row_get_total (row);
      /* Translators: a review's total, the weighted mean of its scores, e.g. "3.6" */
      return isnan (total) ? g_strdup ("–") : g_strdup_printf (_("%.1f"), total);

    default:
      score = jury_score_overview_row_get_score (row, (guint) column);
      return score == JURY_NO_SCORE ? g_strdup ("–") : g_strdup_printf ("%d", score);
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_TITLE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  else if (column == COLUMN_STATUS)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }

  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  JuryScoreOverviewRow *row = gtk_list_item_get_item (list_item);
  g_autofree char *text = dup_cell_text (row, GPOINTER_TO_INT (user_data));
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), text);
  if (GPOINTER_TO_INT (user_data) == COLUMN_TITLE)
    gtk_widget_set_tooltip_text (label, text);
}

/* A missing value counts as lower than any: sorted the highest first, as one compares
 * one's scores, what has none yet comes last. */
static int
compare_numbers (double a,
                 double b)
{
  if (isnan (a) || isnan (b))
    return isnan (b) - isnan (a);

  return (a > b) - (a < b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  JuryScoreOverviewRow *row_a = (JuryScoreOverviewRow *) a;
  JuryScoreOverviewRow *row_b = (JuryScoreOverviewRow *) b;
  int column = GPOINTER_TO_INT (user_data);
  int result = 0;

  switch (column)
    {
    case COLUMN_TITLE:
      {
        g_autofree char *key_a = g_utf8_collate_key (jury_score_overview_row_get_title (row_a), -1);
        g_autofree char *key_b = g_utf8_collate_key (jury_score_overview_row_get_title (row_b), -1);

        result = strcmp (key_a, key_b);
      }
      break;

    case COLUMN_TOTAL:
      result = compare_numbers (jury_score_overview_row_get_total (row_a),
                                jury_score_overview_row_get_total (row_b));
      break;

    case COLUMN_STATUS:
      result = (int) jury_score_overview_row_get_status (row_a) - (int) jury_score_overview_row_get_status (row_b);
      break;

    default:
      {
        int score_a = jury_score_overview_row_get_score (row_a, (guint) column);
        int score_b = jury_score_overview_row_get_score (row_b, (guint) column);

        result = compare_numbers (score_a == JURY_NO_SCORE ? NAN : score_a,
                                  score_b == JURY_NO_SCORE ? NAN : score_b);
      }
      break;
    }

  return (result > 0) - (result < 0);
}

/* Rows that the table's order holds equal keep the call's order, in either direction. */
static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint position_a = jury_score_overview_row_get_position ((JuryScoreOverviewRow *) a);
  guint position_b = jury_score_overview_row_get_position ((JuryScoreOverviewRow *) b);

  return (position_a > position_b) - (position_a < position_b);
}

/* Returns the column, which the table owns. */
static GtkColumnViewColumn *
add_column (JuryScoreOverview *self,
            const char        *title,
            int                column,
            gboolean           expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->table, view_column);

  return view_column;
}

/* "1 Name ×2 · 2 Name · …": what the numbered columns stand for. */
static char *
dup_legend (const JuryCall *call)
{
  g_autoptr(GString) legend = g_string_new (NULL);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      if (i > 0)
        g_string_append (legend, " · ");
      g_string_append_printf (legend, "%u %s", i + 1, criterion->name);
      if (criterion->weight != 1)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_snprintf (number, sizeof number, "%g", criterion->weight);
          g_string_append_c (legend, ' ');
          /* Translators: the weight of a criterion, e.g. "×2" */
          g_string_append_printf (legend, _("×%s"), number);
        }
    }

  return g_string_free (g_steal_pointer (&legend), FALSE);
}

static JuryScoreOverviewRow *
make_row (JuryScoreOverview *self,
          guint              position,
          const JuryReview  *review)
{
  g_autoptr(JurySubmissionItem) item = g_list_model_get_item (G_LIST_MODEL (self->submissions), position);
  JuryStore *store = jury_submission_list_get_store (self->submissions);

  return jury_score_overview_row_new (item, review, jury_store_get_call (store));
}

static void
load_rows (JuryScoreOverview *self)
{
  JuryStore *store = jury_submission_list_get_store (self->submissions);
  const char *juror_id = jury_submission_list_get_juror_id (self->submissions);
  GListModel *items = G_LIST_MODEL (self->submissions);
  guint n = g_list_model_get_n_items (items);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (items, i);
      g_autoptr(JuryReview) review = NULL;
      g_autoptr(GError) error = NULL;

      review = jury_store_get_review (store, juror_id, jury_submission_item_get_id (item), &error);
      if (review == NULL)
        g_warning ("No review of %s: %s", jury_submission_item_get_id (item), error->message);
      g_ptr_array_add (rows, make_row (self, i, review));
      g_hash_table_insert (self->positions, g_strdup (jury_submission_item_get_id (item)),
                           GUINT_TO_POINTER (i + 1));
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

/* A review changed: its row is replaced, and the table sorts it where it belongs. */
static void
review_changed_cb (JuryScoreOverview *self,
                   const char        *juror_id,
                   const char        *submission_id,
                   JuryStore         *store)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, submission_id));
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(JuryScoreOverviewRow) row = NULL;

  if (position == 0 ||
      g_strcmp0 (juror_id, jury_submission_list_get_juror_id (self->submissions)) != 0)
    return;

  review = jury_store_get_review (store, juror_id, submission_id, NULL);
  row = make_row (self, position - 1, review);
  g_list_store_splice (self->rows, position - 1, 1, (gpointer *) &row, 1);
}

static void
row_activated_cb (JuryScoreOverview *self,
                  guint              position,
                  GtkColumnView     *table)
{
  g_autoptr(JuryScoreOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row != NULL)
    g_signal_emit (self, signals[SUBMISSION_ACTIVATED], 0, jury_score_overview_row_get_id (row));
}

static void
jury_score_overview_realize (GtkWidget *widget)
{
  /* No wider than the window it belongs to, as on a phone. */
  jury_dialog_fit_parent (GTK_WINDOW (widget));

  GTK_WIDGET_CLASS (jury_score_overview_parent_class)->realize (widget);
}

static void
jury_score_overview_dispose (GObject *object)
{
  JuryScoreOverview *self = JURY_SCORE_OVERVIEW (object);

  if (self->table != NULL)
    gtk_column_view_set_model (self->table, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_SCORE_OVERVIEW);

  g_clear_object (&self->store_signals);
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);
  g_clear_object (&self->submissions);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  G_OBJECT_CLASS (jury_score_overview_parent_class)->dispose (object);
}

static void
jury_score_overview_class_init (JuryScoreOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_score_overview_dispose;
  widget_class->realize = jury_score_overview_realize;

  /**
   * JuryScoreOverview::submission-activated:
   * @submission_id: the submission of the row
   *
   * Emitted when the juror activates a row, to see that submission.
   */
  signals[SUBMISSION_ACTIVATED] =
    g_signal_new ("submission-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-score-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryScoreOverview, title);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreOverview, legend);
  gtk_widget_class_bind_template_child (widget_class, JuryScoreOverview, table);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jury_score_overview_init (JuryScoreOverview *self)
{
  GtkSelectionModel *selection;
  GtkMultiSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_size (GTK_WINDOW (self), DEFAULT_WIDTH, 560);

  self->rows = g_list_store_new (JURY_TYPE_SCORE_OVERVIEW_ROW);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->table)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_positions, NULL, NULL)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), GTK_SORTER (sorter));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->table, selection);
  g_object_unref (selection);

  self->store_signals = g_signal_group_new (JURY_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "review-changed",
                                 G_CALLBACK (review_changed_cb), self, G_CONNECT_SWAPPED);
}

JuryScoreOverview *
jury_score_overview_new (GtkWindow          *parent,
                         JurySubmissionList *submissions)
{
  JuryScoreOverview *self;
  JuryStore *store;
  const JuryCall *call;
  g_autofree char *legend = NULL;
  GtkColumnViewColumn *total_column;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (submissions), NULL);

  store = jury_submission_list_get_store (submissions);
  call = jury_store_get_call (store);

  self = g_object_new (JURY_TYPE_SCORE_OVERVIEW,
                       "transient-for", parent,
                       NULL);
  self->submissions = g_object_ref (submissions);
  adw_window_title_set_subtitle (self->title, call->title);

  /* A column's heading cannot be shortened on screen: the criteria are numbered, and
   * the numbers explained above the table. */
  add_column (self, _("Submission"), COLUMN_TITLE, TRUE);
  /* The total next to the title, where a narrow window shows it too. */
  total_column = add_column (self, _("Total"), COLUMN_TOTAL, FALSE);
  for (guint i = 0; i < call->criteria->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      add_column (self, number, (int) i, FALSE);
    }
  add_column (self, _("Status"), COLUMN_STATUS, FALSE);
  /* The best first: what the juror compares. */
  gtk_column_view_sort_by_column (self->table, total_column, GTK_SORT_DESCENDING);

  legend = dup_legend (call);
  gtk_label_set_label (self->legend, legend);

  load_rows (self);
  g_signal_group_set_target (self->store_signals, store);

  return self;
}

GListModel *
jury_score_overview_get_rows (JuryScoreOverview *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
jury_score_overview_get_table (JuryScoreOverview *self)
{
  g_return_val_if_fail (JURY_IS_SCORE_OVERVIEW (self), NULL);

  return self->table;
}
