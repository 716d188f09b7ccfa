/* jury-store-transaction.h: a change of several steps, or a read of one snapshot,
 * composed by the core's modules beside the store (merging, a round, the results)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

/* Refuses a store open for reading only (JURY_STORE_ERROR_READ_ONLY). */
gboolean          jury_store_check_writable    (JuryStore          *self,
                                                GError            **error);
/* One write transaction: what happens between begin and commit is saved whole, or
 * not at all (rollback; a failed commit rolls back itself). */
gboolean          jury_store_begin             (JuryStore          *self,
                                                GError            **error);
gboolean          jury_store_commit            (JuryStore          *self,
                                                GError            **error);
void              jury_store_rollback          (JuryStore          *self);
/* Inside a write transaction: what comes after jury_store_savepoint() is kept by
 * jury_store_release() or undone by jury_store_rollback_to(), the rest of the
 * transaction as it is. Not nested. */
gboolean          jury_store_savepoint         (JuryStore          *self,
                                                GError            **error);
gboolean          jury_store_release           (JuryStore          *self,
                                                GError            **error);
void              jury_store_rollback_to       (JuryStore          *self);
/* Reads between these two see one snapshot of the file. */
gboolean          jury_store_begin_read        (JuryStore          *self,
                                                GError            **error);
void              jury_store_end_read          (JuryStore          *self);
/* Refuses TEXT as KIND (see jury-text.h) with JURY_STORE_ERROR_TEXT, the problem
 * told of WHAT ("the juror’s name"). */
gboolean          jury_store_check_text        (const char         *text,
                                                int                 kind,
                                                const char         *what,
                                                GError            **error);
/* Now, as the store stamps what it writes: ISO 8601 in UTC. */
char             *jury_store_dup_time_now      (void);

G_END_DECLS
