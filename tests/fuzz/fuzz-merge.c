/* fuzz-merge.c: libFuzzer target for merging a juror's database into a panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written as a juror's .jury file and merged into a new panel. The
 * merge returns a report or an error, never both; it writes the panel exactly when
 * the report says so and leaves no temporary file behind. A panel it wrote opens
 * read-only and verifies, and merging the same file into it again changes nothing.
 */

#define G_LOG_DOMAIN "fuzz-merge"

#include "config.h"

#include "jury-merge.h"
#include "jury-store.h"
#include "fuzz-util.h"

static char *dir;
static char *juror_path;
static char *panel_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();

  dir = fuzz_make_dir ("fuzz-merge");
  juror_path = g_build_filename (dir, "juror.jury", NULL);
  panel_path = g_build_filename (dir, "panel.jury", NULL);

  return 0;
}

static void
check_report (const JuryMergeReport *report)
{
  guint n_refused = 0;

  g_assert_nonnull (report->entries);
  g_assert_cmpuint (report->entries->len, >, 0);

  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);

      g_assert_cmpstr (entry->path, ==, juror_path);
      if (entry->outcome == JURY_MERGE_REFUSED)
        {
          g_assert_nonnull (entry->reason);
          g_assert_true (g_utf8_validate (entry->reason, -1, NULL));
          n_refused++;
        }
      else
        {
          g_assert_null (entry->reason);
          g_assert_nonnull (entry->juror_id);
          g_assert_nonnull (entry->juror_name);
        }
    }

  g_assert_cmpuint (jury_merge_report_count (report, JURY_MERGE_REFUSED), ==, n_refused);
  /* All or nothing. */
  g_assert_true (report->written == (n_refused == 0));
}

/* The panel as a programme manager would open it. */
static void
check_panel (const JuryMergeReport *report)
{
  g_autoptr(JuryStore) panel = jury_store_open_read_only (panel_path, NULL);
  g_autoptr(GPtrArray) jurors = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (panel);
  g_assert_true (jury_store_is_panel (panel));
  jury_store_verify (panel, &error);
  g_assert_no_error (error);

  /* Every juror taken over is in it. */
  jurors = jury_store_list_jurors (panel);
  for (guint i = 0; i < report->entries->len; i++)
    {
      const JuryMergeEntry *entry = g_ptr_array_index (report->entries, i);
      gboolean found = FALSE;

      for (guint j = 0; j < jurors->len && !found; j++)
        found = g_str_equal (((JuryJuror *) g_ptr_array_index (jurors, j))->id, entry->juror_id);
      g_assert_true (found);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char * const paths[] = { juror_path, NULL };
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(JuryMergeReport) again = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_remove_database (panel_path);
  fuzz_remove_database (juror_path);
  fuzz_write_file (juror_path, data, size);

  report = jury_merge_files (panel_path, paths, NULL, &error);
  g_assert_true ((report == NULL) != (error == NULL));

  if (report == NULL)
    {
      /* Nothing made, nothing left behind. */
      g_assert_true (fuzz_dir_holds (dir, (const char * const[]) { "juror.jury", NULL }));
      return 0;
    }

  check_report (report);
  g_assert_true (report->created == report->written);
  if (!report->written)
    {
      g_assert_true (fuzz_dir_holds (dir, (const char * const[]) { "juror.jury", NULL }));
      return 0;
    }

  g_assert_true (fuzz_dir_holds (dir, (const char * const[]) { "juror.jury", "panel.jury", NULL }));
  check_panel (report);

  /* The same hand-in again into the panel it made: nothing new. */
  again = jury_merge_files (panel_path, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_true (again->written);
  g_assert_false (again->created);
  g_assert_cmpuint (again->entries->len, ==, report->entries->len);
  g_assert_cmpuint (jury_merge_report_count (again, JURY_MERGE_UNCHANGED), ==, again->entries->len);

  return 0;
}
