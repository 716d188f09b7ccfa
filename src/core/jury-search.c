/* jury-search.c: text folded for a forgiving substring search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-search"

#include "config.h"

#include <string.h>

#include "jury-search.h"

/* What one character of the Basic Multilingual Plane folds to. SIMPLE when the
 * result, marks left out, holds no character of a combining class above 0: only
 * those can be reordered with their neighbours by normalisation, so a character
 * that is simple folds the same wherever it stands. */
typedef struct
{
  guint8 simple;
  guint8 length;
  char   text[];
} FoldEntry;

/* Filled as characters are met, by whichever thread meets them first; an entry
 * never changes once it is there. */
static FoldEntry *fold_entries[0x10000];

static gboolean
is_combining_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The definition: case folding first (it turns "ß" into "ss" and may produce
 * characters that decompose further), then compatibility decomposition, then
 * the marks left out. Appends to OUT; LENGTH bytes of valid UTF-8. */
static void
fold_slowly (GString    *out,
             const char *text,
             gssize      length)
{
  g_autofree char *folded = g_utf8_casefold (text, length);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);

  if (decomposed == NULL)
    {
      g_string_append (out, folded);
      return;
    }

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_combining_mark (c))
        g_string_append_unichar (out, c);
    }
}

static FoldEntry *
fold_entry_new (gunichar c)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  char utf8[6];
  FoldEntry *entry;
  gboolean simple = TRUE;

  fold_slowly (folded, utf8, g_unichar_to_utf8 (c, utf8));
  for (const char *p = folded->str; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_combining_class (g_utf8_get_char (p)) != 0)
      simple = FALSE;

  /* A character of the plane folds to at most 18 characters (U+FDFA). */
  g_assert (folded->len <= G_MAXUINT8);
  entry = g_malloc (sizeof (FoldEntry) + folded->len);
  entry->simple = simple;
  entry->length = folded->len;
  memcpy (entry->text, folded->str, folded->len);

  return entry;
}

static const FoldEntry *
fold_entry (gunichar c)
{
  FoldEntry *entry = g_atomic_pointer_get (&fold_entries[c]);

  if G_LIKELY (entry != NULL)
    return entry;

  entry = fold_entry_new (c);
  if (!g_atomic_pointer_compare_and_exchange (&fold_entries[c], NULL, entry))
    {
      g_free (entry);
      entry = g_atomic_pointer_get (&fold_entries[c]);
    }

  return entry;
}

static void
append_lower_ascii (GString      *out,
                    const guchar *text,
                    gsize         length)
{
  gsize start = out->len;
  char *dest;

  g_string_set_size (out, start + length);
  dest = out->str + start;
  for (gsize i = 0; i < length; i++)
    dest[i] = (char) (text[i] >= 'A' && text[i] <= 'Z' ? text[i] | 0x20 : text[i]);
}

/* Folds the characters from P up to the next ASCII character, END or a byte
 * that is not part of valid UTF-8 (then *BAD is set), and returns where it
 * stopped. The definition splits at ASCII characters: each folds to itself in
 * lower case, and normalisation reorders nothing across a character of class
 * 0. Within the run, characters that are simple fold one by one from the
 * table; a run with any other goes the slow way as a whole. */
static const guchar *
fold_run (GString      *out,
          const guchar *p,
          const guchar *end,
          gboolean     *bad)
{
  const guchar *run = p;
  gsize start = out->len;
  gboolean simple = TRUE;

  while (p < end && *p >= 0x80)
    {
      gunichar c = g_utf8_get_char_validated ((const char *) p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          *bad = TRUE;
          break;
        }

      if (simple && c < G_N_ELEMENTS (fold_entries))
        {
          const FoldEntry *entry = fold_entry (c);

          if (entry->simple)
            g_string_append_len (out, entry->text, entry->length);
          else
            simple = FALSE;
        }
      else
        simple = FALSE;

      p = (const guchar *) g_utf8_next_char (p);
    }

  if (!simple)
    {
      g_string_truncate (out, start);
      fold_slowly (out, (const char *) run, p - run);
    }

  return p;
}

/**
 * jury_search_fold_append:
 *
 * Folds as jury_search_normalize() does, one run of text at a time: ASCII,
 * nearly all of what calls hold, in one pass without a copy in between.
 */
gboolean
jury_search_fold_append (GString    *out,
                         const char *text,
                         gsize       length)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;
  gboolean valid = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  while (p < end)
    {
      const guchar *ascii = p;
      gboolean bad = FALSE;

      while (p < end && *p < 0x80)
        p++;
      if (p > ascii)
        append_lower_ascii (out, ascii, p - ascii);

      if (p < end)
        p = fold_run (out, p, end, &bad);

      if (bad)
        {
          valid = FALSE;
          p++;
        }
    }

  return valid;
}

/**
 * jury_search_normalize:
 *
 * Folds @text for a forgiving substring search: case and accents do not count
 * ("Über" finds "uber"), and "ß" matches "ss". Apply it to both the text and
 * the search string.
 *
 * Returns: (transfer full): the folded text
 */
char *
jury_search_normalize (const char *text)
{
  GString *out;
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  length = strlen (text);
  out = g_string_sized_new (length + 16);
  if (g_utf8_validate_len (text, length, NULL))
    jury_search_fold_append (out, text, length);
  else
    fold_slowly (out, text, length);

  return g_string_free (out, FALSE);
}
