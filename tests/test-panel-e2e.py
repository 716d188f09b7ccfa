#!/usr/bin/env python3
# test-panel-e2e.py: five jurors score the sample call through the command line (init,
# form, import-scores), their databases merge into a panel, and `results --format
# json` agrees with DESIGN §7 as computed here, independently, to six decimals; the
# exports open with every submission.
#
# Environment: JURY_DESK_BIN (the built program), JURY_DESK_SAMPLE (the sample call).
# Exits with 77 (skipped) when the program has no `merge` yet.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from fractions import Fraction

NS = "{urn:jury-desk:call:1}"
JURORS = ["Anna Berg", "Ben Ohm", "Carla Díaz", "Dev Patel", "Eva Łukasik"]
SEED = 20251122
TOLERANCE = 1e-6
SKIP = 77

BIN = os.environ.get("JURY_DESK_BIN", "jury-desk")
SAMPLE = os.environ.get("JURY_DESK_SAMPLE")


def fail(message):
    sys.exit(f"test-panel-e2e: {message}")


def run(*args, check=True, language=""):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=language)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run([BIN, *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        fail(f"jury-desk {' '.join(args)} exited with {result.returncode}:\n{result.stderr}")
    return result


def collapse(text):
    return " ".join((text or "").split())


def read_call(path):
    root = ET.parse(path).getroot()
    rubric = root.find(NS + "rubric")
    return {
        "awards": int(root.find(NS + "awards").get("count")),
        "min": int(rubric.get("min")),
        "max": int(rubric.get("max")),
        "criteria": [(c.get("id"), Fraction(c.get("weight", "1")))
                     for c in rubric.findall(NS + "criterion")],
        "criterion_names": [collapse(c.find(NS + "name").text) for c in rubric.findall(NS + "criterion")],
        "submissions": [(s.get("id"), collapse(s.find(NS + "title").text))
                        for s in root.findall(NS + "submission")],
    }


# The jurors' work


def plan_scores(call):
    """For each juror and submission: a list of scores (None where not given), or
    "conflict". Juror 0 gives everything a 3; some conflicts; one incomplete review;
    the last submission nobody scores; the first gets the top score from everyone
    else and the second the lowest (juror 0 declares a conflict on both), so that
    their p_top is certain."""
    rng = random.Random(SEED)
    ids = [s for s, _ in call["submissions"]]
    n_criteria = len(call["criteria"])
    plan = []
    for j in range(len(JURORS)):
        mood = rng.choice([-1, 0, 0, 1])
        reviews = {}
        for position, sub in enumerate(ids):
            if position == len(ids) - 1:
                continue
            if position < 2:
                extreme = call["max"] if position == 0 else call["min"]
                reviews[sub] = "conflict" if j == 0 else [extreme] * n_criteria
            elif j == 0:
                reviews[sub] = [3] * n_criteria
            elif (j, position) in ((1, 3), (1, 17), (3, 8)):
                reviews[sub] = "conflict"
            else:
                quality = rng.randint(call["min"], call["max"])
                reviews[sub] = [min(call["max"], max(call["min"], quality + mood + rng.randint(-1, 1)))
                                for _ in range(n_criteria)]
        plan.append(reviews)
    plan[2][ids[5]][1] = None
    return plan


def fill_form(path, reviews, rng):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    criteria_seen = {}
    for row in body:
        sub, criterion = row[0], row[1]
        review = reviews.get(sub)
        if criterion == "":
            row[2] = "conflict" if review == "conflict" else ""
            row[3] = f"Gesamt: {sub}, \"gut\"" if review is not None and rng.random() < 0.3 else ""
            continue
        index = criteria_seen.setdefault(sub, 0)
        criteria_seen[sub] += 1
        if isinstance(review, list) and review[index] is not None:
            row[2] = str(review[index])
            row[3] = "=Formel? nein" if rng.random() < 0.05 else ""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header] + body)


def make_panel(call, plan, folder):
    rng = random.Random(SEED + 1)
    databases = []
    for j, name in enumerate(JURORS):
        db = os.path.join(folder, f"juror{j}.jury")
        form = os.path.join(folder, f"juror{j}.csv")
        run("init", SAMPLE, "--juror", name, "-o", db)
        run("form", db, "-o", form)
        fill_form(form, plan[j], rng)
        run("import-scores", db, form)
        databases.append(db)
    panel = os.path.join(folder, "panel.jury")
    run("merge", "-o", panel, *databases)
    return panel


# DESIGN §7, computed here


def mean(values):
    return sum(values) / len(values)


def sample_sd(values):
    if len(values) < 2:
        return None
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def alpha(units):
    """Krippendorff's alpha, interval metric, as DESIGN §7 writes it (pairs, not the
    shortcut the program takes). UNITS: lists of values; those with < 2 left out."""
    units = [[float(v) for v in u] for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    if n == 0:
        return None
    within = sum(sum((a - b) ** 2 for i, a in enumerate(u) for k, b in enumerate(u) if i != k)
                 / (len(u) - 1) for u in units)
    total = sum((a - b) ** 2 for i, a in enumerate(values) for k, b in enumerate(values) if i != k)
    if total == 0:
        return None
    return 1 - (n - 1) * within / total


def competition_ranks(keys, ids):
    """KEYS: id → value (None: unranked). Ranks as DESIGN §7; near-equal floats tie."""
    ranked = sorted((i for i in ids if keys[i] is not None), key=lambda i: -keys[i])
    # Values equal but for rounding are one group, ordered by id.
    groups = []
    for sub in ranked:
        if groups and abs(keys[groups[-1][0]] - keys[sub]) <= 1e-9:
            groups[-1].append(sub)
        else:
            groups.append([sub])
    ranked = [sub for group in groups for sub in sorted(group)]
    ranks = {}
    for position, sub in enumerate(ranked):
        previous = ranked[position - 1] if position else None
        if previous is not None and abs(keys[sub] - keys[previous]) <= 1e-9:
            ranks[sub] = ranks[previous]
        else:
            ranks[sub] = position + 1
    order = ranked + sorted(i for i in ids if keys[i] is None)
    return ranks, order


def expected_results(call, plan, normalize, threshold=0.2):
    weights = [w for _, w in call["criteria"]]
    ids = [s for s, _ in call["submissions"]]
    totals = {}  # (j, sub) → Fraction, complete reviews only
    for j, reviews in enumerate(plan):
        for sub, review in reviews.items():
            if isinstance(review, list) and None not in review:
                totals[(j, sub)] = sum(w * v for w, v in zip(weights, review)) / sum(weights)

    z = {}
    for j in range(len(plan)):
        own = [float(t) for (k, _), t in totals.items() if k == j]
        sd = sample_sd(own)
        for (k, sub), t in totals.items():
            if k == j:
                z[(j, sub)] = (float(t) - mean(own)) / sd if len(own) >= 2 and sd > 0 else 0.0
    everything = [float(t) for t in totals.values()]
    mu, sigma = mean(everything), sample_sd(everything) or 0.0

    subs = {}
    for sub in ids:
        values = [t for (j, s), t in totals.items() if s == sub]
        zs = [z[(j, s)] for (j, s) in totals if s == sub]
        if not values:
            subs[sub] = {"n": 0}
            continue
        sd = sample_sd([float(v) for v in values])
        subs[sub] = {
            "n": len(values), "mean": float(mean(values)), "median": float(median(values)),
            "sd": sd, "min": float(min(values)), "max": float(max(values)),
            "z": mean(zs), "normalized": mu + mean(zs) * sigma,
            "disagreement": sd is not None and sd > threshold * (call["max"] - call["min"]),
            "values": [float(v) for v in values], "zs": zs,
        }
    key = "normalized" if normalize else "mean"
    keys = {s: subs[s].get(key) for s in ids}
    ranks, order = competition_ranks(keys, ids)

    units = [[t for (j, s), t in totals.items() if s == sub] for sub in ids]
    criteria = {}
    for c, (criterion, _) in enumerate(call["criteria"]):
        criteria[criterion] = alpha([[plan[j][sub][c] for (j, s) in totals if s == sub]
                                     for sub in ids])
    return {"subs": subs, "ranks": ranks, "order": order, "alpha": alpha(units),
            "criteria": criteria}


# Comparing


def close(what, got, expected):
    if expected is None or got is None:
        if got is not expected:
            fail(f"{what}: got {got!r}, expected {expected!r}")
        return
    if isinstance(got, bool) or not abs(got - expected) <= TOLERANCE:
        fail(f"{what}: got {got!r}, expected {expected!r}")


def check_p_top(call, doc, expected, normalize):
    """Returns how many p_top were certain and checked."""
    # The bootstrap's draws are the program's own; what is certain is checked: a
    # submission that no resampling can push out of the award places has p_top 1, one
    # that can never enter them 0.
    awards = call["awards"]
    spans = {}
    for sub, stats in expected["subs"].items():
        if stats["n"]:
            values = stats["zs"] if normalize else stats["values"]
            spans[sub] = (min(values), max(values))
    certain = 0
    for entry in doc["submissions"]:
        sub, p_top = entry["id"], entry["p_top"]
        if sub not in spans:
            if p_top is not None:
                fail(f"{sub}: p_top without complete reviews")
            continue
        if not 0 <= p_top <= 1:
            fail(f"{sub}: p_top {p_top} is not a share")
        low, high = spans[sub]
        above_possible = sum(1 for o, (_, h) in spans.items() if o != sub and h > low + 1e-12)
        above_always = sum(1 for o, (l, _) in spans.items() if o != sub and l > high + 1e-12)
        if above_possible < awards:
            close(f"{sub}: p_top (always among the awards)", p_top, 1.0)
            certain += 1
        if above_always >= awards:
            close(f"{sub}: p_top (never among the awards)", p_top, 0.0)
            certain += 1
    return certain


def check_results(call, plan, panel, normalize, threshold=None):
    args = ["results", panel, "--format", "json"] + (["--normalize"] if normalize else [])
    if threshold is not None:
        args += ["--disagreement", str(threshold)]
    doc = json.loads(run(*args).stdout)
    expected = expected_results(call, plan, normalize, 0.2 if threshold is None else threshold)
    mode = ("normalised" if normalize else "raw") + ("" if threshold is None else f", threshold {threshold}")

    if sorted(j["name"] for j in doc["jurors"]) != sorted(JURORS):
        fail(f"jurors {doc['jurors']}")
    if doc["scale"] != {"min": call["min"], "max": call["max"]}:
        fail(f"scale {doc['scale']}")
    close(f"{mode}: alpha", doc["agreement"]["alpha"], expected["alpha"])
    for criterion, value in expected["criteria"].items():
        close(f"{mode}: alpha of {criterion}", doc["agreement"]["criteria"][criterion], value)

    got_order = [s["id"] for s in doc["submissions"]]
    if got_order != expected["order"]:
        fail(f"{mode}: order {got_order}, expected {expected['order']}")
    titles = dict(call["submissions"])
    for entry in doc["submissions"]:
        sub = entry["id"]
        stats = expected["subs"][sub]
        if entry["title"] != titles[sub]:
            fail(f"{sub}: title {entry['title']!r}")
        if entry["n"] != stats["n"]:
            fail(f"{sub}: n {entry['n']}, expected {stats['n']}")
        if entry["rank"] != expected["ranks"].get(sub):
            fail(f"{mode}: {sub}: rank {entry['rank']}, expected {expected['ranks'].get(sub)}")
        for key in ("mean", "median", "sd", "min", "max", "z", "normalized"):
            close(f"{mode}: {sub}: {key}", entry[key], stats.get(key))
        if entry["disagreement"] != stats.get("disagreement", False):
            fail(f"{sub}: disagreement {entry['disagreement']}")
        if entry["decision"] != "none":
            fail(f"{sub}: decision {entry['decision']}")
    if check_p_top(call, doc, expected, normalize) < (0 if normalize else 2):
        fail("the data leave no p_top certain; they do not test the extremes")
    return doc


def check_threshold(call, plan, panel, folder):
    """--disagreement changes what is flagged, and the text says the threshold in
    use; a share outside (0, 1] is a usage error."""
    flagged = {}
    for threshold in (0.1, 0.35):
        doc = check_results(call, plan, panel, normalize=False, threshold=threshold)
        flagged[threshold] = sum(s["disagreement"] for s in doc["submissions"])
    if not flagged[0.1] > flagged[0.35]:
        fail(f"thresholds 0.1 and 0.35 flag {flagged[0.1]} and {flagged[0.35]} submissions")
    text = run("results", panel, "--disagreement", "0.1").stdout
    limit = 0.1 * (call["max"] - call["min"])
    if f"standard deviation is above {limit:.2f} (10% of the scale’s range)" not in text:
        fail(f"the text does not say the threshold 0.1:\n{text}")
    for bad in ("0", "1.5", "-0.2", "zwei", ""):
        for args in (["results", panel], ["export", panel, "-f", "csv", "-o", os.path.join(folder, "t.csv")]):
            if run(*args, "--disagreement", bad, check=False).returncode != 2:
                fail(f"{args[0]} --disagreement {bad!r} does not exit with 2")
    out = os.path.join(folder, "threshold.csv")
    run("export", panel, "-f", "csv", "-o", out, "--disagreement", "0.1")
    with open(out, encoding="utf-8-sig", newline="") as f:
        marked = sum(r["disagreement"] == "yes" for r in csv.DictReader(f))
    if marked != flagged[0.1]:
        fail(f"the CSV with --disagreement 0.1 marks {marked}, the results {flagged[0.1]}")


def squeeze(text):
    return "".join(c for c in text if not c.isspace() and c not in "-\u00ad")


def check_exports(call, panel, folder):
    ids = [s for s, _ in call["submissions"]]
    out = os.path.join(folder, "ranking.csv")
    run("export", panel, "--format", "csv", "-o", out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if sorted(r["id"] for r in rows) != sorted(ids):
        fail("the CSV export lacks submissions")

    # The spreadsheet in English and in German, headed in people's words.
    checker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-export-xlsx.py")
    for language in ("en", "de"):
        out = os.path.join(folder, f"results-{language}.xlsx")
        run("export", panel, "--format", "xlsx", "-o", out, language=language)
        args = [sys.executable, checker, out, "--language", language]
        args += [a for s in ids for a in ("--submission", s)]
        args += [a for c in call["criterion_names"] for a in ("--criterion", c)]
        checked = subprocess.run(args, capture_output=True, text=True)
        if checked.returncode == SKIP:
            print("openpyxl is not installed: the spreadsheet was written, not opened")
            break
        if checked.returncode != 0:
            fail(f"the spreadsheet in {language}: {checked.stderr}{checked.stdout}")

    if shutil.which("pdftotext") is None:
        print("pdftotext is not installed: the PDF was written, not read")
        return
    for anonymous in (False, True):
        out = os.path.join(folder, "dossier.pdf")
        run("export", panel, "--format", "pdf", "-o", out, *(["--anonymous"] if anonymous else []))
        text = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", out, "-"],
                                      capture_output=True, text=True, check=True).stdout)
        for _, title in call["submissions"]:
            if squeeze(title) not in text:
                fail(f"the PDF lacks “{title}”")
        for name in JURORS:
            if (squeeze(name) in text) == anonymous:
                fail(f"the {'anonymous ' if anonymous else ''}PDF {'names' if anonymous else 'lacks'} {name}")


def main():
    if SAMPLE is None:
        fail("JURY_DESK_SAMPLE must name the sample call")
    if "merge" not in run("help").stdout:
        print("jury-desk has no merge command yet")
        sys.exit(SKIP)

    call = read_call(SAMPLE)
    plan = plan_scores(call)
    with tempfile.TemporaryDirectory(prefix="test-panel-e2e-") as folder:
        panel = make_panel(call, plan, folder)
        check_results(call, plan, panel, normalize=False)
        check_results(call, plan, panel, normalize=True)
        check_exports(call, panel, folder)
        check_threshold(call, plan, panel, folder)
        # Bad input and wrong arguments give the statuses the other commands give.
        if run("results", os.path.join(folder, "missing.jury"), check=False).returncode != 1:
            fail("results on a missing database does not exit with 1")
        if run("export", panel, "--format", "docx", "-o", "x", check=False).returncode != 2:
            fail("an unknown export format does not exit with 2")
        onto_panel = run("export", panel, "--format", "csv", "-o", panel, check=False)
        if onto_panel.returncode != 1 or "panel.jury is the database" not in onto_panel.stderr:
            fail(f"an export onto the panel itself: {onto_panel.returncode} {onto_panel.stderr}")
        run("verify", panel)
    print(f"{len(JURORS)} jurors, {len(call['submissions'])} submissions: results and exports agree")


if __name__ == "__main__":
    main()
