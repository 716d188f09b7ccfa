/* jury-round.h: a round with invitations: the jury, who reads what, who has handed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"
#include "jury-table.h"

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
/* Takes JUROR_ID off the jury, with the juror's conflicts and plan; refused
 * once invitations have been written (see jury_round_is_sent()). */
gboolean   jury_round_remove_juror      (JuryStore        *panel,
                                         const char       *juror_id,
                                         GError          **error);
/* The programme managers know that JUROR_ID must not read SUBMISSION_ID (or, with
 * jury_round_remove_conflict(), that the juror may). Refused once invitations have
 * been written. */
gboolean   jury_round_add_conflict      (JuryStore        *panel,
                                         const char       *juror_id,
                                         const char       *submission_id,
                                         GError          **error);
gboolean   jury_round_remove_conflict   (JuryStore        *panel,
                                         const char       *juror_id,
                                         const char       *submission_id,
                                         GError          **error);
/* The ids of the submissions the programme managers said JUROR_ID must not read. */
GPtrArray *jury_round_list_conflicts    (JuryStore        *panel,
                                         const char       *juror_id,
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
 * database with the call, the juror with the invitation's key, the submissions
 * of the plan in the juror's order and their attachments. The same invitation
 * can be written again when one is lost. */
gboolean   jury_round_write_invitation  (JuryStore        *panel,
                                         const char       *juror_id,
                                         const char       *path,
                                         GError          **error);
/* Whether an invitation has been written: from then on the jury and the plan
 * stay as they are, and lost invitations can be written again. */
gboolean   jury_round_is_sent           (JuryStore        *panel);
/* The number of jurors per submission of the plan (0: every juror), and its
 * seed; FALSE when there is no plan. */
gboolean   jury_round_get_plan          (JuryStore        *panel,
                                         guint            *per_submission,
                                         guint64          *seed);

/* A juror read from a table: a name, perhaps an e-mail address. */
typedef struct
{
  char *name;
  char *email;   /* nullable */
  guint row;     /* the table's row number, for messages */
} JuryJurorEntry;

void       jury_juror_entry_free        (JuryJurorEntry   *entry);
/* The jurors of TABLE, whose first row names a column "name" (or "Name",
 * "Juror", "Jurymitglied"…) and perhaps "email" ("E-Mail"…): JuryJurorEntry*, in
 * the table's order. Refuses a table without such a column, without jurors, with
 * a name twice or a name Jury Desk does not take, naming the row; FILE begins
 * every message. */
GPtrArray *jury_round_read_jurors       (const JuryTable  *table,
                                         const char       *file,
                                         GError          **error);
/* The ids of the submissions WHAT names: one by its id or its title, or every
 * submission of a network by the network's name (case folded); empty when none. */
GPtrArray *jury_round_find_submissions  (JuryStore        *panel,
                                         const char       *what,
                                         GError          **error);

/* How many jurors the plan gives each submission to: submission id → count
 * (GUINT_TO_POINTER); empty when there is no plan. */
GHashTable *jury_round_count_readers    (JuryStore        *store,
                                         GError          **error);

/* "Anna Berg" → "anna-berg.jury": the file name of a juror's invitation. */
char      *jury_round_invitation_name   (const char       *juror_name);
/* Writes the invitation of every juror the panel invited into the folder DIR
 * (made when it does not exist),
 * as jury_round_invitation_name() (numbered when two names give the same one).
 * Refuses, before writing any, when one of those files exists. Returns the
 * paths, in the order of the jurors' names, and NAMES (nullable) the names. */
GStrv      jury_round_write_invitations (JuryStore        *panel,
                                         const char       *dir,
                                         GStrv            *names,
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryJurorEntry, jury_juror_entry_free)

G_END_DECLS
