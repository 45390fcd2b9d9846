"""The in-package project (two packages, two domains) built for real, installed, run, cleaned."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from e2e import (
    build_with,
    ending,
    frontend_fixtures,
    install,
    leftovers,
    only,
    project_fixtures,
    run,
    sdist_files,
    tool,
    translate,
    wheel_files,
)

pytestmark = pytest.mark.slow

SOURCES = [
    f"{package}/locale/{lang}/LC_MESSAGES/{package}.mini.po"
    for package in ("alpha", "beta")
    for lang in ("de", "sr@latin", "uk")
]
MO = [source.replace(".mini.po", ".mo") for source in SOURCES]
EXPECTED = {
    "de": ["Hallo, Welt!", "0 Dateien", "1 Datei", "2 Dateien", "5 Dateien"],
    "sr@latin": ["Zdravo, svete!", "0 datoteka", "1 datoteka", "2 datoteke", "5 datoteka"],
    "uk": ["Привіт, світе!", "0 файлів", "1 файл", "2 файли", "5 файлів"],
}

work, env, project, pristine, after = project_fixtures("in-package")


pip_wheel, build_dists = frontend_fixtures()


@pytest.fixture(scope="module")
def uv_wheel(project: Path, env: dict[str, str], after: dict[str, dict[str, bytes]]) -> Path:
    """uv build --wheel: a wheel straight from the tree, through uv's build frontend."""
    command = [tool("uv"), "build", "--wheel", "--out-dir", "{out}", "."]
    out, _ = build_with("uv", command, project, env, after)
    return only(out, "*.whl")


@pytest.mark.parametrize("frontend", ["pip", "build", "uv"])
def test_wheels_ship_mo_but_no_source(
    frontend: str, pip_wheel: Path, build_dists: tuple[Path, Path], uv_wheel: Path
) -> None:
    """Every frontend's wheel has the six .mo and none of the .mini.po sitting beside them."""
    wheel = {"pip": pip_wheel, "build": build_dists[1], "uv": uv_wheel}[frontend]
    files = wheel_files(wheel)
    assert list(ending(files, ".mo")) == MO
    assert not ending(files, ".po")
    assert {"alpha/cli.py", "alpha/__init__.py", "beta/__init__.py"} <= set(files)


def test_sdist_carries_sources_and_mo_beside_them(build_dists: tuple[Path, Path]) -> None:
    """The sdist keeps each .mini.po and adds its compiled .mo in the same folder."""
    files = sdist_files(build_dists[0])
    assert list(ending(files, ".mini.po")) == SOURCES
    assert list(ending(files, ".mo")) == MO


def test_mo_are_identical_from_tree_and_from_sdist(
    pip_wheel: Path, build_dists: tuple[Path, Path], uv_wheel: Path
) -> None:
    """Wheels from the tree, from the sdist, and the sdist itself hold the same .mo bytes."""
    reference = ending(wheel_files(pip_wheel), ".mo")
    assert ending(wheel_files(build_dists[1]), ".mo") == reference
    assert ending(wheel_files(uv_wheel), ".mo") == reference
    assert ending(sdist_files(build_dists[0]), ".mo") == reference


@pytest.mark.usefixtures("pip_wheel", "build_dists", "uv_wheel")
def test_builds_leave_the_tree_and_temp_as_found(
    pristine: dict[str, bytes], after: dict[str, dict[str, bytes]], env: dict[str, str]
) -> None:
    """No .mo, no temporary folder: the tree is byte for byte what it was before each build."""
    assert sorted(after) == ["build", "pip", "uv"]
    for frontend, tree in after.items():
        assert tree == pristine, frontend
    assert leftovers(Path(env["TMPDIR"])) == []


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_installed_wheel_translates_both_domains(
    pip_wheel: Path, venv: Path, env: dict[str, str], language: str
) -> None:
    """Installed from the wheel, both packages' catalogs load with gettext."""
    install(venv, "--no-deps", "--force-reinstall", str(pip_wheel), env=env, cwd=pip_wheel.parent)
    assert translate(venv, "in-package-demo", language, env) == EXPECTED[language]


def test_editable_install_then_hatch_build_clean(
    copy_project: Callable[[str, Path], Path], work: Path, venv: Path, env: dict[str, str]
) -> None:
    """pip install -e writes .mo beside the sources; hatch build --clean removes just those."""
    root = copy_project("in-package", work / "editable")
    handmade = root / "beta/locale/fr/LC_MESSAGES/beta.mo"
    handmade.parent.mkdir(parents=True)
    handmade.write_bytes(b"not compiled by the hook")
    install(venv, "--no-deps", "-e", str(root), env=env, cwd=root)
    in_tree = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.mo"))
    assert in_tree == sorted([*MO, "beta/locale/fr/LC_MESSAGES/beta.mo"])
    assert translate(venv, "in-package-demo", "uk", env) == EXPECTED["uk"]

    out = work / "out-hatch-clean"
    run([tool("hatch"), "build", "--clean", "-t", "wheel", str(out)], cwd=root, env=env)
    assert [p.relative_to(root).as_posix() for p in root.rglob("*.mo")] == [
        "beta/locale/fr/LC_MESSAGES/beta.mo"
    ]
    # The hand-made .mo is an ordinary package file: it ships like any other.
    files = wheel_files(only(out, "*.whl"))
    assert list(ending(files, ".mo")) == sorted([*MO, "beta/locale/fr/LC_MESSAGES/beta.mo"])
    assert not ending(files, ".po")
