/* jury-merge.c: juror databases into a panel database, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "jury-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jury-file.h"
#include "jury-merge.h"
#include "jury-round.h"
#include "jury-store-copy.h"
#include "jury-store-round.h"
#include "jury-store-testing.h"
#include "jury-store-transaction.h"

/* At most this many submissions are named in a refusal; the rest are counted. */
#define MAX_NAMED_SUBMISSIONS 5

typedef struct
{
  const char       *panel_path;
  JuryStore        *panel;
  char             *panel_digest;
  gboolean          creating;    /* PANEL is a temporary file until it is published */
  JuryMergeReport  *report;
  GPtrArray        *problems;    /* the reasons of files refused before there was a panel */
  JuryMergeFlags    flags;
  gboolean          invites;     /* the panel has invited its jurors */
  /* An existing panel was checked whole inside the merge's transaction, before
   * anything was written to it. */
  gboolean          verified;
  /* The jurors whose chains were checked in the panel as they were taken, and
   * how many rows the panel's connection had written when the last hand-in was
   * done with: when it has written none since, the final check need not go over
   * what was checked already. */
  GHashTable       *checked;
  gint64            changes;
  /* What was read ahead of the hand-in being merged (nullable). */
  struct _ReadAhead *ahead;
} Merge;

typedef struct
{
  char           *panel_path;
  GStrv           paths;
  JuryMergeFlags  flags;
} MergeTaskData;

static JuryMergeEntry *
entry_new (const char       *path,
           const JuryJuror  *juror)
{
  JuryMergeEntry *entry = g_new0 (JuryMergeEntry, 1);

  entry->path = g_strdup (path);
  if (juror != NULL)
    {
      entry->juror_id = g_strdup (juror->id);
      entry->juror_name = g_strdup (juror->name);
    }

  return entry;
}

static void
entry_free (JuryMergeEntry *entry)
{
  g_free (entry->path);
  g_free (entry->juror_id);
  g_free (entry->juror_name);
  g_free (entry->reason);
  g_free (entry->receipt);
  g_free (entry);
}

static void
merge_task_data_free (MergeTaskData *data)
{
  g_free (data->panel_path);
  g_strfreev (data->paths);
  g_free (data);
}

static char *
display_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

/* Takes REASON. */
static void
refuse (Merge           *merge,
        JuryMergeEntry  *entry,
        char            *reason)
{
  entry->outcome = JURY_MERGE_REFUSED;
  entry->reason = reason;
  g_ptr_array_add (merge->report->entries, entry);
  g_debug ("refused: %s", reason);
}

static void
refuse_file (Merge      *merge,
             const char *path,
             JuryStore  *input,
             char       *reason)
{
  g_autoptr(JuryJuror) juror = NULL;
  const char *juror_id = input != NULL ? jury_store_get_sole_juror_id (input) : NULL;

  if (juror_id != NULL)
    juror = jury_store_get_juror (input, juror_id, NULL);
  if (merge->panel == NULL)
    g_ptr_array_add (merge->problems, g_strdup (reason));

  refuse (merge, entry_new (path, juror), reason);
}

/* The file a new panel is made from is known whole before it is: its juror's
 * chain too, which the others have checked in the panel. */
static gboolean
check_seed_chain (JuryStore   *input,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *name = display_name (path);
  const char *juror_id = jury_store_get_sole_juror_id (input);

  return juror_id == NULL || jury_store_check_juror_chain (input, juror_id, name, error);
}

/* What the merge reads of a hand-in's juror, read in the thread beside it; each
 * part NULL when it was not (the merge then reads it itself, and meets any
 * error there). */
typedef struct _ReadAhead
{
  char       *juror_id;
  GHashTable *worked_on;
  gboolean    has_n_scores;
  guint       n_scores;
  guint       n_changes;
} ReadAhead;

static void
read_ahead_free (ReadAhead *ahead)
{
  g_free (ahead->juror_id);
  g_clear_pointer (&ahead->worked_on, g_hash_table_unref);
  g_free (ahead);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadAhead, read_ahead_free)

/* WORKED_ON only for a panel that may have invited the juror. */
static ReadAhead *
read_ahead (JuryStore *input,
            gboolean   worked_on)
{
  const char *juror_id = jury_store_get_sole_juror_id (input);
  ReadAhead *ahead;

  if (juror_id == NULL)
    return NULL;

  ahead = g_new0 (ReadAhead, 1);
  ahead->juror_id = g_strdup (juror_id);
  if (worked_on)
    ahead->worked_on = jury_store_list_worked_on (input, juror_id, NULL);
  ahead->has_n_scores = jury_store_count_scores (input, juror_id, &ahead->n_scores, NULL);
  ahead->n_changes = jury_store_get_audit_length (input, juror_id);

  return ahead;
}

/* A juror's database that is what it claims to be: readable, not a panel,
 * intact, as far as the file alone tells, for a panel whose call has the digest
 * PANEL_DIGEST (NULL: none yet). Sets *REASON when it is refused, and returns
 * the file then too when it could be opened, to name its juror. */
static JuryStore *
read_input (const char  *panel_path,
            const char  *panel_digest,
            const char  *path,
            char       **reason)
{
  g_autoptr(JuryStore) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (path);

  if (jury_same_file (path, panel_path))
    {
      *reason = g_strdup_printf (_("%s is the panel database itself and cannot be merged into it"), name);
      return NULL;
    }

  if (!(input = jury_store_open_read_only (path, &error)))
    {
      *reason = g_strdup (error->message);
      return NULL;
    }

  if (jury_store_is_panel (input))
    {
      *reason = g_strdup_printf (_("%s is a panel database; only jurors’ databases can be merged into a panel"),
                                 name);
      return g_steal_pointer (&input);
    }

  /* Its shape first: one juror's work and nothing else, and text within the
   * limits; then its integrity. Its juror's audit trail is checked where the
   * merge takes it from, see merge_juror(). */
  if (!jury_store_check_hand_in (input, &error) ||
      !jury_store_verify_hand_in (input, panel_digest, &error))
    *reason = g_strdup (error->message);

  return g_steal_pointer (&input);
}

/* INPUT, or NULL when REASON (taken) refuses it. */
static JuryStore *
accept_input (Merge       *merge,
              const char  *path,
              JuryStore   *input,
              char        *reason)
{
  g_autoptr(GError) error = NULL;

  if (reason == NULL && input != NULL && merge->panel == NULL && !check_seed_chain (input, path, &error))
    reason = g_strdup (error->message);

  if (reason == NULL)
    return input;

  refuse_file (merge, path, input, reason);
  g_clear_object (&input);
  return NULL;
}

/* Files read and checked one after the other in a thread beside the merge, at
 * most READ_AHEAD ahead of it: what each hand-in needs of its file alone
 * overlaps the copying of the one before. */
#define READ_AHEAD 2

typedef struct
{
  JuryStore  *input;
  char       *reason;
  ReadAhead  *ahead;
  gboolean    done;
} ReadInput;

typedef struct
{
  GThread            *thread;
  GMutex              lock;
  GCond               cond;
  char               *panel_path;
  char               *panel_digest;
  gboolean            invites;
  const char * const *paths;
  guint               first;
  guint               n_paths;
  ReadInput          *read;       /* by index into PATHS */
  guint               taken;      /* the index of the next one the merge takes */
  gboolean            stop;
} Reader;

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  for (guint i = reader->first; i < reader->n_paths; i++)
    {
      JuryStore *input;
      ReadAhead *ahead = NULL;
      char *reason = NULL;
      gboolean stop;

      g_mutex_lock (&reader->lock);
      while (!reader->stop && i >= reader->taken + READ_AHEAD)
        g_cond_wait (&reader->cond, &reader->lock);
      stop = reader->stop;
      g_mutex_unlock (&reader->lock);
      if (stop)
        break;

      input = read_input (reader->panel_path, reader->panel_digest, reader->paths[i], &reason);
      if (reason == NULL)
        ahead = read_ahead (input, reader->invites);

      g_mutex_lock (&reader->lock);
      reader->read[i] = (ReadInput) { input, reason, ahead, TRUE };
      g_cond_broadcast (&reader->cond);
      g_mutex_unlock (&reader->lock);
    }

  return NULL;
}

/* Reads PATHS from FIRST on, for MERGE's panel, which exists. */
static Reader *
reader_start (Merge              *merge,
              const char * const *paths,
              guint               first)
{
  Reader *reader = g_new0 (Reader, 1);

  g_mutex_init (&reader->lock);
  g_cond_init (&reader->cond);
  reader->panel_path = g_strdup (merge->panel_path);
  reader->panel_digest = g_strdup (merge->panel_digest);
  reader->invites = merge->invites;
  reader->paths = paths;
  reader->first = reader->taken = first;
  reader->n_paths = g_strv_length ((GStrv) paths);
  reader->read = g_new0 (ReadInput, reader->n_paths);
  reader->thread = g_thread_new ("jury-merge-read", reader_thread, reader);

  return reader;
}

/* The file at I, once read; the reader goes on with the next. */
static JuryStore *
reader_take (Reader     *reader,
             guint       i,
             char      **reason,
             ReadAhead **ahead)
{
  JuryStore *input;

  g_mutex_lock (&reader->lock);
  g_assert (i == reader->taken);
  while (!reader->read[i].done)
    g_cond_wait (&reader->cond, &reader->lock);
  input = g_steal_pointer (&reader->read[i].input);
  *reason = g_steal_pointer (&reader->read[i].reason);
  *ahead = g_steal_pointer (&reader->read[i].ahead);
  reader->taken = i + 1;
  g_cond_broadcast (&reader->cond);
  g_mutex_unlock (&reader->lock);

  return input;
}

static void
reader_free (Reader *reader)
{
  g_mutex_lock (&reader->lock);
  reader->stop = TRUE;
  g_cond_broadcast (&reader->cond);
  g_mutex_unlock (&reader->lock);
  g_thread_join (reader->thread);

  for (guint i = 0; i < reader->n_paths; i++)
    {
      g_clear_object (&reader->read[i].input);
      g_free (reader->read[i].reason);
      g_clear_pointer (&reader->read[i].ahead, read_ahead_free);
    }
  g_free (reader->read);
  g_free (reader->panel_path);
  g_free (reader->panel_digest);
  g_mutex_clear (&reader->lock);
  g_cond_clear (&reader->cond);
  g_free (reader);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reader, reader_free)

/* The same call: the same id, the same call file, the same rubric and submissions.
 * Refuses the file otherwise; FALSE only when it cannot be read. */
static gboolean
check_call (Merge       *merge,
            const char  *path,
            JuryStore   *input,
            gboolean    *same,
            GError     **error)
{
  const JuryCall *ours = jury_store_get_call (merge->panel);
  const JuryCall *theirs = jury_store_get_call (input);
  g_autofree char *name = display_name (path);
  g_autofree char *digest = NULL;

  if (!jury_store_get_call_digest (input, &digest, error))
    return FALSE;

  *same = FALSE;
  if (!g_str_equal (ours->id, theirs->id))
    refuse_file (merge, path, input,
                 /* Translators: a file name, then two call ids */
                 g_strdup_printf (_("%s: another call: “%s” instead of “%s”"), name, theirs->id, ours->id));
  else if (g_strcmp0 (ours->sha256, theirs->sha256) != 0 || g_strcmp0 (merge->panel_digest, digest) != 0)
    refuse_file (merge, path, input,
                 /* Translators: a file name, then a call id */
                 g_strdup_printf (_("%s: another version of the call “%s”: the call file it was made from "
                                    "differs from the panel’s"), name, ours->id));
  /* Its digest was not computed again, being the panel's: what the juror's work
   * is checked against must be the panel's too. */
  else if (!jury_call_equal (ours, theirs))
    refuse_file (merge, path, input,
                 g_strdup_printf (_("%s: the call in it (its title, rubric or submissions) was changed after the "
                                    "database was made"), name));
  else
    *same = TRUE;

  return TRUE;
}

static JuryMergeHook before_verify_hook;
static JuryMergeHook before_check_hook;

static gboolean
open_panel (Merge       *merge,
            GError     **error)
{
  g_autofree char *name = display_name (merge->panel_path);

  if (!(merge->panel = jury_store_open (merge->panel_path, error)))
    return FALSE;

  if (!jury_store_is_panel (merge->panel))
    {
      g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_PANEL,
                   _("%s is a juror’s database, not a panel; choose another file for the panel"), name);
      return FALSE;
    }

  /* A panel that does not verify would hide what the new chains are compared
   * with. It is checked inside the merge's transaction, which keeps every other
   * writer out until the merge commits: what is checked is what is merged into. */
  if (!jury_store_check_writable (merge->panel, error) ||
      !jury_store_begin (merge->panel, error))
    return FALSE;

  if (before_verify_hook != NULL)
    before_verify_hook (merge->panel);

  if (!jury_store_verify (merge->panel, error) ||
      !jury_store_get_call_digest (merge->panel, &merge->panel_digest, error))
    {
      jury_store_rollback (merge->panel);
      return FALSE;
    }

  merge->invites = jury_round_has_invitations (merge->panel);
  merge->verified = TRUE;
  merge->changes = jury_store_count_changes (merge->panel);
  return TRUE;
}

static gboolean
create_panel (Merge      *merge,
              JuryStore  *seed,
              GError    **error)
{
  merge->creating = TRUE;
  merge->report->created = TRUE;

  /* A new panel is a file nobody sees until it is published whole: each hand-in
   * goes in in a transaction of its own, with its file attached. */
  return (merge->panel = jury_store_create_copy (seed, merge->panel_path, JURY_COPY_PANEL, error)) &&
         jury_store_get_call_digest (merge->panel, &merge->panel_digest, error);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const JurySubmissionRow *row_a = *(JurySubmissionRow * const *) a;
  const JurySubmissionRow *row_b = *(JurySubmissionRow * const *) b;

  return (row_a->position > row_b->position) - (row_a->position < row_b->position);
}

/* The submissions in IDS as “Title”, “Title”, … in file order. */
static char *
describe_submissions (Merge       *merge,
                      GHashTable  *ids,
                      GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jury_submission_row_free);
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer id;

  if (g_hash_table_size (ids) == 0)
    return g_strdup (_("the juror’s name"));

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      JurySubmissionRow *row = jury_store_get_submission_row (merge->panel, NULL, id, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_positions);

  for (guint i = 0; i < rows->len && i < MAX_NAMED_SUBMISSIONS; i++)
    g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "",
                            ((JurySubmissionRow *) g_ptr_array_index (rows, i))->title);
  if (rows->len > MAX_NAMED_SUBMISSIONS)
    {
      guint more = rows->len - MAX_NAMED_SUBMISSIONS;

      g_string_append (text, " ");
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", more), more);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The submissions the entries after the first FROM of the chain concern, as a set
 * whose keys are borrowed from SUBMISSION_IDS. */
static GHashTable *
touched_after (GPtrArray *submission_ids,
               guint      from)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = from; i < submission_ids->len; i++)
    if (g_ptr_array_index (submission_ids, i) != NULL)
      g_hash_table_add (ids, g_ptr_array_index (submission_ids, i));

  return ids;
}

static gboolean
same_review (const JuryReview *a,
             const JuryReview *b)
{
  if (a->conflict != b->conflict || a->done != b->done || g_strcmp0 (a->overall, b->overall) != 0)
    return FALSE;

  for (guint c = 0; c < a->n_criteria; c++)
    if (a->scores[c] != b->scores[c] || g_strcmp0 (a->comments[c], b->comments[c]) != 0)
      return FALSE;

  return TRUE;
}

/* Both stores verified, so their tables hold what the chains replay to. */
static gboolean
work_differs (Merge       *merge,
              JuryStore   *input,
              const char  *juror_id,
              const char  *submission_id,
              gboolean    *differs,
              GError     **error)
{
  g_autoptr(JuryReview) ours = jury_store_get_review (merge->panel, juror_id, submission_id, error);
  g_autoptr(JuryReview) theirs = NULL;

  if (ours == NULL || !(theirs = jury_store_get_review (input, juror_id, submission_id, error)))
    return FALSE;

  *differs = !same_review (ours, theirs);
  return TRUE;
}

/* Where two chains part after FROM common entries: the submissions both went on
 * with, so that later work on one side alone is not named, or all that either
 * went on with when they share none; of those, the ones whose work ends up
 * different, unless none does. Empty when only the juror's name differs. */
static GHashTable *
diverging_submissions (Merge        *merge,
                       JuryStore    *input,
                       const char   *juror_id,
                       GPtrArray    *our_submissions,
                       GPtrArray    *their_submissions,
                       guint         from,
                       GError      **error)
{
  g_autoptr(GHashTable) ours = touched_after (our_submissions, from);
  g_autoptr(GHashTable) theirs = touched_after (their_submissions, from);
  g_autoptr(GHashTable) both = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) differing = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *candidates;
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (g_hash_table_contains (theirs, id))
      g_hash_table_add (both, id);

  if (g_hash_table_size (both) > 0)
    candidates = both;
  else
    {
      g_hash_table_iter_init (&iter, theirs);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_hash_table_add (ours, id);
      candidates = ours;
    }

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      gboolean differs;

      if (!work_differs (merge, input, juror_id, id, &differs, error))
        return NULL;
      if (differs)
        g_hash_table_add (differing, id);
    }

  return g_hash_table_ref (g_hash_table_size (differing) > 0 ? differing : candidates);
}

static guint
common_prefix (GPtrArray *a,
               GPtrArray *b)
{
  guint n = 0;

  while (n < a->len && n < b->len &&
         g_str_equal (g_ptr_array_index (a, n), g_ptr_array_index (b, n)))
    n++;

  return n;
}

static gboolean
is_ahead_for (Merge      *merge,
              const char *juror_id)
{
  return merge->ahead != NULL && g_str_equal (merge->ahead->juror_id, juror_id);
}

static GHashTable *
take_worked_on (Merge       *merge,
                JuryStore   *input,
                const char  *juror_id,
                GError     **error)
{
  if (is_ahead_for (merge, juror_id) && merge->ahead->worked_on != NULL)
    return g_steal_pointer (&merge->ahead->worked_on);

  return jury_store_list_worked_on (input, juror_id, error);
}

static gboolean
take_n_scores (Merge       *merge,
               JuryStore   *input,
               const char  *juror_id,
               guint       *n_scores,
               GError     **error)
{
  if (is_ahead_for (merge, juror_id) && merge->ahead->has_n_scores)
    {
      *n_scores = merge->ahead->n_scores;
      return TRUE;
    }

  return jury_store_count_scores (input, juror_id, n_scores, error);
}

static guint
take_n_changes (Merge       *merge,
                JuryStore   *input,
                const char  *juror_id)
{
  if (is_ahead_for (merge, juror_id))
    return merge->ahead->n_changes;

  return jury_store_get_audit_length (input, juror_id);
}

/* The changes in a chain: its entries but the juror's names, the only ones
 * without a submission (jury_store_get_audit_length() counts the same). */
static guint
count_changes (GPtrArray *submission_ids)
{
  guint n = 0;

  for (guint i = 0; i < submission_ids->len; i++)
    if (g_ptr_array_index (submission_ids, i) != NULL)
      n++;

  return n;
}

/* A panel that invited its jurors takes what its invitations made: the juror's
 * key in INPUT must be the one of the panel's invitation (the chain verified
 * with it), and the work must stay with the submissions the plan gave the juror.
 * Refuses the file otherwise (and sets *TAKEN to FALSE); FALSE only when a
 * database cannot be read. */
static gboolean
check_invitation (Merge            *merge,
                  const char       *path,
                  JuryStore        *input,
                  const JuryJuror  *juror,
                  gboolean         *taken,
                  GError          **error)
{
  g_autoptr(GBytes) their_key = NULL;
  g_autoptr(GBytes) our_key = NULL;
  g_autoptr(GPtrArray) assigned = NULL;
  g_autoptr(GHashTable) work = NULL;
  g_autofree char *name = display_name (path);
  GHashTableIter iter;
  gpointer id;

  *taken = FALSE;
  if (!jury_store_get_juror_key (input, juror->id, &their_key, error) ||
      !jury_store_get_juror_key (merge->panel, juror->id, &our_key, error))
    return FALSE;

  if (their_key != NULL && our_key == NULL)
    refuse_file (merge, path, input,
                 /* Translators: a file name */
                 g_strdup_printf (_("%s was not made from an invitation of this panel"), name));
  else if (their_key != NULL && !g_bytes_equal (their_key, our_key))
    refuse_file (merge, path, input,
                 /* Translators: a file name, a juror's name */
                 g_strdup_printf (_("%s presents %s under another key than the one of the panel’s invitation: "
                                    "it was not made from that invitation"), name, juror->name));
  else if (their_key == NULL && our_key != NULL)
    refuse_file (merge, path, input,
                 g_strdup_printf (_("%s presents %s, whom the panel invited, without the invitation’s key"),
                                  name, juror->name));
  else if (their_key == NULL && merge->invites && !(merge->flags & JURY_MERGE_ALLOW_UNINVITED))
    {
      refuse_file (merge, path, input,
                   g_strdup_printf (_("%s was not made from an invitation of this panel, which invited its "
                                      "jurors; take it only on purpose (--allow-uninvited)"), name));
      ((JuryMergeEntry *) g_ptr_array_index (merge->report->entries, merge->report->entries->len - 1))->uninvited = TRUE;
    }
  else
    *taken = TRUE;

  if (!*taken || our_key == NULL)
    return TRUE;

  /* The plan the panel holds is what counts, not what the file says of it. */
  if (!(assigned = jury_store_list_assigned (merge->panel, juror->id, error)) ||
      !(work = take_worked_on (merge, input, juror->id, error)))
    return FALSE;
  if (assigned->len == 0)
    return TRUE;

  for (guint i = 0; i < assigned->len; i++)
    g_hash_table_remove (work, g_ptr_array_index (assigned, i));
  g_hash_table_iter_init (&iter, work);
  if (g_hash_table_iter_next (&iter, &id, NULL))
    {
      *taken = FALSE;
      refuse_file (merge, path, input,
                   /* Translators: a file name, a juror's name, a submission */
                   g_strdup_printf (_("%s: %s worked on “%s”, which the panel’s plan did not give them to read"),
                                    name, juror->name, (const char *) id));
    }

  return TRUE;
}

/* Notes in the panel that ENTRY's juror handed in the work the panel now holds,
 * with its receipt code. */
static gboolean
record_hand_in (Merge            *merge,
                JuryMergeEntry   *entry,
                JuryStore        *input,
                guint             n_changes,
                GError          **error)
{
  g_autofree char *file = g_path_get_basename (entry->path);

  entry->receipt = jury_store_dup_receipt (input, entry->juror_id, error);

  return entry->receipt != NULL &&
         jury_store_record_hand_in (merge->panel, entry->juror_id, file, n_changes, entry->receipt, error);
}

/* Copies ENTRY's juror from INPUT into the panel, in place of the one merged
 * before when it is REPLACED, and checks the chain there, where the merge leaves
 * it: the rows checked are the rows taken, whatever happens to the file
 * meanwhile. A chain that does not check out is taken back and refused, naming
 * the file NAME. */
static gboolean
take_juror (Merge           *merge,
            JuryMergeEntry  *entry,
            const char      *name,
            JuryStore       *input,
            guint            n_changes,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!jury_store_savepoint (merge->panel, error))
    {
      entry_free (entry);
      return FALSE;
    }

  if ((entry->outcome == JURY_MERGE_REPLACED && !jury_store_delete_juror (merge->panel, entry->juror_id, error)) ||
      !jury_store_copy_juror (merge->panel, input, entry->juror_id, error))
    {
      jury_store_rollback_to (merge->panel);
      entry_free (entry);
      return FALSE;
    }

  if (!jury_store_check_juror_chain (merge->panel, entry->juror_id, name, &local_error))
    {
      jury_store_rollback_to (merge->panel);
      if (!g_error_matches (local_error, JURY_STORE_ERROR, JURY_STORE_ERROR_TAMPERED))
        {
          entry_free (entry);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      refuse (merge, entry, g_strdup (local_error->message));
      return TRUE;
    }

  g_hash_table_add (merge->checked, g_strdup (entry->juror_id));
  g_ptr_array_add (merge->report->entries, entry);
  return jury_store_release (merge->panel, error) &&
         record_hand_in (merge, entry, input, n_changes, error);
}

/* Compares JUROR's chain in INPUT with the one merged before and takes it over,
 * or says why not. FALSE only when the panel cannot be read or written. */
static gboolean
merge_juror (Merge            *merge,
             const char       *path,
             JuryStore        *input,
             const JuryJuror  *juror,
             GError          **error)
{
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) our_submissions = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) their_submissions = NULL;
  g_autoptr(GHashTable) differing = NULL;
  g_autofree char *name = display_name (path);
  g_autofree char *titles = NULL;
  g_autoptr(GError) local_error = NULL;
  JuryMergeEntry *entry;
  gboolean present, takes;
  guint n_common, n_scores, n_changes;

  if (!jury_store_has_juror (merge->panel, juror->id, &present, error) ||
      !take_n_scores (merge, input, juror->id, &n_scores, error))
    return FALSE;

  entry = entry_new (path, juror);
  entry->nothing_scored = n_scores == 0;

  /* A juror new to the panel is taken whole, whatever the chain. */
  if (!present)
    {
      entry->outcome = JURY_MERGE_ADDED;
      entry->n_changes = n_changes = take_n_changes (merge, input, juror->id);
      return take_juror (merge, entry, name, input, n_changes, error);
    }

  if (!(ours = jury_store_read_chain (merge->panel, juror->id, &our_submissions, error)) ||
      !(theirs = jury_store_read_chain (input, juror->id, &their_submissions, error)))
    {
      entry_free (entry);
      return FALSE;
    }

  n_changes = count_changes (their_submissions);
  n_common = common_prefix (ours, theirs);

  /* A chain that is taken (continuing the one merged before, or new, above) is
   * checked in the panel once it is there, see take_juror(); one that is not
   * (the panel holds it already, or the two part) is checked where it is. */
  takes = n_common == ours->len && n_common < theirs->len;
  if (!takes && !jury_store_check_juror_chain (input, juror->id, name, &local_error))
    {
      refuse (merge, entry, g_strdup (local_error->message));
      return TRUE;
    }

  if (n_common == theirs->len)
    entry->outcome = JURY_MERGE_UNCHANGED;
  else if (n_common == ours->len)
    {
      entry->outcome = JURY_MERGE_REPLACED;
      entry->n_changes = n_changes - count_changes (our_submissions);
    }
  else
    {
      if (!(differing = diverging_submissions (merge, input, juror->id, our_submissions,
                                               their_submissions, n_common, error)) ||
          !(titles = describe_submissions (merge, differing, error)))
        {
          entry_free (entry);
          return FALSE;
        }
      refuse (merge, entry,
              /* Translators: a file name, a juror's name, a list of submission titles */
              g_strdup_printf (_("%s: the work of %s differs from the copy merged before, and neither "
                                 "continues the other, in %s; merge only the juror’s latest copy"),
                               name, juror->name, titles));
      return TRUE;
    }

  if (entry->outcome == JURY_MERGE_UNCHANGED)
    {
      g_ptr_array_add (merge->report->entries, entry);
      /* The same copy handed in again is a hand-in; an older one is not. */
      return theirs->len < ours->len || record_hand_in (merge, entry, input, n_changes, error);
    }

  return take_juror (merge, entry, name, input, n_changes, error);
}

static gboolean
merge_input (Merge       *merge,
             const char  *path,
             JuryStore   *input,
             GError     **error)
{
  g_autoptr(GPtrArray) jurors = NULL;
  gboolean same_call;

  if (!check_call (merge, path, input, &same_call, error))
    return FALSE;
  if (!same_call)
    return TRUE;

  /* jury_store_check_hand_in() saw to it that there is exactly one. */
  if (!(jurors = jury_store_list_jurors_full (input, error)))
    return FALSE;

  for (guint i = 0; i < jurors->len; i++)
    {
      gboolean taken;

      if (!check_invitation (merge, path, input, g_ptr_array_index (jurors, i), &taken, error) ||
          (taken && !merge_juror (merge, path, input, g_ptr_array_index (jurors, i), error)))
        return FALSE;
    }

  return TRUE;
}

/* A hand-in smaller than this is copied row by row: attaching a file, whose
 * schema SQLite then reads and Jury Desk checks again, costs more than it
 * saves on a few thousand rows. */
#define ATTACH_SIZE ((goffset) 1024 * 1024)

static goffset attach_size = ATTACH_SIZE;

/* One hand-in into the new panel, in a transaction of its own. */
static gboolean
merge_into_new (Merge       *merge,
                const char  *path,
                JuryStore   *input,
                GError     **error)
{
  GStatBuf st;
  gboolean ok;

  if (g_stat (path, &st) == 0 && st.st_size >= attach_size)
    jury_store_attach (merge->panel, input);
  ok = jury_store_begin (merge->panel, error);
  if (ok && (ok = merge_input (merge, path, input, error)))
    ok = jury_store_commit (merge->panel, error);
  else if (ok)
    jury_store_rollback (merge->panel);
  jury_store_detach (merge->panel);

  return ok;
}

static gboolean
merge_file (Merge       *merge,
            const char  *path,
            JuryStore   *read,
            char        *reason,
            ReadAhead   *ahead,
            GError     **error)
{
  g_autoptr(JuryStore) input = accept_input (merge, path, read, reason);
  g_autoptr(ReadAhead) owned_ahead = ahead;
  gboolean ok;

  if (input == NULL)
    return TRUE;

  if (merge->panel == NULL && !create_panel (merge, input, error))
    return FALSE;

  merge->ahead = owned_ahead;
  if (merge->creating)
    ok = merge_into_new (merge, path, input, error);
  else
    ok = merge_input (merge, path, input, error);
  merge->ahead = NULL;

  merge->changes = jury_store_count_changes (merge->panel);
  return ok;
}

static void
set_nothing_to_start_from (Merge   *merge,
                           GError **error)
{
  g_autofree char *name = display_name (merge->panel_path);
  g_autofree char *reasons = NULL;

  g_ptr_array_add (merge->problems, NULL);
  reasons = g_strjoinv ("; ", (GStrv) merge->problems->pdata);
  g_set_error (error, JURY_STORE_ERROR, JURY_STORE_ERROR_NOT_FOUND,
               /* Translators: a file name, then the reasons the juror databases were refused */
               _("%s was not created: none of the files given is a juror’s database to start it from (%s)"),
               name, reasons);
}


/* The panel as it is about to be committed must pass what verify checks: a
 * surprise there is a reason to write nothing. */
static gboolean
check_panel (Merge   *merge,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  gboolean sound;

  if (before_check_hook != NULL)
    before_check_hook (merge->panel);

  /* Anything written since the last hand-in was done with is a surprise: then
   * the whole panel is checked again, every chain replayed. Else a panel that
   * was checked whole in this transaction has nothing left to check: since
   * then, only the jurors' rows were written, each chain checked against them
   * as they were taken, and the merge's own notes of the hand-ins; the count of
   * rows written does not see a change of the schema, which is checked apart. */
  if (jury_store_count_changes (merge->panel) != merge->changes)
    sound = jury_store_verify (merge->panel, &local_error);
  else if (!merge->verified)
    sound = jury_store_verify_but (merge->panel, merge->checked, &local_error);
  else
    sound = jury_store_check_own_schema (merge->panel, &local_error);

  if (sound)
    return TRUE;

  name = display_name (merge->panel_path);
  g_set_error (error, local_error->domain, local_error->code,
               /* Translators: a file name, then why the check failed */
               _("%s: the merged panel failed its check, so nothing was written: %s"),
               name, local_error->message);
  return FALSE;
}

/* Commits when nothing was refused and the result checks out, else rolls back; a
 * new panel is put in place or thrown away likewise. */
static gboolean
finish (Merge    *merge,
        gboolean  ok,
        GError  **error)
{
  merge->report->written = ok && jury_merge_report_count (merge->report, JURY_MERGE_REFUSED) == 0;

  if (merge->report->written && !check_panel (merge, error))
    ok = merge->report->written = FALSE;

  /* A new panel has nothing left to commit: it is published or thrown away. */
  if (merge->creating)
    ;
  else if (!merge->report->written)
    jury_store_rollback (merge->panel);
  else if (!jury_store_commit (merge->panel, error))
    ok = merge->report->written = FALSE;

  if (merge->creating && merge->report->written)
    ok = merge->report->written = jury_store_publish_copy (merge->panel, merge->panel_path, error);
  else if (merge->creating)
    jury_store_discard_copy (merge->panel);

  merge->report->created = merge->creating && merge->report->written;
  return ok;
}

static void
merge_files_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  MergeTaskData *data = task_data;
  GError *error = NULL;
  JuryMergeReport *report;

  report = jury_merge_files_full (data->panel_path, (const char * const *) data->paths, data->flags,
                                  cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) jury_merge_report_free);
}

/* Private API */

void
jury_merge_set_before_check_hook (JuryMergeHook hook)
{
  before_check_hook = hook;
}

void
jury_merge_set_before_verify_hook (JuryMergeHook hook)
{
  before_verify_hook = hook;
}

void
jury_merge_set_attach_size (goffset size)
{
  attach_size = size >= 0 ? size : ATTACH_SIZE;
}

/* Public API */

JuryMergeReport *
jury_merge_files (const char          *panel_path,
                  const char * const  *paths,
                  GCancellable        *cancellable,
                  GError             **error)
{
  return jury_merge_files_full (panel_path, paths, JURY_MERGE_NONE, cancellable, error);
}

JuryMergeReport *
jury_merge_files_full (const char          *panel_path,
                       const char * const  *paths,
                       JuryMergeFlags       flags,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(JuryMergeReport) report = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Merge merge = { .panel_path = panel_path, .problems = problems, .flags = flags, .checked = checked };
  g_autoptr(Reader) reader = NULL;
  gboolean ok = TRUE;
  GStatBuf st;

  g_return_val_if_fail (panel_path != NULL, NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  merge.report = report = g_new0 (JuryMergeReport, 1);
  report->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  if (g_lstat (panel_path, &st) == 0 && !open_panel (&merge, &local_error))
    {
      g_clear_object (&merge.panel);
      g_free (merge.panel_digest);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; ok && paths[i] != NULL; i++)
    {
      JuryStore *input;
      ReadAhead *ahead = NULL;
      char *reason = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        {
          ok = FALSE;
          break;
        }

      /* Once there is a panel, the files after this one are read beside it. */
      if (reader == NULL && merge.panel != NULL && paths[i + 1] != NULL)
        reader = reader_start (&merge, paths, i);

      if (reader != NULL)
        input = reader_take (reader, i, &reason, &ahead);
      else
        input = read_input (merge.panel_path, merge.panel_digest, paths[i], &reason);

      ok = merge_file (&merge, paths[i], input, reason, ahead, &local_error);
    }
  g_clear_pointer (&reader, reader_free);

  if (merge.panel == NULL && ok)
    {
      set_nothing_to_start_from (&merge, &local_error);
      ok = FALSE;
    }
  else if (merge.panel != NULL)
    ok = finish (&merge, ok, local_error == NULL ? &local_error : NULL);

  g_clear_object (&merge.panel);
  g_free (merge.panel_digest);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&report);
}

void
jury_merge_files_async (const char          *panel_path,
                        const char * const  *paths,
                        JuryMergeFlags       flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeTaskData *data;

  g_return_if_fail (panel_path != NULL);
  g_return_if_fail (paths != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (MergeTaskData, 1);
  data->panel_path = g_strdup (panel_path);
  data->paths = g_strdupv ((GStrv) paths);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jury_merge_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) merge_task_data_free);
  g_task_run_in_thread (task, merge_files_thread);
}

JuryMergeReport *
jury_merge_files_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jury_merge_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jury_merge_report_free (JuryMergeReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->entries);
  g_free (report);
}

guint
jury_merge_report_count (const JuryMergeReport *report,
                         JuryMergeOutcome       outcome)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->entries->len; i++)
    if (((JuryMergeEntry *) g_ptr_array_index (report->entries, i))->outcome == outcome)
      n++;

  return n;
}
