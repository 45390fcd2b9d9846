"""``minipo check [FILE...]``: fail unless every catalog is minimal, canonical and compilable.

Made for CI and pre-commit.  A catalog fails when ``minipo compile`` would refuse it, or when
``minipo minimize`` would change it; the change is printed as a unified diff, which
``patch -p0`` can apply.  Without files: the project's ``.mini.po`` catalogs.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli import cache, jobs
from hatch_minipo.cli.common import (
    catalog_language,
    detail,
    read_input,
    report,
    report_problems,
)
from hatch_minipo.cli.minimize import add_width_options
from hatch_minipo.errors import CHECK_LEVELS

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from hatch_minipo.po.catalog import Catalog


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="fail if a catalog is not minimal and canonical, or does not compile",
        description="Exit 1 when a catalog has an error `minipo compile` would refuse, or "
        "differs from what `minipo minimize` makes of it (the difference is printed as a "
        "unified diff). Without files: the project's catalogs.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument(
        "--check",
        choices=CHECK_LEVELS,
        default="errors",
        help="what counts as an error, as for `minipo compile` (default: errors)",
    )
    parser.add_argument(
        "--min-percent",
        type=_percent,
        metavar="N",
        help="also fail a catalog with less than N%% of the template translated",
    )
    parser.add_argument(
        "-t",
        "--template",
        type=Path,
        metavar="POT",
        help="the template --min-percent counts against (default: the project's)",
    )
    add_width_options(parser)
    jobs.add_jobs_option(parser)
    cache.add_cache_option(parser)
    parser.set_defaults(run=run)


def _percent(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        message = f"must be a number from 0 to 100, not {text!r}"
        raise argparse.ArgumentTypeError(message)
    return value


def _lines(text: str) -> list[str]:
    # Only "\n" ends a PO line; str.splitlines would also split at \r, \f, U+2028...
    lines = text.split("\n")
    ends = [line + "\n" for line in lines[:-1]]
    return [*ends, lines[-1]] if lines[-1] else ends


def unified_diff(old: bytes, new: bytes, name: str, codec: str) -> Iterator[bytes]:
    """A unified diff of two versions of the file ``name``, in its own encoding."""
    before = _lines(old.decode(codec, "surrogateescape"))
    after = _lines(new.decode(codec, "surrogateescape"))
    for line in difflib.unified_diff(
        before, after, name, name, "(current)", "(minimized)", lineterm="\n"
    ):
        text = line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        yield text.encode(codec, "surrogateescape")


def _files(args: argparse.Namespace) -> tuple[list[Path], Path | None]:
    """The catalogs to check, and the project's template when the project names them."""
    if args.files:
        return list(args.files), None
    from hatch_minipo.cli.project import load_project, shown

    project = load_project()
    return [shown(catalog.mini) for catalog in project.catalogs], project.template


def check_file(
    path: Path,
    args: argparse.Namespace,
    template: Catalog | None = None,
    *,
    remembered: tuple[cache.Known | None, str | None, str | None] = (None, None, None),
) -> tuple[bool, cache.Known | None]:
    """Whether the catalog at ``path`` passes (problems and the diff are printed), and what to
    remember of it.

    With ``template`` (and ``--min-percent``), a catalog translating less of it fails too.
    ``remembered`` is what the cache knows of this file, minipo's code digest, and the
    template's digest.
    """
    known, code, template_digest = remembered
    data = read_input(path)
    if data is None:
        return False, None
    width = None if args.no_wrap else args.width
    parts = ("check", str(path), data, args.check, width, args.min_percent, template_digest)
    job_key, hit = cache.lookup(known, code, parts, None)
    if hit:
        detail(f"{path}: ok")
        return True, known
    from hatch_minipo.compiler import catalog_diagnostics
    from hatch_minipo.po.reader import parse_po
    from hatch_minipo.po.writer import write_po
    from hatch_minipo.workflow.minimize import minimize

    catalog, parsed = parse_po(data, str(path))
    diagnostics = catalog_diagnostics(
        catalog, parsed, check=args.check, language=catalog_language(path)
    )
    report(diagnostics)
    if any(d.is_error for d in diagnostics):
        return False, None
    complete = _complete_enough(path, catalog, args.min_percent, template)
    # What compile accepts, minimize accepts: it refuses only what every check level refuses.
    minimized = write_po(minimize(catalog), width=None if args.no_wrap else args.width)
    if minimized == data:
        if not complete:
            return False, None
        detail(f"{path}: ok")
        return True, cache.learned(job_key, None, diagnostics)
    sys.stdout.flush()
    sys.stdout.buffer.writelines(unified_diff(data, minimized, str(path), catalog.charset))
    sys.stdout.buffer.flush()
    options = " --no-wrap" if args.no_wrap else "" if args.width == 79 else f" --width {args.width}"
    print(
        f"{path}: not minimal and canonical; `minipo minimize{options} {path}` fixes it",
        file=sys.stderr,
    )
    return False, None


def _complete_enough(
    path: Path, catalog: Catalog, minimum: float | None, template: Catalog | None
) -> bool:
    from hatch_minipo.workflow.stats import count

    if minimum is None or template is None:
        return True
    percent = count(catalog, catalog_language(path) or "", template=template).percent
    if percent is None or percent >= minimum:
        return True
    print(
        f"{path}: {percent:.1f}% of the template translated, below --min-percent {minimum:g}",
        file=sys.stderr,
    )
    return False


def _template(args: argparse.Namespace, project_template: Path | None) -> Path | None:
    """The template --min-percent counts against, read; raises MinipoError when there is none."""
    from hatch_minipo.cli.common import read_templates
    from hatch_minipo.errors import MinipoError

    if args.min_percent is None:
        return None
    path: Path | None = args.template or project_template
    if path is None or not path.is_file():
        message = "minipo check: --min-percent needs a template: -t POT, or run minipo extract"
        raise MinipoError([message])
    if read_templates([path]):
        raise MinipoError([])
    return path


def _check_one(
    job: tuple[Path, argparse.Namespace, Path | None, cache.Known | None, str | None],
) -> tuple[bool, cache.Known | None]:
    from hatch_minipo.cli.common import template, template_digest

    path, args, template_path, known, code = job
    remembered = (known, code, template_digest(template_path))
    return check_file(path, args, template(template_path), remembered=remembered)


def run(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.errors import MinipoError

    try:
        files, project_template = _files(args)
        template: Path | None = _template(args, project_template)
    except MinipoError as exc:
        return report_problems(exc.problems)
    # Only the options check_file reads: the whole namespace holds every file name, and it
    # would be sent to a worker with each file.
    from argparse import Namespace

    options = Namespace(
        check=args.check, min_percent=args.min_percent, no_wrap=args.no_wrap, width=args.width
    )
    store = cache.Store("check", enabled=args.cache)
    work = [(path, options, template, store.known(path), store.code) for path in files]
    workers = jobs.workers_for(files, args.jobs, settled=store.settled)
    results = list(jobs.each(_check_one, work, workers=workers, label="minipo check"))
    for path, (_, known) in zip(files, results):
        store.remember(path, known)
    store.save()
    return 0 if all(ok for ok, _ in results) else 1
