"""Peak memory of compiling one large catalog: 250,000, 500,000 and 1,000,000 entries.

    python benchmarks/memory.py [ENTRIES ...]

Each catalog is generated once into a temporary folder, then compiled by ``minipo compile`` in
a fresh process, which reads its own peak resident set size after the compile (VmHWM on
Linux, ``resource.getrusage`` elsewhere).  The baseline is the same process after importing
the engine, before reading the catalog.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: big 1.0\\n"\n"Language: de\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)

# Runs in the measured process: the CLI, then its own peak and time.
MEASURE = textwrap.dedent(
    """
    import resource, sys, time
    from hatch_minipo.cli import main
    import hatch_minipo.compiler, hatch_minipo.validate, hatch_minipo.formats.checks

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
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return maxrss * (1 if sys.platform == "darwin" else 1024)

    base = peak()
    started = time.perf_counter()
    code = main(["compile", "-j", "1", sys.argv[1]])
    elapsed = time.perf_counter() - started
    print(code, base, peak(), elapsed)
    """
)


def write_catalog(path: Path, entries: int) -> None:
    """Entries as real catalogs have them: a reference, a msgid, a UTF-8 translation; every
    tenth one a plural entry, every twentieth with a context and a python-format flag."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        for n in range(entries):
            stream.write(f"\n#: src/app/module{n % 113}.py:{n % 997}\n")
            if n % 20 == 0:
                stream.write(f'#, python-format\nmsgctxt "menu"\nmsgid "Item %(n)s of {n}"\n')
                stream.write(f'msgstr "Eintrag %(n)s von {n}, schön"\n')
            elif n % 10 == 0:
                stream.write(f'msgid "{n} file"\nmsgid_plural "{n} files"\n')
                stream.write(f'msgstr[0] "{n} Datei"\nmsgstr[1] "{n} Dateien, größer"\n')
            else:
                stream.write(f'msgid "Message {n}: the quick brown fox jumps over the dog"\n')
                stream.write(f'msgstr "Nachricht {n}: der schnelle braune Fuchs springt, 5 €"\n')


def measure(path: Path) -> tuple[float, float, float]:
    """Baseline and peak RSS in MiB, and seconds, of one compile of ``path``."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    code, base, peak, elapsed = result.stdout.split()
    if code != "0":
        raise SystemExit(f"compile failed: {result.stderr}")
    return int(base) / 2**20, int(peak) / 2**20, float(elapsed)


def main() -> int:
    sizes = [int(arg) for arg in sys.argv[1:]] or [250_000, 500_000, 1_000_000]
    print(f"{'entries':>9} {'catalog':>9} {'.mo':>8} {'baseline':>9} {'peak RSS':>9} "
          f"{'per entry':>9} {'x catalog':>9} {'time':>7}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="minipo-memory-") as folder:
        for entries in sizes:
            path = Path(folder, f"big{entries}.po")
            write_catalog(path, entries)
            base, peak, elapsed = measure(path)
            size = path.stat().st_size / 2**20
            mo_size = path.with_suffix(".mo").stat().st_size / 2**20
            per_entry = (peak - base) * 2**20 / entries
            print(
                f"{entries:>9,} {size:>7.1f}MB {mo_size:>6.1f}MB {base:>7.0f}MB {peak:>7.0f}MB "
                f"{per_entry:>8.0f}B {(peak - base) / size:>8.1f}x {elapsed:>6.1f}s",
                flush=True,
            )
            path.unlink()
            path.with_suffix(".mo").unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
