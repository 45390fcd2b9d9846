"""Compile speed of minipo against GNU msgfmt, Babel and polib, on the same files, same run.

Run by hand (not a test):  python benchmarks/compile.py [--runs 5] [--catalogs 1000]

Prints, per corpus, the median wall time of several runs for each contender and minipo's ratio
to each, then how minipo's time grows with catalog size.  The machines are noisy: read medians,
and compare ratios from one run of this script, never times from different runs.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hatch_minipo.compiler import compile_catalog, compile_many

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "mini-po"
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
    for path in files:
        result = compile_catalog(path.read_bytes(), str(path))
        assert result.mo is not None, result.diagnostics
        (out / (path.stem + ".mo")).write_bytes(result.mo)


def run_minipo_parallel(files: list[Path], out: Path) -> None:
    jobs = [(p.read_bytes(), str(p), None) for p in files]
    for path, result in zip(files, compile_many(jobs)):
        assert result.mo is not None
        (out / (path.stem + ".mo")).write_bytes(result.mo)


def run_minipo_cli(files: list[Path], out: Path) -> None:
    del out  # the command writes beside each source
    subprocess.run([sys.executable, "-m", "hatch_minipo", "compile", *map(str, files)], check=True)


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


CONTENDERS = {
    "minipo (in-process, 1 core)": run_minipo_serial,
    "minipo (in-process, all cores)": run_minipo_parallel,
    "minipo compile (CLI, incl. start-up)": run_minipo_cli,
    "GNU msgfmt, once per file": run_msgfmt,
    "Babel read_po + write_mo": run_babel,
    "polib pofile + save_as_mofile": run_polib,
}


def median_time(run, files: list[Path], runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            run(files, Path(out))
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def common_subset(files: list[Path]) -> list[Path]:
    """The files every contender compiles: the race is run on those only, and we say so."""
    usable = []
    with tempfile.TemporaryDirectory() as out:
        for path in files:
            failed = []
            for name, run in CONTENDERS.items():
                if name.startswith("GNU") and shutil.which("msgfmt") is None:
                    continue
                try:
                    run([path], Path(out))
                except Exception:  # noqa: BLE001 -- any failure excludes the file
                    failed.append(name.split()[0])
            if failed:
                print(f"- {path.name}: left out, refused by {', '.join(failed)}")
            else:
                usable.append(path)
    return usable


def compare(title: str, files: list[Path], runs: int) -> None:
    files = common_subset(files)
    messages = sum(p.read_bytes().count(b"\nmsgid ") for p in files)
    print(f"\n## {title}: {len(files)} catalogs, ~{messages:,} messages, median of {runs} runs")
    results = {}
    for name, run in CONTENDERS.items():
        if name.startswith("GNU") and shutil.which("msgfmt") is None:
            continue
        results[name] = median_time(run, files, runs)
    base = results["minipo (in-process, 1 core)"]
    cli = results["minipo compile (CLI, incl. start-up)"]
    print("| contender | median s | 1-core minipo / it | CLI minipo / it |\n|---|---:|---:|---:|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.3f} | {base / seconds:.2f}x | {cli / seconds:.2f}x |")


def scaling(runs: int) -> None:
    print("\n## Growth with catalog size (minipo, 1 core)")
    print("| entries | median s | µs per entry |\n|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for entries in (1_000, 10_000, 100_000):
            sub = Path(folder) / str(entries)
            sub.mkdir()
            files = generate(sub, 1, entries, seed=entries)
            seconds = median_time(run_minipo_serial, files, runs)
            print(f"| {entries:,} | {seconds:.3f} | {seconds / entries * 1e6:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--catalogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument("--languages", type=int, default=25, help="catalogs per set of msgids")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = sorted(CORPUS.glob("*/*.mini.po"))
        if corpus:
            copies = []
            for path in corpus:
                copy = Path(folder) / f"{path.parent.name}-{path.name.replace('.mini', '')}"
                shutil.copyfile(path, copy)
                copies.append(copy)
            compare("shared corpus", copies, args.runs)
        generated = Path(folder) / "generated"
        generated.mkdir()
        files = generate(generated, args.catalogs, args.entries, languages=args.languages)
        compare(
            f"generated corpus ({args.languages} languages per set of msgids)", files, args.runs
        )
    scaling(args.runs)


if __name__ == "__main__":
    main()
