"""What the subcommands share: where a catalog's language comes from, how problems print."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from hatch_minipo.diagnostics import Diagnostic


def catalog_language(path: Path) -> str | None:
    """The language a catalog's place names: ``de/LC_MESSAGES/x.po`` or ``po/de.mini.po``."""
    if path.parent.name == "LC_MESSAGES" and path.parent.parent.name:
        return path.parent.parent.name
    name = path.name
    for suffix in (".mini.po", ".po"):
        if name.endswith(suffix):
            return name[: -len(suffix)] or None
    return None


def report(diagnostics: Iterable[Diagnostic]) -> None:
    """Print one ``path:line: message`` per line, whatever the catalog or its name holds."""
    from hatch_minipo.compiler import printable  # noqa: PLC0415

    for diagnostic in diagnostics:
        print(printable(str(diagnostic)), file=sys.stderr)
