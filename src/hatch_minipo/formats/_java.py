"""What the Java MessageFormat and Java printf scanners share: numbered arguments with types.

gettext 0.21's format-java.c and format-java-printf.c keep the same ``struct numbered_arg``
list, merge it the same way after parsing and compare two lists with the same walk; only the
wording of the argument ("{0}" or "0") and which types merge differ.  The C# scanner reads its
argument numbers into the same ``unsigned int``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats.base import UINT_MASK, Invalid, incompatible_types

if TYPE_CHECKING:
    from collections.abc import Callable

    from hatch_minipo.formats.base import Where

# (argument number, type), sorted by number, one entry per number.
Numbered = tuple[tuple[int, int], ...]


def u32_digits(text: str, start: int, end: int) -> int:
    """``number = 10 * number + digit`` over ``text[start:end]`` in a C ``unsigned int``."""
    number = 0
    for i in range(start, end):
        number = (number * 10 + ord(text[i]) - 48) & UINT_MASK
    return number


def merge(found: list[tuple[int, int]], combine: Callable[[int, int], int | None]) -> Numbered:
    """Sort the arguments and merge the repeats, as format_parse does after its loop.

    ``combine`` gives the merged type of two uses, or None when they are incompatible; the
    reason names the lowest such number.
    """
    found.sort(key=lambda pair: pair[0])
    merged: list[list[int]] = []
    bad: int | None = None
    for number, kind in found:
        if merged and merged[-1][0] == number:
            both = combine(kind, merged[-1][1])
            if both is None:
                both = 0  # FAT_NONE
                if bad is None:
                    bad = number
            merged[-1][1] = both
        else:
            merged.append([number, kind])
    if bad is not None:
        raise Invalid(incompatible_types(bad))
    return tuple((number, kind) for number, kind in merged)


def check(ref: Numbered, got: Numbered, where: Where, name: Callable[[int], str]) -> str | None:
    """format_check of both files: the first complaint; ``name`` words an argument number."""
    i = j = 0
    while i < len(ref) or j < len(got):
        if i >= len(ref):
            cmp = 1
        elif j >= len(got):
            cmp = -1
        else:
            cmp = (ref[i][0] > got[j][0]) - (ref[i][0] < got[j][0])
        if cmp > 0:
            # Refused even when lenient: the program does not pass that argument.
            return (
                f"a format specification for argument {name(got[j][0])}, as in '{where.pstr}', "
                f"doesn't exist in '{where.pid}'"
            )
        if cmp < 0:
            if where.strict:
                return (
                    f"a format specification for argument {name(ref[i][0])} doesn't exist in "
                    f"'{where.pstr}'"
                )
            i += 1
        else:
            i += 1
            j += 1
    types = dict(ref)
    for number, kind in got:
        if types[number] != kind:
            return (
                f"format specifications in '{where.pid}' and '{where.pstr}' for argument "
                f"{name(number)} are not the same"
            )
    return None
