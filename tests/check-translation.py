#!/usr/bin/env python3
# check-translation.py: a translation is complete: every translatable message now in
# the sources (as listed in po/POTFILES.in) has a translation that is not fuzzy, and
# msgfmt accepts the file.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import tempfile

# The keywords of meson's "glib" preset for gettext.
KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3"]


MARKERS = ("_ (", "C_ (", "N_ (", "g_dngettext (", 'translatable="yes"')


def unlisted_sources(srcdir):
    """Files with translatable strings that po/POTFILES.in does not name."""
    with open(os.path.join(srcdir, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    found = set()
    for top in ("src", "ui", "data"):
        for folder, _, names in os.walk(os.path.join(srcdir, top)):
            for name in names:
                if not name.endswith((".c", ".ui", ".in", ".gschema.xml")):
                    continue
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if any(marker in text for marker in MARKERS):
                    found.add(os.path.relpath(path, srcdir))
    return sorted(found - listed)


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip()


def main():
    srcdir, po = sys.argv[1], sys.argv[2]

    status, report = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po])
    if status != 0:
        sys.exit(f"{po}: msgfmt refuses it:\n{report}")

    missing = unlisted_sources(srcdir)
    if missing:
        sys.exit("po/POTFILES.in does not list: " + ", ".join(missing))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "messages.pot")
        args = ["xgettext", "--from-code=UTF-8", "--add-comments", "--directory", srcdir,
                "--files-from", os.path.join(srcdir, "po", "POTFILES.in"), "-o", pot]
        args += ["--keyword=" + k for k in KEYWORDS]
        status, out = run(args)
        if status != 0:
            sys.exit(f"xgettext failed:\n{out}")

        status, out = run(["msgcmp", po, pot])
        if status != 0:
            sys.exit(f"{po}: messages without a translation:\n{out}")

    print(f"{po}: {report}")


if __name__ == "__main__":
    main()
