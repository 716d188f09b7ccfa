/* jury-accessible.c: what screen readers say, where GTK alone says it wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-accessible"

#include "config.h"

#include "jury-accessible.h"

#define FIXED_KEY "jury-accessible-fixed"

/* GTK 4.8 gives a button with a mnemonic its raw label ("_Close") as its name and
 * then adds the text of the label inside: "_Close Close". The text inside alone is
 * what is on screen. */
static void
reset_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
label_changed_cb (GtkButton  *button,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  reset_label (button);
}

void
jury_accessible_fix_mnemonics (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), FIXED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
      reset_label (GTK_BUTTON (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    jury_accessible_fix_mnemonics (child);
}

void
jury_accessible_present (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  jury_accessible_fix_mnemonics (GTK_WIDGET (window));
  gtk_window_present (window);
}
