"""awk format strings (``awk-format``): printf "%s has %*d\\n", name, width, n.

The scanner is gettext 0.21's format-awk.c (gawk's format_tree): the width and precision
may come from arguments ('*', '*2$'), and numbered ("%2$s") and unnumbered argument
specifications may not be mixed.
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

LANGUAGE = "awk"

NONE, CHARACTER, STRING, INTEGER, UNSIGNED, FLOAT = range(6)
_TYPES = {
    "%": NONE,
    "c": CHARACTER,
    "s": STRING,
    "i": INTEGER,
    "d": INTEGER,
    **dict.fromkeys("uoxX", UNSIGNED),
    **dict.fromkeys("eEfgG", FLOAT),
}
_FLAGS = " +-#0"


class _Scan:
    """One pass over an awk format string."""

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

    def argument_number(self, i: int, what: str) -> tuple[int, int]:
        """An optional 'm$' at ``i``: (m or 0, the index after it)."""
        if not digit(self.at(i)):
            return 0, i
        m, dollar = read_uint(self.text, i)
        if self.at(dollar) != "$":
            return 0, i
        if m == 0:
            raise _args.fail(
                self.marks,
                dollar,
                f"In the directive number {self.directives}, the {what}argument number 0 is not "
                "a positive integer.",
            )
        return m, dollar + 1

    def take(self, number: int, kind: int, position: int) -> None:
        """Record an argument; ``position`` is where gettext marks a mix of numbering styles."""
        if self.numbered if not number else self.unnumbered:
            raise _args.fail(self.marks, position, MIXES_NUMBERED)
        if number:
            self.numbered.append((number, kind))
        else:
            self.unnumbered.append((len(self.unnumbered) + 1, kind))

    def size(self, i: int, what: str) -> int:
        """A width or precision at ``i``: '*', '*m$' or digits; the index after it."""
        if self.at(i) != "*":
            return self.skip(i, "0123456789")
        number, i = self.argument_number(i + 1, what)
        self.take(number, INTEGER, i - 1)
        return i

    def directive(self, i: int) -> int:
        """The directive whose '%' is at ``i``; the index of its conversion."""
        self.marks.set(i, START)
        self.directives += 1
        number, i = self.argument_number(i + 1, "")
        i = self.skip(i, _FLAGS)
        i = self.size(i, "width's ")
        if self.at(i) == ".":
            i = self.size(i + 1, "precision's ")
        c = self.at(i)
        kind = _TYPES.get(c)
        if kind is None:
            if c == "":
                raise _args.fail(self.marks, i - 1, UNTERMINATED)
            raise _args.fail(self.marks, i, bad_conversion(self.directives, c))
        if kind != NONE:
            self.take(number, kind, i)
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
    """format-awk.c's format_check: its first complaint, or None."""
    return _args.check(ref, got, where)
