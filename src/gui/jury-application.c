/* jury-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-application"

#include "config.h"

#include "jury-application.h"

struct _JuryApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (JuryApplication, jury_application, ADW_TYPE_APPLICATION)

static void
jury_application_class_init (JuryApplicationClass *klass)
{
}

static void
jury_application_init (JuryApplication *self)
{
}

JuryApplication *
jury_application_new (void)
{
  return g_object_new (JURY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
