"""What gettext 0.21's format-php.c, format-javascript.c and format-awk.c share.

The three parsers describe a string as a sorted list of (argument number, type) pairs, read
"%m$" numbers into an ``unsigned int`` and compare two descriptions with the same
format_check (JavaScript's with a twist, see :func:`check`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats.base import (
    ERROR,
    Invalid,
    incompatible_types,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hatch_minipo.formats.base import Marks, Where

# A description: (argument number, type) pairs, sorted by number, each number once.
Args = tuple[tuple[int, int], ...]


def c_string(text: str) -> str:
    # The parsers read a C string: a NUL ends it.
    nul = text.find("\0")
    return text if nul < 0 else text[:nul]


def fail(marks: Marks, position: int, reason: str) -> Invalid:
    """FDI_SET (position, FMTDIR_ERROR), and the reason to raise."""
    marks.set(position, ERROR)
    return Invalid(reason)


def numbered(pairs: Iterable[tuple[int, int]]) -> Args:
    """Sort the pairs by number and merge duplicates, as the parsers do after the scan."""
    merged: dict[int, int] = {}
    clash = 0
    for number, kind in sorted(pairs, key=lambda pair: pair[0]):
        if merged.setdefault(number, kind) != kind and not clash:
            # Sorted, so the first clash found is the smallest number used two ways.
            clash = number
    if clash:
        raise Invalid(incompatible_types(clash))
    return tuple(merged.items())


def unknown(number: int, where: Where) -> str:
    return (
        f"a format specification for argument {number}, as in '{where.pstr}', doesn't exist "
        f"in '{where.pid}'"
    )


def missing(number: int, where: Where) -> str:
    return f"a format specification for argument {number} doesn't exist in '{where.pstr}'"


def check(ref: Args, got: Args, where: Where, any_type: int | None = None) -> str | None:
    """The shared format_check: its first complaint, or None.

    With ``any_type`` (JavaScript's FAT_ANY), a lenient comparison also accepts a type
    change when the msgid's type is "any", or when the translation's argument at the
    *msgid's* index is: format-javascript.c indexes the translation with ``i`` there, not
    ``j``.  Past the translation's arguments that reads unset memory, which msgfmt 0.21 was
    seen to take as not "any".
    """
    i = j = 0
    n1, n2 = len(ref), len(got)
    while i < n1 or j < n2:
        if i >= n1:
            return unknown(got[j][0], where)
        if j >= n2 or ref[i][0] < got[j][0]:
            if where.strict:
                return missing(ref[i][0], where)
            i += 1
        elif ref[i][0] > got[j][0]:
            return unknown(got[j][0], where)
        else:
            i += 1
            j += 1
    i = j = 0
    while j < n2:
        if ref[i][0] != got[j][0]:
            i += 1
            continue
        want, have = ref[i][1], got[j][1]
        if want != have and not (
            any_type is not None
            and not where.strict
            and (want == any_type or (i < n2 and got[i][1] == any_type))
        ):
            return where.not_same(str(got[j][0]))
        i += 1
        j += 1
    return None
