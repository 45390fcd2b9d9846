"""Project mode: the catalogs a command works on when it is given no file.

They are the ones the build hook compiles: found by the same discovery, from the hook's table
in ``pyproject.toml`` (the wheel's own table when it has one, as for the wheel build), or from
``[tool.minipo]`` in a setuptools project.  Each ``X.mini.po`` comes with the full ``X.po``
beside it (what ``expand`` writes and ``minimize`` reads) and the project's template (the
``template`` option, or ``<domain>.pot`` in the first source folder, as
``config.template_path`` says).  Neither needs to exist.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hatch_minipo.errors import MinipoError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hatch_minipo.project.config import HookConfig

__all__ = [
    "Project",
    "ProjectCatalog",
    "ProjectError",
    "find_root",
    "full_path",
    "load_project",
    "project_catalogs",
    "shown",
]

_HOOK = "minipo"


@dataclasses.dataclass(frozen=True)
class ProjectCatalog:
    """One catalog of the project; paths are absolute."""

    mini: Path  # X.mini.po, the committed file
    full: Path  # X.po beside it, for translators (may not exist)
    template: Path  # the domain's .pot (may not exist)
    language: str
    domain: str


@dataclasses.dataclass(frozen=True)
class Project:
    """The project found from the current folder; paths are absolute."""

    root: Path  # the folder of pyproject.toml
    template: Path  # the .pot (may not exist)
    catalog_folder: Path  # where a new <lang>.mini.po goes: the first source folder, or po/
    domain: str  # the default domain: the ``domain`` option or the project name
    catalogs: list[ProjectCatalog]
    keywords: tuple[str, ...] = ()  # extract's keywords and comment tags, from the table
    comment_tags: tuple[str, ...] = ()
    extractors: tuple[tuple[str, str], ...] = ()  # extract's method map, from the table


class ProjectError(MinipoError):
    """The project cannot be used: no pyproject.toml, or one that cannot be read."""


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current one) with a pyproject."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    raise ProjectError(
        [f"minipo: no pyproject.toml in {here} or above it; name the files to work on"]
    )


def full_path(mini: Path) -> Path:
    """``po/de.mini.po`` -> ``po/de.po``: where the full catalog of a minimized one lives."""
    name = mini.name
    if name.endswith(".mini.po"):
        return mini.with_name(name[: -len(".mini.po")] + ".po")
    return mini


def shown(path: Path) -> Path:
    """``path`` relative to the current folder when it is inside it, for messages and diffs."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def read_project_file(root: Path) -> dict[str, Any]:
    """The project's parsed pyproject.toml; ProjectError when it cannot be read."""
    from hatch_minipo.project.pyproject import read_pyproject

    path = root / "pyproject.toml"
    try:
        return read_pyproject(path)
    except (OSError, ValueError) as exc:
        raise ProjectError([f"{path}: cannot read: {exc}"]) from exc


def _table(data: Mapping[str, Any], *keys: str) -> Mapping[str, Any] | None:
    value: Any = data
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, dict) else None


def _config(data: Mapping[str, Any]) -> HookConfig:
    from hatch_minipo.project.config import GLOBAL_TABLE, load_config, target_table

    # The wheel's own table replaces the global one for wheels (hatchling does not merge them).
    per_target = _table(data, "tool", "hatch", "build", "targets", "wheel", "hooks", _HOOK)
    table = per_target
    location = target_table("wheel")
    if table is None:
        table = _table(data, "tool", "hatch", "build", "hooks", _HOOK) or {}
        location = GLOBAL_TABLE
    # The language filter selects what a build ships; the tools work on every catalog.
    return load_config(table, location=location, environ={})


def _setuptools_table(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """``[tool.minipo]`` when it is the table the build reads, else None.

    It is when the project builds with setuptools (the default without ``build-backend``), or
    has no hatch hook table at all.
    """
    from hatch_minipo.setuptools.options import minipo_table

    table = minipo_table(data)
    if table is None:
        return None
    backend = (_table(data, "build-system") or {}).get("build-backend")
    if not isinstance(backend, str) or backend.startswith("setuptools"):
        return table
    hatch_tables = (
        _table(data, "tool", "hatch", "build", "hooks", _HOOK),
        _table(data, "tool", "hatch", "build", "targets", "wheel", "hooks", _HOOK),
    )
    return table if all(found is None for found in hatch_tables) else None


def _setuptools_config(table: Mapping[str, Any]) -> HookConfig:
    from hatch_minipo.setuptools.options import load_options

    # The language filter selects what a build ships; the tools work on every catalog.
    return load_options(table, environ={})


def wheel_packages(root: Path) -> tuple[str, ...]:
    """The wheel's top-level package folders, as hatchling selects them; () if it cannot tell."""
    from hatch_minipo.hatch.plugin import project_package_folders

    return project_package_folders(root)


def project_catalogs(start: Path | None = None) -> list[ProjectCatalog]:
    """Every catalog the build hook would compile, sorted by path; raises MinipoError."""
    return load_project(start).catalogs


def load_project(start: Path | None = None, *, require_catalogs: bool = True) -> Project:
    """The project at or above ``start`` and its catalogs; raises MinipoError.

    Finding no catalog is an error, as for the build hook, unless ``require_catalogs`` is
    False (``extract`` makes the template of a project that has no translation yet).
    """
    from hatch_minipo.project.build import inside_project
    from hatch_minipo.project.config import template_path
    from hatch_minipo.project.discovery import Layout, discover
    from hatch_minipo.project.pyproject import project_domain

    root = find_root(start)
    data = read_project_file(root)
    project = _table(data, "project") or {}
    name = project.get("name")
    setuptools_table = _setuptools_table(data)
    if setuptools_table is not None:
        from hatch_minipo.setuptools.project import (
            wheel_packages as setuptools_packages,
        )

        config = _setuptools_config(setuptools_table)
        layout = Layout(
            root=root,
            packages=setuptools_packages(root),
            project_domain=project_domain(name if isinstance(name, str) else ""),
        )
    else:
        config = _config(data)
        layout = Layout(
            root=root,
            packages=wheel_packages(root),
            project_domain=project_domain(name if isinstance(name, str) else ""),
        )
    discovery = discover(layout, config)
    discovery.raise_for_problems(require_catalogs=require_catalogs)
    # extract writes the template: a folder that links out of the project must not take it.
    template = inside_project(root, template_path(config, layout.project_domain))
    catalogs = []
    for found in discovery.catalogs:
        mini = root / found.source
        # expand writes X.po, minimize X.mini.po: neither through a link leading out.
        full = inside_project(root, full_path(Path(found.source)).as_posix())
        catalogs.append(
            ProjectCatalog(
                mini=mini,
                full=full,
                template=template,
                language=found.language,
                domain=found.domain,
            )
        )
    domain = config.domain or layout.project_domain
    folder = root / (config.sources[0] if config.sources else "po")
    return Project(
        root=root,
        template=template,
        catalog_folder=folder,
        domain=domain,
        catalogs=catalogs,
        keywords=config.keywords,
        comment_tags=config.comment_tags,
        extractors=config.extractors,
    )
