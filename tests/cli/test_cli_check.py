"""`minipo check`: canonical catalogs pass, anything minimize would change or compile refuses fails."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gnu import corpus_files
from hatch_minipo.cli import main

REPO = Path(__file__).resolve().parents[2]
CANONICAL = (
    "# German translation.\n"
    "#\n"
    'msgid ""\n'
    'msgstr ""\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    "\n"
    "#, python-format\n"
    'msgid "%(count)s files"\n'
    'msgstr "%(count)s Dateien"\n'
    "\n"
    'msgid "Hello"\n'
    'msgstr "Hallo"\n'
    "\n"
    'msgid "Open"\n'
    'msgstr "Öffnen"\n'
    "\n"
    'msgid "Wrap me, please."\n'
    'msgstr ""\n'
    '"Dieser Satz ist lang genug, dass GNU gettext ihn auf zwei Zeilen umbrechen "\n'
    '"muss."\n'
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def entries(text: str) -> list[str]:
    return text.split("\n\n")


def test_canonical_file_passes_silently(tmp_path, capsys):
    """A minimal, canonical catalog exits 0 and prints nothing."""
    path = write(tmp_path, "de.mini.po", CANONICAL)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr() == ("", "")


def test_corpus_files_that_gnu_keeps_pass(tmp_path, capsys):
    """Corpus catalogs pass, except those whose Plural-Forms line gettext 0.21 wraps anew."""
    results = {}
    for source in corpus_files():
        copy = tmp_path / source.parent.name / source.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, copy)
        results[f"{source.parent.name}/{source.name}"] = main(["check", str(copy)])
    failing = sorted(name for name, code in results.items() if code != 0)
    # Written by gettext 0.19/0.20, whose line breaking differed on these headers.
    assert failing == [
        "libvirt-glib/ru.mini.po",
        "libvirt-glib/uk.mini.po",
        "libvirt-sandbox/uk.mini.po",
        "virt-viewer/ru.mini.po",
        "virt-viewer/uk.mini.po",
    ]
    assert "Plural-Forms" in capsys.readouterr().out


def test_reordered_file_fails_with_a_diff(tmp_path, capsys):
    """Entries out of msgattrib's order fail; the diff names the file on both sides."""
    parts = entries(CANONICAL)
    path = write(tmp_path, "de.mini.po", "\n\n".join([parts[0], parts[2], parts[1], *parts[3:]]))
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"--- {path}\t(current)\n+++ {path}\t(minimized)\n@@ ")
    assert '-msgid "Hello"' in out
    assert '+msgid "Hello"' in out
    assert f"{path}: not minimal and canonical" in err


def test_rewrapped_file_fails(tmp_path, capsys):
    """A string wrapped differently from GNU fails, the diff shows the right wrapping."""
    text = CANONICAL.replace('umbrechen "\n"muss."', 'umbrechen muss."')
    assert text != CANONICAL
    path = write(tmp_path, "de.mini.po", text)
    assert main(["check", str(path)]) == 1
    assert '+"muss."' in capsys.readouterr().out


def test_fuzzy_entry_fails(tmp_path, capsys):
    """A fuzzy entry does not belong in a minimized catalog."""
    text = CANONICAL.replace('msgid "Hello"', '#, fuzzy\nmsgid "Hello"')
    path = write(tmp_path, "de.mini.po", text)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert '-#, fuzzy\n-msgid "Hello"\n-msgstr "Hallo"\n' in out


def test_untranslated_and_located_entries_fail(tmp_path):
    """An untranslated entry or a '#:' location makes the catalog not minimal."""
    untranslated = write(tmp_path, "a.mini.po", CANONICAL + '\nmsgid "Zoo"\nmsgstr ""\n')
    located = write(
        tmp_path, "b.mini.po", CANONICAL.replace('msgid "Hello"', '#: a.py:1\nmsgid "Hello"')
    )
    assert main(["check", str(untranslated)]) == 1
    assert main(["check", str(located)]) == 1


def test_compile_error_fails_without_diff(tmp_path, capsys):
    """What minipo compile refuses fails check, reported as path:line: message."""
    text = CANONICAL.replace('"%(count)s Dateien"', '"%(anzahl)s Dateien"')
    path = write(tmp_path, "de.mini.po", text)
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert re.search(rf"^{re.escape(str(path))}:10: ", err, re.MULTILINE)


def test_syntax_error_fails(tmp_path, capsys):
    """A catalog that does not parse fails with its line."""
    path = write(tmp_path, "de.mini.po", CANONICAL + '\nmsgid "x\nmsgstr "y"\n')
    assert main(["check", str(path)]) == 1
    assert f"{path}:23:" in capsys.readouterr().err


def test_check_writes_nothing(tmp_path):
    """check only reads: a failing file keeps its bytes and nothing appears beside it."""
    text = CANONICAL.replace('msgid "Hello"', '#, fuzzy\nmsgid "Hello"')
    path = write(tmp_path, "de.mini.po", text)
    main(["check", str(path)])
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["de.mini.po"]


def test_one_bad_file_fails_the_run(tmp_path, capsys):
    """Every file is checked; the exit is 1 if any fails and only that one is reported."""
    good = write(tmp_path, "de.mini.po", CANONICAL)
    bad = write(
        tmp_path, "fr.mini.po", CANONICAL.replace("#, python-format\n", "#, fuzzy, python-format\n")
    )
    assert main(["check", str(bad), str(good)]) == 1
    out = capsys.readouterr().out
    assert str(bad) in out
    assert str(good) not in out


def test_missing_file_fails(tmp_path, capsys):
    """A file that cannot be read fails and says so."""
    assert main(["check", str(tmp_path / "nope.mini.po")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_width_options(tmp_path):
    """A catalog minimized at another width passes only when check is told that width."""
    long_text = CANONICAL.replace(
        'msgstr ""\n"Dieser Satz ist lang genug, dass GNU gettext ihn auf zwei Zeilen umbrechen "\n'
        '"muss."\n',
        'msgstr "Dieser Satz ist lang genug, dass GNU gettext ihn auf zwei Zeilen umbrechen muss."\n',
    )
    path = write(tmp_path, "de.mini.po", long_text)
    assert main(["check", str(path)]) == 1
    assert main(["check", "--no-wrap", str(path)]) == 0
    assert main(["check", "--width", "120", str(path)]) == 0


def test_negative_width_is_a_usage_error(tmp_path):
    """--width below 0 exits 2."""
    path = write(tmp_path, "de.mini.po", CANONICAL)
    with pytest.raises(SystemExit) as exc:
        main(["check", "--width", "-1", str(path)])
    assert exc.value.code == 2


def test_diff_applies_with_patch(tmp_path, capsys, monkeypatch):
    """The printed diff, applied with patch -p0, gives the minimized file."""
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("patch is not installed")
    parts = entries(CANONICAL)
    text = "\n\n".join([parts[0], parts[3], parts[1], parts[2], *parts[4:]])
    path = write(tmp_path, "de.mini.po", text.replace('msgid "Open"', '#, fuzzy\nmsgid "Open"'))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "de.mini.po"]) == 1
    diff = capsys.readouterr().out
    subprocess.run(
        [patch, "-p0"], input=diff.encode(), cwd=tmp_path, check=True, capture_output=True
    )
    assert path.read_text(encoding="utf-8") == CANONICAL.replace(
        'msgid "Open"\nmsgstr "Öffnen"\n\n', ""
    )


def test_file_without_final_newline(tmp_path, capsys):
    """A missing final newline fails, and the diff says so as diff -u does."""
    path = write(tmp_path, "de.mini.po", CANONICAL.rstrip("\n"))
    assert main(["check", str(path)]) == 1
    assert "\\ No newline at end of file" in capsys.readouterr().out


def test_project_mode_checks_the_projects_catalogs(tmp_path, capsys, monkeypatch):
    """Without files, the catalogs the hook would compile are checked, named from the cwd."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", CANONICAL)
    write(tmp_path, "po/fr.mini.po", CANONICAL.replace('msgid "Hello"', '#, fuzzy\nmsgid "Hello"'))
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("--- po/fr.mini.po\t(current)\n")
    assert "de.mini.po" not in out


def test_project_mode_without_project(tmp_path, capsys, monkeypatch):
    """Without files and without pyproject.toml, check fails and says to name files."""
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert "no pyproject.toml" in capsys.readouterr().err


def test_pre_commit_hooks_run_real_commands():
    """The shipped hooks are minipo-check and minipo-minimize, on .mini.po files."""
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = dict(
        re.findall(r"^- id: (\S+)\n(?:  .*\n|    .*\n)*?  entry: (.+)$", text, re.MULTILINE)
    )
    assert hooks == {"minipo-check": "minipo check", "minipo-minimize": "minipo minimize"}
    assert text.count("files: \\.mini\\.po$") == 2


MIN_TEMPLATE = (
    'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""\n\nmsgid "c"\nmsgstr ""\n\nmsgid "d"\nmsgstr ""\n'
)
MIN_MINI = (
    'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr "B"\n\nmsgid "c"\nmsgstr "C"\n'
)


def test_min_percent_fails_catalogs_below_it(tmp_path, capsys):
    """--min-percent 80 with 3 of 4 messages translated: the catalog fails, saying why."""
    template = tmp_path / "t.pot"
    template.write_text(MIN_TEMPLATE, encoding="utf-8")
    mini = tmp_path / "de.mini.po"
    mini.write_text(MIN_MINI, encoding="utf-8")
    assert main(["check", "--min-percent", "75", "-t", str(template), str(mini)]) == 0
    assert main(["check", "--min-percent", "80", "-t", str(template), str(mini)]) == 1
    assert capsys.readouterr().err == (
        f"{mini}: 75.0% of the template translated, below --min-percent 80\n"
    )


def test_min_percent_needs_a_template_and_a_percentage(tmp_path, capsys):
    """Without a template it says where to get one; a value outside 0..100 is a usage error."""
    mini = tmp_path / "de.mini.po"
    mini.write_text(MIN_MINI, encoding="utf-8")
    assert main(["check", "--min-percent", "50", str(mini)]) == 1
    assert "--min-percent needs a template: -t POT, or run minipo extract" in (
        capsys.readouterr().err
    )
    with pytest.raises(SystemExit) as caught:
        main(["check", "--min-percent", "150", str(mini)])
    assert caught.value.code == 2
