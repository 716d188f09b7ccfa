/* fuzz-call.c: libFuzzer target for the call loader and the stored submission format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-call"

#include "config.h"

#include <glib/gstdio.h>

#include "jury-call-loader.h"
#include "fuzz-util.h"

static char *path;

static gboolean
check_submission_cb (const JuryCall  *call,
                     JurySubmission  *submission,
                     guint            line,
                     gpointer         user_data,
                     GError         **error)
{
  g_autoptr(GVariant) variant = jury_submission_serialize (submission);
  g_autoptr(JurySubmission) copy = jury_submission_deserialize (variant, error);
  g_autofree char *search_text = jury_submission_dup_search_text (submission);

  g_assert (copy != NULL);
  g_assert (g_str_equal (copy->id, submission->id));
  g_assert (g_utf8_validate (search_text, -1, NULL));

  return TRUE;
}

static void
fuzz_loader (const guint8 *data,
             size_t        size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(JuryCallLoader) loader = NULL;
  g_autoptr(JuryCall) call = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
  file = g_file_new_for_path (path);
  loader = jury_call_loader_new (file);
  jury_call_loader_set_callbacks (loader, NULL, check_submission_cb, NULL);
  call = jury_call_loader_load (loader, NULL, &error);

  g_assert ((call == NULL) != (error == NULL));
  if (call != NULL)
    {
      g_autoptr(JuryCall) copy = jury_call_copy (call);

      g_assert (call->criteria->len > 0 && call->scale_min < call->scale_max);
      g_assert (jury_call_total_weight (copy) > 0);
    }
  else
    g_assert (g_str_has_prefix (error->message, "call.xml:"));
}

/* Bytes as they might come back from a damaged database. */
static void
fuzz_deserialize (const guint8 *data,
                  size_t        size)
{
  g_autoptr(JurySubmission) template = jury_submission_new ();
  g_autoptr(GVariant) good = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(JurySubmission) submission = NULL;
  g_autoptr(GError) error = NULL;

  template->id = g_strdup ("x");
  template->title = g_strdup ("x");
  good = jury_submission_serialize (template);
  bytes = g_bytes_new (data, size);
  variant = g_variant_ref_sink (g_variant_new_from_bytes (g_variant_get_type (good), bytes, FALSE));
  submission = jury_submission_deserialize (variant, &error);
  g_assert ((submission == NULL) != (error == NULL));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;

  fuzz_init_logging ();
  dir = fuzz_make_dir ("fuzz-call");
  path = g_build_filename (dir, "call.xml", NULL);

  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The first byte chooses: call files are far more interesting, so '#' alone
   * picks the variant reader. */
  if (size > 0 && data[0] == '#')
    fuzz_deserialize (data + 1, size - 1);
  else
    fuzz_loader (data, size);

  return 0;
}
