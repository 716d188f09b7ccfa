/* jury-call.h: a call, its rubric and its submissions, as plain data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "jury-search.h"
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

/* A column of the applications table that has no place of its own in a call. */
struct _JuryField
{
  char  *name;
  GStrv  paragraphs;        /* never NULL, never empty */
};

/* A file that belongs to a submission: a PDF or an image. */
struct _JuryAttachment
{
  char *href;               /* a relative path, see jury_attachment_check_href() */
  char *sha256;             /* 64 lowercase hex digits */
  char *type;               /* one of JURY_ATTACHMENT_TYPES */
  char *label;              /* nullable */
};

/* The types an attachment may have, NULL-terminated. */
extern const char * const jury_attachment_types[];
/* An attachment's file holds at most this many bytes. */
#define JURY_ATTACHMENT_MAX_SIZE ((goffset) 64 * 1024 * 1024)

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
  GPtrArray *fields;        /* JuryField*, in the table's order */
  GPtrArray *attachments;   /* JuryAttachment* */
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
gboolean        jury_call_equal                 (const JuryCall       *a,
                                                 const JuryCall       *b);

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
JuryField      *jury_field_new                  (const char           *name,
                                                 const char * const   *paragraphs);
void            jury_field_free                 (JuryField            *field);
JuryAttachment *jury_attachment_new             (const char           *href,
                                                 const char           *sha256,
                                                 const char           *type,
                                                 const char           *label);
void            jury_attachment_free            (JuryAttachment       *attachment);
JuryAttachment *jury_attachment_copy            (const JuryAttachment *attachment);
/* NULL when HREF may name an attachment: a relative path of plain names separated
 * by "/" (no "..", ".", empty, absolute or drive parts, no "\\" or ":", no
 * control characters), at most 255 bytes; else a sentence saying why. */
char           *jury_attachment_check_href      (const char           *href);
gboolean        jury_attachment_type_is_known   (const char           *type);
/* The type of an attachment whose file begins with DATA (SIZE bytes of it, or
 * all), by its first bytes; NULL when it is none that Jury Desk takes. */
const char     *jury_attachment_sniff_type      (const guint8         *data,
                                                 gsize                 size);
/* The name the file goes by: the last part of its href. */
const char     *jury_attachment_get_file_name   (const JuryAttachment *attachment);
const JuryAttachment *
                jury_submission_find_attachment (const JurySubmission *submission,
                                                 const char           *href);

JurySubmission *jury_submission_new             (void);
void            jury_submission_free            (JurySubmission       *submission);

/* A self-contained GVariant (see the .c for its type) used to keep a submission in
 * the database; deserialize checks it fully. A submission without fields and
 * attachments is written as before they existed, so that older databases and the
 * digests of their calls stay as they are. */
GVariant       *jury_submission_serialize       (const JurySubmission *submission);
JurySubmission *jury_submission_deserialize     (GVariant             *variant,
                                                 GError              **error);

/* The flat form the database keeps from format 7 on: the searchable texts first,
 * one per line as jury_submission_dup_search_text() folds them, then the rest.
 * Decode checks it fully; the text is the first
 * jury_submission_body_text_length() bytes. */
GBytes         *jury_submission_encode          (const JurySubmission *submission);
JurySubmission *jury_submission_decode          (const guint8         *data,
                                                 gsize                 size,
                                                 GError              **error);
gsize           jury_submission_body_text_length (const guint8        *body,
                                                 gsize                 size);

/* Case-folded, normalised text over title, region, network and every text field,
 * for substring search; see jury_search_normalize(). */
char           *jury_submission_dup_search_text (const JurySubmission *submission);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryCall, jury_call_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryCriterion, jury_criterion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JurySubmission, jury_submission_free)

G_END_DECLS
