/* jury-submission-item.c: one light row of the submission list, as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-submission-item"

#include "config.h"

#include "jury-enums.h"
#include "jury-submission-item.h"

struct _JurySubmissionItem
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  char             *region;
  char             *network;
  guint             position;
  JuryReviewStatus  status;
  guint             n_scored;
  guint             n_criteria;
};

G_DEFINE_FINAL_TYPE (JurySubmissionItem, jury_submission_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_REGION,
  PROP_NETWORK,
  PROP_POSITION,
  PROP_STATUS,
  PROP_N_SCORED,
  PROP_N_CRITERIA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_uint (JurySubmissionItem *self,
          guint              *field,
          guint               value,
          guint               prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
jury_submission_item_finalize (GObject *object)
{
  JurySubmissionItem *self = (JurySubmissionItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->network, g_free);

  G_OBJECT_CLASS (jury_submission_item_parent_class)->finalize (object);
}

static void
jury_submission_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JurySubmissionItem *self = JURY_SUBMISSION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_NETWORK:
      g_value_set_string (value, self->network);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_N_SCORED:
      g_value_set_uint (value, self->n_scored);
      break;
    case PROP_N_CRITERIA:
      g_value_set_uint (value, self->n_criteria);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_submission_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  JurySubmissionItem *self = JURY_SUBMISSION_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      jury_submission_item_update (self, g_value_get_enum (value), self->n_scored);
      break;
    case PROP_N_SCORED:
      jury_submission_item_update (self, self->status, g_value_get_uint (value));
      break;
    case PROP_N_CRITERIA:
      set_uint (self, &self->n_criteria, g_value_get_uint (value), PROP_N_CRITERIA);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_submission_item_class_init (JurySubmissionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Set by jury_submission_item_new() without going through GValues: a list of
   * 100,000 makes its items as they are needed, and fast. */
  GParamFlags construct = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags changing = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jury_submission_item_finalize;
  object_class->get_property = jury_submission_item_get_property;
  object_class->set_property = jury_submission_item_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, construct);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, construct);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, construct);
  properties[PROP_NETWORK] = g_param_spec_string ("network", NULL, NULL, NULL, construct);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, construct);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       JURY_TYPE_REVIEW_STATUS, JURY_REVIEW_OPEN,
                       changing);
  properties[PROP_N_SCORED] = g_param_spec_uint ("n-scored", NULL, NULL, 0, G_MAXUINT, 0, changing);
  properties[PROP_N_CRITERIA] = g_param_spec_uint ("n-criteria", NULL, NULL, 0, G_MAXUINT, 0, changing);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jury_submission_item_init (JurySubmissionItem *self)
{
}

/* Public API */

JurySubmissionItem *
jury_submission_item_new (const JurySubmissionRow *row,
                          guint                    n_criteria)
{
  JurySubmissionItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (JURY_TYPE_SUBMISSION_ITEM, NULL);
  self->id = g_strdup (row->id);
  self->title = g_strdup (row->title);
  self->region = g_strdup (row->region);
  self->network = g_strdup (row->network);
  self->position = row->position;
  self->status = row->status;
  self->n_scored = row->n_scored;
  self->n_criteria = n_criteria;

  return self;
}

const char *
jury_submission_item_get_id (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), NULL);

  return self->id;
}

const char *
jury_submission_item_get_title (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), NULL);

  return self->title;
}

const char *
jury_submission_item_get_region (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), NULL);

  return self->region;
}

const char *
jury_submission_item_get_network (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), NULL);

  return self->network;
}

guint
jury_submission_item_get_position (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), 0);

  return self->position;
}

JuryReviewStatus
jury_submission_item_get_status (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), JURY_REVIEW_OPEN);

  return self->status;
}

guint
jury_submission_item_get_n_scored (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), 0);

  return self->n_scored;
}

guint
jury_submission_item_get_n_criteria (JurySubmissionItem *self)
{
  g_return_val_if_fail (JURY_IS_SUBMISSION_ITEM (self), 0);

  return self->n_criteria;
}

void
jury_submission_item_update (JurySubmissionItem *self,
                             JuryReviewStatus    status,
                             guint               n_scored)
{
  g_return_if_fail (JURY_IS_SUBMISSION_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  set_uint (self, &self->n_scored, n_scored, PROP_N_SCORED);
  g_object_thaw_notify (G_OBJECT (self));
}
