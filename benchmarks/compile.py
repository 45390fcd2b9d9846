"""Compile speed of minipo against GNU msgfmt, Babel and polib, on the same files, same run.

Run by hand (not a test):  python benchmarks/compile.py [--runs 5] [--catalogs 1000]

Prints, per corpus, the median wall time of several runs for each contender and minipo's ratios
to each, then how minipo's time grows with catalog size.  The machines are noisy: read medians,
and compare ratios from one run of this script, never times from different runs.

Every run of every contender is a fresh process that times its own work (imports excluded):
what one contender leaves behind (caches, garbage for the collector, memory) never lands on
another's clock, and minipo starts with no msgid hashed, as a build does.  The whole process
is also timed from outside, start-up and imports included: that is the CLI's only time, and
the one to compare it with.  Sources and outputs live in a RAM-backed folder where
there is one (Linux's /dev/shm): on a slow disk, writing back one contender's 1,000 files
was charged to the next one, which made the ratios depend on the order of the contenders.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "mini-po"
RAM = Path("/dev/shm")
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "file",
    "files",
    "folder",
    "open",
    "save",
    "close",
    "error",
    "warning",
]


def generate(
    folder: Path, catalogs: int, entries: int, seed: int = 0, languages: int = 25
) -> list[Path]:
    """Catalogs with contexts, plurals, c-format flags and non-ASCII text.

    As in real projects, catalogs come in groups of ``languages`` that translate the same
    msgids (one group per project or domain); the translations differ per language.
    """
    paths = []
    for number in range(catalogs):
        # The same seed for every language of a project: the same msgids, flags and contexts.
        rng = random.Random(f"{seed}-{number // languages}")
        tag = f"l{number % languages}"
        lines = [
            'msgid ""',
            'msgstr ""',
            '"Content-Type: text/plain; charset=UTF-8\\n"',
            (
                '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && '
                '(n%100<10 || n%100>=20) ? 1 : 2);\\n"'
            ),
            "",
        ]
        for index in range(entries):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
            plural = rng.random() < 0.1
            if plural:
                lines.append("#, c-format")
            if rng.random() < 0.1:
                lines.append(f'msgctxt "ctx{index % 7}"')
            if plural:
                lines += [
                    f'msgid "%d {text} {index}"',
                    f'msgid_plural "%d {text}s {index}"',
                    f'msgstr[0] "%d {text} ąę {tag} {index}"',
                    f'msgstr[1] "%d {text} óź {tag} {index}"',
                    f'msgstr[2] "%d {text} żł {tag} {index}"',
                ]
            else:
                lines += [f'msgid "{text} {index}"', f'msgstr "{text.upper()} ü {tag} {index}"']
            lines.append("")
        path = folder / f"l{number:04d}.po"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def run_minipo_serial(files: list[Path], out: Path) -> None:
    from hatch_minipo.compiler import compile_catalog

    for path in files:
        result = compile_catalog(path.read_bytes(), str(path))
        assert result.mo is not None, result.diagnostics
        (out / (path.stem + ".mo")).write_bytes(result.mo)


def run_minipo_parallel(files: list[Path], out: Path) -> None:
    from hatch_minipo.compiler import compile_each

    jobs = [(p.read_bytes(), str(p), None) for p in files]
    for path, result in zip(files, compile_each(jobs)):
        assert result.mo is not None
        (out / (path.stem + ".mo")).write_bytes(result.mo)


def run_msgfmt(files: list[Path], out: Path) -> None:
    for path in files:
        subprocess.run(["msgfmt", "-o", str(out / (path.stem + ".mo")), str(path)], check=True)


def run_babel(files: list[Path], out: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for path in files:
        with path.open("rb") as stream:
            catalog = read_po(stream)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        (out / (path.stem + ".mo")).write_bytes(buffer.getvalue())


def run_polib(files: list[Path], out: Path) -> None:
    import polib

    for path in files:
        polib.pofile(str(path)).save_as_mofile(str(out / (path.stem + ".mo")))


# Timed inside a fresh process: the work, after the contender's imports.
IN_PROCESS = {
    "minipo, in-process, all cores": run_minipo_parallel,
    "minipo, in-process, 1 core": run_minipo_serial,
    "GNU msgfmt, once per file": run_msgfmt,
    "Babel read_po + write_mo": run_babel,
    "polib pofile + save_as_mofile": run_polib,
}
CLI = "minipo compile (CLI, start-up included)"
IMPORTS = {
    "minipo": ["hatch_minipo.compiler"],
    "Babel": ["babel.messages.pofile", "babel.messages.mofile"],
    "polib": ["polib"],
}


def contenders() -> list[str]:
    names = [*IN_PROCESS, CLI]
    if shutil.which("msgfmt") is None:
        print("- GNU msgfmt is not installed: left out")
        names.remove("GNU msgfmt, once per file")
    return names


def time_once(name: str, files: list[Path], folder: Path) -> tuple[float, float]:
    """One run of ``name`` on ``files`` in a fresh process: the work's time and the process's.

    The second, taken from outside, adds the interpreter's start-up and the imports: the
    CLI's only time, and the fair one to compare it with.  Outputs go to a new folder.
    """
    with tempfile.TemporaryDirectory(dir=folder) as out:
        if name == CLI:
            # The command writes beside each source: work on copies in the output folder.
            copies = []
            for path in files:
                copy = Path(out) / path.name
                shutil.copyfile(path, copy)
                copies.append(copy)
            command = [sys.executable, "-m", "hatch_minipo", "compile", *map(str, copies)]
            start = time.perf_counter()
            subprocess.run(command, check=True)
            whole = time.perf_counter() - start
            return whole, whole
        listing = Path(out) / "files.txt"
        listing.write_text("\n".join(map(str, files)), encoding="utf-8")
        command = [sys.executable, __file__, "--time-one", name, str(listing), out]
        start = time.perf_counter()
        result = subprocess.run(command, check=True, capture_output=True, text=True)
        return float(result.stdout), time.perf_counter() - start


def time_one_here(name: str, listing: Path, out: Path) -> None:
    """The child's side of time_once: import, then time the work alone."""
    import importlib

    for prefix, modules in IMPORTS.items():
        if name.startswith(prefix):
            for module in modules:
                importlib.import_module(module)
    files = [Path(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    IN_PROCESS[name](files, out)
    print(time.perf_counter() - start)


def median_times(name: str, files: list[Path], runs: int, folder: Path) -> tuple[float, float]:
    times = [time_once(name, files, folder) for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def common_subset(files: list[Path], names: list[str]) -> list[Path]:
    """The files every contender compiles: the race is run on those only, and we say so."""
    usable = []
    with tempfile.TemporaryDirectory() as out:
        for path in files:
            failed = []
            for name in names:
                if name == CLI:
                    continue
                try:
                    IN_PROCESS[name]([path], Path(out))
                except Exception:  # noqa: BLE001 -- any failure excludes the file
                    failed.append(name.split(",")[0].split()[0])
            if failed:
                print(f"- {path.name}: left out, refused by {', '.join(failed)}")
            else:
                usable.append(path)
    return usable


def compare(title: str, files: list[Path], runs: int, folder: Path) -> None:
    names = contenders()
    files = common_subset(files, names)
    messages = sum(p.read_bytes().count(b"\nmsgid ") for p in files)
    print(f"\n## {title}: {len(files)} catalogs, ~{messages:,} messages, median of {runs} runs")
    results = {name: median_times(name, files, runs, folder) for name in names}
    all_cores = results["minipo, in-process, all cores"][0]
    one_core = results["minipo, in-process, 1 core"][0]
    cli = results[CLI][1]
    print(
        "| contender | work s | whole process s | minipo all cores / it (work) "
        "| minipo 1 core / it (work) | minipo CLI / it (whole process) |"
        "\n|---|---:|---:|---:|---:|---:|"
    )
    for name, (work, whole) in results.items():
        print(
            f"| {name} | {work:.3f} | {whole:.3f} | {all_cores / work:.2f}x "
            f"| {one_core / work:.2f}x | {cli / whole:.2f}x |"
        )


def scaling(runs: int, folder: Path) -> None:
    print("\n## Growth with catalog size (minipo, in-process, 1 core, every msgid new)")
    print("| entries | median s | µs per entry |\n|---:|---:|---:|")
    with tempfile.TemporaryDirectory(dir=folder) as work:
        for entries in (1_000, 10_000, 100_000):
            sub = Path(work) / str(entries)
            sub.mkdir()
            files = generate(sub, 1, entries, seed=entries)
            seconds = median_times("minipo, in-process, 1 core", files, runs, folder)[0]
            print(f"| {entries:,} | {seconds:.3f} | {seconds / entries * 1e6:.1f} |")


def main() -> None:
    if sys.argv[1:2] == ["--time-one"]:
        time_one_here(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--catalogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument("--languages", type=int, default=25, help="catalogs per set of msgids")
    args = parser.parse_args()
    folder = RAM if RAM.is_dir() and os.access(RAM, os.W_OK) else Path(tempfile.gettempdir())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; files in {folder}")
    with tempfile.TemporaryDirectory(dir=folder) as work:
        corpus = sorted(CORPUS.glob("*/*.mini.po"))
        if corpus:
            copies = []
            for path in corpus:
                copy = Path(work) / f"{path.parent.name}-{path.name.replace('.mini', '')}"
                shutil.copyfile(path, copy)
                copies.append(copy)
            compare("shared corpus", copies, args.runs, folder)
        generated = Path(work) / "generated"
        generated.mkdir()
        files = generate(generated, args.catalogs, args.entries, languages=args.languages)
        compare(
            f"generated corpus ({args.languages} languages per set of msgids)",
            files,
            args.runs,
            folder,
        )
    scaling(args.runs, folder)


if __name__ == "__main__":
    main()
