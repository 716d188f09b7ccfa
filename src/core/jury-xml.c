/* jury-xml.c: libxml2 set up once for files from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-xml"

#include "config.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

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

void
jury_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialized, 1);
    }
}
