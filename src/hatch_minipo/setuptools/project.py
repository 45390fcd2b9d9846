"""The packages of a setuptools project as its build would see them, for the ``minipo`` tools.

Project mode (``minipo check`` and friends, with no file named) must find the catalogs the
build compiles; discovery needs the wheel's top-level package folders for that, and only
setuptools knows them (``packages``, ``package-dir``, automatic discovery).
"""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING

from hatch_minipo.setuptools.packages import PackageMap

if TYPE_CHECKING:
    from pathlib import Path


def wheel_packages(root: Path) -> tuple[str, ...]:
    """Project-relative folders of the top-level packages a wheel of ``root`` would ship.

    Empty when setuptools is not installed or cannot tell (a ``setup.py`` the tools do not
    run, an ambiguous flat layout): discovery then says which option to set.
    """
    try:
        from setuptools.dist import Distribution  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return ()
    previous = os.getcwd()  # noqa: PTH109  # restored below; Path.cwd() would resolve links
    try:
        # setuptools reads the configuration and finds packages relative to the current folder.
        os.chdir(root)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its deprecation notices are the build's to show
            distribution = Distribution()
            distribution.parse_config_files()
            distribution.set_defaults()
            build_py = distribution.get_command_obj("build_py")
            build_py.ensure_finalized()
            names = list(distribution.packages or ())
            packages = PackageMap.of(
                names,
                {name: build_py.get_package_dir(name) for name in names},
                root=(build_py.package_dir or {}).get("", ""),
            )
    except Exception:  # noqa: BLE001  # any setuptools complaint: explicit options may still do
        return ()
    finally:
        os.chdir(previous)
    return packages.top_level()
