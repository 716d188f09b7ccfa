/* jury-cli-results.c: the subcommands that show and export a panel's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jury-cli-private.h"
#include "jury-export.h"
#include "jury-export-csv.h"
#include "jury-results.h"

#define DISAGREEMENT_HELP \
  N_("Mark a disagreement where the standard deviation is above this share of the scale’s range " \
     "(0.2 unless given)")

typedef enum
{
  RESULTS_TEXT,
  RESULTS_CSV,
  RESULTS_JSON,
} ResultsFormat;

/* Opens DB only to read it; otherwise prints why and returns NULL. */
static JuryStore *
open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  JuryStore *store = jury_store_open_read_only (path, &error);

  if (store == NULL)
    jury_cli_input_error ("%s", error->message);

  return store;
}

/* Reads the results of DB (a juror's database gives one juror's results).
 * Otherwise prints why and returns NULL. */
static JuryResults *
read_results (const char               *path,
              const JuryResultsOptions *options)
{
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_name = NULL;
  JuryResults *results;

  if (!(store = open_database (path)))
    return NULL;

  /* The ranking, its statistics and agreement need no review of their own. */
  results = jury_results_new_compact (store, options, &error);
  if (results == NULL)
    {
      db_name = jury_cli_display_name (path);
      jury_cli_input_error ("%s: %s", db_name, error->message);
    }

  return results;
}

/* The threshold of --disagreement: a share of the scale's range above 0 and at most
 * 1, written with a point whatever the locale. NULL (not given) is the default. */
static gboolean
parse_disagreement (const char *text,
                    double     *share)
{
  char *end = NULL;
  double value;

  *share = JURY_STATS_DEFAULT_DISAGREEMENT;
  if (text == NULL)
    return TRUE;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value > 0 && value <= 1))
    return FALSE;

  *share = value;
  return TRUE;
}

static int
disagreement_usage_error (const JuryCliCommand *command,
                          const char           *text)
{
  /* Translators: %s is what was given after --disagreement. */
  return jury_cli_usage_error (command, _("The threshold “%s” is not a share of the scale’s range "
                                          "above 0 and at most 1, such as 0.2."), text);
}

static gboolean
parse_results_format (const char    *text,
                      ResultsFormat *format)
{
  static const char * const names[] = { "text", "csv", "json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

static int
print_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;

  if (!jury_cli_write_stdout (bytes, &error))
    return jury_cli_input_error ("%s", error->message);

  return JURY_CLI_EXIT_OK;
}

int
jury_cli_results (const JuryCliCommand  *command,
                  int                    argc,
                  char                 **argv)
{
  gboolean normalize = FALSE;
  g_autofree char *format_name = NULL;
  g_autofree char *disagreement = NULL;
  const GOptionEntry entries[] = {
    { "normalize", 'n', 0, G_OPTION_ARG_NONE, &normalize,
      N_("Rank by the normalised mean, which evens out strict and kind jurors"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("text (a table, the default), csv or json"), N_("FORMAT") },
    { "disagreement", 'd', 0, G_OPTION_ARG_STRING, &disagreement, DISAGREEMENT_HELP, N_("FRACTION") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryResults) results = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JuryResultsOptions options = { FALSE, 0 };
  ResultsFormat format = RESULTS_TEXT;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;

  if (format_name != NULL && !parse_results_format (format_name, &format))
    /* Translators: %s is what was given after --format. */
    return jury_cli_usage_error (command, _("Unknown format “%s”; choose text, csv or json."),
                                 format_name);
  if (!parse_disagreement (disagreement, &options.disagreement))
    return disagreement_usage_error (command, disagreement);

  options.normalize = normalize;
  results = read_results (args[0], &options);
  if (results == NULL)
    return JURY_CLI_EXIT_INPUT;

  if (format == RESULTS_CSV)
    bytes = jury_export_csv (results);
  else
    {
      char *text = format == RESULTS_JSON ? jury_results_to_json (results)
                                          : jury_results_to_text (results);

      bytes = g_bytes_new_take (text, strlen (text));
    }

  return print_bytes (bytes);
}

int
jury_cli_export (const JuryCliCommand  *command,
                 int                    argc,
                 char                 **argv)
{
  gboolean normalize = FALSE;
  gboolean anonymous = FALSE;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *disagreement = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv (the ranking), xlsx (a spreadsheet) or pdf (the dossier)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write; one already there is replaced"), N_("OUT") },
    { "anonymous", 'a', 0, G_OPTION_ARG_NONE, &anonymous,
      N_("Name the jurors “Juror A”, “Juror B”, …"), NULL },
    { "normalize", 'n', 0, G_OPTION_ARG_NONE, &normalize,
      N_("Rank by the normalised mean, which evens out strict and kind jurors"), NULL },
    { "disagreement", 'd', 0, G_OPTION_ARG_STRING, &disagreement, DISAGREEMENT_HELP, N_("FRACTION") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  JuryResultsOptions results_options = { FALSE, 0 };
  JuryExportOptions options = { FALSE };
  JuryExportFormat format;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;

  if (format_name == NULL)
    return jury_cli_usage_error (command, "%s", _("Choose a format with --format csv, xlsx or pdf."));
  if (!jury_export_format_from_string (format_name, &format))
    /* Translators: %s is what was given after --format. */
    return jury_cli_usage_error (command, _("Unknown format “%s”; choose csv, xlsx or pdf."),
                                 format_name);
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("Name the file to write with -o OUT."));
  if (!parse_disagreement (disagreement, &results_options.disagreement))
    return disagreement_usage_error (command, disagreement);

  if (!(store = open_database (args[0])))
    return JURY_CLI_EXIT_INPUT;

  results_options.normalize = normalize;
  options.anonymous = anonymous;
  if (!jury_export_store (store, &results_options, format, &options, output, NULL, &error))
    return jury_cli_input_error ("%s", error->message);

  return JURY_CLI_EXIT_OK;
}
