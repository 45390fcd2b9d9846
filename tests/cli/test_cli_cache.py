"""A second run over unchanged files skips the work, says what a full run says, writes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from hatch_minipo.cli import cache, common, main
from hatch_minipo.po import reader

if TYPE_CHECKING:
    from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
# A translation with a plural form too many: a warning every run must print.
EXTRA_FORM = (
    'msgid "a file"\nmsgid_plural "files"\nmsgstr[0] "eine"\nmsgstr[1] "zwei"\nmsgstr[2] "x"\n'
)
TEMPLATE = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
    f'#: app.py:{i}\nmsgid "m{i}"\nmsgstr ""\n\n' for i in range(6)
)


def tree(root: Path) -> list[Path]:
    """Four minimized catalogs, one with a warning, and a template."""
    files = []
    for i in range(4):
        body = "".join(f'msgid "m{k}"\nmsgstr "ü{k}"\n\n' for k in range(i + 1))
        if i == 2:
            body = EXTRA_FORM + "\n" + body
        path = root / f"c{i}.mini.po"
        path.write_text(HEADER + body.rstrip("\n") + "\n", encoding="utf-8")
        files.append(path)
    (root / "t.pot").write_text(TEMPLATE, encoding="utf-8")
    return files


COMMANDS = {
    "compile": ["compile"],
    "minimize": ["minimize"],
    "check": ["check"],
    "expand": ["expand", "-t", "t.pot"],
}


class Parses:
    """Counts the catalogs parsed in this process (the work a remembered run skips)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = reader.parse_po

        def counted(*args: object, **kwargs: object) -> object:
            self.count += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        for name, module in list(sys.modules.items()):
            if name.startswith("hatch_minipo") and getattr(module, "parse_po", None) is original:
                monkeypatch.setattr(module, "parse_po", counted)

    def taken(self) -> int:
        count, self.count = self.count, 0
        return count


def state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.iterdir())}


def run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, bytes]:
    code = main(list(args))
    out, err = capsysbinary.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_second_run_skips_the_work_and_says_what_a_full_run_says(
    tmp_path, monkeypatch, capsysbinary, command
):
    """Run 2 parses nothing, touches no file and prints exactly what --no-cache prints."""
    files = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    names = [p.name for p in files]
    args = [*COMMANDS[command], "-v", "-j", "1", *names]
    run(capsysbinary, *args)
    parses = Parses(monkeypatch)
    before = state(tmp_path)
    remembered = run(capsysbinary, *args)
    # expand reads its template before anything else, once per run: it names its problems.
    assert parses.taken() == (1 if command == "expand" else 0)
    assert state(tmp_path) == before
    assert run(capsysbinary, *args, "--no-cache") == remembered
    assert parses.taken() >= len(files)
    code, _, err = remembered
    assert code == 0
    if command != "expand":  # expand reads the catalogs as they are, without plural checks
        assert b"c2.mini.po:9: warning: nplurals = 2 in the header" in err


def test_a_changed_output_is_written_again(tmp_path, monkeypatch, capsysbinary):
    """A .mo changed by hand since the run that remembered it is compiled again, not trusted."""
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    run(capsysbinary, "compile", "-j", "1", "c1.mini.po")
    good = (tmp_path / "c1.mo").read_bytes()
    (tmp_path / "c1.mo").write_bytes(good[:-1] + b"!")
    parses = Parses(monkeypatch)
    assert run(capsysbinary, "compile", "-j", "1", "c1.mini.po")[0] == 0
    assert parses.taken() == 1
    assert (tmp_path / "c1.mo").read_bytes() == good
    (tmp_path / "c1.mo").unlink()
    assert run(capsysbinary, "compile", "-j", "1", "c1.mini.po")[0] == 0
    assert (tmp_path / "c1.mo").read_bytes() == good


def test_a_changed_input_or_option_is_worked_again(tmp_path, monkeypatch, capsysbinary):
    """A new byte in the catalog, or --check strict after --check errors, is never a hit."""
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    catalog = tmp_path / "c0.mini.po"
    assert run(capsysbinary, "compile", "c0.mini.po")[0] == 0
    first = (tmp_path / "c0.mo").read_bytes()
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("ü0", "ö0"), encoding="utf-8")
    assert run(capsysbinary, "compile", "c0.mini.po")[0] == 0
    assert (tmp_path / "c0.mo").read_bytes() == first.replace("ü0".encode(), "ö0".encode())
    # Fine at the default level, refused by strict (msgfmt -c): the strict run must not hit.
    catalog.write_text(HEADER + '#, c-format\nmsgid "%d m0"\nmsgstr "m0"\n', encoding="utf-8")
    assert run(capsysbinary, "compile", "c0.mini.po")[0] == 0
    code, _, err = run(capsysbinary, "compile", "--check", "strict", "c0.mini.po")
    assert code == 1
    assert b"c0.mini.po:9: number of format specifications" in err


def test_a_changed_template_is_expanded_again(tmp_path, monkeypatch, capsysbinary):
    """expand remembers the template's bytes too: a new message in it reaches X.po."""
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run(capsysbinary, "expand", "-t", "t.pot", "c0.mini.po")[0] == 0
    pot = tmp_path / "t.pot"
    pot.write_text(pot.read_text(encoding="utf-8") + 'msgid "new"\nmsgstr ""\n', encoding="utf-8")
    assert run(capsysbinary, "expand", "-t", "t.pot", "c0.mini.po")[0] == 0
    assert b'msgid "new"' in (tmp_path / "c0.po").read_bytes()


def test_failures_are_worked_again_every_time(tmp_path, monkeypatch, capsysbinary):
    """A catalog check refuses prints its diff on every run, never a remembered pass."""
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "c1.mini.po"
    path.write_text(HEADER + 'msgid "m1"\nmsgstr "x"\n\nmsgid "m0"\nmsgstr "y"\n', encoding="utf-8")
    first = run(capsysbinary, "check", "c1.mini.po")
    assert first[0] == 1
    assert b"+++ c1.mini.po" in first[1]
    assert run(capsysbinary, "check", "c1.mini.po") == first


def test_a_damaged_cache_is_no_cache(tmp_path, monkeypatch, capsysbinary):
    """Garbage, a foreign code version or a wrong shape in the cache: the work is done."""
    (tmp_path / "p").mkdir()
    tree(tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MINIPO_CACHE_DIR", str(cache_dir))
    args = ("check", "-j", "1", "c0.mini.po", "c1.mini.po")
    expected = run(capsysbinary, *args)
    (stored,) = cache_dir.iterdir()
    content = json.loads(stored.read_text(encoding="utf-8"))
    assert len(content["entries"]) == 2
    parses = Parses(monkeypatch)
    foreign = dict(content, code="0" * 64)
    shapes = [{"entries": []}, dict(content, entries={"c0.mini.po": [1, 2]})]
    for damage in (
        b"\x00garbage",
        json.dumps(foreign).encode(),
        *map(str.encode, map(json.dumps, shapes)),
    ):
        stored.write_bytes(damage)
        assert run(capsysbinary, *args) == expected
        assert parses.taken() == 2
    assert run(capsysbinary, *args) == expected
    assert parses.taken() == 0  # the last run wrote a good cache again


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch, capsysbinary):
    """A cache folder that cannot be made: same output and files, nothing said about it."""
    (tmp_path / "p").mkdir()
    tree(tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    (tmp_path / "file").write_bytes(b"")
    monkeypatch.setenv("MINIPO_CACHE_DIR", str(tmp_path / "file" / "cache"))
    code, out, err = run(capsysbinary, "compile", "c0.mini.po")
    assert (code, out) == (0, b"")
    assert err == b""
    assert (tmp_path / "p" / "c0.mo").is_file()


def test_workers_remember_and_replay_as_one_process_does(tmp_path, monkeypatch, capsysbinary):
    """With -j 2 the second run prints what the first printed and leaves every file alone."""
    files = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["compile", "-v", "-j", "2", *(p.name for p in files)]
    run(capsysbinary, *args)
    before = state(tmp_path)
    remembered = run(capsysbinary, *args)
    assert state(tmp_path) == before
    assert run(capsysbinary, *args, "--no-cache") == remembered
    assert remembered[1].count(b": unchanged") == len(files)


def test_an_output_replaced_by_a_fifo_is_not_waited_on(tmp_path, capsysbinary, monkeypatch):
    """A FIFO where the remembered .mo was: compiled again over it, as without the cache."""
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run(capsysbinary, "compile", "c0.mini.po")[0] == 0
    good = (tmp_path / "c0.mo").read_bytes()
    (tmp_path / "c0.mo").unlink()
    os.mkfifo(tmp_path / "c0.mo")
    done = subprocess.run(
        [sys.executable, "-m", "hatch_minipo", "compile", "c0.mini.po"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert (tmp_path / "c0.mo").read_bytes() == good


def test_no_working_folder_or_home_folder_means_no_cache(tmp_path, monkeypatch, capsysbinary):
    """A deleted working folder, or no home to keep a cache in: the work is done, silently."""
    (tmp_path / "p").mkdir()
    tree(tmp_path / "p")
    catalog = str(tmp_path / "p" / "c0.mini.po")
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert run(capsysbinary, "compile", catalog) == (0, b"", b"")
    assert (tmp_path / "p" / "c0.mo").is_file()
    monkeypatch.chdir(tmp_path / "p")
    for name in ("MINIPO_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")  # a uid without passwd entry

    monkeypatch.setattr(pathlib.Path, "home", homeless)
    assert run(capsysbinary, "compile", "c1.mini.po") == (0, b"", b"")
    assert (tmp_path / "p" / "c1.mo").is_file()


def test_a_hostile_cache_file_is_neither_followed_nor_waited_on(
    tmp_path, monkeypatch, capsysbinary
):
    """Deep JSON, a FIFO or a link to another file at the cache's name: no cache, no harm."""
    (tmp_path / "p").mkdir()
    tree(tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MINIPO_CACHE_DIR", str(cache_dir))
    expected = run(capsysbinary, "check", "-v", "c0.mini.po")
    (stored,) = cache_dir.iterdir()
    stored.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert run(capsysbinary, "check", "-v", "c0.mini.po") == expected
    stored.unlink()
    os.mkfifo(stored)
    done = subprocess.run(
        [sys.executable, "-m", "hatch_minipo", "check", "-v", "c0.mini.po"],
        cwd=tmp_path / "p",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == expected
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    stored.unlink(missing_ok=True)
    stored.symlink_to(victim)
    parses = Parses(monkeypatch)
    assert run(capsysbinary, "check", "-v", "c0.mini.po") == expected
    assert parses.taken() == 1  # the link was not read as a cache
    assert victim.read_bytes() == b"precious"
    assert not stored.is_symlink()
    assert json.loads(stored.read_text(encoding="utf-8"))["entries"]


def test_a_template_is_remembered_by_the_bytes_that_were_parsed(tmp_path, monkeypatch):
    """A template rewritten after it was read: the key is the version the work used."""
    pot = tmp_path / "t.pot"
    pot.write_text(TEMPLATE, encoding="utf-8")
    assert common.read_templates([pot]) == set()
    pot.write_text(TEMPLATE + 'msgid "new"\nmsgstr ""\n', encoding="utf-8")
    assert common.template_digest(pot) == hashlib.sha256(TEMPLATE.encode()).hexdigest()
    assert [m.msgid for m in common.template(pot).messages][-1] == "m5"


def test_the_store_knows_each_catalog_by_its_size_for_choosing_workers(
    tmp_path, monkeypatch, capsysbinary
):
    """A remembered catalog at its remembered size is settled; another size is not."""
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    run(capsysbinary, "check", "c0.mini.po")
    size = (tmp_path / "c0.mini.po").stat().st_size
    store = cache.Store("check", enabled=True)
    assert store.settled(pathlib.Path("c0.mini.po"), size)
    assert not store.settled(pathlib.Path("c0.mini.po"), size + 1)
    assert not store.settled(pathlib.Path("c1.mini.po"), size)
    assert not cache.Store("check", enabled=False).settled(pathlib.Path("c0.mini.po"), size)
