/* jury-rubric-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-call.h"

G_BEGIN_DECLS

#define JURY_TYPE_RUBRIC_EDITOR (jury_rubric_editor_get_type ())
G_DECLARE_FINAL_TYPE (JuryRubricEditor, jury_rubric_editor, JURY, RUBRIC_EDITOR, GtkWidget)

/* Starts over from the rubric, scale, awards and language of CALL, or from one
 * criterion on a scale of 1 to 5 when CALL is NULL. The title and id typed so
 * far stay. */
void        jury_rubric_editor_set_rubric      (JuryRubricEditor *self,
                                                const JuryCall   *call);
/* NULL when the call can be written; else a sentence saying what is missing. */
const char *jury_rubric_editor_get_problem     (JuryRubricEditor *self);
/* The new call as edited (no submissions, no theme or description), or NULL
 * while there is a problem. */
JuryCall   *jury_rubric_editor_dup_call        (JuryRubricEditor *self);
guint       jury_rubric_editor_get_n_criteria  (JuryRubricEditor *self);
/* Moves the keyboard focus to the title. */
void        jury_rubric_editor_focus_title     (JuryRubricEditor *self);

G_END_DECLS
