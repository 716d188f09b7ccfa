/* jury-round-view.h: the jury of a round: jurors, conflicts, invitations, hand-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-store.h"

G_BEGIN_DECLS

#define JURY_TYPE_ROUND_VIEW (jury_round_view_get_type ())
G_DECLARE_FINAL_TYPE (JuryRoundView, jury_round_view, JURY, ROUND_VIEW, GtkWidget)

/* Shows the round of the panel database STORE (NULL, or a juror's database:
 * nothing). "toast" (a message) asks the page to show a short notice. */
void jury_round_view_set_store (JuryRoundView *self,
                                JuryStore     *store);
/* Reads the jury and the hand-ins again, after a merge. */
void jury_round_view_reload    (JuryRoundView *self);
/* Plans who reads what with the jurors per submission set on the page and
 * writes every invitation into the folder DIR, in a thread, as Create
 * Invitations does once the folder is picked; "invitations-written" is emitted
 * when that has ended. */
void jury_round_view_create_invitations (JuryRoundView *self,
                                         const char    *dir);

G_END_DECLS
