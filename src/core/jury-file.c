/* jury-file.c: writing whole files safely: a temporary file beside the target, fsync,
 * rename, and the temporary files a stopped Jury Desk left behind swept away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-file"

/* F_OFD_SETLK */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-file.h"
#include "jury-store-error.h"

/* The one message for a file that could not be written, whatever was being written. */
static gboolean
set_write_errno (const char  *path,
                 int          errsv,
                 GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_filename_display_name (base);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not write %s: %s"), name,
               errsv == ENOSPC || errsv == EDQUOT ? _("the disk is full") : g_strerror (errsv));
  return FALSE;
}

/* So that the rename itself survives a power cut. */
static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("%s: fsync failed: %s", folder, g_strerror (errno));
  g_close (fd, NULL);
}

/* Puts TMP_PATH at PATH unless something is there already; link() refuses to replace
 * a file, which rename() would do silently. */
static gboolean
move_no_replace (const char  *tmp_path,
                 const char  *path,
                 GError     **error)
{
  GStatBuf st;

  if (link (tmp_path, path) == 0)
    {
      g_unlink (tmp_path);
      return TRUE;
    }
  if (errno == EEXIST)
    return jury_file_set_exists_error (path, error);

  /* File systems without hard links (FAT on a memory stick): look, then rename. */
  if (g_lstat (path, &st) == 0)
    return jury_file_set_exists_error (path, error);
  if (g_rename (tmp_path, path) != 0)
    return set_write_errno (path, errno, error);

  return TRUE;
}

/* A temporary file is locked by whoever writes it, for as long as it is in use,
 * on one byte far beyond anything SQLite locks. An open file description lock is
 * neither dropped when SQLite closes its own descriptor of the file nor does it
 * drop SQLite's locks; a process that dies loses it. */
#define TEMP_LOCK_OFFSET ((off_t) 1 << 40)

#define TEMP_TAIL ".jury-desk.tmp"

static const char * const temp_suffixes[] = { "", "-journal", "-wal", "-shm" };

/* 0 when the lock was taken, else errno: EAGAIN (or EACCES) while another holds it. */
static int
lock_temp (int   fd,
           short type)
{
  struct flock lock = {
    .l_type = type,
    .l_whence = SEEK_SET,
    .l_start = TEMP_LOCK_OFFSET,
    .l_len = 1,
  };

  return fcntl (fd, F_OFD_SETLK, &lock) == 0 ? 0 : errno;
}

/* ".NAME-XXXXXX.jury-desk.tmp" and what SQLite puts beside it; *BASE_LENGTH
 * receives the length of the name without SQLite's suffix. Only files named so are
 * ever swept: another program's temporary files look otherwise. */
static gboolean
is_temp_name (const char *name,
              gsize      *base_length)
{
  static const char tail[] = TEMP_TAIL;
  gsize length = strlen (name);

  for (guint i = G_N_ELEMENTS (temp_suffixes); i > 0; i--)
    {
      const char *suffix = temp_suffixes[i - 1];
      gsize n = length - MIN (length, strlen (suffix));

      if (!g_str_has_suffix (name, suffix))
        continue;
      /* "." + at least one character + "-" + six random ones + the tail */
      if (name[0] != '.' || n < 1 + 1 + 1 + 6 + strlen (tail) ||
          strncmp (name + n - strlen (tail), tail, strlen (tail)) != 0 ||
          name[n - strlen (tail) - 7] != '-')
        continue;
      for (gsize j = n - strlen (tail) - 6; j < n - strlen (tail); j++)
        if (!g_ascii_isalnum (name[j]))
          return FALSE;

      *base_length = n;
      return TRUE;
    }

  return FALSE;
}

/* Removes what a killed Jury Desk left in FOLDER: temporary files nobody holds
 * locked, and SQLite's files beside temporary files that are gone. A file whose
 * lock cannot be tested (a file system without locks) is left alone. */
static void
sweep_stale_temps (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) leftovers = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      gsize base_length;
      int fd;

      if (!is_temp_name (name, &base_length))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (name[base_length] != '\0')
        {
          g_ptr_array_add (leftovers, g_steal_pointer (&path));
          continue;
        }

      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (lock_temp (fd, F_RDLCK) == 0)
        {
          g_debug ("removing %s, left by a Jury Desk that stopped", path);
          jury_file_remove_temp (path);
        }
      g_close (fd, NULL);
    }

  for (guint i = 0; i < leftovers->len; i++)
    {
      const char *path = g_ptr_array_index (leftovers, i);
      g_autofree char *main_path = NULL;
      gsize base_length;
      g_autofree char *base = g_path_get_basename (path);
      GStatBuf st;

      is_temp_name (base, &base_length);
      main_path = g_strndup (path, strlen (path) - (strlen (base) - base_length));
      if (g_lstat (main_path, &st) != 0 && errno == ENOENT)
        g_unlink (path);
    }
}

/* Public API */

gboolean
jury_file_set_exists_error (const char  *path,
                            GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_EXISTS,
               _("%s already exists"), name);
  return FALSE;
}

gboolean
jury_file_set_write_error (const char  *path,
                           int          errsv,
                           GError     **error)
{
  return set_write_errno (path, errsv, error);
}

/* An empty file beside PATH, hidden and recognisably ours, and locked as in use;
 * its descriptor is kept for the final fsync (and holds the lock until then).
 * What killed runs left in the folder goes first. */
int
jury_file_make_temp (const char  *path,
                      char       **tmp_path,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s-XXXXXX" TEMP_TAIL, base);

  sweep_stale_temps (folder);

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *tmp = g_build_filename (folder, template, NULL);
      GStatBuf st_path, st_fd;
      int fd;

      if ((fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666)) < 0)
        {
          set_write_errno (path, errno, error);
          return -1;
        }

      /* Another run's sweep may have taken the file for a leftover before it was
       * locked: then it is gone, and a new one is made. */
      if (lock_temp (fd, F_WRLCK) != 0 ||
          (g_stat (tmp, &st_path) == 0 && fstat (fd, &st_fd) == 0 &&
           st_path.st_dev == st_fd.st_dev && st_path.st_ino == st_fd.st_ino) ||
          attempt >= 3)
        {
          *tmp_path = g_steal_pointer (&tmp);
          return fd;
        }

      g_close (fd, NULL);
    }
}

void
jury_file_remove_temp (const char *tmp_path)
{
  for (guint i = 0; i < G_N_ELEMENTS (temp_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (tmp_path, temp_suffixes[i], NULL);

      g_unlink (file);
    }
}

void
jury_file_clear_sidecars (const char *path,
                          gboolean    replacing)
{
  GStatBuf st;

  /* The files beside an existing database are its own, unless it goes. */
  if (!replacing && (g_lstat (path, &st) == 0 || errno != ENOENT))
    return;

  for (guint i = 1; i < G_N_ELEMENTS (temp_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, temp_suffixes[i], NULL);

      if (g_unlink (file) == 0)
        g_debug ("removed %s, which belonged to another file", file);
    }
}

/* Syncs and closes FD, then moves TMP_PATH to PATH (replacing a file there only when
 * REPLACE is set). On failure the temporary file is removed. */
gboolean
jury_file_commit_temp (int          fd,
                       const char  *tmp_path,
                       const char  *path,
                       gboolean     replace,
                       GError     **error)
{
  gboolean ok;

  if (fsync (fd) != 0)
    ok = set_write_errno (path, errno, error);
  else if (replace)
    ok = g_rename (tmp_path, path) == 0 || set_write_errno (path, errno, error);
  else
    ok = move_no_replace (tmp_path, path, error);

  g_close (fd, NULL);
  if (!ok)
    jury_file_remove_temp (tmp_path);
  else
    sync_folder (path);

  return ok;
}

gboolean
jury_same_file (const char *a,
                const char *b)
{
  GStatBuf st_a, st_b;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_stat (a, &st_a) == 0 && g_stat (b, &st_b) == 0 &&
         st_a.st_dev == st_b.st_dev && st_a.st_ino == st_b.st_ino;
}

int
jury_file_write_temp (const char  *path,
                      GBytes      *bytes,
                      char       **tmp_path,
                      GError     **error)
{
  g_autofree char *tmp = NULL;
  gsize length;
  const char *data;
  int fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (bytes != NULL, -1);
  g_return_val_if_fail (tmp_path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if ((fd = jury_file_make_temp (path, &tmp, error)) < 0)
    return -1;

  data = g_bytes_get_data (bytes, &length);
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_write_errno (path, errno, error);
          g_close (fd, NULL);
          jury_file_remove_temp (tmp);
          return -1;
        }
      data += n;
      length -= n;
    }

  *tmp_path = g_steal_pointer (&tmp);
  return fd;
}

gboolean
jury_write_file_atomic (const char  *path,
                        GBytes      *bytes,
                        GError     **error)
{
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((fd = jury_file_write_temp (path, bytes, &tmp_path, error)) < 0)
    return FALSE;

  return jury_file_commit_temp (fd, tmp_path, path, TRUE, error);
}
