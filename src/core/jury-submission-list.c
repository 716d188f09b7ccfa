/* jury-submission-list.c: the submissions of a store for one juror, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-submission-list"

#include "config.h"

#include "jury-submission-list.h"

struct _JurySubmissionList
{
  GObject     parent_instance;

  JuryStore  *store;
  char       *juror_id;
  GPtrArray  *items;       /* JurySubmissionItem*, in file order */
  GHashTable *positions;   /* submission id (owned by its item) → position + 1 */
  guint       n_reviewed;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JurySubmissionList, jury_submission_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_JUROR_ID,
  PROP_N_REVIEWED,
  PROP_N_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_reviewed (JuryReviewStatus status)
{
  return status == JURY_REVIEW_DONE || status == JURY_REVIEW_CONFLICT;
}

static gboolean
load_items (JurySubmissionList  *self,
            GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_criteria = jury_store_get_call (self->store)->criteria->len;

  if (!(rows = jury_store_list_submissions (self->store, self->juror_id, error)))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const JurySubmissionRow *row = g_ptr_array_index (rows, i);
      JurySubmissionItem *item = jury_submission_item_new (row, n_criteria);

      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->positions, (gpointer) jury_submission_item_get_id (item), GUINT_TO_POINTER (i + 1));
      if (is_reviewed (row->status))
        self->n_reviewed++;
    }

  return TRUE;
}

static void
on_review_changed_cb (JurySubmissionList *self,
                      const char         *juror_id,
                      const char         *submission_id,
                      JuryStore          *store)
{
  g_autoptr(JurySubmissionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  JurySubmissionItem *item;
  guint n_reviewed;

  if (g_strcmp0 (juror_id, self->juror_id) != 0 ||
      !(item = jury_submission_list_find (self, submission_id, NULL)))
    return;

  if (!(row = jury_store_get_submission_row (store, juror_id, submission_id, &error)))
    {
      g_warning ("%s", error->message);
      return;
    }

  n_reviewed = self->n_reviewed - is_reviewed (jury_submission_item_get_status (item)) + is_reviewed (row->status);
  jury_submission_item_update (item, row->status, row->n_scored);

  if (n_reviewed != self->n_reviewed)
    {
      self->n_reviewed = n_reviewed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REVIEWED]);
    }
}

static GType
jury_submission_list_get_item_type (GListModel *model)
{
  return JURY_TYPE_SUBMISSION_ITEM;
}

static guint
jury_submission_list_get_n_items (GListModel *model)
{
  return JURY_SUBMISSION_LIST (model)->items->len;
}

static gpointer
jury_submission_list_get_item (GListModel *model,
                               guint       position)
{
  JurySubmissionList *self = JURY_SUBMISSION_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = jury_submission_list_get_item_type;
  iface->get_n_items = jury_submission_list_get_n_items;
  iface->get_item = jury_submission_list_get_item;
}

static void
jury_submission_list_dispose (GObject *object)
{
  JurySubmissionList *self = (JurySubmissionList *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (jury_submission_list_parent_class)->dispose (object);
}

static void
jury_submission_list_finalize (GObject *object)
{
  JurySubmissionList *self = (JurySubmissionList *)object;

  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->juror_id, g_free);

  G_OBJECT_CLASS (jury_submission_list_parent_class)->finalize (object);
}

static void
jury_submission_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JurySubmissionList *self = JURY_SUBMISSION_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_JUROR_ID:
      g_value_set_string (value, self->juror_id);
      break;
    case PROP_N_REVIEWED:
      g_value_set_uint (value, self->n_reviewed);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_submission_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  JurySubmissionList *self = JURY_SUBMISSION_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_JUROR_ID:
      self->juror_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_submission_list_class_init (JurySubmissionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jury_submission_list_dispose;
  object_class->finalize = jury_submission_list_finalize;
  object_class->get_property = jury_submission_list_get_property;
  object_class->set_property = jury_submission_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         JURY_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_JUROR_ID] =
    g_param_spec_string ("juror-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_REVIEWED] =
    g_param_spec_uint ("n-reviewed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jury_submission_list_init (JurySubmissionList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Public API */

JurySubmissionList *
jury_submission_list_new (JuryStore   *store,
                          const char  *juror_id,
                          GError     **error)
{
  g_autoptr(JurySubmissionList) self = NULL;

  g_return_val_if_fail (JURY_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (JURY_TYPE_SUBMISSION_LIST,
                       "store", store,
                       "juror-id", juror_id,
                       NULL);
  if (!load_items (self, error))
    return NULL;

  g_signal_connect_object (store, "review-changed",
                           G_CALLBACK (on_review_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

JuryStore *
jury_submission_list_get_store (JurySubmissionList *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), NULL);

  return self->store;
}

const char *
jury_submission_list_get_juror_id (JurySubmissionList *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), NULL);

  return self->juror_id;
}

JurySubmissionItem *
jury_submission_list_find (JurySubmissionList *self,
                           const char         *submission_id,
                           guint              *position)
{
  guint found;

  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);

  if (!(found = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, submission_id))))
    return NULL;

  if (position != NULL)
    *position = found - 1;

  return g_ptr_array_index (self->items, found - 1);
}

guint
jury_submission_list_get_n_reviewed (JurySubmissionList *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), 0);

  return self->n_reviewed;
}
