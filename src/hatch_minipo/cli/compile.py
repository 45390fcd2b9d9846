"""``minipo compile FILE...``: X.mini.po or X.po becomes X.mo beside it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli.common import catalog_language, detail, read_input, report
from hatch_minipo.errors import CHECK_LEVELS

if TYPE_CHECKING:
    import argparse


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
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="worker processes (default: one per core, for 2 MB of catalogs or more)",
    )
    parser.set_defaults(run=run)


def output_path(source: Path) -> Path:
    name = source.name
    for suffix in (".mini.po", ".po"):
        if name.endswith(suffix):
            return source.with_name(name[: -len(suffix)] + ".mo")
    return source.with_name(name + ".mo")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.compiler import compile_each
    from hatch_minipo.project import atomic

    files: list[Path] = args.files
    if args.output is not None and len(files) != 1:
        parser.error("-o/--output takes exactly one input file")
    if args.jobs is not None and args.jobs < 1:
        parser.error("-j/--jobs must be at least 1")
    jobs = []
    failed = False
    for path in files:
        data = read_input(path)
        if data is None:
            failed = True
            continue
        jobs.append((data, str(path), catalog_language(path)))
    for result in compile_each(jobs, check=args.check, workers=args.jobs):
        report(result.diagnostics)
        if result.mo is None:
            failed = True
            continue
        target = args.output or output_path(Path(result.path))
        try:
            # Derived: no fsync; unchanged: not rewritten (its time stamp stays).
            changed = atomic.write_if_changed(target, result.mo, durable=False)
            detail(f"{target}: {'compiled' if changed else 'unchanged'}")
        except OSError as exc:
            print(f"{target}: cannot write: {exc.strerror}", file=sys.stderr)
            failed = True
    return 1 if failed else 0
