/* jury-rubric-editor.c: the title, id, scale, awards and criteria of a new call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-rubric-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jury-make-call.h"
#include "jury-rubric-editor.h"
#include "jury-text-field.h"
#include "jury-text.h"

/* Labels for each level of a longer scale would be a wall of fields. */
#define MAX_LABELLED_LEVELS 21
#define MAX_ID_LENGTH 60

typedef struct
{
  JuryRubricEditor    *editor;      /* unowned: the editor owns the item */
  JuryCriterion       *criterion;
  gboolean             id_edited;   /* the id no longer follows the name */

  GtkWidget           *group;       /* owned, so that its rows outlive removal */
  AdwEntryRow         *name_row;
  AdwEntryRow         *id_row;
  GtkSpinButton       *weight_spin;
  GtkTextBuffer       *description;
  AdwExpanderRow      *levels_row;
  GPtrArray           *level_rows;  /* GtkWidget*, the rows inside levels_row */
  GtkWidget           *remove_button;
} Item;

struct _JuryRubricEditor
{
  GtkWidget       parent_instance;

  GPtrArray      *items;            /* Item*, one per criterion, in order */
  char           *lang;             /* of the call the rubric came from; nullable */
  char           *problem;          /* nullable */
  gboolean        id_edited;        /* the call's id no longer follows its title */
  gboolean        updating;         /* the editor itself changes a field */

  AdwEntryRow    *title_row;
  AdwEntryRow    *id_row;
  GtkSpinButton  *min_spin;
  GtkSpinButton  *max_spin;
  GtkSpinButton  *awards_spin;
  GtkBox         *criteria_box;
};

G_DEFINE_FINAL_TYPE (JuryRubricEditor, jury_rubric_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_levels (Item *item);

/* Helpers */

static int
get_min (JuryRubricEditor *self)
{
  return gtk_spin_button_get_value_as_int (self->min_spin);
}

static int
get_max (JuryRubricEditor *self)
{
  return gtk_spin_button_get_value_as_int (self->max_spin);
}

/* TEXT without the spaces around it, as the call file keeps it. */
static char *
dup_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
set_field (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_problem (JuryRubricEditor *self,
             char             *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    {
      g_free (problem);
      return;
    }

  g_free (self->problem);
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* The first thing that keeps the call from being written, marking the fields
 * at fault; one sentence, as the person can put it right. */
static void
check (JuryRubricEditor *self)
{
  g_autofree char *title = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  char *problem = NULL;

  /* A field is marked once there is something to say about it, not before. */
  set_row_error (self->id_row, !jury_is_identifier (id) && (title[0] != '\0' || id[0] != '\0'));

  if (title[0] == '\0')
    problem = g_strdup (_("Give the new call a title."));
  else if (!jury_is_identifier (id))
    problem = g_strdup (_("The call’s id takes 1 to 128 letters, digits, “.”, “_” or “-”, and begins with a "
                          "letter or a digit."));
  else if (get_min (self) >= get_max (self))
    problem = g_strdup (_("The highest score must be greater than the lowest."));

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      g_autofree char *name = dup_trimmed (item->criterion->name);
      const char *criterion_id = item->criterion->id;
      gpointer other = NULL;
      gboolean bad_id = !jury_is_identifier (criterion_id);
      gboolean twice = !bad_id && g_hash_table_lookup_extended (ids, criterion_id, NULL, &other);

      set_row_error (item->id_row, (bad_id && (name[0] != '\0' || criterion_id[0] != '\0')) || twice);
      if (problem != NULL)
        {
          if (!bad_id && !twice)
            g_hash_table_insert (ids, (gpointer) criterion_id, GUINT_TO_POINTER (i + 1));
          continue;
        }

      if (name[0] == '\0')
        /* Translators: criteria are numbered as the page shows them */
        problem = g_strdup_printf (_("Give criterion %u a name."), i + 1);
      else if (bad_id)
        problem = g_strdup_printf (_("The id of criterion %u takes 1 to 128 letters, digits, “.”, “_” or “-”, "
                                     "and begins with a letter or a digit."), i + 1);
      else if (twice)
        problem = g_strdup_printf (_("Criteria %u and %u have the same id; give each its own."),
                                   GPOINTER_TO_UINT (other), i + 1);
      else
        g_hash_table_insert (ids, (gpointer) criterion_id, GUINT_TO_POINTER (i + 1));
    }

  set_problem (self, problem);
}

/* Criteria */

static void
item_free (Item *item)
{
  g_signal_handlers_disconnect_by_data (item->name_row, item);
  g_signal_handlers_disconnect_by_data (item->id_row, item);
  g_signal_handlers_disconnect_by_data (item->weight_spin, item);
  g_signal_handlers_disconnect_by_data (item->description, item);
  for (guint i = 0; i < item->level_rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (item->level_rows, i), item);
  g_clear_pointer (&item->level_rows, g_ptr_array_unref);
  g_clear_object (&item->description);
  g_clear_object (&item->group);
  g_clear_pointer (&item->criterion, jury_criterion_free);
  g_free (item);
}

static void
name_changed_cb (AdwEntryRow *row,
                 Item        *item)
{
  JuryRubricEditor *self = item->editor;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  g_free (item->criterion->name);
  item->criterion->name = g_strdup (name);

  if (!item->id_edited)
    {
      g_autofree char *trimmed = dup_trimmed (name);
      g_autofree char *id = trimmed[0] != '\0' ? jury_text_slug (trimmed, "criterion", MAX_ID_LENGTH)
                                               : g_strdup ("");

      self->updating = TRUE;
      set_field (item->id_row, id);
      self->updating = FALSE;
    }

  check (self);
}

static void
criterion_id_changed_cb (AdwEntryRow *row,
                         Item        *item)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (row));

  /* Typing an id of one's own stops it following the name; emptying it, not. */
  if (!item->editor->updating)
    item->id_edited = id[0] != '\0';

  g_free (item->criterion->id);
  item->criterion->id = g_strdup (id);
  check (item->editor);
}

static void
weight_changed_cb (GtkSpinButton *spin,
                   Item          *item)
{
  item->criterion->weight = gtk_spin_button_get_value (spin);
}

static void
description_changed_cb (GtkTextBuffer *buffer,
                        Item          *item)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_free (item->criterion->description);
  item->criterion->description = g_steal_pointer (&text);
}

/* The criterion's levels keep labels outside the scale shown, so that a scale
 * changed back finds them again; only those inside it are written. */
static void
level_changed_cb (AdwEntryRow *row,
                  Item        *item)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "jury-level-value"));
  g_autofree char *label = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (row)));
  GPtrArray *levels = item->criterion->levels;

  for (guint i = 0; i < levels->len; i++)
    if (((JuryLevel *) g_ptr_array_index (levels, i))->value == value)
      {
        g_ptr_array_remove_index (levels, i);
        break;
      }

  if (label[0] != '\0')
    {
      g_ptr_array_add (levels, jury_level_new (value, label));
      jury_criterion_sort_levels (item->criterion);
    }
}

static void
update_levels_subtitle (Item *item)
{
  JuryRubricEditor *self = item->editor;
  int min = get_min (self), max = get_max (self);
  guint n_labelled = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < item->criterion->levels->len; i++)
    {
      const JuryLevel *level = g_ptr_array_index (item->criterion->levels, i);

      n_labelled += level->value >= min && level->value <= max;
    }

  if (min >= max)
    subtitle = g_strdup ("");
  else
    /* Translators: "3 of 5 levels have a label"; the number of labels chooses the form */
    subtitle = g_strdup_printf (ngettext ("%u of %d levels has a label", "%u of %d levels have a label",
                                          n_labelled),
                                n_labelled, max - min + 1);
  adw_expander_row_set_subtitle (item->levels_row, subtitle);
}

static void
level_row_changed_cb (AdwEntryRow *row,
                      Item        *item)
{
  update_levels_subtitle (item);
}

static void
rebuild_levels (Item *item)
{
  JuryRubricEditor *self = item->editor;
  int min = get_min (self), max = get_max (self);

  for (guint i = 0; i < item->level_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (item->level_rows, i);

      g_signal_handlers_disconnect_by_data (row, item);
      adw_expander_row_remove (item->levels_row, row);
    }
  g_ptr_array_set_size (item->level_rows, 0);

  if (min >= max)
    ;
  else if (max - min + 1 > MAX_LABELLED_LEVELS)
    {
      GtkWidget *row = adw_action_row_new ();

      /* Translators: the number of levels up to which each gets a label */
      g_autofree char *text = g_strdup_printf (_("Levels get labels on scales of up to %d values."),
                                               MAX_LABELLED_LEVELS);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_expander_row_add_row (item->levels_row, row);
      g_ptr_array_add (item->level_rows, row);
    }
  else
    for (int value = min; value <= max; value++)
      {
        GtkWidget *row = adw_entry_row_new ();
        const char *label = jury_criterion_get_level_label (item->criterion, value);
        /* Translators: a value of the scale, whose label the field holds */
        g_autofree char *title = g_strdup_printf (_("Label for %d"), value);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        gtk_editable_set_text (GTK_EDITABLE (row), label != NULL ? label : "");
        jury_text_field_limit (row, JURY_TEXT_NAME, NULL);
        g_object_set_data (G_OBJECT (row), "jury-level-value", GINT_TO_POINTER (value));
        g_signal_connect (row, "changed", G_CALLBACK (level_changed_cb), item);
        g_signal_connect_after (row, "changed", G_CALLBACK (level_row_changed_cb), item);
        adw_expander_row_add_row (item->levels_row, row);
        g_ptr_array_add (item->level_rows, row);
      }

  update_levels_subtitle (item);
}

/* "Criterion 2", and the remove button that says which it removes. */
static void
number_items (JuryRubricEditor *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      /* Translators: the heading of a criterion in the rubric editor */
      g_autofree char *title = g_strdup_printf (_("Criterion %u"), i + 1);
      g_autofree char *remove = g_strdup_printf (_("Remove criterion %u"), i + 1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (item->group), title);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (item->remove_button), "u", i);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                      -1);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rubric.remove-criterion", self->items->len > 1);
}

static GtkWidget *
new_entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  return row;
}

static GtkWidget *
new_description_row (Item *item)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Description"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("What jurors look for under this criterion"));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 96);
  jury_text_field_limit (view, JURY_TEXT_COMMENT, NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, expander, NULL,
                                  -1);

  item->description = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  gtk_text_buffer_set_text (item->description,
                            item->criterion->description != NULL ? item->criterion->description : "", -1);
  g_signal_connect (item->description, "changed", G_CALLBACK (description_changed_cb), item);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), view);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return expander;
}

static Item *
add_item (JuryRubricEditor *self,
          JuryCriterion    *criterion)
{
  Item *item = g_new0 (Item, 1);
  GtkWidget *weight_row;
  GtkAdjustment *adjustment;

  item->editor = self;
  item->criterion = criterion;
  item->id_edited = criterion->id != NULL && criterion->id[0] != '\0';
  item->level_rows = g_ptr_array_new ();
  if (criterion->name == NULL)
    criterion->name = g_strdup ("");
  if (criterion->id == NULL)
    criterion->id = g_strdup ("");

  item->group = g_object_ref_sink (adw_preferences_group_new ());

  item->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (item->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (item->remove_button, _("Remove Criterion"));
  gtk_widget_add_css_class (item->remove_button, "flat");
  /* The target first: number_items() gives each button its own. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (item->remove_button), "u", 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (item->remove_button), "rubric.remove-criterion");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (item->group), item->remove_button);

  item->name_row = ADW_ENTRY_ROW (new_entry_row (_("_Name")));
  set_field (item->name_row, criterion->name);
  jury_text_field_limit (GTK_WIDGET (item->name_row), JURY_TEXT_NAME, NULL);
  g_signal_connect (item->name_row, "changed", G_CALLBACK (name_changed_cb), item);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (item->group), GTK_WIDGET (item->name_row));

  item->id_row = ADW_ENTRY_ROW (new_entry_row (_("I_d")));
  set_field (item->id_row, criterion->id);
  jury_text_field_limit (GTK_WIDGET (item->id_row), JURY_TEXT_NAME, NULL);
  g_signal_connect (item->id_row, "changed", G_CALLBACK (criterion_id_changed_cb), item);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (item->group), GTK_WIDGET (item->id_row));

  weight_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (weight_row), _("_Weight"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (weight_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (weight_row), _("How much the criterion counts against the others"));
  adjustment = gtk_adjustment_new (criterion->weight > 0 ? criterion->weight : 1, 0.01, 1000, 0.5, 1, 0);
  item->weight_spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 0.5, 2));
  gtk_spin_button_set_numeric (item->weight_spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (item->weight_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (item->weight_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, weight_row, NULL,
                                  -1);
  g_signal_connect (item->weight_spin, "value-changed", G_CALLBACK (weight_changed_cb), item);
  adw_action_row_add_suffix (ADW_ACTION_ROW (weight_row), GTK_WIDGET (item->weight_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (weight_row), GTK_WIDGET (item->weight_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (item->group), weight_row);
  criterion->weight = gtk_spin_button_get_value (item->weight_spin);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (item->group), new_description_row (item));

  item->levels_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->levels_row), _("Level Labels"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (item->group), GTK_WIDGET (item->levels_row));
  rebuild_levels (item);

  g_ptr_array_add (self->items, item);
  gtk_box_append (self->criteria_box, item->group);

  return item;
}

static void
clear_items (JuryRubricEditor *self)
{
  while (self->items->len > 0)
    {
      Item *item = g_ptr_array_index (self->items, self->items->len - 1);

      gtk_box_remove (self->criteria_box, item->group);
      g_ptr_array_remove_index (self->items, self->items->len - 1);
    }
}

/* Callbacks */

static void
title_changed_cb (JuryRubricEditor *self)
{
  if (!self->id_edited)
    {
      g_autofree char *title = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
      g_autofree char *id = title[0] != '\0' ? jury_make_slug (title) : g_strdup ("");

      self->updating = TRUE;
      set_field (self->id_row, id);
      self->updating = FALSE;
    }

  check (self);
}

static void
id_changed_cb (JuryRubricEditor *self)
{
  if (!self->updating)
    self->id_edited = gtk_editable_get_text (GTK_EDITABLE (self->id_row))[0] != '\0';

  check (self);
}

static void
scale_changed_cb (JuryRubricEditor *self)
{
  for (guint i = 0; i < self->items->len; i++)
    rebuild_levels (g_ptr_array_index (self->items, i));

  check (self);
}

static void
add_criterion_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JuryRubricEditor *self = JURY_RUBRIC_EDITOR (widget);
  Item *item = add_item (self, jury_criterion_new ());

  number_items (self);
  check (self);
  gtk_widget_grab_focus (GTK_WIDGET (item->name_row));
}

static void
remove_criterion_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JuryRubricEditor *self = JURY_RUBRIC_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);
  Item *item;

  if (index >= self->items->len || self->items->len < 2)
    return;

  item = g_ptr_array_index (self->items, index);
  gtk_box_remove (self->criteria_box, item->group);
  g_ptr_array_remove_index (self->items, index);

  number_items (self);
  check (self);

  /* The focus goes on to the criterion that took the removed one's place. */
  item = g_ptr_array_index (self->items, MIN (index, self->items->len - 1));
  gtk_widget_grab_focus (GTK_WIDGET (item->name_row));
}

/* Overrides */

static void
jury_rubric_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JuryRubricEditor *self = JURY_RUBRIC_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_rubric_editor_dispose (GObject *object)
{
  JuryRubricEditor *self = JURY_RUBRIC_EDITOR (object);
  GtkWidget *child;

  if (self->items != NULL)
    clear_items (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), JURY_TYPE_RUBRIC_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jury_rubric_editor_parent_class)->dispose (object);
}

static void
jury_rubric_editor_finalize (GObject *object)
{
  JuryRubricEditor *self = JURY_RUBRIC_EDITOR (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (jury_rubric_editor_parent_class)->finalize (object);
}

static void
jury_rubric_editor_class_init (JuryRubricEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jury_rubric_editor_get_property;
  object_class->dispose = jury_rubric_editor_dispose;
  object_class->finalize = jury_rubric_editor_finalize;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jury-rubric-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JuryRubricEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, JuryRubricEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, JuryRubricEditor, min_spin);
  gtk_widget_class_bind_template_child (widget_class, JuryRubricEditor, max_spin);
  gtk_widget_class_bind_template_child (widget_class, JuryRubricEditor, awards_spin);
  gtk_widget_class_bind_template_child (widget_class, JuryRubricEditor, criteria_box);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_changed_cb);

  gtk_widget_class_install_action (widget_class, "rubric.add-criterion", NULL, add_criterion_action);
  gtk_widget_class_install_action (widget_class, "rubric.remove-criterion", "u", remove_criterion_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
jury_rubric_editor_init (JuryRubricEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  jury_text_field_limit (GTK_WIDGET (self->title_row), JURY_TEXT_NAME, NULL);
  jury_text_field_limit (GTK_WIDGET (self->id_row), JURY_TEXT_NAME, NULL);

  jury_rubric_editor_set_rubric (self, NULL);
}

/* Public API */

void
jury_rubric_editor_set_rubric (JuryRubricEditor *self,
                               const JuryCall   *call)
{
  g_return_if_fail (JURY_IS_RUBRIC_EDITOR (self));

  clear_items (self);

  gtk_spin_button_set_value (self->max_spin, call != NULL ? call->scale_max : 5);
  gtk_spin_button_set_value (self->min_spin, call != NULL ? call->scale_min : 1);
  gtk_spin_button_set_value (self->awards_spin, call != NULL ? MAX (call->awards, 1) : 1);

  g_free (self->lang);
  self->lang = call != NULL ? g_strdup (call->lang) : NULL;

  if (call != NULL)
    for (guint i = 0; i < call->criteria->len; i++)
      {
        const JuryCriterion *criterion = g_ptr_array_index (call->criteria, i);
        JuryCriterion *copy = jury_criterion_new ();

        copy->id = g_strdup (criterion->id);
        copy->name = g_strdup (criterion->name);
        copy->description = g_strdup (criterion->description);
        copy->weight = criterion->weight;
        for (guint l = 0; l < criterion->levels->len; l++)
          {
            const JuryLevel *level = g_ptr_array_index (criterion->levels, l);

            g_ptr_array_add (copy->levels, jury_level_new (level->value, level->label));
          }
        add_item (self, copy);
      }

  if (self->items->len == 0)
    add_item (self, jury_criterion_new ());

  number_items (self);
  check (self);
}

const char *
jury_rubric_editor_get_problem (JuryRubricEditor *self)
{
  g_return_val_if_fail (JURY_IS_RUBRIC_EDITOR (self), NULL);

  return self->problem;
}

JuryCall *
jury_rubric_editor_dup_call (JuryRubricEditor *self)
{
  g_autoptr(JuryCall) call = NULL;
  int min, max;

  g_return_val_if_fail (JURY_IS_RUBRIC_EDITOR (self), NULL);

  if (self->problem != NULL)
    return NULL;

  min = get_min (self);
  max = get_max (self);

  call = jury_call_new ();
  call->title = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  call->id = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row)));
  call->lang = g_strdup (self->lang);
  call->awards = gtk_spin_button_get_value_as_int (self->awards_spin);
  call->scale_min = min;
  call->scale_max = max;

  for (guint i = 0; i < self->items->len; i++)
    {
      const JuryCriterion *criterion = ((Item *) g_ptr_array_index (self->items, i))->criterion;
      JuryCriterion *copy = jury_criterion_new ();
      g_autofree char *description = dup_trimmed (criterion->description);

      copy->id = g_strdup (criterion->id);
      copy->name = dup_trimmed (criterion->name);
      copy->description = description[0] != '\0' ? g_steal_pointer (&description) : NULL;
      copy->weight = criterion->weight;
      for (guint l = 0; l < criterion->levels->len; l++)
        {
          const JuryLevel *level = g_ptr_array_index (criterion->levels, l);

          if (level->value >= min && level->value <= max)
            g_ptr_array_add (copy->levels, jury_level_new (level->value, level->label));
        }
      g_ptr_array_add (call->criteria, copy);
    }

  return g_steal_pointer (&call);
}

guint
jury_rubric_editor_get_n_criteria (JuryRubricEditor *self)
{
  g_return_val_if_fail (JURY_IS_RUBRIC_EDITOR (self), 0);

  return self->items->len;
}

void
jury_rubric_editor_focus_title (JuryRubricEditor *self)
{
  g_return_if_fail (JURY_IS_RUBRIC_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
