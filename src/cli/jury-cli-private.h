/* jury-cli-private.h: what the subcommands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-cli.h"

G_BEGIN_DECLS

typedef struct _JuryCliCommand JuryCliCommand;

struct _JuryCliCommand
{
  const char *name;
  const char *arguments;  /* untranslated; the arguments besides the options */
  const char *synopsis;   /* untranslated; arguments and options after the name */
  const char *summary;    /* untranslated */
  int       (*run)        (const JuryCliCommand  *command,
                           int                    argc,
                           char                 **argv);
};

/* Parses ARGV (ARGV[1] is the command) with ENTRIES (nullable) and expects exactly
 * N_ARGS arguments besides the options, returned in ARGS. On a usage error prints it
 * and returns FALSE; the command then exits with JURY_CLI_EXIT_USAGE. */
gboolean jury_cli_parse        (const JuryCliCommand  *command,
                                const GOptionEntry    *entries,
                                int                    argc,
                                char                 **argv,
                                guint                  n_args,
                                GStrv                 *args);
/* Prints "jury-desk: MESSAGE" and the command's short usage; returns JURY_CLI_EXIT_USAGE. */
int      jury_cli_usage_error  (const JuryCliCommand  *command,
                                const char            *format,
                                ...) G_GNUC_PRINTF (2, 3);
/* Prints "jury-desk: MESSAGE" for bad input; returns JURY_CLI_EXIT_INPUT. */
int      jury_cli_input_error  (const char            *format,
                                ...) G_GNUC_PRINTF (1, 2);
/* Prints LINES, problems one per line (whose own texts hold no line break),
 * each as "jury-desk: LINE"; returns JURY_CLI_EXIT_INPUT. */
int      jury_cli_input_errors (const char            *lines);
/* The name a message uses for a file given on the command line: its basename,
 * with anything a terminal would act on escaped. */
char    *jury_cli_display_name (const char            *path);
/* TEXT from a file, as one line that a terminal shows and does not act on. */
char    *jury_cli_escape       (const char            *text);
/* BYTES (a CSV or JSON document) on the standard output; escaped as g_print() does
 * when that is a terminal. */
gboolean jury_cli_write_stdout (GBytes                *bytes,
                                GError               **error);

/* The commands, in jury-cli-call.c and jury-cli-store.c. */
int      jury_cli_validate      (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_init          (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_form          (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_import_scores (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_info          (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_verify        (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_attachment    (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
/* In jury-cli-make-call.c. */
int      jury_cli_make_call     (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
/* In jury-cli-round.c. */
int      jury_cli_new_panel     (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_invite        (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_status        (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
/* In jury-cli-merge.c. */
int      jury_cli_merge         (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
/* In jury-cli-results.c. */
int      jury_cli_results       (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);
int      jury_cli_export        (const JuryCliCommand  *command,
                                 int                    argc,
                                 char                 **argv);

G_END_DECLS
