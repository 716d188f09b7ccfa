/* jury-search.h: text folded for a forgiving substring search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *jury_search_normalize    (const char  *text);
/* Appends the LENGTH bytes of TEXT (need not end in NUL) to OUT, folded as
 * jury_search_normalize() folds them. A byte that is not part of valid UTF-8 is
 * left out; FALSE when there was one. */
gboolean  jury_search_fold_append  (GString     *out,
                                    const char  *text,
                                    gsize        length);

/* Whether the LENGTH bytes of TEXT, folded, contain NEEDLE (folded already);
 * SCRATCH serves from one call to the next. */
gboolean  jury_search_text_contains (GString     *scratch,
                                     const char  *text,
                                     gsize        length,
                                     const char  *needle,
                                     gsize        needle_length);

G_END_DECLS
