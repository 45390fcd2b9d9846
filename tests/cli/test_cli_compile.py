"""`minipo compile`: outputs, exit codes, refusals that leave nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from hatch_minipo.cli import main
from hatch_minipo.compiler import compile_many

if TYPE_CHECKING:
    from pathlib import Path

GOOD = (
    'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Hello"\nmsgstr "Hallo"\n'
)
BROKEN = GOOD + '\nmsgid "Bye\nmsgstr "Tschüss"\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_writes_mo_beside_each_catalog(tmp_path):
    """X.mini.po and X.po both become X.mo beside them."""
    mini = write(tmp_path, "de.mini.po", GOOD)
    full = write(tmp_path, "fr.po", GOOD)
    assert main(["compile", str(mini), str(full)]) == 0
    assert (tmp_path / "de.mo").read_bytes().startswith(b"\xde\x12\x04\x95")
    assert (tmp_path / "fr.mo").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.mini.po", "de.mo", "fr.mo", "fr.po"]


def test_output_option(tmp_path):
    """-o names the output of a single input."""
    source = write(tmp_path, "de.mini.po", GOOD)
    assert main(["compile", str(source), "-o", str(tmp_path / "out.mo")]) == 0
    assert (tmp_path / "out.mo").exists()
    assert not (tmp_path / "de.mo").exists()


def test_output_option_with_two_inputs_is_a_usage_error(tmp_path, capsys):
    """-o with several inputs exits 2 and writes nothing."""
    a, b = write(tmp_path, "a.po", GOOD), write(tmp_path, "b.po", GOOD)
    with pytest.raises(SystemExit) as exc:
        main(["compile", str(a), str(b), "-o", str(tmp_path / "x.mo")])
    assert exc.value.code == 2
    assert "-o/--output takes exactly one input file" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.mo"))


def test_refused_file_leaves_nothing_others_still_compile(tmp_path, capsys):
    """A refused catalog exits 1, says where, writes no .mo; the good one is still written."""
    bad = write(tmp_path, "de.mini.po", BROKEN)
    good = write(tmp_path, "fr.mini.po", GOOD)
    assert main(["compile", str(bad), str(good)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:7: end-of-line within string" in err
    assert not (tmp_path / "de.mo").exists()
    assert (tmp_path / "fr.mo").exists()


def test_refusal_replaces_no_existing_output(tmp_path):
    """A refused catalog leaves an older .mo untouched rather than half-written."""
    bad = write(tmp_path, "de.po", BROKEN)
    (tmp_path / "de.mo").write_bytes(b"old")
    assert main(["compile", str(bad)]) == 1
    assert (tmp_path / "de.mo").read_bytes() == b"old"


def test_missing_file(tmp_path, capsys):
    """An unreadable input is reported by path and exits 1."""
    assert main(["compile", str(tmp_path / "nope.po")]) == 1
    assert "nope.po: cannot read:" in capsys.readouterr().err


def test_check_levels(tmp_path, capsys):
    """--check strict refuses what msgfmt -c refuses; errors only warns about it."""
    text = GOOD + '\n#, python-format\nmsgid "%(a)s %(b)s"\nmsgstr "%(a)s"\n'
    source = write(tmp_path, "de.po", text)
    message = "a format specification for argument 'b' doesn't exist in 'msgstr'"
    assert main(["compile", str(source)]) == 0
    assert f"{source}:9: warning: {message}" in capsys.readouterr().err
    (tmp_path / "de.mo").unlink()
    assert main(["compile", "--check", "strict", str(source)]) == 1
    assert f"{source}:9: {message}" in capsys.readouterr().err
    assert not (tmp_path / "de.mo").exists()


def test_parallel_output_does_not_depend_on_workers(tmp_path):
    """Compiling many files with 1 or 2 workers gives the same bytes."""
    sources = [
        write(tmp_path, f"l{i}.po", GOOD + f'\nmsgid "n{i}"\nmsgstr "{i}"\n') for i in range(12)
    ]
    assert main(["compile", "-j", "1", *map(str, sources)]) == 0
    first = {p.name: p.read_bytes() for p in tmp_path.glob("*.mo")}
    for path in tmp_path.glob("*.mo"):
        path.unlink()
    assert main(["compile", "-j", "2", *map(str, sources)]) == 0
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.mo")} == first
    assert len(first) == 12


def test_python_m_runs_without_traceback(tmp_path):
    """python -m hatch_minipo reports a broken catalog without a traceback."""
    bad = write(tmp_path, "de.po", "\x00\x01garbage\xff")
    result = subprocess.run(
        [sys.executable, "-m", "hatch_minipo", "compile", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}:1:" in result.stderr


def _catalogs(count: int, entries: int) -> list[tuple[bytes, str, None]]:
    jobs = []
    for number in range(count):
        body = "".join(f'\nmsgid "m{n}"\nmsgstr "Ü{number} {n}"\n' for n in range(entries))
        jobs.append(((GOOD + body).encode(), f"l{number}.po", None))
    return jobs


def test_few_catalogs_are_compiled_without_workers(monkeypatch):
    """Under 2 MB of catalogs, no worker process is started: it would cost more than it saves."""
    import concurrent.futures  # noqa: PLC0415

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    results = compile_many(_catalogs(20, 200))
    assert [r.ok for r in results] == [True] * 20


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no workers to share with")
def test_many_catalogs_are_shared_among_workers_with_the_same_bytes(monkeypatch):
    """From 2 MB on, workers share the catalogs; the .mo files are those of one process."""
    import concurrent.futures  # noqa: PLC0415

    pools = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    jobs = _catalogs(8, 12_000)
    assert sum(len(data) for data, _, _ in jobs) > 2_000_000
    shared = compile_many(jobs)
    assert pools == [min(8, os.cpu_count() or 1)]
    alone = compile_many(jobs, workers=1)
    assert [r.mo for r in shared] == [r.mo for r in alone]
    assert [r.path for r in shared] == [f"l{n}.po" for n in range(8)]


def test_compiled_catalogs_are_not_synced_nor_rewritten(tmp_path, monkeypatch):
    """A .mo is derived: written without fsync, and an unchanged one keeps its time stamp."""
    import os  # noqa: PLC0415

    source = tmp_path / "de.mini.po"
    source.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    assert main(["compile", str(source)]) == 0
    target = tmp_path / "de.mo"
    stamp = 1_000_000_000
    os.utime(target, (stamp, stamp))
    assert main(["compile", str(source)]) == 0
    assert target.stat().st_mtime == stamp
    assert synced == []
    # A catalog the user edits is still flushed to disk before it replaces the old one.
    source.write_bytes(source.read_bytes() + b'\nmsgid "b"\nmsgstr "c"\n\nmsgid "a"\nmsgstr "d"\n')
    assert main(["minimize", str(source)]) == 0
    assert len(synced) == 1
