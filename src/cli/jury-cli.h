/* jury-cli.h: the headless subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of every subcommand. */
#define JURY_CLI_EXIT_OK    0
#define JURY_CLI_EXIT_INPUT 1  /* bad input: a message on stderr names the file and the problem */
#define JURY_CLI_EXIT_USAGE 2  /* wrong arguments */

/* The commands, each with its synopsis and what it does, and how they end: what
 * `jury-desk help` and `jury-desk --help` list. */
char    *jury_cli_dup_commands_help (void);
/* TRUE when ARG names a subcommand (validate, init, form, …). */
gboolean jury_cli_is_command (const char  *arg);
/* Runs the subcommand in ARGV[1]; ARGV[0] is the program name. Needs no display. */
int      jury_cli_run        (int          argc,
                              char       **argv);

G_END_DECLS
