/* jury-export-csv.c: the ranking as CSV, its columns named by their ids for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-export"

#include "config.h"

#include "jury-csv.h"
#include "jury-export-csv.h"

GBytes *
jury_export_csv (const JuryResults *results)
{
  const char * const *columns;
  JuryCsvWriter *writer;
  guint n_columns;

  g_return_val_if_fail (results != NULL, NULL);

  writer = jury_csv_writer_new ();
  columns = jury_results_ranking_columns (&n_columns);
  for (guint c = 0; c < n_columns; c++)
    jury_csv_writer_add_text (writer, columns[c]);
  jury_csv_writer_end_row (writer);

  for (guint k = 0; k < results->stats->n_submissions; k++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          JuryCell cell;

          jury_results_get_ranking_cell (results, k, c, &cell);
          if (cell.kind == JURY_CELL_TEXT)
            jury_csv_writer_add_text (writer, cell.text);
          else if (cell.kind == JURY_CELL_NUMBER)
            jury_csv_writer_add_number (writer, cell.number);
          else
            jury_csv_writer_add_empty (writer);
        }
      jury_csv_writer_end_row (writer);
    }

  return jury_csv_writer_free_to_bytes (writer);
}
