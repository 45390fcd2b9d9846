"""The repository's promises: CI runs the README's test command; the package ships typed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    """.ci/run runs, word for word, the test command the README gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 1
    assert commands[0] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_readme_main_command_exists():
    """The README's main command names a script that is in the repository."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/demo.sh pl" in readme
    assert (ROOT / "scripts" / "demo.sh").is_file()


def test_package_is_typed():
    """py.typed ships beside the package, for mypy users of the API."""
    assert (ROOT / "src" / "hatch_minipo" / "py.typed").is_file()
