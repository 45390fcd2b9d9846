"""GNU Fortran front end internal format strings (``gfc-internal-format``): "%s at %L".

The scanner is gettext 0.21's format-gfc-internal.c.  '%C' (the current locus) takes an
argument number but no argument, so the description is the argument types in order (with
every number up to the highest used) and whether '%C' appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from hatch_minipo.formats import _gcc_elisp as shared
from hatch_minipo.formats.base import (
    END,
    ERROR,
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

LANGUAGE = "GFC internal"

VOID, INTEGER, CHAR, STRING, LOCUS = range(1, 6)
_UNSIGNED = 1 << 3
_LONG = 1 << 4
_PLAIN = {"C": VOID, "L": LOCUS, "c": CHAR, "s": STRING}
_INTEGERS = {"i": INTEGER, "d": INTEGER, "u": INTEGER | _UNSIGNED}


class Spec(NamedTuple):
    """What format-gfc-internal.c keeps of a string."""

    types: tuple[int, ...]  # the argument types, '%C' placeholders left out
    uses_currentloc: bool


class _Scan:
    """One pass over a GFC internal format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.pairs: list[tuple[int, int]] = []
        self.number = 1  # unnumbered directives go on from the last number used
        self.uses_currentloc = False

    def at(self, i: int) -> str:
        # C strings end in NUL: reading past the end sees "".
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def directive(self, i: int, count: int) -> int:
        """The directive whose '%' is at ``i``; the index of its last character."""
        self.marks.set(i, START)
        i += 1
        if self.at(i) == "%":
            return i
        if digit(self.at(i)):
            m, f = read_uint(self.text, i)
            if self.at(f) == "$":
                if m == 0:
                    raise self.fail(f, argno_0(count))
                self.number = m
                i = f + 1
        char = self.at(i)
        kind = _PLAIN.get(char)
        if kind is None:
            size = 0
            if char == "l":
                i += 1
                size = _LONG
                char = self.at(i)
            kind = _INTEGERS.get(char)
            if kind is None:
                if not char:
                    raise self.fail(i - 1, UNTERMINATED)
                raise self.fail(i, bad_conversion(count, char))
            kind |= size
        elif kind == VOID:
            self.uses_currentloc = True
        self.pairs.append((self.number, kind))
        self.number = (self.number + 1) & UINT_MASK
        return i

    def run(self) -> Spec:
        count = 0
        i = self.text.find("%")
        while i >= 0:
            count += 1
            i = self.directive(i, count)
            self.marks.set(i, END)
            i = self.text.find("%", i + 1)
        merged = shared.merge(self.pairs)
        for k, (number, _kind) in enumerate(merged):
            if number != k + 1:
                raise Invalid(
                    f"The string refers to argument number {number} but ignores argument "
                    f"number {k + 1}."
                )
        types = tuple(kind for _number, kind in merged if kind != VOID)
        return Spec(types, self.uses_currentloc)


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> Spec:
    """The argument types and the use of '%C'; raises Invalid with gettext's reason."""
    return _Scan(text, marks).run()


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-gfc-internal.c's format_check: its first complaint, or None."""
    if len(ref.types) != len(got.types) if where.strict else len(ref.types) < len(got.types):
        return where.count_differs()
    for k, kind in enumerate(got.types):
        if ref.types[k] != kind:
            return where.not_same(str(k + 1))
    if ref.uses_currentloc != got.uses_currentloc:
        if ref.uses_currentloc:
            return f"'{where.pid}' uses %C but '{where.pstr}' doesn't"
        return f"'{where.pid}' does not use %C but '{where.pstr}' uses %C"
    return None
