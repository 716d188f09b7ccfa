/* jury-cli.c: the headless subcommands, their dispatch and usage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "jury-cli-private.h"
#include "jury-text.h"

static int run_help (const JuryCliCommand  *command,
                     int                    argc,
                     char                 **argv);

static const JuryCliCommand commands[] = {
  { "validate", N_("CALL.xml"), N_("CALL.xml"),
    N_("Check a call file against the schema and the rules a schema cannot express."),
    jury_cli_validate },
  { "init", N_("CALL.xml"), N_("CALL.xml --juror NAME -o OUT.jury"),
    N_("Create a juror’s jury database from a call file."),
    jury_cli_init },
  { "form", N_("DB.jury"), N_("DB.jury [-o FORM.csv] [--juror NAME|ID]"),
    N_("Write the scoring form (CSV) with the current scores and comments."),
    jury_cli_form },
  { "import-scores", N_("DB.jury FORM.csv"), N_("DB.jury FORM.csv [--juror NAME|ID]"),
    N_("Read scores, comments and conflicts from a filled scoring form."),
    jury_cli_import_scores },
  { "info", N_("DB.jury"), N_("DB.jury"),
    N_("Show the call, the jurors and their progress, and the integrity of a jury database."),
    jury_cli_info },
  { "verify", N_("DB.jury"), N_("DB.jury"),
    N_("Check the database file and every juror’s audit chain."),
    jury_cli_verify },
  { "make-call", N_("TABLE"),
    N_("TABLE -o CALL.xml --rubric RUBRIC.xml [--title T] [--id ID] [--column FIELD=HEADER]… [--attachments DIR]"),
    N_("Make a call file from a table of applications (CSV, XLSX or ODS) and the rubric of another call."),
    jury_cli_make_call },
  { "new-panel", N_("CALL.xml"), N_("CALL.xml -o PANEL.jury"),
    N_("Create a programme manager’s panel database from a call file, to invite the jurors from."),
    jury_cli_new_panel },
  { "invite", N_("PANEL.jury"),
    N_("PANEL.jury --jurors JURORS.csv [--per-submission K] [--conflicts CONFLICTS.csv] [--seed S] -o DIR "
       "| PANEL.jury --again NAME -o DIR"),
    N_("Add the jurors, plan who reads what, and write each juror’s invitation (a juror’s database)."),
    jury_cli_invite },
  { "status", N_("PANEL.jury"), N_("PANEL.jury [--format text|json]"),
    N_("Show who is invited, what each juror reads, and who has handed in, with the receipt codes."),
    jury_cli_status },
  { "merge", N_("JUROR.jury…"), N_("-o PANEL.jury [--allow-uninvited] JUROR.jury…"),
    N_("Merge jurors’ databases into a panel database: all of them or, when one is refused, none."),
    jury_cli_merge },
  { "attachment", N_("DB.jury SUBMISSION NAME"), N_("DB.jury SUBMISSION NAME -o FILE"),
    N_("Write one of a submission’s attachments to a file."),
    jury_cli_attachment },
  { "results", N_("DB.jury"), N_("DB.jury [--normalize] [--format text|csv|json]"),
    N_("Show the ranking, the spread of the scores and the jurors’ agreement."),
    jury_cli_results },
  { "export", N_("DB.jury"), N_("DB.jury --format csv|xlsx|pdf -o OUT [--anonymous] [--normalize]"),
    N_("Write the results as a ranking (CSV), a spreadsheet (XLSX) or a dossier (PDF)."),
    jury_cli_export },
  { "help", N_("[COMMAND]"), N_("[COMMAND]"),
    N_("Show the commands, or the options of one command."),
    run_help },
};

static const JuryCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

/* A message is one line, whatever the names and file names in it hold. */
static void
print_message (const char *format,
               va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *escaped = jury_text_escape_for_terminal (message, FALSE);

  g_printerr ("jury-desk: %s\n", escaped);
}

/* Whatever reaches the terminal through g_print() and g_printerr() has its
 * control characters and bidirectional controls shown as escapes: text from a
 * file can neither retitle the terminal nor reorder or forge what it shows. */
static void
print_escaped (FILE       *stream,
               const char *text)
{
  g_autofree char *escaped = jury_text_escape_for_terminal (text, TRUE);
  g_autofree char *converted = NULL;
  const char *charset;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (escaped, -1, charset, "UTF-8", "?", NULL, NULL, NULL);

  fputs (converted != NULL ? converted : escaped, stream);
  fflush (stream);
}

static void
print_cb (const char *text)
{
  print_escaped (stdout, text);
}

static void
printerr_cb (const char *text)
{
  print_escaped (stderr, text);
}

static void
print_overview (void)
{
  g_autofree char *commands_help = jury_cli_dup_commands_help ();

  g_print ("%s\n  jury-desk [%s]\n", _("Usage:"), _("FILE"));
  g_print ("    %s\n", _("Opens FILE (a call or a jury database) in the window."));
  g_print ("%s", commands_help);
}

static int
run_help (const JuryCliCommand  *command,
          int                    argc,
          char                 **argv)
{
  g_auto(GStrv) args = NULL;
  const JuryCliCommand *topic;
  char *help_argv[4];

  if (argc < 3)
    {
      print_overview ();
      return JURY_CLI_EXIT_OK;
    }

  if (!jury_cli_parse (command, NULL, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;

  topic = find_command (args[0]);
  if (topic == NULL)
    return jury_cli_usage_error (command, _("There is no command “%s”."), args[0]);

  /* The command's own option context prints its help. */
  help_argv[0] = argv[0];
  help_argv[1] = (char *) topic->name;
  help_argv[2] = (char *) "--help";
  help_argv[3] = NULL;
  return topic->run (topic, 3, help_argv);
}

gboolean
jury_cli_parse (const JuryCliCommand  *command,
                const GOptionEntry    *entries,
                int                    argc,
                char                 **argv,
                guint                  n_args,
                GStrv                 *args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *prgname = g_strdup_printf ("jury-desk %s", command->name);
  g_auto(GStrv) strv = NULL;

  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (argc >= 2, FALSE);
  g_return_val_if_fail (args != NULL, FALSE);

  /* GOption prints "Usage: PRGNAME [OPTION…] …" in --help. */
  g_set_prgname (prgname);

  g_strv_builder_add (builder, prgname);
  for (int i = 2; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  strv = g_strv_builder_end (builder);

  context = g_option_context_new (_(command->arguments));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &strv, &error))
    {
      jury_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (g_strv_length (strv) - 1 != n_args)
    {
      if (g_strv_length (strv) - 1 < n_args)
        jury_cli_usage_error (command, "%s", _("An argument is missing."));
      else
        /* Translators: %s is an argument given on the command line. */
        jury_cli_usage_error (command, _("Unexpected argument “%s”."), strv[n_args + 1]);
      return FALSE;
    }

  *args = g_strdupv (strv + 1);
  return TRUE;
}

int
jury_cli_usage_error (const JuryCliCommand *command,
                      const char           *format,
                      ...)
{
  va_list args;

  g_return_val_if_fail (command != NULL, JURY_CLI_EXIT_USAGE);

  va_start (args, format);
  print_message (format, args);
  va_end (args);

  g_printerr ("%s jury-desk %s %s\n", _("Usage:"), command->name, _(command->synopsis));
  /* Translators: %s is a command such as "validate". */
  g_printerr (_("Run “jury-desk %s --help” for more."), command->name);
  g_printerr ("\n");
  return JURY_CLI_EXIT_USAGE;
}

int
jury_cli_input_error (const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  print_message (format, args);
  va_end (args);

  return JURY_CLI_EXIT_INPUT;
}

int
jury_cli_input_errors (const char *lines)
{
  g_auto(GStrv) parts = g_strsplit (lines, "\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = jury_text_escape_for_terminal (parts[i], FALSE);

      g_printerr ("jury-desk: %s\n", escaped);
    }

  return JURY_CLI_EXIT_INPUT;
}

char *
jury_cli_display_name (const char *path)
{
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  display = g_filename_display_name (base);

  return jury_text_escape_for_terminal (display, FALSE);
}

char *
jury_cli_escape (const char *text)
{
  return jury_text_escape_for_terminal (text, FALSE);
}

gboolean
jury_cli_write_stdout (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(GBytes) escaped = NULL;
  gsize length;
  const char *data;

  /* A table or JSON is written as it is, unless a person reads it on a terminal. */
  if (isatty (STDOUT_FILENO))
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      char *safe = jury_text_escape_for_terminal (text, TRUE);

      escaped = g_bytes_new_take (safe, strlen (safe));
      bytes = escaped;
    }

  data = g_bytes_get_data (bytes, &length);
  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write to the standard output: %s"), g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

char *
jury_cli_dup_commands_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append_printf (help, "  jury-desk %s %s\n", commands[i].name, _(commands[i].synopsis));
      g_string_append_printf (help, "    %s\n", _(commands[i].summary));
    }
  g_string_append_printf (help, "\n%s\n",
                          _("Commands run without a window. Run “jury-desk COMMAND --help” for the options of a command."));
  g_string_append_printf (help, "%s\n",
                          _("Exit status: 0 success, 1 bad input (a message names the file and the problem), 2 wrong arguments."));

  return g_string_free (g_steal_pointer (&help), FALSE);
}

gboolean
jury_cli_is_command (const char *arg)
{
  g_return_val_if_fail (arg != NULL, FALSE);

  return find_command (arg) != NULL;
}

int
jury_cli_run (int    argc,
              char **argv)
{
  const JuryCliCommand *command;

  g_return_val_if_fail (argc >= 2, JURY_CLI_EXIT_USAGE);

  command = find_command (argv[1]);
  g_return_val_if_fail (command != NULL, JURY_CLI_EXIT_USAGE);

  g_set_print_handler (print_cb);
  g_set_printerr_handler (printerr_cb);

  return command->run (command, argc, argv);
}
