/* jury-criterion-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-call.h"

G_BEGIN_DECLS

#define JURY_TYPE_CRITERION_EDITOR (jury_criterion_editor_get_type ())
G_DECLARE_FINAL_TYPE (JuryCriterionEditor, jury_criterion_editor, JURY, CRITERION_EDITOR, GtkWidget)

/* Emits "score-changed" (int, JURY_NO_SCORE when cleared) and "comment-changed" when
 * the juror changes something; the setters below emit nothing. CRITERION must
 * outlive the editor. */
JuryCriterionEditor *jury_criterion_editor_new         (const JuryCriterion *criterion,
                                                        int                  scale_min,
                                                        int                  scale_max);
const char          *jury_criterion_editor_get_id      (JuryCriterionEditor *self);
int                  jury_criterion_editor_get_score   (JuryCriterionEditor *self);
void                 jury_criterion_editor_set_score   (JuryCriterionEditor *self,
                                                        int                  score);
char                *jury_criterion_editor_dup_comment (JuryCriterionEditor *self);
void                 jury_criterion_editor_set_comment (JuryCriterionEditor *self,
                                                        const char          *comment);
/* With a conflict of interest the scores are locked; comments stay open. */
void                 jury_criterion_editor_set_locked  (JuryCriterionEditor *self,
                                                        gboolean             locked);
/* Picks SCORE as if the juror had pressed its number key; FALSE when outside the scale. */
gboolean             jury_criterion_editor_pick        (JuryCriterionEditor *self,
                                                        int                  score);
/* Moves the keyboard focus to the scale. */
void                 jury_criterion_editor_focus_scale (JuryCriterionEditor *self);
GtkWidget           *jury_criterion_editor_get_button  (JuryCriterionEditor *self,
                                                        int                  score);
GtkWidget           *jury_criterion_editor_get_comment_view (JuryCriterionEditor *self);

G_END_DECLS
