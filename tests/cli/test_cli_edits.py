"""minimize and expand keep what users made: links, modes, and hand edits newer than the input."""

from __future__ import annotations

import os
import stat
import time
from typing import TYPE_CHECKING

import pytest

from expand_samples import MINI, TEMPLATE
from hatch_minipo.cli import main

if TYPE_CHECKING:
    from pathlib import Path

POSIX = pytest.mark.skipif(os.name != "posix", reason="links and modes need POSIX")
UNSORTED = MINI.replace('msgid "Gone"\nmsgstr "Weg"\n\n', "") + '\nmsgid "Gone"\nmsgstr "Weg"\n'


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def later(path: Path) -> None:
    """Make ``path`` newer than anything written before, whatever the clock's resolution."""
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


@POSIX
def test_minimize_writes_through_a_link(tmp_path):
    """A .mini.po that is a link stays a link; the file it names is minimized."""
    real = write(tmp_path / "shared.mini.po", UNSORTED)
    link = tmp_path / "de.mini.po"
    link.symlink_to(real.name)
    assert main(["minimize", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") != UNSORTED
    assert main(["check", str(real)]) == 0


@POSIX
def test_minimize_keeps_hard_links_and_mode(tmp_path):
    """Every hard link sees the minimized file, and its mode is the one it had."""
    first = write(tmp_path / "de.mini.po", UNSORTED)
    first.chmod(0o640)
    second = tmp_path / "copy.mini.po"
    os.link(first, second)
    assert main(["minimize", str(first)]) == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8") != UNSORTED
    assert stat.S_IMODE(first.stat().st_mode) == 0o640


@POSIX
def test_rewritten_file_keeps_its_mode(tmp_path):
    """A file rewritten through a temporary file keeps its permissions."""
    mini = write(tmp_path / "de.mini.po", UNSORTED)
    mini.chmod(0o600)
    assert main(["minimize", str(mini)]) == 0
    assert stat.S_IMODE(mini.stat().st_mode) == 0o600


def test_expand_leaves_a_hand_edited_full_catalog(tmp_path, capsys):
    """X.po edited after the last expand is not overwritten without --force; it is named."""
    template = write(tmp_path / "t.pot", TEMPLATE)
    mini = write(tmp_path / "de.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(mini)]) == 0
    full = tmp_path / "de.po"
    edited = full.read_text(encoding="utf-8").replace('msgstr "Hallo"', 'msgstr "Servus"')
    write(full, edited)
    later(full)
    capsys.readouterr()
    assert main(["expand", "-t", str(template), str(mini)]) == 1
    assert capsys.readouterr().err == (
        f"{full}: changed after {mini} and {template}; left as it is (--force replaces it)\n"
    )
    assert full.read_text(encoding="utf-8") == edited
    assert main(["expand", "--force", "-t", str(template), str(mini)]) == 0
    assert 'msgstr "Hallo"' in full.read_text(encoding="utf-8")


def test_minimize_leaves_a_newer_hand_edited_mini(tmp_path, capsys):
    """A .mini.po edited after its X.po is not replaced from the stale X.po without --force."""
    full = write(tmp_path / "de.po", MINI)
    assert main(["minimize", str(full)]) == 0
    mini = tmp_path / "de.mini.po"
    edited = mini.read_text(encoding="utf-8").replace('msgstr "Hallo"', 'msgstr "Servus"')
    write(mini, edited)
    later(mini)
    capsys.readouterr()
    assert main(["minimize", str(full)]) == 1
    assert capsys.readouterr().err == (
        f"{mini}: changed after {full}; left as it is (--force replaces it)\n"
    )
    assert mini.read_text(encoding="utf-8") == edited
    assert main(["minimize", "--force", str(full)]) == 0
    assert 'msgstr "Hallo"' in mini.read_text(encoding="utf-8")


def test_expand_keeps_a_translators_comment(tmp_path, capsys):
    """A comment added to X.po after the last expand is an edit too: left as it is."""
    template = write(tmp_path / "t.pot", TEMPLATE)
    mini = write(tmp_path / "de.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(mini)]) == 0
    full = tmp_path / "de.po"
    edited = full.read_text(encoding="utf-8").replace('msgid "Hello"', '# my note\nmsgid "Hello"')
    write(full, edited)
    later(full)
    assert main(["expand", "-t", str(template), str(mini)]) == 1
    assert full.read_text(encoding="utf-8") == edited


@POSIX
def test_project_mode_does_not_write_through_a_link_out_of_the_project(
    tmp_path, capsys, monkeypatch
):
    """po/de.po linking out of the project: expand refuses, the file outside is untouched."""
    root = tmp_path / "p"
    (root / "src" / "demo").mkdir(parents=True)
    (root / "src" / "demo" / "__init__.py").write_text("", encoding="utf-8")
    write(root / "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    (root / "po").mkdir()
    write(root / "po" / "de.mini.po", MINI)
    write(root / "po" / "demo.pot", TEMPLATE)
    outside = write(tmp_path / "outside.txt", "not a catalog")
    os.utime(outside, (1, 1))
    (root / "po" / "de.po").symlink_to(outside)
    monkeypatch.chdir(root)
    assert main(["expand"]) == 1
    assert "po/de.po: leads to" in capsys.readouterr().err
    assert outside.read_text(encoding="utf-8") == "not a catalog"


@POSIX
def test_dangling_link_is_replaced_and_read_only_hard_link_still_written(tmp_path):
    """A dangling link output is replaced; a read-only file with hard links is replaced too."""
    from hatch_minipo.project import atomic  # noqa: PLC0415

    link = tmp_path / "x.po"
    link.symlink_to(tmp_path / "missing" / "x.po")
    atomic.write_bytes(link, b"new")
    assert not link.is_symlink()
    assert link.read_bytes() == b"new"
    first = tmp_path / "ro.po"
    first.write_bytes(b"old")
    os.link(first, tmp_path / "other.po")
    first.chmod(0o444)
    atomic.write_bytes(first, b"new")
    assert first.read_bytes() == b"new"
