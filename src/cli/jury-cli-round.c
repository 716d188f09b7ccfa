/* jury-cli-round.c: the subcommands that open a round: a panel, invitations, who has handed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-cli-private.h"
#include "jury-results.h"
#include "jury-round.h"
#include "jury-table.h"
#include "jury-text.h"

/* The header names the columns of a conflicts table may have, in English and German. */
static const char * const conflict_juror_headers[] = {
  "juror", "jurorin", "juror*in", "juror:in", "jurymitglied", "name", NULL
};
static const char * const conflict_submission_headers[] = {
  "submission", "einreichung", "network", "netzwerk", "id", NULL
};

/* The column whose header, trimmed and in small letters, is one of NAMES; -1. */
static int
find_column (GStrv               header,
             const char * const *names)
{
  for (int c = 0; header[c] != NULL; c++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (header[c]));
      g_autofree char *folded = g_utf8_strdown (trimmed, -1);

      if (g_strv_contains (names, folded))
        return c;
    }

  return -1;
}

static char *
dup_cell (GStrv row,
          int   column)
{
  for (int c = 0; c <= column; c++)
    if (row[c] == NULL)
      return g_strdup ("");

  return g_strstrip (g_strdup (row[column]));
}

static JuryTable *
read_table (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return jury_table_read_file (file, NULL, error);
}

typedef struct
{
  JuryJurorEntry *entry;
  GPtrArray      *conflicts;  /* submission ids */
} Juror;

static void
juror_free (Juror *juror)
{
  jury_juror_entry_free (juror->entry);
  g_ptr_array_unref (juror->conflicts);
  g_free (juror);
}

/* The jurors of a table with a name column (and an e-mail column, perhaps). */
static GPtrArray *
read_jurors (const char  *path,
             GError     **error)
{
  g_autoptr(JuryTable) table = read_table (path, error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *file = NULL;
  GPtrArray *jurors;

  if (table == NULL)
    return NULL;

  file = jury_cli_display_name (path);
  if (!(entries = jury_round_read_jurors (table, file, error)))
    return NULL;

  jurors = g_ptr_array_new_with_free_func ((GDestroyNotify) juror_free);
  for (guint i = 0; i < entries->len; i++)
    {
      Juror *juror = g_new0 (Juror, 1);

      juror->entry = g_ptr_array_steal_index (entries, i--);
      juror->conflicts = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (jurors, juror);
    }

  return jurors;
}

static Juror *
find_juror (GPtrArray  *jurors,
            const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint j = 0; j < jurors->len; j++)
    {
      Juror *juror = g_ptr_array_index (jurors, j);
      g_autofree char *juror_folded = g_utf8_casefold (juror->entry->name, -1);

      if (g_str_equal (folded, juror_folded) ||
          (juror->entry->email != NULL && g_ascii_strcasecmp (juror->entry->email, name) == 0))
        return juror;
    }

  return NULL;
}

static gboolean
read_conflicts (const char  *path,
                JuryStore   *panel,
                GPtrArray   *jurors,
                GError     **error)
{
  g_autoptr(JuryTable) table = read_table (path, error);
  g_autofree char *file = NULL;
  int juror_column, submission_column;

  if (table == NULL)
    return FALSE;

  file = jury_cli_display_name (path);
  juror_column = find_column (g_ptr_array_index (table->rows, 0), conflict_juror_headers);
  submission_column = find_column (g_ptr_array_index (table->rows, 0), conflict_submission_headers);
  if (juror_column < 0 || submission_column < 0 || juror_column == submission_column)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the first row must name the columns “juror” and “submission”"), file);
      return FALSE;
    }

  for (guint r = 1; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);
      guint number = g_array_index (table->row_numbers, guint, r);
      g_autofree char *name = dup_cell (row, juror_column);
      g_autofree char *what = dup_cell (row, submission_column);
      g_autoptr(GPtrArray) ids = NULL;
      Juror *juror;

      if (*name == '\0' && *what == '\0')
        continue;
      if (!(juror = find_juror (jurors, name)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: row %u: there is no juror “%s” among the jurors"), file, number, name);
          return FALSE;
        }
      if (!(ids = jury_round_find_submissions (panel, what, error)))
        return FALSE;
      if (ids->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: row %u: “%s” is no submission’s id or title, nor a network’s name"),
                       file, number, what);
          return FALSE;
        }
      for (guint i = 0; i < ids->len; i++)
        g_ptr_array_add (juror->conflicts, g_strdup (g_ptr_array_index (ids, i)));
    }

  return TRUE;
}

static int
write_invitation (JuryStore   *panel,
                  const char  *juror_id,
                  const char  *name,
                  const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = jury_cli_display_name (path);
  g_autofree char *shown = jury_cli_escape (name);

  if (!jury_round_write_invitation (panel, juror_id, path, &error))
    return jury_cli_input_error ("%s", error->message);

  /* Translators: an invitation's file, a juror's name */
  g_print (_("%s: invitation for %s"), display, shown);
  g_print ("\n");
  return JURY_CLI_EXIT_OK;
}

int
jury_cli_new_panel (const JuryCliCommand  *command,
                    int                    argc,
                    char                 **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The panel database to create (required)"), N_("PANEL.jury") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(GFile) call = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("Say where the panel database goes, with -o PANEL.jury."));

  call = g_file_new_for_commandline_arg (args[0]);
  if (!(panel = jury_store_new_panel (output, call, NULL, &error)))
    return jury_cli_input_error ("%s", error->message);

  display = jury_cli_display_name (output);
  /* Translators: a file name, then the number of submissions */
  g_print (ngettext ("%s: panel created for %u submission", "%s: panel created for %u submissions",
                     jury_store_get_call (panel)->n_submissions),
           display, jury_store_get_call (panel)->n_submissions);
  g_print ("\n");
  return JURY_CLI_EXIT_OK;
}

/* The invitation of the juror named or with the id WANTED written again. */
static int
invite_again (JuryStore   *panel,
              const char  *wanted,
              const char  *dir)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  if (!(statuses = jury_round_list_status (panel, &error)))
    return jury_cli_input_error ("%s", error->message);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < statuses->len; i++)
      {
        const JuryJurorStatus *status = g_ptr_array_index (statuses, i);

        if (status->invited && g_strcmp0 (pass == 0 ? status->id : status->name, wanted) == 0)
          {
            g_autofree char *file = jury_round_invitation_name (status->name);
            g_autofree char *path = g_build_filename (dir, file, NULL);

            return write_invitation (panel, status->id, status->name, path);
          }
      }

  return jury_cli_input_error (_("the panel has invited nobody named or with the id “%s”"), wanted);
}

int
jury_cli_invite (const JuryCliCommand  *command,
                 int                    argc,
                 char                 **argv)
{
  g_autofree char *jurors_path = NULL;
  g_autofree char *conflicts_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *again = NULL;
  int per_submission = 0;
  gint64 seed = 0;
  const GOptionEntry entries[] = {
    { "jurors", 'j', 0, G_OPTION_ARG_FILENAME, &jurors_path,
      N_("The jurors: a table with a column “name” (and “email”)"), N_("JURORS.csv") },
    { "per-submission", 'k', 0, G_OPTION_ARG_INT, &per_submission,
      N_("How many jurors read each submission (none: every juror)"), N_("K") },
    { "conflicts", 'c', 0, G_OPTION_ARG_FILENAME, &conflicts_path,
      N_("Conflicts of interest: a table with the columns “juror” and “submission”"), N_("CONFLICTS.csv") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("The seed of the plan: the same seed gives the same plan"), N_("S") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The folder for the invitations (required)"), N_("DIR") },
    { "again", 0, 0, G_OPTION_ARG_STRING, &again,
      N_("Write the invitation of this juror again, when it was lost"), N_("NAME|ID") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree JuryInvitee *invitees = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) names = NULL;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;
  if (output == NULL)
    return jury_cli_usage_error (command, "%s", _("Say which folder the invitations go to, with -o DIR."));
  if (again == NULL && jurors_path == NULL)
    return jury_cli_usage_error (command, "%s", _("Name the jurors, with --jurors JURORS.csv."));
  if (per_submission < 0)
    return jury_cli_usage_error (command, "%s", _("--per-submission takes a number of jurors, 2 or more."));

  if (!(panel = jury_store_open (args[0], &error)))
    return jury_cli_input_error ("%s", error->message);
  if (!jury_store_is_panel (panel))
    return jury_cli_input_error (_("%s is a juror’s database; invite from a panel database (jury-desk new-panel)"),
                                 jury_store_get_path (panel));
  if (g_mkdir_with_parents (output, 0777) != 0)
    return jury_cli_input_error (_("Could not make the folder %s"), output);

  if (again != NULL)
    return invite_again (panel, again, output);

  if (jury_round_is_sent (panel))
    return jury_cli_input_error ("%s", _("the panel has invited its jurors already; write a lost invitation "
                                          "again with --again NAME"));
  if (jury_round_has_invitations (panel))
    return jury_cli_input_error ("%s", _("the panel lists jurors already, added in the window; create the "
                                          "invitations there"));

  if (!(jurors = read_jurors (jurors_path, &error)) ||
      (conflicts_path != NULL && !read_conflicts (conflicts_path, panel, jurors, &error)))
    return jury_cli_input_error ("%s", error->message);

  invitees = g_new0 (JuryInvitee, jurors->len);
  for (guint j = 0; j < jurors->len; j++)
    {
      Juror *juror = g_ptr_array_index (jurors, j);

      g_ptr_array_add (juror->conflicts, NULL);
      invitees[j] = (JuryInvitee) { juror->entry->name, juror->entry->email, (const char * const *) juror->conflicts->pdata };
    }

  /* Nothing is written unless the whole plan can be made. */
  if (!jury_round_invite (panel, invitees, jurors->len, per_submission, seed, &ids, &note, &error))
    return jury_cli_input_error ("%s", error->message);

  if (!(paths = jury_round_write_invitations (panel, output, &names, &error)))
    return jury_cli_input_error ("%s", error->message);
  for (guint j = 0; paths[j] != NULL; j++)
    {
      g_autofree char *display = jury_cli_display_name (paths[j]);
      g_autofree char *shown = jury_cli_escape (names[j]);

      /* Translators: an invitation's file, a juror's name */
      g_print (_("%s: invitation for %s"), display, shown);
      g_print ("\n");
    }

  if (note != NULL)
    g_print ("%s\n", note);
  return JURY_CLI_EXIT_OK;
}

static void
print_status_json (JuryStore *panel,
                   GPtrArray *statuses)
{
  g_autoptr(GString) out = g_string_new ("{\"call\": ");
  const JuryCall *call = jury_store_get_call (panel);

  jury_json_append_string (out, call->id);
  g_string_append (out, ", \"jurors\": [");
  for (guint i = 0; i < statuses->len; i++)
    {
      const JuryJurorStatus *status = g_ptr_array_index (statuses, i);

      g_string_append (out, i > 0 ? ",\n  {" : "\n  {");
      g_string_append (out, "\"id\": ");
      jury_json_append_string (out, status->id);
      g_string_append (out, ", \"name\": ");
      jury_json_append_string (out, status->name);
      g_string_append_printf (out, ", \"invited\": %s, \"assigned\": %u, \"complete\": %u, \"conflicts\": %u",
                              status->invited ? "true" : "false", status->assigned, status->complete,
                              status->conflicts);
      g_string_append (out, ", \"handed_in\": ");
      jury_json_append_string (out, status->handed_in);
      g_string_append (out, ", \"receipt\": ");
      jury_json_append_string (out, status->receipt);
      g_string_append (out, "}");
    }
  g_string_append (out, statuses->len > 0 ? "\n]}\n" : "]}\n");

  {
    g_autoptr(GBytes) bytes = g_bytes_new (out->str, out->len);
    g_autoptr(GError) error = NULL;

    if (!jury_cli_write_stdout (bytes, &error))
      jury_cli_input_error ("%s", error->message);
  }
}

static void
print_status_text (JuryStore *panel,
                   GPtrArray *statuses)
{
  const JuryCall *call = jury_store_get_call (panel);
  g_autofree char *title = jury_cli_escape (call->title);
  guint n_handed_in = 0;

  for (guint i = 0; i < statuses->len; i++)
    if (((JuryJurorStatus *) g_ptr_array_index (statuses, i))->handed_in != NULL)
      n_handed_in++;

  g_print ("%s\n", title);
  /* Translators: "5 of 8 jurors have handed in" */
  g_print (ngettext ("%u of %u juror has handed in", "%u of %u jurors have handed in", statuses->len),
           n_handed_in, statuses->len);
  g_print ("\n\n");

  for (guint i = 0; i < statuses->len; i++)
    {
      const JuryJurorStatus *status = g_ptr_array_index (statuses, i);
      g_autofree char *name = jury_cli_escape (status->name);
      g_autofree char *progress = NULL;
      g_autofree char *handed_in = NULL;

      /* Translators: "12 of 15 complete, 1 conflict of interest" */
      progress = g_strdup_printf (ngettext ("%u of %u complete, %u conflict of interest",
                                            "%u of %u complete, %u conflicts of interest", status->conflicts),
                                  status->complete, status->assigned, status->conflicts);
      if (status->handed_in != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (status->handed_in, NULL);
          g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
          g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                                : g_strdup (status->handed_in);

          /* Translators: when a juror's work was merged, and the receipt code of it */
          handed_in = g_strdup_printf (_("handed in %s, receipt %s"), when, status->receipt);
        }
      else
        handed_in = g_strdup (_("not handed in"));

      g_print ("%s%s — %s; %s\n", name, status->invited ? "" : _(" (not invited)"), progress, handed_in);
    }
}

int
jury_cli_status (const JuryCliCommand  *command,
                 int                    argc,
                 char                 **argv)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("“text” (the default) or “json”"), N_("FORMAT") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(JuryStore) panel = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  if (!jury_cli_parse (command, entries, argc, argv, 1, &args))
    return JURY_CLI_EXIT_USAGE;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return jury_cli_usage_error (command, _("Unknown format “%s”; use text or json."), format);

  if (!(panel = jury_store_open_read_only (args[0], &error)) ||
      !(statuses = jury_round_list_status (panel, &error)))
    return jury_cli_input_error ("%s", error->message);

  if (format != NULL && g_str_equal (format, "json"))
    print_status_json (panel, statuses);
  else
    print_status_text (panel, statuses);

  return JURY_CLI_EXIT_OK;
}
