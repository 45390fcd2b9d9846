"""A setuptools project with install-layout = "share": built, installed (also editable), run."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

import pytest

from e2e import PIP, ending, install, only, run, sdist_files, snapshot, translate, wheel_files
from hatch_minipo.compiler import compile_catalog

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

LANGUAGES = ("de", "pl")
DATA_MO = {
    lang: f"st_share_demo-1.0.0.data/data/share/locale/{lang}/LC_MESSAGES/st_share_demo.mo"
    for lang in LANGUAGES
}
EXPECTED = {
    "de": ["Hallo, Welt!", "0 Dateien", "1 Datei", "2 Dateien", "5 Dateien"],
    "pl": ["Witaj, świecie!", "0 plików", "1 plik", "2 pliki", "5 plików"],
}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("setuptools-share")


@pytest.fixture(scope="module")
def project(copy_project: Callable[[str, Path], Path], work: Path) -> Path:
    return copy_project("setuptools-share", work / "tree")


@pytest.fixture(scope="module")
def build_dists(project: Path, build_env: dict[str, str], work: Path) -> tuple[Path, Path]:
    """`python -m build`: an sdist, then a wheel built from that sdist."""
    out = work / "out-build"
    run([sys.executable, "-m", "build", "--outdir", str(out), "."], cwd=project, env=build_env)
    return only(out, "*.tar.gz"), only(out, "*.whl")


@pytest.fixture(scope="module")
def pip_wheel(project: Path, build_env: dict[str, str], work: Path) -> Path:
    out = work / "out-pip"
    run([*PIP, "wheel", "--no-deps", "-w", str(out), "."], cwd=project, env=build_env)
    return only(out, "*.whl")


def test_wheel_carries_the_catalogs_as_data(pip_wheel: Path, project: Path) -> None:
    """The .mo files are the wheel's data files, the engine's bytes; none in the package."""
    files = wheel_files(pip_wheel)
    assert sorted(ending(files, ".mo")) == sorted(DATA_MO.values())
    for lang, name in DATA_MO.items():
        source = f"po/{lang}.mini.po"
        assert files[name] == compile_catalog((project / source).read_bytes(), source).mo
    assert not ending(files, ".po")


def test_wheel_from_sdist_matches_wheel_from_tree(
    build_dists: tuple[Path, Path], pip_wheel: Path
) -> None:
    """The sdist carries the sources only; the wheel built from it has the same data."""
    assert sorted(ending(sdist_files(build_dists[0]), ".mini.po")) == [
        f"po/{lang}.mini.po" for lang in LANGUAGES
    ]
    assert not ending(sdist_files(build_dists[0]), ".mo")
    assert ending(wheel_files(build_dists[1]), ".mo") == ending(wheel_files(pip_wheel), ".mo")


def test_installed_wheel_translates(
    build_dists: tuple[Path, Path], venv: Path, build_env: dict[str, str], work: Path
) -> None:
    """Installed, the .mo files are under <venv>/share/locale, where the lookup finds them."""
    install(venv, "--no-deps", str(build_dists[1]), env=build_env, cwd=work)
    for lang, lines in EXPECTED.items():
        assert (venv.parent / "share/locale" / lang / "LC_MESSAGES/st_share_demo.mo").is_file()
        assert translate(venv, "st-share-demo", lang, build_env) == lines


def test_editable_install_translates_with_the_same_lookup(
    copy_project: Callable[[str, Path], Path], work: Path, build_env: dict[str, str]
) -> None:
    """pip install -e: the data files go under the prefix as well; the tree gets no .mo."""
    from conftest import make_venv  # noqa: PLC0415

    root = copy_project("setuptools-share", work / "editable")
    before = snapshot(root)
    venv = make_venv(work / "venv-editable")
    install(venv, "--no-deps", "-e", ".", env=build_env, cwd=root)
    assert translate(venv, "st-share-demo", "pl", build_env) == EXPECTED["pl"]
    assert (venv.parent / "share/locale/pl/LC_MESSAGES/st_share_demo.mo").is_file()
    added = set(snapshot(root)) - set(before)
    assert not [name for name in added if name.endswith(".mo") and not name.startswith("build/")]
