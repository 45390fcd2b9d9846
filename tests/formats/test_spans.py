"""formats.spans: which bytes of a string gettext 0.21 treats as inside a format directive."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hatch_minipo.formats import spans
from hatch_minipo.formats.base import START, Marks
from hatch_minipo.formats.spans import inside_directives
from hatch_minipo.po.flags import FORMAT_LANGUAGES, parse_flags


def protected(language: str, text: str, is_msgstr: bool = False) -> str:
    """The text with '^' under every byte a line may not break before."""
    inside = inside_directives(language, text.encode(), is_msgstr)
    assert inside is not None
    return "".join("^" if flag else " " for flag in inside).rstrip()


def test_first_format_language_in_gettext_order_wins():
    """With several format flags, the one earliest in gettext's table decides."""
    assert parse_flags(["python-format", "c-format"]).format_language == "c"
    assert parse_flags(["fuzzy, python-brace-format, python-format"]).format_language == "python"


def test_negated_and_possible_formats():
    """no-X-format turns the parser off; possible-X-format turns it on."""
    assert parse_flags(["no-c-format"]).format_language is None
    assert parse_flags(["no-c-format", "python-format"]).format_language == "python"
    assert parse_flags(["possible-c-format"]).format_language == "c"
    assert parse_flags(["impossible-c-format"]).format_language is None
    assert parse_flags(["nonsense-format", "fuzzy"]).format_language is None


def test_wrap_flags():
    """no-wrap asks for no wrapping; a later wrap flag cancels it."""
    assert parse_flags(["c-format", "no-wrap"]).wrap is False
    assert parse_flags(["no-wrap, wrap"]).wrap is True
    assert parse_flags([]).wrap is None


def test_format_languages_are_gettexts_thirty():
    """The table lists Debian's gettext 0.21 languages, C first and YCP last."""
    assert len(FORMAT_LANGUAGES) == 30
    assert FORMAT_LANGUAGES[:4] == ("c", "objc", "python", "python-brace")
    assert FORMAT_LANGUAGES[-1] == "ycp"


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("a %s b", "   ^"),
        ("%1$-10.3lf", " ^^^^^^^^^"),
        ("%<PRId64>!", " ^^^^^^^^"),
        ("%*d %.*f", " ^^  ^^^"),
        ("%% x", " ^"),
        ("%m", " ^"),
    ],
)
def test_c_directives_are_protected_after_their_percent(text, marks):
    """Every byte of a valid C directive but its '%' is protected."""
    assert protected("c", text) == marks


def test_c_parse_error_unprotects_the_rest():
    """An invalid directive and all that follows it are left breakable."""
    assert protected("c", "%s %y %d") == " ^"
    assert protected("c", "%1$s %s") == " ^^^"  # numbered, then unnumbered: an error


def test_c_i_flag_only_in_translations():
    """glibc's 'I' flag is a directive flag in msgstr only."""
    assert protected("c", "%Id", is_msgstr=True) == " ^^"
    assert protected("c", "%Id x %d", is_msgstr=False) == ""


def test_objc_accepts_at_sign():
    """'%@' is a directive for objc-format, an error for c-format."""
    assert protected("objc", "%@ %s") == " ^  ^"
    assert protected("c", "%@ %s") == ""


def test_python_named_directives():
    """Names in parentheses may hold spaces; named and unnamed do not mix."""
    assert protected("python", "%(two words)s") == " ^^^^^^^^^^^^"
    assert protected("python", "%(a)s %d %(b)s") == " ^^^^"
    assert protected("python", "%(open") == ""


def test_python_brace_marks_land_relative_to_each_brace():
    """gettext 0.21 stores brace marks relative to the '{': only a directive at 0 is right."""
    assert protected("python-brace", "{a.b}") == " ^^^^"
    assert protected("python-brace", "x {a.b}") == " ^^^^"
    assert protected("python-brace", "{{a}} {b}") == " ^^"


def test_unsupported_language_protects_nothing():
    """A language gettext does not know reports None rather than guessing."""
    assert inside_directives("cobol", b"$HOME", False) is None


@given(
    st.text(alphabet=st.sampled_from(list("ab }%{0.d:s!r-\\é")), max_size=40),
    st.sampled_from(["c", "python", "python-brace"]),
    st.booleans(),
)
@settings(max_examples=500, deadline=None)
def test_strings_without_an_introducer_are_not_scanned_and_hold_no_directive(
    text, language, is_msgstr
):
    """Without '%' (C, Python) or '{' (brace) the scanner marks nothing: the shortcut's ground."""
    encoded = text.encode()
    marks = Marks(len(encoded))
    spans._mark(language, encoded.decode("latin-1"), is_msgstr, marks)
    introducer = spans._INTRODUCERS[language]
    if introducer not in encoded:
        assert not any(bit & START for bit in marks.bits)
    assert spans.inside_directives(language, encoded, is_msgstr) == spans._inside(
        marks.bits, len(encoded)
    )
