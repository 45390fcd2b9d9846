"""Ruby format strings: gettext 0.21's format-ruby.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from ruby_perl_oracle import Generator

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import ruby
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "ruby-format"
REASON = "'msgstr' is not a valid Ruby format string, unlike 'msgid'. Reason: "
MIXES_NAMED = (
    "The string refers to arguments both through argument names and through unnamed argument "
    "specifications."
)
MIXES_NUMBERED = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)


def reason(msgstr: str) -> str:
    """Why the scanner refuses ``msgstr``."""
    with pytest.raises(Invalid) as raised:
        ruby.scan(msgstr)
    return str(raised.value.args[0])


# --- Directives ------------------------------------------------------------------------------


def test_unnumbered_arguments_keep_their_order_and_types():
    """%s %d %f... take the arguments in turn; a translation must keep each one's type."""
    assert refused(FLAG, "%s of %d", "%s de %d") == []
    assert refused(FLAG, "%s of %d", "%d de %s") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_conversion_types():
    """s, p, c, the integer and the float conversions are five distinct types."""
    spec = ruby.scan("%s %p %c %d %i %u %o %x %X %b %B %f %g %G %e %E %a %A")
    types = [kind for _, kind in spec.numbered]
    assert types == [
        ruby.ANY,
        ruby.ESCAPED_ANY,
        ruby.CHARACTER,
        *[ruby.INTEGER] * 8,
        *[ruby.FLOAT] * 7,
    ]
    assert refused(FLAG, "%d", "%x") == []
    assert refused(FLAG, "%f", "%A") == []
    assert refused(FLAG, "%s", "%p") != []


def test_flags_width_and_precision():
    """Flags, a constant width and a precision take no argument."""
    assert refused(FLAG, "%d", "%-+ #05.3d") == []
    assert ruby.scan("%10.4f").numbered == ((1, ruby.FLOAT),)


def test_star_width_and_precision_take_integer_arguments():
    """'*' and '.*' each take an integer argument before the value."""
    assert ruby.scan("%*.*f").numbered == ((1, ruby.INTEGER), (2, ruby.INTEGER), (3, ruby.FLOAT))
    assert refused(FLAG, "%*s", "%s") == [
        "number of format specifications in 'msgid' and 'msgstr' does not match"
    ]


def test_percent_and_newline_take_no_argument():
    """'%%' and '%' before a newline are directives without argument; '%*%' still reads one."""
    assert ruby.scan("100%% %\n").numbered == ()
    assert ruby.scan("%*%").numbered == ((1, ruby.INTEGER),)


def test_numbered_arguments():
    """'N$' takes argument N; only the count and the types are compared, not the numbers."""
    assert refused(FLAG, "%1$s %2$d", "%2$d %1$s") == []
    assert ruby.scan("%2$*1$d %1$d").numbered == ((1, ruby.INTEGER), (2, ruby.INTEGER))
    assert refused(FLAG, "%1$s %2$d", "%1$s %3$d") == []
    assert refused(FLAG, "%1$s %2$d", "%2$s %1$d") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_numbered_width_and_precision():
    """'*N$' and '.*N$' read the width and precision from argument N."""
    assert ruby.scan("%3$*1$.*2$f").numbered == (
        (1, ruby.INTEGER),
        (2, ruby.INTEGER),
        (3, ruby.FLOAT),
    )


def test_named_arguments():
    """'%<name>d' and '%{name}' take hash table entries; names are compared, not order."""
    assert refused(FLAG, "%<a>s %{b}", "%{b} %<a>s") == []
    spec = ruby.scan("%<b>d %{a} %<b>d")
    assert spec.named == (("a", ruby.ANY), ("b", ruby.INTEGER))
    assert refused(FLAG, "%<a>d", "%{a}") == [
        "format specifications in 'msgid' and 'msgstr' for argument 'a' are not the same"
    ]


def test_name_before_or_after_flags_and_width():
    """'<name>' may come among the flags, width and precision."""
    assert ruby.scan("%-<a>5.2f %<b>-5s %5{c}").named == (
        ("a", ruby.FLOAT),
        ("b", ruby.ANY),
        ("c", ruby.ANY),
    )


# --- Invalid strings -------------------------------------------------------------------------


def test_unterminated_directive():
    """A '%', '%<name' or '%{name' running to the end is unterminated."""
    for text in ("50%", "%-5", "%<a", "%{a"):
        assert reason(text) == "The string ends in the middle of a directive."


def test_invalid_conversion():
    """An unknown conversion is named when printable, described otherwise."""
    assert (
        reason("%y")
        == "In the directive number 1, the character 'y' is not a valid conversion specifier."
    )
    assert reason("%s %\u00e9") == (
        "The character that terminates the directive number 2 is not a valid conversion specifier."
    )
    assert reason("%0$d") == (
        "In the directive number 1, the character '$' is not a valid conversion specifier."
    )


def test_misplaced_flags_width_and_precision():
    """Flags come before the width and precision, the width before the precision, once each."""
    assert reason("%5-d") == "In the directive number 1, a flag is given after the width."
    assert reason("%.3 d") == "In the directive number 1, a flag is given after the precision."
    assert reason("%.3 5d") == "In the directive number 1, a flag is given after the precision."
    assert reason("%.3*d") == "In the directive number 1, the width is given after the precision."
    assert reason("%.3*2$d") == (
        "In the directive number 1, the width is given after the precision."
    )
    assert reason("%5*d") == "In the directive number 1, a width is given twice."
    assert reason("%*1$5d") == "In the directive number 1, a width is given twice."
    assert reason("%.3.4f") == "In the directive number 1, a precision is given twice."
    assert reason("%.3.*f") == "In the directive number 1, a precision is given twice."
    assert reason("%1$.3.*2$f") == "In the directive number 1, a precision is given twice."


def test_two_names_or_numbers():
    """A directive gives one name or one number."""
    assert (
        reason("%<a><b>s")
        == "In the directive number 1, two names are given for the same argument."
    )
    assert (
        reason("%<a>{b}") == "In the directive number 1, two names are given for the same argument."
    )
    assert reason("%1$2$s") == (
        "In the directive number 1, two numbers are given for the same argument."
    )


def test_argument_number_zero():
    """'*0$' and '.*0$' are refused."""
    message = "In the directive number 2, the argument number 0 is not a positive integer."
    assert reason("%1$s %*0$d") == message
    assert reason("%1$s %.*00$d") == message


def test_mixes_named_and_unnamed():
    """Names cannot be mixed with numbered or unnumbered arguments, width and precision too."""
    for text in ("%s %<a>s", "%<a>s %s", "%1$s %{a}", "%<a>s %1$s", "%<a>*d", "%*<a>d", "%<a>.*f"):
        assert reason(text) == MIXES_NAMED, text
    assert reason("%<a>*1$d") == MIXES_NAMED


def test_mixes_numbered_and_unnumbered():
    """Numbered arguments cannot be mixed with unnumbered ones."""
    for text in ("%s %1$s", "%1$s %s", "%*1$d", "%1$*d", "%*d%1$s", "%1$.*f", "%*1$%%s"):
        assert reason(text) == MIXES_NUMBERED, text


def test_incompatible_uses_of_an_argument():
    """One argument used with two types is refused, the smallest one named."""
    assert reason("%3$s %2$d %3$d %2$f") == (
        "The string refers to argument number 2 in incompatible ways."
    )
    assert reason("%<b>s %<a>d %<b>d %<a>f") == (
        "The string refers to the argument named 'a' in incompatible ways."
    )
    assert ruby.scan("%1$s %1$s").numbered == ((1, ruby.ANY),)


def test_huge_argument_numbers_stick_below_uint_max():
    """A number beyond UINT_MAX reads as UINT_MAX - 1, as format-ruby.c reads it."""
    assert reason("%99999999999$s %4294967294$d") == (
        "The string refers to argument number 4294967294 in incompatible ways."
    )


# --- The check -------------------------------------------------------------------------------


def test_hash_table_or_individual_arguments():
    """A translation cannot switch between names and positional arguments."""
    assert refused(FLAG, "%<a>s", "%s") == [
        "format specifications in 'msgid' expect a hash table, those in 'msgstr' expect "
        "individual arguments"
    ]
    assert refused(FLAG, "%1$s", "%{a}") == [
        "format specifications in 'msgid' expect individual arguments, those in 'msgstr' "
        "expect a hash table"
    ]


def test_names_missing_or_unknown():
    """A name left out is refused strictly; a name msgid lacks is refused always."""
    assert refused(FLAG, "%<a>s %<b>s", "%<a>s") == [
        "a format specification for argument 'b' doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%<a>s", "%<a>s %{c}") == [
        "a format specification for argument 'c', as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_invalid_translation_and_msgid():
    """An invalid translation is refused with the reason; an invalid msgid is not checked."""
    assert refused(FLAG, "%s", "%y") == [
        REASON + "In the directive number 1, the character 'y' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "50%", "%d") == []


def test_plural_forms():
    """Lenient forms may drop names but must keep the count of positional arguments."""
    assert plural_refused(FLAG, "%<n>d file", "%<n>d files", ["one", "few", "%<n>d"]) == []
    assert plural_refused(FLAG, "%<n>d file", "%<n>d files", ["%<n>d", "%<n>d", "x"]) == [
        "a format specification for argument 'n' doesn't exist in 'msgstr[2]'"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "%d", "%d"]) == [
        "number of format specifications in 'msgid_plural' and 'msgstr[0]' does not match"
    ]


def test_marks():
    """START on '%', END on the conversion (or on '}'), ERROR where parsing stopped."""
    marks = Marks(9)
    with pytest.raises(Invalid):
        ruby.scan("%{ab}%5-d", marks=marks)
    assert list(marks.bits) == [1, 0, 0, 0, 2, 1, 0, 4, 0]
    marks = Marks(4)
    with pytest.raises(Invalid):
        ruby.scan("x%<a", marks=marks)
    assert list(marks.bits) == [0, 1, 0, 4]


# --- Generated entries, msgfmt -c as the oracle ----------------------------------------------

UNNUMBERED = (
    *("%s", "%d", "%5.2f", "%-10s", "%p", "%c", "%x", "%b", "%B", "%e", "%A", "%+d", "%05d"),
    *("% d", "%#o", "%*d", "%.*f", "%-*.*e", "%i", "%u", "%X", "%g", "%.3s", "%*%"),
)
NUMBERED = (
    *("%1$s", "%2$d", "%3$f", "%1$*2$d", "%2$.*3$f", "%1$c", "%2$-5d", "%3$p", "%1$.2f"),
    *("%-1$s", "%3$*1$.*2$f", "%2$s", "%1$d"),
)
NAMED = (
    *("%<a>s", "%<b>d", "%<a>f", "%{a}", "%{b}", "%<c>-10s", "%-<b>5.2f", "%<a>p", "%5{a}"),
    *("%<\u00e9>s", "%{x y}", "%<c>x", "%<b>s"),
)
NO_ARGUMENT = ("%%", "%\n", "%5%", "%<a>%", "%1$%")
BAD = (
    *("%5-d", "%.3.4f", "%5*d", "%<a", "%{a", "%y", "%", "%1$1$s", "%<a><b>s", "%*0$d"),
    *("%.*0$d", "%5 5d", "%\u00e9", "%\t", "%0$d", "%.3 d", "%.3*d", "%<a>{b}", "%<a>*d"),
)
MODES = {"unnumbered": UNNUMBERED, "numbered": NUMBERED, "named": NAMED}


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(2021)  # noqa: S311 - reproducible, not secret
    generator = Generator(rng, MODES, NO_ARGUMENT, BAD)
    compare_with_msgfmt(tmp_path, generator.batches(FLAG, 1000))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    directives = ["%-10.3f", "%<name>-8s", "%{name}", "%2$*1$d", "%%", "%5-d", "%<open", "%y"]
    directives += ["%<\u00e9t\u00e9>s", "%{\u00e9}", "%\u00e9", "%5.\u00e9"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or characters take time in proportion to their number."""
    cases = [
        (750, lambda n: "%<a>s %{b} " * n),
        (500, lambda n: "%1$*2$.*3$d %% " * n),
        (14000, lambda n: "%" + "9" * n + "$s"),
        (7000, lambda n: "%*" + "9" * n + "d"),
        (16000, lambda n: "%<" + "a" * n),
    ]
    for n, make in cases:
        assert_linear(ruby.scan, make, n=n, raises=Invalid)
