"""Shared by the tests of the Java MessageFormat, Java printf and C# scanners: generated cases,
msgfmt and msgattrib as oracles, timing."""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING, Callable

from format_oracle import msgfmt_verdicts
from format_samples import CZECH, ENGLISH, rule
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.checks import check_formats, lenient_forms
from wrap_oracle import Entry, mismatches

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence
    from pathlib import Path

Case = tuple[str, str, "str | None", list[str]]
FILLER = "Some filler words that push the directive close to the wrap column "
_WORDS = ("a", "file", "b", "été", "x")


def refused(flag: str, msgid: str, msgstr: str) -> list[str]:
    """What msgfmt -c would print about a singular entry, as check_formats says it."""
    return [p.message for p in check_formats([flag], msgid, None, [msgstr]) if p.gnu_refuses]


def plural_refused(flag: str, msgid: str, plural: str, msgstrs: list[str]) -> list[str]:
    """The same for a plural entry under the Czech rule (forms 0 and 1 lenient)."""
    lenient = lenient_forms(rule(CZECH), len(msgstrs))
    found = check_formats([flag], msgid, plural, msgstrs, lenient)
    return [p.message for p in found if p.gnu_refuses]


class Grammar:
    """Draws directives for a language: ``valid()`` and ``broken()`` give one token each."""

    def __init__(
        self,
        valid: Callable[[random.Random], str],
        broken: Callable[[random.Random], str],
        *,
        glue: float = 0.2,
    ) -> None:
        self.valid = valid
        self.broken = broken
        self.glue = glue  # how often a token touches its neighbours

    def compose(self, rng: random.Random, tokens: list[str]) -> str:
        # The string starts and ends with a word, so that msgfmt's checks of leading and
        # trailing newlines stay quiet.
        parts = [rng.choice(_WORDS)]
        parts += [t if rng.random() < self.glue else " " + t + " " for t in tokens]
        parts.append(rng.choice(_WORDS))
        return "".join(parts)

    def reference(self, rng: random.Random) -> list[str]:
        return [self.valid(rng) for _ in range(rng.randint(0, 3))]

    def mutate(self, rng: random.Random, tokens: list[str]) -> list[str]:
        """A translation of ``tokens``: the same, reordered, or with a directive changed."""
        out = list(tokens)
        r = rng.random()
        if r < 0.3:
            return out
        if r < 0.45:
            rng.shuffle(out)
        elif r < 0.55 and out:
            del out[rng.randrange(len(out))]
        elif r < 0.7:
            out.insert(rng.randint(0, len(out)), self.valid(rng))
        elif r < 0.85 and out:
            out[rng.randrange(len(out))] = self.valid(rng)
        else:
            out.insert(rng.randint(0, len(out)), self.broken(rng))
        return out

    def cases(self, flag: str, rng: random.Random, count: int) -> tuple[list[Case], ...]:
        """Singular pairs, English plural entries and Czech plural entries."""
        singular: list[Case] = []
        for _ in range(count):
            ref = self.reference(rng)
            singular.append(
                (flag, self.compose(rng, ref), None, [self.compose(rng, self.mutate(rng, ref))])
            )
        plurals: list[list[Case]] = [[], []]
        for forms, batch in zip((2, 3), plurals):
            for _ in range(count // 4):
                ref = self.reference(rng)
                msgid = self.compose(rng, self.mutate(rng, ref))
                msgstrs = [self.compose(rng, self.mutate(rng, ref)) for _ in range(forms)]
                batch.append((flag, msgid, self.compose(rng, ref), msgstrs))
        return singular, plurals[0], plurals[1]


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
    tmp_path: Path, flag: str, grammar: Grammar, rng: random.Random, count: int
) -> tuple[int, int]:
    """Generate, compare with msgfmt, check the batch is balanced; (entries, refused)."""
    singular, english, czech = grammar.cases(flag, rng, count)
    total, refused_count = compare_with_msgfmt(
        tmp_path, [(singular, 2, ENGLISH), (english, 2, ENGLISH), (czech, 3, CZECH)]
    )
    assert total >= 1000
    assert 0.15 * total <= refused_count <= 0.85 * total, (total, refused_count)
    return total, refused_count


def wrap_entries(flag: str, directives: Sequence[str]) -> list[Entry]:
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


def assert_wraps_like_msgattrib(
    tmp_path: Path, flag: str, directives: Sequence[str], charset: str = "UTF-8"
) -> None:
    """msgattrib and wrap_po_string break the entries' lines alike at widths 79 and 30."""
    entries = wrap_entries(flag, directives)
    for width in (79, 30):
        compared, problems = mismatches(entries, tmp_path, width=width, charset=charset)
        assert problems == []
        assert compared > 0


def _best_time(function: Callable[[], object]) -> float:
    """Best of 7 timings, the garbage collector kept out of them."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(7):
            start = time.process_time()
            function()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def assert_linear(scan: Callable[[str], object], make: Callable[[int], str]) -> None:
    """Scanning ``make(N)`` takes time linear in N (N = 4,000 and 16,000).

    ``make`` builds N directives, or N units of a few characters, so that the shorter string
    takes milliseconds.  A busy machine can slow one timing down: the comparison is tried up to
    three times, which a quadratic scan (sixteen times slower, not four) still fails.
    """

    def run(n: int) -> Callable[[], object]:
        text = make(n)

        def call() -> object:
            try:
                return scan(text)
            except Invalid as invalid:
                return invalid

        return call

    small, large = run(4000), run(16000)
    ratios = []
    for _ in range(3):
        ratios.append(_best_time(large) / max(_best_time(small), 1e-6))
        if ratios[-1] < 6:
            return
    raise AssertionError(ratios)
