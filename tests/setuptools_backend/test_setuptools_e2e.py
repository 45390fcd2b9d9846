"""The setuptools project built for real by build and pip, installed (also editable) and run."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

import pytest

from e2e import PIP, ending, install, only, run, sdist_files, snapshot, translate, wheel_files
from hatch_minipo.compiler import compile_catalog

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

FLAT = {lang: f"po/{lang}.mini.po" for lang in ("de", "pl")}
IN_PACKAGE = {
    lang: f"src/st_demo/locale/{lang}/LC_MESSAGES/status.mini.po" for lang in ("de", "pl")
}
# (catalog, language, where its .mo lands in the wheel): the project's domain for po/, the
# catalog's own name beside it.
CATALOGS = [
    *(
        (source, lang, f"st_demo/locale/{lang}/LC_MESSAGES/st_demo.mo")
        for lang, source in FLAT.items()
    ),
    *(
        (source, lang, f"st_demo/locale/{lang}/LC_MESSAGES/status.mo")
        for lang, source in IN_PACKAGE.items()
    ),
]
WHEEL_MO = sorted(target for _, _, target in CATALOGS)
TREE_MO = [f"src/{target}" for target in WHEEL_MO]
EXPECTED = {
    "de": ["Hallo, Welt!", "0 Dateien", "1 Datei", "2 Dateien", "5 Dateien", "Nichts zu tun."],
    "pl": [
        "Witaj, świecie!",
        "0 plików",
        "1 plik",
        "2 pliki",
        "5 plików",
        "Nie ma nic do zrobienia.",
    ],
}


def sources(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The tree without what setuptools itself leaves (build/, *.egg-info/)."""
    return {
        name: data
        for name, data in tree.items()
        if not name.startswith("build/") and ".egg-info/" not in name
    }


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("setuptools")


@pytest.fixture(scope="module")
def project(copy_project: Callable[[str, Path], Path], work: Path) -> Path:
    return copy_project("setuptools", work / "tree")


@pytest.fixture(scope="module")
def pristine(project: Path) -> dict[str, bytes]:
    return snapshot(project)


@pytest.fixture(scope="module")
def build_dists(
    project: Path, pristine: dict[str, bytes], build_env: dict[str, str], work: Path
) -> tuple[Path, Path, str]:
    """`python -m build`: an sdist, then a wheel built from that sdist; and what it printed."""
    out = work / "out-build"
    result = run(
        [sys.executable, "-m", "build", "--outdir", str(out), "."], cwd=project, env=build_env
    )
    return only(out, "*.tar.gz"), only(out, "*.whl"), result.stdout + result.stderr


@pytest.fixture(scope="module")
def pip_wheel(
    project: Path, build_dists: tuple[Path, Path, str], build_env: dict[str, str], work: Path
) -> Path:
    """`pip wheel` from the tree (after build, so both can be checked against one snapshot)."""
    out = work / "out-pip"
    run([*PIP, "wheel", "--no-deps", "-w", str(out), "."], cwd=project, env=build_env)
    return only(out, "*.whl")


def test_wheel_ships_each_mo_in_the_package_and_no_catalog(pip_wheel: Path) -> None:
    """pip's wheel from the tree: the package, one .mo per catalog beside it, no .mini.po."""
    files = wheel_files(pip_wheel)
    shipped = sorted(name for name in files if ".dist-info/" not in name)
    assert shipped == sorted(["st_demo/__init__.py", "st_demo/cli.py", *WHEEL_MO])


def test_wheel_mo_are_the_engines_bytes(pip_wheel: Path, project: Path) -> None:
    """Each shipped .mo is exactly what the engine compiles from its catalog."""
    files = wheel_files(pip_wheel)
    for source, lang, target in CATALOGS:
        expected = compile_catalog((project / source).read_bytes(), source, language=lang)
        assert files[target] == expected.mo, target


def test_sdist_carries_every_catalog_and_no_mo(build_dists: tuple[Path, Path, str]) -> None:
    """No MANIFEST.in: the flat and in-package .mini.po are in the sdist, no .mo is."""
    files = sdist_files(build_dists[0])
    assert list(ending(files, ".mini.po")) == sorted(source for source, _, _ in CATALOGS)
    assert not ending(files, ".mo")
    assert "MANIFEST.in" not in files


def test_wheel_from_sdist_matches_wheel_from_tree(
    build_dists: tuple[Path, Path, str], pip_wheel: Path
) -> None:
    """The wheel built from the sdist ships the same files and the same .mo bytes."""
    from_sdist = wheel_files(build_dists[1])
    from_tree = wheel_files(pip_wheel)
    assert ending(from_sdist, ".mo") == ending(from_tree, ".mo")
    assert not ending(from_sdist, ".po")
    assert sorted(n for n in from_sdist if ".dist-info/" not in n) == sorted(
        n for n in from_tree if ".dist-info/" not in n
    )


def test_builds_say_what_they_compiled(build_dists: tuple[Path, Path, str]) -> None:
    """The wheel build prints one summary line: catalogs, messages, and where they went."""
    lines = [line for line in build_dists[2].splitlines() if line.startswith("minipo:")]
    assert len(lines) == 1, build_dists[2]
    assert lines[0].startswith("minipo: compiled 4 catalogs, 6 messages, in ")
    assert lines[0].endswith(", for the wheel)")


def test_builds_leave_the_sources_untouched(
    project: Path, pristine: dict[str, bytes], pip_wheel: Path
) -> None:
    """After build and pip wheel, the project's own files are as they were and no .mo was added."""
    after = snapshot(project)
    assert sources(after) == pristine
    assert not [name for name in sources(after) if name.endswith(".mo")]


def test_installed_wheel_from_sdist_translates(
    build_dists: tuple[Path, Path, str], venv: Path, build_env: dict[str, str], work: Path
) -> None:
    """Installed from the wheel built from the sdist, the console script speaks each language."""
    install(venv, "--no-deps", str(build_dists[1]), env=build_env, cwd=work)
    for lang, lines in EXPECTED.items():
        assert translate(venv, "st-demo", lang, build_env) == lines


@pytest.mark.parametrize("mode", ["lenient", "strict"])
def test_editable_install_translates_from_the_tree(
    mode: str,
    copy_project: Callable[[str, Path], Path],
    work: Path,
    build_env: dict[str, str],
) -> None:
    """pip install -e (setuptools' default and strict modes): gettext finds the .mo in the tree."""
    from conftest import make_venv  # noqa: PLC0415

    project = copy_project("setuptools", work / f"editable-{mode}")
    pristine = snapshot(project)
    venv = make_venv(work / f"venv-{mode}")
    settings = [] if mode == "lenient" else ["--config-settings", "editable_mode=strict"]
    output = install(venv, "-v", "--no-deps", *settings, "-e", ".", env=build_env, cwd=project)
    assert "minipo: editable install: .mo files go into the source tree" in output
    for lang, lines in EXPECTED.items():
        assert translate(venv, "st-demo", lang, build_env) == lines
    after = sources(snapshot(project))
    assert sorted(set(after) - set(pristine)) == TREE_MO
    assert {name: after[name] for name in pristine} == pristine


def test_broken_catalogs_fail_the_build_with_every_location(
    copy_project: Callable[[str, Path], Path], work: Path, build_env: dict[str, str]
) -> None:
    """Two broken catalogs: non-zero exit, each path:line: message, no wheel, sources untouched."""
    root = copy_project("setuptools", work / "broken")
    prefixes = []
    for source, old, new in (
        (FLAT["de"], 'msgstr "Hallo, Welt!"', 'msgstr "Hallo, Welt!'),
        (IN_PACKAGE["pl"], 'msgstr "Nie ma nic do zrobienia."', 'msgstr "Nie ma nic" x'),
    ):
        lines = (root / source).read_text(encoding="utf-8").splitlines(keepends=True)
        number = next(i for i, line in enumerate(lines) if line.rstrip("\n") == old)
        lines[number] = new + "\n"
        (root / source).write_text("".join(lines), encoding="utf-8")
        prefixes.append(f"{source}:{number + 1}: ")
    before = snapshot(root)
    out = work / "out-broken"
    result = run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), "."],
        cwd=root,
        env=build_env,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # setuptools prints a DistutilsError as "error: ..." and no traceback.
    assert "error: minipo refused 2 of 4 catalogs; no artifact was written:" in output
    assert "Traceback" not in output
    for prefix in prefixes:
        assert any(line.lstrip().startswith(prefix) for line in output.splitlines()), output
    assert not out.exists() or not list(out.glob("*.whl"))
    assert sources(snapshot(root)) == before
