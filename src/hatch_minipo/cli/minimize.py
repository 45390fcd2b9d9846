"""``minipo minimize FILE...``: each full X.po becomes X.mini.po beside it.

A file that is already a ``.mini.po`` is minimized in place (that is how the pre-commit fixer
works): minimizing is idempotent, so a canonical file is left untouched.  Without files, the
project's catalogs are minimized: each ``X.po`` beside an ``X.mini.po``, or the ``.mini.po``
itself when there is no full catalog.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli import cache, jobs
from hatch_minipo.cli.common import (
    add_force_option,
    catalog_language,
    detail,
    edited_since,
    read_clean,
    read_input,
    read_templates,
    report,
    report_problems,
    say,
    template,
    template_digest,
)

if TYPE_CHECKING:
    from hatch_minipo.po.catalog import Catalog

MINI_SUFFIX = ".mini.po"


def _width(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    return value


def add_width_options(parser: argparse.ArgumentParser) -> None:
    """--width and --no-wrap, shared by the commands that write or compare PO text."""
    parser.add_argument(
        "-w",
        "--width",
        type=_width,
        default=79,
        metavar="N",
        help="fill lines up to N columns, as GNU's --width (default: 79; 0: no limit)",
    )
    parser.add_argument(
        "--no-wrap",
        action="store_true",
        help="do not break long strings (only after \\n), as GNU's --no-wrap",
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "minimize",
        help="keep only the translations: X.po -> X.mini.po, as GNU msgattrib writes it",
        description="Write X.mini.po beside each X.po: the translated entries only (no fuzzy, "
        "untranslated or obsolete ones, no locations), sorted, byte-identical to `msgattrib "
        "--force-po --translated --no-fuzzy --no-obsolete --no-location --sort-output`. A "
        ".mini.po is minimized in place. Without files: the project's catalogs.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument("-o", "--output", type=Path, help="output file (one input only)")
    add_force_option(parser)
    parser.add_argument(
        "-t",
        "--template",
        type=Path,
        metavar="POT",
        help="first drop the entries this template no longer has",
    )
    add_width_options(parser)
    jobs.add_jobs_option(parser)
    cache.add_cache_option(parser)
    parser.set_defaults(run=run)


def output_path(source: Path) -> Path:
    """``de.po`` -> ``de.mini.po``; a ``.mini.po`` is its own output."""
    name = source.name
    if name.endswith(MINI_SUFFIX):
        return source
    if name.endswith(".po"):
        return source.with_name(name[: -len(".po")] + MINI_SUFFIX)
    return source.with_name(name + MINI_SUFFIX)


def _jobs(args: argparse.Namespace) -> list[tuple[Path, Path, Path | None]]:
    """(input, output, template) for each file to minimize; raises MinipoError."""
    template: Path | None = args.template
    if args.files:
        return [(path, args.output or output_path(path), template) for path in args.files]
    from hatch_minipo.cli.project import project_catalogs, shown

    jobs: list[tuple[Path, Path, Path | None]] = []
    for catalog in project_catalogs():
        source = catalog.full if catalog.full.is_file() else catalog.mini
        # The project's template is used when it exists: it is not committed.
        own = catalog.template if catalog.template.is_file() else None
        jobs.append((shown(source), shown(catalog.mini), template or own))
    return jobs


def _previous(source: Path, target: Path) -> Catalog | None:
    """The .mini.po a minimize from X.po replaces, when it exists and reads cleanly."""
    return None if source == target else read_clean(target)


def _minimize_one(
    job: tuple[Path, Path, Path | None, int | None, bool, cache.Known | None, str | None],
) -> tuple[bool, cache.Known | None]:
    """Minimize one catalog and write it; whether it went well (problems are printed), and
    what to remember of it."""
    source, target, template_path, width, force, known, code = job
    data = read_input(source)
    if data is None:
        return False, None
    # The catalog this one replaces is not part of the key: only its POT-Creation-Date is
    # used, and an output still holding the remembered result carries that same date.
    digest = template_digest(template_path)
    parts = ("minimize", str(source), str(target), data, digest, width)
    job_key, hit = cache.lookup(known, code, parts, target)
    if hit:
        detail(f"{target}: unchanged")
        return True, known
    from hatch_minipo.project import atomic
    from hatch_minipo.workflow.minimize import minimize_po

    result = minimize_po(
        data,
        str(source),
        template=template(template_path),
        width=width,
        language=catalog_language(source),
        previous=_previous(source, target),
    )
    report(result.diagnostics)
    if result.data is None:
        return False, None
    if source != target and edited_since(target, result.data, [source], force):
        return False, None
    learned = cache.learned(job_key, result.data, result.diagnostics)
    try:
        if not atomic.write_if_changed(target, result.data):
            detail(f"{target}: unchanged")  # the file (and its time stamp) stays
            return True, learned
    except OSError as exc:
        print(f"{target}: cannot write: {exc.strerror}", file=sys.stderr)
        return False, None
    say(f"{target}: minimized" + ("" if source == target else f" from {source}"))
    return True, learned


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.errors import MinipoError

    if args.output is not None and len(args.files) != 1:
        parser.error("-o/--output takes exactly one input file")
    try:
        found = _jobs(args)
    except MinipoError as exc:
        return report_problems(exc.problems)
    unusable = read_templates(template for _, _, template in found)
    width = None if args.no_wrap else args.width
    store = cache.Store("minimize", enabled=args.cache)
    work = [
        (source, target, template, width, args.force, store.known(source), store.code)
        for source, target, template in found
        if template not in unusable
    ]
    workers = jobs.workers_for(
        [source for source, *_ in work],
        args.jobs,
        [target for _, target, *_ in work],
        settled=store.settled,
    )
    results = list(jobs.each(_minimize_one, work, workers=workers, label="minipo minimize"))
    for job, (_, known) in zip(work, results):
        store.remember(job[0], known)
    store.save()
    return 0 if all(ok for ok, _ in results) and len(work) == len(found) else 1
