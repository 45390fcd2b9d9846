"""What the subcommands share: where a catalog's language comes from, how problems print."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from hatch_minipo.errors import Diagnostic
    from hatch_minipo.po.catalog import Catalog


def catalog_language(path: Path) -> str | None:
    """The language a catalog's place names: ``de/LC_MESSAGES/x.po`` or ``po/de.mini.po``."""
    if path.parent.name == "LC_MESSAGES" and path.parent.parent.name:
        return path.parent.parent.name
    name = path.name
    for suffix in (".mini.po", ".po"):
        if name.endswith(suffix):
            return name[: -len(suffix)] or None
    return None


def read_input(path: Path) -> bytes | None:
    """The bytes of ``path``, or None after saying on stderr why it cannot be read."""
    import stat

    from hatch_minipo.errors import printable

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # Opening a FIFO would wait for a writer forever; a folder or device is no catalog.
            print(printable(f"{path}: cannot read: not a regular file"), file=sys.stderr)
            return None
        return path.read_bytes()
    except OSError as exc:
        print(printable(f"{path}: cannot read: {exc.strerror}"), file=sys.stderr)
        return None


def read_catalog(path: Path) -> Catalog | None:
    """``path`` read and parsed, or None after reporting why it cannot be used."""
    from hatch_minipo.po.reader import parse_po

    data = read_input(path)
    if data is None:
        return None
    catalog, diagnostics = parse_po(data, str(path))
    report(diagnostics)
    if any(d.is_error for d in diagnostics):
        return None
    return catalog


def report_problems(problems: Iterable[str]) -> int:
    """Print the lines of a refusal (``MinipoError.problems``); the exit code for them."""
    from hatch_minipo.errors import printable

    for problem in problems:
        print(printable(problem), file=sys.stderr)
    return 1


def report(diagnostics: Iterable[Diagnostic]) -> None:
    """Print one ``path:line: message`` per line, whatever the catalog or its name holds."""
    from hatch_minipo.errors import printable

    for diagnostic in diagnostics:
        print(printable(str(diagnostic)), file=sys.stderr)
