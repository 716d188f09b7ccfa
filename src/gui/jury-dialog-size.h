/* jury-dialog-size.h: a dialog no wider than the window it belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Narrows DIALOG's default width to that of the window it is transient for, as on a
 * phone; for a dialog's realize, before it has a size. */
void jury_dialog_fit_parent (GtkWindow *dialog);

G_END_DECLS
