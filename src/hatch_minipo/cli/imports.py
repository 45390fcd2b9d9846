"""``minipo import DIR``: bring the catalogs a translation platform returns into the project.

Weblate, Transifex, Crowdin and Pontoon hand back full ``.po`` files named by their own
conventions.  Each one whose language can be told from its place (``de.po``, ``pt-BR.po``,
``zh-Hans.po``, ``<lang>/LC_MESSAGES/<domain>.po``, ``<domain>-<lang>.po``) or else from its
``Language`` header is minimized into the project's catalog for that language, created if
new.  A file whose language cannot be told, or that does not read, is named and nothing is
written for it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hatch_minipo.cli.common import read_input, report, report_problems, say

if TYPE_CHECKING:
    import argparse

    from hatch_minipo.cli.project import Project
    from hatch_minipo.po.catalog import Catalog


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="minimize the .po files a translation platform returns into the project's catalogs",
        description="Every .po under DIR whose language its name, path or Language header "
        "tells is minimized into the project's catalog for that language (created if new); "
        "one line per language says what changed.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.set_defaults(run=run)


def language_of(path: Path, folder: Path, catalog: Catalog) -> str | None:
    """The language of a platform's file: its path, then its name, then its header.

    A name counts only when it is a language the project's tables know: "app-it.po" is
    Italian, not a language "app" of Italy.
    """
    from hatch_minipo.languages import display_name
    from hatch_minipo.project.locales import normalize_locale

    def known(name: str) -> str | None:
        found = normalize_locale(name)
        return found if found is not None and display_name(found) is not None else None

    if path.parent.name == "LC_MESSAGES":
        found = known(path.parent.parent.name)
        if found is not None:
            return found
    stem = path.name[: -len(".po")]
    # "de", "pt-BR", then what follows each "-" or "." of "app-pt-BR" or "app.de".
    candidates = [stem] + [stem[i + 1 :] for i, char in enumerate(stem) if char in "-."]
    for candidate in candidates:
        found = known(candidate)
        if found is not None:
            return found
    if path.parent != folder:
        found = known(path.parent.name)  # Crowdin's "<lang>/<file>.po"
        if found is not None:
            return found
    declared = catalog.header_field("Language")
    return normalize_locale(declared) if declared else None


def _keys(catalog: Catalog | None) -> set[tuple[str | None, str]]:
    if catalog is None:
        return set()
    return {m.key for m in catalog.messages if not m.is_header}


# Header fields a platform rewrites on every export; the others (Plural-Forms, Language,
# Content-Type) change what the catalog means and count as a change.
_VOLATILE_FIELDS = ("PO-Revision-Date", "X-Generator", "Last-Translator", "POT-Creation-Date")


def _entries(catalog: Catalog) -> list[object]:
    """What a translation changes: every entry, the header without its export stamps."""
    out: list[object] = []
    for m in catalog.messages:
        if m.is_header:
            lines = m.msgstr[0].split("\n") if m.msgstr else []
            out.append([line for line in lines if not line.startswith(_VOLATILE_FIELDS)])
        else:
            out.append((m.msgctxt, m.msgid, m.msgid_plural, m.msgstr, m.flags))
            out.append(m.translator_comments)
    return out


def _collect(folder: Path) -> tuple[dict[str, list[tuple[Path, bytes]]], bool]:
    """The folder's .po files by language; whether any had to be refused."""
    from hatch_minipo.errors import printable
    from hatch_minipo.po.reader import parse_po

    failed = False
    by_language: dict[str, list[tuple[Path, bytes]]] = {}
    for path in sorted(folder.rglob("*.po")):
        if path.name.endswith(".mini.po"):
            continue  # the project's own catalogs (DIR may be po/): no platform writes these
        data = read_input(path)  # a FIFO or a folder named x.po is named, not waited on
        if data is None:
            failed = True
            continue
        catalog, problems = parse_po(data, str(path))
        if any(d.is_error for d in problems):
            report(problems)
            failed = True
            continue
        language = language_of(path, folder, catalog)
        if language is None:
            print(
                printable(
                    f"{path}: cannot tell its language from its name, its folder or a Language"
                    " header; name it <lang>.po"
                ),
                file=sys.stderr,
            )
            failed = True
            continue
        by_language.setdefault(language, []).append((path, data))
    return by_language, failed


def _import_one(
    project: Project, language: str, source: tuple[Path, bytes], template: Catalog | None
) -> bool:
    """Minimize one platform file into the language's catalog; False after saying why not."""
    from hatch_minipo.cli.project import shown
    from hatch_minipo.errors import MinipoError
    from hatch_minipo.po.reader import parse_po
    from hatch_minipo.project import atomic
    from hatch_minipo.project.build import inside_project
    from hatch_minipo.workflow.minimize import minimize_po

    path, data = source
    existing = {c.language: c.mini for c in project.catalogs}
    folder = project.catalog_folder.relative_to(project.root).as_posix()
    try:
        target = existing.get(language) or inside_project(
            project.root, f"{folder}/{language}.mini.po"
        )
    except MinipoError as exc:
        return not report_problems(exc.problems)
    previous = None
    if target.is_file():
        previous, problems = parse_po(target.read_bytes(), str(target))
        if any(d.is_error for d in problems):
            report(problems)
            return False
    result = minimize_po(data, str(path), template=template, language=language, previous=previous)
    report(result.diagnostics)
    if result.data is None:
        return False
    new, _ = parse_po(result.data, str(target))
    gained, lost = _keys(new) - _keys(previous), _keys(previous) - _keys(new)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A platform rewrites the header on every export (X-Generator, PO-Revision-Date): with no
    # translation changed, the catalog stays as it was, not a diff of header lines.
    same = previous is not None and _entries(new) == _entries(previous)
    changed = not same and atomic.write_if_changed(target, result.data)
    if previous is None:
        count = len(_keys(new))
        what = f"added ({count} {'entry' if count == 1 else 'entries'})"
    elif changed:
        what = f"updated (+{len(gained)} -{len(lost)} entries)"
    else:
        what = "unchanged"
    say(f"{language}: {shown(target)} {what}, from {path}")
    return True


def run(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.cli.project import load_project
    from hatch_minipo.errors import MinipoError, printable
    from hatch_minipo.po.reader import parse_po

    folder: Path = args.folder
    if not folder.is_dir():
        print(printable(f"{folder}: not a folder"), file=sys.stderr)
        return 1
    try:
        project = load_project(require_catalogs=False)
    except MinipoError as exc:
        return report_problems(exc.problems)
    template = None
    if project.template.is_file():
        template, problems = parse_po(project.template.read_bytes(), str(project.template))
        if any(d.is_error for d in problems):
            report(problems)
            return 1
    by_language, failed = _collect(folder)
    for language, files in sorted(by_language.items()):
        if len(files) > 1:
            names = " and ".join(str(path) for path, _ in files)
            message = f"{language}: {names} are all for it; nothing imported"
            print(printable(message), file=sys.stderr)
            failed = True
        elif not _import_one(project, language, files[0], template):
            failed = True
    return 1 if failed else 0
