"""GCC internal format strings (``gcc-internal-format``): "%qD declared here", "%<%s%>".

The scanner is gettext 0.21's format-gcc-internal.c: GCC's pretty-print.c directives plus
the C and C++ front ends' tree printers.  The description is the arguments sorted by number,
with their types, and whether '%m' (errno's message) appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from hatch_minipo.formats import _gcc_elisp as shared
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

LANGUAGE = "GCC internal"

INTEGER, CHAR, STRING, POINTER, LOCATION, TREE, TREE_CODE, LANGUAGES = range(1, 9)
_UNSIGNED = 1 << 4
_LONG = 1 << 5
_LONGLONG = 2 << 5
_WIDE = 3 << 5
_DECL = 1 << 7
_STATEMENT = 2 << 7
_FUNCDECL = 3 << 7
_TYPE = 4 << 7
_ARGUMENT = 5 << 7
_EXPRESSION = 6 << 7
_CV = 7 << 7
_BINOP = 1 << 10
_ASSOP = 2 << 10
_FUNCPARAM = 1 << 12

# The conversions whose type does not depend on the size flags.
_TYPES = {
    "c": CHAR,
    "s": STRING,
    "p": POINTER,
    "H": LOCATION,
    "J": TREE | _DECL,
    "K": TREE | _STATEMENT,
    "D": TREE | _DECL,
    "F": TREE | _FUNCDECL,
    "T": TREE | _TYPE,
    "E": TREE | _EXPRESSION,
    "A": TREE | _ARGUMENT,
    "C": TREE_CODE,
    "L": LANGUAGES,
    "O": TREE_CODE | _BINOP,
    "P": INTEGER | _FUNCPARAM,
    "Q": TREE_CODE | _ASSOP,
    "V": TREE | _CV,
}
_INTEGERS = {"i": INTEGER, "d": INTEGER, "o": INTEGER | _UNSIGNED}
_INTEGERS.update(u=INTEGER | _UNSIGNED, x=INTEGER | _UNSIGNED)
# Directives of one character after '%' that take no argument.
_NO_ARGUMENT = frozenset("%<>'")
_FLAGS = frozenset("qlw+#")


class Spec(NamedTuple):
    """What format-gcc-internal.c keeps of a string."""

    args: shared.Args
    uses_err_no: bool


class _Scan:
    """One pass over a GCC internal format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.numbered: list[tuple[int, int]] = []
        self.unnumbered: list[int] = []
        self.uses_err_no = False
        self.count = 0  # directives so far, this one included

    def at(self, i: int) -> str:
        # C strings end in NUL: reading past the end sees "".
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def fail_here(self, i: int, reason: str) -> Invalid:
        # gettext's FDI_SET (*format == '\0' ? format - 1 : format, FMTDIR_ERROR).
        return self.fail(i - 1 if not self.at(i) else i, reason)

    def add(self, number: int, kind: int, position: int) -> None:
        """Record an argument; numbered and unnumbered ones may not be mixed."""
        if number:
            if self.unnumbered:
                raise self.fail(position, MIXES_NUMBERED)
            self.numbered.append((number, kind))
        else:
            if self.numbered:
                raise self.fail(position, MIXES_NUMBERED)
            self.unnumbered.append(kind)

    def flags(self, i: int) -> tuple[int, int]:
        """The flags 'q', 'l' (twice at most) or 'w', '+', '#': (size bits, next index)."""
        seen = {"q": 0, "l": 0, "w": 0, "+": 0, "#": 0}
        while self.at(i) and self.at(i) in _FLAGS:
            c = self.text[i]
            if c == "l":
                refused = seen["l"] > 1 or seen["w"] > 0
            elif c == "w":
                refused = seen["w"] > 0 or seen["l"] > 0
            else:
                refused = seen[c] > 0
            if refused:
                raise self.fail(
                    i, f"In the directive number {self.count}, the flags combination is invalid."
                )
            seen[c] += 1
            i += 1
        sizes = {2: _LONGLONG, 1: _LONG}
        return sizes.get(seen["l"], _WIDE if seen["w"] else 0), i

    def precision(self, i: int, number: int) -> int:
        """'.NNNs', '.*s' or '.*NNN$s' from after the '.'; the index of the 's'."""
        if digit(self.at(i)):
            while digit(self.at(i)):
                i += 1
            if self.at(i) != "s":
                raise self.fail_here(
                    i,
                    UNTERMINATED
                    if not self.at(i)
                    else f"In the directive number {self.count}, a precision is not allowed "
                    f"before '{self.at(i)}'.",
                )
            return i
        if self.at(i) != "*":
            raise self.fail_here(
                i, f"In the directive number {self.count}, the precision specification is invalid."
            )
        i += 1
        precision_number = 0
        if digit(self.at(i)):
            m, f = read_uint(self.text, i)
            if self.at(f) == "$":
                if m == 0:
                    raise self.fail(f, argno_0(self.count, "width's "))
                if self.unnumbered or number == 0:
                    raise self.fail(f, MIXES_NUMBERED)
                if m != number - 1:
                    raise self.fail(
                        f,
                        f"In the directive number {self.count}, the argument number for the "
                        f"precision must be equal to {number - 1}.",
                    )
                precision_number = m
                i = f + 1
        self.add(precision_number, INTEGER, i - 1)
        if self.at(i) != "s":
            raise self.fail_here(
                i,
                UNTERMINATED
                if not self.at(i)
                else f"In the directive number {self.count}, a precision specification is not "
                f"allowed before '{self.at(i)}'.",
            )
        return i

    def directive(self, i: int) -> int:
        """The directive whose '%' is at ``i``; the index of its last character."""
        self.marks.set(i, START)
        self.count += 1
        i += 1
        char = self.at(i)
        if char and char in _NO_ARGUMENT:
            return i
        if char == "m":
            self.uses_err_no = True
            return i
        number = 0
        if digit(char):
            m, f = read_uint(self.text, i)
            if self.at(f) == "$":
                if m == 0:
                    raise self.fail(f, argno_0(self.count))
                number = m
                i = f + 1
        size, i = self.flags(i)
        char = self.at(i)
        kind = _TYPES.get(char)
        if char == ".":
            i = self.precision(i + 1, number)
            kind = STRING
        elif char in _INTEGERS:
            kind = _INTEGERS[char] | size
        elif kind is None:
            # gettext's "flags are not allowed before" wording is unreachable: every
            # conversion it names is a valid one.
            if not char:
                raise self.fail(i - 1, UNTERMINATED)
            raise self.fail(i, bad_conversion(self.count, char))
        self.add(number, kind, i)
        return i

    def run(self) -> Spec:
        i = self.text.find("%")
        while i >= 0:
            i = self.directive(i)
            self.marks.set(i, END)
            i = self.text.find("%", i + 1)
        if self.unnumbered:
            args = tuple((k + 1, kind) for k, kind in enumerate(self.unnumbered))
        else:
            args = shared.merge(self.numbered)
        return Spec(args, self.uses_err_no)


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> Spec:
    """The arguments and the use of '%m'; raises Invalid with gettext's reason."""
    return _Scan(text, marks).run()


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-gcc-internal.c's format_check: its first complaint, or None."""
    complaint = shared.check(ref.args, got.args, where)
    if complaint is not None:
        return complaint
    if ref.uses_err_no != got.uses_err_no:
        if ref.uses_err_no:
            return f"'{where.pid}' uses %m but '{where.pstr}' doesn't"
        return f"'{where.pid}' does not use %m but '{where.pstr}' uses %m"
    return None
