/* jury-assign.h: who reads which submission
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A jury of J jurors shares S submissions; each submission is read by K of them. The
 * plan honours the conflicts of interest, gives every juror nearly the same number
 * of submissions, links the jurors through the submissions they share (so that per-
 * juror normalisation and Krippendorff's alpha have something to compare), and gives
 * every juror a reading order of their own. The same request, seed included, gives
 * the same plan on every machine. Pure functions: no I/O.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JURY_ASSIGN_ERROR (jury_assign_error_quark ())

/* per_submission: every juror reads every submission they have no conflict with */
#define JURY_ASSIGN_EVERY_JUROR 0

typedef enum
{
  JURY_ASSIGN_ERROR_NO_JURORS,       /* the jury is empty */
  JURY_ASSIGN_ERROR_NO_SUBMISSIONS,  /* nothing to read */
  JURY_ASSIGN_ERROR_TOO_FEW_JURORS,  /* K is larger than the jury */
  JURY_ASSIGN_ERROR_NO_OVERLAP,      /* K = 1 with more than one juror */
  JURY_ASSIGN_ERROR_CONFLICTS,       /* a submission with fewer than K jurors without a
                                      * conflict, or a juror in conflict with all */
  JURY_ASSIGN_ERROR_DISCONNECTED,    /* no plan links every juror to the others */
} JuryAssignError;

/* How even the loads (submissions per juror) are. */
typedef enum
{
  JURY_ASSIGN_LOADS_EVEN,         /* they differ by at most one */
  JURY_ASSIGN_LOADS_CONFLICTS,    /* the conflicts allow no even plan: as even as any
                                   * plan can be */
  JURY_ASSIGN_LOADS_LINKED,       /* no even plan was found that links the jurors: as
                                   * even as the search for linked plans got */
  JURY_ASSIGN_LOADS_EVERY_JUROR,  /* K = 0: the conflicts decide */
} JuryAssignLoads;

typedef struct
{
  guint                n_jurors;
  guint                n_submissions;
  guint                per_submission;  /* K; JURY_ASSIGN_EVERY_JUROR (0): every juror
                                         * without a conflict */
  const gboolean      *conflicts;       /* nullable; [s * n_jurors + j] */
  const char * const  *juror_names;     /* n_jurors, for messages */
  const char * const  *submission_ids;  /* n_submissions, for messages */
  guint64              seed;
} JuryAssignRequest;

typedef struct
{
  guint      n_jurors;
  guint      n_submissions;
  guint      per_submission;  /* as requested */
  GArray   **submissions;     /* n_jurors; guint submission indices in that juror's
                               * reading order */
  JuryAssignLoads loads;
  char      *note;            /* nullable: why the loads differ by more than one, and
                               * whose (unless loads is JURY_ASSIGN_LOADS_EVEN) */
} JuryAssignment;

/* How the plan links the jurors: two jurors share a submission when both read it. */
typedef struct
{
  guint  n_groups;       /* groups of jurors linked through shared submissions (the
                          * connected components); 1: every juror is linked */
  guint  n_pairs;        /* pairs of jurors, J (J − 1) / 2 */
  guint  n_pairs_apart;  /* pairs that share no submission */
  guint  min_shared;     /* submissions a pair shares: the least, the most, the mean; */
  guint  max_shared;     /* 0, 0 and NAN without pairs */
  double mean_shared;
  guint  min_load;       /* submissions a juror reads */
  guint  max_load;
} JuryAssignOverlap;

GQuark          jury_assign_error_quark  (void);

/* The plan for REQUEST, or NULL with ERROR (in JURY_ASSIGN_ERROR: a sentence that
 * names the problem) when there is none. */
JuryAssignment *jury_assign              (const JuryAssignRequest *request,
                                          GError                 **error);
void            jury_assignment_free     (JuryAssignment          *assignment);

/* How ASSIGNMENT links the jurors, as numbers and as a sentence. */
void            jury_assignment_measure  (const JuryAssignment    *assignment,
                                          JuryAssignOverlap       *overlap);
char           *jury_assignment_describe (const JuryAssignment    *assignment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryAssignment, jury_assignment_free)

G_END_DECLS
