/* jury-cli-merge.c: the subcommand that merges jurors' databases into a panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-cli-private.h"
#include "jury-merge.h"

/* One line on what happened to ENTRY, or what would have happened had nothing
 * been refused. */
static void
print_entry (const JuryMergeEntry *entry,
             gboolean              written)
{
  g_autofree char *file = jury_cli_display_name (entry->path);
  g_autofree char *juror = jury_cli_escape (entry->juror_name != NULL ? entry->juror_name : "");

  switch (entry->outcome)
    {
    case JURY_MERGE_ADDED:
      if (written)
        /* Translators: "anna.jury: added Anna, 42 changes" */
        g_print (ngettext ("%s: added %s, %u change", "%s: added %s, %u changes", entry->n_changes),
                 file, juror, entry->n_changes);
      else
        g_print (ngettext ("%s: would add %s, %u change", "%s: would add %s, %u changes", entry->n_changes),
                 file, juror, entry->n_changes);
      break;
    case JURY_MERGE_REPLACED:
      if (written)
        /* Translators: "anna.jury: replaced Anna by a later copy, 3 new changes" */
        g_print (ngettext ("%s: replaced %s by a later copy, %u new change",
                           "%s: replaced %s by a later copy, %u new changes", entry->n_changes),
                 file, juror, entry->n_changes);
      else
        g_print (ngettext ("%s: would replace %s by a later copy, %u new change",
                           "%s: would replace %s by a later copy, %u new changes", entry->n_changes),
                 file, juror, entry->n_changes);
      break;
    case JURY_MERGE_UNCHANGED:
      /* Translators: a file name, a juror's name */
      g_print (_("%s: unchanged, the panel has this copy of %s or a later one"), file, juror);
      break;
    case JURY_MERGE_REFUSED:
    default:
      jury_cli_input_error (_("refused: %s"), entry->reason);
      return;
    }
  if (entry->receipt != NULL)
    /* Translators: after what happened to a juror's file; the code both sides compare */
    g_print (_("; receipt %s"), entry->receipt);
  g_print ("\n");

  /* Taken all the same: a juror may hand in before scoring, to try the way there. */
  if (entry->nothing_scored)
    {
      /* Translators: a file name, a juror's name */
      g_print (_("%s: %s has not scored anything yet"), file, juror);
      g_print ("\n");
    }
}

static void
print_panel (const char *path,
             gboolean    created)
{
  g_autoptr(JuryStore) panel = jury_store_open_read_only (path, NULL);
  g_autoptr(GPtrArray) jurors = panel != NULL ? jury_store_list_jurors (panel) : NULL;
  g_autofree char *name = jury_cli_display_name (path);
  guint n = jurors != NULL ? jurors->len : 0;

  if (created)
    /* Translators: "panel.jury: created, 5 jurors" */
    g_print (ngettext ("%s: created, %u juror", "%s: created, %u jurors", n), name, n);
  else
    g_print (ngettext ("%s: merged, %u juror", "%s: merged, %u jurors", n), name, n);
  g_print ("\n");
}

int
jury_cli_merge (const JuryCliCommand  *command,
                int                    argc,
                char                 **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) inputs = NULL;
  gboolean allow_uninvited = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The panel database: created when it does not exist, else merged into (required)"), N_("PANEL.jury") },
    { "allow-uninvited", 0, 0, G_OPTION_ARG_NONE, &allow_uninvited,
      N_("Take jurors’ databases not made from the panel’s invitations, too"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *panel_name = NULL;

  /* The juror databases are the remaining arguments, however many. */
  if (!jury_cli_parse (command, entries, argc, argv, 0, &args))
    return JURY_CLI_EXIT_USAGE;
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("Say where the panel database is, with -o PANEL.jury."));
  if (inputs == NULL || inputs[0] == NULL)
    return jury_cli_usage_error (command, "%s", _("Name at least one juror’s database to merge."));

  report = jury_merge_files_full (output, (const char * const *) inputs,
                                  allow_uninvited ? JURY_MERGE_ALLOW_UNINVITED : JURY_MERGE_NONE, NULL, &error);
  if (report == NULL)
    return jury_cli_input_error ("%s", error->message);

  for (guint i = 0; i < report->entries->len; i++)
    print_entry (g_ptr_array_index (report->entries, i), report->written);

  panel_name = jury_cli_display_name (output);
  if (!report->written)
    return jury_cli_input_error (_("nothing was written to %s, because a file was refused"), panel_name);

  print_panel (output, report->created);
  return JURY_CLI_EXIT_OK;
}
