/* jury-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JURY_TYPE_APPLICATION (jury_application_get_type ())
G_DECLARE_FINAL_TYPE (JuryApplication, jury_application, JURY, APPLICATION, AdwApplication)

JuryApplication *jury_application_new          (void);
GSettings       *jury_application_get_settings (JuryApplication *self);
/* The bundled sample call, opened when nothing was used before. */
GFile           *jury_application_dup_sample   (void);
/* Where the juror's databases for opened calls live. */
char            *jury_application_dup_data_dir (void);
void             jury_application_add_recent   (JuryApplication *self,
                                                GFile           *file);

G_END_DECLS
