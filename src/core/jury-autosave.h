/* jury-autosave.h: every change reaches the disk at once, or is kept and retried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

/* A comment is written this many milliseconds after the last keystroke (or at once
 * on jury_autosave_flush()), and while typing goes on, at the latest this long
 * after the first keystroke not yet written: what was typed is on disk within a
 * quarter of a second of a pause, and within a second however fast one types.
 * Scores and flags are written at once. */
#define JURY_AUTOSAVE_COMMENT_DELAY_MS 150
#define JURY_AUTOSAVE_COMMENT_MAX_DELAY_MS 750
/* After a failed write, the pending changes are tried again this often. A store open
 * for reading only is not retried (it stays so): its changes stay pending and the state
 * FAILED until flushed successfully or the autosave is disposed. */
#define JURY_AUTOSAVE_RETRY_MS 3000

#define JURY_TYPE_AUTOSAVE (jury_autosave_get_type ())
G_DECLARE_FINAL_TYPE (JuryAutosave, jury_autosave, JURY, AUTOSAVE, GObject)

JuryAutosave  *jury_autosave_new                (JuryStore        *store);
JuryStore     *jury_autosave_get_store          (JuryAutosave     *self);
/* Properties "state" (JurySaveState), "n-pending" and "error-message" follow. */
JurySaveState  jury_autosave_get_state          (JuryAutosave     *self);
guint          jury_autosave_get_n_pending      (JuryAutosave     *self);
const char    *jury_autosave_get_error_message  (JuryAutosave     *self);
/* Why the last write failed (JURY_STORE_ERROR_MOVED: the file is gone), or NULL. */
const GError  *jury_autosave_get_error          (JuryAutosave     *self);

/* Takes the change (a copy is kept). A pending change to the same target is replaced.
 * A change the store refuses for its content (not for a failed write) is dropped and
 * reported through the "refused" signal; a failed write stays pending. */
void           jury_autosave_push               (JuryAutosave     *self,
                                                 const JuryChange *change);
/* Writes everything pending now; FALSE (with the write error) if something stays pending. */
gboolean       jury_autosave_flush              (JuryAutosave     *self,
                                                 GError          **error);
/* Overlays pending changes for REVIEW's juror and submission onto REVIEW, so that a form
 * shows what the juror typed even while the disk refuses it. */
void           jury_autosave_apply_pending      (JuryAutosave     *self,
                                                 JuryReview       *review);

G_END_DECLS
