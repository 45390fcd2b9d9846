"""Emacs Lisp format strings (``elisp-format``): (format "%s has %d items" name n).

The scanner is gettext 0.21's format-elisp.c.  librep's (format-librep.c) is the same code
with other flags, no '*' and fewer conversions, so it runs on this scanner too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _gcc_elisp as shared
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

LANGUAGE = "Emacs Lisp"

CHARACTER, INTEGER, FLOAT, OBJECT_PRETTY, OBJECT = range(1, 6)

# The conversions each language knows -> the argument type (0: takes none).
ELISP_CONVERSIONS = {
    "%": 0,
    "c": CHARACTER,
    **dict.fromkeys("dixXo", INTEGER),
    **dict.fromkeys("eEfgG", FLOAT),
    "s": OBJECT_PRETTY,
    "S": OBJECT,
}


class Dialect:
    """What distinguishes one language of this family from the other."""

    __slots__ = ("conversions", "flags", "stars")

    def __init__(self, flags: str, *, stars: bool, conversions: dict[str, int]) -> None:
        self.flags = frozenset(flags)
        self.stars = stars  # '*' takes the width or precision from an argument
        self.conversions = conversions


ELISP = Dialect(" +-#0", stars=True, conversions=ELISP_CONVERSIONS)


class _Scan:
    """One pass over a string of this family."""

    def __init__(self, text: str, dialect: Dialect, marks: Marks) -> None:
        self.text = text
        self.dialect = dialect
        self.marks = marks
        self.pairs: list[tuple[int, int]] = []
        self.number = 1  # the argument the next unnumbered conversion takes

    def at(self, i: int) -> str:
        # C strings end in NUL: reading past the end sees "".
        return self.text[i] if i < len(self.text) else ""

    def take(self, kind: int) -> None:
        self.pairs.append((self.number, kind))
        self.number = (self.number + 1) & UINT_MASK

    def size(self, i: int) -> int:
        """A width or precision at ``i``: '*' (an argument) or digits; the index after it."""
        if self.dialect.stars and self.at(i) == "*":
            self.take(INTEGER)
            return i + 1
        while digit(self.at(i)):
            i += 1
        return i

    def directive(self, i: int, count: int) -> int:
        """The directive whose '%' is at ``i``; the index of its conversion."""
        self.marks.set(i, START)
        i += 1
        if digit(self.at(i)):
            m, f = read_uint(self.text, i)
            # "%0$" is not an argument number: its digits are read again as flags and width.
            if self.at(f) == "$" and m > 0:
                self.number = m
                i = f + 1
        while self.at(i) and self.at(i) in self.dialect.flags:
            i += 1
        i = self.size(i)
        if self.at(i) == ".":
            i = self.size(i + 1)
        char = self.at(i)
        if not char:
            self.marks.set(i - 1, ERROR)
            raise Invalid(UNTERMINATED)
        kind = self.dialect.conversions.get(char)
        if kind is None:
            self.marks.set(i, ERROR)
            raise Invalid(bad_conversion(count, char))
        if kind:
            self.take(kind)
        self.marks.set(i, END)
        return i

    def run(self) -> shared.Args:
        count = 0
        i = self.text.find("%")
        while i >= 0:
            count += 1
            i = self.directive(i, count)
            i = self.text.find("%", i + 1)
        return shared.merge(self.pairs)


def scan_dialect(text: str, dialect: Dialect, marks: Marks) -> shared.Args:
    """format_parse of format-elisp.c / format-librep.c: (number, type) pairs sorted by number."""
    return _Scan(text, dialect, marks).run()


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> shared.Args:
    """The arguments, sorted by number, with their types; raises Invalid with gettext's reason."""
    return scan_dialect(text, ELISP, marks)


def check(ref: shared.Args, got: shared.Args, where: Where) -> str | None:
    """format-elisp.c's format_check: its first complaint, or None."""
    return shared.check(ref, got, where)
