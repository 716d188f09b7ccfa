/* jury-accessible.h: what screen readers say, where GTK alone says it wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Buttons in WIDGET and below with a mnemonic in their label ("_Close") are read by
 * their label alone, without the underscore, also after the label changes. */
void jury_accessible_fix_mnemonics (GtkWidget *widget);
/* Presents WINDOW, a dialog, after fixing its buttons' names. */
void jury_accessible_present       (GtkWindow *window);

G_END_DECLS
