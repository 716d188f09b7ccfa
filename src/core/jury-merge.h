/* jury-merge.h: juror databases into a panel database (DESIGN §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-store.h"

G_BEGIN_DECLS

typedef enum
{
  JURY_MERGE_NONE = 0,
  /* A panel with invitations takes a juror's database made without one, too. */
  JURY_MERGE_ALLOW_UNINVITED = 1 << 0,
} JuryMergeFlags;

typedef enum
{
  JURY_MERGE_ADDED,       /* a juror seen for the first time */
  JURY_MERGE_REPLACED,    /* the new audit chain extends the one already merged */
  JURY_MERGE_UNCHANGED,   /* the same chain, or an older copy of it */
  JURY_MERGE_REFUSED,     /* see reason */
} JuryMergeOutcome;

typedef struct
{
  char             *path;        /* the juror database as given */
  char             *juror_id;    /* nullable when the file could not be read */
  char             *juror_name;  /* nullable likewise */
  JuryMergeOutcome  outcome;
  char             *reason;      /* a sentence for REFUSED (names the file and the problem;
                                  * for diverging chains, the submissions that differ) */
  guint             n_changes;   /* audit rows taken over */
  gboolean          uninvited;   /* REFUSED only because the panel has invitations and
                                  * the file was made without one */
  char             *receipt;     /* the receipt code of the juror's work as taken
                                  * (see jury_store_dup_receipt()); NULL when refused
                                  * or when the panel holds a later copy */
  gboolean          nothing_scored; /* not refused, but the juror has not given a single
                                     * score yet: perhaps a copy handed in too early */
} JuryMergeEntry;

typedef struct
{
  GPtrArray *entries;            /* JuryMergeEntry*, in the order of the files: one per juror
                                  * in a file (a juror's database has one), one per file
                                  * refused as a whole */
  gboolean   created;            /* the panel database was made by this merge */
  gboolean   written;            /* FALSE when something was refused: all or nothing */
} JuryMergeReport;

/* Merges the juror databases PATHS into the panel database at PANEL_PATH, which is
 * created from the first readable juror database's call when it does not exist.
 * All or nothing: when any file or juror is refused, nothing is written and the
 * report says why (and what the others would have done). Returns the report, or NULL
 * with ERROR when the panel itself cannot be opened, verified or written (a juror's
 * database there: JURY_STORE_ERROR_NOT_PANEL), or when there is no panel and none of
 * PATHS is a juror's database to make one from (JURY_STORE_ERROR_NOT_FOUND). The
 * files in PATHS are only read. */
JuryMergeReport *jury_merge_files          (const char          *panel_path,
                                            const char * const  *paths,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* The same with FLAGS. A panel that has invited its jurors takes only databases
 * made from its invitations (the juror's key the panel's, the chain verified
 * with it, the work on the submissions the plan gave the juror), and others with
 * JURY_MERGE_ALLOW_UNINVITED; each juror taken is recorded as a hand-in, with
 * its receipt code. */
JuryMergeReport *jury_merge_files_full     (const char          *panel_path,
                                            const char * const  *paths,
                                            JuryMergeFlags       flags,
                                            GCancellable        *cancellable,
                                            GError             **error);
void             jury_merge_files_async    (const char          *panel_path,
                                            const char * const  *paths,
                                            JuryMergeFlags       flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
JuryMergeReport *jury_merge_files_finish   (GAsyncResult        *result,
                                            GError             **error);
void             jury_merge_report_free    (JuryMergeReport     *report);
guint            jury_merge_report_count   (const JuryMergeReport *report,
                                            JuryMergeOutcome     outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryMergeReport, jury_merge_report_free)

G_END_DECLS
