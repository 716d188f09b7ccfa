/* jury-shortcuts-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JURY_TYPE_SHORTCUTS_WINDOW (jury_shortcuts_window_get_type ())
G_DECLARE_FINAL_TYPE (JuryShortcutsWindow, jury_shortcuts_window, JURY, SHORTCUTS_WINDOW, AdwWindow)

/* The keyboard shortcuts of PARENT's application, as they are set now. */
JuryShortcutsWindow *jury_shortcuts_window_new (GtkWindow *parent);

G_END_DECLS
