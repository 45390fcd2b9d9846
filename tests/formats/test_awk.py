"""awk format strings: gettext 0.21's format-awk.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from token_grammar import Grammar

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import awk
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "awk-format"
REASON = "'msgstr' is not a valid awk format string, unlike 'msgid'. Reason: "
MIXES = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)


def test_language_name():
    """msgfmt calls the language awk."""
    assert awk.LANGUAGE == "awk"


def test_conversions_and_their_types():
    """c s, i d (signed), u o x X (unsigned), e E f g G (float); % takes no argument."""
    assert awk.scan("%c %s %i %d %u %o %x %X %e %E %f %g %G %%") == (
        (1, awk.CHARACTER),
        (2, awk.STRING),
        (3, awk.INTEGER),
        (4, awk.INTEGER),
        *((n, awk.UNSIGNED) for n in range(5, 9)),
        *((n, awk.FLOAT) for n in range(9, 14)),
    )
    assert refused(FLAG, "%d %u", "%i %x") == []
    assert refused(FLAG, "%d", "%u") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_flags_width_and_precision():
    """Flags space + - # 0, a width and a precision are skipped; '%5.%' takes nothing."""
    assert awk.scan("% +-#05.3f %.s %5.%") == ((1, awk.FLOAT), (2, awk.STRING))


def test_star_width_and_precision_take_integers():
    """'*' takes an integer argument before the value, for the width and the precision."""
    assert awk.scan("%*.*s %*%") == (
        (1, awk.INTEGER),
        (2, awk.INTEGER),
        (3, awk.STRING),
        (4, awk.INTEGER),
    )
    assert awk.scan("%3$*1$.*2$s") == ((1, awk.INTEGER), (2, awk.INTEGER), (3, awk.STRING))
    assert refused(FLAG, "%*d", "%d %d") == []
    assert refused(FLAG, "%*d", "%d %s") == [
        "format specifications in 'msgid' and 'msgstr' for argument 2 are not the same"
    ]


def test_numbered_arguments():
    """%m$ names an argument; repeated with one type it is one argument."""
    assert awk.scan("%2$s %1$d %2$s") == ((1, awk.INTEGER), (2, awk.STRING))
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert awk.scan("%4294967297$s") == ((1, awk.STRING),)


def test_mixing_numbered_and_unnumbered():
    """Numbered and unnumbered arguments are exclusive, width and precision included."""
    for text in ("%1$s %s", "%s %1$s", "%1$*d", "%*1$d", "%1$.*s", "%.*1$d", "%*d %*1$d"):
        assert refused(FLAG, "%s", text) == [REASON + MIXES], text
    assert refused(FLAG, "%s", "%1$s %% %5%") == []


def test_argument_number_zero():
    """A zero argument, width or precision number is refused, with the directive's number."""
    assert refused(FLAG, "%s", "%s %0$s") == [
        REASON + "In the directive number 2, the argument number 0 is not a positive integer."
    ]
    assert refused(FLAG, "%s", "%*0$s") == [
        REASON
        + "In the directive number 1, the width's argument number 0 is not a positive integer."
    ]
    assert refused(FLAG, "%s", "%.*4294967296$s") == [
        REASON + "In the directive number 1, the precision's argument number 0 is not a positive "
        "integer."
    ]


def test_invalid_directives():
    """Unknown conversions, '*' with digits but no '$', and a '%' at the end are refused."""
    assert refused(FLAG, "%s", "%b") == [
        REASON + "In the directive number 1, the character 'b' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%*5d") == [
        REASON + "In the directive number 1, the character '5' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%ld") == [
        REASON + "In the directive number 1, the character 'l' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%\x7f") == [
        REASON + "The character that terminates the directive number 1 is not a valid conversion "
        "specifier."
    ]
    for text in ("%s %", "%s %5.", "%1$", "%.*"):
        assert refused(FLAG, "%s", text) == [
            REASON + "The string ends in the middle of a directive."
        ], text


def test_incompatible_types():
    """One numbered argument used with two types is refused, a width's too."""
    assert refused(FLAG, "%s %d", "%2$*1$d %1$s") == [
        REASON + "The string refers to argument number 1 in incompatible ways."
    ]


def test_missing_and_extra_arguments():
    """Strictly, the arguments must be the same; an extra one is named with the msgstr."""
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%*s") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_lenient_plural_form():
    """A form used for few numbers may drop arguments but not add or change one."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one file", "few", "%d files"]) == []
    assert plural_refused(FLAG, "%2$d %1$s", "%2$d %1$s", ["%2$d", "%1$s", "%1$s %2$d"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%s", "%d", "%d"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[0]' for argument 1 are not the same"
    ]


def test_marks():
    """Directives are marked from '%' to conversion; an error marks where parsing stopped."""
    marks = Marks(16)
    awk.scan("a %3$*1$.*2$d %%", marks=marks)
    assert [k for k, bit in enumerate(marks.bits) if bit & START] == [2, 14]
    assert [k for k, bit in enumerate(marks.bits) if bit & END] == [12, 15]
    cases = (("%s %1$s", 6), ("%s %*1$s", 6), ("%1$s %*s", 6), ("%*0$d", 3), ("ab %", 3))
    for text, position in cases:
        marks = Marks(len(text))
        with pytest.raises(Invalid):
            awk.scan(text, marks=marks)
        assert marks.bits[position] & ERROR, text


GRAMMAR = Grammar(
    valid=[
        *("%s", "%d", "%i", "%u", "%o", "%x", "%X", "%e", "%E", "%f", "%g", "%G", "%c"),
        *("%%", "%5%", "%*d", "%.*f", "%*.*s", "%*%", "%-+ #05.2f", "%.s", "%1$s", "%2$d"),
        *("%2$*1$d", "%1$.*2$f", "%3$*1$.*2$s", "%3$s", "%2$s", "%1$d", "%1$%", "%3$u"),
    ],
    broken=[
        *("%", "%5", "%b", "%ld", "%*0$d", "%.*0$d", "%0$s", "%*5d", "%é", "%q", "%1$"),
        *("%*", "%.*", "%\t"),
    ],
)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """On 1,100 generated entries, the first refusal is what msgfmt -c prints."""
    compare_with_msgfmt(tmp_path, GRAMMAR.batches(FLAG, random.Random(8103), 700))  # noqa: S311 - reproducible, not secret


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """msgattrib never breaks inside an awk directive; an error ends the protection."""
    directives = ["%s", "%3$*1$.*2$d", "%%", "%-+ #012.4e", "%*.*s", "%5.b", "%*0$d", "%1$*d"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, [*directives, "%s %1$s", "%é"]))


def test_linear_time():
    """Many directives, stars and long digit runs take linear time."""
    cases = [
        (750, lambda n: "%3$*1$.*2$d %2$d " * n),
        (1250, lambda n: "%*.*s%d " * n),
        (24000, lambda n: "%*" + "9" * n),
    ]
    for n, make in cases:
        assert_linear(awk.scan, make, n=n, raises=Invalid)
