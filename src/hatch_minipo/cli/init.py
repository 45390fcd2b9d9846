"""``minipo init LANG... [--force]``: start a language's catalog where the project keeps them.

The new ``<lang>.mini.po`` (in the first source folder, ``po/`` by default) holds the header
``msginit --no-translator`` writes, made valid at once: the language, UTF-8, the language's
``Plural-Forms`` from the project's rule table (GNU's, then CLDR's), no fuzzy flag and no
placeholder left for a translator to fill.  An existing catalog is left alone unless
``--force``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from hatch_minipo.cli.common import report_problems, say

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "init",
        help="start a catalog for each language, where the project's layout puts it",
        description="Write <source>/<lang>.mini.po for each language (the project's first "
        "source folder, po/ by default): a header ready to compile, with the language's "
        "Plural-Forms. An existing catalog is left as it is unless --force.",
    )
    parser.add_argument("languages", nargs="+", metavar="LANG", help="a locale name: de, pt_BR")
    parser.add_argument("--force", action="store_true", help="replace an existing catalog")
    parser.set_defaults(run=run)


def header(project_id: str, language: str, plural_forms: str, revision: str) -> bytes:
    """The catalog: a header only, in the canonical form ``minipo check`` expects."""
    from hatch_minipo.po.reader import parse_po
    from hatch_minipo.po.writer import write_po
    from hatch_minipo.workflow.minimize import minimize

    fields = (
        f"Project-Id-Version: {project_id}",
        "Report-Msgid-Bugs-To: ",
        f"PO-Revision-Date: {revision}",
        "Last-Translator: Automatically generated",
        "Language-Team: none",
        f"Language: {language}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {plural_forms}",
    )
    text = 'msgid ""\nmsgstr ""\n' + "".join(f'"{field}\\n"\n' for field in fields)
    catalog, _ = parse_po(text.encode("utf-8"))
    return write_po(minimize(catalog))


def _revision_date() -> str:
    # msginit writes the time of its run; SOURCE_DATE_EPOCH makes it reproducible.
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        if epoch.isdigit() and len(epoch) < 12
        else dt.datetime.now(tz=dt.timezone.utc)
    )
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _project_id(root: Path) -> str:
    from hatch_minipo.cli.project import read_project_file

    table = read_project_file(root).get("project")
    table = table if isinstance(table, dict) else {}
    name, version = table.get("name"), table.get("version")
    words = [value for value in (name, version) if isinstance(value, str) and value]
    return " ".join(words) or root.name


def run(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.cli.project import load_project, shown
    from hatch_minipo.errors import MinipoError, printable
    from hatch_minipo.languages import plural_rule
    from hatch_minipo.project import atomic
    from hatch_minipo.project.build import inside_project
    from hatch_minipo.project.locales import locale_problem

    try:
        project = load_project(require_catalogs=False)
        project_id = _project_id(project.root)
        folder = project.catalog_folder.relative_to(project.root).as_posix()
    except MinipoError as exc:
        return report_problems(exc.problems)
    failed = False
    for language in args.languages:
        # locale_problem names the language itself, except for an empty one.
        problem = locale_problem(language) if language else "'' is empty, not a locale name"
        known = plural_rule(language) if problem is None else None
        if problem is None and known is None:
            problem = f"{language!r} has no known plural rule (neither GNU's table nor CLDR's)"
        if problem is not None or known is None:
            print(printable(f"minipo init: {problem}"), file=sys.stderr)
            failed = True
            continue
        try:
            target = inside_project(project.root, f"{folder}/{language}.mini.po")
        except MinipoError as exc:
            failed = bool(report_problems(exc.problems))
            continue
        if target.exists() and not args.force:
            print(
                printable(f"{shown(target)}: exists; left as it is (--force replaces it)"),
                file=sys.stderr,
            )
            failed = True
            continue
        data = header(project_id, language, known.value, _revision_date())
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(target, data)
        except OSError as exc:
            print(printable(f"{shown(target)}: cannot write: {exc.strerror}"), file=sys.stderr)
            failed = True
            continue
        say(f"{shown(target)}: {known.language}, {known.value} ({known.source})")
    return 1 if failed else 0
