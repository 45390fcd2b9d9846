"""write_po: the bytes GNU gettext 0.21's msgattrib/msgcat write for the same catalog."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings

from gnu import corpus_files, require
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import header_charset, write_po
from po_samples import catalog_text, catalogs

if TYPE_CHECKING:
    from pathlib import Path

CODECS = {"UTF-8": "utf-8", "ISO-8859-1": "latin-1", "EUC-JP": "euc_jp"}
# (GNU options, our width)
MODES = [((), 79), (("--width=40",), 40), (("--no-wrap",), None), (("--width=0",), 0)]
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'


def gnu_rewrite(tool: str, source: Path, options: tuple[str, ...]) -> bytes:
    return subprocess.run(
        [require(tool), "--force-po", *options, str(source)], capture_output=True, check=True
    ).stdout


def ours(source: Path, width: int | None) -> bytes:
    catalog, diagnostics = parse_po(source.read_bytes(), str(source))
    assert [d for d in diagnostics if d.is_error] == []
    return write_po(catalog, width=width)


def mismatches(files: list[Path], tool: str, options: tuple[str, ...], width: int | None):
    return [f.name for f in files if ours(f, width) != gnu_rewrite(tool, f, options)]


def generated(folder: Path) -> list[Path]:
    """Full catalogs in three encodings, written into ``folder``."""
    files = []
    for charset, seeds in (("UTF-8", range(30)), ("ISO-8859-1", range(8)), ("EUC-JP", range(8))):
        for seed in seeds:
            path = folder / f"{charset}-{seed}.po"
            path.write_bytes(catalog_text(seed, charset).encode(CODECS[charset]))
            files.append(path)
    return files


@pytest.mark.oracle
@pytest.mark.parametrize(("options", "width"), MODES)
def test_corpus_rewritten_like_msgattrib(tmp_path, options, width):
    """Every corpus catalog comes out as msgattrib writes it, at every width and with no-wrap."""
    require("msgattrib")
    files = []
    for source in corpus_files():
        copy = tmp_path / f"{source.parent.name}-{source.name}"
        shutil.copyfile(source, copy)
        files.append(copy)
    assert mismatches(files, "msgattrib", options, width) == []


@pytest.mark.oracle
@pytest.mark.parametrize(("options", "width"), MODES)
def test_full_catalogs_rewritten_like_msgattrib(tmp_path, options, width):
    """Made-up full catalogs (locations, fuzzy, obsolete, CJK, Indic...) match msgattrib."""
    require("msgattrib")
    assert mismatches(generated(tmp_path), "msgattrib", options, width) == []


@pytest.mark.oracle
def test_full_catalogs_rewritten_like_msgcat(tmp_path):
    """msgcat of a single catalog writes what we write."""
    require("msgcat")
    assert mismatches(generated(tmp_path)[:12], "msgcat", (), 79) == []


@pytest.mark.oracle
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalog=catalogs())
def test_model_catalogs_written_like_msgattrib(tmp_path, catalog):
    """A catalog built in memory, written by us, is a file msgattrib leaves exactly as it is."""
    require("msgattrib")
    source = tmp_path / "model.po"
    data = write_po(catalog)
    source.write_bytes(data)
    assert gnu_rewrite("msgattrib", source, ()) == data


@settings(max_examples=60, deadline=None)
@given(catalog=catalogs())
def test_written_catalog_reads_back_and_is_a_fixed_point(catalog):
    """Parsing what we wrote gives the same strings, and writing it again the same bytes."""
    data = write_po(catalog)
    parsed, diagnostics = parse_po(data, "x.po")
    assert [d for d in diagnostics if d.is_error] == []
    assert write_po(parsed) == data
    shown = [m for m in catalog.messages if not (m.obsolete and m.msgstr[0] == "")]
    shown = [m for m in shown if not m.obsolete] + [m for m in shown if m.obsolete]
    assert [
        (m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.obsolete) for m in parsed.messages
    ] == [(m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.obsolete) for m in shown]


def test_entry_layout():
    """Comments in GNU's order, a blank line between entries, obsolete entries last."""
    catalog = Catalog(
        [
            Message("", ("Content-Type: text/plain; charset=UTF-8\n",)),
            Message("old", ("alt",), obsolete=True, translator_comments=[" gone"]),
            Message(
                "a",
                ("A",),
                msgctxt="menu",
                flags=["c-format", "fuzzy"],
                translator_comments=[" note"],
                extracted_comments=[" dev"],
                references=[" a.c:1", " b.c:2"],
                previous=[' msgid "b"'],
            ),
        ]
    )
    assert write_po(catalog).decode() == (
        HEADER + '\n# note\n#. dev\n#: a.c:1 b.c:2\n#, fuzzy, c-format\n#| msgid "b"\n'
        'msgctxt "menu"\nmsgid "a"\nmsgstr "A"\n\n# gone\n#~ msgid "old"\n#~ msgstr "alt"\n'
    )


def test_plural_entry_and_long_string():
    """msgstr[N] per form; a string longer than the width starts with an empty line."""
    catalog = Catalog([Message("one", ("ein", "zwei " * 20), msgid_plural="many")], charset="utf-8")
    lines = write_po(catalog).decode().splitlines()
    assert lines[:4] == ['msgid "one"', 'msgid_plural "many"', 'msgstr[0] "ein"', 'msgstr[1] ""']
    assert all(len(line) <= 79 for line in lines)


def test_untranslated_obsolete_entries_are_not_written():
    """GNU drops an obsolete entry without translation, and a file of only those is empty."""
    assert write_po(Catalog([Message("x", ("",), obsolete=True)])) == b""
    both = Catalog([Message("x", ("",), obsolete=True), Message("y", ("Y",), obsolete=True)])
    assert write_po(both) == b'\n#~ msgid "y"\n#~ msgstr "Y"\n'


def test_fuzzy_flag_of_untranslated_entry_is_not_written():
    """'#, fuzzy' shows only on an entry with a translation; other flags stay."""
    catalog = Catalog([Message("x", ("",), flags=["fuzzy", "python-format"])])
    assert write_po(catalog) == b'#, python-format\nmsgid "x"\nmsgstr ""\n'


def test_no_wrap_keeps_strings_whole_but_fills_references():
    """width=None breaks strings only after \\n, and references still at 79 columns."""
    refs = " ".join(f"src/module_{i}.py:{i}" for i in range(8))
    message = Message("word " * 30, ("a\nb",), references=[" " + refs])
    lines = write_po(Catalog([message]), width=None).decode().splitlines()
    assert lines[0].startswith("#: ")
    assert lines[1].startswith("#: ")
    assert lines[2] == f'msgid "{"word " * 30}"'
    assert lines[3:] == ['msgstr ""', '"a\\n"', '"b"']


def test_catalog_encoding_is_kept():
    """A Latin-1 catalog is written in Latin-1, invalid bytes are written back as they were."""
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgid "caf\xe9"\nmsgstr "Caf\xe9"\n'
    )
    catalog, _ = parse_po(data, "x.po")
    assert header_charset(catalog) == "ISO-8859-1"
    assert write_po(catalog) == data


def test_header_charset_defaults_to_ascii():
    """No header, no charset= or the CHARSET placeholder: the writer works in ASCII."""
    assert header_charset(Catalog([])) == "ASCII"
    assert header_charset(Catalog([Message("", ("Language: de\n",))])) == "ASCII"
    placeholder = Message("", ("Content-Type: text/plain; charset=CHARSET\n",))
    assert header_charset(Catalog([placeholder])) == "ASCII"


def test_crlf_comments_written_back_with_their_cr():
    """GNU keeps the CR of a CRLF comment line; so do we (strings lose it)."""
    data = b'# c1\r\n#, c-format\r\nmsgid "a"\r\nmsgstr "b"\r\n'
    assert write_po(parse_po(data, "x.po")[0]) == b'# c1\r\n#, c-format\nmsgid "a"\nmsgstr "b"\n'
