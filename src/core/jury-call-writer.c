/* jury-call-writer.c: a call as a call file
 *
 * libxml2's text writer does the escaping and the indentation; the order of the
 * elements is the schema's (data/schema/call.rng).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-call-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "jury-call-loader.h"
#include "jury-call-writer.h"
#include "jury-file.h"
#include "jury-store-error.h"
#include "jury-xml.h"

#define CALL_NAMESPACE "urn:jury-desk:call:1"

typedef struct
{
  xmlTextWriterPtr writer;
  gboolean         failed;
} Writer;

static const xmlChar *
x (const char *text)
{
  return (const xmlChar *) text;
}

static void
check (Writer *w,
       int     rc)
{
  if (rc < 0)
    w->failed = TRUE;
}

static void
start (Writer     *w,
       const char *name)
{
  check (w, xmlTextWriterStartElement (w->writer, x (name)));
}

static void
end (Writer *w)
{
  check (w, xmlTextWriterEndElement (w->writer));
}

static void
attribute (Writer     *w,
           const char *name,
           const char *value)
{
  if (value != NULL)
    check (w, xmlTextWriterWriteAttribute (w->writer, x (name), x (value)));
}

static void
text (Writer     *w,
      const char *value)
{
  check (w, xmlTextWriterWriteString (w->writer, x (value)));
}

/* <NAME>VALUE</NAME>, when VALUE holds something. */
static void
element (Writer     *w,
         const char *name,
         const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  check (w, xmlTextWriterWriteElement (w->writer, x (name), x (value)));
}

static void
elements (Writer             *w,
          const char         *name,
          const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    element (w, name, values[i]);
}

static void
write_rubric (Writer         *w,
              const JuryCall *call)
{
  g_autofree char *min = g_strdup_printf ("%d", call->scale_min);
  g_autofree char *max = g_strdup_printf ("%d", call->scale_max);

  start (w, "rubric");
  attribute (w, "min", min);
  attribute (w, "max", max);
  for (guint c = 0; c < call->criteria->len; c++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (call->criteria, c);
      char weight[G_ASCII_DTOSTR_BUF_SIZE];

      start (w, "criterion");
      attribute (w, "id", criterion->id);
      if (criterion->weight != 1.0)
        attribute (w, "weight", g_ascii_formatd (weight, sizeof weight, "%.15g", criterion->weight));
      element (w, "name", criterion->name);
      element (w, "description", criterion->description);
      for (guint l = 0; l < criterion->levels->len; l++)
        {
          const JuryLevel *level = g_ptr_array_index (criterion->levels, l);
          g_autofree char *value = g_strdup_printf ("%d", level->value);

          start (w, "level");
          attribute (w, "value", value);
          text (w, level->label);
          end (w);
        }
      end (w);
    }
  end (w);
}

static void
write_submission (Writer               *w,
                  const JurySubmission *submission)
{
  start (w, "submission");
  attribute (w, "id", submission->id);
  element (w, "title", submission->title);

  if (submission->network != NULL && submission->network[0] != '\0')
    {
      g_autofree char *founded = submission->network_founded > 0
                                 ? g_strdup_printf ("%04d", submission->network_founded) : NULL;

      start (w, "network");
      attribute (w, "founded", founded);
      text (w, submission->network);
      end (w);
    }
  if (submission->region != NULL && submission->region[0] != '\0')
    {
      start (w, "region");
      attribute (w, "state", submission->region_state);
      text (w, submission->region);
      end (w);
    }
  for (guint i = 0; i < submission->contacts->len; i++)
    {
      const JuryContact *contact = g_ptr_array_index (submission->contacts, i);

      start (w, "contact");
      attribute (w, "role", contact->role);
      text (w, contact->name);
      end (w);
    }
  element (w, "summary", submission->summary);
  if (submission->description[0] != NULL)
    {
      start (w, "description");
      elements (w, "p", (const char * const *) submission->description);
      end (w);
    }
  element (w, "target-group", submission->target_group);
  elements (w, "format", (const char * const *) submission->formats);
  elements (w, "partner", (const char * const *) submission->partners);
  elements (w, "tip", (const char * const *) submission->tips);
  for (guint i = 0; i < submission->quotes->len; i++)
    {
      const JuryQuote *quote = g_ptr_array_index (submission->quotes, i);

      start (w, "quote");
      attribute (w, "author", quote->author);
      attribute (w, "role", quote->role);
      text (w, quote->text);
      end (w);
    }
  for (guint i = 0; i < submission->links->len; i++)
    {
      const JuryLink *link = g_ptr_array_index (submission->links, i);

      start (w, "link");
      attribute (w, "href", link->href);
      text (w, link->label);
      end (w);
    }
  for (guint i = 0; i < submission->fields->len; i++)
    {
      const JuryField *field = g_ptr_array_index (submission->fields, i);

      start (w, "field");
      attribute (w, "name", field->name);
      if (field->paragraphs[0] != NULL && field->paragraphs[1] == NULL)
        text (w, field->paragraphs[0]);
      else
        elements (w, "p", (const char * const *) field->paragraphs);
      end (w);
    }
  for (guint i = 0; i < submission->attachments->len; i++)
    {
      const JuryAttachment *attachment = g_ptr_array_index (submission->attachments, i);

      start (w, "attachment");
      attribute (w, "href", attachment->href);
      attribute (w, "sha256", attachment->sha256);
      attribute (w, "type", attachment->type);
      text (w, attachment->label != NULL ? attachment->label : "");
      end (w);
    }

  end (w);
}

GBytes *
jury_call_to_xml (const JuryCall  *call,
                  GPtrArray       *submissions,
                  GError         **error)
{
  xmlBufferPtr buffer;
  Writer w = { 0 };
  g_autofree char *awards = NULL;
  GBytes *bytes;

  g_return_val_if_fail (call != NULL, NULL);
  g_return_val_if_fail (submissions != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  jury_xml_prepare_thread ();
  buffer = xmlBufferCreate ();
  w.writer = buffer != NULL ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  if (w.writer == NULL)
    {
      if (buffer != NULL)
        xmlBufferFree (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s", _("Out of memory"));
      return NULL;
    }

  check (&w, xmlTextWriterSetIndent (w.writer, 1));
  check (&w, xmlTextWriterSetIndentString (w.writer, x ("  ")));
  check (&w, xmlTextWriterStartDocument (w.writer, NULL, "UTF-8", NULL));
  check (&w, xmlTextWriterStartElementNS (w.writer, NULL, x ("call"), x (CALL_NAMESPACE)));
  attribute (&w, "id", call->id);
  attribute (&w, "lang", call->lang);
  element (&w, "title", call->title);
  element (&w, "theme", call->theme);
  element (&w, "description", call->description);
  awards = g_strdup_printf ("%u", call->awards);
  start (&w, "awards");
  attribute (&w, "count", awards);
  end (&w);
  write_rubric (&w, call);
  for (guint i = 0; i < submissions->len; i++)
    write_submission (&w, g_ptr_array_index (submissions, i));
  end (&w);
  check (&w, xmlTextWriterEndDocument (w.writer));

  xmlFreeTextWriter (w.writer);
  if (w.failed)
    {
      xmlBufferFree (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", _("The call file could not be written"));
      return NULL;
    }

  bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

gboolean
jury_call_write_file (const JuryCall  *call,
                      GPtrArray       *submissions,
                      GFile           *file,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) temp_file = NULL;
  g_autoptr(JuryCallLoader) loader = NULL;
  g_autoptr(JuryCall) loaded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temp_path = NULL;
  int fd;

  g_return_val_if_fail (call != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_basename (file);
  if (!(path = g_file_get_path (file)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not on this computer; save the call in a local folder"), name);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s exists already; Jury Desk does not write over it"), name);
      return FALSE;
    }

  if (!(bytes = jury_call_to_xml (call, submissions, error)))
    return FALSE;

  if ((fd = jury_file_write_temp (path, bytes, &temp_path, error)) < 0)
    return FALSE;

  /* The check that counts: the file as a juror's Jury Desk will load it. */
  temp_file = g_file_new_for_path (temp_path);
  loader = jury_call_loader_new (temp_file);
  if (!(loaded = jury_call_loader_load (loader, cancellable, &local_error)))
    {
      g_close (fd, NULL);
      jury_file_remove_temp (temp_path);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s would not be a valid call, and was not written: %s"), name, local_error->message);
      return FALSE;
    }

  /* Never over a file that appeared meanwhile. */
  if (!jury_file_commit_temp (fd, temp_path, path, FALSE, &local_error))
    {
      if (g_error_matches (local_error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("%s exists already; Jury Desk does not write over it"), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
