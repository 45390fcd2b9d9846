"""librep format strings: gettext 0.21's format-librep.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import librep
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "librep-format"
REASON = "'msgstr' is not a valid librep format string, unlike 'msgid'. Reason: "
NOT_SAME = "format specifications in 'msgid' and 'msgstr' for argument {} are not the same"


def invalid(msgstr: str, msgid: str = "%s") -> list[str]:
    """What msgfmt prints about a translation that is not a valid format string."""
    return [m[len(REASON) :] for m in refused(FLAG, msgid, msgstr) if m.startswith(REASON)]


def test_conversions_and_their_types():
    """c; d x X o; s; S: four types, and %% takes no argument."""
    assert refused(FLAG, "%d %s %% %c", "%x %s %%%c") == []
    assert refused(FLAG, "%o", "%X") == []
    assert refused(FLAG, "%s", "%S") == [NOT_SAME.format(1)]
    assert refused(FLAG, "%c", "%d") == [NOT_SAME.format(1)]
    assert librep.scan("%%") == ()


def test_emacs_only_conversions_are_invalid():
    """librep has no %i, no floating-point conversions and no '#' flag."""
    for char in "ieEfgG#":
        assert invalid(f"%{char}") == [
            f"In the directive number 1, the character '{char}' is not a valid conversion "
            "specifier."
        ], char


def test_flags_width_precision():
    """Flags '-^0+ ', a width and a precision, digits only: '*' is not a width."""
    assert refused(FLAG, "%-^0+ 12.3s", "%s") == []
    assert invalid("%*d") == [
        "In the directive number 1, the character '*' is not a valid conversion specifier."
    ]
    assert invalid("%.*d") == [
        "In the directive number 1, the character '*' is not a valid conversion specifier."
    ]


def test_numbered_arguments():
    """'%N$' sets the number; later directives go on from there."""
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert refused(FLAG, "%s %d %c", "%2$d %c %1$s") == []
    assert invalid("%1$s %1$d") == ["The string refers to argument number 1 in incompatible ways."]
    assert invalid("%0$d") == [
        "In the directive number 1, the character '$' is not a valid conversion specifier."
    ]


def test_missing_and_extra_arguments():
    """Strictly, the translation must use the same argument numbers as the msgid."""
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_bad_conversion_and_unterminated():
    """A non-ASCII or missing conversion."""
    assert invalid("%\u00e9") == [
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    ]
    for msgstr in ("50%", "%5", "%^", "%5.", "%2$"):
        assert invalid(msgstr) == ["The string ends in the middle of a directive."], msgstr


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt says nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "%i", "%d") == []


def test_lenient_plural_form_may_drop_arguments():
    """Forms used for few numbers may drop arguments but not add them."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "%d many"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "%d %s", "%d"]) == [
        "a format specification for argument 2, as in 'msgstr[1]', doesn't exist in 'msgid_plural'"
    ]


def test_marks():
    """START on '%', END on the conversion, ERROR where parsing stopped."""
    marks = Marks(9)
    with pytest.raises(Invalid):
        librep.scan("%^5s %*d", marks=marks)
    assert list(marks.bits) == [1, 0, 0, 2, 0, 1, 4, 0, 0]


GOOD = [
    *("%s", "%S", "%d", "%x", "%X", "%o", "%c", "%%", "%5d", "%-5.2d", "%^10s", "% +d"),
    *("%05x", "%.3s"),
]
NUMBERED = ["%1$s", "%2$d", "%3$S", "%1$d", "%2$s", "%3$.2x", "%4$c"]
BAD = ["%i", "%f", "%*d", "%#x", "%\u00e9", "%0$d", "%\t", "%ld"]


def make_string(rng: random.Random) -> str:
    """A short string of directives, good and bad, numbered and not, and text."""
    pieces = rng.choices(GOOD, k=rng.randint(0, 4))
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 3)):
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(NUMBERED))
    if rng.random() < 0.1:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(BAD))
    text = "".join(p + rng.choice(["", " ", "x", "é "]) for p in pieces)
    if rng.random() < 0.03:
        text += rng.choice(["%", "%5", "%^", "%2$"])
    return text


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(3131)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    directives = ["%-^10.3s", "%12$d", "%%", "%S", "%*d", "%1$f", "%0$d", "%12.", "%"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or digits take time in proportion to their number."""
    cases = [
        (1500, lambda n: "%-^5.2s %% " * n),
        (1250, lambda n: "%2$s %1$d " * n),
        (24000, lambda n: "%" + "7" * n + "$s"),
    ]
    for n, make in cases:
        assert_linear(librep.scan, make, n=n, raises=Invalid)
