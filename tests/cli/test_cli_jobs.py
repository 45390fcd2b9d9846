"""-j on every subcommand: the same files and the same output whatever N; progress on a tty."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from hatch_minipo.cli import jobs, main

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
    for count in ("1", "3"):
        root = tmp_path / count
        root.mkdir()
        files = tree(root)
        monkeypatch.chdir(root)
        code = main([*COMMANDS[command], "-j", count, *(p.name for p in files)])
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


def test_one_stream_gets_the_same_interleaving_whatever_jobs(tmp_path):
    """stdout and stderr on one pipe (2>&1): warnings, diffs and messages in the same order."""
    files = [p.name for p in tree(tmp_path)]
    (tmp_path / "c1.mini.po").write_text(
        HEADER + 'msgid "m0"\nmsgstr "x"\n\n'
        '#, python-format\nmsgid "%(a)s %(b)s"\nmsgstr "%(a)s"\n',
        encoding="utf-8",
    )  # one job: a warning (stderr), a diff (stdout), a message (stderr)
    seen = []
    for count in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-m", "hatch_minipo", "check", "-j", count, *files],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
        )
        seen.append(run.stdout)
    assert seen[0] == seen[1]
    out = seen[0]
    warning = out.index(b"c1.mini.po:12: warning:")
    assert warning < out.index(b"+++ c1.mini.po") < out.index(b"c1.mini.po: not minimal")


def test_jobs_writing_what_others_read_share_one_process(tmp_path):
    """An output that is another job's input or output: one process, whatever -j says."""
    mini, full, other = tmp_path / "de.mini.po", tmp_path / "de.po", tmp_path / "fr.po"
    assert jobs.workers_for([mini, full], 2, [mini, mini]) == 1
    assert jobs.workers_for([full, mini], 2, [mini, mini]) == 1
    assert jobs.workers_for([full, other], 2, [tmp_path / "de.mo", tmp_path / "fr.mo"]) == 2
    assert jobs.workers_for([mini], 2, [mini]) == 2  # in place: its own input only


def test_a_job_reading_another_jobs_output_runs_after_it(tmp_path, monkeypatch):
    """minimize de.po de.mini.po with -j 2: in order, so de.po's news are kept."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "de.mini.po").write_text(HEADER + 'msgid "m0"\nmsgstr "alt"\n', encoding="utf-8")
    (tmp_path / "de.po").write_text(HEADER + 'msgid "m0"\nmsgstr "neu"\n', encoding="utf-8")
    assert main(["minimize", "-j", "2", "de.po", "de.mini.po"]) == 0
    assert 'msgstr "neu"' in (tmp_path / "de.mini.po").read_text(encoding="utf-8")


def test_outputs_reached_through_links_are_entangled(tmp_path):
    """An output that is another job's input through a linked folder or file: one process."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    for name in ("a.po", "b.po", "c.po"):
        (real / name).write_text("", encoding="utf-8")
    (tmp_path / "c-link.po").symlink_to(real / "c.po")
    assert jobs._entangled([real / "a.po", real / "b.po"], [tmp_path / "link" / "b.po", real / "x"])
    assert jobs._entangled([real / "a.po", real / "c.po"], [tmp_path / "c-link.po", real / "y"])
    assert jobs._entangled([real / "a.po", real / "b.po"], [real / "o", tmp_path / "link" / "o"])
    assert not jobs._entangled(
        [real / "a.po", real / "b.po"], [tmp_path / "link" / "a.mo", real / "b.mo"]
    )


def test_files_the_cache_has_settled_start_no_workers(tmp_path):
    """2 MB of catalogs the cache remembers at their size are no reason for a pool."""
    files = []
    for index in range(2):
        path = tmp_path / f"{index}.po"
        path.write_bytes(b"#" * jobs.PARALLEL_BYTES)
        files.append(path)
    assert jobs.workers_for(files, None, settled=lambda path, size: True) == 1
    expected = os.cpu_count() or 1
    assert jobs.workers_for(files, None, settled=lambda path, size: path.name == "0.po") == expected
    assert jobs.workers_for(files, None) == expected
