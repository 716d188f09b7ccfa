/* jury-call-writer.h: a call as a call file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "jury-call.h"

G_BEGIN_DECLS

/* CALL (its description and rubric) and SUBMISSIONS (JurySubmission*) as a call
 * file in the format of docs/call-format.md, UTF-8, indented. Empty optional
 * texts are left out. The bytes are what the writer made; jury_call_loader_load()
 * on them is the check that they are a valid call. */
GBytes *jury_call_to_xml (const JuryCall  *call,
                          GPtrArray       *submissions,
                          GError         **error);

/* Writes CALL and SUBMISSIONS as a call file to FILE, a local file that must not
 * exist. The file is written beside it under another name, loaded back as
 * Jury Desk loads a call (the schema and every rule), and only then takes its
 * name: a call that would not load is never written. */
gboolean jury_call_write_file (const JuryCall  *call,
                               GPtrArray       *submissions,
                               GFile           *file,
                               GCancellable    *cancellable,
                               GError         **error);

G_END_DECLS
