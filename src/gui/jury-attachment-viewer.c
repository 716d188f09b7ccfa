/* jury-attachment-viewer.c: a submission's PDF or image, shown inside Jury Desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-attachment-viewer"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "jury-attachment-viewer.h"

/* How far a step of the zoom goes, and how far the zoom goes at all. */
#define ZOOM_STEP 1.25
#define ZOOM_MIN 0.25
#define ZOOM_MAX 5.0
/* PDF sizes are in points; the screen counts pixels at 96 per inch. */
#define POINTS_TO_PIXELS (96.0 / 72.0)

struct _JuryAttachmentViewer
{
  AdwWindow          parent_instance;

  JuryAttachment    *attachment;
  GBytes            *bytes;
  PopplerDocument   *document;   /* NULL for an image */
  double             zoom;

  AdwWindowTitle    *title;
  GtkWidget         *zoom_box;
  GtkLabel          *zoom_label;
  GtkScrolledWindow *scroller;
  GtkBox            *pages;
};

G_DEFINE_FINAL_TYPE (JuryAttachmentViewer, jury_attachment_viewer, ADW_TYPE_WINDOW)

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PopplerPage *page = user_data;
  double page_width, page_height;

  poppler_page_get_size (page, &page_width, &page_height);

  /* A page is paper: white, whatever the style. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / page_width, height / page_height);
  poppler_page_render (page, cr);
}

static void
size_pages (JuryAttachmentViewer *self)
{
  g_autofree char *label = g_strdup_printf ("%.0f %%", self->zoom * 100);
  int index = 0;

  gtk_label_set_label (self->zoom_label, label);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      PopplerPage *page = g_object_get_data (G_OBJECT (child), "jury-page");
      double width, height;

      poppler_page_get_size (page, &width, &height);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (child),
                                          (int) (width * POINTS_TO_PIXELS * self->zoom));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (child),
                                           (int) (height * POINTS_TO_PIXELS * self->zoom));
    }
}

static void
set_zoom (JuryAttachmentViewer *self,
          double                zoom)
{
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (self->document != NULL)
    size_pages (self);
}

static void
add_pages (JuryAttachmentViewer *self)
{
  int n = poppler_document_get_n_pages (self->document);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (self->document, i);
      g_autofree char *name = NULL;
      GtkWidget *area;

      if (page == NULL)
        continue;

      area = gtk_drawing_area_new ();
      /* Translators: what a screen reader says for a page of a PDF */
      name = g_strdup_printf (_("Page %d of %d"), i + 1, n);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_add_css_class (area, "card");
      /* The area keeps the page. */
      g_object_set_data_full (G_OBJECT (area), "jury-page", page, g_object_unref);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page_cb, page, NULL);
      gtk_box_append (self->pages, area);
    }

  size_pages (self);
}

static gboolean
show_image (JuryAttachmentViewer  *self,
            GError               **error)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (self->bytes, error);
  GtkWidget *picture;

  if (texture == NULL)
    return FALSE;

  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), jury_attachment_get_file_name (self->attachment));
  gtk_widget_set_vexpand (picture, TRUE);
  gtk_box_append (self->pages, picture);
  gtk_widget_set_halign (GTK_WIDGET (self->pages), GTK_ALIGN_FILL);
  gtk_widget_set_visible (self->zoom_box, FALSE);

  return TRUE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (widget);

  set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (widget);

  set_zoom (self, self->zoom / ZOOM_STEP);
}

static double
widest_page (JuryAttachmentViewer *self)
{
  double widest = 0;

  for (int i = 0; i < poppler_document_get_n_pages (self->document); i++)
    {
      PopplerPage *page = poppler_document_get_page (self->document, i);
      double width = 0, height;

      if (page != NULL)
        {
          poppler_page_get_size (page, &width, &height);
          g_object_unref (page);
        }
      widest = MAX (widest, width);
    }

  return widest * POINTS_TO_PIXELS;
}

/* The zoom at which the widest page fills AVAILABLE pixels of width. */
static double
fit_zoom (JuryAttachmentViewer *self,
          int                   available)
{
  double widest = widest_page (self);

  /* The margins around the pages, and room for a scroll bar. */
  available -= 2 * 12 + 24;

  return widest > 0 && available > 0 ? available / widest : 1.0;
}

/* The widest page fills the width of the window. */
static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (widget);

  if (self->document != NULL)
    set_zoom (self, fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self->scroller))));
}

static void
scroll_by (JuryAttachmentViewer *self,
           double                pages,
           double                steps)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment)
                            + pages * gtk_adjustment_get_page_increment (adjustment)
                            + steps * MAX (gtk_adjustment_get_step_increment (adjustment), 40));
}

static void
scroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  const char *where = g_variant_get_string (parameter, NULL);

  if (g_str_equal (where, "up"))
    scroll_by (self, 0, -1);
  else if (g_str_equal (where, "down"))
    scroll_by (self, 0, 1);
  else if (g_str_equal (where, "page-up"))
    scroll_by (self, -1, 0);
  else if (g_str_equal (where, "page-down"))
    scroll_by (self, 1, 0);
  else if (g_str_equal (where, "start"))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  else if (g_str_equal (where, "end"))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
app_chosen_cb (GtkDialog *dialog,
               int        response,
               GFile     *file)
{
  g_autoptr(GFile) owned = file;
  g_autoptr(GAppInfo) app_info = NULL;
  g_autoptr(GError) error = NULL;
  GList files = { file, NULL, NULL };

  if (response == GTK_RESPONSE_OK &&
      (app_info = gtk_app_chooser_get_app_info (GTK_APP_CHOOSER (dialog))) != NULL &&
      !g_app_info_launch (app_info, &files, NULL, &error))
    g_warning ("Could not open %s: %s", g_file_peek_path (file), error->message);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Another application gets a copy of its own, read-only, in a new private
 * folder: it can neither change what Jury Desk keeps nor find other files. */
static void
open_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (widget);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);
  GtkWidget *dialog;

  if (!(dir = g_dir_make_tmp ("jury-desk-XXXXXX", &error)))
    {
      g_warning ("No folder for a copy: %s", error->message);
      return;
    }

  path = g_build_filename (dir, jury_attachment_get_file_name (self->attachment), NULL);
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0400, &error))
    {
      g_warning ("No copy of %s: %s", path, error->message);
      return;
    }

  dialog = gtk_app_chooser_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL, g_file_new_for_path (path));
  g_signal_connect (dialog, "response", G_CALLBACK (app_chosen_cb),
                    g_file_new_for_path (path));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
jury_attachment_viewer_dispose (GObject *object)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (jury_attachment_viewer_parent_class)->dispose (object);
}

static void
jury_attachment_viewer_finalize (GObject *object)
{
  JuryAttachmentViewer *self = JURY_ATTACHMENT_VIEWER (object);

  g_clear_pointer (&self->attachment, jury_attachment_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (jury_attachment_viewer_parent_class)->finalize (object);
}

static void
add_scroll_binding (GtkWidgetClass *widget_class,
                    guint           keyval,
                    const char     *where)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "viewer.scroll", "s", where);
}

static void
jury_attachment_viewer_class_init (JuryAttachmentViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_attachment_viewer_dispose;
  object_class->finalize = jury_attachment_viewer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-attachment-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryAttachmentViewer, title);
  gtk_widget_class_bind_template_child (widget_class, JuryAttachmentViewer, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, JuryAttachmentViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, JuryAttachmentViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, JuryAttachmentViewer, pages);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "viewer.open-with", NULL, open_with_action);
  gtk_widget_class_install_action (widget_class, "viewer.scroll", "s", scroll_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  add_scroll_binding (widget_class, GDK_KEY_Up, "up");
  add_scroll_binding (widget_class, GDK_KEY_Down, "down");
  add_scroll_binding (widget_class, GDK_KEY_Page_Up, "page-up");
  add_scroll_binding (widget_class, GDK_KEY_Page_Down, "page-down");
  add_scroll_binding (widget_class, GDK_KEY_space, "page-down");
  add_scroll_binding (widget_class, GDK_KEY_Home, "start");
  add_scroll_binding (widget_class, GDK_KEY_End, "end");
}

static void
jury_attachment_viewer_init (JuryAttachmentViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
}

JuryAttachmentViewer *
jury_attachment_viewer_new (GtkWindow            *parent,
                            const JuryAttachment *attachment,
                            GBytes               *bytes,
                            GError              **error)
{
  JuryAttachmentViewer *self;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *size = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Like every window, it belongs to GTK until it is destroyed. */
  self = g_object_new (JURY_TYPE_ATTACHMENT_VIEWER,
                       "transient-for", parent,
                       NULL);
  self->attachment = jury_attachment_copy (attachment);
  self->bytes = g_bytes_ref (bytes);

  adw_window_title_set_title (self->title, attachment->label != NULL ? attachment->label
                                                                     : jury_attachment_get_file_name (attachment));
  size = g_format_size (g_bytes_get_size (bytes));
  adw_window_title_set_subtitle (self->title, size);
  gtk_window_set_title (GTK_WINDOW (self), jury_attachment_get_file_name (attachment));

  if (g_str_equal (attachment->type, "application/pdf"))
    {
      self->document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
      if (self->document != NULL)
        {
          int width, height, n = poppler_document_get_n_pages (self->document);
          g_autofree char *pages = NULL;

          /* A page wider than the window starts fitted to its width. */
          gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
          self->zoom = MIN (1.0, fit_zoom (self, width));
          add_pages (self);

          /* Translators: "3 pages · 1.2 MB" */
          pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d page · %s", "%d pages · %s", n), n, size);
          adw_window_title_set_subtitle (self->title, pages);
        }
    }
  else if (!show_image (self, &local_error))
    g_clear_object (&self->document);

  if (local_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: a file name, then the reason */
                   _("%s cannot be shown: %s"), jury_attachment_get_file_name (attachment), local_error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  return self;
}

guint
jury_attachment_viewer_get_n_pages (JuryAttachmentViewer *self)
{
  g_return_val_if_fail (JURY_IS_ATTACHMENT_VIEWER (self), 0);

  return self->document != NULL ? (guint) poppler_document_get_n_pages (self->document) : 1;
}

double
jury_attachment_viewer_get_zoom (JuryAttachmentViewer *self)
{
  g_return_val_if_fail (JURY_IS_ATTACHMENT_VIEWER (self), 1.0);

  return self->zoom;
}
