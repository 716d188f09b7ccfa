/* jury-make-call.c: the submissions of a call, from a table of applications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-make-call"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-make-call.h"
#include "jury-text.h"

#define DEFAULT_MAX_PROBLEMS 20
#define MAX_SLUG_LENGTH 60

G_DEFINE_QUARK (jury-make-call-error-quark, jury_make_call_error)

static const char * const column_names[JURY_N_COLUMNS] = {
  [JURY_COLUMN_ID] = "id",
  [JURY_COLUMN_TITLE] = "title",
  [JURY_COLUMN_NETWORK] = "network",
  [JURY_COLUMN_REGION] = "region",
  [JURY_COLUMN_CONTACT] = "contact",
  [JURY_COLUMN_SUMMARY] = "summary",
  [JURY_COLUMN_DESCRIPTION] = "description",
  [JURY_COLUMN_TARGET_GROUP] = "target-group",
  [JURY_COLUMN_FORMAT] = "format",
  [JURY_COLUMN_PARTNER] = "partner",
  [JURY_COLUMN_LINK] = "link",
  [JURY_COLUMN_ATTACHMENTS] = "attachments",
};

/* The headers a column of an application form's export goes by, in German and
 * English, folded as normalize_header() folds them; the first is the best. */
static const char * const id_headers[] = {
  "id", "nr", "nr.", "nummer", "antragsnummer", "antrags-nr.", "bewerbungsnummer", "bewerbungs-id",
  "kennung", "application id", "submission id", "reference", NULL
};
static const char * const title_headers[] = {
  "projekttitel", "titel", "titel des projekts", "projektname", "name des projekts", "title",
  "project title", "project name", "projekt", "project", NULL
};
static const char * const network_headers[] = {
  "netzwerk", "name des netzwerks", "mint-region", "mint-netzwerk", "network", "organisation",
  "organization", "einrichtung", "träger", "antragsteller", "antragstellende organisation", NULL
};
static const char * const region_headers[] = {
  "landkreis", "region", "kreis", "landkreis/kreisfreie stadt", "ort", "stadt", "county", "location",
  "bundesland", "state", NULL
};
static const char * const contact_headers[] = {
  "ansprechperson", "ansprechpartner", "ansprechpartnerin", "ansprechpartner*in", "ansprechpartner:in",
  "kontaktperson", "kontakt", "contact", "contact person", NULL
};
static const char * const summary_headers[] = {
  "kurzbeschreibung", "zusammenfassung", "kurzfassung", "summary", "abstract", "short description", NULL
};
static const char * const description_headers[] = {
  "projektbeschreibung", "beschreibung", "ausführliche beschreibung", "description", "project description",
  NULL
};
static const char * const target_group_headers[] = {
  "zielgruppe", "zielgruppen", "target group", "target groups", "target-group", "audience", NULL
};
static const char * const format_headers[] = {
  "format", "formate", "angebotsformat", "art des angebots", "formats", NULL
};
static const char * const partner_headers[] = {
  "partner", "partnerinnen", "partner*innen", "partner:innen", "kooperationspartner", "partners",
  "partner organisations", "partner organizations", NULL
};
static const char * const link_headers[] = {
  "website", "webseite", "internetseite", "homepage", "link", "url", "web", NULL
};
static const char * const attachment_headers[] = {
  "anhang", "anhänge", "anlage", "anlagen", "datei", "dateien", "attachment", "attachments", "files", NULL
};

static const char * const * const column_headers[JURY_N_COLUMNS] = {
  [JURY_COLUMN_ID] = id_headers,
  [JURY_COLUMN_TITLE] = title_headers,
  [JURY_COLUMN_NETWORK] = network_headers,
  [JURY_COLUMN_REGION] = region_headers,
  [JURY_COLUMN_CONTACT] = contact_headers,
  [JURY_COLUMN_SUMMARY] = summary_headers,
  [JURY_COLUMN_DESCRIPTION] = description_headers,
  [JURY_COLUMN_TARGET_GROUP] = target_group_headers,
  [JURY_COLUMN_FORMAT] = format_headers,
  [JURY_COLUMN_PARTNER] = partner_headers,
  [JURY_COLUMN_LINK] = link_headers,
  [JURY_COLUMN_ATTACHMENTS] = attachment_headers,
};

const char *
jury_column_to_string (JuryColumn column)
{
  g_return_val_if_fail (column < JURY_N_COLUMNS, NULL);

  return column_names[column];
}

gboolean
jury_column_from_string (const char *name,
                         JuryColumn *column)
{
  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    if (g_strcmp0 (name, column_names[c]) == 0)
      {
        *column = c;
        return TRUE;
      }

  return FALSE;
}

const char *
jury_column_to_label (JuryColumn column)
{
  switch (column)
    {
    case JURY_COLUMN_ID:
      return C_("call column", "Id");
    case JURY_COLUMN_TITLE:
      return C_("call column", "Title");
    case JURY_COLUMN_NETWORK:
      return C_("call column", "Network");
    case JURY_COLUMN_REGION:
      return C_("call column", "Region");
    case JURY_COLUMN_CONTACT:
      return C_("call column", "Contact");
    case JURY_COLUMN_SUMMARY:
      return C_("call column", "Summary");
    case JURY_COLUMN_DESCRIPTION:
      return C_("call column", "Description");
    case JURY_COLUMN_TARGET_GROUP:
      return C_("call column", "Target Group");
    case JURY_COLUMN_FORMAT:
      return C_("call column", "Format");
    case JURY_COLUMN_PARTNER:
      return C_("call column", "Partners");
    case JURY_COLUMN_LINK:
      return C_("call column", "Website");
    case JURY_COLUMN_ATTACHMENTS:
      return C_("call column", "Attachments");
    case JURY_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "  Projekttitel:* " → "projekttitel": what a header is compared by. */
static char *
normalize_header (const char *header)
{
  g_autofree char *folded = g_utf8_strdown (header, -1);
  GString *text = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = text->len > 0;
      else
        {
          if (space)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_unichar (text, c);
        }
    }
  /* The marks a form puts after a header. */
  while (text->len > 0 && strchr (":*", text->str[text->len - 1]) != NULL)
    g_string_truncate (text, text->len - 1);
  while (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, FALSE);
}

static GStrv
header_of (const JuryTable *table)
{
  return table->rows->len > 0 ? g_ptr_array_index (table->rows, 0) : NULL;
}

static int
find_header (const JuryTable *table,
             const char      *wanted)
{
  GStrv header = header_of (table);
  g_autofree char *normal = normalize_header (wanted);

  for (int c = 0; header != NULL && header[c] != NULL; c++)
    {
      g_autofree char *candidate = normalize_header (header[c]);

      if (candidate[0] != '\0' && g_str_equal (candidate, normal))
        return c;
    }

  return -1;
}

void
jury_column_mapping_guess (JuryColumnMapping *mapping,
                           const JuryTable   *table)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);

  g_return_if_fail (mapping != NULL);
  g_return_if_fail (table != NULL);

  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    {
      mapping->columns[c] = -1;
      for (guint h = 0; column_headers[c][h] != NULL && mapping->columns[c] < 0; h++)
        {
          int found = find_header (table, column_headers[c][h]);

          if (found >= 0 && !g_hash_table_contains (taken, GINT_TO_POINTER (found + 1)))
            {
              mapping->columns[c] = found;
              g_hash_table_add (taken, GINT_TO_POINTER (found + 1));
            }
        }
    }
}

gboolean
jury_column_mapping_apply (JuryColumnMapping  *mapping,
                           const JuryTable    *table,
                           const char         *spec,
                           GError            **error)
{
  const char *equals;
  g_autofree char *name = NULL;
  g_autofree char *header = NULL;
  JuryColumn column;
  int found;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if ((equals = strchr (spec, '=')) == NULL)
    {
      g_set_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_MAPPING,
                   _("“%s” is no FIELD=HEADER"), spec);
      return FALSE;
    }

  name = g_strstrip (g_strndup (spec, equals - spec));
  if (!jury_column_from_string (name, &column))
    {
      g_set_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_MAPPING,
                   /* Translators: the list is not translated: it names the call format's elements */
                   _("there is no field “%s”; the fields are id, title, network, region, contact, summary, "
                     "description, target-group, format, partner, link and attachments"), name);
      return FALSE;
    }

  header = g_strstrip (g_strdup (equals + 1));
  if (header[0] == '\0')
    {
      mapping->columns[column] = -1;
      return TRUE;
    }

  if ((found = find_header (table, equals + 1)) < 0)
    {
      g_set_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_MAPPING,
                   _("the first row has no column “%s”"), equals + 1);
      return FALSE;
    }

  /* A column fills one part: taken from another, it leaves it. */
  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    if (mapping->columns[c] == found)
      mapping->columns[c] = -1;
  mapping->columns[column] = found;
  return TRUE;
}

char *
jury_make_slug (const char *text)
{
  return jury_text_slug (text, "submission", MAX_SLUG_LENGTH);
}

/* Making the submissions */

typedef struct
{
  const JuryTable           *table;
  const JuryColumnMapping   *mapping;
  const JuryMakeCallOptions *options;
  GPtrArray                 *problems;     /* char*, each "row N: …" */
  GHashTable                *ids;          /* id → row number */
  GHashTable                *id_column;    /* the ids the id column gives, a set */
  char                      *attachments_prefix; /* the folder, relative to the call's, with "/" */
  gboolean                  *is_mapped;    /* per column of the table */
  guint                      n_columns;
} Maker;

static void problem (Maker *maker,
                     guint  row,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

static void
problem (Maker      *maker,
         guint       row,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line each: the problems are joined by line breaks. */
  g_strdelimit (message, "\r\n", ' ');

  if (maker->table->format == JURY_TABLE_FORMAT_CSV)
    /* Translators: a line of a CSV file, then what is wrong there */
    g_ptr_array_add (maker->problems, g_strdup_printf (_("line %u: %s"), row, message));
  else
    /* Translators: a row of a spreadsheet, then what is wrong there */
    g_ptr_array_add (maker->problems, g_strdup_printf (_("row %u: %s"), row, message));
}

/* The cell of ROW in COLUMN, trimmed; NULL when it holds nothing. */
static char *
dup_cell (GStrv row,
          int   column)
{
  g_autofree char *text = NULL;

  if (column < 0)
    return NULL;
  for (int c = 0; c <= column; c++)
    if (row[c] == NULL)
      return NULL;

  text = g_strstrip (g_strdup (row[column]));
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The header of COLUMN, for messages and field names. */
static const char *
header_name (Maker *maker,
             int    column)
{
  GStrv header = header_of (maker->table);

  for (int c = 0; c <= column; c++)
    if (header[c] == NULL)
      return "";

  return header[column];
}

/* TEXT checked as call text; FALSE with a problem named after its column. */
static gboolean
check_text (Maker      *maker,
            guint       row,
            int         column,
            const char *text,
            JuryTextKind kind)
{
  g_autofree char *what = g_strdup_printf (_("the column “%s”"), header_name (maker, column));
  g_autofree char *reason = jury_text_check (text, kind, what);

  if (reason == NULL)
    return TRUE;

  problem (maker, row, "%s", reason);
  return FALSE;
}

/* The parts of TEXT split at line breaks (and semicolons, with SEMICOLONS),
 * trimmed, without empty ones. */
static GStrv
split_lines (const char *text,
             gboolean    semicolons)
{
  g_auto(GStrv) parts = g_regex_split_simple (semicolons ? "[\\n;]" : "\\n", text, 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (part[0] != '\0')
        g_strv_builder_add (builder, part);
    }

  return g_strv_builder_end (builder);
}

/* One line of text: the line breaks of a cell as spaces. */
static char *
one_line (const char *text)
{
  g_auto(GStrv) lines = split_lines (text, FALSE);

  return g_strjoinv (" ", lines);
}

static GStrv
cell_lines (Maker      *maker,
            GStrv       row,
            JuryColumn  column,
            gboolean    semicolons)
{
  g_autofree char *text = dup_cell (row, maker->mapping->columns[column]);

  return text != NULL ? split_lines (text, semicolons) : g_new0 (char *, 1);
}

static char *
cell_line (Maker      *maker,
           GStrv       row,
           JuryColumn  column)
{
  g_autofree char *text = dup_cell (row, maker->mapping->columns[column]);

  return text != NULL ? one_line (text) : NULL;
}

gboolean
jury_is_identifier (const char *id)
{
  gsize length;

  g_return_val_if_fail (id != NULL, FALSE);

  length = strlen (id);

  if (length == 0 || length > 128 || !g_ascii_isalnum (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

/* A web address the call format takes: http or https, with a host. */
static char *
dup_web_address (const char *text)
{
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;

  if (g_ascii_strncasecmp (text, "www.", 4) == 0)
    candidate = g_strconcat ("https://", text, NULL);
  else
    candidate = g_strdup (text);

  uri = g_uri_parse (candidate, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    return NULL;

  return g_steal_pointer (&candidate);
}

/* FILE, below the attachments folder, as an attachment of SUBMISSION. */
static void
add_attachment (Maker          *maker,
                guint           row,
                JurySubmission *submission,
                GFile          *folder,
                const char     *relative,
                GCancellable   *cancellable)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (folder, relative);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = NULL;
  g_autofree char *bad_href = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *below = g_file_get_relative_path (maker->options->attachments, file);
  const char *type;
  const guint8 *data;
  gsize size;

  if (below == NULL)
    {
      problem (maker, row, _("the attachment “%s” is not inside the attachments folder"), relative);
      return;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (info == NULL)
    {
      problem (maker, row, _("the attachment “%s” cannot be read: %s"), relative, error->message);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      problem (maker, row, _("the attachment “%s” is not a plain file"), relative);
      return;
    }
  if (g_file_info_get_size (info) > JURY_ATTACHMENT_MAX_SIZE)
    {
      problem (maker, row, _("the attachment “%s” is larger than 64 MiB"), relative);
      return;
    }
  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &error)))
    {
      problem (maker, row, _("the attachment “%s” cannot be read: %s"), relative, error->message);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  if ((type = jury_attachment_sniff_type (data, size)) == NULL)
    {
      problem (maker, row, _("the attachment “%s” is neither a PDF nor a PNG or JPEG image"), relative);
      return;
    }

  href = g_strconcat (maker->attachments_prefix, below, NULL);
  if (G_DIR_SEPARATOR != '/')
    g_strdelimit (href, G_DIR_SEPARATOR_S, '/');
  if ((bad_href = jury_attachment_check_href (href)) != NULL)
    {
      problem (maker, row, "%s", bad_href);
      return;
    }
  if (jury_submission_find_attachment (submission, href) != NULL)
    {
      problem (maker, row, _("the attachment “%s” is named twice"), relative);
      return;
    }

  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_ptr_array_add (submission->attachments, jury_attachment_new (href, digest, type, NULL));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The files of the folder named like the submission's id, by name. */
static void
add_folder_attachments (Maker          *maker,
                        guint           row,
                        JurySubmission *submission,
                        GCancellable   *cancellable)
{
  g_autoptr(GFile) folder = g_file_get_child (maker->options->attachments, submission->id);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &error);
  if (children == NULL)
    return;  /* no folder: no attachments */

  while ((info = g_file_enumerator_next_file (children, cancellable, &error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      /* What a file manager or an office suite leaves beside the files. */
      if (name[0] != '.' && !g_str_has_prefix (name, "~$"))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *relative = g_build_filename (submission->id, g_ptr_array_index (names, i), NULL);

      add_attachment (maker, row, submission, maker->options->attachments, relative, cancellable);
    }
}

/* The id of a submission: the id column's, else a slug of the title, unique. */
static char *
make_id (Maker      *maker,
         guint       row,
         GStrv       cells,
         const char *title)
{
  g_autofree char *given = dup_cell (cells, maker->mapping->columns[JURY_COLUMN_ID]);
  g_autofree char *base = NULL;
  gpointer other;

  if (given != NULL)
    {
      if (!jury_is_identifier (given))
        {
          problem (maker, row, _("“%s” is no id: it takes 1 to 128 letters, digits, “.”, “_” or “-”, the "
                                 "first a letter or digit"), given);
          return NULL;
        }
      if (g_hash_table_lookup_extended (maker->ids, given, NULL, &other))
        {
          problem (maker, row, _("the id “%s” is the one of row %u"), given, GPOINTER_TO_UINT (other));
          return NULL;
        }
      g_hash_table_insert (maker->ids, g_strdup (given), GUINT_TO_POINTER (row));
      return g_steal_pointer (&given);
    }

  base = jury_make_slug (title);
  for (guint n = 1; ; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);

      /* Never one the id column gives to a later row. */
      if (!g_hash_table_contains (maker->ids, id) && !g_hash_table_contains (maker->id_column, id))
        {
          g_hash_table_insert (maker->ids, g_strdup (id), GUINT_TO_POINTER (row));
          return g_steal_pointer (&id);
        }
    }
}

static JurySubmission *
make_submission (Maker        *maker,
                 guint         index,
                 GCancellable *cancellable)
{
  GStrv cells = g_ptr_array_index (maker->table->rows, index);
  guint row = g_array_index (maker->table->row_numbers, guint, index);
  const int *columns = maker->mapping->columns;
  g_autoptr(JurySubmission) submission = jury_submission_new ();
  guint n_problems = maker->problems->len;
  g_autofree char *title = NULL;
  g_autofree char *link = NULL;

  /* Every cell is text a call may hold. */
  for (int c = 0; cells[c] != NULL; c++)
    if (cells[c][0] != '\0')
      check_text (maker, row, c, cells[c], JURY_TEXT_CALL);
  if (maker->problems->len > n_problems)
    return NULL;

  if (!(title = cell_line (maker, cells, JURY_COLUMN_TITLE)))
    {
      problem (maker, row, "%s", _("no title"));
      return NULL;
    }
  if (!(submission->id = make_id (maker, row, cells, title)))
    return NULL;
  submission->title = g_steal_pointer (&title);
  submission->network = cell_line (maker, cells, JURY_COLUMN_NETWORK);
  submission->region = cell_line (maker, cells, JURY_COLUMN_REGION);
  {
    g_auto(GStrv) contacts = cell_lines (maker, cells, JURY_COLUMN_CONTACT, TRUE);

    for (guint i = 0; contacts[i] != NULL; i++)
      g_ptr_array_add (submission->contacts, jury_contact_new (contacts[i], NULL));
  }
  submission->summary = dup_cell (cells, columns[JURY_COLUMN_SUMMARY]);
  g_strfreev (submission->description);
  submission->description = cell_lines (maker, cells, JURY_COLUMN_DESCRIPTION, FALSE);
  submission->target_group = dup_cell (cells, columns[JURY_COLUMN_TARGET_GROUP]);
  g_strfreev (submission->formats);
  submission->formats = cell_lines (maker, cells, JURY_COLUMN_FORMAT, TRUE);
  g_strfreev (submission->partners);
  submission->partners = cell_lines (maker, cells, JURY_COLUMN_PARTNER, TRUE);

  if ((link = cell_line (maker, cells, JURY_COLUMN_LINK)) != NULL)
    {
      g_autofree char *href = dup_web_address (link);

      if (href == NULL)
        problem (maker, row, _("“%s” in the column “%s” is no web address (http:// or https://)"),
                 link, header_name (maker, columns[JURY_COLUMN_LINK]));
      else
        g_ptr_array_add (submission->links, jury_link_new (href, link));
    }

  /* Every other column as a field, in the table's order. */
  for (guint c = 0; c < maker->n_columns; c++)
    {
      g_autofree char *text = NULL;
      g_autofree char *trimmed = NULL;
      g_auto(GStrv) paragraphs = NULL;
      const char *name;

      if (maker->is_mapped[c] || !(text = dup_cell (cells, c)))
        continue;
      name = header_name (maker, c);
      trimmed = g_strstrip (g_strdup (name));
      if (trimmed[0] == '\0')
        {
          problem (maker, row, _("column %u holds text but has no header to name it by"), c + 1);
          continue;
        }
      paragraphs = split_lines (text, FALSE);
      g_free (trimmed);
      trimmed = one_line (name);
      g_ptr_array_add (submission->fields, jury_field_new (trimmed, (const char * const *) paragraphs));
    }

  if (maker->options->attachments != NULL)
    {
      if (columns[JURY_COLUMN_ATTACHMENTS] >= 0)
        {
          g_auto(GStrv) files = cell_lines (maker, cells, JURY_COLUMN_ATTACHMENTS, TRUE);

          for (guint i = 0; files[i] != NULL; i++)
            add_attachment (maker, row, submission, maker->options->attachments, files[i], cancellable);
        }
      else
        add_folder_attachments (maker, row, submission, cancellable);
    }

  if (maker->problems->len > n_problems)
    return NULL;
  return g_steal_pointer (&submission);
}

static void
maker_clear (Maker *maker)
{
  g_clear_pointer (&maker->problems, g_ptr_array_unref);
  g_clear_pointer (&maker->ids, g_hash_table_unref);
  g_clear_pointer (&maker->id_column, g_hash_table_unref);
  g_clear_pointer (&maker->attachments_prefix, g_free);
  g_clear_pointer (&maker->is_mapped, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Maker, maker_clear)

GPtrArray *
jury_make_submissions (const JuryTable            *table,
                       const JuryColumnMapping    *mapping,
                       const JuryMakeCallOptions  *options,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_auto(Maker) maker = { 0 };
  g_autoptr(GPtrArray) submissions = NULL;
  const char *name;
  guint max_problems;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->attachments == NULL || G_IS_FILE (options->call_folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = options->table_name != NULL ? options->table_name : "";
  max_problems = options->max_problems > 0 ? options->max_problems : DEFAULT_MAX_PROBLEMS;

  if (mapping->columns[JURY_COLUMN_TITLE] < 0)
    {
      g_set_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_MAPPING,
                   /* Translators: a file name */
                   _("%s: no column holds the titles; name it with --column title=HEADER"), name);
      return NULL;
    }

  maker.table = table;
  maker.mapping = mapping;
  maker.options = options;
  maker.problems = g_ptr_array_new_with_free_func (g_free);
  maker.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  maker.id_column = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 0; r < table->rows->len; r++)
    maker.n_columns = MAX (maker.n_columns, g_strv_length (g_ptr_array_index (table->rows, r)));
  maker.is_mapped = g_new0 (gboolean, maker.n_columns + 1);
  for (guint c = 0; c < JURY_N_COLUMNS; c++)
    if (mapping->columns[c] >= 0 && (guint) mapping->columns[c] < maker.n_columns)
      maker.is_mapped[mapping->columns[c]] = TRUE;

  if (options->attachments != NULL)
    {
      g_autofree char *relative = g_file_get_relative_path (options->call_folder, options->attachments);

      if (relative == NULL && !g_file_equal (options->call_folder, options->attachments))
        {
          g_autofree char *folder = g_file_get_basename (options->attachments);

          g_set_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_ATTACHMENTS,
                       _("the attachments folder %s must be inside the folder the call file goes to, "
                         "which names them relative to itself"), folder);
          return NULL;
        }
      maker.attachments_prefix = relative != NULL ? g_strconcat (relative, "/", NULL) : g_strdup ("");
    }

  /* The ids the id column gives, so that a slug never takes one of them. */
  for (guint r = 1; r < table->rows->len; r++)
    {
      char *given = dup_cell (g_ptr_array_index (table->rows, r), mapping->columns[JURY_COLUMN_ID]);

      if (given != NULL)
        g_hash_table_add (maker.id_column, given);
    }

  submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_free);
  for (guint r = 1; r < table->rows->len; r++)
    {
      JurySubmission *submission;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if ((submission = make_submission (&maker, r, cancellable)) != NULL)
        g_ptr_array_add (submissions, submission);
    }

  if (maker.problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < maker.problems->len && i < max_problems; i++)
        g_string_append_printf (message, "%s%s: %s", i > 0 ? "\n" : "", name,
                                (const char *) g_ptr_array_index (maker.problems, i));
      if (maker.problems->len > max_problems)
        {
          guint more = maker.problems->len - max_problems;

          g_string_append_c (message, '\n');
          /* Translators: after a list of problems in a table */
          g_string_append_printf (message, ngettext ("%s: and %u more problem", "%s: and %u more problems", more),
                                  name, more);
        }
      g_set_error_literal (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_ROWS, message->str);
      return NULL;
    }

  if (submissions->len == 0)
    {
      g_set_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_ROWS,
                   /* Translators: a file name */
                   _("%s: no row below the first holds an application"), name);
      return NULL;
    }

  return g_steal_pointer (&submissions);
}
