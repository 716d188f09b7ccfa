/* jury-call-loader.h: reads a call file, safely and as a stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-call.h"

G_BEGIN_DECLS

#define JURY_CALL_ERROR (jury_call_error_quark ())

typedef enum
{
  JURY_CALL_ERROR_IO,          /* cannot read the file */
  JURY_CALL_ERROR_TOO_LARGE,   /* over the size limit */
  JURY_CALL_ERROR_MALFORMED,   /* not well-formed XML */
  JURY_CALL_ERROR_FORBIDDEN,   /* DOCTYPE, entity declaration, external resource */
  JURY_CALL_ERROR_NOT_A_CALL,  /* well-formed, but not a Jury Desk call */
  JURY_CALL_ERROR_INVALID,     /* does not follow the schema */
  JURY_CALL_ERROR_DUPLICATE,   /* an id appears twice */
  JURY_CALL_ERROR_BAD_VALUE,   /* scale, weight, level or empty text that makes no sense */
  JURY_CALL_ERROR_ABORTED,     /* a callback returned FALSE (its error is passed on) */
} JuryCallError;

/* The default size limit: generous, a call of 100,000 submissions is ~200 MB. */
#define JURY_CALL_DEFAULT_MAX_SIZE ((goffset) 512 * 1024 * 1024)

/* Called once, after the rubric has been read and checked, before any submission. */
typedef gboolean (*JuryCallHeaderFunc)     (const JuryCall  *call,
                                            gpointer         user_data,
                                            GError         **error);
/* Called once per submission, in file order; the submission belongs to the loader,
 * which frees it afterwards: to keep what it holds, swap its contents with an
 * empty one's. */
typedef gboolean (*JuryCallSubmissionFunc) (const JuryCall  *call,
                                            JurySubmission  *submission,
                                            guint            line,
                                            gpointer         user_data,
                                            GError         **error);

#define JURY_TYPE_CALL_LOADER (jury_call_loader_get_type ())
G_DECLARE_FINAL_TYPE (JuryCallLoader, jury_call_loader, JURY, CALL_LOADER, GObject)

GQuark          jury_call_error_quark            (void);

JuryCallLoader *jury_call_loader_new             (GFile                  *file);
GFile          *jury_call_loader_get_file        (JuryCallLoader         *self);
void            jury_call_loader_set_max_size    (JuryCallLoader         *self,
                                                  goffset                 max_size);
void            jury_call_loader_set_callbacks   (JuryCallLoader         *self,
                                                  JuryCallHeaderFunc      header_func,
                                                  JuryCallSubmissionFunc  submission_func,
                                                  gpointer                user_data);
/* Streams the file through the schema and our own checks. On success returns the
 * call (header, rubric, sha256 and n_submissions filled in). Errors are in
 * JURY_CALL_ERROR with a message "NAME:LINE: what is wrong", NAME being the
 * file's basename. */
JuryCall       *jury_call_loader_load            (JuryCallLoader         *self,
                                                  GCancellable           *cancellable,
                                                  GError                **error);

G_END_DECLS
