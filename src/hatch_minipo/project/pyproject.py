"""pyproject.toml: the one reader, and the one rule that names a project's default domain."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - tomli is a requirement below 3.11 (hatchling's too)
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

if TYPE_CHECKING:
    from pathlib import Path


def read_pyproject(path: Path) -> dict[str, Any]:
    """The parsed file; raises OSError, or ValueError with TOML's message and place."""
    with path.open("rb") as stream:
        data: dict[str, Any] = tomllib.load(stream)
    return data


def project_domain(name: str) -> str:
    """The default gettext domain of a project: its normalized name as an identifier.

    ``My.Project`` -> ``my-project`` (PEP 503, as hatchling and setuptools name it) ->
    ``my_project``: the hook, the setuptools command and the CLI must agree on it, or the CLI
    writes a template and catalogs for a domain the build does not ship.
    """
    normalized = re.sub(r"[-_.]+", "-", name).lower()
    return re.sub(r"[^A-Za-z0-9_]+", "_", normalized)
