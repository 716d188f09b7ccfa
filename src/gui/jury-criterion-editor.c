/* jury-criterion-editor.c: one criterion of the scoring form: its score and comment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-criterion-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "jury-criterion-editor.h"
#include "jury-text-field.h"

struct _JuryCriterionEditor
{
  GtkWidget      parent_instance;

  const JuryCriterion *criterion;  /* owned by the call, which outlives the form */
  int            scale_min;
  int            scale_max;
  int            score;
  guint          updating : 1;
  guint          locked : 1;

  GPtrArray     *buttons;      /* GtkToggleButton*, one per value of the scale */
  GPtrArray     *levels;       /* GtkLabel* or NULL, one per value of the scale */

  GtkLabel      *name_label;
  GtkLabel      *weight_label;
  GtkLabel      *description_label;
  GtkBox        *scale_box;
  GtkBox        *levels_box;
  GtkLabel      *level_label;
  GtkTextView   *comment_view;
};

G_DEFINE_FINAL_TYPE (JuryCriterionEditor, jury_criterion_editor, GTK_TYPE_WIDGET)

enum {
  SCORE_CHANGED,
  COMMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rubric's levels are listed before a score is chosen; the chosen one stands out.
 * The line below says what the list cannot: no score yet, or a score without a label. */
static void
update_level_label (JuryCriterionEditor *self)
{
  const char *label = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->levels->len; i++)
    {
      GtkWidget *level = g_ptr_array_index (self->levels, i);

      if (level == NULL)
        continue;
      if (self->scale_min + (int) i == self->score)
        gtk_widget_add_css_class (level, "chosen");
      else
        gtk_widget_remove_css_class (level, "chosen");
    }

  if (self->score == JURY_NO_SCORE)
    {
      gtk_label_set_label (self->level_label, _("Not scored yet"));
      gtk_widget_add_css_class (GTK_WIDGET (self->level_label), "secondary-text");
      gtk_widget_set_visible (GTK_WIDGET (self->level_label), TRUE);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), "secondary-text");
  label = jury_criterion_get_level_label (self->criterion, self->score);
  if (label == NULL)
    /* Translators: a score without a label, e.g. "Score 4 of 5" */
    text = g_strdup_printf (_("Score %d of %d"), self->score, self->scale_max);

  gtk_label_set_label (self->level_label, text ? text : label);
  gtk_widget_set_visible (GTK_WIDGET (self->level_label), label == NULL);
}

/* The scale is one stop in the Tab order, as a radio group is: only the button with
 * the score (or the first) takes focus, the arrow keys move the score. */
static void
sync_buttons (JuryCriterionEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_get_parent (focus) == GTK_WIDGET (self->scale_box);
  int stop = self->score == JURY_NO_SCORE ? self->scale_min : self->score;

  self->updating = TRUE;
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      int value = self->scale_min + (int) i;

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), value == self->score);
      gtk_widget_set_focusable (button, value == stop);
      if (value == stop && had_focus)
        gtk_widget_grab_focus (button);
    }
  self->updating = FALSE;

  update_level_label (self);
}

static void
change_score (JuryCriterionEditor *self,
              int                  score)
{
  if (self->score == score || self->locked)
    return;

  self->score = score;
  sync_buttons (self);
  g_signal_emit (self, signals[SCORE_CHANGED], 0, score);
}

static void
button_toggled_cb (JuryCriterionEditor *self,
                   GtkToggleButton     *button)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "score"));

  if (self->updating)
    return;

  /* Pressing the active button again takes the score back. */
  if (gtk_toggle_button_get_active (button))
    change_score (self, value);
  else if (self->score == value)
    change_score (self, JURY_NO_SCORE);
}

static void
comment_changed_cb (JuryCriterionEditor *self,
                    GtkTextBuffer       *buffer)
{
  if (!self->updating)
    g_signal_emit (self, signals[COMMENT_CHANGED], 0);
}

static gboolean
key_pressed_cb (JuryCriterionEditor   *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint32 digit;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete)
    {
      change_score (self, JURY_NO_SCORE);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ||
      keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    {
      gboolean up = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
      int score;

      if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
        up = !up;

      if (self->score == JURY_NO_SCORE)
        score = up ? self->scale_min : self->scale_max;
      else
        score = CLAMP (self->score + (up ? 1 : -1), self->scale_min, self->scale_max);

      /* Arrows only act on the scale, not in the comment. */
      if (!gtk_widget_has_focus (GTK_WIDGET (self->comment_view)))
        {
          jury_criterion_editor_pick (self, score);
          return GDK_EVENT_STOP;
        }
    }

  digit = gdk_keyval_to_unicode (keyval);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = '0' + (keyval - GDK_KEY_KP_0);

  if (digit >= '0' && digit <= '9' && jury_criterion_editor_pick (self, (int) (digit - '0')))
    return GDK_EVENT_STOP;

  return GDK_EVENT_PROPAGATE;
}

static GtkWidget *
add_level (JuryCriterionEditor *self,
           const char          *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "secondary-text");
  gtk_box_append (self->levels_box, label);

  return label;
}

static void
build_scale (JuryCriterionEditor *self)
{
  GtkToggleButton *group = NULL;

  for (int value = self->scale_min; value <= self->scale_max; value++)
    {
      g_autofree char *number = g_strdup_printf ("%d", value);
      g_autofree char *accessible = NULL;
      const char *level = jury_criterion_get_level_label (self->criterion, value);
      GtkWidget *button = gtk_toggle_button_new_with_label (number);

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);

      if (level != NULL)
        {
          gtk_widget_set_tooltip_text (button, level);
          /* Translators: how a screen reader reads a score button: criterion, score, its label */
          accessible = g_strdup_printf (_("%s: score %d, %s"), self->criterion->name, value, level);
        }
      else
        {
          accessible = g_strdup_printf (_("%s: score %d"), self->criterion->name, value);
        }

      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_object_set_data (G_OBJECT (button), "score", GINT_TO_POINTER (value));
      g_signal_connect_object (button, "toggled", G_CALLBACK (button_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->scale_box, button);
      g_ptr_array_add (self->buttons, button);
      g_ptr_array_add (self->levels, level ? add_level (self, level) : NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->levels_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->levels_box)) != NULL);
}

static void
jury_criterion_editor_dispose (GObject *object)
{
  JuryCriterionEditor *self = JURY_CRITERION_EDITOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_CRITERION_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jury_criterion_editor_parent_class)->dispose (object);
}

static void
jury_criterion_editor_finalize (GObject *object)
{
  JuryCriterionEditor *self = JURY_CRITERION_EDITOR (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  G_OBJECT_CLASS (jury_criterion_editor_parent_class)->finalize (object);
}

static void
jury_criterion_editor_class_init (JuryCriterionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jury_criterion_editor_dispose;
  object_class->finalize = jury_criterion_editor_finalize;

  signals[SCORE_CHANGED] =
    g_signal_new ("score-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  signals[COMMENT_CHANGED] =
    g_signal_new ("comment-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-criterion-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, weight_label);
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, description_label);
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, scale_box);
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, levels_box);
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, level_label);
  gtk_widget_class_bind_template_child (widget_class, JuryCriterionEditor, comment_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jurycriterioneditor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jury_criterion_editor_init (JuryCriterionEditor *self)
{
  GtkLayoutManager *layout;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  jury_text_field_limit (GTK_WIDGET (self->comment_view), JURY_TEXT_COMMENT, NULL);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->buttons = g_ptr_array_new ();
  self->levels = g_ptr_array_new ();
  self->score = JURY_NO_SCORE;

  /* Bubble phase: a focused comment takes its digits before they reach us. */
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (gtk_text_view_get_buffer (self->comment_view), "changed",
                           G_CALLBACK (comment_changed_cb), self, G_CONNECT_SWAPPED);
}

JuryCriterionEditor *
jury_criterion_editor_new (const JuryCriterion *criterion,
                           int                  scale_min,
                           int                  scale_max)
{
  JuryCriterionEditor *self;
  g_autofree char *weight = NULL;
  g_autofree char *weight_tooltip = NULL;
  g_autofree char *comment_label = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (criterion != NULL, NULL);
  g_return_val_if_fail (scale_min < scale_max, NULL);

  self = g_object_new (JURY_TYPE_CRITERION_EDITOR, NULL);
  self->criterion = criterion;
  self->scale_min = scale_min;
  self->scale_max = scale_max;

  gtk_label_set_label (self->name_label, criterion->name);
  gtk_label_set_label (self->description_label, criterion->description ? criterion->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), criterion->description != NULL);

  g_snprintf (number, sizeof number, "%g", criterion->weight);
  /* Translators: the weight of a criterion, e.g. "×2" */
  weight = g_strdup_printf (_("×%s"), number);
  gtk_label_set_label (self->weight_label, weight);
  /* Translators: tooltip of the weight, e.g. "Counts 2 times in the total" */
  weight_tooltip = g_strdup_printf (_("Counts %s times in the total"), number);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->weight_label), weight_tooltip);

  /* Translators: accessible name of a criterion's comment field */
  comment_label = g_strdup_printf (_("Comment on %s"), criterion->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, criterion->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  criterion->description ? criterion->description : "",
                                  -1);

  build_scale (self);
  sync_buttons (self);

  return self;
}

const char *
jury_criterion_editor_get_id (JuryCriterionEditor *self)
{
  g_return_val_if_fail (JURY_IS_CRITERION_EDITOR (self), NULL);

  return self->criterion->id;
}

int
jury_criterion_editor_get_score (JuryCriterionEditor *self)
{
  g_return_val_if_fail (JURY_IS_CRITERION_EDITOR (self), JURY_NO_SCORE);

  return self->score;
}

void
jury_criterion_editor_set_score (JuryCriterionEditor *self,
                                 int                  score)
{
  g_return_if_fail (JURY_IS_CRITERION_EDITOR (self));

  self->score = score;
  sync_buttons (self);
}

char *
jury_criterion_editor_dup_comment (JuryCriterionEditor *self)
{
  char *text = NULL;

  g_return_val_if_fail (JURY_IS_CRITERION_EDITOR (self), NULL);

  g_object_get (gtk_text_view_get_buffer (self->comment_view), "text", &text, NULL);
  return text;
}

void
jury_criterion_editor_set_comment (JuryCriterionEditor *self,
                                   const char          *comment)
{
  g_return_if_fail (JURY_IS_CRITERION_EDITOR (self));

  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view),
                            comment ? comment : "", -1);
  self->updating = FALSE;
}

void
jury_criterion_editor_set_locked (JuryCriterionEditor *self,
                                  gboolean             locked)
{
  g_return_if_fail (JURY_IS_CRITERION_EDITOR (self));

  self->locked = !!locked;
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_box), !locked);
}

gboolean
jury_criterion_editor_pick (JuryCriterionEditor *self,
                            int                  score)
{
  g_return_val_if_fail (JURY_IS_CRITERION_EDITOR (self), FALSE);

  if (score < self->scale_min || score > self->scale_max || self->locked)
    return FALSE;

  change_score (self, score);
  return TRUE;
}

void
jury_criterion_editor_focus_scale (JuryCriterionEditor *self)
{
  int stop;

  g_return_if_fail (JURY_IS_CRITERION_EDITOR (self));

  stop = self->score == JURY_NO_SCORE ? self->scale_min : self->score;
  gtk_widget_grab_focus (g_ptr_array_index (self->buttons, stop - self->scale_min));
}

GtkWidget *
jury_criterion_editor_get_button (JuryCriterionEditor *self,
                                  int                  score)
{
  g_return_val_if_fail (JURY_IS_CRITERION_EDITOR (self), NULL);
  g_return_val_if_fail (score >= self->scale_min && score <= self->scale_max, NULL);

  return g_ptr_array_index (self->buttons, score - self->scale_min);
}

GtkWidget *
jury_criterion_editor_get_comment_view (JuryCriterionEditor *self)
{
  g_return_val_if_fail (JURY_IS_CRITERION_EDITOR (self), NULL);

  return GTK_WIDGET (self->comment_view);
}
