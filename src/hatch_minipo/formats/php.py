"""PHP format strings (``php-format``): sprintf("%s has %2$'*10.2f", ...).

The scanner is gettext 0.21's format-php.c: numbered ("%2$s") and unnumbered directives may
be mixed, an unnumbered one taking the next argument as if numbered ones were not there.
"""

from __future__ import annotations

from hatch_minipo.formats import _printf_numbered as _args
from hatch_minipo.formats.base import (
    END,
    NO_MARKS,
    START,
    UNTERMINATED,
    Marks,
    Where,
    bad_conversion,
    digit,
    read_uint,
)

LANGUAGE = "PHP"

INTEGER, FLOAT, CHARACTER, STRING = range(4)
_TYPES = {**dict.fromkeys("bduoxX", INTEGER), "e": FLOAT, "f": FLOAT, "c": CHARACTER, "s": STRING}
_FLAGS = "0- "


class _Scan:
    """One pass over a PHP format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.pairs: list[tuple[int, int]] = []
        self.directives = 0
        self.unnumbered = 0

    def at(self, i: int) -> str:
        # C strings end in NUL: reading past the end sees "".
        return self.text[i] if i < len(self.text) else ""

    def flags(self, i: int) -> int:
        """Skip the flags at ``i``, "'" and the padding character after it included."""
        while True:
            c = self.at(i)
            if c and c in _FLAGS:
                i += 1
            elif c == "'":
                if self.at(i + 1) == "":
                    raise _args.fail(self.marks, i, UNTERMINATED)
                i += 2
            else:
                return i

    def directive(self, i: int) -> int:
        """The directive whose '%' is at ``i``; the index of its last character."""
        self.marks.set(i, START)
        self.directives += 1
        i += 1
        if self.at(i) == "%":
            self.marks.set(i, END)
            return i
        self.unnumbered += 1
        number = self.unnumbered
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
                self.unnumbered -= 1
        i = self.flags(i)
        while digit(self.at(i)):
            i += 1
        # A '.' without digits: gettext steps back onto it, and it is no conversion.
        if self.at(i) == "." and digit(self.at(i + 1)):
            i += 1
            while digit(self.at(i)):
                i += 1
        if self.at(i) == "l":
            i += 1
        c = self.at(i)
        kind = _TYPES.get(c)
        if kind is None:
            if c == "":
                raise _args.fail(self.marks, i - 1, UNTERMINATED)
            raise _args.fail(self.marks, i, bad_conversion(self.directives, c))
        self.pairs.append((number, kind))
        self.marks.set(i, END)
        return i

    def run(self) -> _args.Args:
        i = self.text.find("%")
        while i >= 0:
            i = self.text.find("%", self.directive(i) + 1)
        return _args.numbered(self.pairs)


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> _args.Args:
    """format_parse: (argument number, type) pairs sorted by number; raises Invalid.

    gettext reads bytes, and the "'" flag takes one byte as the padding.  The wrapper passes
    the bytes (as Latin-1) and marks; the checks pass the real string, read here as its UTF-8
    bytes, so that "%'és" fails as in a UTF-8 catalog ("'" takes half of the 'é').
    """
    text = _args.c_string(text)
    if marks is NO_MARKS and not text.isascii():
        text = text.encode("utf-8", "surrogatepass").decode("latin-1")
    return _Scan(text, marks).run()


def check(ref: _args.Args, got: _args.Args, where: Where) -> str | None:
    """format-php.c's format_check: its first complaint, or None."""
    return _args.check(ref, got, where)
