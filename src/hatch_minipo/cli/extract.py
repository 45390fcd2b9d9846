"""``minipo extract [PATH...] -o OUT.pot``: the template of the strings marked in the sources.

Folders are searched for ``.py`` files, ``_private`` packages included (only ``__pycache__``,
hidden folders and virtual environments are skipped).  Without paths, the project's wheel
packages are searched, files matching the table's ``extractors`` globs too (Jinja2 templates,
...), and the template goes where the build hook's ``template`` option says.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hatch_minipo.cli.common import report_problems, say
from hatch_minipo.cli.minimize import add_width_options

if TYPE_CHECKING:
    import argparse

    from hatch_minipo.po.catalog import Catalog
    from hatch_minipo.workflow.extract import KeywordSpec, TemplateInfo


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "extract",
        help="write the template (.pot) of the strings marked in Python sources",
        description="Find the translatable strings of Python sources with Babel and write "
        "them as xgettext would: in order of appearance, with locations, translator comments "
        "and python-format flags. POT-Creation-Date comes from SOURCE_DATE_EPOCH when set. "
        "Without paths: the project's packages, into the project's template.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument("-o", "--output", type=Path, metavar="POT", help="the template to write")
    parser.add_argument(
        "-k",
        "--keyword",
        action="append",
        default=[],
        metavar="SPEC",
        help="also extract calls of this function, xgettext's syntax: NAME (msgid first), "
        "NAME:2 (msgid second), NAME:1,2 (plural), NAME:1c,2 (context first); repeatable",
    )
    parser.add_argument(
        "--no-default-keywords",
        action="store_true",
        help="only the keywords given with -k (default: _, gettext, ngettext, pgettext, "
        "npgettext, dgettext, dngettext, N_ and their relatives)",
    )
    parser.add_argument(
        "-c",
        "--add-comments",
        action="append",
        default=[],
        metavar="TAG",
        help="keep the comment blocks starting with TAG before a string (e.g. TRANSLATORS:) "
        "as comments for translators; repeatable",
    )
    parser.add_argument("--package-name", metavar="NAME", help="Project-Id-Version's name")
    parser.add_argument("--package-version", metavar="VERSION", help="... and its version")
    parser.add_argument(
        "--msgid-bugs-address", default="", metavar="ADDRESS", help="Report-Msgid-Bugs-To"
    )
    parser.add_argument(
        "--copyright-holder",
        metavar="HOLDER",
        help="the copyright line of the header comment ('' puts it in the public domain)",
    )
    add_width_options(parser)
    parser.set_defaults(run=run)


def _keywords(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict[str, KeywordSpec]:
    from hatch_minipo.workflow.extract import DEFAULT_KEYWORDS, parse_keyword

    keywords = {} if args.no_default_keywords else dict(DEFAULT_KEYWORDS)
    for text in args.keyword:
        try:
            name, spec = parse_keyword(text)
        except ValueError as exc:
            parser.error(str(exc))
        keywords[name] = spec
    if not keywords:
        parser.error("--no-default-keywords needs at least one -k/--keyword")
    return keywords


class _Settings(NamedTuple):
    """What project mode takes from pyproject.toml."""

    packages: list[Path]
    template: Path
    metadata: dict[str, Any]
    keywords: tuple[str, ...]
    comment_tags: tuple[str, ...]
    extractors: tuple[tuple[str, str], ...]
    root: Path


def _project() -> _Settings:
    """The project's package folders, template, metadata and the table's extraction settings;
    raises MinipoError."""
    from hatch_minipo.cli import project

    # A project with no catalog yet has its template too: it is how its first language starts.
    found = project.load_project(require_catalogs=False)
    templates = sorted({c.template for c in found.catalogs} or {found.template})
    if len(templates) != 1:
        raise project.ProjectError(
            ["minipo extract: the project has several domains; name the sources and -o/--output"]
        )
    root = found.root
    packages = [root / p for p in project.wheel_packages(root)]
    if not packages:
        raise project.ProjectError(
            ["minipo extract: cannot tell the project's packages; name the source folders"]
        )
    metadata = project.read_project_file(root).get("project", {})
    shown_packages = [project.shown(p) for p in packages]
    template = project.shown(templates[0])
    return _Settings(
        shown_packages,
        template,
        metadata,
        found.keywords,
        found.comment_tags,
        found.extractors,
        root,
    )


def _info(args: argparse.Namespace, metadata: dict[str, Any]) -> TemplateInfo:
    from hatch_minipo.workflow.extract import TemplateInfo, creation_date

    package, version = args.package_name, args.package_version
    if package is None and isinstance(metadata.get("name"), str):
        package = metadata["name"]
        if version is None and isinstance(metadata.get("version"), str):
            version = metadata["version"]
    return TemplateInfo(
        creation_date=creation_date(),
        package=package,
        version=version,
        bugs_address=args.msgid_bugs_address,
        copyright_holder=args.copyright_holder,
    )


def _unchanged_or(output: Path, catalog: Catalog, width: int | None) -> bytes:
    """The template's bytes; the old file's own when only POT-Creation-Date would differ.

    Every run has a new date: keeping the old one when nothing else changed means an unchanged
    source tree gives an unchanged template, and no full catalog made from it changes either.
    """
    from hatch_minipo.po.catalog import with_header_field
    from hatch_minipo.po.reader import parse_po
    from hatch_minipo.po.writer import write_po

    data = write_po(catalog, width=width)
    try:
        old = output.read_bytes()
    except OSError:
        return data
    previous, problems = parse_po(old, str(output))
    date = previous.header_field("POT-Creation-Date")
    if date is None or any(d.is_error for d in problems):
        return data
    same = write_po(with_header_field(catalog, "POT-Creation-Date", date), width=width)
    return old if same == old else data


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.errors import MinipoError
    from hatch_minipo.project import atomic
    from hatch_minipo.workflow.babel_bridge import BabelMissingError, require_babel
    from hatch_minipo.workflow.extract import Source, extract, find_sources, parse_keyword

    try:
        require_babel()
    except BabelMissingError as exc:
        print(f"minipo extract: {exc}", file=sys.stderr)
        return 2
    keywords = _keywords(args, parser)
    comment_tags: list[str] = list(args.add_comments)
    paths: list[Path] = args.paths
    output: Path | None = args.output
    metadata: dict[str, Any] = {}
    methods: tuple[tuple[str, str], ...] = ()
    root: Path | None = None
    if not paths:
        try:
            settings = _project()
        except MinipoError as exc:
            return report_problems(exc.problems)
        paths, metadata, methods, root = (
            settings.packages,
            settings.metadata,
            settings.extractors,
            settings.root,
        )
        # The table's settings, then the command line's: pyproject.toml says them once.
        keywords.update(parse_keyword(spec) for spec in settings.keywords)
        comment_tags = [*settings.comment_tags, *comment_tags]
        output = output or settings.template
        # The template's folder (po/) may not exist yet in a project without catalogs.
        output.parent.mkdir(parents=True, exist_ok=True)
    elif output is None:
        parser.error("-o/--output is required when paths are named")
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    if missing:
        return 1
    try:
        info = _info(args, metadata)
        sources = [
            Source(p.as_posix(), p.read_bytes(), method)
            for p, method in find_sources(paths, methods, root)
        ]
    except ValueError as exc:
        print(f"minipo extract: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        catalog = extract(sources, info, keywords=keywords, comment_tags=comment_tags)
    except MinipoError as exc:
        return report_problems(exc.problems)
    width = None if args.no_wrap else args.width
    data = _unchanged_or(output, catalog, width)
    try:
        atomic.write_if_changed(output, data, durable=False)  # the template is made again
    except OSError as exc:
        print(f"{output}: cannot write: {exc.strerror}", file=sys.stderr)
        return 1
    say(f"{output}: {len(catalog.messages) - 1} messages from {len(sources)} files")
    return 0
