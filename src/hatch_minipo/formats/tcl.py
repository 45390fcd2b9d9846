"""Tcl format strings (``tcl-format``): [format "%s has %d items" $name $n].

The scanner is gettext 0.21's format-tcl.c: '%' or '%m$', flags, a width and a precision
('*' reads an argument), an 'h' or 'l' size, and a conversion.  Numbered and unnumbered
directives may not be mixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _tcl_family as family
from hatch_minipo.formats.base import (
    END,
    ERROR,
    MIXES_NUMBERED,
    NO_MARKS,
    START,
    UINT_MASK,
    UNTERMINATED,
    Invalid,
    argno_0,
    bad_conversion,
    digit,
    read_uint,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Tcl"

CHARACTER, STRING, INTEGER, UNSIGNED, SHORT, SHORT_UNSIGNED, FLOAT = range(1, 8)

# conversion -> (type, type with the 'h' size)
_CONVERSIONS = {
    "c": (CHARACTER, CHARACTER),
    "s": (STRING, STRING),
    **dict.fromkeys("id", (INTEGER, SHORT)),
    **dict.fromkeys("uoxX", (UNSIGNED, SHORT_UNSIGNED)),
    **dict.fromkeys("eEfgG", (FLOAT, FLOAT)),
}
_FLAGS = frozenset(" +-#0")


class _Scan:
    """One pass over a Tcl format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.args: list[tuple[int, int]] = []
        self.directives = 0
        self.number = 1  # the argument the next unnumbered use takes
        self.seen_numbered = False
        self.seen_unnumbered = False

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def take(self, kind: int) -> None:
        self.args.append((self.number, kind))
        self.number = (self.number + 1) & UINT_MASK

    def numbering(self, i: int) -> int:
        """Read an optional 'm$' at ``i`` and check the numbering style: the index after it."""
        if digit(self.at(i)):
            m, f = read_uint(self.text, i)
            if self.at(f) == "$":
                if m == 0:
                    raise self.fail(f, argno_0(self.directives))
                self.number = m
                i = f + 1
                if self.seen_unnumbered:
                    raise self.fail(i - 1, MIXES_NUMBERED)
                self.seen_numbered = True
                return i
        if self.seen_numbered:
            raise self.fail(i - 1, MIXES_NUMBERED)
        self.seen_unnumbered = True
        return i

    def size(self, i: int) -> int:
        """A width or precision at ``i`` ('*' takes an integer argument): the index after it."""
        if self.at(i) == "*":
            self.take(INTEGER)
            return i + 1
        while digit(self.at(i)):
            i += 1
        return i

    def directive(self, i: int) -> int:
        """The directive whose '%' is just before ``i``: the index of its last character."""
        if self.at(i) == "%":
            return i
        i = self.numbering(i)
        while self.at(i) in _FLAGS and self.at(i):
            i += 1
        i = self.size(i)
        if self.at(i) == ".":
            i = self.size(i + 1)
        short = self.at(i) == "h"
        if short or self.at(i) == "l":
            i += 1
        char = self.at(i)
        kinds = _CONVERSIONS.get(char)
        if kinds is None:
            if not char:
                raise self.fail(i - 1, UNTERMINATED)
            raise self.fail(i, bad_conversion(self.directives, char))
        self.take(kinds[short])
        return i

    def run(self) -> family.Args:
        i = self.text.find("%")
        while i >= 0:
            self.marks.set(i, START)
            self.directives += 1
            i = self.directive(i + 1)
            self.marks.set(i, END)
            i = self.text.find("%", i + 1)
        return family.merge(self.args, family.same_or_none)


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001
    marks: Marks = NO_MARKS,
) -> family.Args:
    """format_parse: the arguments, sorted by number, with their types; raises Invalid."""
    return _Scan(text, marks).run()


def check(ref: family.Args, got: family.Args, where: Where) -> str | None:
    """format-tcl.c's format_check: its first complaint, or None."""
    return family.check(ref, got, where)
