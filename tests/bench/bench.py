#!/usr/bin/env python3
# bench.py: Jury Desk at scale, measured from outside against floors run beside it
#
# Every figure times a whole command or a whole user action, from outside the
# process, beside a floor that does the least the same job needs, run in the same
# invocation on the same files: app and floor alternate, several runs, medians.
# Each figure is measured at 1×, 2× and 4× of its size, and the time per item
# may grow by at most 30 % from 1× to 4×. BENCHMARKS.md says what each figure
# and each floor is.
#
# Usage: bench.py --build-dir BUILD [--work-dir DIR] [--scale F] [--runs N]
#                 [--jurors J] [--seed S] [--output BENCHMARKS.md] [--started-at EPOCH]
#
# BUILD is a meson build of Jury Desk with jury-desk, the programs of
# tests/bench and the compiled settings schema. Data is generated from the seed
# and kept under DIR/cache (the slow part, the jurors' databases, is reused by
# the next run with the same sizes, seed and database format). The table goes
# to standard output, progress to standard error; with --output, the table and
# the machine replace the generated part of that file. The exit status is 0
# when every command ran, whatever the figures; 1 when a command failed.
#
# The window figures run under xvfb-run and dbus-run-session: without them the
# script starts itself again inside them.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import csv
import datetime
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SEED = 20250101

# Sizes at 1× (scale 1): submissions of the call for init and the window; the
# panel's submissions (every juror scores every one of them) for merge, results
# and exports; the submissions of one juror's form for import-scores. 2× and 4×
# follow.
INIT_SUBMISSIONS = 25000
PANEL_SUBMISSIONS = 250
IMPORT_SUBMISSIONS = 500
JURORS = 50
MULTIPLES = (1, 2, 4)

# How the issue states the targets; results are held to 3 s per 3,000,000
# scores (50 jurors × 10,000 submissions × 6 criteria).
RESULTS_SECONDS = 3.0
RESULTS_SCORES = 3_000_000
GROWTH_LIMIT = 0.30

AUTOSAVE_REPETITIONS = 300
SCROLL_FRAMES = 120
KEYSTROKES = 2
PROCESS_TIMEOUT = 1800

COMMENTS = [
    "Überzeugt durch die Nähe zu den Betrieben.",
    "Die Übertragbarkeit bleibt offen; für größere Landkreise fehlt ein Plan.",
    "Gut begründet, aber die Finanzierung nach 2026 ist nicht gesichert.",
    "Schülerinnen und Schüler gestalten selbst mit – sehr stark.",
    "Zitat: „Wir öffnen Werkstätten“, das zeigt die Haltung.",
]


class Failure(Exception):
    pass


# Progress

started = time.monotonic()


def progress(message):
    elapsed = int(time.monotonic() - started)
    print(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {message}", file=sys.stderr, flush=True)


# Running commands

def run(argv, *, stdin=None, stdout=None, cwd=None, env=None):
    """Runs ARGV to its end; returns (wall seconds, peak RSS in bytes) of that process alone."""
    with tempfile.TemporaryFile() as errors:
        stdin_file = open(stdin, "rb") if stdin else subprocess.DEVNULL
        stdout_file = open(stdout, "wb") if stdout else subprocess.DEVNULL
        try:
            begin = time.perf_counter()
            child = subprocess.Popen(argv, stdin=stdin_file, stdout=stdout_file, stderr=errors,
                                     cwd=cwd, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - begin
            child.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin:
                stdin_file.close()
            if stdout:
                stdout_file.close()
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()
            raise Failure(f"{' '.join(map(str, argv))} exited with {child.returncode}:\n{message}")
    return elapsed, usage.ru_maxrss * 1024


def remove(*paths):
    for path in paths:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(path + suffix)
            except FileNotFoundError:
                pass


def copy(source, dest):
    remove(dest)
    shutil.copyfile(source, dest)


def warm(*paths):
    """Reads the files once, so that app and floor find them in the page cache alike."""
    for path in paths:
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass


def database_size(path):
    return sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))


# Statistics and formatting

def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def seconds(value):
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms" if value < 0.1 else f"{value * 1e3:.0f} ms"
    return f"{value:.2f} s"


def megabytes(value):
    return f"{value / 1e6:,.0f} MB" if value >= 1e7 else f"{value / 1e6:.1f} MB"


def count(value):
    return f"{value:,}"


class Table:
    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, figure, size, value, floor="—", ratio=None, target="—", passed=None):
        self.rows.append([figure, size, value, floor,
                          "—" if ratio is None else f"{ratio:.2f}×", target,
                          "—" if passed is None else ("pass" if passed else "**fail**")])

    def ratio(self, figure, size, value, floor, fmt, limit):
        ratio = value / floor if floor > 0 else math.inf
        self.add(figure, size, fmt(value), fmt(floor), ratio, f"≤ {limit:g}×", ratio <= limit)

    def growth(self, figure, sizes, per_item):
        """Time (or memory) per item at 4× against 1×: at most 30 % more."""
        first, last = per_item[0], per_item[-1]
        change = last / first - 1 if first > 0 else math.inf
        self.add(f"{figure}, 1× → 4×", f"{count(sizes[0])} → {count(sizes[-1])}",
                 f"{change * 100:+.0f} %", target=f"≤ +{GROWTH_LIMIT * 100:.0f} %",
                 passed=change <= GROWTH_LIMIT)

    def markdown(self):
        header = ["figure", "size", "value", "floor", "ratio", "target", "result"]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)

    def counts(self):
        passed = sum(1 for row in self.rows if row[-1] == "pass")
        failed = sum(1 for row in self.rows if row[-1] == "**fail**")
        return passed, failed


# The benchmark

class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build_dir)
        self.source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        self.work = os.path.abspath(args.work_dir or os.path.join(self.build, "bench"))
        self.cache = os.path.join(self.work, "cache")
        self.scratch = os.path.join(self.work, "run")
        self.jury_desk = os.path.join(self.build, "src", "jury-desk")
        tools = os.path.join(self.build, "tests", "bench")
        self.generate_call = os.path.join(tools, "generate-call")
        self.gui_program = os.path.join(tools, "bench-gui")
        self.bare_program = os.path.join(tools, "bench-bare")
        self.autosave_program = os.path.join(tools, "bench-autosave")
        self.schema = os.path.join(self.source, "data", "schema", "call.rng")
        self.runs = args.runs
        self.seed = args.seed
        self.jurors = args.jurors
        scale = args.scale
        self.init_sizes = [max(50, round(INIT_SUBMISSIONS * scale)) * m for m in MULTIPLES]
        self.panel_sizes = [max(10, round(PANEL_SUBMISSIONS * scale)) * m for m in MULTIPLES]
        self.import_sizes = [max(10, round(IMPORT_SUBMISSIONS * scale)) * m for m in MULTIPLES]
        self.table = Table()
        self.init_databases = {}
        self.panels = {}

        for tool in (self.jury_desk, self.generate_call, self.gui_program, self.bare_program, self.autosave_program):
            if not os.access(tool, os.X_OK):
                raise Failure(f"{tool} is missing: build it first (build-aux/dev bench does)")
        for tool in ("xmllint", "sqlite3"):
            if shutil.which(tool) is None:
                raise Failure(f"{tool} is not installed (Debian: libxml2-utils, sqlite3)")

        shutil.rmtree(self.scratch, ignore_errors=True)
        os.makedirs(self.scratch)
        os.makedirs(self.cache, exist_ok=True)

    def path(self, *parts):
        return os.path.join(self.scratch, *parts)

    def make_call(self, n, path):
        if not os.path.exists(path):
            run([self.generate_call, str(n), path + ".tmp", str(self.seed)])
            os.rename(path + ".tmp", path)
        return path

    def format_version(self):
        """The database format this build writes: part of the key of cached databases."""
        call = self.make_call(3, self.path("probe.xml"))
        run([self.jury_desk, "init", call, "--juror", "Probe", "-o", self.path("probe.jury")])
        with sqlite3.connect(f"file:{self.path('probe.jury')}?mode=ro", uri=True) as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    # init

    def bench_init(self):
        relaxng, stream, app, sizes_db, per_item, per_byte = [], [], [], [], [], []
        for i, n in enumerate(self.init_sizes):
            call = self.make_call(n, self.path(f"call-{n}.xml"))
            out = self.path(f"init-{n}.jury")
            commands = {
                "init": [self.jury_desk, "init", call, "--juror", "Jurorin", "-o", out],
                "relaxng": ["xmllint", "--noout", "--relaxng", self.schema, call],
                "stream": ["xmllint", "--stream", "--noout", call],
            }
            times = {name: [] for name in commands}
            warm(call)
            if i == 0:
                for name, argv in commands.items():
                    remove(out)
                    run(argv)
            order = list(commands)
            for r in range(self.runs):
                for name in order[r % 3:] + order[:r % 3]:
                    if name == "init":
                        remove(out)
                    times[name].append(run(commands[name])[0])
            t = {name: statistics.median(v) for name, v in times.items()}
            db_size, call_size = database_size(out), os.path.getsize(call)
            self.init_databases[n] = out
            progress(f"init {count(n)}: {seconds(t['init'])}; xmllint --relaxng {seconds(t['relaxng'])}, "
                     f"--stream {seconds(t['stream'])}; database {megabytes(db_size)} for a call of "
                     f"{megabytes(call_size)}")
            app.append(t["init"])
            relaxng.append(t["relaxng"])
            stream.append(t["stream"])
            sizes_db.append((db_size, call_size))
            per_item.append(t["init"] / n)
            per_byte.append(db_size / n)

        for n, a, f in zip(self.init_sizes, app, relaxng):
            self.table.ratio("`init` vs `xmllint --noout --relaxng`", count(n), a, f, seconds, 1.0)
        for n, a, f in zip(self.init_sizes, app, stream):
            self.table.ratio("`init` vs `xmllint --stream --noout`", count(n), a, f, seconds, 3.0)
        self.table.growth("`init`: time per submission", self.init_sizes, per_item)
        for n, (db, call) in zip(self.init_sizes, sizes_db):
            self.table.ratio("database after `init` vs the call file", count(n), db, call, megabytes, 1.2)
        self.table.growth("database after `init`: bytes per submission", self.init_sizes, per_byte)

    # the window

    def gui_env(self):
        env = dict(os.environ)
        env.update({
            "GSK_RENDERER": "cairo",
            "GSETTINGS_BACKEND": "memory",
            "GSETTINGS_SCHEMA_DIR": os.path.join(self.build, "data"),
            "ADW_DISABLE_PORTAL": "1",
            "XDG_DATA_HOME": self.path("xdg-data"),
            "XDG_CONFIG_HOME": self.path("xdg-config"),
            "JURY_DESK_LOCALEDIR": os.path.join(self.build, "po"),
            "BENCH_SCROLL_FRAMES": str(SCROLL_FRAMES),
            "BENCH_KEYSTROKES": str(KEYSTROKES),
        })
        return env

    def gui_run(self, program, database, rows, list_width=None, measure=True):
        """Starts PROGRAM on DATABASE; returns what it printed, with its memory at the first frame."""
        env = self.gui_env()
        env["BENCH_ROWS"] = str(rows)
        if list_width:
            env["BENCH_LIST_WIDTH"] = str(list_width)
        figures = {}
        with tempfile.TemporaryFile() as errors:
            env["BENCH_START_US"] = str(time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000)
            child = subprocess.Popen([program, database], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=errors, text=True)
            killer = threading.Timer(PROCESS_TIMEOUT, child.kill)
            killer.start()
            try:
                for line in child.stdout:
                    key, _, rest = line.strip().partition(" ")
                    figures[key] = rest
                    if key == "list-width":
                        with open(f"/proc/{child.pid}/status") as status:
                            for field in status:
                                if field.startswith(("VmHWM:", "VmRSS:")):
                                    name, value, _ = field.split()
                                    figures[name.rstrip(":")] = int(value) * 1024
                        child.stdin.write("go\n" if measure else "quit\n")
                        child.stdin.flush()
                child.wait()
            finally:
                killer.cancel()
            if child.returncode != 0 or "done" not in figures:
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace").strip()
                raise Failure(f"{os.path.basename(program)} {database} exited with {child.returncode} "
                              f"before it was done:\n{message}")
        return figures

    def bench_gui(self):
        first, first_bare, gaps95, gaps99, keys, memory = [], [], [], [], [], []
        list_width = None
        for i, n in enumerate(self.init_sizes):
            database = self.init_databases[n]
            warm(database)
            if i == 0:
                # Fonts, icons, the session bus and the accessibility bus, once for both.
                list_width = int(self.gui_run(self.gui_program, database, n, measure=False)["list-width"])
                self.gui_run(self.bare_program, database, n, list_width, measure=False)
            app_runs, bare_runs = [], []
            for r in range(self.runs):
                pair = [(self.gui_program, app_runs), (self.bare_program, bare_runs)]
                for program, runs in (pair if r % 2 == 0 else pair[::-1]):
                    runs.append(self.gui_run(program, database, n, list_width))

            def pooled(runs, key):
                return [int(v) for run_ in runs for v in run_[key].split()]

            f_app = statistics.median(int(x["first-frame-us"]) for x in app_runs) / 1e6
            f_bare = statistics.median(int(x["first-frame-us"]) for x in bare_runs) / 1e6
            g_app, g_bare = pooled(app_runs, "gaps-us"), pooled(bare_runs, "gaps-us")
            k = pooled(app_runs, "keystroke-us")
            rss = statistics.median(x["VmHWM"] for x in app_runs)
            rss_bare = statistics.median(x["VmHWM"] for x in bare_runs)
            first.append((f_app, f_bare))
            gaps95.append((percentile(g_app, 0.95) / 1e6, percentile(g_bare, 0.95) / 1e6))
            gaps99.append((percentile(g_app, 0.99) / 1e6, percentile(g_bare, 0.99) / 1e6))
            keys.append((statistics.median(k) / 1e6, max(k) / 1e6))
            memory.append((rss, database_size(database), rss_bare))
            progress(f"window {count(n)}: first frame {seconds(f_app)}, bare {seconds(f_bare)}; "
                     f"frame gaps p95 {seconds(gaps95[-1][0])}, bare {seconds(gaps95[-1][1])}; "
                     f"keystroke {seconds(keys[-1][0])}; memory {megabytes(rss)}, bare {megabytes(rss_bare)} "
                     f"(rows: {app_runs[0]['search-rows']}; list {app_runs[0]['list-width']} px, "
                     f"bare {bare_runs[0]['list-width']} px)")

        sizes = self.init_sizes
        for n, (a, f) in zip(sizes, first):
            self.table.ratio("first frame with the list filled vs a bare GtkListView", count(n), a, f, seconds, 1.5)
        self.table.growth("first frame: time per row", sizes, [a / n for n, (a, _) in zip(sizes, first)])
        for n, (a, f) in zip(sizes, gaps95):
            self.table.ratio("scrolling: frame gaps p95 vs the bare list", count(n), a, f, seconds, 1.2)
        for n, (a, f) in zip(sizes, gaps99):
            self.table.ratio("scrolling: frame gaps p99 vs the bare list", count(n), a, f, seconds, 1.2)
        self.table.growth("scrolling: p95 frame gap", sizes, [a for a, _ in gaps95])
        for n, (median, worst) in zip(sizes, keys):
            self.table.add("one search keystroke until the list is painted (median)", count(n),
                           seconds(median), target="≤ 50 ms", passed=median <= 0.050)
        self.table.growth("search keystroke: time per submission", sizes, [m / n for n, (m, _) in zip(sizes, keys)])
        # GTK's own memory (the bare list's peak: about 110 MB) outweighs the data at the
        # smaller sizes; the target is the issue's, at 100,000 submissions: held at 4×.
        for i, (n, (rss, db, _)) in enumerate(zip(sizes, memory)):
            if i == len(sizes) - 1:
                self.table.ratio("window peak memory with the database open vs its size", count(n), rss, db,
                                 megabytes, 0.5)
            else:
                self.table.add("window peak memory with the database open vs its size", count(n),
                               megabytes(rss), megabytes(db), rss / db)
        # What the window takes beyond a bare GTK list of the same rows, to tell the
        # app's share from GTK's (no target of its own).
        for n, (rss, _, bare) in zip(sizes, memory):
            self.table.add("window peak memory vs the bare list's", count(n), megabytes(rss), megabytes(bare),
                           rss / bare)
        self.table.growth("window memory per submission", sizes, [rss / n for n, (rss, _, _) in zip(sizes, memory)])

    # autosave

    def bench_autosave(self):
        results = []
        for n in self.init_sizes:
            app_db, floor_db = self.path("autosave-app.jury"), self.path("autosave-floor.jury")
            copy(self.init_databases[n], app_db)
            copy(self.init_databases[n], floor_db)
            out = self.path("autosave.txt")
            run([self.autosave_program, app_db, floor_db, str(AUTOSAVE_REPETITIONS)], stdout=out)
            with open(out) as f:
                times = {line.split()[0]: [int(v) / 1e6 for v in line.split()[1:]] for line in f}
            remove(app_db, floor_db)
            a, f = times["app-us"], times["floor-us"]
            results.append((statistics.median(a), statistics.median(f), percentile(a, 0.99), percentile(f, 0.99)))
            progress(f"autosave {count(n)}: p50 {seconds(results[-1][0])}, bare {seconds(results[-1][1])}; "
                     f"p99 {seconds(results[-1][2])}, bare {seconds(results[-1][3])}")

        sizes = self.init_sizes
        for n, (a50, f50, a99, f99) in zip(sizes, results):
            self.table.ratio("one autosaved score, p50, vs a bare prepared statement", count(n), a50, f50, seconds, 1.5)
        for n, (a50, f50, a99, f99) in zip(sizes, results):
            self.table.add("one autosaved score, p99", count(n), seconds(a99), seconds(f99), a99 / f99,
                           "≤ 2 ms", a99 <= 0.002)
        # A change costs one write to the disk, whose latency drifts over minutes: the
        # app's time against the floor's from the same moments is what may not grow.
        self.table.growth("autosave: p50 against the floor's", sizes, [r[0] / r[1] for r in results])

    # the panel: jurors' databases, merge, results, exports, import-scores

    def fill_form(self, form, filled, rng):
        with open(form, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        by_submission = {}
        for row in rows[1:]:
            by_submission.setdefault(row[0], []).append(row)
        with open(filled, "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(rows[0])
            for submission_rows in by_submission.values():
                conflict = rng.random() < 0.02
                for row in submission_rows:
                    if row[1]:
                        row[2] = "" if conflict else str(rng.randint(1, 5))
                        row[3] = rng.choice(COMMENTS) if rng.random() < 0.15 else ""
                    else:
                        row[2] = "conflict" if conflict else ""
                        row[3] = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
                    out.writerow(row)

    def juror_work(self, directory, j, invitation):
        form = os.path.join(directory, f"form-{j:02d}.csv")
        filled = os.path.join(directory, f"filled-{j:02d}.csv")
        run([self.jury_desk, "form", invitation, "-o", form])
        self.fill_form(form, filled, random.Random(self.seed * 1000 + j))
        run([self.jury_desk, "import-scores", invitation, filled])
        remove(form, filled)

    def make_panel_data(self, s, version):
        """A panel that invited the jury, and each juror's invitation with every submission scored."""
        key = f"panel-{s}x{self.jurors}-seed{self.seed}-format{version}"
        directory = os.path.join(self.cache, key)
        if os.path.exists(os.path.join(directory, "complete")):
            return directory
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        call = self.make_call(s, os.path.join(directory, "call.xml"))
        jurors = os.path.join(directory, "jurors.csv")
        with open(jurors, "w", encoding="utf-8") as f:
            f.write("name,email\n")
            f.writelines(f"Jurorin {j:02d},jurorin{j:02d}@example.org\n" for j in range(self.jurors))
        panel = os.path.join(directory, "panel.jury")
        run([self.jury_desk, "new-panel", call, "-o", panel])
        run([self.jury_desk, "invite", panel, "--jurors", jurors, "--seed", str(self.seed),
             "-o", os.path.join(directory, "invitations")])
        invitations = self.invitations(directory)
        if len(invitations) != self.jurors:
            raise Failure(f"invite wrote {len(invitations)} invitations for {self.jurors} jurors")
        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in pool.map(lambda job: self.juror_work(directory, *job), enumerate(invitations)):
                pass
        open(os.path.join(directory, "complete"), "w").close()
        return directory

    @staticmethod
    def invitations(directory):
        folder = os.path.join(directory, "invitations")
        return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".jury"))

    def merge_floor_script(self, panel, invitations, script):
        """ATTACH each juror's database and copy its rows of every table the merge fills
        (those with a juror_id, and the jurors) with INSERT … SELECT, audit rows included."""
        with sqlite3.connect(f"file:{panel}?mode=ro", uri=True) as db:
            tables = [name for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
            copied = []
            for table in tables:
                columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                empty = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
                if empty and (table == "jurors" or "juror_id" in columns):
                    copied.append((table, ", ".join(columns)))
        # Only what the jurors' databases hold: the merge's own records (hand_ins) are its business.
        with sqlite3.connect(f"file:{invitations[0]}?mode=ro", uri=True) as db:
            copied = [(table, columns) for table, columns in copied
                      if db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0]
        copied.sort(key=lambda entry: entry[0] != "jurors")
        lines = [".bail on", "PRAGMA foreign_keys = ON;", "PRAGMA synchronous = FULL;"]
        # SQLite attaches at most 10 databases at a time, and never inside a transaction.
        for batch in range(0, len(invitations), 10):
            names = [f"j{k}" for k in range(len(invitations[batch:batch + 10]))]
            for name, path in zip(names, invitations[batch:batch + 10]):
                lines.append(f"ATTACH '{path}' AS {name};")
            lines.append("BEGIN;")
            for name in names:
                for table, columns in copied:
                    lines.append(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM {name}.{table};")
            lines.append("COMMIT;")
            lines += [f"DETACH {name};" for name in names]
        with open(script, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return [table for table, _ in copied]

    @staticmethod
    def row_counts(path, tables):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}

    def bench_merge(self, data):
        merge, scores = [], []
        for s in self.panel_sizes:
            directory = data[s]
            invitations = self.invitations(directory)
            panel0 = os.path.join(directory, "panel.jury")
            app_panel, floor_panel = self.path(f"panel-{s}.jury"), self.path("floor-panel.jury")
            script = self.path("merge-floor.sql")
            tables = self.merge_floor_script(panel0, invitations, script)
            warm(panel0, *invitations)
            times = {"app": [], "floor": []}
            for r in range(self.runs):
                for name in (("app", "floor") if r % 2 == 0 else ("floor", "app")):
                    if name == "app":
                        copy(panel0, app_panel)
                        times["app"].append(run([self.jury_desk, "merge", "-o", app_panel, *invitations])[0])
                    else:
                        copy(panel0, floor_panel)
                        times["floor"].append(run(["sqlite3", floor_panel], stdin=script)[0])
            app_rows, floor_rows = self.row_counts(app_panel, tables), self.row_counts(floor_panel, tables)
            if app_rows != floor_rows:
                self.table.notes.append(f"merge {count(s)}: the floor copied {floor_rows} rows, "
                                        f"the merge holds {app_rows}.")
            remove(floor_panel)
            n_scores = app_rows.get("scores", 0)
            self.panels[s] = (app_panel, n_scores)
            a, f = statistics.median(times["app"]), statistics.median(times["floor"])
            merge.append((a, f))
            scores.append(n_scores)
            progress(f"merge {self.jurors} × {count(s)}: {seconds(a)}; sqlite3 {seconds(f)}; "
                     f"rows {app_rows}")

        for s, n_scores, (a, f) in zip(self.panel_sizes, scores, merge):
            self.table.ratio(f"`merge` of {self.jurors} jurors' databases vs sqlite3 `ATTACH` + `INSERT … SELECT`",
                             f"{count(s)} ({count(n_scores)} scores)", a, f, seconds, 2.0)
        self.table.growth("`merge`: time per score", scores, [a / n for (a, _), n in zip(merge, scores)])

    def bench_results(self):
        times = []
        for s in self.panel_sizes:
            panel, n_scores = self.panels[s]
            out = self.path("results.json")
            warm(panel)
            t = statistics.median(run([self.jury_desk, "results", panel, "--format", "json"], stdout=out)[0]
                                  for _ in range(self.runs))
            with open(out, encoding="utf-8") as f:
                if len(json.load(f)["submissions"]) != s:
                    raise Failure(f"results --format json of {panel} lists no {s} submissions")
            times.append((t, n_scores))
            progress(f"results {self.jurors} × {count(s)}: {seconds(t)}")

        last_scores = times[-1][1]
        target = RESULTS_SECONDS * last_scores / RESULTS_SCORES
        for i, (s, (t, n_scores)) in enumerate(zip(self.panel_sizes, times)):
            if i == len(times) - 1:
                self.table.add("`results --format json`", f"{count(s)} ({count(n_scores)} scores)", seconds(t),
                               target=f"≤ {seconds(target)} (3 s per 3,000,000 scores)", passed=t <= target)
            else:
                self.table.add("`results --format json`", f"{count(s)} ({count(n_scores)} scores)", seconds(t))
        self.table.growth("`results`: time per score", [n for _, n in times], [t / n for t, n in times])

    def bench_exports(self):
        for fmt in ("pdf", "xlsx"):
            peaks = []
            for s in self.panel_sizes:
                panel, n_scores = self.panels[s]
                out = self.path(f"export.{fmt}")
                elapsed, peak = run([self.jury_desk, "export", panel, "--format", fmt, "-o", out])
                if os.path.getsize(out) == 0:
                    raise Failure(f"export --format {fmt} wrote an empty file")
                os.unlink(out)
                peaks.append(peak)
                self.table.add(f"`export --format {fmt}`: peak memory (time)",
                               f"{count(s)} ({count(n_scores)} scores)",
                               f"{megabytes(peak)} ({seconds(elapsed)})", target="≤ 300 MB", passed=peak <= 300e6)
                progress(f"export {fmt} {self.jurors} × {count(s)}: {seconds(elapsed)}, peak {megabytes(peak)}")
            self.table.growth(f"`export --format {fmt}`: peak memory", self.panel_sizes, peaks)

    def import_floor_script(self, database, filled, script):
        """The same CSV into the same tables with sqlite3's .import and INSERT … SELECT,
        with one audit row (a SHA3 of its fields) per value written."""
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            juror = db.execute("SELECT id FROM jurors").fetchone()[0]
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"""\
.bail on
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
CREATE TEMP TABLE form (submission_id, criterion_id, score, comment, submission_title, criterion_name);
.import --csv --skip 1 --schema temp '{filled}' form
BEGIN;
INSERT INTO scores (juror_id, submission_id, criterion_id, value)
  SELECT '{juror}', submission_id, criterion_id, CAST(trim(score) AS INTEGER) FROM temp.form
  WHERE criterion_id <> '' AND trim(score) <> ''
  ON CONFLICT (juror_id, submission_id, criterion_id) DO UPDATE SET value = excluded.value;
INSERT INTO comments (juror_id, submission_id, criterion_id, text)
  SELECT '{juror}', submission_id, criterion_id, comment FROM temp.form WHERE comment <> ''
  ON CONFLICT (juror_id, submission_id, criterion_id) DO UPDATE SET text = excluded.text;
INSERT INTO reviews (juror_id, submission_id, conflict, done)
  SELECT '{juror}', submission_id, lower(trim(score)) = 'conflict', lower(trim(score)) <> 'conflict'
  FROM temp.form WHERE criterion_id = ''
  ON CONFLICT (juror_id, submission_id) DO UPDATE SET conflict = excluded.conflict, done = excluded.done;
INSERT INTO audit (juror_id, seq, submission_id, criterion_id, field, old, new, time, prev_hash, hash)
  SELECT '{juror}', (SELECT coalesce(max(seq), 0) FROM audit WHERE juror_id = '{juror}') + row_number() OVER (),
         submission_id, criterion_id, field, NULL, new, strftime('%Y-%m-%dT%H:%M:%fZ'), '',
         lower(hex(sha3(submission_id || '/' || criterion_id || '/' || field || '/' || new, 256)))
  FROM (SELECT submission_id, criterion_id, 'score' AS field, trim(score) AS new FROM temp.form
          WHERE criterion_id <> '' AND trim(score) <> ''
        UNION ALL
        SELECT submission_id, criterion_id, 'comment', comment FROM temp.form WHERE comment <> ''
        UNION ALL
        SELECT submission_id, '', CASE WHEN lower(trim(score)) = 'conflict' THEN 'conflict' ELSE 'done' END, '1'
          FROM temp.form WHERE criterion_id = '');
COMMIT;
""")

    def import_runs(self, fresh, filled, label):
        """import-scores of FILLED into copies of FRESH, beside the floor; the medians."""
        app_db, floor_db = self.path("import-app.jury"), self.path("import-floor.jury")
        script = self.path("import-floor.sql")
        self.import_floor_script(fresh, filled, script)
        warm(fresh, filled)
        times = {"app": [], "floor": []}
        for r in range(self.runs):
            for name in (("app", "floor") if r % 2 == 0 else ("floor", "app")):
                if name == "app":
                    copy(fresh, app_db)
                    times["app"].append(run([self.jury_desk, "import-scores", app_db, filled])[0])
                else:
                    copy(fresh, floor_db)
                    times["floor"].append(run(["sqlite3", floor_db], stdin=script)[0])
        tables = ["scores", "comments", "reviews"]
        app_rows, floor_rows = self.row_counts(app_db, tables), self.row_counts(floor_db, tables)
        if app_rows != floor_rows:
            self.table.notes.append(f"import-scores {label}: the floor wrote {floor_rows} rows, "
                                    f"the import {app_rows}.")
        remove(app_db, floor_db)
        return statistics.median(times["app"]), statistics.median(times["floor"])

    def bench_import(self):
        """The same filled form into a juror's database made by init and into an invitation."""
        results = {"init": [], "invitation": []}
        rows = []
        for s in self.import_sizes:
            call = self.make_call(s, self.path(f"import-call-{s}.xml"))
            plain, panel = self.path("import-plain.jury"), self.path("import-panel.jury")
            form, filled, jurors = self.path("form.csv"), self.path("filled.csv"), self.path("jurors.csv")
            invitations = self.path("import-invitations")
            remove(plain, panel)
            shutil.rmtree(invitations, ignore_errors=True)
            run([self.jury_desk, "init", call, "--juror", "Jurorin", "-o", plain])
            with open(jurors, "w", encoding="utf-8") as f:
                f.write("name\nJurorin\n")
            run([self.jury_desk, "new-panel", call, "-o", panel])
            run([self.jury_desk, "invite", panel, "--jurors", jurors, "-o", invitations])
            invitation = next(os.path.join(invitations, name) for name in os.listdir(invitations)
                              if name.endswith(".jury"))
            run([self.jury_desk, "form", plain, "-o", form])
            self.fill_form(form, filled, random.Random(self.seed))
            with open(filled, encoding="utf-8") as f:
                rows.append(sum(1 for _ in csv.reader(f)) - 1)
            for kind, fresh in (("init", plain), ("invitation", invitation)):
                results[kind].append(self.import_runs(fresh, filled, f"{kind} {count(s)}"))
            progress(f"import-scores {count(s)} submissions ({count(rows[-1])} rows): "
                     f"into init's database {seconds(results['init'][-1][0])}, sqlite3 {seconds(results['init'][-1][1])}; "
                     f"into an invitation {seconds(results['invitation'][-1][0])}, "
                     f"sqlite3 {seconds(results['invitation'][-1][1])}")
            remove(plain, panel)
            shutil.rmtree(invitations, ignore_errors=True)

        for kind, where in (("init", "a juror's database from `init`"), ("invitation", "an invitation")):
            for s, n_rows, (a, f) in zip(self.import_sizes, rows, results[kind]):
                self.table.ratio(f"`import-scores` of a filled form into {where} vs sqlite3 `.import` + "
                                 "`INSERT … SELECT`", f"{count(s)} ({count(n_rows)} rows)", a, f, seconds, 2.0)
            self.table.growth(f"`import-scores` into {where}: time per row", rows,
                              [a / n for (a, _), n in zip(results[kind], rows)])

    def run_all(self, with_gui, only=None):
        def wanted(*groups):
            return only is None or any(group in only for group in groups)

        progress(f"sizes: init and window {', '.join(map(count, self.init_sizes))} submissions; "
                 f"panel {self.jurors} jurors × {', '.join(map(count, self.panel_sizes))} submissions; "
                 f"forms of {', '.join(map(count, self.import_sizes))} submissions; "
                 f"{self.runs} runs each")
        # The window and autosave figures open the databases init made.
        if wanted("init", "window", "autosave"):
            self.bench_init()
        if wanted("window"):
            if with_gui:
                self.bench_gui()
            else:
                self.table.notes.append("The window figures were left out: no xvfb-run and no display.")
        if wanted("autosave"):
            self.bench_autosave()
        if wanted("panel"):
            version = self.format_version()
            data = {}
            for s in self.panel_sizes:
                progress(f"jurors' databases: {self.jurors} × {count(s)} (kept in {self.cache})")
                data[s] = self.make_panel_data(s, version)
            self.bench_merge(data)
            self.bench_results()
            self.bench_exports()
        if wanted("import"):
            self.bench_import()
        shutil.rmtree(self.scratch, ignore_errors=True)


# The machine, and BENCHMARKS.md

load_at_start = os.getloadavg()[0]


def machine(build_dir):
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) * 1024
    try:
        with open("/etc/debian_version") as f:
            debian = f.read().strip()
    except OSError:
        debian = "not Debian"
    build_type = "unknown"
    try:
        with open(os.path.join(build_dir, "meson-info", "intro-buildoptions.json")) as f:
            build_type = next(o["value"] for o in json.load(f) if o["name"] == "buildtype")
    except (OSError, StopIteration, ValueError):
        pass
    return [
        ("CPU", f"{model}, {os.cpu_count()} cores"),
        ("Memory", f"{memory / 2**30:.0f} GiB"),
        ("System", f"Debian {debian}, Linux {platform.release()}"),
        ("Build", f"meson --buildtype={build_type}"),
        ("Load average (1 min) at the start and the end", f"{load_at_start:.1f}, {os.getloadavg()[0]:.1f} "
         "(other work on the machine slows the figures unevenly)"),
        ("Date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
    ]


def report(bench, args, total_seconds):
    passed, failed = bench.table.counts()
    lines = ["| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in machine(bench.build)]
    lines.append(f"| Run time | {int(total_seconds) // 60} min {int(total_seconds) % 60} s "
                 f"(build, data and every figure) |")
    lines.append(f"| Runs per figure | {bench.runs} (medians) |")
    lines += ["", bench.table.markdown(), "", f"{passed} passed, {failed} failed."]
    lines += [""] + [f"- {note}" for note in bench.table.notes] if bench.table.notes else []
    return "\n".join(lines) + "\n"


def write_output(path, text):
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    with open(path, encoding="utf-8") as f:
        current = f.read()
    if begin not in current or end not in current:
        raise Failure(f"{path} has no {begin} … {end} part to replace")
    head, rest = current.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{head}{begin}\n{text}{end}{tail}")


def main():
    parser = argparse.ArgumentParser(description="Jury Desk at scale, against floors run beside it.")
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--work-dir")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jurors", type=int, default=JURORS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--output")
    parser.add_argument("--started-at", type=float, help="when the run began (seconds since the epoch)")
    parser.add_argument("--only", help="a comma-separated part of the figures: init, window, autosave, panel "
                        "(merge, results, exports), import; the table is printed, not written")
    args = parser.parse_args()
    only = None
    if args.only:
        only = set(args.only.split(","))
        unknown = only - {"init", "window", "autosave", "panel", "import"}
        if unknown:
            parser.error(f"--only: no such figures: {', '.join(sorted(unknown))}")

    # The window figures need an X server and a session bus of their own.
    if os.environ.get("BENCH_INSIDE_XVFB") != "1" and shutil.which("xvfb-run") and shutil.which("dbus-run-session"):
        env = dict(os.environ, BENCH_INSIDE_XVFB="1")
        argv = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "dbus-run-session", "--",
                sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
        sys.exit(subprocess.run(argv, env=env).returncode)
    with_gui = os.environ.get("BENCH_INSIDE_XVFB") == "1" or bool(os.environ.get("DISPLAY"))

    try:
        bench = Bench(args)
        bench.run_all(with_gui, only)
    except Failure as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)

    total = time.time() - args.started_at if args.started_at else time.monotonic() - started
    text = report(bench, args, total)
    print(text)
    if args.output and only is None:
        write_output(args.output, text)
        progress(f"written to {args.output}")


if __name__ == "__main__":
    main()
