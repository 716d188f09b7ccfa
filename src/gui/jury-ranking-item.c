/* jury-ranking-item.c: one submission's line of the ranking, as a GObject for the column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-ranking-item"

#include "config.h"

#include <math.h>

#include "jury-enums.h"
#include "jury-ranking-item.h"

struct _JuryRankingItem
{
  GObject              parent_instance;

  guint                index;
  char                *id;
  char                *title;
  char                *region;
  JurySubmissionStats  stats;
  JuryDecision         decision;
  guint                assigned;
  gboolean             award_boundary;
};

G_DEFINE_FINAL_TYPE (JuryRankingItem, jury_ranking_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_ID,
  PROP_TITLE,
  PROP_REGION,
  PROP_RANK,
  PROP_N,
  PROP_ASSIGNED,
  PROP_SHORT,
  PROP_MEAN,
  PROP_MEDIAN,
  PROP_SD,
  PROP_NORMALIZED,
  PROP_P_TOP,
  PROP_DISAGREEMENT,
  PROP_DECISION,
  PROP_AWARD_BOUNDARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jury_ranking_item_finalize (GObject *object)
{
  JuryRankingItem *self = JURY_RANKING_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->region);

  G_OBJECT_CLASS (jury_ranking_item_parent_class)->finalize (object);
}

static void
jury_ranking_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JuryRankingItem *self = JURY_RANKING_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_RANK:
      g_value_set_uint (value, self->stats.rank);
      break;
    case PROP_N:
      g_value_set_uint (value, self->stats.n);
      break;
    case PROP_ASSIGNED:
      g_value_set_uint (value, self->assigned);
      break;
    case PROP_SHORT:
      g_value_set_boolean (value, self->stats.n < self->assigned);
      break;
    case PROP_MEAN:
      g_value_set_double (value, self->stats.mean);
      break;
    case PROP_MEDIAN:
      g_value_set_double (value, self->stats.median);
      break;
    case PROP_SD:
      g_value_set_double (value, self->stats.sd);
      break;
    case PROP_NORMALIZED:
      g_value_set_double (value, self->stats.normalized);
      break;
    case PROP_P_TOP:
      g_value_set_double (value, self->stats.p_top);
      break;
    case PROP_DISAGREEMENT:
      g_value_set_boolean (value, self->stats.disagreement);
      break;
    case PROP_DECISION:
      g_value_set_enum (value, self->decision);
      break;
    case PROP_AWARD_BOUNDARY:
      g_value_set_boolean (value, self->award_boundary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
double_property (const char *name)
{
  /* NAN where a value does not exist; a GParamSpec cannot have NAN as its default. */
  return g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
jury_ranking_item_class_init (JuryRankingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jury_ranking_item_finalize;
  object_class->get_property = jury_ranking_item_get_property;

  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_RANK] = g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N] = g_param_spec_uint ("n", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* The jurors the plan gave the submission to (0: no plan), and whether fewer
   * complete reviews than that are in. */
  properties[PROP_ASSIGNED] = g_param_spec_uint ("assigned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SHORT] = g_param_spec_boolean ("short", NULL, NULL, FALSE, flags);
  properties[PROP_MEAN] = double_property ("mean");
  properties[PROP_MEDIAN] = double_property ("median");
  properties[PROP_SD] = double_property ("sd");
  properties[PROP_NORMALIZED] = double_property ("normalized");
  properties[PROP_P_TOP] = double_property ("p-top");
  properties[PROP_DISAGREEMENT] = g_param_spec_boolean ("disagreement", NULL, NULL, FALSE, flags);
  properties[PROP_DECISION] = g_param_spec_enum ("decision", NULL, NULL, JURY_TYPE_DECISION,
                                                 JURY_DECISION_NONE, flags);
  properties[PROP_AWARD_BOUNDARY] = g_param_spec_boolean ("award-boundary", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jury_ranking_item_init (JuryRankingItem *self)
{
}

JuryRankingItem *
jury_ranking_item_new (const JuryResults *results,
                       guint              index)
{
  JuryRankingItem *self;
  const JurySubmissionRow *row;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (index < results->stats->n_submissions, NULL);

  row = g_ptr_array_index (results->submissions, index);

  self = g_object_new (JURY_TYPE_RANKING_ITEM, NULL);
  self->index = index;
  self->id = g_strdup (row->id);
  self->title = g_strdup (row->title);
  self->region = g_strdup (row->region);
  self->stats = results->stats->submissions[index];
  self->decision = results->decisions[index];
  self->assigned = results->assigned != NULL ? results->assigned[index] : 0;

  return self;
}

guint
jury_ranking_item_get_index (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), 0);

  return self->index;
}

const char *
jury_ranking_item_get_id (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), NULL);

  return self->id;
}

const char *
jury_ranking_item_get_title (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), NULL);

  return self->title;
}

const char *
jury_ranking_item_get_region (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), NULL);

  return self->region;
}

guint
jury_ranking_item_get_assigned (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), 0);

  return self->assigned;
}

gboolean
jury_ranking_item_get_award_boundary (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), FALSE);

  return self->award_boundary;
}

const JurySubmissionStats *
jury_ranking_item_get_stats (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), NULL);

  return &self->stats;
}

JuryDecision
jury_ranking_item_get_decision (JuryRankingItem *self)
{
  g_return_val_if_fail (JURY_IS_RANKING_ITEM (self), JURY_DECISION_NONE);

  return self->decision;
}

void
jury_ranking_item_set_decision (JuryRankingItem *self,
                                JuryDecision     decision)
{
  g_return_if_fail (JURY_IS_RANKING_ITEM (self));

  if (self->decision == decision)
    return;

  self->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
}

GListModel *
jury_ranking_model_new (const JuryResults *results)
{
  GListStore *store;
  guint n_award_rows;

  g_return_val_if_fail (results != NULL, NULL);

  store = g_list_store_new (JURY_TYPE_RANKING_ITEM);
  n_award_rows = jury_results_count_award_rows (results);
  for (guint i = 0; i < results->stats->n_submissions; i++)
    {
      g_autoptr(JuryRankingItem) item = jury_ranking_item_new (results, results->stats->order[i]);

      item->award_boundary = i + 1 == n_award_rows;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}
