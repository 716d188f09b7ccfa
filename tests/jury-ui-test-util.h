/* jury-ui-test-util.h: waiting for a window's state and finding its widgets, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "jury-application.h"

G_BEGIN_DECLS

typedef gboolean (*JuryTestCondition) (gpointer data);

char            *jury_test_ui_init          (int               *argc,
                                             char            ***argv,
                                             const char        *name);
JuryApplication *jury_test_ui_new_application (const char      *juror_name);
gboolean         jury_test_ui_is_german     (void);

void       jury_test_wait_for        (JuryTestCondition  condition,
                                      gpointer           data);
void       jury_test_wait_for_frames (GtkWidget         *widget);
GtkWidget *jury_test_find_type       (GtkWidget         *widget,
                                      GType              type);
GtkWidget *jury_test_find_named      (GtkWidget         *widget,
                                      const char        *name);

G_END_DECLS
