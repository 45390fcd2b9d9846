"""Lua format strings: gettext 0.21's format-lua.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from token_grammar import Grammar

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import lua
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "lua-format"
REASON = "'msgstr' is not a valid Lua format string, unlike 'msgid'. Reason: "


def test_language_name():
    """msgfmt calls the language Lua."""
    assert lua.LANGUAGE == "Lua"


def test_conversions_and_their_types():
    """d i o u X x take integers, a A E e f G g floats, c a character, s and q strings."""
    assert lua.scan("%d %i %o %u %X %x %a %A %E %e %f %G %g %c %s %q %%") == (
        *(lua.INTEGER,) * 6,
        *(lua.FLOAT,) * 7,
        lua.CHARACTER,
        lua.STRING,
        lua.ESCAPED_STRING,
    )
    assert refused(FLAG, "%d %f", "%x %g") == []
    assert refused(FLAG, "%s", "%q") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    assert refused(FLAG, "%d", "%c") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_width_and_precision():
    """A width and a precision are skipped; '.' alone is a precision."""
    assert lua.scan("%5d %5.2f %.s %10.q") == (
        lua.INTEGER,
        lua.FLOAT,
        lua.STRING,
        lua.ESCAPED_STRING,
    )


def test_arguments_are_compared_in_order():
    """No argument numbers: reordering the directives changes the types."""
    assert refused(FLAG, "%s %d", "%d %s") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_invalid_conversions_count_arguments():
    """An invalid conversion is numbered by the arguments before it plus one, not directives."""
    assert refused(FLAG, "%s", "%% %s %% %-5d") == [
        REASON + "In the directive number 2, the character '-' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%1$s") == [
        REASON + "In the directive number 1, the character '$' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%s %é") == [
        REASON + "The character that terminates the directive number 2 is not a valid conversion "
        "specifier."
    ]


def test_unterminated_directive():
    """A '%' with nothing or only a width and precision after it is unterminated."""
    for text in ("%s %", "%s %5", "%s %5."):
        assert refused(FLAG, "%s", text) == [
            REASON + "The string ends in the middle of a directive."
        ], text


def test_plural_forms_are_always_strict():
    """format-lua.c ignores leniency: a form used for few numbers must keep every argument."""
    assert plural_refused(FLAG, "%d file", "%d files", ["%d", "%d", "%d"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["one file", "few", "%d files"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[0]'",
        "a format specification for argument 1 doesn't exist in 'msgstr[1]'",
    ]


def test_marks():
    """Directives are marked from '%' to conversion; an error marks where parsing stopped."""
    marks = Marks(12)
    lua.scan("a %10.3f %%", marks=marks)
    assert [k for k, bit in enumerate(marks.bits) if bit & START] == [2, 9]
    assert [k for k, bit in enumerate(marks.bits) if bit & END] == [7, 10]
    for text, position in (("%s %-d", 4), ("%5.y", 3), ("ab %", 3), ("%1", 1)):
        marks = Marks(len(text))
        with pytest.raises(Invalid):
            lua.scan(text, marks=marks)
        assert marks.bits[position] & ERROR, text


GRAMMAR = Grammar(
    valid=[
        *("%s", "%q", "%d", "%i", "%o", "%u", "%x", "%X", "%a", "%A", "%e", "%E", "%f"),
        *("%g", "%G", "%c", "%%", "%5d", "%5.2f", "%.3s", "%10s", "%.q", "%s", "%d"),
    ],
    broken=[*("%-5d", "%+d", "%", "%5", "%1$s", "%y", "%é", "%ld", "% d", "%5.", "%\t")],
)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """On 1,100 generated entries, the first refusal is what msgfmt -c prints."""
    compare_with_msgfmt(tmp_path, GRAMMAR.batches(FLAG, random.Random(8104), 700))  # noqa: S311 - reproducible, not secret


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """msgattrib never breaks inside a Lua directive; an error ends the protection."""
    directives = ["%s", "%10.3f", "%%", "%123456q", "%.5s", "%-5d", "%5.y", "%1$s"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, [*directives, "%é"]))


def test_linear_time():
    """Many directives and long digit runs take linear time."""
    cases = [
        (2250, lambda n: "%10.3f %% %s " * n),
        (48000, lambda n: "%" + "9" * n),
    ]
    for n, make in cases:
        assert_linear(lua.scan, make, n=n, raises=Invalid)
