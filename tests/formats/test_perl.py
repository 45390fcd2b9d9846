"""Perl format strings: gettext 0.21's format-perl.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from ruby_perl_oracle import Generator

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import perl
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "perl-format"
REASON = "'msgstr' is not a valid Perl format string, unlike 'msgid'. Reason: "
UNSIGNED = 1 << 3
SHORT, V, PTR, LONG, LONGLONG = (k << 4 for k in range(1, 6))


def reason(msgstr: str) -> str:
    """Why the scanner refuses ``msgstr``."""
    with pytest.raises(Invalid) as raised:
        perl.scan(msgstr)
    return str(raised.value.args[0])


def types(text: str) -> list[int]:
    """The argument types of ``text``, by argument number."""
    return [kind for _, kind in perl.scan(text).numbered]


# --- Directives ------------------------------------------------------------------------------


def test_unnumbered_arguments_keep_their_order_and_types():
    """%s %d %f... take the arguments in turn; a translation must keep each one's type."""
    assert refused(FLAG, "%s of %d", "%s de %d") == []
    assert refused(FLAG, "%s of %d", "%d de %s") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_conversion_types():
    """Each conversion has its type; signed and unsigned integers differ, %D %U %O are IVs."""
    assert types("%c %s %_ %p %d %i %u %x %D %U %O %e %n") == [
        perl.CHAR,
        perl.STRING,
        perl.SCALAR_VECTOR,
        perl.POINTER,
        perl.INTEGER,
        perl.INTEGER,
        perl.INTEGER | UNSIGNED,
        perl.INTEGER | UNSIGNED,
        perl.INTEGER | V,
        perl.INTEGER | UNSIGNED | V,
        perl.INTEGER | UNSIGNED | V,
        perl.DOUBLE,
        perl.COUNT_POINTER,
    ]
    assert refused(FLAG, "%u", "%X") == []
    assert refused(FLAG, "%d", "%u") != []


def test_sizes():
    """h, l, ll, L, q, V, I32, I64 and I change an integer's type; I32 is int's own size."""
    assert types("%hd %ld %lld %Ld %qd %Vd %I32d %I64d %Id") == [
        perl.INTEGER | size for size in (SHORT, LONG, LONGLONG, LONGLONG, LONGLONG, V, 0)
    ] + [perl.INTEGER | LONGLONG, perl.INTEGER | PTR]
    assert refused(FLAG, "%lld", "%qd") == []
    assert refused(FLAG, "%d", "%ld") != []
    assert types("%Lf %qg %hs") == [perl.DOUBLE | LONGLONG, perl.DOUBLE | LONGLONG, perl.STRING]


def test_flags_width_and_precision():
    """Flags, a constant width and a precision take no argument; '*' takes an integer."""
    assert refused(FLAG, "%d", "%-+ #05.3d") == []
    assert types("%*.*f") == [perl.INTEGER, perl.INTEGER, perl.DOUBLE]


def test_percent_takes_no_argument():
    """'%%' takes no argument, even with flags or a width."""
    assert types("100%% %-5%") == []


def test_numbered_arguments_mix_with_unnumbered_ones():
    """'%N$' takes argument N without moving the current argument."""
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert types("%2$d %s") == [perl.STRING, perl.INTEGER]
    assert types("%3$*1$.*2$f") == [perl.INTEGER, perl.INTEGER, perl.DOUBLE]


def test_vectors():
    """'v' makes the value a vector; '*v' and '*N$v' also take the joining string."""
    assert types("%vd") == [perl.SCALAR_VECTOR]
    assert types("%*vd") == [perl.SCALAR_VECTOR, perl.SCALAR_VECTOR]
    assert perl.scan("%1$*3$vd").numbered == ((1, perl.SCALAR_VECTOR), (3, perl.SCALAR_VECTOR))
    assert refused(FLAG, "%vd", "%vx") == []
    assert refused(FLAG, "%vd", "%s") != []


def test_huge_numbers_wrap_around():
    """An argument number is an unsigned int: 2**32 + 1 reads as 1, 2**32 as none."""
    assert perl.scan("%4294967297$s").numbered == ((1, perl.STRING),)
    assert perl.scan("%4294967296$s").numbered == ((1, perl.STRING),)
    assert perl.scan("%*4294967296$vd").numbered == (
        (0, perl.SCALAR_VECTOR),
        (1, perl.SCALAR_VECTOR),
    )


# --- Invalid strings -------------------------------------------------------------------------


def test_unterminated_directive():
    """A directive running to the end of the string is unterminated."""
    for text in ("50%", "%-5", "%1$", "%.*", "%ll"):
        assert reason(text) == "The string ends in the middle of a directive.", text


def test_invalid_conversion():
    """An unknown conversion is named when printable, described otherwise."""
    assert (
        reason("%y")
        == "In the directive number 1, the character 'y' is not a valid conversion specifier."
    )
    assert reason("%s %\u00e9") == (
        "The character that terminates the directive number 2 is not a valid conversion specifier."
    )
    assert reason("%1$1$d") == (
        "In the directive number 1, the character '$' is not a valid conversion specifier."
    )
    assert reason("%.5.3f") == (
        "In the directive number 1, the character '.' is not a valid conversion specifier."
    )


def test_size_incompatible_with_float():
    """'h' and 'l' cannot size a floating-point conversion ('L' and 'q' can)."""
    assert reason("%lf") == (
        "In the directive number 1, the size specifier is incompatible with the conversion "
        "specifier 'f'."
    )
    assert reason("%d %hG") == (
        "In the directive number 2, the size specifier is incompatible with the conversion "
        "specifier 'G'."
    )


def test_incompatible_uses_of_an_argument():
    """One argument used with two types is refused, the smallest one named."""
    assert reason("%3$s %2$d %3$d %2$f") == (
        "The string refers to argument number 2 in incompatible ways."
    )
    assert reason("%s %1$d") == "The string refers to argument number 1 in incompatible ways."
    assert types("%1$s %1$s %s") == [perl.STRING]


# --- The check -------------------------------------------------------------------------------


def test_missing_or_unknown_argument():
    """An argument left out is refused strictly; one msgid lacks is refused always."""
    assert refused(FLAG, "%s %s", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %2$s") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_invalid_translation_and_msgid():
    """An invalid translation is refused with the reason; an invalid msgid is not checked."""
    assert refused(FLAG, "%s", "%y") == [
        REASON + "In the directive number 1, the character 'y' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "50%", "%d") == []


def test_plural_forms():
    """Lenient forms may drop arguments, not add or change them."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "%d"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%d", "%d", "x"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["%s", "%d", "%d"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[0]' for argument 1 are not the same"
    ]


def test_marks():
    """START on '%', END on the conversion, ERROR where parsing stopped."""
    marks = Marks(10)
    with pytest.raises(Invalid):
        perl.scan("%1$s%%%-lf", marks=marks)
    assert list(marks.bits) == [1, 0, 0, 2, 1, 2, 1, 0, 0, 4]
    marks = Marks(4)
    with pytest.raises(Invalid):
        perl.scan("x%-5", marks=marks)
    assert list(marks.bits) == [0, 1, 0, 4]


# --- Generated entries, msgfmt -c as the oracle ----------------------------------------------

UNNUMBERED = (
    *("%s", "%d", "%5.2f", "%-10s", "%c", "%x", "%X", "%o", "%u", "%b", "%e", "%g", "%E"),
    *("%G", "%F", "%D", "%U", "%O", "%p", "%n", "%_", "%ld", "%lld", "%hd", "%qd", "%Ld"),
    *("%Vd", "%I32d", "%I64d", "%Id", "%Lf", "%qf", "%vd", "%*vd", "%*d", "%.*f", "%-*.*e"),
    *("%#o", "%+d", "%05.1f", "%i", "%lu", "%hx", "%ln", "%.3s", "%*%"),
)
NUMBERED = (
    *("%1$s", "%2$d", "%3$f", "%2$*1$d", "%1$.*2$f", "%1$vd", "%*2$vd", "%3$*1$.*2$f"),
    *("%2$s", "%1$d", "%1$ld", "%2$c", "%4294967297$s", "%4294967296$d", "%*4294967296$vd"),
)
MODES = {"unnumbered": UNNUMBERED, "numbered": NUMBERED}
NO_ARGUMENT = ("%%", "%5%", "%-%", "%1$%")
BAD = (
    *("%y", "%", "%lf", "%hf", "%lF", "%\u00e9", "%\t", "%1$1$d", "%*1x", "%lz", "%.5.3f"),
    *("%I6", "%Iq", "%vv", "%1$"),
)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(5008)  # noqa: S311 - reproducible, not secret
    generator = Generator(rng, MODES, NO_ARGUMENT, BAD)
    compare_with_msgfmt(tmp_path, generator.batches(FLAG, 1000))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    directives = ["%-10.3f", "%2$*1$d", "%*v02x", "%0*v2x", "%I64d", "%%", "%lf", "%\u00e9", "%y"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or characters take time in proportion to their number."""
    cases = [
        (750, lambda n: "%s %2$d %0*v2x " * n),
        (750, lambda n: "%1$*2$.*3$d %% " * n),
        (16000, lambda n: "%" + "9" * n + "$s"),
        (8000, lambda n: "%*" + "9" * n + "d"),
    ]
    for n, make in cases:
        assert_linear(perl.scan, make, n=n, raises=Invalid)
