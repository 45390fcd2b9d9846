"""Comment lines read and reprinted the way GNU gettext 0.21 does (facts measured with msgattrib)."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gnu import require
from hatch_minipo.po import comments
from hatch_minipo.po.comments import (
    extracted_comment_line,
    parse_previous,
    parse_references,
    reference_lines,
    translator_comment_line,
)
from hatch_minipo.po.flags import EntryFlags, parse_flags
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import write_po

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def entry(text: str):
    """The one entry after the header in ``HEADER + text``."""
    catalog, diagnostics = parse_po((HEADER + text).encode(), "x.po")
    assert [d for d in diagnostics if d.is_error] == []
    return catalog.messages[1]


def test_translator_comment_gets_one_space():
    """'#x' becomes '# x', '#  x' keeps its second space, '#' and '# ' become '#'."""
    assert translator_comment_line("x") == "# x"
    assert translator_comment_line("  x") == "#  x"
    assert translator_comment_line("") == "#"
    assert translator_comment_line(" ") == "#"
    assert translator_comment_line("\tx") == "# \tx"


def test_extracted_comment_gets_one_space():
    """'#.x' becomes '#. x'; an empty one stays '#.'."""
    assert extracted_comment_line("x") == "#. x"
    assert extracted_comment_line(" x") == "#. x"
    assert extracted_comment_line("") == "#."


def test_last_flag_line_wins():
    """A later '#,' line replaces the flags of an earlier one, as in msgfmt and msgattrib."""
    assert not entry('#, fuzzy\n#, c-format\nmsgid "a"\nmsgstr "A"\n').fuzzy
    assert entry('#, c-format\n#, fuzzy\nmsgid "a"\nmsgstr "A"\n').flags == ["fuzzy"]


def test_flags_split_at_white_space_and_bang_lines_count():
    """'#, fuzzy c-format' holds two flags; '#! fuzzy' is a flag line too."""
    assert entry('#,fuzzy   c-format,,python-format\nmsgid "a"\nmsgstr "A"\n').flags == [
        "fuzzy",
        "c-format",
        "python-format",
    ]
    assert entry('#! fuzzy\nmsgid "a"\nmsgstr "A"\n').fuzzy


def test_flag_items_in_gnu_order():
    """fuzzy first, formats in gettext's table order, then range and no-wrap; unknown dropped."""
    flags = parse_flags(
        [
            "python-format",
            "c-format",
            "fuzzy",
            "no-wrap",
            "range:",
            "1..5",
            "foo-bar",
            "possible-sh-format",
            "no-java-format",
            "impossible-lisp-format",
        ]
    )
    assert flags.items(obsolete=False, print_fuzzy=True) == [
        "fuzzy",
        "c-format",
        "python-format",
        "no-java-format",
        "sh-format",
        "range: 1..5",
        "no-wrap",
    ]


def test_obsolete_and_untranslated_flag_items():
    """An obsolete entry loses its range; fuzzy shows only with a translation."""
    flags = parse_flags(["fuzzy", "c-format", "range:", "0..3"])
    assert flags.items(obsolete=True, print_fuzzy=False) == ["fuzzy", "c-format"]
    assert flags.items(obsolete=False, print_fuzzy=False) == ["c-format", "range: 0..3"]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["range:", "5..3"], None),
        (["range:", "0..2147483648"], (0, 2147483647)),
        (["range:", "3..4foo"], (3, 4)),
        (["range:", "x", "wrap"], None),
        (["range:"], None),
    ],
)
def test_range_parsing(items, expected):
    """A range needs min <= max, is clamped to INT_MAX, and consumes the next item."""
    assert parse_flags(items).range == expected


def test_wrap_flags():
    """The last of wrap/no-wrap counts; an empty line means nothing."""
    assert parse_flags(["no-wrap", "wrap"]).wrap is True
    assert parse_flags(["wrap", "no-wrap"]).wrap is False
    assert parse_flags([]) == EntryFlags()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" a.c:1 b.c:20", [("a.c", 1), ("b.c", 20)]),
        (" b.c : 3 c.c: 4 d.c :5", [("b.c", 3), ("c.c", 4), ("d.c", 5)]),
        (" e.c:x f.c", [("e.c:x", None), ("f.c", None)]),
        (" g:12:13", [("g:12", 13)]),
        (" g:12:13 :7", [("g:12:13", 7)]),
        (" h.c:007 :3 ::1", [("h.c:007", 3), (":", 1)]),
        (" x.c:18446744073709551615", [("x.c", None)]),
        (" f.c:1\r", [("f.c:1\r", None)]),
    ],
)
def test_reference_parsing(text, expected):
    """File and line are split as gettext 0.21's parse_comment_filepos splits them."""
    assert parse_references([text]) == expected


def test_references_deduplicated_by_raw_name():
    """The same name and line once; './a.c' and 'a.c' are different names to GNU."""
    assert parse_references([" a.c:1 a.c:1", " ./a.c:1 a.c:1"]) == [("a.c", 1), ("./a.c", 1)]


def test_reference_lines_fill_to_the_width_in_bytes():
    """References are joined and broken before the one that passes the width; './' is dropped."""
    refs = [("./src/a.py", 1), ("src/é.py", 22), ("src/c.py", None)]
    assert reference_lines(refs, 79, "utf-8") == ["#: src/a.py:1 src/é.py:22 src/c.py"]
    assert reference_lines(refs, 24, "utf-8") == ["#: src/a.py:1", "#: src/é.py:22 src/c.py"]
    # "é" is two bytes in UTF-8: one byte less of room makes src/c.py move down.
    assert reference_lines(refs, 23, "utf-8")[-1] == "#: src/c.py"
    assert reference_lines(refs, 23, "latin-1")[-1] == "#: src/é.py:22 src/c.py"
    assert reference_lines([], 79, "utf-8") == []


def test_previous_strings_are_read_as_strings():
    """'#|' lines give back the previous context, msgid and plural, escapes decoded."""
    previous = parse_previous(
        [' msgctxt "ctx"', ' msgid ""', ' "a\\n"', ' "b \\"q\\""', ' msgid_plural "p"\r'], "utf-8"
    )
    assert (previous.msgctxt, previous.msgid, previous.msgid_plural) == ("ctx", 'a\nb "q"', "p")
    assert parse_previous([], "utf-8").msgid is None


@pytest.mark.oracle
def test_comments_match_msgattrib(tmp_path):
    """Every comment case above, written by msgattrib and by us, gives the same bytes."""
    msgattrib = require("msgattrib")
    text = HEADER + (
        "# Translator comment\n#  two spaces\n#no space\n#\n#. extracted\n#.noextra\n"
        "#: src/a.c:10 src/b.c:20\n#: ./src/c.c:5 src/a.c:10\n"
        "#, python-format, c-format, fuzzy, no-wrap, range: 1..5, foo-bar, possible-sh-format\n"
        '#| msgid "old"\nmsgid "b"\nmsgstr "B"\n\n'
        '#, fuzzy\n#, c-format\nmsgid "c"\nmsgstr "C"\n\n'
        '#! fuzzy\nmsgid "d"\nmsgstr "D"\n\n'
        "#: a:1:2 :3 b: c :  d:4x e:: f:  12  g  :  13 :14 ::1 ././/x.c:1 1:2 a:01 aa:\n"
        '# File: foo.c, line: 12\nmsgid "e"\nmsgstr "E"\n\n'
        '#, range: 5..3, c-format\nmsgid "f"\nmsgstr "F"\n\n'
        '# obsolete\n#, fuzzy, c-format, range: 1..2\n#~| msgid "zz"\n#~ msgid "g"\n#~ msgstr "G"\n'
    )
    source = tmp_path / "x.po"
    source.write_text(text, encoding="utf-8")
    gnu = subprocess.run(
        [msgattrib, "--force-po", str(source)], capture_output=True, check=True
    ).stdout
    assert write_po(parse_po(source.read_bytes(), str(source))[0]) == gnu


@given(st.text(alphabet=st.sampled_from(list(" \t:ab1209./é")), max_size=40))
@settings(max_examples=500, deadline=None)
def test_reference_words_read_alone_as_the_loop_reads_them(text):
    """The shortcut for colon-free word edges gives the pairs of gettext's loop."""
    assert list(comments._split_references(text)) == list(comments._split_spaced_references(text))


def test_reference_shortcut_covers_the_common_shape():
    """Plain `file:line` words, and numbers past size_t, read as the loop reads them."""
    text = " a.py:12 ./b/c.html:7 name 12 x:y:3 z:0 big.c:99999999999999999999999"
    assert comments._split_references(text) == list(comments._split_spaced_references(text))
    assert comments._split_references(text)[:3] == [("a.py", 12), ("./b/c.html", 7), ("name", None)]
