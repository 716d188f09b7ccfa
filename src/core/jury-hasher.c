/* jury-hasher.c: a SHA-256 computed in a thread of its own, beside the work that feeds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-hasher"

#include "config.h"

#include <string.h>

#include <nettle/sha2.h>

#include "jury-hasher.h"

/* SHA-256 would add a third to the time of reading a call, and a good part to
 * writing a database, were it computed in the thread that parses or writes. A
 * few buffers go round between the two threads, so memory stays bounded however
 * fast either side is. */
#define HASH_BUFFER_SIZE (256 * 1024)
#define N_HASH_BUFFERS   4

typedef struct
{
  gsize    len;
  gboolean last;
  guchar   data[HASH_BUFFER_SIZE];
} HashBuffer;

struct _JuryHasher
{
  struct sha256_ctx checksum;
  GAsyncQueue *full;        /* HashBuffer */
  GAsyncQueue *empty;       /* HashBuffer */
  HashBuffer  *current;
  GThread     *thread;
  char        *hex;
};

static gpointer
hasher_thread (gpointer data)
{
  JuryHasher *self = data;
  gboolean last;

  do
    {
      HashBuffer *buffer = g_async_queue_pop (self->full);

      last = buffer->last;
      sha256_update (&self->checksum, buffer->len, buffer->data);
      buffer->len = 0;
      g_async_queue_push (self->empty, buffer);
    }
  while (!last);

  return NULL;
}

JuryHasher *
jury_hasher_new (const char *thread_name)
{
  JuryHasher *self = g_new0 (JuryHasher, 1);

  sha256_init (&self->checksum);
  if (thread_name == NULL)
    return self;

  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new_full (g_free);
  for (guint i = 1; i < N_HASH_BUFFERS; i++)
    g_async_queue_push (self->empty, g_new0 (HashBuffer, 1));
  self->current = g_new0 (HashBuffer, 1);
  self->thread = g_thread_new (thread_name, hasher_thread, self);

  return self;
}

void
jury_hasher_update (JuryHasher    *self,
                    gconstpointer  data,
                    gsize          length)
{
  const guchar *bytes = data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->hex == NULL);

  if (self->thread == NULL)
    {
      sha256_update (&self->checksum, length, bytes);
      return;
    }

  while (length > 0)
    {
      HashBuffer *buffer = self->current;
      gsize n = MIN (length, HASH_BUFFER_SIZE - buffer->len);

      memcpy (buffer->data + buffer->len, bytes, n);
      buffer->len += n;
      bytes += n;
      length -= n;

      if (buffer->len == HASH_BUFFER_SIZE)
        {
          g_async_queue_push (self->full, buffer);
          self->current = g_async_queue_pop (self->empty);
        }
    }
}

guint8 *
jury_hasher_begin_fill (JuryHasher *self,
                        gsize      *size)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->hex == NULL, NULL);

  if (self->current == NULL)
    self->current = g_new0 (HashBuffer, 1);

  /* What jury_hasher_update() left goes first, on its own. */
  if (self->current->len > 0)
    {
      if (self->thread == NULL)
        sha256_update (&self->checksum, self->current->len, self->current->data);
      else
        {
          g_async_queue_push (self->full, self->current);
          self->current = g_async_queue_pop (self->empty);
        }
      self->current->len = 0;
    }

  *size = HASH_BUFFER_SIZE;
  return self->current->data;
}

void
jury_hasher_end_fill (JuryHasher *self,
                      gsize       length)
{
  g_return_if_fail (self != NULL && self->current != NULL);
  g_return_if_fail (length <= HASH_BUFFER_SIZE);

  if (length == 0)
    return;

  if (self->thread == NULL)
    {
      /* Hashed now; the data stays where it is until the next fill. */
      sha256_update (&self->checksum, length, self->current->data);
      return;
    }

  self->current->len = length;
  g_async_queue_push (self->full, self->current);
  self->current = g_async_queue_pop (self->empty);
}

char *
jury_hasher_finish (JuryHasher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->hex == NULL)
    {
      guint8 digest[SHA256_DIGEST_SIZE];

      if (self->thread != NULL)
        {
          self->current->last = TRUE;
          g_async_queue_push (self->full, g_steal_pointer (&self->current));
          g_thread_join (g_steal_pointer (&self->thread));
          self->current = g_async_queue_pop (self->empty);
        }
      sha256_digest (&self->checksum, sizeof digest, digest);
      self->hex = g_malloc (2 * sizeof digest + 1);
      jury_hex_encode (digest, sizeof digest, self->hex);
    }

  return g_strdup (self->hex);
}

void
jury_hasher_free (JuryHasher *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    g_free (jury_hasher_finish (self));

  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  g_clear_pointer (&self->full, g_async_queue_unref);
  g_free (self->hex);
  g_free (self);
}

void
jury_hex_encode (const guint8 *digest,
                 gsize         length,
                 char         *hex)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < length; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[2 * length] = '\0';
}
