/* test-make-call.c: tests of a call made from a table of applications, and of
 * the call writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-make-call"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jury-call-loader.h"
#include "jury-call-writer.h"
#include "jury-make-call.h"
#include "jury-store.h"
#include "jury-test-util.h"

typedef struct
{
  char  *dir;
  GFile *folder;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = jury_test_make_tmp_dir ("test-make-call-XXXXXX");
  f->folder = g_file_new_for_path (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jury_test_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_object (&f->folder);
}

static JuryTable *
table_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JuryTable *table = jury_table_read_bytes (bytes, "applications.csv", &error);

  g_assert_no_error (error);
  return table;
}

/* The submissions of TEXT as mapped by its headers. */
static GPtrArray *
make (Fixture     *f,
      const char  *text,
      GError     **error)
{
  g_autoptr(JuryTable) table = table_from (text);
  JuryColumnMapping mapping;
  JuryMakeCallOptions options = { "applications.csv", f->folder, NULL, 0 };

  jury_column_mapping_guess (&mapping, table);
  return jury_make_submissions (table, &mapping, &options, NULL, error);
}

static JurySubmission *
nth (GPtrArray *submissions,
     guint      i)
{
  return g_ptr_array_index (submissions, i);
}

static JuryCall *
load_call (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(GError) error = NULL;
  JuryCall *call;

  call = jury_call_loader_load (loader, NULL, &error);
  g_assert_no_error (error);

  return call;
}

static gboolean
collect_cb (const JuryCall  *call,
            JurySubmission  *submission,
            guint            line,
            gpointer         user_data,
            GError         **error)
{
  g_ptr_array_add (user_data, g_variant_take_ref (jury_submission_serialize (submission)));
  return TRUE;
}

/* Every submission of the call at PATH, serialized. */
static GPtrArray *
load_serialized (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *serialized = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  jury_call_loader_set_callbacks (loader, NULL, collect_cb, serialized);
  call = jury_call_loader_load (loader, NULL, &error);
  g_assert_no_error (error);

  return serialized;
}

static JuryCall *
sample_call (void)
{
  g_autofree char *sample = jury_test_dup_sample_path ();

  return load_call (sample);
}

/* Tests */

/* German headers, as an application form exports them. */
static void
test_german_headers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  JurySubmission *s;

  submissions = make (f,
                      "Projekttitel;Netzwerk;Landkreis;Ansprechperson;Kurzbeschreibung;Beschreibung;"
                      "Zielgruppe;Formate;Partner;Website;Gegründet;Budget\n"
                      "Schülerinnen forschen;MINT-Region Süd;Landkreis Harburg;\"Anna Berg; Bernd Köhler\";"
                      "Ein Jahr im Labor.;\"Erster Absatz.\n\nZweiter Absatz.\";Klassen 8–10;Workshop;"
                      "\"Schule\nBetrieb\";www.example.org;2017;12.000 €\n"
                      "Schülerinnen forschen;Netzwerk Nord;;;;;;;;https://example.org/nord;;\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (submissions->len, ==, 2);

  s = nth (submissions, 0);
  g_assert_cmpstr (s->id, ==, "schuelerinnen-forschen");
  g_assert_cmpstr (s->title, ==, "Schülerinnen forschen");
  g_assert_cmpstr (s->network, ==, "MINT-Region Süd");
  g_assert_cmpstr (s->region, ==, "Landkreis Harburg");
  g_assert_cmpuint (s->contacts->len, ==, 2);
  g_assert_cmpstr (((JuryContact *) g_ptr_array_index (s->contacts, 1))->name, ==, "Bernd Köhler");
  g_assert_cmpstr (s->summary, ==, "Ein Jahr im Labor.");
  g_assert_cmpuint (g_strv_length (s->description), ==, 2);
  g_assert_cmpstr (s->description[1], ==, "Zweiter Absatz.");
  g_assert_cmpstr (s->target_group, ==, "Klassen 8–10");
  g_assert_cmpuint (g_strv_length (s->formats), ==, 1);
  g_assert_cmpuint (g_strv_length (s->partners), ==, 2);
  g_assert_cmpuint (s->links->len, ==, 1);
  g_assert_cmpstr (((JuryLink *) g_ptr_array_index (s->links, 0))->href, ==, "https://www.example.org");
  /* The other columns, in the table's order. */
  g_assert_cmpuint (s->fields->len, ==, 2);
  g_assert_cmpstr (((JuryField *) g_ptr_array_index (s->fields, 0))->name, ==, "Gegründet");
  g_assert_cmpstr (((JuryField *) g_ptr_array_index (s->fields, 0))->paragraphs[0], ==, "2017");
  g_assert_cmpstr (((JuryField *) g_ptr_array_index (s->fields, 1))->name, ==, "Budget");

  /* The same title twice: the second id is made unique; empty cells give nothing. */
  s = nth (submissions, 1);
  g_assert_cmpstr (s->id, ==, "schuelerinnen-forschen-2");
  g_assert_null (s->region);
  g_assert_cmpuint (s->contacts->len, ==, 0);
  g_assert_cmpuint (s->fields->len, ==, 0);
}

/* English headers, and an id column. */
static void
test_english_headers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(JuryTable) table = NULL;
  JuryColumnMapping mapping;
  JurySubmission *s;

  submissions = make (f,
                      "Application ID,Project title,Network,County,Contact person,Summary,Description,"
                      "Target group,Website,Goals\n"
                      "A-17,Robots at school,North Network,Harburg,Jo Smith,Short.,Long.,Pupils,"
                      "http://example.org,\"To reach\nevery school\"\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (submissions->len, ==, 1);
  s = nth (submissions, 0);
  g_assert_cmpstr (s->id, ==, "A-17");
  g_assert_cmpstr (s->title, ==, "Robots at school");
  g_assert_cmpstr (s->network, ==, "North Network");
  g_assert_cmpstr (s->region, ==, "Harburg");
  g_assert_cmpstr (s->target_group, ==, "Pupils");
  g_assert_cmpuint (s->fields->len, ==, 1);
  g_assert_cmpuint (g_strv_length (((JuryField *) g_ptr_array_index (s->fields, 0))->paragraphs), ==, 2);

  /* The headers map whatever their case and marks. */
  table = table_from ("PROJEKTTITEL:*,  netzwerk \nA,B\n");
  jury_column_mapping_guess (&mapping, table);
  g_assert_cmpint (mapping.columns[JURY_COLUMN_TITLE], ==, 0);
  g_assert_cmpint (mapping.columns[JURY_COLUMN_NETWORK], ==, 1);
  g_assert_cmpint (mapping.columns[JURY_COLUMN_ID], ==, -1);
}

/* --column: a column to a part, a part to no column, and what it refuses. */
static void
test_column_option (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JuryTable) table = table_from ("Name des Vorhabens,Titel,Netzwerk\nA,B,C\n");
  g_autoptr(GError) error = NULL;
  JuryColumnMapping mapping;

  jury_column_mapping_guess (&mapping, table);
  g_assert_cmpint (mapping.columns[JURY_COLUMN_TITLE], ==, 1);

  g_assert_true (jury_column_mapping_apply (&mapping, table, "title=name des vorhabens", &error));
  g_assert_no_error (error);
  g_assert_cmpint (mapping.columns[JURY_COLUMN_TITLE], ==, 0);
  g_assert_true (jury_column_mapping_apply (&mapping, table, "network=", &error));
  g_assert_cmpint (mapping.columns[JURY_COLUMN_NETWORK], ==, -1);
  /* A column fills one part. */
  g_assert_true (jury_column_mapping_apply (&mapping, table, "summary=Name des Vorhabens", &error));
  g_assert_cmpint (mapping.columns[JURY_COLUMN_SUMMARY], ==, 0);
  g_assert_cmpint (mapping.columns[JURY_COLUMN_TITLE], ==, -1);

  g_assert_false (jury_column_mapping_apply (&mapping, table, "budget=Titel", &error));
  g_assert_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_MAPPING);
  jury_test_assert_contains (error->message, "there is no field “budget”");
  g_clear_error (&error);
  g_assert_false (jury_column_mapping_apply (&mapping, table, "title=Projektname", &error));
  jury_test_assert_contains (error->message, "the first row has no column “Projektname”");
  g_clear_error (&error);
  g_assert_false (jury_column_mapping_apply (&mapping, table, "title", &error));
  g_assert_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_MAPPING);
}

/* Every problem, named with its line; nothing when one is there. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  static const struct {
    const char *table;
    const char *message;
  } cases[] = {
    { "Titel,Netzwerk\nA,B\n,C\n", "applications.csv: line 3: no title" },
    { "Titel,Website\nA,ftp://example.org\n",
      "applications.csv: line 2: “ftp://example.org” in the column “Website” is no web address" },
    { "Titel,Website\nA,nirgends\n", "line 2: “nirgends” in the column “Website” is no web address" },
    { "Id,Titel\na b,A\n", "line 2: “a b” is no id" },
    { "Id,Titel\nx,A\ny,B\nx,C\n", "line 4: the id “x” is the one of row 2" },
    { "Titel,Netzwerk\nA\xe2\x80\xae" "B,C\n", "line 2: the column “Titel”" },
    { "Titel,,Budget\nA,hidden,5\n", "line 2: column 2 holds text but has no header to name it by" },
    { "Netzwerk,Budget\nA,5\n", "applications.csv: no column holds the titles; name it with --column title=HEADER" },
    { "Titel\n", "applications.csv: no row below the first holds an application" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) submissions = make (f, cases[i].table, &error);

      g_test_message ("%s", error != NULL ? error->message : "(no error)");
      g_assert_null (submissions);
      g_assert_nonnull (error);
      jury_test_assert_contains (error->message, cases[i].message);
    }

  /* All the problems at once, up to a limit. */
  {
    g_autoptr(GString) text = g_string_new ("Titel,Netzwerk\n");
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) submissions = NULL;

    for (guint r = 0; r < 50; r++)
      g_string_append (text, r % 2 == 0 ? ",x\n" : "A,y\n");
    submissions = make (f, text->str, &error);
    g_assert_null (submissions);
    jury_test_assert_contains (error->message, "applications.csv: line 2: no title\n"
                                               "applications.csv: line 4: no title\n");
    jury_test_assert_contains (error->message, "applications.csv: line 40: no title\n"
                                               "applications.csv: and 5 more problems");
    g_assert_null (strstr (error->message, "line 42:"));
  }
}

/* Ids made from titles: readable, stable, unique, and never one the id column
 * gives another row. */
static void
test_slugs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autofree char *long_slug = NULL;

  static const char * const cases[][2] = {
    { "Schubs – Schule und Beruf!", "schubs-schule-und-beruf" },
    { "Öko-Straße 2025", "oeko-strasse-2025" },
    { "Dilek Aydın", "dilek-aydin" },
    { "???", "submission" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = jury_make_slug (cases[i][0]);

      g_assert_cmpstr (slug, ==, cases[i][1]);
    }
  long_slug = jury_make_slug ("Ein sehr langer Titel eines Projekts, der weit mehr als sechzig Zeichen hat");
  g_assert_cmpuint (strlen (long_slug), <=, 60);
  g_assert_false (g_str_has_suffix (long_slug, "-"));

  submissions = make (f, "Id,Titel\n,Robots\nrobots,Andere\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nth (submissions, 1)->id, ==, "robots");
  g_assert_cmpstr (nth (submissions, 0)->id, ==, "robots-2");
}

/* What an id of a call, a criterion or a submission may be. */
static void
test_identifiers (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *longest = g_strnfill (128, 'a');
  g_autofree char *too_long = g_strnfill (129, 'a');
  const struct { const char *id; gboolean valid; } cases[] = {
    { "mint-2025", TRUE },
    { "A.b_c-9", TRUE },
    { "7", TRUE },
    { longest, TRUE },
    { "", FALSE },
    { too_long, FALSE },
    { "-mint", FALSE },
    { ".hidden", FALSE },
    { "mint 2025", FALSE },
    { "mint/2025", FALSE },
    { "größe", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (jury_is_identifier (cases[i].id), ==, cases[i].valid);
}

/* PATH with SIZE bytes that begin with HEAD. */
static void
write_file (const char *path,
            const char *head,
            gsize       head_size,
            goffset     size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, head_size), ==, (gssize) head_size);
  if (size > (goffset) head_size)
    g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_close (fd, NULL);
}

/* Attachments from a folder per submission, or named in a column; checked. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *anlagen = g_build_filename (f->dir, "anlagen", NULL);
  g_autofree char *robots = g_build_filename (anlagen, "robots", NULL);
  g_autofree char *pdf = g_build_filename (robots, "antrag.pdf", NULL);
  g_autofree char *png = g_build_filename (robots, "logo.png", NULL);
  g_autofree char *hidden = g_build_filename (robots, ".DS_Store", NULL);
  g_autofree char *text = g_build_filename (anlagen, "notes.txt", NULL);
  g_autofree char *huge = g_build_filename (anlagen, "huge.pdf", NULL);
  g_autofree char *call_path = g_build_filename (f->dir, "call.xml", NULL);
  g_autofree char *jury_path = g_build_filename (f->dir, "anna.jury", NULL);
  g_autoptr(GFile) attachments = g_file_new_for_path (anlagen);
  g_autoptr(GFile) call_file = g_file_new_for_path (call_path);
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(JuryTable) table = NULL;
  g_autoptr(JuryCall) call = sample_call ();
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  JuryColumnMapping mapping;
  JuryMakeCallOptions options = { "applications.csv", f->folder, attachments, 0 };
  const JuryAttachment *attachment;

  g_assert_cmpint (g_mkdir_with_parents (robots, 0755), ==, 0);
  write_file (pdf, "%PDF-1.4\n", 9, 0);
  write_file (png, "\x89PNG\r\n\x1a\n", 8, 0);
  write_file (hidden, "junk", 4, 0);

  /* A folder per submission id. */
  table = table_from ("Id,Titel\nrobots,Robots\nother,Other\n");
  jury_column_mapping_guess (&mapping, table);
  submissions = jury_make_submissions (table, &mapping, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nth (submissions, 0)->attachments->len, ==, 2);
  g_assert_cmpuint (nth (submissions, 1)->attachments->len, ==, 0);
  attachment = g_ptr_array_index (nth (submissions, 0)->attachments, 0);
  g_assert_cmpstr (attachment->href, ==, "anlagen/robots/antrag.pdf");
  g_assert_cmpstr (attachment->type, ==, "application/pdf");
  {
    g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "%PDF-1.4\n", -1);

    g_assert_cmpstr (attachment->sha256, ==, digest);
  }
  g_assert_cmpstr (((JuryAttachment *) g_ptr_array_index (nth (submissions, 0)->attachments, 1))->type, ==,
                   "image/png");

  /* The call file names them, and init takes them in, checked. */
  g_clear_pointer (&call->theme, g_free);
  g_free (call->id);
  call->id = g_strdup ("test-2026");
  g_assert_true (jury_call_write_file (call, submissions, call_file, NULL, &error));
  g_assert_no_error (error);
  store = jury_store_create (jury_path, call_file, "Anna Berg", NULL, &error);
  g_assert_no_error (error);
  stored = jury_store_get_attachment (store, "robots", "anlagen/robots/antrag.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (stored), ==, 9);

  /* Named in a column; what is refused. */
  write_file (text, "just text", 9, 0);
  write_file (huge, "%PDF-1.4\n", 9, JURY_ATTACHMENT_MAX_SIZE + 1);
  {
    static const struct {
      const char *cell;
      const char *message;
    } cases[] = {
      { "robots/antrag.pdf; robots/logo.png", NULL },
      { "notes.txt", "line 2: the attachment “notes.txt” is neither a PDF nor a PNG or JPEG image" },
      { "huge.pdf", "line 2: the attachment “huge.pdf” is larger than 64 MiB" },
      { "missing.pdf", "line 2: the attachment “missing.pdf” cannot be read" },
      { "../call.xml", "line 2: the attachment “../call.xml” is not inside the attachments folder" },
      { "robots", "line 2: the attachment “robots” is not a plain file" },
      { "robots/antrag.pdf\nrobots/antrag.pdf", "line 2: the attachment “robots/antrag.pdf” is named twice" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *csv = g_strdup_printf ("Titel,Anlagen\nRobots,\"%s\"\n", cases[i].cell);
        g_autoptr(JuryTable) column_table = table_from (csv);
        g_autoptr(GPtrArray) made = NULL;

        jury_column_mapping_guess (&mapping, column_table);
        g_assert_cmpint (mapping.columns[JURY_COLUMN_ATTACHMENTS], ==, 1);
        made = jury_make_submissions (column_table, &mapping, &options, NULL, &error);
        if (cases[i].message == NULL)
          {
            g_assert_no_error (error);
            g_assert_cmpuint (nth (made, 0)->attachments->len, ==, 2);
          }
        else
          {
            g_test_message ("%s", error->message);
            g_assert_null (made);
            jury_test_assert_contains (error->message, cases[i].message);
            g_clear_error (&error);
          }
      }
  }

  /* The attachments must be where the call file can name them. */
  {
    g_autoptr(GFile) elsewhere = g_file_new_for_path ("/");
    JuryMakeCallOptions outside = { "applications.csv", attachments, elsewhere, 0 };

    g_clear_pointer (&submissions, g_ptr_array_unref);
    submissions = jury_make_submissions (table, &mapping, &outside, NULL, &error);
    g_assert_null (submissions);
    g_assert_error (error, JURY_MAKE_CALL_ERROR, JURY_MAKE_CALL_ERROR_ATTACHMENTS);
  }
}

/* The writer: the sample call written and loaded back is the same call, every
 * submission the same as it was. */
static void
test_writer_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.xml", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GPtrArray) originals = load_serialized (sample);
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_free);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(JuryCall) call = sample_call ();
  g_autoptr(JuryCall) loaded = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < originals->len; i++)
    {
      JurySubmission *submission = jury_submission_deserialize (g_ptr_array_index (originals, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (submissions, submission);
    }

  g_assert_true (jury_call_write_file (call, submissions, copy, NULL, &error));
  g_assert_no_error (error);

  loaded = load_call (copy_path);
  g_assert_cmpstr (loaded->id, ==, call->id);
  g_assert_cmpstr (loaded->title, ==, call->title);
  g_assert_cmpstr (loaded->theme, ==, call->theme);
  g_assert_cmpstr (loaded->description, ==, call->description);
  g_assert_cmpuint (loaded->awards, ==, call->awards);
  g_assert_cmpint (loaded->scale_min, ==, call->scale_min);
  g_assert_cmpint (loaded->scale_max, ==, call->scale_max);
  g_assert_cmpuint (loaded->criteria->len, ==, call->criteria->len);
  for (guint c = 0; c < call->criteria->len; c++)
    {
      const JuryCriterion *a = g_ptr_array_index (call->criteria, c);
      const JuryCriterion *b = g_ptr_array_index (loaded->criteria, c);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->description, ==, b->description);
      g_assert_cmpfloat (a->weight, ==, b->weight);
      g_assert_cmpuint (a->levels->len, ==, b->levels->len);
    }

  copies = load_serialized (copy_path);
  g_assert_cmpuint (copies->len, ==, originals->len);
  for (guint i = 0; i < originals->len; i++)
    g_assert_true (g_variant_equal (g_ptr_array_index (originals, i), g_ptr_array_index (copies, i)));

  /* Never over a file. */
  g_assert_false (jury_call_write_file (call, submissions, copy, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

/* A call the loader would refuse is never written. */
static void
test_writer_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_free);
  g_autoptr(JuryCall) call = sample_call ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      JurySubmission *submission = jury_submission_new ();

      submission->id = g_strdup ("same");
      submission->title = g_strdup ("Twice");
      g_ptr_array_add (submissions, submission);
    }

  g_assert_false (jury_call_write_file (call, submissions, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  jury_test_assert_contains (error->message, "bad.xml would not be a valid call, and was not written");
  g_assert_cmpuint (jury_test_count_entries (f->dir), ==, 0);
}

/* The command line: a table with German headers and a folder of attachments,
 * the rubric of the sample; the call validates and a juror's database is made
 * from it. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_autofree char *table = g_build_filename (f->dir, "bewerbungen.csv", NULL);
  g_autofree char *robots = g_build_filename (f->dir, "anlagen", "roboter-in-der-schule", NULL);
  g_autofree char *pdf = g_build_filename (robots, "antrag.pdf", NULL);
  g_autofree char *new_call = NULL;
  g_auto(JuryTestResult) result = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (robots, 0755), ==, 0);
  write_file (pdf, "%PDF-1.4\n", 9, 0);
  g_assert_true (g_file_set_contents (table,
                                      "Projekttitel;Netzwerk;Landkreis;Gegründet\n"
                                      "Roboter in der Schule;MINT Nord;Harburg;2017\n"
                                      "Forschen im Wald;MINT Süd;Oberallgäu;2019\n", -1, NULL));

  jury_test_run_cli (f->dir, &result, "make-call", "bewerbungen.csv", "-o", "call.xml", "--rubric", sample,
                     "--title", "MINT-Regionen wirken! 2026", "--attachments", "anlagen", NULL);
  g_test_message ("%s%s", result.out, result.err);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "call.xml: 2 submissions from bewerbungen.csv, with 1 attachment\n");
  jury_test_assert_contains (result.out, "title         ← Projekttitel\n");
  jury_test_assert_contains (result.out, "fields        ← Gegründet\n");
  jury_test_result_clear (&result);

  jury_test_run_cli (f->dir, &result, "validate", "call.xml", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_assert_contains (result.out, "valid call \"MINT-Regionen wirken! 2026\" — 2 submissions, 6 criteria");
  jury_test_result_clear (&result);

  jury_test_run_cli (f->dir, &result, "init", "call.xml", "--juror", "Anna", "-o", "anna.jury", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);
  jury_test_run_cli (f->dir, &result, "attachment", "anna.jury", "roboter-in-der-schule", "antrag.pdf",
                     "-o", "out.pdf", NULL);
  g_assert_cmpint (result.status, ==, 0);
  jury_test_result_clear (&result);

  /* Not over a file; every problem of the table named; nothing written. */
  jury_test_run_cli (f->dir, &result, "make-call", "bewerbungen.csv", "-o", "call.xml", "--rubric", sample, NULL);
  g_assert_cmpint (result.status, ==, 1);
  jury_test_assert_contains (result.err, "call.xml exists already");
  jury_test_result_clear (&result);
  g_assert_true (g_file_set_contents (table, "Projekttitel;Website\n;x\nA;nowhere\n", -1, NULL));
  jury_test_run_cli (f->dir, &result, "make-call", "bewerbungen.csv", "-o", "new.xml", "--rubric", sample, NULL);
  g_assert_cmpint (result.status, ==, 1);
  jury_test_assert_contains (result.err, "jury-desk: bewerbungen.csv: line 2: no title\n");
  jury_test_assert_contains (result.err, "jury-desk: bewerbungen.csv: line 3: “nowhere” in the column “Website”");
  new_call = g_build_filename (f->dir, "new.xml", NULL);
  g_assert_false (g_file_test (new_call, G_FILE_TEST_EXISTS));
  jury_test_result_clear (&result);
  jury_test_run_cli (f->dir, &result, "make-call", "bewerbungen.csv", "-o", "new.xml", "--rubric", sample,
                     "--column", "budget=Website", NULL);
  g_assert_cmpint (result.status, ==, 2);
  jury_test_assert_contains (result.err, "there is no field “budget”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/make-call/german-headers", test_german_headers);
  ADD ("/make-call/english-headers", test_english_headers);
  ADD ("/make-call/column-option", test_column_option);
  ADD ("/make-call/refusals", test_refusals);
  ADD ("/make-call/slugs", test_slugs);
  ADD ("/make-call/identifiers", test_identifiers);
  ADD ("/make-call/attachments", test_attachments);
  ADD ("/make-call/writer/round-trip", test_writer_round_trip);
  ADD ("/make-call/writer/refuses", test_writer_refuses);
  ADD ("/make-call/cli", test_cli);
#undef ADD

  return g_test_run ();
}
