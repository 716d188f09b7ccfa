/* jury-score-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-autosave.h"

G_BEGIN_DECLS

#define JURY_TYPE_SCORE_FORM (jury_score_form_get_type ())
G_DECLARE_FINAL_TYPE (JuryScoreForm, jury_score_form, JURY, SCORE_FORM, GtkWidget)

/* Every change goes to AUTOSAVE at once; NULL shows an empty form. */
void                 jury_score_form_set_autosave  (JuryScoreForm *self,
                                                    JuryAutosave  *autosave);
/* Shows REVIEW (taken; NULL for none) of the autosave's store; EDITABLE FALSE shows it
 * read-only. */
void                 jury_score_form_set_review    (JuryScoreForm *self,
                                                    JuryReview    *review,
                                                    gboolean       editable);
const JuryReview    *jury_score_form_get_review    (JuryScoreForm *self);
/* Shows a status page in place of the form, e.g. for a panel database. */
void                 jury_score_form_show_message  (JuryScoreForm *self,
                                                    const char    *title,
                                                    const char    *description);
/* Marks the review done (when complete) or opens it again; emits "marked-done". */
gboolean             jury_score_form_toggle_done   (JuryScoreForm *self);
/* Declares or withdraws a conflict of interest after the juror confirmed it. */
void                 jury_score_form_set_conflict  (JuryScoreForm *self,
                                                    gboolean       conflict);
/* The editors, in rubric order (for keyboard focus and tests). */
guint                jury_score_form_get_n_criteria (JuryScoreForm *self);
GtkWidget           *jury_score_form_get_editor    (JuryScoreForm *self,
                                                    guint          index);
GtkWidget           *jury_score_form_get_overall_view (JuryScoreForm *self);
/* Moves the keyboard focus to the first criterion without a score. */
void                 jury_score_form_focus_first_open (JuryScoreForm *self);

G_END_DECLS
