/* jury-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JURY_TYPE_PREFERENCES_WINDOW (jury_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (JuryPreferencesWindow, jury_preferences_window, JURY, PREFERENCES_WINDOW, AdwPreferencesWindow)

JuryPreferencesWindow *jury_preferences_window_new (GSettings *settings);

G_END_DECLS
