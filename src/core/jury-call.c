/* jury-call.c: a call, its rubric and its submissions, as plain data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-call"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "jury-call.h"

/* The GVariant form of a submission, kept in the database. Changing the type
 * changes the format: jury_submission_deserialize() refuses any other type.
 *
 *   s         id
 *   s         title
 *   ms        network
 *   i         network_founded (0 when unknown)
 *   ms        region
 *   ms        region_state
 *   a(sms)    contacts: name, role
 *   ms        summary
 *   as        description paragraphs
 *   ms        target_group
 *   as        formats
 *   as        partners
 *   as        tips
 *   a(ssms)   quotes: text, author, role
 *   a(ss)     links: href, label
 *
 * A submission with fields or attachments has two more members:
 *
 *   a(sas)    fields: name, paragraphs
 *   a(sssms)  attachments: href, sha256, type, label
 */
#define SUBMISSION_VARIANT_TYPE "(ssmsimsmsa(sms)msasmsasasasa(ssms)a(ss))"
#define SUBMISSION_VARIANT_TYPE_EXTENDED "(ssmsimsmsa(sms)msasmsasasasa(ssms)a(ss)a(sas)a(sssms))"
/* The members of the first form, which the second begins with. */
#define SUBMISSION_VARIANT_N_BASE 15
/* The same, for g_variant_new() and g_variant_get() with GStrv for the "as". */
#define SUBMISSION_VARIANT_FORMAT "(ssmsimsmsa(sms)ms^asms^as^as^asa(ssms)a(ss))"

const char * const jury_attachment_types[] = {
  "application/pdf", "image/png", "image/jpeg", NULL
};

static char **
empty_strv (void)
{
  return g_new0 (char *, 1);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

static gboolean
strv_has_blank (const char * const *strv)
{
  for (; *strv != NULL; strv++)
    {
      if (is_blank (*strv))
        return TRUE;
    }

  return FALSE;
}

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  const JuryLevel *level_a = *(const JuryLevel * const *) a;
  const JuryLevel *level_b = *(const JuryLevel * const *) b;

  return (level_a->value > level_b->value) - (level_a->value < level_b->value);
}

static gpointer
copy_level (gconstpointer src,
            gpointer      user_data)
{
  const JuryLevel *level = src;

  return jury_level_new (level->value, level->label);
}

static gpointer
copy_criterion (gconstpointer src,
                gpointer      user_data)
{
  const JuryCriterion *criterion = src;
  JuryCriterion *copy = jury_criterion_new ();

  copy->id = g_strdup (criterion->id);
  copy->name = g_strdup (criterion->name);
  copy->description = g_strdup (criterion->description);
  copy->weight = criterion->weight;
  g_ptr_array_extend (copy->levels, criterion->levels, copy_level, NULL);

  return copy;
}

static JuryContact *
contact_new_take (char *name,
                  char *role)
{
  JuryContact *contact;

  g_return_val_if_fail (name != NULL, NULL);

  contact = g_new0 (JuryContact, 1);
  contact->name = name;
  contact->role = role;

  return contact;
}

static JuryQuote *
quote_new_take (char *text,
                char *author,
                char *role)
{
  JuryQuote *quote;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (author != NULL, NULL);

  quote = g_new0 (JuryQuote, 1);
  quote->text = text;
  quote->author = author;
  quote->role = role;

  return quote;
}

static JuryLink *
link_new_take (char *href,
               char *label)
{
  JuryLink *link;

  g_return_val_if_fail (href != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  link = g_new0 (JuryLink, 1);
  link->href = href;
  link->label = label;

  return link;
}

JuryLevel *
jury_level_new (int         value,
                const char *label)
{
  JuryLevel *level;

  g_return_val_if_fail (label != NULL, NULL);

  level = g_new0 (JuryLevel, 1);
  level->value = value;
  level->label = g_strdup (label);

  return level;
}

void
jury_level_free (JuryLevel *level)
{
  if (level == NULL)
    return;

  g_free (level->label);
  g_free (level);
}

JuryCriterion *
jury_criterion_new (void)
{
  JuryCriterion *criterion = g_new0 (JuryCriterion, 1);

  criterion->weight = 1.0;
  criterion->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_level_free);

  return criterion;
}

void
jury_criterion_free (JuryCriterion *criterion)
{
  if (criterion == NULL)
    return;

  g_free (criterion->id);
  g_free (criterion->name);
  g_free (criterion->description);
  g_clear_pointer (&criterion->levels, g_ptr_array_unref);
  g_free (criterion);
}

/* Levels are kept sorted by value for jury_criterion_get_level_label(). */
void
jury_criterion_sort_levels (JuryCriterion *criterion)
{
  g_return_if_fail (criterion != NULL);

  g_ptr_array_sort (criterion->levels, compare_levels);
}

/**
 * jury_criterion_get_level_label:
 *
 * Returns: (nullable): the label of @value, or %NULL when the criterion gives
 *   none for it
 */
const char *
jury_criterion_get_level_label (const JuryCriterion *criterion,
                                int                  value)
{
  JuryLevel key = { value, NULL };
  const JuryLevel *key_ptr = &key;
  const JuryLevel * const *found;

  g_return_val_if_fail (criterion != NULL, NULL);

  if (criterion->levels->len == 0)
    return NULL;

  found = bsearch (&key_ptr, criterion->levels->pdata, criterion->levels->len,
                   sizeof (gpointer), compare_levels);

  return found != NULL ? (*found)->label : NULL;
}

JuryCall *
jury_call_new (void)
{
  JuryCall *call = g_new0 (JuryCall, 1);

  call->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_criterion_free);

  return call;
}

void
jury_call_free (JuryCall *call)
{
  if (call == NULL)
    return;

  g_free (call->id);
  g_free (call->lang);
  g_free (call->title);
  g_free (call->theme);
  g_free (call->description);
  g_clear_pointer (&call->criteria, g_ptr_array_unref);
  g_free (call->sha256);
  g_free (call);
}

JuryCall *
jury_call_copy (const JuryCall *call)
{
  JuryCall *copy;

  g_return_val_if_fail (call != NULL, NULL);

  copy = jury_call_new ();
  copy->id = g_strdup (call->id);
  copy->lang = g_strdup (call->lang);
  copy->title = g_strdup (call->title);
  copy->theme = g_strdup (call->theme);
  copy->description = g_strdup (call->description);
  copy->awards = call->awards;
  copy->scale_min = call->scale_min;
  copy->scale_max = call->scale_max;
  g_ptr_array_extend (copy->criteria, call->criteria, copy_criterion, NULL);
  copy->sha256 = g_strdup (call->sha256);
  copy->n_submissions = call->n_submissions;

  return copy;
}

/**
 * jury_call_find_criterion:
 * @index: (out) (optional): where to store the criterion's position in the rubric
 *
 * Returns: (nullable): the criterion with @criterion_id; @index is left alone
 *   when there is none
 */
const JuryCriterion *
jury_call_find_criterion (const JuryCall *call,
                          const char     *criterion_id,
                          guint          *index)
{
  g_return_val_if_fail (call != NULL, NULL);
  g_return_val_if_fail (criterion_id != NULL, NULL);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      if (g_strcmp0 (criterion->id, criterion_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return criterion;
        }
    }

  return NULL;
}

static gboolean
same_criterion (const JuryCriterion *a,
                const JuryCriterion *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 || a->weight != b->weight ||
      a->levels->len != b->levels->len)
    return FALSE;

  for (guint i = 0; i < a->levels->len; i++)
    {
      const JuryLevel *level_a = g_ptr_array_index (a->levels, i);
      const JuryLevel *level_b = g_ptr_array_index (b->levels, i);

      if (level_a->value != level_b->value || g_strcmp0 (level_a->label, level_b->label) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * jury_call_equal:
 *
 * Returns: whether @a and @b describe the same call: the same id, call file,
 *   texts, awards and scale, and the same criteria with the same weights and
 *   levels, in the same order. Submissions are not compared.
 */
gboolean
jury_call_equal (const JuryCall *a,
                 const JuryCall *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->lang, b->lang) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->theme, b->theme) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 || g_strcmp0 (a->sha256, b->sha256) != 0 ||
      a->awards != b->awards || a->scale_min != b->scale_min || a->scale_max != b->scale_max ||
      a->criteria->len != b->criteria->len)
    return FALSE;

  for (guint i = 0; i < a->criteria->len; i++)
    if (!same_criterion (g_ptr_array_index (a->criteria, i), g_ptr_array_index (b->criteria, i)))
      return FALSE;

  return TRUE;
}

double
jury_call_total_weight (const JuryCall *call)
{
  double total = 0.0;

  g_return_val_if_fail (call != NULL, 0.0);

  for (guint i = 0; i < call->criteria->len; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);

      total += criterion->weight;
    }

  return total;
}

JuryContact *
jury_contact_new (const char *name,
                  const char *role)
{
  JuryContact *contact;

  g_return_val_if_fail (name != NULL, NULL);

  contact = g_new0 (JuryContact, 1);
  contact->name = g_strdup (name);
  contact->role = g_strdup (role);

  return contact;
}

void
jury_contact_free (JuryContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->name);
  g_free (contact->role);
  g_free (contact);
}

JuryQuote *
jury_quote_new (const char *text,
                const char *author,
                const char *role)
{
  JuryQuote *quote;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (author != NULL, NULL);

  quote = g_new0 (JuryQuote, 1);
  quote->text = g_strdup (text);
  quote->author = g_strdup (author);
  quote->role = g_strdup (role);

  return quote;
}

void
jury_quote_free (JuryQuote *quote)
{
  if (quote == NULL)
    return;

  g_free (quote->text);
  g_free (quote->author);
  g_free (quote->role);
  g_free (quote);
}

JuryLink *
jury_link_new (const char *href,
               const char *label)
{
  JuryLink *link;

  g_return_val_if_fail (href != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  link = g_new0 (JuryLink, 1);
  link->href = g_strdup (href);
  link->label = g_strdup (label);

  return link;
}

void
jury_link_free (JuryLink *link)
{
  if (link == NULL)
    return;

  g_free (link->href);
  g_free (link->label);
  g_free (link);
}

/**
 * jury_link_is_safe:
 *
 * Whether the link may be opened: only absolute http and https URIs with a host,
 * because a call file comes from someone else and other schemes (file:,
 * javascript:, data:, custom handlers) could run or reveal something locally.
 */
gboolean
jury_link_is_safe (const JuryLink *link)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (link != NULL, FALSE);

  if (link->href == NULL)
    return FALSE;

  uri = g_uri_parse (link->href, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && host != NULL && *host != '\0';
}

JuryField *
jury_field_new (const char         *name,
                const char * const *paragraphs)
{
  JuryField *field = g_new0 (JuryField, 1);

  field->name = g_strdup (name);
  field->paragraphs = paragraphs != NULL ? g_strdupv ((GStrv) paragraphs) : empty_strv ();

  return field;
}

void
jury_field_free (JuryField *field)
{
  if (field == NULL)
    return;

  g_free (field->name);
  g_strfreev (field->paragraphs);
  g_free (field);
}

JuryAttachment *
jury_attachment_new (const char *href,
                     const char *sha256,
                     const char *type,
                     const char *label)
{
  JuryAttachment *attachment = g_new0 (JuryAttachment, 1);

  attachment->href = g_strdup (href);
  attachment->sha256 = g_strdup (sha256);
  attachment->type = g_strdup (type);
  attachment->label = g_strdup (label);

  return attachment;
}

void
jury_attachment_free (JuryAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->href);
  g_free (attachment->sha256);
  g_free (attachment->type);
  g_free (attachment->label);
  g_free (attachment);
}

JuryAttachment *
jury_attachment_copy (const JuryAttachment *attachment)
{
  g_return_val_if_fail (attachment != NULL, NULL);

  return jury_attachment_new (attachment->href, attachment->sha256, attachment->type, attachment->label);
}

/* A call file names its attachments relative to its own folder; a name that
 * climbs out of it, or means something else on another system, would read a
 * file the programme manager never meant to send. */
char *
jury_attachment_check_href (const char *href)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (href != NULL, NULL);

  if (*href == '\0' || strlen (href) > 255)
    return g_strdup (_("the name of an attachment must have 1 to 255 bytes"));
  if (!g_utf8_validate (href, -1, NULL))
    return g_strdup (_("the name of an attachment is not valid UTF-8"));
  if (href[0] == '/' || strchr (href, '\\') != NULL || strchr (href, ':') != NULL)
    return g_strdup_printf (_("the attachment “%s” must be named relative to the call file’s folder, "
                              "with “/” between folders"), href);
  for (const char *p = href; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return g_strdup_printf (_("the name of the attachment “%s” holds a control character"), href);
    }

  parts = g_strsplit (href, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return g_strdup_printf (_("the attachment “%s” may not name “.”, “..” or an empty folder"), href);

  return NULL;
}

/* The first bytes each type of attachment starts with. */
static const struct {
  const char *type;
  const char *magic;
  gsize       length;
} attachment_signatures[] = {
  { "application/pdf", "%PDF-", 5 },
  { "image/png", "\x89PNG\r\n\x1a\n", 8 },
  { "image/jpeg", "\xff\xd8\xff", 3 },
};

const char *
jury_attachment_sniff_type (const guint8 *data,
                            gsize         size)
{
  g_return_val_if_fail (data != NULL || size == 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (attachment_signatures); i++)
    if (size >= attachment_signatures[i].length &&
        memcmp (data, attachment_signatures[i].magic, attachment_signatures[i].length) == 0)
      return attachment_signatures[i].type;

  return NULL;
}

gboolean
jury_attachment_type_is_known (const char *type)
{
  return type != NULL && g_strv_contains (jury_attachment_types, type);
}

const char *
jury_attachment_get_file_name (const JuryAttachment *attachment)
{
  const char *slash;

  g_return_val_if_fail (attachment != NULL, NULL);

  slash = strrchr (attachment->href, '/');
  return slash != NULL ? slash + 1 : attachment->href;
}

const JuryAttachment *
jury_submission_find_attachment (const JurySubmission *submission,
                                 const char           *href)
{
  g_return_val_if_fail (submission != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);

  for (guint i = 0; i < submission->attachments->len; i++)
    {
      const JuryAttachment *attachment = g_ptr_array_index (submission->attachments, i);

      if (g_str_equal (attachment->href, href))
        return attachment;
    }

  return NULL;
}

JurySubmission *
jury_submission_new (void)
{
  JurySubmission *submission = g_new0 (JurySubmission, 1);

  submission->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_contact_free);
  submission->description = empty_strv ();
  submission->formats = empty_strv ();
  submission->partners = empty_strv ();
  submission->tips = empty_strv ();
  submission->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_quote_free);
  submission->links = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_link_free);
  submission->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_field_free);
  submission->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_attachment_free);

  return submission;
}

void
jury_submission_free (JurySubmission *submission)
{
  if (submission == NULL)
    return;

  g_free (submission->id);
  g_free (submission->title);
  g_free (submission->network);
  g_free (submission->region);
  g_free (submission->region_state);
  g_clear_pointer (&submission->contacts, g_ptr_array_unref);
  g_free (submission->summary);
  g_strfreev (submission->description);
  g_free (submission->target_group);
  g_strfreev (submission->formats);
  g_strfreev (submission->partners);
  g_strfreev (submission->tips);
  g_clear_pointer (&submission->quotes, g_ptr_array_unref);
  g_clear_pointer (&submission->links, g_ptr_array_unref);
  g_clear_pointer (&submission->fields, g_ptr_array_unref);
  g_clear_pointer (&submission->attachments, g_ptr_array_unref);
  g_free (submission);
}

/* BASE (floating, the first form) with the fields and attachments after it. */
static GVariant *
extend (GVariant             *base,
        const JurySubmission *submission)
{
  GVariant *members[SUBMISSION_VARIANT_N_BASE + 2];
  GVariantBuilder fields;
  GVariantBuilder attachments;
  GVariant *extended;

  g_variant_ref_sink (base);
  for (guint i = 0; i < SUBMISSION_VARIANT_N_BASE; i++)
    members[i] = g_variant_get_child_value (base, i);

  g_variant_builder_init (&fields, G_VARIANT_TYPE ("a(sas)"));
  for (guint i = 0; i < submission->fields->len; i++)
    {
      const JuryField *field = g_ptr_array_index (submission->fields, i);

      g_variant_builder_add (&fields, "(s^as)", field->name, field->paragraphs);
    }

  g_variant_builder_init (&attachments, G_VARIANT_TYPE ("a(sssms)"));
  for (guint i = 0; i < submission->attachments->len; i++)
    {
      const JuryAttachment *attachment = g_ptr_array_index (submission->attachments, i);

      g_variant_builder_add (&attachments, "(sssms)", attachment->href, attachment->sha256,
                             attachment->type, attachment->label);
    }

  members[SUBMISSION_VARIANT_N_BASE] = g_variant_builder_end (&fields);
  members[SUBMISSION_VARIANT_N_BASE + 1] = g_variant_builder_end (&attachments);
  extended = g_variant_new_tuple (members, G_N_ELEMENTS (members));

  for (guint i = 0; i < SUBMISSION_VARIANT_N_BASE; i++)
    g_variant_unref (members[i]);
  g_variant_unref (base);

  return extended;
}

/**
 * jury_submission_serialize:
 *
 * Returns: (transfer full): a new, non-floating GVariant of type
 *   SUBMISSION_VARIANT_TYPE holding all of @submission
 */
GVariant *
jury_submission_serialize (const JurySubmission *submission)
{
  GVariantBuilder contacts;
  GVariantBuilder quotes;
  GVariantBuilder links;
  GVariant *base;

  g_return_val_if_fail (submission != NULL, NULL);
  g_return_val_if_fail (submission->id != NULL, NULL);
  g_return_val_if_fail (submission->title != NULL, NULL);

  g_variant_builder_init (&contacts, G_VARIANT_TYPE ("a(sms)"));
  for (guint i = 0; i < submission->contacts->len; i++)
    {
      const JuryContact *contact = g_ptr_array_index (submission->contacts, i);

      g_variant_builder_add (&contacts, "(sms)", contact->name, contact->role);
    }

  g_variant_builder_init (&quotes, G_VARIANT_TYPE ("a(ssms)"));
  for (guint i = 0; i < submission->quotes->len; i++)
    {
      const JuryQuote *quote = g_ptr_array_index (submission->quotes, i);

      g_variant_builder_add (&quotes, "(ssms)", quote->text, quote->author, quote->role);
    }

  g_variant_builder_init (&links, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < submission->links->len; i++)
    {
      const JuryLink *link = g_ptr_array_index (submission->links, i);

      g_variant_builder_add (&links, "(ss)", link->href, link->label);
    }

  base = g_variant_new (SUBMISSION_VARIANT_FORMAT,
                                            submission->id,
                                            submission->title,
                                            submission->network,
                                            submission->network_founded,
                                            submission->region,
                                            submission->region_state,
                                            &contacts,
                                            submission->summary,
                                            (const char * const *) submission->description,
                                            submission->target_group,
                                            (const char * const *) submission->formats,
                                            (const char * const *) submission->partners,
                                            (const char * const *) submission->tips,
                                            &quotes,
                                            &links);

  if (submission->fields->len == 0 && submission->attachments->len == 0)
    return g_variant_ref_sink (base);

  return g_variant_ref_sink (extend (base, submission));
}

/* The first form's members at the start of VARIANT, as a variant of that form. */
static GVariant *
take_base (GVariant *variant)
{
  GVariant *members[SUBMISSION_VARIANT_N_BASE];
  GVariant *base;

  for (guint i = 0; i < SUBMISSION_VARIANT_N_BASE; i++)
    members[i] = g_variant_get_child_value (variant, i);
  base = g_variant_ref_sink (g_variant_new_tuple (members, SUBMISSION_VARIANT_N_BASE));
  for (guint i = 0; i < SUBMISSION_VARIANT_N_BASE; i++)
    g_variant_unref (members[i]);

  return base;
}

static void
read_extension (JurySubmission *submission,
                GVariant       *variant)
{
  g_autoptr(GVariant) fields = g_variant_get_child_value (variant, SUBMISSION_VARIANT_N_BASE);
  g_autoptr(GVariant) attachments = g_variant_get_child_value (variant, SUBMISSION_VARIANT_N_BASE + 1);
  GVariantIter iter;
  char *name;
  char **paragraphs;
  char *href, *sha256, *type, *label;

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_next (&iter, "(s^as)", &name, &paragraphs))
    {
      JuryField *field = g_new0 (JuryField, 1);

      field->name = name;
      field->paragraphs = paragraphs;
      g_ptr_array_add (submission->fields, field);
    }

  g_variant_iter_init (&iter, attachments);
  while (g_variant_iter_next (&iter, "(sssms)", &href, &sha256, &type, &label))
    {
      JuryAttachment *attachment = g_new0 (JuryAttachment, 1);

      attachment->href = href;
      attachment->sha256 = sha256;
      attachment->type = type;
      attachment->label = label;
      g_ptr_array_add (submission->attachments, attachment);
    }
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

static gboolean
check_extension (const JurySubmission *submission)
{
  for (guint i = 0; i < submission->fields->len; i++)
    {
      const JuryField *field = g_ptr_array_index (submission->fields, i);

      if (is_blank (field->name) || field->paragraphs[0] == NULL ||
          strv_has_blank ((const char * const *) field->paragraphs))
        return FALSE;
    }

  for (guint i = 0; i < submission->attachments->len; i++)
    {
      const JuryAttachment *attachment = g_ptr_array_index (submission->attachments, i);
      g_autofree char *problem = jury_attachment_check_href (attachment->href);

      if (problem != NULL || !is_sha256 (attachment->sha256) || !jury_attachment_type_is_known (attachment->type))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_submission (const JurySubmission  *submission,
                  GError               **error)
{
  gboolean ok = !is_blank (submission->id) && !is_blank (submission->title)
                && submission->network_founded >= 0 && submission->network_founded <= 9999
                && !strv_has_blank ((const char * const *) submission->description)
                && !strv_has_blank ((const char * const *) submission->formats)
                && !strv_has_blank ((const char * const *) submission->partners)
                && !strv_has_blank ((const char * const *) submission->tips);

  for (guint i = 0; ok && i < submission->contacts->len; i++)
    {
      const JuryContact *contact = g_ptr_array_index (submission->contacts, i);

      ok = !is_blank (contact->name);
    }

  for (guint i = 0; ok && i < submission->quotes->len; i++)
    {
      const JuryQuote *quote = g_ptr_array_index (submission->quotes, i);

      ok = !is_blank (quote->text);
    }

  for (guint i = 0; ok && i < submission->links->len; i++)
    {
      const JuryLink *link = g_ptr_array_index (submission->links, i);

      ok = !is_blank (link->href) && !is_blank (link->label);
    }

  ok = ok && check_extension (submission);

  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A stored submission is damaged: a required text is missing"));
      return FALSE;
    }

  return TRUE;
}

/**
 * jury_submission_deserialize:
 * @variant: a variant from jury_submission_serialize(), possibly read back from
 *   untrusted bytes
 *
 * Returns: (transfer full) (nullable): the submission, or %NULL with @error in
 *   G_IO_ERROR / G_IO_ERROR_INVALID_DATA when @variant is not a well-formed
 *   serialised submission
 */
JurySubmission *
jury_submission_deserialize (GVariant  *variant,
                             GError   **error)
{
  g_autoptr(JurySubmission) submission = NULL;
  g_autoptr(GVariantIter) contacts = NULL;
  g_autoptr(GVariantIter) quotes = NULL;
  g_autoptr(GVariantIter) links = NULL;
  g_autoptr(GVariant) base = NULL;
  char *first;
  char *second;
  char *third;
  gboolean extended;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  extended = g_variant_is_of_type (variant, G_VARIANT_TYPE (SUBMISSION_VARIANT_TYPE_EXTENDED));
  if (!extended && !g_variant_is_of_type (variant, G_VARIANT_TYPE (SUBMISSION_VARIANT_TYPE)))
    {
      g_debug ("Stored submission has type %s, expected %s",
               g_variant_get_type_string (variant), SUBMISSION_VARIANT_TYPE);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A stored submission is damaged or was written by another version of Jury Desk"));
      return NULL;
    }

  /* Data that is not in normal form was not written by g_variant_new(): it was
   * damaged or forged, so nothing in it is trusted. */
  if (!g_variant_is_normal_form (variant))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A stored submission is damaged"));
      return NULL;
    }

  submission = jury_submission_new ();
  g_clear_pointer (&submission->description, g_strfreev);
  g_clear_pointer (&submission->formats, g_strfreev);
  g_clear_pointer (&submission->partners, g_strfreev);
  g_clear_pointer (&submission->tips, g_strfreev);

  if (extended)
    {
      base = take_base (variant);
      read_extension (submission, variant);
    }
  else
    base = g_variant_ref (variant);

  g_variant_get (base, SUBMISSION_VARIANT_FORMAT,
                 &submission->id,
                 &submission->title,
                 &submission->network,
                 &submission->network_founded,
                 &submission->region,
                 &submission->region_state,
                 &contacts,
                 &submission->summary,
                 &submission->description,
                 &submission->target_group,
                 &submission->formats,
                 &submission->partners,
                 &submission->tips,
                 &quotes,
                 &links);

  while (g_variant_iter_next (contacts, "(sms)", &first, &second))
    g_ptr_array_add (submission->contacts, contact_new_take (first, second));

  while (g_variant_iter_next (quotes, "(ssms)", &first, &second, &third))
    g_ptr_array_add (submission->quotes, quote_new_take (first, second, third));

  while (g_variant_iter_next (links, "(ss)", &first, &second))
    g_ptr_array_add (submission->links, link_new_take (first, second));

  if (!check_submission (submission, error))
    return NULL;

  return g_steal_pointer (&submission);
}

/* The flat form of a submission, kept in the database from format 7 on:
 *
 *   TEXT NUL 0x01 REST
 *
 * TEXT is every searchable text that is not empty, one per line, in the order
 * of jury_submission_dup_search_text(): a search folds it as it stands, with
 * nothing to unpack. REST walks the submission in the order of walk_submission()
 * and gives each searchable text only its length (the bytes are in TEXT), each
 * other text its length and bytes, each number and count as itself. Lengths,
 * numbers and counts are unsigned LEB128 in their shortest form; a text that
 * may be missing has 0 for missing and its length + 1 otherwise. An attachment's
 * file name, searchable but part of its href, is in TEXT only. */
#define BODY_REST_VERSION 1

typedef struct
{
  gboolean      decoding;
  gboolean      failed;

  /* Encoding: the lines and the rest, apart until the end. */
  GString      *text;
  GByteArray   *rest;

  /* Decoding: what is left of each part. */
  const guint8 *text_at;
  const guint8 *text_end;
  const guint8 *rest_at;
  const guint8 *rest_end;
  gboolean      text_started;
} BodyCodec;

static void
put_number (BodyCodec *codec,
            guint32    value)
{
  do
    {
      guint8 byte = value & 0x7f;

      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      g_byte_array_append (codec->rest, &byte, 1);
    }
  while (value != 0);
}

static guint32
get_number (BodyCodec *codec)
{
  guint32 value = 0;

  for (guint shift = 0; !codec->failed; shift += 7)
    {
      guint8 byte;

      if (codec->rest_at >= codec->rest_end || shift > 28)
        break;
      byte = *codec->rest_at++;
      if (shift == 28 && byte > 0x0f)
        break;
      value |= (guint32) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          /* Only the shortest form: one number, one way to write it. */
          if (byte == 0 && shift > 0)
            break;
          return value;
        }
    }

  codec->failed = TRUE;
  return 0;
}

/* LENGTH bytes of valid UTF-8 from *AT, which moves past them; NULL when they are not there. */
static char *
take_string (BodyCodec     *codec,
             const guint8 **at,
             const guint8  *end,
             guint32        length)
{
  const char *start = (const char *) *at;

  if (codec->failed || length > (gsize) (end - *at) ||
      memchr (start, '\0', length) != NULL || !g_utf8_validate_len (start, length, NULL))
    {
      codec->failed = TRUE;
      return NULL;
    }

  *at += length;
  return g_strndup (start, length);
}

static void
put_line (BodyCodec  *codec,
          const char *line,
          gsize       length)
{
  if (length == 0)
    return;

  if (codec->text->len > 0)
    g_string_append_c (codec->text, '\n');
  g_string_append_len (codec->text, line, length);
}

/* LENGTH bytes of the next line of TEXT. */
static char *
take_line (BodyCodec *codec,
           guint32    length)
{
  if (length == 0)
    return g_strdup ("");

  if (codec->text_started)
    {
      if (codec->text_at >= codec->text_end || *codec->text_at != '\n')
        {
          codec->failed = TRUE;
          return NULL;
        }
      codec->text_at++;
    }
  codec->text_started = TRUE;

  return take_string (codec, &codec->text_at, codec->text_end, length);
}

/* A text, NULL allowed when MISSABLE: a line of the searchable text when
 * SEARCHABLE, else kept in REST. */
static void
codec_string (BodyCodec  *codec,
              char      **text,
              gboolean    missable,
              gboolean    searchable)
{
  guint32 length;

  if (!codec->decoding)
    {
      gsize n = *text != NULL ? strlen (*text) : 0;

      g_assert (n < G_MAXUINT32);
      put_number (codec, missable ? (*text != NULL ? n + 1 : 0) : n);
      if (searchable)
        put_line (codec, *text, n);
      else if (n > 0)
        g_byte_array_append (codec->rest, (const guint8 *) *text, n);
      return;
    }

  length = get_number (codec);
  if (missable && length-- == 0)
    return;
  *text = searchable ? take_line (codec, length) : take_string (codec, &codec->rest_at, codec->rest_end, length);
}

/* A searchable text; MISSABLE when it may be NULL. */
static void
codec_text (BodyCodec  *codec,
            char      **text,
            gboolean    missable)
{
  codec_string (codec, text, missable, TRUE);
}

/* A text that is not searched, kept in REST. */
static void
codec_plain (BodyCodec  *codec,
             char      **text,
             gboolean    missable)
{
  codec_string (codec, text, missable, FALSE);
}

/* A searchable text made from others, in TEXT only: it must say what they say. */
static void
codec_derived (BodyCodec  *codec,
               const char *text)
{
  gsize n = strlen (text);
  g_autofree char *stored = NULL;

  if (!codec->decoding)
    {
      put_line (codec, text, n);
      return;
    }

  if (n == 0)
    return;
  stored = take_line (codec, n);
  if (stored != NULL && strcmp (stored, text) != 0)
    codec->failed = TRUE;
}

static void
codec_int (BodyCodec *codec,
           int       *value)
{
  guint32 number;

  if (!codec->decoding)
    {
      put_number (codec, (guint32) *value);
      return;
    }

  number = get_number (codec);
  if (number > G_MAXINT)
    codec->failed = TRUE;
  else
    *value = (int) number;
}

/* How many of something there are; each takes at least a byte of REST, so a
 * count larger than what is left is damage, not a reason to allocate. */
static guint
codec_count (BodyCodec *codec,
             guint      n)
{
  if (!codec->decoding)
    {
      put_number (codec, n);
      return n;
    }

  n = get_number (codec);
  if (n > (gsize) (codec->rest_end - codec->rest_at))
    {
      codec->failed = TRUE;
      return 0;
    }

  return n;
}

static void
codec_lines (BodyCodec   *codec,
             char      ***lines)
{
  guint n = codec_count (codec, codec->decoding ? 0 : g_strv_length (*lines));

  if (codec->decoding)
    {
      g_strfreev (*lines);
      *lines = g_new0 (char *, n + 1);
    }

  for (guint i = 0; i < n && !codec->failed; i++)
    codec_text (codec, &(*lines)[i], FALSE);
}

/* The item I of ARRAY, made first when decoding. */
static gpointer
codec_item (BodyCodec *codec,
            GPtrArray *array,
            guint      i,
            gsize      size)
{
  if (codec->decoding)
    g_ptr_array_add (array, g_malloc0 (size));

  return g_ptr_array_index (array, i);
}

/* Every part of SUBMISSION, in one order for both ways. */
static void
walk_submission (BodyCodec      *codec,
                 JurySubmission *submission)
{
  guint n;

  codec_plain (codec, &submission->id, FALSE);
  codec_text (codec, &submission->title, FALSE);
  codec_text (codec, &submission->network, TRUE);
  codec_int (codec, &submission->network_founded);
  codec_text (codec, &submission->region, TRUE);
  codec_text (codec, &submission->region_state, TRUE);

  n = codec_count (codec, submission->contacts->len);
  for (guint i = 0; i < n && !codec->failed; i++)
    {
      JuryContact *contact = codec_item (codec, submission->contacts, i, sizeof (JuryContact));

      codec_text (codec, &contact->name, FALSE);
      codec_text (codec, &contact->role, TRUE);
    }

  codec_text (codec, &submission->summary, TRUE);
  codec_lines (codec, &submission->description);
  codec_text (codec, &submission->target_group, TRUE);
  codec_lines (codec, &submission->formats);
  codec_lines (codec, &submission->partners);
  codec_lines (codec, &submission->tips);

  n = codec_count (codec, submission->quotes->len);
  for (guint i = 0; i < n && !codec->failed; i++)
    {
      JuryQuote *quote = codec_item (codec, submission->quotes, i, sizeof (JuryQuote));

      codec_text (codec, &quote->text, FALSE);
      codec_text (codec, &quote->author, FALSE);
      codec_text (codec, &quote->role, TRUE);
    }

  n = codec_count (codec, submission->links->len);
  for (guint i = 0; i < n && !codec->failed; i++)
    {
      JuryLink *link = codec_item (codec, submission->links, i, sizeof (JuryLink));

      codec_plain (codec, &link->href, FALSE);
      codec_text (codec, &link->label, FALSE);
    }

  n = codec_count (codec, submission->fields->len);
  for (guint i = 0; i < n && !codec->failed; i++)
    {
      JuryField *field = codec_item (codec, submission->fields, i, sizeof (JuryField));

      codec_plain (codec, &field->name, FALSE);
      if (codec->decoding)
        field->paragraphs = empty_strv ();
      codec_lines (codec, &field->paragraphs);
    }

  n = codec_count (codec, submission->attachments->len);
  for (guint i = 0; i < n && !codec->failed; i++)
    {
      JuryAttachment *attachment = codec_item (codec, submission->attachments, i, sizeof (JuryAttachment));

      codec_plain (codec, &attachment->href, FALSE);
      codec_plain (codec, &attachment->sha256, FALSE);
      codec_plain (codec, &attachment->type, FALSE);
      codec_text (codec, &attachment->label, TRUE);
      if (!codec->failed)
        codec_derived (codec, jury_attachment_get_file_name (attachment));
    }
}

/* The searchable lines of SUBMISSION and the rest, apart. */
static void
encode_parts (const JurySubmission *submission,
              GString              *text,
              GByteArray           *rest)
{
  BodyCodec codec = { .decoding = FALSE, .text = text, .rest = rest };
  guint8 version = BODY_REST_VERSION;

  g_byte_array_append (rest, &version, 1);
  /* Encoding only reads: the walk takes the fields' addresses. */
  walk_submission (&codec, (JurySubmission *) submission);
}

/**
 * jury_submission_encode:
 *
 * Returns: (transfer full): @submission in the flat form the database keeps
 *   (see the top of this part of the file)
 */
GBytes *
jury_submission_encode (const JurySubmission *submission)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GByteArray) rest = NULL;

  g_return_val_if_fail (submission != NULL, NULL);
  g_return_val_if_fail (submission->id != NULL, NULL);
  g_return_val_if_fail (submission->title != NULL, NULL);

  /* Most of it is text: room for it at once, and for the rest. */
  text = g_string_sized_new (2048);
  rest = g_byte_array_sized_new (128);
  encode_parts (submission, text, rest);

  g_string_append_c (text, '\0');
  g_string_append_len (text, (const char *) rest->data, rest->len);

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/**
 * jury_submission_decode:
 * @data: (array length=size): bytes from jury_submission_encode(), possibly read
 *   back from an untrusted file
 *
 * Returns: (transfer full) (nullable): the submission, or %NULL with @error in
 *   G_IO_ERROR / G_IO_ERROR_INVALID_DATA when @data is not exactly what
 *   jury_submission_encode() makes of a well-formed submission
 */
JurySubmission *
jury_submission_decode (const guint8  *data,
                        gsize          size,
                        GError       **error)
{
  g_autoptr(JurySubmission) submission = NULL;
  const guint8 *nul;
  BodyCodec codec = { .decoding = TRUE };

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  nul = size > 0 ? memchr (data, '\0', size) : NULL;
  if (nul == NULL || nul + 1 == data + size || nul[1] != BODY_REST_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A stored submission is damaged or was written by another version of Jury Desk"));
      return NULL;
    }

  codec.text_at = data;
  codec.text_end = nul;
  codec.rest_at = nul + 2;
  codec.rest_end = data + size;

  submission = jury_submission_new ();
  walk_submission (&codec, submission);

  /* Every byte accounted for, and nothing missing that a submission needs. */
  if (codec.failed || codec.text_at != codec.text_end || codec.rest_at != codec.rest_end)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A stored submission is damaged"));
      return NULL;
    }

  if (!check_submission (submission, error))
    return NULL;

  return g_steal_pointer (&submission);
}

/**
 * jury_submission_body_text_length:
 * @body: (array length=size): a submission in the flat form
 *
 * Returns: how many bytes at the start of @body are its searchable lines
 */
gsize
jury_submission_body_text_length (const guint8 *body,
                                  gsize         size)
{
  const guint8 *nul = size > 0 ? memchr (body, '\0', size) : NULL;

  return nul != NULL ? (gsize) (nul - body) : size;
}

/**
 * jury_submission_dup_search_text:
 *
 * Returns: (transfer full): every text of @submission, one per line, folded
 *   with jury_search_normalize()
 */
char *
jury_submission_dup_search_text (const JurySubmission *submission)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GByteArray) rest = NULL;

  g_return_val_if_fail (submission != NULL, NULL);

  text = g_string_new (NULL);
  rest = g_byte_array_new ();
  encode_parts (submission, text, rest);

  return jury_search_normalize (text->str);
}
