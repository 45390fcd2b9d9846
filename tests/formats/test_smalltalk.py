"""Smalltalk format strings: gettext 0.21's format-smalltalk.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import smalltalk
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "smalltalk-format"
REASON = "'msgstr' is not a valid Smalltalk format string, unlike 'msgid'. Reason: "


def test_numbered_arguments_in_any_order():
    """%1 to %9 name arguments; their order and repetition do not matter."""
    assert refused(FLAG, "%1 of %2", "%2 z %1 %1") == []
    assert smalltalk.scan("%3 %1") == (True, False, True)


def test_percent_percent_is_no_argument():
    """%% is a directive taking no argument."""
    assert smalltalk.scan("100%% %1") == (True,)
    assert refused(FLAG, "%%", "%% %%") == []


def test_missing_argument_is_refused():
    """Strictly, an argument of the msgid left out of the translation is refused."""
    assert refused(FLAG, "%1 %2", "%1") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]


def test_extra_argument_is_refused():
    """An argument the msgid does not have is refused, naming both strings."""
    assert refused(FLAG, "%1", "%1 %3") == [
        "a format specification for argument 3, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_zero_and_letters_are_invalid():
    """%0 or %x: the character after '%' is not a digit between 1 and 9."""
    assert refused(FLAG, "%1", "%1 %0") == [
        REASON + "In the directive number 2, the character '0' is not a digit between 1 and 9."
    ]
    with pytest.raises(Invalid, match="the character 'x' is not a digit"):
        smalltalk.scan("%x")


def test_unprintable_terminator():
    """A control or non-ASCII character after '%' is described without being printed."""
    assert refused(FLAG, "%1", "%1 %\u00e9") == [
        REASON
        + "The character that terminates the directive number 2 is not a digit between 1 and 9."
    ]


def test_unterminated_directive():
    """A '%' at the end of the string is unterminated."""
    assert refused(FLAG, "%1", "%1 %") == [REASON + "The string ends in the middle of a directive."]


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt says nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "50%", "%1") == []


def test_lenient_plural_form_may_drop_arguments():
    """Forms used for few numbers may drop arguments but not add them."""
    assert plural_refused(FLAG, "%1 file", "%1 files", ["one", "few", "%1 many"]) == []
    assert plural_refused(FLAG, "%1 file", "%1 files", ["one", "%2", "%1"]) == [
        "a format specification for argument 2, as in 'msgstr[1]', doesn't exist in 'msgid_plural'"
    ]
    assert plural_refused(FLAG, "%1 file", "%1 files", ["one", "few", "many"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]


def test_marks():
    """START on '%', END on the character after it, ERROR where parsing stopped."""
    marks = Marks(8)
    with pytest.raises(Invalid):
        smalltalk.scan("a%1 %%%", marks=marks)
    assert list(marks.bits) == [0, 1, 2, 0, 1, 2, 5, 0]


PIECES = ["%1", "%2", "%3", "%9", "%%", "%0", "%a", "% ", "%\u00e9", "%\t", "x", " ", "abc "]


def make_string(rng: random.Random) -> str:
    """A short string of directives, good and bad, and text."""
    pieces = rng.choices(PIECES[:5], k=rng.randint(0, 4))
    if rng.random() < 0.12:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(PIECES[5:10]))
    text = "".join(p + rng.choice(["", " ", "x"]) for p in pieces)
    if rng.random() < 0.05:
        text += "%"
    return text


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(1717)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    assert_wraps_like_msgattrib(
        tmp_path, directive_entries(FLAG, ["%1", "%%", "%9", "%x", "%0", "%"])
    )


def test_linear_time():
    """Thousands of directives take time in proportion to their number."""
    cases = [
        (6000, lambda n: "%1 %% " * n),
        (16000, lambda n: "ab" * n + "%x"),
    ]
    for n, make in cases:
        assert_linear(smalltalk.scan, make, n=n, raises=Invalid)
