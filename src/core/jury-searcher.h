/* jury-searcher.h: the search of a store's submissions, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-store.h"

G_BEGIN_DECLS

#define JURY_TYPE_SEARCHER (jury_searcher_get_type ())
G_DECLARE_FINAL_TYPE (JurySearcher, jury_searcher, JURY, SEARCHER, GObject)

/* Searches STORE's submissions as jury_store_search() does, on a read-only
 * connection of its own, so that a window can go on while it reads. Recent
 * answers are kept: a query typed back is answered at once, and a query that
 * contains an earlier one (once folded) is looked for among that one's hits only. */
JurySearcher *jury_searcher_new         (JuryStore            *store);
/* The positions (JurySubmissionRow.position) of the submissions whose text contains
 * QUERY, ascending, in a GArray of guint. A search that a newer one made moot ends
 * early when CANCELLABLE is cancelled. */
void          jury_searcher_find_async  (JurySearcher         *self,
                                         const char           *query,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GArray       *jury_searcher_find_finish (JurySearcher         *self,
                                         GAsyncResult         *result,
                                         GError              **error);
/* The same, here and now. */
GArray       *jury_searcher_find        (JurySearcher         *self,
                                         const char           *query,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* How many of the searches so far read every submission (for tests). */
guint         jury_searcher_get_n_scans (JurySearcher         *self);

G_END_DECLS
