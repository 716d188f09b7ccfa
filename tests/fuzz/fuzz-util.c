/* fuzz-util.c: what the libFuzzer targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz"

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-util.h"

static GPtrArray *made_dirs;
static gboolean   verbose;

static GLogWriterOutput
quiet_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) == 0)
    return verbose ? g_log_writer_default (log_level, fields, n_fields, user_data) : G_LOG_WRITER_HANDLED;

  /* abort() rather than GLib's breakpoint trap: libFuzzer saves the input only
   * for the signals it handles, SIGABRT among them. */
  g_log_writer_default (log_level, fields, n_fields, user_data);
  abort ();
}

void
fuzz_init_logging (void)
{
  /* FUZZ_VERBOSE=1 (with G_MESSAGES_DEBUG=all for debug output) shows everything,
   * to follow what one input does. */
  verbose = g_getenv ("FUZZ_VERBOSE") != NULL;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
remove_made_dirs (void)
{
  for (guint i = 0; i < made_dirs->len; i++)
    remove_tree (g_ptr_array_index (made_dirs, i));
}

char *
fuzz_make_dir (const char *name)
{
  g_autofree char *tmpl = g_strdup_printf ("%s-XXXXXX", name);
  char *dir = NULL;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      g_autofree char *path = g_build_filename ("/dev/shm", tmpl, NULL);

      if (g_mkdtemp (path) != NULL)
        dir = g_steal_pointer (&path);
    }
  if (dir == NULL)
    dir = g_dir_make_tmp (tmpl, NULL);
  g_assert (dir != NULL);

  if (made_dirs == NULL)
    {
      made_dirs = g_ptr_array_new ();
      atexit (remove_made_dirs);
    }
  g_ptr_array_add (made_dirs, g_strdup (dir));

  return dir;
}

void
fuzz_remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

void
fuzz_write_file (const char   *path,
                 const guint8 *data,
                 gsize         size)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("%s", error->message);
}

gboolean
fuzz_dir_holds (const char         *path,
                const char * const *names)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_strv_contains (names, name))
        return FALSE;
      n++;
    }

  return n == g_strv_length ((GStrv) names);
}
