/* jury-store-testing.h: what the tests reach past the store's API with, to make
 * older, damaged and hostile files and failing disks; the store's own files use
 * some of it too. Not for the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

/* Creates PATH like jury_store_create() but with the schema of an older
 * VERSION, and returns it opened without migration. */
JuryStore        *jury_store_create_at_version (const char         *path,
                                                GFile              *call_file,
                                                const char         *juror_name,
                                                guint               version,
                                                GError            **error);
/* Calls from SIZE bytes on are written and hashed in threads of their own when
 * a database is made from them (negative: the size Jury Desk uses). */
void              jury_store_set_large_call_size (goffset          size);
/* While FAIL is TRUE, every write fails as if the disk were full. */
void              jury_store_set_fail_writes   (JuryStore          *self,
                                                gboolean            fail);
int               jury_store_get_user_version  (JuryStore          *self);
/* Runs SQL as it is. */
gboolean          jury_store_exec              (JuryStore          *self,
                                                const char         *sql,
                                                GError            **error);
/* Appends an entry to the audit chain of JUROR_ID (NULL: the decisions' chain). */
gboolean          jury_store_append_audit      (JuryStore          *self,
                                                const char         *juror_id,
                                                const char         *submission_id,
                                                const char         *criterion_id,
                                                const char         *field,
                                                const char         *old_value,
                                                const char         *new_value,
                                                GError            **error);
/* A juror's name (OLD_NAME NULL when the juror is added) in the juror's chain, at
 * TIME (NULL: now). */
gboolean          jury_store_append_juror_name (JuryStore          *self,
                                                const char         *juror_id,
                                                const char         *old_name,
                                                const char         *new_name,
                                                const char         *time,
                                                GError            **error);
/* Refuses a database whose schema (every row of sqlite_master) is not exactly the
 * one of format VERSION: an extra trigger, view, table or index, a missing or
 * changed one. */
gboolean          jury_store_check_schema      (JuryStore          *self,
                                                guint               version,
                                                GError            **error);
/* Marks the database as a panel (meta "kind"), inside the caller's transaction. */
gboolean          jury_store_mark_panel        (JuryStore          *self,
                                                GError            **error);
/* Adds a juror with the id ID (an invitation's) inside the caller's transaction;
 * NAME_IN_CHAIN starts the juror's audit chain with the name. */
JuryJuror        *jury_store_insert_juror_with_id (JuryStore       *self,
                                                const char         *id,
                                                const char         *name,
                                                gboolean            name_in_chain,
                                                GError            **error);

/* HOOK (NULL: none) is called with the panel inside the merge's
 * transaction, just before the panel is checked and committed. */
typedef void    (*JuryMergeHook)               (JuryStore          *panel);
void              jury_merge_set_before_check_hook (JuryMergeHook   hook);
/* HOOK (NULL: none) is called with a panel that exists just before it is
 * verified, at the start of the merge. */
void              jury_merge_set_before_verify_hook (JuryMergeHook  hook);
/* Hand-ins from SIZE bytes on are attached to a new panel to be copied
 * (negative: the size Jury Desk uses); smaller ones go row by row. */
void              jury_merge_set_attach_size   (goffset             size);

G_END_DECLS
