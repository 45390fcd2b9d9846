"""Format-string checks: gnu_refuses is what msgfmt -c refuses, on generated cases and the corpus."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polib
import pytest

from format_oracle import msgfmt_verdicts
from format_samples import CZECH, ENGLISH, rule
from gnu import corpus_files
from hatch_minipo.formats.checks import FORMAT_FLAGS, FormatProblem, check_formats, lenient_forms
from hatch_minipo.po.flags import parse_flags, split_flags

if TYPE_CHECKING:
    from pathlib import Path


# --- msgfmt -c as the oracle -----------------------------------------------------------------

# Each case: the flags line, msgid, msgid_plural or None, the translations.
ORACLE_CASES: list[tuple[str, str, str | None, list[str]]] = [
    ("python-format", "%(a)s %(b)s", None, ["%(a)s"]),
    ("python-format", "%(a)s", None, ["%(a)s %(b)s"]),
    ("python-format", "%s %d", None, ["%d %s"]),
    ("python-format", "%d", None, ["%i"]),
    ("python-format", "%(a)d", None, ["%(a)s"]),
    ("python-format", "%(a)d", None, ["%s"]),
    ("python-format", "%s", None, ["%(a)s"]),
    ("python-format", "%s", None, ["%a"]),
    ("python-format", "%(a)s", None, ["%(a"]),
    ("python-format", "%s", None, ["%.0s"]),
    ("python-format", "%s", None, ["%5%s"]),
    ("python-format", "%(a)s", None, ["%(a)s %(a)d"]),
    ("python-format", "%(n)d file", "%(n)d files", ["one file", "%(n)d files"]),
    ("python-format", "%d file", "%d files", ["one file", "%d files"]),
    ("python-format", "%(n)d file", "%(n)d files", ["%(n)d file", "files"]),
    ("python-brace-format", "{n} x", None, ["{n} {m} x"]),
    ("python-brace-format", "{n} {m} x", None, ["{n} x"]),
    ("python-brace-format", "{n} x", None, ["{n} } x"]),
    ("python-brace-format", "{n} x", None, ["{n!r} x"]),
    ("python-brace-format", "{n:d} x", None, ["{n} x"]),
    ("python-brace-format", "{n[0]} x", None, ["{n[a b]} x"]),
    ("python-brace-format", "{n} x", None, ["{n:{w:d}} x"]),
    ("python-brace-format", "{n} x", None, ["{ n} x"]),
    ("python-brace-format", "{n} file", "{n} files", ["{m} file", "{n} files"]),
    ("python-brace-format", "{} x", None, ["{0} x"]),
    ("c-format", "%d %s", None, ["%2$s %1$d"]),
    ("c-format", "%d %s", None, ["%d"]),
    ("c-format", "%d", None, ["%d %s"]),
    ("c-format", "%d %s", None, ["%u %s"]),
    ("c-format", "%f", None, ["%lf"]),
    ("c-format", "%d", None, ["%<PRId64>"]),
    ("c-format", "%d", None, ["%b"]),
    ("c-format", "%d %s", None, ["%2$s"]),
    ("c-format", "%s", None, ["%Is"]),
    ("c-format", "%lld", None, ["%qd"]),
    ("c-format", "%d file", "%d files", ["one file", "%d files"]),
    ("c-format", "%d file", "%d files", ["%d file", "files"]),
    ("c-format", "%d file", "%d files", ["%d", ""]),
    ("c-format, range: 0..1", "%d file", "%d files", ["%d", "x"]),
    ("c-format, no-c-format", "%d file", None, ["%s"]),
    ("no-c-format, c-format", "%d file", None, ["%s"]),
    ("c-format, python-format", "%d file", None, ["%s"]),
    ("objc-format", "%@ %d", None, ["%d %@"]),
    ("objc-format", "%@ %d", None, ["%1$@ %2$d"]),
    ("objc-format", "%@", None, ["%@ %@"]),
    ("objc-format", "%@", None, ["%I@"]),
    ("objc-format, c-format", "%@", None, ["%s"]),
]


def ours(
    case: tuple[str, str, str | None, list[str]], lenient: frozenset[int]
) -> list[FormatProblem]:
    flags, msgid, msgid_plural, msgstrs = case
    flag_list = [f.strip() for f in flags.split(",")]
    return check_formats(flag_list, msgid, msgid_plural, msgstrs, lenient)


@pytest.mark.oracle
def test_gnu_refuses_matches_msgfmt(tmp_path: Path) -> None:
    """For each case, gnu_refuses and the first message equal what msgfmt -c prints."""
    printed = msgfmt_verdicts(tmp_path, ORACLE_CASES, 2, ENGLISH)
    for case, gnu in zip(ORACLE_CASES, printed):
        value_range = parse_flags(split_flags(case[0])).range
        lenient = lenient_forms(rule(ENGLISH), 2, value_range)
        refused_by_us = [p.message for p in ours(case, lenient) if p.gnu_refuses]
        assert refused_by_us[:1] == gnu, case


@pytest.mark.oracle
def test_lenient_plural_forms_match_msgfmt(tmp_path: Path) -> None:
    """With a Czech rule, forms 0 and 1 are lenient and form 2 strict, as msgfmt -c decides."""
    cases: list[tuple[str, str, str | None, list[str]]] = [
        ("c-format", "%d file", "%d files", ["soubor", "soubory", "%d souborů"]),
        ("c-format", "%d file", "%d files", ["%d soubor", "%d soubory", "souborů"]),
        ("python-format", "%(n)d file", "%(n)d files", ["soubor", "soubory", "%(n)d"]),
        ("python-format", "%(n)d file", "%(n)d files", ["%(n)d", "%(n)d", "x"]),
        ("python-brace-format", "{n} file", "{n} files", ["{x}", "y", "{n}"]),
        ("python-brace-format", "{n} file", "{n} files", ["{n}", "{n}", "{x}"]),
    ]
    lenient = lenient_forms(rule(CZECH), 3)
    printed = msgfmt_verdicts(tmp_path, cases, 3, CZECH)
    for case, gnu in zip(cases, printed):
        refused_by_us = [p.message for p in ours(case, lenient) if p.gnu_refuses]
        assert refused_by_us[:1] == gnu, case


# --- The shared corpus -----------------------------------------------------------------------

_PLURAL_FORMS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)")


def test_corpus_has_no_format_problem() -> None:
    """Real catalogs that pass msgfmt -c get no fatal and no refused problem."""
    checked = 0
    for path in corpus_files():
        catalog = polib.pofile(str(path))
        match = _PLURAL_FORMS.search(catalog.metadata.get("Plural-Forms", ""))
        nplurals, expression = (int(match.group(1)), match.group(2)) if match else (2, ENGLISH)
        plural = rule(expression)
        for entry in catalog.translated_entries():
            if entry.msgid_plural:
                msgstrs = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
                lenient = lenient_forms(plural, nplurals, parse_flags(entry.flags).range)
            else:
                msgstrs, lenient = [entry.msgstr], frozenset()
            found = check_formats(
                entry.flags, entry.msgid, entry.msgid_plural or None, msgstrs, lenient
            )
            checked += any(flag in FORMAT_FLAGS for flag in entry.flags)
            assert not [p for p in found if p.fatal or p.gnu_refuses], (path.name, entry.msgid)
    assert checked > 0
