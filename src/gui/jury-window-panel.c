/* jury-window-panel.c: what the programme manager does: merge, export, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-export.h"
#include "jury-merge.h"
#include "jury-report.h"
#include "jury-window-private.h"

typedef struct
{
  JuryWindow     *window;
  char           *panel_path;
  GStrv           paths;
  GStrv           all_paths;  /* as asked, for a second try that allows uninvited files */
  JuryMergeFlags  flags;
} Merge;

static void start_merge (JuryWindow          *self,
                         const char          *panel_path,
                         const char * const  *paths,
                         JuryMergeFlags       flags);

static void
merge_free (Merge *merge)
{
  g_clear_object (&merge->window);
  g_free (merge->panel_path);
  g_strfreev (merge->paths);
  g_strfreev (merge->all_paths);
  g_free (merge);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Merge, merge_free)

static void
merge_closure_free (gpointer  data,
                    GClosure *closure)
{
  merge_free (data);
}

/* What the view shows: raw or normalised, with the threshold in use. */
static JuryResultsOptions
results_options (JuryWindow *self)
{
  const JuryResults *shown = jury_results_view_get_results (self->results_view);
  JuryResultsOptions options = {
    .normalize = shown != NULL && shown->normalized,
    .disagreement = g_settings_get_double (self->settings, "disagreement-threshold"),
  };

  return options;
}

static JuryExportOptions
export_options (JuryWindow *self)
{
  JuryExportOptions options = {
    .anonymous = g_settings_get_boolean (self->settings, "anonymous-exports"),
  };

  return options;
}

static const JuryResults *
get_results (JuryWindow *self)
{
  return jury_results_view_get_results (self->results_view);
}

/* Choosers */

void
jury_window_set_chooser_folder (JuryWindow     *self,
                                GtkFileChooser *chooser,
                                GFile          *beside)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  if (beside != NULL)
    file = g_object_ref (beside);
  else if (self->store != NULL)
    file = g_file_new_for_path (jury_store_get_path (self->store));
  else
    {
      g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");

      if (recent[0] != NULL)
        file = g_file_new_for_uri (recent[0]);
    }

  if (file != NULL)
    folder = g_file_get_parent (file);
  if (folder == NULL || g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_clear_object (&folder);
      folder = g_file_new_for_path (g_get_home_dir ());
    }

  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

/* Merge */

static const char *
outcome_words (JuryMergeOutcome outcome)
{
  switch (outcome)
    {
    case JURY_MERGE_ADDED:
      return _("added");
    case JURY_MERGE_REPLACED:
      return _("updated with a newer hand-in");
    case JURY_MERGE_UNCHANGED:
      return _("already up to date");
    case JURY_MERGE_REFUSED:
    default:
      return _("refused");
    }
}

static char *
describe_report (const JuryMergeReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);
      g_autofree char *file = g_path_get_basename (entry->path);
      const char *who = entry->juror_name ? entry->juror_name : file;

      if (text->len > 0)
        g_string_append_c (text, '\n');

      if (entry->outcome == JURY_MERGE_REFUSED)
        /* Translators: a juror or file, then the reason it was refused */
        g_string_append_printf (text, _("• %s: refused. %s"), who, entry->reason);
      else if (entry->receipt != NULL)
        /* Translators: a juror, what the merge did with their work, the receipt code of it */
        g_string_append_printf (text, _("• %s: %s, receipt %s"), who, outcome_words (entry->outcome), entry->receipt);
      else
        /* Translators: a juror, then what the merge did with their work */
        g_string_append_printf (text, _("• %s: %s"), who, outcome_words (entry->outcome));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Merge            *merge)
{
  if (g_str_equal (response, "others"))
    start_merge (merge->window, merge->panel_path, (const char * const *) merge->paths, merge->flags);
  else if (g_str_equal (response, "uninvited"))
    start_merge (merge->window, merge->panel_path, (const char * const *) merge->all_paths,
                 merge->flags | JURY_MERGE_ALLOW_UNINVITED);
}

static gboolean
only_uninvited_refused (const JuryMergeReport *report)
{
  gboolean any = FALSE;

  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);

      if (entry->outcome == JURY_MERGE_REFUSED && !entry->uninvited)
        return FALSE;
      any |= entry->uninvited;
    }

  return any;
}

static GStrv
dup_accepted_paths (const JuryMergeReport *report)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);

      if (entry->outcome != JURY_MERGE_REFUSED)
        g_strv_builder_add (builder, entry->path);
    }

  return g_strv_builder_end (builder);
}

static void
merge_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Merge) merge = user_data;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  report = jury_merge_files_finish (result, &error);
  merge->window->merging = FALSE;
  jury_window_update_actions (merge->window);

  if (report == NULL)
    {
      jury_window_show_error (merge->window, _("Could Not Import the Juror Databases"), error->message);
      return;
    }

  body = describe_report (report);

  if (report->written)
    {
      g_autoptr(GFile) panel = g_file_new_for_path (merge->panel_path);

      dialog = adw_message_dialog_new (GTK_WINDOW (merge->window),
                                       _("Juror Databases Imported"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      jury_window_open (merge->window, panel);
      return;
    }

  /* All or nothing: offer to go on without the refused files. */
  dialog = adw_message_dialog_new (GTK_WINDOW (merge->window), _("Nothing Was Imported"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  merge->all_paths = g_steal_pointer (&merge->paths);
  merge->paths = dup_accepted_paths (report);
  if (merge->paths[0] != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "others", _("Import the _Others"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "others",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  /* Files refused only for want of an invitation can be taken on purpose. */
  if (only_uninvited_refused (report))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "uninvited", _("Import _Uninvited Too"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "uninvited",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }

  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response_cb),
                         g_steal_pointer (&merge), merge_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_merge (JuryWindow         *self,
             const char         *panel_path,
             const char * const *paths,
             JuryMergeFlags      flags)
{
  Merge *merge = g_new0 (Merge, 1);

  merge->window = g_object_ref (self);
  merge->panel_path = g_strdup (panel_path);
  merge->paths = g_strdupv ((char **) paths);
  merge->flags = flags;

  self->merging = TRUE;
  jury_window_update_actions (self);
  jury_window_toast (self, _("Importing the juror databases…"));
  jury_merge_files_async (panel_path, paths, flags, NULL, merge_done_cb, merge);
}

static GStrv
dup_chosen_paths (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

static void
new_panel_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       Merge           *merge)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        jury_window_import_jurors (merge->window, (const char * const *) merge->paths, path);
    }

  merge_free (merge);
  g_object_unref (chooser);
}

static void
ask_new_panel (JuryWindow *self,
               GStrv       paths)
{
  GtkFileChooserNative *chooser;
  Merge *merge = g_new0 (Merge, 1);
  g_autoptr(GFile) hand_in = g_file_new_for_path (paths[0]);

  merge->window = g_object_ref (self);
  merge->paths = paths;

  chooser = gtk_file_chooser_native_new (_("Save the Panel Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Beside the hand-ins. */
  jury_window_set_chooser_folder (self, GTK_FILE_CHOOSER (chooser), hand_in);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("panel.jury"));
  g_signal_connect (chooser, "response", G_CALLBACK (new_panel_response_cb), merge);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_jurors_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           JuryWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_auto(GStrv) paths = dup_chosen_paths (GTK_FILE_CHOOSER (chooser));

      /* Into the open panel; otherwise the programme manager starts a new one. */
      if (self->store != NULL && jury_store_is_panel (self->store))
        jury_window_import_jurors (self, (const char * const *) paths, NULL);
      else if (paths[0] != NULL)
        ask_new_panel (self, g_steal_pointer (&paths));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_jurors_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Juror Databases"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Jury databases"));
  gtk_file_filter_add_pattern (filter, "*.jury");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  jury_window_set_chooser_folder (self, GTK_FILE_CHOOSER (chooser), NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (import_jurors_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JuryWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jury_export_store_finish (result, &error))
    {
      jury_window_show_error (self, _("Could Not Export the Results"), error->message);
      return;
    }

  jury_results_view_toast (self->results_view, _("Results exported."));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    JuryWindow      *self)
{
  JuryExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      JuryExportOptions options = export_options (self);
      JuryResultsOptions computed = results_options (self);

      /* The export reads the panel afresh in its own thread: the view's results may be
       * recomputed meanwhile, and its latest decisions are on disk. */
      if (path != NULL)
        jury_export_store_async (self->store, &computed, format, &options, path, NULL,
                                 export_done_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_results_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  const JuryResults *results = get_results (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", kind, NULL);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  JuryExportFormat format;

  if (results == NULL || !jury_export_format_from_string (kind, &format))
    return;

  /* Translators: the file name of exported results; %s is the call's id */
  name = g_strdup_printf (_("%s-results.%s"), results->call->id, kind);
  chooser = gtk_file_chooser_native_new (_("Export Results"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  jury_window_set_chooser_folder (self, GTK_FILE_CHOOSER (chooser), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                JuryReport        *report)
{
  guint n_pages = jury_report_paginate (report,
                                        gtk_print_context_get_cairo_context (context),
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              JuryReport        *report)
{
  jury_report_draw_page (report, gtk_print_context_get_cairo_context (context), page);
}

typedef struct
{
  JuryResults *results;
  JuryReport  *report;
} Printing;

static void
printing_free (Printing *printing)
{
  g_clear_pointer (&printing->report, jury_report_free);
  g_clear_pointer (&printing->results, jury_results_free);
  g_free (printing);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JuryWindow *self = JURY_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  JuryExportOptions options = export_options (self);
  JuryResultsOptions computed = results_options (self);
  Printing *printing;

  if (get_results (self) == NULL)
    return;

  /* The printout owns results of its own: the view may recompute its own while the
   * print dialog is open. */
  printing = g_new0 (Printing, 1);
  printing->results = jury_results_new (self->store, &computed, &error);
  if (printing->results == NULL)
    {
      printing_free (printing);
      jury_window_show_error (self, _("Could Not Print"), error->message);
      return;
    }

  /* The same pages as the PDF dossier. */
  printing->report = jury_report_new (printing->results, &options);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, printing->results->call->title);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), printing->report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), printing->report);
  g_object_set_data_full (G_OBJECT (operation), "printing", printing, (GDestroyNotify) printing_free);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    jury_window_show_error (self, _("Could Not Print"), error->message);
}

static void
results_changed_cb (JuryWindow *self)
{
  jury_window_update_actions (self);
}

/* The keys that move through the submissions move through the ranking while the
 * results are shown; they are the application's accelerators of the juror's list,
 * which the window handles before any widget sees the keys. */
static gboolean
step_results_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  JuryWindow *self = JURY_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "results") != 0)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self->results_view),
                                     g_variant_get_int32 (args) > 0 ? "results.next-submission"
                                                                    : "results.previous-submission",
                                     NULL);
}

static void
add_results_shortcuts (JuryWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct { const char *trigger; int direction; } keys[] = {
    { "<Control>Page_Down|<Alt>Down", 1 },
    { "<Control>Page_Up|<Alt>Up", -1 },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                gtk_callback_action_new (step_results_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (keys[i].direction));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
jury_window_import_jurors (JuryWindow         *self,
                           const char * const *paths,
                           const char         *new_panel_path)
{
  g_return_if_fail (JURY_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);
  g_return_if_fail (new_panel_path != NULL || (self->store && jury_store_is_panel (self->store)));

  start_merge (self, new_panel_path ? new_panel_path : jury_store_get_path (self->store), paths,
               JURY_MERGE_NONE);
}

void
jury_window_class_install_panel_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-jurors", NULL, import_jurors_action);
  gtk_widget_class_install_action (widget_class, "win.export-results", "s", export_results_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
}

void
jury_window_init_panel_actions (JuryWindow *self)
{
  g_autoptr(GAction) anonymous = g_settings_create_action (self->settings, "anonymous-exports");

  g_action_map_add_action (G_ACTION_MAP (self), anonymous);
  g_signal_connect_object (self->results_view, "results-changed",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);
  add_results_shortcuts (self);
}
