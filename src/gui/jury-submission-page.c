/* jury-submission-page.c: the Submission page of a panel's results
 *
 * One submission: its statistics, the decision with its note, the spread of the
 * jurors' totals, every juror's scores and their comments side by side. The page
 * follows the selection of the ranking; what stays the same from one submission
 * to the next stays on screen, and only the tables are made afresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-submission-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-fit-bin.h"
#include "jury-page-widgets.h"
#include "jury-ranking-item.h"
#include "jury-submission-page.h"
#include "jury-text-field.h"

struct _JurySubmissionPage
{
  GtkWidget           parent_instance;

  JuryStore          *store;
  JuryResults        *results;
  GtkSingleSelection *selection;
  GBindingGroup      *bindings;       /* the selected submission's title and region */
  JuryRankingItem    *item;           /* the submission shown */
  gboolean            updating;

  GtkStack           *stack;
  GtkLabel           *position_label;
  GtkScrolledWindow  *scroller;
  GtkLabel           *title_label;
  GtkLabel           *region_label;
  GtkLabel           *stats_label;
  GtkLabel           *disagreement_label;
  AdwComboRow        *decision_row;
  AdwEntryRow        *note_row;
  GtkDrawingArea     *spread_area;
  JuryFitBin         *scores_bin;
  GtkLabel           *conflicts_label;
  JuryFitBin         *comments_bin;
  GtkWidget          *no_comments_label;
};

G_DEFINE_FINAL_TYPE (JurySubmissionPage, jury_submission_page, GTK_TYPE_WIDGET)

enum {
  DECIDED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define COMMENTS_PER_ROW 3

/* The order of the decision row's choices. */
static const JuryDecision decisions[] = {
  JURY_DECISION_NONE, JURY_DECISION_SHORTLIST, JURY_DECISION_AWARD,
};

static guint
shown_index (JurySubmissionPage *self)
{
  return jury_ranking_item_get_index (self->item);
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

static gboolean
region_to_visible (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char *region = g_value_get_string (from);

  g_value_set_boolean (to, region != NULL && region[0] != '\0');
  return TRUE;
}

static void
draw_spread (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  JurySubmissionPage *self = user_data;
  JuryChartColors colors;

  if (self->results == NULL || self->item == NULL)
    return;

  jury_page_get_chart_colors (GTK_WIDGET (area), &colors);
  jury_chart_draw_spread (cr, self->results, shown_index (self), &colors, width, height);
}

/* The scores: criteria as rows, the jurors who scored the submission as columns,
 * where that fits; elsewhere one line per criterion. */

static char *
dup_criterion_name (const JuryCriterion *criterion)
{
  if (criterion->weight == 1)
    return g_strdup (criterion->name);

  /* The weight as the scoring form shows it. */
  return g_strdup_printf ("%s ×%g", criterion->name, criterion->weight);
}

static char *
dup_score (const JuryReview *review,
           guint             criterion)
{
  if (review->scores[criterion] == JURY_NO_SCORE)
    return g_strdup ("–");

  return g_strdup_printf ("%d", review->scores[criterion]);
}

static GtkWidget *
build_scores_table (JurySubmissionPage *self,
                    GArray             *jurors)
{
  const JuryResults *results = self->results;
  guint index = shown_index (self);
  guint n_jurors = results->stats->n_jurors;
  guint n_criteria = results->stats->n_criteria;
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 6);

  jury_page_grid_label (grid, _("Criterion"), 0, 0, FALSE);
  for (guint k = 0; k < jurors->len; k++)
    jury_page_grid_label (grid, jury_page_juror_name (results, g_array_index (jurors, guint, k)), 1 + k, 0, TRUE);

  for (guint c = 0; c < n_criteria; c++)
    {
      g_autofree char *name = dup_criterion_name (g_ptr_array_index (results->call->criteria, c));

      /* The criteria take the room that the scores leave. */
      gtk_widget_set_hexpand (jury_page_grid_label (grid, name, 0, 1 + c, FALSE), TRUE);
      for (guint k = 0; k < jurors->len; k++)
        {
          guint j = g_array_index (jurors, guint, k);
          g_autofree char *score = dup_score (results->reviews[index * n_jurors + j], c);

          jury_page_grid_label (grid, score, 1 + k, 1 + c, TRUE);
        }
    }

  gtk_widget_add_css_class (jury_page_grid_label (grid, _("Total"), 0, 1 + n_criteria, FALSE), "heading");
  for (guint k = 0; k < jurors->len; k++)
    {
      guint j = g_array_index (jurors, guint, k);
      g_autofree char *total = jury_format_statistic (results->stats->totals[index * n_jurors + j]);

      gtk_widget_add_css_class (jury_page_grid_label (grid, total, 1 + k, 1 + n_criteria, TRUE), "heading");
    }

  return GTK_WIDGET (grid);
}

static GtkWidget *
new_scores_line (GtkBox     *box,
                 const char *heading,
                 GString    *line)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = NULL;

  jury_page_add_label (GTK_BOX (item), heading, "caption-heading");
  jury_page_add_label (GTK_BOX (item), line->str, NULL);
  /* Read as one: "Lebensweltnähe: Anna Berg 4 · Bernd Köhler 3". */
  name = jury_page_label_value (heading, line->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (box, item);

  return item;
}

static void
append_score (GString    *line,
              const char *juror,
              const char *value)
{
  if (line->len > 0)
    g_string_append (line, " · ");
  /* A no-break space: a score never starts a line of its own. */
  g_string_append_printf (line, "%s\u00a0%s", juror, value);
}

static GtkWidget *
build_scores_list (JurySubmissionPage *self,
                   GArray             *jurors)
{
  const JuryResults *results = self->results;
  guint index = shown_index (self);
  guint n_jurors = results->stats->n_jurors;
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  g_autoptr(GString) totals = g_string_new (NULL);

  for (guint c = 0; c < results->stats->n_criteria; c++)
    {
      g_autofree char *name = dup_criterion_name (g_ptr_array_index (results->call->criteria, c));
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint k = 0; k < jurors->len; k++)
        {
          guint j = g_array_index (jurors, guint, k);
          g_autofree char *score = dup_score (results->reviews[index * n_jurors + j], c);

          append_score (line, jury_page_juror_name (results, j), score);
        }
      new_scores_line (box, name, line);
    }

  for (guint k = 0; k < jurors->len; k++)
    {
      guint j = g_array_index (jurors, guint, k);
      g_autofree char *total = jury_format_statistic (results->stats->totals[index * n_jurors + j]);

      append_score (totals, jury_page_juror_name (results, j), total);
    }
  new_scores_line (box, _("Total"), totals);

  return GTK_WIDGET (box);
}

static void
update_scores (JurySubmissionPage *self)
{
  const JuryResults *results = self->results;
  guint index = shown_index (self);
  guint n_jurors = results->stats->n_jurors;
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) conflicted = g_ptr_array_new ();

  /* Jurors who did not get the submission are left out; a conflict is named below. */
  for (guint j = 0; j < n_jurors; j++)
    {
      const JuryReview *review = results->reviews[index * n_jurors + j];

      if (review == NULL)
        continue;
      if (review->conflict)
        g_ptr_array_add (conflicted, (gpointer) jury_page_juror_name (results, j));
      else
        g_array_append_val (scored, j);
    }

  if (scored->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No juror has scored this submission."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      jury_fit_bin_set_children (self->scores_bin, label, NULL);
    }
  else
    jury_fit_bin_set_children (self->scores_bin,
                               build_scores_table (self, scored),
                               build_scores_list (self, scored));

  if (conflicted->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (conflicted, NULL);
      names = g_strjoinv (", ", (char **) conflicted->pdata);
      /* Translators: the names of the jurors who declared a conflict of interest */
      text = g_strdup_printf (ngettext ("Conflict of interest: %s", "Conflicts of interest: %s",
                                        conflicted->len - 1), names);
      gtk_label_set_label (self->conflicts_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_label), conflicted->len > 0);
}

static void
add_comment (GtkBox     *card,
             const char *text)
{
  GtkWidget *label = jury_page_add_label (card, text, NULL);

  /* Lines a person can read, and room for three cards side by side. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
}

/* One juror's comments, or NULL when they wrote none. */
static GtkWidget *
new_comment_card (JurySubmissionPage *self,
                  guint               juror)
{
  const JuryResults *results = self->results;
  const JuryReview *review = results->reviews[shown_index (self) * results->stats->n_jurors + juror];
  const char *name = jury_page_juror_name (results, juror);
  GtkBox *card;
  gboolean wrote = FALSE;

  if (review == NULL)
    return NULL;

  card = GTK_BOX (g_object_new (GTK_TYPE_BOX,
                                "orientation", GTK_ORIENTATION_VERTICAL,
                                "spacing", 6,
                                "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                NULL));
  gtk_widget_add_css_class (GTK_WIDGET (card), "card");
  gtk_widget_add_css_class (GTK_WIDGET (card), "comment-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  jury_page_add_label (card, name, "heading");

  for (guint c = 0; c < review->n_criteria; c++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (results->call->criteria, c);

      if (review->comments[c] == NULL)
        continue;

      jury_page_add_label (card, criterion->name, "caption-heading");
      add_comment (card, review->comments[c]);
      wrote = TRUE;
    }

  if (review->overall != NULL)
    {
      jury_page_add_label (card, _("Overall"), "caption-heading");
      add_comment (card, review->overall);
      wrote = TRUE;
    }

  if (!wrote)
    {
      g_object_ref_sink (card);
      g_object_unref (card);
      return NULL;
    }

  return GTK_WIDGET (card);
}

/* Side by side, three to a row, to compare the jurors' reasons; one below the
 * other where three do not fit. */
static void
update_comments (JurySubmissionPage *self)
{
  guint n_jurors = self->results->stats->n_jurors;
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = NULL;
  guint n_cards = 0;

  for (guint j = 0; j < n_jurors; j++)
    {
      GtkWidget *card = new_comment_card (self, j);

      if (card == NULL)
        continue;

      if (n_cards % COMMENTS_PER_ROW == 0)
        {
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
          gtk_box_append (GTK_BOX (rows), row);
        }
      gtk_box_append (GTK_BOX (row), card);
      gtk_box_append (GTK_BOX (column), new_comment_card (self, j));
      n_cards++;
    }

  /* The last row's cards as wide as the others. */
  while (n_cards > 0 && n_cards % COMMENTS_PER_ROW != 0)
    {
      gtk_box_append (GTK_BOX (row), gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
      n_cards++;
    }

  if (n_cards > 0)
    jury_fit_bin_set_children (self->comments_bin, rows, column);
  else
    {
      g_object_ref_sink (rows);
      g_object_unref (rows);
      g_object_ref_sink (column);
      g_object_unref (column);
      jury_fit_bin_set_children (self->comments_bin, NULL, NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->comments_bin), n_cards > 0);
  gtk_widget_set_visible (self->no_comments_label, n_cards == 0);
}

static void
update_decision (JurySubmissionPage *self)
{
  guint index = shown_index (self);
  const char *note = self->results->notes[index];
  gboolean writable = self->store != NULL && !jury_store_is_read_only (self->store);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    if (decisions[i] == self->results->decisions[index])
      adw_combo_row_set_selected (self->decision_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note != NULL ? note : "");
  self->updating = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->decision_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), writable);
}

static void
update_position (JurySubmissionPage *self)
{
  guint n = self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
  guint position = self->selection != NULL ? gtk_single_selection_get_selected (self->selection)
                                           : GTK_INVALID_LIST_POSITION;
  g_autofree char *text = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    /* Translators: the submission's place in the ranking as it is shown, "3 of 31" */
    text = g_strdup_printf (_("%u of %u"), position + 1, n);
  gtk_label_set_label (self->position_label, text != NULL ? text : "");
}

static void
update (JurySubmissionPage *self)
{
  gpointer item = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  const JurySubmissionStats *stats;
  g_autofree char *line = NULL;

  g_set_object (&self->item, self->results != NULL ? item : NULL);
  update_position (self);
  if (self->item == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  stats = &self->results->stats->submissions[shown_index (self)];
  line = dup_stats_line (stats);
  gtk_label_set_label (self->stats_label, line);

  if (stats->disagreement)
    {
      g_autofree char *sd = jury_format_statistic (stats->sd);
      g_autofree char *limit = jury_format_statistic (jury_results_get_disagreement_limit (self->results));
      g_autofree char *warning = NULL;

      /* Translators: the jurors' spread and the threshold it exceeds, e.g. 1.05 and 0.80 */
      warning = g_strdup_printf (_("The jurors disagree on this submission: the spread of their "
                                   "totals (sd %s) is above %s. Their comments below may tell why."),
                                 sd, limit);
      gtk_label_set_label (self->disagreement_label, warning);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->disagreement_label), stats->disagreement);

  update_decision (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->spread_area));
  update_scores (self);
  update_comments (self);

  gtk_stack_set_visible_child_name (self->stack, "submission");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Deciding */

static void
store_decision (JurySubmissionPage *self,
                JuryDecision        decision,
                const char         *note)
{
  guint index = shown_index (self);
  const JurySubmissionRow *row = g_ptr_array_index (self->results->submissions, index);
  g_autoptr(GError) error = NULL;
  char *new_note;

  if (!jury_store_set_decision (self->store, row->id, decision, note, &error))
    {
      g_signal_emit (self, signals[TOAST], 0, error->message);
      update_decision (self);
      return;
    }

  /* NOTE may be the string being replaced: copy it first. */
  new_note = (note != NULL && note[0] != '\0') ? g_strdup (note) : NULL;
  self->results->decisions[index] = decision;
  g_free (self->results->notes[index]);
  self->results->notes[index] = new_note;

  jury_ranking_item_set_decision (self->item, decision);
  g_signal_emit (self, signals[DECIDED], 0);
}

static void
decision_selected_cb (JurySubmissionPage *self)
{
  guint selected = adw_combo_row_get_selected (self->decision_row);

  if (self->updating || self->item == NULL || selected >= G_N_ELEMENTS (decisions))
    return;

  store_decision (self, decisions[selected], self->results->notes[shown_index (self)]);
}

static void
note_apply_cb (JurySubmissionPage *self)
{
  if (self->updating || self->item == NULL)
    return;

  store_decision (self, self->results->decisions[shown_index (self)],
                  gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
}

/* GObject */

static void
jury_submission_page_dispose (GObject *object)
{
  JurySubmissionPage *self = JURY_SUBMISSION_PAGE (object);
  GtkWidget *child;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_SUBMISSION_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->bindings);
  g_clear_object (&self->item);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  self->results = NULL;

  G_OBJECT_CLASS (jury_submission_page_parent_class)->dispose (object);
}

static void
jury_submission_page_class_init (JurySubmissionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_submission_page_dispose;

  /* A decision (or its note) was written and is in the results. */
  signals[DECIDED] =
    g_signal_new ("decided",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (JURY_TYPE_FIT_BIN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-submission-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, region_label);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, stats_label);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, disagreement_label);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, decision_row);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, note_row);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, spread_area);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, scores_bin);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, comments_bin);
  gtk_widget_class_bind_template_child (widget_class, JurySubmissionPage, no_comments_label);
  gtk_widget_class_bind_template_callback (widget_class, decision_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jurysubmissionpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jury_submission_page_init (JurySubmissionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->spread_area, draw_spread, self, NULL);
  jury_text_field_limit (GTK_WIDGET (self->note_row), JURY_TEXT_COMMENT, NULL);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "region", self->region_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "region", self->region_label, "visible", G_BINDING_SYNC_CREATE,
                             region_to_visible, NULL, NULL, NULL);
}

void
jury_submission_page_set_selection (JurySubmissionPage *self,
                                    GtkSingleSelection *selection)
{
  g_return_if_fail (JURY_IS_SUBMISSION_PAGE (self));
  g_return_if_fail (GTK_IS_SINGLE_SELECTION (selection));
  g_return_if_fail (self->selection == NULL);

  self->selection = g_object_ref (selection);
  g_object_bind_property (selection, "selected-item", self->bindings, "source", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (selection, "notify::selected-item",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  /* Its place changes when the ranking is filtered or sorted. */
  g_signal_connect_object (selection, "items-changed",
                           G_CALLBACK (update_position), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "notify::selected",
                           G_CALLBACK (update_position), self, G_CONNECT_SWAPPED);
  update (self);
}

void
jury_submission_page_set_results (JurySubmissionPage *self,
                                  JuryStore          *store,
                                  JuryResults        *results)
{
  g_return_if_fail (JURY_IS_SUBMISSION_PAGE (self));
  g_return_if_fail (store == NULL || JURY_IS_STORE (store));

  g_set_object (&self->store, store);
  self->results = results;
  update (self);
}
