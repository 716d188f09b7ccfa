/* jury-new-call-window.c: the assistant that makes a call from a table of applications
 *
 * The same steps as `jury-desk make-call`, one page each: the table (and the
 * attachments), which column fills what, the rubric, a preview of every
 * submission, and the call file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-new-call-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-call-loader.h"
#include "jury-call-writer.h"
#include "jury-file-chooser.h"
#include "jury-new-call-window-private.h"

G_DEFINE_FINAL_TYPE (JuryNewCallWindow, jury_new_call_window, ADW_TYPE_WINDOW)

static const char * const pages[] = { "table", "columns", "rubric", "preview", "save" };

typedef void (*ChosenFunc) (JuryNewCallWindow *self,
                            GFile             *file);

static void update (JuryNewCallWindow *self);
static void start_preview (JuryNewCallWindow *self);
static void preview_selected_cb (JuryNewCallWindow *self);

/* The table, shared with the worker threads that read it */

static void
clear_table_box (gpointer data)
{
  JuryTable **box = data;

  g_clear_pointer (box, jury_table_free);
}

static JuryTable **
table_box_new (JuryTable *table)
{
  JuryTable **box = g_atomic_rc_box_new0 (JuryTable *);

  *box = table;
  return box;
}

static void
table_box_release (JuryTable **box)
{
  g_atomic_rc_box_release_full (box, clear_table_box);
}

static JuryTable *
get_table (JuryNewCallWindow *self)
{
  return self->table != NULL ? *self->table : NULL;
}

static GStrv
get_header (JuryNewCallWindow *self)
{
  JuryTable *table = get_table (self);

  return table != NULL && table->rows->len > 0 ? g_ptr_array_index (table->rows, 0) : NULL;
}

/* Pages */

static guint
get_page_index (JuryNewCallWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (name, pages[i]) == 0)
      return i;

  g_return_val_if_reached (0);
}

static gboolean
on_page (JuryNewCallWindow *self,
         const char        *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0;
}

/* Why the assistant cannot go on from page INDEX; NULL when it can, or when the
 * page says it itself. */
static const char *
get_blocker (JuryNewCallWindow *self,
             guint              index,
             gboolean          *can_go_on)
{
  *can_go_on = FALSE;

  switch (index)
    {
    case 0:
      if (self->reading_table || self->table_error != NULL)
        return NULL;
      if (get_table (self) == NULL)
        return _("Choose the table of applications to begin.");
      break;

    case 1:
      if (self->mapping.columns[JURY_COLUMN_TITLE] < 0)
        return _("Choose the column that holds the titles: every submission needs one.");
      break;

    case 2:
      if (self->loading_rubric)
        return NULL;
      if (jury_rubric_editor_get_problem (self->rubric_editor) != NULL)
        return jury_rubric_editor_get_problem (self->rubric_editor);
      break;

    case 3:
      /* The page says what the rows need. */
      if (self->previewing || self->preview_stale || self->submissions == NULL)
        return NULL;
      break;

    default:
      return NULL;
    }

  *can_go_on = TRUE;
  return NULL;
}

static const char *
get_page_error (JuryNewCallWindow *self)
{
  switch (get_page_index (self))
    {
    case 0:
      return self->table_error;
    case 2:
      return self->rubric_error;
    case 4:
      return self->save_error;
    default:
      return NULL;
    }
}

static void
focus_page (JuryNewCallWindow *self)
{
  switch (get_page_index (self))
    {
    case 0:
      gtk_widget_grab_focus (self->table_button);
      break;

    case 1:
      gtk_widget_grab_focus (GTK_WIDGET (self->column_rows[JURY_COLUMN_TITLE]));
      break;

    case 2:
      jury_rubric_editor_focus_title (self->rubric_editor);
      break;

    case 3:
      if (self->submissions != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->preview_list));
      else if (self->problems != NULL)
        gtk_widget_grab_focus (self->reload_button);
      break;

    case 4:
      gtk_widget_grab_focus (self->saved_file != NULL ? self->open_button : self->save_button);
      break;

    default:
      break;
    }
}

/* The one place that says what can be done now. */
static void
update (JuryNewCallWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint index = get_page_index (self);
  gboolean last = index == G_N_ELEMENTS (pages) - 1;
  gboolean saved = self->saved_file != NULL;
  gboolean can_go_on = FALSE;
  const char *blocker = get_blocker (self, index, &can_go_on);
  const char *error = get_page_error (self);
  GtkStackPage *page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (widget, "new-call.next", !last && can_go_on);
  gtk_widget_action_set_enabled (widget, "new-call.back", index > 0 && !self->saving && !saved);
  gtk_widget_action_set_enabled (widget, "new-call.choose-table", !self->reading_table);
  gtk_widget_action_set_enabled (widget, "new-call.reload-table", self->table_file != NULL && !self->reading_table);
  gtk_widget_action_set_enabled (widget, "new-call.clear-attachments", self->attachments != NULL);
  gtk_widget_action_set_enabled (widget, "new-call.choose-rubric", !self->loading_rubric);
  gtk_widget_action_set_enabled (widget, "new-call.save",
                                 last && self->submissions != NULL && !self->preview_stale &&
                                 jury_rubric_editor_get_problem (self->rubric_editor) == NULL &&
                                 !self->saving && !saved);
  gtk_widget_action_set_enabled (widget, "new-call.open-call", saved);

  gtk_widget_set_visible (self->back_button, index > 0 && !saved);
  gtk_widget_set_visible (self->next_button, !last);
  gtk_widget_set_tooltip_text (self->next_button, blocker);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 !last ? self->next_button : saved ? self->open_button : self->save_button);

  /* The page's name and the step: short enough for a phone's header bar. */
  adw_window_title_set_title (self->window_title, gtk_stack_page_get_title (page));
  /* Translators: the step of the New Call assistant, e.g. "Step 2 of 5" */
  subtitle = g_strdup_printf (_("Step %u of %u"), index + 1, (guint) G_N_ELEMENTS (pages));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
  gtk_label_set_label (self->hint_label, blocker != NULL ? blocker : "");
  gtk_revealer_set_reveal_child (self->hint_revealer, blocker != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->table_spinner), self->reading_table);
  gtk_spinner_set_spinning (self->table_spinner, self->reading_table);
  gtk_widget_set_visible (GTK_WIDGET (self->rubric_spinner), self->loading_rubric);
  gtk_spinner_set_spinning (self->rubric_spinner, self->loading_rubric);
}

static void
go_to_page (JuryNewCallWindow *self,
            guint              index)
{
  g_assert (index < G_N_ELEMENTS (pages));

  gtk_stack_set_visible_child_name (self->stack, pages[index]);
}

/* File choosers */

static GtkFileChooser *
new_chooser (JuryNewCallWindow    *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             ChosenFunc            func)
{
  return jury_file_chooser_new (GTK_WINDOW (self), title, action, accept_label, (JuryFileChosenFunc) func);
}

/* Columns */

static char *
dup_header_label (const char *header,
                  guint       column)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));

  if (trimmed[0] != '\0')
    return g_strdelimit (g_steal_pointer (&trimmed), "\n\t", ' ');

  /* Translators: a column of the table whose first row is empty there */
  return g_strdup_printf (_("Column %u, without a header"), column + 1);
}

/* The headers in the models the rows choose from; "None" first. */
static void
fill_header_models (JuryNewCallWindow *self)
{
  GStrv header = get_header (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) id_labels = NULL;
  guint n_old;

  g_strv_builder_add (builder, C_("column", "None"));
  for (guint c = 0; header != NULL && header[c] != NULL; c++)
    {
      g_autofree char *label = dup_header_label (header[c], c);

      g_strv_builder_add (builder, label);
    }
  labels = g_strv_builder_end (builder);

  id_labels = g_strdupv (labels);
  g_free (id_labels[0]);
  id_labels[0] = g_strdup (_("None: made from the titles"));

  self->updating_rows = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->header_model));
  gtk_string_list_splice (self->header_model, 0, n_old, (const char * const *) labels);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->id_header_model));
  gtk_string_list_splice (self->id_header_model, 0, n_old, (const char * const *) id_labels);
  self->updating_rows = FALSE;
}

static void
show_mapping (JuryNewCallWindow *self)
{
  self->updating_rows = TRUE;
  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    adw_combo_row_set_selected (self->column_rows[c], self->mapping.columns[c] + 1);
  self->updating_rows = FALSE;
}

/* The headers of the columns that no part takes, as jury_make_submissions()
 * keeps them. */
static void
update_fields (JuryNewCallWindow *self)
{
  GStrv header = get_header (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) fields = NULL;

  for (guint column = 0; header != NULL && header[column] != NULL; column++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (header[column]));
      gboolean mapped = FALSE;

      for (guint c = 0; c < JURY_N_COLUMNS; c++)
        mapped |= self->mapping.columns[c] == (int) column;
      if (!mapped && trimmed[0] != '\0')
        {
          g_autofree char *label = dup_header_label (header[column], column);

          g_strv_builder_add (builder, label);
        }
    }
  fields = g_strv_builder_end (builder);

  gtk_string_list_splice (self->fields_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->fields_model)),
                          (const char * const *) fields);
}

static GtkWidget *
create_field_row (gpointer item,
                  gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_string_object_get_string (item));
  return row;
}

static void
column_selected_cb (AdwComboRow       *row,
                    GParamSpec        *pspec,
                    JuryNewCallWindow *self)
{
  guint part = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "jury-column"));
  guint selected = adw_combo_row_get_selected (row);
  int column = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;

  if (self->updating_rows)
    return;

  /* A column fills one part: taken for another, it leaves the one it filled. */
  if (column >= 0)
    for (guint c = 0; c < JURY_N_COLUMNS; c++)
      if (c != part && self->mapping.columns[c] == column)
        self->mapping.columns[c] = -1;
  self->mapping.columns[part] = column;

  show_mapping (self);
  update_fields (self);
  self->preview_stale = TRUE;
  update (self);
}

static void
add_column_rows (JuryNewCallWindow *self)
{
  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jury_column_to_label (c));
      /* Headers are text of the table, never markup; the subtitle keeps narrow rows narrow. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_use_subtitle (row, TRUE);
      adw_combo_row_set_model (row, G_LIST_MODEL (c == JURY_COLUMN_ID ? self->id_header_model : self->header_model));
      g_object_set_data (G_OBJECT (row), "jury-column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_selected_cb), self, 0);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      self->column_rows[c] = row;
    }
}

/* Table */

static gboolean
same_header (GStrv a,
             GStrv b)
{
  return a != NULL && b != NULL && g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static void
describe_table (JuryNewCallWindow *self)
{
  g_autofree char *name = g_file_get_basename (self->table_file);
  g_autofree char *subtitle = NULL;
  JuryTable *table = get_table (self);

  if (table != NULL)
    {
      guint n_rows = table->rows->len - 1;
      guint n_columns = g_strv_length (get_header (self));
      g_autofree char *rows = g_strdup_printf (ngettext ("%u application", "%u applications", n_rows), n_rows);

      /* Translators: a file name, "31 applications", and a number of columns */
      subtitle = g_strdup_printf (ngettext ("%s: %s in %u column", "%s: %s in %u columns", n_columns),
                                  name, rows, n_columns);
    }
  else
    subtitle = g_strdup (name);

  adw_action_row_set_subtitle (self->table_row, subtitle);
}

static void
table_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JuryNewCallWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryTable) table = jury_table_read_file_finish (result, &error);
  GStrv old_header;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->reading_table = FALSE;
  g_clear_object (&self->table_cancellable);

  if (table == NULL)
    {
      g_clear_pointer (&self->table, table_box_release);
      for (guint c = 0; c < JURY_N_COLUMNS; c++)
        self->mapping.columns[c] = -1;
      self->table_error = g_strdup (error->message);
      g_debug ("%s", error->message);
    }
  else
    {
      /* The same table read again after corrections keeps the columns as chosen. */
      old_header = get_header (self);
      if (!same_header (old_header, g_ptr_array_index (table->rows, 0)))
        jury_column_mapping_guess (&self->mapping, table);

      g_clear_pointer (&self->table, table_box_release);
      self->table = table_box_new (g_steal_pointer (&table));
    }

  fill_header_models (self);
  show_mapping (self);
  update_fields (self);
  describe_table (self);
  self->preview_stale = TRUE;

  /* A table read again on the preview page shows its new preview at once. */
  if (on_page (self, "preview"))
    {
      if (get_table (self) != NULL)
        start_preview (self);
      else
        go_to_page (self, 0);
    }

  update (self);
}

/* Rubric */

static void
load_rubric_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (data);
  GError *error = NULL;
  JuryCall *call = jury_call_loader_load (loader, cancellable, &error);

  if (call != NULL)
    g_task_return_pointer (task, call, (GDestroyNotify) jury_call_free);
  else
    g_task_return_error (task, error);
}

static void
rubric_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JuryCall) call = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_rubric = FALSE;
  if (call == NULL)
    {
      /* Translators: the reason follows */
      self->rubric_error = g_strdup_printf (_("The rubric could not be taken from that call: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      jury_rubric_editor_set_rubric (self->rubric_editor, call);
      adw_action_row_set_subtitle (self->rubric_row, name);
    }

  update (self);
}

/* Preview: the submissions as the call file will hold them, made in a worker
 * thread, since hashing the attachments takes its time. */

typedef struct
{
  JuryTable         **table;
  JuryColumnMapping   mapping;
  char               *table_name;
  GFile              *call_folder;
  GFile              *attachments;    /* nullable */
  /* for saving */
  JuryCall           *call;
  GPtrArray          *submissions;    /* nullable: made anew in the thread */
  GFile              *file;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->table, table_box_release);
  g_free (job->table_name);
  g_clear_object (&job->call_folder);
  g_clear_object (&job->attachments);
  g_clear_pointer (&job->call, jury_call_free);
  g_clear_pointer (&job->submissions, g_ptr_array_unref);
  g_clear_object (&job->file);
  g_free (job);
}

static Job *
job_new (JuryNewCallWindow *self,
         GFile             *call_folder)
{
  Job *job = g_new0 (Job, 1);

  job->table = g_atomic_rc_box_acquire (self->table);
  job->mapping = self->mapping;
  job->table_name = g_file_get_basename (self->table_file);
  job->call_folder = g_object_ref (call_folder);
  job->attachments = self->attachments != NULL ? g_object_ref (self->attachments) : NULL;

  return job;
}

static GPtrArray *
job_make_submissions (Job           *job,
                      GCancellable  *cancellable,
                      GError       **error)
{
  JuryMakeCallOptions options = {
    .table_name = job->table_name,
    .call_folder = job->call_folder,
    .attachments = job->attachments,
    /* Enough to correct a table in one go; a table wrong in every row says so soon enough. */
    .max_problems = 1000,
  };

  return jury_make_submissions (*job->table, &job->mapping, &options, cancellable, error);
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *submissions = job_make_submissions (data, cancellable, &error);

  if (submissions != NULL)
    g_task_return_pointer (task, submissions, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static guint
count_attachments (GPtrArray *submissions)
{
  guint n = 0;

  for (guint i = 0; i < submissions->len; i++)
    n += ((JurySubmission *) g_ptr_array_index (submissions, i))->attachments->len;

  return n;
}

static void
show_submissions (JuryNewCallWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;
  g_autoptr(GString) summary = NULL;
  guint n = self->submissions->len;
  guint n_attachments = count_attachments (self->submissions);

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, ((JurySubmission *) g_ptr_array_index (self->submissions, i))->title);
  titles = g_strv_builder_end (builder);

  self->updating_preview = TRUE;
  gtk_string_list_splice (self->preview_titles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->preview_titles)),
                          (const char * const *) titles);
  self->updating_preview = FALSE;
  gtk_single_selection_set_selected (self->preview_selection, 0);
  preview_selected_cb (self);

  summary = g_string_new (NULL);
  g_string_append_printf (summary, ngettext ("%u submission", "%u submissions", n), n);
  if (n_attachments > 0)
    /* Translators: follows "31 submissions" */
    g_string_append_printf (summary, ngettext (", with %u attachment", ", with %u attachments", n_attachments),
                            n_attachments);
  gtk_label_set_label (self->preview_summary, summary->str);

  adw_leaflet_set_visible_child (self->preview_leaflet, self->preview_sidebar);
  gtk_stack_set_visible_child_name (self->preview_stack, "submissions");
}

/* One problem a line, without the table's name that begins each. */
static void
show_problems (JuryNewCallWindow *self,
               const char        *table_name)
{
  g_auto(GStrv) lines = g_strsplit (self->problems, "\n", -1);
  g_autofree char *prefix = g_strconcat (table_name, ": ", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_str_has_prefix (lines[i], prefix) ? lines[i] + strlen (prefix) : lines[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a bullet point before an item of a list */
      g_string_append_printf (text, _("• %s"), line);
    }

  gtk_label_set_label (self->problems_label, text->str);
  gtk_stack_set_visible_child_name (self->preview_stack, "problems");
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submissions = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->previewing = FALSE;
  g_clear_object (&self->preview_cancellable);
  g_set_object (&self->preview_folder, job->call_folder);

  if (submissions != NULL)
    {
      self->submissions = g_steal_pointer (&submissions);
      show_submissions (self);
    }
  else
    {
      self->problems = g_strdup (error->message);
      show_problems (self, job->table_name);
    }

  update (self);
  if (on_page (self, "preview"))
    focus_page (self);
}

/* Where the preview names attachments from: the folder that holds the
 * attachments folder, where the call file is best saved; the save starts
 * there. Without attachments nothing depends on it. */
static GFile *
dup_preview_folder (JuryNewCallWindow *self)
{
  GFile *folder = self->attachments != NULL ? g_file_get_parent (self->attachments)
                                            : g_file_get_parent (self->table_file);

  if (folder == NULL)
    folder = g_object_ref (self->attachments != NULL ? self->attachments : self->table_file);

  return folder;
}

static void
start_preview (JuryNewCallWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) folder = dup_preview_folder (self);

  g_return_if_fail (get_table (self) != NULL);

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  g_clear_pointer (&self->submissions, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_free);
  self->previewing = TRUE;
  self->preview_stale = FALSE;
  jury_submission_view_set_submission (self->preview_view, NULL);
  gtk_stack_set_visible_child_name (self->preview_stack, "running");

  task = g_task_new (self, self->preview_cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job_new (self, folder), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, preview_thread);

  update (self);
}

/* Save */

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (job->submissions == NULL && !(job->submissions = job_make_submissions (job, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!jury_call_write_file (job->call, job->submissions, job->file, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;

  if (error != NULL)
    {
      self->save_error = g_strdup (error->message);
      gtk_stack_set_visible_child_name (self->save_stack, "ready");
    }
  else
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *description = NULL;

      if (job->attachments != NULL)
        {
          g_autofree char *folder = g_file_get_basename (job->attachments);
          g_autofree char *escaped_folder = g_markup_escape_text (folder, -1);

          /* Translators: a file name and a folder's name; the description of the page after saving */
          description = g_strdup_printf (_("“%s” holds the call. Send it to every juror together with the folder "
                                           "“%s”, which holds the attachments. Open the call here to read it as "
                                           "a juror will."), escaped, escaped_folder);
        }
      else
        /* Translators: a file name; the description of the page after saving */
        description = g_strdup_printf (_("“%s” holds the call. Send it to every juror. Open it here to read it as a "
                                         "juror will."), escaped);
      adw_status_page_set_description (self->saved_page, description);
      self->saved_file = g_object_ref (job->file);
      gtk_stack_set_visible_child_name (self->save_stack, "saved");
    }

  update (self);
  focus_page (self);
}

static void
save_chosen (JuryNewCallWindow *self,
             GFile             *file)
{
  jury_new_call_window_save_to (self, file);
}

/* Callbacks */

static void
page_changed_cb (JuryNewCallWindow *self)
{
  /* Still building, or already going. */
  if (self->cancellable == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (on_page (self, "preview") && (self->preview_stale || (self->submissions == NULL && self->problems == NULL)) &&
      !self->previewing && get_table (self) != NULL)
    start_preview (self);

  if (on_page (self, "save") && self->saved_file == NULL && !self->saving)
    {
      g_autoptr(JuryCall) call = jury_rubric_editor_dup_call (self->rubric_editor);

      if (call != NULL && self->submissions != NULL)
        {
          g_autofree char *title = g_markup_escape_text (call->title, -1);
          g_autofree char *submissions = g_strdup_printf (ngettext ("%u submission", "%u submissions",
                                                                    self->submissions->len),
                                                          self->submissions->len);
          g_autofree char *criteria = g_strdup_printf (ngettext ("%u criterion", "%u criteria",
                                                                 call->criteria->len),
                                                       call->criteria->len);
          /* Translators: a call's title, "31 submissions", "6 criteria" */
          g_autofree char *description = g_strdup_printf (_("“%s” with %s and a rubric of %s is ready. Save it "
                                                            "as a call file for the jurors."),
                                                          title, submissions, criteria);

          adw_status_page_set_description (self->ready_page, description);
        }
    }

  update (self);
  focus_page (self);
}

static void
rubric_problem_cb (JuryNewCallWindow *self)
{
  update (self);
}

static void
preview_selected_cb (JuryNewCallWindow *self)
{
  guint selected = gtk_single_selection_get_selected (self->preview_selection);
  const JurySubmission *submission;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating_preview || self->submissions == NULL || selected >= self->submissions->len)
    return;

  /* The view keeps a copy of its own. */
  submission = g_ptr_array_index (self->submissions, selected);
  variant = g_variant_ref_sink (jury_submission_serialize (submission));
  jury_submission_view_set_submission (self->preview_view, jury_submission_deserialize (variant, &error));
  if (error != NULL)
    g_warning ("Submission %s cannot be shown: %s", submission->id, error->message);
}

static void
preview_activate_cb (JuryNewCallWindow *self,
                     guint              position)
{
  gtk_single_selection_set_selected (self->preview_selection, position);
  adw_leaflet_set_visible_child (self->preview_leaflet, GTK_WIDGET (self->preview_view));
}

static void
preview_clicked_cb (JuryNewCallWindow *self)
{
  if (adw_leaflet_get_folded (self->preview_leaflet))
    adw_leaflet_set_visible_child (self->preview_leaflet, GTK_WIDGET (self->preview_view));
}

/* An attachment of the preview opens in the system's viewer: there is no
 * jury database yet to show it from. */
static void
preview_attachment_cb (JuryNewCallWindow *self,
                       const char        *submission_id,
                       const char        *href)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->preview_folder == NULL)
    return;

  file = g_file_resolve_relative_path (self->preview_folder, href);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  guint index = get_page_index (self);
  gboolean can_go_on;

  get_blocker (self, index, &can_go_on);
  if (can_go_on && index + 1 < G_N_ELEMENTS (pages))
    go_to_page (self, index + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  guint index = get_page_index (self);

  /* A folded preview goes back from a submission to the list first. */
  if (index == 3 && adw_leaflet_get_folded (self->preview_leaflet) &&
      adw_leaflet_get_visible_child (self->preview_leaflet) == GTK_WIDGET (self->preview_view))
    {
      adw_leaflet_navigate (self->preview_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      return;
    }

  if (index > 0)
    go_to_page (self, index - 1);
}

static void
table_chosen (JuryNewCallWindow *self,
              GFile             *file)
{
  jury_new_call_window_set_table_file (self, file);
}

static void
choose_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Choose the Table of Applications"), GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Choose"), table_chosen);
  jury_file_chooser_add_filter (chooser, _("Tables (CSV, XLSX, ODS)"), "*.csv", "*.CSV", "*.xlsx", "*.XLSX",
                                "*.ods", "*.ODS", "*.tsv", "*.txt", NULL);
  jury_file_chooser_add_filter (chooser, _("All files"), "*", NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
reload_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  g_autoptr(GFile) file = g_object_ref (self->table_file);

  jury_new_call_window_set_table_file (self, file);
}

static void
attachments_chosen (JuryNewCallWindow *self,
                    GFile             *folder)
{
  jury_new_call_window_set_attachments_folder (self, folder);
}

static void
choose_attachments_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Choose the Folder of the Attachments"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                         _("_Choose"), attachments_chosen);
  if (self->table_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->table_file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_attachments_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  jury_new_call_window_set_attachments_folder (JURY_NEW_CALL_WINDOW (widget), NULL);
}

static void
rubric_chosen (JuryNewCallWindow *self,
               GFile             *file)
{
  jury_new_call_window_set_rubric_file (self, file);
}

static void
choose_rubric_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = new_chooser (self, _("Choose an Earlier Call"), GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Choose"), rubric_chosen);
  jury_file_chooser_add_filter (chooser, _("Calls (XML)"), "*.xml", "*.XML", NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  g_autoptr(JuryCall) call = jury_rubric_editor_dup_call (self->rubric_editor);
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  g_return_if_fail (call != NULL);

  name = g_strconcat (call->id, ".xml", NULL);
  chooser = new_chooser (self, _("Save the Call"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), save_chosen);
  gtk_file_chooser_set_current_name (chooser, name);
  if (self->preview_folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, self->preview_folder, NULL);
  jury_file_chooser_add_filter (chooser, _("Calls (XML)"), "*.xml", NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_call_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GFile) file = g_object_ref (self->saved_file);

  gtk_window_close (GTK_WINDOW (self));
  if (JURY_IS_WINDOW (parent))
    jury_window_open (JURY_WINDOW (parent), file);
}

/* Overrides */

static void
jury_new_call_window_dispose (GObject *object)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->table_cancellable);
  g_cancellable_cancel (self->preview_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_NEW_CALL_WINDOW);

  g_clear_object (&self->table_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->table_file);
  g_clear_object (&self->attachments);
  g_clear_object (&self->preview_folder);
  g_clear_object (&self->saved_file);
  g_clear_object (&self->header_model);
  g_clear_object (&self->id_header_model);
  g_clear_object (&self->fields_model);
  g_clear_pointer (&self->table, table_box_release);
  g_clear_pointer (&self->submissions, g_ptr_array_unref);

  G_OBJECT_CLASS (jury_new_call_window_parent_class)->dispose (object);
}

static void
jury_new_call_window_finalize (GObject *object)
{
  JuryNewCallWindow *self = JURY_NEW_CALL_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->table_error);
  g_free (self->rubric_error);
  g_free (self->problems);
  g_free (self->save_error);

  G_OBJECT_CLASS (jury_new_call_window_parent_class)->finalize (object);
}

static void
jury_new_call_window_class_init (JuryNewCallWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_new_call_window_dispose;
  object_class->finalize = jury_new_call_window_finalize;

  g_type_ensure (JURY_TYPE_RUBRIC_EDITOR);
  g_type_ensure (JURY_TYPE_SUBMISSION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-new-call-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, table_row);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, table_spinner);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, table_button);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, attachments_row);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, columns_group);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, fields_list);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, rubric_row);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, rubric_spinner);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, rubric_editor);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_leaflet);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_sidebar);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_summary);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_list);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_selection);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_titles);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, preview_view);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, save_stack);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, ready_page);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, saved_page);
  gtk_widget_class_bind_template_child (widget_class, JuryNewCallWindow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rubric_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_attachment_cb);

  gtk_widget_class_install_action (widget_class, "new-call.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "new-call.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "new-call.choose-table", NULL, choose_table_action);
  gtk_widget_class_install_action (widget_class, "new-call.reload-table", NULL, reload_table_action);
  gtk_widget_class_install_action (widget_class, "new-call.choose-attachments", NULL, choose_attachments_action);
  gtk_widget_class_install_action (widget_class, "new-call.clear-attachments", NULL, clear_attachments_action);
  gtk_widget_class_install_action (widget_class, "new-call.choose-rubric", NULL, choose_rubric_action);
  gtk_widget_class_install_action (widget_class, "new-call.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "new-call.open-call", NULL, open_call_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "new-call.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "new-call.next", NULL);
}

static void
jury_new_call_window_init (JuryNewCallWindow *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->header_model = gtk_string_list_new (NULL);
  self->id_header_model = gtk_string_list_new (NULL);
  self->fields_model = gtk_string_list_new (NULL);
  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    self->mapping.columns[c] = -1;

  add_column_rows (self);
  fill_header_models (self);
  show_mapping (self);
  gtk_list_box_bind_model (self->fields_list, G_LIST_MODEL (self->fields_model), create_field_row, NULL, NULL);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (preview_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->preview_list), GTK_EVENT_CONTROLLER (click));

  update (self);
}

/* Public API */

JuryNewCallWindow *
jury_new_call_window_new (JuryWindow *parent)
{
  JuryNewCallWindow *self;
  int width, height;

  g_return_val_if_fail (JURY_IS_WINDOW (parent), NULL);

  self = g_object_new (JURY_TYPE_NEW_CALL_WINDOW,
                       "transient-for", parent,
                       "application", gtk_window_get_application (GTK_WINDOW (parent)),
                       NULL);

  /* No larger than the window it belongs to, as on a phone's screen. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                                 MIN (height, gtk_widget_get_height (GTK_WIDGET (parent))));

  return self;
}

void
jury_new_call_window_set_table_file (JuryNewCallWindow *self,
                                     GFile             *file)
{
  g_return_if_fail (JURY_IS_NEW_CALL_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->table_cancellable);
  g_clear_object (&self->table_cancellable);
  self->table_cancellable = g_cancellable_new ();

  g_set_object (&self->table_file, file);
  g_clear_pointer (&self->table_error, g_free);
  self->reading_table = TRUE;
  describe_table (self);

  jury_table_read_file_async (file, self->table_cancellable, table_read_cb, g_object_ref (self));
  update (self);
}

void
jury_new_call_window_set_attachments_folder (JuryNewCallWindow *self,
                                             GFile             *folder)
{
  g_autofree char *name = NULL;

  g_return_if_fail (JURY_IS_NEW_CALL_WINDOW (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  g_set_object (&self->attachments, folder);
  name = folder != NULL ? g_file_get_basename (folder) : NULL;
  adw_action_row_set_subtitle (self->attachments_row,
                               name != NULL ? name : _("None: the call has no attachments"));
  self->preview_stale = TRUE;
  update (self);
}

void
jury_new_call_window_set_rubric_file (JuryNewCallWindow *self,
                                      GFile             *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JURY_IS_NEW_CALL_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->loading_rubric);

  g_clear_pointer (&self->rubric_error, g_free);
  self->loading_rubric = TRUE;

  task = g_task_new (self, self->cancellable, rubric_loaded_cb, NULL);
  g_task_set_source_tag (task, jury_new_call_window_set_rubric_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_rubric_thread);

  update (self);
}

void
jury_new_call_window_save_to (JuryNewCallWindow *self,
                              GFile             *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) folder = NULL;
  JuryCall *call;
  Job *job;

  g_return_if_fail (JURY_IS_NEW_CALL_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->submissions != NULL && !self->saving);

  if (!(call = jury_rubric_editor_dup_call (self->rubric_editor)))
    g_return_if_reached ();

  folder = g_file_get_parent (file);
  job = job_new (self, folder);
  job->call = call;
  job->file = g_object_ref (file);
  /* The preview named the attachments from where the save began; saved
   * elsewhere, they are named (and checked) from there. */
  if (self->attachments == NULL || (self->preview_folder != NULL && g_file_equal (folder, self->preview_folder)))
    job->submissions = g_ptr_array_ref (self->submissions);

  g_clear_pointer (&self->save_error, g_free);
  self->saving = TRUE;
  gtk_stack_set_visible_child_name (self->save_stack, "saving");

  task = g_task_new (self, self->cancellable, save_done_cb, NULL);
  g_task_set_source_tag (task, jury_new_call_window_save_to);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, save_thread);

  update (self);
}

const char *
jury_new_call_window_get_page (JuryNewCallWindow *self)
{
  g_return_val_if_fail (JURY_IS_NEW_CALL_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
jury_new_call_window_is_busy (JuryNewCallWindow *self)
{
  g_return_val_if_fail (JURY_IS_NEW_CALL_WINDOW (self), FALSE);

  return self->reading_table || self->loading_rubric || self->previewing || self->saving;
}
