"""C# format strings: gettext 0.21's format-csharp.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from token_grammar import Grammar

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import csharp
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "csharp-format"
REASON = "'msgstr' is not a valid C# format string, unlike 'msgid'. Reason: "
COUNT = "number of format specifications in 'msgid' and 'msgstr' does not match"


def reason(text: str) -> str:
    """Why msgfmt -c refuses ``text`` as the translation of a string without directives."""
    said = refused(FLAG, "plain", text)
    assert len(said) == 1
    assert said[0].startswith(REASON)
    with pytest.raises(Invalid):
        csharp.scan(text)
    return said[0][len(REASON) :]


def test_language_name():
    """msgfmt calls the language C#."""
    assert csharp.LANGUAGE == "C#"


def test_argument_count_is_the_largest_number_plus_one():
    """Only the count is kept: {2} alone takes three arguments, a repeat adds none."""
    assert csharp.scan("{2}") == 3
    assert csharp.scan("{0} {0} {1}") == 2
    assert csharp.scan("no directive") == 0
    assert refused(FLAG, "{0} {1}", "{1}") == []
    assert refused(FLAG, "{1}", "{0} {1}") == []


def test_width_and_format_specifiers():
    """',' and a (negative) width, ':' and anything up to the next '}' are skipped."""
    assert csharp.scan("{0,5} {1,-12:yyyy} {2:N2} {3:{}") == 4
    assert csharp.scan("{0:x}}}") == 1  # '}}' after the directive is a literal brace


def test_doubled_braces_are_text():
    """'{{' and '}}' write one brace and take no argument."""
    assert csharp.scan("{{0}} {{") == 0
    assert refused(FLAG, "{0}", "}}") == [COUNT]


def test_argument_number_wraps_like_an_unsigned_int():
    """The number is an unsigned int: {4294967296} is {0}; {4294967295} makes the count 0."""
    assert csharp.scan("{4294967296}") == 1
    assert csharp.scan("{4294967295}") == 0
    assert refused(FLAG, "{0}", "{4294967295}") == [COUNT]


def test_malformed_directives():
    """Each way a directive can be malformed, with gettext's reason."""
    not_a_number = "In the directive number 1, '{' is not followed by an argument number."
    for text in ("{", "{x}", "{-1}", "{ 0}"):
        assert reason(text) == not_a_number, text
    for text in ("{0,}", "{0,x}", "{0,-}"):
        assert reason(text) == "In the directive number 1, ',' is not followed by a number.", text
    for text in ("{0", "{0:abc", "{0,5"):
        assert reason(text) == (
            "The string ends in the middle of a directive: found '{' without matching '}'."
        ), text
    assert reason("{0 }") == (
        "The directive number 1 ends with an invalid character ' ' instead of '}'."
    )
    for text in ("{0é}", "{0\t}"):
        assert reason(text) == (
            "The directive number 1 ends with an invalid character instead of '}'."
        ), text


def test_lone_closing_brace():
    """A lone '}' is worded by whether a directive came before it."""
    assert reason("a } b") == (
        "The string starts in the middle of a directive: found '}' without matching '{'."
    )
    assert reason("{0} {1} } x") == "The string contains a lone '}' after directive number 2."
    assert reason("{{ }") == (
        "The string starts in the middle of a directive: found '}' without matching '{'."
    )


def test_counts_compared():
    """Strictly the counts must be equal; leniently the translation may take fewer."""
    assert refused(FLAG, "{0} {1}", "{0}") == [COUNT]
    assert refused(FLAG, "{0}", "{1}") == [COUNT]
    assert plural_refused(FLAG, "{0} file", "{0} files", ["one file", "few", "{0}"]) == []
    assert plural_refused(FLAG, "{0} file", "{0} files", ["{1}", "few", "{0}"]) == [
        "number of format specifications in 'msgid_plural' and 'msgstr[0]' does not match"
    ]
    assert plural_refused(FLAG, "{0} file", "{0} files", ["{0}", "{0}", "many"]) == [
        "number of format specifications in 'msgid_plural' and 'msgstr[2]' does not match"
    ]


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt skips an entry whose msgid is not a valid format string."""
    assert refused(FLAG, "a } b", "{0}") == []


def test_marks():
    """Directives and doubled braces are marked; an error marks where parsing stopped."""
    text = "a {0,5:x} {{ }}"
    marks = Marks(len(text))
    csharp.scan(text, marks=marks)
    assert [k for k, bit in enumerate(marks.bits) if bit & START] == [2, 10, 13]
    assert [k for k, bit in enumerate(marks.bits) if bit & END] == [8, 11, 14]
    for bad, position in (("a {x}", 3), ("a {", 2), ("{0,}", 3), ("{0 }", 2), ("{0:ab", 4)):
        marks = Marks(len(bad))
        with pytest.raises(Invalid):
            csharp.scan(bad, marks=marks)
        assert [k for k, bit in enumerate(marks.bits) if bit & ERROR] == [position], bad
    # A lone '}' is marked as a start, and the error on the character after it.
    marks = Marks(5)
    with pytest.raises(Invalid):
        csharp.scan("a } b", marks=marks)
    assert marks.bits[2] == START
    assert marks.bits[3] == ERROR


# --- Generated cases -------------------------------------------------------------------------

_COMMON = (
    *("{0}", "{1}", "{0,5}", "{0,-5}", "{1:N2}", "{0,3:x}", "{{", "}}", "{2}", "{10}", "{00}"),
    *("{1,-12:yyyy}", "{0:{}"),
)
_BROKEN = (
    *("{", "}", "{x}", "{0,}", "{0,x}", "{0:abc", "{0 }", "{0é}", "{4294967295}", "{0,-}"),
    *("{-1}", "{0,5 }", "{ 0}", "{0\t}", "{4294967296}", "{0,-x}", "}{"),
)


def _valid(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(_COMMON)
    out = "{" + str(rng.choice((0, 1, 2, 3)))
    if rng.random() < 0.3:
        out += "," + rng.choice(("", "-")) + str(rng.randint(0, 20))
    if rng.random() < 0.3:
        out += ":" + rng.choice(("N2", "x", "", "yyyy-MM-dd", "{"))
    return out + "}"


def _broken(rng: random.Random) -> str:
    return rng.choice(_BROKEN)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """On 1,050 generated entries, the first refusal is what msgfmt -c prints."""
    compare_with_msgfmt(tmp_path, Grammar(_valid, _broken).batches(FLAG, random.Random(7501), 700))  # noqa: S311 - reproducible, not secret


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """msgattrib never breaks inside a C# directive; an error ends the protection."""
    directives = [
        *("{0}", "{1,-12:yyyy-MM-dd}", "{{x}}", "{0:N2}", "{0,5}"),
        *("{x}", "{0 }", "{0,}", "a } b", "{0:never closed", "{0é}", "{0:é}"),
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))
    # The wrapper passes the bytes: in Latin-1 'é' is one byte, in UTF-8 two.
    latin1 = tmp_path / "latin1"
    latin1.mkdir()
    assert_wraps_like_msgattrib(
        latin1, directive_entries(FLAG, ["{0é}", "{0,5:é}"]), charset="ISO-8859-1"
    )


def test_linear_time():
    """Many directives, long numbers and long specifiers take linear time."""
    cases = [
        (1500, lambda n: "{0,-5:N2} {{}} " * n),
        (2250, lambda n: "{" + "1" * (16 * n) + "}"),
        (1500, lambda n: "{0:xxxxxxxxxx} " * (2 * n)),
        (2250, lambda n: ("{0," + "9" * 20 + ":{{{{} ") * n),
    ]
    for n, make in cases:
        assert_linear(csharp.scan, make, n=n, raises=Invalid)
