/* jury-autosave.c: every change reaches the disk at once, or is kept and retried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-autosave"

#include "config.h"

#include "jury-autosave.h"
#include "jury-enums.h"

struct _JuryAutosave
{
  GObject        parent_instance;

  JuryStore     *store;
  GPtrArray     *pending;       /* JuryChange*, oldest first */
  GError        *write_error;   /* why the last write failed, NULL after a success */
  char          *error_message;
  JurySaveState  state;

  guint          comment_source;   /* the pause after the last keystroke */
  guint          typing_source;    /* the longest a comment waits while typing goes on */
  guint          retry_source;
};

G_DEFINE_FINAL_TYPE (JuryAutosave, jury_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_N_PENDING,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  JuryChange *change;
  GError     *error;
} Refusal;

static gboolean save_pending (JuryAutosave *self);

static void
refusal_free (Refusal *refusal)
{
  jury_change_free (refusal->change);
  g_error_free (refusal->error);
  g_free (refusal);
}

/* The store refused the change itself; writing it again cannot help. */
static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND) ||
         g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_OUT_OF_SCALE) ||
         g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_CONFLICT) ||
         g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_INCOMPLETE) ||
         g_error_matches (error, JURY_STORE_ERROR, JURY_STORE_ERROR_TEXT);
}

/* The message is in place before the state is announced: whoever follows the
 * state reads the message with it. */
static void
set_state (JuryAutosave  *self,
           JurySaveState  state,
           const char    *error_message)
{
  gboolean state_changed = self->state != state;
  gboolean message_changed = g_strcmp0 (self->error_message, error_message) != 0;

  self->state = state;
  if (message_changed)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
    }

  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
comment_timeout_cb (gpointer user_data)
{
  JuryAutosave *self = user_data;

  self->comment_source = 0;
  save_pending (self);

  return G_SOURCE_REMOVE;
}

static gboolean
typing_timeout_cb (gpointer user_data)
{
  JuryAutosave *self = user_data;

  self->typing_source = 0;
  save_pending (self);

  return G_SOURCE_REMOVE;
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  JuryAutosave *self = user_data;

  self->retry_source = 0;
  g_debug ("retrying %u pending changes", self->pending->len);
  save_pending (self);

  return G_SOURCE_REMOVE;
}

/* A store opened read-only stays so: retrying it would only spin. Its changes stay
 * pending (and shown) until flushed or dropped with the autosave. */
static void
schedule_retry (JuryAutosave *self)
{
  if (self->retry_source != 0 ||
      g_error_matches (self->write_error, JURY_STORE_ERROR, JURY_STORE_ERROR_READ_ONLY))
    return;

  self->retry_source = g_timeout_add (JURY_AUTOSAVE_RETRY_MS, retry_timeout_cb, self);
}

/* Writes the pending changes in the order they were made, each in its own transaction,
 * so that a refused one does not hold back the rest. Stops at the first failed write. */
static gboolean
save_pending (JuryAutosave *self)
{
  g_autoptr(GPtrArray) refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) refusal_free);
  guint n_before = self->pending->len;

  g_clear_handle_id (&self->comment_source, g_source_remove);
  g_clear_handle_id (&self->typing_source, g_source_remove);
  g_clear_error (&self->write_error);

  while (self->pending->len > 0)
    {
      /* Taken out first: handlers of ::review-changed may push again. */
      g_autoptr(JuryChange) change = g_ptr_array_steal_index (self->pending, 0);
      g_autoptr(GError) error = NULL;

      if (jury_store_apply_one (self->store, change, &error))
        continue;

      if (is_refusal (error))
        {
          Refusal *refusal = g_new0 (Refusal, 1);

          g_debug ("change refused: %s", error->message);
          refusal->change = g_steal_pointer (&change);
          refusal->error = g_steal_pointer (&error);
          g_ptr_array_add (refusals, refusal);
          continue;
        }

      g_debug ("write failed, %u changes pending: %s", self->pending->len + 1, error->message);
      g_ptr_array_insert (self->pending, 0, g_steal_pointer (&change));
      self->write_error = g_steal_pointer (&error);
      break;
    }

  if (self->write_error != NULL)
    {
      set_state (self, JURY_SAVE_STATE_FAILED, self->write_error->message);
      schedule_retry (self);
    }
  else
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      set_state (self, JURY_SAVE_STATE_SAVED, NULL);
    }

  if (self->pending->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);

  for (guint i = 0; i < refusals->len; i++)
    {
      const Refusal *refusal = g_ptr_array_index (refusals, i);

      g_signal_emit (self, signals[REFUSED], 0, refusal->change, refusal->error);
    }

  return self->write_error == NULL;
}

static void
jury_autosave_dispose (GObject *object)
{
  JuryAutosave *self = (JuryAutosave *)object;

  if (self->store != NULL && self->pending->len > 0 && !save_pending (self))
    g_warning ("%u changes to %s could not be saved: %s",
               self->pending->len, jury_store_get_path (self->store), self->write_error->message);

  g_clear_handle_id (&self->comment_source, g_source_remove);
  g_clear_handle_id (&self->typing_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jury_autosave_parent_class)->dispose (object);
}

static void
jury_autosave_finalize (GObject *object)
{
  JuryAutosave *self = (JuryAutosave *)object;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_error (&self->write_error);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (jury_autosave_parent_class)->finalize (object);
}

static void
jury_autosave_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JuryAutosave *self = JURY_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->pending->len);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_autosave_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JuryAutosave *self = JURY_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_autosave_class_init (JuryAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jury_autosave_dispose;
  object_class->finalize = jury_autosave_finalize;
  object_class->get_property = jury_autosave_get_property;
  object_class->set_property = jury_autosave_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         JURY_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       JURY_TYPE_SAVE_STATE,
                       JURY_SAVE_STATE_SAVED,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JuryAutosave::refused:
   * @change: the change, which has been dropped
   * @error: why the store refused it
   *
   * Emitted when the store refuses a change for its content (unknown id, out of
   * scale, conflict, incomplete); the change is not kept.
   */
  signals[REFUSED] =
    g_signal_new ("refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, JURY_TYPE_CHANGE, G_TYPE_ERROR);
}

static void
jury_autosave_init (JuryAutosave *self)
{
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_change_free);
  self->state = JURY_SAVE_STATE_SAVED;
}

/* Public API */

JuryAutosave *
jury_autosave_new (JuryStore *store)
{
  g_return_val_if_fail (JURY_IS_STORE (store), NULL);

  return g_object_new (JURY_TYPE_AUTOSAVE,
                       "store", store,
                       NULL);
}

JuryStore *
jury_autosave_get_store (JuryAutosave *self)
{
  g_return_val_if_fail (JURY_IS_AUTOSAVE (self), NULL);

  return self->store;
}

JurySaveState
jury_autosave_get_state (JuryAutosave *self)
{
  g_return_val_if_fail (JURY_IS_AUTOSAVE (self), JURY_SAVE_STATE_SAVED);

  return self->state;
}

guint
jury_autosave_get_n_pending (JuryAutosave *self)
{
  g_return_val_if_fail (JURY_IS_AUTOSAVE (self), 0);

  return self->pending->len;
}

const char *
jury_autosave_get_error_message (JuryAutosave *self)
{
  g_return_val_if_fail (JURY_IS_AUTOSAVE (self), NULL);

  return self->error_message;
}

const GError *
jury_autosave_get_error (JuryAutosave *self)
{
  g_return_val_if_fail (JURY_IS_AUTOSAVE (self), NULL);

  return self->write_error;
}

void
jury_autosave_push (JuryAutosave     *self,
                    const JuryChange *change)
{
  g_return_if_fail (JURY_IS_AUTOSAVE (self));
  g_return_if_fail (change != NULL);

  /* The newest value goes last, after whatever it may depend on. */
  for (guint i = 0; i < self->pending->len; i++)
    if (jury_change_same_target (g_ptr_array_index (self->pending, i), change))
      {
        g_ptr_array_remove_index (self->pending, i);
        break;
      }
  g_ptr_array_add (self->pending, jury_change_copy (change));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);

  if (change->kind != JURY_CHANGE_COMMENT)
    {
      save_pending (self);
      return;
    }

  /* Typing goes on: the comment is written at the next pause, or when typing has
   * gone on too long without one. The trail records the pauses, not each key. */
  g_clear_handle_id (&self->comment_source, g_source_remove);
  self->comment_source = g_timeout_add (JURY_AUTOSAVE_COMMENT_DELAY_MS, comment_timeout_cb, self);
  if (self->typing_source == 0)
    self->typing_source = g_timeout_add (JURY_AUTOSAVE_COMMENT_MAX_DELAY_MS, typing_timeout_cb, self);
  if (self->state == JURY_SAVE_STATE_SAVED)
    set_state (self, JURY_SAVE_STATE_PENDING, NULL);
}

gboolean
jury_autosave_flush (JuryAutosave  *self,
                     GError       **error)
{
  g_return_val_if_fail (JURY_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->pending->len == 0 || save_pending (self))
    return TRUE;

  g_propagate_error (error, g_error_copy (self->write_error));
  return FALSE;
}

void
jury_autosave_apply_pending (JuryAutosave *self,
                             JuryReview   *review)
{
  const JuryCall *call;

  g_return_if_fail (JURY_IS_AUTOSAVE (self));
  g_return_if_fail (review != NULL);

  call = jury_store_get_call (self->store);
  for (guint i = 0; i < self->pending->len; i++)
    {
      const JuryChange *change = g_ptr_array_index (self->pending, i);

      if (g_strcmp0 (change->juror_id, review->juror_id) == 0 &&
          g_strcmp0 (change->submission_id, review->submission_id) == 0)
        /* Changes the store will refuse have nothing to show. */
        jury_review_apply (review, call, change, NULL, NULL);
    }
}
