"""-j on every subcommand: the same files and the same output whatever N; progress on a tty."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from hatch_minipo.cli import main

if TYPE_CHECKING:
    from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
TEMPLATE = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
    f'#: app.py:{i}\nmsgid "m{i}"\nmsgstr ""\n\n' for i in range(8)
)


def tree(root: Path) -> list[Path]:
    """Nine catalogs: canonical ones, one not minimal, one broken, in that mix."""
    files = []
    for i in range(9):
        body = "".join(f'msgid "m{k}"\nmsgstr "ü{k}"\n\n' for k in range(i % 4 + 1))
        if i == 4:
            body = 'msgid "m1"\nmsgstr "x"\n\nmsgid "m0"\nmsgstr "y"\n\n'  # not sorted
        if i == 7:
            body = 'msgid "m0"\nmsgstr "unterminated\n'
        path = root / f"c{i}.mini.po"
        path.write_text(HEADER + body.rstrip("\n") + "\n", encoding="utf-8")
        files.append(path)
    (root / "t.pot").write_text(TEMPLATE, encoding="utf-8")
    return files


COMMANDS = {
    "check": ["check"],
    "stats": ["stats", "-t", "t.pot"],
    "expand": ["expand", "-t", "t.pot"],
    "minimize": ["minimize"],
    "compile": ["compile"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_and_files_do_not_depend_on_jobs(tmp_path, monkeypatch, capsysbinary, command):
    """-j 1 and -j 3 print the same bytes, in file order, exit alike and write the same files."""
    seen = []
    for jobs in ("1", "3"):
        root = tmp_path / jobs
        root.mkdir()
        files = tree(root)
        monkeypatch.chdir(root)
        code = main([*COMMANDS[command], "-j", jobs, *(p.name for p in files)])
        out, err = capsysbinary.readouterr()
        written = {p.name: p.read_bytes() for p in sorted(root.iterdir())}
        seen.append((code, out, err, written))
    assert seen[0] == seen[1]
    code, out, err, _ = seen[0]
    assert code == 1  # c7 is broken
    assert b"c7.mini.po:" in err
    names = [line.split(b":")[0] for line in err.splitlines() if line.startswith(b"c")]
    assert names == sorted(names)  # problems come in the order of the files


def test_jobs_must_be_a_sensible_count(capsys):
    """-j 0 and -j many are usage errors, named as such."""
    for value in ("0", "5000", "x"):
        with pytest.raises(SystemExit) as exc:
            main(["check", "-j", value, "x.mini.po"])
        assert exc.value.code == 2
        assert "must be a whole number from 1 to 1024" in capsys.readouterr().err


def _stderr_on_a_terminal(args: list[str], cwd: Path) -> bytes:
    """Run minipo with stderr on a pseudo-terminal; what reached the terminal."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "hatch_minipo", *args],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=follower,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) in (0, 1)
    finally:
        os.close(leader)
    return b"".join(chunks)


def test_progress_line_on_a_terminal_only(tmp_path):
    """On a tty stderr counts the files done and ends cleared; a pipe gets no progress."""
    files = [p.name for p in tree(tmp_path)]
    shown = _stderr_on_a_terminal(["check", "-j", "2", *files], tmp_path)
    assert b"\r\x1b[Kminipo check: 1/9" in shown
    assert b"minipo check: 8/9" in shown
    assert shown.endswith(b"\r\x1b[K")  # nothing left on the line
    assert b"c7.mini.po:8: " in shown  # problems still printed, on lines of their own
    piped = subprocess.run(
        [sys.executable, "-m", "hatch_minipo", "check", *files],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert b"\x1b[K" not in piped.stderr
    assert b"c7.mini.po:8: " in piped.stderr
    quiet = _stderr_on_a_terminal(["check", "-q", *files], tmp_path)
    assert b"minipo check:" not in quiet
