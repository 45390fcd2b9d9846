"""The parser's fast path reads exactly what the full parser reads, or declines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gnu import CORPUS
from hatch_minipo.parser import _parse_plain, _Parser
from po_samples import catalog_text

BAD = Path(__file__).parent / "bad_catalogs"


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
    assert fast == slow
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
    for path in sorted(BAD.glob("*.po")):
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
