/* test-text.c: tests of what names, comments and call texts may hold, and of escaping for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <string.h>

#include "jury-text.h"

typedef struct
{
  const char   *text;
  JuryTextKind  kind;
  const char   *problem;  /* NULL: accepted */
} CheckCase;

/* 20,000 characters of two bytes each: the limit counts characters, not bytes. */
static char *
many_umlauts (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < JURY_COMMENT_MAX_CHARS; i++)
    g_string_append (text, "ü");

  return g_string_free (text, FALSE);
}

static void
test_check (void)
{
  g_autofree char *name_max = g_strnfill (JURY_NAME_MAX_CHARS, 'a');
  g_autofree char *name_over = g_strnfill (JURY_NAME_MAX_CHARS + 1, 'a');
  g_autofree char *comment_max = g_strnfill (JURY_COMMENT_MAX_CHARS, 'x');
  g_autofree char *comment_over = g_strnfill (JURY_COMMENT_MAX_CHARS + 1, 'x');
  g_autofree char *umlauts = many_umlauts ();
  const CheckCase cases[] = {
    { "Anna Berg", JURY_TEXT_NAME, NULL },
    { "Zoë Øster-Ünal", JURY_TEXT_NAME, NULL },
    { "", JURY_TEXT_NAME, "X is empty" },
    { " \t ", JURY_TEXT_NAME, "X is empty" },
    { name_max, JURY_TEXT_NAME, NULL },
    { name_over, JURY_TEXT_NAME, "X has 201 characters; at most 200 are allowed" },
    { "Anna\x1b]0;owned\x07", JURY_TEXT_NAME, "X contains the control character U+001B" },
    { "Anna\nBen", JURY_TEXT_NAME, "X contains the control character U+000A" },
    { "Anna\tBen", JURY_TEXT_NAME, "X contains the control character U+0009" },
    { "Anna\xc2\x85" "Ben", JURY_TEXT_NAME, "X contains the control character U+0085" },
    { "Anna\x7f", JURY_TEXT_NAME, "X contains the control character U+007F" },
    { "Anna\xe2\x80\xa8" "Ben", JURY_TEXT_NAME, "X contains the control character U+2028" },
    { "Anna \xe2\x80\xae" "greB", JURY_TEXT_NAME,
      "X contains the bidirectional control character U+202E, which would reorder the text shown around it" },
    { "\xe2\x81\xa7" "x", JURY_TEXT_NAME, "X contains the bidirectional control character U+2067" },
    { "Anna\xff", JURY_TEXT_NAME, "X is not valid UTF-8 text" },
    { "Line one\nLine two\tand a tab", JURY_TEXT_COMMENT, NULL },
    { "", JURY_TEXT_COMMENT, NULL },
    { comment_max, JURY_TEXT_COMMENT, NULL },
    { comment_over, JURY_TEXT_COMMENT, "X has 20001 characters; at most 20000 are allowed" },
    { umlauts, JURY_TEXT_COMMENT, NULL },
    { "Windows\r\nline", JURY_TEXT_COMMENT, "X contains the control character U+000D" },
    { "bell\a", JURY_TEXT_COMMENT, "X contains the control character U+0007" },
    { "Hebrew \xe2\x80\x8f mark", JURY_TEXT_COMMENT, NULL },
    { "override \xe2\x80\xad", JURY_TEXT_COMMENT, "X contains the bidirectional control character U+202D" },
    { "paragraph\xe2\x80\xa9" "separator", JURY_TEXT_COMMENT, NULL },
    { "Windows\r\nline", JURY_TEXT_CALL, NULL },
    { "next\xc2\x85line", JURY_TEXT_CALL, "X contains the control character U+0085" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = jury_text_check (cases[i].text, cases[i].kind, "X");

      g_test_message ("case %u", i);
      if (cases[i].problem == NULL)
        g_assert_null (problem);
      else
        {
          g_assert_nonnull (problem);
          g_assert_true (g_str_has_prefix (problem, cases[i].problem));
        }
    }
}

static void
test_find_forbidden (void)
{
  const char *text = "ok \xc2\xa0 no-break \xe2\x80\x94 dash \xc2\x9b" "CSI";

  g_assert_cmpuint (jury_text_find_forbidden (text, strlen (text), JURY_TEXT_CALL), ==, 0x9B);
  /* Only the bytes given are looked at. */
  g_assert_cmpuint (jury_text_find_forbidden (text, 10, JURY_TEXT_CALL), ==, 0);
  g_assert_cmpuint (jury_text_find_forbidden ("a\tb\nc", 5, JURY_TEXT_COMMENT), ==, 0);
  g_assert_cmpuint (jury_text_find_forbidden ("a\tb\nc", 5, JURY_TEXT_NAME), ==, '\t');
  g_assert_true (jury_text_is_forbidden_char (0x2066, JURY_TEXT_COMMENT));
  g_assert_false (jury_text_is_forbidden_char (0x200F, JURY_TEXT_NAME));
  g_assert_false (jury_text_is_forbidden_char (0x2028, JURY_TEXT_COMMENT));
}

/* The scan skips printable ASCII eight bytes at a time: a forbidden character is
 * found at every offset and in every kind of neighbourhood. */
static void
test_find_forbidden_anywhere (void)
{
  static const char * const bad[] = {
    "\x01", "\x1b", "\x7f", "\t", "\r", "\n", "\xc2\x9b", "\xc2\x80", "\xe2\x80\xae", "\xe2\x81\xa6",
  };
  static const gunichar found[] = { 0x01, 0x1b, 0x7f, '\t', '\r', '\n', 0x9b, 0x80, 0x202e, 0x2066 };
  static const char * const around[] = { "abcdefghijklmnopqrstuvwxyz 0123456789", "\xc3\xa4\xc3\xb6 ~~~~~~~~ \xe2\x80\x94" };

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    for (guint a = 0; a < G_N_ELEMENTS (around); a++)
      for (gsize offset = 0; offset <= 24; offset++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          gunichar expected = jury_text_is_forbidden_char (found[k], JURY_TEXT_NAME) ? found[k] : 0;

          while (text->len < offset)
            g_string_append (text, around[a]);
          g_string_truncate (text, offset);
          /* Cut inside a character of the neighbourhood: start afresh in ASCII. */
          if (!g_utf8_validate_len (text->str, text->len, NULL))
            g_string_assign (text, "");
          g_string_append (text, bad[k]);
          g_string_append (text, around[a]);
          g_string_append (text, around[a]);

          g_assert_cmpuint (jury_text_find_forbidden (text->str, text->len, JURY_TEXT_NAME), ==, expected);
          /* Not beyond the length given. */
          g_assert_cmpuint (jury_text_find_forbidden (text->str, text->len - strlen (around[a]) * 2 - strlen (bad[k]),
                                                      JURY_TEXT_NAME), ==, 0);
        }
}

static void
test_normalize_line_ends (void)
{
  g_autofree char *text = jury_text_normalize_line_ends ("a\r\nb\rc\nd\r");

  g_assert_cmpstr (text, ==, "a\nb\nc\nd\n");
}

static void
test_sanitize (void)
{
  g_autofree char *comment = jury_text_sanitize ("a\r\nb\x1b[31m\xe2\x80\xae" "c\td\xe2\x80\xa8" "e", JURY_TEXT_COMMENT);
  g_autofree char *name = jury_text_sanitize ("Anna\nBerg\x07\t!", JURY_TEXT_NAME);
  g_autofree char *broken = jury_text_sanitize ("a\xff" "b", JURY_TEXT_COMMENT);

  g_assert_cmpstr (comment, ==, "a\nb[31mc\td\ne");
  g_assert_cmpstr (name, ==, "Anna Berg !");
  g_assert_cmpstr (broken, ==, "ab");
  g_assert_null (jury_text_check (comment, JURY_TEXT_COMMENT, "X"));
  g_assert_null (jury_text_check (name, JURY_TEXT_NAME, "X"));
}

static void
test_escape (void)
{
  g_autofree char *line = jury_text_escape_for_terminal ("Anna\x1b]0;owned\x07\nok\xe2\x80\xae" "x\xff", FALSE);
  g_autofree char *lines = jury_text_escape_for_terminal ("a\tb\nc\r\nd\re\x1b", TRUE);
  g_autofree char *plain = jury_text_escape_for_terminal ("Müller – “ok”", FALSE);

  g_assert_cmpstr (line, ==, "Anna\\x1B]0;owned\\x07\\x0Aok\\u202Ex\\xFF");
  g_assert_cmpstr (lines, ==, "a\tb\nc\r\nd\\x0De\\x1B");
  g_assert_cmpstr (plain, ==, "Müller – “ok”");
  g_assert_null (jury_text_escape_for_terminal (NULL, TRUE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/check", test_check);
  g_test_add_func ("/text/find-forbidden", test_find_forbidden);
  g_test_add_func ("/text/find-forbidden-anywhere", test_find_forbidden_anywhere);
  g_test_add_func ("/text/normalize-line-ends", test_normalize_line_ends);
  g_test_add_func ("/text/sanitize", test_sanitize);
  g_test_add_func ("/text/escape", test_escape);

  return g_test_run ();
}
