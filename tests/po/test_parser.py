"""The PO parser: what it reads from each construct, and where it places each problem."""

from __future__ import annotations

import pytest

from hatch_minipo.po.reader import parse_po, sniff_charset

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def parse(text: str, header: str = HEADER):
    return parse_po((header + text).encode("utf-8"), "x.po")


def problems(text: str, header: str = HEADER) -> list[str]:
    return [str(d) for d in parse(text, header)[1]]


def test_header_and_entry_lines():
    """Each entry keeps the line of its msgid and of each msgstr."""
    catalog, diags = parse('#. note\nmsgid "a"\nmsgstr ""\n"b"\n')
    assert diags == []
    header, entry = catalog.messages
    assert header.is_header
    assert (header.line, header.msgstr_lines) == (1, (2,))
    assert (entry.msgid, entry.msgstr, entry.line, entry.msgstr_lines) == ("a", ("b",), 5, (6,))
    assert entry.extracted_comments == [" note"]


def test_empty_context_differs_from_none():
    """msgctxt "" is a context; its absence is not."""
    catalog, _ = parse('msgctxt ""\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n')
    assert [m.msgctxt for m in catalog.messages[1:]] == ["", None]


def test_context_directly_after_msgstr():
    """A msgctxt right after a msgstr starts a new entry (the shape of every .mini.po)."""
    catalog, diags = parse('msgid "a"\nmsgstr "x"\nmsgctxt "c"\nmsgid "b"\nmsgstr "y"\n')
    assert diags == []
    assert [(m.msgctxt, m.msgid) for m in catalog.messages[1:]] == [(None, "a"), ("c", "b")]


def test_plural_entry_keeps_empty_forms():
    """msgstr[N] are kept in order, empty ones included."""
    catalog, _ = parse('msgid "f"\nmsgid_plural "fs"\nmsgstr[0] "a"\nmsgstr[1] ""\n')
    entry = catalog.messages[1]
    assert (entry.msgid_plural, entry.msgstr, entry.msgstr_lines) == ("fs", ("a", ""), (6, 7))


def test_escapes():
    """Every escape msgfmt accepts; octal and hex stand for bytes, hex keeps the low byte."""
    escaped = r'msgstr "\a\b\f\n\r\t\v\\\"\303\251\x41\x4142"'
    catalog, diags = parse(f'msgid "e"\n{escaped}\n')
    assert diags == []
    assert catalog.messages[1].msgstr == ('\a\b\f\n\r\t\v\\"éAB',)


def test_flags_and_comments():
    """Flags are split; translator, reference and previous comments are kept."""
    catalog, _ = parse(
        '# translator\n#: a.py:1\n#, fuzzy, python-format\n#| msgid "old"\nmsgid "a"\nmsgstr "b"\n'
    )
    entry = catalog.messages[1]
    assert entry.flags == ["fuzzy", "python-format"]
    assert entry.translator_comments == [" translator"]
    assert entry.references == [" a.py:1"]
    assert entry.previous == [' msgid "old"']


def test_obsolete_entries_are_kept_and_marked():
    """#~ entries are in the model, marked obsolete."""
    catalog, diags = parse('msgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "gone"\n')
    assert diags == []
    assert [(m.msgid, m.obsolete) for m in catalog.messages[1:]] == [("a", False), ("old", True)]


def test_crlf_indentation_and_missing_final_newline():
    """CRLF line ends, indented keywords and a last line without newline are all read."""
    data = HEADER.replace("\n", "\r\n") + '  msgid "a"\r\n\tmsgstr "b"'
    catalog, diags = parse_po(data.encode(), "x.po")
    assert diags == []
    assert catalog.messages[1].msgstr == ("b",)


def test_several_strings_on_one_line():
    """GNU accepts several strings after one keyword on the same line."""
    catalog, diags = parse('msgid "a" "b"\nmsgstr "c" "d"\n')
    assert diags == []
    assert (catalog.messages[1].msgid, catalog.messages[1].msgstr) == ("ab", ("cd",))


def test_latin1_and_big5():
    """The header's charset decodes the file; a Big5 trail byte 0x5C is not a backslash."""
    latin = HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "cafe"\nmsgstr "café"\n'
    catalog, diags = parse_po(latin.encode("latin-1"), "x.po")
    assert (diags, catalog.messages[1].msgstr, catalog.charset) == ([], ("café",), "iso8859-1")
    big5 = HEADER.replace("UTF-8", "BIG5") + 'msgid "open"\nmsgstr "許功蓋"\n'
    assert b"\\" in "許功蓋".encode("big5")
    catalog, diags = parse_po(big5.encode("big5"), "x.po")
    assert (diags, catalog.messages[1].msgstr) == ([], ("許功蓋",))


def test_utf8_bom_is_accepted():
    """A UTF-8 byte-order mark is dropped (msgfmt refuses it; editors write it)."""
    catalog, diags = parse_po(b"\xef\xbb\xbf" + (HEADER + 'msgid "a"\nmsgstr "b"\n').encode(), "x")
    assert diags == []
    assert catalog.messages[1].msgstr == ("b",)


def test_sniff_charset():
    """The charset comes from the header entry only."""
    assert sniff_charset(HEADER.encode()) == "UTF-8"
    assert sniff_charset(b'msgid "a"\nmsgstr "charset=KOI8-R"\n') is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('msgid "a\nmsgstr "b"\n', ["x.po:4: end-of-line within string"]),
        ('msgid "a"\nmsgstr "\\e"\n', ["x.po:5: invalid control sequence '\\e'"]),
        ('msgid "a"\n', ["x.po:4: missing 'msgstr' section"]),
        ('# c\nmsgstr "b"\n', ["x.po:5: 'msgstr' without 'msgid'"]),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', ["x.po:6: duplicate 'msgstr'"]),
        ('msgctxt "x"\nmsgctxt "y"\nmsgid "a"\nmsgstr "b"\n', ["x.po:5: duplicate 'msgctxt'"]),
        ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', ["x.po:5: duplicate 'msgid'"]),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
            ["x.po:6: 'msgid_plural' needs 'msgstr[0]', not 'msgstr'"],
        ),
        ('msgid "a"\nmsgstr[0] "b"\n', ["x.po:5: missing 'msgid_plural' section"]),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n',
            ["x.po:7: plural form has wrong index: msgstr[2] where msgstr[1] was expected"],
        ),
        ('msgid "a"\nmsgstr "b"\nfoo "c"\n', ['x.po:6: keyword "foo" unknown']),
        ('msgid "a"\nmsgstr "b"\n# c\n"x"\n', ["x.po:7: string without a keyword before it"]),
        ('#~ msgid "a"\nmsgstr "b"\n', ["x.po:5: inconsistent use of #~"]),
        (
            'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
            ["x.po:7: duplicate message definition (first defined at line 4)"],
        ),
        (
            'msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr "c"\n',
            ["x.po:9: duplicate message definition (first defined at line 5)"],
        ),
        ('msgid "a"\nmsgstr "b" x\n', ['x.po:5: keyword "x" unknown']),
        ('msgid "a"\nmsgstr "b" !\n', ["x.po:5: syntax error at '!'"]),
    ],
)
def test_syntax_errors_are_placed(text, expected):
    """Each kind of syntax error is reported once, as path:line: message."""
    assert problems(text) == expected


def test_every_problem_is_reported():
    """A file with several problems reports all of them, in line order."""
    assert problems('msgid "a\nmsgstr "b"\n\nmsgid "c"\nmsgstr "\\q"\n\nmsgid "d"\n') == [
        "x.po:4: end-of-line within string",
        "x.po:8: invalid control sequence '\\q'",
        "x.po:10: missing 'msgstr' section",
    ]


def test_unknown_charset():
    """A charset Python cannot decode is refused at line 1 (Python's gettext would crash)."""
    assert problems('msgid "a"\nmsgstr "b"\n', HEADER.replace("UTF-8", "X-NOPE")) == [
        "x.po:1: unknown charset 'X-NOPE': Python cannot decode it"
    ]


def test_stray_string_after_blank_lines_continues_the_msgstr():
    """As in GNU, a string after blank lines still continues the last msgstr."""
    catalog, diags = parse('msgid "a"\nmsgstr "b"\n\n\n"x"\n')
    assert diags == []
    assert catalog.messages[1].msgstr == ("bx",)
