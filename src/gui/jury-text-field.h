/* jury-text-field.h: fields that take only what Jury Desk may store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-text.h"

G_BEGIN_DECLS

/* Keeps what is typed or pasted into FIELD (a GtkTextView, or a GtkEditable such
 * as a GtkEntry or an AdwEntryRow) to the rules of KIND (see jury-text.h): control
 * and bidirectional control characters are left out, line ends become newlines,
 * and at the length limit the field takes no more. Whenever something is left
 * out, a sentence says why: in HINT when given, else in a toast of the nearest
 * toast overlay or preferences window. */
void jury_text_field_limit (GtkWidget     *field,
                            JuryTextKind   kind,
                            GtkLabel      *hint);

G_END_DECLS
