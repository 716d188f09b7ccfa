/* test-ui-results.c: a panel's results as the programme manager sees and hears them
 *
 * The Ranking, Submission and Jury pages at a phone's width, in between and on a
 * desktop, in English and in German, with no word broken; what a screen reader
 * reads; a tie at the last award place, the filter, stepping through the
 * ranking, the one award line, a juror whose scores are all the same; importing
 * juror databases and exporting the results from the main menu, with choosers
 * that start beside the files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-results"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "jury-application.h"
#include "jury-fit-bin.h"
#include "jury-jury-page.h"
#include "jury-merge.h"
#include "jury-ranking-item.h"
#include "jury-ranking-page.h"
#include "jury-round.h"
#include "jury-round-view.h"
#include "jury-submission-page.h"
#include "jury-test-util.h"
#include "jury-ui-test-util.h"
#include "jury-window-private.h"

static JuryApplication *app;
static gboolean german;

/* Waiting, as tests/test-ui.c does: for a state, never for a time. */

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A panel of four jurors, made with the core as the jurors' own Jury Desk would:
 * three score every criterion of a submission alike, so that a juror's total is
 * that score, and the fourth gives every submission a 3. The first six
 * submissions in the call's order rank 1, 2, 3, 4, 5 and 5: two candidates tie at
 * the last of the call's five awards. The seventh divides the jurors. */

static const int top_scores[][3] = {
  { 5, 5, 5 },
  { 5, 5, 4 },
  { 5, 4, 4 },
  { 4, 4, 4 },
  { 4, 4, 3 },
  { 4, 3, 4 },
  { 5, 1, 3 },
};

#define UNIFORM_JUROR "Gleichmann"

static const char *juror_names[] = {
  "Anna Berg", "Bernd Köhler-Schwarzenberger", "Chiara Rossi", UNIFORM_JUROR,
};

static const char long_comment[] =
  "Die Jugendlichen lernen an Samstagen Ausbildungsbetriebe in der Region kennen; "
  "Ausbildungsbotschafterinnen und Ausbildungsbotschafter begleiten sie über Wochen. "
  "Nachahmenswert, aber die Verstetigung über die Förderperiode hinaus ist offen.";

static int
juror_score (guint juror,
             guint submission)
{
  if (juror == 3)
    return 3;
  if (submission < G_N_ELEMENTS (top_scores))
    return top_scores[submission][juror];

  /* Below the top: 1 to 3, never above 3. */
  return 1 + (int) ((submission + juror) % 3);
}

static char *
make_juror (const char *dir,
            guint       juror)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *file = g_strdup_printf ("juror-%u.jury", juror);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);
  g_autoptr(GError) error = NULL;
  const JuryCall *call;
  const char *id;

  store = jury_store_create (path, sample, juror_names[juror], NULL, &error);
  g_assert_no_error (error);
  call = jury_store_get_call (store);
  id = jury_store_get_sole_juror_id (store);
  rows = jury_store_list_submissions (store, id, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < rows->len; s++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, s);

      for (guint c = 0; c < call->criteria->len; c++)
        {
          const JuryCriterion *criterion = g_ptr_array_index (call->criteria, c);

          g_ptr_array_add (changes, jury_change_new_score (id, row->id, criterion->id, juror_score (juror, s)));
          if (s == 0 && c < 2)
            g_ptr_array_add (changes, jury_change_new_comment (id, row->id, criterion->id, long_comment));
        }
      if (s == 0)
        g_ptr_array_add (changes, jury_change_new_comment (id, row->id, NULL, long_comment));
    }

  g_assert_true (jury_store_apply (store, (JuryChange * const *) changes->pdata, changes->len, &error));
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  JuryWindow      *window;
  char            *dir;
  char            *panel;
  JuryRankingPage *ranking;
  JurySubmissionPage *submission;
  JuryJuryPage    *jury;
  AdwViewStack    *stack;
} Panel;

static gboolean
results_shown (gpointer data)
{
  JuryWindow *window = data;

  return jury_results_view_get_results (window->results_view) != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "results") &&
         gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* The panel with the first N_MERGED jurors' work; every juror's file is in its folder. */
static void
open_panel_merged (Panel *panel,
                   int    width,
                   int    height,
                   guint  n_merged)
{
  g_auto(GStrv) paths = g_new0 (char *, G_N_ELEMENTS (juror_names) + 1);
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  panel->dir = jury_test_make_tmp_dir ("test-ui-results-XXXXXX");
  panel->panel = g_build_filename (panel->dir, "panel.jury", NULL);
  for (guint j = 0; j < G_N_ELEMENTS (juror_names); j++)
    paths[j] = make_juror (panel->dir, j);
  g_clear_pointer (&paths[n_merged], g_free);
  report = jury_merge_files (panel->panel, (const char * const *) paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->written);

  panel->window = jury_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (panel->window), width, height);
  gtk_window_present (GTK_WINDOW (panel->window));
  file = g_file_new_for_path (panel->panel);
  jury_window_open (panel->window, file);
  jury_test_wait_for (results_shown, panel->window);

  panel->ranking = JURY_RANKING_PAGE (jury_test_find_type (GTK_WIDGET (panel->window->results_view),
                                                       JURY_TYPE_RANKING_PAGE));
  panel->submission = JURY_SUBMISSION_PAGE (jury_test_find_type (GTK_WIDGET (panel->window->results_view),
                                                             JURY_TYPE_SUBMISSION_PAGE));
  panel->jury = JURY_JURY_PAGE (jury_test_find_type (GTK_WIDGET (panel->window->results_view),
                                                 JURY_TYPE_JURY_PAGE));
  panel->stack = ADW_VIEW_STACK (jury_test_find_type (GTK_WIDGET (panel->window->results_view),
                                                  ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (panel->ranking);
  g_assert_nonnull (panel->submission);
  g_assert_nonnull (panel->jury);
}

static void
open_panel (Panel *panel,
            int    width,
            int    height)
{
  open_panel_merged (panel, width, height, G_N_ELEMENTS (juror_names));
}

static void
close_panel (Panel *panel)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_window_flush (panel->window, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (panel->window));
  jury_test_remove_tree (panel->dir);
  g_free (panel->dir);
  g_free (panel->panel);
}

static GListModel *
shown_ranking (Panel *panel)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (jury_test_find_type (GTK_WIDGET (panel->ranking), GTK_TYPE_COLUMN_VIEW));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static JuryRankingItem *
selected_item (Panel *panel)
{
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown_ranking (panel)));
}

/* The page is on screen and laid out, and the window has painted twice since:
 * a size the page asked for has reached the window. */

typedef struct
{
  GtkWidget *widget;
  guint      paints;
} Laid;

static void
after_paint_cb (GdkFrameClock *clock,
                Laid          *laid)
{
  if (gtk_widget_get_mapped (laid->widget) && gtk_widget_get_width (laid->widget) > 0)
    laid->paints++;
}

static gboolean
laid_out (gpointer data)
{
  Laid *laid = data;

  return laid->paints >= 2;
}

static void
wait_laid_out (GtkWidget *widget)
{
  Laid laid = { widget, 0 };
  GdkFrameClock *clock;
  gulong id;

  jury_test_wait_for (mapped, widget);
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &laid);
  gtk_widget_queue_resize (widget);
  jury_test_wait_for (laid_out, &laid);
  g_signal_handler_disconnect (clock, id);
}

static void
show_page (Panel      *panel,
           const char *name,
           GtkWidget  *page)
{
  adw_view_stack_set_visible_child_name (panel->stack, name);
  wait_laid_out (page);
}

/* What a person sees: nothing forces the window wider than WIDTH, and the window
 * they are shown is that wide. */
static void
assert_window_width (JuryWindow *window,
                     int         width)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
}

static gboolean
fit_bin_laid_out (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0 && gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
column_visible (Panel      *panel,
                const char *title)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (jury_test_find_type (GTK_WIDGET (panel->ranking), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return gtk_column_view_column_get_visible (column);
    }

  g_assert_not_reached ();
}

static guint
count_visible_columns (Panel *panel)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (jury_test_find_type (GTK_WIDGET (panel->ranking), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      n += gtk_column_view_column_get_visible (column);
    }

  return n;
}

/* No label under ROOT breaks a word across lines: "Jur-or", "Praxis-nä-he". A
 * line may end after a space or a hyphen, nowhere else. */
static guint
check_words_whole (GtkWidget *root)
{
  guint n = 0;

  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return 0;

  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (root));
      const char *text = pango_layout_get_text (layout);
      GSList *lines = pango_layout_get_lines_readonly (layout);

      for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
        {
          const PangoLayoutLine *line = l->data;
          gunichar before = g_utf8_get_char (g_utf8_prev_char (text + line->start_index));

          if (!g_unichar_isspace (before) && before != '-' && before != 0x2010 && before != '/')
            g_error ("“%s” is broken inside a word at %d px", text, gtk_widget_get_width (root));
        }
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_words_whole (child);

  return n;
}

/* Those on screen. */
static guint
count_mapped (GtkWidget *widget,
              GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_mapped (child, type);

  return n;
}

/* The space between the scores and the heading of the comments below them. */
static double
gap_below_scores (Panel *panel)
{
  GtkWidget *scores = jury_test_find_named (GTK_WIDGET (panel->submission), "scores");
  GtkWidget *comments = jury_test_find_named (GTK_WIDGET (panel->submission), "comments");
  GtkWidget *heading = gtk_widget_get_first_child (gtk_widget_get_parent (comments));
  graphene_rect_t below, above;

  g_assert_true (gtk_widget_compute_bounds (scores, GTK_WIDGET (panel->submission), &above));
  g_assert_true (gtk_widget_compute_bounds (heading, GTK_WIDGET (panel->submission), &below));
  return below.origin.y - (above.origin.y + above.size.height);
}

/* Every page at a phone's width, with a submission selected whose jurors wrote
 * long German comments, in between, and on a desktop. */
static void
test_pages_fit (void)
{
  const int widths[] = { 360, 560, 1400 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      int width = widths[w];
      Panel panel = { NULL };
      JuryFitBin *scores, *comments, *jurors;

      open_panel (&panel, width, 720);
      g_assert_true (jury_results_view_select (panel.window->results_view,
                                               jury_ranking_item_get_id (selected_item (&panel))));

      show_page (&panel, "ranking", GTK_WIDGET (panel.ranking));
      assert_window_width (panel.window, width);
      /* Narrow: the rank, the title and the score; the decision goes under the title. */
      g_assert_true (column_visible (&panel, _("Rank")));
      g_assert_true (column_visible (&panel, _("Title")));
      g_assert_true (column_visible (&panel, _("Mean")));
      g_assert_cmpuint (count_visible_columns (&panel), ==, width < 720 ? 3 : 11);
      g_assert_cmpint (column_visible (&panel, _("Decision")), ==, width >= 720);

      show_page (&panel, "submission", GTK_WIDGET (panel.submission));
      scores = JURY_FIT_BIN (jury_test_find_named (GTK_WIDGET (panel.submission), "scores"));
      comments = JURY_FIT_BIN (jury_test_find_named (GTK_WIDGET (panel.submission), "comments"));
      jury_test_wait_for (fit_bin_laid_out, scores);
      jury_test_wait_for (fit_bin_laid_out, comments);
      assert_window_width (panel.window, width);
      /* The table where it fits; one line per criterion where not. */
      if (width == 360)
        g_assert_false (jury_fit_bin_get_wide_shown (scores));
      if (width == 1400)
        g_assert_true (jury_fit_bin_get_wide_shown (scores));
      g_assert_cmpint (jury_fit_bin_get_wide_shown (comments), ==, width >= 1400);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (comments)), <=, width);
      g_assert_cmpuint (check_words_whole (GTK_WIDGET (panel.submission)), >, 10);
      /* The comments follow the scores, and one scrollbar moves them all. */
      g_assert_cmpfloat (gap_below_scores (&panel), <, 48);
      g_assert_cmpuint (count_mapped (GTK_WIDGET (panel.submission), GTK_TYPE_SCROLLED_WINDOW), ==, 1);

      show_page (&panel, "jury", GTK_WIDGET (panel.jury));
      jurors = JURY_FIT_BIN (jury_test_find_type (GTK_WIDGET (panel.jury), JURY_TYPE_FIT_BIN));
      jury_test_wait_for (fit_bin_laid_out, jurors);
      assert_window_width (panel.window, width);
      if (width == 360)
        g_assert_false (jury_fit_bin_get_wide_shown (jurors));
      if (width == 1400)
        g_assert_true (jury_fit_bin_get_wide_shown (jurors));
      g_assert_cmpuint (check_words_whole (GTK_WIDGET (panel.jury)), >, 10);

      close_panel (&panel);
    }
}

/* Accessible names */

static void
decide (Panel        *panel,
        guint         position,
        JuryDecision  decision)
{
  g_autoptr(JuryRankingItem) item = g_list_model_get_item (shown_ranking (panel), position);
  AdwComboRow *row = ADW_COMBO_ROW (jury_test_find_type (GTK_WIDGET (panel->submission), ADW_TYPE_COMBO_ROW));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown_ranking (panel)), position);
  g_assert_true (selected_item (panel) == item);
  adw_combo_row_set_selected (row, decision == JURY_DECISION_AWARD ? 2 : decision == JURY_DECISION_SHORTLIST ? 1 : 0);
  g_assert_cmpint (jury_ranking_item_get_decision (item), ==, decision);
}


static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* "_Create…" is read "Create…". */
static char *
shown_label (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '_')
        continue;
      if (*p == '_')
        p++;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         ADW_IS_COMBO_ROW (widget) || ADW_IS_ENTRY_ROW (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_TEXT_VIEW (widget);
}

/* Whether WIDGET shows words that a screen reader reads as its name. */
static gboolean
has_text_inside (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text_inside (child))
      return TRUE;

  return FALSE;
}

/* Every control a person can reach under WIDGET has a name a screen reader can
 * speak (a button may speak the words it shows), and no button is read with its
 * mnemonic's underscore. */
static guint
check_controls (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return 0;

  if (is_control (widget))
    {
      gboolean named = has_accessible_name (widget) || (GTK_IS_BUTTON (widget) && has_text_inside (widget));

      if (!named)
        g_error ("a %s (%s) has no accessible name", G_OBJECT_TYPE_NAME (widget),
                 gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "no tooltip");

      if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
          gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
          gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        {
          g_autofree char *shown = shown_label (gtk_button_get_label (GTK_BUTTON (widget)));
          g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                       GTK_ACCESSIBLE_PROPERTY_LABEL, shown);

          if (wrong != NULL)
            g_error ("the button “%s” is read as %s", shown, wrong);
        }
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_controls (child);

  return n;
}

/* What a screen reader reads for the ranking's first row. */
static char *
dup_first_row_name (Panel *panel)
{
  g_autoptr(JuryRankingItem) first = g_list_model_get_item (shown_ranking (panel), 0);
  const JurySubmissionStats *stats = jury_ranking_item_get_stats (first);
  g_autofree char *mean = jury_format_statistic (stats->mean);
  g_autofree char *name = g_strdup_printf (_("Rank %u: %s, mean %s"), stats->rank,
                                           jury_ranking_item_get_title (first), mean);
  JuryDecision decision = jury_ranking_item_get_decision (first);

  if (decision == JURY_DECISION_NONE)
    return g_steal_pointer (&name);

  return g_strconcat (name, ", ", jury_decision_to_label (decision), NULL);
}

/* Rows and cells of the ranking have names: "Rank 1: title, mean 5.00", "Mean: 5.00". */
static void
check_ranking_rows (Panel *panel)
{
  GtkWidget *view = jury_test_find_type (GTK_WIDGET (panel->ranking), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list = jury_test_find_type (view, GTK_TYPE_LIST_VIEW);
  g_autofree char *first_name = dup_first_row_name (panel);
  gboolean first_found = FALSE;
  guint n_rows = 0;

  g_assert_true (has_accessible_name (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (!gtk_widget_get_visible (row) || g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0)
        continue;

      g_assert_true (has_accessible_name (row));
      first_found |= gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                         first_name) == NULL;
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        if (gtk_widget_get_visible (cell))
          g_assert_true (has_accessible_name (cell));
      n_rows++;
    }

  g_assert_cmpuint (n_rows, >, 5);
  if (!first_found)
    g_error ("no row of the ranking is read as “%s”", first_name);
}

/* The rows of a drop-down's list are read by their text once it is open. */
static void
check_drop_down (GtkDropDown *drop_down)
{
  GtkWidget *popover, *list;
  guint n_rows = 0;

  g_signal_emit_by_name (drop_down, "activate");
  popover = jury_test_find_type (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER);
  jury_test_wait_for (mapped, popover);
  list = jury_test_find_type (popover, GTK_TYPE_LIST_VIEW);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_css_name (row), "row") == 0)
      {
        g_assert_true (has_accessible_name (row));
        n_rows++;
      }
  g_assert_cmpuint (n_rows, ==, g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_accessible (void)
{
  Panel panel = { NULL };
  GtkWidget *results = NULL;

  open_panel (&panel, 1400, 900);
  results = GTK_WIDGET (panel.window->results_view);

  /* Everything in the view: the page switcher, the main menu, the switch, and the page's own. */
  show_page (&panel, "ranking", GTK_WIDGET (panel.ranking));
  g_assert_cmpuint (check_controls (results), >=, 9);
  g_assert_cmpuint (check_controls (jury_test_find_type (results, GTK_TYPE_MENU_BUTTON)), ==, 2);
  g_assert_cmpuint (check_controls (jury_test_find_type (results, GTK_TYPE_SWITCH)), ==, 1);
  check_ranking_rows (&panel);
  check_drop_down (GTK_DROP_DOWN (jury_test_find_type (GTK_WIDGET (panel.ranking), GTK_TYPE_DROP_DOWN)));

  /* A decision is read with the row. */
  decide (&panel, 0, JURY_DECISION_SHORTLIST);
  check_ranking_rows (&panel);

  /* Previous, next, the decision and its note. */
  show_page (&panel, "submission", GTK_WIDGET (panel.submission));
  g_assert_cmpuint (check_controls (GTK_WIDGET (panel.submission)), >=, 4);
  check_controls (results);

  show_page (&panel, "jury", GTK_WIDGET (panel.jury));
  check_controls (results);

  close_panel (&panel);
}

/* The round view of a new panel: its controls, and its dialogs at a phone's width. */

static gboolean
round_shown (gpointer data)
{
  JuryWindow *window = data;

  return window->store != NULL && jury_store_is_panel (window->store) &&
         g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "results") &&
         gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
find_toplevel (GType       type,
               const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          (title == NULL || g_strcmp0 (gtk_window_get_title (window), title) == 0))
        return window;
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *title;
  GtkWindow  *found;
} Toplevel;

static gboolean
toplevel_shown (gpointer data)
{
  Toplevel *toplevel = data;

  toplevel->found = find_toplevel (toplevel->type, toplevel->title);
  return toplevel->found != NULL && gtk_widget_get_width (GTK_WIDGET (toplevel->found)) > 0;
}

static void
assert_dialog_width (GtkWindow *dialog,
                     int        width)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, width);
}

static void
test_round (void)
{
  JuryWindow *window = jury_window_new (app);
  g_autofree char *dir = jury_test_make_tmp_dir ("test-ui-results-round-XXXXXX");
  g_autofree char *panel_path = g_build_filename (dir, "panel.jury", NULL);
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autoptr(GFile) panel = g_file_new_for_path (panel_path);
  GtkWidget *view, *add_row, *button;
  Toplevel conflicts = { ADW_TYPE_WINDOW, NULL, NULL };
  Toplevel error = { ADW_TYPE_MESSAGE_DIALOG, NULL, NULL };

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_present (GTK_WINDOW (window));
  jury_window_new_panel (window, sample, panel);
  jury_test_wait_for (round_shown, window);

  view = jury_test_find_type (GTK_WIDGET (window->results_view), JURY_TYPE_ROUND_VIEW);
  add_row = jury_test_find_type (view, ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "Bernd Köhler-Schwarzenberger");
  g_signal_emit_by_name (add_row, "apply");

  wait_laid_out (view);
  assert_window_width (window, 360);
  /* Add from Table, the juror's two buttons, the spin button, Create Invitations. */
  g_assert_cmpuint (check_controls (view), >=, 5);

  /* The conflicts of interest of a juror: a window of its own. */
  conflicts.title = _("Conflicts of Interest");
  button = NULL;
  for (GtkWidget *b = jury_test_find_type (view, ADW_TYPE_ACTION_ROW); b != NULL && button == NULL; b = NULL)
    button = jury_test_find_type (b, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  jury_test_wait_for (toplevel_shown, &conflicts);
  assert_dialog_width (conflicts.found, 360);
  g_assert_cmpuint (check_controls (GTK_WIDGET (conflicts.found)), >=, 1);
  gtk_window_close (conflicts.found);

  /* A juror twice: the message says so, in a dialog as narrow as the window. */
  gtk_editable_set_text (GTK_EDITABLE (add_row), "Bernd Köhler-Schwarzenberger");
  g_signal_emit_by_name (add_row, "apply");
  jury_test_wait_for (toplevel_shown, &error);
  assert_dialog_width (error.found, 360);
  gtk_window_destroy (error.found);

  gtk_window_destroy (GTK_WINDOW (window));
  jury_test_remove_tree (dir);
}

/* Two submissions share rank 5 with five awards: six candidates, and the one line
 * under the last of them, across the row. */
static void
test_tie (void)
{
  Panel panel = { NULL };
  const JuryResults *results;
  GtkWidget *tie, *view;
  GListModel *shown;
  guint n_lines = 0, line_position = G_MAXUINT, position = 0;

  open_panel (&panel, 1400, 900);
  results = jury_results_view_get_results (panel.window->results_view);
  g_assert_cmpuint (results->call->awards, ==, 5);
  g_assert_cmpuint (jury_results_count_award_rows (results), ==, 6);

  tie = jury_test_find_named (GTK_WIDGET (panel.window->results_view), "tie");
  g_assert_nonnull (tie);
  g_assert_true (gtk_widget_get_visible (tie));
  if (!german)
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tie)), ==,
                     "A tie at the last award place: 6 candidates for 5 awards.");

  /* The line is the row's: one row carries it, no cell does. */
  show_page (&panel, "ranking", GTK_WIDGET (panel.ranking));
  view = jury_test_find_type (jury_test_find_type (GTK_WIDGET (panel.ranking), GTK_TYPE_COLUMN_VIEW), GTK_TYPE_LIST_VIEW);
  shown = shown_ranking (&panel);
  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0)
        continue;

      if (gtk_widget_has_css_class (row, "award-boundary"))
        {
          n_lines++;
          line_position = position;
        }
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        {
          g_assert_false (gtk_widget_has_css_class (cell, "award-boundary"));
          g_assert_false (gtk_widget_has_css_class (gtk_widget_get_first_child (cell), "award-boundary"));
        }
      position++;
    }
  g_assert_cmpuint (n_lines, ==, 1);
  /* Rows are made in the list's order, from the top. */
  g_assert_cmpuint (line_position, ==, 5);
  {
    g_autoptr(JuryRankingItem) sixth = g_list_model_get_item (shown, 5);

    g_assert_true (jury_ranking_item_get_award_boundary (sixth));
    g_assert_cmpuint (jury_ranking_item_get_stats (sixth)->rank, ==, 5);
  }

  close_panel (&panel);
}

static guint
count_decided (const JuryResults *results,
               JuryDecision       decision)
{
  return jury_results_count_decisions (results, decision);
}

static void
test_filter (void)
{
  Panel panel = { NULL };
  const JuryResults *results;
  GListModel *shown;
  GtkSingleSelection *selection;
  guint n_all, n_disputed = 0;
  g_autoptr(JuryRankingItem) kept = NULL;

  open_panel (&panel, 1400, 900);
  results = jury_results_view_get_results (panel.window->results_view);
  shown = shown_ranking (&panel);
  selection = GTK_SINGLE_SELECTION (shown);
  n_all = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_all, ==, 31);
  for (guint i = 0; i < results->stats->n_submissions; i++)
    n_disputed += results->stats->submissions[i].disagreement;
  g_assert_cmpuint (n_disputed, >=, 1);

  decide (&panel, 0, JURY_DECISION_AWARD);
  decide (&panel, 1, JURY_DECISION_SHORTLIST);
  decide (&panel, 2, JURY_DECISION_SHORTLIST);
  g_assert_cmpuint (count_decided (results, JURY_DECISION_AWARD), ==, 1);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  jury_ranking_page_set_filter_mode (panel.ranking, JURY_RANKING_FILTER_AWARDED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  jury_ranking_page_set_filter_mode (panel.ranking, JURY_RANKING_FILTER_SHORTLISTED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JuryRankingItem) item = g_list_model_get_item (shown, i);

      g_assert_cmpint (jury_ranking_item_get_decision (item), ==, JURY_DECISION_SHORTLIST);
    }
  jury_ranking_page_set_filter_mode (panel.ranking, JURY_RANKING_FILTER_DISPUTED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_disputed);
  jury_ranking_page_set_filter_mode (panel.ranking, JURY_RANKING_FILTER_UNDECIDED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all - 3);

  /* Decided under "Undecided": the submission stays until another is picked. */
  kept = g_list_model_get_item (shown, 0);
  decide (&panel, 0, JURY_DECISION_AWARD);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all - 3);
  gtk_single_selection_set_selected (selection, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all - 4);
  g_assert_true (selected_item (&panel) != kept);
  g_assert_cmpint (jury_ranking_item_get_decision (selected_item (&panel)), ==, JURY_DECISION_NONE);

  /* A submission the filter hides can still be picked by its id. */
  g_assert_true (jury_results_view_select (panel.window->results_view, jury_ranking_item_get_id (kept)));
  g_assert_true (selected_item (&panel) == kept);

  jury_ranking_page_set_filter_mode (panel.ranking, JURY_RANKING_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);

  close_panel (&panel);
}

/* Previous and next follow the ranking as it is shown; so do the keys. */

static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (strstr (text, trigger) != NULL && GTK_IS_CALLBACK_ACTION (gtk_shortcut_get_action (shortcut)))
            return shortcut;
        }
    }

  return NULL;
}

static void
test_previous_next (void)
{
  Panel panel = { NULL };
  GtkSingleSelection *selection;
  GtkWidget *next, *previous;
  GtkShortcut *key;
  guint n, last_rank = 0;

  open_panel (&panel, 1400, 900);
  selection = GTK_SINGLE_SELECTION (shown_ranking (&panel));
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  show_page (&panel, "submission", GTK_WIDGET (panel.submission));
  next = find_action_button (GTK_WIDGET (panel.submission), "results.next-submission");
  previous = find_action_button (GTK_WIDGET (panel.submission), "results.previous-submission");

  /* The page starts on the leader. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (previous));
  for (guint i = 1; i < n; i++)
    {
      guint rank;

      gtk_widget_activate_action (GTK_WIDGET (panel.window->results_view), "results.next-submission", NULL);
      g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, i);
      rank = jury_ranking_item_get_stats (selected_item (&panel))->rank;
      g_assert_cmpuint (rank, >=, last_rank);
      last_rank = rank;
    }
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_true (gtk_widget_is_sensitive (previous));
  gtk_widget_activate_action (GTK_WIDGET (panel.window->results_view), "results.previous-submission", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 2);

  /* The keys of the juror's list step through the ranking while it is shown. */
  key = find_shortcut (GTK_WIDGET (panel.window), "<Control>Page_Up");
  g_assert_nonnull (key);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (key), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (panel.window), gtk_shortcut_get_arguments (key)));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 3);
  key = find_shortcut (GTK_WIDGET (panel.window), "<Control>Page_Down");
  g_assert_nonnull (key);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (key), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (panel.window), gtk_shortcut_get_arguments (key)));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 2);

  /* Filtered, the steps stay within what is shown. */
  gtk_single_selection_set_selected (selection, 0);
  jury_ranking_page_set_filter_mode (panel.ranking, JURY_RANKING_FILTER_DISPUTED);
  gtk_single_selection_set_selected (selection, 0);
  while (gtk_widget_is_sensitive (next))
    {
      gtk_widget_activate_action (GTK_WIDGET (panel.window->results_view), "results.next-submission", NULL);
      g_assert_true (jury_ranking_item_get_stats (selected_item (&panel))->disagreement);
    }

  close_panel (&panel);
}

/* The Jury page points out a juror whose every total is the same; the header
 * carries the call's title beside the page switcher. */
static void
test_jury_and_title (void)
{
  const int widths[] = { 1400, 360 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      Panel panel = { NULL };
      const JuryResults *results;
      AdwViewSwitcherTitle *title;
      GtkWidget *note;
      const char *call_title;

      open_panel (&panel, widths[w], 720);
      results = jury_results_view_get_results (panel.window->results_view);
      call_title = results->call->title;

      show_page (&panel, "jury", GTK_WIDGET (panel.jury));
      note = jury_test_find_named (GTK_WIDGET (panel.jury), "uniform-juror");
      g_assert_nonnull (note);
      g_assert_true (gtk_widget_get_mapped (note));
      jury_test_assert_contains (gtk_label_get_label (GTK_LABEL (note)), UNIFORM_JUROR);
      /* Only the juror whose totals are all the same. */
      g_assert_null (jury_test_find_named (gtk_widget_get_next_sibling (note), "uniform-juror"));

      title = ADW_VIEW_SWITCHER_TITLE (jury_test_find_type (GTK_WIDGET (panel.window->results_view),
                                                        ADW_TYPE_VIEW_SWITCHER_TITLE));
      g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, call_title);
      if (adw_view_switcher_title_get_title_visible (title))
        {
          /* Narrow: the title in the header, the switcher at the bottom. */
          GtkWidget *bar = jury_test_find_type (GTK_WIDGET (panel.window->results_view), ADW_TYPE_VIEW_SWITCHER_BAR);

          g_assert_cmpint (widths[w], <, 720);
          g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
        }
      else
        {
          /* Wide: the switcher in the header, the title just below it. */
          GtkWidget *label = jury_test_find_named (GTK_WIDGET (panel.window->results_view), "call-title");

          g_assert_cmpint (widths[w], >=, 720);
          g_assert_true (gtk_widget_get_mapped (label));
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, call_title);
        }

      close_panel (&panel);
    }
}

/* Import Juror Databases without a panel open: the new panel is offered beside
 * the hand-ins. */

typedef struct
{
  GtkFileChooserAction action;
  GtkWindow           *found;
} Chooser;

static gboolean
chooser_shown (gpointer data)
{
  Chooser *chooser = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  chooser->found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_file_chooser_get_action (GTK_FILE_CHOOSER (window)) == chooser->action)
        chooser->found = window;
    }

  return chooser->found != NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} Chosen;

static gboolean
file_chosen (gpointer data)
{
  Chosen *chosen = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chosen->chooser);

  return file != NULL && g_file_equal (file, chosen->file);
}

static gboolean
in_folder (gpointer data)
{
  Chosen *chosen = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chosen->chooser);

  return folder != NULL && g_file_equal (folder, chosen->file);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Types PATH into an open chooser, as a person does after Ctrl+L, and opens it. */
static void
choose_file (Chooser    *open,
             GFile      *start,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Chosen chosen = { GTK_FILE_CHOOSER (open->found), file };

  g_signal_emit_by_name (jury_test_find_type (GTK_WIDGET (open->found), GTK_TYPE_FILE_CHOOSER_WIDGET),
                         "location-popup", path);
  jury_test_wait_for (file_chosen, &chosen);
  /* Where the chooser started. */
  jury_test_wait_for (in_folder, &(Chosen) { GTK_FILE_CHOOSER (open->found), start });
  /* Enter, as a person opens what they typed. */
  g_signal_emit_by_name (gtk_root_get_focus (GTK_ROOT (open->found)), "activate");
}

/* Import Juror Databases without a panel open: the chooser starts beside the file
 * opened last, and the new panel is offered beside the hand-ins, made and shown. */
static void
test_new_panel_folder (void)
{
  JuryWindow *window = jury_window_new (app);
  g_autofree char *dir = jury_test_make_tmp_dir ("test-ui-results-hand-ins-XXXXXX");
  g_autofree char *other = jury_test_make_tmp_dir ("test-ui-results-elsewhere-XXXXXX");
  g_autofree char *juror = make_juror (dir, 0);
  g_autofree char *last = make_juror (other, 1);
  g_autofree char *last_uri = g_filename_to_uri (last, NULL, NULL);
  g_autofree char *panel = g_build_filename (dir, "panel.jury", NULL);
  const char *recent[] = { last_uri, NULL };
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) other_folder = g_file_new_for_path (other);
  Chooser open = { GTK_FILE_CHOOSER_ACTION_OPEN, NULL };
  Chooser save = { GTK_FILE_CHOOSER_ACTION_SAVE, NULL };
  const JuryResults *results;

  g_settings_set_strv (jury_application_get_settings (app), "recent-files", recent);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-jurors", NULL);
  jury_test_wait_for (chooser_shown, &open);
  choose_file (&open, other_folder, juror);

  jury_test_wait_for (chooser_shown, &save);
  /* The chooser goes to the folder it is given once it has looked at it. */
  jury_test_wait_for (in_folder, &(Chosen) { GTK_FILE_CHOOSER (save.found), folder });
  gtk_dialog_response (GTK_DIALOG (save.found), GTK_RESPONSE_ACCEPT);

  jury_test_wait_for (results_shown, window);
  results = jury_results_view_get_results (window->results_view);
  g_assert_cmpuint (results->stats->n_jurors, ==, 1);
  g_assert_cmpstr (jury_store_get_path (window->store), ==, panel);

  gtk_window_destroy (GTK_WINDOW (window));
  jury_test_remove_tree (dir);
  jury_test_remove_tree (other);
}

static gboolean
jurors_merged (gpointer data)
{
  Panel *panel = data;
  const JuryResults *results = jury_results_view_get_results (panel->window->results_view);

  return results != NULL && results->stats->n_jurors == G_N_ELEMENTS (juror_names);
}

/* A late hand-in into the open panel on a phone, from the main menu: the chooser
 * starts in the panel's folder, the results take the juror in, and a dialog as
 * narrow as the window says so. */
static void
test_import_into_panel (void)
{
  Panel panel = { NULL };
  g_autoptr(GFile) folder = NULL;
  g_autofree char *late = NULL;
  Chooser open = { GTK_FILE_CHOOSER_ACTION_OPEN, NULL };
  Toplevel report = { ADW_TYPE_MESSAGE_DIALOG, NULL, NULL };

  open_panel_merged (&panel, 360, 720, G_N_ELEMENTS (juror_names) - 1);
  folder = g_file_new_for_path (panel.dir);
  late = g_strdup_printf ("%s/juror-%u.jury", panel.dir, (guint) G_N_ELEMENTS (juror_names) - 1);
  g_assert_cmpuint (jury_results_view_get_results (panel.window->results_view)->stats->n_jurors, ==,
                    G_N_ELEMENTS (juror_names) - 1);

  gtk_widget_activate_action (GTK_WIDGET (panel.window), "win.import-jurors", NULL);
  jury_test_wait_for (chooser_shown, &open);
  choose_file (&open, folder, late);

  jury_test_wait_for (jurors_merged, &panel);
  jury_test_wait_for (toplevel_shown, &report);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (report.found)), ==,
                   _("Juror Databases Imported"));
  jury_test_assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (report.found)), UNIFORM_JUROR);
  /* On a phone, as narrow as the window. */
  assert_dialog_width (report.found, 360);
  gtk_window_destroy (report.found);
  wait_laid_out (GTK_WIDGET (panel.ranking));
  assert_window_width (panel.window, 360);

  close_panel (&panel);
}

/* Export Results from the main menu: the chooser starts in the panel's folder, and
 * the table it writes holds the ranking. */
static void
test_export (void)
{
  static const char *kinds[] = { "csv", "xlsx", "pdf" };
  Panel panel = { NULL };
  g_autoptr(GFile) folder = NULL;

  open_panel (&panel, 1400, 900);
  folder = g_file_new_for_path (panel.dir);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      Chooser save = { GTK_FILE_CHOOSER_ACTION_SAVE, NULL };
      g_autofree char *name = g_strdup_printf ("exported.%s", kinds[k]);
      g_autofree char *path = g_build_filename (panel.dir, name, NULL);

      gtk_widget_activate_action (GTK_WIDGET (panel.window), "win.export-results", "s", kinds[k]);
      jury_test_wait_for (chooser_shown, &save);
      jury_test_wait_for (in_folder, &(Chosen) { GTK_FILE_CHOOSER (save.found), folder });
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (save.found), name);
      gtk_dialog_response (GTK_DIALOG (save.found), GTK_RESPONSE_ACCEPT);
      jury_test_wait_for (file_exists, path);

      if (g_str_equal (kinds[k], "csv"))
        {
          g_autofree char *text = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(JuryRankingItem) first = g_list_model_get_item (shown_ranking (&panel), 0);

          g_assert_true (g_file_get_contents (path, &text, NULL, &error));
          g_assert_no_error (error);
          jury_test_assert_contains (text, "rank,");
          jury_test_assert_contains (text, jury_ranking_item_get_title (first));
        }
    }

  close_panel (&panel);
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *home = jury_test_ui_init (&argc, &argv, "ui-results");

  app = jury_test_ui_new_application ("Testjurorin");

  german = jury_test_ui_is_german ();

  g_test_add_func ("/ui-results/pages-fit", test_pages_fit);
  g_test_add_func ("/ui-results/accessible", test_accessible);
  g_test_add_func ("/ui-results/round", test_round);
  if (!german)
    {
      g_test_add_func ("/ui-results/tie", test_tie);
      g_test_add_func ("/ui-results/filter", test_filter);
      g_test_add_func ("/ui-results/previous-next", test_previous_next);
      g_test_add_func ("/ui-results/jury-and-title", test_jury_and_title);
      g_test_add_func ("/ui-results/new-panel-folder", test_new_panel_folder);
      g_test_add_func ("/ui-results/import-into-panel", test_import_into_panel);
      g_test_add_func ("/ui-results/export", test_export);
    }

  status = g_test_run ();
  g_clear_object (&app);
  jury_test_remove_tree (home);
  return status;
}
