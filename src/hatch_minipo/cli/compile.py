"""``minipo compile FILE...``: X.mini.po or X.po becomes X.mo beside it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli import cache, jobs
from hatch_minipo.cli.common import catalog_language, detail, read_input, report
from hatch_minipo.cli.jobs import add_jobs_option
from hatch_minipo.errors import CHECK_LEVELS

if TYPE_CHECKING:
    import argparse

    from hatch_minipo.errors import CheckLevel


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "compile",
        help="compile catalogs to .mo files, byte-identical to GNU msgfmt",
        description="Compile each X.mini.po or X.po into X.mo beside it. Every problem is "
        "reported as path:line: message; a refused catalog leaves no output behind.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("-o", "--output", type=Path, help="output file (one input only)")
    parser.add_argument(
        "--check",
        choices=CHECK_LEVELS,
        default="errors",
        help="errors: refuse what breaks at run time (default); strict: also what msgfmt -c "
        "refuses; off: syntax and encoding only",
    )
    add_jobs_option(parser)
    cache.add_cache_option(parser)
    parser.set_defaults(run=run)


def output_path(source: Path) -> Path:
    name = source.name
    for suffix in (".mini.po", ".po"):
        if name.endswith(suffix):
            return source.with_name(name[: -len(suffix)] + ".mo")
    return source.with_name(name + ".mo")


def _compile_one(
    job: tuple[Path, Path, CheckLevel, cache.Known | None, str | None],
) -> tuple[bool, cache.Known | None]:
    """Compile one catalog and write its .mo; whether it went well (problems are printed),
    and what to remember of it."""
    source, target, check, known, code = job
    data = read_input(source)
    if data is None:
        return False, None
    language = catalog_language(source)
    job_key, hit = cache.lookup(known, code, ("compile", str(source), check, data), target)
    if hit:
        detail(f"{target}: unchanged")
        return True, known
    from hatch_minipo.compiler import compile_catalog
    from hatch_minipo.project import atomic

    result = compile_catalog(data, str(source), check=check, language=language)
    report(result.diagnostics)
    if result.mo is None:
        return False, None
    try:
        # Derived: no fsync; unchanged: not rewritten (its time stamp stays).
        changed = atomic.write_if_changed(target, result.mo, durable=False)
    except OSError as exc:
        print(f"{target}: cannot write: {exc.strerror}", file=sys.stderr)
        return False, None
    detail(f"{target}: {'compiled' if changed else 'unchanged'}")
    return True, cache.learned(job_key, result.mo, result.diagnostics)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    files: list[Path] = args.files
    if args.output is not None and len(files) != 1:
        parser.error("-o/--output takes exactly one input file")
    store = cache.Store("compile", enabled=args.cache)
    work = [
        (path, args.output or output_path(path), args.check, store.known(path), store.code)
        for path in files
    ]
    workers = jobs.workers_for(files, args.jobs, [job[1] for job in work], settled=store.settled)
    results = list(jobs.each(_compile_one, work, workers=workers, label="minipo compile"))
    for path, (_, known) in zip(files, results):
        store.remember(path, known)
    store.save()
    return 0 if all(ok for ok, _ in results) else 1
