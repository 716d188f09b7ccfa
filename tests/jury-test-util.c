/* jury-test-util.c: temporary folders, the sample call and the tools, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-test-util"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "jury-test-util.h"

/* A new folder from the template TMPL (ending in XXXXXX) under the temporary folder. */
char *
jury_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);

  return dir;
}

/* Removes PATH and everything below it. */
void
jury_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        jury_test_remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

guint
jury_test_count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The bundled sample call: meson names it in JURY_DESK_SAMPLE; a test run by hand
 * from the build folder finds it beside the tests' sources. */
char *
jury_test_dup_sample_path (void)
{
  const char *sample = g_getenv ("JURY_DESK_SAMPLE");

  if (sample != NULL)
    return g_strdup (sample);

  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                "mint-regionen-wirken-2025.xml", NULL);
}

GFile *
jury_test_sample_file (void)
{
  g_autofree char *path = jury_test_dup_sample_path ();

  return g_file_new_for_path (path);
}

GBytes *
jury_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

void
jury_test_assert_contains (const char *text,
                           const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

/* Runs SQL on the database at PATH with the sqlite3 program, past the store's checks. */
void
jury_test_run_sqlite3 (const char *path,
                       const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Runs ARGV and keeps its output in OUT. FALSE, with the test skipped, when the
 * program is not installed or exits 77 because it cannot check. */
gboolean
jury_test_run_tool (const char * const  *argv,
                    char               **out)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *program = g_find_program_in_path (argv[0]);

  if (program == NULL)
    {
      g_test_skip_printf ("%s is not installed", argv[0]);
      return FALSE;
    }

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (g_subprocess_get_exit_status (process) == 77)
    {
      g_test_skip_printf ("%s cannot run the check: %s", argv[0], *out);
      return FALSE;
    }
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("%s failed: %s%s", argv[0], err, out != NULL && *out != NULL ? *out : "");

  return TRUE;
}

/* Runs the jury-desk executable in CWD without a display and in the C locale, so
 * that it takes the command line and speaks English. */
void
jury_test_run_cli (const char     *cwd,
                   JuryTestResult *result,
                   const char     *first,
                   ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (g_getenv ("JURY_DESK_BIN"));
  g_ptr_array_add (argv, (char *) g_getenv ("JURY_DESK_BIN"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_cwd (launcher, cwd);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  result->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out, result->err);
}

void
jury_test_result_clear (JuryTestResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}
