"""Shared by the tests of the Tcl, Boost, Object Pascal and Shell scanners: oracle batches."""

from __future__ import annotations

import contextlib
import gc
import random
import time
from typing import TYPE_CHECKING, Callable

from format_oracle import msgfmt_verdicts
from format_samples import CZECH, ENGLISH, rule
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.checks import check_formats, lenient_forms
from wrap_oracle import Entry, mismatches

if TYPE_CHECKING:
    from pathlib import Path

Case = tuple[str, str, "str | None", list[str]]
# Makes k strings of one family: the first is the msgid, the others its translations.
Family = Callable[[random.Random, int], list[str]]


def refused(flag: str, msgid: str, msgstr: str) -> list[str]:
    """What msgfmt -c would print about a singular entry, as check_formats says it."""
    return [p.message for p in check_formats([flag], msgid, None, [msgstr]) if p.gnu_refuses]


def plural_refused(flag: str, msgid: str, plural: str, msgstrs: list[str]) -> list[str]:
    """The same for a plural entry under the Czech rule (forms 0 and 1 lenient)."""
    lenient = lenient_forms(rule(CZECH), len(msgstrs))
    found = check_formats([flag], msgid, plural, msgstrs, lenient)
    return [p.message for p in found if p.gnu_refuses]


def _batch(flag: str, family: Family, seed: int, count: int, nplurals: int) -> list[Case]:
    rng = random.Random(seed)  # noqa: S311 - reproducible, not secret
    cases: list[Case] = []
    for _ in range(count):
        if nplurals == 2 and rng.random() < 0.6:
            msgid, msgstr = family(rng, 2)
            # An empty msgid is not checked; an empty msgstr is untranslated.
            cases.append((flag, msgid or "x", None, [msgstr or "x"]))
        else:
            strings = family(rng, 2 + nplurals)
            msgid, plural, *msgstrs = strings
            msgstrs[0] = msgstrs[0] or "x"
            cases.append((flag, msgid or "x", plural, msgstrs))
    return cases


def oracle_agrees(tmp_path: Path, flag: str, family: Family, seed: int) -> tuple[int, int]:
    """Generated entries (singular, and plural in English and Czech) through msgfmt -c.

    Asserts that check_formats refuses each with msgfmt's first message and that the batch
    is balanced; returns (entries, refused).
    """
    total = refused_count = 0
    disagree: list[str] = []
    for nplurals, expression, count in ((2, ENGLISH, 900), (3, CZECH, 300)):
        cases = _batch(flag, family, seed + nplurals, count, nplurals)
        folder = tmp_path / f"n{nplurals}"
        folder.mkdir()
        printed = msgfmt_verdicts(folder, cases, nplurals, expression)
        lenient = lenient_forms(rule(expression), nplurals)
        for case, gnu in zip(cases, printed):
            _, msgid, plural, msgstrs = case
            found = check_formats([flag], msgid, plural, msgstrs, lenient)
            ours = [p.message for p in found if p.gnu_refuses][:1]
            if ours != gnu:
                disagree.append(f"{case!r}: ours {ours} GNU {gnu}")
            refused_count += bool(gnu)
        total += len(cases)
    assert disagree == [], f"{len(disagree)} of {total}:\n" + "\n".join(disagree[:20])
    assert 0.15 * total <= refused_count <= 0.85 * total, (refused_count, total)
    return total, refused_count


def wrap_entries(flag: str, directives: list[str], width: int) -> list[Entry]:
    """Entries whose directives start at every column around the wrap column ``width``."""
    entries = []
    words = "ab cde f ghij kl mnopq rs t uvw xyz " * 8
    for number, directive in enumerate(directives):
        for start in range(width - 16, width + 2):
            # The second directive lands around the next line's end.
            text = words[:start] + directive + " " + words[: width - 6] + directive + " end"
            entries.append(Entry(text, text, msgctxt=f"{number} {start}", flags=(flag,)))
    return entries


def wrap_agrees(tmp_path: Path, flag: str, directives: list[str]) -> int:
    """Asserts that msgattrib wraps the entries as minipo does, at widths 79 and 30."""
    compared_all = 0
    for width in (79, 30):
        compared, problems = mismatches(
            wrap_entries(flag, directives, width), tmp_path, width=width
        )
        assert problems == []
        assert compared > 0
        compared_all += compared
    return compared_all


def _seconds(scan: Callable[[str], object], text: str) -> float:
    best = float("inf")
    # CPU time, the best of seven: other tests running beside stretch the wall clock.
    for _ in range(7):
        gc.collect()  # the garbage of the previous run is not this one's to collect
        started = time.process_time()
        with contextlib.suppress(Invalid):
            scan(text)
        best = min(best, time.process_time() - started)
    return best


def ratio(scan: Callable[[str], object], build: Callable[[int], str]) -> float:
    """How much longer scanning build(16000) takes than build(4000) (4 when linear)."""
    small = _seconds(scan, build(4000))
    large = _seconds(scan, build(16000))
    return large / max(small, 1e-6)


def pairs_agree(tmp_path: Path, flag: str, pairs: list[tuple[str, str]]) -> None:
    """Asserts that msgfmt -c says of each (msgid, msgstr) what check_formats says first."""
    cases: list[Case] = [(flag, msgid, None, [msgstr]) for msgid, msgstr in pairs]
    printed = msgfmt_verdicts(tmp_path, cases, 2, ENGLISH)
    ours = [refused(flag, msgid, msgstr)[:1] for msgid, msgstr in pairs]
    assert ours == printed
