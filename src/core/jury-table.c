/* jury-table.c: a table of applications from CSV, XLSX or ODS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jury-csv.h"
#include "jury-store.h"
#include "jury-table-private.h"

#define UTF8_BOM     "\xEF\xBB\xBF"
#define ZIP_MAGIC    "PK\x03\x04"
#define ZIP_EMPTY    "PK\x05\x06"
/* An OLE compound file: an old Excel workbook, or an encrypted new one. */
#define OLE_MAGIC    "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
/* The stream an encrypted OOXML file keeps its workbook in, in UTF-16LE. */
#define OLE_ENCRYPTED "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0"

/* The bytes looked at to tell UTF-16 without a BOM. */
#define UTF16_SNIFF_SIZE 4096

/* An ODF archive's mimetype part is one short line. */
#define MIMETYPE_MAX_SIZE 256
#define ODS_MIMETYPE     "application/vnd.oasis.opendocument.spreadsheet"
#define ODF_MIMETYPE     "application/vnd.oasis.opendocument."

G_DEFINE_QUARK (jury-table-error-quark, jury_table_error)

/* Errors */

/* "NAME: line N: MESSAGE" (IS_LINE) or "NAME: row N: MESSAGE", or "NAME: MESSAGE"
 * when N is 0. */
static void
set_located_error (GError         **error,
                   JuryTableError   code,
                   const char      *name,
                   gboolean         is_line,
                   guint            where,
                   const char      *message)
{
  g_autofree char *located = NULL;

  if (where == 0)
    located = g_strdup (message);
  else if (is_line)
    /* Translators: %u is a line number, %s what is wrong on it. */
    located = g_strdup_printf (_("line %u: %s"), where, message);
  else
    /* Translators: %u is a row of a spreadsheet, %s what is wrong in it. */
    located = g_strdup_printf (_("row %u: %s"), where, message);

  g_set_error (error, JURY_TABLE_ERROR, code, "%s: %s", name, located);
}

void
jury_table_set_error (GError         **error,
                      JuryTableError   code,
                      const char      *name,
                      const char      *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_located_error (error, code, name, FALSE, 0, message);
}

void
jury_table_set_row_error (GError         **error,
                          JuryTableError   code,
                          const char      *name,
                          guint            row,
                          const char      *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_located_error (error, code, name, FALSE, row, message);
}

/* Builder */

static void builder_set_error (JuryTableBuilder  *builder,
                               GError           **error,
                               JuryTableError     code,
                               const char        *format,
                               ...) G_GNUC_PRINTF (4, 5);

/* "NAME: row N: …" for a spreadsheet, "NAME: line N: …" for CSV. */
static void
builder_set_error (JuryTableBuilder  *builder,
                   GError           **error,
                   JuryTableError     code,
                   const char        *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_located_error (error, code, builder->name, builder->table->format == JURY_TABLE_FORMAT_CSV,
                     builder->row_number, message);
}

/* CR and CRLF become LF, in place. */
static void
normalize_line_ends (char *text)
{
  char *out = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          *out++ = '\n';
          if (p[1] == '\n')
            p++;
        }
      else
        *out++ = *p;
    }
  *out = '\0';
}

static gboolean
builder_check_cells (JuryTableBuilder  *builder,
                     guint64            n_more,
                     GError           **error)
{
  if (n_more <= builder->limits->max_cells && builder->n_cells <= builder->limits->max_cells - n_more)
    return TRUE;

  builder_set_error (builder, error, JURY_TABLE_ERROR_TOO_LARGE,
                     _("the table has more than %u cells, the most a table may have"),
                     builder->limits->max_cells);
  return FALSE;
}

static gboolean
builder_check_text (JuryTableBuilder  *builder,
                    guint64            more_size,
                    GError           **error)
{
  g_autofree char *limit = NULL;
  guint64 max = (guint64) builder->limits->max_text_size;

  if (more_size <= max && (guint64) builder->text_size <= max - more_size)
    return TRUE;

  limit = g_format_size_full (builder->limits->max_text_size, G_FORMAT_SIZE_IEC_UNITS);
  builder_set_error (builder, error, JURY_TABLE_ERROR_TOO_LARGE,
                     /* Translators: %s is a size such as "256.0 MiB" */
                     _("the cells hold more than %s of text, the most a table may have"), limit);
  return FALSE;
}

void
jury_table_builder_init (JuryTableBuilder       *builder,
                         const char             *name,
                         const JuryTableLimits  *limits,
                         JuryTableFormat         format)
{
  memset (builder, 0, sizeof *builder);
  builder->name = name;
  builder->limits = limits;
  builder->table = g_new0 (JuryTable, 1);
  builder->table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  builder->table->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  builder->table->format = format;
  builder->row = g_ptr_array_new_with_free_func (g_free);
}

void
jury_table_builder_clear (JuryTableBuilder *builder)
{
  g_clear_pointer (&builder->table, jury_table_free);
  g_clear_pointer (&builder->row, g_ptr_array_unref);
}

void
jury_table_builder_begin_row (JuryTableBuilder *builder,
                              guint             row_number)
{
  g_ptr_array_set_size (builder->row, 0);
  builder->row_number = row_number;
  builder->row_text_size = 0;
}

gboolean
jury_table_builder_add_cell (JuryTableBuilder  *builder,
                             guint64            column,
                             char              *text,
                             guint64            repeat,
                             GError           **error)
{
  g_autofree char *owned = text;
  guint max_columns = builder->limits->max_columns;
  guint64 n_more;
  gsize length;

  g_assert (column >= builder->row->len);
  g_assert (repeat >= 1);

  if (owned == NULL || owned[0] == '\0')
    return TRUE;

  normalize_line_ends (owned);
  length = strlen (owned);
  if (!g_utf8_validate_len (owned, length, NULL))
    {
      builder_set_error (builder, error, JURY_TABLE_ERROR_DAMAGED,
                         _("the text of a cell is not valid UTF-8"));
      return FALSE;
    }

  if (repeat > max_columns || column > max_columns - repeat)
    {
      builder_set_error (builder, error, JURY_TABLE_ERROR_TOO_LARGE,
                         _("the row has more than %u columns, the most a table may have"),
                         max_columns);
      return FALSE;
    }

  n_more = column - builder->row->len + repeat;
  if (!builder_check_cells (builder, n_more, error)
      || !builder_check_text (builder, (guint64) length * repeat, error))
    return FALSE;

  while (builder->row->len < column)
    g_ptr_array_add (builder->row, g_strdup (""));
  for (guint64 i = 1; i < repeat; i++)
    g_ptr_array_add (builder->row, g_strdup (owned));
  g_ptr_array_add (builder->row, g_steal_pointer (&owned));

  builder->n_cells += n_more;
  builder->text_size += (goffset) (length * repeat);
  builder->row_text_size += (goffset) (length * repeat);
  return TRUE;
}

static GStrv
copy_row (GPtrArray *row)
{
  GStrv copy = g_new (char *, row->len + 1);

  for (guint i = 0; i < row->len; i++)
    copy[i] = g_strdup (row->pdata[i]);
  copy[row->len] = NULL;

  return copy;
}

gboolean
jury_table_builder_end_row (JuryTableBuilder  *builder,
                            guint64            repeat,
                            GError           **error)
{
  JuryTable *table = builder->table;
  guint max_rows = builder->limits->max_rows;

  g_assert (repeat >= 1);

  if (builder->row->len == 0)
    return TRUE;

  if (repeat > max_rows || table->rows->len > max_rows - repeat)
    {
      builder_set_error (builder, error, JURY_TABLE_ERROR_TOO_LARGE,
                         _("the table has more than %u rows, the most a table may have"), max_rows);
      return FALSE;
    }

  if (!builder_check_cells (builder, builder->row->len * (repeat - 1), error)
      || !builder_check_text (builder, (guint64) builder->row_text_size * (repeat - 1), error))
    return FALSE;

  builder->n_cells += builder->row->len * (repeat - 1);
  builder->text_size += builder->row_text_size * (goffset) (repeat - 1);

  /* Copies for the repetitions, and the row itself for the last. */
  for (guint64 i = 0; i < repeat; i++)
    {
      guint number = builder->row_number + (guint) i;

      if (i + 1 < repeat)
        g_ptr_array_add (table->rows, copy_row (builder->row));
      else
        {
          g_ptr_array_add (builder->row, NULL);
          g_ptr_array_add (table->rows, g_ptr_array_steal (builder->row, NULL));
        }
      g_array_append_val (table->row_numbers, number);
    }

  return TRUE;
}

JuryTable *
jury_table_builder_finish (JuryTableBuilder  *builder,
                           GError           **error)
{
  if (builder->table->rows->len == 0)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_EMPTY, builder->name,
                            _("the table is empty: no row holds anything"));
      return NULL;
    }

  return g_steal_pointer (&builder->table);
}

/* Dates, times and numbers */

char *
jury_table_format_time (guint64 seconds)
{
  guint64 hours = seconds / 3600;
  guint minutes = (guint) (seconds / 60 % 60);
  guint rest = (guint) (seconds % 60);

  if (rest == 0)
    return g_strdup_printf ("%02" G_GUINT64_FORMAT ":%02u", hours, minutes);

  return g_strdup_printf ("%02" G_GUINT64_FORMAT ":%02u:%02u", hours, minutes, rest);
}

char *
jury_table_format_date (int    year,
                        int    month,
                        int    day,
                        gint64 seconds)
{
  g_autofree char *time = NULL;

  if (seconds < 0)
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  time = jury_table_format_time ((guint64) seconds);
  return g_strdup_printf ("%04d-%02d-%02d %s", year, month, day, time);
}

/* Whether TEXT is [+-]digits[.digits], the way numbers are written. */
static gboolean
is_plain_decimal (const char *text)
{
  const char *p = text;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

char *
jury_table_normalize_number (const char *text)
{
  g_autofree char *number = g_strstrip (g_strdup (text));
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double value;

  if (is_plain_decimal (number))
    {
      char *point = strchr (number, '.');

      if (point != NULL)
        {
          char *last = number + strlen (number) - 1;

          while (last > point && *last == '0')
            *last-- = '\0';
          if (last == point)
            *point = '\0';
        }
      return g_steal_pointer (&number);
    }

  if (strpbrk (number, "eE") == NULL)
    return g_steal_pointer (&number);

  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0' || !isfinite (value))
    return g_steal_pointer (&number);

  /* The shortest of these that gives the same number back. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);

  return g_strdup (buffer);
}

/* Reads DIGITS digits at *P into *VALUE. */
static gboolean
read_digits (const char **p,
             guint        digits,
             int         *value)
{
  *value = 0;
  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + ((*p)[i] - '0');
    }

  *p += digits;
  return TRUE;
}

char *
jury_table_format_iso_date_time (const char *text)
{
  const char *p = text;
  int year, month, day, hours = 0, minutes = 0, seconds = 0;
  gint64 time = 0;
  GDate date;

  if (!read_digits (&p, 4, &year) || *p++ != '-' || !read_digits (&p, 2, &month)
      || *p++ != '-' || !read_digits (&p, 2, &day)
      || !g_date_valid_dmy (day, month, year))
    return NULL;

  if (*p == 'T')
    {
      double fraction = 0;

      p++;
      if (!read_digits (&p, 2, &hours) || *p++ != ':' || !read_digits (&p, 2, &minutes))
        return NULL;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &seconds))
            return NULL;
          if (*p == '.' && g_ascii_isdigit (p[1]))
            {
              double scale = 0.1;

              for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
                fraction += (*p - '0') * scale;
            }
        }
      if (hours > 23 || minutes > 59 || seconds > 59)
        return NULL;

      /* A time zone is the file's business, not the table's. */
      time = (gint64) hours * 3600 + minutes * 60 + seconds + (gint64) round (fraction);
    }

  if (*p != '\0' && *p != 'Z' && *p != '+' && *p != '-')
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  /* Rounding up may reach the next day. */
  if (time >= 86400)
    {
      if (g_date_get_julian (&date) >= G_MAXUINT32 - 1 || year >= 9999)
        return NULL;
      g_date_add_days (&date, 1);
      time -= 86400;
    }

  return jury_table_format_date (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), time != 0 ? time : -1);
}

/* CSV */

static guint
count_lines (const char *text,
             const char *stop)
{
  guint line = 1;

  for (const char *p = text; p < stop; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 == stop || p[1] != '\n')))
      line++;

  return line;
}

/* Text saved as UTF-16 without a BOM: mostly Latin letters, so every other
 * byte is 0, and the bytes between them are not. Returns the encoding, or NULL. */
static const char *
sniff_utf16 (const guint8 *data,
             gsize         size)
{
  gsize n = MIN (size, UTF16_SNIFF_SIZE) & ~(gsize) 1;
  gsize zeros_even = 0;
  gsize zeros_odd = 0;

  if (n < 4)
    return NULL;

  for (gsize i = 0; i < n; i += 2)
    {
      zeros_even += data[i] == 0;
      zeros_odd += data[i + 1] == 0;
    }

  if (zeros_even == 0 && zeros_odd >= n / 4)
    return "UTF-16LE";
  if (zeros_odd == 0 && zeros_even >= n / 4)
    return "UTF-16BE";

  return NULL;
}

/* The encodings a spreadsheet saves CSV in: UTF-8, UTF-16 (Excel's "Unicode
 * text"), or Windows-1252 (what Excel in a German or English Windows calls
 * plain CSV; not ISO-8859-1: € „ “ ” – — are in 0x80–0x9F). */
static char *
decode_text (const guint8  *data,
             gsize          size,
             const char    *name,
             gsize         *length,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *encoding = NULL;
  gsize bytes_read = 0;
  char *text;

  if (size >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    encoding = NULL;
  else if (size >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    encoding = "UTF-16LE";
  else if (size >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    encoding = "UTF-16BE";
  else if ((encoding = sniff_utf16 (data, size)) != NULL)
    ;
  else if (!g_utf8_validate_len ((const char *) data, size, NULL))
    encoding = "WINDOWS-1252";

  if (encoding == NULL)
    {
      /* The CSV parser says where UTF-8 that is marked as such is broken. */
      *length = size;
      return g_strndup ((const char *) data, size);
    }

  /* A BOM becomes UTF-8's, which the CSV parser skips. */
  text = g_convert ((const char *) data, size, "UTF-8", encoding, &bytes_read, length, &local_error);
  /* With BYTES_READ, g_convert() takes a last character cut in two for no error. */
  if (text != NULL && bytes_read < size)
    g_clear_pointer (&text, g_free);
  if (text == NULL)
    {
      g_autofree char *before = NULL;
      gsize before_length = 0;
      guint line = 1;

      if (g_str_has_prefix (encoding, "UTF-16"))
        bytes_read &= ~(gsize) 1;
      before = g_convert ((const char *) data, bytes_read, "UTF-8", encoding, NULL, &before_length, NULL);
      if (before != NULL)
        line = count_lines (before, before + before_length);

      if (g_str_has_prefix (encoding, "UTF-16"))
        jury_table_set_error (error, JURY_TABLE_ERROR_ENCODING, name,
                              /* Translators: %u is a line number */
                              _("line %u: the text is not valid UTF-16, though it looks like UTF-16; save the file as “CSV UTF-8”"),
                              line);
      else
        jury_table_set_error (error, JURY_TABLE_ERROR_ENCODING, name,
                              _("line %u: the text is neither UTF-8 nor Windows-1252; save the file as “CSV UTF-8”"),
                              line);
      return NULL;
    }

  return text;
}

/* Text holds no control characters but tab, line feed and carriage return;
 * anything else is some other kind of file. */
static gboolean
check_is_text (const char  *text,
               gsize        length,
               const char  *name,
               GError     **error)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        {
          jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                                _("line %u: the file holds binary data, so it is no table; Jury Desk reads CSV, XLSX and ODS"),
                                count_lines (text, text + i));
          return FALSE;
        }
    }

  return TRUE;
}

/* Of comma, semicolon and tab, the one the first record has most of outside
 * quotes; a tab wins a tie, then a semicolon (a title may hold a comma more
 * easily than either). */
static char
detect_separator (const char *text,
                  gsize       length)
{
  static const char candidates[] = { '\t', ';', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean in_quotes = FALSE;
  char best = ',';
  guint best_count = 0;

  for (const char *p = text; p < text + length; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (*p == '\r' || *p == '\n')
        break;
      else
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          counts[i] += *p == candidates[i];
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > best_count)
      {
        best = candidates[i];
        best_count = counts[i];
      }

  return best;
}

static JuryTableError
csv_error_code (const GError *error)
{
  if (error->domain != JURY_CSV_ERROR)
    return JURY_TABLE_ERROR_DAMAGED;

  switch ((JuryCsvError) error->code)
    {
    case JURY_CSV_ERROR_SYNTAX:
      return JURY_TABLE_ERROR_SYNTAX;
    case JURY_CSV_ERROR_ENCODING:
      return JURY_TABLE_ERROR_ENCODING;
    case JURY_CSV_ERROR_TOO_LARGE:
      return JURY_TABLE_ERROR_TOO_LARGE;
    default:
      return JURY_TABLE_ERROR_DAMAGED;
    }
}

static gboolean
build_csv_rows (JuryTableBuilder  *builder,
                GPtrArray         *rows,
                GArray            *lines,
                GError           **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      /* The cells go to the builder one by one. */
      g_autofree GStrv cells = g_steal_pointer (&rows->pdata[i]);
      gboolean ok = TRUE;

      jury_table_builder_begin_row (builder, g_array_index (lines, guint, i));
      for (guint j = 0; cells[j] != NULL; j++)
        {
          if (ok)
            ok = jury_table_builder_add_cell (builder, j, g_steal_pointer (&cells[j]), 1, error);
          else
            g_free (cells[j]);
        }

      if (!ok || !jury_table_builder_end_row (builder, 1, error))
        return FALSE;
    }

  return TRUE;
}

static JuryTable *
read_csv (const guint8           *data,
          gsize                   size,
          const char             *name,
          const JuryTableLimits  *limits,
          GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_autofree char *text = NULL;
  JuryTableBuilder builder;
  JuryCsvLimits csv_limits = {
    .max_rows = limits->max_rows,
    .max_columns = limits->max_columns,
    .max_cells = limits->max_cells,
  };
  JuryTable *table = NULL;
  gsize length = 0;

  text = decode_text (data, size, name, &length, error);
  if (text == NULL || !check_is_text (text, length, name, error))
    return NULL;

  rows = jury_csv_parse_with_separator (text, length, detect_separator (text, length), &csv_limits,
                                        &lines, &csv_error);
  if (rows == NULL)
    {
      jury_table_set_error (error, csv_error_code (csv_error), name, "%s", csv_error->message);
      return NULL;
    }
  g_clear_pointer (&text, g_free);

  jury_table_builder_init (&builder, name, limits, JURY_TABLE_FORMAT_CSV);
  if (build_csv_rows (&builder, rows, lines, error))
    table = jury_table_builder_finish (&builder, error);
  jury_table_builder_clear (&builder);

  return table;
}

/* Spreadsheets */

static JuryTable *
read_zip (GBytes                 *bytes,
          const char             *name,
          const JuryTableLimits  *limits,
          GCancellable           *cancellable,
          GError                **error)
{
  g_autofree char *mimetype = NULL;
  JuryTableZip zip;
  JuryTableBuilder builder;
  JuryTableFormat format;
  JuryTable *table = NULL;
  gboolean ok;

  if (!jury_table_zip_open (&zip, bytes, name, limits, cancellable, error))
    return NULL;

  if (jury_table_zip_has (&zip, "xl/workbook.xml"))
    format = JURY_TABLE_FORMAT_XLSX;
  else if (jury_table_zip_has (&zip, "xl/workbook.bin"))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                            _("this is a binary Excel workbook (.xlsb), which Jury Desk does not read; save it as XLSX, ODS or CSV"));
      goto out;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      mimetype = jury_table_zip_read_small (&zip, "mimetype", MIMETYPE_MAX_SIZE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }

      if (mimetype != NULL)
        g_strstrip (mimetype);

      if (mimetype != NULL && g_str_has_prefix (mimetype, ODS_MIMETYPE))
        format = JURY_TABLE_FORMAT_ODS;
      else if (mimetype != NULL && g_str_has_prefix (mimetype, ODF_MIMETYPE))
        {
          jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                                _("this is an OpenDocument file, but not a spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files"));
          goto out;
        }
      else if (mimetype == NULL && jury_table_zip_has (&zip, "content.xml"))
        format = JURY_TABLE_FORMAT_ODS;
      else
        {
          jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                                _("this is a ZIP archive, but neither an XLSX nor an ODS spreadsheet; Jury Desk reads tables from CSV, XLSX and ODS files"));
          goto out;
        }
    }

  jury_table_builder_init (&builder, name, limits, format);
  if (format == JURY_TABLE_FORMAT_XLSX)
    ok = jury_table_read_xlsx (&zip, &builder, error);
  else
    ok = jury_table_read_ods (&zip, &builder, error);

  if (ok)
    table = jury_table_builder_finish (&builder, error);
  jury_table_builder_clear (&builder);

out:
  jury_table_zip_close (&zip);
  return table;
}

static gboolean
has_prefix (const guint8 *data,
            gsize         size,
            const char   *prefix,
            gsize         prefix_length)
{
  return size >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

static gboolean
contains (const guint8 *data,
          gsize         size,
          const char   *needle,
          gsize         needle_length)
{
  const guint8 *p = data;
  const guint8 *end = data + size;

  while (end - p >= (gssize) needle_length
         && (p = memchr (p, needle[0], end - p - needle_length + 1)) != NULL)
    {
      if (memcmp (p, needle, needle_length) == 0)
        return TRUE;
      p++;
    }

  return FALSE;
}

#define HAS_PREFIX(data, size, literal) has_prefix ((data), (size), (literal), sizeof (literal) - 1)

/* Files that are plainly no table, said in their own words rather than as
 * binary data or broken CSV. Returns FALSE with ERROR set for one. */
static gboolean
check_other_kinds (const guint8  *data,
                   gsize          size,
                   const char    *name,
                   GError       **error)
{
  const guint8 *text = data;
  gsize text_size = size;

  if (HAS_PREFIX (data, size, OLE_MAGIC))
    {
      if (contains (data, size, OLE_ENCRYPTED, sizeof OLE_ENCRYPTED - 1))
        jury_table_set_error (error, JURY_TABLE_ERROR_ENCRYPTED, name,
                              _("the file is encrypted; save it again without a password"));
      else
        jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                              _("this is an old Excel workbook (.xls) or another old Office file, which Jury Desk does not read; save it as XLSX, ODS or CSV"));
      return FALSE;
    }

  if (jury_bytes_look_like_sqlite (data, size))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                            _("this is a database (such as a .jury file), not a table"));
      return FALSE;
    }

  if (HAS_PREFIX (data, size, "%PDF-"))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                            _("this is a PDF document, not a table; Jury Desk reads tables from CSV, XLSX and ODS files"));
      return FALSE;
    }

  if (HAS_PREFIX (text, text_size, UTF8_BOM))
    {
      text += 3;
      text_size -= 3;
    }
  while (text_size > 0 && g_ascii_isspace (*text))
    {
      text++;
      text_size--;
    }

  if (HAS_PREFIX (text, text_size, "<?xml"))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                            _("this is an XML file (such as a call file), not a table; Jury Desk reads tables from CSV, XLSX and ODS files"));
      return FALSE;
    }

  if (text_size >= 5 && (g_ascii_strncasecmp ((const char *) text, "<html", 5) == 0
                         || (text_size >= 9 && g_ascii_strncasecmp ((const char *) text, "<!doctype", 9) == 0)))
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_NOT_A_TABLE, name,
                            _("this is a web page, not a table; Jury Desk reads tables from CSV, XLSX and ODS files"));
      return FALSE;
    }

  return TRUE;
}

/* Reading files */

/* The whole file, unless it is larger than MAX_SIZE. */
static GBytes *
load_file (GFile         *file,
           const char    *name,
           goffset        max_size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint8 buffer[64 * 1024];
  gssize n;

  stream = g_file_read (file, cancellable, &local_error);
  while (stream != NULL
         && (n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                      cancellable, &local_error)) > 0)
    {
      if ((goffset) data->len + n > max_size)
        {
          g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

          jury_table_set_error (error, JURY_TABLE_ERROR_TOO_LARGE, name,
                                /* Translators: %s is a size such as "256.0 MiB" */
                                _("the file is larger than %s, the most a table may have"), limit);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        jury_table_set_error (error, JURY_TABLE_ERROR_IO, name, _("cannot read the file: %s"),
                              local_error->message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  JuryTable *table = jury_table_read_file (task_data, cancellable, &error);

  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) jury_table_free);
}

/* Public API */

void
jury_table_limits_init (JuryTableLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_file_size = JURY_TABLE_DEFAULT_MAX_FILE_SIZE;
  limits->max_part_size = JURY_TABLE_DEFAULT_MAX_PART_SIZE;
  limits->max_rows = JURY_TABLE_DEFAULT_MAX_ROWS;
  limits->max_columns = JURY_TABLE_DEFAULT_MAX_COLUMNS;
  limits->max_cells = JURY_TABLE_DEFAULT_MAX_CELLS;
  limits->max_text_size = JURY_TABLE_DEFAULT_MAX_TEXT_SIZE;
}

JuryTable *
jury_table_read_bytes_full (GBytes                 *bytes,
                            const char             *name,
                            const JuryTableLimits  *limits,
                            GCancellable           *cancellable,
                            GError                **error)
{
  JuryTableLimits default_limits;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (limits == NULL)
    {
      jury_table_limits_init (&default_limits);
      limits = &default_limits;
    }

  data = g_bytes_get_data (bytes, &size);
  if ((goffset) size > limits->max_file_size)
    {
      g_autofree char *limit = g_format_size_full (limits->max_file_size, G_FORMAT_SIZE_IEC_UNITS);

      jury_table_set_error (error, JURY_TABLE_ERROR_TOO_LARGE, name,
                            _("the file is larger than %s, the most a table may have"), limit);
      return NULL;
    }

  if (size == 0)
    {
      jury_table_set_error (error, JURY_TABLE_ERROR_EMPTY, name, _("the file is empty"));
      return NULL;
    }

  if (HAS_PREFIX (data, size, ZIP_MAGIC) || HAS_PREFIX (data, size, ZIP_EMPTY))
    return read_zip (bytes, name, limits, cancellable, error);

  if (!check_other_kinds (data, size, name, error))
    return NULL;

  return read_csv (data, size, name, limits, error);
}

JuryTable *
jury_table_read_bytes (GBytes      *bytes,
                       const char  *name,
                       GError     **error)
{
  return jury_table_read_bytes_full (bytes, name, NULL, NULL, error);
}

JuryTable *
jury_table_read_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JuryTableLimits limits;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  jury_table_limits_init (&limits);
  name = g_file_get_basename (file);
  if (name == NULL)
    name = g_file_get_parse_name (file);
  bytes = load_file (file, name, limits.max_file_size, cancellable, error);
  if (bytes == NULL)
    return NULL;

  return jury_table_read_bytes_full (bytes, name, &limits, cancellable, error);
}

void
jury_table_read_file_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_table_read_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_thread);
}

JuryTable *
jury_table_read_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_table_read_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jury_table_free (JuryTable *table)
{
  if (table == NULL)
    return;

  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->row_numbers, g_array_unref);
  g_free (table);
}
