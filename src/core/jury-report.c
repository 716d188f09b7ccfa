/* jury-report.c: the decision dossier's pages, laid out with pango for a PDF or a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "jury-chart.h"
#include "jury-report.h"

/* ISO A4 in points. */
#define A4_WIDTH  595.28
#define A4_HEIGHT 841.89

#define MARGIN        48.0
#define FOOTER_SPACE  20.0
#define CELL_PAD_X    3.0
#define CELL_PAD_Y    2.5
#define SPREAD_HEIGHT 84.0
#define LENIENCY_ROW  20.0
#define MAX_COLUMNS   16
/* The score table: the juror's and the total's columns, and the least a criterion's
 * column needs for its header ("12 (×2)") on one line. */
#define SCORE_JUROR_WIDTH 96.0
#define SCORE_TOTAL_WIDTH 54.0
#define SCORE_MIN_WIDTH   44.0

typedef enum
{
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_HEADING,
  STYLE_BODY,
  STYLE_BOLD,
  STYLE_TABLE,
  STYLE_SMALL,
  STYLE_SMALL_BOLD,
  N_STYLES
} Style;

typedef enum
{
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_SPREAD,
  ITEM_LENIENCY,
} ItemKind;

/* One thing on a page. A text that continues over a page break appears as an item on
 * each page, showing the part of its layout from OFFSET down for HEIGHT points. */
typedef struct
{
  ItemKind     kind;
  double       x;
  double       y;
  double       width;
  double       height;
  double       offset;
  PangoLayout *layout;      /* ITEM_TEXT */
  gboolean     muted;       /* ITEM_TEXT, ITEM_RULE */
  guint        submission;  /* ITEM_SPREAD */
} Item;

/* Where laying out can begin anew: the first page of a section (the ranking, each
 * submission, the jury) or a page of the ranking that opens with a row of its table.
 * Paginating notes them; drawing a page lays out again from the last one before it,
 * so that only a stretch of pages up to the next one is ever held in memory. */
typedef struct
{
  guint page;
  guint section;  /* 0 the ranking, 1 + k the k-th submission in rank order, then the jury */
  guint row;      /* 0 at the section's start; in the ranking, 1 + the row that opens the page */
} ResumePoint;

#define NO_ROW G_MAXUINT

typedef enum
{
  RUN_PAGINATE,   /* counts the pages and notes where each stretch begins */
  RUN_DRAW,       /* keeps the pages from keep_from until the run stops at stop_at */
} RunMode;

/* Columns of a table; a table that continues on the next page repeats its header. */
typedef struct
{
  guint           n_columns;
  double          x[MAX_COLUMNS];
  double          width[MAX_COLUMNS];
  PangoAlignment  align[MAX_COLUMNS];
  const char    **header;
} Table;

struct _JuryReport
{
  const JuryResults  *results;
  JuryExportOptions   options;
  guint              *jurors;     /* display order */
  char              **labels;     /* by juror index */

  PangoContext       *context;
  GHashTable         *layouts;    /* short texts' layouts, shared: tables repeat their cells */
  double              width;
  double              height;
  guint               n_pages;
  GArray             *resume;     /* ResumePoint, in the order of their pages */
  GArray             *signatures; /* guint32 by page: see page_signature() */

  /* The run of the layout in progress. */
  RunMode             mode;
  GArray             *page;       /* Item: the page being filled, NULL when none */
  guint               page_index;
  guint               keep_from;
  guint               stop_at;
  gboolean            stopped;
  guint               table_row;  /* the ranking's row being placed, or NO_ROW */
  double              y;          /* where the next thing goes */
  double              page_top;   /* y on an empty page, below a running head */
  char               *running;    /* the running head of a continued section, nullable */

  /* The pages laid out for drawing: page kept_first and those after it. */
  GPtrArray          *kept;       /* GArray of Item */
  guint               kept_first;

  GError             *error;      /* the first reviews that could not be read */
};

static const char * const style_fonts[N_STYLES] = {
  "Sans Bold 20", "Sans 12", "Sans Bold 13", "Sans 9.5", "Sans Bold 9.5", "Sans 8.5", "Sans 8",
  "Sans Bold 8",
};

/* The colours of the printed dossier: black text, grey rules, a blue accent. */
static const JuryChartColors report_colors = {
  { 0.10, 0.10, 0.10, 1.0 },
  { 0.11, 0.44, 0.85, 1.0 },
  { 0.55, 0.55, 0.55, 1.0 },
};

/* Layout */

static double
content_left (void)
{
  return MARGIN;
}

static double
content_width (JuryReport *self)
{
  return self->width - 2 * MARGIN;
}

static double
content_bottom (JuryReport *self)
{
  return self->height - MARGIN - FOOTER_SPACE;
}

/* Text from the call and the jurors is set as text, never parsed as markup. */
static PangoLayout *
make_new_layout (JuryReport     *self,
                 Style           style,
                 const char     *text,
                 double          width,
                 PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style_fonts[style]);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  /* A hyphen added at a break would become part of a title a reader searches for. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

/* Texts up to this many bytes are looked up before they are laid out: the table
 * cells, headings and labels that every submission's page repeats. */
#define SHARED_LAYOUT_MAX_BYTES 64
/* Then the table starts afresh: the unique short texts (titles) would fill it. */
#define SHARED_LAYOUT_MAX_COUNT 8192

/* A layout of TEXT, shared with every other use of the same text in the same place:
 * nobody changes a layout once made. */
static PangoLayout *
make_layout (JuryReport     *self,
             Style           style,
             const char     *text,
             double          width,
             PangoAlignment  align)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (text == NULL || strlen (text) > SHARED_LAYOUT_MAX_BYTES)
    return make_new_layout (self, style, text, width, align);

  key = g_strdup_printf ("%d %d %d %s", style, (int) (width * PANGO_SCALE), align, text);
  if ((layout = g_hash_table_lookup (self->layouts, key)) == NULL)
    {
      if (g_hash_table_size (self->layouts) >= SHARED_LAYOUT_MAX_COUNT)
        g_hash_table_remove_all (self->layouts);
      layout = make_new_layout (self, style, text, width, align);
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }

  return g_object_ref (layout);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
item_clear (Item *item)
{
  g_clear_object (&item->layout);
}

/* Nothing is added once the run has stopped. */
static void
add_item (JuryReport *self,
          const Item *item)
{
  if (self->page == NULL)
    return;

  g_array_append_vals (self->page, item, 1);
  if (item->layout != NULL)
    g_object_ref (item->layout);
}

static void
add_text_item (JuryReport  *self,
               PangoLayout *layout,
               double       x,
               double       offset,
               double       height,
               gboolean     muted)
{
  Item item = { ITEM_TEXT, x, self->y, content_width (self), height, offset, layout, muted, 0 };

  add_item (self, &item);
}

static void
add_rule (JuryReport *self,
          double      x,
          double      width,
          double      line_width,
          gboolean    muted)
{
  Item item = { ITEM_RULE, x, self->y, width, line_width, 0, NULL, muted, 0 };

  add_item (self, &item);
}

/* What a page holds, in a number: laying a page out again must give the same. */
static guint32
page_signature (GArray *page)
{
  guint32 hash = page->len;

  for (guint i = 0; i < page->len; i++)
    {
      const Item *item = &g_array_index (page, Item, i);

      hash = hash * 31 + item->kind;
      hash = hash * 31 + (guint32) lround (item->y * 100);
      hash = hash * 31 + (guint32) lround (item->offset * 100);
      hash = hash * 31 + item->submission;
      if (item->layout != NULL)
        hash = hash * 31 + g_str_hash (pango_layout_get_text (item->layout));
    }

  return hash;
}

/* The page is complete: kept when it is to be drawn, else freed at once. */
static void
finish_page (JuryReport *self)
{
  GArray *page = g_steal_pointer (&self->page);
  guint32 signature;

  if (page == NULL)
    return;

  signature = page_signature (page);
  if (self->mode == RUN_PAGINATE)
    g_array_append_val (self->signatures, signature);
  else if (self->page_index >= self->signatures->len ||
           g_array_index (self->signatures, guint32, self->page_index) != signature)
    g_critical ("page %u laid out again differs from the first time", self->page_index + 1);

  if (self->mode == RUN_DRAW && self->page_index >= self->keep_from)
    g_ptr_array_add (self->kept, page);
  else
    g_array_unref (page);

  if (self->mode == RUN_PAGINATE)
    self->n_pages = self->page_index + 1;
  else if (self->page_index + 1 >= self->stop_at)
    self->stopped = TRUE;
}

static void
new_page (JuryReport *self)
{
  if (self->page != NULL)
    {
      finish_page (self);
      self->page_index++;
    }
  if (self->stopped)
    return;

  self->page = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->page, (GDestroyNotify) item_clear);
  self->y = MARGIN;

  if (self->running != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, STYLE_SMALL, self->running,
                                                   content_width (self), PANGO_ALIGN_LEFT);

      add_text_item (self, layout, content_left (), 0, layout_height (layout), TRUE);
      self->y += layout_height (layout) + 8;
    }
  self->page_top = self->y;
}

/* The page just begun is where laying out can begin anew (see ResumePoint). */
static void
note_resume_point (JuryReport *self,
                   guint       section,
                   guint       row)
{
  ResumePoint point = { self->page_index, section, row };

  if (self->mode == RUN_PAGINATE && !self->stopped)
    g_array_append_val (self->resume, point);
}

static gboolean
page_is_empty (JuryReport *self)
{
  return self->y <= self->page_top;
}

/* Starts a new page unless HEIGHT fits below y. */
static void
ensure_space (JuryReport *self,
              double      height)
{
  if (self->y + height > content_bottom (self) && !page_is_empty (self))
    new_page (self);
}

/* How much of LAYOUT, from OFFSET down, fits in ROOM in whole lines; FIRST receives the
 * height of the first line there, for a line taller than a page. */
static double
fitting_lines (PangoLayout *layout,
               double       offset,
               double       room,
               double      *first)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double fit = 0;

  *first = 0;
  do
    {
      int top, bottom;
      double end;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      end = (double) bottom / PANGO_SCALE - offset;
      if (end <= 0.01)
        continue;
      if (*first == 0)
        *first = end;
      if (end > room)
        break;
      fit = end;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return fit;
}

/* Puts LAYOUT at X below y, continuing on the next pages between its lines. */
static void
place_layout (JuryReport  *self,
              PangoLayout *layout,
              double       x,
              gboolean     muted)
{
  double total = layout_height (layout);
  double offset = 0;

  while (!self->stopped)
    {
      double room = content_bottom (self) - self->y;
      double first;
      double part;

      if (total - offset <= room)
        {
          add_text_item (self, layout, x, offset, total - offset, muted);
          self->y += total - offset;
          return;
        }

      part = fitting_lines (layout, offset, room, &first);
      if (part <= 0 && !page_is_empty (self))
        {
          new_page (self);
          continue;
        }
      if (part <= 0)
        part = first;

      add_text_item (self, layout, x, offset, part, muted);
      offset += part;
      new_page (self);
    }
}

static void
add_text (JuryReport *self,
          Style       style,
          const char *text,
          gboolean    muted,
          double      space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (self, style, text, content_width (self),
                                               PANGO_ALIGN_LEFT);

  place_layout (self, layout, content_left (), muted);
  self->y += space_after;
}

/* "Label: text" with the label in bold, the text as it is. */
static void
add_labelled_text (JuryReport *self,
                   const char *label,
                   const char *text)
{
  g_autofree char *joined = g_strdup_printf ("%s: %s", label, text);
  /* A layout of its own: the label's weight is set on it below. */
  g_autoptr(PangoLayout) layout = make_new_layout (self, STYLE_BODY, joined, content_width (self),
                                                   PANGO_ALIGN_LEFT);
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = strlen (label) + 1;
  pango_attr_list_insert (attrs, bold);
  pango_layout_context_changed (layout);

  place_layout (self, layout, content_left (), FALSE);
  self->y += 3;
}

/* A heading stays with at least KEEP points of what follows it. */
static void
add_heading (JuryReport *self,
             Style       style,
             const char *text,
             double      keep)
{
  g_autoptr(PangoLayout) layout = make_layout (self, style, text, content_width (self),
                                               PANGO_ALIGN_LEFT);

  if (!page_is_empty (self))
    self->y += 8;
  ensure_space (self, layout_height (layout) + keep);
  place_layout (self, layout, content_left (), FALSE);
  self->y += 4;
}

static void
table_init (Table              *table,
            JuryReport         *self,
            const double       *widths,
            const PangoAlignment *align,
            guint               n_columns,
            const char        **header)
{
  double x = content_left ();
  double fixed = 0;
  guint flexible = n_columns;

  g_assert (n_columns <= MAX_COLUMNS);

  /* A width of 0 takes an equal share of what the others leave. */
  for (guint c = 0; c < n_columns; c++)
    {
      fixed += widths[c];
      flexible -= widths[c] > 0;
    }

  table->n_columns = n_columns;
  table->header = header;
  for (guint c = 0; c < n_columns; c++)
    {
      table->x[c] = x;
      table->width[c] = widths[c] > 0 ? widths[c]
                                      : (content_width (self) - fixed) / MAX (flexible, 1);
      table->align[c] = align[c];
      x += table->width[c];
    }
}

static double
table_right (const Table *table)
{
  return table->x[table->n_columns - 1] + table->width[table->n_columns - 1];
}

/* A row stays whole; on a new page the table's header comes first. */
static void
table_row (JuryReport  *self,
           const Table *table,
           const char **cells,
           gboolean     header)
{
  PangoLayout *layouts[MAX_COLUMNS];
  double height = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      layouts[c] = make_layout (self, header ? STYLE_SMALL_BOLD : STYLE_TABLE, cells[c],
                                table->width[c] - 2 * CELL_PAD_X, table->align[c]);
      height = MAX (height, layout_height (layouts[c]));
    }
  height += 2 * CELL_PAD_Y;

  if (self->y + height > content_bottom (self) && !page_is_empty (self))
    {
      new_page (self);
      if (!header && self->table_row != NO_ROW)
        note_resume_point (self, 0, 1 + self->table_row);
      if (!header && table->header != NULL)
        table_row (self, table, table->header, TRUE);
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      self->y += CELL_PAD_Y;
      add_text_item (self, layouts[c], table->x[c] + CELL_PAD_X, 0, height - 2 * CELL_PAD_Y, FALSE);
      self->y -= CELL_PAD_Y;
      g_object_unref (layouts[c]);
    }
  self->y += height;
  add_rule (self, table->x[0], table_right (table) - table->x[0], header ? 0.8 : 0.3, !header);
}

static void
table_rule (JuryReport  *self,
            const Table *table)
{
  add_rule (self, table->x[0], table_right (table) - table->x[0], 1.2, FALSE);
}

static void
add_chart (JuryReport *self,
           ItemKind    kind,
           guint       submission,
           double      height)
{
  Item item = { kind, content_left (), 0, content_width (self), height, 0, NULL, FALSE, submission };

  height = MIN (height, content_bottom (self) - self->page_top);
  item.height = height;
  ensure_space (self, height);
  item.y = self->y;
  add_item (self, &item);
  self->y += height + 6;
}

/* Words */

/* "n 5 · mean 3.85 · median 4.00 · … · award chance 87 %": a submission's statistics
 * in one line. */
static char *
describe_statistics (const JurySubmissionStats *sub)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const struct { const char *label; double value; } values[] = {
    { C_("statistic", "mean"), sub->mean }, { C_("statistic", "median"), sub->median },
    { C_("statistic", "SD"), sub->sd }, { C_("statistic", "min"), sub->min },
    { C_("statistic", "max"), sub->max }, { C_("statistic", "normalised"), sub->normalized },
  };
  g_autofree char *chance = jury_format_share (sub->p_top);

  g_string_append_printf (line, "n %u", sub->n);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *value = jury_format_statistic (values[i].value);

      g_string_append_printf (line, " · %s %s", values[i].label, value);
    }
  g_string_append_printf (line, " · %s %s", C_("statistic", "award chance"), chance);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
describe_rank (const JuryResults *results,
               guint              s)
{
  guint rank = results->stats->submissions[s].rank;

  if (rank == 0)
    return g_strdup (_("Not ranked: no complete reviews"));

  /* Translators: "Rank 3 of 31". */
  return g_strdup_printf (_("Rank %u of %u"), rank, results->stats->n_submissions);
}

/* The review's total, or why there is none. */
static char *
describe_total (const JuryResults *results,
                gsize              review)
{
  const JuryReview *r = results->reviews[review];

  if (r != NULL && r->conflict)
    return g_strdup (_("conflict"));
  if (!isnan (results->stats->totals[review]))
    return jury_format_statistic (results->stats->totals[review]);
  if (r != NULL && jury_review_count_scored (r) > 0)
    return g_strdup (_("incomplete"));

  return g_strdup ("–");
}

/* Pages */

/* The ranking from its start, or (FIRST_ROW > 0) from the page that its row
 * FIRST_ROW - 1 opens. */
static void
ranking_pages (JuryReport *self,
               guint       first_row)
{
  const JuryResults *results = self->results;
  const JuryStats *stats = results->stats;
  guint n_award_rows = jury_results_count_award_rows (results);
  g_autofree char *note = jury_results_get_disagreement_note (results);
  g_autofree char *places = jury_results_describe_award_places (results);
  g_autofree char *panel = jury_results_describe_panel (results);
  g_autofree char *agreement = jury_results_describe_agreement (results);
  const char *header[] = {
    C_("column", "Rank"), C_("column", "Submission"), C_("column", "Region"), "n",
    results->normalized ? C_("column", "Normalised") : C_("column", "Mean"),
    C_("column", "SD"), C_("column", "Award Chance"), C_("column", "Decision"),
  };
  const double widths[] = { 30, 0, 104, 22, 46, 40, 44, 58 };
  const PangoAlignment align[] = {
    PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
    PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
  };
  Table table;

  table_init (&table, self, widths, align, G_N_ELEMENTS (widths), header);
  if (first_row == 0)
    {
      new_page (self);
      note_resume_point (self, 0, 0);
      add_text (self, STYLE_TITLE, results->call->title, FALSE, 4);
      if (results->call->theme != NULL)
        add_text (self, STYLE_SUBTITLE, results->call->theme, FALSE, 6);
      add_text (self, STYLE_SMALL, panel, TRUE, 4);
      add_text (self, STYLE_BODY, agreement, FALSE, 6);

      add_heading (self, STYLE_HEADING, _("Ranking"), 40);
    }
  /* Translators: the head of a page that continues a section; %s is its title. */
  self->running = g_strdup_printf (_("%s (continued)"), _("Ranking"));
  /* A page that a row opens begins as table_row() begins it. */
  if (first_row > 0)
    new_page (self);
  table_row (self, &table, header, TRUE);

  for (guint k = first_row > 0 ? first_row - 1 : 0; k < stats->n_submissions && !self->stopped; k++)
    {
      guint s = stats->order[k];
      const JurySubmissionStats *sub = &stats->submissions[s];
      const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);
      g_autofree char *rank = sub->rank > 0 ? g_strdup_printf ("%u", sub->rank) : g_strdup ("–");
      g_autofree char *n = g_strdup_printf ("%u", sub->n);
      g_autofree char *key = jury_format_statistic (results->normalized ? sub->normalized : sub->mean);
      g_autofree char *sd = jury_results_format_sd (results, s);
      g_autofree char *p_top = jury_format_share (sub->p_top);
      JuryDecision decision = results->decisions[s];
      const char *cells[] = {
        rank, row->title, row->region, n, key, sd, p_top,
        decision != JURY_DECISION_NONE ? jury_decision_to_label (decision) : "",
      };

      self->table_row = k;
      table_row (self, &table, cells, FALSE);
      self->table_row = NO_ROW;
      if (k + 1 == n_award_rows)
        table_rule (self, &table);
    }
  if (self->stopped)
    {
      g_clear_pointer (&self->running, g_free);
      return;
    }

  self->y += 6;
  if (places != NULL)
    add_text (self, STYLE_BODY, places, FALSE, 4);
  if (note != NULL)
    add_text (self, STYLE_SMALL, note, TRUE, 0);
  g_clear_pointer (&self->running, g_free);
}

/* The columns FIRST … FIRST + N_CRITERIA - 1 of the scores, one row per juror, with
 * the total when WITH_TOTAL; CRITERION_WIDTH keeps the blocks of a wide rubric aligned. */
static void
score_block (JuryReport *self,
             guint       s,
             guint       first,
             guint       n_criteria,
             double      criterion_width,
             gboolean    with_total)
{
  const JuryResults *results = self->results;
  GPtrArray *criteria = results->call->criteria;
  guint n_jurors = results->jurors->len;
  guint n_columns = 1 + n_criteria + (with_total ? 1 : 0);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  double widths[MAX_COLUMNS];
  PangoAlignment align[MAX_COLUMNS];
  Table table;

  g_assert (n_columns <= MAX_COLUMNS);

  g_ptr_array_add (header, g_strdup (C_("column", "Juror")));
  widths[0] = SCORE_JUROR_WIDTH;
  align[0] = PANGO_ALIGN_LEFT;
  for (guint i = 0; i < n_criteria; i++)
    {
      const JuryCriterion *criterion = g_ptr_array_index (criteria, first + i);

      /* Numbers keep the columns narrow; the legend below names the criteria. */
      g_ptr_array_add (header, g_strdup_printf ("%u (×%g)", first + i + 1, criterion->weight));
      widths[1 + i] = criterion_width;
      align[1 + i] = PANGO_ALIGN_RIGHT;
    }
  if (with_total)
    {
      g_ptr_array_add (header, g_strdup (C_("column", "Total")));
      widths[n_columns - 1] = SCORE_TOTAL_WIDTH;
      align[n_columns - 1] = PANGO_ALIGN_RIGHT;
    }

  table_init (&table, self, widths, align, n_columns, (const char **) header->pdata);
  table_row (self, &table, table.header, TRUE);

  for (guint k = 0; k < n_jurors; k++)
    {
      guint j = self->jurors[k];
      gsize review = (gsize) s * n_jurors + j;
      const JuryReview *r = results->reviews[review];
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (self->labels[j]));
      for (guint c = first; c < first + n_criteria; c++)
        g_ptr_array_add (cells, r != NULL && !r->conflict && r->scores[c] != JURY_NO_SCORE
                                ? g_strdup_printf ("%d", r->scores[c]) : g_strdup ("–"));
      if (with_total)
        g_ptr_array_add (cells, describe_total (results, review));
      table_row (self, &table, (const char **) cells->pdata, FALSE);
    }
}

/* A rubric wider than the page continues in further blocks below, each repeating
 * the jurors; the total closes the last. */
static void
score_table (JuryReport *self,
             guint       s)
{
  GPtrArray *criteria = self->results->call->criteria;
  double room = content_width (self) - SCORE_JUROR_WIDTH - SCORE_TOTAL_WIDTH;
  guint per_block = CLAMP ((guint) (room / SCORE_MIN_WIDTH), 1, MAX_COLUMNS - 2);
  double criterion_width = room / MIN (MAX (criteria->len, 1), per_block);
  g_autoptr(GString) legend = g_string_new (NULL);

  for (guint first = 0; first < criteria->len; first += per_block)
    {
      guint n = MIN (per_block, criteria->len - first);

      if (first > 0)
        self->y += 6;
      score_block (self, s, first, n, criterion_width, first + n == criteria->len);
    }

  for (guint c = 0; c < criteria->len; c++)
    g_string_append_printf (legend, "%s%u %s", c > 0 ? " · " : "", c + 1,
                            ((JuryCriterion *) g_ptr_array_index (criteria, c))->name);
  self->y += 3;
  add_text (self, STYLE_SMALL, legend->str, TRUE, 0);
}

static gboolean
has_comments (const JuryReview *review)
{
  if (review == NULL)
    return FALSE;
  if (review->overall != NULL && review->overall[0] != '\0')
    return TRUE;
  for (guint c = 0; c < review->n_criteria; c++)
    if (review->comments[c] != NULL && review->comments[c][0] != '\0')
      return TRUE;

  return FALSE;
}

static void
comments (JuryReport *self,
          guint       s)
{
  const JuryResults *results = self->results;
  GPtrArray *criteria = results->call->criteria;
  guint n_jurors = results->jurors->len;
  gboolean any = FALSE;

  add_heading (self, STYLE_BOLD, _("Comments"), 30);
  for (guint i = 0; i < n_jurors; i++)
    {
      guint j = self->jurors[i];
      const JuryReview *review = results->reviews[(gsize) s * n_jurors + j];

      if (!has_comments (review))
        continue;

      any = TRUE;
      add_heading (self, STYLE_SMALL_BOLD, self->labels[j], 20);
      for (guint c = 0; c < review->n_criteria && c < criteria->len; c++)
        if (review->comments[c] != NULL && review->comments[c][0] != '\0')
          add_labelled_text (self, ((JuryCriterion *) g_ptr_array_index (criteria, c))->name,
                             review->comments[c]);
      if (review->overall != NULL && review->overall[0] != '\0')
        add_labelled_text (self, _("Overall"), review->overall);
    }

  if (!any)
    add_text (self, STYLE_BODY, _("No comments."), TRUE, 0);
}

static void
submission_page (JuryReport *self,
                 guint       section,
                 guint       s)
{
  const JuryResults *results = self->results;
  const JurySubmissionStats *sub = &results->stats->submissions[s];
  const JurySubmissionRow *row = g_ptr_array_index (results->submissions, s);
  g_autofree char *rank = describe_rank (results, s);
  g_autofree char *statistics = describe_statistics (sub);
  g_autofree char *place = NULL;
  g_autofree char *decision = NULL;
  g_autoptr(GError) error = NULL;

  new_page (self);
  if (self->stopped)
    return;
  note_resume_point (self, section, 0);
  /* Compact results read this submission's reviews now. */
  if (!jury_results_load_reviews (results, s, &error) && self->error == NULL)
    self->error = g_steal_pointer (&error);
  self->running = g_strdup_printf (_("%s (continued)"), row->title);
  add_text (self, STYLE_SMALL, rank, TRUE, 2);
  add_text (self, STYLE_HEADING, row->title, FALSE, 2);
  if (row->region != NULL || row->network != NULL)
    {
      place = g_strjoin (" · ", row->region != NULL ? row->region : row->network,
                         row->region != NULL ? row->network : NULL, NULL);
      add_text (self, STYLE_BODY, place, TRUE, 4);
    }
  add_text (self, STYLE_SMALL, statistics, FALSE, 4);
  decision = g_strjoin (" — ", jury_decision_to_label (results->decisions[s]),
                        results->notes[s], NULL);
  add_labelled_text (self, _("Decision"), decision);
  if (sub->disagreement)
    add_text (self, STYLE_BODY, _("The jurors disagree markedly on this submission."), FALSE, 2);

  self->y += 4;
  add_chart (self, ITEM_SPREAD, s, SPREAD_HEIGHT);
  add_heading (self, STYLE_BOLD, _("Scores"), 40);
  score_table (self, s);
  self->y += 6;
  comments (self, s);
  g_clear_pointer (&self->running, g_free);
}

/* The jurors' table as the results define it, under the labels of this report. */
static void
jurors_table (JuryReport *self)
{
  const JuryResults *results = self->results;
  const double widths[JURY_N_JUROR_COLUMNS] = { 0, 56, 56, 60, 50, 50, 56 };
  PangoAlignment align[JURY_N_JUROR_COLUMNS];
  const char *header[JURY_N_JUROR_COLUMNS];
  Table table;

  for (guint c = 0; c < JURY_N_JUROR_COLUMNS; c++)
    {
      header[c] = jury_juror_column_to_label (c);
      align[c] = c == JURY_JUROR_COLUMN_NAME ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    }
  table_init (&table, self, widths, align, JURY_N_JUROR_COLUMNS, header);
  table_row (self, &table, header, TRUE);

  for (guint i = 0; i < results->jurors->len; i++)
    {
      guint j = self->jurors[i];
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (self->labels[j]));
      for (guint c = JURY_JUROR_COLUMN_NAME + 1; c < JURY_N_JUROR_COLUMNS; c++)
        g_ptr_array_add (cells, jury_results_format_juror_cell (results, j, c));
      table_row (self, &table, (const char **) cells->pdata, FALSE);
    }
}

static void
jury_page (JuryReport *self,
           guint       section)
{
  const JuryResults *results = self->results;
  const JuryStats *stats = results->stats;
  GPtrArray *criteria = results->call->criteria;
  g_autofree char *agreement = jury_results_describe_agreement (results);
  const char *alpha_header[] = { C_("column", "Criterion"), C_("column", "Alpha"),
                                 C_("column", "Agreement") };
  const double alpha_widths[] = { 0, 50, 120 };
  const PangoAlignment alpha_align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };
  Table table;

  new_page (self);
  if (self->stopped)
    return;
  note_resume_point (self, section, 0);
  add_text (self, STYLE_HEADING, _("The jury"), FALSE, 4);
  add_text (self, STYLE_BODY, agreement, FALSE, 4);

  add_heading (self, STYLE_BOLD, _("Agreement per criterion"), 40);
  table_init (&table, self, alpha_widths, alpha_align, G_N_ELEMENTS (alpha_widths), alpha_header);
  table_row (self, &table, alpha_header, TRUE);
  for (guint c = 0; c < criteria->len; c++)
    {
      g_autofree char *alpha = jury_format_statistic (stats->criterion_alpha[c]);
      const char *cells[] = {
        ((JuryCriterion *) g_ptr_array_index (criteria, c))->name, alpha,
        jury_agreement_to_words (stats->criterion_alpha[c]),
      };

      table_row (self, &table, cells, FALSE);
    }

  add_heading (self, STYLE_BOLD, _("Jurors"), 40);
  jurors_table (self);

  add_heading (self, STYLE_BOLD, _("Leniency"), 60);
  add_text (self, STYLE_SMALL,
            _("How far each juror’s totals lie from the panel’s mean of the same submissions: "
              "a bar to the left marks a stricter juror, a bar to the right a kinder one."),
            TRUE, 6);
  if (results->jurors->len > 0)
    add_chart (self, ITEM_LENIENCY, 0, results->jurors->len * LENIENCY_ROW);
}

/* Lays out from FROM to the end, or until the run stops: the ranking, each
 * submission in rank order, the jury. */
static void
lay_out (JuryReport        *self,
         const ResumePoint *from)
{
  const JuryStats *stats = self->results->stats;
  guint n_sections = stats->n_submissions + 2;

  self->page_index = from->page;
  self->stopped = FALSE;
  self->table_row = NO_ROW;
  g_clear_pointer (&self->running, g_free);

  for (guint section = from->section; section < n_sections && !self->stopped; section++)
    {
      guint row = section == from->section ? from->row : 0;

      if (section == 0)
        ranking_pages (self, row);
      else if (section < n_sections - 1)
        submission_page (self, section, stats->order[section - 1]);
      else
        jury_page (self, section);
    }

  finish_page (self);
  g_clear_pointer (&self->running, g_free);
}

/* The last point to begin laying out from for PAGE. */
static const ResumePoint *
find_resume_point (JuryReport *self,
                   guint       page,
                   guint      *next_page)
{
  guint lo = 0;
  guint hi = self->resume->len;

  g_assert (hi > 0);

  /* The first point beyond PAGE, by bisection: points are in page order. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->resume, ResumePoint, mid).page <= page)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_assert (lo > 0);
  *next_page = lo < self->resume->len ? g_array_index (self->resume, ResumePoint, lo).page
                                      : self->n_pages;
  return &g_array_index (self->resume, ResumePoint, lo - 1);
}

/* Lays out PAGE and those after it up to the next resume point, unless they are
 * laid out already: drawing the pages in order lays out each once. */
static GArray *
get_page (JuryReport *self,
          guint       page)
{
  const ResumePoint *from;
  guint next_page;

  if (self->kept->len > 0 && page >= self->kept_first && page < self->kept_first + self->kept->len)
    {
      /* The pages before it are done with. */
      g_ptr_array_remove_range (self->kept, 0, page - self->kept_first);
      self->kept_first = page;
      return g_ptr_array_index (self->kept, 0);
    }

  g_ptr_array_set_size (self->kept, 0);
  from = find_resume_point (self, page, &next_page);
  self->mode = RUN_DRAW;
  self->keep_from = self->kept_first = page;
  self->stop_at = next_page;
  lay_out (self, from);

  /* The same input lays out the same pages; anything else is a bug. */
  g_return_val_if_fail (self->kept->len == next_page - page, NULL);
  return g_ptr_array_index (self->kept, 0);
}

static void
clear_pages (JuryReport *self)
{
  g_clear_pointer (&self->page, g_array_unref);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_clear_pointer (&self->resume, g_array_unref);
  g_clear_pointer (&self->signatures, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->running, g_free);
  self->n_pages = 0;
}

/* Drawing */

static void
draw_item (JuryReport *self,
           cairo_t    *cr,
           const Item *item)
{
  const JuryChartColors *colors = &report_colors;
  const double *rgba = item->muted ? colors->muted : colors->foreground;

  cairo_save (cr);
  switch (item->kind)
    {
    case ITEM_TEXT:
      cairo_rectangle (cr, 0, item->y, self->width, item->height);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
      cairo_move_to (cr, item->x, item->y - item->offset);
      pango_cairo_show_layout (cr, item->layout);
      cairo_new_path (cr);
      break;
    case ITEM_RULE:
      cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
      cairo_set_line_width (cr, item->height);
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, item->x + item->width, item->y);
      cairo_stroke (cr);
      break;
    case ITEM_SPREAD:
      cairo_translate (cr, item->x, item->y);
      jury_chart_draw_spread (cr, self->results, item->submission, colors,
                              item->width, item->height);
      break;
    case ITEM_LENIENCY:
      cairo_translate (cr, item->x, item->y);
      jury_chart_draw_leniency (cr, self->results, &self->options, colors,
                                item->width, item->height);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

static void
draw_footer (JuryReport *self,
             cairo_t    *cr,
             guint       page)
{
  const double *rgba = report_colors.muted;
  /* Translators: the footer of a printed page: "MINT-Regionen wirken! 2025 · page 3 of 40". */
  g_autofree char *text = g_strdup_printf (_("%s · page %u of %u"), self->results->call->title,
                                           page + 1, self->n_pages);
  g_autoptr(PangoLayout) layout = make_new_layout (self, STYLE_SMALL, text, content_width (self),
                                                   PANGO_ALIGN_CENTER);

  cairo_save (cr);
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
  cairo_move_to (cr, content_left (), self->height - MARGIN);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Public API */

gboolean
jury_report_write_pdf (const JuryResults       *results,
                       const JuryExportOptions *options,
                       cairo_write_func_t       write,
                       gpointer                 closure,
                       GError                 **error)
{
  g_autoptr(JuryReport) report = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report = jury_report_new (results, options);
  surface = cairo_pdf_surface_create_for_stream (write, closure, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, results->call->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jury Desk");
  cr = cairo_create (surface);

  /* Each page is laid out again, drawn and let go: the PDF surface writes it out
   * when the next begins. */
  n_pages = jury_report_paginate (report, cr, A4_WIDTH, A4_HEIGHT);
  for (guint page = 0; page < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      jury_report_draw_page (report, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (report->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&report->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, JURY_EXPORT_ERROR, JURY_EXPORT_ERROR_FAILED,
                   /* Translators: %s is the reason, in English, from the drawing library. */
                   _("the PDF could not be made: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

GBytes *
jury_report_to_pdf (const JuryResults       *results,
                    const JuryExportOptions *options,
                    GError                 **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jury_report_write_pdf (results, options, append_bytes, buffer, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

JuryReport *
jury_report_new (const JuryResults       *results,
                 const JuryExportOptions *options)
{
  JuryReport *self;

  g_return_val_if_fail (results != NULL, NULL);

  self = g_new0 (JuryReport, 1);
  self->results = results;
  if (options != NULL)
    self->options = *options;
  self->jurors = jury_export_juror_order (results, &self->options);
  self->labels = g_new0 (char *, results->jurors->len + 1);
  for (guint j = 0; j < results->jurors->len; j++)
    self->labels[j] = jury_export_juror_label (results, j, &self->options);

  return self;
}

void
jury_report_free (JuryReport *report)
{
  if (report == NULL)
    return;

  clear_pages (report);
  g_clear_error (&report->error);
  g_strfreev (report->labels);
  g_free (report->jurors);
  g_free (report);
}

guint
jury_report_paginate (JuryReport *report,
                      cairo_t    *cr,
                      double      width,
                      double      height)
{
  cairo_font_options_t *font_options;

  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (width > 2 * MARGIN && height > 2 * MARGIN + FOOTER_SPACE, 0);

  clear_pages (report);
  report->width = width;
  report->height = height;
  report->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  report->resume = g_array_new (FALSE, FALSE, sizeof (ResumePoint));
  report->signatures = g_array_new (FALSE, FALSE, sizeof (guint32));
  report->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Sizes in points are user units at 72 per inch; unhinted metrics make the layout
   * the same on screen, printer and PDF. */
  report->context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (report->context, 72);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (report->context, font_options);
  cairo_font_options_destroy (font_options);

  /* Only the pages' count and where each stretch begins are kept. */
  report->mode = RUN_PAGINATE;
  lay_out (report, &(ResumePoint) { 0, 0, 0 });

  return report->n_pages;
}

void
jury_report_draw_page (JuryReport *report,
                       cairo_t    *cr,
                       guint       page)
{
  GArray *items;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (report->resume != NULL && page < report->n_pages);

  if ((items = get_page (report, page)) == NULL)
    return;
  for (guint i = 0; i < items->len; i++)
    draw_item (report, cr, &g_array_index (items, Item, i));
  draw_footer (report, cr, page);
}
