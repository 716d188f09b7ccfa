/* jury-cli-make-call.c: the subcommand that makes a call from a table of applications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-call-loader.h"
#include "jury-call-writer.h"
#include "jury-cli-private.h"
#include "jury-make-call.h"
#include "jury-text.h"

/* What the call is built from: which column went where, and the fields. */
static void
print_mapping (const JuryTable         *table,
               const JuryColumnMapping *mapping)
{
  GStrv header = g_ptr_array_index (table->rows, 0);
  guint n_header = g_strv_length (header);
  g_autoptr(GString) fields = g_string_new (NULL);

  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    {
      int column = mapping->columns[c];
      g_autofree char *shown = column >= 0 && (guint) column < n_header ? jury_cli_escape (header[column]) : NULL;

      if (shown != NULL)
        /* Translators: a part of a submission, then the header of the column it comes from */
        g_print (_("  %-13s ← %s"), jury_column_to_string (c), shown);
      else if (c == JURY_COLUMN_ID)
        g_print (_("  %-13s ← made from the titles"), jury_column_to_string (c));
      else
        continue;
      g_print ("\n");
    }

  for (guint column = 0; column < n_header; column++)
    {
      gboolean mapped = FALSE;

      for (guint c = 0; c < JURY_N_COLUMNS; c++)
        mapped |= mapping->columns[c] == (int) column;
      if (!mapped && header[column][0] != '\0')
        {
          g_autofree char *shown = jury_cli_escape (header[column]);

          g_string_append_printf (fields, "%s%s", fields->len > 0 ? ", " : "", shown);
        }
    }
  if (fields->len > 0)
    {
      /* Translators: the headers of the columns kept as fields of their own */
      g_print (_("  fields        ← %s"), fields->str);
      g_print ("\n");
    }
}

int
jury_cli_make_call (const JuryCliCommand  *command,
                    int                    argc,
                    char                 **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *rubric_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_autofree char *attachments = NULL;
  g_auto(GStrv) column_specs = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The call file to write (required; must not exist)"), N_("CALL.xml") },
    { "rubric", 'r', 0, G_OPTION_ARG_FILENAME, &rubric_path,
      N_("A call file whose rubric, scale and awards the new call takes (required)"), N_("RUBRIC.xml") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title,
      N_("The new call’s title (default: the rubric call’s)"), N_("TITLE") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id,
      N_("The new call’s id (default: made from the title)"), N_("ID") },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &column_specs,
      N_("Fill FIELD from the column HEADER (or, with nothing after “=”, from none); repeatable"),
      N_("FIELD=HEADER") },
    { "attachments", 'a', 0, G_OPTION_ARG_FILENAME, &attachments,
      N_("The folder of the attachments, inside the call file’s folder"), N_("DIR") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(GFile) table_file = NULL;
  g_autoptr(GFile) rubric_file = NULL;
  g_autoptr(GFile) output_file = NULL;
  g_autoptr(GFile) call_folder = NULL;
  g_autoptr(GFile) attachments_folder = NULL;
  g_autoptr(JuryTable) table = NULL;
  g_autoptr(JuryCallLoader) loader = NULL;
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *table_name = NULL;
  g_autofree char *output_name = NULL;
  g_autofree char *problem = NULL;
  JuryColumnMapping mapping;
  JuryMakeCallOptions options = { 0 };
  guint n_attachments = 0;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("Say where the call file goes, with -o CALL.xml."));
  if (rubric_path == NULL)
    return jury_cli_usage_error (command, "%s",
                                 _("Name a call file to take the rubric from, with --rubric RUBRIC.xml."));
  if (title != NULL && (problem = jury_text_check (title, JURY_TEXT_NAME, _("the title"))))
    return jury_cli_usage_error (command, "%s", problem);

  table_file = g_file_new_for_commandline_arg (args[0]);
  table_name = jury_cli_display_name (args[0]);
  if (!(table = jury_table_read_file (table_file, NULL, &error)))
    return jury_cli_input_error ("%s", error->message);

  jury_column_mapping_guess (&mapping, table);
  for (guint i = 0; column_specs != NULL && column_specs[i] != NULL; i++)
    if (!jury_column_mapping_apply (&mapping, table, column_specs[i], &error))
      return jury_cli_usage_error (command, "--column %s: %s", column_specs[i], error->message);

  rubric_file = g_file_new_for_commandline_arg (rubric_path);
  loader = jury_call_loader_new (rubric_file);
  if (!(call = jury_call_loader_load (loader, NULL, &error)))
    return jury_cli_input_error ("%s", error->message);

  /* The new call: the rubric, scale, awards and language of that one, its own
   * title and id, and no theme or description of another year. */
  if (title != NULL)
    {
      g_free (call->title);
      call->title = g_strdup (title);
    }
  g_free (call->id);
  call->id = id != NULL ? g_strdup (id) : jury_make_slug (call->title);
  g_clear_pointer (&call->theme, g_free);
  g_clear_pointer (&call->description, g_free);
  g_clear_pointer (&call->sha256, g_free);

  output_file = g_file_new_for_commandline_arg (output);
  call_folder = g_file_get_parent (output_file);
  options.table_name = table_name;
  options.call_folder = call_folder;
  if (attachments != NULL)
    options.attachments = attachments_folder = g_file_new_for_commandline_arg (attachments);

  if (!(submissions = jury_make_submissions (table, &mapping, &options, NULL, &error)))
    return jury_cli_input_errors (error->message);
  if (!jury_call_write_file (call, submissions, output_file, NULL, &error))
    return jury_cli_input_error ("%s", error->message);

  for (guint i = 0; i < submissions->len; i++)
    n_attachments += ((JurySubmission *) g_ptr_array_index (submissions, i))->attachments->len;

  output_name = jury_cli_display_name (output);
  /* Translators: "call.xml: 31 submissions from applications.csv" */
  g_print (ngettext ("%s: %u submission from %s", "%s: %u submissions from %s", submissions->len),
           output_name, submissions->len, table_name);
  if (n_attachments > 0)
    /* Translators: follows "call.xml: 31 submissions from applications.csv" */
    g_print (ngettext (", with %u attachment", ", with %u attachments", n_attachments), n_attachments);
  g_print ("\n");
  print_mapping (table, &mapping);

  return JURY_CLI_EXIT_OK;
}
