/* jury-xml.c: libxml2 as Jury Desk uses it for files from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-xml"

#include "config.h"

#include <stdio.h>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>

#include "jury-xml.h"

static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  context)
{
  g_debug ("Refused to load the external entity %s (%s)",
           url != NULL ? url : "(no URL)", id != NULL ? id : "(no id)");

  return NULL;
}

/* libxml2 prints some errors, of input and encoding, through its generic
 * handler, whatever handler the reader has: they are the reader's business. */
static void G_GNUC_PRINTF (2, 3)
generic_error_cb (void       *context,
                  const char *format,
                  ...)
{
  char message[512];
  va_list args;

  va_start (args, format);
  g_vsnprintf (message, sizeof message, format, args);
  va_end (args);

  g_debug ("libxml2: %s", g_strchomp (message));
}

void
jury_xml_prepare_thread (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      /* For threads libxml2 has not seen yet; the calling one is set below. */
      xmlThrDefSetGenericErrorFunc (NULL, generic_error_cb);
      g_once_init_leave (&initialized, 1);
    }

  xmlSetGenericErrorFunc (NULL, generic_error_cb);
}
