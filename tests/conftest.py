"""Shared fixtures: the test projects, and the plugin as a wheel for real isolated builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from e2e import PIP

REPO = Path(__file__).resolve().parents[1]
TEST_PROJECTS = REPO / "test-projects"


def _ignore_build_leftovers(directory: str, names: list[str]) -> set[str]:
    del directory
    return {n for n in names if n in {"dist", "build", "__pycache__"} or n.endswith(".egg-info")}


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("minipo-cache")


@pytest.fixture(autouse=True)
def _private_cache(_cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI remembers its work in a folder of the test session, never in the home folder."""
    monkeypatch.setenv("MINIPO_CACHE_DIR", str(_cache_folder))


@pytest.fixture(scope="session")
def copy_project() -> Callable[[str, Path], Path]:
    """Copy ``test-projects/<name>`` to ``<where>/<name>``: builds never touch the checkout."""

    def copy(name: str, where: Path) -> Path:
        destination = where / name
        shutil.copytree(TEST_PROJECTS / name, destination, ignore=_ignore_build_leftovers)
        # A compiled leftover in the checkout would hide a build that forgot to compile.
        for stale in destination.rglob("*.mo"):
            stale.unlink()
        return destination

    return copy


@pytest.fixture(scope="session")
def plugin_wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a wheel of this checkout, built once per session (and per xdist worker).

    The checkout is copied first (without .git, .venv and tests) so the build leaves nothing in it.
    """
    work = tmp_path_factory.mktemp("plugin")
    source = work / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv*",
            "tests",
            "test-projects",
            "benchmarks",
            "dist",
            "build",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
            "*.egg-info",
        ),
    )
    readme = source / "README.md"
    if not readme.exists():  # pyproject.toml names it; a checkout without it still builds
        readme.write_text("# hatch-minipo\n", encoding="utf-8")
    wheelhouse = work / "wheelhouse"
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "-w", str(wheelhouse), str(source)],
        check=True,
        capture_output=True,
    )
    assert [p.name for p in wheelhouse.glob("hatch_minipo-*.whl")], "no plugin wheel was built"
    return wheelhouse


@pytest.fixture(scope="session")
def build_env(plugin_wheelhouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for frontends: find the plugin wheel, keep hatch's state in a temp dir."""
    hatch_home = tmp_path_factory.mktemp("hatch-home")
    env = {
        key: value
        for key, value in os.environ.items()
        # Variables that would change what is built or shown.
        if not key.startswith(("MINIPO_", "HATCH_", "PIP_", "UV_", "VIRTUAL_ENV"))
        and key != "SOURCE_DATE_EPOCH"
    }
    env.update(
        {
            "PIP_FIND_LINKS": str(plugin_wheelhouse),
            "UV_FIND_LINKS": str(plugin_wheelhouse),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "HATCH_DATA_DIR": str(hatch_home / "data"),
            "HATCH_CACHE_DIR": str(hatch_home / "cache"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUTF8": "1",
            "MINIPO_CACHE_DIR": str(hatch_home / "minipo-cache"),
        }
    )
    return env


def make_venv(where: Path) -> Path:
    """A bare venv (no pip: the runner's pip installs into it with --python); its scripts dir."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    return where / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One fresh venv per test module; returns its scripts folder."""
    return make_venv(tmp_path_factory.mktemp("venv") / "venv")
