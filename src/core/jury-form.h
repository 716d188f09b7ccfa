/* jury-form.h: the scoring form, a CSV a juror can fill outside Jury Desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

#define JURY_FORM_ERROR (jury_form_error_quark ())

typedef enum
{
  JURY_FORM_ERROR_SYNTAX,       /* not a CSV, or the header is missing */
  JURY_FORM_ERROR_UNKNOWN,      /* an unknown submission or criterion */
  JURY_FORM_ERROR_VALUE,        /* a score that is not a number on the scale */
  JURY_FORM_ERROR_CONFLICT,     /* scores for a submission declared conflicted */
  JURY_FORM_ERROR_DUPLICATE,    /* the same cell twice */
} JuryFormError;

typedef struct
{
  guint n_rows;        /* data rows read */
  guint n_changes;     /* values that differed and were written */
  guint n_done;        /* reviews marked done because they are now complete */
} JuryFormImportStats;

GQuark   jury_form_error_quark (void);

/* The form for JUROR_ID: header "submission_id,criterion_id,score,comment,
 * submission_title,criterion_name", per submission one row per criterion and one row
 * with an empty criterion_id (overall comment; "conflict" as score declares a
 * conflict of interest), current values filled in. */
GBytes  *jury_form_write       (JuryStore            *store,
                                const char           *juror_id,
                                GError              **error);

/* Reads a filled form (NAME is used in messages: "NAME:LINE: problem") and applies
 * it in one transaction: all or nothing. */
gboolean jury_form_import      (JuryStore            *store,
                                const char           *juror_id,
                                GBytes               *form,
                                const char           *name,
                                JuryFormImportStats  *stats,
                                GError              **error);

G_END_DECLS
