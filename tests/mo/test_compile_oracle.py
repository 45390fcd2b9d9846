"""Compiled .mo bytes equal GNU msgfmt 0.21's on real and generated catalogs."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gnu import corpus_files, msgfmt, require
from hatch_minipo.compiler import compile_catalog

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.oracle

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t 1\\n"\n"POT-Creation-Date: 2020-01-01 00:00+0000\\n"\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def both(tmp_path: Path, text: str | bytes, name: str = "t.po") -> tuple[bytes | None, bytes]:
    """(msgfmt's bytes, ours) for the same file."""
    source = tmp_path / name
    source.write_bytes(text.encode() if isinstance(text, str) else text)
    result = compile_catalog(source.read_bytes(), str(source))
    assert result.mo is not None, [str(d) for d in result.diagnostics]
    return msgfmt(source), result.mo


def test_corpus_is_byte_identical(tmp_path):
    """Every corpus catalog compiles to exactly msgfmt's bytes."""
    require("msgfmt")
    files = corpus_files()
    for path in files:
        copy = tmp_path / f"{path.parent.name}-{path.name}"
        shutil.copyfile(path, copy)
        gnu, ours = both(tmp_path, copy.read_bytes(), copy.name)
        assert ours == gnu, path
    assert len(files) >= 60


EDGE_CASES = {
    "escapes": 'msgid "e"\n' + r'msgstr "\a\b\f\n\r\t\v\\\"\303\251\x41\x4142\1012"' + "\n",
    "empty-and-missing-context": (
        'msgctxt ""\nmsgid "a"\nmsgstr "empty"\n\nmsgid "a"\nmsgstr "none"\n\n'
        'msgctxt "k"\nmsgid "a"\nmsgstr "k"\n'
    ),
    "plural-empty-forms": (
        'msgid "p"\nmsgid_plural "ps"\nmsgstr[0] ""\nmsgstr[1] "x"\n\n'
        'msgid "q"\nmsgid_plural "qs"\nmsgstr[0] "Q"\nmsgstr[1] ""\n'
    ),
    "fuzzy-and-untranslated": '#, fuzzy\nmsgid "f"\nmsgstr "F"\n\nmsgid "u"\nmsgstr ""\n',
    "obsolete": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "gone"\n',
    "indented-keywords": '   msgid "a"\n\t msgstr "b"\n',
    "no-final-newline": 'msgid "a"\nmsgstr "b"',
    "sort-order": 'msgid "b"\nmsgstr "2"\n\nmsgid "a"\nmsgstr "1"\n\nmsgid "\\303\\244"\nmsgstr "3"\n',
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_are_byte_identical(tmp_path, name):
    """Escapes, contexts, empty plural forms, fuzzy, obsolete... compile as msgfmt does."""
    gnu, ours = both(tmp_path, HEADER.format(charset="UTF-8") + EDGE_CASES[name])
    assert ours == gnu


def test_fuzzy_header_is_compiled(tmp_path):
    """msgfmt ignores the fuzziness of the header entry; so do we."""
    gnu, ours = both(
        tmp_path, "#, fuzzy\n" + HEADER.format(charset="UTF-8") + 'msgid "a"\nmsgstr "b"\n'
    )
    assert ours == gnu
    assert b"Project-Id-Version" in ours


def test_crlf_is_byte_identical(tmp_path):
    """A CRLF file gives the bytes of its LF twin."""
    text = HEADER.format(charset="UTF-8") + 'msgid "a"\nmsgstr "b"\n'
    gnu, ours = both(tmp_path, text.replace("\n", "\r\n"))
    assert ours == gnu


@pytest.mark.parametrize(("charset", "text"), [("ISO-8859-1", "Café crème"), ("BIG5", "許功蓋")])
def test_legacy_charsets_are_byte_identical(tmp_path, charset, text):
    """Latin-1 and Big5 catalogs keep their encoding, as msgfmt 0.21 keeps it."""
    source = HEADER.format(charset=charset) + f'msgid "a"\nmsgstr "{text}"\n'
    gnu, ours = both(tmp_path, source.encode(charset))
    assert ours == gnu
    assert text.encode(charset) in ours


def test_header_only_catalog(tmp_path):
    """A catalog with only its header compiles like msgfmt's (real projects ship them)."""
    gnu, ours = both(tmp_path, HEADER.format(charset="UTF-8"))
    assert ours == gnu


def test_pot_creation_date_is_dropped(tmp_path):
    """msgfmt drops POT-Creation-Date from the compiled header; so do we."""
    gnu, ours = both(tmp_path, HEADER.format(charset="UTF-8"))
    assert b"POT-Creation-Date" not in ours
    assert ours == gnu


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 8, 13, 40, 97, 300])
def test_hash_table_sizes(tmp_path, count):
    """msgfmt's hash table size and probing, for small and larger catalogs."""
    entries = "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(count))
    gnu, ours = both(tmp_path, HEADER.format(charset="UTF-8") + entries)
    assert ours == gnu


_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00", max_codepoint=0x2FFFF
    ),
    max_size=20,
)
_entry = st.tuples(
    st.one_of(st.none(), _text),
    _text.filter(bool),
    st.one_of(st.none(), _text),
    st.lists(_text, min_size=2, max_size=2),
    st.booleans(),
)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    for char, code in (("\n", "n"), ("\t", "t"), ("\r", "r"), ("\a", "a"), ("\b", "b")):
        escaped = escaped.replace(char, "\\" + code)
    for char, code in (("\f", "f"), ("\v", "v")):
        escaped = escaped.replace(char, "\\" + code)
    return f'"{escaped}"'


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(_entry, max_size=12))
def test_random_catalogs_match_msgfmt(tmp_path, entries):
    """Random valid catalogs (contexts, plurals, fuzzy, any text) compile to msgfmt's bytes."""
    require("msgfmt")
    seen = set()
    parts = [HEADER.format(charset="UTF-8")]
    for context, msgid, plural, forms, fuzzy in entries:
        if (context, msgid) in seen:
            continue
        seen.add((context, msgid))
        lines = ["#, fuzzy"] if fuzzy else []
        if context is not None:
            lines.append(f"msgctxt {_quote(context)}")
        lines.append(f"msgid {_quote(msgid)}")
        if plural is None:
            lines.append(f"msgstr {_quote(forms[0])}")
        else:
            lines.append(f"msgid_plural {_quote(plural)}")
            lines += [f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(forms)]
        parts.append("\n".join(lines) + "\n\n")
    source = tmp_path / "random.po"
    source.write_text("".join(parts), encoding="utf-8")
    result = compile_catalog(source.read_bytes(), str(source))
    assert result.mo == msgfmt(source)


@pytest.mark.parametrize("dated", [True, False])
def test_header_with_plural_forms_compiles_as_msgfmt_when_checks_are_off(tmp_path, dated):
    """A header entry with msgid_plural: msgfmt drops the date and, with it, all forms but one.

    The default level refuses such a header (Python's gettext does not read it as one); at
    --check off the bytes are msgfmt's.
    """
    require("msgfmt")
    date = '"POT-Creation-Date: 2020-01-01 00:00+0000\\n"\n' if dated else ""
    text = (
        'msgid ""\nmsgid_plural "x"\nmsgstr[0] ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'{date}"Plural-Forms: nplurals=2; plural=n != 1;\\n"\nmsgstr[1] "b"\n\n'
        'msgid "a"\nmsgstr "A"\n'
    )
    source = tmp_path / "t.po"
    source.write_text(text, encoding="utf-8")
    result = compile_catalog(source.read_bytes(), str(source), check="off")
    assert result.mo == msgfmt(source)
    assert (b"\0b\0" in result.mo) is not dated
    refused = compile_catalog(source.read_bytes(), str(source))
    assert refused.mo is None
    assert "the header entry has a 'msgid_plural'" in str(refused.diagnostics[0])
