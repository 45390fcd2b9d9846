"""Broken catalogs: refused with the exact ``path:line: message``, no traceback, nothing written.

``bad_catalogs/`` holds one broken catalog per file and ``expected.txt`` everything
``minipo compile`` prints for them, in file-name order (to regenerate after a deliberate
change of wording: ``minipo compile -j 1 *.mini.po 2> expected.txt`` there, then review each
line).  ``msgfmt -c`` refuses all of them but ``STRICTER_THAN_MSGFMT``, which would break at
run time all the same: Python's gettext cannot load them or computes them wrong, or msgfmt
silently cuts a string at a NUL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from e2e import PIP, leftovers, run, snapshot
from gnu import require
from hatch_minipo.cli import main

BAD = Path(__file__).resolve().parent / "bad_catalogs"
NAMES = sorted(path.name for path in BAD.glob("*.mini.po"))
STRICTER_THAN_MSGFMT = {
    "charset-not-ascii-compatible.mini.po",
    "charset-placeholder.mini.po",
    "header-not-utf-8.mini.po",
    "header-with-plural.mini.po",
    "nul-escape.mini.po",
    "nul-in-string.mini.po",
    "plural-forms-python-misreads.mini.po",
    "plural-forms-variable-divisor.mini.po",
    "unknown-charset.mini.po",
}


def expected_lines() -> dict[str, list[str]]:
    """What ``minipo compile`` prints for each catalog, from ``expected.txt``."""
    lines: dict[str, list[str]] = {}
    for line in (BAD / "expected.txt").read_text(encoding="utf-8").splitlines():
        lines.setdefault(line.split(":", 1)[0], []).append(line)
    return lines


EXPECTED = expected_lines()


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder``, hidden ones included, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def bad_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the broken catalogs, made the current folder (messages name files as given)."""
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder, ignore=shutil.ignore_patterns("expected.txt"))
    monkeypatch.chdir(folder)
    return folder


def test_the_suite_covers_every_kind_of_breakage():
    """At least 30 catalogs, each with at least one expected error, and no stray expectation."""
    assert len(NAMES) >= 30
    assert sorted(EXPECTED) == NAMES
    for name in NAMES:
        assert any(": warning: " not in line for line in EXPECTED[name]), name


@pytest.mark.parametrize("name", NAMES)
def test_compile_refuses(name, bad_folder, capsys):
    """`minipo compile` exits 1, prints exactly the expected lines, no traceback, writes nothing."""
    before = listing(bad_folder)
    assert main(["compile", name]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == EXPECTED[name]
    assert listing(bad_folder) == before


@pytest.mark.parametrize("name", NAMES)
def test_check_refuses(name, bad_folder, capsys):
    """`minipo check` exits 1 with the same lines and no diff, and writes nothing."""
    before = listing(bad_folder)
    assert main(["check", name]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == EXPECTED[name]
    assert listing(bad_folder) == before


@pytest.mark.parametrize("command", ["compile", "check"])
def test_real_process_over_every_catalog(command, bad_folder):
    """One real `minipo` process over all of them: exit 1, every line, no traceback, no file."""
    before = listing(bad_folder)
    result = subprocess.run(
        [sys.executable, "-m", "hatch_minipo", command, *NAMES],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stdout + result.stderr
    assert result.stdout == b""
    assert result.stderr.decode() == (BAD / "expected.txt").read_text(encoding="utf-8")
    assert listing(bad_folder) == before


@pytest.mark.oracle
def test_msgfmt_refuses_all_but_the_run_time_breakages(tmp_path):
    """msgfmt -c refuses every catalog except the documented ones we are stricter about."""
    msgfmt = require("msgfmt")
    accepted = {
        name
        for name in NAMES
        if subprocess.run(
            [msgfmt, "-c", "-o", str(tmp_path / "out.mo"), str(BAD / name)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    }
    assert accepted == STRICTER_THAN_MSGFMT


AUDIT = textwrap.dedent(
    """
    import sys
    from hatch_minipo.cli import main

    # A first run imports every module it needs: imports exec module code, and dataclasses
    # and namedtuples compile strings.  The second run is watched; both must refuse.
    first = main(["compile", sys.argv[1]])
    seen = []

    def hook(event, args):
        if event in {"compile", "exec"}:
            code = args[0]
            name = getattr(code, "co_filename", args[1] if len(args) > 1 else "")
            if str(name).startswith("<"):  # code made from a string, not a module
                seen.append(event)
        elif event.startswith(("os.system", "os.exec", "os.posix_spawn", "os.spawn",
                               "subprocess.", "os.fork", "ctypes.")):
            seen.append(event)

    sys.addaudithook(hook)
    second = main(["compile", sys.argv[1]])
    print(first, second, seen)
    """
)


def test_plural_forms_code_is_never_run(bad_folder):
    """`__import__("os").system(...)` in Plural-Forms: refused; no eval, exec or process."""
    name = "plural-forms-python-code.mini.po"
    assert (
        b'__import__(\\"os\\").system(\\"touch minipo-was-here\\")'
        in (bad_folder / name).read_bytes()
    )
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, name],
        capture_output=True,
        text=True,
        check=False,
        cwd=bad_folder,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.stdout.strip() == "1 1 []", result.stderr
    assert not (bad_folder / "minipo-was-here").exists()
    assert "invalid plural expression" in result.stderr


PYPROJECT = """\
[build-system]
requires = ["hatchling", "hatch-minipo"]
build-backend = "hatchling.build"

[project]
name = "bad-catalogs"
version = "1.0"

[tool.hatch.build.hooks.minipo]
"""


@pytest.mark.slow
def test_project_with_every_broken_catalog_fails_its_build(
    tmp_path: Path, build_env: dict[str, str]
):
    """A real build of a project holding them all fails, naming every line, leaving nothing."""
    root = tmp_path / "project"
    locale = root / "bad_catalogs" / "locale" / "de" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (root / "bad_catalogs" / "__init__.py").write_text("", encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for name in NAMES:
        shutil.copyfile(BAD / name, locale / name)
    before = snapshot(root)
    out = tmp_path / "out"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = run(
        [*PIP, "wheel", "--no-deps", "-w", str(out), "."],
        cwd=root,
        env={**build_env, "TMPDIR": str(temporary)},
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"minipo refused {len(NAMES)} of {len(NAMES)} catalogs" in output, output
    prefix = "bad_catalogs/locale/de/LC_MESSAGES/"
    shown = {line.strip() for line in output.splitlines()}
    missing = [line for lines in EXPECTED.values() for line in lines if prefix + line not in shown]
    assert missing == []
    assert not out.exists() or not list(out.iterdir())
    assert snapshot(root) == before
    assert leftovers(temporary) == []


@pytest.mark.parametrize("command", ["compile", "check"])
def test_unreadable_inputs_are_named_not_raised(command, tmp_path, monkeypatch, capsys):
    """A folder named like a catalog and a dangling link: `path: cannot read: why`, exit 1."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.mini.po").mkdir()
    if os.name == "posix":
        (tmp_path / "dangling.mini.po").symlink_to("nowhere.mini.po")
    names = sorted(path.name for path in tmp_path.iterdir())
    before = sorted(tmp_path.iterdir())
    assert main([command, *names]) == 1
    err = capsys.readouterr().err
    assert "folder.mini.po: cannot read: " in err
    assert os.name != "posix" or "dangling.mini.po: cannot read: " in err
    assert "Traceback" not in err
    assert sorted(tmp_path.iterdir()) == before


def test_unwritable_outputs_are_named_and_leave_nothing(tmp_path, monkeypatch, capsys):
    """An output that is a folder, or in a missing folder: `path: cannot write: why`, no temp."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "de.mini.po"
    source.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
    (tmp_path / "de.mo").mkdir()
    assert main(["compile", "de.mini.po"]) == 1
    assert main(["compile", "de.mini.po", "-o", str(tmp_path / "missing" / "de.mo")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("de.mo: cannot write: ")
    assert err[1].startswith(f"{tmp_path / 'missing' / 'de.mo'}: cannot write: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.mini.po", "de.mo"]
    assert list((tmp_path / "de.mo").iterdir()) == []
