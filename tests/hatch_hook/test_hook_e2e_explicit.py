"""The project with every option spelled out, built for real, installed and run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from e2e import (
    ending,
    frontend_fixtures,
    install,
    project_fixtures,
    sdist_files,
    translate,
    wheel_files,
)

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

LANGUAGES = ("ca@valencia", "de", "ru")
MO = [f"explicit_demo/i18n/{lang}/LC_MESSAGES/greetings.mo" for lang in LANGUAGES]
EXPECTED = {
    "ca@valencia": ["Hola, món!", "0 fitxers", "1 fitxer", "2 fitxers", "5 fitxers"],
    "ru": ["Привет, мир!", "0 файлов", "1 файл", "2 файла", "5 файлов"],
}

work, env, project, pristine, after = project_fixtures("explicit")


pip_wheel, build_dists = frontend_fixtures()


def test_wheel_puts_the_custom_domain_in_the_custom_folder(pip_wheel: Path) -> None:
    """sources, domain and destination: translations/<lang>.mini.po -> i18n/.../greetings.mo."""
    files = wheel_files(pip_wheel)
    assert list(ending(files, ".mo")) == MO
    assert not ending(files, ".po")
    assert not ending(files, ".pot")


def test_sdist_without_mo_and_its_wheel(build_dists: tuple[Path, Path], pip_wheel: Path) -> None:
    """sdist-mo = false: sources and template only; the wheel built from it compiles the same."""
    sdist, wheel = build_dists
    files = sdist_files(sdist)
    assert list(ending(files, ".mini.po")) == [f"translations/{lang}.mini.po" for lang in LANGUAGES]
    assert "translations/greetings.pot" in files
    assert not ending(files, ".mo")
    assert ending(wheel_files(wheel), ".mo") == ending(wheel_files(pip_wheel), ".mo")


@pytest.mark.usefixtures("pip_wheel", "build_dists")
def test_builds_leave_the_tree_as_found(
    pristine: dict[str, bytes], after: dict[str, dict[str, bytes]]
) -> None:
    """Neither build writes into the project."""
    assert sorted(after) == ["build", "pip"]
    assert all(tree == pristine for tree in after.values())


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_installed_wheel_translates(
    pip_wheel: Path, venv: Path, build_env: dict[str, str], language: str
) -> None:
    """The console script loads the greetings domain from i18n/ with gettext."""
    install(
        venv, "--no-deps", "--force-reinstall", str(pip_wheel), env=build_env, cwd=pip_wheel.parent
    )
    assert translate(venv, "explicit-demo", language, build_env) == EXPECTED[language]
