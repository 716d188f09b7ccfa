/* jury-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "jury-application.h"
#include "jury-attachment-viewer.h"
#include "jury-store.h"

G_BEGIN_DECLS

#define JURY_TYPE_WINDOW (jury_window_get_type ())
G_DECLARE_FINAL_TYPE (JuryWindow, jury_window, JURY, WINDOW, AdwApplicationWindow)

JuryWindow *jury_window_new            (JuryApplication *application);
/* Opens a call or a database in a worker thread; on failure the window keeps what it
 * had and says why. Asks for the juror's name first when a call needs it. */
void        jury_window_open           (JuryWindow      *self,
                                        GFile           *file);
JuryStore  *jury_window_get_store      (JuryWindow      *self);
/* Selects the submission with this id, if the list shows it. */
gboolean    jury_window_select         (JuryWindow      *self,
                                        const char      *submission_id);
/* Selects the submission with this id, showing the whole list first if the search
 * or the status filter hides it. */
gboolean    jury_window_reveal         (JuryWindow      *self,
                                        const char      *submission_id);
const char *jury_window_get_selected_id (JuryWindow     *self);
/* Merges the juror databases PATHS into the open panel, or into a new panel at
 * NEW_PANEL_PATH, shows what happened, and opens the panel. */
void        jury_window_import_jurors  (JuryWindow         *self,
                                        const char * const *paths,
                                        const char         *new_panel_path);
/* Writes the whole database to PATH (in a worker thread) and goes on saving
 * there; then writes what is pending. For a file moved, replaced or deleted
 * while open. */
void        jury_window_save_as        (JuryWindow      *self,
                                        const char      *path);
/* Shows the attachment HREF of SUBMISSION_ID in a window of its own, or says why
 * not (and returns NULL with ERROR). */
JuryAttachmentViewer *
            jury_window_show_attachment (JuryWindow     *self,
                                         const char     *submission_id,
                                         const char     *href,
                                         GError        **error);
/* Writes what is pending now; FALSE when the disk still refuses. */
gboolean    jury_window_flush          (JuryWindow      *self,
                                        GError         **error);

G_END_DECLS
