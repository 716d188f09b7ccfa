/* jury-page-widgets.h: what the pages of a panel's results build alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-chart.h"
#include "jury-results.h"

G_BEGIN_DECLS

/* Text from the files goes into plain labels, never markup; it wraps between words. */
GtkWidget  *jury_page_add_label          (GtkBox                 *box,
                                          const char             *text,
                                          const char             *css_class);
GtkWidget  *jury_page_add_heading        (GtkBox                 *box,
                                          const char             *text);
void        jury_page_clear_box          (GtkBox                 *box);
/* A cell of a table: text wraps between words, numbers stay on one line. */
GtkWidget  *jury_page_grid_label         (GtkGrid                *grid,
                                          const char             *text,
                                          int                     column,
                                          int                     row,
                                          gboolean                numeric);
/* "Label: value", as a screen reader reads a cell of a table. */
char       *jury_page_label_value        (const char             *label,
                                          const char             *value);
/* A chart drawn by FUNC, as an image a screen reader describes with DESCRIPTION. */
GtkWidget  *jury_page_new_chart          (GtkDrawingAreaDrawFunc  func,
                                          gpointer                data,
                                          int                     height,
                                          const char             *description);
void        jury_page_get_chart_colors   (GtkWidget              *widget,
                                          JuryChartColors        *colors);
const char *jury_page_juror_name         (const JuryResults      *results,
                                          guint                   juror);
/* Items of a GtkStringList as labels, read by their text: for a GtkDropDown's
 * button and list, whose rows GTK 4.8 leaves without a name. */
GtkListItemFactory *jury_page_new_string_factory (void);
/* Buttons under ROOT with a mnemonic are read by their label as it is shown
 * (jury_accessible_fix_mnemonics()), and every menu button and drop-down by the
 * name of its own inner button. */
void        jury_page_name_controls      (GtkWidget              *root);

G_END_DECLS
