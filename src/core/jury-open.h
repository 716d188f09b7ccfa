/* jury-open.h: from a file a person picked to an open jury database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

typedef enum
{
  JURY_FILE_KIND_CALL,
  JURY_FILE_KIND_DATABASE,
} JuryFileKind;

typedef enum
{
  JURY_OPEN_RESULT_OPENED,        /* a .jury file was opened */
  JURY_OPEN_RESULT_CREATED,       /* a call was opened for the first time: its database is new */
  JURY_OPEN_RESULT_REOPENED,      /* a call was opened again: the juror's database for it */
  JURY_OPEN_RESULT_CALL_CHANGED,  /* as REOPENED, but the call file differs from the one the
                                   * database was made from; the database keeps its copy */
} JuryOpenResult;

/* Looks at the first bytes: an SQLite file is a database, anything else a call. */
JuryFileKind jury_file_sniff_kind          (GFile               *file,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* Where the juror's database for the call CALL_ID lives inside DATA_DIR. */
char        *jury_database_path_for_call   (const char          *data_dir,
                                            const char          *call_id);

/* Whether opening FILE would create a database: FILE is a call whose juror's database
 * is not in DATA_DIR yet. Reads the call's header only. FALSE with ERROR set when FILE
 * cannot be read. */
gboolean     jury_open_would_create        (GFile               *file,
                                            const char          *data_dir,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* Opens FILE in a worker thread: a database is opened; a call is checked, and the
 * juror's database for it in DATA_DIR is reopened, or created for JUROR_NAME. A
 * database opened leaves its integrity check to jury_store_check_async(), see
 * jury_store_open_deferring_check(). */
void         jury_open_file_async          (GFile               *file,
                                            const char          *data_dir,
                                            const char          *juror_name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
JuryStore   *jury_open_file_finish         (GAsyncResult        *result,
                                            JuryOpenResult      *open_result,
                                            GError             **error);

/* jury_store_backup() in a worker thread. */
void         jury_store_backup_async       (JuryStore           *store,
                                            const char          *dest_path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     jury_store_backup_finish      (JuryStore           *store,
                                            GAsyncResult        *result,
                                            GError             **error);
/* jury_store_hand_in() in a worker thread. */
void         jury_store_hand_in_async      (JuryStore           *store,
                                            const char          *dest_path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     jury_store_hand_in_finish     (JuryStore           *store,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
