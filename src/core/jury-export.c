/* jury-export.c: the export formats, their names, and writing each atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-export"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-export.h"
#include "jury-export-csv.h"
#include "jury-export-xlsx.h"
#include "jury-file.h"
#include "jury-report.h"
#include "jury-store-transaction.h"

typedef struct
{
  char               *store_path;
  JuryResultsOptions  results_options;
  JuryExportFormat    format;
  JuryExportOptions   options;
  char               *dest_path;
} StoreData;

static const char * const format_names[] = { "csv", "xlsx", "pdf" };

static const JuryExportOptions default_options = { FALSE };

/* The PDF goes to its temporary file as it is made, through a buffer of this size. */
#define PDF_BUFFER_SIZE (64 * 1024)

typedef struct
{
  int    fd;
  int    errsv;     /* the first failure to write; 0 */
  gsize  length;
  guint8 buffer[PDF_BUFFER_SIZE];
} PdfFile;

static gboolean
pdf_file_flush (PdfFile *file)
{
  const guint8 *data = file->buffer;

  while (file->length > 0 && file->errsv == 0)
    {
      gssize n = write (file->fd, data, file->length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        file->errsv = errno;
      else
        {
          data += n;
          file->length -= n;
        }
    }
  file->length = 0;

  return file->errsv == 0;
}

static cairo_status_t
pdf_file_write (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  PdfFile *file = closure;

  while (length > 0)
    {
      gsize n = MIN (length, PDF_BUFFER_SIZE - file->length);

      memcpy (file->buffer + file->length, data, n);
      file->length += n;
      data += n;
      length -= n;
      if (file->length == PDF_BUFFER_SIZE && !pdf_file_flush (file))
        return CAIRO_STATUS_WRITE_ERROR;
    }

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_pdf (const JuryResults       *results,
           const JuryExportOptions *options,
           const char              *path,
           GError                 **error)
{
  g_autofree PdfFile *file = g_new0 (PdfFile, 1);
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;

  if ((file->fd = jury_file_make_temp (path, &tmp_path, error)) < 0)
    return FALSE;

  if (jury_report_write_pdf (results, options, pdf_file_write, file, &local_error) &&
      pdf_file_flush (file))
    return jury_file_commit_temp (file->fd, tmp_path, path, TRUE, error);

  /* A failure to write is told as for every other file ("the disk is full"). */
  if (file->errsv != 0)
    jury_file_set_write_error (path, file->errsv, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  g_close (file->fd, NULL);
  jury_file_remove_temp (tmp_path);
  return FALSE;
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
      csv = jury_export_csv (results);
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
  gboolean ok;

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

  /* The reviews are read a submission at a time as the export goes, from the
   * snapshot the results come from. */
  if (!jury_store_begin_read (store, error))
    return FALSE;
  ok = (results = jury_results_new_compact (store, results_options, error)) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       jury_export_write (results, format, options, dest_path, error);
  g_clear_pointer (&results, jury_results_free);
  jury_store_end_read (store);

  return ok;
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
