"""Qt plural format strings: gettext 0.21's format-qt-plural.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import qt_plural
from hatch_minipo.formats.base import Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "qt-plural-format"


def test_n_and_locale_n_are_directives():
    """%n and %Ln count; anything else after '%' is text, and nothing is invalid."""
    assert qt_plural.scan("%n %Ln %L %x %") == 2
    assert qt_plural.scan("%%n") == 1


def test_translation_without_the_number_is_refused_strictly():
    """Strictly, the translation must show the number when the msgid does."""
    assert refused(FLAG, "%n files", "files") == [
        "number of format specifications in 'msgid' and 'msgstr' does not match"
    ]


def test_translation_may_not_add_the_number():
    """Even leniently, the translation may not show a number the msgid does not."""
    assert plural_refused(FLAG, "file", "files", ["%n", "x", "y"]) == [
        "number of format specifications in 'msgid_plural' and 'msgstr[0]' does not match"
    ]


def test_how_many_times_does_not_matter():
    """Only whether the number is shown matters, not how often."""
    assert refused(FLAG, "%n", "%n (%Ln)") == []


def test_lenient_forms_may_drop_the_number():
    """Forms used for few numbers may leave the number out."""
    assert plural_refused(FLAG, "%n file", "%n files", ["one", "few", "%n"]) == []


def test_marks_cover_the_directive():
    """START on '%', END on 'n'."""
    marks = Marks(5)
    qt_plural.scan("%Ln%", marks=marks)
    assert list(marks.bits) == [1, 0, 2, 0, 0]


PIECES = ["%n", "%Ln", "%L", "%%", "%1", "%", "n", "L", "text"]


def make_string(rng: random.Random) -> str:
    """Text with zero to two directives and look-alikes."""
    pieces = rng.choices(PIECES, weights=[5, 2, 1, 1, 1, 1, 1, 1, 8], k=rng.randint(0, 3))
    return "".join(p + rng.choice(["", " "]) for p in pieces)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(31)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """%n and %Ln are not split across lines, as msgattrib does."""
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, ["%n", "%Ln", "%L", "%"]))


def test_linear_time():
    """Thousands of directives take time in proportion to their number."""
    assert_linear(qt_plural.scan, lambda n: "%Ln%L" * n, n=7000)
