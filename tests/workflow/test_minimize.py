"""minimize: what msgattrib --translated --no-fuzzy --no-obsolete --no-location --sort-output keeps."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings

from gnu import corpus_files, require
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import write_po
from hatch_minipo.workflow.minimize import _without_references, minimize, minimize_po, sort_key
from po_samples import catalog_text, catalogs

if TYPE_CHECKING:
    from pathlib import Path

MSGATTRIB_OPTIONS = (
    "--force-po",
    "--translated",
    "--no-fuzzy",
    "--no-obsolete",
    "--no-location",
    "--sort-output",
)
MODES = [((), 79), (("--width=40",), 40), (("--no-wrap",), None)]
CODECS = {"UTF-8": "utf-8", "ISO-8859-1": "latin-1", "EUC-JP": "euc_jp"}
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'


def msgattrib(source: Path, options: tuple[str, ...] = ()) -> bytes:
    return subprocess.run(
        [require("msgattrib"), *MSGATTRIB_OPTIONS, *options, str(source)],
        capture_output=True,
        check=True,
    ).stdout


def ours(source: Path, width: int | None = 79) -> bytes:
    catalog, diagnostics = parse_po(source.read_bytes(), str(source))
    assert [d for d in diagnostics if d.is_error] == []
    return write_po(minimize(catalog), width=width)


def kept(text: str) -> list[str]:
    """The msgids minimize keeps from ``HEADER + text``, in order."""
    catalog, _ = parse_po((HEADER + text).encode(), "x.po")
    return [m.msgid for m in minimize(catalog).messages]


@pytest.mark.oracle
@pytest.mark.parametrize(("options", "width"), MODES)
def test_corpus_minimized_like_msgattrib(tmp_path, options, width):
    """Every corpus catalog minimizes to msgattrib's bytes, wrapped, at --width=40, no-wrap."""
    require("msgattrib")
    bad = []
    for source in corpus_files():
        copy = tmp_path / f"{source.parent.name}-{source.name}"
        shutil.copyfile(source, copy)
        if ours(copy, width) != msgattrib(copy, options):
            bad.append(copy.name)
    assert bad == []


@pytest.mark.oracle
@pytest.mark.parametrize(("options", "width"), MODES)
def test_full_catalogs_minimized_like_msgattrib(tmp_path, options, width):
    """Made-up full catalogs in three encodings minimize to msgattrib's bytes."""
    require("msgattrib")
    bad = []
    for charset, seeds in (("UTF-8", range(40)), ("ISO-8859-1", range(8)), ("EUC-JP", range(8))):
        for seed in seeds:
            source = tmp_path / f"{charset}-{seed}.po"
            source.write_bytes(catalog_text(seed, charset).encode(CODECS[charset]))
            if ours(source, width) != msgattrib(source, options):
                bad.append(source.name)
    assert bad == []


def changed_template(source: Path) -> bytes:
    """A template for ``source`` where every third msgid changed and every entry has places."""
    catalog, _ = parse_po(source.read_bytes(), str(source))
    entries = []
    for index, message in enumerate(catalog.messages):
        msgid = message.msgid
        if message.msgid and index % 3 == 0:
            msgid = "Now: " + msgid
        entries.append(
            dataclasses.replace(
                message,
                msgid=msgid,
                msgstr=tuple("" for _ in message.msgstr) if message.msgid else message.msgstr,
                references=[f" src/file{index}.c:{index * 7} src/other_{index}.c:{index}"],
                translator_comments=[],
            )
        )
    return write_po(Catalog(entries, charset=catalog.charset))


@pytest.mark.oracle
@pytest.mark.parametrize(("options", "width"), MODES)
def test_msgmerge_output_minimized_like_msgattrib(tmp_path, options, width):
    """Full catalogs as msgmerge --previous makes them (fuzzy, #|, obsolete) match msgattrib."""
    msgmerge = require("msgmerge")
    require("msgattrib")
    bad = []
    merged = ""
    for source in corpus_files()[::4]:
        template = tmp_path / "messages.pot"
        template.write_bytes(changed_template(source))
        full = tmp_path / f"{source.parent.name}-{source.stem}.po"
        subprocess.run(
            [
                msgmerge,
                "-q",
                "--force-po",
                "--previous",
                "-o",
                str(full),
                str(source),
                str(template),
            ],
            check=True,
            capture_output=True,
        )
        merged += full.read_text(encoding="utf-8")
        if ours(full, width) != msgattrib(full, options):
            bad.append(full.name)
    assert bad == []
    assert "#| msgid" in merged
    assert "#, fuzzy" in merged
    assert "#~ msgid" in merged


@pytest.mark.oracle
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalog=catalogs())
def test_model_catalogs_minimized_like_msgattrib(tmp_path, catalog):
    """Any catalog, written and minimized, gives what msgattrib makes of the written file."""
    require("msgattrib")
    source = tmp_path / "model.po"
    source.write_bytes(write_po(catalog))
    assert ours(source) == msgattrib(source)


@pytest.mark.oracle
def test_header_cases_like_msgattrib(tmp_path):
    """Fuzzy header, obsolete header, no header and an empty result all match msgattrib."""
    require("msgattrib")
    cases = [
        '#, fuzzy\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n',
        '#~ msgid ""\n#~ msgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "a"\nmsgstr "A"\n',
        'msgid "a"\nmsgstr ""\n',
        "",
        'msgid ""\nmsgstr ""\n\nmsgid "b"\nmsgstr "B"\n',
    ]
    for index, text in enumerate(cases):
        source = tmp_path / f"case{index}.po"
        source.write_text(text, encoding="utf-8")
        assert ours(source) == msgattrib(source), text


def test_keeps_translated_entries_only():
    """Untranslated, fuzzy and obsolete entries go; a plural counts by its first form."""
    text = (
        '\nmsgid "keep"\nmsgstr "K"\n\nmsgid "empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "fuzzy"\nmsgstr "F"\n\n#~ msgid "old"\n#~ msgstr "O"\n\n'
        'msgid "p0"\nmsgid_plural "ps"\nmsgstr[0] ""\nmsgstr[1] "x"\n\n'
        'msgid "p1"\nmsgid_plural "ps"\nmsgstr[0] "x"\nmsgstr[1] ""\n'
    )
    assert kept(text) == ["", "keep", "p1"]


def test_header_always_kept():
    """The header stays even when fuzzy, with its flag (msgattrib keeps it)."""
    catalog, _ = parse_po(f"#, fuzzy\n{HEADER}".encode(), "x.po")
    assert minimize(catalog).messages[0].flags == ["fuzzy"]


def test_sort_order():
    """By msgid bytes (not code points), no context before context, then by context."""
    text = (
        '\nmsgctxt "z"\nmsgid "a"\nmsgstr "1"\n\nmsgid "b"\nmsgstr "2"\n\n'
        'msgctxt ""\nmsgid "a"\nmsgstr "3"\n\nmsgid "a"\nmsgstr "4"\n\n'
        'msgid "\uff41"\nmsgstr "5"\n\nmsgid "\U0001f600"\nmsgstr "6"\n\nmsgid "B"\nmsgstr "7"\n'
    )
    catalog, _ = parse_po((HEADER + text).encode(), "x.po")
    result = [(m.msgctxt, m.msgid) for m in minimize(catalog).messages]
    assert result == [
        (None, ""),
        (None, "B"),
        (None, "a"),
        ("", "a"),
        ("z", "a"),
        (None, "b"),
        (None, "\uff41"),
        (None, "\U0001f600"),
    ]


def test_sort_key_uses_the_catalog_encoding():
    """Bytes in the catalog's charset decide the order (Latin-1 'é' sorts before 'ø')."""
    message = Message("é")
    assert sort_key(message, "latin-1") == (b"\xe9", 0, b"")
    assert sort_key(Message("a", msgctxt="c"), "utf-8") == (b"a", 1, b"c")


def test_references_dropped_other_comments_kept():
    """Locations go; translator and extracted comments, flags and #| strings stay."""
    text = (
        '\n# note\n#. dev\n#: a.py:1\n#, python-format\n#| msgid "old"\n'
        'msgid "a %s"\nmsgstr "A %s"\n'
    )
    catalog, _ = parse_po((HEADER + text).encode(), "x.po")
    entry = minimize(catalog).messages[1]
    assert entry.references == []
    assert entry.translator_comments == [" note"]
    assert entry.extracted_comments == [" dev"]
    assert entry.flags == ["python-format"]
    assert entry.previous == [' msgid "old"']


def test_input_catalog_not_changed():
    """minimize returns a copy; the catalog given keeps its entries and references."""
    catalog, _ = parse_po((HEADER + '\n#: a.py:1\nmsgid "a"\nmsgstr "A"\n').encode(), "x.po")
    minimize(catalog).messages[1].translator_comments.append("x")
    assert catalog.messages[1].references == [" a.py:1"]
    assert catalog.messages[1].translator_comments == []


def test_template_drops_entries_it_no_longer_has():
    """With a template, only entries whose context and msgid it still has are kept."""
    catalog, _ = parse_po(
        (
            HEADER + '\nmsgid "kept"\nmsgstr "K"\n\nmsgid "gone"\nmsgstr "G"\n\n'
            'msgctxt "c"\nmsgid "kept"\nmsgstr "C"\n'
        ).encode(),
        "x.po",
    )
    template, _ = parse_po(
        b'msgid ""\nmsgstr ""\n\nmsgid "kept"\nmsgstr ""\n\n#~ msgid "gone"\n#~ msgstr ""\n',
        "x.pot",
    )
    assert [m.msgid for m in minimize(catalog, template=template).messages] == ["", "kept"]


@settings(max_examples=60, deadline=None)
@given(catalog=catalogs())
def test_minimizing_is_idempotent(catalog):
    """Minimizing a minimized catalog gives back the same bytes."""
    once = write_po(minimize(catalog))
    twice = write_po(minimize(parse_po(once, "x.mini.po")[0]))
    assert twice == once


@pytest.mark.oracle
def test_minimize_po_matches_msgattrib(tmp_path):
    """minimize_po, bytes in and bytes out, gives msgattrib's output for corpus files."""
    require("msgattrib")
    for source in corpus_files()[:10]:
        copy = tmp_path / source.name
        shutil.copyfile(source, copy)
        result = minimize_po(copy.read_bytes(), str(copy))
        assert result.data == msgattrib(copy)


def test_minimize_po_format_problems_are_warnings():
    """A broken placeholder is reported but does not stop minimizing."""
    text = HEADER + '\n#, python-format\nmsgid "%(name)s"\nmsgstr "%(nom)s"\n'
    result = minimize_po(text.encode(), "de.po")
    assert result.data is not None
    assert result.diagnostics
    assert not any(d.is_error for d in result.diagnostics)


def test_minimize_po_syntax_errors_refuse():
    """A syntax error gives no output and an error at its line."""
    result = minimize_po((HEADER + '\nmsgid "a\nmsgstr "b"\n').encode(), "de.po")
    assert result.data is None
    assert [d.line for d in result.diagnostics if d.is_error] == [4]


def test_minimize_po_invalid_bytes_refuse():
    """Bytes that are not UTF-8 in a UTF-8 catalog refuse it (the text cannot be trusted)."""
    result = minimize_po((HEADER + '\nmsgid "a"\nmsgstr "').encode() + b'\xff"\n', "de.po")
    assert result.data is None
    assert any("invalid multibyte sequence" in d.message for d in result.diagnostics)


def test_minimize_copies_every_field_of_an_entry_but_its_references():
    """A kept entry is the same entry without locations: no field is lost or shared."""
    values = {
        field.name: value
        for field, value in zip(
            dataclasses.fields(Message),
            [
                "id",
                ("a", "b"),
                "ids",
                "ctx",
                ["c-format"],
                ["t"],
                ["e"],
                ["r.py:1"],
                ["p"],
                True,
                7,
                (8, 9),
            ],
        )
    }
    assert len(values) == len(dataclasses.fields(Message))
    original = Message(**values)
    copy = _without_references(original)
    assert dataclasses.asdict(copy) == {**dataclasses.asdict(original), "references": []}
    assert copy.flags is not original.flags
    assert copy.previous is not original.previous
