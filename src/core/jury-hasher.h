/* jury-hasher.h: a SHA-256 computed in a thread of its own, beside the work that feeds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JuryHasher JuryHasher;

/* Without a THREAD_NAME, the hasher hashes in the caller's thread: for little
 * data, a thread would cost more than it saves. */
JuryHasher *jury_hasher_new     (const char   *thread_name);
/* Copies LENGTH bytes of DATA for the thread; waits only when it lags behind by
 * more than a megabyte. */
void        jury_hasher_update  (JuryHasher   *self,
                                 gconstpointer data,
                                 gsize         length);
/* Instead of jury_hasher_update(), for data that is read anyway: a buffer of
 * *SIZE bytes to read into, then the LENGTH bytes read handed over. The buffer
 * stays readable until the next call on the hasher, and is no copy. */
guint8     *jury_hasher_begin_fill (JuryHasher *self,
                                    gsize      *size);
void        jury_hasher_end_fill   (JuryHasher *self,
                                    gsize       length);
/* The hex SHA-256 of everything passed to jury_hasher_update() and filled; after
 * it the hasher takes nothing more. */
char       *jury_hasher_finish  (JuryHasher   *self);
void        jury_hasher_free    (JuryHasher   *self);
/* A digest of LENGTH bytes in lowercase hexadecimal, into HEX (2 * LENGTH + 1 bytes). */
void        jury_hex_encode     (const guint8 *digest,
                                 gsize         length,
                                 char         *hex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryHasher, jury_hasher_free)

G_END_DECLS
