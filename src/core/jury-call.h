/* jury-call.h: a call, its rubric and its submissions, as plain data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "jury-types.h"

G_BEGIN_DECLS

struct _JuryLevel
{
  int   value;
  char *label;
};

struct _JuryCriterion
{
  char      *id;
  char      *name;
  char      *description;   /* nullable */
  double     weight;        /* > 0, finite; 1 when the file gives none */
  GPtrArray *levels;        /* JuryLevel*, sorted by value; may be empty */
};

struct _JuryCall
{
  char      *id;
  char      *lang;          /* nullable */
  char      *title;
  char      *theme;         /* nullable */
  char      *description;   /* nullable */
  guint      awards;
  int        scale_min;
  int        scale_max;
  GPtrArray *criteria;      /* JuryCriterion*, in file order */
  char      *sha256;        /* hex SHA-256 of the call file's bytes; nullable until known */
  guint      n_submissions;
};

struct _JuryContact
{
  char *name;
  char *role;               /* nullable */
};

struct _JuryQuote
{
  char *text;
  char *author;
  char *role;               /* nullable */
};

struct _JuryLink
{
  char *href;
  char *label;
};

struct _JurySubmission
{
  char      *id;
  char      *title;
  char      *network;       /* nullable */
  int        network_founded; /* 0 when unknown */
  char      *region;        /* nullable */
  char      *region_state;  /* nullable */
  GPtrArray *contacts;      /* JuryContact* */
  char      *summary;       /* nullable */
  GStrv      description;   /* paragraphs, never NULL (may be empty) */
  char      *target_group;  /* nullable */
  GStrv      formats;       /* never NULL */
  GStrv      partners;      /* never NULL */
  GStrv      tips;          /* never NULL */
  GPtrArray *quotes;        /* JuryQuote* */
  GPtrArray *links;         /* JuryLink* */
};

JuryLevel      *jury_level_new                  (int                   value,
                                                 const char           *label);
void            jury_level_free                 (JuryLevel            *level);

JuryCriterion  *jury_criterion_new              (void);
void            jury_criterion_free             (JuryCriterion        *criterion);
const char     *jury_criterion_get_level_label  (const JuryCriterion  *criterion,
                                                 int                   value);
void            jury_criterion_sort_levels      (JuryCriterion        *criterion);

JuryCall       *jury_call_new                   (void);
void            jury_call_free                  (JuryCall             *call);
JuryCall       *jury_call_copy                  (const JuryCall       *call);
const JuryCriterion *
                jury_call_find_criterion        (const JuryCall       *call,
                                                 const char           *criterion_id,
                                                 guint                *index);
double          jury_call_total_weight          (const JuryCall       *call);

JuryContact    *jury_contact_new                (const char           *name,
                                                 const char           *role);
void            jury_contact_free               (JuryContact          *contact);
JuryQuote      *jury_quote_new                  (const char           *text,
                                                 const char           *author,
                                                 const char           *role);
void            jury_quote_free                 (JuryQuote            *quote);
JuryLink       *jury_link_new                   (const char           *href,
                                                 const char           *label);
void            jury_link_free                  (JuryLink             *link);
gboolean        jury_link_is_safe               (const JuryLink       *link);

JurySubmission *jury_submission_new             (void);
void            jury_submission_free            (JurySubmission       *submission);

/* A self-contained GVariant (type "(ssssisa(ss)sasmsasasasa(sss)a(ss))"-like; see the .c) used to
 * keep a submission in the database; deserialize checks it fully. */
GVariant       *jury_submission_serialize       (const JurySubmission *submission);
JurySubmission *jury_submission_deserialize     (GVariant             *variant,
                                                 GError              **error);

/* Case-folded, normalised text over title, region, network and every text field,
 * for substring search; see jury_search_normalize(). */
char           *jury_submission_dup_search_text (const JurySubmission *submission);
char           *jury_search_normalize           (const char           *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryCall, jury_call_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryCriterion, jury_criterion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JurySubmission, jury_submission_free)

G_END_DECLS
