"""Paths: no catalog or option can make a build write outside its destination; symlinks.

A ``.mo`` goes to ``<destination>/<language>/LC_MESSAGES/<domain>.mo``: the language comes from
a file or folder name (or ``languages`` / ``MINIPO_LANGUAGES``), never from the catalog's
``Language`` header, and must be a gettext locale name, which is one safe path component; the
destination and the sources must stay inside the project (``..``, absolute paths, ``~``,
drives and backslashes are refused).

Symbolic links, decided: hatchling follows them when it collects a build's files, so the hook
must see the catalogs hatchling ships, and nothing else.

- a symlinked catalog, or a symlinked folder of catalogs, inside the project: followed, and
  compiled like any other;
- a link leading outside the project: refused; a build must depend on the project only, and
  the sdist would otherwise carry a copy of whatever the link points at;
- a link loop: searched once, never endlessly;
- a dangling link: the build fails naming it (`po/xx.mini.po: cannot read: ...`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable

import pytest
from hatchling.builders.wheel import WheelBuilder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aborts import aborted
from e2e import snapshot
from hatch_minipo.errors import MinipoError
from hatch_minipo.project.config import ConfigError, load_config
from hatch_minipo.project.discovery import DiscoveryError, Layout, discover

if TYPE_CHECKING:
    from collections.abc import Iterator

K = "tool.hatch.build.hooks.minipo"
SYMLINKS = pytest.mark.skipif(os.name != "posix", reason="symbolic links need POSIX here")


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook's temporary folders go under tmp_path; no stray variable changes a build."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.delenv("MINIPO_LANGUAGES", raising=False)


@pytest.fixture
def flat(tmp_path: Path, copy_project: Callable[[str, Path], Path]) -> Path:
    return copy_project("flat", tmp_path)


def build_wheel(root: Path) -> list[str]:
    (artifact,) = WheelBuilder(str(root)).build(directory=str(root.parent / "dist"))
    with zipfile.ZipFile(artifact) as archive:
        return sorted(name for name in archive.namelist() if ".mo" in name or ".po" in name)


def safe_target(target: str, destination: str) -> bool:
    """Whether ``target`` is a plain relative path below ``destination``."""
    parts = PurePosixPath(target).parts
    return (
        target.startswith(f"{destination}/")
        and not PurePosixPath(target).is_absolute()
        and "\\" not in target
        and not any(part in {"", ".", ".."} or ":" in part for part in parts)
    )


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"destination": "../site-packages"}, "must stay inside the project"),
        ({"destination": "/usr/share/locale"}, "must be relative to the project root"),
        ({"destination": "~/locale"}, "must be relative to the project root"),
        ({"destination": "C:/locale"}, "must be relative to the project root"),
        ({"destination": "pkg\\locale"}, "must use forward slashes"),
        ({"destination": "pkg/./../../x"}, "must stay inside the project"),
        ({"sources": ["po/../../elsewhere"]}, "must stay inside the project"),
        ({"languages": ["../../x"]}, "is a path, not a locale name"),
        ({"languages": ["de/LC_MESSAGES"]}, "is a path, not a locale name"),
        ({"languages": ["..\\x"]}, "is a path, not a locale name"),
        ({"domain": "../evil"}, "must be a gettext domain name"),
        ({"domain": "a/b"}, "must be a gettext domain name"),
    ],
)
def test_options_that_would_leave_the_destination_are_refused(table, problem):
    """destination, sources, languages and domain cannot point outside the project."""
    with pytest.raises(ConfigError) as error:
        load_config(table)
    assert [line for line in error.value.problems if problem in line], error.value.problems


@pytest.mark.parametrize("value", ["../x", "/etc", "de/../../x", "de\\..\\x"])
def test_language_variable_cannot_name_a_path(value):
    """MINIPO_LANGUAGES is refused when it names a path."""
    with pytest.raises(ConfigError, match="is a path, not a locale name"):
        load_config({}, environ={"MINIPO_LANGUAGES": value})


NAME = st.lists(
    st.sampled_from([*"de_BRxz@.-~:\\ ¦ß", "..", "LC_MESSAGES", "\u202e"]), min_size=1, max_size=8
).map("".join)


def layout_files(root: Path, names: list[str]) -> Iterator[str]:
    """Create a catalog per name, flat and in-package; those discovery must find or report."""
    (root / "pkg").mkdir()
    for name in names:
        for relative in (f"po/{name}.mini.po", f"pkg/locale/{name}/LC_MESSAGES/pkg.mini.po"):
            path = root / relative
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"")
            except OSError:  # a name the file system refuses ("..", too long) cannot be found
                continue
            real = path.resolve().relative_to(root.resolve())  # "x/./y" is "x/y"
            # Hidden folders (.git, .tox) are not searched, by design.
            if not any(part.startswith(".") for part in real.parts[:-1]):
                yield real.as_posix()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(names=st.lists(NAME, min_size=1, max_size=4))
def test_discovered_targets_stay_inside_the_destination(names):
    """Whatever the file and folder names, every target is a plain path in the destination."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        made = list(layout_files(root, names))
        found = discover(Layout(root, ("pkg",), "demo"), load_config({}))
        for catalog in found.catalogs:
            if catalog.source.startswith("po/"):  # flat: into the package's locale folder
                assert safe_target(catalog.target, "pkg/locale"), catalog
                assert catalog.target.count("/") == 4, catalog
            else:  # in-package: beside its source
                beside = catalog.source.rsplit("/", 1)[0]
                assert safe_target(catalog.target, beside), catalog
        # Every catalog that was made is either compiled or reported, never silently skipped.
        sources = {catalog.source for catalog in found.catalogs}
        for path in made:
            assert path in sources or any(p.startswith(f"{path}: ") for p in found.problems)


@pytest.mark.parametrize(
    "name", ["..\\..\\evil", "de\\..\\..\\x", "~root", "C:x", "de\u202egpj.exe"]
)
def test_hostile_catalog_name_fails_the_build(flat, name):
    """A catalog named like a path fails the build, naming it; nothing is written anywhere."""
    (flat / "po" / f"{name}.mini.po").write_bytes((flat / "po" / "de.mini.po").read_bytes())
    before = snapshot(flat)
    with aborted(DiscoveryError) as error:
        build_wheel(flat)
    assert f"po/{name}.mini.po: " in str(error.error)
    assert snapshot(flat) == before
    assert not [p for p in flat.parent.rglob("*") if p.is_file() and flat not in p.parents]


def test_language_header_never_names_the_output(flat):
    """A Language header that is a path changes nothing: the file name gives the language."""
    catalog = flat / "po" / "de.mini.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("Language: de", "Language: ../../../evil"),
        encoding="utf-8",
    )
    names = build_wheel(flat)
    assert "flat_demo/locale/de/LC_MESSAGES/flat_demo.mo" in names
    assert all(safe_target(name, "flat_demo/locale") for name in names)
    assert not list(flat.parent.rglob("evil*"))


@SYMLINKS
def test_symlinked_catalog_inside_the_project_is_followed(flat):
    """po/it.mini.po -> de.mini.po is compiled like any catalog."""
    (flat / "po" / "it.mini.po").symlink_to("de.mini.po")
    assert "flat_demo/locale/it/LC_MESSAGES/flat_demo.mo" in build_wheel(flat)


@SYMLINKS
def test_link_loop_is_searched_once(flat):
    """A folder linking to its parent does not make discovery loop or find catalogs twice."""
    (flat / "po" / "again").symlink_to(".")
    names = build_wheel(flat)
    assert len([n for n in names if n.endswith(".mo")]) == 4


@SYMLINKS
def test_link_to_a_catalog_outside_the_project_is_refused(flat):
    """A catalog linking outside the project fails the build, naming the link."""
    outside = flat.parent / "elsewhere"
    outside.mkdir()
    shutil.copyfile(flat / "po" / "fr.mini.po", outside / "es.mini.po")
    (flat / "po" / "es.mini.po").symlink_to(outside / "es.mini.po")
    with aborted(DiscoveryError, match=r"po/es\.mini\.po: .*outside the project"):
        build_wheel(flat)


@SYMLINKS
def test_symlinked_locale_folder_inside_the_project_is_compiled(
    tmp_path, copy_project: Callable[[str, Path], Path]
):
    """alpha/locale -> ../shared-locale: its catalogs are compiled, their sources not shipped."""
    root = copy_project("in-package", tmp_path)
    shutil.move(str(root / "alpha" / "locale"), str(root / "shared-locale"))
    (root / "alpha" / "locale").symlink_to(Path("..", "shared-locale"))
    names = build_wheel(root)
    assert "alpha/locale/de/LC_MESSAGES/alpha.mo" in names
    assert not [name for name in names if name.endswith(".mini.po")]


@SYMLINKS
def test_dangling_link_fails_the_build_naming_it(flat):
    """A catalog link to nothing fails the build with `po/es.mini.po: cannot read: ...`."""
    (flat / "po" / "es.mini.po").symlink_to("missing.mini.po")
    with aborted(MinipoError, match=r"po/es\.mini\.po: cannot read"):
        build_wheel(flat)


def _link_destination_outside(flat: Path) -> Path:
    """src/flat_demo/locale -> a folder outside the project, holding a file of its own."""
    outside = flat.parent / "outside-locale"
    (outside / "de" / "LC_MESSAGES").mkdir(parents=True)
    (outside / "de" / "LC_MESSAGES" / "flat_demo.mo").write_bytes(b"not ours")
    (flat / "src" / "flat_demo" / "locale").symlink_to(outside, target_is_directory=True)
    return outside


@SYMLINKS
def test_editable_build_does_not_write_through_a_linked_destination(flat):
    """A destination folder linking out of the project: the editable build aborts, writes nothing."""
    outside = _link_destination_outside(flat)
    before = snapshot(outside)
    with aborted(DiscoveryError, match=r"outside the project"):
        list(
            WheelBuilder(str(flat)).build(
                directory=str(flat.parent / "dist"), versions=["editable"]
            )
        )
    assert snapshot(outside) == before


@SYMLINKS
def test_clean_does_not_delete_through_a_linked_destination(flat):
    """hatch clean with a destination linking out of the project deletes nothing there."""
    outside = _link_destination_outside(flat)
    before = snapshot(outside)
    with aborted(DiscoveryError, match=r"src/flat_demo/locale/de/LC_MESSAGES/flat_demo\.mo: leads"):
        list(WheelBuilder(str(flat)).build(directory=str(flat.parent / "dist"), clean_only=True))
    assert snapshot(outside) == before


@SYMLINKS
def test_extract_does_not_write_a_template_through_a_link(flat, monkeypatch, capsys):
    """minipo extract refuses a template folder that links out of the project."""
    pytest.importorskip("babel")
    from hatch_minipo.cli import main  # noqa: PLC0415

    outside = flat.parent / "outside-po"
    outside.mkdir()
    pyproject = flat / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "[tool.hatch.build.hooks.minipo]",
            '[tool.hatch.build.hooks.minipo]\ntemplate = "i18n/t.pot"',
        ),
        encoding="utf-8",
    )
    (flat / "i18n").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(flat)
    assert main(["extract"]) == 1
    assert "i18n/t.pot: leads to" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
