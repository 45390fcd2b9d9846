"""Find the project's ``.mini.po`` catalogs and decide where each ``.mo`` goes.

Two places are recognized inside each source folder:

- flat: ``<source>/<lang>.mini.po`` -> ``<destination>/<lang>/LC_MESSAGES/<domain>.mo``, the
  destination defaulting to ``<package>/locale`` and the domain to the project name;
- in-package: ``<...>/<lang>/LC_MESSAGES/<domain>.mini.po`` -> the ``.mo`` beside it (or in the
  destination, when one is configured).

Any other ``.mini.po`` in a source folder is reported rather than skipped: a catalog that
silently never ships is worse than a failed build.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from hatch_minipo.errors import MinipoError
from hatch_minipo.project.config import DOMAIN_FORM, SHARE_LOCALE, HookConfig, is_domain
from hatch_minipo.project.locales import locale_problem

SUFFIX = ".mini.po"
DEFAULT_PO_FOLDER = "po"
# Folders that never hold a project's catalogs and may be huge.
_SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules"})


@dataclasses.dataclass(frozen=True)
class CatalogFile:
    """One catalog and the ``.mo`` it compiles to, both POSIX paths.

    ``target`` is project-relative (it is also the path in the wheel) for the "package"
    layout; for "share" it is the path in the wheel's shared data (``share/locale/...``).
    """

    source: str
    language: str
    domain: str
    target: str


@dataclasses.dataclass(frozen=True)
class Layout:
    """What discovery needs to know about the project besides its options."""

    root: Path
    # Project-relative folders of the wheel's top-level packages (`src/pkg`), maybe none.
    packages: tuple[str, ...]
    # The default domain: the project name as an identifier.
    project_domain: str


class DiscoveryError(MinipoError):
    """The catalogs cannot be built as found."""


@dataclasses.dataclass
class Discovery:
    """The catalogs found, the problems met, and the folders searched."""

    catalogs: list[CatalogFile]
    problems: list[str]
    searched: list[str]

    def raise_for_problems(self, *, require_catalogs: bool) -> None:
        """Raise DiscoveryError when anything is wrong, or (if required) nothing was found."""
        problems = list(self.problems)
        if require_catalogs and not self.catalogs and not problems:
            problems.append(no_catalogs_message(self.searched))
        if problems:
            raise DiscoveryError(problems)

    @property
    def languages(self) -> list[str]:
        return sorted({catalog.language for catalog in self.catalogs})


def no_catalogs_message(searched: list[str]) -> str:
    where = ", ".join(f"{folder}/" for folder in searched) if searched else "nowhere"
    return (
        "minipo: no catalogs found: looked for <lang>.mini.po and"
        f" <lang>/LC_MESSAGES/<domain>.mini.po in {where}"
        + ("" if searched else f" (no {DEFAULT_PO_FOLDER}/ folder and no package in the wheel)")
    )


def source_folders(layout: Layout, config: HookConfig) -> tuple[list[str], list[str]]:
    """The folders to search, and problems (configured folders that do not exist)."""
    if config.sources is not None:
        problems = [
            f"{config.key('sources')}: folder {source!r} does not exist"
            for source in config.sources
            if not (layout.root / source).is_dir()
        ]
        return [s for s in config.sources if (layout.root / s).is_dir()], problems
    folders = [DEFAULT_PO_FOLDER] if (layout.root / DEFAULT_PO_FOLDER).is_dir() else []
    folders += [p for p in layout.packages if (layout.root / p).is_dir() and p not in folders]
    return folders, []


def discover(layout: Layout, config: HookConfig) -> Discovery:
    """Every catalog in the source folders, with its target; nothing is read but names."""
    folders, problems = source_folders(layout, config)
    seen: set[str] = set()
    catalogs: list[CatalogFile] = []
    for folder in folders:
        for source in _find_files(layout.root, folder, problems):
            if source in seen:  # nested or repeated source folders
                continue
            seen.add(source)
            catalog = _place(source, folder, layout, config, problems)
            if catalog is not None:
                catalogs.append(catalog)
    catalogs.sort(key=lambda catalog: catalog.source)
    problems.extend(_collisions(catalogs))
    return Discovery(catalogs=catalogs, problems=problems, searched=folders)


def select_languages(
    discovery: Discovery, config: HookConfig
) -> tuple[list[CatalogFile], list[str]]:
    """The catalogs the language filter keeps, and the requested languages that have none.

    A filter that keeps nothing is an error naming the languages available.
    """
    if config.languages is None:
        return list(discovery.catalogs), []
    wanted = set(config.languages)
    selected = [catalog for catalog in discovery.catalogs if catalog.language in wanted]
    found = {catalog.language for catalog in selected}
    missing = [language for language in config.languages if language not in found]
    if not selected:
        requested = ", ".join(config.languages) or "no language"
        available = ", ".join(discovery.languages) or "none"
        message = (
            f"minipo: {config.languages_origin} selects {requested}, which no catalog has;"
            f" languages available: {available}"
        )
        raise DiscoveryError([message])
    return selected, missing


def _find_files(root: Path, folder: str, problems: list[str]) -> list[str]:
    """The catalogs below ``folder``, as project-relative paths.

    Links are followed while they stay inside the project (a shared locale folder linked into
    a package is compiled, not shipped as sources); each real folder is searched once, so a
    link loop ends; a link leading out of the project is a problem, never a catalog.
    """
    found: list[str] = []
    real_root = os.path.realpath(root)
    visited: set[str] = set()
    for directory, subdirs, files in os.walk(root / folder, followlinks=True):
        real = os.path.realpath(directory)
        relative = Path(directory).relative_to(root).as_posix()
        if real in visited or not _inside(real, real_root):
            if real not in visited:
                problems.append(f"{relative}: a link to {real}, outside the project")
            subdirs[:] = []
            continue
        visited.add(real)
        kept = []
        for name in sorted(subdirs):
            if name.startswith(".") or name in _SKIPPED_FOLDERS:
                continue
            linked = os.path.realpath(Path(directory, name))
            if name.endswith(SUFFIX):
                problems.append(f"{relative}/{name}: a folder, not a catalog")
            elif linked != real and _inside(real, linked):
                # po/up -> ..: the walk would find the project's catalogs again under it (a
                # link to the folder itself is a loop, which the visited set ends).
                problems.append(f"{relative}/{name}: a link to {linked}, a folder above it")
            else:
                kept.append(name)
        subdirs[:] = kept
        for name in sorted(files):
            if name.endswith(SUFFIX):
                _add_file(Path(directory, name), f"{relative}/{name}", real_root, found, problems)
    return found


def _add_file(
    path: Path, relative: str, real_root: str, found: list[str], problems: list[str]
) -> None:
    target = os.path.realpath(path)
    if not _inside(target, real_root):
        problems.append(f"{relative}: a link to {target}, outside the project")
        return
    try:
        mode = Path(target).stat().st_mode
    except OSError as exc:
        problems.append(f"{relative}: cannot read: {exc.strerror}")
        return
    if not stat.S_ISREG(mode):
        # Reading a FIFO would wait for a writer forever; a device is no catalog either.
        problems.append(f"{relative}: cannot read: not a regular file")
        return
    found.append(relative)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _place(
    source: str, folder: str, layout: Layout, config: HookConfig, problems: list[str]
) -> CatalogFile | None:
    """The catalog at ``source`` with its target, or None after recording why not."""
    parts = source.split("/")
    stem = parts[-1][: -len(SUFFIX)]
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        language, domain = parts[-3], stem
        if config.install_layout == "share":
            locale_folder = SHARE_LOCALE
        else:
            locale_folder = config.destination or "/".join(parts[:-3])
        if not is_domain(domain):
            problems.append(f"{source}: the domain {domain!r} must be {DOMAIN_FORM}")
            return None
    elif "/".join(parts[:-1]) == folder:
        language = stem
        domain = config.domain or layout.project_domain
        if config.destination is not None:
            locale_folder = config.destination
        elif config.install_layout == "share":
            locale_folder = SHARE_LOCALE  # no package needed: the wheel's shared data
        elif len(layout.packages) == 1:
            locale_folder = f"{layout.packages[0]}/locale"
        else:
            found = ", ".join(layout.packages) or "none"
            problems.append(
                f"{source}: cannot tell where its .mo goes: the wheel has no single top-level"
                f" package (found: {found}); set {config.key('destination')}"
            )
            return None
    else:
        problems.append(
            f"{source}: not a place for a catalog: put it directly in {folder}/ as"
            f" <lang>{SUFFIX}, or in <lang>/LC_MESSAGES/<domain>{SUFFIX}"
        )
        return None
    problem = locale_problem(language)
    if problem is not None:
        problems.append(f"{source}: {problem}")
        return None
    prefix = f"{locale_folder}/" if locale_folder else ""
    target = f"{prefix}{language}/LC_MESSAGES/{domain}.mo"
    return CatalogFile(source=source, language=language, domain=domain, target=target)


def _collisions(catalogs: list[CatalogFile]) -> list[str]:
    # Targets differing only in case (App.mo, app.mo) are one file on case-insensitive file
    # systems (macOS, Windows): one would overwrite the other when the wheel is installed.
    by_target: dict[str, list[CatalogFile]] = {}
    for catalog in catalogs:
        by_target.setdefault(catalog.target.casefold(), []).append(catalog)
    problems = []
    for group in by_target.values():
        if len(group) < 2:
            continue
        sources = " and ".join(catalog.source for catalog in group)
        targets = sorted({catalog.target for catalog in group})
        if len(targets) == 1:
            problems.append(f"{sources} compile to the same file, {targets[0]}")
        else:
            problems.append(
                f"{sources} compile to {' and '.join(targets)}, one file on case-insensitive"
                " file systems (macOS, Windows); rename one"
            )
    return sorted(problems)
