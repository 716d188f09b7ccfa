/* jury-results-view.c: a panel's results: the ranking, one submission, the jury
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-results-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stddef.h>

#include "jury-chart.h"
#include "jury-export.h"
#include "jury-ranking-item.h"
#include "jury-results-view.h"
#include "jury-round-view.h"
#include "jury-text-field.h"

struct _JuryResultsView
{
  GtkWidget             parent_instance;

  JuryStore            *store;
  JuryResults          *results;
  GSettings            *settings;
  GCancellable         *cancellable;
  GListModel           *ranking;      /* JuryRankingItem* in rank order */
  GtkSingleSelection   *selection;
  guint                 selected;     /* index into the results, G_MAXUINT for none */
  guint                 updating : 1;

  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *menu_button;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GtkLabel             *decisions_label;
  GtkSwitch            *normalize_switch;
  GtkColumnView        *ranking_view;
  GtkScrolledWindow    *submission_scroller;
  GtkBox               *submission_box;
  GtkBox               *jury_box;
  JuryRoundView        *round_view;
  GtkColumnViewColumn  *rank_column;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *region_column;
  GtkColumnViewColumn  *n_column;
  GtkColumnViewColumn  *mean_column;
  GtkColumnViewColumn  *median_column;
  GtkColumnViewColumn  *sd_column;
  GtkColumnViewColumn  *normalized_column;
  GtkColumnViewColumn  *p_top_column;
  GtkColumnViewColumn  *disagreement_column;
  GtkColumnViewColumn  *decision_column;
};

G_DEFINE_FINAL_TYPE (JuryResultsView, jury_results_view, GTK_TYPE_WIDGET)

enum {
  RESULTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_submission_page (JuryResultsView *self);

/* Formatting, for the ranking's cells */

static char *
format_rank (gpointer unused,
             guint    rank)
{
  return rank > 0 ? g_strdup_printf ("%u", rank) : g_strdup ("–");
}

/* "3", or "2 of 3" when fewer complete reviews are in than the plan asks for. */
static char *
format_count (gpointer unused,
              guint    n,
              guint    assigned)
{
  if (n < assigned)
    /* Translators: complete reviews of a submission, of the jurors it was given to */
    return g_strdup_printf (_("%u of %u"), n, assigned);

  return g_strdup_printf ("%u", n);
}

static char *
format_count_tooltip (gpointer unused,
                      guint    n,
                      guint    assigned)
{
  if (n < assigned)
    return g_strdup_printf (ngettext ("%u complete review of the %u the plan asks for",
                                      "%u complete reviews of the %u the plan asks for", n), n, assigned);

  return g_strdup_printf (ngettext ("%u complete review", "%u complete reviews", n), n);
}

static char *
format_text (gpointer    unused,
             const char *text)
{
  return g_strdup (text ? text : "");
}

static char *
format_score (gpointer unused,
              double   value)
{
  return jury_format_statistic (value);
}

static char *
format_share (gpointer unused,
              double   value)
{
  /* Translators: a share in percent, e.g. "87 %" */
  return isnan (value) ? g_strdup ("–") : g_strdup_printf (_("%.0f %%"), value * 100);
}

static char *
format_disagreement (gpointer unused,
                     gboolean disagreement)
{
  /* Translators: marks a submission on which the jurors disagree */
  return g_strdup (disagreement ? _("⚠ wide") : "");
}

static char *
format_decision (gpointer     unused,
                 JuryDecision decision)
{
  return g_strdup (jury_decision_to_label (decision));
}

static GStrv
boundary_classes (gpointer unused,
                  gboolean boundary)
{
  const char *classes[] = { boundary ? "award-boundary" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

static GStrv
count_classes (gpointer unused,
               gboolean boundary,
               gboolean is_short)
{
  const char *classes[] = { "numeric", is_short ? "warning" : NULL, NULL, NULL };

  classes[is_short ? 2 : 1] = boundary ? "award-boundary" : NULL;
  return g_strdupv ((char **) classes);
}

static GStrv
boundary_numeric_classes (gpointer unused,
                          gboolean boundary)
{
  const char *classes[] = { "numeric", boundary ? "award-boundary" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

/* Sorting: missing values go last whichever way the column is sorted is not possible
 * with one sorter, so they count as the lowest value. */

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
setup_sorters (JuryResultsView *self)
{
  set_custom_sorter (self->rank_column, compare_rank, NULL);
  set_string_sorter (self->title_column, "title");
  set_string_sorter (self->region_column, "region");
  set_custom_sorter (self->n_column, compare_n, NULL);
  set_custom_sorter (self->mean_column, compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, mean)));
  set_custom_sorter (self->median_column, compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, median)));
  set_custom_sorter (self->sd_column, compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, sd)));
  set_custom_sorter (self->normalized_column, compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, normalized)));
  set_custom_sorter (self->p_top_column, compare_stat,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (JurySubmissionStats, p_top)));
  set_custom_sorter (self->disagreement_column, compare_disagreement, NULL);
  set_custom_sorter (self->decision_column, compare_decision, NULL);
}

/* Charts */

static void
get_chart_colors (GtkWidget       *widget,
                  JuryChartColors *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, accent;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;

  colors->foreground[0] = fg.red;
  colors->foreground[1] = fg.green;
  colors->foreground[2] = fg.blue;
  colors->foreground[3] = fg.alpha;
  colors->accent[0] = accent.red;
  colors->accent[1] = accent.green;
  colors->accent[2] = accent.blue;
  colors->accent[3] = accent.alpha;
  colors->muted[0] = fg.red;
  colors->muted[1] = fg.green;
  colors->muted[2] = fg.blue;
  colors->muted[3] = 0.3 * fg.alpha;
}

static void
draw_spread (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  JuryResultsView *self = user_data;
  JuryChartColors colors;

  if (self->results == NULL || self->selected == G_MAXUINT)
    return;

  get_chart_colors (GTK_WIDGET (area), &colors);
  jury_chart_draw_spread (cr, self->results, self->selected, &colors, width, height);
}

static void
draw_leniency (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  JuryResultsView *self = user_data;
  JuryExportOptions options = { .anonymous = FALSE };
  JuryChartColors colors;

  if (self->results == NULL)
    return;

  get_chart_colors (GTK_WIDGET (area), &colors);
  jury_chart_draw_leniency (cr, self->results, &options, &colors, width, height);
}

static GtkWidget *
new_chart (JuryResultsView       *self,
           GtkDrawingAreaDrawFunc func,
           int                    height,
           const char            *description)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                  "content-height", height,
                                  "hexpand", TRUE,
                                  NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), func, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  return area;
}

/* Building the pages: text from the files goes into plain labels, never markup. */

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return label;
}

static GtkWidget *
add_heading (GtkBox     *box,
             const char *text)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);
  return label;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  /* Text and headings wrap when the window is narrow; numbers stay on one line. */
  gtk_label_set_wrap (GTK_LABEL (label), !numeric || row == 0);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (row == 0)
    gtk_widget_add_css_class (label, "caption-heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);

  return label;
}

static const char *
juror_name (JuryResultsView *self,
            guint            juror)
{
  return ((JuryJuror *) g_ptr_array_index (self->results->jurors, juror))->name;
}

static GtkWidget *
build_scores_table (JuryResultsView *self,
                    guint            index)
{
  const JuryResults *results = self->results;
  guint n_jurors = results->stats->n_jurors;
  guint n_criteria = results->stats->n_criteria;
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);

  grid_label (grid, _("Juror"), 0, 0, FALSE);
  for (guint c = 0; c < n_criteria; c++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (results->call->criteria, c);
      GtkWidget *label = grid_label (grid, criterion->name, 1 + c, 0, FALSE);

      gtk_widget_set_tooltip_text (label, criterion->name);
    }
  grid_label (grid, _("Total"), 1 + n_criteria, 0, TRUE);

  for (guint j = 0; j < n_jurors; j++)
    {
      const JuryReview *review = results->reviews[index * n_jurors + j];
      double total = results->stats->totals[index * n_jurors + j];
      g_autofree char *total_text = jury_format_statistic (total);

      grid_label (grid, juror_name (self, j), 0, 1 + j, FALSE);

      if (review != NULL && review->conflict)
        {
          GtkWidget *label = grid_label (grid, _("conflict of interest"), 1, 1 + j, FALSE);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (grid, gtk_label_new (""), 1 + n_criteria, 1 + j, 1, 1);
          continue;
        }

      for (guint c = 0; c < n_criteria; c++)
        {
          g_autofree char *score = NULL;

          if (review != NULL && review->scores[c] != JURY_NO_SCORE)
            score = g_strdup_printf ("%d", review->scores[c]);
          grid_label (grid, score ? score : "–", 1 + c, 1 + j, TRUE);
        }
      grid_label (grid, total_text, 1 + n_criteria, 1 + j, TRUE);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (grid));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  /* As wide as the table wants where there is room; scrolled sideways where not. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);

  return scroller;
}

static void
add_comments (JuryResultsView *self,
              guint            index)
{
  const JuryResults *results = self->results;
  guint n_jurors = results->stats->n_jurors;
  GtkWidget *flow = gtk_flow_box_new ();
  gboolean any = FALSE;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  /* Side by side: one card per juror, so that their reasons can be compared. */
  for (guint j = 0; j < n_jurors; j++)
    {
      const JuryReview *review = results->reviews[index * n_jurors + j];
      GtkBox *card;

      if (review == NULL)
        continue;

      card = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
      gtk_widget_add_css_class (GTK_WIDGET (card), "card");
      gtk_widget_add_css_class (GTK_WIDGET (card), "comment-card");
      add_label (card, juror_name (self, j), "heading");

      for (guint c = 0; c < review->n_criteria; c++)
        {
          const JuryCriterion *criterion = g_ptr_array_index (results->call->criteria, c);

          if (review->comments[c] == NULL)
            continue;

          add_label (card, criterion->name, "caption-heading");
          add_label (card, review->comments[c], NULL);
          any = TRUE;
        }

      if (review->overall != NULL)
        {
          add_label (card, _("Overall"), "caption-heading");
          add_label (card, review->overall, NULL);
          any = TRUE;
        }

      gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (card));
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (card)), FALSE);
    }

  add_heading (self->submission_box, _("Comments"));
  if (any)
    gtk_box_append (self->submission_box, flow);
  else
    {
      g_object_ref_sink (flow);
      g_object_unref (flow);
      add_label (self->submission_box, _("No juror wrote a comment."), "dim-label");
    }
}

static void
update_decisions_label (JuryResultsView *self)
{
  g_autofree char *text = NULL;
  guint awards, shortlisted;

  if (self->results == NULL)
    return;

  awards = jury_results_count_decisions (self->results, JURY_DECISION_AWARD);
  shortlisted = jury_results_count_decisions (self->results, JURY_DECISION_SHORTLIST);
  /* Translators: e.g. "Awards: 2 of 5 · Shortlist: 4" */
  text = g_strdup_printf (_("Awards: %u of %u · Shortlist: %u"),
                          awards, self->results->call->awards, shortlisted);
  gtk_label_set_label (self->decisions_label, text);
  if (awards > self->results->call->awards)
    gtk_widget_add_css_class (GTK_WIDGET (self->decisions_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->decisions_label), "error");
}

static JuryRankingItem *
find_item (JuryResultsView *self,
           guint            index,
           guint           *position)
{
  guint n = g_list_model_get_n_items (self->ranking);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JuryRankingItem) item = g_list_model_get_item (self->ranking, i);

      if (jury_ranking_item_get_index (item) == index)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }

  return NULL;
}

static void
store_decision (JuryResultsView *self,
                JuryDecision     decision,
                const char      *note)
{
  const JurySubmissionRow *row = g_ptr_array_index (self->results->submissions, self->selected);
  g_autoptr(GError) error = NULL;
  JuryRankingItem *item;
  char *new_note;

  if (!jury_store_set_decision (self->store, row->id, decision, note, &error))
    {
      jury_results_view_toast (self, error->message);
      rebuild_submission_page (self);
      return;
    }

  /* NOTE may be the string being replaced: copy it first. */
  new_note = (note && note[0]) ? g_strdup (note) : NULL;
  self->results->decisions[self->selected] = decision;
  g_free (self->results->notes[self->selected]);
  self->results->notes[self->selected] = new_note;

  item = find_item (self, self->selected, NULL);
  if (item != NULL)
    jury_ranking_item_set_decision (item, decision);

  /* A ranking sorted by decision puts the submission in its new place. */
  gtk_sorter_changed (gtk_column_view_get_sorter (self->ranking_view), GTK_SORTER_CHANGE_DIFFERENT);
  update_decisions_label (self);
}

static void
decision_selected_cb (JuryResultsView *self,
                      GParamSpec      *pspec,
                      AdwComboRow     *row)
{
  static const JuryDecision decisions[] = {
    JURY_DECISION_NONE, JURY_DECISION_SHORTLIST, JURY_DECISION_AWARD,
  };
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected >= G_N_ELEMENTS (decisions))
    return;

  store_decision (self, decisions[selected], self->results->notes[self->selected]);
}

static void
note_apply_cb (JuryResultsView *self,
               AdwEntryRow     *row)
{
  store_decision (self, self->results->decisions[self->selected],
                  gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
add_decision (JuryResultsView *self,
              guint            index)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *combo = adw_combo_row_new ();
  GtkWidget *note = adw_entry_row_new ();
  g_autoptr(GtkStringList) choices = NULL;
  const char *items[] = {
    C_("decision", "No decision"), C_("decision", "Shortlist"), C_("decision", "Award"), NULL,
  };
  gboolean writable = !jury_store_is_read_only (self->store);

  choices = gtk_string_list_new (items);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Decision"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Decision"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (choices));

  self->updating = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), self->results->decisions[index]);
  self->updating = FALSE;
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (decision_selected_cb), self,
                           G_CONNECT_SWAPPED);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note on the decision"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (note), TRUE);
  jury_text_field_limit (note, JURY_TEXT_COMMENT, NULL);
  gtk_editable_set_text (GTK_EDITABLE (note), self->results->notes[index] ? self->results->notes[index] : "");
  g_signal_connect_object (note, "apply", G_CALLBACK (note_apply_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_sensitive (combo, writable);
  gtk_widget_set_sensitive (note, writable);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note);
  gtk_box_append (self->submission_box, group);
}

static char *
dup_stats_line (const JurySubmissionStats *stats)
{
  g_autofree char *mean = jury_format_statistic (stats->mean);
  g_autofree char *median = jury_format_statistic (stats->median);
  g_autofree char *sd = jury_format_statistic (stats->sd);

  /* Without a complete review there is neither a rank nor a statistic. */
  if (stats->n == 0)
    return g_strdup (_("No complete review yet: no statistics."));

  /* Translators: the statistics of one submission, e.g. "Rank 3 · mean 4.12 · median
   * 4.00 · spread (sd) 0.52 · 5 reviews" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Rank %u · mean %s · median %s · spread (sd) %s · %u review",
                                       "Rank %u · mean %s · median %s · spread (sd) %s · %u reviews",
                                       stats->n),
                          stats->rank, mean, median, sd, stats->n);
}

static void
rebuild_submission_page (JuryResultsView *self)
{
  const JurySubmissionRow *row;
  const JurySubmissionStats *stats;
  g_autofree char *line = NULL;

  clear_box (self->submission_box);

  if (self->results == NULL || self->selected == G_MAXUINT)
    {
      add_label (self->submission_box, _("Pick a submission in the ranking to see every juror's "
                                         "scores and comments."), "dim-label");
      return;
    }

  row = g_ptr_array_index (self->results->submissions, self->selected);
  stats = &self->results->stats->submissions[self->selected];

  add_label (self->submission_box, row->title, "title-2");
  if (row->region != NULL)
    add_label (self->submission_box, row->region, "dim-label");

  line = dup_stats_line (stats);
  add_label (self->submission_box, line, NULL);
  if (stats->disagreement)
    {
      g_autofree char *sd = jury_format_statistic (stats->sd);
      g_autofree char *limit = jury_format_statistic (jury_results_get_disagreement_limit (self->results));
      g_autofree char *warning = NULL;

      /* Translators: the jurors' spread and the threshold it exceeds, e.g. 1.05 and 0.80 */
      warning = g_strdup_printf (_("The jurors disagree on this submission: the spread of their "
                                   "totals (sd %s) is above %s. Their comments below may tell why."),
                                 sd, limit);
      add_label (self->submission_box, warning, "warning");
    }

  add_decision (self, self->selected);

  add_heading (self->submission_box, _("Spread"));
  gtk_box_append (self->submission_box,
                  new_chart (self, draw_spread, 72,
                             _("Each juror's total as a dot on the scale, with mean and median")));

  add_heading (self->submission_box, _("Scores"));
  gtk_box_append (self->submission_box, build_scores_table (self, self->selected));

  add_comments (self, self->selected);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->submission_scroller), 0);
}

static void
add_agreement (JuryResultsView *self)
{
  const JuryResults *results = self->results;
  g_autofree char *summary = jury_results_describe_agreement (results);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  add_heading (self->jury_box, _("Agreement"));
  add_label (self->jury_box, summary, "title-4");
  add_label (self->jury_box,
             _("Krippendorff's alpha over the review totals: 1 means the jurors agree "
               "completely, 0 means no more than chance would give; from 0.8 the ranking can be "
               "relied on, from 0.667 with care."),
             "dim-label");

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);
  grid_label (grid, _("Criterion"), 0, 0, FALSE);
  grid_label (grid, _("Agreement"), 1, 0, FALSE);
  grid_label (grid, "α", 2, 0, TRUE);
  for (guint c = 0; c < results->stats->n_criteria; c++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (results->call->criteria, c);
      double value = results->stats->criterion_alpha[c];
      g_autofree char *number = jury_format_statistic (value);

      grid_label (grid, criterion->name, 0, 1 + c, FALSE);
      grid_label (grid, jury_agreement_to_words (value), 1, 1 + c, FALSE);
      grid_label (grid, number, 2, 1 + c, TRUE);
    }
  gtk_box_append (self->jury_box, GTK_WIDGET (grid));
}

static void
add_jurors (JuryResultsView *self)
{
  const JuryResults *results = self->results;
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  add_heading (self->jury_box, _("Jurors"));
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);

  /* The same table as the dossier and the spreadsheet. */
  for (guint c = 0; c < JURY_N_JUROR_COLUMNS; c++)
    {
      gboolean numeric = c != JURY_JUROR_COLUMN_NAME;

      grid_label (grid, jury_juror_column_to_label (c), c, 0, numeric);
      for (guint j = 0; j < results->stats->n_jurors; j++)
        {
          g_autofree char *text = jury_results_format_juror_cell (results, j, c);

          grid_label (grid, text, c, 1 + j, numeric);
        }
    }
  gtk_box_append (self->jury_box, GTK_WIDGET (grid));

  add_heading (self->jury_box, _("Leniency"));
  add_label (self->jury_box,
             _("How far each juror's totals sit above (kinder) or below (stricter) the panel's "
               "mean for the same submissions."),
             "dim-label");
  gtk_box_append (self->jury_box,
                  new_chart (self, draw_leniency, 28 * results->stats->n_jurors + 32,
                             _("Each juror's leniency as a bar left or right of zero")));
}

static void
rebuild_jury_page (JuryResultsView *self)
{
  clear_box (self->jury_box);

  if (self->results == NULL)
    return;

  if (self->results->stats->n_jurors == 0)
    {
      add_label (self->jury_box, _("No juror's work is merged yet. Import the juror databases "
                                   "from the main menu."), "dim-label");
      return;
    }

  add_agreement (self);
  add_jurors (self);
}

/* Selection and results */

static void
selection_changed_cb (JuryResultsView *self)
{
  JuryRankingItem *item = gtk_single_selection_get_selected_item (self->selection);

  self->selected = item ? jury_ranking_item_get_index (item) : G_MAXUINT;
  rebuild_submission_page (self);
}

static void
ranking_activate_cb (JuryResultsView *self,
                     guint            position,
                     GtkColumnView   *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_view_stack_set_visible_child_name (self->view_stack, "submission");
}

static void
set_results (JuryResultsView *self,
             JuryResults     *results)
{
  g_autofree char *selected_id = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkSorter *sorter;

  if (self->results != NULL && self->selected != G_MAXUINT)
    selected_id = g_strdup (((JurySubmissionRow *) g_ptr_array_index (self->results->submissions,
                                                                       self->selected))->id);

  g_clear_pointer (&self->results, jury_results_free);
  self->results = results;
  self->selected = G_MAXUINT;
  g_clear_object (&self->ranking);

  if (results != NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, results->call->title);
      self->ranking = jury_ranking_model_new (results);
    }
  else
    {
      self->ranking = G_LIST_MODEL (g_list_store_new (JURY_TYPE_RANKING_ITEM));
    }

  sorter = gtk_column_view_get_sorter (self->ranking_view);
  sorted = gtk_sort_list_model_new (g_object_ref (self->ranking), g_object_ref (sorter));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (sorted));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  /* The Submission page starts on the leader rather than empty. */
  if (selected_id == NULL || !jury_results_view_select (self, selected_id))
    if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
      gtk_single_selection_set_selected (self->selection, 0);

  update_decisions_label (self);
  rebuild_submission_page (self);
  rebuild_jury_page (self);

  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

static void
results_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JuryResultsView) self = user_data;
  g_autoptr(GError) error = NULL;
  JuryResults *results;

  results = jury_results_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (results == NULL)
    {
      jury_results_view_toast (self, error->message);
      return;
    }

  set_results (self, results);
}

static void
compute (JuryResultsView *self)
{
  JuryResultsOptions options = {
    .normalize = gtk_switch_get_active (self->normalize_switch),
    .disagreement = g_settings_get_double (self->settings, "disagreement-threshold"),
  };

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      set_results (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  jury_results_new_async (self->store, &options, self->cancellable,
                          results_ready_cb, g_object_ref (self));
}

static void
round_toast_cb (JuryResultsView *self,
                const char      *message)
{
  jury_results_view_toast (self, message);
}

/* The plan says how many reviews each submission should get. */
static void
round_planned_cb (JuryResultsView *self)
{
  compute (self);
}

static void
normalize_toggled_cb (JuryResultsView *self)
{
  compute (self);
}

static void
jury_results_view_dispose (GObject *object)
{
  JuryResultsView *self = JURY_RESULTS_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_RESULTS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->ranking);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, jury_results_free);

  G_OBJECT_CLASS (jury_results_view_parent_class)->dispose (object);
}

static void
jury_results_view_class_init (JuryResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_results_view_dispose;

  signals[RESULTS_CHANGED] =
    g_signal_new ("results-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (JURY_TYPE_RANKING_ITEM);
  g_type_ensure (JURY_TYPE_ROUND_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, decisions_label);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, normalize_switch);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, submission_scroller);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, submission_box);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, jury_box);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, round_view);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, rank_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, title_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, region_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, n_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, mean_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, median_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, sd_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, normalized_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, p_top_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, disagreement_column);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, decision_column);
  gtk_widget_class_bind_template_callback (widget_class, format_rank);
  gtk_widget_class_bind_template_callback (widget_class, format_count);
  gtk_widget_class_bind_template_callback (widget_class, format_count_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, count_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_text);
  gtk_widget_class_bind_template_callback (widget_class, format_score);
  gtk_widget_class_bind_template_callback (widget_class, format_share);
  gtk_widget_class_bind_template_callback (widget_class, format_disagreement);
  gtk_widget_class_bind_template_callback (widget_class, format_decision);
  gtk_widget_class_bind_template_callback (widget_class, boundary_classes);
  gtk_widget_class_bind_template_callback (widget_class, boundary_numeric_classes);
  gtk_widget_class_bind_template_callback (widget_class, normalize_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, round_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, round_planned_cb);
  gtk_widget_class_bind_template_callback (widget_class, ranking_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "juryresultsview");
}

static void
jury_results_view_init (JuryResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected = G_MAXUINT;
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->ranking_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  setup_sorters (self);
  set_results (self, NULL);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::disagreement-threshold",
                           G_CALLBACK (compute), self, G_CONNECT_SWAPPED);
}

void
jury_results_view_set_store (JuryResultsView *self,
                             JuryStore       *store)
{
  g_return_if_fail (JURY_IS_RESULTS_VIEW (self));
  g_return_if_fail (!store || JURY_IS_STORE (store));

  g_set_object (&self->store, store);
  jury_round_view_set_store (self->round_view, store);

  /* A panel without work yet starts where its round is made. */
  if (store != NULL)
    {
      g_autoptr(GPtrArray) jurors = jury_store_list_jurors (store);

      adw_view_stack_set_visible_child_name (self->view_stack,
                                             jurors != NULL && jurors->len == 0 ? "jury" : "ranking");
    }

  compute (self);
}

const JuryResults *
jury_results_view_get_results (JuryResultsView *self)
{
  g_return_val_if_fail (JURY_IS_RESULTS_VIEW (self), NULL);

  return self->results;
}

void
jury_results_view_set_menu_model (JuryResultsView *self,
                                  GMenuModel      *model)
{
  g_return_if_fail (JURY_IS_RESULTS_VIEW (self));

  gtk_menu_button_set_menu_model (self->menu_button, model);
}

gboolean
jury_results_view_select (JuryResultsView *self,
                          const char      *submission_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (JURY_IS_RESULTS_VIEW (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JuryRankingItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (jury_ranking_item_get_id (item), submission_id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

void
jury_results_view_toast (JuryResultsView *self,
                         const char      *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (JURY_IS_RESULTS_VIEW (self));

  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
