"""Object Pascal format strings (``object-pascal-format``): Format('%s has %d items', [s, n]).

The scanner is gettext 0.21's format-pascal.c: '%', an optional index ('m:', ':' or '*:'),
a '-' flag, a width and a precision ('*' reads an argument), and a case-insensitive
conversion.  Arguments count from 0; an index does not move the "current argument", so
numbered and unnumbered directives may be mixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _tcl_family as family
from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UINT_MASK,
    UNTERMINATED,
    Invalid,
    bad_conversion,
    digit,
    read_uint,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Object Pascal"

INTEGER, FLOAT, STRING, POINTER = range(4)

# Lower case only: the parser folds ASCII letters with c_tolower.
_CONVERSIONS = {
    **dict.fromkeys("dux", INTEGER),
    **dict.fromkeys("efgnm", FLOAT),
    "s": STRING,
    "p": POINTER,
}

# How the directive names its main argument.
_UNNUMBERED, _NUMBERED, _UNKNOWN = range(3)


def _c_tolower(c: str) -> str:
    # ASCII only: str.lower() would fold non-ASCII letters the C code leaves alone.
    return chr(ord(c) + 32) if "A" <= c <= "Z" else c


class _Scan:
    """One pass over an Object Pascal format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.args: list[tuple[int, int]] = []
        self.directives = 0
        self.unnumbered = 0  # the "current argument index"

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def next_argument(self, kind: int) -> None:
        # For a '*' precision, format-pascal.c 0.21 decides whether to grow its array from
        # the wrong count and, after an 'm:' index, writes past the end: msgfmt then reads
        # the string as this list does when the overrun is short, and aborts ("free():
        # invalid next size") when it is not.  A crash cannot be copied; the code's intent can.
        self.args.append((self.unnumbered, kind))
        self.unnumbered = (self.unnumbered + 1) & UINT_MASK

    def index(self, i: int) -> tuple[int, int, int]:
        """The optional index at ``i``: (how the main argument is named, number, index after)."""
        c = self.at(i)
        if digit(c) or c == ":":
            m, f = read_uint(self.text, i)
            if self.at(f) == ":":
                return _NUMBERED, m, f + 1
        elif c == "*" and self.at(i + 1) == ":":
            return _UNKNOWN, 0, i + 2
        return _UNNUMBERED, 0, i

    def size(self, i: int) -> int:
        """Digits or '*' at ``i``: the index after them (``i`` when there are neither)."""
        if digit(self.at(i)):
            while digit(self.at(i)):
                i += 1
        elif self.at(i) == "*":
            self.next_argument(INTEGER)
            i += 1
        return i

    def directive(self, i: int) -> int:
        """The directive whose '%' is just before ``i``: the index of its last character."""
        if self.at(i) == "%":
            return i
        main, number, i = self.index(i)
        if self.at(i) == "-":
            i += 1
        i = self.size(i)
        if self.at(i) == ".":
            after = self.size(i + 1)
            # A '.' with neither digits nor '*' after it is read as the conversion.
            i = after if after > i + 1 else i
        char = self.at(i)
        kind = _CONVERSIONS.get(_c_tolower(char))
        if kind is None:
            if not char:
                raise self.fail(i - 1, UNTERMINATED)
            raise self.fail(i, bad_conversion(self.directives, char))
        if main == _NUMBERED:
            self.args.append((number, kind))
        else:
            # A '*:' index reads the argument number from the current argument, an integer.
            self.next_argument(kind if main == _UNNUMBERED else INTEGER)
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
    """format_parse: the arguments, sorted by number (from 0), with their types; raises Invalid."""
    return _Scan(text, marks).run()


def check(ref: family.Args, got: family.Args, where: Where) -> str | None:
    """format-pascal.c's format_check: its first complaint, or None."""
    return family.check(ref, got, where)
