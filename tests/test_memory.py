"""Memory: proportional to the catalog, with no avoidable copy of it.

What a compile holds at its peak is the parsed catalog (about 1 KB an entry: the model keeps
every comment and line number) and the encoded entries; the file is read a block at a time,
the parsed messages are let go before the ``.mo`` is assembled, and assembling it takes
twice its size.  ``benchmarks/memory.py`` measures 250,000 to 1,000,000 entries.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import tracemalloc
import weakref
from typing import TYPE_CHECKING

import pytest

from hatch_minipo import compiler
from hatch_minipo.mo import writer as mo
from hatch_minipo.po.reader import parse_po
from hatch_minipo.validate import validate

if TYPE_CHECKING:
    from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def catalog(entries: int) -> bytes:
    """A catalog whose every translation holds a character beyond Latin-1."""
    return (
        HEADER
        + "".join(
            f'\n#: src/module{n % 97}.py:{n}\nmsgid "Message {n}: the quick brown fox"\n'
            f'msgstr "Nachricht {n}: der schnelle Fuchs, 5 €"\n'
            for n in range(entries)
        )
    ).encode()


def traced_peak(function, *args):
    """``function(*args)``, with the memory it held at its peak beyond what it returned."""
    gc.collect()
    tracemalloc.start()
    try:
        result = function(*args)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak - current


@pytest.fixture
def no_hash_cache(monkeypatch):
    """Hashes without their process-wide cache, whose growth is not the writer's."""
    monkeypatch.setattr(mo, "_KNOWN_LIMIT", 0)


def test_writing_a_mo_takes_about_twice_its_size(no_hash_cache):
    """write_mo holds the output and its final copy, not a list of a number per int object."""
    entries = [
        (f"Message {n}: the quick brown fox".encode(), f"Nachricht {n}: 5 €".encode())
        for n in range(10_000)
    ]
    output, extra = traced_peak(mo.write_mo, entries)
    assert extra <= 1.3 * len(output) + 1_000_000, (extra, len(output))


def test_parsing_does_not_hold_the_decoded_file(no_hash_cache):
    """parse_po holds a block of lines at a time, not the decoded text and all its lines."""
    data = catalog(50_000)
    (parsed, problems), extra = traced_peak(parse_po, data, "big.po")
    assert problems == []
    assert len(parsed.messages) == 50_001
    # The decoded text alone would be twice the file (UCS-2), its lines twice more.
    assert extra < 0.5 * len(data) + 5_000_000, (extra, len(data))


def test_messages_are_freed_before_the_mo_is_assembled(monkeypatch):
    """By the time write_mo runs, nothing holds the parsed catalog any more."""
    parsed: list[weakref.ref[object]] = []
    alive_while_writing: list[bool] = []
    real_parse, real_write = compiler.parse_po, mo.write_mo

    def parse(data: bytes, path: str, **options: bool):
        result = real_parse(data, path, **options)
        parsed.append(weakref.ref(result[0]))
        return result

    def write(entries: list[tuple[bytes, bytes]]) -> bytes:
        gc.collect()
        alive_while_writing.append(parsed[0]() is not None)
        return real_write(entries)

    monkeypatch.setattr(compiler, "parse_po", parse)
    monkeypatch.setattr(mo, "write_mo", write)
    result = compiler.compile_catalog(catalog(10), "x.po")
    assert result.ok
    assert alive_while_writing == [False]


MEASURE = textwrap.dedent(
    """
    import resource, sys
    from hatch_minipo.cli import main
    import hatch_minipo.compiler, hatch_minipo.formats.checks, hatch_minipo.validate

    def peak():
        # Linux: ru_maxrss starts at the parent's peak (inherited at fork, kept across exec);
        # VmHWM is this program's own. Elsewhere ru_maxrss, in bytes on macOS.
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)

    base = peak()
    code = main(["compile", "-j", "1", sys.argv[1]])
    print(code, base, peak())
    """
)


def peak_growth(folder: Path, entries: int) -> int:
    """Bytes a fresh `minipo compile` process grew by to compile ``entries`` entries."""
    source = folder / f"big{entries}.po"
    source.write_bytes(catalog(entries))
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(source)], capture_output=True, text=True, check=True
    )
    code, base, peak = result.stdout.split()
    assert code == "0", result.stderr
    return int(peak) - int(base)


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX-only")
def test_peak_memory_grows_in_proportion(tmp_path):
    """Three times the entries take about three times the memory, under 2 KB an entry."""
    small, large = peak_growth(tmp_path, 40_000), peak_growth(tmp_path, 120_000)
    assert 2.2 < large / small < 3.8, (small, large)
    assert large / 120_000 < 2_000, large


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX-only")
def test_one_million_entries(tmp_path):
    """A catalog of a million entries compiles, in under 2 KB of memory an entry."""
    growth = peak_growth(tmp_path, 1_000_000)
    compiled = (tmp_path / "big1000000.mo").read_bytes()
    assert int.from_bytes(compiled[8:12], "little") == 1_000_001
    assert growth / 1_000_000 < 2_000, growth


def test_validation_does_not_join_the_whole_catalog(no_hash_cache):
    """validate looks at the text a slice of messages at a time, not all of it joined."""
    parsed, _ = parse_po(catalog(50_000), "big.po")
    compiled = mo.select(parsed.messages)
    result, extra = traced_peak(validate, parsed, compiled)
    assert result.ok
    # All the text joined at once takes twice its 3.5 million characters: 9 MB.
    assert extra < 2_500_000, extra
