"""What gettext 0.21's Tcl, Boost and Object Pascal parsers share: numbered argument lists.

format-tcl.c, format-boost.c and format-pascal.c each describe a string as a list of
(argument number, type) pairs, sorted and merged the same way, and compare two lists with the
same format_check; only the rule for merging two uses of one number differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats.base import (
    Invalid,
    incompatible_types,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from hatch_minipo.formats.base import Where

# The arguments of a string: (number, type) pairs, sorted by number, each number once.
Args = tuple[tuple[int, int], ...]


def same_or_none(earlier: int, later: int) -> int | None:
    """format-tcl.c's and format-pascal.c's rule: two uses of a number must agree."""
    return earlier if earlier == later else None


def merge(args: list[tuple[int, int]], combine: Callable[[int, int], int | None]) -> Args:
    """The parsers' qsort and removal of duplicates; Invalid at the first clash of types.

    ``combine(earlier, later)`` is the merged type of two uses of one number, None when
    they are incompatible.  Every parser's rule is commutative and associative, so the order
    qsort leaves equal numbers in does not matter.
    """
    merged: list[tuple[int, int]] = []
    clash: int | None = None
    for number, kind in sorted(args, key=lambda arg: arg[0]):
        if merged and merged[-1][0] == number:
            both = combine(merged[-1][1], kind)
            if both is None:
                if clash is None:
                    clash = number
                both = merged[-1][1]  # the verdict is taken; the type no longer matters
            merged[-1] = (number, both)
        else:
            merged.append((number, kind))
    if clash is not None:
        raise Invalid(incompatible_types(clash))
    return tuple(merged)


def _unknown(number: int, where: Where) -> str:
    return (
        f"a format specification for argument {number}, as in '{where.pstr}', doesn't exist "
        f"in '{where.pid}'"
    )


def _missing(number: int, where: Where) -> str:
    return f"a format specification for argument {number} doesn't exist in '{where.pstr}'"


def check(ref: Args, got: Args, where: Where) -> str | None:
    """The format_check of the three files: the first complaint, or None."""
    i = j = 0
    n1, n2 = len(ref), len(got)
    while i < n1 or j < n2:
        if i >= n1 or (j < n2 and ref[i][0] > got[j][0]):
            # Refused even when lenient: the translation reads an argument nobody passes.
            return _unknown(got[j][0], where)
        if j >= n2 or ref[i][0] < got[j][0]:
            if where.strict:
                return _missing(ref[i][0], where)
            i += 1
        else:
            i += 1
            j += 1
    # Every number of the translation is now known to be the msgid's too.
    i = j = 0
    while j < n2:
        if ref[i][0] == got[j][0]:
            if ref[i][1] != got[j][1]:
                return where.not_same(str(got[j][0]))
            j += 1
        i += 1
    return None
