"""The build core every integration shares: compile a project's catalogs, refuse as one error,
write into a tree only what changed, clean up.

The hatch hook and the setuptools command are thin adapters over these functions, so a rule
(a partial compile fails the build, an unchanged file keeps its time stamp) lives once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from hatch_minipo.errors import CatalogError, Diagnostic
from hatch_minipo.project import atomic
from hatch_minipo.project.discovery import DiscoveryError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from hatch_minipo.compiler import CompileResult
    from hatch_minipo.errors import CheckLevel
    from hatch_minipo.project.discovery import CatalogFile


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def read_and_compile(
    root: Path, catalogs: Sequence[CatalogFile], check: CheckLevel
) -> list[CompileResult]:
    """Compile every catalog, in order, across the cores; the one place that calls the engine."""
    # Imported here, not above: `hatch clean` uses this module and compiles nothing.
    from hatch_minipo.compiler import compile_many  # noqa: PLC0415

    jobs = []
    unreadable = []
    for catalog in catalogs:
        try:
            jobs.append(((root / catalog.source).read_bytes(), catalog.source, catalog.language))
        except OSError as exc:  # noqa: PERF203 -- a dangling link, a file removed under us
            unreadable.append(f"{catalog.source}: cannot read: {exc.strerror}")
    if unreadable:
        raise DiscoveryError(unreadable)
    return compile_many(jobs, check=check)


def compile_catalogs(
    root: Path, catalogs: Sequence[CatalogFile], check: CheckLevel
) -> list[CompileResult]:
    """read_and_compile, and a result for every catalog or an error."""
    results = read_and_compile(root, catalogs, check)
    if len(results) != len(catalogs):
        # Catalogs found and fewer compiled would ship a silently partial translation.
        message = f"minipo: found {len(catalogs)} catalogs but compiled {len(results)}"
        raise RuntimeError(message)
    return results


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds them (its time stamp then stays)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Every file the build core writes is a compiled catalog, made again by the next build.
    return atomic.write_if_changed(path, data, durable=False)


def inside_project(root: Path, relative: str) -> Path:
    """``root / relative``; DiscoveryError when a symbolic link on the way leads out of ``root``.

    Every path a build, ``hatch clean`` or the CLI's project mode writes or deletes goes
    through this: a ``destination``, template folder or full catalog that links elsewhere must
    not make them touch files there.
    """
    path = root / relative
    base = root.resolve()
    resolved = path.resolve()
    if resolved != base and base not in resolved.parents:
        message = (
            f"{relative}: leads to {resolved}, outside the project ({base}) through a"
            " symbolic link; minipo writes and deletes only inside the project"
        )
        raise DiscoveryError([message])
    return path


def write_into_tree(
    root: Path, catalogs: Sequence[CatalogFile], results: Sequence[CompileResult]
) -> int:
    """Each compiled ``.mo`` at its target in the tree (editable installs); how many changed.

    Every target is checked before the first is written: a refusal writes nothing.
    """
    targets = [inside_project(root, catalog.target) for catalog in catalogs]
    written = 0
    for target, result in zip(targets, results):
        if result.mo is not None:
            written += write_if_changed(target, result.mo)
    return written


def raise_for_refusals(results: Sequence[CompileResult], warn: Callable[[str], None]) -> None:
    """Show the warnings of the catalogs compiled; raise refusal() if any catalog was refused."""
    for result in results:
        if result.mo is not None:
            for diagnostic in result.diagnostics:
                warn(str(diagnostic))
    error = refusal(results)
    if error is not None:
        raise error


def refusal(results: Sequence[CompileResult]) -> CatalogError | None:
    """The error that fails a build when any catalog was refused: every problem, a line each."""
    refused = [result for result in results if result.mo is None]
    if not refused:
        return None
    diagnostics: list[Diagnostic] = []
    for result in refused:
        diagnostics.extend(
            result.diagnostics or [Diagnostic(result.path, 1, "refused, without a reason")]
        )
    error = CatalogError(diagnostics)
    # The heading puts the first problem on a line of its own in tracebacks, as the rest.
    error.args = (refusal_message(diagnostics, refused=len(refused), total=len(results)),)
    return error


def refusal_message(diagnostics: Sequence[Diagnostic], *, refused: int, total: int) -> str:
    """A heading, then one ``path:line: message`` per line, each starting its own line."""
    lines = "\n".join(str(diagnostic) for diagnostic in diagnostics)
    return (
        f"minipo refused {refused} of {plural(total, 'catalog')}; no artifact was written:\n{lines}"
    )


def clean_tree(root: Path, catalogs: Sequence[CatalogFile]) -> int:
    """Remove the ``.mo`` compiled into the tree for these catalogs; how many were there.

    Every target is checked before the first is removed: nothing outside the project is
    deleted, and a refusal deletes nothing.
    """
    targets = [inside_project(root, catalog.target) for catalog in catalogs]
    removed = 0
    for target in targets:
        if target.is_file():
            target.unlink()
            removed += 1
            remove_empty_folders(target.parent, stop=target.parents[2])
    return removed


def remove_empty_folders(folder: Path, *, stop: Path) -> None:
    """Remove ``folder`` and its parents up to and including ``stop`` while they are empty."""
    while True:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        if folder == stop:
            return
        folder = folder.parent
