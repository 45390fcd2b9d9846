"""Project mode: the catalogs, full catalogs and template the CLI finds from pyproject.toml."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hatch_minipo.cli.project import (
    find_root,
    full_path,
    load_project,
    project_catalogs,
    shown,
)
from hatch_minipo.errors import MinipoError

if TYPE_CHECKING:
    from pathlib import Path

PYPROJECT = '[project]\nname = "my-app"\nversion = "1"\n'


def make(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_flat_catalogs_with_full_catalogs_and_default_template(tmp_path):
    """po/<lang>.mini.po are found; the full catalog is po/<lang>.po; the template po/<domain>.pot."""
    make(
        tmp_path,
        {
            "pyproject.toml": PYPROJECT,
            "src/my_app/__init__.py": "",
            "po/de.mini.po": "",
            "po/fr.mini.po": "",
        },
    )
    project = load_project(tmp_path)
    assert project.root == tmp_path.resolve()
    assert project.domain == "my_app"
    assert project.template == tmp_path.resolve() / "po/my_app.pot"
    assert [(c.language, c.domain) for c in project.catalogs] == [
        ("de", "my_app"),
        ("fr", "my_app"),
    ]
    first = project.catalogs[0]
    assert first.mini == tmp_path.resolve() / "po/de.mini.po"
    assert first.full == tmp_path.resolve() / "po/de.po"
    assert first.template == project.template


def test_in_package_catalogs_and_configured_template(tmp_path):
    """<lang>/LC_MESSAGES/<domain>.mini.po are found; the template option is honoured."""
    make(
        tmp_path,
        {
            "pyproject.toml": PYPROJECT
            + '[tool.hatch.build.hooks.minipo]\ntemplate = "i18n/messages.pot"\n',
            "src/my_app/__init__.py": "",
            "src/my_app/locale/de/LC_MESSAGES/app.mini.po": "",
        },
    )
    (catalog,) = project_catalogs(tmp_path)
    assert (catalog.language, catalog.domain) == ("de", "app")
    assert catalog.full.name == "app.po"
    assert catalog.template == tmp_path.resolve() / "i18n/messages.pot"


def test_wheel_table_replaces_the_global_one(tmp_path):
    """As for the wheel build, the wheel target's hook table wins over the global table."""
    make(
        tmp_path,
        {
            "pyproject.toml": PYPROJECT
            + '[tool.hatch.build.hooks.minipo]\nsources = ["nowhere"]\n'
            + '[tool.hatch.build.targets.wheel.hooks.minipo]\nsources = ["translations"]\n',
            "src/my_app/__init__.py": "",
            "translations/de.mini.po": "",
        },
    )
    assert [c.mini.name for c in project_catalogs(tmp_path)] == ["de.mini.po"]


def test_found_from_a_subfolder(tmp_path):
    """The nearest pyproject.toml above the current folder is the project."""
    make(tmp_path, {"pyproject.toml": PYPROJECT, "src/my_app/__init__.py": "", "po/de.mini.po": ""})
    assert find_root(tmp_path / "src" / "my_app") == tmp_path.resolve()


def test_language_filter_does_not_hide_catalogs(tmp_path, monkeypatch):
    """The tools see every catalog: MINIPO_LANGUAGES only narrows what a build ships."""
    monkeypatch.setenv("MINIPO_LANGUAGES", "de")
    make(
        tmp_path,
        {
            "pyproject.toml": PYPROJECT,
            "src/my_app/__init__.py": "",
            "po/de.mini.po": "",
            "po/fr.mini.po": "",
        },
    )
    assert [c.language for c in project_catalogs(tmp_path)] == ["de", "fr"]


def test_problems_are_errors(tmp_path):
    """No pyproject, a wrong option, or no catalog at all raise MinipoError saying why."""
    with pytest.raises(MinipoError, match=r"no pyproject\.toml"):
        find_root(tmp_path)
    make(tmp_path, {"pyproject.toml": PYPROJECT + "[tool.hatch.build.hooks.minipo]\nsorces = []\n"})
    with pytest.raises(MinipoError, match="did you mean 'sources'"):
        load_project(tmp_path)
    make(tmp_path, {"pyproject.toml": PYPROJECT, "src/my_app/__init__.py": ""})
    with pytest.raises(MinipoError, match="no catalogs found"):
        load_project(tmp_path)
    assert load_project(tmp_path, require_catalogs=False).catalogs == []


def test_broken_pyproject(tmp_path):
    """A pyproject.toml that is not TOML is reported, not a traceback."""
    make(tmp_path, {"pyproject.toml": "[project\n"})
    with pytest.raises(MinipoError, match="cannot read"):
        load_project(tmp_path)


def test_full_path_and_shown(tmp_path, monkeypatch):
    """X.mini.po pairs with X.po; paths inside the current folder are shown relative to it."""
    assert full_path(tmp_path / "de.mini.po") == tmp_path / "de.po"
    monkeypatch.chdir(tmp_path)
    assert str(shown(tmp_path.resolve() / "po" / "de.mini.po")) == "po/de.mini.po"
    assert shown(tmp_path.parent.resolve()) == tmp_path.parent.resolve()
