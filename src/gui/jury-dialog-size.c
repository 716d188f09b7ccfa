/* jury-dialog-size.c: a dialog no wider than the window it belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-dialog-size"

#include "config.h"

#include "jury-dialog-size.h"

void
jury_dialog_fit_parent (GtkWindow *dialog)
{
  GtkWindow *parent;
  int width, height, parent_width, parent_height;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  parent = gtk_window_get_transient_for (dialog);
  if (parent == NULL)
    return;

  /* A window that has just been shown may not have been given its size yet: then
   * the size it asked for is the one it gets. */
  parent_width = gtk_widget_get_width (GTK_WIDGET (parent));
  if (parent_width <= 0)
    gtk_window_get_default_size (parent, &parent_width, &parent_height);
  if (parent_width <= 0)
    return;

  gtk_window_get_default_size (dialog, &width, &height);
  if (width > parent_width)
    gtk_window_set_default_size (dialog, parent_width, height);
}
