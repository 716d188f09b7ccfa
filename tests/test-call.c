/* test-call.c: the call data and the call file loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-call"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "jury-call-loader.h"
#include "jury-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JuryLink, jury_link_free)

/* What the callbacks saw, and how they should behave. */
typedef struct
{
  GPtrArray      *ids;
  GArray         *lines;
  guint           n_headers;
  guint           fail_at;             /* the submission (from 1) whose callback fails; 0: none */
  gboolean        fail_with_error;
  GCancellable   *cancel_after_first;
  const char     *kept_id;
  JurySubmission *kept;                /* a copy of the submission kept_id */
} Seen;

static void
seen_init (Seen *seen)
{
  memset (seen, 0, sizeof *seen);
  seen->ids = g_ptr_array_new_with_free_func (g_free);
  seen->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->ids, g_ptr_array_unref);
  g_clear_pointer (&seen->lines, g_array_unref);
  g_clear_pointer (&seen->kept, jury_submission_free);
}

static gboolean
header_cb (const JuryCall  *call,
           gpointer         user_data,
           GError         **error)
{
  Seen *seen = user_data;

  g_assert_nonnull (call->title);
  g_assert_cmpuint (call->criteria->len, >, 0);
  g_assert_cmpuint (seen->ids->len, ==, 0);
  seen->n_headers++;

  return TRUE;
}

static JurySubmission *
copy_submission (const JurySubmission *submission)
{
  g_autoptr(GVariant) variant = jury_submission_serialize (submission);
  g_autoptr(GError) error = NULL;
  JurySubmission *copy = jury_submission_deserialize (variant, &error);

  g_assert_no_error (error);

  return copy;
}

static gboolean
submission_cb (const JuryCall  *call,
               JurySubmission  *submission,
               guint            line,
               gpointer         user_data,
               GError         **error)
{
  Seen *seen = user_data;

  g_assert_cmpuint (seen->n_headers, ==, 1);
  g_ptr_array_add (seen->ids, g_strdup (submission->id));
  g_array_append_val (seen->lines, line);

  if (seen->kept_id != NULL && g_strcmp0 (submission->id, seen->kept_id) == 0)
    seen->kept = copy_submission (submission);

  if (seen->cancel_after_first != NULL)
    g_cancellable_cancel (seen->cancel_after_first);

  if (seen->fail_at == seen->ids->len)
    {
      if (seen->fail_with_error)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "No space left for %s", submission->id);
      return FALSE;
    }

  return TRUE;
}

static JuryCall *
load_file (GFile   *file,
           Seen    *seen,
           goffset  max_size,
           GError **error)
{
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);

  g_assert_true (jury_call_loader_get_file (loader) == file);
  if (max_size > 0)
    jury_call_loader_set_max_size (loader, max_size);
  jury_call_loader_set_callbacks (loader, header_cb, submission_cb, seen);

  return jury_call_loader_load (loader, seen->cancel_after_first, error);
}

static JuryCall *
load_path (const char *path,
           Seen       *seen,
           GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return load_file (file, seen, 0, error);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* The line of each "<submission " in the text, found without any XML parser. */
static GArray *
find_submission_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  guint line = 1;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        line++;
      else if (g_str_has_prefix (p, "<submission ") || g_str_has_prefix (p, "<submission>"))
        g_array_append_val (lines, line);
    }

  return lines;
}

static void
assert_lines_equal (GArray *expected,
                    GArray *seen)
{
  g_assert_cmpmem (expected->data, expected->len * sizeof (guint),
                   seen->data, seen->len * sizeof (guint));
}

static void
test_sample (void)
{
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected_lines = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  const JuryCriterion *criterion;
  const JurySubmission *submission;
  const JuryQuote *quote;
  gsize length;
  Seen seen;
  guint index = 0;

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

  seen_init (&seen);
  seen.kept_id = "natuerlich-ausbildung";
  call = load_path (sample, &seen, &error);
  g_assert_no_error (error);
  g_assert_nonnull (call);

  g_assert_cmpstr (call->id, ==, "mint-regionen-wirken-2025");
  g_assert_cmpstr (call->lang, ==, "de");
  g_assert_cmpstr (call->title, ==, "MINT-Regionen wirken! 2025");
  g_assert_cmpstr (call->theme, ==, "Ausbildung stärken!");
  g_assert_true (g_str_has_prefix (call->description, "Der Wettbewerb „MINT-Regionen wirken!“"));
  g_assert_cmpuint (call->awards, ==, 5);
  g_assert_cmpint (call->scale_min, ==, 1);
  g_assert_cmpint (call->scale_max, ==, 5);
  g_assert_cmpstr (call->sha256, ==, sha256);
  g_assert_cmpuint (seen.n_headers, ==, 1);

  g_assert_cmpuint (call->criteria->len, ==, 6);
  for (guint i = 0; i < call->criteria->len; i++)
    {
      criterion = g_ptr_array_index (call->criteria, i);
      g_assert_cmpuint (criterion->levels->len, ==, 5);
      g_assert_nonnull (criterion->name);
      g_assert_nonnull (criterion->description);
      for (int value = 1; value <= 5; value++)
        g_assert_nonnull (jury_criterion_get_level_label (criterion, value));
      g_assert_null (jury_criterion_get_level_label (criterion, 6));
    }

  criterion = jury_call_find_criterion (call, "tueren", &index);
  g_assert_nonnull (criterion);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpfloat (criterion->weight, ==, 1.5);
  g_assert_cmpstr (criterion->name, ==, "Türen öffnen: Betriebe und Einrichtungen gewähren Einblick");
  g_assert_cmpstr (jury_criterion_get_level_label (criterion, 4), ==,
                   "4 – intensiver Austausch mit Azubis und Fachkräften");
  criterion = jury_call_find_criterion (call, "praxis", NULL);
  g_assert_cmpfloat (criterion->weight, ==, 2.0);
  g_assert_null (jury_call_find_criterion (call, "nothing", &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpfloat (jury_call_total_weight (call), ==, 2.0 + 1.5 + 1.0 + 1.0 + 1.5 + 1.0);

  g_assert_cmpuint (seen.ids->len, >=, 27);
  g_assert_cmpuint (call->n_submissions, ==, seen.ids->len);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 0), ==, "natuerlich-ausbildung");
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 1), ==, "schubs");
  expected_lines = find_submission_lines (contents);
  assert_lines_equal (expected_lines, seen.lines);

  submission = seen.kept;
  g_assert_nonnull (submission);
  g_assert_cmpstr (submission->title, ==, "NATürlich Ausbildung");
  g_assert_cmpstr (submission->network, ==, "MINT-Region in Berlin und Brandenburg");
  g_assert_cmpstr (submission->region, ==, "Berlin und Brandenburg");
  g_assert_cmpstr (submission->region_state, ==, "BE");
  g_assert_cmpuint (submission->contacts->len, ==, 1);
  g_assert_cmpstr (((JuryContact *) g_ptr_array_index (submission->contacts, 0))->role, ==,
                   "Netzwerkkoordinatorin");
  g_assert_cmpuint (g_strv_length (submission->description), ==, 3);
  g_assert_true (g_str_has_prefix (submission->description[0], "Eine Veranstaltungsreihe"));
  g_assert_true (g_strv_contains ((const char * const *) submission->formats, "Türen öffnen"));
  g_assert_cmpuint (g_strv_length (submission->partners), ==, 4);
  g_assert_cmpuint (g_strv_length (submission->tips), ==, 2);
  g_assert_true (g_str_has_prefix (submission->tips[0], "Die Mädchen in ihrem eigenen Alltag abholen"));
  g_assert_cmpuint (submission->quotes->len, ==, 2);
  quote = g_ptr_array_index (submission->quotes, 0);
  g_assert_cmpstr (quote->author, ==, "Charoula Finkelnburg");
  g_assert_cmpstr (quote->role, ==, "Netzwerkkoordinatorin");
  g_assert_true (g_str_has_prefix (quote->text, "Die Schülerinnen stellen ihre Klischees"));

  seen_clear (&seen);
}

/* Whitespace, empty optional texts, defaults and level order. */
static void
test_minimal (void)
{
  g_autofree char *path = fixture_path ("call-minimal.xml");
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(JuryCall) copy = NULL;
  g_autoptr(GError) error = NULL;
  const JuryCriterion *reach;
  const JuryCriterion *quality;
  const JurySubmission *second;
  const JuryLink *link;
  Seen seen;

  seen_init (&seen);
  seen.kept_id = "second";
  call = load_path (path, &seen, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (call->title, ==, "Minimal call");
  g_assert_null (call->theme);
  g_assert_null (call->description);
  g_assert_cmpuint (call->awards, ==, 1);
  g_assert_cmpuint (call->n_submissions, ==, 2);

  quality = jury_call_find_criterion (call, "quality", NULL);
  g_assert_cmpfloat (quality->weight, ==, 2.0);
  g_assert_cmpuint (quality->levels->len, ==, 2);
  g_assert_cmpint (((JuryLevel *) g_ptr_array_index (quality->levels, 0))->value, ==, 1);
  g_assert_cmpint (((JuryLevel *) g_ptr_array_index (quality->levels, 1))->value, ==, 3);
  g_assert_null (jury_criterion_get_level_label (quality, 2));
  g_assert_cmpstr (jury_criterion_get_level_label (quality, 3), ==, "3 – good");
  reach = jury_call_find_criterion (call, "reach", NULL);
  g_assert_cmpfloat (reach->weight, ==, 1.0);
  g_assert_cmpuint (reach->levels->len, ==, 0);
  g_assert_cmpfloat (jury_call_total_weight (call), ==, 3.0);

  second = seen.kept;
  g_assert_cmpstr (second->summary, ==, "Two lines");
  g_assert_cmpuint (g_strv_length (second->description), ==, 2);
  g_assert_cmpstr (second->description[0], ==, "One.");
  g_assert_cmpstr (second->description[1], ==, "Two.");
  g_assert_cmpuint (g_strv_length (second->formats), ==, 1);
  g_assert_cmpuint (g_strv_length (second->tips), ==, 0);
  g_assert_null (second->network);
  g_assert_cmpint (second->network_founded, ==, 0);
  g_assert_cmpuint (second->links->len, ==, 1);
  link = g_ptr_array_index (second->links, 0);
  g_assert_cmpstr (link->href, ==, "https://example.org/second");
  g_assert_cmpstr (link->label, ==, link->href);

  copy = jury_call_copy (call);
  g_assert_true (copy != call);
  g_assert_cmpstr (copy->sha256, ==, call->sha256);
  g_assert_cmpstr (copy->title, ==, call->title);
  g_assert_cmpuint (copy->n_submissions, ==, 2);
  g_assert_cmpuint (copy->criteria->len, ==, 2);
  g_assert_true (copy->criteria->pdata[0] != call->criteria->pdata[0]);
  g_assert_cmpstr (jury_criterion_get_level_label (jury_call_find_criterion (copy, "quality", NULL), 1),
                   ==, "1 – poor");

  seen_clear (&seen);
}

static void
test_no_submissions (void)
{
  g_autofree char *path = fixture_path ("call-no-submissions.xml");
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;

  seen_init (&seen);
  call = load_path (path, &seen, &error);
  g_assert_no_error (error);
  g_assert_nonnull (call);
  g_assert_cmpuint (seen.n_headers, ==, 1);
  g_assert_cmpuint (seen.ids->len, ==, 0);
  g_assert_cmpuint (call->n_submissions, ==, 0);
  g_assert_nonnull (call->sha256);
  seen_clear (&seen);
}

typedef struct
{
  const char    *fixture;
  JuryCallError  code;
  const char    *message;
} Refusal;

static const Refusal refusals[] = {
  { "call-malformed.xml", JURY_CALL_ERROR_MALFORMED, "call-malformed.xml:19: <title>, opened on line 19, is closed by </titel>" },
  { "call-truncated.xml", JURY_CALL_ERROR_MALFORMED, "call-truncated.xml:30: the file ends before <format>" },
  { "call-undeclared-entity.xml", JURY_CALL_ERROR_MALFORMED, "call-undeclared-entity.xml:19: \"&nbsp;\" is not known" },
  { "call-other-namespace.xml", JURY_CALL_ERROR_NOT_A_CALL, "call-other-namespace.xml: this is not a Jury Desk call file (expected <call> in namespace urn:jury-desk:call:1)" },
  { "call-no-namespace.xml", JURY_CALL_ERROR_NOT_A_CALL, "call-no-namespace.xml: this is not a Jury Desk call file" },
  { "call-wrong-root.xml", JURY_CALL_ERROR_NOT_A_CALL, "call-wrong-root.xml: this is not a Jury Desk call file" },
  { "call-doctype.xml", JURY_CALL_ERROR_FORBIDDEN, "call-doctype.xml:3: the file declares a document type" },
  { "call-doctype-subset.xml", JURY_CALL_ERROR_FORBIDDEN, "call-doctype-subset.xml:3: the file declares a document type" },
  { "call-doctype-external.xml", JURY_CALL_ERROR_FORBIDDEN, "call-doctype-external.xml:3: the file declares a document type" },
  { "call-doctype-broken.xml", JURY_CALL_ERROR_FORBIDDEN, "call-doctype-broken.xml:3: the file declares a document type" },
  { "call-entity.xml", JURY_CALL_ERROR_FORBIDDEN, "call-entity.xml:3: the file declares a document type" },
  { "call-billion-laughs.xml", JURY_CALL_ERROR_FORBIDDEN, "call-billion-laughs.xml:3: the file declares a document type" },
  { "call-xxe.xml", JURY_CALL_ERROR_FORBIDDEN, "call-xxe.xml:3: the file declares a document type" },
  { "call-xxe-parameter.xml", JURY_CALL_ERROR_FORBIDDEN, "call-xxe-parameter.xml:3: the file declares a document type" },
  { "call-no-title.xml", JURY_CALL_ERROR_INVALID, "call-no-title.xml:18: <submission> is incomplete: it needs <title>" },
  { "call-no-rubric.xml", JURY_CALL_ERROR_INVALID, "call-no-rubric.xml:7: <submission> is not allowed here inside <call>" },
  { "call-unknown-element.xml", JURY_CALL_ERROR_INVALID, "call-unknown-element.xml:28: <b> is not part of the call format" },
  { "call-unknown-child.xml", JURY_CALL_ERROR_INVALID, "call-unknown-child.xml:31: <video> is not part of the call format" },
  { "call-unknown-attribute.xml", JURY_CALL_ERROR_INVALID, "call-unknown-attribute.xml:18: status=\"draft\" is not allowed on <submission>" },
  { "call-stray-text.xml", JURY_CALL_ERROR_INVALID, ": <call> may not contain text directly" },
  { "call-wrong-order.xml", JURY_CALL_ERROR_INVALID, "call-wrong-order.xml:29: <summary> is not allowed here inside <submission>" },
  { "call-awards-zero.xml", JURY_CALL_ERROR_INVALID, "call-awards-zero.xml:6: count=\"0\" on <awards> is not a whole number greater than 0" },
  { "call-weight-nan-lowercase.xml", JURY_CALL_ERROR_INVALID, "call-weight-nan-lowercase.xml:8: weight=\"nan\" is not allowed on <criterion>" },
  { "call-weight-inf-lowercase.xml", JURY_CALL_ERROR_INVALID, "call-weight-inf-lowercase.xml:8: weight=\"inf\" is not allowed on <criterion>" },
  { "call-empty-title.xml", JURY_CALL_ERROR_BAD_VALUE, "call-empty-title.xml:4: the call's title is empty" },
  { "call-attachment-parent.xml", JURY_CALL_ERROR_BAD_VALUE,
    "call-attachment-parent.xml:20: the attachment “../secret.pdf” may not name “.”, “..” or an empty folder" },
  { "call-attachment-absolute.xml", JURY_CALL_ERROR_BAD_VALUE,
    "call-attachment-absolute.xml:20: the attachment “/etc/passwd” must be named relative to the call file’s folder" },
  { "call-attachment-digest.xml", JURY_CALL_ERROR_BAD_VALUE,
    "call-attachment-digest.xml:20: the SHA-256 of the attachment “antrag.pdf” must be 64 hexadecimal digits" },
  { "call-attachment-type.xml", JURY_CALL_ERROR_BAD_VALUE,
    "call-attachment-type.xml:20: the attachment “run.sh” has the type “application/x-sh”" },
  { "call-attachment-twice.xml", JURY_CALL_ERROR_DUPLICATE,
    "call-attachment-twice.xml:21: submission \"first\" names the attachment “a.pdf” twice" },
  { "call-control-character.xml", JURY_CALL_ERROR_BAD_VALUE, "call-control-character.xml:23: the text contains the control character U+0085" },
  { "call-bidi-override.xml", JURY_CALL_ERROR_BAD_VALUE, "call-bidi-override.xml:19: the text contains the bidirectional control character U+202E" },
  { "call-empty-submission-title.xml", JURY_CALL_ERROR_BAD_VALUE, "call-empty-submission-title.xml:22: submission \"second\" has an empty title" },
  { "call-empty-name.xml", JURY_CALL_ERROR_BAD_VALUE, "call-empty-name.xml:14: criterion \"reach\" has an empty name" },
  { "call-id-spaces.xml", JURY_CALL_ERROR_BAD_VALUE, "call-id-spaces.xml:21: the id \" second \" has spaces around it" },
  { "call-duplicate-submission.xml", JURY_CALL_ERROR_DUPLICATE, "call-duplicate-submission.xml:21: submission \"first\" appears twice (first on line 18)" },
  { "call-duplicate-criterion.xml", JURY_CALL_ERROR_DUPLICATE, "call-duplicate-criterion.xml:13: criterion \"quality\" appears twice" },
  { "call-weight-zero.xml", JURY_CALL_ERROR_BAD_VALUE, "call-weight-zero.xml:8: criterion \"quality\" has the weight \"0\"" },
  { "call-weight-negative.xml", JURY_CALL_ERROR_BAD_VALUE, "call-weight-negative.xml:8: criterion \"quality\" has the weight \"-1.5\"" },
  { "call-weight-nan.xml", JURY_CALL_ERROR_BAD_VALUE, "call-weight-nan.xml:8: criterion \"quality\" has the weight \"NaN\"" },
  { "call-weight-inf.xml", JURY_CALL_ERROR_BAD_VALUE, "call-weight-inf.xml:8: criterion \"quality\" has the weight \"INF\"" },
  { "call-scale-equal.xml", JURY_CALL_ERROR_BAD_VALUE, "call-scale-equal.xml:7: the lowest score (min=\"3\") must be less than the highest (max=\"3\")" },
  { "call-scale-reversed.xml", JURY_CALL_ERROR_BAD_VALUE, "call-scale-reversed.xml:7: the lowest score (min=\"3\") must be less than the highest (max=\"1\")" },
  { "call-level-outside.xml", JURY_CALL_ERROR_BAD_VALUE, "call-level-outside.xml:11: criterion \"quality\" has a level for 4, outside the scale from 1 to 3" },
  { "call-level-duplicate.xml", JURY_CALL_ERROR_BAD_VALUE, "call-level-duplicate.xml:11: criterion \"quality\" has two levels for 3" },
};

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = fixture_path (refusals[i].fixture);
      g_autoptr(JuryCall) call = NULL;
      g_autoptr(GError) error = NULL;
      Seen seen;

      g_test_message ("%s", refusals[i].fixture);
      seen_init (&seen);
      call = load_path (path, &seen, &error);
      g_assert_null (call);
      g_assert_error (error, JURY_CALL_ERROR, (int) refusals[i].code);
      if (strstr (error->message, refusals[i].message) == NULL)
        g_error ("%s: expected “%s” in “%s”", refusals[i].fixture, refusals[i].message, error->message);
      /* Nothing of a refused file reaches the consumer past the refusal. */
      if (refusals[i].code == JURY_CALL_ERROR_FORBIDDEN)
        g_assert_cmpuint (seen.n_headers, ==, 0);
      seen_clear (&seen);
    }
}

/* The refusals above come before anything is handed on; a refusal inside a
 * submission still hands on the ones before it, never the faulty one. */
static void
test_refusal_stops (void)
{
  g_autofree char *path = fixture_path ("call-duplicate-submission.xml");
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;

  seen_init (&seen);
  call = load_path (path, &seen, &error);
  g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_DUPLICATE);
  g_assert_cmpuint (seen.ids->len, ==, 1);
  seen_clear (&seen);

  g_clear_error (&error);
  g_free (path);
  path = fixture_path ("call-unknown-element.xml");
  seen_init (&seen);
  call = load_path (path, &seen, &error);
  g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_INVALID);
  g_assert_cmpuint (seen.ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 0), ==, "first");
  seen_clear (&seen);
}

static void
test_too_large (void)
{
  g_autofree char *path = fixture_path ("call-minimal.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;

  seen_init (&seen);
  call = load_file (file, &seen, 200, &error);
  g_assert_null (call);
  g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "call-minimal.xml: "));
  g_assert_cmpuint (seen.n_headers, ==, 0);
  seen_clear (&seen);
}

typedef struct
{
  const char *name;
  const char *contents;
  gsize       length;
  const char *message;
} NotACall;

static void
test_not_xml (void)
{
  static const NotACall files[] = {
    { "empty.xml", "", 0, "empty.xml: the file is empty" },
    { "blank.xml", " \n\t\n", 4, "blank.xml: the file is empty" },
    { "picture.xml", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20, "picture.xml: this is not an XML file" },
    { "panel.jury", "SQLite format 3\0\x10\0\x01\x01\0@  \0\0\0\x02", 28, "panel.jury: this is a database (such as a .jury file), not a call file" },
    { "comment.xml", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n", 39, "comment.xml: the file holds no XML element" },
    { "missing.xml", NULL, 0, "missing.xml: cannot read the file" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-call-XXXXXX", &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr(JuryCall) call = NULL;
      int code = files[i].contents != NULL ? JURY_CALL_ERROR_MALFORMED : JURY_CALL_ERROR_IO;
      Seen seen;

      if (files[i].contents != NULL)
        g_assert_true (g_file_set_contents (path, files[i].contents, files[i].length, NULL));

      seen_init (&seen);
      call = load_path (path, &seen, &error);
      g_assert_null (call);
      g_assert_error (error, JURY_CALL_ERROR, code);
      if (!g_str_has_prefix (error->message, files[i].message))
        g_error ("expected “%s” at the start of “%s”", files[i].message, error->message);
      g_clear_error (&error);
      seen_clear (&seen);
      g_remove (path);
    }

  g_rmdir (dir);
}

/* An external entity that points at a real file with a known text: that
 * text must not appear anywhere, and the reader stops before the content. */
static void
test_external_entity (void)
{
  static const char secret_text[] = "SECRET-7f3a9c";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-call-XXXXXX", &error);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *path = g_build_filename (dir, "call-xxe.xml", NULL);
  g_autofree char *secret_uri = g_filename_to_uri (secret, NULL, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JuryCall) call = NULL;
  Seen seen;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (secret, secret_text, -1, NULL));
  contents = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                              "<!DOCTYPE call [ <!ENTITY secret SYSTEM \"%s\"> ]>\n"
                              "<call xmlns=\"urn:jury-desk:call:1\" id=\"x\">\n"
                              "  <title>&secret;</title>\n"
                              "  <awards count=\"1\"/>\n"
                              "  <rubric min=\"1\" max=\"2\"><criterion id=\"c\"><name>&secret;</name></criterion></rubric>\n"
                              "  <submission id=\"s\"><title>&secret;</title></submission>\n"
                              "</call>\n", secret_uri);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  seen_init (&seen);
  call = load_path (path, &seen, &error);
  g_assert_null (call);
  g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_FORBIDDEN);
  g_assert_null (strstr (error->message, secret_text));
  g_assert_cmpuint (seen.n_headers, ==, 0);
  g_assert_cmpuint (seen.ids->len, ==, 0);
  seen_clear (&seen);

  g_remove (secret);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_callback_lines (void)
{
  g_autofree char *path = fixture_path ("call-minimal.xml");
  g_autofree char *contents = NULL;
  g_autoptr(GArray) expected_lines = NULL;
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected_lines = find_submission_lines (contents);

  seen_init (&seen);
  call = load_path (path, &seen, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 0), ==, "first");
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 1), ==, "second");
  assert_lines_equal (expected_lines, seen.lines);
  seen_clear (&seen);
}

/* libxml2 keeps an element's line only below 65535. */
static void
test_big_lines (void)
{
  const guint n = 23000;
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GArray) expected_lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-call-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);
  g_autofree char *message = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(JuryCall) call = NULL;
  Seen seen;

  g_assert_no_error (error);
  g_string_append (contents,
                   "<call xmlns=\"urn:jury-desk:call:1\" id=\"big\">\n"
                   "<title>Big</title><awards count=\"1\"/>\n"
                   "<rubric min=\"1\" max=\"2\"><criterion id=\"c\"><name>C</name></criterion></rubric>\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (contents, "  <submission id=\"s%u\">\n    <title>S %u</title>\n  </submission>\n", i, i);
  g_string_append (contents, "</call>\n");
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, NULL));
  expected_lines = find_submission_lines (contents->str);
  g_assert_cmpuint (g_array_index (expected_lines, guint, n - 1), >, 65535);

  seen_init (&seen);
  call = load_path (path, &seen, &error);
  g_assert_no_error (error);
  assert_lines_equal (expected_lines, seen.lines);
  /* Read and hashed in many pieces, the file's digest is still its own. */
  g_assert_cmpuint (contents->len, >, 4 * 256 * 1024);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents->str, contents->len);
  g_assert_cmpstr (call->sha256, ==, sha256);
  seen_clear (&seen);

  /* The last submission repeats the first id. */
  g_string_replace (contents, "id=\"s22999\"", "id=\"s0\"", 1);
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, NULL));
  seen_init (&seen);
  g_clear_pointer (&call, jury_call_free);
  call = load_path (path, &seen, &error);
  g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_DUPLICATE);
  message = g_strdup_printf ("big.xml:%u: submission \"s0\" appears twice (first on line 4)",
                             g_array_index (expected_lines, guint, n - 1));
  g_assert_cmpstr (error->message, ==, message);
  seen_clear (&seen);

  g_remove (path);
  g_rmdir (dir);
}

/* The title of a submission in a call that holds it, as the loader reads it;
 * NULL with ERROR when the call is refused. */
static char *
load_title (const char  *title,
            GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("test-call-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "title.xml", NULL);
  g_autofree char *contents = g_strdup_printf ("<call xmlns=\"urn:jury-desk:call:1\" id=\"t\">\n"
                                               "<title>T</title><awards count=\"1\"/>\n"
                                               "<rubric min=\"1\" max=\"2\"><criterion id=\"c\"><name>C</name>"
                                               "</criterion></rubric>\n"
                                               "<submission id=\"s\"><title>%s</title></submission>\n"
                                               "</call>\n", title);
  g_autoptr(JuryCall) call = NULL;
  char *result = NULL;
  Seen seen;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  seen_init (&seen);
  seen.kept_id = "s";
  call = load_path (path, &seen, error);
  if (call != NULL)
    result = g_strdup (seen.kept->title);
  seen_clear (&seen);
  g_remove (path);
  g_rmdir (dir);

  return result;
}

/* Whitespace is collapsed and forbidden characters are found wherever they
 * stand, also across the eight bytes the loader looks at together. */
static void
test_text_words (void)
{
  static const struct {
    const char *title;
    const char *expected;
  } texts[] = {
    { "abcdefgh", "abcdefgh" },
    { "abcdefg  hijklmno", "abcdefg hijklmno" },      /* two spaces across a word */
    { "abcdef  ghijklmno", "abcdef ghijklmno" },      /* two spaces in a word */
    { "abcdefgh ijklmnop  q", "abcdefgh ijklmnop q" },
    { "abcdefghijk\tl", "abcdefghijk l" },
    { "  abcdefghij\n  klm  ", "abcdefghij klm" },
    { "Größe – Übergänge „für“ alle", "Größe – Übergänge „für“ alle" },
    { "a b c d e f g h i j", "a b c d e f g h i j" },
  };
  static const struct {
    const char *title;
    const char *message;
  } forbidden[] = {
    { "abcdefgh\xc2\x85", "U+0085" },
    { "ÄÖÜäöüßÄÖÜ\xc2\x9f und mehr", "U+009F" },
    { "1 – 2 – 3 – 4\xe2\x80\xae", "U+202E" },
    { "abcdefg\x7f", "U+007F" },
    { "äöü\xe2\x81\xa6" "abcdefgh", "U+2066" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = load_title (texts[i].title, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (title, ==, texts[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = load_title (forbidden[i].title, &error);

      g_assert_null (title);
      g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, forbidden[i].message));
    }
}

static void
test_callback_error (void)
{
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_autoptr(GError) error = NULL;
  Seen seen;

  /* The callback's own error comes back as it is. */
  seen_init (&seen);
  seen.fail_at = 2;
  seen.fail_with_error = TRUE;
  g_assert_null (load_path (sample, &seen, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_assert_cmpstr (error->message, ==, "No space left for schubs");
  g_assert_cmpuint (seen.ids->len, ==, 2);
  seen_clear (&seen);
  g_clear_error (&error);

  /* A callback that gives no reason still stops the load. */
  seen_init (&seen);
  seen.fail_at = 1;
  g_assert_null (load_path (sample, &seen, &error));
  g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_ABORTED);
  g_assert_true (g_str_has_prefix (error->message, "mint-regionen-wirken-2025.xml:"));
  g_assert_cmpuint (seen.ids->len, ==, 1);
  seen_clear (&seen);
}

static gboolean
failing_header_cb (const JuryCall  *call,
                   gpointer         user_data,
                   GError         **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "read-only database");

  return FALSE;
}

static void
test_header_error (void)
{
  g_autoptr(GFile) file = jury_test_sample_file ();
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(GError) error = NULL;
  Seen seen;

  seen_init (&seen);
  jury_call_loader_set_callbacks (loader, failing_header_cb, submission_cb, &seen);
  g_assert_null (jury_call_loader_load (loader, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_cmpuint (seen.ids->len, ==, 0);
  seen_clear (&seen);
}

static void
test_cancel (void)
{
  g_autofree char *sample = jury_test_dup_sample_path ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Seen seen;

  /* Cancelled before it starts. */
  seen_init (&seen);
  seen.cancel_after_first = cancellable;
  g_cancellable_cancel (cancellable);
  g_assert_null (load_path (sample, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.n_headers, ==, 0);
  seen_clear (&seen);
  g_clear_error (&error);

  /* Cancelled while it runs: no submission is handed on after that. */
  g_cancellable_reset (cancellable);
  seen_init (&seen);
  seen.cancel_after_first = cancellable;
  g_assert_null (load_path (sample, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.ids->len, ==, 1);
  seen_clear (&seen);
}

static gpointer
load_in_thread (gpointer data)
{
  g_autoptr(GFile) file = jury_test_sample_file ();
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(GError) error = NULL;
  JuryCall *call;

  call = jury_call_loader_load (loader, NULL, &error);
  g_assert_no_error (error);

  return call;
}

static gpointer
refuse_in_thread (gpointer data)
{
  g_autofree char *path = fixture_path (data);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(GError) error = NULL;

  g_assert_null (jury_call_loader_load (loader, NULL, &error));

  return g_steal_pointer (&error);
}

/* Loads run in worker threads: errors of one must not land in another. */
static void
test_threads (void)
{
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      if (i % 2 == 0)
        threads[i] = g_thread_new ("load", load_in_thread, NULL);
      else
        threads[i] = g_thread_new ("refuse", refuse_in_thread, (gpointer) "call-unknown-element.xml");
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      if (i % 2 == 0)
        {
          g_autoptr(JuryCall) call = g_thread_join (threads[i]);

          g_assert_cmpuint (call->n_submissions, >=, 27);
        }
      else
        {
          g_autoptr(GError) error = g_thread_join (threads[i]);

          g_assert_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "call-unknown-element.xml:28: "));
        }
    }
}

static JurySubmission *
make_full_submission (void)
{
  JurySubmission *submission = jury_submission_new ();
  const char * const paragraphs[] = { "Erster Absatz.", "Zweiter Absatz mit „Zitat“.", NULL };
  const char * const formats[] = { "Türen öffnen", NULL };
  const char * const partners[] = { "Schulen", "Betriebe", "Kammern", NULL };
  const char * const tips[] = { "Früh anfangen.", NULL };

  submission->id = g_strdup ("natuerlich-ausbildung");
  submission->title = g_strdup ("NATürlich Ausbildung");
  submission->network = g_strdup ("MINT-Region Berlin");
  submission->network_founded = 2016;
  submission->region = g_strdup ("Berlin und Brandenburg");
  submission->region_state = NULL;
  g_ptr_array_add (submission->contacts, jury_contact_new ("Charoula Finkelnburg", "Koordinatorin"));
  g_ptr_array_add (submission->contacts, jury_contact_new ("Frank Mayer", NULL));
  submission->summary = g_strdup ("Mädchen lernen Berufe kennen.");
  g_strfreev (submission->description);
  submission->description = g_strdupv ((char **) paragraphs);
  submission->target_group = NULL;
  g_strfreev (submission->formats);
  submission->formats = g_strdupv ((char **) formats);
  g_strfreev (submission->partners);
  submission->partners = g_strdupv ((char **) partners);
  g_strfreev (submission->tips);
  submission->tips = g_strdupv ((char **) tips);
  g_ptr_array_add (submission->quotes, jury_quote_new ("Großartig!", "Elternstimme", NULL));
  g_ptr_array_add (submission->quotes, jury_quote_new ("Weiter so.", "Beate Wilper", "Jury"));
  g_ptr_array_add (submission->links, jury_link_new ("https://example.org/a", "Projektseite"));

  return submission;
}

static void
assert_submissions_equal (const JurySubmission *a,
                          const JurySubmission *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->network, ==, b->network);
  g_assert_cmpint (a->network_founded, ==, b->network_founded);
  g_assert_cmpstr (a->region, ==, b->region);
  g_assert_cmpstr (a->region_state, ==, b->region_state);
  g_assert_cmpstr (a->summary, ==, b->summary);
  g_assert_cmpstr (a->target_group, ==, b->target_group);
  g_assert_true (g_strv_equal ((const char * const *) a->description, (const char * const *) b->description));
  g_assert_true (g_strv_equal ((const char * const *) a->formats, (const char * const *) b->formats));
  g_assert_true (g_strv_equal ((const char * const *) a->partners, (const char * const *) b->partners));
  g_assert_true (g_strv_equal ((const char * const *) a->tips, (const char * const *) b->tips));

  g_assert_cmpuint (a->contacts->len, ==, b->contacts->len);
  for (guint i = 0; i < a->contacts->len; i++)
    {
      const JuryContact *ca = g_ptr_array_index (a->contacts, i);
      const JuryContact *cb = g_ptr_array_index (b->contacts, i);

      g_assert_cmpstr (ca->name, ==, cb->name);
      g_assert_cmpstr (ca->role, ==, cb->role);
    }

  g_assert_cmpuint (a->quotes->len, ==, b->quotes->len);
  for (guint i = 0; i < a->quotes->len; i++)
    {
      const JuryQuote *qa = g_ptr_array_index (a->quotes, i);
      const JuryQuote *qb = g_ptr_array_index (b->quotes, i);

      g_assert_cmpstr (qa->text, ==, qb->text);
      g_assert_cmpstr (qa->author, ==, qb->author);
      g_assert_cmpstr (qa->role, ==, qb->role);
    }

  g_assert_cmpuint (a->links->len, ==, b->links->len);
  for (guint i = 0; i < a->links->len; i++)
    {
      const JuryLink *la = g_ptr_array_index (a->links, i);
      const JuryLink *lb = g_ptr_array_index (b->links, i);

      g_assert_cmpstr (la->href, ==, lb->href);
      g_assert_cmpstr (la->label, ==, lb->label);
    }

  g_assert_cmpuint (a->fields->len, ==, b->fields->len);
  for (guint i = 0; i < a->fields->len; i++)
    {
      const JuryField *fa = g_ptr_array_index (a->fields, i);
      const JuryField *fb = g_ptr_array_index (b->fields, i);

      g_assert_cmpstr (fa->name, ==, fb->name);
      g_assert_true (g_strv_equal ((const char * const *) fa->paragraphs, (const char * const *) fb->paragraphs));
    }

  g_assert_cmpuint (a->attachments->len, ==, b->attachments->len);
  for (guint i = 0; i < a->attachments->len; i++)
    {
      const JuryAttachment *aa = g_ptr_array_index (a->attachments, i);
      const JuryAttachment *ab = g_ptr_array_index (b->attachments, i);

      g_assert_cmpstr (aa->href, ==, ab->href);
      g_assert_cmpstr (aa->sha256, ==, ab->sha256);
      g_assert_cmpstr (aa->type, ==, ab->type);
      g_assert_cmpstr (aa->label, ==, ab->label);
    }
}

static void
test_serialize (void)
{
  g_autoptr(JurySubmission) submission = make_full_submission ();
  g_autoptr(JurySubmission) minimal = jury_submission_new ();
  g_autoptr(JurySubmission) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  variant = jury_submission_serialize (submission);
  g_assert_false (g_variant_is_floating (variant));

  /* The way the database keeps it: bytes, read back with the same type. */
  bytes = g_variant_get_data_as_bytes (variant);
  stored = g_variant_ref_sink (g_variant_new_from_bytes (g_variant_get_type (variant), bytes, FALSE));
  back = jury_submission_deserialize (stored, &error);
  g_assert_no_error (error);
  assert_submissions_equal (submission, back);

  minimal->id = g_strdup ("m");
  minimal->title = g_strdup ("Minimal");
  g_clear_pointer (&variant, g_variant_unref);
  g_clear_pointer (&back, jury_submission_free);
  variant = jury_submission_serialize (minimal);
  back = jury_submission_deserialize (variant, &error);
  g_assert_no_error (error);
  assert_submissions_equal (minimal, back);
}

/* Fields and attachments travel in a longer form; a submission without them keeps
 * the form of the databases made before they existed, byte for byte. */
static void
test_serialize_extended (void)
{
  g_autoptr(JurySubmission) submission = make_full_submission ();
  g_autoptr(JurySubmission) back = NULL;
  g_autoptr(GVariant) plain = jury_submission_serialize (submission);
  g_autoptr(GVariant) extended = NULL;
  g_autoptr(GError) error = NULL;
  const char *paragraphs[] = { "Eins.", "Zwei.", NULL };

  g_assert_cmpstr (g_variant_get_type_string (plain), ==, "(ssmsimsmsa(sms)msasmsasasasa(ssms)a(ss))");

  g_ptr_array_add (submission->fields, jury_field_new ("Ziele", paragraphs));
  g_ptr_array_add (submission->attachments,
                   jury_attachment_new ("anlagen/antrag.pdf",
                                        "0817051ba7f595fd628a3fdd268855dc395b4b50f426d4a5994329792ea056ed",
                                        "application/pdf", NULL));
  extended = jury_submission_serialize (submission);
  g_assert_cmpstr (g_variant_get_type_string (extended), ==,
                   "(ssmsimsmsa(sms)msasmsasasasa(ssms)a(ss)a(sas)a(sssms))");
  back = jury_submission_deserialize (extended, &error);
  g_assert_no_error (error);
  assert_submissions_equal (submission, back);
  g_assert_cmpstr (jury_attachment_get_file_name (g_ptr_array_index (back->attachments, 0)), ==, "antrag.pdf");

  /* What the loader would refuse is refused when read back, too. */
  g_free (((JuryAttachment *) g_ptr_array_index (submission->attachments, 0))->href);
  ((JuryAttachment *) g_ptr_array_index (submission->attachments, 0))->href = g_strdup ("../antrag.pdf");
  g_clear_pointer (&back, jury_submission_free);
  g_clear_pointer (&extended, g_variant_unref);
  extended = jury_submission_serialize (submission);
  back = jury_submission_deserialize (extended, &error);
  g_assert_null (back);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_fields_and_attachments (void)
{
  g_autofree char *path = fixture_path ("call-fields.xml");
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;
  const JuryField *field;
  const JuryAttachment *attachment;
  g_autofree char *search = NULL;
  Seen seen;

  seen_init (&seen);
  seen.kept_id = "first";
  call = load_path (path, &seen, &error);
  g_assert_no_error (error);
  g_assert_nonnull (seen.kept);

  /* In the file's order; an empty field is left out like any empty element. */
  g_assert_cmpuint (seen.kept->fields->len, ==, 2);
  field = g_ptr_array_index (seen.kept->fields, 0);
  g_assert_cmpstr (field->name, ==, "Gegründet");
  g_assert_cmpstrv (field->paragraphs, ((const char *[]) { "2016", NULL }));
  field = g_ptr_array_index (seen.kept->fields, 1);
  g_assert_cmpstr (field->name, ==, "Ziele");
  g_assert_cmpstrv (field->paragraphs, ((const char *[]) { "Mehr Mädchen in MINT-Berufe.", "Ausbildung sichtbar machen.", NULL }));

  g_assert_cmpuint (seen.kept->attachments->len, ==, 2);
  attachment = g_ptr_array_index (seen.kept->attachments, 0);
  g_assert_cmpstr (attachment->href, ==, "attachments/antrag.pdf");
  g_assert_cmpstr (attachment->type, ==, "application/pdf");
  /* Written in capitals, kept in small letters. */
  g_assert_cmpstr (attachment->sha256, ==, "0817051ba7f595fd628a3fdd268855dc395b4b50f426d4a5994329792ea056ed");
  g_assert_cmpstr (attachment->label, ==, "Antrag");
  attachment = g_ptr_array_index (seen.kept->attachments, 1);
  g_assert_null (attachment->label);
  g_assert_true (jury_submission_find_attachment (seen.kept, "attachments/logo.png") == attachment);

  search = jury_submission_dup_search_text (seen.kept);
  g_assert_nonnull (strstr (search, "madchen"));
  g_assert_nonnull (strstr (search, "antrag"));
  seen_clear (&seen);
}

static void
test_attachment_href (void)
{
  static const char * const good[] = { "antrag.pdf", "anlagen/2025/antrag v2.pdf", "Überblick.png", NULL };
  static const char * const bad[] = {
    "", "/etc/passwd", "../antrag.pdf", "anlagen/../../x.pdf", "./antrag.pdf", "anlagen//x.pdf",
    "anlagen/", "C:antrag.pdf", "file:///etc/passwd", "anlagen\\x.pdf", "a\tb.pdf", NULL,
  };

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autofree char *problem = jury_attachment_check_href (good[i]);

      g_assert_null (problem);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autofree char *problem = jury_attachment_check_href (bad[i]);

      g_test_message ("%s: %s", bad[i], problem);
      g_assert_nonnull (problem);
    }
}

static void
assert_refused (GVariant *variant)
{
  g_autoptr(GVariant) owned = g_variant_take_ref (variant);
  g_autoptr(JurySubmission) submission = NULL;
  g_autoptr(GError) error = NULL;

  submission = jury_submission_deserialize (owned, &error);
  g_assert_null (submission);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_deserialize_garbage (void)
{
  g_autoptr(JurySubmission) submission = make_full_submission ();
  g_autoptr(GVariant) good = jury_submission_serialize (submission);
  const GVariantType *type = g_variant_get_type (good);
  gsize size = g_variant_get_size (good);
  g_autofree guchar *damaged = NULL;
  guint n_refused = 0;

  assert_refused (g_variant_new_string ("natuerlich-ausbildung"));
  assert_refused (g_variant_new ("(ss)", "a", "b"));
  assert_refused (g_variant_new_from_data (type, "", 0, TRUE, NULL, NULL));

  /* A valid type with an empty title. */
  g_free (submission->title);
  submission->title = g_strdup ("");
  assert_refused (jury_submission_serialize (submission));

  /* Random bytes and damaged copies of good bytes: refused or read back, never a crash. */
  damaged = g_memdup2 (g_variant_get_data (good), size);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GVariant) variant = NULL;
      g_autoptr(JurySubmission) back = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = i < 1000 ? (gsize) g_test_rand_int_range (0, 600) : size;
      g_autofree guchar *bytes = g_malloc (MAX (length, 1));

      if (i < 1000)
        for (gsize j = 0; j < length; j++)
          bytes[j] = (guchar) g_test_rand_int_range (0, 256);
      else
        {
          memcpy (bytes, damaged, size);
          bytes[g_test_rand_int_range (0, (gint32) size)] = (guchar) g_test_rand_int_range (0, 256);
        }

      variant = g_variant_ref_sink (g_variant_new_from_data (type, bytes, length, FALSE, NULL, NULL));
      back = jury_submission_deserialize (variant, &error);
      if (back == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          n_refused++;
        }
      else
        g_assert_nonnull (back->title);
    }

  g_assert_cmpuint (n_refused, >, 1000);
}

/* A submission with every part there is, some of them empty or missing. */
static JurySubmission *
make_every_part_submission (void)
{
  JurySubmission *submission = make_full_submission ();
  const char *paragraphs[] = { "Eins.", "Zwei mit\nZeilenumbruch.", NULL };

  submission->region_state = g_strdup ("BE");
  submission->target_group = g_strdup ("");
  g_ptr_array_add (submission->contacts, jury_contact_new ("Ohne Rolle", ""));
  g_ptr_array_add (submission->fields, jury_field_new ("Ziele", paragraphs));
  g_ptr_array_add (submission->attachments,
                   jury_attachment_new ("anlagen/antrag.pdf",
                                        "0817051ba7f595fd628a3fdd268855dc395b4b50f426d4a5994329792ea056ed",
                                        "application/pdf", "Der Antrag"));
  g_ptr_array_add (submission->attachments,
                   jury_attachment_new ("bild.png",
                                        "1817051ba7f595fd628a3fdd268855dc395b4b50f426d4a5994329792ea056ed",
                                        "image/png", NULL));

  return submission;
}

static void
assert_body_round_trip (const JurySubmission *submission)
{
  g_autoptr(GBytes) body = jury_submission_encode (submission);
  g_autoptr(JurySubmission) back = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autofree char *search_text = jury_submission_dup_search_text (submission);
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);

  back = jury_submission_decode (data, size, &error);
  g_assert_no_error (error);
  assert_submissions_equal (submission, back);
  again = jury_submission_encode (back);
  g_assert_true (g_bytes_equal (body, again));

  /* The searchable lines come first, as the search text before it is folded. */
  g_assert_true (jury_search_fold_append (folded, (const char *) data,
                                          jury_submission_body_text_length (data, size)));
  g_assert_cmpstr (folded->str, ==, search_text);
}

/* The flat form gives back what it was given, part for part, and its first
 * part is what a search reads. */
static void
test_body (void)
{
  g_autoptr(JurySubmission) full = make_full_submission ();
  g_autoptr(JurySubmission) every = make_every_part_submission ();
  g_autoptr(JurySubmission) minimal = jury_submission_new ();
  g_autoptr(GBytes) body = NULL;

  minimal->id = g_strdup ("m");
  minimal->title = g_strdup ("Minimal");

  assert_body_round_trip (full);
  assert_body_round_trip (every);
  assert_body_round_trip (minimal);

  /* The title, then the id and the title's length, and nothing of the rest. */
  body = jury_submission_encode (minimal);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   "Minimal\0\x01\x01m\x07\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 27);
}

static void
assert_body_refused (const guint8 *data,
                     gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JurySubmission) back = jury_submission_decode (data, size, &error);

  g_assert_null (back);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Bytes that are not exactly what encoding makes are refused; whatever is read
 * back is what would be written again, byte for byte. */
static void
test_body_garbage (void)
{
  g_autoptr(JurySubmission) submission = make_every_part_submission ();
  g_autoptr(GBytes) good = jury_submission_encode (submission);
  g_autoptr(JurySubmission) no_title = jury_submission_new ();
  g_autoptr(GBytes) untitled = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  gsize text_length = jury_submission_body_text_length (data, size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  guint n_refused = 0;

  assert_body_refused ((const guint8 *) "", 0);
  assert_body_refused ((const guint8 *) "Titel", 5);
  assert_body_refused ((const guint8 *) "Titel\0", 6);
  assert_body_refused ((const guint8 *) "Titel\0\x02", 7);

  /* Cut short anywhere, or with a byte more. */
  for (gsize length = 0; length < size; length++)
    {
      g_autofree guint8 *cut = g_memdup2 (data, length);

      assert_body_refused (cut, length);
    }
  {
    g_autofree guint8 *longer = g_malloc (size + 1);

    memcpy (longer, data, size);
    longer[size] = 0;
    assert_body_refused (longer, size + 1);
  }

  /* A number written longer than it must be: the id's length. */
  {
    static const guint8 padded[] = "Minimal\0\x01\x81\x00m\x07\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

    assert_body_refused (padded, sizeof padded - 1);
  }

  /* What the loader would refuse, here an empty title, is refused when read back. */
  no_title->id = g_strdup ("x");
  no_title->title = g_strdup ("");
  untitled = jury_submission_encode (no_title);
  assert_body_refused (g_bytes_get_data (untitled, NULL), g_bytes_get_size (untitled));

  /* A line break more or less between the lines, a byte changed anywhere. */
  for (guint i = 0; i < 4000; i++)
    {
      g_autoptr(JurySubmission) back = NULL;
      g_autoptr(GError) error = NULL;
      gsize at = g_test_rand_int_range (0, (gint32) size);

      memcpy (copy, data, size);
      if (i < 200)
        copy[g_test_rand_int_range (0, (gint32) text_length)] = '\n';
      else
        copy[at] = (guint8) g_test_rand_int_range (0, 256);

      back = jury_submission_decode (copy, size, &error);
      if (back == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          n_refused++;
        }
      else
        {
          g_autoptr(GBytes) again = jury_submission_encode (back);

          g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again), copy, size);
        }
    }

  g_assert_cmpuint (n_refused, >, 1000);
}

typedef struct
{
  const char *href;
  gboolean    safe;
} LinkCase;

static void
test_link_safe (void)
{
  static const LinkCase cases[] = {
    { "http://example.org/", TRUE },
    { "https://example.org/a?b=c#d", TRUE },
    { "HTTPS://EXAMPLE.ORG/", TRUE },
    { "Http://example.org", TRUE },
    { "javascript:alert(1)", FALSE },
    { "JavaScript://example.org/%0aalert(1)", FALSE },
    { "file:///etc/passwd", FALSE },
    { "mailto:jury@example.org", FALSE },
    { "data:text/html,<b>x</b>", FALSE },
    { "https:", FALSE },
    { "https:///path", FALSE },
    { "https:example.org", FALSE },
    { "/relative/path", FALSE },
    { "example.org", FALSE },
    { "", FALSE },
    { "ftp://example.org/", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JuryLink) link = jury_link_new (cases[i].href, "label");

      if (jury_link_is_safe (link) != cases[i].safe)
        g_error ("“%s” should be %s", cases[i].href, cases[i].safe ? "safe" : "refused");
    }
}

static gboolean
search_matches (const char *text,
                const char *query)
{
  g_autofree char *folded_text = jury_search_normalize (text);
  g_autofree char *folded_query = jury_search_normalize (query);

  return strstr (folded_text, folded_query) != NULL;
}

static void
test_search (void)
{
  g_autoptr(JurySubmission) submission = make_full_submission ();
  g_autofree char *search_text = NULL;

  g_assert_true (search_matches ("Über uns", "uber"));
  g_assert_true (search_matches ("über uns", "UBER"));
  g_assert_true (search_matches ("ÜBER", "über"));
  g_assert_true (search_matches ("Straße", "strasse"));
  g_assert_true (search_matches ("STRASSE", "Straße"));
  g_assert_true (search_matches ("Crème brûlée", "creme brulee"));
  g_assert_false (search_matches ("Ubahn", "über"));

  search_text = jury_submission_dup_search_text (submission);
  g_assert_nonnull (strstr (search_text, "naturlich ausbildung"));
  g_assert_nonnull (strstr (search_text, "finkelnburg"));
  g_assert_nonnull (strstr (search_text, "madchen lernen"));
  g_assert_nonnull (strstr (search_text, "kammern"));
  g_assert_nonnull (strstr (search_text, "fruh anfangen"));
  g_assert_nonnull (strstr (search_text, "grossartig"));
  g_assert_nonnull (strstr (search_text, "beate wilper"));
  g_assert_nonnull (strstr (search_text, "projektseite"));
  g_assert_nonnull (strstr (search_text, "\nberlin und brandenburg\n"));
  g_assert_null (strstr (search_text, "https://"));
}

/* The definition of the fold, as it was written first: case folding, then
 * compatibility decomposition, then the marks left out. */
static char *
fold_by_definition (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *result = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
        case G_UNICODE_NON_SPACING_MARK:
          break;
        default:
          g_string_append_unichar (result, c);
        }
    }

  return g_string_free (result, FALSE);
}

static void
assert_folds_by_definition (const char *text)
{
  g_autofree char *expected = fold_by_definition (text);
  g_autofree char *folded = jury_search_normalize (text);
  g_autoptr(GString) appended = g_string_new ("x");

  if (g_strcmp0 (expected, folded) != 0)
    g_error ("“%s” folds to “%s”, by definition to “%s”", text, folded, expected);

  g_assert_true (jury_search_fold_append (appended, text, strlen (text)));
  g_assert_cmpstr (appended->str + 1, ==, expected);
}

/* The fold takes a shorter way for ASCII and for characters that fold alike
 * wherever they stand; it must give what the definition gives, also where
 * normalisation reorders marks or a character decomposes into several. */
static void
test_search_fold (void)
{
  static const char * const texts[] = {
    "", "abc", "ABC xyz 0123 ~!", "Über Straße ẞ", "Crème brûlée", "İstanbul ıi",
    "ΣΊΣΥΦΟΣ ΐ ς", "e\xcc\x81\xcc\xa3 a\xcc\xa3\xcc\x81", "ᾳ ᾼ \xcd\x85", "한국어 ᄀ ᅡ",
    "ﬁ ﬃ ㎏ ① Ⅻ Ａｂ ﷺ", "中文 😀 𝐀𝐁", "Ёлка ﬓ", "ệ ơ\xcc\x81", "क़ क्ष",
    "שָׁלוֹם", "مَرْحَبًا", "\xcc\x81leading mark", "tab\tline\nend",
  };
  /* Characters to mix: ASCII, letters that fold, marks of several classes
   * (which normalisation reorders), Hangul, compatibility forms, other planes. */
  static const char * const pieces[] = {
    "a", "Z", " ", "\n", "-", "ä", "Ö", "ß", "ẞ", "İ", "ı", "Σ", "ς", "ΐ", "\xcc\x81",
    "\xcc\x88", "\xcc\xa3", "\xcd\x85", "\xcc\x9b", "\xcc\x95", "\xe0\xa4\xbc", "\xe0\xa5\x8d",
    "\xd6\xb8", "\xd9\x8e", "한", "ᄀ", "ᅡ", "ﬁ", "㎏", "ﷺ", "Ａ", "①", "中", "😀", "𝐀",
    "Ё", "ﬓ", "ǅ", "Å", "K", "ᾼ", "–", "„", "é",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240917);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_folds_by_definition (texts[i]);

  /* Every ASCII character, at every offset from a word's start. */
  for (guint offset = 0; offset < 8; offset++)
    {
      g_autoptr(GString) ascii = g_string_new (NULL);

      g_string_append_len (ascii, "\xc3\xa4xxxxxxx", 2 + offset);
      for (guint c = 1; c < 0x80; c++)
        g_string_append_c (ascii, (char) c);
      assert_folds_by_definition (ascii->str);
    }

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 24);

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      assert_folds_by_definition (text->str);
    }
}

/* A search folds a text a part at a time and stops at the first match: it finds
 * what a search of the whole folded text finds, also across the parts. */
static void
test_search_contains (void)
{
  static const char * const pieces[] = { "ab", "Straße ", "ÜBER", "é", "\xcc\x81", "ﬁ", " ", "xyz", "ää" };
  static const char * const needles[] = { "", "a", "strasse u", "uber", "ssu", "fi", "e\xcc\x81", "ba", "zzz", "aaaa" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (424242);
  g_autoptr(GString) scratch = g_string_new (NULL);

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *folded = NULL;
      guint n = g_rand_int_range (rand, 0, 400);

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      folded = jury_search_normalize (text->str);

      for (guint k = 0; k < G_N_ELEMENTS (needles); k++)
        {
          g_autofree char *needle = jury_search_normalize (needles[k]);

          g_assert_cmpint (jury_search_text_contains (scratch, text->str, text->len, needle, strlen (needle)), ==,
                           strstr (folded, needle) != NULL);
        }
    }
}

/* Bytes that are not UTF-8 are left out of what they are folded with, and the
 * rest folds as ever; nothing is read beyond the length given. */
static void
test_search_fold_invalid (void)
{
  static const struct {
    const char *bytes;
    gsize       length;
    const char *folded;
  } cases[] = {
    { "Ab\xff" "Cd", 5, "abcd" },
    { "\xc3", 1, "" },
    { "\xc3\xbc\xc3", 3, "u" },
    { "x\xe2\x82", 3, "x" },
    { "\xc3\xa4" "b", 1, "" },
    { "\xc3\x9c" "ber\x80\xc3\x9f", 8, "uberss" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *copy = g_memdup2 (cases[i].bytes, cases[i].length);

      g_assert_false (jury_search_fold_append (out, copy, cases[i].length));
      g_assert_cmpstr (out->str, ==, cases[i].folded);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/call/sample", test_sample);
  g_test_add_func ("/call/minimal", test_minimal);
  g_test_add_func ("/call/no-submissions", test_no_submissions);
  g_test_add_func ("/call/refusals", test_refusals);
  g_test_add_func ("/call/refusal-stops", test_refusal_stops);
  g_test_add_func ("/call/too-large", test_too_large);
  g_test_add_func ("/call/not-xml", test_not_xml);
  g_test_add_func ("/call/external-entity", test_external_entity);
  g_test_add_func ("/call/callback-lines", test_callback_lines);
  g_test_add_func ("/call/big-lines", test_big_lines);
  g_test_add_func ("/call/callback-error", test_callback_error);
  g_test_add_func ("/call/header-error", test_header_error);
  g_test_add_func ("/call/cancel", test_cancel);
  g_test_add_func ("/call/threads", test_threads);
  g_test_add_func ("/call/text-words", test_text_words);
  g_test_add_func ("/call/serialize", test_serialize);
  g_test_add_func ("/call/serialize-extended", test_serialize_extended);
  g_test_add_func ("/call/fields-and-attachments", test_fields_and_attachments);
  g_test_add_func ("/call/attachment-href", test_attachment_href);
  g_test_add_func ("/call/deserialize-garbage", test_deserialize_garbage);
  g_test_add_func ("/call/body", test_body);
  g_test_add_func ("/call/body-garbage", test_body_garbage);
  g_test_add_func ("/call/link-safe", test_link_safe);
  g_test_add_func ("/call/search", test_search);
  g_test_add_func ("/call/search/fold", test_search_fold);
  g_test_add_func ("/call/search/fold-invalid", test_search_fold_invalid);
  g_test_add_func ("/call/search/contains", test_search_contains);

  return g_test_run ();
}
