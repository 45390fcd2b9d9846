"""minipo update: extract and expand in one step; extract works before the first catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pytest

from hatch_minipo.cli import main

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("babel", reason="extraction needs the extract extra (Babel)")


@pytest.fixture
def flat(tmp_path: Path, copy_project: Callable[[str, Path], Path], monkeypatch) -> Path:
    root = copy_project("flat", tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def test_update_writes_the_template_and_every_full_catalog(flat, capsys):
    """po/flat_demo.pot from the sources, then po/X.po beside each po/X.mini.po."""
    assert main(["update"]) == 0
    template = (flat / "po" / "flat_demo.pot").read_text(encoding="utf-8")
    assert 'msgid "Hello, world!"' in template
    for language in ("de", "fr", "pl", "pt_BR"):
        full = (flat / "po" / f"{language}.po").read_text(encoding="utf-8")
        assert "#: src/flat_demo/cli.py:" in full  # locations come from the template
    out = capsys.readouterr().out
    assert "po/flat_demo.pot: " in out
    assert "po/de.po: expanded from po/de.mini.po" in out


def test_update_twice_changes_nothing(flat):
    """A second update with no source change rewrites no file (time stamps stay)."""
    assert main(["update"]) == 0
    stamps = {p: p.stat().st_mtime_ns for p in (flat / "po").iterdir()}
    assert main(["update"]) == 0
    assert {p: p.stat().st_mtime_ns for p in (flat / "po").iterdir()} == stamps


def test_extract_works_before_the_first_catalog(tmp_path, monkeypatch):
    """A project with no catalog yet gets its template (where init's catalogs will look)."""
    (tmp_path / "src" / "newapp").mkdir(parents=True)
    (tmp_path / "src" / "newapp" / "__init__.py").write_text('_("Hi")\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "newapp"\nversion = "0.1"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["extract"]) == 0
    assert 'msgid "Hi"' in (tmp_path / "po" / "newapp.pot").read_text(encoding="utf-8")


def _cycle(root: Path, epoch: str, monkeypatch) -> None:
    """What a team does each release: update, then minimize what translators returned."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["update"]) == 0
    assert main(["minimize"]) == 0


def test_no_churn_when_nothing_changed(flat, monkeypatch):
    """A second cycle, a day later, with no source change: every file is byte-identical."""
    _cycle(flat, "1700000000", monkeypatch)
    before = {p.name: p.read_bytes() for p in (flat / "po").iterdir()}
    _cycle(flat, "1700086400", monkeypatch)
    assert {p.name: p.read_bytes() for p in (flat / "po").iterdir()} == before


def test_a_source_change_shows_only_its_message(flat, monkeypatch):
    """A new string in the sources: a .mini.po's diff is that message, no header date."""
    _cycle(flat, "1700000000", monkeypatch)
    mini = flat / "po" / "de.mini.po"
    first = mini.read_text(encoding="utf-8")
    cli = flat / "src" / "flat_demo" / "cli.py"
    cli.write_text(cli.read_text(encoding="utf-8") + '\n_("Goodbye")\n', encoding="utf-8")
    _cycle(flat, "1700086400", monkeypatch)
    full = flat / "po" / "de.po"
    full.write_text(
        full.read_text(encoding="utf-8").replace(
            'msgid "Goodbye"\nmsgstr ""', 'msgid "Goodbye"\nmsgstr "Auf Wiedersehen"'
        ),
        encoding="utf-8",
    )
    assert main(["minimize"]) == 0
    second = mini.read_text(encoding="utf-8")
    removed = [line for line in first.splitlines() if line not in second.splitlines()]
    added = [line for line in second.splitlines() if line not in first.splitlines()]
    assert removed == []
    assert added == ['msgid "Goodbye"', 'msgstr "Auf Wiedersehen"']


def test_extract_reads_keywords_and_comment_tags_from_the_table(flat):
    """keywords and comment-tags in the hook table apply to every extract, as -k and -c do."""
    pyproject = flat / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "[tool.hatch.build.hooks.minipo]",
            '[tool.hatch.build.hooks.minipo]\nkeywords = ["lazy"]\ncomment-tags = ["NOTE:"]',
        ),
        encoding="utf-8",
    )
    cli = flat / "src" / "flat_demo" / "cli.py"
    cli.write_text(
        cli.read_text(encoding="utf-8") + '\n# NOTE: a word for translators\nlazy("Later")\n',
        encoding="utf-8",
    )
    assert main(["extract"]) == 0
    template = (flat / "po" / "flat_demo.pot").read_text(encoding="utf-8")
    assert "#. NOTE: a word for translators\n#: src/flat_demo/cli.py:" in template
    assert 'msgid "Later"' in template
