/* jury-chart.c: the spread of a submission's totals and the jurors' leniency, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "jury-chart.h"

#define PAD 4.0

typedef struct
{
  double left;
  double right;
  double min;
  double max;
} Axis;

/* Text scales with the chart so that it fits the window and the page alike. */
static PangoLayout *
chart_layout (cairo_t    *cr,
              double      size,
              const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
set_color (cairo_t      *cr,
           const double  rgba[4])
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

static double
text_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
text_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* Draws TEXT with its left edge (ALIGN 0), centre (0.5) or right edge (1) at X and
 * its middle at Y; returns its width. */
static double
show_text (cairo_t       *cr,
           double         size,
           const double   rgba[4],
           const char    *text,
           double         x,
           double         y,
           double         align)
{
  g_autoptr(PangoLayout) layout = chart_layout (cr, size, text);
  double width = text_width (layout);

  set_color (cr, rgba);
  cairo_move_to (cr, x - align * width, y - text_height (layout) / 2);
  pango_cairo_show_layout (cr, layout);
  /* The move leaves a current point that the next arc would join with a line. */
  cairo_new_path (cr);

  return width;
}

static double
axis_x (const Axis *axis,
        double      value)
{
  return axis->left + (value - axis->min) / (axis->max - axis->min) * (axis->right - axis->left);
}

static void
draw_diamond (cairo_t *cr,
              double   x,
              double   y,
              double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/* Dots, the mean's line, the median's diamond: what the chart shows, explained. */
static void
draw_spread_legend (cairo_t               *cr,
                    const JuryChartColors *colors,
                    double                 size,
                    double                 y)
{
  double r = size * 0.3;
  double x = PAD;

  set_color (cr, colors->accent);
  cairo_arc (cr, x + r, y, r, 0, 2 * G_PI);
  cairo_fill (cr);
  x += 2 * r + size * 0.4;
  x += show_text (cr, size, colors->foreground, _("Review totals"), x, y, 0) + size;

  set_color (cr, colors->foreground);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, y - size * 0.5);
  cairo_line_to (cr, x, y + size * 0.5);
  cairo_stroke (cr);
  x += size * 0.4;
  x += show_text (cr, size, colors->foreground, _("Mean"), x, y, 0) + size;

  draw_diamond (cr, x + r * 1.3, y, r * 1.3);
  cairo_fill (cr);
  x += 2.6 * r + size * 0.4;
  show_text (cr, size, colors->foreground, _("Median"), x, y, 0);
}

static void
draw_axis (cairo_t               *cr,
           const Axis            *axis,
           const JuryChartColors *colors,
           double                 size,
           double                 y)
{
  int step = MAX (1, (int) ceil ((axis->max - axis->min) / 10));

  set_color (cr, colors->muted);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, axis->left, y);
  cairo_line_to (cr, axis->right, y);
  cairo_stroke (cr);

  for (int v = (int) axis->min; v <= (int) axis->max; v += step)
    {
      char label[16];
      double x = axis_x (axis, v);

      set_color (cr, colors->muted);
      cairo_move_to (cr, x, y - size * 0.3);
      cairo_line_to (cr, x, y + size * 0.3);
      cairo_stroke (cr);
      g_snprintf (label, sizeof label, "%d", v);
      show_text (cr, size, colors->foreground, label, x, y + size * 1.1, 0.5);
    }
}

/* How many of the totals share one value at most. */
static guint
largest_tie (const double *totals,
             guint         n)
{
  guint largest = 1;

  for (guint j = 0; j < n; j++)
    {
      guint same = 0;

      for (guint i = 0; i < n; i++)
        same += totals[i] == totals[j];
      largest = MAX (largest, same);
    }

  return largest;
}

/* Equal totals would hide one another: the second goes above, the third below, …,
 * closer together when many tie so that all stay between TOP and BOTTOM. */
static void
draw_dots (cairo_t               *cr,
           const JuryResults     *results,
           guint                  submission,
           const Axis            *axis,
           const JuryChartColors *colors,
           double                 r,
           double                 top,
           double                 bottom)
{
  guint n_jurors = results->jurors->len;
  const double *totals = results->stats->totals + (gsize) submission * n_jurors;
  guint tie = largest_tie (totals, n_jurors);
  double step = MIN (2 * r + 1, (bottom - top - 2 * r) / MAX (tie - 1, 1));
  double y = (top + bottom) / 2;

  set_color (cr, colors->accent);
  for (guint j = 0; j < n_jurors; j++)
    {
      guint same = 0;
      double dy;

      if (isnan (totals[j]))
        continue;
      for (guint i = 0; i < j; i++)
        same += totals[i] == totals[j];

      dy = ((same + 1) / 2) * step * (same % 2 == 1 ? -1 : 1);
      cairo_arc (cr, axis_x (axis, totals[j]), y + dy, r, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_spread_marks (cairo_t                   *cr,
                   const JurySubmissionStats *sub,
                   const Axis                *axis,
                   const JuryChartColors     *colors,
                   double                     r,
                   double                     top,
                   double                     bottom)
{
  double x = axis_x (axis, sub->mean);

  set_color (cr, colors->foreground);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);

  draw_diamond (cr, axis_x (axis, sub->median), bottom, r * 1.3);
  cairo_fill (cr);
}

/* The bar's scale: the largest leniency, so the strongest deviation fills its half. */
static double
largest_leniency (const JuryResults *results)
{
  double largest = 0;

  for (guint j = 0; j < results->jurors->len; j++)
    if (!isnan (results->stats->jurors[j].leniency))
      largest = MAX (largest, fabs (results->stats->jurors[j].leniency));

  return largest > 0 ? largest : 1;
}

/* Public API */

void
jury_chart_draw_spread (cairo_t               *cr,
                        const JuryResults     *results,
                        guint                  submission,
                        const JuryChartColors *colors,
                        double                 width,
                        double                 height)
{
  const JurySubmissionStats *sub;
  double size, r, legend_y, axis_y;
  Axis axis;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (results != NULL);
  g_return_if_fail (submission < results->stats->n_submissions);
  g_return_if_fail (colors != NULL);

  sub = &results->stats->submissions[submission];
  size = CLAMP (height / 9, 7, 11);
  r = CLAMP (height / 24, 2.5, 5);

  cairo_save (cr);
  /* A path is not part of the saved state: start clean whatever the caller left. */
  cairo_new_path (cr);
  if (sub->n == 0)
    {
      show_text (cr, size, colors->muted, _("No complete reviews"), width / 2, height / 2, 0.5);
      cairo_restore (cr);
      return;
    }

  legend_y = PAD + size * 0.7;
  axis_y = height - PAD - size * 2;
  axis.left = PAD + size;
  axis.right = width - PAD - size;
  axis.min = results->call->scale_min;
  axis.max = results->call->scale_max;

  draw_spread_legend (cr, colors, size, legend_y);
  draw_axis (cr, &axis, colors, size, axis_y);
  draw_dots (cr, results, submission, &axis, colors, r, legend_y + size, axis_y - r);
  draw_spread_marks (cr, sub, &axis, colors, r, legend_y + size, axis_y);
  cairo_restore (cr);
}

void
jury_chart_draw_leniency (cairo_t                 *cr,
                          const JuryResults       *results,
                          const JuryExportOptions *options,
                          const JuryChartColors   *colors,
                          double                   width,
                          double                   height)
{
  g_autofree guint *order = NULL;
  guint n_jurors;
  double row, size, label_width = 0, value_width, center, half, scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (results != NULL);
  g_return_if_fail (colors != NULL);

  n_jurors = results->jurors->len;
  if (n_jurors == 0)
    return;

  order = jury_export_juror_order (results, options);
  row = height / n_jurors;
  size = CLAMP (row * 0.5, 7, 11);
  for (guint j = 0; j < n_jurors; j++)
    {
      g_autofree char *label = jury_export_juror_label (results, j, options);
      g_autoptr(PangoLayout) layout = chart_layout (cr, size, label);

      label_width = MAX (label_width, text_width (layout));
    }
  label_width = MIN (label_width, width * 0.35);
  value_width = size * 3.5;
  center = (label_width + PAD + width) / 2;
  half = (width - label_width - PAD) / 2 - value_width;
  scale = largest_leniency (results);

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < n_jurors; i++)
    {
      guint j = order[i];
      double leniency = results->stats->jurors[j].leniency;
      double y = (i + 0.5) * row;
      g_autofree char *label = jury_export_juror_label (results, j, options);
      g_autofree char *value = NULL;
      double end;

      {
        /* A name longer than its room ends in "…" rather than mid-letter. */
        g_autoptr(PangoLayout) layout = chart_layout (cr, size, label);

        pango_layout_set_width (layout, (int) (label_width * PANGO_SCALE));
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        set_color (cr, colors->foreground);
        cairo_move_to (cr, 0, y - text_height (layout) / 2);
        pango_cairo_show_layout (cr, layout);
        cairo_new_path (cr);
      }

      if (isnan (leniency))
        {
          show_text (cr, size, colors->muted, "–", center + size, y, 0);
          continue;
        }

      end = center + leniency / scale * half;
      set_color (cr, leniency < 0 ? colors->muted : colors->accent);
      cairo_rectangle (cr, MIN (center, end), y - row * 0.3, fabs (end - center), row * 0.6);
      cairo_fill (cr);

      value = jury_format_leniency (leniency);
      show_text (cr, size, colors->foreground, value,
                 leniency < 0 ? end - size * 0.4 : end + size * 0.4, y, leniency < 0 ? 1 : 0);
    }

  /* The zero line last, so that it stays visible over the bars. */
  set_color (cr, colors->foreground);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, center, 0);
  cairo_line_to (cr, center, height);
  cairo_stroke (cr);
  cairo_restore (cr);
}
