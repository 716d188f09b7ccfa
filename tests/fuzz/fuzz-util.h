/* fuzz-util.h: what the libFuzzer targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The entry points libFuzzer calls. */
int   LLVMFuzzerInitialize   (int           *argc,
                              char        ***argv);
int   LLVMFuzzerTestOneInput (const guint8  *data,
                              size_t         size);

/* Criticals abort (a g_return_if_fail() reached is a bug); debug output, messages
 * and warnings, which damaged input may rightly cause, are dropped unless
 * FUZZ_VERBOSE is set. */
void  fuzz_init_logging      (void);

/* A new empty folder, in memory (/dev/shm) where possible so that the many fsyncs
 * cost nothing, else in the temporary folder; it is removed when the process exits
 * normally. */
char *fuzz_make_dir          (const char    *name);

/* Removes PATH and what SQLite keeps beside it (-wal, -shm, -journal). */
void  fuzz_remove_database   (const char    *path);

/* Writes DATA to PATH, replacing it; aborts on failure. */
void  fuzz_write_file        (const char    *path,
                              const guint8  *data,
                              gsize          size);

/* TRUE when the folder DIR holds exactly the files in NAMES (NULL-terminated,
 * in any order). */
gboolean fuzz_dir_holds      (const char          *dir,
                              const char * const  *names);

G_END_DECLS
