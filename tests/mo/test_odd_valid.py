"""Odd but valid catalogs: each one decided deliberately, and compared with GNU msgfmt 0.21.

| catalog                             | msgfmt 0.21                 | minipo                    |
|-------------------------------------|-----------------------------|---------------------------|
| empty file, or comments only        | exit 0, writes no file      | an empty .mo (decided)    |
| header only (real projects ship it) | a .mo with the header       | the same bytes            |
| only fuzzy, untranslated, obsolete  | a .mo with the header       | the same bytes            |
| UTF-8 byte-order mark               | syntax error at line 1      | accepted (decided)        |
| no final newline                    | accepted                    | the same bytes            |
| CRLF line ends                      | accepted                    | the same bytes            |
| 50 MB, about 350,000 entries        | accepted                    | the same bytes            |
"""

from __future__ import annotations

import gettext
import io
import struct
import subprocess
import time
from typing import TYPE_CHECKING

import pytest

from gnu import msgfmt, require
from hatch_minipo.cli import main
from hatch_minipo.compiler import compile_catalog
from hatch_minipo.mo.writer import hash_string

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.oracle

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: odd 1.0\\n"\n"Language: de\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)
ENTRY = '\nmsgid "Bye"\nmsgstr "Tschüss"\n'


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def ours(path: Path, check: str = "errors") -> bytes | None:
    return compile_catalog(path.read_bytes(), path.name, check=check).mo  # type: ignore[arg-type]


def entries(mo: bytes) -> int:
    return struct.unpack("<I", mo[8:12])[0]


@pytest.mark.parametrize("content", [b"", b"# translator's note, nothing else\n"])
def test_empty_catalog_compiles_to_an_empty_mo(tmp_path, content):
    """An empty file gives an empty .mo, where msgfmt writes nothing: decided, see below.

    msgfmt exits 0 and writes no file, which leaves an older .mo in place (the CLI would then
    ship stale translations) and a build one .mo short: gettext.translation() raises
    FileNotFoundError for that language. A valid empty catalog instead loads and falls back to
    the msgids, like a language nobody has translated yet. ``--check strict`` refuses it, as
    ``msgfmt -c`` does ("PO file header missing or invalid").
    """
    require("msgfmt")
    source = write(tmp_path, "de.po", content)
    assert msgfmt(source) is None
    assert not list(tmp_path.glob("*.mo"))
    assert main(["compile", str(source)]) == 0
    compiled = (tmp_path / "de.mo").read_bytes()
    assert entries(compiled) == 0
    assert gettext.GNUTranslations(io.BytesIO(compiled)).gettext("Bye") == "Bye"
    result = compile_catalog(content, "de.po", check="strict")
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == ["de.po:1: PO file header missing or invalid"]


@pytest.mark.parametrize(
    "body",
    [
        "",
        '\n#, fuzzy\nmsgid "Bye"\nmsgstr "Tschüss"\n\nmsgid "Hello"\nmsgstr ""\n\n'
        '#~ msgid "Old"\n#~ msgstr "Alt"\n',
    ],
    ids=["header only", "nothing translated"],
)
def test_header_only_catalog_is_byte_identical(tmp_path, body):
    """A catalog with nothing but its header compiles to msgfmt's bytes, and loads."""
    source = write(tmp_path, "de.po", (HEADER + body).encode())
    expected = msgfmt(source)
    assert expected is not None
    result = compile_catalog(source.read_bytes(), "de.po")
    assert result.mo == expected
    assert (entries(expected), result.messages) == (1, 0)
    translations = gettext.GNUTranslations(io.BytesIO(expected))
    assert translations.ngettext("file", "files", 2) == "files"


def test_utf8_bom_is_accepted(tmp_path):
    """A UTF-8 byte-order mark is accepted and ignored; msgfmt calls it a syntax error.

    Decided: editors on Windows write one, and it carries no meaning in a UTF-8 file; the
    output is what msgfmt writes for the same file without the mark.
    """
    body = (HEADER + ENTRY).encode()
    with_bom = write(tmp_path, "bom.po", b"\xef\xbb\xbf" + body)
    without = write(tmp_path, "plain.po", body)
    assert msgfmt(with_bom) is None
    expected = msgfmt(without)
    assert expected is not None
    assert ours(with_bom) == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("no final newline", (HEADER + ENTRY).rstrip("\n").encode()),
        ("CRLF line ends", (HEADER + ENTRY).replace("\n", "\r\n").encode()),
        ("comment without final newline", (HEADER + ENTRY + "\n# end").encode()),
    ],
)
def test_line_end_variants_are_byte_identical(tmp_path, name, data):
    """A missing final newline or CRLF line ends change nothing: msgfmt's bytes."""
    source = write(tmp_path, "de.po", data)
    expected = msgfmt(source)
    assert expected is not None, name
    assert ours(source) == expected


def test_hash_keeps_32_bits_like_msgfmt(tmp_path):
    """A msgid whose hash carries past 32 bits lands in msgfmt's slot (found by the 50 MB test).

    gettext hashes in an unsigned long and msgfmt keeps the low 32 bits; an unbounded Python
    integer put such a msgid elsewhere in the hash table (1 in ~20 million bytes hashed), and
    made hashing a long msgid quadratic.
    """
    carry = "xxxxybjzn"  # (hval << 4) + byte overflows 32 bits at its last byte
    assert hash_string(carry.encode()) == 0x20E
    long_id = "xxxxybjzn" + "a" * 200_000
    source = write(
        tmp_path,
        "de.po",
        (HEADER + f'\nmsgid "{carry}"\nmsgstr "x"\n\nmsgid "{long_id}"\nmsgstr "y"\n').encode(),
    )
    expected = msgfmt(source)
    assert expected is not None
    assert ours(source) == expected


def big_catalog(path: Path, megabytes: int) -> int:
    """Write a catalog of about ``megabytes`` MB; the number of entries."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write(HEADER)
        while stream.tell() < megabytes * 1_000_000:
            for _ in range(1000):
                stream.write(
                    f"\n#: src/module{count % 97}.py:{count}\n"
                    f'msgid "Message {count}: the quick brown fox jumps"\n'
                    f'msgstr "Nachricht {count}: der schnelle braune Fuchs springt, süß"\n'
                )
                count += 1
    return count


@pytest.mark.slow
def test_fifty_megabyte_catalog(tmp_path):
    """A 50 MB catalog compiles through the CLI to msgfmt's exact bytes."""
    require("msgfmt")
    source = tmp_path / "big.po"
    count = big_catalog(source, 50)
    assert source.stat().st_size >= 50_000_000
    started = time.perf_counter()
    assert main(["compile", str(source)]) == 0
    elapsed = time.perf_counter() - started
    compiled = (tmp_path / "big.mo").read_bytes()
    assert entries(compiled) == count + 1
    assert compiled == msgfmt(source)
    assert elapsed < 120, f"{elapsed:.1f} s for 50 MB"


FALSELY_REFUSED = {
    "charset split over strings": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; char"\n"set=UTF-8\\n"\n\n'
        b'msgid "a"\nmsgstr "\xc3\xa9"\n'
    ),
    "header after 70 KB of comments": (b"# " + b"x" * 100 + b"\n") * 700
    + b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xc3\xa9"\n',
    "empty msgid with a context, in Latin-1": (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgctxt "x"\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "a"\nmsgstr "\xe9"\n'
    ),
}


@pytest.mark.parametrize("name", sorted(FALSELY_REFUSED))
def test_valid_catalogs_msgfmt_accepts_compile_to_its_bytes(tmp_path, name):
    """Catalogs once refused as 'no charset' or for an empty msgid give msgfmt's bytes."""
    source = write(tmp_path, "x.po", FALSELY_REFUSED[name])
    assert ours(source) == msgfmt(source)


@pytest.mark.parametrize(
    "entries_text",
    [
        'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
        '#~ msgid "a"\n#~ msgstr "c"\n\nmsgid "a"\nmsgstr "b"\n',
        '#~ msgid "a"\n#~ msgstr "c"\n\n#~ msgid "a"\n#~ msgstr "b"\n',
    ],
)
def test_obsolete_duplicate_is_refused_like_msgfmt(tmp_path, entries_text):
    """An obsolete entry repeating another (active or obsolete) is msgfmt's fatal duplicate."""
    source = write(tmp_path, "x.po", (HEADER + "\n" + entries_text).encode())
    gnu = subprocess.run(
        [require("msgfmt"), "-o", str(tmp_path / "x.mo"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gnu.returncode == 1
    assert "duplicate message definition" in gnu.stderr
    result = compile_catalog(source.read_bytes(), "x.po", check="off")
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == [
        "x.po:11: duplicate message definition (first defined at line 8)"
    ]


OBSOLETE_COMMENTS = (
    '#~ #, python-format\n#~ msgid "%(a)s x"\n#~ msgstr "%(a)s y"\n\n'
    '#~ #. extracted\n#~ #: file.py:3\n#~ # translator\n#~ msgid "q"\n#~ msgstr "r"\n'
)


def test_comment_lines_behind_the_obsolete_marker_are_read_like_gnu(tmp_path):
    """`#~ #, python-format` is a flag line of an obsolete entry, not a syntax error."""
    from hatch_minipo.po.reader import parse_po  # noqa: PLC0415
    from hatch_minipo.po.writer import write_po  # noqa: PLC0415

    source = write(tmp_path, "x.po", (HEADER + ENTRY + "\n" + OBSOLETE_COMMENTS).encode())
    assert ours(source, "strict") == msgfmt(source)
    catalog, diagnostics = parse_po(source.read_bytes(), "x.po")
    assert diagnostics == []
    gnu = subprocess.run(
        [require("msgattrib"), str(source)], capture_output=True, check=True
    ).stdout
    assert write_po(catalog) == gnu
