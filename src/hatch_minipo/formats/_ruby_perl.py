"""Argument lists as gettext 0.21's format-ruby.c and format-perl.c finish them (shared by
``ruby`` and ``perl``).

Both parsers end by sorting the arguments they met (by number or by name), keeping one entry
per argument, and refusing the string when two uses of an argument want different types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from hatch_minipo.formats.base import Invalid

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

_Key = TypeVar("_Key")


def merged(
    uses: Iterable[tuple[_Key, int]],
    conflict: Callable[[_Key], str],
    order: Callable[[_Key], Any],
) -> tuple[tuple[_Key, int], ...]:
    """One (argument, type) per argument, sorted; Invalid(conflict(argument)) for the first
    argument in that order used with two types.

    ``order`` sorts the arguments as the C code's comparison does (strcmp for names).
    """
    types: dict[_Key, int] = {}
    clashes: list[_Key] = []
    for key, kind in uses:
        if types.setdefault(key, kind) != kind:
            clashes.append(key)
    if clashes:
        # gettext reports the first clash of the sorted list.
        raise Invalid(conflict(min(clashes, key=order)))
    return tuple(sorted(types.items(), key=lambda item: order(item[0])))
