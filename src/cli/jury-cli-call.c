/* jury-cli-call.c: the subcommands that start from a call file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-call-loader.h"
#include "jury-cli-private.h"
#include "jury-store.h"

static void
print_call_summary (const char     *name,
                    const JuryCall *call)
{
  g_autofree char *submissions = NULL;
  g_autofree char *criteria = NULL;
  g_autofree char *awards = NULL;
  g_autofree char *title = jury_cli_escape (call->title);

  submissions = g_strdup_printf (ngettext ("%u submission", "%u submissions", call->n_submissions),
                                 call->n_submissions);
  criteria = g_strdup_printf (ngettext ("%u criterion", "%u criteria", call->criteria->len),
                              call->criteria->len);
  awards = g_strdup_printf (ngettext ("%u award", "%u awards", call->awards), call->awards);

  /* Translators: "call.xml: valid call "Title" — 27 submissions, 6 criteria, scale 1–5, 5 awards".
   * The %d are the lowest and highest score. */
  g_print (_("%s: valid call \"%s\" — %s, %s, scale %d–%d, %s"),
           name, title, submissions, criteria, call->scale_min, call->scale_max, awards);
  g_print ("\n");
}

int
jury_cli_validate (const JuryCliCommand  *command,
                   int                    argc,
                   char                 **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JuryCallLoader) loader = NULL;
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!jury_cli_parse (command, NULL, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;

  file = g_file_new_for_commandline_arg (args[0]);
  loader = jury_call_loader_new (file);
  call = jury_call_loader_load (loader, NULL, &error);
  if (call == NULL)
    return jury_cli_input_error ("%s", error->message);

  name = jury_cli_display_name (args[0]);
  print_call_summary (name, call);
  return JURY_CLI_EXIT_OK;
}

int
jury_cli_init (const JuryCliCommand  *command,
               int                    argc,
               char                 **argv)
{
  g_autofree char *juror = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "juror", 'j', 0, G_OPTION_ARG_STRING, &juror,
      N_("The juror’s name, as the programme managers will see it"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The jury database to create; it must not exist yet"), N_("OUT.jury") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(GFile) call_file = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;
  if (juror == NULL || *g_strstrip (juror) == '\0')
    return jury_cli_usage_error (command, "%s", _("The juror’s name (--juror NAME) is missing."));
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("The database to create (-o OUT.jury) is missing."));

  call_file = g_file_new_for_commandline_arg (args[0]);
  store = jury_store_create (output, call_file, juror, NULL, &error);
  if (store == NULL)
    return jury_cli_input_error ("%s", error->message);

  display = jury_cli_escape (output);
  /* Translators: %s are the new file and the juror's name. */
  g_print (_("%s: jury database created for \"%s\""), display, juror);
  g_print ("\n");
  /* Translators: %s is a machine-readable id, keep it last on the line. */
  g_print (_("juror id: %s"), jury_store_get_sole_juror_id (store));
  g_print ("\n");
  return JURY_CLI_EXIT_OK;
}
