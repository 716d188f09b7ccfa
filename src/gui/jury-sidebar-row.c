/* jury-sidebar-row.c: one submission in the list: status, title, region, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-sidebar-row.h"

/* The row draws its texts itself, from layouts it keeps: GTK 4.8's list view makes
 * up to 200 rows around what is shown, again for each search, and a row of one
 * widget that shapes its title once costs a fraction of a box of labels. */

#define ICON_SIZE 16
#define SPACING 12
/* As the style's .caption: the region and the progress. */
#define CAPTION_SCALE 0.82
/* As .dim-label, for the icon of an open review. */
#define OPEN_ICON_ALPHA 0.55

struct _JurySidebarRow
{
  GtkWidget           parent_instance;

  JurySubmissionItem *item;
  GSignalGroup       *item_signals;

  PangoLayout        *title;        /* wrapped to the width, at most two lines */
  PangoLayout        *region;       /* NULL when there is none */
  PangoLayout        *progress;
  int                 title_width;  /* what TITLE is wrapped to, in Pango units; -1 none */
  GtkIconPaintable   *icon;
  JuryReviewStatus    status;

  char               *description;  /* what a screen reader says of the row */
};

G_DEFINE_FINAL_TYPE (JurySidebarRow, jury_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The list's row is what a screen reader lands on; in GTK 4.8 only its child, this
 * widget, can tell it what to say. */
static void
update_row_name (JurySidebarRow *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->description == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  -1);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                    -1);
}

static PangoLayout *
caption_layout (JurySidebarRow *self,
                const char     *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (CAPTION_SCALE));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
clear_layouts (JurySidebarRow *self)
{
  g_clear_object (&self->title);
  g_clear_object (&self->region);
  g_clear_object (&self->progress);
  g_clear_object (&self->icon);
  self->title_width = -1;
}

/* The layouts for the item, made when first measured or drawn. */
static void
ensure_layouts (JurySidebarRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->item == NULL)
    return;

  if (self->title == NULL)
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    const char *region = jury_submission_item_get_region (self->item);

    if (region == NULL)
      region = jury_submission_item_get_network (self->item);

    self->title = gtk_widget_create_pango_layout (widget, jury_submission_item_get_title (self->item));
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (self->title, attrs);
    pango_attr_list_unref (attrs);
    pango_layout_set_wrap (self->title, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
    pango_layout_set_height (self->title, -2);
    self->title_width = -1;

    if (region != NULL)
      {
        self->region = caption_layout (self, region);
        pango_layout_set_ellipsize (self->region, PANGO_ELLIPSIZE_END);
      }
  }

  if (self->progress == NULL)
    {
      g_autofree char *progress = NULL;
      JuryReviewStatus status = jury_submission_item_get_status (self->item);

      if (status == JURY_REVIEW_CONFLICT)
        progress = g_strdup (C_("review status", "conflict"));
      else if (status == JURY_REVIEW_DONE)
        progress = g_strdup ("✓");
      else
        /* Translators: criteria scored of all criteria, e.g. "3/6" */
        progress = g_strdup_printf (_("%u/%u"),
                                    jury_submission_item_get_n_scored (self->item),
                                    jury_submission_item_get_n_criteria (self->item));
      self->progress = caption_layout (self, progress);
    }
}

static int
progress_width (JurySidebarRow *self)
{
  int width = 0;

  if (self->progress != NULL)
    pango_layout_get_pixel_size (self->progress, &width, NULL);

  return width;
}

/* Wraps the title for a row WIDTH wide. */
static void
set_text_width (JurySidebarRow *self,
                int             width)
{
  int text_width = MAX (1, width - ICON_SIZE - 2 * SPACING - progress_width (self)) * PANGO_SCALE;

  if (self->title_width == text_width)
    return;

  self->title_width = text_width;
  pango_layout_set_width (self->title, text_width);
  if (self->region != NULL)
    pango_layout_set_width (self->region, text_width);
}

static GdkRGBA
style_color (JurySidebarRow *self,
             const char     *name)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  gtk_style_context_get_color (context, &color);
  if (name != NULL && !gtk_style_context_lookup_color (context, name, &color))
    gtk_style_context_get_color (context, &color);
G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

static void
update_status (JurySidebarRow *self)
{
  g_autofree char *description = NULL;

  if (self->item == NULL)
    return;

  self->status = jury_submission_item_get_status (self->item);
  g_clear_object (&self->progress);
  g_clear_object (&self->icon);
  self->title_width = -1;

  /* Translators: how a screen reader reads a submission: title, status, progress */
  description = g_strdup_printf (_("%s, %s, %u of %u criteria scored"),
                                 jury_submission_item_get_title (self->item),
                                 jury_review_status_label (self->status),
                                 jury_submission_item_get_n_scored (self->item),
                                 jury_submission_item_get_n_criteria (self->item));
  g_free (self->description);
  self->description = g_steal_pointer (&description);
  update_row_name (self);
}

static void
item_notify_cb (JurySidebarRow     *self,
                GParamSpec         *pspec,
                JurySubmissionItem *item)
{
  update_status (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
parent_changed_cb (JurySidebarRow *self,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  update_row_name (self);
}

/* The height of an item's row at a width, kept on the item: a search that brings it
 * back, or scrolling past it again, then wraps no text to know where rows go. */
typedef struct
{
  int   width;
  guint fonts;     /* the font_serial it was measured with */
  guint progress;  /* progress_key(): the progress takes from the title's width */
  int   height;
} KnownHeight;

static GQuark known_height_quark;
static PangoFontDescription *last_font;
static guint font_serial;

static guint
progress_key (JurySubmissionItem *item)
{
  return jury_submission_item_get_status (item) | jury_submission_item_get_n_scored (item) << 8;
}

/* A number that changes with the font the rows are drawn in. */
static guint
get_font_serial (JurySidebarRow *self)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (last_font == NULL || !pango_font_description_equal (font, last_font))
    {
      g_clear_pointer (&last_font, pango_font_description_free);
      last_font = pango_font_description_copy (font);
      font_serial++;
    }

  return font_serial;
}

static void
jury_sidebar_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (widget);
  int title_height = 0, region_height = 0;
  int width = for_size >= 0 ? for_size : gtk_widget_get_width (widget);
  KnownHeight *known = NULL;
  guint fonts = 0;

  /* A row not laid out yet is asked for its height at no width: that goes into the
   * list's natural height, which its scrolled window does not use. Wrapping the
   * title to nothing would shape it for no use; the list asks again at its width. */
  if (orientation == GTK_ORIENTATION_VERTICAL && width <= 0)
    {
      *minimum = *natural = ICON_SIZE;
      return;
    }

  if (orientation == GTK_ORIENTATION_VERTICAL && self->item != NULL)
    {
      fonts = get_font_serial (self);
      known = g_object_get_qdata (G_OBJECT (self->item), known_height_quark);
      if (known != NULL && known->width == width && known->fonts == fonts &&
          known->progress == progress_key (self->item))
        {
          *minimum = *natural = known->height;
          return;
        }
    }

  ensure_layouts (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Like an ellipsized label, the texts take what they are given. */
      *minimum = *natural = ICON_SIZE + 2 * SPACING + progress_width (self);
      return;
    }

  if (self->title != NULL)
    {
      set_text_width (self, width);
      pango_layout_get_pixel_size (self->title, NULL, &title_height);
    }
  if (self->region != NULL)
    pango_layout_get_pixel_size (self->region, NULL, &region_height);

  *minimum = *natural = MAX (ICON_SIZE, title_height + region_height);

  if (self->item != NULL)
    {
      if (known == NULL)
        {
          known = g_new0 (KnownHeight, 1);
          g_object_set_qdata_full (G_OBJECT (self->item), known_height_quark, known, g_free);
        }
      *known = (KnownHeight) { width, fonts, progress_key (self->item), *minimum };
    }
}

static GtkSizeRequestMode
jury_sidebar_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static GtkIconPaintable *
get_icon (JurySidebarRow *self)
{
  if (self->icon == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      self->icon = gtk_icon_theme_lookup_icon (theme, jury_review_status_icon_name (self->status), NULL,
                                               ICON_SIZE, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                               gtk_widget_get_direction (GTK_WIDGET (self)), 0);
    }

  return self->icon;
}

static void
draw_layout (GtkSnapshot    *snapshot,
             PangoLayout    *layout,
             int             x,
             int             y,
             const GdkRGBA  *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
jury_sidebar_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  static const char * const icon_colors[] = {
    [JURY_REVIEW_OPEN] = NULL,
    [JURY_REVIEW_IN_PROGRESS] = "accent_color",
    [JURY_REVIEW_DONE] = "success_color",
    [JURY_REVIEW_CONFLICT] = "warning_color",
  };
  JurySidebarRow *self = JURY_SIDEBAR_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int title_height = 0, region_height = 0, progress_height = 0;
  int text_x = ICON_SIZE + SPACING;
  int text_width, progress_x;
  GdkRGBA fg, secondary, icon_color;

  if (self->item == NULL)
    return;

  ensure_layouts (self);
  set_text_width (self, width);
  text_width = self->title_width / PANGO_SCALE;
  progress_x = width - progress_width (self);

  fg = style_color (self, NULL);
  /* As .secondary-text, see style.css. */
  secondary = style_color (self, "secondary_text_color");
  icon_color = style_color (self, icon_colors[self->status]);
  if (self->status == JURY_REVIEW_OPEN)
    icon_color.alpha *= OPEN_ICON_ALPHA;

  pango_layout_get_pixel_size (self->title, NULL, &title_height);
  if (self->region != NULL)
    pango_layout_get_pixel_size (self->region, NULL, &region_height);
  pango_layout_get_pixel_size (self->progress, NULL, &progress_height);

  /* In a right-to-left text the row is mirrored. */
  if (rtl)
    {
      text_x = width - text_x - text_width;
      progress_x = 0;
    }

  {
    int top = (height - title_height - region_height) / 2;

    draw_layout (snapshot, self->title, text_x, top, &fg);
    if (self->region != NULL)
      draw_layout (snapshot, self->region, text_x, top + title_height, &secondary);
  }
  draw_layout (snapshot, self->progress, progress_x, (height - progress_height) / 2, &secondary);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? width - ICON_SIZE : 0, (height - ICON_SIZE) / 2));
  {
    GdkRGBA colors[4] = { icon_color, icon_color, icon_color, icon_color };

    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (get_icon (self)), snapshot,
                                              ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  }
  gtk_snapshot_restore (snapshot);
}

/* Fonts, colours or the scale changed: the layouts follow. */
static void
jury_sidebar_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (jury_sidebar_row_parent_class)->css_changed (widget, change);

  clear_layouts (JURY_SIDEBAR_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
jury_sidebar_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  clear_layouts (JURY_SIDEBAR_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
jury_sidebar_row_dispose (GObject *object)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (object);

  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);
  clear_layouts (self);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (jury_sidebar_row_parent_class)->dispose (object);
}

static void
jury_sidebar_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_sidebar_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JurySidebarRow *self = JURY_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      jury_sidebar_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_sidebar_row_class_init (JurySidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_sidebar_row_dispose;
  object_class->get_property = jury_sidebar_row_get_property;
  object_class->set_property = jury_sidebar_row_set_property;

  widget_class->measure = jury_sidebar_row_measure;
  widget_class->get_request_mode = jury_sidebar_row_get_request_mode;
  widget_class->snapshot = jury_sidebar_row_snapshot;
  widget_class->css_changed = jury_sidebar_row_css_changed;
  widget_class->direction_changed = jury_sidebar_row_direction_changed;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         JURY_TYPE_SUBMISSION_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "jurysidebarrow");

  known_height_quark = g_quark_from_static_string ("jury-sidebar-row-height");
}

static void
jury_sidebar_row_init (JurySidebarRow *self)
{
  self->title_width = -1;
  self->item_signals = g_signal_group_new (JURY_TYPE_SUBMISSION_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify::status",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->item_signals, "notify::n-scored",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

JurySubmissionItem *
jury_sidebar_row_get_item (JurySidebarRow *self)
{
  g_return_val_if_fail (JURY_IS_SIDEBAR_ROW (self), NULL);

  return self->item;
}

void
jury_sidebar_row_set_item (JurySidebarRow  *self,
                              JurySubmissionItem *item)
{
  g_return_if_fail (JURY_IS_SIDEBAR_ROW (self));
  g_return_if_fail (!item || JURY_IS_SUBMISSION_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  clear_layouts (self);
  update_status (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

const char *
jury_review_status_icon_name (JuryReviewStatus status)
{
  switch (status)
    {
    case JURY_REVIEW_OPEN:
      return "jury-status-open-symbolic";
    case JURY_REVIEW_IN_PROGRESS:
      return "jury-status-in-progress-symbolic";
    case JURY_REVIEW_DONE:
      return "jury-status-done-symbolic";
    case JURY_REVIEW_CONFLICT:
      return "jury-status-conflict-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
jury_review_status_label (JuryReviewStatus status)
{
  switch (status)
    {
    case JURY_REVIEW_OPEN:
      return C_("review status", "open");
    case JURY_REVIEW_IN_PROGRESS:
      return C_("review status", "in progress");
    case JURY_REVIEW_DONE:
      return C_("review status", "done");
    case JURY_REVIEW_CONFLICT:
      return C_("review status", "conflict of interest");
    default:
      g_return_val_if_reached (NULL);
    }
}
