/* jury-ranking-page.h: the Ranking page of a panel's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-ranking-item.h"
#include "jury-results.h"

G_BEGIN_DECLS

/* Which submissions the ranking shows, as the page's drop-down offers them. */
typedef enum
{
  JURY_RANKING_FILTER_ALL,
  JURY_RANKING_FILTER_UNDECIDED,
  JURY_RANKING_FILTER_DISPUTED,     /* the jurors disagree */
  JURY_RANKING_FILTER_SHORTLISTED,
  JURY_RANKING_FILTER_AWARDED,
} JuryRankingFilter;

#define JURY_TYPE_RANKING_PAGE (jury_ranking_page_get_type ())
G_DECLARE_FINAL_TYPE (JuryRankingPage, jury_ranking_page, JURY, RANKING_PAGE, GtkWidget)

/* The page's filter (of JuryRankingItems) and its columns' sorter: the results
 * view builds the shared list of submissions with them and hands its selection
 * back with jury_ranking_page_set_selection(). The submission selected is always
 * shown, whatever the filter, until another one is selected. */
GtkFilter         *jury_ranking_page_get_filter      (JuryRankingPage    *self);
GtkSorter         *jury_ranking_page_get_sorter      (JuryRankingPage    *self);
void               jury_ranking_page_set_selection   (JuryRankingPage    *self,
                                                      GtkSingleSelection *selection);
/* RESULTS (NULL for none) decide which score the narrow ranking shows and the
 * count of submissions. */
void               jury_ranking_page_set_results     (JuryRankingPage    *self,
                                                      const JuryResults  *results);
JuryRankingFilter  jury_ranking_page_get_filter_mode (JuryRankingPage    *self);
void               jury_ranking_page_set_filter_mode (JuryRankingPage    *self,
                                                      JuryRankingFilter   mode);
/* Shows ITEM whatever the filter, as the selected submission is, until another
 * one is selected or pinned. */
void               jury_ranking_page_pin             (JuryRankingPage    *self,
                                                      JuryRankingItem    *item);
/* Filters and sorts again, after a decision has changed. */
void               jury_ranking_page_refilter        (JuryRankingPage    *self);

G_END_DECLS
