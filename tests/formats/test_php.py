"""PHP format strings: gettext 0.21's format-php.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from token_grammar import Grammar

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import php
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "php-format"
REASON = "'msgstr' is not a valid PHP format string, unlike 'msgid'. Reason: "


def test_language_name():
    """msgfmt calls the language PHP."""
    assert php.LANGUAGE == "PHP"


def test_conversions_and_their_types():
    """b d u o x X take integers, e f floats, c a character, s a string; %% nothing."""
    assert php.scan("%b %d %u %o %x %X %e %f %c %s %%") == (
        *((n, php.INTEGER) for n in range(1, 7)),
        (7, php.FLOAT),
        (8, php.FLOAT),
        (9, php.CHARACTER),
        (10, php.STRING),
    )
    assert refused(FLAG, "%d and %x", "%u then %b") == []
    assert refused(FLAG, "%d", "%s") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_flags_width_precision_and_size():
    """Flags 0 - space and 'c (any padding character), width, precision and 'l' are skipped."""
    assert php.scan("%0- 5.2f %'*10s %'%s %ld %-'x8.3e") == (
        (1, php.FLOAT),
        (2, php.STRING),
        (3, php.STRING),
        (4, php.INTEGER),
        (5, php.FLOAT),
    )


def test_numbered_and_unnumbered_mix():
    """%m$ names an argument; unnumbered ones count on as if numbered ones were not there."""
    assert php.scan("%2$s %s %s") == ((1, php.STRING), (2, php.STRING))
    assert php.scan("%3$d %s") == ((1, php.STRING), (3, php.INTEGER))
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert refused(FLAG, "%s %s", "%2$s %s") == []
    assert refused(FLAG, "%s %s", "%2$s %2$s") == [
        "a format specification for argument 1 doesn't exist in 'msgstr'"
    ]


def test_argument_number_wraps_like_an_unsigned_int():
    """The number is read into an unsigned int: 2**32 + 1 is argument 1, 2**32 is 0."""
    assert php.scan("%4294967297$s") == ((1, php.STRING),)
    assert refused(FLAG, "%s", "%4294967296$s") == [
        REASON + "In the directive number 1, the argument number 0 is not a positive integer."
    ]


def test_argument_number_zero():
    """%0$s is refused with the directive's number."""
    assert refused(FLAG, "%s %s", "%s %0$s") == [
        REASON + "In the directive number 2, the argument number 0 is not a positive integer."
    ]


def test_unterminated_directives():
    """A '%' or a "'" flag at the end of the string is unterminated."""
    for text in ("%s %", "%s %5", "%s %'", "%s %1$"):
        assert refused(FLAG, "%s", text) == [
            REASON + "The string ends in the middle of a directive."
        ], text


def test_invalid_conversions():
    """An unknown conversion is named when printable; a '.' without digits is one."""
    assert refused(FLAG, "%s", "%s %5%") == [
        REASON + "In the directive number 2, the character '%' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%5.s") == [
        REASON + "In the directive number 1, the character '.' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%i") == [
        REASON + "In the directive number 1, the character 'i' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%\t") == [
        REASON + "The character that terminates the directive number 1 is not a valid conversion "
        "specifier."
    ]


def test_quote_flag_takes_one_byte():
    """In a UTF-8 catalog, "'é" pads with half the 'é': the other half ends the directive."""
    assert refused(FLAG, "%s", "%'és") == [
        REASON + "The character that terminates the directive number 1 is not a valid conversion "
        "specifier."
    ]
    # The wrapper passes the bytes: a Latin-1 catalog's 'é' is one byte, a padding character.
    assert php.scan("%'\xe9s", marks=Marks(4)) == ((1, php.STRING),)


def test_incompatible_types():
    """One argument used with two types is refused; the same type twice is one argument."""
    assert php.scan("%1$s %1$s %s") == ((1, php.STRING),)
    assert refused(FLAG, "%s %d", "%2$d %1$s %2$s") == [
        REASON + "The string refers to argument number 2 in incompatible ways."
    ]


def test_missing_and_extra_arguments():
    """Strictly, the arguments must be the same; an extra one is named with the msgstr."""
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_lenient_plural_form():
    """A form used for few numbers may drop arguments but not add or change one."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one file", "few", "%d files"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%d %s", "few", "%d"]) == [
        "a format specification for argument 2, as in 'msgstr[0]', doesn't exist in 'msgid_plural'"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["%d", "%d", "many"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt skips an entry whose msgid is not a valid format string."""
    assert refused(FLAG, "100% sure %", "%d") == []


def test_marks():
    """Directives are marked from '%' to conversion; an error marks where parsing stopped."""
    marks = Marks(12)
    php.scan("a %2$'x5d %%", marks=marks)
    assert [k for k, bit in enumerate(marks.bits) if bit & START] == [2, 10]
    assert [k for k, bit in enumerate(marks.bits) if bit & END] == [8, 11]
    for text, position in (("%s %'", 4), ("%5.x", 2), ("%0$s", 2), ("ab %", 3)):
        marks = Marks(len(text))
        with pytest.raises(Invalid):
            php.scan(text, marks=marks)
        assert marks.bits[position] & ERROR, text


GRAMMAR = Grammar(
    valid=[
        *("%s", "%d", "%5.2f", "%'*10s", "%-5d", "%05d", "%ld", "%b", "%u", "%o", "%x"),
        *("%X", "%e", "%c", "%%", "%1$s", "%2$d", "%3$s", "%2$s", "%1$d", "%'.-8s"),
        *("%0-5.3f", "%4294967298$d", "% d"),
    ],
    broken=[
        *("%", "%5", "%.f", "%5.", "%'", "%y", "%1$", "%0$s", "%S", "%é", "%'és", "%i"),
        *("%4294967296$s", "%\t", "%5%", "%1$%", "%lld", "%.5"),
    ],
)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """On 1,100 generated entries, the first refusal is what msgfmt -c prints."""
    compare_with_msgfmt(tmp_path, GRAMMAR.batches(FLAG, random.Random(8101), 700))  # noqa: S311 - reproducible, not secret


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """msgattrib never breaks inside a PHP directive; an error ends the protection."""
    directives = ["%s", "%2$'*-10.3f", "%%", "%'x8ld", "%05.1e", "%5.", "%0$s", "%y", "%'"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, [*directives, "%'és"]))
    # In Latin-1, "'é" is a flag and its padding character.
    latin1 = tmp_path / "latin1"
    latin1.mkdir()
    assert_wraps_like_msgattrib(
        latin1, directive_entries(FLAG, ["%'é-12s", "%'és"]), charset="ISO-8859-1"
    )


def test_linear_time():
    """Many directives, long digit runs and flag runs take linear time."""
    cases = [
        (1000, lambda n: "%2$'x-05.3ld %s " * n),
        (12000, lambda n: "%" + "9" * n),
        (20000, lambda n: "%" + "'x" * n),
    ]
    for n, make in cases:
        assert_linear(php.scan, make, n=n, raises=Invalid)
