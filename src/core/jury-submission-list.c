/* jury-submission-list.c: the submissions of a store for one juror, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-submission-list"

#include "config.h"

#include "jury-submission-list.h"

/* One submission as the list keeps it: its strings in the list's chunk. An item
 * is made only when someone asks for it, so opening 100,000 submissions makes a
 * screenful of objects. */
typedef struct
{
  const char       *id;
  const char       *title;
  const char       *region;     /* nullable */
  const char       *network;    /* nullable */
  guint             position;
  guint             n_scored;
  JuryReviewStatus  status;
} Row;

struct _JurySubmissionList
{
  GObject              parent_instance;

  JuryStore           *store;
  char                *juror_id;
  guint                n_criteria;
  GArray              *rows;       /* Row, in the list's order */
  GStringChunk        *strings;
  JurySubmissionItem **items;      /* by index; NULL until asked for */
  GHashTable          *indexes;    /* id (in strings) → index + 1; made when first needed */
  guint                n_reviewed;
  gboolean             in_file_order;
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

static void
add_row_cb (const JurySubmissionRow *row,
            gpointer                 user_data)
{
  JurySubmissionList *self = user_data;
  Row *last = self->rows->len ? &g_array_index (self->rows, Row, self->rows->len - 1) : NULL;
  Row compact = {
    .id = g_string_chunk_insert (self->strings, row->id),
    .title = g_string_chunk_insert (self->strings, row->title),
    /* Few regions and networks, each shared by many submissions. */
    .region = row->region ? g_string_chunk_insert_const (self->strings, row->region) : NULL,
    .network = row->network ? g_string_chunk_insert_const (self->strings, row->network) : NULL,
    .position = row->position,
    .n_scored = row->n_scored,
    .status = row->status,
  };

  if (last != NULL && last->position > row->position)
    self->in_file_order = FALSE;
  g_array_append_val (self->rows, compact);
  if (is_reviewed (row->status))
    self->n_reviewed++;
}

static gboolean
load_items (JurySubmissionList  *self,
            GError             **error)
{
  self->n_criteria = jury_store_get_call (self->store)->criteria->len;
  self->in_file_order = TRUE;

  if (!jury_store_foreach_submission_row (self->store, self->juror_id, add_row_cb, self, error))
    return FALSE;

  self->items = g_new0 (JurySubmissionItem *, self->rows->len);
  return TRUE;
}

static GHashTable *
get_indexes (JurySubmissionList *self)
{
  if (self->indexes != NULL)
    return self->indexes;

  self->indexes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->rows->len; i++)
    g_hash_table_insert (self->indexes, (gpointer) g_array_index (self->rows, Row, i).id, GUINT_TO_POINTER (i + 1));

  return self->indexes;
}

static gboolean
find_index (JurySubmissionList *self,
            const char         *submission_id,
            guint              *index)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (get_indexes (self), submission_id));

  *index = found - 1;
  return found != 0;
}

static JurySubmissionItem *
get_or_make_item (JurySubmissionList *self,
                  guint               index)
{
  const Row *compact = &g_array_index (self->rows, Row, index);

  if (self->items[index] == NULL)
    {
      JurySubmissionRow row = {
        .position = compact->position,
        .id = (char *) compact->id,
        .title = (char *) compact->title,
        .region = (char *) compact->region,
        .network = (char *) compact->network,
        .status = compact->status,
        .n_scored = compact->n_scored,
      };

      self->items[index] = jury_submission_item_new (&row, self->n_criteria);
    }

  return self->items[index];
}

static void
on_review_changed_cb (JurySubmissionList *self,
                      const char         *juror_id,
                      const char         *submission_id,
                      JuryStore          *store)
{
  g_autoptr(JurySubmissionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  Row *compact;
  guint index;
  guint n_reviewed;

  if (g_strcmp0 (juror_id, self->juror_id) != 0 || !find_index (self, submission_id, &index))
    return;

  if (!(row = jury_store_get_submission_row (store, juror_id, submission_id, &error)))
    {
      g_warning ("%s", error->message);
      return;
    }

  compact = &g_array_index (self->rows, Row, index);
  n_reviewed = self->n_reviewed - is_reviewed (compact->status) + is_reviewed (row->status);
  compact->status = row->status;
  compact->n_scored = row->n_scored;
  if (self->items[index] != NULL)
    jury_submission_item_update (self->items[index], row->status, row->n_scored);

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
  return JURY_SUBMISSION_LIST (model)->rows->len;
}

static gpointer
jury_submission_list_get_item (GListModel *model,
                               guint       position)
{
  JurySubmissionList *self = JURY_SUBMISSION_LIST (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (get_or_make_item (self, position));
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

  g_clear_pointer (&self->indexes, g_hash_table_unref);
  for (guint i = 0; self->items != NULL && i < self->rows->len; i++)
    g_clear_object (&self->items[i]);
  g_clear_pointer (&self->items, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
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
      g_value_set_uint (value, self->rows->len);
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
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->strings = g_string_chunk_new (1 << 16);
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
  guint index;

  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);

  if (!find_index (self, submission_id, &index))
    return NULL;

  if (position != NULL)
    *position = index;

  return get_or_make_item (self, index);
}

guint
jury_submission_list_get_n_reviewed (JurySubmissionList *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), 0);

  return self->n_reviewed;
}

gboolean
jury_submission_list_is_in_file_order (JurySubmissionList *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), FALSE);

  return self->in_file_order;
}

const char *
jury_submission_list_get_id (JurySubmissionList *self,
                             guint               position)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return g_array_index (self->rows, Row, position).id;
}

JuryReviewStatus
jury_submission_list_get_status (JurySubmissionList *self,
                                 guint               position)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_LIST (self), JURY_REVIEW_OPEN);
  g_return_val_if_fail (position < self->rows->len, JURY_REVIEW_OPEN);

  return g_array_index (self->rows, Row, position).status;
}
