/* test-review.c: the rules of a review, without a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <locale.h>

#include "jury-review.h"
#include "jury-store-error.h"

#define N_CRITERIA 2

/* A review before a change, as scores, conflict and done. */
typedef struct
{
  int      scores[N_CRITERIA];
  gboolean conflict;
  gboolean done;
} State;

typedef struct
{
  const char        *name;
  State              before;
  JuryChangeKind     kind;
  const char        *criterion_id;
  int                value;
  const char        *text;
  int                error_code;   /* -1: accepted */
  JuryReviewEffects  effects;
  State              after;
} Case;

#define NONE JURY_NO_SCORE
#define CHANGED JURY_REVIEW_EFFECT_CHANGED
#define CLEARED JURY_REVIEW_EFFECT_DONE_CLEARED

static const Case cases[] = {
  { "score", { { NONE, NONE } }, JURY_CHANGE_SCORE, "a", 3, NULL, -1, CHANGED, { { 3, NONE } } },
  { "same score", { { 3, NONE } }, JURY_CHANGE_SCORE, "a", 3, NULL, -1, 0, { { 3, NONE } } },
  { "rescore a done review", { { 3, 4 }, FALSE, TRUE }, JURY_CHANGE_SCORE, "b", 1, NULL, -1, CHANGED,
    { { 3, 1 }, FALSE, TRUE } },
  { "clearing takes done back", { { 3, 4 }, FALSE, TRUE }, JURY_CHANGE_SCORE, "b", NONE, NULL, -1,
    CHANGED | CLEARED, { { 3, NONE } } },
  { "clearing what is not there", { { 3, NONE } }, JURY_CHANGE_SCORE, "b", NONE, NULL, -1, 0,
    { { 3, NONE } } },
  { "below the scale", { { NONE, NONE } }, JURY_CHANGE_SCORE, "a", 0, NULL,
    JURY_STORE_ERROR_OUT_OF_SCALE, 0, { { NONE, NONE } } },
  { "above the scale", { { NONE, NONE } }, JURY_CHANGE_SCORE, "a", 6, NULL,
    JURY_STORE_ERROR_OUT_OF_SCALE, 0, { { NONE, NONE } } },
  { "score with a conflict", { { NONE, NONE }, TRUE }, JURY_CHANGE_SCORE, "a", 2, NULL,
    JURY_STORE_ERROR_CONFLICT, 0, { { NONE, NONE }, TRUE } },
  { "clear with a conflict", { { 2, NONE }, TRUE }, JURY_CHANGE_SCORE, "a", NONE, NULL, -1, CHANGED,
    { { NONE, NONE }, TRUE } },
  { "unknown criterion", { { NONE, NONE } }, JURY_CHANGE_SCORE, "zzz", 2, NULL,
    JURY_STORE_ERROR_NOT_FOUND, 0, { { NONE, NONE } } },
  { "done", { { 3, 4 } }, JURY_CHANGE_DONE, NULL, TRUE, NULL, -1, CHANGED, { { 3, 4 }, FALSE, TRUE } },
  { "done again", { { 3, 4 }, FALSE, TRUE }, JURY_CHANGE_DONE, NULL, TRUE, NULL, -1, 0,
    { { 3, 4 }, FALSE, TRUE } },
  { "done while incomplete", { { 3, NONE } }, JURY_CHANGE_DONE, NULL, TRUE, NULL,
    JURY_STORE_ERROR_INCOMPLETE, 0, { { 3, NONE } } },
  { "done with a conflict", { { 3, 4 }, TRUE }, JURY_CHANGE_DONE, NULL, TRUE, NULL,
    JURY_STORE_ERROR_INCOMPLETE, 0, { { 3, 4 }, TRUE } },
  { "reopen", { { 3, 4 }, FALSE, TRUE }, JURY_CHANGE_DONE, NULL, FALSE, NULL, -1, CHANGED, { { 3, 4 } } },
  { "conflict takes done back", { { 3, 4 }, FALSE, TRUE }, JURY_CHANGE_CONFLICT, NULL, TRUE, NULL, -1,
    CHANGED | CLEARED, { { 3, 4 }, TRUE } },
  { "conflict withdrawn", { { 3, 4 }, TRUE }, JURY_CHANGE_CONFLICT, NULL, FALSE, NULL, -1, CHANGED,
    { { 3, 4 } } },
  { "comment", { { NONE, NONE } }, JURY_CHANGE_COMMENT, "b", 0, "Gut", -1, CHANGED, { { NONE, NONE } } },
  { "overall comment", { { NONE, NONE } }, JURY_CHANGE_COMMENT, NULL, 0, "Insgesamt", -1, CHANGED,
    { { NONE, NONE } } },
  { "empty comment on none", { { NONE, NONE } }, JURY_CHANGE_COMMENT, "a", 0, "", -1, 0,
    { { NONE, NONE } } },
};

static JuryCall *
build_call (void)
{
  JuryCall *call = jury_call_new ();

  call->id = g_strdup ("rules");
  call->title = g_strdup ("Rules");
  call->scale_min = 1;
  call->scale_max = 5;
  for (guint c = 0; c < N_CRITERIA; c++)
    {
      JuryCriterion *criterion = jury_criterion_new ();

      criterion->id = g_strdup (c == 0 ? "a" : "b");
      criterion->name = g_strdup (c == 0 ? "A" : "B");
      criterion->weight = 1;
      g_ptr_array_add (call->criteria, criterion);
    }

  return call;
}

static JuryReview *
build_review (const State *state)
{
  JuryReview *review = jury_review_new ("juror", "submission", N_CRITERIA);

  for (guint c = 0; c < N_CRITERIA; c++)
    review->scores[c] = state->scores[c];
  review->conflict = state->conflict;
  review->done = state->done;
  review->status = jury_review_derive_status (review);

  return review;
}

static JuryChange *
build_change (const Case *test)
{
  if (test->kind == JURY_CHANGE_SCORE)
    return jury_change_new_score ("juror", "submission", test->criterion_id, test->value);
  if (test->kind == JURY_CHANGE_COMMENT)
    return jury_change_new_comment ("juror", "submission", test->criterion_id, test->text);

  return jury_change_new_flag (test->kind, "juror", "submission", test->value);
}

static void
assert_state (const JuryReview *review,
              const State      *state)
{
  for (guint c = 0; c < N_CRITERIA; c++)
    g_assert_cmpint (review->scores[c], ==, state->scores[c]);
  g_assert_cmpint (review->conflict, ==, state->conflict);
  g_assert_cmpint (review->done, ==, state->done);
  g_assert_cmpint (review->status, ==, jury_review_derive_status (review));
}

static void
test_rules (void)
{
  g_autoptr(JuryCall) call = build_call ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *test = &cases[i];
      g_autoptr(JuryReview) review = build_review (&test->before);
      g_autoptr(JuryChange) change = build_change (test);
      g_autoptr(GError) error = NULL;
      JuryReviewEffects effects = 0xff;
      gboolean ok;

      g_test_message ("%s", test->name);
      ok = jury_review_apply (review, call, change, &effects, &error);
      if (test->error_code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (effects, ==, test->effects);
        }
      else
        {
          g_assert_error (error, JURY_STORE_ERROR, test->error_code);
          g_assert_false (ok);
        }
      assert_state (review, &test->after);
    }
}

/* A comment takes its place (an empty one clears it), and a refused change leaves
 * the comments as they were. */
static void
test_comments (void)
{
  g_autoptr(JuryCall) call = build_call ();
  g_autoptr(JuryReview) review = jury_review_new ("juror", "submission", N_CRITERIA);
  g_autoptr(JuryChange) comment = jury_change_new_comment ("juror", "submission", "b", "Klar");
  g_autoptr(JuryChange) overall = jury_change_new_comment ("juror", "submission", "", "Alles");
  g_autoptr(JuryChange) cleared = jury_change_new_comment ("juror", "submission", "b", "");
  JuryReviewEffects effects;

  g_assert_true (jury_review_apply (review, call, comment, &effects, NULL));
  g_assert_cmpstr (review->comments[1], ==, "Klar");
  g_assert_cmpint (review->status, ==, JURY_REVIEW_IN_PROGRESS);
  g_assert_true (jury_review_apply (review, call, overall, &effects, NULL));
  g_assert_cmpstr (review->overall, ==, "Alles");
  g_assert_true (jury_review_apply (review, call, cleared, &effects, NULL));
  g_assert_cmpint (effects, ==, JURY_REVIEW_EFFECT_CHANGED);
  g_assert_null (review->comments[1]);
  g_assert_cmpstr (review->overall, ==, "Alles");
}

/* A copy is a review of its own. */
static void
test_copy (void)
{
  g_autoptr(JuryReview) review = jury_review_new ("juror", "submission", N_CRITERIA);
  g_autoptr(JuryReview) copy = NULL;

  review->scores[0] = 4;
  review->comments[1] = g_strdup ("Gut");
  review->overall = g_strdup ("Insgesamt");
  review->conflict = TRUE;
  copy = jury_review_copy (review);
  g_free (review->comments[1]);
  review->comments[1] = g_strdup ("Anders");

  g_assert_cmpstr (copy->juror_id, ==, "juror");
  g_assert_cmpstr (copy->submission_id, ==, "submission");
  g_assert_cmpint (copy->scores[0], ==, 4);
  g_assert_cmpint (copy->scores[1], ==, JURY_NO_SCORE);
  g_assert_cmpstr (copy->comments[1], ==, "Gut");
  g_assert_cmpstr (copy->overall, ==, "Insgesamt");
  g_assert_true (copy->conflict);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/rules", test_rules);
  g_test_add_func ("/review/comments", test_comments);
  g_test_add_func ("/review/copy", test_copy);

  return g_test_run ();
}
