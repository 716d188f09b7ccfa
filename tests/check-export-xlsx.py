#!/usr/bin/env python3
# check-export-xlsx.py: an exported spreadsheet opens in openpyxl with the sheets
# Ranking, Scores, Comments and Jurors, numbers as numeric cells, every submission in
# the ranking and the scores, and (for an anonymous export) no juror's name anywhere.
#
#   check-export-xlsx.py FILE --submission ID… [--juror LABEL…] [--absent TEXT…]
#                         [--award-rows N] [--cut-mark TEXT]
#
# With --cut-mark, some cell ends with TEXT and holds no more than Excel's 32,767
# characters: a text that was too long is cut, and says so.
#
# Exits with 77 (skipped) when openpyxl is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import sys

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed")
    sys.exit(77)

SHEETS = ["Ranking", "Scores", "Comments", "Jurors"]
NUMERIC = {
    "Ranking": ("rank", "n", "mean", "median", "sd", "min", "max", "z", "normalized", "p_top"),
    "Jurors": ("complete", "conflicts", "incomplete", "mean", "sd", "leniency"),
    "Scores": ("total",),
}


def fail(message):
    sys.exit(f"check-export-xlsx: {message}")


def rows_of(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        fail(f"sheet {sheet.title} is empty")
    return [str(h) for h in rows[0]], rows[1:]


def check_numbers(name, header, rows):
    for column in NUMERIC.get(name, ()):
        if column not in header:
            fail(f"sheet {name} has no column {column}")
        index = header.index(column)
        values = [row[index] for row in rows if row[index] is not None]
        # sd, z and the like may all be missing (one juror); these never are.
        if not values and column in ("rank", "n", "mean", "complete"):
            fail(f"sheet {name}: column {column} is empty")
        for value in values:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                fail(f"sheet {name}: {column} holds {value!r}, not a number")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--submission", action="append", default=[])
    parser.add_argument("--juror", action="append", default=[])
    parser.add_argument("--absent", action="append", default=[])
    parser.add_argument("--award-rows", type=int, default=0)
    parser.add_argument("--cut-mark")
    args = parser.parse_args()

    book = openpyxl.load_workbook(args.file)
    if book.sheetnames != SHEETS:
        fail(f"sheets {book.sheetnames}, expected {SHEETS}")

    tables = {name: rows_of(book[name]) for name in SHEETS}
    for name, (header, rows) in tables.items():
        check_numbers(name, header, rows)
        if not book[name]["A1"].font.b:
            fail(f"sheet {name}: the header is not bold")

    ranking = book["Ranking"]
    if ranking.freeze_panes != "A2":
        fail(f"the ranking's header is not frozen ({ranking.freeze_panes})")
    # A line under the last award place: row 1 is the header.
    if args.award_rows:
        last = ranking.cell(row=args.award_rows + 1, column=1).border.bottom.style
        after = ranking.cell(row=args.award_rows + 2, column=1).border.bottom.style
        if last != "medium" or after is not None:
            fail(f"the line under the award places is wrong: {last!r}, then {after!r}")

    header, rows = tables["Ranking"]
    ids = [row[header.index("id")] for row in rows]
    if sorted(ids) != sorted(args.submission):
        fail(f"the ranking lists {ids}, expected {args.submission}")

    header, rows = tables["Scores"]
    scored = {row[header.index("submission")] for row in rows}
    if scored != set(args.submission):
        fail(f"the scores list {sorted(scored)}, expected {sorted(args.submission)}")

    header, rows = tables["Jurors"]
    jurors = [row[0] for row in rows]
    if args.juror and jurors != args.juror:
        fail(f"the jurors are {jurors}, expected {args.juror}")

    cut = []
    for name in SHEETS:
        for row in book[name].iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and len(value) > 32767:
                    fail(f"sheet {name} has a cell of {len(value)} characters")
                if args.cut_mark and isinstance(value, str) and value.endswith(args.cut_mark):
                    cut.append(value)
                for text in args.absent:
                    if isinstance(value, str) and text in value:
                        fail(f"sheet {name} names {text!r}")
    if args.cut_mark and not cut:
        fail(f"no cell ends with {args.cut_mark!r}")


if __name__ == "__main__":
    main()
