/* jury-page-widgets.c: what the pages of a panel's results build alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-page-widgets"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-accessible.h"
#include "jury-page-widgets.h"

GtkWidget *
jury_page_add_label (GtkBox     *box,
                     const char *text,
                     const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return label;
}

GtkWidget *
jury_page_add_heading (GtkBox     *box,
                       const char *text)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);
  return label;
}

void
jury_page_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

GtkWidget *
jury_page_grid_label (GtkGrid    *grid,
                      const char *text,
                      int         column,
                      int         row,
                      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_yalign (GTK_LABEL (label), row == 0 ? 1 : 0.5f);
  /* Words stay whole: a name broken into syllables cannot be read. */
  gtk_label_set_wrap (GTK_LABEL (label), !numeric || row == 0);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (row == 0)
    gtk_widget_add_css_class (label, "caption-heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);

  return label;
}

char *
jury_page_label_value (const char *label,
                       const char *value)
{
  /* Translators: a label and its value, e.g. "Mean: 4.12", as a screen reader reads
   * a cell of a table */
  return g_strdup_printf (_("%s: %s"), label, value);
}

GtkWidget *
jury_page_new_chart (GtkDrawingAreaDrawFunc func,
                     gpointer               data,
                     int                    height,
                     const char            *description)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                  "content-height", height,
                                  "hexpand", TRUE,
                                  NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), func, data, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  return area;
}

void
jury_page_get_chart_colors (GtkWidget       *widget,
                            JuryChartColors *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, accent;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;

  colors->foreground[0] = fg.red;
  colors->foreground[1] = fg.green;
  colors->foreground[2] = fg.blue;
  colors->foreground[3] = fg.alpha;
  colors->accent[0] = accent.red;
  colors->accent[1] = accent.green;
  colors->accent[2] = accent.blue;
  colors->accent[3] = accent.alpha;
  colors->muted[0] = fg.red;
  colors->muted[1] = fg.green;
  colors->muted[2] = fg.blue;
  colors->muted[3] = 0.3 * fg.alpha;
}

const char *
jury_page_juror_name (const JuryResults *results,
                      guint              juror)
{
  return ((JuryJuror *) g_ptr_array_index (results->jurors, juror))->name;
}

static void
string_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
string_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GtkWidget *row = gtk_widget_get_parent (label);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (list_item));

  gtk_label_set_label (GTK_LABEL (label), text);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

GtkListItemFactory *
jury_page_new_string_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (string_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (string_bind_cb), NULL);
  return factory;
}

static void
name_inner_buttons (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) || GTK_IS_DROP_DOWN (root))
    {
      /* The inner button is what takes the focus; it goes by the outer one's name. */
      GtkWidget *inner = gtk_widget_get_first_child (root);

      if (GTK_IS_TOGGLE_BUTTON (inner))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (inner),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL,
                                        -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_inner_buttons (child);
}

void
jury_page_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  jury_accessible_fix_mnemonics (root);
  name_inner_buttons (root);
}
