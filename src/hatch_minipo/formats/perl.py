"""Perl format strings (``perl-format``): sprintf('%s has %2$d items', ...).

A transcription of gettext 0.21's format-perl.c: the arguments a string takes (numbered and
unnumbered ones may be mixed: '%N$' takes argument N without moving the current one), the
marks its parser sets, and its format_check.
"""

from __future__ import annotations

import dataclasses

from hatch_minipo.formats._ruby_perl import merged
from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    bad_conversion,
    digit,
    incompatible_types,
)

LANGUAGE = "Perl"

# format-perl.c's format_arg_type: a basic type, or'ed with a sign and a size.
INTEGER, DOUBLE, CHAR, STRING, SCALAR_VECTOR, POINTER, COUNT_POINTER = range(1, 8)
_UNSIGNED = 1 << 3
_SIZE_SHORT = 1 << 4
_SIZE_V = 2 << 4
_SIZE_PTR = 3 << 4
_SIZE_LONG = 4 << 4
_SIZE_LONGLONG = 5 << 4

# Conversions whose type does not depend on the size.
_FIXED = {
    "c": CHAR,
    "s": STRING,
    "_": SCALAR_VECTOR,
    "D": INTEGER | _SIZE_V,
    "U": INTEGER | _UNSIGNED | _SIZE_V,
    "O": INTEGER | _UNSIGNED | _SIZE_V,
    "p": POINTER,
}
# Conversions or'ed with the size.
_SIZED = {
    "i": INTEGER,
    "d": INTEGER,
    **dict.fromkeys("ubxXo", INTEGER | _UNSIGNED),
    **dict.fromkeys("eEfFgG", DOUBLE),
    "n": COUNT_POINTER,
}
_FLAGS = frozenset(" +-#0")
_UINT = 2**32


@dataclasses.dataclass(frozen=True)
class Spec:
    """The arguments a Perl format string takes: (number, type), sorted, one per number."""

    numbered: tuple[tuple[int, int], ...]
    directives: int


def _nonzero_digit(c: str) -> bool:
    return "1" <= c <= "9"


class _Scan:
    """One pass over a Perl format string, as format-perl.c's format_parse reads it."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.args: list[tuple[int, int]] = []
        self.unnumbered = 0
        self.directives = 0

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def number(self, i: int) -> tuple[int, int] | None:
        """'N$' at ``i`` (N starting with 1-9): (N, index after the '$'), or None.

        N is read into an unsigned int the way the C code does, wrapping around; a number
        that wraps to 0 makes the argument an unnumbered one, as in gettext.
        """
        if not _nonzero_digit(self.at(i)):
            return None
        m = 0
        while digit(self.at(i)):
            m = (10 * m + ord(self.text[i]) - 48) % _UINT
            i += 1
        return (m, i + 1) if self.at(i) == "$" else None

    def add(self, number: int, kind: int) -> None:
        """An argument: numbered when ``number`` is not 0, else the next unnumbered one."""
        if not number:
            self.unnumbered += 1
            number = self.unnumbered
        self.args.append((number, kind))

    def vector(self, i: int, number: int) -> tuple[int, bool]:
        """'v', '*v' or '*N$v' at ``i``: (index after it, whether the directive is a vector)."""
        c = self.at(i)
        if c == "v":
            i += 1
        elif c == "*" and self.at(i + 1) == "v":
            # The joining string, an unnumbered argument.
            i += 2
            self.add(0, SCALAR_VECTOR)
        elif c == "*" and (found := self.number(i + 1)) is not None and self.at(found[1]) == "v":
            vector_number, after = found
            i = after + 1
            # gettext adds it even when N wrapped to 0.
            self.args.append((vector_number, SCALAR_VECTOR))
        else:
            return i, False
        self.add(number, SCALAR_VECTOR)
        return i, True

    def star(self, i: int) -> int:
        """'*' or '*N$' at ``i`` (width or precision); the index after it."""
        i += 1
        found = self.number(i)
        number = 0
        if found is not None:
            number, i = found
        self.add(number, INTEGER)
        return i

    def size(self, i: int) -> tuple[int, int]:
        """'h', 'l', 'll', 'L', 'q', 'V', 'I32', 'I64' or 'I' at ``i``: (size, next index)."""
        c = self.at(i)
        if c == "h":
            return _SIZE_SHORT, i + 1
        if c == "l":
            return (_SIZE_LONGLONG, i + 2) if self.at(i + 1) == "l" else (_SIZE_LONG, i + 1)
        if c in ("L", "q"):
            return _SIZE_LONGLONG, i + 1
        if c == "V":
            return _SIZE_V, i + 1
        if c == "I":
            if self.text.startswith("64", i + 1):
                return _SIZE_LONGLONG, i + 3
            if self.text.startswith("32", i + 1):
                return 0, i + 3
            return _SIZE_PTR, i + 1
        return 0, i

    def conversion(self, i: int, size: int) -> int:
        """The type the conversion at ``i`` takes; 0 for '%'."""
        c = self.at(i)
        if c == "%":
            return 0
        if c in _FIXED:
            return _FIXED[c]
        if c in _SIZED and c:
            kind = _SIZED[c]
            if kind == DOUBLE and size in (_SIZE_SHORT, _SIZE_LONG):
                raise self.fail(
                    i,
                    f"In the directive number {self.directives}, the size specifier is "
                    f"incompatible with the conversion specifier '{c}'.",
                )
            return kind | size
        if not c:
            raise self.fail(i - 1, UNTERMINATED)
        raise self.fail(i, bad_conversion(self.directives, c))

    def directive(self, start: int) -> int:
        """The directive whose '%' is at ``start``; the index of its last character."""
        self.marks.set(start, START)
        self.directives += 1
        i = start + 1
        number = 0
        found = self.number(i)
        if found is not None:
            number, i = found
        while self.at(i) in _FLAGS and self.at(i):
            i += 1
        i, vectorize = self.vector(i, number)
        if self.at(i) == "*":
            i = self.star(i)
        elif _nonzero_digit(self.at(i)):
            while digit(self.at(i)):
                i += 1
        if self.at(i) == ".":
            i += 1
            if self.at(i) == "*":
                i = self.star(i)
            else:
                while digit(self.at(i)):
                    i += 1
        size, i = self.size(i)
        kind = self.conversion(i, size)
        if kind and not vectorize:
            self.add(number, kind)
        self.marks.set(i, END)
        return i

    def run(self) -> Spec:
        i = self.text.find("%")
        while i >= 0:
            i = self.directive(i)
            i = self.text.find("%", i + 1)
        return Spec(merged(self.args, incompatible_types, int), self.directives)


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> Spec:
    """format_parse(): the arguments of a Perl format string; raises Invalid with the reason."""
    del translated  # Perl reads msgid and msgstr alike
    return _Scan(text, marks).run()


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-perl.c's format_check: its first complaint, or None."""
    i = j = 0
    want, have = ref.numbered, got.numbered
    while i < len(want) or j < len(have):
        if i < len(want) and (j >= len(have) or want[i][0] < have[j][0]):
            if where.strict:
                return (
                    f"a format specification for argument {want[i][0]} doesn't exist in "
                    f"'{where.pstr}'"
                )
            i += 1
        elif i >= len(want) or want[i][0] > have[j][0]:
            return (
                f"a format specification for argument {have[j][0]}, as in '{where.pstr}', "
                f"doesn't exist in '{where.pid}'"
            )
        else:
            i += 1
            j += 1
    types = dict(want)
    for number, kind in have:
        if types[number] != kind:
            return where.not_same(str(number))
    return None
