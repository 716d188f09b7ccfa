/* jury-store-copy.h: databases made from others, and jurors' work carried
 * between them: what merging hand-ins and writing invitations are made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

typedef enum
{
  JURY_COPY_PANEL,       /* a panel, from the first hand-in of a merge */
  JURY_COPY_INVITATION,  /* a juror's invitation, from a panel */
} JuryCopyKind;

/* A new database in a temporary file beside PATH, made from Jury Desk's own
 * schema, with SOURCE's call copied in as data (and checked against its digest);
 * no jurors, work or decisions. jury_store_publish_copy() puts it at PATH, which
 * must not exist then; jury_store_discard_copy() removes it. Both close the
 * store. */
JuryStore        *jury_store_create_copy       (JuryStore          *source,
                                                const char         *path,
                                                JuryCopyKind        kind,
                                                GError            **error);
/* Copies the attachments of the submissions SOURCE (a panel) assigns to
 * JUROR_ID, inside the caller's transaction. */
gboolean          jury_store_copy_assigned_attachments (JuryStore  *self,
                                                        JuryStore  *source,
                                                        const char *juror_id,
                                                        GError    **error);
gboolean          jury_store_publish_copy      (JuryStore          *self,
                                                const char         *path,
                                                GError            **error);
void              jury_store_discard_copy      (JuryStore          *self);
/* The hashes of JUROR_ID's audit chain in order, and beside them the submission
 * each entry concerns (NULL for the juror's name). */
GPtrArray        *jury_store_read_chain        (JuryStore          *self,
                                                const char         *juror_id,
                                                GPtrArray         **submission_ids,
                                                GError            **error);
/* Refuses a juror's database that is not one juror's work and nothing else:
 * exactly one juror, no panel's decisions, names and comments within the limits
 * of jury-text.h (in the tables and in every entry of the audit trail), and every
 * entry of the trail well-formed. Read before the trail is verified. */
gboolean          jury_store_check_hand_in     (JuryStore          *self,
                                                GError            **error);
/* What jury_store_verify() checks of a hand-in, as far as a merge reads it: the
 * integrity of every table but the submissions and their files, which a panel
 * has of its own; its call's digest, unless it is CALL_DIGEST (nullable), the
 * digest of the panel's call, which the panel has verified (the merge then
 * compares the rubric). Not the juror's audit trail: the merge checks it where
 * it takes it from, with jury_store_check_juror_chain(). */
gboolean          jury_store_verify_hand_in    (JuryStore          *self,
                                                const char         *call_digest,
                                                GError            **error);
/* jury_store_verify(), but the chains of the jurors in the set CHECKED_JURORS
 * (ids) are not replayed again: a merge checked them in the same transaction
 * after it last wrote them. */
gboolean          jury_store_verify_but        (JuryStore          *self,
                                                GHashTable         *checked_jurors,
                                                GError            **error);
/* Whether SELF's tables are still exactly those of its format: what
 * jury_store_count_changes() does not see (a table, index, view or trigger
 * made or dropped, the format's number changed). */
gboolean          jury_store_check_own_schema  (JuryStore          *self,
                                                GError            **error);
/* How many rows the store's connection has written since it was opened. */
gint64            jury_store_count_changes     (JuryStore          *self);
/* What jury_store_verify() checks of JUROR_ID's audit trail in SELF: replayed,
 * every hash right (keyed with SELF's invitation for the juror), and the tables
 * as it leaves them; messages name FILE. */
gboolean          jury_store_check_juror_chain (JuryStore          *self,
                                                const char         *juror_id,
                                                const char         *file,
                                                GError            **error);
gboolean          jury_store_has_juror         (JuryStore          *self,
                                                const char         *juror_id,
                                                gboolean           *present,
                                                GError            **error);
/* Inside the caller's transaction: the juror's row, scores, comments, flags and
 * audit chain, copied verbatim from SOURCE, or deleted. */
gboolean          jury_store_copy_juror        (JuryStore          *self,
                                                JuryStore          *source,
                                                const char         *juror_id,
                                                GError            **error);
/* Outside a transaction: attaches SOURCE's file to SELF, so that
 * jury_store_copy_juror() copies its rows in one statement per table instead of
 * row by row, until jury_store_detach(). FALSE when it cannot be: a file read
 * through a private copy, or one that is not, attached, what was checked. */
gboolean          jury_store_attach            (JuryStore          *self,
                                                JuryStore          *source);
void              jury_store_detach            (JuryStore          *self);
gboolean          jury_store_delete_juror      (JuryStore          *self,
                                                const char         *juror_id,
                                                GError            **error);
/* JuryJuror*, ordered by name; unlike jury_store_list_jurors() an error is told. */
GPtrArray        *jury_store_list_jurors_full  (JuryStore          *self,
                                                GError            **error);
/* The key of JUROR_ID's invitation (NULL: the juror was not invited, or JUROR_ID
 * is NULL for the decisions' chain); the chain of an invited juror is keyed. */
gboolean          jury_store_get_juror_key     (JuryStore          *self,
                                                const char         *juror_id,
                                                GBytes            **key,
                                                GError            **error);
/* The digest in meta "call_digest" (NULL when there is none). */
gboolean          jury_store_get_call_digest   (JuryStore          *self,
                                                char              **digest,
                                                GError            **error);
/* How many scores JUROR_ID has given, in all reviews. */
gboolean          jury_store_count_scores      (JuryStore          *self,
                                                const char         *juror_id,
                                                guint              *n_scores,
                                                GError            **error);
/* Every submission the work of JUROR_ID touches (scores, comments, flags, the
 * audit trail), as a set of ids. */
GHashTable       *jury_store_list_worked_on    (JuryStore          *self,
                                                const char         *juror_id,
                                                GError            **error);

G_END_DECLS
