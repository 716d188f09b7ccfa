/* jury-new-call-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "jury-window.h"

G_BEGIN_DECLS

#define JURY_TYPE_NEW_CALL_WINDOW (jury_new_call_window_get_type ())
G_DECLARE_FINAL_TYPE (JuryNewCallWindow, jury_new_call_window, JURY, NEW_CALL_WINDOW, AdwWindow)

/* The assistant that makes a call file from a table of applications, over
 * PARENT, which opens the call when asked to. */
JuryNewCallWindow *jury_new_call_window_new (JuryWindow *parent);

G_END_DECLS
