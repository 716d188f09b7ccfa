/* jury-test-util.h: temporary folders, the sample call and the tools, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a run of the jury-desk executable printed and how it ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} JuryTestResult;

char    *jury_test_make_tmp_dir    (const char          *tmpl);
void     jury_test_remove_tree     (const char          *path);
guint    jury_test_count_entries   (const char          *path);
char    *jury_test_dup_sample_path (void);
GFile   *jury_test_sample_file     (void);
GBytes  *jury_test_read_bytes      (const char          *path);
void     jury_test_assert_contains (const char          *text,
                                    const char          *part);
void     jury_test_run_sqlite3     (const char          *path,
                                    const char          *sql);
gboolean jury_test_run_tool        (const char * const  *argv,
                                    char               **out);
void     jury_test_run_cli         (const char          *cwd,
                                    JuryTestResult      *result,
                                    const char          *first,
                                    ...) G_GNUC_NULL_TERMINATED;
void     jury_test_result_clear    (JuryTestResult      *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JuryTestResult, jury_test_result_clear)

G_END_DECLS
