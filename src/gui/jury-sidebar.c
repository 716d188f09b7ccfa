/* jury-sidebar.c: the list of submissions: search, status filter, order, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-searcher.h"
#include "jury-sidebar.h"
#include "jury-sidebar-row.h"

/* How long the search waits for the next key, in ms: none, since a search runs in a
 * worker and the next key cancels it. */
#define SEARCH_DELAY_MS 0

/* The width the list asks for when there is room, whatever its texts: the edge of
 * the pane stays where it is from one submission to the next. */
#define SIDEBAR_NATURAL_WIDTH 320

struct _JurySidebar
{
  GtkWidget           parent_instance;

  GSettings          *settings;
  JurySubmissionList *submissions;
  GSignalGroup       *store_signals;
  JurySearcher       *searcher;
  GCancellable       *search_cancellable;  /* of the search running, if any */
  char               *search_pending; /* its folded query */
  char               *search_needle; /* the folded query the list shows; NULL when not searching */
  guint32            *search_hits;   /* a bit per position (JurySubmissionItem:position) */
  guint               n_search_words;
  char               *pinned_id;     /* the selected submission, shown whatever the filter */
  int                 status_filter_value; /* a JuryReviewStatus, or -1 for all */
  gboolean            sort_by_status;
  gboolean            show_end_title_buttons;

  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;

  GtkWidget          *box;
  AdwWindowTitle     *title;
  GtkMenuButton      *menu_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *status_button;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkStack           *list_stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (JurySidebar, jury_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_SHOW_END_TITLE_BUTTONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char       *name;
  int               status;
  const char       *label;
} status_filters[] = {
  { "all", -1, N_("All") },
  { "open", JURY_REVIEW_OPEN, N_("Open") },
  { "in-progress", JURY_REVIEW_IN_PROGRESS, N_("In Progress") },
  { "done", JURY_REVIEW_DONE, N_("Done") },
  { "conflict", JURY_REVIEW_CONFLICT, N_("Conflict of Interest") },
};

static gboolean
needs_work (JurySubmissionItem *item)
{
  JuryReviewStatus status = jury_submission_item_get_status (item);

  return status == JURY_REVIEW_OPEN || status == JURY_REVIEW_IN_PROGRESS;
}

/* List, filter and sort */

static gboolean
is_hit (JurySidebar        *self,
        JurySubmissionItem *item)
{
  guint position = jury_submission_item_get_position (item);

  return position / 32 < self->n_search_words &&
         (self->search_hits[position / 32] & (1u << (position % 32))) != 0;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  JurySidebar *self = user_data;
  JurySubmissionItem *submission = item;

  if (self->search_needle != NULL && !is_hit (self, submission))
    return FALSE;

  /* The submission being scored stays in the list while its status changes under the
   * juror's hands; it leaves when the juror moves on. */
  if (self->status_filter_value >= 0 &&
      g_strcmp0 (jury_submission_item_get_id (submission), self->pinned_id) != 0)
    return jury_submission_item_get_status (submission) == (JuryReviewStatus) self->status_filter_value;

  return TRUE;
}

/* Tells the filter what changed. Without a search or a status filter the filter
 * has no function: GTK then takes every item as it is, without asking for it. */
static void
refilter (JurySidebar      *self,
          GtkFilterChange   change)
{
  gboolean filtering = self->search_needle != NULL || self->status_filter_value >= 0;
  gboolean was_filtering = gtk_filter_get_strictness (GTK_FILTER (self->filter)) != GTK_FILTER_MATCH_ALL;

  if (filtering && !was_filtering)
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  else if (!filtering && was_filtering)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else if (filtering)
    gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static int
compare_position (JurySubmissionItem *a,
                  JurySubmissionItem *b)
{
  guint pa = jury_submission_item_get_position (a);
  guint pb = jury_submission_item_get_position (b);

  return (pa > pb) - (pa < pb);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  JurySubmissionItem *item_a = (JurySubmissionItem *) a;
  JurySubmissionItem *item_b = (JurySubmissionItem *) b;
  JurySidebar *self = user_data;

  if (self->sort_by_status)
    {
      /* What still needs work comes first. */
      static const int rank[] = {
        [JURY_REVIEW_IN_PROGRESS] = 0,
        [JURY_REVIEW_OPEN] = 1,
        [JURY_REVIEW_DONE] = 2,
        [JURY_REVIEW_CONFLICT] = 3,
      };
      int ra = rank[jury_submission_item_get_status (item_a)];
      int rb = rank[jury_submission_item_get_status (item_b)];

      if (ra != rb)
        return ra - rb;
    }

  return compare_position (item_a, item_b);
}

static GtkSorter *
create_sorter (JurySidebar *self)
{
  g_autofree char *order = g_settings_get_string (self->settings, "sort-order");
  GtkMultiSorter *sorter;
  const char *property = NULL;

  self->sort_by_status = g_str_equal (order, "status");

  /* The list is in the call's order already: no sorter, so nothing is sorted or even
   * looked at. */
  if (g_str_equal (order, "file") &&
      (self->submissions == NULL || jury_submission_list_is_in_file_order (self->submissions)))
    return NULL;

  if (g_str_equal (order, "title"))
    property = "title";
  else if (g_str_equal (order, "region"))
    property = "region";

  if (property == NULL)
    return GTK_SORTER (gtk_custom_sorter_new (sort_func, self, NULL));

  /* String sorters keep collation keys, so sorting 10,000 titles stays quick. */
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter,
                           GTK_SORTER (gtk_string_sorter_new (
                             gtk_property_expression_new (JURY_TYPE_SUBMISSION_ITEM, NULL, property))));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (sort_func, self, NULL)));
  return GTK_SORTER (sorter);
}

static void
update_list_stack (JurySidebar *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "no-results" : "list");
}

static void
update_progress (JurySidebar *self)
{
  guint n_reviewed = 0, n_total = 0;
  g_autofree char *text = NULL;

  if (self->submissions != NULL)
    {
      n_total = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));
      n_reviewed = jury_submission_list_get_n_reviewed (self->submissions);
    }

  /* Translators: progress of the juror, e.g. "12 of 31 reviewed" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed", "%u of %u reviewed",
                                       n_total),
                          n_reviewed, n_total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_total ? (double) n_reviewed / n_total : 0);
}

static void
cancel_search (JurySidebar *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_pending, g_free);
}

/* Shows what the search for NEEDLE (NULL: no search) found. A needle that contains
 * the one shown finds only what that one found, and the filter need only look at
 * what it shows; one contained in it looks at the rest. */
static void
show_search (JurySidebar *self,
             const char  *needle,
             GArray      *hits)
{
  const char *old = self->search_needle;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  guint n_words;

  if (needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (old != NULL && strstr (needle, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (old != NULL && strstr (old, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_clear_pointer (&self->search_hits, g_free);
  self->n_search_words = 0;
  if (hits != NULL && hits->len > 0)
    {
      n_words = g_array_index (hits, guint, hits->len - 1) / 32 + 1;
      self->search_hits = g_new0 (guint32, n_words);
      self->n_search_words = n_words;
      for (guint i = 0; i < hits->len; i++)
        {
          guint position = g_array_index (hits, guint, i);

          self->search_hits[position / 32] |= 1u << (position % 32);
        }
    }

  g_free (self->search_needle);
  self->search_needle = g_strdup (needle);
  refilter (self, change);
}

/* Empties the search and closes its bar; the filter follows at once. */
static void
clear_search (JurySidebar *self)
{
  cancel_search (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  show_search (self, NULL, NULL);
}

/* Callbacks */

static void
sort_order_changed_cb (JurySidebar *self,
                       const char  *key,
                       GSettings   *settings)
{
  g_autoptr(GtkSorter) sorter = create_sorter (self);

  gtk_sort_list_model_set_sorter (self->sort_model, sorter);
}

static void
status_filter_changed_cb (JurySidebar *self,
                          const char  *key,
                          GSettings   *settings)
{
  g_autofree char *wanted = g_settings_get_string (settings, "status-filter");
  g_autofree char *accessible = NULL;
  const char *label = _(status_filters[0].label);

  self->status_filter_value = -1;
  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    if (g_str_equal (wanted, status_filters[i].name))
      {
        self->status_filter_value = status_filters[i].status;
        label = _(status_filters[i].label);
      }

  gtk_menu_button_set_label (self->status_button, label);
  /* Translators: how a screen reader reads the status filter, e.g. "Show submissions: Done" */
  accessible = g_strdup_printf (_("Show submissions: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* A status changed: the status filter and the status order may see it differently. */
static void
review_changed_cb (JurySidebar *self,
                   const char  *juror_id,
                   const char  *submission_id,
                   JuryStore   *store)
{
  if (self->status_filter_value >= 0)
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT);

  if (self->sort_by_status)
    gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sort_model),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static void
items_changed_cb (JurySidebar *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  update_list_stack (self);
}

static void
selection_changed_cb (JurySidebar *self)
{
  JurySubmissionItem *item = jury_sidebar_get_selected_item (self);
  const char *id = item ? jury_submission_item_get_id (item) : NULL;
  gboolean was_pinned = self->pinned_id != NULL;

  /* The filter let the selected submission go for a moment; it comes back. */
  if (id == NULL && was_pinned && self->status_filter_value >= 0)
    return;

  g_free (self->pinned_id);
  self->pinned_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);

  /* Let the previous submission leave the list if the filter no longer shows it. */
  if (was_pinned && self->status_filter_value >= 0)
    refilter (self, GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JurySidebar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree char *needle = NULL;

  hits = jury_searcher_find_finish (JURY_SEARCHER (source), result, &error);

  /* A newer search, or none, took its place: what this one found is not shown. */
  if (g_task_get_cancellable (G_TASK (result)) != self->search_cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);
  needle = g_steal_pointer (&self->search_pending);
  if (hits == NULL)
    g_warning ("Search failed: %s", error->message);
  show_search (self, needle, hits);
}

static void
search_changed_cb (JurySidebar    *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  cancel_search (self);

  if (self->searcher == NULL || text[0] == '\0')
    {
      show_search (self, NULL, NULL);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  self->search_pending = jury_search_normalize (text);
  jury_searcher_find_async (self->searcher, text, self->search_cancellable,
                            search_done_cb, g_object_ref (self));
}

static void
stop_search_cb (JurySidebar    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_activate_cb (JurySidebar    *self,
                    GtkSearchEntry *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
list_activate_cb (JurySidebar *self,
                  guint        position,
                  GtkListView *list_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
list_clicked_cb (JurySidebar *self,
                 int          n_press,
                 double       x,
                 double       y)
{
  if (jury_sidebar_get_selected_item (self) != NULL)
    g_signal_emit (self, signals[ACTIVATE], 0);
}

/* Rows are made in C rather than from a builder template per row: a search that
 * changes what the list shows makes new rows, and each must cost little. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, g_object_new (JURY_TYPE_SIDEBAR_ROW, NULL));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  jury_sidebar_row_set_item (JURY_SIDEBAR_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

/* Overrides */

static void
jury_sidebar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  JurySidebar *self = JURY_SIDEBAR (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, SIDEBAR_NATURAL_WIDTH);
}

static void
jury_sidebar_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  gtk_widget_allocate (JURY_SIDEBAR (widget)->box, width, height, baseline, NULL);
}

static void
jury_sidebar_dispose (GObject *object)
{
  JurySidebar *self = JURY_SIDEBAR (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_SIDEBAR);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->submissions);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->settings);
  cancel_search (self);
  g_clear_object (&self->searcher);
  g_clear_pointer (&self->search_hits, g_free);
  g_clear_pointer (&self->search_needle, g_free);
  g_clear_pointer (&self->pinned_id, g_free);

  G_OBJECT_CLASS (jury_sidebar_parent_class)->dispose (object);
}

static void
jury_sidebar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JurySidebar *self = JURY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, jury_sidebar_get_selected_item (self));
      break;

    case PROP_SHOW_END_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_end_title_buttons);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_sidebar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JurySidebar *self = JURY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_END_TITLE_BUTTONS:
      if (self->show_end_title_buttons != g_value_get_boolean (value))
        {
          self->show_end_title_buttons = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_sidebar_class_init (JurySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_sidebar_dispose;
  object_class->get_property = jury_sidebar_get_property;
  object_class->set_property = jury_sidebar_set_property;

  widget_class->measure = jury_sidebar_measure;
  widget_class->size_allocate = jury_sidebar_size_allocate;

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL,
                         JURY_TYPE_SUBMISSION_ITEM,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_END_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-end-title-buttons", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JurySidebar::activate:
   *
   * Emitted when the reader picks a submission to read it, by clicking or with
   * Enter.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (JURY_TYPE_SIDEBAR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, box);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, title);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, status_button);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JurySidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "jurysidebar");
}

static void
jury_sidebar_init (JurySidebar *self)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GAction) sort_action = NULL;
  g_autoptr(GAction) filter_action = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->status_filter_value = -1;

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sorter = create_sorter (self);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              sorter ? g_object_ref (sorter) : NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sort-order",
                           G_CALLBACK (sort_order_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::status-filter",
                           G_CALLBACK (status_filter_changed_cb), self, G_CONNECT_SWAPPED);
  status_filter_changed_cb (self, "status-filter", self->settings);

  self->store_signals = g_signal_group_new (JURY_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "review-changed",
                                 G_CALLBACK (review_changed_cb), self, G_CONNECT_SWAPPED);

  sort_action = g_settings_create_action (self->settings, "sort-order");
  filter_action = g_settings_create_action (self->settings, "status-filter");
  g_action_map_add_action (G_ACTION_MAP (actions), sort_action);
  g_action_map_add_action (G_ACTION_MAP (actions), filter_action);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "sidebar", G_ACTION_GROUP (actions));

  gtk_search_entry_set_search_delay (self->search_entry, SEARCH_DELAY_MS);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (list_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  update_progress (self);
  update_list_stack (self);
}

/* Public API */

void
jury_sidebar_set_submissions (JurySidebar        *self,
                              JurySubmissionList *submissions,
                              const char         *title,
                              const char         *subtitle)
{
  g_return_if_fail (JURY_IS_SIDEBAR (self));
  g_return_if_fail (!submissions || JURY_IS_SUBMISSION_LIST (submissions));

  if (self->submissions != NULL)
    g_signal_handlers_disconnect_by_func (self->submissions, update_progress, self);

  g_set_object (&self->submissions, submissions);
  g_clear_object (&self->searcher);
  if (submissions != NULL)
    self->searcher = jury_searcher_new (jury_submission_list_get_store (submissions));
  g_signal_group_set_target (self->store_signals,
                             submissions ? jury_submission_list_get_store (submissions) : NULL);
  if (submissions != NULL)
    g_signal_connect_object (submissions, "notify::n-reviewed",
                             G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);

  /* A search in the old list means nothing in the new one. */
  clear_search (self);

  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (submissions));
  sort_order_changed_cb (self, "sort-order", self->settings);

  adw_window_title_set_title (self->title, title ? title : "");
  adw_window_title_set_subtitle (self->title, subtitle ? subtitle : "");

  update_progress (self);
  update_list_stack (self);
}

void
jury_sidebar_set_menu_model (JurySidebar *self,
                             GMenuModel  *menu_model)
{
  g_return_if_fail (JURY_IS_SIDEBAR (self));

  /* A new model makes a new popover: only when it changes. */
  if (gtk_menu_button_get_menu_model (self->menu_button) != menu_model)
    gtk_menu_button_set_menu_model (self->menu_button, menu_model);
}

GtkSingleSelection *
jury_sidebar_get_selection (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return self->selection;
}

JurySubmissionItem *
jury_sidebar_get_selected_item (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
jury_sidebar_select (JurySidebar *self,
                     const char  *submission_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (JURY_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (jury_submission_item_get_id (item), submission_id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

void
jury_sidebar_step (JurySidebar *self,
                   int          direction)
{
  guint n, current, position;

  g_return_if_fail (JURY_IS_SIDEBAR (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n == 0)
    return;

  current = gtk_single_selection_get_selected (self->selection);
  if (current == GTK_INVALID_LIST_POSITION)
    position = direction > 0 ? 0 : n - 1;
  else if (direction > 0)
    position = current + 1 < n ? current + 1 : current;
  else
    position = current > 0 ? current - 1 : current;

  gtk_single_selection_set_selected (self->selection, position);
}

/* Selects the first submission after AFTER_ID (or from the top, when it is not shown)
 * in the list as shown that needs work. */
static gboolean
select_next_shown (JurySidebar *self,
                   const char  *after_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);
  guint current = n - 1;

  for (guint i = 0; after_id != NULL && i < n; i++)
    {
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (jury_submission_item_get_id (item), after_id))
        current = i;
    }

  for (guint step = 1; step <= n; step++)
    {
      guint position = (current + step) % n;
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (model, position);

      if (g_strcmp0 (jury_submission_item_get_id (item), after_id) != 0 && needs_work (item))
        {
          gtk_single_selection_set_selected (self->selection, position);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
any_needs_work (JurySidebar *self,
                const char  *except_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));

  for (guint i = 0; i < n; i++)
    {
      JuryReviewStatus status = jury_submission_list_get_status (self->submissions, i);

      if ((status == JURY_REVIEW_OPEN || status == JURY_REVIEW_IN_PROGRESS) &&
          g_strcmp0 (jury_submission_list_get_id (self->submissions, i), except_id) != 0)
        return TRUE;
    }

  return FALSE;
}

static void
show_everything (JurySidebar *self)
{
  clear_search (self);
  g_settings_set_string (self->settings, "status-filter", "all");
  self->status_filter_value = -1;
  refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
}

gboolean
jury_sidebar_reveal (JurySidebar *self,
                     const char  *submission_id)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  if (jury_sidebar_select (self, submission_id))
    return TRUE;

  show_everything (self);
  return jury_sidebar_select (self, submission_id);
}

JurySidebarNext
jury_sidebar_select_next_open (JurySidebar *self)
{
  JurySubmissionItem *selected;
  g_autofree char *current_id = NULL;

  g_return_val_if_fail (JURY_IS_SIDEBAR (self), JURY_SIDEBAR_NEXT_NONE);

  if (self->submissions == NULL)
    return JURY_SIDEBAR_NEXT_NONE;

  selected = jury_sidebar_get_selected_item (self);
  current_id = selected ? g_strdup (jury_submission_item_get_id (selected)) : NULL;

  if (select_next_shown (self, current_id))
    return JURY_SIDEBAR_NEXT_SHOWN;

  /* The search or the filter hides the rest of the call: what needs work is looked
   * for in all of it. */
  if (!jury_sidebar_is_filtered (self) || !any_needs_work (self, current_id))
    return JURY_SIDEBAR_NEXT_NONE;

  show_everything (self);

  return select_next_shown (self, current_id) ? JURY_SIDEBAR_NEXT_REVEALED : JURY_SIDEBAR_NEXT_NONE;
}

void
jury_sidebar_start_search (JurySidebar *self)
{
  g_return_if_fail (JURY_IS_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
jury_sidebar_search (JurySidebar *self,
                     const char  *text)
{
  g_return_if_fail (JURY_IS_SIDEBAR (self));
  g_return_if_fail (text != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  search_changed_cb (self, self->search_entry);
}

gboolean
jury_sidebar_is_filtered (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), FALSE);

  return self->search_needle != NULL || self->search_cancellable != NULL ||
         self->status_filter_value >= 0;
}

const char *
jury_sidebar_get_progress_text (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return gtk_label_get_label (self->progress_label);
}

const char *
jury_sidebar_get_list_page (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return gtk_stack_get_visible_child_name (self->list_stack);
}

GtkMenuButton *
jury_sidebar_get_menu_button (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return self->menu_button;
}

GtkWidget *
jury_sidebar_get_list_view (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return GTK_WIDGET (self->list_view);
}

gboolean
jury_sidebar_is_searching (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), FALSE);

  return self->search_cancellable != NULL;
}

GtkEditable *
jury_sidebar_get_search_entry (JurySidebar *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}
