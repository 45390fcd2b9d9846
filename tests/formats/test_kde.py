"""KDE format strings: gettext 0.21's format-kde.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import kde
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "kde-format"
REASON = "'msgstr' is not a valid KDE format string, unlike 'msgid'. Reason: "


def test_numbers_of_any_length():
    """%1, %2 ... %10 and on: every digit is read; %0 is text."""
    assert kde.scan("%2 %1 %2") == (1, 2)
    assert kde.scan("%0 %%") == ()


def test_one_gap_is_allowed():
    """The numbers may leave out one argument."""
    assert kde.scan("%1 %3") == (1, 3)
    assert kde.scan("%2") == (2,)


def test_two_gaps_are_invalid():
    """Leaving out two arguments makes the string invalid."""
    with pytest.raises(Invalid) as caught:
        kde.scan("%1 %4")
    assert caught.value.args[0] == (
        "The string refers to argument number 4 but ignores the arguments 2 and 3."
    )
    assert refused(FLAG, "%1", "%2 %5") == [
        REASON + "The string refers to argument number 5 but ignores the arguments 1 and 3."
    ]


def test_numbers_wrap_like_an_unsigned_int():
    """gettext reads numbers into an unsigned int: 4294967297 is argument 1."""
    assert kde.scan("%4294967297") == (1,)
    assert kde.scan("%1 %4294967296") == (1, 0)


def test_missing_and_extra_arguments():
    """Strictly, the arguments must be the same on both sides."""
    assert refused(FLAG, "%1 %2", "%1") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%1", "%1 %2") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_lenient_form_may_drop_one_argument_only():
    """A form used for few numbers may leave out one argument, not two."""
    assert plural_refused(FLAG, "%1 of %2", "%1 of %2", ["%2", "x %1", "%1 %2"]) == []
    assert plural_refused(FLAG, "%1 %2 %3", "%1 %2 %3", ["%2", "%1 %2 %3", "%1 %2 %3"]) == [
        "a format specification for arguments 1 and 3 doesn't exist in 'msgstr[0]', only one "
        "argument may be ignored"
    ]


def test_marks():
    """START on '%', END on the last digit."""
    marks = Marks(6)
    with pytest.raises(Invalid):  # the numbers are checked after the marks are set
        kde.scan("%12%0x", marks=marks)
    assert list(marks.bits) == [1, 0, 2, 0, 0, 0]


PIECES = ["%1", "%2", "%3", "%4", "%10", "%0", "%%", "%", "%x", "text"]


def make_string(rng: random.Random) -> str:
    """Text with directives, with gaps now and then."""
    pieces = rng.choices(PIECES, weights=[8, 6, 3, 1, 1, 1, 1, 1, 1, 4], k=rng.randint(0, 4))
    return "".join(p + rng.choice(["", " ", "a"]) for p in pieces)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(555)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does."""
    assert_wraps_like_msgattrib(
        tmp_path, directive_entries(FLAG, ["%1", "%12345", "%0", "%%", "%"])
    )


def test_linear_time():
    """Thousands of directives take time in proportion to their number."""
    cases = [
        (5000, lambda n: "%1%3" * n),
        (16000, lambda n: "%" + "9" * n),
    ]
    for n, make in cases:
        assert_linear(kde.scan, make, n=n, raises=Invalid)
