"""Enable ``build_minipo`` in setuptools projects whose ``pyproject.toml`` has ``[tool.minipo]``.

setuptools calls every ``setuptools.finalize_distribution_options`` entry point for every
distribution it creates, in whatever environment this package is installed, before it has
read ``pyproject.toml``: so this reads the table itself, does nothing without one, and imports
the command only when it is needed.
"""

from __future__ import annotations

import os
from typing import Any

NAME = "build_minipo"


def finalize_distribution_options(distribution: Any) -> None:
    """Register ``build_minipo`` as a ``build`` sub-command when the project asks for it.

    The table is validated here, so a wrong option fails the build before anything else runs.
    """
    from hatch_minipo.setuptools.options import load_options, project_root, read_table

    table = read_table(project_root(distribution) / "pyproject.toml")
    if table is None:
        return
    config = load_options(table, environ=os.environ)
    from hatch_minipo.setuptools.command import BuildMinipo

    distribution.cmdclass[NAME] = BuildMinipo
    if config.install_layout == "share":
        # install_data keeps the list it finds when it is created, which editable builds do
        # before build_minipo runs: the .mo files are added later to this very list.
        distribution.data_files = list(distribution.data_files or [])
    add_build_step()


def add_build_step() -> None:
    """Put ``build_minipo`` among ``build``'s sub-commands, right after ``build_py``.

    ``build`` runs it for wheels, editable wheels run every ``build`` sub-command, and the
    sdist collects each sub-command's ``get_source_files()``.  The list belongs to the class,
    so the step is added once per process and runs only for distributions that enabled it.
    """
    from setuptools.command.build import build  # type: ignore[import-untyped,unused-ignore]

    steps: list[tuple[str, Any]] = build.sub_commands
    if any(name == NAME for name, _ in steps):
        return
    names = [name for name, _ in steps]
    position = names.index("build_py") + 1 if "build_py" in names else len(steps)
    steps.insert(position, (NAME, enabled))


def enabled(build: Any) -> bool:
    """The ``build`` sub-command predicate: only where ``[tool.minipo]`` registered the step."""
    return NAME in build.distribution.cmdclass
