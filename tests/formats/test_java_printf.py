"""Java printf strings: gettext 0.21's format-java-printf.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from token_grammar import Grammar

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import java_printf
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "java-printf-format"
REASON = "'msgstr' is not a valid Java printf format string, unlike 'msgid'. Reason: "
G, C, INT, F, T = (
    java_printf.GENERAL,
    java_printf.CHARACTER,
    java_printf.INTEGER,
    java_printf.FLOATINGPOINT,
    java_printf.DATETIME,
)


def reason(text: str) -> str:
    """Why msgfmt -c refuses ``text`` as the translation of a string without directives."""
    said = refused(FLAG, "plain", text)
    assert len(said) == 1
    assert said[0].startswith(REASON)
    with pytest.raises(Invalid):
        java_printf.scan(text)
    return said[0][len(REASON) :]


def test_language_name():
    """msgfmt calls the language Java printf."""
    assert java_printf.LANGUAGE == "Java printf"


def test_conversions_and_their_types():
    """b h s take anything, c a character, d o x an integer, e f g a a float, t T a date."""
    assert java_printf.scan("%b %H %s %C %d %o %X %e %f %G %A %tY %TH %n %%") == (
        *((n, G) for n in (1, 2, 3)),
        (4, C),
        *((n, INT) for n in (5, 6, 7)),
        *((n, F) for n in (8, 9, 10, 11)),
        (12, T),
        (13, T),
    )


def test_numbered_unnumbered_and_previous_arguments():
    """%m$ names an argument, %< repeats the previous one; unnumbered ones count on."""
    assert java_printf.scan("%2$s %s %<s %s") == ((1, G), (2, G))
    assert java_printf.scan("%2$d %<d %s") == ((1, G), (2, INT))
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert refused(FLAG, "%d %s", "%2$s %<s %1$d") == []
    assert refused(FLAG, "%s %d", "%s %<s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert reason("%<s") == (
        "In the directive number 1, the reference to the argument of the previous directive is "
        "invalid."
    )
    assert reason("%n %<s") == (
        "In the directive number 2, the reference to the argument of the previous directive is "
        "invalid."
    )


def test_argument_number_wraps_like_an_unsigned_int():
    """The number is read into an unsigned int: 2**32 + 1 is argument 1, 2**32 is 0."""
    assert java_printf.scan("%4294967297$s") == ((1, G),)
    assert reason("%4294967296$s") == (
        "In the directive number 1, the argument number 0 is not a positive integer."
    )
    assert reason("%s %0$s") == (
        "In the directive number 2, the argument number 0 is not a positive integer."
    )


def test_digits_without_dollar_are_flags_and_width():
    """'%05d' is the '0' flag and a width of 5."""
    assert java_printf.scan("%05d %-,+ (10d") == ((1, INT), (2, INT))
    assert (
        reason("%05s")
        == "In the directive number 1, the flag '0' is invalid for the conversion 's'."
    )


def test_invalid_flags_width_and_precision():
    """Each conversion refuses some flags, widths or precisions; the first is reported."""
    cases = {
        "%#d": "the flag '#' is invalid for the conversion 'd'",
        "%,x": "the flag ',' is invalid for the conversion 'x'",
        "%-n": "the flag '-' is invalid for the conversion 'n'",
        "%5n": "a width is invalid for the conversion 'n'",
        "%.2n": "a precision is invalid for the conversion 'n'",
        "%.3c": "a precision is invalid for the conversion 'c'",
        "%#c": "the flag '#' is invalid for the conversion 'c'",
        "%(a": "the flag '(' is invalid for the conversion 'a'",
        "%#%": "the flag '#' is invalid for the conversion '%'",
        "%.2%": "a precision is invalid for the conversion '%'",
        "%+s": "the flag '+' is invalid for the conversion 's'",
        "%.2d": "a precision is invalid for the conversion 'd'",
        "%0#-T": "the flag '#' is invalid for the conversion 'T'",
    }
    for text, why in cases.items():
        assert reason(text) == f"In the directive number 1, {why}.", text
    assert java_printf.scan("%-5% %#e %#s %-c") == ((1, F), (2, G), (3, C))


def test_precision_and_conversion_errors():
    """A '.' needs digits; unknown conversions are named when printable."""
    assert reason("%.f") == "In the directive number 1, the precision is missing."
    assert reason("%5.") == "The string ends in the middle of a directive."
    assert reason("%y") == (
        "In the directive number 1, the character 'y' is not a valid conversion specifier."
    )
    assert reason("%\t") == (
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    )
    assert reason("%1$<s") == (
        "In the directive number 1, the character '<' is not a valid conversion specifier."
    )
    for text in ("%", "%1$", "%-"):
        assert reason(text) == "The string ends in the middle of a directive.", text


def test_date_time_suffixes():
    """%t and %T need one of gettext's suffix letters; the suffix is always quoted."""
    assert reason("%tq") == (
        "In the directive number 1, for the conversion 't', the character 'q' is not a valid "
        "conversion suffix."
    )
    assert reason("%T ") == (
        "In the directive number 1, for the conversion 'T', the character ' ' is not a valid "
        "conversion suffix."
    )
    assert reason("%t") == "The string ends in the middle of a directive."
    # msgfmt prints the first byte of a UTF-8 suffix; the checks print the character.
    assert reason("%té") == (
        "In the directive number 1, for the conversion 't', the character 'é' is not a valid "
        "conversion suffix."
    )


def test_incompatible_types():
    """One argument used with two types is refused; the same type twice is one argument."""
    assert java_printf.scan("%1$s %1$s") == ((1, G),)
    assert reason("%1$s %1$d") == "The string refers to argument number 1 in incompatible ways."


def test_missing_extra_and_changed_arguments():
    """Strictly, the arguments must be the same; an extra one is named with the msgstr."""
    assert refused(FLAG, "%s %s", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %s") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]
    assert refused(FLAG, "%s", "%d") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    assert refused(FLAG, "%tY %tm", "%2$tm %1$TY") == []


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
    assert refused(FLAG, "100% sure", "%d") == []


def test_marks():
    """Directives are marked from '%' to conversion (suffix); errors where parsing stopped."""
    text = "a %2$-8s %tY %%"
    marks = Marks(len(text))
    java_printf.scan(text, marks=marks)
    assert [k for k, bit in enumerate(marks.bits) if bit & START] == [2, 9, 13]
    assert [k for k, bit in enumerate(marks.bits) if bit & END] == [7, 11, 14]
    for bad, position in (("%s %<", 4), ("%<s", 1), ("%0$s", 2), ("%.x", 2), ("%5.", 2)):
        marks = Marks(len(bad))
        with pytest.raises(Invalid):
            java_printf.scan(bad, marks=marks)
        assert marks.bits[position] & ERROR, bad
    for bad, position in (("%#d", 2), ("%tq", 2), ("%t", 1), ("%1$s %1$d", -1)):
        marks = Marks(len(bad))
        with pytest.raises(Invalid):
            java_printf.scan(bad, marks=marks)
        assert [k for k, bit in enumerate(marks.bits) if bit & ERROR] == (
            [] if position < 0 else [position]
        ), bad


# --- Generated cases -------------------------------------------------------------------------

_CONVERSIONS = "bBhHsScCdoxXeEfgGaAtT%n"
_SUFFIXES = "HIklMSLNpzZsQBbhAaCYyjmdeRTrDFc"
_COMMON = (
    *("%s", "%d", "%1$s", "%2$d", "%<s", "%-10s", "%,d", "%(d", "%tY", "%TH", "%n", "%%"),
    *("%5.2f", "%a", "%#x", "%b", "%h", "%c", "%e", "%g", "%S", "%08d", "%+d", "% d", "%2$s"),
    *("%3$tm", "%1$-5s"),
)
# No non-ASCII character may follow a %t: msgfmt would print half of it.
_BROKEN = (
    *("%", "%0$s", "%.f", "%5.", "%#d", "%,x", "%-n", "%5n", "%.2n", "%.3c", "%tq", "%t "),
    *("%y", "%é", "%(a", "%,a", "%#%", "%0s", "%.2d", "%4294967296$s", "%4294967297$s"),
    *("%<d", "%t\t", "%1$", "%5$", "%.", "%05", "%1$<s"),
)


def _directive(rng: random.Random) -> str:
    """Any combination of reference, flags, width, precision and conversion."""
    out = "%"
    r = rng.random()
    if r < 0.35:
        out += str(rng.choice((1, 2, 3, 1, 2))) + "$"
    elif r < 0.45:
        out += "<"
    if rng.random() < 0.3:
        out += "".join(rng.choice("#0- +,(") for _ in range(rng.randint(1, 2)))
    if rng.random() < 0.3:
        out += str(rng.randint(1, 12))
    if rng.random() < 0.2:
        out += "." + str(rng.randint(0, 5))
    conversion = rng.choice(_CONVERSIONS)
    out += conversion
    if conversion in "tT":
        out += rng.choice(_SUFFIXES)
    return out


def _valid(rng: random.Random) -> str:
    return rng.choice(_COMMON) if rng.random() < 0.6 else _directive(rng)


def _broken(rng: random.Random) -> str:
    return rng.choice(_BROKEN) if rng.random() < 0.6 else _directive(rng)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """On 1,050 generated entries, the first refusal is what msgfmt -c prints."""
    compare_with_msgfmt(tmp_path, Grammar(_valid, _broken).batches(FLAG, random.Random(7401), 700))  # noqa: S311 - reproducible, not secret


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """msgattrib never breaks inside a Java printf directive; an error ends the protection."""
    directives = [
        *("%s", "%2$-,10d", "%<s", "%tY", "%1$TH", "%%", "%n", "%(08.3f"),
        *("%<x", "%0$s", "%#d", "%.f", "%tq", "%5.", "%té", "%é"),
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))
    # The wrapper passes the bytes: in Latin-1 'é' is one byte, in UTF-8 two.
    latin1 = tmp_path / "latin1"
    latin1.mkdir()
    assert_wraps_like_msgattrib(
        latin1, directive_entries(FLAG, ["%té", "%é", "%1$-é"]), charset="ISO-8859-1"
    )


def test_linear_time():
    """Many directives, long digit runs and flag runs take linear time."""
    cases = [
        (1000, lambda n: "%2$-,8d %s %<s %n %tY " * (n // 2)),
        (1500, lambda n: "%" + "1" * (24 * n) + "$s"),
        (2250, lambda n: ("%" + "1" * 20 + "d ") * n),
        (1000, lambda n: "%" + "-" * (16 * n) + "s"),
    ]
    for n, make in cases:
        assert_linear(java_printf.scan, make, n=n, raises=Invalid)
