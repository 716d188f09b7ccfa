/* jury-text.h: what text people type and files carry may hold, and how it reaches a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A juror's name, at most this many characters. */
#define JURY_NAME_MAX_CHARS 200
/* A comment, an overall comment or a decision's note, at most this many characters. */
#define JURY_COMMENT_MAX_CHARS 20000

typedef enum
{
  JURY_TEXT_NAME,     /* one line: no control character at all */
  JURY_TEXT_COMMENT,  /* newlines and tabs allowed */
  JURY_TEXT_CALL,     /* text of a call file: newlines, tabs and carriage returns allowed, no limit */
} JuryTextKind;

/* TRUE when C may not stand in text of KIND: a control character (other than the
 * line breaks and tabs KIND allows) or a bidirectional embedding, override or
 * isolate, which would reorder the text shown around it. Marks (U+200E, U+200F,
 * U+061C) are allowed. */
gboolean  jury_text_is_forbidden_char  (gunichar       c,
                                        JuryTextKind   kind);
/* The first forbidden character in the LENGTH bytes of TEXT (valid UTF-8), or 0. */
gunichar  jury_text_find_forbidden     (const char    *text,
                                        gsize          length,
                                        JuryTextKind   kind);
/* NULL when TEXT may be stored as KIND; else a sentence saying why, which begins
 * with WHAT ("the name", "the comment on “Reach”") and is meant to follow
 * "FILE: " or "line N: ". */
char     *jury_text_check              (const char    *text,
                                        JuryTextKind   kind,
                                        const char    *what);
/* "the comment on “CRITERION_ID” for “SUBMISSION_ID”", or for an empty or NULL
 * CRITERION_ID "the overall comment on “SUBMISSION_ID”": the WHAT of a comment
 * for jury_text_check(). */
char     *jury_text_describe_comment   (const char    *submission_id,
                                        const char    *criterion_id);
/* TEXT with the line ends of other systems ("\r\n", "\r") made "\n". */
char     *jury_text_normalize_line_ends (const char   *text);
/* TEXT with every forbidden character of KIND left out and line ends made "\n";
 * for text pasted into a field. */
char     *jury_text_sanitize           (const char    *text,
                                        JuryTextKind   kind);
/* TEXT made safe to print on a terminal: control characters (newline, tab and
 * "\r\n" too, unless KEEP_LINES), bidirectional controls and invalid bytes become
 * visible escapes such as \x1B, \u202E. */
char     *jury_text_escape_for_terminal (const char   *text,
                                         gboolean      keep_lines);
/* A readable name for a file or an id made from TEXT: ASCII letters and digits
 * in small letters, words joined with "-" (German umlauts as "ae", "oe", "ue"),
 * at most MAX_LENGTH characters, cut at a word's end where there is one;
 * FALLBACK when nothing is left. */
char     *jury_text_slug               (const char    *text,
                                        const char    *fallback,
                                        gsize          max_length);

G_END_DECLS
