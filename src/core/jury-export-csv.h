/* jury-export-csv.h: the ranking as CSV (DESIGN §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "jury-results.h"

G_BEGIN_DECLS

/* RFC 4180 with a BOM; the columns are named by their ids ("rank", "mean", "p_top"…),
 * which scripts address, and numbers are plain numbers. The ranking names no juror,
 * so it is anonymous as it is. */
GBytes      *jury_export_csv           (const JuryResults       *results);

G_END_DECLS
