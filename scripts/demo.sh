#!/usr/bin/env bash
# The main job, end to end: build test-projects/flat into a wheel whose .mo files hatch-minipo
# compiles from po/*.mini.po, install that wheel into a fresh venv, and print its strings in a
# language (default: pl). Needs only Python >= 3.9 and the package index.
set -euo pipefail
cd "$(dirname "$0")/.."
language="${1:-pl}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check -q)
# hatch-minipo itself, as the wheel a build front end is handed (like one from PyPI).
"${pip[@]}" wheel --no-deps -w "$work/plugin" .
# The demo project, built in pip's isolated build environment with that plugin.
"${pip[@]}" wheel --no-deps --find-links "$work/plugin" -w "$work/dist" test-projects/flat
echo "== compiled catalogs in the wheel:"
"$work/venv/bin/python" -m zipfile -l "$work"/dist/flat_demo-*.whl | grep -E '\.(mo|po) ' || true
"${pip[@]}" install --no-deps "$work"/dist/flat_demo-*.whl
echo "== flat-demo $language:"
"$work/venv/bin/flat-demo" "$language"
