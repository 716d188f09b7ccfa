/* jury-fit-bin.h: a wide child where it fits, a narrow one where it does not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JURY_TYPE_FIT_BIN (jury_fit_bin_get_type ())
G_DECLARE_FINAL_TYPE (JuryFitBin, jury_fit_bin, JURY, FIT_BIN, GtkWidget)

/* Shows the wide child when the width it is given reaches the wide child's minimum
 * width, the narrow child otherwise; height for width follows the child shown at
 * that width, so nothing is measured for one child and shown with the other. The
 * child not shown is hidden from screen readers too. Either child may be NULL. */
GtkWidget *jury_fit_bin_new            (void);
void       jury_fit_bin_set_children   (JuryFitBin *self,
                                        GtkWidget  *wide,
                                        GtkWidget  *narrow);
GtkWidget *jury_fit_bin_get_wide       (JuryFitBin *self);
GtkWidget *jury_fit_bin_get_narrow     (JuryFitBin *self);
/* Whether the wide child is the one shown at the last allocation. */
gboolean   jury_fit_bin_get_wide_shown (JuryFitBin *self);

G_END_DECLS
