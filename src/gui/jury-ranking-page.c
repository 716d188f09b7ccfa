/* jury-ranking-page.c: the Ranking page of a panel's results
 *
 * Every submission in rank order, with its statistics and the decision. Narrow
 * windows show the rank, the title, the score the ranking goes by and the
 * decision; the rest is on the Submission page. A line across the row of the
 * last place that wins an award; a screen reader reads each row by its rank and
 * title and each cell by its column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-ranking-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "jury-page-widgets.h"
#include "jury-ranking-item.h"
#include "jury-ranking-page.h"

/* Below these widths of the page the ranking drops columns. */
#define NARROW_WIDTH 720
#define MEDIUM_WIDTH 1100

typedef enum
{
  LAYOUT_NARROW = 1 << 0,
  LAYOUT_MEDIUM = 1 << 1,
  LAYOUT_WIDE   = 1 << 2,
} Layout;

enum {
  COLUMN_RANK,
  COLUMN_TITLE,
  COLUMN_REGION,
  COLUMN_N,
  COLUMN_MEAN,
  COLUMN_MEDIAN,
  COLUMN_SD,
  COLUMN_NORMALIZED,
  COLUMN_P_TOP,
  COLUMN_DISAGREEMENT,
  COLUMN_DECISION,
  N_COLUMNS
};

struct _JuryRankingPage
{
  GtkWidget            parent_instance;

  GtkSingleSelection  *selection;
  JuryRankingItem     *pinned;        /* the selected submission, shown whatever the filter */
  gboolean             pinning;
  GPtrArray           *title_cells;   /* GtkListItem* of the title column, bound */
  GtkCustomFilter     *filter;
  JuryRankingFilter    filter_mode;
  Layout               layout;
  gboolean             normalized;    /* ranked by the normalised score */
  guint                n_total;

  GtkWidget           *box;
  GtkDropDown         *filter_dropdown;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *columns[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (JuryRankingPage, jury_ranking_page, GTK_TYPE_WIDGET)

/* What the cells show */

typedef char *(*FormatFunc) (JuryRankingItem *item);

static char *
format_rank (JuryRankingItem *item)
{
  guint rank = jury_ranking_item_get_stats (item)->rank;

  return rank > 0 ? g_strdup_printf ("%u", rank) : g_strdup ("–");
}

static char *
format_title (JuryRankingItem *item)
{
  return g_strdup (jury_ranking_item_get_title (item));
}

static char *
format_region (JuryRankingItem *item)
{
  const char *region = jury_ranking_item_get_region (item);

  return g_strdup (region != NULL ? region : "");
}

/* "3", or "2 of 3" when fewer complete reviews are in than the plan asks for. */
static char *
format_n (JuryRankingItem *item)
{
  guint n = jury_ranking_item_get_stats (item)->n;
  guint assigned = jury_ranking_item_get_assigned (item);

  if (n < assigned)
    /* Translators: complete reviews of a submission, of the jurors it was given to */
    return g_strdup_printf (_("%u of %u"), n, assigned);

  return g_strdup_printf ("%u", n);
}

static char *
format_mean (JuryRankingItem *item)
{
  return jury_format_statistic (jury_ranking_item_get_stats (item)->mean);
}

static char *
format_median (JuryRankingItem *item)
{
  return jury_format_statistic (jury_ranking_item_get_stats (item)->median);
}

static char *
format_sd (JuryRankingItem *item)
{
  return jury_format_statistic (jury_ranking_item_get_stats (item)->sd);
}

static char *
format_normalized (JuryRankingItem *item)
{
  return jury_format_statistic (jury_ranking_item_get_stats (item)->normalized);
}

static char *
format_p_top (JuryRankingItem *item)
{
  double value = jury_ranking_item_get_stats (item)->p_top;

  /* Translators: a share in percent, e.g. "87 %" */
  return isnan (value) ? g_strdup ("–") : g_strdup_printf (_("%.0f %%"), value * 100);
}

static char *
format_disagreement (JuryRankingItem *item)
{
  /* Translators: marks a submission on which the jurors disagree */
  return g_strdup (jury_ranking_item_get_stats (item)->disagreement ? _("⚠ wide") : "");
}

static char *
format_decision (JuryRankingItem *item)
{
  return g_strdup (jury_decision_to_label (jury_ranking_item_get_decision (item)));
}

static const struct
{
  const char *id;
  FormatFunc  format;
  gboolean    numeric;
  Layout      layouts;    /* the mean and the normalised score: see column_shown() */
} columns[N_COLUMNS] = {
  { "rank_column", format_rank, TRUE, LAYOUT_NARROW | LAYOUT_MEDIUM | LAYOUT_WIDE },
  { "title_column", format_title, FALSE, LAYOUT_NARROW | LAYOUT_MEDIUM | LAYOUT_WIDE },
  { "region_column", format_region, FALSE, LAYOUT_WIDE },
  { "n_column", format_n, TRUE, LAYOUT_MEDIUM | LAYOUT_WIDE },
  { "mean_column", format_mean, TRUE, LAYOUT_WIDE },
  { "median_column", format_median, TRUE, LAYOUT_WIDE },
  { "sd_column", format_sd, TRUE, LAYOUT_MEDIUM | LAYOUT_WIDE },
  { "normalized_column", format_normalized, TRUE, LAYOUT_WIDE },
  { "p_top_column", format_p_top, TRUE, LAYOUT_MEDIUM | LAYOUT_WIDE },
  { "disagreement_column", format_disagreement, FALSE, LAYOUT_MEDIUM | LAYOUT_WIDE },
  { "decision_column", format_decision, FALSE, LAYOUT_MEDIUM | LAYOUT_WIDE },
};

static gboolean
column_shown (JuryRankingPage *self,
              guint            column)
{
  /* Where columns are few, the score the ranking goes by. */
  if (column == COLUMN_MEAN && !self->normalized)
    return TRUE;
  if (column == COLUMN_NORMALIZED && self->normalized)
    return TRUE;

  return (columns[column].layouts & self->layout) != 0;
}

static void update_decision_notes (JuryRankingPage *self);

static void
update_columns (JuryRankingPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_column_view_column_set_visible (self->columns[i], column_shown (self, i));
  update_decision_notes (self);
}

/* The label of a cell; the title's cell holds a second one, with the decision
 * where the decision column is left out. */
static GtkLabel *
cell_label (GtkWidget *child)
{
  return GTK_IS_LABEL (child) ? GTK_LABEL (child) : GTK_LABEL (gtk_widget_get_first_child (child));
}

static void
update_decision_note (JuryRankingPage *self,
                      GtkWidget       *child,
                      JuryRankingItem *item)
{
  GtkWidget *note = gtk_widget_get_last_child (child);
  JuryDecision decision = jury_ranking_item_get_decision (item);

  gtk_label_set_label (GTK_LABEL (note), jury_decision_to_label (decision));
  gtk_widget_set_visible (note, self->layout == LAYOUT_NARROW && decision != JURY_DECISION_NONE);
}

static void
update_cell (JuryRankingPage *self,
             GtkWidget       *child,
             JuryRankingItem *item,
             guint            column)
{
  GtkLabel *label = cell_label (child);
  g_autofree char *text = columns[column].format (item);
  const char *title = gtk_column_view_column_get_title (self->columns[column]);
  GtkWidget *cell = gtk_widget_get_parent (child);
  const char *classes[3] = { NULL };
  guint n_classes = 0;

  gtk_label_set_label (label, text);

  if (columns[column].numeric)
    classes[n_classes++] = "numeric";
  if (column == COLUMN_N)
    {
      const JurySubmissionStats *stats = jury_ranking_item_get_stats (item);
      guint assigned = jury_ranking_item_get_assigned (item);
      g_autofree char *tooltip = NULL;

      if (stats->n < assigned)
        {
          classes[n_classes++] = "warning";
          tooltip = g_strdup_printf (ngettext ("%u complete review of the %u the plan asks for",
                                               "%u complete reviews of the %u the plan asks for", stats->n),
                                     stats->n, assigned);
        }
      else
        tooltip = g_strdup_printf (ngettext ("%u complete review", "%u complete reviews", stats->n), stats->n);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
    }
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);

  if (column == COLUMN_TITLE)
    update_decision_note (self, child, item);

  /* A cell is read with its column: "Mean: 4.12". */
  if (cell != NULL)
    {
      g_autofree char *name = jury_page_label_value (title, text[0] != '\0' ? text : "–");

      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/* The row of a cell: GtkColumnView makes a row of cells, each holding a child of ours. */
static GtkWidget *
get_row (GtkWidget *child)
{
  GtkWidget *cell = gtk_widget_get_parent (child);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  if (row == NULL || g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0)
    return NULL;

  return row;
}

/* How a screen reader reads the row: "Rank 3: title, mean 4.12, Shortlist". */
static char *
dup_row_name (JuryRankingPage *self,
              JuryRankingItem *item)
{
  const JurySubmissionStats *stats = jury_ranking_item_get_stats (item);
  JuryDecision decision = jury_ranking_item_get_decision (item);
  const char *title = jury_ranking_item_get_title (item);
  g_autofree char *score = NULL;
  char *name;

  if (stats->rank == 0)
    /* Translators: how a screen reader reads a row of the ranking without a rank */
    name = g_strdup_printf (_("Not ranked: %s"), title);
  else if (self->normalized)
    {
      score = format_normalized (item);
      /* Translators: how a screen reader reads a row of the ranking: "Rank 3: title, normalised 4.12" */
      name = g_strdup_printf (_("Rank %u: %s, normalised %s"), stats->rank, title, score);
    }
  else
    {
      score = format_mean (item);
      /* Translators: how a screen reader reads a row of the ranking: "Rank 3: title, mean 4.12" */
      name = g_strdup_printf (_("Rank %u: %s, mean %s"), stats->rank, title, score);
    }

  if (decision != JURY_DECISION_NONE)
    {
      char *with_decision = g_strconcat (name, ", ", jury_decision_to_label (decision), NULL);

      g_free (name);
      name = with_decision;
    }

  return name;
}

static void
update_row (JuryRankingPage *self,
            GtkWidget       *child,
            JuryRankingItem *item)
{
  GtkWidget *row = get_row (child);
  gboolean boundary = jury_ranking_item_get_award_boundary (item);
  g_autofree char *name = NULL;

  if (row == NULL)
    return;

  /* One line across the whole row, not one per cell. */
  if (boundary)
    gtk_widget_add_css_class (row, "award-boundary");
  else
    gtk_widget_remove_css_class (row, "award-boundary");

  name = dup_row_name (self, item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (boundary)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("The last place that wins an award"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
decision_changed_cb (JuryRankingItem *item,
                     GParamSpec      *pspec,
                     GtkWidget       *child)
{
  JuryRankingPage *self = g_object_get_data (G_OBJECT (child), "page");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "column"));

  if (column == COLUMN_RANK)
    update_row (self, child, item);
  else
    update_cell (self, child, item, column);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          JuryRankingPage          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *child = label;

  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1 : 0);
  if (column == COLUMN_TITLE || column == COLUMN_REGION)
    {
      /* Two lines before a title is cut short: "Dein …" says nothing. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  if (column == COLUMN_TITLE)
    {
      GtkWidget *note = gtk_label_new (NULL);

      child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "caption-heading");
      gtk_widget_add_css_class (note, "accent");
      gtk_box_append (GTK_BOX (child), label);
      gtk_box_append (GTK_BOX (child), note);
    }

  g_object_set_data (G_OBJECT (child), "page", self);
  g_object_set_data (G_OBJECT (child), "column", GUINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, child);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         JuryRankingPage          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  JuryRankingItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  update_cell (self, child, item, column);
  if (column == COLUMN_DECISION || column == COLUMN_TITLE || column == COLUMN_RANK)
    g_signal_connect_object (item, "notify::decision", G_CALLBACK (decision_changed_cb), child, 0);
  if (column == COLUMN_TITLE)
    g_ptr_array_add (self->title_cells, list_item);
  if (column == COLUMN_RANK)
    update_row (self, child, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           JuryRankingPage          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  JuryRankingItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, decision_changed_cb, gtk_list_item_get_child (list_item));
  if (column == COLUMN_TITLE)
    g_ptr_array_remove_fast (self->title_cells, list_item);
}

/* The decision under the title, where its column is left out. */
static void
update_decision_notes (JuryRankingPage *self)
{
  for (guint i = 0; i < self->title_cells->len; i++)
    {
      GtkListItem *list_item = g_ptr_array_index (self->title_cells, i);

      update_decision_note (self, gtk_list_item_get_child (list_item), gtk_list_item_get_item (list_item));
    }
}

static void
setup_factories (JuryRankingPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
      gtk_column_view_column_set_factory (self->columns[i], factory);
    }
}

/* The column headings are read by their titles. */
static void
name_headings (JuryRankingPage *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkWidget *title;
  guint i = 0;

  /* The list inside the column view goes by the column view's name. */
  for (GtkWidget *child = header; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      self->column_view, NULL, -1);

  if (header == NULL || g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Column headings"), -1);
  for (title = gtk_widget_get_first_child (header); title != NULL && i < N_COLUMNS;
       title = gtk_widget_get_next_sibling (title), i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_column_view_column_get_title (self->columns[i]), -1);
}

/* Sorting: a missing value counts as the lowest, so it goes last in the usual
 * descending order. */

static int
compare_doubles (double a,
                 double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b) ? (isnan (a) ? -1 : 1) : 0;

  return (a > b) - (a < b);
}

static int
compare_stat (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gsize offset = GPOINTER_TO_SIZE (user_data);
  const JurySubmissionStats *sa = jury_ranking_item_get_stats ((JuryRankingItem *) a);
  const JurySubmissionStats *sb = jury_ranking_item_get_stats ((JuryRankingItem *) b);

  return compare_doubles (G_STRUCT_MEMBER (double, sa, offset),
                          G_STRUCT_MEMBER (double, sb, offset));
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  guint ra = jury_ranking_item_get_stats ((JuryRankingItem *) a)->rank;
  guint rb = jury_ranking_item_get_stats ((JuryRankingItem *) b)->rank;

  /* Unranked submissions after the ranked ones. */
  ra = ra ? ra : G_MAXUINT;
  rb = rb ? rb : G_MAXUINT;
  return (ra > rb) - (ra < rb);
}

static int
compare_n (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  guint na = jury_ranking_item_get_stats ((JuryRankingItem *) a)->n;
  guint nb = jury_ranking_item_get_stats ((JuryRankingItem *) b)->n;

  return (na > nb) - (na < nb);
}

static int
compare_disagreement (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gboolean da = jury_ranking_item_get_stats ((JuryRankingItem *) a)->disagreement;
  gboolean db = jury_ranking_item_get_stats ((JuryRankingItem *) b)->disagreement;

  return db - da;
}

static int
compare_decision (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  JuryDecision da = jury_ranking_item_get_decision ((JuryRankingItem *) a);
  JuryDecision db = jury_ranking_item_get_decision ((JuryRankingItem *) b);

  /* Awards first, then the shortlist. */
  return (int) db - (int) da;
}

static void
set_custom_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     func,
                   gpointer             data)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (func, data, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

static void
set_string_sorter (GtkColumnViewColumn *column,
                   const char          *property)
{
  g_autoptr(GtkSorter) sorter = NULL;

  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (JURY_TYPE_RANKING_ITEM,
                                                                           NULL, property)));
  gtk_column_view_column_set_sorter (column, sorter);
}

static void
setup_sorters (JuryRankingPage *self)
{
  set_custom_sorter (self->columns[COLUMN_RANK], compare_rank, NULL);
  set_string_sorter (self->columns[COLUMN_TITLE], "title");
  set_string_sorter (self->columns[COLUMN_REGION], "region");
  set_custom_sorter (self->columns[COLUMN_N], compare_n, NULL);
  set_custom_sorter (self->columns[COLUMN_MEAN], compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, mean)));
  set_custom_sorter (self->columns[COLUMN_MEDIAN], compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, median)));
  set_custom_sorter (self->columns[COLUMN_SD], compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, sd)));
  set_custom_sorter (self->columns[COLUMN_NORMALIZED], compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, normalized)));
  set_custom_sorter (self->columns[COLUMN_P_TOP], compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, p_top)));
  set_custom_sorter (self->columns[COLUMN_DISAGREEMENT], compare_disagreement, NULL);
  set_custom_sorter (self->columns[COLUMN_DECISION], compare_decision, NULL);
}

/* Filtering */

static gboolean
matches (JuryRankingPage *self,
         JuryRankingItem *item)
{
  switch (self->filter_mode)
    {
    case JURY_RANKING_FILTER_UNDECIDED:
      return jury_ranking_item_get_decision (item) == JURY_DECISION_NONE;
    case JURY_RANKING_FILTER_DISPUTED:
      return jury_ranking_item_get_stats (item)->disagreement;
    case JURY_RANKING_FILTER_SHORTLISTED:
      return jury_ranking_item_get_decision (item) == JURY_DECISION_SHORTLIST;
    case JURY_RANKING_FILTER_AWARDED:
      return jury_ranking_item_get_decision (item) == JURY_DECISION_AWARD;
    case JURY_RANKING_FILTER_ALL:
    default:
      return TRUE;
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  JuryRankingPage *self = user_data;

  return item == (gpointer) self->pinned || matches (self, item);
}

static void
update_count (JuryRankingPage *self)
{
  guint n = self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
  g_autofree char *text = NULL;

  if (self->filter_mode == JURY_RANKING_FILTER_ALL)
    text = g_strdup_printf (ngettext ("%u submission", "%u submissions", n), n);
  else
    /* Translators: the submissions the filter shows, of all */
    text = g_strdup_printf (ngettext ("%u of %u submission", "%u of %u submissions", self->n_total),
                            n, self->n_total);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 || self->n_total == 0 ? "list" : "empty");
}

static void
pin (JuryRankingPage *self,
     JuryRankingItem *item)
{
  g_autoptr(JuryRankingItem) left = NULL;

  /* Refiltering moves the selection, which would pin what is selected: the
   * submission being pinned would go again before it can be selected. */
  if (item == self->pinned || self->pinning)
    return;

  left = g_steal_pointer (&self->pinned);
  self->pinned = item != NULL ? g_object_ref (item) : NULL;

  /* The submission left behind goes once it no longer matches the filter. */
  if ((left != NULL && !matches (self, left)) || (item != NULL && !matches (self, item)))
    {
      self->pinning = TRUE;
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      self->pinning = FALSE;
    }
}

/* The row of the selected submission comes into view, also when it was picked
 * on another page. */
static void
scroll_to_selected (JuryRankingPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static void
selected_item_cb (JuryRankingPage *self)
{
  pin (self, gtk_single_selection_get_selected_item (self->selection));
  scroll_to_selected (self);
}

static void
filter_selected_cb (JuryRankingPage *self)
{
  self->filter_mode = gtk_drop_down_get_selected (self->filter_dropdown);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
activate_cb (JuryRankingPage *self,
             guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "results.show-submission", NULL);
}

/* GtkWidget */

static void
jury_ranking_page_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

static void
jury_ranking_page_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  JuryRankingPage *self = JURY_RANKING_PAGE (widget);
  Layout layout = width < NARROW_WIDTH ? LAYOUT_NARROW : width < MEDIUM_WIDTH ? LAYOUT_MEDIUM : LAYOUT_WIDE;

  /* The page's own width decides, and the columns cannot change it: the ranking
   * scrolls sideways rather than asking for more. */
  if (layout != self->layout)
    {
      self->layout = layout;
      update_columns (self);
    }

  if (self->box != NULL)
    gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
jury_ranking_page_dispose (GObject *object)
{
  JuryRankingPage *self = JURY_RANKING_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_RANKING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->pinned);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->title_cells, g_ptr_array_unref);

  G_OBJECT_CLASS (jury_ranking_page_parent_class)->dispose (object);
}

static void
jury_ranking_page_class_init (JuryRankingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_ranking_page_dispose;

  widget_class->measure = jury_ranking_page_measure;
  widget_class->size_allocate = jury_ranking_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-ranking-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryRankingPage, box);
  gtk_widget_class_bind_template_child (widget_class, JuryRankingPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JuryRankingPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JuryRankingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JuryRankingPage, column_view);
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, columns[i].id, FALSE,
                                               G_STRUCT_OFFSET (JuryRankingPage, columns) +
                                               i * sizeof (GtkColumnViewColumn *));
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_set_css_name (widget_class, "juryrankingpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jury_ranking_page_init (JuryRankingPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->layout = LAYOUT_WIDE;
  self->title_cells = g_ptr_array_new ();
  factory = jury_page_new_string_factory ();
  gtk_drop_down_set_factory (self->filter_dropdown, factory);
  gtk_drop_down_set_list_factory (self->filter_dropdown, factory);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  setup_factories (self);
  setup_sorters (self);
  update_columns (self);
  name_headings (self);
  jury_page_name_controls (GTK_WIDGET (self));
}

GtkFilter *
jury_ranking_page_get_filter (JuryRankingPage *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_PAGE (self), NULL);

  return GTK_FILTER (self->filter);
}

GtkSorter *
jury_ranking_page_get_sorter (JuryRankingPage *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_PAGE (self), NULL);

  return gtk_column_view_get_sorter (self->column_view);
}

void
jury_ranking_page_set_selection (JuryRankingPage    *self,
                                 GtkSingleSelection *selection)
{
  g_return_if_fail (JURY_IS_RANKING_PAGE (self));
  g_return_if_fail (GTK_IS_SINGLE_SELECTION (selection));
  g_return_if_fail (self->selection == NULL);

  self->selection = g_object_ref (selection);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (selection, "notify::selected-item",
                           G_CALLBACK (selected_item_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  update_count (self);
}

void
jury_ranking_page_set_results (JuryRankingPage   *self,
                               const JuryResults *results)
{
  g_return_if_fail (JURY_IS_RANKING_PAGE (self));

  self->normalized = results != NULL && results->normalized;
  self->n_total = results != NULL ? results->stats->n_submissions : 0;
  update_columns (self);
  update_count (self);
}

JuryRankingFilter
jury_ranking_page_get_filter_mode (JuryRankingPage *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_PAGE (self), JURY_RANKING_FILTER_ALL);

  return self->filter_mode;
}

void
jury_ranking_page_set_filter_mode (JuryRankingPage   *self,
                                   JuryRankingFilter  mode)
{
  g_return_if_fail (JURY_IS_RANKING_PAGE (self));
  g_return_if_fail (mode <= JURY_RANKING_FILTER_AWARDED);

  gtk_drop_down_set_selected (self->filter_dropdown, mode);
}

void
jury_ranking_page_pin (JuryRankingPage *self,
                       JuryRankingItem *item)
{
  g_return_if_fail (JURY_IS_RANKING_PAGE (self));
  g_return_if_fail (item == NULL || JURY_IS_RANKING_ITEM (item));

  pin (self, item);
}

void
jury_ranking_page_refilter (JuryRankingPage *self)
{
  g_return_if_fail (JURY_IS_RANKING_PAGE (self));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
}
