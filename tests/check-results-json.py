#!/usr/bin/env python3
# check-results-json.py: `jury-desk results --format json` is valid JSON with the fields
# and types of DESIGN §8, null exactly where a value cannot exist, and the submissions
# in rank order.
#
#   check-results-json.py FILE [--juror NAME]… [--decision ID=DECISION]… [--unranked ID]…
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import json
import math
import sys

STATISTICS = ("mean", "median", "sd", "min", "max", "z", "normalized", "p_top")
SUBMISSION_KEYS = {"id", "title", "rank", "n", "disagreement", "decision"} | set(STATISTICS)


def fail(message):
    sys.exit(f"check-results-json: {message}")


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_keys(what, obj, keys):
    if not isinstance(obj, dict):
        fail(f"{what} is not an object: {obj!r}")
    if set(obj) != set(keys):
        fail(f"{what} has keys {sorted(obj)}, expected {sorted(keys)}")


def check_header(doc):
    check_keys("the document", doc, {"call", "jurors", "scale", "agreement", "submissions"})
    check_keys("call", doc["call"], {"id", "title", "theme", "sha256"})
    for key in ("id", "title"):
        if not isinstance(doc["call"][key], str):
            fail(f"call.{key} is not a string")
    check_keys("scale", doc["scale"], {"min", "max"})
    if not all(isinstance(doc["scale"][k], int) for k in ("min", "max")):
        fail("the scale is not two integers")
    for juror in doc["jurors"]:
        check_keys("a juror", juror, {"id", "name"})
    check_keys("agreement", doc["agreement"], {"alpha", "criteria"})
    alphas = [doc["agreement"]["alpha"]] + list(doc["agreement"]["criteria"].values())
    for alpha in alphas:
        if alpha is not None and not (is_number(alpha) and alpha <= 1):
            fail(f"alpha {alpha!r} is neither null nor a number up to 1")


def check_submission(sub, scale):
    check_keys(f"submission {sub.get('id')!r}", sub, SUBMISSION_KEYS)
    where = f"submission {sub['id']!r}"
    if not isinstance(sub["n"], int) or isinstance(sub["n"], bool) or sub["n"] < 0:
        fail(f"{where}: n is not a count")
    if not isinstance(sub["disagreement"], bool):
        fail(f"{where}: disagreement is not a boolean")
    if sub["decision"] not in ("none", "shortlist", "award"):
        fail(f"{where}: unknown decision {sub['decision']!r}")
    if sub["n"] == 0:
        for key in ("rank",) + STATISTICS:
            if sub[key] is not None:
                fail(f"{where}: no complete review, yet {key} is {sub[key]!r}")
        if sub["disagreement"]:
            fail(f"{where}: disagreement without reviews")
        return
    if not isinstance(sub["rank"], int) or sub["rank"] < 1:
        fail(f"{where}: rank {sub['rank']!r} is not a positive integer")
    for key in STATISTICS:
        if key == "sd" and sub["n"] == 1:
            if sub["sd"] is not None:
                fail(f"{where}: one review, yet sd is {sub['sd']!r}")
            continue
        if not is_number(sub[key]):
            fail(f"{where}: {key} is {sub[key]!r}, not a number")
    low, high = scale["min"] - 1e-9, scale["max"] + 1e-9
    if not low <= sub["min"] <= sub["median"] <= sub["max"] <= high:
        fail(f"{where}: min, median, max out of order or off the scale")
    if not sub["min"] - 1e-9 <= sub["mean"] <= sub["max"] + 1e-9:
        fail(f"{where}: the mean lies outside min..max")
    if not 0 <= sub["p_top"] <= 1:
        fail(f"{where}: p_top is not a share")


def check_order(submissions, key):
    ranked = [s for s in submissions if s["rank"] is not None]
    unranked = [s for s in submissions if s["rank"] is None]
    if submissions != ranked + unranked:
        fail("an unranked submission comes before a ranked one")
    if [s["id"] for s in unranked] != sorted(s["id"] for s in unranked):
        fail("the unranked submissions are not ordered by id")
    for position, (a, b) in enumerate(zip(ranked, ranked[1:])):
        if a[key] < b[key]:
            fail(f"{a['id']} comes before {b['id']} with a lower {key}")
        if a[key] == b[key] and (a["rank"] != b["rank"] or a["id"] > b["id"]):
            fail(f"{a['id']} and {b['id']} tie but are not ranked alike in id order")
        if a[key] > b[key] and b["rank"] != position + 2:
            fail(f"{b['id']} should have the competition rank {position + 2}")
    if ranked and ranked[0]["rank"] != 1:
        fail("the first rank is not 1")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--juror", action="append", default=[])
    parser.add_argument("--decision", action="append", default=[])
    parser.add_argument("--unranked", action="append", default=[])
    parser.add_argument("--normalized", action="store_true")
    args = parser.parse_args()

    with open(args.file, encoding="utf-8") as f:
        doc = json.load(f)

    check_header(doc)
    for sub in doc["submissions"]:
        check_submission(sub, doc["scale"])
    check_order(doc["submissions"], "normalized" if args.normalized else "mean")

    names = sorted(j["name"] for j in doc["jurors"])
    if args.juror and names != sorted(args.juror):
        fail(f"jurors {names!r}, expected {sorted(args.juror)!r}")
    by_id = {s["id"]: s for s in doc["submissions"]}
    for pair in args.decision:
        sub_id, decision = pair.split("=", 1)
        if by_id[sub_id]["decision"] != decision:
            fail(f"{sub_id}: decision {by_id[sub_id]['decision']!r}, expected {decision!r}")
    for sub_id in args.unranked:
        if by_id[sub_id]["rank"] is not None:
            fail(f"{sub_id} is ranked")


if __name__ == "__main__":
    main()
