"""Real catalogs of other projects (see real_catalogs.py) against GNU gettext 0.21, entry by entry.

For each pinned archive, these comparisons, each reported per format flag (entries compared,
entries that agree; ``pytest -rP`` prints the tables of the tests that pass):

- the format check: every translated, non-fuzzy entry of every catalog that carries a format
  flag, batched under its catalog's Plural-Forms line: the first ``gnu_refuses`` message of
  ``check_formats`` against what ``msgfmt -c`` prints for the entry (msgfmt prints one);
- the same on real msgids given another entry's real translation, which msgfmt refuses in
  many ways, and, for those whose line breaks differ, the strict check's first problem;
- the writer: ``write_po`` of the parsed catalog against ``msgattrib --force-po``, whole file;
- ``minimize`` against ``msgattrib`` with the options ``minimize`` stands for;
- ``expand`` of msgattrib's minimized catalog with a template made from the catalog (its
  entries with the translations and translator comments removed, every tenth one left out so
  the merge meets entries the template lost, and a template header), against
  ``msgmerge --no-fuzzy-matching``.

The three whole-file comparisons run on a deterministic sample of each archive's catalogs
(``SAMPLE``) and the swapped translations on about ``SWAPPED`` entries per archive, which
keeps the module within a minute on two cores; the format check reads every catalog.  A
disagreement is shown with the catalog, the entry and both outputs.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import difflib
import random
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest

from expand_samples import POT_HEADER
from format_oracle import quote
from gnu import require
from hatch_minipo.formats.checks import check_formats, gnu_scanner, lenient_forms
from hatch_minipo.plural.grammar import PluralFormsError, parse_plural_forms
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.flags import parse_flags, split_flags
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import write_po
from hatch_minipo.validate import validate
from hatch_minipo.workflow.expand import expand
from hatch_minipo.workflow.minimize import minimize
from real_catalogs import ARCHIVES, Archive, real_catalogs, relative_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

pytestmark = pytest.mark.oracle

MINIMIZE_OPTIONS = (
    "--force-po",
    "--translated",
    "--no-fuzzy",
    "--no-obsolete",
    "--no-location",
    "--sort-output",
)

# Per archive: at most this many catalogs, of at most this many bytes in all, spread evenly
# over its sorted list, go through the whole-file comparisons (about 6 MB of the 33 MB).  Our
# writer runs at about 1 MB/s and each catalog is written four times (as it is, minimized, the
# template, expanded), so the bytes decide the time; the count bounds the tool runs (some ten
# milliseconds each) that the tiny catalogs cost.
SAMPLE = {
    "django": (24, 700_000),
    "djangojs": (30, 200_000),
    "gettext-examples": (60, 200_000),
    "git": (6, 1_500_000),
    "clisp": (5, 800_000),
    "ark": (12, 900_000),
    "kdbusaddons": (60, 200_000),
    "horde-core": (16, 500_000),
    "tt-rss": (6, 700_000),
}
NO_FLAG = "(no format flag)"
_SHOWN = 12  # disagreements spelled out in a failure message; the rest are counted


def _ids(archive: Archive) -> str:
    return archive.name


# --- reading the catalogs --------------------------------------------------------------------

_parsed: dict[Path, tuple[Catalog, list[str]]] = {}


def parsed(path: Path) -> tuple[Catalog, list[str]]:
    """The catalog and its parse errors, read once per test session."""
    if path not in _parsed:
        _parsed[path] = read(path)
    return _parsed[path]


def read(path: Path) -> tuple[Catalog, list[str]]:
    """A catalog made during the test, and its parse errors."""
    catalog, diagnostics = parse_po(path.read_bytes(), str(path))
    return catalog, [str(d) for d in diagnostics if d.is_error]


def sample(paths: list[Path], archive: Archive) -> list[Path]:
    """SAMPLE's share of ``paths``: every k-th, skipping what would exceed the byte budget."""
    # k rounds up, so the picks reach the end of the list (the last folders too).
    count, budget = SAMPLE[archive.name]
    chosen: list[Path] = []
    total = 0
    for path in paths[:: max(1, -(-len(paths) // count))]:
        size = path.stat().st_size
        if chosen and total + size > budget:
            continue
        chosen.append(path)
        total += size
        if len(chosen) == count:
            break
    return chosen


def format_languages(flags: Iterable[str]) -> list[str]:
    """The ``X-format`` flags in force (yes or possible), in gettext's order."""
    states = parse_flags(flags).formats
    return [f"{name}-format" for name, state in states.items() if state in ("yes", "possible")]


def checked_by_us(flag: str) -> bool:
    """Whether check_formats has a scanner for ``flag`` yet (a missing one is skipped)."""
    return flag in ("c-format", "python-format", "python-brace-format") or (
        gnu_scanner(flag) is not None
    )


# --- tallies ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Tally:
    """Entries compared and entries that agreed, per format flag; what disagreed, spelled out."""

    compared: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    agreed: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    problems: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)

    def add(self, flags: list[str], agrees: bool) -> None:
        for flag in flags or [NO_FLAG]:
            self.compared[flag] += 1
            self.agreed[flag] += agrees

    def report(self, what: str, archive: Archive) -> str:
        lines = [f"{what} on {archive.name}: flag, entries compared, entries agreeing"]
        lines += [
            f"  {flag}: {self.compared[flag]} compared, {self.agreed[flag]} agree"
            for flag in sorted(self.compared)
        ]
        lines += [f"  note: {note}" for note in self.notes]
        lines += self.problems[:_SHOWN]
        if len(self.problems) > _SHOWN:
            lines.append(f"... and {len(self.problems) - _SHOWN} more disagreements")
        return "\n".join(lines)

    def finish(self, what: str, archive: Archive, *, require_some: bool = True) -> None:
        report = self.report(what, archive)
        print(report)  # shown by pytest -rP, and in a failure's captured output
        assert self.problems == [], report
        assert sum(self.compared.values()) > 0 or not require_some, report


# --- (a) msgfmt -c, entry by entry -----------------------------------------------------------

_NOT_FORMAT = re.compile(
    # msgfmt -c also checks the header, the plural forms and the leading and trailing newlines;
    # those verdicts are not check_formats' business.
    r"do not both (begin|end) with|plural form|nplurals|plural expression|Plural-Forms"
    r"|header|^\.\.\."
)


@dataclasses.dataclass
class Case:
    """One flagged, translated entry of one catalog, as msgfmt -c will see it in a batch."""

    where: str
    message: Message
    flags: list[str]
    ours: list[str]


def _batch_text(plural_forms: str | None, cases: list[Case]) -> tuple[str, list[tuple[int, int]]]:
    """A UTF-8 catalog holding the cases under a header with the catalogs' Plural-Forms line;
    the span of lines of each case."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    if plural_forms is not None:
        header += f'"Plural-Forms: {plural_forms}\\n"\n'
    parts = [header + "\n"]
    line = parts[0].count("\n") + 1
    spans = []
    for number, case in enumerate(cases):
        message = case.message
        items = parse_flags(message.flags).items(obsolete=False, print_fuzzy=False)
        lines = [f"#, {', '.join(items)}", f"msgctxt {quote(str(number))}"]
        lines.append(f"msgid {quote(message.msgid)}")
        if message.msgid_plural is None:
            lines.append(f"msgstr {quote(message.msgstr[0])}")
        else:
            lines.append(f"msgid_plural {quote(message.msgid_plural)}")
            lines += [f"msgstr[{j}] {quote(form)}" for j, form in enumerate(message.msgstr)]
        parts.append("\n".join(lines) + "\n\n")
        spans.append((line, line + len(lines)))
        line += len(lines) + 1
    return "".join(parts), spans


def msgfmt_says(tmp_path: Path, plural_forms: str | None, cases: list[Case]) -> list[list[str]]:
    """What msgfmt -c prints about the format strings of each case, in one run."""
    text, spans = _batch_text(plural_forms, cases)
    source = tmp_path / "batch.po"
    source.write_text(text, encoding="utf-8")
    printed = msgfmt_prints(source, spans)
    return [[said for said in entry if not _NOT_FORMAT.search(said)] for entry in printed]


def msgfmt_prints(source: Path, spans: list[tuple[int, int]]) -> list[list[str]]:
    """Everything msgfmt -c prints about each span of lines of ``source``."""
    run = subprocess.run(
        [require("msgfmt"), "-c", "-o", "/dev/null", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    return _by_span([(int(m[1]), m[2]) for m in _LOCATED.finditer(run.stderr)], spans)


# msgfmt's "file:line: message" lines; its closing "msgfmt: found N fatal errors" has no line.
_LOCATED = re.compile(r"^.*?:(\d+): (.*)$", re.MULTILINE)


def _by_span(said: list[tuple[int, str]], spans: list[tuple[int, int]]) -> list[list[str]]:
    """The messages said at a line of each span (first line to last, inclusive)."""
    starts = [start for start, _ in spans]
    printed: list[list[str]] = [[] for _ in spans]
    for line, message in said:
        number = bisect.bisect_right(starts, line) - 1
        if number >= 0 and line <= spans[number][1]:
            printed[number].append(message)
    return printed


def _lenient_forms(
    rule: Callable[[int], int] | None, nplurals: int
) -> Callable[[Message], frozenset[int]]:
    """The lenient forms of each plural entry of one catalog, worked out once per range."""
    known: dict[tuple[int, int] | None, frozenset[int]] = {}

    def lenient(message: Message) -> frozenset[int]:
        if message.msgid_plural is None:
            return frozenset()
        if rule is None:
            # Without a Plural-Forms msgfmt can read it has no statistics, and checks every
            # form leniently (format.c: strict only where distribution->often says so).
            return frozenset(range(len(message.msgstr)))
        value_range = parse_flags(message.flags).range
        if value_range not in known:
            known[value_range] = lenient_forms(rule, nplurals, value_range)
        return known[value_range]

    return lenient


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An entry to check, with what it needs from its catalog."""

    plural_forms: str | None  # the header's Plural-Forms line (the batch's header gets it)
    lenient: Callable[[Message], frozenset[int]]
    name: str
    message: Message


def candidates(archive: Archive, tally: Tally, *, swapped: int = 0) -> list[Candidate]:
    """:func:`find_candidates` of the archive's catalogs, worked out once per test session."""
    key = (archive.name, swapped)
    if key not in _candidates:
        notes = Tally()
        _candidates[key] = (find_candidates(real_catalogs(archive), notes, swapped), notes)
    found, notes = _candidates[key]
    tally.notes += notes.notes
    tally.problems += notes.problems
    return found


_candidates: dict[tuple[str, int], tuple[list[Candidate], Tally]] = {}


def find_candidates(paths: list[Path], tally: Tally, swapped: int) -> list[Candidate]:
    """The flagged, translated, non-fuzzy entries of every catalog.

    With ``swapped`` N, each entry instead gets the translations of another entry, for about
    N entries spread over the archive: real directives that do not fit, which msgfmt refuses
    in every way it knows.
    """
    found: list[Candidate] = []
    unchecked: collections.Counter[str] = collections.Counter()
    for path in paths:
        catalog, errors = parsed(path)
        if errors:
            tally.problems.append(f"{relative_name(path)}: we refuse to read it: {errors[:3]}")
            continue
        header = catalog.header
        plural_forms = catalog.header_field("Plural-Forms")
        try:
            rule = parse_plural_forms(header.msgstr[0]) if header is not None else None
        except PluralFormsError:
            rule = None
        lenient = _lenient_forms(rule, rule.nplurals if rule is not None else 2)
        name = relative_name(path)
        for message in catalog.messages:
            if message.obsolete or message.is_header or message.fuzzy or not message.translated:
                continue  # msgfmt drops these before it checks anything
            flags = format_languages(message.flags)
            missing = [flag for flag in flags if not checked_by_us(flag)]
            unchecked.update(missing)
            if flags and not missing:
                found.append(Candidate(plural_forms, lenient, name, message))
    tally.notes += [
        f"{flag}: {count} entries not compared, check_formats has no scanner for it yet"
        for flag, count in sorted(unchecked.items())
    ]
    if swapped:
        found = _swap_translations(found)
        found = found[:: max(1, len(found) // swapped)]
    return found


def newlines_differ(message: Message) -> bool:
    """Whether msgfmt refuses the entry's line breaks (check_pair in msgl-check.c): msgfmt -c
    then checks none of its format strings."""
    texts = [message.msgid_plural] if message.msgid_plural is not None else []
    texts += message.msgstr
    first, last = message.msgid[:1] == "\n", message.msgid[-1:] == "\n"
    return any((text[:1] == "\n") != first or (text[-1:] == "\n") != last for text in texts)


def format_cases(found: list[Candidate]) -> dict[str | None, list[Case]]:
    """Our verdict on each entry, in batches by Plural-Forms line."""
    batches: dict[str | None, list[Case]] = collections.defaultdict(list)
    for candidate in found:
        message = candidate.message
        problems = check_formats(
            message.flags, message.msgid, message.msgid_plural, list(message.msgstr),
            candidate.lenient(message),
        )  # fmt: skip
        ours = [problem.message for problem in problems if problem.gnu_refuses]
        where = f"{candidate.name}:{message.line}"
        batches[candidate.plural_forms].append(
            Case(where, message, format_languages(message.flags), ours)
        )
    return batches


def _swap_translations(found: list[Candidate]) -> list[Candidate]:
    """Each entry with the translations of another entry of the archive (drawn by a seeded
    shuffle) that has as many forms and another msgid; its own flags and catalog stay."""
    groups: dict[tuple[bool, int], list[Candidate]] = collections.defaultdict(list)
    for candidate in found:
        message = candidate.message
        groups[message.msgid_plural is None, len(message.msgstr)].append(candidate)
    out = []
    for group in groups.values():
        partners = list(group)
        random.Random(len(group)).shuffle(partners)  # noqa: S311  # reproducible, not secret
        out += [
            dataclasses.replace(
                candidate,
                message=dataclasses.replace(candidate.message, msgstr=partner.message.msgstr),
            )
            for candidate, partner in zip(group, partners)
            if partner.message.msgid != candidate.message.msgid
        ]
    return out


def compare_format_checks(tmp_path: Path, archive: Archive, swapped: int = 0) -> Tally:
    """Run our checks and msgfmt -c on the archive's cases; what agreed and what did not."""
    tally = Tally()
    found = candidates(archive, tally, swapped=swapped)
    kept = [candidate for candidate in found if not newlines_differ(candidate.message)]
    if len(kept) < len(found):
        tally.notes.append(
            f"{len(found) - len(kept)} entries not compared: their line breaks differ, and "
            "msgfmt -c checks no format string there"
        )
    refused = 0
    for plural_forms, cases in format_cases(kept).items():
        for case, gnu in zip(cases, msgfmt_says(tmp_path, plural_forms, cases)):
            refused += bool(gnu)
            # msgfmt prints the first problem of an entry; check_formats lists it first.
            tally.add(case.flags, case.ours[:1] == gnu)
            if case.ours[:1] != gnu:
                message = case.message
                tally.problems.append(
                    f"{case.where}: #, {', '.join(message.flags)} msgid {message.msgid!r} "
                    f"msgid_plural {message.msgid_plural!r} msgstr {list(message.msgstr)!r}\n"
                    f"    GNU:  {gnu}\n    ours: {case.ours}"
                )
    tally.notes.append(f"msgfmt -c refuses {refused} of the entries compared")
    return tally


@pytest.mark.parametrize("archive", ARCHIVES, ids=_ids)
def test_format_checks_match_msgfmt(tmp_path, archive):
    """Every flagged translation of every catalog: our first refusal is what msgfmt -c prints, or none."""
    require("msgfmt")
    compare_format_checks(tmp_path, archive).finish("msgfmt -c", archive)


# Swapped entries per archive: msgfmt refuses most of them, so each costs a few scans more.
SWAPPED = 3000


@pytest.mark.parametrize("archive", ARCHIVES, ids=_ids)
def test_swapped_translations_checked_like_msgfmt(tmp_path, archive):
    """Real msgids given another entry's real translation: our first refusal is what msgfmt -c prints."""
    require("msgfmt")
    tally = compare_format_checks(tmp_path, archive, SWAPPED)
    tally.finish("msgfmt -c, swapped translations", archive)


@pytest.mark.parametrize("archive", ARCHIVES, ids=_ids)
def test_strict_check_where_newlines_differ_matches_msgfmt(tmp_path, archive):
    """Swapped translations whose line breaks differ: the strict check's first problem is the one msgfmt -c prints."""
    require("msgfmt")
    tally = Tally()
    found = candidates(archive, tally, swapped=SWAPPED)
    for plural_forms, cases in format_cases(
        [candidate for candidate in found if newlines_differ(candidate.message)]
    ).items():
        text, spans = _batch_text(plural_forms, cases)
        source = tmp_path / "newlines.po"
        source.write_text(text, encoding="utf-8")
        catalog, _ = parse_po(text.encode(), str(source))
        compiled = [message for message in catalog.messages if not message.is_header]
        findings = validate(catalog, compiled, level="strict").diagnostics
        ours = _by_span([(d.line, d.message) for d in findings if d.is_error], spans)
        for case, gnu, said in zip(cases, msgfmt_prints(source, spans), ours):
            # msgfmt prints one problem per entry, the first it finds; minipo lists them all,
            # and its first must be msgfmt's.
            tally.add(case.flags, said[:1] == gnu)
            if said[:1] != gnu:
                tally.problems.append(
                    f"{case.where}: msgid {case.message.msgid!r} "
                    f"msgid_plural {case.message.msgid_plural!r} "
                    f"msgstr {list(case.message.msgstr)!r}\n    GNU:  {gnu}\n    ours: {said}"
                )
    tally.finish("strict check where line breaks differ", archive, require_some=False)


# --- (b), (c), (d): whole files --------------------------------------------------------------


def run_tool(*command: str) -> bytes | str:
    """A tool's standard output, or its error output as text when it failed."""
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        return result.stderr.decode("utf-8", "replace")
    return result.stdout


def entry_flags(block: bytes) -> list[str]:
    """The format flags of one written entry (its ``#,`` line)."""
    for line in block.split(b"\n"):
        if line.startswith(b"#, "):
            return format_languages(split_flags(line[3:].decode("ascii", "replace")))
    return []


def compare_files(tally: Tally, name: str, gnu: bytes | str, ours: bytes | str) -> None:
    """Count the entries of GNU's output (blocks between blank lines) that we wrote alike."""
    if isinstance(gnu, str):
        tally.notes.append(f"{name}: GNU refused it: {gnu.strip()[:300]}")
        return
    gnu_blocks = gnu.split(b"\n\n")
    if isinstance(ours, str):
        for block in gnu_blocks:
            tally.add(entry_flags(block), agrees=False)
        tally.problems.append(f"{name}: GNU wrote it, we failed: {ours[:300]}")
        return
    our_blocks = ours.split(b"\n\n")
    matcher = difflib.SequenceMatcher(None, gnu_blocks, our_blocks, autojunk=False)
    if gnu == ours:
        same = set(range(len(gnu_blocks)))
    else:
        same = {block.a + k for block in matcher.get_matching_blocks() for k in range(block.size)}
    for index, block in enumerate(gnu_blocks):
        tally.add(entry_flags(block), agrees=index in same)
    if gnu != ours:
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            diff = difflib.unified_diff(
                b"\n\n".join(gnu_blocks[a1:a2]).decode("utf-8", "replace").split("\n"),
                b"\n\n".join(our_blocks[b1:b2]).decode("utf-8", "replace").split("\n"),
                "GNU",
                "ours",
                lineterm="",
            )
            tally.problems.append(f"{name}, entries {a1}..{a2 - 1}:\n" + "\n".join(list(diff)[:40]))


def copies(tmp_path: Path, archive: Archive) -> list[tuple[str, Path, Path]]:
    """The sampled catalogs: name, cached original (read only) and a copy in tmp_path, which
    the tools may write beside."""
    out = []
    for index, path in enumerate(sample(real_catalogs(archive), archive)):
        copy = tmp_path / f"{index:03d}.po"
        shutil.copyfile(path, copy)
        out.append((relative_name(path), path, copy))
    return out


def ours_or_error(function: Callable[[], bytes], errors: list[str]) -> bytes | str:
    """What ``function`` writes, or why we wrote nothing (parse errors, an exception)."""
    if errors:
        return f"we refuse to read it: {errors[:3]}"
    try:
        return function()
    except Exception as error:  # noqa: BLE001  # any crash of ours is a disagreement to report
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("archive", ARCHIVES, ids=_ids)
def test_written_like_msgattrib(tmp_path, archive):
    """write_po of each parsed catalog is msgattrib's output, byte for byte, entry by entry."""
    msgattrib = require("msgattrib")
    tally = Tally()
    files = copies(tmp_path, archive)
    # GNU's runs go on in threads while this one writes the same catalogs.
    with ThreadPoolExecutor(2) as pool:
        gnu = [pool.submit(run_tool, msgattrib, "--force-po", str(copy)) for *_, copy in files]
        for (name, original, _), future in zip(files, gnu):
            catalog, errors = parsed(original)
            ours = ours_or_error(lambda catalog=catalog: write_po(catalog), errors)
            compare_files(tally, name, future.result(), ours)
    tally.finish("write_po vs msgattrib", archive)


@pytest.mark.parametrize("archive", ARCHIVES, ids=_ids)
def test_minimized_like_msgattrib(tmp_path, archive):
    """minimize of each catalog is msgattrib --translated --no-fuzzy --no-obsolete --no-location --sort-output."""
    msgattrib = require("msgattrib")
    tally = Tally()
    files = copies(tmp_path, archive)
    with ThreadPoolExecutor(2) as pool:
        gnu = [pool.submit(run_tool, msgattrib, *MINIMIZE_OPTIONS, str(copy)) for *_, copy in files]
        for (name, original, _), future in zip(files, gnu):
            catalog, errors = parsed(original)
            ours = ours_or_error(lambda catalog=catalog: write_po(minimize(catalog)), errors)
            compare_files(tally, name, future.result(), ours)
    tally.finish("minimize vs msgattrib", archive)


def template_of(catalog: Catalog) -> Catalog:
    """A template for ``catalog``: its live entries untranslated, without translator comments
    or previous strings and without fuzzy, every tenth one left out, and a template header."""
    entries = [Message("", (POT_HEADER,), flags=["fuzzy"])]
    live = [m for m in catalog.messages if not m.obsolete and not m.is_header]
    for index, message in enumerate(live):
        if index % 10 == 9:
            continue  # lost from the sources: the merge keeps its translation as obsolete
        entries.append(
            dataclasses.replace(
                message,
                msgstr=("", "") if message.msgid_plural is not None else ("",),
                flags=[flag for flag in message.flags if flag != "fuzzy"],
                translator_comments=[],
                previous=[],
            )
        )
    return Catalog(entries, charset="utf-8", declared_charset="UTF-8")


@pytest.mark.parametrize("archive", ARCHIVES, ids=_ids)
def test_expanded_like_msgmerge(tmp_path, archive):
    """expand of msgattrib's minimized catalog with a template of the catalog is msgmerge's output."""
    msgattrib = require("msgattrib")
    msgmerge = require("msgmerge")
    tally = Tally()
    jobs = []
    for name, original, copy in copies(tmp_path, archive):
        catalog, errors = parsed(original)
        if errors:
            tally.problems.append(f"{name}: we refuse to read it: {errors[:3]}")
            continue
        mini = copy.with_suffix(".mini.po")
        minimized = run_tool(msgattrib, *MINIMIZE_OPTIONS, "-o", str(mini), str(copy))
        if isinstance(minimized, str):
            tally.notes.append(f"{name}: msgattrib refused it: {minimized.strip()[:300]}")
            continue
        template = copy.with_suffix(".pot")
        template.write_bytes(write_po(template_of(catalog)))
        jobs.append((name, mini, template))
    with ThreadPoolExecutor(2) as pool:
        gnu = [
            pool.submit(
                run_tool,
                *(msgmerge, "--quiet", "--force-po", "--no-fuzzy-matching"),
                *("-o", "-", str(mini), str(template)),
            )
            for _, mini, template in jobs
        ]
        for (name, mini, template), future in zip(jobs, gnu):
            mini_catalog, errors = read(mini)
            template_catalog, template_errors = read(template)

            def merge(mini_catalog=mini_catalog, template_catalog=template_catalog) -> bytes:
                return write_po(expand(mini_catalog, template_catalog))

            ours = ours_or_error(merge, errors + template_errors)
            compare_files(tally, name, future.result(), ours)
    tally.finish("expand vs msgmerge --no-fuzzy-matching", archive)
