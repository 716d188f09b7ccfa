/* jury-xml.h: libxml2 as Jury Desk uses it for files from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call before reading XML in a thread, as often as wanted: sets libxml2 up once per
 * process (no external entity is ever loaded) and, for the calling thread, sends
 * what libxml2 would print on the standard error to the debug log instead. Errors
 * about a file come through each reader's own structured handler. */
void jury_xml_prepare_thread (void);

G_END_DECLS
