"""Parse, validate and compile one catalog; compile many across the machine's cores."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from typing import TYPE_CHECKING

from hatch_minipo.errors import CHECK_LEVELS, CheckLevel, printable
from hatch_minipo.mo import writer as mo
from hatch_minipo.po.reader import parse_po
from hatch_minipo.validate import validate

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from hatch_minipo.errors import Diagnostic
    from hatch_minipo.po.catalog import Catalog, Message
    from hatch_minipo.validate import Validation

__all__ = [
    "CHECK_LEVELS",
    "CheckLevel",
    "CompileResult",
    "catalog_diagnostics",
    "compile_catalog",
    "compile_each",
    "compile_many",
    "printable",
]

# Below this much PO text in all, starting worker processes costs more than it saves: on a
# 2-core machine the break-even was at about 2 MB (20,000 entries), where the workers start,
# receive the catalogs and send back the .mo files in about the time one process compiles.
_PARALLEL_BYTES = 2_000_000


@dataclasses.dataclass
class CompileResult:
    """What compiling one catalog gave: the ``.mo`` bytes, or None when refused."""

    path: str
    mo: bytes | None
    diagnostics: list[Diagnostic]
    # Messages compiled into the .mo, the header not counted.
    messages: int = 0

    @property
    def ok(self) -> bool:
        return self.mo is not None


def compile_catalog(
    data: bytes,
    path: str,
    *,
    check: CheckLevel = "errors",
    language: str | None = None,
) -> CompileResult:
    """Compile the PO bytes ``data`` read from ``path`` (used in diagnostics only).

    ``language`` is the caller's guess from the file's place (``po/de.mini.po``,
    ``de/LC_MESSAGES/x.po``); the ``Language`` header wins over it.
    """
    with _collector_paused():
        return _compile(data, path, check, language)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a catalog is compiled.

    Parsing makes several objects per entry and none of them form cycles, yet every few
    hundred allocations the collector walks the young ones and, more and more often, all of
    them: that alone doubled the time of a 10,000-entry catalog and made time grow faster than
    the catalog.  Reference counting frees everything as usual, and the collector's state is
    put back as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def catalog_diagnostics(
    catalog: Catalog,
    parsed: list[Diagnostic],
    *,
    check: CheckLevel = "errors",
    language: str | None = None,
) -> list[Diagnostic]:
    """What compiling an already parsed catalog reports (``parsed``: the parser's findings)."""
    return _checked(catalog, parsed, check, language)[2]


def _checked(
    catalog: Catalog, parsed: list[Diagnostic], check: CheckLevel, language: str | None
) -> tuple[list[Message], Validation, list[Diagnostic]]:
    compiled = mo.select(catalog.messages)
    result = validate(catalog, compiled, level=check, language=language)
    diagnostics = sorted(
        (_printable_diagnostic(d) for d in parsed + result.diagnostics),
        key=lambda d: d.line,
    )
    return compiled, result, diagnostics


def _compile(data: bytes, path: str, check: CheckLevel, language: str | None) -> CompileResult:
    catalog, parsed = parse_po(data, path, comments=False)
    compiled, result, diagnostics = _checked(catalog, parsed, check, language)
    if any(d.is_error for d in diagnostics):
        return CompileResult(path, None, diagnostics)
    entries = _encoded(compiled, catalog.charset, result.supplied_plural_forms)
    count = len(entries) - any(not key for key, _ in entries)
    # The parsed messages take several times the size of the .mo: let them go before it is
    # assembled, so that the two never take memory at the same time.
    del catalog, compiled
    return CompileResult(path, mo.write_mo(entries), diagnostics, count)


def _printable_diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    message = printable(diagnostic.message)
    return (
        diagnostic
        if message is diagnostic.message
        else dataclasses.replace(diagnostic, message=message)
    )


def _encoded(
    compiled: list[Message], charset: str, plural_forms: str | None
) -> list[tuple[bytes, bytes]]:
    """The .mo's (key, value) pairs: one loop with no call per entry, as it runs for each."""
    entries = []
    for message in compiled:
        msgid = message.msgid
        key = msgid if message.msgctxt is None else f"{message.msgctxt}\x04{msgid}"
        if message.msgid_plural is not None:
            key = f"{key}\0{message.msgid_plural}"
        strs = message.msgstr
        value = strs[0] if len(strs) == 1 else "\0".join(strs)
        if not msgid and message.is_header:
            value = mo.header_for_mo(value)
            if plural_forms is not None:
                value += ("" if value.endswith("\n") else "\n") + f"Plural-Forms: {plural_forms}\n"
        entries.append(
            (key.encode(charset, "surrogateescape"), value.encode(charset, "surrogateescape"))
        )
    return entries


def _compile_job(job: tuple[bytes, str, CheckLevel, str | None]) -> CompileResult:
    data, path, check, language = job
    return compile_catalog(data, path, check=check, language=language)


def compile_each(
    jobs: Sequence[tuple[bytes, str, str | None]],
    *,
    check: CheckLevel = "errors",
    workers: int | None = None,
) -> Iterator[CompileResult]:
    """Compile ``(data, path, language)`` jobs; results come in the order of ``jobs``, each
    as soon as it is ready, so a caller can write one while the next ones compile.

    ``workers`` processes share the work; by default, one per core when there is enough of
    it.  Each catalog is compiled on its own, so the output does not depend on ``workers``.
    """
    work = [(data, path, check, language) for data, path, language in jobs]
    if workers is None:
        enough = sum(len(data) for data, _, _ in jobs) >= _PARALLEL_BYTES
        workers = (os.cpu_count() or 1) if enough else 1
    if workers <= 1 or len(work) < 2:
        return map(_compile_job, work)
    return _shared(work, min(workers, len(work)))


def _shared(
    work: list[tuple[bytes, str, CheckLevel, str | None]], workers: int
) -> Iterator[CompileResult]:
    # Most builds compile under the pool threshold and never pay for importing it.
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
        yield from pool.map(_compile_job, work, chunksize=max(1, len(work) // (workers * 4)))


def exit_with_parent() -> None:
    """In a worker: end as soon as the process that started it is gone.

    A parent killed with SIGKILL (a front end's timeout, the OOM killer, Ctrl-C twice) cannot
    stop its pool; the workers would go on compiling for minutes, holding their memory.  A
    daemon thread notices the new parent within a second and ends the worker.  The parent is
    read here, in the worker: with the forkserver start method (Python 3.14's default on
    Linux) it is the server, which ends with the process that started it.
    """
    parent = os.getppid()
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="minipo-parent-watch", daemon=True).start()


def compile_many(
    jobs: Sequence[tuple[bytes, str, str | None]],
    *,
    check: CheckLevel = "errors",
    workers: int | None = None,
) -> list[CompileResult]:
    """Every result of compile_each, once all are done."""
    return list(compile_each(jobs, check=check, workers=workers))
