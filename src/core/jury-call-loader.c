/* jury-call-loader.c: reads a call file, safely and as a stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-call-loader"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>

#include "jury-call-loader.h"
#include "jury-core-resources.h"
#include "jury-hasher.h"
#include "jury-store.h"
#include "jury-text.h"
#include "jury-xml.h"

#define CALL_NAMESPACE  "urn:jury-desk:call:1"
#define SCHEMA_RESOURCE "/io/github/jurydesk/JuryDesk/schema/call.rng"
#define DOCTYPE_MARKER  "<!DOCTYPE"

/* Never NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE: a call file is untrusted.
 * NOBLANKS leaves out the whitespace between elements, which the call format
 * ignores anyway, so that the reader need not build and walk a node for it. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | \
                        XML_PARSE_COMPACT | XML_PARSE_BIG_LINES)

struct _JuryCallLoader
{
  GObject                 parent_instance;

  GFile                  *file;
  goffset                 max_size;

  JuryCallHeaderFunc      header_func;
  JuryCallSubmissionFunc  submission_func;
  gpointer                user_data;
};

/* Everything one run of jury_call_loader_load() needs, so that a loader keeps
 * no state between runs. */
typedef struct
{
  JuryCallLoader   *self;
  char             *name;
  xmlTextReaderPtr  reader;
  GInputStream     *stream;
  GCancellable     *cancellable;
  JuryHasher       *hasher;
  goffset           n_read;
  /* libxml2 asks for a few kilobytes at a time: the file is read in larger
   * pieces, into the hasher's buffers, and handed out from there. */
  const guint8     *buffer;
  gsize             buffer_len;
  gsize             buffer_pos;

  /* What the bytes before the root element tell. */
  gboolean          root_seen;
  guint             prolog_line;
  guint             doctype_line;
  gsize             doctype_matched;
  char              first_char;
  guint8            head[JURY_SQLITE_MAGIC_LENGTH];
  gsize             head_len;

  /* The error that ends the load. Until it is decided, libxml2's first
   * complaint and our own first complaint about the element being read wait
   * side by side, so that the one earlier in the file wins. */
  GError           *error;
  GError           *xml_error;
  guint             xml_error_line;
  gconstpointer     xml_error_node;
  gboolean          xml_error_vague;
  GError           *problem;
  guint             problem_line;

  JuryCall         *call;
  gboolean          header_done;
  GHashTable       *submission_ids;   /* id → line of its first appearance */
} LoadState;

static void set_error (LoadState     *state,
                       JuryCallError  code,
                       guint          line,
                       const char    *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void note_problem (LoadState     *state,
                          JuryCallError  code,
                          guint          line,
                          const char    *format,
                          ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_FINAL_TYPE (JuryCallLoader, jury_call_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (jury-call-error-quark, jury_call_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
schema_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  g_warning ("The built-in call schema does not parse: %s", error->message);
}

static xmlRelaxNGPtr
parse_schema (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  xmlRelaxNGParserCtxtPtr context;
  xmlRelaxNGPtr schema;
  gsize size;
  const char *data;

  /* A static library drops the resource's constructor unless something
   * refers to it, so make sure it is there. */
  if (!g_resources_get_info (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    g_resources_register (jury_core_get_resource ());

  bytes = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_warning ("The built-in call schema is missing: %s", error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  context = xmlRelaxNGNewMemParserCtxt (data, (int) size);
  xmlRelaxNGSetParserStructuredErrors (context, schema_error_cb, NULL);
  schema = xmlRelaxNGParse (context);
  xmlRelaxNGFreeParserCtxt (context);

  return schema;
}

/* The schema, parsed once per process; the parsed schema is only read afterwards,
 * by one validation context per load. */
static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  jury_xml_prepare_thread ();
  if (g_once_init_enter (&initialized))
    {
      schema = parse_schema ();
      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

static GError *
new_error (JuryCallError  code,
           const char    *name,
           guint          line,
           const char    *format,
           va_list        args) G_GNUC_PRINTF (4, 0);

static GError *
new_error (JuryCallError  code,
           const char    *name,
           guint          line,
           const char    *format,
           va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (line == 0)
    return g_error_new (JURY_CALL_ERROR, code, "%s: %s", name, message);
  else
    return g_error_new (JURY_CALL_ERROR, code, "%s:%u: %s", name, line, message);
}

/* Ends the load at once, unless an error already does. */
static void
set_error (LoadState     *state,
           JuryCallError  code,
           guint          line,
           const char    *format,
           ...)
{
  va_list args;

  if (state->error != NULL)
    return;

  va_start (args, format);
  state->error = new_error (code, state->name, line, format, args);
  va_end (args);
}

/* Our own complaint about the element being read; it waits until libxml2 has
 * validated that element, see settle(). */
static void
note_problem (LoadState     *state,
              JuryCallError  code,
              guint          line,
              const char    *format,
              ...)
{
  va_list args;

  if (state->problem != NULL && state->problem_line <= line)
    return;

  g_clear_error (&state->problem);
  va_start (args, format);
  state->problem = new_error (code, state->name, line, format, args);
  va_end (args);
  state->problem_line = line;
}

/* Decides between the waiting complaints; returns whether the load ends. */
static gboolean
settle (LoadState *state)
{
  if (state->error == NULL && state->xml_error != NULL
      && (state->problem == NULL || state->xml_error_line <= state->problem_line))
    state->error = g_steal_pointer (&state->xml_error);

  if (state->error == NULL && state->problem != NULL)
    state->error = g_steal_pointer (&state->problem);

  return state->error != NULL;
}

/* Returns: (nullable): the element's name if it is one of ours */
static const char *
call_element_name (const xmlNode *node)
{
  if (node->type != XML_ELEMENT_NODE || node->ns == NULL
      || strcmp ((const char *) node->ns->href, CALL_NAMESPACE) != 0)
    return NULL;

  return (const char *) node->name;
}

static gboolean
is_call_element (const xmlNode *node,
                 const char    *name)
{
  const char *node_name = call_element_name (node);

  return node_name != NULL && strcmp (node_name, name) == 0;
}

static gboolean
is_single_text (const xmlNode *children)
{
  return children != NULL && children->next == NULL && children->type == XML_TEXT_NODE;
}

/* An element keeps its line only below 65535. Beyond, XML_PARSE_BIG_LINES
 * keeps it in text nodes only: the value of an attribute, on the start tag's
 * last line, is the nearest. */
static guint
node_line (const xmlNode *node)
{
  if (node->type == XML_ELEMENT_NODE && node->line == USHRT_MAX
      && node->properties != NULL && is_single_text (node->properties->children))
    node = node->properties->children;

  return (guint) MAX (xmlGetLineNo (node), 0);
}

static inline gboolean
is_xml_space (char c)
{
  return (guchar) c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* Whether the LEN bytes from P, which neither start nor end with a space, need
 * no collapsing: no tab or line break, no two spaces in a row. Eight bytes at a
 * time, as almost all text of a call is like that; the tests on a word are
 * exact, so a word passes only when it holds no such byte. */
static gboolean
is_collapsed (const char *p,
              gsize       len)
{
  const char *end = p + len;
  gboolean space_before = FALSE;

  while (end - p >= 8)
    {
      guint64 w, low, space;

      /* The first byte in the lowest bits, on any machine. */
      memcpy (&w, p, sizeof w);
      w = GUINT64_FROM_LE (w);
      /* The high bit of each byte below 0x20, and of each byte that is 0x20. */
      low = ~(((w & BYTES (0x7F)) + BYTES (0x60)) | w) & BYTES (0x80);
      space = ~((((w ^ BYTES (0x20)) & BYTES (0x7F)) + BYTES (0x7F)) | (w ^ BYTES (0x20))) & BYTES (0x80);
      if (low != 0 || (space & (space >> 8)) != 0 || (space_before && (space & 0x80) != 0))
        return FALSE;
      space_before = (space >> 56) != 0;
      p += 8;
    }

  for (; p < end; p++)
    {
      if ((guchar) *p < ' ' || (*p == ' ' && space_before))
        return FALSE;
      space_before = *p == ' ';
    }

  return TRUE;
}

/* Surrounding whitespace goes and inner runs of it become one space: line
 * breaks in a call file are the writer's wrapping, not the text's.
 *
 * Returns: (nullable): the text, or %NULL when nothing is left */
static char *
collapse_whitespace (const char *text)
{
  const char *p = text;
  char *result;
  char *out;
  gsize len;

  if (text == NULL)
    return NULL;

  while (is_xml_space (*p))
    p++;
  if (*p == '\0')
    return NULL;

  len = strlen (p);
  while (is_xml_space (p[len - 1]))
    len--;
  result = g_malloc (len + 1);
  if (is_collapsed (p, len))
    {
      memcpy (result, p, len);
      result[len] = '\0';
      return result;
    }

  out = result;
  while (*p != '\0')
    {
      const char *word = p;

      /* A word at a time: every byte above the space is part of one. */
      while ((guchar) *p > ' ' || (*p != '\0' && !is_xml_space (*p)))
        p++;
      memcpy (out, word, p - word);
      out += p - word;

      while (is_xml_space (*p))
        p++;
      if (*p != '\0')
        *out++ = ' ';
    }
  *out = '\0';

  return result;
}

/* Returns: (nullable): the element's text, or %NULL when it has none */
static char *
dup_text (const xmlNode *node)
{
  xmlChar *content;
  char *text;

  /* The usual case, without a copy by libxml2 first. */
  if (is_single_text (node->children))
    return collapse_whitespace ((const char *) node->children->content);

  content = xmlNodeGetContent (node);
  text = collapse_whitespace ((const char *) content);
  xmlFree (content);

  return text;
}

static char *
dup_attribute (const xmlNode *node,
               const char    *name)
{
  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value;
      char *copy;

      if (attr->ns != NULL || !xmlStrEqual (attr->name, BAD_CAST name))
        continue;

      if (is_single_text (attr->children))
        return g_strdup ((const char *) attr->children->content);

      value = xmlNodeListGetString (node->doc, attr->children, 1);
      copy = g_strdup (value != NULL ? (const char *) value : "");
      xmlFree (value);

      return copy;
    }

  return NULL;
}

/* The schema refuses an element that appears twice, but only after it has
 * been read: the later one replaces the earlier until then. */
static void
replace_text (char **field,
              char  *text)
{
  g_free (*field);
  *field = text;
}

static char *
dup_collapsed_attribute (const xmlNode *node,
                         const char    *name)
{
  g_autofree char *value = dup_attribute (node, name);

  return collapse_whitespace (value);
}

static void
scan_prolog (LoadState  *state,
             const char *buffer,
             gsize       len)
{
  static const char marker[] = DOCTYPE_MARKER;
  gsize head_missing = sizeof state->head - state->head_len;

  memcpy (state->head + state->head_len, buffer, MIN (head_missing, len));
  state->head_len += MIN (head_missing, len);

  for (gsize i = 0; i < len && state->doctype_line == 0; i++)
    {
      char c = buffer[i];

      if (state->first_char == '\0' && !g_ascii_isspace (c)
          && (guchar) c != 0xEF && (guchar) c != 0xBB && (guchar) c != 0xBF)
        state->first_char = c;

      if (c == '\n')
        state->prolog_line++;

      if (c == marker[state->doctype_matched])
        state->doctype_matched++;
      else
        state->doctype_matched = (c == marker[0]) ? 1 : 0;

      if (state->doctype_matched == sizeof marker - 1)
        state->doctype_line = state->prolog_line + 1;
    }
}

/* Fills the buffer from the file; FALSE with the error set when it cannot. */
static gboolean
fill_buffer (LoadState *state)
{
  g_autoptr(GError) error = NULL;
  guint8 *buffer;
  gsize size;
  gssize n;

  buffer = jury_hasher_begin_fill (state->hasher, &size);
  n = g_input_stream_read (state->stream, buffer, size, state->cancellable, &error);
  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        state->error = g_steal_pointer (&error);
      else
        set_error (state, JURY_CALL_ERROR_IO, 0, _("cannot read the file: %s"), error->message);
      return FALSE;
    }

  if (state->n_read + n > state->self->max_size)
    {
      g_autofree char *limit = g_format_size_full (state->self->max_size, G_FORMAT_SIZE_IEC_UNITS);

      set_error (state, JURY_CALL_ERROR_TOO_LARGE, 0,
                 /* Translators: %s is a size such as "512.0 MiB" */
                 _("the file is larger than %s, the most a call file may have"), limit);
      return FALSE;
    }

  state->n_read += n;
  jury_hasher_end_fill (state->hasher, n);
  state->buffer = buffer;
  state->buffer_len = n;
  state->buffer_pos = 0;

  return TRUE;
}

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  LoadState *state = context;
  gsize n;

  if (state->error != NULL)
    return -1;

  if (g_cancellable_set_error_if_cancelled (state->cancellable, &state->error))
    return -1;

  if (state->buffer_pos == state->buffer_len && !fill_buffer (state))
    return -1;

  n = MIN ((gsize) MAX (len, 0), state->buffer_len - state->buffer_pos);
  memcpy (buffer, state->buffer + state->buffer_pos, n);
  state->buffer_pos += n;

  if (!state->root_seen)
    scan_prolog (state, buffer, n);

  return (int) n;
}

static const char *
type_in_words (const char *type)
{
  static const struct {
    const char *type;
    const char *words;
  } types[] = {
    { "positiveInteger", N_("whole number greater than 0") },
    { "integer", N_("whole number") },
    { "double", N_("number") },
    { "gYear", N_("year such as 2016") },
    { "language", N_("language tag such as de or en-GB") },
    { "token", N_("identifier (ASCII letters, digits, \".\", \"_\" and \"-\")") },
    { "anyURI", N_("web address") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_strcmp0 (type, types[i].type) == 0)
        return _(types[i].words);
    }

  return type;
}

static gboolean
is_known_element (const xmlNode *node)
{
  /* The elements of data/schema/call.rng. */
  static const char * const names[] = {
    "call", "title", "theme", "description", "awards", "rubric", "criterion", "name",
    "level", "submission", "network", "region", "contact", "summary", "p", "target-group",
    "format", "partner", "tip", "quote", "link",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (is_call_element (node, names[i]))
        return TRUE;
    }

  return FALSE;
}

static char *
describe_missing_element (const xmlNode *node)
{
  /* What data/schema/call.rng requires inside each element. */
  static const struct {
    const char *parent;
    const char *child;
  } required[] = {
    { "call", "<title>" }, { "call", "<awards>" }, { "call", "<rubric>" },
    { "rubric", "<criterion>" }, { "criterion", "<name>" }, { "submission", "<title>" },
    { "description", "<p>" },
  };
  g_autoptr(GPtrArray) children = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autofree char *list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (is_call_element (node, required[i].parent))
        g_ptr_array_add (children, (gpointer) required[i].child);
    }

  if (children->len == 0)
    return g_strdup_printf (_("<%s> lacks an element it needs"), node->name);

  list = g_strjoinv (", ", (char **) children->pdata);

  /* Translators: the second %s is one element or a list, such as "<title>" */
  return g_strdup_printf (_("<%s> is incomplete: it needs %s"), node->name, list);
}

static char *
describe_missing_attribute (const xmlNode *node)
{
  /* The attributes data/schema/call.rng requires. */
  static const struct {
    const char *element;
    const char *attribute;
  } required[] = {
    { "call", "id" }, { "awards", "count" }, { "rubric", "min" }, { "rubric", "max" },
    { "criterion", "id" }, { "level", "value" }, { "submission", "id" },
    { "quote", "author" }, { "link", "href" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (is_call_element (node, required[i].element)
          && !xmlHasProp (node, BAD_CAST required[i].attribute))
        return g_strdup_printf (_("<%s> lacks its \"%s\" attribute"),
                                node->name, required[i].attribute);
    }

  return g_strdup_printf (_("an attribute of <%s> has a wrong value"), node->name);
}

static const char *
find_attribute_with_value (const xmlNode *node,
                           const char    *value)
{
  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (attr->children != NULL && attr->children->content != NULL
          && xmlStrEqual (attr->children->content, BAD_CAST value))
        return (const char *) attr->name;
    }

  return "?";
}

static gboolean
subtree_contains (const xmlNode *root,
                  const xmlNode *node)
{
  if (root == node)
    return TRUE;

  for (const xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && subtree_contains (child, node))
        return TRUE;
    }

  return FALSE;
}

/* Where a schema error is. libxml2 may name a node that the reader has freed
 * already, so its node is trusted only where the reader still holds it;
 * otherwise the reader's own position says where we are. */
static const xmlNode *
find_error_node (LoadState      *state,
                 const xmlError *error)
{
  const xmlNode *node = xmlTextReaderCurrentNode (state->reader);

  if (node != NULL && error->node != NULL && subtree_contains (node, error->node))
    node = error->node;

  return node;
}

static char *
describe_schema_error (const xmlError *error,
                       const xmlNode  *node)
{
  const char *str1 = error->str1 != NULL ? error->str1 : "?";
  const char *str2 = error->str2 != NULL ? error->str2 : "?";
  g_autofree char *value = NULL;

  if (node == NULL)
    return g_strdup (_("the file does not follow the call format"));

  switch ((xmlRelaxNGValidErr) error->code)
    {
    case XML_RELAXNG_ERR_NOELEM:
      return describe_missing_element (node);

    case XML_RELAXNG_ERR_ELEMNAME:
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_INTEREXTRA:
    case XML_RELAXNG_ERR_EXTRACONTENT:
    case XML_RELAXNG_ERR_ELEMNONS:
    case XML_RELAXNG_ERR_ELEMWRONGNS:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
      if (!is_known_element (node))
        return g_strdup_printf (_("<%s> is not part of the call format (namespace %s)"),
                                node->name, CALL_NAMESPACE);
      return g_strdup_printf (_("<%s> is not allowed here inside <%s>: it is out of order or repeated, or an element it must follow is missing"),
                              node->name, node->parent != NULL ? node->parent->name : BAD_CAST "?");

    case XML_RELAXNG_ERR_TEXTWRONG:
    case XML_RELAXNG_ERR_NOTELEM:
      return g_strdup_printf (_("<%s> may not contain text directly"), node->name);

    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
      return g_strdup_printf (_("<%s> must be empty"), node->name);

    case XML_RELAXNG_ERR_INVALIDATTR:
      value = dup_attribute (node, str1);
      return g_strdup_printf (_("%s=\"%s\" is not allowed on <%s>: the attribute is unknown there or its value is wrong"),
                              str1, value != NULL ? value : "", node->name);

    case XML_RELAXNG_ERR_ATTRVALID:
      return describe_missing_attribute (node);

    case XML_RELAXNG_ERR_TYPEVAL:
      /* Translators: the last %s is a kind of value, such as "whole number" */
      return g_strdup_printf (_("%s=\"%s\" on <%s> is not a %s"),
                              find_attribute_with_value (node, str2), str2, node->name,
                              type_in_words (str1));

    default:
      return g_strdup_printf (_("<%s> does not follow the call format"), node->name);
    }
}

static GError *
describe_document_end (LoadState      *state,
                       const xmlError *error)
{
  const xmlParserCtxt *context = error->ctxt;

  /* The push parser says "extra content" also when the file stops early. */
  if (context != NULL && context->node != NULL)
    return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED,
                        _("%s:%d: the file ends before <%s>, opened on line %ld, is closed"),
                        state->name, error->line, context->node->name,
                        xmlGetLineNo (context->node));

  if (context != NULL && context->myDoc != NULL && xmlDocGetRootElement (context->myDoc) == NULL)
    return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED,
                        _("%s: the file holds no XML element, so it is not a call"), state->name);

  return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED,
                      _("%s:%d: there is more content after the end of </call>"),
                      state->name, error->line);
}

static GError *
describe_parser_error (LoadState      *state,
                       const xmlError *error)
{
  const char *str1 = error->str1 != NULL ? error->str1 : "?";
  const char *str2 = error->str2 != NULL ? error->str2 : "?";
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (!state->root_seen && state->first_char == '\0')
    return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED, _("%s: the file is empty"),
                        state->name);

  if (!state->root_seen && jury_bytes_look_like_sqlite (state->head, state->head_len))
    return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED,
                        _("%s: this is a database (such as a .jury file), not a call file"),
                        state->name);

  if (!state->root_seen && state->first_char != '<')
    return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED,
                        _("%s: this is not an XML file, so it cannot be a Jury Desk call file"),
                        state->name);

  switch ((xmlParserErrors) error->code)
    {
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_IS_EXTERNAL:
    case XML_ERR_ENTITY_IS_PARAMETER:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_ENTITY_BOUNDARY:
    case XML_ERR_UNPARSED_ENTITY:
    case XML_ERR_EXT_ENTITY_STANDALONE:
    case XML_ERR_ENTITY_PROCESSING:
      return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_FORBIDDEN,
                          _("%s:%d: the file uses an entity it declares itself; call files may not"),
                          state->name, error->line);

    case XML_ERR_DOCUMENT_END:
      return describe_document_end (state, error);

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      detail = g_strdup_printf (_("\"&%s;\" is not known in XML; write the character itself or a numeric reference such as \"&#160;\""),
                                str1);
      break;

    case XML_ERR_TAG_NAME_MISMATCH:
      detail = g_strdup_printf (_("<%s>, opened on line %d, is closed by </%s>"),
                                str1, error->int1, str2);
      break;

    case XML_ERR_TAG_NOT_FINISHED:
      detail = g_strdup_printf (_("the file ends before <%s>, opened on line %d, is closed"),
                                str1, error->int1);
      break;

    default:
      message = g_strdup (error->message);
      detail = g_strdup_printf (_("this is not well-formed XML: %s"), g_strstrip (message));
      break;
    }

  return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_MALFORMED, "%s:%d: %s",
                      state->name, error->line, detail);
}

static GError *
describe_xml_error (LoadState      *state,
                    const xmlError *error,
                    guint          *line)
{
  g_autofree char *detail = NULL;

  *line = (guint) MAX (error->line, 0);

  if (error->domain == XML_FROM_RELAXNGV)
    {
      const xmlNode *node = find_error_node (state, error);

      if (node != NULL)
        *line = node_line (node);
      if (node != NULL && node->type != XML_ELEMENT_NODE)
        node = node->parent;
      if (node != NULL && node->type != XML_ELEMENT_NODE)
        node = NULL;
      detail = describe_schema_error (error, node);
      return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_INVALID, "%s:%u: %s",
                          state->name, *line, detail);
    }

  if (error->domain == XML_FROM_IO
      && (error->code == XML_IO_LOAD_ERROR || error->code == XML_IO_NETWORK_ATTEMPT))
    return g_error_new (JURY_CALL_ERROR, JURY_CALL_ERROR_FORBIDDEN,
                        _("%s:%u: the file refers to another file or address; call files may not"),
                        state->name, *line);

  return describe_parser_error (state, error);
}

static void
xml_error_cb (void        *user_data,
              xmlErrorPtr  error)
{
  LoadState *state = user_data;
  gboolean more_precise;

  g_debug ("%s:%d: libxml2 %s (domain %d, code %d): %s", state->name, error->line,
           error->level == XML_ERR_WARNING ? "warning" : "error",
           error->domain, error->code, error->message);

  if (error->level == XML_ERR_WARNING)
    return;

  /* libxml2 says that an element's attributes failed before it names the
   * attribute, if it does. */
  more_precise = state->xml_error_vague
                 && error->node == state->xml_error_node
                 && (error->code == XML_RELAXNG_ERR_INVALIDATTR || error->code == XML_RELAXNG_ERR_TYPEVAL);
  if (state->xml_error != NULL && !more_precise)
    return;

  g_clear_error (&state->xml_error);
  state->xml_error = describe_xml_error (state, error, &state->xml_error_line);
  state->xml_error_node = error->node;
  state->xml_error_vague = error->domain == XML_FROM_RELAXNGV && error->code == XML_RELAXNG_ERR_ATTRVALID;
}

/* For messages about something whose id was itself refused. */
static const char *
or_unknown (const char *id)
{
  return id != NULL ? id : "?";
}

/* The schema's identifier type lets surrounding spaces through (it is a
 * token); an id with spaces would not match what people type later. */
static char *
read_id (LoadState     *state,
         const xmlNode *node)
{
  g_autofree char *id = dup_attribute (node, "id");
  gsize len = id != NULL ? strlen (id) : 0;

  if (len > 0 && (g_ascii_isspace (id[0]) || g_ascii_isspace (id[len - 1])))
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node),
                    _("the id \"%s\" has spaces around it; ids may not contain spaces"), id);
      return NULL;
    }

  return g_steal_pointer (&id);
}

static gboolean
read_int_attribute (LoadState     *state,
                    const xmlNode *node,
                    const char    *name,
                    gint64         min,
                    gint64         max,
                    gint64        *value)
{
  g_autofree char *text = dup_collapsed_attribute (node, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return FALSE;

  if (!g_ascii_string_to_signed (text, 10, min, max, value, &error))
    {
      if (g_error_matches (error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node),
                      _("the number %s=\"%s\" is out of range"), name, text);
      else
        note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node),
                      _("%s=\"%s\" is not a whole number"), name, text);
      return FALSE;
    }

  return TRUE;
}

static void
read_call_attributes (LoadState     *state,
                      const xmlNode *node)
{
  JuryCall *call = state->call;

  call->id = read_id (state, node);
  call->lang = dup_collapsed_attribute (node, "lang");
}

static void
read_level (LoadState     *state,
            JuryCriterion *criterion,
            const xmlNode *node,
            GHashTable    *values)
{
  JuryCall *call = state->call;
  guint line = node_line (node);
  gint64 value;
  char *label;

  if (!read_int_attribute (state, node, "value", G_MININT + 1, G_MAXINT, &value))
    return;

  if (value < call->scale_min || value > call->scale_max)
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, line,
                    _("criterion \"%s\" has a level for %d, outside the scale from %d to %d"),
                    or_unknown (criterion->id), (int) value, call->scale_min, call->scale_max);
      return;
    }

  if (g_hash_table_contains (values, GINT_TO_POINTER ((int) value)))
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, line,
                    _("criterion \"%s\" has two levels for %d"), or_unknown (criterion->id), (int) value);
      return;
    }
  g_hash_table_add (values, GINT_TO_POINTER ((int) value));

  /* An empty label says nothing; it counts as no label. */
  label = dup_text (node);
  if (label != NULL)
    g_ptr_array_add (criterion->levels, jury_level_new ((int) value, label));
  g_free (label);
}

static void
read_weight (LoadState     *state,
             JuryCriterion *criterion,
             const xmlNode *node)
{
  g_autofree char *text = dup_collapsed_attribute (node, "weight");
  char *end = NULL;
  double weight;

  if (text == NULL)
    return;

  weight = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (weight) || weight <= 0.0)
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node),
                    _("criterion \"%s\" has the weight \"%s\"; a weight must be a number greater than 0"),
                    or_unknown (criterion->id), text);
      return;
    }

  criterion->weight = weight;
}

static JuryCriterion *
read_criterion (LoadState     *state,
                const xmlNode *node)
{
  g_autoptr(JuryCriterion) criterion = jury_criterion_new ();
  g_autoptr(GHashTable) values = g_hash_table_new (NULL, NULL);

  criterion->id = read_id (state, node);
  read_weight (state, criterion, node);

  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_call_element (child, "name"))
        {
          replace_text (&criterion->name, dup_text (child));
          if (criterion->name == NULL)
            note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (child),
                          _("criterion \"%s\" has an empty name"), or_unknown (criterion->id));
        }
      else if (is_call_element (child, "description"))
        replace_text (&criterion->description, dup_text (child));
      else if (is_call_element (child, "level"))
        read_level (state, criterion, child, values);
    }

  jury_criterion_sort_levels (criterion);

  return g_steal_pointer (&criterion);
}

static void
read_rubric (LoadState     *state,
             const xmlNode *node)
{
  JuryCall *call = state->call;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint line = node_line (node);
  gint64 min = 0;
  gint64 max = 0;

  if (read_int_attribute (state, node, "min", G_MININT + 1, G_MAXINT, &min)
      && read_int_attribute (state, node, "max", G_MININT + 1, G_MAXINT, &max)
      && min >= max)
    note_problem (state, JURY_CALL_ERROR_BAD_VALUE, line,
                  _("the lowest score (min=\"%d\") must be less than the highest (max=\"%d\")"),
                  (int) min, (int) max);
  call->scale_min = (int) min;
  call->scale_max = (int) max;

  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      JuryCriterion *criterion;

      if (!is_call_element (child, "criterion"))
        continue;

      criterion = read_criterion (state, child);
      g_ptr_array_add (call->criteria, criterion);

      if (criterion->id == NULL)
        continue;

      if (!g_hash_table_add (ids, criterion->id))
        note_problem (state, JURY_CALL_ERROR_DUPLICATE, node_line (child),
                      _("criterion \"%s\" appears twice"), criterion->id);
    }
}

static void
read_header_element (LoadState     *state,
                     const xmlNode *node)
{
  JuryCall *call = state->call;

  if (is_call_element (node, "title"))
    {
      replace_text (&call->title, dup_text (node));
      if (call->title == NULL)
        note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node), _("the call's title is empty"));
    }
  else if (is_call_element (node, "theme"))
    replace_text (&call->theme, dup_text (node));
  else if (is_call_element (node, "description"))
    replace_text (&call->description, dup_text (node));
  else if (is_call_element (node, "awards"))
    {
      gint64 count;

      if (read_int_attribute (state, node, "count", 1, G_MAXUINT, &count))
        call->awards = (guint) count;
    }
  else if (is_call_element (node, "rubric"))
    {
      g_ptr_array_set_size (call->criteria, 0);
      read_rubric (state, node);
    }
}

/* Into a NULL-terminated array of strings it owns, without a copy. */
static void
add_text (GPtrArray     *texts,
          const xmlNode *node)
{
  char *text = dup_text (node);

  if (text != NULL)
    g_ptr_array_add (texts, text);
}

static GPtrArray *
texts_new (void)
{
  return g_ptr_array_new_null_terminated (4, g_free, TRUE);
}

static GStrv
texts_end (GPtrArray *texts)
{
  return (GStrv) g_ptr_array_free (texts, FALSE);
}

static void
read_contact (JurySubmission *submission,
              const xmlNode  *node)
{
  g_autofree char *name = dup_text (node);
  g_autofree char *role = NULL;

  if (name == NULL)
    return;

  role = dup_collapsed_attribute (node, "role");
  g_ptr_array_add (submission->contacts, jury_contact_new (name, role));
}

static void
read_quote (JurySubmission *submission,
            const xmlNode  *node)
{
  g_autofree char *text = dup_text (node);
  g_autofree char *author = NULL;
  g_autofree char *role = NULL;

  if (text == NULL)
    return;

  author = dup_collapsed_attribute (node, "author");
  role = dup_collapsed_attribute (node, "role");
  g_ptr_array_add (submission->quotes, jury_quote_new (text, author != NULL ? author : "", role));
}

static void
read_link (JurySubmission *submission,
           const xmlNode  *node)
{
  g_autofree char *href = dup_collapsed_attribute (node, "href");
  g_autofree char *label = NULL;

  if (href == NULL)
    return;

  label = dup_text (node);
  g_ptr_array_add (submission->links, jury_link_new (href, label != NULL ? label : href));
}

static void
read_founded (JurySubmission *submission,
              const xmlNode  *node)
{
  g_autofree char *year = dup_collapsed_attribute (node, "founded");
  guint64 value;

  /* gYear may carry a time zone ("2016Z"); only the year counts here. */
  if (year != NULL && strlen (year) >= 4)
    {
      year[4] = '\0';
      if (g_ascii_string_to_unsigned (year, 10, 1, 9999, &value, NULL))
        submission->network_founded = (int) value;
    }
}

static void
read_description (GPtrArray     *paragraphs,
                  const xmlNode *node)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_call_element (child, "p"))
        add_text (paragraphs, child);
    }
}

/* <field name="…">, with paragraphs in <p> or its text as one paragraph; an empty
 * one is left out like every empty element. */
static void
read_field (JurySubmission *submission,
            const xmlNode  *node)
{
  GPtrArray *texts = texts_new ();
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *name = dup_collapsed_attribute (node, "name");
  gboolean has_paragraphs = FALSE;

  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_call_element (child, "p"))
      {
        has_paragraphs = TRUE;
        add_text (texts, child);
      }
  if (!has_paragraphs)
    add_text (texts, node);

  paragraphs = texts_end (texts);
  if (name != NULL && paragraphs[0] != NULL)
    g_ptr_array_add (submission->fields, jury_field_new (name, (const char * const *) paragraphs));
}

static gboolean
is_hex_digest (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return TRUE;
}

/* <attachment href="…" sha256="…" type="…">label</attachment> */
static void
read_attachment (LoadState      *state,
                 JurySubmission *submission,
                 const xmlNode  *node)
{
  g_autofree char *href = dup_collapsed_attribute (node, "href");
  g_autofree char *sha256 = dup_collapsed_attribute (node, "sha256");
  g_autofree char *type = dup_collapsed_attribute (node, "type");
  g_autofree char *label = dup_text (node);
  g_autofree char *problem = NULL;
  g_autofree char *digest = NULL;
  guint line = node_line (node);

  /* The schema says what is missing. */
  if (href == NULL || sha256 == NULL || type == NULL)
    return;

  if ((problem = jury_attachment_check_href (href)) != NULL)
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, line, "%s", problem);
      return;
    }
  if (!is_hex_digest (sha256))
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, line,
                    _("the SHA-256 of the attachment “%s” must be 64 hexadecimal digits"), href);
      return;
    }
  if (!jury_attachment_type_is_known (type))
    {
      note_problem (state, JURY_CALL_ERROR_BAD_VALUE, line,
                    _("the attachment “%s” has the type “%s”; attachments are PDF files (application/pdf) "
                      "or PNG and JPEG images (image/png, image/jpeg)"), href, type);
      return;
    }
  if (jury_submission_find_attachment (submission, href) != NULL)
    {
      note_problem (state, JURY_CALL_ERROR_DUPLICATE, line,
                    _("submission \"%s\" names the attachment “%s” twice"), or_unknown (submission->id), href);
      return;
    }

  digest = g_ascii_strdown (sha256, -1);
  g_ptr_array_add (submission->attachments, jury_attachment_new (href, digest, type, label));
}

static JurySubmission *
read_submission (LoadState     *state,
                 const xmlNode *node)
{
  g_autoptr(JurySubmission) submission = jury_submission_new ();
  g_autoptr(GPtrArray) description = texts_new ();
  g_autoptr(GPtrArray) formats = texts_new ();
  g_autoptr(GPtrArray) partners = texts_new ();
  g_autoptr(GPtrArray) tips = texts_new ();

  submission->id = read_id (state, node);

  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *name = call_element_name (child);

      if (name == NULL)
        continue;

      if (strcmp (name, "title") == 0)
        {
          replace_text (&submission->title, dup_text (child));
          if (submission->title == NULL)
            note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (child),
                          _("submission \"%s\" has an empty title"), or_unknown (submission->id));
        }
      else if (strcmp (name, "network") == 0)
        {
          replace_text (&submission->network, dup_text (child));
          read_founded (submission, child);
        }
      else if (strcmp (name, "region") == 0)
        {
          replace_text (&submission->region, dup_text (child));
          replace_text (&submission->region_state, dup_collapsed_attribute (child, "state"));
        }
      else if (strcmp (name, "contact") == 0)
        read_contact (submission, child);
      else if (strcmp (name, "summary") == 0)
        replace_text (&submission->summary, dup_text (child));
      else if (strcmp (name, "description") == 0)
        read_description (description, child);
      else if (strcmp (name, "target-group") == 0)
        replace_text (&submission->target_group, dup_text (child));
      else if (strcmp (name, "format") == 0)
        add_text (formats, child);
      else if (strcmp (name, "partner") == 0)
        add_text (partners, child);
      else if (strcmp (name, "tip") == 0)
        add_text (tips, child);
      else if (strcmp (name, "quote") == 0)
        read_quote (submission, child);
      else if (strcmp (name, "link") == 0)
        read_link (submission, child);
      else if (strcmp (name, "field") == 0)
        read_field (submission, child);
      else if (strcmp (name, "attachment") == 0)
        read_attachment (state, submission, child);
    }

  g_strfreev (submission->description);
  submission->description = texts_end (g_steal_pointer (&description));
  g_strfreev (submission->formats);
  submission->formats = texts_end (g_steal_pointer (&formats));
  g_strfreev (submission->partners);
  submission->partners = texts_end (g_steal_pointer (&partners));
  g_strfreev (submission->tips);
  submission->tips = texts_end (g_steal_pointer (&tips));

  return g_steal_pointer (&submission);
}

static void
check_submission_id (LoadState      *state,
                     JurySubmission *submission,
                     guint           line)
{
  gpointer first_line;

  if (submission->id == NULL)
    return;

  if (g_hash_table_lookup_extended (state->submission_ids, submission->id, NULL, &first_line))
    {
      note_problem (state, JURY_CALL_ERROR_DUPLICATE, line,
                    _("submission \"%s\" appears twice (first on line %u)"),
                    submission->id, GPOINTER_TO_UINT (first_line));
      return;
    }

  g_hash_table_insert (state->submission_ids, g_strdup (submission->id), GUINT_TO_POINTER (line));
}

static gboolean
check_callback (LoadState *state,
                gboolean   ok,
                GError    *error,
                guint      line)
{
  if (ok)
    {
      g_assert (error == NULL);
      return TRUE;
    }

  if (error != NULL)
    state->error = error;
  else
    set_error (state, JURY_CALL_ERROR_ABORTED, line, _("reading the call was stopped"));

  return FALSE;
}

/* What the schema does not say: it lets an element be left out where our
 * structures need it, if the file is invalid and libxml2 said nothing. */
static gboolean
finish_header (LoadState *state,
               guint      line)
{
  JuryCallLoader *self = state->self;
  GError *error = NULL;
  gboolean ok;

  if (state->call->id == NULL || state->call->title == NULL || state->call->criteria->len == 0)
    {
      set_error (state, JURY_CALL_ERROR_INVALID, line, _("the call lacks its id, title or rubric"));
      return FALSE;
    }

  state->header_done = TRUE;
  if (self->header_func == NULL)
    return TRUE;

  ok = self->header_func (state->call, self->user_data, &error);

  return check_callback (state, ok, error, line);
}

static gboolean
finish_submission (LoadState      *state,
                   JurySubmission *submission,
                   guint           line)
{
  JuryCallLoader *self = state->self;
  GError *error = NULL;
  gboolean ok;

  if (!state->header_done || submission->id == NULL || submission->title == NULL)
    {
      set_error (state, JURY_CALL_ERROR_INVALID, line,
                 _("a submission lacks its id or title, or comes before the rubric"));
      return FALSE;
    }

  state->call->n_submissions++;
  if (self->submission_func == NULL)
    return TRUE;

  ok = self->submission_func (state->call, submission, line, self->user_data, &error);

  return check_callback (state, ok, error, line);
}

/* Whether byte B may begin a character a call may not hold (see
 * jury_text_find_forbidden()): a control other than tab and line ends, DEL,
 * and the lead bytes of the C1 controls and of the bidirectional ones. */
static inline gboolean
may_begin_forbidden (guchar b)
{
  if (b < 0x20)
    return b != '\t' && b != '\n' && b != '\r';

  return b == 0x7F || b == 0xC2 || b == 0xE2;
}

/* Whether any byte of W may begin a forbidden character. Exact, like the tests
 * in is_collapsed(): a byte below 0x20 (tab and line ends too, which are then
 * looked at one by one), 0x7F, 0xC2 or 0xE2. */
static inline gboolean
word_may_hold_forbidden (guint64 w)
{
  guint64 low = ~(((w & BYTES (0x7F)) + BYTES (0x60)) | w) & BYTES (0x80);
  guint64 del = w ^ BYTES (0x7F);
  guint64 c2 = w ^ BYTES (0xC2);
  guint64 e2 = w ^ BYTES (0xE2);

  del = ~(((del & BYTES (0x7F)) + BYTES (0x7F)) | del) & BYTES (0x80);
  c2 = ~(((c2 & BYTES (0x7F)) + BYTES (0x7F)) | c2) & BYTES (0x80);
  e2 = ~(((e2 & BYTES (0x7F)) + BYTES (0x7F)) | e2) & BYTES (0x80);

  return (low | del | c2 | e2) != 0;
}

/* jury_text_find_forbidden() on TEXT: every text of a call goes through here,
 * and almost all of it holds no byte that could begin a forbidden character,
 * but much of it bytes from 0x80 (umlauts, say), where that function looks
 * closer. Eight bytes at a time, then those from a byte that may. */
static gunichar
find_forbidden (const char *text)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + strlen (text);

  while (p < end)
    {
      guint64 w;
      gsize length;
      gunichar bad;

      if (end - p >= 8)
        {
          memcpy (&w, p, sizeof w);
          if (!word_may_hold_forbidden (w))
            {
              p += 8;
              continue;
            }
        }

      if (!may_begin_forbidden (*p))
        {
          p++;
          continue;
        }

      /* As jury_text_find_forbidden() reads a character from there. */
      length = *p < 0x80 ? 1 : *p == 0xC2 ? 2 : 3;
      length = MIN (length, (gsize) (end - p));
      bad = jury_text_find_forbidden ((const char *) p, length, JURY_TEXT_CALL);
      if (bad != 0)
        return bad;
      p += length;
    }

  return 0;
}

static gboolean
note_forbidden (LoadState     *state,
                const xmlNode *node,
                const char    *text)
{
  gunichar bad = text != NULL ? find_forbidden (text) : 0;

  if (bad == 0)
    return FALSE;

  if (bad >= 0x2000)
    note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node),
                  _("the text contains the bidirectional control character U+%04X, which would reorder "
                    "the text shown around it"), bad);
  else
    note_problem (state, JURY_CALL_ERROR_BAD_VALUE, node_line (node),
                  _("the text contains the control character U+%04X"), bad);
  return TRUE;
}

/* XML keeps most control characters out, not all: DEL and the C1 controls pass,
 * and so do the characters that reorder bidirectional text. A call holds none. */
static void
check_characters (LoadState     *state,
                  const xmlNode *node)
{
  for (const xmlNode *n = node; n != NULL; )
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (note_forbidden (state, n, (const char *) n->content))
            return;
        }
      else if (n->type == XML_ELEMENT_NODE)
        for (const xmlAttr *attr = n->properties; attr != NULL; attr = attr->next)
          for (const xmlNode *value = attr->children; value != NULL; value = value->next)
            if (value->type == XML_TEXT_NODE && note_forbidden (state, n, (const char *) value->content))
              return;

      /* Depth first through the subtree of NODE, and no further. */
      if (n->type == XML_ELEMENT_NODE && n->children != NULL)
        n = n->children;
      else
        {
          while (n != node && n->next == NULL)
            n = n->parent;
          n = n != node ? n->next : NULL;
        }
    }
}

/* Reads one child of <call> as a whole and moves past it, so that the reader
 * validates it and then frees it. Returns like xmlTextReaderRead(). */
static int
read_child (LoadState        *state,
            xmlTextReaderPtr  reader)
{
  g_autoptr(JurySubmission) submission = NULL;
  gboolean is_rubric;
  xmlNode *node;
  guint line;
  int ret;

  node = xmlTextReaderExpand (reader);
  if (node == NULL)
    return -1;

  line = node_line (node);
  check_characters (state, node);
  is_rubric = is_call_element (node, "rubric");
  if (is_call_element (node, "submission"))
    {
      submission = read_submission (state, node);
      check_submission_id (state, submission, line);
    }
  else
    read_header_element (state, node);

  ret = xmlTextReaderNext (reader);
  if (settle (state))
    return -1;

  if (is_rubric && !finish_header (state, line))
    return -1;

  if (submission != NULL && !finish_submission (state, submission, line))
    return -1;

  if (g_cancellable_set_error_if_cancelled (state->cancellable, &state->error))
    return -1;

  return ret;
}

static gboolean
has_doctype (xmlTextReaderPtr reader)
{
  /* Not xmlTextReaderCurrentDoc(): it would keep the document after the reader. */
  const xmlNode *node = xmlTextReaderCurrentNode (reader);
  const xmlDoc *doc = node != NULL ? node->doc : NULL;

  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE
         || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL));
}

/* A DOCTYPE is refused whatever libxml2 made of it, before anything else:
 * it is where entities come from. */
static void
refuse_doctype (LoadState *state)
{
  g_clear_error (&state->xml_error);
  set_error (state, JURY_CALL_ERROR_FORBIDDEN, MAX (state->doctype_line, 1),
             _("the file declares a document type; call files may not (it could make the reader fetch or expand other content)"));
}

/* Moves to the root element and checks that it is a call. */
static gboolean
read_root (LoadState        *state,
           xmlTextReaderPtr  reader)
{
  const xmlNode *node;
  int ret;

  do
    {
      ret = xmlTextReaderRead (reader);

      if (ret == 1 && has_doctype (reader))
        {
          refuse_doctype (state);
          return FALSE;
        }
    }
  while (ret == 1 && xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT);

  if (ret != 1)
    {
      /* libxml2 may give up inside a broken DOCTYPE before showing it. */
      if (state->doctype_line != 0)
        refuse_doctype (state);
      settle (state);
      set_error (state, JURY_CALL_ERROR_MALFORMED, 0, _("the file holds no XML element"));
      return FALSE;
    }

  state->root_seen = TRUE;
  node = xmlTextReaderCurrentNode (reader);
  if (!is_call_element (node, "call"))
    {
      /* libxml2 may have complained about the root already, in its words. */
      if (state->xml_error != NULL && state->xml_error->code == JURY_CALL_ERROR_INVALID)
        g_clear_error (&state->xml_error);
      settle (state);
      set_error (state, JURY_CALL_ERROR_NOT_A_CALL, 0,
                 _("this is not a Jury Desk call file (expected <call> in namespace %s)"),
                 CALL_NAMESPACE);
      return FALSE;
    }

  /* The children come one by one, see read_child(); here the attributes only. */
  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    for (const xmlNode *value = attr->children; value != NULL; value = value->next)
      if (value->type == XML_TEXT_NODE && note_forbidden (state, node, (const char *) value->content))
        break;
  read_call_attributes (state, node);

  return !settle (state);
}

static gboolean
read_call (LoadState        *state,
           xmlTextReaderPtr  reader)
{
  int ret;

  if (!read_root (state, reader))
    return FALSE;

  ret = xmlTextReaderRead (reader);
  while (ret == 1 && !settle (state))
    {
      if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
          && xmlTextReaderDepth (reader) == 1)
        ret = read_child (state, reader);
      else
        ret = xmlTextReaderRead (reader);
    }

  if (settle (state))
    return FALSE;

  if (ret != 0 || xmlTextReaderIsValid (reader) != 1)
    {
      set_error (state, JURY_CALL_ERROR_INVALID, (guint) MAX (xmlTextReaderGetParserLineNumber (reader), 0),
                 _("the file does not follow the call format"));
      return FALSE;
    }

  if (!state->header_done)
    {
      set_error (state, JURY_CALL_ERROR_INVALID, 0, _("the call has no rubric"));
      return FALSE;
    }

  return TRUE;
}

/* Whatever the reader left unread (only possible after the end of the
 * document) still belongs to the file's checksum. */
static gboolean
read_rest (LoadState *state)
{
  char buffer[8192];
  int n;

  while ((n = read_cb (state, buffer, sizeof buffer)) > 0)
    ;

  return n == 0;
}

static void
load_state_clear (LoadState *state)
{
  g_free (state->name);
  g_clear_object (&state->stream);
  g_clear_pointer (&state->hasher, jury_hasher_free);
  g_clear_error (&state->error);
  g_clear_error (&state->xml_error);
  g_clear_error (&state->problem);
  g_clear_pointer (&state->call, jury_call_free);
  g_clear_pointer (&state->submission_ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LoadState, load_state_clear)

static void
jury_call_loader_dispose (GObject *object)
{
  JuryCallLoader *self = (JuryCallLoader *) object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (jury_call_loader_parent_class)->dispose (object);
}

static void
jury_call_loader_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JuryCallLoader *self = JURY_CALL_LOADER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MAX_SIZE:
      g_value_set_int64 (value, self->max_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_call_loader_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JuryCallLoader *self = JURY_CALL_LOADER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    case PROP_MAX_SIZE:
      jury_call_loader_set_max_size (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jury_call_loader_class_init (JuryCallLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jury_call_loader_dispose;
  object_class->get_property = jury_call_loader_get_property;
  object_class->set_property = jury_call_loader_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_SIZE] =
    g_param_spec_int64 ("max-size", NULL, NULL,
                        1, G_MAXINT64, JURY_CALL_DEFAULT_MAX_SIZE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jury_call_loader_init (JuryCallLoader *self)
{
  self->max_size = JURY_CALL_DEFAULT_MAX_SIZE;
}

JuryCallLoader *
jury_call_loader_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (JURY_TYPE_CALL_LOADER,
                       "file", file,
                       NULL);
}

GFile *
jury_call_loader_get_file (JuryCallLoader *self)
{
  g_return_val_if_fail (JURY_IS_CALL_LOADER (self), NULL);

  return self->file;
}

void
jury_call_loader_set_max_size (JuryCallLoader *self,
                               goffset         max_size)
{
  g_return_if_fail (JURY_IS_CALL_LOADER (self));
  g_return_if_fail (max_size > 0);

  if (self->max_size == max_size)
    return;

  self->max_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIZE]);
}

/**
 * jury_call_loader_set_callbacks:
 * @header_func: (nullable): called once the rubric is read
 * @submission_func: (nullable): called for every submission
 */
void
jury_call_loader_set_callbacks (JuryCallLoader         *self,
                                JuryCallHeaderFunc      header_func,
                                JuryCallSubmissionFunc  submission_func,
                                gpointer                user_data)
{
  g_return_if_fail (JURY_IS_CALL_LOADER (self));

  self->header_func = header_func;
  self->submission_func = submission_func;
  self->user_data = user_data;
}

/**
 * jury_call_loader_load:
 *
 * May run in any thread; loads of different files may run at the same time.
 * A cancelled load fails with G_IO_ERROR_CANCELLED; a callback's error is
 * passed on as it is.
 *
 * Returns: (transfer full) (nullable): the call, or %NULL with @error set
 */
JuryCall *
jury_call_loader_load (JuryCallLoader  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_auto(LoadState) state = { 0 };
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlRelaxNGPtr schema;
  xmlTextReaderPtr reader;
  gboolean ok;

  g_return_val_if_fail (JURY_IS_CALL_LOADER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  state.self = self;
  state.name = g_file_get_basename (self->file);
  state.cancellable = cancellable;

  schema = get_schema ();
  if (schema == NULL)
    {
      g_set_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_IO,
                   _("%s: cannot check the file: the call format description of this Jury Desk is damaged"),
                   state.name);
      return NULL;
    }

  stream = g_file_read (self->file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_IO, _("%s: cannot read the file: %s"),
                     state.name, local_error->message);
      return NULL;
    }

  state.stream = G_INPUT_STREAM (g_steal_pointer (&stream));
  /* The file's SHA-256 beside parsing, in a thread of its own. */
  state.hasher = jury_hasher_new ("jury-call-hash");
  state.call = jury_call_new ();
  state.submission_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  reader = xmlReaderForIO (read_cb, NULL, &state, NULL, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      g_set_error (error, JURY_CALL_ERROR, JURY_CALL_ERROR_IO, _("%s: cannot start reading the file"),
                   state.name);
      return NULL;
    }

  state.reader = reader;
  xmlTextReaderSetStructuredErrorHandler (reader, xml_error_cb, &state);
  if (xmlTextReaderRelaxNGSetSchema (reader, schema) != 0)
    set_error (&state, JURY_CALL_ERROR_IO, 0, _("cannot check the file against the call format"));

  ok = state.error == NULL && read_call (&state, reader);
  xmlFreeTextReader (reader);

  if (!ok || !read_rest (&state))
    {
      g_assert (state.error != NULL);
      g_propagate_error (error, g_steal_pointer (&state.error));
      return NULL;
    }

  state.call->sha256 = jury_hasher_finish (state.hasher);

  return g_steal_pointer (&state.call);
}
