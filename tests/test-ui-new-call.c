/* test-ui-new-call.c: the New Call assistant, driven as a programme manager would:
 * a table of applications, its columns, a rubric, the preview, the call file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-new-call"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jury-application.h"
#include "jury-call-loader.h"
#include "jury-new-call-window-private.h"
#include "jury-test-util.h"
#include "jury-ui-test-util.h"
#include "jury-window-private.h"

/* German headers, as an application form exports them: every part but the
 * attachments has its column, two columns have no part. */
#define APPLICATIONS \
  "Antragsnummer;Projekttitel;Netzwerk;Landkreis;Ansprechperson;Kurzbeschreibung;Projektbeschreibung;" \
  "Zielgruppe;Website;Budget;Laufzeit\n" \
  "A-1;Schule trifft Beruf;MINT-Netz Nord;Kreis Plön;Anna Berg;Betriebe öffnen ihre Türen.;" \
  "Ein Jahr lang besuchen Klassen Betriebe.;Klassen 8 bis 10;https://example.org/a1;12000;2 Jahre\n" \
  "A-2;Forschen am Fluss;Netzwerk Elbe;Landkreis Stade;Ben Ohm;Wasser untersuchen.;" \
  "Schülerinnen messen die Elbe.;Klassen 5 bis 7;https://example.org/a2;8000;1 Jahr\n" \
  "A-3;Roboter bauen;Zukunft MINT;Kreis Lippe;Clara Volt;Roboter aus Schrott.;" \
  "Eine AG baut Roboter.;Klassen 9 und 10;https://example.org/a3;5000;6 Monate\n"

/* The second application (line 3 of the file) has no title. */
#define APPLICATIONS_WITHOUT_TITLE \
  "Projekttitel;Netzwerk;Zielgruppe\n" \
  "Erstes Projekt;Netz A;Klasse 5\n" \
  ";Netz B;Klasse 6\n" \
  "Drittes Projekt;Netz C;Klasse 7\n"

#define APPLICATIONS_CORRECTED \
  "Projekttitel;Netzwerk;Zielgruppe\n" \
  "Erstes Projekt;Netz A;Klasse 5\n" \
  "Zweites Projekt;Netz B;Klasse 6\n" \
  "Drittes Projekt;Netz C;Klasse 7\n"

static JuryApplication *app;

static gboolean
is_idle (gpointer data)
{
  return !jury_new_call_window_is_busy (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_gone (gpointer data)
{
  JuryNewCallWindow **assistant = data;

  return *assistant == NULL;
}

static void
wait_idle (JuryNewCallWindow *assistant)
{
  /* Work starts in a worker thread; its result arrives in the main loop. */
  jury_test_wait_for (is_idle, assistant);
}

/* A folder of its own for each test, with the tables it writes. */
typedef struct
{
  char              *dir;
  JuryWindow        *window;
  JuryNewCallWindow *assistant;
} Fixture;

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const int *size = data;
  GList *windows;

  f->dir = jury_test_make_tmp_dir ("test-ui-new-call-XXXXXX");
  f->window = jury_window_new (app);
  gtk_window_present (GTK_WINDOW (f->window));

  /* As the menu and the empty page do. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-call", NULL);
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (JURY_IS_NEW_CALL_WINDOW (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (f->window))
      f->assistant = l->data;
  g_list_free (windows);

  g_assert_nonnull (f->assistant);
  g_object_add_weak_pointer (G_OBJECT (f->assistant), (gpointer *) &f->assistant);
  gtk_window_set_default_size (GTK_WINDOW (f->assistant), size != NULL ? size[0] : 900, size != NULL ? size[1] : 760);
  jury_test_wait_for (is_mapped, f->assistant);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->assistant != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->assistant));
      jury_test_wait_for (is_gone, &f->assistant);
    }
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  jury_test_wait_for (is_gone, &f->window);
  jury_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
next (JuryNewCallWindow *assistant,
      const char        *expected_page)
{
  g_assert_true (gtk_widget_get_sensitive (assistant->next_button));
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.next", NULL);
  g_assert_cmpstr (jury_new_call_window_get_page (assistant), ==, expected_page);
}

static void
load_table (JuryNewCallWindow *assistant,
            GFile             *table)
{
  jury_new_call_window_set_table_file (assistant, table);
  g_assert_true (jury_new_call_window_is_busy (assistant));
  wait_idle (assistant);
}

static GtkEditable *
title_row (JuryNewCallWindow *assistant)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (assistant->rubric_editor),
                                                      JURY_TYPE_RUBRIC_EDITOR, "title_row"));
}

static GtkEditable *
id_row (JuryNewCallWindow *assistant)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (assistant->rubric_editor),
                                                      JURY_TYPE_RUBRIC_EDITOR, "id_row"));
}

static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

/* The name field of criterion INDEX: after the call's title and id, each
 * criterion has its name, its id and a field per level label. */
static GtkEditable *
criterion_name_row (JuryNewCallWindow *assistant,
                    guint              index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n_levels = 5;

  collect_entry_rows (GTK_WIDGET (assistant->rubric_editor), rows);
  g_assert_cmpuint (rows->len, >, 2 + index * (2 + n_levels));
  return g_ptr_array_index (rows, 2 + index * (2 + n_levels));
}

static const char *
hint (JuryNewCallWindow *assistant)
{
  return gtk_revealer_get_reveal_child (assistant->hint_revealer) ? gtk_label_get_label (assistant->hint_label)
                                                                   : NULL;
}

static gboolean
collect_cb (const JuryCall  *call,
            JurySubmission  *submission,
            guint            line,
            gpointer         user_data,
            GError         **error)
{
  g_autoptr(GVariant) variant = g_variant_ref_sink (jury_submission_serialize (submission));

  g_ptr_array_add (user_data, jury_submission_deserialize (variant, error));
  return TRUE;
}

/* The first paragraph of the field NAME, which must be there. */
static const char *
field_text (const JurySubmission *submission,
            const char           *name)
{
  for (guint i = 0; i < submission->fields->len; i++)
    {
      const JuryField *field = g_ptr_array_index (submission->fields, i);

      if (g_str_equal (field->name, name))
        return field->paragraphs[0];
    }

  g_error ("%s has no field %s", submission->id, name);
}

typedef struct
{
  JuryWindow *window;
  const char *call_id;
} Opened;

static gboolean
call_opened (gpointer data)
{
  Opened *opened = data;

  return opened->window->store != NULL &&
         g_strcmp0 (jury_store_get_call (opened->window->store)->id, opened->call_id) == 0;
}

/* The whole way: a table with German headers, the guessed columns and one
 * changed, the rubric of the sample call, a title, the preview, the file. */
static void
test_from_table (Fixture       *f,
                 gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;
  g_autoptr(GFile) table = write_file (f, "bewerbungen.csv", APPLICATIONS);
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autofree char *call_path = g_build_filename (f->dir, "ausschreibung-2026.xml", NULL);
  g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
  g_autoptr(JuryCallLoader) loader = NULL;
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_free);
  g_autoptr(GError) error = NULL;
  const JurySubmission *first;
  const struct { JuryColumn part; const char *header; } guessed[] = {
    { JURY_COLUMN_ID, "Antragsnummer" },
    { JURY_COLUMN_TITLE, "Projekttitel" },
    { JURY_COLUMN_NETWORK, "Netzwerk" },
    { JURY_COLUMN_REGION, "Landkreis" },
    { JURY_COLUMN_CONTACT, "Ansprechperson" },
    { JURY_COLUMN_SUMMARY, "Kurzbeschreibung" },
    { JURY_COLUMN_DESCRIPTION, "Projektbeschreibung" },
    { JURY_COLUMN_TARGET_GROUP, "Zielgruppe" },
    { JURY_COLUMN_LINK, "Website" },
    { JURY_COLUMN_FORMAT, "None" },
    { JURY_COLUMN_PARTNER, "None" },
    { JURY_COLUMN_ATTACHMENTS, "None" },
  };
  Opened opened = { f->window, "mint-regionen-wirken-2026" };

  /* Table: nothing to go on with until it is read. */
  g_assert_cmpstr (jury_new_call_window_get_page (assistant), ==, "table");
  g_assert_false (gtk_widget_get_sensitive (assistant->next_button));
  g_assert_false (gtk_widget_get_visible (assistant->back_button));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (assistant)) == assistant->next_button);
  load_table (assistant, table);
  g_assert_false (gtk_revealer_get_reveal_child (assistant->error_revealer));
  jury_test_assert_contains (adw_action_row_get_subtitle (assistant->table_row), "3 applications");
  next (assistant, "columns");

  /* Columns: the guesses shown, and what is left kept as fields. */
  for (guint i = 0; i < G_N_ELEMENTS (guessed); i++)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (assistant->column_rows[guessed[i].part])),
                     ==, guessed[i].header);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (assistant->fields_model)), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (assistant->fields_model, 0), ==, "Budget");
  g_assert_cmpstr (gtk_string_list_get_string (assistant->fields_model, 1), ==, "Laufzeit");
  g_assert_nonnull (gtk_list_box_get_row_at_index (assistant->fields_list, 1));

  /* Without a title column there is no going on, and the page says why. */
  adw_combo_row_set_selected (assistant->column_rows[JURY_COLUMN_TITLE], 0);
  g_assert_false (gtk_widget_get_sensitive (assistant->next_button));
  jury_test_assert_contains (hint (assistant), "titles");
  adw_combo_row_set_selected (assistant->column_rows[JURY_COLUMN_TITLE], 2);
  g_assert_null (hint (assistant));

  /* The region's column becomes a field. */
  adw_combo_row_set_selected (assistant->column_rows[JURY_COLUMN_REGION], 0);
  g_assert_cmpint (assistant->mapping.columns[JURY_COLUMN_REGION], ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (assistant->fields_model)), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (assistant->fields_model, 0), ==, "Landkreis");

  /* A column fills one part: taken for the summary, it leaves the description. */
  adw_combo_row_set_selected (assistant->column_rows[JURY_COLUMN_SUMMARY], 7);
  g_assert_cmpint (assistant->mapping.columns[JURY_COLUMN_SUMMARY], ==, 6);
  g_assert_cmpint (assistant->mapping.columns[JURY_COLUMN_DESCRIPTION], ==, -1);
  g_assert_cmpuint (adw_combo_row_get_selected (assistant->column_rows[JURY_COLUMN_DESCRIPTION]), ==, 0);
  adw_combo_row_set_selected (assistant->column_rows[JURY_COLUMN_SUMMARY], 6);
  adw_combo_row_set_selected (assistant->column_rows[JURY_COLUMN_DESCRIPTION], 7);
  next (assistant, "rubric");

  /* Rubric: the sample call's, and a title of its own. */
  g_assert_false (gtk_widget_get_sensitive (assistant->next_button));
  g_assert_cmpstr (hint (assistant), ==, "Give the new call a title.");
  jury_new_call_window_set_rubric_file (assistant, sample);
  wait_idle (assistant);
  g_assert_false (gtk_revealer_get_reveal_child (assistant->error_revealer));
  g_assert_cmpuint (jury_rubric_editor_get_n_criteria (assistant->rubric_editor), ==, 6);
  g_assert_cmpstr (adw_action_row_get_subtitle (assistant->rubric_row), ==, "mint-regionen-wirken-2025.xml");
  gtk_editable_set_text (title_row (assistant), "MINT-Regionen wirken! 2026");
  g_assert_cmpstr (gtk_editable_get_text (id_row (assistant)), ==, "mint-regionen-wirken-2026");
  g_assert_null (hint (assistant));

  /* An id of one's own is checked as one types it. */
  gtk_editable_set_text (id_row (assistant), "mint 2026");
  g_assert_false (gtk_widget_get_sensitive (assistant->next_button));
  jury_test_assert_contains (hint (assistant), "id");
  gtk_editable_set_text (id_row (assistant), "");
  gtk_editable_set_text (title_row (assistant), "MINT-Regionen wirken! 2026");
  g_assert_cmpstr (gtk_editable_get_text (id_row (assistant)), ==, "mint-regionen-wirken-2026");
  next (assistant, "preview");

  /* Preview: every application a submission, the first one shown. */
  wait_idle (assistant);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (assistant->preview_stack), ==, "submissions");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (assistant->preview_titles)), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (assistant->preview_titles, 1), ==, "Forschen am Fluss");
  g_assert_cmpuint (gtk_single_selection_get_selected (assistant->preview_selection), ==, 0);
  g_assert_cmpstr (gtk_label_get_label (assistant->preview_summary), ==, "3 submissions");
  next (assistant, "save");

  /* Back and on again keeps the preview as it was. */
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.back", NULL);
  g_assert_cmpstr (jury_new_call_window_get_page (assistant), ==, "preview");
  g_assert_false (jury_new_call_window_is_busy (assistant));
  next (assistant, "save");

  /* Save. */
  g_assert_true (gtk_widget_get_sensitive (assistant->save_button));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (assistant)) == assistant->save_button);
  jury_new_call_window_save_to (assistant, call_file);
  wait_idle (assistant);
  g_assert_false (gtk_revealer_get_reveal_child (assistant->error_revealer));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (assistant->save_stack), ==, "saved");
  g_assert_false (gtk_widget_get_visible (assistant->back_button));
  g_assert_false (gtk_widget_get_sensitive (assistant->save_button));

  /* The file loads as a juror's Jury Desk loads it. */
  loader = jury_call_loader_new (call_file);
  jury_call_loader_set_callbacks (loader, NULL, collect_cb, submissions);
  call = jury_call_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->id, ==, "mint-regionen-wirken-2026");
  g_assert_cmpstr (call->title, ==, "MINT-Regionen wirken! 2026");
  g_assert_cmpstr (call->lang, ==, "de");
  g_assert_null (call->theme);
  g_assert_cmpuint (call->awards, ==, 5);
  g_assert_cmpint (call->scale_min, ==, 1);
  g_assert_cmpint (call->scale_max, ==, 5);
  g_assert_cmpuint (call->criteria->len, ==, 6);
  g_assert_cmpstr (((JuryCriterion *) g_ptr_array_index (call->criteria, 0))->id, ==, "praxis");
  g_assert_cmpfloat (((JuryCriterion *) g_ptr_array_index (call->criteria, 0))->weight, ==, 2.0);
  g_assert_cmpuint (call->n_submissions, ==, 3);
  g_assert_cmpuint (submissions->len, ==, 3);

  first = g_ptr_array_index (submissions, 0);
  g_assert_cmpstr (first->id, ==, "A-1");
  g_assert_cmpstr (first->title, ==, "Schule trifft Beruf");
  g_assert_cmpstr (first->network, ==, "MINT-Netz Nord");
  g_assert_null (first->region);
  g_assert_cmpstr (first->summary, ==, "Betriebe öffnen ihre Türen.");
  g_assert_cmpstr (first->description[0], ==, "Ein Jahr lang besuchen Klassen Betriebe.");
  g_assert_cmpuint (first->contacts->len, ==, 1);
  g_assert_cmpuint (first->links->len, ==, 1);
  g_assert_cmpuint (first->fields->len, ==, 3);
  g_assert_cmpstr (field_text (first, "Landkreis"), ==, "Kreis Plön");
  g_assert_cmpstr (field_text (first, "Budget"), ==, "12000");
  g_assert_cmpstr (field_text (first, "Laufzeit"), ==, "2 Jahre");

  /* Open: the assistant goes, the window opens the new call. */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (assistant)) == assistant->open_button);
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.open-call", NULL);
  jury_test_wait_for (is_gone, &f->assistant);
  jury_test_wait_for (call_opened, &opened);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->window->submissions)), ==, 3);
}

/* A table with a row without title: the preview names it, and nothing can be
 * saved until the table is corrected and read again. The rubric starts empty. */
static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;
  g_autoptr(GFile) table = write_file (f, "bewerbungen.csv", APPLICATIONS_WITHOUT_TITLE);
  g_autoptr(GFile) corrected = NULL;
  GtkEditable *name;

  load_table (assistant, table);
  next (assistant, "columns");
  g_assert_cmpint (assistant->mapping.columns[JURY_COLUMN_TITLE], ==, 0);
  next (assistant, "rubric");

  /* No earlier call: one criterion on a scale of 1 to 5. */
  g_assert_cmpuint (jury_rubric_editor_get_n_criteria (assistant->rubric_editor), ==, 1);
  gtk_editable_set_text (title_row (assistant), "Preis 2026");
  g_assert_cmpstr (hint (assistant), ==, "Give criterion 1 a name.");
  name = criterion_name_row (assistant, 0);
  gtk_editable_set_text (name, "Wirkung");
  g_assert_null (hint (assistant));

  gtk_widget_activate_action (GTK_WIDGET (assistant->rubric_editor), "rubric.add-criterion", NULL);
  g_assert_cmpuint (jury_rubric_editor_get_n_criteria (assistant->rubric_editor), ==, 2);
  g_assert_cmpstr (hint (assistant), ==, "Give criterion 2 a name.");
  gtk_editable_set_text (criterion_name_row (assistant, 1), "Wirkung");
  g_assert_cmpstr (hint (assistant), ==, "Criteria 1 and 2 have the same id; give each its own.");
  gtk_widget_activate_action (GTK_WIDGET (assistant->rubric_editor), "rubric.remove-criterion", "u", 1);
  g_assert_cmpuint (jury_rubric_editor_get_n_criteria (assistant->rubric_editor), ==, 1);
  g_assert_null (hint (assistant));
  next (assistant, "preview");

  /* The problem, with its line; no way on. */
  wait_idle (assistant);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (assistant->preview_stack), ==, "problems");
  g_assert_cmpstr (gtk_label_get_label (assistant->problems_label), ==, "• line 3: no title");
  g_assert_false (gtk_widget_get_sensitive (assistant->next_button));
  g_assert_false (gtk_widget_get_sensitive (assistant->save_button));
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.next", NULL);
  g_assert_cmpstr (jury_new_call_window_get_page (assistant), ==, "preview");

  /* Corrected in the spreadsheet, read again: the preview follows. */
  corrected = write_file (f, "bewerbungen.csv", APPLICATIONS_CORRECTED);
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.reload-table", NULL);
  g_assert_true (jury_new_call_window_is_busy (assistant));
  wait_idle (assistant);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (assistant->preview_stack), ==, "submissions");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (assistant->preview_titles)), ==, 3);
  g_assert_true (gtk_widget_get_sensitive (assistant->next_button));
  next (assistant, "save");
  g_assert_true (gtk_widget_get_sensitive (assistant->save_button));
}

/* A file that is no table: the reason on the page, and the assistant goes on
 * with the next file. A call file that is none, the same on the rubric page. */
static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;
  g_autoptr(GFile) missing = g_file_new_build_filename (f->dir, "fehlt.csv", NULL);
  g_autoptr(GFile) table = write_file (f, "bewerbungen.csv", APPLICATIONS);
  g_autoptr(GFile) not_a_call = write_file (f, "alt.xml", "<call xmlns='urn:jury-desk:call:1'><title>");

  load_table (assistant, missing);
  g_assert_true (gtk_revealer_get_reveal_child (assistant->error_revealer));
  jury_test_assert_contains (gtk_label_get_label (assistant->error_label), "fehlt.csv");
  g_assert_false (gtk_widget_get_sensitive (assistant->next_button));

  load_table (assistant, table);
  g_assert_false (gtk_revealer_get_reveal_child (assistant->error_revealer));
  next (assistant, "columns");
  next (assistant, "rubric");

  jury_new_call_window_set_rubric_file (assistant, not_a_call);
  wait_idle (assistant);
  g_assert_true (gtk_revealer_get_reveal_child (assistant->error_revealer));
  jury_test_assert_contains (gtk_label_get_label (assistant->error_label), "alt.xml");
  /* The rubric stays as it was. */
  g_assert_cmpuint (jury_rubric_editor_get_n_criteria (assistant->rubric_editor), ==, 1);

  /* The error belongs to its page. */
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.back", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (assistant->error_revealer));
}

/* The attachments are named from the folder of the call file: from the
 * folder that holds them, where the preview looked, or from wherever the call
 * is saved, which must hold them too. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;
  g_autoptr(GFile) table = write_file (f, "bewerbungen.csv", APPLICATIONS);
  g_autofree char *folder_path = g_build_filename (f->dir, "anhaenge", "A-2", NULL);
  g_autofree char *pdf_path = g_build_filename (folder_path, "antrag.pdf", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "attachments", "antrag.pdf", NULL);
  g_autoptr(GBytes) pdf = jury_test_read_bytes (source);
  g_autoptr(GFile) attachments = g_file_new_build_filename (f->dir, "anhaenge", NULL);
  g_autofree char *elsewhere = jury_test_make_tmp_dir ("test-ui-new-call-elsewhere-XXXXXX");
  g_autoptr(GFile) outside = g_file_new_build_filename (elsewhere, "ausschreibung.xml", NULL);
  g_autoptr(GFile) inside = g_file_new_build_filename (f->dir, "ausschreibung.xml", NULL);
  g_autoptr(GFile) sample = jury_test_sample_file ();
  g_autoptr(JuryCallLoader) loader = NULL;
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_free);
  g_autoptr(GError) error = NULL;
  const JuryAttachment *attachment;

  g_assert_cmpint (g_mkdir_with_parents (folder_path, 0700), ==, 0);
  g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);

  load_table (assistant, table);
  jury_new_call_window_set_attachments_folder (assistant, attachments);
  g_assert_cmpstr (adw_action_row_get_subtitle (assistant->attachments_row), ==, "anhaenge");
  next (assistant, "columns");
  next (assistant, "rubric");
  jury_new_call_window_set_rubric_file (assistant, sample);
  wait_idle (assistant);
  gtk_editable_set_text (title_row (assistant), "Mit Anhängen");
  next (assistant, "preview");
  wait_idle (assistant);
  g_assert_cmpstr (gtk_label_get_label (assistant->preview_summary), ==, "3 submissions, with 1 attachment");
  next (assistant, "save");

  /* A call file elsewhere could not name them. */
  jury_new_call_window_save_to (assistant, outside);
  wait_idle (assistant);
  g_assert_true (gtk_revealer_get_reveal_child (assistant->error_revealer));
  jury_test_assert_contains (gtk_label_get_label (assistant->error_label), "must be inside the folder");
  g_assert_false (g_file_query_exists (outside, NULL));
  g_assert_true (gtk_widget_get_sensitive (assistant->save_button));

  jury_new_call_window_save_to (assistant, inside);
  wait_idle (assistant);
  g_assert_false (gtk_revealer_get_reveal_child (assistant->error_revealer));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (assistant->save_stack), ==, "saved");

  loader = jury_call_loader_new (inside);
  jury_call_loader_set_callbacks (loader, NULL, collect_cb, submissions);
  call = jury_call_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((JurySubmission *) g_ptr_array_index (submissions, 0))->attachments->len, ==, 0);
  g_assert_cmpuint (((JurySubmission *) g_ptr_array_index (submissions, 1))->attachments->len, ==, 1);
  attachment = g_ptr_array_index (((JurySubmission *) g_ptr_array_index (submissions, 1))->attachments, 0);
  g_assert_cmpstr (attachment->href, ==, "anhaenge/A-2/antrag.pdf");
  g_assert_cmpstr (attachment->type, ==, "application/pdf");

  jury_test_remove_tree (elsewhere);
}

static int
min_width (GtkWidget *widget)
{
  int width;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  return width;
}

/* Every page fits a phone's screen; the preview shows one pane at a time. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;
  g_autoptr(GFile) table = write_file (f, "bewerbungen.csv", APPLICATIONS);
  g_autoptr(GFile) sample = jury_test_sample_file ();

  jury_test_wait_for_frames (GTK_WIDGET (assistant));
  g_assert_cmpint (min_width (GTK_WIDGET (assistant)), <=, 360);
  load_table (assistant, table);
  next (assistant, "columns");
  g_assert_cmpint (min_width (GTK_WIDGET (assistant)), <=, 360);
  next (assistant, "rubric");
  jury_new_call_window_set_rubric_file (assistant, sample);
  wait_idle (assistant);
  gtk_editable_set_text (title_row (assistant), "Ein Titel, der länger ist als ein schmales Fenster breit");
  g_assert_cmpint (min_width (GTK_WIDGET (assistant)), <=, 360);
  next (assistant, "preview");
  wait_idle (assistant);
  jury_test_wait_for_frames (GTK_WIDGET (assistant));
  g_assert_cmpint (min_width (GTK_WIDGET (assistant)), <=, 360);
  g_assert_true (adw_leaflet_get_folded (assistant->preview_leaflet));

  /* The list, a submission, and back to the list before the page goes back. */
  g_signal_emit_by_name (assistant->preview_list, "activate", 1);
  g_assert_true (adw_leaflet_get_visible_child (assistant->preview_leaflet) == GTK_WIDGET (assistant->preview_view));
  g_assert_cmpint (min_width (GTK_WIDGET (assistant)), <=, 360);
  gtk_widget_activate_action (GTK_WIDGET (assistant), "new-call.back", NULL);
  g_assert_cmpstr (jury_new_call_window_get_page (assistant), ==, "preview");
  g_assert_true (adw_leaflet_get_visible_child (assistant->preview_leaflet) == assistant->preview_sidebar);
  next (assistant, "save");
  g_assert_cmpint (min_width (GTK_WIDGET (assistant)), <=, 360);
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  /* A button with text, or with text and an icon, is named by its text. */
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) != NULL ||
           ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget)));

  return FALSE;
}

/* Every control a person can reach has a name a screen reader can speak. */
static guint
check_controls (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;

  if (GTK_IS_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_SPIN_BUTTON (widget) ||
      GTK_IS_LIST_VIEW (widget) || ADW_IS_COMBO_ROW (widget) || ADW_IS_ENTRY_ROW (widget))
    {
      if (!has_accessible_name (widget))
        g_error ("%s in the New Call assistant has no accessible name", G_OBJECT_TYPE_NAME (widget));
      n++;
    }

  /* A spin button's own buttons are part of it. */
  if (GTK_IS_SPIN_BUTTON (widget))
    return n;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_controls (child);

  return n;
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;
  g_autoptr(GFile) table = write_file (f, "bewerbungen.csv", APPLICATIONS);
  g_autoptr(GFile) sample = jury_test_sample_file ();
  const char *pages[] = { "table", "columns", "rubric", "preview", "save" };

  load_table (assistant, table);
  jury_new_call_window_set_rubric_file (assistant, sample);
  wait_idle (assistant);
  gtk_editable_set_text (title_row (assistant), "Preis 2026");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_cmpstr (jury_new_call_window_get_page (assistant), ==, pages[i]);
      wait_idle (assistant);
      g_assert_cmpuint (check_controls (gtk_stack_get_visible_child (assistant->stack)), >, 0);
      if (i + 1 < G_N_ELEMENTS (pages))
        next (assistant, pages[i + 1]);
    }
  g_assert_cmpuint (check_controls (GTK_WIDGET (assistant)), >, 0);
}

/* The German translation reaches the assistant's code and template. */
static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  JuryNewCallWindow *assistant = f->assistant;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (assistant)), ==, "Neue Ausschreibung");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (assistant->next_button)), ==, "_Weiter");
  g_assert_cmpstr (adw_window_title_get_title (assistant->window_title), ==, "Tabelle");
  g_assert_cmpstr (adw_window_title_get_subtitle (assistant->window_title), ==, "Schritt 1 von 5");
  g_assert_cmpstr (hint (assistant), ==, "Wählen Sie die Tabelle der Bewerbungen, um zu beginnen.");
}

int
main (int   argc,
      char *argv[])
{
  static const int narrow[] = { 360, 720 };
  int status;
  g_autofree char *home = jury_test_ui_init (&argc, &argv, "ui-new-call");

  app = jury_test_ui_new_application ("Programmverantwortliche");

#define ADD(path, size, func) g_test_add (path, Fixture, size, fixture_set_up, func, fixture_tear_down)

  if (jury_test_ui_is_german ())
    ADD ("/new-call/german", NULL, test_german);
  else
    {
      ADD ("/new-call/from-table", NULL, test_from_table);
      ADD ("/new-call/problems", NULL, test_problems);
      ADD ("/new-call/bad-files", NULL, test_bad_files);
      ADD ("/new-call/attachments", NULL, test_attachments);
      ADD ("/new-call/narrow", narrow, test_narrow);
      ADD ("/new-call/accessible", NULL, test_accessible);
    }

  status = g_test_run ();
  g_clear_object (&app);
  jury_test_remove_tree (home);
  return status;
}
