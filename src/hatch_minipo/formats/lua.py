"""Lua format strings (``lua-format``): string.format("%s has %5.2f", ...).

The scanner is gettext 0.21's format-lua.c: no flags, no argument numbers; each directive
takes the next argument, and the check compares the argument types in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _printf_numbered as _args
from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    bad_conversion,
    digit,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Lua"

INTEGER, CHARACTER, FLOAT, STRING, ESCAPED_STRING = range(5)
_TYPES = {
    "c": CHARACTER,
    **dict.fromkeys("dioXxu", INTEGER),
    **dict.fromkeys("aAEefgG", FLOAT),
    "s": STRING,
    "q": ESCAPED_STRING,
}


def _skip_digits(text: str, i: int) -> int:
    end = len(text)
    while i < end and digit(text[i]):
        i += 1
    return i


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> tuple[int, ...]:
    """format_parse: the argument types in order; raises Invalid with gettext's reason."""
    nul = text.find("\0")
    if nul >= 0:
        text = text[:nul]  # a C string
    types: list[int] = []
    i = text.find("%")
    while i >= 0:
        marks.set(i, START)
        i += 1
        if text[i : i + 1] != "%":
            i = _skip_digits(text, i)
            if text[i : i + 1] == ".":
                i = _skip_digits(text, i + 1)
            c = text[i : i + 1]
            kind = _TYPES.get(c)
            if kind is None:
                if c == "":
                    marks.set(i - 1, ERROR)
                    raise Invalid(UNTERMINATED)
                marks.set(i, ERROR)
                # gettext numbers the directive by the arguments before it, plus one.
                raise Invalid(bad_conversion(len(types) + 1, c))
            types.append(kind)
        marks.set(i, END)
        i = text.find("%", i + 1)
    return tuple(types)


def check(ref: tuple[int, ...], got: tuple[int, ...], where: Where) -> str | None:
    """format-lua.c's format_check: strict whatever the plural form, its first complaint."""
    for k in range(max(len(ref), len(got))):
        if k >= len(ref):
            return _args.unknown(k + 1, where)
        if k >= len(got):
            return _args.missing(k + 1, where)
        if ref[k] != got[k]:
            return where.not_same(str(k + 1))
    return None
