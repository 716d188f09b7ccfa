/* generate-call.c: writes a large, valid call file for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: generate-call N_SUBMISSIONS OUTPUT.xml [SEED]
 * The same N and SEED give the same file, byte for byte. Submission i (from 1)
 * belongs to "MINT-Netzwerk <i % 997>", which no other text of the file
 * mentions with a number: a search for "Netzwerk 123" finds exactly those.
 */

#define G_LOG_DOMAIN "generate-call"

#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib.h>

/* Words for German-looking text, with umlauts and one that needs escaping. */
static const char * const words[] = {
  "Schülerinnen", "Schüler", "Ausbildung", "Betriebe", "Förderung", "Übergang", "Prüfung",
  "Lösungen", "Werkstätten", "Hochschulen", "Jugendliche", "Berufsorientierung", "gemeinsam",
  "regional", "praxisnah", "Netzwerk", "Fachkräfte", "Kammern", "Eltern", "Lehrkräfte",
  "Forschung &amp; Entwicklung", "über", "für", "mit", "und", "in", "die", "der", "das",
  "Ausbildungsbetrieb", "Maschinenbau", "Elektrotechnik", "Informatik", "Umwelttechnik",
  "Größe", "Qualität", "Begeisterung", "Zukunft", "Landkreis", "Gemeinde", "öffnen",
  "entdecken", "ausprobieren", "begleiten", "stärken", "gewinnen", "erleben", "Praktikum",
};

static const char * const states[] = {
  "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
};

static void
append_words (GString *out,
              GRand   *rand,
              guint    min,
              guint    max)
{
  guint n = (guint) g_rand_int_range (rand, (gint32) min, (gint32) max + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
}

static void
append_sentences (GString *out,
                  GRand   *rand,
                  guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_words (out, rand, 8, 14);
      g_string_append_c (out, '.');
    }
}

static void
append_element (GString    *out,
                GRand      *rand,
                const char *indent,
                const char *name,
                guint       n_sentences)
{
  g_string_append_printf (out, "%s<%s>", indent, name);
  if (n_sentences == 0)
    append_words (out, rand, 2, 5);
  else
    append_sentences (out, rand, n_sentences);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
append_header (GString *out)
{
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<call xmlns=\"urn:jury-desk:call:1\" id=\"benchmark\" lang=\"de\">\n"
                   "  <title>Benchmark-Ausschreibung</title>\n"
                   "  <theme>Große Mengen prüfen</theme>\n"
                   "  <awards count=\"10\"/>\n"
                   "  <rubric min=\"1\" max=\"5\">\n");

  for (guint i = 0; i < 6; i++)
    {
      g_string_append_printf (out,
                              "    <criterion id=\"kriterium-%u\" weight=\"%u.5\">\n"
                              "      <name>Kriterium %u</name>\n",
                              i + 1, i % 3 + 1, i + 1);
      for (guint value = 1; value <= 5; value++)
        g_string_append_printf (out, "      <level value=\"%u\">%u – Stufe</level>\n", value, value);
      g_string_append (out, "    </criterion>\n");
    }

  g_string_append (out, "  </rubric>\n");
}

/* About 2 kB, with every kind of element a submission may have. */
static void
append_submission (GString *out,
                   GRand   *rand,
                   guint    index)
{
  g_string_append_printf (out, "  <submission id=\"einreichung-%06u\">\n", index);
  append_element (out, rand, "    ", "title", 0);
  g_string_append_printf (out, "    <network founded=\"%d\">MINT-Netzwerk %u</network>\n",
                          g_rand_int_range (rand, 1990, 2025), index % 997);
  g_string_append_printf (out, "    <region state=\"%s\">Landkreis Nummer %u</region>\n",
                          states[index % G_N_ELEMENTS (states)], index % 401);
  g_string_append (out, "    <contact role=\"Netzwerkkoordinatorin\">Jana Müller-Lüdenscheidt</contact>\n");
  append_element (out, rand, "    ", "summary", 2);
  g_string_append (out, "    <description>\n");
  for (guint i = 0; i < 3; i++)
    append_element (out, rand, "      ", "p", 2);
  g_string_append (out, "    </description>\n");
  append_element (out, rand, "    ", "target-group", 1);
  append_element (out, rand, "    ", "format", 0);
  append_element (out, rand, "    ", "format", 0);
  for (guint i = 0; i < 3; i++)
    append_element (out, rand, "    ", "partner", 0);
  append_element (out, rand, "    ", "tip", 1);
  append_element (out, rand, "    ", "tip", 1);
  g_string_append (out, "    <quote author=\"Jörg Schäfer\" role=\"Ausbildungsleiter\">");
  append_sentences (out, rand, 1);
  g_string_append (out, "</quote>\n");
  g_string_append_printf (out, "    <link href=\"https://example.org/einreichung/%u\">Projektseite</link>\n", index);
  g_string_append (out, "  </submission>\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) out = g_string_sized_new (1 << 20);
  g_autoptr(GRand) rand = NULL;
  guint64 count;
  guint64 seed = 20250101;
  FILE *file;

  if ((argc != 3 && argc != 4) ||
      !g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT, &count, NULL) ||
      (argc == 4 && !g_ascii_string_to_unsigned (argv[3], 10, 0, G_MAXUINT32, &seed, NULL)))
    {
      g_printerr ("Usage: %s N_SUBMISSIONS OUTPUT.xml [SEED]\n", argv[0]);
      return 2;
    }

  rand = g_rand_new_with_seed ((guint32) seed);

  file = fopen (argv[2], "wb");
  if (file == NULL)
    {
      g_printerr ("%s: %s\n", argv[2], g_strerror (errno));
      return 1;
    }

  append_header (out);
  for (guint64 i = 0; i < count; i++)
    {
      append_submission (out, rand, (guint) i + 1);
      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, file);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, "</call>\n");
  fwrite (out->str, 1, out->len, file);

  if (ferror (file) || fclose (file) != 0)
    {
      g_printerr ("%s: cannot write the file\n", argv[2]);
      return 1;
    }

  return 0;
}
