"""Generated entries for the Tcl, Boost, Object Pascal, Shell, Lisp and Scheme tests: a
language's family of strings, a msgid with its translations."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Callable

from format_samples import CZECH, ENGLISH

if TYPE_CHECKING:
    from format_oracle import Batch, Case

# Makes k strings of one family: the first is the msgid, the others its translations.
Family = Callable[[random.Random, int], list[str]]


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


def family_batches(flag: str, family: Family, seed: int) -> list[Batch]:
    """900 entries, singular and plural, in an English catalog; 300 plural ones in a Czech."""
    return [
        (_batch(flag, family, seed + 2, 900, 2), 2, ENGLISH),
        (_batch(flag, family, seed + 3, 300, 3), 3, CZECH),
    ]
