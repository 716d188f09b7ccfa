/* jury-file-chooser.c: a file chooser that hands the file it chose to a function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "jury-file-chooser.h"

typedef struct
{
  GtkWindow          *parent;
  JuryFileChosenFunc  func;
} Chosen;

static void
chosen_free (gpointer data)
{
  Chosen *chosen = data;

  g_object_unref (chosen->parent);
  g_free (chosen);
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    jury_file_chooser_choose (GTK_FILE_CHOOSER (dialog), file);
  else
    g_object_unref (dialog);
}

/**
 * jury_file_chooser_new:
 *
 * Returns: (transfer none): a modal chooser on PARENT that calls FUNC with
 *   PARENT and the file when one is chosen, and frees itself once it is
 *   answered. Show it with gtk_native_dialog_show().
 */
GtkFileChooser *
jury_file_chooser_new (GtkWindow            *parent,
                       const char           *title,
                       GtkFileChooserAction  action,
                       const char           *accept_label,
                       JuryFileChosenFunc    func)
{
  GtkFileChooserNative *chooser;
  Chosen *chosen;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  chooser = gtk_file_chooser_native_new (title, parent, action, accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  chosen = g_new0 (Chosen, 1);
  chosen->parent = g_object_ref (parent);
  chosen->func = func;
  g_object_set_data_full (G_OBJECT (chooser), "jury-chosen", chosen, chosen_free);
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), NULL);

  return GTK_FILE_CHOOSER (chooser);
}

/* A filter named NAME of the patterns given, NULL-terminated. */
void
jury_file_chooser_add_filter (GtkFileChooser *chooser,
                              const char     *name,
                              const char     *first_pattern,
                              ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *pattern = first_pattern; pattern != NULL; pattern = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, pattern);
  va_end (args);

  gtk_file_chooser_add_filter (chooser, filter);
}

/* Answers CHOOSER with FILE, as if a person had chosen it: calls its function
 * and frees it. */
void
jury_file_chooser_choose (GtkFileChooser *chooser,
                          GFile          *file)
{
  Chosen *chosen = g_object_get_data (G_OBJECT (chooser), "jury-chosen");
  g_autoptr(GtkWindow) parent = NULL;

  g_return_if_fail (chosen != NULL);
  g_return_if_fail (G_IS_FILE (file));

  parent = g_object_ref (chosen->parent);
  chosen->func (parent, file);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}
