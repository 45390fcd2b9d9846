"""The ``[tool.minipo]`` table of a setuptools project: found, read and validated.

The options and their checks are the hatch hook's (``hatch_minipo.project.config``), named with
their full key (``tool.minipo.sources``); the keys that only mean something to hatchling are refused
rather than silently ignored.  Nothing here imports setuptools.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hatch_minipo.project.config import HATCHLING_KEYS, ConfigError, HookConfig, load_config

if TYPE_CHECKING:
    from collections.abc import Mapping

TABLE = "tool.minipo"

# Options of the hatch hook that a setuptools build has no use for, and why.
_HATCH_ONLY = {
    "sdist-mo": (
        "the setuptools sdist carries the .mini.po sources only, and every wheel built from it"
        " compiles them"
    ),
    **dict.fromkeys(HATCHLING_KEYS, "it is a hatchling build-hook setting"),
}


def project_root(distribution: object) -> Path:
    """The project folder: setuptools resolves every project path from the current folder."""
    return Path(getattr(distribution, "src_root", None) or os.curdir).resolve()


def read_table(pyproject: Path) -> dict[str, Any] | None:
    """The ``[tool.minipo]`` table of ``pyproject``; None when the file or the table is missing.

    An unreadable file is not this plugin's to report (setuptools does, naming the error);
    a ``tool.minipo`` that is not a table is, since it can only be meant for this plugin.
    """
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415
    else:  # pragma: no cover - hatchling brings tomli on older Pythons
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415

    try:
        with pyproject.open("rb") as stream:
            data = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return minipo_table(data)


def minipo_table(pyproject: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``[tool.minipo]`` table of the parsed ``pyproject``, or None; ConfigError if no table."""
    tool = pyproject.get("tool")
    if not isinstance(tool, dict) or "minipo" not in tool:
        return None
    table = tool["minipo"]
    if not isinstance(table, dict):
        raise ConfigError([f"{TABLE} must be a table ([tool.minipo]), not {table!r}"])
    return table


def load_options(table: Mapping[str, object], *, environ: Mapping[str, str]) -> HookConfig:
    """Validate ``[tool.minipo]``; raise ConfigError listing every problem.

    ``environ`` supplies ``MINIPO_LANGUAGES``, which overrides ``languages`` as for hatch.
    """
    refused = [
        f"{TABLE}.{name} is not an option for setuptools builds: {_HATCH_ONLY[name]}"
        for name in table
        if name in _HATCH_ONLY
    ]
    shared = {name: value for name, value in table.items() if name not in _HATCH_ONLY}
    try:
        config = load_config(shared, location=TABLE, environ=environ)
    except ConfigError as exc:
        raise ConfigError(refused + exc.errors) from None
    if refused:
        raise ConfigError(refused)
    return config


def project_domain(name: str) -> str:
    """The default domain, as the hatch hook derives it: the normalized name as an identifier.

    ``My.Project`` -> ``my-project`` (PEP 503) -> ``my_project``.
    """
    normalized = re.sub(r"[-_.]+", "-", name).lower()
    return re.sub(r"[^A-Za-z0-9_]+", "_", normalized)
