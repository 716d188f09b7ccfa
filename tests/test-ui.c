/* test-ui.c: the window, driven as a juror would: open, select, score, comment, done, restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "jury-application.h"
#include "jury-criterion-editor.h"
#include "jury-jury-page.h"
#include "jury-new-call-window.h"
#include "jury-open.h"
#include "jury-ranking-item.h"
#include "jury-ranking-page.h"
#include "jury-round.h"
#include "jury-round-view.h"
#include "jury-preferences-window.h"
#include "jury-rubric-editor.h"
#include "jury-score-overview.h"
#include "jury-score-overview-row.h"
#include "jury-shortcuts-window.h"
#include "jury-sidebar-row.h"
#include "jury-store-testing.h"
#include "jury-submission-page.h"
#include "jury-test-util.h"
#include "jury-ui-test-util.h"
#include "jury-text.h"
#include "jury-window-private.h"

static JuryApplication *app;

static gboolean
window_loaded (gpointer data)
{
  JuryWindow *window = data;

  /* The submission and its form follow the list's first frame. */
  return window->store != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "main") &&
         window->content_tick_id == 0;
}

static gboolean
search_finished (gpointer data)
{
  JuryWindow *window = data;

  return !jury_sidebar_is_searching (window->sidebar);
}

/* Searches as typing TEXT would and waits for the list to show what it found. */
static void
search (JuryWindow *window,
        const char *text)
{
  jury_sidebar_search (window->sidebar, text);
  jury_test_wait_for (search_finished, window);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static JuryWindow *
open_sample (int width,
             int height)
{
  JuryWindow *window = jury_window_new (app);
  g_autoptr(GFile) sample = jury_test_sample_file ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  jury_window_open (window, sample);
  jury_test_wait_for (window_loaded, window);
  jury_test_wait_for (window_mapped, window);

  return window;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Waits until WINDOW is finalized: nothing of it is left for the next test. */
static void
wait_until_gone (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  jury_test_wait_for (window_gone, &weak);
}

static void
close_window (JuryWindow *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jury_window_flush (window, &error));
  g_assert_no_error (error);
  wait_until_gone (window);
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;

      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      return handled;
    }

  g_assert_not_reached ();
}

static void
set_text (GtkWidget  *text_view,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), text, -1);
}

static char *
get_text (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static JuryCriterionEditor *
editor_at (JuryWindow *window,
           guint       index)
{
  return JURY_CRITERION_EDITOR (jury_score_form_get_editor (window->score_form, index));
}

/* The first widget under WIDGET (or WIDGET) with the style class NAME. */
static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first label under WIDGET whose text holds TEXT. */
static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
debug_widths (GtkWidget *w, int depth)
{
  int min;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 250)
    g_printerr ("%*s%s %s %d\n", depth, "", G_OBJECT_TYPE_NAME (w), gtk_widget_get_css_name (w), min);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    debug_widths (c, depth + 1);
}

/* The window, as it is on screen now, is no wider than a phone's screen: neither
 * what it holds (its frame aside) asks for more, nor is it wider. */
static void
assert_fits (GtkWidget  *window,
             const char *what)
{
  int min_width = 0, width;

  jury_test_wait_for_frames (window);
  for (GtkWidget *child = gtk_widget_get_first_child (window); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
      min_width = MAX (min_width, child_min);
    }
  width = gtk_widget_get_width (window);
  if (min_width > 360 || width > 360)
    debug_widths (window, 0);
  if (min_width > 360 || width > 360)
    g_error ("%s: %d px wide (at least %d), more than 360", what, width, min_width);
}

typedef struct
{
  GtkWindow  *parent;
  const char *heading;   /* NULL: any */
} DialogQuery;

/* The message dialog over PARENT with this heading that is on screen, if any. */
static AdwMessageDialog *
find_dialog (GtkWindow  *parent,
             const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          (heading == NULL ||
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  DialogQuery *query = data;

  return find_dialog (query->parent, query->heading) != NULL;
}

/* Waits for the dialog with HEADING over WINDOW and returns it. */
static AdwMessageDialog *
wait_for_dialog (JuryWindow *window,
                 const char *heading)
{
  DialogQuery query = { GTK_WINDOW (window), heading };

  jury_test_wait_for (dialog_shown, &query);
  return find_dialog (GTK_WINDOW (window), heading);
}

/* Closes DIALOG with RESPONSE, as a click on its button would, and waits until it is
 * gone. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  jury_test_wait_for (window_gone, &weak);
}

/* The window of TYPE over PARENT that is on screen, if any. */
static GtkWindow *
find_window (GtkWindow *parent,
             GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

typedef struct
{
  GtkWindow *parent;
  GType      type;
} WindowQuery;

static gboolean
window_shown (gpointer data)
{
  WindowQuery *query = data;

  return find_window (query->parent, query->type) != NULL;
}

/* Activates ACTION on WINDOW and waits for the window of TYPE it opens. */
static GtkWindow *
open_window (JuryWindow *window,
             const char *action,
             GType       type)
{
  WindowQuery query = { GTK_WINDOW (window), type };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  jury_test_wait_for (window_shown, &query);
  return find_window (GTK_WINDOW (window), type);
}

static void
close_dialog (GtkWindow *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (dialog);
  jury_test_wait_for (window_gone, &weak);
}

static char *dup_accessible_name (GtkWidget *widget);

/* The words of the widgets that WIDGET is labelled by, run together. */
static char *
dup_labelled_by_text (GtkWidget *widget)
{
  g_autoptr(GString) text = g_string_new (NULL);
  /* Asked for a value it does not have, the check returns the one it has, as
   * "GtkLabel<0x…>" for each widget. */
  g_autofree char *targets = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                 widget, NULL);

  for (const char *p = targets; p != NULL && (p = strstr (p, "<0x")) != NULL; p++)
    {
      gpointer address = NULL;
      GtkWidget *target;
      g_autofree char *name = NULL;

      if (sscanf (p + 1, "%p", &address) != 1)
        continue;
      target = address;
      if (GTK_IS_LABEL (target))
        g_string_append (text, gtk_label_get_text (GTK_LABEL (target)));
      else if ((name = dup_accessible_name (target)) != NULL)
        g_string_append (text, name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The name a screen reader reads for WIDGET, as far as it can be told here: its label
 * property and the words of the widgets it is labelled by; NULL when it has neither. */
static char *
dup_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  g_autofree char *label = NULL;
  g_autofree char *labelled_by = NULL;

  /* Asked for a value it does not have, the check returns the one it has. */
  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    label = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    labelled_by = dup_labelled_by_text (widget);

  if (label == NULL && labelled_by == NULL)
    return NULL;

  return g_strconcat (label ? label : "", label && labelled_by ? " " : "", labelled_by ? labelled_by : "", NULL);
}

/* Whether WIDGET shows words that a screen reader reads as its name. */
static gboolean
has_text_inside (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && has_text_inside (child))
      return TRUE;

  return FALSE;
}

/* Whether WIDGET is the list inside a table (GtkColumnView), or one of its rows: the
 * table has the name, a row is read cell by cell. */
static gboolean
is_table_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return (GTK_IS_LIST_VIEW (widget) && GTK_IS_COLUMN_VIEW (parent)) ||
         (parent != NULL && GTK_IS_LIST_VIEW (parent) && GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (parent)));
}

static gboolean
is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (is_table_part (widget))
    return FALSE;

  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_LIST_VIEW (widget) || GTK_IS_LIST_BOX (widget) ||
         GTK_IS_COLUMN_VIEW (widget) || ADW_IS_ENTRY_ROW (widget) ||
         /* A row of a list view. */
         (parent != NULL && GTK_IS_LIST_VIEW (parent));
}

/* Walks the widgets under WIDGET that are on screen and checks that each control has
 * a name a screen reader can speak, that no button is read with the underscore of its
 * mnemonic, and that no picture is read by its type. Returns the number of controls. */
static guint
check_widget_names (GtkWidget  *widget,
                    const char *where,
                    gboolean    inside_control)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  g_autofree char *name = NULL;
  guint n = 0;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return 0;

  name = dup_accessible_name (widget);

  if (is_control (widget))
    {
      gboolean named = (name != NULL && name[0] != '\0') ||
                       /* Buttons are read by the words they show. */
                       (name == NULL && GTK_IS_BUTTON (widget) && has_text_inside (widget)) ||
                       /* The button inside a menu button is read by the menu button's name. */
                       (name == NULL && GTK_IS_BUTTON (widget) && GTK_IS_MENU_BUTTON (parent) &&
                        gtk_test_accessible_has_property (GTK_ACCESSIBLE (parent),
                                                          GTK_ACCESSIBLE_PROPERTY_LABEL));

      if (!named)
        g_error ("%s: a %s in a %s (%s) has no accessible name", where, G_OBJECT_TYPE_NAME (widget),
                 G_OBJECT_TYPE_NAME (parent),
                 GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget))
                   ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : "no icon");
      if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
          name != NULL && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
          strstr (name, gtk_button_get_label (GTK_BUTTON (widget))) != NULL &&
          strchr (gtk_button_get_label (GTK_BUTTON (widget)), '_') != NULL)
        g_error ("%s: the button “%s” is read with its mnemonic: “%s”", where,
                 gtk_button_get_label (GTK_BUTTON (widget)), name);
      n++;
    }

  /* A picture is named, or left out; pictures inside controls are not read. */
  if (GTK_IS_IMAGE (widget) && name == NULL && !inside_control &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) != GTK_ACCESSIBLE_ROLE_PRESENTATION &&
      gtk_image_get_storage_type (GTK_IMAGE (widget)) != GTK_IMAGE_EMPTY)
    g_error ("%s: a picture (%s) is read as “GtkImage”", where,
             gtk_image_get_icon_name (GTK_IMAGE (widget)) ? gtk_image_get_icon_name (GTK_IMAGE (widget)) : "?");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_widget_names (child, where, inside_control || is_control (widget));

  return n;
}

static guint
check_names (GtkWidget  *widget,
             const char *where)
{
  return check_widget_names (widget, where, FALSE);
}

/* Scores every criterion by number key (criterion i gets 1 + i % 5), comments, marks done. */
static void
test_score_and_restart (void)
{
  JuryWindow *window = open_sample (1400, 900);
  const JuryCall *call = jury_store_get_call (window->store);
  g_autoptr(JuryReview) review = NULL;
  g_autofree char *store_path = g_strdup (jury_store_get_path (window->store));
  g_autofree char *overall = NULL;
  guint n = jury_score_form_get_n_criteria (window->score_form);

  g_assert_cmpuint (n, ==, call->criteria->len);
  g_assert_nonnull (window->juror_id);
  g_assert_true (jury_window_select (window, "schubs"));
  g_assert_cmpstr (jury_window_get_selected_id (window), ==, "schubs");

  /* Mark as done is refused while a criterion has no score. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-done", NULL);
  g_assert_cmpstr (jury_window_get_selected_id (window), ==, "schubs");

  for (guint i = 0; i < n; i++)
    {
      JuryCriterionEditor *editor = editor_at (window, i);

      g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_1 + (i % 5)));
      g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, 1 + (int) (i % 5));
    }

  /* A digit outside the scale is not a score. */
  g_assert_false (press_key (GTK_WIDGET (editor_at (window, 0)), GDK_KEY_9));
  g_assert_cmpint (jury_criterion_editor_get_score (editor_at (window, 0)), ==, 1);

  set_text (jury_criterion_editor_get_comment_view (editor_at (window, 0)), "Sehr praxisnah – Samstage!");
  set_text (jury_score_form_get_overall_view (window->score_form), "Überzeugt.");

  /* Scores are on disk at once, before anything else happens. */
  review = jury_store_get_review (window->store, window->juror_id, "schubs", NULL);
  g_assert_nonnull (review);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (review->scores[i], ==, 1 + (int) (i % 5));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-done", NULL);
  /* Done moves on to the next submission that still needs work. */
  g_assert_cmpstr (jury_window_get_selected_id (window), !=, "schubs");

  close_window (window);

  /* Restart: the same call reopens the same database, with everything in it. */
  window = open_sample (1400, 900);
  g_assert_cmpstr (jury_store_get_path (window->store), ==, store_path);
  g_assert_true (jury_window_select (window, "schubs"));

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (jury_criterion_editor_get_score (editor_at (window, i)), ==, 1 + (int) (i % 5));

  {
    g_autofree char *comment = jury_criterion_editor_dup_comment (editor_at (window, 0));

    g_assert_cmpstr (comment, ==, "Sehr praxisnah – Samstage!");
  }
  overall = get_text (jury_score_form_get_overall_view (window->score_form));
  g_assert_cmpstr (overall, ==, "Überzeugt.");
  g_assert_true (jury_score_form_get_review (window->score_form)->done);
  g_assert_cmpuint (jury_submission_list_get_n_reviewed (window->submissions), ==, 1);
  g_assert_true (jury_store_verify (window->store, NULL));

  close_window (window);
}

static void
test_conflict_locks_scores (void)
{
  JuryWindow *window = open_sample (1400, 900);
  JuryCriterionEditor *editor;
  g_autoptr(JuryReview) review = NULL;

  g_assert_true (jury_window_select (window, "dein-shuttle-in-den-beruf"));
  editor = editor_at (window, 0);
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_3));

  jury_score_form_set_conflict (window->score_form, TRUE);
  g_assert_false (press_key (GTK_WIDGET (editor), GDK_KEY_5));
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, 3);

  review = jury_store_get_review (window->store, window->juror_id, "dein-shuttle-in-den-beruf", NULL);
  g_assert_true (review->conflict);
  g_assert_cmpint (review->status, ==, JURY_REVIEW_CONFLICT);

  close_window (window);
}

/* The disk refuses a write: the juror is told, the score stays on screen (also after
 * looking at another submission), and it is written once the disk works again. */
static void
test_failed_write_is_kept (void)
{
  JuryWindow *window = open_sample (1400, 900);
  JuryCriterionEditor *editor;
  g_autoptr(JuryReview) on_disk = NULL;
  g_autoptr(JuryReview) saved = NULL;

  g_assert_true (jury_window_select (window, "natuerlich-ausbildung"));
  editor = editor_at (window, 1);

  jury_store_set_fail_writes (window->store, TRUE);
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_4));
  g_assert_cmpint (jury_autosave_get_state (window->autosave), ==, JURY_SAVE_STATE_FAILED);
  g_assert_true (gtk_revealer_get_reveal_child (window->save_error_revealer));
  jury_test_assert_contains (gtk_label_get_label (window->save_error_label), "the disk is full");
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, 4);

  on_disk = jury_store_get_review (window->store, window->juror_id, "natuerlich-ausbildung", NULL);
  g_assert_cmpint (on_disk->scores[1], ==, JURY_NO_SCORE);

  g_assert_true (jury_window_select (window, "schubs"));
  g_assert_true (jury_window_select (window, "natuerlich-ausbildung"));
  g_assert_cmpint (jury_criterion_editor_get_score (editor_at (window, 1)), ==, 4);

  jury_store_set_fail_writes (window->store, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-save", NULL);
  g_assert_cmpint (jury_autosave_get_state (window->autosave), ==, JURY_SAVE_STATE_SAVED);
  g_assert_false (gtk_revealer_get_reveal_child (window->save_error_revealer));

  saved = jury_store_get_review (window->store, window->juror_id, "natuerlich-ausbildung", NULL);
  g_assert_cmpint (saved->scores[1], ==, 4);

  close_window (window);
}

typedef struct
{
  JuryWindow *window;
  const char *path;
} SavedAs;

static gboolean
saved_at (gpointer data)
{
  SavedAs *saved_as = data;

  return g_strcmp0 (jury_store_get_path (saved_as->window->store), saved_as->path) == 0 &&
         jury_autosave_get_state (saved_as->window->autosave) == JURY_SAVE_STATE_SAVED;
}

/* The open database deleted behind the window's back: the next change is not
 * "Saved", the bar offers Save As, and the copy holds everything, also what was
 * typed after the file went. */
static void
test_deleted_open_file (void)
{
  JuryWindow *window = open_sample (1400, 900);
  g_autofree char *dir = jury_test_make_tmp_dir ("test-ui-XXXXXX");
  g_autofree char *rescued = g_build_filename (dir, "rescued.jury", NULL);
  g_autofree char *path = g_strdup (jury_store_get_path (window->store));
  g_autoptr(JuryStore) copy = NULL;
  g_autoptr(JuryReview) review = NULL;
  g_autoptr(GError) error = NULL;
  SavedAs saved_as = { window, rescued };

  g_assert_true (jury_window_select (window, "mint-basics"));
  g_assert_true (press_key (GTK_WIDGET (editor_at (window, 0)), GDK_KEY_3));
  g_assert_cmpint (jury_autosave_get_state (window->autosave), ==, JURY_SAVE_STATE_SAVED);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }

  g_assert_true (press_key (GTK_WIDGET (editor_at (window, 1)), GDK_KEY_4));
  g_assert_cmpint (jury_autosave_get_state (window->autosave), ==, JURY_SAVE_STATE_FAILED);
  g_assert_cmpstr (gtk_label_get_label (window->save_label), ==, "Not saved");
  g_assert_true (gtk_revealer_get_reveal_child (window->save_error_revealer));
  g_assert_true (gtk_widget_get_visible (window->save_as_button));
  g_assert_false (gtk_widget_get_visible (window->retry_save_button));
  jury_test_assert_contains (gtk_label_get_label (window->save_error_label),
                             "could not be saved: mint-regionen-wirken-2025.jury is no longer where it was opened");
  set_text (jury_criterion_editor_get_comment_view (editor_at (window, 1)), "Geschrieben, als die Datei fort war");

  jury_window_save_as (window, rescued);
  jury_test_wait_for (saved_at, &saved_as);
  g_assert_false (gtk_revealer_get_reveal_child (window->save_error_revealer));
  g_assert_cmpstr (gtk_label_get_label (window->save_label), ==, "Saved");

  copy = jury_store_open_read_only (rescued, &error);
  g_assert_no_error (error);
  g_assert_true (jury_store_verify (copy, &error));
  review = jury_store_get_review (copy, window->juror_id, "mint-basics", &error);
  g_assert_no_error (error);
  g_assert_cmpint (review->scores[0], ==, 3);
  g_assert_cmpint (review->scores[1], ==, 4);
  g_assert_cmpstr (review->comments[1], ==, "Geschrieben, als die Datei fort war");

  close_window (window);
  g_clear_object (&copy);
  jury_test_remove_tree (dir);
}

/* A comment field takes 20,000 characters and no more, and no control characters,
 * and says why; the name in the preferences takes 200. */
static void
test_text_limits (void)
{
  JuryWindow *window = open_sample (1400, 900);
  GtkWidget *view;
  GtkTextBuffer *buffer;
  g_autofree char *pasted = g_strnfill (JURY_COMMENT_MAX_CHARS + 500, 'x');
  g_autofree char *long_name = g_strnfill (JURY_NAME_MAX_CHARS + 50, 'n');
  g_autofree char *text = NULL;
  JuryPreferencesWindow *preferences;
  GtkEditable *name_row;

  g_assert_true (jury_window_select (window, "schubs"));
  view = jury_criterion_editor_get_comment_view (editor_at (window, 2));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_buffer_set_text (buffer, "Ampel \x1b[31mrot\x1b[0m und \xe2\x80\xae" "kcab", -1);
  text = get_text (view);
  g_assert_cmpstr (text, ==, "Ampel [31mrot[0m und kcab");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (view), ==,
                   "Control characters and characters that reorder text are left out.");

  gtk_text_buffer_set_text (buffer, pasted, -1);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, JURY_COMMENT_MAX_CHARS);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (view), ==, "A comment or a note holds at most 20000 characters.");
  gtk_text_buffer_set_text (buffer, "", -1);

  close_window (window);

  preferences = jury_preferences_window_new (jury_application_get_settings (app));
  name_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (preferences), JURY_TYPE_PREFERENCES_WINDOW,
                                                          "name_row"));
  gtk_editable_set_text (name_row, long_name);
  g_assert_cmpuint (strlen (gtk_editable_get_text (name_row)), ==, JURY_NAME_MAX_CHARS);
  gtk_editable_set_text (name_row, "Anna\tBerg\x07");
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, "Anna Berg");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Fields of the applications table show under their names; an attachment opens
 * inside Jury Desk, a PDF page by page, an image as it is. */
static void
test_attachments (void)
{
  JuryWindow *window = jury_window_new (app);
  g_autofree char *call_path = g_test_build_filename (G_TEST_DIST, "data", "call-fields.xml", NULL);
  g_autoptr(GFile) call = g_file_new_for_path (call_path);
  JuryAttachmentViewer *viewer;
  g_autoptr(GError) error = NULL;
  double zoom;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  jury_window_open (window, call);
  jury_test_wait_for (window_loaded, window);
  g_assert_true (jury_window_select (window, "first"));

  viewer = jury_window_show_attachment (window, "first", "attachments/antrag.pdf", &error);
  g_assert_no_error (error);
  g_assert_nonnull (viewer);
  g_assert_cmpuint (jury_attachment_viewer_get_n_pages (viewer), ==, 1);
  zoom = jury_attachment_viewer_get_zoom (viewer);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL);
  g_assert_cmpfloat (jury_attachment_viewer_get_zoom (viewer), >, zoom);
  gtk_window_destroy (GTK_WINDOW (viewer));

  viewer = jury_window_show_attachment (window, "first", "attachments/logo.png", &error);
  g_assert_no_error (error);
  g_assert_nonnull (viewer);
  gtk_window_destroy (GTK_WINDOW (viewer));

  g_assert_null (jury_window_show_attachment (window, "first", "attachments/none.pdf", &error));
  g_assert_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND);

  close_window (window);
}

/* Arrow keys move the score; the scale is a single stop in the Tab order. *//* Arrow keys move the score; the scale is a single stop in the Tab order. */
static void
test_arrow_keys (void)
{
  JuryWindow *window = open_sample (1400, 900);
  JuryCriterionEditor *editor;
  guint n_focusable = 0;

  g_assert_true (jury_window_select (window, "mint-basics"));
  editor = editor_at (window, 2);

  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Right));
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, 1);
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Right));
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Right));
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, 3);
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Left));
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, 2);
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_BackSpace));
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, JURY_NO_SCORE);

  for (int value = 1; value <= 5; value++)
    n_focusable += gtk_widget_get_focusable (jury_criterion_editor_get_button (editor, value));
  g_assert_cmpuint (n_focusable, ==, 1);

  close_window (window);
}

static gboolean
list_loaded (gpointer data)
{
  JuryWindow *window = data;

  return window->store != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "main");
}

static gboolean
focus_in_list (JuryWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *list_view = jury_sidebar_get_list_view (window->sidebar);

  return focus != NULL && (focus == list_view || gtk_widget_is_ancestor (focus, list_view));
}

/* How the window is laid out: what a juror would see move between two frames. */
typedef struct
{
  gboolean   folded;
  gboolean   inner_folded;
  GtkWidget *visible;
  GtkWidget *inner_visible;
  int        list_width;
} Layout;

static Layout
get_layout (JuryWindow *window)
{
  return (Layout) {
    adw_leaflet_get_folded (window->leaflet),
    adw_leaflet_get_folded (window->inner_leaflet),
    adw_leaflet_get_visible_child (window->leaflet),
    adw_leaflet_get_visible_child (window->inner_leaflet),
    gtk_widget_get_width (jury_sidebar_get_list_view (window->sidebar)),
  };
}

static void
count_paint_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

static gboolean
one_frame_painted (gpointer data)
{
  return *(guint *) data >= 1;
}

/* An open window paints the list of a database first and the submission selected in
 * it one frame later: in between, the text and the form are blank rather than
 * empty, the selection and the focus are already where they stay, and the panes
 * are where the next frame has them, at every width. */
static void
test_list_before_submission (void)
{
  static const struct { int width, height; } sizes[] = {
    { 1400, 900 }, { 1000, 700 }, { 700, 700 }, { 360, 720 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      JuryWindow *window = jury_window_new (app);
      g_autoptr(GFile) sample = jury_test_sample_file ();
      GtkSingleSelection *selection = jury_sidebar_get_selection (window->sidebar);
      JurySubmissionItem *first;
      Layout before, after;
      guint n_frames = 0;
      gulong id;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
      gtk_window_present (GTK_WINDOW (window));
      jury_test_wait_for (window_mapped, window);
      jury_window_open (window, sample);
      jury_test_wait_for (list_loaded, window);

      g_assert_cmpuint (window->content_tick_id, !=, 0);
      id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                             G_CALLBACK (count_paint_cb), &n_frames);
      jury_test_wait_for (one_frame_painted, &n_frames);
      g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);

      g_assert_cmpuint (window->content_tick_id, !=, 0);
      g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
      g_assert_true (focus_in_list (window));
      g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (window->submission_view)), ==, 0);
      g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (window->score_form)), ==, 0);
      before = get_layout (window);
      /* Ctrl+Return typed ahead has no form to mark yet: it does nothing. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-done", NULL);
      g_assert_null (jury_score_form_get_review (window->score_form));

      jury_test_wait_for (window_loaded, window);
      jury_test_wait_for_frames (GTK_WIDGET (window));
      first = gtk_single_selection_get_selected_item (selection);
      g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
      g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==,
                       jury_submission_item_get_title (first));
      g_assert_cmpstr (jury_score_form_get_review (window->score_form)->submission_id, ==,
                       jury_submission_item_get_id (first));
      g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (window->submission_view)), ==, 1);
      g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (window->score_form)), ==, 1);
      g_assert_true (focus_in_list (window));

      after = get_layout (window);
      g_test_message ("%d×%d: folded %d/%d, list %d px", sizes[i].width, sizes[i].height,
                      after.folded, after.inner_folded, after.list_width);
      g_assert_cmpint (before.folded, ==, after.folded);
      g_assert_cmpint (before.inner_folded, ==, after.inner_folded);
      g_assert_true (before.visible == after.visible);
      g_assert_true (before.inner_visible == after.inner_visible);
      /* A folded leaflet widens its page over its first frames, as it did when the
       * submission came in the first frame too. */
      if (!after.folded)
        g_assert_cmpint (before.list_width, ==, after.list_width);

      close_window (window);
    }
}

/* What the juror typed reaches the disk even when nobody asks for it: closing the
 * window or moving to another submission within the comment's typing pause. */
static void
test_nothing_lost_on_close (void)
{
  JuryWindow *window = open_sample (1400, 900);
  g_autofree char *comment = NULL;
  g_autoptr(JuryReview) review = NULL;

  g_assert_true (jury_window_select (window, "beste-bildung"));
  set_text (jury_criterion_editor_get_comment_view (editor_at (window, 3)), "Erster Gedanke");
  g_assert_true (jury_window_select (window, "schubs"));
  set_text (jury_score_form_get_overall_view (window->score_form), "Mitten im Satz");

  /* As the close button does: no flush by the test. */
  {
    gpointer weak = window;

    g_object_add_weak_pointer (G_OBJECT (window), &weak);
    gtk_window_close (GTK_WINDOW (window));
    jury_test_wait_for (window_gone, &weak);
  }

  window = open_sample (1400, 900);
  review = jury_store_get_review (window->store, window->juror_id, "beste-bildung", NULL);
  g_assert_cmpstr (review->comments[3], ==, "Erster Gedanke");
  g_clear_pointer (&review, jury_review_free);
  review = jury_store_get_review (window->store, window->juror_id, "schubs", NULL);
  g_assert_cmpstr (review->overall, ==, "Mitten im Satz");

  close_window (window);
}

/* While writes fail, the window neither closes nor opens another file: the pending
 * change would be lost. */
static void
test_pending_change_keeps_window (void)
{
  JuryWindow *window = open_sample (1400, 900);
  JuryStore *store = window->store;
  g_autofree char *dir = g_dir_make_tmp ("jury-ui-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (dir, "other.jury", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(JuryStore) other_store = NULL;
  g_autoptr(JuryReview) review = NULL;

  other_store = jury_store_backup (store, other, NULL, NULL) ? jury_store_open (other, NULL) : NULL;
  g_assert_nonnull (other_store);
  g_clear_object (&other_store);

  g_assert_true (jury_window_select (window, "beste-bildung"));
  jury_store_set_fail_writes (store, TRUE);
  g_assert_true (press_key (GTK_WIDGET (editor_at (window, 4)), GDK_KEY_2));

  /* Neither another file nor closing: the juror is told why. */
  jury_window_open (window, other_file);
  respond (wait_for_dialog (window, "Your Latest Changes Are Not Saved Yet"), "close");
  g_assert_true (window->store == store);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "main");

  gtk_window_close (GTK_WINDOW (window));
  respond (wait_for_dialog (window, "Your Latest Changes Are Not Saved Yet"), "close");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  jury_store_set_fail_writes (store, FALSE);
  review = jury_store_get_review (store, window->juror_id, "beste-bildung", NULL);
  g_assert_cmpint (review->scores[4], ==, JURY_NO_SCORE);
  close_window (window);

  window = open_sample (1400, 900);
  g_clear_pointer (&review, jury_review_free);
  review = jury_store_get_review (window->store, window->juror_id, "beste-bildung", NULL);
  g_assert_cmpint (review->scores[4], ==, 2);
  close_window (window);

  g_unlink (other);
  g_rmdir (dir);
}

/* With the filter on "open", the submission being scored stays until the juror moves on. */
static void
test_filter_follows_status (void)
{
  JuryWindow *window = open_sample (1400, 900);
  GListModel *shown = G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar));
  guint n_open;

  g_settings_set_string (window->settings, "status-filter", "open");
  n_open = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_open, >, 2);

  gtk_single_selection_set_selected (jury_sidebar_get_selection (window->sidebar), 0);
  g_assert_true (press_key (GTK_WIDGET (editor_at (window, 0)), GDK_KEY_3));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_open);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-submission", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_open - 1);

  g_settings_set_string (window->settings, "status-filter", "all");
  close_window (window);
}

static void
test_next_without_selection (void)
{
  JuryWindow *window = open_sample (1400, 900);

  gtk_single_selection_set_selected (jury_sidebar_get_selection (window->sidebar), GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-submission", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (jury_sidebar_get_selection (window->sidebar)), ==, 0);

  gtk_single_selection_set_selected (jury_sidebar_get_selection (window->sidebar), GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-submission", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (jury_sidebar_get_selection (window->sidebar)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar))) - 1);

  /* Names in messages are text, not markup (a failure would be a fatal warning). */
  jury_window_toast (window, "Abgegeben als „Anna & Bob <2025>.jury“");
  jury_test_wait_for_frames (GTK_WIDGET (window));

  close_window (window);
}

/* Programme manager: three juror databases become a panel, whose ranking is on screen. */

static char *
make_juror (const char *dir,
            const char *name,
            int         offset)
{
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *file = g_strconcat (name, ".jury", NULL);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);
  g_autoptr(GError) error = NULL;
  const JuryCall *call;
  const char *juror;

  store = jury_store_create (path, sample, name, NULL, &error);
  g_assert_no_error (error);
  call = jury_store_get_call (store);
  juror = jury_store_get_sole_juror_id (store);
  rows = jury_store_list_submissions (store, juror, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < rows->len; s++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, s);

      for (guint c = 0; c < call->criteria->len; c++)
        {
          const JuryCriterion *criterion = g_ptr_array_index (call->criteria, c);

          g_ptr_array_add (changes, jury_change_new_score (juror, row->id, criterion->id,
                                                           1 + (int) ((s * 7 + c + offset) % 5)));
        }
    }

  g_assert_true (jury_store_apply (store, (JuryChange * const *) changes->pdata, changes->len, &error));
  g_assert_no_error (error);

  return path;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
counted (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
results_shown (gpointer data)
{
  JuryWindow *window = data;

  return jury_results_view_get_results (window->results_view) != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "results");
}

static void
test_import_three_jurors (void)
{
  JuryWindow *window = open_sample (1400, 900);
  g_autofree char *dir = g_dir_make_tmp ("jury-ui-panel-XXXXXX", NULL);
  g_autofree char *panel = g_build_filename (dir, "panel.jury", NULL);
  char *paths[4] = { NULL };
  const JuryResults *results;
  GtkColumnView *ranking;
  GListModel *shown;
  g_autoptr(GObject) first = NULL;
  guint rank = 0;
  AdwComboRow *decision;
  JuryDecision stored = JURY_DECISION_NONE;

  paths[0] = make_juror (dir, "Anna", 0);
  paths[1] = make_juror (dir, "Ben", 1);
  paths[2] = make_juror (dir, "Clara", 3);

  jury_window_import_jurors (window, (const char * const *) paths, panel);
  jury_test_wait_for (results_shown, window);

  results = jury_results_view_get_results (window->results_view);
  g_assert_cmpuint (results->stats->n_jurors, ==, 3);

  /* Every page of the results fits a narrow window too. */
  {
    AdwViewStack *pages = ADW_VIEW_STACK (jury_test_find_type (GTK_WIDGET (window->results_view),
                                                           ADW_TYPE_VIEW_STACK));
    const char *names[] = { "jury", "submission", "ranking" };

    jury_results_view_select (window->results_view, "schubs");
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        int min_width;

        adw_view_stack_set_visible_child_name (pages, names[i]);
        gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                            &min_width, NULL, NULL, NULL);
        g_assert_cmpint (min_width, <=, 360);
      }
  }
  g_assert_cmpuint (results->stats->n_submissions, ==, 31);

  /* The ranking on screen: every submission, the best first. */
  ranking = GTK_COLUMN_VIEW (jury_test_find_type (GTK_WIDGET (window->results_view), GTK_TYPE_COLUMN_VIEW));
  shown = G_LIST_MODEL (gtk_column_view_get_model (ranking));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 31);
  first = g_list_model_get_item (shown, 0);
  g_object_get (first, "rank", &rank, NULL);
  g_assert_cmpuint (rank, ==, 1);

  /* A decision made on the Submission page is stored. */
  g_assert_true (jury_results_view_select (window->results_view,
                                           jury_ranking_item_get_id (JURY_RANKING_ITEM (first))));
  decision = ADW_COMBO_ROW (jury_test_find_type (GTK_WIDGET (window->results_view), ADW_TYPE_COMBO_ROW));
  adw_combo_row_set_selected (decision, 2);
  g_assert_true (jury_store_get_decision (window->store, jury_ranking_item_get_id (JURY_RANKING_ITEM (first)),
                                          &stored, NULL, NULL));
  g_assert_cmpint (stored, ==, JURY_DECISION_AWARD);

  /* The note survives a later change of the decision. */
  {
    AdwEntryRow *note_row = ADW_ENTRY_ROW (jury_test_find_type (GTK_WIDGET (window->results_view),
                                                            ADW_TYPE_ENTRY_ROW));
    g_autofree char *note = NULL;
    const char *id = jury_ranking_item_get_id (JURY_RANKING_ITEM (first));
    guint n_changes = 0;

    gtk_editable_set_text (GTK_EDITABLE (note_row), "Klarer Favorit");
    g_signal_emit_by_name (note_row, "apply");
    adw_combo_row_set_selected (decision, 1);
    g_assert_true (jury_store_get_decision (window->store, id, &stored, &note, NULL));
    g_assert_cmpint (stored, ==, JURY_DECISION_SHORTLIST);
    g_assert_cmpstr (note, ==, "Klarer Favorit");

    /* Normalised ranking: new results, the decision still there. */
    g_signal_connect_swapped (window->results_view, "results-changed",
                              G_CALLBACK (count_cb), &n_changes);
    gtk_switch_set_active (GTK_SWITCH (jury_test_find_type (GTK_WIDGET (window->results_view),
                                                        GTK_TYPE_SWITCH)), TRUE);
    jury_test_wait_for (counted, &n_changes);
    g_signal_handlers_disconnect_by_func (window->results_view, count_cb, &n_changes);
    results = jury_results_view_get_results (window->results_view);
    g_assert_true (results->normalized);
    g_assert_cmpuint (jury_results_count_decisions (results, JURY_DECISION_SHORTLIST), ==, 1);
  }

  g_assert_true (jury_store_verify (window->store, NULL));

  close_window (window);
  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL;
}

/* Walks the form and checks that every control a juror can reach has a name a screen
 * reader can speak. */
static guint
check_controls (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;

  if (GTK_IS_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_SWITCH (widget))
    {
      if (!has_accessible_name (widget))
        g_error ("%s in the scoring form has no accessible name", G_OBJECT_TYPE_NAME (widget));
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_controls (child);

  return n;
}

static void
test_narrow_window (void)
{
  JuryWindow *window = open_sample (360, 720);
  GListModel *shown = G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar));

  assert_fits (GTK_WIDGET (window), "the list");
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (adw_leaflet_get_folded (window->inner_leaflet));

  /* Every submission's text, and its title in the header with room to be read. */
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JurySubmissionItem) item = g_list_model_get_item (shown, i);
      g_autofree char *what = g_strdup_printf ("the text of “%s”", jury_submission_item_get_id (item));

      gtk_single_selection_set_selected (jury_sidebar_get_selection (window->sidebar), i);
      g_signal_emit_by_name (window->sidebar, "activate");
      g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content);
      assert_fits (GTK_WIDGET (window), what);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->content_title)), >=, 140);
    }

  /* One pane at a time: the list, then the text, then the form, and back again. */
  g_assert_true (jury_window_select (window, "schubs"));
  g_assert_true (gtk_action_bar_get_revealed (window->score_bar));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-form", NULL);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content);
  g_assert_true (adw_leaflet_get_visible_child (window->inner_leaflet) == GTK_WIDGET (window->score_form));
  g_assert_false (gtk_action_bar_get_revealed (window->score_bar));
  assert_fits (GTK_WIDGET (window), "the form");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (window->inner_leaflet) == GTK_WIDGET (window->submission_view));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == GTK_WIDGET (window->sidebar));
  assert_fits (GTK_WIDGET (window), "the list again");

  close_window (window);
}

/* Every dialog of the juror's window fits a phone's screen. */
static void
test_narrow_dialogs (void)
{
  JuryWindow *window = open_sample (360, 720);
  g_autofree char *call_path = g_test_build_filename (G_TEST_DIST, "data", "call-fields.xml", NULL);
  g_autoptr(GFile) call = g_file_new_for_path (call_path);
  g_autofree char *name = g_settings_get_string (window->settings, "juror-name");
  AdwMessageDialog *dialog;
  GtkWindow *other;

  other = open_window (window, "app.preferences", JURY_TYPE_PREFERENCES_WINDOW);
  assert_fits (GTK_WIDGET (other), "Preferences");
  close_dialog (other);

  other = open_window (window, "win.show-help-overlay", JURY_TYPE_SHORTCUTS_WINDOW);
  assert_fits (GTK_WIDGET (other), "Keyboard Shortcuts");
  close_dialog (other);

  other = open_window (window, "win.show-scores", JURY_TYPE_SCORE_OVERVIEW);
  assert_fits (GTK_WIDGET (other), "My Scores");
  close_dialog (other);

  /* Hand In, with work still to do, asks first. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.hand-in", NULL);
  dialog = wait_for_dialog (window, _("Hand In Unfinished Work?"));
  assert_fits (GTK_WIDGET (dialog), "Hand In");
  respond (dialog, "cancel");

  /* A juror's own call asks for their name. */
  g_settings_set_string (window->settings, "juror-name", "");
  jury_window_open (window, call);
  dialog = wait_for_dialog (window, _("Who Is Scoring?"));
  assert_fits (GTK_WIDGET (dialog), "the name");
  respond (dialog, "cancel");
  g_settings_set_string (window->settings, "juror-name", name);
  g_assert_true (window_loaded (window));

  close_window (window);
}

static void
test_search_and_filter (void)
{
  JuryWindow *window = open_sample (1400, 900);
  GListModel *shown = G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar));
  guint n_all = g_list_model_get_n_items (shown);

  g_assert_cmpuint (n_all, >=, 30);

  /* Search looks into the text too, and folds case and umlauts. */
  search (window, "SAMSTAGEN");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n_all);
  g_assert_true (jury_window_select (window, "schubs"));

  search (window, "kein Treffer xyz");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpstr (jury_sidebar_get_list_page (window->sidebar), ==, "no-results");

  search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);

  /* The status filter: nothing is done in a fresh database but what earlier tests did. */
  g_settings_set_string (window->settings, "status-filter", "conflict");
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n_all);
  g_settings_set_string (window->settings, "status-filter", "all");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);

  /* Sorting by title puts the titles in order. */
  g_settings_set_string (window->settings, "sort-order", "title");
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JurySubmissionItem) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(JurySubmissionItem) b = g_list_model_get_item (shown, i);
      g_autofree char *title_a = g_utf8_casefold (jury_submission_item_get_title (a), -1);
      g_autofree char *title_b = g_utf8_casefold (jury_submission_item_get_title (b), -1);

      /* As a person reads a sorted list: regardless of case. */
      g_assert_cmpint (g_utf8_collate (title_a, title_b), <=, 0);
    }
  g_settings_set_string (window->settings, "sort-order", "file");

  close_window (window);
}

static void
test_bad_file_keeps_window (void)
{
  JuryWindow *window = open_sample (1400, 900);
  JuryStore *before = window->store;
  g_autofree char *dir = g_dir_make_tmp ("jury-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "<call xmlns='urn:jury-desk:call:1'><title>", -1, NULL));
  jury_window_open (window, file);
  jury_test_wait_for (window_loaded, window);

  g_assert_true (window->store == before);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "main");

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* The actions the menus of GtkMenuModel MODEL and its sections and submenus offer,
 * as "win.open" etc. */
static void
collect_menu_actions (GMenuModel *model,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *linked;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, g_steal_pointer (&action));

      while (g_menu_link_iter_get_next (links, NULL, &linked))
        {
          collect_menu_actions (linked, actions);
          g_object_unref (linked);
        }
    }
}

static gboolean
menu_offers (GMenuModel *model,
             const char *action)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  collect_menu_actions (model, actions);
  return g_ptr_array_find_with_equal_func (actions, action, g_str_equal, NULL);
}

static void
remove_database (const char *path)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
}

/* Forgets the juror's database made from the call CALL_ID, as if it was never opened. */
static void
forget_call (const char *call_id)
{
  g_autofree char *data_dir = jury_application_dup_data_dir ();
  g_autofree char *path = jury_database_path_for_call (data_dir, call_id);

  remove_database (path);
}

typedef struct
{
  JuryWindow *window;
  const char *call_id;
} OpenedCall;

/* The window shows the juror's database made from the call CALL_ID. */
static gboolean
call_open (gpointer data)
{
  OpenedCall *opened = data;
  g_autofree char *data_dir = jury_application_dup_data_dir ();
  g_autofree char *path = jury_database_path_for_call (data_dir, opened->call_id);

  return window_loaded (opened->window) &&
         g_strcmp0 (jury_store_get_path (opened->window->store), path) == 0;
}

static GFile *
dup_call_fields (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "call-fields.xml", NULL);

  return g_file_new_for_path (path);
}

#define SAMPLE_CALL_ID "mint-regionen-wirken-2025"
#define FIELDS_CALL_ID "minimal"

/* The first start opens the sample call and asks nothing; a juror's own call asks for
 * the name when its database is made, and only then; Cancel never leaves the window
 * empty. */
static void
test_first_start (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) call = dup_call_fields ();
  g_autofree char *name = g_settings_get_string (settings, "juror-name");
  JuryWindow *window;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) jurors = NULL;
  OpenedCall sample_open, fields_open;

  forget_call (SAMPLE_CALL_ID);
  forget_call (FIELDS_CALL_ID);
  g_settings_reset (settings, "recent-files");
  g_settings_set_string (settings, "juror-name", "");

  g_application_activate (G_APPLICATION (app));
  window = JURY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  sample_open = (OpenedCall) { window, SAMPLE_CALL_ID };
  fields_open = (OpenedCall) { window, FIELDS_CALL_ID };
  jury_test_wait_for (call_open, &sample_open);
  g_assert_null (find_dialog (GTK_WINDOW (window), NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->submissions)), ==, 31);

  /* A call of one's own: its database is made with the juror's name. Cancel keeps
   * what was open. */
  jury_window_open (window, call);
  dialog = wait_for_dialog (window, _("Who Is Scoring?"));
  respond (dialog, "cancel");
  g_assert_true (call_open (&sample_open));
  close_window (window);

  /* Nothing open yet, and the question cancelled: the sample call, not an empty page. */
  window = jury_window_new (app);
  sample_open.window = fields_open.window = window;
  gtk_window_present (GTK_WINDOW (window));
  jury_window_open (window, call);
  dialog = wait_for_dialog (window, _("Who Is Scoring?"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), !=, "empty");
  respond (dialog, "cancel");
  jury_test_wait_for (call_open, &sample_open);

  /* With a name the database is made; it has its juror, so the next time asks nothing. */
  jury_window_open (window, call);
  dialog = wait_for_dialog (window, _("Who Is Scoring?"));
  gtk_editable_set_text (GTK_EDITABLE (jury_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)), "Jana Beispiel");
  respond (dialog, "continue");
  jury_test_wait_for (call_open, &fields_open);
  jurors = jury_store_list_jurors (window->store);
  g_assert_cmpuint (jurors->len, ==, 1);
  g_assert_cmpstr (((JuryJuror *) g_ptr_array_index (jurors, 0))->name, ==, "Jana Beispiel");
  close_window (window);

  g_settings_set_string (settings, "juror-name", "");
  window = jury_window_new (app);
  fields_open.window = window;
  gtk_window_present (GTK_WINDOW (window));
  jury_window_open (window, call);
  jury_test_wait_for (call_open, &fields_open);
  g_assert_null (find_dialog (GTK_WINDOW (window), NULL));
  close_window (window);

  /* The other tests start from a call never opened, with the test's juror. */
  g_settings_set_string (settings, "juror-name", name);
  g_settings_reset (settings, "recent-files");
  forget_call (SAMPLE_CALL_ID);
  forget_call (FIELDS_CALL_ID);
}

typedef struct
{
  JuryWindow *window;
  guint       n_items;
} Shown;

static gboolean
list_shows (gpointer data)
{
  Shown *shown = data;

  return !jury_sidebar_is_searching (shown->window->sidebar) &&
         g_list_model_get_n_items (G_LIST_MODEL (jury_sidebar_get_selection (shown->window->sidebar))) ==
         shown->n_items;
}

/* Typing into the search entry: the list follows each key once its search is done,
 * narrowing and widening again, with ß folded; a search that a later one made moot
 * shows nothing of its own. */
static void
test_search_typing (void)
{
  static const char * const typed[] = { "W", "Weinstr", "Weinstraß", "WEINSTRASSE", "Weinstr", "W", "" };
  JuryWindow *window = open_sample (1400, 900);
  GtkEditable *entry = jury_sidebar_get_search_entry (window->sidebar);
  GListModel *list = G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar));
  guint n_all = g_list_model_get_n_items (list);

  jury_sidebar_start_search (window->sidebar);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GHashTable) hits = jury_store_search (window->store, typed[i], NULL);
      Shown shown = { window, typed[i][0] != '\0' ? g_hash_table_size (hits) : n_all };

      gtk_editable_set_text (entry, typed[i]);
      jury_test_wait_for (list_shows, &shown);
      g_assert_cmpint (jury_sidebar_is_filtered (window->sidebar), ==, typed[i][0] != '\0');
    }
  {
    g_autoptr(GHashTable) narrow = jury_store_search (window->store, "Weinstr", NULL);

    g_assert_cmpuint (g_hash_table_size (narrow), <, n_all);
  }

  /* Two searches one after the other: the list shows the second's answer only. */
  jury_sidebar_search (window->sidebar, "mint");
  search (window, "kein Treffer xyz");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpstr (jury_sidebar_get_list_page (window->sidebar), ==, "no-results");
  jury_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_all);
  close_window (window);
}

/* With a search that finds one submission, Mark as Done on it finds the next that
 * needs work in the whole call, and never says that everything is done. */
static void
test_done_with_search (void)
{
  JuryWindow *window = open_sample (1400, 900);
  GListModel *shown = G_LIST_MODEL (jury_sidebar_get_selection (window->sidebar));
  guint n = jury_score_form_get_n_criteria (window->score_form);
  JurySubmissionItem *next;

  search (window, "HandwerkMobil");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (jury_window_select (window, "handwerkmobil-borken"));

  for (guint i = 0; i < n; i++)
    g_assert_true (press_key (GTK_WIDGET (editor_at (window, i)), GDK_KEY_3));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-done", NULL);

  {
    g_autoptr(JuryReview) review = jury_store_get_review (window->store, window->juror_id,
                                                          "handwerkmobil-borken", NULL);

    g_assert_true (review->done);
  }
  next = jury_sidebar_get_selected_item (window->sidebar);
  g_assert_nonnull (next);
  g_assert_cmpstr (jury_submission_item_get_id (next), !=, "handwerkmobil-borken");
  g_assert_cmpint (jury_submission_item_get_status (next), !=, JURY_REVIEW_DONE);
  g_assert_cmpint (jury_submission_item_get_status (next), !=, JURY_REVIEW_CONFLICT);
  /* The search no longer hides the rest of the call. */
  g_assert_false (jury_sidebar_is_filtered (window->sidebar));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 31);

  /* The same with the status filter: what it shows is done, the rest is found. */
  g_settings_set_string (window->settings, "status-filter", "done");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  g_assert_true (jury_window_select (window, "handwerkmobil-borken"));
  g_assert_true (press_key (GTK_WIDGET (editor_at (window, 0)), GDK_KEY_BackSpace));
  g_assert_false (jury_score_form_get_review (window->score_form)->done);
  g_assert_true (press_key (GTK_WIDGET (editor_at (window, 0)), GDK_KEY_4));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-done", NULL);
  next = jury_sidebar_get_selected_item (window->sidebar);
  g_assert_nonnull (next);
  g_assert_cmpstr (jury_submission_item_get_id (next), !=, "handwerkmobil-borken");
  g_assert_cmpint (jury_submission_item_get_status (next), !=, JURY_REVIEW_DONE);
  g_assert_false (jury_sidebar_is_filtered (window->sidebar));

  close_window (window);
}

/* The rubric's levels are on screen before a score is chosen. */
static void
test_levels_before_choosing (void)
{
  JuryWindow *window = open_sample (1400, 900);
  const JuryCall *call = jury_store_get_call (window->store);
  const JuryCriterion *criterion = g_ptr_array_index (call->criteria, 0);
  JuryCriterionEditor *editor;
  GtkWidget *levels;
  guint n_shown = 0;

  g_assert_true (jury_window_select (window, "mint-se-schwalm-eder"));
  editor = editor_at (window, 0);
  g_assert_cmpint (jury_criterion_editor_get_score (editor), ==, JURY_NO_SCORE);
  jury_test_wait_for_frames (GTK_WIDGET (window));

  levels = find_by_class (GTK_WIDGET (editor), "levels");
  g_assert_nonnull (levels);
  g_assert_true (gtk_widget_get_mapped (levels));
  for (int value = call->scale_min; value <= call->scale_max; value++)
    {
      const char *label = jury_criterion_get_level_label (criterion, value);

      if (label == NULL)
        continue;
      g_assert_nonnull (find_label_containing (levels, label));
      g_assert_true (gtk_widget_get_mapped (find_label_containing (levels, label)));
      n_shown++;
    }
  g_assert_cmpuint (n_shown, >, 0);

  /* Chosen, the level stands out, and the others stay. */
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_4));
  g_assert_true (gtk_widget_has_css_class (find_label_containing (levels, jury_criterion_get_level_label (criterion, 4)),
                                           "chosen"));
  g_assert_true (gtk_widget_get_mapped (levels));
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_BackSpace));

  close_window (window);
}

/* WCAG's relative luminance of an sRGB colour. */
static double
luminance (const GdkRGBA *color)
{
  double channels[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    channels[i] = channels[i] <= 0.03928 ? channels[i] / 12.92 : pow ((channels[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

/* The contrast of WIDGET's text on the background named BACKGROUND, its colour's
 * alpha blended in. */
static double
text_contrast (GtkWidget  *widget,
               const char *color,
               const char *background)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, bg, blended;
  double a, b;

  if (color != NULL)
    g_assert_true (gtk_style_context_lookup_color (context, color, &fg));
  else
    gtk_style_context_get_color (context, &fg);
  g_assert_true (gtk_style_context_lookup_color (context, background, &bg));
  blended = (GdkRGBA) { fg.red * fg.alpha + bg.red * (1 - fg.alpha),
                        fg.green * fg.alpha + bg.green * (1 - fg.alpha),
                        fg.blue * fg.alpha + bg.blue * (1 - fg.alpha), 1 };
  a = luminance (&blended);
  b = luminance (&bg);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/* Quieter text (a criterion's description, a submission's region) reads at 4.5:1 at
 * least, in the light and in the dark style; none is dimmed by opacity. A row of the
 * list draws its region itself, in the colour that .secondary-text names (COLOR). */
static void
assert_readable (GtkWidget  *widget,
                 const char *color,
                 const char *what)
{
  const char *backgrounds[] = { "window_bg_color", "view_bg_color" };

  g_assert_true (color != NULL || gtk_widget_has_css_class (widget, "secondary-text"));
  g_assert_false (gtk_widget_has_css_class (widget, "dim-label"));
  for (guint i = 0; i < G_N_ELEMENTS (backgrounds); i++)
    {
      double contrast = text_contrast (widget, color, backgrounds[i]);

      if (contrast < 4.5)
        g_error ("%s: %.2f:1 on %s, less than 4.5:1", what, contrast, backgrounds[i]);
    }
}

static gboolean
style_is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) == GPOINTER_TO_INT (data);
}

static void
test_contrast (void)
{
  JuryWindow *window = open_sample (1400, 900);
  AdwStyleManager *style = adw_style_manager_get_default ();
  JuryCriterionEditor *editor;
  GtkWidget *description, *region;

  g_assert_true (jury_window_select (window, "schubs"));
  editor = editor_at (window, 0);
  description = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), JURY_TYPE_CRITERION_EDITOR,
                                                           "description_label"));
  region = jury_test_find_type (jury_sidebar_get_list_view (window->sidebar), JURY_TYPE_SIDEBAR_ROW);
  g_assert_nonnull (region);

  for (int dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      jury_test_wait_for (style_is_dark, GINT_TO_POINTER (dark));
      jury_test_wait_for_frames (GTK_WIDGET (window));
      assert_readable (description, NULL, dark ? "a criterion's description, dark" : "a criterion's description");
      assert_readable (region, "secondary_text_color", dark ? "a row's region, dark" : "a row's region");
      assert_readable (find_by_class (GTK_WIDGET (window->submission_view), "secondary-text"), NULL,
                       dark ? "the submission's region, dark" : "the submission's region");
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  close_window (window);
}

/* The edges between the list, the text and the form stay where they are from one
 * submission to the next, whatever their titles and texts. */
static void
test_panes_stay (void)
{
  JuryWindow *window = open_sample (1400, 900);
  const char *ids[] = { "schubs", "mint-tage-mayen-koblenz", "ag-virtual-reality",
                        "webasto-drive-mechanikwettbewerb", "th-brandenburg-berufsorientierung" };
  double form_x = -1, text_width = -1;

  g_assert_false (adw_leaflet_get_folded (window->inner_leaflet));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      graphene_point_t point;

      g_assert_true (jury_window_select (window, ids[i]));
      jury_test_wait_for_frames (GTK_WIDGET (window));
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window->score_form), GTK_WIDGET (window),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      if (i == 0)
        {
          form_x = point.x;
          text_width = gtk_widget_get_width (GTK_WIDGET (window->submission_view));
        }
      g_assert_cmpfloat (point.x, ==, form_x);
      g_assert_cmpfloat (gtk_widget_get_width (GTK_WIDGET (window->submission_view)), ==, text_width);
    }

  close_window (window);
}

/* A submission's formats are text, as its partners are: nothing that looks as if it
 * could be clicked. */
static void
test_formats_are_text (void)
{
  JuryWindow *window = open_sample (1400, 900);
  GtkWidget *format;

  g_assert_true (jury_window_select (window, "schubs"));
  format = find_label_containing (GTK_WIDGET (window->submission_view), "Türen öffnen");
  g_assert_nonnull (format);
  g_assert_null (gtk_widget_get_ancestor (format, GTK_TYPE_BUTTON));
  for (GtkWidget *w = format; w != GTK_WIDGET (window->submission_view); w = gtk_widget_get_parent (w))
    {
      g_assert_false (gtk_widget_has_css_class (w, "pill"));
      g_assert_false (gtk_widget_has_css_class (w, "tag"));
    }

  close_window (window);
}

/* The main menu offers what fits what is open. */
static void
test_menus (void)
{
  JuryWindow *window = jury_window_new (app);
  GMenuModel *menu;

  /* Nothing open: how to start, as juror or as programme manager. */
  gtk_window_present (GTK_WINDOW (window));
  menu = gtk_menu_button_get_menu_model (window->empty_menu_button);
  g_assert_true (menu_offers (menu, "win.open"));
  g_assert_true (menu_offers (menu, "win.new-call"));
  g_assert_true (menu_offers (menu, "win.import-jurors"));
  g_assert_false (menu_offers (menu, "win.hand-in"));
  close_window (window);

  /* A juror's database: the juror's work, none of the programme manager's. */
  window = open_sample (1400, 900);
  menu = gtk_menu_button_get_menu_model (jury_sidebar_get_menu_button (window->sidebar));
  g_assert_true (menu_offers (menu, "win.open"));
  g_assert_true (menu_offers (menu, "win.hand-in"));
  g_assert_true (menu_offers (menu, "win.show-scores"));
  g_assert_true (menu_offers (menu, "win.export-form"));
  g_assert_true (menu_offers (menu, "win.import-form"));
  g_assert_true (menu_offers (menu, "app.preferences"));
  for (guint i = 0; i < 5; i++)
    g_assert_false (menu_offers (menu, (const char *[]) { "win.import-jurors", "win.export-results", "win.print",
                                                          "win.new-panel", "win.new-call" }[i]));

  /* A panel's: the programme manager's, none of the juror's. */
  g_assert_true (menu_offers (G_MENU_MODEL (window->panel_menu), "win.import-jurors"));
  g_assert_true (menu_offers (G_MENU_MODEL (window->panel_menu), "win.export-results"));
  g_assert_false (menu_offers (G_MENU_MODEL (window->panel_menu), "win.hand-in"));
  g_assert_false (menu_offers (G_MENU_MODEL (window->panel_menu), "win.show-scores"));

  close_window (window);
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* F10 opens the main menu wherever the juror is, also on the form of a narrow window,
 * where the menu is on the list's page. */
static void
test_main_menu_key (void)
{
  JuryWindow *window = open_sample (1400, 900);
  GtkMenuButton *button = jury_sidebar_get_menu_button (window->sidebar);

  g_assert_true (jury_window_select (window, "schubs"));
  gtk_widget_grab_focus (jury_criterion_editor_get_comment_view (editor_at (window, 0)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.main-menu", NULL));
  jury_test_wait_for (popover_shown, button);
  gtk_menu_button_popdown (button);
  close_window (window);

  window = open_sample (360, 720);
  button = jury_sidebar_get_menu_button (window->sidebar);
  g_assert_true (jury_window_select (window, "schubs"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-form", NULL);
  /* Once the pages have slid: the list's page, with the menu, is away. */
  jury_test_wait_for (widget_unmapped, button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.main-menu", NULL));
  jury_test_wait_for (popover_shown, button);
  gtk_menu_button_popdown (button);
  close_window (window);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Hand In with work still to do says how much and which, and lets the juror go back;
 * handed in anyway, the copy holds the juror's work and a receipt. */
static void
test_hand_in (void)
{
  JuryWindow *window = open_sample (1400, 900);
  g_autofree char *dir = jury_test_make_tmp_dir ("test-ui-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "handed-in.jury", NULL);
  g_autofree char *first_line = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  const char *body, *which;
  JurySubmissionItem *item;
  guint n_reviewed;
  g_autofree char *expected = NULL;

  /* One review done, at least. */
  g_assert_true (jury_window_select (window, "handwerkmobil-borken"));
  if (!jury_score_form_get_review (window->score_form)->done)
    {
      for (guint i = 0; i < jury_score_form_get_n_criteria (window->score_form); i++)
        g_assert_true (press_key (GTK_WIDGET (editor_at (window, i)), GDK_KEY_3));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-done", NULL);
    }
  n_reviewed = jury_submission_list_get_n_reviewed (window->submissions);
  g_assert_cmpuint (n_reviewed, >, 0);
  g_assert_true (jury_window_select (window, "handwerkmobil-borken"));

  /* The first line of the list: the first submission that is not done, and how far. */
  for (guint i = 0; first_line == NULL; i++)
    {
      g_autoptr(JurySubmissionItem) unfinished = g_list_model_get_item (G_LIST_MODEL (window->submissions), i);
      JuryReviewStatus status = jury_submission_item_get_status (unfinished);

      if (status == JURY_REVIEW_OPEN || status == JURY_REVIEW_IN_PROGRESS)
        first_line = g_strdup_printf ("• %s – ", jury_submission_item_get_title (unfinished));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.hand-in", NULL);
  dialog = wait_for_dialog (window, _("Hand In Unfinished Work?"));
  body = adw_message_dialog_get_body (dialog);
  expected = g_strdup_printf ("%u of 31 submissions are not done yet.", 31 - n_reviewed);
  jury_test_assert_contains (body, expected);
  /* Which: the first ones by name, with how far each is, and how many more. */
  which = gtk_label_get_text (GTK_LABEL (jury_test_find_named (GTK_WIDGET (dialog), "unfinished")));
  g_assert_true (g_str_has_prefix (which, first_line));
  jury_test_assert_contains (which, "not started");
  expected = (g_free (expected), g_strdup_printf ("\nand %u more submissions", 31 - n_reviewed - 5));
  g_assert_true (g_str_has_suffix (which, expected));

  /* Going back: to work on what is not done. */
  respond (dialog, "cancel");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  item = jury_sidebar_get_selected_item (window->sidebar);
  g_assert_cmpint (jury_submission_item_get_status (item), !=, JURY_REVIEW_DONE);

  /* Anyway: the file the juror picks holds their work, and the receipt is shown. */
  jury_window_set_next_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.hand-in", NULL);
  dialog = wait_for_dialog (window, _("Hand In Unfinished Work?"));
  respond (dialog, "hand-in");
  dialog = wait_for_dialog (window, _("Handed In"));
  g_assert_nonnull (jury_test_find_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL));
  respond (dialog, "close");

  copy = jury_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jury_store_get_sole_juror_id (copy), ==, window->juror_id);
  {
    g_autoptr(JuryReview) review = jury_store_get_review (copy, window->juror_id, "handwerkmobil-borken", &error);

    g_assert_no_error (error);
    g_assert_true (review->done);
  }

  close_window (window);
  g_clear_object (&copy);
  jury_test_remove_tree (dir);
}

/* The scoring form goes out as a CSV and comes back with scores from outside; a form
 * that does not fit is refused with its name and line. */
static void
test_scoring_form_round_trip (void)
{
  JuryWindow *window = open_sample (1400, 900);
  g_autofree char *dir = jury_test_make_tmp_dir ("test-ui-XXXXXX");
  g_autofree char *exported = g_build_filename (dir, "form.csv", NULL);
  g_autofree char *filled = g_build_filename (dir, "filled.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad-form.csv", NULL);
  g_autoptr(GFile) exported_file = g_file_new_for_path (exported);
  g_autoptr(GFile) filled_file = g_file_new_for_path (filled);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autofree char *text = NULL;
  g_autoptr(JuryReview) review = NULL;
  AdwMessageDialog *dialog;

  jury_window_set_next_file (window, exported_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-form", NULL));
  jury_test_wait_for (file_exists, exported);
  g_assert_true (g_file_get_contents (exported, &text, NULL, NULL));
  jury_test_assert_contains (text, "submission_id,criterion_id,score,comment");
  jury_test_assert_contains (text, "mint-forum-nordhessen,praxis,");

  g_assert_true (jury_window_select (window, "mint-forum-nordhessen"));
  g_assert_cmpint (jury_criterion_editor_get_score (editor_at (window, 0)), ==, JURY_NO_SCORE);
  g_assert_true (g_file_set_contents (filled,
                                      "submission_id,criterion_id,score,comment\n"
                                      "mint-forum-nordhessen,praxis,4,Aus dem Formular\n", -1, NULL));
  jury_window_set_next_file (window, filled_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-form", NULL));

  /* On disk, and on screen in the open review. */
  review = jury_store_get_review (window->store, window->juror_id, "mint-forum-nordhessen", NULL);
  g_assert_cmpint (review->scores[0], ==, 4);
  g_assert_cmpstr (review->comments[0], ==, "Aus dem Formular");
  g_assert_cmpstr (jury_window_get_selected_id (window), ==, "mint-forum-nordhessen");
  g_assert_cmpint (jury_criterion_editor_get_score (editor_at (window, 0)), ==, 4);

  g_assert_true (g_file_set_contents (bad,
                                      "submission_id,criterion_id,score,comment\n"
                                      "mint-forum-nordhessen,praxis,17,\n", -1, NULL));
  jury_window_set_next_file (window, bad_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-form", NULL));
  dialog = wait_for_dialog (window, _("Could Not Import the Scoring Form"));
  jury_test_assert_contains (adw_message_dialog_get_body (dialog), "bad-form.csv:2");
  respond (dialog, "close");
  g_clear_pointer (&review, jury_review_free);
  review = jury_store_get_review (window->store, window->juror_id, "mint-forum-nordhessen", NULL);
  g_assert_cmpint (review->scores[0], ==, 4);

  close_window (window);
  jury_test_remove_tree (dir);
}

static JuryScoreOverviewRow *
find_overview_row (GListModel *rows,
                   const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(JuryScoreOverviewRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (jury_score_overview_row_get_id (row), id))
        return row;
    }

  return NULL;
}

/* My Scores: the juror's reviews side by side, a column per criterion and the total,
 * sortable, following each change; a row opens its submission. */
static void
test_my_scores (void)
{
  JuryWindow *window = open_sample (1400, 900);
  guint n = jury_score_form_get_n_criteria (window->score_form);
  JuryScoreOverview *overview;
  GtkColumnView *table;
  GListModel *columns, *rows;
  g_autoptr(GtkColumnViewColumn) total_column = NULL;
  JuryScoreOverviewRow *row;
  double previous = INFINITY;
  int last_position = -1;

  overview = JURY_SCORE_OVERVIEW (open_window (window, "win.show-scores", JURY_TYPE_SCORE_OVERVIEW));
  table = jury_score_overview_get_table (overview);
  columns = gtk_column_view_get_columns (table);
  /* The submission, the total, the criteria, the status. */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, n + 3);
  rows = jury_score_overview_get_rows (overview);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 31);

  /* A score given in the window shows in the table. */
  g_assert_true (jury_window_select (window, "mint-werra-meissner"));
  for (guint i = 0; i < n; i++)
    g_assert_true (press_key (GTK_WIDGET (editor_at (window, i)), GDK_KEY_5));
  row = find_overview_row (rows, "mint-werra-meissner");
  g_assert_nonnull (row);
  g_assert_cmpint (jury_score_overview_row_get_score (row, 0), ==, 5);
  g_assert_cmpfloat_with_epsilon (jury_score_overview_row_get_total (row), 5.0, 1e-9);

  /* Sorted by the total, the highest first; what has no total comes last. */
  total_column = g_list_model_get_item (columns, 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (total_column), ==, _("Total"));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(JuryScoreOverviewRow) item = g_list_model_get_item (rows, i);
      double total = jury_score_overview_row_get_total (item);

      if (isnan (total))
        {
          /* Without a total, in the call's order. */
          previous = -INFINITY;
          g_assert_cmpint ((int) jury_score_overview_row_get_position (item), >, last_position);
          last_position = (int) jury_score_overview_row_get_position (item);
        }
      else
        {
          g_assert_cmpfloat (total, <=, previous);
          previous = total;
        }
    }
  {
    g_autoptr(JuryScoreOverviewRow) first = g_list_model_get_item (rows, 0);

    g_assert_cmpfloat_with_epsilon (jury_score_overview_row_get_total (first), 5.0, 1e-9);
  }

  /* Sorted by a criterion too. */
  {
    g_autoptr(GtkColumnViewColumn) first_criterion = g_list_model_get_item (columns, 2);
    g_autoptr(JuryScoreOverviewRow) first = NULL;

    gtk_column_view_sort_by_column (table, first_criterion, GTK_SORT_DESCENDING);
    first = g_list_model_get_item (rows, 0);
    g_assert_cmpint (jury_score_overview_row_get_score (first, 0), ==, 5);
  }

  /* A row opens its submission in the window. */
  g_assert_true (jury_window_select (window, "schubs"));
  g_signal_emit_by_name (table, "activate", 0);
  {
    g_autoptr(JuryScoreOverviewRow) first = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (jury_window_get_selected_id (window), ==, jury_score_overview_row_get_id (first));
  }

  check_names (GTK_WIDGET (overview), "My Scores");
  close_dialog (GTK_WINDOW (overview));
  close_window (window);
}

/* Every control of the juror's window and of its dialogs has a name. */
static void
test_accessible_names (void)
{
  JuryWindow *window = open_sample (1400, 900);
  guint n_criteria, n_scale, n_controls;
  const JuryCall *call = jury_store_get_call (window->store);
  AdwMessageDialog *dialog;
  GtkWindow *other;

  g_assert_true (jury_window_select (window, "natuerlich-ausbildung"));
  jury_test_wait_for_frames (GTK_WIDGET (window));
  n_criteria = jury_score_form_get_n_criteria (window->score_form);
  n_scale = call->scale_max - call->scale_min + 1;

  n_controls = check_names (GTK_WIDGET (window->score_form), "the scoring form");
  /* Per criterion its score buttons and its comment; then the overall comment, the
   * conflict switch and the done button. */
  g_assert_cmpuint (n_controls, >=, n_criteria * (n_scale + 1) + 3);

  /* The list, the text and the form, with every row of the list. */
  n_controls = check_names (GTK_WIDGET (window), "the window");
  g_assert_cmpuint (n_controls, >=, n_criteria * (n_scale + 1) + 3 + 10);

  /* The status filter, the search, the order and the main menu. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  check_names (GTK_WIDGET (window->sidebar), "the list with the search");

  other = open_window (window, "app.preferences", JURY_TYPE_PREFERENCES_WINDOW);
  check_names (GTK_WIDGET (other), "Preferences");
  close_dialog (other);

  other = open_window (window, "win.show-help-overlay", JURY_TYPE_SHORTCUTS_WINDOW);
  check_names (GTK_WIDGET (other), "Keyboard Shortcuts");
  close_dialog (other);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.hand-in", NULL);
  dialog = wait_for_dialog (window, _("Hand In Unfinished Work?"));
  check_names (GTK_WIDGET (dialog), "Hand In");
  respond (dialog, "cancel");

  /* The conflict of interest is confirmed first. */
  gtk_switch_set_active (GTK_SWITCH (jury_test_find_type (GTK_WIDGET (window->score_form), GTK_TYPE_SWITCH)), TRUE);
  dialog = wait_for_dialog (window, _("Declare a Conflict of Interest?"));
  check_names (GTK_WIDGET (dialog), "the conflict of interest");
  respond (dialog, "cancel");
  g_assert_false (jury_score_form_get_review (window->score_form)->conflict);

  /* The question for the juror's name. */
  {
    g_autofree char *name = g_settings_get_string (window->settings, "juror-name");
    g_autoptr(GFile) fields = dup_call_fields ();

    forget_call (FIELDS_CALL_ID);
    g_settings_set_string (window->settings, "juror-name", "");
    jury_window_open (window, fields);
    dialog = wait_for_dialog (window, _("Who Is Scoring?"));
    check_names (GTK_WIDGET (dialog), "the name");
    respond (dialog, "cancel");
    g_settings_set_string (window->settings, "juror-name", name);
  }
  close_window (window);

  /* Nothing open: the empty page. */
  window = jury_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  jury_test_wait_for (window_mapped, window);
  g_assert_cmpuint (check_names (GTK_WIDGET (window), "the empty window"), >=, 3);
  close_window (window);

  /* Narrow: the text of a submission with its Score button, and the form. */
  window = open_sample (360, 720);
  g_assert_true (jury_window_select (window, "schubs"));
  g_signal_emit_by_name (window->sidebar, "activate");
  jury_test_wait_for (widget_unmapped, jury_sidebar_get_menu_button (window->sidebar));
  check_names (GTK_WIDGET (window), "the narrow text");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-form", NULL);
  jury_test_wait_for (widget_unmapped, window->submission_view);
  g_assert_cmpuint (check_names (GTK_WIDGET (window), "the narrow form"), >=, n_criteria * (n_scale + 1) + 3);
  close_window (window);
}

/* The German translation reaches both the code's strings and the templates'. */
static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* The ranking shows results that know the plan. */
static gboolean
ranking_planned (gpointer data)
{
  JuryWindow *window = data;
  const JuryResults *results = jury_results_view_get_results (window->results_view);

  return results != NULL && results->assigned != NULL && results->assigned[0] > 0 &&
         results->stats->n_jurors > 0;
}

typedef struct
{
  JuryRoundView *view;
  const char    *text;
} Described;

static gboolean
round_described (gpointer data)
{
  Described *described = data;
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (jury_test_find_type (GTK_WIDGET (described->view),
                                                                       ADW_TYPE_PREFERENCES_GROUP));
  const char *description = adw_preferences_group_get_description (group);

  return description != NULL && strstr (description, described->text) != NULL;
}

/* The round in the window: a new panel, three jurors added on the Jury page, two
 * per submission, the invitations written, one hand-in merged: the page says who
 * is missing, and the ranking marks the submissions still short of reviews. */
static void
test_jury_page (void)
{
  JuryWindow *window = jury_window_new (app);
  g_autofree char *dir = g_dir_make_tmp ("jury-ui-round-XXXXXX", NULL);
  g_autofree char *panel_path = g_build_filename (dir, "panel.jury", NULL);
  g_autofree char *invitations = g_build_filename (dir, "invitations", NULL);
  g_autofree char *anna = g_build_filename (invitations, "anna-berg.jury", NULL);
  g_autofree char *hand_in = g_build_filename (dir, "anna-hand-in.jury", NULL);
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autoptr(GFile) panel = g_file_new_for_path (panel_path);
  const char *names[] = { "Anna Berg", "Bernd Köhler", "Chiara Rossi" };
  JuryRoundView *view;
  GtkWidget *add_row, *list;
  gboolean written = FALSE;
  Described described;
  guint n_short = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  jury_window_new_panel (window, sample, panel);
  jury_test_wait_for (results_shown, window);
  g_assert_true (jury_store_is_panel (window->store));

  view = JURY_ROUND_VIEW (jury_test_find_type (GTK_WIDGET (window->results_view), JURY_TYPE_ROUND_VIEW));
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  add_row = jury_test_find_type (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW);
  list = jury_test_find_named (GTK_WIDGET (view), "juror-list");
  g_assert_nonnull (list);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (add_row), names[i]);
      g_signal_emit_by_name (add_row, "apply");
    }
  g_assert_cmpuint (count_children (list), ==, 3);
  g_assert_false (jury_round_is_sent (window->store));
  /* Every button on the page has a name a screen reader can speak. */
  g_assert_cmpuint (check_controls (GTK_WIDGET (view)), >=, 3 * 2 + 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (jury_test_find_type (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON)), 2);
  g_signal_connect_swapped (view, "invitations-written", G_CALLBACK (set_flag), &written);
  jury_round_view_create_invitations (view, invitations);
  jury_test_wait_for (flag_set, &written);

  g_assert_cmpuint (jury_test_count_entries (invitations), ==, 3);
  g_assert_true (jury_round_is_sent (window->store));
  described = (Described) { view, "0 of 3 handed in. Waiting for Anna Berg, Bernd Köhler, Chiara Rossi." };
  g_assert_true (round_described (&described));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (add_row, ADW_TYPE_PREFERENCES_GROUP)));

  /* Anna scores what her invitation holds and hands it in. */
  {
    g_autoptr(JuryStore) store = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);
    g_autoptr(GError) error = NULL;
    const JuryCall *call;
    const char *juror;

    store = jury_store_open (anna, &error);
    g_assert_no_error (error);
    call = jury_store_get_call (store);
    juror = jury_store_get_sole_juror_id (store);
    rows = jury_store_list_submissions (store, juror, &error);
    g_assert_cmpuint (rows->len, >=, 20);
    g_assert_cmpuint (rows->len, <=, 21);
    for (guint r = 0; r < rows->len; r++)
      for (guint c = 0; c < call->criteria->len; c++)
        g_ptr_array_add (changes, jury_change_new_score (juror, ((JurySubmissionRow *) g_ptr_array_index (rows, r))->id,
                                                         ((JuryCriterion *) g_ptr_array_index (call->criteria, c))->id,
                                                         1 + (int) ((r + c) % 5)));
    g_assert_true (jury_store_apply (store, (JuryChange * const *) changes->pdata, changes->len, &error));
    g_assert_true (jury_store_hand_in (store, hand_in, NULL, &error));
    g_assert_no_error (error);
  }

  jury_window_import_jurors (window, (const char * const []) { hand_in, NULL }, NULL);
  view = NULL;
  jury_test_wait_for (results_shown, window);
  view = JURY_ROUND_VIEW (jury_test_find_type (GTK_WIDGET (window->results_view), JURY_TYPE_ROUND_VIEW));
  described = (Described) { view, "1 of 3 handed in. Waiting for Bernd Köhler, Chiara Rossi." };
  jury_test_wait_for (round_described, &described);

  /* The ranking marks what has fewer complete reviews than the plan asks for. */
  jury_test_wait_for (ranking_planned, window);
  {
    GtkColumnView *ranking = GTK_COLUMN_VIEW (jury_test_find_type (GTK_WIDGET (window->results_view),
                                                               GTK_TYPE_COLUMN_VIEW));
    GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (ranking));

    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (shown, i);
        gboolean is_short = FALSE;
        guint assigned = 0;

        g_object_get (item, "short", &is_short, "assigned", &assigned, NULL);
        g_assert_cmpuint (assigned, ==, 2);
        n_short += is_short;
      }
    g_assert_cmpuint (n_short, ==, 31);
  }

  close_window (window);
  jury_test_remove_tree (dir);
}

static void
test_german (void)
{
  const char *overall;
  JuryWindow *window;
  const char *progress;

  overall = g_dgettext (GETTEXT_PACKAGE, "Overall Comment");
  g_assert_cmpstr (overall, !=, "Overall Comment");

  window = open_sample (1400, 900);
  progress = jury_sidebar_get_progress_text (window->sidebar);
  /* "N of 31 reviewed" in German */
  g_assert_nonnull (strstr (progress, " von 31 "));
  g_assert_true (jury_window_select (window, "schubs"));
  g_assert_cmpstr (gtk_label_get_label (window->save_label), ==, "Gespeichert");
  {
    GtkWidget *overall_view = jury_score_form_get_overall_view (window->score_form);
    GtkWidget *frame = gtk_widget_get_parent (overall_view);
    GtkWidget *heading = gtk_widget_get_prev_sibling (frame);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==, overall);
  }

  close_window (window);
}

/* The .ui files under PATH in the resource, and below. */
static void
collect_ui_files (const char *path,
                  GPtrArray  *files)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (child, "/"))
        {
          collect_ui_files (child, files);
          g_free (child);
        }
      else if (g_str_has_suffix (child, ".ui"))
        g_ptr_array_add (files, child);
      else
        g_free (child);
    }
}

/* The class of the template a .ui file defines (the first; those inside list
 * factories come later), or NULL. */
static char *
dup_template_class (const char *resource)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  const char *text = g_bytes_get_data (bytes, NULL);
  const char *start = text ? strstr (text, "<template class=\"") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  return end ? g_strndup (start, end - start) : NULL;
}

static void
test_templates (void)
{
  /* Every class with a template, so that its type is known by name. */
  GType types[] = {
    JURY_TYPE_WINDOW,
    JURY_TYPE_SIDEBAR,
    JURY_TYPE_SUBMISSION_VIEW,
    JURY_TYPE_SCORE_FORM,
    JURY_TYPE_CRITERION_EDITOR,
    JURY_TYPE_SCORE_OVERVIEW,
    JURY_TYPE_PREFERENCES_WINDOW,
    JURY_TYPE_SHORTCUTS_WINDOW,
    JURY_TYPE_RESULTS_VIEW,
    JURY_TYPE_RANKING_PAGE,
    JURY_TYPE_SUBMISSION_PAGE,
    JURY_TYPE_JURY_PAGE,
    JURY_TYPE_ROUND_VIEW,
    JURY_TYPE_RUBRIC_EDITOR,
    JURY_TYPE_ATTACHMENT_VIEWER,
    JURY_TYPE_NEW_CALL_WINDOW,
  };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_templates = 0;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_type_ensure (types[i]);

  collect_ui_files (RESOURCE_PREFIX "/", files);
  g_assert_cmpuint (files->len, >=, G_N_ELEMENTS (types));

  /* Every template of the app can be instantiated on its own. */
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *class_name = dup_template_class (file);
      GType type;
      GObject *object;

      if (class_name == NULL)
        {
          /* Not a template: it builds on its own. */
          g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (file);
          g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

          g_assert_nonnull (objects);
          continue;
        }

      type = g_type_from_name (class_name);
      if (type == 0)
        g_error ("%s: the template's class %s is not in the test's list", file, class_name);

      object = g_object_new (type, NULL);
      g_assert_true (GTK_IS_WIDGET (object));
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      else
        g_object_unref (g_object_ref_sink (object));
      n_templates++;
    }

  g_assert_cmpuint (n_templates, ==, G_N_ELEMENTS (types));
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *home = jury_test_ui_init (&argc, &argv, "ui");

  app = jury_test_ui_new_application ("Testjurorin");

  if (jury_test_ui_is_german ())
    {
      g_test_add_func ("/ui/german", test_german);
      g_test_add_func ("/ui/narrow-window", test_narrow_window);
      g_test_add_func ("/ui/narrow-dialogs", test_narrow_dialogs);
      goto run;
    }

  g_test_add_func ("/ui/first-start", test_first_start);
  g_test_add_func ("/ui/templates", test_templates);
  g_test_add_func ("/ui/score-and-restart", test_score_and_restart);
  g_test_add_func ("/ui/conflict-locks-scores", test_conflict_locks_scores);
  g_test_add_func ("/ui/failed-write-is-kept", test_failed_write_is_kept);
  g_test_add_func ("/ui/arrow-keys", test_arrow_keys);
  g_test_add_func ("/ui/list-before-submission", test_list_before_submission);
  g_test_add_func ("/ui/nothing-lost-on-close", test_nothing_lost_on_close);
  g_test_add_func ("/ui/pending-change-keeps-window", test_pending_change_keeps_window);
  g_test_add_func ("/ui/filter-follows-status", test_filter_follows_status);
  g_test_add_func ("/ui/next-without-selection", test_next_without_selection);
  g_test_add_func ("/ui/import-three-jurors", test_import_three_jurors);
  g_test_add_func ("/ui/done-with-search", test_done_with_search);
  g_test_add_func ("/ui/levels-before-choosing", test_levels_before_choosing);
  g_test_add_func ("/ui/contrast", test_contrast);
  g_test_add_func ("/ui/panes-stay", test_panes_stay);
  g_test_add_func ("/ui/formats-are-text", test_formats_are_text);
  g_test_add_func ("/ui/menus", test_menus);
  g_test_add_func ("/ui/main-menu-key", test_main_menu_key);
  g_test_add_func ("/ui/hand-in", test_hand_in);
  g_test_add_func ("/ui/scoring-form-round-trip", test_scoring_form_round_trip);
  g_test_add_func ("/ui/my-scores", test_my_scores);
  g_test_add_func ("/ui/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/narrow-window", test_narrow_window);
  g_test_add_func ("/ui/narrow-dialogs", test_narrow_dialogs);
  g_test_add_func ("/ui/search-and-filter", test_search_and_filter);
  g_test_add_func ("/ui/search-typing", test_search_typing);
  g_test_add_func ("/ui/bad-file-keeps-window", test_bad_file_keeps_window);
  g_test_add_func ("/ui/deleted-open-file", test_deleted_open_file);
  g_test_add_func ("/ui/text-limits", test_text_limits);
  g_test_add_func ("/ui/attachments", test_attachments);
  g_test_add_func ("/ui/jury-page", test_jury_page);

run:
  status = g_test_run ();
  g_clear_object (&app);
  jury_test_remove_tree (home);
  return status;
}
