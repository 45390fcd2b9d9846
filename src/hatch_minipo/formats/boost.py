"""Boost format strings (``boost-format``): boost::format("%1% has %2% items") % name % n.

The scanner is gettext 0.21's format-boost.c: '%m%', or a printf-like directive starting
with '%' or '%|' (then ending with '|', its conversion optional), with an optional 'm$',
flags, a width and a precision ('*' or '*m$' reads an argument), sizes and a conversion.
Numbered and unnumbered arguments may not be mixed.
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
    UNTERMINATED,
    Invalid,
    argno_0,
    bad_conversion,
    digit,
    read_uint,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Boost"

NONE, INTEGER, DOUBLE, CHAR, POINTER, ANY = range(6)

_CONVERSIONS = {
    **dict.fromkeys("cC", CHAR),
    **dict.fromkeys("sS", ANY),
    **dict.fromkeys("idouxX", INTEGER),
    **dict.fromkeys("eEfgG", DOUBLE),
    "p": POINTER,
    "t": NONE,
    "n": NONE,
}
_FLAGS = frozenset(" +-#0'_=hl")
_SIZES = frozenset("hlL")


def _combine(earlier: int, later: int) -> int | None:
    # "%s" (any type) agrees with every other use of its argument.
    if later in (earlier, ANY):
        return earlier
    if earlier == ANY:
        return later
    return None


class _Scan:
    """One pass over a Boost format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.numbered: list[tuple[int, int]] = []
        self.unnumbered: list[int] = []
        self.directives = 0

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def use(self, number: int, kind: int, i: int) -> None:
        """An argument of ``kind``, numbered unless ``number`` is 0; ``i`` is after its text."""
        if number:
            if self.unnumbered:
                raise self.fail(i - 1, MIXES_NUMBERED)
            self.numbered.append((number, kind))
        else:
            if self.numbered:
                raise self.fail(i - 1, MIXES_NUMBERED)
            self.unnumbered.append(kind)

    def star(self, i: int, of: str) -> int:
        """The '*' or '*m$' whose '*' is at ``i``, the ``of`` size: the index after it."""
        i += 1
        number = 0
        if digit(self.at(i)):
            m, f = read_uint(self.text, i)
            if self.at(f) == "$":
                if m == 0:
                    raise self.fail(f, argno_0(self.directives, f"{of} "))
                number = m
                i = f + 1
        self.use(number, INTEGER, i)
        return i

    def size(self, i: int, of: str) -> int:
        """A width or precision at ``i``: the index after it."""
        if self.at(i) == "*":
            return self.star(i, of)
        while digit(self.at(i)):
            i += 1
        return i

    def conversion(self, i: int, brackets: bool) -> tuple[int, int]:
        """The conversion at ``i`` and a '%|' directive's closing '|': (type, index after)."""
        char = self.at(i)
        if char in _CONVERSIONS and char:
            kind = _CONVERSIONS[char]
            i += 1
        elif char == "T":
            # 'T' and the fill character after it.
            if not self.at(i + 1):
                raise self.fail(i, UNTERMINATED)
            kind = NONE
            i += 2
        elif char == "|" and brackets:
            kind = ANY
        elif not char:
            raise self.fail(i - 1, UNTERMINATED)
        else:
            raise self.fail(i, bad_conversion(self.directives, char))
        if brackets:
            if not self.at(i):
                raise self.fail(i - 1, UNTERMINATED)
            if self.at(i) != "|":
                raise self.fail(
                    i,
                    f"The directive number {self.directives} starts with | but does not end "
                    "with |.",
                )
            i += 1
        return kind, i

    def directive(self, i: int) -> int:
        """The directive whose '%' is just before ``i``: the index after it."""
        if self.at(i) == "%":
            return i + 1
        brackets = self.at(i) == "|"
        if brackets:
            i += 1
        number = 0
        if digit(self.at(i)) and self.at(i) != "0":
            m, f = read_uint(self.text, i)
            ends = self.at(f)
            if (ends == "%" and not brackets) or ends == "$":
                if m == 0:  # the number wrapped round
                    raise self.fail(f, argno_0(self.directives))
                number = m
                i = f + 1
                if ends == "%":
                    self.use(number, ANY, i)
                    return i
        while self.at(i) in _FLAGS and self.at(i):
            i += 1
        i = self.size(i, "width's")
        if self.at(i) == ".":
            i = self.size(i + 1, "precision's")
        while self.at(i) in _SIZES and self.at(i):
            i += 1
        kind, i = self.conversion(i, brackets)
        if kind != NONE:
            self.use(number, kind, i)
        return i

    def run(self) -> family.Args:
        i = self.text.find("%")
        while i >= 0:
            self.marks.set(i, START)
            self.directives += 1
            i = self.directive(i + 1)
            self.marks.set(i - 1, END)
            i = self.text.find("%", i)
        if self.unnumbered:
            return tuple((k + 1, kind) for k, kind in enumerate(self.unnumbered))
        return family.merge(self.numbered, _combine)


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001
    marks: Marks = NO_MARKS,
) -> family.Args:
    """format_parse: the arguments, sorted by number, with their types; raises Invalid."""
    return _Scan(text, marks).run()


def check(ref: family.Args, got: family.Args, where: Where) -> str | None:
    """format-boost.c's format_check: its first complaint, or None."""
    return family.check(ref, got, where)
