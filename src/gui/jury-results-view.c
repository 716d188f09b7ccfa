/* jury-results-view.c: a panel's results: the ranking, one submission, the jury
 *
 * The view keeps what its three pages share: the results, computed in a thread,
 * the list of submissions in rank order (filtered and sorted as the Ranking page
 * says) and the submission selected in it, which the Submission page shows. The
 * header carries the call's title and the page switcher; the bar below it counts
 * the decisions and switches to normalised scores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-results-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-jury-page.h"
#include "jury-page-widgets.h"
#include "jury-ranking-item.h"
#include "jury-ranking-page.h"
#include "jury-results-view.h"
#include "jury-submission-page.h"

struct _JuryResultsView
{
  GtkWidget             parent_instance;

  JuryStore            *store;
  JuryResults          *results;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFilterListModel   *filter_model;  /* JuryRankingItem* in rank order, as the Ranking page filters */
  GtkSortListModel     *sort_model;    /* … and sorts them */
  GtkSingleSelection   *selection;

  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *menu_button;
  GtkLabel             *call_title_label;
  GtkLabel             *decisions_label;
  GtkLabel             *tie_label;
  GtkSwitch            *normalize_switch;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  JuryRankingPage      *ranking_page;
  JurySubmissionPage   *submission_page;
  JuryJuryPage         *jury_page;
};

G_DEFINE_FINAL_TYPE (JuryResultsView, jury_results_view, GTK_TYPE_WIDGET)

enum {
  RESULTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
invert_boolean (gpointer unused,
                gboolean value)
{
  return !value;
}

static void
update_actions (JuryResultsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);
  gboolean none = position == GTK_INVALID_LIST_POSITION;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.previous-submission",
                                 n > 0 && (none || position > 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.next-submission",
                                 n > 0 && (none || position + 1 < n));
}

static void
update_decisions (JuryResultsView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tie = NULL;
  guint awards, shortlisted;

  if (self->results == NULL)
    {
      gtk_label_set_label (self->decisions_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->tie_label), FALSE);
      return;
    }

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

  /* Places that tie at the last award: more candidates than awards. */
  tie = jury_results_describe_award_places (self->results);
  gtk_label_set_label (self->tie_label, tie != NULL ? tie : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tie_label), tie != NULL);
}

static void
update_title (JuryResultsView *self)
{
  const JuryCall *call = self->results != NULL ? self->results->call : NULL;

  adw_view_switcher_title_set_title (self->switcher_title, call != NULL ? call->title : "");
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        call != NULL && call->theme != NULL ? call->theme : "");
  gtk_label_set_label (self->call_title_label, call != NULL ? call->title : "");
}

/* The item of submission ID in the ranking, filtered or not. */
static JuryRankingItem *
find_item (JuryResultsView *self,
           const char      *id)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JuryRankingItem) item = g_list_model_get_item (all, i);

      if (g_str_equal (jury_ranking_item_get_id (item), id))
        return item;
    }

  return NULL;
}

static gboolean
select_item (JuryResultsView *self,
             JuryRankingItem *item)
{
  GListModel *shown = G_LIST_MODEL (self->selection);
  guint n;

  /* Shown whatever the filter, as a selected submission is. */
  jury_ranking_page_pin (self->ranking_page, item);
  n = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JuryRankingItem) other = g_list_model_get_item (shown, i);

      if (other == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
set_results (JuryResultsView *self,
             JuryResults     *results)
{
  JuryResults *old = self->results;
  JuryRankingItem *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *selected_id = selected != NULL ? g_strdup (jury_ranking_item_get_id (selected)) : NULL;
  g_autoptr(GListModel) ranking = NULL;
  JuryRankingItem *item;

  /* Nothing on screen refers to the old results once nothing is selected. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  self->results = results;
  if (results != NULL)
    ranking = jury_ranking_model_new (results);
  else
    ranking = G_LIST_MODEL (g_list_store_new (JURY_TYPE_RANKING_ITEM));
  gtk_filter_list_model_set_model (self->filter_model, ranking);

  jury_ranking_page_set_results (self->ranking_page, results);
  jury_submission_page_set_results (self->submission_page, self->store, results);
  jury_jury_page_set_results (self->jury_page, results);
  g_clear_pointer (&old, jury_results_free);

  update_title (self);
  update_decisions (self);

  /* The Submission page stays on its submission, and starts on the leader rather than empty. */
  item = selected_id != NULL ? find_item (self, selected_id) : NULL;
  if (item == NULL || !select_item (self, item))
    if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
      gtk_single_selection_set_selected (self->selection, 0);

  update_actions (self);
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

/* Callbacks */

static void
normalize_toggled_cb (JuryResultsView *self)
{
  compute (self);
}

static void
decided_cb (JuryResultsView *self)
{
  update_decisions (self);
  /* A ranking filtered or sorted by decision shows the submission in its new place. */
  jury_ranking_page_refilter (self->ranking_page);
}

static void
page_toast_cb (JuryResultsView *self,
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
step (JuryResultsView *self,
      int              direction)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = direction > 0 ? 0 : n - 1;
  else if (direction > 0 && position + 1 < n)
    position++;
  else if (direction < 0 && position > 0)
    position--;
  else
    return;

  gtk_single_selection_set_selected (self->selection, position);
}

static void
next_submission_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step (JURY_RESULTS_VIEW (widget), 1);
}

static void
previous_submission_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  step (JURY_RESULTS_VIEW (widget), -1);
}

static void
show_submission_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  adw_view_stack_set_visible_child_name (JURY_RESULTS_VIEW (widget)->view_stack, "submission");
}

/* GObject */

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
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
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
  g_type_ensure (JURY_TYPE_RANKING_PAGE);
  g_type_ensure (JURY_TYPE_SUBMISSION_PAGE);
  g_type_ensure (JURY_TYPE_JURY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, call_title_label);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, decisions_label);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, tie_label);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, normalize_switch);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, ranking_page);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, submission_page);
  gtk_widget_class_bind_template_child (widget_class, JuryResultsView, jury_page);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
  gtk_widget_class_bind_template_callback (widget_class, normalize_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, decided_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_toast_cb);

  /* In the ranking's order, as its page filters and sorts it. */
  gtk_widget_class_install_action (widget_class, "results.previous-submission", NULL,
                                   previous_submission_action);
  gtk_widget_class_install_action (widget_class, "results.next-submission", NULL, next_submission_action);
  gtk_widget_class_install_action (widget_class, "results.show-submission", NULL, show_submission_action);
  /* Their keys are the window's: see jury-window-panel.c. */

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "juryresultsview");
}

static void
jury_results_view_init (JuryResultsView *self)
{
  JuryRoundView *round_view;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (jury_ranking_page_get_filter (self->ranking_page)));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              g_object_ref (jury_ranking_page_get_sorter (self->ranking_page)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  jury_ranking_page_set_selection (self->ranking_page, self->selection);
  jury_submission_page_set_selection (self->submission_page, self->selection);

  round_view = jury_jury_page_get_round_view (self->jury_page);
  g_signal_connect_object (round_view, "toast", G_CALLBACK (page_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (round_view, "invitations-written", G_CALLBACK (round_planned_cb), self,
                           G_CONNECT_SWAPPED);

  jury_page_name_controls (GTK_WIDGET (self->menu_button));

  self->settings = g_settings_new (APP_ID);
  set_results (self, NULL);
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
  jury_jury_page_set_store (self->jury_page, store);

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
  JuryRankingItem *item;

  g_return_val_if_fail (JURY_IS_RESULTS_VIEW (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  item = find_item (self, submission_id);
  return item != NULL && select_item (self, item);
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
