"""The flat project built for real by pip, build, hatch and uv, installed and run."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Callable

import pytest

from e2e import (
    PIP,
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

LANGUAGES = ("de", "fr", "pl", "pt_BR")
WHEEL_MO = [f"flat_demo/locale/{lang}/LC_MESSAGES/flat_demo.mo" for lang in LANGUAGES]
SDIST_MO = [f"src/{name}" for name in WHEEL_MO]
EXPECTED = {
    "de": ["Hallo, Welt!", "0 Dateien", "1 Datei", "2 Dateien", "5 Dateien"],
    # No Plural-Forms in fr.mini.po: "0 fichier" is the French rule the compiler supplied
    # (English's, gettext's fallback, would say "0 fichiers").
    "fr": ["Bonjour, le monde !", "0 fichier", "1 fichier", "2 fichiers", "5 fichiers"],
    "pl": ["Witaj, świecie!", "0 plików", "1 plik", "2 pliki", "5 plików"],
    "pt_BR": ["Olá, mundo!", "0 arquivo", "1 arquivo", "2 arquivos", "5 arquivos"],
}

work, env, project, pristine, after = project_fixtures("flat")


pip_wheel, build_dists = frontend_fixtures()


@pytest.fixture(scope="module")
def hatch_dists(
    project: Path, env: dict[str, str], after: dict[str, dict[str, bytes]]
) -> tuple[Path, Path, str]:
    """`hatch build`: an sdist and a wheel, both from the tree; and what it printed."""
    out, output = build_with("hatch", [tool("hatch"), "build", "{out}"], project, env, after)
    return only(out, "*.tar.gz"), only(out, "*.whl"), output


@pytest.fixture(scope="module")
def uv_dists(
    project: Path, env: dict[str, str], after: dict[str, dict[str, bytes]]
) -> tuple[Path, Path]:
    """`uv build`: an sdist, then a wheel built from that sdist."""
    out, _ = build_with("uv", [tool("uv"), "build", "--out-dir", "{out}", "."], project, env, after)
    return only(out, "*.tar.gz"), only(out, "*.whl")


def test_pip_wheel_ships_every_mo_and_no_source(pip_wheel: Path) -> None:
    """pip wheel: one .mo per po/<lang>.mini.po inside the package, no catalog source."""
    files = wheel_files(pip_wheel)
    assert list(ending(files, ".mo")) == WHEEL_MO
    assert not ending(files, ".po")
    assert all(data.startswith(b"\xde\x12\x04\x95") for data in ending(files, ".mo").values())


# "Collecting pluggy>=1.0 (from hatchling)", "Processing /x/pathspec-1.1-py3-none-any.whl (from
# hatchling)": what pip fetched, and for which requirement.
_COLLECTING = re.compile(
    r"(?:Collecting ([A-Za-z0-9._-]+)|Processing \S*/([A-Za-z0-9._]+)-)[^(]*"
    r"(?:\(from ([A-Za-z0-9._-]+))?"
)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_build_environment_holds_hatchling_and_the_plugin_only(pip_wheel: Path) -> None:
    """pip's isolated build installs hatch-minipo, hatchling and what hatchling requires only."""
    log = (pip_wheel.parent.parent / "pip-wheel.log").read_text(encoding="utf-8")
    installed: set[str] = set()
    wanted_by: dict[str, str | None] = {}
    for text in log.splitlines():
        line = text.strip()
        if line.startswith("Successfully installed "):
            installed |= {_normal(item.rsplit("-", 1)[0]) for item in line.split()[2:]}
        match = _COLLECTING.match(line)
        if match:
            name, parent = match.group(1) or match.group(2), match.group(3)
            wanted_by[_normal(name)] = None if parent is None else _normal(parent)
    assert {"hatch-minipo", "hatchling"} <= installed
    assert "babel" not in installed
    for name in installed - {"hatch-minipo", "hatchling"}:
        chain = [name]
        while wanted_by.get(chain[-1]) is not None:
            chain.append(wanted_by[chain[-1]])  # type: ignore[arg-type]
        assert chain[-1] == "hatchling", chain


def test_oldest_hatchling_allowed_builds_the_same_bytes(
    copy_project: Callable[[str, Path], Path], env: dict[str, str], work: Path, pip_wheel: Path
) -> None:
    """With the oldest hatchling pyproject.toml allows in the build environment, same .mo bytes."""
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    floor = re.search(r'"hatchling>=([0-9.]+)"', pyproject)
    assert floor is not None
    constraints = work / "oldest-hatchling.txt"
    constraints.write_text(f"hatchling=={floor.group(1)}\n", encoding="utf-8")
    root = copy_project("flat", work / "oldest-hatchling")
    out = work / "out-oldest-hatchling"
    command = [*PIP, "wheel", "-v", "--no-deps", "-w", str(out), "."]
    done = run(command, cwd=root, env={**env, "PIP_CONSTRAINT": str(constraints)})
    oldest = rf"Successfully installed .*\bhatchling-{re.escape(floor.group(1))}(\.0)* "
    assert re.search(oldest, done.stdout + done.stderr)
    wheel = only(out, "*.whl")
    assert ending(wheel_files(wheel), ".mo") == ending(wheel_files(pip_wheel), ".mo")


def test_wheel_with_babel_installed_has_the_same_bytes(
    copy_project: Callable[[str, Path], Path], env: dict[str, str], work: Path, pip_wheel: Path
) -> None:
    """Built where the newest Babel is installed, the .mo bytes equal the Babel-free build's."""
    assert importlib.util.find_spec("babel") is not None, "the test extra installs Babel"
    root = copy_project("flat", work / "with-babel")
    out = work / "out-with-babel"
    # The test runner's own environment: hatchling, this checkout and Babel, all importable.
    command = [*PIP, "wheel", "--no-build-isolation", "--no-deps", "-w", str(out), "."]
    run(command, cwd=root, env=env)
    wheel = only(out, "*.whl")
    assert ending(wheel_files(wheel), ".mo") == ending(wheel_files(pip_wheel), ".mo")


def test_sdist_carries_sources_and_mo(build_dists: tuple[Path, Path], pip_wheel: Path) -> None:
    """python -m build's sdist holds po/*.mini.po and the compiled .mo, same bytes as the wheel."""
    sdist, _ = build_dists
    files = sdist_files(sdist)
    assert list(ending(files, ".mini.po")) == [f"po/{lang}.mini.po" for lang in LANGUAGES]
    assert list(ending(files, ".mo")) == SDIST_MO
    wheel_mo = ending(wheel_files(pip_wheel), ".mo")
    assert [files[name] for name in SDIST_MO] == [wheel_mo[name] for name in WHEEL_MO]


def test_wheel_from_sdist_matches_wheel_from_tree(
    build_dists: tuple[Path, Path], pip_wheel: Path
) -> None:
    """The wheel built from the sdist has byte-identical .mo files to pip's wheel from the tree."""
    _, wheel = build_dists
    assert ending(wheel_files(wheel), ".mo") == ending(wheel_files(pip_wheel), ".mo")
    assert not ending(wheel_files(wheel), ".po")


def test_hatch_and_uv_give_the_same_files(
    hatch_dists: tuple[Path, Path, str], uv_dists: tuple[Path, Path], pip_wheel: Path
) -> None:
    """hatch build (from the tree) and uv build (from its sdist) ship the very same .mo bytes."""
    reference = ending(wheel_files(pip_wheel), ".mo")
    for sdist, wheel in (hatch_dists[:2], uv_dists):
        assert ending(wheel_files(wheel), ".mo") == reference
        assert not ending(wheel_files(wheel), ".po")
        assert list(ending(sdist_files(sdist), ".mo")) == SDIST_MO


def test_build_output_is_one_summary_line_per_artifact(hatch_dists: tuple[Path, Path, str]) -> None:
    """hatch shows one `minipo: compiled ...` line for the sdist and one for the wheel."""
    lines = [line for line in hatch_dists[2].splitlines() if line.startswith("minipo:")]
    assert len(lines) == 2
    assert lines[0].startswith("minipo: compiled 4 catalogs, 8 messages, in ")
    assert lines[0].endswith(" s (for the sdist)")
    assert lines[1].endswith(" s (for the wheel)")


@pytest.mark.usefixtures("pip_wheel", "build_dists", "hatch_dists", "uv_dists")
def test_builds_leave_the_tree_and_temp_as_found(
    pristine: dict[str, bytes], after: dict[str, dict[str, bytes]], env: dict[str, str]
) -> None:
    """After each frontend the project holds exactly its files, and no temp folder is left."""
    assert sorted(after) == ["build", "hatch", "pip", "uv"]
    for frontend, tree in after.items():
        assert tree == pristine, frontend
    assert leftovers(Path(env["TMPDIR"])) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_installed_wheel_translates(
    pip_wheel: Path, venv: Path, env: dict[str, str], language: str
) -> None:
    """Installed from the wheel, the console script loads every catalog with gettext."""
    install(venv, "--no-deps", "--force-reinstall", str(pip_wheel), env=env, cwd=pip_wheel.parent)
    assert translate(venv, "flat-demo", language, env) == EXPECTED[language]


def test_editable_install_translates_and_hatch_clean_removes_its_files(
    copy_project: Callable[[str, Path], Path], work: Path, venv: Path, env: dict[str, str]
) -> None:
    """pip install -e compiles into the tree (and says so); hatch clean removes exactly that."""
    root = copy_project("flat", work / "editable")
    handmade = root / "src/flat_demo/locale/de/LC_MESSAGES/handmade.mo"
    output = install(venv, "-v", "--no-deps", "-e", str(root), env=env, cwd=root)
    assert "minipo: editable install: .mo files go into the source tree" in output
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.mo")) == SDIST_MO
    assert translate(venv, "flat-demo", "pl", env) == EXPECTED["pl"]

    handmade.write_bytes(b"not ours")
    run([tool("hatch"), "clean"], cwd=root, env=env)
    assert [p.relative_to(root).as_posix() for p in root.rglob("*.mo")] == [
        "src/flat_demo/locale/de/LC_MESSAGES/handmade.mo"
    ]
