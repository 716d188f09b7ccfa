/* jury-ranking-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "jury-results.h"

G_BEGIN_DECLS

#define JURY_TYPE_RANKING_ITEM (jury_ranking_item_get_type ())
G_DECLARE_FINAL_TYPE (JuryRankingItem, jury_ranking_item, JURY, RANKING_ITEM, GObject)

/* One submission's line of the ranking. Properties: "index" (into the results), "id",
 * "title", "region", "rank" (0 = none), "n", "mean", "median", "sd", "normalized",
 * "p-top" (NAN where a value does not exist), "disagreement", "decision",
 * "award-boundary" (the last place that wins an award, in rank order). */
JuryRankingItem *jury_ranking_item_new          (const JuryResults *results,
                                                 guint              index);
guint            jury_ranking_item_get_index    (JuryRankingItem   *self);
const char      *jury_ranking_item_get_id       (JuryRankingItem   *self);
const char      *jury_ranking_item_get_title    (JuryRankingItem   *self);
const char      *jury_ranking_item_get_region   (JuryRankingItem   *self);
guint            jury_ranking_item_get_assigned (JuryRankingItem   *self);
gboolean         jury_ranking_item_get_award_boundary
                                                (JuryRankingItem   *self);
const JurySubmissionStats *
                 jury_ranking_item_get_stats    (JuryRankingItem   *self);
JuryDecision     jury_ranking_item_get_decision (JuryRankingItem   *self);
void             jury_ranking_item_set_decision (JuryRankingItem   *self,
                                                 JuryDecision       decision);
/* A list of items in rank order. */
GListModel      *jury_ranking_model_new         (const JuryResults *results);

G_END_DECLS
