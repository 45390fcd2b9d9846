"""Shared by the tests of the Smalltalk, YCP, Qt, Qt plural, KDE and KDE KUIT scanners."""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Callable

from format_oracle import msgfmt_verdicts
from format_samples import CZECH, ENGLISH, rule
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.checks import check_formats, lenient_forms
from wrap_oracle import Entry, mismatches

if TYPE_CHECKING:
    import random
    from pathlib import Path

Case = tuple[str, str, "str | None", list[str]]
FILLER = "Some filler words that push the directive close to the wrap column "


def refused(flag: str, msgid: str, msgstr: str) -> list[str]:
    """What msgfmt -c would print about a singular entry, as check_formats says it."""
    return [p.message for p in check_formats([flag], msgid, None, [msgstr]) if p.gnu_refuses]


def plural_refused(flag: str, msgid: str, plural: str, msgstrs: list[str]) -> list[str]:
    """The same for a plural entry under the Czech rule (forms 0 and 1 lenient)."""
    lenient = lenient_forms(rule(CZECH), len(msgstrs))
    found = check_formats([flag], msgid, plural, msgstrs, lenient)
    return [p.message for p in found if p.gnu_refuses]


def generated_cases(
    flag: str, make: Callable[[], str], rng: random.Random, count: int
) -> tuple[list[Case], list[Case], list[Case]]:
    """Singular pairs, English plural entries and Czech plural entries from ``make``."""
    singular: list[Case] = [(flag, make(), None, [make()]) for _ in range(count)]
    english: list[Case] = []
    czech: list[Case] = []
    for _ in range(count // 4):
        english.append((flag, make(), make(), [make(), make()]))
        czech.append((flag, make(), make(), [make(), make(), make()]))
    # Some translations keep the msgid as it is, so that many entries are accepted.
    for cases in (singular, english, czech):
        for k in range(0, len(cases), 3):
            f, msgid, plural, msgstrs = cases[k]
            reference = plural if plural is not None else msgid
            cases[k] = (f, msgid, plural, [reference if rng.random() < 0.7 else s for s in msgstrs])
    return singular, english, czech


def compare_with_msgfmt(
    tmp_path: Path, batches: list[tuple[list[Case], int, str]]
) -> tuple[int, int]:
    """Assert every entry's first refusal is what msgfmt prints; (entries, refused)."""
    total = refused_count = 0
    for number, (cases, nplurals, expression) in enumerate(batches):
        directory = tmp_path / str(number)
        directory.mkdir()
        printed = msgfmt_verdicts(directory, cases, nplurals, expression)
        lenient = lenient_forms(rule(expression), nplurals)
        for (flags, msgid, plural, msgstrs), gnu in zip(cases, printed):
            found = check_formats(
                [flags], msgid, plural, msgstrs, lenient if plural else frozenset()
            )
            ours = [p.message for p in found if p.gnu_refuses][:1]
            assert ours == gnu, (msgid, plural, msgstrs)
            total += 1
            refused_count += bool(gnu)
    return total, refused_count


def oracle_batches(
    tmp_path: Path, flag: str, make: Callable[[], str], rng: random.Random, count: int
) -> tuple[int, int]:
    """Generate, compare with msgfmt, and check the batch is balanced; (entries, refused)."""
    singular, english, czech = generated_cases(flag, make, rng, count)
    total, refused_count = compare_with_msgfmt(
        tmp_path, [(singular, 2, ENGLISH), (english, 2, ENGLISH), (czech, 3, CZECH)]
    )
    assert total >= 1000
    assert 0.15 * total <= refused_count <= 0.85 * total, (total, refused_count)
    return total, refused_count


def wrap_entries(flag: str, directives: list[str]) -> list[Entry]:
    """Entries whose directives straddle the wrap column at many positions."""
    entries = []
    for directive in directives:
        for shift in range(0, 24, 2):
            text = FILLER[: len(FILLER) - shift] + "x" * shift + directive + " tail " * 4
            text += directive + " and " + FILLER
            entries.append(Entry(text, text, msgctxt=f"{directive} {shift}", flags=(flag,)))
            short = "x" * shift + directive + " y " + directive + "z" * 9
            entries.append(Entry(short, short, msgctxt=f"short {directive} {shift}", flags=(flag,)))
    return entries


def assert_wraps_like_msgattrib(tmp_path: Path, flag: str, directives: list[str]) -> None:
    """msgattrib and wrap_po_string break the entries' lines alike at widths 79 and 30."""
    entries = wrap_entries(flag, directives)
    for width in (79, 30):
        compared, problems = mismatches(entries, tmp_path, width=width)
        assert problems == []
        assert compared > 0


def best_time(function: Callable[[], object], repeat: int) -> float:
    """Best of 7 timings of ``repeat`` calls (fast calls are repeated to be measurable)."""
    best = float("inf")
    for _ in range(7):
        start = time.process_time()
        for _ in range(repeat):
            function()
        best = min(best, time.process_time() - start)
    return best


def assert_linear(scan: Callable[[str], object], make: Callable[[int], str]) -> None:
    """Scanning 16,000 units takes less than 6 times as long as 4,000 (valid or not)."""

    def run(text: str) -> None:
        with contextlib.suppress(Invalid):
            scan(text)

    small, large = make(4000), make(16000)
    start = time.process_time()
    run(small)
    # Enough calls that the small case takes some 10 ms: the clock's grain does not count.
    repeat = max(1, min(1000, int(0.01 / max(time.process_time() - start, 1e-6))))
    ratio = best_time(lambda: run(large), repeat) / max(best_time(lambda: run(small), repeat), 1e-6)
    assert ratio < 6, ratio
