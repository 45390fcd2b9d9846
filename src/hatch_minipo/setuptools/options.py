"""The ``[tool.minipo]`` table of a setuptools project: found, read and validated.

The options and their checks are the hatch hook's (``hatch_minipo.project.config``), named with
their full key (``tool.minipo.sources``); the keys that only mean something to hatchling are refused
rather than silently ignored.  Nothing here imports setuptools.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hatch_minipo.project.config import HATCHLING_KEYS, ConfigError, HookConfig, load_config
from hatch_minipo.project.pyproject import read_pyproject

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
    try:
        data = read_pyproject(pyproject)
    except (OSError, ValueError):
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
        raise ConfigError(refused + exc.problems) from None
    if refused:
        raise ConfigError(refused)
    return config
