/* jury-cli-store.c: the subcommands that work on a jury database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-cli-private.h"
#include "jury-round.h"
#include "jury-file.h"
#include "jury-form.h"
#include "jury-store.h"

#define SHORT_HASH_LENGTH 12

/* The juror WANTED names (an id first, else a name), or the database's only juror.
 * Otherwise prints why and sets *STATUS. */
static char *
choose_juror (const JuryCliCommand *command,
              JuryStore            *store,
              const char           *db_name,
              const char           *wanted,
              int                  *status)
{
  g_autoptr(GPtrArray) jurors = jury_store_list_jurors (store);
  g_autoptr(GString) names = g_string_new (NULL);

  if (wanted == NULL && jurors->len == 1)
    return g_strdup (((JuryJuror *) g_ptr_array_index (jurors, 0))->id);

  for (guint pass = 0; wanted != NULL && pass < 2; pass++)
    for (guint i = 0; i < jurors->len; i++)
      {
        const JuryJuror *juror = g_ptr_array_index (jurors, i);

        if (g_strcmp0 (pass == 0 ? juror->id : juror->name, wanted) == 0)
          return g_strdup (juror->id);
      }

  for (guint i = 0; i < jurors->len; i++)
    {
      g_autofree char *name = jury_cli_escape (((JuryJuror *) g_ptr_array_index (jurors, i))->name);

      g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "", name);
    }

  if (jurors->len == 0)
    *status = jury_cli_input_error (_("%s: the database has no juror"), db_name);
  else if (wanted != NULL)
    /* Translators: the last %s is a list of names. */
    *status = jury_cli_input_error (_("%s: no juror is named or has the id \"%s\"; the jurors are %s"),
                                    db_name, wanted, names->str);
  else
    /* Translators: the last %s is a list of names. */
    *status = jury_cli_usage_error (command, _("%s has several jurors (%s); choose one with --juror NAME"),
                                    db_name, names->str);
  return NULL;
}

/* Opens DB, printing the problem on failure. Inspecting never writes. */
static JuryStore *
open_store (const char *path,
            gboolean    for_writing)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (for_writing)
    store = jury_store_open (path, &error);
  else
    store = jury_store_open_read_only (path, &error);

  if (store == NULL)
    jury_cli_input_error ("%s", error->message);

  return g_steal_pointer (&store);
}

/* Parses a command whose one argument is a database and opens that to read.
 * Otherwise prints why and sets *STATUS. */
static JuryStore *
open_argument (const JuryCliCommand  *command,
               const GOptionEntry    *entries,
               int                    argc,
               char                 **argv,
               GStrv                 *args,
               int                   *status)
{
  JuryStore *store;

  g_assert (args != NULL);
  g_assert (status != NULL);

  if (!jury_cli_parse (command, entries, argc, argv, 1, args))
    {
      *status = JURY_CLI_EXIT_USAGE;
      return NULL;
    }

  store = open_store ((*args)[0], FALSE);
  if (store == NULL)
    *status = JURY_CLI_EXIT_INPUT;

  return store;
}

static guint
count_audit_rows (JuryStore *store)
{
  g_autoptr(GPtrArray) jurors = jury_store_list_jurors (store);
  guint n = 0;

  for (guint i = 0; i < jurors->len; i++)
    n += jury_store_get_audit_length (store, ((JuryJuror *) g_ptr_array_index (jurors, i))->id);

  return n;
}

static guint
count_conflicts (JuryStore  *store,
                 const char *juror_id)
{
  g_autoptr(GPtrArray) rows = jury_store_list_submissions (store, juror_id, NULL);
  guint n = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (((JurySubmissionRow *) g_ptr_array_index (rows, i))->status == JURY_REVIEW_CONFLICT)
      n++;

  return n;
}

/* Whether Jury Desk could save to PATH: the file and, for the log beside it, its
 * folder are writable. Info only reads, so it asks the file system. */
static gboolean
can_write (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (folder, W_OK) == 0;
}

/* Info is a table of LABEL VALUE pairs, the values aligned whatever the language. */
static void
add_field (GPtrArray  *table,
           const char *label,
           char       *value)
{
  g_ptr_array_add (table, g_strdup (label));
  g_ptr_array_add (table, value);
}

static void
print_table (GPtrArray *table)
{
  glong width = 0;

  for (guint i = 0; i < table->len; i += 2)
    width = MAX (width, g_utf8_strlen (table->pdata[i], -1));

  for (guint i = 0; i < table->len; i += 2)
    g_print ("%s%*s %s\n", (char *) table->pdata[i],
             (int) (width - g_utf8_strlen (table->pdata[i], -1)), "", (char *) table->pdata[i + 1]);
}

static void
add_call (GPtrArray      *table,
          const JuryCall *call)
{
  g_autofree char *title = jury_cli_escape (call->title);
  g_autofree char *id = jury_cli_escape (call->id);

  add_field (table, _("Call:"), g_strdup_printf ("%s (%s)", title, id));
  add_field (table, _("Call file SHA-256:"),
             g_strndup (call->sha256 != NULL ? call->sha256 : "", SHORT_HASH_LENGTH));
  add_field (table, _("Scale:"), g_strdup_printf ("%d–%d", call->scale_min, call->scale_max));
  add_field (table, _("Awards:"), g_strdup_printf ("%u", call->awards));
  add_field (table, _("Criteria:"), g_strdup_printf ("%u", call->criteria->len));
  add_field (table, _("Submissions:"), g_strdup_printf ("%u", call->n_submissions));
}

static void
add_jurors (GPtrArray *table,
            JuryStore *store)
{
  g_autoptr(GPtrArray) jurors = jury_store_list_jurors (store);

  add_field (table, _("Jurors:"), g_strdup_printf ("%u", jurors->len));
  for (guint i = 0; i < jurors->len; i++)
    {
      const JuryJuror *juror = g_ptr_array_index (jurors, i);
      guint n_conflicts = count_conflicts (store, juror->id);
      g_autofree char *conflicts = NULL;
      g_autofree char *name = jury_cli_escape (juror->name);
      g_autofree char *id = jury_cli_escape (juror->id);
      g_autofree char *receipt = jury_store_dup_receipt (store, juror->id, NULL);
      guint n_reviewed;
      guint n_total;

      jury_store_get_progress (store, juror->id, &n_reviewed, &n_total);
      conflicts = g_strdup_printf (ngettext ("%u conflict of interest", "%u conflicts of interest",
                                             n_conflicts), n_conflicts);
      add_field (table, "",
                 /* Translators: "Anna (id …): 12 of 27 reviewed, 1 conflict of interest; receipt ABCD-EFGH".
                  * The receipt code names the work as the file holds it. */
                 g_strdup_printf (_("%s (id %s): %u of %u reviewed, %s; receipt %s"),
                                  name, id, n_reviewed, n_total, conflicts, receipt != NULL ? receipt : "—"));
    }
}

int
jury_cli_form (const JuryCliCommand  *command,
               int                    argc,
               char                 **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *wanted = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the form; “-” or none: the standard output"), N_("FORM.csv") },
    { "juror", 'j', 0, G_OPTION_ARG_STRING, &wanted,
      N_("Whose form, when the database has several jurors"), N_("NAME|ID") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *juror_id = NULL;
  gboolean written;
  int status = JURY_CLI_EXIT_OK;

  store = open_argument (command, entries, argc, argv, &args, &status);
  if (store == NULL)
    return status;

  db_name = jury_cli_display_name (args[0]);
  juror_id = choose_juror (command, store, db_name, wanted, &status);
  if (juror_id == NULL)
    return status;

  bytes = jury_form_write (store, juror_id, &error);
  if (bytes == NULL)
    return jury_cli_input_error ("%s: %s", db_name, error->message);

  if (output == NULL || g_strcmp0 (output, "-") == 0)
    written = jury_cli_write_stdout (bytes, &error);
  else if (jury_same_file (output, args[0]))
    return jury_cli_input_error (_("refusing to overwrite the database %s with the form"), db_name);
  else
    written = jury_write_file_atomic (output, bytes, &error);

  if (!written)
    return jury_cli_input_error ("%s", error->message);

  return JURY_CLI_EXIT_OK;
}

int
jury_cli_import_scores (const JuryCliCommand  *command,
                        int                    argc,
                        char                 **argv)
{
  g_autofree char *wanted = NULL;
  const GOptionEntry entries[] = {
    { "juror", 'j', 0, G_OPTION_ARG_STRING, &wanted,
      N_("Whose scores, when the database has several jurors"), N_("NAME|ID") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GBytes) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *form_name = NULL;
  g_autofree char *form_text = NULL;
  gsize form_length;
  g_autofree char *juror_id = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *done = NULL;
  JuryFormImportStats stats;
  int status = JURY_CLI_EXIT_OK;

  if (!jury_cli_parse (command, entries, argc, argv, 2, &args))
    return JURY_CLI_EXIT_USAGE;

  if (!g_file_get_contents (args[1], &form_text, &form_length, &error))
    return jury_cli_input_error ("%s", error->message);
  form = g_bytes_new_take (g_steal_pointer (&form_text), form_length);

  store = open_store (args[0], TRUE);
  if (store == NULL)
    return JURY_CLI_EXIT_INPUT;

  db_name = jury_cli_display_name (args[0]);
  form_name = jury_cli_display_name (args[1]);
  juror_id = choose_juror (command, store, db_name, wanted, &status);
  if (juror_id == NULL)
    return status;

  if (!jury_form_import (store, juror_id, form, form_name, &stats, &error))
    return jury_cli_input_error ("%s", error->message);

  changed = g_strdup_printf (ngettext ("%u value changed", "%u values changed", stats.n_changes),
                             stats.n_changes);
  /* A filled form handed back says that its complete reviews are finished. */
  done = g_strdup_printf (ngettext ("%u complete review marked done", "%u complete reviews marked done",
                                    stats.n_done),
                          stats.n_done);
  /* Translators: "form.csv: 168 rows read, 12 values changed, 3 complete reviews marked done". */
  g_print (ngettext ("%s: %u row read, %s, %s", "%s: %u rows read, %s, %s", stats.n_rows),
           form_name, stats.n_rows, changed, done);
  g_print ("\n");
  return JURY_CLI_EXIT_OK;
}

int
jury_cli_info (const JuryCliCommand  *command,
               int                    argc,
               char                 **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db_name = NULL;
  gboolean intact;
  int status;

  store = open_argument (command, NULL, argc, argv, &args, &status);
  if (store == NULL)
    return status;

  db_name = jury_cli_display_name (args[0]);
  add_field (table, _("Database:"), g_strdup (db_name));
  add_call (table, jury_store_get_call (store));
  add_jurors (table, store);
  add_field (table, _("Access:"), g_strdup (can_write (args[0]) ? _("read-write") : _("read-only")));

  intact = jury_store_verify (store, &error);
  add_field (table, _("Integrity:"), g_strdup (intact ? _("ok") : error->message));
  print_table (table);
  if (!intact)
    return jury_cli_input_error ("%s", error->message);

  return JURY_CLI_EXIT_OK;
}

int
jury_cli_verify (const JuryCliCommand  *command,
                 int                    argc,
                 char                 **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_name = NULL;
  guint n_changes;
  int status;

  store = open_argument (command, NULL, argc, argv, &args, &status);
  if (store == NULL)
    return status;

  db_name = jury_cli_display_name (args[0]);
  if (!jury_store_verify (store, &error))
    return jury_cli_input_error ("%s", error->message);

  n_changes = count_audit_rows (store);
  /* The chain is no signature; the line says what it shows. */
  g_print (ngettext ("%s: integrity ok, audit chain of %u change ok (it shows edits made outside Jury Desk, "
                     "but is no signature)",
                     "%s: integrity ok, audit chain of %u changes ok (it shows edits made outside Jury Desk, "
                     "but is no signature)", n_changes),
           db_name, n_changes);
  g_print ("\n");
  return JURY_CLI_EXIT_OK;
}

int
jury_cli_attachment (const JuryCliCommand  *command,
                     int                    argc,
                     char                 **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (required)"), N_("FILE") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_name = NULL;
  const char *href = NULL;
  const char *by_name = NULL;

  if (!jury_cli_parse (command, entries, argc, argv, 3, &args))
    return JURY_CLI_EXIT_USAGE;
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("Say where to write the attachment, with -o FILE."));

  if (!(store = open_store (args[0], FALSE)))
    return JURY_CLI_EXIT_INPUT;

  if (jury_same_file (output, args[0]))
    return jury_cli_input_error (_("refusing to overwrite the database %s with an attachment"),
                                 jury_store_get_path (store));

  /* NAME is the attachment's href, or its file name when no other has it. */
  {
    g_autoptr(JurySubmission) submission = jury_store_get_submission (store, args[1], NULL);

    for (guint i = 0; submission != NULL && href == NULL && i < submission->attachments->len; i++)
      if (g_str_equal (((JuryAttachment *) g_ptr_array_index (submission->attachments, i))->href, args[2]))
        href = args[2];
    for (guint i = 0; submission != NULL && i < submission->attachments->len; i++)
      {
        const JuryAttachment *attachment = g_ptr_array_index (submission->attachments, i);

        if (g_str_equal (jury_attachment_get_file_name (attachment), args[2]))
          by_name = by_name == NULL ? attachment->href : "";
      }
    if (href == NULL && by_name != NULL && by_name[0] != '\0')
      href = by_name;
    if (href == NULL)
      href = args[2];

    bytes = jury_store_get_attachment (store, args[1], href, &error);
  }
  if (bytes == NULL || !jury_write_file_atomic (output, bytes, &error))
    return jury_cli_input_error ("%s", error->message);

  out_name = jury_cli_display_name (output);
  /* Translators: a file name, then its size in bytes */
  g_print (ngettext ("%s: %lu byte written", "%s: %lu bytes written", (gulong) g_bytes_get_size (bytes)),
           out_name, (gulong) g_bytes_get_size (bytes));
  g_print ("\n");
  return JURY_CLI_EXIT_OK;
}
