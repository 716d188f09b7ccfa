/* jury-attachment-viewer.h: a submission's PDF or image, shown inside Jury Desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "jury-call.h"

G_BEGIN_DECLS

#define JURY_TYPE_ATTACHMENT_VIEWER (jury_attachment_viewer_get_type ())
G_DECLARE_FINAL_TYPE (JuryAttachmentViewer, jury_attachment_viewer, JURY, ATTACHMENT_VIEWER, AdwWindow)

/* A window showing ATTACHMENT, whose bytes are BYTES (already checked against its
 * SHA-256), not yet presented; NULL with ERROR when they cannot be shown. Like
 * every window it belongs to GTK until it is destroyed. */
JuryAttachmentViewer *jury_attachment_viewer_new        (GtkWindow            *parent,
                                                         const JuryAttachment *attachment,
                                                         GBytes               *bytes,
                                                         GError              **error);
guint                 jury_attachment_viewer_get_n_pages (JuryAttachmentViewer *self);
/* 1.0 is the size the document gives. */
double                jury_attachment_viewer_get_zoom   (JuryAttachmentViewer *self);

G_END_DECLS
