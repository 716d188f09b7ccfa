/* jury-search.c: text folded for a forgiving substring search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
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

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

static inline guint64
load_word (const guchar *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

static inline void
store_word (char    *p,
            guint64  word)
{
  memcpy (p, &word, sizeof word);
}

/* Eight ASCII bytes with A to Z in lower case: a byte's top bit, after adding,
 * tells whether it is from 'A' on and whether it is past 'Z'; no sum carries
 * into the next byte, each being below 0x80. */
static inline guint64
lower_word (guint64 word)
{
  guint64 from_a = word + BYTES (0x80 - 'A');
  guint64 past_z = word + BYTES (0x80 - 'Z' - 1);

  return word | (((from_a ^ past_z) & BYTES (0x80)) >> 2);
}

/* The character at P (before END) when it is one of two or three bytes, as
 * almost every character of a European text is, in *LENGTH; otherwise, or when
 * the bytes are not valid UTF-8, what g_utf8_get_char_validated() says of it. */
static inline gunichar
next_char (const guchar *p,
           const guchar *end,
           guint        *length)
{
  if (p[0] >= 0xc2 && p[0] <= 0xdf && end - p >= 2 && (p[1] & 0xc0) == 0x80)
    {
      *length = 2;
      return ((gunichar) (p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    }

  /* Not E0 (which may be too long a form) nor ED (which may be a surrogate). */
  if (p[0] >= 0xe1 && p[0] <= 0xef && p[0] != 0xed && end - p >= 3 &&
      (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80)
    {
      *length = 3;
      return ((gunichar) (p[0] & 0x0f) << 12) | ((gunichar) (p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    }

  *length = 0;
  return g_utf8_get_char_validated ((const char *) p, end - p);
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
      guint length;
      gunichar c = next_char (p, end, &length);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          *bad = TRUE;
          break;
        }

      if (simple && c < G_N_ELEMENTS (fold_entries))
        {
          const FoldEntry *entry = fold_entry (c);

          if (!entry->simple)
            simple = FALSE;
          else if (out->len + entry->length < out->allocated_len)
            {
              memcpy (out->str + out->len, entry->text, entry->length);
              out->len += entry->length;
              out->str[out->len] = '\0';
            }
          else
            g_string_append_len (out, entry->text, entry->length);
        }
      else
        simple = FALSE;

      p += length != 0 ? length : (guint) g_utf8_skip[*p];
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

  /* Room for the text as long as it is, which folding rarely makes longer. */
  if (out->allocated_len <= out->len + length)
    {
      gsize len = out->len;

      g_string_set_size (out, len + length);
      g_string_truncate (out, len);
    }

  while (p < end)
    {
      gboolean bad = FALSE;
      char *dest;
      gsize n = 0;

      /* ASCII in lower case, straight into the string's room, eight bytes at a
       * time while it can. */
      while (end - (p + n) >= 8 && (load_word (p + n) & BYTES (0x80)) == 0)
        n += 8;
      while (p + n < end && p[n] < 0x80)
        n++;
      if (n > 0)
        {
          gsize len = out->len;
          gsize i = 0;

          g_string_set_size (out, len + n);
          dest = out->str + len;
          for (; n - i >= 8; i += 8)
            store_word (dest + i, lower_word (load_word (p + i)));
          for (; i < n; i++)
            dest[i] = (char) (p[i] >= 'A' && p[i] <= 'Z' ? p[i] | 0x20 : p[i]);
          p += n;
        }

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
 * jury_search_text_contains:
 * @scratch: a string to fold into, reused from one text to the next
 * @needle: (array length=needle_length): folded with jury_search_normalize()
 *
 * Returns: whether the LENGTH bytes of TEXT, folded, contain NEEDLE. The text is
 *   folded a part at a time and the search stops at the first match: most
 *   words a person searches for are found early in most texts that hold them.
 */
gboolean
jury_search_text_contains (GString     *scratch,
                           const char  *text,
                           gsize        length,
                           const char  *needle,
                           gsize        needle_length)
{
  gsize at = 0;

  g_return_val_if_fail (scratch != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (needle_length == 0)
    return TRUE;

  g_string_truncate (scratch, 0);
  while (at < length)
    {
      gsize end = MIN (length, at + 512);
      gsize searched = scratch->len >= needle_length ? scratch->len - needle_length + 1 : 0;

      /* A part ends before an ASCII character: the fold splits there alike. */
      while (end < length && (guchar) text[end] >= 0x80)
        end++;
      jury_search_fold_append (scratch, text + at, end - at);
      at = end;

      if (memmem (scratch->str + searched, scratch->len - searched, needle, needle_length) != NULL)
        return TRUE;
    }

  return FALSE;
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
