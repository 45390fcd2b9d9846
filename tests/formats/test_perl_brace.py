"""Perl brace format strings: gettext 0.21's format-perl-brace.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from ruby_perl_oracle import Generator

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import perl_brace
from hatch_minipo.formats.base import Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "perl-brace-format"


def names(text: str) -> tuple[str, ...]:
    return perl_brace.scan(text).names


def test_identifiers_in_braces_are_directives():
    """'{name}' with an identifier [_A-Za-z][_0-9A-Za-z]* names an argument."""
    assert names("{b} {a} {_x1} {A} {b}") == ("A", "_x1", "a", "b")
    assert perl_brace.scan("{b} {a} {b}").directives == 3


def test_other_braces_are_text():
    """Braces around anything else, or unclosed, are text; no string is invalid."""
    assert names("{1} { a} {a b} {} {a-b} } {\u00e9} {a\u00e9} {a") == ()
    assert names("{{a}} {a{b}") == ("a", "b")


def test_missing_name_is_refused_strictly():
    """A name of the msgid left out of the translation is refused."""
    assert refused(FLAG, "{a} of {b}", "{b}") == [
        "a format specification for argument 'a' doesn't exist in 'msgstr'"
    ]


def test_extra_names_are_accepted():
    """A translation may add names (they expand to themselves at run time) or reorder them."""
    assert refused(FLAG, "{a} of {b}", "{b} {c} {a} {a}") == []


def test_plural_forms():
    """Lenient forms may drop names; strict ones may not."""
    assert plural_refused(FLAG, "{n} file", "{n} files", ["one", "few", "{n} {m}"]) == []
    assert plural_refused(FLAG, "{n} file", "{n} files", ["{n}", "{n}", "many"]) == [
        "a format specification for argument 'n' doesn't exist in 'msgstr[2]'"
    ]


def test_marks():
    """START on '{', END on '}'; nothing elsewhere."""
    marks = Marks(10)
    perl_brace.scan("{a}{ {bc}{", marks=marks)
    assert list(marks.bits) == [1, 0, 2, 0, 0, 1, 0, 0, 2, 0]


# --- Generated entries, msgfmt -c as the oracle ----------------------------------------------

NAMES = ("{a}", "{b}", "{c}", "{a_1}", "{_x}", "{A}", "{count}", "{B2}")
MODES = {"names": NAMES}
NO_ARGUMENT = ("{", "}", "{1}", "{ a}", "{a b}", "{}", "{{a}}", "{a{b}", "%s", "{a.b}")
BAD = ("{\u00e9}", "{a\u00e9}", "{a", "{-}", "{0a}")


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(4242)  # noqa: S311 - reproducible, not secret
    generator = Generator(rng, MODES, NO_ARGUMENT, BAD)
    compare_with_msgfmt(tmp_path, generator.batches(FLAG, 1000))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does."""
    directives = ["{name}", "{a_long_name_1}", "{x}", "{{a}}", "{a b}", "{\u00e9t\u00e9}", "{a"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or characters take time in proportion to their number."""
    cases = [
        (3000, lambda n: "{a} {bc} " * n),
        (28000, lambda n: "{" + "a" * n),
        (9000, lambda n: "{a" * n),
        (3000, lambda n: "".join(f"{{n{k}}}" for k in range(n))),
    ]
    for n, make in cases:
        assert_linear(perl_brace.scan, make, n=n)
