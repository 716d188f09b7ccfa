/* jury-text-field.c: fields that take only what Jury Desk may store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-text-field"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-text-field.h"

typedef struct
{
  GtkWidget    *field;      /* weak: the limit lives on what inserts the text */
  GtkLabel     *hint;       /* nullable */
  AdwToast     *toast;      /* the one on show, weak */
  JuryTextKind  kind;
  gboolean      inserting;  /* our own insertion of what was let in */
} Limit;

static void
limit_free (Limit *limit)
{
  if (limit->field != NULL)
    g_object_remove_weak_pointer (G_OBJECT (limit->field), (gpointer *) &limit->field);
  g_clear_object (&limit->hint);
  if (limit->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (limit->toast), (gpointer *) &limit->toast);
  g_free (limit);
}

static glong
max_chars (JuryTextKind kind)
{
  return kind == JURY_TEXT_NAME ? JURY_NAME_MAX_CHARS : JURY_COMMENT_MAX_CHARS;
}

static void
say_why (Limit      *limit,
         const char *message)
{
  GtkWidget *overlay;
  GtkRoot *root;

  if (limit->field == NULL)
    return;

  /* The reason stays at hand on the field after the toast has gone. */
  gtk_widget_error_bell (limit->field);
  gtk_widget_set_tooltip_text (limit->field, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (limit->field),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);

  if (limit->hint != NULL)
    {
      gtk_label_set_label (limit->hint, message);
      gtk_widget_set_visible (GTK_WIDGET (limit->hint), TRUE);
      return;
    }

  /* One toast at a time, however many keys hit the limit. */
  if (limit->toast != NULL)
    return;

  limit->toast = adw_toast_new (message);
  g_object_add_weak_pointer (G_OBJECT (limit->toast), (gpointer *) &limit->toast);

  overlay = gtk_widget_get_ancestor (limit->field, ADW_TYPE_TOAST_OVERLAY);
  root = gtk_widget_get_root (limit->field);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), limit->toast);
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), limit->toast);
  else
    g_object_unref (limit->toast);
}

/* What of TEXT (LENGTH bytes) may go into a field that has room for ROOM more
 * characters; NULL when all of it may, as it is. */
static char *
let_in (Limit      *limit,
        const char *text,
        int         length,
        glong       room)
{
  g_autofree char *copy = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);
  g_autofree char *clean = jury_text_sanitize (copy, limit->kind);
  gboolean dropped = jury_text_find_forbidden (copy, strlen (copy), limit->kind) != 0;
  glong n_chars = g_utf8_strlen (clean, -1);

  if (n_chars > room)
    {
      g_autofree char *message = NULL;

      *g_utf8_offset_to_pointer (clean, MAX (room, 0)) = '\0';
      if (limit->kind == JURY_TEXT_NAME)
        message = g_strdup_printf (_("A name holds at most %u characters."), (guint) max_chars (limit->kind));
      else
        message = g_strdup_printf (_("A comment or a note holds at most %u characters."),
                                   (guint) max_chars (limit->kind));
      say_why (limit, message);
    }
  else if (dropped)
    say_why (limit, _("Control characters and characters that reorder text are left out."));
  else if (g_str_equal (clean, copy))
    return NULL;

  return g_steal_pointer (&clean);
}

static void
buffer_insert_text_cb (GtkTextBuffer *buffer,
                       GtkTextIter   *location,
                       const char    *text,
                       int            length,
                       Limit         *limit)
{
  g_autofree char *allowed = NULL;

  if (limit->inserting)
    return;

  allowed = let_in (limit, text, length, max_chars (limit->kind) - gtk_text_buffer_get_char_count (buffer));
  if (allowed == NULL)
    return;

  /* Our insertion leaves LOCATION after what it inserted, as the caller expects. */
  g_signal_stop_emission_by_name (buffer, "insert-text");
  limit->inserting = TRUE;
  gtk_text_buffer_insert (buffer, location, allowed, -1);
  limit->inserting = FALSE;
}

static void
editable_insert_text_cb (GtkEditable *editable,
                         const char  *text,
                         int          length,
                         int         *position,
                         Limit       *limit)
{
  g_autofree char *allowed = NULL;

  if (limit->inserting)
    return;

  allowed = let_in (limit, text, length, max_chars (limit->kind) - g_utf8_strlen (gtk_editable_get_text (editable), -1));
  if (allowed == NULL)
    return;

  g_signal_stop_emission_by_name (editable, "insert-text");
  limit->inserting = TRUE;
  gtk_editable_insert_text (editable, allowed, -1, position);
  limit->inserting = FALSE;
}

void
jury_text_field_limit (GtkWidget    *field,
                       JuryTextKind  kind,
                       GtkLabel     *hint)
{
  GObject *target;
  Limit *limit;

  g_return_if_fail (GTK_IS_TEXT_VIEW (field) || GTK_IS_EDITABLE (field));
  g_return_if_fail (kind == JURY_TEXT_NAME || kind == JURY_TEXT_COMMENT);
  g_return_if_fail (hint == NULL || GTK_IS_LABEL (hint));

  limit = g_new0 (Limit, 1);
  limit->field = field;
  g_object_add_weak_pointer (G_OBJECT (field), (gpointer *) &limit->field);
  limit->kind = kind;
  limit->hint = hint != NULL ? g_object_ref (hint) : NULL;

  /* A text view's buffer, or an entry's own text widget, does the inserting. */
  if (GTK_IS_TEXT_VIEW (field))
    target = G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)));
  else if (gtk_editable_get_delegate (GTK_EDITABLE (field)) != NULL)
    target = G_OBJECT (gtk_editable_get_delegate (GTK_EDITABLE (field)));
  else
    target = G_OBJECT (field);

  g_object_set_data_full (target, "jury-text-limit", limit, (GDestroyNotify) limit_free);
  g_signal_connect (target, "insert-text",
                    GTK_IS_TEXT_BUFFER (target) ? G_CALLBACK (buffer_insert_text_cb)
                                                : G_CALLBACK (editable_insert_text_cb),
                    limit);
}
