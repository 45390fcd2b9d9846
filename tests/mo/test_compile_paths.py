"""Compiling reads only what it needs of a catalog, and gives what reading all of it gives."""

from __future__ import annotations

from gnu import CORPUS
from hatch_minipo.compiler import _checked, _encoded, compile_catalog
from hatch_minipo.mo import writer as mo
from hatch_minipo.po.reader import parse_po
from po_samples import catalog_text

OBSOLETE_TAIL = '\n#, fuzzy\n#~| msgid "older"\n#~ msgid "old"\n#~ msgstr "alt"\n'


def compiled_from_every_comment(data: bytes, path: str, check: str) -> tuple[bytes | None, list]:
    """The .mo and diagnostics of a catalog parsed with all its comments, as compile once did."""
    catalog, parsed = parse_po(data, path)
    compiled, result, diagnostics = _checked(catalog, parsed, check, None)  # type: ignore[arg-type]
    if any(d.is_error for d in diagnostics):
        return None, diagnostics
    return mo.write_mo(
        _encoded(compiled, catalog.charset, result.supplied_plural_forms)
    ), diagnostics


def test_compile_without_comments_gives_the_same_bytes_and_diagnostics():
    """compile_catalog (flags-only parse) gives the .mo and diagnostics of a full parse."""
    samples = [(path.read_bytes(), str(path)) for path in sorted(CORPUS.glob("*/*.mini.po"))]
    for seed in range(60):
        text = catalog_text(seed)
        samples.append((text.encode(), f"gen{seed}.po"))
        samples.append(((text.rstrip("\n") + "\n" + OBSOLETE_TAIL).encode(), f"tail{seed}.po"))
    # A format problem the flags-only reader must still see, after comments of every kind.
    samples.append(
        (
            b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            b'# note\n#. x\n#: a.py:1\n#| msgid "o"\n#, python-format\n'
            b'msgid "%(n)s"\nmsgstr "%(m)s"\n',
            "fmt.po",
        )
    )
    refused = 0
    for data, path in samples:
        for check in ("errors", "strict", "off"):
            result = compile_catalog(data, path, check=check)  # type: ignore[arg-type]
            expected, diagnostics = compiled_from_every_comment(data, path, check)
            assert (result.mo, result.diagnostics) == (expected, diagnostics), (path, check)
            refused += result.mo is None
    assert refused  # the format problem above is refused
