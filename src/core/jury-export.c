/* jury-export.c: the export formats, their names, and writing them atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-export"

#include "config.h"

#include <errno.h>

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-export-private.h"
#include "jury-file.h"

typedef struct
{
  char               *store_path;
  JuryResultsOptions  results_options;
  JuryExportFormat    format;
  JuryExportOptions   options;
  char               *dest_path;
} StoreData;

static const char * const format_names[] = { "csv", "xlsx", "pdf" };

G_DEFINE_QUARK (jury-export-error-quark, jury_export_error)

static const JuryExportOptions default_options = { FALSE };

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

static gboolean
write_pdf (const JuryResults       *results,
           const JuryExportOptions *options,
           const char              *path,
           GError                 **error)
{
  g_autoptr(GBytes) bytes = jury_report_to_pdf (results, options, error);

  return bytes != NULL && jury_write_file_atomic (path, bytes, error);
}

/* libxlsxwriter writes to a file name of its own: a temporary one beside PATH, which
 * then takes the same fsync and rename as every other file Jury Desk writes. */
static gboolean
write_xlsx (const JuryResults       *results,
            const JuryExportOptions *options,
            const char              *path,
            GError                 **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  if ((fd = jury_file_make_temp (path, &tmp_path, error)) < 0)
    return FALSE;

  if (!jury_export_write_xlsx (results, options, tmp_path, &local_error))
    {
      g_autofree char *name = g_path_get_basename (path);

      /* The same words as for every other file that does not fit on the disk. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        jury_file_set_write_error (path, ENOSPC, error);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      g_close (fd, NULL);
      jury_file_remove_temp (tmp_path);
      return FALSE;
    }

  return jury_file_commit_temp (fd, tmp_path, path, TRUE, error);
}

static void
store_data_free (StoreData *data)
{
  g_free (data->store_path);
  g_free (data->dest_path);
  g_free (data);
}

/* A connection of the worker's own: the caller's store is never touched here. */
static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreData *data = task_data;
  g_autoptr(JuryStore) store = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if ((store = jury_store_open_read_only (data->store_path, &error)) &&
      jury_export_store (store, &data->results_options, data->format, &data->options,
                         data->dest_path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Private API */

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

/* Public API */

gboolean
jury_export_format_from_string (const char       *text,
                                JuryExportFormat *format)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
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

gboolean
jury_export_write (const JuryResults       *results,
                   JuryExportFormat         format,
                   const JuryExportOptions *options,
                   const char              *path,
                   GError                 **error)
{
  g_autoptr(GBytes) csv = NULL;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &default_options;

  switch (format)
    {
    case JURY_EXPORT_CSV:
      /* The ranking names no juror, so it is anonymous as it is. */
      csv = jury_results_to_csv (results);
      return jury_write_file_atomic (path, csv, error);
    case JURY_EXPORT_XLSX:
      return write_xlsx (results, options, path, error);
    case JURY_EXPORT_PDF:
      return write_pdf (results, options, path, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
jury_export_store (JuryStore                *store,
                   const JuryResultsOptions *results_options,
                   JuryExportFormat          format,
                   const JuryExportOptions  *options,
                   const char               *dest_path,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autoptr(JuryResults) results = NULL;

  g_return_val_if_fail (JURY_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (jury_same_file (dest_path, jury_store_get_path (store)))
    {
      g_autofree char *base = g_path_get_basename (dest_path);
      g_autofree char *name = g_filename_display_name (base);

      g_set_error (error, JURY_EXPORT_ERROR, JURY_EXPORT_ERROR_FAILED,
                   _("%s is the database the results come from; choose another file for the export"),
                   name);
      return FALSE;
    }

  return (results = jury_results_new (store, results_options, error)) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         jury_export_write (results, format, options, dest_path, error);
}

void
jury_export_store_async (JuryStore                *store,
                         const JuryResultsOptions *results_options,
                         JuryExportFormat          format,
                         const JuryExportOptions  *options,
                         const char               *dest_path,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (JURY_IS_STORE (store));
  g_return_if_fail (dest_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (StoreData, 1);
  data->store_path = g_strdup (jury_store_get_path (store));
  if (results_options != NULL)
    data->results_options = *results_options;
  data->format = format;
  data->options = options != NULL ? *options : default_options;
  data->dest_path = g_strdup (dest_path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_export_store_async);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
jury_export_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_export_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
