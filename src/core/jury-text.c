/* jury-text.c: what text people type and files carry may hold, and how it reaches a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-text.h"

static gboolean
is_bidi_control (gunichar c)
{
  /* LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI */
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_allowed_control (gunichar      c,
                    JuryTextKind  kind)
{
  switch (kind)
    {
    case JURY_TEXT_COMMENT:
      return c == '\n' || c == '\t';
    case JURY_TEXT_CALL:
      return c == '\n' || c == '\t' || c == '\r';
    case JURY_TEXT_NAME:
    default:
      return FALSE;
    }
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

static gboolean
is_line_separator (gunichar c)
{
  return c == 0x2028 || c == 0x2029;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static guint
max_chars (JuryTextKind kind)
{
  switch (kind)
    {
    case JURY_TEXT_NAME:
      return JURY_NAME_MAX_CHARS;
    case JURY_TEXT_COMMENT:
      return JURY_COMMENT_MAX_CHARS;
    case JURY_TEXT_CALL:
    default:
      return G_MAXUINT;
    }
}

gboolean
jury_text_is_forbidden_char (gunichar      c,
                             JuryTextKind  kind)
{
  if (is_control (c))
    return !is_allowed_control (c, kind);

  return is_bidi_control (c) || (kind == JURY_TEXT_NAME && is_line_separator (c));
}

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* Past the bytes from P that are printable ASCII (0x20 to 0x7E), eight at a time
 * while it can: most of a call is. The tests on a word are exact for "is there
 * such a byte", so a word is skipped only when it holds none. */
static inline const guchar *
skip_printable_ascii (const guchar *p,
                      const guchar *end)
{
  while (end - p >= 8)
    {
      guint64 w, del;

      memcpy (&w, p, sizeof w);
      del = w ^ BYTES (0x7F);
      if (((w & BYTES (0x80)) |                        /* a byte from 0x80 */
           ((w - BYTES (0x20)) & ~w & BYTES (0x80)) |  /* a byte below 0x20 */
           ((del - BYTES (0x01)) & ~del & BYTES (0x80))) != 0)  /* 0x7F */
        break;
      p += 8;
    }

  while (p < end && *p >= 0x20 && *p < 0x7F)
    p++;

  return p;
}

/* Only bytes below 0x20, 0x7F, and sequences that start with 0xC2 (C1 controls)
 * or 0xE2 (the bidirectional controls, the separators) can be forbidden, so the
 * scan decodes little: a call of hundreds of megabytes passes through here. */
gunichar
jury_text_find_forbidden (const char    *text,
                          gsize          length,
                          JuryTextKind   kind)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;

  g_return_val_if_fail (text != NULL || length == 0, 0);

  while (p < end)
    {
      guchar b = *p;
      gunichar c;

      if (b >= 0x20 && b < 0x7F)
        {
          p = skip_printable_ascii (p + 1, end);
          continue;
        }

      if (b < 0x80)
        c = b, p++;
      else if (b == 0xC2 && end - p >= 2)
        c = ((b & 0x1F) << 6) | (p[1] & 0x3F), p += 2;
      else if (b == 0xE2 && end - p >= 3)
        c = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F), p += 3;
      else
        {
          p++;
          continue;
        }

      if (jury_text_is_forbidden_char (c, kind))
        return c;
    }

  return 0;
}

char *
jury_text_check (const char    *text,
                 JuryTextKind   kind,
                 const char    *what)
{
  gsize length;
  glong n_chars;
  gunichar bad;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  length = strlen (text);
  if (!g_utf8_validate (text, length, NULL))
    /* Translators: %s is what is checked, e.g. "the name" */
    return g_strdup_printf (_("%s is not valid UTF-8 text"), what);

  if (kind == JURY_TEXT_NAME && is_blank (text))
    return g_strdup_printf (_("%s is empty"), what);

  n_chars = g_utf8_strlen (text, length);
  if ((gulong) n_chars > max_chars (kind))
    /* Translators: what is checked, its length, the limit */
    return g_strdup_printf (_("%s has %ld characters; at most %u are allowed"), what, n_chars, max_chars (kind));

  bad = jury_text_find_forbidden (text, length, kind);
  if (bad != 0 && is_bidi_control (bad))
    return g_strdup_printf (_("%s contains the bidirectional control character U+%04X, "
                              "which would reorder the text shown around it"),
                            what, bad);
  if (bad != 0)
    return g_strdup_printf (_("%s contains the control character U+%04X"), what, bad);

  return NULL;
}

char *
jury_text_describe_comment (const char *submission_id,
                            const char *criterion_id)
{
  g_return_val_if_fail (submission_id != NULL, NULL);

  if (criterion_id == NULL || *criterion_id == '\0')
    return g_strdup_printf (_("the overall comment on “%s”"), submission_id);

  /* Translators: a criterion's id, then a submission's id */
  return g_strdup_printf (_("the comment on “%s” for “%s”"), criterion_id, submission_id);
}

char *
jury_text_normalize_line_ends (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\r')
        g_string_append_c (out, *p);
      else if (p[1] != '\n')
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

char *
jury_text_sanitize (const char    *text,
                    JuryTextKind   kind)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      /* A line end from another system, or a paragraph separator, is a newline;
       * in a name, where no line ends, every break is a space. */
      if (c == '\r' && *p == '\n')
        continue;
      if (c == '\r' || c == '\v' || is_line_separator (c))
        c = '\n';
      if (kind == JURY_TEXT_NAME && (c == '\n' || c == '\t'))
        c = ' ';

      if (!jury_text_is_forbidden_char (c, kind))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
jury_text_escape_for_terminal (const char *text,
                               gboolean    keep_lines)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }

      if ((keep_lines && (c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n'))) ||
          !(is_control (c) || is_bidi_control (c) || is_line_separator (c)))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_printf (out, "\\u%04X", c);

      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

char *
jury_text_slug (const char *text,
                const char *fallback,
                gsize       max_length)
{
  g_autoptr(GString) mapped = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  g_autofree char *down = NULL;
  g_autoptr(GString) slug = g_string_new (NULL);
  gsize last_break = 0;

  g_return_val_if_fail (fallback != NULL, NULL);

  /* Letters the transliteration leaves out, though their reading is plain. */
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == 0x0131)        /* ı */
        g_string_append_c (mapped, 'i');
      else if (c == 0x0130)   /* İ */
        g_string_append_c (mapped, 'I');
      else if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      else
        g_string_append_unichar (mapped, c);
    }

  ascii = g_str_to_ascii (mapped->str, "de");
  down = g_ascii_strdown (ascii, -1);
  for (const char *p = down; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, *p);
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        {
          last_break = slug->len;
          g_string_append_c (slug, '-');
        }
      if (slug->len > max_length)
        {
          /* At a word's end, when there is one. */
          g_string_truncate (slug, last_break > 0 ? last_break : max_length);
          break;
        }
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, fallback);

  return g_string_free (g_steal_pointer (&slug), FALSE);
}
