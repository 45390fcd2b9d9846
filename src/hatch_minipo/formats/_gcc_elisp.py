"""Numbered arguments as four gettext 0.21 parsers keep them: (number, type) pairs.

format-gcc-internal.c, format-gfc-internal.c, format-elisp.c and format-librep.c share this
code word for word: the parser sorts the arguments by number and merges repeats, refusing an
argument used with two types, and (except gfc's) format_check walks the two sorted lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats.base import Invalid, incompatible_types

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hatch_minipo.formats.base import Where

# Argument numbers are C unsigned ints: they wrap as these do.

# A description: (argument number, type) pairs, sorted by number, each number once.
Args = tuple[tuple[int, int], ...]


def merge(pairs: Iterable[tuple[int, int]]) -> Args:
    """Sort by number and merge repeats; Invalid naming the lowest number used two ways.

    gettext's qsort is not stable, but only whether repeats agree matters, not their order.
    """
    merged: list[tuple[int, int]] = []
    bad: int | None = None
    for number, kind in sorted(pairs, key=lambda pair: pair[0]):
        if merged and merged[-1][0] == number:
            if merged[-1][1] != kind:
                if bad is None:
                    bad = number
                merged[-1] = (number, 0)  # FAT_NONE: every later repeat disagrees too
        else:
            merged.append((number, kind))
    if bad is not None:
        raise Invalid(incompatible_types(bad))
    return tuple(merged)


def check(ref: Args, got: Args, where: Where) -> str | None:
    """The argument part of format_check in format-elisp.c (and librep's, and gcc's)."""
    i = j = 0
    while i < len(ref) or j < len(got):
        if i >= len(ref):
            cmp = 1
        elif j >= len(got):
            cmp = -1
        else:
            cmp = (ref[i][0] > got[j][0]) - (ref[i][0] < got[j][0])
        if cmp > 0:
            return (
                f"a format specification for argument {got[j][0]}, as in '{where.pstr}', "
                f"doesn't exist in '{where.pid}'"
            )
        if cmp < 0:
            if where.strict:
                return (
                    f"a format specification for argument {ref[i][0]} doesn't exist in "
                    f"'{where.pstr}'"
                )
            i += 1
        else:
            i += 1
            j += 1
    # Every number of the translation is now known to be in the reference.
    i = 0
    for number, kind in got:
        while ref[i][0] != number:
            i += 1
        if ref[i][1] != kind:
            return where.not_same(str(number))
        i += 1
    return None
