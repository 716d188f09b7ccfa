#!/usr/bin/env python3
# check-flatpak-manifest.py: the Flatpak manifest is valid JSON with what a build needs.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys

# pkg-config names the app uses beyond the GNOME SDK, and the module that builds each.
EXTRA_LIBRARIES = {"xlsxwriter": "libxlsxwriter", "poppler-glib": "poppler", "libzip": "libzip"}


def fail(message):
    print(f"{sys.argv[1]}: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot be read as JSON: {e}")

    for key in ("id", "runtime", "runtime-version", "sdk", "command", "modules"):
        if key not in manifest:
            fail(f'"{key}" is missing')

    if manifest["id"] != app_id:
        fail(f'id is "{manifest["id"]}", expected "{app_id}"')
    if manifest["runtime"] != "org.gnome.Platform" or manifest["sdk"] != "org.gnome.Sdk":
        fail("the app needs the GNOME runtime and SDK")
    if manifest["command"] != "jury-desk":
        fail('command must be "jury-desk"')

    sockets = [a for a in manifest.get("finish-args", []) if a.startswith("--socket=")]
    if "--socket=wayland" not in sockets:
        fail("no Wayland socket")
    if any(a.startswith("--filesystem=") for a in manifest.get("finish-args", [])):
        fail("file access goes through the portal; no --filesystem")

    modules = manifest["modules"]
    if not modules or not isinstance(modules, list):
        fail("no modules")
    last = modules[-1]
    if last.get("name") != "jury-desk" or last.get("buildsystem") != "meson":
        fail("the last module must build jury-desk with meson")
    for module in modules:
        if not isinstance(module, dict):
            continue
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind in ("archive", "file") and "sha256" not in source:
                fail(f'source of {module.get("name")} has no sha256')
            if kind == "git" and "commit" not in source and "tag" not in source:
                fail(f'git source of {module.get("name")} is not pinned')

    # Libraries the build needs that the GNOME SDK does not have must be built first.
    root = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    names = {m.get("name") for m in modules if isinstance(m, dict)}
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        build = f.read()
    for library, module in EXTRA_LIBRARIES.items():
        if f"dependency('{library}'" in build and module not in names:
            fail(f'the build needs {library}, but no module "{module}" builds it')

    print(f"{path}: valid manifest for {manifest['id']} on "
          f"{manifest['runtime']} {manifest['runtime-version']}")


if __name__ == "__main__":
    main()
