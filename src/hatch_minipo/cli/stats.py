"""``minipo stats [FILE...] [--template POT] [--json]``: how far each language's translation is.

The percentage is of the template's messages.  Without a template, a full ``.po`` is its own
total (it lists every message), while a ``.mini.po`` shows its count only.  Without files, the
project's catalogs are counted against the project's template when it exists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli import jobs
from hatch_minipo.cli.common import (
    catalog_language,
    read_catalog,
    read_templates,
    report_problems,
    template,
)
from hatch_minipo.cli.minimize import MINI_SUFFIX

if TYPE_CHECKING:
    import argparse

    from hatch_minipo.po.catalog import Catalog
    from hatch_minipo.workflow.stats import CatalogStats


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "stats",
        help="translated messages and percentage of the template, per language",
        description="Count each catalog's translated messages (not fuzzy, not obsolete) and "
        "show them as a table sorted by percentage, with a bar per language. The percentage "
        "is of the template's messages; without --template a full .po is its own total and "
        "a .mini.po shows its count only. Without files: the project's catalogs.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument(
        "-t", "--template", type=Path, metavar="POT", help="count against this template"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    jobs.add_jobs_option(parser)
    parser.set_defaults(run=run)


def _jobs(args: argparse.Namespace) -> list[tuple[Path, Path | None]]:
    """(catalog, template) pairs; raises MinipoError."""
    if args.files:
        return [(path, args.template) for path in args.files]
    from hatch_minipo.cli.project import project_catalogs, shown

    jobs: list[tuple[Path, Path | None]] = []
    for catalog in project_catalogs():
        template = args.template or (catalog.template if catalog.template.is_file() else None)
        jobs.append((shown(catalog.mini), None if template is None else shown(template)))
    return jobs


def _language(catalog: Catalog, path: Path) -> str:
    return catalog.header_field("Language") or catalog_language(path) or path.stem


def _count(path: Path, template: Catalog | None) -> CatalogStats | None:
    from hatch_minipo.languages import display_name
    from hatch_minipo.workflow.stats import count

    catalog = read_catalog(path)
    if catalog is None:
        return None
    language = _language(catalog, path)
    return count(
        catalog,
        language,
        template=template,
        complete=not path.name.endswith(MINI_SUFFIX),
        name=display_name(language),
    )


def _count_one(job: tuple[Path, Path | None]) -> CatalogStats | None:
    path, template_path = job
    return _count(path, template(template_path))


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:  # noqa: ARG001
    from hatch_minipo.errors import MinipoError
    from hatch_minipo.workflow.stats import render_table, sort_stats, to_json

    try:
        found = _jobs(args)
    except MinipoError as exc:
        return report_problems(exc.problems)
    unusable = read_templates(template_path for _, template_path in found)
    work = [(path, template_path) for path, template_path in found if template_path not in unusable]
    workers = jobs.workers_for([path for path, _ in work], args.jobs)
    rows = list(jobs.each(_count_one, work, workers=workers, label="minipo stats"))
    if unusable or any(row is None for row in rows):
        # Figures with a catalog missing would mislead a script or a reader: print none.
        return 1
    table = sort_stats([row for row in rows if row is not None])
    if args.json:
        print(json.dumps(to_json(table), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_table(table))
    return 0
