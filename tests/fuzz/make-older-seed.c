/* make-older-seed.c: a juror's database in an older format, for the merge seeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   make-older-seed CALL.xml OUT.jury VERSION NAME [FORM.csv]
 *
 * Makes OUT.jury for juror NAME with the tables of format VERSION, as an older
 * Jury Desk would have, and imports FORM.csv into it. Used by make-seeds.
 */

#define G_LOG_DOMAIN "make-older-seed"

#include "config.h"

#include <stdlib.h>

#include "jury-form.h"
#include "jury-store-testing.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) call_file = NULL;
  g_autoptr(JuryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 version;

  if (argc < 5 || argc > 6 ||
      !g_ascii_string_to_unsigned (argv[3], 10, 1, JURY_STORE_SCHEMA_VERSION, &version, NULL))
    {
      g_printerr ("usage: make-older-seed CALL.xml OUT.jury VERSION NAME [FORM.csv]\n");
      return 2;
    }

  call_file = g_file_new_for_commandline_arg (argv[1]);
  store = jury_store_create_at_version (argv[2], call_file, argv[4], version, &error);
  if (store != NULL && argc == 6)
    {
      g_autoptr(GBytes) form = NULL;
      char *contents;
      gsize length;

      if (g_file_get_contents (argv[5], &contents, &length, &error))
        {
          form = g_bytes_new_take (contents, length);
          jury_form_import (store, jury_store_get_sole_juror_id (store), form, argv[5], NULL, &error);
        }
    }

  if (error != NULL)
    {
      g_printerr ("make-older-seed: %s\n", error->message);
      return 1;
    }

  return 0;
}
