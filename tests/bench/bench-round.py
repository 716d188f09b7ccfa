#!/usr/bin/env python3
# bench-round.py: the beginning of a round at scale, timed as whole commands
#
# Each figure is a command of jury-desk timed from outside, beside a floor run
# in the same invocation on the same files:
#
# - make-call on a table of ROWS applications (German headers, two paragraphs
#   of description, a custom column), beside `validate` of the call it made
#   (make-call loads its output once, so the floor is part of its work);
# - invite of JURORS jurors for SUBMISSIONS submissions, K per submission,
#   beside `init` of as many plain juror's databases of the same call;
# - merge of the JURORS hand-ins made from the invitations (keyed chains),
#   beside merge of the same work in plain juror's databases (unkeyed).
#
# Usage: bench-round.py JURY-DESK SAMPLE.xml [ROWS [JURORS [SUBMISSIONS [K]]]]
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time


def run(*args, cwd):
    started = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def write_table(path, rows):
    paragraph = ("Das Netzwerk bringt Schulen, Betriebe und Kammern zusammen, damit "
                 "Jugendliche Ausbildungsberufe aus der Nähe kennenlernen. ") * 3
    with open(path, "w", newline="", encoding="utf-8") as out:
        table = csv.writer(out, delimiter=";")
        table.writerow(["Projekttitel", "Netzwerk", "Landkreis", "Ansprechperson",
                        "Kurzbeschreibung", "Beschreibung", "Website", "Gegründet"])
        for r in range(rows):
            table.writerow([f"Projekt {r} – Technik zum Anfassen", f"MINT-Netzwerk {r % 400}",
                            f"Landkreis {r % 300}", "Anna Berg; Bernd Köhler",
                            "Ein Jahr im Labor und in der Werkstatt.",
                            paragraph + "\n\n" + paragraph, f"https://example.org/{r}",
                            str(2000 + r % 25)])


def fill_form(form, filled, offset):
    with open(form, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(filled, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        for i, row in enumerate(rows):
            if i > 0 and row[1] != "":
                row[2] = str(1 + (i + offset) % 5)
            out.writerow(row)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    jury_desk = os.path.abspath(sys.argv[1])
    sample = os.path.abspath(sys.argv[2])
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    n_jurors = int(sys.argv[4]) if len(sys.argv) > 4 else 15
    n_submissions = int(sys.argv[5]) if len(sys.argv) > 5 else 300
    k = int(sys.argv[6]) if len(sys.argv) > 6 else 3

    work = tempfile.mkdtemp(prefix="bench-round-")
    try:
        # make-call, beside loading its output once
        write_table(os.path.join(work, "table.csv"), rows)
        make_call = run(jury_desk, "make-call", "table.csv", "-o", "big.xml", "--rubric", sample, cwd=work)
        validate = run(jury_desk, "validate", "big.xml", cwd=work)
        print(f"make-call, {rows} rows: {make_call:.2f} s; validate of its call: {validate:.2f} s; "
              f"ratio {make_call / validate:.1f}")

        # invite, beside init of as many juror's databases
        write_table(os.path.join(work, "round.csv"), n_submissions)
        run(jury_desk, "make-call", "round.csv", "-o", "round.xml", "--rubric", sample, cwd=work)
        with open(os.path.join(work, "jury.csv"), "w", encoding="utf-8") as f:
            f.write("Name\n" + "".join(f"Juror {j}\n" for j in range(n_jurors)))
        run(jury_desk, "new-panel", "round.xml", "-o", "panel.jury", cwd=work)
        invite = run(jury_desk, "invite", "panel.jury", "--jurors", "jury.csv", "-k", str(k), "-o", "inv",
                     cwd=work)
        init = 0.0
        for j in range(n_jurors):
            init += run(jury_desk, "init", "round.xml", "--juror", f"Juror {j}", "-o", f"plain-{j}.jury",
                        cwd=work)
        print(f"invite, {n_jurors} jurors x {n_submissions} submissions, {k} per submission: {invite:.2f} s; "
              f"init of {n_jurors} plain databases: {init:.2f} s; ratio {invite / init:.2f}")

        # the same scores in the invitations and in the plain databases
        invited, plain = [], []
        for j in range(n_jurors):
            invitation = f"inv/juror-{j}.jury"
            run(jury_desk, "form", invitation, "-o", "form.csv", cwd=work)
            fill_form(os.path.join(work, "form.csv"), os.path.join(work, "filled.csv"), j)
            run(jury_desk, "import-scores", invitation, "filled.csv", cwd=work)
            run(jury_desk, "import-scores", f"plain-{j}.jury", "filled.csv", cwd=work)
            invited.append(invitation)
            plain.append(f"plain-{j}.jury")

        keyed = run(jury_desk, "merge", "-o", "panel.jury", *invited, cwd=work)
        unkeyed = run(jury_desk, "merge", "-o", "plain-panel.jury", *plain, cwd=work)
        print(f"merge of {n_jurors} hand-ins with keyed chains into the invited panel: {keyed:.2f} s; "
              f"of the same work unkeyed into a new panel: {unkeyed:.2f} s; ratio {keyed / unkeyed:.2f}")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
