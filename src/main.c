/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jury-application.h"
#include "jury-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JuryApplication) app = NULL;
  g_autofree char *commands = NULL;
  g_autofree char *description = NULL;
  const char *localedir = g_getenv ("JURY_DESK_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* The build tree's translations, for tests and for running without installing. */
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A subcommand runs headless: GTK is never initialised, no display is needed. */
  if (argc > 1 && jury_cli_is_command (argv[1]))
    return jury_cli_run (argc, argv);

  app = jury_application_new ();
  /* --help lists the commands too, not only the window's options. */
  commands = jury_cli_dup_commands_help ();
  description = g_strdup_printf ("%s\n%s", _("Commands:"), commands);
  g_application_set_option_context_description (G_APPLICATION (app), description);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
