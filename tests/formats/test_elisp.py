"""Emacs Lisp format strings: gettext 0.21's format-elisp.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import elisp
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "elisp-format"
REASON = "'msgstr' is not a valid Emacs Lisp format string, unlike 'msgid'. Reason: "
NOT_SAME = "format specifications in 'msgid' and 'msgstr' for argument {} are not the same"


def invalid(msgstr: str, msgid: str = "%s") -> list[str]:
    """What msgfmt prints about a translation that is not a valid format string."""
    return [m[len(REASON) :] for m in refused(FLAG, msgid, msgstr) if m.startswith(REASON)]


def test_conversions_and_their_types():
    """c; d i x X o; e E f g G; s; S: five types, and %% takes no argument."""
    assert refused(FLAG, "%d %s %% %c", "%x %s %%%c") == []
    assert refused(FLAG, "%e", "%G") == []
    assert refused(FLAG, "%d", "%f") == [NOT_SAME.format(1)]
    assert refused(FLAG, "%s", "%S") == [NOT_SAME.format(1)]
    assert refused(FLAG, "%c", "%d") == [NOT_SAME.format(1)]
    assert elisp.scan("%%") == ()


def test_flags_width_precision():
    """Flags ' +-#0', a width and a precision, digits or '*' (an integer argument)."""
    assert refused(FLAG, "%-+ #05.2f", "%f") == []
    assert refused(FLAG, "%*d %s", "%*d %s") == []
    assert elisp.scan("%*.*e") == ((1, elisp.INTEGER), (2, elisp.INTEGER), (3, elisp.FLOAT))
    assert refused(FLAG, "%*d", "%d %d") == []
    assert refused(FLAG, "%*d", "%d") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]


def test_numbered_arguments():
    """'%N$' sets the number; later directives and '*' go on from there."""
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert refused(FLAG, "%s %d", "%2$d %1$s %d") == []  # the last %d is argument 2 again
    assert elisp.scan("%2$*d") == ((2, elisp.INTEGER), (3, elisp.INTEGER))
    assert invalid("%1$s %1$d") == ["The string refers to argument number 1 in incompatible ways."]


def test_number_zero_is_read_as_flag_and_width():
    """'%0$' is no argument number: '0' is a flag, and '$' an invalid conversion."""
    assert invalid("%0$d") == [
        "In the directive number 1, the character '$' is not a valid conversion specifier."
    ]
    assert invalid("%4294967296$d") == [
        "In the directive number 1, the character '$' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%4294967297$s") == []


def test_missing_and_extra_arguments():
    """Strictly, the translation must use the same argument numbers as the msgid."""
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]
    assert refused(FLAG, "%3$s %1$s", "%1$s %3$s %2$d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_bad_conversion_and_unterminated():
    """An unknown, non-ASCII or missing conversion."""
    assert invalid("%s %y") == [
        "In the directive number 2, the character 'y' is not a valid conversion specifier."
    ]
    assert invalid("%ld") == [
        "In the directive number 1, the character 'l' is not a valid conversion specifier."
    ]
    assert invalid("%\u00e9") == [
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    ]
    for msgstr in ("50%", "%5", "%-", "%5.", "%.*", "%2$"):
        assert invalid(msgstr) == ["The string ends in the middle of a directive."], msgstr


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt says nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "100%", "%d") == []


def test_lenient_plural_form_may_drop_arguments():
    """Forms used for few numbers may drop arguments but not add or change them."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "%d many"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "%s", "%d"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[1]' for argument 1 are not the same"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "%2$d", "%d"]) == [
        "a format specification for argument 2, as in 'msgstr[1]', doesn't exist in 'msgid_plural'"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "many"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]


def test_marks():
    """START on '%', END on the conversion, ERROR where parsing stopped."""
    marks = Marks(11)
    with pytest.raises(Invalid):
        elisp.scan("%-5.2f %%%q", marks=marks)
    assert list(marks.bits) == [1, 0, 0, 0, 0, 2, 0, 1, 2, 1, 4]
    marks = Marks(4)
    with pytest.raises(Invalid):
        elisp.scan("a %5", marks=marks)
    assert list(marks.bits) == [0, 0, 1, 4]


GOOD = [
    *("%s", "%S", "%d", "%i", "%x", "%X", "%o", "%c", "%e", "%E", "%f", "%g", "%G", "%%"),
    *("%5d", "%-5.2f", "%*d", "%.*f", "%*.*e", "%#x", "% +d", "%05d", "%.3s"),
]
NUMBERED = ["%1$s", "%2$d", "%3$S", "%2$*d", "%1$d", "%2$s", "%3$.2f", "%4$c"]
BAD = ["%y", "%ld", "%\u00e9", "%0$d", "%1$$", "%\t", "%.-d", "%F"]


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
        text += rng.choice(["%", "%5", "%.*", "%2$"])
    return text


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(2121)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    directives = ["%-10.3f", "%2$*d", "%*.*e", "%%", "%S", "%1$ld", "%0$d", "%12.", "%"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or digits take time in proportion to their number."""
    cases = [
        (1250, lambda n: "%-*.*e %% " * n),
        (1250, lambda n: "%2$s %1$d " * n),
        (20000, lambda n: "%" + "7" * n + "$s"),
        (9000, lambda n: "%" + " " * n + "9" * n + "." + "9" * n + "q"),
    ]
    for n, make in cases:
        assert_linear(elisp.scan, make, n=n, raises=Invalid)
