"""Helpers for end-to-end builds: run a frontend, read what it produced, snapshot a tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
SCRIPTS = Path(sys.executable).parent


def tool(name: str) -> str:
    """A frontend installed beside the test runner's Python (or on PATH), or skip."""
    for candidate in (SCRIPTS / name, shutil.which(name)):
        if candidate is not None and Path(candidate).is_file():
            return str(candidate)
    pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    raise AssertionError  # unreachable: skip raises


def run(
    command: list[str], *, cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a frontend; on an unexpected failure, fail showing everything it said."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


def only(folder: Path, pattern: str) -> Path:
    """The single file matching ``pattern`` in ``folder``."""
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


def wheel_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sdist_files(path: Path) -> dict[str, bytes]:
    """The sdist's files, named without the leading ``<name>-<version>/``."""
    files: dict[str, bytes] = {}
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            stream = archive.extractfile(member)
            if stream is not None:
                files[member.name.split("/", 1)[1]] = stream.read()
    return files


def ending(files: dict[str, bytes], suffix: str) -> dict[str, bytes]:
    return {name: data for name, data in sorted(files.items()) if name.endswith(suffix)}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: a tree left as found compares equal."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def leftovers(temporary: Path) -> list[str]:
    """Temporary folders the hook made and did not remove."""
    return sorted(p.name for p in temporary.glob("hatch-minipo-*"))


def script(venv_bin: Path, name: str) -> str:
    return str(venv_bin / (f"{name}.exe" if os.name == "nt" else name))


def install(venv_bin: Path, *args: str, env: dict[str, str], cwd: Path) -> str:
    """pip install into the test venv (which has no pip of its own); returns pip's output."""
    python = venv_bin / ("python.exe" if os.name == "nt" else "python")
    result = run([*PIP, "--python", str(python), "install", *args], cwd=cwd, env=env)
    return result.stdout + result.stderr


def translate(venv_bin: Path, command: str, language: str, env: dict[str, str]) -> list[str]:
    """Run a test project's console script for ``language``; its output lines."""
    result = run([script(venv_bin, command), language], cwd=venv_bin, env=env)
    return result.stdout.splitlines()


def build_with(
    name: str,
    command: list[str],
    project: Path,
    env: dict[str, str],
    after: dict[str, dict[str, bytes]],
) -> tuple[Path, str]:
    """Run one frontend from the project folder; its output folder and what it printed."""
    out = project.parent / f"out-{name}"
    result = run([part.replace("{out}", str(out)) for part in command], cwd=project, env=env)
    after[name] = snapshot(project)
    return out, result.stdout + result.stderr


def project_fixtures(name: str) -> tuple[Any, ...]:
    """The module-scoped fixtures of an end-to-end module building ``test-projects/<name>``.

    ``work`` (the module's folder), ``env`` (the frontends' environment, with a TMPDIR of its
    own to inspect afterwards), ``project`` (a copy of the test project), ``pristine`` (its
    tree before any build) and ``after`` (its tree after each frontend, filled by build_with).
    Assign them by these names: ``work, env, project, pristine, after = project_fixtures(...)``.
    """

    @pytest.fixture(scope="module")
    def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return tmp_path_factory.mktemp(name)

    @pytest.fixture(scope="module")
    def env(build_env: dict[str, str], work: Path) -> dict[str, str]:
        temporary = work / "tmp"
        temporary.mkdir()
        return {**build_env, "TMPDIR": str(temporary)}

    @pytest.fixture(scope="module")
    def project(copy_project: Callable[[str, Path], Path], work: Path) -> Path:
        return copy_project(name, work)

    @pytest.fixture(scope="module")
    def pristine(project: Path) -> dict[str, bytes]:
        return snapshot(project)

    @pytest.fixture(scope="module")
    def after(pristine: dict[str, bytes]) -> dict[str, dict[str, bytes]]:
        del pristine  # taken before any build
        return {}

    return work, env, project, pristine, after


def frontend_fixtures() -> tuple[Any, ...]:
    """``pip_wheel`` (pip wheel from the tree, its output kept beside the wheel's folder as
    ``pip-wheel.log``) and ``build_dists`` (python -m build: an sdist,
    then a wheel built from it), for a module that has the fixtures of project_fixtures.
    Assign them by these names: ``pip_wheel, build_dists = frontend_fixtures()``.
    """

    @pytest.fixture(scope="module")
    def pip_wheel(project: Path, env: dict[str, str], after: dict[str, dict[str, bytes]]) -> Path:
        # Verbose, so that what pip installed into the build environment can be read back.
        command = [*PIP, "wheel", "-v", "--no-deps", "-w", "{out}", "."]
        out, output = build_with("pip", command, project, env, after)
        (out.parent / "pip-wheel.log").write_text(output, encoding="utf-8")
        return only(out, "*.whl")

    @pytest.fixture(scope="module")
    def build_dists(
        project: Path, env: dict[str, str], after: dict[str, dict[str, bytes]]
    ) -> tuple[Path, Path]:
        command = [sys.executable, "-m", "build", "--outdir", "{out}", "."]
        out, _ = build_with("build", command, project, env, after)
        return only(out, "*.tar.gz"), only(out, "*.whl")

    return pip_wheel, build_dists
