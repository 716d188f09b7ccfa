/* jury-file.h: writing whole files safely: a temporary file beside the target, fsync,
 * rename, and the temporary files a stopped Jury Desk left behind swept away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes BYTES to PATH atomically: temporary file beside it, fsync, rename, fsync of
 * the folder (the same steps as a database's). On failure the temporary file is
 * removed and PATH is left as it was; errors are G_IO_ERROR. */
gboolean  jury_write_file_atomic     (const char  *path,
                                      GBytes      *bytes,
                                      GError     **error);

/* TRUE when A and B name the same existing file (by device and inode, so through
 * any spelling, link or symbolic link); FALSE when either does not exist. */
gboolean  jury_same_file             (const char  *a,
                                      const char  *b);

/* The steps of a write, for a file made by other means (a database, a spreadsheet).
 *
 * An empty file beside PATH, hidden and recognisably ours (".NAME-XXXXXX.jury-desk.tmp"),
 * locked as in use for as long as its descriptor is open; the descriptor is returned
 * (or -1) and kept for the final fsync. What stopped runs left in the folder, and
 * nobody holds locked, is swept away first. */
int       jury_file_make_temp        (const char  *path,
                                      char       **tmp_path,
                                      GError     **error);
/* jury_file_make_temp() with BYTES written into it, for a file checked before it
 * takes its place (a call is loaded first). */
int       jury_file_write_temp       (const char  *path,
                                      GBytes      *bytes,
                                      char       **tmp_path,
                                      GError     **error);
/* Removes TMP_PATH and what SQLite may have put beside it. */
void      jury_file_remove_temp      (const char  *tmp_path);
/* Syncs and closes FD, then moves TMP_PATH to PATH, and syncs the folder. A file at
 * PATH is replaced only when REPLACE is set; otherwise it is never written over (a
 * juror's file may hold work): JURY_STORE_ERROR_EXISTS. On failure the temporary file
 * is removed. */
gboolean  jury_file_commit_temp      (int          fd,
                                      const char  *tmp_path,
                                      const char  *path,
                                      gboolean     replace,
                                      GError     **error);
/* Before a new database is put at PATH: a log or index left beside the name by
 * another file (one deleted, moved or replaced while open) would be read as the
 * new file's and garble it. They go when REPLACING the file at PATH, or when
 * there is no file at PATH. */
void      jury_file_clear_sidecars   (const char  *path,
                                      gboolean     replacing);

/* "Could not write NAME: reason" for ERRSV ("the disk is full"), in G_IO_ERROR;
 * returns FALSE. */
gboolean  jury_file_set_write_error  (const char  *path,
                                      int          errsv,
                                      GError     **error);
/* "NAME already exists", JURY_STORE_ERROR_EXISTS; returns FALSE. */
gboolean  jury_file_set_exists_error (const char  *path,
                                      GError     **error);

G_END_DECLS
