"""Generated entries for the Smalltalk, YCP, Qt, Qt plural, KDE, KDE KUIT, GCC and GFC internal,
Emacs Lisp and librep tests: strings from a language's own generator, as msgids and as
translations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from format_oracle import english_and_czech

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from format_oracle import Batch, Case


def generated_batches(
    flag: str, make: Callable[[], str], rng: random.Random, count: int
) -> list[Batch]:
    """``count`` singular pairs, and ``count // 4`` plural entries in English and in Czech,
    every string from ``make``."""
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
    return english_and_czech(singular, english, czech)
