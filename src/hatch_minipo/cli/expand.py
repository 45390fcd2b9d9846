"""``minipo expand --template POT FILE...``: each X.mini.po becomes the full X.po beside it.

The full catalog is what ``msgmerge --no-fuzzy-matching X.mini.po POT`` writes: every message
of the template, translated or empty, for translators or a translation platform.  Without
files, every catalog of the project is expanded with its domain's template.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli import cache, jobs
from hatch_minipo.cli.common import (
    add_force_option,
    detail,
    edited_since,
    read_input,
    read_templates,
    report,
    report_problems,
    say,
    template,
    template_digest,
)
from hatch_minipo.cli.minimize import MINI_SUFFIX, add_width_options

if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "expand",
        help="full catalogs for translators: X.mini.po + template -> X.po, as msgmerge writes",
        description="Write X.po beside each X.mini.po: every message of the template, in its "
        "order and with its locations, translated where the catalog has a translation, the "
        "messages the template lost kept as obsolete; byte-identical to `msgmerge "
        "--no-fuzzy-matching X.mini.po POT`. Without files: the project's catalogs, each with "
        "its domain's template.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument(
        "-t", "--template", type=Path, metavar="POT", help="the template (.pot) to expand with"
    )
    parser.add_argument("-o", "--output", type=Path, help="output file (one input only)")
    add_force_option(parser)
    add_width_options(parser)
    jobs.add_jobs_option(parser)
    cache.add_cache_option(parser)
    parser.set_defaults(run=run)


def output_path(source: Path) -> Path:
    """``de.mini.po`` -> ``de.po``; any other catalog is updated in place (msgmerge -U)."""
    name = source.name
    if name.endswith(MINI_SUFFIX):
        return source.with_name(name[: -len(MINI_SUFFIX)] + ".po")
    return source


def _jobs(
    args: argparse.Namespace, parser: argparse.ArgumentParser
) -> list[tuple[Path, Path, Path]]:
    """(catalog, output, template) for each file to expand; raises MinipoError."""
    if args.files:
        if args.template is None:
            parser.error("-t/--template is required when files are named")
        return [(path, args.output or output_path(path), args.template) for path in args.files]
    from hatch_minipo.cli.project import project_catalogs, shown

    return [
        (shown(c.mini), shown(c.full), args.template or shown(c.template))
        for c in project_catalogs()
    ]


def _expand_one(
    job: tuple[Path, Path, Path, int | None, bool, cache.Known | None, str | None],
) -> tuple[bool, cache.Known | None]:
    """Expand one catalog and write it; whether it went well (problems are printed), and
    what to remember of it."""
    source, target, template_path, width, force, known, code = job
    data = read_input(source)
    if data is None:
        return False, None
    parts = ("expand", str(source), str(target), data, template_digest(template_path), width)
    job_key, hit = cache.lookup(known, code, parts, target)
    if hit:
        detail(f"{target}: unchanged")
        return True, known
    from hatch_minipo.po.reader import parse_po
    from hatch_minipo.po.writer import write_po
    from hatch_minipo.project import atomic
    from hatch_minipo.workflow.expand import expand

    catalog, diagnostics = parse_po(data, str(source))
    report(diagnostics)
    reference = template(template_path)
    if any(d.is_error for d in diagnostics) or reference is None:
        return False, None
    try:
        output = write_po(expand(catalog, reference), width=width)
    except UnicodeEncodeError as exc:
        text = exc.object[exc.start : exc.end]
        print(
            f"{source}: cannot write {text!r} from the template in the catalog's charset "
            f"{catalog.charset}; convert the catalog to UTF-8",
            file=sys.stderr,
        )
        return False, None
    if edited_since(target, output, [source, template_path], force):
        return False, None
    learned = cache.learned(job_key, output, diagnostics)
    try:
        if not atomic.write_if_changed(target, output):
            detail(f"{target}: unchanged")  # the file (and its time stamp) stays
            return True, learned
    except OSError as exc:
        print(f"{target}: cannot write: {exc.strerror}", file=sys.stderr)
        return False, None
    say(f"{target}: expanded from {source}")
    return True, learned


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.errors import MinipoError

    if args.output is not None and len(args.files) != 1:
        parser.error("-o/--output takes exactly one input file")
    try:
        found = _jobs(args, parser)
    except MinipoError as exc:
        return report_problems(exc.problems)
    missing: set[Path] = set()
    for _, _, template_path in found:
        if not args.files and args.template is None and not template_path.exists():
            if template_path not in missing:
                print(
                    f"{template_path}: no such template; write it with `minipo extract`",
                    file=sys.stderr,
                )
            missing.add(template_path)
    unusable = missing | read_templates(t for _, _, t in found if t not in missing)
    width = None if args.no_wrap else args.width
    store = cache.Store("expand", enabled=args.cache)
    work = [
        (source, target, template_path, width, args.force, store.known(source), store.code)
        for source, target, template_path in found
        if template_path not in unusable
    ]
    workers = jobs.workers_for(
        [source for source, *_ in work],
        args.jobs,
        [target for _, target, *_ in work],
        settled=store.settled,
    )
    results = list(jobs.each(_expand_one, work, workers=workers, label="minipo expand"))
    for job, (_, known) in zip(work, results):
        store.remember(job[0], known)
    store.save()
    return 0 if all(ok for ok, _ in results) and len(work) == len(found) else 1
