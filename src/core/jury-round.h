/* jury-round.h: a round with invitations: the jury, who reads what, who has handed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

/* Where a juror stands, as the panel knows it. */
typedef struct
{
  char     *id;
  char     *name;
  char     *email;       /* nullable */
  gboolean  invited;     /* the panel holds an invitation for the juror */
  guint     assigned;    /* submissions the juror reads: by the plan, else every one */
  guint     complete;    /* complete reviews among them, as of the last hand-in */
  guint     conflicts;   /* conflicts of interest the juror declared */
  char     *handed_in;   /* when the last hand-in was merged (ISO 8601), NULL: none yet */
  char     *receipt;     /* the receipt code of that hand-in, NULL: none */
} JuryJurorStatus;

void       jury_juror_status_free       (JuryJurorStatus  *status);

/* Adds NAME (and EMAIL, nullable) to the panel's jury, with a new id and the
 * secret key of the juror's invitation (32 random bytes); the id. */
char      *jury_round_add_juror         (JuryStore        *panel,
                                         const char       *name,
                                         const char       *email,
                                         GError          **error);
/* The programme managers know that JUROR_ID must not read SUBMISSION_ID. */
gboolean   jury_round_add_conflict      (JuryStore        *panel,
                                         const char       *juror_id,
                                         const char       *submission_id,
                                         GError          **error);
/* Plans who reads what (see jury-assign.h): PER_SUBMISSION jurors per submission
 * (0: every juror without a conflict), with SEED; NOTE (nullable) receives how the
 * plan links the jurors and, when loads differ by more than one, why. Refused once
 * a hand-in has been merged: the jurors work from the plan they were given. */
gboolean   jury_round_plan              (JuryStore        *panel,
                                         guint             per_submission,
                                         guint64           seed,
                                         char            **note,
                                         GError          **error);
/* A juror to invite, and the submissions the juror must not read. */
typedef struct
{
  const char         *name;
  const char         *email;      /* nullable */
  const char * const *conflicts;  /* submission ids, NULL-terminated; nullable */
} JuryInvitee;

/* All at once: adds JURORS to the jury, with their conflicts, and plans who
 * reads what as jury_round_plan() does; when anything is refused nothing changes.
 * IDS (nullable) receives the new jurors' ids, in the order of JURORS. */
gboolean   jury_round_invite            (JuryStore         *panel,
                                         const JuryInvitee *jurors,
                                         guint              n_jurors,
                                         guint              per_submission,
                                         guint64            seed,
                                         GStrv             *ids,
                                         char             **note,
                                         GError           **error);
/* Writes JUROR_ID's invitation to PATH (which must not exist): a juror's
 * database with the call and its attachments, the juror with the invitation's
 * key, and the submissions of the plan in the juror's order. The same invitation
 * can be written again when one is lost. */
gboolean   jury_round_write_invitation  (JuryStore        *panel,
                                         const char       *juror_id,
                                         const char       *path,
                                         GError          **error);
/* JuryJurorStatus* for every juror invited or merged, ordered by name. */
GPtrArray *jury_round_list_status       (JuryStore        *panel,
                                         GError          **error);
/* Whether the panel has invited anyone: then only hand-ins made from its
 * invitations are merged, unless uninvited ones are allowed. */
gboolean   jury_round_has_invitations   (JuryStore        *panel);

/* A short code ("ABCD-EFGH") for JUROR_ID's work as the database holds it, from
 * the head of the juror's chain (keyed, when invited): the juror who hands in
 * and the programme manager who merges see the same code for the same file. */
char      *jury_store_dup_receipt       (JuryStore        *store,
                                         const char       *juror_id,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryJurorStatus, jury_juror_status_free)

G_END_DECLS
