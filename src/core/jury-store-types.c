/* jury-store-types.c: the plain records of the store's API: submission rows and decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-store"

#include "config.h"

#include "jury-store-sql.h"

/* As the decisions table, the audit trail and the exports spell them. */
static const char * const decision_names[] = {
  [JURY_DECISION_NONE] = "none",
  [JURY_DECISION_SHORTLIST] = "shortlist",
  [JURY_DECISION_AWARD] = "award",
};

void
jury_submission_row_free (JurySubmissionRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row->title);
  g_free (row->region);
  g_free (row->network);
  g_free (row);
}

const char *
jury_decision_to_string (JuryDecision decision)
{
  g_return_val_if_fail ((guint) decision < G_N_ELEMENTS (decision_names), NULL);

  return decision_names[decision];
}

gboolean
jury_decision_from_string (const char   *text,
                           JuryDecision *decision)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (decision_names); i++)
    if (g_str_equal (text, decision_names[i]))
      {
        *decision = (JuryDecision) i;
        return TRUE;
      }

  return FALSE;
}
