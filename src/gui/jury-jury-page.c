/* jury-jury-page.c: the Jury page of a panel's results
 *
 * The round (who is on the jury, who has handed in), then how well the jurors
 * agree, each juror's figures and leniency, and a word on any juror whose scores
 * cannot tell the submissions apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-jury-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-fit-bin.h"
#include "jury-jury-page.h"
#include "jury-page-widgets.h"

struct _JuryJuryPage
{
  GtkWidget          parent_instance;

  const JuryResults *results;

  JuryRoundView     *round_view;
  GtkBox            *stats_box;
};

G_DEFINE_FINAL_TYPE (JuryJuryPage, jury_jury_page, GTK_TYPE_WIDGET)

static void
draw_leniency (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  JuryJuryPage *self = user_data;
  JuryExportOptions options = { .anonymous = FALSE };
  JuryChartColors colors;

  if (self->results == NULL)
    return;

  jury_page_get_chart_colors (GTK_WIDGET (area), &colors);
  jury_chart_draw_leniency (cr, self->results, &options, &colors, width, height);
}

static void
add_agreement (JuryJuryPage *self)
{
  const JuryResults *results = self->results;
  g_autofree char *summary = jury_results_describe_agreement (results);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  jury_page_add_heading (self->stats_box, _("Agreement"));
  jury_page_add_label (self->stats_box, summary, "title-4");
  jury_page_add_label (self->stats_box,
                       _("Krippendorff's alpha over the review totals: 1 means the jurors agree "
                         "completely, 0 means no more than chance would give; from 0.8 the ranking can be "
                         "relied on, from 0.667 with care."),
                       "dim-label");

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);
  jury_page_grid_label (grid, _("Criterion"), 0, 0, FALSE);
  jury_page_grid_label (grid, _("Agreement"), 1, 0, FALSE);
  jury_page_grid_label (grid, "α", 2, 0, TRUE);
  for (guint c = 0; c < results->stats->n_criteria; c++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (results->call->criteria, c);
      double value = results->stats->criterion_alpha[c];
      g_autofree char *number = jury_format_statistic (value);

      jury_page_grid_label (grid, criterion->name, 0, 1 + c, FALSE);
      jury_page_grid_label (grid, jury_agreement_to_words (value), 1, 1 + c, FALSE);
      jury_page_grid_label (grid, number, 2, 1 + c, TRUE);
    }
  gtk_box_append (self->stats_box, GTK_WIDGET (grid));
}

/* The same table as the dossier and the spreadsheet. */
static GtkWidget *
build_jurors_table (JuryJuryPage *self)
{
  const JuryResults *results = self->results;
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);
  for (guint c = 0; c < JURY_N_JUROR_COLUMNS; c++)
    {
      gboolean numeric = c != JURY_JUROR_COLUMN_NAME;

      jury_page_grid_label (grid, jury_juror_column_to_label (c), c, 0, numeric);
      for (guint j = 0; j < results->stats->n_jurors; j++)
        {
          g_autofree char *text = jury_results_format_juror_cell (results, j, c);

          jury_page_grid_label (grid, text, c, 1 + j, numeric);
        }
    }

  return GTK_WIDGET (grid);
}

/* A column's heading on one line: translations break long ones for tables,
 * "Voll-\nständig", where the hyphen stays only if the line breaks there. */
static char *
dup_one_line (const char *heading)
{
  g_autoptr(GString) text = g_string_new (heading);

  g_string_replace (text, "-\n", "\u00ad", 0);
  g_string_replace (text, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Where the table does not fit: the juror's name, then "Complete 12 · …". */
static GtkWidget *
build_jurors_list (JuryJuryPage *self)
{
  const JuryResults *results = self->results;
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));

  for (guint j = 0; j < results->stats->n_jurors; j++)
    {
      GtkBox *item = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = JURY_JUROR_COLUMN_NAME + 1; c < JURY_N_JUROR_COLUMNS; c++)
        {
          g_autofree char *text = jury_results_format_juror_cell (results, j, c);
          g_autofree char *heading = dup_one_line (jury_juror_column_to_label (c));

          if (line->len > 0)
            g_string_append (line, " · ");
          /* A no-break space: a figure stays with its name. */
          g_string_append_printf (line, "%s\u00a0%s", heading, text);
        }

      jury_page_add_label (item, jury_page_juror_name (results, j), "heading");
      jury_page_add_label (item, line->str, NULL);
      gtk_box_append (box, GTK_WIDGET (item));
    }

  return GTK_WIDGET (box);
}

/* A juror who gives every submission the same total ranks nothing. */
static void
add_uniform_jurors (JuryJuryPage *self)
{
  for (guint j = 0; j < self->results->stats->n_jurors; j++)
    {
      g_autofree char *text = jury_results_describe_uniform_juror (self->results, j);
      GtkWidget *label;

      if (text == NULL)
        continue;

      label = jury_page_add_label (self->stats_box, text, "warning");
      gtk_widget_set_name (label, "uniform-juror");
    }
}

static void
add_jurors (JuryJuryPage *self)
{
  GtkWidget *bin = jury_fit_bin_new ();
  GtkWidget *heading = jury_page_add_heading (self->stats_box, _("Scores by Juror"));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (bin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  jury_fit_bin_set_children (JURY_FIT_BIN (bin), build_jurors_table (self), build_jurors_list (self));
  gtk_box_append (self->stats_box, bin);
  add_uniform_jurors (self);

  jury_page_add_heading (self->stats_box, _("Leniency"));
  jury_page_add_label (self->stats_box,
                       _("How far each juror's totals sit above (kinder) or below (stricter) the panel's "
                         "mean for the same submissions."),
                       "dim-label");
  gtk_box_append (self->stats_box,
                  jury_page_new_chart (draw_leniency, self, 28 * self->results->stats->n_jurors + 32,
                                       _("Each juror's leniency as a bar left or right of zero")));
}

static void
jury_jury_page_dispose (GObject *object)
{
  JuryJuryPage *self = JURY_JURY_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_JURY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->results = NULL;

  G_OBJECT_CLASS (jury_jury_page_parent_class)->dispose (object);
}

static void
jury_jury_page_class_init (JuryJuryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_jury_page_dispose;

  g_type_ensure (JURY_TYPE_ROUND_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-jury-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryJuryPage, round_view);
  gtk_widget_class_bind_template_child (widget_class, JuryJuryPage, stats_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "juryjurypage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jury_jury_page_init (JuryJuryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The round's buttons are read as they are shown, "Add from Table…". */
  jury_page_name_controls (GTK_WIDGET (self->round_view));
}

void
jury_jury_page_set_store (JuryJuryPage *self,
                          JuryStore    *store)
{
  g_return_if_fail (JURY_IS_JURY_PAGE (self));

  jury_round_view_set_store (self->round_view, store);
}

JuryRoundView *
jury_jury_page_get_round_view (JuryJuryPage *self)
{
  g_return_val_if_fail (JURY_IS_JURY_PAGE (self), NULL);

  return self->round_view;
}

void
jury_jury_page_set_results (JuryJuryPage      *self,
                            const JuryResults *results)
{
  g_return_if_fail (JURY_IS_JURY_PAGE (self));

  self->results = results;
  jury_page_clear_box (self->stats_box);

  if (results == NULL)
    return;

  if (results->stats->n_jurors == 0)
    {
      jury_page_add_label (self->stats_box, _("No juror's work is merged yet. Import the juror databases "
                                              "from the main menu."), "dim-label");
      return;
    }

  add_agreement (self);
  add_jurors (self);
}
