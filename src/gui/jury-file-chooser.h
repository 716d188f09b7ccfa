/* jury-file-chooser.h: a file chooser that hands the file it chose to a function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What is called with the chooser's parent and the file chosen. */
typedef void (*JuryFileChosenFunc) (GtkWindow *parent,
                                    GFile     *file);

GtkFileChooser *jury_file_chooser_new        (GtkWindow            *parent,
                                              const char           *title,
                                              GtkFileChooserAction  action,
                                              const char           *accept_label,
                                              JuryFileChosenFunc    func);
void            jury_file_chooser_add_filter (GtkFileChooser       *chooser,
                                              const char           *name,
                                              const char           *first_pattern,
                                              ...) G_GNUC_NULL_TERMINATED;
void            jury_file_chooser_choose     (GtkFileChooser       *chooser,
                                              GFile                *file);

G_END_DECLS
