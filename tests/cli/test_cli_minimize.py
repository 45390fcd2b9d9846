"""`minipo minimize`: outputs beside the inputs, in place for .mini.po, refusals write nothing."""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING

import pytest

from gnu import require
from hatch_minipo.cli import main
from hatch_minipo.cli.minimize import output_path
from po_samples import catalog_text

if TYPE_CHECKING:
    from pathlib import Path

HEADER = (
    '# German.\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)
FULL = HEADER + (
    '\n#: app.py:3\nmsgid "Zebra"\nmsgstr "Zebra"\n'
    '\n#: app.py:1\nmsgid "Hello"\nmsgstr "Hallo"\n'
    '\n#: app.py:2\nmsgid "Untranslated"\nmsgstr ""\n'
    '\n#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Unscharf"\n'
    '\n#~ msgid "Old"\n#~ msgstr "Alt"\n'
)
MINI = HEADER + '\nmsgid "Hello"\nmsgstr "Hallo"\n\nmsgid "Zebra"\nmsgstr "Zebra"\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_output_names():
    """X.po gives X.mini.po; a .mini.po is its own output; other names get .mini.po added."""
    from pathlib import Path  # noqa: PLC0415

    assert output_path(Path("po/de.po")) == Path("po/de.mini.po")
    assert output_path(Path("po/de.mini.po")) == Path("po/de.mini.po")
    assert output_path(Path("de.txt")) == Path("de.txt.mini.po")


def test_full_catalog_becomes_mini_beside_it(tmp_path, capsys):
    """X.po -> X.mini.po with the translated entries only, sorted, without locations."""
    source = write(tmp_path, "de.po", FULL)
    assert main(["minimize", str(source)]) == 0
    assert (tmp_path / "de.mini.po").read_text(encoding="utf-8") == MINI
    assert source.read_text(encoding="utf-8") == FULL
    assert f"{tmp_path / 'de.mini.po'}: minimized from {source}" in capsys.readouterr().out


@pytest.mark.oracle
def test_output_equals_msgattrib(tmp_path):
    """What the command writes is what msgattrib writes, for made-up full catalogs."""
    msgattrib = require("msgattrib")
    for seed in range(5):
        source = write(tmp_path, f"c{seed}.po", catalog_text(seed))
        assert main(["minimize", "--width", "60", str(source)]) == 0
        gnu = subprocess.run(
            [
                msgattrib,
                "--force-po",
                "--translated",
                "--no-fuzzy",
                "--no-obsolete",
                "--no-location",
                "--sort-output",
                "--width=60",
                str(source),
            ],
            capture_output=True,
            check=True,
        ).stdout
        assert (tmp_path / f"c{seed}.mini.po").read_bytes() == gnu


def test_output_option(tmp_path):
    """-o names the output of one input."""
    source = write(tmp_path, "de.po", FULL)
    assert main(["minimize", str(source), "-o", str(tmp_path / "out.po")]) == 0
    assert (tmp_path / "out.po").read_text(encoding="utf-8") == MINI
    assert not (tmp_path / "de.mini.po").exists()


def test_output_option_with_two_inputs_is_a_usage_error(tmp_path):
    """-o with several inputs exits 2 and writes nothing."""
    a, b = write(tmp_path, "a.po", FULL), write(tmp_path, "b.po", FULL)
    with pytest.raises(SystemExit) as exc:
        main(["minimize", str(a), str(b), "-o", str(tmp_path / "x.po")])
    assert exc.value.code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po", "b.po"]


def test_mini_po_minimized_in_place(tmp_path):
    """A .mini.po with leftovers is rewritten in place (the pre-commit fixer's way)."""
    path = write(tmp_path, "de.mini.po", FULL)
    assert main(["minimize", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == MINI
    assert [p.name for p in tmp_path.iterdir()] == ["de.mini.po"]


def test_idempotent_and_untouched_when_minimal(tmp_path, capsys):
    """Minimizing a minimal file changes nothing, not even its time stamp, and says nothing."""
    path = write(tmp_path, "de.mini.po", MINI)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert main(["minimize", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == MINI
    assert path.stat().st_mtime == 1_000_000_000
    assert capsys.readouterr().out == ""


def test_syntax_error_refuses_and_writes_nothing(tmp_path, capsys):
    """A file that does not parse exits 1 with its line; no output; other files still done."""
    bad = write(tmp_path, "de.po", FULL + '\nmsgid "x\nmsgstr "y"\n')
    good = write(tmp_path, "fr.po", FULL)
    assert main(["minimize", str(bad), str(good)]) == 1
    assert f"{bad}:26: end-of-line within string" in capsys.readouterr().err
    assert not (tmp_path / "de.mini.po").exists()
    assert (tmp_path / "fr.mini.po").exists()


def test_refused_mini_po_keeps_its_bytes(tmp_path):
    """A broken .mini.po is left exactly as it was."""
    text = MINI + '\nmsgid "x"\nmsgid "y"\n'
    path = write(tmp_path, "de.mini.po", text)
    assert main(["minimize", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == text


def test_format_problems_are_warnings(tmp_path, capsys):
    """A translation whose placeholders do not match is minimized anyway, with a warning."""
    text = HEADER + '\n#, python-format\nmsgid "%(name)s"\nmsgstr "%(nom)s"\n'
    source = write(tmp_path, "de.po", text)
    assert main(["minimize", str(source)]) == 0
    assert f"{source}:" in capsys.readouterr().err
    assert "%(nom)s" in (tmp_path / "de.mini.po").read_text(encoding="utf-8")


def test_template_drops_entries_it_lost(tmp_path, capsys):
    """--template keeps only the entries the template still has, and says which it dropped."""
    source = write(tmp_path, "de.po", FULL)
    template = write(tmp_path, "app.pot", 'msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n')
    assert main(["minimize", "--template", str(template), str(source)]) == 0
    text = (tmp_path / "de.mini.po").read_text(encoding="utf-8")
    assert "Hello" in text
    assert "Zebra" not in text
    assert f"{source}:8: warning: not in the template any more: dropped" in capsys.readouterr().err


def test_missing_template_refuses(tmp_path, capsys):
    """A --template that cannot be read exits 1 and writes nothing."""
    source = write(tmp_path, "de.po", FULL)
    assert main(["minimize", "--template", str(tmp_path / "no.pot"), str(source)]) == 1
    assert "no.pot: cannot read" in capsys.readouterr().err
    assert not (tmp_path / "de.mini.po").exists()


def test_width_and_no_wrap(tmp_path):
    """--width N and --no-wrap decide where long strings break."""
    text = HEADER + f'\nmsgid "long"\nmsgstr "{"wort " * 20}"\n'
    source = write(tmp_path, "de.po", text)
    assert main(["minimize", "--no-wrap", str(source)]) == 0
    assert f'msgstr "{"wort " * 20}"' in (tmp_path / "de.mini.po").read_text(encoding="utf-8")
    assert main(["minimize", "--width", "30", str(source)]) == 0
    lines = (tmp_path / "de.mini.po").read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines if line.startswith('"wort')) <= 30


def test_project_mode(tmp_path, capsys, monkeypatch):
    """Without files: X.po beside each X.mini.po is minimized into it; a lone .mini.po is
    canonicalized in place; the project's template is used when it exists."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", MINI)
    write(tmp_path, "po/de.po", FULL)
    write(tmp_path, "po/fr.mini.po", FULL)
    write(tmp_path, "po/demo.pot", 'msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n')
    monkeypatch.chdir(tmp_path)
    assert main(["minimize"]) == 0
    only_hello = HEADER + '\nmsgid "Hello"\nmsgstr "Hallo"\n'
    assert (tmp_path / "po/de.mini.po").read_text(encoding="utf-8") == only_hello
    assert (tmp_path / "po/fr.mini.po").read_text(encoding="utf-8") == only_hello
    out = capsys.readouterr().out
    assert "po/de.mini.po: minimized from po/de.po" in out
    assert "po/fr.mini.po: minimized\n" in out


def test_project_mode_without_catalogs(tmp_path, capsys, monkeypatch):
    """A project with no catalog exits 1 and says where it looked."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    monkeypatch.chdir(tmp_path)
    assert main(["minimize"]) == 1
    assert "no catalogs found" in capsys.readouterr().err


def test_negative_width_is_a_usage_error(tmp_path, capsys):
    """--width below 0 exits 2 with the reason and writes nothing."""
    source = tmp_path / "de.po"
    source.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', "utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["minimize", "--width", "-1", str(source)])
    assert exc.value.code == 2
    assert "argument -w/--width: must be 0 (no limit) or more" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.po"]


def test_quiet_and_verbose(tmp_path, capsys):
    """-q prints problems only; -v also names what was left as it was."""
    source = write(tmp_path, "de.po", MINI)
    assert main(["minimize", "-q", str(source)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["minimize", "-v", str(source)]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'de.mini.po'}: unchanged\n"
    assert main(["check", "-v", str(tmp_path / "de.mini.po")]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'de.mini.po'}: ok\n"
    with pytest.raises(SystemExit):
        main(["minimize", "-q", "-v", str(source)])
