"""minipo expand: full catalogs beside the minimized ones, options, refusals, project mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from expand_samples import MINI, TEMPLATE, msgmerge, parse
from hatch_minipo.cli import main
from hatch_minipo.po.writer import write_po
from hatch_minipo.workflow.expand import expand

if TYPE_CHECKING:
    from pathlib import Path


# -- GNU msgmerge as the oracle ---------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_writes_full_catalog_beside_each_mini(tmp_path, capsys):
    """--template POT X.mini.po Y.mini.po writes X.po and Y.po beside them."""
    template = write(tmp_path, "demo.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", MINI)
    fr = write(tmp_path, "fr.mini.po", MINI.replace("Language: de", "Language: fr"))
    assert main(["expand", "--template", str(template), str(de), str(fr)]) == 0
    expected = write_po(expand(parse(MINI), parse(TEMPLATE)))
    assert (tmp_path / "de.po").read_bytes() == expected
    assert b"Language: fr" in (tmp_path / "fr.po").read_bytes()
    assert f"{tmp_path / 'de.po'}: expanded from {de}" in capsys.readouterr().out


@pytest.mark.oracle
def test_cli_output_equals_msgmerge(tmp_path):
    """The file written by minipo expand -o is msgmerge's file, byte for byte."""
    template = write(tmp_path, "demo.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", MINI)
    out = tmp_path / "out.po"
    assert main(["expand", "-t", str(template), str(de), "-o", str(out)]) == 0
    assert out.read_bytes() == msgmerge(de, template)
    assert not (tmp_path / "de.po").exists()


def test_cli_width_options(tmp_path):
    """--no-wrap and --width reach the writer."""
    long = "word " * 30
    template = write(tmp_path, "t.pot", TEMPLATE.replace('"New"', f'"{long}"'))
    de = write(tmp_path, "de.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(de), "--no-wrap"]) == 0
    assert f'msgid "{long}"' in (tmp_path / "de.po").read_text(encoding="utf-8")
    assert main(["expand", "-t", str(template), str(de), "-w", "30"]) == 0
    assert f'msgid "{long}"' not in (tmp_path / "de.po").read_text(encoding="utf-8")


def test_cli_files_need_a_template(tmp_path, capsys):
    """Naming files without --template is a usage error (exit 2) and writes nothing."""
    de = write(tmp_path, "de.mini.po", MINI)
    with pytest.raises(SystemExit) as exc:
        main(["expand", str(de)])
    assert exc.value.code == 2
    assert "--template is required" in capsys.readouterr().err
    assert not (tmp_path / "de.po").exists()


def test_cli_output_with_two_inputs_is_a_usage_error(tmp_path):
    """-o with several inputs exits 2."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    a, b = write(tmp_path, "a.mini.po", MINI), write(tmp_path, "b.mini.po", MINI)
    with pytest.raises(SystemExit) as exc:
        main(["expand", "-t", str(template), str(a), str(b), "-o", str(tmp_path / "x.po")])
    assert exc.value.code == 2
    assert not (tmp_path / "x.po").exists()


def test_cli_broken_catalog_writes_nothing_others_still_expand(tmp_path, capsys):
    """A catalog with a syntax error exits 1, is placed, leaves no X.po; others are written."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    bad = write(tmp_path, "de.mini.po", MINI + '\nmsgid "broken\nmsgstr ""\n')
    good = write(tmp_path, "fr.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(bad), str(good)]) == 1
    assert f"{bad}:" in capsys.readouterr().err
    assert not (tmp_path / "de.po").exists()
    assert (tmp_path / "fr.po").exists()


def test_cli_missing_template_exits_1_without_output(tmp_path, capsys):
    """An unreadable template exits 1 and writes nothing."""
    de = write(tmp_path, "de.mini.po", MINI)
    assert main(["expand", "-t", str(tmp_path / "none.pot"), str(de)]) == 1
    assert "none.pot: cannot read" in capsys.readouterr().err
    assert not (tmp_path / "de.po").exists()


def test_cli_up_to_date_file_is_left_alone(tmp_path):
    """An X.po already equal to the expansion is not rewritten."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(de)]) == 0
    full = tmp_path / "de.po"
    stamp = full.stat().st_mtime_ns
    full.touch()
    full_stamp = full.stat().st_mtime_ns
    assert main(["expand", "-t", str(template), str(de)]) == 0
    assert full.stat().st_mtime_ns == full_stamp >= stamp


def test_cli_project_mode_expands_every_catalog_with_the_project_template(
    tmp_path, monkeypatch, capsys
):
    """Without files, po/X.mini.po becomes po/X.po with the domain's template po/demo.pot."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", MINI)
    write(tmp_path, "po/demo.pot", TEMPLATE)
    monkeypatch.chdir(tmp_path)
    assert main(["expand"]) == 0
    assert (tmp_path / "po/de.po").read_bytes() == write_po(expand(parse(MINI), parse(TEMPLATE)))
    assert "po/de.po: expanded from po/de.mini.po" in capsys.readouterr().out


def test_cli_project_mode_without_template_says_to_extract(tmp_path, monkeypatch, capsys):
    """Without the project's template, expand exits 1 and points at minipo extract."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", MINI)
    monkeypatch.chdir(tmp_path)
    assert main(["expand"]) == 1
    assert "minipo extract" in capsys.readouterr().err
    assert not (tmp_path / "po/de.po").exists()
