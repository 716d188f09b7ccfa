/* jury-store-round.h: the tables of a round in a panel: invitations, the conflicts the
 * programme managers know of, the plan of who reads what, and hand-ins; what
 * jury-round.c makes a round of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-assign.h"
#include "jury-round.h"

G_BEGIN_DECLS

/* A juror's invitation as the panel keeps it. */
typedef struct
{
  char   *juror_id;  /* nullable: known from elsewhere */
  char   *name;
  char   *email;     /* nullable */
  GBytes *key;       /* the secret that keys the juror's chain */
  char   *created;
} JuryInvitation;

void              jury_invitation_clear        (JuryInvitation     *invitation);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JuryInvitation, jury_invitation_clear)

/* Whether the file's format has the tables of a round (older ones hold no
 * invitations and no plan). */
gboolean          jury_store_has_round_tables  (JuryStore          *store);

/* The values of KEY in table meta, NULL when there is none; a round keeps
 * "invitations_sent", "per_submission" and "seed" there. */
gboolean          jury_store_get_meta          (JuryStore          *self,
                                                const char         *key,
                                                char              **value,
                                                GError            **error);
gboolean          jury_store_set_meta          (JuryStore          *self,
                                                const char         *key,
                                                const char         *value,
                                                GError            **error);

/* Invitations. All that write do so inside the caller's transaction. */
/* JURY_STORE_ERROR_NOT_FOUND when the panel has not invited JUROR_ID. */
gboolean          jury_store_lookup_invitation (JuryStore          *panel,
                                                const char         *juror_id,
                                                JuryInvitation     *invitation,
                                                GError            **error);
gboolean          jury_store_insert_invitation (JuryStore          *store,
                                                const char         *juror_id,
                                                const JuryInvitation *invitation,
                                                GError            **error);
/* The invited jurors' ids and names (each nullable), ordered by name. */
gboolean          jury_store_list_invited      (JuryStore          *panel,
                                                GPtrArray         **ids,
                                                GPtrArray         **names,
                                                GError            **error);
/* Adds to LIST a JuryJurorStatus* for each invitation, with its id, name and
 * e-mail address. */
gboolean          jury_store_list_invitations  (JuryStore          *panel,
                                                GPtrArray          *list,
                                                GError            **error);
/* Takes JUROR_ID's invitation back, with the juror's conflicts, and the plan. */
gboolean          jury_store_delete_invitation (JuryStore          *panel,
                                                const char         *juror_id,
                                                GError            **error);
/* The invitation of JUROR_ID, the juror, and the plan's submissions in the juror's
 * order, from PANEL into INVITATION, a new juror's database, inside its
 * transaction. The invitation comes first: its key makes the juror's chain from the
 * first entry on, the juror's name. */
gboolean          jury_store_fill_invitation   (JuryStore          *invitation,
                                                JuryStore          *panel,
                                                const char         *juror_id,
                                                GError            **error);

/* Conflicts of interest the programme managers know of. */
gboolean          jury_store_insert_declared_conflict (JuryStore   *panel,
                                                const char         *juror_id,
                                                const char         *submission_id,
                                                GError            **error);
gboolean          jury_store_delete_declared_conflict (JuryStore   *panel,
                                                const char         *juror_id,
                                                const char         *submission_id,
                                                GError            **error);
/* The ids of the submissions in file order; *CONFLICTED receives the matrix of the
 * conflicts, [s * jurors->len + j] for the s-th submission and the j-th of JURORS. */
GPtrArray        *jury_store_read_declared_conflicts (JuryStore    *panel,
                                                GPtrArray          *jurors,
                                                gboolean          **conflicted,
                                                GError            **error);

/* The plan. */
gboolean          jury_store_clear_plan        (JuryStore          *panel,
                                                GError            **error);
/* ASSIGNMENT for JURORS (ids) and SUBMISSIONS (ids), made with PER_SUBMISSION and
 * SEED, in place of the plan there was. */
gboolean          jury_store_store_plan        (JuryStore          *panel,
                                                const JuryAssignment *assignment,
                                                GPtrArray          *jurors,
                                                GPtrArray          *submissions,
                                                guint               per_submission,
                                                guint64             seed,
                                                GError            **error);
/* How many submissions the plan gives JUROR_ID (0: no plan, or JUROR_ID NULL). */
gboolean          jury_store_count_assigned    (JuryStore          *self,
                                                const char         *juror_id,
                                                guint              *n_assigned,
                                                GError            **error);
/* The ids of the submissions the plan gives JUROR_ID, in the juror's order;
 * empty when there is no plan (then the juror reads every submission). */
GPtrArray        *jury_store_list_assigned     (JuryStore          *store,
                                                const char         *juror_id,
                                                GError            **error);

/* Hand-ins. */
/* Inside the caller's transaction: a hand-in of JUROR_ID, merged now from FILE. */
gboolean          jury_store_record_hand_in    (JuryStore          *panel,
                                                const char         *juror_id,
                                                const char         *file,
                                                guint               entries,
                                                const char         *receipt,
                                                GError            **error);
/* The number of hand-ins merged, or -1 with ERROR. */
gint64            jury_store_count_hand_ins    (JuryStore          *panel,
                                                GError            **error);
/* Fills in what the panel holds of STATUS->id's work: assigned, complete and
 * conflicts, and the last hand-in. */
gboolean          jury_store_read_progress     (JuryStore          *panel,
                                                JuryJurorStatus    *status,
                                                GError            **error);
/* The last entry of JUROR_ID's audit chain: its number (0 and HEAD NULL: none) and
 * hash, from which a receipt is made. */
gboolean          jury_store_get_chain_head    (JuryStore          *store,
                                                const char         *juror_id,
                                                gint64             *seq,
                                                char              **head,
                                                GError            **error);

G_END_DECLS
