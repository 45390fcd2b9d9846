"""What the per-file work of the last runs found, remembered by content, so a run over files
that have not changed does nothing but read them.

A job of ``compile``, ``minimize``, ``check`` or ``expand`` names everything its result
depends on (the bytes of every file it reads, its options, the name it reports problems
under) and this module hashes it, with minipo's own code, into a key.  After a job that went
well, its key is remembered with the SHA-256 of the output it left and the problems it
printed (warnings).  The next job with the same key whose output still holds exactly those
bytes prints the same problems and stops there; any other byte anywhere runs the work again.
No time stamp is read: a file touched but not changed costs nothing, and a file changed
within the same second is never missed.

One small JSON file per working folder and command, in ``$MINIPO_CACHE_DIR``, else
``${XDG_CACHE_HOME:-~/.cache}/hatch-minipo/results``, holds one entry per catalog path.  A
cache that cannot be read or written is no cache: the work is done, nothing is reported.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli.common import read_regular

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

    from hatch_minipo.errors import Diagnostic

# A remembered job: its key, the digest of its output (None: it writes none), what it printed.
Known = tuple[str, "str | None", list[str]]

# Bounds on what is read back: the file is ours, but a cache folder can be shared or damaged.
_MAX_BYTES = 64 << 20
_MAX_ENTRIES = 100_000
_FORMAT = 2


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="do every file's work even when its inputs and output have not changed since a "
        "run that remembered them (in $MINIPO_CACHE_DIR, else ~/.cache/hatch-minipo)",
    )


def folder() -> Path:
    """Where the results are kept; raises RuntimeError when there is no home folder."""
    explicit = os.environ.get("MINIPO_CACHE_DIR")
    if explicit:
        return Path(explicit).absolute()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).absolute() / "hatch-minipo" / "results"


@functools.lru_cache(maxsize=1)
def code_digest() -> str | None:
    """A digest of minipo's source: another version (or an edit) is another cache."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{_FORMAT} {sys.version_info[:2]}".encode())
    sources = sorted(package.rglob("*.py"))
    if not sources:
        return None  # installed without its sources: nothing to tell versions apart by
    for source in sources:
        try:
            data = source.read_bytes()
        except OSError:
            return None
        name = source.relative_to(package).as_posix().encode()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest.hexdigest()


def key(code: str, *parts: bytes | str | float | None) -> str:
    """The SHA-256 of ``parts``, each length-prefixed so that no two lists collide."""
    digest = hashlib.sha256(code.encode())
    for part in parts:
        if part is None:
            digest.update(b"N")
        elif isinstance(part, bytes):
            digest.update(b"B%d:" % len(part) + part)
        else:
            text = str(part).encode("utf-8", "surrogateescape")
            digest.update(b"S%d:" % len(text) + text)
    return digest.hexdigest()


def digest_of(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


class Store:
    """The remembered jobs of one command in one working folder: catalog path -> Known."""

    def __init__(self, command: str, *, enabled: bool) -> None:
        self.code = code_digest() if enabled else None
        self.entries: dict[str, Known] = {}
        # Each catalog's size when remembered: a guess, for the number of workers only.
        self.sizes: dict[str, int] = {}
        self.changed = False
        self.path: Path | None = None
        if self.code is None:
            return
        try:
            # Relative names in the jobs mean what they mean from here.
            where = str(Path.cwd())
            root = folder()
        except (OSError, RuntimeError):  # a deleted working folder; no home folder
            self.code = None
            return
        name = hashlib.sha256(f"{command}\0{where}".encode("utf-8", "surrogateescape"))
        self.path = root / f"{command}-{name.hexdigest()[:32]}.json"
        self.entries, self.sizes = _read(self.path, self.code)

    def known(self, path: Path) -> Known | None:
        """What the last run that did this file's work remembered, for a job to compare with."""
        return self.entries.get(str(path)) if self.code is not None else None

    def settled(self, path: Path, size: int) -> bool:
        """Whether the file likely needs no work: remembered, at the size it had then.

        Only the number of worker processes is chosen by this (a pool costs more than a run
        that only reads files); whether a job's work is skipped is decided by its key alone.
        """
        return self.code is not None and self.sizes.get(str(path)) == size

    def remember(self, path: Path, known: Known | None) -> None:
        if self.code is None or known is None or self.entries.get(str(path)) == known:
            return
        name = str(path)
        self.entries.pop(name, None)  # the newest last: the first to go are the oldest
        self.entries[name] = known
        try:
            self.sizes[name] = path.stat().st_size
        except OSError:
            self.sizes.pop(name, None)
        while len(self.entries) > _MAX_ENTRIES:
            oldest = next(iter(self.entries))
            del self.entries[oldest]
            self.sizes.pop(oldest, None)
        self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        from hatch_minipo.project import atomic

        entries = {name: [*known, self.sizes.get(name, -1)] for name, known in self.entries.items()}
        data = json.dumps({"format": _FORMAT, "code": self.code, "entries": entries})
        path = self.path
        # Not atomic.write_bytes: that writes through a symbolic link, and a link planted in
        # a shared cache folder must not make minipo overwrite the file it names.  The rename
        # replaces whatever is at the name itself; no fsync (a crash loses a cache, nothing
        # anyone wrote).
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic.sweep_temporaries(path)
            fd = os.open(
                tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600
            )
            try:
                with os.fdopen(fd, "wb") as stream:
                    stream.write(data.encode())
                tmp.replace(path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only home: every run does the work, as with --no-cache


def _read(path: Path, code: str) -> tuple[dict[str, Known], dict[str, int]]:
    data = read_regular(path, follow=False, limit=_MAX_BYTES)
    if data is None:
        return {}, {}
    try:
        stored = json.loads(data)
    except (ValueError, RecursionError):  # damaged, or nested past the parser's depth
        return {}, {}
    if not isinstance(stored, dict) or stored.get("code") != code:
        return {}, {}
    entries = stored.get("entries")
    if not isinstance(entries, dict):
        return {}, {}
    found: dict[str, Known] = {}
    sizes: dict[str, int] = {}
    for name, value in list(entries.items())[-_MAX_ENTRIES:]:
        if (
            isinstance(value, list)
            and len(value) == 4  # the three fields of Known, and the size
            and isinstance(value[0], str)
            and (value[1] is None or isinstance(value[1], str))
            and isinstance(value[2], list)
            and all(isinstance(line, str) for line in value[2])
            and isinstance(value[3], int)
        ):
            found[name] = (value[0], value[1], value[2])
            sizes[name] = value[3]
    return found, sizes


def lookup(
    known: Known | None,
    code: str | None,
    parts: tuple[bytes | str | float | None, ...],
    output: Path | None,
) -> tuple[str | None, bool]:
    """This job's key (None without a cache), and whether its remembered result stands.

    It stands when ``known`` has the same key and ``output`` still holds the bytes it left
    (``check`` has none); what the job printed then is printed again.  False: do the work.
    """
    if code is None:
        return None, False
    job_key = key(code, *parts)
    if known is None or known[0] != job_key:
        return job_key, False
    if output is not None and digest_of(read_regular(output)) != known[1]:
        return job_key, False
    from hatch_minipo.errors import printable

    for line in known[2]:
        print(printable(line), file=sys.stderr)
    return job_key, True


def learned(
    job_key: str | None, output: bytes | None, diagnostics: Iterable[Diagnostic]
) -> Known | None:
    """What to remember of a job that went well: its output's digest and what it printed."""
    if job_key is None:
        return None
    return job_key, digest_of(output), [str(diagnostic) for diagnostic in diagnostics]
