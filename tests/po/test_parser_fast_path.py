"""The parser's fast path reads exactly what the full parser reads, or declines."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gnu import CORPUS
from hatch_minipo.mo import writer as mo
from hatch_minipo.po import reader as parser
from hatch_minipo.po.reader import _parse_plain, _Parser, parse_po
from hatch_minipo.validate import validate
from po_samples import catalog_text

BAD = Path(__file__).resolve().parents[1] / "bad_catalogs"


def full_parser(text: str):
    parser = _Parser("x.po", "utf-8")
    for lineno, line in enumerate(text.split("\n"), 1):
        parser.line(lineno, line)
    parser.finish()
    return parser.messages, parser.diagnostics


def agree(text: str) -> bool:
    """True when the fast path took the text (and then matched the full parser exactly)."""
    fast = _parse_plain(text.encode("utf-8", "surrogateescape"))
    slow, problems = full_parser(text)
    if fast is None:
        return False
    assert problems == []
    assert fast.messages == slow
    assert fast.clean == ("\x04" not in text and not re.search("[\udc80-\udcff]", text))
    return True


def test_corpus_takes_the_fast_path_with_the_same_result():
    """Every real .mini.po goes the fast way and reads the same as with the full parser."""
    files = sorted(CORPUS.glob("*/*.mini.po"))
    taken = [agree(path.read_bytes().decode("utf-8", "surrogateescape")) for path in files]
    assert all(taken) or not files


def test_generated_full_catalogs_agree():
    """Full catalogs (comments, contexts, plurals, obsolete entries) agree or decline."""
    taken = [agree(catalog_text(seed)) for seed in range(150)]
    assert any(taken) or not taken


def test_broken_catalogs_decline():
    """Every catalog of the bad-input suite is left to the full parser."""
    paths = sorted(BAD.glob("*.po"))
    assert len(paths) > 10, BAD
    for path in paths:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        _, problems = full_parser(text)
        if problems:
            assert _parse_plain(path.read_bytes()) is None, path.name


_pieces = st.sampled_from(
    [
        'msgid "a"',
        'msgid ""',
        'msgctxt "c"',
        'msgid_plural "as"',
        'msgstr "x"',
        'msgstr ""',
        'msgstr[0] "x"',
        'msgstr[1] "y"',
        'msgstr[2] "z"',
        '"more"',
        '"\\n"',
        '"\\x41\\303\\251"',
        '"\\q"',
        "",
        "# translator",
        "#, fuzzy, c-format",
        "#! no-wrap",
        "#: a.py:1",
        "#. extracted",
        '#| msgid "old"',
        '#~ msgid "o"',
        '  msgid "indented"',
        'msgid "a" "b"',
        '"unterminated',
        "\r",
        'msgstr "cr"\r',
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_pieces, max_size=14))
def test_random_line_sequences_agree(lines):
    """Any sequence of PO lines is read the same way by both paths, or declined."""
    agree("\n".join(lines))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 149), block=st.integers(0, 400))
def test_blocks_of_any_size_read_the_same(seed, block):
    """Decoding a block at a time, with entries carried across blocks, changes nothing."""
    data = catalog_text(seed).encode("utf-8")
    assert _parse_plain(data, block) == _parse_plain(data)


def test_corpus_read_in_small_blocks_is_the_same():
    """Real catalogs cut every few hundred bytes read exactly as in one block."""
    for path in sorted(CORPUS.glob("*/*.mini.po"))[:20]:
        data = path.read_bytes()
        whole = _parse_plain(data)
        assert whole is not None, path.name
        assert _parse_plain(data, 300) == whole, path.name


def test_entry_larger_than_the_carry_limit_goes_to_the_full_parser(monkeypatch):
    """An entry too large to carry from block to block is declined, and parse_po still reads it."""
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    text += 'msgid "long"\nmsgstr ""\n' + '"0123456789"\n' * 50 + "\n" + 'msgid "b"\nmsgstr "c"\n'
    monkeypatch.setattr(parser, "_CARRY_LIMIT", 100)
    assert _parse_plain(text.encode(), 64) is None
    catalog, problems = parse_po(text.encode())
    assert problems == []
    assert catalog.messages[1].msgstr == ("0123456789" * 50,)
    assert [m.line for m in catalog.messages] == [1, 5, 58]


def test_entries_with_the_same_comments_do_not_share_lists():
    """Comment lines read once for many entries still give each entry lists of its own."""
    text = '#, python-format\n#: a.py:1\nmsgid "a"\nmsgstr "b"\n\n'
    text += '#, python-format\n#: a.py:1\nmsgid "c"\nmsgstr "d"\n'
    first, second = _parse_plain(text.encode()).messages
    first.flags.append("fuzzy")
    first.references.clear()
    assert (second.flags, second.references) == (["python-format"], [" a.py:1"])


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive repetitions need 3.11")
def test_possessive_pattern_matches_as_the_backtracking_one():
    """Python 3.9 and 3.10 get the same entry pattern without possessive repetitions: same spans."""
    backtracking = re.compile(parser._PLAIN_ENTRY.pattern.replace("*+", "*").replace("++", "+"))
    assert backtracking.pattern != parser._PLAIN_ENTRY.pattern
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.mini.po"))]
    texts += [catalog_text(seed) for seed in range(150)]
    for text in texts:
        pos = 0
        while True:
            fast, slow = parser._PLAIN_ENTRY.match(text, pos), backtracking.match(text, pos)
            assert (fast and fast.span()) == (slow and slow.span())
            assert (fast and fast.groups()) == (slow and slow.groups())
            if fast is None:
                break
            pos = fast.end()


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive repetitions need 3.11")
@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=14))
def test_possessive_pattern_agrees_on_random_lines(lines):
    """On any line sequence, with or without possessive repetitions, the same match or none."""
    backtracking = re.compile(parser._PLAIN_ENTRY.pattern.replace("*+", "*").replace("++", "+"))
    text = "\n".join(lines) + "\n"
    for pos in range(len(text)):
        fast, slow = parser._PLAIN_ENTRY.match(text, pos), backtracking.match(text, pos)
        assert (fast and (fast.span(), fast.groups())) == (slow and (slow.span(), slow.groups()))


def test_long_comment_blocks_are_not_remembered():
    """The cache of comment blocks outlives the catalog: it keeps short, repeated ones only."""
    parser._known_comments.cache_clear()
    long_note = "#. " + "x" * 300 + "\n"
    text = long_note + '#, c-format\nmsgid "a"\nmsgstr "b"\n\n#, c-format\nmsgid "c"\nmsgstr "d"\n'
    first, second = _parse_plain(text.encode()).messages
    assert (first.extracted_comments, first.flags) == ([" " + "x" * 300], ["c-format"])
    assert second.flags == ["c-format"]
    assert parser._known_comments.cache_info().currsize == 1  # "\n#, c-format\n" alone


@pytest.mark.parametrize(
    ("extra", "clean"),
    [
        ("", True),
        ('#. a note with \x04 in it\nmsgid "b"\nmsgstr "c"\n', False),
        ('msgid "b"\nmsgstr "\xff"\n', False),
        ('msgid "b\\004c"\nmsgstr "x"\n', False),
        ('msgid "b"\nmsgstr "\\377"\n', False),
    ],
)
def test_clean_text_is_known_from_the_parse_and_changes_no_verdict(extra, clean):
    """The parser says when the file holds no EOT and no undecodable byte; validation agrees."""
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "A"\n\n'
        + extra.encode("utf-8", "surrogateescape").replace("\xff".encode(), b"\xff")
    )
    catalog, problems = parse_po(data, "x.po")
    assert (catalog.clean_text, problems) == (clean, [])
    compiled = mo.select(catalog.messages)
    searched = dataclasses.replace(catalog, clean_text=False)
    assert validate(catalog, compiled).diagnostics == validate(searched, compiled).diagnostics


def test_every_corpus_catalog_is_known_clean():
    """Real catalogs are clean text: validation skips its search on every one of them."""
    for path in sorted(CORPUS.glob("*/*.mini.po")):
        catalog, _ = parse_po(path.read_bytes(), str(path))
        assert catalog.clean_text or catalog.charset != "utf-8", path.name


def split_agrees(text: str) -> bool:
    """True when _parse_fast read the text (and then matched the full parser exactly)."""
    problems: list[object] = []
    fast = parser._parse_fast(text.encode("utf-8", "surrogateescape"), "x.po", problems)
    slow, slow_problems = full_parser(text)
    if fast is None:
        return False
    assert fast.messages == slow
    assert problems == slow_problems
    return True


OBSOLETE_TAIL = (
    '\n#, fuzzy\n#~| msgid "older"\n#~ msgid "old"\n#~ msgstr "alt"\n\n'
    '# kept note\n#~ msgctxt "c"\n#~ msgid "gone"\n#~ msgid_plural "gones"\n'
    '#~ msgstr[0] "weg"\n#~ msgstr[1] "wege"\n'
)


def test_obsolete_tail_is_read_by_the_full_parser_with_the_same_result():
    """A catalog ending in obsolete entries: head fast, tail full, as one full parse."""
    taken = 0
    for seed in range(150):
        text = catalog_text(seed)
        if "#~" in text:
            continue
        taken += split_agrees(text.rstrip("\n") + "\n" + OBSOLETE_TAIL)
    assert taken >= 20
    # An obsolete entry with the msgid of an active one is still a duplicate.
    text = 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'
    assert any("duplicate" in d.message for d in parse_po(text.encode())[1])


def test_generated_catalogs_with_obsolete_entries_agree_or_decline():
    """Obsolete entries anywhere: the split reads what the full parser reads, or declines."""
    taken = [split_agrees(catalog_text(seed)) for seed in range(150)]
    assert any(taken)


@pytest.mark.parametrize(
    "tail",
    [
        # A string after a blank line continues the msgstr before it (GNU reads "bc").
        '\n"c"\n\n#~ msgid "old"\n#~ msgstr "alt"\n',
        # Comments before an obsolete entry, even after a blank line, are that entry's.
        '\n#, fuzzy\n# tc\n#. x\n\n#~ msgid "old"\n#~ msgstr "alt"\n',
        '\n# tc\n#~ msgid "old"\n#~ msgstr "alt"\n',
        # An obsolete string continuing a live entry, and a stray #~ line.
        '#~ "c"\n\n#~ msgid "old"\n#~ msgstr "alt"\n',
        '\n#~ stray\n#~ msgid "old"\n#~ msgstr "alt"\n',
    ],
)
def test_obsolete_tail_edges_read_as_the_full_parser_reads_them(tail):
    """Blank lines, comments and strings before the first #~ line: the same result or decline."""
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    split_agrees(text + tail)
    catalog, problems = parse_po((text + tail).encode(), "x.po")
    slow, slow_problems = full_parser(text + tail)
    assert catalog.messages == slow
    assert problems == sorted(slow_problems, key=lambda d: d.line)


def without_comments(message):
    """A message's fields other than its translator, extracted, reference and previous comments."""
    return (
        message.msgid,
        message.msgstr,
        message.msgid_plural,
        message.msgctxt,
        message.flags,
        message.obsolete,
        message.line,
        message.msgstr_lines,
    )


def flags_only_agree(text: str) -> None:
    """parse_po without comments reads what parse_po reads, the four comment lists aside."""
    data = text.encode("utf-8", "surrogateescape")
    full, full_problems = parse_po(data, "x.po")
    bare, bare_problems = parse_po(data, "x.po", comments=False)
    assert bare_problems == full_problems
    assert (bare.clean_text, bare.charset) == (full.clean_text, full.charset)
    assert [without_comments(m) for m in bare.messages] == [
        without_comments(m) for m in full.messages
    ]


def test_flags_only_parse_reads_the_same_entries_and_flags():
    """Reading only the flags changes no entry, flag, line or problem on real and full catalogs."""
    for path in sorted(CORPUS.glob("*/*.mini.po")):
        flags_only_agree(path.read_bytes().decode("utf-8", "surrogateescape"))
    for seed in range(150):
        flags_only_agree(catalog_text(seed))
        flags_only_agree(catalog_text(seed).rstrip("\n") + "\n" + OBSOLETE_TAIL)
    text = '#: a.py:1\n# note\n#. x\n#| msgid "o"\n#, c-format\nmsgid "a %d"\nmsgstr "b %d"\n'
    (message,) = parse_po(text.encode(), comments=False)[0].messages
    assert message.flags == ["c-format"]
    assert (message.references, message.translator_comments, message.previous) == ([], [], [])


@settings(max_examples=400, deadline=None)
@given(st.lists(_pieces, max_size=14))
def test_flags_only_parse_agrees_on_random_lines(lines):
    """On any line sequence, the flags-only parse gives the full parse's entries and flags."""
    flags_only_agree("\n".join(lines))


_comment_lines = st.sampled_from(
    [
        "#, fuzzy",
        "#, c-format, no-wrap",
        "#,python-format",
        "#! no-wrap",
        "#!",
        "#,",
        "  #, range: 0..5",
        "\t#, c-format\r",
        "\r#, fuzzy",
        "# a note #, c-format",
        "#. extracted #, fuzzy",
        "#: a.py:1 #!",
        '#| msgid "#, x"',
        "#",
        "",
        "   ",
        "#, " + "long-flag " * 30,
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_comment_lines, max_size=8))
def test_flag_lines_are_found_as_every_comment_is_read(lines):
    """The flags-only reader finds the flags the reader of every comment finds: last line wins."""
    notes = "".join(line + "\n" for line in lines)
    assert parser._plain_flags(notes) == list(parser._read_comments(notes)[0])


def test_flags_only_entries_do_not_share_lists():
    """Entries read without comments still get lists of their own, as every entry does."""
    text = '#, python-format\n#: a.py:1\nmsgid "a"\nmsgstr "b"\n\n'
    text += '#, python-format\n#: a.py:1\nmsgid "c"\nmsgstr "d"\n\nmsgid "e"\nmsgstr "f"\n'
    first, second, third = _parse_plain(text.encode(), comments=False).messages
    first.flags.append("fuzzy")
    first.references.append("x")
    third.previous.append("y")
    assert (second.flags, second.references, second.previous) == (["python-format"], [], [])
    assert (third.flags, third.references) == ([], [])
