"""JavaScript format strings (``javascript-format``): Gjs's printf-like "%s has %2$d".

The scanner is gettext 0.21's format-javascript.c, a permissive reading of what Gjs 1.40
accepts: numbered ("%2$s") and unnumbered directives may not be mixed, "%j" takes an
argument of any type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _printf_numbered as _args
from hatch_minipo.formats.base import (
    END,
    MIXES_NUMBERED,
    NO_MARKS,
    START,
    UNTERMINATED,
    bad_conversion,
    digit,
    read_uint,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "JavaScript"

NONE, ANY, CHARACTER, STRING, INTEGER, FLOAT = range(6)
_TYPES = {
    "%": NONE,
    "c": CHARACTER,
    "s": STRING,
    **dict.fromkeys("bdoxX", INTEGER),
    "f": FLOAT,
    "j": ANY,
}
_FLAGS = "-+ 0I"


class _Scan:
    """One pass over a JavaScript format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.numbered: list[tuple[int, int]] = []
        self.unnumbered: list[tuple[int, int]] = []
        self.directives = 0

    def at(self, i: int) -> str:
        # C strings end in NUL: reading past the end sees "".
        return self.text[i] if i < len(self.text) else ""

    def skip(self, i: int, chars: str) -> int:
        while self.at(i) and self.at(i) in chars:
            i += 1
        return i

    def directive(self, i: int) -> int:
        """The directive whose '%' is at ``i``; the index of its conversion."""
        self.marks.set(i, START)
        self.directives += 1
        i += 1
        number = 0
        if digit(self.at(i)):
            m, dollar = read_uint(self.text, i)
            if self.at(dollar) == "$":
                if m == 0:
                    raise _args.fail(
                        self.marks,
                        dollar,
                        f"In the directive number {self.directives}, the argument number 0 is "
                        "not a positive integer.",
                    )
                number = m
                i = dollar + 1
        i = self.skip(i, _FLAGS)
        i = self.skip(i, "0123456789")
        if self.at(i) == ".":
            i = self.skip(i + 1, "0123456789")
        c = self.at(i)
        kind = _TYPES.get(c)
        if kind is None:
            if c == "":
                raise _args.fail(self.marks, i - 1, UNTERMINATED)
            raise _args.fail(self.marks, i, bad_conversion(self.directives, c))
        if kind != NONE:
            if self.numbered if not number else self.unnumbered:
                raise _args.fail(self.marks, i, MIXES_NUMBERED)
            if number:
                self.numbered.append((number, kind))
            else:
                self.unnumbered.append((len(self.unnumbered) + 1, kind))
        self.marks.set(i, END)
        return i

    def run(self) -> _args.Args:
        i = self.text.find("%")
        while i >= 0:
            i = self.text.find("%", self.directive(i) + 1)
        if self.unnumbered:
            return tuple(self.unnumbered)
        return _args.numbered(self.numbered)


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> _args.Args:
    """format_parse: (argument number, type) pairs sorted by number; raises Invalid."""
    return _Scan(_args.c_string(text), marks).run()


def check(ref: _args.Args, got: _args.Args, where: Where) -> str | None:
    """format-javascript.c's format_check, "%j" matching any type when lenient."""
    return _args.check(ref, got, where, any_type=ANY)
