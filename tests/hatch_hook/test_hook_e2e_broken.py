"""A project with broken catalogs: every frontend fails, lists each problem, writes nothing."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

import pytest

from e2e import PIP, leftovers, run, snapshot, tool

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


def break_line(catalog: Path, old: str, new: str) -> int:
    """Replace the line ``old`` by ``new`` in ``catalog``; its 1-based line number."""
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.rstrip("\n") == old)
    lines[number] = new + "\n"
    catalog.write_text("".join(lines), encoding="utf-8")
    return number + 1


@pytest.fixture(scope="module")
def broken(
    copy_project: Callable[[str, Path], Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str]]:
    """The flat project with two catalogs broken; the `path:line:` each error must start with."""
    root = copy_project("flat", tmp_path_factory.mktemp("broken"))
    de = break_line(root / "po/de.mini.po", 'msgstr "Hallo, Welt!"', 'msgstr "Hallo, Welt!')
    pl = break_line(root / "po/pl.mini.po", 'msgstr[1] "{n} pliki"', 'msgstr[1] "{n} pliki" x')
    return root, [f"po/de.mini.po:{de}: ", f"po/pl.mini.po:{pl}: "]


@pytest.mark.parametrize(
    ("frontend", "command"),
    [
        ("pip", [*PIP, "wheel", "--no-deps", "-w", "{out}", "."]),
        ("build", [sys.executable, "-m", "build", "--wheel", "--outdir", "{out}", "."]),
        ("uv", ["uv", "build", "--out-dir", "{out}", "."]),
    ],
)
def test_broken_catalogs_fail_the_build(
    broken: tuple[Path, list[str]], build_env: dict[str, str], frontend: str, command: list[str]
) -> None:
    """Non-zero exit, each problem as path:line: message, no artifact, tree and temp untouched."""
    root, prefixes = broken
    before = snapshot(root)
    out = root.parent / f"out-{frontend}"
    temporary = root.parent / f"tmp-{frontend}"
    temporary.mkdir()
    env = {**build_env, "TMPDIR": str(temporary)}
    if command[0] == "uv":
        command = [tool("uv"), *command[1:]]
    result = run(
        [part.replace("{out}", str(out)) for part in command], cwd=root, env=env, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for prefix in prefixes:
        assert any(line.lstrip().startswith(prefix) for line in output.splitlines()), output
    assert "minipo refused 2 of 4 catalogs; no artifact was written:" in output
    assert "Traceback" not in output  # ended through hatchling's app.abort
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix in {".whl", ".gz"}]
    assert snapshot(root) == before
    assert leftovers(temporary) == []
