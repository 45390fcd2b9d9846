"""install-layout = "share": built by pip, build, hatch and uv; installed (also editable); run.

The wheel carries <name>.data/data/share/locale/<lang>/LC_MESSAGES/<domain>.mo, which pip and
uv install under the environment's prefix, and the test projects find them with the README's
lookup (their locales.py, compared with the README below).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Callable

import pytest

from e2e import (
    build_with,
    ending,
    frontend_fixtures,
    install,
    only,
    project_fixtures,
    sdist_files,
    tool,
    translate,
    wheel_files,
)

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("de", "pl")
DATA_MO = [
    f"share_demo-1.0.0.data/data/share/locale/{lang}/LC_MESSAGES/share_demo.mo"
    for lang in LANGUAGES
]
EXPECTED = {
    "de": ["Hallo, Welt!", "0 Dateien", "1 Datei", "2 Dateien", "5 Dateien"],
    "pl": ["Witaj, świecie!", "0 plików", "1 plik", "2 pliki", "5 plików"],
}

work, env, project, pristine, after = project_fixtures("share")
pip_wheel, build_dists = frontend_fixtures()


@pytest.fixture(scope="module")
def other_dists(
    project: Path, env: dict[str, str], after: dict[str, dict[str, bytes]]
) -> list[Path]:
    """hatch build (a wheel from the tree) and uv build (a wheel from its sdist)."""
    hatch_out, _ = build_with("hatch", [tool("hatch"), "build", "{out}"], project, env, after)
    uv_out, _ = build_with(
        "uv", [tool("uv"), "build", "--out-dir", "{out}", "."], project, env, after
    )
    return [only(hatch_out, "*.whl"), only(uv_out, "*.whl")]


def test_wheel_carries_catalogs_as_shared_data_only(pip_wheel: Path) -> None:
    """The .mo files are in the wheel's data (share/locale), none in the package, no source."""
    files = wheel_files(pip_wheel)
    assert list(ending(files, ".mo")) == DATA_MO
    assert not ending(files, ".po")


def test_every_frontend_gives_the_same_data(
    pip_wheel: Path, build_dists: tuple[Path, Path], other_dists: list[Path]
) -> None:
    """build (from its sdist), hatch and uv ship the same .mo bytes at the same data paths."""
    reference = ending(wheel_files(pip_wheel), ".mo")
    for wheel in [build_dists[1], *other_dists]:
        assert ending(wheel_files(wheel), ".mo") == reference
    sdist = sdist_files(build_dists[0])
    assert sorted(name for name in sdist if name.endswith(".mini.po")) == [
        f"po/{lang}.mini.po" for lang in LANGUAGES
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_installed_wheel_translates_from_prefix_share_locale(
    pip_wheel: Path, venv: Path, env: dict[str, str], language: str
) -> None:
    """Installed, the .mo files are under <venv>/share/locale, and the lookup finds them."""
    install(venv, "--no-deps", "--force-reinstall", str(pip_wheel), env=env, cwd=pip_wheel.parent)
    for lang in LANGUAGES:
        assert (venv.parent / "share/locale" / lang / "LC_MESSAGES/share_demo.mo").is_file()
    assert translate(venv, "share-demo", language, env) == EXPECTED[language]


def test_editable_install_translates_with_the_same_lookup(
    copy_project: Callable[[str, Path], Path], work: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """pip install -e puts the .mo files under the prefix too; nothing is written in the tree."""
    from conftest import make_venv  # noqa: PLC0415

    venv = make_venv(tmp_path / "venv")
    root = copy_project("share", work / "editable")
    install(venv, "--no-deps", "-e", str(root), env=env, cwd=root)
    assert (venv.parent / "share/locale/pl/LC_MESSAGES/share_demo.mo").is_file()
    assert not list(root.rglob("*.mo"))
    assert translate(venv, "share-demo", "pl", env) == EXPECTED["pl"]


def test_readme_lookup_is_the_test_projects_code() -> None:
    """The README's run-time lookup is, word for word, what both share test projects run."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    code = next(block for block in blocks if "def locale_dirs()" in block)
    for path in (
        "test-projects/share/src/share_demo/locales.py",
        "test-projects/setuptools-share/src/st_share_demo/locales.py",
    ):
        text = (REPO / path).read_text(encoding="utf-8")
        assert code in text, path


def test_lookup_names_the_environment_then_the_user_scheme() -> None:
    """locale_dirs(): <prefix>/share/locale first, then the user scheme's (pip --user)."""
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "from share_demo.locales import locale_dirs;"
        "print(json.dumps([str(p) for p in locale_dirs()]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "test-projects/share/src")],
        capture_output=True,
        text=True,
        check=True,
    )
    dirs = json.loads(result.stdout)
    assert dirs[0] == str(Path(sysconfig.get_path("data"), "share", "locale"))
    assert len(dirs) in (1, 2)
