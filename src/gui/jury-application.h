/* jury-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JURY_TYPE_APPLICATION (jury_application_get_type ())
G_DECLARE_FINAL_TYPE (JuryApplication, jury_application, JURY, APPLICATION, AdwApplication)

JuryApplication *jury_application_new (void);

G_END_DECLS
