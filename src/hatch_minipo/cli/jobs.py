"""The per-file work of a subcommand, shared across the cores, printed in the order given.

Each file is handled by one call of a module-level function, in a worker process when there
are several: it reads its input, writes its output and prints what it has to say, as it would
alone.  What it prints is captured and replayed by the parent in the order of the files, so
the output of ``-j 4`` is the output of ``-j 1``.  At most a few files per worker are in
flight: memory follows the largest catalog, not the number of files.

On a terminal, a progress line on stderr counts the files done (never with ``--quiet``, and
never when stderr is a file or a pipe, where it would only add noise).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TYPE_CHECKING, Callable, TypeVar

from hatch_minipo.cli import common

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

_Job = TypeVar("_Job")
_Result = TypeVar("_Result")

# Below this much input a pool costs more than it saves (the same threshold as the build's).
PARALLEL_BYTES = 2_000_000
# Files in flight per worker: enough to keep each busy while the parent prints.
_AHEAD = 2


def _jobs_count(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1024:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 1024, not {text!r}")
    return value


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs_count,
        metavar="N",
        help="share the files among N processes (default: one per core when there is enough "
        "work; the output is the same whatever N)",
    )


def workers_for(
    paths: Sequence[Path],
    asked: int | None,
    outputs: Sequence[Path] = (),
    *,
    settled: Callable[[Path, int], bool] | None = None,
) -> int:
    """``-j``'s value, or by default one per core when the files hold enough work.

    One process when a job writes what another reads or writes (``de.po`` and
    ``de.mini.po`` minimized together): in order, the second sees the first's output.
    Files ``settled`` says need no work (remembered, same size) do not count toward it.
    """
    if outputs and _entangled(paths, outputs):
        return 1
    if asked is not None:
        return asked
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            size = path.stat().st_size
            if settled is None or not settled(path, size):
                total += size
    return (os.cpu_count() or 1) if total >= PARALLEL_BYTES and len(paths) > 1 else 1


def _entangled(inputs: Sequence[Path], outputs: Sequence[Path]) -> bool:
    """Whether an output is also another job's input or output."""
    import os.path
    import stat

    folders: dict[str, str] = {}

    def key(path: Path) -> str:
        # realpath walks every component of every name; a folder's is looked up once, and
        # the name itself only when it is a link (thousands of catalogs in a few folders).
        head, name = os.path.split(os.path.abspath(path))  # noqa: PTH100 - resolved below
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            link = False
        if link or name in ("", ".", ".."):
            return os.path.normcase(os.path.realpath(path))
        if head not in folders:
            folders[head] = os.path.realpath(head)
        return os.path.normcase(os.path.join(folders[head], name))  # noqa: PTH118 - str keys

    written = [key(path) for path in outputs]
    if len(set(written)) < len(written):
        return True
    readers: dict[str, set[int]] = {}
    for index, path in enumerate(inputs):
        readers.setdefault(key(path), set()).add(index)
    return any(readers.get(out, set()) - {index} for index, out in enumerate(written))


class _Chunks(io.BytesIO):
    """The bytes both streams of a job wrote, in the order they were written."""

    def __init__(self, log: list[tuple[int, bytes]], stream: int) -> None:
        super().__init__()
        self.log = log
        self.stream = stream

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = bytes(data)
        if chunk:
            self.log.append((self.stream, chunk))
        return len(chunk)

    def writelines(self, lines: Iterable[bytes | bytearray | memoryview]) -> None:  # type: ignore[override]
        # BytesIO's own writelines would bypass write (check writes its diff this way).
        for line in lines:
            self.write(line)


class _Captured:
    """stdout and stderr of one job, as bytes in the parent's encodings, in writing order."""

    def __init__(self) -> None:
        self.log: list[tuple[int, bytes]] = []
        self.out = self._stream(sys.stdout, 1)
        self.err = self._stream(sys.stderr, 2)

    def _stream(self, like: object, number: int) -> io.TextIOWrapper:
        encoding = getattr(like, "encoding", None) or "utf-8"
        errors = getattr(like, "errors", None) or "strict"
        return io.TextIOWrapper(
            _Chunks(self.log, number), encoding=encoding, errors=errors, write_through=True
        )

    def taken(self) -> list[tuple[int, bytes]]:
        self.out.flush()
        self.err.flush()
        return self.log


def _captured(
    call: tuple[Callable[[_Job], _Result], _Job, int],
) -> tuple[_Result, list[tuple[int, bytes]]]:
    """Run one job with its output captured (in a worker, or beside a progress line)."""
    work, job, verbosity = call
    common.set_verbosity(verbosity)
    streams = _Captured()
    with contextlib.redirect_stdout(streams.out), contextlib.redirect_stderr(streams.err):
        result = work(job)
    return result, streams.taken()


class _Progress:
    """``minipo check: 12/300`` on one line of a terminal, rewritten in place."""

    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.shown = False

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False

    def step(self) -> None:
        self.done += 1
        if self.done < self.total:
            sys.stderr.write(f"\r\x1b[K{self.label}: {self.done}/{self.total}")
            sys.stderr.flush()
            self.shown = True


def _replay(log: list[tuple[int, bytes]]) -> None:
    for number, data in log:
        stream = sys.stdout if number == 1 else sys.stderr
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()


def each(
    work: Callable[[_Job], _Result],
    jobs: Sequence[_Job],
    *,
    workers: int = 1,
    label: str = "minipo",
) -> Iterator[_Result]:
    """``work(job)`` for every job, in order, its output printed before its result is given.

    ``work`` must be a module-level function and each job picklable when ``workers`` > 1.
    """
    verbosity = common.verbosity()
    progress = None
    if len(jobs) > 1 and verbosity >= 0 and sys.stderr.isatty():
        progress = _Progress(label, len(jobs))
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            if progress is None:
                yield work(job)
                continue
            result, log = _captured((work, job, verbosity))
            progress.clear()
            _replay(log)
            progress.step()
            yield result
        return
    yield from _shared(work, jobs, min(workers, len(jobs)), verbosity, progress)


def _shared(
    work: Callable[[_Job], _Result],
    jobs: Sequence[_Job],
    workers: int,
    verbosity: int,
    progress: _Progress | None,
) -> Iterator[_Result]:
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    from hatch_minipo.compiler import exit_with_parent

    pending: deque[Future[tuple[_Result, list[tuple[int, bytes]]]]] = deque()
    queue = iter(jobs)
    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
        try:
            for job in queue:
                pending.append(pool.submit(_captured, (work, job, verbosity)))
                if len(pending) >= workers * _AHEAD:
                    break
            while pending:
                result, log = pending.popleft().result()
                for job in queue:  # keep the workers fed, one new job per job done
                    pending.append(pool.submit(_captured, (work, job, verbosity)))
                    break
                if progress is not None:
                    progress.clear()
                _replay(log)
                if progress is not None:
                    progress.step()
                yield result
        finally:
            for future in pending:
                future.cancel()
            if progress is not None:
                progress.clear()
