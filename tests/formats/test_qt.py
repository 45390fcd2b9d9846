"""Qt format strings: gettext 0.21's format-qt.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import qt
from hatch_minipo.formats.base import Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "qt-format"
NOT_SIMPLE = (
    "'msgid' is a simple format string, but 'msgstr' is not: it contains an 'L' flag or a "
    "double-digit argument number"
)


def test_directives_take_one_or_two_digits():
    """%0 to %99 are directives; a third digit is text."""
    spec = qt.scan("%0 %12 %345")
    assert spec.used == (True, *[False] * 11, True, *[False] * 21, True)
    assert not spec.simple


def test_anything_else_is_text():
    """'%' not followed by a digit (after an optional 'L') is text: nothing is invalid."""
    assert qt.scan("100% %x %L %%").used == ()
    assert qt.scan("%%1").used == (False, True)


def test_locale_flag_makes_the_string_not_simple():
    """%L1 is a directive that rules out the multi-argument .arg()."""
    assert qt.scan("%L1") == qt.Spec(False, (False, True))
    assert refused(FLAG, "%1", "%L1") == [NOT_SIMPLE]
    assert refused(FLAG, "%L1", "%1") == []


def test_double_digit_makes_the_string_not_simple():
    """A two-digit argument number also rules out the multi-argument .arg()."""
    assert refused(FLAG, "%1 %2", "%1 %02") == [NOT_SIMPLE]


def test_missing_and_extra_arguments():
    """Arguments must be the same on both sides, numbered from 0."""
    assert refused(FLAG, "%0 %1", "%1") == [
        "a format specification for argument 0 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%1", "%1 %2") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_plural_forms_are_always_strict():
    """Qt warns about an unused argument, so even lenient forms must use every one."""
    assert plural_refused(FLAG, "%1 file", "%1 files", ["one", "%1", "%1"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[0]'"
    ]


def test_marks():
    """START on '%', END on the last digit."""
    marks = Marks(7)
    qt.scan("%L12%3", marks=marks)
    assert list(marks.bits) == [1, 0, 0, 2, 1, 2, 0]


PIECES = ["%1", "%2", "%0", "%L1", "%10", "%99", "%123", "%%", "%L", "%x", "%", "text"]


def make_string(rng: random.Random) -> str:
    """Text with directives, mostly single-digit."""
    pieces = rng.choices(PIECES, weights=[8, 6, 2, 1, 1, 1, 1, 1, 1, 1, 1, 4], k=rng.randint(0, 4))
    return "".join(p + rng.choice(["", " ", "a"]) for p in pieces)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(4242)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does."""
    assert_wraps_like_msgattrib(
        tmp_path, directive_entries(FLAG, ["%1", "%L1", "%99", "%123", "%L", "%%"])
    )


def test_linear_time():
    """Thousands of directives take time in proportion to their number."""
    assert_linear(qt.scan, lambda n: "%L99%" * n, n=4000)
