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
    from collections.abc import Iterator, Sequence
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


def workers_for(paths: Sequence[Path], asked: int | None) -> int:
    """``-j``'s value, or by default one per core when the files hold enough work."""
    if asked is not None:
        return asked
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return (os.cpu_count() or 1) if total >= PARALLEL_BYTES and len(paths) > 1 else 1


class _Captured:
    """stdout and stderr of one job, as bytes in the parent's encodings."""

    def __init__(self) -> None:
        self.out = self._stream(sys.stdout)
        self.err = self._stream(sys.stderr)

    @staticmethod
    def _stream(like: object) -> io.TextIOWrapper:
        encoding = getattr(like, "encoding", None) or "utf-8"
        errors = getattr(like, "errors", None) or "strict"
        return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors, write_through=True)

    def taken(self) -> tuple[bytes, bytes]:
        self.out.flush()
        self.err.flush()
        out = self.out.buffer
        err = self.err.buffer
        assert isinstance(out, io.BytesIO)  # noqa: S101 - made just above
        assert isinstance(err, io.BytesIO)  # noqa: S101
        return out.getvalue(), err.getvalue()


def _captured(
    call: tuple[Callable[[_Job], _Result], _Job, int],
) -> tuple[_Result, bytes, bytes]:
    """Run one job with its output captured (in a worker, or beside a progress line)."""
    work, job, verbosity = call
    common.set_verbosity(verbosity)
    streams = _Captured()
    with contextlib.redirect_stdout(streams.out), contextlib.redirect_stderr(streams.err):
        result = work(job)
    out, err = streams.taken()
    return result, out, err


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


def _replay(out: bytes, err: bytes) -> None:
    for stream, data in ((sys.stdout, out), (sys.stderr, err)):
        if data:
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
            result, out, err = _captured((work, job, verbosity))
            progress.clear()
            _replay(out, err)
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

    pending: deque[Future[tuple[_Result, bytes, bytes]]] = deque()
    queue = iter(jobs)
    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
        try:
            for job in queue:
                pending.append(pool.submit(_captured, (work, job, verbosity)))
                if len(pending) >= workers * _AHEAD:
                    break
            while pending:
                result, out, err = pending.popleft().result()
                for job in queue:  # keep the workers fed, one new job per job done
                    pending.append(pool.submit(_captured, (work, job, verbosity)))
                    break
                if progress is not None:
                    progress.clear()
                _replay(out, err)
                if progress is not None:
                    progress.step()
                yield result
        finally:
            for future in pending:
                future.cancel()
            if progress is not None:
                progress.clear()
