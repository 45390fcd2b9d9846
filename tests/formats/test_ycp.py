"""YCP format strings: gettext 0.21 reads them with format-smalltalk.c; checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import ycp
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "ycp-format"
REASON = "'msgstr' is not a valid YCP format string, unlike 'msgid'. Reason: "


def test_language_name():
    """msgfmt calls the language YCP."""
    assert ycp.LANGUAGE == "YCP"


def test_numbered_arguments_and_percent():
    """%1 to %9 name arguments, %% none; order and repetition do not matter."""
    assert ycp.scan("%2 %% %2") == (False, True)
    assert refused(FLAG, "%1 and %2", "%2, %1 %%") == []


def test_missing_and_extra_arguments():
    """Strictly, arguments must be the same on both sides."""
    assert refused(FLAG, "%1 %2", "%2") == [
        "a format specification for argument 1 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%1", "%1 %2") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_invalid_directives():
    """A '%' followed by anything but '%' or 1-9, or by nothing, is invalid."""
    assert refused(FLAG, "%1", "%1%z") == [
        REASON + "In the directive number 2, the character 'z' is not a digit between 1 and 9."
    ]
    assert refused(FLAG, "%1", "%1%\n") == [
        REASON
        + "The character that terminates the directive number 2 is not a digit between 1 and 9."
    ]
    assert refused(FLAG, "%1", "%1 %") == [REASON + "The string ends in the middle of a directive."]


def test_lenient_plural_form():
    """A lenient form may drop arguments, a strict one may not."""
    assert plural_refused(FLAG, "%1 x", "%1 xs", ["x", "", "%1"]) == []
    assert plural_refused(FLAG, "%1 x", "%1 xs", ["%1", "%1", ""]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]


def test_error_mark_on_the_percent_at_the_end():
    """An unterminated directive marks its '%' both START and ERROR."""
    marks = Marks(3)
    with pytest.raises(Invalid):
        ycp.scan("%1%", marks=marks)
    assert list(marks.bits) == [1, 2, 5]


PIECES = ["%1", "%2", "%4", "%%", "%0", "%y", "%-", "%\u4e2d", "text", " "]


def make_string(rng: random.Random) -> str:
    """A short string of directives, good and bad, and text."""
    pieces = rng.choices(PIECES[:4], k=rng.randint(0, 4))
    if rng.random() < 0.12:
        pieces.append(rng.choice(PIECES[4:8]))
    rng.shuffle(pieces)
    text = " ".join(pieces)
    if rng.random() < 0.04:
        text += "%"
    return text


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(2121)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, ["%1", "%%", "%5", "%q", "%"]))


def test_linear_time():
    """Thousands of directives take time in proportion to their number."""
    assert_linear(ycp.scan, lambda n: "%9%1" * n, n=6000, raises=Invalid)
