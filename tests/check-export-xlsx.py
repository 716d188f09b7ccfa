#!/usr/bin/env python3
# check-export-xlsx.py: an exported spreadsheet opens in openpyxl with the sheets
# Ranking, Scores, Comments and Jurors, headed in the reader's words (English or
# German) and never by the ids the CSV uses, numbers as numeric cells, every
# submission in the ranking and the scores, and (for an anonymous export) no
# juror's name anywhere.
#
#   check-export-xlsx.py FILE --submission ID… [--criterion NAME…] [--juror LABEL…]
#                         [--absent TEXT…] [--award-rows N] [--cut-mark TEXT]
#                         [--language en|de] [--same-as OTHER.xlsx] [--streamed]
#
# With --criterion, the Scores sheet heads the criteria's columns with their names,
# in this order. With --cut-mark, some cell ends with TEXT and holds no more than
# Excel's 32,767 characters: a text that was too long is cut, and says so.
# With --same-as, every sheet holds the same cells as OTHER's (value, type, number
# format, bold, the line under a row, wrapping), the same column widths and the
# same frozen header. With --streamed, the file was written row by row: every text
# is inline in its cell, and there is no table of shared strings.
#
# Exits with 77 (skipped) when openpyxl is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import sys
import zipfile

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed")
    sys.exit(77)

# The sheets and their columns: an id of this script's own for each column, then the
# header each language gives it (a tuple: any of these).
SHEETS = {
    "Ranking": {"en": "Ranking", "de": "Rangliste"},
    "Scores": {"en": "Scores", "de": "Punktzahlen"},
    "Comments": {"en": "Comments", "de": "Kommentare"},
    "Jurors": {"en": "Jurors", "de": "Jurymitglieder"},
}
RANKING = [
    ("rank", "Rank", "Rang"),
    ("id", "ID", "ID"),
    ("title", "Title", "Titel"),
    ("region", "Region", "Region"),
    ("n", "n", "n"),
    ("mean", "Mean", "Mittelwert"),
    ("median", "Median", "Median"),
    ("sd", "SD", "SD"),
    ("min", "Min", "Min"),
    ("max", "Max", "Max"),
    ("z", "z-Score", ("z-Wert", "z-Score")),
    ("normalized", "Normalised", "Normalisiert"),
    ("p_top", "Award Chance", "Preischance"),
    ("disagreement", "Spread", "Streuung"),
    ("decision", "Decision", "Entscheidung"),
    ("note", "Note on the decision", "Anmerkung zur Entscheidung"),
]
SCORES_BEFORE = [
    ("juror", "Juror", "Jurymitglied"),
    ("submission", "ID", "ID"),
    ("title", "Title", "Titel"),
]
SCORES_AFTER = [
    ("total", "Total", "Gesamt"),
    ("conflict", "Conflict of Interest", "Befangen"),
]
COMMENTS = [
    ("juror", "Juror", "Jurymitglied"),
    ("submission", "ID", "ID"),
    ("criterion", "Criterion", "Kriterium"),
    ("comment", "Comment", "Kommentar"),
]
JURORS = [
    ("juror", "Juror", "Jurymitglied"),
    ("complete", "Complete", "Vollständig"),
    ("conflicts", "Conflicts", "Befangen"),
    ("incomplete", "Incomplete", "Unvollständig"),
    ("mean", "Mean", "Mittelwert"),
    ("sd", "SD", "SD"),
    ("leniency", "Leniency", "Milde"),
]
NUMERIC = {
    "Ranking": ("rank", "n", "mean", "median", "sd", "min", "max", "z", "normalized", "p_top"),
    "Jurors": ("complete", "conflicts", "incomplete", "mean", "sd", "leniency"),
    "Scores": ("total",),
}
# What the CSV heads its columns with: people's files never show these.
MACHINE_IDS = {
    "rank", "title", "mean", "z", "normalized", "p_top", "disagreement", "decision",
    "note", "juror", "submission", "total", "conflict", "criterion", "comment",
    "complete", "conflicts", "incomplete", "leniency", "overall",
}


def fail(message):
    sys.exit(f"check-export-xlsx: {message}")


def rows_of(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        fail(f"sheet {sheet.title} is empty")
    return [str(h) for h in rows[0]], rows[1:]


def check_header(name, header, columns, language):
    """The header in LANGUAGE's words; returns the ids of the columns in order."""
    if len(header) != len(columns):
        fail(f"sheet {name} has the columns {header}, expected {len(columns)}")
    ids = []
    for text, (column, english, german) in zip(header, columns):
        wanted = english if language == "en" else german
        if isinstance(wanted, str):
            wanted = (wanted,)
        if text not in wanted:
            fail(f"sheet {name}: column {column} is headed {text!r}, expected {' or '.join(wanted)!r}")
        if text in MACHINE_IDS:
            fail(f"sheet {name}: column {column} is headed by its id {text!r}")
        ids.append(column)
    return ids


def check_numbers(name, ids, rows):
    for column in NUMERIC.get(name, ()):
        index = ids.index(column)
        values = [row[index] for row in rows if row[index] is not None]
        # sd, z and the like may all be missing (one juror); these never are.
        if not values and column in ("rank", "n", "mean", "complete"):
            fail(f"sheet {name}: column {column} is empty")
        for value in values:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                fail(f"sheet {name}: {column} holds {value!r}, not a number")


def cell_key(cell):
    return (cell.value, cell.data_type, cell.number_format, cell.font.b,
            cell.border.bottom.style, cell.alignment.wrap_text, cell.alignment.vertical)


def check_same(book, other_path):
    other = openpyxl.load_workbook(other_path)
    if book.sheetnames != other.sheetnames:
        fail(f"sheets {book.sheetnames}, the other file has {other.sheetnames}")
    for name in book.sheetnames:
        mine, theirs = book[name], other[name]
        if mine.freeze_panes != theirs.freeze_panes:
            fail(f"sheet {name}: frozen at {mine.freeze_panes}, the other at {theirs.freeze_panes}")
        widths = [{k: (d.min, d.max, d.width) for k, d in sheet.column_dimensions.items()}
                  for sheet in (mine, theirs)]
        if widths[0] != widths[1]:
            fail(f"sheet {name}: column widths {widths[0]}, the other {widths[1]}")
        rows = [list(sheet.iter_rows()) for sheet in (mine, theirs)]
        if len(rows[0]) != len(rows[1]):
            fail(f"sheet {name}: {len(rows[0])} rows, the other {len(rows[1])}")
        for row, other_row in zip(*rows):
            keys = [[cell_key(cell) for cell in r] for r in (row, other_row)]
            if keys[0] != keys[1]:
                fail(f"sheet {name}, row {row[0].row}: {keys[0]}, the other {keys[1]}")


def check_streamed(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "xl/sharedStrings.xml" in names:
            fail("the texts are in a table of shared strings, not in their cells")
        sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
        if not any(b't="inlineStr"' in archive.read(n) for n in sheets):
            fail("no sheet holds a text in its cell")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--submission", action="append", default=[])
    parser.add_argument("--criterion", action="append", default=[])
    parser.add_argument("--juror", action="append", default=[])
    parser.add_argument("--absent", action="append", default=[])
    parser.add_argument("--award-rows", type=int, default=0)
    parser.add_argument("--cut-mark")
    parser.add_argument("--language", choices=("en", "de"), default="en")
    parser.add_argument("--same-as")
    parser.add_argument("--streamed", action="store_true")
    args = parser.parse_args()

    book = openpyxl.load_workbook(args.file)
    titles = [SHEETS[key][args.language] for key in SHEETS]
    if book.sheetnames != titles:
        fail(f"sheets {book.sheetnames}, expected {titles}")
    sheets = {key: book[SHEETS[key][args.language]] for key in SHEETS}
    tables = {key: rows_of(sheet) for key, sheet in sheets.items()}

    scores_header = tables["Scores"][0]
    criteria = args.criterion or scores_header[len(SCORES_BEFORE):len(scores_header) - len(SCORES_AFTER)]
    expected = {
        "Ranking": RANKING,
        "Scores": SCORES_BEFORE + [(f"criterion {c}", c, c) for c in criteria] + SCORES_AFTER,
        "Comments": COMMENTS,
        "Jurors": JURORS,
    }
    ids = {}
    for key, (header, rows) in tables.items():
        ids[key] = check_header(key, header, expected[key], args.language)
        check_numbers(key, ids[key], rows)
        if not sheets[key]["A1"].font.b:
            fail(f"sheet {key}: the header is not bold")

    ranking = sheets["Ranking"]
    if ranking.freeze_panes != "A2":
        fail(f"the ranking's header is not frozen ({ranking.freeze_panes})")
    # A line under the last award place: row 1 is the header.
    if args.award_rows:
        last = ranking.cell(row=args.award_rows + 1, column=1).border.bottom.style
        after = ranking.cell(row=args.award_rows + 2, column=1).border.bottom.style
        if last != "medium" or after is not None:
            fail(f"the line under the award places is wrong: {last!r}, then {after!r}")
    # The award chance is a share, as the window shows it.
    chance = ranking.cell(row=2, column=ids["Ranking"].index("p_top") + 1)
    if chance.value is not None and chance.number_format != "0%":
        fail(f"the award chance is formatted {chance.number_format!r}, not as a share")

    header, rows = tables["Ranking"]
    submissions = [row[ids["Ranking"].index("id")] for row in rows]
    if sorted(submissions) != sorted(args.submission):
        fail(f"the ranking lists {submissions}, expected {args.submission}")

    header, rows = tables["Scores"]
    scored = {row[ids["Scores"].index("submission")] for row in rows}
    if scored != set(args.submission):
        fail(f"the scores list {sorted(scored)}, expected {sorted(args.submission)}")

    header, rows = tables["Jurors"]
    jurors = [row[0] for row in rows]
    if args.juror and jurors != args.juror:
        fail(f"the jurors are {jurors}, expected {args.juror}")

    cut = []
    for key, sheet in sheets.items():
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and len(value) > 32767:
                    fail(f"sheet {key} has a cell of {len(value)} characters")
                if args.cut_mark and isinstance(value, str) and value.endswith(args.cut_mark):
                    cut.append(value)
                for text in args.absent:
                    if isinstance(value, str) and text in value:
                        fail(f"sheet {key} names {text!r}")
    if args.cut_mark and not cut:
        fail(f"no cell ends with {args.cut_mark!r}")

    if args.same_as:
        check_same(book, args.same_as)
    if args.streamed:
        check_streamed(args.file)


if __name__ == "__main__":
    main()
