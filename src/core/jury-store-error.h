/* jury-store-error.h: the errors of the jury database, of the rules of a review and of
 * writing files safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JURY_STORE_ERROR (jury_store_error_quark ())

typedef enum
{
  JURY_STORE_ERROR_IO,           /* cannot open, create or write the file */
  JURY_STORE_ERROR_FOREIGN,      /* not a jury database */
  JURY_STORE_ERROR_NEWER,        /* made by a newer Jury Desk */
  JURY_STORE_ERROR_DAMAGED,      /* SQLite reports corruption or the content is inconsistent */
  JURY_STORE_ERROR_READ_ONLY,    /* the file cannot be written */
  JURY_STORE_ERROR_EXISTS,       /* refusing to overwrite a file */
  JURY_STORE_ERROR_NOT_FOUND,    /* unknown juror, submission or criterion */
  JURY_STORE_ERROR_OUT_OF_SCALE, /* a score outside the rubric's scale */
  JURY_STORE_ERROR_CONFLICT,     /* a score for a submission with a declared conflict */
  JURY_STORE_ERROR_INCOMPLETE,   /* "done" while a criterion has no score */
  JURY_STORE_ERROR_WRITE,        /* a write failed (disk full, file gone, locked) */
  JURY_STORE_ERROR_TAMPERED,     /* the audit chain does not match the data */
  JURY_STORE_ERROR_NOT_PANEL,    /* a decision in a juror's database */
  JURY_STORE_ERROR_SCHEMA,       /* tables, indexes, triggers or views not those of its format */
  JURY_STORE_ERROR_MOVED,        /* the file was moved, replaced or deleted while open */
  JURY_STORE_ERROR_TEXT,         /* a name, comment or note too long or with control characters */
  JURY_STORE_ERROR_HAND_IN,      /* a juror's database that is not one juror's work alone */
  JURY_STORE_ERROR_ATTACHMENT,   /* an attachment of the call cannot be taken into the database */
} JuryStoreError;

GQuark             jury_store_error_quark        (void);

G_END_DECLS
