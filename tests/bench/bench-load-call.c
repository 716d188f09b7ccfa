/* bench-load-call.c: times the call loader against xmllint validating the same file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-load-call"

#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "jury-call-loader.h"

static gboolean
ignore_submission_cb (const JuryCall  *call,
                     JurySubmission  *submission,
                     guint            line,
                     gpointer         user_data,
                     GError         **error)
{
  return TRUE;
}

static gboolean
run (const char * const  *argv,
     double              *seconds,
     GError             **error)
{
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, error)
      || !g_spawn_check_wait_status (status, error))
    return FALSE;

  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return TRUE;
}

static gboolean
load (const char  *path,
      double      *seconds,
      guint       *n_submissions,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JuryCallLoader) loader = jury_call_loader_new (file);
  g_autoptr(JuryCall) call = NULL;
  gint64 start = g_get_monotonic_time ();

  jury_call_loader_set_callbacks (loader, NULL, ignore_submission_cb, NULL);
  call = jury_call_loader_load (loader, NULL, error);
  if (call == NULL)
    return FALSE;

  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *n_submissions = call->n_submissions;

  return TRUE;
}

static long
peak_rss_kib (int who)
{
  struct rusage usage;

  getrusage (who, &usage);

  return usage.ru_maxrss;
}

static gboolean
bench_size (const char  *generator,
            const char  *xmllint,
            const char  *schema,
            const char  *dir,
            const char  *count,
            GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s/call-%s.xml", dir, count);
  const char *generate_argv[] = { generator, count, path, NULL };
  const char *xmllint_argv[] = { xmllint, "--noout", "--stream", "--relaxng", schema, path, NULL };
  GStatBuf info;
  double generate_time;
  double xmllint_time;
  double loader_time;
  guint n_submissions;

  if (!run (generate_argv, &generate_time, error))
    return FALSE;

  g_stat (path, &info);
  g_print ("%s submissions, %.1f MB (generated in %.1f s)\n",
           count, info.st_size / 1e6, generate_time);

  if (!run (xmllint_argv, &xmllint_time, error)
      || !load (path, &loader_time, &n_submissions, error))
    {
      g_remove (path);
      return FALSE;
    }

  g_remove (path);

  g_print ("  xmllint --stream --relaxng: %6.2f s (peak RSS of xmllint so far %ld MB)\n",
           xmllint_time, peak_rss_kib (RUSAGE_CHILDREN) / 1024);
  g_print ("  JuryCallLoader:             %6.2f s (%u submissions, %.0f per second)\n",
           loader_time, n_submissions, n_submissions / loader_time);
  g_print ("  loader / xmllint:           %6.2f\n", loader_time / xmllint_time);
  g_print ("  peak RSS of the loader so far: %ld MB\n", peak_rss_kib (RUSAGE_SELF) / 1024);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gboolean ok = TRUE;

  if (argc < 5)
    {
      g_printerr ("Usage: %s GENERATOR XMLLINT SCHEMA N_SUBMISSIONS…\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("bench-load-call-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (int i = 4; i < argc && ok; i++)
    ok = bench_size (argv[1], argv[2], argv[3], dir, argv[i], &error);

  g_rmdir (dir);

  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
