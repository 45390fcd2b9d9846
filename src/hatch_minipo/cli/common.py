"""What the subcommands share: where a catalog's language comes from, how problems print."""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from hatch_minipo.errors import Diagnostic
    from hatch_minipo.po.catalog import Catalog


# -1 with --quiet (problems only), 1 with --verbose (also what was left as it was).
_verbosity = 0


def set_verbosity(level: int) -> None:
    global _verbosity  # noqa: PLW0603 - one command line, one process
    _verbosity = level


def verbosity() -> int:
    """-1 with --quiet, 1 with --verbose, else 0 (handed to worker processes)."""
    return _verbosity


def say(message: str) -> None:
    """An informational line (what a command wrote); silent with --quiet."""
    if _verbosity >= 0:
        from hatch_minipo.errors import printable

        print(printable(message))


def detail(message: str) -> None:
    """A line only --verbose shows (a file left unchanged, a catalog that passed)."""
    if _verbosity > 0:
        from hatch_minipo.errors import printable

        print(printable(message))


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


def read_regular(path: Path, *, follow: bool = True, limit: int | None = None) -> bytes | None:
    """The bytes of a regular file, or None (missing, a folder, a FIFO: never waited on).

    ``follow`` False refuses a symbolic link; past ``limit`` bytes, None.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with open(fd, "rb") as stream:  # noqa: PTH123 - a descriptor, not a path
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = stream.read() if limit is None else stream.read(limit + 1)
        except OSError:
            return None
    return None if limit is not None and len(data) > limit else data


def read_catalog(path: Path) -> Catalog | None:
    """``path`` read and parsed, or None after reporting why it cannot be used."""
    read = _read_reporting(path)
    return None if read is None else read[0]


def _read_reporting(path: Path) -> tuple[Catalog, bytes] | None:
    from hatch_minipo.po.reader import parse_po

    data = read_input(path)
    if data is None:
        return None
    catalog, diagnostics = parse_po(data, str(path))
    report(diagnostics)
    if any(d.is_error for d in diagnostics):
        return None
    return catalog, data


# Templates read by this process: many catalogs share one, and it is read once per process,
# with the SHA-256 of the very bytes parsed (what a remembered result is keyed on: a template
# rewritten during the run must not pair one version's result with the other's digest).
_templates: dict[Path, tuple[Catalog, str]] = {}


def read_templates(paths: Iterable[Path | None]) -> set[Path]:
    """Read each template once, printing its problems; the ones that cannot be used.

    What reads cleanly is kept for :func:`template`, in this process and in the workers it
    forks, until the next command (which may follow an extract that rewrote them).
    """
    import hashlib

    _templates.clear()
    unusable: set[Path] = set()
    for path in dict.fromkeys(paths):
        if path is None or path in _templates or path in unusable:
            continue
        read = _read_reporting(path)
        if read is None:
            unusable.add(path)
        else:
            _templates[path] = (read[0], hashlib.sha256(read[1]).hexdigest())
    return unusable


def _template(path: Path | None) -> tuple[Catalog, str] | None:
    import hashlib

    if path is None:
        return None
    known = _templates.get(path)
    if known is None:
        data = read_regular(path)
        catalog = None if data is None else _parsed_clean(data, path)
        if data is None or catalog is None:
            return None
        known = _templates[path] = (catalog, hashlib.sha256(data).hexdigest())
    return known


def template(path: Path | None) -> Catalog | None:
    """A template :func:`read_templates` accepted (read again, silently, in a new process)."""
    known = _template(path)
    return None if known is None else known[0]


def template_digest(path: Path | None) -> str | None:
    """The SHA-256 of the bytes :func:`template` parsed, or None when there is no template."""
    known = _template(path)
    return None if known is None else known[1]


def read_clean(path: Path) -> Catalog | None:
    """``path`` parsed, or None, silently, when it is missing or does not read cleanly: for an
    output about to be replaced, whose own problems are not the command's to report."""
    data = read_regular(path)  # a FIFO in the output's place is not waited on
    return None if data is None else _parsed_clean(data, path)


def _parsed_clean(data: bytes, path: Path) -> Catalog | None:
    from hatch_minipo.po.reader import parse_po

    catalog, diagnostics = parse_po(data, str(path))
    return None if any(d.is_error for d in diagnostics) else catalog


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


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an output changed after its inputs (by hand, most likely); without it, "
        "such a file is left as it is and named",
    )


def _translations(data: bytes) -> object:
    """What a translator changes in a catalog: each entry's strings, flags and comments."""
    from hatch_minipo.po.reader import parse_po

    catalog, _ = parse_po(data)
    return sorted(
        (
            m.msgctxt or "",
            m.msgid,
            m.msgid_plural or "",
            m.msgstr,
            sorted(m.flags),
            m.translator_comments,
            m.obsolete,
        )
        for m in catalog.messages
    )


def edited_since(target: Path, data: bytes, inputs: Sequence[Path], force: bool) -> bool:
    """True, after naming it, when ``target`` was changed after ``inputs`` and would change.

    A translator's edits in a file written from others (X.po from X.mini.po, X.mini.po from
    X.po) are not overwritten without ``--force``.
    """
    from hatch_minipo.errors import printable
    from hatch_minipo.project.atomic import is_newer

    if force or not is_newer(target, *inputs):
        return False
    try:
        current = target.read_bytes()
    except OSError:
        return False
    if current == data or _translations(current) == _translations(data):
        return False  # nothing a translator wrote would be lost (a new width, say)
    names = " and ".join(str(path) for path in inputs)
    print(
        printable(f"{target}: changed after {names}; left as it is (--force replaces it)"),
        file=sys.stderr,
    )
    return True
