/* jury-export-options.c: what every export format shares: the jurors as exports name
 * and order them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jury-export-options.h"

G_DEFINE_QUARK (jury-export-error-quark, jury_export_error)

/* Anonymous labels follow the jurors' random ids, not their names: "Juror A" must
 * not be whoever comes first in the alphabet. */
static guint
anonymous_position (const JuryResults *results,
                    guint              juror_index)
{
  const JuryJuror *juror = g_ptr_array_index (results->jurors, juror_index);
  guint position = 0;

  for (guint j = 0; j < results->jurors->len; j++)
    {
      const JuryJuror *other = g_ptr_array_index (results->jurors, j);
      int cmp = strcmp (other->id, juror->id);

      position += cmp < 0 || (cmp == 0 && j < juror_index);
    }

  return position;
}

/* A, B, …, Z, AA, AB, …: as spreadsheets name their columns. */
static char *
letters_for (guint position)
{
  char buffer[16];
  char *p = buffer + sizeof buffer - 1;

  *p = '\0';
  do
    {
      *--p = 'A' + position % 26;
      position /= 26;
    }
  while (position-- > 0);

  return g_strdup (p);
}

static int
compare_jurors (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const JuryResults *results = user_data;
  const JuryJuror *x = g_ptr_array_index (results->jurors, *(const guint *) a);
  const JuryJuror *y = g_ptr_array_index (results->jurors, *(const guint *) b);
  int cmp = g_utf8_collate (x->name, y->name);

  return cmp != 0 ? cmp : strcmp (x->id, y->id);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const JuryResults *results = user_data;
  const JuryJuror *x = g_ptr_array_index (results->jurors, *(const guint *) a);
  const JuryJuror *y = g_ptr_array_index (results->jurors, *(const guint *) b);

  return strcmp (x->id, y->id);
}

/* Public API */

guint *
jury_export_juror_order (const JuryResults       *results,
                         const JuryExportOptions *options)
{
  guint n = results->jurors->len;
  guint *order = g_new (guint, n + 1);

  for (guint j = 0; j < n; j++)
    order[j] = j;
  g_qsort_with_data (order, n, sizeof (guint),
                     options != NULL && options->anonymous ? compare_labels : compare_jurors,
                     (gpointer) results);

  return order;
}

char *
jury_export_juror_label (const JuryResults       *results,
                         guint                    juror_index,
                         const JuryExportOptions *options)
{
  g_autofree char *letters = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (juror_index < results->jurors->len, NULL);

  if (options == NULL || !options->anonymous)
    return g_strdup (((JuryJuror *) g_ptr_array_index (results->jurors, juror_index))->name);

  letters = letters_for (anonymous_position (results, juror_index));
  /* Translators: a juror whose name is hidden; %s is a letter: "Juror A". */
  return g_strdup_printf (_("Juror %s"), letters);
}
