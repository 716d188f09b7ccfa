/* jury-round-view.c: the jury of a round: jurors, conflicts, invitations, hand-ins
 *
 * Before the invitations go out the programme manager makes the jury here:
 * jurors by name or from a table, each juror's conflicts of interest, and how
 * many jurors read each submission. Create Invitations plans who reads what and
 * writes one juror's database per juror into a folder. From then on the jury
 * stays as it was sent, and the page shows who has handed in, with each
 * hand-in's receipt code, and writes a lost invitation again.
 *
 * The plan and the files are made in a worker thread, on a connection of its
 * own to the panel: a plan for hundreds of submissions and invitations with
 * their attachments take a moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-round-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "jury-dialog-size.h"
#include "jury-round.h"
#include "jury-round-view.h"
#include "jury-table.h"
#include "jury-text-field.h"

struct _JuryRoundView
{
  GtkWidget            parent_instance;

  JuryStore           *store;
  GCancellable        *cancellable;
  gboolean             busy;           /* invitations are being written */

  AdwPreferencesGroup *jurors_group;
  GtkWidget           *import_button;
  AdwPreferencesGroup *add_group;
  AdwEntryRow         *add_row;
  GtkListBox          *juror_list;
  AdwPreferencesGroup *plan_group;
  GtkSpinButton       *per_submission_spin;
  GtkWidget           *create_button;
  GtkLabel            *plan_label;
};

G_DEFINE_FINAL_TYPE (JuryRoundView, jury_round_view, GTK_TYPE_WIDGET)

enum {
  TOAST,
  INVITATIONS_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (JuryRoundView *self,
       const char    *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
show_error (JuryRoundView *self,
            const char    *heading,
            const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "6 December 2026, 14:02", in local time, from what the store keeps. */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso8601);

  /* Translators: the date and time of a hand-in; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip,
                 const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return button;
}

static void conflicts_clicked_cb (GtkButton *button,
                                  JuryRoundView *self);
static void remove_clicked_cb    (GtkButton *button,
                                  JuryRoundView *self);
static void again_clicked_cb     (GtkButton *button,
                                  JuryRoundView *self);

/* A juror while the jury is made: name, e-mail, conflicts; change or remove. */
static GtkWidget *
new_draft_row (JuryRoundView         *self,
               const JuryJurorStatus *status,
               guint                  n_conflicts)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (status->name, -1);
  g_autofree char *conflicts = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *conflicts_label = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *button;

  if (n_conflicts == 0)
    conflicts = g_strdup (_("No conflicts of interest"));
  else
    conflicts = g_strdup_printf (ngettext ("%u conflict of interest", "%u conflicts of interest", n_conflicts),
                                 n_conflicts);
  if (status->email != NULL)
    {
      g_autofree char *email = g_markup_escape_text (status->email, -1);

      subtitle = g_strdup_printf ("%s · %s", email, conflicts);
    }
  else
    subtitle = g_steal_pointer (&conflicts);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: a button's label for a screen reader, with a juror's name */
  conflicts_label = g_strdup_printf (_("Conflicts of interest of %s"), status->name);
  button = new_icon_button ("action-unavailable-symbolic", _("Conflicts of Interest…"), conflicts_label);
  g_object_set_data_full (G_OBJECT (button), "juror-id", g_strdup (status->id), g_free);
  g_object_set_data_full (G_OBJECT (button), "juror-name", g_strdup (status->name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (conflicts_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  /* Translators: a button's label for a screen reader, with a juror's name */
  remove_label = g_strdup_printf (_("Remove %s"), status->name);
  button = new_icon_button ("user-trash-symbolic", _("Remove from the Jury"), remove_label);
  g_object_set_data_full (G_OBJECT (button), "juror-id", g_strdup (status->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* A juror once the invitations are out: handed in or not, progress, receipt. */
static GtkWidget *
new_status_row (JuryRoundView         *self,
                const JuryJurorStatus *status)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (status->name, -1);
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;

  if (status->handed_in != NULL)
    {
      g_autofree char *when = format_time (status->handed_in);

      /* Translators: when, the receipt code, "12 of 15" complete reviews */
      subtitle = g_strdup_printf (_("Handed in %s · receipt %s · %u of %u complete"),
                                  when, status->receipt, status->complete, status->assigned);
      icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Handed in"), -1);
    }
  else
    {
      subtitle = g_strdup_printf (ngettext ("Not handed in yet · %u submission to read",
                                            "Not handed in yet · %u submissions to read", status->assigned),
                                  status->assigned);
      icon = gtk_image_new_from_icon_name ("content-loading-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not handed in yet"), -1);
    }
  if (!status->invited)
    {
      g_autofree char *line = g_strconcat (subtitle, " · ", _("not invited"), NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&line);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (status->invited)
    {
      g_autofree char *label = g_strdup_printf (_("Write the invitation of %s again"), status->name);
      GtkWidget *button = new_icon_button ("document-save-as-symbolic", _("Write the Invitation Again…"), label);

      g_object_set_data_full (G_OBJECT (button), "juror-id", g_strdup (status->id), g_free);
      g_object_set_data_full (G_OBJECT (button), "juror-name", g_strdup (status->name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (again_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static char *
describe_plan (JuryStore *store)
{
  g_autofree char *seed_text = NULL;
  guint k;
  guint64 seed;

  if (!jury_round_get_plan (store, &k, &seed))
    return NULL;

  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  if (k == 0)
    /* Translators: %s is the seed that makes the same plan again, a number */
    return g_strdup_printf (_("Every juror reads every submission they have no conflict of interest with. "
                              "The plan was made with the seed %s."), seed_text);

  /* Translators: how many jurors read each submission, then the seed that makes the
   * same plan again, a number */
  return g_strdup_printf (ngettext ("Each submission is read by %u juror. The plan was made with the seed %s.",
                                    "Each submission is read by %u jurors. The plan was made with the seed %s.", k),
                          k, seed_text);
}

static void
show_status (JuryRoundView *self,
             GPtrArray     *statuses,
             gboolean       invited)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *description = NULL;
  g_autofree char *plan = NULL;
  guint n_handed_in = 0;

  for (guint i = 0; i < statuses->len; i++)
    {
      JuryJurorStatus *status = g_ptr_array_index (statuses, i);

      if (status->handed_in != NULL)
        n_handed_in++;
      else
        g_ptr_array_add (missing, status->name);
      gtk_list_box_append (self->juror_list, new_status_row (self, status));
    }

  /* Translators: "5 of 8 handed in." */
  description = g_strdup_printf (ngettext ("%u of %u handed in.", "%u of %u handed in.", statuses->len),
                                 n_handed_in, statuses->len);
  if (missing->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *line = NULL;

      g_ptr_array_add (missing, NULL);
      names = g_strjoinv (", ", (char **) missing->pdata);
      /* Translators: "5 of 8 handed in.", then the names of the jurors who have not */
      line = g_strdup_printf (_("%s Waiting for %s."), description, names);
      g_free (description);
      description = g_steal_pointer (&line);
    }
  if (!invited)
    {
      g_autofree char *line = g_strconcat (description, " ",
                                           _("The jurors’ databases were merged without invitations: "
                                             "Jury Desk cannot tell whether a hand-in comes from the juror it names."),
                                           NULL);

      g_free (description);
      description = g_steal_pointer (&line);
    }
  adw_preferences_group_set_description (self->jurors_group, description);

  plan = invited ? describe_plan (self->store) : NULL;
  gtk_label_set_label (self->plan_label, plan != NULL ? plan : "");
  gtk_widget_set_visible (GTK_WIDGET (self->plan_label), plan != NULL);
}

static void
show_draft (JuryRoundView *self,
            GPtrArray     *statuses)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->per_submission_spin);

  for (guint i = 0; i < statuses->len; i++)
    {
      JuryJurorStatus *status = g_ptr_array_index (statuses, i);
      g_autoptr(GPtrArray) conflicts = jury_round_list_conflicts (self->store, status->id, NULL);

      gtk_list_box_append (self->juror_list,
                           new_draft_row (self, status, conflicts != NULL ? conflicts->len : 0));
    }

  adw_preferences_group_set_description (self->jurors_group,
                                         _("Add the jurors, and for each the submissions they must not read. "
                                           "Then create the invitations: one file per juror, with the "
                                           "submissions that juror reads, to send to them. Only work made "
                                           "from these invitations is merged."));
  gtk_widget_set_visible (GTK_WIDGET (self->juror_list), statuses->len > 0);

  gtk_adjustment_set_upper (adjustment, MAX (statuses->len, 1));
  gtk_widget_set_sensitive (self->create_button, statuses->len > 0 && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_label), FALSE);
}

void
jury_round_view_reload (JuryRoundView *self)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  gboolean drafting;
  gboolean invited;

  g_return_if_fail (JURY_IS_ROUND_VIEW (self));

  clear_list (self->juror_list);
  if (self->store == NULL || !jury_store_is_panel (self->store))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  if (!(statuses = jury_round_list_status (self->store, &error)))
    {
      g_warning ("%s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  invited = jury_round_has_invitations (self->store);
  /* The jury can change until an invitation is out or work is merged. */
  drafting = !jury_round_is_sent (self->store);
  for (guint i = 0; i < statuses->len && drafting; i++)
    if (((JuryJurorStatus *) g_ptr_array_index (statuses, i))->handed_in != NULL ||
        !((JuryJurorStatus *) g_ptr_array_index (statuses, i))->invited)
      drafting = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_group), drafting);
  gtk_widget_set_visible (self->import_button, drafting);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_group), drafting);
  gtk_widget_set_visible (GTK_WIDGET (self->juror_list), TRUE);

  if (drafting)
    show_draft (self, statuses);
  else
    show_status (self, statuses, invited);
}

/* Adding and removing jurors */

static void
add_apply_cb (JuryRoundView *self,
              AdwEntryRow   *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (name[0] == '\0' || self->store == NULL)
    return;

  if (!(id = jury_round_add_juror (self->store, name, NULL, &error)))
    {
      show_error (self, _("Could Not Add the Juror"), error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  jury_round_view_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
remove_clicked_cb (GtkButton     *button,
                   JuryRoundView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "juror-id");
  g_autoptr(GError) error = NULL;

  if (!jury_round_remove_juror (self->store, id, &error))
    show_error (self, _("Could Not Remove the Juror"), error->message);

  jury_round_view_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static void
table_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JuryRoundView) self = user_data;
  g_autoptr(JuryTable) table = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;
  guint n_added = 0, n_present = 0;

  table = jury_table_read_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  if (table == NULL || !(entries = jury_round_read_jurors (table, name, &error)))
    {
      show_error (self, _("Could Not Add the Jurors"), error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const JuryJurorEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *id = jury_round_add_juror (self->store, entry->name, entry->email, &error);

      if (id != NULL)
        n_added++;
      else if (g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS))
        n_present++;
      else
        break;
      g_clear_error (&error);
    }

  jury_round_view_reload (self);
  if (error != NULL)
    {
      show_error (self, _("Could Not Add the Jurors"), error->message);
      return;
    }

  if (n_present > 0)
    /* Translators: "Added 6 jurors from jurors.csv; 2 were on the jury already." */
    message = g_strdup_printf (ngettext ("Added %u juror from %s; %u was on the jury already.",
                                         "Added %u jurors from %s; %u were on the jury already.", n_added),
                               n_added, name, n_present);
  else
    message = g_strdup_printf (ngettext ("Added %u juror from %s.", "Added %u jurors from %s.", n_added),
                               n_added, name);
  toast (self, message);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    JuryRoundView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      jury_table_read_file_async (file, self->cancellable, table_read_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_clicked_cb (JuryRoundView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Jurors from a Table"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Tables (CSV, XLSX, ODS)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*.ods");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Conflicts of interest: a list of the submissions to tick */

typedef struct
{
  JuryRoundView *view;
  char          *juror_id;
  GHashTable    *rows;       /* id → JurySubmissionRow* */
  GPtrArray     *all_rows;
  GHashTable    *conflicts;  /* ids, a set */
  GtkCustomFilter *filter;
  char          *query;      /* folded; NULL: all */
} Conflicts;

static void
conflicts_free (Conflicts *conflicts)
{
  g_clear_object (&conflicts->view);
  g_free (conflicts->juror_id);
  g_hash_table_unref (conflicts->rows);
  g_ptr_array_unref (conflicts->all_rows);
  g_hash_table_unref (conflicts->conflicts);
  g_free (conflicts->query);
  g_free (conflicts);
}

static gboolean
conflict_matches (gpointer item,
                  gpointer user_data)
{
  Conflicts *conflicts = user_data;
  const char *id = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const JurySubmissionRow *row = g_hash_table_lookup (conflicts->rows, id);
  const char *fields[3];

  if (conflicts->query == NULL || row == NULL)
    return TRUE;

  fields[0] = row->title;
  fields[1] = row->network;
  fields[2] = row->id;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fields[i] != NULL ? g_utf8_casefold (fields[i], -1) : NULL;

      if (folded != NULL && strstr (folded, conflicts->query) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
conflict_search_cb (GtkSearchEntry *entry,
                    Conflicts      *conflicts)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&conflicts->query, g_free);
  if (text[0] != '\0')
    conflicts->query = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (conflicts->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
conflict_toggled_cb (GtkCheckButton *check,
                     Conflicts      *conflicts)
{
  const char *id = g_object_get_data (G_OBJECT (check), "submission-id");
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (id == NULL || g_object_get_data (G_OBJECT (check), "binding") != NULL ||
      active == g_hash_table_contains (conflicts->conflicts, id))
    return;

  ok = active ? jury_round_add_conflict (conflicts->view->store, conflicts->juror_id, id, &error)
              : jury_round_remove_conflict (conflicts->view->store, conflicts->juror_id, id, &error);
  if (!ok)
    {
      g_object_set_data (G_OBJECT (check), "binding", GINT_TO_POINTER (1));
      gtk_check_button_set_active (check, !active);
      g_object_set_data (G_OBJECT (check), "binding", NULL);
      show_error (conflicts->view, _("Could Not Change the Conflicts of Interest"), error->message);
      return;
    }

  if (active)
    g_hash_table_add (conflicts->conflicts, g_strdup (id));
  else
    g_hash_table_remove (conflicts->conflicts, id);
}

static void
conflict_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   Conflicts                *conflicts)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *network = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (network), 0);
  gtk_label_set_ellipsize (GTK_LABEL (network), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (network, "dim-label");
  gtk_widget_add_css_class (network, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), network);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  /* Read by the submission's title, GTK 4.8 does not look into the box. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, network, NULL,
                                  -1);
  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 6);
  gtk_widget_set_margin_start (check, 12);
  gtk_widget_set_margin_end (check, 12);
  g_signal_connect (check, "toggled", G_CALLBACK (conflict_toggled_cb), conflicts);
  gtk_list_item_set_child (item, check);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
conflict_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  Conflicts                *conflicts)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *network = gtk_widget_get_next_sibling (title);
  const char *id = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const JurySubmissionRow *row = g_hash_table_lookup (conflicts->rows, id);

  g_object_set_data (G_OBJECT (check), "binding", GINT_TO_POINTER (1));
  g_object_set_data_full (G_OBJECT (check), "submission-id", g_strdup (id), g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (conflicts->conflicts, id));
  gtk_label_set_label (GTK_LABEL (title), row != NULL ? row->title : id);
  gtk_label_set_label (GTK_LABEL (network), row != NULL && row->network != NULL ? row->network : "");
  gtk_widget_set_visible (network, row != NULL && row->network != NULL);
  g_object_set_data (G_OBJECT (check), "binding", NULL);
}

static void
conflicts_closed_cb (GtkWindow     *window,
                     JuryRoundView *self)
{
  jury_round_view_reload (self);
}

static void
conflicts_clicked_cb (GtkButton     *button,
                      JuryRoundView *self)
{
  const char *juror_id = g_object_get_data (G_OBJECT (button), "juror-id");
  const char *juror_name = g_object_get_data (G_OBJECT (button), "juror-name");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) declared = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *box, *header, *title, *search, *scroller, *list;
  GtkFilterListModel *filtered;
  Conflicts *conflicts;

  if (!(rows = jury_store_list_submissions (self->store, NULL, &error)) ||
      !(declared = jury_round_list_conflicts (self->store, juror_id, &error)))
    {
      show_error (self, _("Could Not Read the Submissions"), error->message);
      return;
    }

  conflicts = g_new0 (Conflicts, 1);
  conflicts->view = g_object_ref (self);
  conflicts->juror_id = g_strdup (juror_id);
  conflicts->rows = g_hash_table_new (g_str_hash, g_str_equal);
  conflicts->all_rows = g_ptr_array_ref (rows);
  conflicts->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      JurySubmissionRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (conflicts->rows, row->id, row);
      gtk_string_list_append (ids, row->id);
    }
  for (guint i = 0; i < declared->len; i++)
    g_hash_table_add (conflicts->conflicts, g_strdup (g_ptr_array_index (declared, i)));

  window = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 600);
  /* No wider than the window it belongs to: on a phone, the screen. */
  jury_dialog_fit_parent (GTK_WINDOW (window));
  gtk_window_set_title (GTK_WINDOW (window), _("Conflicts of Interest"));
  g_object_set_data_full (G_OBJECT (window), "conflicts", conflicts, (GDestroyNotify) conflicts_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Conflicts of Interest"), juror_name);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text", _("Search submissions and networks"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search submissions and networks"), -1);
  gtk_widget_set_margin_start (search, 12);
  gtk_widget_set_margin_end (search, 12);
  gtk_widget_set_margin_top (search, 6);
  gtk_widget_set_margin_bottom (search, 6);
  g_signal_connect (search, "search-changed", G_CALLBACK (conflict_search_cb), conflicts);
  gtk_box_append (GTK_BOX (box), search);

  conflicts->filter = gtk_custom_filter_new (conflict_matches, conflicts, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (ids)), GTK_FILTER (conflicts->filter));
  g_signal_connect (factory, "setup", G_CALLBACK (conflict_setup_cb), conflicts);
  g_signal_connect (factory, "bind", G_CALLBACK (conflict_bind_cb), conflicts);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))),
                            g_object_ref (factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  /* Translators: for a screen reader, with a juror's name */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Submissions the juror must not read"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);

  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect_object (window, "close-request", G_CALLBACK (conflicts_closed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (search);
}

/* Writing invitations, in a worker thread */

typedef struct
{
  char    *panel_path;
  char    *dir;         /* all invitations into this folder, or */
  char    *juror_id;    /* this juror's invitation to */
  char    *path;        /* this file */
  gboolean plan;        /* plan who reads what first */
  guint    per_submission;
  guint64  seed;
  /* results */
  GStrv    paths;
  char    *note;
} Invitations;

static void
invitations_free (Invitations *invitations)
{
  g_free (invitations->panel_path);
  g_free (invitations->dir);
  g_free (invitations->juror_id);
  g_free (invitations->path);
  g_strfreev (invitations->paths);
  g_free (invitations->note);
  g_free (invitations);
}

static void
invitations_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  Invitations *invitations = data;
  g_autoptr(JuryStore) panel = NULL;
  GError *error = NULL;

  if (!(panel = jury_store_open (invitations->panel_path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (invitations->plan &&
      !jury_round_plan (panel, invitations->per_submission, invitations->seed, &invitations->note, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (invitations->juror_id != NULL)
    {
      if (!jury_round_write_invitation (panel, invitations->juror_id, invitations->path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      invitations->paths = g_strdupv ((char *[]) { invitations->path, NULL });
    }
  else if (!(invitations->paths = jury_round_write_invitations (panel, invitations->dir, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
invitations_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  JuryRoundView *self = JURY_ROUND_VIEW (source);
  Invitations *invitations = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  jury_round_view_reload (self);
  g_signal_emit (self, signals[INVITATIONS_WRITTEN], 0);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Write the Invitations"), error->message);
      return;
    }

  if (invitations->juror_id != NULL)
    {
      g_autofree char *name = g_path_get_basename (invitations->path);
      /* Translators: a file name */
      g_autofree char *message = g_strdup_printf (_("%s written again."), name);

      toast (self, message);
    }
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *folder = g_path_get_basename (invitations->dir);
      guint n = g_strv_length (invitations->paths);
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      /* Translators: a number of files, a folder's name */
      body = g_strdup_printf (ngettext ("%u invitation is in the folder %s. Send each juror their file: it holds "
                                        "the submissions they read, and what they hand in is checked against it.",
                                        "%u invitations are in the folder %s. Send each juror their file: it holds "
                                        "the submissions they read, and what they hand in is checked against it.",
                                        n), n, folder);
      if (invitations->note != NULL)
        {
          g_autofree char *with_note = g_strconcat (body, "\n\n", invitations->note, NULL);

          g_free (body);
          body = g_steal_pointer (&with_note);
        }
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Invitations Created"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
start_invitations (JuryRoundView *self,
                   Invitations   *invitations)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, invitations_done_cb, NULL);

  invitations->panel_path = g_strdup (jury_store_get_path (self->store));
  self->busy = TRUE;
  gtk_widget_set_sensitive (self->create_button, FALSE);
  g_task_set_source_tag (task, start_invitations);
  g_task_set_task_data (task, invitations, (GDestroyNotify) invitations_free);
  g_task_run_in_thread (task, invitations_thread);
}

void
jury_round_view_create_invitations (JuryRoundView *self,
                                    const char    *dir)
{
  Invitations *invitations;

  g_return_if_fail (JURY_IS_ROUND_VIEW (self));
  g_return_if_fail (dir != NULL);

  if (self->store == NULL || self->busy)
    return;

  invitations = g_new0 (Invitations, 1);
  invitations->dir = g_strdup (dir);
  invitations->plan = TRUE;
  invitations->per_submission = (guint) gtk_spin_button_get_value_as_int (self->per_submission_spin);
  invitations->seed = g_random_int ();
  start_invitations (self, invitations);
}

static void
create_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    JuryRoundView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *dir = g_file_get_path (folder);

      if (dir == NULL)
        show_error (self, _("Could Not Write the Invitations"), _("Pick a folder on this computer or a USB stick."));
      else
        jury_round_view_create_invitations (self, dir);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
create_clicked_cb (JuryRoundView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Folder for the Invitations"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Create"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (create_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  JuryRoundView *view;
  char          *juror_id;
} Again;

static void
again_response_cb (GtkNativeDialog *chooser,
                   int              response,
                   Again           *again)
{
  JuryRoundView *self = again->view;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL && !self->busy)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        show_error (self, _("Could Not Write the Invitations"), _("Pick a folder on this computer or a USB stick."));
      else
        {
          Invitations *invitations = g_new0 (Invitations, 1);

          invitations->juror_id = g_strdup (again->juror_id);
          invitations->path = g_steal_pointer (&path);
          start_invitations (self, invitations);
        }
    }

  g_object_unref (chooser);
  g_object_unref (again->view);
  g_free (again->juror_id);
  g_free (again);
}

static void
again_clicked_cb (GtkButton     *button,
                  JuryRoundView *self)
{
  const char *juror_name = g_object_get_data (G_OBJECT (button), "juror-name");
  g_autofree char *file_name = jury_round_invitation_name (juror_name);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  Again *again = g_new0 (Again, 1);

  again->view = g_object_ref (self);
  again->juror_id = g_strdup (g_object_get_data (G_OBJECT (button), "juror-id"));

  chooser = gtk_file_chooser_native_new (_("Write the Invitation Again"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Write"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (again_response_cb), again);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
jury_round_view_dispose (GObject *object)
{
  JuryRoundView *self = JURY_ROUND_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_ROUND_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (jury_round_view_parent_class)->dispose (object);
}

static void
jury_round_view_class_init (JuryRoundViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_round_view_dispose;

  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* When writing invitations has ended, whether or not it went well. */
  signals[INVITATIONS_WRITTEN] =
    g_signal_new ("invitations-written",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-round-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, jurors_group);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, import_button);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, add_group);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, add_row);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, juror_list);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, plan_group);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, per_submission_spin);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, create_button);
  gtk_widget_class_bind_template_child (widget_class, JuryRoundView, plan_label);
  gtk_widget_class_bind_template_callback (widget_class, add_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "juryroundview");
}

static void
jury_round_view_init (JuryRoundView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  jury_text_field_limit (GTK_WIDGET (self->add_row), JURY_TEXT_NAME, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
jury_round_view_set_store (JuryRoundView *self,
                           JuryStore     *store)
{
  g_return_if_fail (JURY_IS_ROUND_VIEW (self));
  g_return_if_fail (store == NULL || JURY_IS_STORE (store));

  g_set_object (&self->store, store);
  jury_round_view_reload (self);
}
