/* jury-xml.h: libxml2 set up once for files from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises libxml2 once per process, from any thread, and installs an
 * external entity loader that refuses everything: no parser in Jury Desk ever
 * fetches a DTD, an entity or another document, whatever options it is given.
 * The loader is process-wide, so every reader of XML calls this one function
 * before its first parser. */
void jury_xml_init (void);

G_END_DECLS
