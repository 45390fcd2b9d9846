"""Hostile projects: files that are not catalogs, links back up, case collisions, leftovers of
killed builds, and workers that outlive their parent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

from aborts import aborted
from hatch_minipo.project.discovery import DiscoveryError

POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and signals need POSIX")


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.delenv("MINIPO_LANGUAGES", raising=False)
    return folder


@pytest.fixture
def flat(tmp_path: Path, copy_project: Callable[[str, Path], Path]) -> Path:
    return copy_project("flat", tmp_path)


def wheel(root: Path) -> list[str]:
    (artifact,) = WheelBuilder(str(root)).build(directory=str(root.parent / "dist"))
    with zipfile.ZipFile(artifact) as archive:
        return archive.namelist()


@POSIX
def test_fifo_named_like_a_catalog_fails_at_once(flat):
    """A FIFO po/it.mini.po: the build, compile and check refuse it instead of waiting forever."""
    os.mkfifo(flat / "po" / "it.mini.po")
    with aborted(DiscoveryError, match=r"^po/it\.mini\.po: cannot read: not a regular file$"):
        wheel(flat)
    for command in (["compile", "-o", str(flat / "it.mo")], ["check"]):
        args = [sys.executable, "-m", "hatch_minipo", command[0], str(flat / "po" / "it.mini.po")]
        result = subprocess.run(
            args + command[1:], capture_output=True, text=True, timeout=30, check=False
        )
        assert result.returncode == 1
        assert result.stderr.endswith("it.mini.po: cannot read: not a regular file\n")
    assert not (flat / "it.mo").exists()


def test_folder_named_like_a_catalog_is_reported(flat):
    """A folder po/it.mini.po is named, not silently ignored."""
    (flat / "po" / "it.mini.po").mkdir()
    with aborted(DiscoveryError, match=r"^po/it\.mini\.po: a folder, not a catalog$"):
        wheel(flat)


@POSIX
def test_link_back_up_the_tree_is_refused(tmp_path, copy_project):
    """po/up -> .. would find every catalog again under po/up/: refused, naming the link."""
    root = copy_project("in-package", tmp_path)
    (root / "po").mkdir()
    (root / "po" / "up").symlink_to("..", target_is_directory=True)
    with aborted(DiscoveryError, match=r"^po/up: a link to .*, a folder above it$"):
        wheel(root)


def test_targets_differing_only_in_case_are_refused(tmp_path, copy_project):
    """App.mo and app.mo are one file on macOS and Windows: refused before either ships."""
    root = copy_project("in-package", tmp_path)
    folder = root / "alpha" / "locale" / "de" / "LC_MESSAGES"
    shutil.copyfile(folder / "alpha.mini.po", folder / "Alpha.mini.po")
    with aborted(DiscoveryError, match=r"one file on case-insensitive file systems"):
        wheel(root)


def test_leftover_temporary_file_is_not_shipped(flat):
    """A .tmp a killed editable build left beside a .mo stays out of the wheel and the sdist."""
    folder = flat / "src" / "flat_demo" / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / ".flat_demo.mo.999999999.0badf00d.tmp").write_bytes(b"half a catalog")
    names = wheel(flat)
    assert not [name for name in names if name.endswith(".tmp")]
    (sdist,) = SdistBuilder(str(flat)).build(directory=str(flat.parent / "dist"))
    with tarfile.open(sdist) as archive:
        assert not [name for name in archive.getnames() if name.endswith(".tmp")]


@POSIX
def test_temporary_folder_of_a_killed_build_is_swept(flat, private_tempdir):
    """The next build removes hatch-minipo-<pid>-* folders whose process is gone."""
    dead = private_tempdir / "hatch-minipo-999999999-abc"
    (dead / "flat_demo").mkdir(parents=True)
    alive = private_tempdir / f"hatch-minipo-{os.getpid()}-abc"
    alive.mkdir()
    wheel(flat)
    assert not dead.exists()
    assert alive.exists()


_KILLED_PARENT = textwrap.dedent(
    """
    import sys
    from hatch_minipo.compiler import compile_many
    entry = 'msgid "m{}"\\nmsgstr "t{}"\\n\\n'
    data = ('msgid ""\\nmsgstr "Content-Type: text/plain; charset=UTF-8\\\\n"\\n\\n'
            + "".join(entry.format(i, i) for i in range(40000))).encode()
    print("started", flush=True)
    compile_many([(data, f"c{i}.po", "de") for i in range(400)], workers=2)
    """
)
# The same through a subcommand's own pool (minipo check -j 2 over files it reads).
_KILLED_CLI = textwrap.dedent(
    """
    import sys, pathlib
    from hatch_minipo.cli import main
    entry = 'msgid "m{:06}"\\nmsgstr "t{}"\\n\\n'
    data = ('msgid ""\\nmsgstr "Content-Type: text/plain; charset=UTF-8\\\\n"\\n\\n'
            + "".join(entry.format(i, i) for i in range(10000))).encode()
    folder = pathlib.Path(sys.argv[1])
    for i in range(100):
        (folder / f"c{i}.mini.po").write_bytes(data)
    print("started", flush=True)
    main(["check", "-q", "-j", "2", *map(str, sorted(folder.iterdir()))])
    """
)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has yet to collect it


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("script", [_KILLED_PARENT, _KILLED_CLI], ids=["build", "cli"])
def test_workers_end_when_their_parent_is_killed(script, tmp_path):
    """SIGKILL on the compiling process: its workers end within seconds, not minutes."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "started"
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = _children(process.pid)
            time.sleep(0.1)
        assert len(workers) >= 2
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


@POSIX
def test_hostile_file_names_are_escaped_not_obeyed(flat, capsys):
    """A catalog named with a terminal escape or undecodable bytes: named, escaped, no crash."""
    (flat / "po" / "\x1b[31mred.mini.po").write_bytes(b"")
    os.close(os.open(os.fsencode(flat / "po") + b"/\xff.mini.po", os.O_CREAT | os.O_WRONLY))
    with aborted(DiscoveryError):
        wheel(flat)
    shown = capsys.readouterr()
    message = shown.out + shown.err
    assert "\x1b" not in message
    assert "po/\\x1b[31mred.mini.po: " in message
    assert "po/\\xff.mini.po: " in message


@POSIX
def test_cli_prints_hostile_names_escaped(flat, capsys, monkeypatch):
    """minipo check on such files prints each name escaped, whatever the output encoding."""
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    bad = os.fsencode(flat / "po") + b"/\xff\x1b[2J.mini.po"
    os.mkfifo(bad)
    result = subprocess.run(
        [sys.executable, "-m", "hatch_minipo", "check", os.fsdecode(bad)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert b"\x1b" not in result.stderr
    assert result.stderr.endswith(b"\\xff\\x1b[2J.mini.po: cannot read: not a regular file\n")
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_workers_start_with_every_start_method(method):
    """The parent watch works whether workers are forked, spawned or forked by a server."""
    import multiprocessing  # noqa: PLC0415

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    script = textwrap.dedent(
        f"""
        import multiprocessing, sys
        from hatch_minipo.compiler import compile_many
        data = b'msgid ""\\nmsgstr "Content-Type: text/plain; charset=UTF-8\\\\n"\\n'
        if __name__ == "__main__":
            multiprocessing.set_start_method({method!r})
            results = compile_many([(data, f"x{{i}}.po", "de") for i in range(50)], workers=2)
            print(sum(r.mo is not None for r in results))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "50"
